"""The sortable tables of the list pages (django-tables2).

Column headers sort, the status column carries the deactivate/reactivate
button for coordinators (``partnership/_status.html``), and every related value
the tables show is loaded by the list selectors up front.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation

TEMPLATE = "includes/list_table.html"
STATUS = "partnership/_status.html"
EMPTY = _("Nothing matches this search.")


class RegisterTable(tables.Table):
    """A table whose header and page links HTMX follows in place, replacing the element ``region_id``."""

    def __init__(self, *args: Any, region_id: str = "", caption: Any = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region_id = region_id
        self.caption = caption


def _status_column() -> tables.TemplateColumn:
    return tables.TemplateColumn(template_name=STATUS, accessor="is_active", verbose_name=_("Status"))


class OrganisationTable(RegisterTable):
    name = tables.Column(linkify=True)
    sectors = tables.ManyToManyColumn(orderable=False)
    country = tables.Column(linkify=True, order_by=("country__name",))
    partnership_roles = tables.ManyToManyColumn(orderable=False)
    is_active = _status_column()

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "sectors", "country", "level", "partnership_roles", "is_active"]
        order_by = "name"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class CountryTable(RegisterTable):
    name = tables.Column(linkify=True)
    organisation_count = tables.Column(verbose_name=_("Organisations"))
    location_count = tables.Column(verbose_name=_("Pilot locations"))
    is_active = _status_column()

    class Meta:
        model = Country
        fields = ["name", "code", "languages", "organisation_count", "location_count", "is_active"]
        order_by = "name"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class LocationTable(RegisterTable):
    name = tables.Column(linkify=True)
    country = tables.Column(linkify=True, order_by=("country__name",))
    stage = tables.TemplateColumn(
        template_code='<span class="badge stage stage-{{ record.stage }}">{{ record.get_stage_display }}</span>'
    )
    lead_partner = tables.Column(linkify=True, order_by=("lead_partner__name",))
    implementing_partners = tables.ManyToManyColumn(orderable=False)
    is_active = _status_column()

    class Meta:
        model = PilotLocation
        fields = ["name", "country", "admin_area", "stage", "lead_partner", "implementing_partners", "is_active"]
        order_by = ("country", "name")
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class PhaseTable(RegisterTable):
    name = tables.Column(linkify=True)
    is_active = _status_column()

    class Meta:
        model = Phase
        fields = ["name", "kind", "start_date", "end_date", "is_active"]
        order_by = "start_date"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}


class ContactTable(RegisterTable):
    full_name = tables.Column(linkify=True)
    organisation = tables.Column(linkify=True, order_by=("organisation__name",))
    email = tables.EmailColumn()
    is_active = _status_column()

    class Meta:
        model = Contact
        fields = ["full_name", "job_title", "organisation", "email", "phone", "is_active"]
        order_by = "full_name"
        template_name = TEMPLATE
        empty_text = EMPTY
        attrs = {"class": "striped"}
