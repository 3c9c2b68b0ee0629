r"""Wilcoxon signed-rank and rank-sum tests, with R's ``wilcox.test`` numbers.

The null distributions are computed exactly (counting, not simulation), the
normal approximation carries R's tie and continuity corrections, and the
Hodges–Lehmann estimate and its interval follow R's ``wilcox.test.default``.

Examples
--------
R's ``wilcox.test(x, y, paired = TRUE, alternative = "greater")`` on the
Hollander & Wolfe depression scale:

>>> from safecore.stats import wilcoxon
>>> x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
>>> y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
>>> wilcoxon(x, y, paired=True, alternative="greater")
WilcoxonResult(V=40, p=0.01953, signed-rank exact, n=9)
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable
from typing import Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputValueError, LimitExceededError, RankTestWarning
from safecore._results import ResultTable, TestResult, pvalue_text
from safecore._validate import check_flag, check_real, check_share
from safecore.stats._hypotheses import Alternative, ConfidenceInterval, check_alternative
from safecore.stats._samples import as_values

__all__ = ["MAX_EXACT_WORK", "WilcoxonResult", "wilcoxon"]

#: Largest number of elementary additions an exact null distribution may take (about a second).
MAX_EXACT_WORK: int = 2 * 10**9

_EPS = float(np.finfo(float).eps)
#: R's ``tol.root``: the tolerance of the root search for the asymptotic interval and estimate.
_TOL_ROOT = 1e-4

Test = Literal["signed-rank", "rank-sum"]


# -- exact null distributions ------------------------------------------------------------------


def _check_work(work: float, what: str) -> None:
    if work > MAX_EXACT_WORK:
        msg = (
            f"the exact {what} distribution would take about {work:.2g} operations, above the "
            f"limit of {MAX_EXACT_WORK:.0e}: use exact=False (the normal approximation)"
        )
        raise LimitExceededError(msg)


@functools.lru_cache(maxsize=32)
def _signrank_pmf(n: int) -> NDArray[np.float64]:
    """P(V = k), k = 0 ... n(n+1)/2, for the signed-rank statistic of *n* untied values.

    The generating function $\\prod_{j=1}^n (1 + q^j)/2$, multiplied
    out one factor at a time; halving is exact in binary floating point, so
    each probability is the count of subsets divided by $2^n$ (exact
    while the counts are below $2^{53}$, n <= 55).
    """
    top = n * (n + 1) // 2
    _check_work(n * top / 2, "signed-rank")
    p = np.zeros(top + 1)
    p[0] = 1.0
    reach = 0
    for j in range(1, n + 1):
        reach += j
        p[j : reach + 1] = p[j : reach + 1] + p[: reach + 1 - j]
        p[: reach + 1] *= 0.5
    p.flags.writeable = False
    return p


@functools.lru_cache(maxsize=32)
def _ranksum_pmf(m: int, n: int) -> NDArray[np.float64]:
    """P(W = k), k = 0 ... mn, for the rank-sum statistic of samples of *m* and *n* untied values.

    W is the sum of the x ranks minus m(m+1)/2; its null distribution is
    symmetric in m and n, so the subsets of the smaller size s are counted:
    ``count[j, t]`` subsets of ``{1..i}`` of size j with sum t, one element i
    at a time (only additions of non-negative counts: no cancellation).
    """
    s, total = min(m, n), m + n
    low, high = s * (s + 1) // 2, s * total - s * (s - 1) // 2
    _check_work(float(s + 1) * (high + 1) * total, "rank-sum")
    count = np.zeros((s + 1, high + 1))
    count[0, 0] = 1.0
    for i in range(1, total + 1):
        count[1:, i:] = count[1:, i:] + count[:-1, : high + 1 - i]
    p = count[s, low : high + 1] / float(math.comb(total, s))
    p.flags.writeable = False
    return p


def _lower(pmf: NDArray[np.float64], q: float) -> float:
    """P(X <= q), R's ``p*(q)`` (q rounded down as R does)."""
    k = math.floor(q + 1e-7)
    return 0.0 if k < 0 else min(1.0, math.fsum(pmf[: k + 1]))


def _upper(pmf: NDArray[np.float64], q: float) -> float:
    """P(X > q), R's ``p*(q, lower.tail = FALSE)``."""
    k = math.floor(q + 1e-7)
    return 1.0 if k < 0 else min(1.0, math.fsum(pmf[k + 1 :]))


def _quantile(pmf: NDArray[np.float64], p: float) -> int:
    """R's ``qsignrank`` / ``qwilcox``: the smallest q with P(X <= q) >= p (R's 10 eps fuzz)."""
    top = len(pmf) - 1
    cum = np.cumsum(pmf)  # sequential, as R's loop
    if p <= 0.5:
        return min(int(np.searchsorted(cum, p - 10 * _EPS, side="left")), top)
    k = min(int(np.searchsorted(cum, 1 - p + 10 * _EPS, side="right")), top)
    return top - k


def _exact_pvalue(pmf: NDArray[np.float64], statistic: float, centre: float, alternative: str) -> float:
    if alternative == "greater":
        return _upper(pmf, statistic - 1)
    if alternative == "less":
        return _lower(pmf, statistic)
    tail = _upper(pmf, statistic - 1) if statistic > centre else _lower(pmf, statistic)
    return min(2 * tail, 1.0)


def _normal_pvalue(z: float, alternative: str) -> float:
    from scipy import stats  # noqa: PLC0415

    if alternative == "less":
        return float(stats.norm.cdf(z))
    if alternative == "greater":
        return float(stats.norm.sf(z))
    return float(2 * min(stats.norm.cdf(z), stats.norm.sf(z)))


def _correction(z: float, alternative: str, correct: bool) -> float:
    if not correct:
        return 0.0
    if alternative == "two-sided":
        return float(np.sign(z)) * 0.5
    return 0.5 if alternative == "greater" else -0.5


def _ratio(num: float, den: float) -> float:
    """Divide with R's arithmetic: ±inf, or NaN for 0/0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.float64(num) / np.float64(den))


def _tie_sum(ranks: NDArray[np.float64]) -> float:
    """Σ (t³ - t) over the tie groups (R's ``table(r)``)."""
    _, counts = np.unique(ranks, return_counts=True)
    t = counts.astype(np.float64)
    return float((t**3 - t).sum())


def _rank(values: NDArray[np.float64]) -> NDArray[np.float64]:
    from scipy import stats  # noqa: PLC0415

    ranks: NDArray[np.float64] = stats.rankdata(values).astype(np.float64)
    return ranks


# -- the result ---------------------------------------------------------------------------------


@attrs.frozen(slots=True, repr=False, eq=False)
class WilcoxonResult(TestResult):
    r"""A Wilcoxon test as R's ``wilcox.test`` reports it.

    Unpacks like scipy's result: ``v, p = wilcoxon(x, y, paired=True)``.

    Attributes
    ----------
    statistic : float
        R's statistic: ``V``, the sum of the ranks of the positive
        differences (signed-rank), or ``W``, the sum of the ranks of x minus
        $n_1(n_1+1)/2$ (rank-sum).
    pvalue : float
        Under *alternative*.
    test : {"signed-rank", "rank-sum"}
        Which test.
    paired : bool
        A signed-rank test of the differences ``x - y``.
    mu : float
        The null location (shift).
    alternative : {"two-sided", "less", "greater"}
        The alternative hypothesis.
    exact : bool
        Whether the p-value (and interval) came from the exact distribution.
    correction : bool
        Whether the continuity correction was applied (never when exact).
    n1, n2 : int
        Differences ranked (zeros dropped) and 0 for a signed-rank test; the
        two sample sizes for a rank-sum test.
    zeros : int
        Zero differences dropped (signed-rank).
    ties : bool
        Whether the ranks have ties.
    missing : int
        Values (pairs, for a paired test) left out as missing.
    estimate : float
        The Hodges–Lehmann estimate (pseudo-median, or difference in
        location); NaN unless a confidence level was asked for.
    interval : ConfidenceInterval or None
        The interval at `confidence_level`, or None.
    confidence_level : float or None
        The level of the interval as R reports it: the requested level, or
        the achieved one when that was not achievable (with a warning).

    Examples
    --------
    Returned by [`wilcoxon`][safecore.stats.ranks.wilcoxon]; here personal burnout of two
    teams of social workers (the rank-sum test, exact as there are no ties):

    >>> from safecore.stats.ranks import wilcoxon
    >>> team_a = [45.8, 37.5, 50.0, 29.2, 41.7, 33.3, 54.2]
    >>> team_b = [55.0, 62.5, 48.3, 70.8, 58.3]
    >>> res = wilcoxon(team_a, team_b, confidence_level=0.95)
    >>> res
    WilcoxonResult(W=2, p=0.0101, rank-sum exact, n=12)
    >>> res.statistic_name, res.statistic, round(res.pvalue, 4), (res.n1, res.n2)
    ('W', 2.0, 0.0101, (7, 5))
    >>> res.method
    'Wilcoxon rank sum exact test'
    >>> round(res.estimate, 2), [round(x, 2) for x in res.confidence_interval()]
    (-16.7, [-29.1, -5.0])
    >>> print(res.summary())
    Wilcoxon rank-sum W = 2, p = 0.010 (exact; n = 12); estimate -16.7, 95% CI [-29.1, -5]

    Paired scores with a zero difference and ties use the normal approximation, as R does:

    >>> res = wilcoxon([45.8, 37.5, 50.0, 29.2, 41.7, 33.3], [37.5, 33.3, 41.7, 29.2, 33.3, 25.0],
    ...                paired=True)
    >>> res.statistic, res.zeros, res.ties, res.exact
    (15.0, 1, True, False)
    """

    statistic: float
    pvalue: float
    test: Test
    paired: bool
    mu: float
    alternative: Alternative
    exact: bool
    correction: bool
    n1: int
    n2: int
    zeros: int
    ties: bool
    missing: int
    estimate: float = math.nan
    interval: ConfidenceInterval | None = None
    confidence_level: float | None = None

    @property
    def n(self) -> int:
        """Values ranked: non-zero differences (signed-rank) or ``n1 + n2`` (rank-sum)."""
        return self.n1 + self.n2

    @property
    def statistic_name(self) -> str:
        """``"V"`` (signed-rank) or ``"W"`` (rank-sum), as R names the statistic."""
        return "V" if self.test == "signed-rank" else "W"

    @property
    def method(self) -> str:
        """R's ``$method``, e.g. ``"Wilcoxon signed rank exact test"``."""
        name = "Wilcoxon signed rank" if self.test == "signed-rank" else "Wilcoxon rank sum"
        if self.exact:
            return f"{name} exact test"
        return f"{name} test" + (" with continuity correction" if self.correction else "")

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """Return the interval computed by `wilcoxon` (pass *confidence_level* there).

        The Hodges–Lehmann interval needs the data, so it is computed when
        the test is run with ``confidence_level=...``. Asking here for
        another level than the one requested there is an error.

        Raises
        ------
        InputValueError
            If no interval was computed, or *confidence_level* differs from
            the level requested.
        """
        if self.interval is None:
            msg = "no interval was computed: call wilcoxon(..., confidence_level=0.95)"
            raise InputValueError(msg)
        if confidence_level is not None:
            level = check_share(confidence_level, "confidence_level", exclusive=True)
            if self.confidence_level is not None and not math.isclose(
                level, self.confidence_level, rel_tol=1e-12
            ):
                msg = (
                    f"the interval was computed at confidence level {self.confidence_level:g}: "
                    f"call wilcoxon(..., confidence_level={level:g}) for {level:g}"
                )
                raise InputValueError(msg)
        return self.interval

    def _table(self) -> ResultTable:
        low, high = self.interval if self.interval is not None else (math.nan, math.nan)
        return ResultTable(
            ("statistic", "pvalue", "method", "n", "zeros", "missing", "estimate", "ci_low", "ci_high"),
            [
                (
                    *(self.statistic, self.pvalue, self.method, self.n, self.zeros, self.missing),
                    *(self.estimate, low, high),
                )
            ],
            caption=self.summary(),
            headers=(
                *(self.statistic_name, "p", "method", "n", "zeros", "missing", "estimate"),
                *("CI low", "CI high"),
            ),
            formats={"statistic": "g", "pvalue": "p"},  # estimate and limits: the default 4 figures
        )

    def summary(self) -> str:
        """One line: ``Wilcoxon signed-rank V = 40, p = 0.039 (exact; n = 9)``."""
        sided = "" if self.alternative == "two-sided" else f", {self.alternative}"
        how = "exact" if self.exact else "normal approximation"
        line = (
            f"Wilcoxon {self.test} {self.statistic_name} = {self.statistic:g}, "
            f"{pvalue_text(self.pvalue)} ({how}{sided}; n = {self.n})"
        )
        if self.interval is not None and self.confidence_level is not None:
            low, high = self.interval
            line += (
                f"; estimate {self.estimate:.4g}, {self.confidence_level:.0%} CI "
                f"[{low:.4g}, {high:.4g}]"
            )
        return line

    def __repr__(self) -> str:
        how = "exact" if self.exact else "normal"
        return (
            f"WilcoxonResult({self.statistic_name}={self.statistic:g}, p={self.pvalue:.4g}, "
            f"{self.test} {how}, n={self.n})"
        )


# -- the tests ----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Options:
    mu: float
    alternative: Alternative
    exact: bool | None
    correct: bool
    level: float | None
    #: R's warnings, issued once the test is done (so that they point at the caller).
    notes: list[str] = attrs.field(factory=list)


@attrs.frozen(slots=True)
class _Outcome:
    statistic: float
    pvalue: float
    exact: bool
    correction: bool
    ties: bool
    estimate: float = math.nan
    interval: ConfidenceInterval | None = None
    level: float | None = None


def _fallback_warnings(opt: _Options, *, ties: bool, zeros: bool) -> None:
    """R's warnings when an exact test was asked for but ties or zeros forbid it."""
    if not opt.exact:
        return
    for reason, present in (("ties", ties), ("zeroes", zeros)):
        if present:
            opt.notes.append(
                f"cannot compute exact p-value with {reason}: the normal approximation is used"
            )
            if opt.level is not None:
                opt.notes.append(f"cannot compute exact confidence interval with {reason}")


def _signed_rank(shifted: NDArray[np.float64], opt: _Options) -> tuple[_Outcome, int]:
    """R's one-sample branch on ``x - mu``; returns the outcome and the zeros dropped."""
    zero = shifted == 0
    x = shifted[~zero]
    n = len(x)
    if n == 0:
        msg = "the signed-rank test is undefined: every difference from mu is zero"
        raise InputValueError(msg)
    exact = n < 50 if opt.exact is None else opt.exact
    ranks = _rank(np.abs(x))
    statistic = float(ranks[x > 0].sum())
    ties = len(np.unique(ranks)) != n
    if exact and not ties and not zero.any():
        pmf = _signrank_pmf(n)
        p = _exact_pvalue(pmf, statistic, n * (n + 1) / 4, opt.alternative)
        out = _Outcome(statistic, p, exact=True, correction=False, ties=False)
        if opt.level is not None:
            out = _signed_rank_exact_interval(x + opt.mu, pmf, out, opt)
        return out, int(zero.sum())
    z = statistic - n * (n + 1) / 4
    sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - _tie_sum(ranks) / 48)
    correction = _correction(z, opt.alternative, opt.correct)
    p = _normal_pvalue(_ratio(z - correction, sigma), opt.alternative)
    out = _Outcome(statistic, p, exact=False, correction=opt.correct, ties=ties)
    if opt.level is not None:
        out = _signed_rank_normal_interval(x + opt.mu, out, opt)
    _fallback_warnings(opt, ties=ties, zeros=bool(zero.any()))
    return out, int(zero.sum())


def _achieved(opt: _Options, achieved: float, *, rounded: bool) -> float:
    """R's check: warn when the exact interval's level falls short; return the level R reports."""
    assert opt.level is not None  # noqa: S101 - internal: callers pass a level
    level, alpha = opt.level, 1 - opt.level
    if achieved - alpha > alpha / 2:
        opt.notes.append("requested conf.level not achievable")
        return 1 - (float(f"{achieved:.2g}") if rounded else achieved)
    return level


def _exact_limits(
    diffs: NDArray[np.float64], pmf: NDArray[np.float64], top: int, opt: _Options
) -> tuple[ConfidenceInterval, float]:
    """Return R's exact interval from the sorted *diffs* (*top*: the statistic's maximum)."""
    assert opt.level is not None  # noqa: S101 - internal: callers pass a level
    alpha = 1 - opt.level
    if opt.alternative == "two-sided":
        qu = _quantile(pmf, alpha / 2) or 1
        achieved = 2 * _lower(pmf, qu - 1)
        return ConfidenceInterval(float(diffs[qu - 1]), float(diffs[top - qu])), achieved
    qu = _quantile(pmf, alpha) or 1
    achieved = _lower(pmf, qu - 1)
    if opt.alternative == "greater":
        return ConfidenceInterval(float(diffs[qu - 1]), math.inf), achieved
    return ConfidenceInterval(-math.inf, float(diffs[top - qu])), achieved


def _signed_rank_exact_interval(
    x: NDArray[np.float64], pmf: NDArray[np.float64], out: _Outcome, opt: _Options
) -> _Outcome:
    """Hodges–Lehmann: the median of the Walsh averages, limits from ``qsignrank``."""
    assert opt.level is not None  # noqa: S101 - internal
    i, j = np.triu_indices(len(x))
    walsh = np.sort(x[i] + x[j]) / 2
    top = len(x) * (len(x) + 1) // 2
    interval, achieved = _exact_limits(walsh, pmf, top, opt)
    level = _achieved(opt, achieved, rounded=True)
    return attrs.evolve(out, estimate=float(np.median(walsh)), interval=interval, level=level)


def _root(f: Callable[[float], float], low: float, high: float) -> float:
    """R's ``uniroot(f, c(low, high), tol = 1e-4)``, by Brent's method (scipy's brentq)."""
    from scipy import optimize  # noqa: PLC0415

    return float(optimize.brentq(f, low, high, xtol=_TOL_ROOT))


def _reachable_alpha(alpha: float, at_low: float, at_high: float, alternative: str) -> float:
    """R's loop: double alpha until the quantiles lie within the statistic's range over the data."""
    from scipy import stats  # noqa: PLC0415

    def short(a: float) -> bool:
        low_short = at_low - stats.norm.isf(a / 2 if alternative == "two-sided" else a) < 0
        high_short = at_high + stats.norm.isf(a / 2) > 0  # R checks a/2 for "less" too (kept)
        if alternative == "two-sided":
            return bool(low_short or high_short)
        return bool(low_short if alternative == "greater" else high_short)

    while short(alpha):
        alpha *= 2
    return alpha


def _signed_rank_normal_interval(x: NDArray[np.float64], out: _Outcome, opt: _Options) -> _Outcome:
    """R's asymptotic interval: where the corrected z-statistic of ``x - d`` crosses the quantiles."""
    from scipy import stats  # noqa: PLC0415

    assert opt.level is not None  # noqa: S101 - internal
    level, alternative = opt.level, opt.alternative

    def z_of(d: float, *, correct: bool) -> float:
        xd = x - d
        xd = xd[xd != 0]
        nx = len(xd)
        ranks = _rank(np.abs(xd))
        zd = float(ranks[xd > 0].sum()) - nx * (nx + 1) / 4
        sigma = math.sqrt(nx * (nx + 1) * (2 * nx + 1) / 24 - _tie_sum(ranks) / 48)
        if sigma == 0:
            note = "cannot compute confidence interval when all observations are zero or tied"
            if note not in opt.notes:
                opt.notes.append(note)
        return _ratio(zd - _correction(zd, alternative, correct), sigma)

    low_end, high_end = float(x.min()), float(x.max())
    at_low = z_of(low_end, correct=opt.correct)
    at_high = z_of(high_end, correct=opt.correct) if math.isfinite(at_low) else math.nan
    if not math.isfinite(at_high):
        interval = ConfidenceInterval(
            -math.inf if alternative == "less" else math.nan,
            math.inf if alternative == "greater" else math.nan,
        )
        return attrs.evolve(out, estimate=(low_end + high_end) / 2, interval=interval, level=0.0)

    def root(zq: float) -> float:
        return _root(lambda d: z_of(d, correct=opt.correct) - zq, low_end, high_end)

    upper_q: Callable[[float], float] = stats.norm.isf
    alpha = _reachable_alpha(1 - level, at_low, at_high, alternative)
    if alpha >= 1 or 1 - level < alpha * 0.75:
        level = 1 - min(1.0, alpha)
        opt.notes.append("requested conf.level not achievable")
    median = float(np.median(x))
    if alternative == "two-sided":
        if alpha < 1:
            interval = ConfidenceInterval(root(upper_q(alpha / 2)), root(-upper_q(alpha / 2)))
        else:
            interval = ConfidenceInterval(median, median)
    elif alternative == "greater":
        # alpha < 1 here: the corrected z at min(x) is >= 0, so R's loop stops once alpha >= 1/2
        interval = ConfidenceInterval(root(upper_q(alpha)), math.inf)
    else:
        interval = ConfidenceInterval(-math.inf, root(-upper_q(alpha)) if alpha < 1 else median)
    estimate = _root(lambda d: z_of(d, correct=False), low_end, high_end)
    return attrs.evolve(out, estimate=estimate, interval=interval, level=level)


def _rank_sum(x: NDArray[np.float64], y: NDArray[np.float64], opt: _Options) -> _Outcome:
    """R's two-sample branch."""
    nx, ny = len(x), len(y)
    ranks = _rank(np.concatenate([x - opt.mu, y]))
    exact = (nx < 50 and ny < 50) if opt.exact is None else opt.exact
    statistic = float(ranks[:nx].sum()) - nx * (nx + 1) / 2
    ties = len(np.unique(ranks)) != nx + ny
    if exact and not ties:
        pmf = _ranksum_pmf(nx, ny)
        p = _exact_pvalue(pmf, statistic, nx * ny / 2, opt.alternative)
        out = _Outcome(statistic, p, exact=True, correction=False, ties=False)
        if opt.level is not None:
            diffs = np.sort(np.subtract.outer(x, y).ravel())
            interval, achieved = _exact_limits(diffs, pmf, nx * ny, opt)
            level = _achieved(opt, achieved, rounded=False)
            out = attrs.evolve(
                out, estimate=float(np.median(diffs)), interval=interval, level=level
            )
        return out
    total = nx + ny
    sigma = math.sqrt((nx * ny / 12) * ((total + 1) - _tie_sum(ranks) / (total * (total - 1))))
    if sigma == 0:
        msg = "the rank-sum test is undefined: every value is tied"
        raise InputValueError(msg)
    z = statistic - nx * ny / 2
    correction = _correction(z, opt.alternative, opt.correct)
    p = _normal_pvalue((z - correction) / sigma, opt.alternative)
    out = _Outcome(statistic, p, exact=False, correction=opt.correct, ties=ties)
    if opt.level is not None:
        out = _rank_sum_normal_interval(x, y, out, opt)
    _fallback_warnings(opt, ties=ties, zeros=False)
    return out


def _rank_sum_normal_interval(
    x: NDArray[np.float64], y: NDArray[np.float64], out: _Outcome, opt: _Options
) -> _Outcome:
    """R's asymptotic interval for the shift: where the z-statistic of ``(x - d, y)`` crosses."""
    from scipy import stats  # noqa: PLC0415

    assert opt.level is not None  # noqa: S101 - internal
    nx, ny, alternative = len(x), len(y), opt.alternative
    total = nx + ny

    def z_of(d: float, *, correct: bool) -> float:
        ranks = _rank(np.concatenate([x - d, y]))
        dz = float(ranks[:nx].sum()) - nx * (nx + 1) / 2 - nx * ny / 2
        # sigma > 0: it is 0 only when every value ties, i.e. both samples constant (refused below)
        sigma = math.sqrt((nx * ny / 12) * ((total + 1) - _tie_sum(ranks) / (total * (total - 1))))
        return (dz - _correction(dz, alternative, correct)) / sigma

    low_end, high_end = float(x.min() - y.max()), float(x.max() - y.min())
    if low_end == high_end:  # each sample constant: every value ties at the shift (R stops too)
        msg = (
            "the rank-sum confidence interval is undefined when each sample is constant "
            f"(x - y = {low_end:g} throughout)"
        )
        raise InputValueError(msg)
    at_low, at_high = z_of(low_end, correct=opt.correct), z_of(high_end, correct=opt.correct)

    def root(zq: float) -> float:
        if at_low - zq <= 0:
            return low_end
        if at_high - zq >= 0:
            return high_end
        return _root(lambda d: z_of(d, correct=opt.correct) - zq, low_end, high_end)

    alpha = 1 - opt.level
    upper = float(stats.norm.isf(alpha / 2 if alternative == "two-sided" else alpha))
    if alternative == "two-sided":
        interval = ConfidenceInterval(root(upper), root(-upper))
    elif alternative == "greater":
        interval = ConfidenceInterval(root(upper), math.inf)
    else:
        interval = ConfidenceInterval(-math.inf, root(-upper))
    estimate = _root(lambda d: z_of(d, correct=False), low_end, high_end)
    return attrs.evolve(out, estimate=estimate, interval=interval, level=opt.level)


def wilcoxon(
    x: ArrayLike,
    y: ArrayLike | None = None,
    *,
    mu: float = 0.0,
    paired: bool = False,
    alternative: Alternative = "two-sided",
    exact: bool | None = None,
    correction: bool = True,
    confidence_level: float | None = None,
) -> WilcoxonResult:
    r"""Wilcoxon signed-rank (one sample, paired) or rank-sum (two samples) test, as R's ``wilcox.test``.

    >>> wilcoxon([0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
    ...          [1.15, 0.88, 0.9, 0.74, 1.21], alternative="greater")
    WilcoxonResult(W=35, p=0.1272, rank-sum exact, n=15)

    Without *y* (or with *paired*), the signed-rank test of whether the
    differences ``x - mu`` (``x - y - mu``) are centred on 0; with *y*, the
    rank-sum (Mann–Whitney) test of a location shift *mu* between *x* and
    *y*.

    Parameters
    ----------
    x, y : array_like
        Samples of numbers; missing values (``None``, NaN, blank text) are
        left out and counted (with *paired*, a pair with either side
        missing).
    mu : float
        The null location (one sample) or location shift (paired, two
        samples).
    paired : bool
        Pair ``x[i]`` with ``y[i]`` (same length required).
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: x is shifted above *mu* (above y + *mu*).
    exact : bool or None
        Use the exact null distribution. ``None`` (R's default): exactly
        when fewer than 50 values are ranked (both samples below 50 for the
        rank-sum test) and there are no ties (nor zeros, for signed-rank).
        ``True`` with ties or zeros falls back to the normal approximation
        with a `RankTestWarning`, as R warns.
    correction : bool
        Continuity correction of the normal approximation (R's
        ``correct``).
    confidence_level : float or None
        If given, strictly in (0, 1): also compute the Hodges–Lehmann
        estimate and its interval at this level (R's ``conf.int = TRUE,
        conf.level = ...``).

    Returns
    -------
    WilcoxonResult

    Raises
    ------
    InputTypeError
        For a boolean or text value, or an option of the wrong type (a
        ``TypeError``).
    InputValueError
        If *paired* without *y* or with samples of different lengths, no
        value (or no non-zero difference) to rank, every value tied, an
        infinite value, or (with *confidence_level*, normal approximation)
        two constant samples, where R stops with an error.
    LimitExceededError
        If ``exact=True`` asks for a distribution beyond
        `MAX_EXACT_WORK` operations.

    Notes
    -----
    Signed-rank: zero differences are dropped (R's default, not Pratt's);
    $V = \sum_{d_i > 0} R_i$, the ranks $R_i$ of $|d_i|$.
    Exact: $P(V = k)$ counts the subsets of $\{1..n\}$ summing to
    $k$, over $2^n$. Normal:
    $z = (V - n(n+1)/4 - c)/\sigma$,
    $\sigma^2 = n(n+1)(2n+1)/24 - \sum(t^3 - t)/48$ over tie groups
    $t$, $c = \pm 1/2$ towards 0 (two-sided) or as the
    alternative's direction.

    Rank-sum: $W = \sum_{x} R_i - n_1(n_1+1)/2$; exact: subsets of
    $n_1$ ranks of $n_1+n_2$; normal:
    $\sigma^2 = \frac{n_1 n_2}{12}(N + 1 - \frac{\sum(t^3-t)}{N(N-1)})$, $N = n_1 + n_2$.
    Two-sided exact p-values double the smaller tail (at most 1).

    Hodges–Lehmann: exact, the median of the Walsh averages
    $(d_i + d_j)/2, i \le j$ (of the differences $x_i - y_j$)
    with limits the order statistics given by ``qsignrank`` (``qwilcox``);
    when the exact level cannot be achieved R's wider level is reported
    in ``confidence_level`` with a warning. Normal approximation: the
    shifts where the (continuity-corrected) z-statistic crosses the normal
    quantiles, found by Brent's method with R's tolerance ``1e-4``, so the
    limits and the estimate agree with R's to about 1e-4 (R's ``uniroot``
    stops at the same tolerance). As in R, the estimate is the crossing of
    the *uncorrected* statistic, and zero differences are left out of the
    signed-rank interval.

    The target is R's ``wilcox.test`` (R 4.2). Unlike
    `scipy.stats.wilcoxon` (whose ``method="auto"`` uses the exact
    distribution for n <= 50 even with ties or zeros, and whose two-sided
    statistic is ``min(V+, V-)``) the statistic is R's V, and the exact /
    normal choice is R's; unlike `scipy.stats.mannwhitneyu` the
    exact distribution is not used with ties. Where R returns NaN (every
    difference zero, every value tied) an error is raised.

    References
    ----------
    1. Hollander, M., & Wolfe, D. A. (1973). *Nonparametric Statistical
       Methods*. Wiley.
    2. Bauer, D. F. (1972). Constructing confidence sets using rank
       statistics. *Journal of the American Statistical Association*, 67,
       687–690.
    3. R Core Team. ``wilcox.test``, R package stats.

    Examples
    --------
    R's ``wilcox.test(extra ~ group, data = sleep, paired = TRUE)`` (ties and
    a zero: the normal approximation):

    >>> res = wilcoxon([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...                [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4], paired=True)
    >>> res.statistic, round(res.pvalue, 6), res.zeros
    (0.0, 0.009091, 1)

    With the Hodges–Lehmann estimate and its exact interval:

    >>> res = wilcoxon([1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30],
    ...                [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29],
    ...                paired=True, confidence_level=0.95)
    >>> round(res.estimate, 4), [round(v, 4) for v in res.confidence_interval()]
    (0.46, [0.01, 0.786])
    """
    opt = _Options(
        check_real(mu, "mu"),
        check_alternative(alternative),
        check_flag(exact, "exact", allow_none=True),
        bool(check_flag(correction, "correction")),
        None
        if confidence_level is None
        else check_share(confidence_level, "confidence_level", exclusive=True),
    )
    is_paired = bool(check_flag(paired, "paired"))
    a = as_values(x, "x")
    if y is None and is_paired:
        msg = "a paired test needs y: got y=None"
        raise InputValueError(msg)
    if y is None or is_paired:
        if y is None:
            d = a[~np.isnan(a)]
            missing = len(a) - len(d)
        else:
            b = as_values(y, "y")
            if a.shape != b.shape:
                msg = f"paired samples must have the same length: x has {len(a)}, y has {len(b)}"
                raise InputValueError(msg)
            keep = ~(np.isnan(a) | np.isnan(b))
            d = a[keep] - b[keep]
            missing = int(len(a) - keep.sum())
        if len(d) == 0:
            msg = "not enough (non-missing) x observations: got 0"
            raise InputValueError(msg)
        out, zeros = _signed_rank(d - opt.mu, opt)
        n1, n2 = len(d) - zeros, 0
        test: Test = "signed-rank"
    else:
        b = as_values(y, "y")
        xs, ys = a[~np.isnan(a)], b[~np.isnan(b)]
        for values, name in ((xs, "x"), (ys, "y")):
            if len(values) == 0:
                msg = f"not enough (non-missing) {name} observations: got 0"
                raise InputValueError(msg)
        missing = len(a) + len(b) - len(xs) - len(ys)
        out, zeros = _rank_sum(xs, ys, opt), 0
        n1, n2, test = len(xs), len(ys), "rank-sum"
    for note in opt.notes:
        warnings.warn(note, RankTestWarning, stacklevel=2)
    return WilcoxonResult(
        out.statistic,
        out.pvalue,
        test,
        is_paired,
        opt.mu,
        opt.alternative,
        out.exact,
        out.correction,
        n1,
        n2,
        zeros,
        out.ties,
        missing,
        out.estimate,
        out.interval,
        out.level,
    )
