"""Tests for the safecore command."""

from __future__ import annotations

import subprocess
import sys

import pytest

from safecore.cli import main


def test_report_prints_recomputed_tables(capsys: pytest.CaptureFixture[str]):
    """`safecore report` prints Tables 2-5 and the recomputed chi-squares."""
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Table 3" in out and "35.41" in out and "13.96" in out
    assert "3 with no status" in out


def test_python_dash_m():
    """`python -m safecore report` runs as a module."""
    out = subprocess.run(
        [sys.executable, "-m", "safecore", "report"], capture_output=True, text=True, check=True
    )
    assert "Table 5" in out.stdout


def test_help(capsys: pytest.CaptureFixture[str]):
    """--help prints usage and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "report" in capsys.readouterr().out
