"""Read-only API of the audit trail and the access log, for the data protection officer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from cpphub.accounts.permissions import can_read_audit
from cpphub.audit import selectors
from cpphub.audit.filters import AccessLogFilter, AuditEventFilter
from cpphub.audit.models import AccessLogEntry, AuditEvent


class CanReadAudit(permissions.BasePermission):
    message = _("Only the data protection officer may read the audit trail and the access log.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return can_read_audit(request.user)


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    actor = serializers.IntegerField(
        source="actor_id", read_only=True, allow_null=True, help_text="Id of the user (kept after the user is gone)."
    )
    changes = serializers.JSONField(
        read_only=True,
        help_text='For a write, {"field": [old, new]} with secrets redacted; for an export, '
        '{"filters": {...}, "format": "csv", "rows": 12}.',
    )

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "actor_email",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "ip_address",
        ]
        read_only_fields = fields


class AccessLogEntrySerializer(serializers.ModelSerializer[AccessLogEntry]):
    user = serializers.IntegerField(
        source="user_id", read_only=True, allow_null=True, help_text="Id of the user (kept after the user is gone)."
    )

    class Meta:
        model = AccessLogEntry
        fields = [
            "id",
            "at",
            "user",
            "user_email",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "reason",
            "ip_address",
        ]
        read_only_fields = fields


class _AuditReadViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    permission_classes = [permissions.IsAuthenticated, CanReadAudit]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["at", "id"]
    ordering = ["-at", "-id"]


@extend_schema_view(
    list=extend_schema(
        summary="Audit trail",
        description="Who changed what, when and from where, newest first. Data protection officer and superusers only.",
    ),
    retrieve=extend_schema(summary="One audit event"),
)
class AuditEventViewSet(_AuditReadViewSet):
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    queryset = AuditEvent.objects.none()  # for the schema; requests use the selector

    def get_queryset(self) -> QuerySet[AuditEvent]:
        if getattr(self, "swagger_fake_view", False):
            return AuditEvent.objects.none()
        # Filtering is left to the filter backend, which answers 400 on a bad value.
        return selectors.audit_event_list(viewer=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Access log",
        description="Every read of an identifying record: who, what, why, from where; newest first. "
        "Data protection officer and superusers only.",
    ),
    retrieve=extend_schema(summary="One access-log entry"),
)
class AccessLogViewSet(_AuditReadViewSet):
    serializer_class = AccessLogEntrySerializer
    filterset_class = AccessLogFilter
    queryset = AccessLogEntry.objects.none()  # for the schema; requests use the selector

    def get_queryset(self) -> QuerySet[AccessLogEntry]:
        if getattr(self, "swagger_fake_view", False):
            return AccessLogEntry.objects.none()
        return selectors.access_log_list(viewer=self.request.user)
