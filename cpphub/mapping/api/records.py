"""API of the Map stage's records: mapping sessions, participant groups, participants, consents, findings.

- ``/api/v1/mapping-sessions/`` and ``/api/v1/participant-groups/``: partnership
  members read (a group's ``size`` is null unless you facilitate the location);
  facilitators of the location write.
- ``/api/v1/participants/`` and ``/api/v1/consents/``: research data, only the
  facilitators of the location. Anyone else gets an **empty list** on the
  list and **404** on a record, as if it did not exist. Every read of a
  participant or consent record is written to the access log.
- ``/api/v1/findings/``: members read (withdrawn findings left out);
  facilitators of the location write. Filter by ``location`` slug, ``kind``,
  ``carried_forward`` and the taxonomy codes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from cpphub.lib.api import through_service
from cpphub.mapping.api.instruments import MappingReadPermission
from cpphub.mapping.filters import FindingFilter, ParticipantFilter, SessionFilter
from cpphub.mapping.models import Consent, Finding, MappingSession, Participant, ParticipantGroup
from cpphub.mapping.selectors import records as selectors
from cpphub.mapping.selectors.access import facilitated_location_ids, facilitates
from cpphub.mapping.serializers import (
    ConsentSerializer,
    FindingSerializer,
    GroupSerializer,
    ParticipantSerializer,
    SessionSerializer,
)
from cpphub.mapping.services import findings as finding_services
from cpphub.mapping.services import people

NOT_HERE = _("Only facilitators of the location may change its mapping records.")


def _require_facilitator_of(user: Any, location: Any) -> None:
    if location is None or not facilitates(user, location):
        raise PermissionDenied(NOT_HERE)


class _RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [MappingReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"

    def _write(self, serializer: serializers.BaseSerializer, write: Callable[[dict[str, Any]], Any]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = through_service(lambda: write(data))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not facilitated_location_ids(request.user):
            raise PermissionDenied(NOT_HERE)
        return super().create(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="List mapping sessions", description="Partnership members."),
    retrieve=extend_schema(summary="Read a mapping session", description="Group sizes only for its facilitators."),
    create=extend_schema(summary="Add a mapping session", description="Facilitators of the location. Audited."),
    partial_update=extend_schema(summary="Change a mapping session", description="Facilitators of the location."),
)
class SessionViewSet(_RecordViewSet):
    queryset = MappingSession.objects.none()
    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ["date", "round", "title"]

    def get_queryset(self) -> QuerySet[MappingSession]:
        return selectors.session_list(viewer=self.request.user).prefetch_related("groups__session", "facilitators")

    def get_object(self) -> MappingSession:
        return selectors.access_session(self.request.user, self.kwargs["pk"], write=self.request.method == "PATCH")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        _require_facilitator_of(self.request.user, serializer.validated_data.get("location"))
        self._write(serializer, lambda data: people.session_create(data=data, acting_user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        session = serializer.instance
        assert session is not None
        self._write(
            serializer, lambda data: people.session_update(session=session, data=data, acting_user=self.request.user)
        )


@extend_schema_view(
    list=extend_schema(summary="List participant groups", description="Members; `size` null unless you facilitate."),
    retrieve=extend_schema(summary="Read a participant group", description="Members; `size` as in the list."),
    create=extend_schema(summary="Add a participant group", description="Facilitators of the session's location."),
    partial_update=extend_schema(summary="Change a participant group", description="Facilitators of the location."),
)
class GroupViewSet(_RecordViewSet):
    queryset = ParticipantGroup.objects.none()
    serializer_class = GroupSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[ParticipantGroup]:
        return selectors.group_list(viewer=self.request.user, filters=self.request.query_params).select_related(
            "session"
        )

    def get_object(self) -> ParticipantGroup:
        from rest_framework.permissions import SAFE_METHODS

        write = self.request.method not in SAFE_METHODS
        return selectors.access_group(self.request.user, self.kwargs["pk"], write=write)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        session = data.pop("session")
        _require_facilitator_of(self.request.user, session.location_id)
        serializer.instance = through_service(
            lambda: people.group_create(session=session, data=data, acting_user=self.request.user)
        )

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        group = serializer.instance
        assert group is not None
        self._write(serializer, lambda data: people.group_update(group=group, data=data, acting_user=self.request.user))

    @extend_schema(summary="Remove a participant group", description="Facilitators of the location. Audited.")
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        group = self.get_object()
        people.group_delete(group=group, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="List participants",
        description="The participants of the locations you facilitate; an empty list for everyone else.",
    ),
    retrieve=extend_schema(
        summary="Read a participant", description="Facilitators of the location; 404 for anyone else. Logged."
    ),
    create=extend_schema(summary="Add a participant", description="Facilitators of the location. A card code only."),
    partial_update=extend_schema(summary="Change a participant", description="Facilitators of the location."),
)
class ParticipantViewSet(_RecordViewSet):
    queryset = Participant.objects.none()
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    ordering_fields = ["code", "created_at"]

    def get_queryset(self) -> QuerySet[Participant]:
        return selectors.participant_list(viewer=self.request.user)

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        return selectors.with_consent_status(page) if page is not None else None

    def get_object(self) -> Participant:
        return selectors.access_participant(self.request.user, self.kwargs["pk"])

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        _require_facilitator_of(self.request.user, serializer.validated_data.get("location"))
        self._write(serializer, lambda data: people.participant_create(data=data, acting_user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        participant = serializer.instance
        assert participant is not None
        self._write(
            serializer,
            lambda data: people.participant_update(participant=participant, data=data, acting_user=self.request.user),
        )
        selectors.with_consent_status([serializer.instance])  # type: ignore[list-item]


@extend_schema_view(
    list=extend_schema(
        summary="List consents", description="Of the locations you facilitate; an empty list for everyone else."
    ),
    retrieve=extend_schema(summary="Read a consent", description="Facilitators of the location; 404 otherwise."),
    create=extend_schema(summary="Record consent or assent", description="Facilitators of the location. Audited."),
)
class ConsentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    queryset = Consent.objects.none()
    serializer_class = ConsentSerializer
    permission_classes = [MappingReadPermission]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Consent]:
        return selectors.consent_list(viewer=self.request.user, filters=self.request.query_params)

    def get_object(self) -> Consent:
        return selectors.access_consent(self.request.user, self.kwargs["pk"])

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        serializer = super().get_serializer(*args, **kwargs)
        if hasattr(serializer, "fields") and "participant" in serializer.fields:
            serializer.fields["participant"].queryset = Participant.objects.filter(
                location_id__in=facilitated_location_ids(self.request.user)
            )
        return serializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not facilitated_location_ids(request.user):
            raise PermissionDenied(NOT_HERE)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        participant = data.pop("participant")
        serializer.instance = through_service(
            lambda: people.consent_record(participant=participant, data=data, acting_user=self.request.user)
        )


@extend_schema_view(
    list=extend_schema(summary="List findings", description="Partnership members; withdrawn findings left out."),
    retrieve=extend_schema(summary="Read a finding", description="Partnership members."),
    create=extend_schema(
        summary="Add a finding",
        description="Facilitators of the location. A quote holding a name, phone, email or handle is refused.",
    ),
    partial_update=extend_schema(summary="Change a finding", description="Facilitators of the location. Audited."),
)
class FindingViewSet(_RecordViewSet):
    queryset = Finding.objects.none()
    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    ordering_fields = ["created_at", "severity"]

    def get_queryset(self) -> QuerySet[Finding]:
        return selectors.finding_list(viewer=self.request.user)

    def get_object(self) -> Finding:
        return selectors.access_finding(self.request.user, self.kwargs["pk"], write=self.request.method == "PATCH")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        _require_facilitator_of(self.request.user, serializer.validated_data.get("location"))
        self._write(serializer, lambda data: finding_services.finding_create(data=data, acting_user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        finding = serializer.instance
        assert finding is not None
        self._write(
            serializer,
            lambda data: finding_services.finding_update(finding=finding, data=data, acting_user=self.request.user),
        )


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = [
    ("mapping-sessions", SessionViewSet, "mapping-session"),
    ("participant-groups", GroupViewSet, "participant-group"),
    ("participants", ParticipantViewSet, "participant"),
    ("consents", ConsentViewSet, "consent"),
    ("findings", FindingViewSet, "finding"),
]
urlpatterns: list[URLPattern] = []
