"""Imports of submission files from the web and the API: at once when small, as a background job when large.

A file waiting for the facilitator's choice about identifying columns, and the
file of a queued job, are kept under ``VAR_DIR/imports/`` and removed once
used. A running job writes its progress to a small file beside it, because
the import itself is one transaction that nobody else sees until it ends.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.mapping.models import ImportJob, Instrument, MappingSession
from cpphub.mapping.services.submissions import IdentifyingColumns, identifying_columns, submissions_ingest
from cpphub.mapping.submission_files import SUFFIXES, read_submissions
from cpphub.partnership.models import PilotLocation

logger = logging.getLogger(__name__)

# Files up to this many records are imported in the request; larger ones in the background.
SMALL_IMPORT_ROWS = 2000
UPLOAD_NAME = re.compile(r"^(?P<user>\d+)-[A-Za-z0-9_-]{16,64}(?P<suffix>\.(json|csv|xlsx))$")


def imports_dir() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def upload_keep(*, file_name: str, content: bytes, acting_user: Any) -> str:
    """Keep an uploaded file until the facilitator has chosen what to do with its identifying columns."""
    suffix = Path(file_name).suffix.lower()
    token = f"{getattr(acting_user, 'pk', 0) or 0}-{secrets.token_urlsafe(24)}{suffix}"
    path = imports_dir() / token
    path.write_bytes(content)
    path.chmod(0o600)
    return token


def upload_read(*, token: str, acting_user: Any) -> bytes:
    """A kept upload of ``acting_user``, or a ValidationError when it is gone or someone else's."""
    match = UPLOAD_NAME.match(token or "")
    if not match or int(match["user"]) != (getattr(acting_user, "pk", 0) or 0) or match["suffix"] not in SUFFIXES:
        raise ValidationError(_("The uploaded file is no longer here: upload it again."), code="upload")
    try:
        return (imports_dir() / token).read_bytes()
    except OSError as exc:
        raise ValidationError(_("The uploaded file is no longer here: upload it again."), code="upload") from exc


def upload_discard(token: str) -> None:
    if UPLOAD_NAME.match(token or ""):
        (imports_dir() / token).unlink(missing_ok=True)


def _progress_path(job: ImportJob) -> Path:
    return imports_dir() / f"job-{job.pk}.progress"


def import_progress(job: ImportJob) -> tuple[int, int]:
    """(rows read, rows in all) of a job: from its progress file while it runs, from the job afterwards."""
    if job.status == ImportJob.Status.RUNNING:
        try:
            data = json.loads(_progress_path(job).read_text())
            return int(data["processed"]), int(data["total"])
        except (OSError, ValueError, KeyError, TypeError):
            return job.processed, job.total
    return job.processed, job.total


def import_start(
    *,
    instrument: Instrument,
    location: PilotLocation,
    file_name: str,
    content: bytes,
    acting_user: Any,
    session: MappingSession | None = None,
    column_actions: Mapping[str, str] | None = None,
) -> ImportJob:
    """Import a file: at once when it is small (the job is done when this returns), else queued.

    A file that cannot be read, or with identifying columns left without an
    action (``IdentifyingColumns``), raises a ValidationError and nothing is kept.
    """
    data = read_submissions(file_name=file_name, content=content)
    records = data.records()
    refused = identifying_columns(instrument=instrument, records=records, column_actions=column_actions)
    if refused:
        raise IdentifyingColumns(refused)
    if len(records) <= SMALL_IMPORT_ROWS:
        return _import_now(
            instrument=instrument,
            location=location,
            file_name=file_name,
            records=records,
            source=data.source,
            acting_user=acting_user,
            session=session,
            column_actions=column_actions,
        )
    return _import_queue(
        instrument=instrument,
        location=location,
        file_name=file_name,
        content=content,
        rows=len(records),
        acting_user=acting_user,
        session=session,
        column_actions=column_actions,
    )


def _job(
    *,
    instrument: Instrument,
    location: PilotLocation,
    file_name: str,
    acting_user: Any,
    session: MappingSession | None,
    column_actions: Mapping[str, str] | None,
    **fields: Any,
) -> ImportJob:
    return ImportJob.objects.create(
        instrument=instrument,
        location=location,
        session=session,
        file_name=Path(file_name).name[:255],
        column_actions=dict(column_actions or {}),
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
        **fields,
    )


@transaction.atomic
def _import_now(*, records: list[dict[str, Any]], source: str, **arguments: Any) -> ImportJob:
    job = _job(**arguments, status=ImportJob.Status.RUNNING, total=len(records))
    submissions_ingest(
        instrument=arguments["instrument"],
        location=arguments["location"],
        records=records,
        source=source,
        acting_user=arguments["acting_user"],
        session=arguments["session"],
        column_actions=arguments["column_actions"],
        job=job,
    )
    job.status = ImportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job


@transaction.atomic
def _import_queue(*, content: bytes, rows: int, **arguments: Any) -> ImportJob:
    from cpphub.mapping.tasks import import_run

    token = upload_keep(file_name=arguments["file_name"], content=content, acting_user=arguments["acting_user"])
    job = _job(**arguments, status=ImportJob.Status.QUEUED, total=rows, file_path=token)
    transaction.on_commit(lambda: import_run.enqueue(job.pk))
    return job


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Run a queued job (the background task): its file through ``submissions_ingest``, the outcome on the job.

    Runs once: a job that is no longer queued is left as it is.
    """
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    job.refresh_from_db()
    if not claimed:
        return job
    progress_path, token = _progress_path(job), job.file_path

    def progress(done: int, total: int) -> None:
        progress_path.write_text(json.dumps({"processed": done, "total": total}))

    try:
        content = (imports_dir() / token).read_bytes() if UPLOAD_NAME.match(token) else b""
        data = read_submissions(file_name=job.file_name, content=content)
        submissions_ingest(
            instrument=job.instrument,
            location=job.location,
            records=data.records(),
            source=data.source,
            acting_user=job.created_by,
            session=job.session,
            column_actions=job.column_actions,
            job=job,
            progress=progress,
        )
    except ValidationError as exc:
        _finish(job, ImportJob.Status.FAILED, " ".join(" ".join(message.split()) for message in exc.messages))
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        _finish(job, ImportJob.Status.FAILED, _("The import stopped on an unexpected error; nothing was stored."))
        raise
    else:
        _finish(job, ImportJob.Status.DONE, "")
    finally:
        progress_path.unlink(missing_ok=True)
        upload_discard(token)
    return job


def _finish(job: ImportJob, status: str, error: str) -> None:
    job.refresh_from_db()
    job.status = status
    job.error = error
    job.file_path = ""
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "file_path", "finished_at"])
