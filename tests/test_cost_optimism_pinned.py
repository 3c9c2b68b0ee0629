"""Tests for safecore.cost.optimism that pin exact values mutation testing found unchecked.

Every expected value is written out by hand (the corrections given, products worked in a
comment); none comes from the code under test.
"""

from __future__ import annotations

import pytest

from safecore._errors import InputTypeError, ModelError
from safecore.cost import OptimismBias

TABLE = OptimismBias({3: 0.1, 1: 0.0, 6: 0.6}, source="guidance")


# -- building a table ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [([0.1, 0.2], "list: [0.1, 0.2]"), ("1", "str: '1'"), (None, "NoneType: None"), (5, "int: 5")],
)
def test_corrections_must_be_a_mapping(value: object, shown: str):
    """A list, text, None or a number is refused as a TypeError naming its type and value."""
    with pytest.raises(InputTypeError) as info:
        OptimismBias(value)  # type: ignore[arg-type]
    assert str(info.value) == f"corrections must map a grade (1-6) to a share, not {shown}"


@pytest.mark.parametrize("grade", [0, 7, -1, 2**60])  # 2**60: no "at most 2**53" first
def test_grades_run_from_1_to_6(grade: int):
    """A grade outside 1-6 is a ModelError naming it."""
    with pytest.raises(ModelError) as info:
        OptimismBias({grade: 0.1})
    assert str(info.value) == f"a grade must be a whole number from 1 to 6: {grade}"


def test_a_grade_must_be_whole():
    """A fractional grade is a ModelError; a grade given as text a TypeError; both name "a grade"."""
    with pytest.raises(ModelError) as info:
        OptimismBias({2.5: 0.1})
    assert str(info.value) == "a grade must be a whole number: 2.5"
    with pytest.raises(InputTypeError, match=r"^a grade must be a whole number, not str: 'x'"):
        OptimismBias({"x": 0.1})


def test_every_grade_from_1_to_6_is_accepted_in_order():
    """Grades 1 to 6 (both ends) are kept, sorted; an integral float grade becomes an int."""
    table = OptimismBias({6: 0.4, 1.0: 0.0, 2: 0.05})
    assert list(table) == [1, 2, 6]
    assert table.corrections == {1: 0.0, 2: 0.05, 6: 0.4}
    assert type(next(iter(table))) is int


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_a_correction_must_be_a_share(share: float):
    """A correction outside [0, 1] is a ModelError naming corrections[grade]."""
    with pytest.raises(ModelError) as info:
        OptimismBias({4: share})
    assert str(info.value).startswith("corrections[4] must be")
    assert str(share) in str(info.value)


def test_an_empty_table_is_refused():
    """At least one grade is needed."""
    with pytest.raises(ModelError, match=r"^corrections must give at least one grade$"):
        OptimismBias({})


def test_the_source_is_text_or_none():
    """The source is stripped text or None; an empty source or a number is refused by name."""
    assert OptimismBias({1: 0.0}).source is None
    assert OptimismBias({1: 0.0}, source="  my reading ").source == "my reading"
    with pytest.raises(ModelError, match=r"^source must be"):
        OptimismBias({1: 0.0}, source="  ")
    with pytest.raises(InputTypeError, match=r"^source must be text, not int: 5"):
        OptimismBias({1: 0.0}, source=5)  # type: ignore[arg-type]


def test_from_mapping_reads_text_keys():
    """Text keys of digits (spaces allowed) become grades; int keys pass; other text is refused."""
    table = OptimismBias.from_mapping({"1": 0.0, " 2 ": 0.05, 3: 0.1}, source="file")
    assert table.corrections == {1: 0.0, 2: 0.05, 3: 0.1}
    assert table.source == "file"
    assert OptimismBias.from_mapping({"1": 0.0}).source is None
    with pytest.raises(InputTypeError, match=r"^a grade must be a whole number, not str: 'one'"):
        OptimismBias.from_mapping({"one": 0.0})


# -- using a table -------------------------------------------------------------------------------


def test_lookup_membership_and_length():
    """A grade's correction, membership and length; a missing grade names itself and the grades."""
    assert TABLE[3] == 0.1
    assert 6 in TABLE and 2 not in TABLE
    assert len(TABLE) == 3
    assert list(TABLE) == [1, 3, 6]
    with pytest.raises(ModelError) as info:
        TABLE[2]
    assert str(info.value) == "the optimism-bias table has no correction for grade 2 (grades: 1, 3, 6)"


def test_scaled_multiplies_and_caps_at_one():
    """scaled(f): every correction × f, capped at 1 (0.6 × 2 = 1.2 -> 1); the source is kept."""
    doubled = TABLE.scaled(2)
    assert doubled.corrections == {1: 0.0, 3: 0.2, 6: 1.0}
    assert doubled.source == "guidance"
    assert TABLE.scaled(0).corrections == {1: 0.0, 3: 0.0, 6: 0.0}
    assert TABLE.scaled(0.5).corrections == {1: 0.0, 3: 0.05, 6: 0.3}


@pytest.mark.parametrize(("factor", "error"), [(-1, ModelError), ("2", InputTypeError)])
def test_scaled_needs_a_factor_of_zero_or_more(factor: object, error: type[Exception]):
    """A negative factor is a ModelError, text a TypeError; both name "factor"."""
    with pytest.raises(error) as info:
        TABLE.scaled(factor)  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(info.value).startswith("factor must be")


# -- the faces of the result ---------------------------------------------------------------------


def test_printed_table_and_columns():
    """str(): the caption with the source, grades and corrections as whole percents."""
    assert [line.split() for line in str(TABLE).splitlines()] == [
        ["Optimism-bias", "correction", "by", "confidence", "grade", "(guidance)"],
        ["Grade", "Correction"],
        ["1", "0%"],
        ["3", "10%"],
        ["6", "60%"],
    ]
    table = TABLE._table()
    assert table.columns == ("grade", "correction")
    assert table.rows == ((1, 0.0), (3, 0.1), (6, 0.6))
    unsourced = OptimismBias({2: 0.05})
    assert str(unsourced).splitlines()[0] == "Optimism-bias correction by confidence grade"


def test_to_dict_keys_grades_as_text():
    """to_dict: the corrections with text keys (for JSON) and the source."""
    assert TABLE.to_dict() == {"corrections": {"1": 0.0, "3": 0.1, "6": 0.6}, "source": "guidance"}


def test_repr_and_hash():
    """repr shows each correction with :g; equal tables hash alike, different ones differently."""
    assert repr(TABLE) == "OptimismBias({1: 0, 3: 0.1, 6: 0.6})"
    same = OptimismBias({1: 0.0, 3: 0.1, 6: 0.6}, source="guidance")
    assert same == TABLE and hash(same) == hash(TABLE)
    assert hash(OptimismBias({1: 0.0, 3: 0.1, 6: 0.6})) != hash(TABLE)  # no source
    assert hash(OptimismBias({1: 0.5}, source="guidance")) != hash(TABLE)
