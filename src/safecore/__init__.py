"""safecore: evaluate family-support programmes.

Case-note tallies, engagement comparisons, staff-survey scales and a
proxy-saving cost model, reproducing the SafeCORE evaluation report
(Department for Education research report RR1040, 2020).

Submodules: [`safecore.categories`][safecore.categories], [`safecore.tallies`][safecore.tallies],
[`safecore.stats.contingency`][safecore.stats.contingency], `safecore.datasets`,
[`safecore.cost`][safecore.cost], `safecore.scales`.
"""

from importlib.metadata import PackageNotFoundError, version

from safecore._errors import (
    InvalidTableError,
    RankTestWarning,
    RecordError,
    ResponseError,
    SafecoreError,
    SafecoreWarning,
    SmallExpectedWarning,
    TableTooLargeError,
    UnknownLabelError,
)
from safecore.categories import (
    Applicability,
    Attainment,
    Change,
    CostOutcome,
    Engagement,
    GoalType,
    ProblemType,
)
from safecore.datasets import safecore_2020
from safecore.stats.contingency import ChiSquareResult, chi_square
from safecore.tallies import FamilySummary, Tally, per_family, tally

try:
    __version__ = version("safecore")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "Applicability",
    "Attainment",
    "Change",
    "ChiSquareResult",
    "CostOutcome",
    "Engagement",
    "FamilySummary",
    "GoalType",
    "InvalidTableError",
    "ProblemType",
    "RankTestWarning",
    "RecordError",
    "ResponseError",
    "SafecoreError",
    "SafecoreWarning",
    "SmallExpectedWarning",
    "TableTooLargeError",
    "Tally",
    "UnknownLabelError",
    "__version__",
    "chi_square",
    "per_family",
    "safecore_2020",
    "tally",
]
