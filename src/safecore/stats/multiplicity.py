"""Multiple comparisons: p-values adjusted as R's ``p.adjust``.

Examples
--------
>>> from safecore.stats import p_adjust
>>> p_adjust([0.01, 0.02, 0.03, 0.04], "holm").tolist()
[0.04, 0.06, 0.06, 0.06]
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputTypeError, InputValueError
from safecore._validate import check_choice, check_whole, show_value, type_name

__all__ = ["ADJUST_METHODS", "AdjustMethod", "p_adjust"]

AdjustMethod = Literal["holm", "hochberg", "hommel", "bonferroni", "BH", "BY"]

#: The adjustment methods, spelt as R's ``p.adjust`` spells them.
ADJUST_METHODS: tuple[str, ...] = ("holm", "hochberg", "hommel", "bonferroni", "BH", "BY")


def _as_pvalues(pvalues: ArrayLike) -> NDArray[np.float64]:
    """Validate p-values: numbers in [0, 1] or NaN (missing); no booleans, text or infinities."""
    raw = pvalues.to_numpy() if hasattr(pvalues, "to_numpy") else pvalues
    try:
        # a list is read as objects first, so a True among floats is seen, not read as 1.0
        arr0 = np.asarray(raw) if isinstance(raw, np.ndarray) else np.asarray(raw, dtype=object)
    except (TypeError, ValueError) as exc:
        msg = f"pvalues must be an array of numbers: {exc}"
        raise InputValueError(msg) from exc
    flat = arr0.ravel() if arr0.dtype == object else ()
    odd = next((v for v in flat if not _is_pvalue_type(v)), None)
    # an array of anything but integers or reals (booleans, text, complex numbers,
    # dates, durations) is refused as a list of them is: numpy would cast it silently
    if (arr0.size and arr0.dtype.kind not in "iufO") or odd is not None:
        shown = odd if odd is not None else arr0.ravel()[0]
        msg = f"pvalues must hold numbers, not {type_name(shown)}: {show_value(shown)}"
        raise InputTypeError(msg)
    try:
        arr = np.asarray(arr0, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        msg = f"pvalues must hold numbers: {exc}"
        raise InputValueError(msg) from exc
    bad = ~np.isnan(arr) & ~((arr >= 0) & (arr <= 1))
    if bad.any():
        k = int(np.flatnonzero(bad.ravel())[0])
        msg = f"pvalues must be in [0, 1] (or NaN for missing): {arr.ravel()[k]!r} at position {k}"
        raise InputValueError(msg)
    return arr


def _is_pvalue_type(value: object) -> bool:
    if value is None:
        return True  # an object array's None is missing, read as NaN
    if isinstance(value, bool | np.bool_):
        return False
    return isinstance(value, numbers.Real | Decimal)


def _holm(p: NDArray[np.float64], n: int) -> NDArray[np.float64]:
    order = np.argsort(p, kind="stable")
    i = np.arange(1, len(p) + 1)
    out = np.empty_like(p)
    out[order] = np.minimum(1.0, np.maximum.accumulate((n + 1 - i) * p[order]))
    return out


def _step_up(p: NDArray[np.float64], factor: NDArray[np.float64]) -> NDArray[np.float64]:
    """Step-up adjustment: ``cummin(factor * p)`` from the largest p down, capped at 1."""
    order = np.argsort(-p, kind="stable")
    out = np.empty_like(p)
    out[order] = np.minimum(1.0, np.minimum.accumulate(factor * p[order]))
    return out


def _hommel(p: NDArray[np.float64], n: int) -> NDArray[np.float64]:
    lp = len(p)
    full = np.concatenate([p, np.ones(n - lp)]) if n > lp else p
    order = np.argsort(full, kind="stable")
    s = full[order]
    i = np.arange(1, n + 1)
    q = np.full(n, np.min(n * s / i))
    pa = q.copy()
    # R sends n = 2 to Hochberg because its loop (n - 1):2 would count up; this range
    # is empty for n = 2, which leaves min(2 p(1), p(2)) and p(2): Hochberg's values
    for j in range(n - 1, 1, -1):
        head = n - j + 1  # positions 1 .. n - j + 1 (1-based)
        q1 = np.min(j * s[head:] / np.arange(2, j + 1))
        q[:head] = np.minimum(j * s[:head], q1)
        q[head:] = q[head - 1]
        pa = np.maximum(pa, q)
    adjusted = np.maximum(pa, s)
    out = np.empty(n)
    out[order] = adjusted
    return out[:lp]


def p_adjust(
    pvalues: ArrayLike, method: AdjustMethod = "holm", *, n: int | None = None
) -> NDArray[np.float64]:
    """Adjust p-values for multiple comparisons, exactly as R's ``p.adjust``.

    >>> p_adjust([0.01, 0.04, 0.03], "BH").round(4).tolist()
    [0.03, 0.04, 0.04]

    Missing p-values (NaN or None) stay missing, in place, and are not
    counted among the comparisons unless *n* says otherwise.

    Parameters
    ----------
    pvalues : array_like
        P-values in [0, 1], any shape; NaN (or None) for missing.
    method : {"holm", "hochberg", "hommel", "bonferroni", "BH", "BY"}
        Holm's step-down, Hochberg's step-up, Hommel's, Bonferroni's,
        Benjamini–Hochberg (false discovery rate) or Benjamini–Yekutieli.
    n : int, optional
        The number of comparisons, at least the number of non-missing
        p-values (R's ``n``); default: that number. A larger *n* treats the
        unseen p-values as larger than every given one (Bonferroni, Holm)
        or as 1 (the others), as R does.

    Returns
    -------
    ndarray of float
        Adjusted p-values, the shape of *pvalues*, each at most 1.

    Raises
    ------
    InputValueError
        If a p-value is outside [0, 1] or infinite, *method* is unknown, or
        *n* is below the number of non-missing p-values.
    InputTypeError
        If a p-value is a boolean, text or another non-number (a complex
        number, a date), or *method* is not text.

    Notes
    -----
    With the $m$ given p-values sorted as $p_{(1)} \\le \\dots
    \\le p_{(m)}$ and $n$ comparisons:

    - Bonferroni: $\\min(1, n p_i)$;
    - Holm: $\\tilde p_{(i)} = \\min(1, \\max_{k \\le i} (n - k + 1) p_{(k)})$;
    - Hochberg: $\\tilde p_{(i)} = \\min(1, \\min_{k \\ge i} (n - k + 1) p_{(k)})$;
    - BH: $\\tilde p_{(i)} = \\min(1, \\min_{k \\ge i} n p_{(k)} / k)$;
    - BY: BH multiplied by $\\sum_{k=1}^{n} 1/k$;
    - Hommel: Wright's (1992) algorithm, as coded in R (for $n = 2$
      it equals Hochberg).

    R's ``p.adjust(p, method)`` is the target, numbers included: its default
    ``n = length(p)`` is evaluated after the missing values are dropped, so
    they are not counted; ``n=`` here is R's ``n``. Unlike R, p-values
    outside [0, 1] are refused.

    References
    ----------
    1. Holm, S. (1979). A simple sequentially rejective multiple test
       procedure. *Scandinavian Journal of Statistics*, 6, 65–70.
    2. Hochberg, Y. (1988). A sharper Bonferroni procedure for multiple
       tests of significance. *Biometrika*, 75, 800–803.
    3. Hommel, G. (1988). A stagewise rejective multiple test procedure
       based on a modified Bonferroni test. *Biometrika*, 75, 383–386.
    4. Wright, S. P. (1992). Adjusted P-values for simultaneous
       inference. *Biometrics*, 48, 1005–1013.
    5. Benjamini, Y., & Hochberg, Y. (1995). Controlling the false
       discovery rate. *JRSS B*, 57, 289–300.
    6. Benjamini, Y., & Yekutieli, D. (2001). The control of the false
       discovery rate in multiple testing under dependency. *Annals of
       Statistics*, 29, 1165–1188.

    Examples
    --------
    R's ``p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "hommel")``:

    >>> p_adjust([0.01, 0.02, 0.03, 0.04, 0.05], "hommel").tolist()
    [0.05, 0.05, 0.05, 0.05, 0.05]

    A missing value stays in place:

    >>> p_adjust([0.01, float("nan"), 0.02], "bonferroni").tolist()
    [0.02, nan, 0.04]
    """
    method = check_choice(method, "method", ADJUST_METHODS)  # type: ignore[assignment]
    arr = _as_pvalues(pvalues)
    flat = arr.ravel()
    present = ~np.isnan(flat)
    p = flat[present]
    lp = len(p)
    total = lp if n is None else check_whole(n, "n", minimum=lp)
    out = flat.copy()
    if total <= 1:
        return out.reshape(arr.shape)
    down = np.arange(lp, 0, -1, dtype=np.float64)  # i = lp, ..., 1 for the step-up methods
    if method == "bonferroni":
        adjusted = np.minimum(1.0, total * p)
    elif method == "holm":
        adjusted = _holm(p, total)
    elif method == "hochberg":
        adjusted = _step_up(p, total + 1 - down)
    elif method == "BH":
        adjusted = _step_up(p, total / down)
    elif method == "BY":
        harmonic = math.fsum(1 / k for k in range(1, total + 1))
        adjusted = _step_up(p, harmonic * total / down)
    else:
        adjusted = _hommel(p, total)
    out[present] = adjusted
    return out.reshape(arr.shape)
