"""The forms that create and edit registry records.

Sectors, partnership roles and implementing partners are groups of check
boxes (each group a fieldset, see ``includes/form_field.html``) labelled in
the reader's language. Where a record points at an organisation or country,
deactivated ones are offered only if the record already points at them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation

TEXTAREA = forms.Textarea(attrs={"rows": 4})


def _offer_active_or_current(field: Any, current: Iterable[Any], empty_label: Any = None) -> None:
    """Limit a choice field to active rows and those already chosen; name its empty choice."""
    current = [pk for pk in current if pk is not None]
    field.queryset = field.queryset.filter(Q(is_active=True) | Q(pk__in=current))
    if empty_label is not None:
        field.empty_label = empty_label


def _formfield(field: models.Field, **kwargs: Any) -> Any:
    """Form fields as Django makes them; a web address typed without a scheme is https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = _formfield
        fields = ["name", "acronym", "sectors", "country", "level", "partnership_roles", "website", "description"]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "partnership_roles": forms.CheckboxSelectMultiple,
            "description": TEXTAREA,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_active_or_current(
            self.fields["country"], [self.instance.country_id], _("None: an international organisation")
        )


class CountryForm(forms.ModelForm):
    class Meta:
        model = Country
        fields = ["code", "name", "languages"]
        widgets = {"code": forms.TextInput(attrs={"size": 2, "autocapitalize": "characters"})}


class LocationForm(forms.ModelForm):
    class Meta:
        model = PilotLocation
        fields = [
            "name",
            "slug",
            "country",
            "admin_area",
            "latitude",
            "longitude",
            "stage",
            "lead_partner",
            "implementing_partners",
            "notes",
        ]
        widgets = {
            "latitude": forms.NumberInput(attrs={"step": "any"}),
            "longitude": forms.NumberInput(attrs={"step": "any"}),
            "implementing_partners": forms.CheckboxSelectMultiple,
            "notes": TEXTAREA,
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens, used in exports. Left empty, it is made from the name."),
            "latitude": _("Decimal degrees, e.g. -23.6639"),
            "longitude": _("Decimal degrees, e.g. -46.5383"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        _offer_active_or_current(self.fields["country"], [self.instance.country_id], _("Choose a country"))
        _offer_active_or_current(self.fields["lead_partner"], [self.instance.lead_partner_id], _("No lead partner yet"))
        current_partners = self.instance.implementing_partners.values_list("pk", flat=True) if self.instance.pk else []
        _offer_active_or_current(self.fields["implementing_partners"], current_partners)

    def clean_slug(self) -> str:
        name = self.cleaned_data.get("name") or ""
        slug = self.cleaned_data.get("slug") or slugify(name)[:80].strip("-")
        if name and not slug:
            raise forms.ValidationError(_("Give a short name of Latin letters, digits and hyphens."), code="required")
        return slug


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "kind", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": TEXTAREA,
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["full_name", "job_title", "organisation", "email", "phone", "languages", "notes"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": TEXTAREA,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_active_or_current(
            self.fields["organisation"], [self.instance.organisation_id], _("Choose an organisation")
        )


class ActiveForm(forms.Form):
    """The deactivate/reactivate button: ``active=true`` or ``active=false``."""

    active = forms.TypedChoiceField(
        choices=[("true", _("Active")), ("false", _("Inactive"))], coerce=lambda v: v == "true"
    )
