"""Every page speaks English, Portuguese (Brazil) and Thai.

The catalogs must be complete (no untranslated or fuzzy entry), keep every
placeholder of the English text, be up to date with the source (a string
marked for translation but missing from a catalog fails), and be compiled.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "cpphub" / "locale"
LANGUAGES = ["pt_BR", "th"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_has_no_untranslated_or_fuzzy_entry(language):
    po = catalog(language)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert len(po) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language):
    wrong = []
    for entry in catalog(language).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                if (
                    sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid_plural))
                    and sorted(PLACEHOLDER.findall(text)) != expected
                ):
                    wrong.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != expected:
            wrong.append(entry.msgid)
    assert not wrong, f"{language}: placeholders differ in {wrong[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_the_source_catalog(language):
    po = catalog(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    assert compiled == source, f"{language}: run `make messages` to compile the catalog"


def test_every_string_marked_in_the_source_is_in_the_catalogs(tmp_path):
    assert shutil.which("xgettext"), "gettext is needed: `make test` installs it (system-deps)"
    work = tmp_path / "cpphub"
    shutil.copytree(
        ROOT / "cpphub",
        work,
        ignore=shutil.ignore_patterns("vendor", "geo", "__pycache__", "*.mo", "tests"),
    )
    # Extract into the copy, never into the real catalogs.
    (tmp_path / "extract_settings.py").write_text(
        f"from cpphub.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(work / 'locale')!r}]\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}:{ROOT}", "DJANGO_SETTINGS_MODULE": "extract_settings"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            "pt_BR",
            "--locale",
            "th",
            "--no-location",
            "--ignore",
            "static/*",
        ],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
    )
    for language in LANGUAGES:
        fresh = polib.pofile(str(work / "locale" / language / "LC_MESSAGES" / "django.po"))
        committed = {(e.msgctxt, e.msgid) for e in catalog(language) if not e.obsolete}
        missing = sorted((e.msgid for e in fresh if not e.obsolete and (e.msgctxt, e.msgid) not in committed), key=str)
        assert not missing, f"{language}: run `make messages`; not in the catalog: {missing[:5]}"
