"""The forms of the Map stage's pages.

Choices of locations, sessions, groups and participants are limited to what
the person filling the form in facilitates; the services check again (a form
is only a convenience), and their errors come back onto the form's fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import (
    Channel,
    Consent,
    ConsentRule,
    Finding,
    IctTag,
    Instrument,
    MappingSession,
    Participant,
    ParticipantGroup,
    RiskDimension,
    RiskRow,
    Strength,
)
from cpphub.mapping.selectors.access import can_manage_templates, facilitated_location_ids
from cpphub.mapping.selectors.records import import_locations, location_facilitators
from cpphub.mapping.services.instruments import SUFFIXES
from cpphub.partnership.models import PilotLocation

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 10 * 1024 * 1024


def _blank(choices: Any, label: Any = "—") -> list[tuple[str, Any]]:
    return [("", label), *choices]


def _my_locations(viewer: Any) -> Any:
    return PilotLocation.objects.filter(pk__in=facilitated_location_ids(viewer)).order_by("name")


class InstrumentImportForm(forms.Form):
    """An XLSForm and where it belongs: a location the viewer facilitates, or (coordinators) the partnership."""

    file = forms.FileField(
        label=_("XLSForm"),
        help_text=_("An .xlsx, .xls or .csv XLSForm, as used by ODK and KoboToolbox."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    location = forms.ModelChoiceField(label=_("Pilot location"), queryset=PilotLocation.objects.none())

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["location"]
        field.queryset = import_locations(viewer)  # type: ignore[attr-defined]
        if can_manage_templates(viewer):
            field.required = False
            field.empty_label = _("Partnership template (every location)")  # type: ignore[attr-defined]
            field.help_text = _("Leave as a template to share the instrument with every location.")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
        return upload


class TagForm(forms.Form):
    """The taxonomy tags of a question or a choice."""

    risk_dimension = forms.ChoiceField(label=_("4Cs dimension"), choices=_blank(RiskDimension.choices), required=False)
    risk_row = forms.ChoiceField(label=_("Risk row"), choices=_blank(RiskRow.choices), required=False)
    ict_tags = forms.MultipleChoiceField(
        label=_("ICT tags"), choices=IctTag.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    strength = forms.ChoiceField(label=_("Strength"), choices=_blank(Strength.choices), required=False)


class SessionForm(forms.ModelForm):
    class Meta:
        model = MappingSession
        fields = ["location", "kind", "title", "date", "round", "instrument", "facilitators", "notes"]
        widgets = {"date": DATE, "facilitators": forms.CheckboxSelectMultiple, "notes": TEXTAREA}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locations = _my_locations(viewer)
        facilitators: Any
        if self.instance.pk:
            del self.fields["location"]
            location_ids = [self.instance.location_id]
            facilitators = location_facilitators(self.instance.location)
        else:
            self.fields["location"].queryset = locations  # type: ignore[attr-defined]
            location_ids = list(locations.values_list("pk", flat=True))
            facilitators = location_facilitators(locations.first()) if len(location_ids) == 1 else None
        if facilitators is None:
            from cpphub.accounts.models import User

            facilitators = User.objects.none()
            for location in locations:
                facilitators = facilitators | location_facilitators(location)
            facilitators = facilitators.distinct()
        self.fields["facilitators"].queryset = facilitators  # type: ignore[attr-defined]
        self.fields["facilitators"].help_text = _("People with a facilitator membership in this location.")
        self.fields["instrument"].queryset = Instrument.objects.filter(  # type: ignore[attr-defined]
            Q(location__isnull=True) | Q(location_id__in=location_ids), is_active=True
        ).order_by("title")


class GroupForm(forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = ["perspective", "age_band", "sex", "informant_role", "size"]


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["location", "code", "perspective", "age_band", "sex", "informant_role", "group"]
        widgets = {"code": forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"})}
        help_texts = {"code": _("Use the code on the participant's card, e.g. CR-014. Never a name.")}

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = _my_locations(viewer)  # type: ignore[attr-defined]
        self.fields["group"].queryset = ParticipantGroup.objects.filter(  # type: ignore[attr-defined]
            session__location_id__in=facilitated_location_ids(viewer)
        ).select_related("session")
        self.fields["group"].label_from_instance = lambda group: f"{group.session} · {group}"  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        """The service says it, in words: a code already used in the location."""


class ConsentForm(forms.ModelForm):
    scope = forms.MultipleChoiceField(
        label=_("Scope"), choices=Consent.Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = Consent
        fields = ["type", "given_by", "scope", "language", "date"]
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate
        self.fields["scope"].initial = [Consent.Scope.ANSWERS]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Why the participant withdraws, in a few words. No names."),
        widget=TEXTAREA,
    )


class ConsentRuleForm(forms.Form):
    min_age = forms.IntegerField(label=_("From age"), min_value=0, max_value=17)
    max_age = forms.IntegerField(label=_("To age"), min_value=0, max_value=17)
    requirement = forms.ChoiceField(label=_("Requirement"), choices=ConsentRule.Requirement.choices)


ConsentRuleFormSet = forms.formset_factory(ConsentRuleForm, extra=2, can_delete=True)


class FindingForm(forms.ModelForm):
    ict_tags = forms.MultipleChoiceField(
        label=_("ICT tags"), choices=IctTag.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Finding
        fields = [
            "location",
            "kind",
            "summary",
            "risk_dimension",
            "risk_row",
            "ict_tags",
            "channels",
            "strength",
            "source_type",
            "session",
            "perspective",
            "age_band",
            "sex",
            "informant_role",
            "quote",
            "severity",
            "participants",
            "carried_forward",
        ]
        widgets = {"quote": TEXTAREA, "participants": forms.SelectMultiple(attrs={"size": 6})}
        help_texts = {
            "quote": _(
                "Remove every name, phone number, email and handle first: a quote that still holds one is refused."
            )
        }

    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location_ids = [self.instance.location_id] if self.instance.pk else list(facilitated_location_ids(viewer))
        if self.instance.pk:
            del self.fields["location"]
        else:
            self.fields["location"].queryset = _my_locations(viewer)  # type: ignore[attr-defined]
        self.fields["session"].queryset = MappingSession.objects.filter(  # type: ignore[attr-defined]
            location_id__in=location_ids
        ).select_related("location")
        self.fields["participants"].queryset = Participant.objects.filter(  # type: ignore[attr-defined]
            location_id__in=location_ids, withdrawn_at__isnull=True
        ).select_related("location")

    def _post_clean(self) -> None:
        """The service validates the finding (and names what a quote still holds)."""


class SettingsForm(forms.Form):
    threshold = forms.IntegerField(
        label=_("Small-cell threshold (k)"),
        help_text=_(
            "Counts from 1 to k-1 are never published, nor anything they could be worked out from. At least 5."
        ),
    )


class CarryForwardForm(forms.Form):
    carried_forward = forms.TypedChoiceField(
        choices=[("true", _("Yes")), ("false", _("No"))], coerce=lambda value: value == "true"
    )


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=[("true", _("Active")), ("false", _("Inactive"))], coerce=lambda value: value == "true"
    )
