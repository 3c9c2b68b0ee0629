"""Case-note records to labelled contingency tables.

A :class:`Tally` cross-classifies records by two fields (for instance
engagement by goal attainment, as in the report's Table 3). Records whose
row or column value is empty are *counted* in :attr:`Tally.missing`, never
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

import csv
import math
import os
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InvalidTableError, RecordError, UnknownLabelError
from safecore._format import fmt_label, fmt_labels, frame, html_table, markdown_table, text_table
from safecore._numeric import is_missing, percent_half_up
from safecore.categories import (
    Applicability,
    Attainment,
    Change,
    CostOutcome,
    Engagement,
    GoalType,
    ProblemType,
)

__all__ = [
    "CASE_NOTE_COLUMNS",
    "FamilySummary",
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

# Enumerations tried, in this order, when a column's values are parsed.
_PARSE_ORDER: tuple[type[Enum], ...] = (
    Engagement,
    Attainment,
    Change,
    Applicability,
    GoalType,
    ProblemType,
    CostOutcome,
)

Records = Iterable[Mapping[str, Any]] | str | os.PathLike[str] | Any


def _as_count_table(counts: ArrayLike, *, name: str = "table") -> NDArray[np.int64]:
    """Validate a 2-D table of non-negative whole-number counts."""
    try:
        arr = np.asarray(counts, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        msg = f"{name} must hold numeric counts: {exc}"
        raise InvalidTableError(msg) from exc
    if arr.ndim != 2:
        msg = f"{name} must be 2-D (rows x columns): got shape {arr.shape}"
        raise InvalidTableError(msg)
    checks = (
        (np.isnan(arr), "is NaN"),
        (np.isinf(arr), "is infinite"),
        (arr < 0, "must be >= 0"),
        (arr != np.round(arr), "must be a whole number"),
    )
    for bad, what in checks:
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            msg = f"{name} cell (row {i}, column {j}) {what}: {arr[i, j]!r}"
            raise InvalidTableError(msg)
    out = arr.astype(np.int64)
    out.setflags(write=False)
    return out


def _labels(labels: Iterable[Hashable]) -> tuple[Hashable, ...]:
    return tuple(labels)


def _frozen(a: ArrayLike) -> NDArray[np.int64]:
    out = np.array(a, dtype=np.int64)
    out.setflags(write=False)
    return out


def _parse_axis(
    values: Sequence[object], order: Sequence[Hashable] | None, parse: bool
) -> tuple[list[Hashable], tuple[Hashable, ...]]:
    """Parse an axis' non-missing values; return parsed values and the label order."""
    present = [v for v in values if not is_missing(v)]
    distinct: list[Hashable] = list(dict.fromkeys(present))
    to_parse = distinct + [o for o in (order or ()) if o not in distinct]
    mapping: dict[Hashable, Hashable] = {v: v.strip() if isinstance(v, str) else v for v in to_parse}
    enum_used: type[Enum] | None = None
    if parse and to_parse:
        for enum in _PARSE_ORDER:
            try:
                trial = {v: enum.from_label(v) for v in to_parse}  # type: ignore[attr-defined]
            except UnknownLabelError:
                continue
            mapping, enum_used = trial, enum
            break
    parsed = [None if is_missing(v) else mapping[v] for v in values]
    if order is not None:
        labels = tuple(dict.fromkeys(mapping[o] for o in order))
    elif enum_used is not None:
        seen = set(mapping.values())
        labels = tuple(m for m in enum_used if m in seen)
    else:
        labels = tuple(dict.fromkeys(mapping[v] for v in distinct))
    return parsed, labels


def read_records(path: str | os.PathLike[str]) -> list[dict[str, str | None]]:
    """Read case-note records from a CSV file.

    The file has a header row; :data:`CASE_NOTE_COLUMNS` are the documented
    columns (``family``, ``engagement``, ``category``, ``status``,
    ``applicability``), one row per goal or problem. Other columns are kept.
    Empty cells become ``None`` (missing).

    Parameters
    ----------
    path : str or os.PathLike
        A UTF-8 (optionally with BOM) CSV file.

    Returns
    -------
    list of dict
        One mapping per data row.

    Raises
    ------
    RecordError
        If the file is not valid UTF-8, has no header, or a row has more or
        fewer cells than the header (the message names file and line).
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{p}: not valid UTF-8 text (byte {exc.start}); save the file as UTF-8 CSV"
        raise RecordError(msg) from exc
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        msg = f"{p}: empty file; expected a header row naming the columns"
        raise RecordError(msg)
    header = [h.strip() for h in header]
    out: list[dict[str, str | None]] = []
    for row in reader:
        if not row:
            continue
        if len(row) != len(header):
            msg = (
                f"{p}, line {reader.line_num}: {len(row)} cells, expected {len(header)} "
                f"({', '.join(header)})"
            )
            raise RecordError(msg)
        out.append({h: (c.strip() or None) for h, c in zip(header, row, strict=True)})
    return out


def _as_records(records: Records) -> tuple[list[Mapping[str, Any]], str]:
    if isinstance(records, str | os.PathLike):
        return list(read_records(records)), str(records)
    if hasattr(records, "to_dict") and hasattr(records, "columns"):  # a pandas DataFrame
        return list(records.to_dict("records")), "DataFrame"
    return list(records), "records"


def _field(rec: object, key: str, index: int, where: str) -> Any:
    if not isinstance(rec, Mapping):
        msg = f"{where}, record {index}: expected a mapping of field to value, got {rec!r}"
        raise RecordError(msg)
    try:
        return rec[key]
    except KeyError:
        msg = f"{where}, record {index}: no field {key!r} (fields: {', '.join(map(str, rec))})"
        raise RecordError(msg) from None


@attrs.frozen(slots=True, repr=False, eq=False)
class Tally:
    """A labelled two-way contingency table with its missing data.

    Build one with :func:`tally` from records or :meth:`from_counts` from an
    already aggregated table.

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
    """

    table: NDArray[np.int64] = attrs.field(converter=_as_count_table)
    row_labels: tuple[Hashable, ...] = attrs.field(converter=_labels)
    column_labels: tuple[Hashable, ...] = attrs.field(converter=_labels)
    row_missing: NDArray[np.int64] = attrs.field(converter=_frozen)
    column_missing: NDArray[np.int64] = attrs.field(converter=_frozen)
    both_missing: int = 0
    row_name: str | None = None
    column_name: str | None = None

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
        if (self.row_missing < 0).any() or (self.column_missing < 0).any() or self.both_missing < 0:
            msg = "missing counts must be >= 0"
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
        """``(rows, columns)`` of :attr:`table`."""
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

    def to_frame(self) -> Any:
        """Return the counts as a pandas DataFrame (rows and columns labelled); needs pandas."""
        records = [
            {
                "": fmt_label(r),
                **{fmt_label(c): int(v) for c, v in zip(self.column_labels, row, strict=True)},
                "missing": int(m),
            }
            for r, row, m in zip(self.row_labels, self.table, self.row_missing, strict=True)
        ]
        return frame(records, index="")

    def _rows(self) -> tuple[list[str], list[list[object]]]:
        pct = self.row_percentages(include_missing=True)
        header = [self.row_name or "", *(fmt_label(c) for c in self.column_labels), "N"]
        show_missing = bool(self.row_missing.any())
        if show_missing:
            header.insert(-1, "Missing")
        rows: list[list[object]] = []
        for i, label in enumerate(self.row_labels):
            cells: list[object] = [fmt_label(label)]
            cells += [f"{n} ({p:.0f}%)" for n, p in zip(self.table[i], pct[i], strict=True)]
            if show_missing:
                cells.append(int(self.row_missing[i]))
            cells.append(int(self.row_totals[i] + self.row_missing[i]))
            rows.append(cells)
        return header, rows

    def __str__(self) -> str:
        header, rows = self._rows()
        return text_table(header, rows)

    def _repr_html_(self) -> str:
        header, rows = self._rows()
        caption = f"Tally: {self.total} records, {self.missing} missing"
        return html_table(header, rows, caption)

    def _repr_markdown_(self) -> str:
        header, rows = self._rows()
        return markdown_table(header, rows)

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
    parse: bool = True,
) -> Tally:
    """Cross-classify records into a labelled contingency table.

    Parameters
    ----------
    records : iterable of mappings, path, or pandas.DataFrame
        One record per goal or problem. A path is read with
        :func:`read_records`; a DataFrame (pandas is optional) is read row by
        row.
    rows, columns : str
        The fields that classify the rows and the columns.
    row_order, column_order : sequence, optional
        Categories, in order, to show (categories absent from the records
        get zero counts). A record whose value is not listed raises
        :class:`RecordError`. By default: enum order when the values parse as
        one of the built-in categories, otherwise first appearance.
    parse : bool
        Parse text values with ``from_label`` when all of an axis' values
        match one built-in enumeration (tried in the order Engagement,
        Attainment, Change, Applicability, GoalType, ProblemType,
        CostOutcome). ``False`` keeps values as given.

    Returns
    -------
    Tally

    Raises
    ------
    RecordError
        If a record is not a mapping, lacks a field, or has a value outside
        *row_order*/*column_order* (the message names the record).

    Notes
    -----
    Empty strings, ``None`` and NaN are missing. Every missing value is
    counted in :attr:`Tally.row_missing`, :attr:`Tally.column_missing` or
    :attr:`Tally.both_missing`, so ``tally(...).total`` always equals the
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
    recs, where = _as_records(records)
    row_values = [_field(r, rows, i, where) for i, r in enumerate(recs)]
    col_values = [_field(r, columns, i, where) for i, r in enumerate(recs)]
    row_parsed, row_labels = _parse_axis(row_values, row_order, parse)
    col_parsed, col_labels = _parse_axis(col_values, column_order, parse)
    r_index = {lab: k for k, lab in enumerate(row_labels)}
    c_index = {lab: k for k, lab in enumerate(col_labels)}
    nr, nc = len(row_labels), len(col_labels)

    def codes(parsed: list[Hashable], index: dict[Hashable, int], field: str) -> NDArray[np.int64]:
        out = np.empty(len(parsed), dtype=np.int64)
        for k, v in enumerate(parsed):
            if v is None:
                out[k] = -1
            elif v in index:
                out[k] = index[v]
            else:
                msg = (
                    f"{where}, record {k}: {field} value {v!r} is not among the given "
                    f"categories ({', '.join(fmt_label(x) for x in index)})"
                )
                raise RecordError(msg)
        return out

    rc = codes(row_parsed, r_index, rows)
    cc = codes(col_parsed, c_index, columns)
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
    )


@attrs.frozen(slots=True, repr=False)
class FamilySummary:
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
    """

    n_families: int
    n_records: int
    missing: int
    mean: float
    sd: float
    median: float
    min: int
    max: int

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form, for JSON."""
        return attrs.asdict(self)

    def __repr__(self) -> str:
        return (
            f"FamilySummary(families={self.n_families}, records={self.n_records}, "
            f"mean={self.mean:.2f}, sd={self.sd:.2f}, median={self.median:g}, "
            f"range={self.min}-{self.max}, missing={self.missing})"
        )

    def _repr_html_(self) -> str:
        return html_table(list(self.to_dict()), [list(self.to_dict().values())], "Per family")


def per_family(records: Records, family: str = "family") -> FamilySummary:
    """Summarise how many records (goals, problems) each family has.

    Parameters
    ----------
    records : iterable of mappings, path, or pandas.DataFrame
        As for :func:`tally`.
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
    recs, where = _as_records(records)
    ids = [_field(r, family, i, where) for i, r in enumerate(recs)]
    present = [i for i in ids if not is_missing(i)]
    if not present:
        msg = f"{where}: no record has a {family!r} value"
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
