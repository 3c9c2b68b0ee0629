"""Examples of the table-test results (safecore.stats.tables) for the shared protocol tests."""

from __future__ import annotations

from collections.abc import Callable

from safecore._results import Result
from safecore.stats import chi_square_gof, fisher_exact, mcnemar

EXAMPLES: dict[str, Callable[[], Result]] = {
    "fisher_2x2": lambda: fisher_exact([[3, 1], [1, 3]]),
    "fisher_2x2_one_sided": lambda: fisher_exact([[5, 0], [1, 4]], alternative="greater"),
    "fisher_rxc": lambda: fisher_exact([[2, 7, 1], [6, 1, 4]]),
    "mcnemar_chi_square": lambda: mcnemar([[794, 150], [86, 570]]),
    "mcnemar_exact_table": lambda: mcnemar([[20, 10], [2, 15]], exact=True),
    "mcnemar_no_discordant_pairs_table": lambda: mcnemar([[5, 0], [0, 7]]),
    "goodness_of_fit": lambda: chi_square_gof({"A": 20, "B": 15, "C": 25}, [1, 1, 2], rescale_p=True),
    "goodness_of_fit_monte_carlo": lambda: chi_square_gof(
        [20, 15, 25], method="monte-carlo", resamples=200, seed=1
    ),
}
