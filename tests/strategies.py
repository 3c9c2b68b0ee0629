"""Hypothesis strategies shared by the test modules."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


@st.composite
def count_tables(
    draw: st.DrawFn, min_side: int = 2, max_side: int = 5, max_count: int = 60
) -> np.ndarray:
    """2-D tables of counts with no all-zero row or column."""
    r = draw(st.integers(min_side, max_side))
    c = draw(st.integers(min_side, max_side))
    table = draw(hnp.arrays(np.int64, (r, c), elements=st.integers(0, max_count)))
    # guarantee non-empty margins by adding one to a diagonal-ish cell per row and column
    for i in range(r):
        table[i, i % c] += 1
    for j in range(c):
        table[j % r, j] += 1
    return table


small_tables = count_tables(max_side=3, max_count=6)

missing_values = st.sampled_from([None, "", "  ", float("nan")])


@st.composite
def case_records(draw: st.DrawFn) -> list[dict[str, object]]:
    """Case-note records with engagement and status, some values missing."""
    engagement = st.one_of(st.sampled_from(["Engaged", "Disengaged", "engaged "]), missing_values)
    status = st.one_of(
        st.sampled_from(["Achieved", "Almost achieved", "Almost", "NOT ACHIEVED"]), missing_values
    )
    n = draw(st.integers(0, 40))
    return [
        {
            "family": draw(st.sampled_from("ABCDE")),
            "engagement": draw(engagement),
            "status": draw(status),
        }
        for _ in range(n)
    ]


# -- cost: proxy tables ----------------------------------------------------------------------

#: Characters that make text hard to serialise: quotes, backslashes, formula starters,
#: line breaks, control characters (C0, DEL, C1), separators and non-ASCII letters.
_tricky = st.sampled_from(
    [*"=+-@'\"\\,;\t\r\n\x00\x07\x1b\x7f\x85\u2028é中🙂 ", "''", "=1+1", "\r\n", "NA"]
)
proxy_texts = (
    st.lists(st.one_of(_tricky, st.text(max_size=4)), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda s: bool(s.strip()))
    .filter(lambda s: all(not 0xD800 <= ord(c) <= 0xDFFF for c in s))
    .filter(lambda s: "\x00" not in s)  # a NUL makes a file binary: refused in text and in files
)


#: Optional shares of a proxy (drop-off, deadweight, displacement, attribution), 0 and 1 included.
proxy_shares = st.none() | st.floats(0, 1, allow_nan=False)


@st.composite
def proxy_profiles(draw: st.DrawFn) -> dict[str, object]:
    """The HM Treasury local-partnership fields of a proxy: value type, beneficiary, cashable,
    benefit profile and per-outcome shares (each may be absent)."""
    return {
        "value_type": draw(st.none() | st.sampled_from(["fiscal", "economic", "social"])),
        "beneficiary": draw(st.none() | proxy_texts),
        "cashable": draw(st.none() | st.booleans()),
        "lag": draw(st.integers(0, 5)),
        "duration": draw(st.none() | st.integers(1, 10)),
        "drop_off": draw(proxy_shares),
        "deadweight": draw(proxy_shares),
        "displacement": draw(proxy_shares),
        "attribution": draw(proxy_shares),
    }


@st.composite
def proxy_tables(draw: st.DrawFn, min_size: int = 1, max_size: int = 5) -> object:
    """Valid, non-empty proxy tables with awkward text in every text field."""
    from safecore.cost import MAX_SAVING, Proxy, ProxyTable

    n = draw(st.integers(min_size, max_size))
    outcomes = draw(
        st.lists(proxy_texts, min_size=n, max_size=n, unique_by=lambda s: s.strip().casefold())
    )
    proxies = []
    seen: set[object] = set()
    for outcome in outcomes:
        proxy = Proxy(
            outcome,
            draw(proxy_texts),
            draw(st.floats(0, MAX_SAVING, allow_nan=False)),
            draw(proxy_texts),
            draw(st.none() | st.integers(1900, 2100)),
            draw(st.none() | st.integers(1, 6)),
            **draw(proxy_profiles()),
        )
        if proxy.outcome not in seen:  # two spellings of one CostOutcome label
            seen.add(proxy.outcome)
            proxies.append(proxy)
    return ProxyTable(proxies)


CBI_IDS = tuple(f"cbi{k:02d}" for k in range(1, 20))

#: CBI answers as points, missing included.
cbi_points = st.sampled_from([0.0, 25.0, 50.0, 75.0, 100.0, np.nan])

#: Text a staff-survey cell might hold: labels, numbers, markers, junk.
survey_cells = st.one_of(
    st.sampled_from(["", "50", "75", "0", "100", "Often", "Somewhat", "nan", "NA", "1,5", "1e999"]),
    st.text(max_size=8),
)


@st.composite
def cbi_frames(draw: st.DrawFn) -> tuple[np.ndarray, list[int]]:
    """A points matrix (1-8 respondents x 19 items) and a permutation of its columns."""
    n = draw(st.integers(1, 8))
    points = draw(hnp.arrays(np.float64, (n, 19), elements=cbi_points))
    order = draw(st.permutations(range(19)))
    return points, list(order)


@st.composite
def survey_texts(draw: st.DrawFn) -> str:
    """A staff-survey CSV with the right header and arbitrary cells."""
    header = "respondent,time," + ",".join(CBI_IDS)
    n = draw(st.integers(0, 4))
    rows = []
    for _ in range(n):
        cells = draw(st.lists(survey_cells, min_size=21, max_size=22))
        rows.append(",".join(c.replace(",", ";").replace('"', "'") for c in cells))
    return "\n".join([header, *rows]) + "\n"


# -- scales: instruments ---------------------------------------------------------------------

CEAS_IDS = tuple(f"ceas{k:02d}" for k in range(1, 14))

#: CEAS ratings, missing included.
ceas_ratings = st.sampled_from([float(k) for k in range(1, 11)] + [np.nan])


@st.composite
def answer_grids(
    draw: st.DrawFn, items: int, cells: st.SearchStrategy[float], max_respondents: int = 8
) -> tuple[np.ndarray, list[int]]:
    """A respondents x *items* float matrix drawn from *cells* and a permutation of its columns."""
    n = draw(st.integers(1, max_respondents))
    grid = draw(hnp.arrays(np.float64, (n, items), elements=cells))
    order = draw(st.permutations(range(items)))
    return grid, list(order)


@st.composite
def sparse_tables(
    draw: st.DrawFn,
    min_rows: int = 2,
    max_rows: int = 4,
    min_cols: int = 2,
    max_cols: int = 4,
    max_n: int = 30,
) -> np.ndarray:
    """Tables of at most *max_n* counts with no all-zero row or column (zero cells allowed)."""
    r = draw(st.integers(min_rows, max_rows))
    c = draw(st.integers(min_cols, max_cols))
    table = np.zeros((r, c), dtype=np.int64)
    for i in range(max(r, c)):  # one count per row and column keeps every margin non-empty
        table[i % r, i % c] += 1
    extra = draw(st.integers(0, max_n - max(r, c)))
    cells = draw(st.lists(st.integers(0, r * c - 1), min_size=extra, max_size=extra))
    for cell in cells:
        table[divmod(cell, c)] += 1
    return table


# -- stats: tables and multiple comparisons --------------------------------------------------

#: 2x2 tables of counts with no all-zero row or column (Fisher's exact test).
two_by_two_tables = hnp.arrays(np.int64, (2, 2), elements=st.integers(0, 40)).filter(
    lambda t: bool((t.sum(axis=0) > 0).all() and (t.sum(axis=1) > 0).all())
)

#: Paired 2x2 tables of counts, any cell may be zero (McNemar's test).
paired_tables = hnp.arrays(np.int64, (2, 2), elements=st.integers(0, 200))

#: 1-D p-value arrays, some missing (NaN), ties likely.
pvalue_arrays = hnp.arrays(
    np.float64,
    st.integers(0, 25),
    elements=st.one_of(
        st.floats(0, 1), st.sampled_from([0.0, 0.01, 0.05, 0.5, 1.0]), st.just(float("nan"))
    ),
)


@st.composite
def gof_samples(draw: st.DrawFn) -> tuple[list[int], list[float]]:
    """Counts (not all zero) with positive null probabilities summing to 1."""
    k = draw(st.integers(2, 6))
    counts = draw(st.lists(st.integers(0, 300), min_size=k, max_size=k).filter(lambda c: sum(c) > 0))
    weights = draw(st.lists(st.floats(0.05, 5), min_size=k, max_size=k))
    total = sum(weights)
    return counts, [w / total for w in weights]

# -- stats: samples for the t-tests and rank tests ---------------------------------------------


def samples(
    min_size: int = 2, max_size: int = 30, *, ties: bool = False
) -> st.SearchStrategy[list[float]]:
    """Samples of finite values; with *ties*, small whole numbers (so ties and zeros are common)."""
    values = st.integers(-6, 6).map(float) if ties else st.floats(-1e3, 1e3, allow_nan=False)
    return st.lists(values, min_size=min_size, max_size=max_size)


alternatives = st.sampled_from(["two-sided", "less", "greater"])
confidence_levels = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99])
