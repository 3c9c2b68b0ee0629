"""Tests for the safecore command and its example files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from safecore.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_report_default_reproduces_the_report(capsys: pytest.CaptureFixture[str]):
    """`safecore report` prints Tables 1-13 recomputed, the cost model and the audit."""
    code, out, _ = run(capsys, "report", "--draws", "1000")
    assert code == 0
    for text in (
        "Table 1:",
        "Table 2:",
        "Table 3:",
        "Table 4:",
        "Table 5:",
        "Tables 6 and 11",
        "Table 7",
        "Table 8",
        "Table 9:",
        "Table 10:",
        "Engaged (12 families)",
        "35.41",
        "13.96",
        "£180,551",
        "£15,045.92",
        "£9,472.96",
        "£5,572.96",
        "At 66% attribution: £3,678.15",
        "£19,719.10",
        "Audit findings",
    ):
        assert text in out, text


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_report_formats(capsys: pytest.CaptureFixture[str], fmt: str):
    """Every format renders; JSON parses and carries the findings."""
    code, out, _ = run(capsys, "report", "--format", fmt, "--draws", "0")
    assert code == 0
    if fmt == "json":
        data = json.loads(out)
        assert len(data["findings"]) > 20
        assert data["sections"][0]["blocks"][0]["type"] == "table"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<table>" in out
    else:
        assert out.startswith("# SafeCORE") and "| Outcome |" in out


def test_report_on_the_example_files(capsys: pytest.CaptureFixture[str]):
    """Every file in examples/ feeds `safecore report`."""
    code, out, _ = run(
        capsys,
        "report",
        "--case-notes",
        str(EXAMPLES / "case_notes.csv"),
        "--staff-survey",
        str(EXAMPLES / "staff_survey.csv"),
        "--proxies",
        str(EXAMPLES / "proxies.toml"),
        "--cohorts",
        str(EXAMPLES / "cohorts.toml"),
        "--draws",
        "500",
    )
    assert code == 0
    assert "Goals: status by engagement (8 records, 1 missing)" in out
    assert "Difference per family (Completed − Left early): £2,759.11" in out
    assert "CBI scores by time point" in out and "paired t" in out
    assert "Audit" not in out  # the audit is of the 2020 report only


def test_audit_json(capsys: pytest.CaptureFixture[str]):
    """`safecore audit --format json` gives {"findings": [...]} with the documented fields."""
    code, out, _ = run(capsys, "audit", "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data["findings"]) > 20
    assert {"table", "row", "column", "published", "recomputed", "rule", "severity"} <= set(
        data["findings"][0]
    )
    code, out, _ = run(capsys, "audit")
    assert "findings in" in out
    for fmt in ("markdown", "html"):
        assert run(capsys, "audit", "--format", fmt)[0] == 0


def test_proxies_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """proxies show, validate and export."""
    code, out, _ = run(capsys, "proxies", "show")
    assert code == 0 and "£13,139" in out
    code, out, _ = run(capsys, "proxies", "validate", str(EXAMPLES / "proxies.toml"))
    assert code == 0 and "4 proxies, valid" in out
    code, out, _ = run(capsys, "proxies", "export", "--to", "csv")
    assert out.startswith("outcome,indicator,saving,source")
    p = tmp_path / "t11.toml"
    p.write_text(run(capsys, "proxies", "export")[1], encoding="utf-8")
    assert run(capsys, "proxies", "validate", str(p))[0] == 0


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """A bad file gives one clear line on stderr and exit status 1, no traceback."""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = -1\nsource = "s"\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "proxies", "validate", str(bad))
    assert code == 1 and out == ""
    assert (
        err.startswith("safecore: error: ")
        and "bad.toml: proxy[1].saving must be in [0, 1e+12]: -1" in err
    )
    assert err.count("\n") == 1
    proxies = str(EXAMPLES / "proxies.toml")
    missing = str(tmp_path / "missing.toml")
    code, _, err = run(capsys, "report", "--cohorts", missing, "--proxies", proxies)
    assert code == 1 and "missing.toml" in err
    with pytest.raises(Exception, match="saving must be"):
        main(["--debug", "proxies", "validate", str(bad)])


def test_help(capsys: pytest.CaptureFixture[str]):
    """--help, per-command help, and no command print usage and exit 0."""
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "report" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "--case-notes" in capsys.readouterr().out
    assert main([]) == 0


def test_console_script_runs():
    """`python -m safecore report` and `audit` run as commands (timing: benchmarks/bench_commands.py)."""
    for argv, text in ((["report", "--draws", "200"], "£180,551"), (["audit"], "38 findings")):
        out = subprocess.run(
            [sys.executable, "-m", "safecore", *argv], capture_output=True, text=True, check=True
        )
        assert text in out.stdout, argv


def test_progress_bar(capsys: pytest.CaptureFixture[str]):
    """The simulation progress bar writes to stderr and clears itself when done."""
    from safecore.cli import _progress_bar

    _progress_bar(500, 1000)
    assert "simulating [###############...............] 500/1,000" in capsys.readouterr().err
    _progress_bar(1000, 1000)
    assert capsys.readouterr().err.endswith("\r")
