"""Plan: multi-sector planning workshops that score and rank the priorities drawn from the mapping."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.planning.models.engage import SCALE

# The four criteria a workshop scores each priority on (1-5), and their default weights.
CRITERIA = ("severity", "children", "feasibility", "strengths")
DEFAULT_WEIGHTS = {"severity": 3, "children": 3, "feasibility": 2, "strengths": 2}

# What each stage must have produced before a location moves on (configurable per location).
DEFAULT_CHECKLIST = {
    "map": {"sessions": 1, "findings": 3},
    "engage": {"stakeholders": 5, "engagements": 1},
    "plan": {"workshops": 1, "ranked_priorities": 3},
    "create": {"action_plans": 1, "actions": 2},
}


def default_weights() -> dict[str, int]:
    return dict(DEFAULT_WEIGHTS)


def default_checklist() -> dict[str, dict[str, int]]:
    return {stage: dict(items) for stage, items in DEFAULT_CHECKLIST.items()}


class PlanningConfig(models.Model):
    """A location's scoring weights and stage checklist; copied when a new location starts from it."""

    location = models.OneToOneField(
        "partnership.PilotLocation",
        on_delete=models.CASCADE,
        related_name="planning_config",
        verbose_name=_("pilot location"),
    )
    weights = models.JSONField(_("scoring weights"), default=default_weights)
    checklist = models.JSONField(_("stage checklist"), default=default_checklist)

    class Meta:
        verbose_name = _("planning settings")
        verbose_name_plural = _("planning settings")

    def __str__(self) -> str:
        return str(self.location)

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.weights, dict) or set(self.weights) != set(CRITERIA):
            raise ValidationError(
                {"weights": _("Give a weight for each criterion: {names}.").format(names=", ".join(CRITERIA))}
            )
        for name, weight in self.weights.items():
            if not isinstance(weight, int | float) or not 0 <= weight <= 10:
                raise ValidationError(
                    {"weights": _("The weight of {name} must be between 0 and 10.").format(name=name)}
                )
        if sum(self.weights.values()) <= 0:
            raise ValidationError({"weights": _("At least one weight must be above 0.")})


class Workshop(models.Model):
    """A multi-sector planning workshop of a location; a location holds several over time (rounds)."""

    location = models.ForeignKey(
        "partnership.PilotLocation",
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("pilot location"),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    round = models.PositiveSmallIntegerField(
        _("round"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="workshops", verbose_name=_("facilitators")
    )
    weights = models.JSONField(
        _("scoring weights"), default=default_weights, help_text=_("The weights this workshop ranked with.")
    )
    reasoning = models.TextField(_("reasoning"), blank=True, help_text=_("Why the group ranked as it did."))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("planning workshop")
        verbose_name_plural = _("planning workshops")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%Y-%m-%d})"


class WorkshopParticipation(models.Model):
    """How many took part from a sector; children's participation is recorded as such."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="participation", verbose_name=_("workshop")
    )
    sector = models.ForeignKey(
        "partnership.Sector", on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    organisation = models.ForeignKey(
        "partnership.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    number = models.PositiveIntegerField(_("people"), validators=[MinValueValidator(1)])
    children = models.BooleanField(_("children"), default=False, help_text=_("These participants are children."))

    class Meta:
        verbose_name = _("workshop participation")
        verbose_name_plural = _("workshop participation")
        ordering = ["workshop", "sector"]

    def __str__(self) -> str:
        return f"{self.sector}: {self.number}"


class Priority(models.Model):
    """A candidate priority of a workshop, scored by the group on each criterion and ranked."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("workshop")
    )
    title = models.CharField(_("priority"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    findings = models.ManyToManyField(
        "mapping.Finding", blank=True, related_name="priorities", verbose_name=_("findings behind it")
    )
    strengths = models.ManyToManyField(
        "mapping.Finding", blank=True, related_name="built_on_by", verbose_name=_("strengths it builds on")
    )
    severity = models.PositiveSmallIntegerField(_("severity"), null=True, blank=True, validators=SCALE)
    children = models.PositiveSmallIntegerField(_("how many children"), null=True, blank=True, validators=SCALE)
    feasibility = models.PositiveSmallIntegerField(_("feasibility"), null=True, blank=True, validators=SCALE)
    strengths_score = models.PositiveSmallIntegerField(
        _("strengths to build on"), null=True, blank=True, validators=SCALE
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    reasoning = models.TextField(_("reasoning"), blank=True)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["workshop", "rank", "id"]

    def __str__(self) -> str:
        return self.title

    def weighted_score(self, weights: dict[str, int | float]) -> Decimal | None:
        """The weighted mean of the four scores on the 1-5 scale; None until every criterion is scored."""
        scores = {
            "severity": self.severity,
            "children": self.children,
            "feasibility": self.feasibility,
            "strengths": self.strengths_score,
        }
        if any(value is None for value in scores.values()):
            return None
        total = sum((Decimal(str(weights.get(name, 0))) for name in CRITERIA), Decimal(0))
        if total <= 0:
            return None
        weighted = sum(
            (Decimal(str(weights.get(name, 0))) * Decimal(scores[name] or 0) for name in CRITERIA), Decimal(0)
        )
        return (weighted / total).quantize(Decimal("0.01"))
