"""The forms of the national engagement pages: meetings and what they yielded.

Countries are limited to those the person filling the form in may write for;
meetings and partners to those countries (partners: their own organisations
and international ones). A record keeps its country once made. The services
check everything again, and their errors come back onto the form's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import IctTag, RiskDimension
from cpphub.national.models import (
    Commitment,
    Expectation,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.national.selectors.engagements import national_partners, writable_countries
from cpphub.partnership.models import Organisation
from cpphub.planning.models import TargetGroup

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def partner_label(organisation: Organisation) -> str:
    if organisation.level == Organisation.Level.INTERNATIONAL or organisation.country is None:
        return f"{organisation} ({_('international')})"
    # A partner from a country without pilot locations (e.g. Canada) is offered to every country: say where from.
    where = organisation.country.name
    return f"{organisation} ({where})"


class _CountryForm(forms.ModelForm):
    """A record of a country: the country (only when made), and partners of the countries one may write for."""

    partner_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["country"]
            country_ids: Any = [self.instance.country_id]
        else:
            countries = writable_countries(viewer)
            self.fields["country"].queryset = countries  # type: ignore[attr-defined]
            country_ids = list(countries.values_list("pk", flat=True))
        for name in self.partner_fields:
            field = self.fields[name]
            field.queryset = national_partners(country_ids)  # type: ignore[attr-defined]
            field.label_from_instance = partner_label  # type: ignore[attr-defined]
        if "engagement" in self.fields:
            field = self.fields["engagement"]
            field.queryset = (  # type: ignore[attr-defined]
                NationalEngagement.objects.filter(country_id__in=country_ids)
                .select_related("country")
                .order_by("-date", "-id")
            )
            field.label_from_instance = lambda e: f"{e.title} · {e.date:%Y-%m-%d} · {e.country}"  # type: ignore[attr-defined]
            field.empty_label = _("Not recorded at a meeting")  # type: ignore[attr-defined]
        if "organisation" in self.fields:
            self.fields["organisation"].empty_label = _("No particular partner")  # type: ignore[attr-defined]
            self.fields["organisation"].help_text = _("An organisation of the country, or an international one.")


class EngagementForm(_CountryForm):
    partner_fields = ("organisations",)

    class Meta:
        model = NationalEngagement
        fields = ["country", "kind", "date", "title", "organisations", "participants", "minutes"]
        widgets = {
            "date": DATE,
            "organisations": forms.CheckboxSelectMultiple,
            "participants": TEXTAREA,
            "minutes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"organisations": _("The organisations present: of the country, or international ones.")}


def _codes(label: Any, choices: Any, help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class _FocusForm(_CountryForm):
    partner_fields = ("organisation",)
    risks = _codes(_("4Cs risks"), RiskDimension.choices, _("The CO:RE risks it concerns."))
    ict_tags = _codes(_("Online harms"), IctTag.choices)
    target_groups = _codes(_("Target groups"), TargetGroup.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, empty in (("mnr_capability", _("None in particular")), ("outcome", _("Not given"))):
            field = self.fields[name]
            field.choices = [("", empty), *[c for c in field.choices if c[0] not in ("", None)]]  # type: ignore[attr-defined]


FOCUS = ["mnr_capability", "risks", "ict_tags", "target_groups", "outcome"]


class PriorityForm(_FocusForm):
    class Meta:
        model = NationalPriority
        fields = [
            "country",
            "engagement",
            "organisation",
            "title",
            "description",
            "importance",
            *FOCUS,
            "status",
        ]
        widgets = {
            "description": TEXTAREA,
            "importance": forms.NumberInput(attrs={"min": 1, "max": 5, "step": 1, "inputmode": "numeric"}),
        }


class StrengthForm(_FocusForm):
    class Meta:
        model = NationalStrength
        fields = [
            "country",
            "engagement",
            "organisation",
            "kind",
            "title",
            "description",
            "expertise",
            "amount",
            "unit",
            *FOCUS,
        ]
        widgets = {"description": TEXTAREA}


class ExpectationForm(_CountryForm):
    partner_fields = ("organisation",)

    class Meta:
        model = Expectation
        fields = ["country", "engagement", "organisation", "text"]
        widgets = {"text": TEXTAREA}


class CommitmentForm(_FocusForm):
    class Meta:
        model = Commitment
        fields = ["country", "engagement", "organisation", "title", "owner_name", "due_date", "done_at", *FOCUS]
        widgets = {"due_date": DATE, "done_at": DATE}
