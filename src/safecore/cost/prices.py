"""Price indices: HM Treasury's GDP deflators, read from the CSV as published.

HM Treasury publishes "GDP deflators at market prices, and money GDP" after
each Quarterly National Accounts release and each OBR forecast, on GOV.UK, as
a spreadsheet and a CSV. The CSV has a title row, notes on the outturn and
forecast vintages, two header rows ("Financial year" and "Calendar year"
blocks, each with an index column such as ``2016-17 = 100``, a ``per cent
change on previous year`` column and money GDP), then one row per year
(``1955-56`` ... beside ``1955`` ...), then numbered footnotes. Cells may
carry footnote markers such as ``(3)``.

[`load_gdp_deflators`][safecore.cost.prices.load_gdp_deflators] reads that layout into a
[`PriceIndex`][safecore.cost.prices.PriceIndex], a mapping of year to index value that
[`ProxyTable.rebased`][safecore.cost.proxies.ProxyTable.rebased] accepts. A financial year
``2019-20`` is keyed by the year it starts, 2019.

The package ships no deflator vintage here: generic code holds no data.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from safecore._errors import InputValueError, ProxyTableError
from safecore._read import read_bytes
from safecore._results import Result, ResultTable
from safecore._validate import check_instance, show_value

__all__ = ["PriceIndex", "load_gdp_deflators"]

Basis = Literal["financial", "calendar"]

_MARKER = r"(?:\s*(?:\(\d+\)|\[\w+\]|\*+|[a-z]))*"
_FINANCIAL = re.compile(rf"^\s*(\d{{4}})\s*[-–/]\s*(\d{{2}}|\d{{4}}){_MARKER}\s*$")
_CALENDAR = re.compile(rf"^\s*(\d{{4}}){_MARKER}\s*$")
_BASE = re.compile(r"(\d{4}(?:\s*[-–/]\s*\d{2,4})?)\s*=\s*100")
_NUMBER = re.compile(rf"^\s*(-?[\d,]*\.?\d+){_MARKER}\s*$")


def _number(cell: str) -> float | None:
    m = _NUMBER.match(cell)
    if m is None:
        return None
    return float(m.group(1).replace(",", ""))


def _year(cell: str) -> tuple[Basis, int] | None:
    m = _FINANCIAL.match(cell)
    if m is not None:
        start, end = int(m.group(1)), m.group(2)
        if int(end) % 100 != (start + 1) % 100:
            return None
        return "financial", start
    m = _CALENDAR.match(cell)
    if m is not None and 1800 <= int(m.group(1)) <= 2200:
        return "calendar", int(m.group(1))
    return None


@attrs.frozen(slots=True, repr=False, eq=False)
class PriceIndex(Result):
    """A price index by year (e.g. the GDP deflator), with where it comes from.

    A read-only mapping of year to index value, accepted by
    [`ProxyTable.rebased`][safecore.cost.proxies.ProxyTable.rebased].

    Attributes
    ----------
    values : dict of int to float
        Index value per year (a financial year keyed by the year it starts).
    basis : {"financial", "calendar"}
    base : str or None
        The base as printed, e.g. ``"2016-17 = 100"``.
    title : str or None
        The publication's title row.
    notes : tuple of str
        The publication's note rows (vintage of outturn and forecast data).
    source : str or None
        The file read.

    Examples
    --------
    [`load_gdp_deflators`][safecore.cost.prices.load_gdp_deflators] reads one from HM Treasury's
    CSV (here a few rows in its layout, with illustrative values):

    >>> import pathlib, tempfile
    >>> from safecore.cost import Proxy, ProxyTable, load_gdp_deflators
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "deflators.csv"
    >>> _ = path.write_text(
    ...     '"GDP deflators at market prices, and money GDP"\\n'
    ...     "Financial year,2016-17 = 100\\n"
    ...     "2018-19,104.040\\n2019-20,106.121\\n2020-21,108.243\\n",
    ...     encoding="utf-8",
    ... )
    >>> index = load_gdp_deflators(path)
    >>> index
    PriceIndex(financial, 2018..2020, base='2016-17 = 100')
    >>> index.title, index[2019], 2021 in index, list(index)
    ('GDP deflators at market prices, and money GDP', 106.121, False, [2018, 2019, 2020])
    >>> round(index.rebased_to(2020)[2019], 2)
    98.04

    It rebases a proxy table to one price year:

    >>> proxies = ProxyTable([Proxy("housing", "An eviction has been avoided.", 7770,
    ...                             "Shelter (2012)", price_year=2018)])
    >>> proxies.rebased(index, 2020)["housing"]
    Proxy('housing', saving=£8,083.89, price_year=2020)
    """

    values: dict[int, float]
    basis: Basis
    base: str | None = None
    title: str | None = None
    notes: tuple[str, ...] = ()
    source: str | None = None

    def __getitem__(self, year: int) -> float:
        return self.values[year]

    def __iter__(self) -> Iterator[int]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def __contains__(self, year: object) -> bool:
        return year in self.values

    def items(self) -> Any:
        """``(year, value)`` pairs, in year order."""
        return self.values.items()

    def keys(self) -> Any:
        """Years, in order."""
        return self.values.keys()

    def rebased_to(self, year: int) -> PriceIndex:
        """Return the index with *year* = 100 (ratios, hence rebased savings, are unchanged)."""
        if year not in self.values:
            msg = f"the price index has no value for {year}"
            raise ProxyTableError(msg)
        ref = self.values[year]
        label = f"{year}-{(year + 1) % 100:02d}" if self.basis == "financial" else str(year)
        return attrs.evolve(
            self, values={y: 100 * v / ref for y, v in self.values.items()}, base=f"{label} = 100"
        )

    def _label(self, year: int) -> str:
        return f"{year}-{(year + 1) % 100:02d}" if self.basis == "financial" else str(year)

    def _table(self) -> ResultTable:
        return ResultTable(
            ("year", "label", "index"),
            [(y, self._label(y), v) for y, v in self.values.items()],
            caption=f"{self.title or 'Price index'} ({self.basis} years"
            + (f", {self.base}" if self.base else "")
            + ")",
            headers=("Year", "Label", "Index"),
            formats={"index": ".3f"},
        )

    def __repr__(self) -> str:
        first, last = (min(self.values), max(self.values)) if self.values else (None, None)
        return f"PriceIndex({self.basis}, {first}..{last}, base={self.base!r})"


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    msg = f"{path}: not UTF-8 or Windows-1252 text"  # e.g. byte 0x81, undefined in Windows-1252
    raise ProxyTableError(msg)


def load_gdp_deflators(  # noqa: PLR0912 - one branch per kind of row in the published layout
    path: str | os.PathLike[str], *, basis: Basis = "financial"
) -> PriceIndex:
    """Read HM Treasury's "GDP deflators at market prices, and money GDP" CSV, as published.

    Title and note rows, the two header rows, footnotes and footnote markers
    such as ``(3)`` are recognised and skipped; a year's index is the cell
    right of its year label (``1955-56`` in the financial-year block,
    ``1955`` in the calendar-year block). Percentage changes and money GDP
    are not read.

    Parameters
    ----------
    path : str or os.PathLike
        The CSV file (UTF-8 or Windows-1252).
    basis : {"financial", "calendar"}
        Which block to read. Financial year ``2019-20`` is keyed 2019.

    Returns
    -------
    PriceIndex
        With the base (e.g. ``"2016-17 = 100"``), title and note rows as printed.

    Raises
    ------
    ProxyTableError
        (a ``ValueError``) if the file has no year rows for *basis*, a year
        appears twice, or an index value is not a number > 0.
    InputValueError
        If *basis* is not ``"financial"`` or ``"calendar"``.

    Examples
    --------
    >>> import pathlib
    >>> fixture = pathlib.Path("tests/data/gdp_deflators_layout.csv")
    >>> index = load_gdp_deflators(fixture) if fixture.exists() else None
    >>> index is None or index.base == "2016-17 = 100"
    True
    """
    check_instance(path, (str, os.PathLike), "path", "a file path")
    if basis not in ("financial", "calendar"):
        msg = f"basis must be 'financial' or 'calendar': {show_value(basis)}"
        raise InputValueError(msg)
    p = Path(path)
    rows = list(csv.reader(io.StringIO(_decode(read_bytes(p), p))))
    values: dict[int, float] = {}
    title: str | None = None
    notes: list[str] = []
    bases: dict[Basis, str] = {}
    seen_data = False
    for line, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        filled = [c for c in cells if c and c.casefold() != "not set"]
        if not filled:
            continue
        found = False
        for j, cell in enumerate(cells):
            kind = _year(cell)
            if kind is None or j + 1 >= len(cells):
                continue
            value = _number(cells[j + 1])
            if value is None:
                continue
            found = True
            if kind[0] != basis:
                continue
            if value <= 0:
                msg = f"{p}, line {line}: the index for {cell!r} must be > 0: {cells[j + 1]!r}"
                raise ProxyTableError(msg)
            if kind[1] in values:
                msg = f"{p}, line {line}: year {cell!r} appears twice"
                raise ProxyTableError(msg)
            values[kind[1]] = value
        if found:
            seen_data = True
            continue
        for cell in cells:
            m = _BASE.search(cell)
            if m is not None:
                which: Basis = "financial" if _FINANCIAL.match(m.group(1)) else "calendar"
                bases.setdefault(which, f"{m.group(1)} = 100")
        if not seen_data and title is None and len(filled) == 1 and "deflator" in filled[0].casefold():
            title = filled[0]
        elif not seen_data and len(filled) == 1 and len(filled[0]) > 40:
            notes.append(filled[0])
    if not values:
        msg = f"{p}: no {basis}-year rows (a year label such as '2019-20' or '2019' beside an index)"
        raise ProxyTableError(msg)
    return PriceIndex(
        dict(sorted(values.items())),
        basis,
        base=bases.get(basis),
        title=title,
        notes=tuple(notes),
        source=str(p),
    )
