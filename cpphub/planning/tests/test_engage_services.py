"""Engage services: stakeholders (unique names, 1-5 scores, moves on the grid), engagements, follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpphub.audit.models import AuditEvent
from cpphub.planning.models import Engagement, FollowUp, Quadrant, Stakeholder
from cpphub.planning.services import engage as services
from cpphub.planning.tests.engage_records import engagement, follow_up, sector, stakeholder


def _data(world, **fields):
    return {
        "location": world.locations["chiang_rai"],
        "name": "Chiang Rai Provincial Police",
        "sector": sector(),
        "can_do": "Investigates online grooming reports",
        "power": 5,
        "interest": 3,
        **fields,
    }


def test_it_creates_a_stakeholder_and_audits_it(world):
    created = services.stakeholder_create(data=_data(world), acting_user=world.users["facilitator"])
    assert created.quadrant == Quadrant.MANAGE_CLOSELY
    assert created.created_by == world.users["facilitator"]
    assert AuditEvent.objects.filter(action="create", object_type="planning.stakeholder").count() == 1


def test_it_edits_a_stakeholder_and_keeps_its_location(world):
    held = stakeholder(world)
    updated = services.stakeholder_update(
        stakeholder=held,
        data={"name": "Police", "location": world.locations["santo_andre"], "interest": 5},
        acting_user=world.users["facilitator"],
    )
    assert (updated.name, updated.interest, updated.location) == ("Police", 5, world.locations["chiang_rai"])
    event = AuditEvent.objects.get(action="update", object_type="planning.stakeholder")
    assert event.changes["interest"] == [2, 5]


@pytest.mark.parametrize("name", ["Provincial police", "  provincial POLICE "])
def test_a_name_already_used_in_the_location_is_refused_with_a_clear_error(world, name):
    stakeholder(world)
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_create(data=_data(world, name=name), acting_user=None)
    assert "already has a stakeholder called" in caught.value.message_dict["name"][0]
    assert Stakeholder.objects.count() == 1


def test_the_same_name_is_fine_in_another_location(world):
    stakeholder(world, location="santo_andre")
    created = services.stakeholder_create(data=_data(world, name="Provincial police"), acting_user=None)
    assert created.location == world.locations["chiang_rai"]


def test_renaming_onto_another_stakeholders_name_is_refused(world):
    stakeholder(world)
    other = stakeholder(world, name="School board")
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_update(stakeholder=other, data={"name": "Provincial Police"}, acting_user=None)
    assert "name" in caught.value.message_dict
    other.refresh_from_db()
    assert other.name == "School board"


@pytest.mark.parametrize(("field", "value"), [("power", 0), ("power", 6), ("interest", 9), ("interest", -1)])
def test_a_score_outside_1_to_5_is_refused_and_nothing_is_saved(world, field, value):
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_create(data=_data(world, **{field: value}), acting_user=None)
    assert "from 1 (little) to 5" in caught.value.message_dict[field][0]
    assert not Stakeholder.objects.exists()


def test_a_score_outside_1_to_5_on_edit_changes_nothing(world):
    held = stakeholder(world)
    with pytest.raises(ValidationError):
        services.stakeholder_update(stakeholder=held, data={"power": 7, "name": "Changed"}, acting_user=None)
    held.refresh_from_db()
    assert (held.power, held.name) == (4, "Provincial police")
    assert not AuditEvent.objects.filter(object_type="planning.stakeholder").exists()


def test_moving_a_step_changes_the_quadrant_and_audits_it(world):
    held = stakeholder(world, power=4, interest=2)
    assert held.quadrant == Quadrant.KEEP_SATISFIED
    moved = services.stakeholder_move(stakeholder=held, interest_delta=1, acting_user=world.users["facilitator"])
    assert (moved.power, moved.interest, moved.quadrant) == (4, 3, Quadrant.MANAGE_CLOSELY)
    event = AuditEvent.objects.get(action="update", object_type="planning.stakeholder")
    assert event.changes == {"interest": [2, 3]}


def test_moving_to_values(world):
    moved = services.stakeholder_move(stakeholder=stakeholder(world), power=1, interest=1, acting_user=None)
    assert moved.quadrant == Quadrant.MONITOR


@pytest.mark.parametrize(
    ("start", "move", "message"),
    [
        ({"power": 5}, {"power_delta": 1}, "already 5"),
        ({"interest": 1}, {"interest_delta": -1}, "already 1"),
        ({}, {"power": 6}, "from 1 (little) to 5"),
    ],
)
def test_a_move_off_the_scale_is_refused_and_changes_nothing(world, start, move, message):
    held = stakeholder(world, **start)
    before = (held.power, held.interest)
    with pytest.raises(ValidationError) as caught:
        services.stakeholder_move(stakeholder=held, acting_user=None, **move)
    assert message in " ".join(caught.value.messages)
    held.refresh_from_db()
    assert (held.power, held.interest) == before
    assert not AuditEvent.objects.exists()


def test_a_move_must_say_which_way(world):
    with pytest.raises(ValidationError):
        services.stakeholder_move(stakeholder=stakeholder(world), acting_user=None)


def test_deactivating_and_reactivating_is_audited(world):
    held = stakeholder(world)
    services.stakeholder_set_active(stakeholder=held, active=False, acting_user=None)
    held.refresh_from_db()
    assert not held.is_active
    services.stakeholder_set_active(stakeholder=held, active=True, acting_user=None)
    held.refresh_from_db()
    assert held.is_active
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == ["deactivate", "reactivate"]


def test_an_engagement_records_who_came_and_which_sectors(world):
    police = stakeholder(world)
    created = services.engagement_create(
        data={
            "location": world.locations["chiang_rai"],
            "kind": "meeting",
            "date": dt.date(2009, 6, 2),
            "title": "Kick-off",
            "stakeholders": [police],
            "sectors": [sector(), sector("ngo")],
            "agreed": "Share the risk map",
        },
        acting_user=world.users["facilitator"],
    )
    assert list(created.stakeholders.all()) == [police]
    assert created.sectors.count() == 2
    assert AuditEvent.objects.filter(action="create", object_type="planning.engagement").exists()


def test_stakeholders_of_another_location_are_refused(world):
    stranger = stakeholder(world, location="santo_andre", name="Conselho Tutelar")
    with pytest.raises(ValidationError) as caught:
        services.engagement_create(
            data={
                "location": world.locations["chiang_rai"],
                "kind": "call",
                "date": dt.date(2009, 6, 2),
                "title": "Call",
                "stakeholders": [stranger],
            },
            acting_user=None,
        )
    assert "Conselho Tutelar" in caught.value.message_dict["stakeholders"][0]
    assert not Engagement.objects.exists()


def test_a_follow_up_is_overdue_when_its_date_passed_undone(world):
    held = engagement(world)
    today = timezone.localdate()
    late = services.follow_up_create(
        engagement=held,
        data={"description": "Send minutes", "due_date": today - dt.timedelta(days=1)},
        acting_user=None,
    )
    due_today = follow_up(held, due_date=today)
    assert late.is_overdue() and not due_today.is_overdue()
    done = services.follow_up_mark_done(follow_up=late, acting_user=world.users["facilitator"])
    assert done.done_at == today and not done.is_overdue()
    assert AuditEvent.objects.filter(action="update", object_type="planning.followup").exists()


def test_a_follow_up_cannot_be_done_in_the_future(world):
    late = follow_up(engagement(world))
    with pytest.raises(ValidationError) as caught:
        services.follow_up_mark_done(
            follow_up=late, done_at=timezone.localdate() + dt.timedelta(days=3), acting_user=None
        )
    assert "done_at" in caught.value.message_dict
    late.refresh_from_db()
    assert late.done_at is None


def test_a_follow_up_needs_a_description_and_a_due_date(world):
    with pytest.raises(ValidationError) as caught:
        services.follow_up_create(engagement=engagement(world), data={"description": ""}, acting_user=None)
    assert {"description", "due_date"} <= set(caught.value.message_dict)
    assert not FollowUp.objects.exists()
