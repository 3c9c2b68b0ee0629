"""Brute-force oracle for the exact test: every table with the observed margins, one by one.

Independent of the network algorithm: it lists each table (filling cells
row by row within the margins), computes its hypergeometric log-probability
from log-factorials, and sums the probabilities of the tables no more probable
than the observed one (R's tolerance, ratio 1 + 1e-7) with `math.fsum`. It is
slow, so the tests use it on small tables only.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

_REL_TOL = 1e-7


def _tables(rows: list[int], cols: list[int]) -> Iterator[list[list[int]]]:
    """Every non-negative integer table with row sums *rows* and column sums *cols*."""
    if len(rows) == 1:
        yield [list(cols)]
        return
    first, rest = rows[0], rows[1:]
    remaining_after = sum(rest)

    def fill(j: int, left: int, cols_left: list[int], row: list[int]) -> Iterator[list[int]]:
        if j == len(cols_left):
            if left == 0:
                yield list(row)
            return
        tail = sum(cols_left[j + 1 :])
        low = max(0, left - tail)
        for x in range(low, min(left, cols_left[j]) + 1):
            row.append(x)
            yield from fill(j + 1, left - x, cols_left, row)
            row.pop()

    for row in fill(0, first, cols, []):
        remaining = [c - x for c, x in zip(cols, row, strict=True)]
        if sum(remaining) != remaining_after:
            continue
        for below in _tables(rest, remaining):
            yield [row, *below]


def fisher_exact_rxc_oracle(table: NDArray[np.int64]) -> float:
    """Return the Fisher–Freeman–Halton p-value by enumerating every table (small tables only)."""
    counts = np.asarray(table, dtype=np.int64)
    rows = [int(x) for x in counts.sum(axis=1)]
    cols = [int(x) for x in counts.sum(axis=0)]
    n = sum(rows)
    const = sum(math.lgamma(r + 1) for r in rows) + sum(math.lgamma(c + 1) for c in cols)
    const -= math.lgamma(n + 1)

    def logp(t: list[list[int]]) -> float:
        return const - sum(math.lgamma(x + 1) for row in t for x in row)

    observed = logp(counts.tolist())
    cutoff = observed + math.log1p(_REL_TOL)
    terms = [math.exp(lp) for lp in map(logp, _tables(rows, cols)) if lp <= cutoff]
    return min(1.0, math.fsum(terms))
