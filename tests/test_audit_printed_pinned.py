"""Tests for printed figures (``audit/printed.py``) that pin what mutation testing found unchecked.

A printed figure keeps its precision; a recomputed value is consistent with
it when it rounds to it (an exact value) or when its range meets the
interval of values that round to it. Each expected value is worked out by
hand in a comment: the decimals a figure shows, where its rounding interval
ends, and how a half rounds under each rule.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from safecore._errors import InputTypeError, InputValueError
from safecore.audit.printed import Printed, consistent, parse_printed, round_to

# -- numbers as figures ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [28, np.int64(28)])
def test_an_int_is_an_exact_count(value: object):
    """An int (also a NumPy integer) is an exact count with no decimals, text as written."""
    p = parse_printed(value)
    assert (p.text, p.value, p.decimals, p.exact, p.bound, p.percent, p.money) == (
        "28",
        28.0,
        0,
        True,
        "",
        False,
        False,
    )
    assert type(p.value) is float
    assert p.half_unit == 0.0


def test_an_int_with_declared_decimals_is_not_exact():
    """An int money cell declared at 2 decimals stands for [27.995, 28.005): not exact."""
    p = parse_printed(28, decimals=2)
    assert (p.value, p.decimals, p.exact) == (28.0, 2, False)
    assert p.half_unit == pytest.approx(0.005)
    assert parse_printed(28, decimals=0).exact


@pytest.mark.parametrize(
    ("value", "decimals"),
    [
        (3.1, 1),  # repr '3.1'
        (3.25, 2),
        (-0.125, 3),
        (np.float64(2.5), 1),
        (1e-07, 13),  # repr '1e-07': 7 leading decimals + 6 further
        (1.5e-05, 11),  # repr '1.5e-05': floor(log10(1.5e-5)) = -5 -> 5 + 6
        (-2.5e-06, 12),  # floor(log10(2.5e-6)) = -6 -> 6 + 6
        (1e-10, 15),  # 10 + 6 = 16, capped at 15
        (1e-9, 15),  # 9 + 6 = 15
    ],
)
def test_a_float_shows_the_decimals_of_its_shortest_form(value: float, decimals: int):
    """A float's decimals are those of its repr; in exponent form, 6 beyond the leading zeros (<= 15)."""
    p = parse_printed(value)
    assert p.decimals == decimals
    assert p.value == float(value)
    assert p.text == repr(float(value))
    assert not p.exact


def test_a_whole_float_is_exact_unless_decimals_are_declared():
    """3.0 is an exact count (0 decimals); declared at 0 it still is; at 1 it is not."""
    p = parse_printed(3.0)
    assert (p.decimals, p.exact, p.text) == (0, True, "3.0")
    assert parse_printed(3.0, decimals=0).exact
    q = parse_printed(3.0, decimals=1)
    assert (q.decimals, q.exact) == (1, False)
    r = parse_printed(3.5, decimals=2)
    assert (r.decimals, r.exact) == (2, False)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("nan"), "nan"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (np.float64("nan"), "nan (float64)"),
    ],
)
def test_a_non_finite_number_is_refused(value: float, shown: str):
    """NaN and infinities are not printed figures; the message names the figure and value."""
    with pytest.raises(InputValueError) as info:
        parse_printed(value, "Table 2: N")
    assert str(info.value) == f"Table 2: N must be a finite number: {shown}"


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [(True, "bool", "True"), (None, "NoneType", "None"), ([1], "list", "[1]")],
)
def test_a_value_that_is_not_a_figure_is_refused(value: object, kind: str, shown: str):
    """Booleans and non-numbers are refused, naming the figure, the type and the value."""
    with pytest.raises(InputTypeError) as info:
        parse_printed(value, "Table 2: N")
    assert str(info.value) == (
        f"Table 2: N must be a number or printed text such as '£15,400', not {kind}: {shown}"
    )


def test_a_figure_is_called_figure_unless_named():
    """Without a name the message calls it 'figure'."""
    with pytest.raises(InputValueError, match=r"^figure must be a printed number such as"):
        parse_printed("x")


# -- text as figures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "decimals", "bound", "percent", "money", "exact"),
    [
        ("\u2264 .05", 0.05, 2, "<", False, False, False),  # ≤ reads as <
        ("\u2265 1.5", 1.5, 1, ">", False, False, False),  # ≥ reads as >
        ("= .036", 0.036, 3, "", False, False, False),  # '=' is no bound
        ("+2", 2.0, 0, "", False, False, True),
        ("-2", -2.0, 0, "", False, False, True),
        ("\u20132.5", -2.5, 1, "", False, False, False),  # en dash as minus
        ("\u22120.5%", -0.5, 1, "", True, False, False),  # Unicode minus
        ("£1,234,567.50", 1234567.5, 2, "", False, True, False),
        ("  12 %  ", 12.0, 0, "", True, False, False),
        ("3.", 3.0, 0, "", False, False, False),  # a point printed: not a count
        ("0.000000000000001", 1e-15, 15, "", False, False, False),  # 15 decimals: the most
        ("< 5", 5.0, 0, "<", False, False, False),  # a bound is never exact
    ],
)
def test_printed_text_keeps_sign_bound_and_precision(
    text, value, decimals, bound, percent, money, exact
):
    """Bounds (≤ and ≥ too), signs (+, -, en dash, Unicode minus), £, % and thousands separators."""
    p = parse_printed(text)
    assert (p.value, p.decimals, p.bound, p.percent, p.money, p.exact) == (
        pytest.approx(value, abs=1e-18),
        decimals,
        bound,
        percent,
        money,
        exact,
    )
    assert p.text == text.strip()
    assert repr(p) == f"Printed({text.strip()!r})"


def test_more_than_15_decimals_are_refused():
    """A figure showing 16 decimals is more precise than a double: refused naming it."""
    with pytest.raises(InputValueError, match=r"^x shows more than 15 decimals: '0\.0000000000000001'$"):
        parse_printed("0.0000000000000001", "x")


@pytest.mark.parametrize("text", ["1,23", "12,3456", "abc", "£-5", "5 5"])
def test_text_that_is_not_a_printed_number_is_refused(text: str):
    """Misplaced separators and stray text are refused naming the figure and the text."""
    with pytest.raises(InputValueError) as info:
        parse_printed(text, "Table 3: mean")
    assert str(info.value) == (
        "Table 3: mean must be a printed number such as '£15,400', '71%', '3.1', '-0.5' or "
        f"'< .001': {text!r}"
    )


def test_half_unit_is_half_the_last_printed_unit():
    """'3.1' -> 0.05; '71%' -> 0.5; '£15,400' -> 0.5; the count '28' -> 0."""
    assert parse_printed("3.1").half_unit == pytest.approx(0.05)
    assert parse_printed("71%").half_unit == 0.5
    assert parse_printed("£15,400").half_unit == 0.5
    assert parse_printed("28").half_unit == 0.0
    assert Printed("x", 1.0, 3).half_unit == pytest.approx(0.0005)


# -- rounding rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "up", "even"),
    [
        (12.5, 0, 13.0, 12.0),
        (13.5, 0, 14.0, 14.0),
        (-2.5, 0, -3.0, -2.0),
        (0.125, 2, 0.13, 0.12),
        (1.005, 2, 1.01, 1.0),  # 1.005 is stored as 1.00499...: the 9-decimal pre-round keeps the half
        (2.675, 2, 2.68, 2.68),  # stored as 2.67499...: half, to the even 8
        (1250.0, -2, 1300.0, 1200.0),
        (0.1234, 3, 0.123, 0.123),
        (1.015, 2, 1.02, 1.02),  # stored as 1.01499...: the pre-round keeps the half, to the even 2
        (0.125000000004, 2, 0.13, 0.12),  # within 5e-10 of a half after scaling: a half (9 decimals)
    ],
)
def test_round_to_half_up_and_half_even(value: float, decimals: int, up: float, even: float):
    """Half up rounds halves away from zero; half even to the even neighbour (worked by hand)."""
    assert round_to(value, decimals) == pytest.approx(up, abs=1e-12)
    assert round_to(value, decimals, "half-up") == pytest.approx(up, abs=1e-12)
    assert round_to(value, decimals, "half-even") == pytest.approx(even, abs=1e-12)
    assert type(round_to(value, decimals, "half-even")) is float
    assert type(round_to(value, decimals)) is float


# -- consistency ----------------------------------------------------------------------------------


def test_an_upper_bound_holds_strictly():
    """'< .001' holds for 0.0009 but not for 0.001 itself (nor above); 'high' is not used."""
    p = parse_printed("< .001")
    assert consistent(p, 0.0009)
    assert not consistent(p, 0.001)
    assert not consistent(p, 0.0011)
    assert consistent(p, 0.0009, 0.5)  # the bound is judged on low


def test_a_lower_bound_holds_strictly_on_high():
    """'> .05' holds when high exceeds .05, not at .05 itself."""
    p = parse_printed("> .05")
    assert consistent(p, 0.06)
    assert not consistent(p, 0.05)
    assert consistent(p, 0.01, 0.051)  # the bound is judged on high
    assert not consistent(p, 0.01, 0.05)


@pytest.mark.parametrize(
    ("low", "half_up", "half_even"),
    [
        (3.095, True, True),  # a half: up to 3.10; to even 3.10 (0 is even)
        (3.105, False, True),  # a half: up to 3.11; to even 3.10
        (3.0949, False, False),
        (3.1049, True, True),
        (3.1, True, True),
    ],
)
def test_an_exact_value_must_round_to_the_figure(low: float, half_up: bool, half_even: bool):
    """'3.10' (2 decimals) under each rule."""
    p = parse_printed("3.10")
    assert consistent(p, low) is half_up
    assert consistent(p, low, rounding="half-up") is half_up
    assert consistent(p, low, rounding="half-even") is half_even
    assert consistent(p, low, low) is half_up  # high equal to low is an exact value too


def test_decimals_override_the_printed_precision():
    """'3.1' read at 2 decimals: 3.14 rounds to 3.14, not 3.1; read at 0, 3.4 rounds to 3 != 3.1."""
    p = parse_printed("3.1")
    assert consistent(p, 3.14)
    assert not consistent(p, 3.14, decimals=2)
    assert consistent(p, 3.1, decimals=2)
    assert not consistent(parse_printed("3"), 3.4, decimals=1)
    assert consistent(parse_printed("3"), 3.0, decimals=1)


def test_a_whole_count_matches_only_itself():
    """The count 28 matches 28 exactly; 28.4 rounds to 28 and matches too (0 decimals)."""
    p = parse_printed(28)
    assert consistent(p, 28.0)
    assert consistent(p, 28.4)
    assert not consistent(p, 28.5)
    assert not consistent(p, 27.0)


def test_a_range_meets_the_rounding_interval_at_its_edges():
    """'3.10' stands for [3.095, 3.105], widened by 1e-9 x 3.1 = 3.1e-9: a range meets it or not."""
    p = parse_printed("3.10")
    assert consistent(p, 3.0, 3.095)
    assert consistent(p, 3.0, 3.095 - 2.5e-9)  # within the slack
    assert not consistent(p, 3.0, 3.095 - 4e-9)
    assert consistent(p, 3.105, 3.2)
    assert consistent(p, 3.105 + 2.5e-9, 3.2)
    assert not consistent(p, 3.105 + 4e-9, 3.2)
    assert consistent(p, 3.0, 3.2)  # around it
    assert consistent(p, 3.098, 3.099)  # inside it


def test_the_slack_of_a_range_is_at_least_1e_9():
    """For '0.35' the slack is 1e-9 (|0.35| < 1): 0.345 - 0.9e-9 meets it, 0.345 - 1.5e-9 does not."""
    p = parse_printed("0.35")
    assert consistent(p, 0.3, 0.345 - 0.9e-9)
    assert not consistent(p, 0.3, 0.345 - 1.5e-9)


def test_the_slack_of_a_range_grows_with_a_large_figure():
    """For '£15,400' the slack is 1e-9 x 15,400 = 1.54e-5: 15,399.5 - 1e-5 meets it, - 2e-5 does not."""
    p = parse_printed("£15,400")
    assert consistent(p, 15000.0, 15399.5 - 1e-5)
    assert not consistent(p, 15000.0, 15399.5 - 2e-5)
    assert consistent(p, 15400.5 + 1e-5, 15500.0)
    assert not consistent(p, 15400.5 + 2e-5, 15500.0)


def test_an_unbounded_range_is_a_range():
    """A range to infinity meets '3.10' when it starts at or below its interval's top."""
    p = parse_printed("3.10")
    assert consistent(p, 3.0, math.inf)
    assert not consistent(p, 3.2, math.inf)


def test_a_range_narrower_than_1e_12_of_its_value_is_an_exact_value():
    """12.5 printed '12%': exact, half up gives 13 (no match); as a range [12.5, ...] it meets 12.5.

    The width below which a range counts as one value is 1e-12 x max(1, |low|): 1.25e-11 here.
    """
    p = parse_printed("12%")
    assert not consistent(p, 12.5)
    assert not consistent(p, 12.5, 12.5 + 1e-11)
    assert consistent(p, 12.5, 12.5 + 2e-11)


def test_the_exact_width_is_at_least_1e_12():
    """For a value below 1 the width is 1e-12: 0.5 printed '0%' (half up: 1) as [0.5, 0.5 + 0.9e-12]
    is exact (no match), as [0.5, 0.5 + 1.5e-12] a range that meets [-0.5, 0.5]."""
    p = parse_printed("0%")
    assert not consistent(p, 0.5, 0.5 + 0.9e-12)
    assert consistent(p, 0.5, 0.5 + 1.5e-12)


def test_rounding_is_compared_with_a_tolerance_below_the_last_unit():
    """A value that rounds to the figure matches despite binary error; one unit off does not."""
    p = parse_printed("0.3")
    assert consistent(p, 0.1 + 0.2)  # 0.30000000000000004
    assert not consistent(p, 0.35 + 1e-9)  # rounds to 0.4
    assert not consistent(parse_printed("0.301"), 0.3)  # 0.300 vs 0.301: one unit of the third decimal


def test_an_exact_value_one_unit_off_a_large_figure_does_not_match():
    """There is no relative tolerance: 1,000,000,000,001 is not printed as 1,000,000,000,000."""
    p = parse_printed("1,000,000,000,000")
    assert consistent(p, 1_000_000_000_000.0)
    assert not consistent(p, 1_000_000_000_001.0)


def test_a_range_exactly_1e_12_wide_is_still_one_value():
    """[0, 1e-12] is one value (width <= 1e-12 x max(1, 0)): 0 rounds to 0, not the printed 5e-13."""
    p = parse_printed("0.0000000000005")  # 13 decimals
    assert not consistent(p, 0.0, 1e-12)
    assert consistent(p, 0.0, 2e-12)  # a range: it meets [4.5e-13, 5.5e-13] widened by 1e-9


def test_a_range_touching_the_interval_edge_exactly_meets_it():
    """For '3' the interval is 3 +/- (0.5 + 1e-9 x 3): a range that just touches its edge meets it."""
    p = parse_printed("3")
    top = 3.0 + (0.5 * 10.0**0 + 1e-9 * 3.0)
    bottom = 3.0 - (0.5 * 10.0**0 + 1e-9 * 3.0)
    assert consistent(p, top, top + 1.0)
    assert not consistent(p, math.nextafter(top, 4.0), top + 1.0)
    assert consistent(p, bottom - 1.0, bottom)
    assert not consistent(p, bottom - 1.0, math.nextafter(bottom, 2.0))
