"""What the list of coordinated actions can be filtered by (page, export and API alike).

``?country=TH&location=chiang-rai&outcome=equip&status=under_way&partner=12``: a country by ISO code (an
action in it or in one of its locations), a location by short name, a partner by id (the lead or a
contributor).
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models import CoordinatedAction
from cpphub.partnership.models import Country, Organisation, PilotLocation
from cpphub.planning.models import Outcome


class CoordinatedActionFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label=_("Search"), method="filter_search")
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All countries"),
        method="filter_country",
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
        method="filter_location",
    )
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CoordinatedAction.Status.choices, empty_label=_("All")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("All partners"),
        method="filter_partner",
    )

    class Meta:
        model = CoordinatedAction
        fields = ["search", "country", "location", "outcome", "status", "partner"]

    def _within(self, queryset: QuerySet, condition: Q) -> QuerySet:
        return queryset.filter(pk__in=CoordinatedAction.objects.filter(condition).values("pk"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value)) if value else queryset

    def filter_country(self, queryset: QuerySet, name: str, value: Country | None) -> QuerySet:
        return self._within(queryset, Q(countries=value) | Q(locations__country=value)) if value else queryset

    def filter_location(self, queryset: QuerySet, name: str, value: PilotLocation | None) -> QuerySet:
        return self._within(queryset, Q(locations=value)) if value else queryset

    def filter_partner(self, queryset: QuerySet, name: str, value: Organisation | None) -> QuerySet:
        return self._within(queryset, Q(lead=value) | Q(contributions__organisation=value)) if value else queryset
