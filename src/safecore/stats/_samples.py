"""Samples as float arrays: missing values kept as NaN and counted, booleans and text refused."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputTypeError, InputValueError
from safecore._numeric import is_missing as is_missing_cell
from safecore._validate import a_type_name, is_number, show_value, type_name

__all__ = ["as_values"]


def as_values(values: ArrayLike, name: str = "values") -> NDArray[np.float64]:
    """Return a sample as float64, NaN where a value is missing, keeping positions.

    Missing: ``None``, NaN and blank text. A numeric ndarray (or pandas
    Series) is converted in one step; a list is read value by value, so a
    boolean is refused rather than read as 0 or 1.

    Raises
    ------
    InputTypeError
        For a boolean, a non-blank text or another non-number; the message
        names *name*, the 1-based position and the value.
    InputValueError
        For an infinite value.
    """
    arr = _flat(values, name)
    kind = arr.dtype.kind
    if arr.size == 0:
        return np.empty(0, dtype=np.float64)
    if kind in "US":
        arr, kind = arr.astype(object), "O"
    if kind in "iuf":
        x = arr.astype(np.float64)
    elif kind == "O":
        x = np.empty(arr.shape, dtype=np.float64)
        for k, v in enumerate(arr):
            if is_missing_cell(v):
                x[k] = np.nan
            elif is_number(v):
                x[k] = float(v)
            else:
                what = "text" if isinstance(v, str) else a_type_name(v)
                msg = f"{name}, value {k + 1}: {show_value(v)} is {what}, not a number"
                raise InputTypeError(msg)
    elif kind == "b":
        msg = f"{name}, value 1: {show_value(arr[0])} is a boolean (a bool array), not a number"
        raise InputTypeError(msg)
    else:
        msg = f"{name} must be numbers: got an array of dtype {arr.dtype}"
        raise InputTypeError(msg)
    bad = np.isinf(x)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        msg = f"{name}, value {k + 1}: values must be finite: {x[k]!r}"
        raise InputValueError(msg)
    return x


def _flat(values: object, name: str) -> NDArray[Any]:
    """Return a sample as a 1-D array: an ndarray (or Series) as is, anything else cell by cell."""
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        values = values.to_numpy()
    if isinstance(values, np.ndarray):
        return values.ravel()
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        if is_number(values) or is_missing_cell(values):
            return np.asarray([values], dtype=object)
        kind = type_name(values)
        msg = f"{name} must be an array of numbers, not {kind}: {show_value(values)}"
        raise InputTypeError(msg)
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out
