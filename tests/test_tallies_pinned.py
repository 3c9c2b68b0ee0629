"""Tests for safecore.tallies that pin exact values mutation testing found unchecked.

Every expected value is worked out by hand in a comment; none comes from the
code under test.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from safecore import (
    Attainment,
    Engagement,
    InvalidTableError,
    ProblemType,
    RecordError,
    UnknownLabelError,
)
from safecore._errors import InputTypeError, LabelMergeWarning
from safecore.tallies import FamilySummary, Tally, _as_count_table, per_family, read_records, tally

# -- Tally.to_dict, from_counts ----------------------------------------------------------------


def test_to_dict_has_every_key_with_its_value():
    """to_dict() gives the names, labels as printed wording, the counts and the missing data."""
    t = Tally.from_counts(
        [[3, 1], [0, 2]],
        [Engagement.ENGAGED, Engagement.DISENGAGED],
        [Attainment.ACHIEVED, Attainment.NOT_ACHIEVED],
        row_missing=[1, 0],
        column_missing=[0, 2],
        both_missing=1,
        row_name="engagement",
        column_name="status",
    )
    assert t.to_dict() == {
        "row_name": "engagement",
        "column_name": "status",
        "row_labels": ["Engaged", "Disengaged"],
        "column_labels": ["Achieved", "Not achieved"],
        "table": [[3, 1], [0, 2]],
        "row_missing": [1, 0],
        "column_missing": [0, 2],
        "both_missing": 1,
        "missing": 4,  # 1 + 0 (rows) + 0 + 2 (columns) + 1 (both)
        "total": 10,  # 3 + 1 + 0 + 2 complete records, 4 missing
    }


def test_from_counts_keeps_names_and_missing_as_integers():
    """from_counts keeps row_name, column_name, row_missing and column_missing; the missing are int64."""
    t = Tally.from_counts(
        [[1, 2]], row_missing=[1.0], column_missing=[0.0, 2.0], row_name="site", column_name="outcome"
    )
    assert (t.row_name, t.column_name) == ("site", "outcome")
    assert t.row_missing.dtype == np.int64 and t.column_missing.dtype == np.int64
    d = t.to_dict()
    assert d["row_missing"] == [1] and d["column_missing"] == [0, 2]
    assert all(type(v) is int for v in d["row_missing"] + d["column_missing"])  # 1, not 1.0
    assert (t.missing, t.total) == (3, 6)  # 1 + 0 + 2 missing; 1 + 2 complete + 3


@pytest.mark.parametrize(
    ("missing", "where"),
    [
        ({"row_missing": [-1]}, r"row_missing\[0\] must be a whole number >= 0: -1"),
        ({"column_missing": [0, -1]}, r"column_missing\[1\] must be a whole number >= 0: -1"),
        ({"column_missing": [0, 1.5]}, r"column_missing\[1\] must be a whole number: 1.5"),
    ],
)
def test_bad_missing_counts_are_rejected(missing: dict[str, list[float]], where: str):
    """A negative or fractional missing count is an InvalidTableError naming the field and entry."""
    with pytest.raises(InvalidTableError, match=where):
        Tally.from_counts([[1, 2]], **missing)  # type: ignore[arg-type]


def test_boolean_missing_count_is_a_type_error():
    """True is not a count of 1: a boolean missing count is refused (it was read as 1)."""
    with pytest.raises(TypeError, match=r"row_missing\[0\] must be a whole number, not bool"):
        Tally.from_counts([[1, 2]], row_missing=[True])


def test_missing_counts_are_read_only():
    """A tally's missing counts cannot be modified in place, like its table."""
    t = Tally.from_counts([[1, 2]], row_missing=[1], column_missing=[0, 1])
    with pytest.raises(ValueError, match="read-only"):
        t.row_missing[0] = 5
    with pytest.raises(ValueError, match="read-only"):
        t.column_missing[0] = 5


# -- validating counts: _as_count_table --------------------------------------------------------


def test_whole_float_counts_become_integers():
    """A table of whole floats, zeros included, is accepted as int64 counts."""
    t = Tally.from_counts([[0.0, 2.0], [3.0, 0.0]])
    assert t.table.dtype == np.int64
    assert t.to_dict()["table"] == [[0, 2], [3, 0]]
    assert all(type(v) is int for row in t.to_dict()["table"] for v in row)


def test_none_in_a_table_is_a_nan_cell():
    """None in a table is reported as a NaN cell, at its row and column."""
    with pytest.raises(InvalidTableError, match=r"cell \(row 1, column 2\) is NaN: None"):
        Tally.from_counts([[1, None]])  # type: ignore[arg-type]


def test_cell_that_is_no_number_is_named():
    """A cell that cannot be a number is an InvalidTableError saying counts must be numeric."""
    with pytest.raises(InvalidTableError, match=r"table must hold numeric counts: .*'dict'"):
        Tally.from_counts([[1, {}]])  # type: ignore[arg-type]


def test_negative_cell_is_located_after_a_zero():
    """The negative cell is the one reported, not an earlier zero."""
    with pytest.raises(InvalidTableError, match=r"cell \(row 1, column 2\) must be >= 0: -1"):
        Tally.from_counts([[0, -1]])


def test_counts_up_to_2_53_are_accepted():
    """A cell of exactly 2**53, integer or float, is accepted (the bound is inclusive)."""
    assert Tally.from_counts([[2**53]]).grand_total == 9_007_199_254_740_992
    assert Tally.from_counts([[float(2**53)]]).grand_total == 9_007_199_254_740_992


def test_count_above_2_53_is_located():
    """The first cell above 2**53 is named by its 1-based row and column, not one equal to it."""
    with pytest.raises(
        InvalidTableError,
        match=r"cell \(row 2, column 2\) must be at most 2\*\*53: 9007199254740993",
    ):
        Tally.from_counts([[0, 0], [2**53, 2**53 + 1]])


def test_grand_total_is_summed_without_overflow():
    """1,025 cells of 2**53 total 1025 * 2**53 > 2**63: refused, not wrapped round to a negative."""
    # 1025 * 9,007,199,254,740,992 = 9,232,379,236,109,516,800
    with pytest.raises(InvalidTableError, match=r"grand total 9,232,379,236,109,516,800 is above"):
        Tally.from_counts(np.full((1, 1025), 2**53, dtype=np.int64))


@pytest.mark.parametrize("kind", [np.int64, np.float64])
def test_grand_total_of_exactly_2_to_53_is_accepted_and_one_more_refused(kind):
    """Four cells of 2**51 total 2**53, the largest total allowed; 2**51 + 1 in one cell gives
    2**53 + 1, refused (each cell is far below 2**53, so only the total can be too big). The
    table validator is called directly: Tally.from_counts validates twice, the second time
    from int64 whatever the input's dtype."""
    assert _as_count_table(np.full((2, 2), 2**51, dtype=kind)).sum() == 2**53
    # one cell of 2**53: the largest cell times the cells passes 2**53, so the total is summed,
    # and it is 2**53 exactly, allowed
    assert _as_count_table(np.array([[2**53, 0], [0, 0]], dtype=kind)).sum() == 2**53
    over = np.full((2, 2), 2**51, dtype=kind)
    over[1, 1] += 1
    with pytest.raises(InvalidTableError, match=r"^table: the grand total 9,007,199,254,740,993 is"):
        _as_count_table(over)


@pytest.mark.parametrize("table", [np.zeros((0, 2)), np.zeros((0, 2), dtype=np.int64), [[]]])
def test_an_empty_table_is_read_as_an_empty_int64_table(table):
    """A table with no cells (int or float input) passes the validator as int64 of its shape."""
    out = _as_count_table(table)
    assert out.dtype == np.int64
    assert out.shape == np.shape(table)


# -- percentages -------------------------------------------------------------------------------


def _column_tally() -> Tally:
    # column totals 1 + 2 = 3 and 3 + 1 = 4; the first column has one more record
    # whose row value is missing
    return Tally.from_counts([[1, 3], [2, 1]], column_missing=[1, 0])


def test_column_percentages_default_to_whole_numbers_without_missing():
    """column_percentages() rounds to whole percentages of the complete records by default."""
    # 1 of 3 = 33.3 -> 33; 2 of 3 = 66.7 -> 67; 3 of 4 = 75; 1 of 4 = 25
    assert _column_tally().column_percentages().tolist() == [[33, 75], [67, 25]]


def test_column_percentages_can_include_missing():
    """With include_missing the column's missing records join the denominator."""
    # first column: 3 complete + 1 missing = 4: 1 of 4 = 25, 2 of 4 = 50; second unchanged
    got = _column_tally().column_percentages(include_missing=True)
    assert got.tolist() == [[25, 75], [50, 25]]


def test_column_percentages_take_decimals():
    """column_percentages(decimals=1) keeps one decimal, rounded half up."""
    # 1 of 3 = 33.33 -> 33.3; 2 of 3 = 66.67 -> 66.7
    got = _column_tally().column_percentages(1)
    assert got.tolist() == [[33.3, 75.0], [66.7, 25.0]]


def test_percentages_take_decimals():
    """percentages(decimals=1) keeps one decimal of the grand-total percentage."""
    # grand total 7: 1 of 7 = 14.29 -> 14.3; 3 of 7 = 42.86 -> 42.9; 2 of 7 = 28.57 -> 28.6
    got = _column_tally().percentages(decimals=1)
    assert got.tolist() == [[14.3, 42.9], [28.6, 14.3]]


# -- the table: to_frame, headers --------------------------------------------------------------


def test_frame_renames_labels_that_clash_with_fixed_columns():
    """Column labels "Row" and "Missing" get a suffix: the frame's own row/missing columns stay."""
    pytest.importorskip("pandas")
    t = Tally.from_counts([[1, 2, 3]], ["r"], ["Row", "Missing", "N"], row_missing=[4])
    df = t.to_frame()
    assert list(df.columns) == ["row", "row_2", "missing_2", "n_2", "missing", "n"]
    assert df.iloc[0].tolist() == ["r", 1, 2, 3, 4, 10]  # n = 1 + 2 + 3 + 4 missing


def test_unnamed_rows_have_an_empty_header():
    """Without row_name the first header is empty."""
    t = Tally.from_counts([[1, 2]])
    assert t._repr_markdown_().splitlines()[0] == "|  | 0 | 1 | Missing | N |"


# -- inferring the category set: _choose_enum --------------------------------------------------


def test_fewer_than_half_built_in_labels_keep_own_categories():
    """1 of 3 distinct values an Engagement label (2 * 1 < 3): the values stay the user's own."""
    recs = [{"r": v, "c": "x"} for v in ["Engaged", "Site A", "Site B"]]
    t = tally(recs, rows="r", columns="c")
    assert t.row_labels == ("Engaged", "Site A", "Site B")
    assert t.table.tolist() == [[1], [1], [1]]


def test_exactly_half_built_in_labels_parse_as_that_set():
    """2 of 4 distinct values are Engagement labels (2 * 2 = 4): Engagement, so 'Site A' errs."""
    recs = [{"r": v, "c": "x"} for v in ["Engaged", "Disengaged", "Site A", "Site B"]]
    with pytest.raises(
        UnknownLabelError, match=r"records, record 3, column 'r': 'Site A' is not a label of Engagement"
    ):
        tally(recs, rows="r", columns="c")


def test_labels_of_two_sets_alike_are_refused():
    """Values that are ProblemType and CostOutcome labels alike: the error names both and the values."""
    # each value is a label of ProblemType and of CostOutcome (4 each), of no other set
    values = ["Education", "Mental health", "Physical health", "Violence"]
    recs = [{"r": "a", "c": v} for v in values]
    with pytest.raises(RecordError) as info:
        tally(recs, rows="r", columns="c")
    assert str(info.value) == (
        "records, column 'c': the values ('Education', 'Mental health', 'Physical health', "
        "'Violence') are labels of ProblemType and CostOutcome alike; say which with "
        "column_type= (e.g. column_type=ProblemType)"
    )
    # told which, the same values are read
    t = tally(recs, rows="r", columns="c", column_type=ProblemType)
    assert t.total == 4


def test_ambiguity_error_shows_four_values_then_an_ellipsis():
    """With five ambiguous values the message shows the first four and '...'."""
    values = ["Education", "Mental health", "Physical health", "Violence", "Substance misuse"]
    recs = [{"r": "a", "c": v} for v in values]
    with pytest.raises(
        RecordError,
        match=r"^records, column 'c': the values \('Education', 'Mental health', 'Physical health', "
        r"'Violence', \.\.\.\) are labels of ProblemType and CostOutcome alike",
    ):
        tally(recs, rows="r", columns="c")


# -- parsing an axis: _parse_axis, _order_label ------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["x", 1, 2.5], "record 2, column 'c': integer value 1 in a column of text values"),
        (["x", 2.5], "record 2, column 'c': float value 2.5 in a column of text values"),
        (
            [Decimal(1), date(2020, 1, 1)],
            r"record 2, column 'c': date value datetime.date\(2020, 1, 1\) in a column of Decimal",
        ),
    ],
)
def test_mixed_kinds_of_value_name_the_second(values: list[object], message: str):
    """A column mixing kinds (even three, or two types of no built-in kind) names the second kind."""
    recs = [{"r": "a", "c": v} for v in values]
    with pytest.raises(RecordError, match=message):
        tally(recs, rows="r", columns="c")


def test_a_type_that_is_no_category_set_is_named():
    """row_type must be an Enum class: the error shows what was given."""
    with pytest.raises(
        InputTypeError, match=r"row_type must be a category enumeration .*: <class 'int'>"
    ):
        tally([{"r": "a", "c": "b"}], rows="r", columns="c", row_type=int)  # type: ignore[arg-type]


def test_order_labels_take_the_records_spelling():
    """row_order entries match records ignoring case and spaces, and show the records' spelling."""
    recs = [
        {"site": "North", "outcome": "ok"},
        {"site": "South", "outcome": "ok"},
        {"site": "North", "outcome": "ok"},
    ]
    t = tally(recs, rows="site", columns="outcome", row_order=["south", " north ", " East "])
    assert t.row_labels == ("South", "North", "East")  # an absent label is only stripped
    assert t.table.tolist() == [[1], [2], [0]]


# -- tally -------------------------------------------------------------------------------------


def test_tally_keeps_the_field_names():
    """tally() records the fields its rows and columns classify."""
    t = tally([{"site": "North", "outcome": "ok"}], rows="site", columns="outcome")
    assert (t.row_name, t.column_name) == ("site", "outcome")
    assert t.to_dict()["column_name"] == "outcome"


def test_tally_names_every_absent_field():
    """When both fields are absent the error names both."""
    with pytest.raises(KeyError, match=r"no columns 'x', 'y' \(columns found: 'r', 'c'\)"):
        tally([{"r": "a", "c": "b"}], rows="x", columns="y")


def test_column_type_is_used():
    """column_type= is the set used: 'Improved' (a Change label) is not an Attainment label."""
    recs = [{"r": "a", "c": "Improved"}, {"r": "a", "c": "No change"}]
    with pytest.raises(
        UnknownLabelError, match=r"record 1, column 'c': 'Improved' is not a label of Attainment"
    ):
        tally(recs, rows="r", columns="c", column_type=Attainment)


@pytest.mark.stacklevel
def test_label_merge_warning_points_at_the_caller():
    """The LabelMergeWarning is attributed to the line that called tally()."""
    recs = [{"site": "Site A", "outcome": "ok"}, {"site": "site a", "outcome": "ok"}]
    with pytest.warns(LabelMergeWarning, match="'Site A' = 'site a'") as caught:
        tally(recs, rows="site", columns="outcome")
    assert caught[0].filename == __file__


# -- read_records ------------------------------------------------------------------------------


def test_read_records_declared_missing_markers(tmp_path: Path):
    """Cells equal to a declared missing marker become None."""
    p = tmp_path / "notes.csv"
    p.write_text("family,status\nF1,NA\nF2,Achieved\nF3,-\n", encoding="utf-8")
    assert read_records(p, missing=["NA", "-"]).column("status") == [None, "Achieved", None]
    assert read_records(p).column("status") == ["NA", "Achieved", "-"]  # by default only ""


# -- per_family and FamilySummary --------------------------------------------------------------


def test_per_family_record_without_the_field_is_a_record_error():
    """A record lacking the family field is a RecordError naming the record."""
    with pytest.raises(RecordError, match=r"records, record 2: no field 'family'"):
        per_family([{"family": "A", "id": 1}, {"id": 2}])


def test_per_family_two_families_have_an_sd():
    """Two families already have an SD (n - 1 denominator); one family has none."""
    s = per_family([{"family": f} for f in "ABBB"])
    # counts 1 and 3: mean 2, SD = sqrt(((1-2)**2 + (3-2)**2) / 1) = sqrt(2)
    assert (s.mean, s.median, s.min, s.max) == (2.0, 2.0, 1, 3)
    assert s.sd == pytest.approx(math.sqrt(2))
    assert math.isnan(per_family([{"family": "A"}]).sd)


def _summary_aabcccc() -> FamilySummary:
    # counts A=2, B=1, C=4 and one record without a family: mean 7/3 = 2.33,
    # SD = sqrt(((2-7/3)**2 + (1-7/3)**2 + (4-7/3)**2) / 2) = sqrt(7/3) = 1.528, median 2
    return per_family([{"family": f} for f in "AABCCCC"] + [{"family": None}])


def test_family_summary_text_table():
    """str() leads with the summary, then headers and values (mean and SD to 2 decimals)."""
    lines = str(_summary_aabcccc()).splitlines()
    assert lines[0] == (
        "Records per family: 7 records of 3 families, mean 2.33 (SD 1.53), median 2, "
        "range 1-4; 1 with no family"
    )
    assert lines[1].split() == ["families", "records", "missing", "mean", "SD", "median", "min", "max"]
    assert lines[2].split() == ["3", "7", "1", "2.33", "1.53", "2", "1", "4"]


def test_family_summary_markdown_has_the_caption():
    """The Markdown display starts with the one-line summary."""
    md = _summary_aabcccc()._repr_markdown_().splitlines()
    assert md[0].startswith("Records per family: 7 records of 3 families")
    assert md[2] == "| families | records | missing | mean | SD | median | min | max |"


def test_family_summary_frame():
    """to_frame() has one row with the snake_case fields and raw values."""
    pytest.importorskip("pandas")
    df = _summary_aabcccc().to_frame()
    columns = ["n_families", "n_records", "missing", "mean", "sd", "median", "min", "max"]
    assert list(df.columns) == columns
    row = df.iloc[0]
    assert row[["n_families", "n_records", "missing", "min", "max"]].tolist() == [3, 7, 1, 1, 4]
    assert row["mean"] == pytest.approx(7 / 3)
    assert row["sd"] == pytest.approx(math.sqrt(7 / 3))
    assert row["median"] == 2.0


def test_family_summary_median_keeps_its_digits():
    """A median of 1234.5 shows as 1234.5 (format 'g'), not cut to four figures."""
    # two families with 1234 and 1235 records: median (1234 + 1235) / 2 = 1234.5
    s = per_family([{"family": "A"}] * 1234 + [{"family": "B"}] * 1235)
    values = str(s).splitlines()[2].split()
    assert values[3:6] == ["1234.50", "0.71", "1234.5"]  # mean, SD = sqrt(0.5) = 0.707, median
