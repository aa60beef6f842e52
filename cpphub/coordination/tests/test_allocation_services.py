"""The allocation's services: the scenario from the database, benefits, runs, pins and forbids, versions."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.coordination.allocation import Allocation, Assignment, Forbid, Pin, Reason, Scenario, check
from cpphub.coordination.models import AllocationRun, AllocationSettings, Need, NeedProfile, PartnerCapacity
from cpphub.coordination.services.allocation import (
    accept_allocation,
    build_scenario,
    capacities_save,
    expected_benefit,
    need_profile_save,
    run_allocation,
)
from cpphub.coordination.tests.allocation_records import (
    capacities,
    capacity,
    chiang_rai_need,
    commitment,
    coordinated_action,
    local_action,
    need_profile,
    priority,
    proposed_run,
    resources,
)


def allocation_of(run: AllocationRun) -> Allocation:
    """The optimiser's answer as the run kept it, for ``check``."""
    result = run.result
    return Allocation(
        status=result["status"],
        objective=run.objective or 0.0,
        bound=run.bound or 0.0,
        gap=run.gap or 0.0,
        greedy_objective=run.greedy_objective or 0.0,
        lp_seconds=result["lp_seconds"],
        seconds=run.seconds or 0.0,
        funded=tuple(result["funded"]),
        assignments=tuple(Assignment(**a) for a in result["assignments"]),
        reasons={k: tuple(Reason(r["code"], r["params"]) for r in v) for k, v in result["reasons"].items()},
        unfunded=tuple(result["unfunded"]),
        leftover=result["leftover"],
        problems=tuple(Reason(r["code"], r["params"]) for r in result["problems"]),
    )


def scenario_of(run: AllocationRun) -> Scenario:
    return Scenario.from_dict(run.scenario)


def test_the_scenario_places_actions_and_partners_in_their_regions(world):
    from cpphub.coordination.models import CoordinatedAction
    from cpphub.partnership.models import Organisation

    r = resources()
    capacities(world)
    capacity(world.orgs["iicrd"], r["budget"], 5_000)
    village = Organisation.objects.create(
        name="Chiang Rai Youth Club", country=world.countries["thailand"], level="local"
    )
    world.locations["chiang_rai"].implementing_partners.add(village)
    capacity(village, r["trainers"], 10)
    lonely = Organisation.objects.create(
        name="Bangkok Parents Group", country=world.countries["thailand"], level="local"
    )
    capacity(lonely, r["trainers"], 5)
    local = chiang_rai_need(world)
    national = need_profile(commitment(world), {"budget": 8_000})
    joint = need_profile(coordinated_action(world), {"trainers": 20})
    spanning = coordinated_action(world, title="Two-country exchange")
    spanning.countries.add(world.countries["brazil"])
    need_profile(spanning, {"budget": 1_000})
    need_profile(local_action(world, title="Nothing needed yet"), {})
    need_profile(local_action(world, title="Finished", status="done"), {"budget": 100})
    dropped = CoordinatedAction.objects.create(
        title="Dropped", lead=world.orgs["face"], outcome="equip", status="dropped", status_reason="no venue"
    )
    need_profile(dropped, {"budget": 100})

    scenario = build_scenario().validate()

    regions = {a.key: a.region for a in scenario.actions}
    assert regions == {
        f"local:{local.local_action_id}": "TH/chiang-rai",
        f"commitment:{national.commitment_id}": "TH",
        f"coordinated:{joint.coordinated_action_id}": "TH/chiang-rai",
        f"coordinated:{spanning.pk}": "",
    }
    partners = {p.name: p.regions for p in scenario.partners}
    assert partners["International Institute for Child Rights and Development (IICRD)"] == ("*",)
    assert partners["Foundation for Child Development (FACE)"] == ("TH",)
    assert partners["Chiang Rai Youth Club"] == ("TH/chiang-rai",)
    assert partners["Bangkok Parents Group"] == ("TH",)
    face = next(p for p in scenario.partners if p.key == f"org:{world.orgs['face'].pk}")
    assert dict(face.capacity) == {"budget": 20_000.0, "trainers": 120.0}
    assert {res.key for res in scenario.resources} == {"budget", "trainers"}


def test_benefit_follows_rank_children_outcome_weights_and_a_hand_set_value(world):
    settings = AllocationSettings()
    first = need_profile(local_action(world, priority=priority(world, rank=1)), {"budget": 1}, children=99)
    fourth = need_profile(local_action(world, title="Fourth", priority=priority(world, rank=4)), {"budget": 1})
    assert expected_benefit(first, settings) == pytest.approx(2 + math.log10(100))  # R = 1 + 1/1, 100 children
    assert expected_benefit(fourth, settings) == pytest.approx(1.25)
    weighted = AllocationSettings(outcome_weights={"equip": 3}, rank_weight=Decimal(2), children_weight=Decimal(0))
    assert expected_benefit(first, weighted) == pytest.approx(3 * 2 * 2)  # the action's outcome is equip
    first.benefit_override = Decimal("42.5")
    assert expected_benefit(first, weighted) == 42.5


def test_a_commitment_and_a_coordinated_action_take_their_linked_priorities(world):
    from cpphub.coordination.models import Synergy
    from cpphub.national.models import NationalPriority

    settings = AllocationSettings()
    promise = commitment(world)
    alone = need_profile(commitment(world, title="Unlinked"), {"budget": 1})
    linked = need_profile(promise, {"budget": 1})
    urgent = NationalPriority.objects.create(
        country=world.countries["thailand"], title="Stop online grooming", importance=5
    )
    ranked = priority(world, rank=2)
    synergy = Synergy.objects.create(
        location=world.locations["chiang_rai"],
        country=world.countries["thailand"],
        local_priority=ranked,
        commitment=promise,
        score=80,
        fingerprint="test-synergy",
        status="accepted",
    )
    joint = coordinated_action(world, synergy=synergy, children_to_reach=999)
    joint.national_priorities.add(urgent)
    joint_profile = need_profile(joint, {"budget": 1})
    assert expected_benefit(alone, settings) == pytest.approx(1.0)  # nothing linked: R = 1, no children
    assert expected_benefit(linked, settings) == pytest.approx(2.0)  # importance 5: R = 2
    # The best of rank 2 (1.5) and importance 5 (2), and the action's own 999 children.
    assert expected_benefit(joint_profile, settings) == pytest.approx(2.0 + 3.0)
    capacities(world)
    benefits = {a.key: a.benefit for a in build_scenario().actions}  # the same through the prefetched profiles
    assert benefits[f"commitment:{promise.pk}"] == pytest.approx(2.0)
    assert benefits[f"commitment:{alone.commitment_id}"] == pytest.approx(1.0)


def test_a_proposal_respects_every_capacity_and_minimum(world):
    r = resources()
    capacity(world.orgs["face"], r["trainers"], 100)
    capacity(world.orgs["plan_thailand"], r["budget"], 50_000)
    for rank, (hours, budget) in enumerate([(60, 20_000), (50, 25_000), (40, 10_000), (30, 30_000)], start=1):
        action = local_action(world, title=f"Action {rank}", priority=priority(world, rank=rank))
        need_profile(action, {"trainers": hours, "budget": budget}, min_fraction="0.8")

    run = run_allocation(acting_user=world.users["coordinator"], title="First try")

    assert run.status == AllocationRun.Status.PROPOSED and run.title == "First try"
    assert check(scenario_of(run), allocation_of(run)) == []
    given = {}
    for item in run.result["assignments"]:
        given[item["partner"], item["resource"]] = given.get((item["partner"], item["resource"]), 0) + item["amount"]
    assert given[f"org:{world.orgs['face'].pk}", "trainers"] <= 100 + 1e-6
    assert run.result["unfunded"], "capacity is short: some action stays unfunded"
    assert run.objective >= run.greedy_objective - 1e-9 and run.gap is not None and run.bound >= run.objective
    assert AuditEvent.objects.filter(object_type="coordination.allocationrun", action="create").count() == 1


def test_a_pinned_assignment_is_kept_and_a_forbidden_one_never_appears(world):
    r = resources()
    capacity(world.orgs["face"], r["trainers"], 60)
    capacity(world.orgs["plan_thailand"], r["trainers"], 60)
    best = need_profile(local_action(world, title="Best", priority=priority(world, rank=1)), {"trainers": 60})
    weaker = need_profile(local_action(world, title="Weaker", priority=priority(world, rank=5)), {"trainers": 60})
    face, plan = f"org:{world.orgs['face'].pk}", f"org:{world.orgs['plan_thailand'].pk}"
    best_key, weaker_key = f"local:{best.local_action_id}", f"local:{weaker.local_action_id}"
    first = run_allocation(acting_user=world.users["coordinator"])

    again = run_allocation(
        acting_user=world.users["coordinator"],
        pins=[Pin(plan, weaker_key, "trainers", 60.0)],
        forbids=[Forbid(face, best_key)],
        parent=first,
    )

    assert again.parent == first and again.status == AllocationRun.Status.PROPOSED
    assert again.pins == [{"partner": plan, "action": weaker_key, "resource": "trainers", "amount": 60.0}]
    pairs = {(a["partner"], a["action"]): a["amount"] for a in again.result["assignments"]}
    assert pairs[plan, weaker_key] >= 60 - 1e-6
    assert (face, best_key) not in pairs
    assert check(scenario_of(again), allocation_of(again)) == []


def test_pins_that_cannot_hold_give_an_infeasible_run_with_its_problems(world):
    profile = chiang_rai_need(world)
    capacities(world)
    face = f"org:{world.orgs['face'].pk}"
    action = f"local:{profile.local_action_id}"

    run = run_allocation(
        acting_user=world.users["coordinator"],
        pins=[Pin(face, action, "trainers", 500.0)],
        forbids=[Forbid(face, action)],
    )

    assert run.status == AllocationRun.Status.INFEASIBLE and run.objective is None
    codes = {problem["code"] for problem in run.result["problems"]}
    assert {"pin_and_forbid", "pin_exceeds_capacity"} <= codes
    assert run.result["assignments"] == [] and run.result["funded"] == []


def test_pins_naming_unknown_partners_or_actions_are_refused_with_the_reason(world):
    world_profile = chiang_rai_need(world)
    capacities(world)
    with pytest.raises(ValidationError) as refused:
        run_allocation(
            acting_user=world.users["coordinator"],
            pins=[Pin("org:9999", f"local:{world_profile.local_action_id}", "budget", 1.0)],
            forbids=[Forbid(f"org:{world.orgs['face'].pk}", "local:424242")],
        )
    errors = refused.value.message_dict
    assert errors["pins"] == ["Pin 1: org:9999 is not a partner with capacities."]
    assert errors["forbids"] == ["Forbid 1: local:424242 is not an open action with needs."]
    assert not AllocationRun.objects.exists()


def test_accepting_makes_dated_versions_and_supersedes_the_previous_one(world):
    first = proposed_run(world)
    accepted = accept_allocation(first, acting_user=world.users["coordinator"])
    assert (accepted.status, accepted.version, accepted.accepted_by) == ("accepted", 1, world.users["coordinator"])
    assert accepted.accepted_at is not None

    second = accept_allocation(proposed_run(world), acting_user=world.users["coordinator"])

    first.refresh_from_db()
    assert (second.status, second.version) == ("accepted", 2)
    assert (first.status, first.version) == ("superseded", 1)
    with pytest.raises(ValidationError, match="Only a proposed allocation can be accepted"):
        accept_allocation(first, acting_user=world.users["coordinator"])
    changes = AuditEvent.objects.filter(object_type="coordination.allocationrun", action="update")
    assert changes.count() == 3  # version 1 accepted, then superseded; version 2 accepted


def test_a_partners_capacities_are_saved_together_and_an_empty_amount_removes_one(world):
    r = resources()
    capacities(world)
    capacities_save(
        organisation=world.orgs["face"],
        rows={r["trainers"]: (Decimal("150"), "Two trainers, part time"), r["budget"]: (None, "")},
        acting_user=world.users["coordinator"],
    )
    kept = PartnerCapacity.objects.get(organisation=world.orgs["face"])
    assert (kept.resource.key, kept.amount, kept.note) == ("trainers", Decimal("150.00"), "Two trainers, part time")
    assert AuditEvent.objects.filter(object_type="coordination.partnercapacity", action="delete").count() == 1


def test_an_actions_needs_are_made_on_first_save_and_bad_values_change_nothing(world):
    r = resources()
    action = local_action(world)
    profile = need_profile_save(
        action=action,
        data={"min_fraction": Decimal("0.5"), "children_reached": 200, "benefit_override": None},
        needs={r["budget"]: Decimal("1000"), r["trainers"]: None},
        acting_user=world.users["coordinator"],
    )
    assert profile.local_action == action and [n.resource.key for n in profile.needs.all()] == ["budget"]
    with pytest.raises(ValidationError) as refused:
        need_profile_save(
            action=action,
            data={"min_fraction": Decimal("1.5")},
            needs={r["trainers"]: Decimal("3")},
            acting_user=world.users["coordinator"],
        )
    assert "min_fraction" in refused.value.message_dict
    profile.refresh_from_db()
    assert profile.min_fraction == Decimal("0.50") and Need.objects.count() == 1
    assert NeedProfile.objects.count() == 1
