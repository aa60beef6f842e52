"""How synergies look in the REST API: both sides, the score, the reasons and the same reasons as sentences."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.coordination.models import Synergy
from cpphub.coordination.selectors.synergies import local_kind, national_kind
from cpphub.coordination.templatetags.coordination_reasons import reason_sentences


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("shared_risks, matching_capability, same_target_group, ..."))
    params = serializers.DictField(help_text=_("What the reason is about, e.g. the shared risks or the rank."))


class SideSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text=_("local_priority or local_action; national_priority, national_strength, commitment or mnr_rating.")
    )
    id = serializers.IntegerField()
    title = serializers.CharField()


class SynergySerializer(serializers.ModelSerializer):
    location: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    local = serializers.SerializerMethodField(help_text=_("The bottom-up item of the pilot location."))
    national = serializers.SerializerMethodField(help_text=_("The top-down item of the same country."))
    reasons = ReasonSerializer(many=True, read_only=True)
    why = serializers.SerializerMethodField(help_text=_("The reasons as sentences, in the language asked for."))
    coordinated_action = serializers.SerializerMethodField(help_text=_("The coordinated action made from it, if any."))

    class Meta:
        model = Synergy
        fields = [
            "id",
            "location",
            "country",
            "local",
            "national",
            "score",
            "reasons",
            "why",
            "status",
            "decided_at",
            "dismiss_reason",
            "coordinated_action",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(SideSerializer)
    def get_local(self, synergy: Synergy) -> dict[str, Any]:
        kind = local_kind(synergy)
        return {"kind": kind, "id": getattr(synergy, f"{kind}_id"), "title": str(synergy.local_item)}

    @extend_schema_field(SideSerializer)
    def get_national(self, synergy: Synergy) -> dict[str, Any]:
        kind = national_kind(synergy)
        return {"kind": kind, "id": getattr(synergy, f"{kind}_id"), "title": str(synergy.national_item)}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_why(self, synergy: Synergy) -> list[str]:
        return reason_sentences(synergy.reasons)

    @extend_schema_field(OpenApiTypes.INT)
    def get_coordinated_action(self, synergy: Synergy) -> int | None:
        action = getattr(synergy, "coordinated_action", None)
        return action.pk if action is not None else None


class FindSerializer(serializers.Serializer):
    country = serializers.CharField(
        required=False, allow_blank=True, help_text=_("ISO code of one country (e.g. TH); empty for every country.")
    )


class FindResultSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    withdrawn = serializers.IntegerField()


class DismissSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text=_("Why the synergy is dismissed."))
