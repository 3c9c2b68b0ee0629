"""Tests for safecore.cost.appraisal that pin exact values mutation testing found unchecked.

The worked example, by hand
---------------------------
Proxies: a £1,000 fiscal (beneficiary "LA", cashable), b £500 social (not cashable, lag 1),
c £200 economic (cashable not stated, no beneficiary, duration 1). Model: 3 years, 10%
deadweight, 3.5% discounting. Cohort of 10 families improving a: 2, b: 4, c: 5.

A year's benefit: a 2 × 1000 × 0.9 = 1,800 in years 0-2; b 4 × 500 × 0.9 = 1,800 in years
1-3 (lag 1, three years); c 5 × 200 × 0.9 = 900 in year 0 only. So 4 years are appraised:

    benefits by year   2,700  3,600  3,600  1,800
    costs: staff 3,000 and 1,000, set-up 2,000 in year 0, uplift 10%:
    costs by year      5,500  1,100      0      0
    1/DF_t             1      1/1.035  1/1.035**2  1/1.035**3

    PV fiscal   = 1800 (1 + 1/1.035 + 1/1.035**2)                     =  5,219.45
    PV social   = 1800 (1/1.035 + 1/1.035**2 + 1/1.035**3)            =  5,042.95
    PV economic = 900
    PV benefits = 11,162.40;  PV costs = 5500 + 1100/1.035 = 6,562.80;  NPV = 4,599.59
    cumulative PV net: -2,800; -2,800 + 2,500/1.035 = -384.54; + 3,600/1.035**2 > 0 -> payback 2
    fiscal only: -3,700; + 700/1.035 = -3,023.67; + 1,800/1.035**2 = -1,343.35; + 0 -> never
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from safecore._errors import InputTypeError, ModelError
from safecore.cost import (
    Cohort,
    Costs,
    OptimismBias,
    Proxy,
    ProxyTable,
    SavingModel,
    appraise,
)
from safecore.cost.appraisal import MAX_UPLIFT, Appraisal, Breakdown, _payback

V = 1 / 1.035
D = [1.0, V, V**2, V**3]
PV_FISCAL = 1800 * (1 + V + V**2)
PV_SOCIAL = 1800 * (V + V**2 + V**3)
PV_ECONOMIC = 900.0
PV_BENEFITS = PV_FISCAL + PV_SOCIAL + PV_ECONOMIC
PV_COSTS = 5500 + 1100 * V
NPV = PV_BENEFITS - PV_COSTS

TABLE = ProxyTable(
    [
        Proxy("a", "a", 1000, "s", value_type="fiscal", beneficiary="LA", cashable=True),
        Proxy("b", "b", 500, "s", value_type="social", cashable=False, lag=1),
        Proxy("c", "c", 200, "s", value_type="economic", duration=1),
    ]
)
MODEL = SavingModel(TABLE, years=3, deadweight=0.1)
COHORT = Cohort("P", 10, {"a": 2, "b": 4, "c": 5})


# Built in each test, not at import: mutation runs import the tests once, before any mutant is
# switched on, so a result computed at import would not see the mutant.
def _costs() -> Costs:
    return Costs({"staff": [3000, 1000], "set-up": [2000]}, uplift=0.1)


def _appraisal() -> Appraisal:
    return appraise(MODEL, COHORT, _costs())


def test_hand_figures_hold():
    """The rounded figures quoted in the module docstring follow from the expressions."""
    assert round(PV_FISCAL, 2) == 5219.45 and round(PV_SOCIAL, 2) == 5042.95
    assert round(PV_BENEFITS, 2) == 11162.40 and round(PV_COSTS, 2) == 6562.80
    assert round(NPV, 2) == 4599.59


def test_benefits_costs_and_discounting_by_year():
    """Benefits per outcome per year, costs after the uplift, the discount factors."""
    worked = _appraisal()
    assert worked.years == 4
    np.testing.assert_allclose(
        worked.benefits, [[1800, 1800, 1800, 0], [0, 1800, 1800, 1800], [900, 0, 0, 0]]
    )
    np.testing.assert_allclose(worked.benefits_by_year, [2700, 3600, 3600, 1800])
    np.testing.assert_allclose(worked.costs_by_year, [5500, 1100, 0, 0])
    np.testing.assert_allclose(worked.discount, D, rtol=1e-15)


def test_headline_measures():
    """PV benefits and costs, NPV, BCR overall and by value type, fiscal ROI, per family."""
    worked = _appraisal()
    assert worked.pv_benefits == pytest.approx(PV_BENEFITS, rel=1e-12)
    assert worked.pv_costs == pytest.approx(PV_COSTS, rel=1e-12)
    assert worked.npv == pytest.approx(NPV, rel=1e-12)
    assert worked.bcr == pytest.approx(PV_BENEFITS / PV_COSTS, rel=1e-12)
    assert worked.bcr_by_value_type == pytest.approx(
        {"fiscal": PV_FISCAL / PV_COSTS, "economic": 900 / PV_COSTS, "social": PV_SOCIAL / PV_COSTS}
    )
    assert list(worked.bcr_by_value_type) == ["fiscal", "economic", "social"]
    assert worked.fiscal_roi == pytest.approx((PV_FISCAL - PV_COSTS) / PV_COSTS, rel=1e-12)
    assert worked.npv_per_family == pytest.approx(NPV / 10, rel=1e-12)
    assert worked.pv_benefits_per_family == pytest.approx(PV_BENEFITS / 10, rel=1e-12)
    assert worked.pv_costs_per_family == pytest.approx(PV_COSTS / 10, rel=1e-12)
    assert worked.payback_year == 2
    assert worked.fiscal_payback_year is None


def test_breakdowns_by_group():
    """Beneficiaries in order of first appearance ("Unassigned" for none); cashable in fixed order."""
    worked = _appraisal()
    assert worked.by_beneficiary.groups == ("LA", "Unassigned")
    assert worked.by_beneficiary.pv == pytest.approx({"LA": PV_FISCAL, "Unassigned": PV_SOCIAL + 900})
    cash = worked.by_cashable
    assert cash.groups == ("cashable", "non-cashable", "not stated")
    assert cash.pv == pytest.approx(
        {"cashable": PV_FISCAL, "non-cashable": PV_SOCIAL, "not stated": 900}
    )
    np.testing.assert_allclose(
        cash.yearly, [[1800, 1800, 1800, 0], [0, 1800, 1800, 1800], [900, 0, 0, 0]]
    )
    out = worked.by_outcome
    assert out.groups == ("a", "b", "c")
    assert out.bcr == pytest.approx(
        {"a": PV_FISCAL / PV_COSTS, "b": PV_SOCIAL / PV_COSTS, "c": 900 / PV_COSTS}
    )
    vt = worked.by_value_type
    assert vt.groups == ("fiscal", "economic", "social")
    np.testing.assert_allclose(vt.yearly, [[1800, 1800, 1800, 0], [900, 0, 0, 0], [0, 1800, 1800, 1800]])


def test_cashable_groups_are_shown_even_when_empty():
    """by_cashable always has its three groups, an empty one at zero."""
    a = appraise(
        SavingModel(ProxyTable([Proxy("a", "a", 100, "s")])), Cohort("x", 1, {"a": 1}), Costs([50])
    )
    assert a.by_cashable.groups == ("cashable", "non-cashable", "not stated")
    assert a.by_cashable.pv == {"cashable": 0.0, "non-cashable": 0.0, "not stated": 100.0}
    assert a.value_types == ("fiscal",) and a.beneficiaries == ("Unassigned",)


def test_table_by_year():
    """The yearly table: columns, and each year's figures (PV net cumulated)."""
    worked = _appraisal()
    table = worked._table()
    assert table.columns == (
        "year", "discount_factor", "fiscal", "economic", "social", "benefits", "costs", "net",
        "pv_benefits", "pv_costs", "pv_net", "cumulative_pv_net",
    )  # fmt: skip
    rows = [list(r) for r in table.rows]
    assert [r[0] for r in rows] == [0, 1, 2, 3]
    expected = [
        [1.0, 1800, 900, 0, 2700, 5500, -2800, 2700, 5500, -2800, -2800],
        [V, 1800, 0, 1800, 3600, 1100, 2500, 3600 * V, 1100 * V, 2500 * V, -2800 + 2500 * V],
        [
            V**2,
            1800,
            0,
            1800,
            3600,
            0,
            3600,
            3600 * V**2,
            0,
            3600 * V**2,
            -2800 + 2500 * V + 3600 * V**2,
        ],
        [V**3, 0, 0, 1800, 1800, 0, 1800, 1800 * V**3, 0, 1800 * V**3, NPV],
    ]
    for row, want in zip(rows, expected, strict=True):
        assert row[1:] == pytest.approx(want, rel=1e-12, abs=1e-9)
    lines = [line.split() for line in str(worked).splitlines()]
    assert str(worked).splitlines()[0] == (
        "P: NPV £4,600 (PV benefits £11,162, PV costs £6,563), BCR 1.70, fiscal BCR 0.80, payback year 2"
    )
    assert lines[1] == [
        "Year", "1/DF", "Fiscal", "Economic", "Social", "Benefits", "Costs", "Net", "PV", "benefits",
        "PV", "costs", "PV", "net", "Cumulative", "PV", "net",
    ]  # fmt: skip
    # -2,800 + 2,500 / 1.035 = -384.54
    assert lines[2][:3] == ["0", "1.0000", "£1,800"]  # the factor to 4 decimals, even 1
    assert worked._repr_markdown_().startswith(worked.summary() + "\n\n| Year | 1/DF |")
    assert lines[3] == [
        "1", "0.9662", "£1,800", "£0", "£1,800", "£3,600", "£1,100", "£2,500", "£3,478", "£1,063",
        "£2,415", "-£385",
    ]  # fmt: skip


def test_summary_never_and_mixed_price_years():
    """Payback "never" when cumulative PV net ends below 0; a mixed-price-year warning."""
    worked = _appraisal()
    table = ProxyTable([Proxy("a", "a", 100, "s", 2016), Proxy("b", "b", 100, "s", 2019)])
    a = appraise(
        SavingModel(table, allow_mixed_price_years=True), Cohort("x", 1, {"a": 1}), Costs([500])
    )
    # benefit 100 in year 0 against 500: NPV -400, BCR 0.2
    assert a.summary() == (
        "x: NPV -£400 (PV benefits £100, PV costs £500), BCR 0.20, fiscal BCR 0.20, payback never; "
        "WARNING: proxies in mixed price years (2016, 2019)"
    )
    assert a.price_years == (2016, 2019) and a.mixed_price_years is True
    assert worked.price_years == () and worked.mixed_price_years is False


def test_to_dict_names_every_headline():
    """to_dict: the measures, the breakdowns' PVs and the yearly series, by name."""
    worked = _appraisal()
    d = worked.to_dict()
    assert list(d) == [
        "cohort", "families", "discount_rate", "pv_benefits", "pv_costs", "npv", "bcr",
        "bcr_by_value_type", "fiscal_roi", "payback_year", "fiscal_payback_year", "npv_per_family",
        "by_value_type", "by_beneficiary", "by_cashable", "benefits_by_year", "costs_by_year",
        "discount", "price_years", "mixed_price_years",
    ]  # fmt: skip
    assert (d["cohort"], d["families"], d["discount_rate"]) == ("P", 10, 0.035)
    assert d["pv_benefits"] == pytest.approx(PV_BENEFITS)
    assert d["pv_costs"] == pytest.approx(PV_COSTS)
    assert d["npv"] == pytest.approx(NPV)
    assert d["bcr"] == pytest.approx(PV_BENEFITS / PV_COSTS)
    assert d["bcr_by_value_type"] == pytest.approx(
        {"fiscal": PV_FISCAL / PV_COSTS, "economic": 900 / PV_COSTS, "social": PV_SOCIAL / PV_COSTS}
    )
    assert d["fiscal_roi"] == pytest.approx(PV_FISCAL / PV_COSTS - 1)
    assert (d["payback_year"], d["fiscal_payback_year"]) == (2, None)
    assert d["npv_per_family"] == pytest.approx(NPV / 10)
    assert d["by_value_type"] == pytest.approx(
        {"fiscal": PV_FISCAL, "economic": 900, "social": PV_SOCIAL}
    )
    assert d["by_beneficiary"] == pytest.approx({"LA": PV_FISCAL, "Unassigned": PV_SOCIAL + 900})
    assert d["by_cashable"] == pytest.approx(
        {"cashable": PV_FISCAL, "non-cashable": PV_SOCIAL, "not stated": 900}
    )
    assert d["benefits_by_year"] == [2700.0, 3600.0, 3600.0, 1800.0]
    assert d["costs_by_year"] == pytest.approx([5500.0, 1100.0, 0.0, 0.0])
    assert d["discount"] == pytest.approx(D, rel=1e-15)
    assert (d["price_years"], d["mixed_price_years"]) == ([], False)


def test_every_table_by_sheet_name():
    """tables(): one table per sheet, in workbook order; the summary table's measures."""
    worked = _appraisal()
    tables = worked.tables()
    assert list(tables) == [
        "Summary", "By year", "By value type", "By beneficiary", "Cashable", "By outcome", "Steps",
        "Assumptions", "Costs",
    ]  # fmt: skip
    assert tables["By value type"].columns[0] == "value_type"
    assert tables["By beneficiary"].columns[0] == "beneficiary"
    assert tables["Cashable"].columns[0] == "cashable"
    assert tables["By outcome"].columns[0] == "outcome"
    assert tables["Steps"].columns == worked.steps._table().columns
    assert tables["Assumptions"].columns[0] == "outcome"
    assert tables["Costs"].columns[0] == "year"
    summary = tables["Summary"]
    assert summary.columns == ("measure", "value", "unit")
    assert summary.headers == ("Measure", "Value", "Unit")
    assert summary.caption == worked.summary()
    want = [
        ("PV benefits", PV_BENEFITS, "money"),
        ("PV costs", PV_COSTS, "money"),
        ("NPV", NPV, "money"),
        ("BCR", PV_BENEFITS / PV_COSTS, "ratio"),
        ("BCR (fiscal)", PV_FISCAL / PV_COSTS, "ratio"),
        ("BCR (economic)", 900 / PV_COSTS, "ratio"),
        ("BCR (social)", PV_SOCIAL / PV_COSTS, "ratio"),
        ("Fiscal ROI", PV_FISCAL / PV_COSTS - 1, "ratio"),
        ("Payback year", 2, "year"),
        ("Fiscal payback year", None, "year"),
        ("NPV per family", NPV / 10, "money"),
        ("Families", 10, "count"),
    ]
    assert [r[0] for r in summary.rows] == [w[0] for w in want]
    assert [r[2] for r in summary.rows] == [w[2] for w in want]
    for row, w in zip(summary.rows, want, strict=True):
        assert row[1] == (w[1] if w[1] is None else pytest.approx(w[1], rel=1e-12)), row[0]


def test_repr():
    """repr: cohort, years, NPV in pounds, BCR to 2 decimals."""
    worked = _appraisal()
    assert repr(worked) == "Appraisal('P', years=4, npv=£4,600, bcr=1.70)"


def test_xlsx_sheets(tmp_path):
    """to_xlsx writes one sheet per table, named as in tables(), and returns the path."""
    worked = _appraisal()
    openpyxl = pytest.importorskip("openpyxl")
    path = worked.to_xlsx(tmp_path / "a.xlsx")
    assert path == tmp_path / "a.xlsx"
    assert openpyxl.load_workbook(path).sheetnames == list(worked.tables())


# -- appraise: the horizon and the assumptions recorded --------------------------------------------


def test_costs_longer_than_the_benefits_set_the_horizon():
    """Five years of costs against two years of benefit: five years appraised, benefits padded."""
    model = SavingModel(ProxyTable([Proxy("a", "a", 100, "s")]), years=2)
    a = appraise(model, Cohort("x", 1, {"a": 1}), Costs([10, 10, 10, 10, 10]))
    assert a.years == 5
    np.testing.assert_array_equal(a.benefits_by_year, [100, 100, 0, 0, 0])
    np.testing.assert_array_equal(a.costs_by_year, [10, 10, 10, 10, 10])
    # cumulative: 90, 90 + 90 V, then -10 V^2, -10 V^3, -10 V^4: stays above 0 -> payback 0
    assert a.payback_year == 0


def test_payback_counts_discounted_amounts():
    """£100 in year 0 against £102 of benefit in year 1: 102 / 1.035 = 98.55 < 100, never paid back.

    Undiscounted (or compounded) the benefit would cover the cost from year 1.
    """
    model = SavingModel(ProxyTable([Proxy("a", "a", 102, "s", lag=1)]), years=1)
    a = appraise(model, Cohort("x", 1, {"a": 1}), Costs([100]))
    np.testing.assert_array_equal(a.benefits_by_year, [0, 102])
    assert a.payback_year is None
    assert a.fiscal_payback_year is None
    later = appraise(model, Cohort("x", 1, {"a": 1}), Costs([98]))  # 98.55 >= 98
    assert later.payback_year == 1 and later.fiscal_payback_year == 1


def test_a_cohort_with_no_outcome_uses_the_model_years():
    """No improved outcome: the horizon is the model's years (or the costs' if longer)."""
    model = SavingModel(ProxyTable([Proxy("a", "a", 100, "s")]), years=3)
    a = appraise(model, Cohort("x", 1, {}), Costs([10]))
    assert a.years == 3 and a.benefits.shape == (0, 3)
    assert a.pv_benefits == 0.0 and a.payback_year is None
    assert appraise(model, Cohort("x", 1, {}), Costs([1, 1, 1, 1])).years == 4


def test_assumptions_record_each_outcome():
    """Per outcome: value type, beneficiary, cashable, grade, shares, lag, duration, drop-off."""
    worked = _appraisal()
    table = ProxyTable(
        [
            Proxy("a", "a", 100, "s", grade=2, value_type="social", beneficiary="NHS", cashable=False,
                  lag=1, duration=2, drop_off=0.3, deadweight=0.4, displacement=0.2, attribution=0.9),
            Proxy("b", "b", 100, "s"),
        ]
    )  # fmt: skip
    model = SavingModel(
        table,
        years=3,
        deadweight=0.1,
        displacement=0.05,
        attribution=0.8,
        optimism_bias=0.15,
        drop_off=0.1,
        grade_table=OptimismBias({2: 0.25}),
    )
    a = appraise(model, Cohort("x", 5, {"a": 1, "b": 1}), Costs([1]))
    assert a.assumptions.rows == (
        ("a", "social", "NHS", False, 2, 0.4, 0.2, 0.9, 0.25, 1, 2, 0.3),
        ("b", "fiscal", "Unassigned", None, None, 0.1, 0.05, 0.8, 0.15, 0, 3, 0.1),
    )
    assert a.assumptions.grade_source == "supplied table"
    assert repr(a.assumptions) == "OutcomeAssumptions(2 outcomes)"
    table_ = a.assumptions._table()
    assert table_.columns == (
        "outcome", "value_type", "beneficiary", "cashable", "grade", "deadweight", "displacement",
        "attribution", "optimism_bias", "lag", "duration", "drop_off",
    )  # fmt: skip
    assert table_.caption == "Assumptions per outcome (optimism bias by grade: supplied table)"
    lines = [line.split() for line in str(a.assumptions).splitlines()]
    assert lines[2] == [
        "a",
        "social",
        "NHS",
        "no",
        "2",
        "40.0%",
        "20.0%",
        "90.0%",
        "25.0%",
        "1",
        "2",
        "30.0%",
    ]
    named = SavingModel(table, grade_table=OptimismBias({2: 0.25}, source="guidance"))
    assert appraise(named, Cohort("x", 5, {"a": 1}), Costs([1])).assumptions.grade_source == "guidance"
    assert worked.assumptions.grade_source is None
    assert worked.assumptions._table().caption == "Assumptions per outcome"


def test_appraise_checks_its_arguments():
    """costs must be a Costs; model and cohort are checked by name."""
    costs = _costs()
    with pytest.raises(InputTypeError, match=r"^costs must be a Costs, not list: \[100\]$"):
        appraise(MODEL, COHORT, [100])  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match=r"^model must be a SavingModel"):
        appraise(None, COHORT, costs)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match=r"^cohort must be a Cohort"):
        appraise(MODEL, None, costs)  # type: ignore[arg-type]


# -- payback and ratios --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("net", "year"),
    [
        ([1.0, 2.0], 0),  # never below 0
        ([0.0, 0.0], 0),  # at 0 counts as paid back
        ([-1.0, 1.0], 1),  # cumulative -1, 0: 0 counts as paid back from year 1
        ([-1.0, 2.0, -0.5], 1),  # -1, 1, 0.5
        ([-1.0, 2.0, -1.5], None),  # -1, 1, -0.5: below 0 in the last year
        ([-1.0], None),
        ([-1.0, 0.5, 0.25, 0.5], 3),  # -1, -0.5, -0.25, 0.25
    ],
)
def test_payback_year_by_hand(net: list[float], year: int | None):
    """The first year from which the cumulative net PV stays >= 0; None if it ends below."""
    assert _payback(np.array(net)) == year


def test_breakdown_ratios_with_zero_costs():
    """With zero PV costs a positive group's BCR is inf and a zero group's NaN."""
    b = Breakdown("value_type", ("fiscal", "social"), np.array([[10.0], [0.0]]), np.array([1.0]), 0.0, 2)
    assert b.bcr["fiscal"] == math.inf
    assert math.isnan(b.bcr["social"])
    assert b.pv == {"fiscal": 10.0, "social": 0.0}
    rows = b._table().rows
    assert rows[0][:4] == ("fiscal", 10.0, 5.0, math.inf)
    assert math.isnan(rows[1][3])
    assert str(b).splitlines()[2].split() == ["fiscal", "£10", "£5", "inf", "£10"]
    # a benefit under £1 against no costs is still infinitely many times the costs
    tiny = Breakdown("value_type", ("fiscal",), np.array([[0.5]]), np.array([1.0]), 0.0, 1)
    assert tiny.bcr == {"fiscal": math.inf}
    # costs of 50p: a ratio, not infinity: 10 / 0.5 = 20
    half = Breakdown("value_type", ("fiscal",), np.array([[10.0]]), np.array([1.0]), 0.5, 2)
    assert half.bcr == {"fiscal": 20.0}


def test_appraisal_ratios_with_zero_costs():
    """Zero costs: BCR inf; fiscal ROI (0 - 0) / 0 is NaN; a negative ratio numerator is NaN."""
    a = appraise(
        SavingModel(ProxyTable([Proxy("a", "a", 100, "s")])), Cohort("x", 1, {"a": 1}), Costs([0])
    )
    assert a.bcr == math.inf
    assert a.fiscal_roi == math.inf  # (100 - 0) / 0 with 100 > 0
    none = appraise(
        SavingModel(ProxyTable([Proxy("a", "a", 100, "s")])), Cohort("x", 1, {"a": 0}), Costs([0])
    )
    assert math.isnan(none.bcr)
    assert math.isnan(none.fiscal_roi)


def test_fiscal_roi_without_fiscal_benefits():
    """No fiscal proxy: fiscal ROI is (0 - costs) / costs = -1; no fiscal payback."""
    table = ProxyTable([Proxy("a", "a", 100, "s", value_type="social")])
    a = appraise(SavingModel(table), Cohort("x", 1, {"a": 1}), Costs([50]))
    assert a.fiscal_roi == -1.0
    assert a.fiscal_payback_year is None
    assert a.payback_year == 0  # 100 >= 50 in year 0


def test_breakdown_table_and_repr():
    """worked breakdown's table: the grouping as first column, PV, per family, BCR, then each year."""
    worked = _appraisal()
    b = worked.by_beneficiary
    t = b._table()
    assert t.columns == (
        "beneficiary",
        "pv",
        "pv_per_family",
        "bcr",
        "year_0",
        "year_1",
        "year_2",
        "year_3",
    )
    assert t.headers == (
        "Beneficiary",
        "PV",
        "PV per family",
        "BCR",
        "Year 0",
        "Year 1",
        "Year 2",
        "Year 3",
    )
    assert t.caption == "Benefits by beneficiary (present value and per year, undiscounted)"
    assert t.rows[0] == pytest.approx(
        ("LA", PV_FISCAL, PV_FISCAL / 10, PV_FISCAL / PV_COSTS, 1800, 1800, 1800, 0)
    )
    assert str(worked.by_value_type).splitlines()[0] == (
        "Benefits by value type (present value and per year, undiscounted)"
    )
    assert str(worked.by_value_type).splitlines()[1].split()[:2] == ["Value", "type"]
    assert str(b).splitlines()[2].split() == [
        "LA",
        "£5,219",
        "£522",
        "0.80",
        "£1,800",
        "£1,800",
        "£1,800",
        "£0",
    ]
    assert repr(b) == "Breakdown(by=beneficiary, LA=£5,219, Unassigned=£5,943)"


# -- costs ---------------------------------------------------------------------------------------


def test_costs_by_type_padded_and_uplifted():
    """Types of different lengths are padded with 0; every amount is × (1 + uplift)."""
    costs = _costs()
    assert costs.years == 2
    assert costs.by_type == {"staff": (3000.0, 1000.0), "set-up": (2000.0,)}
    np.testing.assert_allclose(costs.per_year(), [5500, 1100])
    np.testing.assert_allclose(costs.per_year(4), [5500, 1100, 0, 0])
    np.testing.assert_allclose(costs.per_year(1), [5500, 1100])  # never shorter than the costs
    assert Costs([1, 2]).by_type == {"total": (1.0, 2.0)}
    assert Costs(np.array([1, 2])).by_type == {"total": (1.0, 2.0)}
    assert Costs((5,)).uplift == 0.0


def test_costs_table_dict_and_repr():
    """The costs table per year and type, before and after the uplift; to_dict; repr."""
    costs = _costs()
    t = costs._table()
    assert t.columns == ("year", "cost_0", "cost_1", "before_uplift", "uplift", "total")
    assert t.headers == ("Year", "staff", "set-up", "Before uplift", "Uplift", "Total")
    assert [r[0] for r in t.rows] == [0, 1]
    assert t.rows[0][1:] == pytest.approx((3000, 2000, 5000, 500, 5500))
    assert t.rows[1][1:] == pytest.approx((1000, 0, 1000, 100, 1100))
    assert t.caption == "Costs by year (optimism-bias uplift 10%)"
    assert [line.split() for line in str(costs).splitlines()[1:]] == [
        ["Year", "staff", "set-up", "Before", "uplift", "Uplift", "Total"],
        ["0", "£3,000", "£2,000", "£5,000", "£500", "£5,500"],
        ["1", "£1,000", "£0", "£1,000", "£100", "£1,100"],
    ]
    assert costs.to_dict() == {"by_type": {"staff": [3000.0, 1000.0], "set-up": [2000.0]}, "uplift": 0.1}
    assert repr(costs) == "Costs(years=2, types=['staff', 'set-up'], total=£6,000, uplift=0.1)"


@pytest.mark.parametrize(
    ("by_type", "error", "message"),
    [
        (5, InputTypeError, "costs must be a sequence of amounts per year, not int: 5"),
        ("100", InputTypeError, "costs must be a sequence of amounts per year, not str: '100'"),
        (b"1", InputTypeError, "costs must be a sequence of amounts per year, not bytes: b'1'"),
        ([], ModelError, "costs must give at least one year (year 0 first)"),
        ({}, ModelError, "costs must give at least one type"),
        ({"staff": []}, ModelError, "costs['staff'] must give at least one year (year 0 first)"),
        (
            {"staff": 5},
            InputTypeError,
            "costs['staff'] must be a sequence of amounts per year, not int: 5",
        ),
        ([1, -1], ModelError, "costs[1] must be in [0, 1e+12]: -1"),
        ({"staff": [1, -2]}, ModelError, "costs['staff'][1] must be in [0, 1e+12]: -2"),
        ({"": [1]}, ModelError, "a cost type must be non-empty text: ''"),
        ({5: [1]}, InputTypeError, "a cost type must be text, not int: 5"),
    ],
)
def test_costs_refusals(by_type: object, error: type[Exception], message: str):
    """Each refusal of the amounts: its type and its whole message."""
    with pytest.raises(error) as info:
        Costs(by_type)  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(info.value) == message


def test_costs_amount_limits():
    """An amount may be 0 or up to MAX_SAVING; above it is refused by name."""
    from safecore.cost.proxies import MAX_SAVING

    assert Costs([0, MAX_SAVING]).by_type["total"] == (0.0, float(MAX_SAVING))
    with pytest.raises(ModelError, match=r"^costs\[0\] must be"):
        Costs([MAX_SAVING * 2])
    with pytest.raises(ModelError, match=r"^costs\[0\] must be a finite number"):
        Costs([math.nan])


def test_uplift_from_0_to_10():
    """The uplift is a number from 0 to MAX_UPLIFT = 10 (both ends), else refused by name."""
    assert MAX_UPLIFT == 10.0
    assert Costs([1], uplift=0).uplift == 0.0
    assert Costs([1], uplift=10).uplift == 10.0
    np.testing.assert_allclose(Costs([1], uplift=10).per_year(), [11.0])
    for bad in (-0.1, 10.5):
        with pytest.raises(ModelError) as info:
            Costs([1], uplift=bad)
        assert type(info.value) is ModelError
        assert str(info.value).startswith("uplift must be")
        assert str(bad) in str(info.value)
    with pytest.raises(InputTypeError, match=r"^uplift must be"):
        Costs([1], uplift="0.1")  # type: ignore[arg-type]


def test_one_price_year_is_not_mixed_and_the_model_rate_discounts():
    """One price year (2019) is not mixed; a 5% model discounts year 1 by 1/1.05, not 1/1.035.

    One proxy of £100 for two years (duration 2), one family improved, costs £150 in year 0:
    PV benefits 100 + 100/1.05 = 195.238...
    """
    table = ProxyTable([Proxy("a", "a", 100, "s", 2019, duration=2)])
    a = appraise(SavingModel(table, discount_rate=0.05), Cohort("x", 1, {"a": 1}), Costs([150]))
    assert a.price_years == (2019,) and a.mixed_price_years is False
    np.testing.assert_allclose(a.discount, [1.0, 1 / 1.05], rtol=1e-15)
    assert a.pv_benefits == pytest.approx(100 + 100 / 1.05, rel=1e-15)
