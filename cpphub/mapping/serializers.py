"""How the Map stage's instruments and records look in the REST API.

Locations are named by their short name (slug). The serializers check the
shape of a request; the write services validate the record itself and audit
it. Small counts and research data are left out for those who may not see
them: a participant group's ``size`` is ``null`` and a finding's
``participants`` is ``null`` unless the reader facilitates the location.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.mapping.models import (
    Channel,
    Choice,
    Consent,
    Finding,
    IctTag,
    Instrument,
    MappingSession,
    Participant,
    ParticipantGroup,
    Question,
    RiskDimension,
    RiskRow,
    Strength,
)
from cpphub.mapping.selectors.access import facilitates
from cpphub.partnership.models import PilotLocation

TAG_FIELDS = ["risk_dimension", "risk_row", "ict_tags", "channels", "strength"]


def _location_field(**kwargs: Any) -> serializers.SlugRelatedField:
    kwargs.setdefault("help_text", _("Short name (slug) of a pilot location, e.g. chiang-rai."))
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=PilotLocation.objects.all(),
        error_messages={"does_not_exist": _("There is no pilot location with the short name “{value}”.")},
        **kwargs,
    )


def _viewer(serializer: serializers.Serializer) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class TagSerializer(serializers.Serializer):
    """The taxonomy tags of a question or choice; a field left out is left unchanged."""

    risk_dimension = serializers.ChoiceField(choices=RiskDimension.choices, allow_blank=True, required=False)
    risk_row = serializers.ChoiceField(choices=RiskRow.choices, allow_blank=True, required=False)
    ict_tags = serializers.ListField(child=serializers.ChoiceField(choices=IctTag.choices), required=False)
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices), required=False)
    strength = serializers.ChoiceField(choices=Strength.choices, allow_blank=True, required=False)


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "question", "name", "labels", "order", *TAG_FIELDS]
        read_only_fields = ["id", "question", "name", "labels", "order"]


class QuestionSerializer(serializers.ModelSerializer):
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "instrument", "parent", "kind", "name", "path", "type", "labels", "hints", "order"]
        fields += [*TAG_FIELDS, "choices"]
        read_only_fields = ["id", "instrument", "parent", "kind", "name", "path", "type", "labels", "hints", "order"]


class InstrumentSerializer(serializers.ModelSerializer):
    location: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    question_count = serializers.SerializerMethodField(help_text=_("Questions (groups and repeats not counted)."))

    class Meta:
        model = Instrument
        fields = [
            "id",
            "title",
            "form_id",
            "version",
            "location",
            "languages",
            "default_language",
            "source_file_name",
            "question_count",
            "is_active",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.INT)
    def get_question_count(self, instrument: Instrument) -> int:
        count = getattr(instrument, "question_count", None)
        if count is None:
            count = instrument.questions.filter(kind=Question.Kind.QUESTION).count()
        return int(count)


class InstrumentDetailSerializer(InstrumentSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "questions"]
        read_only_fields = fields


class InstrumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("An XLSForm: .xlsx, .xls or .csv."))
    location = _location_field(
        required=False,
        allow_null=True,
        help_text=_("Short name of the location; left out, a partnership template (coordinators only)."),
    )


class GroupSerializer(serializers.ModelSerializer):
    size = serializers.IntegerField(
        min_value=1,
        allow_null=True,
        help_text=_("Number of participants; null unless you facilitate the session's location."),
    )

    class Meta:
        model = ParticipantGroup
        fields = ["id", "session", "perspective", "age_band", "sex", "informant_role", "size"]
        read_only_fields = ["id"]

    def to_representation(self, group: ParticipantGroup) -> dict[str, Any]:
        data = super().to_representation(group)
        if not facilitates(_viewer(self), group.session.location_id):
            data["size"] = None
        return data


class SessionSerializer(serializers.ModelSerializer):
    location = _location_field()
    groups = GroupSerializer(many=True, read_only=True)

    class Meta:
        model = MappingSession
        fields = [
            "id",
            "location",
            "kind",
            "title",
            "date",
            "round",
            "instrument",
            "facilitators",
            "notes",
            "groups",
            "created_at",
        ]
        read_only_fields = ["id", "groups", "created_at"]
        extra_kwargs = {"facilitators": {"help_text": _("Ids of people with a facilitator membership there.")}}


class ParticipantSerializer(serializers.ModelSerializer):
    location = _location_field()
    consent_status = serializers.SerializerMethodField(
        help_text=_(
            "complete, caregiver_missing, assent_missing, child_consent_missing, consent_missing or withdrawn, "
            "by the consent rules of the location's country."
        )
    )

    class Meta:
        model = Participant
        fields = [
            "id",
            "location",
            "code",
            "perspective",
            "age_band",
            "sex",
            "informant_role",
            "group",
            "consent_status",
            "withdrawn_at",
            "created_at",
        ]
        read_only_fields = ["id", "consent_status", "withdrawn_at", "created_at"]
        validators: list[Any] = []  # the service says, in words, when a code is already used

    @extend_schema_field(OpenApiTypes.STR)
    def get_consent_status(self, participant: Participant) -> str:
        status = getattr(participant, "consent_status", None)
        if status is None:
            from cpphub.mapping.selectors.records import with_consent_status

            status = with_consent_status([participant])[0].consent_status  # type: ignore[attr-defined]
        return str(status.code)


class ConsentSerializer(serializers.ModelSerializer):
    scope = serializers.ListField(
        child=serializers.ChoiceField(choices=Consent.Scope.choices),
        allow_empty=False,
        help_text=_("What the consent covers: answers, quotes, follow_up."),
    )

    class Meta:
        model = Consent
        fields = [
            "id",
            "participant",
            "type",
            "given_by",
            "scope",
            "language",
            "date",
            "withdrawn_at",
            "withdrawal_reason",
            "recorded_at",
        ]
        read_only_fields = ["id", "withdrawn_at", "withdrawal_reason", "recorded_at"]


class FindingSerializer(serializers.ModelSerializer):
    location = _location_field()
    ict_tags = serializers.ListField(child=serializers.ChoiceField(choices=IctTag.choices), required=False)
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices), required=False)

    class Meta:
        model = Finding
        fields = [
            "id",
            "location",
            "kind",
            "summary",
            *TAG_FIELDS,
            "source_type",
            "session",
            "perspective",
            "age_band",
            "sex",
            "informant_role",
            "quote",
            "severity",
            "participants",
            "carried_forward",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        extra_kwargs = {
            "participants": {
                "help_text": _("Ids of the participants quoted; null unless you facilitate the location."),
                "required": False,
            },
            "quote": {"help_text": _("Refused while it still holds a name, phone number, email or handle.")},
        }

    def to_representation(self, finding: Finding) -> dict[str, Any]:
        data = super().to_representation(finding)
        if not facilitates(_viewer(self), finding.location_id):
            data["participants"] = None
        return data
