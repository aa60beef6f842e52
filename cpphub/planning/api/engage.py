"""API of the Engage stage: stakeholders, engagements and their follow-ups.

- ``/api/v1/stakeholders/``: partnership members read (active ones unless
  ``status=inactive`` or ``status=all``; filter by ``location`` slug,
  ``sector`` code, ``quadrant``, ``search``); facilitators of the location
  add (POST) and change (PATCH) them. A name already used in the location, or
  a power or interest outside 1-5, is a 400 naming the field.
- ``/api/v1/engagements/``: members read, with their follow-ups nested;
  facilitators of the location write. Filter by ``location``, ``kind``,
  ``date_from``, ``date_to``, ``overdue``.
- ``/api/v1/follow-ups/``: members read; facilitators of the engagement's
  location add them and mark them done (PATCH ``done_at``). Filter by
  ``location``, ``engagement``, ``overdue``, ``done``.

Someone who may not write gets 403 with the reason; a record that does not
exist, 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Model, Prefetch, QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.lib.api import through_service
from cpphub.planning.filters.engage import EngagementFilter, FollowUpFilter, StakeholderFilter
from cpphub.planning.models import Engagement, FollowUp, Stakeholder
from cpphub.planning.selectors import engage as selectors
from cpphub.planning.selectors.access import can_read_planning, facilitated_location_ids, facilitates
from cpphub.planning.serializers.engage import EngagementSerializer, FollowUpSerializer, StakeholderSerializer
from cpphub.planning.services import engage as services

NOT_HERE = _("Only facilitators of the location may change its stakeholders, engagements and follow-ups.")


class PlanningReadPermission(BasePermission):
    """Partnership members read; who may write is checked per record by the viewset."""

    message = _("Only partnership members may read the planning records.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_planning(request.user)


def _require_facilitator_of(user: Any, location: Any) -> None:
    if location is None or not facilitates(user, location):
        raise PermissionDenied(NOT_HERE)


class _EngageViewSet(
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
    access: Callable[..., Model]

    def get_object(self) -> Any:
        write = self.request.method == "PATCH"
        try:
            return type(self).access(self.request.user, self.kwargs["pk"], write=write)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(NOT_HERE) from exc

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not facilitated_location_ids(request.user):
            raise PermissionDenied(NOT_HERE)
        return super().create(request, *args, **kwargs)

    def _write(self, serializer: serializers.BaseSerializer, write: Callable[[dict[str, Any]], Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = through_service(lambda: write(data))


@extend_schema_view(
    list=extend_schema(
        summary="List stakeholders",
        description="Partnership members. Active ones unless `status` is `inactive` or `all`.",
    ),
    retrieve=extend_schema(summary="Read a stakeholder", description="Partnership members."),
    create=extend_schema(
        summary="Add a stakeholder",
        description="Facilitators of the location. Name unique in the location; power and interest 1-5. Audited.",
    ),
    partial_update=extend_schema(
        summary="Change a stakeholder",
        description="Facilitators of the location; its location stays. `is_active: false` deactivates. Audited.",
    ),
)
class StakeholderViewSet(_EngageViewSet):
    queryset = Stakeholder.objects.none()
    serializer_class = StakeholderSerializer
    filterset_class = StakeholderFilter
    ordering_fields = ["name", "power", "interest", "created_at"]
    access = staticmethod(selectors.access_stakeholder)

    def get_queryset(self) -> QuerySet[Stakeholder]:
        # No filters here: the filter backend applies StakeholderFilter (active only by default) once.
        return selectors.stakeholder_list(viewer=self.request.user, filters=None)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        _require_facilitator_of(self.request.user, serializer.validated_data.get("location"))
        self._write(serializer, lambda data: services.stakeholder_create(data=data, acting_user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        stakeholder = serializer.instance
        assert stakeholder is not None
        self._write(
            serializer,
            lambda data: services.stakeholder_update(stakeholder=stakeholder, data=data, acting_user=self.request.user),
        )


@extend_schema_view(
    list=extend_schema(summary="List engagements", description="Partnership members; follow-ups nested."),
    retrieve=extend_schema(summary="Read an engagement", description="Partnership members; follow-ups nested."),
    create=extend_schema(
        summary="Record an engagement",
        description="Facilitators of the location; stakeholders must be of the same location. Audited.",
    ),
    partial_update=extend_schema(summary="Change an engagement", description="Facilitators of the location."),
)
class EngagementViewSet(_EngageViewSet):
    queryset = Engagement.objects.none()
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilter
    ordering_fields = ["date", "title", "created_at"]
    access = staticmethod(selectors.access_engagement)

    def get_queryset(self) -> QuerySet[Engagement]:
        return selectors.engagement_list(viewer=self.request.user).prefetch_related(
            Prefetch("stakeholders", queryset=Stakeholder.objects.only("id")),
            "sectors",
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_date", "id")),
        )

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        _require_facilitator_of(self.request.user, serializer.validated_data.get("location"))
        self._write(serializer, lambda data: services.engagement_create(data=data, acting_user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        engagement = serializer.instance
        assert engagement is not None
        self._write(
            serializer,
            lambda data: services.engagement_update(engagement=engagement, data=data, acting_user=self.request.user),
        )


@extend_schema_view(
    list=extend_schema(summary="List follow-ups", description="Partnership members; `is_overdue` flags late ones."),
    retrieve=extend_schema(summary="Read a follow-up", description="Partnership members."),
    create=extend_schema(summary="Add a follow-up", description="Facilitators of the engagement's location."),
    partial_update=extend_schema(
        summary="Change a follow-up", description="Facilitators of the location; set `done_at` to mark it done."
    ),
)
class FollowUpViewSet(_EngageViewSet):
    queryset = FollowUp.objects.none()
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter
    ordering_fields = ["due_date", "done_at"]
    access = staticmethod(selectors.access_follow_up)

    def get_queryset(self) -> QuerySet[FollowUp]:
        return selectors.follow_up_list(viewer=self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        engagement = data.pop("engagement")
        _require_facilitator_of(self.request.user, engagement.location_id)
        serializer.instance = through_service(
            lambda: services.follow_up_create(engagement=engagement, data=data, acting_user=self.request.user)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        follow_up = serializer.instance
        assert follow_up is not None
        data = {key: value for key, value in serializer.validated_data.items() if key != "engagement"}
        serializer.instance = through_service(
            lambda: services.follow_up_update(follow_up=follow_up, data=data, acting_user=self.request.user)
        )


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = [
    ("stakeholders", StakeholderViewSet, "stakeholder"),
    ("engagements", EngagementViewSet, "engagement"),
    ("follow-ups", FollowUpViewSet, "follow-up"),
]
urlpatterns: list[URLPattern] = []
