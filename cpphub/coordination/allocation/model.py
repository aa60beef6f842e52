"""The pooled mixed-integer model and its HiGHS plumbing.

Columns: ``y[a]`` (action ``a`` funded, binary) then ``x[arc]`` (amount of a resource a pool gives an
action, in the resource's scaled unit). Rows:

- demand rows: ``sum x[arcs of (a, r)] - low * y[a] = 0`` for an action without pins on r (in the
  funding phase sending more than the minimum buys nothing, so equality loses no optimum and removes
  degenerate freedom); with pins ``>= low * y`` and ``<= need * y`` since a pinned amount may exceed the
  minimum;
- capacity rows: ``sum x[arcs from pool p of r] <= capacity``;
- variable upper bounds ``x[arc] <= min(capacity, demand) * y[a]`` where the pool is smaller than the
  demand (valid inequalities that cut off fractional ``y`` drawing a whole pool);
- Hall rows ``H y <= rhs`` (see ``network``): knapsack rows over binaries, redundant in the LP but the
  rows HiGHS derives its cover cuts from.

Amounts are divided per resource by a typical demand so budgets in euros and devices in units sit
within HiGHS's tolerances alike.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt
from scipy import sparse

from cpphub.coordination.allocation.network import HallRows, Network

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass
class Model:
    """Arrays of one model, ready for ``highs``."""

    cost: FloatArray
    col_lower: FloatArray
    col_upper: FloatArray
    row_lower: FloatArray
    row_upper: FloatArray
    matrix: sparse.csc_matrix
    actions: int  # the first ``actions`` columns are y
    capacity_rows: list[tuple[int, str]]  # (pool, resource) of each capacity row, in order
    capacity_row_start: int


def scales(network: Network) -> dict[str, float]:
    """Per resource, the median minimum demand (1 when nothing needs it)."""
    result = {}
    for resource in network.resources:
        lows = [d.low for d in network.demands if d.resource == resource and d.low > 0]
        result[resource] = float(np.median(lows)) if lows else 1.0
    return result


def build(
    network: Network,
    scale: dict[str, float],
    *,
    hall: HallRows | None = None,
    bounds: bool = True,
    fixed_out: set[int] | frozenset[int] = frozenset(),
) -> Model:
    """The pooled model; actions in ``fixed_out`` (unfundable) get ``y = 0``."""
    n_actions = len(network.scenario.actions)
    n_arcs = len(network.arcs)
    benefit = np.array([action.benefit for action in network.scenario.actions])
    cost = np.concatenate([benefit, np.zeros(n_arcs)])
    col_lower = np.zeros(n_actions + n_arcs)
    col_upper = np.ones(n_actions + n_arcs)
    for a in network.pinned_actions:
        col_lower[a] = 1.0
    for a in fixed_out:
        col_upper[a] = 0.0
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    row_lower: list[float] = []
    row_upper: list[float] = []
    inf = highspy.kHighsInf

    def add_row(entries: list[tuple[int, float]], lower: float, upper: float) -> None:
        r = len(row_lower)
        for col, val in entries:
            rows.append(r)
            cols.append(col)
            vals.append(val)
        row_lower.append(lower)
        row_upper.append(upper)

    for demand in network.demands:
        s = scale[demand.resource]
        low, high = demand.low / s, demand.high / s
        for arc_index in demand.arcs:
            arc = network.arcs[arc_index]
            capacity = network.pools[arc.pool].capacity[arc.resource] / s
            col = n_actions + arc_index
            col_lower[col] = arc.pinned / s
            col_upper[col] = min(capacity, high if demand.pinned else low)
            if bounds and not demand.pinned and capacity < low * (1 - 1e-9):
                add_row([(col, 1.0), (demand.action, -capacity)], -inf, 0.0)
        entries = [(n_actions + arc, 1.0) for arc in demand.arcs]
        if demand.pinned:
            add_row([*entries, (demand.action, -low)], 0.0, inf)
            add_row([*entries, (demand.action, -high)], -inf, 0.0)
        else:
            add_row([*entries, (demand.action, -low)], 0.0, 0.0)
    capacity_row_start = len(row_lower)
    by_pool: dict[tuple[int, str], list[int]] = {}
    for arc_index, arc in enumerate(network.arcs):
        by_pool.setdefault((arc.pool, arc.resource), []).append(arc_index)
    capacity_rows = sorted(by_pool)
    for pool, resource in capacity_rows:
        entries = [(n_actions + arc, 1.0) for arc in by_pool[pool, resource]]
        add_row(entries, -inf, network.pools[pool].capacity[resource] / scale[resource])
    matrix = sparse.coo_matrix((vals, (rows, cols)), shape=(len(row_lower), n_actions + n_arcs)).tocsc()
    r_lower, r_upper = np.array(row_lower), np.array(row_upper)
    if hall is not None and len(hall.rhs):
        dense = sparse.csc_matrix(np.hstack([hall.matrix, np.zeros((len(hall.rhs), n_arcs))]))
        matrix = sparse.vstack([matrix, dense]).tocsc()
        r_lower = np.concatenate([r_lower, np.full(len(hall.rhs), -inf)])
        r_upper = np.concatenate([r_upper, hall.rhs])
    return Model(cost, col_lower, col_upper, r_lower, r_upper, matrix, n_actions, capacity_rows, capacity_row_start)


def build_hall(hall: HallRows, benefit: FloatArray, *, fixed_in: BoolArray, fixed_out: BoolArray) -> Model:
    """The funding-only model: ``max benefit @ y`` subject to the Hall rows, ``y`` binary.

    Any fundable set satisfies the Hall rows, so this model's dual bound is always a valid upper bound of
    the original problem; when the rows are exact (every union enumerated) its feasible sets are exactly
    the fundable ones, so it replaces the flow model in branch-and-cut: n binaries and a few hundred
    knapsack rows instead of n binaries, about 8n flows and their rows, and HiGHS derives cover cuts
    from knapsack rows directly.
    """
    n = len(benefit)
    lower = fixed_in.astype(np.float64)
    upper = (~fixed_out).astype(np.float64)
    # A row that every action left free fits at once can never bind: left out (in spare scenarios that
    # is most of them).
    binding = hall.matrix[:, ~fixed_out].sum(axis=1) > hall.rhs * (1 + 1e-9) if len(hall.rhs) else np.zeros(0, bool)
    matrix = sparse.csc_matrix(hall.matrix[binding]) if binding.any() else sparse.csc_matrix((0, n))
    rows = int(binding.sum())
    return Model(benefit.copy(), lower, upper, np.full(rows, -highspy.kHighsInf), hall.rhs[binding], matrix, n, [], 0)


_banner_shown = False


def _new_highs() -> highspy.Highs:
    """A HiGHS instance; the first one of the process would print HiGHS's banner on file descriptor 1,
    which would corrupt ``cpphub allocate --json``, so that one is made with stdout pointed at /dev/null."""
    global _banner_shown
    if _banner_shown:
        return highspy.Highs()
    _banner_shown = True
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            return highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def highs(model: Model, *, integral: bool, threads: int = 1, time_limit: float | None = None) -> highspy.Highs:
    """A silent, deterministic HiGHS instance holding ``model`` (maximising)."""
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", threads)
    if time_limit is not None:
        h.setOptionValue("time_limit", max(time_limit, 0.01))
    lp = highspy.HighsLp()
    n_cols = len(model.cost)
    lp.num_col_ = n_cols
    lp.num_row_ = len(model.row_lower)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = model.cost
    lp.col_lower_ = model.col_lower
    lp.col_upper_ = model.col_upper
    lp.row_lower_ = model.row_lower
    lp.row_upper_ = model.row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = model.matrix.indptr
    lp.a_matrix_.index_ = model.matrix.indices
    lp.a_matrix_.value_ = model.matrix.data
    lp.a_matrix_.num_col_ = n_cols
    lp.a_matrix_.num_row_ = len(model.row_lower)
    if integral:
        integrality = [highspy.HighsVarType.kContinuous] * n_cols
        integrality[: model.actions] = [highspy.HighsVarType.kInteger] * model.actions
        lp.integrality_ = integrality
    h.passModel(lp)
    return h


def topup(network: Network, scale: dict[str, float], funded: set[int]) -> tuple[Model, list[int]]:
    """The second phase: with the funded set fixed, spread leftover capacity towards full needs.

    Every funded demand gets at least its minimum (pinned amounts included) and at most its need; the
    objective is the total fraction of need covered, so a unit counts the same whichever resource it is.
    It does not change which actions are funded, only how much each gets. Returns the model and the arc
    of each column.
    """
    arcs = [i for d in network.demands if d.action in funded for i in d.arcs]
    column = {arc: j for j, arc in enumerate(arcs)}
    cost = np.zeros(len(arcs))
    lower = np.zeros(len(arcs))
    upper = np.zeros(len(arcs))
    rows: list[int] = []
    cols: list[int] = []
    row_lower: list[float] = []
    row_upper: list[float] = []
    for demand in network.demands:
        if demand.action not in funded:
            continue
        s = scale[demand.resource]
        for arc in demand.arcs:
            j = column[arc]
            capacity = network.pools[network.arcs[arc].pool].capacity[demand.resource] / s
            cost[j] = s / demand.high
            lower[j] = network.arcs[arc].pinned / s
            upper[j] = min(capacity, demand.high / s)
            rows.append(len(row_lower))
            cols.append(j)
        row_lower.append(demand.low / s)
        row_upper.append(demand.high / s)
    by_pool: dict[tuple[int, str], list[int]] = {}
    for arc in arcs:
        by_pool.setdefault((network.arcs[arc].pool, network.arcs[arc].resource), []).append(column[arc])
    capacity_rows = sorted(by_pool)
    for pool, resource in capacity_rows:
        for j in by_pool[pool, resource]:
            rows.append(len(row_lower))
            cols.append(j)
        row_lower.append(-highspy.kHighsInf)
        row_upper.append(network.pools[pool].capacity[resource] / scale[resource])
    matrix = sparse.csc_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(row_lower), len(arcs)))
    model = Model(
        cost, lower, upper, np.array(row_lower), np.array(row_upper), matrix, 0, capacity_rows, len(row_lower)
    )
    return model, arcs
