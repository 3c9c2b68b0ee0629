"""Tests for CEAS scoring that pin what mutation testing found unchecked.

Engagement is the sum of items 1, 2, 4, 5, 6, 8 and action of items 9, 10,
12, 13; items 3, 7, 11 are fillers (checked, not scored). Every expected
value is worked out by hand in a comment.
"""

from __future__ import annotations

import math

import pytest

from safecore import ResponseError
from safecore.scales import score_ceas


@pytest.mark.parametrize("scale", ["self", "others", "from_others"])
def test_each_scale_name_is_accepted_and_kept_as_the_form(scale: str):
    """The three scale names are accepted and kept as ``form``; the scoring is the same."""
    s = score_ceas([[2] * 13], scale=scale)  # type: ignore[arg-type]
    assert s.form == scale
    # engagement 6 items x 2 = 12; action 4 items x 2 = 8
    assert s.engagement.tolist() == [12.0]
    assert s.action.tolist() == [8.0]


def test_declared_missing_markers_are_passed_to_the_engine():
    """``missing=(99,)`` makes 99 unanswered (not an out-of-range rating)."""
    row = [3] * 13
    row[12] = 99  # action item 13
    s = score_ceas([row], missing=(99,))
    assert s.engagement.tolist() == [18.0]  # 6 x 3
    assert math.isnan(s.action[0])
    with pytest.raises(ResponseError, match=r"item ceas13: 99 is not a whole number from 1 to 10"):
        score_ceas([row])


def test_ratings_1_and_10_are_the_ends_of_the_range():
    """Ratings 1 and 10 are accepted as points (no reversal, no codes): sums 6 and 60, 4 and 40."""
    s = score_ceas([[1] * 13, [10] * 13])
    assert s.engagement.tolist() == [6.0, 60.0]
    assert s.action.tolist() == [4.0, 40.0]


def test_prorated_sum_with_a_minimum_for_every_subscale():
    """An int min_answered applies to both subscales; the sum is prorated from the answered items."""
    row: list[object] = [4] * 13
    row[0] = None  # engagement item 1
    row[8], row[9] = None, 10  # action item 9 unanswered, item 10 rated 10
    s = score_ceas([row], min_answered=3)
    # engagement: 5 answered at 4 -> mean 4 x 6 items = 24
    # action: 10, 4, 4 answered -> mean 6 x 4 items = 24
    assert s.engagement.tolist() == [24.0]
    assert s.action.tolist() == [24.0]
    assert s.prorated["engagement"].tolist() == [True]
    assert s.min_answered == {"engagement": 3, "action": 3}
