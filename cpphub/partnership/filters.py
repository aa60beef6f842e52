"""What the registers can be searched and filtered by.

One definition per register serves the list page (its filter form), the
exports (the same rows) and the API (its query parameters and their OpenAPI
description). Codes and ISO country codes are used as values so that page
addresses and API calls read the same: ``?sector=ngo&country=BR``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import (
    Contact,
    Country,
    Organisation,
    PartnershipRole,
    Phase,
    PilotLocation,
    Sector,
)

# Query parameters that shape a list page, not the search.
NOT_FILTERS = frozenset({"page", "sort"})


class _RegisterFilter(django_filters.FilterSet):
    """A search box and the active/inactive choice, which every register has."""

    search = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    is_active = django_filters.BooleanFilter(
        label=_("Status"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Active")), ("false", _("Inactive"))]),
    )
    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


def _country_filter(field_name: str = "country") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All countries"),
    )


class OrganisationFilter(_RegisterFilter):
    search_fields = ("name", "acronym", "description")
    sector = django_filters.ChoiceFilter(
        field_name="sectors__code", label=_("Sector"), choices=Sector.Code.choices, empty_label=_("All sectors")
    )
    country = _country_filter()
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=Organisation.Level.choices, empty_label=_("All levels")
    )
    role = django_filters.ChoiceFilter(
        field_name="partnership_roles__code",
        label=_("Partnership role"),
        choices=PartnershipRole.Code.choices,
        empty_label=_("All roles"),
    )

    class Meta:
        model = Organisation
        fields = ["search", "sector", "country", "level", "role", "is_active"]


class CountryFilter(_RegisterFilter):
    search_fields = ("name", "code", "languages")

    class Meta:
        model = Country
        fields = ["search", "is_active"]


class LocationFilter(_RegisterFilter):
    search_fields = ("name", "slug", "admin_area", "notes")
    country = _country_filter()
    stage = django_filters.ChoiceFilter(
        label=_("Triple A stage"), choices=PilotLocation.Stage.choices, empty_label=_("All stages")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Organisation.objects.order_by("name"),
        method="filter_partner",
        empty_label=_("All partners"),
        help_text=_("Lead or implementing partner"),
    )

    class Meta:
        model = PilotLocation
        fields = ["search", "country", "stage", "partner", "is_active"]

    def filter_partner(
        self, queryset: QuerySet[PilotLocation], name: str, value: Organisation
    ) -> QuerySet[PilotLocation]:
        return queryset.filter(Q(lead_partner=value) | Q(implementing_partners=value)).distinct()


class PhaseFilter(_RegisterFilter):
    search_fields = ("name", "description")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Phase.Kind.choices, empty_label=_("All kinds"))

    class Meta:
        model = Phase
        fields = ["search", "kind", "is_active"]


class ContactFilter(_RegisterFilter):
    search_fields = ("full_name", "job_title", "email", "organisation__name", "organisation__acronym")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), empty_label=_("All organisations")
    )
    country = _country_filter("organisation__country")

    class Meta:
        model = Contact
        fields = ["search", "organisation", "country", "is_active"]
