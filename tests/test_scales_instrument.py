"""Tests for safecore.scales.instrument: scales as data, scored by one engine."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore import SafecoreError
from safecore._errors import FileFormatError, InputTypeError, InputValueError, ResponseError
from safecore.scales import (
    CBI,
    CBI_ITEMS,
    CBI_SCALES,
    CEAS,
    CEAS_FILLERS,
    CEAS_SUBSCALES,
    CBIScores,
    CEASScores,
    Instrument,
    InstrumentScores,
    score_cbi,
    score_ceas,
)
from tests.strategies import CBI_IDS, CEAS_IDS, answer_grids, cbi_points, ceas_ratings

# -- a third instrument, defined only here, in TOML -------------------------------------------------

WELLBEING_LABELS = ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]


def wellbeing_toml(*, reversed_item: int | None = None) -> str:
    """A 14-item 1-5 wellbeing scale (a WEMWBS-like layout) scored as one sum."""
    lines = [
        'name = "Wellbeing scale (test)"',
        'short_name = "WB"',
        "[responses]",
        '"None of the time" = 1',
        '"Rarely" = 2',
        '"Some of the time" = 3',
        '"Often" = 4',
        '"All of the time" = 5',
        "[subscales.wellbeing]",
        'aggregate = "sum"',
        "min_answered = 14",
    ]
    for k in range(1, 15):
        lines += ["[[items]]", f'id = "w{k:02d}"', 'subscale = "wellbeing"']
        if k == reversed_item:
            lines.append("reversed = true")
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "scale.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# Four respondents' answers, item 1 first.
ALL_OFTEN = ["Often"] * 14  # 14 x 4 = 56
LOW_THEN_HIGH = ["None of the time"] * 7 + ["All of the time"] * 7  # 7 x 1 + 7 x 5 = 42
ALTERNATING = ["Rarely", "Some of the time"] * 7  # 7 x 2 + 7 x 3 = 35
ONE_MISSING: list[object] = ["Often"] * 14
ONE_MISSING[4] = None  # item 5 unanswered: the sum needs all 14 items


def test_third_instrument_from_labels(tmp_path: Path):
    """A scale added as one TOML file scores sums computed by hand; a missing item gives NaN."""
    wb = Instrument.from_toml(write(tmp_path, wellbeing_toml()))
    s = wb.score([ALL_OFTEN, LOW_THEN_HIGH, ALTERNATING, ONE_MISSING])
    np.testing.assert_array_equal(s.scores["wellbeing"], [56.0, 42.0, 35.0, np.nan])
    assert s.wellbeing[2] == 35.0  # attribute access by subscale name
    assert s.missing == {"wellbeing": 1}
    assert s.answered["wellbeing"].tolist() == [14, 14, 14, 13]
    assert s.instrument == "WB" and s.n == 4


def test_third_instrument_from_a_shuffled_frame(tmp_path: Path):
    """A DataFrame is matched by column name: shuffled columns and extra columns give the same sums."""
    pd = pytest.importorskip("pandas")
    wb = Instrument.from_toml(write(tmp_path, wellbeing_toml()))
    ids = [f"w{k:02d}" for k in range(1, 15)]
    df = pd.DataFrame([ALL_OFTEN, LOW_THEN_HIGH, ALTERNATING, ONE_MISSING], columns=ids)
    df["respondent"] = ["A", "B", "C", "D"]
    rng = np.random.default_rng(5)
    shuffled = df[[df.columns[k] for k in rng.permutation(len(df.columns))]]
    assert list(shuffled.columns) != [*ids, "respondent"]
    s = wb.score(shuffled)
    np.testing.assert_array_equal(s.wellbeing, [56.0, 42.0, 35.0, np.nan])
    frame = s.to_frame()
    assert list(frame.columns) == ["wellbeing"] and frame["wellbeing"].iloc[0] == 56.0


def test_third_instrument_with_a_reversed_item(tmp_path: Path):
    """A reversed item scores 5 + 1 - points: item 14 'Often' (4) counts 2, 'All of the time' 1."""
    wb = Instrument.from_toml(write(tmp_path, wellbeing_toml(reversed_item=14)))
    s = wb.score([ALL_OFTEN, LOW_THEN_HIGH, ALTERNATING])
    # 13 x 4 + 2 = 54; 7 x 1 + 6 x 5 + 1 = 38; item 14 is 'Some of the time' (3 -> 3): 35
    np.testing.assert_array_equal(s.wellbeing, [54.0, 38.0, 35.0])


def test_third_instrument_points_and_codes(tmp_path: Path):
    """Points are the label values; codes 1-5 map to points in either direction."""
    wb = Instrument.from_toml(write(tmp_path, wellbeing_toml()))
    assert wb.score([[4] * 14], coding="points").wellbeing[0] == 56.0
    assert wb.score([[1] * 14], coding="codes", direction="descending").wellbeing[0] == 70.0
    with pytest.raises(
        ResponseError, match=r"WB respondent row 1, item w01: 6 is not a whole number from 1 to 5"
    ):
        wb.score([[6] * 14], coding="points")
    with pytest.raises(InputValueError, match="min_answered for wellbeing must be 14"):
        wb.score([[4] * 14], coding="points", min_answered=10)


MINIMUM_SPEC = """\
name = "Example scale"
[responses]          # response label -> points
"Never" = 0
"Sometimes" = 50
"Always" = 100
[[items]]
id = "w1"
subscale = "calm"
reversed = false     # reversed: points -> (max + min - points)
[subscales.calm]
aggregate = "mean"   # or "sum"
min_answered = 2
"""


def test_minimum_schema_exactly_as_documented(tmp_path: Path):
    """The minimum schema of the issue loads as written; its one-item subscale refuses min_answered 2."""
    with pytest.raises(
        FileFormatError, match=r"subscales\.calm\.min_answered must be a whole number from 1 to 1"
    ):
        Instrument.from_toml(write(tmp_path, MINIMUM_SPEC))
    two_items = MINIMUM_SPEC.replace(
        "[subscales.calm]", '[[items]]\nid = "w2"\nsubscale = "calm"\nreversed = true\n[subscales.calm]'
    )
    calm = Instrument.from_toml(write(tmp_path, two_items))
    assert calm.name == "Example scale" and calm.short_name == "Example scale"
    s = calm.score([["Always", "Always"], ["Sometimes", "Never"], ["Never", None]])
    # (100 + (100 + 0 - 100)) / 2 = 50; (50 + 100) / 2 = 75; one answer of two: NaN
    np.testing.assert_array_equal(s.calm, [50.0, 75.0, np.nan])


def test_named_response_sets_and_fillers():
    """Items take their own response set; a filler is checked but not scored."""
    mixed = Instrument.from_dict(
        {
            "name": "Mixed",
            "responses": {"freq": {"Never": 0, "Always": 4}, "agree": {"Disagree": 0, "Agree": 2}},
            "items": [
                {"id": "a", "subscale": "x", "response": "freq"},
                {"id": "b", "subscale": "x", "response": "agree", "reversed": True},
                {"id": "f", "filler": True, "response": "agree"},
            ],
            "subscales": {"x": {"aggregate": "sum"}},
        }
    )
    s = mixed.score([["Always", "Disagree", "Agree"], ["Never", "Agree", None]])
    assert s.x.tolist() == [6.0, 0.0]  # 4 + (2 - 0); 0 + (2 - 2)
    assert [i.id for i in mixed.fillers] == ["f"]
    with pytest.raises(ResponseError, match=r"item b: 'Always' is a freq label on an? agree item"):
        mixed.score([["Always", "Always", "Agree"]])
    with pytest.raises(
        ResponseError, match=r"item f: 'Sometimes' is unknown label \(an? agree item takes"
    ):
        mixed.score([["Always", "Agree", "Sometimes"]])


def test_prorated_sum():
    """With prorate, at least min_answered answers give mean x item count; never zeros for missing."""
    trio = Instrument.from_dict(
        {
            "name": "Trio",
            "responses": {"1": 1, "2": 2, "3": 3},
            "items": [{"id": f"q{k}", "subscale": "t"} for k in (1, 2, 3)],
            "subscales": {"t": {"aggregate": "sum", "prorate": True, "min_answered": 2}},
        }
    )
    s = trio.score([[3, 3, None], [1, 2, 3], [None, None, 3]], coding="points")
    np.testing.assert_array_equal(s.t, [9.0, 6.0, np.nan])  # (3 + 3) / 2 * 3 = 9
    assert s.prorated["t"].tolist() == [True, False, False]


def test_instruments_without_response_sets_take_any_number():
    """With no [responses], items take any finite number (points only)."""
    vas = Instrument.from_dict(
        {
            "name": "VAS",
            "items": [{"id": "v", "subscale": "pain"}],
            "subscales": {"pain": {"aggregate": "mean"}},
        }
    )
    assert vas.score([[37.5]], coding="points").pain.tolist() == [37.5]
    with pytest.raises(ResponseError, match="inf is not a finite number"):
        vas.score([[np.inf]], coding="points")
    with pytest.raises(ResponseError, match="takes numbers: pass coding='points'"):
        vas.score([["high"]])


def test_scores_result_protocol_and_attribute_access():
    """Scores: subscales as attributes, unknown names refused, ==, to_dict, a row per respondent."""
    s = score_cbi(np.full((2, 19), 50.0), coding="points")
    assert isinstance(s, InstrumentScores) and CBIScores is InstrumentScores is CEASScores
    assert s.personal is s.scores["personal"] and s.subscales == ("personal", "work", "client")
    with pytest.raises(
        AttributeError, match=r"no attribute 'total' \(subscales: personal, work, client\)"
    ):
        _ = s.total
    assert not hasattr(s, "_private")
    with pytest.raises(ValueError, match="read-only"):
        s.personal[0] = 1.0
    assert s == score_cbi(np.full((2, 19), 50.0), coding="points")
    assert s != score_cbi(np.full((2, 19), 25.0), coding="points")
    data = s.to_dict()
    assert data["instrument"] == "CBI" and data["missing"] == {"personal": 0, "work": 0, "client": 0}
    assert data["min_answered"] == {"personal": 3, "work": 4, "client": 3}
    assert s._table().columns == ("personal", "work", "client") and len(s._table().rows) == 2
    assert "2 respondents" in s.summary()


def test_packaged_specs_give_the_published_structure():
    """CBI and CEAS constants are derived from the packaged specs."""
    assert CBI.short_name == "CBI" and len(CBI.items) == 19
    assert [i.number for i in CBI_ITEMS if i.reversed] == [13]
    assert CBI_SCALES["work"] == tuple(f"cbi{k:02d}" for k in range(7, 14))
    assert [s.min_answered for s in CBI.subscales] == [3, 4, 3]
    assert CEAS_SUBSCALES == {"engagement": (1, 2, 4, 5, 6, 8), "action": (9, 10, 12, 13)}
    assert CEAS_FILLERS == (3, 7, 11)
    assert "Kristensen" in CBI.reference and "Gilbert" in CEAS.reference
    assert (
        repr(CBI)
        == "Instrument('Copenhagen Burnout Inventory', 19 items, subscales personal, work, client)"
    )


# -- independent reference scorers (the published rules, written plainly) --------------------------

CBI_RULES = {"personal": (range(1, 7), 3), "work": (range(7, 14), 4), "client": (range(14, 20), 3)}
CBI_DEGREE = {7, 8, 9, 14, 15, 16, 17}
FREQ_LABEL = {100: "Always", 75: "Often", 50: "Sometimes", 25: "Seldom", 0: "Never / almost never"}
DEGREE_LABEL = {
    100: "To a very high degree",
    75: "To a high degree",
    50: "Somewhat",
    25: "To a low degree",
    0: "To a very low degree",
}


def reference_cbi(row: list[float]) -> dict[str, float]:
    """CBI: items 0/25/50/75/100, item 13 reversed (100 - x), scale mean of answered items if enough."""
    out = {}
    for scale, (numbers, minimum) in CBI_RULES.items():
        answered = [
            100 - row[k - 1] if k == 13 else row[k - 1] for k in numbers if not math.isnan(row[k - 1])
        ]
        out[scale] = sum(answered) / len(answered) if len(answered) >= minimum else math.nan
    return out


def reference_ceas(row: list[float], minimum: dict[str, int]) -> dict[str, float]:
    """CEAS: sums of items 1,2,4,5,6,8 and 9,10,12,13; with fewer answered, mean x count if enough."""
    out = {}
    for scale, numbers in {"engagement": (1, 2, 4, 5, 6, 8), "action": (9, 10, 12, 13)}.items():
        answered = [row[k - 1] for k in numbers if not math.isnan(row[k - 1])]
        if len(answered) == len(numbers):
            out[scale] = sum(answered)
        elif len(answered) >= minimum[scale]:
            out[scale] = sum(answered) / len(answered) * len(numbers)
        else:
            out[scale] = math.nan
    return out


def as_cbi_cells(points: np.ndarray, coding: str) -> list[list[object]]:
    """The same answers written as labels (each item's format) or ascending codes."""
    rows: list[list[object]] = []
    for row in points:
        cells: list[object] = []
        for k, x in enumerate(row, start=1):
            if math.isnan(x):
                cells.append(None)
            elif coding == "labels":
                cells.append((DEGREE_LABEL if k in CBI_DEGREE else FREQ_LABEL)[int(x)])
            else:
                cells.append(int(x) // 25 + 1)
        rows.append(cells)
    return rows


@given(answer_grids(19, cbi_points), st.sampled_from(["points", "labels", "codes"]))
def test_cbi_engine_matches_the_reference(case: tuple[np.ndarray, list[int]], coding: str):
    """CBI through the engine equals the reference scorer exactly, each coding, missing answers too."""
    points, _ = case
    if coding == "points":
        s = score_cbi(points, coding="points")
    elif coding == "labels":
        s = score_cbi(as_cbi_cells(points, "labels"))
    else:
        s = score_cbi(as_cbi_cells(points, "codes"), coding="codes", direction="ascending")
    for i, row in enumerate(points.tolist()):
        expected = reference_cbi(row)
        for scale, value in expected.items():
            got = float(s.scores[scale][i])
            assert (math.isnan(value) and math.isnan(got)) or got == value, (scale, row)
    for scale in CBI_RULES:
        assert s.missing[scale] == sum(math.isnan(reference_cbi(r)[scale]) for r in points.tolist())


@given(
    answer_grids(13, ceas_ratings),
    st.sampled_from([None, {"engagement": 4}, {"action": 2}, 3, {"engagement": 1, "action": 1}]),
)
def test_ceas_engine_matches_the_reference(case: tuple[np.ndarray, list[int]], min_answered: Any):
    """CEAS through the engine equals the reference sums (prorated when asked), missing included."""
    ratings, _ = case
    s = score_ceas(ratings, min_answered=min_answered)
    minimum = {"engagement": 6, "action": 4}
    if isinstance(min_answered, int):
        minimum = dict.fromkeys(minimum, min_answered)
    elif min_answered is not None:
        minimum |= min_answered
    for i, row in enumerate(ratings.tolist()):
        for scale, value in reference_ceas(row, minimum).items():
            got = float(s.scores[scale][i])
            assert (math.isnan(value) and math.isnan(got)) or got == value, (scale, row)


@given(answer_grids(19, cbi_points), answer_grids(13, ceas_ratings))
def test_scores_invariant_to_frame_column_order(
    cbi: tuple[np.ndarray, list[int]], ceas: tuple[np.ndarray, list[int]]
):
    """Permuting a DataFrame's columns never changes CBI or CEAS scores."""
    pd = pytest.importorskip("pandas")
    for (grid, order), ids, score in ((cbi, CBI_IDS, score_cbi), (ceas, CEAS_IDS, score_ceas)):
        df = pd.DataFrame(grid, columns=list(ids))
        kwargs = {"coding": "points"} if score is score_cbi else {}
        a, b = score(df, **kwargs), score(df.iloc[:, order], **kwargs)
        assert a == b
        for scale, values in a.scores.items():
            np.testing.assert_array_equal(values, b.scores[scale])


# -- bad specs: each names the file and the key path -----------------------------------------------

GOOD = {
    "name": '"Calm"',
    "responses": '[responses]\n"Never" = 0\n"Always" = 2\n',
    "items": '[[items]]\nid = "w1"\nsubscale = "calm"\n[[items]]\nid = "w2"\nsubscale = "calm"\n',
    "subscales": '[subscales.calm]\naggregate = "mean"\nmin_answered = 1\n',
}


def spec(**parts: str) -> str:
    p = GOOD | parts
    return f"name = {p['name']}\n{p['responses']}{p['items']}{p['subscales']}"


BAD_SPECS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "unknown-aggregate",
        spec(subscales='[subscales.calm]\naggregate = "median"\n'),
        ("subscales.calm.aggregate", '"mean" or "sum"', "'median'"),
    ),
    (
        "undeclared-subscale",
        spec(items='[[items]]\nid = "w1"\nsubscale = "calm"\n[[items]]\nid = "w2"\nsubscale = "clam"\n'),
        ("items[2].subscale", "undeclared subscale 'clam'", "declared: calm"),
    ),
    (
        "duplicate-item-id",
        spec(items='[[items]]\nid = "w1"\nsubscale = "calm"\n[[items]]\nid = "w1"\nsubscale = "calm"\n'),
        ("items[2].id", "'w1'", "repeats items[1].id"),
    ),
    (
        "reversed-without-response-set",
        spec(responses="", items='[[items]]\nid = "w1"\nsubscale = "calm"\nreversed = true\n'),
        ("items[1].reversed", "'w1'", "no numeric response set"),
    ),
    (
        "min-answered-above-size",
        spec(subscales='[subscales.calm]\naggregate = "mean"\nmin_answered = 5\n'),
        ("subscales.calm.min_answered", "from 1 to 2", "5"),
    ),
    (
        "points-text",
        spec(responses='[responses]\n"Never" = "zero"\n"Always" = 2\n'),
        ("responses.Never", "finite number", "'zero'"),
    ),
    (
        "points-bool-in-named-set",
        spec(
            responses='[responses.freq]\n"Never / seldom" = true\n',
            items='[[items]]\nid = "w1"\nsubscale = "calm"\nresponse = "freq"\n',
        ),
        ('responses.freq."Never / seldom"', "bool", "True"),
    ),
    ("points-nan", spec(responses='[responses]\n"Never" = nan\n'), ("responses.Never", "finite", "nan")),
    (
        "sum-over-fewer-items-without-prorate",
        spec(subscales='[subscales.calm]\naggregate = "sum"\nmin_answered = 1\n'),
        ("subscales.calm.min_answered", "prorate = true", "zero"),
    ),
    (
        "prorate-on-a-mean",
        spec(subscales='[subscales.calm]\naggregate = "mean"\nprorate = true\n'),
        ("subscales.calm.prorate", '"sum"'),
    ),
    (
        "undeclared-response-set",
        spec(items='[[items]]\nid = "w1"\nsubscale = "calm"\nresponse = "degree"\n'),
        ("items[1].response", "'degree'"),
    ),
    (
        "item-without-subscale",
        spec(items='[[items]]\nid = "w1"\n'),
        ("items[1].subscale is missing", "filler = true"),
    ),
    ("item-without-id", spec(items='[[items]]\nsubscale = "calm"\n'), ("items[1].id is missing",)),
    (
        "unknown-item-key",
        spec(items='[[items]]\nid = "w1"\nsubscale = "calm"\nreverse = true\n'),
        ("unknown key 'items[1].reverse'", "reversed"),
    ),
    ("unknown-top-key", 'version = "2"\n' + spec(), ("unknown key 'version'",)),
    ("missing-name", spec().replace('name = "Calm"\n', ""), ("name is missing",)),
    (
        "subscale-without-items",
        spec(subscales='[subscales.calm]\naggregate = "mean"\n[subscales.rest]\naggregate = "mean"\n'),
        ("subscales.rest has no items",),
    ),
    (
        "subscale-not-an-identifier",
        spec(subscales='[subscales."Calm Mind"]\naggregate = "mean"\n'),
        ('subscales."Calm Mind"', "lower-case identifier"),
    ),
    (
        "subscale-reserved-name",
        spec(
            items='[[items]]\nid = "w1"\nsubscale = "missing"\n',
            subscales='[subscales.missing]\naggregate = "mean"\n',
        ),
        ("subscales.missing", "reserved"),
    ),
    (
        "same-label-twice",
        spec(responses='[responses]\n"Never" = 0\n" never " = 1\n'),
        ("never", "same as 'Never'"),
    ),
    (
        "filler-with-subscale",
        spec(items='[[items]]\nid = "w1"\nsubscale = "calm"\nfiller = true\n'),
        ("items[1]", "filler", "no subscale"),
    ),
    (
        "items-not-array",
        'name = "Calm"\nitems = "w1"\n' + GOOD["responses"] + GOOD["subscales"],
        ("items must be an array of tables",),
    ),
    ("not-toml", "name = \n", ("not valid TOML",)),
]


@pytest.mark.parametrize(("text", "parts"), [c[1:] for c in BAD_SPECS], ids=[c[0] for c in BAD_SPECS])
def test_bad_spec_files(tmp_path: Path, text: str, parts: tuple[str, ...]):
    """A bad spec is a FileFormatError (a ValueError) naming the file and the key path."""
    path = write(tmp_path, text, "bad.toml")
    with pytest.raises(FileFormatError) as info:
        Instrument.from_toml(path)
    assert isinstance(info.value, SafecoreError) and isinstance(info.value, ValueError)
    message = str(info.value)
    assert str(path) in message, message
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


def test_good_spec_loads(tmp_path: Path):
    """The base of the bad-spec cases is itself valid."""
    calm = Instrument.from_toml(write(tmp_path, spec()))
    assert calm.score([["Never", "Always"]]).calm.tolist() == [1.0]


def test_from_dict_errors_name_the_spec():
    """from_dict refuses a non-mapping, and names 'instrument spec' (or *where*) and the key path."""
    with pytest.raises(InputTypeError, match="spec must be a mapping"):
        Instrument.from_dict([("name", "x")])  # type: ignore[arg-type]
    bad = {
        "name": "x",
        "items": ({"id": "a", "subscale": "s"},),
        "subscales": {"s": {"aggregate": "max"}},
    }
    with pytest.raises(FileFormatError, match=r"^instrument spec: subscales\.s\.aggregate"):
        Instrument.from_dict(bad)
    with pytest.raises(FileFormatError, match=r"^my dict: subscales\.s\.aggregate"):
        Instrument.from_dict(bad, where="my dict")


def test_unreadable_spec_path(tmp_path: Path):
    """A missing spec file is a FileNotFoundError naming it."""
    with pytest.raises(FileNotFoundError, match=r"none\.toml"):
        Instrument.from_toml(tmp_path / "none.toml")
