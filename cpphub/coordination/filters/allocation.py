"""What the allocation's API lists can be filtered by.

``/api/v1/capacities/?organisation=3&resource=budget``, ``/api/v1/need-profiles/?kind=local``,
``/api/v1/resource-types/?kind=money&is_active=true``, ``/api/v1/allocations/?status=accepted``.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models import AllocationRun, NeedProfile, PartnerCapacity, ResourceType
from cpphub.coordination.selectors.allocation import KINDS

KIND_CHOICES = [
    ("local", _("Location's action")),
    ("commitment", _("National commitment")),
    ("coordinated", _("Coordinated action")),
]


class ResourceTypeFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ResourceType.Kind.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = ResourceType
        fields = ["kind", "is_active"]


class CapacityFilter(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(field_name="organisation_id", label=_("Partner (id)"))
    resource = django_filters.CharFilter(field_name="resource__key", label=_("Resource (key)"))

    class Meta:
        model = PartnerCapacity
        fields = ["organisation", "resource"]


class NeedProfileFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind of action"), choices=KIND_CHOICES, method="filter_kind")

    class Meta:
        model = NeedProfile
        fields = ["kind"]

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"{KINDS[value]}__isnull": False}) if value in KINDS else queryset


class AllocationRunFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AllocationRun.Status.choices)

    class Meta:
        model = AllocationRun
        fields = ["status"]
