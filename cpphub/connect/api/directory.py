"""API of the service directory.

- ``/api/v1/services/``: everyone reads (anonymous too); filter by ``q``,
  ``category`` (code), ``location`` (pilot location short name), ``language``,
  ``age``, ``status`` (default active; ``all``) and ``provider`` (id). The
  direct line and confidential addresses only for those who may see them.
- ``/api/v1/service-providers/``: everyone reads.

Coordinators write everything; a partner's caseworkers their own
organisation's entries. Anyone else gets a 403 and nothing is stored. Bad
input is a 400 naming the field (a minimum age above the maximum...).
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import URLPattern
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from cpphub.connect.filters.directory import ProviderFilter, ServiceFilter
from cpphub.connect.models import Service, ServiceOrganisation
from cpphub.connect.selectors import access
from cpphub.connect.selectors import directory as selectors
from cpphub.connect.serializers.directory import ServiceProviderSerializer, ServiceSerializer
from cpphub.connect.services import directory as services
from cpphub.lib.api import through_service

WHO_WRITES = gettext_lazy(
    "Only coordinators, and a partner's caseworkers for their own organisation's entries, may change the directory."
)


def keeps_some_entries(user: Any) -> bool:
    """Coordinators, or caseworkers of a partner that has entries in the directory."""
    if access.can_edit_directory(user):
        return True
    orgs = access.caseworker_organisation_ids(user)
    return bool(orgs) and ServiceOrganisation.objects.filter(partner_id__in=orgs).exists()


class _DirectoryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"[0-9a-fA-F-]{36}"


@extend_schema_view(
    list=extend_schema(
        summary="List services",
        description="Public. Filter by q, category, location, language, age, status (default active), provider.",
    ),
    retrieve=extend_schema(summary="Read a service", description="Public; the direct line only for caseworkers."),
    create=extend_schema(summary="Add a service", description="Coordinators; a partner's caseworkers for their own."),
    partial_update=extend_schema(summary="Change a service", description="Those who keep the provider's entries."),
)
class ServiceViewSet(_DirectoryViewSet):
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter

    def get_queryset(self) -> QuerySet:
        return selectors.service_queryset()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.action == "list":
            return ServiceFilter(self.request.query_params, queryset=queryset).qs
        return queryset

    def get_object(self) -> Any:
        service = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and not access.can_edit_directory(
            self.request.user, service.organisation
        ):
            raise PermissionDenied(WHO_WRITES)
        return service

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ServiceFilter(request.query_params, queryset=self.get_queryset()).form
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        return super().list(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not keeps_some_entries(request.user):
            raise PermissionDenied(WHO_WRITES)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        provider = data.pop("organisation")
        if not access.can_edit_directory(self.request.user, provider):
            raise PermissionDenied(WHO_WRITES)
        made = through_service(
            lambda: services.service_create(provider=provider, data=data, acting_user=self.request.user)
        )
        serializer.instance = selectors.service_queryset().get(pk=made.pk)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k != "organisation"}
        updated = through_service(
            lambda: services.service_update(
                service=cast(Service, serializer.instance), data=data, acting_user=self.request.user
            )
        )
        serializer.instance = selectors.service_queryset().get(pk=updated.pk)


@extend_schema_view(
    list=extend_schema(summary="List service providers", description="Public. Filter by q, country, is_active."),
    retrieve=extend_schema(summary="Read a service provider", description="Public."),
    create=extend_schema(summary="Add a service provider", description="Coordinators."),
    partial_update=extend_schema(summary="Change a service provider", description="Those who keep its entries."),
)
class ServiceProviderViewSet(_DirectoryViewSet):
    serializer_class = ServiceProviderSerializer
    filterset_class = ProviderFilter

    def get_queryset(self) -> QuerySet:
        return selectors.provider_queryset()

    def get_object(self) -> Any:
        provider = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and not access.can_edit_directory(
            self.request.user, provider
        ):
            raise PermissionDenied(WHO_WRITES)
        return provider

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not access.can_edit_directory(request.user):
            raise PermissionDenied(WHO_WRITES)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        made = through_service(
            lambda: services.provider_create(data=dict(serializer.validated_data), acting_user=self.request.user)
        )
        serializer.instance = made

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = through_service(
            lambda: services.provider_update(
                provider=cast(ServiceOrganisation, serializer.instance),
                data=dict(serializer.validated_data),
                acting_user=self.request.user,
            )
        )


ROUTES: list[tuple[str, Any, str]] = [
    ("services", ServiceViewSet, "service"),
    ("service-providers", ServiceProviderViewSet, "service-provider"),
]
urlpatterns: list[URLPattern] = []
