"""The documentation stays true: its audit table is the library's output.

(The code examples in docs/*.md and README.md run as doctests through pytest's
--doctest-glob; see pyproject.toml.)
"""

from __future__ import annotations

from pathlib import Path

from safecore.datasets import audit_2020

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_audit_page_matches_the_audit():
    """docs/audit-2020.md shows exactly the findings audit_2020() produces."""
    page = (DOCS / "audit-2020.md").read_text(encoding="utf-8")
    table = page.split("<!-- audit-table -->", 1)[1].strip()
    report = audit_2020()
    assert table == report._repr_markdown_().strip()
    errors = len(report.by_severity("error"))
    assert f"**{len(report)} findings in {report.checks} checks: {errors} errors" in page


def test_every_reference_page_names_a_module():
    """Each API reference page renders a module with mkdocstrings."""
    for page in (DOCS / "reference").glob("*.md"):
        assert "::: safecore" in page.read_text(encoding="utf-8"), page.name


def test_preparing_data_lists_every_error_and_limit():
    """The 'Preparing your data' page names every error class and every documented limit."""
    from safecore import _errors, _read, _validate

    page = (DOCS / "preparing-data.md").read_text(encoding="utf-8")
    for name in _errors.__all__:
        if name not in ("SafecoreError", "SafecoreWarning"):
            assert f"`{name}`" in page, name
    assert f"{_read.MAX_FILE_BYTES // 2**20} MiB" in page
    assert f"{_read.MAX_ROWS:,}" in page
    assert f"{_read.MAX_TOML_DEPTH} levels" in page
    assert f"{_validate.MAX_DRAWS:,}" in page
    assert f"{_validate.MAX_YEARS:,}" in page
    assert "{}–{}".format(*_validate.YEAR_RANGE) in page
    assert f"{_validate.MEMORY_BUDGET // 2**30} GiB" in page
    from safecore.stats.contingency import EXACT_LIMIT

    assert f"{EXACT_LIMIT:,} partial tables by default" in page
    assert f"more than {EXACT_LIMIT:,} partial tables" in page


def test_methods_page_gives_the_exact_tests_thresholds():
    """The Methods page states the exact test's listing caps and its heap block as the code has them."""
    from safecore.stats import _exact

    page = (DOCS / "methods.md").read_text(encoding="utf-8")
    assert f"never span more than {_exact._GRID:,} points" in page
    assert f"at most {_exact._PLAIN:,} tables" in page
    assert f"one untouched {_exact._HEAP_BLOCK // 2**20} MiB block" in page


def _public_objects() -> dict[str, object]:
    """Every class and function named in a public module's ``__all__``, once, by defining name."""
    import importlib
    import inspect
    import pkgutil

    import safecore

    names = ["safecore"] + [
        m.name
        for m in pkgutil.walk_packages(safecore.__path__, "safecore.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
    found: dict[str, object] = {}
    for name in names:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                found.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return found


def test_every_public_object_has_an_example():
    """Each public class and function documents an Examples section (run as a doctest)."""
    import inspect

    objects = _public_objects()
    assert len(objects) > 150  # the walk found the package, not an empty list
    missing = [
        name for name, obj in objects.items() if "Examples\n--------" not in (inspect.getdoc(obj) or "")
    ]
    assert missing == []
