"""The forms of the Plan stage's pages.

Choices are limited to what fits (the locations the viewer facilitates, the
facilitators and findings of the workshop's location); the services check
again, and their errors come back onto the form's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.accounts.models import User
from cpphub.mapping.models import Finding
from cpphub.mapping.selectors.records import location_facilitators
from cpphub.partnership.models import Organisation, PilotLocation, Sector
from cpphub.planning.models import CRITERIA, Priority, Workshop, WorkshopParticipation
from cpphub.planning.selectors.access import facilitated_location_ids
from cpphub.planning.selectors.plan import location_findings

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE_ERROR = _("Give a score from 1 to 5.")
SCORE = {
    "min_value": 1,
    "max_value": 5,
    "required": False,
    "error_messages": {"min_value": SCORE_ERROR, "max_value": SCORE_ERROR, "invalid": SCORE_ERROR},
    "widget": forms.NumberInput(attrs={"min": 1, "max": 5, "inputmode": "numeric"}),
}

CRITERION_LABELS = {
    "severity": _("Severity"),
    "children": _("How many children"),
    "feasibility": _("Feasibility"),
    "strengths": _("Strengths to build on"),
}


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["location", "title", "date", "round", "facilitators", "notes"]
        widgets = {"date": DATE, "facilitators": forms.CheckboxSelectMultiple, "notes": TEXTAREA}
        labels = {"round": _("Planning round")}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facilitators: Any
        if self.instance.pk:
            del self.fields["location"]
            facilitators = location_facilitators(self.instance.location)
        else:
            locations = PilotLocation.objects.filter(pk__in=facilitated_location_ids(viewer)).order_by("name")
            self.fields["location"].queryset = locations  # type: ignore[attr-defined]
            facilitators = User.objects.none()
            for location in locations:
                facilitators = facilitators | location_facilitators(location)
            facilitators = facilitators.distinct().order_by("full_name", "email")
        self.fields["facilitators"].queryset = facilitators  # type: ignore[attr-defined]
        self.fields["facilitators"].help_text = _("People with a facilitator membership in this location.")


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = WorkshopParticipation
        fields = ["sector", "organisation", "number", "children"]
        labels = {"number": _("Number of people"), "children": _("These are children")}
        help_texts = {"children": _("Tick when the participants of this row are children: shown as such.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.order_by("id")  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        ).order_by("name")


class _FindingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.summary)


class PriorityForm(forms.ModelForm):
    findings = _FindingChoiceField(
        label=_("Findings behind it"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Risks found by the mapping in this location."),
    )
    strengths = _FindingChoiceField(
        label=_("Strengths it builds on"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Strengths found by the mapping in this location."),
    )

    class Meta:
        model = Priority
        fields = ["title", "description", "findings", "strengths", "reasoning"]
        widgets = {"description": TEXTAREA, "reasoning": TEXTAREA}
        labels = {"reasoning": _("Notes on this priority")}

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = location_findings(  # type: ignore[attr-defined]
            workshop.location_id, Finding.Kind.RISK
        )
        self.fields["strengths"].queryset = location_findings(  # type: ignore[attr-defined]
            workshop.location_id, Finding.Kind.STRENGTH
        )


class ScoreForm(forms.Form):
    """The group's scores of one priority, 1-5 on each criterion (a blank is not scored yet)."""

    severity = forms.IntegerField(label=CRITERION_LABELS["severity"], **SCORE)  # type: ignore[arg-type]
    children = forms.IntegerField(label=CRITERION_LABELS["children"], **SCORE)  # type: ignore[arg-type]
    feasibility = forms.IntegerField(label=CRITERION_LABELS["feasibility"], **SCORE)  # type: ignore[arg-type]
    strengths = forms.IntegerField(label=CRITERION_LABELS["strengths"], **SCORE)  # type: ignore[arg-type]

    @classmethod
    def for_priority(cls, priority: Priority, data: Any = None) -> ScoreForm:
        initial = {
            "severity": priority.severity,
            "children": priority.children,
            "feasibility": priority.feasibility,
            "strengths": priority.strengths_score,
        }
        return cls(data, initial=initial, prefix=f"score-{priority.pk}")


class BringFindingsForm(forms.Form):
    """Findings of the workshop's location to bring in; withdrawn ones are skipped by the service."""

    findings = forms.ModelMultipleChoiceField(
        label=_("Findings"), queryset=Finding.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, workshop: Workshop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = Finding.objects.filter(  # type: ignore[attr-defined]
            location_id=workshop.location_id
        )
        self.fields["findings"].error_messages["required"] = _("Choose at least one risk to bring in.")


class RankForm(forms.Form):
    reasoning = forms.CharField(
        label=_("Why the group ranked as it did"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Recorded with the ranking, for everyone who reads the plan later."),
        error_messages={"required": _("Write down why the group ranked as it did.")},
    )


class WeightsForm(forms.Form):
    """A location's scoring weights: 0-10 each, at least one above 0."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in CRITERIA:
            self.fields[name] = forms.IntegerField(
                label=CRITERION_LABELS[name],
                min_value=0,
                max_value=10,
                error_messages={
                    "required": _("Give a weight from 0 to 10."),
                    "min_value": _("Give a weight from 0 to 10."),
                    "max_value": _("Give a weight from 0 to 10."),
                    "invalid": _("Give a whole number from 0 to 10."),
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = [data.get(name) for name in CRITERIA]
        if all(value is not None for value in values) and sum(values) <= 0:  # type: ignore[arg-type]
            raise forms.ValidationError(_("At least one weight must be above 0."), code="all_zero")
        return data
