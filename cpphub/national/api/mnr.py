"""API of the MNR self-assessments.

- ``/api/v1/mnr-assessments/``: the assessments whose details the caller may
  see (the country's national focal points and coordinators), with their 21
  ratings nested; any other assessment is a 404. Filter by ``country`` (ISO
  code), ``status``, ``assessed_from``, ``assessed_to``. POST makes an
  assessment with all 21 ratings (empty, or copied from the country's previous
  one with ``copy_previous``), PATCH changes it; both may carry ``ratings``.
  A focal point writing for another country gets a 403 and nothing is stored.
- ``/api/v1/mnr-assessments/aggregate/``: for every member, the counts per
  capability group and phase over each country's latest final assessment,
  withheld (``shown: false`` with the reason) when it would single a country
  out. Never a country's ratings, never a ranking.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.lib.api import through_service
from cpphub.national.api.engagements import NationalReadPermission, require_writer_of
from cpphub.national.filters.mnr import AssessmentFilter
from cpphub.national.models import MnrAssessment
from cpphub.national.selectors import mnr as selectors
from cpphub.national.selectors.access import can_write_any_national
from cpphub.national.serializers.mnr import MnrAggregateSerializer, MnrAssessmentSerializer
from cpphub.national.services import mnr as services

WHO_WRITES = gettext_lazy("Only the national focal points of the country and coordinators may assess it.")


def _ratings(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(item) for item in data.pop("ratings", None) or []]


@extend_schema_view(
    list=extend_schema(
        summary="List MNR self-assessments",
        description=(
            "Only the assessments whose details the caller may see: the country's national focal points and "
            "coordinators. With the 21 ratings nested. Filter by country code, status, assessed_from, assessed_to."
        ),
    ),
    retrieve=extend_schema(
        summary="Read an MNR self-assessment", description="Its country's focal points and coordinators; 404 else."
    ),
    create=extend_schema(
        summary="Make an MNR self-assessment",
        description=(
            "All 21 ratings are made, empty or copied from the country's previous assessment (copy_previous); "
            "ratings given are applied on top. The country's focal points and coordinators; 403 for anyone "
            "else. 400 for a phase outside 1-4, a capability outside 1-21, or not four phase names."
        ),
    ),
    partial_update=extend_schema(
        summary="Change an MNR self-assessment",
        description="Its fields and the ratings given (by capability). The country stays.",
    ),
)
class MnrAssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = MnrAssessment.objects.none()
    serializer_class = MnrAssessmentSerializer
    permission_classes = [NationalReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = AssessmentFilter
    ordering_fields = ["assessed_on", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[MnrAssessment]:
        return selectors.assessment_list(viewer=self.request.user)

    def get_object(self) -> MnrAssessment:
        return selectors.access_assessment(self.request.user, self.kwargs["pk"], write=True)

    def _reload(self, assessment: MnrAssessment) -> MnrAssessment:
        return selectors.access_assessment(self.request.user, assessment.pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not can_write_any_national(request.user):
            raise PermissionDenied(WHO_WRITES)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        country = data.pop("country")
        require_writer_of(self.request.user, country)
        ratings = _ratings(data)
        copy_previous = bool(data.pop("copy_previous", False))
        assessment = through_service(
            lambda: services.assessment_create(
                country=country, data=data, ratings=ratings, copy_previous=copy_previous, acting_user=self.request.user
            )
        )
        serializer.instance = self._reload(assessment)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        assessment = serializer.instance
        assert assessment is not None
        data = {k: v for k, v in serializer.validated_data.items() if k not in {"country", "copy_previous"}}
        ratings = _ratings(data)
        updated = through_service(
            lambda: services.assessment_update(
                assessment=assessment, data=data, ratings=ratings, acting_user=self.request.user
            )
        )
        serializer.instance = self._reload(updated)


class MnrAggregateView(APIView):
    permission_classes = [NationalReadPermission]

    @extend_schema(
        summary="The MNR aggregate across countries",
        description=(
            "Per capability group: ratings in each phase, not rated, and gaps, over each country's latest final "
            "self-assessment, and which countries those are with their dates. Withheld (shown: false, with the "
            "reason) unless it covers at least two countries besides the caller's own focal countries."
        ),
        responses=MnrAggregateSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(MnrAggregateSerializer(selectors.aggregate(viewer=request.user)).data)


# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = [("mnr-assessments", MnrAssessmentViewSet, "mnr-assessment")]
urlpatterns: list[URLPattern] = [
    path("mnr-assessments/aggregate/", MnrAggregateView.as_view(), name="mnr-aggregate"),
]
