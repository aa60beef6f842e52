"""Reading referral pathways: the list grouped by location, one pathway with its steps, the poster's content.

Everyone reads published pathways, members also drafts (``access.pathways_for``);
a pathway one may not read is a 404. The location's facilitators and
coordinators change it (``access.can_edit_pathway``): anyone else who can read
it gets a 403 when they try.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from cpphub.accounts import permissions
from cpphub.connect.filters.pathways import PathwayFilter
from cpphub.connect.models import Pathway, PathwayStep, Service
from cpphub.connect.selectors import access
from cpphub.connect.selectors.policies import deadline_rows
from cpphub.partnership.models import PilotLocation


def pathway_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Pathway]:
    pathways = (
        access.pathways_for(viewer)
        .select_related("location", "location__country")
        .prefetch_related("steps")
        .order_by("location__name", "need")
    )
    return PathwayFilter(dict(filters or {}), queryset=pathways).qs


@dataclass
class LocationPathways:
    location: PilotLocation
    pathways: list[Pathway]


def grouped_by_location(pathways: Iterable[Pathway]) -> list[LocationPathways]:
    groups: dict[int, LocationPathways] = {}
    for pathway in pathways:
        group = groups.setdefault(pathway.location_id, LocationPathways(pathway.location, []))
        group.pathways.append(pathway)
    return list(groups.values())


def access_pathway(viewer: Any, pk: Any, *, write: bool = False) -> Pathway:
    """A pathway ``viewer`` may read (404 otherwise); with ``write``, one they may change (403 otherwise)."""
    pathway = get_object_or_404(access.pathways_for(viewer).select_related("location", "location__country"), pk=pk)
    if write and not access.can_edit_pathway(viewer, pathway.location_id):
        raise PermissionDenied
    return pathway


def steps_of(pathway: Pathway) -> list[PathwayStep]:
    return list(pathway.steps.select_related("service", "service__organisation").order_by("order"))


def editable_locations(viewer: Any) -> QuerySet[PilotLocation]:
    """The pilot locations ``viewer`` keeps the pathways of."""
    locations = PilotLocation.objects.select_related("country").order_by("name")
    if permissions.can_manage_partnership(viewer):
        return locations
    return locations.filter(pk__in=[loc.pk for loc in locations if access.can_edit_pathway(viewer, loc.pk)])


def step_services(location: PilotLocation | int | None = None) -> QuerySet[Service]:
    """Active services a step may name, those serving ``location`` first (``serves_here``)."""
    services = Service.objects.filter(status=Service.Status.ACTIVE).select_related("organisation")
    if location is None:
        return services.order_by("organisation__name", "name")
    location_id = location if isinstance(location, int) else location.pk
    serving = Service.pilot_locations.through.objects.filter(service_id=OuterRef("pk"), pilotlocation_id=location_id)
    return services.annotate(serves_here=Exists(serving)).order_by("-serves_here", "organisation__name", "name")


def service_url(service: Service) -> str:
    """The directory page of a service ("" until the directory is there)."""
    try:
        return reverse("connect:service_detail", args=[service.pk])
    except NoReverseMatch:
        return ""


def refer_url(service: Service, pathway: Pathway) -> str:
    """The caseworker's way to refer a child to ``service`` along ``pathway`` ("" until referrals are there)."""
    try:
        return f"{reverse('connect:case_list')}?service={service.pk}&pathway={pathway.pk}"
    except NoReverseMatch:
        return ""


@dataclass
class StepView:
    step: PathwayStep
    service_url: str
    refer_url: str


def pathway_page(viewer: Any, pathway: Pathway) -> dict[str, Any]:
    """What the pathway page shows: steps with links, the country's deadlines, what the viewer may do."""
    can_refer = access.can_open_cases(viewer)
    steps = [
        StepView(
            step=step,
            service_url=service_url(step.service) if step.service else "",
            refer_url=refer_url(step.service, pathway) if (can_refer and step.service) else "",
        )
        for step in steps_of(pathway)
    ]
    return {
        "pathway": pathway,
        "steps": steps,
        "deadlines": deadline_rows(pathway.location.country_id),
        "can_edit": access.can_edit_pathway(viewer, pathway.location_id),
        "can_refer": can_refer,
    }
