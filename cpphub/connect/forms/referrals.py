"""The forms of cases, consent, follow-up notes and referrals.

The forms check the shape; the services (``services/referrals.py``) check the
rules (an age outside 0-17, consent, an inactive service) and their errors come
back onto these fields. The age is a plain number here so that the service's
message names the age given.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models import Case, Consent, Need, Pathway, Referral, RiskLevel, Service, ServiceOrganisation
from cpphub.connect.models.referrals import AgeBand
from cpphub.connect.selectors.referrals import active_services
from cpphub.connect.services.referrals import ACTIONS, STEPS
from cpphub.partnership.models import PilotLocation

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_FILTERS = ("page", "sort", "direction", "service", "pathway")


class _Typed:
    fields: Any

    @property
    def _any(self) -> Any:
        """The form's fields, typed loosely (choice and model choice fields alike)."""
        return self.fields


class CaseForm(_Typed, forms.ModelForm):
    age = forms.IntegerField(
        label=_("Age"), required=False, help_text=_("In years, 0 to 17. Leave empty and choose a band if not known.")
    )
    age_band = forms.ChoiceField(
        label=_("Age band"), required=False, choices=[("", "—"), *AgeBand.choices], help_text=_("Set from the age.")
    )

    class Meta:
        model = Case
        fields = [
            "name",
            "sex",
            "age",
            "age_band",
            "location",
            "guardian_contact",
            "situation",
            "need",
            "risk_level",
            "identified_on",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "guardian_contact": forms.TextInput(attrs={"autocomplete": "off"}),
            "situation": TEXTAREA,
            "identified_on": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._any["location"].queryset = PilotLocation.objects.select_related("country").order_by("name")
        if self.instance.pk:
            del self.fields["location"]  # the reference names it

    def _post_clean(self) -> None:  # the service validates and saves
        pass


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Case.Outcome.choices])
    closure_note = forms.CharField(label=_("Closure note"), required=False, widget=TEXTAREA)


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Consent.Kind.choices, initial=Consent.Kind.CONSENT)
    given_by = forms.ChoiceField(label=_("Given by"), choices=Consent.GivenBy.choices)
    given_by_name = forms.CharField(
        label=_("Name of who gave it"), required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Providers that may receive the information"),
        queryset=ServiceOrganisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    information = forms.MultipleChoiceField(
        label=_("Information that may be shared"),
        choices=Consent.Information.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=TEXTAREA, help_text=_("Do not write the child's name here."))
    referral = forms.ModelChoiceField(label=_("About the referral"), queryset=Case.objects.none(), required=False)

    def __init__(self, *args: Any, referrals: Any = None, require_referral: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["referral"]
        field.queryset = referrals if referrals is not None else field.queryset
        field.required = require_referral
        field.label_from_instance = lambda r: f"{r.service.name} · {r.get_status_display()}"


class ReferralForm(_Typed, forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    pathway = forms.ModelChoiceField(label=_("Pathway followed"), queryset=Pathway.objects.none(), required=False)
    shared_information = forms.MultipleChoiceField(
        label=_("Information to share"),
        choices=Consent.Information.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only what the consent allows."),
    )
    message = forms.CharField(label=_("Message to the service"), required=False, widget=TEXTAREA)
    override = forms.BooleanField(
        label=_("Safeguarding emergency: send without consent"),
        required=False,
        help_text=_("Only when waiting for consent would put the child at risk. Logged with your reason."),
    )
    override_reason = forms.CharField(
        label=_("Reason for sending without consent"),
        required=False,
        widget=TEXTAREA,
        help_text=_("Required with the emergency. Do not name the child."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._any["service"].queryset = active_services()
        self._any["service"].label_from_instance = lambda s: f"{s.name} · {s.organisation.name}"
        self._any["pathway"].queryset = Pathway.objects.filter(location_id=case.location_id)


class RespondForm(forms.Form):
    reason = forms.CharField(label=_("Reason or note"), required=False, widget=TEXTAREA)

    LABELS = {
        "accept": _("Note (optional)"),
        "decline": _("Reason for declining"),
        "start": _("Note (optional)"),
        "complete": _("What was done"),
        "revoke": _("Reason for revoking"),
    }

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert action in ACTIONS
        self.fields["reason"].label = self.LABELS[action]
        self.fields["reason"].required = STEPS[action].text_required
        self.fields["reason"].help_text = _("Do not name the child.")


class CaseFilter(_Typed, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Case.Status.choices])
    risk_level = forms.ChoiceField(label=_("Risk"), required=False, choices=[("", _("All"))])
    need = forms.ChoiceField(label=_("Need"), required=False, choices=[("", _("All"))])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._any["risk_level"].choices = [("", _("All")), *RiskLevel.choices]
        self._any["need"].choices = [("", _("All")), *Need.choices]


class ReferralFilter(_Typed, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))])
    risk = forms.ChoiceField(label=_("Risk"), required=False, choices=[("", _("All"))])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._any["status"].choices = [("", _("All")), *Referral.Status.choices]
        self._any["risk"].choices = [("", _("All")), *RiskLevel.choices]
