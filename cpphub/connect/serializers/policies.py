"""How a country's referral policy looks in the REST API: deadlines by risk level and retention.

A country is named by its ISO code; a country without a saved policy shows the
defaults (``is_default``). The write service checks the bounds (at least one
hour, at least 30 days, a higher risk never waits longer) and its errors come
back as a 400 naming the field.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cpphub.connect.models import ReferralPolicy

HOURS = [MinValueValidator(1), MaxValueValidator(2160)]


class ReferralPolicySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True, help_text=_("ISO code of the country."))
    country_name = serializers.CharField(source="country.name", read_only=True)
    is_default = serializers.SerializerMethodField(help_text=_("True when the country follows the defaults."))
    high_hours = serializers.IntegerField(validators=HOURS, required=False)
    medium_hours = serializers.IntegerField(validators=HOURS, required=False)
    low_hours = serializers.IntegerField(validators=HOURS, required=False)
    retention_days = serializers.IntegerField(
        validators=[MinValueValidator(30), MaxValueValidator(36500)], required=False
    )

    class Meta:
        model = ReferralPolicy
        fields = [
            "country",
            "country_name",
            "is_default",
            "high_hours",
            "medium_hours",
            "low_hours",
            "retention_days",
            "retention_action",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    def get_is_default(self, policy: ReferralPolicy) -> bool:
        return policy.pk is None
