"""Versions of registry records, so that two people's edits cannot silently overwrite each other.

A record's version is a short fingerprint of its audited state (what
:func:`cpphub.audit.services.snapshot` records, in the site language), so it
changes exactly when a change would be audited. An edit form carries the
version it was filled in from, an API client the ``ETag`` it read; the write
services refuse a change made from any other version with an
:class:`EditConflict`, which says who changed the record since, when, and
which fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import snapshot

# How many of a record's latest audit events are undone, one by one, to find
# the state an edit was made from (and so the fields changed since).
HISTORY = 50


def record_state(instance: models.Model) -> dict[str, Any]:
    """The audited state of ``instance``; labels of related rows (sectors, roles) in the site language."""
    with translation.override(settings.LANGUAGE_CODE):
        return snapshot(instance)


def fingerprint(state: Mapping[str, Any]) -> str:
    """The version of a record in ``state``: 16 hex digits of a SHA-256 of its JSON."""
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def record_version(instance: models.Model) -> str:
    return fingerprint(record_state(instance))


class EditConflict(Exception):
    """A change made from an older version of a record than the stored one: nothing was saved.

    ``version`` is the stored version (to change the record from it, deliberately),
    ``fields`` the names of the fields that differ from the version the change was
    made from (empty when that version is not found in the audit trail), and
    ``changed_by`` and ``changed_at`` describe the latest audited change (None
    when there is none).
    """

    def __init__(
        self,
        *,
        model: type[models.Model],
        version: str,
        fields: Sequence[str],
        changed_by: str | None,
        changed_at: dt.datetime | None,
    ) -> None:
        super().__init__(f"{model.__name__} is at version {version}")
        self.model = model
        self.version = version
        self.fields = list(fields)
        self.changed_by = changed_by
        self.changed_at = changed_at

    @property
    def field_labels(self) -> list[str]:
        """The changed fields by their names in the reader's language."""
        fields = [self.model._meta.get_field(name) for name in self.fields]
        return [str(capfirst(getattr(field, "verbose_name", field.name))) for field in fields]

    @property
    def message(self) -> str:
        """Who changed the record, when, and what, in the reader's language."""
        if self.changed_at is None:
            return _("This record was changed after you opened it.")
        who = self.changed_by or _("someone")
        when = formats.date_format(timezone.localtime(self.changed_at), "DATETIME_FORMAT")
        if not self.fields:
            return _(
                "This record was changed after you opened it; the latest recorded change was made by {who} on {when}."
            ).format(who=who, when=when)
        return _("{who} changed this record on {when}, after you opened it. Changed: {fields}.").format(
            who=who, when=when, fields=", ".join(self.field_labels)
        )


def _person(event: AuditEvent) -> str:
    actor = event.actor
    name = actor.get_full_name() if actor is not None else ""
    email = event.actor_email
    if name and email and name != email:
        return f"{name} ({email})"
    return name or email


def _state_at(version: str, state: Mapping[str, Any], events: Sequence[AuditEvent]) -> dict[str, Any] | None:
    """``state`` as it was at ``version``, undoing ``events`` (newest first); None if not found."""
    earlier = dict(state)
    for event in events:
        for name, change in event.changes.items():
            if name in earlier and isinstance(change, list) and len(change) == 2:
                earlier[name] = change[0]
        if fingerprint(earlier) == version:
            return earlier
    return None


def edit_conflict(instance: models.Model, state: Mapping[str, Any], version: str) -> EditConflict:
    """The conflict of a change made from ``version`` with ``instance``, stored in ``state`` (its record_state)."""
    events = list(
        AuditEvent.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk))
        .select_related("actor")
        .order_by("-at", "-id")[:HISTORY]
    )
    loaded = _state_at(version, state, events)
    fields = [name for name in state if loaded is not None and loaded.get(name) != state[name]]
    latest = events[0] if events else None
    return EditConflict(
        model=type(instance),
        version=fingerprint(state),
        fields=fields,
        changed_by=_person(latest) if latest else None,
        changed_at=latest.at if latest else None,
    )
