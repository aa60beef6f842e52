"""Small-cell suppression: the one engine behind every published count of the mapping.

Pages, the API, exports and charts all publish aggregates of children's answers
(counts by location x age band x sex x risk code, ...). They all go through this
module, so the rules below hold everywhere.

What is suppressed, and why
---------------------------
A partnership chooses a threshold ``k`` (``DEFAULT_THRESHOLD`` = 10); anything
below ``MIN_THRESHOLD`` = 5 is refused with ``ThresholdTooLow``.

1. **Primary suppression.** Every count from 1 to k-1 is withheld: interior
   cells, row totals, column totals and the grand total alike. A small count
   singles out a few children.
2. **Zeros are published.** A count of 0 is not a child, and here the absence
   of answers in a cell is not a disclosure about any child, so a true or
   structural zero is published as 0. (The attacker below is assumed to know
   those zeros exactly.) Zeros are still used as complementary cells when
   nothing non-zero is left to hide.
3. **Complementary suppression, pattern rule.** A published table is a system
   of equations: each row of cells adds up to its row total, each column to its
   column total, and the row totals and the column totals both add up to the
   grand total. In every such equation that holds a suppressed number there
   must be at least two suppressed numbers, otherwise the lone one is a
   subtraction away. The complement is the published number of the equation with
   the smallest count, non-zero ones first, ties broken by position; this is
   repeated until stable.
4. **Complementary suppression, the real criterion.** The pattern rule is
   necessary, not sufficient. For every suppressed number a linear program
   (HiGHS, through ``scipy.optimize.linprog``) computes the smallest and the
   largest value an attacker can derive from everything published: published
   numbers fixed, suppressed numbers >= 0, every equation of the table. The
   number is safe only if ``max > min`` (it is not pinned down) and
   ``max >= k`` (the attacker cannot tell that it is a small count). If a
   number fails, its published partner in its row or column with the smallest
   count (non-zero first) is suppressed too (any published number if it has
   none left), and the pattern rule and the check run again. Suppressing more
   only widens the intervals, so numbers that passed once are not checked again.
   The equations of a two-way table are totally unimodular, so the LP bounds are
   integers and equal what an attacker solving for whole numbers would find.

Withheld numbers are published as ``None`` with ``suppressed=True`` and the
reason (``primary`` or ``complementary``), never as a number.

Attacker model, and overlapping queries
---------------------------------------
The attacker sees every published cell and margin of one table (or series),
knows how they add up, and knows that counts are whole and non-negative. Two
overlapping tables (say, the same counts with and without one location) could
be differenced to recover a hidden cell; this module does not see across
tables. Callers prevent that by always publishing a view from the same fixed
table shape (all rows and columns of the view, filtered only by what selects
the whole table), so the same cells are always hidden the same way.

The engine is deterministic: the same input gives the same output, whatever
the order of the calls.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import numpy as np
from scipy.optimize import linprog

MIN_THRESHOLD = 5
DEFAULT_THRESHOLD = 10

R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)

_TOLERANCE = 1e-6


class ThresholdTooLow(ValueError):
    """A threshold below ``MIN_THRESHOLD`` was asked for."""


class Reason(enum.StrEnum):
    PRIMARY = "primary"
    COMPLEMENTARY = "complementary"


@dataclass(frozen=True)
class PublishedCount:
    """One number as it may be shown: ``value`` is ``None`` when it is suppressed."""

    value: int | None
    suppressed: bool = False
    reason: Reason | None = None


@dataclass(frozen=True)
class SuppressedTable(Generic[R, C]):
    """A two-way table ready to publish: cells, row and column totals, grand total."""

    k: int
    rows: tuple[R, ...]
    columns: tuple[C, ...]
    cells: dict[tuple[R, C], PublishedCount]
    row_totals: dict[R, PublishedCount]
    column_totals: dict[C, PublishedCount]
    grand_total: PublishedCount


@dataclass(frozen=True)
class SuppressedSeries:
    """A list of counts (a bar chart) and its total, ready to publish."""

    k: int
    values: tuple[PublishedCount, ...]
    total: PublishedCount


@dataclass(frozen=True)
class _System:
    """Numbers to publish and the equations between them: ``sum(parts) == total``."""

    counts: tuple[int, ...]
    equations: tuple[tuple[tuple[int, ...], int], ...]


def check_threshold(k: int) -> int:
    """``k`` if it is an allowed threshold, else ``ThresholdTooLow`` (or ``TypeError``)."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"the threshold must be an int, not {k!r}")
    if k < MIN_THRESHOLD:
        raise ThresholdTooLow(f"a threshold of {k} is below the minimum of {MIN_THRESHOLD}")
    return k


def _check_count(count: object) -> int:
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"counts must be ints, not {count!r}")
    if count < 0:
        raise ValueError(f"counts cannot be negative: {count}")
    return count


def _attacker_interval(system: _System, suppressed: frozenset[int], index: int) -> tuple[float, float]:
    """The smallest and largest value of number ``index`` consistent with what is published."""
    size = len(system.counts)
    a_eq = np.zeros((len(system.equations), size))
    for row, (parts, total) in enumerate(system.equations):
        a_eq[row, list(parts)] = 1.0
        a_eq[row, total] = -1.0
    b_eq = np.zeros(len(system.equations))
    bounds = [(0.0, None) if i in suppressed else (float(system.counts[i]),) * 2 for i in range(size)]
    objective = np.zeros(size)
    objective[index] = 1.0
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if low.status != 0 or high.status not in (0, 3):
        raise RuntimeError(f"the disclosure check failed to solve: {low.message} / {high.message}")
    return float(low.fun), math.inf if high.status == 3 else float(-high.fun)


def _is_safe(system: _System, suppressed: frozenset[int], index: int, k: int) -> bool:
    low, high = _attacker_interval(system, suppressed, index)
    return high > low + _TOLERANCE and high >= k - _TOLERANCE


def _pick_complement(system: _System, candidates: set[int]) -> int:
    """The candidate with the smallest count, non-zero ones first, then by position."""
    return min(candidates, key=lambda i: (system.counts[i] == 0, system.counts[i], i))


Certificate = Callable[[_System, frozenset[int], int, int], bool]


def _suppress(system: _System, k: int, certify: Certificate | None = None) -> dict[int, Reason]:
    """Which numbers of ``system`` to withhold, and why.

    ``certify(system, suppressed, index, k)``, when given, may prove a number
    safe without the linear programs (it must only answer True when they would).
    """
    reasons = {i: Reason.PRIMARY for i, count in enumerate(system.counts) if 1 <= count < k}
    members = [(*parts, total) for parts, total in system.equations]
    safe: set[int] = set()
    while True:
        # Pattern rule: no equation may hold exactly one suppressed number.
        changed = True
        while changed:
            changed = False
            for equation in members:
                hidden = [i for i in equation if i in reasons]
                published = {i for i in equation if i not in reasons}
                if len(hidden) == 1 and published:
                    reasons[_pick_complement(system, published)] = Reason.COMPLEMENTARY
                    changed = True
        # The real criterion: every suppressed number keeps a wide enough interval.
        suppressed = frozenset(reasons)
        unsafe = [
            i
            for i in sorted(suppressed - safe)
            if not (certify is not None and certify(system, suppressed, i, k))
            and not _is_safe(system, suppressed, i, k)
        ]
        safe |= suppressed - set(unsafe)
        if not unsafe:
            return reasons
        for index in unsafe:
            partners = {i for equation in members if index in equation for i in equation if i not in reasons}
            if not partners:
                partners = {i for i in range(len(system.counts)) if i not in reasons}
            if partners:
                reasons[_pick_complement(system, partners)] = Reason.COMPLEMENTARY
                break
        else:  # pragma: no cover - with everything hidden and the grand total too, nothing is bounded
            raise RuntimeError("suppression could not protect the table")


def _published(count: int, reasons: Mapping[int, Reason], index: int) -> PublishedCount:
    if index in reasons:
        return PublishedCount(value=None, suppressed=True, reason=reasons[index])
    return PublishedCount(value=count)


def suppress_table(
    counts: Mapping[tuple[R, C], int],
    *,
    k: int = DEFAULT_THRESHOLD,
    rows: Sequence[R] | None = None,
    columns: Sequence[C] | None = None,
) -> SuppressedTable[R, C]:
    """Protect a two-way table of counts, given as ``{(row, column): count}``.

    ``rows`` and ``columns`` fix the shape and order of the table (a missing
    cell counts 0); by default they are taken from ``counts`` in order of first
    appearance. Always pass them from a view so its table shape never changes.
    """
    check_threshold(k)
    row_labels = tuple(rows) if rows is not None else tuple(dict.fromkeys(r for r, _ in counts))
    column_labels = tuple(columns) if columns is not None else tuple(dict.fromkeys(c for _, c in counts))
    if len(set(row_labels)) != len(row_labels) or len(set(column_labels)) != len(column_labels):
        raise ValueError("row and column labels must be unique")
    unknown = [key for key in counts if key[0] not in row_labels or key[1] not in column_labels]
    if unknown:
        raise ValueError(f"counts outside the table's rows and columns: {unknown[:3]}")
    grid = [[_check_count(counts.get((r, c), 0)) for c in column_labels] for r in row_labels]
    return _suppress_grid(grid, k=k, rows=row_labels, columns=column_labels)


def suppress_grid(grid: Sequence[Sequence[int]], *, k: int = DEFAULT_THRESHOLD) -> SuppressedTable[int, int]:
    """Protect a two-way table given as a list of rows; labels are the row and column indexes."""
    check_threshold(k)
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid):
        raise ValueError("every row of the table must have the same number of columns")
    checked = [[_check_count(count) for count in row] for row in grid]
    return _suppress_grid(checked, k=k, rows=tuple(range(len(grid))), columns=tuple(range(width)))


def _suppress_grid(
    grid: list[list[int]], *, k: int, rows: tuple[R, ...], columns: tuple[C, ...]
) -> SuppressedTable[R, C]:
    # Numbered as one (m+1) x (n+1) table: the last column holds the row totals,
    # the last row the column totals, the last corner the grand total.
    m, n = len(rows), len(columns)

    def at(i: int, j: int) -> int:
        return i * (n + 1) + j

    full = [[*row, sum(row)] for row in grid]
    full.append([sum(full[i][j] for i in range(m)) for j in range(n + 1)])
    equations = [(tuple(at(i, j) for j in range(n)), at(i, n)) for i in range(m + 1)]
    equations += [(tuple(at(i, j) for i in range(m)), at(m, j)) for j in range(n + 1)]
    system = _System(counts=tuple(count for row in full for count in row), equations=tuple(equations))
    reasons = _suppress(system, k) if m and n else {}

    def published(i: int, j: int) -> PublishedCount:
        return _published(full[i][j], reasons, at(i, j))

    return SuppressedTable(
        k=k,
        rows=rows,
        columns=columns,
        cells={(r, c): published(i, j) for i, r in enumerate(rows) for j, c in enumerate(columns)},
        row_totals={r: published(i, n) for i, r in enumerate(rows)},
        column_totals={c: published(m, j) for j, c in enumerate(columns)},
        grand_total=published(m, n),
    )


def suppress_series(counts: Sequence[int], *, k: int = DEFAULT_THRESHOLD) -> SuppressedSeries:
    """Protect a list of counts published with their total (a bar chart), by the same rules.

    If one value is hidden while the total is shown, a second value is hidden
    too (or the total is withheld), and the hidden values together must reach k.
    """
    check_threshold(k)
    values = [_check_count(count) for count in counts]
    total = len(values)
    system = _System(counts=(*values, sum(values)), equations=((tuple(range(total)), total),))
    reasons = _suppress(system, k) if values else {}
    return SuppressedSeries(
        k=k,
        values=tuple(_published(count, reasons, i) for i, count in enumerate(values)),
        total=_published(system.counts[total], reasons, total),
    )


# --- A faster path, with the same results ---------------------------------------------
#
# Most suppressed numbers of a small table can be shown safe without a linear
# program: a feasible change of the hidden numbers that keeps every equation
# and every number >= 0, and lifts the number to at least k (or moves it at
# all, when it is k or more already), proves that the attacker's interval is
# wide enough. The functions below look for such a change along the simplest
# cycles (a rectangle of hidden numbers in a table, a pair in a series) and fall
# back on the linear programs when they find none, so they decide exactly as
# ``suppress_grid`` and ``suppress_series`` do, only faster.


def _wide_enough(value: int, up: float, down: float, k: int) -> bool:
    """Safe if the number can rise by ``up`` to reach k, or, being k or more, move at all."""
    return (up >= 1 and value + up >= k) or (value >= k and (up >= 1 or down >= 1))


def _highest_proves(system: _System, suppressed: frozenset[int], index: int, k: int) -> bool:
    """One linear program instead of two: the largest value alone proves it when it reaches k and exceeds the count.

    The true count is a feasible value, so the smallest value is at most the count.
    """
    size = len(system.counts)
    a_eq = np.zeros((len(system.equations), size))
    for row, (parts, total) in enumerate(system.equations):
        a_eq[row, list(parts)] = 1.0
        a_eq[row, total] = -1.0
    bounds = [(0.0, None) if i in suppressed else (float(system.counts[i]),) * 2 for i in range(size)]
    objective = np.zeros(size)
    objective[index] = -1.0
    high = linprog(objective, A_eq=a_eq, b_eq=np.zeros(len(system.equations)), bounds=bounds, method="highs")
    if high.status == 3:
        return True
    if high.status != 0:
        return False
    highest = float(-high.fun)
    return highest >= k - _TOLERANCE and highest > system.counts[index] + _TOLERANCE


def _grid_certificate(m: int, n: int) -> Certificate:
    """Rectangle moves in an (m+1) x (n+1) table whose last row and column hold the totals."""

    def sign(i: int, j: int) -> int:
        # Signed so that every row and column of the augmented table adds up to 0.
        return (-1 if i == m else 1) * (-1 if j == n else 1)

    def certify(system: _System, suppressed: frozenset[int], index: int, k: int) -> bool:
        i, j = divmod(index, n + 1)
        value = system.counts[index]
        for i2 in range(m + 1):
            if i2 == i or i2 * (n + 1) + j not in suppressed:
                continue
            for j2 in range(n + 1):
                corners = (i * (n + 1) + j2, i2 * (n + 1) + j, i2 * (n + 1) + j2)
                if j2 == j or any(c not in suppressed for c in corners):
                    continue
                # Raise the number by t: y[i][j] += s t, y[i][j2] -= s t, y[i2][j] -= s t, y[i2][j2] += s t.
                s = sign(i, j)
                deltas = (
                    -s * sign(i, j2),
                    -s * sign(i2, j),
                    s * sign(i2, j2),
                )
                up = min((system.counts[c] for c, d in zip(corners, deltas, strict=True) if d < 0), default=math.inf)
                down = min([value, *(system.counts[c] for c, d in zip(corners, deltas, strict=True) if d > 0)])
                if _wide_enough(value, up, down, k):
                    return True
        return _highest_proves(system, suppressed, index, k)

    return certify


def _series_certificate(size: int) -> Certificate:
    """Moves between two hidden values (one up, one down), or a hidden value and the hidden total (both up)."""

    def certify(system: _System, suppressed: frozenset[int], index: int, k: int) -> bool:
        value = system.counts[index]
        if index == size:  # the total: moves with a hidden value
            partners = [system.counts[i] for i in suppressed if i != size]
            return bool(partners) and _wide_enough(value, math.inf, min(value, max(partners)), k)
        for other in suppressed:
            if other == index:
                continue
            if other == size:
                up, down = math.inf, min(value, system.counts[size])
            else:
                up, down = system.counts[other], value
            if _wide_enough(value, up, down, k):
                return True
        return _highest_proves(system, suppressed, index, k)

    return certify


def protect_grid(grid: Sequence[Sequence[int]], *, k: int = DEFAULT_THRESHOLD) -> SuppressedTable[int, int]:
    """The same result as ``suppress_grid``, faster on small tables (fewer linear programs)."""
    check_threshold(k)
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid):
        raise ValueError("every row of the table must have the same number of columns")
    checked = [[_check_count(count) for count in row] for row in grid]
    m, n = len(checked), width
    full = [[*row, sum(row)] for row in checked]
    full.append([sum(full[i][j] for i in range(m)) for j in range(n + 1)])
    if not any(1 <= count < k for row in full for count in row):
        reasons: dict[int, Reason] = {}
    else:
        at = lambda i, j: i * (n + 1) + j  # noqa: E731
        equations = [(tuple(at(i, j) for j in range(n)), at(i, n)) for i in range(m + 1)]
        equations += [(tuple(at(i, j) for i in range(m)), at(m, j)) for j in range(n + 1)]
        system = _System(counts=tuple(c for row in full for c in row), equations=tuple(equations))
        reasons = _suppress(system, k, _grid_certificate(m, n)) if m and n else {}

    def published(i: int, j: int) -> PublishedCount:
        return _published(full[i][j], reasons, i * (n + 1) + j)

    rows, columns = tuple(range(m)), tuple(range(n))
    return SuppressedTable(
        k=k,
        rows=rows,
        columns=columns,
        cells={(i, j): published(i, j) for i in rows for j in columns},
        row_totals={i: published(i, n) for i in rows},
        column_totals={j: published(m, j) for j in columns},
        grand_total=published(m, n),
    )


def protect_series(counts: Sequence[int], *, k: int = DEFAULT_THRESHOLD) -> SuppressedSeries:
    """The same result as ``suppress_series``, faster (fewer linear programs)."""
    check_threshold(k)
    values = [_check_count(count) for count in counts]
    size = len(values)
    system = _System(counts=(*values, sum(values)), equations=((tuple(range(size)), size),))
    if not any(1 <= count < k for count in system.counts):
        reasons: dict[int, Reason] = {}
    else:
        reasons = _suppress(system, k, _series_certificate(size)) if values else {}
    return SuppressedSeries(
        k=k,
        values=tuple(_published(count, reasons, i) for i, count in enumerate(values)),
        total=_published(system.counts[size], reasons, size),
    )


# --- Tables with their totals, as the pages publish them --------------------------------------

Grid = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class ProtectedTable:
    """A table with its row and column totals and grand total (last column, last row): the true counts, which are
    never published, and what may be published of each."""

    true: Grid
    published: tuple[tuple[PublishedCount, ...], ...]


def with_totals(grid: Grid) -> Grid:
    """``grid`` with a total at the end of each row and a row of column totals at the bottom."""
    rows = [(*row, sum(row)) for row in grid]
    return (*rows, tuple(sum(column) for column in zip(*rows, strict=True)))


@lru_cache(maxsize=100_000)
def protect_table(grid: Grid, k: int) -> ProtectedTable:
    """``grid`` with its totals, protected by :func:`protect_grid` (unchanged when nothing needs hiding)."""
    full = with_totals(grid)
    if not any(1 <= count < k for row in full for count in row):
        return ProtectedTable(full, tuple(tuple(PublishedCount(count) for count in row) for row in full))
    table = protect_grid(grid, k=k)
    m, n = len(grid), len(grid[0])

    def published(i: int, j: int) -> PublishedCount:
        if i < m and j < n:
            return table.cells[(i, j)]
        if i < m:
            return table.row_totals[i]
        if j < n:
            return table.column_totals[j]
        return table.grand_total

    return ProtectedTable(full, tuple(tuple(published(i, j) for j in range(n + 1)) for i in range(m + 1)))


def sum_tables(parts: Sequence[ProtectedTable], k: int, shape: tuple[int, int]) -> ProtectedTable:
    """The cell by cell sum of protected tables of ``shape`` (totals included): published only where every part
    is, so a sum never gives away a part that is hidden."""
    if len(parts) == 1:
        return parts[0]
    height, width = shape
    true = tuple(tuple(sum(p.true[i][j] for p in parts) for j in range(width)) for i in range(height))

    def published(i: int, j: int) -> PublishedCount:
        if all(not p.published[i][j].suppressed for p in parts):
            return PublishedCount(true[i][j])
        reason = Reason.PRIMARY if 1 <= true[i][j] < k else Reason.COMPLEMENTARY
        return PublishedCount(value=None, suppressed=True, reason=reason)

    return ProtectedTable(true, tuple(tuple(published(i, j) for j in range(width)) for i in range(height)))
