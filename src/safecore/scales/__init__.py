"""Staff survey scales: instruments as data (CBI, CEAS, your own), survey files, summaries, comparisons.

Every scale is an [`Instrument`][safecore.scales.instrument.Instrument] read from a TOML spec and
scored by one engine; [`score_cbi`][safecore.scales.cbi.score_cbi] and
[`score_ceas`][safecore.scales.ceas.score_ceas] score the two packaged specs.

Examples
--------
>>> from safecore.scales import describe, score_cbi
>>> import numpy as np
>>> scores = score_cbi(np.full((3, 19), 25.0), coding="points")
>>> print(describe(scores.personal))
25.0 [25.0, 25.0] 0.0
"""

from typing import Any

from safecore._errors import ResponseError
from safecore.scales.cbi import CBI, CBI_ITEMS, CBI_SCALES, CBIItem, CBIScores, score_cbi
from safecore.scales.ceas import CEAS, CEAS_FILLERS, CEAS_SUBSCALES, CEASScores, score_ceas
from safecore.scales.instrument import Instrument, InstrumentScores, Item, ResponseSet, Subscale
from safecore.scales.survey import StaffSurvey, TimeComparison, compare_times, read_staff_survey
from safecore.stats.consistency import CIConsistency, GrimResult, ci_consistent, grim
from safecore.stats.describe import Summary, describe
from safecore.stats.means import (
    EffectSize,
    Norm,
    OneSampleResult,
    PairedResult,
    WelchResult,
    hedges_g,
    hedges_g_from_summary,
    one_sample,
    one_sample_from_summary,
    paired,
    welch,
    welch_from_summary,
)

__all__ = [
    "CBI",
    "CBI_ITEMS",
    "CBI_SCALES",
    "CBI_SOCIAL_WORKER_NORMS",
    "CEAS",
    "CEAS_FILLERS",
    "CEAS_SUBSCALES",
    "CBIItem",
    "CBIScores",
    "CEASScores",
    "CIConsistency",
    "EffectSize",
    "GrimResult",
    "Instrument",
    "InstrumentScores",
    "Item",
    "Norm",
    "OneSampleResult",
    "PairedResult",
    "ResponseError",
    "ResponseSet",
    "StaffSurvey",
    "Subscale",
    "Summary",
    "TimeComparison",
    "WelchResult",
    "ci_consistent",
    "compare_times",
    "describe",
    "grim",
    "hedges_g",
    "hedges_g_from_summary",
    "one_sample",
    "one_sample_from_summary",
    "paired",
    "read_staff_survey",
    "score_cbi",
    "score_ceas",
    "welch",
    "welch_from_summary",
]


def __getattr__(name: str) -> Any:
    """``CBI_SOCIAL_WORKER_NORMS``, a named example from `safecore.datasets`, on first use."""
    if name == "CBI_SOCIAL_WORKER_NORMS":
        from safecore import datasets  # noqa: PLC0415 - the one documented alias into datasets

        return datasets.CBI_SOCIAL_WORKER_NORMS
    msg = f"module 'safecore.scales' has no attribute {name!r}"
    raise AttributeError(msg)
