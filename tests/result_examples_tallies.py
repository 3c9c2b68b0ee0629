"""Examples of the tally results (safecore.tallies) for the shared protocol tests."""

from __future__ import annotations

from collections.abc import Callable

from safecore._results import Result
from safecore.tallies import Tally, per_family, tally

RECORDS = [
    {"family": "A", "engagement": "Engaged", "status": "Achieved"},
    {"family": "A", "engagement": "Engaged", "status": "Not achieved"},
    {"family": "B", "engagement": "Disengaged", "status": "Almost achieved"},
    {"family": "B", "engagement": "Disengaged", "status": None},
    {"family": None, "engagement": None, "status": "Achieved"},
]

EXAMPLES: dict[str, Callable[[], Result]] = {
    "tally_records": lambda: tally(RECORDS),
    "tally_counts": lambda: Tally.from_counts(
        [[1, 2], [3, 4]], ["a|b", "<i>"], ["N", "n"], row_missing=[1, 0]
    ),
    "family_summary": lambda: per_family(RECORDS),
    "family_summary_one_family": lambda: per_family([{"family": "A"}, {"family": "A"}]),
}
