"""The shipped child survey, imported and tagged, and the submission files made for it (tests/data/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cpphub.mapping.models import Choice, Instrument
from cpphub.mapping.services.instruments import instrument_import, instrument_tag

DATA = Path(__file__).resolve().parent / "data"
INSTRUMENTS = Path(__file__).resolve().parent.parent / "instruments"


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def child_survey(location: Any, acting_user: Any = None) -> Instrument:
    """The child survey of ``location``, with a few questions and choices tagged."""
    instrument = instrument_import(
        file_name="child-survey.csv",
        content=(INSTRUMENTS / "child-survey.csv").read_bytes(),
        location=location,
        acting_user=acting_user,
    )
    questions = {question.name: question for question in instrument.questions.all()}
    instrument_tag(
        question_or_choice=questions["contact_uneasy"],
        risk_dimension="contact",
        risk_row="sexual",
        ict_tags=["grooming"],
        acting_user=acting_user,
    )
    instrument_tag(question_or_choice=questions["content_upset"], risk_dimension="content", acting_user=acting_user)
    choices = Choice.objects.filter(question__instrument=instrument)
    instrument_tag(
        question_or_choice=choices.get(question__name="where_happened", name="webcam"),
        channels=["webcam"],
        acting_user=acting_user,
    )
    instrument_tag(
        question_or_choice=choices.get(question__name="what_helps", name="trusted_adult"),
        strength="trusted_adult",
        acting_user=acting_user,
    )
    return instrument
