"""Tests for audit declarations files: the 2020 file, errors naming file and key, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safecore._errors import FileFormatError, SafecoreError
from safecore.audit import CountTable, ProductTable, audit_file, read_declarations
from safecore.cli import main
from safecore.datasets import audit_2020, declarations_2020, safecore_2020, staff_survey_2020
from safecore.datasets._data import load_toml

CLEAN = """
[report]
title = "A clean report"
rounding = "half-up"

[[tables]]
kind = "counts"
name = "Table 1"
row_labels = ["Intervention", "Control"]
column_labels = ["Improved", "Not improved"]
counts = [[30, 10], [15, 25]]
row_totals = [40, 40]
cell_percents = [["75%", "25%"], ["38%", "63%"]]   # 15/40 = 37.5 and 25/40 = 62.5: half up
statistic = "11.43"
pvalue = "< .001"

[[relations]]
kind = "risk-difference"
table = "Table 1"
rows = ["Intervention", "Control"]
event = "Improved"
estimate = "37.5%"
# prop.test(c(30, 15), c(40, 40), correct = FALSE)$conf.int: 0.1741, 0.5759
ci_low = "17.4%"
ci_high = "57.6%"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the 2020 report ----------------------------------------------------------------------------


def test_2020_file_reproduces_the_audit():
    """The 2020 declarations file gives 38 findings in 333 checks: 17 errors, 21 warnings."""
    report = audit_2020()
    assert (len(report), report.checks) == (38, 333)
    assert (len(report.by_severity("error")), len(report.by_severity("warning"))) == (17, 21)
    assert report.by_severity("note") == ()


def test_2020_declarations_agree_with_the_embedded_tables():
    """The declarations file repeats Tables 2-5, 7, 8 and 9-10 as the other data files print them."""
    d = declarations_2020()
    tables = {t.name: t for t in d.tables}
    for number, printed in safecore_2020().tables.items():
        t = tables[f"Table {number}"]
        assert isinstance(t, CountTable)
        assert list(t.row_labels) == list(printed.row_labels)
        assert [list(r) for r in t.counts] == printed.counts.tolist()
        pct = [[float(x.rstrip("%")) for x in r] for r in t.cell_percents or ()]
        assert pct == printed.percents.tolist()
        if printed.n is not None:
            assert list(t.row_totals or ()) == printed.n.tolist()
    cost = load_toml("safecore_2020_cost.toml")
    for key in ("engaged", "disengaged"):
        pub = cost["published"][key]
        t = tables[f"Table {pub['table']}"]
        assert isinstance(t, ProductTable)
        assert sorted(float(x.strip("£").replace(",", "")) for x in t.totals) == sorted(
            float(v) for v in pub["totals"].values()
        )
        assert t.n == cost["cohorts"][key]["families"]
    staff = [(r.mean, r.sd, r.ci_low, r.ci_high, r.n) for r in staff_survey_2020().rows if r.n]
    declared = [
        (float(s.mean), float(s.sd), float(s.ci_low), float(s.ci_high), s.n) for s in d.summaries
    ]  # type: ignore[arg-type]
    assert declared == staff


def test_docs_audit_table_is_the_file_audit():
    """docs/audit-2020.md's table is audit_2020()'s Markdown (also checked in test_docs)."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "audit-2020.md").read_text(
        encoding="utf-8"
    )
    assert audit_2020()._repr_markdown_().strip() in page


# -- a declarations file --------------------------------------------------------------------------


def test_clean_file_has_no_findings(tmp_path: Path):
    """A consistent counts table with percentages, chi-square and a risk difference: no finding."""
    report = audit_file(write(tmp_path, CLEAN))
    assert report.findings == ()
    assert report.checks == 2 + 4 + 2 + 2  # 2 row sums, 4 percents, statistic and p, RD and its CI


def test_file_finds_a_planted_slip(tmp_path: Path):
    """The printed RD interval of −0.5 to 0.4% is one finding at the comparison."""
    text = CLEAN.replace('ci_low = "17.4%"', 'ci_low = "-0.5%"').replace(
        'ci_high = "57.6%"', 'ci_high = "0.4%"'
    )
    (f,) = audit_file(write(tmp_path, text)).findings
    assert (f.table, f.row, f.column, f.rule) == (
        "Table 1",
        "Intervention vs Control",
        "95% CI",
        "risk-difference",
    )
    assert f.recomputed == "[17.4, 57.6]"


def test_rounding_is_declared(tmp_path: Path):
    """Under half-even, 37.5% prints 38 and 62.5% prints 62: the file's "63%" is then a finding."""
    report = audit_file(write(tmp_path, CLEAN.replace('"half-up"', '"half-even"')))
    assert [(f.row, f.column, f.rule) for f in report.findings] == [
        ("Control", "Not improved", "percent")
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('kind = "risk-difference"', 'kind = "risk-ratio"'),
            r"relations\[1\]\.kind: unknown relation 'risk-ratio'",
        ),
        (('kind = "counts"', 'kind = "means"'), r"tables\[1\]\.kind: unknown table kind 'means'"),
        (('event = "Improved"\n', ""), r"relations\[1\] has no 'event'"),
        (
            ('statistic = "11.43"', "statistic = true"),
            r"tables\[1\]\.statistic must be a number or a printed figure",
        ),
        (('"38%"', '"38 pct"'), r"tables\[1\]\.cell_percents\[2\]\[1\].*printed number.*'38 pct'"),
        (("row_totals = [40, 40]", 'row_totals = "40"'), r"tables\[1\]\.row_totals must be an array"),
        (('name = "Table 1"', 'name = "Table 1"\ncolour = "red"'), r"unknown key 'tables\[1\]\.colour'"),
        (('rounding = "half-up"', 'rounding = "bankers"'), r"rounding must be one of"),
        (('event = "Improved"', 'event = "Better"'), r"relations\[1\].*no column 'Better'"),
        (
            ("counts = [[30, 10], [15, 25]]", "counts = [[30, 10], [15]]"),
            r"tables\[1\].*counts row 2 has 1 entries",
        ),
    ],
)
def test_declaration_errors_name_file_and_key(tmp_path: Path, change, message):
    """Each error in a declarations file is a SafecoreError naming the file and the key path."""
    path = write(tmp_path, CLEAN.replace(*change))
    with pytest.raises(SafecoreError, match=message) as info:
        audit_file(path)
    assert isinstance(info.value, FileFormatError)
    assert str(path) in str(info.value)


def test_invalid_toml_and_missing_file(tmp_path: Path):
    """Not TOML, or no file: a SafecoreError naming the path."""
    with pytest.raises(FileFormatError, match="not valid TOML"):
        read_declarations(write(tmp_path, "[[tables]\n"))
    with pytest.raises(SafecoreError, match="no such file"):
        read_declarations(tmp_path / "absent.toml")


# -- the command --------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_audits_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`safecore audit FILE.toml` prints the count; a clean file exits 0 even with --fail-on warning."""
    path = write(tmp_path, CLEAN)
    code, out, _ = run(capsys, "audit", str(path), "--fail-on", "warning")
    assert code == 0
    assert out.startswith("0 findings in 10 checks")
    code, out, _ = run(capsys, "audit", str(path), "--format", "json")
    assert json.loads(out) == {"findings": [], "checks": 10}


def test_cli_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """--fail-on error exits 1 when an error finding exists; by default the exit status is 0."""
    code, out, err = run(capsys, "audit")
    assert code == 0 and out.startswith("38 findings in 333 checks")
    code, out, err = run(capsys, "audit", "--fail-on", "error")
    assert code == 1
    assert out.startswith("38 findings in 333 checks")
    assert "17 finding(s) of severity error (--fail-on error)" in err
    code, _, err = run(capsys, "audit", "--fail-on", "warning")
    assert code == 1 and "38 finding(s)" in err
    # a warning-only file fails on warning but not on error
    # 2 * pt(2.20, 28, lower.tail = FALSE) = 0.0362: a printed .026 is a warning (no decision error)
    warning_only = (
        CLEAN
        + """
[[relations]]
kind = "test"
where = "Text"
label = "t-test"
test = "t"
statistic = "2.20"
df = [28]
p = ".026"
"""
    )
    path = write(tmp_path, warning_only)
    assert run(capsys, "audit", str(path), "--fail-on", "error")[0] == 0
    assert run(capsys, "audit", str(path), "--fail-on", "warning")[0] == 1


def test_cli_declaration_error_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A bad declarations file: exit 1 and a one-line message naming file and key."""
    path = write(tmp_path, CLEAN.replace('kind = "risk-difference"', 'kind = "nonsense"'))
    code, out, err = run(capsys, "audit", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"safecore: error: {path}: relations[1].kind: unknown relation 'nonsense'")


def test_summary_without_n_is_a_note_in_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A summary row printing no N (the 2020 self-efficacy line) is a note; --fail-on ignores notes."""
    text = """
[[summaries]]
table = "Appendix 2"
row = "Self-efficacy, time 1"
mean = "118.2"
sd = "24.4"
ci_low = "106.1"
ci_high = "130.4"
"""
    path = write(tmp_path, text)
    (note,) = audit_file(path).findings
    assert (note.severity, note.recomputed, note.message) == (
        "note",
        "not checkable",
        "not checkable: no n printed",
    )
    assert run(capsys, "audit", str(path), "--fail-on", "warning")[0] == 0
