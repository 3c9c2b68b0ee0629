"""Examples of the statistics results (safecore.stats) for the shared protocol tests."""

from __future__ import annotations

from collections.abc import Callable

from safecore._results import Result
from safecore.stats import (
    ci_consistent,
    describe,
    grim,
    hedges_g_from_summary,
    mcnemar_exact,
    one_sample,
    one_sample_from_summary,
    paired,
    welch,
    welch_from_summary,
)

SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

EXAMPLES: dict[str, Callable[[], Result]] = {
    "summary": lambda: describe([30.0, 42.5, 50.0, None, 61.0]),
    "summary_one_value": lambda: describe([30.0]),
    "mcnemar": lambda: mcnemar_exact(10, 2),
    "mcnemar_no_discordant_pairs": lambda: mcnemar_exact(0, 0),
    "effect_size": lambda: hedges_g_from_summary(20, 10.0, 2.0, 20, 9.0, 2.0),
    "welch": lambda: welch(SLEEP_1, SLEEP_2),
    "welch_missing": lambda: welch([1, 2, 3, 4, None], [2, 4, 6, 8, 10]),
    "welch_summary": lambda: welch_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9),
    "paired": lambda: paired(SLEEP_1, SLEEP_2),
    "paired_missing": lambda: paired([10, 12, 9, 14, None], [11, 15, 9, 18, 20]),
    "one_sample": lambda: one_sample([30, 40, 50, None], 57.9),
    "one_sample_summary": lambda: one_sample_from_summary(11, 37.5, 11.3, 57.9),
    "grim_consistent": lambda: grim(37.5, 11, granularity=25 / 6, decimals=1),
    "grim_inconsistent": lambda: grim(5.19, 28),
    "ci_consistent": lambda: ci_consistent(34.6, 3.6, 12, 32.3, 36.9),
    "ci_inconsistent": lambda: ci_consistent(37.5, 11.3, 11, 31.9, 43.1),
}
