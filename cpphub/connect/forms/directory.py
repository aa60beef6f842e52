"""The forms of keeping the directory: providers, services and locations.

The services check everything again (ages, locations of the provider, virtual
locations without address); their errors come back onto the form's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models import Service, ServiceLocation, ServiceOrganisation
from cpphub.connect.services.directory import SERVICE_FIELDS, clean_languages

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _formfield(field: models.Field, **kwargs: Any) -> Any:
    """Form fields as Django makes them; a web address typed without a scheme is https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProviderForm(forms.ModelForm):
    class Meta:
        model = ServiceOrganisation
        formfield_callback = _formfield
        fields = [
            "name",
            "alternate_name",
            "description",
            "country",
            "partner",
            "email",
            "website",
            "phone",
            "is_active",
        ]
        widgets = {"description": TEXTAREA}


class ServiceForm(forms.ModelForm):
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Language codes separated by commas, e.g. th, en, pt-BR."),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Where it is given"),
        queryset=ServiceLocation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The provider's locations where this service is given."),
    )

    class Meta:
        model = Service
        formfield_callback = _formfield
        fields = [*SERVICE_FIELDS, "locations"]
        widgets = {
            "description": TEXTAREA,
            "eligibility_description": TEXTAREA,
            "fees_description": TEXTAREA,
            "hours": TEXTAREA,
            "application_process": TEXTAREA,
            "how_to_refer": TEXTAREA,
            "categories": forms.CheckboxSelectMultiple,
            "pilot_locations": forms.CheckboxSelectMultiple,
            "minimum_age": forms.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"}),
            "maximum_age": forms.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"}),
        }

    def __init__(self, *args: Any, provider: ServiceOrganisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locations"].queryset = ServiceLocation.objects.filter(  # type: ignore[attr-defined]
            organisation=provider
        ).order_by("name")
        if self.instance.pk:
            self.initial["languages"] = ", ".join(self.instance.languages or [])
            self.initial["locations"] = [link.location_id for link in self.instance.service_at_locations.all()]

    def clean_languages(self) -> list[str]:
        codes, problem = clean_languages(self.cleaned_data.get("languages"))
        if problem:
            raise forms.ValidationError(problem)
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("minimum_age", _("The minimum age must not be above the maximum age."))
        return data

    def _post_clean(self) -> None:
        # The service validates the model (and its age constraint) when it saves; do not do it twice.
        pass


class LocationForm(forms.ModelForm):
    class Meta:
        model = ServiceLocation
        formfield_callback = _formfield
        fields = [
            "kind",
            "name",
            "description",
            "url",
            "address",
            "city",
            "region",
            "postal_code",
            "country_code",
            "latitude",
            "longitude",
            "address_is_confidential",
        ]
        widgets = {"description": TEXTAREA}

    def _post_clean(self) -> None:
        # The service checks the model (virtual without address, both coordinates) and names the fields.
        pass


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".json,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class HsdsImportForm(forms.Form):
    upload = MultipleFileField(
        label=_("HSDS files"),
        help_text=_("organizations.json, services.json and service_at_locations.json, or a zip holding them."),
    )
