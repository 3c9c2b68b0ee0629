"""Tests for the exact test's network helpers (safecore.stats._exact), each against a brute force.

The end-to-end p-values are checked against R and an enumeration in ``test_exact.py``; these
tests pin what each helper returns, so that a change that leaves the p-value right only by
luck (or only slower) is still seen. Every expected value is a plain Python enumeration, a
numpy one-liner or hand arithmetic; none comes from the code under test.
"""

from __future__ import annotations

import collections
import itertools
import math
import platform
import re
import subprocess
import sys
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.special import gammaln

from safecore import TableTooLargeError
from safecore.stats import _exact
from safecore.stats._exact import _Budget, _Network
from tests.exact_oracle import _tables, fisher_exact_rxc_oracle

LF = gammaln(np.arange(200, dtype=np.float64) + 1.0)  # log factorials, 0! to 199!
GRID, PLAIN = _exact._GRID, _exact._PLAIN  # the listers' caps (switched off below)


@pytest.fixture(scope="module", autouse=True)
def _listers_off() -> Iterator[None]:
    """Switch off the listers of tiny tables (``_two_row_grid``, ``_tables``).

    They come first, and would take most of the small tables these tests use
    to reach the paths behind them; their own tests switch them back on.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_exact, "_GRID", 0)
        mp.setattr(_exact, "_PLAIN", 0)
        yield


def budget(limit: int = 10**9) -> _Budget:
    return _Budget(limit, (3, 3), 30)


def fillings(caps: list[int], total: int) -> list[tuple[int, ...]]:
    """Every vector 0 <= x <= caps with sum total, in lexicographic order."""
    return [x for x in itertools.product(*(range(c + 1) for c in caps)) if sum(x) == total]


# -- the work limit ----------------------------------------------------------------------------


def test_budget_allows_the_limit_and_refuses_one_more():
    """check(count) passes up to the limit itself and names limit, shape and n beyond it."""
    b = _Budget(1000, (2, 3), 12)
    b.check(1000)
    with pytest.raises(TableTooLargeError) as caught:
        b.check(1001)
    assert str(caught.value) == (
        "the exact test would hold more than 1,000 partial tables (network nodes, arcs and past "
        "paths) for this 2x3 table with n = 12; use method='monte-carlo' or raise exact_limit"
    )


_FAULTS = """
import resource
import numpy as np
from safecore.stats._exact import exact_pvalue
job = np.array([[1, 2, 1, 0], [3, 3, 6, 1], [10, 10, 14, 9], [6, 7, 12, 11]]).T
exact_pvalue(job, limit=10**7)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    exact_pvalue(job, limit=10**7)
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 5)
"""


@pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc thresholds"
)
def test_repeated_calls_keep_their_memory():
    """In a fresh process, after one call on R's Job table, each further call takes few fresh
    pages from the system (glibc keeps the freed heap once _keep_heap has raised its
    thresholds); without it each call faulted in about a thousand pages."""
    done = subprocess.run(
        [sys.executable, "-c", _FAULTS], capture_output=True, text=True, check=True
    )
    assert float(done.stdout) < 100


# -- small array helpers -----------------------------------------------------------------------


@given(st.lists(st.integers(0, 5), min_size=1, max_size=30))
def test_starts_are_the_first_position_of_each_value(values):
    """_starts of a sorted array: position 0 and every position whose value differs from the last."""
    a = np.sort(np.asarray(values, dtype=np.int64))
    want = [i for i in range(a.size) if i == 0 or a[i] != a[i - 1]]
    assert _exact._starts(a).tolist() == want


@given(st.lists(st.integers(0, 4), min_size=1, max_size=12))
def test_ranges_number_each_items_children(counts):
    """_ranges: child j of item i has item i and step j, items in order."""
    item, step = _exact._ranges(np.asarray(counts, dtype=np.int64))
    pairs = [(i, j) for i, c in enumerate(counts) for j in range(c)]
    assert list(zip(item.tolist(), step.tolist(), strict=True)) == pairs


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6, 7])
def test_sort_columns_sorts_each_column(k):
    """Every column is sorted ascending, in place, for each number of rows (networks up to 6)."""
    rng = np.random.default_rng(k)
    for _ in range(20):
        a = rng.integers(0, 9, size=(k, 40))
        want = np.sort(a, axis=0)
        got = _exact._sort_columns(a)
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(a, want)  # in place


@given(st.lists(st.integers(0, 5), min_size=1, max_size=4), st.integers(0, 12))
def test_half_fillings_list_every_filling_up_to_the_sum(cols, most):
    """Each first-row filling with sum <= most, with its sum and -sum(log x! + log (c - x)!)."""
    sums, vals = _exact._half_fillings(cols, LF, most, budget())
    got = sorted(zip(sums.tolist(), np.round(vals, 9).tolist(), strict=True))
    want = sorted(
        (
            sum(x),
            round(
                -sum(math.lgamma(v + 1) + math.lgamma(c - v + 1) for v, c in zip(x, cols, strict=True)),
                9,
            ),
        )
        for x in itertools.product(*(range(c + 1) for c in cols))
        if sum(x) <= most
    )
    assert got == want


def test_half_fillings_check_the_limit_before_each_column():
    """Listing columns (3, 3) holds 1 x 4 then 4 x 4 fillings: a limit of 15 refuses the second."""
    _exact._half_fillings([3, 3], LF, 6, _Budget(16, (2, 2), 6))
    with pytest.raises(TableTooLargeError):
        _exact._half_fillings([3, 3], LF, 6, _Budget(15, (2, 2), 6))


@pytest.mark.parametrize(
    ("cols", "rows", "want"),
    [
        ([5, 4], [3, 6], [5, 4]),  # two columns: as given
        ([9, 7, 5, 3, 1], [10, 15], [1, 3, 5, 7, 9]),  # largest 9 <= largest row 15: ascending
        ([9, 7, 5, 3, 1], [8, 8, 9], [1, 3, 5, 7, 9]),  # 9 equals the largest row: still ascending
        ([20, 7, 5, 3, 1], [12, 24], [1, 3, 5, 7, 20]),
        ([20, 7, 5, 3, 1], [17, 19], [20, 1, 3, 5, 7]),  # 20 > 19: first, the join takes 5 and 7
        ([20, 7, 5], [13, 19], [20, 5, 7]),
    ],
)
def test_column_order(cols, rows, want):
    """Smallest first, the two largest last; but the largest first if it exceeds every row sum."""
    got = _exact._column_order(np.asarray(cols, dtype=np.int64), np.asarray(rows, dtype=np.int64))
    assert got.tolist() == want


def test_finish_scales_by_the_observed_tables_probability():
    """p = total * P(observed); no tables gives 0; the sum is capped at 1.

    The 2x2 table [[3, 1], [1, 3]] has P = C(4, 3) C(4, 1) / C(8, 4) = 16/70 by hand.
    """
    rows = cols = np.array([4, 4])
    obs = -float(LF[[3, 1, 1, 3]].sum())
    assert _exact._finish(2.0, obs, LF, rows, cols, 8) == pytest.approx(32 / 70, rel=1e-12)
    assert _exact._finish(0.0, obs, LF, rows, cols, 8) == 0.0
    assert _exact._finish(-1.0, obs, LF, rows, cols, 8) == 0.0
    assert _exact._finish(5.0, obs, LF, rows, cols, 8) == 1.0


# -- filling a column --------------------------------------------------------------------------


def canonical_form(caps: tuple[int, ...], x: tuple[int, ...]) -> tuple[int, ...]:
    """x with its entries sorted ascending within each run of equal caps (caps ascending)."""
    out: list[int] = []
    for _, run in itertools.groupby(zip(caps, x, strict=True), key=lambda pair: pair[0]):
        out += sorted(v for _, v in run)
    return tuple(out)


@given(
    st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=5), min_size=1, max_size=4).filter(
        lambda s: len({len(r) for r in s}) == 1
    ),
    st.integers(0, 10),
)
def test_canonical_fillings_stand_for_their_permutations(states, column):
    """Under each node (sums ascending, ties common), the canonical fillings are the fillings
    ascending within each run of equal sums, and each one's multiplicity is the number of
    fillings it stands for (counted by brute force)."""
    states = [sorted(r) for r in states]
    column = min(column, *(sum(r) for r in states))
    s = np.asarray(states, dtype=np.int64)
    parent, cells = _exact._fill(s, column, budget())
    mult = _exact._permutations(s, parent, cells)
    got = sorted(zip(parent.tolist(), map(tuple, cells.T.tolist()), mult.tolist(), strict=True))
    want = sorted(
        (i, x, float(n))
        for i, caps in enumerate(states)
        for x, n in collections.Counter(
            canonical_form(tuple(caps), x) for x in fillings(caps, column)
        ).items()
    )
    assert got == want


def test_fill_checks_the_limit_on_partial_fillings():
    """Filling 4 under (3, 4, 5) holds 4 partial fillings (the first cell 0 to 3), then
    5 + 4 + 3 + 2 = 14 (the second cell 0 to 4 - x1): 14 passes, 13 is refused."""
    states = np.array([[3, 4, 5]])
    _exact._fill(states, 4, _Budget(14, (3, 3), 12))
    with pytest.raises(TableTooLargeError):
        _exact._fill(states, 4, _Budget(13, (3, 3), 12))


# -- grouping paths ----------------------------------------------------------------------------


def group_oracle(keys, val, wt):
    """Groups of equal key and equal value on the 2**-32 grid: first item, key, summed weight."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, (k, v) in enumerate(zip(keys.tolist(), val.tolist(), strict=True)):
        groups.setdefault((k, round(v * 2**32)), []).append(i)
    out = sorted(groups.items())
    return (
        [items[0] for _, items in out],
        [k for (k, _), _ in out],
        [math.fsum(wt[items]) for _, items in out],
    )


@pytest.mark.parametrize("spread", [1.0, 2.0**18, 2.0**27], ids=["packed", "argsort", "lexsort"])
def test_group_merges_equal_keys_and_values_on_every_path(spread):
    """_group's groups, in key then value order, on the packed sort and both fallbacks.

    Values spread over 2**18 and 2**27 log units quantise to spans that (with the keys and
    item positions) no longer fit 63 bits packed, then not even without the positions.
    """
    rng = np.random.default_rng(5)
    size = 4000
    keys = rng.integers(0, 300, size=size).astype(np.int64)
    val = rng.integers(0, 6, size=size) * (spread / 5) - 3.5
    wt = rng.random(size)
    first, gkeys, gwt = _exact._group(keys, val, wt)
    want_first, want_keys, want_wt = group_oracle(keys, val, wt)
    assert first.tolist() == want_first
    assert gkeys.tolist() == want_keys
    np.testing.assert_allclose(gwt, want_wt, rtol=1e-12)


def test_group_of_nothing_is_empty():
    """No paths: no groups (and no error from the empty min and max)."""
    first, keys, wt = _exact._group(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    assert first.size == keys.size == wt.size == 0


def test_group_merges_values_within_the_grid_only():
    """Values 2**-34 apart fall on one grid point and merge; 2**-31 apart they stay apart."""
    keys = np.array([1, 1, 1, 0])
    val = np.array([0.5, 0.5 + 2.0**-34, 0.5 + 2.0**-31, 0.5])
    first, gkeys, gwt = _exact._group(keys, val, np.array([1.0, 2.0, 4.0, 8.0]))
    assert first.tolist() == [3, 0, 2] and gkeys.tolist() == [0, 1, 1] and gwt.tolist() == [8, 3, 4]


# -- the network's nodes and bounds ------------------------------------------------------------


def test_network_keys_and_masks():
    """Sorted row sums (2, 3, 5) are keyed in mixed radix (1, 3, 12) below 12 * 6 = 72; the masks
    are every subset of the rows; beyond 10 rows there are none."""
    net = _Network(np.array([2, 3, 5]), LF, budget())
    assert net.radix.tolist() == [1, 3, 12] and net.span == 72
    assert net.masks is not None
    assert sorted(map(tuple, net.masks.tolist())) == sorted(itertools.product([0, 1], repeat=3))
    wide = _Network(np.ones(11, dtype=np.int64), LF, budget())
    assert wide.masks is None
    assert _Network(np.ones(10, dtype=np.int64), LF, budget()).masks.shape == (1024, 10)


def completions(state: list[int], cols: list[int]) -> list[float]:
    """The value -sum(log x!) of every table with row sums *state* and column sums *cols*."""
    return [-sum(math.lgamma(x + 1) for row in t for x in row) for t in _tables(list(state), list(cols))]


node_states = st.lists(st.integers(0, 5), min_size=2, max_size=4).map(sorted)


@given(node_states, st.data())
def test_two_columns_gives_the_most_and_least_probable_completion(state, data):
    """With two columns left the extremes are exact: brute force over every completion."""
    total = sum(state)
    first = data.draw(st.integers(0, total))
    net = _Network(np.asarray(state, dtype=np.int64), LF, budget())
    hi, lo = net.two_columns(np.asarray([state], dtype=np.int64), first)
    values = completions(state, [first, total - first])
    assert hi[0] == pytest.approx(max(values), abs=1e-9)
    assert lo[0] == pytest.approx(min(values), abs=1e-9)


@given(st.lists(st.integers(0, 3), min_size=2, max_size=4), st.data())
def test_two_column_mode_is_the_least_sum(state, data):
    """The least sum(log x! + log (s - x)!) over x summing to first: brute force."""
    first = data.draw(st.integers(0, sum(state)))
    got = _exact._two_column_mode(
        np.asarray([state], dtype=np.int64), np.asarray([first], dtype=np.int64), LF
    )
    want = min(
        sum(math.lgamma(x + 1) + math.lgamma(s - x + 1) for x, s in zip(xs, state, strict=True))
        for xs in fillings(state, first)
    )
    assert got[0] == pytest.approx(want, abs=1e-9)


def test_two_column_mode_moves_units_from_the_proportional_start():
    """Rows (1, 9), first 5: the proportional start (0, 4) is one short; the optimum is (1, 4).

    By hand: x = (1, 4) gives log 1! + log 0! + log 4! + log 5! = log 2880, and no other
    split of 5 is lower (x = (0, 5) gives log 1! + log 5! + log 4! = log 2880 too, a tie).
    """
    got = _exact._two_column_mode(np.array([[1, 9]]), np.array([5]), LF)
    assert got[0] == pytest.approx(math.log(2880), rel=1e-12)


@given(node_states, st.data())
def test_eleven_rows_keep_an_exact_top_and_a_lower_bound(state, data):
    """Beyond 10 rows the least probable completion is bounded (every row at its extreme)."""
    rows = [0] * (11 - len(state)) + state
    total = sum(rows)
    first = data.draw(st.integers(0, total))
    net = _Network(np.asarray(rows, dtype=np.int64), LF, budget())
    hi, lo = net.two_columns(np.asarray([rows], dtype=np.int64), first)
    values = completions(state, [first, total - first])
    assert hi[0] == pytest.approx(max(values), abs=1e-9)
    assert lo[0] == pytest.approx(-sum(math.lgamma(s + 1) for s in rows), abs=1e-9)
    assert lo[0] <= min(values) + 1e-9


@given(node_states, st.lists(st.integers(0, 4), min_size=1, max_size=4), st.data())
def test_bounds_are_the_exact_extremes_over_every_completion(state, cols, data):
    """bounds(): the longest and shortest path to the end, for one to four columns left."""
    total = sum(state)
    if total == 0:
        cols = [0]
    else:
        cuts = sorted(
            data.draw(st.lists(st.integers(0, total), min_size=len(cols) - 1, max_size=len(cols) - 1))
        )
        cols = [b - a for a, b in itertools.pairwise([0, *cuts, total])]
    desc = sorted(cols, reverse=True)
    net = _Network(np.asarray(state, dtype=np.int64), LF, budget())
    hi, lo = net.bounds(np.asarray([state], dtype=np.int64), np.asarray(desc, dtype=np.int64))
    values = completions(state, desc)
    assert hi[0] == pytest.approx(max(values), abs=1e-9)
    assert lo[0] == pytest.approx(min(values), abs=1e-9)


def test_built_network_bounds_match_brute_force():
    """build(): every node's longest and shortest completion, level by level, is the brute force."""
    rows = np.array([2, 3, 4])
    cols = np.array([1, 2, 2, 4])  # filled in this order, the last two joined
    net = _Network(rows, LF, budget())
    built = net.build(cols)
    assert built is not None
    _, his, los = built
    for j, states in enumerate(net.states):
        left = cols[j:].tolist()
        for node, state in enumerate(states.tolist()):
            values = completions(state, left)
            assert his[j][node] == pytest.approx(max(values), abs=1e-9), (j, state)
            assert los[j][node] == pytest.approx(min(values), abs=1e-9), (j, state)


def test_build_gives_up_beyond_the_full_network_cap(monkeypatch: pytest.MonkeyPatch):
    """A network holding more than _FULL_ARCS arcs and nodes is not built (None)."""
    rows, cols = np.array([2, 3, 4]), np.array([1, 2, 2, 4])
    monkeypatch.setattr(_exact, "_FULL_ARCS", 3)
    assert _Network(rows, LF, budget()).build(cols) is None


def test_exact_pvalue_names_the_original_shape():
    """The limit error names the table as given (3x2), though it is transposed inside."""
    table = np.array([[5, 4], [3, 6], [4, 5]])
    with pytest.raises(TableTooLargeError, match=re.escape("for this 3x2 table with n = 27")):
        _exact.exact_pvalue(table, limit=1)


# -- the listers of tiny tables ----------------------------------------------------------------


def _relative_sum(values: list[float], table: np.ndarray) -> float:
    """Sum of exp(v - obs) over the values v no more probable than the table (R's tolerance)."""
    obs = -float(LF[table].sum())
    cutoff = obs + math.log1p(1e-7)
    return math.fsum(math.exp(v - obs) for v in values if v <= cutoff)


def _obs_cutoff(table: np.ndarray) -> tuple[float, float]:
    obs = -float(LF[table].sum())
    return obs, obs + math.log1p(1e-7)


@settings(max_examples=100)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), min_size=2, max_size=5))
def test_two_row_grid_equals_the_brute_force(cells: list[tuple[int, int]]):
    """Every first row listed (itertools.product of each column's cells, kept when they sum to
    the row's sum): the grid's relative sum is the brute force's, whichever row is first."""
    table = np.array(cells, dtype=np.int64).T
    assume(table.sum(axis=0).all() and table.sum(axis=1).all())
    cols = table.sum(axis=0).tolist()
    for r0 in table.sum(axis=1).tolist():
        values = [
            -sum(LF[x] + LF[c - x] for x, c in zip(row, cols, strict=True)) for row in fillings(cols, r0)
        ]
        obs, cutoff = _obs_cutoff(table)
        got = _exact._two_row_grid(r0, np.array(cols[::-1]), LF, obs, cutoff, budget())
        assert got == pytest.approx(_relative_sum(values, table), rel=1e-12)


def test_two_row_grid_refuses_a_grid_over_its_cap():
    """Columns 3, 4, 9 and a first row of 5: the grid spans the two smaller columns, cells up to
    min(c, 5): 4 x 5 = 20 points. Under a limit of 20 it lists them; under 19 it returns None.
    With a first row of 2 the cells stop at 2: 3 x 3 = 9 points."""
    table = np.array([[1, 2, 2], [2, 2, 7]])  # columns 3, 4, 9; rows 5, 11
    obs, cutoff = _obs_cutoff(table)
    cols = np.array([9, 4, 3])
    assert _exact._two_row_grid(5, cols, LF, obs, cutoff, budget(20)) is not None
    assert _exact._two_row_grid(5, cols, LF, obs, cutoff, budget(19)) is None
    assert _exact._two_row_grid(2, cols, LF, obs, cutoff, budget(9)) is not None
    assert _exact._two_row_grid(2, cols, LF, obs, cutoff, budget(8)) is None


@pytest.mark.parametrize(("limit", "tried"), [(19, False), (20, True)])
def test_two_row_grid_is_not_started_past_its_bound(
    monkeypatch: pytest.MonkeyPatch, limit: int, tried: bool
):
    """Columns 3, 4, 9 and a first row of 5: before the second column (5 cells) the grid holds
    min(4, comb(6, 1)) = 4 fillings, so it can grow to 4 x 5 = 20 points. Under a limit of 19
    no grid is started; under 20 it is, and lists the tables."""
    table = np.array([[1, 2, 2], [2, 2, 7]])
    obs, cutoff = _obs_cutoff(table)
    started: list[int] = []
    real = _exact._half_fillings
    monkeypatch.setattr(_exact, "_half_fillings", lambda *a: started.append(1) or real(*a))
    got = _exact._two_row_grid(5, np.array([9, 4, 3]), LF, obs, cutoff, budget(limit))
    assert (got is not None) == tried
    assert started == ([1] if tried else [])


@settings(max_examples=200)
@given(
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 6)), min_size=2, max_size=8),
    st.integers(1, 200),
)
def test_two_row_grid_declines_before_its_budget_can_refuse(
    cells: list[tuple[int, int]], limit: int
):
    """Whatever the limit, the grid returns None or the sum; it never starts a grid that
    _half_fillings then refuses (its bound is never below what the grid holds)."""
    table = np.array(cells, dtype=np.int64).T
    assume(table.sum(axis=0).all() and table.sum(axis=1).all())
    obs, cutoff = _obs_cutoff(table)
    cols = np.sort(table.sum(axis=0))[::-1]
    for r0 in table.sum(axis=1).tolist():
        _exact._two_row_grid(r0, cols, LF, obs, cutoff, budget(limit))  # no TableTooLargeError


def test_two_row_grid_drops_fillings_past_the_row_as_it_grows():
    """Columns 5, 5, 5, 9 and a first row of 2: cells up to 2 in the three smaller columns span
    27 points, but fillings past 2 are dropped as the grid grows: 3 points, then 3 x 3 = 9 (6
    kept, sums 0 to 2: comb(2 + 2, 2)), then 6 x 3 = 18. Under a limit of 18 it lists them (the
    brute force's sum); under 17 it returns None."""
    table = np.array([[1, 1, 0, 0], [4, 4, 5, 9]])  # columns 5, 5, 5, 9; rows 2, 22
    obs, cutoff = _obs_cutoff(table)
    cols = np.array([9, 5, 5, 5])
    values = [
        -sum(LF[x] + LF[c - x] for x, c in zip(row, [5, 5, 5, 9], strict=True))
        for row in fillings([5, 5, 5, 9], 2)
    ]
    got = _exact._two_row_grid(2, cols, LF, obs, cutoff, budget(18))
    assert got == pytest.approx(_relative_sum(values, table), rel=1e-12)
    assert _exact._two_row_grid(2, cols, LF, obs, cutoff, budget(17)) is None


def test_fillings_bound_by_hand():
    """Rows 2, 3, 4 and columns 1, 2, 2 (and 4, last, not counted): a column of sum c has at
    most comb(c + 2, 2) fillings of 3 rows and at most (min(2, c) + 1)(min(3, c) + 1) (the
    largest row fixed by the rest): 3, 6 and 6, so 108."""
    assert _exact._fillings_bound(np.array([2, 3, 4]), np.array([1, 2, 2, 4])) == 3 * 6 * 6
    # one row: a column has one filling; comb(c + 0, 0) = 1
    assert _exact._fillings_bound(np.array([7]), np.array([3, 4])) == 1
    # rows 1 and 9, column 5: comb(6, 1) = 6 against min(1, 5) + 1 = 2
    assert _exact._fillings_bound(np.array([9, 1]), np.array([5, 5])) == 2


def test_filling_bounds_by_hand():
    """Column 2 under nodes (0, 2, 3), (1, 1, 3), (1, 2, 2) and (2, 2, 5): the two smaller rows
    allow (0 + 1)(2 + 1) = 3, 2 x 2 = 4, 2 x 3 = 6 and 3 x 3 = 9 fillings, and no column of 2
    fills 3 rows more than comb(4, 2) = 6 ways: 3, 4, 6, 6."""
    states = np.array([[0, 2, 3], [1, 1, 3], [1, 2, 2], [2, 2, 5]])
    assert _exact._filling_bounds(states, 2).tolist() == [3, 4, 6, 6]


@settings(max_examples=100)
@given(
    st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=4), min_size=1, max_size=4).filter(
        lambda s: len({len(r) for r in s}) == 1
    ),
    st.integers(0, 8),
)
def test_filling_bounds_are_at_least_the_fillings(states, column):
    """Under each node (row sums ascending) the bound is never below the number of fillings."""
    states = [sorted(r) for r in states]
    got = _exact._filling_bounds(np.asarray(states, dtype=np.int64), column)
    assert all(b >= len(fillings(caps, column)) for b, caps in zip(got.tolist(), states, strict=True))


@given(st.lists(st.integers(0, 30), min_size=1, max_size=6), st.integers(0, 40))
def test_fillings_bound_takes_the_filling_bounds_factor_per_column(rows, column):
    """The tables' bound (Python integers) has, for each column, the factor _filling_bounds
    (numpy, per node) gives under the sorted row sums."""
    got = _exact._fillings_bound(np.array(rows), np.array([column, 0]))
    want = _exact._filling_bounds(np.array([sorted(rows)]), column)[0]
    assert got == want


@settings(max_examples=100)
@given(st.data())
def test_fillings_bound_is_at_least_the_number_of_tables(data: st.DataObject):
    """The bound is never below the count of tables the oracle lists."""
    r, c = data.draw(st.integers(2, 4)), data.draw(st.integers(2, 4))
    cells = data.draw(st.lists(st.integers(0, 2), min_size=r * c, max_size=r * c))
    table = np.array(cells, dtype=np.int64).reshape(r, c)
    assume(table.sum(axis=0).all() and table.sum(axis=1).all() and table.sum() <= 16)
    rows, cols = table.sum(axis=1), np.sort(table.sum(axis=0))
    count = sum(1 for _ in _tables(rows.tolist(), cols.tolist()))
    assert _exact._fillings_bound(rows, cols) >= count


@settings(max_examples=100)
@given(st.data())
def test_every_table_equals_the_brute_force(data: st.DataObject):
    """Tables of 2 to 4 rows and 2 to 5 columns, listed cell by cell: the relative sum over them
    is the oracle's, over its own list of tables."""
    r, c = data.draw(st.integers(2, 4)), data.draw(st.integers(2, 5))
    cells = data.draw(st.lists(st.integers(0, 2), min_size=r * c, max_size=r * c))
    table = np.array(cells, dtype=np.int64).reshape(r, c)
    assume(table.sum(axis=0).all() and table.sum(axis=1).all() and table.sum() <= 16)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    values = [-float(LF[np.array(t)].sum()) for t in _tables(rows.tolist(), cols.tolist())]
    obs, cutoff = _obs_cutoff(table)
    got = _exact._every_table(rows, cols, LF, obs, cutoff, budget())
    assert got == pytest.approx(_relative_sum(values, table), rel=1e-12)


def test_every_table_refuses_a_bound_over_its_cap():
    """Rows 2, 3, 4, columns 1, 2, 2, 4: bound 108 (above). Under a limit of 108 the tables are
    listed; under 107 it returns None."""
    table = np.array([[0, 1, 0, 1], [1, 0, 1, 1], [0, 1, 1, 2]])
    obs, cutoff = _obs_cutoff(table)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    assert _exact._every_table(rows, cols, LF, obs, cutoff, budget(108)) is not None
    assert _exact._every_table(rows, cols, LF, obs, cutoff, budget(107)) is None


@pytest.mark.parametrize(
    ("table", "expected", "forbidden"),
    [
        # R> print(fisher.test(rbind(c(76, 6, 4), c(17, 15, 12)))$p.value, digits = 17)
        ([[76, 6, 4], [17, 15, 12]], 2.19069202458859e-08, ("_every_table", "_Network")),
        # R> print(fisher.test(matrix(c(5,2,8,12,7,17,9,0,1), 3, 3))$p.value, digits = 17)
        ([[5, 12, 9], [2, 7, 0], [8, 17, 1]], 0.026969147677938374, ("_two_row_grid", "_Network")),
    ],
)
def test_tiny_tables_are_listed(monkeypatch, table, expected, forbidden):
    """With the listers on, a two-row table of 374 tables is listed on its grid and a 3x3 table
    of at most 8,976 (by the bound) cell by cell; no network is set up."""
    monkeypatch.setattr(_exact, "_GRID", GRID)
    monkeypatch.setattr(_exact, "_PLAIN", PLAIN)
    _forbid(monkeypatch, *forbidden)
    assert _p(table) == pytest.approx(expected, rel=1e-9)


def test_listers_respect_the_limit(monkeypatch: pytest.MonkeyPatch):
    """The listers' caps never pass the caller's limit: Table 3 (a grid of 17 x 22 = 374 points)
    under a limit of 300 is not listed, and goes on to the two-row join, which holds fewer."""
    monkeypatch.setattr(_exact, "_GRID", GRID)
    monkeypatch.setattr(_exact, "_PLAIN", PLAIN)
    seen: list[tuple[int, float | None]] = []
    real = _exact._two_row_grid

    def grid(*args):
        out = real(*args)
        seen.append((args[-1].limit, out))
        return out

    monkeypatch.setattr(_exact, "_two_row_grid", grid)
    got = _exact.exact_pvalue(np.array([[76, 6, 4], [17, 15, 12]]), limit=300)
    assert got == pytest.approx(2.19069202458859e-08, rel=1e-9)  # R's, as above
    assert seen == [(300, None)]
    # and a 3x3 table (bound 8,976) is listed under the smaller of the limit and _PLAIN
    limits: list[int] = []
    every = _exact._every_table
    monkeypatch.setattr(_exact, "_every_table", lambda *a: limits.append(a[-1].limit) or every(*a))
    table = np.array([[5, 12, 9], [2, 7, 0], [8, 17, 1]])
    for limit in (10_000, 10**7):
        assert _exact.exact_pvalue(table, limit=limit) == pytest.approx(0.026969147677938374, rel=1e-9)
    assert limits == [10_000, PLAIN]


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
    return _exact.exact_pvalue(np.array(table, dtype=np.int64), limit=10**7)


def test_two_row_grid_past_its_cap_by_product_is_still_listed(monkeypatch: pytest.MonkeyPatch):
    """Ten columns and a first row of 2: cells up to 2 in the nine smaller columns span
    3**9 = 19,683 points, more than _GRID (16,384), but the grid drops fillings past 2 as it
    grows and never holds more than comb(2 + 8, 8) x 3 = 135 (the fillings of eight columns
    with sum at most 2, times three cells): it is listed on the grid.

    R> print(fisher.test(rbind(c(1,1,0,0,0,0,0,0,0,0), c(2,3,4,2,5,3,2,4,3,6)))$p.value, digits = 17)
    [1] 0.48571428571428804
    """
    monkeypatch.setattr(_exact, "_GRID", GRID)
    _forbid(monkeypatch, "_two_row_join", "_enumerate", "build")
    table = [[1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [2, 3, 4, 2, 5, 3, 2, 4, 3, 6]]
    assert GRID < 3**9
    assert _p(table) == pytest.approx(0.48571428571428804, rel=1e-9)


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


def _record_halves(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Record the columns of each half `_two_row_join` lists (the list fills as the test runs)."""
    calls: list[list[int]] = []
    real = _exact._half_fillings

    def spy(cols: list[int], *args: object) -> object:
        out = real(cols, *args)  # type: ignore[arg-type]
        calls.append(list(cols))  # (after: the grid's refused calls, over its cap, are not halves)
        return out

    monkeypatch.setattr(_exact, "_half_fillings", spy)
    return calls


def test_two_row_join_gives_each_column_to_the_half_with_fewer_fillings(
    monkeypatch: pytest.MonkeyPatch,
):
    """The halves, by hand: columns in the order given (ascending: 19, 19, 25, 26, 33), each to
    the half with fewer fillings so far, ties to the first: sizes 20|1, 20|20, 520|20, 520|540,
    17,680|540, so the halves are (19, 25, 33) and (19, 26)."""
    calls = _record_halves(monkeypatch)
    _p([[20, 15, 10, 12, 8], [5, 18, 9, 14, 11]])
    assert calls == [[19, 25, 33], [19, 26]]


def test_small_three_column_table_is_enumerated_without_bounds(monkeypatch: pytest.MonkeyPatch):
    """A small 3x3 table is enumerated (all columns but the last two) and joined; no network is built.

    R> fisher.test(rbind(c(2, 1, 0), c(1, 2, 1), c(0, 1, 3)))$p.value   # 0.401558441558441
    """
    _forbid(monkeypatch, "_two_row_join", "build")
    assert _p([[2, 1, 0], [1, 2, 1], [0, 1, 3]]) == pytest.approx(0.401558441558441, rel=1e-9)


def _completions_too_many_once(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the first call of _completions (the enumeration's, under its cap) refuse: too many.

    Returns a list that gains an entry for each call of _bounded_join.
    """
    real, bounded, calls = _exact._completions, _exact._bounded_join, [0]
    joined: list[int] = []

    def completions(*args: object) -> object:
        calls[0] += 1
        if calls[0] == 1:
            raise TableTooLargeError("too many completions")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_exact, "_completions", completions)
    monkeypatch.setattr(_exact, "_bounded_join", lambda *a: joined.append(1) or bounded(*a))
    return joined


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # R> print(fisher.test(matrix(c(5,2,8,12,7,17,9,0,1), 3, 3))$p.value, digits = 17)
        ([[5, 12, 9], [2, 7, 0], [8, 17, 1]], 0.026969147677938374),
        # R> print(fisher.test(matrix(c(2,4,0,2,4,1,5,7,11,6,27,1), 4, 3))$p.value, digits = 17)
        ([[2, 4, 11], [4, 1, 6], [0, 5, 27], [2, 7, 1]], 3.245623916157463e-05),
        # R> fisher.test(rbind(c(2, 1, 0), c(1, 2, 1), c(0, 1, 3)))$p.value   # 0.401558441558441
        ([[2, 1, 0], [1, 2, 1], [0, 1, 3]], 0.401558441558441),
    ],
)
def test_enumeration_with_too_many_completions_bounds_its_partial_tables(
    monkeypatch: pytest.MonkeyPatch, table: list[list[int]], expected: float
):
    """When only the completions exceed the enumeration's cap, the partial tables' nodes are
    bounded (settled, dropped or completed) and joined: R's p-value, no network built."""
    joined = _completions_too_many_once(monkeypatch)
    _forbid(monkeypatch, "build")
    assert _p(table) == pytest.approx(expected, rel=1e-9)
    assert joined == [1]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_bounded_join_agrees_with_the_brute_force(data: st.DataObject):
    """Random tables of 3 rows and 3 or 4 columns, n <= 24, their enumeration's completions
    refused once: the bounded join gives the column enumerator's p-value."""
    r, c = 3, data.draw(st.integers(3, 4))
    cells = data.draw(st.lists(st.integers(0, 2), min_size=r * c, max_size=r * c))
    table = np.array(cells, dtype=np.int64).reshape(r, c)
    assume(table.sum(axis=0).all() and table.sum(axis=1).all())
    with pytest.MonkeyPatch.context() as monkeypatch:
        joined = _completions_too_many_once(monkeypatch)
        got = _exact.exact_pvalue(table, limit=10**7)
    assert got == pytest.approx(fisher_exact_rxc_oracle(table), rel=1e-9)
    assert joined == [1]


def test_build_counts_every_arc_and_node_against_the_cap(monkeypatch: pytest.MonkeyPatch):
    """build() holds 1 + the merged arcs and child nodes of each level: at that cap it builds.

    The count is a brute force: each node's fillings of the level's column, merged when they
    lead to the same child (sorted row sums) with the same value; one less and it gives up.
    """
    rows, cols = [2, 3, 4], [1, 2, 2, 4]
    held, level = 1, {tuple(rows)}
    for column in cols[:-2]:
        arcs, children = set(), set()
        for state in level:
            for x in fillings(list(state), column):
                child = tuple(sorted(s - v for s, v in zip(state, x, strict=True)))
                arcs.add((state, child, round(-sum(LF[v] for v in x) * 2**32)))
                children.add(child)
        held += len(arcs) + len(children)
        level = children
    monkeypatch.setattr(_exact, "_FULL_ARCS", held)
    assert _Network(np.array(rows), LF, budget()).build(np.array(cols)) is not None
    monkeypatch.setattr(_exact, "_FULL_ARCS", held - 1)
    assert _Network(np.array(rows), LF, budget()).build(np.array(cols)) is None


# -- one step of the forward pass: settle, drop or expand each past path ---------------------


def advance_oracle(node, val, wt, parent, arc_val, arc_child, mult, hi, lo, cutoff):
    """Per arc: log of the settled paths' weighted sum, and the band's (child, value, weight).

    A past path of the arc's node with value v is settled when v <= cutoff - a - hi (every
    completion counts), dropped when v > cutoff - a - lo (none does), expanded otherwise.
    """
    added, band = [], []
    for p, a, c, mu, h, low in zip(parent, arc_val, arc_child, mult, hi, lo, strict=True):
        mine = [j for j in range(len(node)) if node[j] == p]
        settled = [j for j in mine if val[j] <= cutoff - a - h]
        top = max((val[j] for j in settled), default=0.0)  # log-sum-exp: far values underflow
        total = sum(wt[j] * math.exp(val[j] - top) for j in settled)
        added.append(math.log(total) + top if settled else -math.inf)
        lo_limit, hi_limit = cutoff - a - h, cutoff - a - low
        band += [(c, val[j] + a, wt[j] * mu) for j in mine if lo_limit < val[j] <= hi_limit]
    return added, band


def advance_case(rng: np.random.Generator, spread: bool) -> tuple:
    """Past paths on a grid of 1/8 (ties with the limits are common), arcs into random children."""
    m = int(rng.integers(2, 5))
    counts = rng.integers(0, 6, size=m)
    counts[-1] = max(counts[-1], 1)
    node = np.repeat(np.arange(m), counts)
    val = np.concatenate([np.sort(rng.integers(-40, 1, size=k)) / 8.0 for k in counts])
    if spread:  # values too far apart to pack node and value into one integer
        val[node == m - 1] -= 3 * 2.0**29
    wt = rng.uniform(0.5, 2.0, size=node.size)
    arcs = int(rng.integers(1, 7))
    parent = np.sort(rng.integers(0, m, size=arcs))
    arc_val = -rng.integers(0, 16, size=arcs) / 8.0
    lo = -rng.integers(0, 24, size=arcs) / 8.0
    hi = lo + rng.integers(0, 16, size=arcs) / 8.0
    arc_child = rng.integers(0, 9, size=arcs)
    mult = rng.integers(1, 4, size=arcs).astype(np.float64)
    cutoff = -float(rng.integers(0, 40)) / 8.0
    if spread:
        cutoff -= 3 * 2.0**29  # the far node's paths are the ones near the limits
    return node, val, wt, parent, arc_val, arc_child, mult, hi, lo, cutoff


def merged_band(band: list) -> list:
    """The band's paths merged by (child, value), weights summed, sorted by child then value."""
    total: dict = {}
    for c, v, w in band:
        total[(c, v)] = total.get((c, v), 0.0) + w
    return [(c, v, w) for (c, v), w in sorted(total.items())]


def advance(case: tuple, limit: int = 10**9) -> tuple:
    """_advance on a case laid out as advance_oracle's arguments."""
    return _exact._advance(case[:3], case[3:7], *case[7:], budget(limit))


@pytest.mark.parametrize("dense", [0, 10**9], ids=["sorted", "by-value"])
@pytest.mark.parametrize("chunk", [1, 3, 16_384], ids=["chunk-1", "chunk-3", "default"])
@pytest.mark.parametrize("spread", [False, True], ids=["packed", "node-by-node"])
def test_advance_settles_drops_and_expands_as_the_bounds_say(
    monkeypatch: pytest.MonkeyPatch, spread: bool, chunk: int, dense: int
):
    """_advance against the brute force on 300 random steps, ties with the limits included;
    the band expanded whole or a few paths at a time (never splitting a child when sorted),
    and merged by sorting or in a dense (child, value) array."""
    monkeypatch.setattr(_exact, "_CHUNK", chunk)
    monkeypatch.setattr(_exact, "_DENSE_RATE", dense)
    rng = np.random.default_rng(20261128)
    for _ in range(300):
        case = advance_case(rng, spread)
        added, (child, val, wt) = advance(case)
        plain = (c.tolist() if hasattr(c, "tolist") else c for c in case)
        want_added, want_band = advance_oracle(*plain)
        want = merged_band(want_band)
        np.testing.assert_allclose(added, want_added, rtol=1e-12)
        assert child.tolist() == [b[0] for b in want]
        np.testing.assert_allclose(val, [b[1] for b in want], rtol=1e-15)
        np.testing.assert_allclose(wt, [b[2] for b in want], rtol=1e-15)


def test_advance_counts_settled_paths_at_a_64th_and_the_band_in_full():
    """Settled paths count 1/64 each (floor) against the limit, expanded ones 1 each.

    63 settled paths and nothing expanded pass a limit of 0; one expanded path does not.
    """
    node = np.zeros(63, dtype=np.int64)
    val = -np.arange(63, 0, -1) / 8.0
    args = (node, val, np.ones(63), np.array([0]), np.array([0.0]), np.array([0]), np.array([1.0]))
    added, (child, _, _) = advance((*args, np.array([-100.0]), np.array([-100.0]), 0.0), limit=0)
    assert child.size == 0 and added[0] == pytest.approx(math.log(np.exp(val).sum()), rel=1e-12)
    with pytest.raises(TableTooLargeError):  # the last path (-1/8) expanded: above 0 - 0 - 1/4
        advance((*args, np.array([0.25]), np.array([-100.0]), 0.0), limit=0)


# -- the final join: past paths against every completion of their node --------------------------


def join_oracle(node, val, wt, parent, comp, cutoff, obs):
    """Sum of wt * exp(val + comp - obs) over each past path's completions with val + comp <= cutoff."""
    total = 0.0
    for nd, v, w in zip(node, val, wt, strict=True):
        mine = [c for p, c in zip(parent, comp, strict=True) if p == nd and v + c <= cutoff]
        total += sum(w * math.exp(v + c - obs) for c in mine)
    return total


def join_case(rng: np.random.Generator, spread: bool | str, shuffled: bool = False) -> tuple:
    """Past paths and completions on a grid of 1/8, so that sums tie with the cutoff.

    *spread* True: completions too far apart to pack node and value into one integer;
    "positions": far enough apart that node and value fit but not with the positions too.
    *shuffled*: completions in random order (not grouped by node).
    """
    m = int(rng.integers(1, 5))
    extra = rng.integers(0, m, size=int(rng.integers(0, 8)) + (24 if spread == "positions" else 0))
    parent = np.sort(np.concatenate([np.arange(m), extra]))  # every node has a completion
    comp = -rng.integers(0, 40, size=parent.size) / 8.0
    node = np.sort(rng.integers(0, m, size=int(rng.integers(1, 9))))
    val = -rng.integers(0, 40, size=node.size) / 8.0
    if spread is True:  # completions too far apart to pack node and value into one integer
        comp[parent == m - 1] -= 3 * 2.0**29
        val[node == m - 1] += 3 * 2.0**29
    elif spread == "positions":  # keys of about 2**57: 5 more bits of positions do not fit
        comp[parent == m - 1] -= 2.0**25
        val[node == m - 1] += 2.0**25
    if shuffled:
        order = rng.permutation(parent.size)
        parent, comp = parent[order], comp[order]
    wt = rng.uniform(0.5, 2.0, size=node.size)
    cutoff = -float(rng.integers(0, 48)) / 8.0
    return node, val, wt, parent, comp, cutoff, cutoff - 1.0


@pytest.mark.parametrize("drop", [0, 10**9], ids=["drop-first", "keep-all"])
@pytest.mark.parametrize("shuffled", [False, True], ids=["grouped", "shuffled"])
@pytest.mark.parametrize("pairs", [0, 4, 10**9], ids=["sorted", "default", "pairs"])
@pytest.mark.parametrize(
    "spread", [False, "positions", True], ids=["packed", "argsorted", "node-by-node"]
)
def test_join_sums_every_completion_within_the_cutoff(
    monkeypatch: pytest.MonkeyPatch, spread: bool | str, pairs: int, shuffled: bool, drop: int
):
    """_join against the brute force on 300 random joins, ties with the cutoff included: by
    sorting the completions (positions packed into the keys, argsorted, or node by node), by
    forming every pair, and choosing between them as by default; the completions grouped by
    node or not (then never joined pair by pair); those no past path counts dropped before the
    sort, or all kept."""
    monkeypatch.setattr(_exact, "_DIRECT_JOIN", pairs)
    monkeypatch.setattr(_exact, "_DROP_RATE", drop)
    rng = np.random.default_rng(20261129)
    for _ in range(300):
        case = join_case(rng, spread, shuffled)
        got = _exact._join(*case)
        plain = [c.tolist() if hasattr(c, "tolist") else c for c in case]
        assert got == pytest.approx(join_oracle(*plain), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    ("comp", "sorted_count"),
    [([-1.0, -2.0, -3.0, -10.0], 4), ([-1.0, -2.0, -3.0, -10.0, -0.5], 2)],
    ids=["twice-the-paths-kept", "more-dropped"],
)
def test_join_sorts_only_completions_a_past_path_can_count(monkeypatch, comp, sorted_count):
    """Past values -1 and -1.5 at one node under a cutoff of -4: only completions of at most
    -4 - (-1.5) = -2.5 can count. Four completions (twice the past paths) are all sorted; with
    five (more than twice) the three above -2.5 are dropped first and two sorted. Both sums:
    exp(-1 - 3 + 4) + exp(-1 - 10 + 4) + exp(-1.5 - 3 + 4) + exp(-1.5 - 10 + 4)."""
    monkeypatch.setattr(_exact, "_DIRECT_JOIN", 0)
    sizes: list[int] = []
    sort_keys = _exact._sort_keys
    def spy(key: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
        sizes.append(key.size)
        return sort_keys(key, span)

    monkeypatch.setattr(_exact, "_sort_keys", spy)
    node, val = np.array([0, 0]), np.array([-1.0, -1.5])
    got = _exact._join(node, val, None, np.zeros(len(comp), dtype=np.int64), np.array(comp), -4.0, -4.0)
    want = math.exp(0.0) + math.exp(-7.0) + math.exp(-0.5) + math.exp(-7.5)
    assert got == pytest.approx(want, rel=1e-12)
    assert sizes == [sorted_count]


@pytest.mark.parametrize("drop", [0, 10**9], ids=["drop-first", "keep-all"])
def test_join_with_no_completion_within_the_cutoff_is_zero(monkeypatch: pytest.MonkeyPatch, drop: int):
    """Every completion above the cutoff: nothing is summed (0, not a partial term), whether the
    completions are dropped before the sort or searched."""
    monkeypatch.setattr(_exact, "_DROP_RATE", drop)
    monkeypatch.setattr(_exact, "_DIRECT_JOIN", 0)
    args = (np.array([0]), np.array([-1.0]), np.array([1.0]), np.array([0, 0]), np.array([-1.0, -2]))
    assert _exact._join(*args, -4.0, -4.0) == 0.0


def test_tables_whose_row_sums_would_not_fit_a_key_are_refused():
    """31 rows of sum 3: 4**31 = 2**62 keys of sorted row sums, beyond int64 packing: refused."""
    table = np.zeros((31, 31), dtype=np.int64)
    for i in range(31):
        table[i, [i, (i + 1) % 31, (i + 2) % 31]] = 1  # three ones in each row and column
    with pytest.raises(TableTooLargeError, match="31x31 table with n = 93"):
        _exact.exact_pvalue(table, limit=10**7)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # R> fisher.test(rbind(c(1, 1, 0), c(2, 0, 0), c(0, 1, 1)))$p.value   # 0.6
        ([[1, 1, 0], [2, 0, 0], [0, 1, 1]], 0.6),
        # R> fisher.test(rbind(c(0, 0, 1, 0), c(0, 0, 0, 3), c(1, 1, 0, 1)))$p.value
        ([[0, 0, 1, 0], [0, 0, 0, 3], [1, 1, 0, 1]], 0.228571428571428),
    ],
)
def test_network_finishes_early_when_no_past_path_is_left(
    monkeypatch: pytest.MonkeyPatch, table: list[list[int]], expected: float
):
    """Forced onto the network, these tables settle or drop every past path before the last two
    columns: the forward pass stops there with R's p-value."""
    monkeypatch.setattr(_exact, "_SMALL", 0)
    monkeypatch.setattr(_exact, "_HALVES", 0)
    joined: list[int] = []
    real = _exact._join
    monkeypatch.setattr(_exact, "_join", lambda *a: joined.append(1) or real(*a))
    assert _p(table) == pytest.approx(expected, rel=1e-9)
    assert joined == []  # no final join: the pass ended before it


# Rows 2, 3, 4 and columns 1, 2, 2, 4: _fillings_bound over the columns before the last two is
# 3 x 6 = 18 (3 fillings of 1, 6 of 2): under a cap of 4 (4 x 4 = 16 < 18) _enumerate is not
# tried; under 5 (20 >= 18) it is. Rows 1, 1, 6 and columns 1, 2, 2, 3: the bound is
# min(comb(3, 2), 2 x 2) x min(comb(4, 2), 2 x 2) = 3 x 4 = 12: under a cap of 3 (4 x 3 = 12,
# not passed) it is tried; under 2 (8 < 12) it is not.
_SLACK_CASES = [
    ([[0, 1, 0, 1], [1, 0, 1, 1], [0, 1, 1, 2]], 4, False),
    ([[0, 1, 0, 1], [1, 0, 1, 1], [0, 1, 1, 2]], 5, True),
    ([[0, 1, 0, 0], [0, 0, 1, 0], [1, 1, 1, 3]], 3, True),
    ([[0, 1, 0, 0], [0, 0, 1, 0], [1, 1, 1, 3]], 2, False),
]


@pytest.mark.parametrize(("table", "small", "tried"), _SLACK_CASES)
def test_enumeration_is_tried_up_to_its_cap_times_the_slack(
    monkeypatch: pytest.MonkeyPatch, table: list[list[int]], small: int, tried: bool
):
    """_enumerate is tried when _fillings_bound is at most four times its cap (the cases above,
    far beyond it and at the boundary). Either way the p-value is the oracle's."""
    monkeypatch.setattr(_exact, "_SMALL", small)
    calls: list[int] = []
    real = _exact._enumerate
    monkeypatch.setattr(_exact, "_enumerate", lambda *a: calls.append(1) or real(*a))
    counts = np.array(table)
    assert _exact.exact_pvalue(counts, limit=10**7) == pytest.approx(
        fisher_exact_rxc_oracle(counts), rel=1e-9
    )
    assert calls == ([1] if tried else [])


@pytest.mark.parametrize(("small", "bounded"), [(13, False), (12, True)])
def test_enumeration_bounds_its_partial_tables_when_completions_pass_its_cap(
    monkeypatch: pytest.MonkeyPatch, small: int, bounded: bool
):
    """Rows 1, 2, 3 and columns 1, 2, 3: the first column leaves nodes (0, 2, 3), (1, 1, 3) and
    (1, 2, 2), whose completions (the column of 2) number at most 3 + 4 + 6 = 13 by
    _filling_bounds. Under a cap of 13 they are listed and joined; under 12 the partial tables
    are bounded first (_bounded_join), without trying to list them. R's p-value either way.

    R> print(fisher.test(rbind(c(1, 0, 0), c(0, 1, 1), c(0, 1, 2)))$p.value, digits = 17)
    [1] 0.79999999999999949
    """
    monkeypatch.setattr(_exact, "_SMALL", small)
    tried: list[int] = []
    joined: list[int] = []
    completions, bounded_join = _exact._completions, _exact._bounded_join
    monkeypatch.setattr(_exact, "_completions", lambda *a: tried.append(1) or completions(*a))
    monkeypatch.setattr(_exact, "_bounded_join", lambda *a: joined.append(1) or bounded_join(*a))
    assert _p([[1, 0, 0], [0, 1, 1], [0, 1, 2]]) == pytest.approx(0.79999999999999949, rel=1e-9)
    assert joined == ([1] if bounded else [])
    assert len(tried) == 1  # the enumeration's own completions, or the bounded join's


def test_two_row_join_split_of_many_small_columns(monkeypatch: pytest.MonkeyPatch):
    """Columns 1, 1, 1, 1, 7 (forced onto the join): sizes 2|1, 2|2, 4|2, 4|4, 32|4 by the rule
    above, so the halves are (1, 1, 7) and (1, 1); the p-value is R's.

    R> fisher.test(rbind(c(1, 1, 1, 1, 0), c(0, 0, 0, 0, 7)))$p.value   # 0.00303030303030303
    """
    calls = _record_halves(monkeypatch)
    assert _p([[1, 1, 1, 1, 0], [0, 0, 0, 0, 7]]) == pytest.approx(0.00303030303030303, rel=1e-9)
    assert calls == [[1, 1, 7], [1, 1]]
