"""Tests for safecore.cost.prices that pin exact values mutation testing found unchecked.

Every expected value is written out by hand: the CSV rows are written here, the index values
are read off them, and rebased values are worked in a comment. None comes from the code under
test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safecore._errors import InputTypeError, InputValueError, ProxyTableError
from safecore.cost import load_gdp_deflators
from safecore.cost.prices import PriceIndex

FIXTURE = Path(__file__).parent / "data" / "gdp_deflators_layout.csv"


def _csv(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "d.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- the published layout: what each kind of row gives ------------------------------------------

LAYOUT = (
    '"GDP deflators at market prices, and money GDP"\n'  # 1 title: one cell with "deflator"
    "\n"  # 2 blank
    "Not set,,not set\n"  # 3 only "not set" cells: skipped like a blank row
    '"Another note on the GDP deflator, long enough to be a note"\n'  # 4 a note (title taken)
    "Exactly forty characters of text here ok\n"  # 5 40 characters: not a note
    '"Forty-one characters of text here, really"\n'  # 6 41 characters: a note
    "Financial year,2016-17 = 100,,Calendar year,2016 = 100\n"  # 7 both bases
    "Financial year,2019-20 = 100,,Calendar year,2019 = 100\n"  # 8 later bases: first kept
    "Data for,2019\n"  # 9 a year in the last cell, nothing right of it
    "2015-16,n/a,,2015,-\n"  # 10 years beside no number: not data
    "2016-17,100.000,,2016,100\n"  # 11
    '2017-18 (5),"1,102.5",,2017 (5),101.5 (3)\n'  # 12 markers, a thousands separator
    "1999-00,.5,,1999 [p],7*\n"  # 13 the century turn, a leading point, [p] and * markers
    "2018/19 r,104,,2018 a,103\n"  # 14 a slash, letter markers
    '"A note after the data rows, which is not kept as a note"\n'  # 15 after data: not a note
)


def test_each_kind_of_row_in_the_layout(tmp_path: Path):
    """Title, notes (more than 40 characters, before the data), the base, and each year's cell."""
    index = load_gdp_deflators(_csv(tmp_path, LAYOUT))
    assert index.title == "GDP deflators at market prices, and money GDP"
    assert index.notes == (
        "Another note on the GDP deflator, long enough to be a note",
        "Forty-one characters of text here, really",
    )
    assert len("Exactly forty characters of text here ok") == 40
    assert len("Forty-one characters of text here, really") == 41
    assert index.base == "2016-17 = 100"
    assert index.basis == "financial"
    assert index.values == {1999: 0.5, 2016: 100.0, 2017: 1102.5, 2018: 104.0}
    assert list(index.values) == [1999, 2016, 2017, 2018]  # in year order, not file order
    assert index.source == str(tmp_path / "d.csv")


def test_the_calendar_block_of_the_same_rows(tmp_path: Path):
    """basis="calendar" reads the cell right of each calendar year, with the calendar base."""
    index = load_gdp_deflators(_csv(tmp_path, LAYOUT), basis="calendar")
    assert index.basis == "calendar"
    assert index.base == "2016 = 100"
    assert index.values == {1999: 7.0, 2016: 100.0, 2017: 101.5, 2018: 103.0}
    assert index.title == "GDP deflators at market prices, and money GDP"


def test_the_fixture_in_the_published_layout():
    """The fixture's title, notes, both bases and every financial and calendar value."""
    fin = load_gdp_deflators(FIXTURE)
    assert fin.title == "GDP DEFLATORS AT MARKET PRICES, AND MONEY GDP"
    assert len(fin.notes) == 2
    assert fin.notes[0].startswith("Test fixture in the layout of HM Treasury's published CSV")
    assert fin.notes[1].startswith("Forecast data are illustrative")
    assert fin.values == {
        2012: 94.0, 2013: 95.88, 2014: 97.318, 2015: 98.291, 2016: 100.0,
        2017: 102.0, 2018: 104.04, 2019: 106.121, 2020: 108.243, 2021: 110.408,
    }  # fmt: skip
    cal = load_gdp_deflators(FIXTURE, basis="calendar")
    assert cal.base == "2016 = 100"
    assert cal.values == {
        2012: 93.5, 2013: 95.37, 2014: 96.8, 2015: 97.768, 2016: 100.0,
        2017: 101.5, 2018: 103.53, 2019: 105.601, 2020: 107.713, 2021: 109.867,
    }  # fmt: skip


def test_a_second_deflator_title_row_is_a_note(tmp_path: Path):
    """Only the first one-cell row naming a deflator is the title; a long second one is a note."""
    text = (
        "Some introduction without the word\n"  # short, not a title: skipped
        "GDP deflators at market prices\n"
        '"GDP deflators at market prices, and money GDP, second vintage"\n'
        "2019-20,106\n"
    )
    index = load_gdp_deflators(_csv(tmp_path, text))
    assert index.title == "GDP deflators at market prices"
    assert index.notes == ("GDP deflators at market prices, and money GDP, second vintage",)
    assert index.base is None


def test_a_title_row_must_be_one_cell_before_the_data(tmp_path: Path):
    """A deflator row with two cells, or after the data, is not the title."""
    text = "GDP deflators,extra\n2019-20,106\nGDP deflators\n"
    index = load_gdp_deflators(_csv(tmp_path, text))
    assert index.title is None
    assert index.notes == ()


def test_windows_1252_and_a_byte_order_mark(tmp_path: Path):
    """A Windows-1252 file (a £ byte) is read; a UTF-8 byte-order mark is not part of the title."""
    text = "GDP deflators (£ million)\n2019-20,106\n"
    cp = load_gdp_deflators(_csv(tmp_path, text, encoding="cp1252", name="cp.csv"))
    assert cp.title == "GDP deflators (£ million)"
    bom = load_gdp_deflators(_csv(tmp_path, text, encoding="utf-8-sig", name="bom.csv"))
    assert bom.title == "GDP deflators (£ million)"
    assert bom[2019] == 106.0


def test_neither_utf8_nor_windows_1252(tmp_path: Path):
    """Byte 0x81 is invalid UTF-8 and undefined in Windows-1252: the file is refused by name."""
    path = tmp_path / "d.csv"
    path.write_bytes(b"2019-20,\x81\n")
    with pytest.raises(ProxyTableError) as info:
        load_gdp_deflators(path)
    assert str(info.value) == f"{path}: not UTF-8 or Windows-1252 text"


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("2019-20", 2019),
        ("2019/20", 2019),
        ("2019–20", 2019),  # an en dash
        ("2019 - 20", 2019),
        ("2019-2020", 2019),
        ("1999-00", 1999),  # (1999 + 1) % 100 = 0
        ("2019-20 (3)", 2019),
        ("2019-20 [x]", 2019),
        ("2019-20**", 2019),
        ("2019-20 p", 2019),
    ],
)
def test_financial_year_labels(tmp_path: Path, label: str, year: int):
    """Each way of writing a financial year is keyed by the year it starts."""
    index = load_gdp_deflators(_csv(tmp_path, f"{label},50\n"))
    assert index.values == {year: 50.0}


@pytest.mark.parametrize("label", ["2019-21", "2019-2021", "2019-19", "19-20", "2019-20 X"])
def test_labels_that_are_no_financial_year(tmp_path: Path, label: str):
    """A range that is not one year long, or a label with other text, is no year row."""
    with pytest.raises(ProxyTableError, match="no financial-year rows"):
        load_gdp_deflators(_csv(tmp_path, f"{label},50\n"))


@pytest.mark.parametrize(("label", "year"), [("1800", 1800), ("2200", 2200), ("2019 (3)", 2019)])
def test_calendar_years_from_1800_to_2200(tmp_path: Path, label: str, year: int):
    """Calendar years 1800 to 2200 (both ends) are read, footnote markers dropped."""
    index = load_gdp_deflators(_csv(tmp_path, f"{label},50\n"), basis="calendar")
    assert index.values == {year: 50.0}


@pytest.mark.parametrize("label", ["1799", "2201", "20190"])
def test_numbers_outside_1800_to_2200_are_no_calendar_year(tmp_path: Path, label: str):
    """A four-digit number outside 1800-2200 (or five digits) is no year: no rows are found."""
    with pytest.raises(ProxyTableError, match="no calendar-year rows"):
        load_gdp_deflators(_csv(tmp_path, f"{label},50\n"), basis="calendar")


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1,234.5", 1234.5), (".5", 0.5), ("7", 7.0), ("12.25 (3)", 12.25), ("  8.5  ", 8.5)],
)
def test_index_cells(tmp_path: Path, cell: str, value: float):
    """Thousands separators, a leading point, markers and spaces around a number."""
    index = load_gdp_deflators(_csv(tmp_path, f'2019-20,"{cell}"\n'))
    assert index[2019] == value


def test_not_set_cells_count_as_empty(tmp_path: Path):
    """A "Not set" cell beside the title or a note does not stop it being a one-cell row."""
    text = (
        "GDP deflators,Not set\n"
        '"A note about the vintage of these figures, long enough",not set\n'
        "2019-20,106\n"
    )
    index = load_gdp_deflators(_csv(tmp_path, text))
    assert index.title == "GDP deflators"
    assert index.notes == ("A note about the vintage of these figures, long enough",)


def test_a_year_beside_no_number_does_not_end_the_row(tmp_path: Path):
    """After a financial year with no number, the row's calendar year is still read."""
    index = load_gdp_deflators(_csv(tmp_path, "2015-16,n/a,,2015,97\n"), basis="calendar")
    assert index.values == {2015: 97.0}


def test_a_calendar_block_marks_the_data_for_the_financial_reading(tmp_path: Path):
    """A calendar row is data even when reading financial years: later one-cell rows are no notes."""
    text = "2019,5,,\nA long row after the calendar data that is not a note\n2019-20,6\n"
    index = load_gdp_deflators(_csv(tmp_path, text))
    assert index.values == {2019: 6.0}
    assert index.notes == ()


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["0", "0.0", "-1.5"])
def test_an_index_must_be_above_zero(tmp_path: Path, cell: str):
    """An index of 0 or below is refused; the message names the line, the year and the cell."""
    path = _csv(tmp_path, f"title row\n2018-19,100\n2019-20,{cell},1.5\n")
    with pytest.raises(ProxyTableError) as info:
        load_gdp_deflators(path)
    assert str(info.value) == f"{path}, line 3: the index for '2019-20' must be > 0: '{cell}'"


def test_a_year_given_twice(tmp_path: Path):
    """A year in two rows is refused, naming the second row's line and label."""
    path = _csv(tmp_path, "2019-20,100\n\n2019-20 (3),101\n")
    with pytest.raises(ProxyTableError) as info:
        load_gdp_deflators(path)
    assert str(info.value) == f"{path}, line 3: year '2019-20 (3)' appears twice"


def test_a_year_of_the_other_block_is_no_error(tmp_path: Path):
    """A calendar row's 0 is not checked when reading financial years (only the block read is)."""
    index = load_gdp_deflators(_csv(tmp_path, "2019-20,100,,2019,0\n"))
    assert index.values == {2019: 100.0}


def test_no_rows_for_the_basis(tmp_path: Path):
    """A file with financial rows only has no calendar-year rows; the message names the file."""
    path = _csv(tmp_path, "2019-20,100\n")
    with pytest.raises(ProxyTableError) as info:
        load_gdp_deflators(path, basis="calendar")
    assert str(info.value).startswith(f"{path}: no calendar-year rows")


def test_basis_and_path_are_checked():
    """A basis other than "financial"/"calendar" and a path that is not a path are refused."""
    with pytest.raises(InputValueError, match=r"basis must be 'financial' or 'calendar': 'fiscal'"):
        load_gdp_deflators(FIXTURE, basis="fiscal")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match=r"path must be a file path, not int: 5"):
        load_gdp_deflators(5)  # type: ignore[arg-type]


# -- the PriceIndex ------------------------------------------------------------------------------

SMALL = PriceIndex({2018: 104.0, 2019: 106.0, 2020: 108.0}, "financial", base="2016-17 = 100")


def test_mapping_behaviour():
    """Indexing, membership, length, iteration, keys and items follow the values."""
    assert SMALL[2019] == 106.0
    assert 2019 in SMALL and 2021 not in SMALL
    assert len(SMALL) == 3
    assert list(SMALL) == [2018, 2019, 2020]
    assert list(SMALL.keys()) == [2018, 2019, 2020]
    assert list(SMALL.items()) == [(2018, 104.0), (2019, 106.0), (2020, 108.0)]


def test_rebasing_to_a_financial_year():
    """rebased_to(2019): each value × 100 / 106, base "2019-20 = 100"; other fields kept."""
    rebased = SMALL.rebased_to(2019)
    # 104 × 100 / 106 = 98.113207...; 108 × 100 / 106 = 101.886792...
    assert rebased.values == pytest.approx({2018: 98.11320755, 2019: 100.0, 2020: 101.88679245})
    assert rebased.base == "2019-20 = 100"
    assert rebased.basis == "financial"


def test_rebasing_labels_the_century_turn_and_calendar_years():
    """A financial 1999 is "1999-00"; a calendar year is the year alone."""
    fin = PriceIndex({1999: 50.0, 2000: 100.0}, "financial")
    assert fin.rebased_to(1999).base == "1999-00 = 100"
    assert fin.rebased_to(1999)[2000] == 200.0  # 100 × 100 / 50
    cal = PriceIndex({2019: 80.0, 2020: 100.0}, "calendar")
    assert cal.rebased_to(2020).base == "2020 = 100"
    assert cal.rebased_to(2020)[2019] == 80.0


def test_rebasing_to_a_missing_year():
    """A year the index lacks is refused, naming the year."""
    with pytest.raises(ProxyTableError, match="the price index has no value for 2030"):
        SMALL.rebased_to(2030)


def test_printed_table_labels_financial_years():
    """str(): title or "Price index", basis and base in the caption; labels; index to 3 decimals."""
    titled = PriceIndex(
        {1999: 50.0, 2000: 100.0}, "financial", base="2000-01 = 100", title="GDP deflators"
    )
    assert [line.split() for line in str(titled).splitlines()] == [
        ["GDP", "deflators", "(financial", "years,", "2000-01", "=", "100)"],
        ["Year", "Label", "Index"],
        ["1999", "1999-00", "50.000"],
        ["2000", "2000-01", "100.000"],
    ]
    plain = PriceIndex({2019: 80.0}, "calendar")
    assert [line.split() for line in str(plain).splitlines()] == [
        ["Price", "index", "(calendar", "years)"],
        ["Year", "Label", "Index"],
        ["2019", "2019", "80.000"],
    ]


def test_table_columns_and_rows():
    """The table's columns are year, label, index, with raw values."""
    table = PriceIndex({2009: 1.5}, "financial")._table()
    assert table.columns == ("year", "label", "index")
    assert table.rows == ((2009, "2009-10", 1.5),)


def test_repr():
    """repr: basis, first and last year, base; an empty index shows None..None."""
    assert repr(SMALL) == "PriceIndex(financial, 2018..2020, base='2016-17 = 100')"
    assert repr(PriceIndex({}, "calendar")) == "PriceIndex(calendar, None..None, base=None)"
