"""Cost–benefit appraisal (HM Treasury 2014 local-partnership format), prices, joint simulation."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecore.cost import (
    Cohort,
    Costs,
    ModelError,
    OptimismBias,
    Proxy,
    ProxyTable,
    SavingModel,
    appraise,
    delivery_cost_per_family,
    load_gdp_deflators,
    load_proxies,
    sensitivity,
    simulate_comparison,
    switching_value,
)
from safecore.datasets import SAFECORE_2020, SAFECORE_2020_DISENGAGED, SAFECORE_2020_ENGAGED

from .result_examples_cba import COHORT, COSTS, DEFLATORS, MODEL, OB, TABLE

# -- the worked example, by hand ------------------------------------------------------------
# Outcome a: 10 families × £1,000, fiscal (Local authority, cashable), grade 2 (OB 5%), lag 1.
# Outcome b:  4 families × £500, social (NHS), grade 5 (OB 25%), lag 0.
# Model: deadweight 10%, attribution 80%, duration 3 years, drop-off 20%, 3.5% discounting.
A_YEAR0 = 10 * 1000 * (1 - 0.1) * 0.8 * (1 - 0.05)  # 6,840 in its first year (t = 1)
B_YEAR0 = 4 * 500 * (1 - 0.1) * 0.8 * (1 - 0.25)  # 1,080 in its first year (t = 0)
A_YEARS = [0.0, 6840.0, 5472.0, 4377.6]  # 6,840 × 0.8^k from t = 1 to 3
B_YEARS = [1080.0, 864.0, 691.2, 0.0]  # 1,080 × 0.8^k from t = 0 to 2
COST_YEARS = [5000.0, 3000.0, 0.0, 0.0]  # staff 4,000 + set-up 1,000; staff 3,000
D = [1.0, 1 / 1.035, 1 / 1.035**2, 1 / 1.035**3]
PV_FISCAL = 6840 / 1.035 + 5472 / 1.035**2 + 4377.6 / 1.035**3  # 15,665.21...
PV_SOCIAL = 1080 + 864 / 1.035 + 691.2 / 1.035**2  # 2,560.03...
PV_COSTS = 5000 + 3000 / 1.035  # 7,898.55...


def test_worked_example_by_hand():
    """NPV, BCR by value type, ROI and payback of the worked example equal the hand arithmetic."""
    assert round(A_YEAR0, 9) == 6840 and round(B_YEAR0, 9) == 1080
    a = appraise(MODEL, COHORT, COSTS)
    assert a.years == 4
    np.testing.assert_allclose(a.benefits[0], A_YEARS)
    np.testing.assert_allclose(a.benefits[1], B_YEARS)
    np.testing.assert_allclose(a.costs_by_year, COST_YEARS)
    np.testing.assert_allclose(a.discount, D)
    assert a.pv_costs == pytest.approx(PV_COSTS)
    assert a.npv == pytest.approx(PV_FISCAL + PV_SOCIAL - PV_COSTS)
    assert a.bcr == pytest.approx((PV_FISCAL + PV_SOCIAL) / PV_COSTS)
    assert a.bcr_by_value_type == pytest.approx(
        {"fiscal": PV_FISCAL / PV_COSTS, "economic": 0.0, "social": PV_SOCIAL / PV_COSTS}
    )
    assert a.fiscal_roi == pytest.approx((PV_FISCAL - PV_COSTS) / PV_COSTS)
    assert a.by_beneficiary.pv == pytest.approx({"Local authority": PV_FISCAL, "NHS": PV_SOCIAL})
    assert a.by_cashable.pv == pytest.approx(
        {"cashable": PV_FISCAL, "non-cashable": 0.0, "not stated": PV_SOCIAL}
    )
    # cumulative PV net: year 0: 1,080 − 5,000 < 0; year 1: + (7,704 − 3,000) / 1.035 > 0
    assert 1080 - 5000 < 0 < 1080 - 5000 + (7704 - 3000) / 1.035
    assert a.payback_year == 1
    # fiscal only: −5,000; −5,000 + 3,840/1.035 < 0; + 5,472/1.035² > 0
    assert -5000 + 3840 / 1.035 < 0 < -5000 + 3840 / 1.035 + 5472 / 1.035**2
    assert a.fiscal_payback_year == 2
    assert a.npv_per_family == pytest.approx(a.npv / 20)
    # the steps table per outcome is the model's evaluation; its net is the PV of each profile
    np.testing.assert_allclose(a.steps.net, [PV_FISCAL, PV_SOCIAL])
    assert a.steps.after_optimism_bias.tolist() == pytest.approx([6840, 1080])
    assert "NPV £10,327" in a.summary()  # 15,665.21...2,560.00 − 7,898.55


def test_grade_needs_a_table_and_the_grade():
    """A graded proxy without an optimism-bias table, or with a table lacking its grade, is refused."""
    with pytest.raises(ModelError, match="grade 2 but the model has no grade_table"):
        SavingModel(TABLE)
    with pytest.raises(ModelError, match="no correction for grade 5"):
        SavingModel(TABLE, grade_table=OptimismBias({2: 0.05}))


def test_ungraded_proxies_keep_the_model_optimism_bias():
    """Ungraded proxies use the model-wide optimism_bias; graded ones their table's correction."""
    table = TABLE.with_proxy(Proxy("c", "c", 100, "s"))
    m = SavingModel(table, optimism_bias=0.5, grade_table=OB)
    ev = m.evaluate(Cohort("x", 10, {"b": 1, "c": 1}))
    assert ev.after_optimism_bias.tolist() == pytest.approx([500 * 0.75, 100 * 0.5])


def test_per_outcome_shares_override_the_model():
    """A proxy's own deadweight, displacement and attribution replace the model's for it only."""
    table = ProxyTable(
        [Proxy("a", "a", 100, "s", deadweight=0.5, attribution=1.0), Proxy("b", "b", 100, "s")]
    )
    ev = SavingModel(table, deadweight=0.1, attribution=0.5, displacement=0.2).evaluate(
        Cohort("x", 1, {"a": 1, "b": 1})
    )
    assert ev.net.tolist() == pytest.approx([100 * 0.5 * 0.8 * 1.0, 100 * 0.9 * 0.8 * 0.5])


def test_the_2020_figures_hold_without_the_new_fields():
    """With no new field the 2020 report's figures are unchanged."""
    m = SavingModel(SAFECORE_2020)
    assert m.evaluate(SAFECORE_2020_ENGAGED).total == 180_551
    assert round(m.evaluate(SAFECORE_2020_ENGAGED).per_family, 2) == 15_045.92
    assert round(m.evaluate(SAFECORE_2020_DISENGAGED).per_family, 2) == 9_472.96
    c = m.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    assert round(c.difference_per_family, 2) == 5_572.96
    c66 = SavingModel(SAFECORE_2020, attribution=0.66).compare(
        SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED
    )
    assert round(c66.difference_per_family, 2) == 3_678.15
    assert round(delivery_cost_per_family(1_950_000, 89, startup_share=0.10), 2) == 19_719.10
    a = appraise(m, SAFECORE_2020_ENGAGED, Costs([0]))
    assert a.pv_benefits == 180_551 and a.bcr_by_value_type["fiscal"] == math.inf


# -- properties ----------------------------------------------------------------------------

savings = st.floats(1, 1e6, allow_nan=False)
factors = st.floats(0.01, 100, allow_nan=False)


def _model(s1: float, s2: float, lag: int = 1) -> SavingModel:
    table = ProxyTable(
        [
            Proxy("a", "a", s1, "s", grade=2, value_type="fiscal", lag=lag),
            Proxy("b", "b", s2, "s", grade=5, value_type="economic", duration=2),
        ]
    )
    return SavingModel(table, years=3, drop_off=0.2, grade_table=OB)


@given(savings, savings, factors)
def test_npv_is_linear_in_savings(s1: float, s2: float, f: float):
    """Scaling every saving by f scales PV benefits by f (NPV + PV costs is linear)."""
    base = appraise(_model(s1, s2), COHORT, COSTS)
    scaled = appraise(_model(s1 * f, s2 * f), COHORT, COSTS)
    assert scaled.npv + scaled.pv_costs == pytest.approx(f * (base.npv + base.pv_costs), rel=1e-9)


@given(savings, savings, factors)
def test_bcr_is_unchanged_when_savings_and_costs_scale_together(s1: float, s2: float, f: float):
    """BCR and each value type's BCR are ratios: unchanged when savings and costs scale alike."""
    base = appraise(_model(s1, s2), COHORT, COSTS)
    costs = Costs({k: [v * f for v in vs] for k, vs in COSTS.by_type.items()})
    scaled = appraise(_model(s1 * f, s2 * f), COHORT, costs)
    assert scaled.bcr == pytest.approx(base.bcr, rel=1e-9)
    assert scaled.bcr_by_value_type == pytest.approx(base.bcr_by_value_type, rel=1e-9)


@given(savings, savings, st.integers(0, 6), st.integers(0, 6))
def test_later_lag_never_raises_pv(s1: float, s2: float, lag1: int, lag2: int):
    """Delaying a benefit never raises its present value."""
    early, late = sorted((lag1, lag2))
    pv_early = appraise(_model(s1, s2, early), COHORT, COSTS).pv_benefits
    pv_late = appraise(_model(s1, s2, late), COHORT, COSTS).pv_benefits
    assert pv_late <= pv_early * (1 + 1e-12)


@given(st.sampled_from(range(2012, 2022)), st.sampled_from(range(2012, 2022)), savings)
def test_rebasing_there_and_back_is_the_identity(y1: int, y2: int, s: float):
    """Rebasing to another price year and back gives the savings back."""
    index = load_gdp_deflators(DEFLATORS)
    table = ProxyTable([Proxy("a", "a", s, "src", price_year=y1)])
    back = table.rebased(index, y2).rebased(index, y1)
    assert back["a"].price_year == y1
    assert back["a"].saving == pytest.approx(s, rel=1e-12)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_difference_mean_is_difference_of_means(seed: int):
    """The joint simulation's mean difference equals the difference of the cohorts' means."""
    sim = simulate_comparison(
        SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED, n=300, seed=seed
    )
    assert sim.difference.mean() == pytest.approx(
        sim.a_per_family.mean() - sim.b_per_family.mean(), rel=1e-9, abs=1e-6
    )


# -- prices ------------------------------------------------------------------------------------


def test_gdp_deflators_in_the_published_layout():
    """Title, notes, both header rows, footnote markers and footnotes are read or skipped."""
    fin = load_gdp_deflators(DEFLATORS)
    assert fin.title == "GDP DEFLATORS AT MARKET PRICES, AND MONEY GDP"
    assert fin.base == "2016-17 = 100" and fin.basis == "financial"
    assert list(fin) == list(range(2012, 2022))
    assert fin[2017] == 102.0  # "2017-18 (5)": the footnote marker is dropped
    cal = load_gdp_deflators(DEFLATORS, basis="calendar")
    assert cal.base == "2016 = 100" and cal[2017] == 101.5
    assert fin.rebased_to(2019)[2019] == pytest.approx(100)


def test_rebasing_with_the_deflators():
    """A saving in 2016-17 prices rebased to 2019-20 is saving × index[2019] / index[2016]."""
    table = ProxyTable([Proxy("a", "a", 1000, "s", price_year=2016)])
    assert table.rebased(load_gdp_deflators(DEFLATORS), 2019)["a"].saving == pytest.approx(1061.21)


def test_mixed_price_years_are_refused_or_reported():
    """A table in several price years is refused unless rebased or explicitly allowed (then reported)."""
    table = ProxyTable([Proxy("a", "a", 100, "s", 2016), Proxy("b", "b", 100, "s", 2019)])
    with pytest.raises(ModelError, match=r"different price years \(2016, 2019\)"):
        SavingModel(table)
    SavingModel(table.rebased(load_gdp_deflators(DEFLATORS), 2019))
    a = appraise(SavingModel(table, allow_mixed_price_years=True), Cohort("x", 1, {"a": 1}), Costs([10]))
    assert a.mixed_price_years and "mixed price years" in a.summary()


def test_deflator_file_without_years(tmp_path: Path):
    """A file with no year rows is refused with a message naming the basis."""
    p = tmp_path / "d.csv"
    p.write_text("title\n,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no financial-year rows"):
        load_gdp_deflators(p)


# -- uncertainty and switching values cover the new parameters -----------------------------------


def test_simulation_reports_the_central_estimate_and_why_the_median_differs():
    """simulate's result names the central estimate, the median and the Beta prior's pull."""
    from safecore.cost import simulate

    sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=5_000, seed=1)
    assert round(sim.central, 2) == 15_045.92
    assert sim.median < sim.central
    assert "Beta(k+1, m-k+1)" in sim.note and "central estimate" in sim.summary()


def test_comparison_simulation_with_costs():
    """P(BCR > 1) is the share of draws whose benefit exceeds the PV of costs."""
    sim = simulate_comparison(
        SavingModel(SAFECORE_2020),
        SAFECORE_2020_ENGAGED,
        SAFECORE_2020_DISENGAGED,
        Costs([10_000]),
        n=2_000,
        seed=2,
        sampling=False,
        proxy_spread=0.0,
    )
    assert np.allclose(sim.difference, 5572.96, atol=0.01)  # no uncertainty: every draw is central
    assert sim.probability_bcr_above_1 == 1.0
    assert sim.bcr is not None and np.allclose(sim.bcr, 5572.96 * 12 / 10_000, atol=1e-4)


def test_sensitivity_covers_grade_table_lag_and_duration():
    """sensitivity varies the grade table, lag and duration like any parameter."""
    s = sensitivity(MODEL, COHORT, ranges={"grade_table": (0, 2), "lag": (0, 3), "duration": (1, 5)})
    rows = {r.parameter: r for r in s.rows}
    assert rows["grade_table"].per_family_low > rows["grade_table"].per_family_high
    assert rows["lag"].per_family_low > rows["lag"].per_family_high
    assert rows["duration"].per_family_low < rows["duration"].per_family_high


def test_switching_lag_and_duration():
    """The switching lag is the largest lag whose savings reach the cost; duration the smallest."""
    cost = 400.0
    lag = switching_value(MODEL, COHORT, cost, "lag", max_years=50)
    dur = switching_value(MODEL, COHORT, cost, "duration", max_years=50)
    assert lag.value is not None and dur.value is not None
    from safecore.cost.model import with_every_proxy

    def per_family(**kw: int) -> float:
        return with_every_proxy(MODEL, **kw).evaluate(COHORT).per_family

    assert per_family(lag=int(lag.value)) >= cost > per_family(lag=int(lag.value) + 1)
    assert per_family(duration=int(dur.value)) >= cost > per_family(duration=int(dur.value) - 1)


# -- spreadsheets --------------------------------------------------------------------------------


def test_xlsx_round_trip_and_export(tmp_path: Path):
    """load_proxies reads an .xlsx sheet by header name (titles above it); to_xlsx writes every table."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    ws = book.create_sheet("Unit costs")
    ws.append(["Unit cost database extract"])
    ws.append([])
    ws.append(
        [
            "Outcome",
            "Indicator",
            "Saving",
            "Source",
            "Grade",
            "Value type",
            "Beneficiary",
            "Cashable",
            "Lag",
        ]
    )
    ws.append(["a", "Outcome <a>", 1000, "LA data", 2, "fiscal", "Local authority", True, 1])
    ws.append(["b", "Outcome | b", "£500", "NHS data", 5, "social", "NHS", None, None])
    path = tmp_path / "units.xlsx"
    book.save(path)
    table = load_proxies(path, sheet="Unit costs")
    assert table == TABLE
    with pytest.raises(ValueError, match="no header row"):
        load_proxies(path)  # the first sheet holds no table
    out = appraise(MODEL, COHORT, COSTS).to_xlsx(tmp_path / "cba.xlsx")
    names = openpyxl.load_workbook(out).sheetnames
    assert names[:3] == ["Summary", "By year", "By value type"] and "Assumptions" in names


def test_to_csv_round_trips_every_field(tmp_path: Path):
    """to_toml and to_csv carry every new field and read back equal."""
    for suffix, text in ((".toml", TABLE.to_toml()), (".csv", TABLE.to_csv())):
        p = tmp_path / f"t{suffix}"
        p.write_text(text, encoding="utf-8")
        assert load_proxies(p) == TABLE
