"""``check``: an independent verifier of an allocation against every rule of its scenario.

It shares no code with the optimiser beyond the scenario types and the region rule, so a bug in the
pooling, the model or the disaggregation shows up as a broken rule here. Amounts are compared with a
relative tolerance of 1e-6 (LP solutions are exact only to the solver's tolerances).
"""

from __future__ import annotations

from collections import defaultdict

from cpphub.coordination.allocation.result import INFEASIBLE, Allocation
from cpphub.coordination.allocation.scenario import Scenario, eligible, pin_floor

RELATIVE = 1e-6


def check(scenario: Scenario, allocation: Allocation) -> list[str]:
    """Every rule the allocation breaks, in words; ``[]`` when it respects them all."""
    errors: list[str] = []
    if allocation.status == INFEASIBLE:
        if allocation.funded or allocation.assignments:
            errors.append("an infeasible answer funds or assigns nothing")
        if not allocation.problems:
            errors.append("an infeasible answer says why in problems")
        return errors
    partners = {p.key: p for p in scenario.partners}
    actions = {a.key: a for a in scenario.actions}
    funded = set(allocation.funded)
    if len(funded) != len(allocation.funded):
        errors.append("an action is listed twice as funded")
    if funded & set(allocation.unfunded) or funded | set(allocation.unfunded) != set(actions):
        errors.append("funded and unfunded must split the actions")
    forbidden = {(f.partner, f.action) for f in scenario.forbids}
    given: dict[tuple[str, str], float] = defaultdict(float)
    received: dict[tuple[str, str], float] = defaultdict(float)
    arc: dict[tuple[str, str, str], float] = defaultdict(float)
    for item in allocation.assignments:
        where = f"{item.partner} -> {item.action} ({item.resource})"
        partner, action = partners.get(item.partner), actions.get(item.action)
        if partner is None or action is None:
            errors.append(f"{where}: unknown partner or action")
            continue
        if not item.amount > 0:
            errors.append(f"{where}: amount {item.amount} is not positive")
        if item.action not in funded:
            errors.append(f"{where}: the action is not funded")
        if partner.capacity.get(item.resource, 0.0) <= 0:
            errors.append(f"{where}: the partner offers no {item.resource}")
        if action.needs.get(item.resource, 0.0) <= 0:
            errors.append(f"{where}: the action does not need {item.resource}")
        if not eligible(partner, action):
            errors.append(f"{where}: the partner does not work in {action.region or 'the whole partnership'}")
        if (item.partner, item.action) in forbidden:
            errors.append(f"{where}: forbidden")
        given[item.partner, item.resource] += item.amount
        received[item.action, item.resource] += item.amount
        arc[item.partner, item.action, item.resource] += item.amount
    for (partner_key, resource), amount in given.items():
        capacity = partners[partner_key].capacity.get(resource, 0.0)
        if amount > capacity + _slack(capacity):
            errors.append(f"{partner_key} gives {amount:g} {resource}, more than its capacity {capacity:g}")
    for key in funded:
        action = actions.get(key)
        if action is None:
            errors.append(f"unknown funded action {key}")
            continue
        for resource, need in action.needs.items():
            got = received[key, resource]
            low = action.min_fraction * need
            if got < low - _slack(low):
                errors.append(f"{key} gets {got:g} {resource}, less than its minimum {low:g}")
            if got > need + _slack(need):
                errors.append(f"{key} gets {got:g} {resource}, more than it needs ({need:g})")
    for pin in scenario.pins:
        if pin.action not in funded:
            errors.append(f"pinned action {pin.action} is not funded")
            continue
        floor = pin_floor(
            pin,
            partners[pin.partner].capacity.get(pin.resource, 0.0),
            actions[pin.action].needs.get(pin.resource, 0.0),
        )
        got = arc[pin.partner, pin.action, pin.resource]
        if got < floor - _slack(floor):
            errors.append(f"pin {pin.partner} -> {pin.action} ({pin.resource}): {got:g} instead of {floor:g}")
    objective = sum(actions[key].benefit for key in funded if key in actions)
    if abs(objective - allocation.objective) > _slack(objective):
        errors.append(f"objective {allocation.objective:g} is not the funded benefit {objective:g}")
    if allocation.bound < allocation.objective - _slack(allocation.objective):
        errors.append("the bound is below the objective")
    for partner_key, left in allocation.leftover.items():
        for resource, amount in left.items():
            expected = partners[partner_key].capacity.get(resource, 0.0) - given[partner_key, resource]
            if abs(amount - max(0.0, expected)) > _slack(partners[partner_key].capacity.get(resource, 0.0)):
                errors.append(f"leftover of {partner_key} in {resource} is {amount:g}, not {expected:g}")
    return errors


def _slack(value: float) -> float:
    return RELATIVE * max(1.0, abs(value))
