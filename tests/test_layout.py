"""The package layout keeps programme data apart: generic modules never import safecore.datasets."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "safecore"

# Places allowed to name the datasets package: the package itself, the command (its default
# job is the embedded report), the curated top-level namespace, and the two documented lazy
# aliases (safecore.cost.SAFECORE_2020*, safecore.scales.CBI_SOCIAL_WORKER_NORMS).
ALLOWED = {"datasets", "cli.py", "__init__.py", "cost/__init__.py", "scales/__init__.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def _allowed(rel: str) -> bool:
    return rel in ALLOWED or rel.startswith("datasets/")


def test_generic_modules_never_import_datasets():
    """No statistics, tallies, scales, cost, audit or report module imports the datasets package."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if _allowed(rel):
            continue
        if any(n == "safecore.datasets" or n.startswith("safecore.datasets.") for n in _imports(path)):
            offenders.append(rel)
    assert offenders == []


def test_the_check_sees_a_violation(tmp_path: Path):
    """The import scan finds both import forms (so the test above can fail)."""
    p = tmp_path / "m.py"
    p.write_text("def f():\n    from safecore.datasets import SAFECORE_2020\nimport safecore.datasets\n")
    assert {"safecore.datasets", "safecore.datasets.SAFECORE_2020"} <= _imports(p)


def test_no_data_files_outside_datasets():
    """Embedded programme data (TOML) lives only under datasets/data (scale specs are instruments)."""
    stray = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.toml")
        if not p.relative_to(SRC).as_posix().startswith(("datasets/data/", "scales/specs/"))
    ]
    assert stray == []
