"""What the tests share: the alternatives, their validation and the interval type."""

from __future__ import annotations

from typing import Literal, NamedTuple, cast

from safecore._validate import check_choice

__all__ = ["ALTERNATIVES", "Alternative", "ConfidenceInterval", "check_alternative"]

Alternative = Literal["two-sided", "less", "greater"]

#: The alternatives of every test, as R's ``alternative`` (``"two-sided"`` for R's ``"two.sided"``).
ALTERNATIVES: tuple[str, ...] = ("two-sided", "less", "greater")


class ConfidenceInterval(NamedTuple):
    """A confidence interval, ``low, high = interval`` (as scipy's).

    Examples
    --------
    Returned by the ``confidence_interval()`` method of the test results:

    >>> from safecore.stats import t_test
    >>> ci = t_test([45.8, 37.5, 50.0, 29.2, 41.7, 33.3]).confidence_interval(0.9)
    >>> round(ci.low, 2), round(ci.high, 2)
    (33.18, 45.99)
    >>> low, high = ci
    >>> low == ci.low
    True
    """

    low: float
    high: float


def check_alternative(value: object) -> Alternative:
    """Return *value* if it is ``"two-sided"``, ``"less"`` or ``"greater"``, or raise."""
    return cast("Alternative", check_choice(value, "alternative", ALTERNATIVES))
