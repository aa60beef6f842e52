"""Qualitative findings coded by facilitators from focus groups, interviews and visits."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models.instruments import Tagged
from cpphub.mapping.models.people import AgeBand, InformantRole, Perspective, Sex


class Finding(Tagged):
    """A risk or a strength as participants described it, coded to the taxonomy.

    The quote is stored only after identifiers are removed (the service refuses
    one that still looks like a name, phone number or email).
    """

    class Kind(models.TextChoices):
        RISK = "risk", _("Risk")
        STRENGTH = "strength", _("Strength")

    class Severity(models.IntegerChoices):
        LOW = 1, _("Low")
        MODERATE = 2, _("Moderate")
        HIGH = 3, _("High")
        SEVERE = 4, _("Severe")

    location = models.ForeignKey(
        "partnership.PilotLocation", on_delete=models.PROTECT, related_name="findings", verbose_name=_("pilot location")
    )
    session = models.ForeignKey(
        "mapping.MappingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("risk or strength"), max_length=16, choices=Kind.choices)
    summary = models.CharField(_("finding"), max_length=300)
    source_type = models.CharField(
        _("source"),
        max_length=32,
        choices=[
            ("focus_group", _("Focus group")),
            ("key_informant_interview", _("Key-informant interview")),
            ("community_visit", _("Community visit")),
            ("social_mapping", _("Social mapping")),
            ("survey", _("Survey")),
        ],
    )
    perspective = models.CharField(_("whose view"), max_length=16, choices=Perspective.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, blank=True)
    informant_role = models.CharField(_("informant role"), max_length=32, choices=InformantRole.choices, blank=True)
    quote = models.TextField(_("quote (identifiers removed)"), blank=True)
    severity = models.PositiveSmallIntegerField(
        _("severity"),
        choices=Severity.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    participants = models.ManyToManyField(
        "mapping.Participant", blank=True, related_name="findings", verbose_name=_("participants quoted")
    )
    carried_forward = models.BooleanField(
        _("carried forward to planning"), default=False, help_text=_("Brought to the planning workshop.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coded by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.summary

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.RISK and self.strength:
            raise ValidationError({"strength": ValidationError(_("A risk has no strength code."), code="invalid")})
        if self.kind == self.Kind.STRENGTH and not self.strength:
            raise ValidationError({"strength": ValidationError(_("Choose the strength."), code="required")})
        if self.kind == self.Kind.RISK and not self.risk_dimension:
            raise ValidationError(
                {"risk_dimension": ValidationError(_("Choose which of the 4Cs the risk is."), code="required")}
            )
