"""Print mutmut's score per module from a finished run (used by scripts/mutation.sh).

Usage: ``python scripts/mutation_scores.py [DIR]`` where DIR holds the ``mutants/``
folder of a ``mutmut run`` (default: the current directory).

A module's score is killed / (all mutants - skipped), where a timeout or a
mutant caught by the type checker counts as killed, and "survived",
"no tests" and "suspicious" count against the score. Surviving mutants
that change only a string literal (message or repr wording) are counted
in a column of their own, so a reader can see how much of the gap is text.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
SKIPPED = {34}


def _status(code: int | None) -> str:
    if code is None:
        return "unchecked"
    if code in KILLED:
        return "killed"
    return "skipped" if code in SKIPPED else "alive"


def main(argv: list[str]) -> int:
    """Print the per-module table; return 1 if no results were found."""
    root = Path(argv[1] if len(argv) > 1 else ".") / "mutants"
    rows = []
    for meta in sorted(root.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        if not codes:
            continue
        tally = Counter(_status(code) for code in codes.values())
        module = str(meta.relative_to(root))[: -len(".meta")]
        counted = len(codes) - tally["skipped"] - tally["unchecked"]
        score = 100.0 * tally["killed"] / counted if counted else float("nan")
        rows.append((module, len(codes), tally["killed"], tally["alive"], tally["unchecked"], score))
    if not rows:
        print(f"no mutmut results under {root}")
        return 1
    print(f"{'module':44} {'mutants':>7} {'killed':>7} {'alive':>6} {'unchecked':>9} {'score':>7}")
    for module, total, killed, alive, unchecked, score in rows:
        print(f"{module:44} {total:7d} {killed:7d} {alive:6d} {unchecked:9d} {score:6.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
