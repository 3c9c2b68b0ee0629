"""Uncertainty in the saving model: Monte Carlo simulation and one-way sensitivity.

Examples
--------
>>> from safecore.cost import SavingModel, simulate
>>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
>>> sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=20_000, seed=1)
>>> sim.percentile(2.5) < 15_045.92 < sim.percentile(97.5)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import InputTypeError, ModelError, SafecoreError
from safecore._format import column_frame, fmt_money
from safecore._results import Result, ResultTable, json_safe
from safecore._validate import (
    check_allocation,
    check_draws,
    check_instance,
    check_real,
    check_seed,
    check_share,
    check_whole,
    show_value,
    type_name,
)
from safecore.cost.appraisal import Costs
from safecore.cost.cohorts import Cohort
from safecore.cost.model import (
    SavingModel,
    _check_cohort,
    _check_model,
    _label,
    discount_factors,
    with_every_proxy,
)

__all__ = [
    "ComparisonSimulation",
    "Sensitivity",
    "SensitivityRow",
    "SimulationResult",
    "sensitivity",
    "simulate",
    "simulate_comparison",
]

_PERCENTILES = (2.5, 5.0, 25.0, 50.0, 75.0, 95.0, 97.5)


def _frozen(a: NDArray[np.float64]) -> NDArray[np.float64]:
    a.setflags(write=False)
    return a


def _percentile_column(q: float) -> str:
    """Return a snake_case column name for the *q*-th percentile: ``p2_5``, ``p50``, ``p0_001``."""
    text = f"{q:.10f}".rstrip("0").rstrip(".")
    return "p" + text.replace(".", "_")


@attrs.frozen(slots=True, repr=False, eq=False)
class SimulationResult(Result):
    """Monte Carlo draws of a cohort's savings.

    Attributes
    ----------
    cohort : str
        The cohort's name.
    total : ndarray, shape (n,)
        Net savings of the cohort, one per draw (read-only).
    families : int
        Cohort size (``per_family = total / families``).
    percentiles : dict of float to float
        Percentiles of savings per family.
    seed : int or None
        The seed used.

    Notes
    -----
    ``to_frame()`` is the summary table: one row per quantity (``total``, ``per_family``) with its
    ``mean`` and one column per percentile (``p2_5``, ``p50``, ...). The draws themselves are
    ``total`` and [`per_family`][safecore.cost.uncertainty.SimulationResult.per_family];
    [`draws_frame`][safecore.cost.uncertainty.SimulationResult.draws_frame] puts them in a
    DataFrame.

    Examples
    --------
    [`simulate`][safecore.cost.uncertainty.simulate] returns one; a dozen families, two proxies,
    1,000 seeded draws:

    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel, simulate
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5},
    ...                 potential={"housing": 6, "mental_health": 9})
    >>> sim = simulate(SavingModel(proxies), cohort, n=1000, seed=1)
    >>> sim
    SimulationResult('Pilot', n=1000, mean_per_family=£2,889, 95% interval=[£841, £4,953])
    >>> sim.n, sim.families, sim.seed
    (1000, 12, 1)
    >>> round(sim.central, 2), round(sim.median), round(sim.mean)
    (2902.08, 2901, 2889)
    >>> [round(x) for x in sim.interval(0.9)], round(sim.percentile(75))
    ([1168, 4705], 3670)
    >>> sim.per_family.shape, round(float(sim.total[0]))
    ((1000,), 36459)
    """

    cohort: str
    total: NDArray[np.float64] = attrs.field(converter=_frozen)
    families: int
    percentiles: dict[float, float]
    seed: int | None
    central: float | None = None

    @property
    def n(self) -> int:
        """Number of draws."""
        return len(self.total)

    @property
    def median(self) -> float:
        """Median savings per family."""
        return self.percentile(50)

    @property
    def note(self) -> str:
        """Why the simulated median and mean differ from the central estimate (empty if no central)."""
        if self.central is None:
            return ""
        return _central_note(self.central, self.median, self.mean)

    @property
    def per_family(self) -> NDArray[np.float64]:
        """Savings per family, one per draw."""
        return self.total / self.families

    @property
    def mean(self) -> float:
        """Mean savings per family."""
        return float(self.total.mean()) / self.families

    def percentile(self, q: float) -> float:
        """Return the *q*-th percentile (0-100) of savings per family."""
        return float(np.percentile(self.total, q)) / self.families

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """Central interval of savings per family holding *level* of the draws."""
        lo = 50 * (1 - level)
        return self.percentile(lo), self.percentile(100 - lo)

    def draws_frame(self) -> Any:
        """Return the draws as a pandas DataFrame: columns ``total`` and ``per_family``; needs pandas.

        Built column-wise from the arrays (a million draws take about a
        hundredth of a second); ``to_frame()`` is the percentile summary.
        """
        return column_frame({"total": self.total, "per_family": self.per_family})

    def _table(self) -> ResultTable:
        qs = list(self.percentiles)
        totals = np.percentile(self.total, qs) if qs else np.empty(0)
        mean_total = float(self.total.mean())
        columns = ("quantity", "mean", *(_percentile_column(q) for q in qs))
        return ResultTable(
            columns,
            [
                ("total", mean_total, *(float(v) for v in totals)),
                ("per_family", mean_total / self.families, *self.percentiles.values()),
            ],
            caption=self.summary(),
            headers=("Quantity", "Mean", *(f"{q:g}%" for q in qs)),
            formats=dict.fromkeys(columns[1:], "money"),
        )

    def summary(self) -> str:
        """Return the mean and 95% interval per family, the cohort size and the draws."""
        lo, hi = self.interval()
        seed = "" if self.seed is None else f", seed {self.seed}"
        return (
            f"{self.cohort}: mean {fmt_money(self.mean, 2)} per family ({self.families} "
            f"{'family' if self.families == 1 else 'families'}), 95% interval "
            f"{fmt_money(lo)} to {fmt_money(hi)} ({self.n:,} draws{seed})"
            + (
                ""
                if self.central is None
                else f"; central estimate {fmt_money(self.central, 2)}, "
                f"median {fmt_money(self.median, 2)}"
            )
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as plain JSON types (the draws are left out; use ``.total``)."""
        data: dict[str, Any] = json_safe(
            {
                "cohort": self.cohort,
                "n": self.n,
                "families": self.families,
                "seed": self.seed,
                "mean_per_family": self.mean,
                "median_per_family": self.median,
                "central_per_family": self.central,
                "note": self.note,
                "percentiles_per_family": {str(k): v for k, v in self.percentiles.items()},
            }
        )
        return data

    def __repr__(self) -> str:
        lo, hi = self.interval()
        return (
            f"SimulationResult({self.cohort!r}, n={self.n}, mean_per_family={fmt_money(self.mean)}, "
            f"95% interval=[{fmt_money(lo)}, {fmt_money(hi)}])"
        )


def _central_note(central: float, median: float, mean: float) -> str:
    """Explain the gap between the Monte Carlo median/mean and the central estimate."""
    if central == 0:
        return "central estimate is 0"
    return (
        f"median {100 * (median / central - 1):+.1f}% and mean {100 * (mean / central - 1):+.1f}% "
        "from the central estimate: with sampling, each improvement rate is drawn from "
        "Beta(k+1, m-k+1), whose mean (k+1)/(m+2) lies between the observed rate k/m and 1/2, "
        "so rates above one half are drawn lower and rates below it higher (an outcome on which every "
        "family with it improved, k = m, is drawn at m(m+1)/(m+2) < m on average); the "
        "savings-weighted net effect and the skew of a sum of beta-binomial counts move the "
        "median. The central estimate uses the observed counts; report both"
    )


def _pair(name: str, value: object) -> tuple[object, object]:
    """Return a (low, high) pair given as a tuple or list of two items, or raise."""
    if not isinstance(value, tuple | list) or len(value) != 2:
        kind = type_name(value)
        msg = f"{name} must be a pair (low, high), not {kind}: {show_value(value)}"
        raise InputTypeError(msg)
    return value[0], value[1]


def _range(name: str, value: object) -> tuple[float, float] | None:
    if value is None:
        return None
    low, high = _pair(name, value)
    lo = check_share(low, f"{name}[0]", error=ModelError)
    hi = check_share(high, f"{name}[1]", error=ModelError)
    if lo > hi:
        msg = f"{name} must be a range (low, high) with 0 <= low <= high <= 1: {show_value(value)}"
        raise ModelError(msg)
    return lo, hi


#: Float64 arrays of one chunk's shape that simulate holds at once, for the
#: memory check: drawn savings and counts, the rates and integer counts while
#: drawing, two steps of the saving chain (it keeps one step at a time) and a
#: temporary; about 57 MB in all for a million draws over 8 outcomes.
_CHUNK_ARRAYS = 6


def simulate(
    model: SavingModel,
    cohort: Cohort,
    n: int = 10_000,
    seed: int | None = None,
    proxy_spread: float = 0.2,
    sampling: bool = True,
    *,
    attribution_range: tuple[float, float] | None = None,
    deadweight_range: tuple[float, float] | None = None,
    chunk_size: int = 200_000,
    percentiles: Sequence[float] = _PERCENTILES,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    r"""Monte Carlo distribution of a cohort's savings per family.

    Parameters
    ----------
    model : SavingModel
        The central model.
    cohort : Cohort
        The cohort.
    n : int
        Number of draws, a whole number from 1 to 10,000,000 (numpy integers
        accepted).
    seed : int, optional
        Seed for `numpy.random.default_rng`: None, a whole number >= 0,
        or a numpy ``Generator`` or ``SeedSequence``; equal seeds give equal draws.
    proxy_spread : float
        Each proxy saving $s$ is drawn, independently per outcome, from a
        triangular distribution on $[s(1-w), s(1+w)]$ with mode
        $s$, where $w$ is *proxy_spread* in [0, 1].
    sampling : bool
        Add sampling uncertainty in improvement rates: for each outcome the
        rate is drawn from $\mathrm{Beta}(k+1, m-k+1)$ (uniform prior;
        $k$ improved of $m$ potential, or of the cohort's families
        when no potential is given) and the improved count from
        $\mathrm{Binomial}(m, p)$: a beta-binomial.
    attribution_range, deadweight_range : (low, high), optional
        Draw the parameter uniformly from this range of shares instead of fixing it.
    chunk_size : int
        Draws computed at once (>= 1); memory is bounded by about
        ``chunk_size × outcomes × 8`` bytes per array.
    percentiles : sequence of float
        Percentiles (0 to 100) of savings per family to report.
    progress : callable, optional
        Called as ``progress(done, n)`` after each chunk (the command line
        uses it for a progress bar).

    Returns
    -------
    SimulationResult
        Its ``seed`` is the whole-number seed given, or None (no seed, or a
        ``Generator``/``SeedSequence``).

    Raises
    ------
    InputTypeError
        (a ``TypeError``) for an argument of the wrong type: *model* or
        *cohort*, a number given as ``bool`` or text, a *seed* that is not
        None, a whole number or a numpy generator (the message names
        ``seed``), a range that is not a pair, *sampling* that is not
        ``True``/``False``, *progress* that is not callable.
    ModelError
        (a ``ValueError``) for *n* or *chunk_size* below 1 or not whole, a
        share or range outside [0, 1], a percentile outside [0, 100].
    LimitExceededError
        If *n* is above 10,000,000 or a chunk would need more than the memory
        limit, before anything is allocated.
    KeyError
        (`MissingOutcomeError`) if an outcome of the cohort has no proxy.

    Notes
    -----
    Every draw applies the model's formula (the same saving chain as
    [`SavingModel.evaluate`][safecore.cost.model.SavingModel.evaluate], over a draws axis) to drawn
    proxies, counts and parameters; with ``proxy_spread=0``, ``sampling=False`` and no ranges every
    draw equals [`SavingModel.evaluate`][safecore.cost.model.SavingModel.evaluate]'s total exactly.

    Draws are taken chunk by chunk in a fixed order (proxy savings, rates,
    counts, attribution, deadweight), so equal seeds and equal chunk sizes
    give equal draws; another *chunk_size* gives another stream of draws
    from the same distribution.

    Examples
    --------
    >>> from safecore.cost import SavingModel, simulate
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
    >>> simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=2000, seed=1)
    SimulationResult('Engaged', n=2000, mean_per_family=£13,387, 95% interval=[£9,393, £16,627])
    """
    _check_model(model)
    _check_cohort(cohort)
    draws = check_draws(n, "n", error=ModelError)
    rng_seed = check_seed(seed)
    spread = check_share(proxy_spread, "proxy_spread", error=ModelError)
    check_instance(sampling, (bool, np.bool_), "sampling", "True or False")
    chunk = check_whole(chunk_size, "chunk_size", minimum=1, maximum=None, error=ModelError)
    given: object = percentiles  # typed for callers; checked here for everyone else
    if isinstance(given, str) or not isinstance(given, Sequence):
        kind = type_name(given)
        msg = f"percentiles must be a sequence of numbers, not {kind}: {show_value(given)}"
        raise InputTypeError(msg)
    qs = [
        check_real(q, f"percentiles[{i}]", minimum=0, maximum=100, error=ModelError)
        for i, q in enumerate(percentiles)
    ]
    hook: object = progress
    if hook is not None and not callable(hook):
        msg = f"progress must be callable or None, not {type_name(hook)}: {show_value(hook)}"
        raise InputTypeError(msg)
    attr_r = _range("attribution_range", attribution_range)
    dead_r = _range("deadweight_range", deadweight_range)
    keys, improved, saving = model._arrays(cohort)
    k = len(keys)
    check_allocation(
        8.0 * draws + 8.0 * _CHUNK_ARRAYS * min(chunk, draws) * max(k, 1),
        f"simulate(n={draws:,}, chunk_size={chunk:,}) over {k} outcomes",
    )
    potential = np.array(
        [cohort.families if cohort.potential is None else cohort.potential[key] for key in keys],
        dtype=np.int64,
    )
    rng = np.random.default_rng(rng_seed)
    total = np.empty(draws, dtype=np.float64)
    for start in range(0, draws, chunk):
        m = min(chunk, draws - start)
        # the draws, in this order (the order fixes the stream a seed gives): proxy savings,
        # improvement rates, improved counts, attribution, deadweight
        if spread > 0:
            sav = saving * (1.0 + spread * rng.triangular(-1.0, 0.0, 1.0, size=(m, k)))
        else:
            sav = np.broadcast_to(saving, (m, k))
        if sampling:
            rate = rng.beta(improved + 1.0, potential - improved + 1.0, size=(m, k))
            imp = rng.binomial(potential, rate).astype(np.float64)
            del rate
        else:
            imp = np.broadcast_to(improved, (m, k))
        attr = rng.uniform(*attr_r, size=m) if attr_r else None
        dead = rng.uniform(*dead_r, size=m) if dead_r else None
        total[start : start + m] = model._net(
            imp, sav, keys=keys, attribution=attr, deadweight=dead
        ).sum(axis=1)
        del sav, imp
        if progress is not None:
            progress(start + m, draws)
    pcts = np.percentile(total, qs) / cohort.families
    return SimulationResult(
        cohort=cohort.name,
        total=total,
        families=cohort.families,
        percentiles={q: float(v) for q, v in zip(qs, pcts, strict=True)},
        seed=rng_seed if isinstance(rng_seed, int) else None,
        central=model.evaluate(cohort).per_family,
    )


_SENSITIVITY_COLUMNS = ("parameter", "low", "high", "per_family_low", "per_family_high", "swing")
_SENSITIVITY_HEADERS = (
    "Parameter",
    "Low",
    "High",
    "Per family (low)",
    "Per family (high)",
    "Swing",
)
_SENSITIVITY_FORMATS = {
    "low": ",.6g",
    "high": ",.6g",
    "per_family_low": "money",
    "per_family_high": "money",
    "swing": "money",
}


@attrs.frozen(slots=True, repr=False, eq=False)
class SensitivityRow(Result):
    """Savings per family with one parameter at its low and its high value.

    Examples
    --------
    >>> SensitivityRow("attribution", 0.5, 1.0, 7522.96, 15045.92)
    SensitivityRow('attribution', 0.5 -> £7,523, 1 -> £15,046, swing=£7,523)
    """

    parameter: str
    low: float
    high: float
    per_family_low: float
    per_family_high: float

    @property
    def swing(self) -> float:
        """``|per_family_high - per_family_low|``."""
        return abs(self.per_family_high - self.per_family_low)

    def _cells(self) -> tuple[Any, ...]:
        return (
            self.parameter,
            self.low,
            self.high,
            self.per_family_low,
            self.per_family_high,
            self.swing,
        )

    def _table(self) -> ResultTable:
        return ResultTable(
            _SENSITIVITY_COLUMNS,
            [self._cells()],
            caption=f"Sensitivity to {self.parameter}",
            headers=_SENSITIVITY_HEADERS,
            formats=_SENSITIVITY_FORMATS,
        )

    def summary(self) -> str:
        """Return the savings per family at both ends and the swing."""
        return (
            f"{self.parameter}: {fmt_money(self.per_family_low)} per family at {self.low:,.6g}, "
            f"{fmt_money(self.per_family_high)} at {self.high:,.6g} (swing {fmt_money(self.swing)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the fields and the swing as plain JSON types."""
        data: dict[str, Any] = json_safe(dict(zip(_SENSITIVITY_COLUMNS, self._cells(), strict=True)))
        return data

    def __repr__(self) -> str:
        return (
            f"SensitivityRow({self.parameter!r}, {self.low:,.6g} -> {fmt_money(self.per_family_low)}, "
            f"{self.high:,.6g} -> {fmt_money(self.per_family_high)}, swing={fmt_money(self.swing)})"
        )


@attrs.frozen(slots=True, repr=False, eq=False)
class Sensitivity(Result):
    """One-way sensitivity (tornado) data, rows sorted by swing, largest first.

    Attributes
    ----------
    base : float
        Savings per family of the central model.
    rows : tuple of SensitivityRow
        One per parameter and per proxy varied.

    Notes
    -----
    ``to_frame()`` has one row per parameter: ``parameter, low, high,
    per_family_low, per_family_high, swing``.

    Examples
    --------
    [`sensitivity`][safecore.cost.uncertainty.sensitivity] returns one; here attribution from
    50% to 100% and each proxy ±20%:

    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel, sensitivity
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> s = sensitivity(SavingModel(proxies), cohort, ranges={"attribution": (0.5, 1.0)})
    >>> print(s)
    One-way sensitivity around £2,902.08 per family; largest swing: attribution (£1,451)
    Parameter                 Low     High  Per family (low)  Per family (high)   Swing
    attribution               0.5        1            £1,451             £2,902  £1,451
    proxy: Housing          6,216    9,324            £2,514             £3,291    £777
    proxy: Mental Health  1,842.4  2,763.6            £2,710             £3,094    £384
    >>> round(s.base, 2), [r.parameter for r in s.rows]
    (2902.08, ['attribution', 'proxy: Housing', 'proxy: Mental Health'])
    >>> top = s.rows[0]
    >>> top.low, top.high, round(top.per_family_low, 2), round(top.swing, 2)
    (0.5, 1.0, 1451.04, 1451.04)
    """

    base: float
    rows: tuple[SensitivityRow, ...]

    def _table(self) -> ResultTable:
        return ResultTable(
            _SENSITIVITY_COLUMNS,
            [r._cells() for r in self.rows],
            caption=self.summary(),
            headers=_SENSITIVITY_HEADERS,
            formats=_SENSITIVITY_FORMATS,
        )

    def summary(self) -> str:
        """Return the base savings per family and the parameter with the largest swing."""
        line = f"One-way sensitivity around {fmt_money(self.base, 2)} per family"
        if not self.rows:
            return line + " (nothing varied)"
        top = self.rows[0]
        return f"{line}; largest swing: {top.parameter} ({fmt_money(top.swing)})"

    def to_dict(self) -> dict[str, Any]:
        """Return the base savings per family and every row with its swing, as plain JSON types."""
        data: dict[str, Any] = json_safe(
            {"base_per_family": self.base, "rows": [r.to_dict() for r in self.rows]}
        )
        return data

    def __repr__(self) -> str:
        top = ", ".join(f"{r.parameter}: {fmt_money(r.swing)}" for r in self.rows[:3])
        return f"Sensitivity(base={fmt_money(self.base)}, rows={len(self.rows)}, largest=[{top}])"


_DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "attribution": (0.5, 1.0),
    "deadweight": (0.0, 0.5),
    "displacement": (0.0, 0.25),
    "optimism_bias": (0.0, 0.4),
    "drop_off": (0.0, 0.5),
    "discount_rate": (0.0, 0.07),
}


def _variant(model: SavingModel, name: str, value: float) -> SavingModel:
    """Return the model with one parameter set.

    A model field, every proxy's lag or duration, or ``grade_table`` (the
    model's optimism-bias table with every correction times *value*).
    """
    if name in ("lag", "duration"):
        return with_every_proxy(model, **{name: value})
    if name == "grade_table":
        if model.grade_table is None:
            msg = "grade_table: the model has no grade_table to vary"
            raise ModelError(msg)
        return attrs.evolve(model, grade_table=model.grade_table.scaled(value))
    return attrs.evolve(model, **cast("dict[str, Any]", {name: value}))


def sensitivity(
    model: SavingModel,
    cohort: Cohort,
    *,
    ranges: Mapping[str, tuple[float, float]] | None = None,
    proxy_spread: float = 0.2,
) -> Sensitivity:
    """One-way sensitivity of savings per family to each parameter and each proxy.

    Parameters
    ----------
    model, cohort
        The central case.
    ranges : mapping of parameter name to (low, high), optional
        Defaults: attribution 0.5–1, deadweight 0–0.5, displacement 0–0.25,
        optimism_bias 0–0.4, drop_off 0–0.5, discount_rate 0–7%. Any
        [`SavingModel`][safecore.cost.model.SavingModel] parameter may be named, and also ``"lag"`` and
        ``"duration"`` (whole years, set on every proxy) and
        ``"grade_table"`` (a factor on every correction of the model's
        optimism-bias table, e.g. ``(0, 2)``: no correction to twice it,
        capped at 1).
    proxy_spread : float
        Each proxy is also varied by ±this share, in [0, 1].

    Returns
    -------
    Sensitivity
        Rows sorted by swing, largest first (the order of a tornado chart).

    Raises
    ------
    InputTypeError
        (a ``TypeError``) if *model* or *cohort* has the wrong type, *ranges*
        is not a mapping, a range is not a pair of numbers, or *proxy_spread*
        is not a number.
    ModelError
        (a ``ValueError``) for an unknown parameter name, a value the
        parameter does not accept (the message names ``ranges[name]``), or
        *proxy_spread* outside [0, 1].
    LimitExceededError
        For a ``years`` value above 1,000.
    KeyError
        (`MissingOutcomeError`) if an outcome of the cohort has no proxy.

    Examples
    --------
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
    >>> s = sensitivity(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED)
    >>> s.rows[0].parameter
    'attribution'
    """
    _check_model(model)
    _check_cohort(cohort)
    spread = check_share(proxy_spread, "proxy_spread", error=ModelError)
    chosen: object = _DEFAULT_RANGES if ranges is None else ranges
    if not isinstance(chosen, Mapping):
        kind = type_name(chosen)
        msg = f"ranges must map parameter names to (low, high), not {kind}: {show_value(chosen)}"
        raise InputTypeError(msg)
    parameters = [
        *(
            f.name
            for f in attrs.fields(SavingModel)
            if f.name not in ("proxies", "allow_mixed_price_years")
        ),
        "lag",
        "duration",
    ]
    models: list[tuple[str, float, float, SavingModel, SavingModel]] = []
    for name, pair in chosen.items():
        if name not in parameters:
            msg = f"unknown parameter {name!r} in ranges (parameters: {', '.join(parameters)})"
            raise ModelError(msg)
        label = f"ranges[{name!r}]"
        low, high = _pair(label, pair)
        lo = check_real(low, f"{label}[0]", error=ModelError)
        hi = check_real(high, f"{label}[1]", error=ModelError)
        try:
            variants = [_variant(model, name, v) for v in (lo, hi)]
        except SafecoreError as exc:
            raise type(exc)(f"{label}: {exc}") from None
        models.append((name, lo, hi, variants[0], variants[1]))
    base = model.evaluate(cohort).per_family
    rows = [
        SensitivityRow(name, lo, hi, m_lo.evaluate(cohort).per_family, m_hi.evaluate(cohort).per_family)
        for name, lo, hi, m_lo, m_hi in models
    ]
    for key in model.proxies.keys():  # noqa: SIM118 - ProxyTable, not dict
        if key not in cohort.improved:
            continue
        saving = model.proxies[key].saving
        values = [model._evaluate(cohort, (key, f)).per_family for f in (1 - spread, 1 + spread)]
        rows.append(
            SensitivityRow(
                f"proxy: {_label(key)}", saving * (1 - spread), saving * (1 + spread), *values
            )
        )
    rows.sort(key=lambda r: (-r.swing, r.parameter))
    return Sensitivity(base, tuple(rows))


_COMPARISON_QUANTITIES = ("a_per_family", "b_per_family", "difference", "npv", "bcr")


@attrs.frozen(slots=True, repr=False, eq=False)
class ComparisonSimulation(Result):
    """Joint Monte Carlo draws of two cohorts: their difference and, with costs, NPV and BCR.

    Both cohorts are drawn in the same draw: one proxy saving per outcome and
    one attribution and deadweight value per draw serve both (common random
    numbers), while each cohort's improvement counts are sampled on their
    own. So the difference's distribution keeps what the cohorts share.

    Attributes
    ----------
    a, b : str
        The cohorts' names.
    a_families, b_families : int
    a_per_family, b_per_family : ndarray, shape (n,)
        Savings per family (present value over the benefit period), per draw.
    pv_costs : float or None
        Present value of the costs given (None without costs).
    central_difference : float
        ``model.compare(a, b).difference_per_family``.
    percentiles : tuple of float
    seed : int or None

    Notes
    -----
    With costs, the programme's benefit in a draw is the difference per
    family times *a*'s families (what cohort *a* gained over *b*'s rate),
    ``npv = benefit - pv_costs`` and ``bcr = benefit / pv_costs``.
    ``to_frame()`` has one row per quantity (``a_per_family``,
    ``b_per_family``, ``difference``, and ``npv``, ``bcr`` with costs):
    ``central``, ``mean``, then one column per percentile.

    Examples
    --------
    [`simulate_comparison`][safecore.cost.uncertainty.simulate_comparison] returns one: engaged
    against disengaged families, with £1,500 per engaged family spent in year 0:

    >>> from safecore.cost import Cohort, Costs, Proxy, ProxyTable, SavingModel, simulate_comparison
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> disengaged = Cohort("Disengaged", families=25, improved={"housing": 2, "mental_health": 4},
    ...                     potential={"housing": 10, "mental_health": 15})
    >>> sim = simulate_comparison(SavingModel(proxies), engaged, disengaged, Costs([12 * 1_500]),
    ...                           n=1000, seed=1)
    >>> sim
    ComparisonSimulation('Engaged' − 'Disengaged', n=1000, mean_difference=£1,720)
    >>> round(sim.central_difference, 2), round(float(sim.difference.mean()), 2), sim.pv_costs
    (1912.0, 1720.06, 18000.0)
    >>> sim.probability_bcr_above_1
    0.588
    >>> import numpy as np
    >>> [round(float(x)) for x in np.percentile(sim.npv, [2.5, 97.5])]
    [-26184, 29618]
    """

    a: str
    b: str
    a_families: int
    b_families: int
    a_per_family: NDArray[np.float64] = attrs.field(converter=_frozen)
    b_per_family: NDArray[np.float64] = attrs.field(converter=_frozen)
    pv_costs: float | None
    central_difference: float
    percentiles: tuple[float, ...]
    seed: int | None
    central_a: float = math.nan
    central_b: float = math.nan

    @property
    def n(self) -> int:
        """Number of draws."""
        return len(self.a_per_family)

    @property
    def difference(self) -> NDArray[np.float64]:
        """``a_per_family - b_per_family``, per draw."""
        out: NDArray[np.float64] = self.a_per_family - self.b_per_family
        return out

    @property
    def benefit(self) -> NDArray[np.float64]:
        """The programme's benefit per draw: difference per family × *a*'s families."""
        out: NDArray[np.float64] = self.difference * self.a_families
        return out

    @property
    def npv(self) -> NDArray[np.float64] | None:
        """``benefit - pv_costs`` per draw (None without costs)."""
        return None if self.pv_costs is None else self.benefit - self.pv_costs

    @property
    def bcr(self) -> NDArray[np.float64] | None:
        """``benefit / pv_costs`` per draw (None without costs or with zero costs)."""
        if self.pv_costs is None or self.pv_costs <= 0:
            return None
        out: NDArray[np.float64] = self.benefit / self.pv_costs
        return out

    @property
    def probability_bcr_above_1(self) -> float | None:
        """Share of draws whose BCR exceeds 1 (NPV > 0); None without costs."""
        if self.pv_costs is None:
            return None
        return float(np.mean(self.benefit > self.pv_costs))

    def _central(self, name: str) -> float:
        central = {
            "a_per_family": self.central_a,
            "b_per_family": self.central_b,
            "difference": self.central_difference,
        }
        if name in central:
            return central[name]
        benefit = self.central_difference * self.a_families
        assert self.pv_costs is not None  # noqa: S101 - only asked for with costs
        if name == "npv":
            return benefit - self.pv_costs
        return benefit / self.pv_costs  # "bcr" is only a quantity when pv_costs > 0

    def _quantities(self) -> dict[str, NDArray[np.float64]]:
        out = {
            "a_per_family": self.a_per_family,
            "b_per_family": self.b_per_family,
            "difference": self.difference,
        }
        npv, bcr = self.npv, self.bcr
        if npv is not None:
            out["npv"] = npv
        if bcr is not None:
            out["bcr"] = bcr
        return out

    @property
    def note(self) -> str:
        """Why the simulated median differs from the central difference."""
        d = self.difference
        return _central_note(self.central_difference, float(np.median(d)), float(d.mean()))

    def _table(self) -> ResultTable:
        qs = list(self.percentiles)
        rows = []
        for name, draws in self._quantities().items():
            pct = np.percentile(draws, qs) if qs else np.empty(0)
            rows.append((name, self._central(name), float(draws.mean()), *(float(v) for v in pct)))
        pcols = tuple(_percentile_column(q) for q in qs)
        return ResultTable(
            ("quantity", "central", "mean", *pcols),
            rows,
            caption=self.summary(),
            headers=("Quantity", "Central", "Mean", *(f"{q:g}%" for q in qs)),
            formats=dict.fromkeys(("central", "mean", *pcols), ",.2f"),
        )

    def summary(self) -> str:
        """Return the difference's mean and 95% interval and, with costs, P(BCR > 1)."""
        d = self.difference
        lo, hi = np.percentile(d, [2.5, 97.5])
        line = (
            f"{self.a} − {self.b}: mean {fmt_money(float(d.mean()), 2)} per family, 95% interval "
            f"{fmt_money(float(lo))} to {fmt_money(float(hi))} (central "
            f"{fmt_money(self.central_difference, 2)}, {self.n:,} joint draws)"
        )
        p = self.probability_bcr_above_1
        if p is not None:
            line += f"; P(BCR > 1) = {p:.3f}"
        return line

    def to_dict(self) -> dict[str, Any]:
        """Return the summary table's numbers, P(BCR > 1) and the note (draws left out)."""
        table = self._table()
        data: dict[str, Any] = json_safe(
            {
                "a": self.a,
                "b": self.b,
                "n": self.n,
                "seed": self.seed,
                "pv_costs": self.pv_costs,
                "probability_bcr_above_1": self.probability_bcr_above_1,
                "note": self.note,
                "quantities": [dict(zip(table.columns, r, strict=True)) for r in table.rows],
            }
        )
        return data

    def __repr__(self) -> str:
        return (
            f"ComparisonSimulation({self.a!r} − {self.b!r}, n={self.n}, "
            f"mean_difference={fmt_money(float(self.difference.mean()))})"
        )


def simulate_comparison(
    model: SavingModel,
    a: Cohort,
    b: Cohort,
    costs: Costs | None = None,
    n: int = 10_000,
    seed: int | None = None,
    proxy_spread: float = 0.2,
    sampling: bool = True,
    *,
    attribution_range: tuple[float, float] | None = None,
    deadweight_range: tuple[float, float] | None = None,
    chunk_size: int = 200_000,
    percentiles: Sequence[float] = _PERCENTILES,
) -> ComparisonSimulation:
    """Draw cohorts *a* and *b* jointly: the difference per family and, with *costs*, NPV and BCR.

    The options are those of [`simulate`][safecore.cost.uncertainty.simulate]. In each draw the proxy
    savings and any drawn attribution and deadweight are common to both
    cohorts; improvement counts are drawn per cohort. The mean of the
    difference is the difference of the two means (the same draws).

    Parameters
    ----------
    model : SavingModel
    a, b : Cohort
        E.g. engaged and disengaged families.
    costs : Costs, optional
        Programme costs for *a*'s families, discounted at the model's rate.

    Returns
    -------
    ComparisonSimulation

    Examples
    --------
    >>> from safecore.cost import SavingModel, Costs
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED
    >>> sim = simulate_comparison(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED,
    ...                           SAFECORE_2020_DISENGAGED, Costs([12 * 19_719.10]), n=4_000, seed=3)
    >>> round(sim.central_difference, 2), sim.probability_bcr_above_1 < 0.05
    (5572.96, True)
    """
    _check_model(model)
    _check_cohort(a)
    _check_cohort(b)
    given_costs: object = costs  # typed for callers; checked here for everyone else
    if given_costs is not None and not isinstance(given_costs, Costs):
        kind = type_name(given_costs)
        msg = f"costs must be a Costs or None, not {kind}: {show_value(given_costs)}"
        raise InputTypeError(msg)
    draws = check_draws(n, "n", error=ModelError)
    rng_seed = check_seed(seed)
    spread = check_share(proxy_spread, "proxy_spread", error=ModelError)
    check_instance(sampling, (bool, np.bool_), "sampling", "True or False")
    chunk = check_whole(chunk_size, "chunk_size", minimum=1, maximum=None, error=ModelError)
    given: object = percentiles
    if isinstance(given, str) or not isinstance(given, Sequence):
        msg = f"percentiles must be a sequence of numbers, not {type_name(given)}"
        raise InputTypeError(msg)
    qs = tuple(
        check_real(q, f"percentiles[{i}]", minimum=0, maximum=100, error=ModelError)
        for i, q in enumerate(percentiles)
    )
    attr_r = _range("attribution_range", attribution_range)
    dead_r = _range("deadweight_range", deadweight_range)
    arrays = [model._arrays(c) for c in (a, b)]
    all_keys = tuple(k for k in model.proxies.keys() if any(k in ks for ks, _, _ in arrays))  # noqa: SIM118
    all_saving = np.array([model.proxies[k].saving for k in all_keys])
    kk = len(all_keys)
    check_allocation(
        16.0 * draws + 8.0 * 2 * _CHUNK_ARRAYS * min(chunk, draws) * max(kk, 1),
        f"simulate_comparison(n={draws:,}, chunk_size={chunk:,}) over {kk} outcomes",
    )
    index = [np.array([all_keys.index(k) for k in ks], dtype=np.intp) for ks, _, _ in arrays]
    potentials = [
        np.array([c.families if c.potential is None else c.potential[k] for k in ks], dtype=np.int64)
        for c, (ks, _, _) in zip((a, b), arrays, strict=True)
    ]
    rng = np.random.default_rng(rng_seed)
    totals = [np.empty(draws), np.empty(draws)]
    for start in range(0, draws, chunk):
        m = min(chunk, draws - start)
        if spread > 0:
            sav_all = all_saving * (1.0 + spread * rng.triangular(-1.0, 0.0, 1.0, size=(m, kk)))
        else:
            sav_all = np.broadcast_to(all_saving, (m, kk))
        attr = rng.uniform(*attr_r, size=m) if attr_r else None
        dead = rng.uniform(*dead_r, size=m) if dead_r else None
        for j, ((keys, improved, _), idx, pot) in enumerate(zip(arrays, index, potentials, strict=True)):
            sav = sav_all[:, idx]
            if sampling:
                rate = rng.beta(improved + 1.0, pot - improved + 1.0, size=(m, len(keys)))
                imp = rng.binomial(pot, rate).astype(np.float64)
            else:
                imp = np.broadcast_to(improved, (m, len(keys)))
            net = model._net(imp, sav, keys=keys, attribution=attr, deadweight=dead)
            totals[j][start : start + m] = net.sum(axis=1)
    pv_costs = None
    if costs is not None:
        pv_costs = float(costs.per_year() @ discount_factors(costs.years, model.discount_rate))
    central = model.compare(a, b)
    return ComparisonSimulation(
        a=a.name,
        b=b.name,
        a_families=a.families,
        b_families=b.families,
        a_per_family=totals[0] / a.families,
        b_per_family=totals[1] / b.families,
        pv_costs=pv_costs,
        central_difference=central.difference_per_family,
        percentiles=qs,
        seed=rng_seed if isinstance(rng_seed, int) else None,
        central_a=central.a.per_family,
        central_b=central.b.per_family,
    )
