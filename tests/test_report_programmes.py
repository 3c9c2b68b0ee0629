"""Reports for any programme: yes/no outcomes by trial arm, before/after indicators, many cohorts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from safecore import SafecoreError
from safecore.cli import main
from safecore.report import build_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _trial(tmp_path: Path, n: int = 1506) -> Path:
    """A trial's social-care outcomes: one row per child, yes/no indicators, two arms."""
    rng = np.random.default_rng(7)
    lines = ["child,arm,cin,cpp,cin_before,cin_after"]
    for k in range(n):
        arm = "Intervention" if k % 2 else "Usual care"
        cin = "yes" if rng.random() < (0.20 if arm == "Intervention" else 0.28) else "no"
        cpp = "Yes" if rng.random() < 0.05 else "No"
        before = "yes" if rng.random() < 0.3 else "no"
        after = "yes" if rng.random() < 0.2 else "no"
        lines.append(f"C{k},{arm},{cin},{cpp},{before},{after}")
    p = tmp_path / "trial.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_yes_no_outcomes_by_arm(tmp_path: Path):
    """Each outcome column is tallied by arm and tested; every record is counted."""
    path = _trial(tmp_path)
    report = build_report(case_notes=path, group="arm", outcomes=["cin", "cpp"], draws=0)
    text = report.to_text()
    assert "cin by arm (1506 records, 0 missing)" in text
    assert "cpp by arm (1506 records, 0 missing)" in text
    body = text.split("\nOutcomes\n", 1)[1]  # after the summary, which repeats the test lines
    assert body.count("Recomputed: χ²(1, N = 1506)") == 2
    assert "neither a type nor a status" not in text


def test_counts_match_a_hand_tally(tmp_path: Path):
    """The tallied counts equal a plain count of the file's rows."""
    path = _trial(tmp_path, n=200)
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    yes_int = sum(1 for r in rows if r[1] == "Intervention" and r[2] == "yes")
    no_int = sum(1 for r in rows if r[1] == "Intervention" and r[2] == "no")
    text = build_report(case_notes=path, group="arm", outcomes=["cin"], draws=0).to_text()
    line = next(x for x in text.splitlines() if x.startswith("Intervention"))
    assert f"{yes_int} (" in line and f"{no_int} (" in line


def test_paired_indicator_uses_exact_mcnemar(tmp_path: Path):
    """A before/after indicator pair gets its 2x2 table and the exact McNemar test."""
    from scipy.stats import binomtest

    path = _trial(tmp_path, n=300)
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    b = sum(1 for r in rows if r[4] == "yes" and r[5] == "no")
    c = sum(1 for r in rows if r[4] == "no" and r[5] == "yes")
    expected = binomtest(min(b, c), b + c, 0.5).pvalue  # independent reference
    text = build_report(
        case_notes=path, group="arm", paired=[("cin_before", "cin_after")], draws=0
    ).to_text()
    assert f"{b} yes→no, {c} no→yes, p = {expected:.4g}" in text


def test_paired_table_has_typed_counts(tmp_path: Path):
    """The before/after table's JSON holds the four counts as integers, matching a plain count."""
    path = _trial(tmp_path, n=120)
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    count = {
        (x, y): sum(1 for r in rows if (r[4], r[5]) == (x, y))
        for x in ("yes", "no")
        for y in ("yes", "no")
    }
    report = build_report(case_notes=path, group="arm", paired=[("cin_before", "cin_after")], draws=0)
    (table,) = [b for b in report.to_dict()["sections"][0]["blocks"] if b["type"] == "table"]
    assert table["columns"] == ["cin_before", "cin_after_yes", "cin_after_no"]
    assert table["data"] == [
        ["Yes", count["yes", "yes"], count["yes", "no"]],
        ["No", count["no", "yes"], count["no", "no"]],
    ]


def test_not_a_yes_no_value_is_refused(tmp_path: Path):
    """A paired indicator with a value that is not yes/no names the line and value."""
    p = tmp_path / "t.csv"
    p.write_text("child,arm,before,after\nC1,A,yes,no\nC2,B,maybe,no\n", encoding="utf-8")
    with pytest.raises(SafecoreError, match=r"t\.csv, line 3, column 'before': 'maybe' is not a yes/no"):
        build_report(case_notes=p, group="arm", paired=[("before", "after")], draws=0)


def test_file_without_status_asks_for_outcomes(tmp_path: Path):
    """A file with no status column is refused with the columns found, never tallied as nothing."""
    path = _trial(tmp_path, n=10)
    with pytest.raises(ValueError, match=r"no 'status' column \(columns found: 'child', 'arm'"):
        build_report(case_notes=path, group="arm", draws=0)


def test_command_line_outcomes_and_pairs(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """--group, --outcome and --paired drive the same analysis from the command line."""
    path = _trial(tmp_path, n=120)
    code = main(
        [
            "report",
            "--case-notes",
            str(path),
            "--group",
            "arm",
            "--outcome",
            "cin",
            "--paired",
            "cin_before:cin_after",
            "--draws",
            "0",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "cin by arm" in out and "Exact McNemar test" in out
    assert main(["report", "--paired", "a-b"]) == 1
    assert "--paired must be BEFORE:AFTER (two column names): 'a-b'" in capsys.readouterr().err


def test_three_cohorts_each_have_results(tmp_path: Path):
    """Every cohort appears in the cost section, not only the first two."""
    cohorts = "".join(
        f'[cohorts.{k}]\nname = "{k.upper()}"\nfamilies = 4\nimproved = {{ housing = {n} }}\n'
        for k, n in (("a", 2), ("b", 1), ("c", 0))
    )
    c = tmp_path / "c.toml"
    c.write_text(cohorts, encoding="utf-8")
    text = build_report(cohorts=c, proxies=EXAMPLES / "proxies.toml", draws=0).to_text()
    assert [x for x in text.splitlines() if x.startswith("Results by outcome")] == [
        "Results by outcome: A",
        "Results by outcome: B",
        "Results by outcome: C",
    ]
