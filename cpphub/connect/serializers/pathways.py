"""How referral pathways look in the REST API: the pathway with its ordered steps nested.

Locations are named by their slug (``chiang-rai``), services by their id
(uuid). A step shows its service's name and public phone, never a direct line
or an address. Writing sends the whole list of ``steps`` (they replace the
pathway's steps, numbered again in the order of their ``order``); leaving
``steps`` out keeps them. The write service checks the rest (an inactive
service, two steps with one number) and its errors come back as a 400.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.connect.models import Pathway, PathwayStep, Service
from cpphub.connect.selectors.policies import deadline_hours
from cpphub.partnership.models import PilotLocation


class PathwayStepSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(50)], help_text=_("The step's number, 1 to 50.")
    )
    service = serializers.PrimaryKeyRelatedField(
        queryset=Service.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The id of an active service of the directory to contact, or null."),
    )
    service_name = serializers.CharField(source="service.name", read_only=True, default="")
    service_phone = serializers.CharField(
        source="service.phone", read_only=True, default="", help_text=_("The service's public phone.")
    )
    within_hours = serializers.IntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 90)],
        allow_null=True,
        required=False,
        help_text=_("Hours to take the step in; null follows the deadline of the child's risk level."),
    )

    class Meta:
        model = PathwayStep
        fields = [
            "order",
            "action",
            "service",
            "service_name",
            "service_phone",
            "responsible",
            "is_decision",
            "within_hours",
            "notes",
        ]


class PathwaySerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PilotLocation.objects.all(),
        help_text=_("The pilot location's slug, e.g. chiang-rai. Set when the pathway is made."),
        error_messages={"does_not_exist": _("There is no pilot location “{value}”.")},
    )
    steps = PathwayStepSerializer(many=True, required=False)
    deadline_hours = serializers.SerializerMethodField(
        help_text=_("Hours to respond by risk level in the location's country.")
    )

    class Meta:
        model = Pathway
        fields = [
            "id",
            "location",
            "need",
            "summary",
            "who_decides",
            "is_published",
            "steps",
            "deadline_hours",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators: list[Any] = []  # one pathway per location and need: the service says so on ``need``

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_deadline_hours(self, pathway: Pathway) -> dict[str, int]:
        return deadline_hours(pathway.location.country_id)

    def validate_location(self, location: PilotLocation) -> PilotLocation:
        if self.instance is not None and location.pk != self.instance.location_id:
            raise serializers.ValidationError(_("A pathway stays in the location it was made for."))
        return location
