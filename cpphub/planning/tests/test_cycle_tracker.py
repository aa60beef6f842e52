"""The cycle of a location: counts from the database, the checklist, the next step, the page, the board, the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cpphub.mapping.models import MappingSession
from cpphub.planning.models import PlanningConfig
from cpphub.planning.selectors.cycle import board, location_cycle
from cpphub.planning.tests import cycle_world as make


def stage(cycle, name):  # type: ignore[no-untyped-def]
    return next(s for s in cycle.stages if s.stage == name)


def items(summary) -> dict[str, tuple[int, int, bool]]:  # type: ignore[no-untyped-def]
    return {item.key: (item.count, item.required, item.met) for item in summary.items}


def test_it_counts_what_each_stage_produced(world):
    make.sessions(world, 2)
    make.findings(world, 2, withdrawn=1)
    make.stakeholders(world, 4)
    make.engagements(world, 1)
    make.workshop(world, ranked=3)
    make.plan(world, actions=2)
    make.findings(world, 5, location="santo_andre")  # another location's records are not counted
    cycle = location_cycle(viewer=world.users["steering_member"], location=world.locations["chiang_rai"])
    assert [s.stage for s in cycle.stages] == ["map", "engage", "plan", "create"]
    assert items(stage(cycle, "map")) == {"sessions": (2, 1, True), "findings": (2, 3, False)}
    assert items(stage(cycle, "engage")) == {"stakeholders": (4, 5, False), "engagements": (1, 1, True)}
    assert items(stage(cycle, "plan")) == {"workshops": (1, 1, True), "ranked_priorities": (3, 3, True)}
    assert items(stage(cycle, "create")) == {"action_plans": (1, 1, True), "actions": (2, 2, True)}
    assert stage(cycle, "map").is_current and not stage(cycle, "engage").is_current


def test_the_latest_records_say_who_made_them_and_when(world):
    make.sessions(world, 1)
    make.findings(world, 4)
    cycle = location_cycle(viewer=world.users["coordinator"], location=world.locations["chiang_rai"])
    latest = stage(cycle, "map").latest
    assert len(latest) == 4  # the latest three findings and the session
    assert {record.by for record in latest} == {"Facilitator"}
    assert all(record.at is not None for record in latest)
    session = MappingSession.objects.get()
    assert reverse("mapping:session_detail", kwargs={"pk": session.pk}) in [record.url for record in latest]


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda w: None, "Record at least 1 mapping session; Record at least 3 findings"),
        (lambda w: (make.sessions(w, 1), make.findings(w, 2)), "Record at least 3 findings"),
        (lambda w: make.full_map(w), "Move to Engage"),
    ],
    ids=["nothing", "two-findings", "met"],
)
def test_the_next_step_names_what_is_missing_or_the_move(world, build, expected):
    build(world)
    cycle = location_cycle(viewer=world.users["facilitator"], location=world.locations["chiang_rai"])
    assert cycle.next_step == expected


def test_the_next_step_follows_the_stage_and_the_configured_checklist(world):
    location = world.locations["chiang_rai"]
    location.stage = "plan"
    location.save()
    PlanningConfig.objects.create(
        location=location,
        checklist={
            "map": {"sessions": 1, "findings": 3},
            "engage": {"stakeholders": 5, "engagements": 1},
            "plan": {"workshops": 1, "ranked_priorities": 1},
            "create": {"action_plans": 1, "actions": 2},
        },
    )
    make.workshop(world, ranked=0)
    cycle = location_cycle(viewer=world.users["facilitator"], location=location)
    assert cycle.next_step == "Rank at least 1 priority"
    assert stage(cycle, "map").is_done and stage(cycle, "plan").is_current
    make.workshop(world, ranked=1)
    assert location_cycle(viewer=world.users["facilitator"], location=location).next_step == "Move to Create"


def test_follow_up_points_at_what_is_overdue(world):
    location = world.locations["chiang_rai"]
    location.stage = "follow_up"
    location.save()
    make.plan(world, actions=1, overdue=2)
    cycle = location_cycle(viewer=world.users["facilitator"], location=location)
    assert cycle.overdue_actions == 2
    assert cycle.next_step == "Catch up on 2 overdue actions and follow-ups"
    assert not any(s.is_current for s in cycle.stages)


def test_the_cycle_page_shows_the_four_stages_and_the_current_one(world, client_for):
    make.full_map(world)
    page = client_for("national_focal_point").get(
        reverse("planning:cycle", kwargs={"pk": world.locations["chiang_rai"].pk})
    )
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Map", "Engage", "Plan", "Create"):
        assert f'id="stage-{label.lower()}"' in html
    assert 'id="stage-map" aria-current="step"' in html
    assert "Move to Engage" in html  # the next step
    assert 'id="move-next"' not in html  # a focal point reads, does not move


def test_the_facilitator_sees_the_move_button(world, client_for):
    page = client_for("facilitator").get(reverse("planning:cycle", kwargs={"pk": world.locations["chiang_rai"].pk}))
    assert 'id="move-next"' in page.content.decode()


def test_the_board_puts_each_location_in_its_stage_column(world, client_for, django_assert_max_num_queries):
    santo_andre = world.locations["santo_andre"]
    santo_andre.stage = "create"
    santo_andre.save()
    make.plan(world, actions=0, location="santo_andre", overdue=1)
    make.full_map(world)
    data = board(viewer=world.users["steering_member"])
    columns = {column.stage: [c.location.slug for c in column.cycles] for column in data.columns}
    assert columns == {"map": ["chiang-rai"], "engage": [], "plan": [], "create": ["santo-andre"], "follow_up": []}
    assert board(viewer=world.users["steering_member"], country="TH").cycles[0].location.slug == "chiang-rai"
    assert len(board(viewer=world.users["steering_member"], country="TH").cycles) == 1
    client = client_for("steering_member")
    with django_assert_max_num_queries(25):
        page = client.get(reverse("planning:board"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="card-chiang-rai"' in html and 'id="card-santo-andre"' in html
    assert "1 overdue action or follow-up" in html
    filtered = client.get(reverse("planning:board"), {"country": world.countries["brazil"].pk}).content.decode()
    assert 'id="card-santo-andre"' in filtered and 'id="card-chiang-rai"' not in filtered


def test_the_api_gives_the_cycle_of_a_location(world, client_for):
    make.full_map(world)
    response = client_for("steering_member").get("/api/v1/locations/chiang-rai/cycle/")
    assert response.status_code == 200
    data = response.json()
    assert data["location"] == "chiang-rai" and data["country"] == "TH"
    assert data["stage"] == "map" and data["next_stage"] == "engage"
    assert data["next_step"] == "Move to Engage"
    map_stage = data["stages"][0]
    assert map_stage["stage"] == "map" and map_stage["complete"] is True
    assert {item["key"]: item["count"] for item in map_stage["items"]} == {"sessions": 1, "findings": 3}
    assert data["moves"] == []


def test_the_api_answers_404_for_an_unknown_location_and_403_for_an_outsider(world, client_for):
    assert client_for("steering_member").get("/api/v1/locations/atlantis/cycle/").status_code == 404
    assert client_for("outsider").get("/api/v1/locations/chiang-rai/cycle/").status_code == 403


def test_the_board_api_lists_every_location(world, client_for):
    data = client_for("caseworker").get("/api/v1/board/").json()
    assert sorted(row["location"] for row in data) == ["chiang-rai", "santo-andre"]
    assert client_for("caseworker").get("/api/v1/board/", {"country": "BR"}).json()[0]["location"] == "santo-andre"
