"""Forms, filters and tables of the submission pages: upload, identifying columns, paper-form entry, lists."""

from __future__ import annotations

import re
from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import AgeBand, ImportJob, Instrument, MappingSession, Question, Sex, Submission
from cpphub.mapping.selectors.instruments import LabelledQuestion, instrument_labels
from cpphub.partnership.models import PilotLocation
from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable

UPLOAD_LIMIT = 200 * 1024 * 1024  # bytes


class ImportForm(forms.Form):
    """A submissions file for an instrument; where (for a template) and in which session."""

    file = forms.FileField(
        label=_("Submissions file"),
        required=False,
        help_text=_("The JSON of Kobo's data API, or a CSV or XLSX export with group names in the headers."),
    )
    upload = forms.CharField(widget=forms.HiddenInput, required=False)
    location = forms.ModelChoiceField(label=_("Pilot location"), queryset=PilotLocation.objects.none())
    session = forms.ModelChoiceField(
        label=_("Mapping session"),
        queryset=MappingSession.objects.none(),
        required=False,
        help_text=_("Optional; its round is the round of the submissions (round 1 without a session)."),
    )

    def __init__(self, *args: Any, locations: QuerySet[PilotLocation], instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        location_field = self.fields["location"]
        assert isinstance(location_field, forms.ModelChoiceField)
        location_field.queryset = locations
        if instrument.location_id:
            del self.fields["location"]  # the instrument's own location
        session_field = self.fields["session"]
        assert isinstance(session_field, forms.ModelChoiceField)
        session_field.queryset = MappingSession.objects.filter(location__in=locations).order_by("-date")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > UPLOAD_LIMIT:
            raise forms.ValidationError(_("The file is larger than 200 MB: split it or use the command line."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instrument.location_id:
            data["location"] = self.instrument.location
        if not data.get("file") and not data.get("upload"):
            self.add_error("file", forms.ValidationError(_("Choose a file."), code="required"))
        session, location = data.get("session"), data.get("location")
        if session is not None and location is not None and session.location_id != location.pk:
            self.add_error("session", forms.ValidationError(_("The session was held in another location.")))
        return data


ACTION_CHOICES = [("pseudonymise", _("Pseudonymise (replace by a stable code)")), ("drop", _("Drop (leave out)"))]


def action_fields(form: forms.Form, columns: dict[str, str]) -> None:
    """Add a choice per identifying column (``action_<n>``) to ``form``."""
    for position, column in enumerate(columns):
        form.fields[f"action_{position}"] = forms.ChoiceField(
            label=column, choices=ACTION_CHOICES, widget=forms.RadioSelect, initial="pseudonymise"
        )


def chosen_actions(data: Any, columns: list[str]) -> dict[str, str]:
    actions = {}
    for position, column in enumerate(columns):
        choice = data.get(f"action_{position}")
        if choice in ("pseudonymise", "drop"):
            actions[column] = choice
    return actions


def form_language(instrument: Instrument) -> str:
    """The instrument's language that matches the page's language (``"ไทย (th)"`` for th), else its default."""
    current = (translation.get_language() or "en").lower()
    for language in instrument.languages:
        match = re.search(r"\(([^()]+)\)\s*$", language)
        code = match.group(1).lower() if match else language.lower()
        if code in (current, current.split("-")[0]):
            return language
    return instrument.default_language


def _field(question: LabelledQuestion) -> forms.Field | None:
    base = question.type.split(" ", 1)[0]
    common: dict[str, Any] = {"label": question.label or question.name, "required": False}
    if question.hint:
        common["help_text"] = question.hint
    choices = [(choice.name, choice.label or choice.name) for choice in question.choices]
    if base == "select_one":
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if base == "select_multiple":
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if base == "integer":
        return forms.IntegerField(**common)
    if base == "decimal":
        return forms.DecimalField(**common)
    if base == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if base in ("text", "string"):
        return forms.CharField(max_length=2000, **common)
    return None  # notes, calculations, media: nothing to type in


class EntryForm(forms.Form):
    """A paper form typed in: one field per question of the instrument, in the page's language."""

    location = forms.ModelChoiceField(label=_("Pilot location"), queryset=PilotLocation.objects.none())

    def __init__(self, *args: Any, instrument: Instrument, locations: QuerySet[PilotLocation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        location_field = self.fields["location"]
        assert isinstance(location_field, forms.ModelChoiceField)
        location_field.queryset = locations
        if instrument.location_id:
            del self.fields["location"]  # the instrument's own location
        self.paths: dict[str, str] = {}  # field name -> question path
        self.sections: list[tuple[str, list[str]]] = []  # (group label, field names)
        heading = ""
        names: list[str] = []
        for question in instrument_labels(instrument, form_language(instrument)):
            if question.kind != Question.Kind.QUESTION:
                if names:
                    self.sections.append((heading, names))
                heading, names = question.label or question.name, []
                continue
            field = _field(question)
            if field is None:
                continue
            name = f"q_{question.question.pk}"
            self.fields[name] = field
            self.paths[name] = question.path
            names.append(name)
        if names:
            self.sections.append((heading, names))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instrument.location_id:
            data["location"] = self.instrument.location
        return data

    def answers(self) -> dict[str, Any]:
        return {
            path: [str(v) for v in value] if isinstance(value, list) else str(value)
            for name, path in self.paths.items()
            if (value := self.cleaned_data.get(name)) not in (None, "", [])
        }

    def field_for(self, path: str) -> str | None:
        return next((name for name, question_path in self.paths.items() if question_path == path), None)


class SubmissionFilter(django_filters.FilterSet):
    instrument = django_filters.ModelChoiceFilter(
        label=_("Instrument"), queryset=Instrument.objects.order_by("title"), empty_label=_("All instruments")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Pilot location"),
        queryset=PilotLocation.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All locations"),
    )
    round = django_filters.NumberFilter(label=_("Mapping round"))
    age_band = django_filters.ChoiceFilter(label=_("Age band"), choices=AgeBand.choices, empty_label=_("All ages"))
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Sex.choices, empty_label=_("All"))

    class Meta:
        model = Submission
        fields = ["instrument", "location", "round", "age_band", "sex"]


class SubmissionTable(RegisterTable):
    uuid = tables.Column(linkify=("mapping:submission_detail", {"pk": tables.A("pk")}), verbose_name=_("Submission"))
    instrument = tables.Column(order_by=("instrument__title",))
    location = tables.Column(order_by=("location__name",))
    participant = tables.Column(verbose_name=_("Participant code"), order_by=("participant__code",))

    class Meta:
        model = Submission
        fields = [
            "uuid",
            "instrument",
            "location",
            "round",
            "perspective",
            "age_band",
            "sex",
            "participant",
            "submitted_at",
            "source",
        ]
        order_by = "-submitted_at"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class ImportJobTable(RegisterTable):
    file_name = tables.Column(linkify=("mapping:import_detail", {"pk": tables.A("pk")}))
    instrument = tables.Column(order_by=("instrument__title",))
    location = tables.Column(order_by=("location__name",))

    class Meta:
        model = ImportJob
        fields = [
            "file_name",
            "instrument",
            "location",
            "status",
            "created_count",
            "skipped_count",
            "declined_count",
            "created_by",
            "created_at",
        ]
        order_by = "-created_at"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}
