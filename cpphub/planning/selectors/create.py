"""Reads of the Create stage, as the person asking may see them.

Action plans, actions and progress updates are partnership data (class C):
every member reads those of every location; the facilitators of the plan's
location change them (``write=True``). List selectors load what their pages
and the API show in a fixed number of queries, whatever the number of rows.

The timeline of a plan (:func:`plan_timeline`) places each action as a bar
whose left edge and width are percentages of the plan's span, with a tick
at the first of each month and a line for today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format

from cpphub.mapping.models import Finding
from cpphub.partnership.models import Organisation, PilotLocation
from cpphub.planning.models import Action, ActionPlan, Priority, ProgressUpdate, Stakeholder, Workshop
from cpphub.planning.selectors.access import access_planning, facilitated_location_ids, facilitates

OPEN = (Action.Status.PLANNED, Action.Status.UNDER_WAY)


# Partners of a location ----------------------------------------------------------------------


def location_partners(location: PilotLocation) -> QuerySet[Organisation]:
    """Who may lead an action in ``location``: its lead partner, its implementing partners, its stakeholders'."""
    stakeholder_orgs = Stakeholder.objects.filter(location=location, organisation__isnull=False).values(
        "organisation_id"
    )
    return (
        Organisation.objects.filter(Q(pk=location.lead_partner_id) | Q(locations=location) | Q(pk__in=stakeholder_orgs))
        .distinct()
        .order_by("name")
    )


def is_partner_of(organisation: Organisation, location: PilotLocation) -> bool:
    return location_partners(location).filter(pk=organisation.pk).exists()


def location_priorities(location: PilotLocation) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(workshop__location=location)
        .select_related("workshop")
        .order_by("-workshop__date", "rank", "id")
    )


def location_findings(location: PilotLocation) -> QuerySet[Finding]:
    return Finding.objects.filter(location=location, withdrawn_at__isnull=True).order_by("kind", "summary")


def location_workshops(location: PilotLocation) -> QuerySet[Workshop]:
    return Workshop.objects.filter(location=location).order_by("-date", "-id")


# Plans ---------------------------------------------------------------------------------------


def _overdue_q(today: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN, f"{prefix}end__lt": today})


def plan_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[ActionPlan]:
    from cpphub.planning.filters.create import ActionPlanFilter

    access_planning(viewer)
    today = timezone.localdate()
    queryset = (
        ActionPlan.objects.select_related("location", "workshop")
        .annotate(
            action_count=Count("actions", distinct=True),
            overdue_count=Count("actions", filter=_overdue_q(today, "actions__"), distinct=True),
        )
        .order_by("location__name", "-created_at", "-id")
    )
    return ActionPlanFilter(filters, queryset=queryset).qs if filters else queryset


def can_create_plans(viewer: Any) -> bool:
    return bool(facilitated_location_ids(viewer))


def plan_locations(viewer: Any) -> QuerySet[PilotLocation]:
    """Where ``viewer`` may make plans: the locations they facilitate."""
    return PilotLocation.objects.filter(pk__in=facilitated_location_ids(viewer)).order_by("name")


def access_plan(viewer: Any, pk: Any, *, write: bool = False) -> ActionPlan:
    access_planning(viewer)
    plan = get_object_or_404(ActionPlan.objects.select_related("location", "workshop", "created_by"), pk=pk)
    if write and not facilitates(viewer, plan.location_id):
        raise PermissionDenied
    return plan


# Actions -------------------------------------------------------------------------------------


def with_overdue(queryset: QuerySet[Action], today: dt.date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return queryset.annotate(overdue=ExpressionWrapper(_overdue_q(today), output_field=BooleanField()))


def action_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Action]:
    from cpphub.planning.filters.create import ActionFilter

    access_planning(viewer)
    queryset = with_overdue(
        Action.objects.select_related("plan__location", "lead_partner", "priority").prefetch_related(
            "supporting_partners", "findings"
        )
    ).order_by("plan", "start", "id")
    return ActionFilter(filters, queryset=queryset).qs if filters else queryset


def plan_actions(plan: ActionPlan) -> QuerySet[Action]:
    """The actions of ``plan`` with what the table, timeline and exports show."""
    return (
        with_overdue(Action.objects.filter(plan=plan))
        .select_related("lead_partner", "priority")
        .prefetch_related("supporting_partners")
        .order_by("start", "end", "id")
    )


def plan_export_actions(plan: ActionPlan) -> QuerySet[Action]:
    """The actions of ``plan`` with their progress updates (newest first), for the XLSX and PDF exports."""
    return (
        plan_actions(plan)
        .select_related("plan__location")
        .prefetch_related(Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-date", "-id")))
    )


def access_action(viewer: Any, pk: Any, *, write: bool = False) -> Action:
    access_planning(viewer)
    action = get_object_or_404(
        with_overdue(Action.objects.all())
        .select_related("plan__location", "plan__workshop", "lead_partner", "priority__workshop")
        .prefetch_related(
            "supporting_partners",
            "findings",
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("created_by").order_by("-date", "-id")),
        ),
        pk=pk,
    )
    if write and not facilitates(viewer, action.plan.location_id):
        raise PermissionDenied
    return action


def progress_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[ProgressUpdate]:
    access_planning(viewer)
    queryset = ProgressUpdate.objects.select_related("action__plan__location").order_by("-date", "-id")
    action = (filters or {}).get("action")
    if action and str(action).isdigit():
        queryset = queryset.filter(action_id=int(action))
    return queryset


def access_progress(viewer: Any, pk: Any, *, write: bool = False) -> ProgressUpdate:
    access_planning(viewer)
    update = get_object_or_404(ProgressUpdate.objects.select_related("action__plan__location"), pk=pk)
    if write and not facilitates(viewer, update.action.plan.location_id):
        raise PermissionDenied
    return update


# The timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    label: str
    left: float


@dataclass(frozen=True)
class Bar:
    action: Action
    left: float
    width: float
    overdue: bool


@dataclass(frozen=True)
class Timeline:
    start: dt.date | None
    end: dt.date | None
    ticks: Sequence[Tick]
    bars: Sequence[Bar]
    today: float | None  # where today falls, as a percentage, when inside the span


def _percent(day: dt.date, start: dt.date, days: int) -> float:
    return round(100 * (day - start).days / days, 2)


def plan_timeline(actions: Sequence[Action], today: dt.date | None = None) -> Timeline:
    """The Gantt-style layout of ``actions`` over the plan's span (first start to last end, whole months)."""
    today = today or timezone.localdate()
    if not actions:
        return Timeline(None, None, [], [], None)
    first = min(a.start for a in actions).replace(day=1)
    last = max(a.end for a in actions)
    # The span runs to the first day of the month after the last end.
    end = (last.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    days = (end - first).days
    ticks: list[Tick] = []
    month = first
    while month < end:
        ticks.append(Tick(date_format(month, "M Y"), _percent(month, first, days)))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    bars = [
        Bar(
            action=a,
            left=_percent(a.start, first, days),
            width=max(_percent(a.end + dt.timedelta(days=1), first, days) - _percent(a.start, first, days), 0.5),
            overdue=a.is_overdue(today),
        )
        for a in actions
    ]
    today_at = _percent(today, first, days) if first <= today < end else None
    return Timeline(first, end - dt.timedelta(days=1), ticks, bars, today_at)
