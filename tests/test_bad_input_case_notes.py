"""Bad input at the case-note boundary: readers, labels, tallies, tables and test options.

Each case states the input, the exception class (always a SafecoreError and the
fitting builtin) and the part of the message that identifies what was wrong and
where: the file, the 1-based line, the column or parameter, and the value.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore import (
    Attainment,
    Change,
    Engagement,
    GoalType,
    SafecoreError,
    Tally,
    chi_square,
    per_family,
    tally,
)
from safecore._errors import (
    FileFormatError,
    InputTypeError,
    LabelMergeWarning,
    LimitExceededError,
    MissingColumnError,
    RecordError,
    UnknownLabelError,
)
from safecore._read import parse_number, read_csv, read_toml
from safecore._validate import check_real, check_seed, check_share, check_whole
from safecore.tallies import read_records


def raises(exc: type[BaseException], builtin: type[BaseException], *needles: str) -> Any:
    """Assert on the class, the builtin and every identifying fragment of the message."""

    class _Check:
        def __enter__(self) -> None:
            self.ctx = pytest.raises(exc)
            self.info = self.ctx.__enter__()

        def __exit__(self, *args: object) -> bool:
            handled = self.ctx.__exit__(*args)  # type: ignore[arg-type]
            err = self.info.value
            assert isinstance(err, SafecoreError) and isinstance(err, builtin)
            for needle in needles:
                assert needle in str(err), (needle, str(err))
            return bool(handled)

    return _Check()


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8", newline="")
    return p


HEADER = "family,engagement,status\n"

# -- CSV files: layout ------------------------------------------------------------------------

CSV_CASES = [
    ("empty", "", RecordError, ValueError, ["empty file", "expected a header row"]),
    ("blank lines only", "\n\n\n", RecordError, ValueError, ["empty file"]),
    ("header only", HEADER, RecordError, ValueError, ["no data rows", "family, engagement, status"]),
    ("header only CRLF", HEADER.replace("\n", "\r\n"), RecordError, ValueError, ["no data rows"]),
    (
        "duplicate header",
        "family,status,status\nF1,Achieved,Achieved\n",
        RecordError,
        ValueError,
        ["line 1", "duplicate column 'status'", "columns 2 and 3"],
    ),
    (
        "duplicate header after stripping",
        "family, status,status \nF1,Achieved,Achieved\n",
        RecordError,
        ValueError,
        ["duplicate column 'status'"],
    ),
    (
        "empty header name",
        "family,,status\nF1,x,Achieved\n",
        RecordError,
        ValueError,
        ["column 2", "empty"],
    ),
    (
        "semicolon file",
        "family;engagement;status\nF1;Engaged;Achieved\n",
        RecordError,
        ValueError,
        ["line 1", "semicolon", "delimiter=';'"],
    ),
    (
        "tab file",
        "family\tengagement\tstatus\nF1\tEngaged\tAchieved\n",
        RecordError,
        ValueError,
        ["tab", "delimiter='\\t'"],
    ),
    (
        "too many cells",
        HEADER + "F1,Engaged,Achieved,extra\n",
        RecordError,
        ValueError,
        ["line 2", "4 cells, expected 3"],
    ),
    (
        "too few cells",
        HEADER + "F1,Engaged\n",
        RecordError,
        ValueError,
        ["line 2", "2 cells, expected 3"],
    ),
    (
        "ragged row after blank line",
        HEADER + "F1,Engaged,Achieved\n\nF2,Engaged\n",
        RecordError,
        ValueError,
        ["line 4", "2 cells"],
    ),
    (
        "ragged row after a multi-line cell",
        HEADER + 'F1,Engaged,"Achieved\nreally"\nF2,Engaged\n',
        RecordError,
        ValueError,
        ["line 4"],
    ),
]


@pytest.mark.parametrize(
    ("text", "exc", "builtin", "needles"),
    [c[1:] for c in CSV_CASES],
    ids=[c[0] for c in CSV_CASES],
)
def test_case_note_csv_layout_errors(
    tmp_path: Path, text: str, exc: type[Exception], builtin: type[Exception], needles: list[str]
):
    """Malformed case-note files are refused naming the file, the line and the problem."""
    p = write(tmp_path, "notes.csv", text)
    with raises(exc, builtin, "notes.csv", *needles):
        read_records(p)


def test_not_utf8_names_the_line(tmp_path: Path):
    """A Latin-1 byte is reported with its 1-based line and offset."""
    p = write(tmp_path, "latin.csv", HEADER.encode() + b"F1,Engaged,Achiev\xe9\n")
    with raises(RecordError, ValueError, "latin.csv", "line 2", "not valid UTF-8", "0xe9"):
        read_records(p)


def test_nul_byte_is_refused(tmp_path: Path):
    """A binary file (NUL bytes) is a clear error, not a csv traceback."""
    p = write(tmp_path, "bin.csv", HEADER.encode() + b"F1,\x00,x\n")
    with raises(RecordError, ValueError, "bin.csv", "line 2"):
        tally(p)


@pytest.mark.parametrize(
    ("path", "builtin", "needle"),
    [
        ("missing.csv", FileNotFoundError, "no such file"),
        (".", IsADirectoryError, "is a directory"),
    ],
)
def test_paths_that_are_not_files(tmp_path: Path, path: str, builtin: type[Exception], needle: str):
    """A missing path or a directory raises the matching builtin, as a SafecoreError."""
    with raises(SafecoreError, builtin, needle):
        read_records(tmp_path / path)


def test_unreadable_file(tmp_path: Path):
    """A file without read permission raises PermissionError (skipped as root)."""
    p = write(tmp_path, "secret.csv", HEADER + "F1,Engaged,Achieved\n")
    p.chmod(0)
    if os.access(p, os.R_OK):
        pytest.skip("running as root: permissions are not enforced")
    with raises(SafecoreError, PermissionError, "secret.csv", "permission denied"):
        read_records(p)


def test_endless_device_is_refused():
    """/dev/zero is refused by the size limit, not read until memory runs out."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    with raises(LimitExceededError, ValueError, "/dev/zero", "limit"):
        read_records("/dev/zero")


@pytest.mark.parametrize("delimiter", ["", ";;", '"', "\n", 5])
def test_bad_delimiter(tmp_path: Path, delimiter: Any):
    """The delimiter must be one character other than a quote or a line end."""
    p = write(tmp_path, "n.csv", HEADER + "F1,Engaged,Achieved\n")
    with raises(SafecoreError, ValueError, "delimiter must be one character"):
        read_records(p, delimiter=delimiter)


# -- CSV files: what is kept ------------------------------------------------------------------


def test_multi_line_quoted_cell_is_kept(tmp_path: Path):
    """A quoted cell spanning lines stays one cell; the next record's line is right."""
    p = write(tmp_path, "n.csv", 'family,note,status\nF1,"first\nsecond",Achieved\nF2,x,Nope\n')
    recs = read_records(p)
    assert recs[0]["note"] == "first\nsecond"
    assert recs.places == ("line 2", "line 4")
    with raises(UnknownLabelError, ValueError, "n.csv, line 4, column 'status'", "'Nope'"):
        tally(p, rows="family", columns="status", column_type=Attainment)


def test_bom_crlf_and_semicolon_delimiter_accepted(tmp_path: Path):
    """A BOM, CRLF line ends and a declared semicolon delimiter read as expected."""
    p = write(tmp_path, "n.csv", "\ufefffamily;engagement;status\r\nF1;Engaged;Achieved\r\n")
    t = tally(p, delimiter=";")
    assert t.table.tolist() == [[1]]
    assert t.row_labels == (Engagement.ENGAGED,)


def test_text_nan_is_not_missing_unless_declared(tmp_path: Path):
    """The text 'NA' is a value unless the caller declares it a missing marker."""
    p = write(tmp_path, "n.csv", HEADER + "F1,Engaged,Achieved\nF2,Engaged,NA\nF3,Disengaged,Achieved\n")
    with raises(UnknownLabelError, ValueError, "n.csv, line 3, column 'status'", "'NA'"):
        tally(p)
    t = tally(p, missing=("", "NA"))
    assert t.missing == 1 and t.total == 3


def test_blank_line_does_not_end_the_file(tmp_path: Path):
    """Rows after a blank line are read (a blank line is skipped, not an end)."""
    p = write(tmp_path, "n.csv", HEADER + "F1,Engaged,Achieved\n\n,,\nF2,Disengaged,Achieved\n")
    recs = read_records(p)
    assert len(recs) == 2 and recs.places == ("line 2", "line 5")


# -- labels -----------------------------------------------------------------------------------

LABEL_CASES = [
    ("typo in engagement", ["Engaged", "Engagd", "Disengaged"], "engagement", "'Engagd'", "'Engaged'"),
    ("Unknown among engagement", ["Engaged", "Unknown"], "engagement", "'Unknown'", "Engagement"),
    ("typo in status", ["Achieved", "Acheived", "Not achieved"], "status", "'Acheived'", "'Achieved'"),
    ("nan text in status", ["Achieved", "nan", "Almost"], "status", "'nan'", "Attainment"),
    ("worse typo in change", ["Improved", "No change", "Wrose"], "status", "'Wrose'", "Change"),
]


@pytest.mark.parametrize(
    ("values", "field", "value_part", "hint_part"),
    [c[1:] for c in LABEL_CASES],
    ids=[c[0] for c in LABEL_CASES],
)
def test_unknown_label_is_an_error_not_a_new_group(
    tmp_path: Path, values: list[str], field: str, value_part: str, hint_part: str
):
    """A value that does not parse in a column of built-in labels is an error naming its line."""
    other = "status" if field == "engagement" else "engagement"
    filler = "Achieved" if other == "status" else "Engaged"
    lines = [
        f"F{k},{v},{filler}" if field == "engagement" else f"F{k},{filler},{v}"
        for k, v in enumerate(values)
    ]
    p = write(tmp_path, "n.csv", HEADER + "\n".join(lines) + "\n")
    bad = next(k for k, v in enumerate(values) if repr(v) == value_part)
    with raises(
        UnknownLabelError, ValueError, f"n.csv, line {bad + 2}, column '{field}'", value_part, hint_part
    ):
        tally(p)


def test_case_and_spacing_variants_are_one_group():
    """'Engaged', 'engaged', ' ENGAGED ' are one category, never three."""
    recs = [
        {"engagement": e, "status": "Achieved"}
        for e in ["Engaged", "engaged", " ENGAGED ", "Disengaged"]
    ]
    t = tally(recs)
    assert t.shape == (2, 1) and t.table.tolist() == [[3], [1]]


def test_own_categories_merge_variants_and_report_it():
    """User categories that differ only in case or dashes merge, with a warning and a record."""
    recs = [{"site": s, "status": "Achieved"} for s in ["Site A", "site a", "Site–B", "Site-B"]]
    with pytest.warns(LabelMergeWarning, match="'Site A' = 'site a'"):
        t = tally(recs, rows="site")
    assert t.row_labels == ("Site A", "Site–B")
    assert t.merged_labels == (("Site A", "site a"), ("Site–B", "Site-B"))


def test_ambiguous_category_set_is_refused():
    """Values that are labels of several built-in sets are refused, not resolved by list order."""
    recs = [{"category": c, "status": "Achieved"} for c in ["Safety", "Housing"]]
    with raises(RecordError, ValueError, "column 'category'", "GoalType", "ProblemType", "row_type="):
        tally(recs, rows="category")
    t = tally(recs, rows="category", row_type=GoalType)
    assert t.row_labels == (GoalType.SAFETY, GoalType.HOUSING)


def test_stated_category_set_is_enforced():
    """With row_type given, a value outside it is an error even when most values are unknown."""
    recs = [{"engagement": e, "status": "Achieved"} for e in ["Engaged", "Pending", "Waiting"]]
    with raises(UnknownLabelError, ValueError, "records, record 2, column 'engagement'", "'Pending'"):
        tally(recs, row_type=Engagement)


def test_row_type_must_be_an_enum():
    """row_type must be a category enumeration."""
    with raises(InputTypeError, TypeError, "row_type must be a category enumeration"):
        tally([{"engagement": "Engaged", "status": "Achieved"}], row_type="Engagement")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ([1, True], "boolean value True"),
        ([1, "1"], "text value '1'"),
        ([1.0, True], "boolean value True"),
        (["a", 2], "integer value 2"),
    ],
)
def test_mixed_kinds_in_a_column_are_refused(values: list[object], needle: str):
    """1, True and 1.0 never merge silently: a column holds one kind of value."""
    recs = [{"arm": v, "status": "Achieved"} for v in values]
    with raises(RecordError, ValueError, "column 'arm'", needle):
        tally(recs, rows="arm")


def test_integers_and_floats_keep_their_values():
    """Numeric group codes stay numbers and distinct codes stay distinct."""
    t = tally([{"arm": a, "status": "Achieved"} for a in [0, 1, 1, 2]], rows="arm")
    assert t.row_labels == (0, 1, 2) and t.table.ravel().tolist() == [1, 2, 1]


def test_order_value_not_a_label():
    """A column_order entry that is not a label of the set names the order."""
    recs = [{"engagement": "Engaged", "status": "Achieved"}]
    with raises(UnknownLabelError, ValueError, "column_order", "'Done'"):
        tally(recs, column_order=["Achieved", "Done"])


def test_order_misses_a_value():
    """A value outside row_order names its record and the order."""
    recs = [{"site": "North", "status": "Achieved"}, {"site": "South", "status": "Achieved"}]
    with raises(RecordError, ValueError, "record 2, column 'site'", "'South'", "row_order (North)"):
        tally(recs, rows="site", row_order=["North"])


# -- records and columns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("records", "exc", "builtin", "needles"),
    [
        ([], RecordError, ValueError, ["no records"]),
        ([("Engaged", "Achieved")], InputTypeError, TypeError, ["record 1", "expected a mapping"]),
        (
            [{"engagement": "Engaged", "status": "Achieved"}, {"engagement": "Engaged"}],
            RecordError,
            ValueError,
            ["record 2", "no field 'status'"],
        ),
        ([{1: "Engaged"}], InputTypeError, TypeError, ["record 1", "field names must be text"]),
        ({"engagement": "Engaged"}, InputTypeError, TypeError, ["records must be"]),
        (42, InputTypeError, TypeError, ["records must be", "int"]),
    ],
    ids=["empty list", "tuple record", "missing field", "non-text key", "one mapping", "a number"],
)
def test_bad_record_collections(
    records: object, exc: type[Exception], builtin: type[Exception], needles: list[str]
):
    """Lists of records that are not mappings with the same fields are refused."""
    with raises(exc, builtin, *needles):
        tally(records)


def test_missing_column_is_a_key_error_listing_the_columns(tmp_path: Path):
    """A column the analysis needs is named, with the columns found and a case hint."""
    p = write(tmp_path, "n.csv", "family,Engagement,status\nF1,Engaged,Achieved\n")
    with raises(
        MissingColumnError, KeyError, "n.csv", "no column 'engagement'", "'Engagement'", "did you mean"
    ):
        tally(p)


def test_missing_family_column(tmp_path: Path):
    """per_family names the absent column."""
    with raises(MissingColumnError, KeyError, "no column 'family'"):
        per_family([{"id": "A"}])


def test_per_family_mixed_identifiers():
    """Family identifiers 1 and '1' are not silently one family."""
    with raises(RecordError, ValueError, "'family' column mixes"):
        per_family([{"family": 1}, {"family": "1"}])


def test_dataframe_duplicate_columns_refused():
    """A DataFrame with two columns of one name is refused."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([["Engaged", "Achieved", "x"]], columns=["engagement", "status", "status"])
    with raises(RecordError, ValueError, "DataFrame", "duplicate column 'status'"):
        tally(df)


def test_dataframe_places_use_the_index():
    """Errors from a DataFrame name the row by its index label."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {"engagement": ["Engaged", "Engagd"], "status": ["Achieved"] * 2}, index=["a", "b"]
    )
    with raises(UnknownLabelError, ValueError, "DataFrame, row 'b', column 'engagement'"):
        tally(df)


# -- Tally.from_counts and chi_square ---------------------------------------------------------

TABLE_CASES = [
    ("bool table", [[True, False], [False, True]], InputTypeError, TypeError, "not booleans"),
    ("text table", [["10", "2"], ["3", "4"]], InputTypeError, TypeError, "not text: '10'"),
    ("mixed text", np.array([[1, "a"], [2, 3]], dtype=object), InputTypeError, TypeError, "'a'"),
    ("1-D", [1, 2, 3], SafecoreError, ValueError, "must be 2-D"),
    ("3-D", [[[1]]], SafecoreError, ValueError, "must be 2-D"),
    ("negative", [[1, -2], [3, 4]], SafecoreError, ValueError, "(row 1, column 2) must be >= 0"),
    (
        "fraction",
        [[1, 2.5], [3, 4]],
        SafecoreError,
        ValueError,
        "(row 1, column 2) must be a whole number",
    ),
    ("NaN", [[1, np.nan], [3, 4]], SafecoreError, ValueError, "(row 1, column 2) is NaN"),
    ("inf", [[1, 2], [np.inf, 4]], SafecoreError, ValueError, "(row 2, column 1) is infinite"),
    ("above 2**53", [[2**53 + 1, 1], [1, 1]], SafecoreError, ValueError, "at most 2**53"),
    ("float above 2**53", [[1e300, 1.0], [1.0, 1.0]], SafecoreError, ValueError, "at most 2**53"),
    ("total above 2**53", [[2**52, 2**52], [2**52, 1]], SafecoreError, ValueError, "grand total"),
    ("int64 overflow", np.array([[2**62, 2**62], [2**62, 2**62]]), SafecoreError, ValueError, "2**53"),
    ("uint64 huge", np.array([[2**63, 1], [1, 1]], dtype=np.uint64), SafecoreError, ValueError, "2**53"),
    ("ragged", [[1, 2], [3]], SafecoreError, ValueError, "2-D table"),
]


@pytest.mark.parametrize(
    ("counts", "exc", "builtin", "needle"),
    [c[1:] for c in TABLE_CASES],
    ids=[c[0] for c in TABLE_CASES],
)
def test_from_counts_refuses_bad_tables(
    counts: object, exc: type[Exception], builtin: type[Exception], needle: str
):
    """Tables of booleans, text, non-counts or counts beyond 2**53 are refused."""
    with raises(exc, builtin, needle):
        Tally.from_counts(counts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "exc", "builtin", "needle"),
    [
        ({"both_missing": -1}, SafecoreError, ValueError, "both_missing must be a whole number >= 0"),
        (
            {"both_missing": True},
            InputTypeError,
            TypeError,
            "both_missing must be a whole number, not bool",
        ),
        (
            {"row_missing": [-1, 0]},
            SafecoreError,
            ValueError,
            "row_missing[0] must be a whole number >= 0",
        ),
        ({"row_missing": [1]}, SafecoreError, ValueError, "row_missing must have length 2"),
    ],
)
def test_from_counts_refuses_bad_missing_counts(
    kwargs: dict[str, Any], exc: type[Exception], builtin: type[Exception], needle: str
):
    """Missing counts are validated like counts."""
    with raises(exc, builtin, needle):
        Tally.from_counts([[1, 2], [3, 4]], **kwargs)


def test_numpy_and_decimal_counts_accepted():
    """numpy integers and integral floats are valid counts; totals are exact."""
    t = Tally.from_counts(np.array([[2**40, 3], [5, 7]], dtype=np.uint64), both_missing=np.int64(2))
    assert t.grand_total == 2**40 + 15 and t.both_missing == 2


CHI_OPTION_CASES = [
    ({"method": "bootstrap"}, SafecoreError, ValueError, "method must be", "'bootstrap'"),
    ({"correction": "yes"}, InputTypeError, TypeError, "correction must be True or False", "'yes'"),
    ({"correction": 1}, InputTypeError, TypeError, "correction must be True or False", "int"),
    ({"resamples": 0}, SafecoreError, ValueError, "resamples must be a whole number >= 1", "0"),
    (
        {"resamples": True},
        InputTypeError,
        TypeError,
        "resamples must be a whole number, not bool",
        "True",
    ),
    ({"resamples": "100"}, InputTypeError, TypeError, "resamples", "'100'"),
    ({"resamples": 10**12}, LimitExceededError, ValueError, "resamples must be at most", "10,000,000"),
    ({"resamples": 2.5}, SafecoreError, ValueError, "resamples must be a whole number", "2.5"),
    ({"seed": "x"}, InputTypeError, TypeError, "seed must be None, a whole number", "'x'"),
    ({"seed": 1.5}, InputTypeError, TypeError, "seed", "1.5"),
    ({"seed": -1}, SafecoreError, ValueError, "seed must be a whole number >= 0", "-1"),
    ({"seed": True}, InputTypeError, TypeError, "seed", "bool"),
    ({"exact_limit": 0}, SafecoreError, ValueError, "exact_limit must be a whole number >= 1", "0"),
    ({"exact_limit": "big"}, InputTypeError, TypeError, "exact_limit", "'big'"),
]


@pytest.mark.parametrize(
    ("kwargs", "exc", "builtin", "needle", "value"),
    CHI_OPTION_CASES,
    ids=[str(c[0]) for c in CHI_OPTION_CASES],
)
def test_chi_square_option_errors(
    kwargs: dict[str, Any], exc: type[Exception], builtin: type[Exception], needle: str, value: str
):
    """Each option of chi_square is validated, naming the parameter and the value."""
    with raises(exc, builtin, needle, value):
        chi_square([[10, 20], [30, 40]], **kwargs)


def test_chi_square_accepts_numpy_options():
    """numpy integers are accepted as resamples and seed."""
    res = chi_square(
        [[10, 20], [30, 40]], method="monte-carlo", resamples=np.int64(500), seed=np.int32(1)
    )
    assert res.resamples == 500 and 0 < res.pvalue <= 1


def test_chi_square_keeps_dataframe_labels():
    """A pandas crosstab keeps its index and column labels."""
    pd = pytest.importorskip("pandas")
    df = pd.crosstab(pd.Series(list("aabb") * 5, name="g"), pd.Series(list("xyxy") * 5, name="s"))
    res = chi_square(df)
    assert res.row_labels == ("a", "b") and res.column_labels == ("x", "y")


@pytest.mark.parametrize(
    ("table", "needle"), [([[1, 0], [2, 0]], "column 2"), ([[0, 0], [2, 3]], "row 1")]
)
def test_empty_margin_is_named_one_based(table: list[list[int]], needle: str):
    """An all-zero row or column is named 1-based."""
    with raises(SafecoreError, ValueError, f"{needle} is all zeros"):
        chi_square(table)


# -- shared validators ------------------------------------------------------------------------

VALIDATOR_CASES = [
    (
        check_real,
        (True, "funding"),
        InputTypeError,
        TypeError,
        "funding must be a finite number, not bool",
    ),
    (check_real, (np.bool_(True), "x"), InputTypeError, TypeError, "not bool"),
    (check_real, ("10", "saving"), InputTypeError, TypeError, "saving must be a finite number, not str"),
    (check_real, (float("nan"), "mean"), SafecoreError, ValueError, "mean must be a finite number: nan"),
    (check_real, (float("inf"), "sd"), SafecoreError, ValueError, "sd must be a finite number: inf"),
    (check_real, (Decimal("NaN"), "x"), SafecoreError, ValueError, "x must be a finite number"),
    (check_real, (None, "x"), InputTypeError, TypeError, "not NoneType"),
    (check_share, (66, "attribution"), SafecoreError, ValueError, "a percentage? write 0.66"),
    (
        check_share,
        (-0.1, "deadweight"),
        SafecoreError,
        ValueError,
        "deadweight must be a share in [0, 1]",
    ),
    (check_share, (False, "deadweight"), InputTypeError, TypeError, "not bool"),
    (check_whole, (2.5, "families"), SafecoreError, ValueError, "families must be a whole number: 2.5"),
    (
        check_whole,
        ("10", "families"),
        InputTypeError,
        TypeError,
        "families must be a whole number, not str",
    ),
    (check_whole, (10**20, "families"), LimitExceededError, ValueError, "at most 2**53"),
    (check_whole, (float("inf"), "n"), SafecoreError, ValueError, "n must be a finite whole number"),
    (check_whole, (Decimal("2.5"), "n"), SafecoreError, ValueError, "n must be a whole number"),
    (check_seed, (1.0,), InputTypeError, TypeError, "seed must be None"),
]


@pytest.mark.parametrize(
    ("func", "args", "exc", "builtin", "needle"),
    VALIDATOR_CASES,
    ids=[f"{c[0].__name__}-{c[1][0]!r}" for c in VALIDATOR_CASES],
)
def test_shared_validators(
    func: Any, args: tuple[Any, ...], exc: type[Exception], builtin: type[Exception], needle: str
):
    """One validator per rule: the type, the builtin and the message."""
    with raises(exc, builtin, needle):
        func(*args)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(np.int64(12), 12), (np.float32(12.0), 12), (Decimal("12"), 12), (12.0, 12), (np.uint8(3), 3)],
)
def test_whole_numbers_accept_numpy_and_decimal(value: object, expected: int):
    """numpy scalars, Decimal and integral floats are whole numbers."""
    assert check_whole(value, "n") == expected


@pytest.mark.parametrize("value", [np.float32(0.035), Decimal("0.035"), np.float64(0.035), 0.035])
def test_reals_accept_numpy_and_decimal(value: object):
    """numpy floats and Decimal are finite reals."""
    assert check_real(value, "rate") == pytest.approx(0.035)


# -- numbers and TOML in files ----------------------------------------------------------------

NUMBER_CASES = [
    ("8.450,50", ".", "decimal comma"),
    ("9690,5", ".", "decimal comma"),
    ("1,5", ".", "decimal=','"),
    ("nan", ".", "must be a number: 'nan'"),
    ("inf", ".", "must be a number: 'inf'"),
    ("NaN", ",", "must be a number: 'NaN'"),
    ("1.5", ",", "must be a number: '1.5'"),
    ("12 pounds", ".", "must be a number"),
    ("", ".", "must be a number: ''"),
]


@pytest.mark.parametrize(("text", "decimal", "needle"), NUMBER_CASES)
def test_parse_number_refusals(text: str, decimal: str, needle: str):
    """Ambiguous or non-numeric text is refused naming where and the value."""
    with raises(FileFormatError, ValueError, "f.csv, line 3", "saving", needle):
        parse_number(text, "saving", where="f.csv, line 3", decimal=decimal)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1234.5", ".", 1234.5),
        ("1,234.5", ".", 1234.5),
        ("£1,234", ".", 1234.0),
        ("-£5", ".", -5.0),
        ("8.450,50", ",", 8450.5),
        ("9690,5", ",", 9690.5),
        ("1e3", ".", 1000.0),
    ],
)
def test_parse_number_accepts(text: str, decimal: str, expected: float):
    """Plain, grouped and declared decimal-comma numbers are read exactly."""
    assert parse_number(text, "saving", where="f", decimal=decimal) == expected


@pytest.mark.parametrize(
    ("text", "exc", "needle"),
    [
        ("a = [1,", FileFormatError, "not valid TOML"),
        ("a = " + "[" * 5000 + "]" * 5000, LimitExceededError, "nested more deeply"),
        ("a = " + "[" * 40 + "]" * 40, LimitExceededError, "16-level limit"),
        ("x = 1\nx = 2", FileFormatError, "not valid TOML"),
    ],
    ids=["syntax", "recursion", "depth", "duplicate key"],
)
def test_toml_reader_refusals(tmp_path: Path, text: str, exc: type[Exception], needle: str):
    """Bad or deeply nested TOML is a clear error, never a RecursionError."""
    p = write(tmp_path, "c.toml", text)
    with raises(exc, ValueError, "c.toml", needle):
        read_toml(p)


# -- properties -------------------------------------------------------------------------------


@given(st.binary(max_size=400))
def test_csv_reader_on_arbitrary_bytes(data: bytes):
    """Arbitrary bytes either read or raise a SafecoreError, nothing else."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.csv"
        p.write_bytes(data)
        try:
            recs = read_csv(p)
        except SafecoreError:
            return
        assert len(recs) >= 1 and all(set(r) == set(recs.columns) for r in recs)


@given(st.text(max_size=300))
def test_tally_on_arbitrary_text_files(text: str):
    """Arbitrary text as a case-note file gives a tally or a SafecoreError."""
    import tempfile
    import warnings

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.csv"
        p.write_text(HEADER + text, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LabelMergeWarning)
            try:
                t = tally(p)
            except SafecoreError:
                return
        assert t.total == len(read_records(p))


_VARIANTS = {
    "Engaged": ["Engaged", "engaged", " ENGAGED", "Engaged  "],
    "Disengaged": ["Disengaged", "DISENGAGED", "disengaged "],
}
_STATUS = {
    "Achieved": ["Achieved", "achieved", "ACHIEVED"],
    "Almost achieved": ["Almost achieved", "almost  achieved", "Almost"],
    "Not achieved": ["Not achieved", "NOT ACHIEVED", " not  achieved"],
}


@given(
    st.lists(
        st.tuples(st.sampled_from(list(_VARIANTS)), st.sampled_from(list(_STATUS)), st.integers(0, 9)),
        min_size=1,
        max_size=40,
    )
)
def test_tally_invariant_to_label_variants(rows: list[tuple[str, str, int]]):
    """Writing labels in other case, spacing or dash style never changes the table."""
    canonical = [{"engagement": e, "status": s} for e, s, _ in rows]
    varied = [
        {"engagement": _VARIANTS[e][k % len(_VARIANTS[e])], "status": _STATUS[s][k % len(_STATUS[s])]}
        for e, s, k in rows
    ]
    a, b = tally(canonical), tally(varied)
    assert a.row_labels == b.row_labels and a.column_labels == b.column_labels
    assert np.array_equal(a.table, b.table)
    assert all(isinstance(x, Engagement) for x in b.row_labels)
    assert all(isinstance(x, Attainment | Change) for x in b.column_labels)


def test_message_names_one_based_line_for_every_record(tmp_path: Path):
    """The line in a message is the record's own 1-based line, whatever precedes it."""
    body = "".join(f"F{k},Engaged,Achieved\n" for k in range(7)) + "F9,Engaged,Achieve\n"
    p = write(tmp_path, "n.csv", HEADER + body)
    with pytest.raises(UnknownLabelError) as info:
        tally(p)
    assert re.search(r"n\.csv, line 9, column 'status'", str(info.value))


@given(st.binary(max_size=300))
def test_toml_reader_on_arbitrary_bytes(data: bytes):
    """Arbitrary bytes as TOML either parse to a table or raise a SafecoreError."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.toml"
        p.write_bytes(data)
        try:
            parsed = read_toml(p)
        except SafecoreError:
            return
        assert isinstance(parsed, dict)


def test_exact_limit_is_checked_before_allocating():
    """A 5x5 table of 200s is refused at once (it ran out of memory after 39 s before)."""
    import time

    from safecore import TableTooLargeError

    start = time.perf_counter()
    with raises(TableTooLargeError, ValueError, "5x5 table with n = 5000", "exact_limit"):
        chi_square(np.full((5, 5), 200), method="exact")
    assert time.perf_counter() - start < 20  # generous: the refusal takes well under a second here
