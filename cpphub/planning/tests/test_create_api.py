"""The API of action plans, actions and progress updates: members read, facilitators of the location write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.planning.models import Action, ActionPlan, ProgressUpdate
from cpphub.planning.tests.create_records import action, plan


def api(world, persona: str) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users[persona])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _body(world, chiang_rai, **fields):
    return {
        "plan": chiang_rai.pk,
        "title": "Safer school networks",
        "outcome": "coordinate",
        "lead_partner": world.orgs["face"].pk,
        "start": "2009-06-01",
        "end": "2009-12-31",
        "target_groups": ["children"],
        "target_age_bands": ["10_12", "13_15"],
        "target_sexes": ["female", "male"],
        **fields,
    }


def test_a_facilitator_adds_an_action_and_members_read_it(world):
    chiang_rai = plan(world)
    created = api(world, "facilitator").post(reverse("api:action-list"), _body(world, chiang_rai), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["location"] == "chiang-rai" and body["overdue"] is True and body["updates"] == []  # 2009 is long past
    read = api(world, "steering_member").get(reverse("api:action-detail", args=[body["id"]]))
    assert read.status_code == 200 and read.json()["target_age_bands"] == ["10_12", "13_15"]


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"end": "2009-05-01"}, "end", "The end comes before the start."),
        ({"lead_partner": "plan_brasil"}, "lead_partner", "Plan Brasil is not a partner of Chiang Rai."),
        ({"status": "dropped"}, "status_reason", "Say why the action was dropped."),
        ({"target_groups": ["teachers"]}, "target_age_bands", "Choose children as a target group first."),
    ],
)
def test_bad_input_is_a_400_with_the_reason_and_nothing_is_saved(world, fields, field, says):
    chiang_rai = plan(world)
    if fields.get("lead_partner") == "plan_brasil":
        fields = {**fields, "lead_partner": world.orgs["plan_brasil"].pk}
    answer = api(world, "facilitator").post(
        reverse("api:action-list"), _body(world, chiang_rai, **fields), format="json"
    )
    assert answer.status_code == 400
    assert answer.json()[field] == [says]
    assert not Action.objects.exists()


def test_a_patch_with_an_end_before_the_start_changes_nothing(world):
    existing = action(plan(world))
    answer = api(world, "facilitator").patch(
        reverse("api:action-detail", args=[existing.pk]), {"end": "2009-01-01", "title": "Renamed"}, format="json"
    )
    assert answer.status_code == 400 and "end" in answer.json()
    existing.refresh_from_db()
    assert (existing.title, existing.end) == ("Train teachers on online grooming", dt.date(2009, 9, 30))


@pytest.mark.parametrize("persona", ["other_facilitator", "steering_member", "coordinator", "national_focal_point"])
def test_only_the_facilitators_of_the_location_write(world, persona):
    chiang_rai = plan(world)
    existing = action(chiang_rai)
    client = api(world, persona)
    answers = [
        client.post(reverse("api:action-list"), _body(world, chiang_rai), format="json"),
        client.patch(reverse("api:action-detail", args=[existing.pk]), {"title": "Taken"}, format="json"),
        client.patch(reverse("api:action-plan-detail", args=[chiang_rai.pk]), {"title": "Taken"}, format="json"),
        client.post(
            reverse("api:progress-update-list"),
            {"action": existing.pk, "date": "2009-07-01", "note": "x"},
            format="json",
        ),
        client.post(reverse("api:action-plan-list"), {"location": "chiang-rai", "title": "Mine"}, format="json"),
    ]
    assert [a.status_code for a in answers] == [403] * 5
    assert "facilitators" in answers[0].json()["detail"]
    assert (Action.objects.count(), ActionPlan.objects.count(), ProgressUpdate.objects.count()) == (1, 1, 0)
    existing.refresh_from_db()
    assert existing.title == "Train teachers on online grooming"


def test_outsiders_read_nothing(world):
    plan(world)
    assert api(world, "outsider").get(reverse("api:action-plan-list")).status_code == 403
    assert APIClient().get(reverse("api:action-list")).status_code in (401, 403)


def test_the_actions_filter_by_location_status_outcome_and_overdue(world):
    today = timezone.localdate()
    chiang_rai = plan(world)
    action(chiang_rai, title="Late", start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1))
    action(chiang_rai, title="Done", outcome="connect", status="done")
    action(
        plan(world, location="santo_andre", title="Plano"),
        title="Oficinas",
        lead_partner=world.orgs["plan_brasil"],
        start=today,
        end=today + dt.timedelta(days=30),
    )
    client = api(world, "caseworker")

    def titles(**params):
        answer = client.get(reverse("api:action-list"), params)
        assert answer.status_code == 200
        return sorted(row["title"] for row in answer.json()["results"])

    assert titles(location="chiang-rai") == ["Done", "Late"]
    assert titles(status="done") == ["Done"]
    assert titles(outcome="connect") == ["Done"]
    assert titles(overdue="true") == ["Late"]
    assert titles(overdue="false") == ["Done", "Oficinas"]
    plans = client.get(reverse("api:action-plan-list"), {"location": "santo-andre"}).json()["results"]
    assert [p["title"] for p in plans] == ["Plano"]
    assert client.get(reverse("api:action-list"), {"location": "nowhere"}).status_code == 400


def test_plans_and_progress_updates_through_the_api(world):
    client = api(world, "facilitator")
    made = client.post(reverse("api:action-plan-list"), {"location": "chiang-rai", "title": "Plan"}, format="json")
    assert made.status_code == 201 and made.json()["action_count"] == 0
    moved = client.patch(
        reverse("api:action-plan-detail", args=[made.json()["id"]]), {"location": "santo-andre"}, format="json"
    )
    assert moved.status_code == 400 and "location" in moved.json()
    refused = client.post(reverse("api:action-plan-list"), {"location": "santo-andre", "title": "X"}, format="json")
    assert refused.status_code == 403
    existing = action(ActionPlan.objects.get())
    added = client.post(
        reverse("api:progress-update-list"),
        {"action": existing.pk, "date": "2009-07-01", "note": "Started", "value": "3"},
        format="json",
    )
    assert added.status_code == 201
    nested = client.get(reverse("api:action-detail", args=[existing.pk])).json()["updates"]
    assert [u["note"] for u in nested] == ["Started"]
    listed = client.get(reverse("api:progress-update-list"), {"action": existing.pk}).json()["results"]
    assert len(listed) == 1
