"""The allocation optimiser: every rule respected, never worse than greedy, optimal on tiny scenarios.

Random small scenarios come from hypothesis; ``check`` (an independent verifier) judges every
answer. Optimality is proven on tiny scenarios by brute force: every subset of actions, each tested
for feasibility with scipy's LP on the plain per-partner formulation.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cpphub.coordination.allocation import (
    Action,
    Forbid,
    Partner,
    Pin,
    Resource,
    Scenario,
    ScenarioError,
    check,
    greedy,
    solve,
)
from cpphub.coordination.allocation.feasibility import precheck
from cpphub.coordination.allocation.generate import generate
from cpphub.coordination.allocation.model import build, build_hall, highs, scales
from cpphub.coordination.allocation.network import Network
from cpphub.coordination.allocation.plain import plain_relaxation
from cpphub.coordination.allocation.scenario import eligible, pin_floor

RESOURCES = (Resource("budget", "Budget", "EUR"), Resource("staff", "Staff", "days"), Resource("kits", "Kits", "units"))
ACTION_REGIONS = ("", "BR", "BR/recife", "BR/manaus", "TH", "TH/bangkok")
PARTNER_REGIONS = (("*",), ("BR",), ("TH",), ("BR/recife",), ("BR/manaus",), ("TH/bangkok",), ("BR/recife", "TH"))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def scenarios(draw: st.DrawFn, max_actions: int = 6, max_partners: int = 4, constraints: bool = True) -> Scenario:
    resources = RESOURCES[: draw(st.integers(1, 3))]
    keys = [r.key for r in resources]
    amount = st.integers(1, 20).map(float)
    partners = tuple(
        Partner(
            f"p{i}",
            f"Partner {i}",
            draw(st.dictionaries(st.sampled_from(keys), amount, min_size=1)),
            draw(st.sampled_from(PARTNER_REGIONS)),
        )
        for i in range(draw(st.integers(1, max_partners)))
    )
    actions = tuple(
        Action(
            f"a{i}",
            f"Action {i}",
            draw(st.dictionaries(st.sampled_from(keys), amount, min_size=1)),
            float(draw(st.integers(0, 30))),
            draw(st.sampled_from((0.5, 0.8, 1.0))),
            draw(st.sampled_from(ACTION_REGIONS)),
        )
        for i in range(draw(st.integers(1, max_actions)))
    )
    pins: list[Pin] = []
    forbids: list[Forbid] = []
    if constraints:
        for _ in range(draw(st.integers(0, 2))):
            action = draw(st.sampled_from(actions))
            partner = draw(st.sampled_from(partners))
            resource = draw(st.sampled_from(sorted(action.needs)))
            pins.append(Pin(partner.key, action.key, resource, draw(st.none() | st.integers(1, 5).map(float))))
        for _ in range(draw(st.integers(0, 2))):
            forbids.append(Forbid(draw(st.sampled_from(partners)).key, draw(st.sampled_from(actions)).key))
    return Scenario(resources, partners, actions, tuple(pins), tuple(forbids)).validate()


def fundable(scenario: Scenario, chosen: tuple[Action, ...]) -> bool:
    """Whether these actions can all be funded: the plain per-partner LP, solved by scipy."""
    forbidden = {(f.partner, f.action) for f in scenario.forbids}
    floors = {}
    for pin in scenario.pins:
        action, partner = scenario.action(pin.action), scenario.partner(pin.partner)
        floor = pin_floor(pin, partner.capacity.get(pin.resource, 0.0), action.needs.get(pin.resource, 0.0))
        key = (pin.partner, pin.action, pin.resource)
        floors[key] = max(floors.get(key, 0.0), floor)
    if any(key[1] not in {a.key for a in chosen} for key in floors):
        return False
    columns = [
        (p.key, a.key, r)
        for a in chosen
        for r in a.needs
        for p in scenario.partners
        if p.capacity.get(r, 0.0) > 0 and eligible(p, a) and (p.key, a.key) not in forbidden
    ]
    if any(key not in columns for key in floors):
        return False
    rows, rhs = [], []
    for a in chosen:
        for r, need in a.needs.items():
            row = [1.0 if (c[1], c[2]) == (a.key, r) else 0.0 for c in columns]
            rows += [[-v for v in row], row]
            rhs += [-a.min_fraction * need, need]
    for p in scenario.partners:
        for r, cap in p.capacity.items():
            rows.append([1.0 if (c[0], c[2]) == (p.key, r) else 0.0 for c in columns])
            rhs.append(cap)
    if not columns:
        return all(not a.needs for a in chosen)
    bounds = [(floors.get(c, 0.0), None) for c in columns]
    result = linprog(np.zeros(len(columns)), A_ub=np.array(rows), b_ub=np.array(rhs), bounds=bounds, method="highs")
    return bool(result.status == 0)


def brute_force(scenario: Scenario) -> float | None:
    """The best total benefit over every feasible subset, or None when no subset is feasible."""
    best: float | None = None
    pinned = {pin.action for pin in scenario.pins}
    for size in range(len(scenario.actions) + 1):
        for chosen in itertools.combinations(scenario.actions, size):
            if not pinned <= {a.key for a in chosen}:
                continue
            value = sum(a.benefit for a in chosen)
            if (best is None or value > best) and fundable(scenario, chosen):
                best = value
    return best


@SETTINGS
@given(scenarios())
def test_every_rule_respected_and_never_worse_than_greedy(scenario: Scenario) -> None:
    allocation = solve(scenario, time_limit=5)
    assert check(scenario, allocation) == []
    if allocation.status == "infeasible":
        assert allocation.problems
        return
    assert allocation.objective >= allocation.greedy_objective - 1e-9
    assert allocation.bound >= allocation.objective - 1e-9
    forbidden = {(f.partner, f.action) for f in scenario.forbids}
    assert not any((item.partner, item.action) in forbidden for item in allocation.assignments)
    for pin in scenario.pins:
        assert pin.action in allocation.funded
        assert any(
            (i.partner, i.action, i.resource) == (pin.partner, pin.action, pin.resource) for i in allocation.assignments
        )
    assert set(allocation.reasons) == {a.key for a in scenario.actions}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_actions=5, max_partners=3))
def test_optimal_by_brute_force(scenario: Scenario) -> None:
    allocation = solve(scenario, time_limit=5, mip_gap=0.0)
    best = brute_force(scenario)
    if best is None:
        assert allocation.status == "infeasible"
        assert allocation.problems
        return
    assert allocation.status == "optimal"
    assert math.isclose(allocation.objective, best, abs_tol=1e-6)


@SETTINGS
@given(scenarios(constraints=False))
def test_greedy_respects_every_rule(scenario: Scenario) -> None:
    assert check(scenario, greedy(scenario)) == []


def small() -> Scenario:
    return Scenario(
        resources=(Resource("staff", "Staff", "days"),),
        partners=(
            Partner("ngo", "NGO", {"staff": 10.0}, ("BR/recife",)),
            Partner("intl", "International", {"staff": 6.0}, ("*",)),
        ),
        actions=(
            Action("a", "A", {"staff": 8.0}, 10.0, 1.0, "BR/recife"),
            Action("b", "B", {"staff": 8.0}, 9.0, 0.5, "BR/recife"),
            Action("c", "C", {"staff": 6.0}, 4.0, 1.0, "TH"),
        ),
    )


def test_pin_and_forbid_are_kept() -> None:
    base = small()
    plain = solve(base)
    assert set(plain.funded) == {"a", "b", "c"} or plain.objective >= 19
    pinned = Scenario(base.resources, base.partners, base.actions, pins=(Pin("intl", "c", "staff", 6.0),))
    allocation = solve(pinned)
    assert check(pinned, allocation) == []
    assert "c" in allocation.funded
    assert any(r.code == "pinned" for r in allocation.reasons["c"])
    forbidden = Scenario(base.resources, base.partners, base.actions, forbids=(Forbid("intl", "c"),))
    allocation = solve(forbidden)
    assert check(forbidden, allocation) == []
    assert "c" not in allocation.funded
    assert [r.code for r in allocation.reasons["c"]] == ["forbidden_partners_only"]


def test_infeasible_pins_are_explained_not_raised() -> None:
    base = small()
    too_much = Scenario(base.resources, base.partners, base.actions, pins=(Pin("intl", "a", "staff", 7.0),))
    allocation = solve(too_much)
    assert allocation.status == "infeasible"
    assert [p.code for p in allocation.problems] == ["pin_exceeds_capacity"]
    assert allocation.problems[0].params["capacity"] == 6.0
    wrong_region = Scenario(base.resources, base.partners, base.actions, pins=(Pin("ngo", "c", "staff"),))
    assert [p.code for p in solve(wrong_region).problems] == ["pin_not_eligible"]
    # Each pin fits alone, not all three together: the competing pinned actions are named.
    crowded = Scenario(
        base.resources,
        base.partners,
        base.actions,
        pins=(Pin("ngo", "a", "staff"), Pin("ngo", "b", "staff"), Pin("intl", "c", "staff")),
    )
    allocation = solve(crowded)
    assert allocation.status == "infeasible"
    assert check(crowded, allocation) == []
    codes = {p.code for p in allocation.problems}
    assert codes == {"pinned_actions_exceed_capacity"}
    assert set(allocation.problems[0].params["actions"]) >= {"a", "b"}


def test_unfunded_reasons() -> None:
    allocation = solve(small())
    assert allocation.funded == ("a", "b")  # 19 beats a and c's 14: c needs the international staff b uses
    codes = [r.code for r in allocation.reasons["c"]]
    assert codes[0] == "short_of_resource"
    assert "lower_benefit_than_funded" in codes or "displaced_by_combination" in codes


@pytest.mark.parametrize("kind", ["spare", "tight"])
def test_generated_scenario_gap_and_pooled_bound(kind: str) -> None:
    scenario = generate(kind, 150, 30, seed=3)
    allocation = solve(scenario, time_limit=10)
    assert check(scenario, allocation) == []
    assert allocation.objective >= allocation.greedy_objective
    assert allocation.gap <= (0.01 if kind == "spare" else 0.05)
    plain = plain_relaxation(scenario).bound
    # Pooling is exact: without the variable upper bounds the pooled LP is the plain model's ...
    network = Network(scenario)
    h = highs(build(network, scales(network), bounds=False), integral=False)
    h.run()
    assert math.isclose(h.getInfo().objective_function_value, plain, rel_tol=1e-6)
    # ... and the variable upper bounds x <= min(capacity, demand) y only ever tighten it.
    assert allocation.objective <= allocation.stats["lp_bound"] <= plain * (1 + 1e-9)
    again = solve(scenario, time_limit=10)
    assert again.funded == allocation.funded or again.objective == allocation.objective


def test_round_trip_and_generator_determinism() -> None:
    scenario = generate("tight", 20, 6, seed=1)
    assert Scenario.from_dict(scenario.to_dict()) == scenario
    assert generate("tight", 20, 6, seed=1) == scenario


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["actions"][1]["needs"].update(staff=-1), "actions[1].needs.staff"),
        (lambda d: d["actions"][0].update(min_fraction=0), "actions[0].min_fraction"),
        (lambda d: d["actions"][2]["needs"].update(money=3), "actions[2].needs.money"),
        (lambda d: d["partners"].append(dict(d["partners"][0])), "partners[2].key"),
        (lambda d: d["partners"][0]["capacity"].update(staff="ten"), "partners[0].capacity.staff"),
        (lambda d: d.update(pins=[{"partner": "nobody", "action": "a", "resource": "staff"}]), "pins[0].partner"),
        (lambda d: d.update(forbids=[{"partner": "ngo", "action": "zz"}]), "forbids[0].action"),
        (lambda d: d["partners"][1].update(regions=[""]), "partners[1].regions[0]"),
        (lambda d: d["actions"][0].update(benefit=True), "actions[0].benefit"),
    ],
)
def test_scenario_errors_name_the_field(change: object, path: str) -> None:
    data = small().to_dict()
    assert callable(change)
    change(data)
    with pytest.raises(ScenarioError) as error:
        Scenario.from_dict(data)
    assert error.value.path == path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_actions=5, max_partners=3))
def test_funding_only_model_bounds_brute_force(scenario: Scenario) -> None:
    """The Hall-rows-only MIP (branch-and-cut's model) never cuts off a fundable set; exact rows give the optimum."""
    best = brute_force(scenario)
    network = Network(scenario)
    if best is None or precheck(scenario):
        return
    hall = network.hall_rows(scales(network))
    n = len(scenario.actions)
    fixed_in = np.zeros(n, dtype=bool)
    fixed_in[list(network.pinned_actions)] = True
    fixed_out = np.array([not fixed_in[a] and not network.fundable(a) for a in range(n)])
    benefit = np.array([action.benefit for action in scenario.actions])
    h = highs(build_hall(hall, benefit, fixed_in=fixed_in, fixed_out=fixed_out), integral=True)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.run()
    assert h.getInfo().mip_dual_bound >= best - 1e-6
    if hall.exact:
        assert math.isclose(h.getInfo().objective_function_value, best, abs_tol=1e-6)


def test_hard_kinds_are_hard_for_greedy_and_solved_within_targets() -> None:
    scenario = generate("hard-tight", 2000, 200)
    assert generate("hard-tight", 2000, 200) == scenario
    assert len(scenario.resources) == 5
    assert all(1 <= len(p.capacity) <= 2 for p in scenario.partners)  # expertise: one or two resource types
    network = Network(scenario)
    lp = highs(build(network, scales(network)), integral=False)
    lp.run()
    ratio = greedy(scenario).objective / lp.getInfo().objective_function_value
    assert 0.9 <= ratio <= 0.96  # greedy reaches about 92-95% of the LP bound
    for kind, target in (("hard-tight", 0.05), ("hard-spare", 0.01)):
        small_one = generate(kind, 300, 60, seed=2)
        allocation = solve(small_one, time_limit=1.0)
        assert check(small_one, allocation) == []
        assert allocation.objective >= allocation.greedy_objective
        assert allocation.gap <= target
        assert allocation.stats["mip_limit"] <= 1.0  # branch-and-cut gets what is left of the budget


def test_time_limit_is_the_whole_solve() -> None:
    """Branch-and-cut gets what is left of the budget once an answer is ready (the budget must cover that)."""
    scenario = generate("hard-tight", 400, 100, seed=4)
    for limit in (0.5, 1.5):
        allocation = solve(scenario, time_limit=limit)
        assert allocation.seconds <= limit
        assert check(scenario, allocation) == []
