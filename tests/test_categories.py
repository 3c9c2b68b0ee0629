"""Tests for safecore.categories."""

from __future__ import annotations

from enum import Enum, StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore import SafecoreError, UnknownLabelError, categories
from safecore.categories import (
    Applicability,
    Attainment,
    Change,
    CostOutcome,
    Engagement,
    GoalType,
    ProblemType,
    normalise_label,
)

ALL = (GoalType, ProblemType, CostOutcome, Attainment, Change, Engagement, Applicability)


def test_member_counts_match_the_report():
    """Table 2 has 18 goal types, Table 4 has 22 problem types, Table 6 has 8 outcomes."""
    assert len(GoalType) == 18
    assert len(ProblemType) == 22
    assert len(CostOutcome) == 8


def test_cost_outcome_is_a_strenum_with_the_documented_values():
    """CostOutcome values are the documented snake-case keys."""
    assert issubclass(CostOutcome, StrEnum)
    assert [m.value for m in CostOutcome] == [
        "education",
        "employment",
        "housing",
        "mental_health",
        "physical_health",
        "safety",
        "substance_misuse",
        "violence",
    ]
    assert CostOutcome.MENTAL_HEALTH == "mental_health"
    assert CostOutcome.MENTAL_HEALTH.label == "Mental Health"


@pytest.mark.parametrize("enum", ALL)
def test_every_label_round_trips(enum: type[Enum]):
    """from_label(m.label) is m for every member of every taxonomy."""
    for member in enum:
        assert enum.from_label(member.label) is member  # type: ignore[attr-defined]
        assert enum.from_label(member.value) is member  # type: ignore[attr-defined]


@given(st.sampled_from([m for e in ALL for m in e]), st.data())
def test_label_variants_parse(member: Enum, data: st.DataObject):
    """Case, spacing, '&' versus 'and' and dash variants do not matter."""
    label: str = member.label  # type: ignore[attr-defined]
    variant = label.upper() if data.draw(st.booleans()) else label.lower()
    variant = variant.replace("&", data.draw(st.sampled_from(["&", "and", " AND "])))
    variant = variant.replace("–", data.draw(st.sampled_from(["-", "—", " - ", "‐"])))
    variant = variant.replace(" ", data.draw(st.sampled_from([" ", "  ", "\t", "\u00a0"])))
    variant = (
        data.draw(st.sampled_from(["", " ", "\n"])) + variant + data.draw(st.sampled_from(["", "  "]))
    )
    assert type(member).from_label(variant) is member  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [
        (GoalType, "Education-attainment", GoalType.EDUCATION_ATTAINMENT),
        (GoalType, "guidance & boundaries", GoalType.GUIDANCE_AND_BOUNDARIES),
        (ProblemType, "Guidance and Boundaries", ProblemType.GUIDANCE_AND_BOUNDARIES),
        (ProblemType, "Negative Peer Group/Associations", ProblemType.NEGATIVE_PEER_GROUP),
        (ProblemType, "Emotional & Behavioural", ProblemType.EMOTIONAL_AND_BEHAVIOURAL_DEVELOPMENT),
        (Attainment, "Almost", Attainment.ALMOST_ACHIEVED),
        (Change, "Became worse", Change.DETERIORATED),
        (Applicability, "parents / carers", Applicability.PARENTS_CARERS),
        (CostOutcome, "MENTAL_HEALTH", CostOutcome.MENTAL_HEALTH),
    ],
)
def test_report_wordings_parse(enum: type[Enum], text: str, member: Enum):
    """Wordings used in the report's tables and headings parse to the right member."""
    assert enum.from_label(text) is member  # type: ignore[attr-defined]


def test_unknown_label_names_the_closest_labels():
    """An unknown label raises UnknownLabelError naming the closest valid labels, and only those."""
    with pytest.raises(UnknownLabelError, match=r"\(closest: 'Emotional Warmth'") as info:
        GoalType.from_label("Emotional Warmt")
    assert isinstance(info.value, SafecoreError)
    assert isinstance(info.value, ValueError)
    assert "'Safety'" not in str(info.value)  # not the whole list of valid labels


@pytest.mark.parametrize("enum", ALL)
def test_lookup_table_is_built_from_every_spelling(enum: type[Enum], monkeypatch: pytest.MonkeyPatch):
    """With the cache empty, the first lookup builds it from each member's label, value,
    name and aliases, and every one of them parses back to its member."""
    monkeypatch.setattr(categories, "_LOOKUPS", {})
    for member in enum:
        spellings = (member.label, member.value, member.name, *member.aliases)  # type: ignore[attr-defined]
        for text in spellings:
            assert enum.from_label(str(text)) is member  # type: ignore[attr-defined]
    assert categories._LOOKUPS[enum]  # built once, then kept


def test_unknown_label_with_no_close_match_lists_valid_labels():
    """With nothing close, the message lists the valid labels."""
    with pytest.raises(UnknownLabelError, match=r"valid: 'Engaged', 'Disengaged'"):
        Engagement.from_label("zzzz")


def test_non_string_label_is_a_type_error():
    """A non-string raises a TypeError (a SafecoreError) rather than AttributeError."""
    with pytest.raises(TypeError, match="label must be a string, not int"):
        Change.from_label(3)  # type: ignore[arg-type]


def test_goal_and_problem_labels_follow_the_report():
    """Labels are the report's wording, not the enum names."""
    assert GoalType.EDUCATION_ATTAINMENT.label == "Education – attainment"
    assert ProblemType.GUIDANCE_AND_BOUNDARIES.label == "Guidance & Boundaries"
    assert GoalType.GUIDANCE_AND_BOUNDARIES.label == "Guidance and Boundaries"
    assert str(Attainment.NOT_ACHIEVED) == "Not achieved"


def test_normalise_label_is_idempotent():
    """Normalising twice changes nothing."""
    for e in ALL:
        for m in e:
            once = normalise_label(m.label)  # type: ignore[attr-defined]
            assert normalise_label(once) == once
