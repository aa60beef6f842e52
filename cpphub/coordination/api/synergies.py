"""API of the synergy finder.

- ``GET /api/v1/synergies/``: partnership members; filter by ``country`` (ISO code), ``location`` (slug),
  ``status``, ``min_score``, ``kind`` (of the top-down item) and ``local`` (of the bottom-up item).
  Synergies with an MNR capability only for the country's focal points and coordinators.
- ``POST /api/v1/synergies/find/``: coordinators run the finder (optionally for one ``country``).
- ``POST /api/v1/synergies/{id}/accept/``, ``/dismiss/`` (with a ``reason``), ``/reopen/``: coordinators.

Refusals are 4xx with a reason: 403 for who may not decide, 404 for a synergy
that does not exist or is not visible, 400 for a missing reason or a decision
that does not fit the synergy's status. Nothing is saved then.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.coordination.filters.synergies import SynergyFilter
from cpphub.coordination.models import Synergy
from cpphub.coordination.selectors import synergies as selectors
from cpphub.coordination.selectors.access import can_coordinate, can_read_coordination
from cpphub.coordination.serializers.synergies import (
    DismissSerializer,
    FindResultSerializer,
    FindSerializer,
    SynergySerializer,
)
from cpphub.coordination.services import synergies as services
from cpphub.lib.api import through_service
from cpphub.partnership.models import Country

NOT_COORDINATOR = _("Only coordinators run the finder and decide on synergies.")


class CoordinationReadPermission(BasePermission):
    """Partnership members read; who may write is checked by the viewset."""

    message = _("Only partnership members may read the coordination of the partnership.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_coordination(request.user)


def require_coordinator(user: Any) -> None:
    if not can_coordinate(user):
        raise PermissionDenied(NOT_COORDINATOR)


@extend_schema_view(
    list=extend_schema(
        summary="List synergies",
        description="Partnership members. Filter by country (ISO code), location (slug), status, min_score, kind "
        "(national_priority, national_strength, commitment, mnr_rating) and local (local_priority, local_action).",
    ),
    retrieve=extend_schema(summary="Read a synergy", description="Partnership members; with its reasons as sentences."),
)
class SynergyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Synergy.objects.none()
    serializer_class = SynergySerializer
    permission_classes = [CoordinationReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = SynergyFilter
    ordering_fields = ["score", "created_at"]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Synergy]:
        return selectors.synergy_list(viewer=self.request.user)

    def get_object(self) -> Synergy:
        return selectors.access_synergy(self.request.user, self.kwargs["pk"])

    def _answer(self, synergy: Synergy) -> Response:
        fresh = selectors.access_synergy(self.request.user, synergy.pk)
        return Response(SynergySerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Run the synergy finder",
        description="Coordinators. Re-running changes the score of suggested synergies only; accepted and dismissed "
        "ones stay as they are and a dismissed one never comes back.",
        request=FindSerializer,
        responses=FindResultSerializer,
    )
    @action(detail=False, methods=["post"], serializer_class=FindSerializer)
    def find(self, request: Request) -> Response:
        require_coordinator(request.user)
        body = FindSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        code = (body.validated_data.get("country") or "").strip()
        country = None
        if code:
            country = Country.objects.filter(code__iexact=code).first()
            if country is None:
                raise serializers.ValidationError(
                    {"country": [_("There is no country with the code “{code}”.").format(code=code)]}
                )
        result = services.find_synergies(acting_user=request.user, country=country)
        return Response(FindResultSerializer(result).data)

    @extend_schema(summary="Accept a synergy", description="Coordinators; only a suggested one.", request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str) -> Response:
        require_coordinator(request.user)
        synergy = self.get_object()
        through_service(lambda: services.accept_synergy(synergy, acting_user=request.user))
        return self._answer(synergy)

    @extend_schema(
        summary="Dismiss a synergy",
        description="Coordinators; a reason is required (400 without). Not one a coordinated action was made from.",
        request=DismissSerializer,
    )
    @action(detail=True, methods=["post"], serializer_class=DismissSerializer)
    def dismiss(self, request: Request, pk: str) -> Response:
        require_coordinator(request.user)
        synergy = self.get_object()
        body = DismissSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data["reason"]
        through_service(lambda: services.dismiss_synergy(synergy, acting_user=request.user, reason=reason))
        return self._answer(synergy)

    @extend_schema(
        summary="Suggest a synergy again", description="Coordinators; a dismissed or unused accepted one.", request=None
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        require_coordinator(request.user)
        synergy = self.get_object()
        through_service(lambda: services.reopen_synergy(synergy, acting_user=request.user))
        return self._answer(synergy)


# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = [("synergies", SynergyViewSet, "synergy")]
urlpatterns: list[URLPattern] = []
