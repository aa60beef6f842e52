"""The columns of the audit trail and the access log when they leave as CSV or XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from cpphub.audit.changes import changes_text
from cpphub.audit.models import AccessLogEntry, AuditEvent

# Rows are read from the database in chunks; the audit trail can be long.
CHUNK = 2000


def audit_event_headers() -> list[str]:
    return [
        _("Id"),
        _("When"),
        _("Who (email)"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Changes"),
        _("Address"),
    ]


def audit_event_rows(events: Iterable[AuditEvent]) -> Iterator[list[Any]]:
    for event in events:
        yield [
            event.pk,
            event.at,
            event.actor_email,
            event.get_action_display(),
            event.object_type,
            event.object_id,
            event.object_repr,
            changes_text(event.changes),
            event.ip_address,
        ]


def access_log_headers() -> list[str]:
    return [
        _("Id"),
        _("When"),
        _("Who (email)"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Reason"),
        _("Address"),
    ]


def access_log_rows(entries: Iterable[AccessLogEntry]) -> Iterator[list[Any]]:
    for entry in entries:
        yield [
            entry.pk,
            entry.at,
            entry.user_email,
            entry.get_action_display(),
            entry.object_type,
            entry.object_id,
            entry.object_repr,
            entry.reason,
            entry.ip_address,
        ]
