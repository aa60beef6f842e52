"""Submissions in and out: import (Kobo JSON, CSV, XLSX, web entry), counts kept on ingest, withdrawal.

Every way in goes through :func:`submissions_ingest`, which checks every record
before anything is kept: an unknown column, a value that is not a choice of
its question, a number that is not one, a column that looks like it holds
names, phone numbers or emails (unless the facilitator drops or pseudonymises
it), a participant who withdrew or never consented. The first problem raises a
ValidationError naming the row and the column, and nothing is written.

Who answered:

- The question named ``participant_code`` (or ``informant_code``), in any
  group, is the participant's pseudonymous code: the participant is found or
  made in the location, a child when the instrument asks the age band, a key
  informant when it asks the role (``informant_role`` or ``role``).
- The question named ``assent``, ``consent``, ``caregiver_consent`` or
  ``consent_confirmed`` records consent: "yes" records a consent (or, for a
  child under the country's age of consent, an assent) when the participant
  has none, "no" leaves the record out (counted as declined). Without such an
  answer, the participant must already have an active consent.
- An instrument without a participant code question (a focus-group sheet)
  stores its submissions without a participant, its perspective taken from the
  answers; if it has a consent question, its answer must be yes.

A submission already stored (same uuid) is skipped, so a re-import adds
nothing; a record without a uuid gets one made from the instrument and its
content. Rows are written with bulk inserts and the counts of the risk map
updated once per import (see ``cpphub.mapping.map_counts``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.mapping.ingest import (
    Form,
    IdentifyingColumns,
    Ingest,
    IngestResult,
    Row,
    RowError,
    identifying,
    pseudonym,
    validated_actions,
)
from cpphub.mapping.map_counts import Item, counts_add, instrument_items, stored_counts
from cpphub.mapping.models import (
    Answer,
    ImportJob,
    Instrument,
    MapCount,
    MappingSession,
    Participant,
    Submission,
)
from cpphub.mapping.submission_files import ROW_KEY
from cpphub.partnership.models import PilotLocation

__all__ = [
    "IdentifyingColumns",
    "IngestResult",
    "RowError",
    "counts_rebuild",
    "identifying_columns",
    "participant_withdraw",
    "pseudonym",
    "submission_enter",
    "submissions_ingest",
]

BATCH = 5000
PROGRESS_EVERY = 1000


def identifying_columns(
    *, instrument: Instrument, records: Iterable[Mapping[str, Any]], column_actions: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The columns that look like they hold names, phone numbers or emails and have no action chosen yet.

    The instrument's participant code is its pseudonymous id and is never one of them.
    """
    return identifying(Form(instrument, validated_actions(column_actions)), records)


def _numbered(records: Iterable[Mapping[str, Any]]) -> list[tuple[int, Mapping[str, Any]]]:
    return [(record.get(ROW_KEY) or number, record) for number, record in enumerate(records, start=1)]


def submissions_ingest(
    *,
    instrument: Instrument,
    location: PilotLocation,
    records: Iterable[Mapping[str, Any]],
    source: str,
    acting_user: Any,
    session: MappingSession | None = None,
    round: int | None = None,
    column_actions: Mapping[str, str] | None = None,
    job: ImportJob | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestResult:
    """Store ``records`` (dicts keyed by question path, as Kobo's JSON) atomically and update the counts.

    A record may carry its row number under ``submission_files.ROW_KEY``;
    otherwise its position (from 1) names it in messages.

    Run outside any transaction on SQLite (the command line, the background
    job), the inserts skip SQLite's foreign key lookups, as Django's
    ``loaddata`` does: every key written is one this import holds (its
    instrument's questions, the ids it allocated, its location, session,
    participants and job) under SQLite's write lock, so none can be missing.
    """
    with connection.constraint_checks_disabled():
        return _ingest(
            instrument=instrument,
            location=location,
            records=records,
            source=source,
            acting_user=acting_user,
            session=session,
            round=round,
            column_actions=column_actions,
            job=job,
            progress=progress,
        )


@transaction.atomic
def _ingest(
    *,
    instrument: Instrument,
    location: PilotLocation,
    records: Iterable[Mapping[str, Any]],
    source: str,
    acting_user: Any,
    session: MappingSession | None,
    round: int | None,
    column_actions: Mapping[str, str] | None,
    job: ImportJob | None,
    progress: Callable[[int, int], None] | None,
) -> IngestResult:
    if instrument.location_id and instrument.location_id != location.pk:
        raise ValidationError(
            _("This instrument belongs to {location}.").format(location=instrument.location), code="location"
        )
    if session is not None and session.location_id != location.pk:
        raise ValidationError(_("The session was held in another location."), code="session")
    if source not in Submission.Source.values:
        raise ValidationError(_("Unknown source {source}.").format(source=source), code="source")
    numbered = _numbered(records)
    form = Form(instrument, validated_actions(column_actions))
    refused = identifying(form, (record for _number, record in numbered))
    if refused:
        raise IdentifyingColumns(refused)
    state = Ingest(
        form=form,
        location=location,
        session=session,
        round=session.round if session else (round or 1),
        source=source,
        job=job,
        acting_user=acting_user,
    )
    total = len(numbered)
    batch: list[Row] = []
    for done, (number, record) in enumerate(numbered, start=1):
        row = state.read(number, record)
        if row.uuid in state.seen:
            state.result.skipped += 1
        else:
            state.seen.add(row.uuid)
            batch.append(row)
        if len(batch) >= BATCH:
            state.write(batch)
            batch = []
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)
    if batch:
        state.write(batch)
    counts_add(state.counts())
    if progress:
        progress(total, total)
    result = state.result
    changes = {
        "source": [None, source],
        "location": [None, str(location)],
        "round": [None, state.round],
        "created": [None, result.created],
        "skipped": [None, result.skipped],
        "declined": [None, result.declined],
        "participants_added": [None, state.participants_added],
        "consents_added": [None, state.consents_added],
    }
    if job is not None:
        job.total = job.processed = total
        job.created_count, job.skipped_count, job.declined_count = result.created, result.skipped, result.declined
        job.save(update_fields=["total", "processed", "created_count", "skipped_count", "declined_count"])
    audit_record(
        action=AuditEvent.Action.CREATE,
        acting_user=acting_user,
        obj=job if job is not None else instrument,
        changes=changes,
    )
    return result


@transaction.atomic
def submission_enter(
    *,
    instrument: Instrument,
    location: PilotLocation,
    answers: Mapping[str, Any],
    acting_user: Any,
    session: MappingSession | None = None,
) -> Submission:
    """A paper form typed in on the web: one record through the same checks as an import."""
    record: dict[str, Any] = {
        path: " ".join(str(v) for v in value) if isinstance(value, list | tuple) else value
        for path, value in answers.items()
        if value not in (None, "", [], ())
    }
    record["_uuid"] = str(uuid.uuid4())
    record["_submission_time"] = timezone.now().isoformat()
    record[ROW_KEY] = 1
    result = submissions_ingest(
        instrument=instrument,
        location=location,
        records=[record],
        source=Submission.Source.WEB,
        acting_user=acting_user,
        session=session,
    )
    if not result.created:
        raise ValidationError(_("The participant did not agree to answer, so nothing was stored."), code="declined")
    return Submission.objects.get(uuid=record["_uuid"])


@transaction.atomic
def participant_withdraw(*, participant: Participant, reason: str, acting_user: Any) -> Participant:
    """Withdraw a participant: submissions and answers removed, counts decremented, findings withdrawn, audited."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.withdrawn_at is not None:
        raise ValidationError(_("{code} has already withdrawn.").format(code=participant.code), code="withdrawn")
    now = timezone.now()
    submissions = Submission.objects.filter(participant=participant)
    items: dict[int, Item] = {}
    for instrument in Instrument.objects.filter(pk__in=submissions.values("instrument_id")):
        items.update(instrument_items(instrument))
    counts = stored_counts(submissions, items)
    counts_add(counts, sign=-1)
    # By the submissions' ids, not a join: PostgreSQL plans a join over rows added in the same
    # transaction (no statistics yet) as a nested loop of sequential scans.
    submission_ids = list(submissions.values_list("pk", flat=True))
    answers_removed, _by_model = Answer.objects.filter(submission_id__in=submission_ids).delete()
    submissions_removed, _by_model = Submission.objects.filter(pk__in=submission_ids).delete()
    consents = participant.consents.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=now, withdrawal_reason=reason[:300]
    )
    findings = participant.findings.filter(withdrawn_at__isnull=True).update(withdrawn_at=now, quote="")
    participant.withdrawn_at = now
    participant.save(update_fields=["withdrawn_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        acting_user=acting_user,
        obj=participant,
        changes={
            "withdrawn_at": [None, now.isoformat()],
            "reason": [None, reason[:300]],
            "submissions_removed": [None, submissions_removed],
            "answers_removed": [None, answers_removed],
            "consents_withdrawn": [None, consents],
            "findings_withdrawn": [None, findings],
        },
    )
    return participant


@transaction.atomic
def counts_rebuild(*, instrument: Instrument) -> None:
    """Recount an instrument's MapCount rows from its answers (after its tags change)."""
    MapCount.objects.filter(instrument=instrument).delete()
    counts_add(stored_counts(Submission.objects.filter(instrument=instrument), instrument_items(instrument)))
