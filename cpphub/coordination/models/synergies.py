"""A suggested match between a bottom-up item of a pilot location and a top-down item of its country.

The finder (``services/synergies.py``) scores every pair and says why; a
coordinator accepts or dismisses each suggestion. The fingerprint names the
pair, so finding again neither duplicates a suggestion nor brings back one
that was dismissed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LOCAL_SIDES = ("local_priority", "local_action")
NATIONAL_SIDES = ("national_priority", "national_strength", "commitment", "mnr_rating")


def exactly_one(fields: tuple[str, ...]) -> Q:
    """Exactly one of ``fields`` is set."""
    q = Q()
    for chosen in fields:
        one = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                one &= Q(**{f"{other}__isnull": True})
        q |= one
    return q


class Synergy(models.Model):
    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.CASCADE,
        related_name="synergies",
        verbose_name=_("pilot location"),
    )
    country = models.ForeignKey(
        "partnership.Country", on_delete=models.CASCADE, related_name="+", verbose_name=_("country")
    )
    # Bottom up: exactly one of these.
    local_priority = models.ForeignKey(
        "planning.Priority",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local priority"),
    )
    local_action = models.ForeignKey(
        "planning.Action",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local action"),
    )
    # Top down: exactly one of these.
    national_priority = models.ForeignKey(
        "national.NationalPriority",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("national priority"),
    )
    national_strength = models.ForeignKey(
        "national.NationalStrength",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("national strength"),
    )
    commitment = models.ForeignKey(
        "national.Commitment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commitment"),
    )
    mnr_rating = models.ForeignKey(
        "national.MnrRating",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("MNR capability"),
    )
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    reasons = models.JSONField(_("why"), default=list, blank=True)
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    dismiss_reason = models.CharField(_("why dismissed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("found"), default=timezone.now)

    class Meta:
        verbose_name = _("synergy")
        verbose_name_plural = _("synergies")
        ordering = ["-score", "id"]
        constraints = [
            models.CheckConstraint(condition=exactly_one(LOCAL_SIDES), name="synergy_one_local_item"),
            models.CheckConstraint(condition=exactly_one(NATIONAL_SIDES), name="synergy_one_national_item"),
        ]

    def __str__(self) -> str:
        return f"{self.local_item} ↔ {self.national_item}"

    @property
    def local_item(self) -> models.Model:
        return self.local_priority or self.local_action  # type: ignore[return-value]

    @property
    def national_item(self) -> models.Model:
        return self.national_priority or self.national_strength or self.commitment or self.mnr_rating  # type: ignore[return-value]
