"""Tests for safecore.cost.model."""

from __future__ import annotations

import itertools
import math

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore.cost import (
    SAFECORE_2020,
    SAFECORE_2020_DISENGAGED,
    SAFECORE_2020_ENGAGED,
    Cohort,
    CohortError,
    MissingOutcomeError,
    ModelError,
    Proxy,
    SavingModel,
    delivery_cost_per_family,
    discount_factors,
    switching_value,
    value_for_money,
)

shares = st.floats(0, 1)
counts = st.dictionaries(st.sampled_from(list(SAFECORE_2020.keys())), st.integers(0, 40), min_size=1)


@st.composite
def models(draw: st.DrawFn) -> SavingModel:
    return SavingModel(
        SAFECORE_2020,
        attribution=draw(shares),
        deadweight=draw(shares),
        displacement=draw(shares),
        optimism_bias=draw(shares),
        years=draw(st.integers(1, 60)),
        drop_off=draw(shares),
        discount_rate=draw(st.one_of(st.floats(0, 0.2), st.just("green-book"))),
    )


def cohort(improved: dict[str, int]) -> Cohort:
    return Cohort("c", families=max(1, *improved.values()), improved=improved)


# -- the report, computed correctly ----------------------------------------------------------


def test_engaged_cohort_correct_values():
    """Engaged: £180,551 in total, £15,045.92 per family (the report printed £176,417 and £14,701)."""
    ev = SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED)
    assert ev.total == 180_551  # exact: integer counts x whole-pound proxies
    assert round(ev.per_family, 2) == 15_045.92
    assert ev.by_outcome["housing"] == 15_540  # Table 7 printed £15,400
    assert ev.by_outcome["substance_misuse"] == 7_988  # Table 7 printed £3,994


def test_disengaged_cohort_correct_values():
    """Disengaged: £236,824 in total and £9,472.96 per family (printed £9,459)."""
    ev = SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_DISENGAGED)
    assert ev.total == 236_824
    assert round(ev.per_family, 2) == 9_472.96
    assert ev.by_outcome["housing"] == 38_850  # Table 8 printed £38,500


def test_comparison_and_attribution_illustration():
    """Difference £5,572.96 per family; at 66% attribution £3,678.15 (printed £5,242 and £3,512)."""
    full = SavingModel(SAFECORE_2020).compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    assert round(full.difference_per_family, 2) == 5_572.96
    part = SavingModel(SAFECORE_2020, attribution=0.66).compare(
        SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED
    )
    assert round(part.difference_per_family, 2) == 3_678.15
    assert sum(full.by_outcome.values()) == pytest.approx(full.difference_per_family)


def test_delivery_cost_per_family():
    """£1,950,000 less 10% over 89 families is £19,719.10 (the report printed £19,918)."""
    assert delivery_cost_per_family(1_950_000, 89, startup_share=0.1) == pytest.approx(
        19_719.1011, abs=1e-4
    )
    with pytest.raises(ModelError, match="families must be"):
        delivery_cost_per_family(1, 0)
    with pytest.raises(ModelError, match="startup_share"):
        delivery_cost_per_family(1, 1, startup_share=1.5)


# -- discounting: Green Book references --------------------------------------------------------


def test_green_book_discount_factors():
    """Green Book Annex A6: 3.5% to year 30, then 3.0%; year 0 undiscounted.

    Reference values (4 d.p., as in the Green Book's discount factor tables):
    year 10: 1/1.035^10 = 0.7089; year 30: 0.3563; year 31: 0.3563/1.03 = 0.3459;
    year 76 (first at 2.5%): 1/(1.035^30 1.03^45 1.025) = 0.0919.
    """
    f = discount_factors(80, "green-book")
    assert f[0] == 1.0
    assert round(f[10], 4) == 0.7089
    assert round(f[30], 4) == 0.3563
    assert round(f[31], 4) == 0.3459
    assert round(f[76], 4) == 0.0919
    np.testing.assert_allclose(f[:31], discount_factors(31, 0.035))  # same as flat 3.5% to year 30


def test_constant_rate_discounting():
    """A constant rate gives 1/(1+r)^t; a zero rate gives ones."""
    np.testing.assert_allclose(discount_factors(4, 0.1), [1, 1 / 1.1, 1 / 1.21, 1 / 1.331])
    np.testing.assert_array_equal(discount_factors(3, 0.0), [1, 1, 1])


def test_multi_year_annuity():
    """Three years at 3.5% with 10% drop-off: 1 + 0.9/1.035 + 0.81/1.035^2."""
    m = SavingModel(SAFECORE_2020, years=3, drop_off=0.1)
    assert m.annuity == pytest.approx(1 + 0.9 / 1.035 + 0.81 / 1.035**2)
    ev = m.evaluate(SAFECORE_2020_ENGAGED)
    assert ev.total == pytest.approx(180_551 * m.annuity)


# -- properties ---------------------------------------------------------------------------------


@given(models(), counts, st.integers(1, 5))
def test_linear_in_counts(model: SavingModel, improved: dict[str, int], k: int):
    """Multiplying every count by k multiplies the total by k."""
    base = model.evaluate(cohort(improved)).total
    scaled = model.evaluate(cohort({o: n * k for o, n in improved.items()})).total
    assert scaled == pytest.approx(k * base, rel=1e-12, abs=1e-9)


@given(models(), counts, st.floats(0, 10))
def test_linear_in_proxies(model: SavingModel, improved: dict[str, int], f: float):
    """Scaling every proxy by f scales the total by f."""
    c = cohort(improved)
    base = model.evaluate(c).total
    scaled = attrs.evolve(model, proxies=model.proxies.scaled(f)).evaluate(c).total
    assert scaled == pytest.approx(f * base, rel=1e-12, abs=1e-9)


@given(models(), counts)
def test_net_at_most_gross_times_annuity(model: SavingModel, improved: dict[str, int]):
    """Each adjustment can only reduce the value: net <= gross x annuity, steps non-increasing."""
    ev = model.evaluate(cohort(improved))
    steps = [
        ev.gross,
        ev.after_deadweight,
        ev.after_displacement,
        ev.after_attribution,
        ev.after_optimism_bias,
    ]
    for a, b in itertools.pairwise(steps):
        assert (b <= a + 1e-9).all()
    assert (ev.net <= ev.gross * ev.annuity + 1e-9).all()


@pytest.mark.parametrize("name", ["deadweight", "displacement", "optimism_bias", "drop_off"])
@given(data=st.data())
def test_monotone_decreasing(name: str, data: st.DataObject):
    """More deadweight, displacement, optimism bias or drop-off never raises savings."""
    lo, hi = sorted([data.draw(shares), data.draw(shares)])
    model = SavingModel(SAFECORE_2020, years=5)
    c = SAFECORE_2020_ENGAGED
    assert attrs.evolve(model, **{name: hi}).evaluate(c).total <= (
        attrs.evolve(model, **{name: lo}).evaluate(c).total + 1e-9
    )


@given(shares, shares)
def test_monotone_in_attribution(a: float, b: float):
    """More attribution never lowers savings."""
    lo, hi = sorted([a, b])
    c = SAFECORE_2020_ENGAGED
    assert (
        SavingModel(SAFECORE_2020, attribution=lo).evaluate(c).total
        <= SavingModel(SAFECORE_2020, attribution=hi).evaluate(c).total
    )


@given(models())
def test_one_year_ignores_discounting_and_drop_off(model: SavingModel):
    """With years=1 discounting and drop-off have no effect."""
    m1 = attrs.evolve(model, years=1)
    m2 = attrs.evolve(model, years=1, drop_off=0.0, discount_rate=0.0)
    assert m1.evaluate(SAFECORE_2020_ENGAGED).total == m2.evaluate(SAFECORE_2020_ENGAGED).total


@given(models())
def test_compare_with_itself_is_zero(model: SavingModel):
    """compare(a, a) is zero overall and per outcome."""
    c = model.compare(SAFECORE_2020_DISENGAGED, SAFECORE_2020_DISENGAGED)
    assert c.difference_per_family == 0
    assert all(v == 0 for v in c.by_outcome.values())


# -- value for money and switching values ---------------------------------------------------------


def test_value_for_money():
    """NPV, BCR, ROI and payback follow from benefit and cost."""
    cost = 20_000.0
    vfm = value_for_money(
        SavingModel(SAFECORE_2020, years=3, discount_rate=0.0), SAFECORE_2020_ENGAGED, cost
    )
    per_year = 180_551 / 12
    assert vfm.benefit == pytest.approx(3 * per_year)
    assert vfm.npv == pytest.approx(3 * per_year - cost)
    assert vfm.bcr == pytest.approx(3 * per_year / cost)
    assert vfm.roi == pytest.approx((3 * per_year - cost) / cost)
    assert vfm.payback_year == 1  # 15,046 in year 0 < 20,000 <= 30,092 by year 1
    never = value_for_money(SavingModel(SAFECORE_2020), SAFECORE_2020_DISENGAGED, 1e9)
    assert never.payback_year is None and "never" in repr(never)


def test_switching_values():
    """Switching values make savings equal cost, or say none exists in range."""
    cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.1)
    model = SavingModel(SAFECORE_2020, years=5)
    sv = switching_value(model, SAFECORE_2020_ENGAGED, cost, "attribution")
    assert sv.value is not None
    assert attrs.evolve(model, attribution=sv.value).evaluate(SAFECORE_2020_ENGAGED).per_family == (
        pytest.approx(cost)
    )
    dw = switching_value(model, SAFECORE_2020_ENGAGED, cost, "deadweight")
    assert dw.value == pytest.approx(1 - sv.value)
    yrs = switching_value(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, cost, "years")
    assert yrs.value == 2  # one year's £15,046 < £19,719; two years' £29,583 >= it
    none = switching_value(SavingModel(SAFECORE_2020), SAFECORE_2020_DISENGAGED, cost, "attribution")
    assert none.value is None and "below the cost" in none.note
    never = switching_value(
        SavingModel(SAFECORE_2020), SAFECORE_2020_DISENGAGED, 1e12, "years", max_years=50
    )
    assert never.value is None
    with pytest.raises(ModelError, match="parameter must be"):
        switching_value(model, SAFECORE_2020_ENGAGED, cost, "drop_off")  # type: ignore[arg-type]


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"attribution": 1.2}, r"attribution must be a share in \[0, 1\] .*: 1.2"),
        ({"deadweight": -0.1}, "deadweight must be"),
        ({"displacement": math.nan}, "displacement must be"),
        ({"optimism_bias": 2}, "optimism_bias must be"),
        ({"years": 0}, "years must be a whole number >= 1"),
        ({"years": 2.5}, "years must be"),
        ({"discount_rate": 1.0}, r"discount_rate must be in \[0, 1\): 1.0"),
        ({"discount_rate": "treasury"}, "discount_rate must be"),
    ],
)
def test_parameter_ranges(kwargs: dict[str, object], message: str):
    """Every parameter is range-checked with a clear ModelError (a ValueError)."""
    with pytest.raises(ModelError, match=message):
        SavingModel(SAFECORE_2020, **kwargs)  # type: ignore[arg-type]


def test_model_needs_its_proxy_table():
    """No programme's proxies are used silently: SavingModel() without a table is a TypeError."""
    with pytest.raises(TypeError, match="proxies"):
        SavingModel()  # type: ignore[call-arg]


def test_parameter_of_the_wrong_type():
    """A share given as text is a TypeError naming the parameter."""
    with pytest.raises(TypeError, match="drop_off must be a share in \\[0, 1\\], not str: 'x'"):
        SavingModel(SAFECORE_2020, drop_off="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"families": 0, "improved": {"safety": 0}}, "families must be"),
        ({"families": 5, "improved": {"safety": 6}}, "improved 6 > families 5"),
        (
            {"families": 5, "improved": {"safety": 3}, "potential": {"safety": 2}},
            "improved 3 > potential 2",
        ),
        (
            {"families": 5, "improved": {"safety": 1}, "potential": {"safety": 6}},
            "potential 6 > families 5",
        ),
        (
            {"families": 5, "improved": {"safety": -1}},
            r"improved\['safety'\] must be a whole number >= 0",
        ),
        (
            {"families": 5, "improved": {"safety": 1.5}},
            r"improved\['safety'\] must be a whole number: 1.5",
        ),
        (
            {"families": 5, "improved": {"safety": 1}, "potential": {"housing": 1, "safety": 1}},
            "has potential but no improved",
        ),
        (
            {"families": 5, "improved": {"safety": 1, "housing": 1}, "potential": {"safety": 1}},
            "has improved but no potential",
        ),
        ({"families": 5, "improved": {"safety": 1, "Safety": 1}}, "given twice"),
    ],
)
def test_cohort_validation(kwargs: dict[str, object], message: str):
    """Cohorts require 0 <= improved <= potential <= families, whole numbers."""
    with pytest.raises(CohortError, match=message):
        Cohort("x", **kwargs)  # type: ignore[arg-type]


def test_outcome_without_proxy_is_a_key_error():
    """A cohort outcome with no proxy raises KeyError naming it."""
    c = Cohort("x", 3, {"loneliness": 1})
    with pytest.raises(KeyError, match="'loneliness' with no proxy"):
        SavingModel(SAFECORE_2020).evaluate(c)
    own = SAFECORE_2020.with_proxy(Proxy("loneliness", "less lonely", 1000, "own"))
    assert SavingModel(own).evaluate(c).total == 1000
    assert issubclass(MissingOutcomeError, KeyError)


def test_outputs():
    """Results have compact reprs, text and HTML tables, and to_dict."""
    ev = SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED)
    assert repr(ev) == "Evaluation('Engaged', families=12, total=£180,551, per_family=£15,045.92)"
    assert "£15,540" in str(ev) and "<table>" in ev._repr_html_()
    assert ev.to_dict()["by_outcome"][2]["net"] == 15_540
    c = SavingModel(SAFECORE_2020).compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    assert "difference_per_family=£5,572.96" in repr(c)
    assert "£5,573" in str(c) and "<table>" in c._repr_html_()
    assert c.to_dict()["difference_per_family"] == pytest.approx(5572.96)
    assert "attribution=1" in repr(SavingModel(SAFECORE_2020))
    assert SavingModel(SAFECORE_2020).to_dict()["discount_rate"] == 0.035
    assert repr(SAFECORE_2020_ENGAGED) == "Cohort('Engaged', families=12, improved=38)"
    assert SAFECORE_2020_DISENGAGED.to_dict()["potential"]["violence"] == 19


# -- one formula, one payback rule, results on the shared protocol ------------------------------


@given(models(), counts, st.lists(st.tuples(shares, shares), min_size=1, max_size=4))
def test_chain_per_draw_is_evaluate_per_parameter(
    model: SavingModel, improved: dict[str, int], draws: list[tuple[float, float]]
):
    """Over a draws axis the chain gives, draw by draw, evaluate() with that draw's shares."""
    n = len(draws)
    attr, dead = np.array(draws).T
    c = cohort(improved)
    keys, imp, sav = model._arrays(c)
    net = model._net(
        np.tile(imp, (n, 1)), np.tile(sav, (n, 1)), keys=keys, attribution=attr, deadweight=dead
    )
    for i in range(n):
        ev = attrs.evolve(model, attribution=attr[i], deadweight=dead[i]).evaluate(c)
        np.testing.assert_array_equal(net[i], ev.net)


def test_evaluation_steps_follow_the_chain():
    """Each step of an evaluation is the previous one times its factor, ending with the annuity."""
    m = SavingModel(
        SAFECORE_2020, deadweight=0.2, displacement=0.1, attribution=0.66, optimism_bias=0.3, years=4
    )
    ev = m.evaluate(SAFECORE_2020_ENGAGED)
    np.testing.assert_array_equal(ev.gross, ev.improved * ev.saving)
    np.testing.assert_array_equal(ev.after_deadweight, ev.gross * 0.8)
    np.testing.assert_array_equal(ev.after_displacement, ev.after_deadweight * 0.9)
    np.testing.assert_array_equal(ev.after_attribution, ev.after_displacement * 0.66)
    np.testing.assert_array_equal(ev.after_optimism_bias, ev.after_attribution * 0.7)
    np.testing.assert_array_equal(ev.net, ev.after_optimism_bias * m.annuity)
    with pytest.raises(ValueError, match="read-only"):
        ev.net[0] = 0


@pytest.mark.parametrize("years", [1, 2, 3, 10])
def test_payback_and_switching_years_agree(years: int):
    """One payback rule: the switching number of years is the payback year plus one."""
    cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.1) * years / 2
    long = SavingModel(SAFECORE_2020, years=200)
    vfm = value_for_money(long, SAFECORE_2020_ENGAGED, cost)
    sv = switching_value(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, cost, "years")
    assert vfm.payback_year is not None and sv.value == vfm.payback_year + 1


def test_results_compare_without_raising():
    """Evaluations (which hold arrays) compare equal by value and unequal otherwise, never raising."""
    model = SavingModel(SAFECORE_2020)
    a, b = model.evaluate(SAFECORE_2020_ENGAGED), model.evaluate(SAFECORE_2020_ENGAGED)
    assert a == b
    assert not (a != b)  # noqa: SIM202 - != is tested on its own
    assert a != model.evaluate(SAFECORE_2020_DISENGAGED)
    assert model.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED) == model.compare(
        SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED
    )


def test_result_tables_and_summaries():
    """Tidy tables, one row per outcome, and one-line summaries with pence per family."""
    pd = pytest.importorskip("pandas")
    model = SavingModel(SAFECORE_2020)
    ev = model.evaluate(SAFECORE_2020_ENGAGED)
    assert ev.summary() == "Engaged: £15,045.92 per family (12 families), £180,551 in total"
    df = ev.to_frame()
    assert list(df["outcome"]) == list(SAFECORE_2020.keys())
    assert list(df.columns[:4]) == ["outcome", "improved", "proxy_saving", "gross"]
    assert df["net"].sum() == 180_551
    assert df["net_per_family"].sum() == pytest.approx(15_045.9167, abs=1e-4)
    c = model.compare(SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED)
    frame = c.to_frame()
    assert frame["difference_per_family"].sum() == pytest.approx(5_572.96, abs=0.005)
    assert c.summary().startswith("Engaged − Disengaged: £5,572.96 per family")
    cost = delivery_cost_per_family(1_950_000, 89, startup_share=0.1)
    vfm = value_for_money(SavingModel(SAFECORE_2020, years=5), SAFECORE_2020_ENGAGED, cost)
    row = vfm.to_frame().iloc[0]
    assert row["payback_year"] == 1 and row["bcr"] == pytest.approx(vfm.bcr)
    assert "BCR 3.57, payback year 1" in vfm.summary()
    free = value_for_money(model, SAFECORE_2020_ENGAGED, 0)
    assert free.to_dict()["bcr"] is None  # infinite: JSON has no infinity
    sv = switching_value(SavingModel(SAFECORE_2020, years=5), SAFECORE_2020_ENGAGED, cost)
    assert sv.summary() == "Switching attribution = 0.280456 (savings equal the cost)"
    assert isinstance(df, pd.DataFrame)
