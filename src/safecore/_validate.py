"""One validator per rule: numbers, shares, years, seeds, draw counts and size limits.

Every public entry point checks its arguments with these functions, so a
rule (and its message) is written once. A number is a Python ``int`` or
``float``, a numpy integer or floating scalar, a ``fractions.Fraction`` or a
``decimal.Decimal``; ``bool`` (Python or numpy) and text are refused with a
``TypeError``; NaN and infinities are refused with a ``ValueError``.

Messages follow one form: ``"{where}: {name} must be {what}: {value!r}"``.

The limits below are documented in the "Preparing your data" page.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from safecore._errors import InputTypeError, InputValueError, LimitExceededError

__all__ = [
    "MAX_COUNT",
    "MAX_DRAWS",
    "MAX_YEARS",
    "MEMORY_BUDGET",
    "YEAR_RANGE",
    "as_real",
    "as_share",
    "as_whole",
    "check_allocation",
    "check_choice",
    "check_draws",
    "check_flag",
    "check_instance",
    "check_real",
    "check_seed",
    "check_share",
    "check_text",
    "check_whole",
    "check_year",
    "check_years",
    "is_number",
    "show_value",
    "type_name",
]

#: Largest count accepted: integers above 2**53 cannot be held exactly as floats.
MAX_COUNT: int = 2**53
#: Largest number of Monte Carlo draws accepted by ``simulate`` and ``--draws``.
MAX_DRAWS: int = 10_000_000
#: Largest number of years of benefit (or discount factors) accepted.
MAX_YEARS: int = 1_000
#: Plausible price years (inclusive).
YEAR_RANGE: tuple[int, int] = (1900, 2100)
#: Largest single working allocation (bytes) a computation may request.
MEMORY_BUDGET: int = 2 * 2**30

_SEED_MAX = 2**128


def type_name(value: object) -> str:
    """Return the name of *value*'s type, with numpy's boolean always called ``bool``."""
    return "bool" if isinstance(value, np.bool_) else type(value).__name__


def a_type_name(value: object) -> str:
    """Return *value*'s type name with its article: ``a float``, ``an int``."""
    name = type_name(value)
    return f"{'an' if name[:1].lower() in 'aeio' else 'a'} {name}"


def show_value(value: object) -> str:
    """Repr of a value as the user wrote it (numpy scalars shown as Python values)."""
    if isinstance(value, np.generic):
        return f"{value.item()!r} ({type_name(value)})"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _prefix(where: str | None) -> str:
    return f"{where}: " if where else ""


def is_number(value: object) -> bool:
    """Whether *value* is an accepted number type (not ``bool``, not text)."""
    if isinstance(value, bool | np.bool_):
        return False
    return isinstance(value, numbers.Real | Decimal)


def _type_check(
    value: object, name: str, what: str, where: str | None, type_error: type[Exception]
) -> None:
    if not is_number(value):
        kind = type_name(value)
        msg = f"{_prefix(where)}{name} must be {what}, not {kind}: {show_value(value)}"
        raise type_error(msg)


def check_real(
    value: object,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    exclusive_minimum: bool = False,
    exclusive_maximum: bool = False,
    where: str | None = None,
    error: type[Exception] = InputValueError,
    type_error: type[Exception] = InputTypeError,
) -> float:
    """Return *value* as a finite float within bounds, or raise.

    Examples
    --------
    >>> from decimal import Decimal
    >>> check_real(Decimal("0.035"), "discount_rate", minimum=0)
    0.035
    >>> check_real(True, "funding")
    Traceback (most recent call last):
    ...
    safecore._errors.InputTypeError: funding must be a finite number, not bool: True
    """
    _type_check(value, name, "a finite number", where, type_error)
    out = float(value)  # type: ignore[arg-type]
    if not math.isfinite(out):
        msg = f"{_prefix(where)}{name} must be a finite number: {show_value(value)}"
        raise error(msg)
    low_bad = minimum is not None and (out <= minimum if exclusive_minimum else out < minimum)
    high_bad = maximum is not None and (out >= maximum if exclusive_maximum else out > maximum)
    if low_bad or high_bad:
        lo = "" if minimum is None else ("(" if exclusive_minimum else "[") + f"{minimum:g}"
        hi = "" if maximum is None else f"{maximum:g}" + (")" if exclusive_maximum else "]")
        if minimum is not None and maximum is not None:
            what = f"in {lo}, {hi}"
        elif minimum is not None:
            what = f"{'>' if exclusive_minimum else '>='} {minimum:g}"
        else:
            what = f"{'<' if exclusive_maximum else '<='} {maximum:g}"
        msg = f"{_prefix(where)}{name} must be {what}: {show_value(value)}"
        raise error(msg)
    return out


def check_whole(
    value: object,
    name: str,
    *,
    minimum: int | None = 0,
    maximum: int | None = MAX_COUNT,
    where: str | None = None,
    error: type[Exception] = InputValueError,
    type_error: type[Exception] = InputTypeError,
) -> int:
    """Return *value* as an ``int`` (integral floats accepted), within bounds, or raise.

    Examples
    --------
    >>> import numpy as np
    >>> check_whole(np.int64(12), "families", minimum=1)
    12
    >>> check_whole(2.5, "families")
    Traceback (most recent call last):
    ...
    safecore._errors.InputValueError: families must be a whole number: 2.5
    """
    _type_check(value, name, "a whole number", where, type_error)
    if isinstance(value, numbers.Integral):
        out = int(value)
    else:
        real = value if isinstance(value, Decimal) else float(value)  # type: ignore[arg-type]
        if isinstance(real, float) and not math.isfinite(real):
            msg = f"{_prefix(where)}{name} must be a finite whole number: {show_value(value)}"
            raise error(msg)
        if isinstance(real, Decimal) and not real.is_finite():
            msg = f"{_prefix(where)}{name} must be a finite whole number: {show_value(value)}"
            raise error(msg)
        if real != int(real):
            msg = f"{_prefix(where)}{name} must be a whole number: {show_value(value)}"
            raise error(msg)
        out = int(real)
    if minimum is not None and out < minimum:
        msg = f"{_prefix(where)}{name} must be a whole number >= {minimum}: {show_value(value)}"
        raise error(msg)
    if maximum is not None and out > maximum:
        bound = "2**53" if maximum == MAX_COUNT else f"{maximum:,}"
        msg = f"{_prefix(where)}{name} must be at most {bound}: {show_value(value)}"
        raise LimitExceededError(msg) if error is InputValueError else error(msg)
    return out


def check_share(
    value: object,
    name: str,
    *,
    exclusive: bool = False,
    where: str | None = None,
    error: type[Exception] = InputValueError,
    type_error: type[Exception] = InputTypeError,
) -> float:
    """Return a share in [0, 1] as a float, or raise.

    A percentage such as ``66`` is refused: write ``0.66``. With
    *exclusive*, the share must lie strictly between 0 and 1 (a confidence
    level).

    Examples
    --------
    >>> check_share(0.66, "attribution")
    0.66
    >>> check_share(95, "confidence", exclusive=True)
    Traceback (most recent call last):
    ...
    safecore._errors.InputValueError: confidence must be a share in (0, 1) (a percentage? write 0.95): 95
    """
    what = "a share in (0, 1)" if exclusive else "a share in [0, 1]"
    _type_check(value, name, what, where, type_error)
    out = float(value)  # type: ignore[arg-type]
    inside = 0.0 < out < 1.0 if exclusive else 0.0 <= out <= 1.0
    if not (math.isfinite(out) and inside):
        hint = f" (a percentage? write {out / 100:g})" if math.isfinite(out) and 1 < out <= 100 else ""
        msg = f"{_prefix(where)}{name} must be {what}{hint}: {show_value(value)}"
        raise error(msg)
    return out


def check_year(
    value: object,
    name: str = "price_year",
    *,
    where: str | None = None,
    error: type[Exception] = InputValueError,
    type_error: type[Exception] = InputTypeError,
) -> int:
    """Return a calendar year within `YEAR_RANGE`, or raise."""
    lo, hi = YEAR_RANGE
    out = check_whole(
        value, name, minimum=None, maximum=None, where=where, error=error, type_error=type_error
    )
    if not lo <= out <= hi:
        msg = f"{_prefix(where)}{name} must be a year from {lo} to {hi}: {show_value(value)}"
        raise error(msg)
    return out


def check_years(
    value: object,
    name: str = "years",
    *,
    where: str | None = None,
    error: type[Exception] = InputValueError,
) -> int:
    """Return a number of years from 1 to `MAX_YEARS`, or raise."""
    out = check_whole(value, name, minimum=1, maximum=None, where=where, error=error)
    if out > MAX_YEARS:
        msg = f"{_prefix(where)}{name} must be at most {MAX_YEARS:,}: {show_value(value)}"
        raise LimitExceededError(msg)
    return out


def check_draws(
    value: object,
    name: str = "n",
    *,
    minimum: int = 1,
    where: str | None = None,
    error: type[Exception] = InputValueError,
) -> int:
    """Return a number of Monte Carlo draws from *minimum* to `MAX_DRAWS`, or raise.

    *error* is raised for a value below *minimum* or not whole; above
    `MAX_DRAWS` the error is always `LimitExceededError`.
    """
    out = check_whole(value, name, minimum=minimum, maximum=None, where=where, error=error)
    if out > MAX_DRAWS:
        msg = f"{_prefix(where)}{name} must be at most {MAX_DRAWS:,} draws: {show_value(value)}"
        raise LimitExceededError(msg)
    return out


def check_seed(value: object, name: str = "seed") -> Any:
    """Return a seed for `numpy.random.default_rng`, or raise.

    Accepted: ``None``, a whole number in ``[0, 2**128)``, a
    `numpy.random.Generator` or `numpy.random.SeedSequence`.
    """
    if value is None or isinstance(value, np.random.Generator | np.random.SeedSequence):
        return value
    if not is_number(value) or not isinstance(value, numbers.Integral):
        kind = type_name(value)
        msg = (
            f"{name} must be None, a whole number >= 0 or a numpy Generator, "
            f"not {kind}: {show_value(value)}"
        )
        raise InputTypeError(msg)
    return check_whole(value, name, minimum=0, maximum=_SEED_MAX - 1)


def check_instance(
    value: object,
    types: type | tuple[type, ...],
    name: str,
    what: str,
    *,
    where: str | None = None,
) -> None:
    """Raise `InputTypeError` unless *value* is an instance of *types*.

    The message reads ``"{name} must be {what}, not {type}: {value!r}"``.

    Examples
    --------
    >>> check_instance("x", (int, float), "factor", "a number")
    Traceback (most recent call last):
    ...
    safecore._errors.InputTypeError: factor must be a number, not str: 'x'
    """
    if not isinstance(value, types):
        msg = f"{_prefix(where)}{name} must be {what}, not {type_name(value)}: {show_value(value)}"
        raise InputTypeError(msg)


def check_text(
    value: object,
    name: str,
    *,
    where: str | None = None,
    error: type[Exception] = InputValueError,
    type_error: type[Exception] = InputTypeError,
) -> str:
    """Return *value* as non-empty text stripped of surrounding white space, or raise.

    Examples
    --------
    >>> check_text("  Engaged ", "name")
    'Engaged'
    """
    if not isinstance(value, str):
        kind = type_name(value)
        msg = f"{_prefix(where)}{name} must be text, not {kind}: {show_value(value)}"
        raise type_error(msg)
    text = value.strip()
    if not text:
        msg = f"{_prefix(where)}{name} must be non-empty text: {value!r}"
        raise error(msg)
    return text


def check_choice(
    value: object,
    name: str,
    choices: Sequence[str],
    *,
    where: str | None = None,
) -> str:
    """Return *value* if it is one of the text *choices* (exactly, case included), or raise.

    A value that is not text raises `InputTypeError`; text outside the
    choices raises `InputValueError`.

    Examples
    --------
    >>> check_choice("less", "alternative", ("two-sided", "less", "greater"))
    'less'
    >>> check_choice("fdr", "method", ("holm", "BH"))
    Traceback (most recent call last):
    ...
    safecore._errors.InputValueError: method must be one of 'holm', 'BH': 'fdr'
    """
    shown = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str):
        kind = type_name(value)
        msg = f"{_prefix(where)}{name} must be one of {shown}, not {kind}: {show_value(value)}"
        raise InputTypeError(msg)
    if value not in choices:
        msg = f"{_prefix(where)}{name} must be one of {shown}: {show_value(value)}"
        raise InputValueError(msg)
    return value


def check_flag(value: object, name: str, *, allow_none: bool = False) -> bool | None:
    """Return *value* as a ``bool`` (numpy booleans accepted; ``None`` if *allow_none*), or raise.

    A number is refused: ``exact=1`` is a ``TypeError``, not ``True``.

    Examples
    --------
    >>> check_flag(True, "paired")
    True
    >>> check_flag(1, "paired")
    Traceback (most recent call last):
    ...
    safecore._errors.InputTypeError: paired must be True or False, not int: 1
    """
    if allow_none and value is None:
        return None
    if not isinstance(value, bool | np.bool_):
        what = "True, False or None" if allow_none else "True or False"
        msg = f"{name} must be {what}, not {type_name(value)}: {show_value(value)}"
        raise InputTypeError(msg)
    return bool(value)


def check_allocation(n_bytes: float, what: str) -> None:
    """Refuse a computation that would allocate more than `MEMORY_BUDGET` bytes."""
    if n_bytes > MEMORY_BUDGET:
        msg = (
            f"{what} would need about {n_bytes / 2**30:,.1f} GiB of memory, above the "
            f"{MEMORY_BUDGET / 2**30:g} GiB limit"
        )
        raise LimitExceededError(msg)


# -- attrs converters -------------------------------------------------------------------------


def as_real(name: str, **bounds: Any) -> Callable[[object], float]:
    """Return an attrs converter applying `check_real` with *bounds*."""

    def convert(value: object) -> float:
        return check_real(value, name, **bounds)

    return convert


def as_whole(name: str, **bounds: Any) -> Callable[[object], int]:
    """Return an attrs converter applying `check_whole` with *bounds*."""

    def convert(value: object) -> int:
        return check_whole(value, name, **bounds)

    return convert


def as_share(name: str, **kwargs: Any) -> Callable[[object], float]:
    """Return an attrs converter applying `check_share`."""

    def convert(value: object) -> float:
        return check_share(value, name, **kwargs)

    return convert
