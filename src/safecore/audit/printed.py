"""Printed figures: a number as a report prints it, and when a recomputed value matches it.

A figure keeps what its printed text says about precision: ``"£15,400"`` is
money to the pound, ``"71%"`` a whole percentage, ``"3.10"`` a number to two
decimals, ``"< .001"`` an upper bound. A recomputed value is *consistent*
with a figure when it rounds to it at the figure's printed precision, under
the report's declared rounding rule.

Examples
--------
>>> from safecore.audit.printed import consistent, parse_printed
>>> p = parse_printed("12%")
>>> p.value, p.decimals, p.percent
(12.0, 0, True)
>>> consistent(p, 12.5, rounding="half-even"), consistent(p, 12.5, rounding="half-up")
(True, False)
>>> consistent(parse_printed("< .001"), 0.0002)
True
"""

from __future__ import annotations

import math
import re
from typing import Literal

import attrs
import numpy as np

from safecore._errors import InputTypeError, InputValueError
from safecore._numeric import round_half_up
from safecore._validate import show_value, type_name

__all__ = ["ROUNDING_RULES", "Printed", "Rounding", "consistent", "parse_printed", "round_to"]

Rounding = Literal["half-up", "half-even"]
#: The rounding rules a report may declare.
ROUNDING_RULES: tuple[str, ...] = ("half-up", "half-even")

#: Most decimals a printed figure may show (a double holds about 15 significant digits).
_MAX_DECIMALS = 15

_PRINTED = re.compile(
    r"""\s*(?P<bound>[<>≤≥=])?\s*
    (?P<sign>[-+\u2212\u2013])?\s*
    (?P<money>£)?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d*|\d*\.\d+|\d+)
    \s*(?P<percent>%)?\s*""",
    re.VERBOSE,
)


@attrs.frozen(slots=True, repr=False)
class Printed:
    """A figure as printed: its value, decimals and whether it is a bound, a percentage or money.

    Attributes
    ----------
    text : str
        The figure as written (``"£15,400"``, ``"71%"``, ``"< .001"``).
    value : float
        Its value (``71.0`` for ``"71%"``: percentages stay in percent).
    decimals : int
        Decimals shown (``"3.10"``: 2).
    bound : {"", "<", ">"}
        ``"<"`` for ``"< .001"`` (the true value is below), ``">"`` above.
    percent, money : bool
        Whether it was printed with ``%`` or ``£``.
    exact : bool
        A whole number printed without ``£``, ``%`` or a bound is a count:
        exact. Every other figure stands for the interval of values that
        round to it.

    Examples
    --------
    [`parse_printed`][safecore.audit.printed.parse_printed] reads a figure as printed:

    >>> from safecore.audit import parse_printed
    >>> money = parse_printed("£15,400")
    >>> money
    Printed('£15,400')
    >>> money.value, money.decimals, money.money, money.exact
    (15400.0, 0, True, False)
    >>> mean = parse_printed("3.10")
    >>> mean.value, mean.decimals, mean.half_unit
    (3.1, 2, 0.005)
    >>> p = parse_printed("< .001")
    >>> p.bound, p.value
    ('<', 0.001)
    """

    text: str
    value: float
    decimals: int
    bound: Literal["", "<", ">"] = ""
    percent: bool = False
    money: bool = False
    exact: bool = False

    @property
    def half_unit(self) -> float:
        """Half the last printed unit (0 for an exact count): ``"3.1"`` gives 0.05."""
        return 0.0 if self.exact else 0.5 * 10.0**-self.decimals

    def __repr__(self) -> str:
        return f"Printed({self.text!r})"


def _float_decimals(x: float) -> int:
    """Decimals a float shows in its shortest repr (0 for whole numbers)."""
    if x.is_integer():
        return 0
    text = repr(x)
    if "e" in text or "." not in text:
        return min(_MAX_DECIMALS, max(0, -math.floor(math.log10(abs(x)))) + 6)
    return len(text.split(".")[1])


def parse_printed(value: object, name: str = "figure", *, decimals: int | None = None) -> Printed:
    """Read a printed figure: a number, or text such as ``"£15,400"``, ``"71%"``, ``"< .001"``.

    Parameters
    ----------
    value : int, float or str
        An ``int`` is an exact count; a ``float`` shows the decimals of its
        shortest form (``3.1``: one); text keeps its printed precision
        (``"3.10"``: two decimals), accepts thousands separators, a leading
        ``£``, a trailing ``%``, a leading ``<`` or ``>`` and a Unicode minus.
    name : str
        What the figure is, for messages.
    decimals : int, optional
        The printed precision of a figure given as a number (money tables
        declare it); text always shows its own.

    Raises
    ------
    InputTypeError
        For a boolean or a value that is neither a number nor text.
    InputValueError
        For text that is not a printed number, or a non-finite number.

    Examples
    --------
    >>> parse_printed("£69,827").value, parse_printed("−0.5%").value, parse_printed("3.10").decimals
    (69827.0, -0.5, 2)
    >>> parse_printed(28).exact, parse_printed("28").exact, parse_printed("£28").exact
    (True, True, False)
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str | np.integer | np.floating):
        msg = (
            f"{name} must be a number or printed text such as '£15,400', "
            f"not {type_name(value)}: {show_value(value)}"
        )
        raise InputTypeError(msg)
    if isinstance(value, int | np.integer):
        d = 0 if decimals is None else decimals
        return Printed(str(int(value)), float(value), d, exact=d == 0)
    if isinstance(value, float | np.floating):
        x = float(value)
        if not math.isfinite(x):
            msg = f"{name} must be a finite number: {show_value(value)}"
            raise InputValueError(msg)
        d = _float_decimals(x) if decimals is None else decimals
        return Printed(repr(x), x, d, exact=x.is_integer() and decimals in (None, 0))
    match = _PRINTED.fullmatch(value)
    if match is None:
        msg = (
            f"{name} must be a printed number such as '£15,400', '71%', '3.1', '-0.5' or "
            f"'< .001': {value!r}"
        )
        raise InputValueError(msg)
    number = match["number"].replace(",", "")
    negative = match["sign"] not in (None, "+")
    x = -float(number) if negative else float(number)
    bound = {"<": "<", "≤": "<", ">": ">", "≥": ">"}.get(match["bound"] or "", "")
    shown = len(number.split(".")[1]) if "." in number else 0
    if shown > _MAX_DECIMALS:
        msg = f"{name} shows more than {_MAX_DECIMALS} decimals: {value!r}"
        raise InputValueError(msg)
    percent, money = match["percent"] is not None, match["money"] is not None
    exact = "." not in number and not (percent or money or bound)
    return Printed(value.strip(), x, shown, bound, percent, money, exact)  # type: ignore[arg-type]


def round_to(value: float, decimals: int, rounding: Rounding = "half-up") -> float:
    """Round *value* to *decimals* by the report's rule: ``"half-up"`` or ``"half-even"``.

    ``"half-up"`` rounds halves away from zero (a spreadsheet's ROUND);
    ``"half-even"`` to the even neighbour (Python's and R's ``round``).

    Both first round to 9 further decimals, so that binary representation
    error (1.005 stored as 1.00499...) does not move a printed half.

    Examples
    --------
    >>> round_to(12.5, 0), round_to(12.5, 0, "half-even"), round_to(0.125, 2, "half-even")
    (13.0, 12.0, 0.12)
    """
    if rounding == "half-up":
        return float(round_half_up(value, decimals))
    scale = 10.0**decimals
    return float(np.round(np.round(value * scale, 9)) / scale)


def consistent(
    printed: Printed,
    low: float,
    high: float | None = None,
    *,
    rounding: Rounding = "half-up",
    decimals: int | None = None,
) -> bool:
    """Whether a value recomputed as *low* (or anywhere in [*low*, *high*]) matches the printed figure.

    An exact recomputed value (``high`` omitted or equal to ``low``) must
    round to the figure under *rounding*; a bound (``"< .001"``) must hold.
    A range (the recomputation from inputs that are themselves rounded)
    matches when it meets the interval of values that round to the figure.
    *decimals* overrides the figure's printed precision.

    Examples
    --------
    70.6% is printed as 71%; 70.4% is not:

    >>> from safecore.audit import parse_printed
    >>> consistent(parse_printed("71%"), 70.6), consistent(parse_printed("71%"), 70.4)
    (True, False)

    2 × £7,770 is £15,540, not the printed £15,400:

    >>> consistent(parse_printed("£15,400"), 2 * 7_770)
    False

    A mean recomputed from rounded inputs lies in a range; it matches when
    the range meets the values that round to the figure:

    >>> consistent(parse_printed("3.10"), 3.06, 3.14), consistent(parse_printed("3.10"), 3.0, 3.04)
    (True, False)
    >>> consistent(parse_printed("< .001"), 0.0012)
    False
    """
    hi = low if high is None else high
    if printed.bound == "<":
        return low < printed.value
    if printed.bound == ">":
        return hi > printed.value
    d = printed.decimals if decimals is None else decimals
    if math.isfinite(hi - low) and hi - low <= 1e-12 * max(1.0, abs(low)):
        return math.isclose(
            round_to(low, d, rounding), printed.value, rel_tol=0, abs_tol=10.0 ** -(d + 3)
        )
    half = 0.5 * 10.0**-d + 1e-9 * max(1.0, abs(printed.value))
    return low <= printed.value + half and hi >= printed.value - half
