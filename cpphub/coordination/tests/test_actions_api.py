"""The API of coordinated actions, contributions and milestones: who writes, and 4xx for bad input."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone
from cpphub.coordination.tests.synergy_records import chiang_rai_coordinated_action, thai_synergy


def api(world, persona: str) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users[persona])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _body(world, **more):
    return {
        "title": "Teachers against online grooming",
        "lead": world.orgs["face"].pk,
        "locations": ["chiang-rai"],
        "outcome": "equip",
        "risks": ["contact"],
        "target_groups": ["teachers"],
        "start": "2026-06-01",
        "end": "2027-06-30",
        **more,
    }


def test_a_coordinator_makes_an_action_from_an_accepted_synergy_and_members_read_it(world):
    synergy = thai_synergy(world, on="action", status="accepted")
    made = api(world, "coordinator").post(
        reverse("api:coordinated-action-list"), _body(world, synergy=synergy.pk), format="json"
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (
        body["synergy"] == synergy.pk
        and body["countries"] == ["TH"]
        and body["local_actions"] == [synergy.local_action_id]
    )
    read = api(world, "steering_member").get(reverse("api:coordinated-action-detail", args=[body["id"]]))
    assert read.status_code == 200 and read.json()["national_priorities"] == [synergy.national_priority_id]


def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(world):
    client = api(world, "coordinator")
    suggested = thai_synergy(world)
    cases = [
        (_body(world, synergy=999999), "synergy", "There is no synergy 999999."),
        (
            _body(world, synergy=suggested.pk),
            "synergy",
            "Only an accepted synergy becomes a coordinated action; accept it first.",
        ),
        (_body(world, end="2026-01-01"), "end", "The end comes before the start."),
        (_body(world, status="dropped"), "status_reason", "Say why the action was dropped."),
    ]
    for body, field, says in cases:
        answer = client.post(reverse("api:coordinated-action-list"), body, format="json")
        assert answer.status_code == 400, body
        assert answer.json()[field] == [says]
    assert not CoordinatedAction.objects.exists()


def test_only_coordinators_make_one_and_participants_change_it(world):
    action = chiang_rai_coordinated_action(world)
    assert (
        api(world, "facilitator").post(reverse("api:coordinated-action-list"), _body(world), format="json").status_code
        == 403
    )
    url = reverse("api:coordinated-action-detail", args=[action.pk])
    changed = api(world, "facilitator").patch(url, {"children_to_reach": 2000}, format="json")
    assert changed.status_code == 200 and changed.json()["children_to_reach"] == 2000
    refused = api(world, "other_facilitator").patch(url, {"children_to_reach": 1}, format="json")
    assert refused.status_code == 403
    action.refresh_from_db()
    assert action.children_to_reach == 2000
    assert api(world, "coordinator").delete(url).status_code == 405


def test_contributions_are_added_changed_and_removed_by_participants(world):
    action = chiang_rai_coordinated_action(world)
    client = api(world, "national_focal_point")
    added = client.post(
        reverse("api:contribution-list"),
        {
            "action": action.pk,
            "organisation": world.orgs["plan_thailand"].pk,
            "kind": "in_kind",
            "amount": "3",
            "unit": "laptops",
        },
        format="json",
    )
    assert added.status_code == 201, added.json()
    negative = client.patch(
        reverse("api:contribution-detail", args=[added.json()["id"]]), {"amount": "-1"}, format="json"
    )
    assert negative.status_code == 400 and "amount" in negative.json()
    listed = api(world, "caseworker").get(reverse("api:contribution-list"), {"action": action.pk})
    assert listed.json()["count"] == 3
    assert client.delete(reverse("api:contribution-detail", args=[added.json()["id"]])).status_code == 204
    assert Contribution.objects.filter(action=action).count() == 2
    stranger = api(world, "other_facilitator")
    assert stranger.post(reverse("api:contribution-list"), {"action": action.pk}, format="json").status_code == 403
    some = action.contributions.first()
    assert stranger.delete(reverse("api:contribution-detail", args=[some.pk])).status_code == 403
    assert Contribution.objects.filter(action=action).count() == 2


def test_a_contribution_to_an_action_that_does_not_exist_is_a_400(world):
    chiang_rai_coordinated_action(world)
    answer = api(world, "coordinator").post(
        reverse("api:contribution-list"),
        {"action": 999999, "organisation": world.orgs["face"].pk, "kind": "money"},
        format="json",
    )
    assert answer.status_code == 400 and "action" in answer.json()


def test_milestones_are_added_and_marked_done(world):
    action = chiang_rai_coordinated_action(world)
    client = api(world, "facilitator")
    added = client.post(
        reverse("api:milestone-list"),
        {"action": action.pk, "title": "Police briefed", "due": "2026-09-01"},
        format="json",
    )
    assert added.status_code == 201 and added.json()["overdue"] in (True, False)
    done = client.patch(
        reverse("api:milestone-detail", args=[added.json()["id"]]), {"done_at": "2026-08-30"}, format="json"
    )
    assert done.status_code == 200 and done.json()["overdue"] is False
    assert Milestone.objects.get(pk=added.json()["id"]).done_at.isoformat() == "2026-08-30"
    nested = api(world, "steering_member").get(reverse("api:coordinated-action-detail", args=[action.pk])).json()
    assert len(nested["milestones"]) == 3 and len(nested["contributions"]) == 2
