"""Writing the audit trail and the access log.

Every write service calls :func:`audit_record` inside its own transaction, so
an audit row exists exactly when the change does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from cpphub.audit.context import client_ip
from cpphub.audit.models import AccessLogEntry, AuditEvent

# Field names whose values are never written to the audit trail.
SECRET_FIELD_PARTS = ("password", "secret", "token", "key", "otp")
REDACTED = "[redacted]"


def _is_secret(field_name: str) -> bool:
    return any(part in field_name.lower() for part in SECRET_FIELD_PARTS)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):  # JSON fields: PostgreSQL's jsonb does not keep the order of keys
        return {str(key): _plain(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audit-relevant state of a model instance: concrete fields and many-to-many."""
    state: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"id", "created_at", "updated_at"}:
            continue
        value = getattr(instance, field.attname)
        if field.is_relation and value is not None:
            related = getattr(instance, field.name)
            value = str(related)
        state[field.name] = _plain(value)
    if instance.pk:
        for m2m in instance._meta.many_to_many:
            state[m2m.name] = sorted(str(obj) for obj in getattr(instance, m2m.name).all())
    return state


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as ``{field: [old, new]}``; secrets redacted."""
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        changes[name] = [REDACTED, REDACTED] if _is_secret(name) else [old, new]
    return changes


def _object_type(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


@transaction.atomic
def audit_record(
    *,
    action: str,
    acting_user: Any,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    actor = acting_user if getattr(acting_user, "pk", None) else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        object_type=_object_type(obj) if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        object_repr=(str(obj) if obj is not None else object_repr)[:300],
        changes=changes or {},
        ip_address=client_ip(),
    )


def access_record(
    *,
    user: Any,
    obj: models.Model,
    action: str = AccessLogEntry.Action.VIEW,
    reason: str = "",
    label: str = "",
) -> AccessLogEntry:
    """Record a read of an identifying record. Call it from the access function.

    ``label`` must not identify anyone (a case number, never a child's name):
    the log itself is read by more people than the record.
    """
    return AccessLogEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        user_email=getattr(user, "email", "") or "",
        action=action,
        object_type=_object_type(obj),
        object_id=str(obj.pk),
        object_repr=label[:300],
        reason=reason,
        ip_address=client_ip(),
    )


@transaction.atomic
def export_record(
    *,
    acting_user: Any,
    model: type[models.Model],
    fmt: str,
    rows: int,
    filters: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record that ``acting_user`` downloaded ``rows`` rows of ``model`` as ``fmt``.

    Any table's export calls this, so the audit trail says who took which data
    out of CPP Hub. The search that produced the rows is kept, without empty
    values, in ``changes`` as ``{"filters": {...}, "format": ..., "rows": ...}``.
    """
    used = {name: str(_plain(value))[:200] for name, value in (filters or {}).items() if value not in (None, "", [])}
    with translation.override(settings.LANGUAGE_CODE):
        label = str(model._meta.verbose_name_plural)
    return audit_record(
        action=AuditEvent.Action.EXPORT,
        acting_user=acting_user,
        object_type=_object_type(model),
        object_repr=label,
        changes={"filters": used, "format": fmt, "rows": rows},
    )
