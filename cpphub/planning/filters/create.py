"""What the Create stage's lists can be filtered by (pages and API alike).

Locations are named by their short name (slug): ``?location=chiang-rai&status=under_way&overdue=true``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Action, ActionPlan, Outcome

YES_NO = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


def _location_filter(field_name: str) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )


class ActionPlanFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Search"), method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )
    location = _location_filter("location")

    class Meta:
        model = ActionPlan
        fields = ["search", "location"]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(notes__icontains=value))


class ActionFilter(django_filters.FilterSet):
    location = _location_filter("plan__location")
    plan = django_filters.NumberFilter(field_name="plan_id", label=_("Action plan"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Action.Status.choices, empty_label=_("All"))
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices, empty_label=_("All"))
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO)
    )

    class Meta:
        model = Action
        fields = ["location", "plan", "status", "outcome", "overdue"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        late = Q(status__in=(Action.Status.PLANNED, Action.Status.UNDER_WAY), end__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
