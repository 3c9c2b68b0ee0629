"""Tests for safecore.stats.tables that pin values mutation testing found unchecked.

Every expected value comes from R (the command beside it), from exact rational arithmetic
written here, or from hand arithmetic in a comment; none comes from the code under test.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from safecore.stats import chi_square_gof, fisher_exact, mcnemar
from safecore.stats.tables import _gof_monte_carlo

# -- Fisher's exact test: the result's table -----------------------------------------------------


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


# -- chi-square goodness of fit ------------------------------------------------------------------


def test_gof_repr_names_the_method_and_resamples():
    """The repr shows statistic, df, p, n and the method; a Monte Carlo result adds its resamples."""
    # R> chisq.test(c(89, 37, 30, 28, 12), p = c(.4, .2, .2, .15, .05))
    # X-squared = 4.2764, df = 4, p-value = 0.3699 (n = 196)
    x, p = [89, 37, 30, 28, 12], [0.40, 0.20, 0.20, 0.15, 0.05]
    assert repr(chi_square_gof(x, p)) == (
        "GoodnessOfFitResult(statistic=4.276, df=4, pvalue=0.3699, n=196, method='asymptotic')"
    )
    text = repr(chi_square_gof(x, p, method="monte-carlo", resamples=999, seed=1))
    assert text.startswith("GoodnessOfFitResult(statistic=4.276, df=4, pvalue=")
    assert text.endswith(", n=196, method='monte-carlo', resamples=999)")


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


def _exact_hits(observed: list[int], draws: np.ndarray) -> int:
    """Count the draws whose X^2 (equal probabilities) is at least the observed one, in fractions."""
    n, k = sum(observed), len(observed)
    expected = Fraction(n, k)

    def x2(counts: list[int]) -> Fraction:
        return sum(((Fraction(int(c)) - expected) ** 2 / expected for c in counts), Fraction(0))

    target = x2(observed)
    return sum(x2(list(row)) >= target for row in draws)


def test_gof_monte_carlo_counts_ties_as_hits():
    """The Monte Carlo p is (1 + hits) / (B + 1), a sample tying the observed X^2 counting as a hit.

    (13, 10, 7) against equal shares: X^2 = (9 + 0 + 9) / 10 = 1.8, tied by every permutation.
    The samples are numpy's ``default_rng(5).multinomial(30, [1/3] * 3, size=200)``; the oracle
    counts them in exact fractions (92 hits, 10 of them ties).
    """
    observed = [13, 10, 7]
    draws = np.random.default_rng(5).multinomial(30, [1 / 3] * 3, size=200)
    hits = _exact_hits(observed, draws)
    res = chi_square_gof(observed, method="monte-carlo", resamples=200, seed=5)
    assert res.pvalue == (1 + hits) / 201


def test_gof_monte_carlo_in_chunks_draws_exactly_b_samples():
    """Drawn in chunks (7, 7, 6 for B = 20), the samples are the first B of one stream, all counted.

    With seed 10 the oracle finds 8 hits among the first 20 samples and the 21st is a hit too, so
    drawing one sample too many, or keeping only the last chunk's hits, changes the p-value.
    """
    observed = [13, 10, 7]
    draws = np.random.default_rng(10).multinomial(30, [1 / 3] * 3, size=21)
    hits = _exact_hits(observed, draws[:20])
    assert _exact_hits(observed, draws[20:]) == 1  # the 21st sample is a hit
    probs = np.full(3, 1 / 3)
    expected = 30 * probs
    p = _gof_monte_carlo(30, probs, expected, 1.8, 20, 10, chunk=7)
    assert p == (1 + hits) / 21
