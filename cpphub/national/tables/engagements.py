"""The sortable tables of the national lists: meetings, priorities, strengths, commitments."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cpphub.mapping.models import RiskDimension
from cpphub.national.models import Commitment, NationalEngagement, NationalPriority, NationalStrength
from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable

RISK_NAMES = dict(RiskDimension.choices)


def code_badges(codes: list[str] | None, names: dict[str, Any]) -> Any:
    if not codes:
        return "—"
    return format_html_join(" ", '<span class="badge">{}</span>', ((names.get(c, c),) for c in codes))


class _FocusTable(RegisterTable):
    """A country's records; a title links to its edit page for those who may change the record."""

    edit_url_name = ""
    country = tables.Column(order_by=("country__name",), verbose_name=_("Country"))
    organisation = tables.Column(order_by=("organisation__name",), verbose_name=_("Partner"), default="—")
    mnr_capability = tables.Column(verbose_name=_("MNR capability"), default="—")
    risks = tables.Column(verbose_name=_("4Cs risks"), orderable=False)

    def render_risks(self, value: list[str]) -> Any:
        return code_badges(value, RISK_NAMES)

    def value_risks(self, value: list[str]) -> str:
        return ", ".join(str(RISK_NAMES.get(code, code)) for code in value or [])

    def __init__(self, *args: Any, writable: set[int] | None = frozenset(), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.writable = writable  # country ids; None: every country

    def may_edit(self, record: Any) -> bool:
        return self.writable is None or record.country_id in self.writable

    def render_title(self, record: Any, value: Any) -> Any:
        if self.may_edit(record):
            return format_html('<a href="{}">{}</a>', reverse(self.edit_url_name, args=[record.pk]), value)
        return value

    def render_organisation(self, value: Any) -> Any:
        return value.acronym or value.name


class EngagementTable(RegisterTable):
    date = tables.DateColumn(verbose_name=_("Date"))
    title = tables.Column(linkify=("national:engagement_detail", {"pk": tables.A("pk")}), verbose_name=_("Subject"))
    country = tables.Column(order_by=("country__name",), verbose_name=_("Country"))
    kind = tables.Column(verbose_name=_("Kind"))
    organisations = tables.ManyToManyColumn(verbose_name=_("Organisations"), orderable=False)
    priority_count = tables.Column(verbose_name=_("Priorities"))
    commitment_count = tables.Column(verbose_name=_("Commitments"))

    class Meta:
        model = NationalEngagement
        fields = ["date", "title", "country", "kind", "organisations", "priority_count", "commitment_count"]
        order_by = "-date"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class PriorityTable(_FocusTable):
    edit_url_name = "national:priority_edit"
    title = tables.Column(verbose_name=_("Priority"))
    importance = tables.Column(verbose_name=_("Importance"))
    outcome = tables.Column(verbose_name=_("Outcome"), default="—")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = NationalPriority
        fields = ["title", "country", "organisation", "importance", "mnr_capability", "risks", "outcome", "status"]
        order_by = ("country", "-importance")
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class StrengthTable(_FocusTable):
    edit_url_name = "national:strength_edit"
    title = tables.Column(verbose_name=_("Strength"))
    kind = tables.Column(verbose_name=_("Kind"))
    amount = tables.Column(verbose_name=_("Amount"), default="—")

    class Meta:
        model = NationalStrength
        fields = ["title", "country", "organisation", "kind", "amount", "mnr_capability", "risks"]
        order_by = ("country", "kind")
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_amount(self, record: NationalStrength) -> Any:
        if record.amount is None:
            return "—"
        return f"{record.amount:,.2f} {record.unit}".strip()


class CommitmentTable(_FocusTable):
    edit_url_name = "national:commitment_edit"
    title = tables.Column(verbose_name=_("Commitment"))
    owner_name = tables.Column(verbose_name=_("Who"), default="—")
    due_date = tables.DateColumn(verbose_name=_("Due"))
    state = tables.Column(
        verbose_name=_("Status"), accessor="done_at", order_by=("done_at", "due_date"), empty_values=()
    )

    class Meta:
        model = Commitment
        fields = ["title", "country", "organisation", "owner_name", "due_date", "state", "mnr_capability", "risks"]
        order_by = ("due_date",)
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}
        row_attrs = {"class": lambda record: "overdue" if getattr(record, "overdue", False) else ""}

    def render_state(self, record: Commitment) -> Any:
        return render_to_string(
            "national/_commitment_done.html",
            {"commitment": record, "can_write": self.may_edit(record)},
            request=getattr(self, "request", None),
        )

    def value_state(self, record: Commitment) -> str:
        if record.done_at:
            return str(_("Done"))
        return str(_("Overdue")) if getattr(record, "overdue", False) else str(_("Open"))
