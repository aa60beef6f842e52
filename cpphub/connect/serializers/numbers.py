"""Schemas of the referral numbers in the API (responses only: the numbers are read, never written)."""

from __future__ import annotations

from rest_framework import serializers

from cpphub.mapping.suppression import Reason


class PublishedNumberSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text="The number; null when it is withheld (or none).")
    suppressed = serializers.BooleanField(help_text="True when the number is withheld to protect children.")
    reason = serializers.ChoiceField(
        choices=[r.value for r in Reason],
        required=False,
        allow_null=True,
        help_text="Why it is withheld: primary (below k) or complementary (it would give a small count away).",
    )


class NumbersGroupSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Location slug, sex or age band code; empty for the total.")
    label = serializers.CharField()  # type: ignore[assignment]  # the field "label", not Field.label
    made = PublishedNumberSerializer()
    accepted = PublishedNumberSerializer()
    completed = PublishedNumberSerializer()
    served = PublishedNumberSerializer(help_text="Cases that reached a first service.")
    answer_due = PublishedNumberSerializer(help_text="Referrals whose answer was due (answered or past deadline).")
    answered_in_time = PublishedNumberSerializer()
    median_days_to_first_service = PublishedNumberSerializer()
    answered_in_time_share = PublishedNumberSerializer(help_text="A fraction from 0 to 1.")


class NumbersFiltersSerializer(serializers.Serializer):
    location = serializers.CharField(allow_null=True)
    country = serializers.CharField(allow_null=True)
    sent_from = serializers.DateField(allow_null=True)
    sent_to = serializers.DateField(allow_null=True)


class ReferralNumbersSerializer(serializers.Serializer):
    k = serializers.IntegerField(help_text="The small-cell threshold: no count from 1 to k-1 is published.")
    filters = NumbersFiltersSerializer()
    by_location = NumbersGroupSerializer(many=True)
    total = NumbersGroupSerializer()
    by_sex = NumbersGroupSerializer(many=True)
    by_age_band = NumbersGroupSerializer(many=True)
