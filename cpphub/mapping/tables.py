"""The sortable tables of the Map stage's list pages (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import Finding, Instrument, MappingSession, Participant
from cpphub.mapping.models.people import DEFAULT_CONSENT_RULES
from cpphub.mapping.selectors.records import consent_status
from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable


def _codes_html(codes: list[str], labels: dict[str, Any]) -> Any:
    return format_html_join(" ", '<span class="badge">{}</span>', ((labels.get(code, code),) for code in codes))


class InstrumentTable(RegisterTable):
    title = tables.Column(linkify=("mapping:instrument_detail", {"pk": tables.A("pk")}), verbose_name=_("Title"))
    location = tables.Column(verbose_name=_("Pilot location"), order_by=("location__name",), default="")
    languages = tables.Column(verbose_name=_("Languages"), orderable=False)
    question_count = tables.Column(verbose_name=_("Questions"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = Instrument
        fields = ["title", "version", "location", "languages", "question_count", "created_at", "is_active"]
        order_by = "-created_at"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_location(self, record: Instrument) -> Any:
        return record.location.name if record.location else _("Partnership template")

    def value_location(self, record: Instrument) -> Any:
        return self.render_location(record)

    def render_languages(self, value: list[str]) -> str:
        return ", ".join(value)


class SessionTable(RegisterTable):
    title = tables.Column(linkify=("mapping:session_detail", {"pk": tables.A("pk")}))
    location = tables.Column(order_by=("location__name",))
    group_count = tables.Column(verbose_name=_("Groups"))

    class Meta:
        model = MappingSession
        fields = ["title", "kind", "location", "date", "round", "group_count"]
        order_by = "-date"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class ParticipantTable(RegisterTable):
    code = tables.Column(linkify=("mapping:participant_detail", {"pk": tables.A("pk")}))
    location = tables.Column(order_by=("location__name",))
    consent = tables.Column(verbose_name=_("Consent"), accessor="pk", orderable=False)

    class Meta:
        model = Participant
        fields = ["code", "location", "perspective", "age_band", "sex", "informant_role", "consent"]
        order_by = "code"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def __init__(self, *args: Any, rules: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules

    def render_consent(self, record: Participant) -> Any:
        rules = self.rules.get(record.location.country_id) or DEFAULT_CONSENT_RULES
        status = consent_status(record, record.consents.all(), rules)
        css = "badge" if status.complete else "badge badge-inactive"
        return format_html('<span class="badge-consent {}">{}</span>', css, status.label)


class FindingTable(RegisterTable):
    summary = tables.Column(linkify=("mapping:finding_detail", {"pk": tables.A("pk")}))
    location = tables.Column(order_by=("location__name",))
    codes = tables.Column(verbose_name=_("Codes"), accessor="pk", orderable=False)

    class Meta:
        model = Finding
        fields = ["summary", "kind", "location", "codes", "source_type", "severity", "carried_forward", "created_at"]
        order_by = "-created_at"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_codes(self, record: Finding) -> Any:
        from cpphub.mapping.models import Channel, IctTag

        parts = [
            record.get_risk_dimension_display(),
            record.get_risk_row_display(),
            record.get_strength_display(),
        ]
        badges = format_html_join(" ", '<span class="badge">{}</span>', ((part,) for part in parts if part))
        return format_html(
            "{} {} {}",
            badges,
            _codes_html(record.ict_tags, dict(IctTag.choices)),
            _codes_html(record.channels, dict(Channel.choices)),
        )
