"""Create: bottom-up action plans, their actions and progress, and the moves of a location through the cycle."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """The partnership's three outcomes."""

    EQUIP = "equip", _("Equip")
    CONNECT = "connect", _("Connect")
    COORDINATE = "coordinate", _("Coordinate")


class TargetGroup(models.TextChoices):
    CHILDREN = "children", _("Children")
    PARENTS = "parents", _("Parents and caregivers")
    TEACHERS = "teachers", _("Teachers")
    POLICE = "police", _("Police")
    JUSTICE = "justice", _("Prosecutors and judges")
    SOCIAL_WORKERS = "social_workers", _("Social workers")
    HEALTH_WORKERS = "health_workers", _("Health workers")
    LAN_HOUSE_OWNERS = "lan_house_owners", _("LAN house / internet café owners")
    COMMUNITY = "community", _("Community leaders")
    INDUSTRY = "industry", _("Industry")


class ActionPlan(models.Model):
    """The bottom-up action plan of a location, usually made from a workshop's ranked priorities."""

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("pilot location"),
    )
    title = models.CharField(_("title"), max_length=200)
    workshop = models.ForeignKey(
        "planning.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("workshop"),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["location", "-created_at"]

    def __str__(self) -> str:
        return self.title


class ActionFields(models.Model):
    """What an action and an action template share."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    target_age_bands = models.JSONField(_("children's age bands"), default=list, blank=True)
    target_sexes = models.JSONField(_("children's sex"), default=list, blank=True)
    expertise_needed = models.CharField(_("expertise needed"), max_length=300, blank=True)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)

    class Meta:
        abstract = True


class Action(ActionFields):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("action plan")
    )
    priority = models.ForeignKey(
        "planning.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("priority it answers"),
    )
    findings = models.ManyToManyField(
        "mapping.Finding", blank=True, related_name="actions", verbose_name=_("findings it answers")
    )
    lead_partner = models.ForeignKey(
        "partnership.Organisation", on_delete=models.PROTECT, related_name="led_actions", verbose_name=_("lead partner")
    )
    supporting_partners = models.ManyToManyField(
        "partnership.Organisation", blank=True, related_name="supported_actions", verbose_name=_("supporting partners")
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO code, e.g. BRL, THB, CAD"))
    in_kind = models.TextField(_("in-kind resources"), blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "start", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = ValidationError(_("The end comes before the start."), code="end_before_start")
        if self.status == self.Status.DROPPED and not self.status_reason.strip():
            errors["status_reason"] = ValidationError(_("Say why the action was dropped."), code="required")
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.UNDER_WAY) and self.end < (
            today or timezone.localdate()
        )


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action"))
    date = models.DateField(_("date"))
    note = models.TextField(_("progress"))
    value = models.DecimalField(_("indicator value"), max_digits=12, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["action", "-date", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.date:%Y-%m-%d}"


class ActionTemplate(ActionFields):
    """A reusable action a location offers to the ones that start from it."""

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_templates",
        verbose_name=_("pilot location"),
        help_text=_("Empty for a template of the whole partnership."),
    )

    class Meta:
        verbose_name = _("action template")
        verbose_name_plural = _("action templates")
        ordering = ["location", "title"]

    def __str__(self) -> str:
        return self.title


class StageMove(models.Model):
    """A location moved from one Triple A stage to another: who, when, and the checklist as it stood."""

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.CASCADE,
        related_name="stage_moves",
        verbose_name=_("pilot location"),
    )
    from_stage = models.CharField(_("from"), max_length=16)
    to_stage = models.CharField(_("to"), max_length=16)
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved"), default=timezone.now)

    class Meta:
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        ordering = ["location", "-moved_at"]

    def __str__(self) -> str:
        return f"{self.location}: {self.from_stage} → {self.to_stage}"
