from __future__ import annotations

import pytest

from cpphub.cli import main
from cpphub.mapping.models import Answer, MapCount, Submission
from cpphub.mapping.tests.child_survey import child_survey, data


@pytest.fixture
def survey(world):
    return child_survey(world.locations["chiang_rai"], world.user("facilitator"))


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A command run from the command line closes every connection when it ends; the test's own must stay."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def state():
    return (Submission.objects.count(), Answer.objects.count(), MapCount.objects.count())


def test_it_imports_a_file_and_says_how_many(world, survey, tmp_path, capsys):
    path = tmp_path / "child-survey.json"
    path.write_bytes(data("child-survey.json"))

    main(["import-submissions", str(path), "--instrument", str(survey.pk)])  # returns: exit status 0

    assert capsys.readouterr().out.strip() == "Imported 12 submissions (0 already there, 1 without consent)."
    assert Submission.objects.count() == 12

    main(["import-submissions", str(path), "--instrument", str(survey.pk)])

    assert capsys.readouterr().out.strip() == "Imported 0 submissions (12 already there, 1 without consent)."


def test_drop_and_pseudonymise_columns(world, survey, tmp_path, capsys):
    path = tmp_path / "names.csv"
    path.write_text(
        "_uuid,assent,about/participant_code,about/age_band,about/sex,child_name,phone\n"
        "u-1,yes,P-1,10_12,girl,Ana Souza,081 234 5678\n"
    )

    main(
        [
            "import-submissions",
            str(path),
            "--instrument",
            str(survey.pk),
            "--drop",
            "phone",
            "--pseudonymise",
            "child_name",
        ]
    )

    assert "Imported 1 submissions" in capsys.readouterr().out
    assert not Answer.objects.filter(value__icontains="Ana").exists()


@pytest.mark.parametrize(
    ("name", "content", "arguments", "reason"),
    [
        ("corrupt.xlsx", b"not a spreadsheet", [], "not a readable XLSX spreadsheet"),
        ("cut.json", b'{"results": [{"assent": "ye', [], "line 1, column 25"),
        ("names.csv", b"_uuid,assent,nome\nu-1,yes,Ana\n", [], "Column nome looks like it holds names"),
        (
            "choice.csv",
            b"_uuid,assent,about/participant_code,about/age_band\nu-1,yes,P-1,10_12\nu-2,maybe,P-2,10_12\n",
            [],
            "Row 3, column assent: 'maybe' is not a choice of this question (yes, no).",
        ),
        ("ok.json", b"[]", ["--location", "atlantis"], "belongs to Chiang Rai"),
    ],
    ids=["corrupt", "truncated", "name-column", "unknown-choice", "wrong-location"],
)
def test_bad_input_is_a_one_line_reason_and_changes_nothing(
    world, survey, tmp_path, capsys, name, content, arguments, reason
):
    path = tmp_path / name
    path.write_bytes(content)
    before = state()

    with pytest.raises(SystemExit) as exited:
        main(["import-submissions", str(path), "--instrument", str(survey.pk), *arguments])

    assert exited.value.code != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert reason in err
    assert state() == before


def test_an_unknown_instrument_is_a_clear_error(world, tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_bytes(b"[]")
    with pytest.raises(SystemExit) as exited:
        main(["import-submissions", str(path), "--instrument", "999999"])
    assert exited.value.code != 0
    assert "999999" in capsys.readouterr().err
