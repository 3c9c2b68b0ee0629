"""Tests for safecore.stats.tables: Fisher's exact test, McNemar's test, chi-square goodness of fit.

Reference values come from R 4.2 (``tests/reference/tables_reference.R`` prints them); the R
command is in the comment above each case and every number is ``sprintf("%.15g", ...)``.
"""

# ruff: noqa: E501 - the reference rows are pasted R output, one case per line

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from scipy.stats.contingency import odds_ratio

from safecore._errors import InputTypeError, InputValueError, InvalidTableError, SmallExpectedWarning
from safecore.stats import (
    chi_square,
    chi_square_gof,
    fisher_exact,
    fisher_exact_rxc,
    mcnemar,
    mcnemar_exact,
)
from safecore.stats.tables import _Conditional, _zeroin
from tests.strategies import count_tables, gof_samples, paired_tables, two_by_two_tables

inf, nan = math.inf, math.nan

# (table, alternative, conf.level, estimate, conf.int low, conf.int high, p.value)
FISHER_2X2 = [
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    (
        [[3, 1], [1, 3]],
        "two-sided",
        0.95,
        6.40830886700579,
        0.211732915305503,
        621.933750545417,
        0.485714285714286,
    ),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.9)
    (
        [[3, 1], [1, 3]],
        "two-sided",
        0.9,
        6.40830886700579,
        0.313569264110218,
        306.246862520856,
        0.485714285714286,
    ),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.99)
    (
        [[3, 1], [1, 3]],
        "two-sided",
        0.99,
        6.40830886700579,
        0.0965244669777983,
        2991.07350183909,
        0.485714285714286,
    ),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "less", conf.level = 0.95)
    ([[3, 1], [1, 3]], "less", 0.95, 6.40830886700579, 0, 306.246862520855, 0.985714285714286),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[3, 1], [1, 3]], "less", 0.9, 6.40830886700579, 0, 146.22361255221, 0.985714285714286),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "less", conf.level = 0.99)
    ([[3, 1], [1, 3]], "less", 0.99, 6.40830886700579, 0, 1584.47514278388, 0.985714285714286),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "greater", conf.level = 0.95)
    ([[3, 1], [1, 3]], "greater", 0.95, 6.40830886700579, 0.313569264110218, inf, 0.242857142857143),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "greater", conf.level = 0.9)
    ([[3, 1], [1, 3]], "greater", 0.9, 6.40830886700579, 0.490410454871305, inf, 0.242857142857143),
    # fisher.test(matrix(c(3, 1, 1, 3), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[3, 1], [1, 3]], "greater", 0.99, 6.40830886700579, 0.133120859229786, inf, 0.242857142857143),
    # fisher.test(matrix(c(2, 15, 10, 3), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    (
        [[2, 15], [10, 3]],
        "two-sided",
        0.95,
        0.0469366088276989,
        0.00332576403385931,
        0.363182271474897,
        0.000536724119143436,
    ),
    # fisher.test(matrix(c(2, 15, 10, 3), 2, byrow = TRUE), alternative = "less", conf.level = 0.95)
    ([[2, 15], [10, 3]], "less", 0.95, 0.0469366088276989, 0, 0.28496013793557, 0.000465180943362905),
    # fisher.test(matrix(c(2, 15, 10, 3), 2, byrow = TRUE), alternative = "greater", conf.level = 0.95)
    (
        [[2, 15], [10, 3]],
        "greater",
        0.95,
        0.0469366088276989,
        0.0050103197024677,
        inf,
        0.999984519018686,
    ),
    # fisher.test(matrix(c(0, 5, 3, 4), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[0, 5], [3, 4]], "two-sided", 0.95, 0, 0, 3.18195618844433, 0.204545454545455),
    # fisher.test(matrix(c(0, 5, 3, 4), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[0, 5], [3, 4]], "less", 0.9, 0, 0, 1.4093142185801, 0.159090909090909),
    # fisher.test(matrix(c(0, 5, 3, 4), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[0, 5], [3, 4]], "greater", 0.99, 0, 0, inf, 1),
    # fisher.test(matrix(c(5, 0, 0, 5), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[5, 0], [0, 5]], "two-sided", 0.95, inf, 2.29714678332202, inf, 0.00793650793650794),
    # fisher.test(matrix(c(5, 0, 0, 5), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[5, 0], [0, 5]], "less", 0.9, inf, 0, inf, 1),
    # fisher.test(matrix(c(5, 0, 0, 5), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[5, 0], [0, 5]], "greater", 0.99, inf, 1.47830211297497, inf, 0.00396825396825397),
    # fisher.test(matrix(c(0, 3, 4, 0), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[0, 3], [4, 0]], "two-sided", 0.95, 0, 0, 1.08009055055785, 0.0285714285714286),
    # fisher.test(matrix(c(0, 3, 4, 0), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[0, 3], [4, 0]], "less", 0.9, 0, 0, 0.436484928316512, 0.0285714285714285),
    # fisher.test(matrix(c(0, 3, 4, 0), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[0, 3], [4, 0]], "greater", 0.99, 0, 0, inf, 1),
    # fisher.test(matrix(c(3, 0, 2, 6), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[3, 0], [2, 6]], "two-sided", 0.95, inf, 0.608439757504853, inf, 0.0606060606060606),
    # fisher.test(matrix(c(3, 0, 2, 6), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[3, 0], [2, 6]], "less", 0.9, inf, 0, inf, 1),
    # fisher.test(matrix(c(3, 0, 2, 6), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[3, 0], [2, 6]], "greater", 0.99, inf, 0.388921510260658, inf, 0.0606060606060606),
    # fisher.test(matrix(c(0, 1, 1, 7), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[0, 1], [1, 7]], "two-sided", 0.95, 0, 0, 310.491206791995, 1),
    # fisher.test(matrix(c(0, 1, 1, 7), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[0, 1], [1, 7]], "less", 0.9, 0, 0, 72.0363135056382, 0.888888888888889),
    # fisher.test(matrix(c(0, 1, 1, 7), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[0, 1], [1, 7]], "greater", 0.99, 0, 0, inf, 1),
    # fisher.test(matrix(c(1, 0, 9, 12), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[1, 0], [9, 12]], "two-sided", 0.95, inf, 0.0307689326171875, inf, 0.454545454545455),
    # fisher.test(matrix(c(1, 0, 9, 12), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[1, 0], [9, 12]], "less", 0.9, inf, 0, inf, 1),
    # fisher.test(matrix(c(1, 0, 9, 12), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[1, 0], [9, 12]], "greater", 0.99, inf, 0.01212120407, inf, 0.454545454545455),
    # fisher.test(matrix(c(7, 2, 0, 1), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    ([[7, 2], [0, 1]], "two-sided", 0.95, inf, 0.0598289155505954, inf, 0.3),
    # fisher.test(matrix(c(7, 2, 0, 1), 2, byrow = TRUE), alternative = "less", conf.level = 0.9)
    ([[7, 2], [0, 1]], "less", 0.9, inf, 0, inf, 1),
    # fisher.test(matrix(c(7, 2, 0, 1), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[7, 2], [0, 1]], "greater", 0.99, inf, 0.0235690195238096, inf, 0.3),
    # fisher.test(matrix(c(120, 80, 95, 105), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    (
        [[120, 80], [95, 105]],
        "two-sided",
        0.95,
        1.65581356912038,
        1.09411706579773,
        2.51306760370521,
        0.015985745931812,
    ),
    # fisher.test(matrix(c(120, 80, 95, 105), 2, byrow = TRUE), alternative = "greater", conf.level = 0.95)
    (
        [[120, 80], [95, 105]],
        "greater",
        0.95,
        1.65581356912038,
        1.16543638994025,
        inf,
        0.00799287296590603,
    ),
    # fisher.test(matrix(c(1000, 2000, 1500, 1800), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    (
        [[1000, 2000], [1500, 1800]],
        "two-sided",
        0.95,
        0.600063948861405,
        0.540932870418137,
        0.665477918094913,
        7.90493961453159e-23,
    ),
    # fisher.test(matrix(c(1000, 2000, 1500, 1800), 2, byrow = TRUE), alternative = "greater", conf.level = 0.95)
    ([[1000, 2000], [1500, 1800]], "greater", 0.95, 0.600063948861405, 0.549934686895179, inf, 1),
    # fisher.test(matrix(c(512, 3, 400, 8), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    (
        [[512, 3], [400, 8]],
        "two-sided",
        0.95,
        3.40898750352095,
        0.811615204167707,
        20.0764746698048,
        0.0690108154110919,
    ),
    # fisher.test(matrix(c(512, 3, 400, 8), 2, byrow = TRUE), alternative = "greater", conf.level = 0.95)
    (
        [[512, 3], [400, 8]],
        "greater",
        0.95,
        3.40898750352095,
        0.979764940250955,
        inf,
        0.0536289453497182,
    ),
    # fisher.test(matrix(c(40, 960, 25, 975), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.95)
    (
        [[40, 960], [25, 975]],
        "two-sided",
        0.95,
        1.62459991979392,
        0.953259629684838,
        2.81771912732315,
        0.0767381699208955,
    ),
    # fisher.test(matrix(c(40, 960, 25, 975), 2, byrow = TRUE), alternative = "greater", conf.level = 0.95)
    (
        [[40, 960], [25, 975]],
        "greater",
        0.95,
        1.62459991979392,
        1.03204832707434,
        inf,
        0.0383690849604478,
    ),
    # fisher.test(matrix(c(2, 4, 4, 3), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.8)
    (
        [[2, 4], [4, 3]],
        "two-sided",
        0.8,
        0.405466947025353,
        0.0516953627668902,
        2.72446363175116,
        0.592074592074592,
    ),
    # fisher.test(matrix(c(36, 32, 37, 29), 2, byrow = TRUE), alternative = "less", conf.level = 0.99)
    ([[36, 32], [37, 29]], "less", 0.99, 0.882587414252264, 0, 2.08870304783299, 0.425114170834546),
    # fisher.test(matrix(c(2, 1, 0, 4), 2, byrow = TRUE), alternative = "less", conf.level = 0.99)
    ([[2, 1], [0, 4]], "less", 0.99, inf, 0, inf, 1),
    # fisher.test(matrix(c(2, 7, 1, 4), 2, byrow = TRUE), alternative = "greater", conf.level = 0.9)
    ([[2, 7], [1, 4]], "greater", 0.9, 1.13209997645272, 0.107551880470317, inf, 0.725274725274725),
    # fisher.test(matrix(c(37, 29, 28, 26), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.8)
    (
        [[37, 29], [28, 26]],
        "two-sided",
        0.8,
        1.18304779312073,
        0.693068264379177,
        2.02110341391056,
        0.713979114323865,
    ),
    # fisher.test(matrix(c(33, 26, 18, 28), 2, byrow = TRUE), alternative = "greater", conf.level = 0.8)
    ([[33, 26], [18, 28]], "greater", 0.8, 1.96140996325333, 1.30013769081971, inf, 0.0649846575744693),
    # fisher.test(matrix(c(1, 0, 0, 1), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.99)
    ([[1, 0], [0, 1]], "two-sided", 0.99, inf, 0.00505, inf, 1),
    # fisher.test(matrix(c(6, 6, 9, 3), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[6, 6], [9, 3]], "greater", 0.99, 0.349574903732841, 0.0270328932805988, inf, 0.955310270561314),
    # fisher.test(matrix(c(3, 0, 0, 2), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.8)
    ([[3, 0], [0, 2]], "two-sided", 0.8, inf, 1, inf, 0.1),
    # fisher.test(matrix(c(3, 5, 10, 10), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.9)
    (
        [[3, 5], [10, 10]],
        "two-sided",
        0.9,
        0.611009220430026,
        0.101005595201079,
        3.24200073421154,
        0.685990338164251,
    ),
    # fisher.test(matrix(c(26, 35, 30, 21), 2, byrow = TRUE), alternative = "greater", conf.level = 0.9)
    ([[26, 35], [30, 21]], "greater", 0.9, 0.523093224503794, 0.297523106792031, inf, 0.971358390422198),
    # fisher.test(matrix(c(4, 12, 7, 11), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.9)
    (
        [[4, 12], [7, 11]],
        "two-sided",
        0.9,
        0.533887862391071,
        0.115019594885722,
        2.25661404424758,
        0.476751946607342,
    ),
    # fisher.test(matrix(c(1, 1, 4, 4), 2, byrow = TRUE), alternative = "greater", conf.level = 0.99)
    ([[1, 1], [4, 4]], "greater", 0.99, 1, 0.00403451886739763, inf, 0.777777777777778),
    # fisher.test(matrix(c(16, 3, 7, 3), 2, byrow = TRUE), alternative = "greater", conf.level = 0.8)
    ([[16, 3], [7, 3]], "greater", 0.8, 2.21652986345857, 0.693749369356558, inf, 0.330908172287483),
    # fisher.test(matrix(c(32, 27, 18, 31), 2, byrow = TRUE), alternative = "greater", conf.level = 0.9)
    ([[32, 27], [18, 31]], "greater", 0.9, 2.02748908223089, 1.14117904616339, inf, 0.0520688064313283),
    # fisher.test(matrix(c(28, 25, 29, 24), 2, byrow = TRUE), alternative = "two.sided", conf.level = 0.9)
    ([[28, 25], [29, 24]], "two-sided", 0.9, 0.92756123600878, 0.455503131795455, 1.88640725170188, 1),
]


FISHER_RXC = [
    # fisher.test(matrix(c(2, 7, 1, 6, 1, 4), 2, byrow = TRUE))$p.value
    ([[2, 7, 1], [6, 1, 4]], 0.0177026276097482),
    # fisher.test(matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, byrow = TRUE))$p.value
    ([[1, 2, 1, 0], [3, 3, 6, 1], [10, 10, 14, 9], [6, 7, 12, 11]], 0.782684938966532),
    # fisher.test(matrix(c(3, 1, 0, 2, 4, 5, 1, 0, 3), 3, byrow = TRUE))$p.value
    ([[3, 1, 0], [2, 4, 5], [1, 0, 3]], 0.165447555540435),
    # fisher.test(matrix(c(76, 6, 4, 17, 15, 12), 2, byrow = TRUE))$p.value
    ([[76, 6, 4], [17, 15, 12]], 2.19069202458859e-08),
]


MCNEMAR_CHISQ = [
    # mcnemar.test(matrix(c(794, 150, 86, 570), 2, byrow = TRUE), correct = TRUE)
    ([[794, 150], [86, 570]], True, 16.8177966101695, 4.11456228134594e-05),
    # mcnemar.test(matrix(c(794, 150, 86, 570), 2, byrow = TRUE), correct = FALSE)
    ([[794, 150], [86, 570]], False, 17.3559322033898, 3.09929344104522e-05),
    # mcnemar.test(matrix(c(9, 8, 5, 6), 2, byrow = TRUE), correct = TRUE)
    ([[9, 8], [5, 6]], True, 0.307692307692308, 0.579099741953919),
    # mcnemar.test(matrix(c(9, 8, 5, 6), 2, byrow = TRUE), correct = FALSE)
    ([[9, 8], [5, 6]], False, 0.692307692307692, 0.405380556458942),
    # mcnemar.test(matrix(c(44, 40, 39, 53), 2, byrow = TRUE), correct = TRUE)
    ([[44, 40], [39, 53]], True, 0, 1),
    # mcnemar.test(matrix(c(44, 40, 39, 53), 2, byrow = TRUE), correct = FALSE)
    ([[44, 40], [39, 53]], False, 0.0126582278481013, 0.910420000509801),
    # mcnemar.test(matrix(c(36, 42, 54, 51), 2, byrow = TRUE), correct = TRUE)
    ([[36, 42], [54, 51]], True, 1.26041666666667, 0.261572236013949),
    # mcnemar.test(matrix(c(36, 42, 54, 51), 2, byrow = TRUE), correct = FALSE)
    ([[36, 42], [54, 51]], False, 1.5, 0.220671361919847),
    # mcnemar.test(matrix(c(2, 1, 1, 2), 2, byrow = TRUE), correct = TRUE)
    ([[2, 1], [1, 2]], True, 0, 1),
    # mcnemar.test(matrix(c(2, 1, 1, 2), 2, byrow = TRUE), correct = FALSE)
    ([[2, 1], [1, 2]], False, 0, 1),
    # mcnemar.test(matrix(c(39, 45, 46, 44), 2, byrow = TRUE), correct = TRUE)
    ([[39, 45], [46, 44]], True, 0, 1),
    # mcnemar.test(matrix(c(39, 45, 46, 44), 2, byrow = TRUE), correct = FALSE)
    ([[39, 45], [46, 44]], False, 0.010989010989011, 0.916511907863894),
    # mcnemar.test(matrix(c(37, 41, 48, 44), 2, byrow = TRUE), correct = TRUE)
    ([[37, 41], [48, 44]], True, 0.404494382022472, 0.524777251099604),
    # mcnemar.test(matrix(c(37, 41, 48, 44), 2, byrow = TRUE), correct = FALSE)
    ([[37, 41], [48, 44]], False, 0.550561797752809, 0.45808823471581),
    # mcnemar.test(matrix(c(9, 7, 7, 11), 2, byrow = TRUE), correct = TRUE)
    ([[9, 7], [7, 11]], True, 0, 1),
    # mcnemar.test(matrix(c(9, 7, 7, 11), 2, byrow = TRUE), correct = FALSE)
    ([[9, 7], [7, 11]], False, 0, 1),
    # mcnemar.test(matrix(c(9, 8, 8, 13), 2, byrow = TRUE), correct = TRUE)
    ([[9, 8], [8, 13]], True, 0, 1),
    # mcnemar.test(matrix(c(9, 8, 8, 13), 2, byrow = TRUE), correct = FALSE)
    ([[9, 8], [8, 13]], False, 0, 1),
    # mcnemar.test(matrix(c(10, 14, 9, 13), 2, byrow = TRUE), correct = TRUE)
    ([[10, 14], [9, 13]], True, 0.695652173913043, 0.404248494739471),
    # mcnemar.test(matrix(c(10, 14, 9, 13), 2, byrow = TRUE), correct = FALSE)
    ([[10, 14], [9, 13]], False, 1.08695652173913, 0.29714653034847),
    # mcnemar.test(matrix(c(195, 197, 210, 219), 2, byrow = TRUE), correct = TRUE)
    ([[195, 197], [210, 219]], True, 0.353808353808354, 0.551965190044082),
    # mcnemar.test(matrix(c(195, 197, 210, 219), 2, byrow = TRUE), correct = FALSE)
    ([[195, 197], [210, 219]], False, 0.415233415233415, 0.519325111231116),
    # mcnemar.test(matrix(c(10, 7, 8, 9), 2, byrow = TRUE), correct = TRUE)
    ([[10, 7], [8, 9]], True, 0, 1),
    # mcnemar.test(matrix(c(10, 7, 8, 9), 2, byrow = TRUE), correct = FALSE)
    ([[10, 7], [8, 9]], False, 0.0666666666666667, 0.796253414737639),
    # mcnemar.test(matrix(c(194, 206, 210, 177), 2, byrow = TRUE), correct = TRUE)
    ([[194, 206], [210, 177]], True, 0.0216346153846154, 0.883063270771954),
    # mcnemar.test(matrix(c(194, 206, 210, 177), 2, byrow = TRUE), correct = FALSE)
    ([[194, 206], [210, 177]], False, 0.0384615384615385, 0.84451926747294),
    # mcnemar.test(matrix(c(10, 9, 7, 7), 2, byrow = TRUE), correct = TRUE)
    ([[10, 9], [7, 7]], True, 0.0625, 0.802587348634152),
    # mcnemar.test(matrix(c(10, 9, 7, 7), 2, byrow = TRUE), correct = FALSE)
    ([[10, 9], [7, 7]], False, 0.25, 0.617075077451974),
    # mcnemar.test(matrix(c(1, 1, 3, 5), 2, byrow = TRUE), correct = TRUE)
    ([[1, 1], [3, 5]], True, 0.25, 0.617075077451974),
    # mcnemar.test(matrix(c(1, 1, 3, 5), 2, byrow = TRUE), correct = FALSE)
    ([[1, 1], [3, 5]], False, 1, 0.317310507862914),
    # mcnemar.test(matrix(c(12, 13, 13, 12), 2, byrow = TRUE), correct = TRUE)
    ([[12, 13], [13, 12]], True, 0, 1),
    # mcnemar.test(matrix(c(12, 13, 13, 12), 2, byrow = TRUE), correct = FALSE)
    ([[12, 13], [13, 12]], False, 0, 1),
    # mcnemar.test(matrix(c(200, 208, 202, 220), 2, byrow = TRUE), correct = TRUE)
    ([[200, 208], [202, 220]], True, 0.0609756097560976, 0.804960541675603),
    # mcnemar.test(matrix(c(200, 208, 202, 220), 2, byrow = TRUE), correct = FALSE)
    ([[200, 208], [202, 220]], False, 0.0878048780487805, 0.76698656965956),
    # mcnemar.test(matrix(c(1, 1, 5, 2), 2, byrow = TRUE), correct = TRUE)
    ([[1, 1], [5, 2]], True, 1.5, 0.220671361919847),
    # mcnemar.test(matrix(c(1, 1, 5, 2), 2, byrow = TRUE), correct = FALSE)
    ([[1, 1], [5, 2]], False, 2.66666666666667, 0.102470434859749),
    # mcnemar.test(matrix(c(45, 45, 44, 46), 2, byrow = TRUE), correct = TRUE)
    ([[45, 45], [44, 46]], True, 0, 1),
    # mcnemar.test(matrix(c(45, 45, 44, 46), 2, byrow = TRUE), correct = FALSE)
    ([[45, 45], [44, 46]], False, 0.0112359550561798, 0.915582520390592),
    # mcnemar.test(matrix(c(3, 2, 3, 4), 2, byrow = TRUE), correct = TRUE)
    ([[3, 2], [3, 4]], True, 0, 1),
    # mcnemar.test(matrix(c(3, 2, 3, 4), 2, byrow = TRUE), correct = FALSE)
    ([[3, 2], [3, 4]], False, 0.2, 0.654720846018577),
    # mcnemar.test(matrix(c(197, 208, 195, 199), 2, byrow = TRUE), correct = TRUE)
    ([[197, 208], [195, 199]], True, 0.357320099255583, 0.549998363926757),
    # mcnemar.test(matrix(c(197, 208, 195, 199), 2, byrow = TRUE), correct = FALSE)
    ([[197, 208], [195, 199]], False, 0.419354838709677, 0.517259142848432),
    # mcnemar.test(matrix(c(5, 4, 4, 9), 2, byrow = TRUE), correct = TRUE)
    ([[5, 4], [4, 9]], True, 0, 1),
]


MCNEMAR_EXACT = [
    # binom.test(10, 12); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (10, 2, 0.03857421875, 1.06552784349944, 46.9328354523946),
    # binom.test(2, 12); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (2, 10, 0.03857421875, 0.021307044212454, 0.938501988569128),
    # binom.test(0, 5); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (0, 5, 0.0625, 0, 1.09127910518255),
    # binom.test(5, 5); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (5, 0, 0.0625, 0.91635585731546, inf),
    # binom.test(1, 2); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (1, 1, 1, 0.0127393670836666, 78.4968353162628),
    # binom.test(3, 3); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (3, 0, 0.25, 0.413231355030894, inf),
    # binom.test(150, 236); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (150, 86, 3.71593613957143e-05, 1.32922825260526, 2.30097908042199),
    # binom.test(86, 236); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (86, 150, 3.71593613957143e-05, 0.434597606083669, 0.752316239171127),
    # binom.test(0, 1); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (0, 1, 1, 0, 39),
    # binom.test(25, 50); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (25, 25, 1, 0.551044078421348, 1.81473685891851),
    # binom.test(40, 52); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (40, 12, 0.000127538783855741, 1.71442040336059, 6.97982014467265),
    # binom.test(7, 37); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (7, 30, 0.00019107642583549, 0.0865090699676404, 0.542144602959842),
    # binom.test(0, 60); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (0, 60, 1.73472347597681e-18, 0, 0.0634106363364523),
    # binom.test(1, 4); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (1, 3, 0.625, 0.00634952530602737, 4.15144077623843),
    # binom.test(2, 11); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (2, 9, 0.0654296875, 0.0233646410530492, 1.07363843582995),
    # binom.test(20, 35); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (20, 15, 0.499559833202511, 0.6488887392318, 2.79899898027343),
    # binom.test(1, 1); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (1, 0, 1, 0.0256410256410257, inf),
    # binom.test(77, 83); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (77, 6, 8.44581456888296e-17, 5.63438809622382, 36.0508920453465),
    # binom.test(19, 102); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (19, 83, 1.01582595788977e-10, 0.131268629489945, 0.380273759657388),
    # binom.test(17, 36); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (17, 19, 0.86793940042844, 0.436886049167595, 1.81798257281198),
    # binom.test(89, 169); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (89, 80, 0.538426965719619, 0.813247414483644, 1.52398361774085),
    # binom.test(82, 83); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (82, 1, 1.73707928636137e-23, 14.3119721962424, 3277.82491245149),
    # binom.test(2, 6); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (2, 4, 0.6875, 0.045229012149485, 3.48877165297535),
    # binom.test(70, 156); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (70, 86, 0.229657846654327, 0.585077210042568, 1.12904271783211),
    # binom.test(6, 13); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (6, 7, 1, 0.237979898858476, 2.97858752410188),
    # binom.test(2, 74); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (2, 72, 2.93920432697242e-19, 0.00330088269717011, 0.10405051118409),
    # binom.test(5, 78); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (5, 73, 1.49664587408412e-16, 0.0215962592948888, 0.1672528557492),
    # binom.test(1, 3); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (1, 2, 1, 0.00847498034911153, 9.60452988472286),
    # binom.test(83, 101); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (83, 18, 3.72880324002749e-11, 2.74591124482325, 8.15912762673968),
    # binom.test(19, 105); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (19, 86, 2.3037546341101e-11, 0.126893947758447, 0.366245326969772),
    # binom.test(16, 93); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (16, 77, 9.62977695727286e-11, 0.113160944583954, 0.35924774508316),
    # binom.test(7, 8); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (7, 1, 0.0703125, 0.899300345875357, 315.483385368777),
    # binom.test(0, 8); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (0, 8, 0.0078125, 0, 0.585833175137243),
    # binom.test(17, 18); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (17, 1, 0.00014495849609375, 2.66376057616555, 710.462140905826),
    # binom.test(1, 72); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (1, 71, 3.0916702574782e-20, 0.000351698053267497, 0.0810475520744413),
    # binom.test(3, 5); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (3, 2, 1, 0.171828492555022, 17.9591608300221),
    # binom.test(84, 99); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (84, 15, 8.22285137315696e-13, 3.20945788298252, 10.4475632750289),
    # binom.test(86, 106); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (86, 20, 6.19338206080313e-11, 2.61994762732368, 7.38735372195077),
    # binom.test(16, 106); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (16, 90, 1.09948098753353e-13, 0.0974654712632573, 0.304664963355963),
    # binom.test(3, 89); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (3, 86, 3.79889158663514e-22, 0.00705548798347255, 0.105414010703883),
    # binom.test(1, 3); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (1, 2, 1, 0.00847498034911153, 9.60452988472286),
    # binom.test(2, 84); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)
    (2, 82, 3.69232745928359e-22, 0.00290497742055962, 0.0909580450531832),
]


GOF = [
    # chisq.test(c(89, 37, 30, 28, 2), p = c(0.4, 0.2, 0.2, 0.19, 0.01))
    (
        [89, 37, 30, 28, 2],
        [0.4, 0.2, 0.2, 0.19, 0.01],
        False,
        5.79470854555744,
        0.215013095920786,
        [74.4, 37.2, 37.2, 35.34, 1.86],
        [1.69264696952461, -0.0327912917891981, -1.18048650441112, -1.23470380731332, 0.102652980514947],
        [2.18519784132576, -0.0366617787553388, -1.31982403519218, -1.37189311923702, 0.103170127266589],
    ),
    # chisq.test(c(89, 37, 30, 28, 2), p = c(0.4, 0.2, 0.2, 0.15, 0.05))
    (
        [89, 37, 30, 28, 2],
        [0.4, 0.2, 0.2, 0.15, 0.05],
        False,
        9.99014336917563,
        0.0405940433447812,
        [74.4, 37.2, 37.2, 27.9, 9.3],
        [
            1.69264696952461,
            -0.0327912917891981,
            -1.18048650441112,
            0.0189320611415691,
            -2.39376430061143,
        ],
        [
            2.18519784132576,
            -0.0366617787553388,
            -1.31982403519218,
            0.0205347034544569,
            -2.45595035242158,
        ],
    ),
    # chisq.test(c(20, 15, 25))
    (
        [20, 15, 25],
        None,
        False,
        2.5,
        0.28650479686019,
        [20, 20, 20],
        [0, -1.11803398874989, 1.11803398874989],
        [0, -1.36930639376292, 1.36930639376292],
    ),
    # chisq.test(c(20, 15, 25), p = c(1, 1, 2), rescale.p = TRUE)
    (
        [20, 15, 25],
        [1, 1, 2],
        True,
        2.5,
        0.28650479686019,
        [15, 15, 30],
        [1.29099444873581, 0, -0.912870929175277],
        [1.49071198499986, 0, -1.29099444873581],
    ),
    # chisq.test(c(0, 5, 10), p = c(3, 3, 4), rescale.p = TRUE)
    (
        [0, 5, 10],
        [3, 3, 4],
        True,
        7.22222222222222,
        0.0270218059512091,
        [4.5, 4.5, 6],
        [-2.12132034355964, 0.235702260395516, 1.63299316185545],
        [-2.53546276418555, 0.281718084909506, 2.10818510677892],
    ),
    # chisq.test(c(0, 0, 7))
    (
        [0, 0, 7],
        None,
        False,
        14,
        0.000911881965554515,
        [2.33333333333333, 2.33333333333333, 2.33333333333333],
        [-1.52752523165195, -1.52752523165195, 3.05505046330389],
        [-1.87082869338697, -1.87082869338697, 3.74165738677394],
    ),
    # chisq.test(c(12, 0))
    (
        [12, 0],
        None,
        False,
        12,
        0.00053200550513925,
        [6, 6],
        [2.44948974278318, -2.44948974278318],
        [3.46410161513775, -3.46410161513775],
    ),
    # chisq.test(c(448, 436))
    (
        [448, 436],
        None,
        False,
        0.16289592760181,
        0.686504181787592,
        [442, 442],
        [0.285390896492696, -0.285390896492696],
        [0.403603676397787, -0.403603676397787],
    ),
    # chisq.test(c(448, 436), p = c(1.02481759414077, 1.20341635691002), rescale.p = TRUE)
    (
        [448, 436],
        [1.02481759414077, 1.20341635691002],
        True,
        7.81597729122794,
        0.00517863359500752,
        [406.572547192909, 477.427452807091],
        [2.05456178496118, -1.89598342899011],
        [2.79570693943909, -2.79570693943911],
    ),
    # chisq.test(c(400, 407, 407))
    (
        [400, 407, 407],
        None,
        False,
        0.0807248764415157,
        0.960441275435204,
        [404.666666666667, 404.666666666667, 404.666666666667],
        [-0.231984017325209, 0.115992008662607, 0.115992008662607],
        [-0.284121235463867, 0.142060617731937, 0.142060617731937],
    ),
    # chisq.test(c(400, 407, 407), p = c(0.487237996701151, 0.473814581055194, 0.71208151653409), rescale.p = TRUE)
    (
        [400, 407, 407],
        [0.487237996701151, 0.473814581055194, 0.71208151653409],
        True,
        41.0094692611818,
        1.24424784446192e-09,
        [353.532290097795, 343.792469093727, 516.675240808478],
        [2.47136405723692, 3.40895011614561, -4.82502726038],
        [2.93547766773349, 4.02641532915416, -6.36636555341616],
    ),
    # chisq.test(c(10, 8, 12, 7, 8, 4, 12))
    (
        [10, 8, 12, 7, 8, 4, 12],
        None,
        False,
        5.67213114754098,
        0.460901147687045,
        [
            8.71428571428571,
            8.71428571428571,
            8.71428571428571,
            8.71428571428571,
            8.71428571428571,
            8.71428571428571,
            8.71428571428571,
        ],
        [
            0.435540526646245,
            -0.241966959247913,
            1.1130480125404,
            -0.580720702194992,
            -0.241966959247913,
            -1.59698193103623,
            1.1130480125404,
        ],
        [
            0.470437536140385,
            -0.261354186744658,
            1.20222925902543,
            -0.62725004818718,
            -0.261354186744658,
            -1.72493763251474,
            1.20222925902543,
        ],
    ),
    # chisq.test(c(10, 8, 12, 7, 8, 4, 12), p = c(2.936837095581, 2.61947677331045, 1.55030424045399, 2.36756071439013, 2.80498091736808, 1.53366830982268, 2.76731062484905), rescale.p = TRUE)
    (
        [10, 8, 12, 7, 8, 4, 12],
        [
            2.936837095581,
            2.61947677331045,
            1.55030424045399,
            2.36756071439013,
            2.80498091736808,
            1.53366830982268,
            2.76731062484905,
        ],
        True,
        8.94892437182691,
        0.176470970426901,
        [
            10.8049194481217,
            9.63731886063161,
            5.70372543420664,
            8.71049430900154,
            10.3198072890335,
            5.64252016998334,
            10.1812144890216,
        ],
        [
            -0.244873424054319,
            -0.527418246396872,
            2.63635780839561,
            -0.579562440989486,
            -0.722131209485095,
            -0.691471287476797,
            0.570008973065404,
        ],
        [
            -0.269945438825905,
            -0.574772822743552,
            2.7689896583554,
            -0.62597628773279,
            -0.792249372150632,
            -0.725856739439055,
            0.624502913655442,
        ],
    ),
    # chisq.test(c(6, 12))
    ([6, 12], None, False, 2, 0.157299207050284, [9, 9], [-1, 1], [-1.4142135623731, 1.4142135623731]),
    # chisq.test(c(6, 12), p = c(1.01920836521313, 2.59318123199046), rescale.p = TRUE)
    (
        [6, 12],
        [1.01920836521313, 2.59318123199046],
        True,
        0.232890339215223,
        0.629388918244809,
        [5.07856367099442, 12.9214363290056],
        [0.408879069992993, -0.256336195916396],
        [0.482587131215932, -0.482587131215932],
    ),
    # chisq.test(c(428, 427, 409, 397, 428))
    (
        [428, 427, 409, 397, 428],
        None,
        False,
        1.92149353757779,
        0.750195557109873,
        [417.8, 417.8, 417.8, 417.8, 417.8],
        [0.499017704314909, 0.45009439997031, -0.430525078232471, -1.01760473036766, 0.499017704314909],
        [0.557918754412013, 0.503220837312796, -0.481341670473111, -1.13771667566372, 0.557918754412013],
    ),
    # chisq.test(c(428, 427, 409, 397, 428), p = c(2.55575251840055, 0.440464643202722, 1.9762900788337, 1.38083320427686, 1.35062468433753), rescale.p = TRUE)
    (
        [428, 427, 409, 397, 428],
        [2.55575251840055, 0.440464643202722, 1.9762900788337, 1.38083320427686, 1.35062468433753],
        True,
        935.18682757458,
        3.95873834756537e-201,
        [693.015469502284, 119.435981892066, 535.888974771614, 374.425443964796, 366.23412986924],
        [-10.0669928653991, 28.1428407959293, -5.48133666515518, 1.16663913630271, 3.22752159503736],
        [-12.3148372862227, 28.9835850302213, -6.35703270899987, 1.28773818512511, 3.5540640243503],
    ),
    # chisq.test(c(10, 11, 10, 4))
    (
        [10, 11, 10, 4],
        None,
        False,
        3.51428571428571,
        0.318914032662718,
        [8.75, 8.75, 8.75, 8.75],
        [0.422577127364258, 0.760638829255665, 0.422577127364258, -1.60579308398418],
        [0.487950036474267, 0.87831006565368, 0.487950036474267, -1.85421013860221],
    ),
    # chisq.test(c(10, 11, 10, 4), p = c(0.596628268714994, 0.368789486214519, 1.08654382880777, 0.434750967938453), rescale.p = TRUE)
    (
        [10, 11, 10, 4],
        [0.596628268714994, 0.368789486214519, 1.08654382880777, 0.434750967938453],
        True,
        9.37337006363516,
        0.0247173578339682,
        [8.3974279178158, 5.19064095639442, 15.2928950242541, 6.11903610153572],
        [0.55302457475608, 2.54986814837491, -1.35346935459887, -0.8566370383166],
        [0.634332025761743, 2.76296527782425, -1.80372794597792, -0.943028956565658],
    ),
    # chisq.test(c(57, 49, 44, 48, 38, 40))
    (
        [57, 49, 44, 48, 38, 40],
        None,
        False,
        5.17391304347826,
        0.395026601923479,
        [46, 46, 46, 46, 46, 46],
        [
            1.62186151770387,
            0.442325868464691,
            -0.294883912309794,
            0.294883912309794,
            -1.17953564923918,
            -0.884651736929383,
        ],
        [
            1.77666027679195,
            0.484543711852349,
            -0.323029141234899,
            0.323029141234899,
            -1.2921165649396,
            -0.969087423704698,
        ],
    ),
    # chisq.test(c(57, 49, 44, 48, 38, 40), p = c(1.16675609368831, 1.85224754884839, 0.59132882123813, 0.641707919631153, 1.51415976267308, 2.74537976002321), rescale.p = TRUE)
    (
        [57, 49, 44, 48, 38, 40],
        [
            1.16675609368831,
            1.85224754884839,
            0.59132882123813,
            0.641707919631153,
            1.51415976267308,
            2.74537976002321,
        ],
        True,
        108.925991547531,
        6.90944055060936e-22,
        [
            37.8337142352505,
            60.0617428399683,
            19.1746722068267,
            20.8082856264112,
            49.0987688664188,
            89.0228162251245,
        ],
        [
            3.11600732179327,
            -1.42733065340801,
            5.66932060526907,
            5.96099063309833,
            -1.58394284333895,
            -5.19574217410029,
        ],
        [
            3.35438470073344,
            -1.61366856163095,
            5.87714807505093,
            6.19925777920407,
            -1.74693047404787,
            -6.3125935330403,
        ],
    ),
    # chisq.test(c(52, 45, 47, 49))
    (
        [52, 45, 47, 49],
        None,
        False,
        0.55440414507772,
        0.906786419636413,
        [48.25, 48.25, 48.25, 48.25],
        [0.539861813061521, -0.467880237986651, -0.179953937687174, 0.107972362612304],
        [0.623378726192537, -0.540261562700199, -0.207792908730846, 0.124675745238507],
    ),
    # chisq.test(c(52, 45, 47, 49), p = c(1.11919231666252, 1.85220677349716, 1.88390559190884, 2.86577950529754), rescale.p = TRUE)
    (
        [52, 45, 47, 49],
        [1.11919231666252, 1.85220677349716, 1.88390559190884, 2.86577950529754],
        True,
        27.819006151939,
        3.964019464144e-06,
        [27.9758790183005, 46.2986672091838, 47.0910263915204, 71.6344273809953],
        [4.54208895693235, -0.190859433433861, -0.0132647249317144, -2.67429070652276],
        [4.91202508573241, -0.218914866286415, -0.0152558321500723, -3.37240337273001],
    ),
    # chisq.test(c(40, 68, 54))
    (
        [40, 68, 54],
        None,
        False,
        7.25925925925926,
        0.0265260070368274,
        [54, 54, 54],
        [-1.90515868883136, 1.90515868883136, 0],
        [-2.33333333333333, 2.33333333333333, 0],
    ),
    # chisq.test(c(40, 68, 54), p = c(1.83541517537087, 2.03559934617952, 1.79897672403604), rescale.p = TRUE)
    (
        [40, 68, 54],
        [1.83541517537087, 2.03559934617952, 1.79897672403604],
        True,
        4.74764190365535,
        0.0931242224518438,
        [52.440514549565, 58.1600711178832, 51.3994143325518],
        [-1.71792765636474, 1.29026671859153, 0.362737185917786],
        [-2.08899493326762, 1.6115909184068, 0.439006422016006],
    ),
    # chisq.test(c(53, 44, 48, 62, 45, 59, 45))
    (
        [53, 44, 48, 62, 45, 59, 45],
        None,
        False,
        6.26966292134831,
        0.393670194641477,
        [
            50.8571428571429,
            50.8571428571429,
            50.8571428571429,
            50.8571428571429,
            50.8571428571429,
            50.8571428571429,
            50.8571428571429,
        ],
        [
            0.300481155080627,
            -0.961539696258004,
            -0.400641540107502,
            1.56250200641926,
            -0.821315157220379,
            1.14182838930638,
            -0.821315157220379,
        ],
        [
            0.324556741805937,
            -1.038581573779,
            -0.432742322407915,
            1.68769505739087,
            -0.887121760936226,
            1.23331561886256,
            -0.887121760936226,
        ],
    ),
    # chisq.test(c(53, 44, 48, 62, 45, 59, 45), p = c(1.47967997742817, 1.64088733708486, 2.36258833482862, 1.91787827406079, 1.73608657233417, 0.576234488468617, 2.78785543804988), rescale.p = TRUE)
    (
        [53, 44, 48, 62, 45, 59, 45],
        [
            1.47967997742817,
            1.64088733708486,
            2.36258833482862,
            1.91787827406079,
            1.73608657233417,
            0.576234488468617,
            2.78785543804988,
        ],
        True,
        135.320659381281,
        9.72671204707732e-27,
        [
            42.1372054522545,
            46.7279465164649,
            67.2800007990957,
            54.6158845826767,
            49.4389582188534,
            16.4095692309627,
            79.390435199692,
        ],
        [
            1.67343443252248,
            -0.399068550256343,
            -2.35052055609687,
            0.99916908977608,
            -0.631315426936405,
            10.5138903251548,
            -3.85970027090904,
        ],
        [
            1.78223012851482,
            -0.428156127073886,
            -2.61006076716156,
            1.08593494753251,
            -0.680319499983664,
            10.7649178374334,
            -4.37869789786313,
        ],
    ),
    # chisq.test(c(423, 407, 401))
    (
        [423, 407, 401],
        None,
        False,
        0.63038180341186,
        0.72964956962516,
        [410.333333333333, 410.333333333333, 410.333333333333],
        [0.625307939302533, -0.164554720869086, -0.460753218433444],
        [0.76584269170122, -0.201537550447688, -0.564305141253529],
    ),
    # chisq.test(c(423, 407, 401), p = c(2.77146598165855, 0.207341024186462, 1.58602854944766), rescale.p = TRUE)
    (
        [423, 407, 401],
        [2.77146598165855, 0.207341024186462, 1.58602854944766],
        True,
        2346.95447583069,
        0,
        [747.381714433509, 55.9136901388709, 427.70459542762],
        [-11.8654750583527, 46.9520779350672, -1.29126103080243],
        [-18.9305312003354, 48.0561484522481, -1.59847345949861],
    ),
    # chisq.test(c(42, 50, 63, 58, 43, 53, 51))
    (
        [42, 50, 63, 58, 43, 53, 51],
        None,
        False,
        6.64444444444444,
        0.354983147401581,
        [
            51.4285714285714,
            51.4285714285714,
            51.4285714285714,
            51.4285714285714,
            51.4285714285714,
            51.4285714285714,
            51.4285714285714,
        ],
        [
            -1.31475147026783,
            -0.199204768222398,
            1.61355862260143,
            0.916341933823036,
            -1.17530813251215,
            0.21912524504464,
            -0.059761430466719,
        ],
        [
            -1.42009389360939,
            -0.215165741455967,
            1.74284250579334,
            0.989762410697452,
            -1.26947787459021,
            0.236682315601565,
            -0.0645497224367895,
        ],
    ),
    # chisq.test(c(42, 50, 63, 58, 43, 53, 51), p = c(2.27451365506277, 2.32726514274254, 2.79855108140036, 2.27991824774072, 2.40798383010551, 0.37813850576058, 1.78093522703275), rescale.p = TRUE)
    (
        [42, 50, 63, 58, 43, 53, 51],
        [
            2.27451365506277,
            2.32726514274254,
            2.79855108140036,
            2.27991824774072,
            2.40798383010551,
            0.37813850576058,
            1.78093522703275,
        ],
        True,
        209.905049064859,
        1.47546543953139e-42,
        [
            57.4722641352612,
            58.8051853189666,
            70.7136079786799,
            57.6088270339887,
            60.844779897988,
            9.55477934125015,
            45.0005562938655,
        ],
        [
            -2.04091405995201,
            -1.14823475841585,
            -0.917288745565537,
            0.0515376149757706,
            -2.28770242964448,
            14.0550267468647,
            0.894338735677619,
        ],
        [
            -2.22634963843185,
            -1.25533082821988,
            -1.02327723627802,
            0.0562329687631595,
            -2.50958835845474,
            14.2453412086266,
            0.956089168983327,
        ],
    ),
    # chisq.test(c(41, 51, 41, 61, 48, 45, 51))
    (
        [41, 51, 41, 61, 48, 45, 51],
        None,
        False,
        6.07692307692308,
        0.414628554955852,
        [
            48.2857142857143,
            48.2857142857143,
            48.2857142857143,
            48.2857142857143,
            48.2857142857143,
            48.2857142857143,
            48.2857142857143,
        ],
        [
            -1.04848641057951,
            0.390612584333543,
            -1.04848641057951,
            1.8297115792466,
            -0.0411171141403728,
            -0.472846812614289,
            0.390612584333543,
        ],
        [
            -1.13249475879503,
            0.421909812100111,
            -1.13249475879503,
            1.97631438299526,
            -0.0444115591684326,
            -0.510732930436976,
            0.421909812100111,
        ],
    ),
    # chisq.test(c(41, 51, 41, 61, 48, 45, 51), p = c(2.83825877765194, 2.94185128118843, 0.685085705202073, 1.32232128977776, 0.673469604551792, 0.203796219360083, 1.12754916120321), rescale.p = TRUE)
    (
        [41, 51, 41, 61, 48, 45, 51],
        [
            2.83825877765194,
            2.94185128118843,
            0.685085705202073,
            1.32232128977776,
            0.673469604551792,
            0.203796219360083,
            1.12754916120321,
        ],
        True,
        311.201462472207,
        3.25114491827825e-64,
        [
            97.9676202800271,
            101.543302360262,
            23.6469686115217,
            45.6423040158142,
            23.2460179488824,
            7.03439404115609,
            38.9193927423362,
        ],
        [
            -5.75554956890613,
            -5.01577414534072,
            3.5685157253052,
            2.27322428233412,
            5.13417641447871,
            14.3145265962215,
            1.93644754809833,
        ],
        [
            -6.82983533796053,
            -5.99681308705293,
            3.70030172932393,
            2.44423732246778,
            5.32039064109844,
            14.4658483479816,
            2.05859048524217,
        ],
    ),
    # chisq.test(c(3, 3))
    ([3, 3], None, False, 0, 1, [3, 3], [0, 0], [0, 0]),
    # chisq.test(c(3, 3), p = c(0.529356721229851, 2.33232699520886), rescale.p = TRUE)
    (
        [3, 3],
        [0.529356721229851, 2.33232699520886],
        True,
        3.94939453888954,
        0.0468882352192389,
        [1.1098851732405, 4.8901148267595],
        [1.79411040125493, -0.854729434966657],
        [1.9873083653247, -1.9873083653247],
    ),
    # chisq.test(c(1, 2))
    (
        [1, 2],
        None,
        False,
        0.333333333333333,
        0.563702861650773,
        [1.5, 1.5],
        [-0.408248290463863, 0.408248290463863],
        [-0.577350269189626, 0.577350269189626],
    ),
    # chisq.test(c(1, 2), p = c(0.294624242559075, 2.37276429031044), rescale.p = TRUE)
    (
        [1, 2],
        [0.294624242559075, 2.37276429031044],
        True,
        1.5167345970941,
        0.218114315616427,
        [0.331362573088059, 2.66863742691194],
        [1.16155279869916, -0.409303912671576],
        [1.2315577928356, -1.2315577928356],
    ),
    # chisq.test(c(9, 12, 11, 12))
    (
        [9, 12, 11, 12],
        None,
        False,
        0.545454545454545,
        0.908797592157206,
        [11, 11, 11, 11],
        [-0.603022689155527, 0.301511344577764, 0, 0.301511344577764],
        [-0.696310623822791, 0.348155311911396, 0, 0.348155311911396],
    ),
    # chisq.test(c(9, 12, 11, 12), p = c(0.35440892810002, 1.66978019252419, 2.06102547599003, 2.77846299633384), rescale.p = TRUE)
    (
        [9, 12, 11, 12],
        [0.35440892810002, 1.66978019252419, 2.06102547599003, 2.77846299633384],
        True,
        22.347473778926,
        5.52246387490401e-05,
        [2.27195881875666, 10.7042219679068, 13.2123223615185, 17.8114968518181],
        [4.46363231936302, 0.396052774244434, -0.60863767011477, -1.37701223051739],
        [4.58353711683688, 0.455286543226762, -0.727606719838174, -1.78487907351555],
    ),
    # chisq.test(c(15, 9, 15, 7, 12, 8, 10))
    (
        [15, 9, 15, 7, 12, 8, 10],
        None,
        False,
        5.78947368421053,
        0.447181943030916,
        [
            10.8571428571429,
            10.8571428571429,
            10.8571428571429,
            10.8571428571429,
            10.8571428571429,
            10.8571428571429,
            10.8571428571429,
        ],
        [
            1.25730945580997,
            -0.563621480190678,
            1.25730945580997,
            -1.17059845885756,
            0.346843987809648,
            -0.86710996952412,
            -0.260132990857236,
        ],
        [
            1.35804942679346,
            -0.608780777528101,
            1.35804942679346,
            -1.26439084563529,
            0.374634324632678,
            -0.936585811581694,
            -0.280975743474508,
        ],
    ),
    # chisq.test(c(15, 9, 15, 7, 12, 8, 10), p = c(2.51830247770995, 2.08492596903816, 2.04765550782904, 2.33568814797327, 0.29122005160898, 1.80120587479323, 1.72359856003895), rescale.p = TRUE)
    (
        [15, 9, 15, 7, 12, 8, 10],
        [
            2.51830247770995,
            2.08492596903816,
            2.04765550782904,
            2.33568814797327,
            0.29122005160898,
            1.80120587479323,
            1.72359856003895,
        ],
        True,
        66.6947329626945,
        1.94333473948617e-12,
        [
            14.9493883506823,
            12.3767372146326,
            12.1554887333418,
            13.8653356771863,
            1.72876836104587,
            10.692490818776,
            10.2317908443351,
        ],
        [
            0.0130899738271282,
            -0.95982968892027,
            0.815870904639975,
            -1.84372685965722,
            7.81185405104681,
            -0.823407442362853,
            -0.0724636908561208,
        ],
        [
            0.0146049664830479,
            -1.04904231523493,
            0.890156686580774,
            -2.03909002680304,
            7.90224706723136,
            -0.888259833619347,
            -0.0778967320759009,
        ],
    ),
    # chisq.test(c(5, 10, 12, 8, 7, 17, 12))
    (
        [5, 10, 12, 8, 7, 17, 12],
        None,
        False,
        9.35211267605634,
        0.154722328991194,
        [
            10.1428571428571,
            10.1428571428571,
            10.1428571428571,
            10.1428571428571,
            10.1428571428571,
            10.1428571428571,
            10.1428571428571,
        ],
        [
            -1.61482069445852,
            -0.0448561304016255,
            0.583129695221134,
            -0.672841956024385,
            -0.986834868835764,
            2.15309425927803,
            0.583129695221134,
        ],
        [
            -1.74420569920143,
            -0.0484501583111507,
            0.629852058044962,
            -0.726752374667264,
            -1.06590348284532,
            2.32560759893524,
            0.629852058044962,
        ],
    ),
    # chisq.test(c(5, 10, 12, 8, 7, 17, 12), p = c(0.4017553367652, 2.80809096330777, 2.20361130265519, 0.328238310758024, 2.95014788648114, 1.00927918972448, 0.247181513812393), rescale.p = TRUE)
    (
        [5, 10, 12, 8, 7, 17, 12],
        [
            0.4017553367652,
            2.80809096330777,
            2.20361130265519,
            0.328238310758024,
            2.95014788648114,
            1.00927918972448,
            0.247181513812393,
        ],
        True,
        103.261509970823,
        5.2318342253504e-20,
        [
            2.8672854656069,
            20.0410490375143,
            15.7269414535319,
            2.34260220478885,
            21.054894315547,
            7.20311912901306,
            1.76410839399801,
        ],
        [
            1.25949736149065,
            -2.24294623158635,
            -0.939789168899456,
            3.69630196373655,
            -3.0630285964643,
            3.65029134244419,
            7.70660402595394,
        ],
        [
            1.28572648519471,
            -2.64751114826215,
            -1.0651305991433,
            3.75883228018105,
            -3.65202513202731,
            3.85085334882364,
            7.80416736831096,
        ],
    ),
    # chisq.test(c(385, 385, 394))
    (
        [385, 385, 394],
        None,
        False,
        0.139175257731959,
        0.932778391490477,
        [388, 388, 388],
        [-0.152301924770043, -0.152301924770043, 0.304603849540086],
        [-0.186531001265178, -0.186531001265178, 0.373062002530355],
    ),
    # chisq.test(c(385, 385, 394), p = c(2.94893615785986, 2.02166172992438, 2.54045996237546), rescale.p = TRUE)
    (
        [385, 385, 394],
        [2.94893615785986, 2.02166172992438, 2.54045996237546],
        True,
        27.7529469128607,
        9.40858146408914e-07,
        [457.001098410644, 313.299977257124, 393.698924332231],
        [-3.36806527589159, 4.05078424096468, 0.0151737716528035],
        [-4.32163038678013, 4.73835264904555, 0.0186526174012457],
    ),
    # chisq.test(c(12, 7, 16, 13, 7, 6))
    (
        [12, 7, 16, 13, 7, 6],
        None,
        False,
        8.14754098360656,
        0.148289620947341,
        [
            10.1666666666667,
            10.1666666666667,
            10.1666666666667,
            10.1666666666667,
            10.1666666666667,
            10.1666666666667,
        ],
        [
            0.574979210838249,
            -0.993145909629702,
            1.82947930721261,
            0.888604234931839,
            -0.993145909629702,
            -1.30677093372329,
        ],
        [
            0.629858167745255,
            -1.08793683519635,
            2.00409417009854,
            0.973417168333576,
            -1.08793683519635,
            -1.43149583578467,
        ],
    ),
    # chisq.test(c(12, 7, 16, 13, 7, 6), p = c(2.66597317960113, 0.856196209602058, 1.35149398501962, 2.22588578453288, 1.02308842483908, 2.26170934271067), rescale.p = TRUE)
    (
        [12, 7, 16, 13, 7, 6],
        [
            2.66597317960113,
            0.856196209602058,
            1.35149398501962,
            2.22588578453288,
            1.02308842483908,
            2.26170934271067,
        ],
        True,
        13.9716004368205,
        0.0157908237768124,
        [
            15.6605287852731,
            5.02948997721008,
            7.93898101356366,
            13.0753559968757,
            6.00985255578201,
            13.2857916712954,
        ],
        [
            -0.924997619970091,
            0.878651540280083,
            2.86093217786841,
            -0.0208396805985978,
            0.403894521325139,
            -1.99886300371656,
        ],
        [
            -1.07291991725911,
            0.917280075149851,
            3.06750081612583,
            -0.023511293781295,
            0.425393096435173,
            -2.26008142594702,
        ],
    ),
    # chisq.test(c(25, 32, 32, 24), p = c(0.25, 0.25, 0.25, 0.25))
    (
        [25, 32, 32, 24],
        [0.25, 0.25, 0.25, 0.25],
        False,
        2.00884955752212,
        0.570571978933252,
        [28.25, 28.25, 28.25, 28.25],
        [-0.611468564449338, 0.705540651287698, 0.705540651287698, -0.799612738126058],
        [-0.706063080571639, 0.814688169890353, 0.814688169890353, -0.923313259209066],
    ),
    # chisq.test(c(33, 31, 28), p = c(0.3333, 0.3333, 0.3334))
    (
        [33, 31, 28],
        [0.3333, 0.3333, 0.3334],
        False,
        0.414616908340635,
        0.812768909358967,
        [30.6636, 30.6636, 30.6728],
        [0.421925357519696, 0.0607497390299718, -0.482602704333805],
        [0.516737999443801, 0.0744010713118024, -0.591094742528571],
    ),
    # chisq.test(c(25, 25, 27, 36, 23), p = c(0.2, 0.2, 0.2, 0.2, 0.2))
    (
        [25, 25, 27, 36, 23],
        [0.2, 0.2, 0.2, 0.2, 0.2],
        False,
        3.85294117647059,
        0.426273777611732,
        [27.2, 27.2, 27.2, 27.2, 27.2],
        [
            -0.421830743866054,
            -0.421830743866054,
            -0.0383482494423691,
            1.68732297546421,
            -0.805313238289738,
        ],
        [-0.4716211091419, -0.4716211091419, -0.0428746462856278, 1.8864844365676, -0.900367571998171],
    ),
    # chisq.test(c(25, 38, 34), p = c(0.3333, 0.3333, 0.3334))
    (
        [25, 38, 34],
        [0.3333, 0.3333, 0.3334],
        False,
        2.74151856462339,
        0.253914093862152,
        [32.3301, 32.3301, 32.3398],
        [-1.2891586753482, 0.997176133116429, 0.291938750324174],
        [-1.57885100526093, 1.22125582389448, 0.357568366085289],
    ),
    # chisq.test(c(33, 18, 41, 32), p = c(0.25, 0.25, 0.25, 0.25))
    (
        [33, 18, 41, 32],
        [0.25, 0.25, 0.25, 0.25],
        False,
        8.83870967741935,
        0.0315139999368867,
        [31, 31, 31, 31],
        [0.35921060405355, -2.33486892634807, 1.79605302026775, 0.179605302026775],
        [0.41478067789217, -2.69607440629911, 2.07390338946085, 0.207390338946085],
    ),
    # chisq.test(c(28, 18, 28, 25), p = c(0.25, 0.25, 0.25, 0.25))
    (
        [28, 18, 28, 25],
        [0.25, 0.25, 0.25, 0.25],
        False,
        2.6969696969697,
        0.440742508274438,
        [24.75, 24.75, 24.75, 24.75],
        [0.653274579918488, -1.35680105059994, 0.653274579918488, 0.0502518907629606],
        [0.754336509141357, -1.56669890360128, 0.754336509141357, 0.0580258853185659],
    ),
]


CELL_PVALUES = [
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(76, 6, 4, 17, 15, 12), 2, byrow = TRUE))$stdres)), "holm"), 2)
    (
        [[76, 6, 4], [17, 15, 12]],
        "holm",
        [
            [1.64197479936641e-08, 0.000281696322614218, 0.000406426061102614],
            [1.64197479936641e-08, 0.000281696322614218, 0.000406426061102614],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(76, 6, 4, 17, 15, 12), 2, byrow = TRUE))$stdres)), "BH"), 2)
    (
        [[76, 6, 4], [17, 15, 12]],
        "BH",
        [
            [8.20987399683211e-09, 0.000105636120980332, 0.000203213030551307],
            [8.20987399683211e-09, 0.000105636120980332, 0.000203213030551307],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(76, 6, 4, 17, 15, 12), 2, byrow = TRUE))$stdres)), "none"), 2)
    (
        [[76, 6, 4], [17, 15, 12]],
        None,
        [
            [2.73662466561069e-09, 7.04240806535545e-05, 0.000203213030551307],
            [2.7366246656107e-09, 7.04240806535545e-05, 0.000203213030551307],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(89, 15, 1, 88, 46, 5), 2, byrow = TRUE))$stdres)), "holm"), 2)
    (
        [[89, 15, 1], [88, 46, 5]],
        "holm",
        [
            [0.00120718632674596, 0.00312596106607989, 0.373178713300511],
            [0.00120718632674596, 0.00312596106607989, 0.373178713300511],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(89, 15, 1, 88, 46, 5), 2, byrow = TRUE))$stdres)), "BH"), 2)
    (
        [[89, 15, 1], [88, 46, 5]],
        "BH",
        [
            [0.00060359316337298, 0.00117223539977996, 0.186589356650256],
            [0.00060359316337298, 0.00117223539977996, 0.186589356650256],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(89, 15, 1, 88, 46, 5), 2, byrow = TRUE))$stdres)), "none"), 2)
    (
        [[89, 15, 1], [88, 46, 5]],
        None,
        [
            [0.000201197721124327, 0.000781490266519973, 0.186589356650256],
            [0.000201197721124327, 0.000781490266519973, 0.186589356650256],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(12, 5, 9, 7, 3, 20, 6, 11, 8), 3, byrow = TRUE))$stdres)), "holm"), 3)
    (
        [[12, 5, 9], [7, 3, 20], [6, 11, 8]],
        "holm",
        [
            [0.24325911609604, 0.781334595373087, 0.677309167297278],
            [0.781334595373087, 0.198576575494296, 0.031970256782667],
            [0.781334595373087, 0.031970256782667, 0.493366953071471],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(12, 5, 9, 7, 3, 20, 6, 11, 8), 3, byrow = TRUE))$stdres)), "BH"), 3)
    (
        [[12, 5, 9], [7, 3, 20], [6, 11, 8]],
        "BH",
        [
            [0.0912221685360148, 0.537134743142917, 0.253990937736479],
            [0.334857683731323, 0.0851042466404125, 0.016352780866026],
            [0.417995143823307, 0.016352780866026, 0.177612103105729],
        ],
    ),
    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(matrix(c(12, 5, 9, 7, 3, 20, 6, 11, 8), 3, byrow = TRUE))$stdres)), "none"), 3)
    (
        [[12, 5, 9], [7, 3, 20], [6, 11, 8]],
        None,
        [
            [0.0405431860160066, 0.537134743142917, 0.16932729182432],
            [0.260444865124362, 0.0283680822134708, 0.00363395130356133],
            [0.371551238954051, 0.00355225075362967, 0.0986733906142941],
        ],
    ),
]


# -- Fisher's exact test ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "alternative", "level", "estimate", "low", "high", "pvalue"), FISHER_2X2
)
def test_fisher_2x2_matches_r(table, alternative, level, estimate, low, high, pvalue):
    """Odds ratio, exact conditional interval and p-value are R's fisher.test numbers."""
    res = fisher_exact(table, alternative=alternative, confidence_level=level)
    assert res.pvalue == pytest.approx(pvalue, rel=1e-11, abs=1e-300)
    assert res.statistic == pytest.approx(estimate, rel=1e-11)
    assert tuple(res.confidence_interval()) == pytest.approx((low, high), rel=1e-11)
    assert res.estimate == res.odds_ratio == res.statistic


@pytest.mark.parametrize(("table", "pvalue"), FISHER_RXC)
def test_fisher_rxc_matches_r(table, pvalue):
    """An RxC table gets the Fisher-Freeman-Halton p-value, no odds ratio, SciPy's statistic."""
    res = fisher_exact(table)
    assert res.pvalue == pytest.approx(pvalue, rel=1e-9)
    assert math.isnan(res.odds_ratio) and not res.is_2x2
    # SciPy's fisher_exact statistic for an RxC table: the observed table's null probability
    assert res.statistic == pytest.approx(stats.fisher_exact(table).statistic, rel=1e-12)
    with pytest.raises(InputValueError, match="no odds ratio"):
        res.confidence_interval()


def test_fisher_other_level_recomputes_the_interval():
    """confidence_interval(level) recomputes; None gives the level the test was run at."""
    res = fisher_exact([[3, 1], [1, 3]])
    # fisher.test(TeaTasting, conf.level = 0.9)$conf.int: 0.313569264110218 306.246862520856
    assert tuple(res.confidence_interval(0.9)) == pytest.approx(
        (0.313569264110218, 306.246862520856), rel=1e-11
    )
    assert res.confidence_interval() == res.confidence_interval(0.95)


@given(two_by_two_tables, st.sampled_from(["two-sided", "less", "greater"]))
def test_fisher_pvalues_agree_with_scipy(table, alternative):
    """The p-values equal SciPy's fisher_exact (which uses the same 1e-7 relative tolerance)."""
    ours = fisher_exact(table, alternative=alternative).pvalue
    theirs = stats.fisher_exact(table, alternative=alternative).pvalue
    assert ours == pytest.approx(theirs, rel=1e-9, abs=1e-15)


@given(two_by_two_tables)
def test_fisher_roots_agree_with_scipy_when_solved_tightly(table):
    """Solved to full precision, the estimate and interval equal SciPy's conditional odds ratio."""
    dist = _Conditional(np.asarray(table), tol=1e-15)
    ref = odds_ratio(table, kind="conditional")
    assert dist.mle() == pytest.approx(ref.statistic, rel=1e-7)
    ci = ref.confidence_interval(0.95)
    assert tuple(dist.interval("two-sided", 0.95)) == pytest.approx((ci.low, ci.high), rel=1e-6)


def test_r_tolerance_is_visible_and_deliberate():
    """R's loose uniroot tolerance moves TeaTasting's upper limit from 626.24 (exact root) to 621.93."""
    table = np.array([[3, 1], [1, 3]])
    assert _Conditional(table).upper_limit(0.025) == pytest.approx(621.933750545417, rel=1e-12)
    assert _Conditional(table, tol=1e-15).upper_limit(0.025) == pytest.approx(626.2435, rel=1e-6)


def test_zeroin_finds_roots():
    """The Brent (zeroin) solver finds a simple root and returns an endpoint that is a root."""
    assert _zeroin(lambda t: t * t - 2, 0.0, 2.0, -2.0, 2.0, tol=1e-14) == pytest.approx(math.sqrt(2))
    assert _zeroin(lambda t: t, 0.0, 1.0, 0.0, 1.0) == 0.0
    assert _zeroin(lambda t: t - 1, 0.0, 1.0, -1.0, 0.0) == 1.0


@given(two_by_two_tables)
def test_fisher_two_sided_equals_the_rxc_algorithm(table):
    """The 2x2 two-sided p equals the Fisher-Freeman-Halton p of the same table."""
    assert fisher_exact(table).pvalue == pytest.approx(fisher_exact_rxc(table), rel=1e-9, abs=1e-14)


@given(two_by_two_tables, st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_fisher_properties(table, level):
    """p in [0, 1]; the interval contains the estimate; two-sided p >= the smaller one-sided p."""
    res = {
        alt: fisher_exact(table, alternative=alt, confidence_level=level)
        for alt in ("two-sided", "less", "greater")
    }
    for r in res.values():
        assert 0 <= r.pvalue <= 1
        low, high = r.confidence_interval()
        assert low <= r.statistic <= high
    assert res["two-sided"].pvalue >= min(res["less"].pvalue, res["greater"].pvalue) * (1 - 1e-12)
    assert (
        res["less"].confidence_interval().low == 0 and res["greater"].confidence_interval().high == inf
    )


def test_fisher_result_protocol():
    """Unpacking, summary, table and dict follow the shared protocol."""
    res = fisher_exact([[3, 1], [1, 3]])
    statistic, pvalue = res
    assert (statistic, pvalue) == (res.statistic, res.pvalue)
    assert res.summary() == "Fisher's exact test: odds ratio 6.408, 95% CI [0.2117, 621.9], p = 0.486"
    assert res._table().columns == ("odds_ratio", "ci_low", "ci_high", "pvalue", "alternative", "n")
    assert fisher_exact([[0, 5], [3, 4]]).to_dict()["ci_low"] == 0.0
    assert fisher_exact([[5, 0], [0, 5]]).to_dict()["statistic"] is None  # infinite odds ratio
    one_sided = fisher_exact([[3, 1], [1, 3]], alternative="greater", confidence_level=0.9)
    assert one_sided.summary().startswith("Fisher's exact test (greater): odds ratio 6.408, 90% CI [")
    assert "3x2 table, N = 30" in fisher_exact([[3, 1], [1, 3], [10, 12]]).summary()
    assert "FisherResult(statistic=6.408" in repr(res)


def test_fisher_keeps_dataframe_labels():
    """A pandas DataFrame keeps its row and column labels."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([[3, 1], [1, 3]], index=["milk", "tea"], columns=["Milk", "Tea"])
    res = fisher_exact(frame)
    assert res.row_labels == ("milk", "tea") and res.column_labels == ("Milk", "Tea")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"table": [[3, 1], [1, 3]], "alternative": "two.sided"},
            InputValueError,
            "alternative must be one of",
        ),
        ({"table": [[3, 1], [1, 3]], "alternative": 1}, InputTypeError, "alternative must be one of"),
        ({"table": [[3, 1], [1, 3]], "confidence_level": 95}, InputValueError, "confidence_level"),
        ({"table": [[3, 1], [1, 3]], "confidence_level": True}, InputTypeError, "confidence_level"),
        ({"table": [[3, 1], [1, 3]], "confidence_level": nan}, InputValueError, "confidence_level"),
        ({"table": [[3, 1, 2], [1, 3, 2]], "alternative": "less"}, InputValueError, "two-sided"),
        ({"table": [[0, 0], [1, 3]]}, InvalidTableError, "all zeros"),
        ({"table": [[3, 1]]}, InvalidTableError, "at least 2 rows"),
        ({"table": [[3, -1], [1, 3]]}, InvalidTableError, ">= 0"),
        ({"table": [[3, 1.5], [1, 3]]}, InvalidTableError, "whole number"),
        ({"table": np.array([[True, False], [True, True]])}, InputTypeError, "booleans"),
        ({"table": [[3, "1"], [1, 3]]}, InputTypeError, "text"),
    ],
)
def test_fisher_refuses_bad_input(kwargs, error, match):
    """Bad tables and options raise the package's errors with a message naming the problem."""
    with pytest.raises(error, match=match):
        fisher_exact(**kwargs)


def test_fisher_accepts_numpy_and_decimal_levels():
    """numpy scalars and Decimal are accepted as numbers."""
    from decimal import Decimal

    a = fisher_exact(np.array([[3, 1], [1, 3]], dtype=np.int32), confidence_level=np.float64(0.9))
    b = fisher_exact([[3, 1], [1, 3]], confidence_level=Decimal("0.9"))
    assert a == b


# -- McNemar ------------------------------------------------------------------------------


@pytest.mark.parametrize(("table", "correct", "statistic", "pvalue"), MCNEMAR_CHISQ)
def test_mcnemar_chi_square_matches_r(table, correct, statistic, pvalue):
    """McNemar's chi-square, with and without the continuity correction, is R's mcnemar.test."""
    res = mcnemar(table, correction=correct)
    assert res.statistic == pytest.approx(statistic, rel=1e-12)
    assert res.pvalue == pytest.approx(pvalue, rel=1e-12)
    assert res.df == 1 and res.method == "asymptotic"


@pytest.mark.parametrize(("b", "c", "pvalue", "low", "high"), MCNEMAR_EXACT)
def test_mcnemar_exact_matches_r(b, c, pvalue, low, high):
    """The exact form: statistic b, binom.test's p, and the odds-ratio interval of mcnemar.exact."""
    res = mcnemar([[7, b], [c, 4]], exact=True)
    assert res.statistic == b and res.df is None
    assert res.pvalue == pytest.approx(pvalue, rel=1e-12)
    assert tuple(res.confidence_interval()) == pytest.approx((low, high), rel=1e-12)


@given(st.integers(0, 300), st.integers(0, 300))
def test_mcnemar_exact_is_mcnemar_exact(b, c):
    """The table form and mcnemar_exact(before_only, after_only) give the same p-value."""
    assert mcnemar([[5, b], [c, 2]], exact=True).pvalue == mcnemar_exact(b, c).pvalue


@given(st.integers(0, 300), st.integers(0, 300))
def test_mcnemar_exact_agrees_with_scipy_binomtest(b, c):
    """The exact p-value equals SciPy's two-sided binomial test of b in b + c trials."""
    res = mcnemar([[0, b], [c, 0]], exact=True)
    expected = 1.0 if b + c == 0 else stats.binomtest(b, b + c).pvalue
    assert res.pvalue == pytest.approx(expected, rel=1e-10)


@given(paired_tables, st.booleans(), st.booleans())
def test_mcnemar_properties(table, exact, correction):
    """p in [0, 1]; the interval contains the odds ratio n12 / n21."""
    res = mcnemar(table, exact=exact, correction=correction)
    assert 0 <= res.pvalue <= 1
    low, high = res.confidence_interval()
    if res.discordant:
        assert low <= res.odds_ratio <= high


def test_mcnemar_no_discordant_pairs():
    """With no discordant pairs there is nothing to test: statistic 0, p = 1 (R gives NaN)."""
    for exact in (False, True):
        res = mcnemar([[5, 0], [0, 7]], exact=exact)
        assert (res.statistic, res.pvalue) == (0, 1.0)
        assert math.isnan(res.odds_ratio) and tuple(res.confidence_interval()) == (0.0, inf)


def test_mcnemar_result_protocol():
    """Summary lines name the form; the table has the documented columns."""
    res = mcnemar([[794, 150], [86, 570]])
    assert (
        res.summary() == "McNemar's χ²(1, N = 1600) (corrected) = 16.82, p < .001; 150 vs 86 discordant"
    )
    assert res.correction and res.n == 1600 and res.discordant == 236
    assert (
        mcnemar([[794, 150], [86, 570]], correction=False)
        .summary()
        .startswith("McNemar's χ²(1, N = 1600) = 17.36")
    )
    exact = mcnemar([[20, 10], [2, 15]], exact=True)
    assert exact.summary() == "Exact McNemar test: 10 vs 2 discordant, p = 0.039"
    assert tuple(exact) == (10, exact.pvalue)
    assert exact._table().columns[:3] == ("statistic", "df", "pvalue")
    assert "McNemarTableResult(statistic=10" in repr(exact)


@pytest.mark.parametrize(
    ("table", "kwargs", "error"),
    [
        ([[1, 2, 3], [4, 5, 6]], {}, InvalidTableError),
        ([[1, 2], [3, -4]], {}, InvalidTableError),
        ([[1, 2], [3, 4]], {"exact": 1}, InputTypeError),
        ([[1, 2], [3, 4]], {"correction": "yes"}, InputTypeError),
    ],
)
def test_mcnemar_refuses_bad_input(table, kwargs, error):
    """A table that is not 2x2 or options that are not booleans are refused."""
    with pytest.raises(error):
        mcnemar(table, **kwargs)


# -- chi-square goodness of fit -----------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "p", "rescale", "statistic", "pvalue", "expected", "residuals", "stdres"), GOF
)
def test_gof_matches_r(x, p, rescale, statistic, pvalue, expected, residuals, stdres):
    """Statistic, p-value, expected counts, residuals and stdres are R's chisq.test(x, p = ...)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        res = chi_square_gof(x, p, rescale_p=rescale)
    assert res.statistic == pytest.approx(statistic, rel=1e-11, abs=1e-14)
    assert res.pvalue == pytest.approx(pvalue, rel=1e-11)
    np.testing.assert_allclose(res.expected, expected, rtol=1e-13)
    np.testing.assert_allclose(res.residuals, residuals, rtol=1e-11, atol=1e-14)
    np.testing.assert_allclose(res.adjusted_residuals, stdres, rtol=1e-11, atol=1e-14)
    assert res.df == len(x) - 1


@given(gof_samples())
def test_gof_agrees_with_scipy(sample):
    """The statistic and asymptotic p-value equal SciPy's chisquare."""
    counts, probs = sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        res = chi_square_gof(counts, probs)
    ref = stats.chisquare(counts, np.sum(counts) * np.asarray(probs))
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-9, abs=1e-12)
    assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-15)
    assert 0 <= res.pvalue <= 1


def test_gof_monte_carlo_is_reproducible_and_close():
    """The Monte Carlo p uses R's (1 + hits) / (B + 1), is seeded, and is near the asymptotic p."""
    x, p = [89, 37, 30, 28, 12], [0.40, 0.20, 0.20, 0.15, 0.05]
    a = chi_square_gof(x, p, method="monte-carlo", resamples=20_000, seed=1)
    b = chi_square_gof(x, p, method="monte-carlo", resamples=20_000, seed=1)
    assert a == b and a.resamples == 20_000
    # chisq.test(c(89, 37, 30, 28, 12), p = c(.4, .2, .2, .15, .05))$p.value: 0.369894602749473
    assert a.pvalue == pytest.approx(0.369894602749473, abs=0.015)
    assert (a.pvalue * 20_001) == pytest.approx(round(a.pvalue * 20_001))  # (1 + hits) / (B + 1)
    assert "Monte Carlo, 20000 samples" in a.summary()


def test_gof_monte_carlo_perfect_fit_counts_every_sample():
    """A perfect fit (statistic 0) is matched by every sample: p = 1, R's tolerance included."""
    res = chi_square_gof([10, 10, 10], method="monte-carlo", resamples=500, seed=3)
    assert res.statistic == 0 and res.pvalue == 1.0


def test_gof_labels_and_warning():
    """A mapping keeps its labels; a small expected count warns (asymptotic only)."""
    res = chi_square_gof({"A": 20, "B": 15, "C": 25}, [1, 1, 2], rescale_p=True)
    assert res.labels == ("A", "B", "C") and res.probabilities.tolist() == [0.25, 0.25, 0.5]
    assert res._table().columns[0] == "category"
    with pytest.warns(SmallExpectedWarning, match="below 5"):
        chi_square_gof([3, 1, 2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chi_square_gof([3, 1, 2], method="monte-carlo", resamples=100, seed=0)


def test_gof_keeps_series_labels():
    """A pandas Series keeps its index as the categories."""
    pd = pytest.importorskip("pandas")
    res = chi_square_gof(pd.Series([20, 15, 25], index=["x", "y", "z"]))
    assert res.labels == ("x", "y", "z")


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (([10, 20], [0.5, 0.6]), {}, InputValueError, "sum to 1"),
        (([10, 20], [0.5, 0.0]), {"rescale_p": True}, InputValueError, "must be > 0"),
        (([10, 20], [0.5, -0.5]), {}, InputValueError, ">= 0"),
        (([10, 20], [0.5, nan]), {}, InputValueError, "finite"),
        (([10, 20], [0.2, 0.3, 0.5]), {}, InputValueError, "one probability per category"),
        (([10, 20], [1, 2]), {"rescale_p": 1}, InputTypeError, "rescale_p"),
        (([10],), {}, InvalidTableError, "at least 2 categories"),
        (([0, 0],), {}, InvalidTableError, "at least one count"),
        (([[1, 2], [3, 4]],), {}, InvalidTableError, "1-D"),
        (([1.5, 2],), {}, InvalidTableError, "whole number"),
        (([True, 2],), {}, InputTypeError, "booleans"),
        (([10, 20],), {"method": "exact"}, InputValueError, "method must be one of"),
        (([10, 20],), {"resamples": 0}, InputValueError, "resamples"),
        (([10, 20],), {"seed": "x"}, InputTypeError, "seed"),
    ],
)
def test_gof_refuses_bad_input(args, kwargs, error, match):
    """Bad counts, probabilities and options raise the package's errors."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        with pytest.raises(error, match=match):
            chi_square_gof(*args, **kwargs)


# -- cell p-values of a chi-square test ---------------------------------------------------


@pytest.mark.parametrize(("table", "adjust", "expected"), CELL_PVALUES)
def test_cell_pvalues_match_r(table, adjust, expected):
    """Cell p-values from the adjusted residuals, adjusted across cells, are R's numbers."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        res = chi_square(table)
    got = res.cell_pvalues(adjust=adjust)
    assert got.shape == np.shape(table)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@given(count_tables())
def test_cell_pvalues_properties(table):
    """Adjusted cell p-values are in [0, 1] and never below the raw ones."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallExpectedWarning)
        res = chi_square(table)
    raw, holm = res.cell_pvalues(adjust=None), res.cell_pvalues()
    assert ((raw >= 0) & (raw <= 1)).all() and ((holm >= raw) & (holm <= 1)).all()


def test_cells_table_with_pvalues():
    """cells(pvalues=True) adds the raw and adjusted p-values; the default table is unchanged."""
    res = chi_square([[76, 6, 4], [17, 15, 12]])
    assert res.cells().columns == res._table().columns
    table = res.cells(pvalues=True, adjust="BH")
    assert table.columns[-2:] == ("pvalue", "adjusted_pvalue")
    assert table.rows[1][-1] == pytest.approx(res.cell_pvalues("BH")[0, 1])
    assert res.cells(pvalues=True, adjust=None).columns[-1] == "pvalue"
    with pytest.raises(InputValueError, match="method must be one of"):
        res.cell_pvalues("fdr")
