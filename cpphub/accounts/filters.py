"""Filters of the people-and-access list, shared by the pages and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cpphub.accounts.models import Membership, User
from cpphub.partnership.models import Country, Organisation, PilotLocation

STATUS_CHOICES = [("true", _("Active")), ("false", _("Inactive"))]


def _status(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
    if value in {"true", "false"}:
        return queryset.filter(**{name: value == "true"})
    return queryset


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or email"), method="filter_q")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Membership.Role.choices, method="filter_role")
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="filter_organisation"
    )
    is_active = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, method=_status)

    class Meta:
        model = User
        fields = ["q", "role", "organisation", "is_active"]

    def filter_q(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(email__icontains=value) | Q(full_name__icontains=value))

    # Role and organisation must hold on the same active membership: both are
    # applied together in filter_queryset(), so their own methods do nothing.
    def filter_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset

    @extend_schema_field(OpenApiTypes.INT)
    def filter_organisation(self, queryset: QuerySet[User], name: str, value: Organisation) -> QuerySet[User]:
        return queryset

    def filter_queryset(self, queryset: QuerySet[User]) -> QuerySet[User]:
        queryset = super().filter_queryset(queryset)
        wanted = {}
        if self.form.cleaned_data.get("role"):
            wanted["role"] = self.form.cleaned_data["role"]
        if self.form.cleaned_data.get("organisation"):
            wanted["organisation"] = self.form.cleaned_data["organisation"]
        if wanted:
            held = Membership.objects.filter(user=OuterRef("pk"), is_active=True, **wanted)
            queryset = queryset.filter(Exists(held))
        return queryset


class MembershipFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Membership.Role.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Membership.Scope.choices)
    organisation = django_filters.ModelChoiceFilter(label=_("Organisation"), queryset=Organisation.objects.all())
    country = django_filters.ModelChoiceFilter(label=_("Country"), queryset=Country.objects.all())
    location = django_filters.ModelChoiceFilter(label=_("Pilot location"), queryset=PilotLocation.objects.all())
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Membership
        fields = ["user", "role", "scope", "organisation", "country", "location", "is_active"]
