"""Tests for safecore.stats.means that pin what mutation testing found unchecked.

Expected values are R's (the command beside each), scipy's or worked by hand
in a comment; none comes from the code under test. The printed tables are
pinned whole: their numbers are R's, rounded by hand to the column's format.
"""

from __future__ import annotations

import math
import statistics

import pytest
from scipy import stats

from safecore._errors import InputTypeError, InputValueError
from safecore.stats.means import (
    Norm,
    hedges_g,
    hedges_g_from_summary,
    one_sample,
    paired,
    t_test,
    welch,
)

# personal burnout of six staff (X) at a second time point (Z) and of another team (Y)
X = [45.8, 37.5, 50.0, 29.2, 41.7, 33.3]
Y = [55.0, 62.5, 48.3, 70.8, 58.3]
Z = [37.5, 33.3, 41.7, 29.2, 33.3, 25.0]
R_DATA = (
    "x <- c(45.8, 37.5, 50.0, 29.2, 41.7, 33.3); y <- c(55.0, 62.5, 48.3, 70.8, 58.3); "
    "z <- c(37.5, 33.3, 41.7, 29.2, 33.3, 25.0)"
)


def _frame_row(result, k=0):
    return result.to_frame().to_dict("records")[k]


def _hedges_g(a, b):
    """Hedges' g by the textbook formula: J (mean1 - mean2) / pooled SD, J = 1 - 3/(4(n1+n2) - 9)."""
    n1, n2 = len(a), len(b)
    pooled = math.sqrt(
        ((n1 - 1) * statistics.variance(a) + (n2 - 1) * statistics.variance(b)) / (n1 + n2 - 2)
    )
    return (1 - 3 / (4 * (n1 + n2) - 9)) * (statistics.mean(a) - statistics.mean(b)) / pooled


# -- EffectSize --------------------------------------------------------------------------------


def test_effect_size_table_at_90_percent():
    """The effect size's table: g, its interval and the level (as a percentage), by column."""
    es = hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0, confidence=0.9)
    # pooled SD 2, J = 1 - 3/151 = 148/151, g = 148/151 * 1/2 = 74/151;
    # SE^2 = 40/400 + g^2/80; z = qnorm(0.95) = 1.6448536...
    g = 74 / 151
    half = stats.norm.ppf(0.95) * math.sqrt(0.1 + g**2 / 80)
    row = _frame_row(es)
    assert list(row) == ["g", "ci_low", "ci_high", "confidence"]
    assert row == pytest.approx({"g": g, "ci_low": g - half, "ci_high": g + half, "confidence": 0.9})
    # g - half = -0.0378, g + half = 1.0180
    assert str(es) == (
        "Hedges' g = 0.49, 90% CI [-0.04, 1.02]\n"
        "g      ci low  ci high  confidence\n"
        "0.490  -0.038    1.018         90%"
    )


# -- WelchResult ---------------------------------------------------------------------------------


def test_welch_table():
    """Welch's table: t, df, p, difference, its 95% interval, group sizes, missing and g."""
    res = welch(X, [*Y, None])
    # r <- t.test(x, y): t = -3.9403008803521, df = 8.35218238522769, p = 0.00394327139535574,
    # means 39.5833333333333 58.98, conf.int -30.6655058031347 -8.12782753019866
    row = _frame_row(res)
    assert list(row) == [
        "statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "n1", "n2", "missing", "g",
    ]  # fmt: skip
    expected = {
        "statistic": -3.9403008803521,
        "df": 8.35218238522769,
        "pvalue": 0.00394327139535574,
        "estimate": 39.5833333333333 - 58.98,
        "ci_low": -30.6655058031347,
        "ci_high": -8.12782753019866,
        "n1": 6,
        "n2": 5,
        "missing": 1,
        "g": _hedges_g(X, Y),
    }
    assert row == pytest.approx(expected, rel=1e-12)
    assert str(res) == (
        "Welch's t(8.35) = -3.94, p = 0.004; difference -19.40, 95% CI [-30.67, -8.13], g = -2.20\n"
        "t         df      p  difference  95% CI low  95% CI high  n1  n2  missing       g\n"
        "-3.940  8.35  0.004     -19.397     -30.666       -8.128   6   5        1  -2.198"
    )


# -- PairedResult --------------------------------------------------------------------------------


def test_paired_table():
    """The paired table: a row for the t-test and one for Wilcoxon's V (no df or interval)."""
    res = paired([*X, None], [*Z, 1.0])
    # r <- t.test(x, z, paired = TRUE): t = 4.4012993145024, df = 5, p = 0.00701334589543721,
    # mean difference 6.25, conf.int 2.59968328107371 9.90031671892629
    # suppressWarnings(wilcox.test(x, z, paired = TRUE)): V = 15, p = 0.0544740351061956
    rows = res.to_frame().to_dict("records")
    assert list(rows[0]) == [
        "test", "statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "n", "missing",
    ]  # fmt: skip
    t_row = {
        "test": "paired t",
        "statistic": 4.4012993145024,
        "df": 5,
        "pvalue": 0.00701334589543721,
        "estimate": 6.25,
        "ci_low": 2.59968328107371,
        "ci_high": 9.90031671892629,
        "n": 6,
        "missing": 1,
    }
    assert rows[0] == pytest.approx(t_row, rel=1e-12)
    w_row = rows[1]
    assert (w_row["test"], w_row["n"], w_row["missing"]) == ("Wilcoxon signed-rank (V)", 6, 1)
    assert (w_row["statistic"], w_row["pvalue"]) == pytest.approx((15, 0.0544740351061956), rel=1e-12)
    assert all(math.isnan(w_row[k]) for k in ("df", "estimate", "ci_low", "ci_high"))
    assert str(res) == (
        "Paired t(5) = 4.40, p = 0.007; mean difference 6.25, 95% CI [2.60, 9.90]; "
        "Wilcoxon V = 15, p = 0.054 (6 pairs, 1 missing)\n"
        "test                      statistic  df      p  mean difference  95% CI low"
        "  95% CI high  pairs  missing\n"
        "paired t                      4.401   5  0.007            6.250       2.600"
        "        9.900      6        1\n"
        "Wilcoxon signed-rank (V)     15.000   -  0.054                -           -"
        "            -      6        1"
    )


# -- OneSampleResult ----------------------------------------------------------------------------


def test_one_sample_table():
    """The one-sample table: t, df, p, the mean, the norm, their difference and its interval."""
    res = one_sample([*X, None], Norm("personal", 57.9, 1720))
    # r <- t.test(x, mu = 57.9): t = -5.76094245469155, df = 5, p = 0.00221282041749974,
    # mean 39.5833333333333, conf.int 31.4102798801793 47.7563867864874 (of the mean:
    # the table's interval is of mean - 57.9)
    row = _frame_row(res)
    assert list(row) == [
        "statistic", "df", "pvalue", "mean", "norm", "estimate", "ci_low", "ci_high", "n", "missing",
    ]  # fmt: skip
    expected = {
        "statistic": -5.76094245469155,
        "df": 5,
        "pvalue": 0.00221282041749974,
        "mean": 39.5833333333333,
        "norm": 57.9,
        "estimate": 39.5833333333333 - 57.9,
        "ci_low": 31.4102798801793 - 57.9,
        "ci_high": 47.7563867864874 - 57.9,
        "n": 6,
        "missing": 1,
    }
    assert row == pytest.approx(expected, rel=1e-12)
    assert str(res) == (
        "t(5) = -5.76, p = 0.002; mean 39.58 against the norm 57.9: difference -18.32, "
        "95% CI [-26.49, -10.14]\n"
        "t       df      p   mean  norm  difference  95% CI low  95% CI high  n  missing\n"
        "-5.761   5  0.002  39.58  57.9     -18.317     -26.490      -10.144  6        1"
    )


# -- TTestResult ---------------------------------------------------------------------------------

_T_COLUMNS = ["statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "mu", "n1", "n2", "missing"]


def test_student_table_names_its_level():
    """Student's table: the difference of means, the interval headed with its level (99%)."""
    res = t_test(X, Y, equal_var=True, confidence_level=0.99)
    # r <- t.test(x, y, var.equal = TRUE, conf.level = 0.99): t = -3.97064956815652, df = 9,
    # p = 0.00325144552183593, conf.int -35.2721489120099 -3.52118442132343
    row = _frame_row(res)
    assert list(row) == _T_COLUMNS
    expected = {
        "statistic": -3.97064956815652,
        "df": 9,
        "pvalue": 0.00325144552183593,
        "estimate": 39.5833333333333 - 58.98,
        "ci_low": -35.2721489120099,
        "ci_high": -3.52118442132343,
        "mu": 0,
        "n1": 6,
        "n2": 5,
        "missing": 0,
    }
    assert row == pytest.approx(expected, rel=1e-12)
    assert str(res) == (
        "t(9) = -3.97, p = 0.003; difference -19.40, 99% CI [-35.27, -3.52]\n"
        "t         df      p  difference  99% CI low  99% CI high  mu  n1  n2  missing\n"
        "-3.971  9.00  0.003     -19.397     -35.272       -3.521   0   6   5        0"
    )


def test_one_sided_one_sample_table():
    """A one-sided one-sample table: the mean, mu, and the interval open below (R's)."""
    res = t_test(X, mu=40, alternative="less", confidence_level=0.9)
    # r <- t.test(x, mu = 40, alternative = "less", conf.level = 0.9): t = -0.131049646376058,
    # df = 5, p = 0.450422848311425, mean 39.5833333333333, conf.int -Inf 44.2758426533932
    row = _frame_row(res)
    assert list(row) == _T_COLUMNS
    expected = {
        "statistic": -0.131049646376058,
        "df": 5,
        "pvalue": 0.450422848311425,
        "estimate": 39.5833333333333,
        "ci_low": -math.inf,
        "ci_high": 44.2758426533932,
        "mu": 40,
        "n1": 6,
        "n2": 0,
        "missing": 0,
    }
    assert row == pytest.approx(expected, rel=1e-12)
    assert str(res) == (
        "t(5) = -0.13, p = 0.450 (less); mean 39.58, 90% CI [-inf, 44.28]\n"
        "t         df      p    mean  90% CI low  90% CI high  mu  n1  n2  missing\n"
        "-0.131  5.00  0.450  39.583        -inf       44.276  40   6   0        0"
    )


def test_one_sided_paired_table():
    """A one-sided paired table: the mean difference, its interval open above (R's)."""
    res = t_test(X, Z, paired=True, alternative="greater")
    # r <- t.test(x, z, paired = TRUE, alternative = "greater"): t = 4.4012993145024, df = 5,
    # p = 0.00350667294771861, conf.int 3.38856035833927 Inf
    row = _frame_row(res)
    assert list(row) == _T_COLUMNS
    expected = {
        "statistic": 4.4012993145024,
        "df": 5,
        "pvalue": 0.00350667294771861,
        "estimate": 6.25,
        "ci_low": 3.38856035833927,
        "ci_high": math.inf,
        "mu": 0,
        "n1": 6,
        "n2": 0,
        "missing": 0,
    }
    assert row == pytest.approx(expected, rel=1e-12)
    assert str(res) == (
        "Paired t(5) = 4.40, p = 0.004 (greater); mean difference 6.25, 95% CI [3.39, inf]\n"
        "t        df      p  mean difference  95% CI low  95% CI high  mu  n1  n2  missing\n"
        "4.401  5.00  0.004            6.250       3.389          inf   0   6   0        0"
    )


def test_welch_t_test_summary():
    """A Welch t_test's line is headed "Welch's t" with df to 4 significant figures."""
    res = t_test(X, Y)
    # r <- t.test(x, y): t = -3.9403008803521, df = 8.35218238522769, p = 0.00394327139535574,
    # conf.int -30.6655058031347 -8.12782753019866
    assert res.summary() == (
        "Welch's t(8.352) = -3.94, p = 0.004; difference -19.40, 95% CI [-30.67, -8.13]"
    )


# -- the raw-data forms: samples named in errors, the confidence passed on ---------------------


@pytest.mark.parametrize(
    ("x", "y", "error", "match"),
    [
        ([1.0], [1, 2, 3], InputValueError, r"^x needs at least 2 present values: got 1 \(0 missing\)$"),
        (
            [1, 2],
            [None, 3.0],
            InputValueError,
            r"^y needs at least 2 present values: got 1 \(1 missing\)$",
        ),
        ([1, "a"], [1, 2], InputTypeError, r"^x, value 2: 'a' is text"),
        ([1, 2], [1, True], InputTypeError, r"^y, value 2: True is a bool"),
    ],
)
def test_hedges_g_names_the_sample_at_fault(x, y, error, match):
    """hedges_g's errors name the sample (x or y), the count of present and missing values."""
    with pytest.raises(error, match=match):
        hedges_g(x, y)


def test_one_sample_names_its_values_and_counts_the_missing():
    """one_sample's too-few-values error names "values" and counts the missing one."""
    with pytest.raises(
        InputValueError, match=r"^values needs at least 2 present values: got 1 \(1 missing\)$"
    ):
        one_sample([1.0, None], 50)


def test_hedges_g_passes_its_confidence_on():
    """hedges_g's *confidence* sets the interval's level (here 90%)."""
    es = hedges_g(X, Y, confidence=0.9)
    # SE^2 = (n1 + n2)/(n1 n2) + g^2/(2 (n1 + n2)) with n1 = 6, n2 = 5; z = qnorm(0.95)
    g = _hedges_g(X, Y)
    half = stats.norm.ppf(0.95) * math.sqrt(11 / 30 + g**2 / 22)
    assert (es.g, es.ci_low, es.ci_high, es.confidence) == pytest.approx((g, g - half, g + half, 0.9))
