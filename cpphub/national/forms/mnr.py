"""The forms of the MNR pages: an assessment (with its four phase names) and the ratings of its 21 capabilities."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.national.forms.engagements import DATE, TEXTAREA, partner_label
from cpphub.national.models import MnrAssessment, MnrRating
from cpphub.national.selectors.engagements import national_partners, writable_countries
from cpphub.national.selectors.mnr import phase_names

PHASE_FIELDS = ("phase_1", "phase_2", "phase_3", "phase_4")


class AssessmentForm(forms.ModelForm):
    """An assessment's country (only when made), title, date, framework version, phase names, status and notes."""

    phase_1 = forms.CharField(label=_("Name of phase 1"), max_length=60, required=False)
    phase_2 = forms.CharField(label=_("Name of phase 2"), max_length=60, required=False)
    phase_3 = forms.CharField(label=_("Name of phase 3"), max_length=60, required=False)
    phase_4 = forms.CharField(label=_("Name of phase 4"), max_length=60, required=False)
    copy_previous = forms.BooleanField(
        label=_("Start from the country's previous assessment"),
        required=False,
        help_text=_("Copies its phases, evidence and partners; otherwise all 21 capabilities start unrated."),
    )

    class Meta:
        model = MnrAssessment
        fields = ["country", "title", "assessed_on", "framework_version", "status", "notes"]
        widgets = {"assessed_on": DATE, "notes": TEXTAREA}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["country"]
            del self.fields["copy_previous"]
            for name, label in zip(PHASE_FIELDS, self.instance.phase_labels or [], strict=False):
                self.fields[name].initial = label
        else:
            self.fields["country"].queryset = writable_countries(viewer)  # type: ignore[attr-defined]
        self.fields["phase_1"].help_text = _(
            "Leave all four empty for the framework's own names: Building, Developing, Established, Maturity."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = [(data.get(name) or "").strip() for name in PHASE_FIELDS]
        if any(names) and not all(names):
            for name, value in zip(PHASE_FIELDS, names, strict=True):
                if not value:
                    self.add_error(name, _("Name all four phases, or none for the framework's own names."))
        data["phase_labels"] = names if all(names) else []
        return data

    def _post_clean(self) -> None:
        # The phase names reach the model before it validates itself.
        if self.is_bound and hasattr(self, "cleaned_data"):
            self.instance.phase_labels = self.cleaned_data.get("phase_labels", [])
        super()._post_clean()  # type: ignore[misc]


class RatingForm(forms.ModelForm):
    """One capability's phase, evidence and partners; the capability itself is fixed."""

    class Meta:
        model = MnrRating
        fields = ["phase", "evidence", "partners"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2}), "partners": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, assessment: MnrAssessment, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = phase_names(assessment)
        self.fields["phase"] = forms.TypedChoiceField(
            label=_("Phase"),
            choices=[("", _("Not yet assessed")), *((n, f"{n}. {name}") for n, name in enumerate(names, start=1))],
            coerce=int,
            empty_value=None,
            required=False,
        )
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["partners"].label_from_instance = partner_label  # type: ignore[attr-defined]
        self.fields["partners"].required = False


class _RatingFormSet(forms.BaseModelFormSet):
    def __init__(self, *args: Any, assessment: MnrAssessment, **kwargs: Any) -> None:
        self.assessment = assessment
        self.partners = national_partners([assessment.country_id])
        kwargs.setdefault("queryset", assessment.ratings.order_by("capability"))
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "assessment": self.assessment, "partners": self.partners}


RatingFormSet = forms.modelformset_factory(
    MnrRating, form=RatingForm, formset=_RatingFormSet, extra=0, can_delete=False, edit_only=True
)
