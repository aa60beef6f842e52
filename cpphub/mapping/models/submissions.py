"""Answers to instruments (research data, class B) and the counts kept up to date from them.

Submissions and answers are row-level research data: only the facilitators of
their location see them. Everyone else sees the ``MapCount`` aggregates, and
only through the small-cell suppression engine.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models.people import AgeBand, Participant, Perspective, Sex
from cpphub.mapping.suppression import DEFAULT_THRESHOLD, MIN_THRESHOLD


class MappingSettings(models.Model):
    """The partnership's settings for publishing mapping data (a single row)."""

    threshold = models.PositiveSmallIntegerField(
        _("small-cell threshold"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(100)],
        help_text=_("Counts from 1 up to one less than this number are never published. At least 5."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("mapping settings")
        verbose_name_plural = _("mapping settings")

    def __str__(self) -> str:
        return str(_("Mapping settings"))


class ImportJob(models.Model):
    """An import of a submissions file, run in the background with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    instrument = models.ForeignKey(
        "mapping.Instrument", on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("instrument")
    )
    location = models.ForeignKey(
        "partnership.PilotLocation", on_delete=models.PROTECT, related_name="+", verbose_name=_("pilot location")
    )
    session = models.ForeignKey(
        "mapping.MappingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("session"),
    )
    file_name = models.CharField(_("file"), max_length=255)
    file_path = models.CharField(_("stored file"), max_length=500, blank=True)
    column_actions = models.JSONField(
        _("identifier columns"),
        default=dict,
        blank=True,
        help_text=_("What to do with each column that looks identifying: pseudonymise or drop."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows read"), default=0)
    created_count = models.PositiveIntegerField(_("added"), default=0)
    skipped_count = models.PositiveIntegerField(_("already there"), default=0)
    declined_count = models.PositiveIntegerField(_("without consent"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else (100 if self.status == "done" else 0)


class Submission(models.Model):
    """One filled-in instrument: who answered (pseudonymous), when, where, from which source."""

    class Source(models.TextChoices):
        KOBO_JSON = "kobo_json", _("KoboToolbox / ODK JSON")
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("XLSX")
        WEB = "web", _("Paper form entered on the web")

    uuid = models.CharField(_("submission id"), max_length=64, unique=True)
    instrument = models.ForeignKey(
        "mapping.Instrument", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("instrument")
    )
    location = models.ForeignKey(
        "partnership.PilotLocation", on_delete=models.PROTECT, related_name="+", verbose_name=_("pilot location")
    )
    session = models.ForeignKey(
        "mapping.MappingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("session"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("participant"),
    )
    round = models.PositiveSmallIntegerField(_("mapping round"), default=1)
    perspective = models.CharField(_("perspective"), max_length=16, choices=Perspective.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    job = models.ForeignKey(
        ImportJob,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("import"),
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["location", "instrument"], name="mapping_sub_location_instr")]

    def __str__(self) -> str:
        return self.uuid


class Answer(models.Model):
    """One answer of a submission; a multiple choice keeps its choice names separated by spaces, as XLSForm does."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="answers", verbose_name=_("submission")
    )
    question = models.ForeignKey(
        "mapping.Question", on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.TextField(_("value"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}"


class MapCount(models.Model):
    """How many submissions report a code, per location, round, perspective, age band and sex.

    ``key`` is ``risk:<dimension>:<row>``, ``strength:<code>``, ``ict:<tag>``,
    ``channel:<code>``, ``item:<question id>:<choice name>`` or ``respondents``.
    Kept up to date by the services that add or remove submissions, so the map
    never scans answers.
    """

    location = models.ForeignKey(
        "partnership.PilotLocation", on_delete=models.CASCADE, related_name="+", verbose_name=_("pilot location")
    )
    instrument = models.ForeignKey(
        "mapping.Instrument", on_delete=models.CASCADE, related_name="counts", verbose_name=_("instrument")
    )
    round = models.PositiveSmallIntegerField(_("mapping round"))
    perspective = models.CharField(_("perspective"), max_length=16, choices=Perspective.choices)
    age_band = models.CharField(_("age band"), max_length=8, blank=True)
    sex = models.CharField(_("sex"), max_length=16, blank=True)
    key = models.CharField(_("key"), max_length=300)
    n = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("count")
        verbose_name_plural = _("counts")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "instrument", "round", "perspective", "age_band", "sex", "key"],
                name="mapping_count_unique_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.n}"
