"""Tests for safecore.audit: generic checks with planted errors, and the 2020 report."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore._numeric import percent_half_up
from safecore.audit import (
    AuditReport,
    CountTable,
    Figure,
    ProductTable,
    Relation,
    SummaryRow,
    audit,
)
from safecore.datasets import audit_2020


@st.composite
def clean_count_tables(draw: st.DrawFn) -> CountTable:
    """A count table whose printed totals and percentages are all correct."""
    r = draw(st.integers(1, 6))
    c = draw(st.integers(1, 4))
    counts = np.array(
        draw(st.lists(st.lists(st.integers(0, 50), min_size=c, max_size=c), min_size=r, max_size=r))
    )
    counts[:, 0] += 1  # every row has at least one record
    n = counts.sum(axis=1)
    return CountTable(
        "T",
        [f"r{i}" for i in range(r)],
        [f"c{j}" for j in range(c)],
        counts.tolist(),
        row_totals=n.tolist(),
        row_total_percents=percent_half_up(n, n.sum()).tolist(),
        cell_percents=percent_half_up(counts, n[:, None]).tolist(),
        grand_total=int(n.sum()),
    )


@st.composite
def clean_product_tables(draw: st.DrawFn) -> ProductTable:
    """A product table whose printed totals and average are all correct."""
    k = draw(st.integers(1, 8))
    counts = draw(st.lists(st.integers(0, 30), min_size=k, max_size=k))
    units = draw(st.lists(st.integers(1, 20_000), min_size=k, max_size=k))
    totals = [c * u for c, u in zip(counts, units, strict=True)]
    n = draw(st.integers(1, 40))
    average = float(np.floor(sum(totals) / n + 0.5))
    return ProductTable("P", [f"o{i}" for i in range(k)], counts, units, totals, sum(totals), n, average)


@given(clean_count_tables(), clean_product_tables())
def test_clean_tables_give_no_findings(t: CountTable, p: ProductTable):
    """Correct tables produce no finding, however they are drawn."""
    report = audit([t, p])
    assert report.findings == ()
    assert report.checks > 0


@given(clean_count_tables(), st.data())
def test_planted_count_errors_are_found(t: CountTable, data: st.DataObject):
    """A planted error in a cell count, N or percentage is found at that place."""
    kind = data.draw(st.sampled_from(["N", "percent", "grand"]))
    i = data.draw(st.integers(0, len(t.row_labels) - 1))
    j = data.draw(st.integers(0, len(t.column_labels) - 1))
    delta = data.draw(st.sampled_from([-2, -1, 1, 2, 5]))
    if kind == "N":
        totals = list(t.row_totals or ())
        totals[i] += delta
        if totals[i] <= 0:
            return
        bad = CountTable(t.name, t.row_labels, t.column_labels, t.counts, row_totals=totals)
        findings = audit([bad]).findings
        assert [(f.row, f.rule) for f in findings] == [(t.row_labels[i], "row-sum")]
    elif kind == "percent":
        pct = [list(r) for r in (t.cell_percents or ())]
        pct[i][j] += delta
        bad = CountTable(t.name, t.row_labels, t.column_labels, t.counts, cell_percents=pct)
        findings = audit([bad]).findings
        # the percentages of a table without N use row sums: the clean table's N are row sums
        assert [(f.row, f.column, f.rule) for f in findings] == [
            (t.row_labels[i], t.column_labels[j], "percent")
        ]
    else:
        bad = CountTable(
            t.name,
            t.row_labels,
            t.column_labels,
            t.counts,
            row_totals=t.row_totals,
            grand_total=(t.grand_total or 0) + abs(delta),
        )
        assert [f.rule for f in audit([bad]).findings] == ["column-sum"]


@given(clean_product_tables(), st.data())
def test_planted_product_errors_are_found(p: ProductTable, data: st.DataObject):
    """A wrong product is found; the total and average computed from counts are then also wrong
    only if they were carried forward from the wrong cell."""
    i = data.draw(st.integers(0, len(p.row_labels) - 1))
    delta = data.draw(st.sampled_from([-100, -1, 1, 360]))
    totals = list(p.totals)
    totals[i] += delta
    bad = ProductTable(p.name, p.row_labels, p.counts, p.units, totals, p.total, p.n, p.average)
    findings = audit([bad]).findings
    assert [(f.row, f.rule) for f in findings] == [(p.row_labels[i], "product")]
    carried = ProductTable(p.name, p.row_labels, p.counts, p.units, totals, sum(totals), p.n, p.average)
    rules = [f.rule for f in audit([carried]).findings]
    assert rules[:2] == ["product", "total"]


def test_relations_and_agreement():
    """Relations recompute figures; agreement compares two tables' shared labels."""
    a = CountTable("A", ["x", "y"], ["k"], [[3], [4]])
    b = CountTable("B", ["x", "y"], ["k"], [[3], [5]])
    figs = [Figure("total", "Text", 7), Figure("share", "Text", 43), Figure("wrong", "Text", 8)]
    rels = [
        Relation("equal", ["A.cells"], published="total"),
        Relation("percent", ["A.row.x", "A.cells"], published="share"),
        Relation("sum", ["A.row.x", "A.row.y"], published="wrong"),
        Relation("agree", ["A.row.*", "B.row.*"]),
    ]
    findings = audit([a, b], figures=figs, relations=rels).findings
    assert [(f.table, f.row, f.rule) for f in findings] == [
        ("Text", "wrong", "sum"),
        ("A", "y", "equal"),
    ]
    with pytest.raises(KeyError, match=r"unknown quantity 'C\.cells'"):
        audit([a], figures=figs, relations=[Relation("equal", ["C.cells"], published="total")])
    with pytest.raises(KeyError, match="unknown figure 'nope'"):
        audit([a], relations=[Relation("equal", ["A.cells"], published="nope")])


def test_chi_square_and_p_value_checks():
    """A printed statistic or p-value that does not follow from the counts is found."""
    good = CountTable(
        "T3", ["e", "d"], ["a", "b", "c"], [[76, 6, 4], [17, 15, 12]], statistic=35.41, pvalue="< .001"
    )
    assert audit([good]).findings == ()
    bad = CountTable(
        "T3", ["e", "d"], ["a", "b", "c"], [[76, 6, 4], [17, 15, 12]], statistic=35.14, pvalue="0.02"
    )
    assert [f.rule for f in audit([bad]).findings] == ["chi-square", "p-value"]


def test_summary_checks():
    """CI and GRIM checks on printed summary rows."""
    ok = SummaryRow("T", "r", 12, 34.6, 3.6, 32.3, 36.9, granularity=1.0)
    assert audit(summaries=[ok]).findings == ()
    bad = SummaryRow("T", "r", 7, 5.19, 1.0, 4.3, 6.1, granularity=1.0)
    rules = [f.rule for f in audit(summaries=[bad]).findings]
    assert "grim" in rules


# -- the 2020 report ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_2020():
    return audit_2020()


def find(report, table: str, row: str = "", rule: str | None = None):
    return [
        f
        for f in report.findings
        if f.table == table and f.row == row and (rule is None or f.rule == rule)
    ]


def test_2020_finds_more_than_twenty(report_2020):
    """The report has more than twenty inconsistencies across its tables and text."""
    assert len(report_2020) > 20
    assert len(report_2020.by_severity("error")) >= 15


def test_2020_known_slips(report_2020):
    """Known slips are found with the correct recomputed values."""
    (housing,) = find(report_2020, "Table 7", "Housing")
    assert (housing.published, housing.recomputed, housing.rule) == (15400, 15540, "product")
    (avg,) = find(report_2020, "Table 7", "Average")
    assert avg.recomputed == 15046
    (diff,) = find(report_2020, "Text (section 3, Appendix 3)", "additional saving per engaged family")
    assert diff.recomputed == 5573
    (att,) = find(report_2020, "Text (section 3, Appendix 3)", "difference at 66% attribution")
    assert att.recomputed == 3678 and "3,459.72" in att.message
    (cost,) = find(report_2020, "Text (section 3)", "cost of supporting a family")
    assert cost.recomputed == 19719
    (stim,) = find(report_2020, "Table 4", "Stimulation & Positive Activities")
    assert stim.severity == "error"


def test_2020_correct_figures_not_flagged(report_2020):
    """Table 3 and 5 chi-squares and Table 12/13 percentages are right and not flagged."""
    flagged = {(f.table, f.rule) for f in report_2020.findings}
    for table in ("Table 3", "Table 5"):
        assert (table, "chi-square") not in flagged
        assert (table, "p-value") not in flagged
        assert (table, "percent") not in flagged
    assert not [f for f in report_2020.findings if f.table in ("Table 12", "Table 13")]


def test_2020_outputs(report_2020):
    """The report renders to text, HTML, Markdown and JSON-ready dicts."""
    d = report_2020.to_dict()
    assert set(d["findings"][0]) == {
        "table",
        "row",
        "column",
        "published",
        "recomputed",
        "rule",
        "severity",
        "message",
    }
    assert "findings in" in str(report_2020)
    assert "<table>" in report_2020._repr_html_()
    assert report_2020._repr_markdown_().startswith("| Table |")
    assert repr(report_2020).startswith("AuditReport(findings=")
    (housing,) = find(report_2020, "Table 7", "Housing")
    assert repr(housing) == (
        "Finding(Table 7, Housing, total: published 15400, recomputed 15540, product, error)"
    )


def test_report_renders_through_the_result_protocol(report_2020: AuditReport):
    """One row per finding (message included); str leads with the counts; printed figures keep commas."""
    table = report_2020._table()
    assert table.columns == (
        "table",
        "row",
        "column",
        "published",
        "recomputed",
        "rule",
        "severity",
        "message",
    )
    assert len(table.rows) == len(report_2020)
    errors = len(report_2020.by_severity("error"))
    first = str(report_2020).splitlines()[0]
    assert first == report_2020.summary()
    assert first.startswith(
        f"{len(report_2020)} findings in {report_2020.checks} checks: {errors} errors"
    )
    assert "| Table 7 | Housing | total | 15,400 | 15,540 | product | error |" in (
        report_2020._repr_markdown_()
    )
    assert report_2020.to_dict()["checks"] == report_2020.checks


def test_an_audit_with_no_findings_still_renders():
    """An empty report prints its counts and no empty table, in text, Markdown and HTML."""
    empty = audit()
    assert str(empty) == "0 findings in 0 checks: 0 errors, 0 warnings, 0 notes"
    assert empty.render("markdown") == str(empty)
    assert empty.render("html") == "<p>0 findings in 0 checks: 0 errors, 0 warnings, 0 notes</p>"
    assert empty.to_dict() == {"findings": [], "checks": 0}


def test_summary_counts_are_singular_for_one():
    """One finding of one error in one check reads "1 finding in 1 check: 1 error", not "1 findings"."""
    wrong_n = CountTable("T", ["r"], ["a", "b"], [[1, 2]], row_totals=[4])
    report = audit([wrong_n])
    assert report.checks == 1 and len(report) == 1
    assert report.summary() == "1 finding in 1 check: 0 errors, 1 warning, 0 notes"
    wrong_pct = CountTable(
        "T", ["r"], ["a", "b"], [[1, 3]], row_totals=[4], cell_percents=[["25%", "70%"]]
    )
    assert audit([wrong_pct]).summary().endswith(": 1 error, 0 warnings, 0 notes")
    assert str(audit([wrong_n])).splitlines()[1].split()[0] == "Table"  # the table follows


def test_render_refuses_an_unknown_format():
    """render() names the formats it knows."""
    with pytest.raises(ValueError, match="text, markdown, html, json: 'pdf'"):
        audit().render("pdf")


def test_format_spec_is_the_text_width():
    """f"{report:60}" is the text rendering fitted to 60 columns; any other spec is refused."""
    report = audit_2020()
    assert f"{report:60}" == report.render("text", width=60) != str(report)
    with pytest.raises(ValueError, match="format spec is a width"):
        format(report, ">10")
