"""Exact rounding helpers shared by tallies, the cost model and formatting."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["is_missing", "percent_half_up", "round_half_up"]


def percent_half_up(counts: ArrayLike, totals: ArrayLike, decimals: int = 0) -> NDArray[np.float64]:
    """Percentages ``100 * counts / totals`` rounded half up, computed exactly.

    Integer arithmetic avoids the binary-float trap where 2.675 rounds to
    2.67. A zero total gives NaN.

    Examples
    --------
    >>> percent_half_up([1, 1, 4], [8, 3, 86]).tolist()
    [13.0, 33.0, 5.0]
    >>> percent_half_up([1], [8], decimals=1).tolist()
    [12.5]
    """
    c = np.asarray(counts, dtype=np.int64)
    t = np.asarray(totals, dtype=np.int64)
    c, t = np.broadcast_arrays(c, t)
    scale = 10**decimals
    safe = np.where(t == 0, 1, t)
    # floor((100 * c * scale) / t + 1/2) == floor((200 * c * scale + t) / (2 t)) for t > 0
    q = (200 * c * scale + safe) // (2 * safe)
    out = q.astype(np.float64) / scale
    return np.where(t == 0, np.nan, out)


def round_half_up(values: ArrayLike, decimals: int = 0) -> NDArray[np.float64]:
    """Round halves away from zero, as a spreadsheet's ROUND does.

    Values are first rounded to 9 significant decimals beyond *decimals* so
    that binary representation error (1.005 stored as 1.00499...) does not
    flip a printed half.

    Examples
    --------
    >>> round_half_up([0.5, 1.5, 2.5, -2.5]).tolist()
    [1.0, 2.0, 3.0, -3.0]
    >>> round_half_up(1.005, 2).item()
    1.01
    """
    x = np.asarray(values, dtype=np.float64)
    scale = 10.0**decimals
    y = np.round(x * scale, 9)
    out: NDArray[np.float64] = np.sign(y) * np.floor(np.abs(y) + 0.5) / scale
    return out


def is_missing(value: object) -> bool:
    """Whether a cell is missing: ``None``, NaN (also ``pandas.NA``) or a blank string."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # noqa: PLR0124 - NaN-like scalars are unequal to themselves
    except (TypeError, ValueError):
        return False
