"""Tests for safecore.stats.wilcoxon against R's wilcox.test (R 4.2.2).

The data and reference values come from ``tests/reference/r_cases.R ranks``
(values printed with ``sprintf("%.15g")``); each case carries its R command.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from safecore import RankTestWarning
from safecore.stats import WilcoxonResult, paired, wilcoxon
from safecore.stats.ranks import _lower, _quantile, _ranksum_pmf, _signrank_pmf
from tests.strategies import alternatives, confidence_levels, samples

INF = math.inf

# -- data (R> commands beside each) ------------------------------------------------------------
# R> dep_x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
DEP_X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3]
# R> dep_y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
DEP_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
# R> sleep1 <- sleep$extra[sleep$group == 1]
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2]
# R> sleep2 <- sleep$extra[sleep$group == 2]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# R> perm_x <- c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46)
PERM_X = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
# R> perm_y <- c(1.15, 0.88, 0.90, 0.74, 1.21)
PERM_Y = [1.15, 0.88, 0.9, 0.74, 1.21]
# R> u12 <- {set.seed(11); round(rnorm(12, 0.5, 2), 3)}
U12 = [-0.682, 0.553, -2.533, -2.225, 2.857, -1.368, 3.147, 1.75, 0.409, -1.508, -1.157, -0.197]
# R> v15 <- {set.seed(12); round(rnorm(15, 0, 2), 3)}
V15 = [
    -2.961, 3.154, -1.913, -1.84, -3.995, -0.545, -0.631, -1.257, -0.213, 0.856, -1.555, -2.588,
    -1.559, 0.024, -0.305,
]
# R> t20 <- {set.seed(13); round(rnorm(20, 1, 3))}
T20 = [3, 0, 6, 2, 4, 2, 5, 2, -0, 4, -2, 2, -3, -5, -0, 0, 5, 1, 1, 3]
# R> s20 <- {set.seed(14); round(rnorm(20, 0, 3))}
S20 = [-2, 5, 6, 4, -0, 4, -0, 3, -1, 3, -1, 1, 2, -1, 1, 3, 6, 5, 0, 3]
# R> n49 <- {set.seed(21); round(rnorm(49, 0.4, 1), 6)}
N49 = [
    1.193013, 0.922251, 2.146222, -0.871336, 2.59739, 0.833131, -1.1702, -0.534906, 0.463493,
    0.397607, -1.876781, 1.157412, -0.148406, 0.572549, 0.962853, 1.911818, 1.059025, 1.522028,
    -0.384641, -0.025692, 0.792998, 0.436757, -0.632084, -0.864861, 0.173035, 1.145589, 0.732819,
    -0.72404, -0.306131, -0.327544, -1.434314, -0.007688, 0.426861, 1.311629, 2.034346, 0.460686,
    2.247573, 0.480125, 1.818556, 1.858616, 0.455877, -1.117241, 0.351421, 0.185643, 2.495818,
    0.602323, 0.917724, 2.078143, 0.785245,
]
# R> n50 <- {set.seed(22); round(rnorm(50, 0.4, 1), 6)}
N50 = [
    -0.112139, 2.885184, 1.407826, 0.692815, 0.191041, 2.258092, 0.333974, 0.237235, 0.200139,
    0.700562, -0.363907, 0.481962, 1.143028, 0.315978, -0.392895, -0.522154, 1.261562, 2.402942,
    1.336551, -1.215735, -0.175057, 0.396027, -0.276113, -0.649628, -0.143281, 0.956145, 0.652838,
    -0.501815, 1.224391, -1.16028, 0.937994, -0.868354, 1.04052, -0.135762, -0.619643, -0.407882,
    0.456825, 1.350211, -0.726763, 0.198832, 0.171504, 0.958716, 1.148745, 2.318204, 1.407208,
    3.653349, 0.238252, 0.733756, -0.778673, 1.477604,
]
# R> n51 <- {set.seed(23); round(rnorm(51, 0.4, 1), 6)}
N51 = [
    0.593212, -0.034682, 1.313267, 2.193388, 1.396605, 1.50749, 0.121914, 1.419205, 0.445437,
    1.97578, 0.618288, -0.646535, 0.111311, 0.88155, -0.816376, 0.708137, -0.120178, -0.042314,
    -0.199313, 1.694578, 1.235391, -0.166015, 1.188419, -0.765929, -0.13082, 0.398941, -0.112562,
    1.642868, -0.260583, 0.566624, -0.153205, 0.498181, -0.746666, -0.849927, 0.197888, 0.5775,
    1.707647, -0.942935, 1.261083, 0.632875, 1.442257, 1.729098, 1.345958, -0.585626, -0.815867,
    -1.229206, 0.492316, 0.377883, 0.913478, 0.170446, 1.661516,
]
# R> m49 <- {set.seed(24); round(rnorm(49, 0, 1), 6)}
M49 = [
    -0.545881, 0.536585, 0.419623, -0.583627, 0.84746, 0.266022, 0.444585, -0.466495, -0.84837,
    0.002312, -1.316908, 0.598269, -0.762214, -1.42909, 0.332244, -0.469061, -0.334987, 1.536252,
    0.609995, 0.516336, -0.074309, -0.605157, -1.709645, -0.268693, -0.648592, -0.09411, -0.085541,
    0.119531, -0.116296, -0.943827, -0.033738, -0.585428, 0.612851, 1.517122, 0.65738, -1.074181,
    -4.469564, 0.369045, 0.169227, -1.82219, 0.067358, 0.017106, -0.343659, -0.667892, -0.255745,
    -0.461208, 1.471642, -0.09196, 0.335194,
]
# R> m50 <- {set.seed(25); round(rnorm(50, 0, 1), 6)}
M50 = [
    -0.211834, -1.041591, -1.153308, 0.321531, -1.50013, -0.445533, 1.734045, 0.511296, 0.099645,
    -0.057891, -1.742788, -1.324953, -0.547934, -1.456384, 0.082687, 0.927579, -0.716769, 0.9624,
    1.545885, -1.009764, 0.557411, 0.168782, 0.155259, 2.367765, -1.585644, -1.103534, 0.902787,
    0.068318, -1.149468, -0.901275, -1.198454, -0.510164, 0.306246, -0.067877, 0.372202, 1.144491,
    -1.439612, -0.745408, -1.08426, -0.91181, 0.254474, 0.054543, 0.869397, -0.495822, 0.788984,
    -0.048278, 0.284441, -2.344913, 0.35214, -0.736709,
]
# R> z10 <- c(0, 1.5, -0.5, 2.5, 0, 3.5, 4.5, -1.5, 5.5, 6.5)
Z10 = [0, 1.5, -0.5, 2.5, 0, 3.5, 4.5, -1.5, 5.5, 6.5]
# R> na_x <- c(3.1, NA, 4.7, 5.0, 2.2, NaN, 6.3, 4.1, 7.7)
NA_X = [3.1, None, 4.7, 5, 2.2, None, 6.3, 4.1, 7.7]
# R> na_y <- c(2.9, 3.3, NA, 4.1, 2.0, 3.5, 5.2, NA, 1.1)
NA_Y = [2.9, 3.3, None, 4.1, 2, 3.5, 5.2, None, 1.1]
# R> w5 <- c(1.1, 2.2, 3.3, 4.4, 5.5)
W5 = [1.1, 2.2, 3.3, 4.4, 5.5]
# R> w4 <- c(0.5, 0.6, 0.7, 0.8)
W4 = [0.5, 0.6, 0.7, 0.8]

# (x, y, options, statistic, p, method, estimate, (conf.int), attr(conf.int, "conf.level"))
R_CASES = [
    # R> wilcox.test(dep_x, dep_y, paired = TRUE)
    (
        "DEP_X", "DEP_Y", {"paired": True}, 40, 0.0390625, "Wilcoxon signed rank exact test", None,
        None, None,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, alternative = "greater")
    (
        "DEP_X", "DEP_Y", {"paired": True, "alternative": "greater"}, 40, 0.01953125,
        "Wilcoxon signed rank exact test", None, None, None,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, alternative = "less")
    (
        "DEP_X", "DEP_Y", {"paired": True, "alternative": "less"}, 40, 0.986328125,
        "Wilcoxon signed rank exact test", None, None, None,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, conf.int = TRUE)
    (
        "DEP_X", "DEP_Y", {"paired": True, "confidence_level": 0.95}, 40, 0.0390625,
        "Wilcoxon signed rank exact test", 0.46, (0.01, 0.786), 0.95,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, conf.int = TRUE, conf.level = 0.9,
    #      alternative = "greater")
    (
        "DEP_X", "DEP_Y", {"paired": True, "confidence_level": 0.9, "alternative": "greater"}, 40,
        0.01953125, "Wilcoxon signed rank exact test", 0.46, (0.22, INF), 0.9,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, exact = FALSE)
    (
        "DEP_X", "DEP_Y", {"paired": True, "exact": False}, 40, 0.0440109840129515,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, exact = FALSE, correct = FALSE)
    (
        "DEP_X", "DEP_Y", {"paired": True, "exact": False, "correction": False}, 40,
        0.0381517101734152, "Wilcoxon signed rank test", None, None, None,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, exact = FALSE, conf.int = TRUE)
    (
        "DEP_X", "DEP_Y", {"paired": True, "exact": False, "confidence_level": 0.95}, 40,
        0.0440109840129515, "Wilcoxon signed rank test with continuity correction",
        0.460002372629566, (0.00996194230949861, 0.786042990687039), 0.95,
    ),
    # R> wilcox.test(dep_x, dep_y, paired = TRUE, exact = FALSE, correct = FALSE, conf.int = TRUE,
    #      alternative = "less")
    (
        "DEP_X", "DEP_Y",
        {"paired": True, "exact": False, "correction": False, "alternative": "less",
         "confidence_level": 0.95},
        40, 0.980924144913292, "Wilcoxon signed rank test", 0.460002372629566,
        (-INF, 0.725941500821893), 0.95,
    ),
    # R> wilcox.test(sleep1, sleep2, paired = TRUE)
    (
        "SLEEP1", "SLEEP2", {"paired": True}, 0, 0.00909069801592506,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(sleep1, sleep2, paired = TRUE, correct = FALSE, alternative = "less")
    (
        "SLEEP1", "SLEEP2", {"paired": True, "correction": False, "alternative": "less"}, 0,
        0.00381622082410276, "Wilcoxon signed rank test", None, None, None,
    ),
    # R> wilcox.test(sleep1, sleep2, paired = TRUE, conf.int = TRUE)
    (
        "SLEEP1", "SLEEP2", {"paired": True, "confidence_level": 0.95}, 0, 0.00909069801592506,
        "Wilcoxon signed rank test with continuity correction", -1.40003067218735,
        (-2.94992079954078, -1.05001799066454), 0.95,
    ),
    # R> wilcox.test(sleep1, mu = 0.5)
    ("SLEEP1", None, {"mu": 0.5}, 28, 1, "Wilcoxon signed rank exact test", None, None, None),
    # R> wilcox.test(z10)
    (
        "Z10", None, {}, 32.5, 0.0496695358928958,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(z10, mu = 1, conf.int = TRUE)
    (
        "Z10", None, {"mu": 1, "confidence_level": 0.95}, 39, 0.261261525539874,
        "Wilcoxon signed rank test with continuity correction", 2.24998361540306,
        (-4.04303873954794e-05, 4.49999572303199), 0.95,
    ),
    # R> wilcox.test(z10, mu = 1.5, alternative = "greater", correct = FALSE)
    (
        "Z10", None, {"mu": 1.5, "alternative": "greater", "correction": False}, 29,
        0.220031144979246, "Wilcoxon signed rank test", None, None, None,
    ),
    # R> wilcox.test(u12)
    ("U12", None, {}, 36, 0.85009765625, "Wilcoxon signed rank exact test", None, None, None),
    # R> wilcox.test(u12, mu = 1, conf.int = TRUE, conf.level = 0.99)
    (
        "U12", None, {"mu": 1, "confidence_level": 0.99}, 16, 0.0771484375000001,
        "Wilcoxon signed rank exact test", -0.21725, (-1.7965, 1.75), 0.99,
    ),
    # R> wilcox.test(u12, alternative = "less", conf.int = TRUE)
    (
        "U12", None, {"alternative": "less", "confidence_level": 0.95}, 36, 0.425048828125,
        "Wilcoxon signed rank exact test", -0.21725, (-INF, 0.8895), 0.95,
    ),
    # R> wilcox.test(u12, exact = FALSE, conf.int = TRUE, conf.level = 0.9)
    (
        "U12", None, {"exact": False, "confidence_level": 0.9}, 36, 0.84451926747294,
        "Wilcoxon signed rank test with continuity correction", -0.20853569787262,
        (-1.21098075184843, 0.889474335641252), 0.9,
    ),
    # R> wilcox.test(t20, conf.int = TRUE)
    (
        "T20", None, {"confidence_level": 0.95}, 108, 0.0400906380384878,
        "Wilcoxon signed rank test with continuity correction", 2.00002469233707,
        (4.98857484046845e-06, 3.50002780380181), 0.95,
    ),
    # R> wilcox.test(t20, s20, paired = TRUE, alternative = "greater")
    (
        "T20", "S20", {"paired": True, "alternative": "greater"}, 64, 0.833865449623712,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(n49)
    ("N49", None, {}, 939, 0.000877003880482619, "Wilcoxon signed rank exact test", None, None, None),
    # R> wilcox.test(n49, conf.int = TRUE)
    (
        "N49", None, {"confidence_level": 0.95}, 939, 0.000877003880482619,
        "Wilcoxon signed rank exact test", 0.5686935, (0.232727, 0.859069), 0.95,
    ),
    # R> wilcox.test(n50)
    (
        "N50", None, {}, 960, 0.00188131470650586,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(n50, conf.int = TRUE)
    (
        "N50", None, {"confidence_level": 0.95}, 960, 0.00188131470650586,
        "Wilcoxon signed rank test with continuity correction", 0.446513764149058,
        (0.178072523876411, 0.772342011104143), 0.95,
    ),
    # R> wilcox.test(n51, alternative = "greater")
    (
        "N51", None, {"alternative": "greater"}, 1004, 0.000707275307749916,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(n51, exact = TRUE)
    (
        "N51", None, {"exact": True}, 1004, 0.00108584238998156, "Wilcoxon signed rank exact test",
        None, None, None,
    ),
    # R> wilcox.test(n50, exact = TRUE, conf.int = TRUE, conf.level = 0.9)
    (
        "N50", None, {"exact": True, "confidence_level": 0.9}, 960, 0.00148464734444786,
        "Wilcoxon signed rank exact test", 0.446477, (0.2191955, 0.7132855), 0.9,
    ),
    # R> wilcox.test(na_x, na_y, paired = TRUE)
    (
        "NA_X", "NA_Y", {"paired": True}, 15, 0.0579072654172973,
        "Wilcoxon signed rank test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(na_x, mu = 4, conf.int = TRUE)
    (
        "NA_X", None, {"mu": 4, "confidence_level": 0.95}, 20, 0.375,
        "Wilcoxon signed rank exact test", 4.7, (3.1, 6.35), 0.95,
    ),
    # R> wilcox.test(perm_x, perm_y, alternative = "greater")
    (
        "PERM_X", "PERM_Y", {"alternative": "greater"}, 35, 0.127206127206127,
        "Wilcoxon rank sum exact test", None, None, None,
    ),
    # R> wilcox.test(perm_x, perm_y)
    ("PERM_X", "PERM_Y", {}, 35, 0.254412254412254, "Wilcoxon rank sum exact test", None, None, None),
    # R> wilcox.test(perm_x, perm_y, conf.int = TRUE)
    (
        "PERM_X", "PERM_Y", {"confidence_level": 0.95}, 35, 0.254412254412254,
        "Wilcoxon rank sum exact test", 0.305, (-0.15, 0.76), 0.95,
    ),
    # R> wilcox.test(perm_x, perm_y, conf.int = TRUE, alternative = "less", conf.level = 0.9)
    (
        "PERM_X", "PERM_Y", {"alternative": "less", "confidence_level": 0.9}, 35,
        0.896769896769897, "Wilcoxon rank sum exact test", 0.305, (-INF, 0.7), 0.9,
    ),
    # R> wilcox.test(perm_x, perm_y, exact = FALSE, conf.int = TRUE)
    (
        "PERM_X", "PERM_Y", {"exact": False, "confidence_level": 0.95}, 35, 0.244623605126983,
        "Wilcoxon rank sum test with continuity correction", 0.302508339041572,
        (-0.150014837199084, 0.759942765322294), 0.95,
    ),
    # R> wilcox.test(perm_x, perm_y, exact = FALSE, correct = FALSE, alternative = "greater",
    #      conf.int = TRUE)
    (
        "PERM_X", "PERM_Y",
        {"exact": False, "correction": False, "alternative": "greater", "confidence_level": 0.95},
        35, 0.110335680959923, "Wilcoxon rank sum test", 0.302508339041572,
        (-0.0799732148139133, INF), 0.95,
    ),
    # R> wilcox.test(perm_x, perm_y, mu = 0.3, conf.int = TRUE)
    (
        "PERM_X", "PERM_Y", {"mu": 0.3, "confidence_level": 0.95}, 26, 0.951082948617829,
        "Wilcoxon rank sum test with continuity correction", 0.302508339041572,
        (-0.150014837199084, 0.759942765322294), 0.95,
    ),
    # R> wilcox.test(dep_x, dep_y)
    (
        "DEP_X", "DEP_Y", {}, 58, 0.132919458185319,
        "Wilcoxon rank sum test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(dep_x, dep_y, conf.int = TRUE)
    (
        "DEP_X", "DEP_Y", {"confidence_level": 0.95}, 58, 0.132919458185319,
        "Wilcoxon rank sum test with continuity correction", 0.560056160835873,
        (-0.369977374727254, 1.18297077368792), 0.95,
    ),
    # R> wilcox.test(u12, v15)
    ("U12", "V15", {}, 116, 0.217355293933568, "Wilcoxon rank sum exact test", None, None, None),
    # R> wilcox.test(u12, v15, conf.int = TRUE, conf.level = 0.99)
    (
        "U12", "V15", {"confidence_level": 0.99}, 116, 0.217355293933568,
        "Wilcoxon rank sum exact test", 0.761, (-0.968, 3.123), 0.99,
    ),
    # R> wilcox.test(u12, v15, mu = 1, alternative = "less", conf.int = TRUE)
    (
        "U12", "V15", {"mu": 1, "alternative": "less", "confidence_level": 0.95}, 84,
        0.395943363556771, "Wilcoxon rank sum exact test", 0.761, (-INF, 2.112), 0.95,
    ),
    # R> wilcox.test(t20, s20)
    (
        "T20", "S20", {}, 183.5, 0.662924536674761,
        "Wilcoxon rank sum test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(t20, s20, conf.int = TRUE, alternative = "greater")
    (
        "T20", "S20", {"alternative": "greater", "confidence_level": 0.95}, 183.5,
        0.678361330070463, "Wilcoxon rank sum test with continuity correction",
        -6.67671943721027e-05, (-1.99997546813423, INF), 0.95,
    ),
    # R> wilcox.test(n49, m49)
    ("N49", "M49", {}, 1690, 0.000420932613687297, "Wilcoxon rank sum exact test", None, None, None),
    # R> wilcox.test(n49, m49, conf.int = TRUE)
    (
        "N49", "M49", {"confidence_level": 0.95}, 1690, 0.000420932613687297,
        "Wilcoxon rank sum exact test", 0.69508, (0.321048, 1.071384), 0.95,
    ),
    # R> wilcox.test(n49, m50)
    (
        "N49", "M50", {}, 1743, 0.000292621872054113,
        "Wilcoxon rank sum test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(n50, m49, alternative = "less")
    (
        "N50", "M49", {"alternative": "less"}, 1653, 0.998645109048186,
        "Wilcoxon rank sum test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(n51, m49, exact = TRUE)
    (
        "N51", "M49", {"exact": True}, 1709, 0.00137234009831972, "Wilcoxon rank sum exact test",
        None, None, None,
    ),
    # R> wilcox.test(na_x, na_y)
    (
        "NA_X", "NA_Y", {}, 36.5, 0.141282054979681,
        "Wilcoxon rank sum test with continuity correction", None, None, None,
    ),
    # R> wilcox.test(w5, w4, conf.int = TRUE)
    (
        "W5", "W4", {"confidence_level": 0.95}, 20, 0.0158730158730159,
        "Wilcoxon rank sum exact test", 2.65, (0.4, 4.9), 0.95,
    ),
    # R> wilcox.test(w5, w4, conf.int = TRUE, alternative = "greater")
    (
        "W5", "W4", {"alternative": "greater", "confidence_level": 0.95}, 20, 0.00793650793650794,
        "Wilcoxon rank sum exact test", 2.65, (0.5, INF), 0.95,
    ),
]

DATA = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, list)}

#: R's uniroot tolerance (tol.root = 1e-4): the asymptotic estimate and limits agree to about this.
ROOT_TOL = 1e-4


def close(actual: float, expected: float, rel: float = 1e-10, abs_tol: float = 1e-15) -> bool:
    """Relative agreement (infinities equal to themselves)."""
    if math.isinf(expected):
        return actual == expected
    return math.isclose(actual, expected, rel_tol=rel, abs_tol=abs_tol)


def test_enough_r_cases():
    """At least 40 reference cases from R."""
    assert len(R_CASES) >= 40


@pytest.mark.parametrize(
    ("x", "y", "options", "statistic", "p", "method", "estimate", "ci", "level"), R_CASES
)
def test_matches_r(x, y, options, statistic, p, method, estimate, ci, level):
    """V or W, p, method, Hodges–Lehmann estimate and interval equal R's wilcox.test."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RankTestWarning)  # R warns in the same cases (tested below)
        res = wilcoxon(DATA[x], None if y is None else DATA[y], **options)
    assert res.statistic == statistic
    assert close(res.pvalue, p)
    assert res.method == method
    if estimate is None:
        assert res.interval is None and math.isnan(res.estimate)
        return
    # exact: order statistics (1e-10); normal approximation: a root to R's tolerance
    tol = {"rel": 1e-10} if res.exact else {"rel": 0.0, "abs_tol": ROOT_TOL}
    assert close(res.estimate, estimate, **tol)
    low, high = res.confidence_interval()
    assert close(low, ci[0], **tol) and close(high, ci[1], **tol)
    assert close(res.confidence_level, level)


# -- the exact distributions against R's d/p/q functions -----------------------------------------


def test_signed_rank_distribution_matches_r():
    """Exact P(V <= q) and quantiles, as R's psignrank / qsignrank / dsignrank."""
    pmf = _signrank_pmf(49)
    # R> psignrank(c(0, 5, 20, 100, 300, 612), 49)
    expected = [1.77635683940025e-15, 1.77635683940025e-14, 6.59028387417494e-13]
    expected += [8.91429863258964e-09, 0.000751764235129571, 0.5]
    for q, p in zip([0, 5, 20, 100, 300, 612], expected, strict=True):
        assert close(_lower(pmf, q), p, rel=1e-12)
    # R> qsignrank(c(0.001, 0.025, 0.05, 0.5, 0.9, 0.975), 49)
    probs = [0.001, 0.025, 0.05, 0.5, 0.9, 0.975]
    assert [_quantile(pmf, p) for p in probs] == [308, 416, 447, 612, 742, 809]
    # R> dsignrank(c(0, 3, 10, 27), 10)
    d = _signrank_pmf(10)
    assert d[[0, 3, 10, 27]].tolist() == [0.0009765625, 0.001953125, 0.009765625, 0.0390625]
    assert math.fsum(d) == 1.0


def test_rank_sum_distribution_matches_r():
    """Exact P(W <= q) and quantiles, as R's pwilcox / qwilcox / dwilcox."""
    pmf = _ranksum_pmf(49, 49)
    # R> pwilcox(c(0, 100, 600, 1200), 49, 49)   (R's choose() is good to ~1e-14 here)
    expected = [3.92501459648165e-29, 6.38720109034695e-20, 6.08177068715319e-06, 0.499999999999998]
    for q, p in zip([0, 100, 600, 1200], expected, strict=True):
        assert close(_lower(pmf, q), p, rel=1e-12)
    # R> qwilcox(c(0.005, 0.025, 0.5, 0.95), 49, 30)
    probs = [0.005, 0.025, 0.5, 0.95]
    assert [_quantile(_ranksum_pmf(49, 30), p) for p in probs] == [482, 541, 735, 898]
    # R> dwilcox(c(0, 4, 7, 12), 4, 6)
    d = _ranksum_pmf(4, 6)
    expected = [0.00476190476190476, 0.0238095238095238, 0.0476190476190476, 0.0857142857142857]
    assert all(close(d[k], p, rel=1e-14) for k, p in zip([0, 4, 7, 12], expected, strict=True))
    # R> pwilcox(c(3, 10), 1, 20)
    assert close(_lower(_ranksum_pmf(1, 20), 3), 0.19047619047619, rel=1e-13)
    assert close(_lower(_ranksum_pmf(20, 1), 10), 0.523809523809524, rel=1e-13)


@given(st.integers(1, 40))
def test_signed_rank_distribution_brute_force(n):
    """The distribution is symmetric, sums to 1 and has the right mean and variance."""
    pmf = _signrank_pmf(n)
    k = np.arange(len(pmf))
    assert math.fsum(pmf) == pytest.approx(1.0, abs=1e-14)
    assert np.allclose(pmf, pmf[::-1], rtol=1e-14, atol=0)
    assert float((k * pmf).sum()) == pytest.approx(n * (n + 1) / 4, rel=1e-12)
    var = float(((k - n * (n + 1) / 4) ** 2 * pmf).sum())
    assert var == pytest.approx(n * (n + 1) * (2 * n + 1) / 24, rel=1e-10)


def test_rank_sum_distribution_by_enumeration():
    """For small samples, the distribution counts every subset of ranks (brute force)."""
    from itertools import combinations

    for m, n in [(1, 1), (2, 3), (3, 2), (4, 4), (5, 3)]:
        counts = np.zeros(m * n + 1)
        for subset in combinations(range(1, m + n + 1), m):
            counts[sum(subset) - m * (m + 1) // 2] += 1
        assert np.allclose(_ranksum_pmf(m, n), counts / counts.sum(), rtol=1e-14, atol=0)


# -- R's defaults and warnings -------------------------------------------------------------------


def test_sleep_follows_r_not_scipy():
    """R> wilcox.test(extra ~ group, data = sleep, paired = TRUE): V = 0, p-value = 0.009091.

    The sleep differences have a zero and ties: R uses the normal approximation
    with continuity correction; scipy's default (exact) gives 0.00391.
    """
    res = wilcoxon(SLEEP1, SLEEP2, paired=True)
    assert (res.statistic, res.zeros, res.ties, res.exact) == (0.0, 1, True, False)
    assert res.pvalue == pytest.approx(0.00909069801592505, rel=1e-10)
    r = paired(SLEEP1, SLEEP2)
    assert (r.wilcoxon, r.wilcoxon_pvalue) == (res.statistic, res.pvalue)


def test_exact_switch_at_50():
    """Exact below 50 values (both samples below 50 for rank-sum), else the normal approximation."""
    assert wilcoxon(N49).exact and not wilcoxon(N50).exact and not wilcoxon(N51).exact
    assert wilcoxon(N49, M49).exact and not wilcoxon(N49, M50).exact
    assert not wilcoxon(N50, M49).exact
    assert wilcoxon(N51, exact=True).exact


@pytest.mark.stacklevel
def test_exact_with_ties_or_zeros_warns_and_falls_back():
    """exact=True with ties (or zeros) uses the normal approximation and warns, as R."""
    with pytest.warns(RankTestWarning, match="cannot compute exact p-value with ties") as caught:
        res = wilcoxon([1.0, 2.0, 2.0, 3.0, -4.0], exact=True)
    assert not res.exact and caught[0].filename == __file__  # stacklevel: the caller's line
    with pytest.warns(RankTestWarning, match="with zeroes"):
        wilcoxon([0.0, 1.0, 2.0, -3.5], exact=True)
    with pytest.warns(RankTestWarning, match="with ties") as caught:
        wilcoxon(DEP_X, DEP_Y, exact=True, confidence_level=0.9)
    assert [str(w.message) for w in caught][1] == "cannot compute exact confidence interval with ties"


def test_unachievable_level_warns_and_reports_the_achieved_level():
    """R> wilcox.test(c(1.1, 2.2, 3.3), conf.int = TRUE)  # conf.level 0.75 reported, with a warning."""
    with pytest.warns(RankTestWarning, match="conf.level not achievable"):
        res = wilcoxon([1.1, 2.2, 3.3], confidence_level=0.95)
    assert res.confidence_level == pytest.approx(0.75)
    assert res.confidence_interval() == (1.1, 3.3)


def test_missing_values_are_left_out_and_counted():
    """Missing values (pairs) are dropped and counted; zero differences counted apart."""
    res = wilcoxon(NA_X, NA_Y, paired=True)
    assert (res.n, res.missing, res.zeros) == (5, 4, 0)
    assert wilcoxon(NA_X, NA_Y).missing == 4
    assert wilcoxon(Z10).zeros == 2


def test_confidence_interval_needs_the_level_at_the_call():
    """The interval is computed by wilcoxon(..., confidence_level=...); another level is an error."""
    with pytest.raises(ValueError, match="no interval was computed"):
        wilcoxon(DEP_X, DEP_Y, paired=True).confidence_interval()
    res = wilcoxon(DEP_X, DEP_Y, paired=True, confidence_level=0.9)
    assert res.confidence_interval(0.9) == res.confidence_interval()
    with pytest.raises(ValueError, match=r"confidence_level=0\.95"):
        res.confidence_interval(0.95)


def test_results_describe_themselves():
    """Method in R's words, statistic name, summary, repr and unpacking."""
    res = wilcoxon(PERM_X, PERM_Y, confidence_level=0.95)
    assert isinstance(res, WilcoxonResult)
    assert (res.statistic_name, res.method) == ("W", "Wilcoxon rank sum exact test")
    assert res.summary().startswith("Wilcoxon rank-sum W = 35, p = 0.254 (exact; n = 15); estimate")
    assert repr(res) == "WilcoxonResult(W=35, p=0.2544, rank-sum exact, n=15)"
    w, p = res
    assert (w, p) == (35.0, res.pvalue)
    assert wilcoxon(SLEEP1, SLEEP2, paired=True).method == (
        "Wilcoxon signed rank test with continuity correction"
    )


def test_large_exact_requests_are_refused():
    """An exact distribution beyond MAX_EXACT_WORK operations is refused, not attempted."""
    big = np.arange(1.0, 3001.0)
    with pytest.raises(ValueError, match="exact=False"):
        wilcoxon(big, exact=True)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: wilcoxon(DEP_X, alternative="two.sided"), ValueError, "alternative must be"),
        (lambda: wilcoxon(DEP_X, exact=1), TypeError, "exact must be True, False or None"),
        (lambda: wilcoxon(DEP_X, correction="yes"), TypeError, "correction must be"),
        (lambda: wilcoxon(DEP_X, paired=True), ValueError, "needs y"),
        (lambda: wilcoxon(DEP_X, DEP_Y[:4], paired=True), ValueError, "same length"),
        (lambda: wilcoxon(DEP_X, mu=float("inf")), ValueError, "mu must be a finite"),
        (lambda: wilcoxon(DEP_X, confidence_level=95), ValueError, "confidence_level"),
        (lambda: wilcoxon([None, None]), ValueError, "not enough"),
        (lambda: wilcoxon(DEP_X, [None]), ValueError, "not enough"),
        (lambda: wilcoxon([2.0, 2.0], mu=2), ValueError, "every difference from mu is zero"),
        (lambda: wilcoxon([1.0, 1.0], [1.0, 1.0]), ValueError, "every value is tied"),
        (lambda: wilcoxon([1.0, "a"]), TypeError, "value 2"),
    ],
)
def test_bad_arguments(call, error, message):
    """Options and data are validated with a clear message."""
    with pytest.raises(error, match=message):
        call()


# -- properties -----------------------------------------------------------------------------------


def _quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RankTestWarning)
        return wilcoxon(*args, **kwargs)


@given(samples(1, 25, ties=True), alternatives, confidence_levels, st.booleans())
def test_signed_rank_properties(x, alternative, level, exact):
    """p in [0, 1]; the interval contains the estimate; V within [0, n(n+1)/2]."""
    if not any(v != 0 for v in x):
        return
    res = _quiet(x, alternative=alternative, exact=exact, confidence_level=level)
    assert 0 <= res.pvalue <= 1
    assert 0 <= res.statistic <= res.n * (res.n + 1) / 2
    low, high = res.confidence_interval()
    if res.confidence_level == level:  # R shrinks an unachievable level (to 0 at worst): no promise
        assert low - ROOT_TOL <= res.estimate <= high + ROOT_TOL


@given(samples(1, 20, ties=True), samples(1, 20, ties=True), alternatives, confidence_levels)
def test_rank_sum_properties(x, y, alternative, level):
    """p in [0, 1]; the interval contains the estimate; W within [0, n1 n2]."""
    if len(set(x + y)) == 1:
        return
    if len(set(x)) == 1 and len(set(y)) == 1 and (len(x) > 1 or len(y) > 1):
        with pytest.raises(ValueError, match="each sample is constant"):
            _quiet(x, y, alternative=alternative, confidence_level=level)
        return
    res = _quiet(x, y, alternative=alternative, confidence_level=level)
    assert 0 <= res.pvalue <= 1
    assert 0 <= res.statistic <= len(x) * len(y)
    low, high = res.confidence_interval()
    assert low - ROOT_TOL <= res.estimate <= high + ROOT_TOL


@given(samples(1, 30), samples(1, 30))
def test_exact_one_sided_pvalues(x, y):
    """Exact: p_less + p_greater = 1 + P(W = w); two-sided doubles the smaller tail."""
    if len(set(x + y)) < len(x) + len(y) or len(x) >= 50 or len(y) >= 50:
        return
    less = wilcoxon(x, y, alternative="less")
    greater = wilcoxon(x, y, alternative="greater")
    two = wilcoxon(x, y)
    point = float(_ranksum_pmf(len(x), len(y))[int(less.statistic)])
    assert less.pvalue + greater.pvalue == pytest.approx(1 + point, abs=1e-12)
    assert two.pvalue == pytest.approx(min(1.0, 2 * min(less.pvalue, greater.pvalue)), abs=1e-12)


@given(samples(1, 30, ties=True), samples(1, 30, ties=True))
def test_normal_one_sided_pvalues_without_correction(x, y):
    """Normal approximation without correction: p_less + p_greater = 1."""
    if len(set(x + y)) == 1:
        return
    less = wilcoxon(x, y, alternative="less", exact=False, correction=False).pvalue
    greater = wilcoxon(x, y, alternative="greater", exact=False, correction=False).pvalue
    assert less + greater == pytest.approx(1.0, abs=1e-12)


@given(samples(5, 30))
def test_agrees_with_scipy_where_the_methods_coincide(x):
    """Without ties or zeros, exact: V and p equal scipy's (statistic min(V+, V-) aside)."""
    if len(set(np.abs(x))) < len(x) or 0 in x:
        return
    res = wilcoxon(x)
    ref = stats.wilcoxon(x, method="exact", alternative="greater")
    assert res.pvalue == pytest.approx(stats.wilcoxon(x, method="exact").pvalue, rel=1e-9)
    assert wilcoxon(x, alternative="greater").pvalue == pytest.approx(ref.pvalue, rel=1e-9)
    assert wilcoxon(x, alternative="greater").statistic == ref.statistic
