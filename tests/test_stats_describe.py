"""Tests for safecore.stats.describe, with NIST StRD certified values."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from safecore.scales import describe


def lre(value: float, certified: float) -> float:
    """Log relative error (digits of agreement), as NIST StRD reports accuracy."""
    if value == certified:
        return 15.0
    return -math.log10(abs(value - certified) / abs(certified))


# NIST StRD univariate summary statistics (https://www.itl.nist.gov/div898/strd/univ/):
# NumAcc1: 10000001, 10000003, 10000002 -> mean 10000002, sd 1
# NumAcc2: 1.2, then 1.1 and 1.3 alternating (1001 values) -> mean 1.2, sd 0.1
# NumAcc3: 1000000.2, then 1000000.1 / 1000000.3 alternating (1001) -> mean 1000000.2, sd 0.1
# NumAcc4: 10000000.2, then 10000000.1 / 10000000.3 alternating (1001) -> mean 10000000.2, sd 0.1
def _alternating(centre: str, low: str, high: str) -> list[float]:
    return [float(centre)] + [float(low), float(high)] * 500


NIST = {
    "NumAcc1": ([10000001.0, 10000003.0, 10000002.0], 10000002.0, 1.0),
    "NumAcc2": (_alternating("1.2", "1.1", "1.3"), 1.2, 0.1),
    "NumAcc3": (_alternating("1000000.2", "1000000.1", "1000000.3"), 1000000.2, 0.1),
    "NumAcc4": (_alternating("10000000.2", "10000000.1", "10000000.3"), 10000000.2, 0.1),
}


@pytest.mark.parametrize("name", list(NIST))
def test_nist_strd_univariate(name: str):
    """describe reproduces the NIST certified mean and SD (LRE >= 9 for the SD, 14 for the mean)."""
    data, mean, sd = NIST[name]
    s = describe(data)
    assert s.n == len(data)
    assert lre(s.mean, mean) >= 14
    # NumAcc3/4 values are not exactly representable in binary, so the SD of the stored data
    # itself differs from the certified 0.1 after 9 (NumAcc3) or 8 (NumAcc4) digits ...
    assert lre(s.sd, sd) >= {"NumAcc3": 9, "NumAcc4": 8}.get(name, 14)
    # ... and describe matches that SD, computed exactly in rational arithmetic, to 13 digits.
    exact = [Fraction(x) for x in data]
    m = sum(exact) / len(exact)
    exact_sd = math.sqrt(sum((x - m) ** 2 for x in exact) / (len(exact) - 1))
    assert lre(s.sd, exact_sd) >= 13


def test_report_style_format():
    """str gives 'M [low, high] SD' to one decimal, format takes other specs."""
    s = describe([30, 40, 50])
    assert str(s) == "40.0 [15.2, 64.8] 10.0"
    assert format(s, ".2f") == "40.00 [15.16, 64.84] 10.00"


def test_missing_counted():
    """None, NaN and blanks are counted as missing, not dropped silently."""
    s = describe([1, None, 3, float("nan"), "", 5])
    assert (s.n, s.missing, s.mean, s.median, s.min, s.max) == (3, 3, 3.0, 3.0, 1.0, 5.0)


def test_small_samples():
    """One value has no SD or CI; no values give NaN everywhere."""
    one = describe([4])
    assert one.mean == 4 and math.isnan(one.sd) and math.isnan(one.ci_low)
    none = describe([None, None])
    assert none.n == 0 and none.missing == 2 and math.isnan(none.mean)


def test_t_interval_matches_scipy():
    """The t interval equals scipy.stats.t.interval around the mean."""
    x = np.array([12.0, 15, 9, 20, 17, 11])
    s = describe(x, confidence=0.9)
    lo, hi = stats.t.interval(0.9, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    assert (s.ci_low, s.ci_high) == pytest.approx((lo, hi))


def test_bootstrap_is_seeded_bca():
    """The bootstrap interval is BCa, reproducible with a seed, and contains the mean."""
    x = np.random.default_rng(0).gamma(2.0, 5.0, size=40)
    a = describe(x, method="bootstrap", seed=1)
    b = describe(x, method="bootstrap", seed=1)
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)
    ref = stats.bootstrap((x,), np.mean, method="BCa", n_resamples=9_999, rng=np.random.default_rng(1))
    assert a.ci_low == pytest.approx(ref.confidence_interval.low)
    assert a.ci_low < a.mean < a.ci_high
    const = describe([3, 3, 3], method="bootstrap", seed=1)
    assert const.ci_low == const.ci_high == 3


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=50),
    st.sampled_from(["t", "z"]),
    st.floats(0.5, 0.999),
)
def test_ci_contains_mean(values: list[float], method: str, confidence: float):
    """The interval contains the mean, and is wider at higher confidence."""
    s = describe(values, method=method, confidence=confidence)  # type: ignore[arg-type]
    assert s.ci_low <= s.mean <= s.ci_high
    wider = describe(values, method=method, confidence=min(0.9999, confidence + 0.0005))  # type: ignore[arg-type]
    assert wider.ci_high - wider.ci_low >= s.ci_high - s.ci_low - 1e-9


@given(st.integers(30, 5000))
def test_t_and_z_converge(n: int):
    """t and z half-widths converge as n grows: ratio t_{n-1} / z -> 1."""
    x = np.linspace(0, 1, n)
    t = describe(x, method="t")
    z = describe(x, method="z")
    ratio = (t.ci_high - t.mean) / (z.ci_high - z.mean)
    assert 1 <= ratio <= 1 + 3.0 / n


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"confidence": 1.0}, r"confidence must be a share in \(0, 1\)"),
        ({"method": "exact"}, "method must be"),
    ],
)
def test_errors(kwargs: dict[str, object], message: str):
    """Invalid options raise ValueError."""
    with pytest.raises(ValueError, match=message):
        describe([1, 2, 3], **kwargs)  # type: ignore[arg-type]


def test_infinite_value_rejected():
    """An infinite score is an error, not a silent NaN."""
    with pytest.raises(ValueError, match="finite"):
        describe([1, math.inf])


def test_outputs():
    """repr, HTML and to_dict."""
    s = describe([1, 2, 3])
    assert repr(s).startswith("Summary(n=3, missing=0, mean=2")
    assert "<table>" in s._repr_html_()
    assert s.to_dict()["n"] == 3
