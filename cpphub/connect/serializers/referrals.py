"""How cases, consent, notes and referrals look in the REST API.

A case's identifying fields are for the caseworkers of its organisation; a
referral carries the child's data as ``child``, cut to the shared information
for the receiving organisation. The services check the rules and their errors
come back as a 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.connect.models import Case, CaseNote, Consent, Pathway, Referral, Service, ServiceOrganisation
from cpphub.connect.models.referrals import AgeBand
from cpphub.connect.selectors.referrals import child_data, owned_cases
from cpphub.connect.services.referrals import CASE_FIELDS
from cpphub.partnership.models import PilotLocation

INFORMATION_CHOICES = Consent.Information.choices


class CaseSerializer(serializers.ModelSerializer):
    location = serializers.SlugRelatedField(slug_field="slug", queryset=PilotLocation.objects.all())
    # Wider than 0-17 on purpose: the service refuses, naming the age.
    age = serializers.IntegerField(
        required=False,
        allow_null=True,
        validators=[MinValueValidator(-1000), MaxValueValidator(1000)],
        help_text=_("In years, 0 to 17."),
    )
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False, allow_blank=True)
    open_referrals = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "reference", *CASE_FIELDS, "status", "outcome", "closed_at", "open_referrals", "created_at"]
        read_only_fields = ["id", "reference", "status", "outcome", "closed_at", "open_referrals", "created_at"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_open_referrals(self, case: Case) -> int:
        count = getattr(case, "open_referrals", None)
        return int(count if count is not None else case.referrals.filter(status__in=Referral.OPEN_STATUSES).count())


class CaseCloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Case.Outcome.choices)
    closure_note = serializers.CharField(required=False, allow_blank=True)


class CaseConsentSerializer(serializers.ModelSerializer):
    organisations = serializers.PrimaryKeyRelatedField(many=True, queryset=ServiceOrganisation.objects.all())
    information = serializers.ListField(child=serializers.ChoiceField(choices=INFORMATION_CHOICES))

    class Meta:
        model = Consent
        fields = [
            "id",
            "kind",
            "given_by",
            "given_by_name",
            "given_on",
            "organisations",
            "information",
            "withdrawn_at",
            "recorded_at",
        ]
        read_only_fields = ["id", "withdrawn_at", "recorded_at"]


class CaseNoteSerializer(serializers.ModelSerializer):
    author_organisation: Any = serializers.StringRelatedField()

    class Meta:
        model = CaseNote
        fields = ["id", "text", "author_organisation", "created_at"]
        read_only_fields = ["id", "author_organisation", "created_at"]


class ChildSerializer(serializers.Serializer):
    reference = serializers.CharField()
    location = serializers.CharField()
    need = serializers.CharField()
    risk_level = serializers.CharField()
    age_band = serializers.CharField()
    name = serializers.CharField(required=False, help_text=_("Only when identity is shared."))
    sex = serializers.CharField(required=False)
    age = serializers.IntegerField(required=False, allow_null=True)
    guardian_contact = serializers.CharField(required=False, help_text=_("Only when contact is shared."))
    situation = serializers.CharField(required=False, help_text=_("Only when the situation is shared."))


class ReferralSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), write_only=True)
    case_reference = serializers.CharField(source="case.reference", read_only=True)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    pathway = serializers.PrimaryKeyRelatedField(queryset=Pathway.objects.all(), required=False, allow_null=True)
    shared_information = serializers.ListField(
        child=serializers.ChoiceField(choices=INFORMATION_CHOICES), required=False
    )
    message = serializers.CharField(required=False, allow_blank=True, write_only=True)
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("A safeguarding emergency only: sends without consent, logged with this reason."),
    )
    overdue = serializers.SerializerMethodField()
    child = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "case_reference",
            "service",
            "provider",
            "receiving_organisation",
            "pathway",
            "status",
            "shared_information",
            "message",
            "override_reason",
            "sent_at",
            "deadline_at",
            "accepted_at",
            "declined_at",
            "started_at",
            "completed_at",
            "revoked_at",
            "overdue",
            "child",
        ]
        read_only_fields = [
            "id",
            "provider",
            "receiving_organisation",
            "status",
            "sent_at",
            "deadline_at",
            "accepted_at",
            "declined_at",
            "started_at",
            "completed_at",
            "revoked_at",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # a case one may not refer does not exist, as far as the caller can tell
            case_field: Any = self.fields["case"]
            case_field.queryset = owned_cases(request.user)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_overdue(self, referral: Referral) -> bool:
        return referral.is_overdue(timezone.now())

    @extend_schema_field(ChildSerializer)
    def get_child(self, referral: Referral) -> dict[str, Any]:
        request = self.context.get("request")
        return child_data(referral, getattr(request, "user", None))


class RespondSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, help_text=_("Reason, what was done, or a note."))
    note = serializers.CharField(required=False, allow_blank=True)
