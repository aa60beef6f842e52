"""Reading the audit trail and the access log: the data protection officer's (and superusers') only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from cpphub.accounts.permissions import can_read_audit
from cpphub.audit.filters import AccessLogFilter, AuditEventFilter
from cpphub.audit.models import AccessLogEntry, AuditEvent


def _require_audit_reader(viewer: Any) -> None:
    if not can_read_audit(viewer):
        raise PermissionDenied


def audit_event_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[AuditEvent]:
    """Audit events matching ``filters`` (see :class:`AuditEventFilter`), newest first.

    Values that do not validate (a malformed date) are left out of the search.
    """
    _require_audit_reader(viewer)
    return AuditEventFilter(filters or {}, queryset=AuditEvent.objects.order_by("-at", "-id")).qs


def access_log_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[AccessLogEntry]:
    """Access-log entries matching ``filters`` (see :class:`AccessLogFilter`), newest first."""
    _require_audit_reader(viewer)
    return AccessLogFilter(filters or {}, queryset=AccessLogEntry.objects.order_by("-at", "-id")).qs


def access_audit_event(viewer: Any, pk: int) -> AuditEvent:
    """One audit event, or PermissionDenied / Http404."""
    _require_audit_reader(viewer)
    try:
        return AuditEvent.objects.get(pk=pk)
    except AuditEvent.DoesNotExist as exc:
        raise Http404 from exc


def audit_object_types(*, viewer: Any) -> list[str]:
    """The object types found in the audit trail, to suggest in the search form."""
    _require_audit_reader(viewer)
    return list(
        AuditEvent.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def access_object_types(*, viewer: Any) -> list[str]:
    """The object types found in the access log, to suggest in the search form."""
    _require_audit_reader(viewer)
    return list(AccessLogEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct())
