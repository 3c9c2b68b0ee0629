"""Tests for audit declarations that pin their validation, found unchecked by mutation testing.

Each declaration checks its own fields when it is built; a mistake is
refused naming the table (or relation), the field and the value. Every case
states the whole message; the boundary cases (a count of 0, a confidence just
inside (0, 1), an F statistic of 0) are accepted. Sums are worked by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from safecore._errors import InputTypeError, InputValueError
from safecore.audit import (
    Comparison,
    CountTable,
    Declarations,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
)

NOT_PRINTED = "must be a printed number such as '£15,400', '71%', '3.1', '-0.5' or '< .001'"


def counts(**kw: Any) -> CountTable:
    """Rows a, b; columns y, n; cells (3, 1), (2, 2)."""
    return CountTable("T", ("a", "b"), ("y", "n"), kw.pop("cells", ((3, 1), (2, 2))), **kw)


def money(**kw: Any) -> ProductTable:
    return ProductTable("M", ("x", "y"), **{"totals": ("£1", "£2"), **kw})


def summary(**kw: Any) -> SummaryRow:
    return SummaryRow("T9", "P", **{"n": 11, "mean": "37.5", **kw})


def comparison(**kw: Any) -> Comparison:
    return Comparison(**{"kind": "relative-risk", "table": "T", "rows": ("a", "b"), "event": "y", **kw})


def stated(**kw: Any) -> PrintedTest:
    spec = {"where": "Text", "label": "L", "test": "t", "statistic": "2.20", "df": [28], "p": ".036"}
    return PrintedTest(**{**spec, **kw})


BAD: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # labels
    (
        "labels-one-string",
        lambda: CountTable("T", "ab", ("y", "n"), ((3, 1), (2, 2))),
        InputTypeError,
        "expected a list of labels, not one string: 'ab'",
    ),
    # a table of counts
    (
        "counts-rows",
        lambda: counts(cells=((3, 1),)),
        InputValueError,
        "T: counts has 1 entries, expected 2 (one per row label)",
    ),
    (
        "counts-row-cells",
        lambda: counts(cells=((3, 1), (2,))),
        InputValueError,
        "T: counts row 2 has 1 entries, expected 2 (one per column label)",
    ),
    (
        "count-percent",
        lambda: counts(cells=((3, 1), (2, "2%"))),
        InputValueError,
        "T: count (b, n) must be a whole-number count: '2%'",
    ),
    (
        "count-money",
        lambda: counts(cells=((3, "£1"), (2, 2))),
        InputValueError,
        "T: count (a, n) must be a whole-number count: '£1'",
    ),
    (
        "count-bound",
        lambda: counts(cells=(("<3", 1), (2, 2))),
        InputValueError,
        "T: count (a, y) must be a whole-number count: '<3'",
    ),
    (
        "count-decimals",
        lambda: counts(cells=((3, 1), ("2.0", 2))),
        InputValueError,
        "T: count (b, y) must be a whole-number count: '2.0'",
    ),
    (
        "count-fraction",
        lambda: counts(cells=((3, 1), (2, 2.5))),
        InputValueError,
        "T: count (b, n) must be a whole-number count: 2.5",
    ),
    (
        "count-negative",
        lambda: counts(cells=((3, 1), (2, -2))),
        InputValueError,
        "T: count (b, n) must be a count >= 0: -2",
    ),
    (
        "row-totals-size",
        lambda: counts(row_totals=(4,)),
        InputValueError,
        "T: row_totals has 1 entries, expected 2 (one per row label)",
    ),
    (
        "row-totals-text",
        lambda: counts(row_totals=(4, "x")),
        InputValueError,
        f"T: row_totals {NOT_PRINTED}: 'x'",
    ),
    (
        "row-totals-negative",
        lambda: counts(row_totals=(4, -1)),
        InputValueError,
        "T: row_totals must be a count >= 0: -1",
    ),
    (
        "column-totals-size",
        lambda: counts(column_totals=(5,)),
        InputValueError,
        "T: column_totals has 1 entries, expected 2 (one per column label)",
    ),
    (
        "column-totals-fraction",
        lambda: counts(column_totals=(5, "3.5")),
        InputValueError,
        "T: column_totals must be a whole-number count: '3.5'",
    ),
    (
        "row-total-percents-size",
        lambda: counts(row_total_percents=("50%",)),
        InputValueError,
        "T: row_total_percents has 1 entries, expected 2 (one per row label)",
    ),
    (
        "row-total-percents-text",
        lambda: counts(row_total_percents=("50%", "x")),
        InputValueError,
        f"T: row_total_percents {NOT_PRINTED}: 'x'",
    ),
    (
        "cell-percents-rows",
        lambda: counts(cell_percents=(("75%", "25%"),)),
        InputValueError,
        "T: cell_percents has 1 entries, expected 2 (one per row label)",
    ),
    (
        "cell-percents-row-cells",
        lambda: counts(cell_percents=(("75%", "25%"), ("50%",))),
        InputValueError,
        "T: cell_percents row 2 has 1 entries, expected 2 (one per column label)",
    ),
    (
        "cell-percent-text",
        lambda: counts(cell_percents=(("75%", "25%"), ("50%", "x"))),
        InputValueError,
        f"T: cell percent {NOT_PRINTED}: 'x'",
    ),
    (
        "grand-total",
        lambda: counts(grand_total="x"),
        InputValueError,
        f"T: grand_total {NOT_PRINTED}: 'x'",
    ),
    ("statistic", lambda: counts(statistic="x"), InputValueError, f"T: statistic {NOT_PRINTED}: 'x'"),
    ("pvalue", lambda: counts(pvalue="x"), InputValueError, f"T: pvalue {NOT_PRINTED}: 'x'"),
    (
        "percent-of",
        lambda: counts(percent_of="cell"),
        InputValueError,
        "T: percent_of must be one of 'row', 'column', 'total': 'cell'",
    ),
    (
        "count-test",
        lambda: counts(test="g-test"),
        InputValueError,
        "T: test must be one of 'chi-square', 'fisher': 'g-test'",
    ),
    # a money table
    (
        "money-totals-size",
        lambda: money(totals=("£1",)),
        InputValueError,
        "M: totals has 1 entries, expected 2 (one per row label)",
    ),
    (
        "money-counts-size",
        lambda: money(counts=(1,), units=(1, 2)),
        InputValueError,
        "M: counts has 1 entries, expected 2 (one per row label)",
    ),
    (
        "money-units-size",
        lambda: money(counts=(1, 2), units=("£1",)),
        InputValueError,
        "M: units has 1 entries, expected 2 (one per row label)",
    ),
    (
        "money-counts-alone",
        lambda: money(counts=(1, 2)),
        InputValueError,
        "M: counts and units go together (count × unit = total); give both or neither",
    ),
    (
        "money-units-alone",
        lambda: money(units=(1, 2)),
        InputValueError,
        "M: counts and units go together (count × unit = total); give both or neither",
    ),
    (
        "money-count-fraction",
        lambda: money(counts=(1, "1.5"), units=(1, 2)),
        InputValueError,
        "M: counts must be a whole-number count: '1.5'",
    ),
    (
        "money-unit-text",
        lambda: money(counts=(1, 2), units=(1, "x")),
        InputValueError,
        f"M: units {NOT_PRINTED}: 'x'",
    ),
    (
        "money-total-item",
        lambda: money(totals=("£1", "x")),
        InputValueError,
        f"M: totals {NOT_PRINTED}: 'x'",
    ),
    ("money-total", lambda: money(total="x"), InputValueError, f"M: total {NOT_PRINTED}: 'x'"),
    ("money-average", lambda: money(average="x"), InputValueError, f"M: average {NOT_PRINTED}: 'x'"),
    ("money-n-zero", lambda: money(n=0), InputValueError, "M: n must be a whole number >= 1: 0"),
    ("money-n-bool", lambda: money(n=True), InputValueError, "M: n must be a whole number >= 1: True"),
    ("money-n-float", lambda: money(n=2.0), InputValueError, "M: n must be a whole number >= 1: 2.0"),
    # a summary row
    ("summary-mean", lambda: summary(mean="x"), InputValueError, f"T9, P: mean {NOT_PRINTED}: 'x'"),
    ("summary-sd", lambda: summary(sd="x"), InputValueError, f"T9, P: sd {NOT_PRINTED}: 'x'"),
    (
        "summary-ci-low",
        lambda: summary(ci_low="x"),
        InputValueError,
        f"T9, P: ci_low {NOT_PRINTED}: 'x'",
    ),
    (
        "summary-ci-high",
        lambda: summary(ci_high="x"),
        InputValueError,
        f"T9, P: ci_high {NOT_PRINTED}: 'x'",
    ),
    ("summary-se", lambda: summary(se="x"), InputValueError, f"T9, P: se {NOT_PRINTED}: 'x'"),
    ("summary-n-zero", lambda: summary(n=0), InputValueError, "T9, P: n must be a whole number >= 1: 0"),
    (
        "summary-n-bool",
        lambda: summary(n=True),
        InputValueError,
        "T9, P: n must be a whole number >= 1: True",
    ),
    (
        "summary-n-float",
        lambda: summary(n=1.0),
        InputValueError,
        "T9, P: n must be a whole number >= 1: 1.0",
    ),
    (
        "summary-confidence-0",
        lambda: summary(confidence=0),
        InputValueError,
        "T9, P: confidence must be in (0, 1), e.g. 0.95: 0",
    ),
    (
        "summary-confidence-1",
        lambda: summary(confidence=1),
        InputValueError,
        "T9, P: confidence must be in (0, 1), e.g. 0.95: 1",
    ),
    (
        "summary-granularity-0",
        lambda: summary(granularity=0),
        InputValueError,
        "T9, P: granularity must be > 0: 0",
    ),
    (
        "summary-granularity-negative",
        lambda: summary(granularity=-1),
        InputValueError,
        "T9, P: granularity must be > 0: -1",
    ),
    (
        "summary-interval",
        lambda: summary(interval="w"),
        InputValueError,
        "T9, P: interval must be one of 't', 'z': 'w'",
    ),
    # a figure
    ("figure-text", lambda: Figure("f", "Text", "x"), InputValueError, f"figure 'f' {NOT_PRINTED}: 'x'"),
    (
        "figure-bool",
        lambda: Figure("f", "Text", True),
        InputTypeError,
        "figure 'f' must be a number or printed text such as '£15,400', not bool: True",
    ),
    # a relation
    (
        "relation-kind",
        lambda: Relation("total", ["a"], published="p"),
        InputValueError,
        "relation kind must be one of 'equal', 'sum', 'difference', 'ratio', 'percent', 'mean', "
        "'agree': 'total'",
    ),
    (
        "relation-severity",
        lambda: Relation("sum", ["a"], published="p", severity="fatal"),
        InputValueError,
        "severity must be one of 'error', 'warning', 'note': 'fatal'",
    ),
    (
        "equal-two",
        lambda: Relation("equal", ["a", "b"], published="p"),
        InputValueError,
        "a 'equal' relation takes 1 operand(s), got 2: ['a', 'b']",
    ),
    (
        "difference-one",
        lambda: Relation("difference", ["a"], published="p"),
        InputValueError,
        "a 'difference' relation takes 2 operand(s), got 1: ['a']",
    ),
    (
        "ratio-three",
        lambda: Relation("ratio", ["a", "b", "c"], published="p"),
        InputValueError,
        "a 'ratio' relation takes 2 operand(s), got 3: ['a', 'b', 'c']",
    ),
    (
        "percent-one",
        lambda: Relation("percent", ["a"], published="p"),
        InputValueError,
        "a 'percent' relation takes 2 operand(s), got 1: ['a']",
    ),
    (
        "agree-one",
        lambda: Relation("agree", ["a"]),
        InputValueError,
        "a 'agree' relation takes 2 operand(s), got 1: ['a']",
    ),
    (
        "sum-none",
        lambda: Relation("sum", [], published="p"),
        InputValueError,
        "a 'sum' relation needs at least one operand",
    ),
    (
        "mean-none",
        lambda: Relation("mean", [], published="p"),
        InputValueError,
        "a 'mean' relation needs at least one operand",
    ),
    (
        "sum-unpublished",
        lambda: Relation("sum", ["a"]),
        InputValueError,
        "a 'sum' relation needs 'published', the name of the printed figure",
    ),
    # a comparison
    (
        "comparison-kind",
        lambda: comparison(kind="hazard"),
        InputValueError,
        "relation kind must be one of 'risk-difference', 'relative-risk', 'odds-ratio': 'hazard'",
    ),
    (
        "comparison-one-row",
        lambda: comparison(rows=("a",)),
        InputValueError,
        "a 'relative-risk' relation compares two rows, got 1: ['a']",
    ),
    (
        "comparison-three-rows",
        lambda: comparison(rows=("a", "b", "c")),
        InputValueError,
        "a 'relative-risk' relation compares two rows, got 3: ['a', 'b', 'c']",
    ),
    (
        "rr-wald",
        lambda: comparison(method="wald"),
        InputValueError,
        "relative-risk method must be one of 'log': 'wald'",
    ),
    (
        "rd-log",
        lambda: comparison(kind="risk-difference", method="log"),
        InputValueError,
        "risk-difference method must be one of 'wald': 'log'",
    ),
    (
        "or-wald",
        lambda: comparison(kind="odds-ratio", method="wald"),
        InputValueError,
        "odds-ratio method must be one of 'log': 'wald'",
    ),
    (
        "comparison-severity",
        lambda: comparison(severity="x"),
        InputValueError,
        "severity must be one of 'error', 'warning', 'note': 'x'",
    ),
    (
        "comparison-estimate",
        lambda: comparison(estimate="x"),
        InputValueError,
        f"T: relative-risk estimate {NOT_PRINTED}: 'x'",
    ),
    (
        "comparison-ci-low",
        lambda: comparison(ci_low="x"),
        InputValueError,
        f"T: relative-risk ci_low {NOT_PRINTED}: 'x'",
    ),
    (
        "comparison-ci-high",
        lambda: comparison(kind="odds-ratio", ci_high="x"),
        InputValueError,
        f"T: odds-ratio ci_high {NOT_PRINTED}: 'x'",
    ),
    (
        "comparison-confidence-0",
        lambda: comparison(confidence=0),
        InputValueError,
        "confidence must be in (0, 1), e.g. 0.95: 0",
    ),
    (
        "comparison-confidence-1",
        lambda: comparison(confidence=1),
        InputValueError,
        "confidence must be in (0, 1), e.g. 0.95: 1",
    ),
    # a printed test
    (
        "test-kind",
        lambda: stated(test="w"),
        InputValueError,
        "test must be one of 't', 'z', 'chi2', 'F': 'w'",
    ),
    ("t-no-df", lambda: stated(df=[]), InputValueError, "Text, L: a t statistic takes 1 df, got []"),
    (
        "f-one-df",
        lambda: stated(test="F", df=[1]),
        InputValueError,
        "Text, L: a F statistic takes 2 df, got [1]",
    ),
    (
        "z-one-df",
        lambda: stated(test="z", df=[1]),
        InputValueError,
        "Text, L: a z statistic takes 0 df, got [1]",
    ),
    (
        "chi2-two-df",
        lambda: stated(test="chi2", df=[1, 2]),
        InputValueError,
        "Text, L: a chi2 statistic takes 1 df, got [1, 2]",
    ),
    ("df-zero", lambda: stated(df=[0]), InputValueError, "Text, L: df must be numbers > 0: [0]"),
    (
        "df-negative",
        lambda: stated(df=[-1.5]),
        InputValueError,
        "Text, L: df must be numbers > 0: [-1.5]",
    ),
    ("df-bool", lambda: stated(df=[True]), InputValueError, "Text, L: df must be numbers > 0: [True]"),
    ("df-text", lambda: stated(df=["3"]), InputValueError, "Text, L: df must be numbers > 0: ['3']"),
    (
        "df-second",
        lambda: stated(test="F", df=[2, 0]),
        InputValueError,
        "Text, L: df must be numbers > 0: [2, 0]",
    ),
    (
        "chi2-negative",
        lambda: stated(test="chi2", df=[2], statistic="-1"),
        InputValueError,
        "Text, L: a chi2 statistic cannot be negative: '-1'",
    ),
    (
        "f-negative",
        lambda: stated(test="F", df=[2, 3], statistic="-0.5"),
        InputValueError,
        "Text, L: a F statistic cannot be negative: '-0.5'",
    ),
    (
        "test-statistic",
        lambda: stated(statistic="x"),
        InputValueError,
        f"Text, L: statistic {NOT_PRINTED}: 'x'",
    ),
    ("test-p", lambda: stated(p="x"), InputValueError, f"Text, L: p {NOT_PRINTED}: 'x'"),
    (
        "test-p-missing",
        lambda: PrintedTest("Text", "L", "z", "1.96"),
        InputValueError,
        f"Text, L: p {NOT_PRINTED}: ''",
    ),
    ("tails-3", lambda: stated(tails=3), InputValueError, "Text, L: tails must be 1 or 2: 3"),
    ("tails-0", lambda: stated(tails=0), InputValueError, "Text, L: tails must be 1 or 2: 0"),
    (
        "test-severity",
        lambda: stated(severity="x"),
        InputValueError,
        "severity must be one of 'error', 'warning', 'note': 'x'",
    ),
    # the report
    (
        "rounding",
        lambda: Declarations(rounding="banker"),
        InputValueError,
        "rounding must be one of 'half-up', 'half-even': 'banker'",
    ),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("build", "error", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_a_bad_declaration_is_refused_naming_the_field_and_value(
    build: Callable[[], object], error: type[Exception], message: str
):
    """Each mistake is refused with its builtin type and the whole message."""
    with pytest.raises(error) as info:
        build()
    assert str(info.value) == message


def test_boundary_values_are_accepted():
    """A count of 0, n = 1, confidence 0.001 and 0.999, a granularity just above 0, df of 0.5,
    an F or chi2 statistic of 0 (or 0.5), a negative t, one tail, and an 'agree' without published."""
    counts(cells=((0, 1), (2, 0)), row_totals=(1, 2), column_totals=(2, 1))
    money(n=1)
    summary(n=1, confidence=0.001)
    summary(confidence=0.999, granularity=0.01)
    summary(n=None)
    comparison(confidence=0.001)
    comparison(confidence=0.999)
    stated(df=[0.5])
    stated(test="F", df=[2, 3], statistic="0")
    stated(test="chi2", df=[1], statistic="0.5")
    stated(statistic="-2.2", tails=1)
    stated(test="z", df=[], statistic="1.96", p=".05")
    assert Relation("agree", ["a", "b"]).published == ""
    assert Relation("mean", ["a", "b", "c"], published="m").operands == ("a", "b", "c")
    Declarations(rounding="half-even")


def test_methods_default_by_kind():
    """Wald for a risk difference, log scale for a ratio; a declared method is kept."""
    assert comparison().method_used == "log"
    assert comparison(kind="odds-ratio").method_used == "log"
    assert comparison(kind="risk-difference").method_used == "wald"
    assert comparison(kind="risk-difference", method="wald").method_used == "wald"
    assert comparison(method="log").method == "log"


def test_sequences_are_kept_as_tuples():
    """Lists and generators become tuples (rows of a grid too)."""
    t = CountTable(
        "T",
        ["a", "b"],
        iter(["y", "n"]),
        [[3, 1], (2, 2)],
        row_totals=[4, 4],
        cell_percents=[["75%", "25%"], ["50%", "50%"]],
        column_totals=iter([5, 3]),
    )
    assert t.row_labels == ("a", "b") and t.column_labels == ("y", "n")
    assert t.counts == ((3, 1), (2, 2))
    assert t.row_totals == (4, 4) and t.column_totals == (5, 3)
    assert t.cell_percents == (("75%", "25%"), ("50%", "50%"))
    m = ProductTable("M", ["x"], counts=[2], units=["£3"], totals=["£6"])
    assert (m.counts, m.units, m.totals) == ((2,), ("£3",), ("£6",))
    assert stated(df=[2, 3], test="F").df == (2, 3)
    d = Declarations(tables=[t], figures=iter([Figure("f", "Text", 1)]))
    assert d.tables == (t,) and len(d.figures) == 1 and d.summaries == () and d.relations == ()


def test_printed_counts_and_sums():
    """Cells (3, 1), (2, 2) as printed text and numbers: row sums 4 and 4, column sums 5 and 3."""
    t = counts(cells=(("3", 1), (2, "2")))
    assert t.count(0, 0) == 3.0 and t.count(1, 1) == 2.0 and t.count(0, 1) == 1.0
    assert (t.row_sum(0), t.row_sum(1)) == (4.0, 4.0)
    assert (t.column_sum(0), t.column_sum(1)) == (5.0, 3.0)
    wide = CountTable("W", ("a",), ("x", "y", "z"), ((1, 2, 4),))
    assert wide.row_sum(0) == 7.0  # 1 + 2 + 4
    assert (wide.column_sum(0), wide.column_sum(2)) == (1.0, 4.0)
    assert type(wide.row_sum(0)) is float


def test_money_cells_are_read_at_the_tables_decimals():
    """A money table at 2 decimals reads 1.5 as £1.50 (2 decimals, not exact); text shows its own."""
    m = money(totals=(1.5, 2), decimals=2)
    assert m.money(1.5, "totals").decimals == 2
    assert not m.money(2, "totals").exact
    assert m.money("£3.1", "totals").decimals == 1
    assert money().money(2, "totals").exact  # 0 decimals: a whole number of pounds


def test_recomputed_total_of_items_and_of_products():
    """Items £1.25 + £2 + £3.50 = £6.75; products 2 × £1.50 + 3 × £2 = £9."""
    items = ProductTable("M", ("x", "y", "z"), totals=("£1.25", 2, "£3.50"))
    assert items.recomputed_total() == pytest.approx(6.75)
    products = ProductTable("M", ("x", "y"), counts=(2, "3"), units=("£1.50", 2), totals=("£3", "£6"))
    assert products.recomputed_total() == pytest.approx(9.0)
    assert ProductTable("M", ()).recomputed_total() == 0.0


def test_declarations_audit_uses_its_rounding_rule():
    """5 of 40 is 12.5%: printed 12% is a slip half-up, right half-even."""
    figures = [Figure("i", "Text", 5), Figure("n", "Text", 40), Figure("p", "Text", "12%")]
    share = Relation("percent", ["i", "n"], published="p")
    up = Declarations(figures=figures, relations=[share], title="Pilot")
    assert up.rounding == "half-up" and up.title == "Pilot"
    assert [(f.rule, f.published, f.recomputed) for f in up.audit().findings] == [("percent", 12, 13)]
    assert up.audit().checks == 1
    even = Declarations(figures=figures, relations=[share], rounding="half-even")
    assert even.audit().findings == ()
    assert even.audit().checks == 1
