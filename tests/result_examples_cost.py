"""Examples of the cost result classes for the shared protocol tests (tests/test_results_protocol.py)."""

from __future__ import annotations

from collections.abc import Callable

from safecore._results import Result
from safecore.cost import (
    Cohort,
    Proxy,
    ProxyTable,
    SavingModel,
    SensitivityRow,
    delivery_cost_per_family,
    sensitivity,
    simulate,
    switching_value,
    value_for_money,
)
from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED

_COST = delivery_cost_per_family(1_950_000, 89, startup_share=0.1)
#: A researcher's own table: an outcome key of their own, a saving in pence, text needing escapes.
_OWN = ProxyTable(
    [
        Proxy(
            "housing",
            "Eviction avoided",
            8450.5,
            "Shelter",
            price_year=2019,
            value_type="fiscal",
            beneficiary="Local authority",
            cashable=True,
        ),
        Proxy("school_attendance", "Attendance | <90%>", 1200, "=local estimate"),
    ]
)
_PILOT = Cohort("Pilot <1>", families=1, improved={"school_attendance": 1, "housing": 0})


def _model(**kwargs: object) -> SavingModel:
    return SavingModel(SAFECORE_2020, **kwargs)  # type: ignore[arg-type]


EXAMPLES: dict[str, Callable[[], Result]] = {
    "cost_evaluation": lambda: _model().evaluate(SAFECORE_2020_ENGAGED),
    "cost_evaluation_adjusted": lambda: _model(
        attribution=0.66, deadweight=0.2, years=5, discount_rate="green-book"
    ).evaluate(SAFECORE_2020_DISENGAGED),
    "cost_evaluation_own_outcomes": lambda: SavingModel(_OWN).evaluate(_PILOT),
    "cost_comparison": lambda: _model().compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED),
    "cost_value_for_money": lambda: value_for_money(_model(years=5), SAFECORE_2020_ENGAGED, _COST),
    "cost_value_for_money_free": lambda: value_for_money(_model(), SAFECORE_2020_ENGAGED, 0),
    "cost_value_for_money_never": lambda: value_for_money(_model(), SAFECORE_2020_DISENGAGED, 1e9),
    "cost_switching_value": lambda: switching_value(_model(years=5), SAFECORE_2020_ENGAGED, _COST),
    "cost_switching_value_none": lambda: switching_value(
        _model(), SAFECORE_2020_DISENGAGED, _COST, "deadweight"
    ),
    "cost_simulation": lambda: simulate(_model(), SAFECORE_2020_ENGAGED, n=2_000, seed=1),
    "cost_simulation_percentiles": lambda: simulate(
        _model(), Cohort("P", 3, {"housing": 1}), n=11, seed=2, percentiles=[0.001, 50, 100]
    ),
    "cost_sensitivity": lambda: sensitivity(_model(years=3), SAFECORE_2020_ENGAGED),
    "cost_sensitivity_empty": lambda: sensitivity(SavingModel(_OWN), Cohort("None", 1, {}), ranges={}),
    "cost_sensitivity_row": lambda: SensitivityRow("attribution", 0.5, 1.0, 7522.96, 15045.92),
    "cost_proxy_table": lambda: SAFECORE_2020,
    "cost_proxy_table_own": lambda: _OWN,
    "cost_proxy_table_empty": lambda: ProxyTable([]),
}
