from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Choice, Question
from cpphub.mapping.services.instruments import instrument_import, instrument_tag
from cpphub.mapping.tests.forms import xlsx


@pytest.fixture
def instrument(world):
    return instrument_import(file_name="form.xlsx", content=xlsx(), location=None, acting_user=None)


def test_it_tags_a_question_and_audits_it(world, instrument):
    question = instrument.questions.get(name="online")
    instrument_tag(
        question_or_choice=question,
        risk_dimension="contact",
        risk_row="sexual",
        ict_tags=["sextortion", "grooming", "grooming"],
        channels=["webcam"],
        acting_user=world.user("facilitator"),
    )
    question.refresh_from_db()
    assert (question.risk_dimension, question.risk_row) == ("contact", "sexual")
    assert question.ict_tags == ["grooming", "sextortion"]
    assert question.channels == ["webcam"]
    event = AuditEvent.objects.get(object_type="mapping.question", object_id=str(question.pk))
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes["risk_dimension"] == ["", "contact"]


def test_it_tags_a_choice_with_a_strength(world, instrument):
    choice = Choice.objects.get(question__instrument=instrument, name="yes")
    instrument_tag(question_or_choice=choice, strength="trusted_adult", acting_user=None)
    choice.refresh_from_db()
    assert choice.strength == "trusted_adult"
    assert choice.ict_tags == []


@pytest.mark.parametrize(
    ("tags", "field"),
    [
        ({"ict_tags": ["grooming", "phishing"]}, "ict_tags"),
        ({"channels": ["telegraph"]}, "channels"),
        ({"risk_dimension": "commerce"}, "risk_dimension"),
        ({"risk_row": "violent"}, "risk_row"),
        ({"strength": "luck"}, "strength"),
    ],
)
def test_it_refuses_unknown_codes_and_changes_nothing(world, instrument, tags, field):
    question = instrument.questions.get(name="age")
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        instrument_tag(question_or_choice=question, acting_user=None, **tags)
    assert field in caught.value.message_dict
    assert AuditEvent.objects.count() == events
    stored = Question.objects.get(pk=question.pk)
    assert (stored.risk_dimension, stored.risk_row, stored.ict_tags, stored.channels, stored.strength) == (
        "",
        "",
        [],
        [],
        "",
    )
