"""Embedded datasets: every programme's published tables, figures, norms and audit declarations.

Generic modules (statistics, tallies, scales, cost, audit, report) never
import this package: they take their data as arguments. The SafeCORE 2020
report is one dataset here.

Examples
--------
>>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED, safecore_2020
>>> safecore_2020().goal_attainment.table.tolist()  # Table 3
[[76, 6, 4], [17, 15, 12]]
>>> from safecore.cost import SavingModel
>>> SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED).total
180551.0
"""

from safecore.datasets.report_2020 import report_2020
from safecore.datasets.safecore_2020 import (
    CBI_SOCIAL_WORKER_NORMS,
    SAFECORE_2020,
    SAFECORE_2020_DISENGAGED,
    SAFECORE_2020_ENGAGED,
    CaseNotes2020,
    PublishedSummary,
    PublishedTable,
    StaffSurvey2020,
    audit_2020,
    declarations_2020,
    published_cost_2020,
    safecore_2020,
    service_indicators_2020,
    staff_survey_2020,
)

__all__ = [
    "CBI_SOCIAL_WORKER_NORMS",
    "SAFECORE_2020",
    "SAFECORE_2020_DISENGAGED",
    "SAFECORE_2020_ENGAGED",
    "CaseNotes2020",
    "PublishedSummary",
    "PublishedTable",
    "StaffSurvey2020",
    "audit_2020",
    "declarations_2020",
    "published_cost_2020",
    "report_2020",
    "safecore_2020",
    "service_indicators_2020",
    "staff_survey_2020",
]
