"""API of Engage, Plan, Create: the cycle of a location (/api/v1/locations/<slug>/cycle/) and the board."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.planning.selectors import cycle as selectors
from cpphub.planning.selectors.access import can_read_planning
from cpphub.planning.serializers.cycle import CycleSerializer


class PlanningReaderPermission(BasePermission):
    message = _("Partnership members may read the cycle of every location.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_planning(request.user)


class LocationCycleView(APIView):
    permission_classes = [PlanningReaderPermission]

    @extend_schema(
        summary="The Triple A cycle of a location",
        description=(
            "The four stages Map, Engage, Plan and Create of a pilot location: what each produced (mapping "
            "sessions and findings; stakeholders and engagements; workshops and ranked priorities; action plans "
            "and actions), the latest records with who made them and when, the stage's checklist met or not, "
            "the next step in one sentence, overdue actions and follow-ups, and the stage moves. Partnership members."
        ),
        responses={
            200: CycleSerializer,
            403: OpenApiResponse(description="Not a partnership member."),
            404: OpenApiResponse(description="No pilot location has this short name."),
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        location = selectors.access_location_by_slug(request.user, slug)
        cycle = selectors.location_cycle(viewer=request.user, location=location)
        return Response(CycleSerializer(cycle).data)


class BoardView(APIView):
    permission_classes = [PlanningReaderPermission]

    @extend_schema(
        summary="The partnership board",
        description=(
            "Every active pilot location with its stage, the counts of what each stage produced, its checklist, "
            "next step and overdue actions and follow-ups (latest records and moves left out). Partnership members."
        ),
        parameters=[
            OpenApiParameter("country", OpenApiTypes.STR, description="A country's ISO code (or id); empty: all."),
        ],
        responses={200: CycleSerializer(many=True), 403: OpenApiResponse(description="Not a partnership member.")},
    )
    def get(self, request: Request) -> Response:
        board = selectors.board(viewer=request.user, country=request.query_params.get("country") or None)
        return Response(CycleSerializer(board.cycles, many=True).data)


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = [
    path("locations/<slug:slug>/cycle/", LocationCycleView.as_view(), name="location-cycle"),
    path("board/", BoardView.as_view(), name="board"),
]
