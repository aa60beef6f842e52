"""Moving a location through the stages against its checklist, and setting the checklist."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import PlanningConfig, StageMove
from cpphub.planning.services.cycle import location_checklist_update, location_stage_move
from cpphub.planning.tests import cycle_world as make


def chiang_rai() -> PilotLocation:
    return PilotLocation.objects.get(slug="chiang-rai")


def move_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("planning:stage_move", kwargs={"pk": world.locations["chiang_rai"].pk})


def test_it_refuses_a_move_whose_checklist_is_not_met_and_names_what_is_missing(world):
    make.sessions(world, 1)
    make.findings(world, 1)
    with pytest.raises(ValidationError) as refused:
        location_stage_move(location=chiang_rai(), to_stage="engage", acting_user=world.users["facilitator"])
    message = " ".join(refused.value.messages)
    assert "Missing: findings: 1 of 3" in message
    assert "mapping session" not in message  # that item is met
    assert chiang_rai().stage == "map"
    assert not StageMove.objects.exists()
    assert not AuditEvent.objects.filter(object_type="partnership.pilotlocation").exists()


def test_it_moves_when_the_checklist_is_met_and_records_who_and_the_checklist(world):
    make.full_map(world)
    move = location_stage_move(location=chiang_rai(), to_stage="engage", acting_user=world.users["facilitator"])
    assert chiang_rai().stage == "engage"
    assert move.from_stage == "map" and move.to_stage == "engage"
    assert move.moved_by == world.users["facilitator"]
    assert move.checklist == {
        "map": {
            "sessions": {"required": 1, "count": 1, "met": True},
            "findings": {"required": 3, "count": 3, "met": True},
        }
    }
    event = AuditEvent.objects.get(object_type="partnership.pilotlocation")
    assert event.changes == {"stage": ["map", "engage"]}
    assert event.actor == world.users["facilitator"]


@pytest.mark.parametrize(
    ("to_stage", "note", "field"),
    [("plan", "", "to_stage"), ("map", "", "to_stage"), ("nowhere", "", "to_stage")],
    ids=["skip-a-stage", "same-stage", "unknown"],
)
def test_it_moves_one_stage_at_a_time(world, to_stage, note, field):
    make.full_map(world)
    with pytest.raises(ValidationError) as refused:
        location_stage_move(location=chiang_rai(), to_stage=to_stage, note=note, acting_user=world.users["facilitator"])
    assert field in refused.value.message_dict
    assert chiang_rai().stage == "map" and not StageMove.objects.exists()


def test_going_back_needs_a_note(world):
    location = chiang_rai()
    location.stage = "plan"
    location.save()
    with pytest.raises(ValidationError) as refused:
        location_stage_move(location=location, to_stage="engage", acting_user=world.users["facilitator"])
    assert "note" in refused.value.message_dict
    assert chiang_rai().stage == "plan"
    move = location_stage_move(
        location=location, to_stage="engage", note="Two sectors were missing", acting_user=world.users["facilitator"]
    )
    assert chiang_rai().stage == "engage" and move.note == "Two sectors were missing"


def test_the_facilitator_moves_chiang_rai_on_the_page_and_sees_it_on_the_board(world, client_for):
    make.full_map(world)
    client = client_for("facilitator")
    page = client.post(move_url(world), {"to_stage": "engage"}, follow=True)
    assert page.status_code == 200
    assert "Chiang Rai moved to Engage." in page.content.decode()
    assert chiang_rai().stage == "engage"
    board = client.get(reverse("planning:board")).content.decode()
    engage_column = board.split('id="column-engage"')[1].split('id="column-plan"')[0]
    assert 'id="card-chiang-rai"' in engage_column


def test_a_refused_move_on_the_page_says_what_is_missing_and_changes_nothing(world, client_for):
    make.sessions(world, 1)
    page = client_for("facilitator").post(move_url(world), {"to_stage": "engage"}, follow=True)
    html = page.content.decode()
    assert "cannot move to Engage yet" in html
    assert "findings: 0 of 3" in html
    assert chiang_rai().stage == "map" and not StageMove.objects.exists()


@pytest.mark.parametrize("persona", ["other_facilitator", "steering_member", "coordinator", "national_focal_point"])
def test_only_the_facilitators_of_chiang_rai_move_it(world, client_for, persona):
    make.full_map(world)
    response = client_for(persona).post(move_url(world), {"to_stage": "engage"})
    assert response.status_code == 403
    assert chiang_rai().stage == "map" and not StageMove.objects.exists()


def test_the_steering_member_reads_the_board_and_the_cycle(world, client_for):
    client = client_for("steering_member")
    assert client.get(reverse("planning:board")).status_code == 200
    assert client.get(reverse("planning:cycle", kwargs={"pk": world.locations["chiang_rai"].pk})).status_code == 200


def test_the_stage_move_history_is_on_the_cycle_page(world, client_for):
    make.full_map(world)
    location_stage_move(location=chiang_rai(), to_stage="engage", acting_user=world.users["facilitator"])
    html = client_for("steering_member").get(reverse("planning:cycle", kwargs={"pk": chiang_rai().pk})).content.decode()
    history = html.split('id="moves-heading"')[1]
    assert "Map" in history and "Engage" in history and "Facilitator" in history


# The checklist ---------------------------------------------------------------------------------


def checklist_data(**changes: int) -> dict[str, int]:
    data = {
        "map__sessions": 1,
        "map__findings": 3,
        "engage__stakeholders": 5,
        "engage__engagements": 1,
        "plan__workshops": 1,
        "plan__ranked_priorities": 3,
        "create__action_plans": 1,
        "create__actions": 2,
    }
    data.update(changes)
    return data


def test_the_coordinator_sets_the_checklist_and_the_move_follows_it(world, client_for):
    url = reverse("planning:checklist_edit", kwargs={"pk": world.locations["chiang_rai"].pk})
    client = client_for("coordinator")
    assert client.get(url).status_code == 200
    response = client.post(url, checklist_data(map__findings=1))
    assert response.status_code == 302
    assert PlanningConfig.objects.get(location=chiang_rai()).checklist["map"] == {"sessions": 1, "findings": 1}
    assert AuditEvent.objects.filter(object_type="planning.planningconfig").count() == 1
    make.sessions(world, 1)
    make.findings(world, 1)
    location_stage_move(location=chiang_rai(), to_stage="engage", acting_user=world.users["facilitator"])
    assert chiang_rai().stage == "engage"


def test_a_negative_number_gets_a_clear_error_and_changes_nothing(world, client_for):
    url = reverse("planning:checklist_edit", kwargs={"pk": world.locations["chiang_rai"].pk})
    response = client_for("coordinator").post(url, checklist_data(map__findings=-2))
    assert response.status_code == 200
    assert "Give 0 or more" in response.content.decode()
    assert response.context["form"].errors.keys() == {"map__findings"}
    assert not PlanningConfig.objects.exists()
    assert not AuditEvent.objects.filter(object_type="planning.planningconfig").exists()


def test_the_service_refuses_a_checklist_that_is_not_whole_numbers(world):
    with pytest.raises(ValidationError) as refused:
        location_checklist_update(
            location=chiang_rai(),
            checklist={"map": {"sessions": -1, "findings": "three"}},
            acting_user=world.users["coordinator"],
        )
    assert {"map__sessions", "map__findings", "engage__stakeholders"} <= set(refused.value.message_dict)
    assert not PlanningConfig.objects.exists()


def test_a_facilitator_cannot_change_the_checklist(world, client_for):
    url = reverse("planning:checklist_edit", kwargs={"pk": world.locations["chiang_rai"].pk})
    assert client_for("facilitator").post(url, checklist_data(map__findings=0)).status_code == 403
    assert not PlanningConfig.objects.exists()
