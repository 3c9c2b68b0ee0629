"""Exception and warning classes shared by every safecore module.

Every error raised on bad input subclasses `SafecoreError` *and* the
builtin that fits it, so callers may catch either ``SafecoreError`` or, say,
``ValueError``:

- a value out of range or malformed: ``ValueError``
  (`InputValueError` and the domain errors below);
- a value of the wrong type (``bool`` where a number is expected, text
  where a count is expected): ``TypeError`` (`InputTypeError`);
- a missing key, column or outcome: ``KeyError`` (`MissingKeyError`);
- a path that does not exist, is a directory or cannot be read:
  ``FileNotFoundError``, ``IsADirectoryError``, ``PermissionError``.

Messages say what was wrong, where (file, 1-based line, column, parameter)
and what was expected.
"""

from __future__ import annotations

__all__ = [
    "CohortError",
    "FileFormatError",
    "InputFileNotFoundError",
    "InputIsADirectoryError",
    "InputPermissionError",
    "InputTypeError",
    "InputValueError",
    "InvalidTableError",
    "LabelMergeWarning",
    "LimitExceededError",
    "MissingColumnError",
    "MissingKeyError",
    "MissingOutcomeError",
    "ModelError",
    "ProxyTableError",
    "RankTestWarning",
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


class InputValueError(SafecoreError, ValueError):
    """A value is outside what is accepted (range, finiteness, format)."""


class InputTypeError(SafecoreError, TypeError):
    """A value has the wrong type (for instance ``bool`` or text where a number is expected)."""


class MissingKeyError(SafecoreError, KeyError):
    """A required key, column or field is absent."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


class MissingColumnError(MissingKeyError):
    """A file or table lacks a column that the analysis needs."""


class InputFileNotFoundError(SafecoreError, FileNotFoundError):
    """An input path does not exist."""


class InputIsADirectoryError(SafecoreError, IsADirectoryError):
    """An input path is a directory where a file is expected."""


class InputPermissionError(SafecoreError, PermissionError):
    """An input path cannot be read."""


class FileFormatError(SafecoreError, ValueError):
    """A file cannot be read as the expected layout (encoding, CSV shape, TOML structure)."""


class LimitExceededError(SafecoreError, ValueError):
    """An input or a requested computation exceeds a documented size limit."""


class UnknownLabelError(SafecoreError, ValueError):
    """A text label does not name any member of a category."""


class InvalidTableError(SafecoreError, ValueError):
    """A contingency table is malformed (shape, negative or non-integer counts, empty margin)."""


class TableTooLargeError(LimitExceededError):
    """An exact test would enumerate more tables than the stated limit."""


class RecordError(FileFormatError):
    """A case-note record (a row of a file or mapping) is malformed."""


class ResponseError(FileFormatError):
    """A questionnaire response is malformed (the message names respondent row and item)."""


class ProxyTableError(FileFormatError):
    """A proxy or proxy file is malformed (the message names file, row and field)."""


class CohortError(FileFormatError):
    """A cohort's counts are invalid (the message names the cohort and outcome)."""


class ModelError(InputValueError):
    """A model parameter is out of range."""


class MissingOutcomeError(MissingKeyError):
    """An outcome has no proxy (or no count) where one is needed."""


class SafecoreWarning(UserWarning):
    """Base class of every warning that safecore issues."""


class RankTestWarning(SafecoreWarning):
    """A rank test could not do exactly what was asked (R warns too).

    An exact test requested with ties or zeros (the normal approximation is
    used), or a confidence level that the exact distribution cannot achieve.
    """


class SmallExpectedWarning(SafecoreWarning):
    """Some expected counts are below 5: the chi-square approximation may be poor."""


class LabelMergeWarning(SafecoreWarning):
    """Labels that differ only in case, spacing or dash style were merged into one category."""
