"""The pathway form: the pathway's fields, and its steps as a formset (add, renumber to reorder, delete).

Locations are limited to those the person filling the form in keeps the
pathways of; a pathway keeps its location once made. A step's service is one
of the active services, those serving the location first. The service checks
everything again and its refusals come back onto the fields (steps: above the
steps).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models import Pathway, PathwayStep, Service
from cpphub.connect.selectors.pathways import editable_locations, step_services

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class PathwayForm(forms.ModelForm):
    class Meta:
        model = Pathway
        fields = ["location", "need", "summary", "who_decides", "is_published"]
        widgets = {"summary": TEXTAREA, "who_decides": TEXTAREA}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["location"]
        else:
            self.fields["location"].queryset = editable_locations(viewer)  # type: ignore[attr-defined]

    def _get_validation_exclusions(self) -> set[str]:  # type: ignore[misc]
        """One pathway per location and need: the service says so, on the need."""
        return {*super()._get_validation_exclusions(), "location"}  # type: ignore[misc]


def _service_label(location_id: int | None) -> Any:
    def label(service: Service) -> str:
        text = f"{service.name} · {service.organisation}"
        if location_id is not None and not getattr(service, "serves_here", True):
            return f"{text} ({_('elsewhere')})"
        return text

    return label


class StepForm(forms.ModelForm):
    class Meta:
        model = PathwayStep
        fields = ["order", "action", "service", "responsible", "is_decision", "within_hours", "notes"]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 1, "max": 50, "step": 1, "inputmode": "numeric"}),
            "within_hours": forms.NumberInput(attrs={"min": 1, "step": 1, "inputmode": "numeric"}),
            "notes": forms.Textarea(attrs={"rows": 1}),
        }
        help_texts = {"order": _("Change the numbers to reorder the steps.")}

    def __init__(self, *args: Any, location_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        field.queryset = step_services(location_id)  # type: ignore[attr-defined]
        field.label_from_instance = _service_label(location_id)  # type: ignore[attr-defined]
        field.empty_label = _("No particular service")  # type: ignore[attr-defined]
        field.help_text = _("Active services; those serving the location come first.")

    def validate_unique(self) -> None:
        """Steps are numbered by the service."""


class BaseStepFormSet(forms.BaseFormSet):
    def steps(self) -> list[dict[str, Any]]:
        """The steps to keep: filled in and not marked for deletion."""
        return [
            {name: value for name, value in form.cleaned_data.items() if name != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


StepFormSet = forms.formset_factory(StepForm, formset=BaseStepFormSet, extra=2, can_delete=True, max_num=50)


def step_initial(steps: list[PathwayStep]) -> list[dict[str, Any]]:
    return [
        {
            "order": step.order,
            "action": step.action,
            "service": step.service_id,
            "responsible": step.responsible,
            "is_decision": step.is_decision,
            "within_hours": step.within_hours,
            "notes": step.notes,
        }
        for step in steps
    ]
