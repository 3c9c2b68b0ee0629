"""Tests for safecore.scales.cbi."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from safecore import ResponseError, SafecoreError
from safecore._errors import InputTypeError
from safecore.scales import CBI_ITEMS, CBI_SCALES, score_cbi

FREQ = ["Always", "Often", "Sometimes", "Seldom", "Never/almost never"]
DEG = [
    "To a very high degree",
    "To a high degree",
    "Somewhat",
    "To a low degree",
    "To a very low degree",
]


def test_item_structure():
    """19 items: personal 1-6, work 7-13, client 14-19; item 13 reversed; formats as published."""
    assert [len(CBI_SCALES[s]) for s in ("personal", "work", "client")] == [6, 7, 6]
    assert [i.number for i in CBI_ITEMS if i.reversed] == [13]
    degree = [i.number for i in CBI_ITEMS if i.format == "degree"]
    assert degree == [7, 8, 9, 14, 15, 16, 17]


def test_hand_worked_example_with_reversed_item():
    """Hand-worked: personal (100+75+50+25+0+50)/6 = 50; work with item 13 'Always' reversed.

    Work items 7-13: To a high degree (75), Somewhat (50), To a low degree (25), Often (75),
    Sometimes (50), Seldom (25), Always (100 -> 0): (75+50+25+75+50+25+0)/7 = 300/7.
    Client items 14-19: 100, 75, 50, 25, Never (0), Always (100): 350/6.
    """
    row = [
        "Always",
        "Often",
        "Sometimes",
        "Seldom",
        "Never",
        "Sometimes",
        "To a high degree",
        "Somewhat",
        "To a low degree",
        "Often",
        "Sometimes",
        "Seldom",
        "Always",
        "To a very high degree",
        "To a high degree",
        "Somewhat",
        "To a low degree",
        "never / almost never",
        "ALWAYS",
    ]
    s = score_cbi([row])
    assert s.personal[0] == 50.0
    assert s.work[0] == pytest.approx(300 / 7)
    assert s.client[0] == pytest.approx(350 / 6)


def test_item_13_never_scores_100():
    """'Never' on item 13 (enough energy for family) is the most burnt-out answer: 100."""
    r = np.full((1, 19), np.nan)
    r[0, 6:13] = [0, 0, 0, 0, 0, 0, 0]
    s = score_cbi(r, coding="points", min_answered=1)
    assert s.work[0] == pytest.approx(100 / 7)


@pytest.mark.parametrize(
    ("scale", "start", "size", "minimum"),
    [("personal", 0, 6, 3), ("work", 6, 7, 4), ("client", 13, 6, 3)],
)
def test_missing_thresholds(scale: str, start: int, size: int, minimum: int):
    """A scale with fewer than its minimum answered items is NaN; at the minimum it is scored."""
    r = np.full((2, 19), 50.0)
    r[0, start : start + size - minimum] = np.nan  # exactly `minimum` answered
    r[1, start : start + size - minimum + 1] = np.nan  # one fewer
    s = score_cbi(r, coding="points")
    values = getattr(s, scale)
    assert values[0] == 50.0 and np.isnan(values[1])
    assert s.missing[scale] == 1
    assert s.answered[scale].tolist() == [minimum, minimum - 1]


def test_configurable_minimum():
    """min_answered changes the threshold, per scale or for all."""
    r = np.full((1, 19), np.nan)
    r[0, 0] = 75
    assert np.isnan(score_cbi(r, coding="points").personal[0])
    assert score_cbi(r, coding="points", min_answered={"personal": 1}).personal[0] == 75
    assert score_cbi(r, coding="points", min_answered=1).personal[0] == 75
    with pytest.raises(ValueError, match="min_answered for work must be a whole number from 1 to 7"):
        score_cbi(r, coding="points", min_answered={"work": 8})
    with pytest.raises(ValueError, match="unknown scale 'total'"):
        score_cbi(r, coding="points", min_answered={"total": 3})


def test_missing_answers_are_not_zero():
    """Missing answers are excluded from the mean, never summed as zero."""
    r = np.full((1, 19), 100.0)
    r[0, 12] = 0  # item 13 'Never' -> 100 after reversal
    r[0, :3] = np.nan
    assert score_cbi(r, coding="points").personal[0] == 100


def test_codes_coding_needs_direction():
    """Codes 1-5 need an explicit direction; both directions score as documented."""
    r = np.full((1, 19), 5)
    with pytest.raises(ValueError, match="needs direction"):
        score_cbi(r, coding="codes")
    assert score_cbi(r, coding="codes", direction="ascending").personal[0] == 100
    assert score_cbi(r, coding="codes", direction="descending").personal[0] == 0
    with pytest.raises(ValueError, match="direction applies only"):
        score_cbi(np.full((1, 19), 50.0), coding="points", direction="ascending")


def test_order_by_item_id():
    """Columns in another order are mapped by item id."""
    rng = np.random.default_rng(0)
    r = rng.choice([0.0, 25, 50, 75, 100], size=(5, 19))
    perm = rng.permutation(19)
    ids = [CBI_ITEMS[k].id for k in perm]
    a = score_cbi(r, coding="points")
    b = score_cbi(r[:, perm], coding="points", order=ids)
    np.testing.assert_array_equal(a.work, b.work)
    with pytest.raises(ResponseError, match="unknown item 'q1'"):
        score_cbi(r, coding="points", order=["q1", *ids[1:]])
    with pytest.raises(ResponseError, match="each of the 19 items once"):
        score_cbi(r, coding="points", order=[ids[0], *ids[:-1]])


@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.just(19)),
        elements=st.sampled_from([0.0, 25.0, 50.0, 75.0, 100.0, np.nan]),
    ),
    st.randoms(),
)
def test_permuting_respondents_permutes_scores(r: np.ndarray, rnd):
    """Reordering respondents reorders their scores and nothing else; scores stay in [0, 100]."""
    order = list(range(len(r)))
    rnd.shuffle(order)
    a = score_cbi(r, coding="points")
    b = score_cbi(r[order], coding="points")
    for scale in ("personal", "work", "client"):
        np.testing.assert_array_equal(getattr(a, scale)[order], getattr(b, scale))
        values = getattr(a, scale)
        values = values[~np.isnan(values)]
        assert ((values >= 0) & (values <= 100)).all()


@given(st.lists(st.sampled_from(FREQ), min_size=19, max_size=19), st.data())
def test_labels_and_points_agree(freq: list[str], data: st.DataObject):
    """Scoring labels equals scoring their printed points."""
    points_of = dict(zip(FREQ, [100, 75, 50, 25, 0], strict=True)) | dict(
        zip(DEG, [100, 75, 50, 25, 0], strict=True)
    )
    labels = [
        DEG[FREQ.index(f)] if item.format == "degree" else f
        for f, item in zip(freq, CBI_ITEMS, strict=True)
    ]
    case = data.draw(st.sampled_from([str.upper, str.lower, lambda s: f"  {s} "]))
    s1 = score_cbi([[case(x) for x in labels]])
    s2 = score_cbi([[points_of[x] for x in labels]], coding="points")
    for scale in ("personal", "work", "client"):
        assert getattr(s1, scale)[0] == pytest.approx(getattr(s2, scale)[0])


@pytest.mark.parametrize(
    ("row_change", "kwargs", "message"),
    [
        (
            (3, "To a high degree"),
            {},
            r"row 1, item cbi04: 'To a high degree' is a degree label on a frequency item",
        ),
        ((7, "Often"), {}, r"item cbi08: 'Often' is a frequency label on a degree item"),
        ((0, "Frequently"), {}, r"item cbi01: 'Frequently' is unknown label"),
        ((0, 60.0), {"coding": "points"}, r"item cbi01: 60.0 is not one of 0, 25, 50, 75, 100"),
        (
            (18, 6),
            {"coding": "codes", "direction": "ascending"},
            r"item cbi19: 6.* is not a whole number from 1 to 5",
        ),
    ],
)
def test_bad_responses(row_change: tuple[int, object], kwargs: dict[str, object], message: str):
    """Bad responses raise ResponseError naming the 1-based respondent row and item."""
    coding = kwargs.get("coding", "labels")
    base: list[object] = (
        ["Often"] * 6 + ["Somewhat"] * 3 + ["Often"] * 4 + ["Somewhat"] * 4 + ["Often"] * 2
        if coding == "labels"
        else [50.0] * 19
        if coding == "points"
        else [3] * 19
    )
    j, value = row_change
    base[j] = value
    with pytest.raises(ResponseError, match=message) as info:
        score_cbi([base], **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, SafecoreError)


def test_text_where_points_expected():
    """Text in a points column is a TypeError naming the 1-based row and item, never parsed."""
    base: list[object] = [50.0] * 19
    base[2] = "high"
    with pytest.raises(InputTypeError, match=r"row 1, item cbi03: 'high' is text, not a number"):
        score_cbi([base], coding="points")


def test_wrong_item_count_and_coding():
    """A row of the wrong length, or an unknown coding, is rejected."""
    with pytest.raises(ResponseError, match="CBI has 19 items: got 18"):
        score_cbi(np.zeros((2, 18)), coding="points")
    with pytest.raises(ValueError, match="coding must be"):
        score_cbi(np.zeros((2, 19)), coding="numbers")  # type: ignore[arg-type]


def test_outputs():
    """repr, HTML and to_dict report missing scores."""
    r = np.full((2, 19), 50.0)
    r[1, :6] = np.nan
    s = score_cbi(r, coding="points")
    assert repr(s) == "InstrumentScores('CBI', n=2, missing={'personal': 1, 'work': 0, 'client': 0})"
    assert "<table>" in s._repr_html_()
    assert s.to_dict()["scores"]["personal"] == [50.0, None]
    assert s.to_dict()["missing"] == {"personal": 1, "work": 0, "client": 0}
