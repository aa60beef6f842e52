"""The sortable tables of the Engage list pages (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable
from cpphub.planning.models import Engagement, Stakeholder


def quadrant_badge(record: Stakeholder) -> Any:
    return format_html(
        '<span class="badge quadrant-badge quadrant-{}">{}</span>', record.quadrant.value, record.quadrant.label
    )


class StakeholderTable(RegisterTable):
    name = tables.Column(linkify=("planning:stakeholder_detail", {"pk": tables.A("pk")}))
    location = tables.Column(order_by=("location__name",))
    sector = tables.Column(order_by=("sector__code",))
    organisation = tables.Column(order_by=("organisation__name",), default="—")
    quadrant = tables.Column(verbose_name=_("Quadrant"), accessor="pk", orderable=False)
    is_active = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Stakeholder
        fields = ["name", "location", "sector", "organisation", "power", "interest", "quadrant", "is_active"]
        order_by = "name"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_quadrant(self, record: Stakeholder) -> Any:
        return quadrant_badge(record)

    def value_quadrant(self, record: Stakeholder) -> Any:
        return record.quadrant.label

    def render_is_active(self, value: bool) -> Any:
        if value:
            return format_html('<span class="badge">{}</span>', _("Active"))
        return format_html('<span class="badge badge-inactive">{}</span>', _("Inactive"))


class EngagementTable(RegisterTable):
    title = tables.Column(linkify=("planning:engagement_detail", {"pk": tables.A("pk")}))
    location = tables.Column(order_by=("location__name",))
    stakeholder_count = tables.Column(verbose_name=_("Stakeholders"))
    follow_ups = tables.Column(verbose_name=_("Follow-ups"), accessor="pk", order_by=("-overdue_count", "-open_count"))

    class Meta:
        model = Engagement
        fields = ["date", "title", "kind", "location", "stakeholder_count", "follow_ups"]
        order_by = "-date"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_follow_ups(self, record: Engagement) -> Any:
        open_count = getattr(record, "open_count", 0)
        overdue = getattr(record, "overdue_count", 0)
        if not open_count:
            return "—"
        text = ngettext("{count} open", "{count} open", open_count).format(count=open_count)
        if not overdue:
            return text
        return format_html(
            '{} <span class="badge badge-overdue">{}</span>',
            text,
            ngettext("{count} overdue", "{count} overdue", overdue).format(count=overdue),
        )
