"""Pages of submissions in: importing a file, following a background import, typing in a paper form, and the
row-level submissions (for the facilitators of their location only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_tables2 import RequestConfig

from cpphub.mapping.models import ImportJob, Instrument
from cpphub.mapping.selectors import submissions as selectors
from cpphub.mapping.selectors.instruments import instrument_labels
from cpphub.mapping.services.imports import import_progress, import_start, upload_discard, upload_keep, upload_read
from cpphub.mapping.services.submissions import IdentifyingColumns, RowError, submission_enter
from cpphub.mapping.submission_forms import (
    EntryForm,
    ImportForm,
    ImportJobTable,
    SubmissionFilter,
    SubmissionTable,
    action_fields,
    chosen_actions,
    form_language,
)

PAGE_SIZE = 25


def _messages(error: ValidationError) -> list[str]:
    return [" ".join(message.split()) for message in error.messages]


def _columns(request: HttpRequest) -> list[str]:
    """The identifying columns the form asked about, in the order of its choices (``column_0``, ``column_1``...)."""
    columns: list[str] = []
    while f"column_{len(columns)}" in request.POST and len(columns) < 500:
        columns.append(request.POST[f"column_{len(columns)}"])
    return columns


class ImportCreate(LoginRequiredMixin, View):
    """Upload a submissions file; identifying columns are asked about before anything is imported."""

    def _form(self, request: HttpRequest, instrument: Instrument, data: Any = None, files: Any = None) -> ImportForm:
        locations = selectors.import_locations(request.user, instrument)
        return ImportForm(data, files, locations=locations, instrument=instrument)

    def _page(self, request: HttpRequest, instrument: Instrument, form: ImportForm, **context: Any) -> HttpResponse:
        return render(request, "mapping/import_form.html", {"instrument": instrument, "form": form, **context})

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = selectors.access_import_instrument(request.user, pk)
        return self._page(request, instrument, self._form(request, instrument))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = selectors.access_import_instrument(request.user, pk)
        form = self._form(request, instrument, request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, instrument, form)
        upload = request.FILES.get("file")
        token = form.cleaned_data["upload"]
        try:
            if upload is not None:
                file_name, content = upload.name or "upload", upload.read()
            else:
                content = upload_read(token=token, acting_user=request.user)
                file_name = request.POST.get("file_name", "") or token
            columns = _columns(request)
            job = import_start(
                instrument=instrument,
                location=form.cleaned_data["location"],
                file_name=file_name,
                content=content,
                acting_user=request.user,
                session=form.cleaned_data["session"],
                column_actions=chosen_actions(request.POST, columns) if token else None,
            )
        except IdentifyingColumns as refused:
            if not token:
                token = upload_keep(file_name=file_name, content=content, acting_user=request.user)
            action_fields(form, refused.columns)
            return self._page(
                request,
                instrument,
                form,
                identifying=[
                    (column, message, form[f"action_{position}"])
                    for position, (column, message) in enumerate(zip(refused.columns, refused.messages, strict=True))
                ],
                upload=token,
                file_name=file_name,
            )
        except ValidationError as error:
            upload_discard(token)
            return self._page(request, instrument, form, errors=_messages(error))
        upload_discard(token)
        if job.status == ImportJob.Status.DONE:
            messages.success(
                request,
                _("Imported {created} submissions ({skipped} already there, {declined} without consent).").format(
                    created=job.created_count, skipped=job.skipped_count, declined=job.declined_count
                ),
            )
        return redirect("mapping:import_detail", pk=job.pk)


@require_GET
@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's status; while it runs, HTMX asks for the progress fragment every 2 seconds."""
    job = selectors.access_import_job(request.user, pk)
    processed, total = import_progress(job)
    context = {
        "job": job,
        "processed": processed,
        "total": total,
        "percent": int(100 * processed / total) if total else (100 if job.status == ImportJob.Status.DONE else 0),
        "running": job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING),
    }
    template = "mapping/import_progress.html" if getattr(request, "htmx", False) else "mapping/import_detail.html"
    return render(request, template, context)


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def import_list(request: HttpRequest) -> HttpResponse:
    if not selectors.can_import(request.user):
        raise PermissionDenied
    table = ImportJobTable(
        selectors.import_job_list(viewer=request.user), region_id="import-list", caption=_("Imports")
    )
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    partial = bool(getattr(request, "htmx", False)) and request.headers.get("HX-Target") == "import-list"
    return render(
        request,
        "includes/list_region.html" if partial else "mapping/import_list.html",
        {"table": table, "region_id": "import-list", "count_text": "", "list_url": request.path},
    )


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def submission_list(request: HttpRequest) -> HttpResponse:
    if not selectors.can_import(request.user):
        raise PermissionDenied
    filterset = SubmissionFilter(request.GET or None, queryset=selectors.submission_list(viewer=request.user))
    records = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    table = SubmissionTable(records, region_id="submission-list", caption=_("Submissions"))
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    count = table.paginator.count
    partial = bool(getattr(request, "htmx", False)) and request.headers.get("HX-Target") == "submission-list"
    return render(
        request,
        "includes/list_region.html" if partial else "mapping/submission_list.html",
        {
            "table": table,
            "filter_form": filterset.form,
            "list_url": request.path,
            "region_id": "submission-list",
            "count_text": ngettext("{count} submission", "{count} submissions", count).format(count=count),
        },
    )


@require_GET
@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.access_submission(request.user, pk)
    labelled = {
        question.question.pk: question
        for question in instrument_labels(submission.instrument, form_language(submission.instrument))
    }
    answers = []
    for answer in submission.answers.order_by("question__order", "pk"):
        question = labelled.get(answer.question_id)
        if question is None:
            continue
        names = {choice.name: choice.label for choice in question.choices}
        shown = " · ".join(names.get(token, token) for token in answer.value.split()) if names else answer.value
        answers.append((question, answer.value, shown))
    return render(request, "mapping/submission_detail.html", {"submission": submission, "answers": answers})


class SubmissionEnter(LoginRequiredMixin, View):
    """Type in a paper form: the questions of the instrument, in the page's language when the form has it."""

    def _form(self, request: HttpRequest, instrument: Instrument, data: Any = None) -> EntryForm:
        return EntryForm(data, instrument=instrument, locations=selectors.import_locations(request.user, instrument))

    def _page(self, request: HttpRequest, instrument: Instrument, form: EntryForm) -> HttpResponse:
        sections = [(heading, [form[name] for name in names]) for heading, names in form.sections]
        return render(
            request, "mapping/submission_form.html", {"instrument": instrument, "form": form, "sections": sections}
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = selectors.access_import_instrument(request.user, pk)
        return self._page(request, instrument, self._form(request, instrument))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        instrument = selectors.access_import_instrument(request.user, pk)
        form = self._form(request, instrument, request.POST)
        if not form.is_valid():
            return self._page(request, instrument, form)
        try:
            submission = submission_enter(
                instrument=instrument,
                location=form.cleaned_data["location"],
                answers=form.answers(),
                acting_user=request.user,
            )
        except RowError as error:
            form.add_error(form.field_for(error.column), error.reason)
            return self._page(request, instrument, form)
        except ValidationError as error:
            form.add_error(None, _messages(error))
            return self._page(request, instrument, form)
        messages.success(request, _("The form was saved as submission {uuid}.").format(uuid=submission.uuid))
        return redirect("mapping:submission_detail", pk=submission.pk)
