"""The risk and strength map in the REST API: /api/v1/riskmap/ (suppressed aggregates only).

Every count is ``{"value": 42, "suppressed": false}`` or, when withheld to
protect children, ``{"value": null, "suppressed": true, "reason": "primary"}``
(``primary``: the count itself is below k; ``complementary``: hidden so that a
small count cannot be worked out). A withheld count is never a number.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.mapping.models import Perspective
from cpphub.mapping.selectors import riskmap as selectors
from cpphub.mapping.selectors.access import can_read_mapping
from cpphub.mapping.suppression import Reason


class MapReaderPermission(BasePermission):
    message = _("Partnership members may read the risk map.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_mapping(request.user)


class PublishedCountSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="The count; null when it is withheld.")
    suppressed = serializers.BooleanField(help_text="True when the count is withheld to protect children.")
    reason = serializers.ChoiceField(
        choices=[r.value for r in Reason],
        required=False,
        allow_null=True,
        help_text="Why it is withheld: primary (below k) or complementary (it would give a small count away).",
    )


class GroupCountSerializer(PublishedCountSerializer):
    age_band = serializers.CharField(allow_null=True, help_text="Age band code; null: all age bands.")
    sex = serializers.CharField(allow_null=True, help_text="Sex code; null: all.")


class MeasureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="respondents, risk:<dimension>:<row>, strength:<code>, ict:<tag>, ...")
    label = serializers.CharField()  # type: ignore[assignment]  # the field "label", not Field.label
    total = PublishedCountSerializer()
    groups = GroupCountSerializer(many=True, help_text="The breakdown asked for with `by`, ending with the total.")


class HeatCellSerializer(PublishedCountSerializer):
    dimension = serializers.CharField()
    row = serializers.CharField(help_text="The risk row; empty when only the dimension is coded.")
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the field "label", not Field.label


class ChoiceCountSerializer(PublishedCountSerializer):
    choice = serializers.CharField()


class ItemSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    choices = ChoiceCountSerializer(many=True)
    total = PublishedCountSerializer()


class RiskMapSerializer(serializers.Serializer):
    k = serializers.IntegerField(help_text="The small-cell threshold: no count from 1 to k-1 is published.")
    location = serializers.CharField(allow_null=True, help_text="Location slug; null: across all locations.")
    round = serializers.IntegerField(allow_null=True, help_text="Mapping round; null: every round.")
    rounds = serializers.ListField(child=serializers.IntegerField())
    perspective = serializers.ChoiceField(choices=Perspective.choices)
    by = serializers.ListField(child=serializers.CharField())
    respondents = MeasureSerializer()
    heatmap = HeatCellSerializer(many=True)
    risks = MeasureSerializer(many=True)
    strengths = MeasureSerializer(many=True)
    ict = MeasureSerializer(many=True)
    channels = MeasureSerializer(many=True)
    items = ItemSerializer(many=True)


class RiskMapView(APIView):
    permission_classes = [MapReaderPermission]

    @extend_schema(
        summary="The risk and strength map",
        description=(
            "Suppressed aggregates of the mapping: the 4Cs heat map, strengths, ICT tags, channels and answers "
            "per question of a location (or across locations), broken down by age band and sex. "
            "A withheld count is null with suppressed=true, never a number. Partnership members."
        ),
        parameters=[
            OpenApiParameter("location", OpenApiTypes.STR, description="Location slug; empty: all locations."),
            OpenApiParameter(
                "round",
                OpenApiTypes.INT,
                description="Mapping round; empty: the location's latest round (all rounds across locations).",
            ),
            OpenApiParameter("perspective", OpenApiTypes.STR, enum=Perspective.values, description="Whose view."),
            OpenApiParameter("by", OpenApiTypes.STR, description="Comma-separated breakdown: age_band, sex, or both."),
        ],
        responses={200: RiskMapSerializer, 400: OpenApiResponse(description="A parameter is wrong; the reason.")},
    )
    def get(self, request: Request) -> Response:
        try:
            params = selectors.riskmap_params(request.query_params)
        except selectors.BadParams as exc:
            raise ParseError(str(exc)) from exc
        riskmap: Any = selectors.riskmap(
            viewer=request.user,
            location=params.location,
            round=params.round,
            perspective=params.perspective,
            by=params.by,
        )
        return Response(selectors.riskmap_dict(riskmap))


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = [path("riskmap/", RiskMapView.as_view(), name="riskmap")]
