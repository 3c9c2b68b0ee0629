"""Tests for safecore.stats.ranks that pin values mutation testing found unchecked.

Every expected value comes from R (the command beside it) or from hand arithmetic in a
comment; none comes from the code under test.
"""

from __future__ import annotations

import math
import warnings

import pytest

from safecore import RankTestWarning
from safecore._errors import InputTypeError, InputValueError, LimitExceededError
from safecore.stats import wilcoxon
from safecore.stats.ranks import (
    MAX_EXACT_WORK,
    _check_work,
    _lower,
    _quantile,
    _ranksum_pmf,
    _signrank_pmf,
)

TEAM_A = [45.8, 37.5, 50.0, 29.2, 41.7, 33.3, 54.2]
TEAM_B = [55.0, 62.5, 48.3, 70.8, 58.3]
X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]


def test_table_with_an_interval():
    """The table shows W, p, R's method, n, zeros, missing, the estimate and the interval.

    R> w <- wilcox.test(c(45.8, 37.5, 50.0, 29.2, 41.7, 33.3, 54.2),
    R>                  c(55.0, 62.5, 48.3, 70.8, 58.3), conf.int = TRUE)
    R> c(w$statistic, w$p.value, w$estimate, w$conf.int)
    2 0.0101010101010101 -16.7000000000000028 -29.0999999999999979 -5
    """
    res = wilcoxon(TEAM_A, TEAM_B, confidence_level=0.95)
    caption = "Wilcoxon rank-sum W = 2, p = 0.010 (exact; n = 12); estimate -16.7, 95% CI [-29.1, -5]"
    lines = str(res).splitlines()
    assert lines[0] == caption
    assert lines[1].split() == [
        *("W", "p", "method", "n", "zeros", "missing", "estimate", "CI", "low", "CI", "high"),
    ]
    assert lines[2].split() == [
        *("2", "0.010", "Wilcoxon", "rank", "sum", "exact", "test", "12", "0", "0"),
        *("-16.7", "-29.1", "-5"),
    ]
    assert res._repr_markdown_().splitlines()[0] == caption
    pytest.importorskip("pandas")
    df = res.to_frame()
    assert list(df.columns) == [
        *("statistic", "pvalue", "method", "n", "zeros", "missing", "estimate", "ci_low", "ci_high"),
    ]
    row = df.iloc[0]
    assert row[["statistic", "method", "n", "zeros", "missing"]].tolist() == [
        *(2.0, "Wilcoxon rank sum exact test", 12, 0, 0),
    ]
    assert row["pvalue"] == pytest.approx(0.0101010101010101, rel=1e-12)  # 2 * 5 / choose(12, 5)
    assert row[["estimate", "ci_low", "ci_high"]].tolist() == pytest.approx([-16.7, -29.1, -5.0])


def test_table_without_an_interval_shows_dashes():
    """Without a confidence level the estimate and interval are NaN, shown as '-'.

    R> wilcox.test(x, y, paired = TRUE, alternative = "greater")   # V = 40, p = 0.01953125
    """
    res = wilcoxon(X, Y, paired=True, alternative="greater")
    row = str(res).splitlines()[2].split()
    method = ["Wilcoxon", "signed", "rank", "exact", "test"]
    assert row == ["40", "0.020", *method, "9", "0", "0", "-", "-", "-"]


def test_table_one_sided_interval_shows_infinity():
    """A one-sided interval's open end is infinite, shown as 'inf'.

    R> w <- wilcox.test(x, y, paired = TRUE, alternative = "greater", conf.int = TRUE,
    R>                  conf.level = 0.9)
    R> c(w$statistic, w$p.value, w$estimate, w$conf.int)   # 40 0.01953125 0.46 0.22 Inf
    """
    res = wilcoxon(X, Y, paired=True, alternative="greater", confidence_level=0.9)
    assert str(res).splitlines()[2].split()[-3:] == ["0.46", "0.22", "inf"]


def test_table_shows_the_statistic_in_full():
    """W is shown with format 'g' (six figures), not cut to four: 1759.5, and 2.25e+06.

    R> wilcox.test(0:59, 0:50)$statistic   # W = 1759.5
    (each x = i beats the min(i, 51) smaller y and ties one more when i <= 50:
    sum(0:50) + 9 * 51 + 51 / 2 = 1275 + 459 + 25.5 = 1759.5)
    For x = 1500..2999 against y = 0..1499 every x beats every y: W = 1500 * 1500 = 2.25e6.
    """
    res = wilcoxon(list(range(60)), list(range(51)))
    assert str(res).splitlines()[2].split()[0] == "1759.5"
    big = wilcoxon(list(range(1500, 3000)), list(range(1500)))
    assert str(big).splitlines()[2].split()[0] == "2.25e+06"


# -- R's warnings and the degenerate interval ------------------------------------------------------


def _messages(*args: object, **kwargs: object) -> tuple[object, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = wilcoxon(*args, **kwargs)  # type: ignore[arg-type]
    return res, [str(w.message) for w in caught if issubclass(w.category, RankTestWarning)]


def test_exact_with_zeros_warns_as_r_in_r_order():
    """exact=True with a zero: R's three warnings, in R's order, and R's numbers.

    R> w <- wilcox.test(c(0, 1, 2, -3.5), exact = TRUE, conf.int = TRUE, conf.level = 0.9)
    R> c(w$statistic, w$p.value, w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))
    3 1 -0.286217455010607 -3.499909626980073 1.999909626980073 0.6
    warnings: requested conf.level not achievable; cannot compute exact p-value with zeroes;
    cannot compute exact confidence interval with zeroes
    """
    res, messages = _messages([0.0, 1.0, 2.0, -3.5], exact=True, confidence_level=0.9)
    assert messages == [
        "requested conf.level not achievable",
        "cannot compute exact p-value with zeroes: the normal approximation is used",
        "cannot compute exact confidence interval with zeroes",
    ]
    assert (res.statistic, res.pvalue, res.exact, res.zeros) == (3.0, 1.0, False, 1)
    assert res.estimate == pytest.approx(-0.286217455010607, abs=1e-4)
    assert tuple(res.interval) == pytest.approx((-3.499909626980073, 1.999909626980073), abs=1e-4)
    assert res.confidence_level == pytest.approx(0.6, rel=1e-12)


def test_ties_warn_only_when_exact_was_asked_for():
    """Ties with exact=True warn once (no interval asked); with the default they do not.

    R> wilcox.test(c(1, 2, 2, 3, -4), exact = TRUE)   # V = 10, p = 0.587936746173566, a warning
    R> wilcox.test(c(1, 2, 2, 3, -4))                 # the same numbers, no warning
    """
    res, messages = _messages([1.0, 2.0, 2.0, 3.0, -4.0], exact=True)
    assert messages == ["cannot compute exact p-value with ties: the normal approximation is used"]
    assert res.pvalue == pytest.approx(0.587936746173566, rel=1e-12)
    res, messages = _messages([1.0, 2.0, 2.0, 3.0, -4.0])
    assert messages == []
    assert res.pvalue == pytest.approx(0.587936746173566, rel=1e-12)


def test_rank_sum_ties_with_exact_and_an_interval_warn_twice():
    """The rank-sum test with ties, exact=True and an interval gives R's two warnings and numbers.

    R> w <- wilcox.test(c(1, 2, 2, 3, -4), c(0, 5), exact = TRUE, conf.int = TRUE, conf.level = 0.8)
    R> c(w$statistic, w$p.value, w$estimate, w$conf.int)
    4 0.845078498236799 -2.438306591038358 -4.00005898922769 2.000033159268231
    (R words the second warning "confidence intervals"; here it is "interval", as for one sample)
    """
    res, messages = _messages([1.0, 2.0, 2.0, 3.0, -4.0], [0.0, 5.0], exact=True, confidence_level=0.8)
    assert messages == [
        "cannot compute exact p-value with ties: the normal approximation is used",
        "cannot compute exact confidence interval with ties",
    ]
    assert res.pvalue == pytest.approx(0.845078498236799, rel=1e-12)
    assert res.estimate == pytest.approx(-2.438306591038358, abs=1e-4)
    assert tuple(res.interval) == pytest.approx((-4.00005898922769, 2.000033159268231), abs=1e-4)


@pytest.mark.parametrize(
    ("alternative", "low", "high"),
    [("two-sided", None, None), ("less", -math.inf, None), ("greater", None, math.inf)],
)
def test_all_tied_observations_give_no_interval(alternative: str, low: float | None, high: float | None):
    """Every observation equal: R's interval is NaN (infinite on the open side), level 0, a warning.

    R> w <- wilcox.test(c(2, 2, 2), conf.int = TRUE)
    R> c(w$statistic, w$p.value, w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))
    6 0.148914673178766 2 NaN NaN 0
    R> wilcox.test(c(2, 2, 2), conf.int = TRUE, alternative = "less")$conf.int      # -Inf NaN
    R> wilcox.test(c(2, 2, 2), conf.int = TRUE, alternative = "greater")$conf.int   # NaN Inf
    """
    res, messages = _messages([2.0, 2.0, 2.0], confidence_level=0.95, alternative=alternative)
    assert messages == ["cannot compute confidence interval when all observations are zero or tied"]
    assert (res.statistic, res.estimate, res.confidence_level) == (6.0, 2.0, 0.0)
    got_low, got_high = res.interval
    assert math.isnan(got_low) if low is None else got_low == low
    assert math.isnan(got_high) if high is None else got_high == high
    if alternative == "two-sided":
        assert res.pvalue == pytest.approx(0.148914673178766, rel=1e-12)


# R> for (x in list(c(1,2,2,3), c(1,2,2,3,5), c(-1,2,2,3,5,6))) for (alt in c("two.sided",
# R>   "greater", "less")) { w <- suppressWarnings(wilcox.test(x, conf.int = TRUE, alternative = alt))
# R>   cat(alt, sprintf("%.15g", c(w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))), "\n") }
UNACHIEVABLE = [
    ([1, 2, 2, 3], "two-sided", 2, (1.49997544479815, 2.50002455520185), 0.8),
    ([1, 2, 2, 3], "greater", 2, (1.49998545249977, math.inf), 0.9),
    ([1, 2, 2, 3], "less", 2, (-math.inf, 2.49993103637287), 0.8),  # R halves alpha here too
    ([1, 2, 2, 3, 5], "two-sided", 2.49997073662787, (1, 5), 0.9),
    ([1, 2, 2, 3, 5], "greater", 2.49997073662787, (1, math.inf), 0.95),
    ([1, 2, 2, 3, 5], "less", 2.49997073662787, (-math.inf, 3.50001953250121), 0.9),
    ([-1, 2, 2, 3, 5, 6], "two-sided", 2.50005415967202, (0.500046570194093, 5.00003948983842), 0.9),
    ([-1, 2, 2, 3, 5, 6], "greater", 2.50005415967202, (0.500079986429267, math.inf), 0.95),
    ([-1, 2, 2, 3, 5, 6], "less", 2.50005415967202, (-math.inf, 4.49994125110691), 0.9),
]


@pytest.mark.parametrize(("x", "alternative", "estimate", "interval", "level"), UNACHIEVABLE)
def test_normal_interval_widens_an_unachievable_level_as_r(
    x: list[float], alternative: str, estimate: float, interval: tuple[float, float], level: float
):
    """With ties and few values R doubles alpha until the quantiles are reachable (R's numbers)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RankTestWarning)
        res = wilcoxon(x, confidence_level=0.95, alternative=alternative)  # type: ignore[arg-type]
    assert res.estimate == pytest.approx(estimate, abs=1e-4)
    assert tuple(res.interval) == pytest.approx(interval, abs=1e-4)
    assert res.confidence_level == pytest.approx(level, rel=1e-12)


def test_summary_names_the_approximation_and_the_side():
    """The summary says "normal approximation" or "exact", and names a one-sided alternative."""
    # R> wilcox.test(c(1, 2, 2, 3, -4))   # V = 10, p-value = 0.5879
    res, _ = _messages([1.0, 2.0, 2.0, 3.0, -4.0])
    assert res.summary() == "Wilcoxon signed-rank V = 10, p = 0.588 (normal approximation; n = 5)"
    # R> wilcox.test(x, y, paired = TRUE, alternative = "greater")   # V = 40, p-value = 0.01953
    greater = wilcoxon(X, Y, paired=True, alternative="greater")
    assert greater.summary() == "Wilcoxon signed-rank V = 40, p = 0.020 (exact, greater; n = 9)"


# -- the exact helpers against R's p/q functions ---------------------------------------------------

EPS = 2.0**-52  # R's .Machine$double.eps


def test_lower_tail_below_zero_is_zero():
    """P(V <= q) is 0 for any q below 0, not a sum over a wrapped-around slice.

    R> psignrank(c(-1, -2, -3.5), 5)   # 0 0 0
    """
    pmf = _signrank_pmf(5)
    assert [_lower(pmf, q) for q in (-1.0, -2.0, -3.5)] == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("p", "sizes", "expected"),
    [
        (0.25 + 11 * EPS, (2,), 1),  # R> qsignrank(0.25 + 11 * .Machine$double.eps, 2)   # 1
        (0.25 + 10 * EPS, (2,), 0),  # R> qsignrank(0.25 + 10 * .Machine$double.eps, 2)   # 0
        (0.5 + 11 * EPS, (1,), 1),  # R> qsignrank(0.5 + 11 * .Machine$double.eps, 1)     # 1
        (0.5 + 10 * EPS, (1,), 0),  # R> qsignrank(0.5 + 10 * .Machine$double.eps, 1)     # 0
        (0.90625 + 10 * EPS, (5,), 12),  # R> qsignrank(0.90625 + 10 * .Machine$double.eps, 5)  # 12
        (1 - 4 / 21 + 10 * EPS, (2, 5), 7),  # R> qwilcox(1 - 4/21 + 10 * .Machine$double.eps, 2, 5)  # 7
        (0.5, (5,), 7),  # R> qsignrank(0.5, 5)   # 7
        (0.5, (2, 5), 5),  # R> qwilcox(0.5, 2, 5)   # 5
    ],
)
def test_quantile_fuzz_and_upper_branch_as_r(p: float, sizes: tuple[int, ...], expected: int):
    """The quantile keeps R's 10-epsilon fuzz on both sides of 1/2, and above 1/2 counts down
    from the top as R does (smallest q with P(X > q) < 1 - p, found from the upper tail)."""
    pmf = _signrank_pmf(*sizes) if len(sizes) == 1 else _ranksum_pmf(*sizes)
    assert _quantile(pmf, p) == expected


def test_work_limit_is_inclusive():
    """A distribution of exactly MAX_EXACT_WORK operations is allowed; one more is refused."""
    _check_work(float(MAX_EXACT_WORK), "signed-rank")
    with pytest.raises(LimitExceededError, match="signed-rank"):
        _check_work(float(MAX_EXACT_WORK + 1), "signed-rank")


# -- the result's fields, repr and errors ----------------------------------------------------------


def test_exact_results_report_no_correction_and_no_ties():
    """An exact result has correction and ties exactly False (R's method names no correction).

    R> wilcox.test(x, y, paired = TRUE)$method   # "Wilcoxon signed rank exact test"
    R> wilcox.test(team_a, team_b)$method        # "Wilcoxon rank sum exact test"
    """
    for res in (wilcoxon(X, Y, paired=True), wilcoxon(TEAM_A, TEAM_B)):
        assert res.exact is True
        assert res.correction is False
        assert res.ties is False


def test_rank_sum_normal_without_ties_reports_exact_and_ties_false():
    """exact=False without ties: exact and ties are exactly False, the correction True.

    R> w <- wilcox.test(team_a, team_b, exact = FALSE)
    R> c(w$statistic, w$p.value); w$method
    2 0.0148509378873649   "Wilcoxon rank sum test with continuity correction"
    """
    res = wilcoxon(TEAM_A, TEAM_B, exact=False)
    assert res.pvalue == pytest.approx(0.0148509378873649, rel=1e-12)
    assert (res.exact, res.ties, res.correction) == (False, False, True)
    assert res.exact is False
    assert res.ties is False
    assert res.method == "Wilcoxon rank sum test with continuity correction"


def test_repr_names_the_normal_approximation():
    """The repr says "normal" for the normal approximation.

    R> wilcox.test(c(1, 2, 2, 3, -4))   # V = 10, p-value = 0.5879 (ties: normal approximation)
    """
    res = wilcoxon([1.0, 2.0, 2.0, 3.0, -4.0])
    assert repr(res) == "WilcoxonResult(V=10, p=0.5879, signed-rank normal, n=5)"


def test_interval_at_another_level_checks_the_level_first():
    """A level outside (0, 1) is refused by name, before comparing with the level computed."""
    res = wilcoxon(X, Y, paired=True, confidence_level=0.95)
    for bad in (1.0, 0.0):
        with pytest.raises(InputValueError, match=r"^confidence_level must be a share in \(0, 1\)"):
            res.confidence_interval(bad)


def test_interval_at_a_level_off_in_the_tenth_digit_is_refused():
    """Levels are compared to 1e-12 relative: 0.95 * (1 + 1e-10) is another level."""
    res = wilcoxon(X, Y, paired=True, confidence_level=0.95)
    assert tuple(res.confidence_interval(0.95 * (1 + 1e-13))) == tuple(res.interval)
    with pytest.raises(InputValueError, match=r"computed at confidence level 0\.95"):
        res.confidence_interval(0.95 * (1 + 1e-10))


def test_no_interval_error_says_how_to_get_one():
    """Without a confidence level, asking for the interval says to pass one to wilcoxon."""
    with pytest.raises(InputValueError, match=r"^no interval was computed: call wilcoxon\(\.\.\., "):
        wilcoxon(X, Y, paired=True).confidence_interval()


def test_undefined_tests_name_the_reason():
    """Every difference zero (signed-rank) or every value tied (rank-sum): errors saying so.

    R> wilcox.test(c(0, 0))$p.value        # NaN
    R> wilcox.test(c(1, 1), c(1, 1))$p.value   # NaN
    """
    with pytest.raises(InputValueError, match=r"^the signed-rank test is undefined: every difference"):
        wilcoxon([0.0, 0.0])
    with pytest.raises(InputValueError, match=r"^the rank-sum test is undefined: every value is tied"):
        wilcoxon([1.0, 1.0], [1.0, 1.0])


def test_rank_sum_interval_of_constant_samples_names_the_shift():
    """Two constant samples: no interval (R stops with an error), the message gives x - y.

    R> wilcox.test(c(3, 3), c(1, 1), conf.int = TRUE)
    Error in if (f.lower <= 0) return(mumin) : missing value where TRUE/FALSE needed
    """
    with pytest.raises(
        InputValueError,
        match=r"^the rank-sum confidence interval is undefined .*\(x - y = 2 throughout\)",
    ):
        wilcoxon([3.0, 3.0], [1.0, 1.0], confidence_level=0.95)


# -- exact intervals: the achieved level -----------------------------------------------------------

X5 = [-1.0, 2.0, 3.0, 5.0, 8.0]


def test_signed_rank_unachievable_level_is_reported_to_two_figures():
    """n = 5 at 97%: the best two-sided level is 1 - 2/32; R warns and reports 1 - 0.062.

    R> w <- wilcox.test(c(-1, 2, 3, 5, 8), conf.int = TRUE, conf.level = 0.97)
    R> c(w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))   # 3.5 -1 8 0.938, a warning
    """
    res, messages = _messages(X5, confidence_level=0.97)
    assert messages == ["requested conf.level not achievable"]
    assert (res.estimate, tuple(res.interval)) == (3.5, (-1.0, 8.0))
    assert res.confidence_level == pytest.approx(0.938, rel=1e-12)


def test_signed_rank_level_within_half_alpha_is_kept():
    """At 95.5% the achieved 2/32 = 0.0625 is within alpha/2 of 0.045 (0.0175 < 0.0225): no warning.

    R> w <- wilcox.test(c(-1, 2, 3, 5, 8), conf.int = TRUE, conf.level = 0.955)
    R> c(w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))   # 3.5 -1 8 0.955, no warning
    """
    res, messages = _messages(X5, confidence_level=0.955)
    assert messages == []
    assert res.confidence_level == 0.955


def test_rank_sum_unachievable_level_is_reported_in_full():
    """Sizes 3 and 4 at 97%: the best level 1 - 2/35 is reported unrounded, as R does.

    R> w <- wilcox.test(c(1.5, 2.5, 6), c(3, 4, 5, 7), conf.int = TRUE, conf.level = 0.97)
    R> c(w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))
    -1.5 -5.5 3 0.942857142857143, warning "Requested conf.level not achievable"
    """
    res, messages = _messages([1.5, 2.5, 6.0], [3.0, 4.0, 5.0, 7.0], confidence_level=0.97)
    assert messages == ["requested conf.level not achievable"]
    assert (res.estimate, tuple(res.interval)) == (-1.5, (-5.5, 3.0))
    assert res.confidence_level == pytest.approx(1 - 2 / 35, rel=1e-12)
    assert res.confidence_level != pytest.approx(0.943, rel=1e-6)


def test_one_sided_level_below_the_smallest_tail_uses_the_first_order_statistic():
    """n = 5, one-sided 99%: the quantile is 0, so the limit is the first Walsh average (R's
    ``qu <- 1``) and the achieved level 1 - 1/32, reported by R as 0.969 with a warning.

    R> w <- wilcox.test(c(-1, 2, 3, 5, 8), alternative = "greater", conf.int = TRUE, conf.level = 0.99)
    R> c(w$conf.int, attr(w$conf.int, "conf.level"))   # -1 Inf 0.969
    R> (same with "less")                              # -Inf 8 0.969
    """
    for alternative, interval in (("greater", (-1.0, math.inf)), ("less", (-math.inf, 8.0))):
        res, messages = _messages(X5, alternative=alternative, confidence_level=0.99)
        assert messages == ["requested conf.level not achievable"]
        assert tuple(res.interval) == interval
        assert res.confidence_level == pytest.approx(0.969, rel=1e-12)


def test_achieved_exactly_half_alpha_above_is_kept():
    """R warns only when the achieved alpha exceeds alpha by more than alpha/2, not at equality.

    Sizes 1 and 2, one-sided: the achieved alpha is 1/3; at level 7/9, alpha = 2/9 and
    1/3 - 2/9 == (2/9)/2 in floating point (checked in R too), so the level is kept.
    R> w <- wilcox.test(5, c(1, 2), alternative = "greater", conf.int = TRUE, conf.level = 7/9)
    R> c(w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))   # 3.5 3 Inf 0.777777777777778
    """
    level = 7 / 9
    assert (1 / 3 - (1 - level)) == (1 - level) / 2  # the tie this test is about
    res, messages = _messages([5.0], [1.0, 2.0], alternative="greater", confidence_level=level)
    assert messages == []
    assert (res.estimate, tuple(res.interval)) == (3.5, (3.0, math.inf))
    assert res.confidence_level == level


# -- normal-approximation intervals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "alternative", "interval", "reported"),
    [
        (0.95, "two-sided", (1.5, 1.5), 0.0),
        (0.95, "less", (-math.inf, 1.5), 0.0),
        (0.75, "two-sided", (1.5, 1.5), 0.0),
        (0.75, "less", (-math.inf, 1.5), 0.0),
        (0.75, "greater", (1.0, math.inf), 0.5),
    ],
)
def test_signed_rank_interval_collapses_to_the_median_when_alpha_reaches_one(
    level: float, alternative: str, interval: tuple[float, float], reported: float
):
    """Two values, normal approximation: R doubles alpha to 1 or beyond (0.75: exactly 1) and
    then gives the median as both limits and reports level 0 (never below 0).

    R> for (lev in c(0.95, 0.75)) for (alt in c("two.sided", "less", "greater")) {
    R>   w <- wilcox.test(c(1, 2), exact = FALSE, conf.int = TRUE, conf.level = lev, alternative = alt)
    R>   print(c(w$conf.int, attr(w$conf.int, "conf.level"))) }
    0.95: 1.5 1.5 0; -Inf 1.5 0; (greater: see the next test)
    0.75: 1.5 1.5 0; -Inf 1.5 0; 1 Inf 0.5 (each with "requested conf.level not achievable")
    """
    res, messages = _messages([1.0, 2.0], exact=False, confidence_level=level, alternative=alternative)
    assert messages == ["requested conf.level not achievable"]
    assert tuple(res.interval) == interval
    assert res.confidence_level == reported
    assert res.estimate == 1.5


def test_root_search_stops_at_r_tolerance():
    """The limit is where Brent's search with R's tolerance 1e-4 stops, as R's uniroot does.

    The z-statistic is a step function jumping at 1.5, so a tighter search would end nearer 1.5.
    R> w <- wilcox.test(c(1, 2), exact = FALSE, conf.int = TRUE, conf.level = 0.95,
    R>                  alternative = "greater")
    R> sprintf("%.15g", c(w$conf.int, attr(w$conf.int, "conf.level")))
    "1.50000743034292" "Inf" "0.199999999999999"
    """
    res, _ = _messages([1.0, 2.0], exact=False, confidence_level=0.95, alternative="greater")
    assert res.interval[0] == pytest.approx(1.50000743034292, abs=1e-12)
    assert res.confidence_level == pytest.approx(0.199999999999999, abs=1e-14)


def test_signed_rank_achievable_normal_interval_does_not_warn():
    """An achievable level gives no "not achievable" warning (R's test: 1 - level < 0.75 alpha).

    R> w <- wilcox.test(c(1, 2, 2, 3, -4, 5, 6, 7, 8), conf.int = TRUE)
    R> c(w$estimate, w$conf.int, attr(w$conf.int, "conf.level"))
    3.50006692637362 0.499946362095045 6.49995792868628 0.95 (R warns only about the ties)
    """
    res, messages = _messages([1.0, 2.0, 2.0, 3.0, -4.0, 5.0, 6.0, 7.0, 8.0], confidence_level=0.95)
    assert messages == []
    assert res.confidence_level == 0.95
    assert tuple(res.interval) == pytest.approx((0.499946362095045, 6.49995792868628), abs=1e-4)


@pytest.mark.parametrize(
    ("alternative", "interval"),
    [("two-sided", (1.0, 2.0)), ("less", (-math.inf, 2.0)), ("greater", (1.0, math.inf))],
)
def test_rank_sum_interval_end_checks_use_the_corrected_statistic(
    alternative: str, interval: tuple[float, float]
):
    """At the ends of the range the continuity-corrected z decides whether the limit is the end.

    x = (1, 2), y = 0 at 50%: at d = 1 the corrected z is 0 (uncorrected 0.707), below the
    quantile 0.674, so the lower limit is 1 (and the upper 2, by symmetry).
    R> for (alt in c("two.sided", "less", "greater")) print(wilcox.test(c(1, 2), 0, exact = FALSE,
    R>   conf.int = TRUE, conf.level = 0.5, alternative = alt)$conf.int)
    1 2; -Inf 2; 1 Inf
    """
    res, messages = _messages(
        [1.0, 2.0], [0.0], exact=False, confidence_level=0.5, alternative=alternative
    )
    assert messages == []
    assert tuple(res.interval) == interval
    assert res.estimate == pytest.approx(1.5, abs=1e-4)  # R: 1.5


# -- wilcoxon's inputs: names in messages, counts --------------------------------------------------


def test_bad_inputs_are_named():
    """Errors name the argument at fault: x, y (paired or not), paired, confidence_level."""
    with pytest.raises(InputTypeError, match=r"^x, value 1: 'a' is text"):
        wilcoxon(["a", 1.0])  # type: ignore[list-item]
    for is_paired in (False, True):
        with pytest.raises(InputTypeError, match=r"^y, value 1: 'a' is text"):
            wilcoxon([1.0], ["a"], paired=is_paired)  # type: ignore[list-item]
    with pytest.raises(InputTypeError, match=r"^paired must be True or False"):
        wilcoxon([1.0, 2.0], paired="yes")  # type: ignore[arg-type]
    for level in (1.0, 0.0):
        with pytest.raises(InputValueError, match=r"^confidence_level must be a share in \(0, 1\)"):
            wilcoxon([1.0, 2.0], confidence_level=level)
    with pytest.raises(InputValueError, match=r"^a paired test needs y: got y=None$"):
        wilcoxon([1.0, 2.0], paired=True)
    with pytest.raises(InputValueError, match=r"^not enough \(non-missing\) x observations: got 0$"):
        wilcoxon([math.nan])


def test_one_sample_counts_missing_values_and_zeros():
    """One sample: a NaN is counted as missing, a zero difference is dropped from n1.

    R> wilcox.test(c(1, NA, 2, 3))                       # V = 6, n = 3 (the NA removed)
    R> sum(sleep$extra[1:10] - sleep$extra[11:20] != 0)  # 9 differences ranked (one zero)
    """
    res = wilcoxon([1.0, math.nan, 2.0, 3.0])
    assert (res.statistic, res.missing, res.n1, res.n2) == (6.0, 1, 3, 0)
    sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    res = wilcoxon(sleep1, sleep2, paired=True)
    assert (res.n1, res.zeros, res.n) == (9, 1, 9)


def test_greater_p_value_at_the_smallest_statistic_is_one():
    """V = 0 against "greater": P(V >= 0) = 1, not more.

    R> wilcox.test(c(-1, -2, -3), alternative = "greater")$p.value   # 1
    """
    assert wilcoxon([-1.0, -2.0, -3.0], alternative="greater").pvalue == 1.0


def test_two_sample_empty_sample_is_named():
    """Two samples: the sample with no non-missing value is named in the error.

    R> wilcox.test(NA_real_, 1)   # Error: not enough (non-missing) 'x' observations
    R> wilcox.test(1, NA_real_)   # Error: not enough 'y' observations
    """
    with pytest.raises(InputValueError, match=r"^not enough \(non-missing\) x observations: got 0$"):
        wilcoxon([math.nan], [1.0])
    with pytest.raises(InputValueError, match=r"^not enough \(non-missing\) y observations: got 0$"):
        wilcoxon([1.0], [math.nan])


def test_result_keeps_paired_and_mu():
    """The result records paired and the null location mu as given.

    R> wilcox.test(x, y, paired = TRUE, mu = 0.5)$null.value   # location shift 0.5
    """
    res = wilcoxon(X, Y, paired=True, mu=0.5)
    assert res.paired is True
    assert res.mu == 0.5
    assert wilcoxon(TEAM_A, TEAM_B).paired is False
