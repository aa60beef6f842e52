"""Reads of the service directory, as the person asking may see them.

The directory is public (class C), but some values are confidential
(``CONFIDENTIAL_FIELDS``): a service's direct line, and the street address,
postal code and position of a location whose address is confidential (a
shelter). Only :func:`~cpphub.connect.selectors.access.can_see_confidential`
viewers get them; everyone else gets :class:`PlaceView` and :class:`ServiceView`
objects that never hold them, so a template cannot show them by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cpphub.connect.filters.directory import ProviderFilter, ServiceFilter
from cpphub.connect.models import Service, ServiceAtLocation, ServiceLocation, ServiceOrganisation
from cpphub.connect.selectors import access


def service_queryset() -> QuerySet[Service]:
    return (
        Service.objects.select_related("organisation", "organisation__country", "organisation__partner")
        .prefetch_related(
            "categories",
            "pilot_locations",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").order_by("location__name"),
            ),
        )
        .order_by("name", "id")
    )


def service_list(*, viewer: Any = None, filters: Mapping[str, Any] | None = None) -> QuerySet[Service]:
    """Services matching ``filters`` (active ones unless a status is asked for); public."""
    return ServiceFilter(dict(filters or {}), queryset=service_queryset()).qs


def access_service(viewer: Any, pk: Any, *, write: bool = False) -> Service:
    service = get_object_or_404(service_queryset(), pk=pk)
    if write and not access.can_edit_directory(viewer, service.organisation):
        raise PermissionDenied
    return service


def provider_queryset() -> QuerySet[ServiceOrganisation]:
    return ServiceOrganisation.objects.select_related("country", "partner").order_by("name", "id")


def provider_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[ServiceOrganisation]:
    """Every provider, for coordinators (those who keep the whole directory)."""
    if not access.can_edit_directory(viewer):
        raise PermissionDenied
    return ProviderFilter(dict(filters or {}), queryset=provider_queryset()).qs


def access_provider(viewer: Any, pk: Any) -> ServiceOrganisation:
    """A provider's page is for those who keep its entries."""
    provider = get_object_or_404(provider_queryset(), pk=pk)
    if not access.can_edit_directory(viewer, provider):
        raise PermissionDenied
    return provider


def access_location(viewer: Any, pk: Any) -> ServiceLocation:
    location = get_object_or_404(ServiceLocation.objects.select_related("organisation"), pk=pk)
    if not access.can_edit_directory(viewer, location.organisation):
        raise PermissionDenied
    return location


def provider_services(provider: ServiceOrganisation) -> QuerySet[Service]:
    return service_queryset().filter(organisation=provider)


def provider_locations(provider: ServiceOrganisation) -> QuerySet[ServiceLocation]:
    return ServiceLocation.objects.filter(organisation=provider).order_by("name", "id")


# What a page shows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceView:
    """A location as the viewer may see it: without address and position when they are confidential to them."""

    id: Any
    name: str
    kind: str
    kind_label: str
    city: str
    region: str
    country_code: str
    url: str
    is_virtual: bool
    is_confidential: bool  # the address is confidential (whether or not this viewer sees it)
    address: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def place_view(location: ServiceLocation, *, confidential: bool) -> PlaceView:
    hidden = location.address_is_confidential and not confidential
    return PlaceView(
        id=location.pk,
        name=location.name,
        kind=location.kind,
        kind_label=str(location.get_kind_display()),
        city=location.city,
        region=location.region,
        country_code=location.country_code,
        url=location.url,
        is_virtual=location.kind == ServiceLocation.Kind.VIRTUAL,
        is_confidential=location.address_is_confidential,
        address="" if hidden else location.address,
        postal_code="" if hidden else location.postal_code,
        latitude=None if hidden else _float(location.latitude),
        longitude=None if hidden else _float(location.longitude),
    )


@dataclass(frozen=True)
class ServiceView:
    """A service as the viewer may see it: the direct line only when they may see confidential values."""

    service: Service
    places: list[PlaceView] = field(default_factory=list)
    direct_line: str = ""
    sees_confidential: bool = False

    @property
    def categories(self) -> list[Any]:
        return list(self.service.categories.all())

    @property
    def is_free(self) -> bool:
        return not self.service.fees_description.strip()


def service_view(service: Service, viewer: Any = None) -> ServiceView:
    confidential = access.can_see_confidential(viewer, service.organisation) if viewer is not None else False
    return ServiceView(
        service=service,
        places=[place_view(link.location, confidential=confidential) for link in service.service_at_locations.all()],
        direct_line=service.direct_line if confidential else "",
        sees_confidential=confidential,
    )


def public_service_views(services: Any) -> list[ServiceView]:
    """The public cards of the directory page: never confidential, whoever looks."""
    return [service_view(service) for service in services]


def map_points(views: list[ServiceView]) -> list[dict[str, Any]]:
    """Markers of the directory map: physical locations whose address is not confidential, and nothing else."""
    points: dict[Any, dict[str, Any]] = {}
    for view in views:
        for place in view.places:
            if place.is_confidential or place.is_virtual or not place.has_position:
                continue
            point = points.setdefault(
                place.id,
                {"name": place.name, "city": place.city, "lat": place.latitude, "lng": place.longitude, "services": []},
            )
            point["services"].append(view.service.name)
    return list(points.values())
