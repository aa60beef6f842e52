"""Forms of the cycle: a stage move, the checklist of a location, a new location from a template."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import DEFAULT_CHECKLIST
from cpphub.planning.selectors.cycle import item_label, stage_label


class StageMoveForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to"), choices=PilotLocation.Stage.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Why the location goes back a stage (needed when it does)."),
    )


def checklist_field_name(stage: str, key: str) -> str:
    return f"{stage}__{key}"


class ChecklistForm(forms.Form):
    """A number per item per stage: how many of each the stage must have produced before the location moves on."""

    def __init__(self, *args: Any, checklist: dict[str, dict[str, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stages: list[tuple[str, list[str]]] = []
        for stage, items in DEFAULT_CHECKLIST.items():
            names = []
            for key in items:
                name = checklist_field_name(stage, key)
                self.fields[name] = forms.IntegerField(
                    label=_("{stage}: {item}").format(stage=stage_label(stage), item=item_label(key)),
                    min_value=0,
                    max_value=1000,
                    initial=checklist.get(stage, {}).get(key, items[key]),
                    error_messages={"min_value": _("Give 0 or more: a stage cannot need fewer than nothing.")},
                )
                names.append(name)
            self.stages.append((stage, names))

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(stage_label(stage), [self[name] for name in names]) for stage, names in self.stages]

    def checklist(self) -> dict[str, dict[str, int]]:
        return {
            stage: {key: self.cleaned_data[checklist_field_name(stage, key)] for key in items}
            for stage, items in DEFAULT_CHECKLIST.items()
        }


class LocationFromTemplateForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=PilotLocation.objects.filter(is_active=True).select_related("country").order_by("name"),
        help_text=_(
            "Its instruments, scoring weights, stage checklist and action templates are copied; "
            "never data about people."
        ),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=80,
        required=False,
        help_text=_("Letters, numbers and hyphens; made from the name when left empty."),
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.filter(is_active=True).order_by("name")
    )
    admin_area = forms.CharField(label=_("Administrative area"), max_length=200, required=False)


class BoardFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(locations__is_active=True).distinct().order_by("name"),
        required=False,
        empty_label=_("All countries"),
    )
