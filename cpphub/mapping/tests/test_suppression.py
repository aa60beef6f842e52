"""Small-cell suppression: no small count is published, and no hidden count can be worked out.

The attacker's linear program is written here again, independently of the
engine's own check, so a bug in the engine's check cannot hide itself.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cpphub.mapping.suppression import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    PublishedCount,
    Reason,
    SuppressedTable,
    ThresholdTooLow,
    suppress_grid,
    suppress_series,
    suppress_table,
)

# ---------------------------------------------------------------------------
# The attacker, written independently of the engine
# ---------------------------------------------------------------------------


def published_numbers(table: SuppressedTable) -> dict[tuple[str, int, int], PublishedCount]:
    """Every number of the table, keyed ("cell", i, j), ("row", i, 0), ("column", 0, j) or ("grand", 0, 0)."""
    numbers: dict[tuple[str, int, int], PublishedCount] = {}
    for i, r in enumerate(table.rows):
        for j, c in enumerate(table.columns):
            numbers["cell", i, j] = table.cells[r, c]
        numbers["row", i, 0] = table.row_totals[r]
    for j, c in enumerate(table.columns):
        numbers["column", 0, j] = table.column_totals[c]
    numbers["grand", 0, 0] = table.grand_total
    return numbers


def attacker_bounds(table: SuppressedTable) -> dict[tuple[str, int, int], tuple[float, float]]:
    """For each hidden number, the least and greatest value consistent with what is published.

    Only the hidden numbers are unknowns (>= 0); each row, column and the grand
    total gives one equation with the published numbers moved to the right.
    """
    numbers = published_numbers(table)
    m, n = len(table.rows), len(table.columns)
    hidden = [key for key, number in numbers.items() if number.value is None]
    position = {key: p for p, key in enumerate(hidden)}
    equations = [[("cell", i, j) for j in range(n)] + [("row", i, 0)] for i in range(m)]
    equations += [[("cell", i, j) for i in range(m)] + [("column", 0, j)] for j in range(n)]
    equations.append([("row", i, 0) for i in range(m)] + [("grand", 0, 0)])
    equations.append([("column", 0, j) for j in range(n)] + [("grand", 0, 0)])
    a_rows, b = [], []
    for *parts, total in equations:
        coefficients = np.zeros(len(hidden))
        constant = 0.0
        for key, sign in [(part, 1.0) for part in parts] + [(total, -1.0)]:
            if key in position:
                coefficients[position[key]] += sign
            else:
                constant -= sign * (numbers[key].value or 0)
        a_rows.append(coefficients)
        b.append(constant)
    bounds = {}
    for key in hidden:
        objective = np.zeros(len(hidden))
        objective[position[key]] = 1.0
        low = linprog(objective, A_eq=np.array(a_rows), b_eq=np.array(b), bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=np.array(a_rows), b_eq=np.array(b), bounds=(0, None), method="highs")
        assert low.status == 0, low.message
        assert high.status in (0, 3), high.message
        bounds[key] = (low.fun, math.inf if high.status == 3 else -high.fun)
    return bounds


def true_numbers(grid: list[list[int]]) -> dict[tuple[str, int, int], int]:
    m, n = len(grid), len(grid[0])
    numbers = {("cell", i, j): grid[i][j] for i in range(m) for j in range(n)}
    numbers |= {("row", i, 0): sum(grid[i]) for i in range(m)}
    numbers |= {("column", 0, j): sum(grid[i][j] for i in range(m)) for j in range(n)}
    numbers["grand", 0, 0] = sum(map(sum, grid))
    return numbers


# ---------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------


def test_the_thresholds_are_ten_by_default_and_never_below_five():
    assert DEFAULT_THRESHOLD == 10
    assert MIN_THRESHOLD == 5
    assert suppress_grid([[20, 30], [40, 50]]).k == 10


@pytest.mark.parametrize("k", [0, 1, 3, 4, -10])
def test_it_refuses_a_threshold_below_five(k):
    with pytest.raises(ThresholdTooLow):
        suppress_grid([[20, 30], [40, 50]], k=k)
    with pytest.raises(ThresholdTooLow):
        suppress_series([20, 30], k=k)
    assert issubclass(ThresholdTooLow, ValueError)


def test_it_refuses_negative_or_non_integer_counts():
    with pytest.raises(ValueError):
        suppress_grid([[20, -1], [40, 50]], k=10)
    with pytest.raises(TypeError):
        suppress_grid([[20, 1.5], [40, 50]], k=10)  # type: ignore[list-item]


def test_one_small_cell_gets_a_complementary_partner_in_its_row_and_its_column():
    table = suppress_grid([[3, 20, 15], [12, 14, 30], [25, 11, 40]], k=10)
    assert table.cells[0, 0] == PublishedCount(value=None, suppressed=True, reason=Reason.PRIMARY)
    hidden = {key for key, cell in table.cells.items() if cell.suppressed}
    assert sum(1 for i, _ in hidden if i == 0) >= 2
    assert sum(1 for _, j in hidden if j == 0) >= 2
    assert all(table.cells[key].reason == Reason.COMPLEMENTARY for key in hidden - {(0, 0)})
    # The smallest partners are chosen: 15 in the row, 12 in the column, 30 to close the rectangle.
    assert hidden == {(0, 0), (0, 2), (1, 0), (1, 2)}
    assert table.cells[0, 1].value == 20
    assert table.row_totals[0].value == 38
    assert table.grand_total.value == 170


def test_zeros_are_published_as_zero_and_not_chosen_while_a_non_zero_partner_exists():
    table = suppress_grid([[4, 0, 25], [0, 30, 20], [18, 0, 22]], k=10)
    assert table.cells[0, 1] == PublishedCount(value=0)
    assert table.cells[1, 0] == PublishedCount(value=0)
    assert table.cells[2, 1] == PublishedCount(value=0)
    assert table.cells[0, 0].reason == Reason.PRIMARY
    assert table.cells[0, 2].reason == Reason.COMPLEMENTARY
    assert table.cells[2, 0].reason == Reason.COMPLEMENTARY


def test_small_margins_are_suppressed_too():
    table = suppress_table(
        {("north", "girls"): 3, ("north", "boys"): 2, ("south", "girls"): 30, ("south", "boys"): 25},
        k=10,
    )
    assert table.rows == ("north", "south")
    assert table.columns == ("girls", "boys")
    assert table.row_totals["north"] == PublishedCount(value=None, suppressed=True, reason=Reason.PRIMARY)
    assert table.cells["north", "girls"].value is None
    assert table.cells["north", "boys"].value is None
    # North's 5 can be worked out from the grand total minus south unless more is hidden.
    assert table.row_totals["south"].value is None or table.grand_total.value is None
    assert all(low < high and high >= 10 for low, high in attacker_bounds(table).values())


def test_the_table_keeps_the_shape_the_caller_asks_for():
    table = suppress_table({("a", "x"): 40}, k=10, rows=["a", "b"], columns=["x", "y"])
    assert table.cells["b", "y"] == PublishedCount(value=0)
    assert table.grand_total.value == 40
    with pytest.raises(ValueError):
        suppress_table({("c", "x"): 40}, k=10, rows=["a", "b"], columns=["x", "y"])


def test_it_is_deterministic():
    grid = [[3, 7, 15, 0], [12, 1, 30, 9], [25, 11, 0, 4]]
    assert suppress_grid(grid, k=10) == suppress_grid([row[:] for row in grid], k=10)


def test_a_series_with_one_small_value_hides_a_second_one():
    series = suppress_series([3, 20, 15, 0], k=10)
    assert [v.value for v in series.values] == [None, 20, None, 0]
    assert [v.reason for v in series.values] == [Reason.PRIMARY, None, Reason.COMPLEMENTARY, None]
    assert series.total.value == 38


def test_a_series_whose_hidden_values_add_up_to_less_than_k_hides_more():
    series = suppress_series([3, 4, 15, 30], k=10)
    assert [v.value for v in series.values] == [None, None, None, 30]
    assert series.total.value == 52


def test_a_series_with_nothing_else_to_hide_withholds_its_total():
    series = suppress_series([3, 0], k=10)
    assert series.values[0].value is None
    assert series.values[1] == PublishedCount(value=0)
    assert series.total == PublishedCount(value=None, suppressed=True, reason=Reason.PRIMARY)
    series = suppress_series([3, 40], k=10)
    assert [v.value for v in series.values] == [None, None]
    assert series.total.value == 43


def test_a_series_of_large_values_is_published_whole():
    series = suppress_series([10, 0, 25], k=10)
    assert [v.value for v in series.values] == [10, 0, 25]
    assert series.total.value == 35


# ---------------------------------------------------------------------------
# Properties over random tables
# ---------------------------------------------------------------------------


@st.composite
def tables(draw):
    m = draw(st.integers(2, 6))
    n = draw(st.integers(2, 6))
    # Small counts are drawn often, so that suppression has work to do.
    count = st.one_of(st.integers(0, 40), st.integers(0, 12))
    grid = draw(st.lists(st.lists(count, min_size=n, max_size=n), min_size=m, max_size=m))
    return grid, draw(st.integers(5, 12))


PROPERTIES = settings(max_examples=60, deadline=None)


@PROPERTIES
@given(tables())
def test_no_published_count_is_small_and_published_counts_are_the_true_ones(case):
    grid, k = case
    table = suppress_grid(grid, k=k)
    truth = true_numbers(grid)
    for key, number in published_numbers(table).items():
        if number.suppressed:
            assert number.value is None
            assert number.reason in (Reason.PRIMARY, Reason.COMPLEMENTARY)
            assert (number.reason == Reason.PRIMARY) == (1 <= truth[key] < k)
        else:
            assert number.value == truth[key]
            assert number.value == 0 or number.value >= k
            assert number.reason is None


@PROPERTIES
@given(tables())
def test_no_hidden_count_can_be_worked_out_from_what_is_published(case):
    grid, k = case
    table = suppress_grid(grid, k=k)
    truth = true_numbers(grid)
    for key, (low, high) in attacker_bounds(table).items():
        assert low <= truth[key] + 1e-6 <= high + 2e-6, key
        assert high > low + 1e-6, (key, low, high)
        assert high >= k - 1e-6, (key, low, high)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=8), st.integers(5, 12))
def test_a_series_never_shows_a_small_count_nor_lets_one_be_worked_out(values, k):
    series = suppress_series(values, k=k)
    for value, shown in zip(values, series.values, strict=True):
        assert shown.value in (None, value)
        assert shown.value is None or shown.value == 0 or shown.value >= k
    assert series.total.value in (None, sum(values))
    hidden = [value for value, shown in zip(values, series.values, strict=True) if shown.value is None]
    if hidden and series.total.value is not None:
        # The total pins the hidden values' sum: each ranges over [0, sum], which must reach k.
        assert len(hidden) >= 2
        assert sum(hidden) >= k
