"""The scales' input boundary: responses and samples in, checked float arrays out.

- `as_matrix` takes responses as an array, a list of rows or a pandas
  DataFrame (whose columns are matched by item id) and returns a
  respondents x items array in the instrument's item order.
- `as_numeric` turns that array into floats (NaN for a missing
  answer), refusing booleans and text; numeric arrays take a vectorised path.
- `response_markers` validates a ``missing=`` argument.
- `as_values` reads a sample of scores for the summaries and tests.

Messages name the 1-based respondent row (and a DataFrame's index label),
the item id and the value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputTypeError, InputValueError, ResponseError
from safecore._numeric import is_missing as is_missing_cell
from safecore._read import _is_frame, require_columns
from safecore._validate import a_type_name, is_number, show_value, type_name

__all__ = [
    "Markers",
    "Responses",
    "as_matrix",
    "as_numeric",
    "first_bad",
    "is_missing_cell",
    "resolve_minimum",
    "resolve_order",
    "response_markers",
]


@attrs.frozen(slots=True)
class Markers:
    """Declared markers of a missing answer, besides ``None``, NaN and blank text."""

    text: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()

    def matches(self, value: object) -> bool:
        """Whether *value* is ``None``, NaN, blank text or a declared marker."""
        if isinstance(value, str):
            t = value.strip()
            return t == "" or t in self.text
        if is_missing_cell(value):
            return True
        return bool(self.numbers) and is_number(value) and float(value) in self.numbers  # type: ignore[arg-type]


def response_markers(missing: Iterable[object] | None, name: str = "missing") -> Markers:
    """Validate a ``missing=`` argument: texts (compared after stripping) and finite numbers.

    Raises
    ------
    InputTypeError
        For a single string (write ``("nan",)``), a boolean or another non-text marker.
    InputValueError
        For a NaN or infinite numeric marker (NaN is always missing).
    """
    if missing is None:
        return Markers()
    if isinstance(missing, str) or not isinstance(missing, Iterable):
        msg = f"{name} must be a sequence of markers such as ('nan', 'NA'), not {show_value(missing)}"
        raise InputTypeError(msg)
    text: set[str] = set()
    numbers: set[float] = set()
    for marker in missing:
        if isinstance(marker, str):
            text.add(marker.strip())
        elif is_number(marker):
            x = float(marker)  # type: ignore[arg-type]
            if not math.isfinite(x):
                msg = f"{name} markers must be text or finite numbers: {show_value(marker)}"
                raise InputValueError(msg)
            numbers.add(x)
        else:
            kind = type_name(marker)
            msg = f"{name} markers must be text or numbers, not {kind}: {show_value(marker)}"
            raise InputTypeError(msg)
    return Markers(frozenset(text), frozenset(numbers))


@attrs.frozen(slots=True)
class Responses:
    """Responses as a respondents x items array in item order, with row names for messages."""

    values: NDArray[Any]
    index: tuple[str, ...] | None = None  # a DataFrame's index labels
    rows: tuple[str, ...] | None = None  # full row descriptions given by a reader

    def where(self, i: int) -> str:
        """Describe respondent *i* (0-based) for a message."""
        if self.rows is not None:
            return self.rows[i]
        label = f" (index {self.index[i]})" if self.index is not None else ""
        return f"respondent row {i + 1}{label}"


def _frame_values(df: Any, item_ids: Sequence[str], instrument: str) -> Responses:
    names = [str(c) for c in df.columns]
    for item in item_ids:
        if names.count(item) > 1:
            msg = f"{instrument} DataFrame: column {item!r} appears {names.count(item)} times"
            raise ResponseError(msg)
    require_columns(names, item_ids, f"{instrument} DataFrame")
    block = df.iloc[:, [names.index(i) for i in item_ids]]
    return Responses(np.asarray(block.to_numpy()), tuple(repr(x) for x in df.index))


def _is_row(value: object) -> bool:
    return isinstance(value, Sequence | np.ndarray) and not isinstance(value, str | bytes)


def _rows_of_objects(responses: Iterable[object], n_items: int, instrument: str) -> NDArray[Any]:
    rows = list(responses)
    if any(_is_row(r) for r in rows):
        for k, row in enumerate(rows, start=1):
            size = len(row) if _is_row(row) else 1  # type: ignore[arg-type]
            if size != n_items:
                msg = f"{instrument} has {n_items} items: got {size} in respondent row {k}"
                raise ResponseError(msg)
        out = np.empty((len(rows), n_items), dtype=object)
        for k, row in enumerate(rows):
            out[k, :] = list(row)  # type: ignore[call-overload]
        return out
    flat = np.empty(len(rows), dtype=object)
    flat[:] = rows
    return flat


def as_matrix(
    responses: ArrayLike, item_ids: Sequence[str], instrument: str, *, order: Sequence[str] | None = None
) -> Responses:
    """Return responses as respondents x items in *item_ids* order.

    A pandas DataFrame is matched by column name (other columns ignored;
    *order* is then refused). An array or a list of rows is positional,
    with *order* naming the item of each column. A list is read cell by
    cell (so ``True`` is not silently read as 1); an ndarray keeps its dtype.
    """
    n_items = len(item_ids)
    if _is_frame(responses):
        if order is not None:
            msg = (
                f"{instrument}: order applies to arrays and lists; a DataFrame's columns are "
                "matched by name (rename them to the item ids instead)"
            )
            raise InputValueError(msg)
        return _frame_values(responses, item_ids, instrument)
    if isinstance(responses, np.ndarray):
        arr = responses
    elif isinstance(responses, str | bytes | Mapping) or not isinstance(responses, Iterable):
        msg = (
            f"{instrument} responses must be an array, a list of rows or a pandas DataFrame, "
            f"not {type_name(responses)}"
        )
        raise InputTypeError(msg)
    else:
        arr = _rows_of_objects(responses, n_items, instrument)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    if arr.ndim != 2:
        msg = f"{instrument} responses must be 2-D (respondents x items): got shape {arr.shape}"
        raise ResponseError(msg)
    if arr.shape[1] != n_items:
        msg = f"{instrument} has {n_items} items: got {arr.shape[1]} columns per respondent"
        raise ResponseError(msg)
    cols = resolve_order(order, item_ids, instrument)
    return Responses(arr[:, cols])


def _text_hint(text: str) -> str:
    t = text.strip()
    try:
        x = float(t)
    except ValueError:
        return ""
    if math.isfinite(x):
        return "; numbers written as text are not read here: convert them (e.g. pandas.to_numeric)"
    return f"; if it marks a missing answer, declare it: missing=({t!r},)"


def as_numeric(
    responses: Responses, item_ids: Sequence[str], instrument: str, markers: Markers
) -> NDArray[np.float64]:
    """Return the answers as float64 with NaN for a missing one.

    Missing: ``None``, NaN, blank text and the declared *markers*. A numeric
    array is converted in one step; only an object array is read cell by
    cell.

    Raises
    ------
    InputTypeError
        For a boolean (also a ``bool`` array), a non-blank text that is not a
        declared marker (``"50"``, ``"nan"``) or any other non-number.
    """
    arr = responses.values
    kind = arr.dtype.kind
    if kind in "iuf":  # the fast path: no per-cell Python work
        out = arr.astype(np.float64)
        if markers.numbers:
            out[np.isin(out, list(markers.numbers))] = np.nan
        return out
    if kind == "b":
        if arr.size == 0:
            return np.empty(arr.shape, dtype=np.float64)
        msg = (
            f"{instrument} {responses.where(0)}, item {item_ids[0]}: {show_value(arr[0, 0])} is a "
            f"boolean (the responses are a bool array); give answers as numbers"
        )
        raise InputTypeError(msg)
    if kind not in "OUS":
        msg = f"{instrument} responses must be numbers: got an array of dtype {arr.dtype}"
        raise InputTypeError(msg)
    flat = arr.astype(object).ravel()
    out = np.empty(flat.shape, dtype=np.float64)
    for k, v in enumerate(flat):
        if markers.matches(v):
            out[k] = np.nan
        elif is_number(v):
            out[k] = float(v)
        else:
            i, j = divmod(k, arr.shape[1])
            kind_name = "text" if isinstance(v, str) else a_type_name(v)
            hint = _text_hint(v) if isinstance(v, str) else ""
            msg = (
                f"{instrument} {responses.where(i)}, item {item_ids[j]}: {show_value(v)} is "
                f"{kind_name}, not a number{hint}"
            )
            raise InputTypeError(msg)
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
    if isinstance(order, str) or not isinstance(order, Iterable):
        msg = f"{instrument} order must be a sequence of item ids, not {show_value(order)}"
        raise InputTypeError(msg)
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
    from safecore._validate import check_whole  # noqa: PLC0415

    if min_answered is None:
        out: dict[str, object] = dict(defaults)
    elif isinstance(min_answered, Mapping):
        unknown = [k for k in min_answered if k not in defaults]
        if unknown:
            msg = f"min_answered names unknown scale {unknown[0]!r} (scales: {', '.join(defaults)})"
            raise InputValueError(msg)
        out = {**defaults, **min_answered}
    else:
        out = dict.fromkeys(defaults, min_answered)
    checked: dict[str, int] = {}
    for k, v in out.items():
        name = f"min_answered for {k}"
        what = f"a whole number from 1 to {sizes[k]}"
        if not is_number(v):
            msg = f"{name} must be {what}, not {type_name(v)}: {show_value(v)}"
            raise InputTypeError(msg)
        whole = check_whole(v, name, minimum=None, maximum=None)
        if not 1 <= whole <= sizes[k]:
            msg = f"{name} must be {what}: {show_value(v)}"
            raise InputValueError(msg)
        checked[k] = whole
    return checked
