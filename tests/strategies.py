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
