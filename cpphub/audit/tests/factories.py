"""A small audit trail to search: people changing and reading partnership records.

Signing a test client in writes a sign-in event of its own, so tests look for
these rows by id rather than count the whole trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cpphub.audit import services
from cpphub.audit.context import reset_client_ip, set_client_ip
from cpphub.audit.models import AccessLogEntry, AuditEvent


@dataclass
class Trail:
    renamed: AuditEvent
    created: AuditEvent
    password_changed: AuditEvent
    viewed: AccessLogEntry
    listed: AccessLogEntry


def build_trail(world) -> Trail:  # type: ignore[no-untyped-def]
    coordinator = world.user("coordinator")
    caseworker = world.user("caseworker")
    face = world.orgs["face"]
    token = set_client_ip("10.0.0.7")
    try:
        renamed = services.audit_record(
            action=AuditEvent.Action.UPDATE,
            acting_user=coordinator,
            obj=face,
            changes=services.diff(
                {"name": "Foundation for Child Development", "website": ""},
                {"name": "FACE Foundation", "website": "https://face.example"},
            ),
        )
        created = services.audit_record(
            action=AuditEvent.Action.CREATE,
            acting_user=coordinator,
            obj=world.locations["santo_andre"],
            changes=services.diff({}, {"name": "Santo André"}),
        )
        password_changed = services.audit_record(
            action=AuditEvent.Action.PASSWORD_CHANGED, acting_user=caseworker, obj=caseworker
        )
        viewed = services.access_record(
            user=caseworker, obj=face, reason="Follow-up of a referral", label="Case R-2026-001"
        )
        listed = services.access_record(
            user=coordinator, obj=world.orgs["plan_brasil"], action=AccessLogEntry.Action.LIST, label="Case R-2026-002"
        )
    finally:
        reset_client_ip(token)
    return Trail(renamed=renamed, created=created, password_changed=password_changed, viewed=viewed, listed=listed)


def an_old_event(world, days: int) -> AuditEvent:  # type: ignore[no-untyped-def]
    return AuditEvent.objects.create(
        at=timezone.now() - dt.timedelta(days=days),
        actor=world.user("coordinator"),
        actor_email=world.user("coordinator").email,
        action=AuditEvent.Action.DEACTIVATE,
        object_type="partnership.organisation",
        object_id=str(world.orgs["unicef"].pk),
        object_repr="UNICEF",
    )
