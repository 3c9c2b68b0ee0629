"""Tests for safecore.datasets: the embedded 2020 case-note tables."""

from __future__ import annotations

import warnings

import pytest

from safecore import Attainment, Change, Engagement, GoalType, SmallExpectedWarning
from safecore.datasets import safecore_2020
from safecore.stats.contingency import chi_square


def test_table_3_reproduced_from_embedded_data():
    """Table 3 recomputed from the embedded data: chi-square 35.41, p < .001."""
    data = safecore_2020()
    t = data.goal_attainment
    assert t.row_labels == (Engagement.ENGAGED, Engagement.DISENGAGED)
    assert t.column_labels == tuple(Attainment)
    res = chi_square(t)
    assert f"{res.statistic:.2f}" == f"{data.tables[3].extra['statistic']:.2f}" == "35.41"
    assert res.pvalue < 0.001


def test_table_5_reproduced_from_embedded_data():
    """Table 5 recomputed from the embedded data: chi-square 13.96, p = .0009."""
    data = safecore_2020()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        res = chi_square(data.problem_change)
    assert f"{res.statistic:.2f}" == "13.96"
    assert f"{res.pvalue:.4f}" == data.tables[5].extra["pvalue"]
    assert data.problem_change.column_labels == tuple(Change)


def test_table_3_percentages_reproduced():
    """Table 3's printed percentages are the round-half-up row percentages."""
    data = safecore_2020()
    assert data.goal_attainment.row_percentages().tolist() == data.tables[3].percents.tolist()


def test_table_2_missing_attainment_counted():
    """Table 2 has three goals with no attainment recorded, and 95 goals in all."""
    t = safecore_2020().goal_types
    assert t.missing == 3
    assert t.total == 95 == safecore_2020().text["goals"]
    rows = dict(zip(t.row_labels, t.row_missing.tolist(), strict=True))
    assert rows[GoalType.HOUSING] == rows[GoalType.SELF_CARE_SKILLS] == 1
    assert rows[GoalType.FAMILY_AND_SOCIAL_RELATIONSHIPS] == 1


def test_tables_transcribed_faithfully():
    """Spot checks of the transcription against the printed tables (slips included)."""
    data = safecore_2020()
    t4 = data.tables[4]
    row = t4.row_labels.index("Stimulation & Positive Activities")
    assert t4.counts[row].tolist() == [4, 4, 0]  # printed 4 (100%) 4 (100%): a slip, kept
    assert t4.n is not None and t4.n[row] == 4
    assert len(data.tables[2].row_labels) == 18 and len(t4.row_labels) == 22
    assert data.tables[5].column_labels[-1] == "Became worse"


def test_every_label_parses():
    """Every printed row and column label parses to a category."""
    for number in (2, 3, 4, 5):
        t = safecore_2020().tables[number].tally()
        assert all(not isinstance(x, str) for x in t.row_labels + t.column_labels)


def test_published_table_outputs():
    """Published tables render to HTML and to_dict."""
    t = safecore_2020().tables[2]
    assert "Table 2" in t._repr_html_() and "<table>" in t._repr_html_()
    assert t.to_dict()["stated_total"] == 95
    assert repr(t).startswith("PublishedTable(number=2")


@pytest.mark.parametrize("number", [2, 3, 4, 5])
def test_percents_shape_matches_counts(number: int):
    """Each table's percentages have the counts' shape."""
    t = safecore_2020().tables[number]
    assert t.percents.shape == t.counts.shape


def test_staff_survey_tables_9_and_10():
    """Tables 9 and 10 and the self-efficacy figures are embedded as printed."""
    from safecore.datasets import staff_survey_2020

    staff = staff_survey_2020()
    assert len(staff.table(9)) == 6 and len(staff.table(10)) == 8
    row = staff.get("others_action", 2)
    assert (row.n, row.mean, row.ci_low, row.ci_high, row.sd) == (9, 35.9, 33.8, 37.8, 4.0)
    assert staff.get("self_efficacy", 1).n is None
    assert staff.norms["personal"] == 57.9 and staff.norms["n"] == 1720
    assert staff.staff_surveyed == 13
    with pytest.raises(KeyError, match="no published summary"):
        staff.get("personal", 3)
    assert "StaffSurvey2020(rows=16" in repr(staff)
    assert "Personal burnout, time 1" in repr(staff.get("personal", 1))


def test_published_table_frame():
    """A published table's frame: printed N, counts and percentages in snake_case columns."""
    pytest.importorskip("pandas")
    df = safecore_2020().tables[3].to_frame().set_index("row")
    assert df.columns.tolist()[:2] == ["achieved", "achieved_percent"]
    assert df.loc["Engaged", "achieved"] == 76
    assert "Table 3" in safecore_2020().tables[3].summary()
