"""Network algorithm for the Fisher–Freeman–Halton exact test (private).

:func:`safecore.stats.contingency.fisher_exact_rxc` validates the table and
calls :func:`exact_pvalue` here.

The algorithm is Mehta and Patel's network algorithm, as R's ``fexact.c``
implements it, organised for numpy: every step handles all nodes of a stage
at once.

* A table is filled one column at a time. A *node* at stage ``j`` is the
  sorted vector of row sums still to fill after ``j`` columns; tables that
  differ only by a permutation of rows with equal remaining sums share a
  node. An *arc* fills one column and carries the value
  ``-sum(log x_i!)`` of its cells.
* The whole network (nodes and arcs, without past paths) is built first
  when it is small (at most ``_FULL_ARCS``). A backward pass over it gives,
  for every node, the exact longest and shortest path to the end, i.e. the
  most and least probable completion (R obtains these with ``f3xact`` and
  ``f4xact``); the closed-form total over all completions is direct. A
  larger network is built stage by stage from the nodes past paths reach,
  each stage's children bounded by their own backward pass (filling the
  smallest columns first, where arcs are fewest).
* A forward pass carries *past paths* (node, value, weight), sorted by
  value within each node. A path whose most probable completion is already
  no more probable than the observed table adds its whole subtree in closed
  form; one whose least probable completion is more probable than the
  observed table is dropped; the others are expanded. For each arc these
  are a prefix, a suffix and the band between of its node's paths, found
  by binary search, so only the band is materialised. Arcs from one node
  to one child with one value (rows of equal sums permuted) are merged
  into one arc with a multiplicity, and paths reaching the same node with
  the same value (to 2**-32 in log units) are merged before the next
  expansion.
* With two columns left, every completion of a node is one arc; the past
  paths of a node are joined to its arcs sorted by value, so each past path
  sums a contiguous run of arcs (``numpy.add.reduceat``) instead of being
  expanded.

Tables with few tables under their margins are listed instead: a two-row
table (or two-column, transposed) on a grid of its first row's fillings
(``_two_row_grid``), any other table cell by cell (``_every_table``). A
two-row table too large for that meets in the middle (``_two_row_join``).
Any other table whose fillings of all columns but the last two number at
most ``_SMALL`` is enumerated that far without bounds and joined in closed
form (building bounds costs more than it saves there).

The columns are taken smallest first, with the two largest left for the
join, unless the largest exceeds every row sum: then it goes first and the
join takes the next two (``_column_order``).

All work and memory is checked against ``limit`` before anything in
proportion to it is allocated.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray

from safecore._errors import TableTooLargeError

__all__ = ["exact_pvalue"]

#: R's fisher.test counts a table when its probability is at most (1 + 1e-7) times the observed one.
REL_TOL = 1e-7
# Values (sums of log factorials) are compared and merged on a grid of 2**-32 log units.
_SCALE = float(2**32)
# Settled past-path sums examined per arc count against the limit at this rate
# (they are summed in place, not listed: _prefix_sums).
_JOIN_RATE = 64
# The whole network (nodes and arcs down to two columns left) is built up front
# when it holds at most this many arcs and nodes.
_FULL_ARCS = 100_000
# Two-row tables whose first rows (all columns but the largest) span a grid that cannot hold more
# than this many points as it grows (_half_fillings) are listed on it (_two_row_grid).
_GRID = 16_384
# Tables with at most this many tables under their margins (by _fillings_bound) are listed
# cell by cell (_every_table).
_PLAIN = 16_384
# Tables whose enumeration (all columns but the last two) holds at most this many partial
# tables are enumerated without bounds (see _enumerate).
_SMALL = 20_000
# _enumerate is not tried when _fillings_bound exceeds its cap this many times over (on the
# benchmark's tables the bound is at most 1.5 times the count of partial tables).
_BOUND_SLACK = 4
# The final join forms every (past path, completion) pair when they number at most this many
# times the completions (few past paths per node); otherwise it sorts the completions.
_DIRECT_JOIN = 4
# The final join drops the completions no past path counts when they outnumber the past
# paths this many times (the pass over both costs more than the sort it saves otherwise).
_DROP_RATE = 2
# Two-row tables whose halves list at most this many fillings each are joined in the middle.
_HALVES = 2_000_000
# Child paths are merged in a dense (child, value) array while it, and the sums of distinct
# past and arc values, number at most this many times the paths expanded (_expand_by_value).
_DENSE_RATE = 2
# The band of past paths is expanded and merged about this many paths at a time (_advance).
_CHUNK = 16_384
# Keys (node or key, quantised value) are packed into one int64 below this bound;
# beyond it the slower lexsort and node-by-node searches are used.
_PACK_BOUND = 2**62
# One block of this many bytes is allocated and freed, untouched, before the first test (_keep_heap).
_HEAP_BLOCK = 16 * 2**20
# Rows up to this many get exact least-probable bounds by subset enumeration.
_MAX_SUBSET_ROWS = 10
# A sum of exp(x) is scaled by an anchor at most this far (in log units) above its largest
# term, so that term is a normal float (exp(-708) is the least; see _prefix_sums).
_SPREAD = 600.0

Int = NDArray[np.int64]
Float = NDArray[np.float64]


class _Budget:
    """The *limit* on nodes, arcs and past paths held, with a message naming the table."""

    def __init__(self, limit: int, shape: tuple[int, int], n: int) -> None:
        self.limit = limit
        self.shape = shape
        self.n = n

    def check(self, count: int) -> None:
        if count > self.limit:
            r, c = self.shape
            msg = (
                f"the exact test would hold more than {self.limit:,} partial tables (network "
                f"nodes, arcs and past paths) for this {r}x{c} table with n = {self.n}; use "
                "method='monte-carlo' or raise exact_limit"
            )
            raise TableTooLargeError(msg)


def _starts(a: Int) -> Int:
    """Positions where a sorted array *a* takes a new value (its first item included)."""
    return np.concatenate(([True], a[1:] != a[:-1])).nonzero()[0]


def _ranges(count: Int) -> tuple[Int, Int]:
    """For items with *count* children each: the item of every child and its step within the item."""
    total = int(count.sum())
    item = np.arange(count.size).repeat(count)
    step = np.arange(total) - (count.cumsum() - count).repeat(count)
    return item, step


def _cells(lo: Int, count: Int, budget: _Budget) -> Int:
    """List the cells ``lo, lo + 1, ...`` (*count* of them) of each partial filling, in order.

    Their number is checked against the *budget* before they are allocated.
    """
    ends = count.cumsum()
    total = int(ends[-1]) if ends.size else 0
    budget.check(total)
    x: Int = (lo - ends + count).repeat(count)
    x += np.arange(total)
    return x


def _fill_rows(
    caps: Int, column: int, budget: _Budget, *, canonical: bool = False
) -> Iterator[tuple[int, Int, Int, Int, Int]]:
    """Fill a column of sum *column* one row at a time under each node's row sums *caps* (``(k, m)``).

    After each of the first ``k - 1`` rows, yields the row, how many new
    partial fillings extend each one before (``count``; they follow in
    order), their cells in the row, their nodes and what is left of the
    column (the last row takes it). Checking the count of partial fillings
    before each row's expansion bounds everything allocated here. With
    *canonical*, see :func:`_fill`.
    """
    k, m = caps.shape
    suffix = np.zeros((k + 1, m), dtype=np.int64)
    suffix[:k] = caps[::-1].cumsum(axis=0)[::-1]
    parent = np.arange(m)
    left = np.full(m, column, dtype=np.int64)
    x = left  # the row before's cells, read from the second row on (the first sets it)
    for i in range(k - 1):
        lo = left - suffix[i + 1][parent]
        np.maximum(lo, 0, out=lo)
        if canonical and i > 0:  # no less than the row before when their sums are equal
            lo = np.where(caps[i][parent] == caps[i - 1][parent], np.maximum(lo, x), lo)
        count = np.minimum(caps[i][parent], left)
        count -= lo
        count += 1
        np.maximum(count, 0, out=count)
        x = _cells(lo, count, budget)
        parent = parent.repeat(count)
        left = left.repeat(count)
        left -= x
        yield i, count, x, parent, left


def _fill(states: Int, column: int, budget: _Budget) -> tuple[Int, Int]:
    """Every canonical way to fill a column of sum *column* under each node's row sums.

    Returns the node of each arc and its cells, one array per row (shape
    ``(k, arcs)``). Rows are filled by :func:`_fill_rows`; each row's
    values are kept with a link to the partial filling they extend, and the
    cells are gathered once at the end.

    Rows of equal sums within a node (adjacent: each node's sums ascend)
    are filled in ascending order only: one filling stands for all its
    permutations among those rows, which lead to the same child with the
    same value (:func:`_permutations` counts them).
    """
    m, k = states.shape
    caps = np.ascontiguousarray(states.T)
    parent = np.arange(m)  # (one row: no cell to fill but the last)
    left = np.full(m, column, dtype=np.int64)
    values: list[Int] = []
    links: list[Int] = []  # for each partial filling, the one it extends
    for filled in _fill_rows(caps, column, budget, canonical=True):
        _, count, x, parent, left = filled
        values.append(x)
        links.append(np.arange(count.size).repeat(count))
    if k > 1:  # the last row too
        ok = (caps[k - 1][parent] != caps[k - 2][parent]) | (left >= values[-1])
        if not ok.all():
            keep = ok.nonzero()[0]
            values[-1], links[-1] = values[-1][keep], links[-1][keep]
            parent, left = parent[keep], left[keep]
    cells = np.empty((k, left.size), dtype=np.int64)
    cells[k - 1] = left
    index: Int | None = None
    for i in range(k - 2, -1, -1):
        cells[i] = values[i] if index is None else values[i][index]
        index = links[i] if index is None else links[i][index]
    return parent, cells


def _permutations(states: Int, parent: Int, cells: Int) -> Float:
    """How many fillings each canonical filling of :func:`_fill` stands for.

    Within each run of rows of equal sums, ``L! / prod(c_v!)`` for a run
    of ``L`` rows whose cells take value ``v`` ``c_v`` times: the product,
    row by row, of the row's place in its run over its place among the
    equal cells before it.
    """
    equal = np.ascontiguousarray((states[:, 1:] == states[:, :-1]).T)  # row i + 1 sum equals row i's
    num = np.ones(cells.shape[1])  # products of small integers: exact, as is their quotient
    den = np.ones(cells.shape[1])
    place = np.ones(cells.shape[1])
    ties = np.ones(cells.shape[1])
    for i in range(1, cells.shape[0]):
        if not equal[i - 1].any():
            place[:] = 1.0
            ties[:] = 1.0
            continue
        same = equal[i - 1][parent]
        place = np.where(same, place + 1.0, 1.0)
        ties = np.where(same & (cells[i] == cells[i - 1]), ties + 1.0, 1.0)
        num *= place
        den *= ties
    out: Float = num / den
    return out


def _sort_keys(key: Int, span: int) -> tuple[Int, Int]:
    """Sort *key* (values in ``[0, span)``): the sorted keys and the positions they came from.

    Equal keys keep their order (a stable sort). When key and position fit
    in 63 bits together they are packed into one integer and sorted in
    place (``numpy.sort`` is several times faster than a stable
    ``argsort``); otherwise the keys are argsorted.
    """
    ibits = int(key.size - 1).bit_length()
    if span << ibits < 2 * _PACK_BOUND:
        packed = key << ibits
        packed |= np.arange(key.size, dtype=np.int64)
        packed.sort()
        order = packed & ((1 << ibits) - 1)
        packed >>= ibits
        return packed, order
    order = key.argsort(kind="stable")
    return key[order], order


def _unique(key: Int, span: int) -> tuple[Int, Int]:
    """Find the distinct *key* values (ascending, all below *span*) and each key's position among them.

    A key range small beside the number of keys is marked in a table
    (no sort); otherwise the keys are sorted with their positions packed in.
    """
    if span <= 4 * key.size + 4096:
        seen = np.zeros(span, dtype=np.bool_)
        seen[key] = True
        rank = seen.cumsum() - 1
        return seen.nonzero()[0], rank[key]
    packed, order = _sort_keys(key, span)
    new = np.empty(key.size, dtype=np.bool_)
    new[:1] = True
    np.not_equal(packed[1:], packed[:-1], out=new[1:])
    rank = new.cumsum() - 1
    inv = np.empty(key.size, dtype=np.int64)
    inv[order] = rank
    return packed[new], inv


def _group(keys: Int, val: Float, wt: Float) -> tuple[Int, Int, Float]:
    """Merge items with equal *keys* and equal values on the 2**-32 grid.

    Returns, sorted by key then value, the index of each group's first item,
    its key and the summed weight. Key and value are packed into one
    integer and sorted (:func:`_sort_keys`) or, if they do not fit, lexsorted.
    """
    if val.size == 0:
        return np.zeros(0, dtype=np.int64), keys[:0], wt[:0]
    q = np.rint(val * _SCALE).astype(np.int64)
    q -= q.min()
    span = int(q.max()) + 1
    kspan = int(keys.max()) + 1
    if span * kspan < _PACK_BOUND:
        packed, order = _sort_keys(keys * span + q, span * kspan)
        new = packed[1:] != packed[:-1]
    else:
        order = np.lexsort((q, keys))
        ks, qs = keys[order], q[order]
        new = (ks[1:] != ks[:-1]) | (qs[1:] != qs[:-1])
    starts = np.concatenate(([True], new)).nonzero()[0]
    first = order[starts]
    return first, keys[first], np.add.reduceat(wt[order], starts)


# Optimal sorting networks (compare-exchange pairs) for up to 6 entries.
_NETWORKS: dict[int, list[tuple[int, int]]] = {
    2: [(0, 1)],
    3: [(0, 2), (0, 1), (1, 2)],
    4: [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)],
    5: [(0, 3), (1, 4), (0, 2), (1, 3), (0, 1), (2, 4), (1, 2), (3, 4), (2, 3)],
    6: [(0, 5), (1, 3), (2, 4), (1, 2), (3, 4), (0, 3), (2, 5), (0, 1), (2, 3), (4, 5), (1, 2), (3, 4)],
}


def _sort_columns(a: Int) -> Int:
    """Sort each column of a ``(k, m)`` integer array in place (a sorting network for k <= 6)."""
    k = a.shape[0]
    if k not in _NETWORKS:
        a.sort(axis=0)
        return a
    low = np.empty(a.shape[1], dtype=np.int64)
    for i, j in _NETWORKS[k]:
        np.minimum(a[i], a[j], out=low)
        np.maximum(a[i], a[j], out=a[j])
        a[i] = low
    return a


def _two_column_mode(states: Int, first: Int, lf: Float) -> Float:
    """Least ``sum(log x! + log (s - x)!)`` over columns ``x`` of sum *first* (exact).

    The objective is separable and convex, so an allocation from which no
    single unit can move to lower it is optimal; start at the proportional
    allocation and move units until none helps.
    """
    m = states.shape[0]
    total = states.sum(axis=1)
    x = (states * first[:, None]) // np.maximum(total, 1)[:, None]
    rows = np.arange(m)
    logs = np.log(np.arange(1, int(states.max(initial=0)) + 2, dtype=np.float64))
    log0 = np.concatenate([[-np.inf], logs])  # log0[t] = log t, -inf at 0

    def gain_add(x: Int) -> Float:  # change in objective when x_i grows by one (inf if at cap)
        g = log0[x + 1] - log0[states - x]
        return np.where(x < states, g, np.inf)

    def gain_remove(x: Int) -> Float:  # change when x_i shrinks by one (inf if at 0)
        g = log0[states - x + 1] - log0[np.maximum(x, 1)]
        return np.where(x > 0, g, np.inf)

    deficit = first - x.sum(axis=1)
    while (deficit > 0).any():
        i = gain_add(x).argmin(axis=1)
        grow = deficit > 0
        x[rows[grow], i[grow]] += 1
        deficit -= grow
    while True:
        add = gain_add(x)
        rem = gain_remove(x)
        i = add.argmin(axis=1)
        j = rem.argmin(axis=1)
        better = add[rows, i] + rem[rows, j] < -1e-12
        if not better.any():
            break
        x[rows[better], i[better]] += 1
        x[rows[better], j[better]] -= 1
    out: Float = (lf[x] + lf[states - x]).sum(axis=1)
    return out


class _Network:
    """The table's margins, log factorials and the helpers that walk its network of nodes."""

    def __init__(self, rows: Int, lf: Float, budget: _Budget) -> None:
        self.rows = rows
        self.lf = lf
        self.budget = budget
        self.states: list[Int] = []  # the nodes of each level, once built
        radix = [1]
        for r in rows.tolist():
            radix.append(radix[-1] * (r + 1))
        self.radix = np.array(radix[:-1], dtype=np.int64)
        self.span = radix[-1]  # keys of sorted row sums lie below this
        self._masks: Int | None = None

    def key(self, sorted_sums: Int) -> Int:
        """Return the key of each column of sorted row sums (shape ``(k, m)``), radix ``rows + 1``."""
        key: Int = sorted_sums[0] * int(self.radix[0])
        for digit, weight in zip(sorted_sums[1:], self.radix[1:].tolist(), strict=True):
            key += digit * weight
        return key

    @property
    def masks(self) -> Int | None:
        """Every subset of the rows as a 0/1 matrix (built on first use), or None beyond 10 rows."""
        k = self.rows.size
        if self._masks is None and k <= _MAX_SUBSET_ROWS:
            self._masks = ((np.arange(1 << k)[:, None] >> np.arange(k)) & 1).astype(np.int64)
        return self._masks

    def arcs(
        self, states: Int, column: int, budget: _Budget | None = None
    ) -> tuple[Int, Float, Int, Float, Int]:
        """Arcs filling *column* from *states*: parent, value, child, multiplicity, child states.

        Arcs are sorted by parent. The permutations of a filling among rows of equal sums lead to the
        same child with the same value: one arc stands for them all (the
        canonical fillings of :func:`_fill`), its multiplicity counting them
        (:func:`_permutations`).
        """
        parent, cells = _fill(states, column, budget or self.budget)
        mult = _permutations(states, parent, cells)
        lf = self.lf
        val = -lf[cells[0]]
        for row in cells[1:]:
            val -= lf[row]
        child = np.ascontiguousarray(states.T)[:, parent]
        child -= cells
        key = self.key(_sort_columns(child))
        uniq, inv = _unique(key, self.span)
        return parent, val, inv, mult, (uniq[:, None] // self.radix) % (self.rows + 1)

    def build(
        self, cols: Int
    ) -> tuple[list[tuple[Int, Float, Int, Float]], list[Float], list[Float]] | None:
        """Build the whole network down to two columns left, with exact bounds at every node.

        Level ``j`` holds the nodes with columns ``cols[j:]`` left
        (``self.states[j]``); its arcs fill ``cols[j]``. Arcs from one node
        to one child with one value (rows of equal sums permuted) are
        merged into one arc with a multiplicity. Returns each level's arcs
        (parent, value, child, multiplicity; sorted by parent) and, per
        level, the longest and shortest path from each node to the end: the
        closed forms of :meth:`two_columns` at the last level, then a
        backward pass. Returns None if the network would hold more than
        ``_FULL_ARCS`` arcs and nodes: the forward pass then builds only the
        arcs out of the nodes it reaches, and bounds them with :meth:`bounds`.
        """
        self.states = [self.rows[None, :]]
        levels: list[tuple[Int, Float, Int, Float]] = []
        cap = _Budget(min(_FULL_ARCS, self.budget.limit), self.budget.shape, self.budget.n)
        held = 1
        for j in range(cols.size - 2):
            try:
                parent, val, child, mult, children = self.arcs(self.states[j], int(cols[j]), cap)
            except TableTooLargeError:
                return None
            held += parent.size + children.shape[0]
            if held > cap.limit:
                return None
            levels.append((parent, val, child, mult))
            self.states.append(children)
        last = self.states[-1]  # two columns left (a table here has at least two)
        hi, lo = self.two_columns(last, int(cols[-1]))
        his, los = [hi], [lo]
        for parent, val, child, _ in reversed(levels):
            starts = _starts(parent)
            his.append(np.maximum.reduceat(val + his[-1][child], starts))
            los.append(np.minimum.reduceat(val + los[-1][child], starts))
        return levels, his[::-1], los[::-1]

    def bounds(self, states: Int, cols: Int) -> tuple[Float, Float]:
        """Exact longest and shortest path from each node with columns *cols* (descending) left.

        The smallest columns are filled one by one (a backward pass over
        that sub-network); with two columns left the extremes are exact
        closed forms (:meth:`two_columns`).
        """
        if cols.size == 1:
            v = -self.lf[states].sum(axis=1)
            return v, v
        if cols.size == 2:
            return self.two_columns(states, int(cols[1]))
        parent, val, inv, _, children = self.arcs(states, int(cols[-1]))
        chi, clo = self.bounds(children, cols[:-1])
        starts = _starts(parent)
        hi = np.maximum.reduceat(val + chi[inv], starts)
        lo = np.minimum.reduceat(val + clo[inv], starts)
        return hi, lo

    def two_columns(self, states: Int, first: int) -> tuple[Float, Float]:
        """Most and least probable completion (as values) with two columns left, exactly.

        A completion is ``x`` (sum *first*) and ``s - x``; its value is
        ``-sum g_i(x_i)`` with ``g_i(x) = log x! + log (s_i - x)!``, convex.
        The least of ``sum g_i`` is found by moving single units while that
        lowers it (optimal for a separable convex sum under one linear
        constraint). The greatest is at a vertex of
        ``{0 <= x <= s, sum x = first}``: every row but one at 0 or ``s_i``
        (where ``g_i = log s_i!`` either way) and one row ``m`` taking the
        rest, so only the subset sums of the other rows matter.
        """
        lf = self.lf
        m, k = states.shape
        hi = -_two_column_mode(states, np.full(m, first, dtype=np.int64), lf)
        base = lf[states].sum(axis=1)
        if self.masks is None:  # many rows: a relaxation (every row alone at its maximum)
            return hi, -base
        caps = np.ascontiguousarray(states.T)  # (k, m): nodes along the last axis, the fastest
        rest = first - self.masks @ caps  # (subsets, m): what the one row left takes
        gain = np.full(m, -np.inf)
        step = max(1, 64 >> k)  # rows taken together: at most 64 (row, subset) pairs per node
        for i in range(0, k, step):
            s = caps[i : i + step, None, :]  # (rows, 1, m): the row taking the rest
            x = np.minimum(rest, s)
            np.maximum(x, 0, out=x)
            g = lf[x]
            g += lf[s - x]
            g -= lf[s]
            g[(x != rest) | (self.masks.T[i : i + step, :, None] != 0)] = -np.inf  # not a vertex
            gain = np.maximum(gain, g.reshape(-1, m).max(axis=0))
        return hi, -(base + gain)


def _half_fillings(cols: list[int], lf: Float, most: int, budget: _Budget) -> tuple[Int, Float]:
    """Every first-row filling of a two-row table's columns *cols* with sum at most *most*.

    Returns each filling's sum and value ``-sum(log x_j! + log (c_j - x_j)!)``,
    built by outer sums over the columns (a cell is at most ``min(c_j, most)``).
    """
    sums = np.zeros(1, dtype=np.int64)
    vals = np.zeros(1)
    for c in cols:
        w = min(c, most) + 1
        budget.check(sums.size * w)
        sums = (sums[:, None] + np.arange(w)).ravel()
        vals = (vals[:, None] - (lf[:w] + lf[c - w + 1 : c + 1][::-1])).ravel()
        if sums[-1] > most:
            keep = (sums <= most).nonzero()[0]
            sums, vals = sums[keep], vals[keep]
    return sums, vals


def _segment_cumsum(terms: Float, sizes: Int, at: Int) -> Float:
    """Return the running sums of *terms* at positions *at*, restarted at each segment.

    The segments are *sizes* terms each, in order. No segment's sum is
    taken as a difference of running totals (which would lose a small
    segment after a large one): the segments are laid out as the rows of a
    zero-padded matrix and summed along them, or, when padding would more
    than quadruple the memory, summed one by one.
    """
    starts = sizes.cumsum() - sizes
    width = int(sizes.max())
    if starts.size * width > 4 * terms.size + 65_536:
        out_: Float = np.empty_like(terms)
        for a, b in zip(starts.tolist(), (starts + sizes).tolist(), strict=True):
            out_[a:b] = terms[a:b].cumsum()
        return out_[at]
    # each term's place in the flattened matrix: its position, shifted to its row's start
    flat = np.arange(terms.size, dtype=np.int64)
    flat += (np.arange(starts.size) * width - starts).repeat(sizes)
    padded = np.zeros((starts.size, width))
    padded.ravel()[flat] = terms
    padded.cumsum(axis=1, out=padded)
    out: Float = padded.ravel()[flat[at]]
    return out


def _prefix_sums(x: Float, wt: Float | None, sizes: Int, group: Int, end: Int) -> tuple[Float, Float]:
    """Sum ``wt_i exp(x_i)`` over prefixes of sorted groups, each sum scaled to stay in range.

    *x* holds groups of *sizes* items in turn, ascending within each group
    (*wt*, if given, their weights). Prefix ``r`` runs from the start of
    group ``group[r]`` to position ``end[r]`` of *x* (exclusive; never
    empty). Returns ``(sums, shift)``: the prefix's sum is
    ``sums[r] * exp(shift[r])``.

    The shift is the largest ``x[end - 1]`` over the group's prefixes, so
    no term summed exceeds 1 (items past every prefix are clipped at 1).
    A prefix whose own largest term lies more than ``_SPREAD`` below its
    shift would lose its terms to underflow: those prefixes are summed
    again, shifted by their own group maxima (at least the group's largest
    such prefix is then within ``_SPREAD``, so the repeats end).
    """
    shift = np.full(sizes.size, -np.inf)
    top = x[end - 1]
    np.maximum.at(shift, group, top)
    terms = np.exp(np.minimum(x - shift.repeat(sizes), 0.0))
    if wt is not None:
        terms *= wt
    start = sizes.cumsum() - sizes
    begin = start[group]
    if int((end - begin).sum()) <= 4 * terms.size:  # short prefixes: each summed in place
        bounds = np.empty(2 * end.size, dtype=np.int64)
        bounds[0::2] = begin
        bounds[1::2] = end
        sums = np.add.reduceat(np.concatenate((terms, [0.0])), bounds)[0::2]
    else:  # long prefixes: read from running sums restarted at each group
        sums = _segment_cumsum(terms, sizes, end - 1)
    shift = shift[group]
    far = shift - top > _SPREAD
    if far.any():
        sums[far], shift[far] = _prefix_sums(x, wt, sizes, group[far], end[far])
    return sums, shift


def _two_row_join(
    rows: Int, cols: Int, lf: Float, obs: float, cutoff: float, budget: _Budget
) -> float | None:
    """Return the relative p-value sum of a two-row table by meeting in the middle (None if too big).

    The columns are split in two halves of about equal numbers of fillings;
    every first-row filling of each half is listed with its sum and value.
    A table is a pair of fillings whose sums add to the first row's sum: the
    first half's fillings are the past paths and the second half's the
    completions of :func:`_join`, a filling of sum ``s`` completing those of
    sum ``r0 - s``. Returns None when a half would list more than
    ``_HALVES`` fillings (the network algorithm is used then).
    """
    r0 = int(rows[0])
    halves: tuple[list[int], list[int]] = ([], [])
    sizes = [1, 1]
    for c in cols.tolist():  # in the order given, each column to the half with fewer fillings
        side = 0 if sizes[0] <= sizes[1] else 1
        halves[side].append(c)
        sizes[side] *= c + 1
    cap = _Budget(min(_HALVES, budget.limit), budget.shape, budget.n)
    try:
        sa, va = _half_fillings(halves[0], lf, r0, cap)
        sb, vb = _half_fillings(halves[1], lf, r0, cap)
    except TableTooLargeError:
        return None
    need = r0 - sb  # the sum of the first half's filling each b completes
    completed = np.zeros(r0 + 1, dtype=np.bool_)
    completed[need] = True
    keep = completed[sa]  # never empty: the observed table pairs two fillings
    return _join(sa[keep], va[keep], None, need, vb, cutoff, obs)


def _within(val: Float, cutoff: float, obs: float) -> float:
    """Sum ``exp(v - obs)`` over the listed tables' values *v* within the *cutoff*."""
    return float(np.exp(val[val <= cutoff] - obs).sum())


def _two_row_grid(
    r0: int, cols: Int, lf: Float, obs: float, cutoff: float, budget: _Budget
) -> float | None:
    """Return the relative p-value sum of a two-row table from a grid of its first rows, or None.

    The first row's cells ``0 <= x_j <= min(c_j, r0)`` of every column but
    the largest span a grid of fillings, built column by column from the
    smallest (:func:`_half_fillings`: a few numpy operations per column,
    whatever the grid's size; fillings past ``r0`` are dropped as it grows);
    the largest column takes ``r0 - sum(x)`` where that fits. Returns None
    when the grid could hold more points than the *budget*'s limit: before
    column ``j`` (of ``w_j = min(c_j, r0) + 1`` cells) it holds at most
    ``min(prod(w_i), comb(r0 + j, j))`` fillings of the ``j`` columns
    before it (the second: vectors of ``j`` entries summing to at most
    ``r0``), times ``w_j`` points as it grows.
    """
    *rest, last = sorted(cols.tolist())
    w = [min(c, r0) + 1 for c in rest]
    if max(min(math.prod(w[:j]), math.comb(r0 + j, j)) * w[j] for j in range(len(w))) > budget.limit:
        return None
    sums, vals = _half_fillings(rest, lf, r0, budget)
    y = r0 - sums
    fits = (y <= last).nonzero()[0]
    y = y[fits]
    vals = vals[fits]
    vals -= lf[y]
    vals -= lf[last - y]
    return _within(vals, cutoff, obs)


def _filling_bounds(states: Int, column: int) -> Float:
    """Bound from above how many ways a column of sum *column* fills under each node's row sums.

    *states* are the nodes' row sums (shape ``(m, k)``, each row ascending).
    A column of ``k`` rows has at most ``comb(column + k - 1, k - 1)``
    fillings, and at most ``prod(min(s_i, column) + 1)`` over all rows but
    the largest (the last cell is fixed by the rest).
    """
    k = states.shape[1]
    each = np.prod(np.minimum(states[:, :-1], column) + 1.0, axis=1)
    out: Float = np.minimum(each, math.comb(column + k - 1, k - 1))
    return out


def _fillings_bound(rows: Int, cols: Int) -> int:
    """Bound the number of tables from above: a product over all columns but the last.

    Each column's factor is :func:`_filling_bounds` under the row sums,
    computed here in Python integers (for one node, several times faster
    than numpy's calls).
    """
    k = rows.size
    caps = sorted(rows.tolist())[:-1]
    bound = 1
    for c in cols[:-1].tolist():
        bound *= min(math.comb(c + k - 1, k - 1), math.prod(min(r, c) + 1 for r in caps))
    return bound


def _fill_tables(sums: Int, val: Float, column: int, lf: Float, budget: _Budget) -> tuple[Int, Float]:
    """Fill a column of sum *column* in every partial table, one cell at a time.

    *sums* (shape ``(k, tables)``) are each partial table's row sums left
    and *val* its value. Returns both for every filling of the column in
    every table (a table's fillings in order), the last cell being fixed
    by the column's sum. The number of partial tables is checked against
    the *budget* before each row's expansion.
    """
    k = sums.shape[0]
    left = np.full(val.size, column, dtype=np.int64)
    below = sums[1:].sum(axis=0)  # row sums left below the row being filled
    for i in range(k - 1):
        lo = left - below
        np.maximum(lo, 0, out=lo)
        count = np.minimum(sums[i], left)
        count -= lo
        count += 1  # at least one: the rows left can always take the column
        x = _cells(lo, count, budget)
        sums = sums.repeat(count, axis=1)
        val = val.repeat(count)
        left = left.repeat(count)
        val -= lf[x]
        sums[i] -= x
        left -= x
        if i < k - 2:
            below = below.repeat(count)
            below -= sums[i + 1]
    val -= lf[left]
    sums[k - 1] -= left
    return sums, val


def _every_table(
    rows: Int, cols: Int, lf: Float, obs: float, cutoff: float, budget: _Budget
) -> float | None:
    """Return the relative p-value sum of a small table by listing every table, or None if too many.

    Every column but the last is filled in every partial table
    (:func:`_fill_tables`); the last column is fixed by the margins. No
    nodes, bounds or merging: for tables of a few thousand tables or fewer
    this takes the fewest numpy operations. Returns None when
    :func:`_fillings_bound` exceeds the *budget*'s limit.
    """
    ordered = np.sort(cols)
    if _fillings_bound(rows, ordered) > budget.limit:
        return None
    sums = rows[:, None].copy()  # (k, tables): each partial table's row sums left
    val = np.zeros(1)
    for column in ordered[:-1].tolist():
        sums, val = _fill_tables(sums, val, column, lf, budget)
    val -= lf[sums].sum(axis=0)
    return _within(val, cutoff, obs)


def _small_table(net: _Network, cols: Int, obs: float, cutoff: float) -> float | None:
    """Return the relative p-value sum of a table small enough to enumerate, else None.

    A two-row table meets in the middle (:func:`_two_row_join`); failing
    that, a table of three or more columns whose :func:`_fillings_bound`
    is within reach of a small cap is enumerated under it (`_enumerate`).
    """
    rows, lf = net.rows, net.lf
    if rows.size == 2:
        joined = _two_row_join(rows, cols, lf, obs, cutoff, net.budget)
        if joined is not None:
            return joined
    cap = min(_SMALL, net.budget.limit)
    if cols.size < 3 or _fillings_bound(rows, cols[:-1]) > _BOUND_SLACK * cap:
        return None  # (the bound is loose, but not by this much on tables seen so far)
    return _enumerate(net, cols, obs, cutoff, cap)


def _enumerate(net: _Network, cols: Int, obs: float, cutoff: float, cap: int) -> float | None:
    """Compute the relative p-value sum by plain enumeration when the problem is small.

    Every filling of all columns but the last two is enumerated (no bounds,
    no merging of values), their remaining row sums grouped into nodes, and
    the last two columns joined in closed form (:func:`_join`). Returns
    None as soon as more than *cap* partial tables would be held, so the
    caller can use the network algorithm instead; for small tables this
    avoids the cost of building bounds. When only the completions would be
    too many, the nodes' bounds settle or drop the partial tables first
    (:func:`_bounded_join`).
    """
    budget = _Budget(cap, net.budget.shape, net.budget.n)
    lf = net.lf
    try:
        sums = net.rows[:, None].copy()  # (k, tables): each partial table's row sums left
        val = np.zeros(1)
        for column in cols[:-2].tolist():
            sums, val = _fill_tables(sums, val, column, lf, budget)
        key = net.key(_sort_columns(sums))
        uniq, node = _unique(key, net.span)
        nodes = (uniq[:, None] // net.radix) % (net.rows + 1)
    except TableTooLargeError:
        return None
    column = int(cols[-2])
    if float(_filling_bounds(nodes, column).sum()) > cap:  # too many completions, by a bound
        return _bounded_join(net, (nodes, node, val), cols[-2:], obs, cutoff)
    try:
        parent, comp = _completions(nodes, column, lf, budget)
    except TableTooLargeError:
        return _bounded_join(net, (nodes, node, val), cols[-2:], obs, cutoff)
    return _join(node, val, None, parent, comp, cutoff, obs)


def _bounded_join(
    net: _Network, paths: tuple[Int, Int, Float], last: Int, obs: float, cutoff: float
) -> float:
    """:func:`_join` of partial tables after their nodes' bounds have settled or dropped them.

    *paths* are the nodes (their row sums left), each partial table's node
    and its value; *last* the last two columns. A partial table whose most
    probable completion is within the cutoff adds all its completions in
    closed form (``rem! / (c! c'! prod s_i!)``); one whose least probable
    completion is above the cutoff adds nothing; only the nodes of the
    others are completed and joined.
    """
    nodes, node, val = paths
    lf = net.lf
    hi, lo = net.two_columns(nodes, int(last[1]))
    log_all = lf[int(last.sum())] - lf[nodes].sum(axis=1) - float(lf[last].sum())
    settled = val + hi[node] <= cutoff
    total = float(np.exp(val[settled] + log_all[node[settled]] - obs).sum())
    kept = ~settled & (val + lo[node] <= cutoff)
    if not kept.any():
        return total
    live, at = _unique(node[kept], nodes.shape[0])
    parent, comp = _completions(nodes[live], int(last[0]), lf, net.budget)
    return total + _join(at, val[kept], None, parent, comp, cutoff, obs)


def _completions(states: Int, column: int, lf: Float, budget: _Budget) -> tuple[Int, Float]:
    """Every completion of each node with two columns left: its node and value.

    A completion fills the next-to-last column (sum *column*) with cells
    ``x``; the last column takes ``s - x``. Its value is
    ``-sum(log x_i! + log (s_i - x_i)!)``. The rows are filled by
    :func:`_fill_rows`, each row's terms added to the value as it is
    filled, so no cells are kept.
    """
    m, k = states.shape  # k >= 2: a table has two rows or more
    caps = np.ascontiguousarray(states.T)
    comp = np.zeros(m)
    for filled in _fill_rows(caps, column, budget):
        i, count, x, parent, left = filled
        comp = comp.repeat(count)
        comp -= lf[x]
        comp -= lf[caps[i][parent] - x]
    comp -= lf[left]
    comp -= lf[caps[k - 1][parent] - left]
    return parent, comp


def _column_order(cols: Int, rows: Int) -> Int:
    """Order the column sums (given descending) for the forward pass and the final join.

    The two largest columns are left for the closed-form join at the end
    (the smaller of them enumerated, the larger fixed by the rest), where a
    big column costs one sort rather than an expansion of every past path,
    and the others are filled smallest first, adding the fewest past paths.
    When the largest column exceeds every row sum it is filled first
    instead, from the single root node, where it takes the most off the
    row sums; the join then takes the second and third largest. On R's Job
    table (largest column 43, rows up to 33) the second rule is 2.5 times
    faster than descending order; on the benchmark's sparse 5x7 table and a
    4x5 table the first is 1.5 and 2.5 times faster.
    """
    if cols.size < 3:
        return cols
    if cols[0] <= rows[-1]:
        return cols[::-1]
    return np.concatenate([cols[:1], cols[3:][::-1], cols[2:3], cols[1:2]])


@functools.cache
def _keep_heap() -> None:
    """Let the C allocator keep freed memory from one call to the next (once per process).

    glibc's ``malloc`` serves arrays below its mmap threshold from its heap,
    and gives freed heap memory back to the system once more than its trim
    threshold of it lies free. Both thresholds start at 128 KiB and rise
    (to the block's size, and twice that) whenever a larger block obtained
    by mmap is freed, up to 32 MiB (``mallopt(3)``, "dynamic mmap
    threshold"). One call of this test allocates and frees a few megabytes
    in arrays far smaller than that, so in a fresh process every call took
    its memory back from the system page by page: about a thousand page
    faults per call on R's Job table, a fifth of its time on a virtual
    machine. Allocating and freeing one 16 MiB block (``_HEAP_BLOCK``), none
    of whose pages is ever touched, raises both thresholds once, as the
    first large array of most numpy sessions does; freed memory up to
    32 MiB then stays with the process. Elsewhere than glibc this is one
    untouched allocation.
    """
    np.empty(_HEAP_BLOCK, dtype=np.uint8)


def exact_pvalue(table: Int, *, limit: int) -> float:
    """Fisher–Freeman–Halton p-value of a validated 2-D table (no empty row or column)."""
    from scipy.special import gammaln  # noqa: PLC0415 - keep `import safecore` light

    _keep_heap()

    t = np.asarray(table, dtype=np.int64)
    shape = (t.shape[0], t.shape[1])
    if t.shape[0] > t.shape[1]:
        t = t.T
    cells = t.tolist()  # margins in Python integers: for tables this small, fewer numpy calls
    row_sums = sorted(map(sum, cells))
    n = sum(row_sums)
    budget = _Budget(limit, shape, n)
    if len(row_sums) == 1:
        return 1.0
    if math.prod(r + 1 for r in row_sums) >= 2**62:
        budget.check(budget.limit + 1)
    rows = np.array(row_sums, dtype=np.int64)
    col_sums = sorted(map(sum, zip(*cells, strict=True)), reverse=True)
    cols = _column_order(np.array(col_sums, dtype=np.int64), rows)
    lf: Float = gammaln(np.arange(n + 1, dtype=np.float64) + 1.0)
    obs = float(-lf[t].sum())
    cutoff = obs + math.log1p(REL_TOL)
    if rows.size == 2:
        grid = _Budget(min(_GRID, limit), budget.shape, n)
        total = _two_row_grid(int(rows[0]), cols, lf, obs, cutoff, grid)
    else:
        plain = _Budget(min(_PLAIN, limit), budget.shape, n)
        total = _every_table(rows, cols, lf, obs, cutoff, plain)
    if total is None:
        net = _Network(rows, lf, budget)
        total = _small_table(net, cols, obs, cutoff)
        if total is None:
            total = _forward(net, cols, obs, cutoff)
    if total is None:  # even the most probable table counts
        return 1.0
    return _finish(total, obs, lf, rows, cols, n)


def _forward(net: _Network, cols: Int, obs: float, cutoff: float) -> float | None:
    """Return the relative p-value sum by the network's forward pass (None if every table counts).

    The network is built whole when small (:meth:`_Network.build`), else
    level by level from the nodes past paths reach; each level's past
    paths are settled, dropped or expanded (:func:`_advance`), and those
    left with two columns to go are joined to their nodes' completions
    (:func:`_join`).
    """
    rows, lf, budget = net.rows, net.lf, net.budget
    full = net.build(cols)
    if full is not None:
        levels, his, los = full
        top = his[0][0]
    else:
        top = net.bounds(rows[None, :], np.sort(cols)[::-1])[0][0]
    if top <= cutoff:  # even the most probable table counts
        return None

    total = 0.0
    states = rows[None, :]  # the nodes of the level (all of it when the network is built)
    live = np.zeros(1, dtype=np.int64)  # the level's nodes that past paths reach
    node = np.zeros(1, dtype=np.int64)  # each past path's node, as a position in live
    val = np.zeros(1)
    wt = np.ones(1)
    for j in range(cols.size - 2):
        if full is not None:  # the arcs out of the live nodes (sorted by parent)
            level_parent, level_val, level_child, level_mult = levels[j]
            start = level_parent.searchsorted(live)
            parent, step = _ranges(level_parent.searchsorted(live, side="right") - start)
            arc = start[parent] + step
            arc_val, arc_child, mult = level_val[arc], level_child[arc], level_mult[arc]
            states = net.states[j + 1]
            hi, lo = his[j + 1], los[j + 1]
        else:
            parent, arc_val, arc_child, mult, states = net.arcs(states[live], int(cols[j]))
            hi, lo = net.bounds(states, np.sort(cols[j + 1 :])[::-1])
        rem = int(cols[j + 1 :].sum())
        log_all = lf[rem] - lf[states].sum(axis=1) - float(lf[cols[j + 1 :]].sum())
        arcs = (parent, arc_val, arc_child, mult)
        added, (child, val, wt) = _advance(
            (node, val, wt), arcs, hi[arc_child], lo[arc_child], cutoff, budget
        )
        total += float((mult * np.exp(added + arc_val + log_all[arc_child] - obs)).sum())
        if val.size == 0:
            return total
        starts = _starts(child)  # sorted by child, then value
        live = child[starts]
        node = np.arange(starts.size).repeat(np.concatenate((starts[1:], [child.size])) - starts)
    parent, comp = _completions(states[live], int(cols[-2]), lf, budget)
    return total + _join(node, val, wt, parent, comp, cutoff, obs)


def _advance(
    paths: tuple[Int, Float, Float],
    arcs: tuple[Int, Float, Int, Float],
    hi: Float,
    lo: Float,
    cutoff: float,
    budget: _Budget,
) -> tuple[Float, tuple[Int, Float, Float]]:
    """Join the past paths to each arc: settle, drop or expand them, and merge the expanded ones.

    *paths* are (node, value, weight), sorted by node then value; *arcs*
    are (parent, value, child, multiplicity), sorted by parent. An arc of
    value ``a`` into a child with longest and shortest completions *hi* and
    *lo* settles the past paths of its node with value at most
    ``cutoff - a - hi`` (a prefix of the node's paths) and drops those
    above ``cutoff - a - lo`` (a suffix); only the band between is
    expanded. Expanded paths reaching one child with one value (on the
    2**-32 grid) are merged, their weights summed (:func:`_group`).
    Returns, per arc, the log of its settled paths' weighted sum (``-inf``
    if none), and the merged paths (child, value, weight), sorted by child
    then value.
    """
    node, val, wt = paths
    parent, arc_val, arc_child, mult = arcs
    m = int(node[-1]) + 1
    start = node.searchsorted(np.arange(m + 1))
    q = np.rint(val * _SCALE).astype(np.int64)
    base = int(q.min())
    span = int(q.max()) - base + 2
    begin = start[parent]
    stop = start[parent + 1]
    if span * (m + 1) < _PACK_BOUND:
        keys = node * span + (q - base)

        def cut(limit: Float) -> Int:
            probe = np.minimum(np.maximum(np.floor(limit * _SCALE) - base, -1), span - 1)
            out: Int = keys.searchsorted(parent * span + probe.astype(np.int64), side="right")
            return out

    else:  # rare: values too spread to pack; search node by node

        def cut(limit: Float) -> Int:
            tq = np.floor(limit * _SCALE)
            out = np.empty(parent.size, dtype=np.int64)
            for i, (a, b, t) in enumerate(zip(begin.tolist(), stop.tolist(), tq.tolist(), strict=True)):
                out[i] = a + int(q[a:b].searchsorted(t, side="right"))
            return out

    # cut() stays within each arc's node (the probe is clipped to the node's key range), and
    # lo <= hi, so kept >= settled but for rounding in the bounds, which the maximum absorbs
    settled = cut(cutoff - arc_val - hi)
    kept = np.maximum(cut(cutoff - arc_val - lo), settled)
    # each arc's settled paths are a prefix of its node's (sorted by value): their log-sum
    has = settled > begin
    budget.check(int((settled - begin)[has].sum()) // _JOIN_RATE)
    added = np.full(parent.size, -np.inf)
    if has.any():
        sums, shift = _prefix_sums(val, wt, start[1:] - start[:-1], parent[has], settled[has])
        added[has] = np.log(sums) + shift
    count = kept - settled
    total = int(count.sum())
    budget.check(total)
    if total == 0:
        return added, (np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0))
    dense = _expand_by_value(val, wt, settled, count, arc_val, arc_child, mult)
    if dense is not None:
        return added, dense
    return added, _expand(val, wt, settled, count, arc_val, arc_child, mult)


def _value_index(val: Float) -> tuple[Float, Int]:
    """Return the distinct values of *val* on the 2**-32 grid and each value's index among them.

    The distinct values ascend; each is the first of its equals in *val*.
    """
    q = np.rint(val * _SCALE).astype(np.int64)
    q -= q.min()
    qs, order = _sort_keys(q, int(q.max()) + 1)
    new = np.empty(q.size, dtype=np.bool_)
    new[:1] = True
    np.not_equal(qs[1:], qs[:-1], out=new[1:])
    index = np.empty(q.size, dtype=np.int64)
    index[order] = new.cumsum() - 1
    return val[order[new]], index


def _expand_by_value(
    val: Float, wt: Float, settled: Int, count: Int, arc_val: Float, arc_child: Int, mult: Float
) -> tuple[Int, Float, Float] | None:
    """:func:`_expand` through the few distinct values of a stage, or None when they are many.

    A past path's value is a sum of log factorials of its cells; in sparse
    tables its past paths take few distinct values, as do the arcs. Each
    child path's value is then one of the sums of a distinct past value and
    a distinct arc value, listed once (on the 2**-32 grid), and the child
    paths are merged by adding their weights into a dense (child, value)
    array (``numpy.bincount``) instead of being sorted. Used when the sums
    and the array each number at most ``_DENSE_RATE`` times the band.
    """
    total = int(count.sum())
    past_vals, past_id = _value_index(val)
    arc_vals, arc_id = _value_index(arc_val)
    if past_vals.size * arc_vals.size > _DENSE_RATE * total:
        return None
    sums = (past_vals[:, None] + arc_vals[None, :]).ravel()
    child_vals, sum_id = _value_index(sums)
    width = child_vals.size
    children = int(arc_child.max()) + 1
    if children * width > _DENSE_RATE * total:
        return None
    past_key = past_id * arc_vals.size  # a child path's key: child * width + its sum's index
    arc_key = arc_child * width
    merged = np.zeros(children * width)
    ends = count.cumsum()
    # runs of whole arcs of about _CHUNK paths: each ends after the arc reaching a multiple
    cuts = ends.searchsorted(np.arange(0, total, _CHUNK), side="right")
    cuts = np.unique(np.concatenate((cuts, [count.size])))
    for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
        n = count[a:b]  # never all zero: the run's first arc holds a multiple of _CHUNK
        # the band of arc i is past paths settled[i] .. kept[i] - 1: positions by one repeat
        past = np.arange(int(n.sum()), dtype=np.int64)
        shift: Int = settled[a:b] - (np.cumsum(n) - n)
        past += shift.repeat(n)
        key = past_key[past]
        key += arc_id[a:b].repeat(n)
        key = sum_id[key]
        key += arc_key[a:b].repeat(n)
        weight = wt[past]
        weight *= mult[a:b].repeat(n)
        merged += np.bincount(key, weights=weight, minlength=merged.size)
    held = merged.nonzero()[0]
    return held // width, child_vals[held % width], merged[held]


def _expand(
    val: Float, wt: Float, settled: Int, count: Int, arc_val: Float, arc_child: Int, mult: Float
) -> tuple[Int, Float, Float]:
    """Expand each arc's band of past paths (*count* from *settled* on) and merge the results.

    The band is expanded and merged a run of whole children at a time,
    each run of about ``_CHUNK`` paths: arrays that small are reused by the
    allocator (large ones are returned to the system, and cost a page fault
    per 4 KiB when allocated again) and sorted within the cache. Returns
    the merged paths (child, value, weight), sorted by child then value.
    """
    by_child = arc_child.argsort(kind="stable")
    counts = count[by_child]
    ends = counts.cumsum()
    first = _starts(arc_child[by_child])  # each child's first arc, in by_child order
    # a run ends before the first arc of the first child reached after each multiple of _CHUNK
    before = ends[first - 1] * (first > 0)  # paths in the runs before each child's first arc
    at = before.searchsorted(np.arange(1, int(ends[-1]) // _CHUNK + 1) * _CHUNK)
    cuts = np.unique(np.concatenate([[0], first[at[at < first.size]], [by_child.size]]))
    out: tuple[list[Int], list[Float], list[Float]] = ([], [], [])
    for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
        chunk = by_child[a:b]
        n = counts[a:b]
        size = int(ends[b - 1] - (ends[a - 1] if a else 0))
        if size == 0:
            continue
        # the band of arc i is past paths settled[i] .. kept[i] - 1: positions by one repeat
        past = np.arange(size, dtype=np.int64)
        shift: Int = settled[chunk] - (np.cumsum(n) - n)
        past += shift.repeat(n)
        child_val = val[past]
        child_val += arc_val[chunk].repeat(n)
        child_wt = wt[past]
        child_wt *= mult[chunk].repeat(n)
        pick, child, merged = _group(arc_child[chunk].repeat(n), child_val, child_wt)
        out[0].append(child)
        out[1].append(child_val[pick])
        out[2].append(merged)
    return np.concatenate(out[0]), np.concatenate(out[1]), np.concatenate(out[2])


def _join(
    node: Int,
    val: Float,
    wt: Float | None,
    parent: Int,
    comp: Float,
    cutoff: float,
    obs: float,
) -> float:
    """Sum the complete tables through the past paths (*node*, *val*, *wt*; None: weights of 1).

    *parent* and *comp* are the completions of every node (every node of
    *node* has at least one): with two columns left, filling the
    next-to-last column fixes the last. When the completions outnumber the
    past paths ``_DROP_RATE`` times, those beyond the cutoff for every past
    path of their node are dropped first. Sorted by value, the completions
    within the cutoff of a past path form a prefix of its node's, summed by
    :func:`_prefix_sums` (in place, or from running sums restarted at each
    node when the prefixes are long, so the work never grows with them).
    """
    m = int(parent.max()) + 1
    size = np.bincount(parent, minlength=m)  # each node's completions, from start[node] on
    start = np.concatenate(([0], size.cumsum()))
    if int(size[node].sum()) <= _DIRECT_JOIN * comp.size and (
        parent.size < 2 or bool((parent[1:] >= parent[:-1]).all())
    ):
        return _join_pairs(node, val, wt, start, comp, cutoff, obs)
    q = np.rint(comp * _SCALE).astype(np.int64)
    if comp.size > _DROP_RATE * node.size:
        # a completion counts for no past path of its node unless it is within the cutoff less
        # the node's least past value (on the 2**-32 grid, as the search below): drop the others
        least = np.full(m, np.inf)
        np.minimum.at(least, node, val)
        room = np.maximum(np.floor((cutoff - least) * _SCALE), -(2.0**62)).astype(np.int64)
        keep = q <= room[parent]
        if not keep.all():
            if not keep.any():
                return 0.0
            parent, comp, q = parent[keep], comp[keep], q[keep]
            size = np.bincount(parent, minlength=m)
            start = np.concatenate(([0], size.cumsum()))
    base = q.min(initial=0)
    span = int(q.max(initial=0) - base) + 2
    if span * (m + 1) >= _PACK_BOUND:
        order = np.lexsort((q, parent))
        keys = None
    else:
        keys, order = _sort_keys(parent * span + (q - base), span * (m + 1))
    # the number of completions of each past path's node within cutoff - val
    tq = np.floor((cutoff - val) * _SCALE)
    if keys is not None:
        probe = node * span + np.minimum(np.maximum(tq - base, -1), span - 1).astype(np.int64)
        end = keys.searchsorted(probe, side="right")
    else:  # rare: values too spread to pack; search node by node
        qs = q[order]
        end = np.empty(node.size, dtype=np.int64)
        for i, (nd, limit_q) in enumerate(zip(node.tolist(), tq.tolist(), strict=True)):
            a, b = int(start[nd]), int(start[nd + 1])
            end[i] = a + int(qs[a:b].searchsorted(limit_q, side="right"))
    ok = end > start[node]
    if not ok.all():  # past paths with no completion within the cutoff
        if not ok.any():
            return 0.0
        node, val, end = node[ok], val[ok], end[ok]
        wt = None if wt is None else wt[ok]
    sums, shift = _prefix_sums(comp[order], None, size, node, end)
    sums *= np.exp(val + shift - obs)
    if wt is not None:
        sums *= wt
    return float(sums.sum())


def _join_pairs(
    node: Int, val: Float, wt: Float | None, start: Int, comp: Float, cutoff: float, obs: float
) -> float:
    """:func:`_join` by forming every (past path, completion) pair.

    With the completions grouped by node (node ``u``'s from ``start[u]`` to
    ``start[u + 1]``) and few past paths per node, forming and filtering
    every pair costs no more than ``_DIRECT_JOIN`` times the completions,
    and needs no sort.
    """
    size = start[node + 1] - start[node]
    pairs = int(size.sum())
    src = np.arange(node.size).repeat(size)
    pos = (start[node] - (size.cumsum() - size)).repeat(size)
    pos += np.arange(pairs)
    v = comp[pos]
    v += val[src]
    if wt is None:
        return _within(v, cutoff, obs)
    keep = v <= cutoff
    return float((np.exp(v[keep] - obs) * wt[src[keep]]).sum())


def _finish(total: float, obs: float, lf: Float, rows: Int, cols: Int, n: int) -> float:
    """Scale the relative sum to a probability: p = total * P(observed)."""
    if total <= 0.0:
        return 0.0
    log_obs = obs + float(lf[rows].sum() + lf[cols].sum() - lf[n])
    return min(1.0, math.exp(math.log(total) + log_obs))
