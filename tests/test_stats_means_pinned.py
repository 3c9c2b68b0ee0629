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
    one_sample_from_summary,
    paired,
    t_test,
    t_test_from_summary,
    welch,
    welch_from_summary,
)

# personal burnout of six staff (X) at a second time point (Z) and of another team (Y)
X = [45.8, 37.5, 50.0, 29.2, 41.7, 33.3]
Y = [55.0, 62.5, 48.3, 70.8, 58.3]
Z = [37.5, 33.3, 41.7, 29.2, 33.3, 25.0]
R_DATA = (
    "x <- c(45.8, 37.5, 50.0, 29.2, 41.7, 33.3); y <- c(55.0, 62.5, 48.3, 70.8, 58.3); "
    "z <- c(37.5, 33.3, 41.7, 29.2, 33.3, 25.0)"
)


# R's values are printed to 15 digits; they are compared to 1e-9 relative, the package's R target:
# at the oldest SciPy the package supports, t quantiles with df = 1 agree with R to about 2e-11.


def _frame_row(result, k=0):
    pytest.importorskip("pandas")
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
    assert row == pytest.approx(expected, rel=1e-9)
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
    pytest.importorskip("pandas")
    rows = res.to_frame().to_dict("records")
    assert list(rows[0]) == [
        "test", "statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "n", "missing",
    ]  # fmt: skip
    assert rows[0].pop("test") == "paired t"
    t_row = {
        "statistic": 4.4012993145024,
        "df": 5,
        "pvalue": 0.00701334589543721,
        "estimate": 6.25,
        "ci_low": 2.59968328107371,
        "ci_high": 9.90031671892629,
        "n": 6,
        "missing": 1,
    }
    assert rows[0] == pytest.approx(t_row, rel=1e-9)
    w_row = rows[1]
    assert (w_row["test"], w_row["n"], w_row["missing"]) == ("Wilcoxon signed-rank (V)", 6, 1)
    assert (w_row["statistic"], w_row["pvalue"]) == pytest.approx((15, 0.0544740351061956), rel=1e-9)
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
    assert row == pytest.approx(expected, rel=1e-9)
    assert str(res) == (
        "t(5) = -5.76, p = 0.002; mean 39.58 against the norm 57.9: difference -18.32, "
        "95% CI [-26.49, -10.14]\n"
        "t       df      p   mean  norm  difference  95% CI low  95% CI high  n  missing\n"
        "-5.761   5  0.002  39.58  57.9     -18.317     -26.490      -10.144  6        1"
    )


# -- TTestResult ---------------------------------------------------------------------------------

_T_COLUMNS = ["statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "mu", "n1", "n2", "missing"]


# fmt: off
_T_TABLES = [
    pytest.param(
        # r <- t.test(x, y, var.equal = TRUE, conf.level = 0.99): t = -3.97064956815652, df = 9,
        # p = 0.00325144552183593, conf.int -35.2721489120099 -3.52118442132343
        lambda: t_test(X, Y, equal_var=True, confidence_level=0.99),
        (-3.97064956815652, 9, 0.00325144552183593, 39.5833333333333 - 58.98,
         -35.2721489120099, -3.52118442132343, 0, 6, 5, 0),
        "t(9) = -3.97, p = 0.003; difference -19.40, 99% CI [-35.27, -3.52]\n"
        "t         df      p  difference  99% CI low  99% CI high  mu  n1  n2  missing\n"
        "-3.971  9.00  0.003     -19.397     -35.272       -3.521   0   6   5        0",
        id="student, the interval headed with its level (99%)",
    ),
    pytest.param(
        # r <- t.test(x, mu = 40, alternative = "less", conf.level = 0.9): t = -0.131049646376058,
        # df = 5, p = 0.450422848311425, mean 39.5833333333333, conf.int -Inf 44.2758426533932
        lambda: t_test(X, mu=40, alternative="less", confidence_level=0.9),
        (-0.131049646376058, 5, 0.450422848311425, 39.5833333333333,
         -math.inf, 44.2758426533932, 40, 6, 0, 0),
        "t(5) = -0.13, p = 0.450 (less); mean 39.58, 90% CI [-inf, 44.28]\n"
        "t         df      p    mean  90% CI low  90% CI high  mu  n1  n2  missing\n"
        "-0.131  5.00  0.450  39.583        -inf       44.276  40   6   0        0",
        id="one-sided one-sample: the mean, mu, the interval open below",
    ),
    pytest.param(
        # r <- t.test(x, z, paired = TRUE, alternative = "greater"): t = 4.4012993145024, df = 5,
        # p = 0.00350667294771861, conf.int 3.38856035833927 Inf
        lambda: t_test(X, Z, paired=True, alternative="greater"),
        (4.4012993145024, 5, 0.00350667294771861, 6.25, 3.38856035833927, math.inf, 0, 6, 0, 0),
        "Paired t(5) = 4.40, p = 0.004 (greater); mean difference 6.25, 95% CI [3.39, inf]\n"
        "t        df      p  mean difference  95% CI low  95% CI high  mu  n1  n2  missing\n"
        "4.401  5.00  0.004            6.250       3.389          inf   0   6   0        0",
        id="one-sided paired: the mean difference, the interval open above",
    ),
]
# fmt: on


@pytest.mark.parametrize(("make", "values", "text"), _T_TABLES)
def test_t_test_table(make, values, text):
    """A t-test's table row: R's numbers under the fixed columns, and the printed table whole."""
    res = make()
    row = _frame_row(res)
    assert list(row) == _T_COLUMNS
    assert row == pytest.approx(dict(zip(_T_COLUMNS, values, strict=True)), rel=1e-9)
    assert str(res) == text


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
@pytest.mark.parametrize("function", [hedges_g, welch])
def test_two_sample_errors_name_the_sample_at_fault(function, x, y, error, match):
    """hedges_g's and welch's errors name the sample (x or y), the count of present and
    missing values."""
    with pytest.raises(error, match=match):
        function(x, y)


def test_welch_counts_the_missing_of_both_samples():
    """welch's missing is the count of both samples' missing values (1 + 2)."""
    assert welch([1, 2, 3, None], [2, 4, None, None, 6]).missing == 3


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


# -- Norm ----------------------------------------------------------------------------------------


def test_norm_takes_a_sample_of_one():
    """A norm's n may be 1 (a single published figure); 0 is refused, naming n and the bound."""
    assert Norm("personal", 57.9, 1).n == 1
    with pytest.raises(InputValueError, match=r"^n must be a whole number >= 1: 0$"):
        Norm("personal", 57.9, 0)


def test_norm_mean_is_named_in_its_errors():
    """A norm's mean that is text or NaN is refused, naming "mean"."""
    with pytest.raises(InputTypeError, match=r"^mean must be a finite number, not str: '57.9'$"):
        Norm("personal", "57.9", 10)
    with pytest.raises(InputValueError, match=r"^mean must be a finite number: nan$"):
        Norm("personal", math.nan, 10)


# -- errors that name their argument --------------------------------------------------------------


def test_one_sample_from_summary_errors_name_the_sd_and_the_norm():
    """A zero SD is refused with the one-sample reason; a text norm is refused naming "norm"."""
    with pytest.raises(InputValueError, match=r"^the one-sample t-test is undefined when sd is 0$"):
        one_sample_from_summary(5, 3.0, 0.0, 2.5)
    with pytest.raises(InputTypeError, match=r"^norm must be a finite number, not str: '2.5'$"):
        one_sample_from_summary(5, 3.0, 1.0, "2.5")


def test_paired_names_the_sample_at_fault():
    """paired's type errors name the sample (x or y) and the 1-based position."""
    with pytest.raises(InputTypeError, match=r"^x, value 2: 'a' is text"):
        paired([1, "a"], [1, 2])
    with pytest.raises(InputTypeError, match=r"^y, value 1: 'b' is text"):
        paired([1, 2], ["b", 2])


@pytest.mark.parametrize(
    "make",
    [
        lambda: welch([1, 2, 3], [2, 3, 5]),
        lambda: paired([1, 2, 3], [2, 3, 5]),
        lambda: one_sample([1, 2, 3], 2),
        lambda: t_test([1, 2, 3]),
    ],
)
@pytest.mark.parametrize("level", [1.5, 1.0])
def test_confidence_interval_names_its_level(make, level):
    """A result's interval refuses a level outside (0, 1), 1 included, naming confidence_level."""
    with pytest.raises(InputValueError, match=r"^confidence_level must be a share in \(0, 1\)"):
        make().confidence_interval(level)


def test_t_test_errors_name_the_argument():
    """t_test's type errors name paired, or the sample (x or y) and the position."""
    with pytest.raises(InputTypeError, match=r"^paired must be True or False, not str: 'yes'$"):
        t_test([1, 2, 3], [2, 3, 4], paired="yes")
    with pytest.raises(InputTypeError, match=r"^x, value 2: 'a' is text"):
        t_test([1, "a"])


# -- t_test_from_summary ---------------------------------------------------------------------------


def test_t_test_from_summary_one_group_is_a_one_sample_test():
    """With one group, the result is R's one-sample test, named so."""
    res = t_test_from_summary(11, 37.5, 11.3, mu=57.9)
    assert (res.design, res.method) == ("one-sample", "One Sample t-test")
    # t = (37.5 - 57.9) / (11.3 / sqrt(11)) = -20.4 / 3.40708... = -5.98753...
    assert res.summary().startswith("t(10) = -5.99, p < .001; mean 37.50")


@pytest.mark.parametrize(
    ("n2", "mean2", "sd2", "expected"),
    [
        # t.test(5, c(2, 3, 4), var.equal = TRUE): t = 1.73205080756888, df = 2,
        # p = 0.225403330758517, conf.int -2.96827542350066 6.96827542350066
        (3, 3.0, 1.0, (1.73205080756888, 2, 0.225403330758517, -2.96827542350066, 6.96827542350066)),
        # t.test(5, c(2, 4), var.equal = TRUE): t = 1.15470053837925, df = 1,
        # p = 0.45437105165701, conf.int -20.0077921744269 24.0077921744269
        (
            2,
            3.0,
            math.sqrt(2),
            (1.15470053837925, 1, 0.45437105165701, -20.0077921744269, 24.0077921744269),
        ),
    ],
)
def test_student_from_summary_takes_a_group_of_one(n2, mean2, sd2, expected):
    """Student's test takes a group of one value (SD 0) when there are 3 values in all, as R."""
    res = t_test_from_summary(1, 5.0, 0.0, n2, mean2, sd2, equal_var=True)
    got = (res.statistic, res.df, res.pvalue, *res.confidence_interval())
    assert got == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((1, 5.0, 0.0, 3, 3.0, 1.0), {}, InputValueError, r"^n1 must be a whole number >= 2: 1$"),
        ((3, 5.0, 1.0, 1, 3.0, 0.0), {}, InputValueError, r"^n2 must be a whole number >= 2: 1$"),
        (
            (0, 5.0, 1.0, 3, 3.0, 1.0),
            {"equal_var": True},
            InputValueError,
            r"^n1 must be a whole number >= 1: 0$",
        ),
        (
            (3, 5.0, 1.0, 0, 3.0, 1.0),
            {"equal_var": True},
            InputValueError,
            r"^n2 must be a whole number >= 1: 0$",
        ),
        (
            (1, 5.0, 0.0, 1, 3.0, 0.0),
            {"equal_var": True},
            InputValueError,
            r"^Student's t-test needs at least 3 values in all: got 2$",
        ),
        ((11, 37.5, -1.0, 10, 34.2, 17.9), {}, InputValueError, r"^sd1 must be >= 0: -1.0$"),
        (
            (11, 37.5, 1.0, 10, "34.2", 17.9),
            {},
            InputTypeError,
            r"^mean2 must be a finite number, not str",
        ),
    ],
)
def test_t_test_from_summary_errors_name_the_group(args, kwargs, error, match):
    """Welch needs 2 values a group, Student 1 (3 in all); errors name the group's argument."""
    with pytest.raises(error, match=match):
        t_test_from_summary(*args, **kwargs)


# -- paired samples: two complete pairs are enough -------------------------------------------------


def test_paired_takes_two_complete_pairs():
    """Two complete pairs are enough for a paired test (R's), one is refused, counted."""
    res = t_test([1.0, 2.0, 7.0], [3.0, 5.0, None], paired=True)
    # r <- t.test(c(1, 2), c(3, 5), paired = TRUE): t = -5, df = 1, p = 0.125665916378002,
    # conf.int -8.85310236808735 3.85310236808735
    got = (res.statistic, res.df, res.pvalue, *res.confidence_interval())
    expected = (-5, 1, 0.125665916378002, -8.85310236808735, 3.85310236808735)
    assert got == pytest.approx(expected, rel=1e-9)
    assert (res.n1, res.missing) == (2, 1)
    with pytest.raises(
        InputValueError, match=r"^a paired comparison needs at least 2 complete pairs: got 1$"
    ):
        paired([1.0, None], [2.0, 3.0])


def test_welch_from_summary_errors():
    """welch_from_summary names the second group's n, and refuses two zero SDs, saying why."""
    with pytest.raises(InputValueError, match=r"^n2 must be a whole number >= 2: 1$"):
        welch_from_summary(5, 1.0, 1.0, 1, 2.0, 1.0)
    with pytest.raises(
        InputValueError,
        match=r"^Welch's test is undefined when both groups have zero spread \(sd1 = sd2 = 0\)$",
    ):
        welch_from_summary(5, 1.0, 0.0, 5, 2.0, 0.0)


@pytest.mark.parametrize("function", [welch_from_summary, hedges_g_from_summary])
@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((1, 1.0, 1.0, 5, 2.0, 1.0), r"^n1 must be a whole number >= 2: 1$"),
        ((5, 1.0, -1.0, 5, 2.0, 1.0), r"^sd1 must be >= 0: -1.0$"),
        ((5, 1.0, 1.0, 5, 2.0, -1.0), r"^sd2 must be >= 0: -1.0$"),
    ],
)
def test_summary_forms_name_the_group_at_fault(function, args, match):
    """The two-group summary forms name the group (1 or 2) of a wrong n or SD."""
    with pytest.raises(InputValueError, match=match):
        function(*args)


# -- hedges_g_from_summary ---------------------------------------------------------------------------


def test_hedges_g_with_a_pooled_sd_of_one():
    """A pooled SD of exactly 1 is an ordinary case: g = J (mean1 - mean2)."""
    # J = 1 - 3/(4 * 40 - 9) = 148/151; g = 148/151 * (10 - 9) / 1
    assert hedges_g_from_summary(20, 10.0, 1.0, 20, 9.0, 1.0).g == pytest.approx(148 / 151, rel=1e-15)


@pytest.mark.parametrize("confidence", [0.0, 1.0])
def test_hedges_g_confidence_is_strictly_inside_0_and_1(confidence):
    """A confidence of 0 or 1 (an empty or infinite interval) is refused, naming confidence."""
    with pytest.raises(InputValueError, match=r"^confidence must be a share in \(0, 1\)"):
        hedges_g_from_summary(20, 10.0, 1.0, 20, 9.0, 1.0, confidence=confidence)


def test_hedges_g_refuses_two_zero_sds():
    """Two zero SDs leave g undefined: refused, saying so."""
    with pytest.raises(
        InputValueError,
        match=r"^Hedges' g is undefined when both groups have zero spread \(sd1 = sd2 = 0\)$",
    ):
        hedges_g_from_summary(20, 10.0, 0.0, 20, 9.0, 0.0)


# -- display details: three decimals below 1, the caption in Markdown and HTML --------------------------


def test_effect_size_and_welch_g_show_three_decimals():
    """g and the interval's ends show three decimals, also below 1 (not 4 significant figures)."""
    es = hedges_g_from_summary(20, 10.0, 2.0, 20, 9.5, 2.0)
    # g = 148/151 * 0.5/2 = 0.24503; SE = sqrt(0.1 + g^2/80); half = qnorm(0.975) SE
    g = 148 / 151 / 4
    half = stats.norm.ppf(0.975) * math.sqrt(0.1 + g**2 / 80)
    assert str(es).splitlines()[2].split() == [f"{g:.3f}", f"{g - half:.3f}", f"{g + half:.3f}", "95%"]
    assert f"{g + half:.3f}" == "0.867"  # 4 significant figures would show 0.8667
    assert str(welch(X, Z)).splitlines()[2].split()[-1] == f"{_hedges_g(X, Z):.3f}" == "0.835"


@pytest.mark.parametrize(
    "make",
    [
        lambda: hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0),
        lambda: welch(X, Y),
        lambda: paired(X, Z),
        lambda: one_sample(X, 57.9),
        lambda: t_test(X, Y),
    ],
)
def test_markdown_and_html_lead_with_the_summary(make):
    """The Markdown table is headed by the result's one-line summary, the HTML table has it
    as its caption."""
    res = make()
    assert res._repr_markdown_().splitlines()[0] == res.summary()
    assert f"<caption>{res.summary()}</caption>".replace("'", "&#x27;") in res._repr_html_()


def test_t_test_one_sample_and_paired_value_errors():
    """One sample needs 2 present values (the message counts the missing); paired needs y."""
    with pytest.raises(
        InputValueError, match=r"^x needs at least 2 present values: got 1 \(2 missing\)$"
    ):
        t_test([1.0, None, float("nan")])
    with pytest.raises(InputValueError, match=r"^a paired test needs y: got y=None$"):
        t_test([1.0, 2.0], paired=True)


def test_t_test_two_sample_errors_name_y():
    """Two-sample errors name y: its type error, and its count (Student's 1 value, Welch's 2)."""
    with pytest.raises(InputTypeError, match=r"^y, value 2: 'b' is text"):
        t_test([1, 2, 3], [1, "b"])
    with pytest.raises(InputValueError, match=r"^y needs at least 1 present value: got 0$"):
        t_test([1.0, 2.0], [None, None], equal_var=True)
    with pytest.raises(InputValueError, match=r"^y needs at least 2 present values: got 1$"):
        t_test([1.0, 2.0], [3.0])


# -- t_test's refusals and smallest samples, found by the mutation run of t_test's helpers ---------


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # R> t.test(c(1e10, 1e10, 1e10 + 2^-19))  # Error: data are essentially constant
        # (SE 6.3e-7 is below 10 eps x |mean| = 2.2e-5, but it is not 0)
        ([1e10, 1e10, 1e10 + 2**-19], None),
        # R> t.test(c(1, 1, 1), c(2, 2, 2))  # Error: data are essentially constant (Welch, SE 0)
        ([1.0, 1.0, 1.0], [2.0, 2.0, 2.0]),
        # all zeros: R gives t = NaN (0 < 10 eps x 0 is false); safecore refuses any SE of 0
        ([0.0, 0.0, 0.0], None),
    ],
)
def test_t_test_refuses_essentially_constant_data(x, y):
    """Data whose standard error is 0 or below 10 eps times the larger |mean| (R's rule) are refused."""
    with pytest.raises(InputValueError, match=r"essentially constant \(standard error"):
        t_test(x, y)


@pytest.mark.parametrize("level", [0, 1, 0.0, 1.0])
def test_t_test_confidence_level_is_strictly_between_0_and_1(level):
    """A confidence level of 0 or 1 is refused by name (R: 'conf.level' must be between 0 and 1)."""
    with pytest.raises(InputValueError, match=r"confidence_level must be a share in \(0, 1\)"):
        t_test([1.0, 2.0, 4.0], confidence_level=level)


def test_student_t_test_with_three_values_in_all():
    """Student's test needs 3 values in all (df = 1): two and one are enough.

    R> r <- t.test(c(1, 2), c(4), var.equal = TRUE); c(r$statistic, r$parameter, r$p.value)
    -2.886751345948129  1  0.212295615009657
    """
    res = t_test([1.0, 2.0], [4.0], equal_var=True)
    assert res.statistic == pytest.approx(-2.886751345948129, rel=1e-12)
    assert res.df == 1
    assert res.pvalue == pytest.approx(0.212295615009657, rel=1e-9)
    with pytest.raises(InputValueError, match="needs at least 3 values in all: got 2"):
        t_test([1.0], [4.0], equal_var=True)


def test_t_test_from_summary_counts_no_missing_values():
    """Summaries have no missing values to count: the result's missing is 0."""
    assert t_test_from_summary(10, 5.0, 2.0, mu=4.0).missing == 0
    assert t_test_from_summary(10, 5.0, 2.0, 12, 4.0, 3.0).missing == 0
