"""A country's self-assessment against the Model National Response.

Each assessment keeps the framework version it was made against and the
names of its four maturity phases, so a later change of either leaves old
assessments readable. Details are seen by the country's own focal points and
coordinators only; everyone else sees aggregates (``selectors/mnr.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.national.mnr import CAPABILITY_CHOICES, CURRENT_FRAMEWORK, FRAMEWORK_VERSIONS, GAP_BELOW, PHASE_CHOICES


class MnrAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    country = models.ForeignKey(
        "partnership.Country", on_delete=models.PROTECT, related_name="mnr_assessments", verbose_name=_("country")
    )
    title = models.CharField(_("title"), max_length=200)
    assessed_on = models.DateField(_("assessed on"))
    framework_version = models.CharField(
        _("framework version"), max_length=8, choices=FRAMEWORK_VERSIONS, default=CURRENT_FRAMEWORK
    )
    phase_labels = models.JSONField(
        _("names of the four phases"),
        default=list,
        blank=True,
        help_text=_("Leave empty for the framework's own names: Building, Developing, Established, Maturity."),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("MNR assessment")
        verbose_name_plural = _("MNR assessments")
        ordering = ["country", "-assessed_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        labels = self.phase_labels or []
        if labels and (len(labels) != 4 or not all(isinstance(x, str) and x.strip() for x in labels)):
            raise ValidationError({"phase_labels": _("Give four phase names, or none for the framework's own.")})


class MnrRating(models.Model):
    """The maturity of one capability in one assessment, with its evidence and the partners holding it."""

    assessment = models.ForeignKey(
        MnrAssessment, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("assessment")
    )
    capability = models.PositiveSmallIntegerField(
        _("capability"), choices=CAPABILITY_CHOICES, validators=[MinValueValidator(1), MaxValueValidator(21)]
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"),
        choices=PHASE_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Empty while not yet assessed."),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    partners = models.ManyToManyField(
        "partnership.Organisation", blank=True, related_name="+", verbose_name=_("partners holding it")
    )

    class Meta:
        verbose_name = _("MNR rating")
        verbose_name_plural = _("MNR ratings")
        ordering = ["assessment", "capability"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "capability"], name="mnr_rating_once_per_capability"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.get_capability_display()}"

    @property
    def is_gap(self) -> bool:
        return self.phase is None or self.phase < GAP_BELOW
