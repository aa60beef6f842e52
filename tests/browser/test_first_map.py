"""A facilitator's first risk map, in Debian's Chromium driven by Playwright.

Imports the shipped child survey for Chiang Rai, tags one of its questions to
the 4Cs, imports the answers Kobo's data API served, sees the map with its
small counts hidden, switches it to Thai and downloads the heat map as XLSX.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from conftest import PASSWORD, build_world
from cpphub.mapping.models import MapCount, Question, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD_SURVEY = Path(__file__).resolve().parents[2] / "cpphub" / "mapping" / "instruments" / "child-survey.csv"
AGE_BANDS = ["10_12", "13_15", "16_17"]


def translated(text: str, language: str) -> str:
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result


def kobo_export(path: Path, children: int) -> Path:
    """What Kobo's /api/v2/assets/{uid}/data/ serves: ``children`` submissions, one in three uneasy about a contact."""
    results = []
    for number in range(1, children + 1):
        submission = str(uuid.UUID(int=number))
        results.append(
            {
                "assent": "yes",
                "about/participant_code": f"CR-{number:04d}",
                "about/age_band": AGE_BANDS[number % 3],
                "about/sex": "girl" if number % 2 else "boy",
                "going_online/devices": "own_mobile",
                "going_online/how_often": "daily",
                "uncomfortable/contact_uneasy": "yes" if number % 3 == 0 else "no",
                "uncomfortable/where_happened": "chatroom",
                "staying_safe/knows_helpline": "yes",
                "_id": 50000 + number,
                "_uuid": submission,
                "meta/instanceID": f"uuid:{submission}",
                "_submission_time": "2026-03-02T03:15:00",
                "_attachments": [],
                "_tags": [],
            }
        )
    path.write_text(json.dumps({"count": len(results), "next": None, "previous": None, "results": results}))
    return path


def test_a_facilitator_imports_a_form_and_answers_sees_the_map_in_thai_and_downloads_it(
    page: Page, live_server, tmp_path
):
    world = build_world()
    facilitator = world.users["facilitator"]
    chiang_rai = world.locations["chiang_rai"]
    base = live_server.url

    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", facilitator.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_contain_text("Mapping")

    # The instrument: the shipped child survey, as a Chiang Rai form.
    page.goto(f"{base}/mapping/instruments/import/")
    page.set_input_files("input[name='file']", str(CHILD_SURVEY))
    page.select_option("select[name='location']", str(chiang_rai.pk))
    page.locator("main form button[type='submit']").last.click()
    expect(page.locator("main h1")).to_contain_text("Children online")
    expect(page.locator("main")).to_contain_text("ไทย (th)")

    # Tag "has someone you know only online asked you for things that made you uneasy" as a sexual contact risk.
    question = Question.objects.get(instrument__location=chiang_rai, name="contact_uneasy")
    tags = page.locator(f"#tags-question-{question.pk}")
    tags.get_by_role("link", name="Edit tags").click()
    form = page.locator(f"form#tags-question-{question.pk}")
    form.locator("select[name='risk_dimension']").select_option("contact")
    form.locator("select[name='risk_row']").select_option("sexual")
    form.locator("button[type='submit']").click()
    expect(page.locator(f"#tags-question-{question.pk}")).to_contain_text("Contact · Sexual")

    # The answers, as Kobo's data API served them.
    page.get_by_role("button", name="Import submissions").click()
    page.set_input_files("input[name='file']", str(kobo_export(tmp_path / "kobo.json", children=45)))
    page.locator("main form button[type='submit']").last.click()
    expect(page.locator("main")).to_contain_text("45")
    assert Submission.objects.filter(location=chiang_rai).count() == 45
    uneasy = MapCount.objects.filter(location=chiang_rai, key="risk:contact:sexual").values_list("n", flat=True)
    assert sum(uneasy) == 15

    # The map of Chiang Rai: 15 children uneasy about a contact; the small groups hidden.
    page.goto(f"{base}/mapping/map/?location={chiang_rai.slug}")
    heatmap = page.locator("table.heatmap")
    expect(heatmap).to_contain_text("15")
    by_group = page.locator("main")
    expect(by_group).to_contain_text("<10")

    # In Thai.
    page.wait_for_load_state("load")
    page.select_option("#language-select", "th")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("main h1")).to_contain_text(translated("Risk and strength map", "th"))
    expect(page.locator("table.heatmap")).to_contain_text(translated("Contact", "th"))

    # The table by age band and sex downloads as XLSX: hidden counts are empty cells, never a number from 1 to 9.
    with page.expect_download() as download_info:
        page.locator("a[href*='export.xlsx'][href*='table=by_group']").first.click()
    path = tmp_path / "by-group.xlsx"
    download_info.value.save_as(path)
    header, _hxl, *rows = openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    count = header.index(translated("Submissions", "th"))
    counts = [row[count] for row in rows]
    assert 15 in counts
    assert None in counts
    assert not [value for value in counts if value is not None and 1 <= value <= 9]
