"""Examples of the t-test and Wilcoxon results (safecore.stats) for the shared protocol tests."""

from __future__ import annotations

import warnings
from collections.abc import Callable

from safecore import RankTestWarning
from safecore._results import Result
from safecore.stats import t_test, t_test_from_summary, wilcoxon

SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def _unachievable() -> Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RankTestWarning)
        return wilcoxon([1.1, 2.2, 3.3], confidence_level=0.95)


EXAMPLES: dict[str, Callable[[], Result]] = {
    "t_test_one_sample": lambda: t_test(SLEEP_1, mu=1),
    "t_test_paired_less": lambda: t_test(SLEEP_1, SLEEP_2, paired=True, alternative="less"),
    "t_test_welch_missing": lambda: t_test([1, 2, None, 4], [2, 4, 6, 8]),
    "t_test_student": lambda: t_test(SLEEP_1, SLEEP_2, equal_var=True, confidence_level=0.9),
    "t_test_summary_greater": lambda: t_test_from_summary(11, 37.5, 11.3, alternative="greater"),
    "wilcoxon_paired_normal": lambda: wilcoxon(SLEEP_1, SLEEP_2, paired=True),
    "wilcoxon_exact_interval": lambda: wilcoxon(SLEEP_2, confidence_level=0.9),
    "wilcoxon_rank_sum_one_sided": lambda: wilcoxon(
        SLEEP_1, SLEEP_2, alternative="less", confidence_level=0.95
    ),
    "wilcoxon_unachievable_level": _unachievable,
}
