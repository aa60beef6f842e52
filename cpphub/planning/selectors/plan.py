"""Reads of the Plan stage, as the person asking may see them.

Every partnership member reads every location's workshops, their participation,
priorities, scores and ranking; the facilitators of a location change that
location's workshops. A location's scoring weights are read by every member and
set by its facilitators or by coordinators.

List selectors load what their pages and the API show in a fixed number of
queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.shortcuts import get_object_or_404

from cpphub.mapping.models import Finding
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import CRITERIA, DEFAULT_WEIGHTS, PlanningConfig, Priority, Workshop, WorkshopParticipation
from cpphub.planning.selectors.access import access_planning, access_planning_write, can_configure, facilitates

_LIVE = Q(withdrawn_at__isnull=True)


def _live_findings() -> QuerySet[Finding]:
    return Finding.objects.filter(_LIVE).order_by("kind", "summary")


def _priority_queryset() -> QuerySet[Priority]:
    return Priority.objects.prefetch_related(
        Prefetch("findings", queryset=_live_findings()), Prefetch("strengths", queryset=_live_findings())
    )


# Workshops ---------------------------------------------------------------------------------


def _participation_sum(*, children: bool) -> Subquery:
    """How many took part (children or not), as a subquery so the priorities' join does not multiply it."""
    rows = (
        WorkshopParticipation.objects.filter(workshop=OuterRef("pk"), children=children)
        .order_by()
        .values("workshop")
        .annotate(total=Sum("number"))
        .values("total")
    )
    return Subquery(rows, output_field=IntegerField())


def workshop_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Workshop]:
    from cpphub.planning.filters.plan import WorkshopFilter

    access_planning(viewer)
    queryset = (
        Workshop.objects.select_related("location")
        .annotate(
            people_count=_participation_sum(children=False),
            children_count=_participation_sum(children=True),
            priority_count=Count("priorities", distinct=True),
            ranked_count=Count("priorities", filter=Q(priorities__rank__isnull=False), distinct=True),
        )
        .order_by("-date", "-id")
    )
    return WorkshopFilter(filters, queryset=queryset).qs if filters else queryset


def access_workshop(viewer: Any, pk: Any, *, write: bool = False) -> Workshop:
    """The workshop ``pk`` (404 when there is none), for reading by members or changing by its facilitators."""
    access_planning(viewer)
    workshop = get_object_or_404(Workshop.objects.select_related("location").prefetch_related("facilitators"), pk=pk)
    if write:
        access_planning_write(viewer, workshop.location_id)
    return workshop


def access_participation(viewer: Any, pk: Any, *, write: bool = False) -> WorkshopParticipation:
    access_planning(viewer)
    participation = get_object_or_404(WorkshopParticipation.objects.select_related("workshop__location"), pk=pk)
    if write:
        access_planning_write(viewer, participation.workshop.location_id)
    return participation


def workshop_participation(workshop: Workshop) -> list[WorkshopParticipation]:
    return list(workshop.participation.select_related("sector", "organisation").order_by("children", "sector", "id"))


def participation_totals(rows: list[WorkshopParticipation]) -> dict[str, int]:
    """How many people took part, and how many of them were children."""
    return {
        "people": sum(row.number for row in rows if not row.children),
        "children": sum(row.number for row in rows if row.children),
        "sectors": len({row.sector_id for row in rows}),
    }


def is_ranked(workshop: Workshop, priorities: list[Priority]) -> bool:
    return bool(workshop.reasoning) and any(priority.rank is not None for priority in priorities)


# Priorities --------------------------------------------------------------------------------


def workshop_priorities(workshop: Workshop) -> list[Priority]:
    """The priorities of a workshop, ranked ones first in rank order, with their findings and strengths."""
    return list(
        _priority_queryset()
        .filter(workshop=workshop)
        .annotate(unranked=Case(When(rank__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("unranked", "rank", "id")
    )


def priority_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Priority]:
    from cpphub.planning.filters.plan import PriorityFilter

    access_planning(viewer)
    queryset = _priority_queryset().select_related("workshop__location").order_by("workshop", "rank", "id")
    return PriorityFilter(filters, queryset=queryset).qs if filters else queryset


def access_priority(viewer: Any, pk: Any, *, write: bool = False) -> Priority:
    access_planning(viewer)
    priority = get_object_or_404(_priority_queryset().select_related("workshop__location"), pk=pk)
    if write:
        access_planning_write(viewer, priority.workshop.location_id)
    return priority


def location_findings(location: PilotLocation | int, kind: str | None = None) -> QuerySet[Finding]:
    """A location's findings that have not been withdrawn; those carried forward to planning first."""
    location_id = location if isinstance(location, int) else location.pk
    queryset = Finding.objects.filter(_LIVE, location_id=location_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-carried_forward", "kind", "-severity", "summary", "id")


def candidate_findings(workshop: Workshop) -> dict[str, Any]:
    """What a workshop may bring in from the mapping: risks and strengths, and which risks it already holds."""
    findings = list(location_findings(workshop.location_id))
    brought = set(
        Priority.findings.through.objects.filter(priority__workshop=workshop).values_list("finding_id", flat=True)
    )
    return {
        "risks": [finding for finding in findings if finding.kind == Finding.Kind.RISK],
        "strengths": [finding for finding in findings if finding.kind == Finding.Kind.STRENGTH],
        "brought": brought,
    }


# Weights -----------------------------------------------------------------------------------


def location_weights(location: PilotLocation | int) -> dict[str, int | float]:
    """The scoring weights of a location: its planning settings, or the defaults while it has none."""
    location_id = location if isinstance(location, int) else location.pk
    stored = PlanningConfig.objects.filter(location_id=location_id).values_list("weights", flat=True).first()
    weights: dict[str, int | float] = dict(DEFAULT_WEIGHTS)
    if isinstance(stored, dict):
        weights.update({name: stored[name] for name in CRITERIA if isinstance(stored.get(name), int | float)})
    return weights


def can_set_weights(viewer: Any, location: PilotLocation | int) -> bool:
    """Coordinators, and the facilitators of the location."""
    return can_configure(viewer) or facilitates(viewer, location)


def access_weights(viewer: Any, pk: Any, *, write: bool = False) -> PilotLocation:
    """The location whose weights are asked for: members read them, see :func:`can_set_weights` for writes."""
    access_planning(viewer)
    location = get_object_or_404(PilotLocation, pk=pk)
    if write and not can_set_weights(viewer, location):
        raise PermissionDenied
    return location
