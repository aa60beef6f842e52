"""The greedy heuristic: the baseline every optimised allocation must match or beat.

Actions are taken in decreasing order of benefit per share of the resources they need (pinned actions
first); an action is funded when, for every resource it needs, its eligible partners still have its
minimum between them, and then takes that minimum from the partners with the narrowest reach first
(a local partner before a national one before an international one), keeping broad capacity for the
actions only it can serve. It is fast, simple to explain, and a fair yardstick: it is what a
coordinator would do by hand.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping

from cpphub.coordination.allocation.result import INFEASIBLE, Allocation, Assignment
from cpphub.coordination.allocation.scenario import ANYWHERE, Scenario, eligible, pin_floor

TOLERANCE = 1e-9


def greedy(scenario: Scenario) -> Allocation:
    """Fund actions one by one in order of benefit per scarce resource; see the module docstring."""
    start = time.perf_counter()
    scenario.validate()
    actions, partners = scenario.actions, scenario.partners
    remaining = {p.key: dict(p.capacity) for p in partners}
    forbidden = {(f.partner, f.action) for f in scenario.forbids}
    pins: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
    for pin in scenario.pins:
        action = scenario.action(pin.action)
        capacity = scenario.partner(pin.partner).capacity.get(pin.resource, 0.0)
        possible = capacity > 0 and eligible(scenario.partner(pin.partner), action)
        possible = possible and (pin.partner, pin.action) not in forbidden and pin.resource in action.needs
        floor = pin_floor(pin, capacity, action.needs.get(pin.resource, 0.0)) if possible else float("inf")
        pins[pin.action].append((pin.partner, pin.resource, floor))
    total_capacity: dict[str, float] = defaultdict(float)
    for partner in partners:
        for key, amount in partner.capacity.items():
            total_capacity[key] += amount

    def score(index: int) -> float:
        action = actions[index]
        share = sum(
            action.min_fraction * need / max(total_capacity[key], TOLERANCE) for key, need in action.needs.items()
        )
        return action.benefit / share if share > 0 else float("inf")

    def reach(regions: tuple[str, ...]) -> int:
        """Narrower partners first: a location (2 segments) before a country (1) before anywhere (0)."""
        return 0 if ANYWHERE in regions else min(region.count("/") + 1 for region in regions)

    by_reach = sorted(partners, key=lambda p: (-reach(p.regions), p.key))
    eligible_cache: dict[str, list[str]] = {}
    order = sorted(range(len(actions)), key=lambda i: (actions[i].key not in pins, -score(i), actions[i].key))
    funded: list[str] = []
    assignments: list[Assignment] = []
    feasible = True
    for index in order:
        action = actions[index]
        if action.region not in eligible_cache:
            eligible_cache[action.region] = [p.key for p in by_reach if eligible(p, action)]
        candidates = [key for key in eligible_cache[action.region] if (key, action.key) not in forbidden]
        plan = _plan(action.needs, action.min_fraction, candidates, remaining, pins.get(action.key, []))
        if plan is None:
            if action.key in pins:
                feasible = False
            continue
        funded.append(action.key)
        for giver, resource, amount in plan:
            remaining[giver][resource] = remaining[giver].get(resource, 0.0) - amount
            assignments.append(Assignment(giver, action.key, resource, amount))
    objective = sum(scenario.action(key).benefit for key in funded)
    funded_set = set(funded)
    return Allocation(
        status="feasible" if feasible else INFEASIBLE,
        objective=objective,
        bound=float("inf"),
        gap=float("inf"),
        greedy_objective=objective,
        lp_seconds=0.0,
        seconds=time.perf_counter() - start,
        funded=tuple(sorted(funded)),
        assignments=tuple(_merge(assignments)),
        reasons={},
        unfunded=tuple(a.key for a in actions if a.key not in funded_set),
        leftover={key: {r: max(0.0, v) for r, v in left.items()} for key, left in remaining.items()},
        method="greedy",
    )


def _plan(
    needs: Mapping[str, float],
    min_fraction: float,
    candidates: list[str],
    remaining: dict[str, dict[str, float]],
    pins: list[tuple[str, str, float]],
) -> list[tuple[str, str, float]] | None:
    """The amounts each partner gives to fund the action at its minimum, or None when it does not fit."""
    plan: list[tuple[str, str, float]] = []
    used: dict[tuple[str, str], float] = defaultdict(float)
    for partner, resource, amount in pins:
        if remaining[partner].get(resource, 0.0) - used[partner, resource] < amount - TOLERANCE:
            return None
        used[partner, resource] += amount
        plan.append((partner, resource, amount))
    for resource, need in needs.items():
        want = min_fraction * need - sum(amount for _, r, amount in pins if r == resource)
        if want <= 0:
            continue
        free = [(key, remaining[key].get(resource, 0.0) - used[key, resource]) for key in candidates]
        if sum(left for _, left in free if left > 0) < want * (1 - TOLERANCE):
            return None
        for key, left in free:
            if want <= 0:
                break
            if left > 0:
                take = min(left, want)
                used[key, resource] += take
                plan.append((key, resource, take))
                want -= take
    return plan


def _merge(assignments: list[Assignment]) -> list[Assignment]:
    """One assignment per (partner, action, resource), positive amounts only."""
    total: dict[tuple[str, str, str], float] = defaultdict(float)
    for item in assignments:
        total[item.partner, item.action, item.resource] += item.amount
    return [Assignment(p, a, r, amount) for (p, a, r), amount in sorted(total.items()) if amount > 0]
