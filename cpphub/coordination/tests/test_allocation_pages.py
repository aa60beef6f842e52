"""The allocation pages: capacities and needs, running the optimiser, reasons, pins, re-solving, versions."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from cpphub.coordination.models import AllocationRun, NeedProfile, PartnerCapacity, ResourceType
from cpphub.coordination.tests.allocation_records import (
    capacities,
    capacity,
    chiang_rai_need,
    local_action,
    need_profile,
    priority,
    proposed_run,
    resources,
)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_coordinator_keeps_resources_capacities_and_needs_and_members_see_the_overview(client_for, world):
    coordinator = client_for("coordinator")
    response = coordinator.post(
        reverse("coordination:resource_create"),
        {"name": "Trainers' time", "key": "trainers", "kind": "staff_time", "unit": "hours", "is_active": "on"},
    )
    assert response.status_code == 302
    trainers = ResourceType.objects.get(key="trainers")
    response = coordinator.post(
        reverse("coordination:capacity_edit", args=[world.orgs["face"].pk]),
        {"amount_trainers": "120", "note_trainers": "Two trainers"},
    )
    assert response.status_code == 302
    assert PartnerCapacity.objects.get().amount == Decimal("120.00")
    action = local_action(world, priority=priority(world, rank=1))
    need_url = reverse("coordination:need_edit", args=["local", action.pk])
    assert "Computed once the needs are saved." in _text(coordinator.get(need_url))
    response = coordinator.post(need_url, {"min_fraction": "0.75", "children_reached": "99", "need_trainers": "80"})
    assert response.status_code == 302
    profile = NeedProfile.objects.get(local_action=action)
    assert profile.min_fraction == Decimal("0.75") and profile.needs.get().resource == trainers
    page = _text(coordinator.get(need_url))
    assert "its priority is ranked 1 by the location" in page and 'id="benefit-formula"' in page

    overview = _text(client_for("steering_member").get(reverse("coordination:resource_overview")))
    assert "Capacity covers 150 % of the need." in overview
    assert "Train teachers on online grooming" in overview and "Chiang Rai (Thailand)" in overview
    assert "Foundation for Child Development (FACE)" in overview and "Set needs" not in overview
    assert 'id="benefit-formula"' in overview


def test_bad_needs_say_why_and_save_nothing(client_for, world):
    resources()
    action = local_action(world)
    page = client_for("coordinator").post(
        reverse("coordination:need_edit", args=["local", action.pk]), {"min_fraction": "0", "need_budget": "-5"}
    )
    assert page.status_code == 200
    text = _text(page)
    assert "Ensure this value is greater than or equal to 0.01." in text
    assert "Ensure this value is greater than or equal to 0." in text
    assert not NeedProfile.objects.exists()


def test_run_the_optimiser_read_the_reasons_pin_resolve_and_accept(client_for, world):
    r = resources()
    capacity(world.orgs["face"], r["trainers"], 60)
    capacity(world.orgs["plan_thailand"], r["trainers"], 40)
    teachers = local_action(world, title="Teachers' training", priority=priority(world, rank=1))
    need_profile(teachers, {"trainers": 60}, min_fraction="1")
    parents = local_action(world, title="Parents' evenings", priority=priority(world, rank=3))
    need_profile(parents, {"trainers": 60}, min_fraction="1")
    client = client_for("coordinator")
    listing = _text(client.get(reverse("coordination:allocation_list")))
    assert "Run the optimiser" in listing and "No allocation has been accepted yet." in listing

    response = client.post(reverse("coordination:allocation_run"), {"title": "Trainers 2009"})
    run = AllocationRun.objects.get()
    assert response["Location"] == reverse("coordination:allocation_detail", args=[run.pk])
    page = _text(client.get(response["Location"]))
    assert "Funded: 1 action" in page and "Left unfunded: 1 action" in page
    assert "Funded by Foundation for Child Development (FACE)" in page
    assert "It needs at least 60 hours of Trainers&#x27; time" in page
    assert "Accept this allocation" in page and "Re-solve with these pins" in page

    # Pin Plan Thailand to the parents' evenings: the optimiser must fund them now.
    parents = next(a for a in run.scenario["actions"] if a["title"] == "Parents' evenings")["key"]
    plan = f"org:{world.orgs['plan_thailand'].pk}"
    response = client.post(
        reverse("coordination:allocation_resolve", args=[run.pk]), {"pin": [f"{plan}|{parents}|trainers|"]}
    )
    again = AllocationRun.objects.exclude(pk=run.pk).get()
    assert again.parent == run and parents in again.result["funded"]
    page = _text(client.get(response["Location"]))
    assert f'data-pin="{plan}|{parents}|trainers" checked' in page
    assert "Pinned by a coordinator: Plan Thailand must give to it." in page

    client.post(reverse("coordination:allocation_accept", args=[again.pk]))
    again.refresh_from_db()
    assert (again.status, again.version) == ("accepted", 1)
    listing = _text(client.get(reverse("coordination:allocation_list")))
    assert "Current allocation: version 1" in listing

    client.post(reverse("coordination:allocation_accept", args=[run.pk]))
    run.refresh_from_db()
    again.refresh_from_db()
    assert (run.status, run.version, again.status) == ("accepted", 2, "superseded")
    assert "Current allocation: version 2" in _text(client.get(reverse("coordination:allocation_list")))


def test_pins_that_cannot_hold_are_explained_on_the_page(client_for, world):
    run = proposed_run(world)
    action = run.result["funded"][0]
    face = f"org:{world.orgs['face'].pk}"
    client = client_for("coordinator")
    response = client.post(
        reverse("coordination:allocation_resolve", args=[run.pk]),
        {"pin": [f"{face}|{action}|trainers|500"], "forbid": [f"{face}|{action}"]},
    )
    infeasible = AllocationRun.objects.get(status="infeasible")
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = _text(page)
    assert "These pins cannot all hold" in text
    assert "Foundation for Child Development (FACE) is both pinned to and forbidden for Train teachers" in text
    assert (
        "is pinned to give 500 hours of Trainers&#x27; time to Train teachers on online grooming but has only 120 hours"
        in text
    )
    assert "Accept this allocation" not in text
    assert f'data-forbid="{face}|{action}" checked' in text  # untick to lift it
    assert infeasible.parent == run


def test_a_pin_naming_an_unknown_partner_is_refused_with_a_message(client_for, world):
    run = proposed_run(world)
    client = client_for("coordinator")
    response = client.post(
        reverse("coordination:allocation_resolve", args=[run.pk]),
        {"pin": [f"org:999|{run.result['funded'][0]}|budget|"]},
        follow=True,
    )
    assert "Pin 1: org:999 is not a partner with capacities." in _text(response)
    assert AllocationRun.objects.count() == 1


def test_members_read_the_allocation_but_only_coordinators_run_and_accept(client_for, world):
    run = proposed_run(world)
    member = client_for("national_focal_point")
    page = _text(member.get(reverse("coordination:allocation_detail", args=[run.pk])))
    assert "Funded by" in page and "Accept this allocation" not in page and 'name="pin"' not in page
    assert "Run the optimiser" not in _text(member.get(reverse("coordination:allocation_list")))
    denied = [
        member.post(reverse("coordination:allocation_run")),
        member.post(reverse("coordination:allocation_accept", args=[run.pk])),
        member.post(reverse("coordination:allocation_resolve", args=[run.pk])),
    ]
    assert [d.status_code for d in denied] == [403, 403, 403]
    run.refresh_from_db()
    assert run.status == "proposed" and AllocationRun.objects.count() == 1


def test_the_allocation_exports_to_xlsx_and_hxl_csv(client_for, world):
    run = proposed_run(world)
    client = client_for("steering_member")
    xlsx = client.get(reverse("coordination:allocation_export", args=[run.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Action" and rows[1][0] == "#activity+name"
    assert {row[5] for row in rows[2:]} == {"Foundation for Child Development (FACE)", "Plan Thailand"}
    csv_text = client.get(reverse("coordination:allocation_export", args=[run.pk, "csv"])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("#activity+name,#activity+code,#loc+code")


def test_the_settings_change_the_benefit_the_overview_shows(client_for, world):
    capacities(world)
    chiang_rai_need(world)
    client = client_for("coordinator")
    response = client.post(
        reverse("coordination:allocation_settings"),
        {
            "weight_equip": "2",
            "weight_connect": "1",
            "weight_coordinate": "1",
            "rank_weight": "1",
            "children_weight": "0",
            "time_limit": "5",
        },
    )
    assert response.status_code == 302
    overview = _text(client.get(reverse("coordination:resource_overview")))
    assert ">4.00<" in overview  # equip weight 2 x rank term 2, children weighed 0
    assert "Equip 2.0, Connect 1.0, Coordinate 1.0" in overview


def test_a_version_made_by_the_demo_loader_without_a_person_still_reads(client_for, world):
    from cpphub.coordination.services.allocation import accept_allocation, run_allocation
    from cpphub.coordination.tests.allocation_records import world_with_needs

    world_with_needs(world)
    run = accept_allocation(run_allocation(acting_user=None), acting_user=None)
    client = client_for("steering_member")
    listing = client.get(reverse("coordination:allocation_list"))
    assert listing.status_code == 200 and "Current allocation: version 1" in _text(listing)
    detail = _text(client.get(reverse("coordination:allocation_detail", args=[run.pk])))
    assert "by —." in detail and "Funded by" in detail


def test_the_list_pages_read_in_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    from cpphub.coordination.models import Contribution
    from cpphub.coordination.tests.allocation_records import commitment, coordinated_action

    def more(n: int) -> None:
        for i in range(n):
            need_profile(
                local_action(world, title=f"More {n}.{i}", priority=priority(world, rank=i + 2)), {"budget": 9}
            )
            need_profile(commitment(world, title=f"Promise {n}.{i}"), {"budget": 100})
            joint = coordinated_action(world, title=f"Joint {n}.{i}", risks=["contact"])
            Contribution.objects.create(action=joint, organisation=world.orgs["plan_thailand"], kind="money")
            need_profile(joint, {"trainers": 5})
        proposed_run(world)

    client = client_for("steering_member")
    capacities(world)
    more(1)
    pages = [
        reverse("coordination:resource_overview"),
        reverse("coordination:allocation_list"),
        reverse("coordination:three_w"),
    ]
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(60) as captured:
            client.get(url)
        counts[url] = len(captured)
    more(5)
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200
