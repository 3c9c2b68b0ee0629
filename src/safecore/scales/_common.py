"""Shared machinery for questionnaire scoring: arrays in, arrays out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import ResponseError
from safecore._numeric import is_missing as is_missing_cell

__all__ = [
    "as_matrix",
    "as_numeric",
    "first_bad",
    "is_missing_cell",
    "resolve_minimum",
    "resolve_order",
    "show",
]


def show(value: object) -> str:
    """Return the repr of a cell as the user wrote it (numpy scalars shown as Python values)."""
    item = getattr(value, "item", None)
    if callable(item):
        value = item()
    return repr(value)


def as_matrix(
    responses: ArrayLike, n_items: int, instrument: str
) -> NDArray[np.object_] | NDArray[np.float64]:
    """Return responses as a 2-D array (respondents x items), checking the item count."""
    if hasattr(responses, "to_numpy"):  # pandas DataFrame
        responses = responses.to_numpy()
    arr = np.asarray(responses)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    if arr.ndim != 2:
        msg = f"{instrument} responses must be 2-D (respondents x items): got shape {arr.shape}"
        raise ResponseError(msg)
    if arr.shape[1] != n_items:
        msg = f"{instrument} has {n_items} items: got {arr.shape[1]} columns per respondent"
        raise ResponseError(msg)
    return arr


def as_numeric(
    arr: NDArray[np.generic], item_ids: Sequence[str], instrument: str
) -> NDArray[np.float64]:
    """Convert to float64 with NaN for missing; report the first non-numeric cell."""
    if arr.dtype.kind in "fiub":
        return arr.astype(np.float64)
    flat = arr.ravel()
    out = np.empty(flat.shape, dtype=np.float64)
    for k, v in enumerate(flat):  # object input only; numeric input takes the fast path above
        if is_missing_cell(v):
            out[k] = np.nan
            continue
        try:
            out[k] = float(v)
        except (TypeError, ValueError):
            i, j = divmod(k, arr.shape[1])
            msg = f"{instrument} respondent row {i}, item {item_ids[j]}: not a number: {show(v)}"
            raise ResponseError(msg) from None
    return out.reshape(arr.shape)


def first_bad(mask: NDArray[np.bool_]) -> tuple[int, int]:
    """Row and column of the first True cell."""
    i, j = np.argwhere(mask)[0]
    return int(i), int(j)


def resolve_order(
    order: Sequence[str] | None, item_ids: Sequence[str], instrument: str
) -> NDArray[np.intp]:
    """Column index of each canonical item in the caller's column order."""
    if order is None:
        return np.arange(len(item_ids))
    given = [str(o).strip() for o in order]
    unknown = [o for o in given if o not in item_ids]
    if unknown:
        msg = f"{instrument} order names unknown item {unknown[0]!r} (items: {', '.join(item_ids)})"
        raise ResponseError(msg)
    if sorted(given) != sorted(item_ids):
        missing = [i for i in item_ids if i not in given]
        dup = [o for o in given if given.count(o) > 1]
        what = f"missing {missing[0]!r}" if missing else f"duplicates {dup[0]!r}"
        msg = f"{instrument} order must list each of the {len(item_ids)} items once ({what})"
        raise ResponseError(msg)
    position = {o: k for k, o in enumerate(given)}
    return np.array([position[i] for i in item_ids], dtype=np.intp)


def resolve_minimum(
    min_answered: int | Mapping[str, int] | None, defaults: Mapping[str, int], sizes: Mapping[str, int]
) -> dict[str, int]:
    """Per-scale minimum of answered items; validated against scale sizes."""
    if min_answered is None:
        out = dict(defaults)
    elif isinstance(min_answered, Mapping):
        unknown = [k for k in min_answered if k not in defaults]
        if unknown:
            msg = f"min_answered names unknown scale {unknown[0]!r} (scales: {', '.join(defaults)})"
            raise ValueError(msg)
        out = {**defaults, **min_answered}
    else:
        out = dict.fromkeys(defaults, min_answered)
    for k, v in out.items():
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= sizes[k]:
            msg = f"min_answered for {k} must be a whole number from 1 to {sizes[k]}: {v!r}"
            raise ValueError(msg)
    return out
