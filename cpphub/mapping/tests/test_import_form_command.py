from __future__ import annotations

import pytest

from cpphub.audit.models import AuditEvent
from cpphub.cli import main
from cpphub.mapping.models import Choice, Instrument, Question
from cpphub.mapping.tests.forms import SURVEY, xlsx


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A command run from the command line closes every connection when it ends; the test's own must stay."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def counts() -> tuple[int, int, int, int]:
    return (Instrument.objects.count(), Question.objects.count(), Choice.objects.count(), AuditEvent.objects.count())


def test_it_imports_a_good_file_and_prints_the_counts(world, tmp_path, capsys):
    path = tmp_path / "children_online.xlsx"
    path.write_bytes(xlsx())
    main(["import-form", str(path), "--location", "chiang-rai"])  # returns, so the exit status is 0
    out = capsys.readouterr().out.strip()
    assert out == (
        "Imported instrument Children online: 3 questions, 4 choices, languages English (en), Português (pt), ไทย (th)"
    )
    instrument = Instrument.objects.get()
    assert instrument.location == world.locations["chiang_rai"]
    assert AuditEvent.objects.get(object_type="mapping.instrument").actor is None


@pytest.mark.parametrize(
    ("name", "content", "location", "reason"),
    [
        ("bad.xlsx", xlsx([*SURVEY, ["select_one missing", "q", "Q", "Q", "Q"]]), "chiang-rai", "missing"),
        ("corrupt.xlsx", b"not a spreadsheet at all", "chiang-rai", "not a readable spreadsheet"),
        ("form.xlsx", xlsx(), "atlantis", "atlantis"),
    ],
    ids=["pyxform-error", "corrupt", "unknown-location"],
)
def test_it_refuses_bad_input_with_a_one_line_reason(world, tmp_path, capsys, name, content, location, reason):
    path = tmp_path / name
    path.write_bytes(content)
    before = counts()
    with pytest.raises(SystemExit) as exited:
        main(["import-form", str(path), "--location", location])
    assert exited.value.code != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert reason in err
    assert counts() == before


def test_a_missing_file_is_a_clear_error(world, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["import-form", str(tmp_path / "nowhere.xlsx")])
    assert exited.value.code != 0
    assert "nowhere.xlsx" in capsys.readouterr().err
