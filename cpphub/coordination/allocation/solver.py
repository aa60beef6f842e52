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
6. The best of 2 and 5 is finished at once (top-up LP, split of each pool over its partners,
   reasons): an answer is ready whatever comes next, and the cost of finishing is measured.
7. HiGHS branch-and-cut on the funding-only model (Hall rows over binaries, exact when every union
   was enumerated; else the flow model), warm-started from 6, with the time left once a second finish
   and a margin are kept back: it improves the allocation (finished again if there is time) and,
   through its dual bound, the proof.

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
from cpphub.coordination.allocation.model import build, build_hall, highs, scales, topup
from cpphub.coordination.allocation.network import HallRows, Network
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
# With at least this many seconds left for branch-and-cut, the Hall rows are added to the flow MIP.
HALL_ROWS_AFTER = 2.0
# Kept back from the budget: HiGHS checks its clock only now and then, and other processes share the CPU.
MARGIN = 0.1
# Branch-and-cut is not started with less time than this.
MIN_MIP_SECONDS = 0.02
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
        culprits = diagnose(network, scale, lambda actions: _fundable(network, scale, actions, threads))
        return _infeasible(scenario, culprits or [Reason("pins_conflict", {})], baseline, start, lp_seconds)
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
    candidates.sort(key=lambda c: -c[0])
    candidates.append((float(benefit[fixed_in].sum()), "", fixed_in.copy()))  # the pinned actions alone
    budget = time_limit if time_limit is not None else max(budget_factor * lp_seconds, MIN_SECONDS)
    deadline = start + budget
    # Finish the best candidate at once (top-up, split over partners, reasons), so an answer is ready
    # whatever branch-and-cut does with the time left; that also measures what finishing costs.
    finish_start = time.perf_counter()
    answer = _finish(network, scale, candidates, threads)
    finish_seconds = time.perf_counter() - finish_start
    if answer is None:
        raise RuntimeError("no allocation passed the top-up LP")  # cannot happen: greedy's always does
    objective, method, chosen, assignments, reasons = answer
    optimal = relative_gap(objective, bound) <= mip_gap
    # Branch-and-cut gets what is left once a second finish (1.5 times the first, in case it finds a
    # better set) and a safety margin (10% of the budget: HiGHS checks its clock only now and then) are
    # kept back.
    remaining = deadline - time.perf_counter() - 1.5 * finish_seconds - MARGIN * budget - 0.005
    stats["mip_seconds"] = 0.0
    stats["finish_seconds"] = finish_seconds
    stats["mip_limit"] = remaining
    # Its root node (LP, first cuts) does not look at the clock: about three LP relaxations' time.
    if not optimal and remaining > max(MIN_MIP_SECONDS, 3 * lp_seconds):
        mip_start = time.perf_counter()
        found, mip_bound, mip_optimal = _branch_and_cut(
            network, scale, hall, benefit, chosen, fixed_in, fixed_out, remaining, mip_gap, threads
        )
        stats["mip_seconds"] = time.perf_counter() - mip_start
        bound = min(bound, mip_bound)
        # Finish HiGHS's better set only with the time for it; otherwise the answer ready stays.
        room = deadline - time.perf_counter() - MARGIN * budget / 2
        if found is not None and float(benefit[found].sum()) > objective + 1e-9 and room > 1.2 * finish_seconds:
            better = _finish(network, scale, [(float(benefit[found].sum()), "mip", found)], threads)
            if better is not None:  # else HiGHS's set was feasible only within its tolerances: keep ours
                objective, method, chosen, assignments, reasons = better
        optimal = mip_optimal or relative_gap(objective, bound) <= mip_gap
    funded = set(np.flatnonzero(chosen).tolist())
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
        reasons=reasons,
        unfunded=tuple(scenario.actions[a].key for a in range(n) if a not in funded),
        leftover=leftover,
        method=method,
        stats=stats,
    )


def _finish(
    network: Network, scale: dict[str, float], candidates: list[tuple[float, str, Mask]], threads: int
) -> tuple[float, str, Mask, list[Assignment], dict[str, tuple[Reason, ...]]] | None:
    """The first candidate (best first) that passes the top-up LP, with its assignments and reasons."""
    for value, method, chosen in candidates:
        funded = set(np.flatnonzero(chosen).tolist())
        assignments = _allocate(network, scale, funded, threads)
        if assignments is not None:
            return value, method, chosen, assignments, dict(explain(network, funded, assignments))
    return None


def _branch_and_cut(
    network: Network,
    scale: dict[str, float],
    hall: HallRows,
    benefit: npt.NDArray[np.float64],
    warm: Mask,
    fixed_in: Mask,
    fixed_out: Mask,
    seconds: float,
    mip_gap: float,
    threads: int,
) -> tuple[Mask | None, float, bool]:
    """HiGHS branch-and-cut warm-started from ``warm``: its best set (or None), its dual bound, optimal?

    With exact Hall rows the model is the funding-only one (``build_hall``): smaller, and its knapsack
    rows are what HiGHS's cover cuts need; presolve is off, since on these rows it costs more than it
    saves (and runs past the clock on large scenarios), and so is the feasibility jump heuristic.
    Otherwise the pooled flow model, with the (truncated, still valid) Hall rows added when there are a
    few seconds. Either way the dual bound is valid: every fundable set satisfies the Hall rows.
    """
    n = len(benefit)
    started = time.perf_counter()
    out = set(np.flatnonzero(fixed_out).tolist())
    if hall.exact:
        model = build_hall(hall, benefit, fixed_in=fixed_in, fixed_out=fixed_out)
    else:
        model = build(network, scale, hall=hall if seconds >= HALL_ROWS_AFTER else None, fixed_out=out)
    seconds -= time.perf_counter() - started
    mip = highs(model, integral=True, threads=threads, time_limit=max(seconds, 0.01))
    mip.setOptionValue("mip_rel_gap", mip_gap)
    if hall.exact:
        mip.setOptionValue("presolve", "off")
        # Its feasibility jump runs seconds on 2,000 actions without looking at the clock, and the warm
        # start makes it pointless.
        mip.setOptionValue("mip_heuristic_run_feasibility_jump", False)
    free = np.flatnonzero(~fixed_out)
    mip.setSolution(len(free), free.astype(np.int32), warm[free].astype(np.float64))
    mip.run()
    info = mip.getInfo()
    bound = info.mip_dual_bound if np.isfinite(info.mip_dual_bound) else float("inf")
    found = None
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        found = np.asarray(mip.getSolution().col_value[:n]) > 0.5
    return found, bound, mip.getModelStatus() == highspy.HighsModelStatus.kOptimal


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
