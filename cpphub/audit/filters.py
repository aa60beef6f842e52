"""What the audit trail and the access log can be searched by.

One definition serves the pages (their search form), the exports and the API
(its query parameters and their OpenAPI description).
"""

from __future__ import annotations

import json

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cpphub.audit.models import AccessLogEntry, AuditEvent


def _json_escaped(text: str) -> str:
    """``text`` as it appears inside JSON stored with escaped non-ASCII (SQLite)."""
    return json.dumps(text)[1:-1]


class AddressFilter(django_filters.Filter):
    """An IP address, validated first: PostgreSQL refuses to compare an inet column with junk."""

    field_class = forms.GenericIPAddressField


class _TrailFilter(django_filters.FilterSet):
    object_type = django_filters.CharFilter(
        label=_("Object type"),
        lookup_expr="iexact",
        help_text=_("For example partnership.organisation"),
        # The page offers the types found in the log (a <datalist> with this id).
        widget=forms.TextInput(attrs={"list": "object-types"}),
    )
    object_id = django_filters.CharFilter(label=_("Object id"), lookup_expr="exact")
    address = AddressFilter(field_name="ip_address", label=_("Address"), lookup_expr="exact")
    date_from = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class AuditEventFilter(_TrailFilter):
    who = django_filters.CharFilter(field_name="actor_email", label=_("Who (email)"), lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditEvent.Action.choices)
    q = django_filters.CharFilter(label=_("Text"), method="search", help_text=_("Searches the object and the changes"))

    class Meta:
        model = AuditEvent
        fields = ["who", "action", "object_type", "object_id", "address", "date_from", "date_to", "q"]

    def search(self, queryset: QuerySet[AuditEvent], name: str, value: str) -> QuerySet[AuditEvent]:
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(object_type__icontains=value)
            | Q(object_id__iexact=value)
            | Q(changes__icontains=value)
            | Q(changes__icontains=_json_escaped(value))
        )


class AccessLogFilter(_TrailFilter):
    who = django_filters.CharFilter(field_name="user_email", label=_("Who (email)"), lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AccessLogEntry.Action.choices)
    q = django_filters.CharFilter(label=_("Text"), method="search", help_text=_("Searches the object and the reason"))

    class Meta:
        model = AccessLogEntry
        fields = ["who", "action", "object_type", "object_id", "address", "date_from", "date_to", "q"]

    def search(self, queryset: QuerySet[AccessLogEntry], name: str, value: str) -> QuerySet[AccessLogEntry]:
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(object_type__icontains=value)
            | Q(object_id__iexact=value)
            | Q(reason__icontains=value)
        )
