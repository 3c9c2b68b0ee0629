"""Tests for safecore.tallies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore import Attainment, Engagement, InvalidTableError, RecordError
from safecore._errors import InputTypeError
from safecore.tallies import Tally, per_family, read_records, tally
from tests.strategies import case_records


def _records() -> list[dict[str, object]]:
    return [
        {"family": "A", "engagement": "Engaged", "status": "Achieved"},
        {"family": "A", "engagement": "Engaged", "status": "Achieved"},
        {"family": "B", "engagement": "Disengaged", "status": "not achieved"},
        {"family": "B", "engagement": "Disengaged", "status": None},
        {"family": "C", "engagement": "", "status": "Almost"},
        {"family": "C", "engagement": None, "status": float("nan")},
    ]


def test_tally_counts_and_missing():
    """Complete records are tabulated; each kind of missing value is counted."""
    t = tally(_records())
    assert t.row_labels == (Engagement.ENGAGED, Engagement.DISENGAGED)
    assert t.column_labels == (
        Attainment.ACHIEVED,
        Attainment.ALMOST_ACHIEVED,
        Attainment.NOT_ACHIEVED,
    )
    assert t.table.tolist() == [[2, 0, 0], [0, 0, 1]]
    assert t.row_missing.tolist() == [0, 1]
    assert t.column_missing.tolist() == [0, 1, 0]
    assert t.both_missing == 1
    assert (t.missing, t.total, t.grand_total) == (3, 6, 3)


@given(case_records())
def test_total_equals_record_count(records: list[dict[str, object]]):
    """Tally totals equal the number of records, missing included."""
    if not records:
        return
    t = tally(records)
    assert t.total == len(records)
    assert t.grand_total + t.missing == len(records)
    assert int(t.row_totals.sum()) == int(t.column_totals.sum()) == t.grand_total


def test_explicit_order_adds_zero_rows_and_rejects_unlisted_values():
    """row_order fixes the rows (absent ones get zeros); an unlisted value is an error."""
    recs = [{"g": "x", "s": "Improved"}, {"g": "y", "s": "No change"}]
    t = tally(recs, rows="g", columns="s", row_order=["y", "x", "z"])
    assert t.row_labels == ("y", "x", "z")
    assert t.table.sum(axis=1).tolist() == [1, 1, 0]
    with pytest.raises(
        RecordError, match=r"records, record 1, column 'g': value 'x' is not among the given row_order"
    ):
        tally(recs, rows="g", columns="s", row_order=["y"])


def test_raw_categories_keep_first_appearance_order():
    """Researcher-defined categories are kept as given, in order of appearance."""
    recs = [
        {"site": "North", "outcome": "ok"},
        {"site": "South", "outcome": "ok"},
        {"site": "North", "outcome": "bad"},
    ]
    t = tally(recs, rows="site", columns="outcome")
    assert t.row_labels == ("North", "South")
    assert t.column_labels == ("ok", "bad")
    assert t.table.tolist() == [[1, 1], [1, 0]]


def test_parse_false_keeps_text():
    """parse=False does not turn text into enum members."""
    t = tally(_records(), parse=False)
    assert t.row_labels == ("Engaged", "Disengaged")


def test_missing_field_is_a_record_error():
    """A record without the field is an error naming the record and field."""
    with pytest.raises(RecordError, match=r"records, record 2: no field 'status'"):
        tally([{"engagement": "Engaged", "status": "Achieved"}, {"engagement": "Engaged"}])


def test_non_mapping_record_is_a_record_error():
    """A record that is not a mapping is rejected clearly."""
    with pytest.raises(InputTypeError, match="record 1: expected a mapping"):
        tally([("Engaged", "Achieved")])  # type: ignore[list-item]


def test_percentages_round_half_up_like_the_report():
    """Table 3's printed percentages come from round-half-up row percentages."""
    t = Tally.from_counts([[76, 6, 4], [17, 15, 12]])
    assert t.row_percentages().tolist() == [[88, 7, 5], [39, 34, 27]]
    # 3/8 = 37.5% prints as 38% (Table 2, Emotional Warmth): half up, not to even
    assert Tally.from_counts([[5, 3, 0]]).row_percentages().tolist() == [[63, 38, 0]]
    assert Tally.from_counts([[1, 7]]).row_percentages(1).tolist() == [[12.5, 87.5]]


def test_row_percentages_can_include_missing():
    """With include_missing the row's missing records join the denominator (Table 2)."""
    t = Tally.from_counts([[0, 1, 1]], row_missing=[1])
    assert t.row_percentages(include_missing=True).tolist() == [[0, 33, 33]]
    assert t.row_percentages().tolist() == [[0, 50, 50]]


def test_column_and_grand_percentages():
    """Column and grand percentages use their own denominators."""
    t = Tally.from_counts([[1, 3], [1, 1]])
    assert t.column_percentages().tolist() == [[50, 75], [50, 25]]
    assert t.percentages().tolist() == [[17, 50], [17, 17]]


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([1, 2, 3], "must be 2-D"),
        ([[1, -1]], r"cell \(row 1, column 2\) must be >= 0: -1"),
        ([[1, 2.5]], r"cell \(row 1, column 2\) must be a whole number: 2.5"),
        ([[np.nan, 1]], r"cell \(row 1, column 1\) is NaN"),
        ([[1, np.inf]], r"cell \(row 1, column 2\) is infinite"),
    ],
)
def test_from_counts_rejects_bad_tables(counts: object, message: str):
    """Malformed tables raise InvalidTableError naming the cell or axis."""
    with pytest.raises(InvalidTableError, match=message):
        Tally.from_counts(counts)  # type: ignore[arg-type]


def test_labels_must_match_shape():
    """Mismatched labels are an InvalidTableError."""
    with pytest.raises(InvalidTableError, match="labels must match"):
        Tally.from_counts([[1, 2]], ["a", "b"], ["x", "y"])


def test_table_is_read_only():
    """A tally's arrays cannot be modified in place."""
    t = Tally.from_counts([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="read-only"):
        t.table[0, 0] = 5


def test_outputs():
    """repr, str, HTML, Markdown and to_dict show the labels and counts."""
    t = tally(_records())
    assert repr(t).startswith("Tally(2x3, total=6, missing=3, rows=[Engaged, Disengaged]")
    assert "<table>" in t._repr_html_() and "Not achieved" in t._repr_html_()
    assert t._repr_markdown_().startswith("| engagement |")
    assert "2 (100%)" in str(t)
    d = t.to_dict()
    assert d["table"] == [[2, 0, 0], [0, 0, 1]] and d["missing"] == 3


CSV = """family,engagement,category,status,applicability
F1,Engaged,Safety,Achieved,Whole family
F1,Engaged,Housing,,Parents/carers
F2,Disengaged,Safety,Not achieved,Children
"""


def test_csv_file(tmp_path: Path):
    """A case-note CSV with the documented columns is read; empty cells are missing."""
    p = tmp_path / "notes.csv"
    p.write_text(CSV, encoding="utf-8")
    assert read_records(p)[1]["status"] is None
    t = tally(p, rows="engagement", columns="status")
    assert t.table.tolist() == [[1, 0], [0, 1]]
    assert t.missing == 1


def test_csv_ragged_row_names_file_and_line(tmp_path: Path):
    """A row with the wrong number of cells names the file and line."""
    p = tmp_path / "bad.csv"
    p.write_text("family,status\nF1,Achieved,extra\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"bad.csv, line 2: 3 cells, expected 2"):
        read_records(p)


def test_csv_bad_encoding(tmp_path: Path):
    """A file that is not UTF-8 is rejected with a clear message."""
    p = tmp_path / "latin.csv"
    p.write_bytes("family,status\nF1,Acheiv\xe9\n".encode("latin-1"))
    with pytest.raises(RecordError, match="not valid UTF-8"):
        read_records(p)


def test_csv_empty_file(tmp_path: Path):
    """An empty file is rejected: a header row is expected."""
    p = tmp_path / "empty.csv"
    p.write_text("", encoding="utf-8")
    with pytest.raises(RecordError, match="expected a header row"):
        read_records(p)


def test_dataframe_input():
    """A pandas DataFrame is accepted, NaN counted as missing."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(_records())
    t = tally(df)
    assert t.total == 6 and t.missing == 3


def test_per_family_summary():
    """Per-family counts: mean, SD (n-1), median, range; missing ids counted."""
    recs = [{"family": f} for f in ["A"] * 1 + ["B"] * 6 + ["C"] * 14] + [{"family": ""}]
    s = per_family(recs)
    counts = np.array([1, 6, 14])
    assert (s.n_families, s.n_records, s.missing) == (3, 21, 1)
    assert s.mean == pytest.approx(counts.mean())
    assert s.sd == pytest.approx(np.std(counts, ddof=1))
    assert (s.median, s.min, s.max) == (6, 1, 14)
    assert "FamilySummary(families=3" in repr(s)
    assert s.to_dict()["n_families"] == 3


def test_per_family_needs_some_family():
    """With no family identifiers at all, per_family raises."""
    with pytest.raises(RecordError, match="no record has a 'family' value"):
        per_family([{"family": None}])


@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=30))
def test_per_family_counts_sum_to_records(ids: list[str]):
    """Mean times the number of families equals the number of records."""
    s = per_family([{"family": i} for i in ids])
    assert s.mean * s.n_families == pytest.approx(len(ids))
    assert s.min <= s.median <= s.max


def test_repr_stays_compact_for_many_categories():
    """A tally with many rows shows the first few labels and the count."""
    from safecore import safecore_2020

    text = repr(safecore_2020().goal_types)
    assert "(18 in all)" in text and len(text) < 200


def test_tally_from_a_long_dataframe():
    """tally(df, rows=..., columns=...) reads a long DataFrame, one record per row, NaN missing."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "site": ["North", "North", "South", "South", "South", None],
            "outcome": ["Yes", "No", "Yes", "Yes", np.nan, "No"],
        }
    )
    t = tally(df, rows="site", columns="outcome")
    assert t.row_labels == ("North", "South") and t.column_labels == ("Yes", "No")
    assert t.table.tolist() == [[1, 1], [2, 0]]
    assert t.row_missing.tolist() == [0, 1] and t.column_missing.tolist() == [0, 1]
    assert t.total == len(df)


def test_frame_is_tidy_and_display_shows_percentages():
    """to_frame(): snake_case numeric columns; the text shows "n (p%)" cells under the labels."""
    pd = pytest.importorskip("pandas")
    t = Tally.from_counts(
        [[76, 6, 4], [17, 15, 12]],
        ["Engaged", "Disengaged"],
        ["Achieved", "Almost achieved", "Not achieved"],
        row_missing=[1, 0],
        row_name="engagement",
    )
    df = t.to_frame()
    assert list(df.columns) == ["row", "achieved", "almost_achieved", "not_achieved", "missing", "n"]
    assert all(pd.api.types.is_integer_dtype(df[c]) for c in df.columns[1:])
    assert df.set_index("row").loc["Engaged"].tolist() == [76, 6, 4, 1, 87]
    text = str(t)
    header = "engagement  Achieved  Almost achieved  Not achieved  Missing  N"
    assert text.splitlines()[0] == "Tally: 131 records, 1 missing"  # the summary line leads
    assert text.splitlines()[1].split() == header.split()
    assert "76 (87%)" in text and "17 (39%)" in text
    assert t.summary() == "Tally: 131 records, 1 missing"


def test_frame_columns_stay_unique():
    """Labels that snake_case alike, or as a fixed column, get a numbered suffix."""
    t = Tally.from_counts([[1, 2, 3]], ["r"], ["A b", "a-b", "N"])
    assert t._table().columns == ("row", "a_b", "a_b_2", "n_2", "missing", "n")


def test_family_summary_is_a_result():
    """per_family gives a one-row table and a one-line summary."""
    s = per_family([{"family": f} for f in "AABCCCC"] + [{"family": None}])
    assert s._table().rows == ((3, 7, 1, 7 / 3, s.sd, 2.0, 1, 4),)
    assert s.summary() == (
        "Records per family: 7 records of 3 families, mean 2.33 (SD 1.53), median 2, range 1-4; "
        "1 with no family"
    )
