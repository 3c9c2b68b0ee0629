"""Tests for safecore.stats.consistency (GRIM and CI checks)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore.scales import ci_consistent, grim


def test_grim_classic_example():
    """Brown & Heathers (2017): a mean of 5.19 cannot come from 28 integer scores; 5.18 can."""
    assert not grim(5.19, 28).consistent
    assert grim(5.18, 28).consistent  # 145 / 28 = 5.1786


@given(st.lists(st.integers(1, 10), min_size=1, max_size=60), st.integers(0, 3))
def test_grim_accepts_every_real_mean(scores: list[int], decimals: int):
    """A mean actually computed from n integer scores always passes GRIM."""
    mean = round(sum(scores) / len(scores) + 1e-12, decimals)
    assert grim(mean, len(scores), 1.0, decimals).consistent


def test_grim_cbi_granularity():
    """CBI scale means are multiples of 25/k over n respondents: 37.5 for n = 11 with k = 6."""
    assert grim(37.5, 11, 25 / 6, 1).consistent
    assert not grim(37.4, 11, 25, 1).consistent


def test_ci_consistency():
    """A correctly computed t-interval passes; the report's Table 9 personal T1 interval fails."""
    x = np.array([20.0, 35, 41, 28, 55, 39, 47, 30, 36, 44, 37])
    m, s = round(x.mean(), 1), round(x.std(ddof=1), 1)
    from scipy import stats

    half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
    lo, hi = round(x.mean() - half, 1), round(x.mean() + half, 1)
    assert ci_consistent(m, s, len(x), lo, hi).consistent
    bad = ci_consistent(37.5, 11.3, 11, 31.9, 43.1)
    assert not bad.consistent
    assert bad.recomputed[0] == pytest.approx(29.91, abs=0.01)


def test_errors():
    """Invalid n or granularity raise ValueError."""
    with pytest.raises(ValueError, match="n must be"):
        grim(1.0, 0)
    with pytest.raises(ValueError, match="granularity"):
        grim(1.0, 3, 0)
    with pytest.raises(ValueError, match="n must be"):
        ci_consistent(1, 1, 1, 0, 2)
    assert "inconsistent" in repr(grim(5.19, 28))
    assert "consistent=False" in repr(ci_consistent(37.5, 11.3, 11, 31.9, 43.1))
