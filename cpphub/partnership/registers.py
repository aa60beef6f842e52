"""The five registers of the partnership and the parts each is made of.

A :class:`Register` names, for one kind of record, its selector and access
function, its three write services, and the form, filters, table and export
columns of its pages. The views and the API are written once against this
description, so organisations, countries, pilot locations, phases and contacts
behave the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import django_filters
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cpphub.partnership import exports, filters, selectors, services
from cpphub.partnership import forms as register_forms
from cpphub.partnership import tables as register_tables
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation

OPERATIONS = ("list", "create", "detail", "edit", "set_active", "export")


@dataclass(frozen=True)
class Register:
    name: str  # "organisation": URL names, templates, element ids and the services' keyword
    model: type[models.Model]
    title: Promise  # "Organisations"
    create_title: Promise  # "New organisation"
    count_text: Callable[[int], str]  # 3 -> "3 organisations"
    filename: str  # of exports, before the date
    list: Callable[..., models.QuerySet[Any]]  # selector(viewer=, filters=)
    access: Callable[..., Any]  # access_<name>(viewer, pk, write=False)
    create: Callable[..., Any]  # <name>_create(data=, acting_user=)
    update: Callable[..., Any]  # <name>_update(<name>=, data=, acting_user=, version=None)
    set_active: Callable[..., Any]  # <name>_set_active(<name>=, active=, acting_user=)
    form: type[register_forms.VersionedForm]
    filterset: type[django_filters.FilterSet]
    table: type[register_tables.RegisterTable]
    columns: Sequence[exports.ExportColumn]

    @property
    def url_names(self) -> dict[str, str]:
        return {operation: f"partnership:{self.name}_{operation}" for operation in OPERATIONS}

    @property
    def region_id(self) -> str:
        """The id of the element holding the table, which HTMX replaces."""
        return f"{self.name}-region"

    def in_table_order(self, records: models.QuerySet[Any], sort: str | None) -> models.QuerySet[Any]:
        """``records`` in the order the list page shows for its ``?sort=`` (the default order without)."""
        return self.table(records, order_by=sort or None).data.data

    def update_record(self, record: Any, *, data: Any, acting_user: Any, version: str | None = None) -> Any:
        return self.update(**{self.name: record}, data=data, acting_user=acting_user, version=version)

    def set_record_active(self, record: Any, *, active: bool, acting_user: Any) -> Any:
        return self.set_active(**{self.name: record}, active=active, acting_user=acting_user)


ORGANISATIONS = Register(
    name="organisation",
    model=Organisation,
    title=_("Organisations"),
    create_title=_("New organisation"),
    count_text=lambda n: ngettext("{count} organisation", "{count} organisations", n).format(count=n),
    filename="organisations",
    list=selectors.organisation_list,
    access=selectors.access_organisation,
    create=services.organisation_create,
    update=services.organisation_update,
    set_active=services.organisation_set_active,
    form=register_forms.OrganisationForm,
    filterset=filters.OrganisationFilter,
    table=register_tables.OrganisationTable,
    columns=exports.ORGANISATION_COLUMNS,
)

COUNTRIES = Register(
    name="country",
    model=Country,
    title=_("Countries"),
    create_title=_("New country"),
    count_text=lambda n: ngettext("{count} country", "{count} countries", n).format(count=n),
    filename="countries",
    list=selectors.country_list,
    access=selectors.access_country,
    create=services.country_create,
    update=services.country_update,
    set_active=services.country_set_active,
    form=register_forms.CountryForm,
    filterset=filters.CountryFilter,
    table=register_tables.CountryTable,
    columns=exports.COUNTRY_COLUMNS,
)

LOCATIONS = Register(
    name="location",
    model=PilotLocation,
    title=_("Pilot locations"),
    create_title=_("New pilot location"),
    count_text=lambda n: ngettext("{count} pilot location", "{count} pilot locations", n).format(count=n),
    filename="pilot-locations",
    list=selectors.location_list,
    access=selectors.access_location,
    create=services.location_create,
    update=services.location_update,
    set_active=services.location_set_active,
    form=register_forms.LocationForm,
    filterset=filters.LocationFilter,
    table=register_tables.LocationTable,
    columns=exports.LOCATION_COLUMNS,
)

PHASES = Register(
    name="phase",
    model=Phase,
    title=_("Programme phases"),
    create_title=_("New programme phase"),
    count_text=lambda n: ngettext("{count} phase", "{count} phases", n).format(count=n),
    filename="programme-phases",
    list=selectors.phase_list,
    access=selectors.access_phase,
    create=services.phase_create,
    update=services.phase_update,
    set_active=services.phase_set_active,
    form=register_forms.PhaseForm,
    filterset=filters.PhaseFilter,
    table=register_tables.PhaseTable,
    columns=exports.PHASE_COLUMNS,
)

CONTACTS = Register(
    name="contact",
    model=Contact,
    title=_("Contacts"),
    create_title=_("New contact"),
    count_text=lambda n: ngettext("{count} contact", "{count} contacts", n).format(count=n),
    filename="contacts",
    list=selectors.contact_list,
    access=selectors.access_contact,
    create=services.contact_create,
    update=services.contact_update,
    set_active=services.contact_set_active,
    form=register_forms.ContactForm,
    filterset=filters.ContactFilter,
    table=register_tables.ContactTable,
    columns=exports.CONTACT_COLUMNS,
)
