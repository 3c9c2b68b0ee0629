"""Tests for safecore.cost.uncertainty."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore.cost import (
    SAFECORE_2020_DISENGAGED,
    SAFECORE_2020_ENGAGED,
    Cohort,
    ModelError,
    SavingModel,
    sensitivity,
    simulate,
    simulate_comparison,
)
from safecore.datasets import SAFECORE_2020


@given(
    st.sampled_from(
        [SavingModel(SAFECORE_2020), SavingModel(SAFECORE_2020, attribution=0.66, years=4, drop_off=0.2)]
    ),
    st.sampled_from([SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED]),
)
def test_zero_spread_no_sampling_is_deterministic(model: SavingModel, cohort: Cohort):
    """With no spread, no sampling and no ranges every draw equals the deterministic total."""
    sim = simulate(model, cohort, n=50, proxy_spread=0.0, sampling=False, seed=0)
    np.testing.assert_allclose(sim.total, model.evaluate(cohort).total, rtol=1e-12)


def test_seed_reproduces_and_chunking_does_not_matter():
    """Equal seeds give equal draws; the chunk size does not change the distribution's summary."""
    a = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=30_000, seed=3)
    b = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=30_000, seed=3)
    np.testing.assert_array_equal(a.total, b.total)
    c = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=30_000, seed=4, chunk_size=7_000)
    assert c.mean == pytest.approx(a.mean, rel=0.02)


def test_proxy_only_mean_is_unbiased():
    """Symmetric triangular proxy noise leaves the mean at the deterministic value."""
    sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=200_000, seed=1, sampling=False)
    sd = sim.per_family.std() / np.sqrt(sim.n)
    assert abs(sim.mean - 180_551 / 12) < 5 * sd
    # every draw stays within +/- spread of the deterministic value
    assert sim.per_family.min() >= 0.8 * 180_551 / 12 - 1e-6
    assert sim.per_family.max() <= 1.2 * 180_551 / 12 + 1e-6


def test_sampling_matches_beta_binomial_mean():
    """Beta(k+1, m-k+1)-binomial counts have mean m (k+1)/(m+2) per outcome."""
    model = SavingModel(SAFECORE_2020)
    cohort = SAFECORE_2020_DISENGAGED
    sim = simulate(model, cohort, n=200_000, seed=2, proxy_spread=0.0)
    keys = list(model.proxies.keys())
    expected = (
        sum(
            cohort.potential[k]
            * (cohort.improved[k] + 1)
            / (cohort.potential[k] + 2)  # type: ignore[index]
            * model.proxies[k].saving
            for k in keys
        )
        / cohort.families
    )
    sd = sim.per_family.std() / np.sqrt(sim.n)
    assert abs(sim.mean - expected) < 5 * sd


def test_attribution_range():
    """A uniform attribution range lowers the mean to the range's midpoint share."""
    sim = simulate(
        SavingModel(SAFECORE_2020),
        SAFECORE_2020_ENGAGED,
        n=100_000,
        seed=5,
        proxy_spread=0,
        sampling=False,
        attribution_range=(0.5, 1.0),
    )
    assert sim.mean == pytest.approx(0.75 * 180_551 / 12, rel=0.01)
    assert sim.per_family.min() >= 0.5 * 180_551 / 12 - 1e-6


@given(st.integers(0, 2**32 - 1))
def test_percentiles_ordered(seed: int):
    """Reported percentiles are non-decreasing and bracket the median."""
    sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_DISENGAGED, n=500, seed=seed)
    values = list(sim.percentiles.values())
    assert values == sorted(values)
    lo, hi = sim.interval(0.9)
    assert lo <= sim.percentile(50) <= hi


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, "n must be"),
        ({"proxy_spread": 1.5}, "proxy_spread"),
        ({"attribution_range": (0.8, 0.2)}, "attribution_range"),
        ({"deadweight_range": (0.0, 1.2)}, "deadweight_range"),
        ({"chunk_size": 0}, "chunk_size"),
    ],
)
def test_simulate_errors(kwargs: dict[str, object], message: str):
    """Bad simulation arguments raise ModelError."""
    with pytest.raises(ModelError, match=message):
        simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, **kwargs)  # type: ignore[arg-type]


def test_simulation_outputs():
    """repr, HTML and to_dict summarise the draws."""
    sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=1_000, seed=1)
    assert repr(sim).startswith("SimulationResult('Engaged', n=1000")
    assert "<table>" in sim._repr_html_()
    assert sim.to_dict()["n"] == 1000
    with pytest.raises(ValueError, match="read-only"):
        sim.total[0] = 0


def test_sensitivity_tornado():
    """Rows are sorted by swing; attribution 0.5-1 halves the value; years=1 ignores discounting."""
    s = sensitivity(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED)
    swings = [r.swing for r in s.rows]
    assert swings == sorted(swings, reverse=True)
    attr = next(r for r in s.rows if r.parameter == "attribution")
    assert attr.per_family_low == pytest.approx(0.5 * s.base)
    assert attr.per_family_high == pytest.approx(s.base)
    disc = next(r for r in s.rows if r.parameter == "discount_rate")
    assert disc.swing == 0  # one-year benefit period: nothing to discount
    violence = next(r for r in s.rows if r.parameter == "proxy: Violence")
    assert violence.swing == pytest.approx(2 * 0.2 * 8 * 8904 / 12)
    assert "attribution" in str(s) and "<table>" in s._repr_html_()
    assert s.to_dict()["rows"][0]["swing"] == swings[0]
    with pytest.raises(ModelError, match="unknown parameter"):
        sensitivity(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, ranges={"colour": (0, 1)})


def test_same_draws_as_before_the_shared_chain():
    """Seed 0 gives the draws it gave before simulate and evaluate shared one formula.

    Reference percentiles (per family) recorded from the former implementation,
    which summed the outcomes before adjusting; the chain now adjusts each
    outcome and then sums, so totals can differ in the last bits (within 1e-15
    relative), never more.
    """
    before = {
        2.5: 9656.780361140014,
        5.0: 10329.514499048773,
        25.0: 12254.585128466075,
        50.0: 13505.979713015404,
        75.0: 14660.995003622591,
        95.0: 16119.742907083995,
        97.5: 16543.013326842094,
    }
    sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=100_000, seed=0)
    for q, v in before.items():
        assert sim.percentiles[q] == pytest.approx(v, rel=1e-15)
    assert sim.mean == pytest.approx(13402.323311765023, rel=1e-15)
    ranged = simulate(
        SavingModel(SAFECORE_2020, years=5, drop_off=0.2, displacement=0.1, optimism_bias=0.2),
        SAFECORE_2020_ENGAGED,
        n=50_001,
        seed=7,
        attribution_range=(0.5, 1.0),
        deadweight_range=(0.0, 0.3),
        chunk_size=7_000,
    )
    assert ranged.percentiles[2.5] == pytest.approx(11152.966716346855, rel=1e-15)
    assert ranged.percentiles[50.0] == pytest.approx(19229.621676137267, rel=1e-15)
    assert ranged.percentiles[97.5] == pytest.approx(30232.064659411477, rel=1e-15)


@given(
    st.sampled_from(
        [
            SavingModel(SAFECORE_2020, deadweight=0.3, optimism_bias=0.1),
            SavingModel(SAFECORE_2020, attribution=0.66, years=4, drop_off=0.2, displacement=0.05),
        ]
    ),
    st.sampled_from([SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED]),
)
def test_fixed_draws_equal_evaluate_exactly(model: SavingModel, cohort: Cohort):
    """With nothing drawn, every draw is evaluate()'s total to the last bit: one formula."""
    sim = simulate(model, cohort, n=7, proxy_spread=0.0, sampling=False, chunk_size=3)
    assert (sim.total == model.evaluate(cohort).total).all()


def test_simulation_tables():
    """to_frame() is the percentile summary per quantity; draws_frame() holds the draws."""
    pytest.importorskip("pandas")
    sim = simulate(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, n=1_000, seed=1)
    summary = sim.to_frame()
    assert list(summary["quantity"]) == ["total", "per_family"]
    percentiles = ["p2_5", "p5", "p25", "p50", "p75", "p95", "p97_5"]
    assert list(summary.columns) == ["quantity", "mean", *percentiles]
    assert summary.loc[1, "p50"] == sim.percentile(50)
    assert summary.loc[0, "p50"] == pytest.approx(12 * sim.percentile(50))
    draws = sim.draws_frame()
    assert list(draws.columns) == ["total", "per_family"] and len(draws) == 1_000
    np.testing.assert_array_equal(draws["per_family"], sim.per_family)
    assert sim.summary().startswith("Engaged: mean £") and "(12 families)" in sim.summary()
    assert "(1,000 draws, seed 1)" in sim.summary()


def test_sensitivity_rows_read_well():
    """A sensitivity row has a readable repr; the table has one row per parameter."""
    s = sensitivity(SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED)
    attr = next(r for r in s.rows if r.parameter == "attribution")
    assert repr(attr) == "SensitivityRow('attribution', 0.5 -> £7,523, 1 -> £15,046, swing=£7,523)"
    assert attr == s.rows[s.rows.index(attr)] and attr.to_dict()["swing"] == attr.swing
    assert [row[0] for row in s._table().rows] == [r.parameter for r in s.rows]
    assert s.summary() == (
        "One-way sensitivity around £15,045.92 per family; largest swing: attribution (£7,523)"
    )


def test_comparison_simulation_headers_show_percentiles():
    """A joint simulation's table heads its percentile columns as SimulationResult does: "2.5%"."""
    sim = simulate_comparison(
        SavingModel(SAFECORE_2020), SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED, n=50, seed=1
    )
    table = sim._table()
    percents = ["2.5%", "5%", "25%", "50%", "75%", "95%", "97.5%"]
    assert table.display_headers() == ["Quantity", "Central", "Mean", *percents]
    assert table.columns[3] == "p2_5" and table.columns[-1] == "p97_5"  # to_frame keeps snake_case
    assert str(sim).splitlines()[1].split()[-2:] == ["95%", "97.5%"]
