"""Tests for safecore.scales.instrument that pin what mutation testing found unchecked.

The packaged CBI and CEAS are read once, when safecore.scales is imported, so
tests that only score them never exercise the spec reader: the tests here
build their instruments inside the test. Every expected value is worked out
by hand in a comment; none comes from the code under test.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from safecore._errors import FileFormatError, InputTypeError, InputValueError, ResponseError
from safecore.scales.instrument import (
    ArrayMap,
    Instrument,
    InstrumentScores,
    Item,
    ResponseSet,
    Subscale,
    packaged_instrument,
)

# -- reading a spec ---------------------------------------------------------------------------------

BASE: dict[str, Any] = {
    "name": "Calm",
    "responses": {"Never": 0, "Always": 2},
    "items": [{"id": "w1", "subscale": "calm"}, {"id": "w2", "subscale": "calm"}],
    "subscales": {"calm": {"aggregate": "mean", "min_answered": 1}},
}


def _named_sets(d: dict[str, Any]) -> None:
    d["responses"] = {"freq": {"No": 0, "Yes": 1}}


def _filler_reversed(d: dict[str, Any]) -> None:
    d["items"][0] = {"id": "w1", "filler": True, "reversed": True}


def _undeclared_set_with_none_declared(d: dict[str, Any]) -> None:
    del d["responses"]
    d["items"][0]["response"] = "degree"


BAD: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "blank-label",
        lambda d: d.update(responses={" ": 1}),
        'responses." ": a response label must be non-blank',
    ),
    ("empty-named-set", lambda d: d.update(responses={"freq": {}}), "responses.freq has no labels"),
    ("responses-not-a-table", lambda d: d.update(responses=3), "responses must be a table"),
    (
        "reversed-not-bool",
        lambda d: d["items"][0].update(reversed="yes"),
        "items[1].reversed must be true or false, not str: 'yes'",
    ),
    (
        "filler-not-bool",
        lambda d: d["items"][1].update(filler="no"),
        "items[2].filler must be true or false, not str: 'no'",
    ),
    (
        "prorate-not-bool",
        lambda d: d["subscales"]["calm"].update(prorate=1),
        "subscales.calm.prorate must be true or false, not int: 1",
    ),
    (
        "filler-reversed",
        _filler_reversed,
        "items[1]: a filler item (filler = true) is not scored, so it cannot be reversed",
    ),
    (
        "subscale-not-text",
        lambda d: d["items"][1].update(subscale=3),
        "items[2].subscale must be text, not int: 3",
    ),
    ("id-not-text", lambda d: d["items"][1].update(id=5), "items[2].id must be text, not int: 5"),
    ("text-not-text", lambda d: d["items"][1].update(text=5), "items[2].text must be text, not int: 5"),
    (
        "response-empty",
        lambda d: d["items"][0].update(response=""),
        "items[1].response must be non-empty text",
    ),
    (
        "no-default-set",
        _named_sets,
        "items[1].response is missing (item 'w1') and there is no default [responses] set; "
        "name one of: freq",
    ),
    (
        "undeclared-set-none-declared",
        _undeclared_set_with_none_declared,
        "items[1].response names undeclared response set 'degree' (item 'w1'; declared: none)",
    ),
    (
        "unknown-subscale-key",
        lambda d: d["subscales"]["calm"].update(weight=2),
        "unknown key 'subscales.calm.weight'",
    ),
    (
        "aggregate-missing",
        lambda d: d["subscales"]["calm"].pop("aggregate"),
        "subscales.calm.aggregate is missing",
    ),
    (
        "min-answered-fraction",
        lambda d: d["subscales"]["calm"].update(min_answered=1.5),
        "subscales.calm.min_answered must be a whole number: 1.5",
    ),
    (
        "min-answered-text",
        lambda d: d["subscales"]["calm"].update(min_answered="2"),
        "subscales.calm.min_answered must be a whole number, not str: '2'",
    ),
    (
        "min-answered-zero",
        lambda d: d["subscales"]["calm"].update(min_answered=0),
        "subscales.calm.min_answered must be a whole number from 1 to 2 "
        "(subscale 'calm' has 2 items): 0",
    ),
    (
        "description-not-text",
        lambda d: d["subscales"]["calm"].update(description=3),
        "subscales.calm.description must be text, not int",
    ),
    (
        "min-answered-negative",
        lambda d: d["subscales"]["calm"].update(min_answered=-1),
        "subscales.calm.min_answered must be a whole number from 1 to 2 (subscale 'calm' has 2 items): "
        "-1",
    ),
    ("subscales-not-a-table", lambda d: d.update(subscales=3), "subscales must be a table"),
    (
        "undeclared-subscale-names-the-item",
        lambda d: d["items"][1].update(subscale="clam"),
        "items[2].subscale names undeclared subscale 'clam' (item 'w2'; declared: calm)",
    ),
    (
        "filler-reversed-not-bool",
        lambda d: d["items"][0].update(filler=True, reversed="no") or d["items"][0].pop("subscale"),
        "items[1].reversed must be true or false, not str: 'no'",
    ),
    ("items-missing", lambda d: d.pop("items"), "items is missing"),
    ("subscales-missing", lambda d: d.pop("subscales"), "subscales is missing"),
    ("subscales-empty", lambda d: d.update(subscales={}), "subscales is empty"),
    (
        "subscale-not-a-table",
        lambda d: d.update(subscales={"calm": 3}),
        "subscales.calm must be a table",
    ),
    ("items-empty", lambda d: d.update(items=[]), "items is empty"),
    ("name-not-text", lambda d: d.update(name=3), "name must be text, not int: 3"),
    ("short-name-not-text", lambda d: d.update(short_name=3), "short_name must be text, not int: 3"),
    ("reference-not-text", lambda d: d.update(reference=3), "reference must be text, not int: 3"),
]


@pytest.mark.parametrize(("change", "part"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_spec_names_the_spec_and_the_key_path(change: Callable[[dict[str, Any]], object], part: str):
    """Each invalid spec is a FileFormatError that starts with *where* and names key path and value."""
    spec = copy.deepcopy(BASE)
    change(spec)
    with pytest.raises(FileFormatError) as info:
        Instrument.from_dict(spec, where="calm.toml")
    message = str(info.value)
    assert message.startswith("calm.toml: "), message
    assert part in message, message


def test_key_paths_keep_non_ascii_labels_as_written():
    """A label that is not a bare key is quoted in the key path, accents kept (not \\u escapes)."""
    spec = copy.deepcopy(BASE)
    spec["responses"] = {"Très souvent": 1, "très  souvent": 2}
    with pytest.raises(FileFormatError, match=r'^calm\.toml: responses\."très  souvent": label'):
        Instrument.from_dict(spec, where="calm.toml")


def test_from_toml_refuses_a_path_that_is_not_text():
    """from_toml names the parameter and what it must be."""
    with pytest.raises(InputTypeError, match=r"^path must be a file path, not int: 3$"):
        Instrument.from_toml(3)  # type: ignore[arg-type]


def test_from_dict_names_the_type_it_was_given():
    """A non-mapping spec is refused naming its type."""
    with pytest.raises(InputTypeError, match=r"shaped like the TOML spec, not list$"):
        Instrument.from_dict([("name", "x")])  # type: ignore[arg-type]


def test_a_spec_is_read_into_the_structure_it_describes(tmp_path: Path):
    """Items keep their 1-based number, stripped text, subscale, set, reversal; subscales their rules."""
    path = tmp_path / "check.toml"
    path.write_text(
        """
name = "Team check"
reference = "  Made up (2026)  "
[responses]
"No" = 0
"Yes" = 1
[responses.freq]
"Never" = 1
"Often" = 3
"Sometimes" = 2
[[items]]
id = "q1"
subscale = "strain"
response = "freq"
text = "  How often?  "
[[items]]
id = "q2"
filler = true
[[items]]
id = "q3"
subscale = "strain"
response = "freq"
reversed = true
[[items]]
id = "q4"
subscale = "help"
[subscales.strain]
aggregate = "sum"
prorate = true
min_answered = 1
description = "  Strain  "
[subscales.help]
aggregate = "mean"
""",
        encoding="utf-8",
    )
    check = Instrument.from_toml(path)
    assert check.name == "Team check"
    assert check.short_name == "Team check"  # defaults to the name
    assert check.reference == "Made up (2026)"
    assert check.items == (
        Item("q1", 1, "strain", "freq", False, "How often?"),
        Item("q2", 2, None, "", False, ""),
        Item("q3", 3, "strain", "freq", True, ""),
        Item("q4", 4, "help", "", False, ""),
    )
    # the default set first, then the named sets, labels in spec order
    assert check.responses == (
        ResponseSet("", (("No", 0.0), ("Yes", 1.0))),
        ResponseSet("freq", (("Never", 1.0), ("Often", 3.0), ("Sometimes", 2.0))),
    )
    assert check.subscales == (
        Subscale("strain", ("q1", "q3"), "sum", 1, True, "Strain"),
        Subscale("help", ("q4",), "mean", 1, False, ""),  # min_answered defaults to the item count
    )
    assert check.fillers == (check.items[1],)


def test_packaged_cbi_read_at_test_time():
    """Reading cbi.toml again gives the published numbering, wording, sets and minimums."""
    cbi = packaged_instrument("cbi.toml")
    assert [i.number for i in cbi.items] == list(range(1, 20))
    assert cbi.items[12] == Item(
        "cbi13",
        13,
        "work",
        "frequency",
        True,
        "Do you have enough energy for family and friends during leisure time?",
    )
    assert [(s.name, s.aggregate, s.min_answered, s.prorate) for s in cbi.subscales] == [
        ("personal", "mean", 3, False),
        ("work", "mean", 4, False),
        ("client", "mean", 3, False),
    ]
    assert cbi.subscale("client").description == "Client-related burnout (items 14-19)"
    assert cbi.response_set("degree").labels[0] == ("To a very high degree", 100.0)


# -- the response set ---------------------------------------------------------------------------------


def test_describe_points_runs_of_three_or_more_whole_numbers():
    """A run of 3+ consecutive whole numbers is 'a whole number from'; two points are listed."""
    assert ResponseSet("", (("a", 1.0), ("b", 2.0), ("c", 3.0))).describe_points() == (
        "a whole number from 1 to 3"
    )
    assert ResponseSet("", (("a", 0.0), ("b", 1.0))).describe_points() == "one of 0, 1"
    assert ResponseSet("", (("a", 0.0), ("b", 1.0), ("c", 3.0))).describe_points() == "one of 0, 1, 3"
    assert ResponseSet("", (("a", 0.5), ("b", 1.5), ("c", 2.5))).describe_points() == (
        "one of 0.5, 1.5, 2.5"
    )


# -- answers -> points: messages name the item, the value and the way out --------------------------

MIX = {
    "name": "Mix",
    "short_name": "MX",
    "responses": {"No": 0, "Yes": 1, "Maybe": 0.5},
    "items": [{"id": "a", "subscale": "s"}, {"id": "b", "subscale": "s"}],
    "subscales": {"s": {"aggregate": "mean"}},
}
NUMERIC = {
    "name": "Num",
    "items": [{"id": "a", "subscale": "s"}],
    "subscales": {"s": {"aggregate": "sum"}},
}


def test_label_errors_on_the_default_set():
    """An unknown label on a default-set item lists its options; 'Nan' gets the missing= hint."""
    mix = Instrument.from_dict(MIX)
    with pytest.raises(
        ResponseError,
        match=r"^MX respondent row 1, item b: 'Nan' is unknown label \(an item takes 'no', 'yes', "
        r"'maybe'\); if it marks a missing answer, declare it: missing=\('Nan',\)$",
    ):
        mix.score([["No", "Nan"]])
    with pytest.raises(
        ResponseError, match=r"'Perhaps' is unknown label \(an item takes 'no', 'yes', 'maybe'\)$"
    ):
        mix.score([["No", "Perhaps"]])
    # a number where a label is expected: the hint gives the set's points and codes (0-1, 3 codes)
    with pytest.raises(
        InputTypeError,
        match=r"item b: 2 .*not an option label; pass coding='points' \(0-1\) or coding='codes' \(1-3\)",
    ):
        mix.score([["No", 2]])


def test_items_without_a_response_set_take_numbers_only():
    """Without response sets a label, a number as a label, codes and infinity are refused by name."""
    num = Instrument.from_dict(NUMERIC)
    with pytest.raises(
        ResponseError,
        match=r"item a: 'Yes' is a label, but this item takes numbers: pass coding='points'$",
    ):
        num.score([["Yes"]])
    with pytest.raises(
        InputTypeError,
        match=r"item a: 3 .*not an option label; pass coding='points' for numeric answers$",
    ):
        num.score([[3]])
    with pytest.raises(ResponseError, match=r"item a: inf is not a finite number$"):
        num.score([[math.inf]], coding="points")
    with pytest.raises(InputValueError, match=r"^Num item a has no response set, so it has no codes"):
        num.score([[1]], coding="codes", direction="ascending")
    # any finite number is its own points: 2.5 + nothing else
    assert num.score([[2.5]], coding="points").s.tolist() == [2.5]


def test_unknown_subscale_lists_the_subscales():
    """Instrument.subscale names the instrument, the unknown name and the subscales there are."""
    mix = Instrument.from_dict(MIX)
    with pytest.raises(InputValueError, match=r"^MX has no subscale 'total' \(subscales: s\)$"):
        mix.subscale("total")


def test_reversed_item_on_a_scale_not_starting_at_zero():
    """Reversal is highest + lowest - points: on 1-5, 2 -> 4 and 5 -> 1."""
    scale = Instrument.from_dict(
        {
            "name": "R",
            "responses": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5},
            "items": [{"id": "a", "subscale": "s"}, {"id": "b", "subscale": "s", "reversed": True}],
            "subscales": {"s": {"aggregate": "sum"}},
        }
    )
    s = scale.score([[2, 2], [5, 5]], coding="points")
    assert s.s.tolist() == [2 + 4, 5 + 1]


# -- the scores -------------------------------------------------------------------------------------


def test_summary_names_the_form_and_one_respondent_in_the_singular():
    """The caption reads 'X (self) scores, 1 respondent; ...'."""
    s = InstrumentScores("X", {"a": [1.0]}, {"a": [1]}, {"a": [False]}, {"a": 1}, form="self")
    assert s.summary() == "X (self) scores, 1 respondent; no score (too few answers): a 0"
    two = InstrumentScores("X", {"a": [1.0, math.nan]}, {"a": [1, 0]}, {"a": [False] * 2}, {"a": 1})
    assert two.summary() == "X scores, 2 respondents; no score (too few answers): a 1"


def test_array_map_equality_edge_cases():
    """Not equal to a non-mapping, to other shapes or other values; text never compared as NaN."""
    m = ArrayMap({"a": [1.0, 2.0]})
    assert m != ["a"]  # a list of the same keys is not a mapping
    assert m != 3
    assert m != {"a": [1.0]}  # another shape
    assert m != {"a": [1.0, 3.0]}
    assert m != {"b": [1.0, 2.0]}
    assert ArrayMap({"a": ["x"]}) != {"a": [math.nan]}  # text against float: no NaN comparison
    assert ArrayMap({"a": [math.nan]}) != {"a": ["x"]}
    assert ArrayMap({"a": [math.nan]}) == {"a": np.array([math.nan])}


def test_reference_defaults_to_empty_and_unknown_response_set_is_named():
    """Without a reference the instrument's is ""; response_set names the instrument and the set."""
    calm = Instrument.from_dict(BASE)
    assert calm.reference == ""
    with pytest.raises(InputValueError, match=r"^Calm has no response set 'freq'$"):
        calm.response_set("freq")


def test_a_mean_is_never_marked_prorated():
    """A mean over fewer than all items is not 'prorated': the flags are boolean False."""
    mix = Instrument.from_dict({**MIX, "subscales": {"s": {"aggregate": "mean", "min_answered": 1}}})
    s = mix.score([["Yes", None]])
    assert s.s.tolist() == [1.0]  # one answer of two: mean 1
    assert s.prorated["s"].tolist() == [False]
    assert s.prorated["s"].dtype == np.bool_


def test_a_number_where_a_label_is_expected_names_its_type_with_the_right_article():
    """'50 is an int, not an option label' (it read 'a int')."""
    from safecore.scales import score_cbi

    responses = [["Never"] * 18 + [50]]
    with pytest.raises(TypeError, match=r"50 is an int, not an option label"):
        score_cbi(responses)
