"""Tests for safecore.stats.ranks that pin values mutation testing found unchecked.

Every expected value comes from R (the command beside it) or from hand arithmetic in a
comment; none comes from the code under test.
"""

from __future__ import annotations

import math
import warnings

import pytest

from safecore import RankTestWarning
from safecore.stats import wilcoxon

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
