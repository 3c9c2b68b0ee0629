"""The report as a document: titled sections of tables, charts and paragraphs, rendered four ways.

A `Table` is built from any result's own table hook
(`Table.from_result`), so a section never re-implements a result's
rendering; a `Figure` is a caption and a function drawing the chart,
rendered as inline SVG in HTML (with matplotlib, the ``plot`` extra) and as
its caption elsewhere; `Report` renders as text, Markdown, HTML or JSON.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from safecore._errors import InputValueError
from safecore._format import (
    clean_cell,
    clean_text,
    html_table,
    markdown_cell,
    markdown_table,
    text_table,
)
from safecore._read import read_bytes
from safecore._results import ResultTable, json_safe

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CHART_NOTE",
    "SCHEMA_VERSION",
    "Figure",
    "Report",
    "Section",
    "Table",
    "headlines",
    "provenance",
]


def _header(cells: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(c) for c in cells)


def _cells(rows: Iterable[Iterable[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(c) for c in r) for r in rows)


def _blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(blocks)


def _data(rows: Iterable[Iterable[object]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(json_safe(v) for v in r) for r in rows)


_COLUMN = re.compile(r"[a-z0-9_]+")


def _check_columns(table: Table, attribute: attrs.Attribute[Any], columns: tuple[str, ...]) -> None:
    bad = [c for c in columns if not _COLUMN.fullmatch(c)]
    if bad:
        msg = f"table {table.caption!r}: column names must be snake_case (a-z, 0-9, _): {bad!r}"
        raise InputValueError(msg)


def _check_data(
    table: Table, attribute: attrs.Attribute[Any], data: tuple[tuple[Any, ...], ...]
) -> None:
    where = f"table {table.caption!r}"
    if len(data) != len(table.rows):
        msg = f"{where}: data must have one row per displayed row ({len(table.rows)}): {len(data)}"
        raise InputValueError(msg)
    for k, row in enumerate(data):
        if len(row) != len(table.columns):
            msg = f"{where}: data row {k} must have one value per column ({len(table.columns)}): {row!r}"
            raise InputValueError(msg)
        for value in row:
            if isinstance(value, bool) or not isinstance(value, int | float | str | None):
                msg = f"{where}: data values must be numbers, text or None: {value!r} in row {k}"
                raise InputValueError(msg)


def _select(table: ResultTable, columns: Sequence[str]) -> ResultTable:
    """Keep some of a result table's columns, in the order given (display and values alike)."""
    if table.cells is not None:
        msg = "columns can be chosen only from a table whose cells are its formatted values"
        raise InputValueError(msg)
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        msg = f"columns must be among {', '.join(table.columns)}: {', '.join(map(repr, unknown))}"
        raise InputValueError(msg)
    index = [table.columns.index(c) for c in columns]
    headers = table.display_headers()
    return ResultTable(
        tuple(columns),
        [tuple(row[i] for i in index) for row in table.rows],
        table.caption,
        headers=tuple(headers[i] for i in index),
        formats={c: f for c, f in table.formats.items() if c in columns},
    )


@attrs.frozen(slots=True)
class Table:
    """A titled table: display cells for reading, and typed columns and values for machines.

    Build one from a result (`from_result`) or from a ``ResultTable``
    (`from_table`: what every result's ``_table()`` hook returns): its
    display cells then come from the same values as its data, through the
    one set of formatters.

    Attributes
    ----------
    caption : str
        What the table shows.
    header, rows : tuple
        Display headers and cells (text: ``"£13,755"``, ``"50%"``).
    columns : tuple of str
        snake_case names of the typed values.
    data : tuple of tuple
        The values, one tuple per displayed row: numbers as numbers (money
        in pounds, shares as fractions, counts as integers), text, or None
        for a missing value. A display cell may show more than one value
        (an interval ``[low, high]`` is two columns, ``..._low`` and
        ``..._high``), so *columns* need not match *header*.

    Raises
    ------
    InputValueError
        Unless *data* has one row per displayed row and one value per
        column, each a number, text or None, and every column name is
        snake_case.

    Examples
    --------
    >>> from safecore._results import ResultTable
    >>> proxies = ResultTable(
    ...     ("outcome", "saving"), [("Housing", 7770.0)], "Proxies", formats={"saving": "money"}
    ... )
    >>> t = Table.from_table(proxies)
    >>> t.rows, t.data
    ((('Housing', '£7,770'),), (('Housing', 7770.0),))

    One built from a result keeps its raw values too:

    >>> from safecore.tallies import Tally
    >>> change = Tally.from_counts([[9, 3], [5, 20]], ["Engaged", "Disengaged"],
    ...                            ["Improved", "Not improved"], row_name="engagement")
    >>> table = Table.from_result(change, "Change by engagement")
    >>> table.header
    ('engagement', 'Improved', 'Not improved', 'Missing', 'N')
    >>> table.rows[0], table.data[0]
    (('Engaged', '9 (75%)', '3 (25%)', '0', '12'), ('Engaged', 9, 3, 0, 12))
    """

    caption: str
    header: tuple[str, ...] = attrs.field(converter=_header)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_cells)
    columns: tuple[str, ...] = attrs.field(converter=_header, validator=_check_columns)
    data: tuple[tuple[Any, ...], ...] = attrs.field(converter=_data, validator=_check_data)

    @classmethod
    def from_table(
        cls, table: ResultTable, caption: str | None = None, *, columns: Sequence[str] | None = None
    ) -> Table:
        """Build a table from a `ResultTable`: its display headers and cells, its columns and values.

        With *columns*, only those columns are kept, in that order.
        """
        if columns is not None:
            table = _select(table, columns)
        return cls(
            table.caption if caption is None else caption,
            table.display_headers(),
            table.display_rows(),
            table.columns,
            table.rows,
        )

    @classmethod
    def from_result(
        cls, result: Any, caption: str | None = None, *, columns: Sequence[str] | None = None
    ) -> Table:
        """Build a table from a result's own ``_table()`` hook (optionally some of its columns)."""
        return cls.from_table(result._table(), caption, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: caption, display header and rows, typed columns and data."""
        return {
            "type": "table",
            "caption": self.caption,
            "header": list(self.header),
            "rows": [list(r) for r in self.rows],
            "columns": list(self.columns),
            "data": [list(r) for r in self.data],
        }


#: What an HTML report shows in place of a chart when matplotlib is not installed.
CHART_NOTE = "charts need the plot extra: pip install 'safecore[plot]'"

_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_IDS = re.compile(r'(\bid="|\bhref="#|\burl\(#)([^")]+)')


@attrs.frozen(slots=True)
class Figure:
    """A chart: its caption and the function that draws it on a matplotlib Axes.

    The chart is drawn only when HTML is rendered (`svg`), so text,
    Markdown and JSON reports never need matplotlib.

    Attributes
    ----------
    caption : str
        What the chart shows.
    draw : callable
        ``draw(ax)`` draws the chart on the Axes (e.g. a `safecore.plots` function).
    size : (float, float)
        Width and height in inches.

    Examples
    --------
    >>> fig = Figure("A line", lambda ax: ax.plot([0, 1], [0, 1]))
    >>> fig.to_dict()
    {'type': 'figure', 'caption': 'A line'}
    """

    caption: str
    draw: Callable[[Axes], object] = attrs.field(eq=False, repr=False)
    size: tuple[float, float] = (7.0, 4.0)

    def svg(self) -> str | None:
        """Return the chart as an ``<svg>`` element to inline in HTML; None without matplotlib.

        Text is kept as text (``svg.fonttype = "none"``: smaller, searchable),
        the XML prolog and metadata are left out, and every element id (and
        each reference to one) is prefixed with a digest of the caption, so
        that several charts on one page never share an id.
        """
        try:
            import matplotlib as mpl  # noqa: PLC0415 - optional dependency
            from matplotlib.figure import Figure as Canvas  # noqa: PLC0415
        except ImportError:
            return None
        with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "safecore"}):
            fig = Canvas(figsize=self.size, layout="constrained")
            self.draw(fig.add_subplot())
            out = io.StringIO()
            fig.savefig(out, format="svg", metadata={"Date": None})
        text = _METADATA.sub("", _PROLOG.sub("", out.getvalue(), count=1), count=1)
        prefix = "c" + hashlib.sha256(self.caption.encode()).hexdigest()[:8] + "-"
        text = _IDS.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", text)
        label = html.escape(self.caption, quote=True)
        return text.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1).strip()

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the caption (the chart itself is in the HTML report)."""
        return {"type": "figure", "caption": self.caption}


#: A block of a section: a table, a chart or a paragraph.
Block: TypeAlias = Table | Figure | str


@attrs.frozen(slots=True)
class Section:
    """A report section: a title and a sequence of tables, charts and paragraphs.

    Attributes
    ----------
    title : str
    blocks : tuple of Table, Figure or str
        In the order shown; a string is a paragraph.

    Examples
    --------
    >>> families = Table("Families per cohort", ["Cohort", "Families"], [["Engaged", "12"]],
    ...                  ["cohort", "families"], [["Engaged", 12]])
    >>> section = Section("Cohorts", [families, "Twelve families engaged."])
    >>> section.title, len(section.blocks)
    ('Cohorts', 2)
    >>> print(Report("Pilot evaluation", (section,)).to_text())
    Pilot evaluation
    ================
    <BLANKLINE>
    Cohorts
    -------
    Families per cohort
    Cohort   Families
    Engaged        12
    <BLANKLINE>
    Twelve families engaged.
    <BLANKLINE>
    """

    title: str
    blocks: tuple[Block, ...] = attrs.field(converter=_blocks)


#: Version of the JSON document layout (``report.schema.json`` beside this module).
#: A minor version adds to the layout (a reader of an earlier minor version keeps
#: working); a major version changes or removes something.
#:
#: - 1.1: every table has typed ``columns`` and ``data`` (never null); a cell of
#:   ``data`` is a number, text or null.
#: - 1.0: first version; ``columns`` and ``data`` only for tables built from a result.
SCHEMA_VERSION = "1.1"

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;
max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.8rem 0 1.2rem;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;font-weight:600;padding:.3rem 0}
th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
th{text-align:left;background:#f4f4f4}td.num,th.num{text-align:right;white-space:nowrap}
.summary{background:#f2f7fb;border-left:4px solid #2c6e9b;padding:.6rem 1rem}
.provenance{font-size:.85rem;color:#444}pre{white-space:pre-wrap}
figure{margin:1rem 0 1.5rem}figure svg{max-width:100%;height:auto}
figcaption{font-weight:600;padding:.3rem 0}.note{color:#555;font-style:italic}
@media print{body{margin:0;max-width:none;font-size:10.5pt}
h2{break-before:page}thead{display:table-header-group}tr,figure{break-inside:avoid}
@page{size:A4;margin:18mm}}
"""


@attrs.frozen(slots=True, repr=False)
class Report:
    """The evaluation as a document, with the audit findings as data.

    Attributes
    ----------
    title : str
    sections : tuple of Section
    findings : tuple of dict
        The audit findings (each with table, row, column, published,
        recomputed, rule, severity and message), when the report has an audit.
    summary : tuple of str
        Headline lines shown first: what was compared, the main results
        with their uncertainty, the audit's count.
    provenance : dict
        safecore version, date and time, Python/numpy/scipy versions, each
        input file with its SHA-256, and every model parameter and seed.

    Examples
    --------
    [`build_report`][safecore.report.build_report] and
    [`report_2020`][safecore.datasets.report_2020.report_2020] return one; built by hand:

    >>> from safecore.tallies import Tally
    >>> change = Tally.from_counts([[9, 3], [5, 20]], ["Engaged", "Disengaged"],
    ...                            ["Improved", "Not improved"], row_name="engagement")
    >>> outcomes = Section("Outcomes", [Table.from_result(change, "Change by engagement"),
    ...                                 "Recomputed: 75% of engaged families improved, 20% of others."])
    >>> report = Report("Pilot evaluation", (outcomes,), summary=headlines([outcomes]))
    >>> report
    Report('Pilot evaluation', sections=1, findings=0)
    >>> print(report.render("markdown"))
    # Pilot evaluation
    <BLANKLINE>
    - Outcomes: Recomputed: 75% of engaged families improved, 20% of others.
    <BLANKLINE>
    ## Outcomes
    <BLANKLINE>
    **Change by engagement**
    <BLANKLINE>
    | engagement | Improved | Not improved | Missing | N |
    |---|---:|---:|---:|---:|
    | Engaged | 9 (75%) | 3 (25%) | 0 | 12 |
    | Disengaged | 5 (20%) | 20 (80%) | 0 | 25 |
    <BLANKLINE>
    Recomputed: 75% of engaged families improved, 20% of others.
    <BLANKLINE>
    >>> report.to_dict()["sections"][0]["blocks"][0]["data"][0]
    ['Engaged', 9, 3, 0, 12]
    >>> report.to_html().startswith("<!DOCTYPE html>")
    True
    """

    title: str
    sections: tuple[Section, ...]
    findings: tuple[dict[str, Any], ...] = ()
    summary: tuple[str, ...] = ()
    provenance: dict[str, Any] = attrs.field(factory=dict)

    def _provenance_lines(self) -> list[str]:
        out = []
        for key, value in self.provenance.items():
            if isinstance(value, dict):
                shown = "; ".join(f"{k}: {v}" for k, v in value.items()) or "none"
            elif isinstance(value, list):
                shown = (
                    "; ".join(
                        f"{f.get('role')}: {f.get('path')} (SHA-256 {f.get('sha256')})" for f in value
                    )
                    or "none"
                )
            else:
                shown = str(value)
            out.append(f"{key.replace('_', ' ')}: {shown}")
        return out

    def to_text(self, width: int | None = None) -> str:
        """Render as plain text; with *width*, text columns wrap so tables fit that many characters."""
        out = [self.title, "=" * len(self.title), ""]
        if self.summary:
            out += [*(f"- {clean_text(line)}" for line in self.summary), ""]
        for s in self.sections:
            out += [s.title, "-" * len(s.title)]
            for b in s.blocks:
                if isinstance(b, Table):
                    out += [clean_cell(b.caption), text_table(b.header, b.rows, width=width)]
                elif isinstance(b, Figure):
                    out.append(f"Figure: {clean_cell(b.caption)} (chart in the HTML report)")
                else:
                    out.append(clean_text(b))
                out.append("")
        if self.provenance:
            out += ["Provenance", "----------", *(clean_text(x) for x in self._provenance_lines()), ""]
        return "\n".join(out)

    def to_markdown(self) -> str:
        """Render as GitHub-flavoured Markdown (aligned, escaped tables)."""
        out = [f"# {markdown_cell(self.title)}", ""]
        if self.summary:
            out += [*(f"- {markdown_cell(line)}" for line in self.summary), ""]
        for s in self.sections:
            out += [f"## {markdown_cell(s.title)}", ""]
            for b in s.blocks:
                if isinstance(b, Table):
                    out += [f"**{markdown_cell(b.caption)}**", "", markdown_table(b.header, b.rows)]
                elif isinstance(b, Figure):
                    out.append(f"*Figure: {markdown_cell(b.caption)} (chart in the HTML report)*")
                elif "\n" in b:
                    out.append("```\n" + clean_text(b).replace("```", "\\`\\`\\`") + "\n```")
                else:
                    out.append(markdown_cell(b))
                out.append("")
        if self.provenance:
            lines = [f"- {markdown_cell(x)}" for x in self._provenance_lines()]
            out += ["## Provenance", "", *lines, ""]
        return "\n".join(out)

    def to_html(self) -> str:
        """Render as one self-contained HTML page (inline CSS, print styles for A4; nothing fetched)."""
        title = html.escape(self.title)
        out = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title><style>{_CSS}</style></head><body>",
            f"<h1>{title}</h1>",
        ]
        if self.summary:
            items = "".join(f"<li>{html.escape(clean_text(x))}</li>" for x in self.summary)
            out.append(f'<section class="summary" aria-label="Summary"><ul>{items}</ul></section>')
        for s in self.sections:
            out.append(f"<section><h2>{html.escape(s.title)}</h2>")
            for b in s.blocks:
                if isinstance(b, Table):
                    out.append(html_table(b.header, b.rows, b.caption))
                elif isinstance(b, Figure):
                    out.append(_html_figure(b))
                else:
                    text = html.escape(clean_text(b))
                    out.append(f"<pre>{text}</pre>" if "\n" in b else f"<p>{text}</p>")
            out.append("</section>")
        if self.provenance:
            items = "".join(f"<li>{html.escape(x)}</li>" for x in self._provenance_lines())
            out.append(f'<section class="provenance"><h2>Provenance</h2><ul>{items}</ul></section>')
        out.append("</body></html>")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``report.schema.json``): sections with typed blocks, findings, provenance.

        Each table block has its display ``header`` and ``rows`` (text, as
        printed) and its typed ``columns`` and ``data``: money in pounds as
        numbers (``13755.0``), shares as fractions (``0.5``, not ``"50%"``),
        counts as integers, p-values as numbers, an interval as two columns
        (``..._low``, ``..._high``), and a missing value (printed ``-``) as
        null. ``schema_version`` is `SCHEMA_VERSION`.
        """
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "summary": list(self.summary),
            "sections": [
                {
                    "title": s.title,
                    "blocks": [
                        {"type": "text", "text": b} if isinstance(b, str) else b.to_dict()
                        for b in s.blocks
                    ],
                }
                for s in self.sections
            ],
            "findings": [json_safe(f) for f in self.findings],
            "provenance": json_safe(self.provenance),
        }

    def render(self, fmt: str, *, width: int | None = None) -> str:
        """Render as ``text`` (tables fitted to *width*), ``markdown``, ``html`` or ``json``."""
        if fmt == "json":
            return self.to_json()
        if fmt == "text":
            return self.to_text(width)
        renderers = {"markdown": self.to_markdown, "html": self.to_html}
        if fmt not in renderers:
            msg = f"format must be one of text, markdown, html, json: {fmt!r}"
            raise InputValueError(msg)
        return renderers[fmt]()

    def to_json(self) -> str:
        """Render as JSON (numbers as numbers; see ``report.schema.json``)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return f"Report({self.title!r}, sections={len(self.sections)}, findings={len(self.findings)})"


def _html_figure(figure: Figure) -> str:
    """Render a chart as ``<figure>``: inline SVG (or the note on the plot extra) and its caption."""
    svg = figure.svg()
    body = svg if svg is not None else f'<p class="note">{html.escape(CHART_NOTE)}</p>'
    return f"<figure>{body}<figcaption>{html.escape(figure.caption)}</figcaption></figure>"


_HEADLINE_PREFIXES = (
    "Recomputed:",
    "Difference per family",
    "At ",
    "Exact McNemar test",
    "No chi-square test",
)


def headlines(sections: Iterable[Section]) -> tuple[str, ...]:
    """Pick a report's main results for its summary: each test, each difference, the audit count.

    Drawn from the sections' own text and uncertainty tables, so the summary
    can never disagree with the body.

    Examples
    --------
    Lines that state a result (``Recomputed: ...``, ``Difference per family ...``) are picked,
    with their section's title; other text is not:

    >>> cost = Section("Cost", ["Savings are in 2019 prices.",
    ...                         "Difference per family (Engaged − Disengaged): £1,912.00"])
    >>> headlines([cost])
    ('Cost: Difference per family (Engaged − Disengaged): £1,912.00',)
    """
    out: list[str] = []
    for s in sections:
        for b in s.blocks:
            if isinstance(b, Figure):
                continue
            if isinstance(b, Table):
                if b.caption.startswith("Uncertainty") and len(b.header) >= 4:
                    out += [
                        f"{r[0]}: {r[1]} per family (Monte Carlo median {r[2]}, 95% interval {r[3]})"
                        for r in b.rows
                    ]
                continue
            if b.startswith(_HEADLINE_PREFIXES) or "checks found a published figure" in b:
                out.append(f"{s.title}: {b.split('; smallest expected')[0]}")
    return tuple(out)


def provenance(inputs: dict[str, Any], parameters: dict[str, Any]) -> dict[str, Any]:
    """Where a report came from: versions, time, input files with their SHA-256, parameters.

    Parameters
    ----------
    inputs : dict
        Role (e.g. ``"case_notes"``) to a path, or None when not given.
    parameters : dict
        Every model parameter and the seed, as given.

    Returns
    -------
    dict
        ``safecore``, ``created`` (UTC), ``python``, ``numpy``, ``scipy``,
        ``inputs`` (role, path and SHA-256 of each file given) and ``parameters``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> notes = pathlib.Path(tempfile.mkdtemp()) / "notes.csv"
    >>> _ = notes.write_bytes(b"family,engagement,status\\nF1,Engaged,Improved\\n")
    >>> info = provenance({"case_notes": notes, "staff_survey": None}, {"draws": 0, "seed": 2020})
    >>> list(info)
    ['safecore', 'created', 'python', 'numpy', 'scipy', 'inputs', 'parameters']
    >>> [(f["role"], f["sha256"][:12]) for f in info["inputs"]], info["parameters"]
    ([('case_notes', 'c138266271a9')], {'draws': 0, 'seed': 2020})
    """
    import platform  # noqa: PLC0415
    from datetime import UTC, datetime  # noqa: PLC0415
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    def _version(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "unknown"

    files = []
    for role, path in inputs.items():
        if path is None:
            continue
        digest = hashlib.sha256(read_bytes(path)).hexdigest()  # "-" is standard input, read once
        files.append({"role": role, "path": str(path), "sha256": digest})
    return {
        "safecore": _version("safecore"),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "scipy": _version("scipy"),
        "inputs": files,
        "parameters": dict(parameters),
    }
