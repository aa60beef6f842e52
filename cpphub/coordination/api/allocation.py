"""API of the allocation: resources, capacities, need profiles and the optimiser's runs.

- ``/api/v1/resource-types/``, ``/api/v1/capacities/``, ``/api/v1/need-profiles/``: partnership
  members read; coordinators write (through the audited services).
- ``/api/v1/allocations/``: members read the runs; a coordinator's POST solves the current
  capacities and needs with optional ``title``, ``pins`` [{partner, action, resource, amount?}],
  ``forbids`` [{partner, action}] and ``parent``, and answers **201** with the run. When the pins
  cannot all hold, the run is kept with status ``infeasible`` and ``result.problems`` says why (still
  201: the solve happened and is recorded; nothing was allocated). Pins or forbids naming a partner,
  action or resource the scenario does not hold are a **400** naming ``pins`` or ``forbids``.
- ``POST /api/v1/allocations/{id}/accept/``: a coordinator makes a proposed run the current,
  dated version (the previous one is superseded); 400 when the run is not a proposal.

Refusals are 4xx with a reason: 403 for members who may not write, 400 naming the field.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.coordination.allocation import Forbid, Pin
from cpphub.coordination.filters.allocation import (
    AllocationRunFilter,
    CapacityFilter,
    NeedProfileFilter,
    ResourceTypeFilter,
)
from cpphub.coordination.models import AllocationRun, NeedProfile, PartnerCapacity, ResourceType
from cpphub.coordination.selectors import allocation as selectors
from cpphub.coordination.selectors.access import can_coordinate, can_read_coordination
from cpphub.coordination.serializers.allocation import (
    AllocationRequestSerializer,
    AllocationRunDetailSerializer,
    AllocationRunSerializer,
    CapacitySerializer,
    NeedProfileSerializer,
    ResourceTypeSerializer,
)
from cpphub.coordination.services import allocation as services
from cpphub.lib.api import through_service


class MembersReadCoordinatorsWrite(BasePermission):
    """Partnership members read; coordinators write."""

    message = _("Partnership members read the allocation; only coordinators change it.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return can_read_coordination(request.user)
        return can_coordinate(request.user)


class _ViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    permission_classes = [MembersReadCoordinatorsWrite]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]


@extend_schema_view(
    list=extend_schema(summary="List resource types", description="Partnership members. Filter by kind, is_active."),
    retrieve=extend_schema(summary="Read a resource type", description="Partnership members."),
    create=extend_schema(summary="Add a resource type", description="Coordinators. Audited."),
    partial_update=extend_schema(summary="Change a resource type", description="Coordinators; the key stays."),
)
class ResourceTypeViewSet(mixins.UpdateModelMixin, _ViewSet):
    queryset = ResourceType.objects.none()
    serializer_class = ResourceTypeSerializer
    filterset_class = ResourceTypeFilter
    ordering_fields = ["name", "kind", "key"]

    def get_queryset(self) -> QuerySet[ResourceType]:
        selectors.access_allocation(self.request.user)
        return selectors.resource_types()

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = through_service(
            lambda: services.resource_type_create(data=data, acting_user=self.request.user)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        resource = serializer.instance
        assert resource is not None
        data = dict(serializer.validated_data)
        serializer.instance = through_service(
            lambda: services.resource_type_update(resource=resource, data=data, acting_user=self.request.user)
        )


@extend_schema_view(
    list=extend_schema(
        summary="List partners' capacities", description="Partnership members. Filter by organisation (id), resource."
    ),
    retrieve=extend_schema(summary="Read a capacity", description="Partnership members."),
    create=extend_schema(
        summary="Record a capacity",
        description="Coordinators. One per partner and resource: 400 when the partner has that resource already.",
    ),
    partial_update=extend_schema(summary="Change a capacity", description="Coordinators: amount and note."),
    destroy=extend_schema(summary="Remove a capacity", description="Coordinators. Audited."),
)
class CapacityViewSet(mixins.UpdateModelMixin, mixins.DestroyModelMixin, _ViewSet):
    queryset = PartnerCapacity.objects.none()
    serializer_class = CapacitySerializer
    filterset_class = CapacityFilter
    ordering_fields = ["amount"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[PartnerCapacity]:
        return selectors.capacity_list(viewer=self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        if PartnerCapacity.objects.filter(organisation=data["organisation"], resource=data["resource"]).exists():
            raise serializers.ValidationError(
                {"resource": [_("This partner has a capacity of this resource already: change that one.")]}
            )
        serializer.instance = through_service(
            lambda: services.capacity_set(
                organisation=data["organisation"],
                resource=data["resource"],
                amount=data["amount"],
                note=data.get("note", ""),
                acting_user=self.request.user,
            )
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        capacity = serializer.instance
        assert capacity is not None
        data = dict(serializer.validated_data)
        serializer.instance = through_service(
            lambda: services.capacity_set(
                organisation=capacity.organisation,
                resource=capacity.resource,
                amount=data.get("amount", capacity.amount),
                note=data.get("note", capacity.note),
                acting_user=self.request.user,
            )
        )

    def perform_destroy(self, instance: PartnerCapacity) -> None:
        services.capacity_delete(capacity=instance, acting_user=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List need profiles",
        description="Partnership members. Each with its optimiser key, region and expected benefit. Filter by kind.",
    ),
    retrieve=extend_schema(summary="Read a need profile", description="Partnership members."),
    create=extend_schema(
        summary="Record an action's needs",
        description="Coordinators. Name exactly one of local_action, commitment, coordinated_action.",
    ),
    partial_update=extend_schema(
        summary="Change an action's needs", description="Coordinators. Needs not named keep their amount."
    ),
)
class NeedProfileViewSet(mixins.UpdateModelMixin, _ViewSet):
    queryset = NeedProfile.objects.none()
    serializer_class = NeedProfileSerializer
    filterset_class = NeedProfileFilter

    def get_queryset(self) -> QuerySet[NeedProfile]:
        return selectors.need_profile_list(viewer=self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "settings": selectors.allocation_settings()}

    def _save(self, serializer: serializers.BaseSerializer, action_record: Any) -> None:
        data = dict(serializer.validated_data)
        needs = {item["resource"]: item["amount"] for item in data.pop("needs", [])}
        profile = through_service(
            lambda: services.need_profile_save(
                action=action_record, data=data, needs=needs, acting_user=self.request.user
            )
        )
        serializer.instance = selectors.access_need_profile(self.request.user, profile.pk)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = serializer.validated_data
        action_record = data.get("local_action") or data.get("commitment") or data.get("coordinated_action")
        self._save(serializer, action_record)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        profile = serializer.instance
        assert profile is not None
        self._save(serializer, profile.action)


@extend_schema_view(
    list=extend_schema(
        summary="List the optimiser's runs",
        description="Partnership members: proposals, accepted versions, superseded and infeasible runs.",
    ),
    retrieve=extend_schema(
        summary="Read a run", description="With its pins, forbids, scenario and result (reasons as sentences)."
    ),
    create=extend_schema(
        summary="Run the optimiser",
        description=(
            "Coordinators. Solves the current capacities and needs with the pins and forbids given. 201 with the "
            "run; an infeasible one (pins that cannot all hold) is 201 too, with status infeasible and "
            "result.problems. 400 for pins or forbids naming unknown partners, actions or resources."
        ),
        request=AllocationRequestSerializer,
        responses={201: AllocationRunDetailSerializer},
    ),
    accept=extend_schema(
        summary="Accept a proposal",
        description=(
            "Coordinators. The run becomes the next version; the current one is superseded. 400 unless proposed."
        ),
        request=None,
        responses={200: AllocationRunDetailSerializer},
    ),
)
class AllocationViewSet(_ViewSet):
    queryset = AllocationRun.objects.none()
    filterset_class = AllocationRunFilter
    ordering_fields = ["created_at", "objective", "version"]

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "list":
            return AllocationRunSerializer
        if self.action == "create" and self.request.method == "POST":
            return AllocationRequestSerializer
        return AllocationRunDetailSerializer

    def get_queryset(self) -> QuerySet[AllocationRun]:
        return selectors.run_list(viewer=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = AllocationRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        run = through_service(
            lambda: services.run_allocation(
                acting_user=request.user,
                pins=[Pin(**pin) for pin in data.get("pins", [])],
                forbids=[Forbid(**forbid) for forbid in data.get("forbids", [])],
                parent=data.get("parent"),
                title=data.get("title", ""),
            )
        )
        answer = AllocationRunDetailSerializer(run, context=self.get_serializer_context())
        return Response(answer.data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="accept", url_name="accept")
    def accept(self, request: Request, pk: Any = None) -> Response:
        run = selectors.access_run(request.user, pk, write=True)
        accepted = through_service(lambda: services.accept_allocation(run, acting_user=request.user))
        return Response(AllocationRunDetailSerializer(accepted, context=self.get_serializer_context()).data)


# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = [
    ("resource-types", ResourceTypeViewSet, "resource-type"),
    ("capacities", CapacityViewSet, "capacity"),
    ("need-profiles", NeedProfileViewSet, "need-profile"),
    ("allocations", AllocationViewSet, "allocation"),
]
urlpatterns: list[URLPattern] = []
