"""How a 3W row (who does what, where and when) looks in the REST API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ThreeWRowSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("local (a location's action), coordinated or commitment."))
    key = serializers.CharField(help_text=_("The activity's key, e.g. local:12."))
    activity = serializers.CharField()
    url = serializers.CharField(help_text=_("The activity's page, when it has one."))
    partner_id = serializers.IntegerField(allow_null=True)
    partner = serializers.CharField()
    role = serializers.CharField(help_text=_("lead, supporting, contributing or owner."))
    sectors = serializers.ListField(child=serializers.CharField(), help_text=_("The partner's sector codes."))
    country = serializers.CharField(help_text=_("ISO code; empty for partnership-wide."))
    location = serializers.CharField(help_text=_("The pilot location's short name; empty when national."))
    outcome = serializers.CharField()
    risks = serializers.ListField(child=serializers.CharField(), help_text=_("4Cs risk codes."))
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    indicator = serializers.CharField()
