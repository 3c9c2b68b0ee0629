"""Uncertainty in the saving model: Monte Carlo simulation and one-way sensitivity.

Examples
--------
>>> from safecore.cost import SAFECORE_2020_ENGAGED, SavingModel, simulate
>>> sim = simulate(SavingModel(), SAFECORE_2020_ENGAGED, n=20_000, seed=1)
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

from safecore._format import frame, html_table, markdown_table, text_table
from safecore.cost.model import Cohort, ModelError, SavingModel, _label, _money
from safecore.cost.proxies import Proxy

__all__ = ["Sensitivity", "SensitivityRow", "SimulationResult", "sensitivity", "simulate"]

_PERCENTILES = (2.5, 5.0, 25.0, 50.0, 75.0, 95.0, 97.5)


def _frozen(a: NDArray[np.float64]) -> NDArray[np.float64]:
    a.setflags(write=False)
    return a


@attrs.frozen(slots=True, repr=False, eq=False)
class SimulationResult:
    """Monte Carlo draws of a cohort's savings.

    Attributes
    ----------
    total : ndarray, shape (n,)
        Net savings of the cohort, one per draw.
    families : int
        Cohort size (``per_family = total / families``).
    percentiles : dict of float to float
        Percentiles of savings per family.
    seed : int or None
        The seed used.
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

    def to_dict(self) -> dict[str, Any]:
        """Summary as plain Python (the draws are left out; use ``.total``)."""
        return {
            "cohort": self.cohort,
            "n": self.n,
            "families": self.families,
            "seed": self.seed,
            "mean_per_family": self.mean,
            "percentiles_per_family": {str(k): v for k, v in self.percentiles.items()},
        }

    def to_frame(self) -> Any:
        """Return the draws (total and per family) as a pandas DataFrame; needs pandas."""
        return frame([{"total": t, "per_family": t / self.families} for t in self.total.tolist()])

    def _repr_html_(self) -> str:
        rows = [[f"{q:g}%", _money(v)] for q, v in self.percentiles.items()]
        return html_table(
            ["Percentile", "Per family"],
            rows,
            f"{self.cohort}: {self.n:,} draws, mean {_money(self.mean)}",
        )

    def __repr__(self) -> str:
        lo, hi = self.interval()
        return (
            f"SimulationResult({self.cohort!r}, n={self.n}, mean_per_family={_money(self.mean)}, "
            f"95% interval=[{_money(lo)}, {_money(hi)}])"
        )


def _range(name: str, value: tuple[float, float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    lo, hi = value
    if not (0.0 <= lo <= hi <= 1.0):
        msg = f"{name} must be a range (low, high) with 0 <= low <= high <= 1: {value!r}"
        raise ModelError(msg)
    return float(lo), float(hi)


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
        Number of draws.
    seed : int, optional
        Seed for :func:`numpy.random.default_rng`; equal seeds give equal draws.
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
        Draw the parameter uniformly from this range instead of fixing it.
    chunk_size : int
        Draws computed at once; memory is bounded by about
        ``chunk_size × outcomes × 8`` bytes per array.
    percentiles : sequence of float
        Percentiles of savings per family to report.
    progress : callable, optional
        Called as ``progress(done, n)`` after each chunk (the command line
        uses it for a progress bar).

    Returns
    -------
    SimulationResult

    Notes
    -----
    Every draw applies the model's formula to drawn proxies, counts and
    parameters; with ``proxy_spread=0``, ``sampling=False`` and no ranges
    every draw equals :meth:`SavingModel.evaluate`'s total.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        msg = f"n must be a whole number >= 1: {n!r}"
        raise ModelError(msg)
    if not 0.0 <= proxy_spread <= 1.0:
        msg = f"proxy_spread must be in [0, 1]: {proxy_spread!r}"
        raise ModelError(msg)
    if chunk_size < 1:
        msg = f"chunk_size must be >= 1: {chunk_size!r}"
        raise ModelError(msg)
    attr_r = _range("attribution_range", attribution_range)
    dead_r = _range("deadweight_range", deadweight_range)
    keys, improved, saving = model._arrays(cohort)
    potential = np.array(
        [cohort.families if cohort.potential is None else cohort.potential[k] for k in keys],
        dtype=np.int64,
    )
    annuity = model.annuity
    fixed = (1 - model.displacement) * (1 - model.optimism_bias) * annuity
    rng = np.random.default_rng(seed)
    total = np.empty(n, dtype=np.float64)
    k = len(keys)
    for start in range(0, n, chunk_size):
        m = min(chunk_size, n - start)
        if proxy_spread > 0:
            u = rng.triangular(-1.0, 0.0, 1.0, size=(m, k))
            sav = saving * (1.0 + proxy_spread * u)
        else:
            sav = np.broadcast_to(saving, (m, k))
        if sampling:
            rate = rng.beta(improved + 1.0, potential - improved + 1.0, size=(m, k))
            imp = rng.binomial(potential, rate).astype(np.float64)
        else:
            imp = np.broadcast_to(improved, (m, k))
        gross = np.einsum("ij,ij->i", imp, sav)
        attr = rng.uniform(*attr_r, size=m) if attr_r else model.attribution
        dead = rng.uniform(*dead_r, size=m) if dead_r else model.deadweight
        total[start : start + m] = gross * (1 - dead) * attr * fixed
        if progress is not None:
            progress(start + m, n)
    pcts = np.percentile(total, list(percentiles)) / cohort.families
    return SimulationResult(
        cohort=cohort.name,
        total=total,
        families=cohort.families,
        percentiles={float(q): float(v) for q, v in zip(percentiles, pcts, strict=True)},
        seed=seed,
    )


@attrs.frozen(slots=True, repr=False)
class SensitivityRow:
    """Savings per family with one parameter at its low and its high value."""

    parameter: str
    low: float
    high: float
    per_family_low: float
    per_family_high: float

    @property
    def swing(self) -> float:
        """``|per_family_high - per_family_low|``."""
        return abs(self.per_family_high - self.per_family_low)


@attrs.frozen(slots=True, repr=False)
class Sensitivity:
    """One-way sensitivity (tornado) data, rows sorted by swing, largest first."""

    base: float
    rows: tuple[SensitivityRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "base_per_family": self.base,
            "rows": [{**attrs.asdict(r), "swing": r.swing} for r in self.rows],
        }

    def _table(self) -> tuple[list[str], list[list[object]]]:
        header = ["Parameter", "Low", "High", "Per family (low)", "Per family (high)", "Swing"]
        rows: list[list[object]] = [
            [
                r.parameter,
                f"{r.low:,.4g}",
                f"{r.high:,.4g}",
                _money(r.per_family_low),
                _money(r.per_family_high),
                _money(r.swing),
            ]
            for r in self.rows
        ]
        return header, rows

    def to_frame(self) -> Any:
        """Tornado data as a pandas DataFrame; needs pandas."""
        return frame(self.to_dict()["rows"], index="parameter")

    def _repr_markdown_(self) -> str:
        return markdown_table(*self._table())

    def __str__(self) -> str:
        return text_table(*self._table())

    def _repr_html_(self) -> str:
        return html_table(
            *self._table(), caption=f"One-way sensitivity (base {_money(self.base)} per family)"
        )

    def __repr__(self) -> str:
        top = ", ".join(f"{r.parameter}: {_money(r.swing)}" for r in self.rows[:3])
        return f"Sensitivity(base={_money(self.base)}, rows={len(self.rows)}, largest=[{top}])"


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
        Each proxy is also varied by ±this share.

    Returns
    -------
    Sensitivity
        Rows sorted by swing, largest first (the order of a tornado chart).

    Examples
    --------
    >>> from safecore.cost import SAFECORE_2020_ENGAGED
    >>> s = sensitivity(SavingModel(), SAFECORE_2020_ENGAGED)
    >>> s.rows[0].parameter
    'attribution'
    """
    rows: list[SensitivityRow] = []
    base = model.evaluate(cohort).per_family
    for name, (lo, hi) in (ranges or _DEFAULT_RANGES).items():
        if name not in {f.name for f in attrs.fields(SavingModel)} or name == "proxies":
            msg = f"unknown parameter {name!r} in ranges"
            raise ModelError(msg)
        values = [
            attrs.evolve(model, **cast("dict[str, Any]", {name: v})).evaluate(cohort).per_family
            for v in (lo, hi)
        ]
        rows.append(SensitivityRow(name, lo, hi, *values))
    for key in model.proxies.keys():  # noqa: SIM118 - ProxyTable, not dict
        if key not in cohort.improved:
            continue
        p: Proxy = model.proxies[key]
        values = []
        for f in (1 - proxy_spread, 1 + proxy_spread):
            table = model.proxies.with_proxy(attrs.evolve(p, saving=p.saving * f))
            values.append(attrs.evolve(model, proxies=table).evaluate(cohort).per_family)
        rows.append(
            SensitivityRow(
                f"proxy: {_label(key)}",
                p.saving * (1 - proxy_spread),
                p.saving * (1 + proxy_spread),
                *values,
            )
        )
    rows.sort(key=lambda r: (-r.swing, r.parameter))
    if any(math.isnan(r.swing) for r in rows):  # pragma: no cover - defensive
        msg = "sensitivity produced NaN"
        raise ModelError(msg)
    return Sensitivity(base, tuple(rows))
