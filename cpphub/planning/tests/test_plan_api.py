"""The API of workshops and priorities: reads, writes by the location's facilitators, the rank action, 4xx reasons."""

from __future__ import annotations

from rest_framework.test import APIClient

from cpphub.planning.models import Priority, Workshop
from cpphub.planning.tests.plan_records import priority, risk, strength, workshop


def api(world, persona):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(world.users[persona])
    return client


def test_members_read_workshops_filtered_by_location_slug(world):
    workshop(world, title="Chiang Rai workshop")
    workshop(world, location="santo_andre", title="Santo André workshop")
    response = api(world, "national_focal_point").get("/api/v1/workshops/", {"location": "santo-andre"})
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == ["Santo André workshop"]
    assert response.json()["results"][0]["location"] == "santo-andre"


def test_an_outsider_reads_nothing(world):
    workshop(world)
    assert api(world, "outsider").get("/api/v1/workshops/").status_code == 403


def test_a_facilitator_creates_a_workshop_and_a_priority(world):
    client = api(world, "facilitator")
    created = client.post(
        "/api/v1/workshops/", {"location": "chiang-rai", "title": "Round 1", "date": "2009-09-01"}, format="json"
    )
    assert created.status_code == 201, created.json()
    grooming, peers = risk(world), strength(world)
    made = client.post(
        "/api/v1/priorities/",
        {"workshop": created.json()["id"], "title": "Safer games", "findings": [grooming.pk], "strengths": [peers.pk]},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["findings"] == [grooming.pk]


def test_the_santo_andre_facilitator_cannot_write_chiang_rai_workshops(world):
    held = workshop(world)
    scored = priority(world, workshop=held, scores=(3, 3, 3, 3))
    client = api(world, "other_facilitator")
    assert (
        client.post(
            "/api/v1/workshops/", {"location": "chiang-rai", "title": "Not mine", "date": "2009-09-01"}, format="json"
        ).status_code
        == 403
    )
    assert client.patch(f"/api/v1/workshops/{held.pk}/", {"title": "Taken"}, format="json").status_code == 403
    assert client.patch(f"/api/v1/priorities/{scored.pk}/", {"severity": 1}, format="json").status_code == 403
    assert client.post(f"/api/v1/workshops/{held.pk}/rank/", {"reasoning": "x"}, format="json").status_code == 403
    assert client.post("/api/v1/priorities/", {"workshop": held.pk, "title": "Ours"}, format="json").status_code == 403
    held.refresh_from_db()
    scored.refresh_from_db()
    assert held.title == "Planning together" and scored.severity == 3 and Priority.objects.count() == 1
    assert Workshop.objects.count() == 1


def test_a_score_of_6_is_a_400_naming_the_field_and_changes_nothing(world):
    scored = priority(world, scores=(3, 3, 3, 3))
    response = api(world, "facilitator").patch(f"/api/v1/priorities/{scored.pk}/", {"severity": 6}, format="json")
    assert response.status_code == 400
    assert "severity" in response.json()
    scored.refresh_from_db()
    assert scored.severity == 3


def test_the_rank_action_ranks_and_refuses_unscored_priorities(world):
    held = workshop(world)
    priority(world, "Low", (1, 1, 1, 1), workshop=held)
    unscored = priority(world, "Unscored", workshop=held)
    client = api(world, "facilitator")
    refused = client.post(f"/api/v1/workshops/{held.pk}/rank/", {"reasoning": "Agreed."}, format="json")
    assert refused.status_code == 400
    assert "Unscored" in str(refused.json())
    assert not Priority.objects.filter(rank__isnull=False).exists()
    missing = client.post(f"/api/v1/workshops/{held.pk}/rank/", {}, format="json")
    assert missing.status_code == 400 and "reasoning" in missing.json()
    client.patch(
        f"/api/v1/priorities/{unscored.pk}/",
        {"severity": 5, "children": 5, "feasibility": 5, "strengths_score": 5},
        format="json",
    )
    ranked = client.post(f"/api/v1/workshops/{held.pk}/rank/", {"reasoning": "Agreed."}, format="json")
    assert ranked.status_code == 200, ranked.json()
    body = ranked.json()
    assert [(p["title"], p["rank"]) for p in body["priorities"]] == [("Unscored", 1), ("Low", 2)]
    assert body["workshop"]["reasoning"] == "Agreed."


def test_priorities_filter_by_location_and_can_be_removed(world):
    priority(world, "Chiang Rai priority")
    priority(world, "Santo André priority", workshop=workshop(world, location="santo_andre"))
    client = api(world, "facilitator")
    listed = client.get("/api/v1/priorities/", {"location": "chiang-rai"}).json()["results"]
    assert [row["title"] for row in listed] == ["Chiang Rai priority"]
    assert client.delete(f"/api/v1/priorities/{listed[0]['id']}/").status_code == 204
    assert not Priority.objects.filter(title="Chiang Rai priority").exists()


def test_an_unknown_location_is_a_400_with_a_reason(world):
    response = api(world, "facilitator").post(
        "/api/v1/workshops/", {"location": "nowhere", "title": "X", "date": "2009-09-01"}, format="json"
    )
    assert response.status_code == 400
    assert "nowhere" in str(response.json()["location"])
