"""Questionnaire instruments as data: one engine scores every scale described by a spec.

An [`Instrument`][safecore.scales.instrument.Instrument] is a questionnaire described as data: its
items (with ids, subscale and response format), the response sets (option label -> points), reversed
items and, per subscale, how answers are combined (mean or sum), how many must be answered and
whether a sum is prorated. It is read from a TOML file with
[`Instrument.from_toml`][safecore.scales.instrument.Instrument.from_toml] (or built from a Python
dict with [`Instrument.from_dict`][safecore.scales.instrument.Instrument.from_dict]) and scores
responses with [`Instrument.score`][safecore.scales.instrument.Instrument.score], returning
[`InstrumentScores`][safecore.scales.instrument.InstrumentScores].

The CBI and the CEAS are two such specs (``specs/cbi.toml`` and
``specs/ceas.toml`` in this package); adding a scale adds a file, not a
module.

Examples
--------
>>> import tempfile, pathlib
>>> spec = pathlib.Path(tempfile.mkdtemp()) / "calm.toml"
>>> _ = spec.write_text('''
... name = "Example scale"
... [responses]
... "Never" = 0
... "Sometimes" = 50
... "Always" = 100
... [[items]]
... id = "w1"
... subscale = "calm"
... [[items]]
... id = "w2"
... subscale = "calm"
... reversed = true
... [subscales.calm]
... aggregate = "mean"
... min_answered = 2
... ''', encoding="utf-8")
>>> scale = Instrument.from_toml(spec)
>>> scores = scale.score([["Always", "Never"], ["sometimes", None]])
>>> scores.scores["calm"].tolist()    # w2 reversed: Never -> 100; row 2 has one answer of 2
[100.0, nan]
>>> scores.calm.tolist(), scores.missing  # a subscale is also an attribute
([100.0, nan], {'calm': 1})
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import FileFormatError, InputTypeError, InputValueError, ResponseError
from safecore._read import read_toml, toml_array_of_tables, toml_table, toml_unknown_keys
from safecore._results import Result, ResultTable
from safecore._validate import (
    a_type_name,
    check_instance,
    check_real,
    check_text,
    check_whole,
    is_number,
    show_value,
    type_name,
)
from safecore.categories import normalise_label
from safecore.scales._common import (
    Markers,
    Responses,
    as_matrix,
    as_numeric,
    first_bad,
    resolve_minimum,
    response_markers,
)

__all__ = [
    "ArrayMap",
    "Instrument",
    "InstrumentScores",
    "Item",
    "ResponseSet",
    "Subscale",
    "check_coding",
    "packaged_instrument",
]

Coding = Literal["labels", "points", "codes"]
Direction = Literal["ascending", "descending"]
Aggregate = Literal["mean", "sum"]

_AGGREGATES: Final = ("mean", "sum")
_TOP_KEYS: Final = ("name", "short_name", "reference", "responses", "items", "subscales")
_ITEM_KEYS: Final = ("id", "subscale", "filler", "reversed", "response", "text")
_SUBSCALE_KEYS: Final = ("aggregate", "min_answered", "prorate", "description")
_SUBSCALE_NAME: Final = re.compile(r"[a-z][a-z0-9_]*\Z")
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+\Z")
#: InstrumentScores attributes a subscale may not shadow.
_RESERVED: Final = frozenset(
    {"instrument", "form", "scores", "answered", "prorated", "min_answered", "missing", "n", "subscales"}
    | {"summary", "to_dict", "to_frame"}
)
_MISSING_WORDS: Final = frozenset({"nan", "na", "n/a", "none", "null"})


# -- the spec -------------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class ResponseSet:
    """A response format: the option labels and the points each one scores.

    Attributes
    ----------
    name : str
        The set's name (``"frequency"``); ``""`` for the default ``[responses]`` set.
    labels : tuple of (str, float)
        Each option label as written in the spec and its points. Several
        labels may score the same points (``"Never"`` and ``"Almost never"``).

    Examples
    --------
    The CBI's frequency options, from its [`Instrument`][safecore.scales.instrument.Instrument]:

    >>> from safecore.scales import CBI
    >>> frequency = CBI.response_set("frequency")
    >>> frequency.labels[:3]
    (('Always', 100.0), ('Often', 75.0), ('Sometimes', 50.0))
    >>> frequency.points, frequency.lowest, frequency.highest
    ((0.0, 25.0, 50.0, 75.0, 100.0), 0.0, 100.0)
    >>> frequency.describe_points()
    'one of 0, 25, 50, 75, 100'
    >>> frequency.lookup()["almost never"]  # labels are matched ignoring case and spacing
    0.0
    """

    name: str
    labels: tuple[tuple[str, float], ...]

    @property
    def display_name(self) -> str:
        """The name used in messages (``"default"`` for the unnamed set)."""
        return self.name or "default"

    @property
    def points(self) -> tuple[float, ...]:
        """The distinct points, lowest first."""
        return tuple(sorted({p for _, p in self.labels}))

    @property
    def lowest(self) -> float:
        """The fewest points an answer scores."""
        return self.points[0]

    @property
    def highest(self) -> float:
        """The most points an answer scores."""
        return self.points[-1]

    def lookup(self) -> dict[str, float]:
        """Normalised label (case, dashes and spacing ignored) -> points."""
        return {normalise_label(label): p for label, p in self.labels}

    def describe_points(self) -> str:
        """Describe the accepted points: ``one of 0, 25, 50`` or ``a whole number from 1 to 10``."""
        pts = self.points
        if len(pts) > 2 and all(p.is_integer() for p in pts) and pts[-1] - pts[0] == len(pts) - 1:
            return f"a whole number from {pts[0]:g} to {pts[-1]:g}"
        return "one of " + ", ".join(f"{p:g}" for p in pts)


@attrs.frozen(slots=True)
class Item:
    """One item of an instrument.

    Attributes
    ----------
    id : str
        The item's id: a DataFrame column name, an ``order=`` entry.
    number : int
        Its 1-based position in the spec (the published numbering).
    subscale : str or None
        The subscale it counts towards; ``None`` for a filler (answered, checked, not scored).
    response : str or None
        The name of its response set (``""`` for the default set); ``None``
        when the instrument declares no response set and the item takes any
        finite number as its points.
    reversed : bool
        Whether it is scored reversed: points -> highest + lowest - points of its set.
    text : str
        The item's wording (optional).

    Examples
    --------
    Item 13 of the CBI, the one item scored reversed:

    >>> from safecore.scales import CBI
    >>> item = CBI.items[12]
    >>> item.id, item.number, item.subscale, item.response, item.reversed
    ('cbi13', 13, 'work', 'frequency', True)
    >>> item.text
    'Do you have enough energy for family and friends during leisure time?'
    >>> item.filler
    False
    """

    id: str
    number: int
    subscale: str | None
    response: str | None
    reversed: bool = False
    text: str = ""

    @property
    def filler(self) -> bool:
        """Whether the item is answered but not scored."""
        return self.subscale is None


@attrs.frozen(slots=True)
class Subscale:
    """One score of an instrument.

    Attributes
    ----------
    name : str
        A lower-case identifier (``"personal"``), the score's column and attribute name.
    items : tuple of str
        Its item ids, in spec order.
    aggregate : {"mean", "sum"}
        The mean of the answered items, or their sum.
    min_answered : int
        Fewest answered items for a score (default: every item).
    prorate : bool
        For a sum: with at least *min_answered* but not all items answered,
        the sum is the mean of the answered items times the item count. A sum
        is never taken over fewer items as if the missing ones were zero.
    description : str
        Optional wording.

    Examples
    --------
    >>> from safecore.scales import CBI
    >>> personal = CBI.subscale("personal")
    >>> personal.items
    ('cbi01', 'cbi02', 'cbi03', 'cbi04', 'cbi05', 'cbi06')
    >>> personal.aggregate, personal.min_answered, personal.prorate
    ('mean', 3, False)
    >>> personal.description
    'Personal burnout (items 1-6)'
    """

    name: str
    items: tuple[str, ...]
    aggregate: Aggregate
    min_answered: int
    prorate: bool = False
    description: str = ""


def _key(*parts: str) -> str:
    """Join a TOML key path, quoting keys that are not bare (``responses."Never / seldom"``)."""
    return ".".join(p if _BARE_KEY.match(p) else json.dumps(p, ensure_ascii=False) for p in parts)


def _fail(where: str, message: str) -> FileFormatError:
    return FileFormatError(f"{where}: {message}")


def _response_set(name: str, table: Mapping[str, Any], path: tuple[str, ...], where: str) -> ResponseSet:
    labels: list[tuple[str, float]] = []
    seen: dict[str, str] = {}
    for label, value in table.items():
        keypath = _key(*path, label)
        points = check_real(
            value, keypath, where=where, error=FileFormatError, type_error=FileFormatError
        )
        norm = normalise_label(label)
        if not norm:
            raise _fail(where, f"{keypath}: a response label must be non-blank text")
        if norm in seen:
            raise _fail(
                where,
                f"{keypath}: label {label!r} is the same as {seen[norm]!r} once case, dashes and "
                "spacing are ignored; give each option once",
            )
        seen[norm] = label
        labels.append((label, points))
    if not labels:
        raise _fail(where, f"{_key(*path)} has no labels; give label = points pairs")
    return ResponseSet(name, tuple(labels))


def _response_sets(value: object, where: str) -> dict[str, ResponseSet]:
    table = toml_table(value, "responses", where, FileFormatError)
    default: dict[str, Any] = {}
    sets: dict[str, ResponseSet] = {}
    for key, entry in table.items():
        if isinstance(entry, dict):
            sets[key] = _response_set(key, entry, ("responses", key), where)
        else:
            default[key] = entry  # a label of the default set: its points must be a number
    if default:
        sets = {"": _response_set("", default, ("responses",), where), **sets}
    return sets


def _text(value: object, keypath: str, where: str) -> str:
    return check_text(value, keypath, where=where, error=FileFormatError, type_error=FileFormatError)


def _flag(spec: Mapping[str, Any], key: str, keypath: str, where: str) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        kind = type_name(value)
        raise _fail(where, f"{keypath} must be true or false, not {kind}: {show_value(value)}")
    return value


def _item_subscale(
    spec: Mapping[str, Any], path: str, item_id: str, subscales: Sequence[str], where: str
) -> str | None:
    if _flag(spec, "filler", f"{path}.filler", where):
        if "subscale" in spec:
            raise _fail(
                where, f"{path}: a filler item (filler = true) is not scored, so it has no subscale"
            )
        if _flag(spec, "reversed", f"{path}.reversed", where):
            raise _fail(
                where, f"{path}: a filler item (filler = true) is not scored, so it cannot be reversed"
            )
        return None
    if "subscale" not in spec:
        raise _fail(
            where,
            f"{path}.subscale is missing (item {item_id!r}); name its subscale, or set "
            "filler = true for an item that is answered but not scored",
        )
    subscale = _text(spec["subscale"], f"{path}.subscale", where)
    if subscale not in subscales:
        declared = ", ".join(subscales) or "none"
        raise _fail(
            where,
            f"{path}.subscale names undeclared subscale {subscale!r} (item {item_id!r}; "
            f"declared: {declared}); declare it as [subscales.{subscale}]",
        )
    return subscale


def _item_response(
    spec: Mapping[str, Any], path: str, item_id: str, sets: Mapping[str, ResponseSet], where: str
) -> str | None:
    if "response" in spec:
        response = _text(spec["response"], f"{path}.response", where)
        if response not in sets:  # never "": _text refuses empty text
            named = ", ".join(s for s in sets if s) or "none"
            raise _fail(
                where,
                f"{path}.response names undeclared response set {response!r} (item {item_id!r}; "
                f"declared: {named}); declare it as [responses.{response}]",
            )
        return response
    if "" in sets:
        return ""
    if sets:
        raise _fail(
            where,
            f"{path}.response is missing (item {item_id!r}) and there is no default [responses] "
            f"set; name one of: {', '.join(sets)}",
        )
    return None  # no response sets at all: the item takes any finite number


def _item(
    k: int,
    spec: Mapping[str, Any],
    sets: Mapping[str, ResponseSet],
    subscales: Sequence[str],
    where: str,
) -> Item:
    path = f"items[{k}]"
    toml_unknown_keys(spec, _ITEM_KEYS, path, where, FileFormatError)
    if "id" not in spec:
        raise _fail(where, f"{path}.id is missing; every item needs an id (its column name)")
    item_id = _text(spec["id"], f"{path}.id", where)
    subscale = _item_subscale(spec, path, item_id, subscales, where)
    response = _item_response(spec, path, item_id, sets, where)
    reversed_ = _flag(spec, "reversed", f"{path}.reversed", where)
    if reversed_ and response is None:
        raise _fail(
            where,
            f"{path}.reversed: item {item_id!r} is reversed but has no numeric response set "
            "(reversing maps points to highest + lowest - points of its set); declare [responses]",
        )
    text = spec.get("text", "")
    if not isinstance(text, str):
        raise _fail(where, f"{path}.text must be text, not {type_name(text)}: {show_value(text)}")
    return Item(item_id, k, subscale, response, reversed_, text.strip())


def _subscale(name: str, spec: Mapping[str, Any], items: tuple[str, ...], where: str) -> Subscale:
    path = f"subscales.{name}"
    toml_unknown_keys(spec, _SUBSCALE_KEYS, path, where, FileFormatError)
    if not items:
        raise _fail(where, f"{path} has no items; name it as the subscale of at least one [[items]]")
    if "aggregate" not in spec:
        raise _fail(where, f'{path}.aggregate is missing; write aggregate = "mean" or "sum"')
    aggregate = spec["aggregate"]
    if aggregate not in _AGGREGATES:
        raise _fail(where, f'{path}.aggregate must be "mean" or "sum": {show_value(aggregate)}')
    prorate = _flag(spec, "prorate", f"{path}.prorate", where)
    if prorate and aggregate != "sum":
        raise _fail(where, f'{path}.prorate applies to aggregate = "sum" (a mean needs no prorating)')
    size = len(items)
    minimum = size
    if "min_answered" in spec:
        value = spec["min_answered"]
        keypath = f"{path}.min_answered"
        minimum = check_whole(
            value,
            keypath,
            minimum=None,
            maximum=None,
            where=where,
            error=FileFormatError,
            type_error=FileFormatError,
        )
        if not 1 <= minimum <= size:
            raise _fail(
                where,
                f"{keypath} must be a whole number from 1 to {size} (subscale {name!r} has {size} "
                f"items): {show_value(value)}",
            )
        if aggregate == "sum" and not prorate and minimum < size:
            raise _fail(
                where,
                f"{keypath} is {minimum} of {size} items for a sum without prorate = true: a sum "
                "over fewer items would count the missing answers as zero; set prorate = true or "
                f"min_answered = {size}",
            )
    description = spec.get("description", "")
    if not isinstance(description, str):
        raise _fail(where, f"{path}.description must be text, not {type_name(description)}")
    return Subscale(name, items, aggregate, minimum, prorate, description.strip())


def _from_spec(data: Mapping[str, Any], where: str) -> Instrument:
    toml_unknown_keys(data, _TOP_KEYS, "", where, FileFormatError)
    for required in ("name", "items", "subscales"):
        if required not in data:
            raise _fail(where, f"{required} is missing (required: name, [[items]], [subscales.<name>])")
    name = _text(data["name"], "name", where)
    short = _text(data.get("short_name", name), "short_name", where)
    reference = _text(data["reference"], "reference", where) if "reference" in data else ""
    sets = _response_sets(data.get("responses", {}), where)
    declared = toml_table(data["subscales"], "subscales", where, FileFormatError)
    if not declared:
        raise _fail(where, "subscales is empty; declare at least one [subscales.<name>] table")
    for sub_name, sub_spec in declared.items():
        path = f"subscales.{_key(sub_name)}"
        if not _SUBSCALE_NAME.match(sub_name):
            raise _fail(
                where,
                f"{path}: a subscale name must be a lower-case identifier (letters, digits, _; "
                f"starting with a letter): {sub_name!r}",
            )
        if sub_name in _RESERVED:
            raise _fail(
                where, f"{path}: {sub_name!r} is reserved (an attribute of the scores); rename it"
            )
        toml_table(sub_spec, path, where, FileFormatError)
    rows = toml_array_of_tables(data["items"], "items", where, FileFormatError)
    if not rows:
        raise _fail(where, "items is empty; declare each item as an [[items]] table")
    items: list[Item] = []
    first: dict[str, int] = {}
    for k, row in enumerate(rows, start=1):
        item = _item(k, row, sets, tuple(declared), where)
        if item.id in first:
            raise _fail(
                where,
                f"items[{k}].id {item.id!r} repeats items[{first[item.id]}].id; item ids must be unique",
            )
        first[item.id] = k
        items.append(item)
    subscales = tuple(
        _subscale(s, spec, tuple(i.id for i in items if i.subscale == s), where)
        for s, spec in declared.items()
    )
    return Instrument(name, tuple(items), subscales, tuple(sets.values()), short, reference)


# -- the scores -----------------------------------------------------------------------------------


class ArrayMap(Mapping[str, NDArray[Any]]):
    """A read-only mapping of names to read-only arrays, equal when every array is (NaN equal to NaN).

    Examples
    --------
    The per-subscale arrays of [`InstrumentScores`][safecore.scales.instrument.InstrumentScores]
    are held in this mapping:

    >>> import numpy as np
    >>> from safecore.scales import score_cbi
    >>> scores = score_cbi(np.full((2, 19), 50.0), coding="points").scores
    >>> list(scores), scores["personal"].tolist()
    (['personal', 'work', 'client'], [50.0, 50.0])
    >>> scores["personal"].flags.writeable
    False

    Two are equal when every array is, NaN matching NaN:

    >>> from safecore.scales.instrument import ArrayMap
    >>> ArrayMap({"work": [62.5, np.nan]}) == {"work": np.array([62.5, np.nan])}
    True
    """

    __slots__ = ("_arrays",)

    def __init__(self, arrays: Mapping[str, ArrayLike]) -> None:
        data: dict[str, NDArray[Any]] = {}
        for name, values in arrays.items():
            array = np.array(values)  # a copy: the caller's array stays writeable and unshared
            array.setflags(write=False)
            data[str(name)] = array
        self._arrays = data

    def __getitem__(self, name: str) -> NDArray[Any]:
        return self._arrays[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping) or list(self) != list(other):
            return False
        for name, mine in self._arrays.items():
            theirs = np.asarray(other[name])
            if mine.shape != theirs.shape:
                return False
            nan_equal = mine.dtype.kind in "fc" and theirs.dtype.kind in "fc"
            if not np.array_equal(mine, theirs, equal_nan=nan_equal):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ArrayMap({self._arrays!r})"


def _int_dict(values: Mapping[str, int]) -> dict[str, int]:
    return {str(k): int(v) for k, v in values.items()}


@attrs.frozen(slots=True, repr=False, eq=False)
class InstrumentScores(Result):
    """Subscale scores per respondent, from `Instrument.score`.

    A subscale's scores are also an attribute: ``scores.personal`` is
    ``scores.scores["personal"]`` (kept for code written for the former
    ``CBIScores`` and ``CEASScores``; subscale names are lower-case
    identifiers that never shadow the attributes below).

    Attributes
    ----------
    instrument : str
        The instrument's short name (``"CBI"``).
    scores : mapping of str to ndarray of float, shape (n,)
        Per subscale, in spec order: the score of each respondent, NaN where
        fewer than *min_answered* items were answered. Read-only.
    answered : mapping of str to ndarray of int
        Scored items answered per respondent, per subscale.
    prorated : mapping of str to ndarray of bool
        Whether a respondent's sum was prorated from fewer than all items
        (always false for a mean).
    min_answered : dict of str to int
        The minimum used for each subscale.
    form : str or None
        Which form of the instrument was answered, when it has several
        (the CEAS ``"self"``, ``"others"``, ``"from_others"``).

    Examples
    --------
    Returned by [`Instrument.score`][safecore.scales.instrument.Instrument.score] (and
    [`score_cbi`][safecore.scales.cbi.score_cbi]); here a four-item team check whose
    ``strain`` sum is prorated when one of its three items is unanswered:

    >>> from safecore.scales.instrument import Instrument
    >>> check = Instrument.from_dict({
    ...     "name": "Team wellbeing check", "short_name": "TWC",
    ...     "responses": {"Never": 0, "Sometimes": 1, "Often": 2},
    ...     "items": [{"id": "q1", "subscale": "strain"}, {"id": "q2", "subscale": "strain"},
    ...               {"id": "q3", "subscale": "strain", "reversed": True},
    ...               {"id": "q4", "subscale": "support"}],
    ...     "subscales": {"strain": {"aggregate": "sum", "min_answered": 2, "prorate": True},
    ...                   "support": {"aggregate": "mean"}},
    ... })
    >>> s = check.score([["Often", "Sometimes", "Never", "Often"],
    ...                  ["Sometimes", None, "Never", "Sometimes"],
    ...                  [None, None, "Often", None]])
    >>> s
    InstrumentScores('TWC', n=3, missing={'strain': 1, 'support': 1})
    >>> s.subscales, s.n
    (('strain', 'support'), 3)
    >>> s.strain.tolist(), s.answered["strain"].tolist(), s.prorated["strain"].tolist()
    ([5.0, 4.5, nan], [3, 2, 1], [False, True, False])
    >>> print(s.summary())
    TWC scores, 3 respondents; no score (too few answers): strain 1, support 1
    """

    instrument: str
    scores: ArrayMap = attrs.field(converter=ArrayMap)
    answered: ArrayMap = attrs.field(converter=ArrayMap)
    prorated: ArrayMap = attrs.field(converter=ArrayMap)
    min_answered: dict[str, int] = attrs.field(converter=_int_dict)
    form: str | None = None

    @property
    def subscales(self) -> tuple[str, ...]:
        """Subscale names, in spec order."""
        return tuple(self.scores)

    @property
    def n(self) -> int:
        """Respondents."""
        return len(next(iter(self.scores.values()))) if self.scores else 0

    @property
    def missing(self) -> dict[str, int]:
        """Respondents with no score (too few answered items), per subscale."""
        return {s: int(np.isnan(v).sum()) for s, v in self.scores.items()}

    def __getattr__(self, name: str) -> NDArray[np.float64]:
        """Return a subscale's scores as an attribute (``scores.personal``)."""
        if name.startswith("_") or name == "scores":  # not yet set (unpickling) or private
            raise AttributeError(name)
        scores = self.scores
        if name in scores:
            values: NDArray[np.float64] = scores[name]
            return values
        msg = (
            f"{type(self).__name__!r} object has no attribute {name!r} (subscales: {', '.join(scores)})"
        )
        raise AttributeError(msg)

    def _title(self) -> str:
        return f"{self.instrument} ({self.form})" if self.form else self.instrument

    def _table(self) -> ResultTable:
        names = self.subscales
        columns = tuple(self.scores[s].tolist() for s in names)
        missing = ", ".join(f"{s} {m}" for s, m in self.missing.items())
        people = "respondent" if self.n == 1 else "respondents"
        caption = f"{self._title()} scores, {self.n} {people}; no score (too few answers): {missing}"
        return ResultTable(names, list(zip(*columns, strict=True)), caption)

    def to_dict(self) -> dict[str, Any]:
        """Return every field as plain JSON types (NaN as ``None``), and the missing counts."""
        return {**Result.to_dict(self), "missing": self.missing}

    def __repr__(self) -> str:
        form = f", form={self.form!r}" if self.form else ""
        return f"InstrumentScores({self.instrument!r}{form}, n={self.n}, missing={self.missing})"


# -- the engine -----------------------------------------------------------------------------------


def check_coding(coding: object, direction: object) -> None:
    """Validate ``coding=`` and ``direction=`` (direction is for, and required by, ``"codes"``).

    Examples
    --------
    >>> from safecore.scales.instrument import check_coding
    >>> check_coding("codes", "ascending")
    >>> check_coding("codes", None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    safecore._errors.InputValueError: coding='codes' needs direction='ascending' (1 = lowest) or ...
    """
    if coding not in ("labels", "points", "codes"):
        msg = f"coding must be 'labels', 'points' or 'codes': {show_value(coding)}"
        raise InputValueError(msg)
    if coding == "codes" and direction not in ("ascending", "descending"):
        msg = "coding='codes' needs direction='ascending' (1 = lowest) or 'descending' (1 = highest)"
        raise InputValueError(msg)
    if direction is not None and coding != "codes":
        msg = "direction applies only to coding='codes'"
        raise InputValueError(msg)


@attrs.frozen(slots=True, repr=False)
class Instrument:
    """A questionnaire described as data, scored by one engine.

    Build one with [`from_toml`][safecore.scales.instrument.Instrument.from_toml] or
    [`from_dict`][safecore.scales.instrument.Instrument.from_dict] (they validate the spec); score
    responses with [`score`][safecore.scales.instrument.Instrument.score].

    Attributes
    ----------
    name : str
        The instrument's name.
    items : tuple of Item
        The items, in spec (published) order.
    subscales : tuple of Subscale
        The scores, in spec order.
    responses : tuple of ResponseSet
        The response sets; the default ``[responses]`` set is named ``""``.
    short_name : str
        The name used in messages and results (``"CBI"``); default *name*.
    reference : str
        Where the instrument is published (optional).

    Examples
    --------
    The packaged Copenhagen Burnout Inventory is an instrument:

    >>> from safecore.scales import CBI
    >>> CBI
    Instrument('Copenhagen Burnout Inventory', 19 items, subscales personal, work, client)
    >>> CBI.short_name, CBI.item_ids[:3], CBI.subscale("work").min_answered
    ('CBI', ('cbi01', 'cbi02', 'cbi03'), 4)

    A scale of your own, built from a dict shaped like the TOML spec and scored:

    >>> pair = Instrument.from_dict({
    ...     "name": "Supervision check",
    ...     "responses": {"No": 0, "Yes": 1},
    ...     "items": [{"id": "s1", "subscale": "support"}, {"id": "s2", "subscale": "support"}],
    ...     "subscales": {"support": {"aggregate": "mean"}},
    ... })
    >>> pair.score([["Yes", "No"], ["yes", "YES"]]).support.tolist()
    [0.5, 1.0]
    """

    name: str
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]
    responses: tuple[ResponseSet, ...]
    short_name: str
    reference: str = ""

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Instrument:
        """Read an instrument spec from a TOML file.

        Parameters
        ----------
        path : str or path-like
            A UTF-8 TOML file: ``name``, optionally ``short_name`` and
            ``reference``; a default ``[responses]`` table (label = points)
            and/or named sets ``[responses.<set>]``; one ``[[items]]`` table
            per item (``id``, ``subscale`` or ``filler = true``, optionally
            ``reversed``, ``response = "<set>"``, ``text``); and one
            ``[subscales.<name>]`` table per score (``aggregate = "mean"`` or
            ``"sum"``, optionally ``min_answered``, ``prorate``,
            ``description``). See the "Add your own scale" how-to.

        Returns
        -------
        Instrument

        Raises
        ------
        FileFormatError
            For invalid TOML or an invalid spec: an unknown key or aggregate,
            an item in an undeclared subscale, duplicate item ids, a reversed
            item without a numeric response set, *min_answered* above the
            subscale's size, response points that are not numbers. The
            message names the file and the key path (``items[3].subscale``).
        InputFileNotFoundError, InputIsADirectoryError, InputPermissionError
            For a path that cannot be read.
        """
        check_instance(path, (str, os.PathLike), "path", "a file path")
        data = read_toml(path, error=FileFormatError)
        return _from_spec(data, str(path))

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any], *, where: str = "instrument spec") -> Instrument:
        """Build an instrument from a dict shaped like the TOML spec (see `from_toml`).

        Parameters
        ----------
        spec : mapping
            ``{"name": ..., "responses": {...}, "items": [{...}, ...], "subscales": {...}}``.
        where : str
            How messages name the spec.

        Raises
        ------
        FileFormatError
            For an invalid spec, naming *where* and the key path.
        InputTypeError
            For a *spec* that is not a mapping.

        Examples
        --------
        >>> pair = Instrument.from_dict({
        ...     "name": "Pair",
        ...     "responses": {"No": 0, "Yes": 1},
        ...     "items": [{"id": "a", "subscale": "total"}, {"id": "b", "subscale": "total"}],
        ...     "subscales": {"total": {"aggregate": "sum"}},
        ... })
        >>> pair.score([["Yes", "yes"], ["No", None]]).total.tolist()
        [2.0, nan]
        """
        given: object = spec  # typed as a Mapping, checked at run time
        if not isinstance(given, Mapping):
            msg = f"spec must be a mapping shaped like the TOML spec, not {type_name(given)}"
            raise InputTypeError(msg)
        data = dict(spec)
        if isinstance(data.get("items"), tuple):
            data["items"] = list(data["items"])
        return _from_spec(data, where)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Item ids in spec order."""
        return tuple(i.id for i in self.items)

    @property
    def fillers(self) -> tuple[Item, ...]:
        """Items answered but not scored."""
        return tuple(i for i in self.items if i.filler)

    def subscale(self, name: str) -> Subscale:
        """Return the subscale called *name*."""
        for s in self.subscales:
            if s.name == name:
                return s
        names = ", ".join(s.name for s in self.subscales)
        msg = f"{self.short_name} has no subscale {name!r} (subscales: {names})"
        raise InputValueError(msg)

    def response_set(self, name: str) -> ResponseSet:
        """Return the response set called *name* (``""`` for the default set)."""
        for r in self.responses:
            if r.name == name:
                return r
        msg = f"{self.short_name} has no response set {name!r}"
        raise InputValueError(msg)

    def __repr__(self) -> str:
        subscales = ", ".join(s.name for s in self.subscales)
        return f"Instrument({self.name!r}, {len(self.items)} items, subscales {subscales})"

    def score(
        self,
        responses: ArrayLike,
        *,
        coding: Coding = "labels",
        order: Sequence[str] | None = None,
        min_answered: int | Mapping[str, int] | None = None,
        direction: Direction | None = None,
        missing: Iterable[str | float] = (),
    ) -> InstrumentScores:
        """Score responses: one score per subscale and respondent.

        Parameters
        ----------
        responses : array_like or pandas.DataFrame
            One row per respondent. An array or a list of rows has one
            column per item, in spec order unless *order* says otherwise. A
            DataFrame is matched by column name (the item ids, in any order;
            other columns are ignored).
        coding : {"labels", "points", "codes"}
            ``"labels"``: option texts of each item's response set, tolerant
            of case, dashes and spacing. ``"points"``: the points of the
            labels (before any reversal). ``"codes"``: 1 to the number of
            distinct points of the item's set, with *direction*. Points and
            codes must be numbers: text such as ``"50"`` and booleans are refused.
        order : sequence of str, optional
            The item id of each column of an array whose columns are not in
            spec order. Not accepted with a DataFrame.
        min_answered : int or mapping, optional
            Fewest answered items for a score, for every subscale or per
            subscale in a mapping; default: the spec's. Below a subscale's
            size, a sum needs ``prorate = true`` in the spec.
        direction : {"ascending", "descending"}, optional
            For ``coding="codes"`` only, and then required: ``"ascending"``
            means code 1 is the lowest points.
        missing : iterable of str or float, optional
            Markers of an unanswered item besides ``None``, NaN and blank
            text, e.g. ``("NA",)`` or ``(-9,)``. The text ``"nan"`` is an
            answer (and refused) unless declared here.

        Returns
        -------
        InstrumentScores

        Raises
        ------
        ResponseError
            Wrong item count, a value not in the item's response set, an
            unknown label or a label of another response set. The message
            names the 1-based respondent row (and a DataFrame's index label),
            the item id and the value.
        InputTypeError
            A boolean, text where a number is expected, or a number where a
            label is expected.
        MissingColumnError
            A DataFrame lacks an item column.
        InputValueError
            Invalid *coding*, *direction*, *order*, *min_answered* or *missing*.

        Notes
        -----
        A reversed item scores ``highest + lowest - points`` of its response
        set. A mean is over the answered items; a sum is over all items, or,
        with ``prorate = true`` and at least *min_answered* answered, the mean
        of the answered items times the item count. A subscale with fewer
        answered items than its minimum is NaN and counted in ``missing``;
        nothing is imputed and a missing answer never counts as zero.
        """
        check_coding(coding, direction)
        markers = response_markers(missing)
        data = as_matrix(responses, self.item_ids, self.short_name, order=order)
        return self.score_responses(
            data, coding=coding, direction=direction, markers=markers, min_answered=min_answered
        )

    def score_responses(
        self,
        data: Responses,
        *,
        coding: Coding,
        direction: Direction | None = None,
        markers: Markers = Markers(),  # noqa: B008 - an immutable default
        min_answered: int | Mapping[str, int] | None = None,
    ) -> InstrumentScores:
        """Score responses already in item order (the engine of `score`; used by readers)."""
        check_coding(coding, direction)
        sizes = {s.name: len(s.items) for s in self.subscales}
        defaults = {s.name: s.min_answered for s in self.subscales}
        minimum = resolve_minimum(min_answered, defaults, sizes)
        for s in self.subscales:
            if s.aggregate == "sum" and not s.prorate and minimum[s.name] < sizes[s.name]:
                msg = (
                    f"min_answered for {s.name} must be {sizes[s.name]} (every item): its sum is not "
                    f"prorated, so a sum over fewer items would count missing answers as zero; "
                    f"got {minimum[s.name]}"
                )
                raise InputValueError(msg)
        if coding == "labels":
            points = self._from_labels(data, markers)
        else:
            points = self._from_numbers(data, coding, direction, markers)
        return self._aggregate(points, minimum)

    # -- answers -> points

    def _columns_by_set(self) -> dict[str | None, NDArray[np.intp]]:
        out: dict[str | None, list[int]] = {}
        for j, item in enumerate(self.items):
            out.setdefault(item.response, []).append(j)
        return {k: np.array(v, dtype=np.intp) for k, v in out.items()}

    def _from_numbers(
        self, data: Responses, coding: Coding, direction: Direction | None, markers: Markers
    ) -> NDArray[np.float64]:
        ids = self.item_ids
        x = as_numeric(data, ids, self.short_name, markers)
        answered = ~np.isnan(x)
        bad = np.zeros(x.shape, dtype=bool)
        points = x if coding == "points" else np.full(x.shape, np.nan)
        for name, cols in self._columns_by_set().items():
            block = x[:, cols]
            if name is None:
                if coding == "codes":
                    msg = (
                        f"{self.short_name} item {ids[cols[0]]} has no response set, so it has no "
                        "codes: pass coding='points'"
                    )
                    raise InputValueError(msg)
                bad[:, cols] = answered[:, cols] & ~np.isfinite(block)
                continue
            pts = np.array(self.response_set(name).points)
            if coding == "points":
                bad[:, cols] = answered[:, cols] & ~np.isin(block, pts)
                continue
            ok = np.isin(block, np.arange(1, len(pts) + 1, dtype=np.float64))
            bad[:, cols] = answered[:, cols] & ~ok
            table = pts if direction == "ascending" else pts[::-1]
            index = np.where(ok, block, 1.0).astype(np.intp) - 1
            points[:, cols] = np.where(ok, table[index], np.nan)
        if bad.any():
            i, j = first_bad(bad)
            item = self.items[j]
            if item.response is None:
                expected = "a finite number"
            elif coding == "points":
                expected = self.response_set(item.response).describe_points()
            else:
                expected = f"a whole number from 1 to {len(self.response_set(item.response).points)}"
            shown = show_value(data.values[i, j])
            msg = f"{self.short_name} {data.where(i)}, item {ids[j]}: {shown} is not {expected}"
            raise ResponseError(msg)
        return points

    def _label_text(
        self, data: Responses, markers: Markers
    ) -> tuple[NDArray[np.str_], NDArray[np.bool_]]:
        """Cells as text and a missing mask; anything but text or a missing value is refused."""
        arr = data.values
        flat = arr.astype(object).ravel()
        missing = np.zeros(flat.shape, dtype=bool)
        text = np.empty(flat.shape, dtype=object)
        for k, v in enumerate(flat):
            if markers.matches(v):
                missing[k] = True
                text[k] = ""
            elif isinstance(v, str):
                text[k] = v
            else:
                i, j = divmod(k, arr.shape[1])
                what = "a boolean" if isinstance(v, bool | np.bool_) else a_type_name(v)
                hint = self._numeric_hint(j) if is_number(v) else ""
                msg = (
                    f"{self.short_name} {data.where(i)}, item {self.items[j].id}: {show_value(v)} is "
                    f"{what}, not an option label{hint}"
                )
                raise InputTypeError(msg)
        return text.astype(str), missing

    def _numeric_hint(self, j: int) -> str:
        name = self.items[j].response
        if name is None:
            return "; pass coding='points' for numeric answers"
        rs = self.response_set(name)
        return (
            f"; pass coding='points' ({rs.lowest:g}-{rs.highest:g}) or coding='codes' "
            f"(1-{len(rs.points)}) for numeric answers"
        )

    def _from_labels(self, data: Responses, markers: Markers) -> NDArray[np.float64]:
        arr = data.values
        text, missing = self._label_text(data, markers)
        uniq, inv = np.unique(text, return_inverse=True)
        norm = [normalise_label(u) for u in uniq]
        lookups = [r.lookup() for r in self.responses]
        # table[u, s]: points of unique label u in response set s; the last column (no set) is NaN
        table = np.full((len(uniq), len(lookups) + 1), np.nan)
        for s, lookup in enumerate(lookups):
            table[:, s] = [lookup.get(u, np.nan) for u in norm]
        position = {r.name: s for s, r in enumerate(self.responses)}
        item_set = np.array(
            [
                position.get(i.response, len(lookups)) if i.response is not None else len(lookups)
                for i in self.items
            ],
            dtype=np.intp,
        )
        cols = np.tile(np.arange(arr.shape[1]), arr.shape[0])
        points = table[inv.ravel(), item_set[cols]]
        points[missing] = np.nan
        bad = np.isnan(points) & ~missing
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            i, j = divmod(k, arr.shape[1])
            raise self._label_error(data, i, j, arr.ravel()[k], lookups)
        return points.reshape(arr.shape)

    def _label_error(
        self, data: Responses, i: int, j: int, label: object, lookups: Sequence[Mapping[str, float]]
    ) -> ResponseError:
        item = self.items[j]
        head = f"{self.short_name} {data.where(i)}, item {item.id}: {show_value(label)} is "
        if item.response is None:
            return ResponseError(head + "a label, but this item takes numbers: pass coding='points'")
        rs = self.response_set(item.response)
        norm = normalise_label(str(label))
        kind = f"a {rs.name} item" if rs.name else "an item"
        for other, lookup in zip(self.responses, lookups, strict=True):
            if other.name != rs.name and norm in lookup:
                return ResponseError(head + f"a {other.display_name} label on {kind}")
        options = ", ".join(repr(o) for o in rs.lookup())
        why = f"unknown label ({kind} takes {options})"
        if str(label).strip().casefold() in _MISSING_WORDS:
            why += f"; if it marks a missing answer, declare it: missing=({str(label).strip()!r},)"
        return ResponseError(head + why)

    # -- points -> scores

    def _aggregate(self, points: NDArray[np.float64], minimum: Mapping[str, int]) -> InstrumentScores:
        column = {item.id: j for j, item in enumerate(self.items)}
        by_id = {item.id: item for item in self.items}
        scores: dict[str, NDArray[np.float64]] = {}
        answered: dict[str, NDArray[np.int64]] = {}
        prorated: dict[str, NDArray[np.bool_]] = {}
        for sub in self.subscales:
            block = points[:, [column[i] for i in sub.items]]  # a copy
            for k, item_id in enumerate(sub.items):
                item = by_id[item_id]
                if item.reversed and item.response is not None:
                    rs = self.response_set(item.response)
                    block[:, k] = (rs.highest + rs.lowest) - block[:, k]
            ok = ~np.isnan(block)
            count = ok.sum(axis=1)
            total = np.where(ok, block, 0.0).sum(axis=1)
            size = len(sub.items)
            with np.errstate(invalid="ignore", divide="ignore"):
                if sub.aggregate == "mean":
                    value = total / count
                elif sub.prorate:
                    value = np.where(count == size, total, total / count * size)
                else:
                    value = total
            value[count < minimum[sub.name]] = np.nan
            scores[sub.name] = value
            answered[sub.name] = count
            prorated[sub.name] = (
                (count < size) & ~np.isnan(value) if sub.prorate else np.zeros(len(count), dtype=bool)
            )
        return InstrumentScores(self.short_name, scores, answered, prorated, dict(minimum))


def packaged_instrument(filename: str) -> Instrument:
    """Load an instrument spec shipped with safecore (``safecore/scales/specs/<filename>``).

    Examples
    --------
    >>> from safecore.scales.instrument import packaged_instrument
    >>> packaged_instrument("cbi.toml")
    Instrument('Copenhagen Burnout Inventory', 19 items, subscales personal, work, client)
    """
    resource = resources.files("safecore.scales") / "specs" / filename
    with resources.as_file(resource) as path:
        return Instrument.from_toml(path)
