"""What the synergy list can be filtered by (page and API alike).

Countries by ISO code, locations by short name: ``?country=TH&location=chiang-rai&status=suggested&min_score=50``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models import Synergy
from cpphub.partnership.models import Country, PilotLocation

NATIONAL_KIND_CHOICES = [
    ("national_priority", _("National priority")),
    ("national_strength", _("National strength")),
    ("commitment", _("Commitment")),
    ("mnr_rating", _("MNR capability")),
]
LOCAL_KIND_CHOICES = [("local_priority", _("Local priority")), ("local_action", _("Local action"))]


class SynergyFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Synergy.Status.choices, empty_label=_("All"))
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All countries"),
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Top-down item"), choices=NATIONAL_KIND_CHOICES, method="filter_kind", empty_label=_("All")
    )
    local = django_filters.ChoiceFilter(
        label=_("Bottom-up item"), choices=LOCAL_KIND_CHOICES, method="filter_local", empty_label=_("All")
    )
    min_score = django_filters.NumberFilter(
        label=_("Score at least"),
        field_name="score",
        lookup_expr="gte",
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
    )

    class Meta:
        model = Synergy
        fields = ["status", "country", "location", "kind", "local", "min_score"]

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"{value}__isnull": False}) if value else queryset

    def filter_local(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(**{f"{value}__isnull": False})) if value else queryset
