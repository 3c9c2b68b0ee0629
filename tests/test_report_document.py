"""The report as a document: JSON against its shipped schema, HTML and Markdown structure, provenance."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from safecore.datasets import report_2020
from safecore.report import Table, build_report

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


def _tables(data: dict[str, object]) -> dict[str, dict[str, object]]:
    """Every table block of a JSON report, by caption."""
    return {
        b["caption"]: b
        for s in data["sections"]  # type: ignore[attr-defined]
        for b in s["blocks"]
        if b["type"] == "table"
    }


def _records(tables: dict[str, dict[str, object]], caption: str) -> list[dict[str, object]]:
    """The typed data of the table whose caption starts with *caption*, one mapping per row."""
    (table,) = [t for c, t in tables.items() if c.startswith(caption)]
    return [dict(zip(table["columns"], row, strict=True)) for row in table["data"]]  # type: ignore[call-overload]


@pytest.mark.parametrize("name", ["2020", "own"])
def test_json_validates_against_the_shipped_schema(schema, reports, name):
    """JSON output follows report.schema.json (shipped in the package), numbers as numbers."""
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(reports[name].render("json"))
    jsonschema.validate(data, schema)
    assert data["schema_version"] == "1.1"
    numbers = [
        v
        for s in data["sections"]
        for b in s["blocks"]
        if b["type"] == "table"
        for row in b["data"]
        for v in row
        if isinstance(v, int | float)
    ]
    assert numbers, "tables carry their raw numbers"


@pytest.mark.parametrize("name", ["2020", "own"])
def test_every_table_has_typed_columns_and_one_data_row_per_displayed_row(reports, name):
    """No table is display strings only: typed columns and data, a row of data per printed row."""
    tables = _tables(json.loads(reports[name].render("json")))
    assert tables
    for caption, t in tables.items():
        assert t["columns"] and len(set(t["columns"])) == len(t["columns"]), caption
        assert len(t["data"]) == len(t["rows"]), caption
        assert all(len(row) == len(t["columns"]) for row in t["data"]), caption
        for row in t["data"]:
            for v in row:
                assert v is None or (type(v) in (int, float, str)), (caption, v)
                # no formatted money or percentage hides in a typed cell
                assert not (isinstance(v, str) and re.fullmatch(r"-?£[\d,.]+|\d+%", v)), (caption, v)


def test_json_money_shares_and_counts_are_numbers(reports):
    """Values in the 2020 report's JSON equal figures worked out by hand from the report's tables."""
    tables = _tables(json.loads(reports["2020"].render("json")))
    # Table 7: 7 engaged families improved on education, valued at the Table 11 proxy £1,965
    engaged = {r["outcome"]: r for r in _records(tables, "Results by outcome: Engaged (Table 7")}
    education = engaged["Education"]
    assert education["improved"] == 7 and type(education["improved"]) is int
    assert education["proxy_saving"] == 1965.0 and type(education["proxy_saving"]) is float
    assert education["total_saving"] == 7 * 1965 == 13755.0 and type(education["total_saving"]) is float
    assert engaged["Housing"]["published"] == 15400.0  # the printed slip beside 2 × £7,770
    assert engaged["Total"]["proxy_saving"] is None  # printed blank
    assert engaged["Per family"]["total_saving"] == pytest.approx(180551 / 12)
    # the engaged cohort: 2 of the 4 families with a housing problem improved
    shares = _records(tables, "Outcomes and improvements: Engaged")
    housing = next(r for r in shares if r["outcome"] == "Housing")
    assert (housing["potential"], housing["improved"], housing["improved_share"]) == (4, 2, 0.5)
    # value for money: the 3-year benefit-cost ratio printed as 2.21
    vfm = {r["years"]: r for r in _records(tables, "Value for money")}
    assert round(vfm[3]["bcr"], 2) == 2.21 and type(vfm[3]["bcr"]) is float
    assert vfm[1]["payback_year"] is None and vfm[3]["payback_year"] == 1
    cost = 1_950_000 * (1 - 0.10) / 89  # funding less the 10% start-up share, over 89 families
    assert vfm[1]["benefit"] == pytest.approx(180551 / 12)
    assert all(r["npv"] == pytest.approx(r["benefit"] - cost) for r in vfm.values())
    # Table 1: 3 referrals before, none after: exact McNemar p = 2 × (1/2)^3
    table_1 = _records(tables, "Table 1:")
    mash = next(r for r in table_1 if r["label"].startswith("Referrals to MASH"))
    assert (mash["before"], mash["after"], mash["pvalue"]) == (3, 0, 0.25)
    # Table 9: the printed interval and the t-interval as two numbers each
    cbi = _records(tables, "Table 9:")
    first = cbi[0]
    assert (first["scale"], first["time"], first["n"]) == ("Personal burnout", 1, 11)
    assert (first["mean"], first["ci_low"], first["ci_high"], first["sd"]) == (37.5, 31.9, 43.1, 11.3)
    half = 2.2281388519649385 * 11.3 / 11**0.5  # qt(0.975, 10) in R
    assert first["t_interval_low"] == pytest.approx(37.5 - half)
    assert first["t_interval_high"] == pytest.approx(37.5 + half)
    # the simulation: an interval as two numbers around its median
    sim = _records(tables, "Uncertainty")
    assert [r["cohort"] for r in sim] == ["Engaged", "Disengaged"]
    assert all(r["interval_low"] < r["median"] < r["interval_high"] for r in sim)
    assert sim[1]["per_family"] == pytest.approx(236824 / 25)


def test_schema_rejects_a_malformed_document(schema):
    """The schema can fail: an unknown block, a table without typed values, a cell of another type."""
    jsonschema = pytest.importorskip("jsonschema")

    def document(block: dict[str, object]) -> dict[str, object]:
        return {
            "schema_version": "1.1",
            "title": "t",
            "summary": [],
            "findings": [],
            "provenance": {},
            "sections": [{"title": "s", "blocks": [block]}],
        }

    table = {"type": "table", "caption": "c", "header": ["A"], "rows": [["1"]]}
    jsonschema.validate(document({**table, "columns": ["a"], "data": [[1]]}), schema)
    bad = [
        {"type": "chart"},
        {**table, "columns": None, "data": None},
        {**table, "data": [[1]]},
        {**table, "columns": ["A"], "data": [[1]]},
        {**table, "columns": ["a"], "data": [[True]]},
        {**table, "columns": ["a"], "data": [[[1, 2]]]},
    ]
    for block in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document(block), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**document({**table, "columns": ["a"], "data": [[1]]}), "schema_version": "1.0"}, schema
        )


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


def test_table_checks_its_typed_values():
    """A table's data has a row per displayed row, a value per column, each a number, text or None."""
    import numpy as np

    t = Table("c", ["A", "B"], [["1", "-"]], ["a", "b"], [[np.int64(1), float("nan")]])
    assert t.data == ((1, None),) and type(t.data[0][0]) is int
    cases = [
        ((["a"], [[1], [2]]), r"table 'c': data must have one row per displayed row \(1\): 2"),
        ((["a"], [[1, 2]]), r"data row 0 must have one value per column \(1\): \(1, 2\)"),
        ((["a"], [[True]]), "data values must be numbers, text or None: True in row 0"),
        ((["a"], [[[1, 2]]]), r"data values must be numbers, text or None: \[1, 2\] in row 0"),
        (
            (["Saving (£)"], [[1]]),
            r"column names must be snake_case \(a-z, 0-9, _\): \['Saving \(£\)'\]",
        ),
    ]
    for (columns, data), message in cases:
        with pytest.raises(ValueError, match=message):
            Table("c", ["A"], [["1"]], columns, data)


def test_table_from_a_result_keeps_chosen_columns():
    """from_result(columns=...) keeps those columns, in order, for display and data alike."""
    from safecore.datasets.safecore_2020 import service_indicators_2020

    indicators, _ = service_indicators_2020()
    t = Table.from_result(indicators, "T1", columns=("label", "pvalue", "before"))
    assert t.header == ("Indicator", "Exact McNemar p", "Before")
    assert t.rows[-1] == ("Referrals to MASH (DVA present)", "0.250", "3")
    assert t.data[-1] == ("Referrals to MASH (DVA present)", 0.25, 3)
    with pytest.raises(ValueError, match=r"columns must be among indicator, label, .*: 'p'"):
        Table.from_result(indicators, columns=("label", "p"))
