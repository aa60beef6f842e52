"""The forms of the Create stage's pages.

Choices are limited to the plan's location where that is a convenience
(workshops, priorities, findings); the services check everything again, and
their errors come back onto the form's fields. The lead partner lists every
organisation so that choosing one that is not a partner of the location gets
the service's clear message rather than a bare "not a valid choice".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import AgeBand, Sex
from cpphub.partnership.models import Organisation
from cpphub.planning.models import Action, ActionPlan, ProgressUpdate, TargetGroup, Workshop
from cpphub.planning.selectors.create import (
    location_findings,
    location_priorities,
    location_workshops,
    plan_locations,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["location", "title", "workshop", "notes"]
        widgets = {"notes": TEXTAREA}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        workshops: Any
        if self.instance.pk:
            del self.fields["location"]
            workshops = location_workshops(self.instance.location)
        else:
            locations = plan_locations(viewer)
            self.fields["location"].queryset = locations  # type: ignore[attr-defined]
            workshops = Workshop.objects.filter(location__in=locations).select_related("location")
        self.fields["workshop"].queryset = workshops  # type: ignore[attr-defined]
        self.fields["workshop"].help_text = _("The planning workshop whose priorities the plan answers, if any.")


class ActionForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_age_bands = forms.MultipleChoiceField(
        label=_("Children's age bands"),
        choices=AgeBand.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when children are a target group."),
    )
    target_sexes = forms.MultipleChoiceField(
        label=_("Children's sex"),
        choices=Sex.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when children are a target group."),
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "priority",
            "findings",
            "outcome",
            "lead_partner",
            "supporting_partners",
            "target_groups",
            "target_age_bands",
            "target_sexes",
            "start",
            "end",
            "budget",
            "currency",
            "in_kind",
            "expertise_needed",
            "indicator",
            "baseline",
            "target",
            "status",
            "status_reason",
        ]
        widgets = {
            "description": TEXTAREA,
            "in_kind": TEXTAREA,
            "start": DATE,
            "end": DATE,
            "findings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, plan: ActionPlan, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Action(plan=plan))
        super().__init__(*args, **kwargs)
        location = plan.location
        self.fields["priority"].queryset = location_priorities(location)  # type: ignore[attr-defined]
        self.fields["findings"].queryset = location_findings(location)  # type: ignore[attr-defined]
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
        self.fields["lead_partner"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["lead_partner"].help_text = _(
            "A partner of {location}: its lead partner, an implementing partner or a stakeholder's organisation."
        ).format(location=location)
        self.fields["supporting_partners"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["status_reason"].help_text = _("Needed when the action is dropped.")
        # The model says why with the code "required", which a form would answer with its own generic message.
        self.fields["status_reason"].error_messages["required"] = _("Say why the action was dropped.")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ProgressForm(forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = ["date", "note", "value"]
        widgets = {"date": DATE, "note": TEXTAREA}
