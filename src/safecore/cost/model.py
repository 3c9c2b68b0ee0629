"""The proxy-saving model: gross savings, adjustments, discounting, value for money.

Examples
--------
The report's cohorts with no adjustment (the report printed £14,701 and
£9,459 because some of its cells are not the products they claim):

>>> from safecore.cost import SavingModel

>>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED
>>> model = SavingModel(SAFECORE_2020)
>>> ev = model.evaluate(SAFECORE_2020_ENGAGED)
>>> ev.total, round(ev.per_family, 2)
(180551.0, 15045.92)
>>> round(model.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED).difference_per_family, 2)
5572.96
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from typing import Any, Literal, cast

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import MissingOutcomeError, ModelError
from safecore._format import fmt_money
from safecore._results import Result, ResultTable, json_safe
from safecore._validate import (
    check_instance,
    check_real,
    check_share,
    check_whole,
    check_years,
)
from safecore.categories import CostOutcome
from safecore.cost.cohorts import Cohort
from safecore.cost.optimism import OptimismBias
from safecore.cost.proxies import ProxyTable

__all__ = [
    "GREEN_BOOK_SCHEDULE",
    "Comparison",
    "Evaluation",
    "SavingModel",
    "SwitchingValue",
    "ValueForMoney",
    "delivery_cost_per_family",
    "discount_factors",
    "switching_value",
    "value_for_money",
    "with_every_proxy",
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


def _label(key: str) -> str:
    return key.label if isinstance(key, CostOutcome) else str(key)


def _check_model(model: object) -> None:
    check_instance(model, SavingModel, "model", "a SavingModel")


def _check_cohort(cohort: object) -> None:
    check_instance(cohort, Cohort, "cohort", "a Cohort")


def _money_amount(value: object, name: str) -> float:
    """Return an amount of money given as an argument: a finite number >= 0."""
    return check_real(value, name, minimum=0, error=ModelError) + 0.0


# -- discounting ------------------------------------------------------------------------


def discount_factors(years: int, rate: DiscountRate = 0.035) -> NDArray[np.float64]:
    r"""Discount factors ``1 / DF_t`` for years ``t = 0 .. years-1``.

    Parameters
    ----------
    years : int
        Number of years, a whole number from 1 to 1,000.
    rate : float or "green-book"
        A constant annual rate in [0, 1) (``DF_t = (1 + r)^t``), or ``"green-book"``
        for the declining schedule: 3.5% for years 1–30, 3.0% for 31–75,
        2.5% for 76–125, 2.0% for 126–200, 1.5% for 201–300, 1.0% after.

    Returns
    -------
    ndarray
        ``1 / DF_t``; year 0 is 1 (undiscounted).

    Raises
    ------
    InputTypeError
        (a ``TypeError``) if *years* or *rate* is not a number (``bool`` is refused).
    ModelError
        (a ``ValueError``) for *years* below 1 or not whole, or a rate outside
        [0, 1), NaN, infinite or text other than ``"green-book"``.
    LimitExceededError
        For *years* above 1,000, before anything is allocated.

    Notes
    -----
    Under the declining schedule $DF_t = \prod_{k=1}^{t} (1 + r_k)$,
    where $r_k$ is the rate for year $k$.

    References
    ----------
    1. HM Treasury (2022). *The Green Book: appraisal and evaluation in
       central government*, Annex A6 (discounting).

    Examples
    --------
    >>> discount_factors(11)[10].round(4)  # year 10 at 3.5%
    np.float64(0.7089)
    """
    n = check_years(years, "years", error=ModelError)
    r = _discount_rate(rate, "rate")
    t = np.arange(n)
    if r == "green-book":
        k = np.arange(1, n)
        starts = np.array([s for s, _ in GREEN_BOOK_SCHEDULE])
        rates = np.array([r for _, r in GREEN_BOOK_SCHEDULE])
        per_year = rates[np.searchsorted(starts, k, side="right") - 1]
        out: NDArray[np.float64] = np.exp(-np.concatenate([[0.0], np.cumsum(np.log1p(per_year))]))
        return out
    factors: NDArray[np.float64] = (1.0 + r) ** -t.astype(np.float64)
    return factors


def _discount_rate(value: object, name: str = "discount_rate") -> DiscountRate:
    """Return a discount rate: a finite number in [0, 1) (as a float) or ``"green-book"``."""
    if isinstance(value, str):
        if value == "green-book":
            return "green-book"
        msg = f"{name} must be a number in [0, 1) or 'green-book': {value!r}"
        raise ModelError(msg)
    return check_real(value, name, minimum=0, maximum=1, exclusive_maximum=True, error=ModelError)


# -- the model ------------------------------------------------------------------------------


def _attribution(value: object) -> float:
    return check_share(value, "attribution", error=ModelError)


def _deadweight(value: object) -> float:
    return check_share(value, "deadweight", error=ModelError)


def _displacement(value: object) -> float:
    return check_share(value, "displacement", error=ModelError)


def _optimism_bias(value: object) -> float:
    return check_share(value, "optimism_bias", error=ModelError)


def _drop_off(value: object) -> float:
    return check_share(value, "drop_off", error=ModelError)


def _years(value: object) -> int:
    return check_years(value, "years", error=ModelError)


def _proxy_table(value: object) -> ProxyTable:
    check_instance(value, ProxyTable, "proxies", "a ProxyTable")
    return cast("ProxyTable", value)


def _readonly(values: object) -> NDArray[np.float64]:
    """Return a float64 copy of *values* that cannot be written to (results are immutable)."""
    out = np.array(values, dtype=np.float64)
    out.setflags(write=False)
    return out


#: The steps of the saving chain, in order, as Evaluation fields and table columns.
_STEPS = (
    "gross",
    "after_deadweight",
    "after_displacement",
    "after_attribution",
    "after_optimism_bias",
    "net",
)


@attrs.frozen(slots=True, repr=False, eq=False)
class Evaluation(Result):
    r"""A cohort's savings, outcome by outcome, with each step of the chain.

    Attributes
    ----------
    cohort : str
        The cohort's name.
    families : int
        Cohort size.
    outcomes : tuple of str
        Outcome keys, in the proxy table's order.
    improved, saving, gross : ndarray
        Per outcome: families improved; proxy saving; ``improved × saving``.
    after_deadweight, after_displacement, after_attribution, after_optimism_bias : ndarray
        The annual value per outcome after each adjustment in turn.
    annuity : float
        $\sum_{t=0}^{years-1} (1 - d)^t / DF_t$ (1 when ``years == 1``).
    net : ndarray
        Net value per outcome over the benefit period (discounted).

    Notes
    -----
    The arrays are read-only. ``to_frame()`` has one row per outcome with
    the columns ``outcome, improved, proxy_saving, gross, after_deadweight,
    after_displacement, after_attribution, after_optimism_bias, net,
    net_per_family``; ``to_dict()`` keeps the totals and a ``by_outcome``
    list of the steps.

    Examples
    --------
    >>> from safecore.cost import SavingModel
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
    >>> SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED).summary()
    'Engaged: £15,045.92 per family (12 families), £180,551 in total'
    """

    cohort: str
    families: int
    outcomes: tuple[str, ...]
    improved: NDArray[np.float64] = attrs.field(converter=_readonly)
    saving: NDArray[np.float64] = attrs.field(converter=_readonly)
    gross: NDArray[np.float64] = attrs.field(converter=_readonly)
    after_deadweight: NDArray[np.float64] = attrs.field(converter=_readonly)
    after_displacement: NDArray[np.float64] = attrs.field(converter=_readonly)
    after_attribution: NDArray[np.float64] = attrs.field(converter=_readonly)
    after_optimism_bias: NDArray[np.float64] = attrs.field(converter=_readonly)
    annuity: float
    net: NDArray[np.float64] = attrs.field(converter=_readonly)

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

    def _table(self) -> ResultTable:
        money = ("proxy_saving", *_STEPS, "net_per_family")
        return ResultTable(
            ("outcome", "improved", *money),
            [
                (
                    o,
                    int(self.improved[i]),
                    float(self.saving[i]),
                    *(float(getattr(self, step)[i]) for step in _STEPS),
                    float(self.net[i]) / self.families,
                )
                for i, o in enumerate(self.outcomes)
            ],
            caption=self.summary(),
            headers=(
                "Outcome",
                "Improved",
                "Proxy saving",
                "Gross",
                "After deadweight",
                "After displacement",
                "After attribution",
                "After optimism bias",
                "Net",
                "Net per family",
            ),
            formats=dict.fromkeys(money, "money"),
        )

    def summary(self) -> str:
        """Return the savings per family and in total, e.g. ``'Engaged: £15,045.92 per family ...'``."""
        return (
            f"{self.cohort}: {fmt_money(self.per_family, 2)} per family ({self.families} "
            f"{'family' if self.families == 1 else 'families'}), {fmt_money(self.total)} in total"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return totals and, per outcome, every step of the chain, as plain JSON types."""
        steps = ("improved", "saving", *_STEPS)
        data: dict[str, Any] = json_safe(
            {
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
        )
        return data

    def __repr__(self) -> str:
        return (
            f"Evaluation({self.cohort!r}, families={self.families}, total={fmt_money(self.total)}, "
            f"per_family={fmt_money(self.per_family, 2)})"
        )


@attrs.frozen(slots=True, repr=False, eq=False)
class Comparison(Result):
    """Savings of cohort *a* against cohort *b*, per family.

    Attributes
    ----------
    a, b : Evaluation

    Notes
    -----
    ``to_frame()`` has one row per outcome of either cohort: ``outcome,
    a_per_family, b_per_family, difference_per_family`` (net value per
    family; an outcome a cohort lacks counts as 0).

    Examples
    --------
    >>> from safecore.cost import SavingModel
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED
    >>> c = SavingModel(SAFECORE_2020).compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    >>> c.summary()
    'Engaged − Disengaged: £5,572.96 per family (£15,045.92, 12 families; £9,472.96, 25 families)'
    """

    a: Evaluation
    b: Evaluation

    @property
    def difference_per_family(self) -> float:
        """``a.per_family - b.per_family``."""
        return self.a.per_family - self.b.per_family

    def _per_family(self) -> tuple[dict[str, float], dict[str, float]]:
        a = {k: v / self.a.families for k, v in self.a.by_outcome.items()}
        b = {k: v / self.b.families for k, v in self.b.by_outcome.items()}
        return a, b

    @property
    def by_outcome(self) -> dict[str, float]:
        """Per-outcome difference in net value per family (outcomes of either cohort)."""
        a, b = self._per_family()
        keys = list(dict.fromkeys([*a, *b]))
        return {k: a.get(k, 0.0) - b.get(k, 0.0) for k in keys}

    def _table(self) -> ResultTable:
        a, b = self._per_family()
        return ResultTable(
            ("outcome", "a_per_family", "b_per_family", "difference_per_family"),
            [(k, a.get(k, 0.0), b.get(k, 0.0), d) for k, d in self.by_outcome.items()],
            caption=(
                f"Savings per family: {self.a.cohort} {fmt_money(self.a.per_family)} − "
                f"{self.b.cohort} {fmt_money(self.b.per_family)} = "
                f"{fmt_money(self.difference_per_family)}"
            ),
            headers=(
                "Outcome",
                f"{self.a.cohort} per family",
                f"{self.b.cohort} per family",
                "Difference",
            ),
            formats=dict.fromkeys(("a_per_family", "b_per_family", "difference_per_family"), "money"),
        )

    def summary(self) -> str:
        """Return the difference per family and both cohorts' savings per family."""
        return (
            f"{self.a.cohort} − {self.b.cohort}: {fmt_money(self.difference_per_family, 2)} per "
            f"family ({fmt_money(self.a.per_family, 2)}, {self.a.families} families; "
            f"{fmt_money(self.b.per_family, 2)}, {self.b.families} families)"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return both evaluations, the difference per family and its split by outcome."""
        data: dict[str, Any] = json_safe(
            {
                "a": self.a.to_dict(),
                "b": self.b.to_dict(),
                "difference_per_family": self.difference_per_family,
                "by_outcome": {str(k): v for k, v in self.by_outcome.items()},
            }
        )
        return data

    def __repr__(self) -> str:
        return (
            f"Comparison({self.a.cohort!r} vs {self.b.cohort!r}, "
            f"difference_per_family={fmt_money(self.difference_per_family, 2)})"
        )


def _per_draw(value: float | NDArray[np.float64]) -> float | NDArray[np.float64]:
    """Return a parameter as a number, or as an array per draw set against the outcome axis."""
    if np.ndim(value) == 0:
        return value
    return np.asarray(value, dtype=np.float64)[..., np.newaxis]


def _payback_year(annual: float, weights: NDArray[np.float64], cost: float) -> int | None:
    """First year ``t`` (0-based) with ``annual × (w_0 + ... + w_t) >= cost``; None if none.

    *annual* is the undiscounted saving of one year (after every
    adjustment), *weights* the model's
    [`SavingModel.yearly_weights`][safecore.cost.model.SavingModel.yearly_weights]. The one payback
    rule of the package: [`value_for_money`][safecore.cost.model.value_for_money] reports it,
    [`switching_value`][safecore.cost.model.switching_value] (for ``"years"``) adds one to count the
    years.
    """
    reached = np.flatnonzero(annual * np.cumsum(weights) >= cost)
    return int(reached[0]) if len(reached) else None


Share = float | NDArray[np.float64]


@attrs.frozen(slots=True)
class _Params:
    """Per-outcome parameters of the saving chain for some outcome keys.

    A share is the model's number when no proxy overrides it (the 2020 model,
    unchanged arithmetic), else an array over outcomes; *masks* marks the
    outcomes with their own value (a value drawn per simulation draw replaces
    only the others). *weights* is ``(outcomes, horizon)``: the discounted
    benefit profile ``(1 - drop)^k / DF_t`` in years ``lag .. lag + duration - 1``.
    """

    deadweight: Share
    displacement: Share
    attribution: Share
    optimism_bias: Share
    masks: dict[str, NDArray[np.bool_] | None]
    weights: NDArray[np.float64]
    annuity: Share
    uniform: bool
    profile: NDArray[np.float64]
    lags: tuple[int, ...]
    durations: tuple[int, ...]
    drop_offs: tuple[float, ...]


def _with_override(value: Share, mask: NDArray[np.bool_] | None, drawn: Share | None) -> Share:
    """Return the model's share, or one drawn per draw for the outcomes without their own value."""
    if drawn is None:
        return value
    d = _per_draw(drawn)
    if mask is None:
        return d
    return np.where(mask, value, d)


def _check_grade_table(value: object) -> OptimismBias | None:
    if value is not None:
        check_instance(value, OptimismBias, "grade_table", "an OptimismBias table")
    return cast("OptimismBias | None", value)


def _check_flag(value: object) -> bool:
    check_instance(value, (bool, np.bool_), "allow_mixed_price_years", "True or False")
    return bool(value)


@attrs.frozen(slots=True, repr=False)
class SavingModel:
    r"""A configurable proxy-saving model.

    Parameters
    ----------
    proxies : ProxyTable
        Annual saving per outcome; required (the package has no default
        table: pass e.g. `safecore.datasets.SAFECORE_2020` or your own).
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
        Benefit period in whole years, from 1 to 1,000.
    drop_off : float
        Annual decline of the benefit after year 0, in [0, 1].
    discount_rate : float or "green-book"
        Constant annual rate in [0, 1), or the Green Book declining schedule.
    grade_table : OptimismBias, optional
        Optimism-bias correction per confidence grade: a graded proxy's
        benefit is multiplied by ``1 - grade_table[grade]`` instead of
        ``1 - optimism_bias`` (HM Treasury 2014 local-partnership guidance,
        chapter 7). Required when any proxy has a grade; ungraded proxies
        keep *optimism_bias*.
    allow_mixed_price_years : bool
        Accept a proxy table whose proxies are in different price years
        (reported in appraisal results). By default such a table is refused:
        rebase it first with [`ProxyTable.rebased`][safecore.cost.proxies.ProxyTable.rebased].

    Raises
    ------
    InputTypeError
        (a ``TypeError``) if *proxies* is not a [`ProxyTable`][safecore.cost.proxies.ProxyTable], or a
        parameter is not a number (``bool`` and text are refused, except
        ``discount_rate="green-book"``).
    ModelError
        (a ``ValueError``) for a share outside [0, 1], NaN or infinity, a
        rate outside [0, 1) or *years* below 1 or not whole.
    LimitExceededError
        For *years* above 1,000.
    ModelError
        Also if a proxy has a grade and there is no *grade_table* (or it
        lacks that grade), or the proxies' price years differ and
        *allow_mixed_price_years* is False.

    Notes
    -----
    Shares and the rate accept any real number type (``int``, ``float``,
    numpy scalars, ``Decimal``, ``Fraction``) and are stored as floats.

    Per-proxy fields override the model: ``deadweight``, ``displacement``,
    ``attribution`` and ``drop_off`` replace the model's shares for that
    outcome; ``lag`` and ``duration`` place its benefit in years
    ``lag .. lag + duration - 1`` (default 0 and *years*).

    For outcome $o$ with $n_o$ families improved and proxy
    saving $s_o$, the net value over the benefit period is

    $$
    V_o = n_o s_o (1-\text{dw})(1-\text{disp})\,\text{attr}\,(1-\text{ob})
          \sum_{t=0}^{Y-1} \frac{(1-\text{drop})^t}{DF_t}
    $$

    with year 0 undiscounted. With ``years=1`` the sum is 1, so discounting
    and drop-off have no effect. Money is float64 in pounds; totals from
    integer counts and whole-pound proxies are exact; presentation rounds
    half up to the pound.

    References
    ----------
    1. HM Treasury (2022). *The Green Book*.
    2. HM Treasury, New Economy (2014). *Supporting public service
       transformation: cost benefit analysis guidance for local partnerships*.
    3. Cabinet Office (2012). *A guide to Social Return on Investment*.

    Examples
    --------
    The report's 66% illustration, computed correctly:

    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED
    >>> m = SavingModel(SAFECORE_2020, attribution=0.66)
    >>> c = m.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    >>> round(c.difference_per_family, 2)
    3678.15
    """

    proxies: ProxyTable = attrs.field(converter=_proxy_table)
    attribution: float = attrs.field(default=1.0, kw_only=True, converter=_attribution)
    deadweight: float = attrs.field(default=0.0, kw_only=True, converter=_deadweight)
    displacement: float = attrs.field(default=0.0, kw_only=True, converter=_displacement)
    optimism_bias: float = attrs.field(default=0.0, kw_only=True, converter=_optimism_bias)
    years: int = attrs.field(default=1, kw_only=True, converter=_years)
    drop_off: float = attrs.field(default=0.0, kw_only=True, converter=_drop_off)
    discount_rate: DiscountRate = attrs.field(default=0.035, kw_only=True, converter=_discount_rate)
    grade_table: OptimismBias | None = attrs.field(
        default=None, kw_only=True, converter=_check_grade_table
    )
    allow_mixed_price_years: bool = attrs.field(default=False, kw_only=True, converter=_check_flag)

    def __attrs_post_init__(self) -> None:
        for p in self.proxies:
            if p.grade is None:
                continue
            if self.grade_table is None:
                msg = (
                    f"proxy {str(p.outcome)!r} has confidence grade {p.grade} but the model has no "
                    "grade_table: pass SavingModel(..., grade_table=OptimismBias({...})) with the "
                    "corrections you use (the package ships none)"
                )
                raise ModelError(msg)
            self.grade_table[p.grade]
        years = self.proxies.price_years
        if len(years) > 1 and not self.allow_mixed_price_years:
            shown = ", ".join(map(str, years))
            msg = (
                f"the proxies are in different price years ({shown}): rebase them to one year "
                "with ProxyTable.rebased(deflators, to_year), or pass allow_mixed_price_years=True"
            )
            raise ModelError(msg)

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
        """Sum of `yearly_weights` (1 when ``years == 1``)."""
        return float(self.yearly_weights().sum())

    def _arrays(
        self, cohort: Cohort
    ) -> tuple[tuple[str, ...], NDArray[np.float64], NDArray[np.float64]]:
        _check_cohort(cohort)
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

    def _params(self, keys: tuple[str, ...]) -> _Params:
        """Per-outcome parameters for the outcomes *keys*."""
        proxies = [self.proxies[key] for key in keys]
        masks: dict[str, NDArray[np.bool_] | None] = {}
        values: dict[str, Share] = {}
        for name in ("deadweight", "displacement", "attribution", "optimism_bias"):
            model_value = float(getattr(self, name))
            if name == "optimism_bias":
                own = [
                    None if p.grade is None else self.grade_table[p.grade]  # type: ignore[index]
                    for p in proxies
                ]
            else:
                own = [getattr(p, name) for p in proxies]
            if all(v is None for v in own):
                values[name], masks[name] = model_value, None
            else:
                values[name] = np.array([model_value if v is None else v for v in own])
                masks[name] = np.array([v is not None for v in own])
        uniform = all(
            p.lag == 0 and p.duration in (None, self.years) and p.drop_off in (None, self.drop_off)
            for p in proxies
        )
        n = len(proxies)
        lags = tuple(p.lag for p in proxies)
        durations = tuple(p.duration or self.years for p in proxies)
        drops = tuple(self.drop_off if p.drop_off is None else p.drop_off for p in proxies)
        if uniform:
            t = np.arange(self.years)
            profile = np.tile((1 - self.drop_off) ** t, (n, 1))
            weights = np.tile(self.yearly_weights(), (n, 1))
            annuity: Share = self.annuity
        else:
            ends = [lag + d for lag, d in zip(lags, durations, strict=True)]
            df = discount_factors(max(ends), self.discount_rate)
            profile = np.zeros((n, len(df)))
            for i in range(n):
                span = np.arange(durations[i])
                profile[i, lags[i] : ends[i]] = (1 - drops[i]) ** span
            weights = profile * df
            annuity = weights.sum(axis=1)
        return _Params(
            values["deadweight"],
            values["displacement"],
            values["attribution"],
            values["optimism_bias"],
            masks,
            weights,
            annuity,
            uniform,
            profile,
            lags,
            durations,
            drops,
        )

    def _chain(
        self,
        improved: NDArray[np.float64],
        saving: NDArray[np.float64],
        *,
        keys: tuple[str, ...],
        attribution: float | NDArray[np.float64] | None = None,
        deadweight: float | NDArray[np.float64] | None = None,
        displacement: float | NDArray[np.float64] | None = None,
        optimism_bias: float | NDArray[np.float64] | None = None,
    ) -> Iterator[NDArray[np.float64]]:
        """Yield the steps of the saving chain: the model's one formula, for one draw or many.

        The steps, in order, are ``gross = improved × saving``, then after deadweight, displacement,
        attribution and optimism bias (each the previous step times its factor), then ``net`` (times
        [`annuity`][safecore.cost.model.SavingModel.annuity]).
        [`evaluate`][safecore.cost.model.SavingModel.evaluate] keeps every step;
        [`simulate`][safecore.cost.uncertainty.simulate] keeps only the last (`_net`), so one step
        at a time is held in memory.

        *improved* and *saving* have outcomes on the last axis and broadcast
        over any leading axes (draws): shape ``(outcomes,)`` for
        [`evaluate`][safecore.cost.model.SavingModel.evaluate], ``(draws, outcomes)`` for
        [`simulate`][safecore.cost.uncertainty.simulate]. A share given here replaces the model's,
        as a number or as an array with the shape of the leading axes (one value per draw); None
        keeps the model's.
        *keys* names the outcomes (proxies may carry their own shares,
        grades or benefit profiles; a drawn share then replaces only the
        model-wide value, not a proxy's own).
        """
        prm = self._params(keys)
        dw = _with_override(prm.deadweight, prm.masks["deadweight"], deadweight)
        disp = _with_override(prm.displacement, prm.masks["displacement"], displacement)
        attr = _with_override(prm.attribution, prm.masks["attribution"], attribution)
        ob = _with_override(prm.optimism_bias, prm.masks["optimism_bias"], optimism_bias)
        value = improved * saving
        yield value
        for factor in (1 - dw, 1 - disp, attr, 1 - ob, prm.annuity):
            if np.ndim(factor) or factor != 1:  # times exactly 1 is the same value: skip the pass
                value = value * factor
            yield value

    def _net(
        self,
        improved: NDArray[np.float64],
        saving: NDArray[np.float64],
        *,
        keys: tuple[str, ...],
        **shares: float | NDArray[np.float64] | None,
    ) -> NDArray[np.float64]:
        """Return the last step of `_chain`: net value per outcome over the benefit period."""
        return deque(self._chain(improved, saving, keys=keys, **shares), maxlen=1).pop()

    def evaluate(self, cohort: Cohort) -> Evaluation:
        """Net savings of *cohort*, with every step of the chain.

        Raises
        ------
        InputTypeError
            If *cohort* is not a [`Cohort`][safecore.cost.cohorts.Cohort].
        KeyError
            (`MissingOutcomeError`) if an outcome of the cohort has no proxy.
        """
        return self._evaluate(cohort)

    def _evaluate(self, cohort: Cohort, proxy_factor: tuple[str, float] | None = None) -> Evaluation:
        """Evaluate, optionally with one outcome's saving multiplied (for sensitivity)."""
        keys, improved, saving = self._arrays(cohort)
        if proxy_factor is not None:
            key, factor = proxy_factor
            saving = np.where(np.array([k == key for k in keys]), saving * factor, saving)
        steps = dict(zip(_STEPS, self._chain(improved, saving, keys=keys), strict=True))
        return Evaluation(
            cohort=cohort.name,
            families=cohort.families,
            outcomes=keys,
            improved=improved,
            saving=saving,
            annuity=self.annuity,
            **steps,
        )

    def _payback(self, ev: Evaluation, cost: float) -> int | None:
        """Return the package's payback rule for *ev* against a year-0 cost per family."""
        prm = self._params(ev.outcomes)
        if prm.uniform:
            annual = float(ev.after_optimism_bias.sum()) / ev.families
            return _payback_year(annual, self.yearly_weights(), cost)
        yearly = (ev.after_optimism_bias @ prm.weights) / ev.families
        reached = np.flatnonzero(np.cumsum(yearly) >= cost)
        return int(reached[0]) if len(reached) else None

    def compare(self, a: Cohort, b: Cohort) -> Comparison:
        """Compare two cohorts per family (e.g. engaged against disengaged).

        Raises
        ------
        InputTypeError
            If *a* or *b* is not a [`Cohort`][safecore.cost.cohorts.Cohort].
        KeyError
            (`MissingOutcomeError`) if an outcome of either has no proxy.
        """
        return Comparison(self.evaluate(a), self.evaluate(b))

    def to_dict(self) -> dict[str, Any]:
        """Parameters as plain Python (the proxy table as a list)."""
        d = {
            f.name: getattr(self, f.name)
            for f in attrs.fields(SavingModel)
            if f.name not in ("proxies", "grade_table")
        }
        table = None if self.grade_table is None else self.grade_table.to_dict()
        return {"proxies": self.proxies.to_dict()["proxies"], **d, "grade_table": table}

    def __repr__(self) -> str:
        return (
            f"SavingModel(outcomes={len(self.proxies)}, attribution={self.attribution:g}, "
            f"deadweight={self.deadweight:g}, displacement={self.displacement:g}, "
            f"optimism_bias={self.optimism_bias:g}, years={self.years}, drop_off={self.drop_off:g}, "
            f"discount_rate={self.discount_rate!r})"
        )


def with_every_proxy(model: SavingModel, **fields: Any) -> SavingModel:
    """Return *model* with *fields* (e.g. ``lag=2``) set on every proxy of its table.

    Examples
    --------
    >>> from safecore.cost import SavingModel
    >>> from safecore.cost.model import with_every_proxy
    >>> from safecore.datasets import SAFECORE_2020
    >>> {proxy.lag for proxy in with_every_proxy(SavingModel(SAFECORE_2020), lag=1).proxies}
    {1}
    """
    table = ProxyTable(attrs.evolve(p, **fields) for p in model.proxies)
    return attrs.evolve(model, proxies=table)


# -- value for money ----------------------------------------------------------------------------


def delivery_cost_per_family(funding: float, families: int, startup_share: float = 0.0) -> float:
    """Delivery cost per family: ``funding × (1 - startup_share) / families``.

    Parameters
    ----------
    funding : float
        Total funding in pounds, a finite number >= 0.
    families : int
        Families supported, a whole number >= 1.
    startup_share : float
        Share of *funding* spent on setting up, in [0, 1].

    Returns
    -------
    float

    Raises
    ------
    InputTypeError
        (a ``TypeError``) if an argument is not a number (``bool`` and text are refused).
    ModelError
        (a ``ValueError``) for a negative, NaN or infinite *funding*, *families*
        below 1 or not whole, or *startup_share* outside [0, 1].

    Examples
    --------
    The report's figures (it printed £19,918):

    >>> round(delivery_cost_per_family(1_950_000, 89, startup_share=0.10), 2)
    19719.1
    """
    money = _money_amount(funding, "funding")
    n = check_whole(families, "families", minimum=1, error=ModelError)
    share = check_share(startup_share, "startup_share", error=ModelError)
    return money * (1 - share) / n


@attrs.frozen(slots=True, repr=False, eq=False)
class ValueForMoney(Result):
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

    Notes
    -----
    ``to_frame()`` has one row: ``benefit, cost, npv, bcr, roi,
    payback_year``; ``to_dict()`` has the same keys (an infinite ratio as
    ``None``).

    Examples
    --------
    [`value_for_money`][safecore.cost.model.value_for_money] returns one: a dozen families, five
    years of benefit at 66% attribution, against £6,000 per family:

    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel, value_for_money
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> vfm = value_for_money(SavingModel(proxies, years=5, attribution=0.66), cohort, 6_000)
    >>> vfm
    ValueForMoney(benefit=£8,951, cost=£6,000, npv=£2,951, bcr=1.49, roi=49.2%, payback=year 3)
    >>> round(vfm.benefit, 2), vfm.cost, round(vfm.npv, 2)
    (8950.7, 6000.0, 2950.7)
    >>> round(vfm.bcr, 2), round(vfm.roi, 3), vfm.payback_year
    (1.49, 0.492, 3)
    >>> print(vfm.summary())
    Per family: benefit £8,951, cost £6,000, NPV £2,951, BCR 1.49, payback year 3
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

    def _payback(self) -> str:
        return "never" if self.payback_year is None else f"year {self.payback_year}"

    def _table(self) -> ResultTable:
        return ResultTable(
            ("benefit", "cost", "npv", "bcr", "roi", "payback_year"),
            [(self.benefit, self.cost, self.npv, self.bcr, self.roi, self.payback_year)],
            caption="Value for money per family",
            headers=("Benefit", "Cost", "NPV", "BCR", "ROI", "Payback year"),
            formats={"benefit": "money", "cost": "money", "npv": "money", "bcr": ".2f", "roi": ".1%"},
        )

    def summary(self) -> str:
        """Return benefit, cost, NPV, BCR and payback per family in one line."""
        return (
            f"Per family: benefit {fmt_money(self.benefit)}, cost {fmt_money(self.cost)}, "
            f"NPV {fmt_money(self.npv)}, BCR {self.bcr:.2f}, payback {self._payback()}"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the fields and the derived measures (npv, bcr, roi) as plain JSON types."""
        data: dict[str, Any] = json_safe(
            {
                "benefit": self.benefit,
                "cost": self.cost,
                "npv": self.npv,
                "bcr": self.bcr,
                "roi": self.roi,
                "payback_year": self.payback_year,
            }
        )
        return data

    def __repr__(self) -> str:
        return (
            f"ValueForMoney(benefit={fmt_money(self.benefit)}, cost={fmt_money(self.cost)}, "
            f"npv={fmt_money(self.npv)}, bcr={self.bcr:.2f}, roi={self.roi:.1%}, "
            f"payback={self._payback()})"
        )


def value_for_money(model: SavingModel, cohort: Cohort, cost_per_family: float) -> ValueForMoney:
    """ROI, NPV, benefit–cost ratio and payback year of *cohort* under *model*.

    Parameters
    ----------
    model : SavingModel
    cohort : Cohort
    cost_per_family : float
        Delivery cost per family in pounds (year 0), a finite number >= 0.

    Returns
    -------
    ValueForMoney

    Raises
    ------
    InputTypeError
        If *model* or *cohort* has the wrong type or *cost_per_family* is not
        a number (``bool`` and text are refused).
    ModelError
        If *cost_per_family* is negative, NaN or infinite.
    KeyError
        (`MissingOutcomeError`) if an outcome of the cohort has no proxy.

    Examples
    --------
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
    >>> cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.10)
    >>> vfm = value_for_money(SavingModel(SAFECORE_2020, years=5), SAFECORE_2020_ENGAGED, cost)
    >>> vfm.payback_year, round(vfm.bcr, 2)
    (1, 3.57)
    """
    _check_model(model)
    cost = _money_amount(cost_per_family, "cost_per_family")
    ev = model.evaluate(cohort)
    return ValueForMoney(benefit=ev.per_family, cost=cost, payback_year=model._payback(ev, cost))


@attrs.frozen(slots=True, repr=False, eq=False)
class SwitchingValue(Result):
    """The value of one parameter at which savings per family equal the cost.

    ``value`` is None when no value in ``bounds`` makes them equal; ``note``
    then says why. ``to_frame()`` has one row: ``parameter, value, low,
    high, note``.

    Attributes
    ----------
    parameter : str
        The parameter varied (``"attribution"``, ``"deadweight"``, ``"years"``, ``"lag"`` or
        ``"duration"``).
    value : float or None
        Its switching value, or None when none is in range.
    bounds : (float, float)
        The range searched.
    note : str
        What the value means, or why there is none.

    Examples
    --------
    [`switching_value`][safecore.cost.model.switching_value] returns one: how low may attribution
    fall, and how short may the benefit last, before £6,000 per family is not repaid?

    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel, switching_value
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> model = SavingModel(proxies, years=5, attribution=0.66)
    >>> attribution = switching_value(model, cohort, 6_000, "attribution")
    >>> attribution
    SwitchingValue(attribution=0.442424, bounds=(0.0, 1.0))
    >>> round(attribution.value, 3), attribution.note
    (0.442, 'savings equal the cost')
    >>> print(switching_value(model, cohort, 6_000, "years").summary())
    Switching years = 4 (smallest whole number of years)

    No deadweight brings savings up to £20,000 per family:

    >>> none = switching_value(model, cohort, 20_000, "deadweight")
    >>> none.value is None, none.note
    (True, 'savings stay below the cost for every deadweight in [0, 1]')
    """

    parameter: str
    value: float | None
    bounds: tuple[float, float]
    note: str

    def _table(self) -> ResultTable:
        low, high = self.bounds
        return ResultTable(
            ("parameter", "value", "low", "high", "note"),
            [(self.parameter, self.value, low, high, self.note)],
            caption=self.summary(),
            formats={"value": ".6g", "low": "g", "high": "g"},
        )

    def summary(self) -> str:
        """Return the switching value and what it means, or why there is none."""
        if self.value is None:
            return f"No switching {self.parameter}: {self.note}"
        return f"Switching {self.parameter} = {self.value:.6g} ({self.note})"

    def __repr__(self) -> str:
        shown = "none in range" if self.value is None else f"{self.value:.6g}"
        return f"SwitchingValue({self.parameter}={shown}, bounds={self.bounds})"


def _switching_profile(
    model: SavingModel, cohort: Cohort, cost: float, parameter: str, longest: int
) -> SwitchingValue:
    """Switching lag (largest) or duration (smallest), set on every proxy, in whole years."""

    def reaches(value: int) -> bool:
        variant = with_every_proxy(model, **{parameter: value})
        return variant.evaluate(cohort).per_family >= cost

    if parameter == "lag":
        bounds = (0.0, float(longest))
        if not reaches(0):
            return SwitchingValue("lag", None, bounds, "savings stay below the cost even with no lag")
        lo, hi = 0, longest  # savings fall as the lag grows: find the largest lag that reaches
        if reaches(hi):
            return SwitchingValue("lag", float(hi), bounds, f"savings reach the cost up to {hi} years")
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if reaches(mid) else (lo, mid)
        return SwitchingValue(
            "lag", float(lo), bounds, "largest whole lag (years) whose savings reach the cost"
        )
    bounds = (1.0, float(longest))
    if not reaches(longest):
        return SwitchingValue(
            "duration", None, bounds, f"savings stay below the cost for a duration of {longest} years"
        )
    lo, hi = 0, longest  # savings grow with the duration: find the smallest that reaches
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if reaches(mid) else (mid, hi)
    return SwitchingValue(
        "duration", float(hi), bounds, "smallest whole duration (years) whose savings reach the cost"
    )


def switching_value(  # noqa: PLR0911 - one return per kind of answer
    model: SavingModel,
    cohort: Cohort,
    cost_per_family: float,
    parameter: Literal["attribution", "deadweight", "years", "lag", "duration"] = "attribution",
    *,
    max_years: int = 200,
) -> SwitchingValue:
    """Find the *parameter* value at which savings per family equal the cost.

    Other parameters stay as in *model*. For ``"years"`` the answer is the
    smallest whole number of years (up to *max_years*) whose savings reach
    the cost; ``"lag"`` and ``"duration"`` are set on every proxy, in whole
    years (the largest lag, the smallest duration, whose savings reach it).

    Parameters
    ----------
    model : SavingModel
    cohort : Cohort
    cost_per_family : float
        Delivery cost per family in pounds, a finite number >= 0.
    parameter : {"attribution", "deadweight", "years", "lag", "duration"}
    max_years : int
        For ``"years"``, ``"lag"`` and ``"duration"``: the longest tried, 1 to 1,000.

    Returns
    -------
    SwitchingValue
        With ``value=None`` and an explanatory note when no value in range
        switches the decision.

    Raises
    ------
    InputTypeError
        If *model* or *cohort* has the wrong type, *parameter* is not text,
        or *cost_per_family* or *max_years* is not a number.
    ModelError
        If *parameter* is not one of the five names, *cost_per_family* is
        negative, NaN or infinite, or *max_years* is below 1 or not whole.
    LimitExceededError
        If *max_years* is above 1,000.

    Examples
    --------
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED
    >>> cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.10)
    >>> switching_value(SavingModel(SAFECORE_2020, years=5), SAFECORE_2020_ENGAGED, cost, "attribution")
    SwitchingValue(attribution=0.280456, bounds=(0.0, 1.0))
    >>> model = SavingModel(SAFECORE_2020)
    >>> switching_value(model, SAFECORE_2020_DISENGAGED, cost, "deadweight").value is None
    True
    """
    _check_model(model)
    _check_cohort(cohort)
    cost = _money_amount(cost_per_family, "cost_per_family")
    check_instance(parameter, str, "parameter", "text")
    if parameter not in ("attribution", "deadweight", "years", "lag", "duration"):
        msg = (
            f"parameter must be 'attribution', 'deadweight', 'years', 'lag' or 'duration': {parameter!r}"
        )
        raise ModelError(msg)
    longest = check_years(max_years, "max_years", error=ModelError)
    if parameter in ("lag", "duration"):
        return _switching_profile(model, cohort, cost, parameter, longest)

    from scipy.optimize import brentq  # noqa: PLC0415

    def gap(**kw: Any) -> float:
        return attrs.evolve(model, **kw).evaluate(cohort).per_family - cost

    if parameter == "years":
        bounds = (1.0, float(longest))
        weights_model = attrs.evolve(model, years=longest)
        payback = weights_model._payback(weights_model.evaluate(cohort), cost)
        if payback is not None:
            return SwitchingValue("years", float(payback + 1), bounds, "smallest whole number of years")
        return SwitchingValue("years", None, bounds, f"savings stay below the cost for {longest} years")
    bounds = (0.0, 1.0)
    lo, hi = gap(**{parameter: 0.0}), gap(**{parameter: 1.0})
    if lo == 0.0:
        return SwitchingValue(parameter, 0.0, bounds, "savings equal the cost at the bound")
    if hi == 0.0:
        return SwitchingValue(parameter, 1.0, bounds, "savings equal the cost at the bound")
    if np.sign(lo) == np.sign(hi):  # savings are never negative: both gaps are below zero
        return SwitchingValue(
            parameter, None, bounds, f"savings stay below the cost for every {parameter} in [0, 1]"
        )
    root = float(brentq(lambda x: gap(**{parameter: x}), 0.0, 1.0, xtol=1e-12))
    return SwitchingValue(parameter, root, bounds, "savings equal the cost")
