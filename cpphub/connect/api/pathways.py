"""API of the referral pathways: ``/api/v1/pathways/``.

Everyone reads published pathways, members drafts too (404 for any other);
filter by ``location`` (slug) and ``need``. The location's facilitators and
coordinators create, change and delete pathways: anyone else gets a 403 for a
pathway they can see, and nothing is stored. Bad input is a 400 naming the
field (``steps`` for an inactive service or two steps with one number).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoDenied
from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.connect.filters.pathways import PathwayFilter
from cpphub.connect.models import Pathway
from cpphub.connect.selectors import access
from cpphub.connect.selectors import pathways as selectors
from cpphub.connect.serializers.pathways import PathwaySerializer
from cpphub.connect.services import pathways as services
from cpphub.lib.api import through_service

WHO_WRITES = gettext_lazy("Only the location's facilitators and coordinators may change its pathways.")


class PathwayPermission(BasePermission):
    """Anyone reads (the queryset hides what one may not see); writers are checked per location."""

    message = WHO_WRITES

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_authenticated)


@extend_schema_view(
    list=extend_schema(
        summary="List referral pathways",
        description="Public: published pathways; members see drafts too. Filter by location (slug) and need.",
    ),
    retrieve=extend_schema(summary="Read a referral pathway with its steps", description="Public if published."),
    create=extend_schema(
        summary="Make a referral pathway",
        description=(
            "The location's facilitators and coordinators; 403 for anyone else. The steps are given as a list "
            "and numbered in the order of their ``order``. 400 naming the field; nothing is saved. Audited."
        ),
    ),
    update=extend_schema(
        summary="Replace a referral pathway", description="The location's facilitators and coordinators."
    ),
    partial_update=extend_schema(
        summary="Change a referral pathway",
        description="The location's facilitators and coordinators. ``steps``, when given, replace the steps.",
    ),
    destroy=extend_schema(
        summary="Delete a referral pathway", description="The location's facilitators and coordinators."
    ),
)
class PathwayViewSet(viewsets.ModelViewSet):
    queryset = Pathway.objects.none()
    serializer_class = PathwaySerializer
    permission_classes = [PathwayPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = PathwayFilter
    ordering_fields = ["need", "location__name", "updated_at"]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Pathway]:
        return selectors.pathway_list(viewer=self.request.user).prefetch_related("steps__service")

    def get_object(self) -> Pathway:
        writing = self.request.method not in SAFE_METHODS
        try:
            return selectors.access_pathway(self.request.user, self.kwargs["pk"], write=writing)
        except DjangoDenied as exc:
            raise PermissionDenied(WHO_WRITES) from exc

    def _reload(self, pathway: Pathway) -> Pathway:
        return selectors.access_pathway(self.request.user, pathway.pk)

    @staticmethod
    def _steps(data: dict[str, Any]) -> list[dict[str, Any]] | None:
        steps = data.pop("steps", None)
        return None if steps is None else [dict(step) for step in steps]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not access.can_edit_any_pathway(request.user):
            raise PermissionDenied(WHO_WRITES)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        if not access.can_edit_pathway(self.request.user, data["location"]):
            raise PermissionDenied(WHO_WRITES)
        steps = self._steps(data) or []
        pathway = through_service(
            lambda: services.pathway_create(data=data, steps=steps, acting_user=self.request.user)
        )
        serializer.instance = self._reload(pathway)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        pathway: Pathway = serializer.instance  # type: ignore[assignment]
        data = dict(serializer.validated_data)
        data.pop("location", None)
        steps = self._steps(data)
        if steps is None and not serializer.partial:
            steps = []
        updated = through_service(
            lambda: services.pathway_update(pathway=pathway, data=data, steps=steps, acting_user=self.request.user)
        )
        serializer.instance = self._reload(updated)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.pathway_delete(pathway=self.get_object(), acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


ROUTES: list[tuple[str, Any, str]] = [("pathways", PathwayViewSet, "pathway")]
urlpatterns: list[URLPattern] = []
