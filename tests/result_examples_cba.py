"""Examples of the cost–benefit appraisal result classes for the shared protocol tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from safecore._results import Result
from safecore.cost import (
    Cohort,
    Costs,
    OptimismBias,
    Proxy,
    ProxyTable,
    SavingModel,
    appraise,
    load_gdp_deflators,
    simulate_comparison,
)
from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED

DEFLATORS = Path(__file__).parent / "data" / "gdp_deflators_layout.csv"
#: An illustrative optimism-bias table (not the guidance's: it is not shipped).
OB = OptimismBias({2: 0.05, 5: 0.25}, source="test table")
TABLE = ProxyTable(
    [
        Proxy(
            "a",
            "Outcome <a>",
            1000,
            "LA data",
            grade=2,
            value_type="fiscal",
            beneficiary="Local authority",
            cashable=True,
            lag=1,
        ),
        Proxy("b", "Outcome | b", 500, "NHS data", grade=5, value_type="social", beneficiary="NHS"),
    ]
)
MODEL = SavingModel(TABLE, deadweight=0.1, attribution=0.8, years=3, drop_off=0.2, grade_table=OB)
COHORT = Cohort("Worked", families=20, improved={"a": 10, "b": 4})
COSTS = Costs({"staff": [4000, 3000], "set-up": [1000]})


def _appraisal() -> Result:
    return appraise(MODEL, COHORT, COSTS)


EXAMPLES: dict[str, Callable[[], Result]] = {
    "cba_appraisal": _appraisal,
    "cba_appraisal_2020": lambda: appraise(
        SavingModel(SAFECORE_2020, years=5), SAFECORE_2020_ENGAGED, Costs([12 * 19_719.10])
    ),
    "cba_breakdown": lambda: appraise(MODEL, COHORT, COSTS).by_beneficiary,
    "cba_assumptions": lambda: appraise(MODEL, COHORT, COSTS).assumptions,
    "cba_costs": lambda: Costs([100, 50], uplift=0.2),
    "cba_optimism_bias": lambda: OB,
    "cba_price_index": lambda: load_gdp_deflators(DEFLATORS),
    "cba_comparison_simulation": lambda: simulate_comparison(
        SavingModel(SAFECORE_2020),
        SAFECORE_2020_ENGAGED,
        SAFECORE_2020_DISENGAGED,
        Costs([200_000]),
        n=500,
        seed=4,
    ),
    "cba_comparison_simulation_no_costs": lambda: simulate_comparison(
        SavingModel(SAFECORE_2020),
        SAFECORE_2020_ENGAGED,
        SAFECORE_2020_DISENGAGED,
        n=50,
        seed=5,
        percentiles=[50],
    ),
}
