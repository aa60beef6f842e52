"""Why each action is funded or not, as machine-readable ``Reason``s the Django layer translates.

The reasons are statements about the allocation that are true by construction, not guesses at the
solver's reasoning: "its partners have only 30 of the 50 days it needs left, and every funded action
drawing on them brings more benefit per day" is checked against the final flows. A resource is
scarce for an action when an unfunded action that could have used the same partners was kept out.

Funded: ``pinned`` {partners}, ``covered_by`` {partners}, then ``high_benefit_per_scarce_resource``
{resource, ratio, threshold} (its benefit per unit of its scarcest resource against the best kept-out
competitor's), ``part_of_best_combination`` {resource} (a competitor has a better ratio, but not with
the other resources taken into account), or ``fits_spare_capacity``.

Unfunded: ``no_eligible_partner`` {resource}, ``forbidden_partners_only`` {resource, partners},
``short_of_resource`` {resource, needed, available_to_it, total_available} (``available_to_it`` is
what its partners have left, ``total_available`` what they have in all; when the latter is short too
nothing could fund it), ``lower_benefit_than_funded`` {resource, ratio, threshold} (below every funded
action drawing on the same partners; ``threshold`` is the least of theirs), ``displaced_by_combination``
{resource} (better per unit than some, but funding it would push out more benefit), ``no_benefit``, or
``not_reached`` (the search stopped on the clock before it got to it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from cpphub.coordination.allocation.network import Demand, Network
from cpphub.coordination.allocation.result import Assignment, Reason
from cpphub.coordination.allocation.scenario import eligible

TOLERANCE = 1e-9


def explain(network: Network, funded: set[int], assignments: list[Assignment]) -> dict[str, tuple[Reason, ...]]:
    """The reasons of every action; see the module docstring for the codes."""
    scenario = network.scenario
    actions = scenario.actions
    used: dict[tuple[int, str], float] = defaultdict(float)
    givers: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    drawn: set[tuple[int, int, str]] = set()  # (action, pool, resource) with a positive flow
    action_index = network.action_index
    for item in assignments:
        used[network.pool_of[item.partner], item.resource] += item.amount
        drawn.add((action_index[item.action], network.pool_of[item.partner], item.resource))
        givers[item.action][item.partner] += item.amount

    def left(demand: Demand) -> float:
        return sum(
            max(0.0, network.pools[p].capacity.get(demand.resource, 0.0) - used[p, demand.resource])
            for p in _pools(network, demand)
        )

    def ratio(demand: Demand) -> float:
        return actions[demand.action].benefit / max(demand.low, TOLERANCE)

    # Per (pool, resource): the weakest funded and the strongest kept-out action drawing on it.
    weakest: dict[tuple[int, str], float] = {}
    strongest: dict[tuple[int, str], float] = {}
    blocked: dict[int, list[tuple[Demand, float]]] = {}
    for a in range(len(actions)):
        if a in funded or not network.fundable(a):
            continue
        short = [(d, left(d)) for d in (network.demands[i] for i in network.demands_of[a])]
        short = [(d, room) for d, room in short if room < d.low * (1 - TOLERANCE)]
        if short:
            blocked[a] = short
            for d, _ in short:
                for p in _pools(network, d):
                    key = (p, d.resource)
                    strongest[key] = max(strongest.get(key, 0.0), ratio(d))
    for a in funded:
        for i in network.demands_of[a]:
            d = network.demands[i]
            for p in _pools(network, d):
                if (a, p, d.resource) not in drawn:
                    continue
                key = (p, d.resource)
                weakest[key] = min(weakest.get(key, float("inf")), ratio(d))

    reasons: dict[str, tuple[Reason, ...]] = {}
    for a, action in enumerate(actions):
        demands = [network.demands[i] for i in network.demands_of[a]]
        if a in funded:
            found: list[Reason] = []
            if a in network.pinned_actions:
                pinned_by = sorted({pin.partner for pin in scenario.pins if pin.action == action.key})
                found.append(Reason("pinned", {"partners": tuple(pinned_by)}))
            partners = sorted(givers[action.key].items(), key=lambda item: (-item[1], item[0]))
            if partners:
                found.append(Reason("covered_by", {"partners": tuple(key for key, _ in partners)}))
            competition = [
                (d, max(strongest[p, d.resource] for p in mine))
                for d in demands
                if (
                    mine := [
                        p for p in _pools(network, d) if (a, p, d.resource) in drawn and (p, d.resource) in strongest
                    ]
                )
            ]
            if competition:
                d, threshold = min(competition, key=lambda item: ratio(item[0]) / max(item[1], TOLERANCE))
                if ratio(d) >= threshold:
                    found.append(
                        Reason(
                            "high_benefit_per_scarce_resource",
                            {"resource": d.resource, "ratio": ratio(d), "threshold": threshold},
                        )
                    )
                else:
                    found.append(Reason("part_of_best_combination", {"resource": d.resource}))
            else:
                found.append(Reason("fits_spare_capacity", {}))
            reasons[action.key] = tuple(found)
            continue
        reasons[action.key] = _unfunded(network, a, demands, blocked.get(a), weakest, ratio)
    return reasons


def _unfunded(
    network: Network,
    a: int,
    demands: list[Demand],
    blocked: list[tuple[Demand, float]] | None,
    weakest: dict[tuple[int, str], float],
    ratio: Callable[[Demand], float],
) -> tuple[Reason, ...]:
    scenario = network.scenario
    action = scenario.actions[a]
    found: list[Reason] = []
    for d in demands:
        total = network.available(d)
        if total >= d.low * (1 - TOLERANCE):
            continue
        if not d.arcs:
            forbidden = sorted(
                f.partner
                for f in scenario.forbids
                if f.action == action.key
                and scenario.partner(f.partner).capacity.get(d.resource, 0.0) > 0
                and eligible(scenario.partner(f.partner), action)
            )
            if forbidden:
                found.append(Reason("forbidden_partners_only", {"resource": d.resource, "partners": tuple(forbidden)}))
            else:
                found.append(Reason("no_eligible_partner", {"resource": d.resource}))
        else:
            found.append(
                Reason(
                    "short_of_resource",
                    {"resource": d.resource, "needed": d.low, "available_to_it": total, "total_available": total},
                )
            )
    if found:
        return tuple(found)
    if not blocked:
        return (Reason("no_benefit", {}),) if action.benefit <= 0 else (Reason("not_reached", {}),)
    for d, room in sorted(blocked, key=lambda item: item[1] / max(item[0].low, TOLERANCE)):
        total = network.available(d)
        found.append(
            Reason(
                "short_of_resource",
                {"resource": d.resource, "needed": d.low, "available_to_it": room, "total_available": total},
            )
        )
        thresholds = [weakest[p, d.resource] for p in _pools(network, d) if (p, d.resource) in weakest]
        if thresholds and ratio(d) <= min(thresholds):
            found.append(
                Reason(
                    "lower_benefit_than_funded",
                    {"resource": d.resource, "ratio": ratio(d), "threshold": min(thresholds)},
                )
            )
        else:
            found.append(Reason("displaced_by_combination", {"resource": d.resource}))
    return tuple(found)


def _pools(network: Network, demand: Demand) -> list[int]:
    return [network.arcs[arc].pool for arc in demand.arcs]
