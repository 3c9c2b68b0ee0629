"""Plots of the evaluation (matplotlib, imported only when a plot is drawn).

Install with ``pip install 'safecore[plot]'``. Every function draws on the
given Axes (or a new figure's) and returns the Axes.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from safecore import safecore_2020
>>> from safecore.plots import attainment_bars
>>> ax = attainment_bars(safecore_2020().goal_attainment)
>>> ax.get_ylabel()
'% of records'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from safecore._format import fmt_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from safecore.cost.model import Evaluation
    from safecore.cost.uncertainty import Sensitivity
    from safecore.tallies import Tally

__all__ = ["attainment_bars", "savings_waterfall", "staff_scores", "tornado"]


class _Summary(Protocol):
    mean: float
    ci_low: float
    ci_high: float


class _Summaries(Protocol):
    """Published or computed summaries looked up by scale and time point."""

    def get(self, scale: str, time: int) -> Any: ...


def _axes(ax: Axes | None) -> Axes:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - optional dependency
    except ImportError as exc:  # pragma: no cover - exercised only without matplotlib
        msg = "plots need matplotlib: pip install 'safecore[plot]'"
        raise ImportError(msg) from exc
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    return ax


def attainment_bars(tally: Tally, ax: Axes | None = None) -> Axes:
    """Stacked bars of each row's status percentages (e.g. attainment by engagement).

    Parameters
    ----------
    tally : Tally
        Rows are the groups (engagement), columns the statuses.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    pct = 100 * tally.table / np.maximum(tally.row_totals[:, None], 1)
    labels = [fmt_label(r) for r in tally.row_labels]
    bottom = np.zeros(len(labels))
    for j, col in enumerate(tally.column_labels):
        ax.bar(labels, pct[:, j], bottom=bottom, label=fmt_label(col))
        bottom += pct[:, j]
    ax.set_ylabel("% of records")
    ax.set_ylim(0, 100)
    ax.legend(frameon=False, fontsize="small")
    return ax


def savings_waterfall(evaluation: Evaluation, ax: Axes | None = None) -> Axes:
    """Waterfall of net savings per family, outcome by outcome, to the total.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    per_family = evaluation.net / evaluation.families
    order = np.argsort(per_family)[::-1]
    values = per_family[order]
    labels = [fmt_label(evaluation.outcomes[k]) for k in order]
    starts = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    ax.bar(labels, values, bottom=starts, color="tab:green")
    ax.bar(["Total"], [values.sum()], color="tab:blue")
    ax.set_ylabel("£ per family")
    ax.set_title(f"Net savings per family: {evaluation.cohort}")
    ax.tick_params(axis="x", labelrotation=45)
    return ax


def tornado(sens: Sensitivity, ax: Axes | None = None, top: int = 10) -> Axes:
    """Tornado chart of a one-way sensitivity table (largest swing on top).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    rows = sens.rows[:top][::-1]
    y = np.arange(len(rows))
    lows = np.array([min(r.per_family_low, r.per_family_high) for r in rows])
    highs = np.array([max(r.per_family_low, r.per_family_high) for r in rows])
    ax.barh(y, highs - lows, left=lows, color="tab:orange")
    ax.axvline(sens.base, color="black", linewidth=1)
    ax.set_yticks(y, [r.parameter for r in rows])
    ax.set_xlabel("£ per family")
    return ax


def staff_scores(
    staff: _Summaries,
    ax: Axes | None = None,
    scales: Any = None,
    *,
    times: tuple[int, ...] = (1, 2),
    norms: dict[str, float] | None = None,
    norm_label: str = "Norm",
) -> Axes:
    """Scale means with their 95% CIs by time point, against reference norms when given.

    Parameters
    ----------
    staff : object with ``get(scale, time)``
        Summaries with ``mean``, ``ci_low`` and ``ci_high`` (e.g.
        `safecore.datasets.staff_survey_2020()`).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    scales : sequence of str, optional
        The scales shown (default: the CBI's personal, work, client).
    times : tuple of int
        The time points shown.
    norms : dict, optional
        Reference mean per scale, drawn as a bar; none by default (the
        report's social-worker norms are `safecore.datasets.CBI_SOCIAL_WORKER_NORMS`).
    norm_label : str
        Legend text of the norms.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    scales = scales or ("personal", "work", "client")
    x = np.arange(len(scales))
    for k, time in enumerate(times):
        rows = [staff.get(s, time) for s in scales]
        means = np.array([r.mean for r in rows])
        err = np.array([[r.mean - r.ci_low for r in rows], [r.ci_high - r.mean for r in rows]])
        ax.errorbar(x + (k - 0.5) * 0.2, means, yerr=err, fmt="o", capsize=3, label=f"Time {time}")
    if norms:
        values = np.array([norms.get(s, np.nan) for s in scales], dtype=float)
        ax.scatter(x, values, marker="_", s=600, color="black", label=norm_label)
    ax.set_xticks(x, [s.capitalize() for s in scales])
    ax.set_ylabel("CBI score (0-100)")
    ax.legend(frameon=False, fontsize="small")
    return ax
