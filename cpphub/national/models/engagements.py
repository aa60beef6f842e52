"""Roundtables and bilaterals with national partners, and what they yielded.

A meeting records its structured outcomes: the partners' priorities (with the
MNR capability and the 4Cs risks they concern), their strengths, what they
expect of the partnership, and commitments with owners and due dates.
Priorities, strengths and commitments may also be recorded outside a meeting,
so each carries its country itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.national.mnr import CAPABILITY_CHOICES
from cpphub.planning.models import Outcome


class NationalEngagement(models.Model):
    """A roundtable or a bilateral meeting with national partners."""

    class Kind(models.TextChoices):
        ROUNDTABLE = "roundtable", _("Roundtable")
        BILATERAL = "bilateral", _("Bilateral meeting")

    country = models.ForeignKey(
        "partnership.Country", on_delete=models.PROTECT, related_name="national_engagements", verbose_name=_("country")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("subject"), max_length=200)
    organisations = models.ManyToManyField(
        "partnership.Organisation", related_name="national_engagements", verbose_name=_("organisations")
    )
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Names and roles of the people present, one per line.")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("national engagement")
        verbose_name_plural = _("national engagements")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"


class CountryRecord(models.Model):
    """What every structured outcome shares: the country, the meeting it came from and the partner it belongs to."""

    country = models.ForeignKey(
        "partnership.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    engagement = models.ForeignKey(
        NationalEngagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting"),
        help_text=_("The roundtable or bilateral where it was recorded, if any."),
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.engagement is not None and self.country_id and self.engagement.country_id != self.country_id:
            raise ValidationError({"engagement": _("The meeting was held in another country.")})


class Focus(models.Model):
    """What a priority, strength or commitment is about: MNR capability, 4Cs risks, ICT risks, groups, outcome."""

    mnr_capability = models.PositiveSmallIntegerField(
        _("MNR capability"), choices=CAPABILITY_CHOICES, null=True, blank=True, validators=[MaxValueValidator(21)]
    )
    risks = models.JSONField(_("4Cs risks"), default=list, blank=True)
    ict_tags = models.JSONField(_("online harms"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)

    class Meta:
        abstract = True


class NationalPriority(CountryRecord, Focus):
    """What a national partner wants to achieve."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ADDRESSED = "addressed", _("Being addressed")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    title = models.CharField(_("priority"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (low) to 5 (highest)."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = _("national priority")
        verbose_name_plural = _("national priorities")
        ordering = ["country", "-importance", "title"]

    def __str__(self) -> str:
        return self.title


class NationalStrength(CountryRecord, Focus):
    """What a national partner brings: a capability, staff, a budget line, a legal power, data it holds."""

    class Kind(models.TextChoices):
        CAPABILITY = "capability", _("Capability")
        STAFF = "staff", _("Staff")
        BUDGET = "budget", _("Budget line")
        LEGAL_POWER = "legal_power", _("Legal power")
        DATA = "data", _("Data it holds")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("strength"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. THB per year, staff, cases"))

    class Meta:
        verbose_name = _("national strength")
        verbose_name_plural = _("national strengths")
        ordering = ["country", "kind", "title"]

    def __str__(self) -> str:
        return self.title


class Expectation(CountryRecord):
    """What a national partner expects of the partnership."""

    text = models.CharField(_("expectation"), max_length=300)

    class Meta:
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")
        ordering = ["country", "id"]

    def __str__(self) -> str:
        return self.text


class Commitment(CountryRecord, Focus):
    """A promise made at a meeting, with its owner and due date: the national partners' own actions."""

    title = models.CharField(_("commitment"), max_length=200)
    owner_name = models.CharField(_("who"), max_length=200, blank=True, help_text=_("The person responsible."))
    due_date = models.DateField(_("due"))
    done_at = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["country", "due_date", "id"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: object = None) -> bool:
        return self.done_at is None and self.due_date < (today or timezone.localdate())  # type: ignore[operator]
