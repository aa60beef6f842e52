"""Why pins and forbids cannot all hold: the conflicts, each explained in terms a coordinator can act on.

``precheck`` finds the conflicts one pin (or one partner's pins) shows on its own, before any solve.
What is left can only be several pinned actions competing for the same partners; ``diagnose`` finds
them with the Hall conditions of the network (see ``network``): a set of partners whose capacity is
less than the minimum the pinned actions confined to them need. When the conditions could not all be
enumerated it falls back to a deletion filter, dropping pinned actions one at a time while the rest
stays infeasible, which leaves a minimal conflicting set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import numpy as np

from cpphub.coordination.allocation.network import Network
from cpphub.coordination.allocation.result import Reason
from cpphub.coordination.allocation.scenario import Scenario, eligible, pin_floor

TOLERANCE = 1e-9


def precheck(scenario: Scenario) -> list[Reason]:
    """Conflicts visible pin by pin, or per partner and resource, without solving anything."""
    problems: list[Reason] = []
    forbidden = {(f.partner, f.action) for f in scenario.forbids}
    per_arc: dict[tuple[str, str, str], float] = {}
    for pin in scenario.pins:
        partner, action = scenario.partner(pin.partner), scenario.action(pin.action)
        capacity = partner.capacity.get(pin.resource, 0.0)
        need = action.needs.get(pin.resource, 0.0)
        floor = pin_floor(pin, capacity, need)
        where = {"partner": pin.partner, "action": pin.action, "resource": pin.resource}
        if (pin.partner, pin.action) in forbidden:
            problems.append(Reason("pin_and_forbid", {"partner": pin.partner, "action": pin.action}))
        if capacity <= 0:
            problems.append(Reason("pin_partner_lacks_resource", where))
        elif floor > capacity * (1 + TOLERANCE):
            problems.append(Reason("pin_exceeds_capacity", {**where, "pinned": floor, "capacity": capacity}))
        if not eligible(partner, action):
            problems.append(
                Reason(
                    "pin_not_eligible",
                    {"partner": pin.partner, "action": pin.action, "region": action.region, "regions": partner.regions},
                )
            )
        if need <= 0:
            problems.append(Reason("pin_resource_not_needed", where))
        elif floor > need * (1 + TOLERANCE):
            problems.append(Reason("pin_exceeds_need", {**where, "pinned": floor, "need": need}))
        key = (pin.partner, pin.action, pin.resource)
        per_arc[key] = max(per_arc.get(key, 0.0), floor)
    per_partner: dict[tuple[str, str], float] = defaultdict(float)
    per_need: dict[tuple[str, str], float] = defaultdict(float)
    for (partner_key, action_key, resource), amount in per_arc.items():
        per_partner[partner_key, resource] += amount
        per_need[action_key, resource] += amount
    for (partner_key, resource), total in per_partner.items():
        capacity = scenario.partner(partner_key).capacity.get(resource, 0.0)
        pinned_arcs = [key for key in per_arc if key[0] == partner_key and key[2] == resource]
        if capacity > 0 and len(pinned_arcs) > 1 and total > capacity * (1 + TOLERANCE):
            problems.append(
                Reason(
                    "pins_exceed_capacity",
                    {
                        "partner": partner_key,
                        "resource": resource,
                        "total": total,
                        "capacity": capacity,
                        "actions": tuple(sorted(key[1] for key in pinned_arcs)),
                    },
                )
            )
    for (action_key, resource), total in per_need.items():
        need = scenario.action(action_key).needs.get(resource, 0.0)
        arcs = [key for key in per_arc if key[1] == action_key and key[2] == resource]
        if need > 0 and len(arcs) > 1 and total > need * (1 + TOLERANCE):
            problems.append(
                Reason("pins_exceed_need", {"action": action_key, "resource": resource, "total": total, "need": need})
            )
    if problems:
        return problems
    network = Network(scenario)
    for a in sorted(network.pinned_actions):
        for d in network.demands_of[a]:
            demand = network.demands[d]
            available = network.available(demand)
            if available < demand.low * (1 - TOLERANCE):
                problems.append(
                    Reason(
                        "pinned_action_cannot_reach_minimum",
                        {
                            "action": scenario.actions[a].key,
                            "resource": demand.resource,
                            "needed": demand.low,
                            "available": available,
                        },
                    )
                )
    return problems


def diagnose(network: Network, scale: dict[str, float], feasible: Callable[[set[int]], bool]) -> list[Reason]:
    """Explain why the pinned actions cannot all be funded together.

    ``feasible(actions)`` says whether that set of pinned actions can be funded at once (an LP); it is
    only called when the Hall conditions were too many to enumerate.
    """
    pinned = set(network.pinned_actions)
    hall = network.hall_rows(scale, only=pinned)
    actions = network.scenario.actions
    problems: list[Reason] = []
    if len(hall.rhs):
        mask = np.zeros(len(actions), dtype=bool)
        mask[list(pinned)] = True
        load = hall.matrix[:, mask].sum(axis=1)
        violated = np.flatnonzero(load > hall.rhs + TOLERANCE * np.maximum(1.0, np.abs(hall.rhs)))
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for row in violated:
            resource = hall.resource[row]
            union = hall.unions[row]
            confined = tuple(
                sorted(
                    actions[a].key for a in pinned if hall.matrix[row, a] > 0 and _confined(network, a, union, resource)
                )
            )
            partners = tuple(sorted(key for p in union for key in network.pools[p].partners))
            if (resource, confined) in seen:
                continue
            seen.add((resource, confined))
            problems.append(
                Reason(
                    "pinned_actions_exceed_capacity",
                    {
                        "resource": resource,
                        "actions": confined,
                        "needed": float(load[row] * scale[resource]),
                        "available": float(hall.rhs[row] * scale[resource]),
                        "partners": partners,
                    },
                )
            )
            if len(problems) >= 5:
                break
    if problems or hall.exact:
        return problems
    # Deletion filter: drop each pinned action unless the rest becomes feasible without it.
    needed = set(pinned)
    for a in sorted(pinned):
        if not feasible(needed - {a}):
            needed.discard(a)
    return [Reason("pinned_actions_conflict", {"actions": tuple(sorted(actions[a].key for a in needed))})]


def _confined(network: Network, action: int, union: frozenset[int], resource: str) -> bool:
    for d in network.demands_of[action]:
        demand = network.demands[d]
        if demand.resource == resource:
            return all(network.arcs[arc].pool in union for arc in demand.arcs)
    return False
