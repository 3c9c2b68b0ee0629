"""Findings: the printed figures that do not follow from their inputs, and the report of an audit."""

from __future__ import annotations

import html
import json
from typing import Literal

import attrs

from safecore._errors import InputValueError
from safecore._format import clean_cell, html_table, markdown_table, text_table
from safecore._results import Result, ResultTable

__all__ = ["AuditReport", "Finding", "Severity"]

Severity = Literal["error", "warning", "note"]


def _tidy(x: float | str) -> float | str:
    """Whole numbers as int (so 15400.0 prints and serialises as 15400)."""
    if isinstance(x, str):
        return x
    x = float(x)
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


_FINDING_COLUMNS = ("table", "row", "column", "published", "recomputed", "rule", "severity", "message")
_FINDING_HEADERS = tuple(c.capitalize() for c in _FINDING_COLUMNS)
_FINDING_FORMATS = {"published": "figure", "recomputed": "figure"}


def _count(n: int, noun: str) -> str:
    """``1 finding``, ``2 findings``, ``0 findings``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@attrs.frozen(slots=True, repr=False, eq=False)
class Finding(Result):
    """One published figure that differs from its recomputed value.

    Attributes
    ----------
    table : str
        Where the figure is printed ("Table 7", "Text (section 3)").
    row, column : str
        The cell (empty where not applicable).
    published : float or str
        The figure as printed.
    recomputed : float or str
        The value recomputed from the figure's inputs, at the printed precision.
    rule : str
        The check (see the format reference): ``row-sum``, ``column-sum``,
        ``percent``, ``product``, ``total``, ``ratio``, ``sum``,
        ``difference``, ``mean``, ``equal``, ``chi-square``, ``p-value``,
        ``ci``, ``sd``, ``grim``, ``risk-difference``, ``relative-risk``,
        ``odds-ratio``.
    severity : {"error", "warning", "note"}
        ``error``: the figure cannot be right; ``warning``: it cannot be
        reproduced and may be explained by something unstated (missing
        records, another interval method); ``note``: the relation could
        not be checked (``recomputed`` is ``"not checkable"`` and the
        message gives the reason).
    message : str
        A sentence explaining the finding.

    Examples
    --------
    An audit returns findings; here 21 of 26 families is 81%, not the printed 80%:

    >>> from safecore.audit import CountTable, audit
    >>> table = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
    ...                    counts=((9, 3), (5, 21)), row_totals=(12, 26),
    ...                    cell_percents=(("75%", "25%"), ("19%", "80%")))
    >>> finding = audit([table]).findings[0]
    >>> finding
    Finding(Table 5, Disengaged, Not improved: published 80, recomputed 81, percent, error)
    >>> finding.table, finding.row, finding.column
    ('Table 5', 'Disengaged', 'Not improved')
    >>> finding.published, finding.recomputed, finding.rule, finding.severity
    (80, 81, 'percent', 'error')
    >>> print(finding.message)
    21 of 26 is 80.77%, printed 80%
    """

    table: str
    row: str
    column: str
    published: float | str = attrs.field(converter=_tidy)
    recomputed: float | str = attrs.field(converter=_tidy)
    rule: str = ""
    severity: Severity = "error"
    message: str = ""

    def _row(self) -> tuple[str | float, ...]:
        return tuple(getattr(self, c) for c in _FINDING_COLUMNS)

    def _table(self) -> ResultTable:
        return ResultTable(
            _FINDING_COLUMNS,
            [self._row()],
            caption=self.summary(),
            headers=_FINDING_HEADERS,
            formats=_FINDING_FORMATS,
        )

    def summary(self) -> str:
        """One line: where, the rule and severity, and the message."""
        where = ", ".join(x for x in (self.table, self.row, self.column) if x)
        return f"{where}: {self.rule} {self.severity}: {self.message}"

    def __repr__(self) -> str:
        where = ", ".join(x for x in (self.table, self.row, self.column) if x)
        return (
            f"Finding({where}: published {self.published!r}, recomputed {self.recomputed!r}, "
            f"{self.rule}, {self.severity})"
        )


@attrs.frozen(slots=True, repr=False, eq=False)
class AuditReport(Result):
    """All findings of an audit, in the order the checks ran.

    Attributes
    ----------
    findings : tuple of Finding
        Every finding, errors, warnings and notes together.
    checks : int
        How many figures were checked (a note is a figure that could not be).

    Examples
    --------
    [`audit`][safecore.audit.checks.audit] (or [`audit_file`][safecore.audit.reader.audit_file])
    returns the report; this table states an N of 26 beside cells summing to 25, and a
    percentage of that N that is wrong:

    >>> from safecore.audit import CountTable, audit
    >>> table = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
    ...                    counts=((9, 3), (5, 20)), row_totals=(12, 26),
    ...                    cell_percents=(("75%", "25%"), ("19%", "80%")))
    >>> report = audit([table])
    >>> report
    AuditReport(findings=2, checks=6, {'error': 1, 'warning': 1, 'note': 0})
    >>> print(report.summary())
    2 findings in 6 checks: 1 error, 1 warning, 0 notes
    >>> len(report), report.checks
    (2, 6)
    >>> for f in report.by_severity("warning"):
    ...     print(f.message)
    N is 26 but the cells sum to 25 (records with no status recorded?)
    >>> report.to_dict()["findings"][1]["message"]
    '20 of 26 is 76.92%, printed 80%'
    """

    findings: tuple[Finding, ...]
    checks: int

    def __len__(self) -> int:
        return len(self.findings)

    def by_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """Return the findings of one severity."""
        return tuple(f for f in self.findings if f.severity == severity)

    def _table(self) -> ResultTable:
        """One row per finding: table, row, column, published, recomputed, rule, severity, message.

        No caption, so the Markdown is the table alone (the docs embed it);
        [`summary`][safecore.audit.findings.AuditReport.summary] and ``str()`` give the counts.
        """
        return ResultTable(
            _FINDING_COLUMNS,
            [f._row() for f in self.findings],
            headers=_FINDING_HEADERS,
            formats=_FINDING_FORMATS,
        )

    def summary(self) -> str:
        """One line: ``38 findings in 333 checks: 17 errors, 21 warnings, 0 notes``.

        Examples
        --------
        >>> from safecore.audit import audit
        >>> print(audit().summary())
        0 findings in 0 checks: 0 errors, 0 warnings, 0 notes
        """
        counts = ", ".join(_count(len(self.by_severity(s)), s) for s in ("error", "warning", "note"))
        return f"{_count(len(self.findings), 'finding')} in {_count(self.checks, 'check')}: {counts}"

    def render(self, fmt: str, *, width: int | None = None) -> str:
        """Render as ``text`` (the table fitted to *width*), ``markdown``, ``html`` or ``json``.

        Text, Markdown and HTML lead with the [`summary`][safecore.audit.findings.AuditReport.summary]
        line and show the table of findings only when there is one; ``str()`` is the text,
        and ``f"{report:80}"`` the text fitted to 80 columns.

        Examples
        --------
        >>> from safecore.audit import CountTable, audit
        >>> table = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
        ...                    counts=((9, 3), (5, 20)), row_totals=(12, 25))
        >>> print(audit([table]).render("text"))
        0 findings in 2 checks: 0 errors, 0 warnings, 0 notes
        >>> wrong = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
        ...                    counts=((9, 3), (5, 20)), row_totals=(13, 25))
        >>> print(audit([wrong]).render("markdown"))  # doctest: +ELLIPSIS
        1 finding in 2 checks: 0 errors, 1 warning, 0 notes
        <BLANKLINE>
        | Table | Row | Column | Published | Recomputed | Rule | Severity | Message |
        |---|---|---|---:|---:|---|---|---|
        | Table 5 | Engaged | N | 13 | 12 | row-sum | warning | N is 13 but the cells sum to 12 ... |
        """
        if fmt == "json":
            return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        table = self._table()
        headers, rows = table.display_headers(), table.display_rows()
        line = self.summary()
        if fmt == "markdown":
            return f"{line}\n\n{markdown_table(headers, rows)}" if rows else line
        if fmt == "html":
            if rows:
                return html_table(headers, rows, line)
            return f"<p>{html.escape(line)}</p>"
        if fmt != "text":
            msg = f"format must be one of text, markdown, html, json: {fmt!r}"
            raise InputValueError(msg)
        return f"{clean_cell(line)}\n{text_table(headers, rows, width=width)}" if rows else line

    def __format__(self, spec: str) -> str:
        # the text rendering; a width as the spec fits the table to it: f"{report:80}"
        if spec and not spec.isdigit():
            msg = f"an audit report's format spec is a width in columns, such as '80': {spec!r}"
            raise InputValueError(msg)
        return self.render("text", width=int(spec) if spec else None)

    def __str__(self) -> str:
        return format(self)

    def __repr__(self) -> str:
        counts = {s: len(self.by_severity(s)) for s in ("error", "warning", "note")}
        return f"AuditReport(findings={len(self.findings)}, checks={self.checks}, {counts})"
