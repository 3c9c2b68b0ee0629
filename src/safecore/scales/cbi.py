"""Copenhagen Burnout Inventory (CBI) scoring, explicit about missing answers.

The instrument is data: ``specs/cbi.toml`` (items, the frequency and degree response sets, item 13
reversed, the scales and their minimum answered items), scored by
[`Instrument`][safecore.scales.instrument.Instrument]. [`score_cbi`][safecore.scales.cbi.score_cbi]
is a thin wrapper over that engine.

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
from typing import Final, Literal

import attrs
from numpy.typing import ArrayLike

from safecore.scales._common import Markers, Responses
from safecore.scales.instrument import Instrument, InstrumentScores, Item, packaged_instrument

__all__ = [
    "CBI",
    "CBI_ITEMS",
    "CBI_SCALES",
    "CBIItem",
    "CBIScores",
    "score_cbi",
]

#: The CBI as an instrument spec (``specs/cbi.toml``).
CBI: Final[Instrument] = packaged_instrument("cbi.toml")

#: CBI scores are `InstrumentScores` (an alias kept for old code).
CBIScores = InstrumentScores


@attrs.frozen(slots=True)
class CBIItem:
    """One CBI item: stable id, PUMA number, scale, response format, reversal, wording.

    Examples
    --------
    The 19 items are `CBI_ITEMS`, in PUMA order:

    >>> from safecore.scales import CBI_ITEMS
    >>> CBI_ITEMS[12]
    CBIItem(id='cbi13', number=13, scale='work', format='frequency', reversed=True,
            text='Do you have enough energy for family and friends during leisure time?')
    >>> [item.id for item in CBI_ITEMS if item.format == "degree"]
    ['cbi07', 'cbi08', 'cbi09', 'cbi14', 'cbi15', 'cbi16', 'cbi17']
    """

    id: str
    number: int
    scale: str
    format: Literal["frequency", "degree"]
    reversed: bool
    text: str


def _cbi_item(item: Item) -> CBIItem:
    fmt: Literal["frequency", "degree"] = "degree" if item.response == "degree" else "frequency"
    return CBIItem(item.id, item.number, item.subscale or "", fmt, item.reversed, item.text)


#: The 19 items in PUMA order (personal 1-6, work-related 7-13, client-related 14-19), from the spec.
CBI_ITEMS: tuple[CBIItem, ...] = tuple(_cbi_item(i) for i in CBI.items)

#: Scale name -> item ids, from the spec.
CBI_SCALES: dict[str, tuple[str, ...]] = {s.name: s.items for s in CBI.subscales}


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
        ``cbi19`` (see `CBI_ITEMS`), in any order; other columns
        (``respondent``, ``time``) are ignored.
    coding : {"labels", "points", "codes"}
        ``"labels"``: the option texts (frequency items: Always, Often, Sometimes, Seldom,
        Never/almost never; degree items: To a very high degree, To a high degree, Somewhat, To a
        low degree, To a very low degree), tolerant of case and spacing. ``"points"``: the printed
        points 100/75/50/25/0 *before* reversing item 13. ``"codes"``: 1-5, with *direction* stating
        which end is 1. Points and codes must be numbers: text such as ``"50"`` is refused (a file
        read with [`read_staff_survey`][safecore.scales.survey.read_staff_survey] is parsed for
        you), and so are booleans.
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
        An [`InstrumentScores`][safecore.scales.instrument.InstrumentScores] (``CBIScores`` is an alias).

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
    with item 13 reversed ($100 - x$). A scale with fewer answered
    items than the minimum is missing (NaN) and counted; nothing is imputed.
    The instrument defines no total score, so none is computed.

    References
    ----------
    1. Kristensen, T. S., Borritz, M., Villadsen, E., & Christensen,
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
    return CBI.score(
        responses,
        coding=coding,
        order=order,
        min_answered=min_answered,
        direction=direction,
        missing=missing,
    )


def score_responses(
    data: Responses,
    *,
    coding: Literal["labels", "points", "codes"],
    direction: Literal["ascending", "descending"] | None = None,
    markers: Markers = Markers(),  # noqa: B008 - an immutable default
    min_answered: int | Mapping[str, int] | None = None,
) -> CBIScores:
    """Score CBI responses already in item order (for `read_staff_survey`)."""
    return CBI.score_responses(
        data, coding=coding, direction=direction, markers=markers, min_answered=min_answered
    )
