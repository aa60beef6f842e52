"""How the Plan stage's workshops and priorities look in the REST API.

Locations are named by their short name (slug). The serializers check the
shape of a request; the write services validate the record itself and audit it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cpphub.mapping.models import Finding
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Priority, Workshop, WorkshopParticipation


class ParticipationSerializer(serializers.ModelSerializer):
    sector = serializers.CharField(source="sector.code", read_only=True, help_text=_("Sector code, e.g. ngo."))

    class Meta:
        model = WorkshopParticipation
        fields = ["id", "sector", "organisation", "number", "children"]
        read_only_fields = fields


class WorkshopSerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PilotLocation.objects.all(),
        help_text=_("Short name (slug) of a pilot location, e.g. chiang-rai."),
        error_messages={"does_not_exist": _("There is no pilot location with the short name “{value}”.")},
    )
    participation = ParticipationSerializer(many=True, read_only=True)

    class Meta:
        model = Workshop
        fields = [
            "id",
            "location",
            "title",
            "date",
            "round",
            "facilitators",
            "notes",
            "participation",
            "weights",
            "reasoning",
            "created_at",
        ]
        read_only_fields = ["id", "participation", "weights", "reasoning", "created_at"]
        extra_kwargs = {
            "facilitators": {"help_text": _("Ids of people with a facilitator membership there."), "required": False},
            "weights": {"help_text": _("The weights of the last ranking.")},
            "reasoning": {"help_text": _("Why the group ranked as it did (set by the rank action).")},
        }

    def update(self, instance: Workshop, validated_data: dict[str, Any]) -> Workshop:
        validated_data.pop("location", None)
        return super().update(instance, validated_data)


class PrioritySerializer(serializers.ModelSerializer):
    findings = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Finding.objects.all(),
        required=False,
        help_text=_("Ids of risk findings of the workshop's location."),
    )
    strengths = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Finding.objects.all(),
        required=False,
        help_text=_("Ids of strength findings of the workshop's location."),
    )

    class Meta:
        model = Priority
        fields = [
            "id",
            "workshop",
            "title",
            "description",
            "findings",
            "strengths",
            "severity",
            "children",
            "feasibility",
            "strengths_score",
            "score",
            "rank",
            "reasoning",
        ]
        read_only_fields = ["id", "score", "rank"]
        extra_kwargs = {
            "severity": {"help_text": _("1-5; null until scored.")},
            "children": {"help_text": _("How many children, 1-5; null until scored.")},
            "feasibility": {"help_text": _("1-5; null until scored.")},
            "strengths_score": {"help_text": _("Strengths to build on, 1-5; null until scored.")},
            "score": {"help_text": _("Weighted score of the last ranking.")},
        }


class PriorityUpdateSerializer(PrioritySerializer):
    class Meta(PrioritySerializer.Meta):
        read_only_fields = ["id", "workshop", "score", "rank"]


class RankSerializer(serializers.Serializer):
    reasoning = serializers.CharField(help_text=_("Why the group ranked as it did."))


class RankedSerializer(serializers.Serializer):
    workshop = WorkshopSerializer()
    priorities = PrioritySerializer(many=True)
