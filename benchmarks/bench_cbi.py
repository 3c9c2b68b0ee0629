"""Benchmark: scoring 1,000,000 CBI respondents (points coding) with ``score_cbi``.

Baseline: a bare ``numpy.nanmean`` over the same (1,000,000 x 19) array
(one row mean per respondent). Target (issue 4): within 10x of the baseline.

Run: ``python benchmarks/bench_cbi.py``
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from safecore.scales import score_cbi

N = 1_000_000
REPEATS = 3


def best(fn: Callable[[], object]) -> float:
    """Best wall time of REPEATS runs."""
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    rng = np.random.default_rng(0)
    data = rng.choice([0.0, 25.0, 50.0, 75.0, 100.0], size=(N, 19))
    data[rng.random(data.shape) < 0.05] = np.nan  # 5% unanswered
    t_score = best(lambda: score_cbi(data, coding="points"))
    t_base = best(lambda: np.nanmean(data, axis=1))
    print(f"score_cbi, {N:,} respondents x 19 items (points coding), best of {REPEATS}")
    print(f"score_cbi {t_score:.3f} s | numpy nanmean {t_base:.3f} s | ratio {t_score / t_base:.2f}x")


if __name__ == "__main__":
    main()
