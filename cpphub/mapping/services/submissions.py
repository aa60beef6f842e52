"""Submissions in and out: import (Kobo JSON, CSV, XLSX, web entry), counts kept on ingest, withdrawal.

INTERFACE FIXED FOR THE OTHER AREAS (the bodies are being written):
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cpphub.mapping.models import ImportJob, Instrument, MappingSession, Participant, Submission
from cpphub.partnership.models import PilotLocation


@dataclass
class IngestResult:
    created: int = 0  # submissions added
    skipped: int = 0  # already there (same uuid)
    declined: int = 0  # the participant said no to the consent/assent question: not stored


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
    """Store ``records`` (dicts keyed by question path, as Kobo's JSON) atomically and update the counts."""
    raise NotImplementedError


def submission_enter(
    *,
    instrument: Instrument,
    location: PilotLocation,
    answers: Mapping[str, Any],
    acting_user: Any,
    session: MappingSession | None = None,
) -> Submission:
    """A paper form typed in on the web: one record through the same checks as an import."""
    raise NotImplementedError


def participant_withdraw(*, participant: Participant, reason: str, acting_user: Any) -> Participant:
    """Withdraw a participant: submissions and answers removed, counts decremented, findings withdrawn, audited."""
    raise NotImplementedError


def counts_rebuild(*, instrument: Instrument) -> None:
    """Recount an instrument's MapCount rows from its answers (after its tags change)."""
    raise NotImplementedError
