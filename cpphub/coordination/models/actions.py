"""Coordinated multi-sector actions: local and national partners joined on one accepted synergy."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.planning.models import Outcome


class CoordinatedAction(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    synergy = models.OneToOneField(
        "coordination.Synergy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_action",
        verbose_name=_("synergy"),
    )
    lead = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("lead partner")
    )
    locations = models.ManyToManyField(
        "partnership.PilotLocation", blank=True, related_name="coordinated_actions", verbose_name=_("pilot locations")
    )
    countries = models.ManyToManyField(
        "partnership.Country", blank=True, related_name="coordinated_actions", verbose_name=_("countries")
    )
    local_actions = models.ManyToManyField(
        "planning.Action", blank=True, related_name="coordinated_actions", verbose_name=_("local actions it joins")
    )
    national_priorities = models.ManyToManyField(
        "national.NationalPriority",
        blank=True,
        related_name="coordinated_actions",
        verbose_name=_("national priorities it serves"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    risks = models.JSONField(_("4Cs risks"), default=list, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    children_to_reach = models.PositiveIntegerField(
        _("children to reach"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("coordinated action")
        verbose_name_plural = _("coordinated actions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end comes before the start.")})
        if self.status == self.Status.DROPPED and not self.status_reason.strip():
            raise ValidationError({"status_reason": _("Say why the action was dropped.")})


class Contribution(models.Model):
    """What one partner puts into a coordinated action."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        STAFF_TIME = "staff_time", _("Staff time")
        EXPERTISE = "expertise", _("Expertise")
        IN_KIND = "in_kind", _("In kind")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        CONFIRMED = "confirmed", _("Confirmed")
        DELIVERED = "delivered", _("Delivered")

    action = models.ForeignKey(
        CoordinatedAction, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("coordinated action")
    )
    organisation = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    resource = models.ForeignKey(
        "coordination.ResourceType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resource"),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(
        _("unit"),
        max_length=40,
        blank=True,
        help_text=_("What the amount counts: a currency (THB, CAD), hours, laptops. Taken from the resource if empty."),
    )
    description = models.CharField(_("what"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLEDGED)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["action", "organisation__name", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_kind_display()}"


class Milestone(models.Model):
    action = models.ForeignKey(
        CoordinatedAction, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("coordinated action")
    )
    title = models.CharField(_("milestone"), max_length=200)
    due = models.DateField(_("due"))
    done_at = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["action", "due", "id"]

    def __str__(self) -> str:
        return self.title
