"""API of the Map stage: imports of submission files (/api/v1/imports/) and row-level submissions.

``/api/v1/submissions/`` lists them.

Both are for the facilitators of the location only. ``POST /api/v1/imports/``
(multipart: ``file``, ``instrument``, optional ``location``, ``session`` and
``column_actions`` as JSON, e.g. ``{"child_name": "drop"}``) imports a small
file at once (201, with the counts) and queues a large one (202, with the job
to follow at ``/api/v1/imports/<id>/``). A bad file is a 400 whose ``detail``
names the row and the column; nothing is stored.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpphub.mapping.models import ImportJob, MappingSession, Submission
from cpphub.mapping.selectors import submissions as selectors
from cpphub.mapping.services.imports import import_progress, import_start
from cpphub.mapping.services.submissions import IdentifyingColumns
from cpphub.mapping.submission_forms import SubmissionFilter


class FacilitatorPermission(BasePermission):
    message = gettext_lazy("Only the facilitators of a location see and import its submissions.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return selectors.can_import(request.user)


class ImportJobSerializer(serializers.ModelSerializer):
    instrument: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    location: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    session: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    processed = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "file_name",
            "instrument",
            "location",
            "session",
            "status",
            "total",
            "processed",
            "created_count",
            "skipped_count",
            "declined_count",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_processed(self, job: ImportJob) -> int:
        return import_progress(job)[0]


class ImportCreateSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Kobo JSON (.json), CSV or XLSX export.")
    instrument = serializers.IntegerField()
    location = serializers.CharField(required=False, help_text="Short name (slug); for a partnership template.")
    session = serializers.IntegerField(required=False)
    column_actions = serializers.CharField(
        required=False, help_text='JSON: what to do with identifying columns, e.g. {"child_name": "drop"}.'
    )

    def validate_column_actions(self, value: str) -> dict[str, str]:
        try:
            actions = json.loads(value) if value else {}
        except ValueError as exc:
            raise serializers.ValidationError(_("column_actions must be a JSON object.")) from exc
        if not isinstance(actions, dict) or not all(isinstance(k, str) for k in actions):
            raise serializers.ValidationError(_("column_actions must be a JSON object."))
        return {str(column): str(action) for column, action in actions.items()}


class SubmissionSerializer(serializers.ModelSerializer):
    instrument: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    location: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    session: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    participant: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "uuid",
            "instrument",
            "location",
            "session",
            "participant",
            "round",
            "perspective",
            "age_band",
            "sex",
            "submitted_at",
            "source",
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.Serializer):
    question = serializers.CharField(help_text="The question's path, e.g. about/age_band.")
    value = serializers.CharField(help_text="Choice names separated by spaces for a multiple choice.")


class SubmissionDetailSerializer(SubmissionSerializer):
    answers = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "answers"]
        read_only_fields = fields

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, submission: Submission) -> list[dict[str, str]]:
        return [
            {"question": path, "value": value}
            for path, value in submission.answers.order_by("question__order", "pk").values_list(
                "question__path", "value"
            )
        ]


@extend_schema_view(
    list=extend_schema(summary="List imports", description="Imports into the locations you facilitate."),
    retrieve=extend_schema(summary="Read an import", description="Its status, progress and counts."),
    create=extend_schema(
        summary="Import a submissions file",
        description=(
            "Multipart upload. Small files (up to 2,000 rows) are imported at once (201); larger ones are queued "
            "(202) and run in the background. A bad file is a 400 naming the row and the column; nothing is "
            "stored. Audited."
        ),
        request={"multipart/form-data": ImportCreateSerializer},
        responses={201: ImportJobSerializer, 202: ImportJobSerializer, 400: OpenApiResponse(description="Bad file.")},
    ),
)
class ImportJobViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [FacilitatorPermission]
    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.none()
    parser_classes = [MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[ImportJob]:
        return selectors.import_job_list(viewer=self.request.user)

    def get_object(self) -> ImportJob:
        return selectors.access_import_job(self.request.user, self.kwargs["pk"])

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = ImportCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        instrument = selectors.access_import_instrument(request.user, data["instrument"])
        locations = selectors.import_locations(request.user, instrument)
        location = instrument.location or locations.filter(slug=data.get("location", "")).first()
        if location is None:
            raise ValidationError({"location": [_("Give the short name of a location you facilitate.")]})
        session = None
        if data.get("session"):
            session = MappingSession.objects.filter(pk=data["session"], location=location).first()
            if session is None:
                raise ValidationError({"session": [_("No such session in this location.")]})
        upload = data["file"]
        try:
            job = import_start(
                instrument=instrument,
                location=location,
                file_name=upload.name or "upload",
                content=upload.read(),
                acting_user=request.user,
                session=session,
                column_actions=data.get("column_actions") or None,
            )
        except IdentifyingColumns as refused:
            raise ValidationError(
                {"detail": [" ".join(message.split()) for message in refused.messages], "columns": refused.columns}
            ) from refused
        except DjangoValidationError as error:
            raise ValidationError({"detail": [" ".join(message.split()) for message in error.messages]}) from error
        code = status.HTTP_201_CREATED if job.status == ImportJob.Status.DONE else status.HTTP_202_ACCEPTED
        return Response(ImportJobSerializer(job).data, status=code)


@extend_schema_view(
    list=extend_schema(
        summary="List submissions",
        description="Row-level submissions of the locations you facilitate, 50 to a page. Everyone else: 403.",
    ),
    retrieve=extend_schema(summary="Read a submission", description="With its answers. Each read is logged."),
)
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [FacilitatorPermission]
    serializer_class = SubmissionSerializer
    queryset = Submission.objects.none()
    filter_backends = [DjangoFilterBackend]
    filterset_class = SubmissionFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Submission]:
        return selectors.submission_list(viewer=self.request.user).order_by("-submitted_at", "-id")

    def get_object(self) -> Submission:
        return selectors.access_submission(self.request.user, self.kwargs["pk"])

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return SubmissionDetailSerializer if self.action == "retrieve" else SubmissionSerializer


ROUTES: list[tuple[str, Any, str]] = [
    ("imports", ImportJobViewSet, "import"),
    ("submissions", SubmissionViewSet, "submission"),
]
urlpatterns: list[URLPattern] = []
