"""Exception and warning classes shared by every safecore module.

Every error raised on bad input subclasses :class:`SafecoreError` *and* the
builtin that fits it, so callers may catch either ``SafecoreError`` or, say,
``ValueError``.
"""

from __future__ import annotations

__all__ = [
    "InvalidTableError",
    "RecordError",
    "ResponseError",
    "SafecoreError",
    "SafecoreWarning",
    "SmallExpectedWarning",
    "TableTooLargeError",
    "UnknownLabelError",
]


class SafecoreError(Exception):
    """Base class of every error that safecore raises on purpose."""


class UnknownLabelError(SafecoreError, ValueError):
    """A text label does not name any member of a category."""


class InvalidTableError(SafecoreError, ValueError):
    """A contingency table is malformed (shape, negative or non-integer counts, empty margin)."""


class TableTooLargeError(SafecoreError, ValueError):
    """An exact test would enumerate more tables than the stated limit."""


class RecordError(SafecoreError, ValueError):
    """A case-note record (a row of a file or mapping) is malformed."""


class ResponseError(SafecoreError, ValueError):
    """A questionnaire response is malformed (the message names respondent row and item)."""


class SafecoreWarning(UserWarning):
    """Base class of every warning that safecore issues."""


class SmallExpectedWarning(SafecoreWarning):
    """Some expected counts are below 5: the chi-square approximation may be poor."""
