"""Examples of result classes for the shared protocol tests (tests/test_results_protocol.py).

Each area adds its own ``tests/result_examples_<area>.py`` with an ``EXAMPLES``
mapping of a name to a zero-argument factory; the protocol test collects them
all and checks that every result class of the package has at least one.
"""

from __future__ import annotations

from collections.abc import Callable

from safecore._results import Result
from safecore.stats import chi_square
from safecore.tallies import Tally

EXAMPLES: dict[str, Callable[[], Result]] = {
    "chi_square": lambda: chi_square([[76, 6, 4], [17, 15, 12]]),
    "chi_square_labels": lambda: chi_square(
        Tally.from_counts([[20, 30], [40, 10]], ["a|b", "<c>"], ["x", "y"])
    ),
    "chi_square_exact": lambda: chi_square([[3, 1], [1, 3]], method="exact"),
}
