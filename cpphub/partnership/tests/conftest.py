"""Helpers for the registry tests, on top of the shared ``world`` of the root conftest."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.db import models

from cpphub.audit.models import AuditEvent
from cpphub.partnership.models import Contact, Country, Organisation, PartnershipRole, Phase, PilotLocation, Sector


def audit_events(record: models.Model) -> list[AuditEvent]:
    """The audit rows about ``record``, oldest first."""
    return list(
        AuditEvent.objects.filter(object_type=record._meta.label_lower, object_id=str(record.pk)).order_by("id")
    )


def registry_events() -> list[AuditEvent]:
    """Audit rows about registry records (sign-ins and the like left out)."""
    return list(AuditEvent.objects.filter(object_type__startswith="partnership.").order_by("id"))


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response: Any) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def sector(code: str) -> Sector:
    return Sector.objects.get(code=code)


def role(code: str) -> PartnershipRole:
    return PartnershipRole.objects.get(code=code)


def make_organisation(name: str, *, sectors: tuple[str, ...] = ("ngo",), roles: tuple[str, ...] = (), **fields: Any):
    organisation = Organisation.objects.create(name=name, **fields)
    organisation.sectors.set(Sector.objects.filter(code__in=sectors))
    organisation.partnership_roles.set(PartnershipRole.objects.filter(code__in=roles))
    return organisation


@pytest.fixture
def coordinator(client_for):  # type: ignore[no-untyped-def]
    return client_for("coordinator")


@pytest.fixture
def crowded(world):  # type: ignore[no-untyped-def]
    return crowd()


def crowd(count: int = 40, start: int = 0) -> list[Organisation]:
    """``count`` more organisations, locations, contacts and phases, over a few new countries, with related rows."""
    countries = [
        Country.objects.create(code=f"{chr(65 + k // 26)}{chr(65 + k % 26)}", name=f"Country {k:02}")
        for k in range(start, start + count // 4 + 1)
    ]
    organisations: list[Organisation] = []
    for i in range(start, start + count):
        country = countries[i % len(countries)]
        organisation = make_organisation(
            f"Organisation {i:02}", sectors=("ngo", "academia"), roles=("implementing_partner",), country=country
        )
        organisations.append(organisation)
        Contact.objects.create(full_name=f"Person {i:02}", organisation=organisation, email=f"p{i}@example.org")
        location = PilotLocation.objects.create(
            name=f"Place {i:02}", slug=f"place-{i:02}", country=country, lead_partner=organisation
        )
        location.implementing_partners.set(organisations[-3:])
        Phase.objects.create(
            name=f"Phase {i:02}", kind="implementation", start_date=f"20{10 + i % 10}-01-01", end_date="2030-01-01"
        )
    return organisations
