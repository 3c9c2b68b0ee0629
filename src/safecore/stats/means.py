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
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputValueError
from safecore._format import html_table
from safecore._validate import check_real, check_share, check_whole
from safecore.stats._samples import as_values
from safecore.stats.describe import accurate_mean_sd, present_values

__all__ = [
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


@attrs.frozen(slots=True, repr=False)
class EffectSize:
    """Hedges' g with its confidence interval."""

    g: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return attrs.asdict(self)

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


@attrs.frozen(slots=True, repr=False)
class WelchResult:
    """Welch's unequal-variance t-test.

    Attributes
    ----------
    statistic, pvalue, df : float
        t, two-sided p and Welch–Satterthwaite degrees of freedom.
    mean_difference : float
        ``mean1 - mean2``.
    n1, n2 : int
        Group sizes used.
    missing : int
        Values left out as missing (raw-data form only).
    effect : EffectSize
        Hedges' g.
    """

    statistic: float
    pvalue: float
    df: float
    mean_difference: float
    n1: int
    n2: int
    effect: EffectSize
    missing: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {**attrs.asdict(self, recurse=False), "effect": self.effect.to_dict()}

    def _repr_html_(self) -> str:
        d = self.to_dict()
        d.pop("effect")
        return html_table(
            list(d), [[f"{v:.4g}" if isinstance(v, float) else v for v in d.values()]], "Welch t-test"
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
        t, p, df, mean1 - mean2, n1, n2, hedges_g_from_summary(n1, mean1, sd1, n2, mean2, sd2)
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


@attrs.frozen(slots=True, repr=False)
class PairedResult:
    """Paired comparison of matched respondents: paired t and Wilcoxon signed-rank.

    Attributes
    ----------
    n : int
        Complete pairs used.
    excluded : int
        Pairs left out because either value was missing.
    mean_difference : float
        Mean of ``x - y``.
    t, t_pvalue, df : float
        Paired t-test.
    wilcoxon, wilcoxon_pvalue : float
        Wilcoxon signed-rank statistic ``V`` (sum of the ranks of the
        positive differences, as R reports it; zero differences dropped) and
        two-sided p from :func:`scipy.stats.wilcoxon` (exact for small
        samples).
    """

    n: int
    excluded: int
    mean_difference: float
    t: float
    t_pvalue: float
    df: int
    wilcoxon: float
    wilcoxon_pvalue: float

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return attrs.asdict(self)

    def _repr_html_(self) -> str:
        d = self.to_dict()
        return html_table(
            list(d),
            [[f"{v:.4g}" if isinstance(v, float) else v for v in d.values()]],
            "Paired comparison",
        )

    def __repr__(self) -> str:
        return (
            f"PairedResult(n={self.n}, excluded={self.excluded}, diff={self.mean_difference:.3g}, "
            f"t={self.t:.3f}, p={self.t_pvalue:.4g}, wilcoxon_p={self.wilcoxon_pvalue:.4g})"
        )


def paired(x: ArrayLike, y: ArrayLike) -> PairedResult:
    """Compare matched respondents at two time points.

    Parameters
    ----------
    x, y : array_like, same length
        Scores of the same respondents, in the same order. Pairs with a
        missing value on either side are left out and counted in
        ``excluded``; nothing is imputed, and the test is never switched to
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
    >>> r.n, r.excluded, r.mean_difference
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
    return PairedResult(n, int(len(a) - n), md, t, tp, n - 1, w, wp)


@attrs.frozen(slots=True, repr=False)
class OneSampleResult:
    """One-sample t-test of a mean against a fixed norm."""

    statistic: float
    pvalue: float
    df: int
    mean: float
    norm: float
    n: int
    missing: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return attrs.asdict(self)

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
    return OneSampleResult(t, p, n - 1, mean, mu, n)


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
