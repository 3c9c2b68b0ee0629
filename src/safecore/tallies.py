"""Case-note records to labelled contingency tables.

A [`Tally`][safecore.tallies.Tally] cross-classifies records by two fields (for instance
engagement by goal attainment, as in the report's Table 3). Records whose
row or column value is empty are *counted* in [`Tally.missing`][safecore.tallies.Tally.missing], never
dropped silently.

Examples
--------
>>> from safecore.tallies import tally
>>> records = [
...     {"family": "A", "engagement": "Engaged", "status": "Achieved"},
...     {"family": "A", "engagement": "Engaged", "status": "Not achieved"},
...     {"family": "B", "engagement": "Disengaged", "status": "Almost"},
...     {"family": "B", "engagement": "Disengaged", "status": None},
... ]
>>> t = tally(records, rows="engagement", columns="status")
>>> t.table.tolist()
[[1, 0, 1], [0, 1, 0]]
>>> t.missing, t.total
(1, 4)
"""

from __future__ import annotations

import math
import os
import statistics
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import (
    InputTypeError,
    InvalidTableError,
    LabelMergeWarning,
    RecordError,
    UnknownLabelError,
)
from safecore._format import fmt_label, fmt_labels
from safecore._numeric import percent_half_up
from safecore._read import RecordSet, as_records, read_csv
from safecore._results import Result, ResultTable, column_name
from safecore._validate import MAX_COUNT, check_whole, show_value, type_name
from safecore.categories import (
    Applicability,
    Attainment,
    Change,
    CostOutcome,
    Engagement,
    GoalType,
    ProblemType,
    normalise_label,
)

__all__ = [
    "CASE_NOTE_COLUMNS",
    "FamilySummary",
    "RecordSet",
    "Tally",
    "per_family",
    "read_records",
    "tally",
]

#: The documented columns of a case-note CSV file, one row per goal or problem.
CASE_NOTE_COLUMNS: tuple[str, ...] = (
    "family",
    "engagement",
    "category",
    "status",
    "applicability",
)

# Enumerations tried when a column's values are parsed without a stated category set.
_PARSE_ORDER: tuple[type[Enum], ...] = (
    Engagement,
    Attainment,
    Change,
    Applicability,
    GoalType,
    ProblemType,
    CostOutcome,
)

Records = Iterable[Mapping[str, Any]] | str | os.PathLike[str] | RecordSet | Any


def _as_count_table(counts: ArrayLike, *, name: str = "table") -> NDArray[np.int64]:
    """Validate a 2-D table of non-negative whole-number counts (each, and the total, at most 2**53)."""
    raw = counts.to_numpy() if hasattr(counts, "to_numpy") else counts
    try:
        arr0 = np.asarray(raw)
    except (TypeError, ValueError) as exc:
        msg = f"{name} must be a 2-D table of counts: {exc}"
        raise InvalidTableError(msg) from exc
    flat = arr0.ravel() if arr0.dtype == object else ()
    if arr0.dtype.kind == "b" or any(isinstance(v, bool | np.bool_) for v in flat):
        msg = f"{name} must hold whole-number counts, not booleans"
        raise InputTypeError(msg)
    text = next((v for v in flat if isinstance(v, str | bytes)), None)
    if arr0.dtype.kind in "US" or text is not None:
        shown = text if text is not None else arr0.ravel()[0]
        msg = f"{name} must hold numbers, not text: {show_value(shown)}"
        raise InputTypeError(msg)
    if arr0.ndim != 2:
        msg = f"{name} must be 2-D (rows x columns): got shape {arr0.shape}"
        raise InvalidTableError(msg)
    if arr0.dtype.kind in "iu":
        highest = int(arr0.max()) if arr0.size else 0
        if arr0.size and int(arr0.min()) < 0:
            i, j = (int(k) for k in np.argwhere(arr0 < 0)[0])
            msg = f"{name} cell (row {i + 1}, column {j + 1}) must be >= 0: {int(arr0[i, j])}"
            raise InvalidTableError(msg)
        if highest > MAX_COUNT:
            i, j = (int(k) for k in np.argwhere(arr0 > MAX_COUNT)[0])
            msg = f"{name} cell (row {i + 1}, column {j + 1}) must be at most 2**53: {int(arr0[i, j])}"
            raise InvalidTableError(msg)
        out = arr0.astype(np.int64)
    else:
        try:
            arr = np.asarray(arr0, dtype=np.float64)
        except (TypeError, ValueError, OverflowError) as exc:
            msg = f"{name} must hold numeric counts: {exc}"
            raise InvalidTableError(msg) from exc
        checks = (
            (np.isnan(arr), "is NaN"),
            (np.isinf(arr), "is infinite"),
            (arr < 0, "must be >= 0"),
            (arr != np.round(arr), "must be a whole number"),
            (arr > MAX_COUNT, "must be at most 2**53"),
        )
        for bad, what in checks:
            if bad.any():
                i, j = (int(k) for k in np.argwhere(bad)[0])
                msg = f"{name} cell (row {i + 1}, column {j + 1}) {what}: {show_value(arr0[i, j])}"
                raise InvalidTableError(msg)
        out = arr.astype(np.int64)
        highest = int(out.max()) if out.size else 0
    _check_total(out, highest, name)
    out.setflags(write=False)
    return out


def _check_total(out: NDArray[np.int64], highest: int, name: str) -> None:
    """Refuse a table whose grand total is above 2**53 (summed exactly when *highest* allows it)."""
    if highest * out.size > MAX_COUNT:  # only then can the total pass 2**53
        total = int(out.sum(dtype=object))
        if total > MAX_COUNT:
            msg = f"{name}: the grand total {total:,} is above 2**53"
            raise InvalidTableError(msg)


def _both_missing(value: object) -> int:
    return check_whole(value, "both_missing")


def _labels(labels: Iterable[Hashable]) -> tuple[Hashable, ...]:
    return tuple(labels)


def _missing_counts(a: ArrayLike, name: str) -> NDArray[np.int64]:
    """Return a 1-D sequence of missing counts, each a whole number >= 0, as read-only int64."""
    raw = np.asarray(a.to_numpy() if hasattr(a, "to_numpy") else a, dtype=object)
    if raw.ndim != 1:
        msg = f"{name} must be a 1-D sequence of counts: got shape {raw.shape}"
        raise InvalidTableError(msg)
    counts = [
        check_whole(v, f"{name}[{i}]", error=InvalidTableError) for i, v in enumerate(raw.tolist())
    ]
    out = np.array(counts, dtype=np.int64)
    out.setflags(write=False)
    return out


def _row_missing(a: ArrayLike) -> NDArray[np.int64]:
    return _missing_counts(a, "row_missing")


def _column_missing(a: ArrayLike) -> NDArray[np.int64]:
    return _missing_counts(a, "column_missing")


def _value_kind(v: object) -> str:
    if isinstance(v, str):
        return "text"
    if isinstance(v, bool | np.bool_):
        return "boolean"
    if isinstance(v, int | np.integer):
        return "integer"
    if isinstance(v, float | np.floating):
        return "float"
    return type_name(v)


def _is_category_set(kind: object) -> bool:
    return kind is None or (isinstance(kind, type) and issubclass(kind, Enum))


def _try_parse(enum: type[Enum], value: object) -> Enum | None:
    try:
        member: Enum = enum.from_label(value)  # type: ignore[attr-defined]
    except UnknownLabelError:
        return None
    return member


def _parse_or_raise(enum: type[Enum], value: object, where: str) -> Enum:
    try:
        member: Enum = enum.from_label(value)  # type: ignore[attr-defined]
    except (UnknownLabelError, InputTypeError) as exc:
        msg = f"{where}: {exc}"
        raise type(exc)(msg) from None
    return member


def _choose_enum(distinct: Sequence[str], field: str, axis: str, where: str) -> type[Enum] | None:
    """Return the built-in set most of *distinct* parse as (None: the user's own categories)."""
    counts = {e: sum(_try_parse(e, v) is not None for v in distinct) for e in _PARSE_ORDER}
    best = max(counts.values())
    if best == 0 or 2 * best < len(distinct):
        return None
    winners = [e for e, n in counts.items() if n == best]
    if len(winners) > 1:
        names = " and ".join(e.__name__ for e in winners)
        shown = ", ".join(repr(v) for v in distinct[:4]) + (", ..." if len(distinct) > 4 else "")
        msg = (
            f"{where}, column {field!r}: the values ({shown}) are labels of {names} alike; "
            f"say which with {axis}_type= (e.g. {axis}_type={winners[0].__name__})"
        )
        raise RecordError(msg)
    return winners[0]


def _parse_axis(
    records: RecordSet,
    field: str,
    order: Sequence[Hashable] | None,
    kind: type[Enum] | None,
    parse: bool,
    axis: str,
) -> tuple[NDArray[np.int64], tuple[Hashable, ...], tuple[tuple[str, ...], ...]]:
    """Codes (-1 for missing), label order and merged spellings of one axis, parsed value by value."""
    values = records.column(field)
    present = [k for k, v in enumerate(values) if v is not None]
    first_at: dict[Hashable, int] = {}
    for k in present:
        first_at.setdefault(values[k], k)
    kinds = dict.fromkeys(_value_kind(values[k]) for k in present)  # 1 and True share a dict key
    if len(kinds) > 1:
        first, second = list(kinds)[:2]
        k = next(k for k in present if _value_kind(values[k]) == second)
        msg = (
            f"{records.where(k, field)}: {second} value {show_value(values[k])} in a column of "
            f"{first} values; a column holds one kind of value"
        )
        raise RecordError(msg)
    text = "text" in kinds
    distinct: list[Hashable] = list(first_at)
    if not _is_category_set(kind):
        msg = f"{axis}_type must be a category enumeration such as Engagement: {show_value(kind)}"
        raise InputTypeError(msg)
    if kind is None and parse and text:
        kind = _choose_enum([str(d) for d in distinct], field, axis, records.source)
    mapping: dict[Hashable, Hashable] = {}
    merged: tuple[tuple[str, ...], ...] = ()
    if kind is not None:
        for v in distinct:
            mapping[v] = _parse_or_raise(kind, v, records.where(first_at[v], field))
    elif text:
        groups: dict[str, list[str]] = {}
        for v in distinct:
            groups.setdefault(normalise_label(str(v)), []).append(str(v))
        for spellings in groups.values():
            for s in spellings:
                mapping[s] = spellings[0]
        merged = tuple(tuple(sp) for sp in groups.values() if len(sp) > 1)
    else:
        mapping = {v: v for v in distinct}
    labels = _axis_labels(records, field, order, kind, mapping, first_at, axis)
    index = {lab: i for i, lab in enumerate(labels)}
    code_of = {v: index[mapping[v]] for v in distinct}
    codes = np.fromiter((-1 if v is None else code_of[v] for v in values), np.int64, len(values))
    return codes, labels, merged


def _axis_labels(
    records: RecordSet,
    field: str,
    order: Sequence[Hashable] | None,
    kind: type[Enum] | None,
    mapping: Mapping[Hashable, Hashable],
    first_at: Mapping[Hashable, int],
    axis: str,
) -> tuple[Hashable, ...]:
    """Label order of an axis: the caller's order, the enum's, or first appearance."""
    if order is None:
        if kind is not None:
            seen = set(mapping.values())
            return tuple(m for m in kind if m in seen)
        return tuple(dict.fromkeys(mapping.values()))
    labels = tuple(dict.fromkeys(_order_label(o, kind, mapping, axis) for o in order))
    for v, k in first_at.items():
        if mapping[v] not in labels:
            msg = (
                f"{records.where(k, field)}: value {v!r} is not among the given "
                f"{axis}_order ({', '.join(fmt_label(x) for x in labels)})"
            )
            raise RecordError(msg)
    return labels


def _order_label(
    o: Hashable, kind: type[Enum] | None, mapping: Mapping[Hashable, Hashable], axis: str
) -> Hashable:
    if kind is not None:
        return _parse_or_raise(kind, o, f"{axis}_order")
    if isinstance(o, str):
        key = normalise_label(o)
        return next((m for v, m in mapping.items() if normalise_label(str(v)) == key), o.strip())
    return o


def read_records(
    path: str | os.PathLike[str], *, delimiter: str = ",", missing: Iterable[str] = ("",)
) -> RecordSet:
    """Read case-note records from a CSV file, once, into a [`RecordSet`][safecore.tallies.RecordSet].

    The file has a header row; `CASE_NOTE_COLUMNS` are the documented
    columns (``family``, ``engagement``, ``category``, ``status``,
    ``applicability``), one row per goal or problem. Other columns are kept.
    Empty cells (and any declared *missing* markers) become ``None``.

    Parameters
    ----------
    path : str or os.PathLike
        A UTF-8 (optionally with BOM) CSV file; quoted cells may span lines.
    delimiter : str
        The cell separator (default comma; e.g. ``";"`` for a European export).
    missing : iterable of str
        Cell texts meaning "missing" (default: only an empty cell).

    Returns
    -------
    RecordSet
        A sequence of mappings, one per data row, each knowing its 1-based line.

    Raises
    ------
    RecordError
        If the file is not valid UTF-8, is empty or header-only, has duplicate
        column names, looks separated by another delimiter, or a row has more
        or fewer cells than the header (the message names file and line).
    FileNotFoundError, IsADirectoryError, PermissionError
        For a path that cannot be read (as `SafecoreError` subclasses).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from safecore.tallies import read_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "notes.csv"
    >>> _ = path.write_text("family,engagement\\nA,engaged\\nB,disengaged\\n", encoding="utf-8")
    >>> records = read_records(path)
    >>> len(records), records.column("engagement")
    (2, ['engaged', 'disengaged'])
    """
    return read_csv(path, delimiter=delimiter, missing=missing, error=RecordError)


@attrs.frozen(slots=True, repr=False, eq=False)
class Tally(Result):
    """A labelled two-way contingency table with its missing data.

    Build one with [`tally`][safecore.tallies.tally] from records or
    [`from_counts`][safecore.tallies.Tally.from_counts] from an already aggregated table.

    Attributes
    ----------
    table : ndarray of int64, shape (R, C)
        Counts of records with both values present.
    row_labels, column_labels : tuple
        Category of each row and column (enum members or plain hashables).
    row_missing : ndarray of int64, shape (R,)
        Records whose row value is known but whose column value is missing
        (e.g. a goal with no attainment recorded).
    column_missing : ndarray of int64, shape (C,)
        Records whose column value is known but whose row value is missing.
    both_missing : int
        Records with neither value.
    row_name, column_name : str or None
        The fields the rows and columns classify.
    merged_labels : tuple of tuple of str
        Spellings merged into one category by [`tally`][safecore.tallies.tally] (first spelling shown).

    Examples
    --------
    Five goals of three families; one goal has no attainment recorded:

    >>> from safecore.tallies import tally
    >>> records = [
    ...     {"family": "F01", "engagement": "Engaged", "status": "Achieved"},
    ...     {"family": "F01", "engagement": "Engaged", "status": "Almost achieved"},
    ...     {"family": "F02", "engagement": "Engaged", "status": "Achieved"},
    ...     {"family": "F03", "engagement": "Disengaged", "status": "Not achieved"},
    ...     {"family": "F03", "engagement": "Disengaged", "status": None},
    ... ]
    >>> t = tally(records, rows="engagement", columns="status")
    >>> t
    Tally(2x3, total=5, missing=1, rows=[Engaged, Disengaged],
          columns=[Achieved, Almost achieved, Not achieved])
    >>> t.table.tolist(), t.row_missing.tolist(), t.grand_total
    ([[2, 1, 0], [0, 0, 1]], [0, 1], 4)
    >>> print(t)
    Tally: 5 records, 1 missing
    engagement  Achieved  Almost achieved  Not achieved  Missing  N
    Engaged      2 (67%)          1 (33%)        0 (0%)        0  3
    Disengaged    0 (0%)           0 (0%)       1 (50%)        1  2

    An already aggregated table (the report's Table 3) is a tally too:

    >>> t3 = Tally.from_counts([[76, 6, 4], [17, 15, 12]], ["Engaged", "Disengaged"],
    ...                        ["Achieved", "Almost achieved", "Not achieved"])
    >>> t3.row_totals.tolist(), t3.column_totals.tolist(), t3.total
    ([86, 44], [93, 21, 16], 130)
    """

    table: NDArray[np.int64] = attrs.field(converter=_as_count_table)
    row_labels: tuple[Hashable, ...] = attrs.field(converter=_labels)
    column_labels: tuple[Hashable, ...] = attrs.field(converter=_labels)
    row_missing: NDArray[np.int64] = attrs.field(converter=_row_missing)
    column_missing: NDArray[np.int64] = attrs.field(converter=_column_missing)
    both_missing: int = attrs.field(default=0, converter=_both_missing)
    row_name: str | None = None
    column_name: str | None = None
    merged_labels: tuple[tuple[str, ...], ...] = ()

    def __attrs_post_init__(self) -> None:
        r, c = self.table.shape
        if len(self.row_labels) != r or len(self.column_labels) != c:
            msg = (
                f"labels must match the table's shape {self.table.shape}: got "
                f"{len(self.row_labels)} row and {len(self.column_labels)} column labels"
            )
            raise InvalidTableError(msg)
        if self.row_missing.shape != (r,) or self.column_missing.shape != (c,):
            msg = f"row_missing must have length {r} and column_missing length {c}"
            raise InvalidTableError(msg)

    @classmethod
    def from_counts(
        cls,
        counts: ArrayLike,
        row_labels: Sequence[Hashable] | None = None,
        column_labels: Sequence[Hashable] | None = None,
        *,
        row_missing: ArrayLike | None = None,
        column_missing: ArrayLike | None = None,
        both_missing: int = 0,
        row_name: str | None = None,
        column_name: str | None = None,
    ) -> Tally:
        """Build a tally from an already aggregated table.

        Parameters
        ----------
        counts : array_like, shape (R, C)
            Non-negative whole-number counts.
        row_labels, column_labels : sequence, optional
            Default ``0..R-1`` and ``0..C-1``.
        row_missing, column_missing : array_like, optional
            Records with a row (column) value but no column (row) value.
        both_missing : int
            Records with neither.
        row_name, column_name : str, optional
            What the axes classify.

        Returns
        -------
        Tally

        Raises
        ------
        InvalidTableError
            If *counts* is not a 2-D table of non-negative whole numbers, or
            labels do not match its shape.

        Examples
        --------
        >>> t = Tally.from_counts([[76, 6, 4], [17, 15, 12]], ["Engaged", "Disengaged"],
        ...                       ["Achieved", "Almost achieved", "Not achieved"])
        >>> t.row_percentages().tolist()
        [[88.0, 7.0, 5.0], [39.0, 34.0, 27.0]]
        """
        table = _as_count_table(counts)
        r, c = table.shape
        return cls(
            table,
            row_labels if row_labels is not None else range(r),
            column_labels if column_labels is not None else range(c),
            np.zeros(r, np.int64) if row_missing is None else row_missing,
            np.zeros(c, np.int64) if column_missing is None else column_missing,
            both_missing,
            row_name,
            column_name,
        )

    # -- totals -----------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)`` of `table`."""
        r, c = self.table.shape
        return r, c

    @property
    def row_totals(self) -> NDArray[np.int64]:
        """Complete records in each row."""
        out: NDArray[np.int64] = self.table.sum(axis=1)
        return out

    @property
    def column_totals(self) -> NDArray[np.int64]:
        """Complete records in each column."""
        out: NDArray[np.int64] = self.table.sum(axis=0)
        return out

    @property
    def grand_total(self) -> int:
        """Complete records (both values present)."""
        return int(self.table.sum())

    @property
    def missing(self) -> int:
        """Records with the row value, the column value, or both missing."""
        return int(self.row_missing.sum() + self.column_missing.sum()) + self.both_missing

    @property
    def total(self) -> int:
        """All records, missing included."""
        return self.grand_total + self.missing

    # -- percentages ------------------------------------------------------------
    def row_percentages(
        self, decimals: int = 0, *, include_missing: bool = False
    ) -> NDArray[np.float64]:
        """Each cell as a percentage of its row total, rounded half up.

        With ``include_missing=True`` the denominator also counts the row's
        records with a missing column value, as the report's Table 2 does.
        """
        totals = self.row_totals + (self.row_missing if include_missing else 0)
        return percent_half_up(self.table, totals[:, None], decimals)

    def column_percentages(
        self, decimals: int = 0, *, include_missing: bool = False
    ) -> NDArray[np.float64]:
        """Each cell as a percentage of its column total, rounded half up."""
        totals = self.column_totals + (self.column_missing if include_missing else 0)
        return percent_half_up(self.table, totals[None, :], decimals)

    def percentages(self, decimals: int = 0) -> NDArray[np.float64]:
        """Each cell as a percentage of the grand total, rounded half up."""
        return percent_half_up(self.table, self.grand_total, decimals)

    # -- output -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form (labels as printed wording), for JSON."""
        return {
            "row_name": self.row_name,
            "column_name": self.column_name,
            "row_labels": [fmt_label(x) for x in self.row_labels],
            "column_labels": [fmt_label(x) for x in self.column_labels],
            "table": self.table.tolist(),
            "row_missing": self.row_missing.tolist(),
            "column_missing": self.column_missing.tolist(),
            "both_missing": self.both_missing,
            "missing": self.missing,
            "total": self.total,
        }

    def _table(self) -> ResultTable:
        """One row per row label: the counts per column, the missing and N.

        ``to_frame()`` columns are ``row``, one snake_case name per column
        label (``"Almost achieved"`` becomes ``almost_achieved``), ``missing``
        (a column value not recorded) and ``n`` (the row's records). The text,
        Markdown and HTML show each count with its row percentage,
        ``"12 (40%)"``, of N (missing included, as the report's tables).
        """
        taken = {"row", "missing", "n"}
        names = [column_name(c, taken) for c in self.column_labels]
        pct = self.row_percentages(include_missing=True)
        rows, cells = [], []
        for i, label in enumerate(self.row_labels):
            counts = [int(v) for v in self.table[i]]
            missing, n = int(self.row_missing[i]), int(self.row_totals[i] + self.row_missing[i])
            rows.append((fmt_label(label), *counts, missing, n))
            shown = [f"{v} ({p:.0f}%)" for v, p in zip(counts, pct[i], strict=True)]
            cells.append((fmt_label(label), *shown, missing, n))
        return ResultTable(
            ("row", *names, "missing", "n"),
            rows,
            headers=(self.row_name or "", *(fmt_label(c) for c in self.column_labels), "Missing", "N"),
            cells=cells,
        )

    def summary(self) -> str:
        """One line: ``Tally: 130 records, 0 missing``."""
        return f"Tally: {self.total} records, {self.missing} missing"

    def __repr__(self) -> str:
        rows = fmt_labels(self.row_labels)
        cols = fmt_labels(self.column_labels)
        return (
            f"Tally({self.shape[0]}x{self.shape[1]}, total={self.total}, "
            f"missing={self.missing}, rows=[{rows}], columns=[{cols}])"
        )


def tally(
    records: Records,
    rows: str = "engagement",
    columns: str = "status",
    *,
    row_order: Sequence[Hashable] | None = None,
    column_order: Sequence[Hashable] | None = None,
    row_type: type[Enum] | None = None,
    column_type: type[Enum] | None = None,
    parse: bool = True,
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
) -> Tally:
    """Cross-classify records into a labelled contingency table.

    Parameters
    ----------
    records : iterable of mappings, path, pandas.DataFrame or RecordSet
        One record per goal or problem. A path is read with
        [`read_records`][safecore.tallies.read_records]; a DataFrame (pandas is optional) is matched by
        column name. Every input is read once into a ``RecordSet``.
    rows, columns : str
        The fields that classify the rows and the columns.
    row_order, column_order : sequence, optional
        Categories, in order, to show (categories absent from the records
        get zero counts). A record whose value is not listed raises
        `RecordError`. By default: enum order for built-in
        categories, otherwise first appearance.
    row_type, column_type : Enum class, optional
        The category set of the axis (e.g. ``row_type=Engagement``): every
        value must be one of its labels. When not given and *parse* is true,
        the set is inferred: an axis whose distinct values are at least half
        labels of one built-in set (Engagement, Attainment, Change,
        Applicability, GoalType, ProblemType, CostOutcome) is parsed as that
        set, and a value that is not one of its labels is an error naming
        where it is and the closest labels. Values that are labels of two
        sets alike are refused: state the set.
    parse : bool
        ``False`` keeps values as given (no built-in set is inferred).
    delimiter, missing
        Passed to [`read_records`][safecore.tallies.read_records] when *records* is a path.

    Returns
    -------
    Tally

    Raises
    ------
    RecordError
        If a record lacks a field, a column mixes kinds of value (text and
        numbers, or numbers and booleans), the category set is ambiguous, or
        a value is outside *row_order*/*column_order* (the message names the
        file and line, or the record).
    UnknownLabelError
        If a value is not a label of the stated or inferred category set.
    MissingColumnError
        If *rows* or *columns* is not a column of the records (a ``KeyError``).

    Warns
    -----
    LabelMergeWarning
        When labels of the user's own categories that differ only in case,
        spacing or dash style (``"Site A"``, ``"site a"``) are merged; the
        merges are also listed in `Tally.merged_labels`.

    Notes
    -----
    Empty cells, ``None`` and NaN are missing. Every missing value is
    counted in `Tally.row_missing`, `Tally.column_missing` or
    `Tally.both_missing`, so ``tally(...).total`` always equals the
    number of records.

    Examples
    --------
    >>> recs = [{"engagement": "engaged", "status": "Improved"},
    ...         {"engagement": "Disengaged", "status": "Became worse"},
    ...         {"engagement": "Engaged", "status": ""}]
    >>> t = tally(recs)
    >>> t.row_labels
    (<Engagement.ENGAGED: 'engaged'>, <Engagement.DISENGAGED: 'disengaged'>)
    >>> t.column_labels
    (<Change.IMPROVED: 'improved'>, <Change.DETERIORATED: 'deteriorated'>)
    >>> t.row_missing.tolist(), t.total
    ([1, 0], 3)
    """
    recs = as_records(records, delimiter=delimiter, missing=missing, error=RecordError)
    recs.require(rows, columns)
    rc, row_labels, row_merged = _parse_axis(recs, rows, row_order, row_type, parse, "row")
    cc, col_labels, col_merged = _parse_axis(recs, columns, column_order, column_type, parse, "column")
    merged = row_merged + col_merged
    if merged:
        shown = "; ".join(" = ".join(repr(s) for s in sp) for sp in merged)
        warnings.warn(
            f"{recs.source}: labels differing only in case, spacing or dashes were merged: {shown}",
            LabelMergeWarning,
            stacklevel=2,
        )
    nr, nc = len(row_labels), len(col_labels)
    both = (rc >= 0) & (cc >= 0)
    table = np.bincount(rc[both] * nc + cc[both], minlength=nr * nc).reshape(nr, nc)
    row_only = (rc >= 0) & (cc < 0)
    col_only = (rc < 0) & (cc >= 0)
    return Tally(
        table,
        row_labels,
        col_labels,
        np.bincount(rc[row_only], minlength=nr),
        np.bincount(cc[col_only], minlength=nc),
        int(((rc < 0) & (cc < 0)).sum()),
        rows,
        columns,
        merged,
    )


@attrs.frozen(slots=True, repr=False, eq=False)
class FamilySummary(Result):
    """How many records each family has: the report's "goals per family".

    Attributes
    ----------
    n_families : int
        Families with at least one record.
    n_records : int
        Records with a family identifier.
    missing : int
        Records with no family identifier (not attributed to any family).
    mean, sd, median : float
        Of the per-family counts (``sd`` with ``n - 1`` denominator; NaN for
        a single family).
    min, max : int
        Range of the per-family counts.

    Examples
    --------
    Obtained from [`per_family`][safecore.tallies.per_family]:

    >>> from safecore.tallies import per_family
    >>> goals = [{"family": f} for f in ["F01", "F01", "F01", "F02", "F03", "F03", None]]
    >>> s = per_family(goals)
    >>> s.n_families, s.n_records, s.missing
    (3, 6, 1)
    >>> round(s.mean, 2), round(s.sd, 2), s.median, (s.min, s.max)
    (2.0, 1.0, 2.0, (1, 3))
    >>> print(s.summary())
    Records per family: 6 records of 3 families, mean 2.00 (SD 1.00), median 2, range 1-3;
    1 with no family
    """

    n_families: int
    n_records: int
    missing: int
    mean: float
    sd: float
    median: float
    min: int
    max: int

    def _table(self) -> ResultTable:
        return ResultTable(
            ("n_families", "n_records", "missing", "mean", "sd", "median", "min", "max"),
            [
                (
                    *(self.n_families, self.n_records, self.missing, self.mean, self.sd),
                    *(self.median, self.min, self.max),
                )
            ],
            caption=self.summary(),
            headers=("families", "records", "missing", "mean", "SD", "median", "min", "max"),
            formats={"mean": ".2f", "sd": ".2f", "median": "g"},
        )

    def summary(self) -> str:
        """One line: ``Records per family: 7 records of 3 families, mean 2.33 (SD 1.53), ...``."""
        return (
            f"Records per family: {self.n_records} records of {self.n_families} families, "
            f"mean {self.mean:.2f} (SD {self.sd:.2f}), median {self.median:g}, "
            f"range {self.min}-{self.max}; {self.missing} with no family"
        )

    def __repr__(self) -> str:
        return (
            f"FamilySummary(families={self.n_families}, records={self.n_records}, "
            f"mean={self.mean:.2f}, sd={self.sd:.2f}, median={self.median:g}, "
            f"range={self.min}-{self.max}, missing={self.missing})"
        )


def per_family(records: Records, family: str = "family") -> FamilySummary:
    """Summarise how many records (goals, problems) each family has.

    Parameters
    ----------
    records : iterable of mappings, path, or pandas.DataFrame
        As for [`tally`][safecore.tallies.tally].
    family : str
        The field identifying the family.

    Returns
    -------
    FamilySummary

    Raises
    ------
    RecordError
        If a record lacks the *family* field, or no record has a family.

    Examples
    --------
    >>> recs = [{"family": f} for f in "AABCCCC"] + [{"family": None}]
    >>> per_family(recs)
    FamilySummary(families=3, records=7, mean=2.33, sd=1.53, median=2, range=1-4, missing=1)
    """
    recs = as_records(records, error=RecordError)
    ids = recs.column(family)
    present = [i for i in ids if i is not None]
    if not present:
        msg = f"{recs.source}: no record has a {family!r} value"
        raise RecordError(msg)
    kinds = {_value_kind(i) for i in present}
    if len(kinds) > 1:
        msg = f"{recs.source}: the {family!r} column mixes {' and '.join(sorted(kinds))} identifiers"
        raise RecordError(msg)
    _, counts = np.unique(np.array([str(i) for i in present]), return_counts=True)
    return FamilySummary(
        n_families=len(counts),
        n_records=len(present),
        missing=len(ids) - len(present),
        mean=float(counts.mean()),
        sd=float(counts.std(ddof=1)) if len(counts) > 1 else math.nan,
        median=float(statistics.median(counts.tolist())),
        min=int(counts.min()),
        max=int(counts.max()),
    )
