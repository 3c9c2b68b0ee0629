r"""Comparisons of means: t-tests as R's ``t.test`` computes them, and the report's forms.

[`t_test`][safecore.stats.means.t_test] and
[`t_test_from_summary`][safecore.stats.means.t_test_from_summary] are the general tests (one-sample,
paired, Welch, Student; one-sided alternatives, *mu*, any confidence level).
[`welch`][safecore.stats.means.welch], [`paired`][safecore.stats.means.paired],
[`one_sample`][safecore.stats.means.one_sample] and their ``_from_summary`` forms are the report's
two-sided comparisons (with Hedges' g, the Wilcoxon signed-rank test, or a norm), computed by the
same code.

Examples
--------
The report's personal burnout at time 1 and time 2, from summaries alone:

>>> from safecore.scales import welch_from_summary
>>> res = welch_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9)
>>> round(res.statistic, 3), round(res.df, 2), round(res.pvalue, 3)
(0.499, 14.94, 0.625)
"""

from __future__ import annotations

import math
from typing import Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputValueError
from safecore._results import Result, ResultTable, TestResult, pvalue_text
from safecore._validate import check_flag, check_real, check_share, check_whole
from safecore.stats._hypotheses import Alternative, ConfidenceInterval, check_alternative
from safecore.stats._samples import as_values
from safecore.stats.describe import accurate_mean_sd, present_values
from safecore.stats.ranks import wilcoxon

__all__ = [
    "ConfidenceInterval",
    "EffectSize",
    "Norm",
    "OneSampleResult",
    "PairedResult",
    "TTestResult",
    "WelchResult",
    "hedges_g",
    "hedges_g_from_summary",
    "one_sample",
    "one_sample_from_summary",
    "paired",
    "t_test",
    "t_test_from_summary",
    "welch",
    "welch_from_summary",
]

Design = Literal["one-sample", "paired", "welch", "student"]


def _norm_mean(value: object) -> float:
    return check_real(value, "mean")


def _norm_n(value: object) -> int:
    return check_whole(value, "n", minimum=1)


@attrs.frozen(slots=True)
class Norm:
    """A published reference mean, with its sample size and source.

    Examples
    --------
    The social-worker norm for personal burnout, against which a team's scores are tested:

    >>> from safecore.stats.means import Norm, one_sample
    >>> norm = Norm("personal", 57.9, 1720, "Walters, Brown & James (2018)")
    >>> norm.mean, norm.n
    (57.9, 1720)
    >>> round(one_sample([45.8, 37.5, 50.0, 29.2, 41.7, 33.3], norm).statistic, 2)
    -5.76

    The 2020 report's norms are named examples in `safecore.datasets`:

    >>> from safecore.datasets import CBI_SOCIAL_WORKER_NORMS
    >>> CBI_SOCIAL_WORKER_NORMS["work"].mean
    52.0
    """

    scale: str
    mean: float = attrs.field(converter=_norm_mean)
    n: int = attrs.field(converter=_norm_n)
    source: str = ""


def _summary(
    n: object, mean: object, sd: object, suffix: str = "", *, least: int = 2
) -> tuple[int, float, float]:
    """Validate one group's n, mean and SD (a negative SD is an error, not a finding)."""
    return (
        check_whole(n, f"n{suffix}", minimum=least),
        check_real(mean, f"mean{suffix}"),
        check_real(sd, f"sd{suffix}", minimum=0),
    )


def _t_interval(estimate: float, se: float, df: float, confidence_level: object) -> ConfidenceInterval:
    """``estimate ± t_{df} se`` at *confidence_level* (validated: strictly in (0, 1))."""
    from scipy import stats  # noqa: PLC0415

    level = check_share(confidence_level, "confidence_level", exclusive=True)
    half = float(stats.t.ppf(0.5 + level / 2, df)) * se
    return ConfidenceInterval(estimate - half, estimate + half)


@attrs.frozen(slots=True, repr=False, eq=False)
class EffectSize(Result):
    """Hedges' g with its confidence interval.

    Attributes
    ----------
    g : float
        Hedges' bias-corrected standardised mean difference.
    ci_low, ci_high : float
        The normal-approximation interval at *confidence*.
    confidence : float
        Confidence level of the interval.

    Examples
    --------
    Returned by [`hedges_g`][safecore.stats.means.hedges_g] and
    [`hedges_g_from_summary`][safecore.stats.means.hedges_g_from_summary], and held by
    [`WelchResult.effect`][safecore.stats.means.WelchResult]; here personal burnout of six
    staff at two time points:

    >>> from safecore.stats.means import hedges_g
    >>> es = hedges_g([45.8, 37.5, 50.0, 29.2, 41.7, 33.3], [37.5, 33.3, 41.7, 29.2, 33.3, 25.0])
    >>> round(es.g, 3), round(es.ci_low, 3), round(es.ci_high, 3), es.confidence
    (0.835, -0.345, 2.015, 0.95)
    >>> print(es.summary())
    Hedges' g = 0.84, 95% CI [-0.34, 2.02]
    """

    g: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95

    def _table(self) -> ResultTable:
        return ResultTable(
            ("g", "ci_low", "ci_high", "confidence"),
            [(self.g, self.ci_low, self.ci_high, self.confidence)],
            caption=self.summary(),
            formats={"g": ".3f", "ci_low": ".3f", "ci_high": ".3f", "confidence": "percent"},
        )

    def summary(self) -> str:
        """One line: ``Hedges' g = 0.49, 95% CI [-0.14, 1.12]``."""
        return (
            f"Hedges' g = {self.g:.2f}, {self.confidence:.0%} CI [{self.ci_low:.2f}, {self.ci_high:.2f}]"
        )

    def __repr__(self) -> str:
        ci = f"[{self.ci_low:.3f}, {self.ci_high:.3f}]"
        return f"EffectSize(g={self.g:.3f}, {self.confidence:.0%} CI {ci})"


def hedges_g_from_summary(
    n1: int, mean1: float, sd1: float, n2: int, mean2: float, sd2: float, *, confidence: float = 0.95
) -> EffectSize:
    r"""Hedges' g for two independent groups from summary statistics.

    Parameters
    ----------
    n1, n2 : int
        Group sizes, whole numbers >= 2 (numpy integers accepted).
    mean1, mean2 : float
        Group means, finite (numpy scalars, ``Decimal`` and ``Fraction`` accepted).
    sd1, sd2 : float
        Group SDs, finite and >= 0.
    confidence : float
        Confidence level of the interval, strictly in (0, 1): ``0.95``, not ``95``.

    Returns
    -------
    EffectSize

    Raises
    ------
    InputTypeError
        For a boolean or text argument (a ``TypeError``).
    InputValueError
        For an n below 2 or not whole, a NaN or infinite mean, a negative or
        non-finite SD, a confidence outside (0, 1), or two SDs of zero (g
        undefined); the message names the parameter and shows the value.

    Notes
    -----
    $d = (\bar x_1 - \bar x_2)/s_p$ with the pooled SD
    $s_p^2 = ((n_1-1)s_1^2 + (n_2-1)s_2^2)/(n_1+n_2-2)$;
    $g = J d$ with $J = 1 - 3/(4(n_1+n_2) - 9)$; the interval is
    $g \pm z\,SE$ with
    $SE^2 = (n_1+n_2)/(n_1 n_2) + g^2/(2(n_1+n_2))$ (Hedges & Olkin,
    1985).

    References
    ----------
    1. Hedges, L. V., & Olkin, I. (1985). *Statistical Methods for
       Meta-Analysis*. Academic Press.

    Examples
    --------
    >>> hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0)
    EffectSize(g=0.490, 95% CI [-0.139, 1.119])
    """
    from scipy import stats  # noqa: PLC0415

    n1, mean1, sd1 = _summary(n1, mean1, sd1, "1")
    n2, mean2, sd2 = _summary(n2, mean2, sd2, "2")
    confidence = check_share(confidence, "confidence", exclusive=True)
    pooled = math.sqrt(((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2))
    if pooled == 0:
        msg = "Hedges' g is undefined when both groups have zero spread (sd1 = sd2 = 0)"
        raise InputValueError(msg)
    j = 1 - 3 / (4 * (n1 + n2) - 9)
    g = j * (mean1 - mean2) / pooled
    se = math.sqrt((n1 + n2) / (n1 * n2) + g**2 / (2 * (n1 + n2)))
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    return EffectSize(g, g - z * se, g + z * se, confidence)


def hedges_g(x: ArrayLike, y: ArrayLike, *, confidence: float = 0.95) -> EffectSize:
    """Hedges' g for two independent samples (missing values are left out).

    Raises
    ------
    InputTypeError
        For a boolean or text value (a ``TypeError``).
    InputValueError
        For an infinite value, fewer than 2 present values in a sample, or
        zero spread in both.

    Examples
    --------
    >>> from safecore.stats import hedges_g
    >>> hedges_g([4, 5, 6, 7, 8], [1, 2, 3, 4, 5])
    EffectSize(g=1.714, 95% CI [0.264, 3.163])
    """
    a = _sample(x, "x")
    b = _sample(y, "y")
    ma, sa = accurate_mean_sd(a)
    mb, sb = accurate_mean_sd(b)
    return hedges_g_from_summary(len(a), ma, sa, len(b), mb, sb, confidence=confidence)


_T_FORMATS = {
    "statistic": ".3f",
    "df": ".2f",
    "pvalue": "p",
    "estimate": ".3f",
    "ci_low": ".3f",
    "ci_high": ".3f",
}


@attrs.frozen(slots=True, repr=False, eq=False)
class WelchResult(TestResult):
    """Welch's unequal-variance t-test.

    Unpacks like scipy's result: ``t, p = welch(x, y)``.

    Attributes
    ----------
    statistic, pvalue, df : float
        t, two-sided p and Welch–Satterthwaite degrees of freedom.
    mean_difference : float
        ``mean1 - mean2`` (also [`estimate`][safecore.stats.means.WelchResult.estimate]).
    standard_error : float
        Of the difference, $\\sqrt{s_1^2/n_1 + s_2^2/n_2}$.
    n1, n2 : int
        Group sizes used.
    effect : EffectSize
        Hedges' g.
    missing : int
        Values left out as missing (raw-data form only).

    Examples
    --------
    Returned by [`welch`][safecore.stats.means.welch] and
    [`welch_from_summary`][safecore.stats.means.welch_from_summary]; here personal burnout of
    two teams of social workers:

    >>> from safecore.stats.means import welch
    >>> res = welch([45.8, 37.5, 50.0, 29.2, 41.7, 33.3], [55.0, 62.5, 48.3, 70.8, 58.3])
    >>> round(res.statistic, 3), round(res.df, 2), round(res.pvalue, 4)
    (-3.94, 8.35, 0.0039)
    >>> round(res.mean_difference, 2), (res.n1, res.n2), round(res.effect.g, 2)
    (-19.4, (6, 5), -2.2)
    >>> print(res.summary())
    Welch's t(8.35) = -3.94, p = 0.004; difference -19.40, 95% CI [-30.67, -8.13], g = -2.20
    """

    statistic: float
    pvalue: float
    df: float
    mean_difference: float
    standard_error: float
    n1: int
    n2: int
    effect: EffectSize
    missing: int = 0

    @property
    def estimate(self) -> float:
        """The difference of means, ``mean1 - mean2``."""
        return self.mean_difference

    @property
    def n(self) -> int:
        """Values used in both groups, ``n1 + n2``."""
        return self.n1 + self.n2

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """Return the t-interval of the difference of means, with the Welch–Satterthwaite df.

        As ``scipy.stats.ttest_ind(x, y, equal_var=False).confidence_interval()``
        and R's ``t.test(x, y)$conf.int``.

        Examples
        --------
        >>> low, high = welch_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9).confidence_interval()
        >>> round(low, 2), round(high, 2)
        (-10.8, 17.4)
        """
        return _t_interval(self.mean_difference, self.standard_error, self.df, confidence_level)

    def _table(self) -> ResultTable:
        low, high = self.confidence_interval()
        return ResultTable(
            ("statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "n1", "n2", "missing", "g"),
            [
                (
                    self.statistic,
                    self.df,
                    self.pvalue,
                    self.mean_difference,
                    low,
                    high,
                    self.n1,
                    self.n2,
                    self.missing,
                    self.effect.g,
                )
            ],
            caption=self.summary(),
            headers=(
                "t",
                "df",
                "p",
                "difference",
                "95% CI low",
                "95% CI high",
                "n1",
                "n2",
                "missing",
                "g",
            ),
            formats={**_T_FORMATS, "g": ".3f"},
        )

    def summary(self) -> str:
        """One line: ``Welch's t(14.94) = 0.50, p = 0.625; difference 3.30, 95% CI [...], g = ...``."""
        low, high = self.confidence_interval()
        return (
            f"Welch's t({self.df:.2f}) = {self.statistic:.2f}, {pvalue_text(self.pvalue)}; "
            f"difference {self.mean_difference:.2f}, 95% CI [{low:.2f}, {high:.2f}], "
            f"g = {self.effect.g:.2f}"
        )

    def __repr__(self) -> str:
        return (
            f"WelchResult(t={self.statistic:.3f}, df={self.df:.2f}, p={self.pvalue:.4g}, "
            f"diff={self.mean_difference:.3g}, g={self.effect.g:.3f})"
        )


def welch_from_summary(
    n1: int, mean1: float, sd1: float, n2: int, mean2: float, sd2: float
) -> WelchResult:
    r"""Welch's t-test from group sizes, means and SDs alone.

    Parameters
    ----------
    n1, n2 : int
        Group sizes, whole numbers >= 2 (numpy integers accepted).
    mean1, mean2 : float
        Group means, finite (numpy scalars, ``Decimal`` and ``Fraction`` accepted).
    sd1, sd2 : float
        Group SDs, finite and >= 0, not both 0.

    Returns
    -------
    WelchResult

    Raises
    ------
    InputTypeError
        For a boolean or text argument (a ``TypeError``).
    InputValueError
        For an n below 2 or not whole, a NaN or infinite mean, a negative or
        non-finite SD, or two SDs of zero (t undefined); the message names
        the parameter and shows the value.

    Notes
    -----
    $t = (\bar x_1 - \bar x_2)/\sqrt{s_1^2/n_1 + s_2^2/n_2}$ with
    $\nu = (v_1+v_2)^2 / (v_1^2/(n_1-1) + v_2^2/(n_2-1))$, $v_i = s_i^2/n_i$. Agrees with
    `scipy.stats.ttest_ind_from_stats` (``equal_var=False``) and R's ``t.test``;
    [`t_test_from_summary`][safecore.stats.means.t_test_from_summary] is the general form (one-sided
    alternatives, *mu*, Student's test).

    Examples
    --------
    >>> from safecore.stats import welch_from_summary
    >>> welch_from_summary(20, 5.1, 1.2, 25, 4.3, 1.5)
    WelchResult(t=1.988, df=43.00, p=0.05325, diff=0.8, g=0.571)
    """
    n1, mean1, sd1 = _summary(n1, mean1, sd1, "1")
    n2, mean2, sd2 = _summary(n2, mean2, sd2, "2")
    if sd1 == sd2 == 0:
        msg = "Welch's test is undefined when both groups have zero spread (sd1 = sd2 = 0)"
        raise InputValueError(msg)
    res = _t_result(
        "welch",
        [(n1, mean1, sd1**2), (n2, mean2, sd2**2)],
        mu=0.0,
        alternative="two-sided",
        level=0.95,
    )
    return WelchResult(
        res.statistic,
        res.pvalue,
        res.df,
        res.estimate,
        res.standard_error,
        n1,
        n2,
        hedges_g_from_summary(n1, mean1, sd1, n2, mean2, sd2),
    )


def welch(x: ArrayLike, y: ArrayLike) -> WelchResult:
    """Welch's t-test on two independent samples (e.g. time 1 and time 2, unmatched).

    The two-sided ``t_test(x, y)``, with Hedges' g.

    Missing values (``None``, NaN, blank text) are left out and counted in
    ``missing``.

    Raises
    ------
    InputTypeError
        For a boolean or text value (a ``TypeError``), naming the sample
        (``x`` or ``y``) and the 1-based position.
    InputValueError
        For an infinite value, fewer than 2 present values in a sample, or
        zero spread in both.

    Examples
    --------
    >>> welch([1, 2, 3, 4, None], [2, 4, 6, 8, 10]).missing
    1
    """
    a, ma = present_values(x, "x")
    b, mb = present_values(y, "y")
    _enough(a, ma, "x")
    _enough(b, mb, "y")
    m1, s1 = accurate_mean_sd(a)
    m2, s2 = accurate_mean_sd(b)
    res = welch_from_summary(len(a), m1, s1, len(b), m2, s2)
    return attrs.evolve(res, missing=ma + mb)


def _enough(values: NDArray[np.float64], missing: int, name: str) -> None:
    if len(values) < 2:
        msg = f"{name} needs at least 2 present values: got {len(values)} ({missing} missing)"
        raise InputValueError(msg)


def _sample(values: ArrayLike, name: str) -> NDArray[np.float64]:
    x, missing = present_values(values, name)
    _enough(x, missing, name)
    return x


@attrs.frozen(slots=True, repr=False, eq=False)
class PairedResult(TestResult):
    """Paired comparison of matched respondents: paired t and Wilcoxon signed-rank.

    ``statistic`` and ``pvalue`` are the paired t-test's, so
    ``t, p = paired(x, y)`` unpacks like scipy's ``ttest_rel``; the Wilcoxon
    test keeps its own fields.

    Attributes
    ----------
    n : int
        Complete pairs used.
    missing : int
        Pairs left out because either value was missing.
    mean_difference : float
        Mean of ``x - y`` (also [`estimate`][safecore.stats.means.PairedResult.estimate]).
    standard_error : float
        Of the mean difference, $s_d/\\sqrt n$.
    statistic, pvalue : float
        Paired t and its two-sided p-value.
    df : int
        ``n - 1``.
    wilcoxon, wilcoxon_pvalue : float
        Wilcoxon signed-rank statistic ``V`` (sum of the ranks of the
        positive differences; zero differences dropped) and its two-sided p,
        both as R's ``wilcox.test(x, y, paired = TRUE)`` computes them (see
        [`safecore.stats.wilcoxon`][safecore.stats.ranks.wilcoxon]): exact below 50 differences
        without ties or zeros, otherwise the normal approximation with
        continuity and tie corrections.

    Notes
    -----
    ``excluded``, ``t`` and ``t_pvalue`` are deprecated read-only aliases of
    ``missing``, ``statistic`` and ``pvalue``.

    Before this release the Wilcoxon p-value was scipy's default (the exact
    distribution even with ties or zeros); it is now R's. On R's ``sleep``
    data (a zero and ties) R gives V = 0, p = 0.009091, where scipy gave
    p = 0.00391.

    Examples
    --------
    Returned by [`paired`][safecore.stats.means.paired]; here personal burnout of six staff
    before and after a change of supervision:

    >>> from safecore.stats.means import paired
    >>> res = paired([45.8, 37.5, 50.0, 29.2, 41.7, 33.3], [37.5, 33.3, 41.7, 29.2, 33.3, 25.0])
    >>> res.n, res.missing, round(res.mean_difference, 2)
    (6, 0, 6.25)
    >>> round(res.statistic, 3), res.df, round(res.pvalue, 4)
    (4.401, 5, 0.007)
    >>> res.wilcoxon, round(res.wilcoxon_pvalue, 4)
    (15.0, 0.0545)
    >>> print(res.summary())
    Paired t(5) = 4.40, p = 0.007; mean difference 6.25, 95% CI [2.60, 9.90]; Wilcoxon V = 15,
    p = 0.054 (6 pairs, 0 missing)
    """

    n: int
    missing: int
    mean_difference: float
    standard_error: float
    statistic: float
    pvalue: float
    df: int
    wilcoxon: float
    wilcoxon_pvalue: float

    @property
    def excluded(self) -> int:
        """Deprecated alias of `missing`."""
        return self.missing

    @property
    def t(self) -> float:
        """Deprecated alias of `statistic`."""
        return self.statistic

    @property
    def t_pvalue(self) -> float:
        """Deprecated alias of `pvalue`."""
        return self.pvalue

    @property
    def estimate(self) -> float:
        """The mean of the differences ``x - y``."""
        return self.mean_difference

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """Return the t-interval of the mean difference (df = n - 1).

        As ``scipy.stats.ttest_rel(x, y).confidence_interval()`` and R's
        ``t.test(x, y, paired = TRUE)$conf.int``.
        """
        return _t_interval(self.mean_difference, self.standard_error, self.df, confidence_level)

    def _table(self) -> ResultTable:
        low, high = self.confidence_interval()
        nan, n, k = math.nan, self.n, self.missing
        return ResultTable(
            ("test", "statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "n", "missing"),
            [
                (
                    "paired t",
                    self.statistic,
                    self.df,
                    self.pvalue,
                    self.mean_difference,
                    low,
                    high,
                    n,
                    k,
                ),
                (
                    "Wilcoxon signed-rank (V)",
                    self.wilcoxon,
                    nan,
                    self.wilcoxon_pvalue,
                    nan,
                    nan,
                    nan,
                    n,
                    k,
                ),
            ],
            caption=self.summary(),
            headers=(
                *("test", "statistic", "df", "p", "mean difference", "95% CI low", "95% CI high"),
                *("pairs", "missing"),
            ),
            formats={**_T_FORMATS, "df": "d"},
        )

    def summary(self) -> str:
        """One line: ``Paired t(9) = -4.06, p = 0.003; ...; Wilcoxon V = 0, p = 0.009 ...``."""
        low, high = self.confidence_interval()
        return (
            f"Paired t({self.df}) = {self.statistic:.2f}, {pvalue_text(self.pvalue)}; "
            f"mean difference {self.mean_difference:.2f}, 95% CI [{low:.2f}, {high:.2f}]; "
            f"Wilcoxon V = {self.wilcoxon:g}, {pvalue_text(self.wilcoxon_pvalue)} "
            f"({self.n} pairs, {self.missing} missing)"
        )

    def __repr__(self) -> str:
        return (
            f"PairedResult(n={self.n}, missing={self.missing}, diff={self.mean_difference:.3g}, "
            f"t={self.statistic:.3f}, p={self.pvalue:.4g}, wilcoxon_p={self.wilcoxon_pvalue:.4g})"
        )


def paired(x: ArrayLike, y: ArrayLike) -> PairedResult:
    """Compare matched respondents at two time points.

    Parameters
    ----------
    x, y : array_like, same length
        Scores of the same respondents, in the same order. Pairs with a
        missing value on either side are left out and counted in
        ``missing``; nothing is imputed, and the test is never switched to
        an unpaired one.

    Returns
    -------
    PairedResult

    Raises
    ------
    InputTypeError
        For a boolean or text value (a ``TypeError``), naming the sample
        (``x`` or ``y``) and the 1-based position.
    InputValueError
        If the lengths differ, a value is infinite, fewer than 2 complete
        pairs remain, or every difference is equal (t undefined).

    Examples
    --------
    >>> r = paired([10, 12, 9, 14, None], [11, 15, 9, 18, 20])
    >>> r.n, r.missing, r.mean_difference
    (4, 1, -2.0)
    """
    d, missing = _differences(as_values(x, "x"), as_values(y, "y"))
    md, sd = accurate_mean_sd(d)
    if sd == 0:
        msg = f"the paired t-test is undefined when every difference is equal (all {md:g})"
        raise InputValueError(msg)
    res = _t_result("paired", [(len(d), md, sd**2)], mu=0.0, alternative="two-sided", level=0.95)
    v = wilcoxon(d)  # the differences of the complete pairs: R's paired signed-rank test
    n = len(d)
    return PairedResult(
        n, missing, md, res.standard_error, res.statistic, res.pvalue, n - 1, v.statistic, v.pvalue
    )


@attrs.frozen(slots=True, repr=False, eq=False)
class OneSampleResult(TestResult):
    """One-sample t-test of a mean against a fixed norm.

    Attributes
    ----------
    statistic, pvalue : float
        t and its two-sided p-value.
    df : int
        ``n - 1``.
    mean : float
        The sample mean.
    norm : float
        The reference mean, treated as a known constant.
    n : int
        Values used.
    standard_error : float
        Of the mean, $s/\\sqrt n$.
    missing : int
        Values left out as missing (raw-data form only).

    Examples
    --------
    Returned by [`one_sample`][safecore.stats.means.one_sample] and
    [`one_sample_from_summary`][safecore.stats.means.one_sample_from_summary]; here personal
    burnout of six staff, one of whom left the question blank, against the social-worker norm:

    >>> from safecore.stats.means import Norm, one_sample
    >>> res = one_sample([45.8, 37.5, 50.0, None, 29.2, 41.7, 33.3], Norm("personal", 57.9, 1720))
    >>> res
    OneSampleResult(mean=39.58 vs norm=57.9, t=-5.761, df=5, p=0.002213)
    >>> res.n, res.missing, round(res.estimate, 2)  # the estimate is mean - norm
    (6, 1, -18.32)
    >>> [round(x, 2) for x in res.confidence_interval()]
    [-26.49, -10.14]
    >>> print(res.summary())
    t(5) = -5.76, p = 0.002; mean 39.58 against the norm 57.9: difference -18.32,
    95% CI [-26.49, -10.14]
    """

    statistic: float
    pvalue: float
    df: int
    mean: float
    norm: float
    n: int
    standard_error: float
    missing: int = 0

    @property
    def estimate(self) -> float:
        """The difference from the norm, ``mean - norm``."""
        return self.mean - self.norm

    def confidence_interval(self, confidence_level: float = 0.95) -> ConfidenceInterval:
        """Return the t-interval of ``mean - norm`` (df = n - 1).

        This is the interval of the *difference from the norm*: add
        `norm` to get the interval of the mean, which is what
        ``scipy.stats.ttest_1samp(x, norm).confidence_interval()`` and R's
        ``t.test(x, mu = norm)$conf.int`` report.
        """
        return _t_interval(self.estimate, self.standard_error, self.df, confidence_level)

    def _table(self) -> ResultTable:
        low, high = self.confidence_interval()
        return ResultTable(
            (
                "statistic",
                "df",
                "pvalue",
                "mean",
                "norm",
                "estimate",
                "ci_low",
                "ci_high",
                "n",
                "missing",
            ),
            [
                (
                    *(self.statistic, self.df, self.pvalue, self.mean, self.norm, self.estimate),
                    *(low, high, self.n, self.missing),
                )
            ],
            caption=self.summary(),
            headers=(
                *("t", "df", "p", "mean", "norm", "difference", "95% CI low", "95% CI high"),
                *("n", "missing"),
            ),
            formats={**_T_FORMATS, "df": "d"},
        )

    def summary(self) -> str:
        """One line: ``t(10) = -5.99, p < .001; mean 37.50 against the norm 57.9: ...``."""
        low, high = self.confidence_interval()
        return (
            f"t({self.df}) = {self.statistic:.2f}, {pvalue_text(self.pvalue)}; mean {self.mean:.2f} "
            f"against the norm {self.norm:g}: difference {self.estimate:.2f}, "
            f"95% CI [{low:.2f}, {high:.2f}]"
        )

    def __repr__(self) -> str:
        return (
            f"OneSampleResult(mean={self.mean:.4g} vs norm={self.norm:g}, t={self.statistic:.3f}, "
            f"df={self.df}, p={self.pvalue:.4g})"
        )


def one_sample_from_summary(n: int, mean: float, sd: float, norm: float | Norm) -> OneSampleResult:
    """One-sample t-test against a fixed norm from n, mean and SD.

    The norm is treated as a known constant (its own sampling error is
    ignored, which is reasonable for the n = 1,720 social-worker sample).

    Parameters
    ----------
    n : int
        Sample size, a whole number >= 2.
    mean : float
        Sample mean, finite.
    sd : float
        Sample SD, finite and > 0.
    norm : float or Norm
        The reference mean.

    Returns
    -------
    OneSampleResult

    Raises
    ------
    InputTypeError
        For a boolean or text argument (a ``TypeError``).
    InputValueError
        For an n below 2 or not whole, a non-finite mean or norm, or an SD
        that is negative, non-finite or 0 (t undefined).

    Examples
    --------
    Personal burnout at time 1 against the social-worker norm:

    >>> r = one_sample_from_summary(11, 37.5, 11.3, Norm("personal", 57.9, 1720))
    >>> round(r.statistic, 2), r.pvalue < 0.001
    (-5.99, True)
    """
    n, mean, sd = _summary(n, mean, sd)
    mu = norm.mean if isinstance(norm, Norm) else check_real(norm, "norm")
    if sd == 0:
        msg = "the one-sample t-test is undefined when sd is 0"
        raise InputValueError(msg)
    res = _t_result("one-sample", [(n, mean, sd**2)], mu=mu, alternative="two-sided", level=0.95)
    return OneSampleResult(res.statistic, res.pvalue, n - 1, mean, mu, n, res.standard_error)


def one_sample(values: ArrayLike, norm: float | Norm) -> OneSampleResult:
    """One-sample t-test of raw scores against a fixed norm (missing values counted).

    ``t_test(values, mu=norm)``'s t and p; the estimate and interval are of
    ``mean - norm`` (R's, and [`t_test`][safecore.stats.means.t_test]'s, are of the mean).

    Raises
    ------
    InputTypeError
        For a boolean or text value (a ``TypeError``).
    InputValueError
        For an infinite value, fewer than 2 present values, or zero spread.

    Examples
    --------
    A missing answer is left out of the test and counted:

    >>> from safecore.stats import one_sample
    >>> res = one_sample([3.1, 2.8, 3.6, 2.9, 3.4, float("nan")], 2.5)
    >>> res
    OneSampleResult(mean=3.16 vs norm=2.5, t=4.390, df=4, p=0.01178)
    >>> res.missing
    1
    """
    x, missing = present_values(values)
    _enough(x, missing, "values")
    m, s = accurate_mean_sd(x)
    res = one_sample_from_summary(len(x), m, s, norm)
    return attrs.evolve(res, missing=missing)


# -- t-tests as R's t.test computes them ------------------------------------------------------

_METHODS: dict[str, str] = {
    "one-sample": "One Sample t-test",
    "paired": "Paired t-test",
    "welch": "Welch Two Sample t-test",
    "student": " Two Sample t-test",  # R's method string, leading space included
}


def _t_tail(t: float, df: float, alternative: str) -> float:
    """Return the p-value of *t* on *df* degrees of freedom, as R's ``t.test``."""
    from scipy import stats  # noqa: PLC0415

    if alternative == "less":
        return float(stats.t.cdf(t, df))
    if alternative == "greater":
        return float(stats.t.sf(t, df))
    return float(2 * stats.t.cdf(-abs(t), df))


def _t_limits(
    t: float, df: float, se: float, mu: float, alternative: str, level: float
) -> ConfidenceInterval:
    """R's ``conf.int``: ``mu + (t ± qt) * stderr``, one-sided intervals open at ±inf."""
    from scipy import stats  # noqa: PLC0415

    if alternative == "less":
        return ConfidenceInterval(-math.inf, mu + (t + float(stats.t.ppf(level, df))) * se)
    if alternative == "greater":
        return ConfidenceInterval(mu + (t - float(stats.t.ppf(level, df))) * se, math.inf)
    alpha = 1 - level
    q = float(stats.t.ppf(1 - alpha / 2, df))
    return ConfidenceInterval(mu + (t - q) * se, mu + (t + q) * se)


@attrs.frozen(slots=True, repr=False, eq=False)
class TTestResult(TestResult):
    r"""A t-test as R's ``t.test`` reports it: one-sample, paired, Welch or Student.

    Unpacks like scipy's result: ``t, p = t_test(x, y)``.

    Attributes
    ----------
    statistic, pvalue : float
        t and its p-value under *alternative*.
    df : float
        Degrees of freedom: ``n - 1`` (one-sample, paired), ``n1 + n2 - 2``
        (Student) or the Welch–Satterthwaite value (Welch).
    estimate : float
        What the interval is about: the mean of x (one-sample), the mean of
        the differences ``x - y`` (paired) or the difference of the means
        ``mean1 - mean2`` (two samples). *mu* is its value under the null.
    estimates : tuple of float
        R's ``$estimate``: ``(mean of x,)``, ``(mean difference,)`` or
        ``(mean of x, mean of y)``.
    standard_error : float
        Of `estimate` (R's ``$stderr``).
    mu : float
        The null value of `estimate` (R's ``mu``).
    alternative : {"two-sided", "less", "greater"}
        The alternative hypothesis (R's ``"two.sided"`` is ``"two-sided"``).
    design : {"one-sample", "paired", "welch", "student"}
        Which test.
    n1, n2 : int
        Values used in x (pairs, for a paired test) and in y (0 without y).
    missing : int
        Values left out as missing (pairs, for a paired test).
    confidence_level : float
        The level of [`confidence_interval`][safecore.stats.means.TTestResult.confidence_interval]
        by default.

    Examples
    --------
    Returned by [`t_test`][safecore.stats.means.t_test] and
    [`t_test_from_summary`][safecore.stats.means.t_test_from_summary]; here whether personal
    burnout of six staff fell after a change of supervision (a one-sided paired test):

    >>> from safecore.stats.means import t_test
    >>> before = [45.8, 37.5, 50.0, 29.2, 41.7, 33.3]
    >>> after = [37.5, 33.3, 41.7, 29.2, 33.3, 25.0]
    >>> res = t_test(before, after, paired=True, alternative="greater")
    >>> res
    TTestResult(paired, t=4.401, df=5, p=0.003507, estimate=6.25)
    >>> res.method, res.n, [round(x, 3) for x in res.confidence_interval()]
    ('Paired t-test', 6, [3.389, inf])
    >>> print(res.summary())
    Paired t(5) = 4.40, p = 0.004 (greater); mean difference 6.25, 95% CI [3.39, inf]
    """

    statistic: float
    pvalue: float
    df: float
    estimate: float
    estimates: tuple[float, ...]
    standard_error: float
    mu: float
    alternative: Alternative
    design: Design
    n1: int
    n2: int = 0
    missing: int = 0
    confidence_level: float = 0.95

    @property
    def n(self) -> int:
        """Values used: ``n1 + n2`` (pairs, for a paired test)."""
        return self.n1 + self.n2

    @property
    def method(self) -> str:
        """R's ``$method``: ``"Welch Two Sample t-test"``, ``"Paired t-test"``, ..."""
        return _METHODS[self.design]

    def confidence_interval(self, confidence_level: float | None = None) -> ConfidenceInterval:
        """Return R's ``$conf.int`` at *confidence_level* (default: the level the test was run at).

        One-sided alternatives give one-sided intervals, ``(-inf, high)`` for
        ``"less"`` and ``(low, inf)`` for ``"greater"``, as R does.

        Examples
        --------
        >>> res = t_test([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0])
        >>> low, high = res.confidence_interval()
        >>> round(low, 4), round(high, 4)
        (-0.5298, 2.0298)
        """
        level = self.confidence_level if confidence_level is None else confidence_level
        level = check_share(level, "confidence_level", exclusive=True)
        return _t_limits(
            self.statistic, self.df, self.standard_error, self.mu, self.alternative, level
        )

    def _table(self) -> ResultTable:
        low, high = self.confidence_interval()
        pct = f"{self.confidence_level:.0%}"
        return ResultTable(
            ("statistic", "df", "pvalue", "estimate", "ci_low", "ci_high", "mu", "n1", "n2", "missing"),
            [
                (
                    *(self.statistic, self.df, self.pvalue, self.estimate, low, high, self.mu),
                    *(self.n1, self.n2, self.missing),
                )
            ],
            caption=self.summary(),
            headers=(
                *("t", "df", "p", _ESTIMATE_NAMES[self.design], f"{pct} CI low", f"{pct} CI high"),
                *("mu", "n1", "n2", "missing"),
            ),
            formats=dict(_T_FORMATS),
        )

    def summary(self) -> str:
        """One line: ``Welch's t(17.78) = -1.86, p = 0.079; difference -1.58, 95% CI [...]``."""
        low, high = self.confidence_interval()
        name = {"one-sample": "t", "paired": "Paired t", "welch": "Welch's t", "student": "t"}
        sided = "" if self.alternative == "two-sided" else f" ({self.alternative})"
        return (
            f"{name[self.design]}({self.df:.4g}) = {self.statistic:.2f}, "
            f"{pvalue_text(self.pvalue)}{sided}; {_ESTIMATE_NAMES[self.design]} "
            f"{self.estimate:.2f}, {self.confidence_level:.0%} CI [{low:.2f}, {high:.2f}]"
        )

    def __repr__(self) -> str:
        return (
            f"TTestResult({self.design}, t={self.statistic:.4g}, df={self.df:.4g}, "
            f"p={self.pvalue:.4g}, estimate={self.estimate:.4g})"
        )


_ESTIMATE_NAMES: dict[str, str] = {
    "one-sample": "mean",
    "paired": "mean difference",
    "welch": "difference",
    "student": "difference",
}


def _t_result(
    design: Design,
    groups: list[tuple[int, float, float]],
    *,
    mu: float,
    alternative: Alternative,
    level: float,
    missing: int = 0,
) -> TTestResult:
    """R's ``t.test`` from one or two groups' (n, mean, variance)."""
    (nx, mx, vx), *rest = groups
    estimates: tuple[float, ...]
    if not rest:
        se = math.sqrt(vx / nx)
        df: float = nx - 1
        estimate, estimates, n2 = mx, (mx,), 0
        scale = abs(mx)
    else:
        ((ny, my, vy),) = rest
        if design == "student":
            df = nx + ny - 2
            v = ((nx - 1) * vx if nx > 1 else 0.0) + ((ny - 1) * vy if ny > 1 else 0.0)
            se = math.sqrt(v / df * (1 / nx + 1 / ny))
        else:
            sex, sey = math.sqrt(vx / nx), math.sqrt(vy / ny)
            se = math.sqrt(sex**2 + sey**2)
            df = se**4 / (sex**4 / (nx - 1) + sey**4 / (ny - 1)) if se > 0 else math.nan
        estimate, estimates, n2 = mx - my, (mx, my), ny
        scale = max(abs(mx), abs(my))
    if se < 10 * np.finfo(float).eps * scale or se == 0:
        msg = (
            "the t-test is undefined when the data are essentially constant "
            f"(standard error {se:g})"
        )
        raise InputValueError(msg)
    t = (estimate - mu) / se
    return TTestResult(
        t,
        _t_tail(t, df, alternative),
        df,
        estimate,
        estimates,
        se,
        mu,
        alternative,
        design,
        nx,
        n2,
        missing,
        level,
    )


def _t_options(
    mu: object, equal_var: object, alternative: object, confidence_level: object
) -> tuple[float, bool, Alternative, float]:
    equal = check_flag(equal_var, "equal_var")
    return (
        check_real(mu, "mu"),
        bool(equal),
        check_alternative(alternative),
        check_share(confidence_level, "confidence_level", exclusive=True),
    )


def t_test(
    x: ArrayLike,
    y: ArrayLike | None = None,
    *,
    mu: float = 0.0,
    paired: bool = False,
    equal_var: bool = False,
    alternative: Alternative = "two-sided",
    confidence_level: float = 0.95,
) -> TTestResult:
    r"""Student's t-test as R's ``t.test`` computes it: one-sample, paired, Welch or Student.

    >>> res = t_test([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...              [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4])
    >>> round(res.statistic, 4), round(res.df, 3), round(res.pvalue, 5)
    (-1.8608, 17.776, 0.07939)

    Without *y*, the mean of *x* is tested against *mu*; with *y*, the
    difference of the means (Welch's test unless *equal_var*), or with
    *paired* the mean of the differences ``x - y``.

    Parameters
    ----------
    x, y : array_like
        Samples of numbers; ``None``, NaN and blank text are missing and left
        out (with *paired*, a pair with either value missing is left out),
        counted in ``missing``, as R's ``na.omit``.
    mu : float
        The null value of the mean (one-sample), the mean difference
        (paired) or the difference of the means (two samples).
    paired : bool
        Pair ``x[i]`` with ``y[i]`` (same length required).
    equal_var : bool
        Student's pooled-variance test (R's ``var.equal = TRUE``) rather than
        Welch's.
    alternative : {"two-sided", "less", "greater"}
        ``"less"``: the estimate is below *mu* (R's ``"two.sided"`` is
        written ``"two-sided"``).
    confidence_level : float
        Of the interval, strictly in (0, 1); one-sided for a one-sided
        alternative, as in R.

    Returns
    -------
    TTestResult

    Raises
    ------
    InputTypeError
        For a boolean or text value or option (a ``TypeError``).
    InputValueError
        If *paired* without *y* or with samples of different lengths, too
        few present values (2 in each sample; Student's test accepts 1 in
        one group when the other has 2), or data essentially constant (R's
        error: standard error below ``10 eps |mean|``).

    Notes
    -----
    One sample (or the differences of a paired sample):
    $t = (\bar x - \mu)/(s/\sqrt n)$ on $n - 1$ df. Welch:
    $t = (\bar x - \bar y - \mu)/\sqrt{s_x^2/n_x + s_y^2/n_y}$ with
    $\nu = (v_x + v_y)^2/(v_x^2/(n_x-1) + v_y^2/(n_y-1))$,
    $v = s^2/n$. Student: the pooled variance
    $s_p^2 = ((n_x-1)s_x^2 + (n_y-1)s_y^2)/(n_x+n_y-2)$ and
    $SE = s_p\sqrt{1/n_x + 1/n_y}$. The interval is R's,
    $\mu + (t \pm t_{1-\alpha/2,\nu})\,SE$, or one-sided
    $(-\infty, \mu + (t + t_{1-\alpha,\nu})SE]$ for ``"less"``.

    The target is R's ``t.test`` (R 4.2), which the tests reproduce to
    1e-10. Unlike `scipy.stats.ttest_1samp`, the one-sample estimate
    and interval are of the mean itself (as R), and missing values are left
    out rather than propagated (scipy's ``nan_policy="propagate"``).

    References
    ----------
    1. Welch, B. L. (1947). The generalization of "Student's" problem when
       several different population variances are involved. *Biometrika*,
       34, 28–35.
    2. R Core Team. ``t.test``, R package stats.

    Examples
    --------
    R's ``t.test(extra ~ group, data = sleep, paired = TRUE)``:

    >>> res = t_test([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...              [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4], paired=True)
    >>> res
    TTestResult(paired, t=-4.062, df=9, p=0.002833, estimate=-1.58)
    >>> [round(v, 7) for v in res.confidence_interval()]
    [-2.4598858, -0.7001142]
    """
    mu_, equal, alt, level = _t_options(mu, equal_var, alternative, confidence_level)
    is_paired = check_flag(paired, "paired")
    a = as_values(x, "x")
    if y is None:
        if is_paired:
            msg = "a paired test needs y: got y=None"
            raise InputValueError(msg)
        present = a[~np.isnan(a)]
        _enough(present, len(a) - len(present), "x")
        m, s = accurate_mean_sd(present)
        group = (len(present), m, s**2)
        return _t_result("one-sample", [group], mu=mu_, alternative=alt, level=level,
                         missing=len(a) - len(present))
    b = as_values(y, "y")
    if is_paired:
        d, missing = _differences(a, b)
        m, s = accurate_mean_sd(d)
        return _t_result("paired", [(len(d), m, s**2)], mu=mu_, alternative=alt, level=level,
                         missing=missing)
    xs, ys = a[~np.isnan(a)], b[~np.isnan(b)]
    missing = len(a) + len(b) - len(xs) - len(ys)
    least = 1 if equal else 2
    for values, name in ((xs, "x"), (ys, "y")):
        if len(values) < least:
            what = "value" if least == 1 else "values"
            msg = f"{name} needs at least {least} present {what}: got {len(values)}"
            raise InputValueError(msg)
    if equal and len(xs) + len(ys) < 3:
        msg = f"Student's t-test needs at least 3 values in all: got {len(xs) + len(ys)}"
        raise InputValueError(msg)
    (mx, sx), (my, sy) = accurate_mean_sd(xs), accurate_mean_sd(ys)
    groups = [(len(xs), mx, sx**2), (len(ys), my, sy**2)]
    design: Design = "student" if equal else "welch"
    return _t_result(design, groups, mu=mu_, alternative=alt, level=level, missing=missing)


def _differences(a: NDArray[np.float64], b: NDArray[np.float64]) -> tuple[NDArray[np.float64], int]:
    """Differences ``a - b`` of the complete pairs, and the count of incomplete pairs."""
    if a.shape != b.shape:
        msg = f"paired samples must have the same length: x has {len(a)}, y has {len(b)}"
        raise InputValueError(msg)
    keep = ~(np.isnan(a) | np.isnan(b))
    n = int(keep.sum())
    if n < 2:
        msg = f"a paired comparison needs at least 2 complete pairs: got {n}"
        raise InputValueError(msg)
    return a[keep] - b[keep], int(len(a) - n)


def t_test_from_summary(
    n1: int,
    mean1: float,
    sd1: float,
    n2: int | None = None,
    mean2: float | None = None,
    sd2: float | None = None,
    *,
    mu: float = 0.0,
    equal_var: bool = False,
    alternative: Alternative = "two-sided",
    confidence_level: float = 0.95,
) -> TTestResult:
    r"""Run a t-test from group sizes, means and SDs alone: one-sample, Welch or Student.

    >>> t_test_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9)
    TTestResult(welch, t=0.4995, df=14.94, p=0.6247, estimate=3.3)

    With only the first group, the one-sample test of its mean against
    *mu*. The same numbers as [`t_test`][safecore.stats.means.t_test] on data with these summaries
    (a paired test is the one-sample test of the differences' summary).

    Parameters
    ----------
    n1, n2 : int
        Group sizes: whole numbers >= 2 (Student's test: >= 1, at least 3
        in all).
    mean1, mean2 : float
        Group means, finite (numpy scalars, ``Decimal`` and ``Fraction``
        accepted).
    sd1, sd2 : float
        Group SDs (``n - 1`` denominator), finite and >= 0.
    mu, equal_var, alternative, confidence_level
        As for [`t_test`][safecore.stats.means.t_test].

    Returns
    -------
    TTestResult

    Raises
    ------
    InputTypeError
        For a boolean or text argument (a ``TypeError``).
    InputValueError
        For an n too small or not whole, a non-finite mean, a negative or
        non-finite SD, a second group given only in part, or a standard
        error of 0 (t undefined).

    Notes
    -----
    The formulas of [`t_test`][safecore.stats.means.t_test]; with both SDs given this agrees with
    `scipy.stats.ttest_ind_from_stats`, and with R's ``t.test`` on
    any data with these summaries.

    Examples
    --------
    Personal burnout at time 1 against the social-worker norm 57.9, one-sided:

    >>> res = t_test_from_summary(11, 37.5, 11.3, mu=57.9, alternative="less")
    >>> round(res.statistic, 3), res.pvalue < 0.001, res.confidence_interval().low
    (-5.988, True, -inf)
    """
    mu_, equal, alt, level = _t_options(mu, equal_var, alternative, confidence_level)
    second = (n2, mean2, sd2)
    if all(v is None for v in second):
        group = _summary(n1, mean1, sd1)
        return _t_result("one-sample", [(group[0], group[1], group[2] ** 2)], mu=mu_,
                         alternative=alt, level=level)
    if any(v is None for v in second):
        msg = f"the second group needs n2, mean2 and sd2 together: got {second!r}"
        raise InputValueError(msg)
    least = 1 if equal else 2
    one = _summary(n1, mean1, sd1, "1", least=least)
    two = _summary(n2, mean2, sd2, "2", least=least)
    if one[0] + two[0] < 3:
        msg = f"Student's t-test needs at least 3 values in all: got {one[0] + two[0]}"
        raise InputValueError(msg)
    design: Design = "student" if equal else "welch"
    groups = [(k, m, s**2) for k, m, s in (one, two)]
    return _t_result(design, groups, mu=mu_, alternative=alt, level=level)
