"""Tests for safecore.stats._exact's helpers, each against a brute-force oracle written here.

The p-value tests (tests/test_exact.py) cannot see a bound that is merely loose, a path that
is never taken or a helper that does more work than needed: the p-value comes out right. These
tests check the helpers' documented results directly: every expected value comes from plain
enumeration with itertools and math.lgamma, or from hand arithmetic in a comment.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.special import gammaln

from safecore import TableTooLargeError
from safecore.stats import _exact
from safecore.stats._exact import (
    _Budget,
    _column_order,
    _count_fillings,
    _fill,
    _finish,
    _group,
    _half_fillings,
    _Network,
    _ranges,
    _sort_columns,
    _starts,
    _two_column_mode,
    exact_pvalue,
)

BIG = _Budget(10**9, (2, 2), 0)


def log_factorials(n: int) -> np.ndarray:
    return gammaln(np.arange(n + 1, dtype=np.float64) + 1.0)


def fillings(caps: list[int], total: int) -> list[tuple[int, ...]]:
    """Every vector 0 <= x <= caps summing to total, by plain enumeration."""
    return [x for x in itertools.product(*(range(c + 1) for c in caps)) if sum(x) == total]


def value(cells: tuple[int, ...]) -> float:
    """-sum(log x!) of a column's cells, with math.lgamma."""
    return -sum(math.lgamma(x + 1) for x in cells)


# -- small array helpers -----------------------------------------------------------------------


def test_starts_and_ranges_by_hand():
    """_starts marks where a sorted array changes; _ranges numbers each item's children."""
    assert _starts(np.array([4, 4, 5, 7, 7, 7])).tolist() == [0, 2, 3]
    assert _starts(np.array([9])).tolist() == [0]
    # counts 2, 0, 3: children belong to items 0, 0, 2, 2, 2 with steps 0, 1, 0, 1, 2
    item, step = _ranges(np.array([2, 0, 3]))
    assert item.tolist() == [0, 0, 2, 2, 2]
    assert step.tolist() == [0, 1, 0, 1, 2]


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6, 7])
def test_sort_columns_sorts_each_column(k: int):
    """Each column of a (k, m) array comes out sorted, by network (k <= 6) or numpy (k = 7)."""
    rng = np.random.default_rng(k)
    a = rng.integers(0, 5, size=(k, 40)).astype(np.int64)
    expected = np.array([sorted(col) for col in a.T]).T
    assert _sort_columns(a.copy()).tolist() == expected.tolist()


def test_group_merges_equal_keys_and_values():
    """Items with one key and one value (to 2**-32) are merged, weights summed, sorted by key, value."""
    keys = np.array([3, 1, 3, 1, 3, 0], dtype=np.int64)
    val = np.array([-2.5, -1.0, -2.5 + 2.0**-40, -1.5, -0.5, -4.0])
    wt = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
    first, key, total = _group(keys, val, wt)
    # groups: key 0 (-4.0): 32; key 1: -1.5 (8), -1.0 (2); key 3: -2.5 twice (1 + 4), -0.5 (16)
    assert key.tolist() == [0, 1, 1, 3, 3]
    assert total.tolist() == [32.0, 8.0, 2.0, 5.0, 16.0]
    assert val[first].tolist() == [-4.0, -1.5, -1.0, -2.5, -0.5]
    empty = _group(keys[:0], val[:0], wt[:0])
    assert [a.size for a in empty] == [0, 0, 0]


def test_group_on_values_too_spread_to_pack():
    """Values too spread for key, value and index to share 63 bits are grouped alike.

    A value span of 2**29 log units is 2**61 steps of 2**-32: with one key, key and value fit
    (argsort path); with two keys they do not (lexsort path).
    """
    spread = 2.0**29
    val = np.array([0.0, spread, spread, 0.0, 0.0])
    wt = np.array([1.0, 2.0, 4.0, 8.0, 16.0])
    first, key, total = _group(np.zeros(5, dtype=np.int64), val, wt)
    assert key.tolist() == [0, 0]
    assert total.tolist() == [25.0, 6.0]
    assert val[first].tolist() == [0.0, spread]
    first, key, total = _group(np.array([1, 0, 1, 0, 1], dtype=np.int64), val, wt)
    assert key.tolist() == [0, 0, 1, 1]
    assert total.tolist() == [8.0, 2.0, 17.0, 4.0]
    assert val[first].tolist() == [0.0, spread, 0.0, spread]


# -- filling a column --------------------------------------------------------------------------


def test_fill_lists_every_filling_of_each_node():
    """_fill gives every column of the given sum under each node's row sums, once, with its node."""
    states = np.array([[1, 2, 2], [0, 1, 3], [2, 2, 2]], dtype=np.int64)
    parent, cells = _fill(states, 3, BIG)
    got = sorted((int(p), tuple(int(c) for c in col)) for p, col in zip(parent, cells.T, strict=True))
    expected = sorted((i, x) for i, caps in enumerate(states.tolist()) for x in fillings(caps, 3))
    assert got == expected


def test_fill_checks_the_budget():
    """Filling more partial columns than the budget allows raises, naming the limit."""
    with pytest.raises(TableTooLargeError, match="more than 3 partial tables"):
        _fill(np.array([[5, 5, 5]], dtype=np.int64), 5, _Budget(3, (3, 3), 15))


def test_count_fillings_and_half_fillings_by_enumeration():
    """_count_fillings counts vectors under caps with a sum; _half_fillings lists them by sum."""
    caps = [3, 0, 2, 4]
    for total in range(10):
        assert _count_fillings(np.array(caps), total) == len(fillings(caps, total))
    lf = log_factorials(10)
    cols = [3, 1, 2]
    sums, vals = _half_fillings(cols, lf, 4, BIG)
    got = sorted(zip(sums.tolist(), np.round(vals, 12).tolist(), strict=True))
    expected = []
    for x in itertools.product(*(range(c + 1) for c in cols)):
        if sum(x) <= 4:
            v = -sum(math.lgamma(a + 1) + math.lgamma(c - a + 1) for a, c in zip(x, cols, strict=True))
            expected.append((sum(x), round(v, 12)))
    assert got == sorted(expected)
    with pytest.raises(TableTooLargeError):
        _half_fillings([5, 5, 5], lf, 15, _Budget(30, (2, 3), 15))


# -- the exact bounds with two columns left ------------------------------------------------------


STATES = [[3, 1, 4], [2, 2, 2], [0, 5, 1], [4, 4, 0]]


@pytest.mark.parametrize("first", [0, 1, 3, 4])
def test_two_column_bounds_are_the_extremes_over_every_completion(first: int):
    """With two columns left (the first of sum *first*), hi and lo are the best and worst completions."""
    states = np.array(STATES, dtype=np.int64)
    lf = log_factorials(12)
    net = _Network(np.array([4, 5, 4], dtype=np.int64), lf, BIG)
    hi, lo = net.two_columns(states, first)
    mode = _two_column_mode(states, np.full(len(STATES), first, dtype=np.int64), lf)
    for i, s in enumerate(STATES):
        values = [
            -sum(math.lgamma(x + 1) + math.lgamma(c - x + 1) for x, c in zip(xs, s, strict=True))
            for xs in fillings(s, first)
        ]
        if not values:
            continue  # no completion: the node is never reached with this column sum
        assert hi[i] == pytest.approx(max(values), rel=1e-12, abs=1e-12)
        assert lo[i] == pytest.approx(min(values), rel=1e-12, abs=1e-12)
        assert mode[i] == pytest.approx(-max(values), rel=1e-12, abs=1e-12)


def test_two_column_bounds_beyond_ten_rows_relax_the_least_probable():
    """Beyond 10 rows the shortest path is relaxed to -sum(log s_i!), every row at one extreme."""
    rows = np.array([1] * 6 + [2] * 5, dtype=np.int64)  # 11 rows
    lf = log_factorials(20)
    net = _Network(rows, lf, BIG)
    assert net.masks is None
    hi, lo = net.two_columns(rows[None, :], 8)
    assert lo[0] == pytest.approx(-5 * math.log(2), rel=1e-12)  # -sum(log s_i!) = -5 log 2!
    # the most probable completion puts as many rows as possible at x = s/2 (the 2s at 1 each):
    # the 2s give 1 + 1 each only if split, and the 1s contribute log 1! + log 0! = 0 either way
    assert hi[0] == pytest.approx(0.0, abs=1e-12)


def test_bounds_three_columns_left_by_enumeration():
    """bounds() with three columns left: the most and least probable completion of each node."""
    states = np.array([[3, 2, 2], [1, 3, 3]], dtype=np.int64)
    cols = np.array([3, 2, 2], dtype=np.int64)  # descending, as bounds expects
    lf = log_factorials(10)
    net = _Network(np.array([2, 2, 3], dtype=np.int64), lf, BIG)
    hi, lo = net.bounds(states, cols)
    for i, s in enumerate(states.tolist()):
        values = []
        for first in fillings(s, 2):  # bounds fills the smallest column first
            rest = [a - b for a, b in zip(s, first, strict=True)]
            for second in fillings(rest, 2):
                third = tuple(a - b for a, b in zip(rest, second, strict=True))
                values.append(value(first) + value(second) + value(third))
        assert hi[i] == pytest.approx(max(values), rel=1e-12)
        assert lo[i] == pytest.approx(min(values), rel=1e-12)


def test_build_gives_exact_bounds_at_the_root():
    """The built network's bounds at the root are the most and least probable tables."""
    rows = np.array([2, 3, 3], dtype=np.int64)
    cols = np.array([2, 3, 3], dtype=np.int64)
    lf = log_factorials(8)
    net = _Network(rows, lf, BIG)
    built = net.build(cols)
    assert built is not None
    _, his, los = built
    values = []
    for c0 in fillings([2, 3, 3], 2):
        left = [r - a for r, a in zip([2, 3, 3], c0, strict=True)]
        for c1 in fillings(left, 3):
            c2 = tuple(r - a for r, a in zip(left, c1, strict=True))
            values.append(value(c0) + value(c1) + value(c2))
    assert his[0][0] == pytest.approx(max(values), rel=1e-12)
    assert los[0][0] == pytest.approx(min(values), rel=1e-12)


# -- column order, budget and the final scaling -------------------------------------------------


def test_column_order_rules():
    """Smallest first with the two largest last; a largest column above every row sum goes first."""
    rows = np.array([3, 6, 10])
    assert _column_order(np.array([9, 7, 5, 3, 2]), rows).tolist() == [2, 3, 5, 7, 9]
    assert _column_order(np.array([10, 7, 5, 3, 2]), rows).tolist() == [2, 3, 5, 7, 10]  # equal
    # 12 > 10: 12 first, then 2, 3 (smallest first), the join takes 5 and 7
    assert _column_order(np.array([12, 7, 5, 3, 2]), rows).tolist() == [12, 2, 3, 5, 7]
    assert _column_order(np.array([12, 7]), rows).tolist() == [12, 7]


def test_budget_allows_its_limit_and_names_the_table_beyond():
    """A count equal to the limit passes; one more raises with the limit, shape and n."""
    budget = _Budget(1000, (3, 4), 57)
    budget.check(1000)
    with pytest.raises(TableTooLargeError) as info:
        budget.check(1001)
    assert str(info.value) == (
        "the exact test would hold more than 1,000 partial tables (network nodes, arcs and past "
        "paths) for this 3x4 table with n = 57; use method='monte-carlo' or raise exact_limit"
    )


def test_finish_scales_by_the_observed_probability():
    """p = total * P(observed): here 1.5 * P([[1, 1], [1, 1]]) = 1.5 * 4 / 6 = 1; zero stays zero."""
    # P([[1, 1], [1, 1]]) = 2! 2! 2! 2! / (4! 1! 1! 1! 1!) = 16 / 24 = 2 / 3
    lf = log_factorials(4)
    rows = cols = np.array([2, 2])
    obs = -4 * float(lf[1])
    assert _finish(0.75, obs, lf, rows, cols, 4) == pytest.approx(0.5, rel=1e-12)
    assert _finish(3.0, obs, lf, rows, cols, 4) == 1.0  # capped at 1
    assert _finish(0.0, obs, lf, rows, cols, 4) == 0.0


# -- which path a table takes ------------------------------------------------------------------
# The paths give the same p-value, so a wrong choice only costs time (issue 10); these tests pin
# the documented choice by making the paths a table must not take fail.


def _forbid(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("path not expected for this table")

    for name in names:
        if name == "build":
            monkeypatch.setattr(_exact._Network, "build", fail)
        else:
            monkeypatch.setattr(_exact, name, fail)


def _p(table: list[list[int]]) -> float:
    return exact_pvalue(np.array(table, dtype=np.int64), limit=10**7)


def test_two_row_table_with_few_tables_is_enumerated_directly(monkeypatch: pytest.MonkeyPatch):
    """A two-row table with at most 2,000 tables under its margins is listed directly.

    R> fisher.test(rbind(c(3, 1, 2), c(1, 3, 2)))$p.value   # 0.766233766233766
    """
    _forbid(monkeypatch, "_two_row_join", "_enumerate", "build")
    assert _p([[3, 1, 2], [1, 3, 2]]) == pytest.approx(0.766233766233766, rel=1e-9)
    assert _p([[1, 3, 2], [3, 1, 2]]) == pytest.approx(0.766233766233766, rel=1e-9)


def test_two_row_table_with_many_tables_meets_in_the_middle(monkeypatch: pytest.MonkeyPatch):
    """A two-row table with more tables (213,886 here) is joined in halves, not listed.

    R> fisher.test(rbind(c(20, 15, 10, 12, 8), c(5, 18, 9, 14, 11)))$p.value   # 0.0444937321672682
    The tables are counted as the coefficient of q^65 in the product of (1 + q + ... + q^c)
    over the columns c = 25, 33, 19, 26, 19 (first-row fillings of sum 65).
    """
    poly = [1]
    for c in [25, 33, 19, 26, 19]:
        poly = [
            sum(poly[i - j] for j in range(c + 1) if 0 <= i - j < len(poly))
            for i in range(len(poly) + c)
        ]
    assert poly[65] == 213_886
    _forbid(monkeypatch, "_enumerate", "build")
    expected = 0.0444937321672682
    assert _p([[20, 15, 10, 12, 8], [5, 18, 9, 14, 11]]) == pytest.approx(expected, rel=1e-9)
    # the same table transposed (five rows, two columns) takes the same path
    transposed = [[20, 5], [15, 18], [10, 9], [12, 14], [8, 11]]
    assert _p(transposed) == pytest.approx(expected, rel=1e-9)


def test_small_three_column_table_is_enumerated_without_bounds(monkeypatch: pytest.MonkeyPatch):
    """A small 3x3 table is enumerated (all columns but the last two) and joined; no network is built.

    R> fisher.test(rbind(c(2, 1, 0), c(1, 2, 1), c(0, 1, 3)))$p.value   # 0.401558441558441
    """
    _forbid(monkeypatch, "_two_row_join", "build")
    assert _p([[2, 1, 0], [1, 2, 1], [0, 1, 3]]) == pytest.approx(0.401558441558441, rel=1e-9)
