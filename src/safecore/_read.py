"""The input boundary: every user file, DataFrame or list of records is read here, once.

- `read_bytes` opens a path with clear errors for a missing file, a
  directory, a permission problem or a file above `MAX_FILE_BYTES`.
- `read_csv` reads a CSV file with the `csv` module on the file
  itself (quoted multi-line cells kept, BOM and CRLF accepted), checks the
  header and the row lengths and returns a `RecordSet` whose records
  remember their 1-based line.
- `as_records` turns any accepted input (path, pandas DataFrame, list
  of mappings, `RecordSet`) into one validated `RecordSet`,
  which the tallies, the tests and the report all consume.
- `read_toml` parses TOML with a nesting limit; `toml_table`,
  `toml_array` and friends check its structure, naming the key path.
- `parse_number` reads a number written in a data file, refusing an
  ambiguous decimal comma unless ``decimal=","`` is declared.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from safecore._errors import (
    FileFormatError,
    InputFileNotFoundError,
    InputIsADirectoryError,
    InputPermissionError,
    InputTypeError,
    InputValueError,
    LimitExceededError,
    MissingColumnError,
    RecordError,
)
from safecore._validate import a_type_name, show_value, type_name

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_TOML_DEPTH",
    "RecordSet",
    "as_records",
    "missing_markers",
    "parse_number",
    "read_bytes",
    "read_csv",
    "read_text",
    "read_toml",
    "require_columns",
]

#: Largest input file accepted (bytes).
MAX_FILE_BYTES: int = 256 * 2**20
#: Largest number of data rows accepted in one file or DataFrame.
MAX_ROWS: int = 2_000_000
#: Deepest nesting of tables and arrays accepted in a TOML file.
MAX_TOML_DEPTH: int = 16

PathLike = str | os.PathLike[str]


_STDIN: list[bytes] = []


def _stdin_bytes(limit: int) -> bytes:
    """Return standard input, read once (so ``-`` can be read again, e.g. to hash it)."""
    if not _STDIN:
        import sys  # noqa: PLC0415

        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            msg = f"standard input: more than {limit:,} bytes, above the limit for an input file"
            raise LimitExceededError(msg)
        _STDIN.append(data)
    return _STDIN[0]


def read_bytes(path: PathLike, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a whole input file, refusing what is not a readable file of sensible size.

    The path ``-`` reads standard input (once; later reads give the same bytes).

    Raises
    ------
    InputFileNotFoundError, InputIsADirectoryError, InputPermissionError
        For a path that does not exist, is a directory, or cannot be read.
    LimitExceededError
        For a file larger than *limit* bytes (also an endless device such as ``/dev/zero``).
    """
    if os.fspath(path) == "-":
        return _stdin_bytes(limit)
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        msg = f"{p}: no such file"
        raise InputFileNotFoundError(msg) from None
    except PermissionError:
        msg = f"{p}: permission denied"
        raise InputPermissionError(msg) from None
    except OSError as exc:
        msg = f"{p}: cannot be read: {exc.strerror or exc}"
        raise InputFileNotFoundError(msg) from None
    if stat.S_ISDIR(info.st_mode):
        msg = f"{p}: is a directory; expected a file"
        raise InputIsADirectoryError(msg)
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        msg = f"{p}: {info.st_size:,} bytes, above the {limit:,}-byte limit for an input file"
        raise LimitExceededError(msg)
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        msg = f"{p}: permission denied"
        raise InputPermissionError(msg) from None
    except OSError as exc:
        msg = f"{p}: cannot be read: {exc.strerror or exc}"
        raise InputFileNotFoundError(msg) from None
    if len(data) > limit:
        msg = f"{p}: more than {limit:,} bytes, above the limit for an input file"
        raise LimitExceededError(msg)
    return data


def read_text(path: PathLike, *, error: type[Exception] = FileFormatError) -> str:
    """Read a UTF-8 text file (a byte-order mark is dropped); name the line of any bad or NUL byte."""
    data = read_bytes(path)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        msg = f"{path}, line {line}: contains a NUL byte (offset {nul}); expected a UTF-8 text file"
        raise error(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        msg = (
            f"{path}, line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save the file as UTF-8"
        )
        raise error(msg) from None


# -- records ----------------------------------------------------------------------------------


@attrs.frozen(slots=True, repr=False, eq=False)
class RecordSet(Sequence[Mapping[str, Any]]):
    """Validated records read once from a file, a DataFrame or a list of mappings.

    A sequence of mappings (column name to value; ``None`` for a missing
    value) that knows where each record came from.

    Attributes
    ----------
    source : str
        The file name, ``"DataFrame"`` or ``"records"``.
    columns : tuple of str
        Column names, in order, without duplicates.
    rows : tuple of dict
        The records.
    places : tuple of str
        Where each record is: ``"line 5"`` (1-based line of a file),
        ``"row 'a'"`` (a DataFrame's index label) or ``"record 3"`` (1-based).

    Examples
    --------
    Returned by [`read_records`][safecore.tallies.read_records]: a case-note file is read
    once, then tallied as often as needed. An empty cell is ``None``:

    >>> import pathlib, tempfile
    >>> from safecore.tallies import read_records, tally
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "goals.csv"
    >>> _ = path.write_text("family,engagement,status\\n"
    ...                     "F01,Engaged,Achieved\\n"
    ...                     "F01,Engaged,\\n"
    ...                     "F02,Disengaged,Not achieved\\n", encoding="utf-8")
    >>> records = read_records(path)
    >>> len(records), records.columns
    (3, ('family', 'engagement', 'status'))
    >>> records[1], records.places[1]
    ({'family': 'F01', 'engagement': 'Engaged', 'status': None}, 'line 3')
    >>> records.column("status")
    ['Achieved', None, 'Not achieved']
    >>> records.where(1, "status")  # how messages name a cell  # doctest: +ELLIPSIS
    "...goals.csv, line 3, column 'status'"
    >>> tally(records).missing
    1
    """

    source: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    places: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def where(self, index: int, column: str | None = None) -> str:
        """Return ``"<source>, <place>[, column <name>]"`` for messages."""
        col = f", column {column!r}" if column is not None else ""
        return f"{self.source}, {self.places[index]}{col}"

    def has(self, column: str) -> bool:
        """Whether the records have *column*."""
        return column in self.columns

    def require(self, *columns: str) -> None:
        """Raise `MissingColumnError` naming every absent column and the columns found."""
        require_columns(self.columns, columns, self.source)

    def column(self, name: str) -> list[Any]:
        """Values of one column, in record order (raises if the column is absent)."""
        self.require(name)
        return [r[name] for r in self.rows]

    def subset(self, indices: Iterable[int]) -> RecordSet:
        """Return the records at *indices*, keeping their places."""
        idx = list(indices)
        return RecordSet(
            self.source,
            self.columns,
            tuple(self.rows[i] for i in idx),
            tuple(self.places[i] for i in idx),
        )

    def __repr__(self) -> str:
        return f"RecordSet({self.source!r}, {len(self)} records, columns={list(self.columns)})"


def require_columns(found: Sequence[str], required: Sequence[str], source: str) -> None:
    """Raise `MissingColumnError` naming every absent column and the columns found."""
    absent = [c for c in required if c not in found]
    if not absent:
        return
    shown = ", ".join(repr(c) for c in found) or "none"
    what = f"column {absent[0]!r}" if len(absent) == 1 else "columns " + ", ".join(map(repr, absent))
    wanted = {a.casefold() for a in absent}
    close = [f for f in found if f.strip().casefold() in wanted and f not in absent]
    hint = f"; did you mean {close[0]!r}? (names are matched exactly)" if close else ""
    msg = f"{source}: no {what} (columns found: {shown}){hint}"
    raise MissingColumnError(msg)


def _check_header(names: Sequence[str], where: str, error: type[Exception]) -> None:
    seen: dict[str, int] = {}
    for k, name in enumerate(names, start=1):
        if name == "":
            msg = f"{where}, column {k}: empty column name in the header"
            raise error(msg)
        if name in seen:
            msg = (
                f"{where}: duplicate column {name!r} (columns {seen[name]} and {k}); "
                f"each column name must appear once"
            )
            raise error(msg)
        seen[name] = k


def missing_markers(missing: object, name: str = "missing") -> frozenset[str]:
    """Return the stripped missing-value markers, refusing a single string (read as its letters)."""
    if isinstance(missing, str) or not isinstance(missing, Iterable):
        msg = (
            f"{name} must be a collection of marker texts such as ('', 'NA'), "
            f"not {show_value(missing)}"
        )
        raise InputTypeError(msg)
    out = set()
    for m in missing:
        if not isinstance(m, str):
            msg = f"{name} markers must be text, not {type_name(m)}: {show_value(m)}"
            raise InputTypeError(msg)
        out.add(m.strip())
    return frozenset(out)


_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def read_csv(
    path: PathLike,
    *,
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
    error: type[Exception] = RecordError,
) -> RecordSet:
    """Read a CSV file with a header row into a `RecordSet`.

    Parameters
    ----------
    path : str or os.PathLike
        A UTF-8 file (a byte-order mark is accepted), CRLF or LF line ends.
    delimiter : str
        One character separating cells (default comma).
    missing : iterable of str
        Cell texts (after stripping white space) that mean "missing". By
        default only an empty cell. Pass e.g. ``("", "NA", "n/a")`` to
        declare your export's markers; text such as ``"nan"`` is otherwise
        kept as text.
    error : exception class
        The error raised for a malformed file (a `FileFormatError` subclass).

    Raises
    ------
    FileFormatError
        (or *error*) for an empty file, a header with duplicate or empty
        names, a header that parses to one column but contains another
        likely delimiter, or a row with more or fewer cells than the header;
        the message names the file and 1-based line.
    InputTypeError
        If *missing* is a single string (it would be read as its characters).
    """
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in "\"\r\n":
        msg = f"delimiter must be one character other than a quote or line end: {delimiter!r}"
        raise InputValueError(msg)
    markers = missing_markers(missing)
    text = read_text(path, error=error)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    where = str(path)
    try:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):
            header = next(reader, None)  # blank lines before the header
        if header is None:
            msg = f"{where}: empty file; expected a header row naming the columns"
            raise error(msg)
        names = [h.strip() for h in header]
        if len(names) == 1:
            for other in (";", "\t", ",", "|"):
                if other != delimiter and other in names[0]:
                    msg = (
                        f"{where}, line {reader.line_num}: the header has one column "
                        f"{names[0][:60]!r} but contains {_DELIMITER_NAMES[other]}s: is the file "
                        f"{_DELIMITER_NAMES[other]}-separated? pass delimiter={other!r}"
                    )
                    raise error(msg)
        _check_header(names, f"{where}, line {reader.line_num}", error)
        rows: list[dict[str, Any]] = []
        places: list[str] = []
        previous_end = reader.line_num
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line, or a row of empty cells, carries no record
            if len(cells) != len(names):
                msg = (
                    f"{where}, line {start}: {len(cells)} cells, expected {len(names)} "
                    f"(header: {', '.join(names)})"
                )
                raise error(msg)
            if len(rows) >= MAX_ROWS:
                msg = f"{where}: more than {MAX_ROWS:,} rows, above the limit for one file"
                raise LimitExceededError(msg)
            stripped = (c.strip() for c in cells)
            rows.append({n: (None if c in markers else c) for n, c in zip(names, stripped, strict=True)})
            places.append(f"line {start}")
    except csv.Error as exc:
        msg = f"{where}, line {reader.line_num}: not a readable CSV file: {exc}"
        raise error(msg) from None
    if not rows:
        msg = f"{where}: no data rows after the header ({', '.join(names)})"
        raise error(msg)
    return RecordSet(where, tuple(names), tuple(rows), tuple(places))


def _is_frame(obj: object) -> bool:
    return hasattr(obj, "columns") and hasattr(obj, "to_dict") and hasattr(obj, "index")


def _from_frame(df: Any, error: type[Exception]) -> RecordSet:
    from safecore._numeric import is_missing  # noqa: PLC0415

    names = [str(c) for c in df.columns]
    _check_header(names, "DataFrame", error)
    if len(df) > MAX_ROWS:
        msg = f"DataFrame: {len(df):,} rows, above the {MAX_ROWS:,}-row limit"
        raise LimitExceededError(msg)
    rows = []
    for values in df.itertuples(index=False, name=None):
        row = {}
        for n, v in zip(names, values, strict=True):
            if isinstance(v, str):
                v = v.strip()  # noqa: PLW2901 - cleaned copy of the cell
            row[n] = None if is_missing(v) else v
        rows.append(row)
    places = tuple(f"row {label!r}" for label in df.index)
    return RecordSet("DataFrame", tuple(names), tuple(rows), places)


def _from_mappings(records: Iterable[object], error: type[Exception]) -> RecordSet:
    from safecore._numeric import is_missing  # noqa: PLC0415

    rows: list[dict[str, Any]] = []
    columns: dict[str, None] = {}
    for k, rec in enumerate(records, start=1):
        if not isinstance(rec, Mapping):
            msg = f"records, record {k}: expected a mapping of field to value, got {show_value(rec)}"
            raise InputTypeError(msg)
        row: dict[str, Any] = {}
        for key, v in rec.items():
            if not isinstance(key, str):
                msg = f"records, record {k}: field names must be text: {show_value(key)}"
                raise InputTypeError(msg)
            value = v.strip() if isinstance(v, str) else v
            row[key.strip()] = None if is_missing(value) else value
            columns.setdefault(key.strip(), None)
        if len(rows) >= MAX_ROWS:
            msg = f"records: more than {MAX_ROWS:,} records, above the limit"
            raise LimitExceededError(msg)
        rows.append(row)
    if not rows:
        msg = "records: no records given"
        raise error(msg)
    names = tuple(columns)
    # records lacking a field: that field is absent, which differs from missing
    places = tuple(f"record {k}" for k in range(1, len(rows) + 1))
    for k, row in enumerate(rows):
        for name in names:
            if name not in row:
                msg = (
                    f"records, {places[k]}: no field {name!r} (fields: {', '.join(row) or 'none'}); "
                    f"every record needs the same fields (None for a missing value)"
                )
                raise error(msg)
    return RecordSet("records", names, tuple(rows), places)


def as_records(
    records: object,
    *,
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
    error: type[Exception] = RecordError,
) -> RecordSet:
    """Read any accepted input once into a `RecordSet`.

    Accepted: a path to a CSV file (read with `read_csv`), a pandas
    DataFrame (columns matched by name), an iterable of mappings (every
    record with the same fields), or a `RecordSet` (returned as is).
    """
    if isinstance(records, RecordSet):
        return records
    if isinstance(records, str | os.PathLike):
        return read_csv(records, delimiter=delimiter, missing=missing, error=error)
    if _is_frame(records):
        return _from_frame(records, error)
    if isinstance(records, Mapping) or not isinstance(records, Iterable):
        msg = (
            "records must be a CSV path, a pandas DataFrame or an iterable of mappings, "
            f"not {type_name(records)}"
        )
        raise InputTypeError(msg)
    return _from_mappings(records, error)


# -- numbers in files -------------------------------------------------------------------------

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED_DOT = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")  # 1,234,567.89
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d*)?")  # 1.234.567,89
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def parse_number(
    text: str,
    name: str,
    *,
    where: str,
    decimal: str = ".",
    currency: str = "£",
    error: type[Exception] = FileFormatError,
) -> float:
    """Read a number written in a data file.

    ``"1234.5"``, ``"1,234.5"`` and ``"£1,234"`` are read with the default
    ``decimal="."``. A comma that cannot be a thousands separator
    (``"9690,5"``), or a dot used for thousands (``"8.450,50"``), is refused
    as ambiguous unless ``decimal=","`` is passed, when ``"8.450,50"`` is
    8450.5 and ``"9690,5"`` is 9690.5. ``"nan"``, ``"inf"`` and other words
    are not numbers.
    """
    if decimal not in (".", ","):
        msg = f"decimal must be '.' or ',': {decimal!r}"
        raise InputValueError(msg)
    raw = text
    t = text.strip().replace("\u2212", "-")
    if currency and t.lstrip("+-").startswith(currency):
        sign = "-" if t.startswith("-") else ""
        t = sign + t.lstrip("+-")[len(currency) :].strip()
    if decimal == ".":
        if _PLAIN.fullmatch(t):
            return float(t)
        if _GROUPED_DOT.fullmatch(t):
            return float(t.replace(",", ""))
        if _GROUPED_COMMA.fullmatch(t) or _DECIMAL_COMMA.fullmatch(t):
            msg = (
                f"{where}: {name} {raw!r} uses a decimal comma or dots for thousands; "
                f"pass decimal=',' if the file writes numbers that way, or write {name} as e.g. 1234.5"
            )
            raise error(msg)
    else:
        u = t.replace(".", "") if _GROUPED_COMMA.fullmatch(t) else t
        if "." not in u and re.fullmatch(r"[+-]?(\d+(,\d*)?|,\d+)", u):
            return float(u.replace(",", "."))
        if _PLAIN.fullmatch(t) and "." not in t:
            return float(t)
    msg = f"{where}: {name} must be a number: {raw!r}"
    raise error(msg)


# -- TOML -------------------------------------------------------------------------------------


def _depth(value: object, limit: int, level: int = 0) -> int:
    if level > limit:
        return level
    if isinstance(value, dict):
        return max([level, *(_depth(v, limit, level + 1) for v in value.values())])
    if isinstance(value, list):
        return max([level, *(_depth(v, limit, level + 1) for v in value)])
    return level


def read_toml(path: PathLike, *, error: type[Exception] = FileFormatError) -> dict[str, Any]:
    """Parse a UTF-8 TOML file, refusing syntax errors and nesting deeper than `MAX_TOML_DEPTH`.

    Raises
    ------
    FileFormatError
        (or *error*) for text that is not UTF-8 or not valid TOML (including
        an integer too long for Python to convert).
    LimitExceededError
        For nesting deeper than `MAX_TOML_DEPTH` (also when the parser
        itself would run out of recursion depth).
    """
    text = read_text(path, error=error)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = f"{path}: not valid TOML: {exc}"
        raise error(msg) from None
    except RecursionError:
        msg = f"{path}: nested more deeply than the {MAX_TOML_DEPTH}-level limit for TOML input"
        raise LimitExceededError(msg) from None
    except ValueError as exc:  # an integer of more than 4300 digits (int() refuses it)
        msg = f"{path}: not valid TOML: {exc}"
        raise error(msg) from None
    if _depth(data, MAX_TOML_DEPTH) > MAX_TOML_DEPTH:
        msg = f"{path}: nested more deeply than the {MAX_TOML_DEPTH}-level limit for TOML input"
        raise LimitExceededError(msg)
    return data


def toml_kind(value: object) -> str:
    """Return the TOML name of a parsed value's type, for messages."""
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
    }
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    return a_type_name(value)


def toml_table(value: object, keypath: str, where: str, error: type[Exception]) -> dict[str, Any]:
    """Return *value* if it is a TOML table, else raise naming the key path."""
    if not isinstance(value, dict):
        msg = f"{where}: {keypath} must be a table, found {toml_kind(value)}: {show_value(value)}"
        raise error(msg)
    return value


def toml_array_of_tables(
    value: object, keypath: str, where: str, error: type[Exception]
) -> list[dict[str, Any]]:
    """Return *value* if it is an array of tables (``[[keypath]]``), else raise."""
    if not isinstance(value, list):
        msg = (
            f"{where}: {keypath} must be an array of tables ([[{keypath}]]), found "
            f"{toml_kind(value)}: {show_value(value)}"
        )
        raise error(msg)
    for k, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            msg = f"{where}: {keypath}[{k}] must be a table, found {toml_kind(item)}: {show_value(item)}"
            raise error(msg)
    return value


def toml_unknown_keys(
    table: Mapping[str, Any], allowed: Iterable[str], keypath: str, where: str, error: type[Exception]
) -> None:
    """Refuse keys not in *allowed*, naming the key path and the allowed keys."""
    allowed = tuple(allowed)
    for key in table:
        if key not in allowed:
            path = f"{keypath}.{key}" if keypath else key
            msg = f"{where}: unknown key {path!r} (allowed: {', '.join(allowed)})"
            raise error(msg)
