"""Statistics: contingency tables and exact tests, mean comparisons, summaries, consistency checks.

Each module is one statistical area; every function takes its data as
arguments (no programme data) and returns a result object.

- [`safecore.stats.contingency`][safecore.stats.contingency]: chi-square (asymptotic, Monte Carlo,
  exact), Fisher–Freeman–Halton, exact McNemar.
- [`safecore.stats.tables`][safecore.stats.tables]: Fisher's exact test with the conditional odds
  ratio, McNemar's test of a paired table, chi-square goodness of fit (R's
  ``fisher.test``, ``mcnemar.test``, ``chisq.test(x, p = ...)``).
- [`safecore.stats.multiplicity`][safecore.stats.multiplicity]: p-values adjusted as R's ``p.adjust``.
- [`safecore.stats.means`][safecore.stats.means]: t-tests as R's ``t.test`` (one-sample, paired,
  Welch, Student), Hedges' g, from data or from published summaries.
- [`safecore.stats.ranks`][safecore.stats.ranks]: Wilcoxon signed-rank and rank-sum tests as R's
  ``wilcox.test``, with exact null distributions and Hodges–Lehmann intervals.
- [`safecore.stats.describe`][safecore.stats.describe]: mean, CI and SD as a report prints them.
- [`safecore.stats.consistency`][safecore.stats.consistency]: GRIM and confidence-interval checks of
  published summaries.

Examples
--------
>>> from safecore.stats import chi_square
>>> print(chi_square([[76, 6, 4], [17, 15, 12]]).summary())
χ²(2, N = 130) = 35.41, p < .001 (2.04e-08), V = 0.52
"""

from safecore.stats.consistency import CIConsistency, GrimResult, ci_consistent, grim
from safecore.stats.contingency import (
    ChiSquareResult,
    McNemarResult,
    chi_square,
    fisher_exact_rxc,
    mcnemar_exact,
)
from safecore.stats.describe import Summary, describe
from safecore.stats.means import (
    ConfidenceInterval,
    EffectSize,
    Norm,
    OneSampleResult,
    PairedResult,
    TTestResult,
    WelchResult,
    hedges_g,
    hedges_g_from_summary,
    one_sample,
    one_sample_from_summary,
    paired,
    t_test,
    t_test_from_summary,
    welch,
    welch_from_summary,
)
from safecore.stats.multiplicity import p_adjust
from safecore.stats.ranks import WilcoxonResult, wilcoxon
from safecore.stats.tables import (
    FisherResult,
    GoodnessOfFitResult,
    McNemarTableResult,
    chi_square_gof,
    fisher_exact,
    mcnemar,
)

__all__ = [
    "CIConsistency",
    "ChiSquareResult",
    "ConfidenceInterval",
    "EffectSize",
    "FisherResult",
    "GoodnessOfFitResult",
    "GrimResult",
    "McNemarResult",
    "McNemarTableResult",
    "Norm",
    "OneSampleResult",
    "PairedResult",
    "Summary",
    "TTestResult",
    "WelchResult",
    "WilcoxonResult",
    "chi_square",
    "chi_square_gof",
    "ci_consistent",
    "describe",
    "fisher_exact",
    "fisher_exact_rxc",
    "grim",
    "hedges_g",
    "hedges_g_from_summary",
    "mcnemar",
    "mcnemar_exact",
    "one_sample",
    "one_sample_from_summary",
    "p_adjust",
    "paired",
    "t_test",
    "t_test_from_summary",
    "welch",
    "welch_from_summary",
    "wilcoxon",
]
