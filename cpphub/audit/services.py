"""Writing the audit trail and the access log.

Every write service calls :func:`audit_record` inside its own transaction, so
an audit row exists exactly when the change does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

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
        if getattr(field, "encrypted", False):  # identifying data never leaves its encrypted column
            state[field.name] = REDACTED if value else value
            continue
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


M = TypeVar("M", bound=models.Model)


def audited_write(
    instance: M,
    data: Mapping[str, Any],
    *,
    acting_user: Any,
    errors: Mapping[str, Any] | None = None,
    validate_constraints: bool = True,
) -> M:
    """Create ``instance`` (not saved yet) or change it with ``data``, validated and audited, for the domain services.

    ``errors`` (field to message) are the service's own findings; they are
    raised together with the model's validation of the other fields (the
    service's message wins for its field). Many-to-many fields take iterables
    of instances. A change reads the stored row under ``select_for_update``,
    so the audited "before" is what was there. The caller holds the transaction.
    """
    model = type(instance)
    created = instance._state.adding  # not "pk is None": UUID keys are set before the first save
    if not created:
        instance = model._default_manager.select_for_update().get(pk=instance.pk)
    before = {} if created else snapshot(instance)
    many: dict[str, list[Any]] = {}
    for name, value in data.items():
        if model._meta.get_field(name).many_to_many:
            many[name] = list(value or [])
        else:
            setattr(instance, name, value)
    found: dict[str, Any] = {name: [ValidationError(message)] for name, message in (errors or {}).items()}
    try:
        instance.full_clean(exclude=list(found), validate_constraints=validate_constraints)
    except ValidationError as exc:
        found = exc.update_error_dict(found)
    if found:
        raise ValidationError(found)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:  # a constraint another request got to first
        raise ValidationError(_("This record clashes with one saved a moment ago; please try again.")) from exc
    for name, values in many.items():
        getattr(instance, name).set(values)
    changes = diff(before, snapshot(instance))
    if created or changes:
        action = AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE
        audit_record(action=action, acting_user=acting_user, obj=instance, changes=changes)
    return instance
