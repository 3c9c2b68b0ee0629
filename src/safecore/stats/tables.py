"""Tests an R user reaches for on small tables: Fisher's exact, McNemar's and chi-square goodness of fit.

Each follows R's function of the same purpose (``fisher.test``,
``mcnemar.test``, ``chisq.test(x, p = ...)``) and reproduces its numbers.

Examples
--------
R's ``fisher.test(TeaTasting)`` (the lady tasting tea):

>>> from safecore.stats import fisher_exact
>>> res = fisher_exact([[3, 1], [1, 3]])
>>> round(res.statistic, 4), round(res.pvalue, 4)
(6.4083, 0.4857)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputTypeError, InputValueError, InvalidTableError, SmallExpectedWarning
from safecore._format import fmt_label, fmt_number
from safecore._results import ResultTable, TestResult, pvalue_text
from safecore._validate import (
    check_choice,
    check_draws,
    check_real,
    check_seed,
    check_share,
    show_value,
    type_name,
)
from safecore.stats.contingency import (
    _check_margins,
    _chi_square_pvalue_text,
    _counts_and_labels,
    fisher_exact_rxc,
    mcnemar_exact,
)
from safecore.stats.means import ConfidenceInterval
from safecore.tallies import Tally, _as_count_table

__all__ = [
    "FisherResult",
    "GoodnessOfFitResult",
    "McNemarTableResult",
    "chi_square_gof",
    "fisher_exact",
    "mcnemar",
]

Alternative = Literal["two-sided", "less", "greater"]
ALTERNATIVES: tuple[str, ...] = ("two-sided", "less", "greater")

_EPS = float(np.finfo(np.float64).eps)
#: R's ``uniroot`` default tolerance, ``.Machine$double.eps^0.25``.
_R_UNIROOT_TOL = _EPS**0.25
#: R's relative tolerance when comparing probabilities (``fisher.test``, ``binom.test``).
_REL_ERR = 1 + 1e-7


def _frozen_float(a: ArrayLike) -> NDArray[np.float64]:
    out = np.array(a, dtype=np.float64)
    out.setflags(write=False)
    return out


def _check_bool(value: object, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        msg = f"{name} must be True or False, not {type_name(value)}: {show_value(value)}"
        raise InputTypeError(msg)
    return bool(value)


def _zeroin(  # noqa: PLR0912 - one published algorithm, kept whole to follow it line by line
    f: Callable[[float], float],
    lower: float,
    upper: float,
    f_lower: float,
    f_upper: float,
    tol: float = _R_UNIROOT_TOL,
    maxiter: int = 1000,
) -> float:
    """Return a root of *f* in [lower, upper] by Brent's method, iterate for iterate as R's ``uniroot``.

    This is the zeroin algorithm of Forsythe, Malcolm and Moler (1977):
    bisection combined with linear or inverse quadratic interpolation, with
    the current best point ``b``, the previous one ``a`` and the bracketing
    point ``c``. It stops when half the bracket is within
    ``2 eps |b| + tol / 2``. R's ``fisher.test`` relies on ``uniroot`` with
    its default tolerance (about 1.2e-4), loose enough that a different
    root finder (``scipy.optimize.brentq``) stops at a visibly different
    point; following the same iterates gives R's numbers.
    """
    a, b, fa, fb = lower, upper, f_lower, f_upper
    c, fc = a, fa
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    for _ in range(maxiter + 1):
        prev_step = b - a
        if abs(fc) < abs(fb):  # make b the best approximation
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol_act = 2 * _EPS * abs(b) + tol / 2
        new_step = (c - b) / 2
        if abs(new_step) <= tol_act or fb == 0.0:
            return b
        if abs(prev_step) >= tol_act and abs(fa) > abs(fb):  # try interpolation
            cb = c - b
            if a == c:  # two distinct points: linear interpolation
                t1 = fb / fa
                p = cb * t1
                q = 1.0 - t1
            else:  # inverse quadratic interpolation
                q, t1, t2 = fa / fc, fb / fc, fb / fa
                p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0))
                q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0)
            if p > 0:
                q = -q
            else:
                p = -p
            if p < (0.75 * cb * q - abs(tol_act * q) / 2) and p < abs(prev_step * q / 2):
                new_step = p / q
        if abs(new_step) < tol_act:
            new_step = tol_act if new_step > 0 else -tol_act
        a, fa = b, fb
        b += new_step
        fb = f(b)
        if (fb > 0 and fc > 0) or (fb < 0 and fc < 0):
            c, fc = a, fa
    return b  # pragma: no cover - the bracketed monotone functions here converge well within maxiter


class _Conditional:
    """Fisher's noncentral hypergeometric distribution of the top-left cell of a 2×2 table.

    With column totals ``m``, ``n`` and first-row total ``k``, the cell
    ``x`` ranges over ``lo..hi`` with probabilities proportional to
    ``choose(m, x) choose(n, k - x) psi^x`` for the odds ratio ``psi``.
    """

    __slots__ = ("hi", "k", "lo", "logdc", "m", "n", "support", "tol", "x")

    def __init__(self, table: NDArray[np.int64], tol: float = _R_UNIROOT_TOL) -> None:
        from scipy import stats  # noqa: PLC0415 - keep `import safecore` light

        self.m = int(table[:, 0].sum())
        self.n = int(table[:, 1].sum())
        self.k = int(table[0, :].sum())
        self.x = int(table[0, 0])
        self.lo = max(0, self.k - self.n)
        self.hi = min(self.k, self.m)
        self.support = np.arange(self.lo, self.hi + 1, dtype=np.float64)
        self.logdc = stats.hypergeom.logpmf(self.support, self.m + self.n, self.m, self.k)
        self.tol = tol  # R's uniroot tolerance; tests pass a tight one to check the roots themselves

    def density(self, ncp: float) -> NDArray[np.float64]:
        d = self.logdc + math.log(ncp) * self.support
        d = np.exp(d - d.max())
        out: NDArray[np.float64] = d / d.sum()
        return out

    def mean(self, ncp: float) -> float:
        """``E(X)`` at odds ratio *ncp*.

        *ncp* is finite: the root searches take ``t`` on [0, 1] or ``1 / t`` with ``t`` on [ε, 1].
        """
        if ncp == 0:
            return float(self.lo)
        return float((self.support * self.density(ncp)).sum())

    def tail(self, ncp: float, *, upper: bool) -> float:
        """``P(X <= x)`` (or ``P(X >= x)`` with *upper*) at a finite odds ratio *ncp*."""
        from scipy import stats  # noqa: PLC0415

        x = self.x
        if ncp == 1:
            dist = stats.hypergeom(self.m + self.n, self.m, self.k)
            return float(dist.sf(x - 1) if upper else dist.cdf(x))
        if ncp == 0:
            return float(x <= self.lo if upper else x >= self.lo)
        d = self.density(ncp)
        return float(d[self.support >= x].sum() if upper else d[self.support <= x].sum())

    def pvalue(self, alternative: str) -> float:
        if alternative == "less":
            return self.tail(1.0, upper=False)
        if alternative == "greater":
            return self.tail(1.0, upper=True)
        d = self.density(1.0)
        return min(1.0, float(d[d <= d[self.x - self.lo] * _REL_ERR].sum()))

    def mle(self) -> float:
        """Return the conditional maximum-likelihood odds ratio (R's ``fisher.test()$estimate``)."""
        x = self.x
        if x == self.lo:
            return 0.0
        if x == self.hi:
            return math.inf
        mu = self.mean(1.0)
        if mu > x:
            return _zeroin(lambda t: self.mean(t) - x, 0.0, 1.0, self.mean(0.0) - x, mu - x, self.tol)
        if mu < x:

            def g(t: float) -> float:
                return self.mean(1 / t) - x

            return 1 / _zeroin(g, _EPS, 1.0, g(_EPS), g(1.0), self.tol)
        return 1.0

    def _limit(self, alpha: float, *, upper_tail: bool) -> float:
        """Return a one-sided limit: the odds ratio whose tail probability of x is *alpha*."""

        def f(t: float) -> float:
            return self.tail(t, upper=upper_tail) - alpha

        def g(t: float) -> float:
            return self.tail(1 / t, upper=upper_tail) - alpha

        p = self.tail(1.0, upper=upper_tail)
        below = p > alpha if upper_tail else p < alpha  # the limit lies below 1
        if below:
            return _zeroin(f, 0.0, 1.0, f(0.0), f(1.0), self.tol)
        if p != alpha:
            return 1 / _zeroin(g, _EPS, 1.0, g(_EPS), g(1.0), self.tol)
        return 1.0

    def upper_limit(self, alpha: float) -> float:
        return math.inf if self.x == self.hi else self._limit(alpha, upper_tail=False)

    def lower_limit(self, alpha: float) -> float:
        return 0.0 if self.x == self.lo else self._limit(alpha, upper_tail=True)

    def interval(self, alternative: str, level: float) -> ConfidenceInterval:
        if alternative == "less":
            return ConfidenceInterval(0.0, self.upper_limit(1 - level))
        if alternative == "greater":
            return ConfidenceInterval(self.lower_limit(1 - level), math.inf)
        alpha = (1 - level) / 2
        return ConfidenceInterval(self.lower_limit(alpha), self.upper_limit(alpha))


def _ratio(x: float) -> str:
    return "Inf" if math.isinf(x) else fmt_number(x)


def _level_text(level: float) -> str:
    return f"{100 * level:g}%"


@attrs.frozen(slots=True, repr=False, eq=False)
class FisherResult(TestResult):
    """Fisher's exact test: the conditional odds ratio of a 2×2 table, or an R×C table's exact p.

    Attributes
    ----------
    statistic : float
        For a 2×2 table, the conditional maximum-likelihood estimate of the
        odds ratio (R's ``estimate``; 0 or ``inf`` when the top-left cell is
        at its smallest or largest possible value). A larger table has no
        single odds ratio: its statistic is the probability of the observed
        table given the margins, the quantity the exact p-value orders
        tables by (as SciPy's ``fisher_exact``; R reports none).
    pvalue : float
        Exact p-value for *alternative*.
    alternative : str
        ``"two-sided"``, ``"less"`` or ``"greater"`` (odds ratio below or
        above 1); always ``"two-sided"`` for an R×C table.
    confidence_level : float
        Level of `ci_low`, `ci_high`.
    ci_low, ci_high : float
        The exact conditional interval of the odds ratio (NaN for R×C).
    observed : ndarray
        The table tested.
    row_labels, column_labels : tuple
        Categories of the rows and columns.
    n : int
        Total count.

    Examples
    --------
    Returned by [`fisher_exact`][safecore.stats.tables.fisher_exact]; here families whose case
    was stepped up to social care, by engagement (counts too small for chi-square):

    >>> from safecore.stats.tables import fisher_exact
    >>> from safecore.tallies import Tally
    >>> table = Tally.from_counts([[2, 17], [6, 6]], ["Engaged", "Disengaged"],
    ...                           ["Stepped up", "Not stepped up"])
    >>> res = fisher_exact(table)
    >>> round(res.odds_ratio, 4), round(res.pvalue, 4), res.n
    (0.1277, 0.0316, 31)
    >>> [round(x, 4) for x in res.confidence_interval()]
    [0.01, 0.9578]
    >>> print(res.summary())
    Fisher's exact test: odds ratio 0.1277, 95% CI [0.009986, 0.9578], p = 0.032

    A larger table has an exact p-value but no odds ratio:

    >>> res = fisher_exact([[2, 9, 8], [6, 4, 2]])
    >>> round(res.pvalue, 4), res.is_2x2, res.odds_ratio
    (0.0472, False, nan)
    """

    statistic: float
    pvalue: float
    alternative: str
    confidence_level: float
    ci_low: float
    ci_high: float
    observed: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    row_labels: tuple[Hashable, ...]
    column_labels: tuple[Hashable, ...]
    n: int

    @property
    def is_2x2(self) -> bool:
        """Whether the table is 2×2 (and so has an odds ratio)."""
        return self.observed.shape == (2, 2)

    @property
    def odds_ratio(self) -> float:
        """The conditional MLE of the odds ratio (`statistic` of a 2×2 table; NaN for R×C)."""
        return self.statistic if self.is_2x2 else math.nan

    @property
    def estimate(self) -> float:
        """R's name for the odds ratio, ``fisher.test()$estimate`` (NaN for R×C)."""
        return self.odds_ratio

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """Return the exact conditional interval of the odds ratio (2×2 tables only).

        Parameters
        ----------
        confidence_level : float, optional
            Default: the level the test was run at.

        Returns
        -------
        ConfidenceInterval
            ``(low, high)``; one-sided alternatives give ``(0, high)``
            (``"less"``) or ``(low, inf)`` (``"greater"``), as R's ``conf.int``.

        Raises
        ------
        InputValueError
            For an R×C table (no odds ratio), or an invalid level.

        Examples
        --------
        >>> low, high = fisher_exact([[3, 1], [1, 3]]).confidence_interval(0.9)
        >>> round(low, 4), round(high, 2)
        (0.3136, 306.25)
        """
        if not self.is_2x2:
            shape = "x".join(str(s) for s in self.observed.shape)
            msg = f"a {shape} table has no odds ratio, so no interval: only 2x2 tables have one"
            raise InputValueError(msg)
        if confidence_level is None:
            return ConfidenceInterval(self.ci_low, self.ci_high)
        level = check_share(confidence_level, "confidence_level", exclusive=True)
        counts = self.observed.astype(np.int64)
        return _Conditional(counts).interval(self.alternative, level)

    def _table(self) -> ResultTable:
        if not self.is_2x2:
            rows, cols = self.observed.shape
            return ResultTable(
                ("pvalue", "rows", "columns", "n"),
                [(self.pvalue, rows, cols, self.n)],
                caption=self.summary(),
                headers=("exact p", "rows", "columns", "N"),
                formats={"pvalue": "p"},
            )
        level = _level_text(self.confidence_level)
        return ResultTable(
            ("odds_ratio", "ci_low", "ci_high", "pvalue", "alternative", "n"),
            [(self.statistic, self.ci_low, self.ci_high, self.pvalue, self.alternative, self.n)],
            caption=self.summary(),
            headers=("odds ratio", f"{level} CI low", f"{level} CI high", "p", "alternative", "N"),
            formats={"pvalue": "p"},
        )

    def summary(self) -> str:
        """One line: ``Fisher's exact test: odds ratio 6.408, 95% CI [0.2117, 621.9], p = 0.486``."""
        if not self.is_2x2:
            rows, cols = self.observed.shape
            return (
                f"Fisher's exact test ({rows}x{cols} table, N = {self.n}): "
                f"{pvalue_text(self.pvalue, 'exact p')}"
            )
        side = "" if self.alternative == "two-sided" else f" ({self.alternative})"
        return (
            f"Fisher's exact test{side}: odds ratio {_ratio(self.statistic)}, "
            f"{_level_text(self.confidence_level)} CI [{_ratio(self.ci_low)}, {_ratio(self.ci_high)}], "
            f"{pvalue_text(self.pvalue)}"
        )

    def __repr__(self) -> str:
        shape = "x".join(str(s) for s in self.observed.shape)
        return (
            f"FisherResult(statistic={self.statistic:.4g}, pvalue={self.pvalue:.4g}, "
            f"alternative={self.alternative!r}, table={shape}, n={self.n})"
        )


def _table_probability(counts: NDArray[np.int64]) -> float:
    """Return the probability of a table given its margins under independence."""
    from scipy.special import gammaln  # noqa: PLC0415

    rows, cols, n = counts.sum(axis=1), counts.sum(axis=0), int(counts.sum())
    log_p = (
        gammaln(rows + 1).sum() + gammaln(cols + 1).sum() - gammaln(n + 1) - gammaln(counts + 1).sum()
    )
    return float(np.exp(log_p))


def fisher_exact(
    table: Tally | ArrayLike,
    *,
    alternative: Alternative = "two-sided",
    confidence_level: float = 0.95,
) -> FisherResult:
    """Fisher's exact test of independence, with the conditional odds ratio of a 2×2 table.

    >>> res = fisher_exact([[3, 1], [1, 3]], alternative="greater")
    >>> round(res.pvalue, 4), res.confidence_interval().high
    (0.2429, inf)

    Parameters
    ----------
    table : Tally or array_like, shape (R, C)
        Counts (non-negative whole numbers, no all-zero row or column); a
        pandas DataFrame keeps its labels.
    alternative : {"two-sided", "less", "greater"}
        For a 2×2 table, whether the odds ratio differs from 1, is below 1,
        or above 1. An R×C table is tested two-sided only.
    confidence_level : float
        Level of the interval of the odds ratio, strictly between 0 and 1.

    Returns
    -------
    FisherResult

    Raises
    ------
    InvalidTableError
        If the table is not 2-D, smaller than 2×2, holds a negative,
        non-integer, NaN or infinite count, or has an all-zero row or column.
    InputValueError
        If *alternative* is unknown, one-sided for an R×C table, or
        *confidence_level* is not in (0, 1).
    TableTooLargeError
        If an R×C table is too large for the exact enumeration.

    Notes
    -----
    Given the margins, the top-left cell $X$ of a 2×2 table follows
    Fisher's noncentral hypergeometric distribution

    $$
    P(X = x) = \\binom{m}{x}\\binom{n}{k - x}\\psi^x \\Big/
        \\sum_{u=l}^{h} \\binom{m}{u}\\binom{n}{k - u}\\psi^u
    $$

    with column totals $m, n$, first-row total $k$, support
    $l = \\max(0, k - n)$ to $h = \\min(k, m)$ and odds ratio
    $\\psi$. Under the null $\\psi = 1$. The one-sided p-values
    are the lower and upper tails at $x$; the two-sided p-value sums
    the probabilities of every $u$ with $P(u) \\le P(x)(1 +
    10^{-7})$. The estimate solves $E_\\psi(X) = x$; the interval's
    limits solve $P_\\psi(X \\ge x) = \\alpha$ (lower) and
    $P_\\psi(X \\le x) = \\alpha$ (upper), with $\\alpha =
    (1 - \\text{level})/2$ two-sided and $1 - \\text{level}$ one-sided
    (the other limit 0 or $\\infty$).

    R's ``fisher.test`` is the target, numbers included: the roots are found
    with the same Brent (zeroin) iterations and tolerance as R's
    ``uniroot`` (about 1.2e-4 on the (0, 1) scale), so the estimate and
    limits agree with R's to rounding, not with the exact root (they can
    differ from it in the third significant figure for small tables, as
    R's do). Larger tables use the Fisher–Freeman–Halton exact p-value of
    [`fisher_exact_rxc`][safecore.stats.contingency.fisher_exact_rxc]. Unlike R, a table with an
    all-zero row or column is refused.

    References
    ----------
    1. Fisher, R. A. (1935). The logic of inductive inference. *JRSS*, 98, 39–82.
    2. Agresti, A. (2002). *Categorical Data Analysis* (2nd ed.), section 3.5. Wiley.
    3. Forsythe, G. E., Malcolm, M. A., & Moler, C. B. (1977). *Computer
       Methods for Mathematical Computations*, chapter 7. Prentice-Hall.

    Examples
    --------
    R's ``fisher.test(TeaTasting, alternative = "greater")`` is above; the
    two-sided test and its interval:

    >>> res = fisher_exact([[3, 1], [1, 3]])
    >>> print(res.summary())
    Fisher's exact test: odds ratio 6.408, 95% CI [0.2117, 621.9], p = 0.486

    An R×C table, exact p only (R's ``fisher.test(rbind(c(2, 7, 1), c(6, 1, 4)))``):

    >>> round(fisher_exact([[2, 7, 1], [6, 1, 4]]).pvalue, 4)
    0.0177
    """
    alternative = check_choice(alternative, "alternative", ALTERNATIVES)  # type: ignore[assignment]
    level = check_share(confidence_level, "confidence_level", exclusive=True)
    counts, row_labels, column_labels = _counts_and_labels(table)
    r, c = counts.shape
    if r < 2 or c < 2:
        msg = f"table must have at least 2 rows and 2 columns: got shape {counts.shape}"
        raise InvalidTableError(msg)
    _check_margins(counts)
    n = int(counts.sum())
    if (r, c) != (2, 2):
        if alternative != "two-sided":
            msg = (
                f"alternative must be 'two-sided' for a {r}x{c} table (only a 2x2 table has "
                f"one odds ratio to test one-sided): {alternative!r}"
            )
            raise InputValueError(msg)
        return FisherResult(
            statistic=_table_probability(counts),
            pvalue=fisher_exact_rxc(counts),
            alternative=alternative,
            confidence_level=level,
            ci_low=math.nan,
            ci_high=math.nan,
            observed=counts,
            row_labels=row_labels,
            column_labels=column_labels,
            n=n,
        )
    dist = _Conditional(counts)
    low, high = dist.interval(alternative, level)
    return FisherResult(
        statistic=dist.mle(),
        pvalue=dist.pvalue(alternative),
        alternative=alternative,
        confidence_level=level,
        ci_low=low,
        ci_high=high,
        observed=counts,
        row_labels=row_labels,
        column_labels=column_labels,
        n=n,
    )


# -- McNemar -----------------------------------------------------------------------------------


def _clopper_pearson(successes: int, trials: int, level: float) -> tuple[float, float]:
    """R's ``binom.test(successes, trials)$conf.int`` (the Clopper–Pearson interval)."""
    from scipy import stats  # noqa: PLC0415

    alpha = (1 - level) / 2
    low = 0.0 if successes == 0 else float(stats.beta.ppf(alpha, successes, trials - successes + 1))
    high = (
        1.0
        if successes == trials
        else float(stats.beta.ppf(1 - alpha, successes + 1, trials - successes))
    )
    return low, high


def _odds(p: float) -> float:
    return math.inf if p == 1 else p / (1 - p)


@attrs.frozen(slots=True, repr=False, eq=False)
class McNemarTableResult(TestResult):
    """McNemar's test of a paired 2×2 table: chi-square (R's ``mcnemar.test``) or exact binomial.

    The table form of [`mcnemar`][safecore.stats.tables.mcnemar];
    [`McNemarResult`][safecore.stats.contingency.McNemarResult] is the discordant-pairs form that
    [`mcnemar_exact`][safecore.stats.contingency.mcnemar_exact] returns.

    Attributes
    ----------
    statistic : float
        McNemar's $X^2$ (``method="asymptotic"``), or the discordant
        count $n_{12}$ (``method="exact"``, R's
        ``binom.test(n12, n12 + n21)$statistic``).
    pvalue : float
        Two-sided p-value; 1 when there are no discordant pairs.
    df : int or None
        1 for the chi-square form, None for the exact form.
    n12, n21 : int
        The discordant cells ``table[0, 1]`` and ``table[1, 0]`` (R's
        ``x[1, 2]`` and ``x[2, 1]``).
    method : str
        ``"asymptotic"`` or ``"exact"``.
    correction : bool
        Whether the continuity correction was applied (chi-square form
        with discordant cells that differ).
    observed : ndarray
        The table tested.
    row_labels, column_labels : tuple
        Categories of the first and second measurement.

    Examples
    --------
    Returned by [`mcnemar`][safecore.stats.tables.mcnemar]; here 29 children, with or without
    a police call-out in the 12 months before (rows) and after (columns) allocation:

    >>> from safecore.stats.tables import mcnemar
    >>> res = mcnemar([[8, 9], [2, 10]])
    >>> round(res.statistic, 4), res.df, round(res.pvalue, 4), res.correction
    (3.2727, 1, 0.0704, True)
    >>> res.n12, res.n21, res.discordant, res.n, res.odds_ratio
    (9, 2, 11, 29, 4.5)
    >>> print(res.summary())
    McNemar's χ²(1, N = 29) (corrected) = 3.27, p = 0.070; 9 vs 2 discordant

    The exact form, for so few discordant pairs:

    >>> res = mcnemar([[8, 9], [2, 10]], exact=True)
    >>> res.statistic, res.df, round(res.pvalue, 4)
    (9, None, 0.0654)
    """

    statistic: float
    pvalue: float
    df: int | None
    n12: int
    n21: int
    method: str
    correction: bool
    observed: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    row_labels: tuple[Hashable, ...]
    column_labels: tuple[Hashable, ...]

    @property
    def n(self) -> int:
        """All pairs, the table's total."""
        return int(self.observed.sum())

    @property
    def discordant(self) -> int:
        """Discordant pairs, $n_{12} + n_{21}$."""
        return self.n12 + self.n21

    @property
    def odds_ratio(self) -> float:
        """The conditional odds ratio $n_{12} / n_{21}$ (NaN with no discordant pairs)."""
        if self.discordant == 0:
            return math.nan
        return math.inf if self.n21 == 0 else self.n12 / self.n21

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """Return the exact interval of the conditional odds ratio $n_{12} / n_{21}$.

        The Clopper–Pearson interval $(p_L, p_U)$ of
        $n_{12} / (n_{12} + n_{21})$, mapped to odds
        $p / (1 - p)$: R's ``exact2x2::mcnemar.exact(x)$conf.int``
        (for either form of the test). With no discordant pairs it is
        $(0, \\infty)$.

        Examples
        --------
        >>> low, high = mcnemar([[794, 150], [86, 570]]).confidence_interval()
        >>> round(low, 4), round(high, 4)
        (1.3292, 2.301)
        """
        level = check_share(confidence_level, "confidence_level", exclusive=True)
        if self.discordant == 0:
            return ConfidenceInterval(0.0, math.inf)
        low, high = _clopper_pearson(self.n12, self.discordant, level)
        return ConfidenceInterval(_odds(low), _odds(high))

    def _table(self) -> ResultTable:
        low, high = self.confidence_interval()
        return ResultTable(
            ("statistic", "df", "pvalue", "n12", "n21", "odds_ratio", "ci_low", "ci_high", "method"),
            [
                (
                    self.statistic,
                    self.df,
                    self.pvalue,
                    self.n12,
                    self.n21,
                    self.odds_ratio,
                    low,
                    high,
                    self.method,
                )
            ],
            caption=self.summary(),
            headers=(
                "b" if self.method == "exact" else "χ²",
                "df",
                "p",
                "n12",
                "n21",
                "odds ratio",
                "95% CI low",
                "95% CI high",
                "method",
            ),
            formats={"pvalue": "p", "statistic": ".2f"} if self.method != "exact" else {"pvalue": "p"},
        )

    def summary(self) -> str:
        """One line: ``McNemar's χ²(1, N = 1600) (corrected) = 16.82, p < .001; 150 vs 86 discordant``."""  # noqa: E501
        pairs = f"{self.n12} vs {self.n21} discordant"
        if self.method == "exact":
            return f"Exact McNemar test: {pairs}, {pvalue_text(self.pvalue)}"
        corrected = " (corrected)" if self.correction else ""
        return (
            f"McNemar's χ²({self.df}, N = {self.n}){corrected} = {self.statistic:.2f}, "
            f"{pvalue_text(self.pvalue)}; {pairs}"
        )

    def __repr__(self) -> str:
        return (
            f"McNemarTableResult(statistic={self.statistic:.4g}, pvalue={self.pvalue:.4g}, "
            f"n12={self.n12}, n21={self.n21}, method={self.method!r})"
        )


def mcnemar(
    table: Tally | ArrayLike, *, exact: bool = False, correction: bool = True
) -> McNemarTableResult:
    """McNemar's test that a paired 2×2 table's discordant cells are equally likely.

    >>> res = mcnemar([[794, 150], [86, 570]])  # R's mcnemar.test(Performance)
    >>> round(res.statistic, 3), f"{res.pvalue:.4g}"
    (16.818, '4.115e-05')

    Parameters
    ----------
    table : Tally or array_like, shape (2, 2)
        Counts of pairs, rows the first measurement and columns the second,
        in the same category order.
    exact : bool
        Use the exact binomial test of the discordant pairs instead of the
        chi-square approximation.
    correction : bool
        Apply the continuity correction to the chi-square form (R's
        ``correct = TRUE``, the default); ignored by the exact form.

    Returns
    -------
    McNemarTableResult

    Raises
    ------
    InvalidTableError
        If the table is not 2×2 or holds a negative, non-integer, NaN or
        infinite count.
    InputTypeError
        If *exact* or *correction* is not a boolean.

    Notes
    -----
    With discordant cells $b = n_{12}$ and $c = n_{21}$, the chi-square form is
    $X^2 = (|b - c| - 1)^2 / (b + c)$ with the correction (applied only when $b \\ne c$, as R) and
    $(b - c)^2 / (b + c)$ without, on 1 df: R's ``mcnemar.test``. The exact form refers $b$ to
    $\\mathrm{Binomial}(b + c, 1/2)$, two-sided: R's ``binom.test(b, b + c)`` and
    ``exact2x2::mcnemar.exact``; its p-value is that of
    [`mcnemar_exact`][safecore.stats.contingency.mcnemar_exact]. With no discordant pairs R's
    statistic is NaN; here the statistic is 0 and the p-value 1 (nothing to test), as
    [`mcnemar_exact`][safecore.stats.contingency.mcnemar_exact]. Only 2×2 tables are accepted (R
    also runs Bowker's symmetry test on larger square tables).

    References
    ----------
    1. McNemar, Q. (1947). Note on the sampling error of the difference
       between correlated proportions or percentages. *Psychometrika*, 12, 153–157.
    2. Breslow, N. E., & Day, N. E. (1980). *Statistical Methods in
       Cancer Research, Vol. 1*, equation 5.2. IARC.

    Examples
    --------
    The exact form, with the conditional odds ratio and its interval:

    >>> res = mcnemar([[20, 10], [2, 15]], exact=True)
    >>> res.statistic, round(res.pvalue, 4), res.odds_ratio
    (10, 0.0386, 5.0)
    >>> print(res.summary())
    Exact McNemar test: 10 vs 2 discordant, p = 0.039
    """
    exact = _check_bool(exact, "exact")
    correction = _check_bool(correction, "correction")
    counts, row_labels, column_labels = _counts_and_labels(table)
    if counts.shape != (2, 2):
        msg = f"table must be 2x2 (paired outcomes): got shape {counts.shape}"
        raise InvalidTableError(msg)
    n12, n21 = int(counts[0, 1]), int(counts[1, 0])
    total = n12 + n21
    applied = not exact and correction and n12 != n21
    statistic: float
    if exact:
        statistic, pvalue = n12, mcnemar_exact(n12, n21).pvalue
    elif total == 0:
        statistic, pvalue = 0.0, 1.0
    else:
        from scipy import stats  # noqa: PLC0415

        diff = abs(n12 - n21) - 1 if applied else n12 - n21
        statistic = diff**2 / total
        pvalue = float(stats.chi2.sf(statistic, 1))
    return McNemarTableResult(
        statistic=statistic,
        pvalue=pvalue,
        df=None if exact else 1,
        n12=n12,
        n21=n21,
        method="exact" if exact else "asymptotic",
        correction=applied,
        observed=counts,
        row_labels=row_labels,
        column_labels=column_labels,
    )


# -- chi-square goodness of fit ---------------------------------------------------------------


@attrs.frozen(slots=True, repr=False, eq=False)
class GoodnessOfFitResult(TestResult):
    """Pearson's chi-square test that counts follow given probabilities.

    Attributes
    ----------
    statistic : float
        Pearson's $X^2 = \\sum (O_i - E_i)^2 / E_i$.
    pvalue : float
        From $\\chi^2_{k-1}$ (``method="asymptotic"``) or from
        ``resamples`` multinomial samples (``"monte-carlo"``, an estimate).
    df : int
        $k - 1$ (R reports NA with a simulated p-value).
    observed : ndarray
        The counts tested.
    probabilities : ndarray
        The null probabilities (rescaled if asked).
    expected : ndarray
        $E_i = n p_i$.
    residuals : ndarray
        Pearson residuals $(O_i - E_i) / \\sqrt{E_i}$.
    adjusted_residuals : ndarray
        Standardised residuals, R's ``stdres``: $(O_i - E_i) / \\sqrt{n p_i (1 - p_i)}$.
    labels : tuple
        The categories.
    n : int
        Total count.
    method : str
        ``"asymptotic"`` or ``"monte-carlo"``.
    resamples : int or None
        Number of Monte Carlo samples, if any.

    Examples
    --------
    Returned by [`chi_square_gof`][safecore.stats.tables.chi_square_gof]; here whether 100
    referrals came from four sources in the shares the service planned for:

    >>> from safecore.stats.tables import chi_square_gof
    >>> sources = {"Police": 34, "School": 27, "Health": 21, "Self": 18}
    >>> res = chi_square_gof(sources, [0.3, 0.3, 0.2, 0.2])
    >>> round(res.statistic, 3), res.df, round(res.pvalue, 4), res.n
    (1.083, 3, 0.7811, 100)
    >>> res.expected.tolist()
    [30.0, 30.0, 20.0, 20.0]
    >>> print(res)
    χ²(3, N = 100) = 1.08, p = 0.781
    category  observed  probability  expected  residual  adjusted residual
    Police          34        0.300     30.00     +0.73              +0.87
    School          27        0.300     30.00     -0.55              -0.65
    Health          21        0.200     20.00     +0.22              +0.25
    Self            18        0.200     20.00     -0.45              -0.50
    """

    statistic: float
    pvalue: float
    df: int
    observed: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    probabilities: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    expected: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    residuals: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    adjusted_residuals: NDArray[np.float64] = attrs.field(converter=_frozen_float)
    labels: tuple[Hashable, ...]
    n: int
    method: str = "asymptotic"
    resamples: int | None = None

    def _table(self) -> ResultTable:
        return ResultTable(
            ("category", "observed", "probability", "expected", "residual", "adjusted_residual"),
            [
                (
                    fmt_label(label),
                    int(self.observed[i]),
                    float(self.probabilities[i]),
                    float(self.expected[i]),
                    float(self.residuals[i]),
                    float(self.adjusted_residuals[i]),
                )
                for i, label in enumerate(self.labels)
            ],
            caption=self.summary(),
            formats={
                "probability": ".3f",
                "expected": ".2f",
                "residual": "+.2f",
                "adjusted_residual": "+.2f",
            },
        )

    def summary(self) -> str:
        """One line: ``χ²(3, N = 556) = 0.47, p = 0.925``."""
        text = _chi_square_pvalue_text(self.pvalue, self.method, self.resamples, "samples")
        return f"χ²({self.df}, N = {self.n}) = {self.statistic:.2f}, {text}"

    def __repr__(self) -> str:
        extra = f", resamples={self.resamples}" if self.resamples else ""
        return (
            f"GoodnessOfFitResult(statistic={self.statistic:.4g}, df={self.df}, "
            f"pvalue={self.pvalue:.4g}, n={self.n}, method={self.method!r}{extra})"
        )


def _counts_1d(observed: object) -> tuple[NDArray[np.int64], tuple[Hashable, ...]]:
    """Return the counts and labels of a mapping, a pandas Series (labels kept) or a 1-D array."""
    if isinstance(observed, Mapping):
        labels: tuple[Hashable, ...] = tuple(observed)
        values: Any = list(observed.values())
    else:
        index = getattr(observed, "index", None) if hasattr(observed, "to_numpy") else None
        values = observed
        labels = tuple(index) if index is not None else ()
    try:
        arr = np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else values, dtype=object)
    except (TypeError, ValueError) as exc:  # an object numpy cannot read as an array
        msg = f"observed must be a 1-D sequence of counts: {exc}"
        raise InvalidTableError(msg) from exc
    if arr.ndim != 1:
        msg = f"observed must be 1-D (one count per category): got shape {arr.shape}"
        raise InvalidTableError(msg)
    counts = _as_count_table(arr.reshape(1, -1), name="observed")[0]
    if len(counts) < 2:
        msg = f"observed must have at least 2 categories: got {len(counts)}"
        raise InvalidTableError(msg)
    if counts.sum() == 0:
        msg = "observed must hold at least one count: all are zero"
        raise InvalidTableError(msg)
    return counts, labels or tuple(range(len(counts)))


def _null_probabilities(p: object, k: int, *, rescale: bool) -> NDArray[np.float64]:
    if p is None:
        return np.full(k, 1 / k)
    raw = p.to_numpy() if hasattr(p, "to_numpy") else p
    values = np.asarray(list(raw.values()) if isinstance(raw, Mapping) else raw, dtype=object)
    if values.ndim != 1 or len(values) != k:
        msg = f"p must have one probability per category ({k}): got shape {values.shape}"
        raise InputValueError(msg)
    probs = np.array([check_real(v, f"p[{i}]", minimum=0) for i, v in enumerate(values)])
    if (probs == 0).any():
        i = int(np.flatnonzero(probs == 0)[0])
        msg = (
            f"p[{i}] must be > 0: a category impossible under the null cannot be tested "
            "by chi-square (drop it)"
        )
        raise InputValueError(msg)
    total = float(probs.sum())
    if abs(total - 1) > math.sqrt(_EPS):
        if not rescale:
            msg = f"p must sum to 1 (or pass rescale_p=True): sums to {total!r}"
            raise InputValueError(msg)
        probs = probs / total
    return probs


def chi_square_gof(
    observed: ArrayLike | Mapping[Hashable, int],
    p: ArrayLike | None = None,
    *,
    method: Literal["asymptotic", "monte-carlo"] = "asymptotic",
    resamples: int = 2000,
    seed: int | np.random.Generator | None = None,
    rescale_p: bool = False,
) -> GoodnessOfFitResult:
    """Test whether counts follow given probabilities (Pearson's chi-square goodness of fit).

    >>> res = chi_square_gof([89, 37, 30, 28, 12], [0.40, 0.20, 0.20, 0.15, 0.05])
    >>> round(res.statistic, 4), round(res.pvalue, 4)
    (4.2764, 0.3699)

    Parameters
    ----------
    observed : array_like or mapping
        Counts per category (non-negative whole numbers, at least two
        categories, not all zero); a mapping or pandas Series keeps its labels.
    p : array_like, optional
        Null probabilities, one per category, each > 0, summing to 1
        (within $\\sqrt{\\epsilon}$, as R); default: equal.
    method : {"asymptotic", "monte-carlo"}
        The chi-square distribution on $k - 1$ df, or *resamples*
        multinomial samples under the null (R's ``simulate.p.value = TRUE``).
    resamples : int
        Number of Monte Carlo samples (R's ``B``).
    seed : int or numpy.random.Generator, optional
        Seed for ``method="monte-carlo"``.
    rescale_p : bool
        Divide *p* by its sum rather than refuse one that does not sum to 1.

    Returns
    -------
    GoodnessOfFitResult

    Raises
    ------
    InvalidTableError
        If *observed* is not 1-D, has fewer than 2 categories, or holds a
        negative, non-integer, NaN or infinite count, or only zeros.
    InputValueError
        If *p* has the wrong length, a negative, zero or non-finite value,
        or does not sum to 1 (without *rescale_p*); if *method* or
        *resamples* is invalid.
    InputTypeError
        If *rescale_p* is not a boolean or *seed* is not a seed.

    Warns
    -----
    SmallExpectedWarning
        With ``method="asymptotic"``, when an expected count is below 5.

    Notes
    -----
    $E_i = n p_i$ and $X^2 = \\sum_i (O_i - E_i)^2 / E_i$,
    referred to $\\chi^2_{k-1}$. The Monte Carlo p-value is
    $(1 + \\#\\{X^2_b \\ge (1 - 64\\epsilon) X^2\\}) / (B + 1)$, R's
    rule; the samples come from NumPy's generator, so they differ from R's
    draws and the estimate agrees with R's only within Monte Carlo error.
    R's ``chisq.test(x, p = p, rescale.p = ..., simulate.p.value = ...)``
    is the target (statistic, p-value, ``expected``, ``residuals``,
    ``stdres``). Unlike R, a zero probability is refused.

    References
    ----------
    1. Pearson, K. (1900). On the criterion that a given system of
       deviations from the probable ... *Philosophical Magazine*, 50, 157–175.
    2. Hope, A. C. A. (1968). A simplified Monte Carlo significance test
       procedure. *JRSS B*, 30, 582–598.

    Examples
    --------
    R's ``chisq.test(c(A = 20, B = 15, C = 25), p = c(1, 1, 2), rescale.p = TRUE)``:

    >>> res = chi_square_gof({"A": 20, "B": 15, "C": 25}, [1, 1, 2], rescale_p=True)
    >>> print(res.summary())
    χ²(2, N = 60) = 2.50, p = 0.287
    >>> res.expected.tolist()
    [15.0, 15.0, 30.0]
    """
    method = check_choice(method, "method", ("asymptotic", "monte-carlo"))  # type: ignore[assignment]
    resamples = check_draws(resamples, "resamples")
    seed = check_seed(seed)
    rescale_p = _check_bool(rescale_p, "rescale_p")
    counts, labels = _counts_1d(observed)
    k = len(counts)
    probs = _null_probabilities(p, k, rescale=rescale_p)
    obs = counts.astype(np.float64)
    n = int(counts.sum())
    expected = n * probs
    diff = obs - expected
    statistic = float((diff**2 / expected).sum())
    if method == "asymptotic":
        if (expected < 5).any():
            warnings.warn(
                f"{int((expected < 5).sum())} of {k} expected counts are below 5 "
                f"(smallest {float(expected.min()):.2f}): the chi-square approximation may be "
                "poor; consider method='monte-carlo'",
                SmallExpectedWarning,
                stacklevel=2,
            )
        from scipy import stats  # noqa: PLC0415

        pvalue = float(stats.chi2.sf(statistic, k - 1))
        n_resamples: int | None = None
    else:
        pvalue = _gof_monte_carlo(n, probs, expected, statistic, resamples, seed)
        n_resamples = resamples
    return GoodnessOfFitResult(
        statistic=statistic,
        pvalue=pvalue,
        df=k - 1,
        observed=obs,
        probabilities=probs,
        expected=expected,
        residuals=diff / np.sqrt(expected),
        adjusted_residuals=diff / np.sqrt(expected * (1 - probs)),
        labels=labels,
        n=n,
        method=method,
        resamples=n_resamples,
    )


def _gof_monte_carlo(
    n: int,
    probs: NDArray[np.float64],
    expected: NDArray[np.float64],
    statistic: float,
    resamples: int,
    seed: Any,
    chunk: int = 20_000,
) -> float:
    rng = np.random.default_rng(seed)
    sampling = probs / probs.sum()
    threshold = (1 - 64 * _EPS) * statistic
    hits = done = 0
    while done < resamples:
        size = min(chunk, resamples - done)
        draws = rng.multinomial(n, sampling, size=size).astype(np.float64)
        stats_b = ((draws - expected) ** 2 / expected).sum(axis=1)
        hits += int((stats_b >= threshold).sum())
        done += size
    return (1 + hits) / (resamples + 1)
