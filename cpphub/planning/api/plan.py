"""API of Engage, Plan, Create: plan (planning workshops and their priorities).

- ``/api/v1/workshops/``: partnership members read; facilitators of the
  location create and change. ``POST /api/v1/workshops/<id>/rank/`` with
  ``reasoning`` ranks the priorities with the location's weights (400 naming
  the priorities not scored yet). Filter by ``location`` slug and ``round``.
- ``/api/v1/priorities/``: members read; facilitators of the workshop's
  location add, change, score (1-5) and remove. Filter by ``location`` slug,
  ``workshop`` and ``ranked``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.lib.api import through_service
from cpphub.planning.filters.plan import PriorityFilter, WorkshopFilter
from cpphub.planning.models import Priority, Workshop
from cpphub.planning.selectors import plan as selectors
from cpphub.planning.selectors.access import can_read_planning, facilitated_location_ids, facilitates
from cpphub.planning.serializers.plan import (
    PrioritySerializer,
    PriorityUpdateSerializer,
    RankedSerializer,
    RankSerializer,
    WorkshopSerializer,
)
from cpphub.planning.services import plan as services

NOT_HERE = _("Only facilitators of the location may change its planning workshops.")


class PlanningReadPermission(BasePermission):
    """Partnership members read; who may write is checked per record by the viewset."""

    message = _("Only partnership members may read the planning.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_planning(request.user)


def _require_facilitator_of(user: Any, location: Any) -> None:
    if location is None or not facilitates(user, location):
        raise PermissionDenied(NOT_HERE)


class _PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [PlanningReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"

    def _write(self, serializer: serializers.BaseSerializer, write: Callable[[dict[str, Any]], Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = through_service(lambda: write(data))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not facilitated_location_ids(request.user):
            raise PermissionDenied(NOT_HERE)
        return super().create(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="List planning workshops", description="Partnership members. Filter by location slug."),
    retrieve=extend_schema(summary="Read a planning workshop", description="With who took part, by sector."),
    create=extend_schema(summary="Add a planning workshop", description="Facilitators of the location. Audited."),
    partial_update=extend_schema(summary="Change a planning workshop", description="Facilitators of the location."),
)
class WorkshopViewSet(_PlanViewSet):
    queryset = Workshop.objects.none()
    serializer_class = WorkshopSerializer
    filterset_class = WorkshopFilter
    ordering_fields = ["date", "round", "title"]

    def get_queryset(self) -> QuerySet[Workshop]:
        return selectors.workshop_list(viewer=self.request.user).prefetch_related(
            "facilitators", "participation__sector"
        )

    def get_object(self) -> Workshop:
        write = self.request.method not in SAFE_METHODS
        workshop = selectors.access_workshop(self.request.user, self.kwargs["pk"], write=write)
        self.check_object_permissions(self.request, workshop)
        return workshop

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        _require_facilitator_of(self.request.user, serializer.validated_data.get("location"))
        self._write(serializer, lambda data: services.workshop_create(data=data, acting_user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        workshop = serializer.instance
        assert workshop is not None
        self._write(
            serializer,
            lambda data: services.workshop_update(workshop=workshop, data=data, acting_user=self.request.user),
        )

    @extend_schema(
        summary="Rank a workshop's priorities",
        description=(
            "Facilitators of the location. Ranks every priority by its weighted score with the location's "
            "weights (ties: higher severity, more children, title), keeps the weights and the group's "
            "`reasoning`. 400 naming the priorities not scored yet; nothing changes then. Audited."
        ),
        request=RankSerializer,
        responses={200: RankedSerializer},
    )
    @action(detail=True, methods=["post"])
    def rank(self, request: Request, pk: Any = None) -> Response:
        workshop = self.get_object()
        payload = RankSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        ranked = through_service(
            lambda: services.workshop_rank(
                workshop=workshop, reasoning=payload.validated_data["reasoning"], acting_user=request.user
            )
        )
        workshop.refresh_from_db()
        context = self.get_serializer_context()
        return Response(
            {
                "workshop": WorkshopSerializer(workshop, context=context).data,
                "priorities": PrioritySerializer(ranked, many=True, context=context).data,
            },
            status=status.HTTP_200_OK,
        )


@extend_schema_view(
    list=extend_schema(summary="List priorities", description="Partnership members. Filter by location slug."),
    retrieve=extend_schema(summary="Read a priority", description="With its scores, score and rank."),
    create=extend_schema(
        summary="Add a priority", description="Facilitators of the workshop's location. Scores 1-5. Audited."
    ),
    partial_update=extend_schema(
        summary="Change or score a priority", description="Facilitators of the location. Scores 1-5. Audited."
    ),
)
class PriorityViewSet(_PlanViewSet):
    queryset = Priority.objects.none()
    serializer_class = PrioritySerializer
    filterset_class = PriorityFilter
    ordering_fields = ["rank", "score", "title"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.request is not None and self.request.method == "PATCH":
            return PriorityUpdateSerializer
        return PrioritySerializer

    def get_queryset(self) -> QuerySet[Priority]:
        return selectors.priority_list(viewer=self.request.user)

    def get_object(self) -> Priority:
        write = self.request.method not in SAFE_METHODS
        priority = selectors.access_priority(self.request.user, self.kwargs["pk"], write=write)
        self.check_object_permissions(self.request, priority)
        return priority

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        workshop = data.pop("workshop")
        _require_facilitator_of(self.request.user, workshop.location_id)
        serializer.instance = through_service(
            lambda: services.priority_create(workshop=workshop, data=data, acting_user=self.request.user)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        priority = serializer.instance
        assert priority is not None
        self._write(
            serializer,
            lambda data: services.priority_update(priority=priority, data=data, acting_user=self.request.user),
        )

    @extend_schema(summary="Remove a priority", description="Facilitators of the location. Audited.")
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        priority = self.get_object()
        services.priority_delete(priority=priority, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = [
    ("workshops", WorkshopViewSet, "workshop"),
    ("priorities", PriorityViewSet, "priority"),
]
urlpatterns: list[URLPattern] = []
