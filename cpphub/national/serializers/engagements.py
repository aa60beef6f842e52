"""How national meetings and their outcomes look in the REST API.

Countries are named by their ISO code (``TH``); meetings, organisations and
capabilities by id or number; risks, online harms and target groups by their
codes. The serializers check the shape of a request; the write services check
the rest (a meeting of another country, a partner from elsewhere) and their
errors come back as a 400 naming the field. A record stays in its country.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.mapping.models import IctTag, RiskDimension
from cpphub.national.models import (
    Commitment,
    Expectation,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.partnership.models import Country
from cpphub.planning.models import TargetGroup


def country_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        help_text=_("ISO 3166-1 alpha-2 code of the country, e.g. TH. Set when the record is made."),
        error_messages={"does_not_exist": _("There is no country with the code “{value}” in the registry.")},
        **kwargs,
    )


class _CountrySerializer(serializers.ModelSerializer):
    country = country_field()

    def validate_country(self, country: Country) -> Country:
        if self.instance is not None and country.pk != self.instance.country_id:
            raise serializers.ValidationError(_("A record stays in the country it was made for."))
        return country


class _FocusSerializer(_CountrySerializer):
    risks = serializers.ListField(
        child=serializers.ChoiceField(choices=RiskDimension.choices),
        required=False,
        help_text=_("CO:RE 4Cs risk codes: content, contact, conduct, contract."),
    )
    ict_tags = serializers.ListField(
        child=serializers.ChoiceField(choices=IctTag.choices), required=False, help_text=_("Online harm codes.")
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, help_text=_("Target group codes.")
    )


FOCUS = ["mnr_capability", "risks", "ict_tags", "target_groups", "outcome"]
RECORD = ["id", "country", "engagement", "organisation"]


class NationalEngagementSerializer(_CountrySerializer):
    priority_count = serializers.SerializerMethodField(help_text=_("Priorities recorded at the meeting."))
    commitment_count = serializers.SerializerMethodField(help_text=_("Commitments made at the meeting."))

    class Meta:
        model = NationalEngagement
        fields = [
            "id",
            "country",
            "kind",
            "date",
            "title",
            "organisations",
            "participants",
            "minutes",
            "priority_count",
            "commitment_count",
            "created_at",
        ]
        read_only_fields = ["id", "priority_count", "commitment_count", "created_at"]
        extra_kwargs = {"organisations": {"required": False}}

    @extend_schema_field(OpenApiTypes.INT)
    def get_priority_count(self, engagement: NationalEngagement) -> int:
        count = getattr(engagement, "priority_count", None)
        return int(count if count is not None else NationalPriority.objects.filter(engagement=engagement).count())

    @extend_schema_field(OpenApiTypes.INT)
    def get_commitment_count(self, engagement: NationalEngagement) -> int:
        count = getattr(engagement, "commitment_count", None)
        return int(count if count is not None else Commitment.objects.filter(engagement=engagement).count())


class NationalPrioritySerializer(_FocusSerializer):
    class Meta:
        model = NationalPriority
        fields = [*RECORD, "title", "description", "importance", *FOCUS, "status", "created_at"]
        read_only_fields = ["id", "created_at"]


class NationalStrengthSerializer(_FocusSerializer):
    class Meta:
        model = NationalStrength
        fields = [*RECORD, "kind", "title", "description", "expertise", "amount", "unit", *FOCUS, "created_at"]
        read_only_fields = ["id", "created_at"]


class ExpectationSerializer(_CountrySerializer):
    class Meta:
        model = Expectation
        fields = [*RECORD, "text", "created_at"]
        read_only_fields = ["id", "created_at"]


class CommitmentSerializer(_FocusSerializer):
    overdue = serializers.SerializerMethodField(help_text=_("The due date has passed and it is not done."))

    class Meta:
        model = Commitment
        fields = [*RECORD, "title", "owner_name", "due_date", "done_at", "overdue", *FOCUS, "created_at"]
        read_only_fields = ["id", "overdue", "created_at"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, commitment: Commitment) -> bool:
        overdue = getattr(commitment, "overdue", None)
        return bool(overdue) if overdue is not None else commitment.is_overdue(timezone.localdate())
