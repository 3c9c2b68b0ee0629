"""Plots render to PNG (matplotlib is optional: these tests need it)."""

from __future__ import annotations

from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from safecore import safecore_2020  # noqa: E402
from safecore.cost import SAFECORE_2020_ENGAGED, SavingModel, sensitivity  # noqa: E402
from safecore.datasets import CBI_SOCIAL_WORKER_NORMS, SAFECORE_2020, staff_survey_2020  # noqa: E402
from safecore.plots import attainment_bars, savings_waterfall, staff_scores, tornado  # noqa: E402


@pytest.mark.parametrize(
    "draw",
    [
        lambda: attainment_bars(safecore_2020().goal_attainment),
        lambda: savings_waterfall(SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED)),
        lambda: tornado(sensitivity(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED)),
        lambda: staff_scores(
            staff_survey_2020(),
            norms={k: v.mean for k, v in CBI_SOCIAL_WORKER_NORMS.items()},
            norm_label="Social workers (n = 1,720)",
        ),
    ],
    ids=["attainment", "waterfall", "tornado", "staff"],
)
def test_plot_renders_png(draw, tmp_path: Path):
    """Each plot returns an Axes and saves a non-empty PNG."""
    import matplotlib.pyplot as plt

    ax = draw()
    assert ax.has_data()
    out = tmp_path / "plot.png"
    ax.figure.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plt.close(ax.figure)


def test_waterfall_total_is_per_family_savings():
    """The waterfall's total bar is the savings per family."""
    import matplotlib.pyplot as plt

    ev = SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED)
    ax = savings_waterfall(ev)
    heights = [p.get_height() for p in ax.patches]
    assert heights[-1] == pytest.approx(ev.per_family)
    plt.close(ax.figure)
