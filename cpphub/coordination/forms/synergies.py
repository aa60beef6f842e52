"""The forms of the synergy pages: running the finder and dismissing a suggestion."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import Country


class FindForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("Every country"),
        to_field_name="code",
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why dismiss it?"),
        max_length=300,
        error_messages={"required": _("Say why the synergy is dismissed.")},
    )
