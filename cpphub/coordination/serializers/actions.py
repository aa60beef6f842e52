"""How coordinated actions, their contributions and milestones look in the REST API.

Locations by short name (slug), countries by ISO code, organisations and other
records by id. The serializers check the shape of a request; the write
services check the rest (an accepted, unused synergy, the end not before the
start, a dropped action says why, a contribution not negative, ...) and their
errors come back as a 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone, Synergy
from cpphub.mapping.models import RiskDimension
from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import TargetGroup


class ContributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contribution
        fields = ["id", "action", "organisation", "kind", "resource", "amount", "unit", "description", "status"]
        read_only_fields = ["id"]

    def validate_action(self, action: CoordinatedAction) -> Any:
        if self.instance is not None and action.pk != self.instance.action_id:
            raise serializers.ValidationError(_("A contribution stays with its action."))
        return action


class NestedContributionSerializer(ContributionSerializer):
    class Meta(ContributionSerializer.Meta):
        fields = ["id", "organisation", "kind", "resource", "amount", "unit", "description", "status"]
        read_only_fields = fields


class MilestoneSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField(help_text=_("Past its due date and not done."))

    class Meta:
        model = Milestone
        fields = ["id", "action", "title", "due", "done_at", "overdue"]
        read_only_fields = ["id", "overdue"]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, milestone: Milestone) -> bool:
        from django.utils import timezone

        return milestone.done_at is None and milestone.due < timezone.localdate()

    def validate_action(self, action: CoordinatedAction) -> Any:
        if self.instance is not None and action.pk != self.instance.action_id:
            raise serializers.ValidationError(_("A milestone stays with its action."))
        return action


class NestedMilestoneSerializer(MilestoneSerializer):
    class Meta(MilestoneSerializer.Meta):
        fields = ["id", "title", "due", "done_at", "overdue"]
        read_only_fields = fields


class CoordinatedActionSerializer(serializers.ModelSerializer):
    synergy = serializers.PrimaryKeyRelatedField(
        queryset=Synergy.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("An accepted synergy not yet used; set when the action is made, never changed."),
        error_messages={"does_not_exist": _("There is no synergy {pk_value}.")},
    )
    locations = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PilotLocation.objects.all(),
        many=True,
        required=False,
        help_text=_("Short names (slugs) of pilot locations."),
    )
    countries = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        many=True,
        required=False,
        help_text=_("ISO codes; the countries of the locations are always added."),
    )
    risks = serializers.ListField(
        child=serializers.ChoiceField(choices=RiskDimension.choices), required=False, help_text=_("4Cs codes.")
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, help_text=_("Target group codes.")
    )
    contributions = NestedContributionSerializer(many=True, read_only=True)
    milestones = NestedMilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = CoordinatedAction
        fields = [
            "id",
            "title",
            "description",
            "synergy",
            "lead",
            "locations",
            "countries",
            "local_actions",
            "national_priorities",
            "outcome",
            "risks",
            "target_groups",
            "children_to_reach",
            "start",
            "end",
            "status",
            "status_reason",
            "contributions",
            "milestones",
            "created_at",
        ]
        read_only_fields = ["id", "contributions", "milestones", "created_at"]
        extra_kwargs = {"local_actions": {"required": False}, "national_priorities": {"required": False}}

    def validate_synergy(self, synergy: Synergy | None) -> Any:
        if self.instance is not None and (synergy.pk if synergy else None) != self.instance.synergy_id:
            raise serializers.ValidationError(_("The synergy of an action is set when it is made."))
        return synergy
