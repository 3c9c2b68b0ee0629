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
