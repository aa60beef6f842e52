"""API of the Create stage: action plans, actions and their progress updates.

- ``/api/v1/action-plans/``: partnership members read; facilitators of the
  location make and change plans. Filter by ``location`` (slug).
- ``/api/v1/actions/``: members read, with the progress updates nested;
  facilitators of the plan's location write. Filter by ``location`` (slug),
  ``plan``, ``status``, ``outcome`` and ``overdue`` (true/false).
- ``/api/v1/progress-updates/``: members read (filter by ``action``);
  facilitators of the action's location add them.

Refusals are 4xx with a reason: 403 naming who may write, 400 naming the
field (an end before the start, a lead partner that is not a partner of the
location, a dropped action without a reason, ...). Nothing is saved then.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.lib.api import through_service
from cpphub.planning.filters.create import ActionFilter, ActionPlanFilter
from cpphub.planning.models import Action, ActionPlan, ProgressUpdate
from cpphub.planning.selectors import create as selectors
from cpphub.planning.selectors.access import can_read_planning, facilitated_location_ids, facilitates
from cpphub.planning.serializers.create import ActionPlanSerializer, ActionSerializer, ProgressUpdateSerializer
from cpphub.planning.services import create as services

NOT_HERE = _("Only facilitators of the location may change its action plans.")


def _require_facilitator_of(user: Any, location: Any) -> None:
    if location is None or not facilitates(user, location):
        raise PermissionDenied(NOT_HERE)


class PlanningReadPermission(BasePermission):
    """Partnership members read; who may write is checked per record by the viewset."""

    message = _("Only partnership members may read action plans.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_planning(request.user)


class _ViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    permission_classes = [PlanningReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    http_method_names = ["get", "post", "head", "options"]
    lookup_value_regex = r"\d+"

    @property
    def writing(self) -> bool:
        return self.request.method not in SAFE_METHODS

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not facilitated_location_ids(request.user):
            raise PermissionDenied(NOT_HERE)
        return super().create(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="List action plans", description="Partnership members. Filter by location slug."),
    retrieve=extend_schema(summary="Read an action plan", description="Partnership members."),
    create=extend_schema(summary="Make an action plan", description="Facilitators of the location. Audited."),
    partial_update=extend_schema(summary="Change an action plan", description="Facilitators of the location."),
)
class ActionPlanViewSet(mixins.UpdateModelMixin, _ViewSet):
    queryset = ActionPlan.objects.none()
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilter
    ordering_fields = ["title", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ActionPlan]:
        return selectors.plan_list(viewer=self.request.user)

    def get_object(self) -> ActionPlan:
        return selectors.access_plan(self.request.user, self.kwargs["pk"], write=self.writing)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        location = data.pop("location")
        _require_facilitator_of(self.request.user, location)
        serializer.instance = through_service(
            lambda: services.plan_create(location=location, data=data, acting_user=self.request.user)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        plan = serializer.instance
        assert plan is not None
        data = dict(serializer.validated_data)
        serializer.instance = through_service(
            lambda: services.plan_update(plan=plan, data=data, acting_user=self.request.user)
        )


@extend_schema_view(
    list=extend_schema(
        summary="List actions",
        description="Partnership members. Filter by location slug, plan, status, outcome, overdue.",
    ),
    retrieve=extend_schema(summary="Read an action", description="With its progress updates."),
    create=extend_schema(
        summary="Add an action",
        description=(
            "Facilitators of the plan's location. 400 when the end precedes the start, the lead partner is not a "
            "partner of the location, or a dropped action gives no reason; nothing is saved."
        ),
    ),
    partial_update=extend_schema(summary="Change an action", description="Facilitators of the plan's location."),
)
class ActionViewSet(mixins.UpdateModelMixin, _ViewSet):
    queryset = Action.objects.none()
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    ordering_fields = ["start", "end", "title", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Action]:
        return selectors.action_list(viewer=self.request.user).prefetch_related("updates")

    def get_object(self) -> Action:
        return selectors.access_action(self.request.user, self.kwargs["pk"], write=self.writing)

    def _reload(self, action: Action) -> Action:
        return selectors.access_action(self.request.user, action.pk)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        _require_facilitator_of(self.request.user, plan.location)
        action = through_service(lambda: services.action_create(plan=plan, data=data, acting_user=self.request.user))
        serializer.instance = self._reload(action)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        action = serializer.instance
        assert action is not None
        data = {key: value for key, value in serializer.validated_data.items() if key != "plan"}
        updated = through_service(
            lambda: services.action_update(action=action, data=data, acting_user=self.request.user)
        )
        serializer.instance = self._reload(updated)


@extend_schema_view(
    list=extend_schema(summary="List progress updates", description="Partnership members. Filter by action id."),
    retrieve=extend_schema(summary="Read a progress update", description="Partnership members."),
    create=extend_schema(summary="Add a progress update", description="Facilitators of the action's location."),
)
class ProgressUpdateViewSet(_ViewSet):
    queryset = ProgressUpdate.objects.none()
    serializer_class = ProgressUpdateSerializer
    ordering_fields = ["date"]

    def get_queryset(self) -> QuerySet[ProgressUpdate]:
        return selectors.progress_list(viewer=self.request.user, filters=self.request.query_params)

    def get_object(self) -> ProgressUpdate:
        return selectors.access_progress(self.request.user, self.kwargs["pk"], write=self.writing)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        action = data.pop("action")
        _require_facilitator_of(self.request.user, action.plan.location_id)
        serializer.instance = through_service(
            lambda: services.progress_create(action=action, data=data, acting_user=self.request.user)
        )


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = [
    ("action-plans", ActionPlanViewSet, "action-plan"),
    ("actions", ActionViewSet, "action"),
    ("progress-updates", ProgressUpdateViewSet, "progress-update"),
]
urlpatterns: list[URLPattern] = []
