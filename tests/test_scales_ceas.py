"""Tests for safecore.scales.ceas."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from safecore import ResponseError
from safecore._errors import InputTypeError
from safecore.scales import score_ceas


def test_hand_worked_sums_ignore_fillers():
    """Engagement sums items 1,2,4,5,6,8; action 9,10,12,13; fillers 3,7,11 do not count."""
    row = [1, 2, 10, 3, 4, 5, 10, 6, 7, 8, 10, 9, 10]
    s = score_ceas([row], scale="others")
    assert s.engagement[0] == 1 + 2 + 3 + 4 + 5 + 6
    assert s.action[0] == 7 + 8 + 9 + 10
    assert s.form == "others"


def test_any_missing_scored_item_makes_subscale_missing_by_default():
    """By default one missing scored item makes its subscale missing; a missing filler does not."""
    row: list[object] = [5] * 13
    row[2] = None  # filler
    row[8] = float("nan")  # action item 9
    s = score_ceas([row])
    assert s.engagement[0] == 30 and np.isnan(s.action[0])
    assert s.missing == {"engagement": 0, "action": 1}


def test_prorating():
    """With a minimum, the sum is the mean of answered items times the item count."""
    row: list[object] = [5] * 13
    row[0], row[1] = 8, ""
    s = score_ceas([row], min_answered={"engagement": 5})
    assert s.engagement[0] == pytest.approx((8 + 5 * 4) / 5 * 6)
    assert s.prorated["engagement"].tolist() == [True]
    with pytest.raises(ValueError, match="from 1 to 4"):
        score_ceas([row], min_answered={"action": 5})


@given(
    hnp.arrays(
        np.float64, st.tuples(st.integers(1, 10), st.just(13)), elements=st.integers(1, 10).map(float)
    )
)
def test_ranges(r: np.ndarray):
    """Complete responses give engagement in 6-60 and action in 4-40."""
    s = score_ceas(r)
    assert ((s.engagement >= 6) & (s.engagement <= 60)).all()
    assert ((s.action >= 4) & (s.action <= 40)).all()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, r"row 1, item ceas05: 0 is not a whole number from 1 to 10"),
        (11, "11 is not"),
        (2.5, "2.5 is not"),
    ],
)
def test_bad_ratings(value: object, message: str):
    """Ratings outside 1-10 raise ResponseError naming the 1-based row and item."""
    row: list[object] = [5] * 13
    row[4] = value
    with pytest.raises(ResponseError, match=message):
        score_ceas([row])


def test_text_rating_is_a_type_error():
    """A text rating is refused as a TypeError naming row, item and value (never parsed)."""
    row: list[object] = [5] * 13
    row[4] = "x"
    with pytest.raises(InputTypeError, match=r"row 1, item ceas05: 'x' is text, not a number"):
        score_ceas([row])


def test_wrong_count_and_scale():
    """Wrong item count and unknown scale names are rejected."""
    with pytest.raises(ResponseError, match="CEAS has 13 items: got 12"):
        score_ceas([[5] * 12])
    with pytest.raises(ValueError, match="scale must be"):
        score_ceas([[5] * 13], scale="colleagues")  # type: ignore[arg-type]


def test_outputs():
    """repr, HTML and to_dict."""
    s = score_ceas([[5] * 13])
    assert (
        repr(s) == "InstrumentScores('CEAS', form='self', n=1, missing={'engagement': 0, 'action': 0})"
    )
    assert "<table>" in s._repr_html_()
    assert s.to_dict()["scores"]["action"] == [20.0]
