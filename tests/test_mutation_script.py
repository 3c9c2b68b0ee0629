"""scripts/mutation_scores.py reads mutmut's results as the Testing page describes."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutation_scores.py"


def test_scores_count_no_tests_as_survivors(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """killed / (all - skipped - unchecked); exit 1 = killed, 36 = timeout (killed),
    0 = survived, 33 = no tests (survived), 34 = skipped, None = not run yet."""
    meta = tmp_path / "mutants" / "src" / "safecore" / "tallies.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {"a": 1, "b": 36, "c": 0, "d": 33, "e": 34, "f": None, "g": 1}
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    main = runpy.run_path(str(SCRIPT))["main"]
    assert main(["mutation_scores.py", str(tmp_path)]) == 0
    line = capsys.readouterr().out.splitlines()[1].split()
    # 7 mutants: 3 killed (a, b, g), 2 alive (c, d), 1 skipped, 1 unchecked -> 3 / 5 = 60.0%
    assert line == ["src/safecore/tallies.py", "7", "3", "2", "1", "60.0%"]


def test_no_results_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """A folder without a mutmut run gives exit 1 and says where it looked."""
    main = runpy.run_path(str(SCRIPT))["main"]
    assert main(["mutation_scores.py", str(tmp_path)]) == 1
    assert str(tmp_path / "mutants") in capsys.readouterr().out
