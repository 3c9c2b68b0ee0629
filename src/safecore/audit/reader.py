"""Read audit declarations from a TOML file, naming the file and key path of any error.

The file's sections are ``[report]`` (title, rounding), ``[[tables]]``
(``kind = "counts"`` or ``"money"``), ``[[summaries]]``, ``[[figures]]``
and ``[[relations]]``; each entry's keys are the fields of the matching
class in [`safecore.audit.declarations`][safecore.audit.declarations]. The format reference is the
documentation page "Audit declarations: the format".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from safecore._errors import FileFormatError, InputTypeError, InputValueError, MissingKeyError
from safecore._read import read_toml, toml_array_of_tables, toml_kind, toml_table, toml_unknown_keys
from safecore._validate import show_value
from safecore.audit.declarations import (
    Comparison,
    CountTable,
    Declarations,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
    printed,
)
from safecore.audit.findings import AuditReport

__all__ = ["RELATION_KINDS", "audit_file", "read_declarations"]

#: Every relation kind a declarations file may name, and the class it builds.
RELATION_KINDS: dict[str, type] = {
    **dict.fromkeys(("equal", "sum", "difference", "ratio", "percent", "mean", "agree"), Relation),
    **dict.fromkeys(("risk-difference", "relative-risk", "odds-ratio"), Comparison),
    "test": PrintedTest,
}
_TABLE_KINDS: dict[str, type] = {"counts": CountTable, "money": ProductTable}

# The TOML type of every key (one rule per kind of value).
_TEXT = (
    "name",
    "where",
    "table",
    "row",
    "label",
    "event",
    "note",
    "published",
    "kind",
    "percent_of",
    "test",
    "interval",
    "method",
    "severity",
    "title",
    "rounding",
)
_LABELS = ("row_labels", "column_labels", "operands", "rows")
_CELL = (
    "grand_total",
    "statistic",
    "pvalue",
    "total",
    "average",
    "mean",
    "sd",
    "se",
    "ci_low",
    "ci_high",
    "estimate",
    "p",
)
_CELLS = ("row_totals", "row_total_percents", "column_totals", "units", "totals")
_GRID = ("cell_percents",)
_WHOLE = ("n", "decimals", "tails")
_NUMBER = ("confidence", "granularity", "factor", "alpha")
_NUMBERS = ("df",)
_BOOL = ("totals_are_sums",)


def _fail(where: str, keypath: str, what: str, value: object) -> FileFormatError:
    return FileFormatError(
        f"{where}: {keypath} must be {what}, found {toml_kind(value)}: {show_value(value)}"
    )


def _cell(value: object, keypath: str, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _fail(where, keypath, 'a number or a printed figure such as "£15,400"', value)
    try:
        printed(value, keypath)
    except (InputValueError, InputTypeError) as exc:
        msg = f"{where}: {exc}"
        raise FileFormatError(msg) from None


def _list(value: object, keypath: str, where: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(where, keypath, what, value)
    return value


def _check_value(  # noqa: PLR0912 - one case per kind of key
    key: str,
    value: object,
    keypath: str,
    where: str,
    *,
    grid: bool = False,
    cell_published: bool = False,
) -> None:
    if key in _TEXT and not (key == "published" and cell_published):
        if not isinstance(value, str):
            raise _fail(where, keypath, "a string", value)
    elif key in _LABELS:
        for k, x in enumerate(_list(value, keypath, where, "an array of strings"), start=1):
            if not isinstance(x, str):
                raise _fail(where, f"{keypath}[{k}]", "a string", x)
    elif key in _CELL or key == "published":
        _cell(value, keypath, where)
    elif key in _CELLS or (key == "counts" and not grid):
        for k, x in enumerate(_list(value, keypath, where, "an array of figures"), start=1):
            _cell(x, f"{keypath}[{k}]", where)
    elif key in _GRID or key == "counts":
        for k, row in enumerate(_list(value, keypath, where, "an array of rows (arrays of figures)"), 1):
            for m, x in enumerate(_list(row, f"{keypath}[{k}]", where, "an array of figures"), 1):
                _cell(x, f"{keypath}[{k}][{m}]", where)
    elif key in _WHOLE:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(where, keypath, "a whole number", value)
    elif key in _NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(where, keypath, "a number", value)
    elif key in _NUMBERS:
        for k, x in enumerate(_list(value, keypath, where, "an array of numbers"), start=1):
            if isinstance(x, bool) or not isinstance(x, int | float):
                raise _fail(where, f"{keypath}[{k}]", "a number", x)
    elif key in _BOOL and not isinstance(value, bool):
        raise _fail(where, keypath, "true or false", value)


def _build(
    cls: type,
    spec: Mapping[str, Any],
    keypath: str,
    where: str,
    *,
    skip: str = "",
    defaults: Mapping[str, Any] | None = None,
) -> Any:
    """Check one entry's keys and types, then build the declaration (naming the key path on error)."""
    spec = {**(defaults or {}), **spec}
    fields = [f for f in attrs.fields(cls) if not f.name.startswith("_")]
    allowed = [f.name for f in fields] + ([skip] if skip else [])
    toml_unknown_keys(spec, allowed, keypath, where, FileFormatError)
    for f in fields:
        if f.default is attrs.NOTHING and f.name not in spec:
            required = ", ".join(g.name for g in fields if g.default is attrs.NOTHING)
            msg = f"{where}: {keypath} has no {f.name!r} (required: {required})"
            raise FileFormatError(msg)
    grid = cls is CountTable
    for key, value in spec.items():
        if key != skip and not (defaults and key in defaults and value is defaults[key]):
            _check_value(key, value, f"{keypath}.{key}", where, grid=grid, cell_published=cls is Figure)
    kwargs = {k: v for k, v in spec.items() if k != skip}
    try:
        return cls(**kwargs)
    except (InputValueError, InputTypeError) as exc:
        msg = f"{where}: {keypath}: {exc}"
        raise FileFormatError(msg) from None


def _kind(
    spec: Mapping[str, Any], keypath: str, where: str, kinds: Mapping[str, type], what: str
) -> type:
    if "kind" not in spec:
        msg = f"{where}: {keypath} has no 'kind' (one of: {', '.join(kinds)})"
        raise FileFormatError(msg)
    kind = spec["kind"]
    if not isinstance(kind, str) or kind not in kinds:
        msg = f"{where}: {keypath}.kind: unknown {what} {kind!r} (known: {', '.join(kinds)})"
        raise FileFormatError(msg)
    return kinds[kind]


def _section(
    data: Mapping[str, Any], key: str, where: str, build: Callable[[dict[str, Any], str], Any]
) -> list[Any]:
    if key not in data:
        return []
    return [
        build(spec, f"{key}[{k}]")
        for k, spec in enumerate(toml_array_of_tables(data[key], key, where, FileFormatError), 1)
    ]


def read_declarations(path: str | os.PathLike[str]) -> Declarations:
    """Read a report's audit declarations from a TOML file.

    Raises
    ------
    FileFormatError
        For invalid TOML, an unknown section, table kind, relation kind or
        key, a missing required key, a value of the wrong type or a cell
        that is not a printed number; the message names the file and the
        key path (``relations[3].kind``).
    InputFileNotFoundError
        For a path that does not exist (and the other errors of reading a file).

    Examples
    --------
    A report's table of improvement by engagement, and the share of
    families its text says engaged, declared in TOML:

    >>> import pathlib, tempfile
    >>> from safecore.audit import read_declarations
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pilot.toml"
    >>> _ = path.write_text('''
    ... [report]
    ... title = "Pilot evaluation"
    ... rounding = "half-up"
    ...
    ... [[tables]]
    ... kind = "counts"
    ... name = "Table 5"
    ... row_labels = ["Engaged", "Disengaged"]
    ... column_labels = ["Improved", "Not improved"]
    ... counts = [[9, 3], [5, 20]]
    ... row_totals = [12, 25]
    ...
    ... [[figures]]
    ... name = "% engaged"
    ... where = "Text (section 3)"
    ... published = "33%"
    ...
    ... [[relations]]
    ... kind = "percent"
    ... published = "% engaged"
    ... operands = ["Table 5.n.Engaged", "Table 5.total"]
    ... ''', encoding="utf-8")
    >>> declared = read_declarations(path)
    >>> declared.title, declared.rounding, [t.name for t in declared.tables]
    ('Pilot evaluation', 'half-up', ['Table 5'])
    >>> for f in declared.audit().findings:
    ...     print(f.rule, f.published, f.recomputed)
    percent 33 32

    A mistake names the file and the key path:

    >>> _ = path.write_text('[[relations]]\\nkind = "percentage"\\n', encoding="utf-8")
    >>> read_declarations(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    safecore._errors.FileFormatError: ...pilot.toml: relations[1].kind: unknown relation 'percentage' ...
    """
    where = os.fspath(path)
    data = read_toml(path, error=FileFormatError)
    toml_unknown_keys(
        data, ("report", "tables", "summaries", "figures", "relations"), "", where, FileFormatError
    )
    report = toml_table(data.get("report", {}), "report", where, FileFormatError)
    toml_unknown_keys(report, ("title", "rounding"), "report", where, FileFormatError)
    for key in ("title", "rounding"):
        if key in report:
            _check_value(key, report[key], f"report.{key}", where)

    def table(spec: dict[str, Any], keypath: str) -> Any:
        cls = _kind(spec, keypath, where, _TABLE_KINDS, "table kind")
        return _build(cls, spec, keypath, where, skip="kind")

    def relation(spec: dict[str, Any], keypath: str) -> Any:
        cls = _kind(spec, keypath, where, RELATION_KINDS, "relation")
        return _build(cls, spec, keypath, where, skip="" if cls is not PrintedTest else "kind")

    try:
        return Declarations(
            tables=_section(data, "tables", where, table),
            summaries=_section(
                data,
                "summaries",
                where,
                lambda s, k: _build(SummaryRow, s, k, where, defaults={"n": None}),
            ),
            figures=_section(data, "figures", where, lambda s, k: _build(Figure, s, k, where)),
            relations=_section(data, "relations", where, relation),
            rounding=report.get("rounding", "half-up"),
            title=report.get("title", ""),
        )
    except InputValueError as exc:  # the rounding rule
        msg = f"{where}: report.{exc}"
        raise FileFormatError(msg) from None


def audit_file(path: str | os.PathLike[str]) -> AuditReport:
    """Audit the report declared in a TOML file: ``read_declarations(path).audit()``.

    Raises
    ------
    FileFormatError
        As [`read_declarations`][safecore.audit.reader.read_declarations], and for a relation naming
        an unknown figure, quantity, table, row or column (the message names the file and the
        relation: ``relations[3]``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from safecore.audit import audit_file
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.toml"
    >>> _ = path.write_text('''
    ... [[figures]]
    ... name = "families"
    ... where = "Text"
    ... published = 43
    ... [[figures]]
    ... name = "engaged"
    ... where = "Text"
    ... published = 17
    ... [[figures]]
    ... name = "% engaged"
    ... where = "Text"
    ... published = "40%"
    ... [[relations]]
    ... kind = "percent"
    ... published = "% engaged"
    ... operands = ["engaged", "families"]
    ... ''', encoding="utf-8")
    >>> report = audit_file(path)
    >>> print(report.summary())
    0 findings in 1 check: 0 errors, 0 warnings, 0 notes
    """
    declarations = read_declarations(path)
    try:
        report: AuditReport = declarations.audit()
    except MissingKeyError as exc:
        msg = f"{os.fspath(path)}: {exc}"
        raise FileFormatError(msg) from None
    return report
