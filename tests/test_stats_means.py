"""Tests for safecore.stats.means, against R's documented t.test and wilcox.test examples."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from safecore.scales import (
    CBI_SOCIAL_WORKER_NORMS,
    hedges_g,
    hedges_g_from_summary,
    one_sample,
    one_sample_from_summary,
    paired,
    welch,
    welch_from_summary,
)

# R's `sleep` data (Cushny & Peebles), extra hours of sleep under drug 1 and drug 2.
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def test_r_welch_sleep():
    """R> with(sleep, t.test(extra[group == 1], extra[group == 2]))
    t = -1.8608, df = 17.776, p-value = 0.07939
    """
    r = welch(SLEEP_1, SLEEP_2)
    assert r.statistic == pytest.approx(-1.8608, abs=5e-5)
    assert r.df == pytest.approx(17.776, abs=5e-4)
    assert r.pvalue == pytest.approx(0.07939, abs=5e-6)


def test_r_paired_sleep():
    """R> with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE))
    t = -4.0621, df = 9, p-value = 0.002833
    """
    r = paired(SLEEP_1, SLEEP_2)
    assert r.t == pytest.approx(-4.0621, abs=5e-5)
    assert r.df == 9
    assert r.t_pvalue == pytest.approx(0.002833, abs=5e-7)


def test_r_wilcoxon_depression():
    """R's wilcox.test example (Hollander & Wolfe, depression scale), two-sided:
    R> x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
    R> y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
    R> wilcox.test(x, y, paired = TRUE)   # V = 40, p-value = 0.03906
    """
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    r = paired(x, y)
    assert r.wilcoxon == 40
    assert r.wilcoxon_pvalue == pytest.approx(0.03906, abs=5e-6)


def test_paired_excludes_incomplete_pairs():
    """Pairs with a missing side are excluded and counted, never imputed."""
    r = paired([1, 2, None, 4, 5], [2, 2, 3, np.nan, 7])
    assert (r.n, r.excluded) == (3, 2)
    assert r.mean_difference == pytest.approx(np.mean([1 - 2, 2 - 2, 5 - 7]))
    with pytest.raises(ValueError, match="same length"):
        paired([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="at least 2 complete pairs"):
        paired([1, None], [2, 3])
    with pytest.raises(ValueError, match="every difference is equal"):
        paired([1, 2, 3], [2, 3, 4])


finite = st.floats(-100, 100, allow_nan=False)


@given(st.lists(finite, min_size=2, max_size=30), st.lists(finite, min_size=2, max_size=30))
def test_welch_from_summary_equals_raw(x: list[float], y: list[float]):
    """Welch from summaries equals Welch from the raw data (and scipy's)."""
    if np.std(x) + np.std(y) < 1e-6:
        return
    raw = welch(x, y)
    summ = welch_from_summary(
        len(x),
        float(np.mean(x)),
        float(np.std(x, ddof=1)),
        len(y),
        float(np.mean(y)),
        float(np.std(y, ddof=1)),
    )
    with warnings.catch_warnings():  # scipy warns on a constant group; the reference still holds
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = stats.ttest_ind(x, y, equal_var=False)
    assert raw.statistic == pytest.approx(summ.statistic, rel=1e-6, abs=1e-9)
    assert raw.pvalue == pytest.approx(ref.pvalue, rel=1e-6, abs=1e-12)


def test_welch_from_summary_matches_scipy_on_report_table_9():
    """Table 9 personal burnout, time 1 against time 2, from the printed summaries."""
    r = welch_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9)
    ref = stats.ttest_ind_from_stats(37.5, 11.3, 11, 34.2, 17.9, 10, equal_var=False)
    assert r.statistic == pytest.approx(ref.statistic)
    assert r.pvalue == pytest.approx(ref.pvalue)
    assert r.pvalue > 0.05  # "no significant changes", as the report says


def test_hedges_g_hand_worked():
    """g = J d with J = 1 - 3/(4(n1+n2)-9); SE^2 = (n1+n2)/(n1 n2) + g^2/(2(n1+n2))."""
    e = hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0)
    j = 1 - 3 / 151
    assert e.g == pytest.approx(0.5 * j)
    se = np.sqrt(40 / 400 + e.g**2 / 80)
    assert (e.ci_low, e.ci_high) == pytest.approx((e.g - 1.959964 * se, e.g + 1.959964 * se))
    assert hedges_g([1, 2, 3, 4], [1, 2, 3, 4]).g == 0


def test_one_sample_against_norm():
    """Raw and summary forms agree; the norm carries its citation; equals scipy's t-test."""
    x = np.array([30.0, 45, 38, 27, 50, 41, 33])
    norm = CBI_SOCIAL_WORKER_NORMS["personal"]
    assert norm.mean == 57.9 and norm.n == 1720 and "Walters" in norm.source
    r = one_sample([*x.tolist(), None], norm)
    ref = stats.ttest_1samp(x, 57.9)
    assert r.statistic == pytest.approx(ref.statistic)
    assert r.pvalue == pytest.approx(ref.pvalue)
    assert r.missing == 1
    s = one_sample_from_summary(len(x), float(x.mean()), float(x.std(ddof=1)), 57.9)
    assert s.statistic == pytest.approx(r.statistic)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1, 1.0, 1.0, 5, 1.0, 1.0), "n1 must be"),
        ((5, 1.0, -1.0, 5, 1.0, 1.0), "sd1 must be"),
        ((5, 1.0, 0.0, 5, 2.0, 0.0), "zero spread"),
    ],
)
def test_summary_errors(args: tuple[float, ...], message: str):
    """Impossible summaries are rejected with a clear ValueError."""
    with pytest.raises(ValueError, match=message):
        welch_from_summary(*args)  # type: ignore[arg-type]


def test_outputs():
    """Compact reprs and to_dict."""
    assert repr(welch(SLEEP_1, SLEEP_2)).startswith("WelchResult(t=-1.861")
    assert repr(paired(SLEEP_1, SLEEP_2)).startswith("PairedResult(n=10")
    assert welch(SLEEP_1, SLEEP_2).to_dict()["effect"]["g"] < 0
    assert "<table>" in paired(SLEEP_1, SLEEP_2)._repr_html_()
    assert "OneSampleResult(mean=" in repr(one_sample([1, 2, 3], 5))


# -- the shared result protocol: unpacking, intervals, one vocabulary ---------------------------


def test_tests_unpack_like_scipy():
    """t, p = welch(x, y) (and paired, one_sample) unpacks statistic and p-value."""
    t, p = welch(SLEEP_1, SLEEP_2)
    ref = stats.ttest_ind(SLEEP_1, SLEEP_2, equal_var=False)
    assert (t, p) == pytest.approx((ref.statistic, ref.pvalue))
    t, p = paired(SLEEP_1, SLEEP_2)
    ref = stats.ttest_rel(SLEEP_1, SLEEP_2)
    assert (t, p) == pytest.approx((ref.statistic, ref.pvalue))
    t, p = one_sample(SLEEP_1, 1.0)
    ref = stats.ttest_1samp(SLEEP_1, 1.0)
    assert (t, p) == pytest.approx((ref.statistic, ref.pvalue))


def test_welch_confidence_interval_matches_r_and_scipy():
    """R> with(sleep, t.test(extra[group == 1], extra[group == 2]))$conf.int
    [1] -3.3654832  0.2054832   (Welch–Satterthwaite df = 17.776)
    """
    r = welch(SLEEP_1, SLEEP_2)
    assert r.estimate == pytest.approx(-1.58)
    assert r.confidence_interval() == pytest.approx((-3.3654832, 0.2054832), abs=5e-8)
    ref = stats.ttest_ind(SLEEP_1, SLEEP_2, equal_var=False)
    for level in (0.8, 0.95, 0.99):
        low, high = r.confidence_interval(confidence_level=level)
        ci = ref.confidence_interval(confidence_level=level)
        assert (low, high) == pytest.approx((ci.low, ci.high), rel=1e-9)


def test_welch_from_summary_interval_matches_scipy():
    """The summary form's interval equals scipy's from the raw data."""
    x = np.array([30.0, 45, 38, 27, 50, 41, 33])
    y = np.array([25.0, 31, 44, 29, 22])
    r = welch_from_summary(len(x), x.mean(), x.std(ddof=1), len(y), y.mean(), y.std(ddof=1))
    ci = stats.ttest_ind(x, y, equal_var=False).confidence_interval(0.9)
    assert r.confidence_interval(0.9) == pytest.approx((ci.low, ci.high), rel=1e-9)


def test_paired_confidence_interval_matches_r_and_scipy():
    """R> with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE))$conf.int
    [1] -2.4598858 -0.7001142
    """
    r = paired(SLEEP_1, SLEEP_2)
    assert r.estimate == pytest.approx(-1.58)
    assert r.confidence_interval() == pytest.approx((-2.4598858, -0.7001142), abs=5e-8)
    ci = stats.ttest_rel(SLEEP_1, SLEEP_2).confidence_interval(confidence_level=0.9)
    assert r.confidence_interval(0.9) == pytest.approx((ci.low, ci.high), rel=1e-9)


def test_one_sample_interval_is_of_the_difference_from_the_norm():
    """The interval is of mean - norm: scipy's interval of the mean, shifted by the norm.

    R> t.test(c(30, 45, 38, 27, 50, 41, 33), mu = 57.9)$conf.int - 57.9
    """
    x = [30.0, 45, 38, 27, 50, 41, 33]
    r = one_sample([*x, None], 57.9)
    assert r.estimate == pytest.approx(np.mean(x) - 57.9)
    ci = stats.ttest_1samp(x, 57.9).confidence_interval(confidence_level=0.95)
    assert r.confidence_interval() == pytest.approx((ci.low - 57.9, ci.high - 57.9), rel=1e-9)
    s = one_sample_from_summary(len(x), float(np.mean(x)), float(np.std(x, ddof=1)), 57.9)
    assert s.confidence_interval(0.99) == pytest.approx(r.confidence_interval(0.99))


@pytest.mark.parametrize("level", [0, 1, 95, -0.5, float("nan")])
def test_confidence_level_must_be_a_share(level: float):
    """confidence_level is strictly between 0 and 1 (0.95, not 95)."""
    with pytest.raises(ValueError, match="confidence_level"):
        welch(SLEEP_1, SLEEP_2).confidence_interval(level)


def test_deprecated_aliases_still_work():
    """PairedResult.t, .t_pvalue and .excluded are read-only aliases of the new names."""
    r = paired([1, 2, None, 4, 5], [2, 2, 3, np.nan, 7])
    assert r.t == r.statistic and r.t_pvalue == r.pvalue and r.excluded == r.missing == 2
    with pytest.raises(AttributeError):
        r.t = 1.0  # type: ignore[misc]
    assert "excluded" not in r.to_dict() and r.to_dict()["missing"] == 2


def test_one_vocabulary():
    """Every t-test result names its parts statistic, pvalue, df, n, missing and estimate."""
    for r in (welch(SLEEP_1, SLEEP_2), paired(SLEEP_1, SLEEP_2), one_sample(SLEEP_1, 0.0)):
        d = r.to_dict()
        assert {"statistic", "pvalue", "df", "missing"} <= set(d)
        assert isinstance(r.n, int) and isinstance(r.estimate, float)
    assert welch(SLEEP_1, SLEEP_2).n == 20 and paired(SLEEP_1, SLEEP_2).df == 9


def test_summaries_and_tables():
    """summary() is one APA-style line; the paired table has one row per test."""
    assert welch(SLEEP_1, SLEEP_2).summary().startswith("Welch's t(17.78) = -1.86, p = 0.079;")
    r = paired(SLEEP_1, SLEEP_2)
    assert r.summary().startswith("Paired t(9) = -4.06, p = 0.003;")
    assert "t(10) = -5.99, p < .001" in one_sample_from_summary(11, 37.5, 11.3, 57.9).summary()
    table = r._table()
    assert [row[0] for row in table.rows] == ["paired t", "Wilcoxon signed-rank (V)"]
    pytest.importorskip("pandas")
    df = r.to_frame()
    assert df["test"].tolist() == ["paired t", "Wilcoxon signed-rank (V)"]
    assert df["statistic"].tolist() == pytest.approx([r.statistic, r.wilcoxon])
    e = hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0)
    assert e.summary() == "Hedges' g = 0.49, 95% CI [-0.14, 1.12]"
