"""Recompute published tables and report where the printed figures do not add up.

The checks are generic: a report's *declarations* (tables of counts with stated totals and printed
percentages; money tables of items or counts times unit values; summary rows of N, M, SD, SE and
intervals; figures printed in the text; and the relations between them) are compared, figure by
figure, with what their inputs give, at the printed precision and under the report's rounding rule.
Nothing about a particular report is coded here: the SafeCORE 2020 report is one declarations file
([`safecore.datasets.audit_2020`][safecore.datasets.safecore_2020.audit_2020]), and
``safecore audit FILE.toml`` audits any other.

- [`printed`][safecore.audit.printed]: a printed figure and when a value matches it;
- [`declarations`][safecore.audit.declarations]: what can be declared;
- [`checks`][safecore.audit.checks]: [`audit`][safecore.audit.checks.audit], the checks themselves;
- [`reader`][safecore.audit.reader]: [`read_declarations`][safecore.audit.reader.read_declarations],
  [`audit_file`][safecore.audit.reader.audit_file];
- [`findings`][safecore.audit.findings]: [`Finding`][safecore.audit.findings.Finding],
  [`AuditReport`][safecore.audit.findings.AuditReport].

Examples
--------
>>> from safecore.audit import CountTable, audit
>>> t = CountTable("Table X", ("a", "b"), ("yes", "no"), counts=((3, 1), (2, 2)),
...                row_totals=(4, 5), cell_percents=((75, 25), (50, 50)))
>>> for f in audit([t]).findings:
...     print(f.rule, f.row, f.published, f.recomputed)
row-sum b 5 4
percent b 50 40
percent b 50 40
"""

from __future__ import annotations

from safecore.audit.checks import audit
from safecore.audit.declarations import (
    Comparison,
    CountTable,
    Declarations,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
)
from safecore.audit.findings import AuditReport, Finding
from safecore.audit.printed import Printed, parse_printed, round_to
from safecore.audit.reader import RELATION_KINDS, audit_file, read_declarations

__all__ = [
    "RELATION_KINDS",
    "AuditReport",
    "Comparison",
    "CountTable",
    "Declarations",
    "Figure",
    "Finding",
    "Printed",
    "PrintedTest",
    "ProductTable",
    "Relation",
    "SummaryRow",
    "audit",
    "audit_file",
    "parse_printed",
    "read_declarations",
    "round_to",
]
