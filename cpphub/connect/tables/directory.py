"""The table of the providers' register (coordinators)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cpphub.connect.models import ServiceOrganisation
from cpphub.partnership.tables import EMPTY, TEMPLATE, RegisterTable


class ProviderTable(RegisterTable):
    name = tables.Column(linkify=("connect:provider_detail", {"pk": tables.A("pk")}), verbose_name=_("Provider"))
    country = tables.Column(order_by=("country__name",), verbose_name=_("Country"), default="—")
    partner = tables.Column(order_by=("partner__name",), verbose_name=_("Partner on CPP Hub"), default="—")
    phone = tables.Column(verbose_name=_("Phone"), default="—", orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = ServiceOrganisation
        fields = ["name", "country", "partner", "phone", "is_active"]
        order_by = "name"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}
