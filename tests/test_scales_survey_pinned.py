"""Tests for staff surveys that pin what mutation testing found unchecked.

A survey row is a respondent, a time point and the 19 CBI items. Expected
scale scores are worked out by hand (personal = mean of items 1-6, work =
mean of items 7-13 with item 13 reversed as 100 - points, client = mean of
items 14-19); the t-tests' expected values come from SciPy's ``ttest_rel`` /
``ttest_ind(equal_var=False)`` and R (the command beside the value).
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from safecore._errors import InputTypeError, InputValueError, ResponseError
from safecore._read import as_records
from safecore.scales import compare_times, read_staff_survey
from safecore.scales.survey import StaffSurvey, TimeComparison
from safecore.stats.means import PairedResult, WelchResult
from tests.strategies import CBI_IDS

stats = pytest.importorskip("scipy.stats")

HEADER = "respondent,time," + ",".join(CBI_IDS)


def record(respondent: object, time: object, personal: object = 50, rest: object = 50) -> dict[str, Any]:
    """A response whose personal items (1-6) are *personal* and other items *rest*."""
    cells = {i: (personal if k < 6 else rest) for k, i in enumerate(CBI_IDS)}
    return {"respondent": respondent, "time": time, **cells}


def write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "staff.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def line(respondent: str, time: str, cells: list[str]) -> str:
    return f"{respondent},{time}," + ",".join(cells)


# -- respondent ids and time points ---------------------------------------------------------------


def test_time_points_that_are_numbers_are_ordered_numerically():
    """Time points that are all numbers are ordered by value ('2' < '2.5' < '10'), not as text."""
    survey = read_staff_survey([record("A", "10"), record("A", "2"), record("B", "2.5")])
    assert survey.times == ("10", "2", "2.5")
    assert survey.time_points == ("2", "2.5", "10")


def test_signed_and_bare_decimal_time_points_count_as_numbers():
    """'-1', '+2', '.5' and '3.' are numbers: ordered -1 < .5 < +2 < 3. (as written)."""
    survey = read_staff_survey([record("A", t) for t in ("3.", "-1", ".5", "+2")])
    assert survey.time_points == ("-1", ".5", "+2", "3.")


def test_time_points_that_are_not_all_numbers_keep_their_first_appearance():
    """With one non-number ('pre'), time points keep the order they first appear in."""
    survey = read_staff_survey([record("A", "pre"), record("A", "10"), record("B", "2")])
    assert survey.time_points == ("pre", "10", "2")
    survey = read_staff_survey([record("A", "2b"), record("A", "10")])
    assert survey.time_points == ("2b", "10")  # '2b' is not a number (no partial match)


def test_respondent_and_time_written_as_numbers_are_text_as_written():
    """A number is its text: 7 -> '7', 2.0 -> '2', 1.5 -> '1.5'; text is stripped; other values str()."""
    survey = read_staff_survey(
        [
            record(7, datetime.date(2020, 1, 31)),
            record(2.0, 1.5),
            record(" S03 ", " 1.5 "),
            record(np.int64(4), np.float64(3.0)),
        ]
    )
    assert survey.respondents == ("7", "2", "S03", "4")
    assert survey.times == ("2020-01-31", "1.5", "1.5", "3")
    # one non-number ('2020-01-31'): first appearance
    assert survey.time_points == ("2020-01-31", "1.5", "3")


@pytest.mark.parametrize("column", ["respondent", "time"])
@pytest.mark.parametrize(("flag", "shown"), [(True, "True"), (np.bool_(False), "False (bool)")])
def test_a_boolean_respondent_or_time_is_refused(column: str, flag: object, shown: str):
    """A bool (Python or NumPy) respondent or time is refused naming the record, column and value."""
    rec = record("A", 1)
    rec[column] = flag
    with pytest.raises(InputTypeError) as info:
        read_staff_survey([rec])
    assert str(info.value) == f"records, record 1: {column} must be text or a number, not bool: {shown}"


@pytest.mark.parametrize("column", ["respondent", "time"])
@pytest.mark.parametrize("blank", [None, "  "])
def test_a_blank_respondent_or_time_is_refused(column: str, blank: object):
    """None or blank text as respondent or time is refused naming the record (and the respondent)."""
    rec = record("S09", 1)
    rec[column] = blank
    expected = (
        "record 2: respondent is blank"
        if column == "respondent"
        else "record 2: time is blank for respondent 'S09'"
    )
    with pytest.raises(ResponseError, match=expected):
        read_staff_survey([record("S01", 1), rec])


def test_the_same_respondent_at_another_time_is_not_a_duplicate():
    """A respondent may answer once per time point: (A, 1) and (A, 2) are fine, (A, 1) twice is not."""
    survey = read_staff_survey([record("A", 1), record("A", 2), record("B", 1)])
    assert survey.respondents == ("A", "A", "B")
    with pytest.raises(
        ResponseError, match=r"respondent 'A' answered twice at time '1' \(record 1 and record 3\)"
    ):
        read_staff_survey([record("A", 1), record("B", 1), record("A", 1.0)])


# -- answers: points or labels, from files, records and DataFrames --------------------------------


def test_points_read_from_a_file_are_numbers(tmp_path: Path):
    """A file's points are text parsed as numbers: personal 25, work (6 x 50 + 100 - 0) / 7 = 400/7."""
    cells = ["25"] * 6 + ["50"] * 6 + ["0"] + ["100"] * 6
    survey = read_staff_survey(write(tmp_path, [HEADER, line("A", "1", cells)]))
    assert survey.coding == "points"
    assert survey.scores.personal.tolist() == [25.0]
    assert survey.scores.work.tolist() == pytest.approx([400 / 7])
    assert survey.scores.client.tolist() == [100.0]
    assert survey.places == ("line 2",)
    assert survey.source.endswith("staff.csv")


def test_a_semicolon_file_is_read_with_its_delimiter(tmp_path: Path):
    """delimiter=';' reaches the reader: personal 25 and client 100 as in the comma file above."""
    cells = ["25"] * 6 + ["50"] * 6 + ["0"] + ["100"] * 6
    text = [HEADER.replace(",", ";"), line("A", "1", cells).replace(",", ";")]
    survey = read_staff_survey(write(tmp_path, text), delimiter=";")
    assert survey.scores.personal.tolist() == [25.0]
    assert survey.scores.client.tolist() == [100.0]


def test_a_malformed_survey_file_is_a_response_error(tmp_path: Path):
    """A line with more cells than the header is a ResponseError (a ValueError) naming the line."""
    cells = ["50"] * 19
    path = write(tmp_path, [HEADER, line("A", "1", cells), line("B", "1", cells) + ",50"])
    with pytest.raises(ResponseError, match="line 3"):
        read_staff_survey(path)


def test_a_recordset_read_from_a_file_keeps_the_file_rules(tmp_path: Path):
    """A RecordSet whose places are file lines is read like the file: its text '50' is a point."""
    cells = ["50"] * 19
    records = as_records(write(tmp_path, [HEADER, line("A", "1", cells)]))
    survey = read_staff_survey(records)
    assert survey.coding == "points"
    assert survey.scores.personal.tolist() == [50.0]


def test_a_recordset_of_records_keeps_the_records_rules():
    """A RecordSet built from records (places 'record N') is not a file: text '50' is refused."""
    records = as_records([record("A", 1, personal="50")])
    with pytest.raises(InputTypeError, match=r"record 1, respondent 'A', item cbi01: '50' is a number"):
        read_staff_survey(records)


def test_text_points_in_records_are_refused():
    """In records (not a file), a point written as text ('50') is refused, naming record and item."""
    with pytest.raises(
        InputTypeError, match=r"record 1, respondent 'A', item cbi01: '50' is a number written as text"
    ):
        read_staff_survey([record("A", 1, personal="50")])


def test_labels_in_records_are_read_as_labels():
    """Option labels: 'Often' = 75 (frequency), 'Somewhat' = 50 (degree items 7-9, 14-17)."""
    rec = record("A", 1, personal="Often", rest="Often")
    for i in ("cbi07", "cbi08", "cbi09", "cbi14", "cbi15", "cbi16", "cbi17"):
        rec[i] = "Somewhat"
    survey = read_staff_survey([rec])
    assert survey.coding == "labels"
    # personal: 6 x 75 = 75; work: 50, 50, 50, 75, 75, 75 and item 13 Often 75 reversed to 25 -> 400/7
    # client: 4 x 50 + 2 x 75 -> 350/6
    assert survey.scores.personal.tolist() == [75.0]
    assert survey.scores.work.tolist() == pytest.approx([400 / 7])
    assert survey.scores.client.tolist() == pytest.approx([350 / 6])


def test_a_labels_file_is_read_as_labels(tmp_path: Path):
    """A file whose first answer is a label is a labels survey; unanswered cells stay missing."""
    cells = ["Often"] * 6 + ["Somewhat"] * 3 + ["Often"] * 4 + ["Somewhat"] * 4 + ["Often", ""]
    survey = read_staff_survey(write(tmp_path, [HEADER, line("A", "1", cells)]))
    assert survey.coding == "labels"
    assert survey.scores.personal.tolist() == [75.0]
    # client: 50, 50, 50, 50, 75 answered (item 19 blank) -> 275 / 5
    assert survey.scores.client.tolist() == [55.0]
    assert survey.scores.answered["client"].tolist() == [5]


def test_the_first_answer_decides_the_coding_even_after_blank_cells(tmp_path: Path):
    """Blank cells before the first answer do not decide; the message names the first answer."""
    first = ["", "Often"] + ["Often"] * 17
    second = ["Often"] * 4 + ["50"] + ["Often"] * 14
    lines = [HEADER, line("A", "1", first), line("B", "1", second)]
    with pytest.raises(
        ResponseError,
        match=r"line 3, respondent 'B', item cbi05: '50' is a number, but the survey's answers are "
        r"option labels \(first answer: \S*staff.csv, line 2, respondent 'A', item cbi02: 'Often'\)",
    ):
        read_staff_survey(write(tmp_path, lines))


def test_a_bad_point_in_a_points_file_says_the_coding(tmp_path: Path):
    """A point that is not a number in a points file names the item, value and first answer."""
    cells = ["50"] * 19
    bad = ["50"] * 10 + ["1e"] + ["50"] * 8
    lines = [HEADER, line("A", "1", cells), line("B", "1", bad)]
    with pytest.raises(ResponseError) as info:
        read_staff_survey(write(tmp_path, lines))
    message = str(info.value)
    assert "staff.csv, line 3, respondent 'B': cbi11 must be a number: '1e'" in message
    assert "the survey's answers are points (first answer: " in message
    assert "staff.csv, line 2, respondent 'A', item cbi01: '50')" in message


def test_declared_markers_apply_to_records_and_dataframes():
    """'NA' (declared, compared stripped) is unanswered in records; undeclared it is an unknown label."""
    rec = record("A", 1)
    rec["cbi06"] = " NA "
    survey = read_staff_survey([rec, record("B", 1)], missing=("NA",))
    # personal: 5 answered at 50
    assert survey.scores.answered["personal"].tolist() == [5, 6]
    assert survey.scores.personal.tolist() == [50.0, 50.0]
    with pytest.raises(InputTypeError, match=r"record 1, respondent 'A', item cbi06: 'NA' is text"):
        read_staff_survey([rec, record("B", 1)])


def test_a_blank_text_cell_in_records_is_unanswered_by_default():
    """The default marker '' makes a blank text cell (after stripping) unanswered."""
    rec = record("A", 1)
    rec["cbi02"] = "   "
    survey = read_staff_survey([rec])
    assert survey.scores.answered["personal"].tolist() == [5]


# -- a survey's lookups ---------------------------------------------------------------------------


def survey_of_three() -> StaffSurvey:
    # personal scores at time 1: A 25, B 75, C 100; at time 2: A 50
    return read_staff_survey(
        [record("A", 1, 25), record("B", 1, 75), record("A", 2, 50), record("C", 1, 100)]
    )


def test_rows_at_and_scale_scores_pick_the_responses_of_one_time_point():
    """Time 1 is rows 0, 1, 3; a time given as a number or padded text is the same time point."""
    survey = survey_of_three()
    assert survey.rows_at(1).tolist() == [0, 1, 3]
    assert survey.rows_at(" 2 ").tolist() == [2]
    assert survey.rows_at(1.0).tolist() == [0, 1, 3]
    assert survey.scale_scores("personal", 1).tolist() == [25.0, 75.0, 100.0]
    assert survey.scale_scores("client", "2").tolist() == [50.0]
    assert survey.n == 4


def test_describe_and_get_summarise_one_scale_at_one_time():
    """M of 25, 75, 100 is 200/3; SD = sqrt(((−125/3)² + (25/3)² + (100/3)²) / 2) = 38.19 (R: sd)."""
    survey = survey_of_three()
    summary = survey.describe("personal", 1)
    assert summary.n == 3
    assert summary.mean == pytest.approx(200 / 3)
    # R: sd(c(25, 75, 100)) -> 38.18813
    assert summary.sd == pytest.approx(38.18813, abs=1e-5)
    assert survey.get("personal", 1) == summary
    assert survey.get("personal", 2).n == 1


def test_unknown_scale_and_time_point_are_refused():
    """A scale other than personal/work/client, or a time point not in the survey, is refused."""
    survey = survey_of_three()
    with pytest.raises(InputValueError, match=r"scale must be one of personal, work, client: 'total'"):
        survey.scale_scores("total", 1)
    with pytest.raises(
        InputValueError, match=r"time point 3 is not in the survey \(time points: 1, 2\)"
    ):
        survey.rows_at(3)
    with pytest.raises(InputTypeError, match=r"^compare_times: time must be text or a number, not bool"):
        survey.rows_at(True)


def test_repr_counts_responses_respondents_and_time_points():
    """4 responses by 3 respondents at times 1 and 2."""
    assert (
        repr(survey_of_three())
        == "StaffSurvey('records', 4 responses, 3 respondents, times ['1', '2'], points)"
    )


# -- comparing two time points --------------------------------------------------------------------


def paired_survey() -> StaffSurvey:
    # personal, time 1 -> time 2: A 50 -> 25, B 75 -> 25, C 50 -> 50, D 100 -> 50;
    # E answered only at time 1, F only at time 2
    # the other items: 50 at time 1, 75 at time 2 for everyone (so work and client change alike)
    rows = [
        record("A", 1, 50),
        record("B", 1, 75),
        record("C", 1, 50),
        record("D", 1, 100),
        record("E", 1, 0),
        record("F", 2, 0, 75),
        record("D", 2, 50, 75),
        record("C", 2, 50, 75),
        record("B", 2, 25, 75),
        record("A", 2, 25, 75),
    ]
    return read_staff_survey(rows)


def test_paired_comparison_matches_scipy_on_the_matched_respondents():
    """Personal: differences 25, 50, 0, 50 (first - second) on A-D; E and F are left out, counted.

    scipy.stats.ttest_rel([50, 75, 50, 100], [25, 25, 50, 50]);
    R: t.test(c(50, 75, 50, 100), c(25, 25, 50, 50), paired = TRUE)
    gives t = 2.6112, df = 3, p-value = 0.0796, mean difference 31.25.
    """
    c = compare_times(paired_survey())
    assert (c.first, c.second, c.design, c.pairs) == ("1", "2", "paired", 4)
    assert (c.only_first, c.only_second) == (("E",), ("F",))
    res = c.results["personal"]
    assert isinstance(res, PairedResult)
    ref = stats.ttest_rel([50, 75, 50, 100], [25, 25, 50, 50])
    assert res.n == 4
    assert res.mean_difference == pytest.approx(31.25)
    assert res.statistic == pytest.approx(ref.statistic)
    assert res.pvalue == pytest.approx(ref.pvalue)
    assert res.statistic == pytest.approx(2.6112, abs=1e-4)
    assert res.pvalue == pytest.approx(0.0796, abs=1e-4)
    assert res.df == 3


def test_a_constant_change_is_not_tested_and_says_by_how_much():
    """Work items 7-12 go 50 -> 75 and item 13 (reversed) 50 -> 25 for everyone: work changes by
    (6 x 75 + 25) / 7 - (6 x 50 + 50) / 7 = 475/7 - 350/7 = +125/7 = +17.8571 each, so the paired
    test is undefined. Client goes 50 -> 75 (+25) for everyone.
    """
    c = compare_times(paired_survey())
    assert c.results["work"] is None and c.results["client"] is None
    assert c.reasons["work"] == (
        "every respondent's work score changed by the same amount (+17.8571), so the differences "
        "have zero spread and t is undefined"
    )
    assert c.reasons["client"].startswith(
        "every respondent's client score changed by the same amount (+25)"
    )
    assert "personal" not in c.reasons
    assert repr(c) == "TimeComparison('1' vs '2', paired, pairs=4, computed=['personal'])"


def test_fewer_than_two_pairs_with_a_score_leave_the_paired_test_undone():
    """One matched respondent (A) is too few: the reason says 'found 1'."""
    c = compare_times(read_staff_survey([record("A", 1, 25), record("A", 2, 50), record("B", 1, 75)]))
    assert c.design == "paired" and c.pairs == 1
    assert c.results == {"personal": None, "work": None, "client": None}
    assert c.reasons["personal"] == (
        "the paired test needs at least 2 respondents with a personal score at both time points "
        "(found 1)"
    )


def test_two_pairs_are_enough_for_the_paired_test():
    """Two matched respondents with different changes: t is computed (scipy ttest_rel)."""
    rows = [record("A", 1, 25), record("A", 2, 50), record("B", 1, 75), record("B", 2, 25)]
    c = compare_times(read_staff_survey(rows))
    res = c.results["personal"]
    assert isinstance(res, PairedResult) and res.n == 2
    assert res.statistic == pytest.approx(stats.ttest_rel([25, 75], [50, 25]).statistic)


def test_a_missing_scale_score_drops_the_pair_from_that_scale_only():
    """A's personal score at time 2 is missing (no item answered): the pairs B (75 -> 25) and
    C (50 -> 25) remain; with B's also missing, one pair is left ('found 1')."""
    rows = [
        record("A", 1, 25),
        record("A", 2, None),
        record("B", 1, 75),
        record("B", 2, 25),
        record("C", 1, 50),
        record("C", 2, 25),
    ]
    c = compare_times(read_staff_survey(rows))
    assert c.pairs == 3
    res = c.results["personal"]
    assert isinstance(res, PairedResult) and (res.n, res.missing) == (2, 1)
    assert res.statistic == pytest.approx(stats.ttest_rel([75, 50], [25, 25]).statistic)
    rows[3] = record("B", 2, None)
    c = compare_times(read_staff_survey(rows))
    assert c.results["personal"] is None
    assert c.reasons["personal"].endswith("at both time points (found 1)")


def independent_survey() -> StaffSurvey:
    # time 1: A 25, B 50, C 100; time 2: D 0, E 25 (nobody answered twice)
    rows = [
        record("A", 1, 25),
        record("B", 1, 50),
        record("C", 1, 100),
        record("D", 2, 0),
        record("E", 2, 25),
    ]
    return read_staff_survey(rows)


def test_with_no_respondent_at_both_times_welch_compares_all_responses():
    """Welch's t on (25, 50, 100) vs (0, 25); scipy ttest_ind(equal_var=False).

    R: t.test(c(25, 50, 100), c(0, 25)) -> t = 1.8084, df = 2.8943, p-value = 0.1716.
    """
    c = compare_times(independent_survey())
    assert (c.design, c.pairs) == ("independent", 0)
    assert (c.only_first, c.only_second) == (("A", "B", "C"), ("D", "E"))
    res = c.results["personal"]
    assert isinstance(res, WelchResult)
    ref = stats.ttest_ind([25, 50, 100], [0, 25], equal_var=False)
    assert res.statistic == pytest.approx(ref.statistic)
    assert res.pvalue == pytest.approx(ref.pvalue)
    assert res.statistic == pytest.approx(1.8084, abs=1e-4)
    assert res.df == pytest.approx(2.8943, abs=1e-4)
    assert res.pvalue == pytest.approx(0.1716, abs=1e-4)
    assert res.mean_difference == pytest.approx(175 / 3 - 12.5)
    # work and client: 50 for everyone at both times -> zero spread at both
    assert c.results["work"] is None
    assert c.reasons["work"] == "the work scores have zero spread at both time points, so t is undefined"


def test_welch_with_zero_spread_at_one_time_point_only_is_computed():
    """Zero spread at one time point (0, 0) but not the other: Welch's t is defined."""
    rows = [record("A", 1, 25), record("B", 1, 50), record("D", 2, 0), record("E", 2, 0)]
    c = compare_times(read_staff_survey(rows))
    res = c.results["personal"]
    assert isinstance(res, WelchResult)
    # mean difference 37.5, SE = sd(25, 50) / sqrt(2) = 12.5 -> t = 3
    assert res.statistic == pytest.approx(3.0)
    rows = [record("A", 1, 0), record("B", 1, 0), record("D", 2, 25), record("E", 2, 50)]
    res = compare_times(read_staff_survey(rows)).results["personal"]
    assert isinstance(res, WelchResult) and res.statistic == pytest.approx(-3.0)


@pytest.mark.parametrize(
    ("rows", "counts"),
    [
        ([record("A", 1, 25), record("D", 2, 0), record("E", 2, 25)], "time 1: 1, time 2: 2"),
        ([record("A", 1, 25), record("B", 1, 50), record("D", 2, 0)], "time 1: 2, time 2: 1"),
        (
            [record("A", 1, 25), record("B", 1, None), record("D", 2, 0), record("E", 2, 25)],
            "time 1: 1, time 2: 2",
        ),
    ],
)
def test_welch_needs_two_scores_at_each_time_point(rows: list[dict[str, Any]], counts: str):
    """Fewer than two scores (missing ones not counted) at either time point: not computed."""
    c = compare_times(read_staff_survey(rows))
    assert c.design == "independent"
    assert c.results["personal"] is None
    assert (
        c.reasons["personal"]
        == f"Welch's test needs at least 2 personal scores at each time point ({counts})"
    )


def test_named_time_points_are_compared_in_the_order_given():
    """compare_times(survey, 2, 1) compares time 2 against time 1: differences change sign."""
    c = compare_times(paired_survey(), 2, "1")
    assert (c.first, c.second) == ("2", "1")
    assert (c.only_first, c.only_second) == (("F",), ("E",))
    res = c.results["personal"]
    assert isinstance(res, PairedResult)
    assert res.mean_difference == pytest.approx(-31.25)


@pytest.mark.parametrize(("first", "second"), [(1, None), (None, 2)])
def test_one_time_point_alone_is_refused(first: object, second: object):
    """Naming only one of first and second is refused."""
    with pytest.raises(InputValueError, match="give both first and second time points, or neither"):
        compare_times(paired_survey(), first, second)


def test_a_survey_with_one_time_point_needs_two_named():
    """With one time point the default comparison is refused, naming the count."""
    survey = read_staff_survey([record("A", 1), record("B", 1)])
    with pytest.raises(InputValueError, match=r"the survey has 1 time points \(1\); name the two"):
        compare_times(survey)


def test_time_comparison_keeps_every_scale():
    """Results hold the three scales in order, a result or None each."""
    c = compare_times(paired_survey())
    assert isinstance(c, TimeComparison)
    assert list(c.results) == ["personal", "work", "client"]
    assert math.isfinite(c.results["personal"].statistic)  # type: ignore[union-attr]


def test_a_survey_with_no_answer_at_all_is_read_as_labels_with_missing_scores():
    """No answered item anywhere: nothing decides the coding, which stays 'labels'; all scores NaN."""
    survey = read_staff_survey([record("A", 1, None, None), record("B", 1, None, None)])
    assert survey.coding == "labels"
    assert math.isnan(survey.scores.personal[0]) and math.isnan(survey.scores.client[1])
    assert survey.scores.missing == {"personal": 2, "work": 2, "client": 2}
