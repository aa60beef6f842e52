"""The list under the 3W matrix: one row per partner, activity and place."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.selectors.three_w import ThreeWRow
from cpphub.partnership.tables import TEMPLATE, RegisterTable


class ThreeWTable(RegisterTable):
    activity = tables.Column(verbose_name=_("What"))
    partner = tables.Column(verbose_name=_("Who"))
    sectors = tables.Column(verbose_name=_("Sectors"), accessor="sector_labels")
    where = tables.Column(verbose_name=_("Where"))
    when = tables.Column(verbose_name=_("When"), accessor="start", empty_values=())
    outcome = tables.Column(verbose_name=_("Outcome"), accessor="outcome_label")
    risks = tables.Column(verbose_name=_("4Cs risks"), accessor="risk_labels")
    status = tables.Column(verbose_name=_("Status"), accessor="status_label")

    class Meta:
        template_name = TEMPLATE
        empty_text = _("No activity matches these filters.")
        attrs = {"class": "striped", "id": "three-w-rows"}
        orderable = False

    def render_activity(self, record: ThreeWRow) -> Any:
        title = format_html('<a href="{}">{}</a>', record.url, record.activity) if record.url else record.activity
        return format_html('{}<br><small class="muted">{}</small>', title, record.kind_label)

    def render_partner(self, record: ThreeWRow) -> Any:
        return format_html('{}<br><small class="muted">{}</small>', record.partner, record.role_label)

    def render_sectors(self, value: list[str]) -> str:
        return ", ".join(value) or "—"

    def render_when(self, record: ThreeWRow) -> Any:
        start = record.start.isoformat() if record.start else "…"
        end = record.end.isoformat() if record.end else "…"
        return format_html('<span class="nowrap">{} – {}</span>', start, end)

    def render_outcome(self, value: str) -> str:
        return value or "—"

    def render_risks(self, value: list[str]) -> Any:
        if not value:
            return "—"
        return format_html_join(" ", '<span class="badge">{}</span>', ((label,) for label in value))
