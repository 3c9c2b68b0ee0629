"""safecore.cost.model pinned against hand arithmetic: switching values and the faces of results.

Switching lag and duration:

One proxy of £1,000 a year, 5 of 10 families improved: £500 per family in the year the
benefit falls, discounted at 3.5% a year (DF_t = 1.035**t, t from 0):

    lag L:       per family = 500 / 1.035**L
                 L = 0: 500.00   L = 3: 500 / 1.108718 = 450.97   L = 4: 500 / 1.147523 = 435.72
    duration D:  per family = 500 * (1 + 1/1.035 + ... + 1/1.035**(D-1))
                 D = 1: 500.00   D = 2: 983.09   D = 3: 500 * 2.899695 = 1449.85
"""

from __future__ import annotations

import pytest

from safecore.cost import (
    Cohort,
    ModelError,
    OptimismBias,
    Proxy,
    ProxyTable,
    SavingModel,
    delivery_cost_per_family,
    switching_value,
    value_for_money,
)

MODEL = SavingModel(ProxyTable([Proxy("housing", "An eviction has been avoided.", 1000, "Test")]))
COHORT = Cohort("Pilot", families=10, improved={"housing": 5})


@pytest.mark.parametrize(
    ("parameter", "cost", "value", "bounds", "note"),
    [
        # largest lag with 500 / 1.035**L >= 450: L = 3 (450.97), L = 4 gives 435.72
        ("lag", 450.0, 3.0, (0.0, 50.0), "largest whole lag"),
        # savings equal to the cost count as reaching it: 500 >= 500 at lag 0, not at lag 1
        ("lag", 500.0, 0.0, (0.0, 50.0), "largest whole lag"),
        # even with no lag 500 < 600
        ("lag", 600.0, None, (0.0, 50.0), "below the cost even with no lag"),
        # a cost of 0 is reached at every lag tried, up to max_years
        ("lag", 0.0, 50.0, (0.0, 50.0), "up to 50 years"),
        # smallest duration with savings >= 1400: 3 years (1449.85; 2 years give 983.09)
        ("duration", 1400.0, 3.0, (1.0, 50.0), "smallest whole duration"),
        # savings equal to the cost count: one year gives exactly 500
        ("duration", 500.0, 1.0, (1.0, 50.0), "smallest whole duration"),
        # 50 years at most 500 / (1 - 1/1.035) = 14,785.71 < 1,000,000
        ("duration", 1_000_000.0, None, (1.0, 50.0), "for a duration of 50 years"),
    ],
)
def test_switching_lag_and_duration_by_hand(parameter, cost, value, bounds, note):
    """The value, the range searched and the reason, for each kind of answer."""
    sv = switching_value(MODEL, COHORT, cost, parameter, max_years=50)
    assert sv.parameter == parameter
    assert sv.value == value
    assert sv.bounds == bounds
    assert note in sv.note


# -- the faces of the results: to_dict, to_frame and the printed table --------------------------
#
# Two proxies (housing £1,000, safety £600), 2 years at 3.5%: annuity 1 + 1/1.035 = 1.966184.
# Cohort A, 10 families: housing 5 x 1000 = 5000, safety 2 x 600 = 1200 a year;
#   net housing 5000 x 1.966184 = 9830.92, safety 1200 x 1.966184 = 2359.42,
#   total 12190.34, per family 1219.03.
# Cohort B, 20 families: housing 4 x 1000 = 4000 a year -> 7864.73, per family 393.24.
# Difference per family 825.80 (housing 983.09 - 393.24 = 589.86, safety 235.94 - 0).
# At a cost of £300 per family: NPV 919.03, BCR 1219.03 / 300 = 4.0634, ROI 3.0634, and the
# first year's £620 per family already covers the cost (payback year 0).
# Switching attribution: 300 / 1219.03 = 0.24610.

TWO = SavingModel(
    ProxyTable(
        [
            Proxy("housing", "An eviction has been avoided.", 1000, "Test"),
            Proxy("safety", "Safer home.", 600, "Test"),
        ]
    ),
    years=2,
)
A = Cohort("A", families=10, improved={"housing": 5, "safety": 2})
B = Cohort("B", families=20, improved={"housing": 4, "safety": 0})
ANNUITY = 1 + 1 / 1.035


def test_evaluation_to_dict_by_hand():
    """Evaluation.to_dict names every figure and gives it in pounds."""
    d = TWO.evaluate(A).to_dict()
    assert list(d) == ["cohort", "families", "annuity", "total", "per_family", "by_outcome"]
    assert (d["cohort"], d["families"]) == ("A", 10)
    assert d["annuity"] == pytest.approx(ANNUITY)
    assert d["total"] == pytest.approx(6200 * ANNUITY)
    assert d["per_family"] == pytest.approx(620 * ANNUITY)
    housing, safety = d["by_outcome"]
    assert housing == pytest.approx(
        {
            "outcome": "housing",
            "improved": 5.0,
            "saving": 1000.0,
            "gross": 5000.0,
            "after_deadweight": 5000.0,
            "after_displacement": 5000.0,
            "after_attribution": 5000.0,
            "after_optimism_bias": 5000.0,
            "net": 5000 * ANNUITY,
        }
    )
    assert (safety["outcome"], safety["gross"], safety["net"]) == (
        "safety",
        1200.0,
        pytest.approx(1200 * ANNUITY),
    )


def test_model_to_dict_keeps_every_setting():
    """SavingModel.to_dict holds the proxies and every adjustment, by name."""
    d = TWO.to_dict()
    assert [p["outcome"] for p in d["proxies"]] == ["housing", "safety"]
    assert [p["saving"] for p in d["proxies"]] == [1000.0, 600.0]
    assert {k: d[k] for k in d if k != "proxies"} == {
        "attribution": 1.0,
        "deadweight": 0.0,
        "displacement": 0.0,
        "optimism_bias": 0.0,
        "years": 2,
        "drop_off": 0.0,
        "discount_rate": 0.035,
        "allow_mixed_price_years": False,
        "grade_table": None,
    }


def test_comparison_faces_by_hand():
    """Comparison.to_dict, to_frame and its printed table give the per-family difference."""
    c = TWO.compare(A, B)
    d = c.to_dict()
    assert (d["a"]["cohort"], d["b"]["cohort"]) == ("A", "B")
    assert d["b"]["per_family"] == pytest.approx(200 * ANNUITY)
    assert d["difference_per_family"] == pytest.approx(420 * ANNUITY)
    assert d["by_outcome"] == pytest.approx({"housing": 300 * ANNUITY, "safety": 120 * ANNUITY})
    pytest.importorskip("pandas")
    frame = c.to_frame()
    assert list(frame.columns) == ["outcome", "a_per_family", "b_per_family", "difference_per_family"]
    assert frame["outcome"].tolist() == ["housing", "safety"]
    assert frame["a_per_family"].tolist() == pytest.approx([500 * ANNUITY, 120 * ANNUITY])
    assert frame["b_per_family"].tolist() == pytest.approx([200 * ANNUITY, 0.0])
    lines = str(c).splitlines()
    assert lines[0] == "Savings per family: A £1,219 − B £393 = £826"
    assert lines[1].split() == ["Outcome", "A", "per", "family", "B", "per", "family", "Difference"]
    assert lines[2].split() == ["Housing", "£983", "£393", "£590"]
    assert lines[3].split() == ["Safety", "£236", "£0", "£236"]


def test_value_for_money_faces_by_hand():
    """ValueForMoney.to_dict, to_frame and its printed table: NPV, BCR, ROI and payback."""
    v = value_for_money(TWO, A, 300)
    benefit = 620 * ANNUITY
    assert v.to_dict() == pytest.approx(
        {
            "benefit": benefit,
            "cost": 300.0,
            "npv": benefit - 300,
            "bcr": benefit / 300,
            "roi": (benefit - 300) / 300,
            "payback_year": 0,
        }
    )
    pytest.importorskip("pandas")
    frame = v.to_frame()
    assert list(frame.columns) == ["benefit", "cost", "npv", "bcr", "roi", "payback_year"]
    assert frame.iloc[0].tolist() == pytest.approx(
        [benefit, 300.0, benefit - 300, benefit / 300, (benefit - 300) / 300, 0]
    )
    lines = str(v).splitlines()
    assert lines[0] == "Value for money per family"
    assert lines[1].split() == ["Benefit", "Cost", "NPV", "BCR", "ROI", "Payback", "year"]
    assert lines[2].split() == ["£1,219", "£300", "£919", "4.06", "306.3%", "0"]


def test_switching_value_frame_by_hand():
    """SwitchingValue.to_frame has one row: parameter, value, low, high and note."""
    pytest.importorskip("pandas")
    frame = switching_value(TWO, A, 300).to_frame()
    assert list(frame.columns) == ["parameter", "value", "low", "high", "note"]
    row = frame.iloc[0]
    assert (row["parameter"], row["low"], row["high"]) == ("attribution", 0.0, 1.0)
    assert row["value"] == pytest.approx(300 / (620 * ANNUITY))
    assert row["note"] == "savings equal the cost"


# -- payback, counted from year 0 ---------------------------------------------------------------
#
# One proxy of £1,000, 5 of 10 families improved: £500 per family a year; no discounting
# (rate 0), 3 years. Cumulative savings per family: 500, 1000, 1500 (years 0, 1, 2). With the
# benefit lagged one year (lag=1, three years of benefit): 0, 500, 1000, 1500.


@pytest.mark.parametrize(
    ("lag", "cost", "year", "shown"),
    [
        (0, 500.0, 0, "payback year 0"),  # 500 >= 500 in year 0: equal savings count
        (0, 1000.0, 1, "payback year 1"),
        (0, 5000.0, None, "payback never"),  # 1500 < 5000
        (1, 500.0, 1, "payback year 1"),  # nothing in year 0, 500 by year 1
        (1, 1000.0, 2, "payback year 2"),
        (1, 5000.0, None, "payback never"),
    ],
)
def test_payback_year_by_hand(lag, cost, year, shown):
    """The first year (from 0) whose cumulative savings per family reach the cost, or never."""
    proxy = Proxy("housing", "An eviction has been avoided.", 1000, "Test", lag=lag)
    model = SavingModel(ProxyTable([proxy]), years=3, discount_rate=0)
    v = value_for_money(model, Cohort("Pilot", families=10, improved={"housing": 5}), cost)
    assert v.payback_year == year
    assert v.benefit == pytest.approx(1500.0)
    assert v.summary().endswith(shown)


def test_evaluation_printed_and_frame_by_hand():
    """Evaluation's summary, printed table and frame: each step of the chain per outcome."""
    ev = TWO.evaluate(A)
    # 620 x 1.966184 = 1219.03 per family; x 10 families = 12,190
    assert ev.summary() == "A: £1,219.03 per family (10 families), £12,190 in total"
    assert TWO.evaluate(Cohort("One", families=1, improved={"housing": 1})).summary() == (
        "One: £1,966.18 per family (1 family), £1,966 in total"  # 1000 x 1.966184
    )
    lines = str(ev).splitlines()
    assert lines[1].split()[:4] == ["Outcome", "Improved", "Proxy", "saving"]
    assert lines[1].split()[-3:] == ["Net", "per", "family"]
    # housing: 5 improved, £1,000, gross £5,000 through every step, net 9,831, per family 983
    assert lines[2].split() == ["Housing", "5", "£1,000"] + ["£5,000"] * 5 + ["£9,831", "£983"]
    assert lines[3].split() == ["Safety", "2", "£600"] + ["£1,200"] * 5 + ["£2,359", "£236"]
    pytest.importorskip("pandas")
    frame = ev.to_frame()
    assert list(frame.columns) == [
        "outcome",
        "improved",
        "proxy_saving",
        "gross",
        "after_deadweight",
        "after_displacement",
        "after_attribution",
        "after_optimism_bias",
        "net",
        "net_per_family",
    ]
    assert frame["net_per_family"].tolist() == pytest.approx([500 * ANNUITY, 120 * ANNUITY])


def test_comparison_and_switching_summaries_by_hand():
    """The one-line summaries of a comparison and a switching value."""
    c = TWO.compare(A, B)
    # 1219.03 - 393.24 = 825.80
    assert c.summary() == "A − B: £825.80 per family (£1,219.03, 10 families; £393.24, 20 families)"
    sv = switching_value(TWO, A, 300)
    assert sv.summary() == "Switching attribution = 0.246097 (savings equal the cost)"
    lines = str(sv).splitlines()  # the caption (the summary), then the table
    assert lines[0] == sv.summary()
    assert lines[1].split() == ["parameter", "value", "low", "high", "note"]
    assert lines[2].split() == ["attribution", "0.246097", "0", "1", "savings", "equal", "the", "cost"]


@pytest.mark.parametrize(
    ("parameter", "cost", "kwargs", "value", "bounds", "note"),
    [
        # smallest number of years with 500 x (1 + 1/1.035 + ...) >= 1400: 3 (1449.85)
        ("years", 1400.0, {"max_years": 50}, 3.0, (1.0, 50.0), "smallest whole number of years"),
        ("years", 1400.0, {}, 3.0, (1.0, 200.0), "smallest whole number of years"),  # default 200
        # 50 years give at most 500 / (1 - 1/1.035) = 14,785.71
        ("years", 1e6, {"max_years": 50}, None, (1.0, 50.0), "stay below the cost for 50 years"),
        # one year: 500 x attribution = 300 at attribution 0.6
        ("attribution", 300.0, {}, 0.6, (0.0, 1.0), "savings equal the cost"),
        ("attribution", 0.0, {}, 0.0, (0.0, 1.0), "equal the cost at the bound"),  # 500 x 0 = 0
        ("attribution", 500.0, {}, 1.0, (0.0, 1.0), "equal the cost at the bound"),  # 500 x 1
        ("attribution", 600.0, {}, None, (0.0, 1.0), "stay below the cost for every attribution"),
        # 500 x (1 - deadweight) = 300 at deadweight 0.4
        ("deadweight", 300.0, {}, 0.4, (0.0, 1.0), "savings equal the cost"),
        ("deadweight", 0.0, {}, 1.0, (0.0, 1.0), "equal the cost at the bound"),
        ("deadweight", 500.0, {}, 0.0, (0.0, 1.0), "equal the cost at the bound"),
    ],
)
def test_switching_years_and_shares_by_hand(parameter, cost, kwargs, value, bounds, note):
    """Switching years, attribution and deadweight: value, the range searched and the reason."""
    sv = switching_value(MODEL, COHORT, cost, parameter, **kwargs)
    assert sv.parameter == parameter
    assert sv.value == (None if value is None else pytest.approx(value, abs=1e-9))
    assert sv.bounds == bounds
    assert note in sv.note


def test_switching_max_years_is_checked_by_name():
    """An invalid max_years is a ModelError (a ValueError) naming max_years and the value."""
    from safecore.cost import ModelError

    with pytest.raises(ModelError, match=r"max_years must be a whole number >= 1: 0"):
        switching_value(MODEL, COHORT, 1.0, "years", max_years=0)


# -- per-proxy shares against drawn shares, argument checks, defaults ----------------------------


@pytest.mark.parametrize(
    ("share", "total"),
    [
        # 5 x 1000 x 0.5 + 2 x 600 x 0.25 = 2500 + 300 = 2800 (attribution: the share kept)
        # (drawn for both: 1250 + 300 = 1550; the proxies swapped: 1250 + 1200 = 2450)
        ("attribution", 2800.0),
        # 5 x 1000 x (1 - 0.5) + 2 x 600 x (1 - 0.25) = 2500 + 900 = 3400 (deadweight: lost)
        ("deadweight", 3400.0),
    ],
)
def test_drawn_share_replaces_only_the_model_wide_value(share: str, total: float):
    """A proxy's own attribution or deadweight stays when simulate draws the model's.

    Housing £1,000 with its own share 0.5, safety £600 with none; 10 families, 5 and 2
    improved; no sampling and no proxy spread, the share drawn from [0.25, 0.25]: every draw
    gives the same total, written out beside each case.
    """
    from safecore.cost import simulate

    table = ProxyTable(
        [
            Proxy("housing", "An eviction has been avoided.", 1000, "Test", **{share: 0.5}),
            Proxy("safety", "A child is safer.", 600, "Test"),
        ]
    )
    cohort = Cohort("Pilot", families=10, improved={"housing": 5, "safety": 2})
    result = simulate(
        SavingModel(table),
        cohort,
        n=10,
        proxy_spread=0.0,
        sampling=False,
        seed=1,
        **{f"{share}_range": (0.25, 0.25)},
    )
    assert result.total.tolist() == [total] * 10


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (
            lambda: SavingModel(MODEL.proxies, allow_mixed_price_years="yes"),
            TypeError,
            ("allow_mixed_price_years", "True or False", "'yes'"),
        ),
        (lambda: SavingModel(MODEL.proxies, drop_off=1.5), ModelError, ("drop_off", "1.5")),
        (lambda: SavingModel(MODEL.proxies, years=0), ModelError, ("years", "0")),
        (lambda: delivery_cost_per_family(-1.0, 10), ModelError, ("funding", "-1")),
        (
            lambda: delivery_cost_per_family(100.0, 10, startup_share=2),
            ModelError,
            ("startup_share", "2"),
        ),
        (lambda: value_for_money(MODEL, COHORT, -5.0), ModelError, ("cost_per_family", "-5")),
        (lambda: switching_value(MODEL, COHORT, float("nan")), ModelError, ("cost_per_family", "nan")),
    ],
)
def test_model_arguments_are_refused_by_name(call, error, names):
    """Each refused argument raises the model's error class and names itself and its value."""
    with pytest.raises(error) as info:
        call()
    if error is ModelError:
        assert type(info.value) is ModelError
    message = str(info.value)
    for name in names:
        assert name in message


def test_every_graded_proxy_needs_a_grade_table():
    """An ungraded proxy first does not stop the check of a graded one after it, which is named."""
    table = ProxyTable(
        [
            Proxy("housing", "An eviction has been avoided.", 1000, "Test"),
            Proxy("safety", "A child is safer.", 600, "Test", grade=3),
        ]
    )
    with pytest.raises(ModelError, match=r"proxy 'safety' has confidence grade 3 .* no grade_table"):
        SavingModel(table)


def test_model_to_dict_holds_its_grade_table():
    """to_dict gives the grade table's own dictionary, not None, when the model has one."""
    bias = OptimismBias({1: 0.1, 2: 0.2})
    d = SavingModel(MODEL.proxies, grade_table=bias).to_dict()
    assert d["grade_table"] == bias.to_dict()
    assert SavingModel(MODEL.proxies).to_dict()["grade_table"] is None


def test_delivery_cost_per_family_has_no_startup_share_by_default():
    """funding x (1 - 0) / families: £1,000 for 8 families is £125 each."""
    assert delivery_cost_per_family(1000.0, 8) == 125.0
    # with a 10% start-up share: 1000 x 0.9 / 8 = 112.5
    assert delivery_cost_per_family(1000.0, 8, startup_share=0.1) == pytest.approx(112.5)


def test_sensitivity_names_a_proxy_given_by_text():
    """A proxy of the user's own outcome (text, not a CostOutcome) is named by that text.

    Respite care £1,000, 5 of 10 families: £500 per family; a 20% proxy spread gives £800 to
    £1,200 for the proxy and £400 to £600 per family.
    """
    from safecore.cost import sensitivity

    model = SavingModel(ProxyTable([Proxy("Respite care", "A night of respite avoided.", 1000, "Test")]))
    cohort = Cohort("Pilot", families=10, improved={"Respite care": 5})
    rows = {r.parameter: r for r in sensitivity(model, cohort).rows}
    row = rows["proxy: Respite care"]
    assert (row.low, row.high) == pytest.approx((800.0, 1200.0))
    assert (row.per_family_low, row.per_family_high) == pytest.approx((400.0, 600.0))


def _words(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


ONE_YEAR = SavingModel(TWO.proxies)
ONLY_HOUSING = Cohort("A", families=10, improved={"housing": 5})
ONLY_SAFETY = Cohort("B", families=20, improved={"safety": 4})


def test_printed_results_by_hand():
    """Captions, headers and cells of the printed results, each figure by hand.

    A: housing 5 x £1,000 = £5,000 over 10 families = £500 each (every step the same: no shares).
    B: safety 4 x £600 = £2,400 over 20 families = £120 each. Each cohort lacks the other's
    outcome, shown as £0. At a cost of £0 the BCR and ROI are infinite; payback is year 0.
    Switching lag at £100: 500 / 1.035**L >= 100 up to L = 46 (1.035**46 = 4.87, 1.035**47 = 5.04).
    Switching attribution at £100: 500 x a = 100, a = 0.2.
    """
    assert _words(str(ONE_YEAR.evaluate(ONLY_HOUSING))) == _words(
        "A: £500.00 per family (10 families), £5,000 in total\n"
        "Outcome Improved Proxy saving Gross After deadweight After displacement After attribution "
        "After optimism bias Net Net per family\n"
        "Housing 5 £1,000 £5,000 £5,000 £5,000 £5,000 £5,000 £5,000 £500"
    )
    assert _words(str(ONE_YEAR.compare(ONLY_HOUSING, ONLY_SAFETY))) == _words(
        "Savings per family: A £500 − B £120 = £380\n"
        "Outcome A per family B per family Difference\n"
        "Housing £500 £0 £500\n"
        "Safety £0 £120 -£120"
    )
    assert _words(str(value_for_money(ONE_YEAR, ONLY_HOUSING, 0.0))) == _words(
        "Value for money per family\nBenefit Cost NPV BCR ROI Payback year\n£500 £0 £500 inf inf% 0"
    )
    assert _words(str(switching_value(ONE_YEAR, ONLY_HOUSING, 100.0, "lag", max_years=50))) == _words(
        "Switching lag = 46 (largest whole lag (years) whose savings reach the cost)\n"
        "parameter value low high note\n"
        "lag 46 0 50 largest whole lag (years) whose savings reach the cost"
    )
    assert _words(str(switching_value(ONE_YEAR, ONLY_HOUSING, 100.0))) == _words(
        "Switching attribution = 0.2 (savings equal the cost)\n"
        "parameter value low high note\n"
        "attribution 0.2 0 1 savings equal the cost"
    )


def test_grade_table_must_be_an_optimism_bias_table():
    """A plain dict is refused as grade_table, by name and with what is expected."""
    with pytest.raises(TypeError, match=r"grade_table must be an OptimismBias table, not dict"):
        SavingModel(MODEL.proxies, grade_table={1: 0.1})


def test_benefit_profiles_by_hand():
    """Undiscounted (rate 0), 2 years, one proxy of £1,000, 5 of 10 families improved (£500 a year).

    No drop-off: 500 + 500 = £1,000 per family (the annuity is exactly 2, still applied).
    The proxy's own drop-off 0.5: 500 + 500 x 0.5 = £750 per family.
    """
    cohort = Cohort("P", families=10, improved={"housing": 5})
    plain = ProxyTable([Proxy("housing", "An eviction has been avoided.", 1000, "Test")])
    assert SavingModel(plain, years=2, discount_rate=0.0).evaluate(cohort).per_family == 1000.0
    own = ProxyTable([Proxy("housing", "An eviction has been avoided.", 1000, "Test", drop_off=0.5)])
    assert SavingModel(own, years=2, discount_rate=0.0).evaluate(cohort).per_family == 750.0


def test_switching_value_with_no_value_in_range_says_so():
    """£500 per family at attribution 1 never reaches £5,000: the repr says none in range."""
    sv = switching_value(MODEL, COHORT, 5000.0)
    assert repr(sv) == "SwitchingValue(attribution=none in range, bounds=(0.0, 1.0))"


def test_discount_factors_refuse_by_name():
    """years and rate are refused with the model's error class, named."""
    from safecore.cost.model import discount_factors

    with pytest.raises(ModelError, match=r"years must be a whole number >= 1: 0"):
        discount_factors(0)
    with pytest.raises(ModelError, match=r"^rate"):
        discount_factors(3, -0.5)
