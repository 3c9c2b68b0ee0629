"""``safecore.cost``: a configurable proxy-saving model and cost–benefit appraisal.

Proxies (an annual saving per outcome), cohorts (families improved per
outcome), the model (deadweight, displacement, attribution, optimism bias,
benefit period, drop-off, discounting), value for money, switching values,
Monte Carlo uncertainty and one-way sensitivity; and a cost–benefit
appraisal in the HM Treasury local-partnership format ([`appraise`][safecore.cost.appraisal.appraise]:
benefits by value type and beneficiary, costs by year, NPV, BCRs, payback),
with GDP-deflator rebasing ([`load_gdp_deflators`][safecore.cost.prices.load_gdp_deflators]).

Examples
--------
>>> from safecore.cost import SavingModel
>>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
>>> SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED)
Evaluation('Engaged', families=12, total=£180,551, per_family=£15,045.92)

The package holds no programme data: ``SAFECORE_2020`` (Table 11),
``SAFECORE_2020_ENGAGED`` and ``SAFECORE_2020_DISENGAGED`` (Tables 12 and 13)
are named example tables from `safecore.datasets`, loaded on first use.
"""

from typing import Any

from safecore._errors import CohortError, MissingOutcomeError, ModelError, ProxyTableError
from safecore.cost.appraisal import Appraisal, Breakdown, Costs, OutcomeAssumptions, appraise
from safecore.cost.cohorts import Cohort, load_cohorts
from safecore.cost.model import (
    GREEN_BOOK_SCHEDULE,
    Comparison,
    Evaluation,
    SavingModel,
    SwitchingValue,
    ValueForMoney,
    delivery_cost_per_family,
    discount_factors,
    switching_value,
    value_for_money,
)
from safecore.cost.optimism import OptimismBias
from safecore.cost.prices import PriceIndex, load_gdp_deflators
from safecore.cost.proxies import (
    GRADES,
    MAX_SAVING,
    PROXY_FIELDS,
    VALUE_TYPES,
    Proxy,
    ProxyTable,
    load_proxies,
    outcome_key,
)
from safecore.cost.uncertainty import (
    ComparisonSimulation,
    Sensitivity,
    SensitivityRow,
    SimulationResult,
    sensitivity,
    simulate,
    simulate_comparison,
)

__all__ = [
    "GRADES",
    "GREEN_BOOK_SCHEDULE",
    "MAX_SAVING",
    "PROXY_FIELDS",
    "SAFECORE_2020",
    "SAFECORE_2020_DISENGAGED",
    "SAFECORE_2020_ENGAGED",
    "VALUE_TYPES",
    "Appraisal",
    "Breakdown",
    "Cohort",
    "CohortError",
    "Comparison",
    "ComparisonSimulation",
    "Costs",
    "Evaluation",
    "MissingOutcomeError",
    "ModelError",
    "OptimismBias",
    "OutcomeAssumptions",
    "PriceIndex",
    "Proxy",
    "ProxyTable",
    "ProxyTableError",
    "SavingModel",
    "Sensitivity",
    "SensitivityRow",
    "SimulationResult",
    "SwitchingValue",
    "ValueForMoney",
    "appraise",
    "delivery_cost_per_family",
    "discount_factors",
    "load_cohorts",
    "load_gdp_deflators",
    "load_proxies",
    "outcome_key",
    "sensitivity",
    "simulate",
    "simulate_comparison",
    "switching_value",
    "value_for_money",
]

_EXAMPLES = ("SAFECORE_2020", "SAFECORE_2020_DISENGAGED", "SAFECORE_2020_ENGAGED")


def __getattr__(name: str) -> Any:
    """Named example tables from `safecore.datasets`, imported only when asked for."""
    if name in _EXAMPLES:
        from safecore import datasets  # noqa: PLC0415 - the one documented alias into datasets

        return getattr(datasets, name)
    msg = f"module 'safecore.cost' has no attribute {name!r}"
    raise AttributeError(msg)
