"""Referral pathways: for each need a child may have in a pilot location, whom to contact, in what order."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Need(models.TextChoices):
    """Why a child needs protection: the harms the pathways and referrals are organised by."""

    ONLINE_GROOMING = "online_grooming", _("Disclosed online grooming")
    SELF_GENERATED_IMAGES = "self_generated_images", _("Self-generated images shared")
    SEXTORTION = "sextortion", _("Sextortion")
    ABUSE_MATERIAL_EXPOSURE = "abuse_material_exposure", _("Exposure to abuse material")
    LIVE_STREAMED_ABUSE = "live_streamed_abuse", _("Live-streamed abuse")
    OTHER = "other", _("Other sexual exploitation or abuse")


class RiskLevel(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Pathway(models.Model):
    """The agreed steps for one need in one pilot location."""

    location = models.ForeignKey(
        "partnership.PilotLocation", on_delete=models.PROTECT, related_name="pathways", verbose_name=_("pilot location")
    )
    need = models.CharField(_("need"), max_length=32, choices=Need.choices)
    summary = models.TextField(_("summary"), blank=True, help_text=_("What a frontline worker does first, in a line."))
    who_decides = models.TextField(
        _("who decides"), blank=True, help_text=_("Who decides on the case and its next steps, e.g. the case manager.")
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Published pathways appear on the public directory.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral pathway")
        verbose_name_plural = _("referral pathways")
        ordering = ["location__name", "need"]
        constraints = [models.UniqueConstraint(fields=["location", "need"], name="connect_pathway_one_per_need")]

    def __str__(self) -> str:
        return f"{self.location} · {self.get_need_display()}"


class PathwayStep(models.Model):
    """One step of a pathway: what to do, whom to contact, within what time."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="steps", verbose_name=_("pathway"))
    order = models.PositiveSmallIntegerField(_("step"), validators=[MinValueValidator(1), MaxValueValidator(50)])
    action = models.CharField(_("what to do"), max_length=300)
    service = models.ForeignKey(
        "connect.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathway_steps",
        verbose_name=_("service to contact"),
    )
    responsible = models.CharField(_("who does it"), max_length=200, blank=True)
    is_decision = models.BooleanField(_("decision point"), default=False)
    within_hours = models.PositiveIntegerField(
        _("within (hours)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(24 * 90)],
        help_text=_("Leave empty to follow the deadline of the child's risk level."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ["pathway", "order"]
        constraints = [models.UniqueConstraint(fields=["pathway", "order"], name="connect_pathway_step_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.action}"
