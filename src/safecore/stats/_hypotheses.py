"""What the tests share: the alternatives, their validation and the interval type."""

from __future__ import annotations

from typing import Literal, NamedTuple, cast

from safecore._validate import check_choice

__all__ = ["ALTERNATIVES", "Alternative", "ConfidenceInterval", "check_alternative"]

Alternative = Literal["two-sided", "less", "greater"]

#: The alternatives of every test, as R's ``alternative`` (``"two-sided"`` for R's ``"two.sided"``).
ALTERNATIVES: tuple[str, ...] = ("two-sided", "less", "greater")


class ConfidenceInterval(NamedTuple):
    """A confidence interval, ``low, high = interval`` (as scipy's)."""

    low: float
    high: float


def check_alternative(value: object) -> Alternative:
    """Return *value* if it is ``"two-sided"``, ``"less"`` or ``"greater"``, or raise."""
    return cast("Alternative", check_choice(value, "alternative", ALTERNATIVES))
