"""Bad input at the boundary of safecore.scales: each error has the right type and says where.

Every case asserts the builtin type *and* ``SafecoreError``, and that the
message names the identifying part (file, 1-based line, respondent, item,
parameter) and shows the value.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore import SafecoreError
from safecore.scales import (
    CBI_SOCIAL_WORKER_NORMS,
    ci_consistent,
    compare_times,
    describe,
    grim,
    hedges_g,
    hedges_g_from_summary,
    one_sample,
    one_sample_from_summary,
    paired,
    read_staff_survey,
    score_cbi,
    score_ceas,
    welch,
    welch_from_summary,
)
from tests.strategies import CBI_IDS, cbi_frames, survey_texts

pd = pytest.importorskip("pandas")

HEADER = "respondent,time," + ",".join(CBI_IDS)
ROW50 = [50.0] * 19


def expect(call: Callable[[], object], builtin: type[BaseException], *parts: str) -> str:
    """Run *call*, check the error is *builtin* and a SafecoreError, and its message has *parts*."""
    with pytest.raises(builtin) as info:
        call()
    assert isinstance(info.value, SafecoreError), type(info.value)
    message = str(info.value)
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"
    return message


def frame(rows: int = 3, **overrides: Any) -> Any:
    """A points DataFrame with respondent, time and the 19 items."""
    data = {"respondent": [f"R{k}" for k in range(rows)], "time": [1] * rows}
    data |= {i: [50.0] * rows for i in CBI_IDS}
    data |= overrides
    return pd.DataFrame(data)


def write(tmp_path: Path, lines: list[str], name: str = "staff.csv") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def points_line(respondent: str, time: str, **cells: str) -> str:
    values = [cells.get(i, "50") for i in CBI_IDS]
    return f"{respondent},{time}," + ",".join(values)


# -- score_cbi and score_ceas ---------------------------------------------------------------------


def _row(j: int, value: object, base: list[object] | None = None) -> list[list[object]]:
    good: list[object] = list(ROW50 if base is None else base)
    row = list(good)
    row[j] = value
    return [good, row]  # the bad cell is in respondent row 2


LABELS: list[object] = (
    ["Often"] * 6 + ["Somewhat"] * 3 + ["Often"] * 4 + ["Somewhat"] * 4 + ["Often"] * 2
)

CBI_CASES: list[tuple[str, Callable[[], object], type[BaseException], tuple[str, ...]]] = [
    (
        "python-bool-points",
        lambda: score_cbi(_row(4, True), coding="points"),
        TypeError,
        ("respondent row 2", "cbi05", "True", "not a number"),
    ),
    (
        "numpy-bool-points",
        lambda: score_cbi(_row(0, np.True_), coding="points"),
        TypeError,
        ("respondent row 2", "cbi01", "True"),
    ),
    (
        "bool-array-codes",
        lambda: score_cbi(np.ones((2, 19), dtype=bool), coding="codes", direction="ascending"),
        TypeError,
        ("respondent row 1", "cbi01", "True", "boolean"),
    ),
    (
        "bool-codes-in-list",
        lambda: score_cbi([[True] * 19], coding="codes", direction="ascending"),
        TypeError,
        ("respondent row 1", "cbi01", "True"),
    ),
    (
        "bool-label",
        lambda: score_cbi(_row(6, False, LABELS)),
        TypeError,
        ("respondent row 2", "cbi07", "False", "boolean"),
    ),
    (
        "numeric-text-points",
        lambda: score_cbi(_row(2, "50"), coding="points"),
        TypeError,
        ("respondent row 2", "cbi03", "'50'", "is text", "convert"),
    ),
    (
        "numeric-text-codes",
        lambda: score_cbi(_row(2, " 3 ", [3] * 19), coding="codes", direction="ascending"),
        TypeError,
        ("respondent row 2", "cbi03", "' 3 '", "is text"),
    ),
    (
        "text-nan-not-missing-points",
        lambda: score_cbi(_row(8, "nan"), coding="points"),
        TypeError,
        ("respondent row 2", "cbi09", "'nan'", "missing=('nan',)"),
    ),
    (
        "text-NaN-not-missing-points",
        lambda: score_cbi(_row(8, "NaN"), coding="points"),
        TypeError,
        ("cbi09", "'NaN'", "missing=('NaN',)"),
    ),
    (
        "text-inf-not-missing",
        lambda: score_cbi(_row(10, "inf"), coding="points"),
        TypeError,
        ("cbi11", "'inf'"),
    ),
    (
        "text-nan-not-missing-labels",
        lambda: score_cbi(_row(0, "nan", LABELS)),
        ValueError,
        ("respondent row 2", "cbi01", "'nan'", "unknown label", "missing=('nan',)"),
    ),
    (
        "number-where-label",
        lambda: score_cbi(_row(3, 50, LABELS)),
        TypeError,
        ("respondent row 2", "cbi04", "50", "coding='points'"),
    ),
    (
        "float-inf-points",
        lambda: score_cbi(np.array([[*ROW50[:18], np.inf]]), coding="points"),
        ValueError,
        ("respondent row 1", "cbi19", "inf"),
    ),
    (
        "points-out-of-range",
        lambda: score_cbi(_row(0, 60), coding="points"),
        ValueError,
        ("respondent row 2", "cbi01", "60", "0, 25, 50, 75, 100"),
    ),
    (
        "codes-out-of-range",
        lambda: score_cbi(_row(18, 6, [3] * 19), coding="codes", direction="ascending"),
        ValueError,
        ("respondent row 2", "cbi19", "6", "1 to 5"),
    ),
    (
        "decimal-out-of-range",
        lambda: score_cbi(_row(1, Decimal("12.5")), coding="points"),
        ValueError,
        ("cbi02", "12.5"),
    ),
    (
        "complex-cell",
        lambda: score_cbi(_row(5, 1j), coding="points"),
        TypeError,
        ("respondent row 2", "cbi06", "1j", "complex"),
    ),
    (
        "list-cell",
        lambda: score_cbi([[*ROW50[:18], [50]]], coding="points"),
        TypeError,
        ("cbi19", "[50]"),
    ),
    (
        "ragged-rows",
        lambda: score_cbi([ROW50, ROW50[:18]], coding="points"),
        ValueError,
        ("19 items", "got 18", "respondent row 2"),
    ),
    (
        "too-few-columns",
        lambda: score_cbi(np.zeros((2, 18)), coding="points"),
        ValueError,
        ("19 items", "got 18"),
    ),
    (
        "three-dimensional",
        lambda: score_cbi(np.zeros((2, 19, 1)), coding="points"),
        ValueError,
        ("2-D", "(2, 19, 1)"),
    ),
    ("text-responses", lambda: score_cbi("Often"), TypeError, ("CBI responses", "str")),
    (
        "unknown-coding",
        lambda: score_cbi([ROW50], coding="numbers"),  # type: ignore[arg-type]
        ValueError,
        ("coding", "'numbers'"),
    ),
    (
        "codes-without-direction",
        lambda: score_cbi([[3] * 19], coding="codes"),
        ValueError,
        ("direction",),
    ),
    (
        "direction-with-points",
        lambda: score_cbi([ROW50], coding="points", direction="ascending"),
        ValueError,
        ("direction applies only",),
    ),
    (
        "unknown-order-item",
        lambda: score_cbi([ROW50], coding="points", order=["q1", *CBI_IDS[1:]]),
        ValueError,
        ("order", "'q1'"),
    ),
    (
        "order-as-string",
        lambda: score_cbi([ROW50], coding="points", order="cbi01"),
        TypeError,
        ("order", "'cbi01'"),
    ),
    (
        "min-answered-bool",
        lambda: score_cbi([ROW50], coding="points", min_answered=True),
        TypeError,
        ("min_answered for personal", "True"),
    ),
    (
        "min-answered-too-big",
        lambda: score_cbi([ROW50], coding="points", min_answered={"work": 8}),
        ValueError,
        ("min_answered for work", "1 to 7", "8"),
    ),
    (
        "missing-as-one-string",
        lambda: score_cbi([ROW50], coding="points", missing="nan"),  # type: ignore[arg-type]
        TypeError,
        ("missing", "'nan'"),
    ),
    (
        "missing-marker-bool",
        lambda: score_cbi([ROW50], coding="points", missing=[True]),
        TypeError,
        ("missing", "True"),
    ),
    (
        "missing-marker-nan",
        lambda: score_cbi([ROW50], coding="points", missing=[float("nan")]),
        ValueError,
        ("missing", "nan"),
    ),
    (
        "frame-missing-cbi07",
        lambda: score_cbi(frame().drop(columns="cbi07"), coding="points"),
        KeyError,
        ("no column 'cbi07'", "columns found: 'respondent', 'time', 'cbi01'"),
    ),
    (
        "frame-missing-two-items",
        lambda: score_cbi(frame().drop(columns=["cbi07", "cbi19"]), coding="points"),
        KeyError,
        ("'cbi07', 'cbi19'", "columns found"),
    ),
    (
        "frame-case-hint",
        lambda: score_cbi(frame().rename(columns={"cbi07": "CBI07"}), coding="points"),
        KeyError,
        ("no column 'cbi07'", "did you mean 'CBI07'"),
    ),
    (
        "frame-positional-columns",
        lambda: score_cbi(pd.DataFrame(np.full((2, 19), 50.0)), coding="points"),
        KeyError,
        ("no columns 'cbi01'", "columns found: '0', '1'"),
    ),
    (
        "frame-with-order",
        lambda: score_cbi(frame(), coding="points", order=list(CBI_IDS)),
        ValueError,
        ("order", "matched by name"),
    ),
    (
        "frame-bool-column",
        lambda: score_cbi(frame(cbi05=[True, False, True]), coding="points"),
        TypeError,
        ("respondent row 1", "cbi05", "True"),
    ),
    (
        "frame-text-number",
        lambda: score_cbi(frame(cbi12=["50", "50", "75"]), coding="points"),
        TypeError,
        ("respondent row 1 (index 0)", "cbi12", "'50'", "is text"),
    ),
    (
        "frame-index-label",
        lambda: score_cbi(frame(cbi02=[50.0, 50.0, 60.0]).set_axis(["a", "b", "c"]), coding="points"),
        ValueError,
        ("respondent row 3 (index 'c')", "cbi02", "60"),
    ),
    (
        "frame-text-nan",
        lambda: score_cbi(frame(cbi03=[50.0, "nan", 50.0]), coding="points"),
        TypeError,
        ("respondent row 2", "cbi03", "'nan'"),
    ),
    (
        "ceas-bool",
        lambda: score_ceas([[5] * 12 + [True]]),
        TypeError,
        ("respondent row 1", "ceas13", "True"),
    ),
    (
        "ceas-bool-array",
        lambda: score_ceas(np.ones((1, 13), dtype=bool)),
        TypeError,
        ("ceas01", "True", "boolean"),
    ),
    (
        "ceas-text-number",
        lambda: score_ceas([[5] * 4 + ["7"] + [5] * 8]),
        TypeError,
        ("respondent row 1", "ceas05", "'7'", "is text"),
    ),
    (
        "ceas-text-nan",
        lambda: score_ceas([[5] * 13, [5] * 2 + ["nan"] + [5] * 10]),
        TypeError,
        ("respondent row 2", "ceas03", "'nan'", "missing=('nan',)"),
    ),
    (
        "ceas-out-of-range",
        lambda: score_ceas([[5] * 13, [5] * 12 + [11]]),
        ValueError,
        ("respondent row 2", "ceas13", "11", "1 to 10"),
    ),
    (
        "ceas-frame-missing-item",
        lambda: score_ceas(pd.DataFrame({f"ceas{k:02d}": [5] for k in range(1, 13)})),
        KeyError,
        ("no column 'ceas13'", "columns found: 'ceas01'"),
    ),
    (
        "ceas-unknown-scale",
        lambda: score_ceas([[5] * 13], scale="colleagues"),  # type: ignore[arg-type]
        ValueError,
        ("scale", "'colleagues'"),
    ),
]


@pytest.mark.parametrize(
    ("call", "builtin", "parts"), [c[1:] for c in CBI_CASES], ids=[c[0] for c in CBI_CASES]
)
def test_bad_responses(call: Callable[[], object], builtin: type[BaseException], parts: tuple[str, ...]):
    """Each bad response is refused with the builtin type and a message naming row, item and value."""
    expect(call, builtin, *parts)


def test_frame_columns_in_another_order_give_identical_scores():
    """A DataFrame is matched by column name: extra columns and column order do not matter."""
    rng = np.random.default_rng(3)
    points = rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], size=(6, 19))
    by_position = score_cbi(points, coding="points")
    df = pd.DataFrame(points, columns=list(CBI_IDS))
    df.insert(0, "respondent", list("ABCDEF"))
    df["time"] = 1
    shuffled = df[["time", *reversed(CBI_IDS), "respondent"]]
    by_name = score_cbi(shuffled, coding="points")
    for scale in ("personal", "work", "client"):
        np.testing.assert_array_equal(getattr(by_position, scale), getattr(by_name, scale))


def test_text_nan_is_missing_only_when_declared():
    """The text 'nan' is an error by default and a missing answer once declared."""
    row: list[object] = list(ROW50)
    row[0] = "nan"
    expect(lambda: score_cbi([row], coding="points"), TypeError, "'nan'")
    s = score_cbi([row], coding="points", missing=["nan"])
    assert s.answered["personal"].tolist() == [5] and s.personal[0] == 50.0
    ceas: list[object] = [5] * 13
    ceas[0] = " NA "
    assert np.isnan(score_ceas([ceas], missing=("NA",)).engagement[0])


def test_numeric_missing_marker():
    """A numeric marker (e.g. -9) marks a missing answer on the numeric fast path too."""
    r = np.full((1, 19), 50.0)
    r[0, 0] = -9
    s = score_cbi(r, coding="points", missing=[-9])
    assert s.answered["personal"].tolist() == [5]


def test_numbers_of_every_accepted_type_score_alike():
    """Python, numpy, Decimal and Fraction numbers in an object array score the same."""
    row: list[object] = [50] * 19
    row[0], row[1], row[2] = np.int64(50), Decimal("50"), Fraction(50)
    assert score_cbi([row], coding="points").personal[0] == 50.0


@given(cbi_frames())
def test_scores_invariant_to_column_permutation(case: tuple[np.ndarray, list[int]]):
    """CBI scores from a DataFrame do not depend on the order of its columns."""
    points, order = case
    df = pd.DataFrame(points, columns=list(CBI_IDS))
    a = score_cbi(df, coding="points")
    b = score_cbi(df.iloc[:, order], coding="points")
    for scale in ("personal", "work", "client"):
        np.testing.assert_array_equal(getattr(a, scale), getattr(b, scale))


# -- summary statistics ---------------------------------------------------------------------------

SUMMARY_CASES: list[tuple[str, Callable[[], object], type[BaseException], tuple[str, ...]]] = [
    (
        "welch-nan-mean1",
        lambda: welch_from_summary(11, float("nan"), 11.3, 10, 34.2, 17.9),
        ValueError,
        ("mean1", "nan"),
    ),
    (
        "welch-inf-mean2",
        lambda: welch_from_summary(11, 37.5, 11.3, 10, float("inf"), 17.9),
        ValueError,
        ("mean2", "inf"),
    ),
    (
        "welch-negative-sd2",
        lambda: welch_from_summary(11, 37.5, 11.3, 10, 34.2, -1.0),
        ValueError,
        ("sd2", ">= 0", "-1.0"),
    ),
    (
        "welch-nan-sd1",
        lambda: welch_from_summary(11, 37.5, float("nan"), 10, 34.2, 1.0),
        ValueError,
        ("sd1", "nan"),
    ),
    (
        "welch-n1-one",
        lambda: welch_from_summary(1, 37.5, 11.3, 10, 34.2, 17.9),
        ValueError,
        ("n1", ">= 2", "1"),
    ),
    (
        "welch-n2-fractional",
        lambda: welch_from_summary(11, 37.5, 11.3, 10.5, 34.2, 17.9),
        ValueError,
        ("n2", "whole number", "10.5"),
    ),
    (
        "welch-n1-bool",
        lambda: welch_from_summary(True, 37.5, 11.3, 10, 34.2, 17.9),
        TypeError,
        ("n1", "bool", "True"),
    ),
    (
        "welch-mean-text",
        lambda: welch_from_summary(11, "37.5", 11.3, 10, 34.2, 17.9),  # type: ignore[arg-type]
        TypeError,
        ("mean1", "str", "'37.5'"),
    ),
    (
        "welch-zero-spread",
        lambda: welch_from_summary(5, 1.0, 0.0, 5, 2.0, 0.0),
        ValueError,
        ("zero spread",),
    ),
    (
        "hedges-confidence-95",
        lambda: hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0, confidence=95),
        ValueError,
        ("confidence", "write 0.95", "95"),
    ),
    (
        "hedges-confidence-one",
        lambda: hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0, confidence=1.0),
        ValueError,
        ("confidence", "(0, 1)", "1.0"),
    ),
    (
        "hedges-confidence-zero",
        lambda: hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0, confidence=0),
        ValueError,
        ("confidence", "(0, 1)", "0"),
    ),
    (
        "hedges-confidence-bool",
        lambda: hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0, confidence=True),
        TypeError,
        ("confidence", "True"),
    ),
    (
        "hedges-negative-sd1",
        lambda: hedges_g_from_summary(20, 10.0, -2.0, 20, 9.0, 2.0),
        ValueError,
        ("sd1", "-2.0"),
    ),
    (
        "one-sample-nan-mean",
        lambda: one_sample_from_summary(11, float("nan"), 11.3, 57.9),
        ValueError,
        ("mean", "nan"),
    ),
    (
        "one-sample-negative-sd",
        lambda: one_sample_from_summary(11, 37.5, -11.3, 57.9),
        ValueError,
        ("sd", "-11.3"),
    ),
    (
        "one-sample-n-one",
        lambda: one_sample_from_summary(1, 37.5, 11.3, 57.9),
        ValueError,
        ("n must be a whole number >= 2", "1"),
    ),
    (
        "one-sample-norm-nan",
        lambda: one_sample_from_summary(11, 37.5, 11.3, float("nan")),
        ValueError,
        ("norm", "nan"),
    ),
    (
        "one-sample-norm-text",
        lambda: one_sample_from_summary(11, 37.5, 11.3, "57.9"),  # type: ignore[arg-type]
        TypeError,
        ("norm", "'57.9'"),
    ),
    (
        "ci-confidence-95",
        lambda: ci_consistent(37.5, 11.3, 11, 29.9, 45.1, confidence=95),
        ValueError,
        ("confidence", "write 0.95", "95"),
    ),
    (
        "ci-negative-sd",
        lambda: ci_consistent(37.5, -11.3, 11, 29.9, 45.1),
        ValueError,
        ("sd", ">= 0", "-11.3"),
    ),
    (
        "ci-n-one",
        lambda: ci_consistent(37.5, 11.3, 1, 29.9, 45.1),
        ValueError,
        ("n", ">= 2", "1"),
    ),
    (
        "ci-n-float",
        lambda: ci_consistent(37.5, 11.3, 11.5, 29.9, 45.1),
        ValueError,
        ("n", "whole", "11.5"),
    ),
    (
        "ci-low-above-high",
        lambda: ci_consistent(37.5, 11.3, 11, 45.1, 29.9),
        ValueError,
        ("low must be <= high", "45.1", "29.9"),
    ),
    (
        "ci-nan-low",
        lambda: ci_consistent(37.5, 11.3, 11, float("nan"), 45.1),
        ValueError,
        ("low", "nan"),
    ),
    (
        "ci-decimals-negative",
        lambda: ci_consistent(37.5, 11.3, 11, 29.9, 45.1, decimals=-1),
        ValueError,
        ("decimals", "-1"),
    ),
    (
        "ci-decimals-float",
        lambda: ci_consistent(37.5, 11.3, 11, 29.9, 45.1, decimals=1.5),  # type: ignore[arg-type]
        ValueError,
        ("decimals", "1.5"),
    ),
    ("grim-n-zero", lambda: grim(1.0, 0), ValueError, ("n must be a whole number >= 1", "0")),
    ("grim-n-bool", lambda: grim(1.0, True), TypeError, ("n", "True")),
    ("grim-nan-mean", lambda: grim(float("nan"), 5), ValueError, ("mean", "nan")),
    ("grim-granularity-zero", lambda: grim(1.0, 3, 0), ValueError, ("granularity", "> 0", "0")),
    ("grim-granularity-text", lambda: grim(1.0, 3, "1"), TypeError, ("granularity", "'1'")),  # type: ignore[arg-type]
    ("grim-decimals-negative", lambda: grim(1.0, 3, decimals=-2), ValueError, ("decimals", "-2")),
    ("grim-decimals-huge", lambda: grim(1.0, 3, decimals=400), ValueError, ("decimals", "400")),
    (
        "describe-confidence-95",
        lambda: describe([1, 2, 3], confidence=95),
        ValueError,
        ("confidence", "write 0.95"),
    ),
    (
        "describe-seed-negative",
        lambda: describe([1, 2, 3], method="bootstrap", seed=-1),
        ValueError,
        ("seed", "-1"),
    ),
    (
        "describe-seed-float",
        lambda: describe([1, 2, 3], method="bootstrap", seed=1.5),  # type: ignore[arg-type]
        TypeError,
        ("seed", "1.5"),
    ),
    (
        "describe-seed-bool",
        lambda: describe([1, 2, 3], seed=True),
        TypeError,
        ("seed", "True"),
    ),
    (
        "describe-resamples-zero",
        lambda: describe([1, 2, 3], method="bootstrap", resamples=0),
        ValueError,
        ("resamples", "0"),
    ),
    (
        "describe-unknown-method",
        lambda: describe([1, 2, 3], method="exact"),  # type: ignore[arg-type]
        ValueError,
        ("method", "'exact'"),
    ),
    ("describe-bool-value", lambda: describe([1, True, 3]), TypeError, ("values, value 2", "True")),
    (
        "describe-bool-array",
        lambda: describe(np.array([True, False])),
        TypeError,
        ("values", "True", "boolean"),
    ),
    (
        "describe-text-value",
        lambda: describe([1, "2", 3]),
        TypeError,
        ("values, value 2", "'2'", "text"),
    ),
    ("describe-text-nan", lambda: describe([1, "nan", 3]), TypeError, ("value 2", "'nan'")),
    ("describe-inf", lambda: describe([1, float("inf")]), ValueError, ("value 2", "finite", "inf")),
    ("welch-bool-in-y", lambda: welch([1, 2, 3], [4, False, 6]), TypeError, ("y, value 2", "False")),
    ("welch-text-in-x", lambda: welch(["a", 2, 3], [4, 5, 6]), TypeError, ("x, value 1", "'a'")),
    (
        "welch-one-value",
        lambda: welch([1, None], [4, 5, 6]),
        ValueError,
        ("x needs at least 2 present values", "got 1", "1 missing"),
    ),
    ("paired-bool", lambda: paired([1, 2, 3], [True, 2, 3]), TypeError, ("y, value 1", "True")),
    ("paired-text", lambda: paired([1, "x", 3], [1, 2, 3]), TypeError, ("x, value 2", "'x'")),
    ("paired-lengths", lambda: paired([1, 2], [1, 2, 3]), ValueError, ("x has 2", "y has 3")),
    ("paired-one-pair", lambda: paired([1, None], [2, 3]), ValueError, ("at least 2 complete pairs",)),
    ("hedges-raw-text", lambda: hedges_g([1, 2, "3"], [1, 2, 3]), TypeError, ("x, value 3", "'3'")),
    ("one-sample-raw-bool", lambda: one_sample([1, 2, True], 57.9), TypeError, ("value 3", "True")),
]


@pytest.mark.parametrize(
    ("call", "builtin", "parts"), [c[1:] for c in SUMMARY_CASES], ids=[c[0] for c in SUMMARY_CASES]
)
def test_bad_summaries(call: Callable[[], object], builtin: type[BaseException], parts: tuple[str, ...]):
    """Each bad summary argument or sample is refused, naming the parameter and showing the value."""
    expect(call, builtin, *parts)


def test_negative_sd_is_an_error_not_a_finding():
    """A negative SD is refused by ci_consistent, never reported as an inconsistent figure."""
    message = expect(lambda: ci_consistent(10.0, -1.0, 5, 8.0, 12.0), ValueError, "sd")
    assert "consistent" not in message


@pytest.mark.parametrize(
    "convert",
    [np.float64, np.float32, Decimal, Fraction, float],
    ids=["float64", "float32", "Decimal", "Fraction", "float"],
)
def test_summary_functions_accept_numpy_scalars_and_decimals(convert: Callable[[str], Any]):
    """numpy scalars, Decimal and Fraction give the same results as floats (within float precision)."""
    n1, n2 = np.int64(11), np.int32(10)
    ref = welch_from_summary(11, 37.5, 11.5, 10, 34.25, 18.0)
    r = welch_from_summary(n1, convert("37.5"), convert("11.5"), n2, convert("34.25"), convert("18"))
    assert r.statistic == pytest.approx(ref.statistic) and (r.n1, r.n2) == (11, 10)
    g = hedges_g_from_summary(
        n1,
        convert("37.5"),
        convert("11.5"),
        n2,
        convert("34.25"),
        convert("18"),
        confidence=convert("0.9"),
    )
    assert g.g == pytest.approx(ref.effect.g)
    o = one_sample_from_summary(n1, convert("37.5"), convert("11.5"), convert("57.9"))
    assert o.statistic == pytest.approx(one_sample_from_summary(11, 37.5, 11.5, 57.9).statistic)
    c = ci_consistent(convert("37.5"), convert("11.5"), n1, convert("29.75"), convert("45.25"))
    assert c.recomputed == pytest.approx(ci_consistent(37.5, 11.5, 11, 29.75, 45.25).recomputed)
    assert grim(convert("37.5"), np.int64(11), convert("4"), np.int64(1)).mean == 37.5
    assert describe([1, 2, 3], confidence=convert("0.9")).confidence == pytest.approx(0.9)


def test_samples_with_numpy_and_decimal_values():
    """Samples may mix numpy scalars, Decimal and Fraction; NaN and None are missing and counted."""
    s = describe([np.int64(1), Decimal("2"), Fraction(3), None, float("nan")])
    assert (s.n, s.missing, s.mean) == (3, 2, 2.0)
    assert paired([1, 2, np.nan, 4], [2, 2, 3, 6]).excluded == 1
    assert welch([1, 2, None, 4], [2.5, 4, 6]).missing == 1


def test_norm_is_validated():
    """A Norm's mean must be a finite number."""
    from safecore.scales import Norm

    expect(lambda: Norm("personal", float("nan"), 10, "x"), ValueError, "mean", "nan")
    assert CBI_SOCIAL_WORKER_NORMS["personal"].n == 1720


# -- the staff-survey reader ----------------------------------------------------------------------

SurveyCase = tuple[str, list[str], type[BaseException], tuple[str, ...]]

SURVEY_CASES: list[SurveyCase] = [
    (
        "blank-time",
        [HEADER, points_line("S01", "1"), points_line("S02", "")],
        ValueError,
        ("staff.csv, line 3", "time is blank", "respondent 'S02'"),
    ),
    (
        "blank-respondent",
        [HEADER, points_line("S01", "1"), points_line("", "1")],
        ValueError,
        ("staff.csv, line 3", "respondent is blank"),
    ),
    (
        "duplicate-respondent-time",
        [HEADER, points_line("S01", "1"), points_line("S02", "1"), points_line("S01", "1")],
        ValueError,
        ("respondent 'S01'", "twice at time '1'", "line 2 and line 4"),
    ),
    (
        "missing-cbi07",
        [HEADER.replace(",cbi07", ""), "S01,1," + ",".join(["50"] * 18)],
        KeyError,
        ("staff.csv", "no column 'cbi07'", "columns found: 'respondent', 'time', 'cbi01'"),
    ),
    (
        "missing-time-column",
        [HEADER.replace("time,", "wave,"), points_line("S01", "1")],
        KeyError,
        ("no column 'time'", "'wave'"),
    ),
    (
        "missing-respondent-column",
        [HEADER.replace("respondent,", "id,"), points_line("S01", "1")],
        KeyError,
        ("no column 'respondent'", "'id'"),
    ),
    (
        "file-points-out-of-range",
        [HEADER, points_line("S01", "1"), points_line("S02", "1", cbi05="60")],
        ValueError,
        ("staff.csv, line 3", "respondent 'S02'", "cbi05", "60"),
    ),
    (
        "label-among-points",
        [HEADER, points_line("S01", "1"), points_line("S02", "1", cbi11="Often")],
        ValueError,
        ("line 3", "respondent 'S02'", "cbi11", "'Often'", "points", "line 2"),
    ),
    (
        "number-among-labels",
        [
            HEADER,
            "S01,1," + ",".join(str(x) for x in LABELS),
            "S02,1,"
            + ",".join(str(x) for x in LABELS[:4])
            + ",50,"
            + ",".join(str(x) for x in LABELS[5:]),
        ],
        ValueError,
        ("line 3", "respondent 'S02'", "cbi05", "'50'", "labels"),
    ),
    (
        "unknown-label",
        [HEADER, "S01,1," + ",".join(str(x) for x in ["Oftn", *LABELS[1:]])],
        ValueError,
        ("line 2", "respondent 'S01'", "cbi01", "'Oftn'", "unknown label"),
    ),
    (
        "text-nan-not-missing",
        [HEADER, points_line("S01", "1"), points_line("S02", "1", cbi09="nan")],
        ValueError,
        ("line 3", "respondent 'S02'", "cbi09", "'nan'"),
    ),
    (
        "decimal-comma",
        [HEADER, points_line("S01", "1", cbi03='"50,0"')],
        ValueError,
        ("line 2", "respondent 'S01'", "cbi03", "'50,0'", "decimal comma"),
    ),
    (
        "short-row",
        [HEADER, points_line("S01", "1"), "S02,1,50,50"],
        ValueError,
        ("staff.csv, line 3", "4 cells, expected 21"),
    ),
    (
        "duplicate-header",
        [HEADER + ",cbi01", points_line("S01", "1") + ",50"],
        ValueError,
        ("duplicate column 'cbi01'",),
    ),
    ("header-only", [HEADER], ValueError, ("staff.csv", "no data rows")),
    (
        "semicolon-file",
        [HEADER.replace(",", ";"), points_line("S01", "1").replace(",", ";")],
        ValueError,
        ("staff.csv, line 1", "delimiter=';'"),
    ),
]


@pytest.mark.parametrize(
    ("lines", "builtin", "parts"), [c[1:] for c in SURVEY_CASES], ids=[c[0] for c in SURVEY_CASES]
)
def test_bad_survey_files(
    tmp_path: Path, lines: list[str], builtin: type[BaseException], parts: tuple[str, ...]
):
    """A malformed staff survey is refused naming file, 1-based line, respondent, item and value."""
    p = write(tmp_path, lines)
    expect(lambda: read_staff_survey(p), builtin, *parts)


def test_survey_file_errors(tmp_path: Path):
    """A missing file, a directory and invalid UTF-8 are refused naming the path."""
    expect(
        lambda: read_staff_survey(tmp_path / "none.csv"), FileNotFoundError, "none.csv", "no such file"
    )
    expect(lambda: read_staff_survey(tmp_path), IsADirectoryError, "is a directory")
    p = tmp_path / "latin1.csv"
    p.write_bytes((HEADER + "\n" + points_line("Zoë", "1") + "\n").encode("latin-1"))
    expect(lambda: read_staff_survey(p), ValueError, "latin1.csv, line 2", "UTF-8")


def test_survey_frame_errors():
    """DataFrame surveys: blank time, booleans, text numbers and duplicates name the row."""
    bad_time = frame(time=[1, None, 1])
    expect(lambda: read_staff_survey(bad_time), ValueError, "DataFrame, row 1", "time is blank", "'R1'")
    dup = frame(respondent=["A", "B", "A"])
    expect(lambda: read_staff_survey(dup), ValueError, "'A'", "row 0 and row 2")
    flags = frame(cbi04=[True, False, True])
    expect(lambda: read_staff_survey(flags), TypeError, "row 0", "respondent 'R0'", "cbi04", "True")
    texts = frame(cbi01=["50", "50", "50"])
    expect(lambda: read_staff_survey(texts), TypeError, "row 0", "cbi01", "'50'", "to_numeric")
    bool_time = frame(time=[True, True, True])
    expect(lambda: read_staff_survey(bool_time), TypeError, "row 0", "time", "True")
    expect(lambda: read_staff_survey(frame(), missing="NA"), TypeError, "missing", "'NA'")  # type: ignore[arg-type]
    expect(lambda: read_staff_survey(frame().drop(columns="cbi07")), KeyError, "no column 'cbi07'")


def test_survey_declared_missing_marker(tmp_path: Path):
    """'NA' is missing only when declared, in a file or a DataFrame."""
    lines = [HEADER, points_line("S01", "1", cbi01="NA"), points_line("S02", "1")]
    p = write(tmp_path, lines)
    expect(lambda: read_staff_survey(p), ValueError, "line 2", "cbi01", "'NA'")
    survey = read_staff_survey(p, missing=("", "NA"))
    assert survey.scores.answered["personal"].tolist() == [5, 6]
    df = frame(cbi01=["NA", 50.0, 50.0])
    assert read_staff_survey(df, missing=("NA",)).scores.answered["personal"].tolist() == [5, 6, 6]


def test_survey_respondent_at_one_time_point_is_counted(tmp_path: Path):
    """A respondent who answered at only one time point is counted, not silently dropped."""
    lines = [
        HEADER,
        points_line("A", "1", cbi01="0"),
        points_line("A", "2", cbi01="100"),
        points_line("B", "1"),
        points_line("B", "2", cbi01="75"),
        points_line("C", "1"),
    ]
    survey = read_staff_survey(write(tmp_path, lines))
    c = compare_times(survey)
    assert (c.design, c.pairs, c.only_first, c.only_second) == ("paired", 2, ("C",), ())
    assert survey.describe("personal", "1").n == 3  # C is in the descriptives
    assert c.results["personal"] is not None and c.results["personal"].n == 2


def test_survey_columns_in_another_order_give_identical_scores(tmp_path: Path):
    """The same survey with its columns reordered (file or DataFrame) gives identical scores."""
    rng = np.random.default_rng(7)
    points = rng.choice([0, 25, 50, 75, 100], size=(4, 19))
    lines = [HEADER] + [f"R{k},1," + ",".join(map(str, row)) for k, row in enumerate(points)]
    a = read_staff_survey(write(tmp_path, lines))
    df = pd.DataFrame(points, columns=list(CBI_IDS))
    df["respondent"] = [f"R{k}" for k in range(4)]
    df["time"] = 1
    b = read_staff_survey(df[[*reversed(CBI_IDS), "time", "respondent"]])
    for scale in ("personal", "work", "client"):
        np.testing.assert_array_equal(getattr(a.scores, scale), getattr(b.scores, scale))


def test_compare_times_arguments(tmp_path: Path):
    """compare_times refuses an unknown or repeated time point, and needs two when there are more."""
    lines = [HEADER] + [points_line(r, t) for r in "AB" for t in "123"]
    survey = read_staff_survey(write(tmp_path, lines))
    expect(lambda: compare_times(survey), ValueError, "3 time points (1, 2, 3)", "name the two")
    expect(lambda: compare_times(survey, "1", "9"), ValueError, "'9'", "time points: 1, 2, 3")
    expect(lambda: compare_times(survey, 2, 2), ValueError, "different", "'2'")
    expect(lambda: compare_times(str(tmp_path)), TypeError, "StaffSurvey")  # type: ignore[arg-type]
    assert compare_times(survey, 1, 3).reasons["personal"].startswith("every respondent's personal")


def _only_safecore(call: Callable[[], object]) -> None:
    with contextlib.suppress(SafecoreError):
        call()


@given(st.binary(max_size=400))
def test_survey_reader_on_arbitrary_bytes(data: bytes):
    """Arbitrary bytes in a .csv file either read or raise a SafecoreError, never anything else."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "staff.csv"
        p.write_bytes(data)
        _only_safecore(lambda: read_staff_survey(p))


@given(survey_texts())
def test_survey_reader_on_arbitrary_cells(text: str):
    """A survey with the right header and arbitrary cells reads or raises only a SafecoreError."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "staff.csv"
        p.write_text(text, encoding="utf-8")
        _only_safecore(lambda: read_staff_survey(p))


def test_case_count():
    """The parametrised suite keeps at least 80 bad-input cases."""
    ids = [c[0] for c in [*CBI_CASES, *SUMMARY_CASES, *SURVEY_CASES]]
    assert len(ids) >= 80 and len(set(ids)) == len(ids)
