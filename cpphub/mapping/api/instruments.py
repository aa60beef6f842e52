"""API of the Map stage: instruments (/api/v1/instruments/) and their tags (/api/v1/questions/, /api/v1/choices/).

Partnership members read instruments, with their questions, choices and tags
in the detail. An XLSForm is uploaded (multipart, ``file`` and ``location``)
by facilitators of that location, or by coordinators as a partnership
template (no ``location``); a form pyxform refuses is a 400 with pyxform's
message, and nothing is saved. A question's or choice's tags are changed with
PATCH by whoever may change its instrument.
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
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.lib.api import through_service
from cpphub.mapping.filters import InstrumentFilter
from cpphub.mapping.models import Choice, Instrument, Question
from cpphub.mapping.selectors import records as selectors
from cpphub.mapping.selectors.access import can_manage_templates, can_read_mapping, facilitates
from cpphub.mapping.serializers import (
    ChoiceSerializer,
    InstrumentDetailSerializer,
    InstrumentSerializer,
    InstrumentUploadSerializer,
    QuestionSerializer,
    TagSerializer,
)
from cpphub.mapping.services.instruments import instrument_import, instrument_tag


class MappingReadPermission(BasePermission):
    """Partnership members read; who may write is checked per record by the viewset."""

    message = _("Only partnership members may read the mapping.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return can_read_mapping(request.user)


@extend_schema_view(
    list=extend_schema(summary="List instruments", description="Partnership members. Filter by location slug."),
    retrieve=extend_schema(summary="Read an instrument", description="With its questions, choices and their tags."),
    create=extend_schema(
        summary="Import an XLSForm",
        description=(
            "Multipart upload of `file` (.xlsx, .xls, .csv) and `location` (slug). Facilitators of the location; "
            "coordinators without `location` for a partnership template. 400 with pyxform's message when the "
            "form is refused; nothing is saved."
        ),
        request={"multipart/form-data": InstrumentUploadSerializer},
        responses={201: InstrumentDetailSerializer},
    ),
)
class InstrumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    queryset = Instrument.objects.none()
    permission_classes = [MappingReadPermission]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = InstrumentFilter
    ordering_fields = ["title", "created_at"]
    parser_classes = [MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "retrieve":
            return InstrumentDetailSerializer
        if self.action == "create":
            return InstrumentUploadSerializer
        return InstrumentSerializer

    def get_queryset(self) -> QuerySet[Instrument]:
        return selectors.instrument_list(viewer=self.request.user)

    def get_object(self) -> Instrument:
        instrument = selectors.access_instrument(self.request.user, self.kwargs["pk"])
        return (
            Instrument.objects.select_related("location").prefetch_related("questions__choices").get(pk=instrument.pk)
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not selectors.can_import_instruments(request.user):
            raise PermissionDenied(_("Only facilitators (for their locations) and coordinators import instruments."))
        upload = InstrumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        location = upload.validated_data.get("location")
        if location is None and not can_manage_templates(request.user):
            raise serializers.ValidationError(
                {"location": [_("Give the location: only coordinators import partnership templates.")]}
            )
        if location is not None and not facilitates(request.user, location):
            raise serializers.ValidationError(
                {"location": [_("You may import instruments only to the locations you facilitate.")]}
            )
        file = upload.validated_data["file"]
        instrument = through_service(
            lambda: instrument_import(
                file_name=file.name, content=file.read(), location=location, acting_user=request.user
            )
        )
        body = InstrumentDetailSerializer(instrument, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


class _TagViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    permission_classes = [MappingReadPermission]
    http_method_names = ["get", "patch", "head", "options"]
    lookup_value_regex = r"\d+"
    access: Callable[..., Any]

    def get_object(self) -> Any:
        write = self.request.method not in SAFE_METHODS
        return type(self).access(self.request.user, self.kwargs["pk"], write=write)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        tags = TagSerializer(data=request.data)
        tags.is_valid(raise_exception=True)
        data = dict(tags.validated_data)
        updated = through_service(lambda: instrument_tag(question_or_choice=item, acting_user=request.user, **data))
        return Response(self.get_serializer(updated).data)


@extend_schema_view(
    retrieve=extend_schema(summary="Read a question", description="Partnership members."),
    partial_update=extend_schema(
        summary="Tag a question",
        description="Facilitators of the instrument's location (coordinators for templates). Audited.",
        request=TagSerializer,
    ),
)
class QuestionViewSet(_TagViewSet):
    queryset = Question.objects.none()
    serializer_class = QuestionSerializer
    access = staticmethod(selectors.access_question)


@extend_schema_view(
    retrieve=extend_schema(summary="Read a choice", description="Partnership members."),
    partial_update=extend_schema(
        summary="Tag a choice",
        description="Facilitators of the instrument's location (coordinators for templates). Audited.",
        request=TagSerializer,
    ),
)
class ChoiceViewSet(_TagViewSet):
    queryset = Choice.objects.none()
    serializer_class = ChoiceSerializer
    access = staticmethod(selectors.access_choice)


# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = [
    ("instruments", InstrumentViewSet, "instrument"),
    ("questions", QuestionViewSet, "question"),
    ("choices", ChoiceViewSet, "choice"),
]
urlpatterns: list[URLPattern] = []
