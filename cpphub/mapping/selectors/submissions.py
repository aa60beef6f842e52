"""Reads of submissions and imports: row-level research data, for the facilitators of its location only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from cpphub.audit.services import access_record
from cpphub.mapping.models import ImportJob, Instrument, Submission
from cpphub.mapping.selectors.access import access_location_rows, facilitated_location_ids, facilitated_locations
from cpphub.partnership.models import PilotLocation


def can_import(viewer: Any) -> bool:
    """Whether ``viewer`` facilitates any location (and so may import or read submissions somewhere)."""
    return bool(facilitated_location_ids(viewer))


def access_import_instrument(viewer: Any, pk: Any) -> Instrument:
    """An instrument ``viewer`` may import submissions into: of a location they facilitate, or a template."""
    instrument = Instrument.objects.filter(pk=pk, is_active=True).select_related("location").first()
    if instrument is None:
        raise Http404
    if instrument.location_id is None:
        if not can_import(viewer):
            raise PermissionDenied
    else:
        access_location_rows(viewer, instrument.location_id)
    return instrument


def import_locations(viewer: Any, instrument: Instrument) -> QuerySet[PilotLocation]:
    """Where ``viewer`` may put the submissions of ``instrument``."""
    locations = facilitated_locations(viewer).order_by("name")
    if instrument.location_id:
        locations = locations.filter(pk=instrument.location_id)
    return locations


def import_job_list(*, viewer: Any) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(location_id__in=facilitated_location_ids(viewer)).select_related(
        "instrument", "location", "created_by"
    )


def access_import_job(viewer: Any, pk: Any) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk).select_related("instrument", "location", "session", "created_by").first()
    if job is None:
        raise Http404
    access_location_rows(viewer, job.location_id)
    return job


def submission_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Submission]:
    """The submissions of the locations ``viewer`` facilitates (none for anyone else)."""
    submissions = Submission.objects.filter(location_id__in=facilitated_location_ids(viewer)).select_related(
        "instrument", "location", "participant"
    )
    for field, value in (filters or {}).items():
        if value not in (None, ""):
            submissions = submissions.filter(**{field: value})
    return submissions


def access_submission(viewer: Any, pk: Any) -> Submission:
    """A submission of a location ``viewer`` facilitates; the read is logged (row-level research data)."""
    submission = (
        Submission.objects.filter(pk=pk).select_related("instrument", "location", "participant", "session").first()
    )
    if submission is None:
        raise Http404
    access_location_rows(viewer, submission.location_id)
    access_record(user=viewer, obj=submission, label=submission.uuid)
    return submission
