"""The forms of coordinated actions: the action, a contribution, a milestone, a status change.

The services check everything again (the synergy is accepted and unused, local
actions belong to the chosen locations, ...) and their errors come back onto
the form's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone, ResourceType
from cpphub.mapping.models import RiskDimension
from cpphub.national.models import NationalPriority
from cpphub.partnership.models import Country, Organisation, PilotLocation
from cpphub.planning.models import Action, TargetGroup

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LocalActionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.location} · {obj.title}"


class NationalPriorityChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.country} · {obj.title}"


class CoordinatedActionForm(forms.ModelForm):
    synergy = forms.IntegerField(widget=forms.HiddenInput, required=False)
    risks = forms.MultipleChoiceField(
        label=_("4Cs risks"), choices=RiskDimension.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    local_actions = LocalActionChoice(
        label=_("Local actions it joins"),
        queryset=Action.objects.none(),
        required=False,
        help_text=_("Actions of the chosen pilot locations."),
    )
    national_priorities = NationalPriorityChoice(
        label=_("National priorities it serves"),
        queryset=NationalPriority.objects.none(),
        required=False,
        help_text=_("Priorities of the chosen countries."),
    )

    class Meta:
        model = CoordinatedAction
        fields = [
            "title",
            "description",
            "lead",
            "locations",
            "countries",
            "local_actions",
            "national_priorities",
            "outcome",
            "risks",
            "target_groups",
            "children_to_reach",
            "start",
            "end",
        ]
        widgets = {
            "description": TEXTAREA,
            "start": DATE,
            "end": DATE,
            "locations": forms.CheckboxSelectMultiple,
            "countries": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["synergy"]
        self.fields["lead"].queryset = Organisation.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["lead"].help_text = _("The partner that leads the action, local or national.")
        self.fields["locations"].queryset = PilotLocation.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["countries"].queryset = Country.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["countries"].help_text = _("The countries of the chosen locations are always added.")
        self.fields["local_actions"].queryset = (  # type: ignore[attr-defined]
            Action.objects.exclude(status=Action.Status.DROPPED)
            .select_related("plan__location")
            .order_by("plan__location__name", "title")
        )
        self.fields["national_priorities"].queryset = NationalPriority.objects.select_related("country").order_by(  # type: ignore[attr-defined]
            "country__name", "title"
        )


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["organisation", "kind", "amount", "unit", "resource", "description", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["resource"].queryset = ResourceType.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["resource"].help_text = _("Optional: the resource of the allocation it counts against.")
        self.fields["amount"].widget.attrs["min"] = 0


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due"]
        widgets = {"due": DATE}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CoordinatedAction.Status.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
