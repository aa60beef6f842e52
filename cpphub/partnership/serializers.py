"""How registry records look in the REST API.

Sectors and partnership roles are lists of their codes (``["ngo", "academia"]``)
and countries their ISO codes (``"BR"``); organisations are referred to by id.
The serializers check the shape of a request; the write services validate
the record itself (``full_clean``) and audit it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cpphub.partnership.models import (
    Contact,
    Country,
    Organisation,
    PartnershipRole,
    Phase,
    PilotLocation,
    Sector,
)

READ_ONLY = ["id", "created_at", "updated_at"]


def _country_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        help_text=_("ISO 3166-1 alpha-2 code of a country in the registry, e.g. BR"),
        **kwargs,
    )


class OrganisationSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        allow_empty=False,
        queryset=Sector.objects.all(),
        help_text=_("Codes of the sectors the organisation works in (at least one)."),
    )
    partnership_roles = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=PartnershipRole.objects.all(),
        help_text=_("Codes of the organisation's roles in the partnership."),
    )
    country = _country_field(allow_null=True, required=False)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "acronym",
            "sectors",
            "country",
            "level",
            "partnership_roles",
            "website",
            "description",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = READ_ONLY


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["id", "code", "name", "languages", "is_active"]
        read_only_fields = ["id"]


class LocationSerializer(serializers.ModelSerializer):
    country = _country_field()

    class Meta:
        model = PilotLocation
        fields = [
            "id",
            "name",
            "slug",
            "country",
            "admin_area",
            "latitude",
            "longitude",
            "stage",
            "lead_partner",
            "implementing_partners",
            "notes",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = READ_ONLY
        extra_kwargs = {
            "lead_partner": {"help_text": _("Id of the organisation that leads the work here.")},
            "implementing_partners": {"help_text": _("Ids of the organisations that implement the work here.")},
        }


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["id", "name", "kind", "start_date", "end_date", "description", "is_active"]
        read_only_fields = ["id"]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = [
            "id",
            "full_name",
            "job_title",
            "organisation",
            "email",
            "phone",
            "languages",
            "notes",
            "is_demo",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [*READ_ONLY, "is_demo"]
        extra_kwargs = {"organisation": {"help_text": _("Id of the organisation the person works for.")}}
