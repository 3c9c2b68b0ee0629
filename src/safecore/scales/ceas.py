"""Compassionate Engagement and Action Scales (CEAS) scoring.

Examples
--------
>>> from safecore.scales import score_ceas
>>> s = score_ceas([[5] * 13, [10] * 12 + [None]])
>>> s.engagement.tolist(), s.action.tolist()  # action is missing: item 13 unanswered
([30.0, 60.0], [20.0, nan])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from safecore._errors import InputValueError, ResponseError
from safecore._format import frame, html_table
from safecore._validate import show_value
from safecore.scales._common import as_matrix, as_numeric, first_bad, resolve_minimum, response_markers

__all__ = ["CEAS_FILLERS", "CEAS_SUBSCALES", "CEASScores", "score_ceas"]

#: Subscale -> item numbers (1-based).
CEAS_SUBSCALES: dict[str, tuple[int, ...]] = {
    "engagement": (1, 2, 4, 5, 6, 8),
    "action": (9, 10, 12, 13),
}
#: Reverse-worded filler items, not scored.
CEAS_FILLERS: tuple[int, ...] = (3, 7, 11)

Scale = Literal["self", "others", "from_others"]


@attrs.frozen(slots=True, repr=False, eq=False)
class CEASScores:
    """CEAS subscale sums per respondent.

    Attributes
    ----------
    scale : str
        Which CEAS: ``"self"``, ``"others"`` or ``"from_others"``.
    engagement : ndarray, shape (n,)
        Sum of items 1, 2, 4, 5, 6, 8 (6-60); NaN when missing.
    action : ndarray, shape (n,)
        Sum of items 9, 10, 12, 13 (4-40); NaN when missing.
    answered : dict of str to ndarray
        Scored items answered per respondent, per subscale.
    prorated : dict of str to ndarray of bool
        Whether a respondent's sum was prorated from fewer items.
    """

    scale: str
    engagement: NDArray[np.float64]
    action: NDArray[np.float64]
    answered: dict[str, NDArray[np.int64]]
    prorated: dict[str, NDArray[np.bool_]]

    @property
    def n(self) -> int:
        """Respondents."""
        return len(self.engagement)

    @property
    def missing(self) -> dict[str, int]:
        """Respondents with no subscale score, per subscale."""
        return {s: int(np.isnan(getattr(self, s)).sum()) for s in CEAS_SUBSCALES}

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form (NaN as None)."""
        return {
            "scale": self.scale,
            **{s: [None if np.isnan(x) else float(x) for x in getattr(self, s)] for s in CEAS_SUBSCALES},
            "missing": self.missing,
        }

    def to_frame(self) -> Any:
        """Scores per respondent (NaN where missing), as a pandas DataFrame; needs pandas."""
        names = tuple(CEAS_SUBSCALES)
        return frame(
            [
                dict(zip(names, row, strict=True))
                for row in zip(*(getattr(self, s) for s in names), strict=True)
            ]
        )

    def _repr_html_(self) -> str:
        rows = [[s, self.n - m, m] for s, m in self.missing.items()]
        return html_table(["Subscale", "Scored", "Missing"], rows, f"CEAS ({self.scale})")

    def __repr__(self) -> str:
        return f"CEASScores(scale={self.scale!r}, n={self.n}, missing={self.missing})"


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
    .. [1] Gilbert, P., Catarino, F., Duarte, C., et al. (2017). The
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
    markers = response_markers(missing)
    ids = [f"ceas{k:02d}" for k in range(1, 14)]
    data = as_matrix(responses, ids, "CEAS")
    x = as_numeric(data, ids, "CEAS", markers)
    finite = np.where(np.isfinite(x), x, -1.0)  # inf is out of range, without a warning
    bad = ~np.isnan(x) & ((finite < 1) | (finite > 10) | (finite % 1 != 0))
    if bad.any():
        i, j = first_bad(bad)
        msg = (
            f"CEAS {data.where(i)}, item {ids[j]}: {show_value(data.values[i, j])} "
            "is not a whole number from 1 to 10"
        )
        raise ResponseError(msg)
    sizes = {s: len(items) for s, items in CEAS_SUBSCALES.items()}
    minimum = resolve_minimum(min_answered, sizes, sizes)
    out: dict[str, NDArray[np.float64]] = {}
    answered: dict[str, NDArray[np.int64]] = {}
    prorated: dict[str, NDArray[np.bool_]] = {}
    for name, items in CEAS_SUBSCALES.items():
        block = x[:, [k - 1 for k in items]]
        ok = ~np.isnan(block)
        count = ok.sum(axis=1)
        total = np.where(ok, block, 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = total / count * len(items)
        value[count < minimum[name]] = np.nan
        value.setflags(write=False)
        out[name] = value
        answered[name] = count
        prorated[name] = (count < len(items)) & ~np.isnan(value)
    return CEASScores(scale, out["engagement"], out["action"], answered, prorated)
