"""The proxy-saving model: gross savings, adjustments, discounting, value for money.

Examples
--------
The report's cohorts with no adjustment (the report printed £14,701 and
£9,459 because some of its cells are not the products they claim):

>>> from safecore.cost import SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED, SavingModel
>>> model = SavingModel()
>>> ev = model.evaluate(SAFECORE_2020_ENGAGED)
>>> ev.total, round(ev.per_family, 2)
(180551.0, 15045.92)
>>> round(model.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED).difference_per_family, 2)
5572.96
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._data import load_toml
from safecore._errors import SafecoreError
from safecore._format import frame, html_table, markdown_table, text_table
from safecore._numeric import round_half_up
from safecore.categories import CostOutcome
from safecore.cost.proxies import SAFECORE_2020, MissingOutcomeError, ProxyTable, outcome_key

__all__ = [
    "GREEN_BOOK_SCHEDULE",
    "SAFECORE_2020_DISENGAGED",
    "SAFECORE_2020_ENGAGED",
    "Cohort",
    "CohortError",
    "Comparison",
    "Evaluation",
    "ModelError",
    "SavingModel",
    "SwitchingValue",
    "ValueForMoney",
    "delivery_cost_per_family",
    "discount_factors",
    "switching_value",
    "value_for_money",
]

#: HM Treasury Green Book declining long-term discount schedule:
#: (first year, rate) pairs; year 0 is undiscounted.
GREEN_BOOK_SCHEDULE: tuple[tuple[int, float], ...] = (
    (1, 0.035),
    (31, 0.030),
    (76, 0.025),
    (126, 0.020),
    (201, 0.015),
    (301, 0.010),
)

DiscountRate = float | Literal["green-book"]


class CohortError(SafecoreError, ValueError):
    """A cohort's counts are invalid."""


class ModelError(SafecoreError, ValueError):
    """A model parameter is out of range."""


def _money(x: float) -> str:
    """Pounds rounded half up (away from zero), with a leading minus for losses."""
    value = round_half_up(x).item()
    return f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}"


def _label(key: str) -> str:
    return key.label if isinstance(key, CostOutcome) else str(key)


# -- discounting ------------------------------------------------------------------------


def discount_factors(years: int, rate: DiscountRate = 0.035) -> NDArray[np.float64]:
    r"""Discount factors ``1 / DF_t`` for years ``t = 0 .. years-1``.

    Parameters
    ----------
    years : int
        Number of years (>= 1).
    rate : float or "green-book"
        A constant annual rate (``DF_t = (1 + r)^t``), or ``"green-book"``
        for the declining schedule: 3.5% for years 1–30, 3.0% for 31–75,
        2.5% for 76–125, 2.0% for 126–200, 1.5% for 201–300, 1.0% after.

    Returns
    -------
    ndarray
        ``1 / DF_t``; year 0 is 1 (undiscounted).

    Notes
    -----
    Under the declining schedule :math:`DF_t = \prod_{k=1}^{t} (1 + r_k)`,
    where :math:`r_k` is the rate for year :math:`k`.

    References
    ----------
    .. [1] HM Treasury (2022). *The Green Book: appraisal and evaluation in
       central government*, Annex A6 (discounting).

    Examples
    --------
    >>> discount_factors(11)[10].round(4)  # year 10 at 3.5%
    np.float64(0.7089)
    """
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        msg = f"years must be a whole number >= 1: {years!r}"
        raise ModelError(msg)
    t = np.arange(years)
    if rate == "green-book":
        k = np.arange(1, years)
        starts = np.array([s for s, _ in GREEN_BOOK_SCHEDULE])
        rates = np.array([r for _, r in GREEN_BOOK_SCHEDULE])
        per_year = rates[np.searchsorted(starts, k, side="right") - 1]
        out: NDArray[np.float64] = np.exp(-np.concatenate([[0.0], np.cumsum(np.log1p(per_year))]))
        return out
    if not isinstance(rate, int | float) or not 0 <= rate < 1:
        msg = f"discount_rate must be in [0, 1) or 'green-book': {rate!r}"
        raise ModelError(msg)
    factors: NDArray[np.float64] = (1.0 + float(rate)) ** -t.astype(np.float64)
    return factors


# -- cohorts ------------------------------------------------------------------------------


def _counts(value: Mapping[Any, Any] | None) -> dict[str, int] | None:
    if value is None:
        return None
    out: dict[str, int] = {}
    for k, v in value.items():
        key = outcome_key(k)
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < 0:
            msg = f"count for outcome {str(key)!r} must be a whole number >= 0: {v!r}"
            raise CohortError(msg)
        if key in out:
            msg = f"outcome {str(key)!r} is given twice"
            raise CohortError(msg)
        out[key] = int(v)
    return out


@attrs.frozen(slots=True, repr=False)
class Cohort:
    """Families and, per outcome, how many improved (and could have).

    Parameters
    ----------
    name : str
        A label, e.g. "Engaged".
    families : int
        Families in the cohort (> 0).
    improved : mapping of outcome to int
        Families recording an improvement on each outcome.
    potential : mapping of outcome to int, optional
        Families with the outcome as a potential area for improvement.

    Raises
    ------
    CohortError
        Unless ``0 <= improved <= potential <= families`` for every outcome,
        with whole numbers, and *potential* has the same outcomes as *improved*.
    """

    name: str
    families: int
    improved: dict[str, int] = attrs.field(converter=_counts)
    potential: dict[str, int] | None = attrs.field(default=None, converter=_counts)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.families, bool) or not isinstance(self.families, int) or self.families < 1:
            msg = f"cohort {self.name!r}: families must be a whole number >= 1: {self.families!r}"
            raise CohortError(msg)
        for key, n in self.improved.items():
            cap = self.families if self.potential is None else self.potential.get(key)
            if cap is None:
                msg = f"cohort {self.name!r}: outcome {str(key)!r} has improved but no potential count"
                raise CohortError(msg)
            if n > cap:
                what = "families" if self.potential is None else "potential"
                msg = f"cohort {self.name!r}: improved {n} > {what} {cap} for outcome {str(key)!r}"
                raise CohortError(msg)
        if self.potential is not None:
            for key, n in self.potential.items():
                if n > self.families:
                    msg = (
                        f"cohort {self.name!r}: potential {n} > families {self.families} "
                        f"for {str(key)!r}"
                    )
                    raise CohortError(msg)
                if key not in self.improved:
                    msg = (
                        f"cohort {self.name!r}: outcome {str(key)!r} has potential but no improved count"
                    )
                    raise CohortError(msg)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "name": self.name,
            "families": self.families,
            "improved": {str(k): v for k, v in self.improved.items()},
            "potential": None
            if self.potential is None
            else {str(k): v for k, v in self.potential.items()},
        }

    def __repr__(self) -> str:
        return f"Cohort({self.name!r}, families={self.families}, improved={sum(self.improved.values())})"


_COST = load_toml("safecore_2020_cost.toml")
#: Table 12: the 12 engaged families.
SAFECORE_2020_ENGAGED = Cohort(**_COST["cohorts"]["engaged"])
#: Table 13: the 25 disengaged families.
SAFECORE_2020_DISENGAGED = Cohort(**_COST["cohorts"]["disengaged"])


# -- the model ------------------------------------------------------------------------------


def _share(name: str) -> Callable[[Any, Any, float], None]:
    def check(_: Any, __: Any, value: float) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            msg = f"{name} must be a number in [0, 1]: {value!r}"
            raise ModelError(msg)

    return check


def _check_years(_: Any, __: Any, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"years must be a whole number >= 1: {value!r}"
        raise ModelError(msg)


def _check_rate(_: Any, __: Any, value: DiscountRate) -> None:
    discount_factors(1, value)


@attrs.frozen(slots=True, repr=False)
class Evaluation:
    """A cohort's savings, outcome by outcome, with each step of the chain.

    Attributes
    ----------
    outcomes : tuple of str
        Outcome keys, in the proxy table's order.
    improved, saving, gross : ndarray
        Per outcome: families improved; proxy saving; ``improved × saving``.
    after_deadweight, after_displacement, after_attribution, after_optimism_bias : ndarray
        The annual value per outcome after each adjustment in turn.
    annuity : float
        :math:`\\sum_{t=0}^{years-1} (1 - d)^t / DF_t` (1 when ``years == 1``).
    net : ndarray
        Net value per outcome over the benefit period.
    families : int
        Cohort size.
    """

    cohort: str
    families: int
    outcomes: tuple[str, ...]
    improved: NDArray[np.float64]
    saving: NDArray[np.float64]
    gross: NDArray[np.float64]
    after_deadweight: NDArray[np.float64]
    after_displacement: NDArray[np.float64]
    after_attribution: NDArray[np.float64]
    after_optimism_bias: NDArray[np.float64]
    annuity: float
    net: NDArray[np.float64]

    @property
    def by_outcome(self) -> dict[str, float]:
        """Net value per outcome over the benefit period."""
        return {k: float(v) for k, v in zip(self.outcomes, self.net, strict=True)}

    @property
    def total(self) -> float:
        """Net value over the benefit period, all outcomes."""
        return float(self.net.sum())

    @property
    def total_gross(self) -> float:
        """Gross annual value (no adjustment, one year)."""
        return float(self.gross.sum())

    @property
    def per_family(self) -> float:
        """``total / families``."""
        return self.total / self.families

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        steps = (
            "improved",
            "saving",
            "gross",
            "after_deadweight",
            "after_displacement",
            "after_attribution",
            "after_optimism_bias",
            "net",
        )
        return {
            "cohort": self.cohort,
            "families": self.families,
            "annuity": self.annuity,
            "total": self.total,
            "per_family": self.per_family,
            "by_outcome": [
                {"outcome": str(o), **{s: float(getattr(self, s)[i]) for s in steps}}
                for i, o in enumerate(self.outcomes)
            ],
        }

    def to_frame(self) -> Any:
        """Each step of the chain per outcome, as a pandas DataFrame; needs pandas."""
        return frame(self.to_dict()["by_outcome"], index="outcome")

    def _repr_markdown_(self) -> str:
        return markdown_table(*self._rows())

    def _rows(self) -> tuple[list[str], list[list[object]]]:
        header = ["Outcome", "Improved", "Proxy", "Gross", "Net"]
        rows: list[list[object]] = [
            [
                _label(o),
                int(self.improved[i]),
                _money(self.saving[i]),
                _money(self.gross[i]),
                _money(self.net[i]),
            ]
            for i, o in enumerate(self.outcomes)
        ]
        rows.append(
            ["Total", int(self.improved.sum()), "", _money(self.total_gross), _money(self.total)]
        )
        rows.append([f"Per family ({self.families})", "", "", "", _money(self.per_family)])
        return header, rows

    def __str__(self) -> str:
        return text_table(*self._rows())

    def _repr_html_(self) -> str:
        return html_table(*self._rows(), caption=f"Savings: {self.cohort}")

    def __repr__(self) -> str:
        return (
            f"Evaluation({self.cohort!r}, families={self.families}, total={_money(self.total)}, "
            f"per_family=£{self.per_family:,.2f})"
        )


@attrs.frozen(slots=True, repr=False)
class Comparison:
    """Savings of cohort *a* against cohort *b*, per family.

    Attributes
    ----------
    a, b : Evaluation
    """

    a: Evaluation
    b: Evaluation

    @property
    def difference_per_family(self) -> float:
        """``a.per_family - b.per_family``."""
        return self.a.per_family - self.b.per_family

    @property
    def by_outcome(self) -> dict[str, float]:
        """Per-outcome difference in net value per family (outcomes of either cohort)."""
        a, b = self.a.by_outcome, self.b.by_outcome
        keys = list(dict.fromkeys([*a, *b]))
        return {k: a.get(k, 0.0) / self.a.families - b.get(k, 0.0) / self.b.families for k in keys}

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "difference_per_family": self.difference_per_family,
            "by_outcome": {str(k): v for k, v in self.by_outcome.items()},
        }

    def to_frame(self) -> Any:
        """Per-outcome difference per family, as a pandas DataFrame; needs pandas."""
        return frame(
            [{"outcome": str(k), "difference_per_family": v} for k, v in self.by_outcome.items()],
            index="outcome",
        )

    def _repr_markdown_(self) -> str:
        return markdown_table(*self._rows())

    def _rows(self) -> tuple[list[str], list[list[object]]]:
        header = ["Outcome", f"{self.a.cohort} per family", f"{self.b.cohort} per family", "Difference"]
        a, b = self.a.by_outcome, self.b.by_outcome
        rows: list[list[object]] = [
            [
                _label(k),
                _money(a.get(k, 0.0) / self.a.families),
                _money(b.get(k, 0.0) / self.b.families),
                _money(d),
            ]
            for k, d in self.by_outcome.items()
        ]
        rows.append(
            [
                "Total",
                _money(self.a.per_family),
                _money(self.b.per_family),
                _money(self.difference_per_family),
            ]
        )
        return header, rows

    def __str__(self) -> str:
        return text_table(*self._rows())

    def _repr_html_(self) -> str:
        return html_table(*self._rows(), caption="Savings per family compared")

    def __repr__(self) -> str:
        return (
            f"Comparison({self.a.cohort!r} vs {self.b.cohort!r}, "
            f"difference_per_family=£{self.difference_per_family:,.2f})"
        )


@attrs.frozen(slots=True, repr=False)
class SavingModel:
    r"""A configurable proxy-saving model.

    Parameters
    ----------
    proxies : ProxyTable
        Annual saving per outcome (default: the report's Table 11).
    attribution : float
        Share of the change credited to the intervention, in [0, 1] (the
        report's sense: 0.66 means 66% of the improvement is due to it).
        SROI guides call *one minus this* "attribution" (the share due to
        others): SROI attribution ``a`` is ``attribution = 1 - a`` here.
    deadweight : float
        Share of the improvement that would have happened anyway, in [0, 1].
    displacement : float
        Share of the benefit that merely moves elsewhere, in [0, 1].
    optimism_bias : float
        Downward adjustment for optimistic estimates, in [0, 1] (e.g. by the
        evidence grade of the proxies).
    years : int
        Benefit period in years (>= 1).
    drop_off : float
        Annual decline of the benefit after year 0, in [0, 1].
    discount_rate : float or "green-book"
        Constant annual rate in [0, 1), or the Green Book declining schedule.

    Notes
    -----
    For outcome :math:`o` with :math:`n_o` families improved and proxy
    saving :math:`s_o`, the net value over the benefit period is

    .. math::

        V_o = n_o s_o (1-\text{dw})(1-\text{disp})\,\text{attr}\,(1-\text{ob})
              \sum_{t=0}^{Y-1} \frac{(1-\text{drop})^t}{DF_t}

    with year 0 undiscounted. With ``years=1`` the sum is 1, so discounting
    and drop-off have no effect. Money is float64 in pounds; totals from
    integer counts and whole-pound proxies are exact; presentation rounds
    half up to the pound.

    References
    ----------
    .. [1] HM Treasury (2022). *The Green Book*.
    .. [2] HM Treasury, New Economy (2014). *Supporting public service
       transformation: cost benefit analysis guidance for local partnerships*.
    .. [3] Cabinet Office (2012). *A guide to Social Return on Investment*.

    Examples
    --------
    The report's 66% illustration, computed correctly:

    >>> m = SavingModel(attribution=0.66)
    >>> c = m.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    >>> round(c.difference_per_family, 2)
    3678.15
    """

    proxies: ProxyTable = attrs.field(default=SAFECORE_2020)
    attribution: float = attrs.field(default=1.0, kw_only=True, validator=_share("attribution"))
    deadweight: float = attrs.field(default=0.0, kw_only=True, validator=_share("deadweight"))
    displacement: float = attrs.field(default=0.0, kw_only=True, validator=_share("displacement"))
    optimism_bias: float = attrs.field(default=0.0, kw_only=True, validator=_share("optimism_bias"))
    years: int = attrs.field(default=1, kw_only=True, validator=_check_years)
    drop_off: float = attrs.field(default=0.0, kw_only=True, validator=_share("drop_off"))
    discount_rate: DiscountRate = attrs.field(default=0.035, kw_only=True, validator=_check_rate)

    @property
    def adjustment(self) -> float:
        """The product of the four share adjustments."""
        return (
            (1 - self.deadweight) * (1 - self.displacement) * self.attribution * (1 - self.optimism_bias)
        )

    def yearly_weights(self) -> NDArray[np.float64]:
        """``(1 - drop_off)^t / DF_t`` for ``t = 0 .. years-1``."""
        t = np.arange(self.years)
        out: NDArray[np.float64] = (1 - self.drop_off) ** t * discount_factors(
            self.years, self.discount_rate
        )
        return out

    @property
    def annuity(self) -> float:
        """Sum of :meth:`yearly_weights` (1 when ``years == 1``)."""
        return float(self.yearly_weights().sum())

    def _arrays(
        self, cohort: Cohort
    ) -> tuple[tuple[str, ...], NDArray[np.float64], NDArray[np.float64]]:
        missing = [k for k in cohort.improved if k not in self.proxies]
        if missing:
            msg = (
                f"cohort {cohort.name!r} has outcome {str(missing[0])!r} with no proxy "
                f"(proxies: {', '.join(map(str, self.proxies.keys()))})"
            )
            raise MissingOutcomeError(msg)
        keys = tuple(k for k in self.proxies.keys() if k in cohort.improved)  # noqa: SIM118 - ProxyTable, not dict
        improved = np.array([cohort.improved[k] for k in keys], dtype=np.float64)
        saving = np.array([self.proxies[k].saving for k in keys], dtype=np.float64)
        return keys, improved, saving

    def evaluate(self, cohort: Cohort) -> Evaluation:
        """Net savings of *cohort*, with every step of the chain.

        Raises
        ------
        KeyError
            (:class:`MissingOutcomeError`) if an outcome of the cohort has no proxy.
        """
        keys, improved, saving = self._arrays(cohort)
        gross = improved * saving
        a1 = gross * (1 - self.deadweight)
        a2 = a1 * (1 - self.displacement)
        a3 = a2 * self.attribution
        a4 = a3 * (1 - self.optimism_bias)
        annuity = self.annuity
        return Evaluation(
            cohort=cohort.name,
            families=cohort.families,
            outcomes=keys,
            improved=improved,
            saving=saving,
            gross=gross,
            after_deadweight=a1,
            after_displacement=a2,
            after_attribution=a3,
            after_optimism_bias=a4,
            annuity=annuity,
            net=a4 * annuity,
        )

    def compare(self, a: Cohort, b: Cohort) -> Comparison:
        """Compare two cohorts per family (e.g. engaged against disengaged)."""
        return Comparison(self.evaluate(a), self.evaluate(b))

    def to_dict(self) -> dict[str, Any]:
        """Parameters as plain Python (the proxy table as a list)."""
        d = {f.name: getattr(self, f.name) for f in attrs.fields(SavingModel) if f.name != "proxies"}
        return {"proxies": self.proxies.to_dict()["proxies"], **d}

    def __repr__(self) -> str:
        return (
            f"SavingModel(outcomes={len(self.proxies)}, attribution={self.attribution:g}, "
            f"deadweight={self.deadweight:g}, displacement={self.displacement:g}, "
            f"optimism_bias={self.optimism_bias:g}, years={self.years}, drop_off={self.drop_off:g}, "
            f"discount_rate={self.discount_rate!r})"
        )


# -- value for money ----------------------------------------------------------------------------


def delivery_cost_per_family(funding: float, families: int, startup_share: float = 0.0) -> float:
    """Delivery cost per family: ``funding × (1 - startup_share) / families``.

    Examples
    --------
    The report's figures (it printed £19,918):

    >>> round(delivery_cost_per_family(1_950_000, 89, startup_share=0.10), 2)
    19719.1
    """
    if not (isinstance(funding, int | float) and math.isfinite(funding) and funding >= 0):
        msg = f"funding must be a finite number >= 0: {funding!r}"
        raise ModelError(msg)
    if isinstance(families, bool) or not isinstance(families, int) or families < 1:
        msg = f"families must be a whole number >= 1: {families!r}"
        raise ModelError(msg)
    _share("startup_share")(None, None, startup_share)
    return float(funding) * (1 - startup_share) / families


@attrs.frozen(slots=True, repr=False)
class ValueForMoney:
    """Savings per family against the delivery cost per family.

    Attributes
    ----------
    benefit : float
        Present value of net savings per family over the benefit period.
    cost : float
        Delivery cost per family (incurred in year 0).
    npv : float
        ``benefit - cost``.
    bcr : float
        Benefit–cost ratio ``benefit / cost`` (inf for zero cost).
    roi : float
        ``(benefit - cost) / cost``.
    payback_year : int or None
        First year ``t`` (0-based) by which cumulative discounted savings
        reach the cost; None if they never do within the benefit period.
    """

    benefit: float
    cost: float
    payback_year: int | None

    @property
    def npv(self) -> float:
        """Net present value per family."""
        return self.benefit - self.cost

    @property
    def bcr(self) -> float:
        """Benefit–cost ratio."""
        return self.benefit / self.cost if self.cost > 0 else math.inf

    @property
    def roi(self) -> float:
        """Return on investment ``(benefit - cost) / cost``."""
        return self.npv / self.cost if self.cost > 0 else math.inf

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "benefit": self.benefit,
            "cost": self.cost,
            "npv": self.npv,
            "bcr": self.bcr,
            "roi": self.roi,
            "payback_year": self.payback_year,
        }

    def _repr_html_(self) -> str:
        d = self.to_dict()
        return html_table(
            list(d),
            [[f"{v:,.2f}" if isinstance(v, float) else v for v in d.values()]],
            "Value for money per family",
        )

    def __repr__(self) -> str:
        payback = "never" if self.payback_year is None else f"year {self.payback_year}"
        return (
            f"ValueForMoney(benefit={_money(self.benefit)}, cost={_money(self.cost)}, "
            f"npv={_money(self.npv)}, bcr={self.bcr:.2f}, roi={self.roi:.1%}, payback={payback})"
        )


def value_for_money(model: SavingModel, cohort: Cohort, cost_per_family: float) -> ValueForMoney:
    """ROI, NPV, benefit–cost ratio and payback year of *cohort* under *model*.

    Examples
    --------
    >>> cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.10)
    >>> vfm = value_for_money(SavingModel(years=5), SAFECORE_2020_ENGAGED, cost)
    >>> vfm.payback_year, round(vfm.bcr, 2)
    (1, 3.57)
    """
    if not (
        isinstance(cost_per_family, int | float)
        and math.isfinite(cost_per_family)
        and cost_per_family >= 0
    ):
        msg = f"cost_per_family must be a finite number >= 0: {cost_per_family!r}"
        raise ModelError(msg)
    ev = model.evaluate(cohort)
    annual = float(ev.after_optimism_bias.sum()) / cohort.families
    cumulative = annual * np.cumsum(model.yearly_weights())
    reached = np.flatnonzero(cumulative >= cost_per_family)
    payback = int(reached[0]) if len(reached) else None
    return ValueForMoney(benefit=ev.per_family, cost=float(cost_per_family), payback_year=payback)


@attrs.frozen(slots=True, repr=False)
class SwitchingValue:
    """The value of one parameter at which savings per family equal the cost.

    ``value`` is None when no value in ``bounds`` makes them equal; ``note``
    then says why.
    """

    parameter: str
    value: float | None
    bounds: tuple[float, float]
    note: str

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return attrs.asdict(self)

    def __repr__(self) -> str:
        shown = "none in range" if self.value is None else f"{self.value:.6g}"
        return f"SwitchingValue({self.parameter}={shown}, bounds={self.bounds})"


def switching_value(
    model: SavingModel,
    cohort: Cohort,
    cost_per_family: float,
    parameter: Literal["attribution", "deadweight", "years"] = "attribution",
    *,
    max_years: int = 200,
) -> SwitchingValue:
    """Find the *parameter* value at which savings per family equal the cost.

    Other parameters stay as in *model*. For ``"years"`` the answer is the
    smallest whole number of years (up to *max_years*) whose savings reach
    the cost.

    Returns
    -------
    SwitchingValue
        With ``value=None`` and an explanatory note when no value in range
        switches the decision.

    Examples
    --------
    >>> cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.10)
    >>> switching_value(SavingModel(years=5), SAFECORE_2020_ENGAGED, cost, "attribution")
    SwitchingValue(attribution=0.280456, bounds=(0.0, 1.0))
    >>> switching_value(SavingModel(), SAFECORE_2020_DISENGAGED, cost, "deadweight").value is None
    True
    """
    from scipy.optimize import brentq  # noqa: PLC0415

    def gap(**kw: Any) -> float:
        return attrs.evolve(model, **kw).evaluate(cohort).per_family - cost_per_family

    if parameter == "years":
        bounds = (1.0, float(max_years))
        weights_model = attrs.evolve(model, years=max_years)
        annual = float(weights_model.evaluate(cohort).after_optimism_bias.sum()) / cohort.families
        cumulative = annual * np.cumsum(weights_model.yearly_weights())
        hit = np.flatnonzero(cumulative >= cost_per_family)
        if len(hit):
            return SwitchingValue("years", float(hit[0] + 1), bounds, "smallest whole number of years")
        return SwitchingValue(
            "years", None, bounds, f"savings stay below the cost for {max_years} years"
        )
    if parameter not in ("attribution", "deadweight"):
        msg = f"parameter must be 'attribution', 'deadweight' or 'years': {parameter!r}"
        raise ModelError(msg)
    bounds = (0.0, 1.0)
    lo, hi = gap(**{parameter: 0.0}), gap(**{parameter: 1.0})
    if lo == 0.0:
        return SwitchingValue(parameter, 0.0, bounds, "savings equal the cost at the bound")
    if hi == 0.0:
        return SwitchingValue(parameter, 1.0, bounds, "savings equal the cost at the bound")
    if np.sign(lo) == np.sign(hi):
        side = "above" if lo > 0 else "below"
        return SwitchingValue(
            parameter, None, bounds, f"savings stay {side} the cost for every {parameter} in [0, 1]"
        )
    root = float(brentq(lambda x: gap(**{parameter: x}), 0.0, 1.0, xtol=1e-12))
    return SwitchingValue(parameter, root, bounds, "savings equal the cost")
