"""The straightforward model: one variable per (partner, action, resource), no pooling, no extra rows.

It is what one writes first from the problem statement, and the yardstick of the optimiser's speed:
the benchmark times HiGHS solving its LP relaxation, and the interactive budget is a multiple of
that time. Tests use its LP bound to cross-check the pooled model's (pooling is exact, so the two
relaxations have the same optimum).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
from scipy import sparse

from cpphub.coordination.allocation.model import Model, highs
from cpphub.coordination.allocation.scenario import Action, Scenario, eligible, pin_floor


@dataclass
class PlainRelaxation:
    bound: float
    seconds: float  # HiGHS's solve alone, not building the arrays
    columns: int
    rows: int
    status: str


def plain_model(scenario: Scenario) -> Model:
    """The disaggregated model in raw units (y relaxed or binary depending on how it is solved)."""
    actions, partners = scenario.actions, scenario.partners
    n_actions = len(actions)
    action_index = {action.key: i for i, action in enumerate(actions)}
    partner_index = {partner.key: i for i, partner in enumerate(partners)}
    regions = sorted({action.region for action in actions})
    region_of = np.array([regions.index(action.region) for action in actions], dtype=np.int64)
    allowed = np.array([[eligible(p, _at(region)) for region in regions] for p in partners], dtype=np.bool_)
    forbidden = {(partner_index[f.partner], action_index[f.action]) for f in scenario.forbids}
    pinned: dict[tuple[int, int, str], float] = {}
    for pin in scenario.pins:
        p, a = partner_index[pin.partner], action_index[pin.action]
        floor = pin_floor(pin, partners[p].capacity.get(pin.resource, 0.0), actions[a].needs.get(pin.resource, 0.0))
        pinned[p, a, pin.resource] = max(pinned.get((p, a, pin.resource), 0.0), floor)
    inf = highspy.kHighsInf
    rows, cols, vals = [], [], []
    row_lower: list[np.ndarray] = []
    row_upper: list[np.ndarray] = []
    col_lower = [np.zeros(n_actions)]
    col_upper = [np.ones(n_actions)]
    n_rows, n_cols = 0, n_actions
    for resource in (r.key for r in scenario.resources):
        need = np.array([action.needs.get(resource, 0.0) for action in actions])
        low = need * np.array([action.min_fraction for action in actions])
        capacity = np.array([partner.capacity.get(resource, 0.0) for partner in partners])
        needing = np.flatnonzero(need > 0)
        offering = np.flatnonzero(capacity > 0)
        # Demand rows: a lower and an upper row for every action needing the resource.
        lower_row = np.full(n_actions, -1)
        lower_row[needing] = n_rows + np.arange(len(needing))
        upper_row = lower_row + len(needing)
        cap_row = np.full(len(partners), -1)
        cap_row[offering] = n_rows + 2 * len(needing) + np.arange(len(offering))
        grid = allowed[np.ix_(offering, region_of[needing])]
        if forbidden:
            for i, p_index in enumerate(offering.tolist()):
                for j, a_index in enumerate(needing.tolist()):
                    if (p_index, a_index) in forbidden:
                        grid[i, j] = False
        pi, ai = np.nonzero(grid)
        p_of, a_of = offering[pi], needing[ai]
        x = n_cols + np.arange(len(p_of))
        rows += [lower_row[a_of], upper_row[a_of], cap_row[p_of], lower_row[needing], upper_row[needing]]
        cols += [x, x, x, needing, needing]
        ones = np.ones(len(x))
        vals += [ones, ones, ones, -low[needing], -need[needing]]
        row_lower += [np.zeros(len(needing)), np.full(len(needing), -inf), np.full(len(offering), -inf)]
        row_upper += [np.full(len(needing), inf), np.zeros(len(needing)), capacity[offering]]
        lower = np.zeros(len(x))
        for (p, a, key), amount in pinned.items():
            if key == resource:
                hit = np.flatnonzero((p_of == p) & (a_of == a))
                lower[hit] = amount
        col_lower.append(lower)
        col_upper.append(np.full(len(x), inf))
        n_rows += 2 * len(needing) + len(offering)
        n_cols += len(x)
    lower_y = col_lower[0]
    for _, a, _ in pinned:
        lower_y[a] = 1.0
    matrix = sparse.csc_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n_rows, n_cols)
    )
    cost = np.zeros(n_cols)
    cost[:n_actions] = [action.benefit for action in actions]
    return Model(
        cost,
        np.concatenate(col_lower),
        np.concatenate(col_upper),
        np.concatenate(row_lower) if row_lower else np.zeros(0),
        np.concatenate(row_upper) if row_upper else np.zeros(0),
        matrix,
        n_actions,
        [],
        n_rows,
    )


def plain_relaxation(scenario: Scenario, *, threads: int = 1) -> PlainRelaxation:
    """Solve the plain model's LP relaxation with HiGHS; time the solve."""
    model = plain_model(scenario)
    h = highs(model, integral=False, threads=threads)
    start = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - start
    status = h.modelStatusToString(h.getModelStatus())
    return PlainRelaxation(h.getInfo().objective_function_value, seconds, len(model.cost), len(model.row_lower), status)


def _at(region: str) -> Action:
    """A stand-in action in ``region``, to ask a partner's eligibility once per region."""
    return Action("", "", {}, 0.0, 1.0, region)
