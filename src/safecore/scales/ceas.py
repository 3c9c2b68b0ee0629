"""Compassionate Engagement and Action Scales (CEAS) scoring.

The instrument is data: ``specs/ceas.toml`` (13 items rated 1-10, two summed subscales, three
fillers), scored by [`Instrument`][safecore.scales.instrument.Instrument].
[`score_ceas`][safecore.scales.ceas.score_ceas] is a thin wrapper over that engine.

Examples
--------
>>> from safecore.scales import score_ceas
>>> s = score_ceas([[5] * 13, [10] * 12 + [None]])
>>> s.engagement.tolist(), s.action.tolist()  # action is missing: item 13 unanswered
([30.0, 60.0], [20.0, nan])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, Literal

import attrs
from numpy.typing import ArrayLike

from safecore._errors import InputValueError
from safecore._validate import show_value
from safecore.scales.instrument import Instrument, InstrumentScores, packaged_instrument

__all__ = ["CEAS", "CEAS_FILLERS", "CEAS_SUBSCALES", "CEASScores", "score_ceas"]

#: The CEAS as an instrument spec (``specs/ceas.toml``).
CEAS: Final[Instrument] = packaged_instrument("ceas.toml")

#: CEAS scores are `InstrumentScores` (an alias kept for old code).
CEASScores = InstrumentScores

_NUMBER = {item.id: item.number for item in CEAS.items}

#: Subscale -> item numbers (1-based), from the spec.
CEAS_SUBSCALES: dict[str, tuple[int, ...]] = {
    s.name: tuple(_NUMBER[i] for i in s.items) for s in CEAS.subscales
}
#: Reverse-worded filler items, not scored, from the spec.
CEAS_FILLERS: tuple[int, ...] = tuple(i.number for i in CEAS.fillers)

Scale = Literal["self", "others", "from_others"]


def score_ceas(
    responses: ArrayLike,
    *,
    scale: Scale = "self",
    min_answered: int | Mapping[str, int] | None = None,
    missing: Iterable[str | float] = (),
) -> CEASScores:
    """Score one of the Compassionate Engagement and Action Scales.

    Parameters
    ----------
    responses : array_like or pandas.DataFrame, shape (n, 13)
        Ratings 1-10 per item. An array or a list of rows is in the
        published order; a DataFrame is matched by column name (``ceas01``
        ... ``ceas13``, in any order; other columns ignored). Ratings must
        be numbers: booleans and text (``"7"``) are refused.
    scale : {"self", "others", "from_others"}
        Which of the three scales the responses are (scored alike).
    min_answered : int or mapping, optional
        By default a subscale is missing when any of its scored items is.
        With a minimum (per subscale in a mapping), a respondent with at
        least that many answered items gets a prorated sum: the mean of the
        answered items times the number of items.
    missing : iterable of str or float, optional
        Markers of an unanswered item besides ``None``, NaN and blank text,
        e.g. ``("NA",)`` or ``(99,)``. The text ``"nan"`` is not missing
        unless declared here.

    Returns
    -------
    CEASScores
        An [`InstrumentScores`][safecore.scales.instrument.InstrumentScores] with ``form`` set to
        *scale* (``CEASScores`` is an alias).

    Raises
    ------
    ResponseError
        Wrong item count, or a rating that is not a whole number from 1 to
        10 (fillers included); the message names the 1-based respondent row,
        the item id and the value.
    InputTypeError
        A boolean or text rating (a ``TypeError``).
    MissingColumnError
        A DataFrame lacks an item column (a ``KeyError``).
    InputValueError
        Invalid *scale*, *min_answered* or *missing*.

    Notes
    -----
    Engagement is the sum of items 1, 2, 4, 5, 6 and 8 (range 6-60); action
    the sum of items 9, 10, 12 and 13 (4-40). Items 3, 7 and 11 are
    reverse-worded fillers and are not scored.

    References
    ----------
    1. Gilbert, P., Catarino, F., Duarte, C., et al. (2017). The
       development of compassionate engagement and action scales for self
       and others. *Journal of Compassionate Health Care*, 4(4).

    Examples
    --------
    Prorating a subscale with one unanswered item:

    >>> row = [8] * 13
    >>> row[0] = None
    >>> score_ceas([row], min_answered={"engagement": 5}).engagement.tolist()
    [48.0]
    """
    if scale not in ("self", "others", "from_others"):
        msg = f"scale must be 'self', 'others' or 'from_others': {show_value(scale)}"
        raise InputValueError(msg)
    scores = CEAS.score(responses, coding="points", min_answered=min_answered, missing=missing)
    return attrs.evolve(scores, form=scale)
