"""Tests for safecore.stats.contingency: chi-square, Monte Carlo and exact tests."""

from __future__ import annotations

import itertools
import warnings
from math import factorial, prod

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from safecore import InvalidTableError, SmallExpectedWarning, TableTooLargeError
from safecore.stats.contingency import chi_square, fisher_exact_rxc, mcnemar_exact
from safecore.tallies import Tally
from tests.strategies import count_tables, small_tables


def quiet(table: object, **kw: object):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        return chi_square(table, **kw)  # type: ignore[arg-type]


# -- the report ---------------------------------------------------------------------


def test_table_3_published_statistic():
    """Table 3: the report prints chi-square = 35.41, p < .001."""
    res = chi_square([[76, 6, 4], [17, 15, 12]])
    assert round(res.statistic, 2) == 35.41
    assert res.dof == 2 and res.pvalue < 0.001 and res.n == 130


def test_table_5_published_statistic():
    """Table 5: the report prints chi-square = 13.96, p = .0009."""
    res = quiet([[89, 15, 1], [88, 46, 5]])
    assert round(res.statistic, 2) == 13.96
    assert round(res.pvalue, 4) == 0.0009


# -- R references -------------------------------------------------------------------


def test_r_chisq_test_party_example():
    """R's documented chisq.test example, with Agresti's adjusted residuals.

    R> M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477)))
    R> (Xsq <- chisq.test(M))   # X-squared = 30.07, df = 2, p-value = 2.954e-07
    R> round(Xsq$stdres, 2)     # 4.50 0.70 -5.32 / -4.50 -0.70 5.32 (Agresti 2007, Table 2.5)
    """
    res = chi_square([[762, 327, 468], [484, 239, 477]])
    assert res.statistic == pytest.approx(30.07, abs=0.005)
    assert res.pvalue == pytest.approx(2.954e-07, rel=1e-3)
    np.testing.assert_allclose(
        res.adjusted_residuals, [[4.50, 0.70, -5.32], [-4.50, -0.70, 5.32]], atol=0.005
    )


def test_r_fisher_test_job_satisfaction():
    """R's documented fisher.test example on a 4x4 table.

    R> Job <- matrix(c(1,2,1,0, 3,3,6,1, 10,10,14,9, 6,7,12,11), 4, 4)
    R> fisher.test(Job)   # p-value = 0.7827
    """
    job = np.array([1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11]).reshape(4, 4).T
    assert fisher_exact_rxc(job) == pytest.approx(0.7827, abs=5e-5)


def test_r_fisher_test_tea_tasting():
    """R> fisher.test(TeaTasting, alternative = "two.sided")  # p-value = 0.4857."""
    assert fisher_exact_rxc([[3, 1], [1, 3]]) == pytest.approx(0.4857, abs=5e-5)


@given(count_tables(max_side=2, max_count=30))
def test_exact_2x2_agrees_with_scipy(table: np.ndarray):
    """On 2x2 tables the exact test equals scipy.stats.fisher_exact (two-sided)."""
    assert fisher_exact_rxc(table) == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-9)


def _brute_force_exact(table: np.ndarray) -> float:
    """Enumerate every table with the margins (independent of the DP)."""
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    n = table.sum()

    def p(t: np.ndarray) -> float:
        num = prod(factorial(int(x)) for x in rows) * prod(factorial(int(x)) for x in cols)
        den = factorial(int(n)) * prod(factorial(int(x)) for x in t.ravel())
        return num / den

    p_obs = p(table)
    total = 0.0
    r, c = table.shape
    ranges = [range(int(min(rows[i], cols[j])) + 1) for i in range(r - 1) for j in range(c - 1)]
    for free in itertools.product(*ranges):
        t = np.zeros((r, c), dtype=np.int64)
        t[:-1, :-1] = np.array(free).reshape(r - 1, c - 1)
        t[:-1, -1] = rows[:-1] - t[:-1, :-1].sum(axis=1)
        t[-1, :] = cols - t[:-1, :].sum(axis=0)
        if (t < 0).any():
            continue
        pt = p(t)
        if pt <= p_obs * (1 + 1e-7):
            total += pt
    return total


@given(small_tables)
def test_exact_agrees_with_brute_force(table: np.ndarray):
    """The exact p-value equals a brute-force enumeration of all tables."""
    assert fisher_exact_rxc(table) == pytest.approx(_brute_force_exact(table), rel=1e-9)


def test_exact_too_large_names_the_limit():
    """A table beyond the enumeration limit raises TableTooLargeError naming the limit."""
    with pytest.raises(TableTooLargeError, match="more than 10 partial tables"):
        fisher_exact_rxc([[1, 3, 10, 6], [2, 3, 10, 7], [1, 6, 14, 12], [0, 1, 9, 11]], limit=10)


def test_exact_method_in_chi_square():
    """method='exact' reports the exact p-value with the chi-square statistic."""
    res = quiet([[3, 1], [1, 3]], method="exact")
    assert res.method == "exact" and res.pvalue == pytest.approx(0.4857, abs=5e-5)
    assert "exact p" in res.summary()


# -- scipy cross-checks and properties -----------------------------------------------


@given(count_tables())
def test_agrees_with_scipy(table: np.ndarray):
    """Statistic, p-value and expected counts equal scipy.stats.chi2_contingency."""
    ref = stats.chi2_contingency(table, correction=False)
    res = quiet(table)
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-9, abs=1e-12)
    assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-300)
    np.testing.assert_allclose(res.expected, ref.expected_freq)


@given(count_tables(max_side=2))
def test_yates_agrees_with_scipy(table: np.ndarray):
    """With correction=True a 2x2 table matches scipy's Yates-corrected statistic."""
    ref = stats.chi2_contingency(table, correction=True)
    res = quiet(table, correction=True)
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-9, abs=1e-12)
    assert res.correction is True


@given(count_tables(max_side=2))
def test_cramers_v_ignores_yates(table: np.ndarray):
    """Cramer's V is computed from the uncorrected statistic even when Yates is applied."""
    assert quiet(table, correction=True).cramers_v == pytest.approx(quiet(table).cramers_v)


def test_correction_only_acts_on_2x2():
    """Yates' correction does nothing on larger tables, and says so."""
    res = chi_square([[76, 6, 4], [17, 15, 12]], correction=True)
    assert res.correction is False and round(res.statistic, 2) == 35.41


@given(count_tables(), st.randoms())
def test_invariant_under_permutation_and_transpose(table: np.ndarray, rnd):
    """Permuting rows or columns, or transposing, leaves X^2 and p unchanged."""
    base = quiet(table)
    rows = list(range(table.shape[0]))
    cols = list(range(table.shape[1]))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    for other in (table[rows][:, cols], table.T):
        res = quiet(other)
        assert res.statistic == pytest.approx(base.statistic, rel=1e-9, abs=1e-12)
        assert res.pvalue == pytest.approx(base.pvalue, rel=1e-9, abs=1e-300)


@given(count_tables())
def test_expected_keeps_margins_and_p_in_unit_interval(table: np.ndarray):
    """Expected counts have the observed margins; p is in [0, 1]; 0 <= V <= 1."""
    res = quiet(table)
    np.testing.assert_allclose(res.expected.sum(axis=1), table.sum(axis=1))
    np.testing.assert_allclose(res.expected.sum(axis=0), table.sum(axis=0))
    assert 0.0 <= res.pvalue <= 1.0
    assert 0.0 <= res.cramers_v <= 1.0 + 1e-12
    assert res.statistic == pytest.approx((res.residuals**2).sum())


def test_monte_carlo_is_seeded_and_close_to_exact():
    """A seeded Monte Carlo p-value is reproducible and near the exact one."""
    table = [[89, 15, 1], [88, 46, 5]]
    a = quiet(table, method="monte-carlo", resamples=20_000, seed=7)
    b = quiet(table, method="monte-carlo", resamples=20_000, seed=7)
    assert a.pvalue == b.pvalue
    exact = fisher_exact_rxc(table)
    assert a.pvalue == pytest.approx(exact, abs=4 * np.sqrt(exact / 20_000) + 1e-4)
    assert a.resamples == 20_000 and "Monte Carlo" in a.summary()
    assert "resamples=20000" in repr(a)


def test_monte_carlo_p_is_never_zero():
    """The Monte Carlo p-value is (1 + hits) / (B + 1), never 0."""
    res = quiet([[50, 0], [0, 50]], method="monte-carlo", resamples=99, seed=1)
    assert res.pvalue == pytest.approx(1 / 100)


@pytest.mark.stacklevel
def test_small_expected_warning():
    """Expected counts below 5 trigger SmallExpectedWarning pointing at the caller."""
    with pytest.warns(SmallExpectedWarning, match="below 5") as rec:
        chi_square([[89, 15, 1], [88, 46, 5]])
    assert rec[0].filename == __file__


def test_accepts_tally_and_keeps_labels():
    """A Tally's labels appear in the result's repr and HTML."""
    t = Tally.from_counts(
        [[76, 6, 4], [17, 15, 12]], ["Engaged", "Disengaged"], ["Achieved", "Almost", "Not"]
    )
    res = chi_square(t)
    assert "rows=[Engaged, Disengaged]" in repr(res)
    html = res._repr_html_()
    assert html.startswith("<table>") and "Disengaged" in html
    assert "Engaged" in res._repr_markdown_()
    d = res.to_dict()
    assert d["row_labels"] == ["Engaged", "Disengaged"] and d["df"] == 2


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([[1, 2, 3]], "at least 2 rows"),
        ([[1, 0], [2, 0]], "column 2 is all zeros"),
        ([[0, 0], [2, 3]], "row 1 is all zeros"),
        ([[1, -2], [3, 4]], "must be >= 0"),
        ([[1, 2.5], [3, 4]], "whole number"),
        ([[1, np.nan], [3, 4]], "is NaN"),
        ([[1, np.inf], [3, 4]], "is infinite"),
        ([[[1]]], "must be 2-D"),
    ],
)
def test_invalid_tables(table: object, message: str):
    """Every malformed table raises InvalidTableError naming the problem."""
    with pytest.raises(InvalidTableError, match=message):
        chi_square(table)  # type: ignore[arg-type]


def test_invalid_method_and_resamples():
    """An unknown method or a non-positive resample count is a ValueError."""
    with pytest.raises(ValueError, match="method must be"):
        chi_square([[1, 2], [3, 4]], method="bootstrap")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="resamples must be a whole number >= 1: 0"):
        quiet([[1, 2], [3, 4]], method="monte-carlo", resamples=0)


# -- the shared result protocol ------------------------------------------------------------------


def test_df_is_the_name_and_dof_a_deprecated_alias():
    """ChiSquareResult.df is the degrees of freedom; .dof still reads it."""
    res = chi_square([[76, 6, 4], [17, 15, 12]])
    assert res.df == res.dof == 2
    assert "df" in res.to_dict() and "dof" not in res.to_dict()
    statistic, pvalue = res
    assert (statistic, pvalue) == (res.statistic, res.pvalue)


def test_pvalues_print_through_one_formatter():
    """Below .001 a summary says "p < .001" (the exact value in parentheses); else 3 decimals."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        table5 = chi_square([[89, 15, 1], [88, 46, 5]])  # p = 0.00093
    assert "p < .001 (0.00093)" in table5.summary()
    assert "p = 0.001" not in table5.summary()
    exact = chi_square([[3, 1], [1, 3]], method="exact")
    assert "exact p = 0.486," in exact.summary()
    mc = chi_square([[3, 1], [1, 3]], method="monte-carlo", resamples=2000, seed=1)
    assert mc.summary().split(", ")[2].startswith("p ≈ 0.")
    assert len(mc.summary().split("p ≈ ")[1].split(" ")[0]) == 5  # three decimals


def test_mcnemar_result_protocol():
    """McNemar's statistic is the smaller discordant count (R: binom.test(min(b, c), b + c))."""
    res = mcnemar_exact(10, 2)
    statistic, pvalue = res
    assert (statistic, res.n) == (2, 12)
    assert pvalue == pytest.approx(stats.binomtest(2, 12, 0.5).pvalue)
    assert res.summary() == "Exact McNemar: 10 before only, 2 after only (12 discordant), p = 0.039"
    assert res.to_dict() == {
        "before_only": 10,
        "after_only": 2,
        "pvalue": pytest.approx(0.0386, abs=5e-5),
        "statistic": 2,
        "n": 12,
    }
    assert mcnemar_exact(0, 0) == mcnemar_exact(0, 0) and tuple(mcnemar_exact(0, 0)) == (0, 1.0)


def test_crosstab_with_named_axes_keeps_labels():
    """chi_square(pd.crosstab(...)) keeps the categories of the named index and columns."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "engagement": ["Engaged"] * 6 + ["Disengaged"] * 6,
            "status": ["Achieved"] * 5 + ["Not achieved"] + ["Achieved"] * 2 + ["Not achieved"] * 4,
        }
    )
    table = pd.crosstab(df["engagement"], df["status"])
    assert (table.index.name, table.columns.name) == ("engagement", "status")
    res = chi_square(table, method="exact")
    assert res.row_labels == ("Disengaged", "Engaged")
    assert res.column_labels == ("Achieved", "Not achieved")
    frame = res.to_frame()
    assert frame["row"].tolist() == ["Disengaged"] * 2 + ["Engaged"] * 2
    assert frame["observed"].tolist() == [2, 4, 5, 1]
