"""The 3W / 4W: rows from local actions, coordinated actions and commitments; filters, matrix, map, exports, API."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.audit.models import AuditEvent
from cpphub.coordination.selectors.three_w import pivot, three_w_rows
from cpphub.coordination.tests.allocation_records import commitment, coordinated_action, local_action
from cpphub.mapping.tests.records_world import finding


@pytest.fixture
def activities(world):
    """Two Chiang Rai actions (one with a contact risk), a coordinated action, a Thai commitment, a Santo André one."""
    from decimal import Decimal

    from cpphub.coordination.models import Contribution
    from cpphub.partnership.models import Sector
    from cpphub.planning.tests.create_records import action, plan

    chiang_rai = world.locations["chiang_rai"]
    chiang_rai.latitude, chiang_rai.longitude = Decimal("19.9105"), Decimal("99.8406")
    chiang_rai.save()
    world.orgs["face"].sectors.add(Sector.objects.get(code="childrens_group"))
    training = local_action(world, start=dt.date(2009, 6, 1), end=dt.date(2009, 9, 30), indicator="Teachers trained")
    training.supporting_partners.add(world.orgs["plan_thailand"])
    training.findings.add(finding(world))
    local_action(
        world, title="Parents' evenings", outcome="connect", start=dt.date(2010, 1, 1), end=dt.date(2010, 3, 1)
    )
    joint = coordinated_action(world, risks=["contact", "conduct"], start=dt.date(2009, 8, 1), end=dt.date(2010, 6, 30))
    Contribution.objects.create(action=joint, organisation=world.orgs["plan_thailand"], kind="money")
    commitment(world, risks=["contract"])
    santo_andre = plan(world, location="santo_andre", title="Santo André plan")
    action(
        santo_andre,
        title="LAN house owners' code",
        lead_partner=world.orgs["plan_brasil"],
        outcome="coordinate",
        start=dt.date(2009, 7, 1),
        end=dt.date(2009, 12, 31),
    ).findings.add(finding(world, location="santo_andre", risk_dimension="conduct"))
    return {"training": training, "joint": joint}


def _rows(world, **filters):
    return three_w_rows(viewer=world.users["steering_member"], filters=filters)


def test_rows_say_who_does_what_where_and_when(world, activities):
    rows = _rows(world)
    training = [r for r in rows if r.activity == "Train teachers on online grooming"]
    assert {(r.partner, r.role) for r in training} == {
        ("Foundation for Child Development (FACE)", "lead"),
        ("Plan Thailand", "supporting"),
    }
    face_row = next(r for r in training if r.role == "lead")
    assert face_row.risks == ("contact",) and face_row.location == "chiang-rai" and face_row.country == "TH"
    assert face_row.sectors == ("ngo", "childrens_group") and face_row.indicator == "Teachers trained"
    joint = [r for r in rows if r.kind == "coordinated"]
    assert {(r.partner, r.role, r.location) for r in joint} == {
        ("Foundation for Child Development (FACE)", "lead", "chiang-rai"),
        ("Plan Thailand", "contributing", "chiang-rai"),
    }
    promise = next(r for r in rows if r.kind == "commitment")
    assert (promise.partner, promise.country, promise.location, promise.end, promise.status) == (
        "Plan Thailand",
        "TH",
        "",
        dt.date(2010, 3, 31),
        "open",
    )
    assert promise.risks == ("contract",)


def test_filters_narrow_by_place_sector_risk_partner_and_period(world, activities):
    def titles(**filters):
        return sorted({r.activity for r in _rows(world, **filters)})

    assert titles(location="santo-andre") == ["LAN house owners' code"]
    assert titles(location="none") == ["Set up a national hotline referral desk"]
    assert titles(country="TH", risk="contact") == ["Joint school safety week", "Train teachers on online grooming"]
    assert titles(sector="childrens_group", outcome="connect") == ["Parents' evenings"]
    assert titles(partner=world.orgs["plan_brasil"].pk) == ["LAN house owners' code"]
    assert titles(start=dt.date(2010, 1, 1), end=dt.date(2010, 2, 1)) == [
        "Joint school safety week",
        "Parents' evenings",
        "Set up a national hotline referral desk",
    ]


def test_the_matrix_pivots_partners_or_sectors_against_locations_outcomes_or_risks(world, activities):
    rows = _rows(world)
    by_location = pivot(rows, rows_by="partner", columns_by="location")
    columns = [c.label for c in by_location.columns]
    assert columns == ["Santo André", "Chiang Rai", "Thailand (national)"]  # by country, national last
    cells = {head.label: [count for count, _params in counts] for head, counts in by_location.rows}
    assert cells["Plan Thailand"] == [0, 2, 1]  # supports the training, contributes to the joint week; its commitment
    assert cells["Foundation for Child Development (FACE)"] == [0, 3, 0]
    assert by_location.totals == [1, 3, 1]
    by_risk = pivot(rows, rows_by="sector", columns_by="risk")
    assert [c.label for c in by_risk.columns] == ["Contact", "Conduct", "Contract", "No 4Cs risk"]
    ngo = next(counts for head, counts in by_risk.rows if head.key == "ngo")
    assert [count for count, _params in ngo] == [2, 2, 1, 1]


def test_the_page_shows_the_matrix_with_links_the_map_and_the_list(client_for, world, activities):
    client = client_for("facilitator")
    page = client.get(reverse("coordination:three_w"), {"rows": "sector", "columns": "outcome", "country": "TH"})
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", page.content.decode())
    assert "Activities: Sectors by Outcomes" in text
    assert "4 activities" in text and "Chiang Rai: 3 activities" in text
    assert (
        'href="/coordination/3w/?rows=sector&amp;columns=outcome&amp;country=TH&amp;sector=ngo&amp;outcome=equip#three-w-list"'
        in text
    )
    data = json.loads(re.search(r'id="three-w-map-data" type="application/json">(.*?)</script>', text).group(1))
    assert data["locations"][0]["name"] == "Chiang Rai" and data["locations"][0]["count"] == 3
    followed = client.get(reverse("coordination:three_w"), {"sector": "ngo", "outcome": "connect"})
    listed = re.sub(r"\s+", " ", followed.content.decode())
    assert "Parents&#x27; evenings" in listed and "Train teachers" not in listed


def test_exports_are_xlsx_and_hxl_csv_with_the_filters_and_audited(client_for, world, activities):
    client = client_for("steering_member")
    xlsx = client.get(reverse("coordination:three_w_export", args=["xlsx"]), {"location": "chiang-rai"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][:4] == ("Partner", "Role", "Sectors", "Activity")
    assert rows[1][:4] == ("#org+name", "#org+role", "#sector", "#activity+name")
    assert len(rows) == 2 + 5 and {row[7] for row in rows[2:]} == {"Chiang Rai"}
    csv_lines = (
        client.get(reverse("coordination:three_w_export", args=["csv"])).content.decode("utf-8-sig").splitlines()
    )
    assert "#date+start" in csv_lines[1] and "#date+end" in csv_lines[1] and "#status" in csv_lines[1]
    assert "#loc+name" in csv_lines[1] and "#indicator+name" in csv_lines[1]
    exports = AuditEvent.objects.filter(action="export", object_type="coordination.threew")
    assert exports.count() == 2 and exports.order_by("pk").first().changes["filters"] == {"location": "chiang-rai"}


def test_the_api_lists_rows_paginated_and_filtered(world, activities):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users["caseworker"])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = client.get(reverse("api:three-w-list"), {"risk": "conduct"}).json()
    assert body["count"] == 3
    assert {r["activity"] for r in body["results"]} == {"Joint school safety week", "LAN house owners' code"}
    assert client.get(reverse("api:three-w-list"), {"country": "TH", "page": 1}).json()["count"] == 6
    bad = client.get(reverse("api:three-w-list"), {"risk": "weather", "start": "soon"})
    assert bad.status_code == 400 and set(bad.json()) == {"risk", "start"}
    assert APIClient().get(reverse("api:three-w-list")).status_code in (401, 403)
