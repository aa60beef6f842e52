"""Engage API: /api/v1/stakeholders/, /api/v1/engagements/ (follow-ups nested), /api/v1/follow-ups/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cpphub.audit.models import AuditEvent
from cpphub.planning.models import Engagement, FollowUp, Stakeholder
from cpphub.planning.tests.engage_records import engagement, follow_up, stakeholder


@pytest.fixture
def api(world):
    def make(persona: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(world.users[persona])
        return client

    return make


def test_members_read_stakeholders_filtered_by_location(api, world):
    stakeholder(world)
    stakeholder(world, location="santo_andre", name="Guarda Municipal", power=1, interest=1)
    body = api("national_focal_point").get("/api/v1/stakeholders/", {"location": "santo-andre"}).json()
    assert [row["name"] for row in body["results"]] == ["Guarda Municipal"]
    row = body["results"][0]
    assert (row["location"], row["sector"], row["quadrant"]) == ("santo-andre", "law_enforcement", "monitor")


def test_an_outsider_reads_nothing(api, world):
    stakeholder(world)
    assert api("outsider").get("/api/v1/stakeholders/").status_code == 403


def test_a_bad_filter_is_a_400_with_the_reason(api, world):
    response = api("coordinator").get("/api/v1/stakeholders/", {"quadrant": "everywhere"})
    assert response.status_code == 400 and "quadrant" in response.json()


def test_the_facilitator_adds_a_stakeholder(api, world):
    response = api("facilitator").post(
        "/api/v1/stakeholders/",
        {"location": "chiang-rai", "name": "District school office", "sector": "government", "power": 3, "interest": 4},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["quadrant"] == "manage_closely"
    assert Stakeholder.objects.get().created_by == world.users["facilitator"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"name": "PROVINCIAL POLICE"}, "name"), ({"power": 6}, "power"), ({"interest": 0}, "interest")],
)
def test_bad_stakeholders_are_refused_with_reasons(api, world, fields, field):
    stakeholder(world)
    data = {"location": "chiang-rai", "name": "New one", "sector": "ngo", "power": 3, "interest": 3, **fields}
    response = api("facilitator").post("/api/v1/stakeholders/", data, format="json")
    assert response.status_code == 400 and field in response.json()
    assert Stakeholder.objects.count() == 1


def test_an_unknown_location_is_a_400_naming_it(api, world):
    data = {"location": "atlantis", "name": "X", "sector": "ngo", "power": 3, "interest": 3}
    response = api("facilitator").post("/api/v1/stakeholders/", data, format="json")
    assert response.status_code == 400 and "atlantis" in response.json()["location"][0]


def test_a_santo_andre_facilitator_cannot_write_chiang_rai_stakeholders(api, world):
    held = stakeholder(world)
    client = api("other_facilitator")
    created = client.post(
        "/api/v1/stakeholders/",
        {"location": "chiang-rai", "name": "X", "sector": "ngo", "power": 3, "interest": 3},
        format="json",
    )
    patched = client.patch(f"/api/v1/stakeholders/{held.pk}/", {"power": 1}, format="json")
    assert created.status_code == 403 and "Only facilitators of the location" in created.json()["detail"]
    assert patched.status_code == 403 and "Only facilitators of the location" in patched.json()["detail"]
    held.refresh_from_db()
    assert held.power == 4 and Stakeholder.objects.count() == 1


def test_the_facilitator_patches_and_deactivates_a_stakeholder(api, world):
    held = stakeholder(world)
    response = api("facilitator").patch(
        f"/api/v1/stakeholders/{held.pk}/", {"interest": 5, "is_active": False}, format="json"
    )
    assert response.status_code == 200 and response.json()["quadrant"] == "manage_closely"
    assert api("coordinator").get("/api/v1/stakeholders/").json()["count"] == 0
    assert api("coordinator").get("/api/v1/stakeholders/", {"status": "inactive"}).json()["count"] == 1


def test_a_stakeholder_stays_in_its_location(api, world):
    held = stakeholder(world)
    response = api("facilitator").patch(f"/api/v1/stakeholders/{held.pk}/", {"location": "santo-andre"}, format="json")
    assert response.status_code == 400 and "location" in response.json()


def test_engagements_are_read_with_their_follow_ups(api, world):
    held = engagement(world)
    follow_up(held, due_date=timezone.localdate() - dt.timedelta(days=2))
    body = api("steering_member").get("/api/v1/engagements/", {"location": "chiang-rai"}).json()
    row = body["results"][0]
    assert row["overdue_follow_ups"] == 1 and row["follow_ups"][0]["is_overdue"] is True
    assert api("steering_member").get("/api/v1/engagements/", {"overdue": "false"}).json()["count"] == 0


def test_the_facilitator_records_an_engagement(api, world):
    police = stakeholder(world)
    response = api("facilitator").post(
        "/api/v1/engagements/",
        {
            "location": "chiang-rai",
            "kind": "meeting",
            "date": "2009-07-01",
            "title": "Planning the workshop",
            "stakeholders": [police.pk],
            "sectors": ["law_enforcement", "ngo"],
            "agreed": "Police join the workshop",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = Engagement.objects.get()
    assert list(created.stakeholders.all()) == [police] and created.sectors.count() == 2
    assert AuditEvent.objects.filter(action="create", object_type="planning.engagement").exists()


def test_an_engagement_with_another_locations_stakeholder_is_a_400(api, world):
    stranger = stakeholder(world, location="santo_andre", name="Guarda Municipal")
    response = api("facilitator").post(
        "/api/v1/engagements/",
        {
            "location": "chiang-rai",
            "kind": "call",
            "date": "2009-07-01",
            "title": "Call",
            "stakeholders": [stranger.pk],
        },
        format="json",
    )
    assert response.status_code == 400 and "Guarda Municipal" in response.json()["stakeholders"][0]
    assert not Engagement.objects.exists()


def test_follow_ups_are_added_and_marked_done(api, world):
    held = engagement(world)
    client = api("facilitator")
    created = client.post(
        "/api/v1/follow-ups/",
        {"engagement": held.pk, "description": "Send minutes", "due_date": "2009-06-05"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["is_overdue"] is True
    pk = created.json()["id"]
    done = client.patch(f"/api/v1/follow-ups/{pk}/", {"done_at": "2009-06-04"}, format="json")
    assert done.status_code == 200 and done.json()["is_overdue"] is False
    assert FollowUp.objects.get().done_at == dt.date(2009, 6, 4)
    assert api("coordinator").get("/api/v1/follow-ups/", {"overdue": "true"}).json()["count"] == 0


def test_a_santo_andre_facilitator_cannot_write_chiang_rai_follow_ups(api, world):
    held = engagement(world)
    item = follow_up(held)
    client = api("other_facilitator")
    created = client.post(
        "/api/v1/follow-ups/", {"engagement": held.pk, "description": "x", "due_date": "2009-06-05"}, format="json"
    )
    patched = client.patch(f"/api/v1/follow-ups/{item.pk}/", {"done_at": "2009-06-04"}, format="json")
    engaged = client.patch(f"/api/v1/engagements/{held.pk}/", {"title": "Hijacked"}, format="json")
    assert [created.status_code, patched.status_code, engaged.status_code] == [403, 403, 403]
    item.refresh_from_db()
    held.refresh_from_db()
    assert item.done_at is None and FollowUp.objects.count() == 1 and held.title == "First meeting"


def test_a_missing_record_is_a_404(api, world):
    assert api("coordinator").get("/api/v1/stakeholders/999999/").status_code == 404
    assert api("coordinator").get("/api/v1/engagements/999999/").status_code == 404


def test_the_list_queries_do_not_grow_with_the_rows(api, world, django_assert_max_num_queries):
    for index in range(3):
        met = engagement(world, title=f"Meeting {index}")
        met.stakeholders.add(stakeholder(world, name=f"S {index}"))
        follow_up(met)
    client = api("coordinator")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/engagements/").status_code == 200
    for index in range(10):
        met = engagement(world, title=f"More {index}")
        met.stakeholders.add(stakeholder(world, name=f"More {index}"))
        follow_up(met)
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/engagements/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/stakeholders/").status_code == 200
