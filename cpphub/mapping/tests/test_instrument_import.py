from __future__ import annotations

import os

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Choice, Instrument, Question
from cpphub.mapping.services.instruments import instrument_import
from cpphub.mapping.tests.forms import CSV, LANGS, SURVEY, xlsx


def counts() -> tuple[int, int, int, int]:
    return (Instrument.objects.count(), Question.objects.count(), Choice.objects.count(), AuditEvent.objects.count())


def test_it_imports_a_multi_language_form_with_a_group_and_a_repeat(world):
    instrument = instrument_import(
        file_name="children online.xlsx",
        content=xlsx(),
        location=world.locations["chiang_rai"],
        acting_user=world.user("facilitator"),
    )
    assert (instrument.title, instrument.form_id, instrument.version) == (
        "Children online",
        "children_online",
        "2026-11",
    )
    assert instrument.location == world.locations["chiang_rai"]
    assert instrument.languages == LANGS
    assert instrument.default_language == "English (en)"
    assert instrument.source_file_name == "children online.xlsx"
    assert instrument.form_json["id_string"] == "children_online"
    rows = list(instrument.questions.order_by("order").values_list("path", "kind", "type", "parent__name"))
    assert rows == [
        ("about", "group", "group", None),
        ("about/age", "question", "integer", "about"),
        ("about/online", "question", "select_one yes_no", "about"),
        ("devices", "repeat", "repeat", None),
        ("devices/channel", "question", "select_multiple channel", "devices"),
    ]
    age = instrument.questions.get(name="age")
    assert age.labels == dict(zip(LANGS, ["How old are you?", "Quantos anos você tem?", "คุณอายุเท่าไร"], strict=True))
    assert age.depth == 1
    online = instrument.questions.get(name="online")
    assert list(online.choices.values_list("name", flat=True)) == ["yes", "no"]
    assert online.choices.get(name="no").labels == {"English (en)": "No", "Português (pt)": "Não", "ไทย (th)": "ไม่"}
    assert "ไทย (th)" not in online.labels  # an empty translation is not stored
    assert Choice.objects.filter(question__instrument=instrument).count() == 4


def test_the_creation_is_audited(world):
    instrument = instrument_import(
        file_name="form.xlsx", content=xlsx(), location=None, acting_user=world.user("coordinator")
    )
    event = AuditEvent.objects.get(object_type="mapping.instrument", object_id=str(instrument.pk))
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor == world.user("coordinator")
    assert event.changes["questions"] == [None, 3]
    assert event.changes["choices"] == [None, 4]
    assert "form_json" not in event.changes


def test_it_imports_a_csv_xlsform(world):
    instrument = instrument_import(file_name="csv_form.csv", content=CSV, location=None, acting_user=None)
    assert instrument.title == "CSV form"
    assert instrument.location is None
    assert instrument.languages == ["default"]
    assert list(instrument.questions.values_list("path", "type")) == [
        ("age", "integer"),
        ("online", "select_one yes_no"),
    ]
    assert instrument.questions.get(name="age").labels == {"default": "How old are you?"}
    assert instrument.created_by is None


@pytest.mark.parametrize(
    ("survey", "message"),
    [
        ([*SURVEY, ["select_one missing", "q", "Q", "Q", "Q"]], "missing"),
        ([*SURVEY[:3], ["integer", "age", "Again", "De novo", "อีก"], *SURVEY[3:]], "age"),
    ],
    ids=["missing-choice-list", "duplicate-name"],
)
def test_it_refuses_a_form_pyxform_rejects_and_saves_nothing(world, survey, message):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        instrument_import(file_name="bad.xlsx", content=xlsx(survey), location=None, acting_user=None)
    assert message in caught.value.messages[0]
    assert "\n" not in caught.value.messages[0]
    assert counts() == before


@pytest.mark.parametrize("file_name", ["corrupt.xlsx", "corrupt.xls"])
def test_it_refuses_a_corrupt_file_with_a_clear_message(world, file_name):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        instrument_import(file_name=file_name, content=os.urandom(2048), location=None, acting_user=None)
    assert "not a readable spreadsheet" in caught.value.messages[0]
    assert counts() == before


def test_it_refuses_an_unknown_suffix(world):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        instrument_import(file_name="form.pdf", content=xlsx(), location=None, acting_user=None)
    assert "form.pdf" in caught.value.messages[0]
    assert counts() == before
