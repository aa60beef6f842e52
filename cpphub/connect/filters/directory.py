"""What the service directory can be searched and filtered by.

One definition serves the public directory page, its export and the API:
``?q=legal&category=legal_aid&location=chiang-rai&language=th&age=14&status=active``.
Without a status only active services are listed; ``status=all`` lists every one.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models import Service, ServiceCategory, ServiceOrganisation
from cpphub.partnership.models import Country, PilotLocation

NOT_FILTERS = frozenset({"page", "sort", "language_code", "per_page"})
ALL_STATUSES = "all"
STATUS_CHOICES = [*Service.Status.choices, (ALL_STATUSES, _("Any status"))]


def _search() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )


class ServiceFilter(django_filters.FilterSet):
    q = _search()
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        field_name="categories",
        queryset=ServiceCategory.objects.all(),
        to_field_name="code",
        empty_label=_("All categories"),
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Pilot location"),
        field_name="pilot_locations",
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )
    language = django_filters.CharFilter(
        label=_("Language"), method="filter_language", help_text=_("A language code, e.g. th, pt-BR, en.")
    )
    age = django_filters.NumberFilter(
        label=_("Age of the child"),
        method="filter_age",
        widget=forms.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"}),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status", empty_label=_("Active")
    )
    provider = django_filters.ModelChoiceFilter(
        label=_("Provider"),
        field_name="organisation",
        queryset=ServiceOrganisation.objects.all(),
        empty_label=_("All providers"),
    )

    class Meta:
        model = Service
        fields = ["q", "category", "location", "language", "age", "status", "provider"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(name__icontains=text)
            | Q(alternate_name__icontains=text)
            | Q(description__icontains=text)
            | Q(organisation__name__icontains=text)
            | Q(organisation__alternate_name__icontains=text)
        )

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        code = value.strip()
        if not code:
            return queryset
        return queryset.annotate(languages_text=Cast("languages", TextField())).filter(
            languages_text__icontains=f'"{code}"'
        )

    def filter_age(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        age = int(value)
        return queryset.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=age), Q(maximum_age__isnull=True) | Q(maximum_age__gte=age)
        )

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == ALL_STATUSES:
            return queryset
        return queryset.filter(status=value or Service.Status.ACTIVE)

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        # Active services only, unless a status is asked for.
        status = ""
        if self.is_bound and self.form.is_valid():
            status = self.form.cleaned_data.get("status") or ""
        if not status:
            queryset = queryset.filter(status=Service.Status.ACTIVE)
        return queryset.distinct()


class ProviderFilter(django_filters.FilterSet):
    q = _search()
    country = django_filters.ModelChoiceFilter(
        label=_("Country"), queryset=Country.objects.order_by("name"), to_field_name="code", empty_label=_("All")
    )
    on_cpp_hub = django_filters.BooleanFilter(
        label=_("Partner on CPP Hub"),
        field_name="partner",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    is_active = django_filters.BooleanFilter(
        label=_("Active"), widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])
    )

    class Meta:
        model = ServiceOrganisation
        fields = ["q", "country", "on_cpp_hub", "is_active"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        text = value.strip()
        return queryset.filter(
            Q(name__icontains=text) | Q(alternate_name__icontains=text) | Q(description__icontains=text)
        )
