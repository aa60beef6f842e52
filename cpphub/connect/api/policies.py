"""API of the per-country referral policies: ``/api/v1/referral-policies/``.

Coordinators with their second factor read and change them; anyone else gets a
403. One entry per country (by ISO code, ``/api/v1/referral-policies/TH/``),
the saved policy or the defaults (``is_default``); a PATCH or PUT saves the
country's own policy. Filter the list by ``country`` (code). Bad input is a 400
naming the field (0 hours, retention under 30 days).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoDenied
from django.http import Http404
from django.urls import URLPattern
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.connect.models import ReferralPolicy
from cpphub.connect.selectors import access
from cpphub.connect.selectors import policies as selectors
from cpphub.connect.serializers.policies import ReferralPolicySerializer
from cpphub.connect.services import policies as services
from cpphub.lib.api import through_service
from cpphub.partnership.models import Country


class ManagesReferrals(BasePermission):
    message = gettext_lazy("Only coordinators, signed in with a second factor, manage the referral policies.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return access.can_manage_referrals(request.user)


@extend_schema_view(
    list=extend_schema(
        summary="List the referral policies of every country",
        description="Coordinators. One entry per country, saved or default. Filter by country (ISO code).",
        parameters=[OpenApiParameter("country", OpenApiTypes.STR, description="ISO code, e.g. TH")],
    ),
    retrieve=extend_schema(summary="Read a country's referral policy", description="Coordinators."),
    update=extend_schema(summary="Set a country's referral policy", description="Coordinators. Audited."),
    partial_update=extend_schema(summary="Change a country's referral policy", description="Coordinators. Audited."),
)
class ReferralPolicyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = ReferralPolicy.objects.none()
    serializer_class = ReferralPolicySerializer
    permission_classes = [ManagesReferrals]
    filter_backends: list[Any] = []
    lookup_field = "country"
    lookup_value_regex = r"[A-Za-z]{2}"

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        policies = selectors.policy_rows(request.user)
        wanted = (request.query_params.get("country") or "").upper()
        if wanted:
            policies = [p for p in policies if p.country.code.upper() == wanted]
        page = self.paginate_queryset(policies)  # type: ignore[arg-type]
        serializer = self.get_serializer(page if page is not None else policies, many=True)
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)

    def get_object(self) -> ReferralPolicy:
        country = Country.objects.filter(code__iexact=self.kwargs["country"]).first()
        if country is None:
            raise Http404
        try:
            return selectors.access_policy(self.request.user, country.pk)
        except DjangoDenied as exc:
            raise PermissionDenied from exc

    def perform_update(self, serializer: Any) -> None:
        policy = serializer.instance
        data = dict(serializer.validated_data)
        if not data and policy.pk is None:
            return
        serializer.instance = through_service(
            lambda: services.policy_set(country=policy.country, data=data, acting_user=self.request.user)
        )


ROUTES: list[tuple[str, Any, str]] = [("referral-policies", ReferralPolicyViewSet, "referral-policy")]
urlpatterns: list[URLPattern] = []
