"""Tests for safecore.audit.checks that pin each finding's fields, found unchecked by mutation testing.

Every finding is compared whole (table, row, column, published, recomputed,
rule, severity), and every expected value is worked out by hand in a comment
or taken from R (the command beside the value); none comes from the code
under test. Boundary cases put a value exactly at a rounding half or at a
p-value bound.
"""

from __future__ import annotations

import warnings

import pytest

from safecore.audit import (
    Comparison,
    CountTable,
    Declarations,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
    audit,
)


def fields(report):
    """Each finding as (table, row, column, published, recomputed, rule, severity)."""
    return [
        (f.table, f.row, f.column, f.published, f.recomputed, f.rule, f.severity)
        for f in report.findings
    ]


# -- tables of counts: every printed part of one table --------------------------------------------

# Rows a, b; columns yes, no. Cells sum to 4 and 4 by row, 5 and 3 by column, 8 in all.
COUNTS = ((3, 1), (2, 2))


def test_a_clean_table_makes_thirteen_checks_and_no_finding():
    """Every part printed right: 2 row sums, 4 percents, 2 column sums, the total, 2 N %, X², p.

    Row percents 3/4 = 75%, 1/4 = 25%, 2/4 = 50%, 2/4 = 50%; N % 4/8 = 50%, 4/8 = 50%.
    chisq.test(matrix(c(3, 1, 2, 2), 2, byrow = TRUE), correct = FALSE):
    X-squared = 0.5333333, p-value = 0.4652088.
    """
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        row_totals=(4, 4),
        row_total_percents=("50%", "50%"),
        cell_percents=(("75%", "25%"), ("50%", "50%")),
        column_totals=(5, 3),
        grand_total=8,
        statistic="0.53",
        pvalue=".47",
    )
    report = audit([t])
    assert fields(report) == []
    assert report.checks == 13


SLIPS = {
    "row_totals": (4, 5),
    "row_total_percents": ("50%", "62%"),
    "cell_percents": (("75%", "20%"), ("50%", "50%")),
    "column_totals": (5, 4),
    "grand_total": 8,
    "statistic": "0.35",
    "pvalue": "< .05",
}


def test_every_slip_of_one_table_is_found_where_it_is_printed():
    """A slip in each printed part: each finding names its cell, the rule, severity and right value.

    a, no: 1 of 4 is 25%, printed 20%.
    b: N 5 but the cells sum to 2 + 2 = 4: a warning (N larger: records with no status?).
    b, yes and b, no: of the printed N 5 (not the cell sum 4), 2/5 = 40%, printed 50%.
    Total, no: 1 + 2 = 3, printed 4.
    Total, N: the printed N sum to 4 + 5 = 9, the stated total is 8.
    b, N %: 5 of the stated total 8 is 62.5%, half-up 63%, printed 62% (a of it: 4/8 = 50%).
    X² 0.5333 is 0.53 at two decimals, printed 0.35.
    p 0.4652 is not below .05; shown to 3 significant digits, "0.465".
    """
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, **SLIPS)
    report = audit([t])
    assert fields(report) == [
        ("T", "a", "no", 20, 25, "percent", "error"),
        ("T", "b", "N", 5, 4, "row-sum", "warning"),
        ("T", "b", "yes", 50, 40, "percent", "error"),
        ("T", "b", "no", 50, 40, "percent", "error"),
        ("T", "Total", "no", 4, 3, "column-sum", "error"),
        ("T", "Total", "N", 8, 9, "column-sum", "error"),
        ("T", "b", "N %", 62, 63, "percent", "error"),
        ("T", "", "chi-square", 0.35, 0.53, "chi-square", "error"),
        ("T", "", "p", "< .05", "0.465", "p-value", "error"),
    ]
    assert report.checks == 13
    messages = [f.message for f in report.findings]
    assert messages[0] == "1 of 4 is 25.00%, printed 20%"
    assert messages[1] == "N is 5 but the cells sum to 4 (records with no status recorded?)"
    assert messages[2] == "2 of 5 is 40.00%, printed 50%"
    assert messages[4] == "the column's cells sum to 3, the printed total is 4"
    assert messages[5] == "the rows sum to 9, the stated total is 8"
    assert messages[6] == "5 of 8 is 62.50%, printed 62%"
    assert messages[7] == "Pearson's chi-square of the printed counts is 0.5333"
    assert messages[8] == "the chi-square p-value of the printed counts is 0.465"


def test_half_even_rounding_reaches_the_n_percent_check():
    """Under half-even rounding 62.5% prints as 62%: the same slips less the N % finding."""
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, **SLIPS)
    report = Declarations(tables=[t], rounding="half-even").audit()
    assert [(f.row, f.column) for f in report.findings] == [
        ("a", "no"),
        ("b", "N"),
        ("b", "yes"),
        ("b", "no"),
        ("Total", "no"),
        ("Total", "N"),
        ("", "chi-square"),
        ("", "p"),
    ]


def test_an_n_below_the_cell_sum_is_an_error():
    """b: N 3 but the cells sum to 4: more cells than records, an error; a's N 4 matches."""
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, row_totals=(4, 3))
    report = audit([t])
    assert fields(report) == [("T", "b", "N", 3, 4, "row-sum", "error")]
    assert report.findings[0].message == "N is 3 but the cells sum to 4: more cells than records"
    assert report.checks == 2


def test_totals_that_are_not_sums_are_only_denominators():
    """totals_are_sums=False: N 10 and 8 are not checked against the cells, only divide them.

    a: 3/10 = 30%, 1/10 = 10%; b: 2/8 = 25%, printed 50% (which is 2 of the cell sum 4).
    """
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        row_totals=(10, 8),
        cell_percents=(("30%", "10%"), ("25%", "50%")),
        totals_are_sums=False,
    )
    report = audit([t])
    assert fields(report) == [("T", "b", "no", 50, 25, "percent", "error")]
    assert report.checks == 4


def test_row_percents_without_n_use_the_cell_sums():
    """No printed N: a row's percents are of its cell sum (b: 2/4 = 50%, printed 40%)."""
    t = CountTable(
        "T", ("a", "b"), ("yes", "no"), COUNTS, cell_percents=(("75%", "25%"), ("40%", "50%"))
    )
    assert fields(audit([t])) == [("T", "b", "yes", 40, 50, "percent", "error")]


def test_column_percents_use_the_printed_column_total():
    """percent_of="column": of the printed column totals 5 and 4 (not the sums 5 and 3).

    yes: 3/5 = 60%, 2/5 = 40%. no: 1/4 = 25%, 2/4 = 50% (of the sum 3 they would be 33% and 67%).
    The printed total 4 is itself a slip (Total, no).
    """
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        column_totals=(5, 4),
        cell_percents=(("60%", "25%"), ("40%", "50%")),
        percent_of="column",
    )
    report = audit([t])
    assert fields(report) == [("T", "Total", "no", 4, 3, "column-sum", "error")]
    assert report.checks == 6


def test_column_percents_without_totals_use_the_column_sums():
    """percent_of="column", no printed totals: no is 1/3 = 33.3% and 2/3 = 66.7%, printed 25% and 50%."""
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        cell_percents=(("60%", "25%"), ("40%", "50%")),
        percent_of="column",
    )
    assert fields(audit([t])) == [
        ("T", "a", "no", 25, 33, "percent", "error"),
        ("T", "b", "no", 50, 67, "percent", "error"),
    ]


def test_total_percents_use_the_stated_grand_total():
    """percent_of="total" with a stated total 10: 3/10 = 30%, 1/10 = 10%, 2/10 = 20% twice.

    The cells sum to 8, so the stated 10 is a slip too (Total, N); of 8 the cells would be
    37.5%, 12.5%, 25% and 25%.
    """
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        grand_total=10,
        cell_percents=(("30%", "10%"), ("20%", "20%")),
        percent_of="total",
    )
    assert fields(audit([t])) == [("T", "Total", "N", 10, 8, "column-sum", "error")]


def test_total_percents_without_a_stated_total_use_the_cell_sum():
    """percent_of="total", no stated total: of 8, 3/8 = 37.5% is 38% half-up, printed 37%."""
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        cell_percents=(("37%", "13%"), ("25%", "25%")),
        percent_of="total",
    )
    assert fields(audit([t])) == [("T", "a", "yes", 37, 38, "percent", "error")]


def test_a_stated_total_of_zero_falls_back_to_the_cell_sum_for_percents():
    """A stated total 0 cannot be a denominator: total percents are of the cells' 8 instead.

    3/8 = 37.5% → 38%, 1/8 = 12.5% → 13%, 2/8 = 25%; the stated 0 is itself a slip.
    """
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        grand_total=0,
        cell_percents=(("38%", "13%"), ("25%", "25%")),
        percent_of="total",
    )
    report = audit([t])
    assert fields(report) == [("T", "Total", "N", 0, 8, "column-sum", "error")]
    assert report.checks == 5


def test_grand_total_without_n_is_the_cell_sum():
    """No printed N: the stated total 7 is compared with the cells' 3 + 1 + 2 + 2 = 8."""
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, grand_total=7)
    report = audit([t])
    assert fields(report) == [("T", "Total", "N", 7, 8, "column-sum", "error")]
    assert report.checks == 1


def test_n_percents_without_a_stated_total_use_the_sum_of_the_n():
    """N % of the N's sum when no total is stated: 4/9 = 44.4%, 5/9 = 55.6% (printed 44%, 55%)."""
    t = CountTable(
        "T",
        ("a", "b"),
        ("yes", "no"),
        COUNTS,
        row_totals=(4, 5),
        row_total_percents=("44%", "55%"),
        totals_are_sums=False,
    )
    report = audit([t])
    assert fields(report) == [("T", "b", "N %", 55, 56, "percent", "error")]
    assert report.checks == 2


def test_n_percents_need_the_n():
    """Row total percents without printed N are not checked (nothing to divide)."""
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, row_total_percents=("10%", "10%"))
    report = audit([t])
    assert fields(report) == []
    assert report.checks == 0


def test_n_percents_of_a_zero_total_are_notes():
    """N 0 and 0 (no stated total) sum to 0: their N % cannot be checked (notes, as for cells)."""
    t = CountTable(
        "T", ("a", "b"), ("y", "n"), ((0, 0), (0, 0)), row_totals=(0, 0), row_total_percents=("0%", "0%")
    )
    report = audit([t])
    assert fields(report) == [
        ("T", "a", "N %", 0, "not checkable", "percent", "note"),
        ("T", "b", "N %", 0, "not checkable", "percent", "note"),
    ]
    assert report.findings[0].message == "not checkable: the denominator of 0 is 0"
    assert report.checks == 2  # the two row sums 0 = 0 + 0


def test_a_zero_denominator_is_a_note_not_a_check():
    """A row of zeros printed with percents: 0 of 0 cannot be checked (two notes, two checks of a)."""
    t = CountTable(
        "T", ("a", "z"), ("yes", "no"), ((3, 1), (0, 0)), cell_percents=(("75%", "25%"), ("0%", "0%"))
    )
    report = audit([t])
    assert fields(report) == [
        ("T", "z", "yes", 0, "not checkable", "percent", "note"),
        ("T", "z", "no", 0, "not checkable", "percent", "note"),
    ]
    assert report.findings[0].message == "not checkable: the denominator of 0 is 0"
    assert report.checks == 2


# -- tables of counts: the test of independence ---------------------------------------------------


def test_chi_square_statistic_at_a_rounding_half():
    """X² of ((1, 2), (5, 1)) is exactly 2.25: "2.3" under half-up, "2.2" under half-even.

    chisq.test(matrix(c(1, 2, 5, 1), 2, byrow = TRUE), correct = FALSE): X-squared = 2.25,
    p-value = 0.1336144. By hand: n = 9, rows 3 and 6, columns 6 and 3, expected 2, 1, 4, 2:
    (1 - 2)²/2 + (2 - 1)²/1 + (5 - 4)²/4 + (1 - 2)²/2 = 0.5 + 1 + 0.25 + 0.5 = 2.25.
    """
    counts = ((1, 2), (5, 1))
    up = CountTable("C", ("a", "b"), ("y", "n"), counts, statistic="2.3", pvalue=".134")
    assert fields(audit([up])) == []
    assert fields(Declarations(tables=[up], rounding="half-even").audit()) == [
        ("C", "", "chi-square", 2.3, 2.2, "chi-square", "error")
    ]
    even = CountTable("C", ("a", "b"), ("y", "n"), counts, statistic="2.2", pvalue=".134")
    assert fields(Declarations(tables=[even], rounding="half-even").audit()) == []
    assert fields(audit([even])) == [("C", "", "chi-square", 2.2, 2.3, "chi-square", "error")]


def test_fisher_p_at_a_rounding_half():
    """Fisher's p of ((1, 0), (0, 3)) is exactly 1/4: "0.3" half-up, "0.2" half-even.

    fisher.test(matrix(c(1, 0, 0, 3), 2, byrow = TRUE))$p.value = 0.25. By hand: margins 1, 3 and
    1, 3 of n = 4; the two tables have probabilities 1/4 (observed) and 3/4, so p = 1/4.
    The chi-square p of the same counts is 0.0455 (X² = 4), which rounds to 0.0, not 0.3.
    """
    t = CountTable("F", ("a", "b"), ("y", "n"), ((1, 0), (0, 3)), pvalue="0.3", test="fisher")
    assert fields(audit([t])) == []
    assert fields(Declarations(tables=[t], rounding="half-even").audit()) == [
        ("F", "", "p", "0.3", 0.2, "p-value", "error")
    ]
    report = Declarations(tables=[t], rounding="half-even").audit()
    assert report.findings[0].message == "Fisher's exact p-value of the printed counts is 0.25"


def test_a_p_value_exactly_at_its_bound_is_not_below_it():
    """X² of ((1, 1), (1, 1)) is 0, so p is exactly 1: "< 1" is wrong, "1.0" right.

    chisq.test(matrix(1, 2, 2), correct = FALSE)$p.value = 1.
    """
    counts = ((1, 1), (1, 1))
    below = CountTable("C", ("a", "b"), ("y", "n"), counts, statistic="0.00", pvalue="< 1")
    assert fields(audit([below])) == [("C", "", "p", "< 1", "1", "p-value", "error")]
    exact = CountTable("C", ("a", "b"), ("y", "n"), counts, statistic="0.00", pvalue="1.0")
    assert fields(audit([exact])) == []


def test_a_p_value_printed_as_a_number_is_shown_rounded():
    """p 0.000723 printed ".002": the finding shows it rounded to the printed 3 decimals, 0.001.

    chisq.test(matrix(c(30, 10, 15, 25), 2, byrow = TRUE), correct = FALSE)$p.value = 0.0007232
    """
    t = CountTable("C", ("a", "b"), ("y", "n"), ((30, 10), (15, 25)), pvalue=".002")
    report = audit([t])
    assert fields(report) == [("C", "", "p", ".002", 0.001, "p-value", "error")]
    assert report.checks == 1


def test_only_the_printed_parts_of_a_test_are_checked():
    """A statistic alone is one check; a p-value alone is one check (X² 2.25 printed 2.25)."""
    counts = ((1, 2), (5, 1))
    stat = audit([CountTable("C", ("a", "b"), ("y", "n"), counts, statistic="2.25")])
    assert (fields(stat), stat.checks) == ([], 1)
    p = audit([CountTable("C", ("a", "b"), ("y", "n"), counts, pvalue="0.9")])
    assert fields(p) == [("C", "", "p", "0.9", 0.1, "p-value", "error")]
    assert p.checks == 1


def test_a_table_the_test_cannot_take_gives_notes():
    """A row of zeros has no chi-square: the printed statistic and p are notes with the reason."""
    t = CountTable("C", ("a", "z"), ("y", "n"), ((3, 1), (0, 0)), statistic="3.2", pvalue=".07")
    report = audit([t])
    assert fields(report) == [
        ("C", "", "chi-square", "3.2", "not checkable", "chi-square", "note"),
        ("C", "", "p", ".07", "not checkable", "p-value", "note"),
    ]
    assert "all zeros" in report.findings[0].message
    assert report.checks == 0
    only_p = audit([CountTable("C", ("a", "z"), ("y", "n"), ((3, 1), (0, 0)), pvalue=".07")])
    assert fields(only_p) == [("C", "", "p", ".07", "not checkable", "p-value", "note")]
    only_stat = audit([CountTable("C", ("a", "z"), ("y", "n"), ((3, 1), (0, 0)), statistic=3)])
    assert fields(only_stat) == [("C", "", "chi-square", 3, "not checkable", "chi-square", "note")]


def test_an_exact_test_too_large_to_run_gives_a_note():
    """Fisher's test of a 3×3 table of 1,930 records exceeds the exact limit: a note, not an error."""
    counts = ((300, 200, 100), (250, 260, 270), (100, 400, 50))
    t = CountTable("F", ("a", "b", "c"), ("x", "y", "z"), counts, pvalue="< .001", test="fisher")
    report = audit([t])
    assert fields(report) == [("F", "", "p", "< .001", "not checkable", "p-value", "note")]
    assert "exact" in report.findings[0].message


def test_an_audit_of_small_counts_raises_no_warning():
    """Expected counts below 5 would warn in chi_square; the audit keeps that to itself."""
    t = CountTable("C", ("a", "b"), ("y", "n"), COUNTS, statistic="0.53", pvalue=".47")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fields(audit([t])) == []


# -- tables of counts: the quantities relations refer to -------------------------------------------


def quantity(tables, name, summaries=(), **kw):
    """The value of a table quantity, read through an 'equal' relation with a figure it misses."""
    rel = Relation("equal", [name], published="probe", **kw)
    report = audit(tables, summaries, figures=[Figure("probe", "Text", -1)], relations=[rel])
    (finding,) = [f for f in report.findings if f.table == "Text"]
    return finding.recomputed, finding.message


def test_count_table_quantities():
    """A count table's quantities: N (printed), cells, columns, rows, each cell.

    Cells (3, 1), (2, 2) with printed N 4 and 5 and a stated total 8:
    total = the N's sum 4 + 5 = 9 (printed 8); cells = 8; columns 5 and 3;
    rows are the cell sums 4 and 4 (printed 4 and 5); n are the printed N 4 and 5.
    """
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, row_totals=(4, 5), grand_total=8)
    expected = {
        "T.total": 9,
        "T.cells": 8,
        "T.column.yes": 5,
        "T.column.no": 3,
        "T.row.a": 4,
        "T.row.b": 4,
        "T.n.a": 4,
        "T.n.b": 5,
        "T.cell.a.yes": 3,
        "T.cell.a.no": 1,
        "T.cell.b.yes": 2,
        "T.cell.b.no": 2,
    }
    assert {name: quantity([t], name)[0] for name in expected} == expected
    # the printed figures behind a quantity, where they differ from its value
    assert quantity([t], "T.total")[1].endswith("; the printed operands give 8.00")
    assert quantity([t], "T.row.b")[1].endswith("; the printed operands give 5.00")
    assert quantity([t], "T.n.b")[1] == "equal of T.n.b is 5"


def test_count_table_quantities_without_printed_totals():
    """Without printed N or total: total = cells = 8, rows are the sums, and there is no n."""
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS)
    assert quantity([t], "T.total") == (8, "equal of T.total is 8")
    assert quantity([t], "T.row.b") == (4, "equal of T.row.b is 4")
    with pytest.raises(KeyError, match=r"unknown quantity 'T\.n\.a'"):
        quantity([t], "T.n.a")


# -- money tables ---------------------------------------------------------------------------------


def housing(**kw):
    """2 × £7,770 printed £15,400; 5 × £2,303 = £11,515; total £26,915; 12 families, £2,243 each."""
    args = {
        "counts": (2, 5),
        "units": ("£7,770", "£2,303"),
        "totals": ("£15,400", "£11,515"),
        "total": "£26,915",
        "n": 12,
        "average": "£2,243",
    }
    return ProductTable("P", ("Housing", "Mental health"), **{**args, **kw})


def test_product_table_slips_carry_into_the_total_and_average():
    """2 × 7,770 = 15,540 (printed 15,400); 15,540 + 11,515 = 27,055 (printed 26,915);
    27,055 / 12 = 2,254.58, which rounds to 2,255 (printed 2,243).

    The units are whole pounds (± 0.5), so each product is a range: 2 × [7,769.5, 7,770.5] =
    [15,539, 15,541]; the total [27,051.5, 27,058.5]; the average that ÷ 12 = [2,254.29, 2,254.88].
    """
    report = audit([housing()])
    assert fields(report) == [
        ("P", "Housing", "total", 15400, 15540, "product", "error"),
        ("P", "Total", "total", 26915, 27055, "total", "error"),
        ("P", "Average", "per unit", 2243, 2255, "ratio", "error"),
    ]
    assert report.checks == 4
    messages = [f.message for f in report.findings]
    assert messages[0] == "2 × 7,770 = 15,540.00, printed 15,400"
    assert messages[1] == "the sum of count × unit is 27,055.00 (the printed cells sum to 26,915)"
    assert messages[2] == "27,055.00 ÷ 12 = 2,254.58 (printed total ÷ n = 2,242.92)"


@pytest.mark.parametrize(
    ("kw", "found"),
    [
        # 2 × £7,770 with the unit ± 0.5 is [15,539, 15,541]: £15,539 and £15,541 meet it at an end.
        ({"totals": ("£15,539", "£11,515")}, []),
        ({"totals": ("£15,541", "£11,515")}, []),
        ({"totals": ("£15,538", "£11,515")}, [("Housing", 15538, 15540)]),
        ({"totals": ("£15,542", "£11,515")}, [("Housing", 15542, 15540)]),
        # 5 × £2,303 ± 2.5 is [11,512.5, 11,517.5]: £11,512 covers [11,511.5, 11,512.5], just meeting it.
        ({"totals": ("£15,540", "£11,512")}, []),
        ({"totals": ("£15,540", "£11,511")}, [("Mental health", 11511, 11515)]),
        ({"totals": ("£15,540", "£11,518")}, []),
        ({"totals": ("£15,540", "£11,519")}, [("Mental health", 11519, 11515)]),
    ],
)
def test_a_product_of_a_rounded_unit_is_a_range(kw, found):
    """A printed product matches when the range count × (unit ± half a pound) meets it."""
    report = audit([housing(total=None, average=None, **kw)])
    assert [(f.row, f.published, f.recomputed) for f in report.findings] == found
    assert {f.rule for f in report.findings} <= {"product"}


@pytest.mark.parametrize(
    ("total", "average", "found"),
    [
        # total 27,055 ± (2 × 0.5 + 5 × 0.5 = 3.5): [27,051.5, 27,058.5]
        ("£27,051", "£2,255", []),
        ("£27,059", "£2,255", []),
        ("£27,050", "£2,255", [("Total", 27050, 27055)]),
        ("£27,060", "£2,255", [("Total", 27060, 27055)]),
        # average 27,055 / 12 = 2,254.583 ± 3.5 / 12 = 0.292: [2,254.29, 2,254.88]
        ("£27,055", "£2,254", []),
        ("£27,055", "£2,253", [("Average", 2253, 2255)]),
        ("£27,055", "£2,256", [("Average", 2256, 2255)]),
    ],
)
def test_total_and_average_of_rounded_products_are_ranges(total, average, found):
    """The total and the average carry the products' ranges (sums of half-pounds, then ÷ n)."""
    report = audit([housing(totals=("£15,540", "£11,515"), total=total, average=average)])
    assert [(f.row, f.published, f.recomputed) for f in report.findings] == found


def test_items_that_round_as_printed_may_sum_to_a_range():
    """Items £100 and £200 (each ± 0.5) sum to [299, 301]: £299 and £301 match, £298 does not."""
    for total in ("£299", "£300", "£301"):
        assert fields(audit([ProductTable("I", ("a", "b"), totals=("£100", "£200"), total=total)])) == []
    report = audit([ProductTable("I", ("a", "b"), totals=("£100", "£200"), total="£298")])
    assert fields(report) == [("I", "Total", "total", 298, 300, "total", "error")]
    assert report.findings[0].message == (
        "the items sum to 300.00 (between 299.00 and 301.00 for items that round as printed), "
        "printed 298"
    )
    assert report.checks == 1


def test_items_given_as_whole_numbers_are_exact():
    """Items 100 and 200 given as numbers are exact pounds: 300, so a printed 301 is a slip."""
    report = audit([ProductTable("I", ("a", "b"), totals=(100, 200), total=301)])
    assert fields(report) == [("I", "Total", "total", 301, 300, "total", "error")]
    assert report.findings[0].message == "the items sum to 300.00, printed 301"


def test_an_average_with_no_n_is_a_note():
    """An average printed without n: a note (Average, per unit), not a check."""
    report = audit([ProductTable("I", ("a", "b"), totals=(100, 200), average=150)])
    assert fields(report) == [("I", "Average", "per unit", 150, "not checkable", "ratio", "note")]
    assert report.checks == 0


def test_an_average_without_a_printed_total():
    """Items 100 and 201 over n = 2: 150.5, half-up 151; printed 150 is a slip (no total printed)."""
    report = audit([ProductTable("I", ("a", "b"), totals=(100, 201), n=2, average=150)])
    assert fields(report) == [("I", "Average", "per unit", 150, 151, "ratio", "error")]
    assert report.findings[0].message == "301.00 ÷ 2 = 150.50"


def test_product_table_quantities():
    """Money quantities: total, average (÷ n), rows, counts and units, with their ranges.

    housing() with the right products: total 15,540 + 11,515 = 27,055 (± 3.5), average
    27,055 / 12 = 2,254.583 (± 0.292), row Housing 15,540 (± 1), count 2, unit 7,770 (± 0.5).
    """
    p = housing(totals=("£15,540", "£11,515"))
    assert quantity([p], "P.total", decimals=2)[0] == 27055
    assert quantity([p], "P.average", decimals=2)[0] == 2254.58
    assert quantity([p], "P.row.Housing")[0] == 15540
    assert quantity([p], "P.row.Mental health")[0] == 11515
    assert quantity([p], "P.count.Housing")[0] == 2
    assert quantity([p], "P.unit.Mental health")[0] == 2303
    # the printed average (2,243) is what the printed operands give
    assert quantity([p], "P.average", decimals=2)[1].endswith("the printed operands give 2,243.00")
    assert quantity([p], "P.total")[1].endswith("the printed operands give 26,915.00")


@pytest.mark.parametrize(
    ("name", "inside", "outside"),
    [
        ("P.total", 27051, 27050),  # [27,051.5, 27,058.5] meets 27,051 ± 0.5
        ("P.row.Housing", 15539, 15538),  # [15,539, 15,541]
        ("P.unit.Housing", 7769, 7768),  # [7,769.5, 7,770.5]
        ("P.average", 2254, 2253),  # [2,254.29, 2,254.88]
    ],
)
def test_product_table_quantities_keep_their_ranges(name, inside, outside):
    """A figure quoting a money quantity matches anywhere in its range, and not beyond."""
    p = housing(totals=("£15,540", "£11,515"), total=None, average=None)
    rel = Relation("equal", [name], published="f")
    assert fields(audit([p], figures=[Figure("f", "Text", inside)], relations=[rel])) == []
    report = audit([p], figures=[Figure("f", "Text", outside)], relations=[rel])
    assert [(f.table, f.row, f.published) for f in report.findings] == [("Text", "f", outside)]


def test_a_table_without_n_has_no_average_quantity():
    """No n: the table declares no '.average' quantity."""
    p = ProductTable("I", ("a", "b"), totals=(100, 200))
    with pytest.raises(KeyError, match=r"unknown quantity 'I\.average'"):
        quantity([p], "I.average")
    assert quantity([p], "I.total") == (300, "equal of I.total is 300")


# -- summary rows ---------------------------------------------------------------------------------


def test_sd_from_se_is_a_range():
    """SE 1.0 (± 0.05) with n = 16: SD = SE × 4 = 4.0, anywhere in [3.80, 4.20].

    "3.80" and "4.20" meet the range at its ends; "3.79" ([3.785, 3.795]) and "4.21" miss it.
    """

    def sd(value):
        return audit(summaries=[SummaryRow("S", "r", 16, "10.0", sd=value, se="1.0")])

    for ok in ("3.80", "4.0", "4.20"):
        assert [f.rule for f in sd(ok).findings if f.rule == "sd"] == []
    for slip in ("3.79", "4.21"):
        found = [f for f in fields(sd(slip)) if f[5] == "sd"]
        assert found == [("S", "r", "SD", float(slip), 4.0, "sd", "error")]
    assert [f.message for f in sd("4.21").findings if f.rule == "sd"] == [
        "SD = SE × √n = 1.0 × √16 = 4.000 (3.800 to 4.200 for an SE that rounds to 1.0); printed SD 4.21"
    ]


def test_sd_and_se_without_n_is_a_note():
    """With no n, an SD beside an SE cannot be checked (and neither can an interval)."""
    report = audit(summaries=[SummaryRow("S", "r", None, "10.0", sd="4.0", se="1.0")])
    assert fields(report) == [
        ("S", "r", "SD", 4.0, "not checkable", "sd", "note"),
        ("S", "r", "95% CI", "[?, ?]", "not checkable", "ci", "note"),
    ]
    assert report.findings[1].message == "not checkable: no printed interval"
    assert report.checks == 0


@pytest.mark.parametrize(
    ("kw", "shown", "reason"),
    [
        ({"n": 11, "sd": "11.3", "ci_low": "29.9"}, "[29.9, ?]", "only one end of the interval printed"),
        (
            {"n": 11, "sd": "11.3", "ci_high": "45.1"},
            "[?, 45.1]",
            "only one end of the interval printed",
        ),
        ({"n": None, "sd": "11.3", "ci_low": "29.9", "ci_high": "45.1"}, "[29.9, 45.1]", "no n printed"),
        ({"n": 11, "ci_low": "29.9", "ci_high": "45.1"}, "[29.9, 45.1]", "no SD or SE printed"),
        (
            {"n": 1, "sd": "11.3", "ci_low": "29.9", "ci_high": "45.1"},
            "[29.9, 45.1]",
            "a t-interval needs n >= 2",
        ),
    ],
)
def test_intervals_that_cannot_be_checked_are_notes(kw, shown, reason):
    """Each reason an interval cannot be checked: a note in the CI column with the interval shown."""
    report = audit(summaries=[SummaryRow("S", "r", mean="37.5", **kw)])
    assert fields(report) == [("S", "r", "95% CI", shown, "not checkable", "ci", "note")]
    assert report.findings[0].message == f"not checkable: {reason}"
    assert report.checks == 0


def test_a_z_interval_of_one_record_is_checked():
    """n = 1 stops a t-interval only: M ± z SD is 37.5 ± 1.96 × 11.3 = [15.35, 59.65].

    qnorm(0.975) = 1.959964; 1.959964 × 11.3 = 22.1476.
    """
    report = audit(
        summaries=[
            SummaryRow("S", "r", 1, "37.5", sd="11.3", ci_low="15.4", ci_high="59.6", interval="z")
        ]
    )
    assert (fields(report), report.checks) == ([], 1)


@pytest.mark.parametrize(
    ("low", "high", "ok"),
    [
        ("29.9", "45.1", True),
        ("29.8", "45.0", True),
        ("30.0", "45.2", True),
        ("29.7", "45.1", False),
        ("30.1", "45.1", False),
        ("29.9", "44.9", False),
        ("29.9", "45.3", False),
    ],
)
def test_t_interval_edges(low, high, ok):
    """A t-interval from a mean and SD printed to one decimal is a range at each end.

    n = 11, qt(0.975, 10) / sqrt(11) = 0.6718091. M ± 0.05, SD ± 0.05, each end ± 0.05 more:
    low within 37.45 - 0.6718091 × 11.35 - 0.05 = 29.775 and 37.55 - 0.6718091 × 11.25 + 0.05 = 30.042,
    high within 37.45 + 0.6718091 × 11.25 - 0.05 = 44.958 and 37.55 + 0.6718091 × 11.35 + 0.05 = 45.225.
    The interval itself is 37.5 ± 7.5914 = [29.9086, 45.0914], printed [29.9, 45.1].
    """
    report = audit(summaries=[SummaryRow("S", "r", 11, "37.5", sd="11.3", ci_low=low, ci_high=high)])
    expected = [] if ok else [("S", "r", "95% CI", f"[{low}, {high}]", "[29.9, 45.1]", "ci", "warning")]
    assert fields(report) == expected
    assert report.checks == 1


def test_t_interval_message():
    """The finding says how the interval was computed and what it gives."""
    report = audit(
        summaries=[SummaryRow("S", "r", 11, "37.5", sd="11.3", ci_low="29.0", ci_high="45.1")]
    )
    assert fields(report) == [("S", "r", "95% CI", "[29, 45.1]", "[29.9, 45.1]", "ci", "warning")]
    assert report.findings[0].message == (
        "M ± t(10) SD/√N gives [29.91, 45.09]; the printed interval matches no t-interval for "
        "the printed M, SD and N (another method, or a slip)"
    )


@pytest.mark.parametrize(
    ("low", "ok"),
    [("7.98", True), ("8.04", True), ("8.10", True), ("7.97", False), ("8.11", False)],
)
def test_z_interval_from_the_se(low, ok):
    """M ± z SE: 10.0 ± 1.959964 × 1.00 = [8.04, 11.96] (qnorm(0.975) = 1.959964).

    n = 25, so SE × √n = 5.00 ± 0.005 × 5 = 0.025 and the quantile per √n is 1.959964 / 5 = 0.3919928.
    The low end lies within 9.95 - 0.3919928 × 5.025 - 0.005 = 7.9752 and
    10.05 - 0.3919928 × 4.975 + 0.005 = 8.1048. The SD printed beside it (1.0, wrong) is not used.
    """
    row = SummaryRow(
        "S", "r", 25, "10.0", sd="1.0", se="1.00", ci_low=low, ci_high="11.96", interval="z"
    )
    report = audit(summaries=[row])
    ci = [f for f in fields(report) if f[5] == "ci"]
    assert ci == (
        []
        if ok
        else [("S", "r", "95% CI", f"[{float(low):g}, 11.96]", "[8.04, 11.96]", "ci", "warning")]
    )
    assert [f[5] for f in fields(report)] == ["sd"] + ([] if ok else ["ci"])  # SD 1.0 is not 1.00 × 5
    if not ok:
        assert report.findings[1].message.startswith("M ± z SE gives [8.04, 11.96]; ")
        assert "z-interval for the printed M, SE and N" in report.findings[1].message


def test_a_90_percent_interval():
    """confidence 0.90: M ± qnorm(0.95) SD/√n = 10 ± 1.644854 × 5 / 5 = [8.36, 11.64] ("90% CI")."""
    row = SummaryRow(
        "S", "r", 25, "10.0", sd="5.0", ci_low="8.0", ci_high="11.6", confidence=0.9, interval="z"
    )
    assert fields(audit(summaries=[row])) == [
        ("S", "r", "90% CI", "[8, 11.6]", "[8.4, 11.6]", "ci", "warning")
    ]


def test_grim_finding_and_note():
    """Ten whole-number scores sum to a whole number, so their mean is a tenth: 3.47 is not (3.5 is
    nearest), 3.40 is. Without n, GRIM is a note in the M column. (No interval: a CI note first.)"""
    report = audit(summaries=[SummaryRow("S", "r", 10, "3.47", granularity=1)])
    assert fields(report) == [
        ("S", "r", "95% CI", "[?, ?]", "not checkable", "ci", "note"),
        ("S", "r", "M", 3.47, 3.5, "grim", "error"),
    ]
    assert report.checks == 1
    clean = audit(summaries=[SummaryRow("S", "r", 10, "3.40", granularity=1)])
    assert ([f[5] for f in fields(clean)], clean.checks) == (["ci"], 1)
    no_n = audit(summaries=[SummaryRow("S", "r", None, "3.47", granularity=1)])
    assert fields(no_n)[1:] == [("S", "r", "M", 3.47, "not checkable", "grim", "note")]
    assert no_n.findings[1].message == "not checkable: no n printed"
    assert no_n.checks == 0


def test_summary_quantities():
    """A summary row declares its mean and SD (each ± half a printed unit) and its n.

    Mean 37.5 stands for [37.45, 37.55], SD 11.3 for [11.25, 11.35], n 11 is exact.
    """
    rows = [SummaryRow("S", "r", 11, "37.5", sd="11.3")]
    assert quantity([], "S.mean.r", rows, decimals=2)[0] == 37.5
    assert quantity([], "S.sd.r", rows, decimals=2)[0] == 11.3
    assert quantity([], "S.n.r", rows)[0] == 11

    def matches(name, figure):
        rel = Relation("equal", [name], published="f", decimals=2)
        report = audit(summaries=rows, figures=[Figure("f", "Text", figure)], relations=[rel])
        return [f for f in report.findings if f.table == "Text"] == []

    # at two decimals a figure covers ± 0.005: 37.45 and 37.55 meet the mean's range, 37.44 does not
    assert (matches("S.mean.r", 37.45), matches("S.mean.r", 37.55), matches("S.mean.r", 37.44)) == (
        True,
        True,
        False,
    )
    assert (matches("S.sd.r", 11.35), matches("S.sd.r", 11.36)) == (True, False)
    assert (matches("S.n.r", 11.0), matches("S.n.r", 11.01)) == (True, False)


def test_summary_quantities_need_their_figures():
    """No SD printed: no '.sd' quantity; no n: no '.n' quantity."""
    rows = [SummaryRow("S", "r", None, "37.5")]
    for name in ("S.sd.r", "S.n.r"):
        with pytest.raises(KeyError, match=f"unknown quantity '{name}'"):
            quantity([], name, rows)


# -- relations between figures --------------------------------------------------------------------

X_Y = [Figure("x", "Text", 17), Figure("y", "Text", 26)]


def relate(kind, operands, figure, **kw):
    rel = Relation(kind, operands, published="f", **kw)
    return audit(figures=[*X_Y, Figure("f", "Text (3)", figure)], relations=[rel])


@pytest.mark.parametrize(
    ("kind", "operands", "slip", "recomputed"),
    [
        ("sum", ["x", "y"], 42, 43),  # 17 + 26
        ("difference", ["x", "y"], -8, -9),  # 17 - 26
        ("difference", ["y", "x"], 8, 9),  # 26 - 17
        ("ratio", ["y", "x"], "1.52", 1.53),  # 26 / 17 = 1.5294
        ("ratio", ["x", "y"], "0.66", 0.65),  # 17 / 26 = 0.6538
        ("percent", ["x", "y"], "66%", 65),  # 100 × 17 / 26 = 65.38
        ("mean", ["x", "y"], "21.4", 21.5),  # (17 + 26) / 2
        ("mean", ["x", "y", "x"], "20.1", 20.0),  # (17 + 26 + 17) / 3
        ("sum", ["x", "y", "x"], 61, 60),  # 17 + 26 + 17
        ("equal", ["y"], 25, 26),
    ],
)
def test_each_relation_kind_recomputes_its_value(kind, operands, slip, recomputed):
    """Each kind's arithmetic, shown at the figure's printed precision."""
    report = relate(kind, operands, slip)
    assert fields(report) == [
        ("Text (3)", "f", "", report.findings[0].published, recomputed, kind, "error")
    ]
    assert report.checks == 1


def test_relation_factor_decimals_severity_and_note():
    """factor scales the value; decimals overrides the printed precision; severity and note are kept.

    100 × 17 / 26 = 65.38%, shown at one decimal 65.4; printed 66% is a warning here.
    17 / 26 × 100 (a ratio with factor 100) is the same 65.38.
    """
    report = relate("percent", ["x", "y"], "66%", decimals=1, severity="warning", note="see p. 4")
    assert fields(report) == [("Text (3)", "f", "", 66, 65.4, "percent", "warning")]
    assert report.findings[0].message == "percent of x, y is 65.38. see p. 4"
    # at one decimal 65.38 is 65.4, so a printed 65% (right at 0 decimals) does not match
    assert fields(relate("percent", ["x", "y"], "65%", decimals=1)) == [
        ("Text (3)", "f", "", 65, 65.4, "percent", "error")
    ]
    assert fields(relate("percent", ["x", "y"], "65%")) == []
    scaled = relate("ratio", ["x", "y"], "66", factor=100)
    assert fields(scaled) == [("Text (3)", "f", "", 66, 65, "ratio", "error")]
    assert scaled.findings[0].message == "ratio of x, y × 100 is 65.38"
    assert fields(relate("ratio", ["x", "y"], "65", factor=100)) == []


def test_a_negative_factor_turns_the_range_round():
    """Operands 1.5 and 0.5 (± 0.05 each) sum to [1.9, 2.1]; × -1 that is [-2.1, -1.9].

    -2.0, -2.1 and -1.9 all lie in it; -2.2 ([-2.25, -2.15]) does not.
    """
    figs = [Figure("a", "T", "1.5"), Figure("b", "T", "0.5")]
    rel = Relation("sum", ["a", "b"], published="f", factor=-1)
    for ok in ("-2.0", "-2.1", "-1.9"):
        assert fields(audit(figures=[*figs, Figure("f", "T", ok)], relations=[rel])) == []
    report = audit(figures=[*figs, Figure("f", "T", "-2.2")], relations=[rel])
    assert fields(report) == [("T", "f", "", -2.2, -2.0, "sum", "error")]


@pytest.mark.parametrize(
    ("kind", "a", "b", "inside", "outside"),
    [
        # 1.5 (± 0.05) - 0.5 (± 0.05) lies in [0.9, 1.1]
        ("difference", "1.5", "0.5", "1.1", "1.2"),
        ("difference", "1.5", "0.5", "0.9", "0.8"),
        # 1.5 / 0.5 lies in [1.45 / 0.55, 1.55 / 0.45] = [2.636, 3.444]
        ("ratio", "1.5", "0.5", "2.64", "2.63"),
        ("ratio", "1.5", "0.5", "3.44", "3.45"),
        # the mean of 1.5 and 0.5 lies in [0.95, 1.05]
        ("mean", "1.5", "0.5", "0.95", "0.94"),
        ("mean", "1.5", "0.5", "1.05", "1.06"),
    ],
)
def test_relations_of_rounded_figures_are_ranges(kind, a, b, inside, outside):
    """A relation of rounded figures is the range of values their intervals allow, and no wider."""
    figs = [Figure("a", "T", a), Figure("b", "T", b)]
    rel = Relation(kind, ["a", "b"], published="f")
    assert fields(audit(figures=[*figs, Figure("f", "T", inside)], relations=[rel])) == []
    report = audit(figures=[*figs, Figure("f", "T", outside)], relations=[rel])
    assert [(f.row, f.published, f.rule) for f in report.findings] == [("f", float(outside), kind)]


def test_a_ratio_over_an_interval_holding_zero_matches_anything_finite():
    """0.0 printed stands for [-0.05, 0.05], which holds 0: a ratio over it could be anything."""
    figs = [Figure("a", "T", "1.5"), Figure("b", "T", "0.04"), Figure("f", "T", "999")]
    report = audit(figures=figs, relations=[Relation("ratio", ["a", "b"], published="f")])
    # 1.5 / 0.04 = 37.5; "0.04" is [0.035, 0.045], not holding 0: 999 is a slip
    assert [(f.row, f.recomputed) for f in report.findings] == [("f", 38)]
    figs[1] = Figure("b", "T", "0.0")  # 1.5 / 0.0 is a division by zero: a note
    report = audit(figures=figs, relations=[Relation("ratio", ["a", "b"], published="f")])
    assert fields(report) == [("T", "f", "", 999, "not checkable", "ratio", "note")]
    assert report.findings[0].message == "not checkable: b is 0 (division by zero)"
    figs[1] = Figure("b", "T", "0.1")  # [0.05, 0.15] does not hold 0
    report = audit(figures=figs, relations=[Relation("ratio", ["a", "b"], published="f")])
    assert [(f.row, f.recomputed) for f in report.findings] == [("f", 15)]
    figs[1] = Figure("b", "T", "0")  # text "0" is exact, so 1.5 / 0 is not checkable either
    report = audit(figures=figs, relations=[Relation("percent", ["a", "b"], published="f")])
    assert [f.severity for f in report.findings] == ["note"]


def test_a_ratio_whose_divisor_may_be_zero_is_unbounded():
    """A divisor whose range reaches 0 allows any ratio: items £1 and £0 (± 0.5 each) total 1 ± 1.

    5 / [0, 2] is unbounded, so any printed figure matches; a divisor of [0.5, 1.5] (the item £1)
    bounds 5 / it to [3.33, 10], so 999 is a slip (recomputed 5 / 1 = 5).
    """
    items = ProductTable("P", ("a", "b"), totals=("£1", "£0"))
    figs = [Figure("five", "T", 5), Figure("f", "T", 999)]
    report = audit(
        [items], figures=figs, relations=[Relation("ratio", ["five", "P.total"], published="f")]
    )
    assert fields(report) == []
    report = audit(
        [items], figures=figs, relations=[Relation("ratio", ["five", "P.row.a"], published="f")]
    )
    assert fields(report) == [("T", "f", "", 999, 5, "ratio", "error")]
    # the same below zero: -£1 and £0 total -1 ± 1, the range [-2, 0] reaching 0 from below
    below = ProductTable("P", ("a", "b"), totals=("-£1", "£0"))
    rel = Relation("percent", ["five", "P.total"], published="f")
    assert fields(audit([below], figures=figs, relations=[rel])) == []


def test_unknown_figures_and_quantities_name_the_relation():
    """A relation naming an unknown figure or quantity raises MissingKeyError, naming relations[k]."""
    with pytest.raises(KeyError, match=r"relations\[2\] \(sum\): relation refers to unknown figure 'g'"):
        audit(
            figures=X_Y,
            relations=[Relation("sum", ["x"], published="x"), Relation("sum", ["x"], published="g")],
        )
    with pytest.raises(KeyError, match=r"relations\[1\] \(sum\): .*unknown quantity 'z'"):
        audit(figures=X_Y, relations=[Relation("sum", ["x", "z"], published="y")])
    with pytest.raises(KeyError, match=r"relations\[1\] \(odds-ratio\): .* 'nowhere', which is not"):
        audit(relations=[Comparison("odds-ratio", "nowhere", ("a", "b"), "y")])


def test_agree_over_shared_labels():
    """T.column.* against U.column.*: yes 5 = 5, no 3 ≠ 4 (U has a column 'maybe' T has not)."""
    t = CountTable("T", ("a", "b"), ("yes", "no"), COUNTS)
    u = CountTable("U", ("c",), ("yes", "no", "maybe"), ((5, 4, 1),))
    report = audit(
        [t, u], relations=[Relation("agree", ["T.column.*", "U.column.*"], severity="warning")]
    )
    assert fields(report) == [("T", "", "no", 3, 4, "equal", "warning")]
    assert (
        report.findings[0].message
        == "T.column.no is 3 but U.column.no is 4; both describe the same records"
    )
    assert report.checks == 2
    rows = audit([t, u], relations=[Relation("agree", ["T.row.b", "U.column.maybe"], note="n.b.")])
    assert fields(rows) == [("T", "b", "", 4, 1, "equal", "error")]
    assert rows.findings[0].message.endswith("same records. n.b.")
    # a cell's finding is in the row "<row>.<column>" (all of the name after the kind)
    cells = audit([t, u], relations=[Relation("agree", ["T.cell.b.*", "U.cell.c.*"])])
    assert fields(cells) == [
        ("T", "b.yes", "", 2, 5, "equal", "error"),
        ("T", "b.no", "", 2, 4, "equal", "error"),
    ]
    total = audit([t, u], relations=[Relation("agree", ["T.total", "U.total"])])
    assert fields(total) == [("T", "", "", 8, 10, "equal", "error")]
    with pytest.raises(KeyError, match=r"agree\(T.row.\*, U.row.\*\) matches no shared labels"):
        audit([t, u], relations=[Relation("agree", ["T.row.*", "U.row.*"])])


def test_agree_allows_the_ranges_of_rounded_quantities():
    """£100 (± 0.5) agrees with £101 (± 0.5): the ranges touch at 100.5; £102 does not.

    An exact 150.5 (301 / 2 from whole-number items) agrees with a mean printed 150 (± 0.5), one
    range being enough; exact 150.5 against exact 150 (a count) does not.
    """
    p = ProductTable("P", ("a",), totals=("£100",))
    for other, found in (
        ("£101", []),
        ("£99", []),
        ("£102", [("P", "a", "", 100, 102, "equal", "error")]),
    ):
        q = ProductTable("Q", ("a",), totals=(other,))
        assert fields(audit([p, q], relations=[Relation("agree", ["P.row.a", "Q.row.a"])])) == found
    half = ProductTable("H", ("a", "b"), totals=(100, 201), n=2)
    mean = [SummaryRow("S", "r", 2, "150")]
    rel = Relation("agree", ["H.average", "S.mean.r"])
    assert fields(audit([half], mean, relations=[rel])) == [
        ("S", "r", "95% CI", "[?, ?]", "not checkable", "ci", "note")
    ]
    count = CountTable("C", ("r",), ("x", "y"), ((150, 0),))
    report = audit([half, count], relations=[Relation("agree", ["H.average", "C.cell.r.x"])])
    assert fields(report) == [("H", "", "", 150.5, 150, "equal", "error")]


# -- comparisons of two groups' counts ------------------------------------------------------------

# Engaged 9 of 12 improved, disengaged 5 of 25.
GROUPS = CountTable("G", ("Engaged", "Disengaged"), ("Improved", "Not improved"), ((9, 3), (5, 20)))
PAIR = ("Engaged", "Disengaged")


def compare(kind, table=GROUPS, rows=PAIR, **kw):
    return audit([table], relations=[Comparison(kind, "G", rows, "Improved", **kw)])


@pytest.mark.parametrize(
    ("kind", "estimate", "low", "high", "right"),
    [
        # p1 = 9/12 = 0.75, p2 = 5/25 = 0.2; z = qnorm(0.975) = 1.959964.
        # RD = 0.55, se = sqrt(.75 × .25 / 12 + .2 × .8 / 25) = 0.1484; 0.55 ± 0.2909 = [0.2591, 0.8409]
        ("risk-difference", "0.55", "0.26", "0.84", "[0.26, 0.84]"),
        # RR = 3.75, se(log) = sqrt(1/9 - 1/12 + 1/5 - 1/25) = 0.4333;
        # exp(log 3.75 ± 0.8493) = [1.6039, 8.7677]
        ("relative-risk", "3.75", "1.60", "8.77", "[1.60, 8.77]"),
        # OR = 9 × 20 / (3 × 5) = 12, se(log) = sqrt(1/9 + 1/3 + 1/5 + 1/20) = 0.8333; [2.3434, 61.4492]
        ("odds-ratio", "12.0", "2.34", "61.45", "[2.34, 61.45]"),
    ],
)
def test_comparisons_clean_then_each_part_slipped(kind, estimate, low, high, right):
    """Each measure: the right estimate and interval match; a slip in each is found in its column.

    R: p1 <- 9/12; p2 <- 5/25; z <- qnorm(.975); the formulas in the comments.
    """
    assert fields(compare(kind, estimate=estimate, ci_low=low, ci_high=high)) == []
    wrong = "10." + "0" * (len(estimate) - estimate.index(".") - 1)  # 10.00 or 10.0: as printed
    wrong_estimate = compare(kind, estimate=wrong, ci_low=low, ci_high=high)
    assert fields(wrong_estimate) == [
        ("G", "Engaged vs Disengaged", "estimate", 10, float(estimate), kind, "error")
    ]
    wrong_low = compare(kind, estimate=estimate, ci_low="0.01", ci_high=high, severity="warning")
    assert fields(wrong_low) == [
        ("G", "Engaged vs Disengaged", "95% CI", f"[0.01, {high}]", right, kind, "warning")
    ]
    wrong_high = compare(kind, ci_low=low, ci_high="99.99")
    assert fields(wrong_high) == [
        ("G", "Engaged vs Disengaged", "95% CI", f"[{low}, 99.99]", right, kind, "error")
    ]


def test_risk_difference_in_percentage_points():
    """Printed with %, a risk difference is in points: 55%, [25.9%, 84.1%] (× 100 of the above)."""
    assert fields(compare("risk-difference", estimate="55%", ci_low="25.9%", ci_high="84.1%")) == []
    report = compare("risk-difference", estimate="56%", ci_low="25.9%", ci_high="84.0%", note="p. 9")
    assert fields(report) == [
        ("G", "Engaged vs Disengaged", "estimate", 56, 55, "risk-difference", "error"),
        (
            "G",
            "Engaged vs Disengaged",
            "95% CI",
            "[25.9%, 84.0%]",
            "[25.9, 84.1]",
            "risk-difference",
            "error",
        ),
    ]
    assert report.findings[0].message == "9/12 vs 5/25 gives 55%, printed 56%. p. 9"
    assert report.findings[1].message == (
        "Wald: p1 − p2 ± z √(p1(1 − p1)/n1 + p2(1 − p2)/n2) with 9/12 vs 5/25 gives "
        "[25.91%, 84.09%]. p. 9"
    )
    # one end printed with % is enough to read both in points
    assert fields(compare("risk-difference", ci_low="25.9%", ci_high="84.1")) == []


def test_a_90_percent_comparison_interval():
    """confidence 0.90: z = qnorm(0.95) = 1.644854; RR 3.75 × exp(± 1.644854 × 0.4333) = [1.84, 7.65]."""
    report = compare("relative-risk", ci_low="1.60", ci_high="8.77", confidence=0.9)
    assert fields(report) == [
        (
            "G",
            "Engaged vs Disengaged",
            "90% CI",
            "[1.60, 8.77]",
            "[1.84, 7.65]",
            "relative-risk",
            "error",
        )
    ]


def test_comparison_groups_use_the_printed_n():
    """With printed N 12 and 50, the disengaged risk is 5/50 = 0.1: RD 0.75 - 0.1 = 0.65, RR 7.5."""
    t = CountTable(
        "G",
        PAIR,
        ("Improved", "Not improved"),
        ((9, 3), (5, 20)),
        row_totals=(12, 50),
        totals_are_sums=False,
    )
    assert fields(compare("risk-difference", table=t, estimate="0.65")) == []
    assert fields(compare("relative-risk", table=t, estimate="7.50")) == []
    # OR: a = 9, b = 12 - 9 = 3, c = 5, d = 50 - 5 = 45: 9 × 45 / 15 = 27
    assert fields(compare("odds-ratio", table=t, estimate="27.0")) == []
    # the rows compared second against first
    assert fields(compare("relative-risk", table=t, rows=PAIR[::-1], estimate="0.133")) == []


@pytest.mark.parametrize(
    ("kind", "counts", "reason"),
    [
        (
            "relative-risk",
            ((0, 12), (5, 20)),
            "a group has no events, so the log relative risk is undefined",
        ),
        (
            "relative-risk",
            ((9, 3), (0, 25)),
            "a group has no events, so the log relative risk is undefined",
        ),
        (
            "odds-ratio",
            ((0, 12), (5, 20)),
            "a cell of the 2×2 table is 0, so the log odds ratio is undefined",
        ),
        (
            "odds-ratio",
            ((12, 0), (5, 20)),
            "a cell of the 2×2 table is 0, so the log odds ratio is undefined",
        ),
        (
            "odds-ratio",
            ((9, 3), (25, 0)),
            "a cell of the 2×2 table is 0, so the log odds ratio is undefined",
        ),
        ("risk-difference", ((9, 3), (0, 0)), "a group has no records"),
        ("risk-difference", ((0, 0), (5, 20)), "a group has no records"),
    ],
)
def test_comparisons_that_cannot_be_computed_are_notes(kind, counts, reason):
    """A zero that makes the measure undefined is a note naming the pair and the measure."""
    t = CountTable("G", PAIR, ("Improved", "Not improved"), counts)
    report = compare(kind, table=t, estimate="2.0")
    assert fields(report) == [("G", "Engaged vs Disengaged", kind, 2.0, "not checkable", kind, "note")]
    assert report.findings[0].message == f"not checkable: {reason}"
    assert report.checks == 0


def test_a_risk_difference_of_zero_events_is_computable():
    """No events in a group leaves the risk difference defined: 0/12 - 5/25 = -0.2."""
    t = CountTable("G", PAIR, ("Improved", "Not improved"), ((0, 12), (5, 20)))
    assert fields(compare("risk-difference", table=t, estimate="-0.20")) == []


def test_comparison_interval_parts_missing():
    """One end printed: a note in the CI column; nothing printed: a note in the measure's column."""
    report = compare("odds-ratio", ci_high="61.45")
    assert fields(report) == [
        ("G", "Engaged vs Disengaged", "95% CI", "61.45", "not checkable", "odds-ratio", "note")
    ]
    assert report.findings[0].message == "not checkable: only one end of the interval printed"
    report = compare("odds-ratio", ci_low="2.34")
    assert fields(report)[0][3] == "2.34"
    report = compare("odds-ratio")
    assert fields(report) == [
        ("G", "Engaged vs Disengaged", "odds-ratio", "", "not checkable", "odds-ratio", "note")
    ]
    assert report.findings[0].message == "not checkable: neither an estimate nor an interval printed"
    assert compare("odds-ratio", estimate="12.0").checks == 1


def test_comparison_rows_and_event_must_exist():
    """An unknown row or event column is a MissingKeyError naming the table's labels."""
    with pytest.raises(KeyError, match=r"G has no row 'x' \(rows: Engaged, Disengaged\)"):
        compare("odds-ratio", rows=("Engaged", "x"))
    with pytest.raises(KeyError, match=r"G has no column 'Gone' \(columns: Improved, Not improved\)"):
        audit([GROUPS], relations=[Comparison("odds-ratio", "G", PAIR, "Gone")])
    money = ProductTable("G", ("a",), totals=(1,))
    with pytest.raises(KeyError, match="not a declared table of counts"):
        audit([money], relations=[Comparison("odds-ratio", "G", PAIR, "Improved")])


# -- printed test statistics ----------------------------------------------------------------------


def stat_test(test, statistic, df, p, **kw):
    return audit(relations=[PrintedTest("Text", "x", test, statistic, df, p, **kw)])


@pytest.mark.parametrize(
    ("test", "statistic", "df", "p", "name", "recomputed"),
    [
        ("t", "2.20", (28,), ".026", "t(28)", "0.0362"),  # 2 * pt(2.20, 28, lower.tail = FALSE)
        ("t", "-2.20", (28,), ".026", "t(28)", "0.0362"),  # the sign does not matter
        ("z", "2.50", (), ".05", "z", "0.0124"),  # 2 * pnorm(2.5, lower.tail = FALSE) = 0.01241933
        ("chi2", "4.12", (1,), ".06", "chi2(1)", "0.0424"),  # pchisq(4.12, 1, lower.tail = FALSE)
        ("F", "3.95", (2, 57), ".05", "F(2, 57)", "0.0247"),  # pf(3.95, 2, 57, lower.tail = FALSE)
    ],
)
def test_printed_test_findings(test, statistic, df, p, name, recomputed):
    """Each test's p from its statistic and df; the finding names the test and shows p to 3 digits."""
    report = stat_test(test, statistic, df, p)
    assert [(f.table, f.row, f.column, f.published, f.recomputed, f.rule) for f in report.findings] == [
        ("Text", "x", name, p, recomputed, "p-value")
    ]
    assert report.checks == 1


def test_one_tailed_p_is_half():
    """One-tailed t(28) = 2.20: pt(2.20, 28, lower.tail = FALSE) = 0.01811; .018 matches, .036 not."""
    assert fields(stat_test("t", "2.20", (28,), ".018", tails=1)) == []
    report = stat_test("t", "2.20", (28,), ".036", tails=1)
    assert [(f.recomputed, f.severity) for f in report.findings] == [("0.0181", "warning")]
    assert "(one-tailed; " in report.findings[0].message
    z = stat_test("z", "2.50", (), ".0062", tails=1)  # pnorm(2.5, lower.tail = FALSE) = 0.00621
    assert fields(z) == []


def test_statistics_that_round_as_printed_give_a_range_of_p():
    """t(28) = 2.20 stands for [2.195, 2.205]: p from 0.03584 to 0.03662 (two-tailed).

    2 * pt(2.205, 28, lower.tail = FALSE) = 0.03584; 2 * pt(2.195, 28, lower.tail = FALSE) = 0.03662.
    Printed to 4 decimals, .0359 and .0366 meet that range; .0357 and .0367 do not.
    """
    for t in ("2.20", "-2.20", "\u22122.20"):  # a negative t gives the same range
        for ok in (".0359", ".0366"):
            assert fields(stat_test("t", t, (28,), ok)) == []
        for slip in (".0357", ".0367"):
            assert [f.published for f in stat_test("t", t, (28,), slip).findings] == [slip]


def test_z_of_zero_reaches_p_of_one():
    """z = 0.00 stands for [-0.005, 0.005], so p runs up to exactly 1 (not 2 × P(Z > 0.005) = 0.996)."""
    assert fields(stat_test("z", "0.00", (), "> .997")) == []


@pytest.mark.parametrize(
    ("test", "statistic", "df", "p", "alpha", "severity"),
    [
        # t(40) = 1.80: p = 0.0794 (2 * pt(1.80, 40, lower.tail = FALSE)); "< .05" says significant
        ("t", "1.80", (40,), "< .05", 0.05, "error"),
        # z = 2.50: p = 0.0124 < .05, but "= .05" is not below .05: a decision error
        ("z", "2.50", (), ".05", 0.05, "error"),
        # "> .05" says not significant; p = 0.0124 is
        ("z", "2.50", (), "> .05", 0.05, "error"),
        # "> .01" says not significant (though .01 < α); z = 3.00 gives p = 0.0027, which is
        # (2 * pnorm(3, lower.tail = FALSE) = 0.0026998)
        ("z", "3.00", (), "> .01", 0.05, "error"),
        # ".02" (not .0124) still says significant: only a warning
        ("z", "2.50", (), ".02", 0.05, "warning"),
        # "< .01" is wrong (p = 0.0124) but both are below α = .05
        ("z", "2.50", (), "< .01", 0.05, "warning"),
        # one-tailed z = 0: p is exactly 0.5 = α, which is not below α; "< .4" says it is
        ("z", "0.00", (), "< .4", 0.5, "error"),
        # at α = 0.01 neither 0.0124 nor .02 is significant: a warning
        ("z", "2.50", (), ".02", 0.01, "warning"),
        # at α = 0.01, "< .01" (significant) against p = 0.0124 (not): a decision error
        ("z", "2.50", (), "< .01", 0.01, "error"),
    ],
)
def test_decision_errors_at_the_boundary(test, statistic, df, p, alpha, severity):
    """A wrong p is an error when it crosses α (a decision error), else a warning; p = α is not < α."""
    tails = 1 if statistic == "0.00" else 2
    report = stat_test(test, statistic, df, p, alpha=alpha, tails=tails)
    assert [(f.rule, f.severity) for f in report.findings] == [("p-value", severity)]
    message = report.findings[0].message
    assert message.endswith(f"the conclusion at α = {alpha:g} differs (a decision error)") == (
        severity == "error"
    )


def test_printed_test_message():
    """The message gives p, the tails, the range and the printed p."""
    report = stat_test("t", "2.20", (28,), ".026")
    assert report.findings[0].message == (
        "t(28) = 2.20 gives p = 0.03623 (two-tailed; 0.03584 to 0.03662 for statistics that round "
        "to 2.20), printed p .026"
    )


# -- further edges found by mutation testing ------------------------------------------------------


def test_a_t_interval_of_two_records_is_checked():
    """n = 2 is enough for a t-interval: 10.0 ± qt(0.975, 1) × 1.0 / √2 = 10 ± 8.985 = [1.0, 19.0].

    qt(0.975, 1) = 12.7062; 12.7062 / 1.41421 = 8.98464.
    """
    row = SummaryRow("S", "r", 2, "10.0", sd="1.0", ci_low="1.0", ci_high="19.0")
    report = audit(summaries=[row])
    assert (fields(report), report.checks) == ([], 1)


def test_an_interval_is_shown_at_the_most_decimals_printed():
    """An SE printed to 3 decimals shows the recomputed interval to 3: 10.0 ± 1.959964 × 1.100.

    n = 25: SE × √n = 5.5, z / √n = 0.3919928; 10 ± 2.155961 = [7.844039, 12.155961].
    """
    row = SummaryRow("S", "r", 25, "10.0", se="1.100", ci_low="7.00", ci_high="12.16", interval="z")
    assert fields(audit(summaries=[row])) == [
        ("S", "r", "95% CI", "[7, 12.16]", "[7.844, 12.156]", "ci", "warning")
    ]


def test_an_odds_ratio_with_no_events_in_the_second_group_is_a_note():
    """c = 0 (no events among the disengaged) makes log OR undefined too; without an estimate the
    note's published figure is empty."""
    t = CountTable("G", PAIR, ("Improved", "Not improved"), ((9, 3), (0, 25)))
    report = compare("odds-ratio", table=t)
    assert fields(report) == [
        ("G", "Engaged vs Disengaged", "odds-ratio", "", "not checkable", "odds-ratio", "note")
    ]
    assert report.findings[0].message.endswith("the log odds ratio is undefined")


def test_a_negative_z_gives_the_same_range_of_p():
    """z = -2.50 stands for [-2.505, -2.495]: p from 0.01224 to 0.01259 as for 2.50.

    2 * pnorm(2.505, lower.tail = FALSE) = 0.012245; 2 * pnorm(2.495, lower.tail = FALSE) = 0.012596.
    """
    for z in ("2.50", "-2.50"):
        assert fields(stat_test("z", z, (), ".0125")) == []
        assert [f.published for f in stat_test("z", z, (), ".0127").findings] == [".0127"]


def test_a_difference_from_a_zero_figure_is_bounded():
    """1.5 - 0.0 is [1.4, 1.6] (each ± 0.05): a zero operand bounds a difference, unlike a divisor."""
    figs = [Figure("a", "T", "1.5"), Figure("b", "T", "0.0"), Figure("f", "T", "9.9")]
    report = audit(figures=figs, relations=[Relation("difference", ["a", "b"], published="f")])
    assert fields(report) == [("T", "f", "", 9.9, 1.5, "difference", "error")]


def test_agree_finding_names_a_table_whose_name_holds_dots():
    """'Table 5.1.row.b' is row b of table 'Table 5.1' (not table 'Table 5', kind '1').

    Row b of Table 5.1 sums to 2 + 2 = 4; row c of U sums to 5 + 4 + 1 = 10.
    """
    t = CountTable("Table 5.1", ("a", "b"), ("yes", "no"), COUNTS)
    u = CountTable("U", ("c",), ("yes", "no", "maybe"), ((5, 4, 1),))
    report = audit([t, u], relations=[Relation("agree", ["Table 5.1.row.b", "U.row.c"])])
    assert fields(report) == [("Table 5.1", "b", "", 4, 10, "equal", "error")]
    # the longest table name wins when one table's name starts another's
    v = CountTable("Table 5", ("b",), ("yes", "no"), ((1, 2),))
    both = audit([t, u, v], relations=[Relation("agree", ["Table 5.1.row.b", "U.row.c"])])
    assert fields(both) == [("Table 5.1", "b", "", 4, 10, "equal", "error")]


@pytest.mark.parametrize("test", ["chi2", "F"])
def test_a_negative_chi2_or_f_statistic_is_refused(test):
    """χ² and F are sums of squares: a printed -3.1 is a declaration error, named with its place."""
    df = (2,) if test == "chi2" else (2, 20)
    with pytest.raises(ValueError, match=rf"Text, x: a {test} statistic cannot be negative: '-3.1'"):
        PrintedTest("Text", "x", test, "-3.1", df, ".04")
    # a negative t or z is a statistic like any other
    assert PrintedTest("Text", "x", "t", "-3.1", (20,), ".006").statistic == "-3.1"
