"""Tests for reading audit declarations files that pin what mutation testing found unchecked.

Every key of a declarations file has one TOML type (text, an array of labels,
a figure, an array of figures, a grid of figures, a whole number, a number,
an array of numbers, true/false); a value of another type, a missing
required key or an unknown kind is refused naming the file and the key path.
Each case states the whole message after the file name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safecore._errors import FileFormatError
from safecore.audit import (
    CountTable,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
    audit_file,
    read_declarations,
)

FIGURE = '[[figures]]\nname = "f"\nwhere = "Text"\npublished = {}\n'
SUM = '[[relations]]\nkind = "sum"\noperands = ["a"]\npublished = "p"\n'
TEST = (
    '[[relations]]\nkind = "test"\nwhere = "T"\nlabel = "L"\ntest = "t"\nstatistic = "2.20"\n'
    'df = [28]\np = ".036"\n'
)
SUMMARY = '[[summaries]]\ntable = "T"\nrow = "r"\nmean = "3.1"\n'
COUNTS = (
    '[[tables]]\nkind = "counts"\nname = "T"\nrow_labels = ["a", "b"]\ncolumn_labels = ["y", "n"]\n'
    "counts = [[3, 1], [2, 2]]\n"
)
MONEY = (
    '[[tables]]\nkind = "money"\nname = "M"\nrow_labels = ["x", "y"]\ncounts = [2, 3]\n'
    'units = ["£1", "£2"]\ntotals = ["£2", "£6"]\n'
)
RR = '[[relations]]\nkind = "relative-risk"\ntable = "T9"\nrows = ["a", "b"]\nevent = "y"\n'
NOT_PRINTED = "must be a printed number such as '£15,400', '71%', '3.1', '-0.5' or '< .001'"
NOT_A_FIGURE = 'must be a number or a printed figure such as "£15,400"'
RELATIONS = (
    "equal, sum, difference, ratio, percent, mean, agree, risk-difference, relative-risk, "
    "odds-ratio, test"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


BAD: list[tuple[str, str, str]] = [
    # figures: published is a figure
    (
        "figure-bool",
        FIGURE.format("true"),
        f"figures[1].published {NOT_A_FIGURE}, found a boolean: True",
    ),
    ("figure-array", FIGURE.format("[1]"), f"figures[1].published {NOT_A_FIGURE}, found an array: [1]"),
    ("figure-text", FIGURE.format('"x"'), f"figures[1].published {NOT_PRINTED}: 'x'"),
    ("figure-inf", FIGURE.format("inf"), "figures[1].published must be a finite number: inf"),
    (
        "figure-name",
        FIGURE.format("1").replace('name = "f"', "name = 5"),
        "figures[1].name must be a string, found an integer: 5",
    ),
    (
        "figure-no-where",
        FIGURE.format("1").replace('where = "Text"\n', ""),
        "figures[1] has no 'where' (required: name, where, published)",
    ),
    # relations: published is text; operands are labels; numbers and whole numbers
    (
        "relation-published",
        SUM.replace('"p"', "5"),
        "relations[1].published must be a string, found an integer: 5",
    ),
    (
        "operands-text",
        SUM.replace('["a"]', '"a"'),
        "relations[1].operands must be an array of strings, found a string: 'a'",
    ),
    (
        "operands-number",
        SUM.replace('["a"]', '["a", 2]'),
        "relations[1].operands[2] must be a string, found an integer: 2",
    ),
    ("factor-text", SUM + 'factor = "2"\n', "relations[1].factor must be a number, found a string: '2'"),
    (
        "factor-bool",
        SUM + "factor = true\n",
        "relations[1].factor must be a number, found a boolean: True",
    ),
    (
        "decimals-float",
        SUM + "decimals = 1.5\n",
        "relations[1].decimals must be a whole number, found a float: 1.5",
    ),
    (
        "decimals-bool",
        SUM + "decimals = true\n",
        "relations[1].decimals must be a whole number, found a boolean: True",
    ),
    (
        "severity-number",
        SUM + "severity = 1\n",
        "relations[1].severity must be a string, found an integer: 1",
    ),
    ("note-number", SUM + "note = 1.5\n", "relations[1].note must be a string, found a float: 1.5"),
    (
        "relation-no-kind",
        '[[relations]]\noperands = ["a"]\n',
        f"relations[1] has no 'kind' (one of: {RELATIONS})",
    ),
    (
        "relation-kind-number",
        "[[relations]]\nkind = 5\n",
        f"relations[1].kind: unknown relation 5 (known: {RELATIONS})",
    ),
    (
        "relation-bad-value",
        SUM.replace('["a"]', "[]"),
        "relations[1]: a 'sum' relation needs at least one operand",
    ),
    # a printed test: df is an array of numbers
    (
        "df-number",
        TEST.replace("[28]", "28"),
        "relations[1].df must be an array of numbers, found an integer: 28",
    ),
    (
        "df-text",
        TEST.replace("[28]", '["28"]'),
        "relations[1].df[1] must be a number, found a string: '28'",
    ),
    (
        "df-bool",
        TEST.replace("[28]", "[1, true]"),
        "relations[1].df[2] must be a number, found a boolean: True",
    ),
    (
        "tails-float",
        TEST + "tails = 1.0\n",
        "relations[1].tails must be a whole number, found a float: 1.0",
    ),
    (
        "alpha-text",
        TEST + 'alpha = "0.05"\n',
        "relations[1].alpha must be a number, found a string: '0.05'",
    ),
    ("df-zero", TEST.replace("[28]", "[0]"), "relations[1]: T, L: df must be numbers > 0: [0]"),
    (
        "test-label",
        TEST.replace('label = "L"', "label = 2"),
        "relations[1].label must be a string, found an integer: 2",
    ),
    # a comparison
    (
        "confidence-text",
        RR + 'confidence = "0.95"\n',
        "relations[1].confidence must be a number, found a string: '0.95'",
    ),
    ("estimate-text", RR + 'estimate = "x"\n', f"relations[1].estimate {NOT_PRINTED}: 'x'"),
    (
        "estimate-bool",
        RR + "estimate = true\n",
        f"relations[1].estimate {NOT_A_FIGURE}, found a boolean: True",
    ),
    ("ci-low-date", RR + "ci_low = 2020-01-01\n", f"relations[1].ci_low {NOT_A_FIGURE}, found a date: "),
    (
        "rows-text",
        RR.replace('["a", "b"]', '"a"'),
        "relations[1].rows must be an array of strings, found a string: 'a'",
    ),
    ("event-number", RR.replace('"y"', "1"), "relations[1].event must be a string, found an integer: 1"),
    (
        "comparison-unknown-key",
        RR + "colour = 1\n",
        "unknown key 'relations[1].colour' (allowed: kind, table, rows, event, estimate, ci_low, "
        "ci_high, confidence, method, severity, note)",
    ),
    # summaries: n defaults to None but a given n is a whole number
    (
        "summary-n-text",
        SUMMARY + 'n = "5"\n',
        "summaries[1].n must be a whole number, found a string: '5'",
    ),
    (
        "granularity-text",
        SUMMARY + 'granularity = "1"\n',
        "summaries[1].granularity must be a number, found a string: '1'",
    ),
    (
        "interval-number",
        SUMMARY + "interval = 1\n",
        "summaries[1].interval must be a string, found an integer: 1",
    ),
    (
        "summary-mean-bool",
        SUMMARY.replace('"3.1"', "false"),
        f"summaries[1].mean {NOT_A_FIGURE}, found a boolean: False",
    ),
    (
        "summary-confidence",
        SUMMARY + "confidence = 95\n",
        "summaries[1]: T, r: confidence must be in (0, 1), e.g. 0.95: 95",
    ),
    (
        "summary-no-mean",
        '[[summaries]]\ntable = "T"\nrow = "r"\n',
        "summaries[1] has no 'mean' (required: table, row, n, mean)",
    ),
    # tables of counts: counts is a grid
    (
        "totals-are-sums-text",
        COUNTS + 'totals_are_sums = "no"\n',
        "tables[1].totals_are_sums must be true or false, found a string: 'no'",
    ),
    (
        "counts-flat",
        COUNTS.replace("[[3, 1], [2, 2]]", "[3, 1]"),
        "tables[1].counts[1] must be an array of figures, found an integer: 3",
    ),
    (
        "counts-text",
        COUNTS.replace("[[3, 1], [2, 2]]", '"3"'),
        "tables[1].counts must be an array of rows (arrays of figures), found a string: '3'",
    ),
    (
        "counts-cell-bool",
        COUNTS.replace("[[3, 1], [2, 2]]", "[[3, 1], [2, true]]"),
        f"tables[1].counts[2][2] {NOT_A_FIGURE}, found a boolean: True",
    ),
    (
        "cell-percents-row-text",
        COUNTS + 'cell_percents = [["75%", "25%"], "50%"]\n',
        "tables[1].cell_percents[2] must be an array of figures, found a string: '50%'",
    ),
    (
        "row-totals-text",
        COUNTS + 'row_totals = [4, "x"]\n',
        f"tables[1].row_totals[2] {NOT_PRINTED}: 'x'",
    ),
    (
        "row-totals-bool",
        COUNTS + "row_totals = [4, false]\n",
        f"tables[1].row_totals[2] {NOT_A_FIGURE}, found a boolean: False",
    ),
    (
        "row-labels-number",
        COUNTS.replace('["a", "b"]', '["a", 2]'),
        "tables[1].row_labels[2] must be a string, found an integer: 2",
    ),
    (
        "column-labels-text",
        COUNTS.replace('["y", "n"]', '"y"'),
        "tables[1].column_labels must be an array of strings, found a string: 'y'",
    ),
    (
        "pvalue-array",
        COUNTS + "pvalue = [0.05]\n",
        f"tables[1].pvalue {NOT_A_FIGURE}, found an array: [0.05]",
    ),
    (
        "percent-of-bool",
        COUNTS + "percent_of = true\n",
        "tables[1].percent_of must be a string, found a boolean: True",
    ),
    (
        "table-no-kind",
        COUNTS.replace('kind = "counts"\n', ""),
        "tables[1] has no 'kind' (one of: counts, money)",
    ),
    (
        "table-kind-unknown",
        COUNTS.replace('"counts"\nname', '"means"\nname'),
        "tables[1].kind: unknown table kind 'means' (known: counts, money)",
    ),
    # money tables: counts is a flat array of figures
    (
        "money-counts-grid",
        MONEY.replace("[2, 3]", "[[2], [3]]"),
        f"tables[1].counts[1] {NOT_A_FIGURE}, found an array: [2]",
    ),
    (
        "money-count-fraction",
        MONEY.replace("[2, 3]", '[2, "3.5"]'),
        "tables[1]: M: counts must be a whole-number count: '3.5'",
    ),
    ("money-n-float", MONEY + "n = 1.0\n", "tables[1].n must be a whole number, found a float: 1.0"),
    (
        "money-units-text",
        MONEY.replace('["£1", "£2"]', '"£1"'),
        "tables[1].units must be an array of figures, found a string: '£1'",
    ),
    (
        "money-unknown-key",
        MONEY + 'test = "t"\n',
        "unknown key 'tables[1].test' (allowed: name, row_labels, counts, units, totals, total, n, "
        "average, decimals, kind)",
    ),
    # the report section and the file's sections
    ("title-number", "[report]\ntitle = 5\n", "report.title must be a string, found an integer: 5"),
    (
        "rounding-number",
        "[report]\nrounding = 5\n",
        "report.rounding must be a string, found an integer: 5",
    ),
    (
        "rounding-unknown",
        '[report]\nrounding = "bankers"\n',
        "report.rounding must be one of 'half-up', 'half-even': 'bankers'",
    ),
    (
        "report-unknown-key",
        '[report]\nauthor = "x"\n',
        "unknown key 'report.author' (allowed: title, rounding)",
    ),
    ("report-not-table", "report = 5\n", "report must be a table, found an integer: 5"),
    (
        "unknown-section",
        "[other]\n",
        "unknown key 'other' (allowed: report, tables, summaries, figures, relations)",
    ),
    (
        "tables-number",
        "tables = 5\n",
        "tables must be an array of tables ([[tables]]), found an integer: 5",
    ),
    (
        "summaries-table",
        "[summaries]\nrow = 1\n",
        "summaries must be an array of tables ([[summaries]]), found a table: ",
    ),
    (
        "figures-number",
        "figures = 5\n",
        "figures must be an array of tables ([[figures]]), found an integer: 5",
    ),
    (
        "relations-number",
        "relations = 5\n",
        "relations must be an array of tables ([[relations]]), found an integer: 5",
    ),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_a_bad_declarations_file_names_the_file_and_key_path(tmp_path: Path, text: str, message: str):
    """Each mistake is a FileFormatError whose message is the file, then the key path and the value."""
    path = write(tmp_path, text)
    with pytest.raises(FileFormatError) as info:
        read_declarations(path)
    assert str(info.value).startswith(f"{path}: {message}")


def test_the_second_entry_of_a_section_is_numbered_2(tmp_path: Path):
    """Entries are numbered from 1 in each section: the second figure is figures[2]."""
    text = FIGURE.format("1") + FIGURE.format("true")
    path = write(tmp_path, text)
    with pytest.raises(FileFormatError, match=r"figures\[2\]\.published must be"):
        read_declarations(path)


def test_each_kind_of_entry_is_read(tmp_path: Path):
    """Figures (a figure as published), relations (text published), tests, summaries and tables."""
    text = (
        '[report]\ntitle = "Pilot"\nrounding = "half-even"\n'
        + FIGURE.format('"12%"')
        + FIGURE.format("12").replace('"f"', '"g"')
        + SUM
        + TEST
        + RR
        + SUMMARY
        + COUNTS
        + "totals_are_sums = false\n"
        + MONEY
        + "decimals = 2\nn = 4\n"
    )
    d = read_declarations(write(tmp_path, text))
    assert (d.title, d.rounding) == ("Pilot", "half-even")
    assert d.figures == (Figure("f", "Text", "12%"), Figure("g", "Text", 12))
    assert d.relations[0] == Relation("sum", ("a",), published="p")
    assert d.relations[1] == PrintedTest("T", "L", "t", "2.20", df=(28,), p=".036")
    assert d.relations[2].kind == "relative-risk" and d.relations[2].rows == ("a", "b")
    assert d.summaries == (SummaryRow("T", "r", n=None, mean="3.1"),)
    counts, money = d.tables
    assert isinstance(counts, CountTable) and counts.counts == ((3, 1), (2, 2))
    assert counts.totals_are_sums is False
    assert isinstance(money, ProductTable) and (money.counts, money.decimals, money.n) == ((2, 3), 2, 4)


def test_an_empty_file_declares_nothing(tmp_path: Path):
    """No sections: no tables, summaries, figures or relations; half-up rounding and no title."""
    d = read_declarations(write(tmp_path, ""))
    assert (d.tables, d.summaries, d.figures, d.relations, d.rounding, d.title) == (
        (),
        (),
        (),
        (),
        "half-up",
        "",
    )


def test_a_summary_with_n_is_checked_and_kept(tmp_path: Path):
    """n = 5 is a whole number and kept; without n it is None."""
    d = read_declarations(write(tmp_path, SUMMARY + "n = 5\n"))
    assert d.summaries[0].n == 5


def test_a_relation_to_an_unknown_figure_names_the_file(tmp_path: Path):
    """audit_file names the file before the relation that refers to a figure never declared."""
    path = write(tmp_path, SUM)
    with pytest.raises(FileFormatError) as info:
        audit_file(path)
    assert str(info.value) == f"{path}: relations[1] (sum): relation refers to unknown figure 'p'"


def test_audit_file_audits_the_declarations(tmp_path: Path):
    """5 of 40 is 12.5%: printed 12% is a slip half-up, not half-even (the file's rule)."""
    text = (
        FIGURE.format("5").replace('"f"', '"i"')
        + FIGURE.format("40").replace('"f"', '"n"')
        + FIGURE.format('"12%"').replace('"f"', '"p"')
        + '[[relations]]\nkind = "percent"\noperands = ["i", "n"]\npublished = "p"\n'
    )
    report = audit_file(write(tmp_path, text))
    assert [(f.rule, f.published, f.recomputed) for f in report.findings] == [("percent", 12, 13)]
    even = audit_file(write(tmp_path, '[report]\nrounding = "half-even"\n' + text))
    assert (even.findings, even.checks) == ((), 1)
