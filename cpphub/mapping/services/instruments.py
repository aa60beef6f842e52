"""Every write of the Map stage's instruments: imported from XLSForm, tagged, audited in one transaction."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import openpyxl
import xlrd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.mapping.models import Choice, Instrument, Question, Submission
from cpphub.mapping.services.submissions import counts_rebuild
from cpphub.partnership.models import PilotLocation

SUFFIXES = (".xlsx", ".xls", ".csv")
# pyxform's names for the item types; the rest are kept as pyxform gives them.
SELECT_TYPES = {"select one": "select_one", "select all that apply": "select_multiple"}
SECTION_KINDS = {"group": Question.Kind.GROUP, "repeat": Question.Kind.REPEAT}
DEFAULT_LANGUAGE = "default"  # pyxform's name for the language of a form without translations


def _unreadable() -> ValidationError:
    return ValidationError(
        _("The file is not a readable spreadsheet: save it again as .xlsx, .xls or UTF-8 .csv."), code="unreadable"
    )


def _check_readable(path: Path, suffix: str) -> None:
    """Open the file the way pyxform will, so a corrupt file gets a clear message rather than pyxform's."""
    try:
        if suffix == ".xlsx":
            openpyxl.load_workbook(path, read_only=True).close()
        elif suffix == ".xls":
            xlrd.open_workbook(str(path)).release_resources()
        else:
            path.read_bytes().decode("utf-8-sig")
    except Exception as exc:
        raise _unreadable() from exc


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _convert(*, file_name: str, content: bytes) -> dict[str, Any]:
    """pyxform's JSON of the XLSForm ``content``, or a ValidationError with pyxform's message."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            _("{name} is not an XLSForm: upload a .xlsx, .xls or .csv file.").format(name=file_name),
            code="suffix",
        )
    # pyxform falls back on the file name for the form id, so keep the stem, made safe for XML.
    stem = re.sub(r"\W", "_", Path(file_name).stem, flags=re.ASCII).strip("_") or "form"
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"{stem}{suffix}"
        path.write_bytes(content)
        _check_readable(path, suffix)
        try:
            result = convert(xlsform=path, validate=False)
        except PyXFormError as exc:
            raise ValidationError(_one_line(str(exc)), code="pyxform") from exc
    if result._survey is None:  # pragma: no cover - pyxform always returns the survey
        raise _unreadable()
    return result._survey.to_json_dict()


def _texts(value: Any, default_language: str) -> dict[str, str]:
    """A label or hint as ``{language: text}``; pyxform gives a plain string for a single-language form."""
    if isinstance(value, Mapping):
        return {str(language): str(text) for language, text in value.items() if text not in (None, "")}
    if value in (None, ""):
        return {}
    return {default_language: str(value)}


class _Walk:
    """Turns pyxform's tree of survey elements into Question and Choice rows, in form order."""

    def __init__(self, instrument: Instrument, default_language: str) -> None:
        self.instrument = instrument
        self.default_language = default_language
        self.order = 0
        self.languages: list[str] = []
        self.questions = 0
        self.choices = 0

    def _note(self, texts: Mapping[str, str]) -> None:
        self.languages.extend(language for language in texts if language not in self.languages)

    def children(self, elements: Iterable[Mapping[str, Any]], parent: Question | None) -> None:
        for element in elements:
            if parent is None and element.get("name") == "meta" and element.get("control", {}).get("bodyless"):
                continue  # pyxform's own meta group (instanceID), not part of the instrument
            self.element(element, parent)

    def element(self, element: Mapping[str, Any], parent: Question | None) -> None:
        pyxform_type = str(element.get("type", ""))
        kind = SECTION_KINDS.get(pyxform_type, Question.Kind.QUESTION)
        name = str(element.get("name", ""))
        item_type = pyxform_type
        if pyxform_type in SELECT_TYPES:
            item_type = f"{SELECT_TYPES[pyxform_type]} {element.get('list_name') or element.get('itemset', '')}".strip()
        labels = _texts(element.get("label"), self.default_language)
        hints = _texts(element.get("hint"), self.default_language)
        self._note(labels)
        self._note(hints)
        self.order += 1
        question = Question.objects.create(
            instrument=self.instrument,
            parent=parent,
            kind=kind,
            name=name,
            path=f"{parent.path}/{name}" if parent else name,
            type=item_type,
            labels=labels,
            hints=hints,
            order=self.order,
        )
        if kind == Question.Kind.QUESTION:
            self.questions += 1
            options = element.get("children") or []
            for position, option in enumerate(options, start=1):
                option_labels = _texts(option.get("label"), self.default_language)
                self._note(option_labels)
                Choice.objects.create(
                    question=question, name=str(option.get("name", "")), labels=option_labels, order=position
                )
            self.choices += len(options)
        else:
            self.children(element.get("children") or [], question)


@transaction.atomic
def instrument_import(
    *, file_name: str, content: bytes, location: PilotLocation | None, acting_user: Any
) -> Instrument:
    """Convert an XLSForm with pyxform and store it as an instrument with its questions and choices.

    A form pyxform refuses, or a file that is not a readable spreadsheet, raises a
    ValidationError with the reason, and nothing is saved.
    """
    form = _convert(file_name=file_name, content=content)
    default_language = str(form.get("default_language") or DEFAULT_LANGUAGE)
    instrument = Instrument(
        title=str(form.get("title") or form.get("id_string") or Path(file_name).stem)[:300],
        form_id=str(form.get("id_string") or "")[:200],
        version=str(form.get("version") or "")[:100],
        location=location,
        default_language=default_language,
        form_json=form,
        source_file_name=Path(file_name).name[:255],
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    instrument.full_clean()
    instrument.save()
    walk = _Walk(instrument, default_language)
    walk.children(form.get("children") or [], None)
    languages = walk.languages or [default_language]
    if default_language in languages:  # the default language first, the others in the order of the form
        languages.remove(default_language)
        languages.insert(0, default_language)
    instrument.languages = languages
    instrument.save(update_fields=["languages"])
    state = {key: value for key, value in snapshot(instrument).items() if key != "form_json"}
    changes: dict[str, Any] = diff({}, state)
    changes["questions"] = [None, walk.questions]
    changes["choices"] = [None, walk.choices]
    audit_record(action=AuditEvent.Action.CREATE, acting_user=acting_user, obj=instrument, changes=changes)
    return instrument


@transaction.atomic
def instrument_tag(
    *,
    question_or_choice: Question | Choice,
    risk_dimension: str | None = None,
    risk_row: str | None = None,
    ict_tags: list[str] | None = None,
    channels: list[str] | None = None,
    strength: str | None = None,
    acting_user: Any,
) -> Question | Choice:
    """Tag a question or a choice with the risk taxonomy; an argument left as None is left unchanged.

    The counts of the instrument's stored submissions are recounted with the new tags.
    """
    item = type(question_or_choice)._default_manager.select_for_update().get(pk=question_or_choice.pk)
    before = snapshot(item)
    given = {
        "risk_dimension": risk_dimension,
        "risk_row": risk_row,
        "ict_tags": None if ict_tags is None else list(ict_tags),
        "channels": None if channels is None else list(channels),
        "strength": strength,
    }
    for field, value in given.items():
        if value is not None:
            setattr(item, field, value)
    item.full_clean()
    changes = diff(before, snapshot(item))
    if changes:
        item.save()
        audit_record(action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=item, changes=changes)
        # The counts of the risk map follow the tags of answers already stored.
        instrument = item.question.instrument if isinstance(item, Choice) else item.instrument
        if Submission.objects.filter(instrument=instrument).exists():
            counts_rebuild(instrument=instrument)
    return item
