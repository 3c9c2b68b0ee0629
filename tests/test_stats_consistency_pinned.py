"""Tests for safecore.stats.consistency that pin values mutation testing found unchecked.

Every expected value comes from R (the command beside it) or from hand arithmetic in a
comment; none comes from the code under test.
"""

from __future__ import annotations

import math

import pytest

from safecore.stats.consistency import ci_consistent, grim

# -- grim: the arguments' bounds ----------------------------------------------------------------


def test_grim_accepts_the_smallest_bounds():
    """n = 1, decimals = 0 and 15, and a granularity below 1 are all valid."""
    # one score on the integer grid: 3 is possible; the grid points 1..5 lie at distances
    # 2, 1, 0, 1, 2 from it, so the nearest are 3 and then 2 (the first of the tie)
    res = grim(3.0, 1)
    assert (res.consistent, res.nearest) == (True, (3.0, 2.0))
    # four integer scores, mean to 0 decimals: 3 = 12 / 4 is possible
    assert grim(3.0, 4, decimals=0).consistent
    # two half-point scores: means on a grid of 0.25; 2.5 is possible, and 2.25 prints as 2.3
    # (halves up), but nothing prints as 2.4
    assert grim(2.5, 2, granularity=0.5).consistent
    assert grim(2.3, 2, granularity=0.5, decimals=1).consistent
    assert not grim(2.4, 2, granularity=0.5, decimals=1).consistent
    assert grim(0.5, 2, decimals=15).consistent  # 1 / 2 exactly


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"mean": math.nan, "n": 3}, "mean"),
        ({"mean": 1.0, "n": 3, "granularity": -1.0}, "granularity"),
        ({"mean": 1.0, "n": 3, "decimals": 16}, "decimals"),
        ({"mean": 1.0, "n": 3, "decimals": -1}, "decimals"),
    ],
)
def test_grim_refuses_each_bad_argument_by_name(kwargs: dict[str, float], name: str):
    """A NaN mean, a negative granularity, or decimals outside 0..15 are refused, naming the argument."""
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        grim(**kwargs)  # type: ignore[arg-type]


# -- grim: the grid and the nearest means ---------------------------------------------------------


def test_grim_on_a_cbi_grid_gives_the_two_nearest_means():
    """37.4 is impossible for 11 CBI scores over 6 items (grid 25/6); 37.5 and 37.1 are nearest."""
    # the means are (25/6) j / 11 = 25 j / 66; around 37.4 * 66 / 25 = 98.7:
    # j = 98 -> 37.1212 (37.1), j = 99 -> 37.5, j = 100 -> 37.8788 (37.9);
    # distances from 37.4: 0.1 (37.5), 0.3 (37.1), 0.5 (37.9)
    res = grim(37.4, 11, granularity=25 / 6, decimals=1)
    assert res.consistent is False
    assert res.nearest == (37.5, 37.1)
    assert (res.mean, res.n, res.granularity, res.decimals) == (37.4, 11, 25 / 6, 1)


def test_grim_nearest_means_are_rounded_as_reported():
    """The nearest means are rounded to the reported decimals, halves up."""
    # 5.19 from 28 integer scores: j / 28 for j = 145, 146 is 5.1786, 5.2143 -> 5.18, 5.21
    assert grim(5.19, 28).nearest == (5.18, 5.21)
    # to 1 decimal: 5.1786 -> 5.2 is 5.2 itself, consistent; 5.25 (= 147/28) rounds half up to 5.3
    assert grim(5.2, 28, decimals=1).consistent
    assert grim(5.3, 28, decimals=1).consistent


def test_grim_negative_and_large_means():
    """A negative mean is checked like its mirror image; a large one with the same absolute slack.

    -5.19 from 28 scores: j / 28 for j = -146, -145 is -5.2143, -5.1786, which round (halves away
    from zero) to -5.21, -5.18: impossible, nearest -5.18 then -5.21; -5.18 itself is possible.
    1000.01 from 3 scores: the means near it are 3000 / 3 = 1000.00 and 3001 / 3 = 1000.33, so
    it is impossible (a tolerance relative to the mean's size would let 1000.00 pass).
    """
    res = grim(-5.19, 28)
    assert (res.consistent, res.nearest) == (False, (-5.18, -5.21))
    assert grim(-5.18, 28).consistent
    res = grim(1000.01, 3)
    assert (res.consistent, res.nearest) == (False, (1000.0, 1000.33))


def test_grim_table_and_frame():
    """str() leads with the summary; the row shows the nearest means to the reported decimals."""
    lines = str(grim(5.19, 28)).splitlines()
    assert lines[0] == "GRIM: a mean of 5.19 from 28 scores is impossible (nearest 5.18, 5.21)"
    assert lines[1].split() == ["mean", "n", "granularity", "decimals", "consistent", "nearest"]
    assert lines[2].split() == ["5.19", "28", "1", "2", "no", "5.18,", "5.21"]
    # one decimal: 37.5 and 37.1 shown as 37.5, 37.1 (not 37.50)
    row = str(grim(37.5, 11, granularity=25 / 6, decimals=1)).splitlines()[2].split()
    assert row == ["37.5", "11", "4.167", "1", "yes", "37.5,", "37.1"]
    # the Markdown display leads with the same summary (the table's caption)
    assert grim(5.19, 28)._repr_markdown_().splitlines()[0] == lines[0]
    pytest.importorskip("pandas")
    df = grim(5.19, 28).to_frame()
    assert list(df.columns) == ["mean", "n", "granularity", "decimals", "consistent", "nearest"]
    assert df.iloc[0].tolist() == [5.19, 28, 1.0, 2, False, "5.18, 5.21"]


def test_grim_repr_and_summary_when_consistent():
    """A possible mean's summary and repr say so, without nearest means."""
    res = grim(5.18, 28)
    assert res.summary() == "GRIM: a mean of 5.18 from 28 scores is possible"
    assert repr(res) == "GrimResult(mean=5.18, n=28: consistent)"
    assert repr(grim(5.19, 28)) == "GrimResult(mean=5.19, n=28: inconsistent (nearest [5.18, 5.21]))"


# -- ci_consistent ------------------------------------------------------------------------------


def test_ci_ranges_of_the_doctest_interval():
    """M = 34.6, SD = 3.6, n = 12: the recomputed interval and where each end may lie.

    R> q <- qt(0.975, 11) / sqrt(12); m <- 34.6; s <- 3.6; h <- 0.05
    R> c(m - q*s, m + q*s, m-h-q*(s+h), m+h-q*(s-h), m-h+q*(s-h), m+h+q*(s+h))
    32.3126691256097 36.8873308743903 32.2309006412432 32.3944376099762
    36.8055623900238 36.9690993587568
    """
    res = ci_consistent(34.6, 3.6, 12, 32.3, 36.9)
    assert res.recomputed == pytest.approx((32.3126691256097, 36.8873308743903), rel=1e-12)
    assert res.low_range == pytest.approx((32.2309006412432, 32.3944376099762), rel=1e-12)
    assert res.high_range == pytest.approx((36.8055623900238, 36.9690993587568), rel=1e-12)
    assert res.published == (32.3, 36.9)
    assert res.consistent is True


@pytest.mark.parametrize(
    ("low", "high", "consistent"),
    [
        (32.2, 36.9, True),  # 32.2 below the low range (32.231) by less than half a unit (0.05)
        (32.4, 36.9, True),  # 32.4 above it (32.394) by less than half a unit
        (32.3, 36.8, True),  # 36.8 below the high range (36.806) by less than half a unit
        (32.3, 37.0, True),  # 37.0 above it (36.969) by less than half a unit
        (32.1, 36.9, False),  # 32.1 is 0.131 below the low range: more than half a unit
        (32.5, 36.9, False),  # 0.106 above it
        (32.3, 36.7, False),  # 0.106 below the high range
        (32.3, 37.1, False),  # 0.131 above it
    ],
)
def test_ci_ends_within_half_a_unit_of_the_range(low: float, high: float, consistent: bool):
    """A printed end is consistent when it lies within half a unit (rounding) of its range."""
    # ranges from test_ci_ranges_of_the_doctest_interval: low [32.2309, 32.3944],
    # high [36.8056, 36.9691]; half a unit at one decimal is 0.05
    assert ci_consistent(34.6, 3.6, 12, low, high).consistent is consistent


def test_ci_other_level_and_no_decimals():
    """At 90% with whole-number figures (half a unit = 0.5) the ranges widen accordingly.

    R> q <- qt(0.95, 4) / sqrt(5)   # 0.953390866368171
    R> c(10 - q*2, 10 + q*2, 10-0.5-q*2.5, 10+0.5-q*1.5, 10-0.5+q*1.5, 10+0.5+q*2.5)
    8.093218267263657 11.906781732736343 7.116522834079571 9.069913700447742
    10.930086299552258 12.883477165920429
    """
    res = ci_consistent(10, 2, 5, 8, 12, confidence=0.9, decimals=0)
    assert res.recomputed == pytest.approx((8.093218267263657, 11.906781732736343), rel=1e-12)
    assert res.low_range == pytest.approx((7.116522834079571, 9.069913700447742), rel=1e-12)
    assert res.high_range == pytest.approx((10.930086299552258, 12.883477165920429), rel=1e-12)
    assert res.consistent is True


def test_ci_zero_sd_and_an_end_exactly_half_a_unit_out():
    """SD 0 (printed 0, so below 0.5): the ends may sit half a unit beyond the range and still pass.

    With M = 10, n = 5, whole numbers: the SD lies in [0, 0.5] (not below 0), so the low end lies
    in [10 - 0.5 - 0.5 q, 10 + 0.5] and the high end in [10 - 0.5, 10 + 0.5 + 0.5 q],
    q = qt(0.975, 4) / sqrt(5) = 1.24166399820376 (R). A printed 11 is exactly half a unit above
    the low range's 10.5: consistent (the 1e-9 slack keeps it in).
    """
    res = ci_consistent(10, 0, 5, 11, 11, decimals=0)
    assert res.recomputed == (10.0, 10.0)
    assert res.low_range == pytest.approx((9.5 - 0.5 * 1.24166399820376, 10.5), rel=1e-12)
    assert res.high_range == pytest.approx((9.5, 11.12083199910188), rel=1e-12)
    assert res.consistent is True


def test_ci_accepts_the_smallest_n_and_equal_ends():
    """n = 2 is valid; an interval with equal ends is not refused.

    R> qt(0.975, 1) / sqrt(2)   # 8.98464353209375
    (to 1e-9: the oldest SciPy the package supports gives t(0.975, df = 1) 2e-11 away from R's)
    """
    res = ci_consistent(10, 1, 2, 1, 19)
    assert res.recomputed == pytest.approx((10 - 8.98464353209375, 10 + 8.98464353209375), rel=1e-9)
    assert ci_consistent(10, 0, 5, 10, 10).consistent is True


@pytest.mark.parametrize(
    ("args", "kwargs", "pattern"),
    [
        ((1.0, -0.1, 5, 0.0, 2.0), {}, r"^sd must be"),
        ((math.inf, 1.0, 5, 0.0, 2.0), {}, r"^mean must be"),
        ((1.0, 1.0, 5, math.nan, 2.0), {}, r"^low must be a finite"),
        ((1.0, 1.0, 5, 0.0, math.inf), {}, r"^high must be a finite"),
        ((1.0, 1.0, 5, 2.0, 1.0), {}, r"^low must be <= high: low 2\.0, high 1\.0$"),
        ((1.0, 1.0, 5, 0.0, 2.0), {"confidence": 1.0}, r"^confidence must be"),
        ((1.0, 1.0, 5, 0.0, 2.0), {"decimals": 16}, r"^decimals must be"),
        ((1.0, 1.0, 5, 0.0, 2.0), {"decimals": -1}, r"^decimals must be"),
    ],
)
def test_ci_refuses_each_bad_argument_by_name(
    args: tuple[float, ...], kwargs: dict[str, float], pattern: str
):
    """A negative SD, non-finite numbers, low > high, a level of 1, decimals outside 0..15: refused."""
    with pytest.raises(ValueError, match=pattern):
        ci_consistent(*args, **kwargs)  # type: ignore[arg-type]


def test_ci_summary_table_and_frame():
    """The summary names the verdict; the frame has one row per end with its range."""
    # R> q <- qt(0.975, 10) / sqrt(11); m <- 37.5; s <- 11.3; h <- 0.05
    # R> c(m - q*s, m + q*s, m-h-q*(s+h), m+h-q*(s-h), m-h+q*(s-h), m+h+q*(s+h))
    # 29.9085567047978 45.0914432952022 29.8249662477394 29.9921471618562
    # 45.0078528381438 45.1750337522606
    res = ci_consistent(37.5, 11.3, 11, 31.9, 43.1)
    assert res.summary() == "CI [31.9, 43.1] against the recomputed [29.91, 45.09]: inconsistent"
    lines = str(res).splitlines()
    assert lines[0] == res.summary()
    assert lines[1] == "end   published  recomputed  lowest possible  highest possible"
    assert lines[2].split() == ["low", "31.9", "29.91", "29.82", "29.99"]
    assert lines[3].split() == ["high", "43.1", "45.09", "45.01", "45.18"]
    assert res._repr_markdown_().splitlines()[0] == res.summary()
    assert repr(res) == (
        "CIConsistency(published=[31.9, 43.1], recomputed=[29.91, 45.09], consistent=False)"
    )
    pytest.importorskip("pandas")
    df = res.to_frame()
    assert list(df.columns) == ["end", "published", "recomputed", "lowest", "highest"]
    assert df["end"].tolist() == ["low", "high"]
    assert df["published"].tolist() == [31.9, 43.1]
    expected = [
        [29.9085567047978, 29.8249662477394, 29.9921471618562],
        [45.0914432952022, 45.0078528381438, 45.1750337522606],
    ]
    got = df[["recomputed", "lowest", "highest"]].to_numpy().tolist()
    assert got == [pytest.approx(row, rel=1e-12) for row in expected]
