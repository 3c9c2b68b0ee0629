"""Examples of the audit, service and published-table results for the shared protocol tests."""

from __future__ import annotations

from collections.abc import Callable

from safecore._results import Result
from safecore.audit import CountTable, Finding, audit
from safecore.datasets import audit_2020, safecore_2020, service_indicators_2020
from safecore.services import PrePost, ServiceIndicators

TABLE = CountTable(
    "Table X",
    ("a", "b"),
    ("yes", "no"),
    counts=((3, 1), (2, 2)),
    row_totals=(4, 5),
    cell_percents=((75, 25), (50, 50)),
)

EXAMPLES: dict[str, Callable[[], Result]] = {
    "finding": lambda: Finding("Table 7", "Housing", "total", 15400, 15540, "product", "error", "x"),
    "finding_text": lambda: Finding(
        "Table 9", "Personal, time 1", "95% CI", "[31.9, 43.1]", "[30.0, 45.0]", "ci", "warning"
    ),
    "audit": lambda: audit([TABLE]),
    "audit_clean": audit,
    "audit_2020": audit_2020,
    "service_indicators": lambda: service_indicators_2020()[0],
    "service_indicators_both": lambda: ServiceIndicators(
        10, (PrePost("X", "An indicator", before=5, after=3, both=3),)
    ),
    "published_table_with_n": lambda: safecore_2020().tables[2],
    "published_table_without_n": lambda: safecore_2020().tables[3],
}
