"""Descriptive summaries as the report prints them: "M [95% CI] SD".

Examples
--------
>>> from safecore.scales import describe
>>> s = describe([30, 40, 50, None, float("nan")])
>>> print(s)
40.0 [15.2, 64.8] 10.0
>>> s.n, s.missing
(3, 2)
"""

from __future__ import annotations

import math
from typing import Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputValueError
from safecore._results import Result, ResultTable
from safecore._validate import check_draws, check_seed, check_share, show_value
from safecore.stats._samples import as_values

__all__ = ["Summary", "describe", "present_values"]


def present_values(values: ArrayLike, name: str = "values") -> tuple[NDArray[np.float64], int]:
    """Return the present values as float64 and the count of missing ones.

    See `safecore.scales._common.as_values` for what is accepted.

    Examples
    --------
    >>> from safecore.stats.describe import present_values
    >>> values, missing = present_values([1.0, float("nan"), 3.0])
    >>> values.tolist(), missing
    ([1.0, 3.0], 1)
    """
    x = as_values(values, name)
    present = x[~np.isnan(x)]
    return present, int(len(x) - len(present))


def accurate_mean_sd(x: NDArray[np.float64]) -> tuple[float, float]:
    """Mean and SD (n - 1) by two passes with a correction term (NIST-accurate)."""
    n = len(x)
    if n == 0:
        return math.nan, math.nan
    m = float(x.mean())
    dev = x - m
    m += float(dev.mean())  # corrects the first pass's rounding
    dev = x - m
    if n < 2:
        return m, math.nan
    ss = float((dev * dev).sum()) - float(dev.sum()) ** 2 / n
    return m, math.sqrt(max(ss, 0.0) / (n - 1))


@attrs.frozen(slots=True, repr=False, eq=False)
class Summary(Result):
    """n, missing, mean, SD, confidence interval, median and range of a sample.

    ``str(summary)`` and ``format(summary, ".2f")`` give the report's form,
    ``M [low, high] SD`` (the value as a person writes it); ``to_frame()``,
    Markdown and HTML show the one-row table of every field.

    Examples
    --------
    Returned by [`describe`][safecore.stats.describe.describe]; here personal burnout of seven
    staff, one of whom did not answer:

    >>> from safecore.stats.describe import describe
    >>> s = describe([41.7, 37.5, None, 50.0, 29.2, 45.8, 33.3])
    >>> s
    Summary(n=6, missing=1, mean=39.58, sd=7.788, 95% CI [31.41, 47.76] (t))
    >>> print(s)  # M [95% CI] SD, as the report prints it
    39.6 [31.4, 47.8] 7.8
    >>> f"{s:.2f}"
    '39.58 [31.41, 47.76] 7.79'
    >>> round(s.median, 2), s.min, s.max
    (39.6, 29.2, 50.0)

    A bootstrap interval is reproducible with a seed:

    >>> print(describe([41.7, 37.5, 50.0, 29.2, 45.8, 33.3], method="bootstrap", seed=2020))
    39.6 [34.0, 45.1] 7.8
    """

    n: int
    missing: int
    mean: float
    sd: float
    ci_low: float
    ci_high: float
    median: float
    min: float
    max: float
    confidence: float = 0.95
    method: str = "t"

    def __format__(self, spec: str) -> str:
        spec = spec or ".1f"
        return f"{self.mean:{spec}} [{self.ci_low:{spec}}, {self.ci_high:{spec}}] {self.sd:{spec}}"

    def __str__(self) -> str:
        return format(self)

    def _table(self) -> ResultTable:
        columns = ("n", "missing", "mean", "sd", "ci_low", "ci_high", "median", "min", "max")
        return ResultTable(
            (*columns, "confidence", "method"),
            [(*(getattr(self, c) for c in columns), self.confidence, self.method)],
            caption=f"{self.mean:.1f} [{self.ci_low:.1f}, {self.ci_high:.1f}] {self.sd:.1f} "
            f"(M [{self.confidence:.0%} CI] SD, n = {self.n})",
            formats={"confidence": "percent"},
        )

    def __repr__(self) -> str:
        return (
            f"Summary(n={self.n}, missing={self.missing}, mean={self.mean:.4g}, sd={self.sd:.4g}, "
            f"{self.confidence:.0%} CI [{self.ci_low:.4g}, {self.ci_high:.4g}] ({self.method}))"
        )


def describe(
    values: ArrayLike,
    *,
    confidence: float = 0.95,
    method: Literal["t", "z", "bootstrap"] = "t",
    seed: int | np.random.Generator | np.random.SeedSequence | None = None,
    resamples: int = 9_999,
) -> Summary:
    """Summarise a sample: n, missing, mean, SD, CI, median, range.

    Parameters
    ----------
    values : array_like
        Scores; ``None``, NaN and empty strings are missing and counted.
    confidence : float
        Confidence level of the interval for the mean, strictly in (0, 1):
        ``0.95``, not ``95``.
    method : {"t", "z", "bootstrap"}
        ``"t"``: $\\bar x \\pm t_{n-1} s/\\sqrt n$; ``"z"``: with the
        normal quantile; ``"bootstrap"``: BCa interval from
        `scipy.stats.bootstrap`, seeded by *seed*.
    seed : int, numpy.random.Generator or numpy.random.SeedSequence, optional
        For the bootstrap (a whole number >= 0).
    resamples : int
        Bootstrap resamples, a whole number from 1 to 10,000,000.

    Returns
    -------
    Summary
        NaN for statistics the sample is too small for (SD and CI need
        two values).

    Raises
    ------
    InputTypeError
        For a boolean or text value (blank text is missing), or a seed,
        confidence or resamples of the wrong type (a ``TypeError``).
    InputValueError
        For an infinite value, a confidence outside (0, 1), a negative seed,
        fewer than 1 resample or an unknown method (a ``ValueError``).

    Notes
    -----
    SD uses the $n-1$ denominator, computed by two passes with a
    correction term, which reproduces the NIST StRD certified values.

    References
    ----------
    1. NIST Statistical Reference Datasets, univariate summary
       statistics. https://www.itl.nist.gov/div898/strd/

    Examples
    --------
    >>> format(describe([1, 2, 3, 4], method="z"), ".2f")
    '2.50 [1.23, 3.77] 1.29'
    """
    confidence = check_share(confidence, "confidence", exclusive=True)
    if method not in ("t", "z", "bootstrap"):
        msg = f"method must be 't', 'z' or 'bootstrap': {show_value(method)}"
        raise InputValueError(msg)
    seed = check_seed(seed)
    resamples = check_draws(resamples, "resamples")
    x, missing = present_values(values)
    n = len(x)
    mean, sd = accurate_mean_sd(x)
    low = high = math.nan
    if n >= 2:
        from scipy import stats  # noqa: PLC0415 - keep `import safecore` light

        if method == "bootstrap":
            if np.ptp(x) == 0:
                low = high = mean
            else:
                res = stats.bootstrap(
                    (x,),
                    np.mean,
                    confidence_level=confidence,
                    method="BCa",
                    n_resamples=resamples,
                    rng=np.random.default_rng(seed),
                )
                low, high = float(res.confidence_interval.low), float(res.confidence_interval.high)
        else:
            q = (
                stats.t.ppf(0.5 + confidence / 2, n - 1)
                if method == "t"
                else stats.norm.ppf(0.5 + confidence / 2)
            )
            half = float(q) * sd / math.sqrt(n)
            low, high = mean - half, mean + half
    return Summary(
        n=n,
        missing=missing,
        mean=mean,
        sd=sd,
        ci_low=low,
        ci_high=high,
        median=float(np.median(x)) if n else math.nan,
        min=float(x.min()) if n else math.nan,
        max=float(x.max()) if n else math.nan,
        confidence=confidence,
        method=method,
    )
