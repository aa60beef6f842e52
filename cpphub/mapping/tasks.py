"""Background tasks of the Map stage (django-tasks, run by ``cpphub db_worker``)."""

from __future__ import annotations

from django_tasks import task

from cpphub.mapping.models import ImportJob
from cpphub.mapping.services.imports import import_job_run


@task()
def import_run(job_id: int) -> None:
    """Run a queued import of a submissions file; a job already run is left alone."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None:
        import_job_run(job=job)
