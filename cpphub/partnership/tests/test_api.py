"""The registry in the REST API: the same rules and services as the pages."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.audit.models import AuditEvent
from cpphub.partnership.models import Organisation, Phase
from cpphub.partnership.tests.conftest import audit_events, make_organisation, registry_events


@pytest.fixture
def api_for(world):
    """``api_for("coordinator")``: an API client with that persona's token (None: anonymous)."""

    def make(persona):
        client = APIClient()
        if persona:
            token, _ = Token.objects.get_or_create(user=world.user(persona))
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


NEW_ORGANISATION = {
    "name": "Childhood Brasil",
    "acronym": "CB",
    "sectors": ["ngo", "civil_society"],
    "partnership_roles": ["implementing_partner"],
    "country": "BR",
    "level": "national",
}


def test_a_coordinator_adds_an_organisation_with_codes_and_it_is_audited(world, api_for):
    response = api_for("coordinator").post("/api/v1/organisations/", NEW_ORGANISATION, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(body["sectors"]) == ["civil_society", "ngo"]
    assert body["country"] == "BR"
    organisation = Organisation.objects.get(pk=body["id"])
    [event] = audit_events(organisation)
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor_email == "coordinator@example.org"
    assert event.changes["sectors"] == [None, ["Civil society", "NGO"]]


def test_an_unknown_sector_code_is_a_400_naming_sectors_and_nothing_is_saved(world, api_for):
    response = api_for("coordinator").post(
        "/api/v1/organisations/", {**NEW_ORGANISATION, "sectors": ["ngo", "astrology"]}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["sectors"]
    assert response.json()["sectors"] == ["There is no sector with the code “astrology”."]
    assert not Organisation.objects.filter(name="Childhood Brasil").exists()
    assert registry_events() == []


def test_the_reason_of_a_400_comes_in_the_callers_language(world, api_for):
    from django.utils import translation

    response = api_for("coordinator").post(
        "/api/v1/organisations/",
        {**NEW_ORGANISATION, "sectors": ["astrology"]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="th",
    )

    assert response.status_code == 400
    with translation.override("th"):
        expected = translation.gettext("There is no sector with the code “{value}”.").format(value="astrology")
    assert response.json()["sectors"] == [expected]
    assert "There is no sector" not in expected, "the Thai catalog lacks this message"


def test_a_missing_name_is_a_400_naming_name_and_nothing_is_saved(world, api_for):
    data = {key: value for key, value in NEW_ORGANISATION.items() if key != "name"}

    response = api_for("coordinator").post("/api/v1/organisations/", data, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert not Organisation.objects.filter(acronym="CB").exists()


def test_an_organisation_needs_a_sector(world, api_for):
    response = api_for("coordinator").post("/api/v1/organisations/", {**NEW_ORGANISATION, "sectors": []}, format="json")

    assert response.status_code == 400
    assert "sectors" in response.json()


def test_errors_the_model_finds_come_back_as_a_400_too(world, api_for):
    response = api_for("coordinator").post(
        "/api/v1/phases/",
        {"name": "Backwards", "kind": "scaling", "start_date": "2011-01-01", "end_date": "2010-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "end_date" in response.json()
    assert not Phase.objects.exists()


def test_a_location_with_one_coordinate_is_a_400_without_a_field(world, api_for):
    response = api_for("coordinator").patch(
        f"/api/v1/locations/{world.locations['chiang_rai'].pk}/", {"latitude": "19.9"}, format="json"
    )

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_patch_changes_some_fields_and_audits_old_and_new(world, api_for):
    face = world.orgs["face"]

    response = api_for("coordinator").patch(
        f"/api/v1/organisations/{face.pk}/", {"acronym": "FACE-TH", "sectors": ["ngo", "justice"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["acronym"] == "FACE-TH"
    [event] = audit_events(face)
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes == {"acronym": ["FACE", "FACE-TH"], "sectors": [["NGO"], ["Justice", "NGO"]]}


def test_put_replaces_a_record(world, api_for):
    phase = Phase.objects.create(name="Inception", kind="inception", start_date="2008-04-01", end_date="2009-03-31")

    response = api_for("coordinator").put(
        f"/api/v1/phases/{phase.pk}/",
        {"name": "Inception phase", "kind": "inception", "start_date": "2008-04-01", "end_date": "2009-06-30"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    phase.refresh_from_db()
    assert phase.name == "Inception phase"
    assert audit_events(phase)[0].changes == {
        "name": ["Inception", "Inception phase"],
        "end_date": ["2009-03-31", "2009-06-30"],
    }


@pytest.mark.parametrize("resource", ["organisations", "countries", "locations", "phases", "contacts"])
def test_deactivation_is_a_patch_of_is_active_and_there_is_no_delete(world, api_for, resource):
    record = {
        "organisations": world.orgs["face"],
        "countries": world.countries["brazil"],
        "locations": world.locations["santo_andre"],
        "phases": Phase.objects.create(name="P", kind="scaling", start_date="2011-01-01", end_date="2012-01-01"),
        "contacts": world.orgs["face"].contacts.create(full_name="Somchai Jaidee"),
    }[resource]
    client = api_for("coordinator")

    deleted = client.delete(f"/api/v1/{resource}/{record.pk}/")
    patched = client.patch(f"/api/v1/{resource}/{record.pk}/", {"is_active": False}, format="json")

    assert deleted.status_code == 405
    assert patched.status_code == 200
    assert patched.json()["is_active"] is False
    record.refresh_from_db()
    assert record.is_active is False
    [event] = audit_events(record)
    assert event.action == AuditEvent.Action.DEACTIVATE


def test_locations_carry_their_slug_and_are_found_by_id(world, api_for):
    location = world.locations["chiang_rai"]

    response = api_for("facilitator").get(f"/api/v1/locations/{location.pk}/")

    assert response.status_code == 200
    assert response.json()["slug"] == "chiang-rai"
    assert response.json()["country"] == "TH"
    assert response.json()["lead_partner"] == world.orgs["face"].pk
    assert api_for("facilitator").get("/api/v1/locations/chiang-rai/").status_code == 404


def test_lists_filter_search_and_sort_like_the_pages(world, api_for):
    make_organisation("Polícia Federal", sectors=("law_enforcement",), country=world.countries["brazil"])
    client = api_for("steering_member")

    by_sector = client.get("/api/v1/organisations/", {"sector": "ngo", "country": "BR"}).json()
    searched = client.get("/api/v1/organisations/", {"search": "polícia"}).json()
    ordered = client.get("/api/v1/organisations/", {"ordering": "-name", "level": "international"}).json()
    inactive = client.get("/api/v1/organisations/", {"is_active": "false"}).json()

    assert [o["name"] for o in by_sector["results"]] == ["Plan Brasil"]
    assert [o["name"] for o in searched["results"]] == ["Polícia Federal"]
    assert [o["name"] for o in ordered["results"]] == [
        "United Nations Children's Fund",
        "International Institute for Child Rights and Development",
    ]
    assert inactive["count"] == 0


def test_a_bad_filter_value_is_a_400(world, api_for):
    response = api_for("coordinator").get("/api/v1/organisations/", {"sector": "astrology"})

    assert response.status_code == 400
    assert "sector" in response.json()


def test_lists_come_in_pages_of_50(world, crowded, api_for):
    for i in range(15):
        Phase.objects.create(name=f"Extra {i:02}", kind="scaling", start_date="2012-01-01", end_date="2013-01-01")
    client = api_for("coordinator")

    first = client.get("/api/v1/phases/").json()
    second = client.get("/api/v1/phases/", {"page": 2}).json()

    assert first["count"] == 55
    assert len(first["results"]) == 50 and first["next"].endswith("page=2")
    assert len(second["results"]) == 5 and second["next"] is None
    assert {p["id"] for p in first["results"]}.isdisjoint(p["id"] for p in second["results"])
