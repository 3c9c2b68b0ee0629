"""Tests for safecore.cost.uncertainty that pin exact values mutation testing found unchecked.

Results are built from a few draws whose means and percentiles are worked by hand (numpy's
default percentile interpolates linearly at position q/100 × (n - 1)); simulations are run
with nothing drawn (no spread, no sampling, ranges of one value), so every draw is the hand
figure. None of the expected values comes from the code under test.

One proxy of £1,000 a year, 5 of 10 families improved, one year: £5,000, £500 per family.
"""

from __future__ import annotations

import math
import re

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
    sensitivity,
    simulate,
    simulate_comparison,
)
from safecore.cost.uncertainty import (
    ComparisonSimulation,
    Sensitivity,
    SensitivityRow,
    SimulationResult,
)

MODEL = SavingModel(ProxyTable([Proxy("housing", "An eviction has been avoided.", 1000, "Test")]))
COHORT = Cohort("Pilot", families=10, improved={"housing": 5})

# -- SimulationResult from four draws ------------------------------------------------------------
# totals 100, 200, 300, 500 for 2 families: per family 50, 100, 150, 250; mean total 275 (137.5)
# positions q/100 × 3: p2.5 at 0.075 -> 100 + 0.075 × 100 = 107.5 (53.75 per family)
#                      p25 at 0.75 -> 175 (87.5); p50 at 1.5 -> 250 (125); p75 at 2.25 -> 350 (175)
#                      p97.5 at 2.925 -> 300 + 0.925 × 200 = 485 (242.5)
SIM = SimulationResult(
    cohort="P",
    total=np.array([100.0, 200.0, 300.0, 500.0]),
    families=2,
    percentiles={2.5: 53.75, 50.0: 125.0},
    seed=3,
    central=110.0,
)


def test_simulation_summaries_by_hand():
    """n, mean, median, percentiles and intervals per family from four draws."""
    assert SIM.n == 4
    assert SIM.mean == 137.5
    assert SIM.median == 125.0
    assert SIM.percentile(25) == 87.5
    assert SIM.interval(0.5) == (87.5, 175.0)
    assert SIM.interval() == pytest.approx((53.75, 242.5), rel=1e-12)
    np.testing.assert_array_equal(SIM.per_family, [50.0, 100.0, 150.0, 250.0])


def test_simulation_table_by_hand():
    """to_frame's table: total and per family, the mean and each percentile asked for."""
    table = SIM._table()
    assert table.columns == ("quantity", "mean", "p2_5", "p50")
    assert table.rows == (("total", 275.0, 107.5, 250.0), ("per_family", 137.5, 53.75, 125.0))
    assert table.headers == ("Quantity", "Mean", "2.5%", "50%")
    lines = [line.split() for line in str(SIM).splitlines()[1:]]
    assert lines == [
        ["Quantity", "Mean", "2.5%", "50%"],
        ["total", "£275", "£108", "£250"],  # 107.5 rounds half up
        ["per_family", "£138", "£54", "£125"],
    ]
    assert table.caption == SIM.summary()
    assert SIM._repr_markdown_().startswith(SIM.summary() + "\n\n| Quantity | Mean |")
    bare = SimulationResult("P", np.array([1.0, 3.0]), 1, {}, None)
    assert bare._table().columns == ("quantity", "mean")
    assert bare._table().rows == (("total", 2.0), ("per_family", 2.0))


def test_simulation_summary_line():
    """The summary: mean to the penny, family/families, interval, draws, seed, central, median."""
    assert SIM.summary() == (
        "P: mean £137.50 per family (2 families), 95% interval £54 to £243 (4 draws, seed 3); "
        "central estimate £110.00, median £125.00"
    )
    one = SimulationResult("Q", np.array([1.0, 3.0]), 1, {}, None)
    assert one.summary() == "Q: mean £2.00 per family (1 family), 95% interval £1 to £3 (2 draws)"
    assert one.note == ""


def test_simulation_note_and_dict():
    """The note gives the median and mean against the central estimate, in percent."""
    # 125 / 110 - 1 = +13.6%; 137.5 / 110 - 1 = +25.0%
    assert SIM.note.startswith("median +13.6% and mean +25.0% from the central estimate: ")
    assert "Beta(k+1, m-k+1)" in SIM.note
    assert SIM.note.endswith("The central estimate uses the observed counts; report both")
    zero = SimulationResult("Z", np.array([1.0]), 1, {}, None, central=0.0)
    assert zero.note == "central estimate is 0"
    below = SimulationResult("Z", np.array([90.0]), 1, {}, None, central=100.0)
    assert below.note.startswith("median -10.0% and mean -10.0%")
    assert SIM.to_dict() == {
        "cohort": "P",
        "n": 4,
        "families": 2,
        "seed": 3,
        "mean_per_family": 137.5,
        "median_per_family": 125.0,
        "central_per_family": 110.0,
        "note": SIM.note,
        "percentiles_per_family": {"2.5": 53.75, "50.0": 125.0},
    }


def test_simulation_repr():
    """repr: cohort, draws, mean per family and the 95% interval in whole pounds."""
    assert repr(SIM) == "SimulationResult('P', n=4, mean_per_family=£138, 95% interval=[£54, £243])"


# -- ComparisonSimulation from four draws ----------------------------------------------------------
# a per family 100, 200, 300, 400; b 50, 50, 100, 100 -> difference 50, 150, 200, 300 (mean 175)
# a has 3 families: benefit 150, 450, 600, 900; PV costs 500 -> NPV -350, -50, 100, 400 (mean 25),
# BCR 0.3, 0.9, 1.2, 1.8 (mean 1.05); P(BCR > 1) = 2 / 4. Medians (position 1.5): 250, 75, 175,
# 25, 1.05. Central: a 250, b 90, difference 160 -> NPV 3 × 160 - 500 = -20, BCR 480 / 500 = 0.96.
# 95% interval of the difference: 50 + 0.075 × 100 = 57.5 and 200 + 0.925 × 100 = 292.5.


def _comparison(pv_costs: float | None) -> ComparisonSimulation:
    return ComparisonSimulation(
        a="A",
        b="B",
        a_families=3,
        b_families=5,
        a_per_family=np.array([100.0, 200.0, 300.0, 400.0]),
        b_per_family=np.array([50.0, 50.0, 100.0, 100.0]),
        pv_costs=pv_costs,
        central_difference=160.0,
        percentiles=(50.0,),
        seed=None,
        central_a=250.0,
        central_b=90.0,
    )


def test_comparison_with_costs_by_hand():
    """Difference, benefit, NPV, BCR, P(BCR > 1) and the table with central values."""
    sim = _comparison(500.0)
    assert sim.n == 4
    np.testing.assert_array_equal(sim.difference, [50, 150, 200, 300])
    np.testing.assert_array_equal(sim.benefit, [150, 450, 600, 900])
    np.testing.assert_array_equal(sim.npv, [-350, -50, 100, 400])
    np.testing.assert_allclose(sim.bcr, [0.3, 0.9, 1.2, 1.8])
    assert sim.probability_bcr_above_1 == 0.5
    table = sim._table()
    assert table.columns == ("quantity", "central", "mean", "p50")
    assert table.headers == ("Quantity", "Central", "Mean", "50%")
    assert [r[0] for r in table.rows] == ["a_per_family", "b_per_family", "difference", "npv", "bcr"]
    want = [(250, 250, 250), (90, 75, 75), (160, 175, 175), (-20, 25, 25), (0.96, 1.05, 1.05)]
    for row, w in zip(table.rows, want, strict=True):
        assert row[1:] == pytest.approx(w, rel=1e-12)
    assert [line.split() for line in str(sim).splitlines()[1:3]] == [
        ["Quantity", "Central", "Mean", "50%"],
        ["a_per_family", "250.00", "250.00", "250.00"],
    ]
    assert sim.summary() == (
        "A − B: mean £175.00 per family, 95% interval £58 to £293 (central £160.00, 4 joint draws); "
        "P(BCR > 1) = 0.500"
    )
    assert sim._repr_markdown_().startswith(sim.summary() + "\n\n| Quantity | Central |")
    # 175 / 160 - 1 = +9.4%
    assert sim.note.startswith("median +9.4% and mean +9.4% from the central estimate")
    assert repr(sim) == "ComparisonSimulation('A' − 'B', n=4, mean_difference=£175)"


def test_comparison_bcr_below_one_pound_of_costs():
    """A PV of costs between 0 and 1 still gives a BCR (benefit / costs), centrally too."""
    sim = _comparison(0.5)
    bcr = {r[0]: r[1] for r in sim._table().rows}["bcr"]
    assert bcr == pytest.approx(480 / 0.5)


def test_comparison_dict_with_costs():
    """to_dict: names, draws, seed, costs, P(BCR > 1), the note and the table's rows as dicts."""
    sim = _comparison(500.0)
    d = sim.to_dict()
    assert list(d) == [
        "a",
        "b",
        "n",
        "seed",
        "pv_costs",
        "probability_bcr_above_1",
        "note",
        "quantities",
    ]
    assert (d["a"], d["b"], d["n"], d["seed"], d["pv_costs"]) == ("A", "B", 4, None, 500.0)
    assert d["probability_bcr_above_1"] == 0.5
    assert d["note"] == sim.note
    assert d["quantities"][0] == {
        "quantity": "a_per_family",
        "central": 250.0,
        "mean": 250.0,
        "p50": 250.0,
    }
    assert d["quantities"][3] == {"quantity": "npv", "central": -20.0, "mean": 25.0, "p50": 25.0}
    assert [q["quantity"] for q in d["quantities"]] == [
        "a_per_family",
        "b_per_family",
        "difference",
        "npv",
        "bcr",
    ]


def test_comparison_with_zero_costs():
    """Zero costs: NPV is the benefit, no BCR row, and every draw's benefit is above 0."""
    sim = _comparison(0.0)
    assert sim.bcr is None
    np.testing.assert_array_equal(sim.npv, [150, 450, 600, 900])
    assert sim.probability_bcr_above_1 == 1.0
    rows = sim._table().rows
    assert [r[0] for r in rows] == ["a_per_family", "b_per_family", "difference", "npv"]
    assert rows[3][1:] == (480.0, 525.0, 525.0)  # central 3 × 160; mean of 150 ... 900


def test_comparison_without_costs():
    """No costs: no NPV, BCR or probability; three rows; no P(BCR > 1) in the summary."""
    sim = _comparison(None)
    assert sim.npv is None and sim.bcr is None and sim.probability_bcr_above_1 is None
    assert [r[0] for r in sim._table().rows] == ["a_per_family", "b_per_family", "difference"]
    assert sim.summary().endswith("(central £160.00, 4 joint draws)")
    assert sim.to_dict()["probability_bcr_above_1"] is None
    empty = ComparisonSimulation("A", "B", 1, 1, np.array([1.0]), np.array([0.0]), None, 1.0, (), None)
    assert empty._table().columns == ("quantity", "central", "mean")
    rows = empty._table().rows  # no percentile columns: quantity, central, mean only
    assert [len(r) for r in rows] == [3, 3, 3]
    assert [r[2] for r in rows] == [1.0, 0.0, 1.0]


# -- sensitivity results -----------------------------------------------------------------------


ROW = SensitivityRow("attribution", 0.5, 1.0, 100.0, 250.0)


def test_sensitivity_row_faces():
    """A row: swing |250 - 100| = 150; its table, summary, dict and repr."""
    assert ROW.swing == 150.0
    table = ROW._table()
    assert table.columns == ("parameter", "low", "high", "per_family_low", "per_family_high", "swing")
    assert table.rows == (("attribution", 0.5, 1.0, 100.0, 250.0, 150.0),)
    assert table.caption == "Sensitivity to attribution"
    assert [line.split() for line in str(ROW).splitlines()] == [
        ["Sensitivity", "to", "attribution"],
        ["Parameter", "Low", "High", "Per", "family", "(low)", "Per", "family", "(high)", "Swing"],
        ["attribution", "0.5", "1", "£100", "£250", "£150"],
    ]
    assert ROW.summary() == "attribution: £100 per family at 0.5, £250 at 1 (swing £150)"
    assert ROW.to_dict() == {
        "parameter": "attribution",
        "low": 0.5,
        "high": 1.0,
        "per_family_low": 100.0,
        "per_family_high": 250.0,
        "swing": 150.0,
    }
    big = SensitivityRow("proxy: Housing", 6216.0, 1234567.0, 300.0, 200.0)
    assert big.swing == 100.0
    assert big.summary() == "proxy: Housing: £300 per family at 6,216, £200 at 1.23457e+06 (swing £100)"


def test_sensitivity_faces():
    """The tornado: table rows in order, summary naming the largest swing, dict and repr."""
    rows = (
        ROW,
        SensitivityRow("b", 0, 1, 10.0, 60.0),
        SensitivityRow("c", 0, 1, 10.0, 30.0),
        SensitivityRow("d", 0, 1, 10.0, 20.0),
    )
    s = Sensitivity(175.5, rows)
    assert [r[0] for r in s._table().rows] == ["attribution", "b", "c", "d"]
    assert s._table().columns[0] == "parameter"
    assert (
        s.summary() == "One-way sensitivity around £175.50 per family; largest swing: attribution (£150)"
    )
    assert str(s).splitlines()[0] == s.summary()
    assert s._repr_markdown_().startswith(s.summary() + "\n\n| Parameter | Low |")
    assert s.to_dict() == {"base_per_family": 175.5, "rows": [r.to_dict() for r in rows]}
    assert repr(s) == "Sensitivity(base=£176, rows=4, largest=[attribution: £150, b: £50, c: £20])"
    empty = Sensitivity(1.0, ())
    assert empty.summary() == "One-way sensitivity around £1.00 per family (nothing varied)"


# -- sensitivity(): one parameter at a time ---------------------------------------------------


def test_sensitivity_by_hand():
    """Attribution 0.5-1: £250-£500; deadweight 0-0.2: £500-£400; the proxy ±25%: £375-£625.

    Equal swings (attribution and the proxy, 250 each) are ordered by name.
    """
    s = sensitivity(
        MODEL, COHORT, ranges={"deadweight": (0, 0.2), "attribution": (0.5, 1.0)}, proxy_spread=0.25
    )
    assert s.base == 500.0
    assert [r.parameter for r in s.rows] == ["attribution", "proxy: Housing", "deadweight"]
    attr, proxy, dead = s.rows
    assert (attr.low, attr.high, attr.per_family_low, attr.per_family_high) == (0.5, 1.0, 250.0, 500.0)
    assert (proxy.low, proxy.high, proxy.per_family_low, proxy.per_family_high) == (
        750.0,
        1250.0,
        375.0,
        625.0,
    )
    assert (dead.low, dead.high) == (0.0, 0.2)
    assert (dead.per_family_low, dead.per_family_high) == pytest.approx((500.0, 400.0))


def test_sensitivity_lag_duration_and_years():
    """lag 0-2: 500 and 500 / 1.035**2; duration 1-3: 500 and 500 (1 + 1/1.035 + 1/1.035**2)."""
    s = sensitivity(MODEL, COHORT, ranges={"lag": (0, 2), "duration": (1, 3)}, proxy_spread=0)
    rows = {r.parameter: r for r in s.rows}
    assert rows["lag"].per_family_low == pytest.approx(500.0)
    assert rows["lag"].per_family_high == pytest.approx(500 / 1.035**2)  # 466.76
    assert rows["duration"].per_family_low == pytest.approx(500.0)
    assert rows["duration"].per_family_high == pytest.approx(500 * (1 + 1 / 1.035 + 1 / 1.035**2))
    assert rows["proxy: Housing"].swing == 0.0


def test_sensitivity_grade_table():
    """grade_table (0, 2) scales the table: grade 2's 0.25 becomes 0 and 0.5: £500 and £250."""
    table = ProxyTable([Proxy("housing", "x", 1000, "s", grade=2)])
    model = SavingModel(table, grade_table=OptimismBias({2: 0.25}))
    row = sensitivity(model, COHORT, ranges={"grade_table": (0, 2)}).rows[0]
    assert (row.parameter, row.per_family_low, row.per_family_high) == ("grade_table", 500.0, 250.0)
    with pytest.raises(ModelError) as info:
        sensitivity(MODEL, COHORT, ranges={"grade_table": (0, 2)})
    assert str(info.value) == "ranges['grade_table']: grade_table: the model has no grade_table to vary"


def test_sensitivity_only_varies_improved_outcomes():
    """A proxy for an outcome the cohort did not improve on gets no row."""
    table = ProxyTable([Proxy("housing", "x", 1000, "s"), Proxy("safety", "y", 10, "s")])
    s = sensitivity(SavingModel(table), COHORT, ranges={})
    assert [r.parameter for r in s.rows] == ["proxy: Housing"]


def test_default_ranges():
    """Without ranges: the six default parameters and the proxies."""
    s = sensitivity(MODEL, COHORT)
    rows = {r.parameter: (r.low, r.high) for r in s.rows}
    assert rows == {
        "attribution": (0.5, 1.0),
        "deadweight": (0.0, 0.5),
        "displacement": (0.0, 0.25),
        "optimism_bias": (0.0, 0.4),
        "drop_off": (0.0, 0.5),
        "discount_rate": (0.0, 0.07),
        "proxy: Housing": (800.0, 1200.0),
    }


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"ranges": {"years": (0, 2)}},
            ModelError,
            "ranges['years']: years must be a whole number >= 1: 0.0",
        ),
        ({"ranges": {"attribution": ("a", 1)}}, InputTypeError, "ranges['attribution'][0] must be"),
        ({"ranges": {"attribution": (0, "b")}}, InputTypeError, "ranges['attribution'][1] must be"),
        ({"ranges": {"attribution": (0, 1, 2)}}, InputTypeError, "ranges['attribution'] must be a pair"),
        ({"ranges": {"allow_mixed_price_years": (0, 1)}}, ModelError, "unknown parameter 'allow_mixed"),
        ({"ranges": {"proxies": (0, 1)}}, ModelError, "unknown parameter 'proxies'"),
        (
            {"ranges": [("attribution", (0, 1))]},
            InputTypeError,
            "ranges must map parameter names to (low, high), not list: [('attribution', (0, 1))]",
        ),
        (
            {"ranges": {"deadweight": (math.nan, 1)}},
            ModelError,
            "ranges['deadweight'][0] must be a finite",
        ),
        (
            {"ranges": {"deadweight": (0, math.inf)}},
            ModelError,
            "ranges['deadweight'][1] must be a finite",
        ),
        ({"proxy_spread": 1.5}, ModelError, "proxy_spread must be"),
    ],
)
def test_sensitivity_refusals(kwargs: dict[str, object], error: type[Exception], message: str):
    """Each refusal: its type and the identifying start of its message."""
    with pytest.raises(error) as info:
        sensitivity(MODEL, COHORT, **kwargs)  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(info.value).startswith(message)


def test_unknown_parameter_lists_the_parameters():
    """The message lists the model's parameters, then lag and duration."""
    with pytest.raises(ModelError) as info:
        sensitivity(MODEL, COHORT, ranges={"colour": (0, 1)})
    assert str(info.value) == (
        "unknown parameter 'colour' in ranges (parameters: attribution, deadweight, displacement, "
        "optimism_bias, years, drop_off, discount_rate, grade_table, lag, duration)"
    )


# -- simulate(): with nothing drawn every draw is the hand figure ----------------------------------


def test_nothing_drawn_gives_the_central_value_in_every_draw():
    """No spread, no sampling: every draw is £5,000 (£500 per family), every percentile too."""
    sim = simulate(MODEL, COHORT, n=5, seed=1, proxy_spread=0, sampling=False)
    np.testing.assert_array_equal(sim.total, [5000.0] * 5)
    assert sim.percentiles == {
        2.5: 500.0,
        5.0: 500.0,
        25.0: 500.0,
        50.0: 500.0,
        75.0: 500.0,
        95.0: 500.0,
        97.5: 500.0,
    }
    assert (sim.cohort, sim.families, sim.seed, sim.central) == ("Pilot", 10, 1, 500.0)


def test_ranges_of_one_value():
    """Attribution drawn from [0.5, 0.5] halves every draw; deadweight [0.2, 0.2] takes a fifth."""
    kw = {"n": 4, "proxy_spread": 0, "sampling": False}
    sim = simulate(MODEL, COHORT, attribution_range=(0.5, 0.5), **kw)
    np.testing.assert_array_equal(sim.total, [2500.0] * 4)
    sim = simulate(MODEL, COHORT, deadweight_range=(0.2, 0.2), **kw)
    np.testing.assert_allclose(sim.total, [4000.0] * 4)
    sim = simulate(MODEL, COHORT, attribution_range=(0.5, 0.5), deadweight_range=(0.2, 0.2), **kw)
    np.testing.assert_allclose(sim.total, [2000.0] * 4)  # 5000 × 0.5 × 0.8


def test_progress_is_called_after_each_chunk():
    """progress(done, n) after each chunk: 7 draws in chunks of 3."""
    calls: list[tuple[int, int]] = []
    sim = simulate(MODEL, COHORT, n=7, chunk_size=3, progress=lambda d, n: calls.append((d, n)))
    assert calls == [(3, 7), (6, 7), (7, 7)]
    assert sim.n == 7


def test_percentiles_asked_for():
    """Only the percentiles asked for are reported; an empty list reports none."""
    kw = {"n": 3, "proxy_spread": 0, "sampling": False}
    assert simulate(MODEL, COHORT, percentiles=[50, 0.5], **kw).percentiles == {50.0: 500.0, 0.5: 500.0}
    assert simulate(MODEL, COHORT, percentiles=[], **kw).percentiles == {}


def test_seed_is_kept_only_when_whole():
    """A whole-number seed is recorded; a Generator or SeedSequence gives None; equal seeds agree."""
    assert simulate(MODEL, COHORT, n=3, seed=7).seed == 7
    assert simulate(MODEL, COHORT, n=3, seed=np.random.default_rng(7)).seed is None
    assert simulate(MODEL, COHORT, n=3, seed=np.random.SeedSequence(7)).seed is None
    a = simulate(MODEL, COHORT, n=50, seed=11)
    b = simulate(MODEL, COHORT, n=50, seed=11)
    np.testing.assert_array_equal(a.total, b.total)


def test_proxy_spread_bounds_and_tails():
    """A spread of 0.5 keeps draws in [£2,500, £7,500] and reaches both tails (2,000 draws).

    Triangular(-1, 0, 1) puts 2% of its mass below -0.8 and 2% above 0.8: with 2,000 draws
    the chance of none below £3,000 (or none above £7,000) is 0.98**2000 < 1e-17.
    """
    sim = simulate(MODEL, COHORT, n=2000, seed=5, proxy_spread=0.5, sampling=False)
    assert sim.total.min() >= 2500 and sim.total.max() <= 7500
    assert sim.total.min() < 3000 and sim.total.max() > 7000
    assert abs(sim.total.mean() - 5000) < 5 * sim.total.std() / math.sqrt(2000)


@pytest.mark.parametrize(("potential", "m"), [(None, 20), ({"housing": 10}, 10)])
def test_sampling_draws_beta_binomial_counts(potential: dict[str, int] | None, m: int):
    """k = 2 of m: counts from Beta(3, m - 1)-binomial, mean m × 3 / (m + 2), never above m.

    m is the potential count when given, else the families (20): means 60/22 and 30/12.
    """
    cohort = Cohort("S", 20, {"housing": 2}, potential)
    sim = simulate(MODEL, cohort, n=20_000, seed=3, proxy_spread=0)
    counts = sim.total / 1000
    assert counts.max() <= m and counts.min() >= 0
    np.testing.assert_array_equal(counts, np.round(counts))  # whole counts
    expected = m * 3 / (m + 2)
    assert abs(counts.mean() - expected) < 5 * counts.std() / math.sqrt(20_000)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"attribution_range": (0.8, 0.2)}, ModelError, "attribution_range must be a range (low, high)"),
        ({"deadweight_range": (0.0, 1.2)}, ModelError, "deadweight_range[1] must be"),
        ({"deadweight_range": (-0.1, 0.5)}, ModelError, "deadweight_range[0] must be"),
        (
            {"attribution_range": [0.1]},
            InputTypeError,
            "attribution_range must be a pair (low, high), not list: [0.1]",
        ),
        (
            {"attribution_range": 0.5},
            InputTypeError,
            "attribution_range must be a pair (low, high), not float",
        ),
        (
            {"percentiles": "50"},
            InputTypeError,
            "percentiles must be a sequence of numbers, not str: '50'",
        ),
        ({"percentiles": [50, 101]}, ModelError, "percentiles[1] must be"),
        ({"progress": 5}, InputTypeError, "progress must be callable or None, not int: 5"),
        ({"sampling": "yes"}, InputTypeError, "sampling must be True or False, not str"),
        ({"chunk_size": 0}, ModelError, "chunk_size must be a whole number >= 1: 0"),
        ({"proxy_spread": 2}, ModelError, "proxy_spread must be"),
        ({"n": 0}, ModelError, "n must be"),
    ],
)
def test_simulate_refusals(kwargs: dict[str, object], error: type[Exception], message: str):
    """Each refusal: its type and the identifying start of its message."""
    with pytest.raises(error) as info:
        simulate(MODEL, COHORT, **kwargs)  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(info.value).startswith(message)


def test_a_range_whose_ends_meet_is_accepted():
    """low == high is a range; both ends may be 0 or 1."""
    sim = simulate(MODEL, COHORT, n=2, proxy_spread=0, sampling=False, attribution_range=(1, 1))
    np.testing.assert_array_equal(sim.total, [5000.0, 5000.0])
    sim = simulate(MODEL, COHORT, n=2, proxy_spread=0, sampling=False, deadweight_range=(0, 0))
    np.testing.assert_array_equal(sim.total, [5000.0, 5000.0])


# -- simulate_comparison(): joint draws -----------------------------------------------------------

TWO = SavingModel(ProxyTable([Proxy("housing", "x", 1000, "s"), Proxy("safety", "y", 600, "s")]))
# A: 10 families, housing 5 -> £500 per family; B: 20 families, housing 2, safety 5 -> (2000 +
# 3000) / 20 = £250 per family. Difference £250; A's benefit 10 × 250 = £2,500.
A = Cohort("A", 10, {"housing": 5})
B = Cohort("B", 20, {"housing": 2, "safety": 5})


def test_comparison_with_nothing_drawn():
    """Every draw is the central difference; costs of £1,000 in years 0 and 1 at 3.5%."""
    costs = Costs([1000, 1000])
    sim = simulate_comparison(TWO, A, B, costs, n=3, seed=2, proxy_spread=0, sampling=False)
    np.testing.assert_array_equal(sim.a_per_family, [500.0] * 3)
    np.testing.assert_array_equal(sim.b_per_family, [250.0] * 3)
    assert (sim.a, sim.b, sim.a_families, sim.b_families, sim.seed) == ("A", "B", 10, 20, 2)
    assert sim.pv_costs == pytest.approx(1000 + 1000 / 1.035)
    assert (sim.central_difference, sim.central_a, sim.central_b) == (250.0, 500.0, 250.0)
    assert sim.percentiles == (2.5, 5.0, 25.0, 50.0, 75.0, 95.0, 97.5)
    assert sim.probability_bcr_above_1 == 1.0  # 2,500 > 1,966.18
    none = simulate_comparison(TWO, A, B, n=2, proxy_spread=0, sampling=False, percentiles=[50])
    assert none.pv_costs is None and none.seed is None and none.percentiles == (50.0,)


def test_comparison_ranges_are_common_to_both_cohorts():
    """Attribution drawn from [0.5, 0.5] halves both cohorts; deadweight [0.2, 0.2] takes a fifth."""
    sim = simulate_comparison(
        TWO, A, B, n=2, proxy_spread=0, sampling=False, attribution_range=(0.5, 0.5),
        deadweight_range=(0.2, 0.2), chunk_size=1,
    )  # fmt: skip
    np.testing.assert_allclose(sim.a_per_family, [200.0, 200.0])  # 500 × 0.5 × 0.8
    np.testing.assert_allclose(sim.b_per_family, [100.0, 100.0])


def test_comparison_spread_is_common_to_both_cohorts():
    """With the proxy drawn once per draw for both, A's housing draw is B's: a_pf / b_pf fixed.

    A uses housing only (5 × s / 10); B housing only too here (2 × s / 20): the ratio is 5.
    """
    b = Cohort("B", 20, {"housing": 2})
    sim = simulate_comparison(TWO, A, b, n=200, seed=4, proxy_spread=0.5, sampling=False)
    np.testing.assert_allclose(sim.a_per_family / sim.b_per_family, 5.0)
    assert sim.a_per_family.min() >= 250 and sim.a_per_family.max() <= 750
    assert sim.a_per_family.std() > 0


def test_comparison_sampling_draws_each_cohort():
    """With sampling each cohort's counts are drawn: whole counts, at most the potential."""
    sim = simulate_comparison(TWO, A, B, n=500, seed=6, proxy_spread=0)
    counts_a = sim.a_per_family * 10 / 1000
    np.testing.assert_array_equal(counts_a, np.round(counts_a))
    assert counts_a.max() <= 10 and counts_a.std() > 0
    # Beta(6, 6)-binomial of 10: mean 10 × 6 / 12 = 5
    assert abs(counts_a.mean() - 5) < 5 * counts_a.std() / math.sqrt(500)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"costs": [1]}, InputTypeError, "costs must be a Costs or None, not list: [1]"),
        ({"percentiles": "50"}, InputTypeError, "percentiles must be a sequence of numbers, not str"),
        ({"percentiles": [-1]}, ModelError, "percentiles[0] must be"),
        ({"attribution_range": (0.8, 0.2)}, ModelError, "attribution_range must be a range"),
        ({"deadweight_range": (0.1, 2)}, ModelError, "deadweight_range[1] must be"),
        ({"sampling": 1}, InputTypeError, "sampling must be True or False"),
        ({"chunk_size": 0}, ModelError, "chunk_size must be a whole number >= 1: 0"),
        ({"proxy_spread": -0.5}, ModelError, "proxy_spread must be"),
        ({"n": 0}, ModelError, "n must be"),
        ({"seed": "x"}, InputTypeError, "seed must be"),
    ],
)
def test_comparison_refusals(kwargs: dict[str, object], error: type[Exception], message: str):
    """Each refusal: its type and the identifying start of its message."""
    with pytest.raises(error) as info:
        simulate_comparison(TWO, A, B, **kwargs)  # type: ignore[arg-type]
    assert type(info.value) is error
    assert str(info.value).startswith(message)


# -- defaults, bounds and the memory estimate (mutation survivors) --------------------------------

B1 = Cohort("B1", 20, {"housing": 2})  # housing only, like A: one outcome between them


def test_default_number_of_draws_is_ten_thousand():
    """n defaults to 10,000 draws, for one cohort and for a comparison."""
    assert simulate(MODEL, COHORT, proxy_spread=0, sampling=False).n == 10_000
    sim = simulate_comparison(TWO, A, B, proxy_spread=0, sampling=False)
    assert sim.a_per_family.size == sim.b_per_family.size == 10_000


def test_a_chunk_above_2_53_is_accepted_and_capped_at_n():
    """chunk_size has no upper bound: 2**60 draws the n = 3 draws in one chunk."""
    kw = {"n": 3, "proxy_spread": 0, "sampling": False, "chunk_size": 2**60}
    np.testing.assert_array_equal(simulate(MODEL, COHORT, **kw).total, [5000.0] * 3)  # type: ignore[arg-type]
    sim = simulate_comparison(TWO, A, B, **kw)  # type: ignore[arg-type]
    np.testing.assert_array_equal(sim.a_per_family, [500.0] * 3)


def test_a_last_chunk_shorter_than_the_others():
    """10 draws in chunks of 3: the last chunk holds 1 draw, every draw is filled."""
    sim = simulate_comparison(TWO, A, B, n=10, chunk_size=3, proxy_spread=0, sampling=False)
    np.testing.assert_array_equal(sim.a_per_family, [500.0] * 10)
    np.testing.assert_array_equal(sim.b_per_family, [250.0] * 10)


@pytest.mark.parametrize("run", [simulate, simulate_comparison], ids=["simulate", "comparison"])
def test_percentiles_0_and_100_are_accepted_and_outside_refused(run: object):
    """Percentiles run from 0 to 100 inclusive; -1, 100.5 and 101 are refused naming the item."""
    args = (MODEL, COHORT) if run is simulate else (TWO, A, B)
    kw = {"n": 2, "proxy_spread": 0, "sampling": False}
    sim = run(*args, percentiles=[0, 100], **kw)  # type: ignore[operator]
    assert tuple(sim.percentiles) == (0.0, 100.0)
    for bad in (-1, 100.5, 101):
        with pytest.raises(ModelError) as info:
            run(*args, percentiles=[50, bad], **kw)  # type: ignore[operator]
        assert str(info.value).startswith("percentiles[1] must be")
        assert "0" in str(info.value) and "100" in str(info.value)


@pytest.mark.parametrize(
    ("run", "need", "what"),
    [
        # 8 bytes × n + 8 × 6 arrays × chunk × outcomes: 800 + 480 = 1,280
        (simulate, 1280, "simulate(n=100, chunk_size=10) over 1 outcomes"),
        # 16 bytes × n + 8 × 2 cohorts × 6 arrays × chunk × outcomes: 1,600 + 960 = 2,560
        (simulate_comparison, 2560, "simulate_comparison(n=100, chunk_size=10) over 1 outcomes"),
        # two outcomes (housing and safety): 800 + 960 = 1,760 and 1,600 + 1,920 = 3,520
        (simulate, 1760, "simulate(n=100, chunk_size=10) over 2 outcomes"),
        (simulate_comparison, 3520, "simulate_comparison(n=100, chunk_size=10) over 2 outcomes"),
    ],
    ids=["simulate", "comparison", "simulate-2", "comparison-2"],
)
def test_the_memory_estimate_by_hand(monkeypatch: pytest.MonkeyPatch, run: object, need: int, what: str):
    """A budget of exactly the estimate is enough; one byte less refuses, naming the call."""
    from safecore import _validate
    from safecore._errors import LimitExceededError

    one = what.endswith("1 outcomes")
    b = Cohort("B2", 20, {"housing": 2, "safety": 5})
    args = {
        (True, True): (MODEL, COHORT),
        (True, False): (TWO, b),
        (False, True): (MODEL, COHORT, B1),
        (False, False): (TWO, A, b),
    }[run is simulate, one]
    kw = {"n": 100, "chunk_size": 10, "proxy_spread": 0, "sampling": False}
    monkeypatch.setattr(_validate, "MEMORY_BUDGET", need)
    run(*args, **kw)  # type: ignore[operator]
    monkeypatch.setattr(_validate, "MEMORY_BUDGET", need - 1)
    with pytest.raises(LimitExceededError, match=re.escape(what)):
        run(*args, **kw)  # type: ignore[operator]


def test_no_spread_takes_no_saving_draws_from_the_stream():
    """proxy_spread = 0 draws no savings: the stream starts with the rates (documented order).

    One outcome, 5 of 10 improved: rates Beta(6, 6), counts Binomial(10, rate), £1,000 each,
    drawn here from the same seed with NumPy directly.
    """
    rng = np.random.default_rng(5)
    rate = rng.beta(6.0, 6.0, size=(7, 1))
    expected = rng.binomial(10, rate)[:, 0] * 1000.0
    sim = simulate(MODEL, COHORT, n=7, seed=5, proxy_spread=0)
    np.testing.assert_array_equal(sim.total, expected)
    # the comparison: rates and counts of A, then of B1, per chunk (B1: 2 of 20, Beta(3, 19))
    rng = np.random.default_rng(5)
    a = rng.binomial(10, rng.beta(6.0, 6.0, size=(7, 1)))[:, 0] * 1000.0 / 10
    b = rng.binomial(20, rng.beta(3.0, 19.0, size=(7, 1)))[:, 0] * 1000.0 / 20
    sim2 = simulate_comparison(MODEL, COHORT, B1, n=7, seed=5, proxy_spread=0)
    np.testing.assert_array_equal(sim2.a_per_family, a)
    np.testing.assert_array_equal(sim2.b_per_family, b)


@pytest.mark.parametrize("ranged", ["attribution_range", "deadweight_range"])
def test_comparison_ranges_are_drawn_for_every_draw(ranged: str):
    """A range alone ([0.2, 0.8]) varies from draw to draw within one chunk, equally for both."""
    kw = {ranged: (0.2, 0.8)}
    sim = simulate_comparison(TWO, A, B1, n=50, seed=3, proxy_spread=0, sampling=False, **kw)  # type: ignore[arg-type]
    assert np.unique(sim.a_per_family).size == 50
    np.testing.assert_allclose(sim.a_per_family / sim.b_per_family, 5.0)
    assert sim.a_per_family.min() >= 500 * 0.2 and sim.a_per_family.max() <= 500 * 0.8


def test_comparison_costs_use_the_model_rate_and_a_generator_seed_is_not_kept():
    """PV costs at the model's 5%: 1000 + 1000/1.05; a Generator as seed records None."""
    five = SavingModel(TWO.proxies, discount_rate=0.05)
    sim = simulate_comparison(
        five, A, B, Costs([1000, 1000]), n=2, seed=np.random.default_rng(7), proxy_spread=0,
        sampling=False,
    )  # fmt: skip
    assert sim.pv_costs == pytest.approx(1000 + 1000 / 1.05, rel=1e-15)
    assert sim.seed is None


def test_sensitivity_skips_an_unimproved_outcome_listed_first():
    """An unimproved proxy listed before an improved one does not end the proxy rows."""
    table = ProxyTable([Proxy("safety", "y", 10, "s"), Proxy("housing", "x", 1000, "s")])
    s = sensitivity(SavingModel(table), COHORT, ranges={})
    assert [r.parameter for r in s.rows] == ["proxy: Housing"]
