"""What the 3W can be filtered by (page, export and API alike), and how its matrix is pivoted.

``?location=chiang-rai&sector=ngo&risk=contact&start=2009-01-01&end=2009-12-31``. A location is named
by its short name (slug); ``location=none`` keeps the national and partnership-wide activities; a
country by its ISO code; a partner by its id. The period keeps activities that overlap it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.selectors.three_w import (
    COLUMN_DIMENSIONS,
    KIND_LABELS,
    NO_LOCATION,
    ROW_DIMENSIONS,
    STATUS_CHOICES,
)
from cpphub.mapping.models import RiskDimension
from cpphub.partnership.models import Country, Organisation, PilotLocation, Sector
from cpphub.planning.models import Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


ALL = _("All")


def _all(choices: Any, label: Any = ALL) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class ThreeWFilterForm(forms.Form):
    location = forms.ChoiceField(label=_("Pilot location"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=_all(Sector.Code.choices))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=_all(Outcome.choices))
    risk = forms.ChoiceField(label=_("4Cs risk"), required=False, choices=_all(RiskDimension.choices))
    partner = forms.ModelChoiceField(
        label=_("Partner"), required=False, queryset=Organisation.objects.none(), empty_label=_("All partners")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_all(STATUS_CHOICES))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_all(list(KIND_LABELS.items())))
    start = forms.DateField(label=_("From"), required=False, widget=DATE, help_text=_("Active on or after"))
    end = forms.DateField(label=_("To"), required=False, widget=DATE, help_text=_("Active on or before"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locations = PilotLocation.objects.select_related("country").order_by("country__name", "name")
        self.fields["location"].choices = _all(  # type: ignore[attr-defined]
            [
                *((location.slug, f"{location.name} ({location.country.code})") for location in locations),
                (NO_LOCATION, _("No pilot location (national or partnership-wide)")),
            ],
            _("All locations"),
        )
        self.fields["country"].choices = _all(  # type: ignore[attr-defined]
            [(country.code, country.name) for country in Country.objects.order_by("name")], _("All countries")
        )
        self.fields["partner"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """The cleaned filters (empty when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        partner = data.get("partner")
        data["partner"] = partner.pk if partner is not None else None
        return {name: value for name, value in data.items() if value not in (None, "")}


class PivotForm(forms.Form):
    rows = forms.ChoiceField(label=_("Rows"), required=False, choices=list(ROW_DIMENSIONS.items()))
    columns = forms.ChoiceField(label=_("Columns"), required=False, choices=list(COLUMN_DIMENSIONS.items()))

    def dimensions(self) -> tuple[str, str]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("rows") or "partner", self.cleaned_data.get("columns") or "location"
        return "partner", "location"
