"""Plots of the evaluation (matplotlib, imported only when a plot is drawn).

Install with ``pip install 'safecore[plot]'``. Every function draws on the
given Axes (or a new figure's, laid out so that legends and labels fit) and
returns the Axes. Legends sit outside the plotting area, so they never
cover a bar.

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

from safecore._format import fmt_label, fmt_money

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from numpy.typing import NDArray

    from safecore.cost.model import Evaluation
    from safecore.cost.uncertainty import ComparisonSimulation, Sensitivity, SimulationResult
    from safecore.tallies import Tally

__all__ = [
    "attainment_bars",
    "parameter_label",
    "savings_waterfall",
    "simulation_distribution",
    "staff_scores",
    "tornado",
]

#: Display names of the model's parameters (the one mapping; others are capitalised).
_PARAMETER_LABELS = {
    "attribution": "Attribution",
    "deadweight": "Deadweight",
    "displacement": "Displacement",
    "optimism_bias": "Optimism bias",
    "drop_off": "Drop-off",
    "discount_rate": "Discount rate",
    "years": "Years of benefit",
    "lag": "Lag (years)",
    "duration": "Duration (years)",
    "grade_table": "Optimism-bias grades",
}

_SIZE = (7.0, 4.0)


def parameter_label(name: str) -> str:
    """Return a sensitivity parameter's display name.

    Examples
    --------
    >>> parameter_label("optimism_bias"), parameter_label("drop_off")
    ('Optimism bias', 'Drop-off')
    >>> parameter_label("proxy: Mental Health")
    'Proxy: Mental Health'
    """
    if name in _PARAMETER_LABELS:
        return _PARAMETER_LABELS[name]
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


class _Summaries(Protocol):
    """Published or computed summaries looked up by scale and time point."""

    def get(self, scale: str, time: int) -> Any: ...


def _axes(ax: Axes | None, size: tuple[float, float] = _SIZE) -> Axes:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415 - optional dependency
    except ImportError as exc:  # pragma: no cover - exercised only without matplotlib
        msg = "plots need matplotlib: pip install 'safecore[plot]'"
        raise ImportError(msg) from exc
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _legend_right(ax: Axes) -> None:
    """Legend outside the axes, on the right (never over the data)."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize="small")


def _legend_above(ax: Axes, columns: int) -> None:
    """Legend outside the axes, above them (never over the data)."""
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        ncols=columns,
        frameon=False,
        fontsize="small",
        borderaxespad=0.2,
    )


def _money_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    axis.set_major_locator(MaxNLocator(nbins=6))
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_money(v)))


def _wrap(label: str, width: int = 10) -> str:
    """Break a long category name onto lines (word by word), so upright labels fit under their bar."""
    import textwrap  # noqa: PLC0415

    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


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
        The legend (statuses) is outside the axes, on the right.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from safecore.tallies import Tally
    >>> change = Tally.from_counts([[9, 3], [5, 20]], ["Engaged", "Disengaged"],
    ...                            ["Improved", "Not improved"])
    >>> ax = attainment_bars(change)
    >>> ax.get_ylabel(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('% of records', ['Improved', 'Not improved'])
    >>> [round(bar.get_height()) for bar in ax.patches]  # Improved, then Not improved
    [75, 20, 25, 80]

    On an Axes of your own figure:

    >>> fig, axes = plt.subplots(1, 2)
    >>> attainment_bars(change, ax=axes[1]) is axes[1]
    True
    >>> plt.close("all")
    """
    ax = _axes(ax)
    pct = 100 * tally.table / np.maximum(tally.row_totals[:, None], 1)
    labels = [fmt_label(r) for r in tally.row_labels]
    bottom = np.zeros(len(labels))
    for j, col in enumerate(tally.column_labels):
        ax.bar(labels, pct[:, j], bottom=bottom, label=fmt_label(col), width=0.6)
        bottom += pct[:, j]
    ax.set_ylabel("% of records")
    ax.set_ylim(0, 100)
    _legend_right(ax)
    return ax


def savings_waterfall(evaluation: Evaluation, ax: Axes | None = None) -> Axes:
    """Waterfall of net savings per family, outcome by outcome, to the total.

    Each bar carries its value above it; outcome names are upright and
    wrapped onto two lines when long, so they stay apart.

    Parameters
    ----------
    evaluation : Evaluation
        From [`SavingModel.evaluate`][safecore.cost.model.SavingModel.evaluate].
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5},
    ...                 potential={"housing": 6, "mental_health": 9})
    >>> ax = savings_waterfall(SavingModel(proxies).evaluate(cohort))
    >>> ax.get_title()
    'Net savings per family: Pilot'
    >>> [t.get_text() for t in ax.texts]  # each bar's value, largest outcome first
    ['£1,943', '£960', '£2,902']
    >>> fig, ax = plt.subplots()
    >>> savings_waterfall(SavingModel(proxies).evaluate(cohort), ax=ax) is ax
    True
    >>> plt.close("all")
    """
    per_family = evaluation.net / evaluation.families
    # A new figure is wide enough for every outcome's name: 0.85 inch a bar.
    ax = _axes(ax, (max(_SIZE[0], 0.85 * (len(per_family) + 1) + 1.2), _SIZE[1]))
    order = np.argsort(per_family)[::-1]
    values = per_family[order]
    labels = [_wrap(fmt_label(evaluation.outcomes[k])) for k in order]
    starts = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    steps = ax.bar(labels, values, bottom=starts, color="tab:green")
    total = ax.bar(["Total"], [values.sum()], color="tab:blue")
    for bars, shown in ((steps, values), (total, [values.sum()])):
        ax.bar_label(bars, labels=[fmt_money(v) for v in shown], padding=2, fontsize="x-small")
    ax.margins(y=0.12)
    ax.axhline(0, color="black", linewidth=0.8)
    _money_axis(ax.yaxis)
    ax.set_ylabel("Saving per family")
    ax.set_title(f"Net savings per family: {evaluation.cohort}", fontsize="medium")
    ax.tick_params(axis="x", labelsize="small")
    return ax


def tornado(sens: Sensitivity, ax: Axes | None = None, top: int = 10) -> Axes:
    """Tornado chart of a one-way sensitivity table (largest swing on top).

    Each parameter's bar runs from the central estimate to the saving per
    family at the parameter's low value (one colour) and at its high value
    (the other); parameters are shown by their display names
    (`parameter_label`).

    Parameters
    ----------
    sens : Sensitivity
        From [`sensitivity`][safecore.cost.uncertainty.sensitivity].
    ax : matplotlib Axes, optional
    top : int
        How many parameters to show (the largest swings).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5},
    ...                 potential={"housing": 6, "mental_health": 9})
    >>> from safecore.cost import sensitivity
    >>> sens = sensitivity(SavingModel(proxies), cohort)
    >>> ax = tornado(sens, top=3)
    >>> [t.get_text() for t in ax.get_yticklabels()]  # bottom to top: the largest swing on top
    ['Optimism bias', 'Deadweight', 'Attribution']
    >>> ax.get_xlabel()
    'Saving per family'
    >>> fig, ax = plt.subplots()
    >>> tornado(sens, ax=ax) is ax
    True
    >>> plt.close("all")
    """
    ax = _axes(ax)
    rows = sens.rows[:top][::-1]
    y = np.arange(len(rows))
    base = sens.base
    low = np.array([r.per_family_low for r in rows])
    high = np.array([r.per_family_high for r in rows])
    ax.barh(y, low - base, left=base, color="tab:orange", label="Low value", height=0.6)
    ax.barh(y, high - base, left=base, color="tab:blue", label="High value", height=0.6)
    ax.axvline(base, color="black", linewidth=1, label=f"Central estimate ({fmt_money(base)})")
    ax.set_yticks(y, [parameter_label(r.parameter) for r in rows], fontsize="small")
    _money_axis(ax.xaxis)
    ax.set_xlabel("Saving per family")
    _legend_above(ax, 3)
    return ax


def simulation_distribution(
    sim: SimulationResult | ComparisonSimulation, ax: Axes | None = None, *, bins: int = 50
) -> Axes:
    """Histogram of simulated savings per family, with the central estimate and 95% interval.

    Parameters
    ----------
    sim : SimulationResult or ComparisonSimulation
        From `safecore.cost.simulate` (the saving per family of one cohort)
        or `safecore.cost.simulate_comparison` (the difference per family
        between the two cohorts).
    ax : matplotlib Axes, optional
    bins : int
        Histogram bins.

    Returns
    -------
    matplotlib.axes.Axes
        The central estimate is a solid line (the simulated median when the
        simulation has no central estimate), the 95% interval a shaded band
        between dashed lines.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5},
    ...                 potential={"housing": 6, "mental_health": 9})
    >>> from safecore.cost import simulate
    >>> sim = simulate(SavingModel(proxies), cohort, n=500, seed=1)
    >>> ax = simulation_distribution(sim, bins=20)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Saving per family: Pilot', 'Draws')
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['500 draws', '95% interval', 'Central estimate (£2,902)']
    >>> fig, ax = plt.subplots()
    >>> simulation_distribution(sim, ax=ax) is ax
    True
    >>> plt.close("all")
    """
    from safecore.cost.uncertainty import ComparisonSimulation  # noqa: PLC0415

    ax = _axes(ax)
    draws: NDArray[np.float64]
    if isinstance(sim, ComparisonSimulation):
        draws = np.asarray(sim.difference, dtype=float)
        central = float(sim.central_difference)
        xlabel = f"Difference in saving per family ({sim.a} − {sim.b})"
    else:
        draws = np.asarray(sim.per_family, dtype=float)
        central = float(np.median(draws)) if sim.central is None else float(sim.central)
        xlabel = f"Saving per family: {sim.cohort}"
    lo, hi = (float(v) for v in np.percentile(draws, [2.5, 97.5]))
    ax.hist(
        draws,
        bins=bins,
        histtype="stepfilled",
        color="tab:blue",
        alpha=0.7,
        label=f"{len(draws):,} draws",
    )
    ax.axvspan(lo, hi, color="tab:orange", alpha=0.15, label="95% interval")
    for edge in (lo, hi):
        ax.axvline(edge, color="tab:orange", linestyle="--", linewidth=1)
    ax.axvline(central, color="black", linewidth=1.5, label=f"Central estimate ({fmt_money(central)})")
    _money_axis(ax.xaxis)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Draws")
    _legend_above(ax, 3)
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
    staff : StaffSurvey or object with ``get(scale, time)``
        A survey read by [`read_staff_survey`][safecore.scales.survey.read_staff_survey], or
        published summaries with ``mean``, ``ci_low`` and ``ci_high`` (e.g.
        [`staff_survey_2020()`][safecore.datasets.staff_survey_2020]).
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

    Examples
    --------
    The report's published CBI summaries against the social-worker norms:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from safecore.datasets import CBI_SOCIAL_WORKER_NORMS, staff_survey_2020
    >>> norms = {scale: norm.mean for scale, norm in CBI_SOCIAL_WORKER_NORMS.items()}
    >>> ax = staff_scores(staff_survey_2020(), norms=norms, norm_label="Social workers")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Personal', 'Work', 'Client']
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Social workers', 'Time 1', 'Time 2']
    >>> fig, ax = plt.subplots()
    >>> staff_scores(staff_survey_2020(), ax=ax, scales=["work"], times=(1,)) is ax
    True
    >>> plt.close("all")
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
    _legend_right(ax)
    return ax
