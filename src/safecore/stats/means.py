r"""Comparisons of staff scores: time 1 against time 2, and against a norm.

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
from typing import NamedTuple

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputValueError
from safecore._results import Result, ResultTable, TestResult, pvalue_text
from safecore._validate import check_real, check_share, check_whole
from safecore.stats._samples import as_values
from safecore.stats.describe import accurate_mean_sd, present_values

__all__ = [
    "ConfidenceInterval",
    "EffectSize",
    "Norm",
    "OneSampleResult",
    "PairedResult",
    "WelchResult",
    "hedges_g",
    "hedges_g_from_summary",
    "one_sample",
    "one_sample_from_summary",
    "paired",
    "welch",
    "welch_from_summary",
]


def _norm_mean(value: object) -> float:
    return check_real(value, "mean")


def _norm_n(value: object) -> int:
    return check_whole(value, "n", minimum=1)


@attrs.frozen(slots=True)
class Norm:
    """A published reference mean, with its sample size and source."""

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


class ConfidenceInterval(NamedTuple):
    """A confidence interval, ``low, high = interval`` (as scipy's)."""

    low: float
    high: float


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
    :math:`d = (\bar x_1 - \bar x_2)/s_p` with the pooled SD
    :math:`s_p^2 = ((n_1-1)s_1^2 + (n_2-1)s_2^2)/(n_1+n_2-2)`;
    :math:`g = J d` with :math:`J = 1 - 3/(4(n_1+n_2) - 9)`; the interval is
    :math:`g \pm z\,SE` with
    :math:`SE^2 = (n_1+n_2)/(n_1 n_2) + g^2/(2(n_1+n_2))` (Hedges & Olkin,
    1985).

    References
    ----------
    .. [1] Hedges, L. V., & Olkin, I. (1985). *Statistical Methods for
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
        ``mean1 - mean2`` (also :attr:`estimate`).
    standard_error : float
        Of the difference, :math:`\\sqrt{s_1^2/n_1 + s_2^2/n_2}`.
    n1, n2 : int
        Group sizes used.
    effect : EffectSize
        Hedges' g.
    missing : int
        Values left out as missing (raw-data form only).
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
    :math:`t = (\bar x_1 - \bar x_2)/\sqrt{s_1^2/n_1 + s_2^2/n_2}` with
    :math:`\nu = (v_1+v_2)^2 / (v_1^2/(n_1-1) + v_2^2/(n_2-1))`,
    :math:`v_i = s_i^2/n_i`. Agrees with :func:`scipy.stats.ttest_ind_from_stats`
    (``equal_var=False``).
    """
    from scipy import stats  # noqa: PLC0415

    n1, mean1, sd1 = _summary(n1, mean1, sd1, "1")
    n2, mean2, sd2 = _summary(n2, mean2, sd2, "2")
    v1, v2 = sd1**2 / n1, sd2**2 / n2
    if v1 + v2 == 0:
        msg = "Welch's test is undefined when both groups have zero spread (sd1 = sd2 = 0)"
        raise InputValueError(msg)
    t = (mean1 - mean2) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    p = float(2 * stats.t.sf(abs(t), df))
    return WelchResult(
        t,
        p,
        df,
        mean1 - mean2,
        math.sqrt(v1 + v2),
        n1,
        n2,
        hedges_g_from_summary(n1, mean1, sd1, n2, mean2, sd2),
    )


def welch(x: ArrayLike, y: ArrayLike) -> WelchResult:
    """Welch's t-test on two independent samples (e.g. time 1 and time 2, unmatched).

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
        Mean of ``x - y`` (also :attr:`estimate`).
    standard_error : float
        Of the mean difference, :math:`s_d/\\sqrt n`.
    statistic, pvalue : float
        Paired t and its two-sided p-value.
    df : int
        ``n - 1``.
    wilcoxon, wilcoxon_pvalue : float
        Wilcoxon signed-rank statistic ``V`` (sum of the ranks of the
        positive differences, as R reports it; zero differences dropped) and
        two-sided p from :func:`scipy.stats.wilcoxon` (exact for small
        samples).

    Notes
    -----
    ``excluded``, ``t`` and ``t_pvalue`` are deprecated read-only aliases of
    ``missing``, ``statistic`` and ``pvalue``.
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
        """Deprecated alias of :attr:`missing`."""
        return self.missing

    @property
    def t(self) -> float:
        """Deprecated alias of :attr:`statistic`."""
        return self.statistic

    @property
    def t_pvalue(self) -> float:
        """Deprecated alias of :attr:`pvalue`."""
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
    from scipy import stats  # noqa: PLC0415

    a = as_values(x, "x")
    b = as_values(y, "y")
    if a.shape != b.shape:
        msg = f"paired samples must have the same length: x has {len(a)}, y has {len(b)}"
        raise InputValueError(msg)
    keep = ~(np.isnan(a) | np.isnan(b))
    n = int(keep.sum())
    if n < 2:
        msg = f"a paired comparison needs at least 2 complete pairs: got {n}"
        raise InputValueError(msg)
    d = a[keep] - b[keep]
    md, sd = accurate_mean_sd(d)
    if sd == 0:
        msg = f"the paired t-test is undefined when every difference is equal (all {md:g})"
        raise InputValueError(msg)
    t = md / (sd / math.sqrt(n))
    tp = float(2 * stats.t.sf(abs(t), n - 1))
    nonzero = d[d != 0]
    ranks = stats.rankdata(np.abs(nonzero))
    w = float(ranks[nonzero > 0].sum())  # R's V: sum of ranks of positive differences
    wp = float(stats.wilcoxon(a[keep], b[keep]).pvalue)
    return PairedResult(n, int(len(a) - n), md, sd / math.sqrt(n), t, tp, n - 1, w, wp)


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
        Of the mean, :math:`s/\\sqrt n`.
    missing : int
        Values left out as missing (raw-data form only).
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
        :attr:`norm` to get the interval of the mean, which is what
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
    from scipy import stats  # noqa: PLC0415

    n, mean, sd = _summary(n, mean, sd)
    mu = norm.mean if isinstance(norm, Norm) else check_real(norm, "norm")
    if sd == 0:
        msg = "the one-sample t-test is undefined when sd is 0"
        raise InputValueError(msg)
    t = (mean - mu) / (sd / math.sqrt(n))
    p = float(2 * stats.t.sf(abs(t), n - 1))
    return OneSampleResult(t, p, n - 1, mean, mu, n, sd / math.sqrt(n))


def one_sample(values: ArrayLike, norm: float | Norm) -> OneSampleResult:
    """One-sample t-test of raw scores against a fixed norm (missing values counted).

    Raises
    ------
    InputTypeError
        For a boolean or text value (a ``TypeError``).
    InputValueError
        For an infinite value, fewer than 2 present values, or zero spread.
    """
    x, missing = present_values(values)
    _enough(x, missing, "values")
    m, s = accurate_mean_sd(x)
    res = one_sample_from_summary(len(x), m, s, norm)
    return attrs.evolve(res, missing=missing)
