"""Notebook display: HTML and Markdown reprs, to_dict and to_frame (pandas optional)."""

from __future__ import annotations

import pytest

from safecore import chi_square, safecore_2020
from safecore.cost import (
    SAFECORE_2020,
    SAFECORE_2020_DISENGAGED,
    SAFECORE_2020_ENGAGED,
    SavingModel,
    sensitivity,
    simulate,
)
from safecore.datasets import audit_2020
from safecore.scales import score_cbi, score_ceas

pd = pytest.importorskip("pandas")


def results() -> dict[str, object]:
    model = SavingModel(SAFECORE_2020)
    return {
        "tally": safecore_2020().goal_attainment,
        "chi": chi_square(safecore_2020().goal_attainment),
        "evaluation": model.evaluate(SAFECORE_2020_ENGAGED),
        "comparison": model.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED),
        "simulation": simulate(model, SAFECORE_2020_ENGAGED, n=100, seed=1),
        "sensitivity": sensitivity(model, SAFECORE_2020_ENGAGED),
        "proxies": SAFECORE_2020,
        "cbi": score_cbi([[50.0] * 19, [25.0] * 19], coding="points"),
        "ceas": score_ceas([[5] * 13]),
        "audit": audit_2020(),
    }


@pytest.mark.parametrize("name", list(results()))
def test_result_displays(name: str):
    """Every result renders as an HTML table, has to_dict and a non-empty to_frame."""
    obj = results()[name]
    assert "<table>" in obj._repr_html_()  # type: ignore[attr-defined]
    assert obj.to_dict()  # type: ignore[attr-defined]
    df = obj.to_frame()  # type: ignore[attr-defined]
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    assert len(repr(obj)) < 400


def test_frames_carry_the_numbers():
    """to_frame holds the same numbers as the result."""
    ev = SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED).to_frame().set_index("outcome")
    assert ev.loc["housing", "gross"] == 15_540
    t = safecore_2020().goal_attainment.to_frame().set_index("row")
    assert t.loc["Engaged", "achieved"] == 76
    assert audit_2020().to_frame().shape[1] == 8


def test_markdown_reprs():
    """Tables that Jupyter may show as Markdown do so."""
    for obj in (
        safecore_2020().goal_attainment,
        SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED),
        SAFECORE_2020,
        audit_2020(),
        sensitivity(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED),
    ):
        # a result of the shared protocol puts its caption above the table
        assert obj._repr_markdown_().split("\n\n")[-1].startswith("|")  # type: ignore[attr-defined]
