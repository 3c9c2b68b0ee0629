"""The documentation stays true: its audit table is the library's output.

(The code examples in docs/*.md and README.md run as doctests through pytest's
--doctest-glob; see pyproject.toml.)
"""

from __future__ import annotations

from pathlib import Path

from safecore.audit import audit_2020

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_audit_page_matches_the_audit():
    """docs/audit-2020.md shows exactly the findings audit_2020() produces."""
    page = (DOCS / "audit-2020.md").read_text(encoding="utf-8")
    table = page.split("<!-- audit-table -->", 1)[1].strip()
    report = audit_2020()
    assert table == report._repr_markdown_().strip()
    errors = len(report.by_severity("error"))
    assert f"**{len(report)} findings in {report.checks} checks: {errors} errors" in page


def test_every_reference_page_names_a_module():
    """Each API reference page renders a module with mkdocstrings."""
    for page in (DOCS / "reference").glob("*.md"):
        assert "::: safecore" in page.read_text(encoding="utf-8"), page.name
