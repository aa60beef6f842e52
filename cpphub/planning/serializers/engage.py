"""How stakeholders, engagements and follow-ups look in the REST API.

Locations are named by their short name (slug), sectors by their code. The
serializers check the shape of a request; the write services validate the
record itself (a unique name in the location, scores from 1 to 5,
stakeholders of the engagement's location) and audit it.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.partnership.models import PilotLocation, Sector
from cpphub.planning.models import Engagement, FollowUp, Quadrant, Stakeholder

STAYS = _("A record stays in its location; record it again in the other location instead.")


def location_field(**kwargs: Any) -> serializers.SlugRelatedField:
    kwargs.setdefault("help_text", _("Short name (slug) of a pilot location, e.g. chiang-rai."))
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PilotLocation.objects.all(),
        error_messages={"does_not_exist": _("There is no pilot location with the short name “{value}”.")},
        **kwargs,
    )


def _sector_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=Sector.objects.all(),
        error_messages={"does_not_exist": _("There is no sector with the code “{value}”.")},
        **kwargs,
    )


class _StaysInLocation(serializers.ModelSerializer):
    def validate_location(self, location: PilotLocation) -> PilotLocation:
        if self.instance is not None and location.pk != self.instance.location_id:
            raise serializers.ValidationError(STAYS)
        return location


class StakeholderSerializer(_StaysInLocation):
    location = location_field()
    sector = _sector_field(help_text=_("Sector code, e.g. law_enforcement."))
    quadrant = serializers.ChoiceField(
        choices=Quadrant.choices, read_only=True, help_text=_("Where power and interest place it on the grid.")
    )

    class Meta:
        model = Stakeholder
        fields = [
            "id",
            "location",
            "name",
            "organisation",
            "sector",
            "can_do",
            "contact_name",
            "contact_details",
            "power",
            "interest",
            "quadrant",
            "notes",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["id", "quadrant", "created_at"]
        extra_kwargs = {"organisation": {"help_text": _("Id of a partner organisation of the registry, or null.")}}
        validators: list[Any] = []  # the service says, in words, when a name is already used in the location


class FollowUpSerializer(serializers.ModelSerializer):
    is_overdue = serializers.SerializerMethodField(help_text=_("Due date passed and not done."))

    class Meta:
        model = FollowUp
        fields = ["id", "engagement", "description", "owner", "due_date", "done_at", "is_overdue"]
        read_only_fields = ["id", "is_overdue"]

    def validate_engagement(self, engagement: Engagement) -> Engagement:
        if self.instance is not None and engagement.pk != self.instance.engagement_id:
            raise serializers.ValidationError(_("A follow-up stays with its engagement."))
        return engagement

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, follow_up: FollowUp) -> bool:
        return follow_up.is_overdue(timezone.localdate())


class EngagementSerializer(_StaysInLocation):
    location = location_field()
    sectors = _sector_field(many=True, required=False, help_text=_("Codes of the sectors present."))
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    overdue_follow_ups = serializers.SerializerMethodField(help_text=_("How many follow-ups are overdue."))

    class Meta:
        model = Engagement
        fields = [
            "id",
            "location",
            "kind",
            "date",
            "title",
            "stakeholders",
            "participants",
            "sectors",
            "agreed",
            "follow_ups",
            "overdue_follow_ups",
            "created_at",
        ]
        read_only_fields = ["id", "follow_ups", "overdue_follow_ups", "created_at"]
        extra_kwargs = {
            "stakeholders": {"help_text": _("Ids of stakeholders of the same location."), "required": False},
            "participants": {"help_text": _("Adults present; never children's names.")},
        }

    @extend_schema_field(OpenApiTypes.INT)
    def get_overdue_follow_ups(self, engagement: Engagement) -> int:
        today = timezone.localdate()
        return sum(1 for follow_up in engagement.follow_ups.all() if follow_up.is_overdue(today))
