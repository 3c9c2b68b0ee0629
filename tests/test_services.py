"""Tests for safecore.services."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from safecore.datasets import service_indicators_2020
from safecore.services import Flow, PrePost, mcnemar_exact


def test_report_indicators():
    """29 children; MASH 3 before and 0 after: exact McNemar p = 0.25 (= 2 x 0.5^3)."""
    indicators, _ = service_indicators_2020()
    assert indicators.children == 29
    mash = indicators.rows[-1]
    assert (mash.before, mash.after) == (3, 0)
    assert mash.test().pvalue == 0.25
    assert indicators.rows[0].test().pvalue == 1.0  # nothing to test
    assert "Referrals to MASH" in str(indicators) and "<table>" in indicators._repr_html_()
    assert indicators.to_dict()["rows"][-1]["pvalue"] == 0.25


@given(st.integers(0, 60), st.integers(0, 60))
def test_mcnemar_matches_binomial_test(b: int, c: int):
    """The exact McNemar p equals scipy's two-sided binomial test on the discordant pairs.

    (R: binom.test(b, b + c)$p.value, which mcnemar.exact reproduces.)
    """
    if b + c == 0:
        assert mcnemar_exact(b, c).pvalue == 1.0
        return
    ref = stats.binomtest(b, b + c, 0.5).pvalue
    assert mcnemar_exact(b, c).pvalue == pytest.approx(ref, rel=1e-9)


def test_mcnemar_errors():
    """Negative or fractional counts are rejected."""
    with pytest.raises(ValueError, match="before_only must be"):
        mcnemar_exact(-1, 2)
    with pytest.raises(ValueError, match="after_only must be"):
        mcnemar_exact(1, 2.5)  # type: ignore[arg-type]


def test_pre_post_with_both():
    """Children with incidents in both periods are concordant and leave the test."""
    assert PrePost("X", "x", before=5, after=3, both=3).test().before_only == 2


def test_flow_is_consistent_and_prints():
    """The referral flow adds up (122 -> 71 -> 54 -> outcomes) and prints as a tree."""
    _, flow = service_indicators_2020()
    assert flow.inconsistencies() == []
    text = str(flow)
    assert text.splitlines()[0].strip() == "122  Referrals"
    assert "└─" in text and "(derived)" in text
    bad = Flow.from_mapping(
        {"label": "a", "count": 10, "children": [{"label": "b", "count": 4}, {"label": "c", "count": 5}]}
    )
    assert bad.inconsistencies() == ["a: 10, but its branches sum to 9"]
    assert bad.to_dict()["children"][0]["count"] == 4
    assert repr(bad) == "Flow('a', 10, branches=2)"


def test_indicators_table_and_mcnemar_result():
    """Table 1 as a result: one row per indicator with its exact McNemar p."""
    pd = pytest.importorskip("pandas")
    indicators, _ = service_indicators_2020()
    df = indicators.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert df.columns.tolist() == ["indicator", "label", "before", "after", "both", "pvalue"]
    assert df.set_index("indicator").loc["MASH", "pvalue"] == 0.25
    assert "Exact McNemar p" in str(indicators) and "0.250" in str(indicators)
    statistic, pvalue = PrePost("M", "m", before=3, after=0).test()
    assert (statistic, pvalue) == (0, 0.25)
