"""The referral numbers in the REST API: /api/v1/referral-numbers/ (suppressed aggregates only).

Every number is ``{"value": 42, "suppressed": false}`` or, when withheld to
protect children, ``{"value": null, "suppressed": true, "reason": "primary"}``.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ParseError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.connect.selectors import numbers as selectors
from cpphub.connect.selectors.access import can_read_numbers
from cpphub.connect.serializers.numbers import ReferralNumbersSerializer


class NumbersReaderPermission(BasePermission):
    message = _("Partnership members may read the referral numbers.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_numbers(request.user)


class ReferralNumbersView(APIView):
    permission_classes = [NumbersReaderPermission]

    @extend_schema(
        summary="The numbers of referrals",
        description=(
            "Referrals made, accepted and completed, the median days from identification to first service and "
            "the share answered within the deadline, by pilot location, sex and age band. Suppressed like every "
            "aggregate: a withheld number is null with suppressed=true, never a number. Partnership members."
        ),
        parameters=[
            OpenApiParameter("location", OpenApiTypes.STR, description="Location slug; empty: all locations."),
            OpenApiParameter("country", OpenApiTypes.STR, description="ISO country code; empty: all countries."),
            OpenApiParameter("sent_from", OpenApiTypes.DATE, description="Referrals sent on or after this day."),
            OpenApiParameter("sent_to", OpenApiTypes.DATE, description="Referrals sent on or before this day."),
        ],
        responses={200: ReferralNumbersSerializer, 400: OpenApiResponse(description="A parameter is wrong.")},
    )
    def get(self, request: Request) -> Response:
        try:
            params = selectors.numbers_params(request.query_params)
        except selectors.BadParams as exc:
            raise ParseError(str(exc)) from exc
        numbers = selectors.referral_numbers(viewer=request.user, params=params)
        return Response(selectors.numbers_dict(numbers))


ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = [
    path("referral-numbers/", ReferralNumbersView.as_view(), name="referral_numbers"),
]
