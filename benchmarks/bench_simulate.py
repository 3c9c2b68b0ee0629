"""Benchmark: ``safecore.cost.simulate`` with 1,000,000 draws per SafeCORE cohort.

Baseline: bare numpy drawing the same random variates (n x outcomes each of
triangular, beta and binomial, as ``simulate`` draws them with sampling on),
with no model arithmetic. Reports seconds, peak traced memory and the ratio.
Target (issue 3): within 10x of the baseline and under 500 MB.

Run: ``python benchmarks/bench_simulate.py``
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from safecore.cost import SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED, SavingModel, simulate
from safecore.datasets import SAFECORE_2020

N = 1_000_000
REPEATS = 3


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    """Best wall time of REPEATS runs, and peak traced memory (MB) of one run."""
    best = float("inf")
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20


def baseline(k: int, potential: np.ndarray, improved: np.ndarray) -> None:
    """Draw the same variates with bare numpy, in one call each."""
    rng = np.random.default_rng(0)
    rng.triangular(-1.0, 0.0, 1.0, size=(N, k))
    rate = rng.beta(improved + 1.0, potential - improved + 1.0, size=(N, k))
    rng.binomial(potential, rate)


def main() -> None:
    model = SavingModel(SAFECORE_2020)
    print(f"simulate, n = {N:,} draws, best of {REPEATS}")
    for cohort in (SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED):
        keys = list(model.proxies.keys())
        potential = np.array([cohort.potential[k] for k in keys])  # type: ignore[index]
        improved = np.array([cohort.improved[k] for k in keys], dtype=float)
        t_sim, m_sim = measure(lambda c=cohort: simulate(model, c, n=N, seed=0))
        t_base, m_base = measure(lambda p=potential, i=improved: baseline(len(p), p, i))
        print(
            f"{cohort.name:<11} simulate {t_sim:6.3f} s, peak {m_sim:6.1f} MB | "
            f"numpy baseline {t_base:6.3f} s, peak {m_base:6.1f} MB | ratio {t_sim / t_base:4.2f}x"
        )


if __name__ == "__main__":
    main()
