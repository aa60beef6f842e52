"""Engage: the local partners of every sector, their place on the power/interest grid, every contact with them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Quadrant(models.TextChoices):
    """The four boxes of the power/interest grid."""

    MANAGE_CLOSELY = "manage_closely", _("Manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("Keep satisfied")
    KEEP_INFORMED = "keep_informed", _("Keep informed")
    MONITOR = "monitor", _("Monitor")


def quadrant(power: int, interest: int) -> Quadrant:
    """High is 3 or more on the 1-5 scales."""
    if power >= 3:
        return Quadrant.MANAGE_CLOSELY if interest >= 3 else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= 3 else Quadrant.MONITOR


class Stakeholder(models.Model):
    """An organisation or group of a location that can affect children's protection in the context of ICT."""

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        related_name="stakeholders",
        verbose_name=_("pilot location"),
    )
    name = models.CharField(_("organisation or group"), max_length=200)
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder_entries",
        verbose_name=_("partner organisation"),
        help_text=_("When the stakeholder is an organisation of the partnership's registry."),
    )
    sector = models.ForeignKey(
        "partnership.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    can_do = models.TextField(_("what it can do for children"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_details = models.CharField(_("contact details"), max_length=300, blank=True)
    power = models.PositiveSmallIntegerField(
        _("power"), validators=SCALE, help_text=_("1 (little) to 5 (a great deal)")
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), validators=SCALE, help_text=_("1 (little) to 5 (a great deal)")
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["location", "name"]
        constraints = [
            models.UniqueConstraint(fields=["location", "name"], name="planning_stakeholder_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quadrant(self) -> Quadrant:
        return quadrant(self.power, self.interest)


class Engagement(models.Model):
    """A meeting, visit or call with local partners: who came, which sectors, what was agreed."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        WORKSHOP = "workshop", _("Workshop")

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("pilot location"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("subject"), max_length=200)
    stakeholders = models.ManyToManyField(
        Stakeholder, blank=True, related_name="engagements", verbose_name=_("stakeholders present")
    )
    participants = models.TextField(_("participants"), blank=True, help_text=_("Adults only; never children's names."))
    sectors = models.ManyToManyField("partnership.Sector", blank=True, related_name="+", verbose_name=_("sectors"))
    agreed = models.TextField(_("what was agreed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"


class FollowUp(models.Model):
    """Something to do after an engagement, by a date; overdue when the date passes undone."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("engagement")
    )
    description = models.CharField(_("follow-up"), max_length=300)
    owner = models.CharField(_("who"), max_length=200, blank=True)
    due_date = models.DateField(_("due"))
    done_at = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.done_at is None and self.due_date < (today or timezone.localdate())
