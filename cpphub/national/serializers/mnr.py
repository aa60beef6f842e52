"""How MNR self-assessments look in the REST API: an assessment with its 21 ratings nested, and the aggregate.

A rating names its capability (1 to 21) and gives its phase (1 to 4, or null
while not assessed), evidence and the partners holding it (organisation ids).
Writing an assessment may carry ``ratings``: only those given change.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpphub.national.mnr import GAP_BELOW
from cpphub.national.models import MnrAssessment, MnrRating
from cpphub.national.serializers.engagements import country_field
from cpphub.partnership.models import Organisation


class MnrRatingSerializer(serializers.ModelSerializer):
    capability = serializers.IntegerField(
        min_value=1,
        max_value=21,
        validators=[MinValueValidator(1), MaxValueValidator(21)],
        help_text=_("The capability's number in the Model National Response, 1 to 21."),
    )
    phase = serializers.IntegerField(
        min_value=1,
        max_value=4,
        allow_null=True,
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("The maturity phase, 1 (building) to 4 (maturity); null while not assessed."),
    )
    partners = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.all(), required=False, help_text=_("Organisations holding it.")
    )
    is_gap = serializers.SerializerMethodField(help_text=_("Unrated or still in the first phase."))

    class Meta:
        model = MnrRating
        fields = ["capability", "phase", "evidence", "partners", "is_gap"]
        read_only_fields = ["is_gap"]
        extra_kwargs = {"evidence": {"required": False}}

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_gap(self, rating: MnrRating) -> bool:
        return rating.phase is None or rating.phase < GAP_BELOW


class MnrAssessmentSerializer(serializers.ModelSerializer):
    country = country_field()
    phase_labels = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        max_length=4,
        help_text=_("The names of the four phases, all four or none (the framework's own)."),
    )
    ratings = MnrRatingSerializer(
        many=True, required=False, help_text=_("The 21 ratings; when writing, only the capabilities given change.")
    )
    copy_previous = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("When making an assessment: start from the country's previous assessment's ratings."),
    )
    gap_count = serializers.SerializerMethodField(help_text=_("Capabilities unrated or still in the first phase."))

    class Meta:
        model = MnrAssessment
        fields = [
            "id",
            "country",
            "title",
            "assessed_on",
            "framework_version",
            "phase_labels",
            "status",
            "notes",
            "gap_count",
            "ratings",
            "copy_previous",
            "created_at",
        ]
        read_only_fields = ["id", "gap_count", "created_at"]

    def validate_country(self, country: object) -> object:
        if self.instance is not None and getattr(country, "pk", None) != self.instance.country_id:
            raise serializers.ValidationError(_("An assessment stays in the country it was made for."))
        return country

    @extend_schema_field(OpenApiTypes.INT)
    def get_gap_count(self, assessment: MnrAssessment) -> int:
        return sum(1 for r in assessment.ratings.all() if r.phase is None or r.phase < GAP_BELOW)


class GroupCountsSerializer(serializers.Serializer):
    group = serializers.CharField(source="key", help_text=_("The capability group's code."))
    name = serializers.CharField()
    capabilities = serializers.IntegerField(source="capability_count")
    phases = serializers.ListField(
        source="phase_counts", child=serializers.IntegerField(), help_text=_("Ratings in phases 1, 2, 3 and 4.")
    )
    not_rated = serializers.IntegerField()
    gaps = serializers.IntegerField(help_text=_("Ratings unrated or still in the first phase."))
    total = serializers.IntegerField()


class CountedAssessmentSerializer(serializers.Serializer):
    country = serializers.CharField(source="country.code", help_text=_("ISO code of the country."))
    assessed_on = serializers.DateField()
    framework_version = serializers.CharField()


class MnrAggregateSerializer(serializers.Serializer):
    shown = serializers.BooleanField(help_text=_("False when the aggregate is withheld; reason says why."))
    reason = serializers.CharField()
    countries = CountedAssessmentSerializer(many=True, help_text=_("The assessments counted, in alphabetical order."))
    phase_names = serializers.ListField(child=serializers.CharField())
    groups = GroupCountsSerializer(many=True)
