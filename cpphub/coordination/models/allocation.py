"""Resources, partners' capacities, actions' needs, and the dated versions of an allocation.

An action of any kind (a location's action, a national commitment, a
coordinated action) gets one need profile: how much of each resource it
needs, the share below which it is not worth doing (all or nothing), and how
many children it should reach. Each optimiser run keeps the scenario it
solved, the pins and forbids it was given and what it proposed; accepting a
run makes it the current, dated version and supersedes the one before.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models.synergies import exactly_one

ACTION_SIDES = ("local_action", "commitment", "coordinated_action")
DEFAULT_OUTCOME_WEIGHTS = {"equip": 1.0, "connect": 1.0, "coordinate": 1.0}


class ResourceType(models.Model):
    """Money, staff hours of one kind of expertise, or an in-kind resource."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        STAFF_TIME = "staff_time", _("Staff time")
        IN_KIND = "in_kind", _("In kind")

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. CAD, hours, laptops"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("resource type")
        verbose_name_plural = _("resource types")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class PartnerCapacity(models.Model):
    """How much of a resource a partner can put into the partnership's actions this period."""

    organisation = models.ForeignKey(
        "partnership.Organisation", on_delete=models.CASCADE, related_name="capacities", verbose_name=_("partner")
    )
    resource = models.ForeignKey(
        ResourceType, on_delete=models.PROTECT, related_name="capacities", verbose_name=_("resource")
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner capacity")
        verbose_name_plural = _("partner capacities")
        ordering = ["organisation__name", "resource__name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "resource"], name="capacity_once_per_resource")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.resource}"


class NeedProfile(models.Model):
    """What one action needs to go ahead, and what doing it is worth."""

    local_action = models.OneToOneField(
        "planning.Action",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="need_profile",
        verbose_name=_("local action"),
    )
    commitment = models.OneToOneField(
        "national.Commitment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="need_profile",
        verbose_name=_("national commitment"),
    )
    coordinated_action = models.OneToOneField(
        "coordination.CoordinatedAction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="need_profile",
        verbose_name=_("coordinated action"),
    )
    min_fraction = models.DecimalField(
        _("minimum viable share"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
        help_text=_("Below this share of every need the action is not worth doing (0.01 to 1)."),
    )
    children_reached = models.PositiveIntegerField(
        _("children it should reach"), null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    benefit_override = models.DecimalField(
        _("benefit (set by hand)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to compute it from rank, children reached and outcome weight."),
    )

    class Meta:
        verbose_name = _("need profile")
        verbose_name_plural = _("need profiles")
        constraints = [models.CheckConstraint(condition=exactly_one(ACTION_SIDES), name="need_profile_one_action")]

    def __str__(self) -> str:
        return str(self.action)

    @property
    def action(self) -> models.Model:
        return self.local_action or self.commitment or self.coordinated_action  # type: ignore[return-value]


class Need(models.Model):
    profile = models.ForeignKey(
        NeedProfile, on_delete=models.CASCADE, related_name="needs", verbose_name=_("need profile")
    )
    resource = models.ForeignKey(
        ResourceType, on_delete=models.PROTECT, related_name="needs", verbose_name=_("resource")
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["profile", "resource__name"]
        constraints = [models.UniqueConstraint(fields=["profile", "resource"], name="need_once_per_resource")]

    def __str__(self) -> str:
        return f"{self.profile} · {self.resource}"


class AllocationSettings(models.Model):
    """How the expected benefit of an action is computed; one row for the partnership."""

    outcome_weights = models.JSONField(_("outcome weights"), default=dict, blank=True)
    rank_weight = models.DecimalField(
        _("weight of priority rank"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0)],
    )
    children_weight = models.DecimalField(
        _("weight of children reached"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0)],
    )
    time_limit = models.PositiveSmallIntegerField(
        _("time limit of a solve (seconds)"), default=20, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )

    class Meta:
        verbose_name = _("allocation settings")
        verbose_name_plural = _("allocation settings")

    def __str__(self) -> str:
        return str(_("Allocation settings"))

    def weights(self) -> dict[str, float]:
        return {**DEFAULT_OUTCOME_WEIGHTS, **{k: float(v) for k, v in (self.outcome_weights or {}).items()}}

    def clean(self) -> None:
        super().clean()
        weights = self.outcome_weights or {}
        if not isinstance(weights, dict) or any(
            k not in DEFAULT_OUTCOME_WEIGHTS or not isinstance(v, int | float) or v < 0 for k, v in weights.items()
        ):
            raise ValidationError(
                {"outcome_weights": _("Give a weight of 0 or more for equip, connect and coordinate.")}
            )


class AllocationRun(models.Model):
    """One solve of the optimiser: its inputs, its proposal, and whether it became the accepted version."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        SUPERSEDED = "superseded", _("Superseded")
        INFEASIBLE = "infeasible", _("Infeasible")

    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children", verbose_name=_("re-solve of")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    scenario = models.JSONField(_("scenario"))
    pins = models.JSONField(_("pinned assignments"), default=list, blank=True)
    forbids = models.JSONField(_("forbidden assignments"), default=list, blank=True)
    result = models.JSONField(_("proposal"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    objective = models.FloatField(_("total expected benefit"), null=True, blank=True)
    bound = models.FloatField(_("best possible"), null=True, blank=True)
    gap = models.FloatField(_("proven gap"), null=True, blank=True)
    greedy_objective = models.FloatField(_("greedy benefit"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("solved"), default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        if self.version:
            return str(_("Allocation version %(version)s") % {"version": self.version})
        return self.title or str(_("Allocation proposal %(id)s") % {"id": self.pk})
