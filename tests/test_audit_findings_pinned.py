"""Tests for audit findings and reports that pin their renderings, found unchecked by mutation testing.

Each expected rendering is written out by hand from the documented layout:
the columns table, row, column, published, recomputed, rule, severity,
message; printed figures shown with thousands separators (whole numbers) or
2 decimals from 1,000; the summary line "N findings in M checks: ...".
"""

from __future__ import annotations

import json

import pytest

from safecore._errors import InputValueError
from safecore.audit import AuditReport, Finding

HEADERS = ["Table", "Row", "Column", "Published", "Recomputed", "Rule", "Severity", "Message"]
COLUMNS = ("table", "row", "column", "published", "recomputed", "rule", "severity", "message")


def housing() -> Finding:
    return Finding("Table 7", "Housing", "total", 15400.0, 15540.5, "product", "error", "2 × £7,770")


def test_whole_numbers_are_kept_as_int_and_others_as_given():
    """15400.0 becomes 15400 (an int), -3.0 becomes -3; 15540.5 and text stay as they are."""
    f = housing()
    assert f.published == 15400 and type(f.published) is int
    assert f.recomputed == 15540.5 and type(f.recomputed) is float
    g = Finding("T", "", "", -3.0, "[1.0, 2.0]", "ci")
    assert g.published == -3 and type(g.published) is int
    assert g.recomputed == "[1.0, 2.0]"


def test_whole_numbers_from_2_to_the_53_stay_float():
    """A whole float of 2**53 or more may not be exact as an int of the same value: it stays float."""
    big = float(2**53)
    f = Finding("T", "", "", big, big - 1, "sum")
    assert type(f.published) is float and f.published == big
    assert type(f.recomputed) is int and f.recomputed == 2**53 - 1


def test_a_findings_summary_and_repr_name_the_non_empty_parts_of_its_place():
    """Empty row and column are left out of the place: 'Text' alone, not 'Text, , '."""
    f = Finding("Text", "", "", 43, 44, "sum", "warning", "12 + 31 is 43")
    assert f.summary() == "Text: sum warning: 12 + 31 is 43"
    assert repr(f) == "Finding(Text: published 43, recomputed 44, sum, warning)"
    assert housing().summary() == "Table 7, Housing, total: product error: 2 × £7,770"


def test_a_finding_renders_one_row_under_its_summary():
    """str(), Markdown and HTML: the summary as caption, the eight headers, one row of cells."""
    f = housing()
    assert str(f) == (
        "Table 7, Housing, total: product error: 2 × £7,770\n"
        "Table        Row  Column  Published  Recomputed     Rule  Severity     Message\n"
        "Table 7  Housing   total     15,400   15,540.50  product     error  2 × £7,770"
    )
    assert f._repr_markdown_() == (
        "Table 7, Housing, total: product error: 2 × £7,770\n\n"
        "| Table | Row | Column | Published | Recomputed | Rule | Severity | Message |\n"
        "|---|---|---|---:|---:|---|---|---|\n"
        "| Table 7 | Housing | total | 15,400 | 15,540.50 | product | error | 2 × £7,770 |"
    )
    html = f._repr_html_()
    assert html.startswith(
        "<table><caption>Table 7, Housing, total: product error: 2 × £7,770</caption>"
    )
    assert '<th scope="col" class="num">Published</th>' in html
    table = f._table()
    assert table.columns == COLUMNS
    assert table.rows == (
        ("Table 7", "Housing", "total", 15400, 15540.5, "product", "error", "2 × £7,770"),
    )
    assert table.display_headers() == HEADERS


def test_a_finding_as_a_frame_has_the_eight_columns():
    """to_frame(): one row, the eight snake_case columns, raw values."""
    pytest.importorskip("pandas")
    df = housing().to_frame()
    assert list(df.columns) == list(COLUMNS)
    assert df.iloc[0].tolist() == [
        "Table 7",
        "Housing",
        "total",
        15400,
        15540.5,
        "product",
        "error",
        "2 × £7,770",
    ]


def report() -> AuditReport:
    return AuditReport(
        (
            housing(),
            Finding(
                "Table 5",
                "Engaged",
                "N",
                13,
                12,
                "row-sum",
                "warning",
                "N is 13 but the cells sum to 12",
            ),
            Finding("Text", "", "", "p < .05", "not checkable", "p-value", "note", "no df"),
            Finding("Table 9", "a", "b", 1, 2, "sum", "warning", "w"),
        ),
        checks=1,
    )


def test_the_summary_counts_each_severity_with_singular_and_plural():
    """4 findings in 1 check: 1 error, 2 warnings, 1 note; an empty report says 0 of each."""
    assert report().summary() == "4 findings in 1 check: 1 error, 2 warnings, 1 note"
    assert AuditReport((), checks=0).summary() == "0 findings in 0 checks: 0 errors, 0 warnings, 0 notes"
    one = AuditReport((housing(),), checks=2)
    assert one.summary() == "1 finding in 2 checks: 1 error, 0 warnings, 0 notes"
    assert repr(report()) == "AuditReport(findings=4, checks=1, {'error': 1, 'warning': 2, 'note': 1})"


def test_by_severity_keeps_the_order_of_the_checks():
    """The two warnings, in the order they were found."""
    rows = [(f.table, f.row) for f in report().by_severity("warning")]
    assert rows == [("Table 5", "Engaged"), ("Table 9", "a")]
    assert len(report()) == 4


def test_markdown_has_the_summary_then_the_table():
    """Markdown: the summary, a blank line, then the table (no caption row)."""
    one = AuditReport((housing(),), checks=2)
    assert one.render("markdown") == (
        "1 finding in 2 checks: 1 error, 0 warnings, 0 notes\n\n"
        "| Table | Row | Column | Published | Recomputed | Rule | Severity | Message |\n"
        "|---|---|---|---:|---:|---|---|---|\n"
        "| Table 7 | Housing | total | 15,400 | 15,540.50 | product | error | 2 × £7,770 |"
    )
    assert one._table().caption == ""


def test_text_is_the_summary_then_the_table_fitted_to_a_width():
    """Text: the summary line, then the table; a width wraps the long cells."""
    one = AuditReport((housing(),), checks=2)
    text = one.render("text")
    assert text == str(one) == format(one)
    assert text == (
        "1 finding in 2 checks: 1 error, 0 warnings, 0 notes\n"
        "Table        Row  Column  Published  Recomputed     Rule  Severity     Message\n"
        "Table 7  Housing   total     15,400   15,540.50  product     error  2 × £7,770"
    )
    narrow = format(one, "60")
    assert narrow == one.render("text", width=60)
    # the columns cannot all fit in 60: the two text columns that can wrap are wrapped
    assert narrow == (
        "1 finding in 2 checks: 1 error, 0 warnings, 0 notes\n"
        "Table      Row  Column  Published  Recomputed     Rule  Severity  Message\n"
        "Table  Housing   total     15,400   15,540.50  product     error      2 ×\n"
        "7                                                                  £7,770"
    )


def test_html_has_the_summary_as_caption():
    """HTML: a table captioned with the summary; with no finding, the summary in a paragraph."""
    one = AuditReport((housing(),), checks=2)
    html = one.render("html")
    assert html.startswith(
        "<table><caption>1 finding in 2 checks: 1 error, 0 warnings, 0 notes</caption>"
    )
    assert "<td>Housing</td>" in html
    empty = AuditReport((), checks=3)
    assert empty.render("html") == "<p>0 findings in 3 checks: 0 errors, 0 warnings, 0 notes</p>"
    assert empty.render("markdown") == "0 findings in 3 checks: 0 errors, 0 warnings, 0 notes"
    assert empty.render("text") == "0 findings in 3 checks: 0 errors, 0 warnings, 0 notes"


def test_json_keeps_non_ascii_text_and_every_field():
    """JSON is indented by 2, keeps '£' and '×' as written, and has every finding's fields."""
    one = AuditReport((housing(),), checks=2)
    text = one.render("json")
    assert '"message": "2 × £7,770"' in text
    assert '\n  "checks": 2' in text
    data = json.loads(text)
    assert data["checks"] == 2
    assert data["findings"] == [
        {
            "table": "Table 7",
            "row": "Housing",
            "column": "total",
            "published": 15400,
            "recomputed": 15540.5,
            "rule": "product",
            "severity": "error",
            "message": "2 × £7,770",
        }
    ]


@pytest.mark.parametrize("fmt", ["csv", "TEXT", ""])
def test_an_unknown_format_is_refused(fmt: str):
    """Formats are text, markdown, html and json, exactly."""
    with pytest.raises(
        InputValueError, match=rf"^format must be one of text, markdown, html, json: '{fmt}'$"
    ):
        report().render(fmt)


@pytest.mark.parametrize("spec", ["x", "80c", "-5"])
def test_a_format_spec_that_is_not_a_width_is_refused(spec: str):
    """f"{report:80}" takes a width in columns only."""
    with pytest.raises(
        InputValueError,
        match=rf"^an audit report's format spec is a width in columns, such as '80': '{spec}'$",
    ):
        format(report(), spec)
