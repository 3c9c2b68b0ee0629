"""Tests for safecore.stats.contingency that pin values mutation testing found unchecked.

Every expected value comes from R (the command beside it), from exact rational arithmetic
written here, or from hand arithmetic in a comment; none comes from the code under test.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction
from math import comb

import numpy as np
import pytest
from scipy import stats

from safecore import SmallExpectedWarning, TableTooLargeError
from safecore._errors import InputValueError
from safecore.stats.contingency import (
    ChiSquareResult,
    _chi_square_pvalue_text,
    _monte_carlo_pvalue,
    chi_square,
    fisher_exact_rxc,
    mcnemar_exact,
)

Table = list[list[int]]


def quiet(table: Table, **kw: object):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        return chi_square(table, **kw)  # type: ignore[arg-type]


# -- an oracle for the Monte Carlo p-value, in exact rational arithmetic ----------------------


def pearson(table: Table | np.ndarray, rows: list[int], cols: list[int], *, yates: bool) -> Fraction:
    """Pearson's X^2 of a table with the given margins, exactly; Yates: |O - E| less 1/2, not below 0."""
    n = sum(rows)
    total = Fraction(0)
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            e = Fraction(r * c, n)
            d = abs(int(table[i][j]) - e)
            if yates:
                d = max(d - Fraction(1, 2), Fraction(0))
            total += d * d / e
    return total


def margins(table: Table) -> tuple[list[int], list[int]]:
    return [sum(r) for r in table], [sum(c) for c in zip(*table, strict=True)]


def seeded_hits(table: Table, resamples: int, seed: int, *, yates: bool = False) -> int:
    """Count the random tables at least as extreme as the observed one.

    The random tables are R's r2dtable draws as scipy makes them:
    ``scipy.stats.random_table(rows, cols).rvs(size=B, random_state=numpy.random.default_rng(seed))``
    (chi_square documents that a seed makes the p-value reproducible, and the draws do not depend
    on how many are asked for at once: the test below checks it). Each statistic is compared with
    the observed one exactly, in fractions.
    """
    rows, cols = margins(table)
    draws = stats.random_table(rows, cols).rvs(size=resamples, random_state=np.random.default_rng(seed))
    observed = pearson(table, rows, cols, yates=yates)
    return sum(pearson(t, rows, cols, yates=yates) >= observed for t in draws)


def target_pvalue(table: Table, *, yates: bool = False) -> Fraction:
    """The p-value the Monte Carlo estimates: P(X^2 >= observed X^2), over every table with the margins.

    Enumerates the tables of a two-row table (the second row is the margin less the first) and
    weighs each by its hypergeometric probability prod_j C(c_j, x_j) / C(n, r_1).
    """
    rows, cols = margins(table)
    observed = pearson(table, rows, cols, yates=yates)
    total = Fraction(0)
    for first in itertools.product(*(range(c + 1) for c in cols)):
        if sum(first) != rows[0]:
            continue
        other = [c - x for c, x in zip(cols, first, strict=True)]
        if pearson([list(first), other], rows, cols, yates=yates) >= observed:
            total += Fraction(np.prod([comb(c, x) for c, x in zip(cols, first, strict=True)]))
    return total / comb(sum(rows), rows[0])


MID_TABLE = [[6, 4, 5], [3, 7, 5]]  # X^2 = 1.8182, asymptotic p = 0.40 (see below)
YATES_TABLE = [[4, 2], [3, 6]]  # E = [[2.8, 3.2], [4.2, 4.8]], |O - E| = 1.2 in every cell


def test_oracle_statistics_by_hand():
    """The oracle's statistics, by hand.

    MID_TABLE: rows 15, 15, columns 9, 11, 10, n = 30, so E = 4.5, 5.5, 5 in both rows and
    |O - E| = 1.5, 1.5, 0: X^2 = 2 (2.25/4.5 + 2.25/5.5) = 1 + 9/11 = 20/11.
    YATES_TABLE: 1/2.8 + 1/3.2 + 1/4.2 + 1/4.8 = 1.1161 (= 125/112), so X^2 = 1.44 * 125/112
    = 45/28 and with Yates 0.7^2 * 125/112 = 0.49 * 125/112 = 35/64.
    """
    rows, cols = margins(MID_TABLE)
    assert pearson(MID_TABLE, rows, cols, yates=False) == Fraction(20, 11)
    rows, cols = margins(YATES_TABLE)
    assert pearson(YATES_TABLE, rows, cols, yates=False) == Fraction(45, 28)
    assert pearson(YATES_TABLE, rows, cols, yates=True) == Fraction(35, 64)


@pytest.mark.parametrize(
    ("table", "correction", "seed"),
    [(MID_TABLE, False, 2020), (YATES_TABLE, True, 7), (YATES_TABLE, False, 7)],
)
def test_monte_carlo_pvalue_is_one_plus_hits_over_b_plus_one(table: Table, correction: bool, seed: int):
    """For a fixed seed the p-value is (1 + hits) / (B + 1), hits counted by the oracle.

    The tables are mid-range (p about 0.3 to 0.6), so a p-value of (1 - hits) / (B + 1), a
    statistic of |O - E| * 2 instead of squared, or Yates' 1/2 added instead of taken away
    changes the count.
    """
    resamples = 400
    hits = seeded_hits(table, resamples, seed, yates=correction)
    assert 100 < hits < 300  # mid-range: neither none nor all of the tables
    res = quiet(table, method="monte-carlo", resamples=resamples, seed=seed, correction=correction)
    assert res.pvalue == (1 + hits) / (resamples + 1)
    assert res.correction is correction and res.resamples == resamples


def test_monte_carlo_counts_every_chunk():
    """Drawn in chunks of 7, 50 tables give the same draws and p-value as drawn at once.

    The hits of every chunk are added, and exactly 50 tables are drawn (7 + 7 + ... + 1).
    """
    table = MID_TABLE
    counts = np.array(table)
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / counts.sum()
    dist = stats.random_table(*margins(table))
    rng = np.random.default_rng(5)
    chunked = np.concatenate([dist.rvs(size=s, random_state=rng) for s in [7] * 7 + [1]])
    np.testing.assert_array_equal(chunked, dist.rvs(size=50, random_state=np.random.default_rng(5)))
    hits = seeded_hits(table, 50, 5)
    got = _monte_carlo_pvalue(
        counts, expected=expected, statistic=20 / 11, resamples=50, seed=5, yates=False, chunk=7
    )
    assert 10 < hits < 40
    assert got == (1 + hits) / 51


@pytest.mark.parametrize("chunk", [7, 20, 20_000])
def test_monte_carlo_independent_table_has_p_one(chunk: int):
    """A table with X^2 = 0 has every random table as extreme: p = (1 + B) / (B + 1) = 1.

    [[2, 3], [4, 6]]: E = [[2, 3], [4, 6]] (rows 5, 10, columns 6, 9, n = 15), so X^2 = 0 and
    every statistic, 0 or more, counts (ties at 0 included). Exactly B = 20 tables are drawn
    however they are chunked.
    """
    counts = np.array([[2, 3], [4, 6]])
    expected = np.array([[2.0, 3.0], [4.0, 6.0]])
    got = _monte_carlo_pvalue(
        counts, expected=expected, statistic=0.0, resamples=20, seed=1, yates=False, chunk=chunk
    )
    assert got == 1.0
    assert quiet([[2, 3], [4, 6]], method="monte-carlo", resamples=20, seed=1).pvalue == 1.0


def test_monte_carlo_counts_ties_with_the_observed_table():
    """Tables with the observed statistic count as hits, whatever the rounding of their sum.

    [[3, 1], [1, 3]]: E = 2 everywhere, X^2 = 4 * 1/2 = 2; the tables with a top-left cell of
    1 or 3 tie with it, those of 0 or 4 exceed it (X^2 = 8), and only 2 (X^2 = 0) does not
    count. Hypergeometric probabilities C(4, a) C(4, 4 - a) / C(8, 4): 1, 16, 36, 16, 1 of 70,
    so the p-value estimates 34/70 = 0.486 (Fisher's exact 0.4857); without the ties it would
    estimate 2/70 = 0.029.
    """
    table = [[3, 1], [1, 3]]
    assert target_pvalue(table) == Fraction(34, 70)
    hits = seeded_hits(table, 400, 11)
    assert quiet(table, method="monte-carlo", resamples=400, seed=11).pvalue == (1 + hits) / 401


@pytest.mark.parametrize(("table", "correction"), [(MID_TABLE, False), (YATES_TABLE, True)])
def test_monte_carlo_estimates_the_enumerated_pvalue(table: Table, correction: bool):
    """With 4,000 tables the p-value is within 4 standard errors of P(X^2 >= observed).

    The target is enumerated over every table with the margins (not simulated), so this does
    not rely on how the random tables are drawn.
    """
    target = float(target_pvalue(table, yates=correction))
    assert 0.2 < target < 0.8
    resamples = 4000
    res = quiet(table, method="monte-carlo", resamples=resamples, seed=3, correction=correction)
    assert res.pvalue == pytest.approx(target, abs=4 * (target * (1 - target) / resamples) ** 0.5)


def test_monte_carlo_default_is_ten_thousand_tables():
    """Without *resamples* the Monte Carlo draws 10,000 tables; other methods draw none."""
    assert quiet([[3, 1], [1, 3]], method="monte-carlo", seed=1).resamples == 10_000
    assert quiet([[3, 1], [1, 3]]).resamples is None
    assert quiet([[3, 1], [1, 3]]).to_dict()["resamples"] is None


# -- the small-expected warning and the exact test's limit ---------------------------------------


def test_small_expected_warning_counts_cells_below_five():
    """The warning counts the expected counts strictly below 5.

    [[2, 5, 6, 2], [2, 5, 5, 3]]: rows 15 and 15, columns 4, 10, 11, 5, n = 30, so
    E = 2, 5, 5.5, 2.5 in both rows: 4 of 8 below 5 (5 itself and 5.5 are not), the smallest 2.
    """
    with pytest.warns(SmallExpectedWarning) as caught:
        chi_square([[2, 5, 6, 2], [2, 5, 5, 3]])
    assert [type(w.message) for w in caught] == [SmallExpectedWarning]
    assert str(caught[0].message) == (
        "4 of 8 expected counts are below 5 (smallest 2.00): the chi-square approximation may "
        "be poor; consider method='exact'"
    )


def test_exact_limit_reaches_the_exact_test():
    """chi_square's exact_limit is the exact test's limit; a limit of 1 is allowed, 0 is not.

    [[2, 0], [0, 2]] has three tables (first cell 0, 1 or 2): under a limit of 2 they cannot be
    listed; under 3 they are (R: p = 1/3). [[1, 0], [0, 1]] needs no listing under a limit of
    1: its two tables are equally probable, so the bounds give p = 1 at once.

    R> print(fisher.test(matrix(c(2, 0, 0, 2), 2))$p.value, digits = 17)   # 0.33333333333333343
    """
    job = [[1, 3, 10, 6], [2, 3, 10, 7], [1, 6, 14, 12], [0, 1, 9, 11]]
    with pytest.raises(TableTooLargeError, match="more than 10 partial tables"):
        chi_square(job, method="exact", exact_limit=10)
    with pytest.raises(TableTooLargeError, match="more than 2 partial tables"):
        fisher_exact_rxc([[2, 0], [0, 2]], limit=2)
    assert fisher_exact_rxc([[2, 0], [0, 2]], limit=3) == pytest.approx(0.33333333333333343, rel=1e-9)
    assert fisher_exact_rxc([[1, 0], [0, 1]], limit=1) == 1.0  # both tables have P = 1/2
    with pytest.raises(InputValueError, match=r"^limit must be a whole number >= 1: 0$"):
        fisher_exact_rxc([[1, 0], [0, 1]], limit=0)


# -- the result: arrays, cells, per-cell p-values, text -----------------------------------------


def test_result_arrays_are_read_only_floats():
    """observed, expected and both residuals are float64 arrays that cannot be written to."""
    res = chi_square([[76, 6, 4], [17, 15, 12]])
    for name in ("observed", "expected", "residuals", "adjusted_residuals"):
        array = getattr(res, name)
        assert array.dtype == np.float64, name
        assert not array.flags.writeable, name
        with pytest.raises(ValueError, match="read-only"):
            array[0, 0] = 0.0


def test_result_converts_given_arrays_to_floats():
    """A ChiSquareResult built by hand from whole-number lists holds float64 arrays too."""
    res = ChiSquareResult(
        statistic=2.0,
        pvalue=0.5,
        df=1,
        expected=[[2, 2], [2, 2]],
        residuals=[[1, -1], [-1, 1]],
        adjusted_residuals=[[1, -1], [-1, 1]],
        cramers_v=0.5,
        n=8,
        min_expected=2.0,
        observed=[[3, 1], [1, 3]],
        row_labels=(0, 1),
        column_labels=(0, 1),
    )
    for name in ("observed", "expected", "residuals", "adjusted_residuals"):
        assert getattr(res, name).dtype == np.float64, name


def test_counts_in_the_billions():
    """Margins whose product passes 2**63 still give the right expected counts and statistic.

    [[3e9, 1e9], [1e9, 3e9]]: every margin is 4e9 (4e9 * 4e9 = 1.6e19 > 2**63 = 9.2e18),
    n = 8e9, E = 2e9 in every cell, X^2 = 4 * (1e9)^2 / 2e9 = 2e9, V = sqrt(2e9 / 8e9) = 0.5.
    """
    res = chi_square([[3_000_000_000, 1_000_000_000], [1_000_000_000, 3_000_000_000]])
    np.testing.assert_array_equal(res.expected, [[2e9, 2e9], [2e9, 2e9]])
    assert res.statistic == 2e9
    assert res.cramers_v == 0.5


# R> x <- rbind(c(76, 6, 4), c(17, 15, 12))
# R> p <- 2 * pnorm(-abs(chisq.test(x)$stdres)); print(p, digits = 15)
#      2.73662466561069e-09 7.04240806535545e-05 0.000203213030551307   (both rows)
# R> print(p.adjust(p, "holm"), digits = 15)        (column by column: the rows are equal)
#      1.64197479936641e-08  2.81696322614218e-04  4.06426061102614e-04
# R> print(p.adjust(p, "bonferroni"), digits = 15)
#      1.64197479936641e-08  4.22544483921327e-04  1.21927818330784e-03
RAW = [2.73662466561069e-09, 7.04240806535545e-05, 0.000203213030551307]
HOLM = [1.64197479936641e-08, 2.81696322614218e-04, 4.06426061102614e-04]
BONFERRONI = [1.64197479936641e-08, 4.22544483921327e-04, 1.21927818330784e-03]


def test_cell_pvalues_take_the_adjustment_asked_for():
    """cell_pvalues(adjust=...) applies that method, not Holm, and None gives the raw values."""
    res = chi_square([[76, 6, 4], [17, 15, 12]])
    np.testing.assert_allclose(res.cell_pvalues(adjust=None), [RAW, RAW], rtol=1e-9)
    np.testing.assert_allclose(res.cell_pvalues(), [HOLM, HOLM], rtol=1e-9)
    np.testing.assert_allclose(
        res.cell_pvalues(adjust="bonferroni"), [BONFERRONI, BONFERRONI], rtol=1e-9
    )


def test_cells_with_pvalues_print_raw_and_adjusted():
    """cells(pvalues=True, adjust=...) adds the raw and the adjusted p-values, printed as p-values.

    The adjusted column uses *adjust* (Bonferroni here: the middle column's 4.2e-4 differs from
    the raw 7.0e-5); p-values below .001 print as "<.001" and the others to three decimals.
    """
    res = chi_square([[76, 6, 4], [17, 15, 12]])
    table = res.cells(pvalues=True, adjust="bonferroni")
    assert table.columns[-2:] == ("pvalue", "adjusted_pvalue")
    assert [row[-2] for row in table.rows[:3]] == pytest.approx(RAW, rel=1e-9)
    assert [row[-1] for row in table.rows[:3]] == pytest.approx(BONFERRONI, rel=1e-9)
    assert table.caption == res.summary()
    shown = table.display_rows()
    # E = 86 * 93 / 130 = 61.52, residual (76 - 61.52) / sqrt(61.52) = +1.85; Bonferroni's third
    # column is 6 * 0.000203 = 0.00122, printed as 0.001.
    assert shown[0][2:] == ["76", "61.52", "+1.85", "+5.95", "< .001", "< .001"]
    assert shown[2][2:] == ["4", "10.58", "-2.02", "-3.71", "< .001", "0.001"]
    assert list(res.cells().columns) == [
        "row", "column", "observed", "expected", "residual", "adjusted_residual",
    ]  # fmt: skip


def test_cells_print_two_decimals_and_signs():
    """Expected counts print with two decimals, residuals with a sign (Table 2.5 of Agresti style).

    [[3, 1], [1, 3]]: E = 2 in every cell, residuals (3 - 2) / sqrt(2) = 0.7071, adjusted
    (3 - 2) / sqrt(2 * 1/2 * 1/2) = 1 / sqrt(0.5) = 1.414.
    """
    shown = quiet([[3, 1], [1, 3]]).cells().display_rows()
    assert shown[0][2:] == ["3", "2.00", "+0.71", "+1.41"]
    assert shown[1][2:] == ["1", "2.00", "-0.71", "-1.41"]


def test_repr_names_rows_columns_and_resamples():
    """The repr shows the statistic, df, p, n, V, method, and the row and column labels.

    [[3, 1], [1, 3]]: X^2 = 2 (see above), df 1, p = P(chi2_1 >= 2) = 0.1573, n = 8,
    V = sqrt(2 / 8) = 0.5. Only a Monte Carlo result names its resamples.
    """
    res = quiet([[3, 1], [1, 3]])
    assert repr(res) == (
        "ChiSquareResult(statistic=2, df=1, pvalue=0.1573, n=8, cramers_v=0.500, "
        "method='asymptotic', rows=[0, 1], columns=[0, 1])"
    )
    mc = quiet([[3, 1], [1, 3]], method="monte-carlo", resamples=400, seed=11)
    assert ", resamples=400, rows=[0, 1], columns=[0, 1])" in repr(mc)


def test_monte_carlo_summary_names_the_tables():
    """A Monte Carlo summary says how many random tables the p-value came from."""
    mc = quiet([[3, 1], [1, 3]], method="monte-carlo", resamples=400, seed=11)
    assert mc.summary().endswith(" (Monte Carlo, 400 tables), V = 0.50")


def test_pvalue_in_full_only_below_one_in_a_thousand():
    """The value is added in parentheses only when p < .001: p = 0.001 itself prints plainly."""
    assert _chi_square_pvalue_text(0.001, "asymptotic", None) == "p = 0.001"
    assert _chi_square_pvalue_text(0.00093, "asymptotic", None) == "p < .001 (0.00093)"
    assert _chi_square_pvalue_text(0.25, "exact", None) == "exact p = 0.250"


# -- McNemar -------------------------------------------------------------------------------------


def test_mcnemar_equal_discordant_counts_give_p_one():
    """b = c: 2 P(X <= 3) for X ~ Bin(6, 1/2) is 2 * 42/64 = 1.3125, capped at 1.

    R> binom.test(3, 6)$p.value   # 1
    """
    assert mcnemar_exact(3, 3).pvalue == 1.0
    # One discordant pair: 2 P(X <= 0) = 2 * 1/2 = 1. R> binom.test(0, 1)$p.value   # 1
    assert mcnemar_exact(1, 0).pvalue == 1.0


@pytest.mark.parametrize(("before", "after", "name"), [(-1, 2, "before_only"), (2, 1.5, "after_only")])
def test_mcnemar_errors_name_the_argument(before: object, after: object, name: str):
    """A bad count is reported under its own name."""
    with pytest.raises(ValueError, match=rf"^{name} must be a"):
        mcnemar_exact(before, after)  # type: ignore[arg-type]


def test_mcnemar_table():
    """The one-row table: both discordant counts, their sum, the smaller one and p.

    10 and 2: 12 discordant, smaller 2, p = 2 P(X <= 2), X ~ Bin(12, 1/2)
    = 2 (1 + 12 + 66) / 4096 = 158/4096 = 0.03857 (R> binom.test(2, 12)$p.value).
    """
    res = mcnemar_exact(10, 2)
    pytest.importorskip("pandas")
    frame = res.to_frame()
    assert list(frame.columns) == ["before_only", "after_only", "n", "statistic", "pvalue"]
    assert frame.iloc[0].tolist() == [10, 2, 12, 2, pytest.approx(158 / 4096)]
    assert str(res).splitlines() == [
        "Exact McNemar: 10 before only, 2 after only (12 discordant), p = 0.039",
        "before only  after only  discordant  smaller      p",
        "10                    2          12        2  0.039",
    ]
    markdown = res._repr_markdown_().splitlines()
    assert markdown[0] == "Exact McNemar: 10 before only, 2 after only (12 discordant), p = 0.039"
    assert markdown[2:] == [
        "| before only | after only | discordant | smaller | p |",
        "|---:|---:|---:|---:|---:|",
        "| 10 | 2 | 12 | 2 | 0.039 |",
    ]
