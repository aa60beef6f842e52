"""Every list exports to CSV and XLSX: exactly the rows found, in the order shown, with an HXL row."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.partnership.models import Contact, Phase
from cpphub.partnership.tests.conftest import csv_rows, make_organisation, xlsx_rows


def rows_of(response, fmt):
    return csv_rows(response) if fmt == "csv" else xlsx_rows(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisations_export_exactly_the_filtered_rows_with_hxl_tags(world, coordinator, fmt):
    make_organisation('=HYPERLINK("http://x")', sectors=("ngo",), country=world.countries["thailand"], is_active=False)

    response = coordinator.get(
        reverse("partnership:organisation_export", args=[fmt]), {"country": "TH", "sector": "ngo", "sort": "-name"}
    )

    assert response.status_code == 200
    assert "organisations-" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]
    header, hxl, *body = rows_of(response, fmt)
    assert header[:4] == ["Id", "Name", "Acronym", "Sectors"]
    assert hxl[:4] == ["#org +id", "#org +name", "#org +acronym", "#sector +name"]
    assert "#country +code" in hxl
    names = [row[1] for row in body]
    assert names == ["Plan Thailand", "Foundation for Child Development", '\'=HYPERLINK("http://x")']
    face = dict(zip(header, body[1], strict=True))
    assert face["Country code"] == "TH"
    assert face["Sector codes"] == "ngo"
    assert face["Partnership roles"] == "Implementing partner"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_pilot_locations_export_coordinates_and_admin_areas_for_maps(world, coordinator, fmt):
    chiang_rai = world.locations["chiang_rai"]
    chiang_rai.latitude, chiang_rai.longitude, chiang_rai.admin_area = (
        Decimal("19.9105"),
        Decimal("99.8406"),
        "Chiang Rai",
    )
    chiang_rai.save()
    chiang_rai.implementing_partners.set([world.orgs["plan_thailand"], world.orgs["unicef"]])

    response = coordinator.get(reverse("partnership:location_export", args=[fmt]), {"country": "TH"})

    _header, hxl, *body = rows_of(response, fmt)
    assert len(body) == 1
    row = dict(zip(hxl, body[0], strict=True))
    assert row["#loc +name"] == "Chiang Rai"
    assert row["#adm1 +name"] == "Chiang Rai"
    assert float(row["#geo +lat"]) == pytest.approx(19.9105)
    assert float(row["#geo +lon"]) == pytest.approx(99.8406)
    assert row["#country +code"] == "TH"
    assert row["#org +lead +name"] == "Foundation for Child Development"
    assert row["#org +impl +name"] == "Plan Thailand; United Nations Children's Fund"


@pytest.mark.parametrize(
    ("url_name", "params", "first_column"),
    [
        ("country_export", {"search": "bra"}, ["Brazil"]),
        ("phase_export", {"kind": "inception"}, ["Inception"]),
        ("contact_export", {"country": "BR"}, ["Ana Souza"]),
    ],
)
def test_the_other_registers_export_their_filtered_rows(world, coordinator, url_name, params, first_column):
    Phase.objects.create(name="Inception", kind="inception", start_date="2008-04-01", end_date="2009-03-31")
    Phase.objects.create(name="Implementation", kind="implementation", start_date="2009-04-01", end_date="2011-03-31")
    Contact.objects.create(full_name="Ana Souza", organisation=world.orgs["safernet"], email="ana@example.org")
    Contact.objects.create(full_name="Somchai Jaidee", organisation=world.orgs["face"])

    response = coordinator.get(reverse(f"partnership:{url_name}", args=["xlsx"]), params)

    _header, hxl, *body = xlsx_rows(response)
    assert all(tag.startswith("#") for tag in hxl)
    name_column = 2 if url_name == "country_export" else 1
    assert [row[name_column] for row in body] == first_column


def test_an_export_is_recorded_in_the_audit_trail_with_its_filters(world, coordinator):
    coordinator.get(reverse("partnership:contact_export", args=["csv"]), {"country": "BR", "page": "3"})

    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor_email == "coordinator@example.org"
    assert event.object_type == "partnership.contact"
    assert event.changes["filters"] == {"country": "BR"}
    assert event.changes["format"] == "csv"


def test_only_csv_and_xlsx_are_offered(world, coordinator):
    assert coordinator.get("/partnership/organisations/export.pdf").status_code == 404
