"""Reads of the Engage stage, as the person asking may see them.

Every partnership member reads the stakeholders, engagements and follow-ups
of every location; ``write=True`` asks for a record to change and is refused
(403) unless the viewer facilitates its location. List selectors load what
their pages and the API show in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cpphub.partnership.models import PilotLocation
from cpphub.planning.filters.engage import EngagementFilter, FollowUpFilter, StakeholderFilter, overdue_condition
from cpphub.planning.models import Engagement, FollowUp, Quadrant, Stakeholder
from cpphub.planning.selectors.access import access_planning, access_planning_write, facilitated_location_ids

# The quadrants in order of attention: the first is read first on a phone and by a screen reader.
QUADRANT_ORDER = [Quadrant.MANAGE_CLOSELY, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED, Quadrant.MONITOR]


# Stakeholders -----------------------------------------------------------------------------


def stakeholder_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Stakeholder]:
    """Stakeholders of every location, by ``filters``: active ones unless they ask for ``status``.

    ``filters=None`` applies no filter at all (the API's filter backend applies them).
    """
    access_planning(viewer)
    queryset = Stakeholder.objects.select_related("location__country", "sector", "organisation").order_by(
        "location__name", "name"
    )
    return StakeholderFilter(filters, queryset=queryset).qs if filters is not None else queryset


def access_stakeholder(viewer: Any, pk: Any, *, write: bool = False) -> Stakeholder:
    access_planning(viewer)
    stakeholder = get_object_or_404(
        Stakeholder.objects.select_related("location__country", "sector", "organisation", "created_by"), pk=pk
    )
    if write:
        access_planning_write(viewer, stakeholder.location_id)
    return stakeholder


def stakeholder_engagements(stakeholder: Stakeholder) -> QuerySet[Engagement]:
    """The engagements a stakeholder took part in, newest first."""
    return stakeholder.engagements.order_by("-date", "-id")[:20]  # type: ignore[return-value]


@dataclass
class GridQuadrant:
    quadrant: Quadrant
    stakeholders: list[Stakeholder] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.quadrant.value)

    @property
    def label(self) -> str:
        return str(self.quadrant.label)


@dataclass
class Grid:
    location: PilotLocation | None
    quadrants: list[GridQuadrant]
    can_write: bool

    @property
    def count(self) -> int:
        return sum(len(q.stakeholders) for q in self.quadrants)


def grid_locations(viewer: Any) -> QuerySet[PilotLocation]:
    """The locations the grid page offers: every active location."""
    access_planning(viewer)
    return PilotLocation.objects.filter(is_active=True).order_by("name")


def grid_location(viewer: Any, slug: str | None) -> PilotLocation | None:
    """The location of the grid: the one named, else the first the viewer facilitates, else the first."""
    locations = grid_locations(viewer)
    if slug:
        return get_object_or_404(PilotLocation, slug=slug)
    mine = facilitated_location_ids(viewer)
    return (locations.filter(pk__in=mine).first() if mine else None) or locations.first()


def stakeholder_grid(*, viewer: Any, location: PilotLocation | None) -> Grid:
    """The active stakeholders of ``location`` placed in their quadrant, most power then most interest first."""
    access_planning(viewer)
    quadrants = {code: GridQuadrant(code) for code in QUADRANT_ORDER}
    if location is not None:
        stakeholders = (
            Stakeholder.objects.filter(location=location, is_active=True)
            .select_related("sector")
            .order_by("-power", "-interest", "name")
        )
        for stakeholder in stakeholders:
            quadrants[stakeholder.quadrant].stakeholders.append(stakeholder)
    can_write = location is not None and location.pk in facilitated_location_ids(viewer)
    return Grid(location=location, quadrants=list(quadrants.values()), can_write=can_write)


def location_stakeholders(location: PilotLocation | int) -> QuerySet[Stakeholder]:
    """The active stakeholders of a location, as choices for an engagement."""
    return Stakeholder.objects.filter(location=location, is_active=True).select_related("location").order_by("name")


# Engagements and follow-ups --------------------------------------------------------------


def engagement_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Engagement]:
    """Engagements with how many stakeholders came and how many follow-ups are open and overdue."""
    access_planning(viewer)
    queryset = (
        Engagement.objects.select_related("location")
        .annotate(
            stakeholder_count=Count("stakeholders", distinct=True),
            open_count=Count("follow_ups", filter=Q(follow_ups__done_at__isnull=True), distinct=True),
            overdue_count=Count("follow_ups", filter=overdue_condition("follow_ups__"), distinct=True),
        )
        .order_by("-date", "-id")
    )
    return EngagementFilter(filters, queryset=queryset).qs if filters else queryset


def engagement_export_rows(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> list[Engagement]:
    """Engagements for an export: with their stakeholders, sectors and follow-ups loaded."""
    return list(
        engagement_list(viewer=viewer, filters=filters).prefetch_related("stakeholders", "sectors", "follow_ups")
    )


def access_engagement(viewer: Any, pk: Any, *, write: bool = False) -> Engagement:
    access_planning(viewer)
    engagement = get_object_or_404(
        Engagement.objects.select_related("location", "created_by").prefetch_related(
            Prefetch("stakeholders", queryset=Stakeholder.objects.select_related("sector").order_by("name")),
            "sectors",
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_date", "id")),
        ),
        pk=pk,
    )
    if write:
        access_planning_write(viewer, engagement.location_id)
    return engagement


def follow_up_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[FollowUp]:
    access_planning(viewer)
    queryset = FollowUp.objects.select_related("engagement__location").order_by("due_date", "id")
    return FollowUpFilter(filters, queryset=queryset).qs if filters else queryset


def access_follow_up(viewer: Any, pk: Any, *, write: bool = False) -> FollowUp:
    access_planning(viewer)
    follow_up = get_object_or_404(FollowUp.objects.select_related("engagement__location"), pk=pk)
    if write:
        access_planning_write(viewer, follow_up.engagement.location_id)
    return follow_up


@dataclass
class EngageSummary:
    location: PilotLocation
    stakeholders: int
    manage_closely: int
    engagements: int
    overdue: int


def engage_summary(*, viewer: Any) -> list[EngageSummary]:
    """Per active location: stakeholders, how many to manage closely, engagements, overdue follow-ups."""
    access_planning(viewer)
    locations = PilotLocation.objects.filter(is_active=True).order_by("name")
    stakeholders = dict(
        Stakeholder.objects.filter(is_active=True)
        .order_by()
        .values_list("location")
        .annotate(n=Count("id"))
        .values_list("location", "n")
    )
    closely = dict(
        Stakeholder.objects.filter(is_active=True, power__gte=3, interest__gte=3)
        .order_by()
        .values_list("location")
        .annotate(n=Count("id"))
        .values_list("location", "n")
    )
    engagements = dict(
        Engagement.objects.order_by().values_list("location").annotate(n=Count("id")).values_list("location", "n")
    )
    overdue = dict(
        FollowUp.objects.filter(overdue_condition())
        .order_by()
        .values_list("engagement__location")
        .annotate(n=Count("id"))
        .values_list("engagement__location", "n")
    )
    return [
        EngageSummary(
            location=location,
            stakeholders=stakeholders.get(location.pk, 0),
            manage_closely=closely.get(location.pk, 0),
            engagements=engagements.get(location.pk, 0),
            overdue=overdue.get(location.pk, 0),
        )
        for location in locations
    ]
