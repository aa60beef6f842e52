"""The data protection officer's pages: the audit trail and the access log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_filters import FilterSet

from cpphub.audit import exports, selectors, services
from cpphub.audit.filters import AccessLogFilter, AuditEventFilter
from cpphub.audit.models import AccessLogEntry, AuditEvent
from cpphub.lib.tabular import export_response

PAGE_SIZE = 50


def _filters(request: HttpRequest, filterset: type[FilterSet]) -> dict[str, Any]:
    """The search in the query string, without paging or unknown parameters."""
    return {name: request.GET[name] for name in filterset.base_filters if name in request.GET}


@require_GET
@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.audit_event_list(viewer=request.user, filters=_filters(request, AuditEventFilter))
    return render(
        request,
        "audit/event_list.html",
        {
            "filter_form": AuditEventFilter(request.GET or None).form,
            "page": Paginator(events, PAGE_SIZE).get_page(request.GET.get("page")),
            "object_types": selectors.audit_object_types(viewer=request.user),
        },
    )


@require_GET
@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.access_audit_event(request.user, pk)
    return render(request, "audit/event_detail.html", {"event": event})


@require_GET
@login_required
def event_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters(request, AuditEventFilter)
    events = selectors.audit_event_list(viewer=request.user, filters=filters)
    rows = list(exports.audit_event_rows(events.iterator(chunk_size=exports.CHUNK)))
    services.export_record(acting_user=request.user, model=AuditEvent, fmt=fmt, rows=len(rows), filters=filters)
    return export_response(filename="audit-events", headers=exports.audit_event_headers(), rows=rows, fmt=fmt)


@require_GET
@login_required
def access_list(request: HttpRequest) -> HttpResponse:
    entries = selectors.access_log_list(viewer=request.user, filters=_filters(request, AccessLogFilter))
    return render(
        request,
        "audit/access_list.html",
        {
            "filter_form": AccessLogFilter(request.GET or None).form,
            "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
            "object_types": selectors.access_object_types(viewer=request.user),
        },
    )


@require_GET
@login_required
def access_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = _filters(request, AccessLogFilter)
    entries = selectors.access_log_list(viewer=request.user, filters=filters)
    rows = list(exports.access_log_rows(entries.iterator(chunk_size=exports.CHUNK)))
    services.export_record(acting_user=request.user, model=AccessLogEntry, fmt=fmt, rows=len(rows), filters=filters)
    return export_response(filename="access-log", headers=exports.access_log_headers(), rows=rows, fmt=fmt)
