"""The columns of each register when it leaves CPP Hub as CSV or XLSX.

Every column has a header in the reader's language and an HXL hashtag
(https://hxlstandard.org), written as the second row, so that humanitarian
tools can read the files without a mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ExportColumn:
    header: Promise | str
    hxl: str
    value: Callable[[Any], Any]


def _labels(manager: Any) -> list[str]:
    return [str(obj) for obj in manager.all()]


def _names(manager: Any) -> list[str]:
    return [obj.name for obj in manager.all()]


def _codes(manager: Any) -> list[str]:
    return [obj.code for obj in manager.all()]


def _country(attr: str) -> Callable[[Any], Any]:
    def value(record: Any) -> Any:
        country = getattr(record, "country", None)
        return getattr(country, attr, "") if country else ""

    return value


ORGANISATION_COLUMNS = [
    ExportColumn(_("Id"), "#org +id", lambda o: o.pk),
    ExportColumn(_("Name"), "#org +name", lambda o: o.name),
    ExportColumn(_("Acronym"), "#org +acronym", lambda o: o.acronym),
    ExportColumn(_("Sectors"), "#sector +name", lambda o: _labels(o.sectors)),
    ExportColumn(_("Sector codes"), "#sector +code", lambda o: _codes(o.sectors)),
    ExportColumn(_("Country"), "#country +name", _country("name")),
    ExportColumn(_("Country code"), "#country +code", _country("code")),
    ExportColumn(_("Level"), "#org +level", lambda o: o.get_level_display()),
    ExportColumn(_("Partnership roles"), "#org +role", lambda o: _labels(o.partnership_roles)),
    ExportColumn(_("Website"), "#meta +url", lambda o: o.website),
    ExportColumn(_("Active"), "#status +active", lambda o: o.is_active),
]

COUNTRY_COLUMNS = [
    ExportColumn(_("Id"), "#country +id", lambda c: c.pk),
    ExportColumn(_("ISO code"), "#country +code", lambda c: c.code),
    ExportColumn(_("Name"), "#country +name", lambda c: c.name),
    ExportColumn(_("Languages"), "#meta +languages", lambda c: c.languages),
    ExportColumn(_("Organisations"), "#org +num", lambda c: c.organisation_count),
    ExportColumn(_("Pilot locations"), "#loc +num", lambda c: c.location_count),
    ExportColumn(_("Active"), "#status +active", lambda c: c.is_active),
]

LOCATION_COLUMNS = [
    ExportColumn(_("Id"), "#loc +id", lambda loc: loc.pk),
    ExportColumn(_("Name"), "#loc +name", lambda loc: loc.name),
    ExportColumn(_("Short name"), "#loc +code", lambda loc: loc.slug),
    ExportColumn(_("Country"), "#country +name", _country("name")),
    ExportColumn(_("Country code"), "#country +code", _country("code")),
    ExportColumn(_("Administrative area"), "#adm1 +name", lambda loc: loc.admin_area),
    ExportColumn(_("Latitude"), "#geo +lat", lambda loc: loc.latitude),
    ExportColumn(_("Longitude"), "#geo +lon", lambda loc: loc.longitude),
    ExportColumn(_("Triple A stage"), "#status +stage", lambda loc: loc.get_stage_display()),
    ExportColumn(_("Lead partner"), "#org +lead +name", lambda loc: loc.lead_partner.name if loc.lead_partner else ""),
    ExportColumn(_("Implementing partners"), "#org +impl +name", lambda loc: _names(loc.implementing_partners)),
    ExportColumn(_("Active"), "#status +active", lambda loc: loc.is_active),
]

PHASE_COLUMNS = [
    ExportColumn(_("Id"), "#activity +phase +id", lambda p: p.pk),
    ExportColumn(_("Name"), "#activity +phase +name", lambda p: p.name),
    ExportColumn(_("Kind"), "#activity +phase +type", lambda p: p.get_kind_display()),
    ExportColumn(_("Start date"), "#date +start", lambda p: p.start_date),
    ExportColumn(_("End date"), "#date +end", lambda p: p.end_date),
    ExportColumn(_("Description"), "#description", lambda p: p.description),
    ExportColumn(_("Active"), "#status +active", lambda p: p.is_active),
]

CONTACT_COLUMNS = [
    ExportColumn(_("Id"), "#contact +id", lambda c: c.pk),
    ExportColumn(_("Full name"), "#contact +name", lambda c: c.full_name),
    ExportColumn(_("Job title"), "#contact +title", lambda c: c.job_title),
    ExportColumn(_("Organisation"), "#org +name", lambda c: c.organisation.name),
    ExportColumn(_("Organisation acronym"), "#org +acronym", lambda c: c.organisation.acronym),
    ExportColumn(_("Country"), "#country +name", lambda c: _country("name")(c.organisation)),
    ExportColumn(_("Email"), "#contact +email", lambda c: c.email),
    ExportColumn(_("Phone"), "#contact +phone", lambda c: c.phone),
    ExportColumn(_("Languages"), "#meta +languages", lambda c: c.languages),
    ExportColumn(_("Active"), "#status +active", lambda c: c.is_active),
]


def headers(columns: Sequence[ExportColumn]) -> list[str]:
    return [str(column.header) for column in columns]


def hxl_row(columns: Sequence[ExportColumn]) -> list[str]:
    return [column.hxl for column in columns]


def rows(columns: Sequence[ExportColumn], records: Iterable[Any]) -> Iterator[list[Any]]:
    for record in records:
        yield [column.value(record) for column in columns]
