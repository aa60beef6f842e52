"""``/api/v1/pathways/``: public reads of published pathways, writes by the location's facilitators."""

from __future__ import annotations

import pytest

from cpphub.connect.models import Pathway, PathwayStep
from cpphub.connect.tests import records

pytestmark = pytest.mark.django_db

URL = "/api/v1/pathways/"


def santo_andre_pathway(world, published=True):
    made = Pathway.objects.create(location=world.locations["santo_andre"], need="sextortion", is_published=published)
    PathwayStep.objects.create(pathway=made, order=1, action="Acolher a criança")
    return made


def test_anonymous_clients_read_published_pathways_with_nested_steps(world, client):
    pathway = records.pathway(world)
    draft = santo_andre_pathway(world, published=False)
    listed = client.get(URL)
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()["results"]] == [pathway.pk]
    detail = client.get(f"{URL}{pathway.pk}/").json()
    assert detail["location"] == "chiang-rai"
    assert [s["action"] for s in detail["steps"]] == ["Listen, reassure, do not investigate", "Refer for legal aid"]
    assert detail["steps"][1]["service_phone"] == "1387"
    assert records.DIRECT_LINE not in str(detail)
    assert detail["deadline_hours"] == {"high": 24, "medium": 72, "low": 168}
    assert client.get(f"{URL}{draft.pk}/").status_code == 404


def test_filters_by_location_slug_and_need(world, client_for):
    records.pathway(world)
    theirs = santo_andre_pathway(world)
    member = client_for("steering_member")
    assert [p["id"] for p in member.get(f"{URL}?location=santo-andre").json()["results"]] == [theirs.pk]
    assert member.get(f"{URL}?need=live_streamed_abuse").json()["count"] == 0


def test_a_facilitator_writes_their_location_only(world, client_for):
    mine = records.pathway(world)
    theirs = santo_andre_pathway(world)
    facilitator = client_for("facilitator")
    service_id = mine.steps.get(order=2).service_id
    changed = facilitator.patch(
        f"{URL}{mine.pk}/",
        {"steps": [{"order": 2, "action": "Reassure"}, {"order": 1, "action": "Call", "service": str(service_id)}]},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.json()
    assert [(s["order"], s["action"]) for s in changed.json()["steps"]] == [(1, "Call"), (2, "Reassure")]

    denied = facilitator.patch(f"{URL}{theirs.pk}/", {"summary": "Hijacked"}, content_type="application/json")
    assert denied.status_code == 403
    assert facilitator.delete(f"{URL}{theirs.pk}/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.summary == "" and theirs.steps.count() == 1

    made = facilitator.post(
        URL,
        {"location": "chiang-rai", "need": "sextortion", "steps": [{"order": 1, "action": "Reassure"}]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.json()
    elsewhere = facilitator.post(URL, {"location": "santo-andre", "need": "other"}, content_type="application/json")
    assert elsewhere.status_code == 403
    assert not Pathway.objects.filter(location=world.locations["santo_andre"], need="other").exists()
    assert facilitator.delete(f"{URL}{made.json()['id']}/").status_code == 204


def test_bad_steps_are_a_400_naming_the_field(world, client_for):
    mine = records.pathway(world)
    closed = records.service(world, name="Closed clinic", status="inactive")
    coordinator = client_for("coordinator")
    response = coordinator.patch(
        f"{URL}{mine.pk}/",
        {"steps": [{"order": 1, "action": "Go", "service": str(closed.pk)}, {"order": 1, "action": "Again"}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "steps" in response.json()
    assert mine.steps.count() == 2
    twice = coordinator.post(
        URL, {"location": "chiang-rai", "need": "online_grooming"}, content_type="application/json"
    )
    assert twice.status_code == 400 and "need" in twice.json()
    huge = coordinator.patch(
        f"{URL}{mine.pk}/",
        {"steps": [{"order": 1, "action": "x", "within_hours": 10**9}]},
        content_type="application/json",
    )
    assert huge.status_code == 400


def test_members_who_do_not_keep_pathways_are_refused(world, client_for):
    mine = records.pathway(world)
    for persona in ("steering_member", "caseworker", "other_facilitator"):
        client = client_for(persona)
        assert client.patch(f"{URL}{mine.pk}/", {"summary": "x"}, content_type="application/json").status_code == 403
    assert client_for(None).post(URL, {}, content_type="application/json").status_code in (401, 403)
    mine.refresh_from_db()
    assert mine.summary == ""
