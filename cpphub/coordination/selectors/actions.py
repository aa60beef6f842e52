"""Reads of coordinated actions, as the person asking may see them.

Coordinated actions are partnership data (class C): every member reads them.
Coordinators create them; coordinators and those who take part (the
facilitators of its locations, the focal points of its countries) change them
(``write=True`` raises 403 for anyone else). The action's page shows the
partners joined (local and national), what each contributes by kind with
totals, its milestones and the synergy it came from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone, Synergy
from cpphub.coordination.selectors.access import access_coordination, can_coordinate, can_edit_action
from cpphub.mapping.selectors.access import facilitated_location_ids
from cpphub.national.selectors.access import focal_country_ids
from cpphub.partnership.models import Country, Organisation, PilotLocation

OPEN = (CoordinatedAction.Status.PLANNED, CoordinatedAction.Status.UNDER_WAY)


def action_queryset() -> QuerySet[CoordinatedAction]:
    return (
        CoordinatedAction.objects.select_related("lead__country", "synergy", "created_by")
        .prefetch_related(
            Prefetch("locations", queryset=PilotLocation.objects.select_related("country").order_by("name")),
            "locations__implementing_partners",
            Prefetch("countries", queryset=Country.objects.order_by("name")),
            Prefetch(
                "contributions", queryset=Contribution.objects.select_related("organisation__country", "resource")
            ),
            "milestones",
        )
        .order_by("-created_at", "-id")
    )


def action_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[CoordinatedAction]:
    """Every coordinated action; filters: country (code), location (slug), outcome, status, partner (id)."""
    from cpphub.coordination.filters.actions import CoordinatedActionFilter

    access_coordination(viewer)
    queryset = action_queryset()
    return CoordinatedActionFilter(filters, queryset=queryset).qs if filters else queryset


def access_action(viewer: Any, pk: Any, *, write: bool = False) -> CoordinatedAction:
    access_coordination(viewer)
    action = get_object_or_404(action_queryset(), pk=pk)
    if write and not can_edit_action(viewer, action):
        raise PermissionDenied
    return action


def access_contribution(
    viewer: Any, pk: Any, *, action: CoordinatedAction | None = None, write: bool = False
) -> Contribution:
    access_coordination(viewer)
    queryset = Contribution.objects.select_related("action", "organisation", "resource")
    if action is not None:
        queryset = queryset.filter(action=action)
    contribution = get_object_or_404(queryset, pk=pk)
    if write and not can_edit_action(viewer, contribution.action):
        raise PermissionDenied
    return contribution


def access_milestone(
    viewer: Any, pk: Any, *, action: CoordinatedAction | None = None, write: bool = False
) -> Milestone:
    access_coordination(viewer)
    queryset = Milestone.objects.select_related("action")
    if action is not None:
        queryset = queryset.filter(action=action)
    milestone = get_object_or_404(queryset, pk=pk)
    if write and not can_edit_action(viewer, milestone.action):
        raise PermissionDenied
    return milestone


def contribution_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Contribution]:
    access_coordination(viewer)
    queryset = Contribution.objects.select_related("action", "organisation", "resource").order_by("action_id", "id")
    action = (filters or {}).get("action")
    if action and str(action).isdigit():
        queryset = queryset.filter(action_id=int(action))
    return queryset


def milestone_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Milestone]:
    access_coordination(viewer)
    queryset = Milestone.objects.select_related("action").order_by("action_id", "due", "id")
    action = (filters or {}).get("action")
    if action and str(action).isdigit():
        queryset = queryset.filter(action_id=int(action))
    return queryset


def takes_part_somewhere(viewer: Any) -> bool:
    """Coordinators, or someone who takes part in at least one coordinated action (the API's write lists)."""
    if can_coordinate(viewer):
        return True
    locations, countries = facilitated_location_ids(viewer), focal_country_ids(viewer)
    if not locations and not countries:
        return False
    return CoordinatedAction.objects.filter(
        Q(locations__in=locations) | Q(countries__in=countries) | Q(locations__country__in=countries)
    ).exists()


def actions_for_country(country: Country | int) -> QuerySet[CoordinatedAction]:
    """The coordinated actions in ``country`` (one of its countries, or in one of its locations)."""
    country_id = country if isinstance(country, int) else country.pk
    ids = CoordinatedAction.objects.filter(Q(countries=country_id) | Q(locations__country=country_id)).values("pk")
    return _small(CoordinatedAction.objects.filter(pk__in=ids))


def actions_for_location(location: PilotLocation | int) -> QuerySet[CoordinatedAction]:
    """The coordinated actions that take place in ``location``."""
    location_id = location if isinstance(location, int) else location.pk
    return _small(CoordinatedAction.objects.filter(locations=location_id))


def _small(queryset: QuerySet[CoordinatedAction]) -> QuerySet[CoordinatedAction]:
    return (
        queryset.select_related("lead")
        .prefetch_related(Prefetch("locations", queryset=PilotLocation.objects.order_by("name")))
        .order_by("status", "-start", "-id")
    )


# The page of one action ------------------------------------------------------------------------


@dataclass
class Partner:
    organisation: Organisation
    side: str  # "local" or "national"
    where: str  # the location(s) or the country it is there for
    is_lead: bool = False
    contributions: list[Contribution] = field(default_factory=list)


@dataclass(frozen=True)
class Total:
    kind: str
    label: str
    unit: str
    amount: Decimal | None  # None when no contribution of the kind gives an amount
    count: int


def partners_of(action: CoordinatedAction) -> list[Partner]:
    """The lead and every contributing partner; local when it is a partner of one of the action's locations."""
    locations = list(action.locations.all())
    local_ids: dict[int, list[str]] = defaultdict(list)
    for location in locations:
        if location.lead_partner_id:
            local_ids[location.lead_partner_id].append(location.name)
        for org in location.implementing_partners.all():
            local_ids[org.pk].append(location.name)
    for la in action.local_actions.select_related("lead_partner", "plan__location"):
        local_ids[la.lead_partner_id].append(la.plan.location.name)
    partners: dict[int, Partner] = {}

    def add(org: Organisation) -> Partner:
        if org.pk not in partners:
            if org.pk in local_ids:
                partners[org.pk] = Partner(org, "local", ", ".join(sorted(set(local_ids[org.pk]))))
            else:
                partners[org.pk] = Partner(org, "national", str(org.country) if org.country_id else "")
        return partners[org.pk]

    add(action.lead).is_lead = True
    for contribution in action.contributions.all():
        add(contribution.organisation).contributions.append(contribution)
    return sorted(partners.values(), key=lambda p: (not p.is_lead, p.side, p.organisation.name))


def totals_of(action: CoordinatedAction) -> list[Total]:
    """The sum of the amounts per kind and unit (money in different currencies is never added up)."""
    sums: dict[tuple[str, str], list[Any]] = {}
    labels = dict(Contribution.Kind.choices)
    for c in action.contributions.all():
        unit = c.unit or (c.resource.unit if c.resource_id and c.resource else "")
        entry = sums.setdefault((c.kind, unit), [None, 0])
        if c.amount is not None:
            entry[0] = (entry[0] or Decimal(0)) + c.amount
        entry[1] += 1
    order = {kind: i for i, kind in enumerate(Contribution.Kind.values)}
    return [
        Total(kind, str(labels[kind]), unit, amount, count)
        for (kind, unit), (amount, count) in sorted(sums.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    ]


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    state: str  # "done", "overdue", "due"


def milestone_rows(action: CoordinatedAction, today: dt.date | None = None) -> list[MilestoneRow]:
    today = today or timezone.localdate()
    rows = []
    for m in action.milestones.all():
        state = "done" if m.done_at else ("overdue" if m.due < today else "due")
        rows.append(MilestoneRow(m, state))
    return rows


def children_of(action: CoordinatedAction) -> dict[str, Any]:
    """What the action links to: the local actions it joins, their priorities, the national priorities."""
    local_actions = list(action.local_actions.select_related("plan__location", "priority__workshop"))
    priorities = {a.priority for a in local_actions if a.priority_id}
    synergy = action.synergy
    if synergy is not None and synergy.local_priority_id:
        priorities.add(synergy.local_priority)
    return {
        "local_actions": local_actions,
        "local_priorities": sorted(priorities, key=lambda p: (p.rank or 99, p.title)),
        "national_priorities": list(action.national_priorities.select_related("country", "organisation")),
    }


def visible_synergy(viewer: Any, action: CoordinatedAction) -> Synergy | None:
    """The synergy ``action`` was made from, when ``viewer`` may see it, with both sides loaded."""
    from cpphub.coordination.selectors.synergies import can_see_synergy, synergy_queryset

    if action.synergy_id is None:
        return None
    synergy = synergy_queryset().filter(pk=action.synergy_id).first()
    return synergy if synergy is not None and can_see_synergy(viewer, synergy) else None


# Prefill from a synergy ------------------------------------------------------------------------


def access_synergy_for_action(viewer: Any, pk: Any) -> Synergy:
    """The synergy a new action starts from (404 when it does not exist or is not visible)."""
    from cpphub.coordination.selectors.synergies import access_synergy

    return access_synergy(viewer, pk)


def initial_from_synergy(synergy: Synergy) -> dict[str, Any]:
    """The fields of a coordinated action made from ``synergy``: both sides' title, places, focus and links."""
    local = synergy.local_item
    national = synergy.national_item
    local_actions: list[Any] = []
    outcome = ""
    groups: list[str] = []
    risks: set[str] = set()
    lead = synergy.location.lead_partner
    if synergy.local_action_id:
        action = synergy.local_action
        assert action is not None
        local_actions = [action]
        outcome, groups, lead = action.outcome, list(action.target_groups or []), action.lead_partner
        risks |= {f.risk_dimension for f in action.findings.all() if f.risk_dimension}
    elif synergy.local_priority_id:
        priority = synergy.local_priority
        assert priority is not None
        local_actions = list(priority.actions.exclude(status="dropped"))
        risks |= {f.risk_dimension for f in priority.findings.all() if f.risk_dimension}
        for a in local_actions:
            groups += [g for g in a.target_groups or [] if g not in groups]
        outcome = local_actions[0].outcome if local_actions else ""
    for name in ("risks", "target_groups"):
        values = list(getattr(national, name, None) or [])
        if name == "risks":
            risks |= set(values)
        else:
            groups += [g for g in values if g not in groups]
    outcome = outcome or getattr(national, "outcome", "") or ""
    national_priorities = [synergy.national_priority] if synergy.national_priority_id else []
    return {
        "synergy": synergy.pk,
        "title": str(local)[:200],
        "description": _("Brings together {local} ({location}) and {national} ({country}).").format(
            local=local, location=synergy.location, national=national, country=synergy.country
        ),
        "lead": lead,
        "locations": [synergy.location],
        "countries": [synergy.country],
        "local_actions": local_actions,
        "national_priorities": national_priorities,
        "outcome": outcome,
        "risks": sorted(risks),
        "target_groups": groups,
    }
