"""Tests for safecore.stats._exact: the network algorithm behind ``fisher_exact_rxc``."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from safecore import TableTooLargeError
from safecore.stats import _exact, chi_square
from safecore.stats._exact import exact_pvalue
from safecore.stats.contingency import EXACT_LIMIT, fisher_exact_rxc
from tests.exact_oracle import fisher_exact_rxc_oracle
from tests.strategies import sparse_tables

JOB = np.array([1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11]).reshape(4, 4).T
TABLE_5X7 = np.array(
    [
        [1, 2, 2, 1, 1, 0, 1],
        [2, 0, 0, 2, 3, 0, 0],
        [0, 1, 1, 1, 2, 7, 3],
        [1, 1, 2, 0, 0, 0, 1],
        [0, 1, 1, 1, 1, 0, 0],
    ]
)


def pvalue(table: np.ndarray, limit: int = EXACT_LIMIT) -> float:
    return exact_pvalue(np.asarray(table, dtype=np.int64), limit=limit)


# -- R references -------------------------------------------------------------------


def test_r_job_satisfaction():
    """R's fisher.test example on the 4x4 Job satisfaction table.

    R> Job <- matrix(c(1,2,1,0, 3,3,6,1, 10,10,14,9, 6,7,12,11), 4, 4)
    R> print(fisher.test(Job)$p.value, digits = 15)   # 0.782684938965639
    """
    assert pvalue(JOB) == pytest.approx(0.782684938965639, rel=1e-9)


def test_r_tea_tasting():
    """R> fisher.test(TeaTasting, alternative = "two.sided")$p.value   # 0.485714285714286."""
    assert pvalue(np.array([[3, 1], [1, 3]])) == pytest.approx(0.485714285714286, rel=1e-9)


def test_r_sparse_5x7():
    """A sparse 5x7 table (n = 39).

    R> x <- matrix(c(1,2,2,1,1,0,1, 2,0,0,2,3,0,0, 0,1,1,1,2,7,3,
    R>               1,1,2,0,0,0,1, 0,1,1,1,1,0,0), 5, 7, byrow = TRUE)
    R> print(fisher.test(x)$p.value, digits = 15)   # 0.0392896436553323
    """
    assert pvalue(TABLE_5X7) == pytest.approx(0.0392896436553323, rel=1e-9)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # R> print(fisher.test(rbind(c(76,6,4), c(17,15,12)))$p.value, digits = 15)
        ([[76, 6, 4], [17, 15, 12]], 2.19069202458859e-08),
        # R> print(fisher.test(rbind(c(53,28,5), c(10,22,12)))$p.value, digits = 15)
        ([[53, 28, 5], [10, 22, 12]], 1.59411490223781e-05),
        # R> print(fisher.test(rbind(c(89,15,1), c(88,46,5)))$p.value, digits = 15)
        ([[89, 15, 1], [88, 46, 5]], 0.000507503771667064),
    ],
)
def test_r_report_tables(table: list[list[int]], expected: float):
    """Tables 3 and 5 of the report agree with R's fisher.test."""
    assert pvalue(np.array(table)) == pytest.approx(expected, rel=1e-9)


# Seeded random sparse tables (zero cells included), generated and tested in R:
# R> set.seed(20261128); i <- 0
# R> while (i < 34) {
# R>   r <- sample(2:5, 1); c <- sample(2:7, 1); n <- sample(10:60, 1)
# R>   p <- rgamma(r * c, 0.6); x <- matrix(rmultinom(1, n, p / sum(p)), r, c)
# R>   if (any(rowSums(x) == 0) || any(colSums(x) == 0)) next
# R>   pv <- tryCatch(fisher.test(x, workspace = 2e6)$p.value, error = function(e) NA)
# R>   if (is.na(pv)) next
# R>   i <- i + 1; print(x); print(pv, digits = 15)
# R> }
R_RANDOM = [
    ([[3, 4, 5], [13, 0, 1]], 0.000780724188989085),
    ([[2, 2, 3, 3], [0, 0, 0, 1], [0, 2, 0, 2]], 0.771428571428575),
    ([[5, 3], [5, 2], [4, 16]], 0.018194245985512),
    ([[6, 2, 1], [1, 6, 1], [3, 1, 1], [7, 0, 6]], 0.00566261415266898),
    ([[4, 1, 0, 0, 5, 0, 5], [5, 8, 2, 3, 3, 1, 7]], 0.207596129726558),
    ([[4, 2, 3, 1, 0], [7, 2, 11, 4, 3], [2, 5, 2, 3, 0], [0, 0, 5, 0, 3]], 0.0307886770169551),
    ([[4, 2], [1, 1], [0, 3]], 0.220779220779221),
    (
        [[0, 1, 4, 0, 1], [0, 0, 0, 1, 0], [3, 1, 1, 0, 4], [5, 0, 0, 0, 0], [4, 1, 1, 0, 1]],
        0.0103545866269058,
    ),
    ([[4, 2, 2, 0, 0], [1, 7, 0, 2, 4], [0, 2, 0, 1, 0]], 0.0323505182393318),
    (
        [
            [2, 6, 4, 0, 1, 1],
            [0, 2, 6, 0, 0, 1],
            [2, 1, 0, 10, 1, 0],
            [0, 1, 1, 1, 2, 0],
            [0, 0, 0, 0, 1, 0],
        ],
        8.29933707214741e-06,
    ),
    ([[6, 18], [3, 6], [1, 0]], 0.262278348491792),
    (
        [[3, 0, 1, 0, 0], [0, 5, 0, 5, 0], [0, 3, 0, 1, 4], [3, 0, 2, 3, 1], [3, 0, 2, 5, 1]],
        0.000423185322852554,
    ),
    ([[2, 11, 12, 8, 1, 2], [0, 0, 0, 19, 2, 2]], 7.27476367146773e-07),
    (
        [[6, 2, 1, 0, 0], [2, 1, 0, 1, 5], [3, 4, 1, 3, 0], [1, 1, 1, 1, 3], [4, 3, 0, 9, 0]],
        0.00124998228821925,
    ),
    (
        [[1, 0, 8, 0, 0], [3, 0, 4, 1, 0], [3, 0, 0, 4, 1], [3, 1, 0, 0, 0], [0, 1, 1, 0, 0]],
        0.00032912595697016,
    ),
    ([[4, 7], [2, 1]], 0.538461538461538),
    ([[0, 7, 3, 1], [0, 0, 0, 1], [2, 0, 0, 0], [1, 6, 0, 0], [2, 0, 2, 4]], 0.000288849285751762),
    (
        [[1, 2, 1, 0, 0, 7, 0], [1, 0, 2, 0, 3, 0, 7], [0, 1, 3, 3, 5, 4, 3], [0, 0, 4, 2, 0, 5, 1]],
        0.000466291871539322,
    ),
    ([[0, 0, 1, 8], [1, 5, 1, 0], [0, 0, 6, 0]], 4.59246167098678e-07),
    ([[7, 3, 0], [8, 2, 3], [32, 3, 1]], 0.0328108602199302),
    ([[2, 1, 3, 5, 2, 3], [1, 1, 12, 4, 0, 4]], 0.164238434873058),
    ([[0, 3, 7], [7, 4, 0], [0, 3, 0], [12, 2, 3]], 2.01305822043407e-05),
    ([[0, 0, 0, 3], [0, 4, 1, 5], [1, 0, 0, 2]], 0.31893106893107),
    (
        [[0, 1, 1, 0, 0, 4], [0, 3, 0, 0, 0, 5], [2, 2, 0, 3, 0, 0], [2, 0, 0, 0, 4, 2]],
        0.000399582072817853,
    ),
    ([[0, 0, 4, 4], [1, 2, 0, 7], [3, 19, 10, 2]], 1.11532328555226e-05),
    ([[1, 0, 0, 0], [0, 4, 4, 0], [10, 1, 2, 14], [4, 2, 5, 3], [5, 3, 0, 0]], 2.31421190573814e-05),
    ([[1, 2, 0, 1], [0, 1, 0, 13], [2, 1, 14, 3]], 3.35841417847103e-07),
    ([[3, 13, 0, 3], [4, 0, 5, 0], [0, 0, 0, 5]], 4.07874055361164e-08),
    ([[0, 1, 1, 0, 4], [1, 2, 4, 6, 3]], 0.202953908836258),
    (
        [[3, 1, 1, 0, 6, 2, 0], [0, 3, 4, 4, 7, 0, 0], [2, 0, 0, 1, 4, 0, 3], [0, 5, 2, 0, 7, 2, 0]],
        0.00611342971597291,
    ),
    ([[0, 3, 0, 0], [0, 0, 0, 6], [1, 3, 2, 0], [2, 4, 1, 1]], 0.00203889650407593),
    ([[1, 4, 29], [11, 1, 8]], 2.10840033451717e-05),
    (
        [[0, 1, 2, 5, 0], [0, 1, 3, 6, 0], [2, 1, 4, 2, 0], [0, 2, 0, 1, 7], [2, 5, 3, 0, 1]],
        5.58621899860816e-05,
    ),
    ([[1, 0], [1, 0], [0, 1], [1, 0], [3, 3]], 0.999999999999999),
]


@pytest.mark.parametrize(("table", "expected"), R_RANDOM)
def test_r_seeded_random_tables(table: list[list[int]], expected: float):
    """34 seeded random sparse tables (2x2 up to 5x7) agree with R's fisher.test to 1e-9."""
    assert pvalue(np.array(table)) == pytest.approx(expected, rel=1e-9)


# The benchmark's random tables (numpy seed 20_240_601) that R solves with its default workspace:
R_BENCH = [
    # R> print(fisher.test(matrix(c(2,4,0,2,4,1,5,7,11,6,27,1), 4, 3))$p.value, digits = 17)
    ([[2, 4, 11], [4, 1, 6], [0, 5, 27], [2, 7, 1]], 3.245623916157463e-05),
    # R> print(fisher.test(matrix(c(1,2,1,12,0,4,4,0,0,6,7,16,14,0), 2, 7))$p.value, digits = 17)
    ([[1, 1, 0, 4, 0, 7, 14], [2, 12, 4, 0, 6, 16, 0]], 4.933509214164917e-09),
    # R> print(fisher.test(matrix(c(5,2,8,12,7,17,9,0,1), 3, 3))$p.value, digits = 17)
    ([[5, 12, 9], [2, 7, 0], [8, 17, 1]], 0.026969147677938374),
    # R> print(fisher.test(matrix(c(1,6,13,2,4,62,4,7), 2, 4))$p.value, digits = 17)
    ([[1, 13, 4, 4], [6, 2, 62, 7]], 1.024648973382238e-09),
    # R> print(fisher.test(matrix(c(0,33,7,4,17,2,6,0,27,6,1,11,5,4), 2, 7))$p.value, digits = 17)
    ([[0, 7, 17, 6, 27, 1, 5], [33, 4, 2, 0, 6, 11, 4]], 5.2878871100928105e-18),
    # R> print(fisher.test(matrix(c(4,6,10,0,61,2,5,11,78), 3, 3))$p.value, digits = 17)
    ([[4, 0, 5], [6, 61, 11], [10, 2, 78]], 5.874072269609399e-30),
]


@pytest.mark.parametrize(("table", "expected"), R_BENCH)
def test_r_benchmark_tables(table: list[list[int]], expected: float):
    """The benchmark's random tables agree with R's fisher.test to 1e-9."""
    assert pvalue(np.array(table)) == pytest.approx(expected, rel=1e-9)


# -- agreement with independent computations ----------------------------------------


@given(sparse_tables(max_rows=4, max_cols=4, max_n=30))
def test_agrees_with_oracle(table: np.ndarray):
    """Up to 4x4 with n <= 30 the network algorithm equals the column enumerator."""
    assert pvalue(table) == pytest.approx(fisher_exact_rxc_oracle(table), rel=1e-9)


@pytest.mark.parametrize(
    ("small", "halves", "listed"),
    [(0, 0, 0), (10**9, 0, 0), (0, 10**9, 0), (0, 0, 10**9)],
    ids=["network", "enumerate", "two-row-join", "listers"],
)
@settings(max_examples=60)
@given(table=sparse_tables(max_rows=4, max_cols=4, max_n=24))
def test_each_path_agrees_with_oracle(small: int, halves: int, listed: int, table: np.ndarray):
    """Forced through the network algorithm (no shortcut for small tables), the bound-free
    enumeration, the two-row join or the listers of tiny tables (a two-row grid, every table
    cell by cell), every table still equals the column enumerator."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_exact, "_SMALL", small)
        mp.setattr(_exact, "_HALVES", halves)
        mp.setattr(_exact, "_GRID", listed)
        mp.setattr(_exact, "_PLAIN", listed)
        got = exact_pvalue(table, limit=EXACT_LIMIT)
    assert got == pytest.approx(fisher_exact_rxc_oracle(table), rel=1e-9)


@given(
    terms=st.lists(st.floats(1e-300, 1.0), min_size=1, max_size=60),
    cuts=st.lists(st.integers(1, 59), max_size=6),
    empty=st.integers(0, 2),
    wide=st.booleans(),
    picks=st.lists(st.integers(0, 10**6), min_size=1, max_size=8),
)
def test_segment_cumsum_restarts_at_each_segment(terms, cuts, empty, wide, picks):
    """Each segment's running sums, read at the positions asked for (any, in any order), equal
    numpy.cumsum of that segment alone (padded or looped); empty segments (a cut repeated, or
    *empty* of them at the start) hold no term."""
    x = np.asarray(terms)
    starts = np.asarray(sorted([0] * (empty + 1) + [c for c in cuts if c < x.size]), dtype=np.int64)
    if wide:  # ten short segments then one of 70,000: padding would be too big, so one by one
        x = np.concatenate([np.full(10, 0.5), x, np.full(70_000, 1e-3)])
        starts = np.concatenate([np.arange(10), starts + 10])
    sizes = np.diff(np.append(starts, x.size))
    at = np.asarray(picks) % x.size
    got = _exact._segment_cumsum(x, sizes, at)
    bounds = [*starts.tolist(), x.size]
    want = np.concatenate([np.cumsum(x[a:b]) for a, b in itertools.pairwise(bounds)])
    np.testing.assert_allclose(got, want[at], rtol=1e-12)


@given(
    groups=st.lists(
        st.lists(st.floats(-2000.0, 2000.0), min_size=1, max_size=8).map(sorted), min_size=1, max_size=5
    ),
    data=st.data(),
    weighted=st.booleans(),
)
def test_prefix_sums_keep_every_prefix_in_range(groups, data, weighted):
    """Each prefix's sum of wt * exp(x), read as log(sums) + shift, equals the log-sum-exp of
    that prefix alone (shifted by its own largest term, so nothing underflows), even when the
    prefixes of one group end thousands of log units apart (the repeats for far prefixes)."""
    x = np.concatenate([np.asarray(g) for g in groups])
    sizes = np.asarray([len(g) for g in groups], dtype=np.int64)
    wt = np.asarray(data.draw(st.lists(st.floats(0.5, 4.0), min_size=x.size, max_size=x.size)))
    group = np.asarray(data.draw(st.lists(st.integers(0, sizes.size - 1), min_size=1, max_size=8)))
    starts = np.cumsum(sizes) - sizes
    end = starts[group] + np.asarray([data.draw(st.integers(1, int(sizes[g]))) for g in group.tolist()])
    sums, shift = _exact._prefix_sums(x, wt if weighted else None, sizes, group, end)
    for r, (g, e) in enumerate(zip(group.tolist(), end.tolist(), strict=True)):
        a = int(starts[g])
        w = wt[a:e] if weighted else np.ones(e - a)
        top = x[e - 1]
        want = top + np.log(np.sum(w * np.exp(x[a:e] - top)))
        assert np.log(sums[r]) + shift[r] == pytest.approx(want, rel=1e-12, abs=1e-9)


def test_join_keeps_past_paths_far_above_their_nodes_least():
    """Two-row tables of n = 2,400 and 4,000 meet in the middle: at one node, past values
    spread over more than 709 log units, which once overflowed (p = 1 was returned).

    References: the sum over every table (a numpy loop over the first cell, summing
    exp(log P) over the grid of the next two, each slice's sum added by math.fsum), and R:
    R> fisher.test(matrix(c(320,280, 310,290, 280,320, 290,310), 2))$p.value  # 0.0832380397168635
    R> fisher.test(matrix(c(520,480, 480,520, 510,490, 490,510), 2))$p.value  # 0.261376493017322
    R> fisher.test(matrix(c(560,440, 440,560, 530,470, 470,530), 2))$p.value  # 7.30427085294237e-08
    (R's sums stray by up to 1.3e-9 relative at n = 4,000; the full sum is the reference.)
    """
    cases = [
        ([[320, 310, 280, 290], [280, 290, 320, 310]], 0.08323803972022535),
        ([[520, 480, 510, 490], [480, 520, 490, 510]], 0.26137649268692403),
        ([[560, 440, 530, 470], [440, 560, 470, 530]], 7.304270843124014e-08),
    ]
    for table, want in cases:
        assert pvalue(np.array(table)) == pytest.approx(want, rel=1e-11)


@given(
    st.one_of(
        sparse_tables(min_rows=2, max_rows=2, max_cols=7, max_n=60),
        sparse_tables(min_cols=2, max_cols=2, max_rows=7, max_n=60),
    )
)
def test_two_row_and_two_column_tables(table: np.ndarray):
    """2xC and Rx2 tables equal the column enumerator."""
    assert pvalue(table) == pytest.approx(fisher_exact_rxc_oracle(table), rel=1e-9)


@given(sparse_tables(max_rows=2, max_cols=2, max_n=80))
def test_2x2_agrees_with_scipy(table: np.ndarray):
    """On 2x2 tables the p-value equals scipy.stats.fisher_exact (two-sided)."""
    assert pvalue(table) == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)


# -- properties ---------------------------------------------------------------------


@given(sparse_tables(max_rows=5, max_cols=5, max_n=40), st.randoms(use_true_random=False))
def test_pvalue_in_unit_interval_and_invariant(table: np.ndarray, rnd: object):
    """p lies in (0, 1] and does not change under row or column permutation or transposition."""
    p = pvalue(table)
    assert 0.0 < p <= 1.0
    rows = list(range(table.shape[0]))
    cols = list(range(table.shape[1]))
    rnd.shuffle(rows)  # type: ignore[attr-defined]
    rnd.shuffle(cols)  # type: ignore[attr-defined]
    assert pvalue(table[rows][:, cols]) == pytest.approx(p, rel=1e-9)
    assert pvalue(table.T) == pytest.approx(p, rel=1e-9)


def test_zero_cells():
    """A table with zero cells (but no empty margin) matches the oracle."""
    table = np.array([[0, 3, 0, 2], [4, 0, 0, 1], [0, 1, 5, 0]])
    assert pvalue(table) == pytest.approx(fisher_exact_rxc_oracle(table), rel=1e-9)


def test_chi_square_exact_uses_it():
    """chi_square(method="exact") reports the same p-value as fisher_exact_rxc."""
    res = chi_square(JOB, method="exact")
    assert res.pvalue == fisher_exact_rxc(JOB) == pytest.approx(0.782684938965639, rel=1e-9)


def test_most_extreme_table():
    """A most extreme table counts itself and its mirror image: p = 2 / C(10, 5)."""
    assert pvalue(np.array([[5, 0], [0, 5]])) == pytest.approx(2 / 252, rel=1e-9)


@pytest.mark.parametrize("table", [[[1, 2, 3]], [[1], [2], [3]], [[7]]])
def test_single_row_or_column(table: list[list[int]]):
    """A 1xC or Rx1 table is the only table with its margins: p = 1 (as fisher_exact_rxc did)."""
    assert fisher_exact_rxc(table) == 1.0


# -- the work limit ------------------------------------------------------------------


def test_large_table_raises_quickly():
    """A 5x5 table of 200s exceeds the default limit and says so within seconds."""
    start = time.perf_counter()
    pattern = rf"more than {EXACT_LIMIT:,} .* 5x5 table with n = 5000.*monte-carlo"
    with pytest.raises(TableTooLargeError, match=pattern):
        fisher_exact_rxc(np.full((5, 5), 200))
    assert time.perf_counter() - start < 5


def test_limit_message_names_shape_n_and_limit():
    """The error names the table's shape, its n and the limit, and suggests the alternatives."""
    pattern = r"more than 10 partial tables .* 4x4 table with n = 96"
    with pytest.raises(TableTooLargeError, match=pattern):
        fisher_exact_rxc(JOB, limit=10)
    with pytest.raises(TableTooLargeError, match="exact_limit"):
        fisher_exact_rxc(JOB, limit=10)


def test_unpacked_fallbacks_agree(monkeypatch: pytest.MonkeyPatch):
    """With key packing disabled (values too spread), lexsort and node-by-node search agree with R."""
    monkeypatch.setattr(_exact, "_PACK_BOUND", 1)
    assert pvalue(TABLE_5X7) == pytest.approx(0.0392896436553323, rel=1e-9)
    for table, expected in R_RANDOM[:12]:
        assert pvalue(np.array(table)) == pytest.approx(expected, rel=1e-9)


def test_two_row_enumeration_respects_limit():
    """A small two-row table is enumerated directly, but still within the limit."""
    table = np.array([[76, 6, 4], [17, 15, 12]])  # 374 tables with these margins
    assert pvalue(table, limit=400) == pytest.approx(2.19069202458859e-08, rel=1e-9)
    with pytest.raises(TableTooLargeError, match=r"more than 100 partial tables .* 2x3 table"):
        pvalue(table, limit=100)


@pytest.mark.parametrize("full_arcs", [0, 10**7])
def test_built_and_lazy_networks_agree(monkeypatch: pytest.MonkeyPatch, full_arcs: int):
    """Whether the whole network is built up front or only the reached nodes' arcs, p is R's."""
    monkeypatch.setattr(_exact, "_FULL_ARCS", full_arcs)
    assert pvalue(JOB) == pytest.approx(0.782684938965639, rel=1e-9)
    assert pvalue(TABLE_5X7) == pytest.approx(0.0392896436553323, rel=1e-9)
    for table, expected in R_RANDOM[:12]:
        assert pvalue(np.array(table)) == pytest.approx(expected, rel=1e-9)


def test_r_two_row_sparse_table():
    """A sparse 2x7 table on which the column-enumerator oracle is off by 1.1e-9 (R agrees with us).

    R> x <- rbind(c(2,0,5,0,2,0,2), c(0,1,0,1,0,1,0))
    R> print(fisher.test(x)$p.value, digits = 17)   # 0.027472527472527524
    """
    table = np.array([[2, 0, 5, 0, 2, 0, 2], [0, 1, 0, 1, 0, 1, 0]])
    assert pvalue(table) == pytest.approx(0.027472527472527524, rel=1e-9)


@pytest.mark.parametrize("span", [50, 10**9, 2**62 - 1], ids=["table", "packed", "argsort"])
@given(keys=st.lists(st.integers(0, 49), min_size=1, max_size=300))
def test_unique_agrees_with_numpy_on_every_path(span, keys):
    """_unique gives numpy.unique's values and inverse, by the lookup table and both sorts."""
    key = np.asarray(keys, dtype=np.int64) * (span // 50)
    uniq, inv = _exact._unique(key, span)
    want, want_inv = np.unique(key, return_inverse=True)
    np.testing.assert_array_equal(uniq, want)
    np.testing.assert_array_equal(inv, want_inv.reshape(-1))
