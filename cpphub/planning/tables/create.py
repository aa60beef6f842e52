"""The sortable tables of the Create stage: action plans, and the actions of a plan (its table view)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable
from cpphub.planning.models import Action, ActionPlan


def status_badge(action: Action) -> Any:
    """The status in words (never colour alone), with an "overdue" badge when the end has passed."""
    overdue = getattr(action, "overdue", None)
    if overdue is None:
        overdue = action.is_overdue()
    badge = format_html(
        '<span class="badge status-badge status-{}">{}</span>', action.status, action.get_status_display()
    )
    if overdue:
        return format_html('{} <span class="badge badge-overdue">{}</span>', badge, _("Overdue"))
    return badge


class ActionPlanTable(RegisterTable):
    title = tables.Column(linkify=("planning:plan_detail", {"pk": tables.A("pk")}), verbose_name=_("Title"))
    location = tables.Column(order_by=("location__name",), verbose_name=_("Pilot location"))
    workshop = tables.Column(order_by=("workshop__date",), verbose_name=_("Workshop"), default="—")
    action_count = tables.Column(verbose_name=_("Actions"))
    overdue_count = tables.Column(verbose_name=_("Overdue"))

    class Meta:
        model = ActionPlan
        fields = ["title", "location", "workshop", "action_count", "overdue_count", "created_at"]
        order_by = "location"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_overdue_count(self, value: int) -> Any:
        if value:
            return format_html('<span class="badge badge-overdue">{}</span>', value)
        return value


class ActionTable(RegisterTable):
    title = tables.Column(linkify=("planning:action_detail", {"pk": tables.A("pk")}), verbose_name=_("Action"))
    outcome = tables.Column(verbose_name=_("Outcome"))
    lead_partner = tables.Column(order_by=("lead_partner__name",), verbose_name=_("Lead partner"))
    start = tables.DateColumn(verbose_name=_("Start"))
    end = tables.DateColumn(verbose_name=_("End"))
    status = tables.Column(verbose_name=_("Status"))
    budget = tables.Column(verbose_name=_("Budget"), default="—")
    indicator = tables.Column(verbose_name=_("Indicator"), orderable=False, default="—")

    class Meta:
        model = Action
        fields = ["title", "outcome", "lead_partner", "start", "end", "status", "budget", "indicator"]
        order_by = "start"
        template_name = TEMPLATE
        empty_text = _("No actions yet.")
        attrs = {"class": "striped"}

    def render_status(self, record: Action) -> Any:
        return status_badge(record)

    def value_status(self, record: Action) -> Any:
        return record.get_status_display()

    def render_budget(self, record: Action) -> Any:
        if record.budget is None:
            return "—"
        return f"{record.budget:,.2f} {record.currency}".strip()

    def render_indicator(self, record: Action) -> Any:
        parts = [record.indicator]
        if record.baseline is not None or record.target is not None:
            baseline = "—" if record.baseline is None else record.baseline
            target = "—" if record.target is None else record.target
            parts.append(f"({baseline} → {target})")
        return " ".join(parts)
