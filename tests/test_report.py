"""Tests for safecore.report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safecore.cost import CohortError
from safecore.datasets import report_2020
from safecore.report import Report, Section, Table, build_report, load_cohorts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_default_sections_and_findings():
    """The 2020 report has the five sections and the audit findings as data."""
    r = report_2020(draws=0)
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
    """With other proxies, the 2020 cohorts are valued with them and no audit is shown."""
    from safecore.cost import SAFECORE_2020, Proxy

    table = SAFECORE_2020.with_proxy(Proxy("housing", "An eviction has been avoided.", 8450, "s"))
    r = report_2020(proxies=table, draws=0)
    assert "Audit of the published figures" not in [s.title for s in r.sections]
    assert "£8,450" in r.to_text()


def test_build_report_needs_input_and_proxies_with_cohorts(tmp_path: Path):
    """No programme's data is used silently: no files, or cohorts without proxies, is an error."""
    with pytest.raises(ValueError, match="at least one input file"):
        build_report(draws=0)
    with pytest.raises(ValueError, match="cohorts and proxies go together"):
        build_report(cohorts=EXAMPLES / "cohorts.toml", draws=0)


def test_render_rejects_unknown_format():
    """render() accepts text, markdown, html and json only."""
    r = Report("t", (Section("s", (Table("c", ["a"], [["1"]], ["a"], [[1]]), "text")),))
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
    """A staff CSV without the CBI item columns is rejected, naming them and the columns found."""
    from safecore import SafecoreError
    from safecore._errors import MissingColumnError

    p = tmp_path / "staff.csv"
    p.write_text("respondent,time,q1\nA,1,3\n", encoding="utf-8")
    with pytest.raises(MissingColumnError, match=r"staff\.csv: no columns 'cbi01', 'cbi02'") as info:
        build_report(staff_survey=p, draws=0)
    assert "'cbi19' (columns found: 'respondent', 'time', 'q1')" in str(info.value)
    assert isinstance(info.value, SafecoreError) and isinstance(info.value, KeyError)


def _staff_csv(tmp_path: Path, rows: list[tuple[str, str, list[int]]]) -> Path:
    """Write a staff survey of points; each row is (respondent, time, 19 points)."""
    lines = ["respondent,time," + ",".join(f"cbi{k:02d}" for k in range(1, 20))]
    lines += [f"{r},{t}," + ",".join(str(x) for x in points) for r, t, points in rows]
    p = tmp_path / "staff.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_staff_survey_one_respondent_per_time_point(tmp_path: Path):
    """One respondent per time point: the descriptives are shown and the test says why it is missing."""
    p = _staff_csv(tmp_path, [("A", "1", [50] * 19), ("B", "2", [25] * 19)])
    section = build_report(staff_survey=p, draws=0).sections[-1]
    text = build_report(staff_survey=p, draws=0).to_text()
    assert section.title == "Staff survey"
    assert "CBI scores by time point" in text
    assert "50.0 (one score: no SD or CI)" in text
    assert "independent samples (Welch's t-test)" in text
    assert "personal: test not computed: Welch's test needs at least 2 personal scores at each " in text
    assert "(time 1: 1, time 2: 1)" in text
    assert not re.search(r"\bnan\b", text.lower())


def test_staff_survey_zero_spread(tmp_path: Path):
    """Every respondent changing by the same amount: t is undefined, reported, not raised."""
    rows = [(r, t, [50 if t == "1" else 75] * 19) for r in ("A", "B", "C") for t in ("1", "2")]
    text = build_report(staff_survey=_staff_csv(tmp_path, rows), draws=0).to_text()
    assert "Time 1 against time 2" in text
    assert "not computed" in text
    assert "personal: test not computed: every respondent's personal score changed by the same " in text
    assert "zero spread and t is undefined" in text
    assert "50.0 [50.0, 50.0] 0.0" in text
    assert not re.search(r"\bnan\b", text.lower())


def test_staff_survey_counts_respondents_at_one_time_point(tmp_path: Path):
    """A respondent who answered only once is counted and named in the report's wording."""
    rows = [
        ("A", "1", [50] * 19),
        ("A", "2", [75] * 19),
        ("B", "1", [25] * 19),
        ("B", "2", [25] * 19),
        ("C", "1", [0] * 19),
        ("C", "2", [50] * 19),
        ("D", "1", [100] * 19),
    ]
    text = build_report(staff_survey=_staff_csv(tmp_path, rows), draws=0).to_text()
    assert (
        "1 respondent answered only at time 1; they are in the descriptives but not the paired test."
        in text
    )
    assert "paired t" in text


def test_staff_survey_more_than_two_time_points(tmp_path: Path):
    """Three time points: each is described, and the report says the comparison needs exactly two."""
    rows = [(r, t, [25 * (int(t) - 1)] * 19) for r in ("A", "B") for t in ("1", "2", "3")]
    text = build_report(staff_survey=_staff_csv(tmp_path, rows), draws=0).to_text()
    assert "3 time points (1, 2, 3): each is described above" in text
    assert "only when a survey has exactly two time points" in text
    assert "Time 1 against time 2" not in text


def _typed(report: Report, caption: str) -> list[dict[str, object]]:
    """The typed rows of the report's table whose caption starts with *caption*."""
    (table,) = [
        b
        for s in report.sections
        for b in s.blocks
        if isinstance(b, Table) and b.caption.startswith(caption)
    ]
    return [dict(zip(table.columns, row, strict=True)) for row in table.data]


def test_staff_tables_are_typed_and_a_missing_test_is_null(tmp_path: Path):
    """Staff scores and tests carry numbers; a test that cannot be computed has nulls, not '–'."""
    rows = [(r, t, [50 if t == "1" else 75] * 19) for r in ("A", "B", "C") for t in ("1", "2")]
    report = build_report(staff_survey=_staff_csv(tmp_path, rows), draws=0)
    scores = _typed(report, "CBI scores by time point")
    first = scores[0]
    assert (first["scale"], first["time"], first["n"], first["missing"]) == ("personal", "1", 3, 0)
    assert (first["mean"], first["sd"], first["ci_low"], first["ci_high"]) == (50.0, 0.0, 50.0, 50.0)
    tests = _typed(report, "Time 1 against time 2")
    assert tests[0]["scale"] == "personal" and tests[0]["test"] == "paired t"
    assert [tests[0][k] for k in ("n", "t", "p", "wilcoxon_p", "hedges_g")] == [None] * 5


def test_staff_paired_test_has_its_p_values_as_numbers():
    """The example survey's paired tests: n an integer, t and p (and Wilcoxon's p) as floats."""
    report = build_report(staff_survey=EXAMPLES / "staff_survey.csv", draws=0)
    tests = _typed(report, "Time 1 against time 2")
    for row in tests:
        assert row["test"] == "paired t" and type(row["n"]) is int
        assert all(type(row[k]) is float for k in ("t", "p", "wilcoxon_p")) and row["hedges_g"] is None
        assert 0 <= row["p"] <= 1  # type: ignore[operator]


def test_a_share_with_no_potential_is_null():
    """An outcome no family could improve on has no share: '-' printed, None in the data."""
    from safecore.cost import Cohort
    from safecore.report.sections import outcome_tables

    cohort = Cohort("Pilot", 4, {"housing": 0, "safety": 1}, {"housing": 0, "safety": 2})
    (table,) = outcome_tables([cohort])
    assert isinstance(table, Table)
    assert [r[-1] for r in table.rows] == ["-", "50%"]
    assert table.columns == ("outcome", "potential", "improved", "improved_share")
    assert table.data == (("Housing", 0, 0, None), ("Safety", 2, 1, 0.5))
