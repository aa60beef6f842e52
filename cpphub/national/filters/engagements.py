"""What the national lists can be searched and filtered by: meetings, priorities, strengths, commitments.

One definition per list serves the page (its filter form), the export and the
API (query parameters). Countries are named by their ISO code, capabilities by
their number and codes by themselves:
``?country=TH&mnr_capability=13&risk=contact&outcome=equip&status=open``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import RiskDimension
from cpphub.national.mnr import CAPABILITY_CHOICES
from cpphub.national.models import Commitment, Expectation, NationalEngagement, NationalPriority, NationalStrength
from cpphub.partnership.models import Country
from cpphub.planning.models import Outcome, TargetGroup

NOT_FILTERS = frozenset({"page", "sort", "language"})
YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]
DATE = forms.DateInput(attrs={"type": "date"})


def _country_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("All countries"),
    )


def _search() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )


def json_code_filter(label: Any, choices: Sequence[tuple[str, Any]], field: str) -> django_filters.ChoiceFilter:
    """A code inside a JSON list of codes, on SQLite and PostgreSQL alike (the list read as text)."""

    def method(queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.annotate(**{f"{field}_text": Cast(field, TextField())}).filter(
            **{f"{field}_text__contains": f'"{value}"'}
        )

    return django_filters.ChoiceFilter(label=label, choices=choices, method=method, empty_label=_("All"))


def overdue_condition(prefix: str = "") -> Q:
    """Commitments not done whose due date has passed (``prefix`` reaches them from another model)."""
    return Q(**{f"{prefix}done_at__isnull": True, f"{prefix}due_date__lt": timezone.localdate()})


class _SearchFilter(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class _FocusFilter(_SearchFilter):
    """The filters a priority, strength or commitment share: country, MNR capability, 4Cs risk, group, outcome."""

    search = _search()
    country = _country_filter()
    mnr_capability = django_filters.ChoiceFilter(
        label=_("MNR capability"), choices=CAPABILITY_CHOICES, empty_label=_("All capabilities")
    )
    risk = json_code_filter(_("4Cs risk"), RiskDimension.choices, "risks")
    target_group = json_code_filter(_("Target group"), TargetGroup.choices, "target_groups")
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))
    engagement = django_filters.NumberFilter(field_name="engagement_id", label=_("Meeting"), widget=forms.HiddenInput)


class EngagementFilter(_SearchFilter):
    search = _search()
    search_fields = ("title", "participants", "minutes")
    country = _country_filter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=NationalEngagement.Kind.choices, empty_label=_("All kinds")
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"), widget=DATE)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"), widget=DATE)

    class Meta:
        model = NationalEngagement
        fields = ["search", "country", "kind", "date_from", "date_to"]


class PriorityFilter(_FocusFilter):
    search_fields = ("title", "description", "organisation__name")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NationalPriority.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = NationalPriority
        fields = ["search", "country", "mnr_capability", "risk", "target_group", "outcome", "status", "engagement"]


class StrengthFilter(_FocusFilter):
    search_fields = ("title", "description", "expertise", "organisation__name")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=NationalStrength.Kind.choices, empty_label=_("All"))

    class Meta:
        model = NationalStrength
        fields = ["search", "country", "mnr_capability", "risk", "target_group", "outcome", "kind", "engagement"]


class CommitmentFilter(_FocusFilter):
    search_fields = ("title", "owner_name", "organisation__name")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open")), ("overdue", _("Overdue")), ("done", _("Done"))],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = Commitment
        fields = ["search", "country", "mnr_capability", "risk", "target_group", "outcome", "status", "engagement"]

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "done":
            return queryset.filter(done_at__isnull=False)
        if value == "overdue":
            return queryset.filter(overdue_condition())
        return queryset.filter(done_at__isnull=True)


class ExpectationFilter(_SearchFilter):
    search = _search()
    search_fields = ("text", "organisation__name")
    country = _country_filter()
    engagement = django_filters.NumberFilter(field_name="engagement_id", label=_("Meeting"), widget=forms.HiddenInput)

    class Meta:
        model = Expectation
        fields = ["search", "country", "engagement"]
