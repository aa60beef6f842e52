"""What the columns of submission records are: questions of the instrument, Kobo's meta, identifying columns."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpphub.mapping import identifiers
from cpphub.mapping.map_counts import Item, instrument_items
from cpphub.mapping.models import (
    AgeBand,
    InformantRole,
    Instrument,
    Sex,
)
from cpphub.mapping.submission_files import ROW_KEY

PARTICIPANT_CODE_NAMES = ("participant_code", "informant_code")
CONSENT_NAMES = ("assent", "consent", "caregiver_consent", "consent_confirmed")
AGE_BAND_NAMES = ("age_band",)
SEX_NAMES = ("sex",)
ROLE_NAMES = ("informant_role", "role")
SEX_VALUES = {
    "girl": Sex.FEMALE,
    "boy": Sex.MALE,
    "prefer_not": Sex.NOT_STATED,
    "female": Sex.FEMALE,
    "male": Sex.MALE,
    "not_stated": Sex.NOT_STATED,
    "f": Sex.FEMALE,
    "m": Sex.MALE,
}
AGE_BANDS = frozenset(AgeBand.values)
ROLES = frozenset(InformantRole.values)
# Kobo's and ODK's own fields, never stored: everything starting with "_", "meta/" or "formhub/", and these.
META_NAMES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "instanceID",
        "instanceName",
        "deprecatedID",
    }
)
UUID_KEYS = ("_uuid", "meta/instanceID", "instanceID", "meta/instanceId")
TIME_KEYS = ("_submission_time", "end", "start")
DROP, PSEUDONYMISE = "drop", "pseudonymise"
ACTIONS = (DROP, PSEUDONYMISE)
UUID_NAMESPACE = uuid.UUID("2f1c8c7e-5b7a-4c65-9d7c-0c2b7e1f9a10")
SUBMISSION_COLUMNS = (
    "id",
    "uuid",
    "instrument_id",
    "location_id",
    "session_id",
    "participant_id",
    "round",
    "perspective",
    "age_band",
    "sex",
    "submitted_at",
    "source",
    "job_id",
)

# Submission ids are taken from the database this many at a time.
ID_BLOCK = 5000
# How many checked values of a question are remembered (the choices and numbers that come back again and again).
KNOWN_VALUES = 10_000

# What a column of a record is.
SKIP, QUESTION, BREAKOUT, UNKNOWN = "skip", "question", "breakout", "unknown"


class RowError(ValidationError):
    """A bad value in a record: the message names the row and the column; ``row`` and ``column`` say them too."""

    def __init__(self, reason: str, *, row: int, column: str = "") -> None:
        if column:
            message = _("Row {row}, column {column}: {reason}").format(row=row, column=column, reason=reason)
        else:
            message = _("Row {row}: {reason}").format(row=row, reason=reason)
        super().__init__(message, code="row")
        self.row = row
        self.column = column
        self.reason = reason


class IdentifyingColumns(ValidationError):
    """Columns that look identifying and have no action yet; ``columns`` maps each to what it seems to hold."""

    def __init__(self, columns: Mapping[str, str]) -> None:
        super().__init__([identifying_message(column, kind) for column, kind in columns.items()], code="identifying")
        self.columns = dict(columns)


def identifying_message(column: str, kind: str) -> str:
    what = {
        identifiers.NAME: _("names"),
        identifiers.PHONE_NUMBER: _("phone numbers"),
        identifiers.EMAIL_ADDRESS: _("email addresses"),
        identifiers.ADDRESS: _("home addresses"),
        identifiers.HANDLE_OR_LINK: _("social media handles or links"),
    }.get(kind, _("something that identifies people"))
    return _("Column {column} looks like it holds {what}: choose to pseudonymise or drop it.").format(
        column=column, what=what
    )


@dataclass
class IngestResult:
    created: int = 0  # submissions added
    skipped: int = 0  # already there (same uuid)
    declined: int = 0  # the participant said no to the consent/assent question: not stored


def pseudonym(value: str) -> str:
    """A stable pseudonym for an identifying value: a keyed hash (HMAC-SHA256 with the secret key)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), " ".join(value.split()).casefold().encode(), hashlib.sha256)
    return "PS-" + digest.hexdigest()[:12].upper()


def is_meta(column: str) -> bool:
    return column.startswith(("_", "meta/", "formhub/")) or column in META_NAMES


def validated_actions(column_actions: Mapping[str, str] | None) -> dict[str, str]:
    actions = dict(column_actions or {})
    for column, action in actions.items():
        if action not in ACTIONS:
            raise ValidationError(
                _("Choose pseudonymise or drop for column {column}, not {action}.").format(
                    column=column, action=str(action)[:40]
                ),
                code="action",
            )
    return actions


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    item: Item | None = None
    action: str = ""  # "", DROP or PSEUDONYMISE
    role: str = ""  # "code", "consent", "age_band", "sex", "role" for the questions that say who answered


class Form:
    """An instrument ready to read records: what each column is, and the questions that say who answered."""

    def __init__(self, instrument: Instrument, actions: Mapping[str, str]) -> None:
        self.instrument = instrument
        self.actions = actions
        self.items = instrument_items(instrument)
        self.by_path = {item.question.path: item for item in self.items.values()}
        names: dict[str, list[Item]] = {}
        for item in self.items.values():
            names.setdefault(item.question.name, []).append(item)
        self.by_name = {name: found[0] for name, found in names.items() if len(found) == 1}
        self.code = self._named(PARTICIPANT_CODE_NAMES)
        self.consent = self._named(CONSENT_NAMES)
        self.age_band = self._named(AGE_BAND_NAMES)
        self.sex = self._named(SEX_NAMES)
        self.role = self._named(ROLE_NAMES)
        self.roles = {
            id(item): role
            for role, item in [
                ("code", self.code),
                ("consent", self.consent),
                ("age_band", self.age_band),
                ("sex", self.sex),
                ("role", self.role),
            ]
            if item is not None
        }
        self._columns: dict[str, Column] = {}
        self._layouts: dict[tuple[str, ...], list[Column]] = {}
        self._plans: dict[tuple[str, ...], list[Any]] = {}

    def _named(self, names: tuple[str, ...]) -> Item | None:
        for name in names:
            for item in self.items.values():
                if item.question.name == name:
                    return item
        return None

    def column(self, name: str) -> Column:
        found = self._columns.get(name)
        if found is None:
            kind, item = self._resolve(name)
            action = self.actions.get(name, "")
            if action == DROP:
                kind, item = SKIP, None
            role = self.roles.get(id(item), "") if item is not None else ""
            found = self._columns[name] = Column(name=name, kind=kind, item=item, action=action, role=role)
        return found

    def layout(self, keys: tuple[str, ...]) -> list[Column]:
        """What each of a record's columns is, worked out once per set of columns."""
        found = self._layouts.get(keys)
        if found is None:
            found = self._layouts[keys] = [self.column(key) for key in keys]
        return found

    def plan(self, keys: tuple[str, ...]) -> list[Any]:
        """How to read each of a record's columns: None to skip it; for a question column (the fast path)
        ``(item, its known values, its keys cache or None, role, column name)``; else ``(None, column)``."""
        found = self._plans.get(keys)
        if found is None:
            found = self._plans[keys] = [self._step(column) for column in self.layout(keys)]
        return found

    @staticmethod
    def _step(column: Column) -> Any:
        if column.kind == SKIP:
            return None
        item = column.item
        if column.kind == QUESTION and not column.action and item is not None:
            return (item, item.known, item.cache if item.counted else None, column.role, column.name)
        return (None, column)

    def _resolve(self, column: str) -> tuple[str, Item | None]:
        if column == ROW_KEY:
            return SKIP, None
        candidates = [column, *(column.replace(separator, "/") for separator in ".:" if separator in column)]
        for candidate in candidates:
            if candidate in self.by_path:
                return QUESTION, self.by_path[candidate]
        if is_meta(column):
            return SKIP, None
        for candidate in candidates:
            parent, _sep, last = candidate.rpartition("/")
            item = self.by_path.get(parent)
            if item is not None and item.select == "multiple" and last in item.choices:
                return BREAKOUT, item  # Kobo's 0/1 column of one choice: the space-separated column is used
        if "/" not in column and column in self.by_name:  # an export without group names in its headers
            return QUESTION, self.by_name[column]
        return UNKNOWN, None


def is_repeat(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(entry, Mapping) for entry in value)


def fields(form: Form, record: Mapping[str, Any]) -> Iterator[tuple[Column, Any]]:
    """The record's columns and values, the entries of its repeats (lists of objects in Kobo's JSON) spread out."""
    for column, value in zip(form.layout(tuple(record)), record.values(), strict=True):
        if column.kind == SKIP:
            continue
        if type(value) is list and is_repeat(value):
            for entry in value:
                yield from fields(form, entry)
        else:
            yield column, value


def identifying(form: Form, records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The columns that look like they hold names, phone numbers or emails and have no action chosen yet.

    The instrument's participant code is its pseudonymous id and is never one of them. Choices and
    numbers cannot hold a name: only the values of free-text and unknown columns are looked at.
    """
    found: dict[str, str] = {}
    named: set[str] = set()
    looked_at: dict[tuple[str, ...], list[tuple[int, Column]]] = {}  # by set of columns: the columns to look at
    for record in records:
        keys = tuple(record)
        columns = looked_at.get(keys)
        if columns is None:
            columns = looked_at[keys] = [
                (position, column)
                for position, column in enumerate(form.layout(keys))
                if _named(column, found, named)
                and (column.item is None or not (column.item.select or column.item.numeric))
            ]
        if not columns:
            continue
        values = list(record.values())
        if any(type(values[position]) is list for position, _column in columns):  # repeats: field by field
            for column, value in fields(form, record):
                if _named(column, found, named):
                    _look(column, value, found)
            continue
        for position, column in columns:
            _look(column, values[position], found)
    return found


def _named(column: Column, found: dict[str, str], named: set[str]) -> bool:
    """Whether the column's values are to be looked at; a column whose name is identifying is noted in ``found``."""
    if column.kind in (SKIP, BREAKOUT) or column.action or column.role == "code" or column.name in found:
        return False
    if column.name not in named:
        named.add(column.name)
        by_name = identifiers.column_name_kind(column.name)
        if by_name:
            found[column.name] = by_name
            return False
    return True


def _look(column: Column, value: Any, found: dict[str, str]) -> None:
    if column.name in found or value in (None, ""):
        return
    if column.item is None or not (column.item.select or column.item.numeric):
        kind = identifiers.value_kind(str(value))
        if kind:
            found[column.name] = kind
