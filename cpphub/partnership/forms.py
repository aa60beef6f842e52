"""The forms that create and edit registry records.

Sectors, partnership roles and implementing partners are groups of check
boxes (each group a fieldset, see ``includes/form_field.html``) labelled in
the reader's language. Where a record points at an organisation or country,
deactivated ones are offered only if the record already points at them.

An edit form carries, in a hidden field, the version of the record it was
filled in from, so that saving it cannot overwrite a change someone else
saved in the meantime (see :mod:`cpphub.partnership.versions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation
from cpphub.partnership.versions import EditConflict, record_version

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


class VersionedForm(forms.ModelForm):
    """A record's form; editing, it remembers the version of the record it was filled in from.

    ``version`` (hidden) is taken out of ``cleaned_data`` into ``loaded_version``
    (None when a post has none), for the update service to check.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    loaded_version: str | None = None
    conflict: EditConflict | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version"]
        elif not self.is_bound:
            self.initial["version"] = record_version(self.instance)

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.loaded_version = self.cleaned_data.pop("version", None) or None
        return self.cleaned_data

    def show_conflict(self, conflict: EditConflict) -> None:
        """Say that the record changed since the form was filled in; submitted again, the form saves.

        The reader's entries stay as they were sent; only the hidden version
        moves on to the stored one, so a second save is a deliberate one.
        """
        self.conflict = conflict
        advice = gettext("Nothing was saved. Your entries are kept below: review them, then save again.")
        self.add_error(None, f"{conflict.message} {advice}")
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix("version")] = conflict.version
        self.data = data


class OrganisationForm(VersionedForm):
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


class CountryForm(VersionedForm):
    class Meta:
        model = Country
        fields = ["code", "name", "languages"]
        widgets = {"code": forms.TextInput(attrs={"size": 2, "autocapitalize": "characters"})}


class LocationForm(VersionedForm):
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


class PhaseForm(VersionedForm):
    class Meta:
        model = Phase
        fields = ["name", "kind", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": TEXTAREA,
        }


class ContactForm(VersionedForm):
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
