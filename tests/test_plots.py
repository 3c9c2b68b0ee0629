"""Plots render, and nothing on them overlaps (matplotlib is optional: these tests need it)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from safecore import safecore_2020  # noqa: E402
from safecore.cost import (  # noqa: E402
    SAFECORE_2020_DISENGAGED,
    SAFECORE_2020_ENGAGED,
    SavingModel,
    sensitivity,
    simulate,
    simulate_comparison,
)
from safecore.datasets import CBI_SOCIAL_WORKER_NORMS, SAFECORE_2020, staff_survey_2020  # noqa: E402
from safecore.plots import (  # noqa: E402
    attainment_bars,
    parameter_label,
    savings_waterfall,
    simulation_distribution,
    staff_scores,
    tornado,
)

MODEL = SavingModel(SAFECORE_2020)
DRAW = {
    "attainment": lambda: attainment_bars(safecore_2020().goal_attainment),
    "change": lambda: attainment_bars(safecore_2020().problem_change),
    "waterfall": lambda: savings_waterfall(MODEL.evaluate(SAFECORE_2020_ENGAGED)),
    "waterfall-disengaged": lambda: savings_waterfall(MODEL.evaluate(SAFECORE_2020_DISENGAGED)),
    "tornado": lambda: tornado(sensitivity(MODEL, SAFECORE_2020_ENGAGED)),
    "staff": lambda: staff_scores(
        staff_survey_2020(),
        norms={k: v.mean for k, v in CBI_SOCIAL_WORKER_NORMS.items()},
        norm_label="Social workers (n = 1,720)",
    ),
    "simulation": lambda: simulation_distribution(simulate(MODEL, SAFECORE_2020_ENGAGED, n=500, seed=1)),
    "difference": lambda: simulation_distribution(
        simulate_comparison(MODEL, SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED, n=500, seed=1)
    ),
}


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.mark.parametrize("name", DRAW)
def test_plot_renders_png(name, tmp_path: Path):
    """Each plot returns an Axes and saves a non-empty PNG."""
    ax = DRAW[name]()
    assert ax.has_data()
    out = tmp_path / "plot.png"
    ax.figure.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _boxes(texts, renderer):
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in texts
        if t.get_visible() and t.get_text().strip()
    ]


def _tick_boxes(axis, renderer):
    """The tick labels drawn: those whose tick lies within the axis's view limits."""
    low, high = sorted(axis.get_view_interval())
    pairs = zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=True)
    return _boxes([t for loc, t in pairs if low <= loc <= high], renderer)


def _overlapping(boxes):
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


@pytest.mark.parametrize("name", DRAW)
def test_nothing_overlaps_at_the_default_size(name):
    """Tick labels, bar value labels, the legend and the bars are drawn apart, inside the figure.

    Measured on the rendered figure (Agg): no two tick labels of an axis
    overlap, no two value labels overlap, the legend covers no bar, and every
    label and the legend lie inside the figure.
    """
    from matplotlib.patches import Rectangle

    ax = DRAW[name]()
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    figure_box = fig.bbox
    for axis in (ax.xaxis, ax.yaxis):
        boxes = _tick_boxes(axis, renderer)
        assert not _overlapping(boxes), f"tick labels overlap: {_overlapping(boxes)}"
        for text, box in boxes:
            assert figure_box.contains(box.x0, box.y0), f"{text!r} is cut off"
            assert figure_box.contains(box.x1, box.y1), f"{text!r} is cut off"
    values = _boxes(ax.texts, renderer)
    assert not _overlapping(values), f"value labels overlap: {_overlapping(values)}"
    ticks = _tick_boxes(ax.xaxis, renderer)
    clashes = [(v, t) for v, vb in values for t, tb in ticks if vb.overlaps(tb)]
    assert not clashes, f"value labels overlap tick labels: {clashes}"
    bars = [
        p.get_window_extent(renderer)
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_width() != 0 and p.get_height() != 0
    ]
    legend = ax.get_legend()
    if legend is not None:
        box = legend.get_window_extent(renderer)
        assert not [b for b in bars if box.overlaps(b)], "the legend covers a bar"
        assert figure_box.contains(box.x0, box.y0)
        assert figure_box.contains(box.x1, box.y1), "the legend is cut off"
    for text, box in values:
        others = [b for b in bars if b.overlaps(box) and not _touches_own_bar(b, box)]
        assert len(others) <= 1, f"value label {text!r} lies over another bar"


def _touches_own_bar(bar, box) -> bool:
    return bool(bar.x0 <= (box.x0 + box.x1) / 2 <= bar.x1)


def test_waterfall_total_is_per_family_savings():
    """The waterfall's total bar is the savings per family."""
    ev = MODEL.evaluate(SAFECORE_2020_ENGAGED)
    ax = savings_waterfall(ev)
    heights = [p.get_height() for p in ax.patches]
    assert heights[-1] == pytest.approx(ev.per_family)


def test_tornado_shows_parameters_by_their_names():
    """The tornado's labels are display names: 'Optimism bias', 'Drop-off', not the field names."""
    ax = tornado(sensitivity(MODEL, SAFECORE_2020_ENGAGED), top=20)
    labels = {t.get_text() for t in ax.get_yticklabels()}
    assert {"Attribution", "Optimism bias", "Drop-off", "Discount rate"} <= labels
    assert "Proxy: Violence" in labels
    assert not [x for x in labels if "_" in x]


def test_parameter_label_falls_back_to_a_capitalised_name():
    """An unnamed parameter is shown with spaces and a capital: 'price_year' -> 'Price year'."""
    assert parameter_label("price_year") == "Price year"
    assert parameter_label("drop_off") == "Drop-off"


def test_simulation_distribution_marks_the_estimate_and_interval():
    """The central estimate and both ends of the 95% interval are vertical lines on the histogram."""
    sim = simulate(MODEL, SAFECORE_2020_ENGAGED, n=500, seed=3)
    ax = simulation_distribution(sim)
    xs = {round(line.get_xdata()[0], 6) for line in ax.get_lines()}
    lo, hi = sim.interval(0.95)
    assert round(sim.central, 6) in xs
    assert round(lo, 6) in xs
    assert round(hi, 6) in xs
    counts, _ = np.histogram(sim.per_family, bins=50)
    heights = ax.patches[0].get_xy()[:, 1]
    assert heights.max() == counts.max()


def test_every_plot_draws_on_a_given_axes():
    """Passing ax= draws there and returns that same Axes."""
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    sim = simulate(MODEL, SAFECORE_2020_ENGAGED, n=200, seed=1)
    assert simulation_distribution(sim, ax=ax) is ax
    _, ax = plt.subplots()
    assert tornado(sensitivity(MODEL, SAFECORE_2020_ENGAGED), ax=ax) is ax


def test_staff_scores_takes_a_staff_survey():
    """A survey read from a file is plotted directly: its means at times 1 and 2 are the points."""
    from safecore.scales import read_staff_survey

    survey = read_staff_survey(Path(__file__).resolve().parent.parent / "examples" / "staff_survey.csv")
    ax = staff_scores(survey)
    lines = [c for c in ax.containers if hasattr(c, "lines")]
    assert len(lines) == 2
    for time, container in zip((1, 2), lines, strict=True):
        ys = container.lines[0].get_ydata()
        expected = [
            np.mean(survey.scale_scores(s, time)[~np.isnan(survey.scale_scores(s, time))])
            for s in ("personal", "work", "client")
        ]
        np.testing.assert_allclose(ys, expected)
