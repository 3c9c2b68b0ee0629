"""Tests for safecore.stats.tables that pin behaviour mutation testing found unchecked.

Every expected value comes from R 4.2 (the command beside it), from hand arithmetic in a
comment, or from SciPy; none comes from the code under test. Printed tables are pinned whole
(their headers and captions are output, not message text).
"""

from __future__ import annotations

import math
import re
import warnings
from fractions import Fraction

import numpy as np
import pytest

from safecore._errors import InputTypeError, InputValueError, InvalidTableError, SmallExpectedWarning
from safecore.stats import chi_square_gof, fisher_exact, mcnemar
from safecore.stats.tables import (
    _R_UNIROOT_TOL,
    FisherResult,
    GoodnessOfFitResult,
    McNemarTableResult,
    _zeroin,
)

# -- printed tables -----------------------------------------------------------------------------


def test_fisher_2x2_prints_its_table_whole():
    """A 2x2 result shows odds ratio, interval at the test's level, p, alternative and N.

    R: fisher.test(matrix(c(5, 1, 0, 4), 2), alternative = "greater", conf.level = 0.9)
    gives estimate Inf, conf.int 2.29785347976399 Inf, p 0.0238095238095238 (= 1/42).
    """
    res = fisher_exact([[5, 0], [1, 4]], alternative="greater", confidence_level=0.9)
    assert res._table().columns == ("odds_ratio", "ci_low", "ci_high", "pvalue", "alternative", "n")
    assert res._repr_markdown_() == (
        "Fisher's exact test (greater): odds ratio Inf, 90% CI [2.298, Inf], p = 0.024\n"
        "\n"
        "| odds ratio | 90% CI low | 90% CI high | p | alternative | N |\n"
        "|---:|---:|---:|---:|---|---:|\n"
        "| inf | 2.298 | inf | 0.024 | greater | 10 |"
    )


def test_fisher_rxc_prints_its_table_whole():
    """An RxC result shows the exact p, the table's shape and N, with the summary as caption.

    R: fisher.test(rbind(c(2, 7, 1), c(6, 1, 4)))$p.value is 0.0177026276097482.
    """
    res = fisher_exact([[2, 7, 1], [6, 1, 4]])
    assert res._table().columns == ("pvalue", "rows", "columns", "n")
    assert res._repr_markdown_() == (
        "Fisher's exact test (2x3 table, N = 21): exact p = 0.018\n"
        "\n"
        "| exact p | rows | columns | N |\n"
        "|---:|---:|---:|---:|\n"
        "| 0.018 | 2 | 3 | 21 |"
    )


def test_mcnemar_chi_square_prints_its_table_whole():
    """The chi-square form shows X^2 to 2 decimals, df 1, p, the discordant cells and the odds ratio.

    R: mcnemar.test(matrix(c(8, 2, 9, 10), 2)) gives X^2 = 3.27272727272727 (by hand
    (|9 - 2| - 1)^2 / 11 = 36/11) and p = 0.0704404292720882; the odds ratio is 9/2 = 4.5 and
    binom.test(9, 11)$conf.int mapped to odds, ci / (1 - ci), is 0.931412258193768 42.7997159352678.
    """
    res = mcnemar([[8, 9], [2, 10]])
    assert res._table().columns == (
        "statistic", "df", "pvalue", "n12", "n21", "odds_ratio", "ci_low", "ci_high", "method"
    )  # fmt: skip
    assert res._repr_markdown_() == (
        "McNemar's χ²(1, N = 29) (corrected) = 3.27, p = 0.070; 9 vs 2 discordant\n"
        "\n"
        "| χ² | df | p | n12 | n21 | odds ratio | 95% CI low | 95% CI high | method |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
        "| 3.27 | 1 | 0.070 | 9 | 2 | 4.5 | 0.9314 | 42.8 | asymptotic |"
    )
    assert res._table().rows[0][5:8] == pytest.approx(
        (4.5, 0.931412258193768, 42.7997159352678), rel=1e-9
    )


def test_mcnemar_exact_prints_its_table_whole():
    """The exact form shows the discordant count b as a whole number and leaves df empty.

    R: binom.test(10, 12) gives p = 0.03857421875 and conf.int mapped to odds
    1.06552784349944 46.9328354523946; the odds ratio is 10/2 = 5.
    """
    res = mcnemar([[20, 10], [2, 15]], exact=True)
    assert res._repr_markdown_() == (
        "Exact McNemar test: 10 vs 2 discordant, p = 0.039\n"
        "\n"
        "| b | df | p | n12 | n21 | odds ratio | 95% CI low | 95% CI high | method |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---|\n"
        "| 10 |  | 0.039 | 10 | 2 | 5 | 1.066 | 46.93 | exact |"
    )


def test_goodness_of_fit_prints_its_table_whole():
    """Each category shows count, probability (3 dp), expected (2 dp) and signed residuals (2 dp).

    R: chisq.test(c(A = 20, B = 15, C = 25), p = c(1, 1, 2), rescale.p = TRUE) gives
    X-squared 2.5, p 0.28650479686019, expected 15 15 30, residuals 1.29099444873581 0
    -0.912870929175277, stdres 1.49071198499986 0 -1.29099444873581.
    """
    res = chi_square_gof({"A": 20, "B": 15, "C": 25}, [1, 1, 2], rescale_p=True)
    assert res._table().columns == (
        "category", "observed", "probability", "expected", "residual", "adjusted_residual"
    )  # fmt: skip
    assert res._repr_markdown_() == (
        "χ²(2, N = 60) = 2.50, p = 0.287\n"
        "\n"
        "| category | observed | probability | expected | residual | adjusted residual |\n"
        "|---|---:|---:|---:|---:|---:|\n"
        "| A | 20 | 0.250 | 15.00 | +1.29 | +1.49 |\n"
        "| B | 15 | 0.250 | 15.00 | +0.00 | +0.00 |\n"
        "| C | 25 | 0.500 | 30.00 | -0.91 | -1.29 |"
    )


def test_reprs_show_the_numbers_and_the_resamples_if_any():
    """Reprs give the numbers; goodness of fit adds resamples if simulated, Fisher the table's shape."""
    asymptotic = chi_square_gof([5, 10, 15])  # X^2 = (25 + 0 + 25) / 10 = 5 on 2 df, p = exp(-5/2)
    assert repr(asymptotic) == (
        "GoodnessOfFitResult(statistic=5, df=2, pvalue=0.08208, n=30, method='asymptotic')"
    )
    # the RxC table's statistic is its probability under independence, as SciPy's fisher_exact gives
    assert repr(fisher_exact([[2, 7, 1], [6, 1, 4]])) == (
        "FisherResult(statistic=0.003175, pvalue=0.0177, alternative='two-sided', table=2x3, n=21)"
    )
    simulated = chi_square_gof([5, 10, 15], method="monte-carlo", resamples=99, seed=1)
    assert repr(simulated).startswith("GoodnessOfFitResult(statistic=5, df=2, pvalue=0.")
    assert repr(simulated).endswith(", n=30, method='monte-carlo', resamples=99)")


# -- result fields ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: fisher_exact([[3, 1], [1, 3]]),
        lambda: mcnemar([[8, 9], [2, 10]]),
        lambda: chi_square_gof([20, 15, 25]),
    ],
)
def test_result_arrays_are_read_only_floats(make):
    """Every array a result holds is float64 and cannot be written to."""
    res = make()
    arrays = [v for v in res.__class__.__attrs_attrs__ if isinstance(getattr(res, v.name), np.ndarray)]
    assert arrays
    for field in arrays:
        value = getattr(res, field.name)
        assert value.dtype == np.float64, field.name
        with pytest.raises(ValueError, match="read-only"):
            value[0] = 1


def test_results_convert_given_counts_to_floats():
    """Built directly, a result stores the given integer table as floats."""
    res = FisherResult(
        math.nan,
        1.0,
        "two-sided",
        0.95,
        math.nan,
        math.nan,
        [[1, 2, 3], [4, 5, 6]],
        (0, 1),
        (0, 1, 2),
        21,
    )
    assert res.observed.dtype == np.float64 and res.observed.tolist() == [[1, 2, 3], [4, 5, 6]]
    table = McNemarTableResult(0.0, 1.0, 1, 0, 0, "asymptotic", False, [[5, 0], [0, 7]], (0, 1), (0, 1))
    assert table.observed.dtype == np.float64 and not table.observed.flags.writeable
    gof = GoodnessOfFitResult(0.0, 1.0, 1, [1, 1], [0.5, 0.5], [1, 1], [0, 0], [0, 0], (0, 1), 2)
    assert gof.expected.dtype == np.float64 and not gof.expected.flags.writeable


# -- booleans -----------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", [np.True_, np.False_])
def test_numpy_booleans_are_accepted(flag):
    """numpy booleans are booleans: mcnemar's exact and correction, chi_square_gof's rescale_p.

    With exact: binom.test(9, 11)$p.value is 0.0654296875; without correction X^2 is
    (9 - 2)^2 / 11 = 49/11 by hand.
    """
    res = mcnemar([[8, 9], [2, 10]], exact=flag)
    assert res.method == ("exact" if flag else "asymptotic")
    res = mcnemar([[8, 9], [2, 10]], correction=flag)
    assert res.statistic == pytest.approx(36 / 11 if flag else 49 / 11, rel=1e-12)
    assert chi_square_gof([20, 20], [1, 1], rescale_p=np.True_).probabilities.tolist() == [0.5, 0.5]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"exact": 1}, r"^exact must be True or False, not int: 1$"),
        ({"correction": "yes"}, r"^correction must be True or False, not str: 'yes'$"),
        ({"exact": None}, r"^exact must be True or False, not NoneType: None$"),
    ],
)
def test_non_booleans_are_refused_by_name(kwargs, match):
    """A flag that is not a boolean is refused, naming the parameter, the type and the value."""
    with pytest.raises(InputTypeError, match=match):
        mcnemar([[8, 9], [2, 10]], **kwargs)


# -- the Monte Carlo goodness of fit, against its seeded draws counted exactly ------------------


def seeded_gof_pvalue(observed: list[int], p: list[Fraction], resamples: int, seed: int) -> Fraction:
    """(1 + #{X^2_b >= X^2}) / (B + 1) over the same seeded multinomial draws, compared exactly.

    The draws are numpy's ``default_rng(seed).multinomial(n, p, size=B)`` (chi_square_gof
    documents that a seed makes the p-value reproducible); each statistic is computed in
    fractions, so ties with the observed table count as R's tolerance intends.
    """
    n = sum(observed)

    def x2(counts: object) -> Fraction:
        return sum(
            ((Fraction(int(o)) - n * pi) ** 2 / (n * pi) for o, pi in zip(counts, p, strict=True)),  # type: ignore[call-overload]
            Fraction(0),
        )

    draws = np.random.default_rng(seed).multinomial(n, [float(x) for x in p], size=resamples)
    rows, times = np.unique(draws, axis=0, return_counts=True)
    target = x2(observed)
    hits = sum(int(t) for row, t in zip(rows, times, strict=True) if x2(row) >= target)
    return Fraction(1 + hits, resamples + 1)


def test_gof_monte_carlo_counts_draws_tied_with_the_observed_counts():
    """A draw whose statistic equals the observed one counts as at least as extreme.

    Observed (2, 0) with p = (1/2, 1/2): X^2 = 2, and every draw (2, 0) or (0, 2) ties it
    exactly, about half the draws: the p-value is near 1/2, not 1/(B + 1).
    """
    res = chi_square_gof([2, 0], [0.5, 0.5], method="monte-carlo", resamples=200, seed=1)
    expected = seeded_gof_pvalue([2, 0], [Fraction(1, 2)] * 2, 200, 1)
    assert 0.4 < expected < 0.6
    assert res.pvalue == float(expected)


def test_gof_monte_carlo_counts_every_draw_across_chunks():
    """Beyond 20,000 resamples the draws come in chunks; every chunk's hits count, and no more draws."""
    p = [Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)]
    res = chi_square_gof([3, 1, 0], [0.25, 0.25, 0.5], method="monte-carlo", resamples=30_000, seed=7)
    assert res.pvalue == float(seeded_gof_pvalue([3, 1, 0], p, 30_000, 7))
    assert res.resamples == 30_000 and res.method == "monte-carlo"


# -- messages name what is wrong -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: fisher_exact([[3, 1]]),
            InvalidTableError,
            "table must have at least 2 rows and 2 columns: got shape (1, 2)",
        ),
        (
            lambda: fisher_exact([[3, 1, 4]]).pvalue,
            InvalidTableError,
            "table must have at least 2 rows and 2 columns: got shape (1, 3)",
        ),
        (
            lambda: fisher_exact([[2, 7, 1], [6, 1, 4]], alternative="less"),
            InputValueError,
            "alternative must be 'two-sided' for a 2x3 table (only a 2x2 table has one odds ratio "
            "to test one-sided): 'less'",
        ),
        (
            lambda: fisher_exact([[2, 7, 1], [6, 1, 4], [1, 1, 1]]).confidence_interval(),
            InputValueError,
            "a 3x3 table has no odds ratio, so no interval: only 2x2 tables have one",
        ),
        (
            lambda: mcnemar([[1, 2, 3], [4, 5, 6]]),
            InvalidTableError,
            "table must be 2x2 (paired outcomes): got shape (2, 3)",
        ),
        (
            lambda: chi_square_gof([[1, 2], [3, 4]]),
            InvalidTableError,
            "observed must be 1-D (one count per category): got shape (2, 2)",
        ),
        (
            lambda: chi_square_gof([4]),
            InvalidTableError,
            "observed must have at least 2 categories: got 1",
        ),
        (
            lambda: chi_square_gof([0, 0, 0]),
            InvalidTableError,
            "observed must hold at least one count: all are zero",
        ),
        (
            lambda: chi_square_gof([10, 20], [0.2, 0.3, 0.5]),
            InputValueError,
            "p must have one probability per category (2): got shape (3,)",
        ),
        (
            lambda: chi_square_gof([10, 20, 5, 5], [0.5, 0, 0.5, 0]),
            InputValueError,
            "p[1] must be > 0: a category impossible under the null cannot be tested by chi-square "
            "(drop it)",
        ),
        (
            lambda: chi_square_gof([10, 20], [0.5, 0.6]),
            InputValueError,
            "p must sum to 1 (or pass rescale_p=True): sums to 1.1",
        ),
        (lambda: chi_square_gof([10, 20], [0.5, -0.5]), InputValueError, "p[1] must be >= 0: -0.5"),
        (
            lambda: chi_square_gof([10, 20], [0.5, "x"]),
            InputTypeError,
            "p[1] must be a finite number, not str: 'x'",
        ),
        (
            lambda: chi_square_gof([3, 1.5]),
            InvalidTableError,
            "observed cell (row 1, column 2) must be a whole number: 1.5",
        ),
        (
            lambda: chi_square_gof([3, -1]),
            InvalidTableError,
            "observed cell (row 1, column 2) must be >= 0: -1",
        ),
    ],
)
def test_errors_name_the_shape_value_or_position(call, error, message):
    """Each refusal names what is wrong: the shape received, the alternative, the position of p."""
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        call()


def test_small_expected_warning_counts_only_cells_below_five():
    """An expected count of exactly 5 is not below 5: counts (3, 4, 93) with p = (.02, .05, .93)
    expect 2, 5 and 93 (by hand), so 1 of 3 is below 5."""
    with pytest.warns(SmallExpectedWarning) as caught:
        res = chi_square_gof([3, 4, 93], [0.02, 0.05, 0.93])
    assert str(caught[0].message).startswith("1 of 3 expected counts are below 5 (smallest 2.00): ")
    assert res.resamples is None and res.method == "asymptotic"


@pytest.mark.stacklevel
def test_small_expected_warning_points_at_the_caller():
    """The warning names the caller's file, not the library's."""
    with pytest.warns(SmallExpectedWarning) as caught:
        chi_square_gof([3, 4, 93], [0.02, 0.05, 0.93])
    assert caught[0].filename == __file__


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"method": "monte-carlo", "resamples": 0},
            InputValueError,
            "resamples must be a whole number >= 1: 0",
        ),
        ({"rescale_p": 1}, InputTypeError, "rescale_p must be True or False, not int: 1"),
    ],
)
def test_goodness_of_fit_options_are_refused_by_name(kwargs, error, message):
    """Bad resamples or rescale_p are refused, naming the option and the value."""
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        chi_square_gof([10, 20], **kwargs)


def test_small_expected_warning_counts_the_cells_and_names_the_smallest():
    """The warning counts the expected counts below 5 and gives the smallest, to 2 decimals.

    Counts (30, 2, 8) with p = (0.8, 0.05, 0.15): expected 32, 2, 6 by hand, so 1 of 3 is below 5
    (R: chisq.test(c(30, 2, 8), p = c(.8, .05, .15)) warns too; X^2 0.791666666666667,
    p 0.673118873067877).
    """
    with pytest.warns(SmallExpectedWarning) as caught:
        res = chi_square_gof([30, 2, 8], [0.8, 0.05, 0.15])
    assert len(caught) == 1
    assert str(caught[0].message) == (
        "1 of 3 expected counts are below 5 (smallest 2.00): the chi-square approximation may "
        "be poor; consider method='monte-carlo'"
    )
    assert res.statistic == pytest.approx(0.791666666666667, rel=1e-12)
    assert res.pvalue == pytest.approx(0.673118873067877, rel=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chi_square_gof([50, 5, 45], [0.5, 0.05, 0.45])  # expected 50, 5, 45: none below 5


# -- null probabilities --------------------------------------------------------------------------


def test_probabilities_may_be_a_mapping_or_a_series():
    """p given as a mapping (its values, in order) or a pandas Series is read like a list.

    Counts (10, 30) with p = (1/4, 3/4): expected 10 and 30 by hand, X^2 = 0, p = 1.
    """
    res = chi_square_gof([10, 30], {"x": 0.25, "y": 0.75})
    assert res.probabilities.tolist() == [0.25, 0.75] and res.expected.tolist() == [10.0, 30.0]
    assert res.statistic == 0 and res.pvalue == 1
    pd = pytest.importorskip("pandas")
    res = chi_square_gof([10, 30], pd.Series([0.25, 0.75], index=["x", "y"]))
    assert res.expected.tolist() == [10.0, 30.0]


def test_probabilities_within_root_epsilon_of_one_are_kept_as_given():
    """p summing to 1 within sqrt(eps) (about 1.49e-8, R's tolerance) is accepted and not rescaled.

    p = (0.5, 0.5 + 1e-9) sums to 1 + 1e-9: kept as given, expected 20 * p by hand; 1 + 2e-8 is
    refused without rescale_p and divided by its sum with it.
    """
    res = chi_square_gof([10, 10], [0.5, 0.5 + 1e-9])
    assert res.probabilities.tolist() == [0.5, 0.5 + 1e-9]
    assert res.expected.tolist() == [10.0, 20 * (0.5 + 1e-9)]
    with pytest.raises(InputValueError, match=re.escape(f"sums to {0.5 + (0.5 + 2e-8)!r}")):
        chi_square_gof([10, 10], [0.5, 0.5 + 2e-8])
    scaled = chi_square_gof([10, 10], [0.5, 0.5 + 2e-8], rescale_p=True)
    assert scaled.probabilities.tolist() == pytest.approx(
        [0.5 / (1 + 2e-8), (0.5 + 2e-8) / (1 + 2e-8)], rel=1e-15
    )


def test_probabilities_exactly_root_epsilon_from_one_are_accepted():
    """The tolerance is inclusive: p = (1/2, 1/2 + 2**-26) sums to 1 + sqrt(eps) exactly, accepted."""
    res = chi_square_gof([10, 10], [0.5, 0.5 + 2.0**-26])
    assert res.probabilities.tolist() == [0.5, 0.5 + 2.0**-26]


def test_default_probabilities_are_equal():
    """Without p every category has probability 1/k: counts (5, 10, 15) expect 10 each, X^2 = 5."""
    res = chi_square_gof([5, 10, 15])
    assert res.probabilities.tolist() == [1 / 3] * 3
    assert res.statistic == pytest.approx(5.0, rel=1e-14) and res.df == 2


# -- Fisher's odds ratio at its centre -----------------------------------------------------------


def test_fisher_estimate_is_one_when_the_cell_is_at_its_null_mean():
    """When the top-left cell equals its mean under independence the estimate is exactly 1.

    R: fisher.test(matrix(c(2, 2, 2, 2), 2)) gives estimate 1, conf.int 0.0327002454073244
    30.5808102521461, p-value 1.
    """
    res = fisher_exact([[2, 2], [2, 2]])
    assert res.statistic == 1.0 and res.pvalue == pytest.approx(1.0, rel=1e-12)
    assert tuple(res.confidence_interval()) == pytest.approx(
        (0.0327002454073244, 30.5808102521461), rel=1e-11
    )


# -- interval levels ---------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 0.0, 1, 1.0])
@pytest.mark.parametrize(
    "interval",
    [
        lambda level: mcnemar([[8, 9], [2, 10]]).confidence_interval(level),
        lambda level: fisher_exact([[3, 1], [1, 3]]).confidence_interval(level),
        lambda level: fisher_exact([[3, 1], [1, 3]], confidence_level=level),
    ],
    ids=["mcnemar", "fisher-interval", "fisher-test"],
)
def test_levels_of_zero_and_one_are_refused_by_name(interval, level):
    """An interval's level lies strictly between 0 and 1; the error names confidence_level."""
    with pytest.raises(
        InputValueError, match=re.escape(f"confidence_level must be a share in (0, 1): {level!r}")
    ):
        interval(level)


def test_mcnemar_interval_at_another_level():
    """confidence_interval(level) maps the Clopper-Pearson interval of b / (b + c) at that level.

    R: ci <- binom.test(9, 11, conf.level = 0.8)$conf.int; ci / (1 - ci) gives
    1.4087276968802 19.2216915488896 for mcnemar([[8, 9], [2, 10]]).
    """
    low, high = mcnemar([[8, 9], [2, 10]]).confidence_interval(0.8)
    assert (low, high) == pytest.approx((1.4087276968802, 19.2216915488896), rel=1e-11)


# -- the root finder, iterate for iterate as R's uniroot ---------------------------------------

ROOTS = [
    # R: r <- uniroot(f, interval, tol = tol); sprintf("%.17g", r$root) (iterations in the comment)
    (lambda t: t**3 - 2 * t - 5, (2, 3), _R_UNIROOT_TOL, 2.0945412049478809),  # 5 iterations
    (lambda t: t**3 - 2 * t - 5, (2, 3), 1e-12, 2.0945514815423265),  # 8
    (lambda t: math.exp(t) - 5, (0, 3), _R_UNIROOT_TOL, 1.6094374430867704),  # 6
    (lambda t: math.exp(t) - 5, (0, 3), 1e-12, 1.6094379124341003),  # 9
    (lambda t: math.cos(t) - t, (0, 1), _R_UNIROOT_TOL, 0.73909105828536981),  # 4
    (lambda t: math.cos(t) - t, (0, 1), 1e-12, 0.7390851332151559),  # 6
    (lambda t: (t - 0.3) ** 3, (0, 1), _R_UNIROOT_TOL, 0.29997865209890545),  # 24: bisection
    (lambda t: (t - 0.3) ** 3, (0, 1), 1e-12, 0.29999999999977289),  # 79
    (lambda t: math.atan(t - 1e-3), (-1, 10), _R_UNIROOT_TOL, 0.00099614681599522956),  # 6
    (lambda t: math.atan(t - 1e-3), (-1, 10), 1e-12, 0.001),  # 7
    (lambda t: t * t - 1e-6, (0, 1), _R_UNIROOT_TOL, 0.0010191218259337953),  # 22
    (lambda t: t * t - 1e-6, (0, 1), 1e-12, 0.0010000000000000204),  # 26
    # tol 1e-300: the stopping rule is 2 eps |b| alone, at a root near 1e10
    (lambda t: math.log(t) - 23, (1, 1e12), 1e-300, 9744803446.2488976),  # 14
    (lambda t: math.log(t) - 23, (1, 1e12), 1e-3, 9744803446.2490368),  # 14
    # R 4.2.2, the same command: f(upper) = 1 exactly (only a root at 1 is returned), and more
    # shapes where interpolation is tried and refused
    (lambda t: t - 1, (0, 2), _R_UNIROOT_TOL, 1.0),  # 1
    (lambda t: math.sin(t) - 0.5, (0, 1.5), _R_UNIROOT_TOL, 0.52359874440121046),  # 6
    (lambda t: math.sin(t) - 0.5, (0, 1.5), 1e-12, 0.52359877559829882),  # 8
    (lambda t: t**3, (-1, 2), _R_UNIROOT_TOL, -2.070765214179627e-05),  # 30 (pow, as R)
    (lambda t: t**3, (-1, 2), 1e-12, -1.7015589176148144e-13),  # 87
    (lambda t: 1 / t - 2, (0.1, 10), _R_UNIROOT_TOL, 0.500028311552),  # 10
    (lambda t: 1 / t - 2, (0.1, 10), 1e-12, 0.4999999999999965),  # 12
    (lambda t: t - math.tanh(2 * t), (0.5, 2), _R_UNIROOT_TOL, 0.95749933982615709),  # 6
    (lambda t: t - math.tanh(2 * t), (0.5, 2), 1e-12, 0.95750402407726876),  # 7
    (lambda t: (t - 1) ** 5 + 1e-3 * (t - 1), (0, 3), _R_UNIROOT_TOL, 1.0000177803041539),  # 11
    (lambda t: (t - 1) ** 5 + 1e-3 * (t - 1), (0, 3), 1e-12, 0.99999999999993383),  # 13
    (lambda t: math.exp(t) - 1e6, (0, 20), _R_UNIROOT_TOL, 13.815509668995015),  # 11
    (lambda t: math.exp(t) - 1e6, (0, 20), 1e-12, 13.815510557964274),  # 13
    (lambda t: math.tan(t) - 1, (0, 1.5), _R_UNIROOT_TOL, 0.78539818212327295),  # 6
    (lambda t: math.tan(t) - 1, (0, 1.5), 1e-12, 0.78539816339744828),  # 8
    (lambda t: t * t - 2, (0, 100), _R_UNIROOT_TOL, 1.414212429011412),  # 17
    (lambda t: t * t - 2, (0, 100), 1e-12, 1.4142135623730951),  # 19
    (lambda t: math.log(t) + 3, (1e-3, 1e3), _R_UNIROOT_TOL, 0.049786897962900221),  # 16
    (lambda t: math.log(t) + 3, (1e-3, 1e3), 1e-12, 0.049787068367864416),  # 18
]


@pytest.mark.parametrize(("f", "interval", "tol", "root"), ROOTS)
def test_zeroin_stops_where_r_uniroot_stops(f, interval, tol, root):
    """Brent's method takes R's iterates: the root returned is R's uniroot root to the last bit."""
    lower, upper = map(float, interval)
    assert _zeroin(f, lower, upper, f(lower), f(upper), tol) == root


def test_zeroin_stops_after_maxiter_as_r():
    """Out of iterations, the current best point is returned, as R's uniroot(maxiter = 3) does.

    R: uniroot(function(t) t^3 - 2*t - 5, c(2, 3), maxiter = 3)$root is 2.0946022401041318 (with a
    "not converged in 3 iterations" warning).
    """

    def f(t: float) -> float:
        return t**3 - 2 * t - 5

    assert _zeroin(f, 2.0, 3.0, f(2.0), f(3.0), _R_UNIROOT_TOL, maxiter=3) == 2.0946022401041318


# -- observed counts -----------------------------------------------------------------------------


def test_counts_without_labels_are_numbered_from_zero():
    """A list or array has no labels: the categories are 0, 1, ..., k - 1."""
    assert chi_square_gof([5, 10, 15]).labels == (0, 1, 2)
    assert chi_square_gof(np.array([5, 10, 15, 20])).labels == (0, 1, 2, 3)


def test_counts_from_pandas_without_an_index_are_numbered():
    """A pandas Index or array has to_numpy but no index: categories 0, 1, ..., k - 1."""
    pd = pytest.importorskip("pandas")
    assert chi_square_gof(pd.Index([5, 10, 15])).labels == (0, 1, 2)
    assert chi_square_gof(pd.array([5, 10, 15])).labels == (0, 1, 2)


def test_counts_numpy_cannot_read_are_refused_with_numpys_reason():
    """An object whose array conversion fails is refused as not a sequence of counts."""

    class Unreadable:
        def __array__(self, *args: object, **kwargs: object) -> np.ndarray:
            msg = "no array here"
            raise TypeError(msg)

    with pytest.raises(
        InvalidTableError, match=r"^observed must be a 1-D sequence of counts: no array here$"
    ):
        chi_square_gof(Unreadable())


def test_monte_carlo_default_is_two_thousand_samples():
    """R's default B = 2000: the p-value is (1 + hits) / 2001 over 2000 seeded draws."""
    res = chi_square_gof([3, 1, 0], [0.25, 0.25, 0.5], method="monte-carlo", seed=11)
    p = [Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)]
    assert res.resamples == 2000
    assert res.pvalue == float(seeded_gof_pvalue([3, 1, 0], p, 2000, 11))


# -- what a result records -----------------------------------------------------------------------


def test_mcnemar_records_whether_the_correction_was_applied():
    """The correction is applied (and said) only in the chi-square form with unequal discordant cells.

    R: mcnemar.test(matrix(c(2, 1, 1, 2), 2)) gives X^2 = 0, p = 1 (b = c: no correction).
    """
    assert mcnemar([[8, 9], [2, 10]]).correction is True
    equal = mcnemar([[2, 1], [1, 2]])
    assert equal.correction is False and equal.statistic == 0 and equal.pvalue == 1
    assert "(corrected)" not in equal.summary()
    assert mcnemar([[8, 9], [2, 10]], correction=False).correction is False
    assert mcnemar([[8, 9], [2, 10]], exact=True).correction is False


def test_fisher_rxc_records_its_level_and_margins():
    """An RxC result keeps the level asked for, its table, labels, N, and no interval (NaN)."""
    res = fisher_exact([[2, 7, 1], [6, 1, 4]], confidence_level=0.9)
    assert res.confidence_level == 0.9 and res.alternative == "two-sided" and res.n == 21
    assert res.observed.tolist() == [[2, 7, 1], [6, 1, 4]]
    assert res.row_labels == (0, 1) and res.column_labels == (0, 1, 2)
    assert math.isnan(res.ci_low) and math.isnan(res.ci_high)
    two = fisher_exact([[3, 1], [1, 3]], alternative="less", confidence_level=0.9)
    assert two.confidence_level == 0.9 and two.alternative == "less" and two.n == 8


def test_mcnemar_keeps_the_tallys_labels():
    """A Tally's row and column categories are the result's labels (first and second measurement)."""
    from safecore.tallies import Tally

    table = Tally.from_counts(
        [[8, 9], [2, 10]], ["call-out before", "none before"], ["call-out after", "none after"]
    )
    res = mcnemar(table)
    assert res.row_labels == ("call-out before", "none before")
    assert res.column_labels == ("call-out after", "none after")
    assert (res.n12, res.n21) == (9, 2)


def test_fisher_two_sided_p_is_capped_at_one():
    """Summing every table's probability can round above 1; the p-value is capped at 1.

    For [[1, 1], [3, 5]] every table is at most as probable as the observed one, and the float sum
    of their probabilities is 1 + 2**-52; R: fisher.test(matrix(c(1, 3, 1, 5), 2))$p.value prints
    0.99999999999999989, 1 to rounding.
    """
    p = fisher_exact([[1, 1], [3, 5]]).pvalue
    assert p <= 1.0 and p == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize(
    ("alternative", "interval"),
    [
        # fisher.test(matrix(c(3, 1, 1, 3), 2), alternative = "greater", conf.level = 0.9)$conf.int
        ("greater", (0.490410454871305, math.inf)),
        # fisher.test(matrix(c(3, 1, 1, 3), 2), alternative = "less", conf.level = 0.9)$conf.int
        ("less", (0.0, 146.22361255221)),
    ],
)
def test_fisher_interval_at_another_level_keeps_the_alternative(alternative, interval):
    """confidence_interval(level) of a one-sided test is one-sided too, as R's conf.int."""
    res = fisher_exact([[3, 1], [1, 3]], alternative=alternative)
    assert tuple(res.confidence_interval(0.9)) == pytest.approx(interval, rel=1e-11)


# -- the results' frames and Markdown against R (values to 1e-11) -------------------------------


def test_fisher_2x2_table_frame_and_markdown():
    """A 2x2 result shows the odds ratio, its interval at the level run, p, the alternative and N.

    R> f <- fisher.test(matrix(c(3, 1, 1, 3), 2), alternative = "less", conf.level = 0.9)
    R> c(f$estimate, f$conf.int, f$p.value)   # 6.408308867005788 0 146.223612552209687 0.985714285714286
    """
    res = fisher_exact([[3, 1], [1, 3]], alternative="less", confidence_level=0.9)
    caption = "Fisher's exact test (less): odds ratio 6.408, 90% CI [0, 146.2], p = 0.986"
    lines = str(res).splitlines()
    assert lines[0] == caption
    ends = ["90%", "CI", "low", "90%", "CI", "high"]
    assert lines[1].split() == ["odds", "ratio", *ends, "p", "alternative", "N"]
    assert lines[2].split() == ["6.408", "0", "146.2", "0.986", "less", "8"]
    assert res._repr_markdown_().splitlines()[0] == caption
    pytest.importorskip("pandas")
    df = res.to_frame()
    assert list(df.columns) == ["odds_ratio", "ci_low", "ci_high", "pvalue", "alternative", "n"]
    row = df.iloc[0]
    assert row["odds_ratio"] == pytest.approx(6.408308867005788, rel=1e-11)
    assert row["ci_low"] == 0.0
    assert row["ci_high"] == pytest.approx(146.223612552209687, rel=1e-11)
    assert row["pvalue"] == pytest.approx(0.985714285714286, rel=1e-12)
    assert (row["alternative"], row["n"]) == ("less", 8)


def test_fisher_rxc_table_frame_and_repr():
    """A larger table shows its exact p, its shape and N; the statistic is the table's probability.

    R> fisher.test(rbind(c(3, 1, 2), c(1, 3, 2)))$p.value   # 0.766233766233766
    The probability of the observed table given its margins (rows 6, 6; columns 4, 4, 4):
    6! 6! 4! 4! 4! / (12! 3! 1! 2! 1! 3! 2!) = 7166361600 / 68976230400 = 8 / 77 = 0.1039.
    """
    res = fisher_exact([[3, 1, 2], [1, 3, 2]])
    assert res.statistic == pytest.approx(8 / 77, rel=1e-12)
    caption = "Fisher's exact test (2x3 table, N = 12): exact p = 0.766"
    lines = str(res).splitlines()
    assert lines[0] == caption
    assert lines[1].split() == ["exact", "p", "rows", "columns", "N"]
    assert lines[2].split() == ["0.766", "2", "3", "12"]
    assert res._repr_markdown_().splitlines()[0] == caption
    assert repr(res) == (
        "FisherResult(statistic=0.1039, pvalue=0.7662, alternative='two-sided', table=2x3, n=12)"
    )
    pytest.importorskip("pandas")
    df = res.to_frame()
    assert list(df.columns) == ["pvalue", "rows", "columns", "n"]
    assert df.iloc[0]["pvalue"] == pytest.approx(0.766233766233766, rel=1e-9)
    assert df.iloc[0][["rows", "columns", "n"]].tolist() == [2, 3, 12]


# -- McNemar: the result's table -----------------------------------------------------------------


def test_mcnemar_chi_square_table_and_frame():
    """The chi-square form shows X^2 to 2 decimals, df 1, p, the discordant cells and the odds ratio.

    R> m <- mcnemar.test(matrix(c(8, 2, 9, 10), 2))   # X^2 = (|9 - 2| - 1)^2 / 11 = 36 / 11
    The odds ratio is 9 / 2 = 4.5; its interval is R's exact2x2::mcnemar.exact's:
    R> ci <- binom.test(9, 11)$conf.int; ci / (1 - ci)   # 0.9314 42.8 (printed to 4 figures)
    """
    res = mcnemar([[8, 9], [2, 10]])
    lines = str(res).splitlines()
    assert lines[0] == "McNemar's χ²(1, N = 29) (corrected) = 3.27, p = 0.070; 9 vs 2 discordant"
    headers = ["χ²", "df", "p", "n12", "n21", "odds", "ratio", "95%", "CI", "low", "95%", "CI"]
    assert lines[1].split() == [*headers, "high", "method"]
    # 36 / 11 = 3.2727 shown to 2 decimals (3.27), not 4 figures (3.273)
    assert lines[2].split() == ["3.27", "1", "0.070", "9", "2", "4.5", "0.9314", "42.8", "asymptotic"]
    assert res._repr_markdown_().splitlines()[0] == lines[0]
    pytest.importorskip("pandas")
    df = mcnemar([[794, 150], [86, 570]]).to_frame()
    assert list(df.columns) == [
        *("statistic", "df", "pvalue", "n12", "n21", "odds_ratio", "ci_low", "ci_high", "method"),
    ]
    row = df.iloc[0]
    # R> m <- mcnemar.test(matrix(c(794, 86, 150, 570), 2)); c(m$statistic, m$p.value)
    # 16.8177966101695 4.11456228134594e-05
    # R> ci <- binom.test(150, 236)$conf.int; ci / (1 - ci)   # 1.32922825260526 2.30097908042199
    assert row["statistic"] == pytest.approx(16.8177966101695, rel=1e-12)
    assert row["pvalue"] == pytest.approx(4.11456228134594e-05, rel=1e-11)
    assert row[["df", "n12", "n21", "method"]].tolist() == [1, 150, 86, "asymptotic"]
    assert row["odds_ratio"] == pytest.approx(150 / 86, rel=1e-15)
    assert row["ci_low"] == pytest.approx(1.32922825260526, rel=1e-11)
    assert row["ci_high"] == pytest.approx(2.30097908042199, rel=1e-11)


def test_mcnemar_exact_table():
    """The exact form's first column is b (a count, shown whole) and it has no df.

    R> binom.test(10, 12)$p.value   # 0.03857421875
    R> ci <- binom.test(10, 12)$conf.int; ci / (1 - ci)   # 1.06552784349944 46.93283545239456
    """
    res = mcnemar([[20, 10], [2, 15]], exact=True)
    lines = str(res).splitlines()
    assert lines[0] == "Exact McNemar test: 10 vs 2 discordant, p = 0.039"
    assert lines[1].split()[:3] == ["b", "df", "p"]
    assert lines[2].split() == ["10", "0.039", "10", "2", "5", "1.066", "46.93", "exact"]
    pytest.importorskip("pandas")
    row = res.to_frame().iloc[0]
    assert row["df"] is None
    assert row["pvalue"] == 0.03857421875
    assert row["ci_low"] == pytest.approx(1.06552784349944, rel=1e-11)
    assert row["ci_high"] == pytest.approx(46.93283545239456, rel=1e-11)


def test_gof_table_markdown_and_frame():
    """Probabilities show 3 decimals, expected counts 2, residuals 2 with a sign; the caption leads."""
    # expected 100 * (0.3, 0.3, 0.2, 0.2) = 30, 30, 20, 20; residuals (34 - 30) / sqrt(30) = 0.7303,
    # -3 / sqrt(30) = -0.5477, 1 / sqrt(20) = 0.2236, -2 / sqrt(20) = -0.4472; adjusted residuals
    # divide by sqrt(100 p (1 - p)): 4 / sqrt(21) = 0.8729, -3 / sqrt(21) = -0.6547, 1 / 4, -2 / 4
    res = chi_square_gof({"Police": 34, "School": 27, "Health": 21, "Self": 18}, [0.3, 0.3, 0.2, 0.2])
    md = res._repr_markdown_().splitlines()
    assert md[0] == "χ²(3, N = 100) = 1.08, p = 0.781"
    assert md[4] == "| Police | 34 | 0.300 | 30.00 | +0.73 | +0.87 |"
    assert md[7] == "| Self | 18 | 0.200 | 20.00 | -0.45 | -0.50 |"
    pytest.importorskip("pandas")
    df = res.to_frame()
    assert list(df.columns) == [
        *("category", "observed", "probability", "expected", "residual", "adjusted_residual"),
    ]
    assert df["category"].tolist() == ["Police", "School", "Health", "Self"]
    assert df["observed"].tolist() == [34, 27, 21, 18]
    np.testing.assert_allclose(df["residual"], [4 / 30**0.5, -3 / 30**0.5, 1 / 20**0.5, -2 / 20**0.5])
    np.testing.assert_allclose(df["adjusted_residual"], [4 / 21**0.5, -3 / 21**0.5, 0.25, -0.5])


@pytest.mark.parametrize(
    ("alternative", "interval"), [("greater", (1.0, math.inf)), ("less", (0.0, 1.0))]
)
def test_fisher_limit_is_one_when_the_tail_at_one_is_alpha(alternative: str, interval: tuple):
    """With margins 2, 2 / 2, 2 and x = 1 each tail at odds ratio 1 is 5/6 = 1 - level: the limit is 1.

    R> fisher.test(matrix(c(1, 1, 1, 1), 2), alternative = "greater", conf.level = 1/6)$conf.int
    # 1 Inf  (and "less": 0 1)
    """
    got = fisher_exact([[1, 1], [1, 1]], alternative=alternative, confidence_level=1 / 6)
    assert tuple(got.confidence_interval()) == interval
