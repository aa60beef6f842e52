"""The directory through the Open Referral HSDS 3.0 API (public, read-only, never confidential).

Paths and answers follow the HSDS API specification (``openapi.json`` of HSDS
3.0): no trailing slash; lists paginated as ``{total_items, total_pages,
page_number, size, first_page, last_page, empty, contents}`` with ``page``
and ``per_page``; services filtered by ``search``, ``taxonomy_term_id`` and
``organization_id``. ``/api/v1/hsds/`` tells the version.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.connect.selectors import hsds as selectors

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
UUID = "<uuid:pk>"

PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("per_page", OpenApiTypes.INT, description=f"Items per page, at most {MAX_PER_PAGE}."),
    OpenApiParameter("search", OpenApiTypes.STR, description="Text in the name or description."),
]


def _positive(request: Request, name: str, default: int, highest: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValidationError({name: "Give a whole number."}) from exc
    if value < 1 or (highest is not None and value > highest):
        raise ValidationError({name: f"Give a number from 1 to {highest}." if highest else "Give a number from 1."})
    return value


def paginated(request: Request, queryset: QuerySet, to_object: Callable[[Any], dict[str, Any]]) -> Response:
    page = _positive(request, "page", 1)
    size = _positive(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    total = queryset.count()
    pages = max(1, math.ceil(total / size))
    items = list(queryset[(page - 1) * size : page * size])
    return Response(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": size,
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": not items,
            "contents": [to_object(item) for item in items],
        }
    )


class _Public(APIView):
    permission_classes = [AllowAny]


class HsdsRootView(_Public):
    @extend_schema(
        operation_id="hsds_meta",
        summary="HSDS API version",
        description="Public.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": selectors.VERSION,
                "profile": selectors.PROFILE,
                "openapi_url": request.build_absolute_uri("/api/v1/schema/"),
            }
        )


class HsdsServicesView(_Public):
    @extend_schema(
        operation_id="hsds_services_list",
        summary="HSDS services",
        description="Public; never confidential.",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("taxonomy_term_id", OpenApiTypes.STR, description="A category's term id or code."),
            OpenApiParameter("organization_id", OpenApiTypes.UUID),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        organization = request.query_params.get("organization_id", "")
        if organization:
            try:
                uuid.UUID(organization)
            except ValueError as exc:
                raise ValidationError({"organization_id": "Give an organization id (a UUID)."}) from exc
        queryset = selectors.search_services(
            selectors.services().select_related("organisation"),
            search=request.query_params.get("search", "").strip(),
            taxonomy_term_id=request.query_params.get("taxonomy_term_id", "").strip(),
            organization_id=organization,
        )
        return paginated(request, queryset, selectors.service_object)


class HsdsServiceView(_Public):
    @extend_schema(
        operation_id="hsds_service_read",
        summary="An HSDS service",
        description="Public; never confidential.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, pk: Any) -> Response:
        return Response(selectors.service_object(get_object_or_404(selectors.services(), pk=pk)))


class HsdsOrganizationsView(_Public):
    @extend_schema(
        operation_id="hsds_organizations_list",
        summary="HSDS organizations",
        description="Public; never confidential.",
        parameters=PAGE_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.organizations()
        search = request.query_params.get("search", "").strip()
        if search:
            queryset = queryset.filter(Q(name__icontains=search) | Q(description__icontains=search))
        return paginated(request, queryset, selectors.organization_object)


class HsdsOrganizationView(_Public):
    @extend_schema(
        operation_id="hsds_organization_read",
        summary="An HSDS organization",
        description="Public; never confidential.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, pk: Any) -> Response:
        return Response(selectors.organization_object(get_object_or_404(selectors.organizations(), pk=pk)))


class HsdsServiceAtLocationsView(_Public):
    @extend_schema(
        operation_id="hsds_service_at_locations_list",
        summary="HSDS services at locations",
        description="Public; never confidential.",
        parameters=[
            *PAGE_PARAMETERS,
            OpenApiParameter("taxonomy_term_id", OpenApiTypes.STR),
            OpenApiParameter("organization_id", OpenApiTypes.UUID),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.service_at_locations()
        search = request.query_params.get("search", "").strip()
        if search:
            queryset = queryset.filter(Q(service__name__icontains=search) | Q(location__name__icontains=search))
        term = request.query_params.get("taxonomy_term_id", "").strip()
        if term:
            code = selectors.category_codes_by_term_id().get(term, term)
            queryset = queryset.filter(service__categories__code=code).distinct()
        organization = request.query_params.get("organization_id", "").strip()
        if organization:
            try:
                queryset = queryset.filter(service__organisation_id=uuid.UUID(organization))
            except ValueError as exc:
                raise ValidationError({"organization_id": "Give an organization id (a UUID)."}) from exc
        return paginated(request, queryset, selectors.service_at_location_object)


class HsdsServiceAtLocationView(_Public):
    @extend_schema(
        operation_id="hsds_service_at_location_read",
        summary="An HSDS service at a location",
        description="Public; never confidential.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request, pk: Any) -> Response:
        link = get_object_or_404(selectors.service_at_locations(), pk=pk)
        return Response(selectors.service_at_location_object(link))


ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = [
    path("hsds/", HsdsRootView.as_view(), name="hsds-root"),
    path("hsds/services", HsdsServicesView.as_view(), name="hsds-services"),
    path(f"hsds/services/{UUID}", HsdsServiceView.as_view(), name="hsds-service"),
    path("hsds/organizations", HsdsOrganizationsView.as_view(), name="hsds-organizations"),
    path(f"hsds/organizations/{UUID}", HsdsOrganizationView.as_view(), name="hsds-organization"),
    path("hsds/service_at_locations", HsdsServiceAtLocationsView.as_view(), name="hsds-service-at-locations"),
    path(f"hsds/service_at_locations/{UUID}", HsdsServiceAtLocationView.as_view(), name="hsds-service-at-location"),
]
