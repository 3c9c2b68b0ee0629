"""Examples of the scales' result classes for the protocol tests (tests/test_results_protocol.py)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from safecore._results import Result
from safecore.scales import Instrument, score_cbi, score_ceas


def _cbi_with_missing() -> Result:
    points = np.full((3, 19), 50.0)
    points[1, :4] = np.nan  # 2 personal items answered: personal score missing
    points[2, 12] = 0.0  # item 13 'Never' scores 100 once reversed
    return score_cbi(points, coding="points")


def _ceas_prorated() -> Result:
    return score_ceas([[8] * 13, [None, *[6] * 12]], scale="others", min_answered={"engagement": 5})


def _no_respondents() -> Result:
    pair = Instrument.from_dict(
        {
            "name": "Pair",
            "responses": {"No": 0, "Yes": 1},
            "items": [{"id": "a", "subscale": "total"}, {"id": "b", "subscale": "total"}],
            "subscales": {"total": {"aggregate": "sum"}},
        }
    )
    return pair.score(np.empty((0, 2)), coding="points")


EXAMPLES: dict[str, Callable[[], Result]] = {
    "instrument_scores_cbi": _cbi_with_missing,
    "instrument_scores_ceas_prorated": _ceas_prorated,
    "instrument_scores_empty": _no_respondents,
}
