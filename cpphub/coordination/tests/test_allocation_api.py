"""The allocation's API: resources, capacities and needs; runs, pins, infeasible pins, accepting versions."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.coordination.models import AllocationRun, NeedProfile, PartnerCapacity, ResourceType
from cpphub.coordination.tests.allocation_records import (
    capacities,
    chiang_rai_need,
    local_action,
    proposed_run,
    resources,
    world_with_needs,
)


def api(world, persona: str) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users[persona])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_coordinator_records_resources_capacities_and_needs_and_members_read_them(world):
    coordinator = api(world, "coordinator")
    made = coordinator.post(
        reverse("api:resource-type-list"),
        {"key": "trainers", "name": "Trainers' time", "kind": "staff_time", "unit": "hours"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    capacity = coordinator.post(
        reverse("api:capacity-list"),
        {"organisation": world.orgs["face"].pk, "resource": "trainers", "amount": "120"},
        format="json",
    )
    assert capacity.status_code == 201, capacity.json()
    assert capacity.json()["partner_key"] == f"org:{world.orgs['face'].pk}"
    action = local_action(world)
    profile = coordinator.post(
        reverse("api:need-profile-list"),
        {"local_action": action.pk, "min_fraction": "0.5", "needs": [{"resource": "trainers", "amount": "80"}]},
        format="json",
    )
    assert profile.status_code == 201, profile.json()
    body = profile.json()
    assert body["key"] == f"local:{action.pk}" and body["region"] == "TH/chiang-rai"
    assert body["needs"] == [{"resource": "trainers", "amount": "80.00"}] and body["benefit"] == pytest.approx(1.0)

    member = api(world, "steering_member")
    assert member.get(reverse("api:need-profile-list"), {"kind": "local"}).json()["count"] == 1
    assert member.get(reverse("api:capacity-list"), {"resource": "trainers"}).json()["count"] == 1
    assert member.get(reverse("api:resource-type-list")).json()["results"][0]["key"] == "trainers"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("api:capacity-list", {"resource": "budget", "amount": "-1"}, "amount"),
        ("api:capacity-list", {"resource": "gold", "amount": "1"}, "resource"),
        ("api:need-profile-list", {"min_fraction": "0.5"}, "non_field_errors"),
        ("api:resource-type-list", {"key": "not a slug", "name": "X", "kind": "money", "unit": "THB"}, "key"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_saves_nothing(world, url, body, field):
    resources()
    body = {"organisation": world.orgs["face"].pk, **body}
    answer = api(world, "coordinator").post(reverse(url), body, format="json")
    assert answer.status_code == 400 and field in answer.json(), answer.json()
    assert not PartnerCapacity.objects.exists() and not NeedProfile.objects.exists()
    assert ResourceType.objects.count() == 2


def test_a_member_who_is_not_a_coordinator_cannot_write(world):
    resources()
    focal_point = api(world, "national_focal_point")
    answers = [
        focal_point.post(
            reverse("api:capacity-list"), {"organisation": world.orgs["face"].pk, "resource": "budget", "amount": "1"}
        ),
        focal_point.post(reverse("api:allocation-list"), {}, format="json"),
    ]
    assert [a.status_code for a in answers] == [403, 403]
    assert not PartnerCapacity.objects.exists() and not AllocationRun.objects.exists()


def test_post_runs_a_solve_and_accept_makes_the_version(world):
    world_with_needs(world)
    coordinator = api(world, "coordinator")
    answer = coordinator.post(reverse("api:allocation-list"), {"title": "From the API"}, format="json")
    assert answer.status_code == 201, answer.json()
    run = answer.json()
    assert run["status"] == "proposed" and run["funded"] == 1 and run["title"] == "From the API"
    reasons = next(iter(run["result"]["reasons"].values()))
    assert reasons[0]["code"] == "covered_by" and reasons[0]["text"].startswith("Funded by ")

    action = run["result"]["funded"][0]
    plan = f"org:{world.orgs['plan_thailand'].pk}"
    pinned = coordinator.post(
        reverse("api:allocation-list"),
        {"pins": [{"partner": plan, "action": action, "resource": "budget", "amount": 25000}], "parent": run["id"]},
        format="json",
    ).json()
    assert pinned["parent"] == run["id"] and pinned["pins"][0]["amount"] == 25000
    given = sum(a["amount"] for a in pinned["result"]["assignments"] if a["partner"] == plan)
    assert given >= 25000

    accepted = coordinator.post(reverse("api:allocation-accept", args=[pinned["id"]]))
    assert accepted.status_code == 200 and accepted.json()["version"] == 1
    again = coordinator.post(reverse("api:allocation-accept", args=[pinned["id"]]))
    assert again.status_code == 400 and "Only a proposed allocation" in str(again.json())
    listed = api(world, "caseworker").get(reverse("api:allocation-list"), {"status": "accepted"}).json()
    assert [item["id"] for item in listed["results"]] == [pinned["id"]]


def test_infeasible_pins_are_a_201_with_the_problems_and_unknown_keys_a_400(world):
    profile = chiang_rai_need(world)
    capacities(world)
    action = f"local:{profile.local_action_id}"
    face = f"org:{world.orgs['face'].pk}"
    coordinator = api(world, "coordinator")

    infeasible = coordinator.post(
        reverse("api:allocation-list"),
        {"pins": [{"partner": face, "action": action, "resource": "trainers", "amount": 500}]},
        format="json",
    )
    assert infeasible.status_code == 201
    body = infeasible.json()
    assert body["status"] == "infeasible" and body["objective"] is None
    assert body["result"]["problems"][0]["code"] == "pin_exceeds_capacity"
    assert "has only 120 hours" in body["result"]["problems"][0]["text"]

    unknown = coordinator.post(
        reverse("api:allocation-list"),
        {"pins": [{"partner": "org:9999", "action": action, "resource": "trainers"}]},
        format="json",
    )
    assert unknown.status_code == 400
    assert unknown.json() == {"pins": ["Pin 1: org:9999 is not a partner with capacities."]}
    malformed = coordinator.post(reverse("api:allocation-list"), {"pins": [{"partner": face}]}, format="json")
    assert malformed.status_code == 400
    assert malformed.json()["pins"]["0"]["action"] == ["This field is required."]
    assert AllocationRun.objects.count() == 1


def test_a_run_reads_with_its_scenario_and_reason_sentences(world):
    run = proposed_run(world)
    body = api(world, "steering_member").get(reverse("api:allocation-detail", args=[run.pk])).json()
    assert body["scenario"]["actions"][0]["region"] == "TH/chiang-rai"
    assert body["result"]["assignments"] and body["created_by"] == "coordinator@example.org"
