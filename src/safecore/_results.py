"""One result protocol: every result renders, exports and compares through one ``_table()`` hook.

A result class is a frozen, slotted attrs class (declared with ``eq=False``)
that inherits `Result` (or `TestResult` for a hypothesis test)
and implements ``_table()``, returning a `ResultTable`: snake_case
column names, rows of raw values and a caption. From that one hook come

- ``to_frame()``: a tidy pandas DataFrame with exactly those columns;
- ``__str__`` (a text table), ``_repr_markdown_`` and ``_repr_html_``;
- ``summary()``: one line (the caption unless a class says more).

``to_dict()`` is JSON-safe (arrays as lists, categories as their wording,
NaN and infinities as ``None``) and ``==`` compares field by field, arrays
included, and never raises. A `TestResult` also has ``statistic`` and
``pvalue`` and unpacks like scipy's results: ``statistic, pvalue = result``.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any, cast

import attrs
import numpy as np

from safecore._format import (
    clean_cell,
    fmt_label,
    fmt_money,
    fmt_number,
    frame,
    html_table,
    markdown_table,
    text_table,
)

__all__ = [
    "Result",
    "ResultTable",
    "TestResult",
    "column_name",
    "format_pvalue",
    "json_safe",
    "pvalue_text",
]


def column_name(label: Hashable, taken: set[str]) -> str:
    """Return a snake_case column name for a category label, unique among *taken* (updated).

    Examples
    --------
    >>> taken = {"n"}
    >>> column_name("Almost achieved", taken), column_name("N", taken)
    ('almost_achieved', 'n_2')
    >>> column_name("almost-achieved", taken)
    'almost_achieved_2'
    """
    base = re.sub(r"[^0-9a-z]+", "_", fmt_label(label).casefold()).strip("_") or "column"
    name, k = base, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name


def _tuple_of_tuples(rows: Sequence[Sequence[Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(r) for r in rows)


def _strings(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(names)


@attrs.frozen(slots=True)
class ResultTable:
    """What a result shows: tidy columns, raw values, a caption and display hints.

    Attributes
    ----------
    columns : tuple of str
        snake_case column names (the ``to_frame()`` columns).
    rows : tuple of tuple
        Raw values, one tuple per row (numbers stay numbers).
    caption : str
        A one-line description (the default ``summary()``).
    headers : tuple of str, optional
        Display headers; default: the column names with spaces.
    formats : mapping of str to str
        Per-column display format: a format spec such as ``".2f"``, or
        ``"money"``, ``"money2"`` (pence), ``"percent"`` (a share shown as %),
        ``"p"`` (a p-value), ``"figure"`` (a printed figure: whole numbers
        with thousands separators, others to 4 significant figures, or 2
        decimals from 1,000). Unlisted floats show 4 significant figures.
    cells : tuple of tuple of str, optional
        Display cells, one tuple per row, for a table whose cells show more
        than their raw value (a count with its row percentage, "12 (40%)");
        default: the raw values formatted by *formats*.
    """

    columns: tuple[str, ...] = attrs.field(converter=_strings)
    rows: tuple[tuple[Any, ...], ...] = attrs.field(converter=_tuple_of_tuples)
    caption: str = ""
    headers: tuple[str, ...] | None = None
    formats: Mapping[str, str] = attrs.field(factory=dict)
    cells: tuple[tuple[Any, ...], ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_tuple_of_tuples)
    )

    def display_headers(self) -> list[str]:
        """Headers for text, Markdown and HTML."""
        if self.headers is not None:
            return list(self.headers)
        return [c.replace("_", " ") for c in self.columns]

    def display_rows(self) -> list[list[str]]:
        """Cells formatted for display, column by column (or the given `cells`)."""
        if self.cells is not None:
            return [[_display(v, None) for v in row] for row in self.cells]
        return [
            [_display(v, self.formats.get(c)) for c, v in zip(self.columns, row, strict=True)]
            for row in self.rows
        ]


def format_pvalue(p: float) -> str:
    """Return a p-value as reports print it: ``< .001`` below 0.001, else three decimals."""
    if math.isnan(p):
        return "-"
    return "< .001" if p < 0.001 else f"{p:.3f}"


def pvalue_text(p: float, label: str = "p") -> str:
    """Return a p-value as a summary line prints it: ``p < .001`` or ``p = 0.039``.

    Examples
    --------
    >>> pvalue_text(0.0386), pvalue_text(2e-8), pvalue_text(0.25, "exact p")
    ('p = 0.039', 'p < .001', 'exact p = 0.250')
    """
    text = format_pvalue(p)
    return f"{label} {text}" if text.startswith("<") else f"{label} = {text}"


def _figure(x: float) -> str:
    """Show a printed figure: whole numbers with thousands separators, others to 4 figures."""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.2f}"


def _display(value: Any, fmt: str | None) -> str:  # noqa: PLR0911 - one case per kind of cell
    if value is None:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and math.isnan(value):
        return "-"
    if fmt is not None and isinstance(value, int | float):
        if fmt == "money":
            return fmt_money(value)
        if fmt == "money2":
            return fmt_money(value, 2)
        if fmt == "percent":
            return f"{100 * value:.0f}%"
        if fmt == "p":
            return format_pvalue(float(value))
        if fmt == "figure":
            return _figure(value)
        return format(value, fmt)
    if isinstance(value, float):
        return fmt_number(value)
    if isinstance(value, int):
        return str(value)
    return fmt_label(value) if isinstance(value, Hashable) else str(value)


def json_safe(value: Any) -> Any:  # noqa: PLR0911 - one case per kind of value
    """Convert a value to plain JSON types: lists, dicts, str, int, float, bool, None."""
    if isinstance(value, Result):
        return value.to_dict()
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, enum.Enum):
        return fmt_label(value)
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    if isinstance(value, np.generic):
        return json_safe(value.item())
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int):
        return value
    if isinstance(value, Mapping):
        return {str(fmt_label(k)): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: json_safe(getattr(value, f.name)) for f in attrs.fields(type(value))}
    return str(value)


def _equal(a: Any, b: Any) -> bool:  # noqa: PLR0911 - one case per kind of field
    """Field equality that never raises: arrays by value (NaN equal to NaN), the rest by ==."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        try:
            x, y = np.asarray(a), np.asarray(b)
            if x.shape != y.shape:
                return False
            if x.dtype.kind in "fc" or y.dtype.kind in "fc":
                return bool(np.array_equal(x, y, equal_nan=True))
            return bool(np.array_equal(x, y))
        except (TypeError, ValueError):
            return False
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _fields(result: object) -> tuple[Any, ...]:
    fields: tuple[Any, ...] = attrs.fields(cast("Any", type(result)))
    return fields


class Result:
    """Mixin of every result class: rendering, export and equality from one ``_table()`` hook."""

    __slots__ = ()

    def _table(self) -> ResultTable:
        raise NotImplementedError  # pragma: no cover - every result class implements it

    def summary(self) -> str:
        """Return one line describing the result."""
        return self._table().caption

    def to_dict(self) -> dict[str, Any]:
        """Return every field as plain JSON types (NaN and infinities as ``None``)."""
        return {f.name: json_safe(getattr(self, f.name)) for f in _fields(self)}

    def to_frame(self) -> Any:
        """Return the result as a tidy pandas DataFrame (the ``_table()`` columns); needs pandas."""
        table = self._table()
        records = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
        return frame(records, columns=table.columns)

    def __str__(self) -> str:
        table = self._table()
        body = text_table(table.display_headers(), table.display_rows())
        line = table.caption or self.summary()  # a table without caption leads with its summary
        return f"{clean_cell(line)}\n{body}" if line else body

    def _repr_markdown_(self) -> str:
        table = self._table()
        body = markdown_table(table.display_headers(), table.display_rows())
        return f"{clean_cell(table.caption)}\n\n{body}" if table.caption else body

    def _repr_html_(self) -> str:
        table = self._table()
        return html_table(table.display_headers(), table.display_rows(), table.caption or None)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(_equal(getattr(self, f.name), getattr(other, f.name)) for f in _fields(self))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    # Results hold arrays: they are compared field by field, never hashed.
    __hash__ = None  # type: ignore[assignment]


class TestResult(Result):
    """Mixin of hypothesis-test results: ``statistic``, ``pvalue`` and scipy-style unpacking."""

    __slots__ = ()
    __test__ = False  # not a pytest test class

    statistic: float
    pvalue: float

    def __iter__(self) -> Iterator[float]:
        """Unpack as ``statistic, pvalue = result``, like scipy's results."""
        yield self.statistic
        yield self.pvalue

    def __len__(self) -> int:
        return 2

    def __getitem__(self, index: int) -> float:
        return (self.statistic, self.pvalue)[index]
