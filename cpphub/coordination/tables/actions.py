"""The sortable table of coordinated actions."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models import CoordinatedAction
from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable


def status_badge(action: CoordinatedAction) -> Any:
    """The status in words (never colour alone)."""
    return format_html(
        '<span class="badge status-badge status-{}">{}</span>', action.status, action.get_status_display()
    )


class CoordinatedActionTable(RegisterTable):
    title = tables.Column(linkify=("coordination:action_detail", {"pk": tables.A("pk")}), verbose_name=_("Action"))
    where = tables.Column(empty_values=(), orderable=False, verbose_name=_("Where"))
    lead = tables.Column(order_by=("lead__name",), verbose_name=_("Lead partner"))
    partners = tables.Column(empty_values=(), orderable=False, verbose_name=_("Partners"))
    outcome = tables.Column(verbose_name=_("Outcome"))
    status = tables.Column(verbose_name=_("Status"))
    children_to_reach = tables.Column(verbose_name=_("Children to reach"), default="—")
    start = tables.DateColumn(verbose_name=_("Start"), default="—")
    end = tables.DateColumn(verbose_name=_("End"), default="—")

    class Meta:
        model = CoordinatedAction
        fields = ["title", "where", "lead", "partners", "outcome", "status", "children_to_reach", "start", "end"]
        order_by = "-start"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_where(self, record: CoordinatedAction) -> Any:
        places = [loc.name for loc in record.locations.all()] or [c.name for c in record.countries.all()]
        return ", ".join(places) or "—"

    def render_partners(self, record: CoordinatedAction) -> Any:
        names = sorted({str(c.organisation) for c in record.contributions.all()} - {str(record.lead)})
        if not names:
            return "—"
        return format_html_join(", ", "{}", ((name,) for name in names))

    def render_status(self, record: CoordinatedAction) -> Any:
        return status_badge(record)

    def value_status(self, record: CoordinatedAction) -> Any:
        return record.get_status_display()
