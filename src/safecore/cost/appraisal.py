r"""Cost–benefit appraisal in the HM Treasury local-partnership format.

HM Treasury and New Economy (April 2014), *Supporting public service
transformation: cost benefit analysis guidance for local partnerships*:
costs by year (chapter 6), benefits by year valued with unit costs, each
adjusted for deadweight, displacement, attribution and optimism bias by
confidence grade, and classed as fiscal, economic or social, cashable or not,
and by the agency that gains (chapter 7); outputs are the net present value,
benefit–cost ratios (overall and by kind of benefit), the fiscal return on
investment and the payback period (chapter 5).

Conventions
-----------
Years are indexed ``t = 0, 1, 2, ...``; year ``t`` is discounted by
``1 / DF_t`` from [`discount_factors`][safecore.cost.model.discount_factors] (year 0
undiscounted). A proxy's benefit occurs in years ``lag ... lag + duration -
1``; in its ``k``-th year (``k = 0, 1, ...``) it is

$$
n\,s\,(1-\text{dw})(1-\text{disp})\,\text{attr}\,(1-\text{OB}[g])\,(1-\text{drop})^k
$$

Costs in year ``t`` are the year's amounts (all types) times
``1 + uplift``.

Examples
--------
>>> from safecore.cost import Cohort, Costs, Proxy, ProxyTable, SavingModel, appraise
>>> table = ProxyTable([Proxy("housing", "Eviction avoided", 1000, "LA", value_type="fiscal",
...                           beneficiary="Local authority", cashable=True)])
>>> a = appraise(SavingModel(table, years=2), Cohort("Pilot", 10, {"housing": 3}), Costs([2500]))
>>> round(a.npv, 2), round(a.bcr, 4)
(3398.55, 2.3594)
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import InputTypeError, ModelError
from safecore._format import fmt_money
from safecore._results import Result, ResultTable, json_safe
from safecore._validate import check_real, check_text, show_value, type_name
from safecore.cost.cohorts import Cohort
from safecore.cost.model import (
    Evaluation,
    SavingModel,
    _check_cohort,
    _check_model,
    _label,
    _readonly,
    discount_factors,
)
from safecore.cost.proxies import MAX_SAVING, VALUE_TYPES

__all__ = ["Appraisal", "Breakdown", "Costs", "OutcomeAssumptions", "appraise"]

#: Largest optimism-bias uplift on costs (an uplift of 200% is already extreme).
MAX_UPLIFT = 10.0
#: Beneficiary shown for a proxy without one.
UNASSIGNED = "Unassigned"


def _amounts(value: object, name: str) -> tuple[float, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        kind = type_name(value)
        msg = f"{name} must be a sequence of amounts per year, not {kind}: {show_value(value)}"
        raise InputTypeError(msg)
    out = tuple(
        check_real(v, f"{name}[{t}]", minimum=0, maximum=MAX_SAVING, error=ModelError) + 0.0
        for t, v in enumerate(value)
    )
    if not out:
        msg = f"{name} must give at least one year (year 0 first)"
        raise ModelError(msg)
    return out


def _by_type(value: object) -> dict[str, tuple[float, ...]]:
    if isinstance(value, Mapping):
        if not value:
            msg = "costs must give at least one type"
            raise ModelError(msg)
        return {
            check_text(k, "a cost type", error=ModelError): _amounts(v, f"costs[{k!r}]")
            for k, v in value.items()
        }
    return {"total": _amounts(value, "costs")}


def _uplift(value: object) -> float:
    return check_real(value, "uplift", minimum=0, maximum=MAX_UPLIFT, error=ModelError)


@attrs.frozen(slots=True, repr=False, eq=False)
class Costs(Result):
    """Programme costs by year (year 0 first), optionally by type, with an optimism-bias uplift.

    Parameters
    ----------
    by_type : sequence of float, or mapping of str to sequence of float
        Amounts in pounds per year, e.g. ``[120_000, 80_000]``, or per type
        of cost, e.g. ``{"staff": [...], "overhead": [...], "set-up": [...]}``
        (types may cover different numbers of years; missing years are 0).
    uplift : float
        Optimism-bias uplift on costs, a share >= 0 (at most 10): every
        amount is multiplied by ``1 + uplift`` (HM Treasury 2014 guidance,
        chapter 6; the Green Book's supplementary guidance on optimism bias).

    Raises
    ------
    InputTypeError
        If the amounts are not a sequence (or a mapping of sequences).
    ModelError
        For a negative, NaN or infinite amount, an empty list or an uplift
        outside [0, 10].

    Examples
    --------
    >>> c = Costs({"staff": [100, 50], "set-up": [20]}, uplift=0.1)
    >>> c.years, [round(float(v), 2) for v in c.per_year()]
    (2, [132.0, 55.0])
    """

    by_type: dict[str, tuple[float, ...]] = attrs.field(converter=_by_type)
    uplift: float = attrs.field(default=0.0, kw_only=True, converter=_uplift)

    @property
    def years(self) -> int:
        """Number of years with a cost (the longest type)."""
        return max(len(v) for v in self.by_type.values())

    def _matrix(self, horizon: int | None = None) -> NDArray[np.float64]:
        n = self.years if horizon is None else max(horizon, self.years)
        out = np.zeros((len(self.by_type), n))
        for i, amounts in enumerate(self.by_type.values()):
            out[i, : len(amounts)] = amounts
        return out

    def per_year(self, horizon: int | None = None) -> NDArray[np.float64]:
        """Costs per year after the uplift (padded with zeros to *horizon* years)."""
        total: NDArray[np.float64] = self._matrix(horizon).sum(axis=0) * (1 + self.uplift)
        return total

    def _table(self) -> ResultTable:
        m = self._matrix()
        types = list(self.by_type)
        cols = tuple(f"cost_{i}" for i in range(len(types)))
        return ResultTable(
            ("year", *cols, "before_uplift", "uplift", "total"),
            [
                (
                    t,
                    *(float(v) for v in m[:, t]),
                    float(m[:, t].sum()),
                    float(m[:, t].sum() * self.uplift),
                    float(m[:, t].sum() * (1 + self.uplift)),
                )
                for t in range(self.years)
            ],
            caption=f"Costs by year (optimism-bias uplift {self.uplift:.0%})",
            headers=("Year", *types, "Before uplift", "Uplift", "Total"),
            formats=dict.fromkeys((*cols, "before_uplift", "uplift", "total"), "money"),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the amounts by type and the uplift."""
        return {"by_type": {k: list(v) for k, v in self.by_type.items()}, "uplift": self.uplift}

    def __repr__(self) -> str:
        total = float(self._matrix().sum())
        return (
            f"Costs(years={self.years}, types={list(self.by_type)}, total={fmt_money(total)}, "
            f"uplift={self.uplift:g})"
        )


@attrs.frozen(slots=True, repr=False, eq=False)
class Breakdown(Result):
    """Benefits grouped one way (by value type, beneficiary, cashable or outcome), year by year.

    Attributes
    ----------
    by : str
        What the groups are: ``"value_type"``, ``"beneficiary"``, ``"cashable"`` or ``"outcome"``.
    groups : tuple of str
    yearly : ndarray, shape (groups, years)
        Undiscounted benefits per group per year ``t = 0, 1, ...``.
    discount : ndarray, shape (years,)
        ``1 / DF_t``.
    pv_costs : float
        Present value of costs (for each group's BCR).
    families : int

    Notes
    -----
    ``to_frame()`` has one row per group: the group, ``pv``, ``pv_per_family``,
    ``bcr`` (``pv / pv_costs``) and the undiscounted benefit of each year,
    ``year_0``, ``year_1``, ...

    Examples
    --------
    An [`Appraisal`][safecore.cost.appraisal.Appraisal] gives one breakdown per grouping; here
    who gains, over three years:

    >>> from safecore.cost import Cohort, Costs, Proxy, ProxyTable, SavingModel, appraise
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)",
    ...           beneficiary="Local authority"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)",
    ...           beneficiary="NHS"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> a = appraise(SavingModel(proxies, years=3), cohort, Costs([60_000, 10_000]))
    >>> by_agency = a.by_beneficiary
    >>> by_agency
    Breakdown(by=beneficiary, Local authority=£67,592, NHS=£33,390)
    >>> by_agency.groups, {g: round(v, 2) for g, v in by_agency.bcr.items()}
    (('Local authority', 'NHS'), {'Local authority': 0.97, 'NHS': 0.48})
    >>> print(by_agency)
    Benefits by beneficiary (present value and per year, undiscounted)
    Beneficiary           PV  PV per family   BCR   Year 0   Year 1   Year 2
    Local authority  £67,592         £5,633  0.97  £23,310  £23,310  £23,310
    NHS              £33,390         £2,782  0.48  £11,515  £11,515  £11,515
    """

    by: str
    groups: tuple[str, ...]
    yearly: NDArray[np.float64] = attrs.field(converter=_readonly)
    discount: NDArray[np.float64] = attrs.field(converter=_readonly)
    pv_costs: float
    families: int

    @property
    def pv(self) -> dict[str, float]:
        """Present value per group."""
        return {g: float(v) for g, v in zip(self.groups, self.yearly @ self.discount, strict=True)}

    @property
    def bcr(self) -> dict[str, float]:
        """Benefit–cost ratio per group (inf for zero costs)."""
        return {g: _ratio(v, self.pv_costs) for g, v in self.pv.items()}

    def _table(self) -> ResultTable:
        years = tuple(f"year_{t}" for t in range(self.yearly.shape[1]))
        pv = self.pv
        return ResultTable(
            (self.by, "pv", "pv_per_family", "bcr", *years),
            [
                (
                    g,
                    pv[g],
                    pv[g] / self.families,
                    _ratio(pv[g], self.pv_costs),
                    *(float(v) for v in self.yearly[i]),
                )
                for i, g in enumerate(self.groups)
            ],
            caption=(
                f"Benefits by {self.by.replace('_', ' ')} (present value and per year, undiscounted)"
            ),
            headers=(
                self.by.replace("_", " ").capitalize(),
                "PV",
                "PV per family",
                "BCR",
                *(f"Year {t}" for t in range(len(years))),
            ),
            formats={
                "pv": "money",
                "pv_per_family": "money",
                "bcr": ".2f",
                **dict.fromkeys(years, "money"),
            },
        )

    def __repr__(self) -> str:
        body = ", ".join(f"{g}={fmt_money(v)}" for g, v in self.pv.items())
        return f"Breakdown(by={self.by}, {body})"


_ASSUMPTION_COLUMNS = (
    "outcome",
    "value_type",
    "beneficiary",
    "cashable",
    "grade",
    "deadweight",
    "displacement",
    "attribution",
    "optimism_bias",
    "lag",
    "duration",
    "drop_off",
)


@attrs.frozen(slots=True, repr=False, eq=False)
class OutcomeAssumptions(Result):
    """The parameters used for each outcome (the model's, or the proxy's own).

    ``to_frame()`` has one row per outcome: ``outcome, value_type,
    beneficiary, cashable, grade, deadweight, displacement, attribution,
    optimism_bias, lag, duration, drop_off``.

    Attributes
    ----------
    rows : tuple of tuple
        One per outcome, in the order of the columns above.
    grade_source : str or None
        Where the model's optimism-bias table by grade comes from (None without one).

    Examples
    --------
    [`appraise`][safecore.cost.appraisal.appraise] records what it assumed for each outcome: here
    a graded proxy's optimism bias comes from the table by grade, and a proxy's own deadweight
    replaces the model's:

    >>> from safecore.cost import (Cohort, Costs, OptimismBias, Proxy, ProxyTable, SavingModel,
    ...                            appraise)
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)", grade=2),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)",
    ...           deadweight=0.4),
    ... ])
    >>> grades = OptimismBias({1: 0.0, 2: 0.05, 3: 0.1, 4: 0.15, 5: 0.25, 6: 0.4}, source="guidance")
    >>> model = SavingModel(proxies, years=3, deadweight=0.2, grade_table=grades)
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> assumptions = appraise(model, cohort, Costs([60_000])).assumptions
    >>> assumptions
    OutcomeAssumptions(2 outcomes)
    >>> assumptions.grade_source
    'guidance'
    >>> [(row[0], row[4], row[5], row[8]) for row in assumptions.rows]  # outcome, grade, dw, OB
    [('Housing', 2, 0.2, 0.05), ('Mental Health', None, 0.4, 0.0)]
    """

    rows: tuple[tuple[Any, ...], ...]
    grade_source: str | None = None

    def _table(self) -> ResultTable:
        shares = ("deadweight", "displacement", "attribution", "optimism_bias", "drop_off")
        return ResultTable(
            _ASSUMPTION_COLUMNS,
            self.rows,
            caption="Assumptions per outcome"
            + (f" (optimism bias by grade: {self.grade_source})" if self.grade_source else ""),
            formats=dict.fromkeys(shares, ".1%"),
        )

    def __repr__(self) -> str:
        return f"OutcomeAssumptions({len(self.rows)} outcomes)"


def _ratio(a: float, b: float) -> float:
    if b > 0:
        return a / b
    return math.inf if a > 0 else math.nan


def _payback(net_pv: NDArray[np.float64]) -> int | None:
    """First year from which cumulative discounted net benefit stays >= 0; None if never."""
    cum = np.cumsum(net_pv)
    below = np.flatnonzero(cum < 0)
    if len(below) == 0:
        return 0
    t = int(below[-1]) + 1
    return t if t < len(cum) else None


@attrs.frozen(slots=True, repr=False, eq=False)
class Appraisal(Result):
    """A cost–benefit appraisal: benefits and costs by year, NPV, BCRs, ROI and payback.

    Attributes
    ----------
    cohort : str
    families : int
    outcomes : tuple of str
    value_types, beneficiaries : tuple of str
        Per outcome (an absent value type is ``"fiscal"``, an absent
        beneficiary ``"Unassigned"``).
    cashable : tuple of bool or None
        Per outcome.
    benefits : ndarray, shape (outcomes, years)
        Undiscounted benefit per outcome per year ``t`` (every adjustment applied).
    costs_by_year : ndarray, shape (years,)
        Costs per year after the optimism-bias uplift.
    discount : ndarray, shape (years,)
        ``1 / DF_t``.
    steps : Evaluation
        The saving chain per outcome (gross, after each adjustment, net PV).
    costs : Costs
    assumptions : OutcomeAssumptions
    price_years : tuple of int
        The proxies' price years (more than one only with ``allow_mixed_price_years``).
    mixed_price_years : bool
        True when the proxies were in different price years and the model was
        told to accept that: the figures then add pounds of different years.

    Notes
    -----
    ``to_frame()`` is the table by year: ``year, discount_factor, fiscal, economic, social,
    benefits, costs, net, pv_benefits, pv_costs, pv_net, cumulative_pv_net``.
    [`by_value_type`][safecore.cost.appraisal.Appraisal.by_value_type],
    [`by_beneficiary`][safecore.cost.appraisal.Appraisal.by_beneficiary],
    [`by_cashable`][safecore.cost.appraisal.Appraisal.by_cashable] and
    [`by_outcome`][safecore.cost.appraisal.Appraisal.by_outcome] are
    [`Breakdown`][safecore.cost.appraisal.Breakdown] results;
    [`to_xlsx`][safecore.cost.appraisal.Appraisal.to_xlsx] writes every table to a workbook.

    Examples
    --------
    Twelve families improving on housing and mental health, against
    £60,000 in year 0 and £10,000 in year 1, over three years of benefit
    with 20% deadweight:

    >>> from safecore.cost import Cohort, Costs, Proxy, ProxyTable, SavingModel, appraise
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)",
    ...           value_type="fiscal", beneficiary="Local authority", cashable=True),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)",
    ...           value_type="social", beneficiary="NHS"),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> a = appraise(SavingModel(proxies, years=3, deadweight=0.2), cohort, Costs([60_000, 10_000]))
    >>> a
    Appraisal('Pilot', years=3, npv=£11,124, bcr=1.16)
    >>> round(a.pv_benefits), round(a.pv_costs), round(a.npv), round(a.npv_per_family)
    (80785, 69662, 11124, 927)
    >>> round(a.bcr, 2), {k: round(v, 2) for k, v in a.bcr_by_value_type.items()}
    (1.16, {'fiscal': 0.78, 'economic': 0.0, 'social': 0.38})
    >>> a.payback_year, a.fiscal_payback_year
    (2, None)
    >>> [round(b) for b in a.benefits_by_year], [round(c) for c in a.costs_by_year]
    ([27860, 27860, 27860], [60000, 10000, 0])
    >>> print(a.summary())
    Pilot: NPV £11,124 (PV benefits £80,785, PV costs £69,662), BCR 1.16, fiscal BCR 0.78, payback year 2
    """

    cohort: str
    families: int
    outcomes: tuple[str, ...]
    value_types: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    cashable: tuple[bool | None, ...]
    benefits: NDArray[np.float64] = attrs.field(converter=_readonly)
    costs_by_year: NDArray[np.float64] = attrs.field(converter=_readonly)
    discount: NDArray[np.float64] = attrs.field(converter=_readonly)
    steps: Evaluation
    costs: Costs
    assumptions: OutcomeAssumptions
    discount_rate: float | str
    price_years: tuple[int, ...] = ()
    mixed_price_years: bool = False

    # -- totals --------------------------------------------------------------------------
    @property
    def years(self) -> int:
        """Number of years appraised (``t = 0 .. years - 1``)."""
        return len(self.discount)

    @property
    def benefits_by_year(self) -> NDArray[np.float64]:
        """Undiscounted benefits per year, all outcomes."""
        out: NDArray[np.float64] = self.benefits.sum(axis=0)
        return out

    @property
    def pv_benefits(self) -> float:
        """Present value of benefits."""
        return float(self.benefits_by_year @ self.discount)

    @property
    def pv_costs(self) -> float:
        """Present value of costs (after the uplift)."""
        return float(self.costs_by_year @ self.discount)

    @property
    def npv(self) -> float:
        """Net present value: ``pv_benefits - pv_costs``."""
        return self.pv_benefits - self.pv_costs

    @property
    def bcr(self) -> float:
        """Benefit–cost ratio ``pv_benefits / pv_costs`` (inf for zero costs)."""
        return _ratio(self.pv_benefits, self.pv_costs)

    @property
    def bcr_by_value_type(self) -> dict[str, float]:
        """BCR per value type: e.g. fiscal BCR = PV of fiscal benefits / PV of costs."""
        return self.by_value_type.bcr

    @property
    def fiscal_roi(self) -> float:
        """Fiscal return on investment ``(PV fiscal benefits - PV costs) / PV costs``.

        The GM CBA model prints its "financial ROI" as fiscal benefit per £1 of cost, which is
        [`bcr_by_value_type`][safecore.cost.appraisal.Appraisal.bcr_by_value_type] ``["fiscal"]``;
        this is that ratio minus one (the net return), like
        [`ValueForMoney`][safecore.cost.model.ValueForMoney].
        """
        fiscal = self.by_value_type.pv.get("fiscal", 0.0)
        return _ratio(fiscal - self.pv_costs, self.pv_costs)

    def _net_pv(self, benefits: NDArray[np.float64]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = (benefits - self.costs_by_year) * self.discount
        return out

    @property
    def payback_year(self) -> int | None:
        """First year ``t`` from which cumulative discounted benefits stay >= cumulative costs."""
        return _payback(self._net_pv(self.benefits_by_year))

    @property
    def fiscal_payback_year(self) -> int | None:
        """As `payback_year`, counting fiscal benefits only."""
        mask = np.array([v == "fiscal" for v in self.value_types], dtype=bool)
        fiscal = self.benefits[mask].sum(axis=0) if mask.any() else np.zeros(self.years)
        return _payback(self._net_pv(fiscal))

    @property
    def npv_per_family(self) -> float:
        """``npv / families``."""
        return self.npv / self.families

    @property
    def pv_benefits_per_family(self) -> float:
        """``pv_benefits / families``."""
        return self.pv_benefits / self.families

    @property
    def pv_costs_per_family(self) -> float:
        """``pv_costs / families``."""
        return self.pv_costs / self.families

    # -- breakdowns --------------------------------------------------------------------------
    def _group(self, by: str, labels: Sequence[str], order: Sequence[str] = ()) -> Breakdown:
        groups = list(dict.fromkeys([*order, *labels]))
        yearly = np.array(
            [self.benefits[[lab == g for lab in labels]].sum(axis=0) for g in groups]
        ).reshape(len(groups), self.years)
        return Breakdown(by, tuple(groups), yearly, self.discount, self.pv_costs, self.families)

    @property
    def by_value_type(self) -> Breakdown:
        """Benefits by value type (fiscal, economic, social; every type shown)."""
        groups = list(VALUE_TYPES)
        yearly = np.array(
            [self.benefits[[v == g for v in self.value_types]].sum(axis=0) for g in groups]
        ).reshape(len(groups), self.years)
        return Breakdown(
            "value_type", tuple(groups), yearly, self.discount, self.pv_costs, self.families
        )

    @property
    def by_beneficiary(self) -> Breakdown:
        """Benefits by beneficiary (agency), in order of first appearance."""
        return self._group("beneficiary", self.beneficiaries)

    @property
    def by_cashable(self) -> Breakdown:
        """Benefits split into cashable, non-cashable and not stated."""
        labels = [
            "not stated" if c is None else ("cashable" if c else "non-cashable") for c in self.cashable
        ]
        return self._group("cashable", labels, ("cashable", "non-cashable", "not stated"))

    @property
    def by_outcome(self) -> Breakdown:
        """Benefits per outcome per year."""
        return self._group("outcome", [_label(o) for o in self.outcomes])

    # -- the protocol ------------------------------------------------------------------------
    def _table(self) -> ResultTable:
        vt = self.by_value_type.yearly
        net = self.benefits_by_year - self.costs_by_year
        pv_b = self.benefits_by_year * self.discount
        pv_c = self.costs_by_year * self.discount
        cum = np.cumsum(pv_b - pv_c)
        money = (
            "fiscal",
            "economic",
            "social",
            "benefits",
            "costs",
            "net",
            "pv_benefits",
            "pv_costs",
            "pv_net",
            "cumulative_pv_net",
        )
        return ResultTable(
            ("year", "discount_factor", *money),
            [
                (
                    t,
                    float(self.discount[t]),
                    *(float(v) for v in vt[:, t]),
                    float(self.benefits_by_year[t]),
                    float(self.costs_by_year[t]),
                    float(net[t]),
                    float(pv_b[t]),
                    float(pv_c[t]),
                    float(pv_b[t] - pv_c[t]),
                    float(cum[t]),
                )
                for t in range(self.years)
            ],
            caption=self.summary(),
            headers=(
                "Year",
                "1/DF",
                "Fiscal",
                "Economic",
                "Social",
                "Benefits",
                "Costs",
                "Net",
                "PV benefits",
                "PV costs",
                "PV net",
                "Cumulative PV net",
            ),
            formats={"discount_factor": ".4f", **dict.fromkeys(money, "money")},
        )

    def summary(self) -> str:
        """Return NPV, BCR (overall and fiscal) and payback in one line."""
        payback = "never" if self.payback_year is None else f"year {self.payback_year}"
        fiscal = self.bcr_by_value_type["fiscal"]
        line = (
            f"{self.cohort}: NPV {fmt_money(self.npv)} (PV benefits {fmt_money(self.pv_benefits)}, "
            f"PV costs {fmt_money(self.pv_costs)}), BCR {self.bcr:.2f}, fiscal BCR {fiscal:.2f}, "
            f"payback {payback}"
        )
        if self.mixed_price_years:
            line += f"; WARNING: proxies in mixed price years {self.price_years}"
        return line

    def tables(self) -> dict[str, ResultTable]:
        """Every table of the appraisal, by sheet name (what `to_xlsx` writes)."""
        return {
            "Summary": _summary_table(self),
            "By year": self._table(),
            "By value type": self.by_value_type._table(),
            "By beneficiary": self.by_beneficiary._table(),
            "Cashable": self.by_cashable._table(),
            "By outcome": self.by_outcome._table(),
            "Steps": self.steps._table(),
            "Assumptions": self.assumptions._table(),
            "Costs": self.costs._table(),
        }

    def to_xlsx(self, path: str | os.PathLike[str]) -> Path:
        """Write every table (`tables`) to an Excel workbook, one sheet each; needs openpyxl.

        Cells hold the raw values (pounds as numbers, not formatted text).
        Returns the path written.
        """
        from safecore.cost._excel import write_tables  # noqa: PLC0415 - openpyxl only here

        return write_tables(path, self.tables())

    def to_dict(self) -> dict[str, Any]:
        """Return the headline measures, the breakdowns' present values and the yearly series."""
        data: dict[str, Any] = json_safe(
            {
                "cohort": self.cohort,
                "families": self.families,
                "discount_rate": self.discount_rate,
                "pv_benefits": self.pv_benefits,
                "pv_costs": self.pv_costs,
                "npv": self.npv,
                "bcr": self.bcr,
                "bcr_by_value_type": self.bcr_by_value_type,
                "fiscal_roi": self.fiscal_roi,
                "payback_year": self.payback_year,
                "fiscal_payback_year": self.fiscal_payback_year,
                "npv_per_family": self.npv_per_family,
                "by_value_type": self.by_value_type.pv,
                "by_beneficiary": self.by_beneficiary.pv,
                "by_cashable": self.by_cashable.pv,
                "benefits_by_year": self.benefits_by_year,
                "costs_by_year": self.costs_by_year,
                "discount": self.discount,
                "price_years": list(self.price_years),
                "mixed_price_years": self.mixed_price_years,
            }
        )
        return data

    def __repr__(self) -> str:
        return (
            f"Appraisal({self.cohort!r}, years={self.years}, npv={fmt_money(self.npv)}, "
            f"bcr={self.bcr:.2f})"
        )


def _summary_table(a: Appraisal) -> ResultTable:
    rows: list[tuple[str, Any, str]] = [
        ("PV benefits", a.pv_benefits, "money"),
        ("PV costs", a.pv_costs, "money"),
        ("NPV", a.npv, "money"),
        ("BCR", a.bcr, "ratio"),
        *((f"BCR ({vt})", v, "ratio") for vt, v in a.bcr_by_value_type.items()),
        ("Fiscal ROI", a.fiscal_roi, "ratio"),
        ("Payback year", a.payback_year, "year"),
        ("Fiscal payback year", a.fiscal_payback_year, "year"),
        ("NPV per family", a.npv_per_family, "money"),
        ("Families", a.families, "count"),
    ]
    return ResultTable(
        ("measure", "value", "unit"),
        rows,
        caption=a.summary(),
        headers=("Measure", "Value", "Unit"),
    )


def appraise(model: SavingModel, cohort: Cohort, costs: Costs) -> Appraisal:
    """Appraise a programme: *cohort*'s benefits under *model* against *costs*, year by year.

    Parameters
    ----------
    model : SavingModel
        Proxies (with value type, beneficiary, cashable, grade, lag,
        duration and per-outcome shares when given), model-wide shares,
        benefit period and discount rate.
    cohort : Cohort
        Families improved per outcome (total benefits are for the cohort).
    costs : Costs
        Programme costs by year (for the same families).

    Returns
    -------
    Appraisal
        Over ``max(benefit horizon, cost years)`` years.

    Raises
    ------
    InputTypeError
        If an argument has the wrong type.
    KeyError
        (`MissingOutcomeError`) if an outcome of the cohort has no proxy.

    Notes
    -----
    Benefits follow the HM Treasury (2014) local-partnership guidance,
    chapter 7 (each adjustment applied to the unit value in turn, then the
    benefit profile); costs chapter 6; the outputs chapter 5. Present
    values use the model's discount rate (3.5% or the Green Book schedule).
    The payback year is the first year from which cumulative discounted
    benefits stay at or above cumulative discounted costs.

    Examples
    --------
    >>> from safecore.cost import Cohort, Costs, Proxy, ProxyTable, SavingModel, appraise
    >>> table = ProxyTable([Proxy("housing", "Eviction avoided", 1000, "LA", value_type="fiscal")])
    >>> appraise(SavingModel(table, years=2), Cohort("Pilot", 10, {"housing": 3}), Costs([2500]))
    Appraisal('Pilot', years=2, npv=£3,399, bcr=2.36)
    """
    _check_model(model)
    _check_cohort(cohort)
    given: object = costs  # typed for callers; checked here for everyone else
    if not isinstance(given, Costs):
        msg = f"costs must be a Costs, not {type_name(given)}: {show_value(given)}"
        raise InputTypeError(msg)
    ev = model.evaluate(cohort)
    keys = ev.outcomes
    prm = model._params(keys)
    horizon = max(prm.profile.shape[1] if keys else model.years, costs.years)
    profile = np.zeros((len(keys), horizon))
    profile[:, : prm.profile.shape[1]] = prm.profile
    benefits = ev.after_optimism_bias[:, np.newaxis] * profile
    proxies = [model.proxies[k] for k in keys]

    def per_outcome(value: Any, i: int) -> float:
        return float(value[i]) if np.ndim(value) else float(value)

    assumptions = OutcomeAssumptions(
        tuple(
            (
                _label(k),
                p.value_type or "fiscal",
                p.beneficiary or UNASSIGNED,
                p.cashable,
                p.grade,
                per_outcome(prm.deadweight, i),
                per_outcome(prm.displacement, i),
                per_outcome(prm.attribution, i),
                per_outcome(prm.optimism_bias, i),
                prm.lags[i],
                prm.durations[i],
                prm.drop_offs[i],
            )
            for i, (k, p) in enumerate(zip(keys, proxies, strict=True))
        ),
        None if model.grade_table is None else (model.grade_table.source or "supplied table"),
    )
    years = model.proxies.price_years
    return Appraisal(
        cohort=cohort.name,
        families=cohort.families,
        outcomes=keys,
        value_types=tuple(p.value_type or "fiscal" for p in proxies),
        beneficiaries=tuple(p.beneficiary or UNASSIGNED for p in proxies),
        cashable=tuple(p.cashable for p in proxies),
        benefits=benefits,
        costs_by_year=costs.per_year(horizon),
        discount=discount_factors(horizon, model.discount_rate),
        steps=ev,
        costs=costs,
        assumptions=assumptions,
        discount_rate=model.discount_rate,
        price_years=years,
        mixed_price_years=len(years) > 1,
    )
