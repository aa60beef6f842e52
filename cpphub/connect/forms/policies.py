"""The form of a country's referral policy; the service checks it again and its refusals go onto the fields."""

from __future__ import annotations

from django import forms

from cpphub.connect.models import ReferralPolicy

HOURS = forms.NumberInput(attrs={"min": 1, "max": 2160, "step": 1, "inputmode": "numeric"})


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ReferralPolicy
        fields = ["high_hours", "medium_hours", "low_hours", "retention_days", "retention_action"]
        widgets = {
            "high_hours": HOURS,
            "medium_hours": HOURS,
            "low_hours": HOURS,
            "retention_days": forms.NumberInput(attrs={"min": 30, "max": 36500, "step": 1, "inputmode": "numeric"}),
            "retention_action": forms.RadioSelect,
        }
