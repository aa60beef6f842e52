"""Reading the partnership registry, as the person asking may.

The registry is partnership data (class C): every partnership member reads all
of it, only coordinators (and superusers) change it, and someone signed in
without a membership sees none of it. List selectors load what their pages and
API lists show in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from cpphub.accounts import permissions
from cpphub.partnership.filters import (
    ContactFilter,
    CountryFilter,
    LocationFilter,
    OrganisationFilter,
    PhaseFilter,
)
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation

M = TypeVar("M", bound=Model)


def can_read(viewer: Any) -> bool:
    return permissions.is_member(viewer)


def can_write(viewer: Any) -> bool:
    return permissions.can_manage_partnership(viewer)


def access_registry(viewer: Any, *, write: bool = False) -> None:
    """Raise PermissionDenied unless ``viewer`` may read (or, with ``write``, change) the registry."""
    if not (can_write(viewer) if write else can_read(viewer)):
        raise PermissionDenied


def _filtered(
    queryset: QuerySet[M], filterset: type[django_filters.FilterSet], filters: Mapping[str, Any] | None
) -> QuerySet[M]:
    """``queryset`` narrowed by ``filters``; values that do not validate are left out of the search."""
    if not filters:
        return queryset
    return filterset(filters, queryset=queryset).qs


def _access(viewer: Any, queryset: QuerySet[M], pk: Any, write: bool) -> M:
    access_registry(viewer, write=write)
    return get_object_or_404(queryset, pk=pk)


# Organisations ---------------------------------------------------------------


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("country").prefetch_related("sectors", "partnership_roles")


def organisation_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Organisation]:
    """Organisations matching ``filters`` (see :class:`OrganisationFilter`)."""
    access_registry(viewer)
    return _filtered(_organisations(), OrganisationFilter, filters)


def access_organisation(viewer: Any, pk: Any, write: bool = False) -> Organisation:
    return _access(viewer, _organisations(), pk, write)


# Countries ---------------------------------------------------------------------


def _countries() -> QuerySet[Country]:
    # Ordered here: Meta.ordering does not apply to a query that groups for the counts.
    return Country.objects.annotate(
        organisation_count=Count("organisations", distinct=True),
        location_count=Count("locations", distinct=True),
    ).order_by("name")


def country_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Country]:
    """Countries matching ``filters``, each with its number of organisations and pilot locations."""
    access_registry(viewer)
    return _filtered(_countries(), CountryFilter, filters)


def access_country(viewer: Any, pk: Any, write: bool = False) -> Country:
    return _access(viewer, Country.objects.all(), pk, write)


# Pilot locations -----------------------------------------------------------------


def _locations() -> QuerySet[PilotLocation]:
    return PilotLocation.objects.select_related("country", "lead_partner").prefetch_related("implementing_partners")


def location_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[PilotLocation]:
    """Pilot locations matching ``filters`` (see :class:`LocationFilter`)."""
    access_registry(viewer)
    return _filtered(_locations(), LocationFilter, filters)


def access_location(viewer: Any, pk: Any, write: bool = False) -> PilotLocation:
    return _access(viewer, _locations(), pk, write)


# Programme phases ------------------------------------------------------------------


def phase_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Phase]:
    """Programme phases matching ``filters``, in date order."""
    access_registry(viewer)
    return _filtered(Phase.objects.all(), PhaseFilter, filters)


def access_phase(viewer: Any, pk: Any, write: bool = False) -> Phase:
    return _access(viewer, Phase.objects.all(), pk, write)


# Contacts --------------------------------------------------------------------------


def _contacts() -> QuerySet[Contact]:
    return Contact.objects.select_related("organisation", "organisation__country")


def contact_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Contact]:
    """Contacts matching ``filters`` (see :class:`ContactFilter`)."""
    access_registry(viewer)
    return _filtered(_contacts(), ContactFilter, filters)


def access_contact(viewer: Any, pk: Any, write: bool = False) -> Contact:
    return _access(viewer, _contacts(), pk, write)


# Partners who work across the pilot countries ------------------------------------------------


def works_everywhere_q() -> Q:
    """Organisations that may take part in any country's work.

    International organisations (by level, or with no country), and those based
    in a country with no pilot location: the partnership's funders, companies and
    police from elsewhere (CIDA, the RCMP's NCECC) work in Brazil and Thailand alike.
    """
    countries_without_locations = Country.objects.exclude(pk__in=PilotLocation.objects.values("country_id"))
    return (
        Q(level=Organisation.Level.INTERNATIONAL) | Q(country__isnull=True) | Q(country__in=countries_without_locations)
    )


def works_everywhere(organisation: Organisation) -> bool:
    if organisation.level == Organisation.Level.INTERNATIONAL or organisation.country_id is None:
        return True
    return not PilotLocation.objects.filter(country_id=organisation.country_id).exists()
