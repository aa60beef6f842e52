"""``solve``: the allocation that maximises expected benefit, with a proven bound on how far from best it is.

The steps, each for a reason:

1. ``precheck``: pins that cannot hold on their own are reported at once, in plain terms.
2. ``greedy``: the baseline; the answer is never worse than it.
3. The pooled model (``network``, ``model``): interchangeable partners merged, so the model has about
   actions x 3 x resources flow variables instead of actions x partners x resources; exact, so its
   bounds are bounds of the original problem.
4. Its LP relaxation: the first proven bound, and the LP values that guide rounding.
5. The primal heuristic (``heuristic``): LP rounding and swaps in funding space, checked against the
   Hall conditions; usually within a fraction of a percent of the bound.
6. HiGHS branch-and-cut, warm-started from the best of 2 and 5 (``setSolution``), with the time left
   and a relative gap target: it improves the allocation and, through its dual bound, the proof.
7. The top-up LP, the split of each pool back over its partners, the leftovers and the reasons.

HiGHS runs with a fixed random seed and an explicit thread count, so a solve that ends on the gap
target (not on the clock) is reproducible.
"""

from __future__ import annotations

import time
from collections import defaultdict

import highspy
import numpy as np
import numpy.typing as npt

from cpphub.coordination.allocation.explain import explain
from cpphub.coordination.allocation.feasibility import diagnose, precheck
from cpphub.coordination.allocation.greedy import greedy
from cpphub.coordination.allocation.heuristic import round_and_improve
from cpphub.coordination.allocation.model import build, highs, scales, topup
from cpphub.coordination.allocation.network import Network
from cpphub.coordination.allocation.result import (
    FEASIBLE,
    INFEASIBLE,
    OPTIMAL,
    Allocation,
    Assignment,
    Reason,
    relative_gap,
)
from cpphub.coordination.allocation.scenario import Scenario

# Without a time limit, the budget is ``budget_factor`` times the LP relaxation, but never below this.
MIN_SECONDS = 2.0
# With at least this many seconds left for branch-and-cut, the Hall rows are added to the MIP.
HALL_ROWS_AFTER = 2.0
Mask = npt.NDArray[np.bool_]
# An LP without columns (nothing funded, or only actions needing nothing) is "empty", not a failure.
_SOLVED = (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty)


def solve(
    scenario: Scenario,
    *,
    budget_factor: float = 10.0,
    time_limit: float | None = None,
    threads: int | None = None,
    mip_gap: float = 1e-3,
) -> Allocation:
    """The best allocation found within the budget, its proven bound and gap, and the reasons.

    ``time_limit`` is the whole wall-clock budget in seconds (the benchmark passes ten times the plain
    model's LP time); without it the budget is ``budget_factor`` times this solve's own LP relaxation,
    at least ``MIN_SECONDS``. The search stops earlier once the proven gap is below ``mip_gap``.
    An infeasible scenario gives status "infeasible" with ``problems``, never an exception.
    """
    start = time.perf_counter()
    scenario.validate()
    threads = threads or 1
    baseline = greedy(scenario)
    problems = precheck(scenario)
    if problems:
        return _infeasible(scenario, problems, baseline, start)
    network = Network(scenario)
    scale = scales(network)
    n = len(scenario.actions)
    fixed_in = np.zeros(n, dtype=bool)
    fixed_in[list(network.pinned_actions)] = True
    fixed_out = np.array([not fixed_in[a] and not network.fundable(a) for a in range(n)], dtype=bool)
    hall = network.hall_rows(scale)
    model = build(network, scale, fixed_out=set(np.flatnonzero(fixed_out).tolist()))
    lp = highs(model, integral=False, threads=threads)
    lp_start = time.perf_counter()
    lp.run()
    lp_seconds = time.perf_counter() - lp_start
    if lp.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
        reasons = diagnose(network, scale, lambda actions: _fundable(network, scale, actions, threads))
        return _infeasible(scenario, reasons or [Reason("pins_conflict", {})], baseline, start, lp_seconds)
    bound = lp.getInfo().objective_function_value
    benefit = model.cost[:n]
    y_lp = np.asarray(lp.getSolution().col_value[:n])
    heuristic = round_and_improve(hall, benefit, np.round(y_lp, 6), fixed_in=fixed_in, fixed_out=fixed_out)
    stats: dict[str, float] = {"lp_bound": bound, "pools": len(network.pools), "arcs": len(network.arcs)}
    candidates: list[tuple[float, str, Mask]] = []
    if hall.exact or _fundable(network, scale, set(np.flatnonzero(heuristic).tolist()), threads):
        candidates.append((float(benefit[heuristic].sum()), "heuristic", heuristic))
        stats["heuristic"] = candidates[-1][0]
    if baseline.status != INFEASIBLE:
        greedy_mask = np.zeros(n, dtype=bool)
        greedy_mask[[network.action_index[key] for key in baseline.funded]] = True
        candidates.append((baseline.objective, "greedy", greedy_mask))
    objective, method, chosen = max(candidates, key=lambda c: c[0]) if candidates else (0.0, "", fixed_in)
    optimal = relative_gap(objective, bound) <= mip_gap
    budget = time_limit if time_limit is not None else max(budget_factor * lp_seconds, MIN_SECONDS)
    # Keep back time for the top-up LP and the write-up (about two LP relaxations and 10 ms per 1,000
    # actions), and 15% of the budget since HiGHS checks its clock only now and then.
    reserve = 0.15 * budget + 2 * lp_seconds + 1e-5 * n
    remaining = budget - (time.perf_counter() - start) - reserve
    stats["mip_seconds"] = 0.0
    if not optimal and remaining > 0.05:
        mip_start = time.perf_counter()
        # Given a few seconds, the MIP gets the Hall rows too: redundant for its LP, but HiGHS derives
        # cover cuts from knapsack rows over binaries, which it cannot from the flow rows, so its dual
        # bound closes faster (tight 200 actions, 3 s: 0.16% gap against 0.28%). Within a second they
        # slow its first nodes and its heuristics more than they help (0.6 s: 1.1% against 0.4%).
        if remaining >= HALL_ROWS_AFTER:
            model = build(network, scale, hall=hall, fixed_out=set(np.flatnonzero(fixed_out).tolist()))
            remaining -= time.perf_counter() - mip_start
        mip = highs(model, integral=True, threads=threads, time_limit=remaining)
        mip.setOptionValue("mip_rel_gap", mip_gap)
        warm = np.flatnonzero(~fixed_out)
        mip.setSolution(len(warm), warm.astype(np.int32), chosen[warm].astype(np.float64))
        mip.run()
        stats["mip_seconds"] = time.perf_counter() - mip_start
        info = mip.getInfo()
        status = mip.getModelStatus()
        if np.isfinite(info.mip_dual_bound) and info.mip_dual_bound > -highspy.kHighsInf:
            bound = min(bound, info.mip_dual_bound)
        if info.primal_solution_status == 2:  # kSolutionStatusFeasible
            values = np.asarray(mip.getSolution().col_value[:n]) > 0.5
            value = float(benefit[values].sum())
            if value > objective + 1e-9:
                candidates.append((objective, method, chosen))
                objective, method, chosen = value, "mip", values
        optimal = status == highspy.HighsModelStatus.kOptimal or relative_gap(objective, bound) <= mip_gap
    funded = set(np.flatnonzero(chosen).tolist())
    assignments = _allocate(network, scale, funded, threads)
    while assignments is None and candidates:
        # HiGHS's solution was feasible only within its tolerances: fall back to the next best.
        objective, method, chosen = max(candidates, key=lambda c: c[0])
        candidates = [c for c in candidates if c[2] is not chosen]
        funded = set(np.flatnonzero(chosen).tolist())
        assignments = _allocate(network, scale, funded, threads)
    if assignments is None:
        raise RuntimeError("no allocation passed the top-up LP")  # cannot happen: greedy's always does
    bound = max(bound, objective)
    leftover = _leftover(scenario, assignments)
    gap = relative_gap(objective, bound)
    return Allocation(
        status=OPTIMAL if optimal else FEASIBLE,
        objective=objective,
        bound=bound,
        gap=gap,
        greedy_objective=baseline.objective if baseline.status != INFEASIBLE else 0.0,
        lp_seconds=lp_seconds,
        seconds=time.perf_counter() - start,
        funded=tuple(scenario.actions[a].key for a in sorted(funded)),
        assignments=tuple(assignments),
        reasons=explain(network, funded, assignments),
        unfunded=tuple(scenario.actions[a].key for a in range(n) if a not in funded),
        leftover=leftover,
        method=method,
        stats=stats,
    )


def _fundable(network: Network, scale: dict[str, float], actions: set[int], threads: int) -> bool:
    """Whether these actions can all be funded at once (the top-up LP is feasible)."""
    model, _ = topup(network, scale, actions)
    h = highs(model, integral=False, threads=threads)
    h.run()
    return h.getModelStatus() in _SOLVED


def _allocate(network: Network, scale: dict[str, float], funded: set[int], threads: int) -> list[Assignment] | None:
    """Top up the funded actions and split every pool's flows over its partners; None if they do not fit."""
    model, arcs = topup(network, scale, funded)
    h = highs(model, integral=False, threads=threads)
    h.run()
    if h.getModelStatus() not in _SOLVED:
        return None
    values = np.asarray(h.getSolution().col_value)
    flows = {arc: float(values[j]) * scale[network.arcs[arc].resource] for j, arc in enumerate(arcs)}
    return network.disaggregate(flows)


def _leftover(scenario: Scenario, assignments: list[Assignment]) -> dict[str, dict[str, float]]:
    used: dict[tuple[str, str], float] = defaultdict(float)
    for item in assignments:
        used[item.partner, item.resource] += item.amount
    return {
        partner.key: {key: max(0.0, amount - used[partner.key, key]) for key, amount in partner.capacity.items()}
        for partner in scenario.partners
    }


def _infeasible(
    scenario: Scenario, problems: list[Reason], baseline: Allocation, start: float, lp_seconds: float = 0.0
) -> Allocation:
    return Allocation(
        status=INFEASIBLE,
        objective=0.0,
        bound=0.0,
        gap=0.0,
        greedy_objective=baseline.objective if baseline.status != INFEASIBLE else 0.0,
        lp_seconds=lp_seconds,
        seconds=time.perf_counter() - start,
        funded=(),
        assignments=(),
        reasons={},
        unfunded=tuple(action.key for action in scenario.actions),
        leftover={partner.key: dict(partner.capacity) for partner in scenario.partners},
        problems=tuple(problems),
        method="",
    )
