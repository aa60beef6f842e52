"""Who may give what to whom, with interchangeable partners pooled.

Two partners are interchangeable when they work in the same regions and no pin or forbid names them:
every action either may draw on both or on neither. Pooling them per (region set, resource) loses
nothing: any flow out of a pool within its total capacity splits back over its partners by a simple
fill (``disaggregate``), and any allocation of the individual partners sums to such a flow. So the
pooled model has the same optimum and the same LP bound as the disaggregated one, with about
actions x 3 x resources arcs instead of actions x partners x resources. Partners named by a pin or a
forbid stay pools of their own.

``hall_rows`` gives, per resource, the Gale/Hall conditions of the transportation problem: for every
union U of the pool sets the actions can draw on, the minimum demand of the funded actions that can
only draw on pools in U must fit in U's capacity. With every union enumerated they are exactly the
projection of the flow constraints onto the funding decisions, so they decide feasibility of a set
of actions without a flow solve (the primal heuristic) and give HiGHS knapsack rows over binaries
to derive cover cuts from; a truncated list is still valid, just not exact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from cpphub.coordination.allocation.result import Assignment
from cpphub.coordination.allocation.scenario import ANYWHERE, Partner, Scenario, covers, pin_floor

# Above this many unions per resource the Hall rows are truncated (still valid, no longer exact).
MAX_UNIONS = 400


@dataclass
class Pool:
    """Partners that are interchangeable for every action (or one partner named by a pin or forbid)."""

    index: int
    regions: tuple[str, ...]
    partners: tuple[str, ...]
    capacity: dict[str, float]
    individual: bool


@dataclass
class Arc:
    """Action ``action`` may draw resource ``resource`` from pool ``pool``; ``pinned`` is held to it already."""

    action: int
    resource: str
    pool: int
    pinned: float = 0.0


@dataclass
class Demand:
    """What action ``action`` needs of ``resource``: ``low`` if funded at all, up to ``high``."""

    action: int
    resource: str
    low: float
    high: float
    pinned: float = 0.0
    arcs: list[int] = field(default_factory=list)  # indexes into Network.arcs


@dataclass
class _Fill:
    """The partners of a pool being filled in order, their room left, and the one being filled."""

    partners: list[str]
    room: list[float]
    at: int = 0


@dataclass
class HallRows:
    """``matrix @ y <= rhs`` per resource; ``exact`` when every union was enumerated."""

    matrix: npt.NDArray[np.float64]
    rhs: npt.NDArray[np.float64]
    resource: list[str]
    unions: list[frozenset[int]]
    exact: bool


def normal_regions(partner: Partner) -> tuple[str, ...]:
    """The partner's regions without those another of its regions covers, sorted (``("*",)`` if anywhere)."""
    if ANYWHERE in partner.regions:
        return (ANYWHERE,)
    kept = {
        region
        for region in partner.regions
        if not any(other != region and covers(other, region) for other in partner.regions)
    }
    return tuple(sorted(kept))


class Network:
    """Pools, the arcs from them to actions, and each action's demand per resource."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.resources = [resource.key for resource in scenario.resources]
        self.action_index = {action.key: i for i, action in enumerate(scenario.actions)}
        named = {pin.partner for pin in scenario.pins} | {forbid.partner for forbid in scenario.forbids}
        self.pools: list[Pool] = []
        self.pool_of: dict[str, int] = {}
        shared: dict[tuple[str, ...], int] = {}
        for partner in scenario.partners:
            regions = normal_regions(partner)
            if partner.key not in named and regions in shared:
                pool = self.pools[shared[regions]]
                pool.partners += (partner.key,)
                for key, amount in partner.capacity.items():
                    pool.capacity[key] = pool.capacity.get(key, 0.0) + amount
            else:
                pool = Pool(len(self.pools), regions, (partner.key,), dict(partner.capacity), partner.key in named)
                self.pools.append(pool)
                if partner.key not in named:
                    shared[regions] = pool.index
            self.pool_of[partner.key] = pool.index
        forbidden = defaultdict(set)
        for forbid in scenario.forbids:
            forbidden[self.action_index[forbid.action]].add(self.pool_of[forbid.partner])
        self.forbidden: dict[int, set[int]] = dict(forbidden)
        pinned: dict[tuple[int, str, int], float] = defaultdict(float)
        for pin in scenario.pins:
            action = scenario.action(pin.action)
            capacity = scenario.partner(pin.partner).capacity.get(pin.resource, 0.0)
            floor = pin_floor(pin, capacity, action.needs.get(pin.resource, 0.0))
            arc_key = (self.action_index[pin.action], pin.resource, self.pool_of[pin.partner])
            pinned[arc_key] = max(pinned[arc_key], floor)  # two pins on the same arc: the larger holds
        self.pinned = dict(pinned)
        self.pinned_actions = {self.action_index[pin.action] for pin in scenario.pins}
        # Pools covering each action region (a handful of distinct regions, so cached).
        by_region: dict[str, list[int]] = {}
        self.arcs: list[Arc] = []
        self.demands: list[Demand] = []
        self.demands_of: list[list[int]] = [[] for _ in scenario.actions]
        for a, action in enumerate(scenario.actions):
            if action.region not in by_region:
                by_region[action.region] = [
                    pool.index for pool in self.pools if any(covers(r, action.region) for r in pool.regions)
                ]
            pools = [p for p in by_region[action.region] if p not in self.forbidden.get(a, ())]
            for resource in self.resources:
                need = action.needs.get(resource, 0.0)
                if need <= 0:
                    continue
                demand = Demand(a, resource, action.min_fraction * need, need)
                for p in pools:
                    if self.pools[p].capacity.get(resource, 0.0) > 0:
                        amount = self.pinned.get((a, resource, p), 0.0)
                        demand.arcs.append(len(self.arcs))
                        demand.pinned += amount
                        self.arcs.append(Arc(a, resource, p, amount))
                self.demands_of[a].append(len(self.demands))
                self.demands.append(demand)

    def available(self, demand: Demand) -> float:
        """All the capacity the action could ever draw for this resource (every eligible pool, whole)."""
        return sum(self.pools[self.arcs[arc].pool].capacity.get(demand.resource, 0.0) for arc in demand.arcs)

    def fundable(self, a: int) -> bool:
        """Whether action ``a`` could be funded on its own: each minimum demand fits its eligible pools."""
        return all(self.available(self.demands[d]) >= self.demands[d].low * (1 - 1e-9) for d in self.demands_of[a])

    def disaggregate(self, flows: dict[int, float]) -> list[Assignment]:
        """Split each pool's flows (arc -> amount) over its partners by filling them one after the other.

        Any split is feasible: the partners of a pool are interchangeable and the pool's flows fit its
        total capacity. Filling in order keeps each action's partners few. Rounding noise beyond the
        last partner's capacity (relative 1e-9) is left with the last partner.
        """
        fills: dict[tuple[int, str], _Fill] = {}
        total: dict[tuple[str, str, str], float] = defaultdict(float)
        actions = self.scenario.actions
        for arc_index, amount in flows.items():
            if amount <= 0:
                continue
            arc = self.arcs[arc_index]
            key = (arc.pool, arc.resource)
            if key not in fills:
                rooms = [
                    (p, self.scenario.partner(p).capacity.get(arc.resource, 0.0)) for p in self.pools[arc.pool].partners
                ]
                fills[key] = _Fill([p for p, room in rooms if room > 0], [room for _, room in rooms if room > 0])
            fill = fills[key]
            left = amount
            while left > 0 and fill.at < len(fill.partners):
                last = fill.at == len(fill.partners) - 1
                take = left if last else min(fill.room[fill.at], left)
                total[fill.partners[fill.at], actions[arc.action].key, arc.resource] += take
                fill.room[fill.at] -= take
                left -= take
                if not last and fill.room[fill.at] <= 0:
                    fill.at += 1
        return [Assignment(p, a, r, amount) for (p, a, r), amount in sorted(total.items()) if amount > 0]

    def hall_rows(self, scale: dict[str, float], *, limit: int = MAX_UNIONS, only: set[int] | None = None) -> HallRows:
        """The Hall conditions per resource over the (residual, pins taken out) minimum demands; see module doc.

        ``only`` restricts them to some actions (the pinned ones, when explaining an infeasible scenario).
        """
        count = len(self.scenario.actions)
        rows: list[npt.NDArray[np.float64]] = []
        rhs: list[float] = []
        kinds: list[str] = []
        unions_out: list[frozenset[int]] = []
        exact = True
        pinned_out: dict[tuple[str, int], float] = defaultdict(float)
        for (_, resource, pool), amount in self.pinned.items():
            pinned_out[resource, pool] += amount
        for resource in self.resources:
            classes: dict[frozenset[int], npt.NDArray[np.float64]] = {}
            for demand in self.demands:
                if demand.resource != resource or (only is not None and demand.action not in only):
                    continue
                residual = max(0.0, demand.low - demand.pinned)
                if residual <= 0:
                    continue
                pools = frozenset(self.arcs[arc].pool for arc in demand.arcs)
                if pools not in classes:
                    classes[pools] = np.zeros(count)
                classes[pools][demand.action] += residual / scale[resource]
            unions, complete = _unions(list(classes), limit)
            exact = exact and complete
            for union in unions:
                row = np.zeros(count)
                for pools, weights in sorted(classes.items(), key=lambda item: _order(item[0])):
                    if pools <= union:
                        row += weights
                capacity = sum(
                    self.pools[p].capacity.get(resource, 0.0) - pinned_out.get((resource, p), 0.0)
                    for p in sorted(union)
                )
                rows.append(row)
                rhs.append(capacity / scale[resource])
                kinds.append(resource)
                unions_out.append(union)
        matrix = np.array(rows) if rows else np.zeros((0, count))
        return HallRows(matrix, np.array(rhs), kinds, unions_out, exact)


def _unions(sets: list[frozenset[int]], limit: int) -> tuple[list[frozenset[int]], bool]:
    """Every union of some of ``sets`` (closure under union), or the first ``limit`` and False."""
    found = set(sets)
    frontier = list(found)
    while frontier:
        grown = []
        for union in frontier:
            for extra in sets:
                candidate = union | extra
                if candidate not in found:
                    if len(found) >= limit:
                        return sorted(found, key=_order), False
                    found.add(candidate)
                    grown.append(candidate)
        frontier = grown
    return sorted(found, key=_order), True


def _order(union: frozenset[int]) -> tuple[int, list[int]]:
    """Small unions first, then by pool numbers: the same rows in the same order in every process."""
    return len(union), sorted(union)
