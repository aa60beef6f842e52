"""How the service directory looks in the REST API.

Categories are named by their code (``legal_aid``), pilot locations by their
short name (``chiang-rai``), providers by their id. The direct line is in the
answer only for those who may see confidential values; so is a confidential
location's address and position (``places``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.connect.models import Service, ServiceCategory, ServiceLocation, ServiceOrganisation
from cpphub.connect.selectors import access
from cpphub.connect.selectors.directory import place_view
from cpphub.connect.services.directory import SERVICE_FIELDS
from cpphub.partnership.models import Country, Organisation, PilotLocation


class PlaceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    kind = serializers.CharField()
    city = serializers.CharField()
    region = serializers.CharField()
    country_code = serializers.CharField()
    url = serializers.CharField()
    is_confidential = serializers.BooleanField(help_text=_("The address is confidential."))
    address = serializers.CharField(help_text=_("Empty when confidential to the caller."))
    postal_code = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


def _sees_confidential(context: Mapping[str, Any], provider: ServiceOrganisation) -> bool:
    request = context.get("request")
    return request is not None and access.can_see_confidential(request.user, provider)


class ServiceSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=ServiceOrganisation.objects.all(), help_text=_("The provider's id. Set when the service is made.")
    )
    categories = serializers.SlugRelatedField(
        slug_field="code", queryset=ServiceCategory.objects.all(), many=True, required=False
    )
    pilot_locations = serializers.SlugRelatedField(
        slug_field="slug", queryset=PilotLocation.objects.all(), many=True, required=False
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, help_text=_("Language codes, e.g. th, pt-BR.")
    )
    locations = serializers.PrimaryKeyRelatedField(
        queryset=ServiceLocation.objects.all(),
        many=True,
        required=False,
        write_only=True,
        help_text=_("Ids of the provider's locations where the service is given."),
    )
    places = serializers.SerializerMethodField(help_text=_("Where the service is given."))

    class Meta:
        model = Service
        fields = ["id", "organisation", *SERVICE_FIELDS, "locations", "places", "updated_at"]
        read_only_fields = ["id", "places", "updated_at"]
        extra_kwargs = {"direct_line": {"help_text": _("Confidential: only for caseworkers and coordinators.")}}
        validators: list[Any] = []

    @extend_schema_field(PlaceSerializer(many=True))
    def get_places(self, service: Service) -> list[dict[str, Any]]:
        confidential = _sees_confidential(self.context, service.organisation)
        return [
            PlaceSerializer(place_view(link.location, confidential=confidential)).data
            for link in service.service_at_locations.all()
        ]

    def validate_organisation(self, organisation: ServiceOrganisation) -> ServiceOrganisation:
        if self.instance is not None and organisation.pk != self.instance.organisation_id:
            raise serializers.ValidationError(_("A service stays with its provider."))
        return organisation

    def to_representation(self, instance: Service) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not _sees_confidential(self.context, instance.organisation):
            data.pop("direct_line", None)
        return data


class ServiceProviderSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), required=False, allow_null=True
    )
    partner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)

    class Meta:
        model = ServiceOrganisation
        fields = [
            "id",
            "name",
            "alternate_name",
            "description",
            "country",
            "partner",
            "email",
            "website",
            "phone",
            "is_active",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]
        validators: list[Any] = []
