"""How registry records look in the REST API.

Sectors and partnership roles are lists of their codes (``["ngo", "academia"]``)
and countries their ISO codes (``"BR"``); organisations are referred to by id.
The serializers check the shape of a request; the write services validate
the record itself (``full_clean``) and audit it. Every record shows its
``version`` (also its ``ETag``), which a change can be made conditional on.
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
from cpphub.partnership.versions import record_version

READ_ONLY = ["id", "created_at", "updated_at"]


def _country_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=Country.objects.all(),
        help_text=_("ISO 3166-1 alpha-2 code of a country in the registry, e.g. BR"),
        error_messages={"does_not_exist": _("There is no country with the code “{value}” in the registry.")},
        **kwargs,
    )


class _VersionedSerializer(serializers.ModelSerializer):
    version = serializers.SerializerMethodField(
        help_text=_(
            "The version of the record, also sent as its ETag. Send it back in an If-Match header, "
            "or as version in the body, to have a change refused if someone else changed the record since."
        )
    )

    def get_version(self, record: Any) -> str:
        return record_version(record)


class OrganisationSerializer(_VersionedSerializer):
    sectors = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        allow_empty=False,
        queryset=Sector.objects.all(),
        help_text=_("Codes of the sectors the organisation works in (at least one)."),
        error_messages={"does_not_exist": _("There is no sector with the code “{value}”.")},
    )
    partnership_roles = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=PartnershipRole.objects.all(),
        help_text=_("Codes of the organisation's roles in the partnership."),
        error_messages={"does_not_exist": _("There is no partnership role with the code “{value}”.")},
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
            "version",
        ]
        read_only_fields = READ_ONLY


class CountrySerializer(_VersionedSerializer):
    class Meta:
        model = Country
        fields = ["id", "code", "name", "languages", "is_active", "version"]
        read_only_fields = ["id"]


class LocationSerializer(_VersionedSerializer):
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
            "version",
        ]
        read_only_fields = READ_ONLY
        extra_kwargs = {
            "lead_partner": {"help_text": _("Id of the organisation that leads the work here.")},
            "implementing_partners": {"help_text": _("Ids of the organisations that implement the work here.")},
        }


class PhaseSerializer(_VersionedSerializer):
    class Meta:
        model = Phase
        fields = ["id", "name", "kind", "start_date", "end_date", "description", "is_active", "version"]
        read_only_fields = ["id"]


class ContactSerializer(_VersionedSerializer):
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
            "version",
        ]
        read_only_fields = [*READ_ONLY, "is_demo"]
        extra_kwargs = {"organisation": {"help_text": _("Id of the organisation the person works for.")}}


class EditConflictSerializer(serializers.Serializer):
    """A change made from another version of the record than the stored one: nothing was changed."""

    detail = serializers.CharField(help_text=_("Who changed the record since, when, and which fields."))
    version = serializers.CharField(required=False, help_text=_("The stored version of the record."))
    changed_fields = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("The fields changed since the version the change was made from, when it is known."),
    )
