"""The primal heuristic: round the LP relaxation, then improve by local search, all in funding space.

With the Hall rows of ``network`` (exact when every union was enumerated) a set of actions is
feasible exactly when ``H @ y <= rhs``, so adding an action is a vector comparison and no flow has to
be solved. The candidates are taken in order of their LP value (the relaxation already knows which
actions are worth their resources) and then of their benefit against the LP's shadow prices; a
local search then tries, for each unfunded action, to make room for it by dropping funded actions of
lower total benefit (1-for-k swaps over the rows it is blocked by). The result warm-starts HiGHS.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from cpphub.coordination.allocation.network import HallRows

FloatArray = npt.NDArray[np.float64]
TOLERANCE = 1e-9


def round_and_improve(
    hall: HallRows,
    benefit: FloatArray,
    priority: FloatArray,
    *,
    fixed_in: npt.NDArray[np.bool_],
    fixed_out: npt.NDArray[np.bool_],
    rounds: int = 2,
) -> npt.NDArray[np.bool_]:
    """A feasible funding vector (feasible for the Hall rows) built greedily by ``priority`` then improved."""
    matrix, rhs = hall.matrix, hall.rhs
    chosen = fixed_in.copy()
    slack = rhs - matrix[:, chosen].sum(axis=1)
    tolerance = TOLERANCE * np.maximum(1.0, np.abs(rhs))
    order = np.lexsort((-benefit, -priority))
    for a in order:
        if chosen[a] or fixed_out[a]:
            continue
        column = matrix[:, a]
        if np.all(column <= slack + tolerance):
            chosen[a] = True
            slack -= column
    for _ in range(rounds):
        if not _swap_pass(matrix, slack, tolerance, benefit, chosen, fixed_in, fixed_out, order):
            break
    return chosen


def _swap_pass(
    matrix: FloatArray,
    slack: FloatArray,
    tolerance: FloatArray,
    benefit: FloatArray,
    chosen: npt.NDArray[np.bool_],
    fixed_in: npt.NDArray[np.bool_],
    fixed_out: npt.NDArray[np.bool_],
    order: npt.NDArray[np.intp],
) -> bool:
    """One pass of 1-for-k swaps: fund an outsider by dropping cheaper insiders; refill after each swap."""
    improved = False
    for a in order:
        if chosen[a] or fixed_out[a]:
            continue
        column = matrix[:, a]
        short = column - slack - tolerance
        blocked = short > 0
        if not blocked.any():
            chosen[a] = True
            slack -= column
            improved = True
            continue
        # Insiders using the blocked rows, cheapest benefit per blocked use first.
        insiders = np.flatnonzero(chosen & ~fixed_in & (matrix[blocked].sum(axis=0) > 0))
        if not len(insiders):
            continue
        use = matrix[np.ix_(blocked, insiders)]
        weight = (use / np.maximum(short[blocked], TOLERANCE)[:, None]).max(axis=0)
        dropped: list[int] = []
        freed = np.zeros_like(slack)
        lost = 0.0
        for i in np.argsort(benefit[insiders] / np.maximum(weight, TOLERANCE), kind="stable"):
            b = int(insiders[i])
            dropped.append(b)
            freed += matrix[:, b]
            lost += benefit[b]
            if lost >= benefit[a]:
                break
            if np.all(column <= slack + freed + tolerance):
                break
        if lost < benefit[a] and np.all(column <= slack + freed + tolerance):
            chosen[dropped] = False
            slack += freed
            chosen[a] = True
            slack -= column
            improved = True
            # Refill with what the dropped ones freed.
            for c in order:
                if not chosen[c] and not fixed_out[c] and c != a and np.all(matrix[:, c] <= slack + tolerance):
                    chosen[c] = True
                    slack -= matrix[:, c]
    return improved
