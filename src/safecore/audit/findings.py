"""Findings: the printed figures that do not follow from their inputs, and the report of an audit."""

from __future__ import annotations

from typing import Literal

import attrs

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
    """All findings of an audit, in the order the checks ran."""

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
        """One line: ``38 findings in 333 checks: 17 errors, 21 warnings, 0 notes``."""
        counts = ", ".join(f"{len(self.by_severity(s))} {s}s" for s in ("error", "warning", "note"))
        return f"{len(self.findings)} findings in {self.checks} checks: {counts}"

    def __repr__(self) -> str:
        counts = {s: len(self.by_severity(s)) for s in ("error", "warning", "note")}
        return f"AuditReport(findings={len(self.findings)}, checks={self.checks}, {counts})"
