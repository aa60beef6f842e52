"""The sortable table of the planning workshops list (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable
from cpphub.planning.models import Workshop


class WorkshopTable(RegisterTable):
    title = tables.Column(linkify=("planning:workshop_detail", {"pk": tables.A("pk")}), verbose_name=_("Title"))
    location = tables.Column(verbose_name=_("Pilot location"), order_by=("location__name",))
    round = tables.Column(verbose_name=_("Planning round"))
    taking_part = tables.Column(verbose_name=_("Taking part"), accessor="pk", orderable=False)
    priority_count = tables.Column(verbose_name=_("Priorities"))
    ranked_count = tables.Column(verbose_name=_("Ranked"))

    class Meta:
        model = Workshop
        fields = ["title", "location", "date", "round", "taking_part", "priority_count", "ranked_count"]
        order_by = "-date"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}

    def render_taking_part(self, record: Workshop) -> Any:
        people = getattr(record, "people_count", None) or 0
        children = getattr(record, "children_count", None) or 0
        parts = []
        if people:
            parts.append(ngettext("{count} person", "{count} people", people).format(count=people))
        if children:
            parts.append(ngettext("{count} child", "{count} children", children).format(count=children))
        return ", ".join(parts) or "—"

    def render_ranked_count(self, record: Workshop, value: int) -> Any:
        return _("Yes") if value else _("Not yet")
