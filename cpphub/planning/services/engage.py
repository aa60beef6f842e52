"""Every write of the Engage stage: stakeholders and their place on the grid, engagements, follow-ups.

Each service validates, saves and writes its audit event in one transaction;
a ValidationError names the field and leaves the database as it was.

- A stakeholder's name is unique in its location (ignoring case and spaces at
  the ends); power and interest are scored from 1 to 5. A stakeholder stays
  in its location: it is moved by recording it again.
- Moving a stakeholder on the grid changes power and/or interest, by a step
  or to a value, and never beyond the 1-5 scale.
- The stakeholders present at an engagement are stakeholders of its location.
- A follow-up is overdue when its due date has passed and it is not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, audited_write, diff, snapshot
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Engagement, FollowUp, Stakeholder

M = TypeVar("M", bound=models.Model)
Data = Mapping[str, Any]

SCALE = (1, 5)
STAKEHOLDER_FIELDS = (
    "name",
    "organisation",
    "sector",
    "can_do",
    "contact_name",
    "contact_details",
    "power",
    "interest",
    "notes",
    "is_active",
)
ENGAGEMENT_FIELDS = ("kind", "date", "title", "stakeholders", "participants", "sectors", "agreed")
FOLLOW_UP_FIELDS = ("description", "owner", "due_date", "done_at")


def _write(instance: M, data: Data, *, acting_user: Any, errors: Mapping[str, Any] | None = None) -> M:
    return audited_write(instance, data, acting_user=acting_user, errors=errors, validate_constraints=False)


def _only(data: Data, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


# Stakeholders -----------------------------------------------------------------------------


def scale_error(label: str, value: Any) -> str | None:
    """Why ``value`` is not a score on the 1-5 scale (None when it is)."""
    if isinstance(value, bool) or not isinstance(value, int) or not SCALE[0] <= value <= SCALE[1]:
        return _("{label} is scored from 1 (little) to 5 (a great deal).").format(label=label)
    return None


def _stakeholder_errors(data: Data, location: PilotLocation | None, stakeholder: Stakeholder | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = (data.get("name") or "").strip()
    if name and location is not None:
        same = Stakeholder.objects.filter(location=location, name__iexact=name)
        if stakeholder is not None:
            same = same.exclude(pk=stakeholder.pk)
        if same.exists():
            errors["name"] = _("{location} already has a stakeholder called “{name}”.").format(
                location=location, name=name
            )
    for field, label in (("power", _("Power")), ("interest", _("Interest"))):
        if field in data:
            message = scale_error(label, data[field])
            if message:
                errors[field] = message
    return errors


@transaction.atomic
def stakeholder_create(*, data: Data, acting_user: Any) -> Stakeholder:
    """A stakeholder; ``data`` holds location, name, organisation, sector, can_do, contact, power, interest, notes."""
    location = data.get("location")
    fields = _only(data, STAKEHOLDER_FIELDS)
    fields["name"] = (fields.get("name") or "").strip()
    errors = _stakeholder_errors(fields, location, None)
    if location is None:
        errors["location"] = _("Choose the pilot location of this stakeholder.")
    stakeholder = Stakeholder(location=location, created_by=_user(acting_user))
    return _write(stakeholder, fields, acting_user=acting_user, errors=errors)


@transaction.atomic
def stakeholder_update(*, stakeholder: Stakeholder, data: Data, acting_user: Any) -> Stakeholder:
    """Change a stakeholder; its location stays."""
    fields = _only(data, STAKEHOLDER_FIELDS)
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
    errors = _stakeholder_errors(fields, stakeholder.location, stakeholder)
    return _write(stakeholder, fields, acting_user=acting_user, errors=errors)


@transaction.atomic
def stakeholder_set_active(*, stakeholder: Stakeholder, active: bool, acting_user: Any) -> Stakeholder:
    """Deactivate a stakeholder (it leaves the grid and the choices, stays in the register) or bring it back."""
    stakeholder = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
    if stakeholder.is_active == active:
        return stakeholder
    if active:
        clash = (
            Stakeholder.objects.filter(location_id=stakeholder.location_id, name__iexact=stakeholder.name)
            .exclude(pk=stakeholder.pk)
            .exists()
        )
        if clash:
            raise ValidationError({"name": _("Another stakeholder of this location has the same name.")})
    stakeholder.is_active = active
    stakeholder.save(update_fields=["is_active"])
    action = AuditEvent.Action.REACTIVATE if active else AuditEvent.Action.DEACTIVATE
    audit_record(action=action, acting_user=acting_user, obj=stakeholder, changes={"is_active": [not active, active]})
    return stakeholder


def _moved(label: str, current: int, value: int | None, delta: int | None) -> tuple[int, str | None]:
    """The new score and, when it leaves the scale, why not."""
    if value is not None:
        return value, scale_error(label, value)
    wanted = current + (delta or 0)
    if wanted > SCALE[1]:
        return current, _("{label} is already 5, the top of the scale.").format(label=label)
    if wanted < SCALE[0]:
        return current, _("{label} is already 1, the bottom of the scale.").format(label=label)
    return wanted, None


@transaction.atomic
def stakeholder_move(
    *,
    stakeholder: Stakeholder,
    acting_user: Any,
    power: int | None = None,
    interest: int | None = None,
    power_delta: int | None = None,
    interest_delta: int | None = None,
) -> Stakeholder:
    """Move a stakeholder on the power/interest grid: to a value, or a step (``*_delta``) up or down."""
    if all(value is None for value in (power, interest, power_delta, interest_delta)):
        raise ValidationError(_("Say which way to move the stakeholder: power or interest, up or down."))
    stakeholder = Stakeholder.objects.select_for_update().get(pk=stakeholder.pk)
    before = snapshot(stakeholder)
    new_power, power_error = _moved(_("Power"), stakeholder.power, power, power_delta)
    new_interest, interest_error = _moved(_("Interest"), stakeholder.interest, interest, interest_delta)
    errors = {name: message for name, message in (("power", power_error), ("interest", interest_error)) if message}
    if errors:
        raise ValidationError(errors)
    stakeholder.power, stakeholder.interest = new_power, new_interest
    stakeholder.save(update_fields=["power", "interest"])
    changes = diff(before, snapshot(stakeholder))
    if changes:
        audit_record(action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=stakeholder, changes=changes)
    return stakeholder


# Engagements ------------------------------------------------------------------------------


def _engagement_errors(data: Data, location: PilotLocation | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    stakeholders = list(data.get("stakeholders") or [])
    if location is not None:
        strangers = [str(s) for s in stakeholders if s.location_id != location.pk]
        if strangers:
            errors["stakeholders"] = _("Not stakeholders of {location}: {names}.").format(
                location=location, names=", ".join(strangers)
            )
    return errors


@transaction.atomic
def engagement_create(*, data: Data, acting_user: Any) -> Engagement:
    """A meeting, visit, call or workshop: location, kind, date, subject, who came, sectors, what was agreed."""
    location = data.get("location")
    fields = _only(data, ENGAGEMENT_FIELDS)
    errors = _engagement_errors(fields, location)
    if location is None:
        errors["location"] = _("Choose the pilot location of this engagement.")
    engagement = Engagement(location=location, created_by=_user(acting_user))
    return _write(engagement, fields, acting_user=acting_user, errors=errors)


@transaction.atomic
def engagement_update(*, engagement: Engagement, data: Data, acting_user: Any) -> Engagement:
    """Change an engagement; its location stays."""
    fields = _only(data, ENGAGEMENT_FIELDS)
    return _write(engagement, fields, acting_user=acting_user, errors=_engagement_errors(fields, engagement.location))


# Follow-ups -------------------------------------------------------------------------------


def _follow_up_errors(data: Data, engagement: Engagement) -> dict[str, str]:
    errors: dict[str, str] = {}
    done_at = data.get("done_at")
    if isinstance(done_at, dt.date) and done_at > timezone.localdate():
        errors["done_at"] = _("A follow-up cannot be done in the future.")
    if isinstance(done_at, dt.date) and done_at < engagement.date:
        errors["done_at"] = _("A follow-up cannot be done before its engagement ({date}).").format(
            date=engagement.date.isoformat()
        )
    return errors


@transaction.atomic
def follow_up_create(*, engagement: Engagement, data: Data, acting_user: Any) -> FollowUp:
    """Something to do after ``engagement``: description, who, due date (and done date when already done)."""
    fields = _only(data, FOLLOW_UP_FIELDS)
    follow_up = FollowUp(engagement=engagement)
    return _write(follow_up, fields, acting_user=acting_user, errors=_follow_up_errors(fields, engagement))


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, data: Data, acting_user: Any) -> FollowUp:
    fields = _only(data, FOLLOW_UP_FIELDS)
    return _write(follow_up, fields, acting_user=acting_user, errors=_follow_up_errors(fields, follow_up.engagement))


@transaction.atomic
def follow_up_mark_done(*, follow_up: FollowUp, acting_user: Any, done_at: dt.date | None = None) -> FollowUp:
    """Mark a follow-up done (today unless ``done_at`` says when); a done one keeps its date."""
    if follow_up.done_at is not None:
        return follow_up
    return follow_up_update(
        follow_up=follow_up, data={"done_at": done_at or timezone.localdate()}, acting_user=acting_user
    )
