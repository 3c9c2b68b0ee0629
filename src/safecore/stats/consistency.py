"""Consistency checks on published summaries: GRIM and confidence intervals.

Examples
--------
>>> from safecore.scales import ci_consistent, grim
>>> grim(37.5, 11, granularity=25 / 6, decimals=1).consistent
True
>>> ci_consistent(37.5, 11.3, 11, 31.9, 43.1, decimals=1).consistent
False
"""

from __future__ import annotations

import math

import attrs
import numpy as np

from safecore._errors import InputValueError
from safecore._numeric import round_half_up
from safecore._results import Result, ResultTable
from safecore._validate import check_real, check_share, check_whole

#: Most decimals accepted: a double holds about 15 significant digits.
_MAX_DECIMALS = 15

__all__ = ["CIConsistency", "GrimResult", "ci_consistent", "grim"]


@attrs.frozen(slots=True, repr=False, eq=False)
class GrimResult(Result):
    """Whether a reported mean can arise from *n* scores on a grid of *granularity*.

    ``nearest`` holds the closest achievable means (rounded as reported).

    Examples
    --------
    Returned by [`grim`][safecore.stats.consistency.grim]. A report prints a mean CEAS
    subscale score (a whole-number sum) of 14.37 for 12 staff:

    >>> from safecore.stats.consistency import grim
    >>> res = grim(14.37, 12)
    >>> res.consistent, res.nearest
    (False, (14.33, 14.42))
    >>> print(res.summary())
    GRIM: a mean of 14.37 from 12 scores is impossible (nearest 14.33, 14.42)
    >>> grim(14.42, 12)
    GrimResult(mean=14.42, n=12: consistent)
    """

    mean: float
    n: int
    granularity: float
    decimals: int
    consistent: bool
    nearest: tuple[float, ...]

    def _table(self) -> ResultTable:
        return ResultTable(
            ("mean", "n", "granularity", "decimals", "consistent", "nearest"),
            [
                (
                    self.mean,
                    self.n,
                    self.granularity,
                    self.decimals,
                    self.consistent,
                    ", ".join(f"{x:.{self.decimals}f}" for x in self.nearest),
                )
            ],
            caption=self.summary(),
        )

    def summary(self) -> str:
        """One line: whether the mean is possible, and the nearest possible means if not."""
        shown = f"{self.mean:.{self.decimals}f}"
        if self.consistent:
            return f"GRIM: a mean of {shown} from {self.n} scores is possible"
        nearest = ", ".join(f"{x:.{self.decimals}f}" for x in self.nearest)
        return f"GRIM: a mean of {shown} from {self.n} scores is impossible (nearest {nearest})"

    def __repr__(self) -> str:
        verdict = "consistent" if self.consistent else f"inconsistent (nearest {list(self.nearest)})"
        return f"GrimResult(mean={self.mean}, n={self.n}: {verdict})"


def grim(mean: float, n: int, granularity: float = 1.0, decimals: int = 2) -> GrimResult:
    r"""Run the GRIM test: can *mean*, rounded to *decimals*, arise from *n* scores.

    Each score is a multiple of *granularity* (1 for integer sums such as
    CEAS subscales; $25/k$ for a CBI scale score over *k* answered
    items), so the mean is $g j / n$ for some integer $j$.

    Parameters
    ----------
    mean : float
        The reported mean, finite.
    n : int
        Number of scores, a whole number >= 1.
    granularity : float
        Step of each score's grid, > 0.
    decimals : int
        Decimals the mean was reported to, a whole number from 0 to 15.

    Returns
    -------
    GrimResult

    Raises
    ------
    InputTypeError
        For a boolean or text argument (a ``TypeError``).
    InputValueError
        For a non-finite mean, an n below 1 or not whole, a granularity
        <= 0 or decimals that are negative or not whole; the message names
        the parameter and shows the value.

    References
    ----------
    1. Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test.
       *Social Psychological and Personality Science*, 8(4), 363-369.

    Examples
    --------
    >>> grim(5.19, 28).consistent  # the classic example: 5.19 is impossible for n = 28
    False
    """
    mean = check_real(mean, "mean")
    n = check_whole(n, "n", minimum=1)
    granularity = check_real(granularity, "granularity", minimum=0, exclusive_minimum=True)
    decimals = check_whole(decimals, "decimals", minimum=0, maximum=_MAX_DECIMALS)
    centre = mean * n / granularity
    js = np.arange(math.floor(centre) - 2, math.ceil(centre) + 3)
    candidates = round_half_up(granularity * js / n, decimals)
    target = float(round_half_up(mean, decimals))
    consistent = bool(np.isclose(candidates, target, rtol=0, atol=10.0**-decimals / 10).any())
    order = np.argsort(np.abs(candidates - target), kind="stable")
    nearest = tuple(dict.fromkeys(float(c) for c in candidates[order][:2]))
    return GrimResult(mean, n, granularity, decimals, consistent, nearest)


@attrs.frozen(slots=True, repr=False, eq=False)
class CIConsistency(Result):
    """Whether a published t-interval matches its mean, SD and n.

    ``recomputed`` is the interval from the printed mean and SD; the bounds
    ``low_range``/``high_range`` allow for those being rounded themselves.

    Examples
    --------
    Returned by [`ci_consistent`][safecore.stats.consistency.ci_consistent]: a printed
    ``M = 34.6, SD = 3.6, n = 12, 95% CI [32.3, 36.9]``:

    >>> from safecore.stats.consistency import ci_consistent
    >>> res = ci_consistent(34.6, 3.6, 12, 32.3, 36.9)
    >>> res.consistent, [round(x, 2) for x in res.recomputed]
    (True, [32.31, 36.89])
    >>> [round(x, 2) for x in res.low_range]  # where the low end may lie, M and SD being rounded
    [32.23, 32.39]
    >>> print(res)
    CI [32.3, 36.9] against the recomputed [32.31, 36.89]: consistent
    end   published  recomputed  lowest possible  highest possible
    low        32.3       32.31            32.23             32.39
    high       36.9       36.89            36.81             36.97

    A misprinted low end is flagged:

    >>> ci_consistent(34.6, 3.6, 12, 31.2, 36.9).consistent
    False
    """

    published: tuple[float, float]
    recomputed: tuple[float, float]
    low_range: tuple[float, float]
    high_range: tuple[float, float]
    consistent: bool

    def _table(self) -> ResultTable:
        return ResultTable(
            ("end", "published", "recomputed", "lowest", "highest"),
            [
                ("low", self.published[0], self.recomputed[0], *self.low_range),
                ("high", self.published[1], self.recomputed[1], *self.high_range),
            ],
            caption=self.summary(),
            headers=("end", "published", "recomputed", "lowest possible", "highest possible"),
        )

    def summary(self) -> str:
        """One line: the published interval, the recomputed one and the verdict."""
        (a, b), (lo, hi) = self.published, self.recomputed
        verdict = "consistent" if self.consistent else "inconsistent"
        return f"CI [{a:g}, {b:g}] against the recomputed [{lo:.4g}, {hi:.4g}]: {verdict}"

    def __repr__(self) -> str:
        lo, hi = self.recomputed
        return (
            f"CIConsistency(published={list(self.published)}, recomputed=[{lo:.4g}, {hi:.4g}], "
            f"consistent={self.consistent})"
        )


def ci_consistent(
    mean: float,
    sd: float,
    n: int,
    low: float,
    high: float,
    confidence: float = 0.95,
    decimals: int = 1,
) -> CIConsistency:
    r"""Check a printed t-interval $\bar x \pm t_{n-1} s/\sqrt n$ against M, SD and n.

    The printed mean and SD are themselves rounded to *decimals*, so the
    interval's ends may lie anywhere the half-unit ranges of M and SD allow;
    a printed end is consistent if it lies in that range after rounding.

    Parameters
    ----------
    mean, sd : float
        The printed mean (finite) and SD (finite, >= 0).
    n : int
        Sample size, a whole number >= 2.
    low, high : float
        The printed interval, finite, with ``low <= high``.
    confidence : float
        Confidence level, strictly in (0, 1): ``0.95``, not ``95``.
    decimals : int
        Decimals of the printed figures, a whole number from 0 to 15.

    Returns
    -------
    CIConsistency

    Raises
    ------
    InputTypeError
        For a boolean or text argument (a ``TypeError``).
    InputValueError
        For a negative SD (an impossible input, not an inconsistency), a
        non-finite number, an n below 2, ``low > high``, a confidence outside
        (0, 1) or invalid decimals; the message names the parameter.

    Examples
    --------
    >>> ci_consistent(34.6, 3.6, 12, 32.3, 36.9).consistent
    True
    """
    from scipy import stats  # noqa: PLC0415

    mean = check_real(mean, "mean")
    sd = check_real(sd, "sd", minimum=0)
    n = check_whole(n, "n", minimum=2)
    low = check_real(low, "low")
    high = check_real(high, "high")
    if low > high:
        msg = f"low must be <= high: low {low!r}, high {high!r}"
        raise InputValueError(msg)
    confidence = check_share(confidence, "confidence", exclusive=True)
    decimals = check_whole(decimals, "decimals", minimum=0, maximum=_MAX_DECIMALS)
    q = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) / math.sqrt(n)
    half_unit = 0.5 * 10.0**-decimals
    sd_lo, sd_hi = max(sd - half_unit, 0.0), sd + half_unit
    low_range = (mean - half_unit - q * sd_hi, mean + half_unit - q * sd_lo)
    high_range = (mean - half_unit + q * sd_lo, mean + half_unit + q * sd_hi)
    tol = half_unit + 1e-9

    def inside(x: float, r: tuple[float, float]) -> bool:
        return r[0] - tol <= x <= r[1] + tol

    consistent = inside(low, low_range) and inside(high, high_range)
    return CIConsistency((low, high), (mean - q * sd, mean + q * sd), low_range, high_range, consistent)
