from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cpphub.mapping.models import Choice, Question
from cpphub.mapping.services.instruments import instrument_import

INSTRUMENTS = Path(__file__).resolve().parent.parent / "instruments"
LANGUAGES = ["English (en)", "Português (pt)", "ไทย (th)"]
SHIPPED = {
    "child-survey.csv": "cpp_child_survey",
    "key-informant-guide.csv": "cpp_key_informant_guide",
    "focus-group-sheet.csv": "cpp_focus_group_sheet",
}


@pytest.mark.parametrize(("file_name", "form_id"), SHIPPED.items())
def test_a_shipped_instrument_imports_in_all_three_languages(world, file_name, form_id):
    path = INSTRUMENTS / file_name
    instrument = instrument_import(
        file_name=path.name, content=path.read_bytes(), location=world.locations["chiang_rai"], acting_user=None
    )
    assert instrument.form_id == form_id
    assert instrument.default_language == "English (en)"
    assert instrument.languages == LANGUAGES
    questions = list(Question.objects.filter(instrument=instrument).order_by("order"))
    assert questions
    for question in questions:
        assert sorted(question.labels) == sorted(LANGUAGES), question.path
        assert all(text.strip() for text in question.labels.values()), question.path
        assert not question.hints or sorted(question.hints) == sorted(LANGUAGES), question.path
    for choice in Choice.objects.filter(question__instrument=instrument):
        assert sorted(choice.labels) == sorted(LANGUAGES), str(choice)
    if file_name == "child-survey.csv":
        assert questions[0].name == "assent"
        assert [choice.name for choice in questions[0].choices.order_by("order")] == ["yes", "no"]
        assert all(relevant == "${assent} = 'yes'" for relevant in _top_level_relevant(path))
        assert not [q.name for q in questions if any(word in q.name.lower() for word in ("name", "phone", "email"))]
    if file_name == "focus-group-sheet.csv":
        assert Question.objects.filter(instrument=instrument, kind=Question.Kind.REPEAT, name="finding").exists()


def _top_level_relevant(path: Path) -> list[str]:
    """The ``relevant`` of every top-level survey row after the first (the assent question)."""
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    survey = [dict(zip(header, row, strict=False)) for row in rows[1:]]
    survey = survey[: next(i for i, row in enumerate(survey) if row["survey"])]
    top: list[str] = []
    depth = 0
    for row in survey[1:]:
        kind = row["type"]
        if kind.startswith("end_"):
            depth -= 1
            continue
        if depth == 0:
            top.append(row["relevant"])
        if kind.startswith("begin_"):
            depth += 1
    assert top
    return top


def test_every_shipped_file_is_tested():
    assert sorted(path.name for path in INSTRUMENTS.glob("*.csv")) == sorted(SHIPPED)
