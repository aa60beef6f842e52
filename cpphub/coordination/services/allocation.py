"""Every write of the allocation, and the bridge from the database to the optimiser.

Resources, partners' capacities, actions' needs and the settings are kept by
coordinators; each service validates, saves and writes its audit event in one
transaction, and a ValidationError names the field and leaves the database
as it was.

The optimiser (``cpphub.coordination.allocation``) knows nothing of models:
``build_scenario`` turns the open actions with needs and the partners with
capacities into a ``Scenario`` (keys and regions: see
``selectors/allocation.py``), ``run_allocation`` solves it and keeps the run,
``accept_allocation`` makes a proposal the current, dated version.

The expected benefit of an action (``expected_benefit``)::

    benefit = W(outcome) x (rank_weight x R + children_weight x log10(1 + children reached))

- ``R`` is 1 + 1/rank for a location's priority (rank 1 gives 2, rank 4 gives
  1.25) and 1 + importance/5 for a national priority (importance 5 gives 2,
  1 gives 1.2). A local action takes its priority's rank; a commitment the
  most important national priority served by a coordinated action made from
  a synergy with it; a coordinated action the best of its local priorities
  (through its synergy and the local actions it joins) and national
  priorities. Nothing linked: R = 1.
- ``W(outcome)`` is the settings' weight of the action's outcome (1 when it
  has none); the rank and children weights are the settings' too.
- A benefit set by hand on the need profile wins over the formula.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, audited_write, diff, snapshot
from cpphub.coordination.allocation import (
    Action as ScenarioAction,
)
from cpphub.coordination.allocation import (
    Allocation,
    Forbid,
    Partner,
    Pin,
    Resource,
    Scenario,
    ScenarioError,
    solve,
)
from cpphub.coordination.models import (
    AllocationRun,
    AllocationSettings,
    CoordinatedAction,
    Need,
    NeedProfile,
    PartnerCapacity,
    ResourceType,
)
from cpphub.coordination.models.allocation import DEFAULT_OUTCOME_WEIGHTS
from cpphub.coordination.selectors.allocation import (
    KINDS,
    action_key,
    action_region,
    allocation_settings,
    is_open,
    kind_of,
    partner_key,
    partner_locations,
    partner_regions,
    pilot_country_ids,
    profiles,
    resource_types,
)
from cpphub.national.models import Commitment, NationalPriority
from cpphub.partnership.models import Organisation
from cpphub.planning.models import Action

M = TypeVar("M", bound=models.Model)
Data = Mapping[str, Any]

RESOURCE_FIELDS = ("key", "name", "kind", "unit", "is_active")
PROFILE_FIELDS = ("min_fraction", "children_reached", "benefit_override")
SETTINGS_FIELDS = ("outcome_weights", "rank_weight", "children_weight", "time_limit")


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _write(instance: M, data: Data, *, acting_user: Any, errors: Mapping[str, Any] | None = None) -> M:
    return audited_write(instance, data, acting_user=acting_user, errors=errors)


def _delete(instance: models.Model, *, acting_user: Any) -> None:
    audit_record(
        action=AuditEvent.Action.DELETE, acting_user=acting_user, obj=instance, changes=diff(snapshot(instance), {})
    )
    instance.delete()


def _only(data: Data, fields: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


# Resource types ------------------------------------------------------------------------------


@transaction.atomic
def resource_type_create(*, data: Data, acting_user: Any) -> ResourceType:
    """A resource the optimiser allocates: key (a slug), name, kind (money, staff time, in kind), unit."""
    return _write(ResourceType(), _only(data, RESOURCE_FIELDS), acting_user=acting_user)


@transaction.atomic
def resource_type_update(*, resource: ResourceType, data: Data, acting_user: Any) -> ResourceType:
    """Change a resource; its key stays (runs and exports name it)."""
    errors = {}
    if "key" in data and data["key"] != resource.key:
        errors["key"] = _("The key of a resource stays as it was made: runs and exports name it.")
    return _write(resource, _only(data, RESOURCE_FIELDS), acting_user=acting_user, errors=errors)


# Capacities ----------------------------------------------------------------------------------


@transaction.atomic
def capacity_set(
    *,
    organisation: Organisation,
    resource: ResourceType,
    amount: Decimal | None,
    note: str = "",
    acting_user: Any,
) -> PartnerCapacity | None:
    """What ``organisation`` can give of ``resource``; an empty amount removes the capacity (None returned)."""
    existing = PartnerCapacity.objects.filter(organisation=organisation, resource=resource).first()
    if amount is None:
        if existing is not None:
            _delete(existing, acting_user=acting_user)
        return None
    capacity = existing or PartnerCapacity(organisation=organisation, resource=resource)
    return _write(capacity, {"amount": amount, "note": note or ""}, acting_user=acting_user)


@transaction.atomic
def capacities_save(
    *,
    organisation: Organisation,
    rows: Mapping[ResourceType, tuple[Decimal | None, str]],
    acting_user: Any,
) -> list[PartnerCapacity]:
    """All of a partner's capacities at once: resource -> (amount or None to remove, note)."""
    errors: dict[str, Any] = {}
    saved: list[PartnerCapacity] = []
    for resource, (amount, note) in rows.items():
        try:
            capacity = capacity_set(
                organisation=organisation, resource=resource, amount=amount, note=note, acting_user=acting_user
            )
        except ValidationError as exc:
            for messages in exc.update_error_dict({}).values():
                errors.setdefault(f"amount_{resource.key}", []).extend(messages)
            continue
        if capacity is not None:
            saved.append(capacity)
    if errors:
        raise ValidationError(errors)
    return saved


@transaction.atomic
def capacity_delete(*, capacity: PartnerCapacity, acting_user: Any) -> None:
    _delete(capacity, acting_user=acting_user)


# Need profiles -------------------------------------------------------------------------------


def _side(action: models.Model) -> str:
    return KINDS[kind_of(action)]


@transaction.atomic
def need_profile_save(
    *,
    action: models.Model,
    data: Data,
    needs: Mapping[ResourceType, Decimal | None] | None = None,
    acting_user: Any,
) -> NeedProfile:
    """The need profile of ``action`` (a local action, a commitment or a coordinated action), made on first save.

    ``data``: min_fraction, children_reached, benefit_override. ``needs``: resource -> amount; an empty or
    zero amount removes that need; resources left out keep theirs.
    """
    side = _side(action)
    profile = NeedProfile.objects.filter(**{side: action}).first() or NeedProfile(**{side: action})
    profile = _write(profile, _only(data, PROFILE_FIELDS), acting_user=acting_user)
    errors: dict[str, Any] = {}
    for resource, amount in (needs or {}).items():
        existing = Need.objects.filter(profile=profile, resource=resource).first()
        if amount is None or amount == 0:
            if existing is not None:
                _delete(existing, acting_user=acting_user)
            continue
        try:
            _write(existing or Need(profile=profile, resource=resource), {"amount": amount}, acting_user=acting_user)
        except ValidationError as exc:
            for messages in exc.update_error_dict({}).values():
                errors.setdefault(f"need_{resource.key}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return profile


# Settings ------------------------------------------------------------------------------------


@transaction.atomic
def allocation_settings_update(*, data: Data, acting_user: Any) -> AllocationSettings:
    """Outcome weights (equip, connect, coordinate), rank and children weights, the time limit of a solve."""
    current = allocation_settings()
    data = _only(data, SETTINGS_FIELDS)
    if "outcome_weights" in data and isinstance(data["outcome_weights"], Mapping):
        data["outcome_weights"] = {k: float(v) for k, v in data["outcome_weights"].items()}
    return _write(current, data, acting_user=acting_user)


# Expected benefit ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Benefit:
    """The expected benefit of an action and how it was reached (shown beside the formula)."""

    value: float
    overridden: bool
    outcome: str
    outcome_weight: float
    rank_weight: float
    rank_term: float
    basis: str  # "rank", "importance" or "" (nothing linked)
    basis_value: int | None
    children_weight: float
    children: int | None
    children_term: float


def rank_term(rank: int | None) -> float | None:
    return 1 + 1 / rank if rank else None


def importance_term(importance: int | None) -> float | None:
    return 1 + importance / 5 if importance else None


def _best(candidates: Iterable[tuple[float | None, str, int | None]]) -> tuple[float, str, int | None]:
    usable = [c for c in candidates if c[0] is not None]
    if not usable:
        return 1.0, "", None
    term, basis, value = max(usable, key=lambda c: c[0] or 0.0)
    return float(term or 1.0), basis, value


def _rank(priority: Any) -> tuple[float | None, str, int | None]:
    rank = getattr(priority, "rank", None) if priority is not None else None
    return rank_term(rank), "rank", rank


def _importance(priority: Any) -> tuple[float | None, str, int | None]:
    importance = getattr(priority, "importance", None) if priority is not None else None
    return importance_term(importance), "importance", importance


def _linked(action: models.Model, profile: NeedProfile) -> tuple[float, str, int | None]:
    """The rank term of an action: see the module's docstring."""
    if isinstance(action, Action):
        return _best([_rank(action.priority)])
    if isinstance(action, Commitment):
        if hasattr(profile, "commitment_importance"):  # annotated by selectors.allocation.profiles()
            best = profile.commitment_importance
        else:
            served = NationalPriority.objects.filter(coordinated_actions__synergy__commitment=action)
            best = served.aggregate(best=Max("importance"))["best"]
        return _best([(importance_term(best), "importance", best)])
    if isinstance(action, CoordinatedAction):
        candidates = [_rank(local.priority) for local in action.local_actions.all()]
        candidates += [_importance(priority) for priority in action.national_priorities.all()]
        synergy = action.synergy
        if synergy is not None:
            candidates.append(_rank(synergy.local_priority))
            candidates.append(_rank(synergy.local_action.priority if synergy.local_action else None))
            candidates.append(_importance(synergy.national_priority))
        return _best(candidates)
    raise TypeError(f"not an action: {action!r}")


def benefit_of(profile: NeedProfile, settings: AllocationSettings) -> Benefit:
    action = profile.action
    outcome = str(getattr(action, "outcome", "") or "")
    weights = settings.weights()
    outcome_weight = float(weights.get(outcome, 1.0)) if outcome in DEFAULT_OUTCOME_WEIGHTS else 1.0
    term, basis, basis_value = _linked(action, profile)
    children = profile.children_reached
    if children is None and isinstance(action, CoordinatedAction):
        children = action.children_to_reach
    children_term = math.log10(1 + (children or 0))
    rank_weight, children_weight = float(settings.rank_weight), float(settings.children_weight)
    value = outcome_weight * (rank_weight * term + children_weight * children_term)
    overridden = profile.benefit_override is not None
    if overridden:
        value = float(profile.benefit_override)  # type: ignore[arg-type]
    return Benefit(
        value=round(value, 4),
        overridden=overridden,
        outcome=outcome,
        outcome_weight=outcome_weight,
        rank_weight=rank_weight,
        rank_term=term,
        basis=basis,
        basis_value=basis_value,
        children_weight=children_weight,
        children=children,
        children_term=children_term,
    )


def expected_benefit(profile: NeedProfile, settings: AllocationSettings) -> float:
    """The benefit the optimiser weighs an action by (see the module's docstring)."""
    return benefit_of(profile, settings).value


# The scenario --------------------------------------------------------------------------------


def build_scenario(*, pins: Iterable[Pin] = (), forbids: Iterable[Forbid] = ()) -> Scenario:
    """The optimiser's input from the database, not yet validated (``run_allocation`` checks the pins).

    Actions: every need profile with at least one need whose action is not done or dropped.
    Partners: active organisations with capacities of active resources. Resources: the active ones.
    """
    settings = allocation_settings()
    resources = list(resource_types(active_only=True))
    active = {resource.pk for resource in resources}
    actions: list[ScenarioAction] = []
    for profile in profiles().order_by("pk"):
        action = profile.action
        needs = {
            need.resource.key: float(need.amount)
            for need in profile.needs.all()
            if need.resource_id in active and need.amount > 0
        }
        if not needs or not is_open(action):
            continue
        actions.append(
            ScenarioAction(
                key=action_key(kind_of(action), action.pk),
                title=str(action),
                needs=needs,
                benefit=expected_benefit(profile, settings),
                min_fraction=float(profile.min_fraction),
                region=action_region(action),
            )
        )
    capacities = (
        PartnerCapacity.objects.filter(resource_id__in=active, organisation__is_active=True)
        .select_related("organisation__country", "resource")
        .order_by("organisation__name", "organisation_id", "resource__key")
    )
    offered: dict[int, dict[str, float]] = {}
    organisations: dict[int, Organisation] = {}
    for capacity in capacities:
        offered.setdefault(capacity.organisation_id, {})[capacity.resource.key] = float(capacity.amount)
        organisations[capacity.organisation_id] = capacity.organisation
    located = partner_locations(organisations.values())
    pilot_countries = pilot_country_ids()
    partners = [
        Partner(
            key=partner_key(org),
            name=str(org),
            capacity=offered[pk],
            regions=partner_regions(org, located.get(pk, []), pilot_countries),
        )
        for pk, org in organisations.items()
    ]
    return Scenario(
        resources=tuple(Resource(key=r.key, label=r.name, unit=r.unit) for r in resources),
        partners=tuple(partners),
        actions=tuple(actions),
        pins=tuple(pins),
        forbids=tuple(forbids),
    )


def _pin_errors(scenario: Scenario) -> dict[str, list[str]]:
    """Pins and forbids naming what the scenario does not hold, in words a coordinator can act on."""
    partners = {p.key for p in scenario.partners}
    actions = {a.key for a in scenario.actions}
    resources = {r.key for r in scenario.resources}
    errors: dict[str, list[str]] = {}
    for number, pin in enumerate(scenario.pins, start=1):
        found = []
        if pin.partner not in partners:
            found.append(_("{key} is not a partner with capacities.").format(key=pin.partner))
        if pin.action not in actions:
            found.append(_("{key} is not an open action with needs.").format(key=pin.action))
        if pin.resource not in resources:
            found.append(_("{key} is not an active resource.").format(key=pin.resource))
        if pin.amount is not None and (not math.isfinite(pin.amount) or pin.amount <= 0):
            found.append(_("the amount must be a number above 0."))
        for problem in found:
            errors.setdefault("pins", []).append(_("Pin {number}: {problem}").format(number=number, problem=problem))
    for number, forbid in enumerate(scenario.forbids, start=1):
        found = []
        if forbid.partner not in partners:
            found.append(_("{key} is not a partner with capacities.").format(key=forbid.partner))
        if forbid.action not in actions:
            found.append(_("{key} is not an open action with needs.").format(key=forbid.action))
        for problem in found:
            errors.setdefault("forbids", []).append(
                _("Forbid {number}: {problem}").format(number=number, problem=problem)
            )
    return errors


def _plain(value: Any) -> Any:
    """JSON-ready: tuples to lists, numpy numbers to floats."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | str | int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return number if math.isfinite(number) else None


def _reasons(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"code": reason.code, "params": _plain(reason.params)} for reason in items]


def result_json(allocation: Allocation) -> dict[str, Any]:
    """What a run keeps of the optimiser's answer."""
    return {
        "status": allocation.status,
        "method": allocation.method,
        "funded": list(allocation.funded),
        "unfunded": list(allocation.unfunded),
        "assignments": [
            {"partner": a.partner, "action": a.action, "resource": a.resource, "amount": float(a.amount)}
            for a in allocation.assignments
        ],
        "reasons": {key: _reasons(items) for key, items in allocation.reasons.items()},
        "leftover": _plain(allocation.leftover),
        "problems": _reasons(allocation.problems),
        "stats": _plain(allocation.stats),
        "lp_seconds": float(allocation.lp_seconds),
    }


def pins_json(pins: Iterable[Pin]) -> list[dict[str, Any]]:
    return [{"partner": p.partner, "action": p.action, "resource": p.resource, "amount": p.amount} for p in pins]


def forbids_json(forbids: Iterable[Forbid]) -> list[dict[str, Any]]:
    return [{"partner": f.partner, "action": f.action} for f in forbids]


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def run_allocation(
    *,
    acting_user: Any,
    pins: Iterable[Pin] = (),
    forbids: Iterable[Forbid] = (),
    parent: AllocationRun | None = None,
    title: str = "",
) -> AllocationRun:
    """Solve the current scenario with ``pins`` and ``forbids`` and keep the run (proposed or infeasible).

    Pins that cannot all hold give an infeasible run with its problems, never an exception; pins or
    forbids naming unknown partners, actions or resources are a ValidationError on "pins"/"forbids".
    The solve runs outside any transaction (it may take the settings' time limit).
    """
    settings = allocation_settings()
    scenario = build_scenario(pins=pins, forbids=forbids)
    errors = _pin_errors(scenario)
    if errors:
        raise ValidationError(errors)
    try:
        scenario.validate()
    except ScenarioError as exc:
        raise ValidationError(
            {"scenario": _("The data cannot be solved as it is ({problem}).").format(problem=str(exc))}
        ) from exc
    allocation = solve(scenario, time_limit=float(settings.time_limit))
    infeasible = allocation.status == "infeasible"
    with transaction.atomic():
        run = AllocationRun.objects.create(
            parent=parent,
            title=(title or "").strip()[:200],
            scenario=scenario.to_dict(),
            pins=pins_json(scenario.pins),
            forbids=forbids_json(scenario.forbids),
            result=result_json(allocation),
            status=AllocationRun.Status.INFEASIBLE if infeasible else AllocationRun.Status.PROPOSED,
            objective=None if infeasible else _finite(allocation.objective),
            bound=None if infeasible else _finite(allocation.bound),
            gap=None if infeasible else _finite(allocation.gap),
            greedy_objective=_finite(allocation.greedy_objective),
            seconds=_finite(allocation.seconds),
            created_by=_user(acting_user),
        )
        audit_record(
            action=AuditEvent.Action.CREATE,
            acting_user=acting_user,
            obj=run,
            changes={
                "status": [None, run.status],
                "title": [None, run.title],
                "parent": [None, str(parent) if parent else None],
                "pins": [None, run.pins],
                "forbids": [None, run.forbids],
                "objective": [None, run.objective],
                "actions": [None, len(scenario.actions)],
                "partners": [None, len(scenario.partners)],
            },
        )
    return run


@transaction.atomic
def accept_allocation(run: AllocationRun, *, acting_user: Any) -> AllocationRun:
    """Make a proposed run the current version: the next version number, dated; the previous one superseded."""
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.status != AllocationRun.Status.PROPOSED:
        raise ValidationError(
            _("Only a proposed allocation can be accepted; this one is {status}.").format(
                status=run.get_status_display().lower()
            ),
            code="not_proposed",
        )
    for previous in AllocationRun.objects.select_for_update().filter(status=AllocationRun.Status.ACCEPTED):
        _write(previous, {"status": AllocationRun.Status.SUPERSEDED}, acting_user=acting_user)
    latest = AllocationRun.objects.aggregate(latest=Max("version"))["latest"] or 0
    return _write(
        run,
        {
            "status": AllocationRun.Status.ACCEPTED,
            "version": latest + 1,
            "accepted_at": timezone.now(),
            "accepted_by": _user(acting_user),
        },
        acting_user=acting_user,
    )
