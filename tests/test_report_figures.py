"""Charts in the report: inline SVG in HTML, their caption in text, Markdown and JSON."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from safecore.datasets import report_2020
from safecore.report import Report, Section, Table, build_report
from safecore.report.document import CHART_NOTE, Figure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _line(ax):
    ax.plot([0, 1, 2], [1, 3, 2])
    ax.set_title("A & B <chart>")


def _report(figure: Figure) -> Report:
    return Report("t", (Section("s", (Table("c", ["a"], [["1"]], ["a"], [[1]]), figure, "text")),))


def _figures(report: Report) -> list[Figure]:
    return [b for s in report.sections for b in s.blocks if isinstance(b, Figure)]


def test_html_inlines_the_chart_as_svg():
    """HTML holds <figure><svg ...>...</svg><figcaption>: no XML prolog, doctype or image file."""
    pytest.importorskip("matplotlib")
    page = _report(Figure("Rising & falling", _line)).to_html()
    figure = re.search(r"<figure>(.*?)</figure>", page, re.DOTALL)
    assert figure is not None
    body = figure.group(1)
    assert body.startswith("<svg ")
    assert body.endswith("</svg><figcaption>Rising &amp; falling</figcaption>")
    assert 'aria-label="Rising &amp; falling"' in body
    assert "<?xml" not in page
    assert page.count("<!DOCTYPE") == 1
    assert "<metadata" not in body
    assert "<img" not in page
    assert "A &amp; B &lt;chart&gt;" in body, "text stays text (svg.fonttype none), escaped"


def test_text_markdown_and_json_show_the_caption():
    """Text and Markdown name the chart and point to the HTML report; JSON carries type and caption."""
    report = _report(Figure("Rising", _line))
    assert "Figure: Rising (chart in the HTML report)" in report.to_text()
    assert "*Figure: Rising (chart in the HTML report)*" in report.to_markdown()
    blocks = report.to_dict()["sections"][0]["blocks"]
    assert blocks[1] == {"type": "figure", "caption": "Rising"}


def test_without_matplotlib_the_figure_says_how_to_get_charts(monkeypatch):
    """With matplotlib absent the HTML figure carries the note on the plot extra, and no SVG."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    figure = Figure("Rising", _line)
    assert figure.svg() is None
    page = _report(figure).to_html()
    assert CHART_NOTE == "charts need the plot extra: pip install 'safecore[plot]'"
    assert "charts need the plot extra: pip install &#x27;safecore[plot]&#x27;" in page
    assert "<svg" not in page
    assert "<figcaption>Rising</figcaption>" in page


def test_text_rendering_never_draws():
    """Text, Markdown and JSON do not call the drawing function (no matplotlib needed)."""
    calls = []
    report = _report(Figure("Counted", calls.append))
    report.to_text()
    report.to_markdown()
    report.to_json()
    assert calls == []


def test_report_2020_charts():
    """The 2020 report charts Tables 3 and 5, the waterfall, the tornado and the simulation."""
    captions = [f.caption for f in _figures(report_2020(draws=200))]
    assert captions[0].startswith("Table 3: goal attainment by engagement")
    assert captions[1].startswith("Table 5: problem change by engagement")
    assert captions[2] == "Saving per family by outcome: Engaged"
    assert captions[3].startswith("Sensitivity of the saving per family: Engaged")
    assert captions[4].startswith("Simulated saving per family: Engaged (200 draws")
    assert len(captions) == 5


def test_no_simulation_chart_without_draws():
    """With draws=0 there is no simulation, so no simulation chart."""
    captions = [f.caption for f in _figures(report_2020(draws=0))]
    assert not [c for c in captions if c.startswith("Simulated")]
    assert len(captions) == 4


def test_own_report_charts_what_its_files_hold():
    """A user's report charts goals and problems by group, and the first cohort's costs."""
    report = build_report(
        case_notes=EXAMPLES / "case_notes.csv",
        proxies=EXAMPLES / "proxies.toml",
        cohorts=EXAMPLES / "cohorts.toml",
        draws=100,
    )
    captions = [f.caption for f in _figures(report)]
    assert captions[0] == "Goals: status by engagement (% of records)"
    assert captions[1] == "Problems: status by engagement (% of records)"
    assert [c.split(":")[0] for c in captions[2:]] == [
        "Saving per family by outcome",
        "Sensitivity of the saving per family",
        "Simulated saving per family",
    ]
    only_notes = build_report(case_notes=EXAMPLES / "case_notes.csv", draws=0)
    assert len(_figures(only_notes)) == 2


def test_outcome_columns_are_charted(tmp_path):
    """An outcome column compared between groups gets its bar chart beside its table."""
    notes = tmp_path / "trial.csv"
    notes.write_text("child,arm,cin\nC1,A,yes\nC2,A,no\nC3,B,no\nC4,B,no\n", encoding="utf-8")
    report = build_report(case_notes=notes, group="arm", outcomes=["cin"], draws=0)
    assert [f.caption for f in _figures(report)] == ["cin by arm"]


def test_charts_on_one_page_never_share_an_element_id():
    """Each inline SVG's ids are its own, so clip paths and markers never resolve to another chart."""
    pytest.importorskip("matplotlib")
    page = report_2020(draws=200).to_html()
    assert page.count("<svg ") == 5
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
