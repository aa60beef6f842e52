"""The table of the optimiser's runs: proposals, accepted versions and those they superseded."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cpphub.coordination.models import AllocationRun
from cpphub.coordination.selectors.allocation import person
from cpphub.partnership.tables import TEMPLATE, RegisterTable


def run_name(run: AllocationRun) -> str:
    if run.version:
        return str(_("Version {version}").format(version=run.version))
    return run.title or str(_("Proposal {number}").format(number=run.pk))


def status_badge(run: AllocationRun) -> Any:
    return format_html('<span class="badge run-status run-{}">{}</span>', run.status, run.get_status_display())


def percent(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return "—"
    return f"{number_format(round(value * 100, decimals), decimal_pos=decimals, use_l10n=True)} %"


def benefit(value: float | None) -> str:
    if value is None:
        return "—"
    return number_format(round(value, 2), decimal_pos=2, use_l10n=True, force_grouping=True)


class AllocationRunTable(RegisterTable):
    name = tables.Column(
        accessor="pk",
        verbose_name=_("Allocation"),
        linkify=("coordination:allocation_detail", {"pk": tables.A("pk")}),
        order_by=("version", "created_at"),
    )
    status = tables.Column(verbose_name=_("Status"))
    created_at = tables.DateTimeColumn(verbose_name=_("Solved"), format="SHORT_DATETIME_FORMAT")
    created_by = tables.Column(verbose_name=_("By"), order_by=("created_by__full_name",), default="—")
    objective = tables.Column(verbose_name=_("Total expected benefit"))
    gap = tables.Column(verbose_name=_("Proven gap"))
    greedy_objective = tables.Column(verbose_name=_("Greedy heuristic"))
    accepted_at = tables.DateTimeColumn(verbose_name=_("Accepted"), format="SHORT_DATETIME_FORMAT", default="—")

    class Meta:
        model = AllocationRun
        fields = ["name", "status", "created_at", "created_by", "objective", "gap", "greedy_objective", "accepted_at"]
        order_by = "-created_at"
        template_name = TEMPLATE
        empty_text = _("The optimiser has not been run yet.")
        attrs = {"class": "striped", "id": "allocation-runs"}

    def render_name(self, record: AllocationRun) -> str:
        return run_name(record)

    def render_status(self, record: AllocationRun) -> Any:
        return status_badge(record)

    def render_created_by(self, record: AllocationRun) -> str:
        return person(record.created_by)

    def render_objective(self, value: float | None) -> str:
        return benefit(value)

    def render_gap(self, value: float | None) -> str:
        return percent(value)

    def render_greedy_objective(self, record: AllocationRun) -> str:
        if record.greedy_objective is None:
            return "—"
        text = benefit(record.greedy_objective)
        if record.objective is not None and record.greedy_objective:
            gain = (record.objective - record.greedy_objective) / record.greedy_objective
            return str(_("{greedy} (optimiser {gain} better)").format(greedy=text, gain=percent(gain, 1)))
        return text
