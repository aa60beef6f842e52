"""How action plans, actions and progress updates look in the REST API.

Locations are named by their short name (slug); related records by id. The
serializers check the shape of a request; the write services check the rest
(the lead partner is a partner of the location, the end does not precede the
start, a dropped action says why, ...) and their errors come back as a 400
naming the field.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.mapping.models import AgeBand, Sex
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import Action, ActionPlan, ProgressUpdate, TargetGroup


class ActionPlanSerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PilotLocation.objects.all(),
        help_text=_("Short name (slug) of a pilot location, e.g. chiang-rai. Set when the plan is made."),
        error_messages={"does_not_exist": _("There is no pilot location with the short name “{value}”.")},
    )
    action_count = serializers.SerializerMethodField(help_text=_("Actions of the plan."))
    overdue_count = serializers.SerializerMethodField(help_text=_("Actions past their end and not done or dropped."))

    class Meta:
        model = ActionPlan
        fields = ["id", "location", "title", "workshop", "notes", "action_count", "overdue_count", "created_at"]
        read_only_fields = ["id", "action_count", "overdue_count", "created_at"]

    def validate_location(self, location: PilotLocation) -> Any:
        if self.instance is not None and location.pk != self.instance.location_id:
            raise serializers.ValidationError(_("A plan stays in its location."))
        return location

    @extend_schema_field(OpenApiTypes.INT)
    def get_action_count(self, plan: ActionPlan) -> int:
        count = getattr(plan, "action_count", None)
        return int(count if count is not None else plan.actions.count())

    @extend_schema_field(OpenApiTypes.INT)
    def get_overdue_count(self, plan: ActionPlan) -> int:
        count = getattr(plan, "overdue_count", None)
        if count is None:
            count = sum(1 for action in plan.actions.all() if action.is_overdue())
        return int(count)


class ProgressUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "action", "date", "note", "value", "created_at"]
        read_only_fields = ["id", "created_at"]


class NestedProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgressUpdate
        fields = ["id", "date", "note", "value"]
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    location: serializers.SlugRelatedField = serializers.SlugRelatedField(
        source="plan.location", slug_field="slug", read_only=True
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, help_text=_("Target group codes.")
    )
    target_age_bands = serializers.ListField(
        child=serializers.ChoiceField(choices=AgeBand.choices),
        required=False,
        help_text=_("Children's age bands, when children are a target group."),
    )
    target_sexes = serializers.ListField(
        child=serializers.ChoiceField(choices=Sex.choices),
        required=False,
        help_text=_("Children's sex, when children are a target group."),
    )
    overdue = serializers.SerializerMethodField(help_text=_("The end has passed and it is still planned or under way."))
    updates = NestedProgressSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "plan",
            "location",
            "title",
            "description",
            "priority",
            "findings",
            "outcome",
            "lead_partner",
            "supporting_partners",
            "target_groups",
            "target_age_bands",
            "target_sexes",
            "start",
            "end",
            "budget",
            "currency",
            "in_kind",
            "expertise_needed",
            "indicator",
            "baseline",
            "target",
            "status",
            "status_reason",
            "overdue",
            "updates",
            "created_at",
        ]
        read_only_fields = ["id", "location", "overdue", "updates", "created_at"]
        extra_kwargs = {"findings": {"required": False}, "supporting_partners": {"required": False}}

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, action: Action) -> bool:
        overdue = getattr(action, "overdue", None)
        return bool(overdue) if overdue is not None else action.is_overdue(timezone.localdate())

    def validate_plan(self, plan: ActionPlan) -> Any:
        if self.instance is not None and plan.pk != self.instance.plan_id:
            raise serializers.ValidationError(_("An action stays in its plan."))
        return plan
