"""Switching lag and duration (safecore.cost.model.switching_value), against hand arithmetic.

One proxy of £1,000 a year, 5 of 10 families improved: £500 per family in the year the
benefit falls, discounted at 3.5% a year (DF_t = 1.035**t, t from 0):

    lag L:       per family = 500 / 1.035**L
                 L = 0: 500.00   L = 3: 500 / 1.108718 = 450.97   L = 4: 500 / 1.147523 = 435.72
    duration D:  per family = 500 * (1 + 1/1.035 + ... + 1/1.035**(D-1))
                 D = 1: 500.00   D = 2: 983.09   D = 3: 500 * 2.899695 = 1449.85
"""

from __future__ import annotations

import pytest

from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel, switching_value

MODEL = SavingModel(ProxyTable([Proxy("housing", "An eviction has been avoided.", 1000, "Test")]))
COHORT = Cohort("Pilot", families=10, improved={"housing": 5})


@pytest.mark.parametrize(
    ("parameter", "cost", "value", "bounds", "note"),
    [
        # largest lag with 500 / 1.035**L >= 450: L = 3 (450.97), L = 4 gives 435.72
        ("lag", 450.0, 3.0, (0.0, 50.0), "largest whole lag"),
        # savings equal to the cost count as reaching it: 500 >= 500 at lag 0, not at lag 1
        ("lag", 500.0, 0.0, (0.0, 50.0), "largest whole lag"),
        # even with no lag 500 < 600
        ("lag", 600.0, None, (0.0, 50.0), "below the cost even with no lag"),
        # a cost of 0 is reached at every lag tried, up to max_years
        ("lag", 0.0, 50.0, (0.0, 50.0), "up to 50 years"),
        # smallest duration with savings >= 1400: 3 years (1449.85; 2 years give 983.09)
        ("duration", 1400.0, 3.0, (1.0, 50.0), "smallest whole duration"),
        # savings equal to the cost count: one year gives exactly 500
        ("duration", 500.0, 1.0, (1.0, 50.0), "smallest whole duration"),
        # 50 years at most 500 / (1 - 1/1.035) = 14,785.71 < 1,000,000
        ("duration", 1_000_000.0, None, (1.0, 50.0), "for a duration of 50 years"),
    ],
)
def test_switching_lag_and_duration_by_hand(parameter, cost, value, bounds, note):
    """The value, the range searched and the reason, for each kind of answer."""
    sv = switching_value(MODEL, COHORT, cost, parameter, max_years=50)
    assert sv.parameter == parameter
    assert sv.value == value
    assert sv.bounds == bounds
    assert note in sv.note
