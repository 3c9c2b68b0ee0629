"""Tests for the scales' input boundary (``scales/_common.py``) that pin what mutation testing found.

Responses come in as an array, a list of rows, a flat list (one respondent)
or a DataFrame; markers of a missing answer, the item order and the minimum
of answered items are validated here. Expected scores are worked out by hand
(a CBI scale score is the mean of its items' points, item 13 reversed).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from safecore._errors import InputTypeError, InputValueError, ResponseError
from safecore.scales import score_cbi
from safecore.scales._common import (
    Markers,
    Responses,
    first_bad,
    resolve_minimum,
    resolve_order,
    response_markers,
)
from tests.strategies import CBI_IDS

# -- the shape of the responses -------------------------------------------------------------------


def test_a_flat_list_of_numbers_is_one_respondent():
    """A flat list of 19 points is one respondent: personal 6 x 50 / 6 = 50."""
    s = score_cbi([50] * 19, coding="points")
    assert s.personal.tolist() == [50.0]
    assert s.work.tolist() == [50.0]


def test_a_flat_list_of_labels_is_one_respondent():
    """A flat list of 19 labels is one respondent (text is not a row)."""
    labels = ["Often"] * 6 + ["Somewhat"] * 3 + ["Often"] * 4 + ["Somewhat"] * 4 + ["Often"] * 2
    s = score_cbi(labels)
    # personal: 6 x 75 -> 75; work: 50, 50, 50, 75, 75, 75, item 13 Often 75 -> 25: 400/7
    assert s.personal.tolist() == [75.0]
    assert s.work.tolist() == pytest.approx([400 / 7])


@pytest.mark.parametrize("other", [5, "Often", None])
def test_a_single_value_among_rows_is_a_row_of_one(other: object):
    """A value that is not a row, among rows, counts as a row of one item (not as its length)."""
    with pytest.raises(ResponseError, match=r"^CBI has 19 items: got 1 in respondent row 2$"):
        score_cbi([[50] * 19, other], coding="points")


def test_a_short_row_names_its_size_and_row():
    """A list row of 18 items is refused naming 18 and the 1-based row."""
    with pytest.raises(ResponseError, match=r"^CBI has 19 items: got 18 in respondent row 3$"):
        score_cbi([[50] * 19, [50] * 19, [50] * 18], coding="points")


@pytest.mark.parametrize(
    ("responses", "kind"), [("50", "str"), (b"50", "bytes"), ({"cbi01": 50}, "dict"), (5, "int")]
)
def test_responses_that_are_not_rows_are_refused(responses: object, kind: str):
    """Text, bytes, a mapping or a number is not a table of responses: refused naming the type."""
    with pytest.raises(
        InputTypeError,
        match=rf"^CBI responses must be an array, a list of rows or a pandas DataFrame, not {kind}$",
    ):
        score_cbi(responses, coding="points")  # type: ignore[arg-type]


def test_array_shapes():
    """A 1-D array is one respondent; 3-D and a wrong column count are refused naming the shape."""
    assert score_cbi(np.full(19, 25.0), coding="points").personal.tolist() == [25.0]
    with pytest.raises(
        ResponseError, match=r"must be 2-D \(respondents x items\): got shape \(1, 2, 19\)"
    ):
        score_cbi(np.ones((1, 2, 19)), coding="points")
    with pytest.raises(ResponseError, match=r"^CBI has 19 items: got 18 columns per respondent$"):
        score_cbi(np.ones((1, 18)), coding="points")


# -- reading cells as numbers ---------------------------------------------------------------------


def row_with(first: object) -> list[object]:
    return [first] + [50] * 18


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "CBI respondent row 1, item cbi01: 'abc' is text, not a number"),
        (
            "50",
            "CBI respondent row 1, item cbi01: '50' is text, not a number; numbers written as text "
            "are not read here: convert them (e.g. pandas.to_numeric)",
        ),
        (
            " inf ",
            "CBI respondent row 1, item cbi01: ' inf ' is text, not a number; if it marks a missing "
            "answer, declare it: missing=('inf',)",
        ),
        (b"50", "CBI respondent row 1, item cbi01: b'50' is a bytes, not a number"),
    ],
)
def test_text_where_a_number_is_expected(cell: object, message: str):
    """Text is refused with a hint only when it reads as a number (finite: convert; else: declare)."""
    with pytest.raises(InputTypeError) as info:
        score_cbi([row_with(cell)], coding="points")
    assert str(info.value) == message


def test_a_text_array_is_read_cell_by_cell():
    """A NumPy text array (dtype U) is read cell by cell: blank text is missing, other text refused."""
    arr = np.array([[""] + ["50"] * 18])
    with pytest.raises(InputTypeError, match=r"item cbi02: '50' is text, not a number; numbers written"):
        score_cbi(arr, coding="points")
    blank = np.array([[""] * 19], dtype=object)
    s = score_cbi(blank, coding="points")
    assert math.isnan(s.personal[0]) and s.missing == {"personal": 1, "work": 1, "client": 1}


def test_a_bool_array_is_refused_naming_the_first_cell():
    """A bool array is refused at its first cell; an empty bool array is no respondents."""
    with pytest.raises(
        InputTypeError,
        match=r"^CBI respondent row 1, item cbi01: True \(bool\) is a boolean \(the responses are a "
        r"bool array\); give answers as numbers$",
    ):
        score_cbi(np.ones((2, 19), dtype=bool), coding="points")
    s = score_cbi(np.ones((0, 19), dtype=bool), coding="points")
    assert s.personal.shape == (0,)


@pytest.mark.parametrize("dtype", [complex, "datetime64[s]"])
def test_an_array_of_another_dtype_is_refused(dtype: object):
    """Complex numbers and dates are not answers: refused naming the dtype."""
    arr = np.zeros((1, 19), dtype=dtype)  # type: ignore[call-overload]
    with pytest.raises(InputTypeError) as info:
        score_cbi(arr, coding="points")
    assert str(info.value) == f"CBI responses must be numbers: got an array of dtype {arr.dtype}"


def test_numeric_markers_on_the_fast_path():
    """In a float array, a declared numeric marker (-9) is missing; other values are kept."""
    arr = np.full((1, 19), 50.0)
    arr[0, :2] = -9
    s = score_cbi(arr, coding="points", missing=(-9,))
    assert s.answered["personal"].tolist() == [4]
    assert s.personal.tolist() == [50.0]
    ints = np.full((1, 19), 25, dtype=np.int64)
    ints[0, 0] = 99
    assert score_cbi(ints, coding="points", missing=(99,)).answered["personal"].tolist() == [5]


# -- markers of a missing answer ------------------------------------------------------------------


def test_markers_match_blank_text_declared_text_nan_and_declared_numbers():
    """Declared 'NA' and 9 match (text after stripping, numbers by value); 'na', 8, True, '9' do not."""
    m = Markers(frozenset({"NA"}), frozenset({9.0}))
    assert [m.matches(v) for v in (" NA ", "", "  ", None, float("nan"), 9, 9.0, np.int64(9))] == [
        True
    ] * 8
    assert [m.matches(v) for v in ("na", 8, True, "9", 9.5)] == [False] * 5
    assert [Markers().matches(v) for v in (9, 0, "0", True)] == [False] * 4


def test_response_markers_split_text_and_numbers():
    """Text markers are stripped; numbers become floats; None means no markers."""
    assert response_markers([" NA ", 9, 9.5]) == Markers(frozenset({"NA"}), frozenset({9.0, 9.5}))
    assert response_markers(None) == Markers()
    assert response_markers(()) == Markers()


@pytest.mark.parametrize(
    ("markers", "error", "message"),
    [
        ("NA", InputTypeError, "missing must be a sequence of markers such as ('nan', 'NA'), not 'NA'"),
        (5, InputTypeError, "missing must be a sequence of markers such as ('nan', 'NA'), not 5"),
        ([float("nan")], InputValueError, "missing markers must be text or finite numbers: nan"),
        ([float("-inf")], InputValueError, "missing markers must be text or finite numbers: -inf"),
        ([True], InputTypeError, "missing markers must be text or numbers, not bool: True"),
        ([None], InputTypeError, "missing markers must be text or numbers, not NoneType: None"),
    ],
)
def test_bad_markers_are_refused(markers: object, error: type[Exception], message: str):
    """A single string, a non-iterable, a non-finite number or a non-text marker is refused."""
    with pytest.raises(error) as info:
        response_markers(markers)  # type: ignore[arg-type]
    assert str(info.value) == message


def test_the_markers_argument_name_is_in_the_message():
    """The name given for the argument leads the message."""
    with pytest.raises(InputTypeError, match=r"^na_values markers must be text or numbers, not bytes"):
        response_markers([b"x"], name="na_values")


# -- where a respondent is ------------------------------------------------------------------------


def test_where_names_the_row_the_index_label_or_the_reader_place():
    """Reader rows win; else the 1-based row, with a DataFrame's index label when there is one."""
    values = np.zeros((3, 1))
    assert Responses(values, rows=("line 5", "line 6", "line 7")).where(1) == "line 6"
    assert Responses(values, index=("'a'", "'b'", "'c'")).where(1) == "respondent row 2 (index 'b')"
    assert Responses(values).where(2) == "respondent row 3"


def test_first_bad_is_the_first_true_cell_in_row_order():
    """Row-major order: (0, 2) comes before (1, 0)."""
    mask = np.array([[False, False, True], [True, False, False]])
    assert first_bad(mask) == (0, 2)
    assert first_bad(np.array([[False, False], [False, True]])) == (1, 1)


# -- DataFrames -----------------------------------------------------------------------------------


def test_dataframe_columns_are_matched_by_name_and_rows_named_by_index():
    """Columns in any order are matched by id; a bad cell names the 1-based row and index label."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([[50] * 19, [50] * 19], columns=list(CBI_IDS), index=["x", "y"])
    df = df[list(reversed(CBI_IDS))]
    df.loc["x", "cbi01"] = 0  # personal of x: (0 + 5 x 50) / 6
    s = score_cbi(df, coding="points")
    assert s.personal.tolist() == pytest.approx([250 / 6, 50.0])
    df.loc["y", "cbi05"] = 125
    with pytest.raises(ResponseError, match=r"^CBI respondent row 2 \(index 'y'\), item cbi05: 125"):
        score_cbi(df, coding="points")


def test_a_dataframe_with_a_repeated_item_column_is_refused():
    """A column that appears twice is refused naming it and the count."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([[50] * 19], columns=list(CBI_IDS))
    df = pd.concat([df, df[["cbi03"]]], axis=1)
    with pytest.raises(ResponseError, match=r"^CBI DataFrame: column 'cbi03' appears 2 times$"):
        score_cbi(df, coding="points")


def test_order_is_refused_with_a_dataframe():
    """order= applies to arrays; with a DataFrame it is refused."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([[50] * 19], columns=list(CBI_IDS))
    with pytest.raises(InputValueError, match=r"^CBI: order applies to arrays and lists"):
        score_cbi(df, coding="points", order=list(CBI_IDS))


# -- item order -----------------------------------------------------------------------------------


def test_resolve_order_gives_the_column_of_each_item():
    """Reversed (and padded) ids: item k is in column 18 - k; no order is the identity."""
    ids = list(CBI_IDS)
    assert resolve_order([f" {i} " for i in reversed(ids)], ids, "CBI").tolist() == list(
        range(18, -1, -1)
    )
    assert resolve_order(None, ids, "CBI").tolist() == list(range(19))
    swapped = [ids[1], ids[0], *ids[2:]]
    assert resolve_order(swapped, ids, "CBI").tolist() == [1, 0, *range(2, 19)]


@pytest.mark.parametrize(
    ("order", "error", "message"),
    [
        ("cbi01", InputTypeError, "CBI order must be a sequence of item ids, not 'cbi01'"),
        (5, InputTypeError, "CBI order must be a sequence of item ids, not 5"),
        ([*CBI_IDS[:18], "x"], ResponseError, "CBI order names unknown item 'x' (items: cbi01, cbi02,"),
        ([*CBI_IDS[:18], "cbi18"], ResponseError, "each of the 19 items once (missing 'cbi19')"),
        ([*CBI_IDS, "cbi02"], ResponseError, "each of the 19 items once (duplicates 'cbi02')"),
        (CBI_IDS[:18], ResponseError, "each of the 19 items once (missing 'cbi19')"),
    ],
)
def test_bad_orders_are_refused(order: object, error: type[Exception], message: str):
    """Text, a non-sequence, an unknown id, a missing item or a repeated one is refused."""
    with pytest.raises(error) as info:
        resolve_order(order, list(CBI_IDS), "CBI")  # type: ignore[arg-type]
    assert message in str(info.value)


# -- minimum answered items -----------------------------------------------------------------------

DEFAULTS = {"a": 2, "b": 3}
SIZES = {"a": 4, "b": 5}


def test_resolve_minimum_defaults_mapping_and_one_number():
    """None keeps the defaults; a mapping overrides some scales; a number sets every scale."""
    assert resolve_minimum(None, DEFAULTS, SIZES) == {"a": 2, "b": 3}
    assert resolve_minimum({"b": 5}, DEFAULTS, SIZES) == {"a": 2, "b": 5}
    assert resolve_minimum(4, DEFAULTS, SIZES) == {"a": 4, "b": 4}
    assert resolve_minimum(1, DEFAULTS, SIZES) == {"a": 1, "b": 1}
    assert resolve_minimum(2.0, DEFAULTS, SIZES) == {"a": 2, "b": 2}
    assert resolve_minimum({"a": 4, "b": 5}, DEFAULTS, SIZES) == {"a": 4, "b": 5}


@pytest.mark.parametrize(
    ("minimum", "error", "message"),
    [
        ({"c": 1}, InputValueError, "min_answered names unknown scale 'c' (scales: a, b)"),
        (5, InputValueError, "min_answered for a must be a whole number from 1 to 4: 5"),
        (0, InputValueError, "min_answered for a must be a whole number from 1 to 4: 0"),
        # negative and above 2**53: our range message, not check_whole's default bounds
        (-1, InputValueError, "min_answered for a must be a whole number from 1 to 4: -1"),
        (
            2**53 + 1,
            InputValueError,
            "min_answered for a must be a whole number from 1 to 4: 9007199254740993",
        ),
        ({"b": 6}, InputValueError, "min_answered for b must be a whole number from 1 to 5: 6"),
        ("2", InputTypeError, "min_answered for a must be a whole number from 1 to 4, not str: '2'"),
        (True, InputTypeError, "min_answered for a must be a whole number from 1 to 4, not bool: True"),
        (2.5, InputValueError, "min_answered for a must be a whole number"),
    ],
)
def test_bad_minimums_are_refused(minimum: object, error: type[Exception], message: str):
    """An unknown scale, a minimum outside 1..size, text, a bool or a fraction is refused."""
    with pytest.raises(error) as info:
        resolve_minimum(minimum, DEFAULTS, SIZES)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_a_dataframe_without_an_item_column_names_the_instrument_and_column():
    """A missing item column is a KeyError naming the instrument's DataFrame and the column."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([[50] * 19], columns=list(CBI_IDS)).drop(columns="cbi07")
    with pytest.raises(
        KeyError, match=r"^\"?CBI DataFrame: no column 'cbi07' \(columns found: 'cbi01',"
    ):
        score_cbi(df, coding="points")
