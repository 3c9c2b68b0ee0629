"""Oracle for the exact test: the enumerator safecore used before the network algorithm.

It walks the columns one at a time, merging partial tables that leave the
same row sums with the same value, and settles states with loose bounds.
It is exact but slow, so the tests use it on small tables only.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln


def _compositions(total: int, caps: NDArray[np.int64]) -> NDArray[np.int64]:
    """All vectors x >= 0 with x <= caps and sum(x) == total, one per row."""
    k = len(caps)
    if k == 1:
        return np.array([[total]], dtype=np.int64) if total <= caps[0] else np.empty((0, 1), np.int64)
    # Suffix capacity lets us prune branches that cannot reach the total.
    suffix = np.concatenate([np.cumsum(caps[::-1])[::-1], [0]])
    out: list[list[int]] = []
    stack: list[tuple[int, int, list[int]]] = [(0, total, [])]
    while stack:
        i, left, prefix = stack.pop()
        if i == k - 1:
            out.append([*prefix, left])
            continue
        lo = max(0, left - int(suffix[i + 1]))
        hi = min(int(caps[i]), left)
        stack.extend((i + 1, left - x, [*prefix, x]) for x in range(lo, hi + 1))
    return np.array(out, dtype=np.int64).reshape(-1, k)


def _completion_bounds(state: NDArray[np.int64], rest: NDArray[np.int64]) -> tuple[float, float, float]:
    """Bounds on ``-sum(log n_ij!)`` over completions with row margins *state*.

    Returns an upper bound on the largest value, a lower bound on the
    smallest, and the log of the sum of ``exp`` over all completions. Row
    constraints are relaxed to caps per column: spreading a column as evenly
    as the caps allow maximises the term, filling the largest caps first
    minimises it (majorisation; ``log x!`` is convex).
    """
    caps = np.sort(state)
    hi = lo = 0.0
    for c in rest:
        # even spread under caps (water filling)
        x = np.zeros_like(caps)
        left, k = int(c), len(caps)
        for i, cap in enumerate(caps):
            share = left // (k - i)
            x[i] = min(int(cap), share)
            left -= int(x[i])
        # distribute the remainder one by one to cells still under their cap
        for i in range(k - 1, -1, -1):
            if left == 0:
                break
            add = min(left, int(caps[i] - x[i]))
            x[i] += add
            left -= add
        hi -= float(gammaln(x + 1).sum())
        # concentrate into the largest caps
        y = np.zeros_like(caps)
        left = int(c)
        for i in range(k - 1, -1, -1):
            y[i] = min(int(caps[i]), left)
            left -= int(y[i])
        lo -= float(gammaln(y + 1).sum())
    n_rem = int(state.sum())
    log_all = float(gammaln(n_rem + 1) - gammaln(state + 1).sum() - gammaln(rest + 1).sum())
    return hi, lo, log_all


def fisher_exact_rxc_oracle(table: NDArray[np.int64]) -> float:  # noqa: PLR0915 - kept as it was
    """Exact p-value by column-by-column enumeration (safecore 0.x's ``fisher_exact_rxc``)."""
    counts = np.asarray(table, dtype=np.int64)
    if counts.shape[0] > counts.shape[1]:
        counts = counts.T
    rows = counts.sum(axis=1)
    cols = np.sort(counts.sum(axis=0))[::-1]
    n = int(counts.sum())
    const = float(gammaln(rows + 1).sum() + gammaln(cols + 1).sum() - gammaln(n + 1))
    observed = const - float(gammaln(counts + 1).sum())
    cutoff = observed + math.log1p(1e-7)

    # A partial table is a path: the row margins it leaves (coded as one
    # mixed-radix integer) and its accumulated term -sum(log n_ij!).
    radix = np.concatenate([[1], np.cumprod(rows[:-1] + 1)]).astype(np.int64)
    codes = np.array([int(rows @ radix)], dtype=np.int64)
    vals = np.zeros(1)
    wts = np.ones(1)
    total = 0.0
    for j, col in enumerate(cols[:-1]):
        if len(codes) == 0:  # every path already settled
            break
        rest = cols[j + 1 :]
        comps = _compositions(int(col), rows)
        comp_codes = comps @ radix
        terms = -gammaln(comps + 1).sum(axis=1)
        new_codes: list[NDArray[np.int64]] = []
        new_vals: list[NDArray[np.float64]] = []
        new_wts: list[NDArray[np.float64]] = []
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        ends = np.r_[starts[1:], len(codes)]
        for a, b in zip(starts, ends, strict=True):
            state = (codes[a] // radix) % (rows + 1)
            ok = (comps <= state).all(axis=1)
            k = int(ok.sum())
            new_codes.append(np.repeat(codes[a] - comp_codes[ok], b - a))
            new_vals.append((terms[ok][:, None] + vals[None, a:b]).ravel())
            new_wts.append(np.tile(wts[a:b], k))
        c_all = np.concatenate(new_codes)
        v_all = np.concatenate(new_vals)
        w_all = np.concatenate(new_wts)
        # Bounds per distinct state decide which paths are settled already.
        uniq, inv = np.unique(c_all, return_inverse=True)
        bounds = np.array([_completion_bounds((u // radix) % (rows + 1), rest) for u in uniq]).reshape(
            -1, 3
        )
        hi, lo, log_all = bounds[inv, 0], bounds[inv, 1], bounds[inv, 2]
        done = const + v_all + hi <= cutoff  # every completion counts
        total += float((w_all[done] * np.exp(const + v_all[done] + log_all[done])).sum())
        live = ~done & (const + v_all + lo <= cutoff)  # else no completion counts
        c_all, v_all, w_all = c_all[live], v_all[live], w_all[live]
        # Merge paths with the same state and (rounded) term.
        rv = np.round(v_all, 9)
        order = np.lexsort((rv, c_all))
        c_all, rv, w_all = c_all[order], rv[order], w_all[order]
        first = np.r_[True, (c_all[1:] != c_all[:-1]) | (rv[1:] != rv[:-1])] if len(c_all) else []
        idx = np.flatnonzero(first)
        codes, vals = c_all[idx], rv[idx]
        wts = np.add.reduceat(w_all, idx) if len(idx) else np.zeros(0)
    if len(codes):
        states = (codes[:, None] // radix) % (rows + 1)
        logp = const + vals - gammaln(states + 1).sum(axis=1)
        keep = logp <= cutoff
        total += float((wts[keep] * np.exp(logp[keep])).sum())
    return min(1.0, total)
