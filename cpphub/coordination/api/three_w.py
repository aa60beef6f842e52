"""API of the 3W / 4W: ``/api/v1/3w/``, one row per partner, activity and place (who does what, where, when).

Read-only, for partnership members; paginated. Filter by ``location`` (slug, or ``none`` for national
and partnership-wide activities), ``country`` (ISO code), ``sector`` (code), ``outcome``, ``risk``
(content, contact, conduct, contract), ``partner`` (organisation id), ``status``, ``kind`` and the
period ``start``/``end`` (activities overlapping it). A bad filter value is a 400 naming it.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.coordination.filters.three_w import ThreeWFilterForm
from cpphub.coordination.selectors.access import can_read_coordination
from cpphub.coordination.selectors.three_w import three_w_rows
from cpphub.coordination.serializers.three_w import ThreeWRowSerializer


class MembersRead(BasePermission):
    message = _("Only partnership members may read the 3W.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_coordination(request.user)


FILTERS = [
    OpenApiParameter("location", OpenApiTypes.STR, description="Pilot location slug, or none."),
    OpenApiParameter("country", OpenApiTypes.STR, description="Country ISO code, e.g. TH."),
    OpenApiParameter("sector", OpenApiTypes.STR, description="Sector code of the partner, e.g. ngo."),
    OpenApiParameter("outcome", OpenApiTypes.STR, description="equip, connect or coordinate."),
    OpenApiParameter("risk", OpenApiTypes.STR, description="4Cs risk: content, contact, conduct, contract."),
    OpenApiParameter("partner", OpenApiTypes.INT, description="Organisation id."),
    OpenApiParameter("status", OpenApiTypes.STR, description="planned, under_way, done, dropped or open."),
    OpenApiParameter("kind", OpenApiTypes.STR, description="local, coordinated or commitment."),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Activities active on or after this date."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Activities active on or before this date."),
]


class ThreeWViewSet(viewsets.GenericViewSet):
    permission_classes = [MembersRead]
    serializer_class = ThreeWRowSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        summary="Who does what, where and when",
        description="Partnership members. One row per partner, activity and place; paginated and filterable.",
        parameters=FILTERS,
    )
    def list(self, request: Request) -> Response:
        form = ThreeWFilterForm(request.query_params or None)
        if request.query_params and not form.is_valid():
            raise serializers.ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
        rows = three_w_rows(viewer=request.user, filters=form.filters())
        page = self.paginate_queryset(rows)
        data = ThreeWRowSerializer(page if page is not None else rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = [("3w", ThreeWViewSet, "three-w")]
urlpatterns: list[URLPattern] = []
