"""What the Engage lists can be searched and filtered by: stakeholders, engagements, follow-ups.

One definition per list serves the page (its filter form), the export and the
API (query parameters). Locations are named by their short name (slug) and
sectors by their code: ``?location=chiang-rai&sector=law_enforcement&quadrant=manage_closely``.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import PilotLocation, Sector
from cpphub.planning.models import Engagement, FollowUp, Quadrant, Stakeholder

NOT_FILTERS = frozenset({"page", "sort", "language"})
YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]
DATE = forms.DateInput(attrs={"type": "date"})

# Where each quadrant of the power/interest grid lies: high is 3 or more (see models.engage.quadrant).
QUADRANT_CONDITIONS: dict[str, Q] = {
    Quadrant.MANAGE_CLOSELY: Q(power__gte=3, interest__gte=3),
    Quadrant.KEEP_SATISFIED: Q(power__gte=3, interest__lt=3),
    Quadrant.KEEP_INFORMED: Q(power__lt=3, interest__gte=3),
    Quadrant.MONITOR: Q(power__lt=3, interest__lt=3),
}


def _location_filter(field_name: str = "location") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )


def _search() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )


def overdue_condition(prefix: str = "") -> Q:
    """Follow-ups whose due date has passed and that are not done (``prefix`` reaches them from another model)."""
    return Q(**{f"{prefix}done_at__isnull": True, f"{prefix}due_date__lt": timezone.localdate()})


class _SearchFilter(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class StakeholderFilter(_SearchFilter):
    """Stakeholders; inactive ones only when asked for (``status=inactive`` or ``status=all``)."""

    search = _search()
    search_fields = ("name", "can_do", "contact_name", "notes", "organisation__name", "organisation__acronym")
    location = _location_filter()
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code", empty_label=_("All sectors")
    )
    quadrant = django_filters.ChoiceFilter(
        label=_("Quadrant"), choices=Quadrant.choices, method="filter_quadrant", empty_label=_("All quadrants")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("inactive", _("Inactive")), ("all", _("Active and inactive"))],
        method="filter_status",
        empty_label=_("Active"),
    )

    class Meta:
        model = Stakeholder
        fields = ["search", "location", "sector", "quadrant", "status"]

    def filter_quadrant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(QUADRANT_CONDITIONS[value])

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_active=False) if value == "inactive" else queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(is_active=True)
        return queryset


class EngagementFilter(_SearchFilter):
    search = _search()
    search_fields = ("title", "participants", "agreed")
    location = _location_filter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Engagement.Kind.choices, empty_label=_("All kinds"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"), widget=DATE)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"), widget=DATE)
    overdue = django_filters.BooleanFilter(
        label=_("Overdue follow-ups"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Engagement
        fields = ["search", "location", "kind", "date_from", "date_to", "overdue"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        late = Exists(FollowUp.objects.filter(overdue_condition(), engagement=OuterRef("pk")))
        return queryset.filter(late) if value else queryset.exclude(late)


class FollowUpFilter(django_filters.FilterSet):
    location = _location_filter("engagement__location")
    engagement = django_filters.NumberFilter(label=_("Engagement"))
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )
    done = django_filters.BooleanFilter(
        label=_("Done"), field_name="done_at", lookup_expr="isnull", exclude=True, widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = FollowUp
        fields = ["location", "engagement", "overdue", "done"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(overdue_condition()) if value else queryset.exclude(overdue_condition())
