"""Tests for safecore.cost.proxies that pin exact values mutation testing found unchecked.

Every expected value is written out by hand (the file formats, the printed table, the
arithmetic in a comment); none comes from the code under test.
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path
from typing import Any

import pytest

from safecore import CostOutcome
from safecore._errors import InputTypeError, InputValueError, MissingOutcomeError, ProxyTableError
from safecore.cost import Proxy, ProxyTable, load_proxies
from safecore.cost.proxies import MAX_SAVING, PROXY_FIELDS

# A proxy with every field given (text with surrounding spaces, a value type in capitals)
# and one with only the four required fields.
FULL = Proxy(
    " own ",
    " One adult less lonely ",
    12.5,
    " Own estimate ",
    2019,
    2,
    value_type="Social",
    beneficiary=" NHS ",
    cashable=True,
    lag=1,
    duration=3,
    drop_off=0.2,
    deadweight=0.1,
    displacement=0.05,
    attribution=0.8,
)
BARE = Proxy(CostOutcome.HOUSING, "An eviction has been avoided.", 7770, "Shelter")

FULL_DICT = {
    "outcome": "own",
    "indicator": "One adult less lonely",
    "saving": 12.5,
    "source": "Own estimate",
    "price_year": 2019,
    "grade": 2,
    "value_type": "social",
    "beneficiary": "NHS",
    "cashable": True,
    "lag": 1,
    "duration": 3,
    "drop_off": 0.2,
    "deadweight": 0.1,
    "displacement": 0.05,
    "attribution": 0.8,
}
BARE_DICT = {
    "outcome": "housing",
    "indicator": "An eviction has been avoided.",
    "saving": 7770.0,
    "source": "Shelter",
    "price_year": None,
    "grade": None,
    "value_type": None,
    "beneficiary": None,
    "cashable": None,
    "lag": 0,
    "duration": None,
    "drop_off": None,
    "deadweight": None,
    "displacement": None,
    "attribution": None,
}
HEADER = (
    "outcome,indicator,saving,source,price_year,grade,value_type,beneficiary,cashable,lag,"
    "duration,drop_off,deadweight,displacement,attribution\n"
)


# -- the faces of a proxy and a table: to_dict, to_frame, to_csv, to_toml, str, repr -----------


def test_proxy_to_dict_has_every_field_in_order():
    """Proxy.to_dict() has the 15 PROXY_FIELDS in order, text stripped, absent fields None."""
    assert list(FULL.to_dict()) == list(PROXY_FIELDS)
    assert FULL.to_dict() == FULL_DICT
    assert BARE.to_dict() == BARE_DICT


def test_proxy_to_dict_gives_the_outcome_as_a_plain_string():
    """A CostOutcome member is given as its plain string key (type str, not the enum)."""
    outcome = BARE.to_dict()["outcome"]
    assert type(outcome) is str
    assert outcome == "housing"


def test_table_to_dict_lists_the_proxies_in_order():
    """ProxyTable.to_dict() is {"proxies": [one dict per proxy, in order]}."""
    assert ProxyTable([FULL, BARE]).to_dict() == {"proxies": [FULL_DICT, BARE_DICT]}
    assert ProxyTable([]).to_dict() == {"proxies": []}


def test_to_frame_has_the_columns_of_a_proxy_file():
    """to_frame(): one row per proxy, the PROXY_FIELDS as columns, the raw values in the cells."""
    pandas = pytest.importorskip("pandas")
    frame = ProxyTable([FULL, BARE]).to_frame()
    assert list(frame.columns) == list(PROXY_FIELDS)
    assert frame.shape == (2, 15)
    assert frame.iloc[0].to_dict() == FULL_DICT
    row = frame.iloc[1].to_dict()
    assert row["outcome"] == "housing" and row["saving"] == 7770.0 and row["lag"] == 0
    for name in ("price_year", "grade", "duration", "drop_off", "deadweight", "attribution"):
        assert math.isnan(row[name]), name  # absent numbers: NaN in a numeric column
    assert row["cashable"] is None and pandas.isna(row["value_type"])


def test_to_csv_text_exactly():
    """to_csv: a header line, then text quoted, numbers bare, booleans as true/false, None empty ("").

    Lines end in "\\n" (not the csv module's default "\\r\\n").
    """
    no = Proxy("b", "y", 3, "s", cashable=False)
    text = ProxyTable([FULL, BARE, no]).to_csv()
    assert text == (
        HEADER + '"own","One adult less lonely",12.5,"Own estimate",2019,2,"social","NHS","true",1,3,'
        "0.2,0.1,0.05,0.8\n"
        + '"housing","An eviction has been avoided.",7770.0,"Shelter","","","","","",0,"","","","",""\n'
        + '"b","y",3.0,"s","","","","","false",0,"","","","",""\n'
    )
    assert ProxyTable([]).to_csv() == HEADER


def test_to_toml_text_exactly():
    """to_toml: a comment, then one [[proxy]] table per proxy; None and a lag of 0 left out.

    Booleans are TOML true/false, numbers as Python writes them (12.5, 7770.0, 2019).
    """
    no = Proxy("b", "y", 3, "s", cashable=False, lag=0)
    assert ProxyTable([FULL, BARE, no]).to_toml() == (
        "# Financial proxies: annual saving per family (GBP) per outcome.\n"
        "\n[[proxy]]\n"
        'outcome = "own"\n'
        'indicator = "One adult less lonely"\n'
        "saving = 12.5\n"
        'source = "Own estimate"\n'
        "price_year = 2019\n"
        "grade = 2\n"
        'value_type = "social"\n'
        'beneficiary = "NHS"\n'
        "cashable = true\n"
        "lag = 1\n"
        "duration = 3\n"
        "drop_off = 0.2\n"
        "deadweight = 0.1\n"
        "displacement = 0.05\n"
        "attribution = 0.8\n"
        "\n[[proxy]]\n"
        'outcome = "housing"\n'
        'indicator = "An eviction has been avoided."\n'
        "saving = 7770.0\n"
        'source = "Shelter"\n'
        "\n[[proxy]]\n"
        'outcome = "b"\n'
        'indicator = "y"\n'
        "saving = 3.0\n"
        'source = "s"\n'
        "cashable = false\n"
    )


def test_cashable_true_and_false_read_back_from_both_formats(tmp_path: Path):
    """cashable True and False each survive a TOML and a CSV round trip."""
    table = ProxyTable([Proxy("a", "x", 1, "s", cashable=True), Proxy("b", "y", 2, "s", cashable=False)])
    for suffix, text in ((".toml", table.to_toml()), (".csv", table.to_csv())):
        path = tmp_path / f"p{suffix}"
        path.write_text(text, encoding="utf-8")
        back = load_proxies(path)
        assert (back["a"].cashable, back["b"].cashable) == (True, False), suffix


def test_printed_table_in_pounds_or_pence():
    """str(): the caption, the display headers, savings in whole pounds unless one has pence."""
    whole = ProxyTable([BARE, Proxy("b", "y", 3, "s")])
    lines = str(whole).splitlines()
    assert lines[0] == "Proxy savings per family per year"
    assert lines[1].split() == [
        "Outcome", "Indicator", "Saving", "Source", "Price", "year", "Grade", "Value", "type",
        "Beneficiary", "Cashable", "Lag", "Duration", "Drop-off", "Deadweight", "Displacement",
        "Attribution",
    ]  # fmt: skip
    assert "£7,770" in lines[2] and "£7,770.00" not in lines[2]
    assert "£3 " in lines[3]
    pence = str(ProxyTable([FULL, BARE]))
    # 12.5 has pence, so every saving shows two decimals
    assert "£12.50" in pence and "£7,770.00" in pence
    assert whole.summary() == "Proxy savings per family per year"
    md = ProxyTable([FULL])._repr_markdown_()
    assert md.startswith("Proxy savings per family per year\n\n| Outcome | Indicator | Saving |")
    row = "| own | One adult less lonely | £12.50 | Own estimate | 2019 | 2 | social | NHS | yes | 1 |"
    assert row in md


def test_proxy_repr_shows_price_year_and_grade_when_given():
    """repr: outcome and saving to the penny, then price_year and grade if the proxy has them."""
    assert repr(FULL) == "Proxy('own', saving=£12.50, price_year=2019, grade=2)"
    assert repr(BARE) == "Proxy('housing', saving=£7,770.00)"
    assert repr(Proxy("a", "x", 1, "s", grade=1)) == "Proxy('a', saving=£1.00, grade=1)"
    assert repr(Proxy("a", "x", 1, "s", 2100)) == "Proxy('a', saving=£1.00, price_year=2100)"


# -- looking up, scaling and rebasing ----------------------------------------------------------


def test_missing_outcome_message_lists_the_outcomes():
    """A missing outcome's KeyError names it and lists the table's outcomes, comma-separated."""
    table = ProxyTable([Proxy("a", "x", 1, "s"), Proxy("b", "y", 2, "s")])
    with pytest.raises(MissingOutcomeError) as info:
        table["c"]
    assert "no proxy for outcome 'c' (outcomes: a, b)" in str(info.value)


@pytest.mark.parametrize("key", [42, None, "", "   ", b"a"])
def test_a_key_that_is_no_outcome_is_not_in_the_table(key: object):
    """`in` answers False (does not raise) for a key that cannot be an outcome key."""
    assert (key in ProxyTable([Proxy("a", "x", 1, "s")])) is False


def test_scaling_up_to_max_saving_exactly():
    """A scaled saving may equal MAX_SAVING (5e11 x 2 = 1e12); one pound more is refused."""
    table = ProxyTable([Proxy("a", "x", MAX_SAVING / 2, "s")])
    assert table.scaled(2)["a"].saving == 1e12
    with pytest.raises(ProxyTableError, match=r"factor 2\.000001 makes the saving of proxy 'a'"):
        table.scaled(2.000001)


@pytest.mark.parametrize(
    ("factor", "error", "fragment"),
    [
        (-1, ProxyTableError, "factor must be"),
        (float("inf"), ProxyTableError, "factor must be a finite number: inf"),
        ("2", InputTypeError, "factor must be a finite number, not str: '2'"),
    ],
)
def test_bad_factor_is_named(factor: object, error: type[Exception], fragment: str):
    """A negative or infinite factor is a ProxyTableError, text a TypeError; both name 'factor'."""
    with pytest.raises(error) as info:
        ProxyTable([Proxy("a", "x", 1, "s")]).scaled(factor)  # type: ignore[arg-type]
    assert fragment in str(info.value)


def test_rebasing_up_to_max_saving_exactly():
    """Rebasing 5e11 at index 50 to a year at index 100 gives exactly 1e12, which is allowed."""
    table = ProxyTable([Proxy("a", "x", MAX_SAVING / 2, "s", 2019)])
    assert table.rebased({2019: 50.0, 2020: 100.0}, 2020)["a"].saving == 1e12
    with pytest.raises(ProxyTableError, match="rebasing to 2020 makes the saving of proxy 'a'"):
        table.rebased({2019: 50.0, 2020: 100.001}, 2020)


def test_rebasing_names_the_proxy_without_a_price_year():
    """The proxy with no price_year is named (the first one lacking it, here 'b')."""
    table = ProxyTable([Proxy("a", "x", 1, "s", 2019), Proxy("b", "y", 2, "s")])
    with pytest.raises(ProxyTableError) as info:
        table.rebased({2019: 1.0, 2020: 1.0}, 2020)
    assert "proxy 'b' has no price_year: cannot rebase" in str(info.value)


@pytest.mark.parametrize(
    ("index", "to_year", "error", "fragment"),
    [
        ({2019: 1.0}, 1899, ProxyTableError, "to_year must be a year from 1900 to 2100: 1899"),
        ({2019: 1.0}, "2019", InputTypeError, "to_year"),
        ({2019: 0.0}, 2019, ProxyTableError, "price_index[2019] must be"),
        ({2019: -1.0}, 2019, ProxyTableError, "price_index[2019] must be"),
        ({2019: float("nan")}, 2019, ProxyTableError, "price_index[2019] must be a finite number"),
        ({2019.5: 1.0}, 2019, ProxyTableError, "a price_index year must be a whole number: 2019.5"),
        ({"2019": 1.0}, 2019, InputTypeError, "a price_index year"),
        (
            [2019, 1.0],
            2019,
            InputTypeError,
            "price_index must be a mapping of year to index value, not list: [2019, 1.0]",
        ),
        ("2019", 2019, InputTypeError, "not str: '2019'"),
        ((1, 2), 2019, InputTypeError, "not tuple: (1, 2)"),
    ],
)
def test_bad_rebasing_arguments(index: object, to_year: object, error: type[Exception], fragment: str):
    """to_year and the index are checked: value errors are ProxyTableErrors naming what is wrong."""
    table = ProxyTable([Proxy("a", "x", 1, "s", 2019)])
    with pytest.raises(error) as info:
        table.rebased(index, to_year)  # type: ignore[arg-type]
    assert fragment in str(info.value)


def test_index_years_are_any_whole_numbers():
    """Index keys are not range-checked: years before 0 or after 2**53 in the index are ignored."""
    table = ProxyTable([Proxy("a", "x", 100, "s", 2019)])
    # 100 x 110 / 100 = 110
    index = {-5: 1.0, 2019: 100.0, 2020: 110.0, 2**60: 3.0}
    assert table.rebased(index, 2020)["a"].saving == pytest.approx(110.0)


# -- the fields of a Proxy: what each accepts and what it refuses ------------------------------


def _proxy(**kw: Any) -> Proxy:
    fields: dict[str, Any] = {"outcome": "a", "indicator": "x", "saving": 1, "source": "s"}
    fields.update(kw)
    return Proxy(**fields)


@pytest.mark.parametrize(
    ("field", "given", "stored"),
    [
        ("saving", 0, 0.0),
        ("saving", MAX_SAVING, 1e12),  # the bound itself is allowed
        ("price_year", 1900, 1900),
        ("price_year", 2100, 2100),
        ("price_year", 2019.0, 2019),
        ("grade", 1, 1),
        ("grade", 6, 6),
        ("grade", 3.0, 3),
        ("value_type", "FISCAL", "fiscal"),
        ("value_type", " Economic ", "economic"),
        ("value_type", "social", "social"),
        ("beneficiary", " Police ", "Police"),
        ("cashable", False, False),
        ("cashable", " Yes ", True),
        ("cashable", "y", True),
        ("cashable", "TRUE", True),
        ("cashable", "1", True),
        ("cashable", "No", False),
        ("cashable", "n", False),
        ("cashable", "false", False),
        ("cashable", "0", False),
        ("lag", None, 0),
        ("lag", 0, 0),
        ("lag", 1000, 1000),
        ("lag", 2.0, 2),
        ("duration", 1, 1),
        ("duration", 1000, 1000),
        ("drop_off", 0, 0.0),
        ("deadweight", 1, 1.0),
        ("displacement", 0.25, 0.25),
        ("attribution", 0.5, 0.5),
    ],
)
def test_field_accepts(field: str, given: object, stored: object):
    """Each field's bounds are inclusive; text is stripped; value type and cashable text are words."""
    value = getattr(_proxy(**{field: given}), field)
    assert value == stored
    assert type(value) is type(stored)


def test_numpy_booleans_are_cashable():
    """A numpy bool is stored as a Python bool."""
    np = pytest.importorskip("numpy")
    assert _proxy(cashable=np.bool_(True)).cashable is True
    assert _proxy(cashable=np.bool_(False)).cashable is False


def test_negative_zero_saving_is_stored_as_zero():
    """-0.0 is stored as +0.0 (so it prints as £0, not -£0)."""
    saving = _proxy(saving=-0.0).saving
    assert saving == 0.0 and math.copysign(1.0, saving) == 1.0


@pytest.mark.parametrize(
    ("field", "given", "error", "message"),
    [
        ("outcome", "  ", ProxyTableError, "an outcome key must be a non-empty string: '  '"),
        ("outcome", 7, InputTypeError, "an outcome key must be a string, not int: 7"),
        ("indicator", "", ProxyTableError, "indicator must be non-empty text: ''"),
        ("indicator", 5, InputTypeError, "indicator must be text, not int: 5"),
        ("source", "  ", ProxyTableError, "source must be non-empty text: '  '"),
        ("source", None, InputTypeError, "source must be text, not NoneType: None"),
        (
            "indicator",
            "\ud800",
            ProxyTableError,
            "indicator must be text that UTF-8 can hold (no lone surrogate): '\\ud800'",
        ),
        ("source", "a\x00", ProxyTableError, "source must not contain a NUL character: 'a\\x00'"),
        ("saving", 1e12 + 1, ProxyTableError, "saving must be in [0, 1e+12]: 1000000000001.0"),
        ("saving", None, InputTypeError, "saving must be a finite number, not NoneType: None"),
        ("price_year", 1899, ProxyTableError, "price_year must be a year from 1900 to 2100: 1899"),
        ("price_year", 2101, ProxyTableError, "price_year must be a year from 1900 to 2100: 2101"),
        ("price_year", "2019", InputTypeError, "price_year must be"),
        ("grade", 0, ProxyTableError, "grade must be a confidence grade from 1 to 6: 0"),
        ("grade", 7, ProxyTableError, "grade must be a confidence grade from 1 to 6: 7"),
        ("grade", -1, ProxyTableError, "grade must be a confidence grade from 1 to 6: -1"),
        # far above the 2**53 bound of a count: still the grade's own message
        (
            "grade",
            10**16,
            ProxyTableError,
            "grade must be a confidence grade from 1 to 6: 10000000000000000",
        ),
        ("lag", 10**16, ProxyTableError, "lag must be at most 1,000 years: 10000000000000000"),
        (
            "duration",
            10**16,
            ProxyTableError,
            "duration must be at most 1,000 years: 10000000000000000",
        ),
        ("grade", 2.5, ProxyTableError, "grade must be a whole number: 2.5"),
        ("grade", "B", InputTypeError, "grade must be a confidence grade, a whole number from 1 to 6"),
        ("grade", " 2 ", InputTypeError, "grade must be a confidence grade, a whole number from 1"),
        ("value_type", "other", ProxyTableError, "value_type must be 'fiscal', 'economic' or 'social'"),
        ("value_type", "  ", ProxyTableError, "value_type must be non-empty text or absent (None)"),
        ("value_type", 5, InputTypeError, "value_type must be text, not int: 5"),
        ("beneficiary", "", ProxyTableError, "beneficiary must be non-empty text or absent (None): ''"),
        ("beneficiary", 3, InputTypeError, "beneficiary must be text, not int: 3"),
        ("beneficiary", "N\x00HS", ProxyTableError, "beneficiary must not contain a NUL character"),
        ("cashable", "maybe", ProxyTableError, "cashable must be true or false (yes/no, 1/0): 'maybe'"),
        ("cashable", 1, InputTypeError, "cashable must be True or False, not int: 1"),
        ("cashable", "", ProxyTableError, "cashable must be true or false (yes/no, 1/0): ''"),
        ("lag", -1, ProxyTableError, "lag must be a whole number >= 0: -1"),
        ("lag", 1001, ProxyTableError, "lag must be at most 1,000 years: 1001"),
        ("lag", 1.5, ProxyTableError, "lag must be a whole number: 1.5"),
        ("lag", "1", InputTypeError, "lag must be"),
        ("duration", 0, ProxyTableError, "duration must be a whole number >= 1: 0"),
        ("duration", 1001, ProxyTableError, "duration must be at most 1,000 years: 1001"),
        ("duration", "3", InputTypeError, "duration must be"),
        ("drop_off", 1.5, ProxyTableError, "drop_off must be a share in [0, 1]"),
        ("deadweight", -0.1, ProxyTableError, "deadweight must be a share in [0, 1]"),
        ("displacement", 2, ProxyTableError, "displacement must be a share in [0, 1]"),
        ("attribution", float("nan"), ProxyTableError, "attribution must be"),
        ("attribution", "0.5", InputTypeError, "attribution must be"),
    ],
)
def test_field_refuses(field: str, given: object, error: type[Exception], message: str):
    """A bad field raises the documented class; the message names the field and shows the value."""
    with pytest.raises(error) as info:
        _proxy(**{field: given})
    assert type(info.value) is error
    assert str(info.value).startswith(message)  # no place before the field: a Python object


def test_table_holds_only_proxies_and_says_what_it_got():
    """ProxyTable refuses a non-proxy item, naming its type and value, and text or a mapping."""
    with pytest.raises(InputTypeError) as info:
        ProxyTable([_proxy(), 42])  # type: ignore[list-item]
    assert "a ProxyTable holds Proxy objects, not int: 42" in str(info.value)
    for given, shown in (("ab", "not str: 'ab'"), ({"a": 1}, "not dict"), (3, "not int: 3")):
        with pytest.raises(InputTypeError) as info:
            ProxyTable(given)  # type: ignore[arg-type]
        assert f"proxies must be an iterable of Proxy objects, {shown}" in str(info.value)


# -- TOML files: every field named with its key path -------------------------------------------

TOML_ROW = '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = 1\nsource = "s"\n'


def _load(tmp_path: Path, name: str, text: str, **kw: Any) -> ProxyTable:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return load_proxies(path, **kw)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('beneficiary = "  "', "proxy[1].beneficiary must be non-empty text or absent (None): '  '"),
        ("beneficiary = 5", "proxy[1].beneficiary must be text, not int: 5"),
        ('value_type = "grant"', "proxy[1].value_type must be 'fiscal', 'economic' or 'social'"),
        ('cashable = "perhaps"', "proxy[1].cashable must be true or false (yes/no, 1/0): 'perhaps'"),
        ("cashable = 1", "proxy[1].cashable must be True or False, not int: 1"),
        ("grade = true", "proxy[1].grade must be"),
        ('lag = "1"', "proxy[1].lag must be"),
        ("duration = true", "proxy[1].duration must be"),
        ('value_type = "  "', "proxy[1].value_type must be non-empty text or absent (None): '  '"),
        ("value_type = 5", "proxy[1].value_type must be text, not int: 5"),
        ("lag = 1001", "proxy[1].lag must be at most 1,000 years: 1001"),
        ("duration = 0", "proxy[1].duration must be a whole number >= 1: 0"),
        ("duration = 1001", "proxy[1].duration must be at most 1,000 years: 1001"),
        ("grade = 9", "proxy[1].grade must be a confidence grade from 1 to 6: 9"),
        ('grade = "B"', "proxy[1].grade must be a confidence grade, a whole number from 1 to 6"),
        ("price_year = 1850", "proxy[1].price_year must be a year from 1900 to 2100: 1850"),
        ("drop_off = 2", "proxy[1].drop_off must be a share in [0, 1]"),
        ("deadweight = -1", "proxy[1].deadweight must be a share in [0, 1]"),
        ('displacement = "x"', "proxy[1].displacement must be"),
        ("attribution = 1.5", "proxy[1].attribution must be a share in [0, 1]"),
    ],
)
def test_toml_field_errors_name_file_and_key_path(tmp_path: Path, line: str, message: str):
    """In a file every bad field, of any kind, is a ProxyTableError naming 'p.toml: proxy[1].<field>'."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.toml", TOML_ROW + line + "\n")
    assert type(info.value) is ProxyTableError  # also for a wrong type: a file's content is wrong
    assert f"p.toml: {message}" in str(info.value)


def test_toml_optional_fields_read(tmp_path: Path):
    """Every optional field of a TOML proxy is read (cashable as a TOML boolean)."""
    lines = (
        'price_year = 2019\ngrade = 2\nvalue_type = "Economic"\nbeneficiary = "DWP"\n'
        "cashable = false\nlag = 2\nduration = 5\ndrop_off = 0.1\ndeadweight = 0.2\n"
        "displacement = 0.3\nattribution = 0.4\n"
    )
    p = _load(tmp_path, "p.toml", TOML_ROW + lines)["a"]
    assert p.to_dict() == {
        "outcome": "a", "indicator": "x", "saving": 1.0, "source": "s", "price_year": 2019,
        "grade": 2, "value_type": "economic", "beneficiary": "DWP", "cashable": False, "lag": 2,
        "duration": 5, "drop_off": 0.1, "deadweight": 0.2, "displacement": 0.3, "attribution": 0.4,
    }  # fmt: skip


def test_missing_required_field_lists_the_required_fields(tmp_path: Path):
    """A missing required field is named with its key path and the four required fields listed."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.toml", TOML_ROW.replace('source = "s"\n', ""))
    assert (
        "p.toml: proxy[1].source is missing (required fields: outcome, indicator, saving, source)"
        in str(info.value)
    )


@pytest.mark.parametrize("text", ["", "# nothing\n", "proxy = []\n"])
def test_no_proxies_lists_required_and_optional_fields(tmp_path: Path, text: str):
    """A TOML file with no proxies names the required fields and every optional one."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.toml", text)
    assert str(info.value).endswith(
        "p.toml: no proxies; expected [[proxy]] tables with outcome, indicator, saving, source "
        "(and optionally price_year, grade, value_type, beneficiary, cashable, lag, duration, "
        "drop_off, deadweight, displacement, attribution)"
    )


def test_unknown_top_level_key(tmp_path: Path):
    """A top-level key other than 'proxy' is refused by name."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.toml", "title = 'x'\n" + TOML_ROW)
    assert "p.toml: unknown key 'title' (allowed: proxy)" in str(info.value)


# -- CSV files ---------------------------------------------------------------------------------


def test_csv_optional_columns_are_parsed(tmp_path: Path):
    """Numeric columns are read as numbers, cashable as yes/no, text unquoted (a leading "'=")."""
    text = (
        HEADER + "a,'=x,\"1,250.5\",s,2019,3,Fiscal,'-LA,yes,2,4,0.1,0.2,0.3,0.4\nb,y,2,s,,,,,n,,,,,,\n"
    )
    table = _load(tmp_path, "p.csv", text)
    assert table["a"].to_dict() == {
        "outcome": "a", "indicator": "=x", "saving": 1250.5, "source": "s", "price_year": 2019,
        "grade": 3, "value_type": "fiscal", "beneficiary": "-LA", "cashable": True, "lag": 2,
        "duration": 4, "drop_off": 0.1, "deadweight": 0.2, "displacement": 0.3, "attribution": 0.4,
    }  # fmt: skip
    assert table["b"].to_dict() == {**BARE_DICT, "outcome": "b", "indicator": "y", "saving": 2.0,
                                    "source": "s", "cashable": False}  # fmt: skip


def test_csv_lone_quote_cell_is_kept(tmp_path: Path):
    """A cell holding only a single quote is kept as it is (no character follows it to protect)."""
    assert _load(tmp_path, "p.csv", "outcome,indicator,saving,source\na,',1,s\n")["a"].indicator == "'"


_NUMBER = "p.csv, line 2: {column} must be a number: '{cell}'"


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        # a grade cell starting with a digit is read as a number, any other as a letter grade
        ("grade", "B", "p.csv, line 2: grade must be a confidence grade, a whole number from 1 to 6"),
        ("grade", " 7", "p.csv, line 2: grade must be a confidence grade from 1 to 6: 7"),
        ("grade", "x2", "p.csv, line 2: grade must be a confidence grade, a whole number"),
        ("grade", "2.5", "p.csv, line 2: grade must be a whole number: 2.5"),
        # text in a numeric column is not a number
        ("lag", "one", _NUMBER),
        ("duration", "x", _NUMBER),
        ("price_year", "y2019", _NUMBER),
        ("drop_off", "a", _NUMBER),
        ("deadweight", "b", _NUMBER),
        ("displacement", "c", _NUMBER),
        ("attribution", "d", _NUMBER),
    ],
)
def test_csv_cell_messages(tmp_path: Path, column: str, cell: str, message: str):
    """A refused cell's message names the file, line, column and the cell as read."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.csv", f"outcome,indicator,saving,source,{column}\na,x,1,s,{cell}\n")
    assert message.format(column=column, cell=cell) in str(info.value)


def test_csv_missing_required_column(tmp_path: Path):
    """A header without a required column names it and the columns found."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.csv", "outcome,indicator,saving\na,x,1\n")
    assert (
        "p.csv: no column 'source' (columns found: 'outcome', 'indicator', 'saving'); a proxy file "
        "needs outcome, indicator, saving, source" in str(info.value)
    )


def test_csv_unknown_column_lists_the_allowed_ones(tmp_path: Path):
    """An unknown column is named with every column a proxy file may have."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.csv", "outcome,indicator,saving,source,note\na,x,1,s,n\n")
    assert f"p.csv: unknown column 'note' (columns of a proxy file: {', '.join(PROXY_FIELDS)})" in str(
        info.value
    )


def test_csv_missing_marker_in_a_required_column(tmp_path: Path):
    """A declared missing marker in a required column is 'missing', naming the line."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.csv", "outcome,indicator,saving,source\na,x,NA,s\n", missing=("NA",))
    message = "p.csv, line 2: saving is missing (required fields: outcome, indicator, saving, source)"
    assert message in str(info.value)


def test_csv_with_semicolons_and_decimal_commas(tmp_path: Path):
    """delimiter and decimal apply to every numeric column (0,25 is a quarter)."""
    t = _load(
        tmp_path, "p.csv", "outcome;indicator;saving;source;attribution\na;x;1,5;s;0,25\n",
        delimiter=";", decimal=",",
    )  # fmt: skip
    assert (t["a"].saving, t["a"].attribution) == (1.5, 0.25)


# -- .xlsx workbooks ---------------------------------------------------------------------------


REQUIRED = ["outcome", "indicator", "saving", "source"]


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Proxies"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_cells_of_every_kind(tmp_path: Path):
    """Typed cells are kept; numbers as text are parsed; numbers in text columns become text."""
    path = _workbook(
        tmp_path / "p.xlsx",
        [
            ["Outcome", "Indicator", "Saving", "Source", "Grade", "Cashable", "Lag", "Beneficiary"],
            [101, "'=x", "1,250.5", "s", "2", True, "3", 7],
            ["b", "y", 2, "s", 4, "no", 1, "LA"],
        ],
    )
    table = load_proxies(path)
    a = table["101"]  # a number in the outcome column is the text "101"
    assert (a.indicator, a.saving, a.grade, a.cashable, a.lag, a.beneficiary) == (
        "=x", 1250.5, 2, True, 3, "7",
    )  # fmt: skip
    b = table["b"]
    assert (b.saving, b.grade, b.cashable, b.lag, b.beneficiary) == (2.0, 4, False, 1, "LA")


def test_xlsx_letter_grade_is_refused_with_its_place(tmp_path: Path):
    """A text grade that does not start with a digit is a letter grade, refused naming sheet and row."""
    path = _workbook(tmp_path / "p.xlsx", [[*REQUIRED, "grade"], ["a", "x", 1, "s", "B"]])
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path)
    assert "p.xlsx, sheet 'Proxies', row 2: grade must be a confidence grade, a whole number" in str(
        info.value
    )


def test_xlsx_text_in_a_numeric_column(tmp_path: Path):
    """Text that is no number in a numeric column is refused naming sheet, row, column and cell."""
    path = _workbook(tmp_path / "p.xlsx", [REQUIRED, ["a", "x", "lots", "s"]])
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path)
    assert "p.xlsx, sheet 'Proxies', row 2: saving must be a number: 'lots'" in str(info.value)


def test_xlsx_unknown_column_and_empty_sheet(tmp_path: Path):
    """An unknown header is named with the allowed columns; a sheet with only a header has no proxies."""
    path = _workbook(tmp_path / "p.xlsx", [[*REQUIRED, "note"], ["a", "x", 1, "s", "n"]])
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path)
    assert f"p.xlsx: unknown column 'note' (columns of a proxy file: {', '.join(PROXY_FIELDS)})" in str(
        info.value
    )
    empty = _workbook(tmp_path / "e.xlsx", [REQUIRED])
    with pytest.raises(ProxyTableError) as info:
        load_proxies(empty)
    message = "e.xlsx: no proxies; expected [[proxy]] tables with outcome, indicator, saving, source"
    assert message in str(info.value)


def test_xlsx_duplicate_outcome_names_both_rows(tmp_path: Path):
    """A repeated outcome names its row and the row it first appeared in."""
    path = _workbook(
        tmp_path / "p.xlsx",
        [["title"], REQUIRED, ["a", "x", 1, "s"], ["a", "y", 2, "s"]],
    )
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path)
    assert (
        "p.xlsx, sheet 'Proxies', row 4: outcome: duplicate outcome 'a' (first in row 3); "
        "each outcome has one proxy" in str(info.value)
    )


@pytest.mark.parametrize("kw", [{"delimiter": ";"}, {"missing": ("", "NA")}])
def test_xlsx_refuses_csv_options(tmp_path: Path, kw: dict[str, Any]):
    """delimiter and missing describe CSV text; for a workbook they are an InputValueError."""
    path = _workbook(tmp_path / "p.xlsx", [REQUIRED, ["a", "x", 1, "s"]])
    with pytest.raises(InputValueError) as info:
        load_proxies(path, **kw)
    assert "p.xlsx: delimiter and missing apply to CSV files only; an .xlsx cell is typed" in str(
        info.value
    )
    assert load_proxies(path, decimal=",", sheet="Proxies")["a"].saving == 1.0


# -- load_proxies: its options and the file type -----------------------------------------------


@pytest.mark.parametrize("kw", [{"delimiter": ";"}, {"decimal": ","}, {"missing": ("NA",)}])
def test_toml_refuses_csv_options(tmp_path: Path, kw: dict[str, Any]):
    """delimiter, decimal and missing describe CSV text; for TOML they are an InputValueError."""
    with pytest.raises(InputValueError) as info:
        _load(tmp_path, "p.toml", TOML_ROW, **kw)
    assert str(info.value).endswith(
        "p.toml: delimiter, decimal and missing apply to CSV files only; a TOML file writes "
        "numbers and absent fields unambiguously"
    )


@pytest.mark.parametrize(("name", "text"), [("p.csv", "outcome,indicator,saving,source\na,x,1,s\n")])
def test_sheet_only_for_xlsx(tmp_path: Path, name: str, text: str):
    """sheet= for a CSV or TOML file is an InputValueError showing the sheet given."""
    for file, content in ((name, text), ("p.toml", TOML_ROW)):
        with pytest.raises(InputValueError) as info:
            _load(tmp_path, file, content, sheet="Proxies")
        assert f"{file}: sheet applies to .xlsx files only: 'Proxies'" in str(info.value)


def test_decimal_must_be_point_or_comma(tmp_path: Path):
    """decimal is '.' or ','; anything else is an InputValueError showing it."""
    with pytest.raises(InputValueError) as info:
        _load(tmp_path, "p.csv", "outcome,indicator,saving,source\na,x,1,s\n", decimal=";")
    assert "decimal must be '.' or ',': ';'" in str(info.value)


def test_suffix_in_capitals(tmp_path: Path):
    """The suffix is read without regard to case: P.TOML is TOML, P.CSV is CSV."""
    assert _load(tmp_path, "P.TOML", TOML_ROW)["a"].saving == 1.0
    assert _load(tmp_path, "P.CSV", "outcome,indicator,saving,source\na,x,2,s\n")["a"].saving == 2.0


def test_file_format_given_wins_over_the_suffix(tmp_path: Path):
    """file_format='csv' reads a .toml-named file as CSV; an unknown one is an InputValueError."""
    assert (
        _load(tmp_path, "p.toml", "outcome,indicator,saving,source\na,x,2,s\n", file_format="csv")[
            "a"
        ].saving
        == 2.0
    )
    with pytest.raises(InputValueError) as info:
        _load(tmp_path, "p.toml", TOML_ROW, file_format="TOML")
    assert "file_format must be 'toml', 'csv' or 'xlsx': 'TOML'" in str(info.value)


def test_unknown_suffix_names_it(tmp_path: Path):
    """A readable file with another suffix is refused naming the suffix and the options."""
    with pytest.raises(ProxyTableError) as info:
        _load(tmp_path, "p.json", TOML_ROW)
    assert str(info.value).endswith(
        "p.json: unknown proxy file type '.json'; expected .toml, .csv or .xlsx "
        "(or give its format: --proxies-format, --from, or file_format= in Python)"
    )


# -- standard input: the format read from the content ------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    from safecore import _read

    monkeypatch.setattr(_read, "_STDIN", [])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


CSV_TEXT = "outcome,indicator,saving,source\na,x,3,s\n"


@pytest.mark.parametrize(
    ("data", "kw", "saving"),
    [
        (TOML_ROW, {}, 1.0),  # parses as TOML
        ("# proxies\n\n" + TOML_ROW, {}, 1.0),  # a comment before the first table
        (CSV_TEXT, {}, 3.0),  # an outcome cell on the first line
        ("\ufeff" + CSV_TEXT, {}, 3.0),  # after a byte-order mark
        ("outcome;indicator;saving;source\na;x;5;s\n", {"delimiter": ";"}, 5.0),
        ('" outcome ",indicator,saving,source\na,x,7,s\n', {}, 7.0),  # spaces inside the quotes
    ],
)
def test_standard_input_format_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: str, kw: dict[str, Any], saving: float
):
    """'-' is TOML if it parses as TOML, CSV if its first non-comment line has an outcome cell."""
    _stdin(monkeypatch, data.encode("utf-8"))
    assert load_proxies("-", **kw)["a"].saving == saving


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # the comment line is skipped when sniffing, so this is CSV (whose header is the comment)
        ("# a note\n" + CSV_TEXT, "-, line 2: 4 cells, expected 1 (header: # a note)"),
        # an outcome cell quoted, spaced and in capitals is still an outcome cell: CSV
        ("\"Outcome\" , 'Indicator',saving,source\na,x,4,s\n", "-: unknown column 'Outcome'"),
    ],
)
def test_standard_input_sniffed_as_csv_then_refused(
    monkeypatch: pytest.MonkeyPatch, data: str, message: str
):
    """Text sniffed as CSV is read as CSV: the error is the CSV reader's, not 'cannot tell'."""
    _stdin(monkeypatch, data.encode("utf-8"))
    with pytest.raises(ProxyTableError) as info:
        load_proxies("-")
    assert message in str(info.value)


def test_standard_input_toml_like_text_that_does_not_parse(monkeypatch: pytest.MonkeyPatch):
    """A first line opening a table makes it TOML even when it does not parse: the TOML error shows."""
    _stdin(monkeypatch, b"[[proxy]\noutcome = 1\n")
    with pytest.raises(ProxyTableError, match="-: not valid TOML"):
        load_proxies("-")


def test_standard_input_workbook_is_sniffed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A zip archive on standard input is read as an .xlsx workbook."""
    path = _workbook(tmp_path / "p.xlsx", [REQUIRED, ["a", "x", 6, "s"]])
    _stdin(monkeypatch, path.read_bytes())
    assert load_proxies("-")["a"].saving == 6.0


@pytest.mark.parametrize(
    ("data", "kw"),
    [
        (b"", {}),  # neither: empty
        (b"hello\n", {}),  # neither
        (b"\xff\xfe\x00o", {}),  # not UTF-8
        (b"outcome = 1\n", {"delimiter": "="}),  # both: TOML, and an outcome cell split on '='
        (b"a = " + b"[" * 5000 + b"]" * 5000, {}),  # too deep for the TOML parser; no [ first
        (b"Xoutcome,indicator\n", {}),  # a cell must be the word outcome, not contain it
    ],
)
def test_standard_input_that_cannot_be_told_apart(
    monkeypatch: pytest.MonkeyPatch, data: bytes, kw: dict[str, Any]
):
    """Content that looks like neither format, or like both, is refused asking for the format."""
    _stdin(monkeypatch, data)
    with pytest.raises(ProxyTableError) as info:
        load_proxies("-", **kw)
    assert str(info.value) == (
        "standard input: cannot tell whether the proxy table is TOML, CSV or .xlsx; say which "
        "(safecore report --proxies-format, safecore proxies --from, or file_format= in Python)"
    )


def test_standard_input_line_opening_a_table_marks_toml(monkeypatch: pytest.MonkeyPatch):
    """A line starting with '[' (here after a Unicode line separator in a comment) makes it TOML."""
    _stdin(monkeypatch, "# a note\u2028[x]\n".encode())
    with pytest.raises(ProxyTableError) as info:
        load_proxies("-")
    assert "-: no proxies; expected [[proxy]] tables" in str(info.value)


def test_standard_input_empty_delimiter_is_reported_as_such(monkeypatch: pytest.MonkeyPatch):
    """delimiter='' sniffs with a comma, so a CSV is read as CSV and the delimiter is refused."""
    _stdin(monkeypatch, CSV_TEXT.encode())
    with pytest.raises(InputValueError) as info:
        load_proxies("-", delimiter="")
    assert "delimiter must be one character" in str(info.value)


def test_equal_tables_hash_equal_and_different_ones_differ():
    """A table hashes by its proxies: equal tables hash equal, and these two different ones differ."""
    a = ProxyTable([FULL, BARE])
    assert hash(a) == hash(ProxyTable([FULL, BARE]))
    assert {a: 1}[ProxyTable([FULL, BARE])] == 1
    assert hash(a) != hash(ProxyTable([BARE, FULL]))  # same proxies, other order: another table


def test_xlsx_reads_the_sheet_named(tmp_path: Path):
    """sheet= picks a sheet other than the first; a sheet that is absent is named."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    second = book.create_sheet("Second")
    for row in ([*REQUIRED], ["a", "x", 9, "s"]):
        second.append(row)
    path = tmp_path / "p.xlsx"
    book.save(path)
    assert load_proxies(path, sheet="Second")["a"].saving == 9.0
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path)  # the first sheet has no header row
    assert "p.xlsx, sheet 'Notes': no header row with the columns outcome, indicator, saving" in str(
        info.value
    )
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path, sheet="Third")
    assert "p.xlsx: no sheet 'Third' (sheets: Notes, Second)" in str(info.value)


def test_xlsx_text_numbers_follow_decimal(tmp_path: Path):
    """Numbers typed as text in a workbook are read with decimal=',' when it is given."""
    path = _workbook(
        tmp_path / "p.xlsx", [[*REQUIRED, "attribution"], ["a", "x", "1.250,5", "s", "0,5"]]
    )
    p = load_proxies(path, decimal=",")["a"]
    assert (p.saving, p.attribution) == (1250.5, 0.5)


@pytest.mark.parametrize(
    ("grade", "message"),
    [
        ("2.5", "row 2: grade must be a whole number: 2.5"),  # starts with a digit: a number
        ("2x", "row 2: grade must be a number: '2x'"),
        ("x2", "row 2: grade must be a confidence grade, a whole number from 1 to 6"),  # a letter grade
    ],
)
def test_xlsx_grade_text(tmp_path: Path, grade: str, message: str):
    """A grade typed as text is a number if it starts with a digit, else a (refused) letter grade."""
    path = _workbook(tmp_path / "p.xlsx", [[*REQUIRED, "grade"], ["a", "x", 1, "s", grade]])
    with pytest.raises(ProxyTableError) as info:
        load_proxies(path)
    assert message in str(info.value)
