"""The forms of the allocation pages: resources, a partner's capacities, an action's needs, settings, runs.

The forms check shapes; the services check the rest, and their errors come
back onto the fields (``need_<key>`` and ``amount_<key>`` name the field of
one resource).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.allocation import Forbid, Pin
from cpphub.coordination.models import AllocationSettings, NeedProfile, ResourceType
from cpphub.coordination.models.allocation import DEFAULT_OUTCOME_WEIGHTS
from cpphub.planning.models import Outcome


def _amount(**kwargs: Any) -> forms.DecimalField:
    """An amount of a resource: 0 or more, two decimals."""
    return forms.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0), **kwargs)


def _weight(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=5, decimal_places=2, min_value=Decimal(0), max_value=Decimal("999.99")
    )


def _resource_label(resource: ResourceType) -> str:
    return f"{resource.name} ({resource.unit})" if resource.unit else resource.name


class ResourceTypeForm(forms.ModelForm):
    class Meta:
        model = ResourceType
        fields = ["name", "key", "kind", "unit", "is_active"]
        help_texts = {
            "key": _("A short name in lower case (letters, digits, hyphens), e.g. trainers. It cannot change.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["key"].disabled = True


class CapacityForm(forms.Form):
    """A partner's capacity of every active resource, with a note each; an empty amount removes it."""

    def __init__(self, *args: Any, resources: list[ResourceType], capacities: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resources = resources
        for resource in resources:
            current = capacities.get(resource.pk)
            self.fields[f"amount_{resource.key}"] = _amount(
                label=_resource_label(resource),
                required=False,
                initial=current.amount if current else None,
                help_text=_("Leave empty when the partner offers none."),
            )
            self.fields[f"note_{resource.key}"] = forms.CharField(
                label=_("Note on {resource}").format(resource=resource.name),
                required=False,
                max_length=300,
                initial=current.note if current else "",
            )

    def rows(self) -> dict[ResourceType, tuple[Decimal | None, str]]:
        data = self.cleaned_data
        return {r: (data.get(f"amount_{r.key}"), data.get(f"note_{r.key}") or "") for r in self.resources}

    def pairs(self) -> list[tuple[Any, Any]]:
        """(amount field, note field) per resource, for the template."""
        return [(self[f"amount_{r.key}"], self[f"note_{r.key}"]) for r in self.resources]


class NeedProfileForm(forms.Form):
    min_fraction = forms.DecimalField(
        label=_("Minimum viable share"),
        max_digits=3,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        initial=Decimal("0.80"),
        help_text=_(
            "Below this share of every need the action is not worth doing (0.01 to 1): "
            "it is funded at least this much, or not at all."
        ),
    )
    children_reached = forms.IntegerField(
        label=_("Children it should reach"), required=False, min_value=0, max_value=10_000_000
    )
    benefit_override = forms.DecimalField(
        label=_("Benefit (set by hand)"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_("Leave empty to compute it from rank, children reached and outcome weight."),
    )

    def __init__(
        self, *args: Any, resources: list[ResourceType], profile: NeedProfile | None = None, **kwargs: Any
    ) -> None:
        if profile is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "min_fraction": profile.min_fraction,
                "children_reached": profile.children_reached,
                "benefit_override": profile.benefit_override,
            }
        super().__init__(*args, **kwargs)
        self.resources = resources
        current = {need.resource_id: need.amount for need in profile.needs.all()} if profile else {}
        for resource in resources:
            self.fields[f"need_{resource.key}"] = _amount(
                label=_resource_label(resource), required=False, initial=current.get(resource.pk)
            )

    def profile_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in ("min_fraction", "children_reached", "benefit_override")}

    def needs(self) -> dict[ResourceType, Decimal | None]:
        return {r: self.cleaned_data.get(f"need_{r.key}") for r in self.resources}

    def need_fields(self) -> list[Any]:
        return [self[f"need_{r.key}"] for r in self.resources]

    def profile_fields(self) -> list[Any]:
        return [self[name] for name in ("min_fraction", "children_reached", "benefit_override")]


class AllocationSettingsForm(forms.Form):
    weight_equip = _weight(_("Weight of Equip"))
    weight_connect = _weight(_("Weight of Connect"))
    weight_coordinate = _weight(_("Weight of Coordinate"))
    rank_weight = _weight(_("Weight of priority rank"))
    children_weight = _weight(_("Weight of children reached"))
    time_limit = forms.IntegerField(
        label=_("Time limit of a solve (seconds)"),
        min_value=1,
        max_value=600,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )

    def __init__(self, *args: Any, settings: AllocationSettings, **kwargs: Any) -> None:
        weights = settings.weights()
        kwargs.setdefault(
            "initial",
            {
                **{f"weight_{outcome}": weights[outcome] for outcome in DEFAULT_OUTCOME_WEIGHTS},
                "rank_weight": settings.rank_weight,
                "children_weight": settings.children_weight,
                "time_limit": settings.time_limit,
            },
        )
        super().__init__(*args, **kwargs)
        labels = dict(Outcome.choices)
        for outcome in DEFAULT_OUTCOME_WEIGHTS:
            self.fields[f"weight_{outcome}"].label = _("Weight of the outcome {outcome}").format(
                outcome=labels.get(outcome, outcome)
            )

    def settings_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "outcome_weights": {outcome: float(data[f"weight_{outcome}"]) for outcome in DEFAULT_OUTCOME_WEIGHTS},
            "rank_weight": data["rank_weight"],
            "children_weight": data["children_weight"],
            "time_limit": data["time_limit"],
        }


class RunForm(forms.Form):
    title = forms.CharField(label=_("Title (optional)"), required=False, max_length=200)


class ResolveForm(forms.Form):
    """The pins and forbids ticked on a run's page.

    ``pin`` = partner|action|resource|amount (amount empty for a token pin), ``forbid`` = partner|action.
    """

    title = forms.CharField(label=_("Title (optional)"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        getlist = getattr(self.data, "getlist", lambda name: self.data.get(name) or [])
        pins: list[Pin] = []
        for value in dict.fromkeys(getlist("pin")):
            parts = str(value).split("|")
            if len(parts) != 4 or not all(parts[:3]):
                raise ValidationError(_("A pin could not be read: {value}.").format(value=value))
            amount: float | None = None
            if parts[3]:
                try:
                    amount = float(parts[3])
                except ValueError as exc:
                    raise ValidationError(_("A pin could not be read: {value}.").format(value=value)) from exc
            pins.append(Pin(partner=parts[0], action=parts[1], resource=parts[2], amount=amount))
        forbids: list[Forbid] = []
        for value in dict.fromkeys(getlist("forbid")):
            parts = str(value).split("|")
            if len(parts) != 2 or not all(parts):
                raise ValidationError(_("A forbid could not be read: {value}.").format(value=value))
            forbids.append(Forbid(partner=parts[0], action=parts[1]))
        data["pins"], data["forbids"] = pins, forbids
        return data
