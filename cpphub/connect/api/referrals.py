"""API of cases, consent, notes and referrals: for caseworkers with a second factor only.

- ``/api/v1/cases/``: the cases of the caller's organisation (filter ``status``,
  ``risk_level``, ``need``); create, read, change; ``{id}/consents/`` (POST)
  records consent; ``{id}/close/`` (POST) closes with an outcome.
- ``/api/v1/referrals/``: the referrals sent by or to the caller's organisation
  (filter ``direction`` incoming|outgoing, ``status``, ``risk``,
  ``overdue=true``); create (case, service, shared_information, message,
  override_reason); ``{id}/{accept|decline|start|complete|revoke}/`` (POST
  with ``reason`` or ``note``); ``{id}/notes/`` (GET, POST).

A record the caller may not see is a 404 (and the attempt is in the access
log); a step the caller may not take on a referral they see is a 403; bad
input is a 400 naming the field. Every read and write is in the access log.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.connect.models import Case, Referral
from cpphub.connect.selectors import access
from cpphub.connect.selectors import referrals as selectors
from cpphub.connect.serializers.referrals import (
    CaseCloseSerializer,
    CaseConsentSerializer,
    CaseNoteSerializer,
    CaseSerializer,
    ReferralSerializer,
    RespondSerializer,
)
from cpphub.connect.services import referrals as services
from cpphub.lib.api import through_service


class Caseworkers(BasePermission):
    message = gettext_lazy("Only caseworkers, signed in with a second factor, work with cases and referrals.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if getattr(view, "kwargs", {}).get("pk") and request.user.is_authenticated:
            return True  # one record: get_object answers 404 and logs the attempt
        return access.can_open_cases(request.user)


def _filters(request: Request, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: request.query_params.get(name) for name in names if request.query_params.get(name)}


class _Logged:
    """One ``list`` entry per list read."""

    request: Any

    def _log_list(self, model: Any, count: int) -> None:
        selectors.log_list(self.request.user, model, "API", count)


@extend_schema_view(
    list=extend_schema(summary="List the cases of your organisation", description="Caseworkers. No one else."),
    retrieve=extend_schema(summary="Read a case", description="Caseworkers of its organisation; 404 otherwise."),
    create=extend_schema(summary="Register a child", description="400 naming the field for an age outside 0-17."),
    partial_update=extend_schema(summary="Change a case"),
)
class CaseViewSet(
    _Logged,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Case.objects.none()
    serializer_class = CaseSerializer
    permission_classes = [Caseworkers]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Case]:
        return selectors.case_list(self.request.user, _filters(self.request, ("status", "risk_level", "need")))

    def get_object(self) -> Case:
        return selectors.access_case(self.request.user, self.kwargs["pk"], reason="API")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        self._log_list(Case, int(response.data.get("count", 0)) if isinstance(response.data, dict) else 0)
        return response

    def perform_create(self, serializer: Any) -> None:
        organisation = selectors.acting_organisation(self.request.user)
        assert organisation is not None  # Caseworkers: the caller is one
        data = dict(serializer.validated_data)
        case = through_service(
            lambda: services.case_create(organisation=organisation, data=data, acting_user=self.request.user)
        )
        serializer.instance = case

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = through_service(
            lambda: services.case_update(case=serializer.instance, data=data, acting_user=self.request.user)
        )

    @extend_schema(request=CaseConsentSerializer, responses={201: CaseConsentSerializer}, summary="Record consent")
    @action(detail=True, methods=["post"], url_path="consents")
    def consents(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        serializer = CaseConsentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        consent = through_service(lambda: services.consent_create(case=case, data=data, acting_user=request.user))
        return Response(CaseConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CaseCloseSerializer, responses={200: CaseSerializer}, summary="Close a case")
    @action(detail=True, methods=["post"], url_path="close")
    def close(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        serializer = CaseCloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        closed = through_service(lambda: services.case_close(case=case, data=data, acting_user=request.user))
        return Response(CaseSerializer(closed, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(
        summary="List your organisation's referrals",
        description="Filter by direction (incoming, outgoing), status, risk, overdue=true.",
    ),
    retrieve=extend_schema(
        summary="Read a referral",
        description="The sending and receiving caseworkers; the receiver sees the shared information only.",
    ),
    create=extend_schema(
        summary="Refer a case to a service",
        description=(
            "Needs a consent covering the service's provider and the information shared; an override_reason "
            "sends without consent in a safeguarding emergency, and is logged."
        ),
    ),
)
class ReferralViewSet(
    _Logged, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    queryset = Referral.objects.none()
    serializer_class = ReferralSerializer
    permission_classes = [Caseworkers]
    http_method_names = ["get", "post", "head", "options"]
    lookup_value_regex = r"\d+"

    def get_permissions(self) -> Any:
        if self.action == "revoke":  # coordinators revoke from the overdue register
            return []
        return super().get_permissions()

    def get_queryset(self) -> QuerySet[Referral]:
        return selectors.referral_list(
            self.request.user, _filters(self.request, ("direction", "status", "risk", "overdue"))
        )

    def get_object(self) -> Referral:
        return selectors.access_referral(self.request.user, self.kwargs["pk"], reason="API")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        self._log_list(Referral, int(response.data.get("count", 0)) if isinstance(response.data, dict) else 0)
        return response

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case = data.pop("case")
        data["override"] = bool(str(data.get("override_reason") or "").strip())
        serializer.instance = through_service(
            lambda: services.referral_send(case=case, data=data, acting_user=self.request.user)
        )

    def _step(self, request: Request, pk: str | None, step: str) -> Response:
        if not request.user.is_authenticated:
            raise PermissionDenied(str(Caseworkers.message))
        referral = selectors.access_referral(request.user, pk, reason=f"API {step}", register=step == "revoke")
        allowed = (
            access.can_revoke(request.user, referral)
            if step == "revoke"
            else access.answers_for(request.user, referral)
        )
        if not allowed:
            raise PermissionDenied(_("You may not do this with this referral."))
        serializer = RespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data.get("reason") or serializer.validated_data.get("note") or ""
        party = access.sends(request.user, referral) or access.receives(request.user, referral)
        organisation = selectors.acting_organisation(request.user, referral=referral) if party else None
        done = through_service(
            lambda: services.referral_respond(
                referral=referral, action=step, text=text, acting_user=request.user, organisation=organisation
            )
        )
        if not party:  # a coordinator: no child's data
            return Response({"id": done.pk, "status": done.status, "revoked_at": done.revoked_at})
        return Response(ReferralSerializer(done, context=self.get_serializer_context()).data)

    @extend_schema(request=RespondSerializer, responses={200: ReferralSerializer}, summary="Accept a referral")
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, pk, "accept")

    @extend_schema(request=RespondSerializer, responses={200: ReferralSerializer}, summary="Decline (reason)")
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, pk, "decline")

    @extend_schema(request=RespondSerializer, responses={200: ReferralSerializer}, summary="Start the service")
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, pk, "start")

    @extend_schema(request=RespondSerializer, responses={200: ReferralSerializer}, summary="Record as done")
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, pk, "complete")

    @extend_schema(
        request=RespondSerializer,
        responses={200: ReferralSerializer},
        summary="Revoke (reason)",
        description="The sending caseworkers, or a coordinator (who gets no child's data back).",
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, pk, "revoke")

    @extend_schema(
        request=CaseNoteSerializer, responses={200: CaseNoteSerializer(many=True)}, summary="Follow-up notes"
    )
    @action(detail=True, methods=["get", "post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        referral = self.get_object()
        if request.method == "POST":
            serializer = CaseNoteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            organisation = selectors.acting_organisation(request.user, referral=referral)
            assert organisation is not None
            note = through_service(
                lambda: services.note_create(
                    case=referral.case,
                    text=serializer.validated_data["text"],
                    organisation=organisation,
                    acting_user=request.user,
                    referral=referral,
                )
            )
            return Response(CaseNoteSerializer(note).data, status=status.HTTP_201_CREATED)
        notes = referral.notes.select_related("author_organisation")
        return Response(CaseNoteSerializer(notes, many=True).data)


ROUTES: list[tuple[str, Any, str]] = [
    ("cases", CaseViewSet, "case"),
    ("referrals", ReferralViewSet, "referral"),
]
urlpatterns: list[URLPattern] = []
