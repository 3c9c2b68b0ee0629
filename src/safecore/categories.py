"""The report's taxonomies as enumerations that know their printed wording.

Each member carries the report's wording as ``.label`` and a stable
snake-case ``.value`` for files and JSON. ``from_label`` parses the wording
back, forgiving case, spacing, ``&`` versus ``and`` and dash variants.

Examples
--------
>>> from safecore.categories import Attainment, GoalType
>>> GoalType.from_label("education - ATTAINMENT")
<GoalType.EDUCATION_ATTAINMENT: 'education_attainment'>
>>> GoalType.EDUCATION_ATTAINMENT.label
'Education – attainment'
>>> Attainment.from_label("Almost")
<Attainment.ALMOST_ACHIEVED: 'almost_achieved'>
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from enum import Enum, StrEnum
from typing import Any, Self

from safecore._errors import InputTypeError, UnknownLabelError
from safecore._validate import type_name

__all__ = [
    "Applicability",
    "Attainment",
    "Change",
    "CostOutcome",
    "Engagement",
    "GoalType",
    "ProblemType",
    "normalise_label",
]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{_DASHES}]")
_PUNCT_SPACING_RE = re.compile(r"\s*([-/])\s*")
_SPACE_RE = re.compile(r"\s+")


def normalise_label(text: str) -> str:
    """Reduce a label to the form that ``from_label`` compares.

    Case is folded, every dash variant becomes ``-``, ``&`` becomes ``and``,
    underscores become spaces, and white space is collapsed (also around
    ``-`` and ``/``).

    Parameters
    ----------
    text : str
        A label as printed or typed.

    Returns
    -------
    str
        The normalised form.

    Examples
    --------
    >>> normalise_label("  Family &  Social\\u00a0Relationships ")
    'family and social relationships'
    >>> normalise_label("Education \\u2013 attainment") == normalise_label("education-attainment")
    True
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _DASH_RE.sub("-", t)
    t = t.replace("&", " and ").replace("_", " ")
    t = _PUNCT_SPACING_RE.sub(r" \1 ", t)
    return _SPACE_RE.sub(" ", t).strip()


_LOOKUPS: dict[type, dict[str, Any]] = {}


def _lookup(cls: type[Enum], text: object) -> Any:
    if isinstance(text, cls):
        return text
    if not isinstance(text, str):
        msg = f"{cls.__name__} label must be a string, not {type_name(text)}: {text!r}"
        raise InputTypeError(msg)
    table = _LOOKUPS.get(cls)
    if table is None:
        table = {}
        for member in cls:
            names = (member.label, member.value, member.name, *member.aliases)  # type: ignore[attr-defined]
            for name in names:
                table.setdefault(normalise_label(name), member)
        _LOOKUPS[cls] = table
    key = normalise_label(text)
    if key in table:
        return table[key]
    labels = {normalise_label(m.label): m.label for m in cls}  # type: ignore[attr-defined]
    close = difflib.get_close_matches(key, list(labels), n=3, cutoff=0.5)
    hint = (
        "closest: " + ", ".join(repr(labels[c]) for c in close)
        if close
        else "valid: " + ", ".join(repr(v) for v in labels.values())
    )
    msg = f"{text!r} is not a label of {cls.__name__} ({hint})"
    raise UnknownLabelError(msg)


class _Labelled:
    """Mixin: the report's wording (``label``), accepted aliases and ``from_label``."""

    _label: str
    _aliases: tuple[str, ...]

    @property
    def label(self) -> str:
        """The report's wording for this member."""
        return self._label

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other wordings that ``from_label`` accepts for this member."""
        return self._aliases

    @classmethod
    def from_label(cls, text: str) -> Self:
        """Return the member whose label, alias, value or name matches *text*.

        Raises
        ------
        UnknownLabelError
            If nothing matches; the message names the closest labels.
        """
        member: Self = _lookup(cls, text)  # type: ignore[arg-type]
        return member


class _LabelledEnum(_Labelled, Enum):
    """An enumeration whose members carry the report's wording."""

    _value_: str

    def __new__(cls, value: str, label: str, *aliases: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member._label = label
        member._aliases = aliases
        return member

    def __str__(self) -> str:
        return self._label


class _LabelledStrEnum(_Labelled, StrEnum):
    """A string enumeration whose members carry the report's wording."""

    _value_: str

    def __new__(cls, value: str, label: str, *aliases: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        member._aliases = aliases
        return member


class GoalType(_LabelledEnum):
    """The 18 goal types of Table 2, in the report's order.

    Examples
    --------
    >>> from safecore.categories import GoalType
    >>> goal = GoalType.from_label("family and social relationships")
    >>> goal
    <GoalType.FAMILY_AND_SOCIAL_RELATIONSHIPS: 'family_and_social_relationships'>
    >>> goal.label, goal.value
    ('Family & Social Relationships', 'family_and_social_relationships')
    >>> len(GoalType), [g.label for g in GoalType][:3]
    (18, ['Family & Social Relationships', 'Safety', 'Emotional & Behavioural Development'])

    A label that matches nothing raises `UnknownLabelError` (a ``ValueError``)
    naming the closest labels:

    >>> try:
    ...     GoalType.from_label("Saftey")
    ... except ValueError as err:
    ...     print(err)
    'Saftey' is not a label of GoalType (closest: 'Safety')
    """

    FAMILY_AND_SOCIAL_RELATIONSHIPS = "family_and_social_relationships", "Family & Social Relationships"
    SAFETY = "safety", "Safety"
    EMOTIONAL_AND_BEHAVIOURAL_DEVELOPMENT = (
        "emotional_and_behavioural_development",
        "Emotional & Behavioural Development",
    )
    EMOTIONAL_WARMTH = "emotional_warmth", "Emotional Warmth"
    EDUCATION_ATTAINMENT = "education_attainment", "Education – attainment"
    HEALTH = "health", "Health"
    SELF_CARE_SKILLS = "self_care_skills", "Self-Care Skills"
    ACCESSING_COMMUNITY_RESOURCES = "accessing_community_resources", "Accessing Community Resources"
    STIMULATION_AND_POSITIVE_ACTIVITIES = (
        "stimulation_and_positive_activities",
        "Stimulation & Positive Activities",
    )
    GUIDANCE_AND_BOUNDARIES = "guidance_and_boundaries", "Guidance and Boundaries"
    HOUSING = "housing", "Housing"
    STABILITY = "stability", "Stability"
    EDUCATION_OTHER = "education_other", "Education – other"
    EMPLOYMENT = "employment", "Employment"
    WIDER_FAMILY = "wider_family", "Wider Family"
    BASIC_CARE = "basic_care", "Basic Care"
    FINANCIAL = "financial", "Financial"
    SOCIAL_INTEGRATION = "social_integration", "Social Integration"


class ProblemType(_LabelledEnum):
    """The 22 problem types of Table 4, in the report's order.

    Examples
    --------
    >>> from safecore.categories import ProblemType
    >>> ProblemType.from_label("Emotional & Behavioural")  # an alias the case notes use
    <ProblemType.EMOTIONAL_AND_BEHAVIOURAL_DEVELOPMENT: 'emotional_and_behavioural_development'>
    >>> ProblemType("mental_health").label
    'Mental Health'
    >>> len(ProblemType), [p.value for p in ProblemType][:3]
    (22, ['conflict', 'family_and_social_relationships', 'violence'])
    """

    CONFLICT = "conflict", "Conflict"
    FAMILY_AND_SOCIAL_RELATIONSHIPS = "family_and_social_relationships", "Family & Social Relationships"
    VIOLENCE = "violence", "Violence"
    SAFETY = "safety", "Safety"
    MENTAL_HEALTH = "mental_health", "Mental Health"
    EDUCATION = "education", "Education"
    EMOTIONAL_AND_BEHAVIOURAL_DEVELOPMENT = (
        "emotional_and_behavioural_development",
        "Emotional & Behavioural Development",
        "Emotional & Behavioural",
    )
    HOUSING = "housing", "Housing"
    FINANCIAL = "financial", "Financial"
    GUIDANCE_AND_BOUNDARIES = "guidance_and_boundaries", "Guidance & Boundaries"
    ACCESSING_COMMUNITY_RESOURCES = "accessing_community_resources", "Accessing Community Resources"
    SOCIAL_INTEGRATION = "social_integration", "Social Integration"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance Misuse"
    PHYSICAL_HEALTH = "physical_health", "Physical Health"
    WIDER_FAMILY = "wider_family", "Wider Family"
    EMPLOYMENT = "employment", "Employment"
    STIMULATION_AND_POSITIVE_ACTIVITIES = (
        "stimulation_and_positive_activities",
        "Stimulation & Positive Activities",
    )
    BASIC_CARE = "basic_care", "Basic Care"
    SELF_CARE_SKILLS = "self_care_skills", "Self-Care Skills"
    STABILITY = "stability", "Stability"
    EMOTIONAL_WARMTH = "emotional_warmth", "Emotional Warmth"
    NEGATIVE_PEER_GROUP = (
        "negative_peer_group",
        "Negative peer group / associations",
        "Negative peer group",
    )


class CostOutcome(_LabelledStrEnum):
    """The 8 monetised outcomes of Table 6; values are stable string keys.

    Members are strings (their ``value``), so they serve directly as keys of
    JSON and of mappings read from files.

    Examples
    --------
    >>> from safecore.categories import CostOutcome
    >>> outcome = CostOutcome.from_label("Mental Health")
    >>> outcome, outcome.label
    (<CostOutcome.MENTAL_HEALTH: 'mental_health'>, 'Mental Health')
    >>> outcome == "mental_health", CostOutcome("housing") is CostOutcome.HOUSING
    (True, True)
    >>> [o.value for o in CostOutcome]
    ['education', 'employment', 'housing', 'mental_health', 'physical_health', 'safety',
     'substance_misuse', 'violence']
    """

    EDUCATION = "education", "Education"
    EMPLOYMENT = "employment", "Employment"
    HOUSING = "housing", "Housing"
    MENTAL_HEALTH = "mental_health", "Mental Health"
    PHYSICAL_HEALTH = "physical_health", "Physical Health"
    SAFETY = "safety", "Safety"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance Misuse"
    VIOLENCE = "violence", "Violence"


class Attainment(_LabelledEnum):
    """Goal attainment as recorded in case notes (Tables 2 and 3).

    Examples
    --------
    >>> from safecore.categories import Attainment
    >>> Attainment.from_label("almost")
    <Attainment.ALMOST_ACHIEVED: 'almost_achieved'>
    >>> [str(a) for a in Attainment]
    ['Achieved', 'Almost achieved', 'Not achieved']
    >>> Attainment.NOT_ACHIEVED.value
    'not_achieved'
    """

    ACHIEVED = "achieved", "Achieved"
    ALMOST_ACHIEVED = "almost_achieved", "Almost achieved", "Almost"
    NOT_ACHIEVED = "not_achieved", "Not achieved"


class Change(_LabelledEnum):
    """Problem change as recorded in case notes (Tables 4 and 5).

    Examples
    --------
    >>> from safecore.categories import Change
    >>> Change.from_label("Became worse")
    <Change.DETERIORATED: 'deteriorated'>
    >>> Change.DETERIORATED.aliases
    ('Became worse', 'Worse')
    >>> [(c.value, c.label) for c in Change]
    [('improved', 'Improved'), ('no_change', 'No change'), ('deteriorated', 'Deteriorated')]
    """

    IMPROVED = "improved", "Improved"
    NO_CHANGE = "no_change", "No change"
    DETERIORATED = "deteriorated", "Deteriorated", "Became worse", "Worse"


class Engagement(_LabelledEnum):
    """Whether a family completed the intervention (engaged) or not (disengaged).

    Examples
    --------
    >>> from safecore.categories import Engagement
    >>> Engagement.from_label(" ENGAGED ")
    <Engagement.ENGAGED: 'engaged'>
    >>> [e.label for e in Engagement], Engagement("disengaged").label
    (['Engaged', 'Disengaged'], 'Disengaged')
    """

    ENGAGED = "engaged", "Engaged"
    DISENGAGED = "disengaged", "Disengaged"


class Applicability(_LabelledEnum):
    """Whom a goal applies to (text of section 3).

    Examples
    --------
    >>> from safecore.categories import Applicability
    >>> Applicability.from_label("Parents and carers")
    <Applicability.PARENTS_CARERS: 'parents_carers'>
    >>> [a.label for a in Applicability]
    ['Whole family', 'Parents/carers', 'Children']
    """

    WHOLE_FAMILY = "whole_family", "Whole family"
    PARENTS_CARERS = "parents_carers", "Parents/carers", "Parents and carers"
    CHILDREN = "children", "Children"
