"""Tests for safecore.cost.cohorts that pin exact values mutation testing found unchecked.

Every expected value is written out by hand (the counts given, the messages as they should
read); none comes from the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safecore import CostOutcome
from safecore._errors import CohortError, InputTypeError
from safecore.cost import Cohort, load_cohorts


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- a cohort built in Python ------------------------------------------------------------------


def test_fields_and_plain_form():
    """Outcome keys are canonical; to_dict gives them as text, potential included or None."""
    c = Cohort(" Pilot ", 12, {"Housing": 3, "own": 2}, {"housing": 6, "own": 2})
    assert c.name == "Pilot"
    assert c.families == 12
    assert c.improved == {CostOutcome.HOUSING: 3, "own": 2}
    assert c.to_dict() == {
        "name": "Pilot",
        "families": 12,
        "improved": {"housing": 3, "own": 2},
        "potential": {"housing": 6, "own": 2},
    }
    bare = Cohort("B", 1, {"housing": 1})
    assert bare.to_dict() == {"name": "B", "families": 1, "improved": {"housing": 1}, "potential": None}
    assert bare.potential is None


def test_repr_sums_the_improvements():
    """repr: name, families and the improvements summed over outcomes (3 + 2 = 5)."""
    assert (
        repr(Cohort("Pilot", 12, {"housing": 3, "own": 2})) == "Cohort('Pilot', families=12, improved=5)"
    )


def test_the_bounds_are_inclusive():
    """improved == potential == families is accepted; families may be 1; counts may be 0."""
    c = Cohort("P", 1, {"housing": 1}, {"housing": 1})
    assert (c.families, c.improved, c.potential) == (1, {"housing": 1}, {"housing": 1})
    assert Cohort("P", 5, {"housing": 0}).improved == {"housing": 0}


@pytest.mark.parametrize(
    ("families", "improved", "potential", "error", "message"),
    [
        (0, {}, None, CohortError, "families must be a whole number >= 1: 0"),
        (5, {"housing": -1}, None, CohortError, "improved['housing'] must be a whole number >= 0: -1"),
        (
            5,
            {"housing": 1},
            {"housing": -1},
            CohortError,
            "potential['housing'] must be a whole number >= 0: -1",
        ),
        (5, {"housing": 6}, None, CohortError, "improved 6 > families 5 for outcome 'housing'"),
        (
            5,
            {"housing": 4},
            {"housing": 3},
            CohortError,
            "improved 4 > potential 3 for outcome 'housing'",
        ),
        (
            5,
            {"housing": 4},
            {"housing": 6},
            CohortError,
            "potential 6 > families 5 for outcome 'housing'",
        ),
        (
            5,
            {"housing": 1, "own": 1},
            {"housing": 2},
            CohortError,
            "outcome 'own' has improved but no potential count",
        ),
        (
            5,
            {"housing": 1},
            {"housing": 2, "own": 0},
            CohortError,
            "outcome 'own' has potential but no improved count",
        ),
        (
            5,
            {"housing": 1, " Housing": 2},
            None,
            CohortError,
            "improved: outcome 'housing' is given twice",
        ),
        (5, {"own": 1}, {"own": 1, "own ": 1}, CohortError, "potential: outcome 'own' is given twice"),
        (5, {" ": 1}, None, CohortError, "improved: an outcome key must be a non-empty string: ' '"),
        (5, {7: 1}, None, InputTypeError, "improved: an outcome key must be a string, not int: 7"),
        (
            5,
            {"housing": "1"},
            None,
            InputTypeError,
            "improved['housing'] must be a whole number, not str: '1'",
        ),
        (5, [1], None, InputTypeError, "improved must be a mapping of outcome to count, not list: [1]"),
        (
            5,
            {"housing": 1},
            3,
            InputTypeError,
            "potential must be a mapping of outcome to count, not int: 3",
        ),
        (5, None, None, InputTypeError, "improved must be a mapping of outcome to count, not None"),
        ("5", {}, None, InputTypeError, "families must be a whole number, not str: '5'"),
    ],
)
def test_python_messages(families, improved, potential, error, message):
    """Each refusal of a Python cohort: its type and whole message (cohort, field, outcome, value)."""
    with pytest.raises(error) as info:
        Cohort("P", families, improved, potential)
    assert type(info.value) is error
    assert str(info.value) == f"cohort 'P': {message}"


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("", CohortError, "cohort name must be non-empty text: ''"),
        (5, InputTypeError, "cohort name must be text, not int: 5"),
    ],
)
def test_python_name(name: object, error: type[Exception], message: str):
    """A cohort's name must be non-empty text."""
    with pytest.raises(error) as info:
        Cohort(name, 5, {})  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(info.value) == message


# -- a cohort file ------------------------------------------------------------------------------


def test_a_file_with_names_potentials_and_defaults(tmp_path: Path):
    """Cohorts in file order; the key is the default name; potential read when given."""
    path = _toml(
        tmp_path,
        "[cohorts.b]\nfamilies = 4\nimproved = { housing = 2, own = 1 }\n"
        "potential = { housing = 4, own = 1 }\n"
        '[cohorts.a]\nname = " Engaged "\nfamilies = 3\nimproved = {}\n',
    )
    b, a = load_cohorts(path)
    assert b.to_dict() == {
        "name": "b",
        "families": 4,
        "improved": {"housing": 2, "own": 1},
        "potential": {"housing": 4, "own": 1},
    }
    assert a.to_dict() == {"name": "Engaged", "families": 3, "improved": {}, "potential": None}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("families = 0\nimproved = {}", ": cohorts.a.families must be a whole number >= 1: 0"),
        ('families = "4"\nimproved = {}', ": cohorts.a.families must be a whole number, not str: '4'"),
        (
            "families = 4\nimproved = { housing = -1 }",
            ": cohorts.a.improved.housing must be a whole number >= 0: -1",
        ),
        (
            'families = 4\nimproved = { housing = "1" }',
            ": cohorts.a.improved.housing must be a whole number, not str: '1'",
        ),
        (
            "families = 4\nimproved = { housing = 1 }\npotential = { housing = -2 }",
            ": cohorts.a.potential.housing must be a whole number >= 0: -2",
        ),
        (
            "families = 4\nimproved = { housing = 3 }\npotential = { housing = 2 }",
            ", cohorts.a: improved 3 > potential 2 for outcome 'housing'",
        ),
        (
            "families = 4\nimproved = { housing = 3 }\npotential = { housing = 5 }",
            ", cohorts.a: potential 5 > families 4 for outcome 'housing'",
        ),
        (
            "families = 4\nimproved = { housing = 1, own = 1 }\npotential = { housing = 1 }",
            ", cohorts.a: outcome 'own' has improved but no potential count",
        ),
        (
            "families = 4\nimproved = { housing = 1 }\npotential = { housing = 1, own = 1 }",
            ", cohorts.a: outcome 'own' has potential but no improved count",
        ),
        (
            'families = 4\nimproved = { " " = 1 }',
            ": cohorts.a.improved: an outcome key must be a non-empty string: ' '",
        ),
        (
            'families = 4\nimproved = { own = 1, "own " = 1 }',
            ": cohorts.a.improved: outcome 'own' is given twice",
        ),
        ('name = ""\nfamilies = 4\nimproved = {}', ": cohorts.a.name must be non-empty text: ''"),
        ("name = 5\nfamilies = 4\nimproved = {}", ": cohorts.a.name must be text, not int: 5"),
        ("improved = {}", ": cohorts.a.families is missing (required: families, improved)"),
        ("families = 4", ": cohorts.a.improved is missing (required: families, improved)"),
        (
            "families = 4\nimproved = {}\nsize = 1",
            ": unknown key 'cohorts.a.size' (allowed: name, families, improved, potential)",
        ),
        ("families = 4\nimproved = 1", ": cohorts.a.improved must be a table, found an integer: 1"),
        (
            "families = 4\nimproved = {}\npotential = 1",
            ": cohorts.a.potential must be a table, found an integer: 1",
        ),
    ],
)
def test_file_messages(tmp_path: Path, body: str, message: str):
    """Each refusal in a file is a CohortError (type errors too) naming the file and key path."""
    path = _toml(tmp_path, f"[cohorts.a]\n{body}\n")
    with pytest.raises(CohortError) as info:
        load_cohorts(path)
    assert type(info.value) is CohortError
    assert str(info.value) == f"{path}{message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            "no cohorts; expected [cohorts.<key>] tables with families, improved "
            "(and optionally name, potential)",
        ),
        ("cohorts = 1", "cohorts must be a table, found an integer: 1"),
        ("[cohorts]\na = 1", "cohorts.a must be a table, found an integer: 1"),
        ("other = 1", "unknown key 'other' (allowed: cohorts)"),
    ],
)
def test_file_level_messages(tmp_path: Path, text: str, message: str):
    """An empty file, a cohorts key that is no table, a cohort that is no table, an unknown key."""
    path = _toml(tmp_path, text + "\n")
    with pytest.raises(CohortError) as info:
        load_cohorts(path)
    assert str(info.value) == f"{path}: {message}"


def test_path_must_be_a_path():
    """A path that is not text or os.PathLike is a TypeError naming "path"."""
    with pytest.raises(InputTypeError, match=r"^path must be a file path, not int: 5$"):
        load_cohorts(5)  # type: ignore[arg-type]
