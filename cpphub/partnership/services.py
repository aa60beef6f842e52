"""Every change to the partnership registry: validated, saved and audited in one transaction.

Each register has three writes, ``<entity>_create``, ``<entity>_update`` and
``<entity>_set_active`` (records are deactivated, never deleted). They all go
through :func:`_write`, which applies ``data`` (model field names to values:
model instances for foreign keys, iterables of instances for many-to-many),
validates with ``full_clean``, saves, and records the audit event with the
fields that changed, old and new.

An ``<entity>_update`` given the ``version`` the change was made from (see
:mod:`cpphub.partnership.versions`) refuses it with an ``EditConflict``, saving
nothing, when the stored record has changed since; without a version the
change is applied to whatever is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation
from cpphub.partnership.versions import edit_conflict, fingerprint, record_state

M = TypeVar("M", bound=models.Model)
Data = Mapping[str, Any]


def _field(model: type[models.Model], name: str) -> Any:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist as exc:
        raise TypeError(f"{model.__name__} has no field {name!r}") from exc
    if not getattr(field, "editable", False) or getattr(field, "primary_key", False):
        raise TypeError(f"{model.__name__}.{name} cannot be written")
    return field


def _action(*, created: bool, changes: Mapping[str, Any], instance: models.Model) -> str:
    if created:
        return AuditEvent.Action.CREATE
    if "is_active" in changes:
        return AuditEvent.Action.REACTIVATE if getattr(instance, "is_active", True) else AuditEvent.Action.DEACTIVATE
    return AuditEvent.Action.UPDATE


def _write(instance: M, data: Data, acting_user: Any, version: str | None = None) -> M:
    """Create ``instance`` (no pk yet) or change it, with ``data``; audited.

    An existing row is read again (locked, where the database can) so that the
    audit trail compares against what is stored, not against an instance a
    form has already changed, and so that a change made from another
    ``version`` than the stored one is refused (:class:`EditConflict`). A
    change that changes nothing writes nothing.
    """
    model = type(instance)
    created = instance.pk is None
    if not created:
        instance = model._default_manager.select_for_update().get(pk=instance.pk)
    before = {} if created else record_state(instance)
    if version and not created and fingerprint(before) != version:
        raise edit_conflict(instance, before, version)

    many: dict[str, list[models.Model]] = {}
    for name, value in data.items():
        field = _field(model, name)
        if field.many_to_many:
            many[name] = list(value or [])
        else:
            setattr(instance, name, value)

    errors: dict[str, Any] = {
        field.name: [ValidationError(_("Choose at least one."), code="required")]
        for field in model._meta.many_to_many
        if not field.blank and (created or field.name in many) and not many.get(field.name)
    }
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)

    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)

    changes = diff(before, record_state(instance))
    if changes or created:
        audit_record(
            action=_action(created=created, changes=changes, instance=instance),
            acting_user=acting_user,
            obj=instance,
            changes=changes,
        )
    return instance


# Organisations -----------------------------------------------------------------


@transaction.atomic
def organisation_create(*, data: Data, acting_user: Any) -> Organisation:
    return _write(Organisation(), data, acting_user)


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, data: Data, acting_user: Any, version: str | None = None
) -> Organisation:
    return _write(organisation, data, acting_user, version)


@transaction.atomic
def organisation_set_active(*, organisation: Organisation, active: bool, acting_user: Any) -> Organisation:
    return _write(organisation, {"is_active": active}, acting_user)


# Countries ---------------------------------------------------------------------


@transaction.atomic
def country_create(*, data: Data, acting_user: Any) -> Country:
    return _write(Country(), data, acting_user)


@transaction.atomic
def country_update(*, country: Country, data: Data, acting_user: Any, version: str | None = None) -> Country:
    return _write(country, data, acting_user, version)


@transaction.atomic
def country_set_active(*, country: Country, active: bool, acting_user: Any) -> Country:
    return _write(country, {"is_active": active}, acting_user)


# Pilot locations -----------------------------------------------------------------


@transaction.atomic
def location_create(*, data: Data, acting_user: Any) -> PilotLocation:
    return _write(PilotLocation(), data, acting_user)


@transaction.atomic
def location_update(
    *, location: PilotLocation, data: Data, acting_user: Any, version: str | None = None
) -> PilotLocation:
    return _write(location, data, acting_user, version)


@transaction.atomic
def location_set_active(*, location: PilotLocation, active: bool, acting_user: Any) -> PilotLocation:
    return _write(location, {"is_active": active}, acting_user)


# Programme phases ------------------------------------------------------------------


@transaction.atomic
def phase_create(*, data: Data, acting_user: Any) -> Phase:
    return _write(Phase(), data, acting_user)


@transaction.atomic
def phase_update(*, phase: Phase, data: Data, acting_user: Any, version: str | None = None) -> Phase:
    return _write(phase, data, acting_user, version)


@transaction.atomic
def phase_set_active(*, phase: Phase, active: bool, acting_user: Any) -> Phase:
    return _write(phase, {"is_active": active}, acting_user)


# Contacts --------------------------------------------------------------------------


@transaction.atomic
def contact_create(*, data: Data, acting_user: Any) -> Contact:
    return _write(Contact(), data, acting_user)


@transaction.atomic
def contact_update(*, contact: Contact, data: Data, acting_user: Any, version: str | None = None) -> Contact:
    return _write(contact, data, acting_user, version)


@transaction.atomic
def contact_set_active(*, contact: Contact, active: bool, acting_user: Any) -> Contact:
    return _write(contact, {"is_active": active}, acting_user)
