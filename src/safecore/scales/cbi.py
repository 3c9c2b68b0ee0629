"""Copenhagen Burnout Inventory (CBI) scoring, explicit about missing answers.

Examples
--------
Two respondents, points coding (item 13 is reversed by the scorer):

>>> import numpy as np
>>> from safecore.scales import score_cbi
>>> r = np.full((2, 19), 50.0)
>>> r[1, :6] = [100, 75, np.nan, np.nan, np.nan, np.nan]   # only 2 personal items answered
>>> s = score_cbi(r, coding="points")
>>> s.personal.tolist(), s.work.tolist()
([50.0, nan], [50.0, 50.0])
>>> s.missing
{'personal': 1, 'work': 0, 'client': 0}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputTypeError, InputValueError, ResponseError
from safecore._format import frame, html_table
from safecore._validate import is_number, show_value
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
    "CBI_ITEMS",
    "CBI_SCALES",
    "CBIItem",
    "CBIScores",
    "score_cbi",
]


@attrs.frozen(slots=True)
class CBIItem:
    """One CBI item: stable id, PUMA number, scale, response format, reversal, wording."""

    id: str
    number: int
    scale: str
    format: Literal["frequency", "degree"]
    reversed: bool
    text: str


_F: Final = "frequency"
_D: Final = "degree"
_ITEM_SPECS: tuple[tuple[str, Literal["frequency", "degree"], str], ...] = (
    ("personal", _F, "How often do you feel tired?"),
    ("personal", _F, "How often are you physically exhausted?"),
    ("personal", _F, "How often are you emotionally exhausted?"),
    ("personal", _F, 'How often do you think: "I can\'t take it anymore"?'),
    ("personal", _F, "How often do you feel worn out?"),
    ("personal", _F, "How often do you feel weak and susceptible to illness?"),
    ("work", _D, "Is your work emotionally exhausting?"),
    ("work", _D, "Do you feel burnt out because of your work?"),
    ("work", _D, "Does your work frustrate you?"),
    ("work", _F, "Do you feel worn out at the end of the working day?"),
    ("work", _F, "Are you exhausted in the morning at the thought of another day at work?"),
    ("work", _F, "Do you feel that every working hour is tiring for you?"),
    ("work", _F, "Do you have enough energy for family and friends during leisure time?"),
    ("client", _D, "Do you find it hard to work with clients?"),
    ("client", _D, "Do you find it frustrating to work with clients?"),
    ("client", _D, "Does it drain your energy to work with clients?"),
    ("client", _D, "Do you feel that you give more than you get back when you work with clients?"),
    ("client", _F, "Are you tired of working with clients?"),
    (
        "client",
        _F,
        "Do you sometimes wonder how long you will be able to continue working with clients?",
    ),
)

#: The 19 items in PUMA order (personal 1-6, work-related 7-13, client-related 14-19).
CBI_ITEMS: tuple[CBIItem, ...] = tuple(
    CBIItem(f"cbi{k:02d}", k, scale, fmt, k == 13, text)
    for k, (scale, fmt, text) in enumerate(_ITEM_SPECS, start=1)
)

#: Scale name -> item ids.
CBI_SCALES: dict[str, tuple[str, ...]] = {
    s: tuple(i.id for i in CBI_ITEMS if i.scale == s) for s in ("personal", "work", "client")
}

_DEFAULT_MIN = {"personal": 3, "work": 4, "client": 3}

_FREQUENCY = {
    "always": 100.0,
    "often": 75.0,
    "sometimes": 50.0,
    "seldom": 25.0,
    "never / almost never": 0.0,
    "never": 0.0,
    "almost never": 0.0,
}
_DEGREE = {
    "to a very high degree": 100.0,
    "to a high degree": 75.0,
    "somewhat": 50.0,
    "to a low degree": 25.0,
    "to a very low degree": 0.0,
}
_POINTS = np.array([0.0, 25.0, 50.0, 75.0, 100.0])


@attrs.frozen(slots=True, repr=False, eq=False)
class CBIScores:
    """CBI scale scores per respondent (0-100, higher is more burnout).

    Attributes
    ----------
    personal, work, client : ndarray of float, shape (n,)
        Mean of the answered items of each scale; NaN where fewer than the
        minimum were answered.
    answered : dict of str to ndarray of int
        Items answered per respondent, per scale.
    min_answered : dict of str to int
        The minimum used for each scale.
    """

    personal: NDArray[np.float64]
    work: NDArray[np.float64]
    client: NDArray[np.float64]
    answered: dict[str, NDArray[np.int64]]
    min_answered: dict[str, int]

    @property
    def n(self) -> int:
        """Respondents."""
        return len(self.personal)

    @property
    def missing(self) -> dict[str, int]:
        """Respondents with no score (too few answered items), per scale."""
        return {s: int(np.isnan(getattr(self, s)).sum()) for s in ("personal", "work", "client")}

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form (NaN as None)."""

        def clean(a: NDArray[np.float64]) -> list[float | None]:
            return [None if np.isnan(x) else float(x) for x in a]

        return {
            "personal": clean(self.personal),
            "work": clean(self.work),
            "client": clean(self.client),
            "missing": self.missing,
            "min_answered": self.min_answered,
        }

    def to_frame(self) -> Any:
        """Scores per respondent (NaN where missing), as a pandas DataFrame; needs pandas."""
        names = ("personal", "work", "client")
        return frame(
            [
                dict(zip(names, row, strict=True))
                for row in zip(*(getattr(self, s) for s in names), strict=True)
            ]
        )

    def _repr_html_(self) -> str:
        rows = [
            [s, self.n - m, m, f"{np.nanmean(getattr(self, s)):.1f}" if self.n - m else "nan"]
            for s, m in self.missing.items()
        ]
        return html_table(["Scale", "Scored", "Missing", "Mean"], rows, "CBI scores")

    def __repr__(self) -> str:
        return f"CBIScores(n={self.n}, missing={self.missing})"


def _label_text(
    responses: Responses, ids: Sequence[str], markers: Markers
) -> tuple[NDArray[np.str_], NDArray[np.bool_]]:
    """Cells as stripped text and a missing mask; anything but text or a missing value is refused."""
    arr = responses.values
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
            what = "a boolean" if isinstance(v, bool | np.bool_) else f"a {type(v).__name__}"
            hint = (
                "; pass coding='points' (0-100) or coding='codes' (1-5) for numeric answers"
                if is_number(v)
                else ""
            )
            msg = (
                f"CBI {responses.where(i)}, item {ids[j]}: {show_value(v)} is {what}, "
                f"not an option label{hint}"
            )
            raise InputTypeError(msg)
    return text.astype(str), missing


def _from_labels(
    responses: Responses, is_freq: NDArray[np.bool_], ids: Sequence[str], markers: Markers
) -> NDArray[np.float64]:
    arr = responses.values
    text, missing = _label_text(responses, ids, markers)
    uniq, inv = np.unique(text, return_inverse=True)
    norm = [normalise_label(u) for u in uniq]
    freq = np.array([_FREQUENCY.get(u, np.nan) for u in norm])
    deg = np.array([_DEGREE.get(u, np.nan) for u in norm])
    cols = np.tile(np.arange(arr.shape[1]), arr.shape[0])
    item_freq = is_freq[cols]
    points = np.where(item_freq, freq[inv], deg[inv])
    points[missing] = np.nan
    bad = np.isnan(points) & ~missing
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        i, j = divmod(k, arr.shape[1])
        label = arr.ravel()[k]
        fmt = "frequency" if is_freq[j] else "degree"
        other = _DEGREE if is_freq[j] else _FREQUENCY
        if normalise_label(str(label)) in other:
            why = f"a {'degree' if is_freq[j] else 'frequency'} label on a {fmt} item"
        else:
            options = ", ".join(repr(o) for o in (_FREQUENCY if is_freq[j] else _DEGREE))
            why = f"unknown label (a {fmt} item takes {options})"
            if str(label).strip().casefold() in {"nan", "na", "n/a", "none", "null"}:
                why += f"; if it marks a missing answer, declare it: missing=({str(label).strip()!r},)"
        msg = f"CBI {responses.where(i)}, item {ids[j]}: {show_value(label)} is {why}"
        raise ResponseError(msg)
    return points.reshape(arr.shape)


def _check_coding(coding: object, direction: object) -> None:
    if coding not in ("labels", "points", "codes"):
        msg = f"coding must be 'labels', 'points' or 'codes': {show_value(coding)}"
        raise InputValueError(msg)
    if coding == "codes" and direction not in ("ascending", "descending"):
        msg = "coding='codes' needs direction='ascending' (1 = lowest) or 'descending' (1 = highest)"
        raise InputValueError(msg)
    if direction is not None and coding != "codes":
        msg = "direction applies only to coding='codes'"
        raise InputValueError(msg)


def score_cbi(
    responses: ArrayLike,
    *,
    coding: Literal["labels", "points", "codes"] = "labels",
    order: Sequence[str] | None = None,
    min_answered: int | Mapping[str, int] | None = None,
    direction: Literal["ascending", "descending"] | None = None,
    missing: Iterable[str | float] = (),
) -> CBIScores:
    """Score the Copenhagen Burnout Inventory.

    Parameters
    ----------
    responses : array_like or pandas.DataFrame
        One row per respondent. An array or a list of rows has one column
        per item, in PUMA order unless *order* says otherwise. A DataFrame
        is matched by column name: it needs the columns ``cbi01`` ...
        ``cbi19`` (see :data:`CBI_ITEMS`), in any order; other columns
        (``respondent``, ``time``) are ignored.
    coding : {"labels", "points", "codes"}
        ``"labels"``: the option texts (frequency items: Always, Often,
        Sometimes, Seldom, Never/almost never; degree items: To a very high
        degree, To a high degree, Somewhat, To a low degree, To a very low
        degree), tolerant of case and spacing. ``"points"``: the printed
        points 100/75/50/25/0 *before* reversing item 13. ``"codes"``: 1-5,
        with *direction* stating which end is 1. Points and codes must be
        numbers: text such as ``"50"`` is refused (a file read with
        :func:`read_staff_survey` is parsed for you), and so are booleans.
    order : sequence of str, optional
        The item id (``"cbi01"`` ... ``"cbi19"``) of each column of an array
        whose columns are not in PUMA order. Not accepted with a DataFrame.
    min_answered : int or mapping, optional
        Fewest answered items for a scale score; default personal 3 of 6,
        work 4 of 7, client 3 of 6. A mapping sets scales individually.
    direction : {"ascending", "descending"}, optional
        For ``coding="codes"`` only, and then required: ``"ascending"`` means
        1 is the lowest option (Never / To a very low degree, 0 points) and 5
        the highest (100); ``"descending"`` the reverse.
    missing : iterable of str or float, optional
        Markers of an unanswered item besides ``None``, NaN and blank text,
        e.g. ``("nan", "NA")`` or ``(-9,)``. Texts are compared after
        stripping white space, case-sensitively. By default the text
        ``"nan"`` is *not* missing: it is refused as an unknown answer.

    Returns
    -------
    CBIScores

    Raises
    ------
    ResponseError
        Wrong item count; an out-of-range value; an unknown label; a degree
        label on a frequency item (or the reverse). The message names the
        1-based respondent row (and a DataFrame's index label), the item id
        and the value.
    InputTypeError
        A boolean answer (also a ``bool`` array), text where a number is
        expected (``coding="points"``/``"codes"``) or a number where a label
        is expected (a ``TypeError``).
    MissingColumnError
        A DataFrame lacks an item column (the message names the missing
        items and the columns found; a ``KeyError``).
    InputValueError
        Invalid *coding*, *direction*, *order*, *min_answered* or *missing*
        (a ``ValueError``).

    Notes
    -----
    Each scale score is the mean of its answered items on the 0-100 scale,
    with item 13 reversed (:math:`100 - x`). A scale with fewer answered
    items than the minimum is missing (NaN) and counted; nothing is imputed.
    The instrument defines no total score, so none is computed.

    References
    ----------
    .. [1] Kristensen, T. S., Borritz, M., Villadsen, E., & Christensen,
       K. B. (2005). The Copenhagen Burnout Inventory: a new tool for the
       assessment of burnout. *Work & Stress*, 19(3), 192-207.

    Examples
    --------
    >>> labels = ["Often"] * 6 + ["To a high degree"] * 3 + ["Often"] * 3 + ["Always"]
    >>> labels += ["Somewhat"] * 4 + ["Seldom", None]
    >>> s = score_cbi([labels])
    >>> s.personal[0], s.work[0], s.client[0]  # item 13 "Always" -> 0 after reversal
    (np.float64(75.0), np.float64(64.28571428571429), np.float64(45.0))

    A text ``"nan"`` is an answer unless declared missing:

    >>> labels[0] = "nan"
    >>> score_cbi([labels], missing=["nan"]).personal[0]
    np.float64(75.0)
    """
    _check_coding(coding, direction)
    markers = response_markers(missing)
    ids = [i.id for i in CBI_ITEMS]
    data = as_matrix(responses, ids, "CBI", order=order)
    return score_responses(
        data, coding=coding, direction=direction, markers=markers, min_answered=min_answered
    )


def score_responses(
    data: Responses,
    *,
    coding: Literal["labels", "points", "codes"],
    direction: Literal["ascending", "descending"] | None = None,
    markers: Markers = Markers(),  # noqa: B008 - an immutable default
    min_answered: int | Mapping[str, int] | None = None,
) -> CBIScores:
    """Score responses already in item order (the engine of :func:`score_cbi`)."""
    _check_coding(coding, direction)
    ids = [i.id for i in CBI_ITEMS]
    sizes = {s: len(v) for s, v in CBI_SCALES.items()}
    minimum = resolve_minimum(min_answered, _DEFAULT_MIN, sizes)
    is_freq = np.array([i.format == "frequency" for i in CBI_ITEMS])
    if coding == "labels":
        points = _from_labels(data, is_freq, ids, markers)
    else:
        x = as_numeric(data, ids, "CBI", markers)
        finite = np.where(np.isfinite(x), x, -1.0)  # inf is out of range, without a warning
        if coding == "points":
            bad = ~np.isnan(x) & ((finite < 0) | (finite > 100) | (finite % 25 != 0))
            expected = "one of 0, 25, 50, 75, 100"
            points = x
        else:
            bad = ~np.isnan(x) & ((finite < 1) | (finite > 5) | (finite % 1 != 0))
            expected = "a whole number from 1 to 5"
            points = (x - 1) * 25 if direction == "ascending" else (5 - x) * 25
        if bad.any():
            i, j = first_bad(bad)
            shown = show_value(data.values[i, j])
            msg = f"CBI {data.where(i)}, item {ids[j]}: {shown} is not {expected}"
            raise ResponseError(msg)

    scores: dict[str, NDArray[np.float64]] = {}
    answered: dict[str, NDArray[np.int64]] = {}
    start = 0
    for scale, members in CBI_SCALES.items():
        block = points[:, start : start + len(members)]
        if scale == "work":  # item 13 is the last work item: reverse it
            block = block.copy()
            block[:, -1] = 100.0 - block[:, -1]
        ok = ~np.isnan(block)
        count = ok.sum(axis=1)
        total = np.where(ok, block, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = total / count
        mean[count < minimum[scale]] = np.nan
        mean.setflags(write=False)
        scores[scale] = mean
        answered[scale] = count
        start += len(members)
    return CBIScores(scores["personal"], scores["work"], scores["client"], answered, minimum)
