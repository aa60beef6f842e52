"""The forms of the Engage pages: stakeholders, moves on the grid, engagements, follow-ups.

Locations are limited to those the person filling the form in facilitates;
the services check again (a form is only a convenience) and their errors come
back onto the form's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import Organisation, PilotLocation
from cpphub.planning.models import Engagement, FollowUp, Stakeholder
from cpphub.planning.selectors.access import facilitated_location_ids

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORE = forms.NumberInput(attrs={"min": 1, "max": 5, "step": 1, "inputmode": "numeric"})


def my_locations(viewer: Any) -> Any:
    return PilotLocation.objects.filter(pk__in=facilitated_location_ids(viewer)).order_by("name")


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = [
            "location",
            "name",
            "organisation",
            "sector",
            "can_do",
            "contact_name",
            "contact_details",
            "power",
            "interest",
            "notes",
        ]
        widgets = {"can_do": TEXTAREA, "notes": TEXTAREA, "power": SCORE, "interest": SCORE}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["location"]
        else:
            self.fields["location"].queryset = my_locations(viewer)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["organisation"].empty_label = _("Not in the partnership's registry")  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        """The service says it, in words: a name already used in the location."""


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(choices=[("true", "true"), ("false", "false")], coerce=lambda v: v == "true")


class MoveForm(forms.Form):
    """A move on the grid: a step (``power_delta``, ``interest_delta``: -1 or 1) or a value (``power``, ``interest``).

    Empty fields leave that score as it is.
    """

    power = forms.IntegerField(required=False)
    interest = forms.IntegerField(required=False)
    power_delta = forms.TypedChoiceField(
        choices=[("-1", "-1"), ("1", "1")], coerce=int, required=False, empty_value=None
    )
    interest_delta = forms.TypedChoiceField(
        choices=[("-1", "-1"), ("1", "1")], coerce=int, required=False, empty_value=None
    )


class EngagementForm(forms.ModelForm):
    class Meta:
        model = Engagement
        fields = ["location", "kind", "date", "title", "stakeholders", "participants", "sectors", "agreed"]
        widgets = {
            "date": DATE,
            "stakeholders": forms.CheckboxSelectMultiple,
            "sectors": forms.CheckboxSelectMultiple,
            "participants": TEXTAREA,
            "agreed": TEXTAREA,
        }

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["location"]
            location_ids = [self.instance.location_id]
        else:
            locations = my_locations(viewer)
            self.fields["location"].queryset = locations  # type: ignore[attr-defined]
            location_ids = list(locations.values_list("pk", flat=True))
        choices = Stakeholder.objects.filter(location_id__in=location_ids, is_active=True).select_related("location")
        if self.instance.pk:  # keep those present then, even if deactivated since
            choices = choices | Stakeholder.objects.filter(engagements=self.instance).select_related("location")
        field = self.fields["stakeholders"]
        field.queryset = choices.distinct().order_by("location__name", "name")  # type: ignore[attr-defined]
        if len(location_ids) > 1:
            field.label_from_instance = lambda s: f"{s.name} · {s.location.name}"  # type: ignore[attr-defined]
        field.help_text = _("Stakeholders of the engagement's location.")


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_date", "done_at"]
        widgets = {"due_date": DATE, "done_at": DATE}


class DoneForm(forms.Form):
    done_at = forms.DateField(label=_("Done on"), required=False, widget=DATE)
