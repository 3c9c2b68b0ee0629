"""Tests for CBI scoring that pin the boundaries an earlier scorer's mutants slipped past.

The CBI scorer was once its own module; the survivors named in issue 14 were
``x < 1`` -> ``x <= 1`` for codes (a valid code 1 rejected), ``(5 - x) * 25`` ->
``/ 25`` for descending codes, and ``(x < 0) | (x > 100)`` -> ``&`` for points
(125 and -25 accepted). The same rules now live in the instrument engine and
``specs/cbi.toml``; these tests pin them through `score_cbi`. Every expected
value is worked out by hand in a comment.

Layout used throughout: items 1-6 personal, 7-13 work (item 13 reversed:
points -> 100 - points), 14-19 client; every item scores 0/25/50/75/100.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from safecore import ResponseError
from safecore.scales import score_cbi
from safecore.scales._common import Markers, Responses
from safecore.scales.cbi import CBI, CBIItem, _cbi_item, score_responses


def _codes_row() -> list[int]:
    # personal 1-6: codes 1, 2, 3, 4, 5, 5; work 7-13: code 1 each; client 14-19: code 5 each
    return [1, 2, 3, 4, 5, 5] + [1] * 7 + [5] * 6


def test_ascending_codes_1_and_5_are_the_lowest_and_highest_points():
    """Ascending codes: 1 -> 0 points, 5 -> 100, the codes between 25 apart; item 13 reversed."""
    s = score_cbi([_codes_row()], coding="codes", direction="ascending")
    # personal: 0, 25, 50, 75, 100, 100 -> 350 / 6
    assert s.personal.tolist() == pytest.approx([350 / 6])
    # work: six items at 0, item 13 at 0 reversed to 100 -> 100 / 7
    assert s.work.tolist() == pytest.approx([100 / 7])
    # client: six items at 100
    assert s.client.tolist() == [100.0]


def test_descending_codes_1_and_5_are_the_highest_and_lowest_points():
    """Descending codes: 1 -> 100 points, 5 -> 0 (25 points a step, not a division by 25)."""
    s = score_cbi([_codes_row()], coding="codes", direction="descending")
    # personal: 100, 75, 50, 25, 0, 0 -> 250 / 6
    assert s.personal.tolist() == pytest.approx([250 / 6])
    # work: six items at 100, item 13 at 100 reversed to 0 -> 600 / 7
    assert s.work.tolist() == pytest.approx([600 / 7])
    # client: six items at 0
    assert s.client.tolist() == [0.0]


@pytest.mark.parametrize("direction", ["ascending", "descending"])
@pytest.mark.parametrize("code", [0, 6, 1.5, -1])
def test_codes_outside_1_to_5_are_refused(direction: str, code: float):
    """Codes 0, 6, -1 and 1.5 are refused in both directions; the message names item and value."""
    row: list[float] = [3] * 19
    row[4] = code  # item cbi05
    with pytest.raises(
        ResponseError, match=rf"row 1, item cbi05: {code!s}.* not a whole number from 1 to 5"
    ):
        score_cbi([row], coding="codes", direction=direction)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [125.0, -25.0, 101.0, -1.0, 12.5])
def test_points_outside_the_response_set_are_refused(value: float):
    """Points just outside 0-100 (and 12.5 between two points) are refused."""
    r = np.full((2, 19), 50.0)
    r[1, 15] = value  # item cbi16, second respondent
    with pytest.raises(
        ResponseError, match=rf"row 2, item cbi16: {value!s} .*is not one of 0, 25, 50, 75, 100"
    ):
        score_cbi(r, coding="points")


def test_points_0_and_100_are_accepted_and_item_13_is_reversed():
    """Points 0 and 100 are valid; item 13 alone is reversed (100 - points)."""
    r = np.zeros((2, 19))
    r[1, :] = 100.0
    s = score_cbi(r, coding="points")
    # row 1: work items 7-12 at 0, item 13 0 -> 100: 100 / 7; row 2: 600 / 7
    assert s.work.tolist() == pytest.approx([100 / 7, 600 / 7])
    assert s.personal.tolist() == [0.0, 100.0]
    assert s.client.tolist() == [0.0, 100.0]


def test_min_answered_at_and_below_the_threshold():
    """A scale is scored with exactly its minimum answered (3, 4, 3) and is NaN with one fewer."""
    nan = math.nan
    r = np.full((2, 19), nan)
    # row 1: personal 1-3 answered (75, 25, 50) -> 50; work 7-9 and 13 answered
    # (0, 25, 50 and 13 = 75 -> 25) -> (0 + 25 + 50 + 25) / 4 = 25; client 14-16 (100, 100, 25) -> 75
    r[0, [0, 1, 2]] = [75, 25, 50]
    r[0, [6, 7, 8, 12]] = [0, 25, 50, 75]
    r[0, [13, 14, 15]] = [100, 100, 25]
    # row 2: one answer fewer on each scale
    r[1, [0, 1]] = [75, 25]
    r[1, [6, 7, 12]] = [0, 25, 75]
    r[1, [13, 14]] = [100, 100]
    s = score_cbi(r, coding="points")
    assert s.personal.tolist()[0] == 50.0
    assert s.work.tolist()[0] == 25.0
    assert s.client.tolist()[0] == 75.0
    assert all(math.isnan(s.scores[k][1]) for k in ("personal", "work", "client"))
    assert s.answered["work"].tolist() == [4, 3]
    assert s.missing == {"personal": 1, "work": 1, "client": 1}
    # a lower minimum scores row 2: personal (75 + 25) / 2 = 50; work (0 + 25 + 25) / 3
    low = score_cbi(r, coding="points", min_answered=2)
    assert low.personal.tolist() == [50.0, 50.0]
    assert low.work.tolist() == pytest.approx([25.0, 50 / 3])
    assert low.client.tolist() == pytest.approx([75.0, 100.0])


def test_cbi_item_view_of_a_spec_item():
    """A spec item becomes a CBIItem: degree items keep 'degree', frequency items 'frequency'."""
    assert _cbi_item(CBI.items[6]) == CBIItem(
        "cbi07", 7, "work", "degree", False, "Is your work emotionally exhausting?"
    )
    assert _cbi_item(CBI.items[12]).format == "frequency"
    assert _cbi_item(CBI.items[12]).reversed is True


def test_score_responses_passes_every_argument_to_the_engine():
    """cbi.score_responses (the survey reader's entry) honours coding, direction, markers and minimum."""
    row = np.array([[1.0, 1.0, 1.0, -9.0, -9.0, -9.0] + [5.0] * 13], dtype=object)
    s = score_responses(
        Responses(row),
        coding="codes",
        direction="descending",
        markers=Markers(numbers=frozenset({-9.0})),
        min_answered={"personal": 3},
    )
    # personal: codes 1 descending -> 100 x 3 answered (3 of 6, the minimum) -> 100
    # work: code 5 descending -> 0 x 6, item 13 reversed to 100 -> 100 / 7; client 0
    assert s.personal.tolist() == [100.0]
    assert s.work.tolist() == pytest.approx([100 / 7])
    assert s.client.tolist() == [0.0]
    with pytest.raises(ValueError, match="min_answered for personal must be a whole number from 1 to 6"):
        score_responses(Responses(row), coding="points", min_answered={"personal": 7})
