"""Reading submission records against an instrument, and writing them in bulk."""

from __future__ import annotations

import datetime
import itertools
import json
import re
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.mapping.ingest.columns import (
    AGE_BANDS,
    BREAKOUT,
    ID_BLOCK,
    KNOWN_VALUES,
    ROLES,
    SEX_VALUES,
    SKIP,
    SUBMISSION_COLUMNS,
    TIME_KEYS,
    UUID_KEYS,
    UUID_NAMESPACE,
    Column,
    Form,
    IngestResult,
    RowError,
    is_repeat,
    pseudonym,
)
from cpphub.mapping.map_counts import RESPONDENTS, YES, CountKey, Item
from cpphub.mapping.models import (
    AgeBand,
    Answer,
    Consent,
    ConsentRule,
    ImportJob,
    InformantRole,
    MappingSession,
    Participant,
    Perspective,
    Sex,
    Submission,
)
from cpphub.mapping.models.people import AGE_BAND_AGES, DEFAULT_CONSENT_RULES
from cpphub.mapping.submission_files import ROW_KEY
from cpphub.partnership.models import PilotLocation


@dataclass
class Row:
    number: int
    pk: int  # the id the submission gets if it is stored
    uuid: str
    answers: list[tuple[int, int, str]]  # (submission id, question id, value), as inserted
    keys: set[str]  # the keys of the risk map it reports
    code: str = ""
    code_column: str = ""
    consent: str | None = None
    age_band: str = ""
    sex: str = ""
    role: str = ""
    submitted_at: datetime.datetime | None = None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return " ".join(str(entry) for entry in value)
    return str(value)


def _not_a_choice(item: Item, value: str) -> str:
    return _("'{value}' is not a choice of this question ({choices}).").format(
        value=value[:60], choices=", ".join(item.choices)
    )


def checked_value(item: Item, value: str, row: int, column: str) -> str:
    """The value as stored, or a RowError when it does not fit its question."""
    if item.select == "one":
        if item.choices and value not in item.choices:
            raise RowError(_not_a_choice(item, value), row=row, column=column)
    elif item.select == "multiple":
        tokens = value.split()
        if item.choices:
            for token in tokens:
                if token not in item.choices:
                    raise RowError(_not_a_choice(item, token), row=row, column=column)
        value = " ".join(tokens)
    elif item.numeric == "integer":
        try:
            number = float(value)
        except ValueError:
            number = 0.5
        if not number.is_integer():
            raise RowError(_("'{value}' is not a whole number.").format(value=value[:60]), row=row, column=column)
        value = str(int(number))
    elif item.numeric == "decimal":
        try:
            float(value)
        except ValueError:
            raise RowError(_("'{value}' is not a number.").format(value=value[:60]), row=row, column=column) from None
    return value


@dataclass
class Ingest:
    """One import under way: what is known about the location's participants, and what is to be written."""

    form: Form
    location: PilotLocation
    session: MappingSession | None
    round: int
    source: str
    job: ImportJob | None
    acting_user: Any
    participants: dict[str, Participant] = field(default_factory=dict)
    consented: set[str] = field(default_factory=set)  # codes with an active consent
    seen: set[str] = field(default_factory=set)
    cells: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)  # per perspective, age, sex
    result: IngestResult = field(default_factory=IngestResult)
    consents_added: int = 0
    participants_added: int = 0
    _ids: list[int] = field(default_factory=list)
    _next_id: int = 0

    def __post_init__(self) -> None:
        self.participants = {p.code: p for p in Participant.objects.filter(location=self.location)}
        self.consented = set(
            Consent.objects.filter(participant__location=self.location, withdrawn_at__isnull=True).values_list(
                "participant__code", flat=True
            )
        )
        rules = ConsentRule.objects.filter(
            country_id=self.location.country_id, requirement=ConsentRule.Requirement.CHILD_CONSENT
        ).values_list("min_age", flat=True)
        defaults = [low for low, _high, need in DEFAULT_CONSENT_RULES if need == ConsentRule.Requirement.CHILD_CONSENT]
        self.consent_age = min(rules, default=min(defaults, default=18))
        match = re.search(r"\(([^()]+)\)\s*$", self.form.instrument.default_language or "")
        self.language = (match.group(1) if match else self.form.instrument.default_language) or settings.LANGUAGE_CODE
        self.adapt_time = _sqlite_time if connection.vendor == "sqlite" else connection.ops.adapt_datetimefield_value

    # Reading one record ----------------------------------------------------------------------------
    def read(self, number: int, record: Mapping[str, Any]) -> Row:
        """Check a record's values and say who answered; its answers ready to insert, and its keys."""
        pk = self.next_id()
        answers: list[tuple[int, int, str]] = []
        keys = {RESPONDENTS}
        row = Row(number=number, pk=pk, uuid="", answers=answers, keys=keys)
        others: list[tuple[Column, Any]] = []
        for step, raw in zip(self.form.plan(tuple(record)), record.values(), strict=True):
            if step is None:
                continue
            item = step[0]
            if item is None or raw.__class__ is not str:
                others.append((step[1] if item is None else self.form.column(step[4]), raw))
                continue
            # The fast path: a question's value as text, most often one already seen.
            value = step[1].get(raw)
            if value is None:
                value = self._checked(item, raw, number, step[4])
                if value is None:
                    continue
            answers.append((pk, item.pk, value))
            if step[2] is not None:
                keys.update(step[2].get(value) or item.answer_keys(value))
            if step[3]:
                self._who_answered(row, step[3], step[4], value)
        if others:
            self._read_others(row, others)
        row.uuid = self._uuid(record)
        row.submitted_at = _time(record)
        return row

    @staticmethod
    def _checked(item: Item, raw: str, number: int, column: str) -> str | None:
        """A value not seen before: checked and remembered; None when it is empty."""
        value = raw.strip()
        if not value:
            return None
        known = item.known.get(value)
        if known is None:
            known = checked_value(item, value, number, column)
        if len(item.known) < KNOWN_VALUES:
            item.known[raw] = known
        return known

    def _read_others(self, row: Row, others: list[tuple[Column, Any]]) -> None:
        """The columns off the fast path: repeats, values that are not text, unknown, breakout and pseudonymised."""
        form, number = self.form, row.number
        pseudonymised_code = ""
        breakouts: dict[Item, list[str]] = {}
        pending = [iter(others)]
        for source in pending:  # the record's columns, then the entries of its repeats
            for column, raw in source:
                if column.kind == SKIP or raw is None:
                    continue
                if type(raw) is list and is_repeat(raw):
                    pending.extend(iter(zip(form.layout(tuple(entry)), entry.values(), strict=True)) for entry in raw)
                    continue
                value = (raw if type(raw) is str else _text(raw)).strip()
                if not value:
                    continue
                item = column.item
                if column.action:  # pseudonymise
                    value = pseudonym(value)
                    if item is None:
                        pseudonymised_code = pseudonymised_code or value
                        continue
                if item is None:
                    raise RowError(
                        _("this column is not a question of the instrument."), row=number, column=column.name
                    )
                if column.kind == BREAKOUT:
                    if value in ("1", "True", "true"):
                        choice = column.name.replace(".", "/").replace(":", "/").rsplit("/", 1)[-1]
                        breakouts.setdefault(item, []).append(choice)
                    continue
                value = checked_value(item, value, number, column.name)
                self._answer(row, item, value)
                if column.role:
                    self._who_answered(row, column.role, column.name, value)
        answered = {question for _pk, question, _value in row.answers}
        for item, names in breakouts.items():
            if item.pk not in answered:
                self._answer(row, item, " ".join(names))
        if not row.code and pseudonymised_code and form.code is not None:
            row.code, row.code_column = pseudonymised_code, form.code.question.path

    @staticmethod
    def _answer(row: Row, item: Item, value: str) -> None:
        row.answers.append((row.pk, item.pk, value))
        if item.counted:
            row.keys.update(item.answer_keys(value))

    def next_id(self) -> int:
        """The id of the next submission read (ids of records left out are not used again)."""
        if not self._ids:
            if connection.vendor == "postgresql":
                self._ids = allocate_ids(ID_BLOCK)[::-1]
            else:  # SQLite: the first free id, then on from there (the transaction holds the write lock)
                start = self._next_id or allocate_ids(1)[0]
                self._ids = list(range(start + ID_BLOCK - 1, start - 1, -1))
                self._next_id = start + ID_BLOCK
        return self._ids.pop()

    @staticmethod
    def _who_answered(row: Row, role: str, column: str, value: str) -> None:
        if role == "code":
            row.code, row.code_column = value, column
        elif role == "consent":
            row.consent = value
        elif role == "age_band":
            if value not in AGE_BANDS:
                raise RowError(
                    _("'{value}' is not an age band CPP Hub knows ({bands}).").format(
                        value=value[:60], bands=", ".join(AgeBand.values)
                    ),
                    row=row.number,
                    column=column,
                )
            row.age_band = value
        elif role == "sex":
            row.sex = SEX_VALUES.get(value.lower(), Sex.NOT_STATED)
        elif role == "role":
            row.role = value if value in ROLES else InformantRole.OTHER

    def _uuid(self, record: Mapping[str, Any]) -> str:
        for key in UUID_KEYS:
            value = record.get(key)
            if value:
                text = str(value).strip()
                return (text[5:] if text.startswith("uuid:") else text)[:64]
        content = json.dumps({k: v for k, v in record.items() if k != ROW_KEY}, sort_keys=True, default=str)
        return str(uuid.uuid5(UUID_NAMESPACE, f"{self.form.instrument.pk}:{content}"))

    def counts(self) -> Counter[CountKey]:
        """The counts this import adds to the risk map."""
        base = (self.location.pk, self.form.instrument.pk, self.round)
        return Counter({(*base, *cell, key): n for cell, counter in self.cells.items() for key, n in counter.items()})

    # Writing a batch --------------------------------------------------------------------------------
    def write(self, rows: list[Row]) -> None:
        existing = _stored_uuids([row.uuid for row in rows])
        kept: list[tuple[Row, Participant | None, str, str, str]] = []
        new_participants: dict[str, Participant] = {}
        new_consents: list[tuple[str, Consent]] = []
        for row in rows:
            if row.uuid in existing:
                self.result.skipped += 1
                continue
            found = self._who(row)
            if found is None:
                self.result.declined += 1
                continue
            participant, perspective, age_band, sex, consent = found
            if participant is not None and participant.pk is None:
                new_participants[participant.code] = participant
            if consent is not None and participant is not None:
                new_consents.append((participant.code, consent))
            kept.append((row, participant, perspective, age_band, sex))
        if new_participants:
            Participant.objects.bulk_create(new_participants.values())
            self.participants_added += len(new_participants)
        for code, consent in new_consents:
            consent.participant = self.participants[code]
        if new_consents:
            Consent.objects.bulk_create([consent for _code, consent in new_consents])
            self.consents_added += len(new_consents)
        if kept:
            self._insert(kept)

    def _who(self, row: Row) -> tuple[Participant | None, str, str, str, Consent | None] | None:
        """Who answered, their perspective, age band and sex, and a consent to record; None when they said no."""
        if row.consent is not None and row.consent.lower() not in YES:
            return None
        form = self.form
        perspective: str = Perspective.CHILD
        if not row.age_band and form.age_band is None and form.role is not None:
            perspective = Perspective.KEY_INFORMANT
        participant = None
        if row.code:
            participant = self.participants.get(row.code)
            if participant is not None and participant.withdrawn_at is not None:
                raise RowError(
                    _("participant {code} has withdrawn from the mapping; their answers are not taken.").format(
                        code=row.code
                    ),
                    row=row.number,
                    column=row.code_column,
                )
        elif form.code is not None:
            raise RowError(_("the participant code is missing."), row=row.number, column=form.code.question.path)
        if participant is not None:
            perspective = participant.perspective or perspective
        age_band = row.age_band or (participant.age_band if participant else "")
        sex = row.sex or (participant.sex if participant else "")
        if perspective == Perspective.KEY_INFORMANT:
            age_band, sex = "", ""
        consent = None
        if row.code:
            if participant is None:
                participant = Participant(
                    location=self.location,
                    code=row.code[:40],
                    perspective=perspective,
                    age_band=age_band,
                    sex=sex,
                    informant_role=row.role if perspective == Perspective.KEY_INFORMANT else "",
                )
                self.participants[row.code] = participant
            if row.code not in self.consented:
                if row.consent is None:
                    raise RowError(
                        _("no consent or assent recorded for participant {code}.").format(code=row.code),
                        row=row.number,
                        column=row.code_column,
                    )
                consent = self._consent(perspective, age_band, row)
                self.consented.add(row.code)
        elif form.consent is not None and row.consent is None:
            raise RowError(
                _("no consent or assent recorded: the consent question is not answered."),
                row=row.number,
                column=form.consent.question.path,
            )
        return participant, perspective, age_band, sex, consent

    def _consent(self, perspective: str, age_band: str, row: Row) -> Consent:
        child = perspective == Perspective.CHILD
        youngest = AGE_BAND_AGES.get(age_band, (0, 0))[0]
        moment = row.submitted_at or timezone.now()
        return Consent(
            type=Consent.Type.ASSENT if child and youngest < self.consent_age else Consent.Type.CONSENT,
            given_by=Consent.GivenBy.CHILD if child else Consent.GivenBy.INFORMANT,
            scope=[Consent.Scope.ANSWERS],
            language=self.language[:16],
            date=timezone.localdate(moment),
            recorded_by=self.acting_user if getattr(self.acting_user, "pk", None) else None,
        )

    def _insert(self, kept: list[tuple[Row, Participant | None, str, str, str]]) -> None:
        location_id, instrument_id, round_ = self.location.pk, self.form.instrument.pk, self.round
        session_id = self.session.pk if self.session else None
        job_id = self.job.pk if self.job else None
        source, adapt_time, cells = self.source, self.adapt_time, self.cells
        submissions = []
        for row, participant, perspective, age_band, sex in kept:
            submissions.append(
                (
                    row.pk,
                    row.uuid,
                    instrument_id,
                    location_id,
                    session_id,
                    participant.pk if participant else None,
                    round_,
                    perspective,
                    age_band,
                    sex,
                    adapt_time(row.submitted_at),
                    source,
                    job_id,
                )
            )
            cell = (perspective, age_band, sex)
            counter = cells.get(cell)
            if counter is None:
                counter = cells[cell] = Counter()
            counter.update(row.keys)
        answers = list(itertools.chain.from_iterable(row.answers for row, *_who in kept))
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(Submission._meta.db_table)} ({', '.join(map(quote, SUBMISSION_COLUMNS))}) "  # noqa: S608
                f"VALUES ({', '.join(['%s'] * len(SUBMISSION_COLUMNS))})",
                submissions,
            )
            cursor.executemany(
                f"INSERT INTO {quote(Answer._meta.db_table)} "  # noqa: S608 - quoted names
                f"({quote('submission_id')}, {quote('question_id')}, {quote('value')}) VALUES (%s, %s, %s)",
                answers,
            )
        self.result.created += len(kept)


def _time(record: Mapping[str, Any]) -> datetime.datetime | None:
    """When the record was submitted (Kobo gives UTC without an offset), or None."""
    for key in TIME_KEYS:
        value = record.get(key)
        if value:
            try:
                moment = datetime.datetime.fromisoformat(str(value).strip())
            except ValueError:
                continue
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)
    return None


def _stored_uuids(uuids: list[str]) -> set[str]:
    """Which of ``uuids`` are stored already (raw SQL: the ORM takes longer to prepare the list than to run it)."""
    quote = connection.ops.quote_name
    found: set[str] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(uuids), 900):
            chunk = uuids[start : start + 900]
            cursor.execute(
                f"SELECT {quote('uuid')} FROM {quote(Submission._meta.db_table)} "  # noqa: S608 - quoted names
                f"WHERE {quote('uuid')} IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            found.update(row[0] for row in cursor.fetchall())
    return found


def _sqlite_time(moment: datetime.datetime | None) -> str | None:
    """A time as Django keeps it in SQLite: UTC, without an offset (``adapt_datetimefield_value``, only faster)."""
    if moment is None:
        return None
    if moment.utcoffset():
        moment = moment.astimezone(datetime.UTC)
    return str(moment.replace(tzinfo=None))


def allocate_ids(count: int) -> list[int]:
    """Ids for ``count`` new submissions, so their answers can be inserted with them in one go."""
    table = Submission._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock, so nobody else takes these ids meanwhile.
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - quoted name
        top = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        sequence = cursor.fetchone()
        start = max(top, sequence[0] if sequence else 0) + 1
    return list(range(start, start + count))
