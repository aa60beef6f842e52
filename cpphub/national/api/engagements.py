"""API of the national engagement work: meetings and what they yielded.

- ``/api/v1/national-engagements/``: roundtables and bilaterals. Filter by
  ``country`` (ISO code), ``kind``, ``date_from``, ``date_to``, ``search``.
- ``/api/v1/national-priorities/``, ``/api/v1/national-strengths/``,
  ``/api/v1/commitments/``: filter by ``country``, ``mnr_capability``,
  ``risk``, ``target_group``, ``outcome``, ``engagement`` and ``status``
  (priorities: open, addressed, ...; commitments: open, overdue, done) or
  ``kind`` (strengths).
- ``/api/v1/expectations/``: filter by ``country`` and ``engagement``.

Partnership members read everything. The national focal points of the
record's country and coordinators write; anyone else gets a 403 naming who may
write, and nothing is stored. Bad input is a 400 naming the field (a meeting of
another country, a partner from elsewhere, an unknown code).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.lib.api import through_service
from cpphub.national.filters.engagements import (
    CommitmentFilter,
    EngagementFilter,
    ExpectationFilter,
    PriorityFilter,
    StrengthFilter,
)
from cpphub.national.models import Commitment, Expectation, NationalEngagement, NationalPriority, NationalStrength
from cpphub.national.selectors import engagements as selectors
from cpphub.national.selectors.access import can_read_national, can_write_any_national, can_write_national
from cpphub.national.serializers.engagements import (
    CommitmentSerializer,
    ExpectationSerializer,
    NationalEngagementSerializer,
    NationalPrioritySerializer,
    NationalStrengthSerializer,
)
from cpphub.national.services import engagements as services

WHO_WRITES = gettext_lazy("Only the national focal points of the country and coordinators may change its records.")


def require_writer_of(user: Any, country: Any) -> None:
    if country is None or not can_write_national(user, country):
        raise PermissionDenied(
            _("Only the national focal points of {country} and coordinators may record its national work.").format(
                country=country
            )
        )


class NationalReadPermission(BasePermission):
    """Partnership members read; who may write is checked per record and country by the viewset."""

    message = gettext_lazy("Only partnership members may read national records.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_national(request.user)


class CountryRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read for members; create and change through the services for the country's focal points and coordinators."""

    permission_classes = [NationalReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = r"\d+"
    # Set by each viewset: list and access selectors, and the create/update services.
    list_selector: Callable[..., QuerySet] = staticmethod(lambda **kwargs: QuerySet())  # type: ignore[assignment]
    access: Callable[..., Any] = staticmethod(lambda *args, **kwargs: None)
    create_service: Callable[..., Any] = staticmethod(lambda **kwargs: None)
    update_service: Callable[..., Any] = staticmethod(lambda **kwargs: None)
    record_argument = ""

    @property
    def writing(self) -> bool:
        return self.request.method not in SAFE_METHODS

    def get_queryset(self) -> QuerySet:
        return type(self).list_selector(viewer=self.request.user)

    def get_object(self) -> Any:
        return type(self).access(self.request.user, self.kwargs["pk"], write=self.writing)

    def _reload(self, record: Any) -> Any:
        return type(self).access(self.request.user, record.pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not can_write_any_national(request.user):
            raise PermissionDenied(WHO_WRITES)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = dict(serializer.validated_data)
        country = data.pop("country")
        require_writer_of(self.request.user, country)
        record = through_service(
            lambda: type(self).create_service(country=country, data=data, acting_user=self.request.user)
        )
        serializer.instance = self._reload(record)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        record = serializer.instance
        data = {key: value for key, value in serializer.validated_data.items() if key != "country"}
        updated = through_service(
            lambda: type(self).update_service(
                **{self.record_argument: record}, data=data, acting_user=self.request.user
            )
        )
        serializer.instance = self._reload(updated)


def _docs(plural: str, filters: str) -> Any:
    return extend_schema_view(
        list=extend_schema(summary=f"List {plural}", description=f"Partnership members. Filter by {filters}."),
        retrieve=extend_schema(summary=f"Read one of the {plural}", description="Partnership members."),
        create=extend_schema(
            summary=f"Record one of the {plural}",
            description=(
                "National focal points of the country and coordinators; 403 for anyone else (also for a focal "
                "point recording for another country). 400 naming the field for a meeting of another country, a "
                "partner from elsewhere or an unknown code; nothing is saved. Audited."
            ),
        ),
        partial_update=extend_schema(
            summary=f"Change one of the {plural}",
            description="National focal points of the record's country and coordinators. The country stays.",
        ),
    )


@_docs("national engagements", "country code, kind, date_from, date_to, search")
class NationalEngagementViewSet(CountryRecordViewSet):
    queryset = NationalEngagement.objects.none()
    serializer_class = NationalEngagementSerializer
    filterset_class = EngagementFilter
    ordering_fields = ["date", "title"]
    list_selector = staticmethod(selectors.engagement_list)
    access = staticmethod(selectors.access_engagement)
    create_service = staticmethod(services.engagement_create)
    update_service = staticmethod(services.engagement_update)
    record_argument = "engagement"


@_docs("national priorities", "country code, mnr_capability, risk, target_group, outcome, status, engagement")
class NationalPriorityViewSet(CountryRecordViewSet):
    queryset = NationalPriority.objects.none()
    serializer_class = NationalPrioritySerializer
    filterset_class = PriorityFilter
    ordering_fields = ["importance", "title", "created_at"]
    list_selector = staticmethod(selectors.priority_list)
    access = staticmethod(selectors.access_priority)
    create_service = staticmethod(services.priority_create)
    update_service = staticmethod(services.priority_update)
    record_argument = "priority"


@_docs("national strengths", "country code, mnr_capability, risk, target_group, outcome, kind, engagement")
class NationalStrengthViewSet(CountryRecordViewSet):
    queryset = NationalStrength.objects.none()
    serializer_class = NationalStrengthSerializer
    filterset_class = StrengthFilter
    ordering_fields = ["kind", "title", "created_at"]
    list_selector = staticmethod(selectors.strength_list)
    access = staticmethod(selectors.access_strength)
    create_service = staticmethod(services.strength_create)
    update_service = staticmethod(services.strength_update)
    record_argument = "strength"


@_docs("expectations", "country code, engagement")
class ExpectationViewSet(CountryRecordViewSet):
    queryset = Expectation.objects.none()
    serializer_class = ExpectationSerializer
    filterset_class = ExpectationFilter
    ordering_fields = ["created_at"]
    list_selector = staticmethod(selectors.expectation_list)
    access = staticmethod(selectors.access_expectation)
    create_service = staticmethod(services.expectation_create)
    update_service = staticmethod(services.expectation_update)
    record_argument = "expectation"


@_docs("commitments", "country code, mnr_capability, risk, target_group, outcome, status (open/overdue/done)")
class CommitmentViewSet(CountryRecordViewSet):
    queryset = Commitment.objects.none()
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering_fields = ["due_date", "title", "created_at"]
    list_selector = staticmethod(selectors.commitment_list)
    access = staticmethod(selectors.access_commitment)
    create_service = staticmethod(services.commitment_create)
    update_service = staticmethod(services.commitment_update)
    record_argument = "commitment"


# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = [
    ("national-engagements", NationalEngagementViewSet, "national-engagement"),
    ("national-priorities", NationalPriorityViewSet, "national-priority"),
    ("national-strengths", NationalStrengthViewSet, "national-strength"),
    ("expectations", ExpectationViewSet, "expectation"),
    ("commitments", CommitmentViewSet, "commitment"),
]
urlpatterns: list[URLPattern] = []
