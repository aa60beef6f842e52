"""The partnership registry in the REST API: /api/v1/organisations/, countries/, locations/, phases/, contacts/.

The same rules as the pages: partnership members read, coordinators write,
every write goes through the registry's services (and so is audited).
Records are deactivated with ``PATCH {"is_active": false}``; there is no DELETE.

A record is read with its version in the ``ETag`` header (and as ``version``
in the body). A change sent with that version, in ``If-Match`` or as
``version`` in the body, is refused with 412 Precondition Failed, changing
nothing, if someone else changed the record since; a change without either
is applied to whatever is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.http import quote_etag
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import APIException, ParseError
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.accounts import permissions
from cpphub.lib.api import through_service
from cpphub.partnership import registers
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation
from cpphub.partnership.registers import Register
from cpphub.partnership.serializers import (
    ContactSerializer,
    CountrySerializer,
    EditConflictSerializer,
    LocationSerializer,
    OrganisationSerializer,
    PhaseSerializer,
)
from cpphub.partnership.versions import EditConflict


class PartnershipRegistryPermission(BasePermission):
    """Members of the partnership read the registry; coordinators (and superusers) change it."""

    message = _("Partnership members may read the registry; only coordinators may change it.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return permissions.is_member(request.user)
        return permissions.can_manage_partnership(request.user)


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record has changed since the version this change was made from.")
    default_code = "precondition_failed"


def _if_match(request: Request) -> str | None:
    """The version named by ``If-Match``; None without the header or with ``*`` (any version)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if len(tags) != 1:
        raise ParseError(_("If-Match takes one version, as the ETag header gave it, or *."))
    # A weak tag (W/"...") is left as it is: it never matches, as RFC 9110 wants.
    tag = tags[0]
    return tag[1:-1] if len(tag) >= 2 and tag[0] == tag[-1] == '"' else tag


def _expected_version(request: Request) -> str | None:
    """The version a change is made from (If-Match, or ``version`` in the body); None: from any version."""
    header = _if_match(request)
    body = request.data.get("version") if isinstance(request.data, Mapping) else None
    body = str(body) if body not in (None, "") else None
    if header and body and header != body:
        raise PreconditionFailed(_("The If-Match header and the version in the body name different versions."))
    return header or body


def _tagged(response: Response, version: str) -> Response:
    response["ETag"] = quote_etag(version)
    return response


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
        serializer.instance = through_service(lambda: self.register.create(data=data, acting_user=user))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        return _tagged(response, response.data["version"])

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """PUT and PATCH; a change from another version than the stored one is a 412 that changes nothing."""
        try:
            response = super().update(request, *args, **kwargs)
        except EditConflict as conflict:
            advice = gettext("Nothing was changed. Read the record again, then send your change with its version.")
            body = {
                "detail": f"{conflict.message} {advice}",
                "version": conflict.version,
                "changed_fields": conflict.fields,
            }
            return _tagged(Response(body, status=status.HTTP_412_PRECONDITION_FAILED), conflict.version)
        return _tagged(response, response.data["version"])

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        record, data, user = serializer.instance, serializer.validated_data, self.request.user
        version = _expected_version(self.request)
        serializer.instance = through_service(
            lambda: self.register.update_record(record, data=data, version=version, acting_user=user)
        )


def _etag(*statuses: int) -> OpenApiParameter:
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=list(statuses),
        description="The version of the record as stored now, quoted; the same as `version` in the body.",
    )


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "The ETag of the record as read. The change is refused (412) if the record has changed since; "
        "without If-Match (or `version` in the body) it is applied to whatever is stored. "
        "`*` or no header: any version."
    ),
)
CONFLICT = OpenApiResponse(
    EditConflictSerializer,
    description="The record was changed since the version in If-Match or `version`; nothing was changed.",
)
CONDITIONAL = (
    " Send the version read (ETag) in If-Match, or as `version` in the body, "
    "to have the change refused (412) if the record has changed since."
)


def _documented(plural: str, singular: str) -> Callable[[type[_RegisterViewSet]], type[_RegisterViewSet]]:
    """OpenAPI summaries; ``singular`` with its article ("an organisation")."""

    def document(viewset: type[_RegisterViewSet]) -> type[_RegisterViewSet]:
        written = {200: viewset.serializer_class, 412: CONFLICT}
        return extend_schema_view(
            list=extend_schema(
                summary=f"List {plural}",
                description=f"{plural.capitalize()}, filtered and sorted, 50 to a page. Partnership members.",
            ),
            retrieve=extend_schema(
                summary=f"Read {singular}", description="Partnership members.", parameters=[_etag(200)]
            ),
            create=extend_schema(summary=f"Add {singular}", description="Coordinators only. Audited."),
            update=extend_schema(
                summary=f"Replace {singular}",
                description="Coordinators only. Audited." + CONDITIONAL,
                parameters=[IF_MATCH, _etag(200, 412)],
                responses=written,
            ),
            partial_update=extend_schema(
                summary=f"Change {singular}",
                description='Coordinators only. Audited. `{"is_active": false}` deactivates, `true` reactivates.'
                + CONDITIONAL,
                parameters=[IF_MATCH, _etag(200, 412)],
                responses=written,
            ),
        )(viewset)

    return document


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
