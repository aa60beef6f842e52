"""Reads of the Map stage's instruments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch

from cpphub.mapping.models import Choice, Instrument, Question


@dataclass(frozen=True)
class LabelledChoice:
    choice: Choice
    name: str
    label: str


@dataclass(frozen=True)
class LabelledQuestion:
    question: Question
    name: str
    path: str
    kind: str
    type: str
    depth: int
    label: str
    hint: str
    choices: list[LabelledChoice]


def _in_language(texts: Mapping[str, str], language: str, default_language: str) -> str:
    """The text in ``language``, else in the form's default language, else in any language it has."""
    for candidate in (language, default_language):
        if texts.get(candidate):
            return texts[candidate]
    return next((text for text in texts.values() if text), "")


def instrument_labels(instrument: Instrument, language: str) -> list[LabelledQuestion]:
    """The instrument's items in form order, with their nesting depth, labelled in ``language``.

    ``language`` is one of the form's language names (``"ไทย (th)"``); a missing
    translation falls back on the form's default language.
    """
    default = instrument.default_language
    questions = instrument.questions.order_by("order").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("order"))
    )
    return [
        LabelledQuestion(
            question=question,
            name=question.name,
            path=question.path,
            kind=question.kind,
            type=question.type,
            depth=question.depth,
            label=_in_language(question.labels, language, default),
            hint=_in_language(question.hints, language, default),
            choices=[
                LabelledChoice(choice=choice, name=choice.name, label=_in_language(choice.labels, language, default))
                for choice in question.choices.all()
            ],
        )
        for question in questions
    ]
