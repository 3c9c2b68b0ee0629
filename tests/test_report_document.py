"""The report as a document: JSON against its shipped schema, HTML and Markdown structure, provenance."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from safecore.datasets import report_2020
from safecore.report import build_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    text = resources.files("safecore.report").joinpath("report.schema.json").read_text(encoding="utf-8")
    out: dict[str, object] = json.loads(text)
    return out


@pytest.fixture(scope="module")
def reports() -> dict[str, object]:
    return {
        "2020": report_2020(draws=300),
        "own": build_report(
            case_notes=EXAMPLES / "case_notes.csv",
            staff_survey=EXAMPLES / "staff_survey.csv",
            proxies=EXAMPLES / "proxies.toml",
            cohorts=EXAMPLES / "cohorts.toml",
            draws=300,
        ),
    }


@pytest.mark.parametrize("name", ["2020", "own"])
def test_json_validates_against_the_shipped_schema(schema, reports, name):
    """JSON output follows report.schema.json (shipped in the package), numbers as numbers."""
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(reports[name].render("json"))
    jsonschema.validate(data, schema)
    assert data["schema_version"] == "1.0"
    numbers = [
        v
        for s in data["sections"]
        for b in s["blocks"]
        if b["type"] == "table" and b["data"]
        for row in b["data"]
        for v in row
        if isinstance(v, int | float)
    ]
    assert numbers, "tables built from results carry their raw numbers"


def test_schema_rejects_a_malformed_document(schema):
    """The schema can fail: a block of an unknown type is refused."""
    jsonschema = pytest.importorskip("jsonschema")
    bad = {
        "schema_version": "1.0",
        "title": "t",
        "summary": [],
        "findings": [],
        "provenance": {},
        "sections": [{"title": "s", "blocks": [{"type": "chart"}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_provenance_names_inputs_with_their_sha256(reports):
    """Each input file is listed with the SHA-256 of its bytes, plus versions and parameters."""
    prov = reports["own"].provenance
    by_role = {f["role"]: f for f in prov["inputs"]}
    expected = hashlib.sha256((EXAMPLES / "case_notes.csv").read_bytes()).hexdigest()
    assert by_role["case_notes"]["sha256"] == expected
    assert set(by_role) == {"case_notes", "staff_survey", "proxies", "cohorts"}
    assert prov["parameters"]["draws"] == 300 and prov["parameters"]["seed"] == 2020
    assert {"safecore", "created", "python", "numpy", "scipy"} <= set(prov)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_accessible(reports):
    """One page: inline CSS with print rules, no external resource, captions and scoped headers."""
    html = reports["2020"].render("html")
    page = _Page()
    page.feed(html)
    tags = [t for t, _ in page.tags]
    assert "style" in tags and "@media print" in html and "@page{size:A4" in html
    assert not [
        a
        for _, a in page.tags
        if any((v or "").startswith(("http", "//")) for k, v in a.items() if k in ("src", "href"))
    ]
    assert "script" not in tags and "link" not in tags
    assert tags.count("table") == tags.count("caption")
    ths = [a for t, a in page.tags if t == "th"]
    assert ths and all(a.get("scope") == "col" for a in ths)
    assert any(a.get("class") == "num" for t, a in page.tags if t == "td")
    h2 = [t for t in tags if t == "h2"]
    assert len(h2) == len(reports["2020"].sections) + 1  # the sections and the provenance
    assert 'class="summary"' in html and "38 of 333 checks" in html


def test_markdown_tables_have_alignment_rows(reports):
    """Markdown tables carry an alignment row: numbers right-aligned."""
    md = reports["2020"].render("markdown")
    assert "---:|" in md and "|---|" in md
    assert md.startswith("# SafeCORE evaluation")


def test_summary_comes_from_the_sections(reports):
    """The summary lists the main tests, the difference and the audit count, as in the body."""
    summary = reports["2020"].summary
    assert any("χ²(2, N = 130) = 35.41" in line for line in summary)
    assert any("£5,572.96" in line for line in summary)
    assert any("Monte Carlo median" in line for line in summary)
    body = reports["2020"].to_text()
    for line in summary:
        assert line.split(": ", 1)[1].split(" (Monte Carlo")[0] in body or "Monte Carlo" in line
