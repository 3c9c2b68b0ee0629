"""Financial proxies: an annual saving per outcome, with its indicator and source.

Outcome keys are open: the eight [`CostOutcome`][safecore.categories.CostOutcome]
members, or any string a researcher defines. A label such as
``"Mental Health"`` is read as the matching ``CostOutcome``.

Examples
--------
>>> from safecore.cost import Proxy
>>> from safecore.datasets import SAFECORE_2020
>>> SAFECORE_2020["housing"].saving
7770.0
>>> table = SAFECORE_2020.with_proxy(Proxy("truancy_fines", "Fine avoided", 120.0, "LA data"))
>>> list(table.keys())[-1]
'truancy_fines'
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import (
    InputTypeError,
    InputValueError,
    MissingOutcomeError,
    ProxyTableError,
    SafecoreError,
    UnknownLabelError,
)
from safecore._format import fmt_money
from safecore._read import (
    missing_markers,
    parse_number,
    read_bytes,
    read_csv,
    read_toml,
    toml_array_of_tables,
    toml_unknown_keys,
)
from safecore._results import Result, ResultTable
from safecore._validate import (
    check_instance,
    check_real,
    check_share,
    check_text,
    check_whole,
    check_year,
    show_value,
    type_name,
)
from safecore.categories import CostOutcome

__all__ = [
    "MAX_SAVING",
    "PROXY_FIELDS",
    "Proxy",
    "ProxyTable",
    "load_proxies",
    "outcome_key",
]

#: Fields of a proxy in a TOML, CSV or xlsx file; the first four are required. The
#: fields after ``grade`` describe the benefit in the HM Treasury local-partnership
#: format (value type, beneficiary, cashable, benefit profile, per-outcome shares).
PROXY_FIELDS: tuple[str, ...] = (
    "outcome",
    "indicator",
    "saving",
    "source",
    "price_year",
    "grade",
    "value_type",
    "beneficiary",
    "cashable",
    "lag",
    "duration",
    "drop_off",
    "deadweight",
    "displacement",
    "attribution",
)
_REQUIRED = PROXY_FIELDS[:4]
#: Kinds of benefit in the HM Treasury (2014) guidance, chapter 7: fiscal (to the public
#: purse), economic (to individuals and businesses, e.g. earnings) and social (wider
#: well-being).
VALUE_TYPES: tuple[str, ...] = ("fiscal", "economic", "social")
#: Confidence grades of the guidance's cost and benefit evidence: 1 (highest) to 6.
GRADES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
#: Longest benefit lag in whole years (the longest benefit period, too).
MAX_LAG = 1000
_SHARE_FIELDS = ("drop_off", "deadweight", "displacement", "attribution")
_WHOLE_FIELDS = ("price_year", "lag", "duration", "grade")
#: Largest annual saving per family accepted for one proxy, in pounds (a
#: trillion). Savings, counts and years are all bounded, so no total can
#: overflow to ``inf`` and no printed amount is ``£inf`` or ``£nan``.
MAX_SAVING: float = 1e12

#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_FIELDS = ("outcome", "indicator", "source", "value_type", "beneficiary")


def outcome_key(key: object) -> str:
    """Return the canonical key for an outcome.

    A [`CostOutcome`][safecore.categories.CostOutcome] member, its value or its label gives the member;
    any other non-empty string is kept (stripped) as a researcher's own key.

    Raises
    ------
    InputTypeError
        (a ``TypeError``) if *key* is not a string.
    ProxyTableError
        (a ``ValueError``) if *key* is empty or blank.

    Examples
    --------
    >>> outcome_key("Mental Health") is CostOutcome.MENTAL_HEALTH
    True
    >>> outcome_key(" my_outcome ")
    'my_outcome'
    """
    if isinstance(key, CostOutcome):
        return key
    if not isinstance(key, str):
        msg = f"an outcome key must be a string, not {type_name(key)}: {show_value(key)}"
        raise InputTypeError(msg)
    if not key.strip():
        msg = f"an outcome key must be a non-empty string: {key!r}"
        raise ProxyTableError(msg)
    try:
        return CostOutcome.from_label(key)
    except UnknownLabelError:
        return key.strip()


# -- one check per field, shared by Proxy and load_proxies ----------------------------------


def _check_text(
    value: object,
    name: str,
    *,
    required: bool = True,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> str | None:
    """Return *value* stripped of surrounding white space, or raise (None allowed unless *required*)."""
    prefix = f"{where}: " if where else ""
    if value is None and not required:
        return None
    if not required and isinstance(value, str) and not value.strip():
        msg = f"{prefix}{name} must be non-empty text or absent (None): {value!r}"
        raise error(msg)
    text = check_text(value, name, where=where, error=error, type_error=type_error)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        msg = f"{prefix}{name} must be text that UTF-8 can hold (no lone surrogate): {show_value(value)}"
        raise error(msg) from None
    if "\x00" in text:
        msg = f"{prefix}{name} must not contain a NUL character: {show_value(value)}"
        raise error(msg)
    return text


def _check_saving(
    value: object,
    name: str = "saving",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> float:
    """Return a saving in pounds in ``[0, MAX_SAVING]`` (``-0.0`` becomes ``0.0``), or raise."""
    out = check_real(
        value, name, minimum=0, maximum=MAX_SAVING, where=where, error=error, type_error=type_error
    )
    return out + 0.0


def _check_price_year(
    value: object,
    name: str = "price_year",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> int | None:
    if value is None:
        return None
    return check_year(value, name, where=where, error=error, type_error=type_error)


def _indicator(value: object) -> str:
    return str(_check_text(value, "indicator"))


def _source(value: object) -> str:
    return str(_check_text(value, "source"))


def _check_grade(
    value: object,
    name: str = "grade",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> int | None:
    """Return a confidence grade, a whole number from 1 to 6, or None; or raise.

    A text grade (the letter grades of earlier versions, e.g. ``"B"``) has no
    defined optimism-bias correction and is refused with a migration hint.
    """
    if value is None:
        return None
    if isinstance(value, str):
        prefix = f"{where}: " if where else ""
        msg = (
            f"{prefix}{name} must be a confidence grade, a whole number from 1 to 6 (HM Treasury "
            f"2014 cost-benefit guidance for local partnerships), not text: {show_value(value)}; "
            "a letter grade has no defined correction: map it to 1-6 or keep it in the source text"
        )
        raise type_error(msg)
    grade = check_whole(
        value, name, minimum=None, maximum=None, where=where, error=error, type_error=type_error
    )
    if grade not in GRADES:
        prefix = f"{where}: " if where else ""
        msg = f"{prefix}{name} must be a confidence grade from 1 to 6: {show_value(value)}"
        raise error(msg)
    return grade


def _check_value_type(
    value: object,
    name: str = "value_type",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> str | None:
    text = _check_text(value, name, required=False, where=where, error=error, type_error=type_error)
    if text is None:
        return None
    if text.casefold() not in VALUE_TYPES:
        prefix = f"{where}: " if where else ""
        msg = f"{prefix}{name} must be 'fiscal', 'economic' or 'social': {show_value(value)}"
        raise error(msg)
    return text.casefold()


_TRUE = ("true", "yes", "y", "1")
_FALSE = ("false", "no", "n", "0")


def _check_cashable(
    value: object,
    name: str = "cashable",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> bool | None:
    """Return True, False or None; text (from a file) may be true/false/yes/no/1/0."""
    if value is None or isinstance(value, bool | np.bool_):
        return None if value is None else bool(value)
    prefix = f"{where}: " if where else ""
    if isinstance(value, str) and value.strip().casefold() in (*_TRUE, *_FALSE):
        return value.strip().casefold() in _TRUE
    if isinstance(value, str):
        msg = f"{prefix}{name} must be true or false (yes/no, 1/0): {show_value(value)}"
        raise error(msg)
    msg = f"{prefix}{name} must be True or False, not {type_name(value)}: {show_value(value)}"
    raise type_error(msg)


def _check_lag(
    value: object,
    name: str = "lag",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> int:
    if value is None:
        return 0
    lag = check_whole(
        value, name, minimum=0, maximum=None, where=where, error=error, type_error=type_error
    )
    if lag > MAX_LAG:
        prefix = f"{where}: " if where else ""
        msg = f"{prefix}{name} must be at most {MAX_LAG:,} years: {show_value(value)}"
        raise error(msg)
    return lag


def _check_duration(
    value: object,
    name: str = "duration",
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> int | None:
    if value is None:
        return None
    years = check_whole(
        value, name, minimum=1, maximum=None, where=where, error=error, type_error=type_error
    )
    if years > MAX_LAG:
        prefix = f"{where}: " if where else ""
        msg = f"{prefix}{name} must be at most {MAX_LAG:,} years: {show_value(value)}"
        raise error(msg)
    return years


def _check_optional_share(
    value: object,
    name: str,
    *,
    where: str | None = None,
    error: type[Exception] = ProxyTableError,
    type_error: type[Exception] = InputTypeError,
) -> float | None:
    if value is None:
        return None
    return check_share(value, name, where=where, error=error, type_error=type_error)


def _grade(value: object) -> int | None:
    return _check_grade(value)


def _value_type(value: object) -> str | None:
    return _check_value_type(value)


def _beneficiary(value: object) -> str | None:
    return _check_text(value, "beneficiary", required=False)


def _cashable(value: object) -> bool | None:
    return _check_cashable(value)


def _lag(value: object) -> int:
    return _check_lag(value)


def _duration(value: object) -> int | None:
    return _check_duration(value)


def _drop_off(value: object) -> float | None:
    return _check_optional_share(value, "drop_off")


def _deadweight(value: object) -> float | None:
    return _check_optional_share(value, "deadweight")


def _displacement(value: object) -> float | None:
    return _check_optional_share(value, "displacement")


def _attribution(value: object) -> float | None:
    return _check_optional_share(value, "attribution")


def _saving(value: object) -> float:
    return _check_saving(value)


def _price_year(value: object) -> int | None:
    return _check_price_year(value)


@attrs.frozen(slots=True, repr=False)
class Proxy:
    """An annual saving credited per family that improves on an outcome.

    Parameters
    ----------
    outcome : CostOutcome or str
        The outcome key (see [`outcome_key`][safecore.cost.proxies.outcome_key]).
    indicator : str
        What the improvement is assumed to avoid, e.g. "An eviction has been avoided."
        Surrounding white space is removed from this, *source* and *grade*.
    saving : float
        Annual fiscal saving per family, in pounds, from 0 to `MAX_SAVING`.
        Any real number type is accepted (``int``, ``float``, numpy scalars,
        ``Decimal``, ``Fraction``); it is stored as a float.
    source : str
        Where the value comes from.
    price_year : int, optional
        The year whose prices *saving* is in (needed to rebase), 1900 to 2100.
    grade : int, optional
        Confidence grade of the evidence, a whole number from 1 (best) to 6,
        as in HM Treasury (2014), *Supporting public service transformation:
        cost benefit analysis guidance for local partnerships*, chapter 7
        (benefits: method of calculation). A graded proxy's benefit is
        multiplied by ``1 - correction[grade]`` from the model's
        [`OptimismBias`][safecore.cost.optimism.OptimismBias] table; text grades such as
        ``"B"`` (earlier versions) are refused.
    value_type : {"fiscal", "economic", "social"}, optional
        Kind of benefit (guidance chapter 7). Absent means fiscal, the
        meaning of a saving in the 2020 model.
    beneficiary : str, optional
        Who gains, e.g. "Local authority", "NHS", "Police", "DWP".
    cashable : bool, optional
        Whether a fiscal saving can be released from a budget (cashable)
        or frees capacity only (non-cashable); absent means not stated.
    lag : int
        Whole years before the benefit starts (default 0: from year 0).
    duration : int, optional
        Years the benefit lasts, 1 to 1,000 (default: the model's ``years``).
    drop_off : float, optional
        Share of the benefit lost each year after its first (default: the model's).
    deadweight, displacement, attribution : float, optional
        Shares for this outcome that replace the model-wide values.

    Raises
    ------
    InputTypeError
        (a ``TypeError``) for a field of the wrong type: a saving that is
        ``bool`` or text, text fields that are not strings, a year that is
        not a whole number.
    ProxyTableError
        (a ``ValueError``) for a saving that is NaN, infinite, negative or
        above `MAX_SAVING`, an empty text field or a price year outside
        1900-2100. Messages name the field and the value.

    Examples
    --------
    >>> from decimal import Decimal
    >>> Proxy("housing", "An eviction has been avoided.", Decimal("8450.50"), "Shelter").saving
    8450.5
    >>> Proxy("housing", "An eviction has been avoided.", float("nan"), "Shelter")
    Traceback (most recent call last):
    ...
    safecore._errors.ProxyTableError: saving must be a finite number: nan
    """

    outcome: str = attrs.field(converter=outcome_key)
    indicator: str = attrs.field(converter=_indicator)
    saving: float = attrs.field(converter=_saving)
    source: str = attrs.field(converter=_source)
    price_year: int | None = attrs.field(default=None, converter=_price_year)
    grade: int | None = attrs.field(default=None, converter=_grade)
    value_type: str | None = attrs.field(default=None, kw_only=True, converter=_value_type)
    beneficiary: str | None = attrs.field(default=None, kw_only=True, converter=_beneficiary)
    cashable: bool | None = attrs.field(default=None, kw_only=True, converter=_cashable)
    lag: int = attrs.field(default=0, kw_only=True, converter=_lag)
    duration: int | None = attrs.field(default=None, kw_only=True, converter=_duration)
    drop_off: float | None = attrs.field(default=None, kw_only=True, converter=_drop_off)
    deadweight: float | None = attrs.field(default=None, kw_only=True, converter=_deadweight)
    displacement: float | None = attrs.field(default=None, kw_only=True, converter=_displacement)
    attribution: float | None = attrs.field(default=None, kw_only=True, converter=_attribution)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form (the outcome as its string key), one key per `PROXY_FIELDS`."""
        return {
            name: str(self.outcome) if name == "outcome" else getattr(self, name)
            for name in PROXY_FIELDS
        }

    def __repr__(self) -> str:
        year = f", price_year={self.price_year}" if self.price_year else ""
        grade = f", grade={self.grade}" if self.grade is not None else ""
        return f"Proxy({str(self.outcome)!r}, saving={fmt_money(self.saving, 2)}{year}{grade})"


def _proxies(items: object) -> tuple[Proxy, ...]:
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        kind = type_name(items)
        msg = f"proxies must be an iterable of Proxy objects, not {kind}: {show_value(items)}"
        raise InputTypeError(msg)
    out: list[Proxy] = []
    seen: set[str] = set()
    for p in items:
        if not isinstance(p, Proxy):
            msg = f"a ProxyTable holds Proxy objects, not {type_name(p)}: {show_value(p)}"
            raise InputTypeError(msg)
        if p.outcome in seen:
            msg = f"duplicate outcome {str(p.outcome)!r}: each outcome has one proxy"
            raise ProxyTableError(msg)
        seen.add(p.outcome)
        out.append(p)
    return tuple(out)


def _price_index(price_index: object) -> dict[int, float]:
    items = getattr(price_index, "items", None)
    if isinstance(price_index, str) or not callable(items):
        msg = (
            "price_index must be a mapping of year to index value, "
            f"not {type_name(price_index)}: {show_value(price_index)}"
        )
        raise InputTypeError(msg)
    out: dict[int, float] = {}
    for year, value in items():
        y = check_whole(year, "a price_index year", minimum=None, maximum=None, error=ProxyTableError)
        out[y] = check_real(
            value, f"price_index[{y}]", minimum=0, exclusive_minimum=True, error=ProxyTableError
        )
    return out


def _row_cells(p: Proxy) -> list[object]:
    """Return a proxy's cells in `PROXY_FIELDS` order for CSV and xlsx (None as empty)."""
    d = p.to_dict()
    cells: list[object] = []
    for k in PROXY_FIELDS:
        value = d[k]
        if k in _TEXT_FIELDS:
            cells.append(_csv_cell(value))
        elif value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        else:
            cells.append(value)
    return cells


def _csv_cell(text: str | None) -> str:
    """Text for a CSV cell: a leading quote keeps a spreadsheet from reading a formula."""
    if text is None:
        return ""
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


def _csv_uncell(text: str) -> str:
    """Undo `_csv_cell`: drop one leading quote that protects a formula character or a quote."""
    if len(text) > 1 and text[0] == "'" and text[1] in (*_FORMULA_START, "'"):
        return text[1:]
    return text


_TOML_ESCAPES = {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
}
for _code in (*range(0x20), 0x7F):
    _TOML_ESCAPES.setdefault(_code, f"\\u{_code:04X}")


def _toml_string(text: str) -> str:
    """Return *text* as a TOML basic string (quotes, backslashes, control characters escaped)."""
    return '"' + text.translate(_TOML_ESCAPES) + '"'


@attrs.frozen(slots=True, repr=False, eq=False)
class ProxyTable(Result):
    """An immutable, ordered table of proxies, looked up by outcome.

    Every method that changes something returns a new table. Tables are
    equal when they hold equal proxies in the same order, and hashable.
    ``to_frame()`` has one row per proxy with the columns of a proxy file,
    `PROXY_FIELDS`.

    Parameters
    ----------
    proxies : iterable of Proxy
        The proxies, in order (a table may be empty).

    Raises
    ------
    InputTypeError
        If *proxies* is not an iterable of [`Proxy`][safecore.cost.proxies.Proxy] objects.
    ProxyTableError
        If two proxies share an outcome.

    Examples
    --------
    Two proxies, looked up by outcome key or label:

    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)", 2019),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)",
    ...           2019),
    ... ])
    >>> proxies
    ProxyTable(housing=£7,770, mental_health=£2,303)
    >>> len(proxies), "housing" in proxies, "violence" in proxies
    (2, True, False)
    >>> proxies["Mental Health"].saving, proxies.savings.tolist(), proxies.price_years
    (2303.0, [7770.0, 2303.0], (2019,))
    >>> [str(k) for k in proxies.keys()]
    ['housing', 'mental_health']

    Changes return a new table:

    >>> fines = Proxy("truancy_fines", "A truancy fine avoided.", 120, "LA data", 2019)
    >>> proxies.with_proxy(fines).without("housing")
    ProxyTable(mental_health=£2,303, truancy_fines=£120)
    >>> proxies.scaled(0.5)["housing"].saving
    3885.0
    """

    proxies: tuple[Proxy, ...] = attrs.field(converter=_proxies)

    def __getitem__(self, key: object) -> Proxy:
        k = outcome_key(key)
        for p in self.proxies:
            if p.outcome == k:
                return p
        msg = f"no proxy for outcome {str(k)!r} (outcomes: {', '.join(map(str, self.keys()))})"
        raise MissingOutcomeError(msg)

    def __contains__(self, key: object) -> bool:
        try:
            k = outcome_key(key)
        except SafecoreError:
            return False
        return any(p.outcome == k for p in self.proxies)

    def __iter__(self) -> Iterator[Proxy]:
        return iter(self.proxies)

    def __len__(self) -> int:
        return len(self.proxies)

    def keys(self) -> tuple[str, ...]:
        """Outcome keys, in order."""
        return tuple(p.outcome for p in self.proxies)

    @property
    def savings(self) -> NDArray[np.float64]:
        """Savings, in order, as an array."""
        return np.array([p.saving for p in self.proxies], dtype=np.float64)

    @property
    def price_years(self) -> tuple[int, ...]:
        """The distinct price years the proxies state, sorted (proxies without one are not counted)."""
        return tuple(sorted({p.price_year for p in self.proxies if p.price_year is not None}))

    def with_proxy(self, proxy: Proxy) -> ProxyTable:
        """Return a table with *proxy* added, or replacing the one for its outcome.

        Raises
        ------
        InputTypeError
            If *proxy* is not a [`Proxy`][safecore.cost.proxies.Proxy].
        """
        check_instance(proxy, Proxy, "proxy", "a Proxy")
        if proxy.outcome in self:
            return ProxyTable(proxy if p.outcome == proxy.outcome else p for p in self.proxies)
        return ProxyTable((*self.proxies, proxy))

    def without(self, key: object) -> ProxyTable:
        """Return a table without the proxy for *key* (``KeyError`` if absent)."""
        k = self[key].outcome
        return ProxyTable(p for p in self.proxies if p.outcome != k)

    def _with_savings(self, savings: Iterable[float], why: str) -> ProxyTable:
        out = []
        for p, saving in zip(self.proxies, savings, strict=True):
            if not saving <= MAX_SAVING:
                msg = (
                    f"{why} makes the saving of proxy {str(p.outcome)!r} {saving:g}, above "
                    f"the {MAX_SAVING:g} limit (MAX_SAVING)"
                )
                raise ProxyTableError(msg)
            out.append(attrs.evolve(p, saving=saving))
        return ProxyTable(out)

    def scaled(self, factor: float) -> ProxyTable:
        """Return a table with every saving multiplied by *factor*.

        Parameters
        ----------
        factor : float
            A finite number >= 0 (any real number type).

        Raises
        ------
        InputTypeError
            If *factor* is not a number (``bool`` and text are refused).
        ProxyTableError
            If *factor* is NaN, infinite or negative, or makes a saving exceed
            `MAX_SAVING`; the message names ``factor``.

        Examples
        --------
        >>> from safecore.datasets import SAFECORE_2020
        >>> SAFECORE_2020.scaled(2)["physical_health"].saving
        134.0
        """
        f = check_real(factor, "factor", minimum=0, error=ProxyTableError)
        why = f"factor {show_value(factor)}"
        return self._with_savings((p.saving * f for p in self.proxies), why)

    def rebased(self, price_index: Mapping[int, float], to_year: int) -> ProxyTable:
        """Return a table in *to_year* prices using a price index (e.g. the GDP deflator).

        ``saving * index[to_year] / index[price_year]``, as the Green Book
        rebases real prices (HM Treasury 2014 local-partnership guidance,
        chapter 6: costs and benefits in the prices of one base year, with
        the GDP deflator).

        Parameters
        ----------
        price_index : mapping of int to float
            Index value per year: a dict, a pandas Series, or the
            [`PriceIndex`][safecore.cost.prices.PriceIndex] that
            [`load_gdp_deflators`][safecore.cost.prices.load_gdp_deflators] reads from HM Treasury's
            published CSV; every value must be a finite number > 0 and every
            key a whole number.
        to_year : int
            The price year of the result, 1900 to 2100.

        Raises
        ------
        InputTypeError
            If *price_index* is not a mapping, or a key, value or *to_year*
            is not a number.
        ProxyTableError
            If an index value is not finite and > 0, *to_year* is outside
            1900-2100, a proxy has no ``price_year``, the index lacks a year,
            or a rebased saving exceeds `MAX_SAVING`.
        """
        year = check_year(to_year, "to_year", error=ProxyTableError)
        index = _price_index(price_index)
        ratios = []
        for p in self.proxies:
            if p.price_year is None:
                msg = f"proxy {str(p.outcome)!r} has no price_year: cannot rebase"
                raise ProxyTableError(msg)
            for y in (p.price_year, year):
                if y not in index:
                    msg = f"price_index has no value for {y} (proxy {str(p.outcome)!r})"
                    raise ProxyTableError(msg)
            ratios.append(index[year] / index[p.price_year])
        why = f"rebasing to {year}"
        scaled = self._with_savings(
            (p.saving * r for p, r in zip(self.proxies, ratios, strict=True)), why
        )
        return ProxyTable(attrs.evolve(p, price_year=year) for p in scaled)

    def to_toml(self) -> str:
        """Serialise as TOML (an array of ``[[proxy]]`` tables), readable by `load_proxies`.

        Text is written as TOML basic strings with quotes, backslashes and
        every control character (including DEL) escaped, so any text reads
        back exactly; absent optional fields are left out.

        Examples
        --------
        >>> t = ProxyTable([Proxy("a", 'say "hi"\\n', 12.5, "s", 2019)])
        >>> print(t.to_toml())
        # Financial proxies: annual saving per family (GBP) per outcome.
        <BLANKLINE>
        [[proxy]]
        outcome = "a"
        indicator = "say \\"hi\\""
        saving = 12.5
        source = "s"
        price_year = 2019
        <BLANKLINE>
        """
        lines = ["# Financial proxies: annual saving per family (GBP) per outcome."]
        for p in self.proxies:
            lines.append("\n[[proxy]]")
            for key, value in p.to_dict().items():
                if value is None or (key == "lag" and value == 0):
                    continue
                if isinstance(value, bool):
                    text = "true" if value else "false"
                else:
                    text = _toml_string(value) if isinstance(value, str) else repr(value)
                lines.append(f"{key} = {text}")
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """Serialise as CSV with the columns `PROXY_FIELDS`, readable by `load_proxies`.

        Text cells are quoted (so line breaks inside them survive). A text cell (outcome, indicator,
        source, value_type, beneficiary) that starts with ``=``, ``+``, ``-``, ``@``, a tab, a
        carriage return or a single quote is written with one leading single quote ``'``, so that a
        spreadsheet shows it as text instead of running it as a formula;
        [`load_proxies`][safecore.cost.proxies.load_proxies] removes that quote again. Numeric
        columns are written as numbers. A table with no proxies writes only the header, which
        [`load_proxies`][safecore.cost.proxies.load_proxies] refuses.

        Examples
        --------
        >>> t = ProxyTable([Proxy("a", "=1+1", 5, "-s", grade=2, cashable=True)])
        >>> print(t.to_csv(), end="")  # doctest: +NORMALIZE_WHITESPACE
        outcome,indicator,saving,source,price_year,grade,value_type,beneficiary,cashable,lag,duration,drop_off,deadweight,displacement,attribution
        "a","'=1+1",5.0,"'-s","",2,"","","true",0,"","","","",""
        """
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(PROXY_FIELDS)
        # QUOTE_NONNUMERIC: every text cell is quoted, so a lone "\r" inside one survives
        writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
        for p in self.proxies:
            writer.writerow(_row_cells(p))
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form, for JSON."""
        return {"proxies": [p.to_dict() for p in self.proxies]}

    # Result leaves results unhashable (they hold arrays); a proxy table is immutable data
    # made of hashable proxies, and a SavingModel holding it is hashed through it.
    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self.proxies)

    def _table(self) -> ResultTable:
        pence = any(not p.saving.is_integer() for p in self.proxies)
        return ResultTable(
            PROXY_FIELDS,
            [tuple(p.to_dict().values()) for p in self.proxies],
            caption="Proxy savings per family per year",
            headers=tuple(_HEADERS[k] for k in PROXY_FIELDS),
            formats={"saving": "money2" if pence else "money"},
        )

    def __repr__(self) -> str:
        body = ", ".join(f"{p.outcome}={fmt_money(p.saving)}" for p in self.proxies)
        return f"ProxyTable({body})"


# -- reading proxy files ---------------------------------------------------------------------


_HEADERS = {
    "outcome": "Outcome",
    "indicator": "Indicator",
    "saving": "Saving",
    "source": "Source",
    "price_year": "Price year",
    "grade": "Grade",
    "value_type": "Value type",
    "beneficiary": "Beneficiary",
    "cashable": "Cashable",
    "lag": "Lag",
    "duration": "Duration",
    "drop_off": "Drop-off",
    "deadweight": "Deadweight",
    "displacement": "Displacement",
    "attribution": "Attribution",
}


def _proxy_from_fields(row: Mapping[str, Any], where: str, prefix: str) -> Proxy:
    """Build a proxy from a file's fields; messages name *where* and the field as ``prefix + key``."""
    ctx: dict[str, Any] = {"where": where, "error": ProxyTableError, "type_error": ProxyTableError}
    for key in _REQUIRED:
        if row.get(key) is None:
            msg = f"{where}: {prefix}{key} is missing (required fields: {', '.join(_REQUIRED)})"
            raise ProxyTableError(msg)
    outcome = _check_text(row["outcome"], f"{prefix}outcome", **ctx)
    shares = {k: _check_optional_share(row.get(k), f"{prefix}{k}", **ctx) for k in _SHARE_FIELDS}
    return Proxy(
        outcome_key(outcome),
        _check_text(row["indicator"], f"{prefix}indicator", **ctx),
        _check_saving(row["saving"], f"{prefix}saving", **ctx),
        _check_text(row["source"], f"{prefix}source", **ctx),
        _check_price_year(row.get("price_year"), f"{prefix}price_year", **ctx),
        _check_grade(row.get("grade"), f"{prefix}grade", **ctx),
        value_type=_check_value_type(row.get("value_type"), f"{prefix}value_type", **ctx),
        beneficiary=_check_text(row.get("beneficiary"), f"{prefix}beneficiary", required=False, **ctx),
        cashable=_check_cashable(row.get("cashable"), f"{prefix}cashable", **ctx),
        lag=_check_lag(row.get("lag"), f"{prefix}lag", **ctx),
        duration=_check_duration(row.get("duration"), f"{prefix}duration", **ctx),
        **shares,
    )


def _no_proxies(path: Path) -> ProxyTableError:
    return ProxyTableError(
        f"{path}: no proxies; expected [[proxy]] tables with {', '.join(_REQUIRED)} "
        f"(and optionally {', '.join(PROXY_FIELDS[4:])})"
    )


# (where, field name, short place) of each proxy, for the duplicate-outcome message
_Places = list[tuple[str, str, str]]


def _from_toml(path: Path) -> tuple[list[Proxy], _Places]:
    data = read_toml(path, error=ProxyTableError)
    where = str(path)
    toml_unknown_keys(data, ("proxy",), "", where, ProxyTableError)
    if "proxy" not in data:
        raise _no_proxies(path)
    rows = toml_array_of_tables(data["proxy"], "proxy", where, ProxyTableError)
    if not rows:
        raise _no_proxies(path)
    proxies, places = [], []
    for i, row in enumerate(rows, start=1):
        toml_unknown_keys(row, PROXY_FIELDS, f"proxy[{i}]", where, ProxyTableError)
        proxies.append(_proxy_from_fields(row, where, f"proxy[{i}]."))
        places.append((where, f"proxy[{i}].outcome", f"proxy[{i}]"))
    return proxies, places


def _from_csv(
    path: Path, delimiter: str, decimal: str, missing: Iterable[str]
) -> tuple[list[Proxy], _Places]:
    records = read_csv(path, delimiter=delimiter, missing=missing, error=ProxyTableError)
    for column in records.columns:
        if column not in PROXY_FIELDS:
            allowed = ", ".join(PROXY_FIELDS)
            msg = f"{path}: unknown column {column!r} (columns of a proxy file: {allowed})"
            raise ProxyTableError(msg)
    for column in _REQUIRED:
        if column not in records.columns:
            found = ", ".join(repr(c) for c in records.columns)
            msg = (
                f"{path}: no column {column!r} (columns found: {found}); a proxy file needs "
                f"{', '.join(_REQUIRED)}"
            )
            raise ProxyTableError(msg)
    proxies = []
    for i, cells in enumerate(records):
        where = records.where(i)
        row: dict[str, Any] = {}
        for key, cell in cells.items():
            if cell is None:
                continue
            if key == "grade" and not cell.strip()[:1].isdigit():
                row[key] = cell  # a letter grade: refused with a migration hint
            elif key in ("saving", *_WHOLE_FIELDS, *_SHARE_FIELDS):
                row[key] = parse_number(cell, key, where=where, decimal=decimal, error=ProxyTableError)
            else:
                row[key] = _csv_uncell(cell)
        proxies.append(_proxy_from_fields(row, where, ""))
    return proxies, [(records.where(i), "outcome", place) for i, place in enumerate(records.places)]


def _from_xlsx(path: Path, sheet: str | None, decimal: str) -> tuple[list[Proxy], _Places]:
    from safecore.cost._excel import read_sheet  # noqa: PLC0415 - openpyxl only when asked for

    _, columns, rows = read_sheet(path, sheet=sheet, required=_REQUIRED, error=ProxyTableError)
    for column in columns:
        if column not in PROXY_FIELDS:
            allowed = ", ".join(PROXY_FIELDS)
            msg = f"{path}: unknown column {column!r} (columns of a proxy file: {allowed})"
            raise ProxyTableError(msg)
    proxies, places = [], []
    for where, cells in rows:
        row: dict[str, Any] = {}
        for key, cell in cells.items():
            numeric = key in ("saving", *_WHOLE_FIELDS, *_SHARE_FIELDS)
            if isinstance(cell, str) and numeric and not (key == "grade" and not cell[:1].isdigit()):
                row[key] = parse_number(cell, key, where=where, decimal=decimal, error=ProxyTableError)
            elif isinstance(cell, str) and key in _TEXT_FIELDS:
                row[key] = _csv_uncell(cell)
            elif key in _TEXT_FIELDS and not isinstance(cell, str):
                row[key] = str(cell)  # a number typed in a text column, e.g. an outcome code
            else:
                row[key] = cell
        proxies.append(_proxy_from_fields(row, where, ""))
        places.append((where, "outcome", where.rsplit(", ", 1)[-1]))
    if not proxies:
        raise _no_proxies(path)
    return proxies, places


#: The kinds of proxy file: what ``file_format`` (``--from``, ``--proxies-format``) may say.
_FILE_FORMATS: tuple[str, ...] = ("toml", "csv", "xlsx")
_XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


def _sniff_file_format(data: bytes, delimiter: str) -> str | None:
    """Return the type of a proxy table from its bytes, or None unless it is unambiguous.

    An .xlsx workbook starts with the zip magic number; TOML parses as TOML, or starts
    (after comments) with a ``[`` table header; a CSV has a first line holding an
    ``outcome`` cell. Text that looks like both, or like neither, is left undecided.
    """
    if data.startswith(_XLSX_MAGIC):
        return "xlsx"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = [line.strip() for line in text.splitlines()]
    first = next((line for line in lines if line and not line.startswith("#")), "")
    try:
        looks_toml = bool(tomllib.loads(text)) or first.startswith("[")
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        looks_toml = first.startswith("[")
    cells = [c.strip().strip("\"'").strip().casefold() for c in first.split(delimiter or ",")]
    looks_csv = "outcome" in cells
    if looks_toml == looks_csv:
        return None
    return "toml" if looks_toml else "csv"


def _proxy_file_format(path: Path, file_format: object, delimiter: str) -> str:
    """Return the format of a proxy file: as given, else by its suffix, else (``-``) its content."""
    if file_format is not None:
        if file_format not in _FILE_FORMATS:
            msg = f"file_format must be 'toml', 'csv' or 'xlsx': {show_value(file_format)}"
            raise InputValueError(msg)
        return str(file_format)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in _FILE_FORMATS:
        return suffix
    if os.fspath(path) == "-":
        sniffed = _sniff_file_format(read_bytes(path), delimiter)
        if sniffed is None:
            msg = (
                "standard input: cannot tell whether the proxy table is TOML, CSV or .xlsx; "
                "say which (safecore report --proxies-format, safecore proxies --from, or "
                "file_format= in Python)"
            )
            raise ProxyTableError(msg)
        return sniffed
    read_bytes(path)  # a missing file, a directory or an endless device is reported as such
    msg = (
        f"{path}: unknown proxy file type {path.suffix!r}; expected .toml, .csv or .xlsx "
        "(or give its format: --proxies-format, --from, or file_format= in Python)"
    )
    raise ProxyTableError(msg)


def load_proxies(
    path: str | os.PathLike[str],
    *,
    delimiter: str = ",",
    decimal: str = ".",
    missing: Iterable[str] = ("",),
    sheet: str | None = None,
    file_format: Literal["toml", "csv", "xlsx"] | None = None,
) -> ProxyTable:
    """Read a proxy table from a TOML, CSV or Excel (``.xlsx``) file.

    TOML: an array of tables ``[[proxy]]``, each with ``outcome``,
    ``indicator``, ``saving`` and ``source`` and optionally ``price_year``
    and ``grade`` (no other keys). CSV: a header row with those columns (in
    any order; the optional ones may be left out), one proxy per row. Files
    are UTF-8 (a byte-order mark and CRLF line ends are accepted).

    In CSV, quoted cells may span lines; a saving may be written ``8450``, ``8450.5``, ``8,450.50``
    or ``£8,450``. A text cell starting with a single quote followed by ``=``, ``+``, ``-``, ``@``,
    a tab, a carriage return or another single quote loses that first quote: it is how
    [`ProxyTable.to_csv`][safecore.cost.proxies.ProxyTable.to_csv] protects such text from
    spreadsheets, so ``load_proxies`` of ``to_csv`` (and of ``to_toml``) gives back an equal table.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.toml``, ``.csv`` or ``.xlsx`` file. An ``.xlsx`` workbook needs
        openpyxl (``pip install 'safecore[excel]'``); its header row is the
        first row (of the top 50) holding the column names ``outcome``,
        ``indicator``, ``saving`` and ``source`` (case and spaces ignored:
        "Price year" is ``price_year``), so titles and notes may sit above
        it; empty rows are skipped.
    delimiter : str
        CSV only: the character between cells (``";"`` for a semicolon file).
    decimal : {".", ","}
        CSV only: the decimal mark of savings. With the default ``"."``, a
        saving such as ``8.450,50`` or ``9690,5`` is refused as ambiguous;
        with ``","`` they are 8450.5 and 9690.5.
    missing : iterable of str
        CSV only: cell texts meaning "missing" (default: only an empty cell);
        a required field that is missing is an error, an optional one is None.
    sheet : str, optional
        ``.xlsx`` only: the sheet to read (default: the first).
    file_format : {"toml", "csv", "xlsx"}, optional
        What the file holds, whatever its name. By default it follows the
        suffix; for ``-`` (standard input, which has none) it is read from
        the content when that is unambiguous (an .xlsx workbook by its zip
        signature, TOML by parsing or a leading ``[`` table, CSV by an
        ``outcome`` cell on its first line), otherwise an error asks for it.

    Returns
    -------
    ProxyTable

    Raises
    ------
    ProxyTableError
        (a ``ValueError``) if the file is empty, not UTF-8, not valid
        TOML/CSV or holds no proxies; if the TOML is not an array of
        ``[[proxy]]`` tables, or a field has the wrong TOML type; if a CSV
        header repeats a column or seems to use another delimiter; if a
        proxy has an unknown or missing field, a duplicate outcome, a saving
        that is not a number from 0 to `MAX_SAVING` or a price year
        outside 1900-2100. The message names the file, the 1-based line
        (CSV) or the key path such as ``proxy[2].saving`` (TOML), the field
        and the value.
    LimitExceededError
        (a ``ValueError``) for a file above the input size limit (also an
        endless device such as ``/dev/zero``) or TOML nested too deeply.
    InputFileNotFoundError, InputIsADirectoryError, InputPermissionError
        (``FileNotFoundError``, ``IsADirectoryError``, ``PermissionError``)
        if *path* does not exist, is a directory or cannot be read.
    InputValueError
        If *decimal* is not ``"."`` or ``","``, or if *delimiter*, *decimal*
        or *missing* is given for a TOML file (they apply to CSV only).
    InputTypeError
        If *path* is not a path, or *missing* is a single string.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> from safecore.datasets import SAFECORE_2020
    >>> _ = (d / "p.toml").write_text(SAFECORE_2020.to_toml(), encoding="utf-8")
    >>> load_proxies(d / "p.toml") == SAFECORE_2020
    True
    >>> _ = (d / "p.csv").write_text(
    ...     "outcome;indicator;saving;source\\nhousing;Eviction avoided;8.450,50;Shelter\\n",
    ...     encoding="utf-8")
    >>> load_proxies(d / "p.csv", delimiter=";", decimal=",")["housing"].saving
    8450.5
    """
    check_instance(path, (str, os.PathLike), "path", "a file path")
    if decimal not in (".", ","):
        msg = f"decimal must be '.' or ',': {show_value(decimal)}"
        raise InputValueError(msg)
    p = Path(path)
    kind = _proxy_file_format(p, file_format, delimiter)
    if kind == "csv":
        proxies, places = _from_csv(p, delimiter, decimal, missing)
    elif kind == "xlsx":
        if delimiter != "," or missing_markers(missing) != {""}:
            msg = f"{p}: delimiter and missing apply to CSV files only; an .xlsx cell is typed"
            raise InputValueError(msg)
        proxies, places = _from_xlsx(p, sheet, decimal)
    else:
        if delimiter != "," or decimal != "." or missing_markers(missing) != {""}:
            msg = (
                f"{p}: delimiter, decimal and missing apply to CSV files only; a TOML file "
                "writes numbers and absent fields unambiguously"
            )
            raise InputValueError(msg)
        proxies, places = _from_toml(p)
    if sheet is not None and kind != "xlsx":
        msg = f"{p}: sheet applies to .xlsx files only: {show_value(sheet)}"
        raise InputValueError(msg)
    first: dict[str, str] = {}
    for proxy, (where, name, place) in zip(proxies, places, strict=True):
        if proxy.outcome in first:
            msg = (
                f"{where}: {name}: duplicate outcome {str(proxy.outcome)!r} (first in "
                f"{first[proxy.outcome]}); each outcome has one proxy"
            )
            raise ProxyTableError(msg)
        first[proxy.outcome] = place
    return ProxyTable(proxies)
