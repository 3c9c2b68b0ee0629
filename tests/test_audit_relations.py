"""Tests for safecore.audit's relations: each clean, each with one planted slip, rounding edges.

Expected values are hand arithmetic (in comments) or R, with the R command
beside the value. Clean tables are printed here with Fraction arithmetic,
never with the library's own rounding.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecore.audit import (
    Comparison,
    CountTable,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
    audit,
    parse_printed,
)
from safecore.audit.printed import consistent

COUNTS = ((3, 1), (2, 2))  # rows a, b; columns yes, no


def real(report):
    """The error and warning findings (notes say what could not be checked)."""
    return [f for f in report.findings if f.severity != "note"]


def where(report):
    return [(f.table, f.row, f.column, f.rule) for f in real(report)]


def table(**kw):
    return CountTable("T", ("a", "b"), ("yes", "no"), COUNTS, **kw)


# -- printed figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "decimals", "bound", "percent", "money", "exact"),
    [
        ("£15,400", 15400, 0, "", False, True, False),
        ("71%", 71, 0, "", True, False, False),
        ("< .001", 0.001, 3, "<", False, False, False),
        ("<.001", 0.001, 3, "<", False, False, False),
        ("3.1", 3.1, 1, "", False, False, False),
        ("3.10", 3.1, 2, "", False, False, False),
        ("\u22124.7%", -4.7, 1, "", True, False, False),
        ("28", 28, 0, "", False, False, True),
        ("1,950,000", 1950000, 0, "", False, False, True),
        ("> 0.05", 0.05, 2, ">", False, False, False),
    ],
)
def test_parse_printed_keeps_precision(text, value, decimals, bound, percent, money, exact):
    """A printed cell keeps its value, decimals, bound, % and £ as printed."""
    p = parse_printed(text)
    assert (p.value, p.decimals, p.bound, p.percent, p.money, p.exact) == (
        pytest.approx(value),
        decimals,
        bound,
        percent,
        money,
        exact,
    )


@pytest.mark.parametrize("bad", ["", "abc", "1.2.3", "12 %%", "£", "nan"])
def test_parse_printed_refuses_non_numbers(bad):
    """Text that is not a printed number is refused with the text in the message."""
    with pytest.raises(ValueError, match="printed number"):
        parse_printed(bad)


def test_parse_printed_refuses_bool():
    """A boolean is not a printed figure."""
    with pytest.raises(TypeError):
        parse_printed(True)


# -- sums ------------------------------------------------------------------------------------------


def test_row_sum_clean_and_slip():
    """N equal to its row's cells passes; N of 5 for cells 2 + 2 is one row-sum finding (warning)."""
    assert real(audit([table(row_totals=(4, 4))])) == []
    report = audit([table(row_totals=(4, 5))])
    assert where(report) == [("T", "b", "N", "row-sum")]
    assert report.findings[0].severity == "warning"  # more records than cells: unrecorded statuses?
    over = audit([table(row_totals=(4, 3))])
    assert [f.severity for f in over.findings] == ["error"]  # more cells than records


def test_column_sum_clean_and_slip():
    """A printed totals row must equal the column sums: 3 + 2 = 5 and 1 + 2 = 3."""
    assert real(audit([table(column_totals=(5, 3))])) == []
    assert where(audit([table(column_totals=(5, 4))])) == [("T", "Total", "no", "column-sum")]


def test_grand_total_clean_and_slip():
    """A stated total must equal the sum of all cells (8)."""
    assert real(audit([table(grand_total=8)])) == []
    assert where(audit([table(grand_total=9)])) == [("T", "Total", "N", "column-sum")]


# -- percentages -----------------------------------------------------------------------------------


def test_row_percents_clean_and_slip():
    """Row percentages: 3/4 = 75%, 1/4 = 25%, 2/4 = 50%."""
    clean = (("75%", "25%"), ("50%", "50%"))
    assert real(audit([table(cell_percents=clean)])) == []
    slip = (("75%", "26%"), ("50%", "50%"))
    assert where(audit([table(cell_percents=slip)])) == [("T", "a", "no", "percent")]


def test_column_percents_clean_and_slip():
    """Column percentages: 3/5 = 60%, 2/5 = 40%, 1/3 = 33.3%, 2/3 = 66.7%."""
    clean = (("60%", "33%"), ("40%", "67%"))
    assert real(audit([table(cell_percents=clean, percent_of="column")])) == []
    slip = (("60%", "33%"), ("40%", "66%"))
    assert where(audit([table(cell_percents=slip, percent_of="column")])) == [
        ("T", "b", "no", "percent")
    ]


def test_total_percents_half_up_and_half_even():
    """Total percentages of 8: 3/8 = 37.5%, 1/8 = 12.5% (a half), 2/8 = 25%.

    Half up prints 38 and 13; half to even prints 38 and 12.
    """
    up = (("38%", "13%"), ("25%", "25%"))
    even = (("38%", "12%"), ("25%", "25%"))
    assert real(audit([table(cell_percents=up, percent_of="total")])) == []
    assert real(audit([table(cell_percents=even, percent_of="total")], rounding="half-even")) == []
    assert where(audit([table(cell_percents=even, percent_of="total")])) == [("T", "a", "no", "percent")]
    wrong_even = audit([table(cell_percents=up, percent_of="total")], rounding="half-even")
    assert where(wrong_even) == [("T", "a", "no", "percent")]


def test_n_percent_clean_and_slip():
    """The % beside N is of the grand total: 4/8 = 50%."""
    assert real(audit([table(row_totals=(4, 4), row_total_percents=("50%", "50%"))])) == []
    report = audit([table(row_totals=(4, 4), row_total_percents=("50%", "49%"))])
    assert where(report) == [("T", "b", "N %", "percent")]


@pytest.mark.parametrize(
    ("printed", "rounding", "ok"),
    [
        ("62%", "half-up", False),  # 5/8 = 62.5: half up gives 63
        ("63%", "half-up", True),
        ("62%", "half-even", True),  # half to even gives 62
        ("63%", "half-even", False),
        ("62.5%", "half-up", True),
        ("62.4%", "half-up", False),
    ],
)
def test_rounding_edge(printed, rounding, ok):
    """A value exactly on its rounding edge follows the declared rule."""
    t = CountTable("E", ("r",), ("x", "y"), ((5, 3),), cell_percents=((printed, "37.5%"),))
    assert (real(audit([t], rounding=rounding)) == []) is ok


def test_range_edges_are_half_a_unit():
    """Two items printed £1 each may sum to anything in [£1, £3]: £3 is consistent, £4 is not."""
    ok = ProductTable("M", ("x", "y"), totals=("£1", "£1"), total="£3")
    assert real(audit([ok])) == []
    bad = ProductTable("M", ("x", "y"), totals=("£1", "£1"), total="£4")
    assert where(audit([bad])) == [("M", "Total", "total", "total")]
    assert consistent(parse_printed("0.35"), 0.3449, 0.3451)  # a range that reaches the edge
    assert not consistent(parse_printed("0.35"), 0.3, 0.3448)


# -- products, totals, ratios ----------------------------------------------------------------------


def money_table(**kw):
    spec = {
        "counts": (2, 3),
        "units": ("£7,770", "£100"),
        "totals": ("£15,540", "£300"),  # 2 × 7,770 = 15,540; 3 × 100 = 300
        "total": "£15,840",
        "n": 4,
        "average": "£3,960",  # 15,840 / 4
    }
    spec.update(kw)
    return ProductTable("Costs", ("Housing", "Health"), **spec)


def test_products_clean_and_slip():
    """count × unit = total per row; the planted £15,400 is the one product finding."""
    assert real(audit([money_table()])) == []
    report = audit([money_table(totals=("£15,400", "£300"))])
    assert where(report) == [("Costs", "Housing", "total", "product")]
    assert report.findings[0].recomputed == 15540


def test_total_and_average_slips():
    """A wrong total, and a wrong average (per family), are each one finding."""
    assert where(audit([money_table(total="£15,480")])) == [("Costs", "Total", "total", "total")]
    assert where(audit([money_table(average="£3,690")])) == [("Costs", "Average", "per unit", "ratio")]


def test_items_printed_to_the_pound():
    """Items printed to the pound: a total £1 off is rounding, £10 off is the one real slip.

    23,456 + 30,000 + 16,361 = 69,817; each item within £0.50 of its print, so
    the true sum lies in [69,815.50, 69,818.50].
    """
    items = ("£23,456", "£30,000", "£16,361")
    for total in ("£69,817", "£69,818", "£69,816"):
        assert real(audit([ProductTable("Site A", ("x", "y", "z"), totals=items, total=total)])) == []
    report = audit([ProductTable("Site A", ("x", "y", "z"), totals=items, total="£69,827")])
    assert where(report) == [("Site A", "Total", "total", "total")]
    assert report.findings[0].recomputed == 69817


def test_average_without_n_is_not_checkable():
    """A printed average with no declared n is a note, not an error."""
    report = audit([money_table(n=None)])
    assert real(report) == []
    (note,) = report.findings
    assert (note.severity, note.recomputed, note.rule) == ("note", "not checkable", "ratio")


# -- summary rows ----------------------------------------------------------------------------------


def row(**kw):
    # n = 25, M = 10.2, SD = 4.1: SE = 4.1 / 5 = 0.82;
    # t: qt(.975, 24) * 4.1 / sqrt(25) = 1.692396821  -> [8.51, 11.89]
    # z: qnorm(.975) * 4.1 / sqrt(25) = 1.607170467   -> [8.59, 11.81]
    spec = {"n": 25, "mean": "10.2", "sd": "4.1", "se": "0.82", "ci_low": "8.5", "ci_high": "11.9"}
    spec.update(kw)
    return SummaryRow("S", "Site A", **spec)


def test_sd_from_se_clean_and_slip():
    """SD = SE √n: 0.82 × 5 = 4.1; a printed SD of 4.5 is the one finding."""
    assert real(audit(summaries=[row()])) == []
    assert where(audit(summaries=[row(sd="4.5")])) == [("S", "Site A", "SD", "sd")]


def test_t_interval_clean_and_slip():
    """The t-interval [8.5, 11.9]; a printed lower end of 8.1 is one ci warning."""
    assert real(audit(summaries=[row(se=None)])) == []
    report = audit(summaries=[row(se=None, ci_low="8.1")])
    assert where(report) == [("S", "Site A", "95% CI", "ci")]
    assert report.findings[0].severity == "warning"


def test_z_interval_clean_and_slip():
    """The z-interval [8.6, 11.8]; a printed [8.3, 12.1] is a finding.

    (The t-interval's [8.5, 11.9] is not: M and SD printed to 0.1 allow a
    z half-width from 1.96 × 4.05 / 5 to 1.96 × 4.15 / 5, ends 8.52 to 8.66.)
    """
    assert real(audit(summaries=[row(se=None, interval="z", ci_low="8.6", ci_high="11.8")])) == []
    assert real(audit(summaries=[row(se=None, interval="z")])) == []
    wide = row(se=None, interval="z", ci_low="8.3", ci_high="12.1")
    assert where(audit(summaries=[wide])) == [("S", "Site A", "95% CI", "ci")]


def test_grim_clean_and_slip():
    """GRIM: no 28 integers have a mean of 5.19 (Brown & Heathers' example); 5.18 = 145/28 is possible.

    CIs: qt(.975, 27) / sqrt(28) = 0.3877... so 5.19 ± 0.39 = [4.80, 5.58], 5.18 ± 0.39 = [4.79, 5.57].
    """
    ok = SummaryRow("G", "r", 28, "5.18", "1.00", "4.79", "5.57", granularity=1)
    assert real(audit(summaries=[ok])) == []
    bad = SummaryRow("G", "r", 28, "5.19", "1.00", "4.80", "5.58", granularity=1)
    assert where(audit(summaries=[bad])) == [("G", "r", "M", "grim")]


def test_summary_not_checkable():
    """No interval, no n: notes with the reason, never an error or warning."""
    report = audit(
        summaries=[
            row(ci_low=None, ci_high=None),
            SummaryRow("S", "r", None, "3.1", "1.0", "2.0", "4.2", granularity=1),
        ]
    )
    assert real(report) == []
    assert [(f.row, f.rule, f.message) for f in report.findings] == [
        ("Site A", "ci", "not checkable: no printed interval"),
        ("r", "ci", "not checkable: no n printed"),
        ("r", "grim", "not checkable: no n printed"),
    ]
    assert report.checks == 1  # only the SD from SE could be compared


def test_mean_of_rows_clean_and_slip():
    """An overall mean of three site means: (3.1 + 3.4 + 3.9) / 3 = 3.467, each ± 0.05."""
    sites = [SummaryRow("S", f"site {k}", 10, m) for k, m in enumerate(("3.1", "3.4", "3.9"))]
    ops = [f"S.mean.site {k}" for k in range(3)]
    for printed in ("3.5", "3.4"):  # 3.4 is within the rounding range [3.417, 3.517]
        rel = Relation("mean", ops, published="overall")
        report = audit(summaries=sites, figures=[Figure("overall", "Table S", printed)], relations=[rel])
        assert real(report) == []
    report = audit(summaries=sites, figures=[Figure("overall", "Table S", "3.6")], relations=[rel])
    assert where(report) == [("Table S", "overall", "", "mean")]


# -- comparisons of two groups ---------------------------------------------------------------------

TRIAL = CountTable("Trial", ("Intervention", "Control"), ("Event", "No event"), ((12, 138), (18, 134)))


@pytest.mark.parametrize(
    ("kind", "clean", "slip"),
    [
        # prop.test(c(12, 18), c(150, 152), correct = FALSE): -0.03842105, [-0.10567645, 0.02883434]
        ("risk-difference", ("-3.8%", "-10.6%", "2.9%"), ("-3.8%", "-0.5%", "0.4%")),
        # exp(log(rr) + c(-1, 1) * qnorm(.975) * sqrt(1/12 - 1/150 + 1/18 - 1/152)): 0.676 [0.337, 1.353]
        ("relative-risk", ("0.68", "0.34", "1.35"), ("0.68", "0.34", "1.53")),
        # exp(log(or) + c(-1, 1) * qnorm(.975) * sqrt(1/12 + 1/138 + 1/18 + 1/134)): 0.647 [0.300, 1.396]
        ("odds-ratio", ("0.65", "0.30", "1.40"), ("0.65", "0.03", "1.40")),
    ],
)
def test_comparisons_clean_and_slip(kind, clean, slip):
    """RD (Wald), RR and OR (log) with intervals from the counts; a wrong interval is one finding."""
    rows = ("Intervention", "Control")
    ok = Comparison(kind, "Trial", rows, "Event", *clean)
    assert real(audit([TRIAL], relations=[ok])) == []
    bad = Comparison(kind, "Trial", rows, "Event", *slip)
    assert where(audit([TRIAL], relations=[bad])) == [
        ("Trial", "Intervention vs Control", "95% CI", kind)
    ]
    wrong_estimate = Comparison(kind, "Trial", rows, "Event", "0.9", *clean[1:])
    assert [f.column for f in real(audit([TRIAL], relations=[wrong_estimate]))] == ["estimate"]


def test_risk_difference_as_a_proportion():
    """Without % the risk difference is a proportion: -0.038 [-0.106, 0.029]."""
    rd = Comparison(
        "risk-difference", "Trial", ("Intervention", "Control"), "Event", "-0.038", "-0.106", "0.029"
    )
    assert real(audit([TRIAL], relations=[rd])) == []


def test_comparison_not_checkable():
    """A zero-event group makes the log ratio undefined: a note; so does a half-printed interval."""
    zero = CountTable("Z", ("a", "b"), ("e", "n"), ((0, 10), (3, 7)))
    report = audit([zero], relations=[Comparison("relative-risk", "Z", ("a", "b"), "e", "0.1")])
    assert [(f.severity, f.rule) for f in report.findings] == [("note", "relative-risk")]
    half = Comparison("odds-ratio", "Trial", ("Intervention", "Control"), "Event", None, "0.30")
    assert [f.message for f in audit([TRIAL], relations=[half]).findings] == [
        "not checkable: only one end of the interval printed"
    ]


# -- tests from counts and printed test statistics -------------------------------------------------

CHI = ((30, 10), (15, 25))


def test_chi_square_and_fisher_from_counts():
    """Pearson's chi-square and Fisher's exact p of a 2×2 table of counts.

    chisq.test(matrix(c(30, 10, 15, 25), 2, byrow = TRUE), correct = FALSE):
    X-squared = 11.42857, p = 0.000723; fisher.test(same)$p.value = 0.001432874.
    """
    t = CountTable("C", ("a", "b"), ("y", "n"), CHI, statistic="11.43", pvalue=".001")
    assert real(audit([t])) == []
    t = CountTable("C", ("a", "b"), ("y", "n"), CHI, statistic="11.34", pvalue="< .001")
    assert where(audit([t])) == [("C", "", "chi-square", "chi-square")]
    f = CountTable("C", ("a", "b"), ("y", "n"), CHI, pvalue="0.0014", test="fisher")
    assert real(audit([f])) == []
    f = CountTable("C", ("a", "b"), ("y", "n"), CHI, pvalue="< .001", test="fisher")
    assert where(audit([f])) == [("C", "", "p", "p-value")]


@pytest.mark.parametrize(
    ("test", "stat", "df", "p"),
    [
        ("t", "2.20", (28,), ".036"),  # 2 * pt(2.20, 28, lower.tail = FALSE) = 0.03622548
        ("t", "2.20", (28,), ".04"),
        ("t", "2.20", (28,), "< .05"),
        ("chi2", "4.12", (1,), ".042"),  # pchisq(4.12, 1, lower.tail = FALSE) = 0.04237908
        ("F", "3.95", (2, 57), ".025"),  # pf(3.95, 2, 57, lower.tail = FALSE) = 0.02474341
        ("z", "1.96", (), ".05"),  # 2 * pnorm(1.96, lower.tail = FALSE) = 0.04999579
    ],
)
def test_printed_tests_clean(test, stat, df, p):
    """A statistic with its df and a p that follows from it: no finding (statcheck's rule)."""
    assert real(audit(relations=[PrintedTest("Text", "x", test, stat, df, p)])) == []


def test_printed_test_slips():
    """t(28) = 2.20 with p = .026 is a warning; t(40) = 1.80 with p < .05 is a decision error.

    2 * pt(2.195, 28, lower.tail = FALSE) = 0.03662, 2 * pt(2.205, 28, ...) = 0.03584: .026 is outside.
    2 * pt(1.80, 40, lower.tail = FALSE) = 0.0794: not below .05.
    """
    report = audit(relations=[PrintedTest("Text", "x", "t", "2.20", (28,), ".026")])
    assert where(report) == [("Text", "x", "t(28)", "p-value")]
    assert report.findings[0].severity == "warning"
    report = audit(relations=[PrintedTest("Text", "y", "t", "1.80", (40,), "< .05")])
    assert [(f.rule, f.severity) for f in report.findings] == [("p-value", "error")]
    assert "decision error" in report.findings[0].message


# -- figures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "operands", "clean", "slip"),
    [
        ("sum", ["x", "y"], 17 + 26, 42),
        ("difference", ["x", "y"], 17 - 26, -8),
        ("ratio", ["y", "x"], "1.53", "1.52"),  # 26 / 17 = 1.529
        ("percent", ["x", "y"], "65%", "66%"),  # 100 * 17 / 26 = 65.38
        ("mean", ["x", "y"], "21.5", "21.6"),
        ("equal", ["T.cell.a.yes"], 3, 4),  # a text figure quoting a table cell
    ],
)
def test_figure_relations(kind, operands, clean, slip):
    """Each relation between printed figures: clean, then with one slip in the printed figure."""
    base = [Figure("x", "Text", 17), Figure("y", "Text", 26)]
    rel = Relation(kind, operands, published="f")
    assert real(audit([table()], figures=[*base, Figure("f", "Text", clean)], relations=[rel])) == []
    report = audit([table()], figures=[*base, Figure("f", "Text", slip)], relations=[rel])
    assert where(report) == [("Text", "f", "", kind)]


def test_agree_clean_and_slip():
    """Two tables of the same records: column sums agree label by label."""
    other = CountTable("U", ("c",), ("yes", "no"), ((5, 3),))
    assert (
        real(audit([table(), other], relations=[Relation("agree", ["T.column.*", "U.column.*"])])) == []
    )
    other = CountTable("U", ("c",), ("yes", "no"), ((5, 4),))
    report = audit([table(), other], relations=[Relation("agree", ["T.column.*", "U.column.*"])])
    assert where(report) == [("T", "", "no", "equal")]


def test_division_by_zero_is_not_checkable():
    """A ratio over a zero figure is a note."""
    figs = [Figure("x", "Text", 1), Figure("zero", "Text", 0), Figure("f", "Text", 2)]
    report = audit(figures=figs, relations=[Relation("ratio", ["x", "zero"], published="f")])
    assert [f.severity for f in report.findings] == ["note"]


# -- generated clean tables ------------------------------------------------------------------------


def print_rounded(x: Fraction, decimals: int, rounding: str, suffix: str = "") -> str:
    """Print an exact value with the declared rule (Fraction arithmetic, not the library's)."""
    scaled = x * 10**decimals
    if rounding == "half-even":
        whole = round(scaled)  # Fraction rounds half to even
    else:
        whole = math.floor(abs(scaled) + Fraction(1, 2)) * (1 if scaled >= 0 else -1)
    text = str(whole)
    if decimals:
        sign = "-" if whole < 0 else ""
        q, r = divmod(abs(whole), 10**decimals)
        text = f"{sign}{q}.{r:0{decimals}d}"
    return text + suffix


@st.composite
def clean_declarations(draw: st.DrawFn):
    rounding = draw(st.sampled_from(["half-up", "half-even"]))
    decimals = draw(st.integers(0, 1))
    r, c = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    counts = [[draw(st.integers(0, 60)) for _ in range(c)] for _ in range(r)]
    for row_ in counts:
        row_[0] += 1
    for j in range(c):  # no empty column either: a column percentage of 0/0 is undefined
        counts[j % r][j] += 1
    n = [sum(x) for x in counts]
    cols = [sum(counts[i][j] for i in range(r)) for j in range(c)]
    grand = sum(n)
    of = draw(st.sampled_from(["row", "column", "total"]))
    base = {
        "row": lambda i, j: n[i],
        "column": lambda i, j: cols[j],
        "total": lambda i, j: grand,
    }[of]
    pct = [
        [
            print_rounded(Fraction(100 * counts[i][j], base(i, j)), decimals, rounding, "%")
            for j in range(c)
        ]
        for i in range(r)
    ]
    t = CountTable(
        "T",
        [f"r{i}" for i in range(r)],
        [f"c{j}" for j in range(c)],
        counts,
        row_totals=n,
        row_total_percents=[print_rounded(Fraction(100 * x, grand), decimals, rounding, "%") for x in n],
        cell_percents=pct,
        grand_total=grand,
        column_totals=cols,
        percent_of=of,
    )
    k = draw(st.integers(1, 6))
    pennies = [draw(st.integers(0, 5_000_000)) for _ in range(k)]
    items = ProductTable(
        "M",
        [f"i{x}" for x in range(k)],
        totals=["£" + print_rounded(Fraction(p, 100), 0, rounding) for p in pennies],
        total="£" + print_rounded(Fraction(sum(pennies), 100), 0, rounding),
        n=draw(st.integers(1, 50)),
    )
    items = ProductTable(
        items.name,
        items.row_labels,
        totals=items.totals,
        total=items.total,
        n=items.n,
        average="£" + print_rounded(Fraction(sum(pennies), 100 * items.n), 0, rounding),
    )
    counts_k = [draw(st.integers(0, 30)) for _ in range(k)]
    units = [draw(st.integers(1, 20_000)) for _ in range(k)]
    products = ProductTable(
        "P",
        [f"o{x}" for x in range(k)],
        counts_k,
        units,
        [c_ * u for c_, u in zip(counts_k, units, strict=True)],
        total=sum(c_ * u for c_, u in zip(counts_k, units, strict=True)),
    )
    return rounding, [t, items, products]


@settings(max_examples=60, deadline=None)
@given(clean_declarations())
def test_generated_clean_tables_give_no_findings(case):
    """Tables generated consistently and printed with the declared rounding give no finding."""
    rounding, tables = case
    report = audit(tables, rounding=rounding)
    assert report.findings == ()
    assert report.checks > 0


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 7), min_size=3, max_size=40),
    st.sampled_from([0.9, 0.95, 0.99]),
    st.integers(1, 2),
)
def test_generated_summaries_give_no_findings(scores, confidence, decimals):
    """A summary of integer scores (mean, SD, SE, t-interval; numpy and scipy) passes every check."""
    from scipy import stats

    x = np.array(scores, dtype=float)
    n = len(x)
    mean, sd = float(x.mean()), float(x.std(ddof=1))
    se = sd / math.sqrt(n)
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * se

    def show(v: float) -> str:
        return print_rounded(Fraction(v), decimals, "half-up")

    s = SummaryRow(
        "S",
        "r",
        n,
        show(mean),
        show(sd),
        show(mean - half),
        show(mean + half),
        confidence=confidence,
        granularity=1,
        se=print_rounded(Fraction(se), decimals + 1, "half-up"),
    )
    assert real(audit(summaries=[s])) == []


@settings(max_examples=40, deadline=None)
@given(st.floats(0.05, 5), st.integers(2, 200))
def test_generated_t_tests_give_no_findings(t, df):
    """A t statistic printed to 2 decimals with its p (scipy) printed to 3: no finding."""
    from scipy import stats

    stat = print_rounded(Fraction(t), 2, "half-up")
    p = 2 * float(stats.t.sf(float(stat), df))
    shown = "< .001" if p < 0.001 else print_rounded(Fraction(p), 3, "half-up")
    assert real(audit(relations=[PrintedTest("Text", "x", "t", stat, (df,), shown)])) == []
