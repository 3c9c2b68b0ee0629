"""Tests for safecore.stats.multiplicity that pin what mutation testing found unchecked.

Expected values are R's (the command beside each) or worked by hand in a
comment; none comes from the code under test.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest

from safecore._errors import InputTypeError, InputValueError
from safecore.stats import p_adjust

# -- reading the p-values --------------------------------------------------------------------


class _Column:
    """A column-like object that numpy cannot read: only its ``to_numpy`` gives the values."""

    def __init__(self, values: list[float]) -> None:
        self._values = values

    def to_numpy(self) -> np.ndarray:
        return np.array(self._values)


def test_a_column_is_read_through_its_to_numpy():
    """An object with ``to_numpy`` (pandas, polars and the like) is read through it."""
    # Bonferroni by hand: 2 * 0.01 = 0.02, 2 * 0.3 = 0.6
    np.testing.assert_allclose(p_adjust(_Column([0.01, 0.3]), "bonferroni"), [0.02, 0.6], rtol=1e-15)


@pytest.mark.parametrize(
    ("values", "match"),
    [
        # the first value is named, not the second
        (np.array([True, False]), r"not bool: True \(bool\)"),
        (np.array(["0.01", "0.02"]), r"not str_: '0\.01' \(str_\)"),
        (np.array([b"0.5"]), r"not bytes_: b'0\.5' \(bytes_\)"),
        (np.array([0.1 + 0j, 0.2]), r"not complex128: \(0\.1\+0j\)"),
        (np.array(["1970-01-01"], dtype="datetime64[D]"), "not datetime64: datetime.date"),
        (np.array([1], dtype="timedelta64[D]"), "not timedelta64: datetime.timedelta"),
    ],
)
def test_an_array_of_anything_but_numbers_is_refused_by_type(values, match):
    """A numpy array of booleans, text, complex numbers, dates or durations is refused as
    a list of them is, naming its first value: numpy would otherwise cast it to float
    (the imaginary part dropped, a date read as days since 1970, a one-day duration as 1)."""
    with pytest.raises(InputTypeError, match=match):
        p_adjust(values)


def test_a_boolean_after_a_none_is_refused():
    """None is a missing value, and a boolean after it is still seen and refused."""
    with pytest.raises(InputTypeError, match="not bool: True"):
        p_adjust([None, True])
    # a None alone is missing: Bonferroni over the 2 others, 2 * 0.01, 2 * 0.02
    np.testing.assert_allclose(
        p_adjust([0.01, None, 0.02], "bonferroni"), [0.02, math.nan, 0.04], equal_nan=True
    )


def test_an_array_of_unsigned_integers_is_read():
    """Unsigned integers are numbers: p-values 0 and 1 as uint8 are adjusted like floats."""
    # Holm by hand, n = 2: 2 * 0 = 0; max(0, 1 * 1) = 1
    assert p_adjust(np.array([0, 1], dtype=np.uint8), "holm").tolist() == [0.0, 1.0]


@pytest.mark.parametrize("dtype", [bool, str])
def test_an_empty_array_of_any_type_gives_an_empty_result(dtype):
    """An empty array holds no wrong value: the result is empty, as for an empty list."""
    got = p_adjust(np.array([], dtype=dtype), "holm")
    assert got.shape == (0,)
    assert got.dtype == np.float64


@pytest.mark.parametrize(
    ("values", "match"),
    [
        # float(10**400) overflows
        ([0.1, 10**400], "pvalues must hold numbers: int too large to convert to float"),
        ([Decimal("sNaN")], "pvalues must hold numbers: cannot convert signaling NaN to float"),
    ],
)
def test_a_number_that_is_no_float_is_refused(values, match):
    """A number float() cannot take (an int past 1e308, a signalling NaN) is refused with
    the reason, as an input error rather than Python's OverflowError."""
    with pytest.raises(InputValueError, match=match):
        p_adjust(values)


def test_arrays_of_different_shapes_are_refused():
    """Arrays that do not stack into one array are refused, saying so."""
    with pytest.raises(
        InputValueError, match="pvalues must be an array of numbers: could not broadcast"
    ):
        p_adjust([np.zeros((2, 2)), np.zeros((2, 3))])


def test_an_out_of_range_value_is_named_with_its_position():
    """The first p-value outside [0, 1] is shown with its position (counted from 0)."""
    with pytest.raises(InputValueError) as info:
        p_adjust([0.1, 0.2, 1.5, -1.0])
    assert "1.5" in str(info.value)
    assert str(info.value).endswith("at position 2")


# -- Hommel ----------------------------------------------------------------------------------


def test_hommel_matches_r_to_the_last_bit():
    """Hommel's tail step copies q at position n - j (1-based), as R does: R's values
    agree bit for bit (taking the position before it differs in the last bit)."""
    p = [0.169, 0.888, 0.535, 0.007, 0.602, 0.808, 0.606, 0.071]
    # p <- c(0.169, 0.888, 0.535, 0.007, 0.602, 0.808, 0.606, 0.071)
    # cat(sprintf("%.17g", p.adjust(p, "hommel")))
    # 0.88800000000000001 0.88800000000000012 0.88800000000000012 0.056000000000000001
    # 0.88800000000000012 0.88800000000000012 0.88800000000000012 0.49699999999999994
    expected = [
        0.88800000000000001,
        0.88800000000000012,
        0.88800000000000012,
        0.056000000000000001,
        0.88800000000000012,
        0.88800000000000012,
        0.88800000000000012,
        0.49699999999999994,
    ]
    assert p_adjust(p, "hommel").tolist() == expected
