"""API of coordinated actions, their contributions and milestones.

- ``/api/v1/coordinated-actions/``: members read, with the contributions and milestones nested (read only);
  coordinators make one (``synergy``: an accepted synergy not yet used); coordinators and those who take
  part (facilitators of its locations, focal points of its countries) change it with PATCH. There is no
  DELETE: an action that will not happen is dropped (status ``dropped`` with a ``status_reason``).
  Filter by ``country`` (ISO code), ``location`` (slug), ``outcome``, ``status``, ``partner`` (id).
- ``/api/v1/contributions/`` and ``/api/v1/milestones/``: members read (filter by ``action``); those who
  may change the action add (POST with ``action``), change (PATCH) and remove (DELETE) them. A milestone
  is done when its ``done_at`` is set.

Refusals are 4xx with a reason: 403 naming who may write, 404 for what does
not exist, 400 naming the field (an end before the start, a negative amount, a
synergy that is not accepted or does not exist, ...). Nothing is saved then.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from cpphub.coordination.api.synergies import CoordinationReadPermission
from cpphub.coordination.filters.actions import CoordinatedActionFilter
from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone
from cpphub.coordination.selectors import actions as selectors
from cpphub.coordination.selectors.access import can_coordinate, can_edit_action
from cpphub.coordination.serializers.actions import (
    ContributionSerializer,
    CoordinatedActionSerializer,
    MilestoneSerializer,
)
from cpphub.coordination.services import actions as services
from cpphub.lib.api import through_service

NOT_COORDINATOR = _("Only coordinators make coordinated actions.")
NOT_TAKING_PART = _("Only coordinators and those who take part in the action may change it.")
ACTION_FILTER = OpenApiParameter("action", int, description="Only those of this coordinated action (id).")


class _ViewSet(viewsets.GenericViewSet):
    permission_classes = [CoordinationReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    lookup_value_regex = r"\d+"

    @property
    def writing(self) -> bool:
        return self.request.method not in SAFE_METHODS


@extend_schema_view(
    list=extend_schema(
        summary="List coordinated actions",
        description="Partnership members. Filter by country (ISO code), location (slug), outcome, status, partner.",
    ),
    retrieve=extend_schema(summary="Read a coordinated action", description="With contributions and milestones."),
    create=extend_schema(
        summary="Make a coordinated action",
        description="Coordinators. With `synergy`, an accepted synergy not yet used: its location, country, local "
        "action and national priority are joined. 400 when the synergy is not accepted or does not exist, the end "
        "comes before the start, or a dropped action gives no reason; nothing is saved.",
    ),
    partial_update=extend_schema(
        summary="Change a coordinated action",
        description="Coordinators and those who take part. Dropping it needs a status_reason.",
    ),
)
class CoordinatedActionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, _ViewSet
):
    queryset = CoordinatedAction.objects.none()
    serializer_class = CoordinatedActionSerializer
    filterset_class = CoordinatedActionFilter
    ordering_fields = ["start", "end", "title", "status", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[CoordinatedAction]:
        return selectors.action_list(viewer=self.request.user)

    def get_object(self) -> CoordinatedAction:
        return selectors.access_action(self.request.user, self.kwargs["pk"], write=self.writing)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not can_coordinate(request.user):
            raise PermissionDenied(NOT_COORDINATOR)
        return super().create(request, *args, **kwargs)

    def _reload(self, action: CoordinatedAction) -> CoordinatedAction:
        return selectors.access_action(self.request.user, action.pk)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        synergy = data.pop("synergy", None)
        action = through_service(
            lambda: services.create_coordinated_action(acting_user=self.request.user, synergy=synergy, **data)
        )
        serializer.instance = self._reload(action)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        action = serializer.instance
        assert action is not None
        data = {k: v for k, v in serializer.validated_data.items() if k != "synergy"}
        updated = through_service(
            lambda: services.update_coordinated_action(action, acting_user=self.request.user, **data)
        )
        serializer.instance = self._reload(updated)


class _PartViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    _ViewSet,
):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not selectors.takes_part_somewhere(request.user):
            raise PermissionDenied(NOT_TAKING_PART)
        return super().create(request, *args, **kwargs)

    def _require_writer(self, action: CoordinatedAction) -> None:
        if not can_edit_action(self.request.user, action):
            raise PermissionDenied(NOT_TAKING_PART)


@extend_schema_view(
    list=extend_schema(summary="List contributions", description="Partnership members.", parameters=[ACTION_FILTER]),
    retrieve=extend_schema(summary="Read a contribution", description="Partnership members."),
    create=extend_schema(
        summary="Add a contribution",
        description="Coordinators and those who take part in the action. 400 for a negative amount.",
    ),
    partial_update=extend_schema(summary="Change a contribution", description="As for adding one."),
    destroy=extend_schema(summary="Remove a contribution", description="As for adding one. Audited."),
)
class ContributionViewSet(_PartViewSet):
    queryset = Contribution.objects.none()
    serializer_class = ContributionSerializer
    ordering_fields = ["id", "amount"]

    def get_queryset(self) -> QuerySet[Contribution]:
        return selectors.contribution_list(viewer=self.request.user, filters=self.request.query_params)

    def get_object(self) -> Contribution:
        return selectors.access_contribution(self.request.user, self.kwargs["pk"], write=self.writing)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        action = data.pop("action")
        self._require_writer(action)
        serializer.instance = through_service(
            lambda: services.add_contribution(action, acting_user=self.request.user, **data)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        contribution = serializer.instance
        assert contribution is not None
        data = {k: v for k, v in serializer.validated_data.items() if k != "action"}
        serializer.instance = through_service(
            lambda: services.update_contribution(contribution, acting_user=self.request.user, **data)
        )

    def perform_destroy(self, instance: Contribution) -> None:
        services.remove_contribution(instance, acting_user=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="List milestones", description="Partnership members.", parameters=[ACTION_FILTER]),
    retrieve=extend_schema(summary="Read a milestone", description="Partnership members."),
    create=extend_schema(summary="Add a milestone", description="Coordinators and those who take part in the action."),
    partial_update=extend_schema(
        summary="Change a milestone", description="As for adding one; set done_at to mark it done."
    ),
    destroy=extend_schema(summary="Remove a milestone", description="As for adding one. Audited."),
)
class MilestoneViewSet(_PartViewSet):
    queryset = Milestone.objects.none()
    serializer_class = MilestoneSerializer
    ordering_fields = ["due", "id"]

    def get_queryset(self) -> QuerySet[Milestone]:
        return selectors.milestone_list(viewer=self.request.user, filters=self.request.query_params)

    def get_object(self) -> Milestone:
        return selectors.access_milestone(self.request.user, self.kwargs["pk"], write=self.writing)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        action = data.pop("action")
        self._require_writer(action)
        with transaction.atomic():
            milestone = through_service(
                lambda: services.add_milestone(
                    action, acting_user=self.request.user, title=data["title"], due=data["due"]
                )
            )
            if data.get("done_at"):
                milestone = services.mark_milestone_done(milestone, acting_user=self.request.user, on=data["done_at"])
        serializer.instance = milestone

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        milestone = serializer.instance
        assert milestone is not None
        data = {k: v for k, v in serializer.validated_data.items() if k != "action"}
        serializer.instance = through_service(
            lambda: services.update_milestone(milestone, acting_user=self.request.user, **data)
        )

    def perform_destroy(self, instance: Milestone) -> None:
        services.remove_milestone(instance, acting_user=self.request.user)


# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = [
    ("coordinated-actions", CoordinatedActionViewSet, "coordinated-action"),
    ("contributions", ContributionViewSet, "contribution"),
    ("milestones", MilestoneViewSet, "milestone"),
]
urlpatterns: list[URLPattern] = []
