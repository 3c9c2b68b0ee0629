"""Spreadsheet (.xlsx) reading and writing for the cost model, through optional openpyxl.

openpyxl is imported only when a workbook is read or written; without it the
functions raise ``ImportError`` naming the ``excel`` extra.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from safecore._read import read_bytes
from safecore._results import ResultTable

__all__ = ["header_key", "read_sheet", "write_tables"]

#: Rows searched for the header row (unit-cost workbooks put titles and notes above it).
HEADER_SEARCH_ROWS = 50
#: Longest sheet name Excel accepts.
_SHEET_NAME_MAX = 31


def _openpyxl() -> Any:
    """Import openpyxl, an optional dependency, or say how to install it."""
    try:
        import openpyxl  # noqa: PLC0415 - optional dependency, imported lazily
    except ImportError as exc:
        msg = "reading or writing .xlsx needs openpyxl: pip install 'safecore[excel]'"
        raise ImportError(msg) from exc
    return openpyxl


def header_key(cell: object) -> str:
    """Return a header cell as a field name: stripped, lower case, spaces and dashes as ``_``."""
    if cell is None:
        return ""
    return "_".join(str(cell).strip().casefold().replace("-", " ").split())


def read_sheet(
    path: str | os.PathLike[str],
    *,
    sheet: str | None,
    required: Sequence[str],
    error: type[Exception],
) -> tuple[str, tuple[str, ...], list[tuple[str, dict[str, Any]]]]:
    """Read one sheet whose header row holds every *required* column name.

    Returns the sheet's name, the header's field names and, per non-empty row
    below the header, ``(place, {field: cell})`` with empty cells left out.
    The header is the first of the top `HEADER_SEARCH_ROWS` rows whose
    cells, read by `header_key`, include all of *required*.
    """
    p = Path(path)
    data = read_bytes(p)  # a missing file, a directory or an oversized file is reported as such
    openpyxl = _openpyxl()
    try:  # from the bytes read, so that "-" (standard input) works too
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        msg = f"{p}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})"
        raise error(msg) from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            msg = f"{p}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})"
            raise error(msg)
        rows = list(ws.iter_rows(values_only=True))
    finally:
        book.close()
    where = f"{p}, sheet {ws.title!r}"
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):  # noqa: B007 - i is used after the loop
        keys = tuple(header_key(c) for c in row)
        if all(r in keys for r in required):
            break
    else:
        msg = (
            f"{where}: no header row with the columns {', '.join(required)} in its first "
            f"{HEADER_SEARCH_ROWS} rows"
        )
        raise error(msg)
    named = [k for k in keys if k]
    for k in named:
        if named.count(k) > 1:
            msg = f"{where}, row {i + 1}: column {k!r} appears twice in the header"
            raise error(msg)
    out: list[tuple[str, dict[str, Any]]] = []
    for j, row in enumerate(rows[i + 1 :], start=i + 2):
        cells = {
            k: (c.strip() if isinstance(c, str) else c)
            for k, c in zip(keys, row, strict=False)
            if k and c is not None and not (isinstance(c, str) and not c.strip())
        }
        if cells:
            out.append((f"{where}, row {j}", cells))
    return ws.title, tuple(named), out


def _sheet_title(name: str, taken: set[str]) -> str:
    """Return an Excel-safe, unique sheet title (31 characters, no ``[]:*?/\\``)."""
    clean = "".join("_" if c in "[]:*?/\\" else c for c in name)[:_SHEET_NAME_MAX] or "Sheet"
    title, k = clean, 2
    while title.casefold() in taken:
        suffix = f" ({k})"
        title, k = clean[: _SHEET_NAME_MAX - len(suffix)] + suffix, k + 1
    taken.add(title.casefold())
    return title


def _cell(value: object) -> object:
    """Return a value openpyxl writes: numbers and text as they are, anything else as text."""
    if value is None or isinstance(value, bool | int | float | str):
        if isinstance(value, float) and math.isnan(value):  # NaN: an empty cell
            return None
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
            return "'" + value  # text, never a formula
        return value
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


def write_tables(path: str | os.PathLike[str], tables: Mapping[str, ResultTable]) -> Path:
    """Write each table to its own sheet (a caption row, a header row, then the raw values)."""
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, table in tables.items():
        ws = book.create_sheet(_sheet_title(name, taken))
        if table.caption:
            ws.append([table.caption])
        ws.append(list(table.columns))
        for row in table.rows:
            ws.append([_cell(v) for v in row])
    out = Path(path)
    book.save(out)
    return out
