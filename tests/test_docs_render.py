"""The documentation site renders docstrings as Markdown, each object once.

Builds the mkdocs site into a temporary directory (skipped when mkdocs is not
installed) and inspects the HTML: no Sphinx role or directive survives as
literal text, and no object is documented under two names.
"""

from __future__ import annotations

import html
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import safecore

pytest.importorskip("mkdocs")
pytest.importorskip("mkdocstrings")

ROOT = Path(__file__).resolve().parents[1]
SPHINX_ROLE = re.compile(r":(math|func|class|mod|data|attr|meth):")
HEADING_ID = re.compile(r'<h\d id="(safecore[^"]*)"[^>]*class="doc doc-heading"')

# Sphinx roles still in docstrings being rewritten on other branches
# (report/document.py and _read.py); delete an entry once its text is fixed.
PENDING_ELSEWHERE: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    cmd += ["-f", str(ROOT / "mkdocs.yml"), "-d", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


def _text(page: Path) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def _resolve(path: str) -> object:
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for part in parts[i:]:
            obj = getattr(obj, part)
        return obj
    raise LookupError(path)


def _key(path: str) -> str:
    """The defining name of the object documented under *path*."""
    obj = _resolve(path)
    if inspect.ismodule(obj):
        return obj.__name__
    if inspect.isclass(obj) or inspect.isfunction(obj):
        return f"{obj.__module__}.{obj.__qualname__}"
    parent, _, name = path.rpartition(".")
    return f"{_key(parent)}.{name}"


def _headings(site: Path) -> dict[str, list[str]]:
    by_object: dict[str, list[str]] = defaultdict(list)
    for page in sorted((site / "reference").glob("**/index.html")):
        for anchor in HEADING_ID.findall(page.read_text(encoding="utf-8")):
            by_object[_key(anchor)].append(f"{page.parent.name}#{anchor}")
    return by_object


def test_no_sphinx_markup_in_built_site(site: Path) -> None:
    """No page shows a Sphinx role or a line starting with a directive's '.. '."""
    leftovers = []
    for page in sorted(site.glob("**/*.html")):
        for line in _text(page).splitlines():
            if any(known in line for known in PENDING_ELSEWHERE):
                continue
            if SPHINX_ROLE.search(line) or line.lstrip().startswith(".. "):
                leftovers.append(f"{page.relative_to(site)}: {line.strip()[:120]}")
    assert leftovers == []


def test_math_is_typeset_by_arithmatex(site: Path) -> None:
    """Inline and display math reach MathJax as arithmatex spans and blocks."""
    stats = (site / "reference" / "stats" / "index.html").read_text(encoding="utf-8")
    assert '<span class="arithmatex">' in stats
    assert '<div class="arithmatex">' in stats


def test_each_object_documented_once(site: Path) -> None:
    """An object re-exported by several modules has one heading, on one page."""
    duplicates = {key: where for key, where in _headings(site).items() if len(where) > 1}
    assert duplicates == {}


def test_public_classes_and_functions_documented(site: Path) -> None:
    """Every class and function a public module exports has a heading somewhere."""
    documented = set(_headings(site))
    missing = []
    for info in pkgutil.walk_packages(safecore.__path__, "safecore."):
        if any(part.startswith("_") for part in info.name.split(".")) or info.name == "safecore.cli":
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            defined = f"{obj.__module__}.{obj.__qualname__}"
            if defined.startswith("safecore.") and defined not in documented:
                missing.append(f"{info.name}.{name}")
    assert sorted(set(missing)) == []


PLOT_IMAGE = re.compile(r'<img[^>]*src="((?:\.\./)*img/plots/([\w-]+)\.svg)"')


def test_plots_are_drawn_into_the_site(site: Path) -> None:
    """The build hook writes each page's plot pictures as SVG; the pages that need pictures show them."""
    shown: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site.glob("**/*.html")):
        for _, name in PLOT_IMAGE.findall(page.read_text(encoding="utf-8")):
            shown[str(page.parent.relative_to(site))].add(name)
    for names in shown.values():
        for name in names:
            svg = (site / "img" / "plots" / f"{name}.svg").read_text(encoding="utf-8")
            assert svg.startswith("<?xml") and "<svg " in svg and svg.rstrip().endswith("</svg>"), name
    assert {"tutorial-own-data", "tutorial", "how-to/uncertainty", "how-to/staff-survey"} <= set(shown)
    assert shown["reference/plots"] == {
        "2020-attainment",
        "2020-waterfall",
        "2020-tornado",
        "2020-simulation",
        "2020-staff",
    }
    assert "report-2020.png" in (site / "index.html").read_text(encoding="utf-8")


def test_plot_hook_needs_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib the docs build stops with a message naming it and the extra to install."""
    import importlib.util

    from mkdocs.exceptions import PluginError

    path = ROOT / "docs" / "hooks" / "plots.py"
    spec = importlib.util.spec_from_file_location("docs_plots_hook", path)
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(PluginError, match=r"need matplotlib.*pip install"):
        hook._require_matplotlib()
