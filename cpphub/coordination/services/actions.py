"""Every write of coordinated actions: the action, its partners' contributions, its milestones, its status.

Each service validates (the model's ``full_clean`` plus the rules below),
saves and writes its audit event in one transaction; a ValidationError names
the field and leaves the database as it was. Who may call them is checked by
the views and the API (``selectors/access.py``: coordinators create; they and
those who take part change).

- An action made from a synergy needs an accepted synergy not yet used; the
  synergy's location, country, local action and national priority are joined.
- The countries of its locations are always among its countries; the local
  actions it joins are actions of its locations, the national priorities it
  serves are priorities of its countries.
- Risks are 4Cs codes, target groups are planning's codes.
- The end does not come before the start; a dropped action says why.
- A contribution's amount is not negative; its unit defaults to its resource's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, audited_write, snapshot
from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone, Synergy
from cpphub.mapping.models import RiskDimension
from cpphub.planning.models import TargetGroup

M = TypeVar("M", bound=models.Model)

ACTION_FIELDS = (
    "title",
    "description",
    "lead",
    "locations",
    "countries",
    "local_actions",
    "national_priorities",
    "outcome",
    "risks",
    "target_groups",
    "children_to_reach",
    "start",
    "end",
    "status",
    "status_reason",
)
CONTRIBUTION_FIELDS = ("organisation", "kind", "resource", "amount", "unit", "description", "status")
MILESTONE_FIELDS = ("title", "due", "done_at")


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _only(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


def _write(instance: M, data: Mapping[str, Any], *, acting_user: Any, errors: Mapping[str, Any] | None = None) -> M:
    return audited_write(instance, data, acting_user=acting_user, errors=errors)


# Coordinated actions ---------------------------------------------------------------------------


def _codes(values: Any, allowed: Any, message: str) -> str | None:
    if not isinstance(values, list | tuple):
        return _("Give a list of codes.")
    unknown = [str(v) for v in values if v not in allowed.values]
    return message.format(codes=", ".join(unknown)) if unknown else None


def _synergy_errors(synergy: Synergy | None, action: CoordinatedAction | None = None) -> dict[str, str]:
    if synergy is None:
        return {}
    if synergy.status != Synergy.Status.ACCEPTED:
        return {"synergy": _("Only an accepted synergy becomes a coordinated action; accept it first.")}
    used = CoordinatedAction.objects.filter(synergy=synergy)
    if action is not None and action.pk:
        used = used.exclude(pk=action.pk)
    if used.exists():
        return {"synergy": _("A coordinated action was already made from this synergy.")}
    return {}


def _prepare(data: dict[str, Any], synergy: Synergy | None) -> dict[str, str]:
    """Join what the synergy names, add the locations' countries, and say what does not fit."""
    errors: dict[str, str] = {}
    if synergy is not None:
        data["locations"] = _union(data.get("locations"), [synergy.location])
        data["countries"] = _union(data.get("countries"), [synergy.country])
        if synergy.local_action_id:
            data["local_actions"] = _union(data.get("local_actions"), [synergy.local_action])
        if synergy.national_priority_id:
            data["national_priorities"] = _union(data.get("national_priorities"), [synergy.national_priority])
    if "risks" in data:
        data["risks"] = list(data["risks"] or [])
        message = _codes(data["risks"], RiskDimension, _("Unknown 4Cs risk: {codes}."))
        if message:
            errors["risks"] = message
    if "target_groups" in data:
        data["target_groups"] = list(data["target_groups"] or [])
        message = _codes(data["target_groups"], TargetGroup, _("Unknown target group: {codes}."))
        if message:
            errors["target_groups"] = message
    locations = list(data.get("locations") or []) if "locations" in data else None
    if locations is not None:
        data["countries"] = _union(data.get("countries"), [loc.country for loc in locations])
    if "local_actions" in data and locations is not None:
        location_ids = {loc.pk for loc in locations}
        strangers = [a for a in data.get("local_actions") or [] if a.plan.location_id not in location_ids]
        if strangers:
            errors["local_actions"] = _("Not an action of the chosen locations: {actions}.").format(
                actions="; ".join(a.title for a in strangers)
            )
    if "national_priorities" in data and "countries" in data:
        country_ids = {c.pk for c in data.get("countries") or []}
        strangers = [p for p in data.get("national_priorities") or [] if p.country_id not in country_ids]
        if strangers:
            errors["national_priorities"] = _("Not a national priority of the chosen countries: {priorities}.").format(
                priorities="; ".join(p.title for p in strangers)
            )
    return errors


def _union(first: Iterable[Any] | None, second: Iterable[Any]) -> list[Any]:
    out = list(first or [])
    ids = {obj.pk for obj in out}
    for obj in second:
        if obj is not None and obj.pk not in ids:
            out.append(obj)
            ids.add(obj.pk)
    return out


@transaction.atomic
def create_coordinated_action(*, acting_user: Any, synergy: Synergy | None = None, **fields: Any) -> CoordinatedAction:
    """A coordinated action, from an accepted synergy or on its own; see the module's rules."""
    if synergy is not None:
        synergy = Synergy.objects.select_for_update().get(pk=synergy.pk)
    data = _only(fields, ACTION_FIELDS)
    data.setdefault("locations", [])
    data.setdefault("countries", [])
    errors = {**_synergy_errors(synergy), **_prepare(data, synergy)}
    action = CoordinatedAction(synergy=synergy, created_by=_user(acting_user))
    return _write(action, data, acting_user=acting_user, errors=errors)


@transaction.atomic
def update_coordinated_action(action: CoordinatedAction, *, acting_user: Any, **fields: Any) -> CoordinatedAction:
    """Change an action's fields (not its synergy); see the module's rules."""
    data = _only(fields, ACTION_FIELDS)
    if "locations" in data and "local_actions" not in data:
        data["local_actions"] = list(action.local_actions.all())
    if "countries" in data and "national_priorities" not in data:
        data["national_priorities"] = list(action.national_priorities.all())
    if "local_actions" in data and "locations" not in data:
        data["locations"] = list(action.locations.all())
    if "national_priorities" in data and "countries" not in data:
        data["countries"] = list(action.countries.all())
    if "locations" in data and "countries" not in data:
        data["countries"] = list(action.countries.all())
    return _write(action, data, acting_user=acting_user, errors=_prepare(data, None))


@transaction.atomic
def set_action_status(
    action: CoordinatedAction, *, acting_user: Any, status: str, reason: str = ""
) -> CoordinatedAction:
    """Move an action to ``status``; a dropped action needs a ``reason``."""
    if status not in CoordinatedAction.Status.values:
        raise ValidationError({"status": _("Unknown status: {status}.").format(status=status)})
    return _write(action, {"status": status, "status_reason": (reason or "").strip()}, acting_user=acting_user)


# Contributions ---------------------------------------------------------------------------------


def _contribution_errors(data: Mapping[str, Any]) -> dict[str, str]:
    amount = data.get("amount")
    if amount is not None and amount < 0:
        return {"amount": _("An amount cannot be negative.")}
    return {}


def _default_unit(data: dict[str, Any]) -> None:
    resource = data.get("resource")
    if resource is not None and not (data.get("unit") or "").strip():
        data["unit"] = resource.unit


@transaction.atomic
def add_contribution(action: CoordinatedAction, *, acting_user: Any, **fields: Any) -> Contribution:
    """What a partner puts in: organisation, kind, amount and unit (or resource), what, status."""
    data = _only(fields, CONTRIBUTION_FIELDS)
    _default_unit(data)
    return _write(Contribution(action=action), data, acting_user=acting_user, errors=_contribution_errors(data))


@transaction.atomic
def update_contribution(contribution: Contribution, *, acting_user: Any, **fields: Any) -> Contribution:
    data = _only(fields, CONTRIBUTION_FIELDS)
    _default_unit(data)
    return _write(contribution, data, acting_user=acting_user, errors=_contribution_errors(data))


@transaction.atomic
def remove_contribution(contribution: Contribution, *, acting_user: Any) -> None:
    before = snapshot(contribution)
    pk, label = contribution.pk, f"{contribution.action} · {contribution}"
    contribution.delete()
    audit_record(
        action=AuditEvent.Action.DELETE,
        acting_user=acting_user,
        object_type=Contribution._meta.label_lower,
        object_id=str(pk),
        object_repr=label,
        changes={name: [value, None] for name, value in before.items()},
    )


# Milestones ------------------------------------------------------------------------------------


@transaction.atomic
def add_milestone(action: CoordinatedAction, *, acting_user: Any, title: str, due: dt.date) -> Milestone:
    return _write(Milestone(action=action), {"title": title, "due": due}, acting_user=acting_user)


@transaction.atomic
def update_milestone(milestone: Milestone, *, acting_user: Any, **fields: Any) -> Milestone:
    return _write(milestone, _only(fields, MILESTONE_FIELDS), acting_user=acting_user)


@transaction.atomic
def mark_milestone_done(milestone: Milestone, *, acting_user: Any, on: dt.date | None = None) -> Milestone:
    """Mark a milestone done (today unless ``on``); one already done keeps its date."""
    if milestone.done_at is not None:
        return milestone
    return _write(milestone, {"done_at": on or timezone.localdate()}, acting_user=acting_user)


@transaction.atomic
def remove_milestone(milestone: Milestone, *, acting_user: Any) -> None:
    pk, label = milestone.pk, f"{milestone.action} · {milestone}"
    before = snapshot(milestone)
    milestone.delete()
    audit_record(
        action=AuditEvent.Action.DELETE,
        acting_user=acting_user,
        object_type=Milestone._meta.label_lower,
        object_id=str(pk),
        object_repr=label,
        changes={name: [value, None] for name, value in before.items()},
    )
