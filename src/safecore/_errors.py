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
    """Base class of every error that safecore raises on purpose.

    Examples
    --------
    Catch every deliberate safecore error at once, or the builtin it also is:

    >>> from safecore import SafecoreError
    >>> from safecore.stats import chi_square
    >>> try:
    ...     chi_square([[12, -1], [7, 9]])
    ... except SafecoreError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    InvalidTableError True
    >>> from safecore._errors import RecordError, ResponseError, UnknownLabelError
    >>> all(issubclass(e, SafecoreError) for e in (RecordError, ResponseError, UnknownLabelError))
    True
    """


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
    """A text label does not name any member of a category.

    Examples
    --------
    >>> from safecore.categories import Attainment, Change
    >>> try:
    ...     Change.from_label("Improve")
    ... except ValueError as err:
    ...     print(type(err).__name__, err)
    UnknownLabelError 'Improve' is not a label of Change (closest: 'Improved')

    With no close label, the message lists the valid ones:

    >>> try:
    ...     Attainment.from_label("Done")
    ... except ValueError as err:
    ...     print(err)
    'Done' is not a label of Attainment (valid: 'Achieved', 'Almost achieved', 'Not achieved')
    """


class InvalidTableError(SafecoreError, ValueError):
    """A contingency table is malformed (shape, negative or non-integer counts, empty margin).

    Examples
    --------
    >>> from safecore.stats import chi_square
    >>> try:
    ...     chi_square([[12, 5], [0, 0]])  # no disengaged family recorded
    ... except ValueError as err:
    ...     print(type(err).__name__, err)
    InvalidTableError row 2 is all zeros: every row needs at least one count
    """


class TableTooLargeError(LimitExceededError):
    """An exact test would enumerate more tables than the stated limit.

    Examples
    --------
    >>> from safecore.stats import chi_square
    >>> table = [[20, 30, 25, 40], [30, 22, 41, 10], [12, 33, 44, 21]]
    >>> try:
    ...     chi_square(table, method="exact", exact_limit=100)
    ... except ValueError as err:
    ...     print(type(err).__name__)
    TableTooLargeError

    The Monte Carlo p-value is the way out (seeded, so reproducible):

    >>> chi_square(table, method="monte-carlo", resamples=2000, seed=1).pvalue < 0.001
    True
    """


class RecordError(FileFormatError):
    """A case-note record (a row of a file or mapping) is malformed.

    Examples
    --------
    >>> from safecore.tallies import tally
    >>> records = [{"engagement": "Engaged", "status": "Achieved"},
    ...            {"engagement": 3, "status": "Achieved"}]
    >>> try:
    ...     tally(records)
    ... except ValueError as err:
    ...     print(type(err).__name__, err)
    RecordError records, record 2, column 'engagement': integer value 3 in a column of text values;
    a column holds one kind of value
    """


class ResponseError(FileFormatError):
    """A questionnaire response is malformed (the message names respondent row and item).

    Examples
    --------
    >>> from safecore.scales import score_cbi
    >>> try:
    ...     score_cbi([["Often"] * 18])  # one answer short of the 19 items
    ... except ValueError as err:
    ...     print(type(err).__name__, err)
    ResponseError CBI has 19 items: got 18 in respondent row 1
    """


class ProxyTableError(FileFormatError):
    """A proxy or proxy file is malformed (the message names file, row and field).

    Examples
    --------
    >>> from safecore.cost import Proxy
    >>> try:
    ...     Proxy("housing", "An eviction has been avoided.", -8450, "Shelter")
    ... except ValueError as err:
    ...     print(type(err).__name__, err)
    ProxyTableError saving must be in [0, 1e+12]: -8450
    """


class CohortError(FileFormatError):
    """A cohort's counts are invalid (the message names the cohort and outcome).

    Examples
    --------
    >>> from safecore.cost import Cohort
    >>> try:
    ...     Cohort("Pilot", families=10, improved={"housing": 12})
    ... except ValueError as err:
    ...     print(type(err).__name__, err)
    CohortError cohort 'Pilot': improved 12 > families 10 for outcome 'housing'
    """


class ModelError(InputValueError):
    """A model parameter is out of range.

    Examples
    --------
    >>> from safecore.cost import Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([Proxy("housing", "An eviction has been avoided.", 8450, "Shelter")])
    >>> try:
    ...     SavingModel(proxies, deadweight=15)  # a percentage where a share is expected
    ... except ValueError as err:
    ...     print(type(err).__name__)
    ModelError
    """


class MissingOutcomeError(MissingKeyError):
    """An outcome has no proxy (or no count) where one is needed.

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([Proxy("housing", "An eviction has been avoided.", 8450, "Shelter")])
    >>> try:
    ...     SavingModel(proxies).evaluate(Cohort("Pilot", families=10, improved={"education": 3}))
    ... except KeyError as err:
    ...     print(type(err).__name__, err)
    MissingOutcomeError cohort 'Pilot' has outcome 'education' with no proxy (proxies: housing)
    """


class SafecoreWarning(UserWarning):
    """Base class of every warning that safecore issues.

    Examples
    --------
    Turn every safecore warning into an error (or ignore them all) with one filter:

    >>> import warnings
    >>> from safecore import SafecoreWarning
    >>> from safecore.stats import chi_square
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", SafecoreWarning)
    ...     try:
    ...         chi_square([[3, 1], [1, 3]])
    ...     except SafecoreWarning as warning:
    ...         print(type(warning).__name__)
    SmallExpectedWarning
    """


class RankTestWarning(SafecoreWarning):
    """A rank test could not do exactly what was asked (R warns too).

    An exact test requested with ties or zeros (the normal approximation is
    used), or a confidence level that the exact distribution cannot achieve.

    Examples
    --------
    Staff scores before and after supervision, one unchanged (a zero difference):

    >>> import warnings
    >>> from safecore.stats.ranks import wilcoxon
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = wilcoxon([62, 55, 70, 48, 66], [58, 55, 61, 50, 60], paired=True, exact=True)
    >>> caught[0].category.__name__, res.exact
    ('RankTestWarning', False)
    >>> print(caught[0].message)
    cannot compute exact p-value with zeroes: the normal approximation is used
    """


class SmallExpectedWarning(SafecoreWarning):
    """Some expected counts are below 5: the chi-square approximation may be poor.

    Examples
    --------
    >>> import warnings
    >>> from safecore.stats import chi_square
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     res = chi_square([[3, 1], [1, 3]])
    >>> caught[0].category.__name__
    'SmallExpectedWarning'
    >>> print(caught[0].message)
    4 of 4 expected counts are below 5 (smallest 2.00): the chi-square approximation may be poor;
    consider method='exact'
    """


class LabelMergeWarning(SafecoreWarning):
    """Labels that differ only in case, spacing or dash style were merged into one category."""
