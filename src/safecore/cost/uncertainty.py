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
)
from safecore.cost.cohorts import Cohort
from safecore.cost.model import SavingModel, _check_cohort, _check_model, _label

__all__ = ["Sensitivity", "SensitivityRow", "SimulationResult", "sensitivity", "simulate"]

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
    ``to_frame()`` is the summary table: one row per quantity (``total``,
    ``per_family``) with its ``mean`` and one column per percentile
    (``p2_5``, ``p50``, ...). The draws themselves are ``total`` and
    :attr:`per_family`; :meth:`draws_frame` puts them in a DataFrame.
    """

    cohort: str
    total: NDArray[np.float64] = attrs.field(converter=_frozen)
    families: int
    percentiles: dict[float, float]
    seed: int | None

    @property
    def n(self) -> int:
        """Number of draws."""
        return len(self.total)

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


def _pair(name: str, value: object) -> tuple[object, object]:
    """Return a (low, high) pair given as a tuple or list of two items, or raise."""
    if not isinstance(value, tuple | list) or len(value) != 2:
        kind = type(value).__name__
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
        Seed for :func:`numpy.random.default_rng`: None, a whole number >= 0,
        or a numpy ``Generator`` or ``SeedSequence``; equal seeds give equal draws.
    proxy_spread : float
        Each proxy saving :math:`s` is drawn, independently per outcome, from a
        triangular distribution on :math:`[s(1-w), s(1+w)]` with mode
        :math:`s`, where :math:`w` is *proxy_spread* in [0, 1].
    sampling : bool
        Add sampling uncertainty in improvement rates: for each outcome the
        rate is drawn from :math:`\mathrm{Beta}(k+1, m-k+1)` (uniform prior;
        :math:`k` improved of :math:`m` potential, or of the cohort's families
        when no potential is given) and the improved count from
        :math:`\mathrm{Binomial}(m, p)`: a beta-binomial.
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
        (:class:`MissingOutcomeError`) if an outcome of the cohort has no proxy.

    Notes
    -----
    Every draw applies the model's formula (the same saving chain as
    :meth:`SavingModel.evaluate`, over a draws axis) to drawn proxies, counts
    and parameters; with ``proxy_spread=0``, ``sampling=False`` and no ranges
    every draw equals :meth:`SavingModel.evaluate`'s total exactly.

    Draws are taken chunk by chunk in a fixed order (proxy savings, rates,
    counts, attribution, deadweight), so equal seeds and equal chunk sizes
    give equal draws; another *chunk_size* gives another stream of draws
    from the same distribution.
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
        kind = type(given).__name__
        msg = f"percentiles must be a sequence of numbers, not {kind}: {show_value(given)}"
        raise InputTypeError(msg)
    qs = [
        check_real(q, f"percentiles[{i}]", minimum=0, maximum=100, error=ModelError)
        for i, q in enumerate(percentiles)
    ]
    hook: object = progress
    if hook is not None and not callable(hook):
        msg = f"progress must be callable or None, not {type(hook).__name__}: {show_value(hook)}"
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
        total[start : start + m] = model._net(imp, sav, attribution=attr, deadweight=dead).sum(axis=1)
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
        :class:`SavingModel` parameter may be named.
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
        (:class:`MissingOutcomeError`) if an outcome of the cohort has no proxy.

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
        kind = type(chosen).__name__
        msg = f"ranges must map parameter names to (low, high), not {kind}: {show_value(chosen)}"
        raise InputTypeError(msg)
    parameters = [f.name for f in attrs.fields(SavingModel) if f.name != "proxies"]
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
            variants = [attrs.evolve(model, **cast("dict[str, Any]", {name: v})) for v in (lo, hi)]
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
