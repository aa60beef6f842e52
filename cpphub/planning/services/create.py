"""Every write of the Create stage: action plans, their actions, status changes and progress updates.

Each service validates (the model's ``full_clean`` plus the rules below),
saves and writes its audit event in one transaction; a ValidationError names
the field and leaves the database as it was.

- A plan's workshop is one of the plan's location.
- An action's priority comes from a workshop of the plan's location, its
  findings are findings of that location (not withdrawn).
- The lead partner is a partner of the location: its lead partner, one of its
  implementing partners, or the organisation of one of its stakeholders.
  Supporting partners may be any organisation.
- Children's age bands and sexes are recorded only when children are a
  target group.
- The end does not come before the start; a dropped action says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from cpphub.audit.services import audited_write
from cpphub.mapping.models import AgeBand, Sex
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Action, ActionPlan, ProgressUpdate, TargetGroup
from cpphub.planning.selectors.create import is_partner_of

M = TypeVar("M", bound=models.Model)
Data = Mapping[str, Any]

PLAN_FIELDS = ("title", "workshop", "notes")
ACTION_FIELDS = (
    "title",
    "description",
    "priority",
    "findings",
    "outcome",
    "lead_partner",
    "supporting_partners",
    "target_groups",
    "target_age_bands",
    "target_sexes",
    "start",
    "end",
    "budget",
    "currency",
    "in_kind",
    "expertise_needed",
    "indicator",
    "baseline",
    "target",
    "status",
    "status_reason",
)


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _write(instance: M, data: Data, *, acting_user: Any, errors: Mapping[str, Any] | None = None) -> M:
    return audited_write(instance, data, acting_user=acting_user, errors=errors)


def _only(data: Data, fields: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


# Action plans ---------------------------------------------------------------------------------


def _plan_errors(data: Data, location: PilotLocation | None) -> dict[str, str]:
    workshop = data.get("workshop")
    if workshop is not None and location is not None and workshop.location_id != location.pk:
        return {
            "workshop": _("{workshop} is not a workshop of {location}.").format(workshop=workshop, location=location)
        }
    return {}


@transaction.atomic
def plan_create(*, location: PilotLocation, data: Data, acting_user: Any) -> ActionPlan:
    """An action plan of ``location``; ``data`` holds title, workshop (optional) and notes."""
    plan = ActionPlan(location=location, created_by=_user(acting_user))
    data = _only(data, PLAN_FIELDS)
    return _write(plan, data, acting_user=acting_user, errors=_plan_errors(data, location))


@transaction.atomic
def plan_update(*, plan: ActionPlan, data: Data, acting_user: Any) -> ActionPlan:
    """Change a plan's title, workshop or notes; its location stays."""
    data = _only(data, PLAN_FIELDS)
    return _write(plan, data, acting_user=acting_user, errors=_plan_errors(data, plan.location))


# Actions --------------------------------------------------------------------------------------


def _codes_errors(data: Data) -> dict[str, str]:
    errors: dict[str, str] = {}
    groups = list(data.get("target_groups") or [])
    unknown = [code for code in groups if code not in TargetGroup.values]
    if unknown:
        errors["target_groups"] = _("Unknown target group: {codes}.").format(codes=", ".join(map(str, unknown)))
    children = TargetGroup.CHILDREN in groups
    for field, choices in (("target_age_bands", AgeBand), ("target_sexes", Sex)):
        values = list(data.get(field) or [])
        wrong = [code for code in values if code not in choices.values]
        if wrong:
            errors[field] = _("Unknown code: {codes}.").format(codes=", ".join(map(str, wrong)))
        elif values and not children:
            errors[field] = _("Choose children as a target group first.")
    return errors


def _action_errors(data: Data, location: PilotLocation) -> dict[str, str]:
    errors = _codes_errors(data)
    lead = data.get("lead_partner")
    if lead is not None and not is_partner_of(lead, location):
        errors["lead_partner"] = _("{organisation} is not a partner of {location}.").format(
            organisation=lead, location=location
        )
    priority = data.get("priority")
    if priority is not None and priority.workshop.location_id != location.pk:
        errors["priority"] = _("{priority} is not a priority of {location}.").format(
            priority=priority, location=location
        )
    findings = list(data.get("findings") or [])
    strangers = [f for f in findings if f.location_id != location.pk or f.withdrawn_at is not None]
    if strangers:
        errors["findings"] = _("Not a finding of {location}: {findings}.").format(
            location=location, findings="; ".join(str(f.summary) for f in strangers)
        )
    return errors


@transaction.atomic
def action_create(*, plan: ActionPlan, data: Data, acting_user: Any) -> Action:
    """An action of ``plan``; see the module's rules."""
    data = _only(data, ACTION_FIELDS)
    return _write(Action(plan=plan), data, acting_user=acting_user, errors=_action_errors(data, plan.location))


@transaction.atomic
def action_update(*, action: Action, data: Data, acting_user: Any) -> Action:
    data = _only(data, ACTION_FIELDS)
    return _write(action, data, acting_user=acting_user, errors=_action_errors(data, action.plan.location))


@transaction.atomic
def action_set_status(*, action: Action, status: str, reason: str = "", acting_user: Any) -> Action:
    """Move an action to ``status``; a dropped action needs a ``reason``, other statuses keep it only if given."""
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status: {status}.").format(status=status)})
    return _write(action, {"status": status, "status_reason": reason.strip()}, acting_user=acting_user)


@transaction.atomic
def progress_create(*, action: Action, data: Data, acting_user: Any) -> ProgressUpdate:
    """A dated progress update of ``action``: date, note and (optionally) the indicator's value."""
    update = ProgressUpdate(action=action, created_by=_user(acting_user))
    return _write(update, _only(data, ("date", "note", "value")), acting_user=acting_user)
