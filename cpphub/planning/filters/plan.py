"""What the Plan stage's lists can be filtered by: the page's filter form and the API's query parameters.

Locations are named by their short name (slug): ``?location=chiang-rai&round=2``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Priority, Workshop

NOT_FILTERS = frozenset({"page", "sort", "language"})
YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


def _location_filter(field_name: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )


class WorkshopFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )
    location = _location_filter("location")
    round = django_filters.NumberFilter(label=_("Planning round"), min_value=1)
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Workshop
        fields = ["search", "location", "round", "date_from", "date_to"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(notes__icontains=value))


class PriorityFilter(django_filters.FilterSet):
    location = _location_filter("workshop__location")
    workshop = django_filters.NumberFilter(field_name="workshop", label=_("Workshop"))
    ranked = django_filters.BooleanFilter(
        field_name="rank", lookup_expr="isnull", exclude=True, label=_("Ranked"), widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Priority
        fields = ["location", "workshop", "ranked"]
