"""What the Map stage's lists can be searched and filtered by.

One definition per list serves the page (its filter form), the export and the
API (query parameters). Locations are named by their short name (slug) and
codes by their code, so page addresses and API calls read the same:
``?location=chiang-rai&kind=risk&ict_tag=grooming``.
"""

from __future__ import annotations

from collections.abc import Sequence

import django_filters
from django import forms
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import (
    AgeBand,
    Channel,
    Finding,
    IctTag,
    Instrument,
    MappingSession,
    Participant,
    Perspective,
    RiskDimension,
    RiskRow,
    Strength,
)
from cpphub.partnership.models import PilotLocation

NOT_FILTERS = frozenset({"page", "sort", "language"})
YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


def _location_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name="location",
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )


def _search() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )


class _SearchFilter(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


def _json_code_filter(label: object, choices: Sequence[tuple[str, object]], field: str) -> django_filters.ChoiceFilter:
    """A code inside a JSON list of codes, on SQLite and PostgreSQL alike (the list read as text)."""

    def method(queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.annotate(**{f"{field}_text": Cast(field, TextField())}).filter(
            **{f"{field}_text__contains": f'"{value}"'}
        )

    return django_filters.ChoiceFilter(label=label, choices=choices, method=method, empty_label=_("All"))


class InstrumentFilter(_SearchFilter):
    search = _search()
    search_fields = ("title", "form_id", "source_file_name")
    location = _location_filter()
    template = django_filters.BooleanFilter(
        field_name="location",
        lookup_expr="isnull",
        label=_("Partnership template"),
        widget=forms.Select(choices=YES_NO),
    )
    is_active = django_filters.BooleanFilter(label=_("Active"), widget=forms.Select(choices=YES_NO))

    class Meta:
        model = Instrument
        fields = ["search", "location", "template", "is_active"]


class SessionFilter(_SearchFilter):
    search = _search()
    search_fields = ("title", "notes")
    location = _location_filter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MappingSession.Kind.choices, empty_label=_("All kinds"))
    round = django_filters.NumberFilter(label=_("Mapping round"), min_value=1)
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = MappingSession
        fields = ["search", "location", "kind", "round", "date_from", "date_to"]


class ParticipantFilter(_SearchFilter):
    search = _search()
    search_fields = ("code",)
    location = _location_filter()
    perspective = django_filters.ChoiceFilter(label=_("Participant"), choices=Perspective.choices, empty_label=_("All"))
    age_band = django_filters.ChoiceFilter(label=_("Age band"), choices=AgeBand.choices, empty_label=_("All"))

    class Meta:
        model = Participant
        fields = ["search", "location", "perspective", "age_band"]


class FindingFilter(_SearchFilter):
    search = _search()
    search_fields = ("summary", "quote")
    location = _location_filter()
    kind = django_filters.ChoiceFilter(label=_("Risk or strength"), choices=Finding.Kind.choices, empty_label=_("All"))
    risk_dimension = django_filters.ChoiceFilter(
        label=_("4Cs dimension"), choices=RiskDimension.choices, empty_label=_("All")
    )
    risk_row = django_filters.ChoiceFilter(label=_("Risk row"), choices=RiskRow.choices, empty_label=_("All"))
    strength = django_filters.ChoiceFilter(label=_("Strength"), choices=Strength.choices, empty_label=_("All"))
    ict_tag = _json_code_filter(_("ICT tag"), IctTag.choices, "ict_tags")
    channel = _json_code_filter(_("Channel"), Channel.choices, "channels")
    severity = django_filters.ChoiceFilter(label=_("Severity"), choices=Finding.Severity.choices, empty_label=_("All"))
    carried_forward = django_filters.BooleanFilter(
        label=_("Carried forward to planning"), widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Finding
        fields = [
            "search",
            "location",
            "kind",
            "risk_dimension",
            "risk_row",
            "strength",
            "ict_tag",
            "channel",
            "severity",
            "carried_forward",
        ]
