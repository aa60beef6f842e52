"""The partnership registry in the REST API: /api/v1/organisations/, countries/, locations/, phases/, contacts/.

The same rules as the pages: partnership members read, coordinators write,
every write goes through the registry's services (and so is audited).
Records are deactivated with ``PATCH {"is_active": false}``; there is no DELETE.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from cpphub.accounts import permissions
from cpphub.partnership import registers
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation
from cpphub.partnership.registers import Register
from cpphub.partnership.serializers import (
    ContactSerializer,
    CountrySerializer,
    LocationSerializer,
    OrganisationSerializer,
    PhaseSerializer,
)


class PartnershipRegistryPermission(BasePermission):
    """Members of the partnership read the registry; coordinators (and superusers) change it."""

    message = _("Partnership members may read the registry; only coordinators may change it.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return permissions.is_member(request.user)
        return permissions.can_manage_partnership(request.user)


def _through_service(write: Callable[[], Model]) -> Model:
    """Run a write service; its validation errors become a 400 naming the fields."""
    try:
        return write()
    except DjangoValidationError as exc:
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        raise serializers.ValidationError(detail) from exc


class _RegisterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    register: ClassVar[Register]
    permission_classes = [PartnershipRegistryPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Any]:
        return self.register.list(viewer=self.request.user)

    def get_object(self) -> Any:
        write = self.request.method not in SAFE_METHODS
        record = self.register.access(self.request.user, self.kwargs["pk"], write=write)
        self.check_object_permissions(self.request, record)
        return record

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data, user = serializer.validated_data, self.request.user
        serializer.instance = _through_service(lambda: self.register.create(data=data, acting_user=user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        record, data, user = serializer.instance, serializer.validated_data, self.request.user
        serializer.instance = _through_service(lambda: self.register.update_record(record, data=data, acting_user=user))


def _documented(plural: str, singular: str) -> Callable[[type], type]:
    """OpenAPI summaries; ``singular`` with its article ("an organisation")."""
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural}",
            description=f"{plural.capitalize()}, filtered and sorted, 50 to a page. Partnership members.",
        ),
        retrieve=extend_schema(summary=f"Read {singular}", description="Partnership members."),
        create=extend_schema(summary=f"Add {singular}", description="Coordinators only. Audited."),
        update=extend_schema(summary=f"Replace {singular}", description="Coordinators only. Audited."),
        partial_update=extend_schema(
            summary=f"Change {singular}",
            description='Coordinators only. Audited. `{"is_active": false}` deactivates, `true` reactivates.',
        ),
    )


@_documented("organisations", "an organisation")
class OrganisationViewSet(_RegisterViewSet):
    register = registers.ORGANISATIONS
    queryset = Organisation.objects.none()  # the model, for the schema; rows come from the selector
    serializer_class = OrganisationSerializer
    filterset_class = registers.ORGANISATIONS.filterset
    ordering_fields = ["name", "acronym", "level", "country__name", "created_at", "updated_at"]


@_documented("countries", "a country")
class CountryViewSet(_RegisterViewSet):
    register = registers.COUNTRIES
    queryset = Country.objects.none()
    serializer_class = CountrySerializer
    filterset_class = registers.COUNTRIES.filterset
    ordering_fields = ["code", "name"]


@_documented("pilot locations", "a pilot location")
class LocationViewSet(_RegisterViewSet):
    register = registers.LOCATIONS
    queryset = PilotLocation.objects.none()
    serializer_class = LocationSerializer
    filterset_class = registers.LOCATIONS.filterset
    ordering_fields = ["name", "slug", "stage", "country__name", "created_at", "updated_at"]


@_documented("programme phases", "a programme phase")
class PhaseViewSet(_RegisterViewSet):
    register = registers.PHASES
    queryset = Phase.objects.none()
    serializer_class = PhaseSerializer
    filterset_class = registers.PHASES.filterset
    ordering_fields = ["name", "kind", "start_date", "end_date"]


@_documented("contacts", "a contact")
class ContactViewSet(_RegisterViewSet):
    register = registers.CONTACTS
    queryset = Contact.objects.none()
    serializer_class = ContactSerializer
    filterset_class = registers.CONTACTS.filterset
    ordering_fields = ["full_name", "organisation__name", "created_at", "updated_at"]
