"""Tests for safecore.report."""

from __future__ import annotations

from pathlib import Path

import pytest

from safecore.cost import CohortError
from safecore.report import Report, Section, Table, build_report, load_cohorts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_default_sections_and_findings():
    """The default report has the five sections and the audit findings as data."""
    r = build_report(draws=0)
    assert [s.title for s in r.sections] == [
        "Service indicators (Table 1)",
        "Case notes (Tables 2-5)",
        "Cost (Tables 6-8, 11-13)",
        "Staff survey (Tables 9-10)",
        "Audit of the published figures",
    ]
    assert len(r.findings) > 20
    assert repr(r).startswith("Report('SafeCORE evaluation")
    assert r._repr_markdown_().startswith("# ") and "<h1>" in r._repr_html_()


def test_own_proxies_replace_table_11_and_drop_the_audit(tmp_path: Path):
    """With only a proxy file, the 2020 cohorts are valued with it and no audit is shown."""
    from safecore.cost import SAFECORE_2020, Proxy

    table = SAFECORE_2020.with_proxy(Proxy("housing", "An eviction has been avoided.", 8450, "s"))
    p = tmp_path / "p.toml"
    p.write_text(table.to_toml(), encoding="utf-8")
    r = build_report(proxies=p, draws=0)
    assert "Audit of the published figures" not in [s.title for s in r.sections]
    assert "£8,450" in r.to_text()


def test_render_rejects_unknown_format():
    """render() accepts text, markdown, html and json only."""
    r = Report("t", (Section("s", (Table("c", ["a"], [["1"]]), "text")),))
    assert "c\na\n1" in r.render("text")
    with pytest.raises(ValueError, match="format must be one of"):
        r.render("pdf")


def test_load_cohorts_errors(tmp_path: Path):
    """Malformed cohort files name the file and cohort."""
    cases = {
        "nothing.toml": ("\n", "nothing.toml: no cohorts; expected \\[cohorts.<key>\\]"),
        "title.toml": ("title = 'x'\n", "title.toml: unknown key 'title' \\(allowed: cohorts\\)"),
        "unknown.toml": (
            "[cohorts.a]\nfamilies = 3\nimproved = {}\ncolour = 1\n",
            "unknown.toml: unknown key 'cohorts.a.colour'",
        ),
        "missing.toml": (
            "[cohorts.a]\nimproved = {safety = 1}\n",
            "missing.toml: cohorts.a.families is missing",
        ),
        "bad.toml": (
            "[cohorts.a]\nfamilies = 2\nimproved = {safety = 3}\n",
            "bad.toml, cohorts.a: improved 3 > families 2 for outcome 'safety'",
        ),
        "broken.toml": ("[cohorts.a\n", "broken.toml: not valid TOML"),
    }
    for name, (content, message) in cases.items():
        p = tmp_path / name
        p.write_text(content, encoding="utf-8")
        with pytest.raises(CohortError, match=message):
            load_cohorts(p)
    assert [c.name for c in load_cohorts(EXAMPLES / "cohorts.toml")] == ["Completed", "Left early"]


def test_staff_survey_with_labels_and_unmatched_times(tmp_path: Path):
    """A staff CSV of option labels, with different respondents at each time, uses Welch."""
    from safecore.scales import CBI_ITEMS

    freq, deg = "Sometimes", "Somewhat"
    header = "respondent,time," + ",".join(i.id for i in CBI_ITEMS)
    rows = [header]
    for k, time in enumerate([1, 1, 1, 2, 2, 2]):
        cells = [deg if i.format == "degree" else ("Often" if k % 2 else freq) for i in CBI_ITEMS]
        rows.append(f"R{k},{time}," + ",".join(cells))
    p = tmp_path / "staff.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    text = build_report(staff_survey=p, draws=0).to_text()
    assert "Welch" in text and "CBI scores by time point" in text


def test_staff_survey_needs_the_documented_columns(tmp_path: Path):
    """A staff CSV without the CBI item columns is rejected clearly."""
    from safecore import RecordError

    p = tmp_path / "staff.csv"
    p.write_text("respondent,time,q1\nA,1,3\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"expected columns respondent, time and cbi01\.\.cbi19"):
        build_report(staff_survey=p, draws=0)
