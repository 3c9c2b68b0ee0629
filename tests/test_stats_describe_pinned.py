"""Tests for safecore.stats.describe that pin values mutation testing found unchecked.

Every expected value is worked out in a comment (exact rational arithmetic, or scipy called
directly); none comes from the code under test.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from scipy import stats

from safecore.stats.describe import accurate_mean_sd, describe


def _alternating(centre: str, low: str, high: str) -> list[float]:
    return [float(centre)] + [float(low), float(high)] * 500


@pytest.mark.parametrize(
    "data",
    [
        # NIST StRD NumAcc3 and NumAcc4 (https://www.itl.nist.gov/div898/strd/univ/): numpy's
        # one-pass mean is 1000000.2000000001 and 10000000.200000001, each one unit in the last
        # place above the double nearest the exact mean; the correction brings it back.
        _alternating("1000000.2", "1000000.1", "1000000.3"),
        _alternating("10000000.2", "10000000.1", "10000000.3"),
        # 2**53, 2**53 + 2, 2**53 + 2: the exact mean is 2**53 + 4/3, whose nearest double is
        # 2**53 + 2 (doubles are 2 apart there); numpy's sum rounds to a mean of 2**53.
        [2.0**53, 2.0**53 + 2, 2.0**53 + 2],
    ],
    ids=["NumAcc3", "NumAcc4", "2**53"],
)
def test_mean_is_the_double_nearest_the_exact_mean(data: list[float]):
    """The corrected mean is the exact mean of the stored values, correctly rounded."""
    exact = sum(Fraction(x) for x in data) / len(data)
    mean, _ = accurate_mean_sd(np.array(data))
    assert mean == float(exact)
    assert describe(data).mean == float(exact)


def test_sd_corrects_for_an_unrepresentable_mean():
    """The sum of squares subtracts (sum of deviations)^2 / n, so a rounded mean does not bias it.

    2**53, 2**53 + 2, 2**53 + 2 are 0, 2, 2 above 2**53: mean 4/3, squared deviations
    16/9 + 4/9 + 4/9 = 8/3, SD = sqrt(8/3 / 2) = sqrt(4/3) = 1.1547. The mean used, 2**53 + 2,
    leaves deviations -2, 0, 0: 4 - (-2)^2 / 3 = 8/3.
    """
    _, sd = accurate_mean_sd(np.array([2.0**53, 2.0**53 + 2, 2.0**53 + 2]))
    assert sd == pytest.approx(math.sqrt(4 / 3), rel=1e-12)


def test_summary_keeps_the_method():
    """The summary records the interval's method: "z" and "bootstrap" as well as the default "t"."""
    assert describe([1, 2, 3], method="z").method == "z"
    assert describe([1, 2, 3], method="bootstrap", seed=1, resamples=99).method == "bootstrap"
    assert describe([1, 2, 3]).method == "t"


def test_single_value_prints_nan():
    """One value has no SD or interval: the report form prints them as nan (lower case)."""
    assert str(describe([4])) == "4.0 [nan, nan] nan"


def test_table_columns_caption_and_confidence_as_percent():
    """The one-row table: every field by name, the confidence as a percentage, and the caption.

    30, 40, 50: mean 40, SD 10, t(0.975, 2) = 4.3027, half-width 4.3027 * 10 / sqrt(3) = 24.84.
    """
    table = describe([30, 40, 50])._table()
    assert table.columns == (
        "n", "missing", "mean", "sd", "ci_low", "ci_high", "median", "min", "max",
        "confidence", "method",
    )  # fmt: skip
    assert table.display_rows()[0][-2:] == ["95%", "t"]
    assert table.caption == "40.0 [15.2, 64.8] 10.0 (M [95% CI] SD, n = 3)"
    assert describe([30, 40, 50], confidence=0.9)._table().display_rows()[0][-2] == "90%"


def test_bootstrap_uses_confidence_and_resamples():
    """The BCa interval is at the confidence asked for, from the number of resamples asked for."""
    x = np.random.default_rng(0).gamma(2.0, 5.0, size=30)
    got = describe(x, method="bootstrap", seed=4, confidence=0.8, resamples=999)
    ref = stats.bootstrap(
        (x,),
        np.mean,
        confidence_level=0.8,
        method="BCa",
        n_resamples=999,
        rng=np.random.default_rng(4),
    ).confidence_interval
    assert (got.ci_low, got.ci_high) == (ref.low, ref.high)


def test_resamples_error_names_the_argument():
    """A bad resample count is reported under its own name."""
    with pytest.raises(ValueError, match=r"^resamples must be a whole number"):
        describe([1, 2, 3], resamples=0)
