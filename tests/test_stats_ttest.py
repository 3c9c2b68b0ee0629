"""Tests for safecore.stats.t_test and t_test_from_summary against R's t.test (R 4.2.2).

The data and reference values come from ``tests/reference/r_cases.R ttest``
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

from safecore.stats import (
    TTestResult,
    one_sample,
    paired,
    t_test,
    t_test_from_summary,
    welch,
    welch_from_summary,
)
from tests.strategies import alternatives, confidence_levels, samples

INF = math.inf

# -- data (R> commands beside each) ------------------------------------------------------------
# R> sleep1 <- sleep$extra[sleep$group == 1]
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0, 2]
# R> sleep2 <- sleep$extra[sleep$group == 2]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# R> dep_x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
DEP_X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3]
# R> dep_y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)
DEP_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
# R> a12 <- {set.seed(1); round(rnorm(12, 10, 2), 2)}
A12 = [8.75, 10.37, 8.33, 13.19, 10.66, 8.36, 10.97, 11.48, 11.15, 9.39, 13.02, 10.78]
# R> b15 <- {set.seed(2); round(rnorm(15, 11, 4), 2)}
B15 = [
    7.41,
    11.74,
    17.35,
    6.48,
    10.68,
    11.53,
    13.83,
    10.04,
    18.94,
    10.44,
    12.67,
    14.93,
    9.43,
    6.84,
    18.13,
]
# R> c30 <- {set.seed(3); round(rexp(30, 0.2), 3)}
C30 = [
    8.653,
    3.075,
    6.165,
    5.02,
    1.021,
    1.044,
    11.418,
    0.05,
    0.34,
    0.572,
    0.386,
    2.037,
    0.791,
    21.118,
    2.911,
    0.997,
    1.942,
    6.049,
    5.931,
    8.743,
    4.361,
    0.7,
    10.237,
    4.095,
    2.863,
    8.852,
    0.707,
    6.851,
    3.818,
    16.512,
]
# R> d8 <- {set.seed(4); round(runif(8, -5, 5), 2)}
D8 = [0.86, -4.91, -2.06, -2.23, 3.14, -2.4, 2.24, 4.06]
# R> na_x <- c(3.1, NA, 4.7, 5.0, 2.2, NaN, 6.3, 4.1)
NA_X = [3.1, None, 4.7, 5, 2.2, None, 6.3, 4.1]
# R> na_y <- c(2.9, 3.3, NA, 4.1, 2.0, 3.5, 5.2, NA)
NA_Y = [2.9, 3.3, None, 4.1, 2, 3.5, 5.2, None]
# R> big <- {set.seed(5); round(rnorm(60, 1e6, 3), 4)}
BIG = [
    999997.4774,
    1000004.1531,
    999996.2335,
    1000000.2104,
    1000005.1343,
    999998.1913,
    999998.5835,
    999998.0939,
    999999.1427,
    1000000.4143,
    1000003.6829,
    999997.5947,
    999996.7588,
    999999.5274,
    999996.7847,
    999999.583,
    999998.2081,
    999993.4481,
    1000000.7225,
    999999.2219,
    1000002.7015,
    1000002.8256,
    1000004.4039,
    1000002.1203,
    1000002.457,
    999999.1196,
    1000004.2558,
    1000004.4963,
    999998.0288,
    999997.4416,
    1000000.9477,
    1000003.3291,
    1000006.6464,
    1000003.6513,
    1000004.4377,
    1000002.8547,
    999996.9714,
    999993.9986,
    999994.7134,
    999999.5722,
    1000004.6502,
    999997.5927,
    999999.7763,
    1000005.687,
    999998.6303,
    1000001.6867,
    999997.339,
    999998.6193,
    999997.827,
    999999.7924,
    1000004.3897,
    1000000.5632,
    1000003.0661,
    999998.2245,
    999999.6634,
    999997.2251,
    1000002.2599,
    999999.6622,
    999999.8077,
    1000000.6998,
]
# R> one <- c(5.5)
ONE = [5.5]

# (x, y, options, t, df, p, (conf.int), estimate) as R prints them
R_CASES = [
    # R> t.test(sleep1)
    (
        "SLEEP1",
        None,
        {},
        1.32571014071382,
        9,
        0.217597780068449,
        (-0.529780413526232, 2.02978041352623),
        [0.75],
    ),
    # R> t.test(sleep1, mu = 1)
    (
        "SLEEP1",
        None,
        {"mu": 1},
        -0.44190338023794,
        9,
        0.668986623614675,
        (-0.529780413526232, 2.02978041352623),
        [0.75],
    ),
    # R> t.test(sleep1, mu = 1, alternative = "less")
    (
        "SLEEP1",
        None,
        {"mu": 1, "alternative": "less"},
        -0.44190338023794,
        9,
        0.334493311807337,
        (-INF, 1.78705527872926),
        [0.75],
    ),
    # R> t.test(sleep1, mu = 1, alternative = "greater", conf.level = 0.9)
    (
        "SLEEP1",
        None,
        {"mu": 1, "alternative": "greater", "confidence_level": 0.9},
        -0.44190338023794,
        9,
        0.665506688192663,
        (-0.0324271097745101, INF),
        [0.75],
    ),
    # R> t.test(a12, mu = 10, conf.level = 0.99)
    (
        "A12",
        None,
        {"mu": 10, "confidence_level": 0.99},
        1.1491750858325,
        11,
        0.274857748431624,
        (9.08483101797711, 11.9901689820229),
        [10.5375],
    ),
    # R> t.test(c30, mu = 4, alternative = "greater")
    (
        "C30",
        None,
        {"mu": 4, "alternative": "greater"},
        0.990402221715479,
        29,
        0.165084861393311,
        (3.34978843171173, INF),
        [4.90863333333333],
    ),
    # R> t.test(c30, mu = 6, alternative = "less", conf.level = 0.9)
    (
        "C30",
        None,
        {"mu": 6, "alternative": "less", "confidence_level": 0.9},
        -1.18957992373845,
        29,
        0.121930080540075,
        (-INF, 6.11179332254368),
        [4.90863333333333],
    ),
    # R> t.test(na_x, mu = 4)
    (
        "NA_X",
        None,
        {"mu": 4},
        0.394155141037241,
        5,
        0.709715954829147,
        (2.71159134428626, 5.7550753223804),
        [4.23333333333333],
    ),
    # R> t.test(big, mu = 1e+06)
    (
        "BIG",
        None,
        {"mu": 1000000},
        0.648576556641445,
        59,
        0.5191286150912,
        (999999.468205222, 1000001.04185811),
        [1000000.25503167],
    ),
    # R> t.test(d8, conf.level = 0.5)
    (
        "D8",
        None,
        {"confidence_level": 0.5},
        -0.144343922393032,
        7,
        0.889296766776292,
        (-0.963091649599433, 0.638091649599433),
        [-0.1625],
    ),
    # R> t.test(sleep1, sleep2, paired = TRUE)
    (
        "SLEEP1",
        "SLEEP2",
        {"paired": True},
        -4.06212768338204,
        9,
        0.00283289019738427,
        (-2.45988576327698, -0.700114236723018),
        [-1.58],
    ),
    # R> t.test(sleep1, sleep2, paired = TRUE, alternative = "less")
    (
        "SLEEP1",
        "SLEEP2",
        {"paired": True, "alternative": "less"},
        -4.06212768338204,
        9,
        0.00141644509869214,
        (-INF, -0.866994732970716),
        [-1.58],
    ),
    # R> t.test(sleep1, sleep2, paired = TRUE, alternative = "greater", mu = -2)
    (
        "SLEEP1",
        "SLEEP2",
        {"paired": True, "alternative": "greater", "mu": -2},
        1.07980609305092,
        9,
        0.154157235669097,
        (-2.29300526702928, INF),
        [-1.58],
    ),
    # R> t.test(sleep1, sleep2, paired = TRUE, conf.level = 0.99)
    (
        "SLEEP1",
        "SLEEP2",
        {"paired": True, "confidence_level": 0.99},
        -4.06212768338204,
        9,
        0.00283289019738427,
        (-2.84405188510482, -0.315948114895175),
        [-1.58],
    ),
    # R> t.test(dep_x, dep_y, paired = TRUE)
    (
        "DEP_X",
        "DEP_Y",
        {"paired": True},
        3.03537541564859,
        8,
        0.0161766274349081,
        (0.103778712272169, 0.759999065505609),
        [0.431888888888889],
    ),
    # R> t.test(dep_x, dep_y, paired = TRUE, alternative = "greater", conf.level = 0.9)
    (
        "DEP_X",
        "DEP_Y",
        {"paired": True, "alternative": "greater", "confidence_level": 0.9},
        3.03537541564859,
        8,
        0.00808831371745405,
        (0.233142793431249, INF),
        [0.431888888888889],
    ),
    # R> t.test(na_x, na_y, paired = TRUE)
    (
        "NA_X",
        "NA_Y",
        {"paired": True},
        2.55840859626733,
        3,
        0.0833295821619475,
        (-0.146349815254727, 1.34634981525473),
        [0.6],
    ),
    # R> t.test(na_x, na_y, paired = TRUE, mu = 0.5, alternative = "less")
    (
        "NA_X",
        "NA_Y",
        {"paired": True, "mu": 0.5, "alternative": "less"},
        0.426401432711221,
        3,
        0.65071920419454,
        (-INF, 1.15191264715933),
        [0.6],
    ),
    # R> t.test(sleep1, sleep2)
    (
        "SLEEP1",
        "SLEEP2",
        {},
        -1.86081346748685,
        17.7764735161785,
        0.0793941401873582,
        (-3.36548323071171, 0.20548323071171),
        [0.75, 2.33],
    ),
    # R> t.test(sleep1, sleep2, alternative = "less")
    (
        "SLEEP1",
        "SLEEP2",
        {"alternative": "less"},
        -1.86081346748685,
        17.7764735161785,
        0.0396970700936791,
        (-INF, -0.106618502668394),
        [0.75, 2.33],
    ),
    # R> t.test(sleep1, sleep2, alternative = "greater")
    (
        "SLEEP1",
        "SLEEP2",
        {"alternative": "greater"},
        -1.86081346748685,
        17.7764735161785,
        0.960302929906321,
        (-3.05338149733161, INF),
        [0.75, 2.33],
    ),
    # R> t.test(sleep1, sleep2, var.equal = TRUE)
    (
        "SLEEP1",
        "SLEEP2",
        {"equal_var": True},
        -1.86081346748685,
        18,
        0.0791867142159382,
        (-3.3638740322876, 0.203874032287599),
        [0.75, 2.33],
    ),
    # R> t.test(sleep1, sleep2, var.equal = TRUE, alternative = "less", conf.level = 0.9)
    (
        "SLEEP1",
        "SLEEP2",
        {"equal_var": True, "alternative": "less", "confidence_level": 0.9},
        -1.86081346748685,
        18,
        0.0395933571079691,
        (-INF, -0.450377000398989),
        [0.75, 2.33],
    ),
    # R> t.test(sleep1, sleep2, mu = -1, conf.level = 0.99)
    (
        "SLEEP1",
        "SLEEP2",
        {"mu": -1, "confidence_level": 0.99},
        -0.683083424773655,
        17.7764735161785,
        0.503360377118036,
        (-4.02763291991904, 0.867632919919039),
        [0.75, 2.33],
    ),
    # R> t.test(dep_x, dep_y)
    (
        "DEP_X",
        "DEP_Y",
        {},
        1.20517279910665,
        15.7950355825412,
        0.245882838533171,
        (-0.328607930189812, 1.19238570796759),
        [1.76666666666667, 1.33477777777778],
    ),
    # R> t.test(dep_x, dep_y, var.equal = TRUE, mu = 0.2)
    (
        "DEP_X",
        "DEP_Y",
        {"equal_var": True, "mu": 0.2},
        0.647078886476867,
        16,
        0.52675620008321,
        (-0.327805940689913, 1.19158371846769),
        [1.76666666666667, 1.33477777777778],
    ),
    # R> t.test(a12, b15)
    (
        "A12",
        "B15",
        {},
        -1.32615390757331,
        19.385952851153,
        0.200202299404948,
        (-3.84317498309127, 0.859508316424598),
        [10.5375, 12.0293333333333],
    ),
    # R> t.test(a12, b15, var.equal = TRUE)
    (
        "A12",
        "B15",
        {"equal_var": True},
        -1.22129226996523,
        25,
        0.233368121141825,
        (-4.00760154037353, 1.02393487370686),
        [10.5375, 12.0293333333333],
    ),
    # R> t.test(a12, b15, mu = -1, alternative = "greater")
    (
        "A12",
        "B15",
        {"mu": -1, "alternative": "greater"},
        -0.437211504999314,
        19.385952851153,
        0.666605195090895,
        (-3.43501030721851, INF),
        [10.5375, 12.0293333333333],
    ),
    # R> t.test(a12, b15, var.equal = TRUE, mu = -1, alternative = "less", conf.level = 0.99)
    (
        "A12",
        "B15",
        {"equal_var": True, "mu": -1, "alternative": "less", "confidence_level": 0.99},
        -0.4026403182513,
        25,
        0.345317590728274,
        (-INF, 1.54377559694278),
        [10.5375, 12.0293333333333],
    ),
    # R> t.test(b15, c30, conf.level = 0.9)
    (
        "B15",
        "C30",
        {"confidence_level": 0.9},
        5.18174359402286,
        34.7277973925142,
        9.44597784834032e-06,
        (4.79841173133826, 9.44298826866174),
        [12.0293333333333, 4.90863333333333],
    ),
    # R> t.test(b15, c30, var.equal = TRUE, conf.level = 0.9)
    (
        "B15",
        "C30",
        {"equal_var": True, "confidence_level": 0.9},
        4.78541776666529,
        43,
        2.03756505044505e-05,
        (4.61926736862585, 9.62213263137416),
        [12.0293333333333, 4.90863333333333],
    ),
    # R> t.test(c30, a12, alternative = "less")
    (
        "C30",
        "A12",
        {"alternative": "less"},
        -5.46604716756742,
        39.0748766355778,
        1.41876451012766e-06,
        (-INF, -3.89388432502103),
        [4.90863333333333, 10.5375],
    ),
    # R> t.test(c30, d8, mu = 5, alternative = "greater", conf.level = 0.99)
    (
        "C30",
        "D8",
        {"mu": 5, "alternative": "greater", "confidence_level": 0.99},
        0.0489808604261323,
        17.5198202131095,
        0.480744308831586,
        (1.35457285899474, INF),
        [4.90863333333333, -0.1625],
    ),
    # R> t.test(d8, a12, var.equal = TRUE)
    (
        "D8",
        "A12",
        {"equal_var": True},
        -9.95323043837448,
        18,
        9.59861049793427e-09,
        (-12.9585497210944, -8.44145027890558),
        [-0.1625, 10.5375],
    ),
    # R> t.test(na_x, na_y)
    (
        "NA_X",
        "NA_Y",
        {},
        0.991433658203618,
        9.26782653049367,
        0.346651582677614,
        (-0.932573534270003, 2.39924020093667),
        [4.23333333333333, 3.5],
    ),
    # R> t.test(na_x, na_y, var.equal = TRUE, alternative = "greater")
    (
        "NA_X",
        "NA_Y",
        {"equal_var": True, "alternative": "greater"},
        0.991433658203618,
        10,
        0.172428382211689,
        (-0.607289052976237, INF),
        [4.23333333333333, 3.5],
    ),
    # R> t.test(big, a12, mu = 999990)
    (
        "BIG",
        "A12",
        {"mu": 999990},
        -0.462263242875007,
        29.3138108812976,
        0.647305380145411,
        (999988.468364446, 999990.966698888),
        [1000000.25503167, 10.5375],
    ),
    # R> t.test(one, a12, var.equal = TRUE)
    (
        "ONE",
        "A12",
        {"equal_var": True},
        -2.98710931604882,
        11,
        0.0123614071630709,
        (-8.7492699993074, -1.3257300006926),
        [5.5, 10.5375],
    ),
    # R> t.test(a12, one, var.equal = TRUE, alternative = "less")
    (
        "A12",
        "ONE",
        {"equal_var": True, "alternative": "less"},
        2.98710931604882,
        11,
        0.993819296418464,
        (-INF, 8.06610351498223),
        [10.5375, 5.5],
    ),
    # R> t.test(d8, b15, var.equal = FALSE, conf.level = 0.8)
    (
        "D8",
        "B15",
        {"equal_var": False, "confidence_level": 0.8},
        -8.01454083281888,
        17.4020362124091,
        3.02548204630697e-07,
        (-14.2182960780826, -10.1653705885841),
        [-0.1625, 12.0293333333333],
    ),
    # R> t.test(b15, b15, mu = 0.5)
    (
        "B15",
        "B15",
        {"mu": 0.5},
        -0.34557555318683,
        28,
        0.732244647793526,
        (-2.9637616476415, 2.9637616476415),
        [12.0293333333333, 12.0293333333333],
    ),
]

DATA = {name: value for name, value in globals().items() if name.isupper() and isinstance(value, list)}


def close(actual: float, expected: float, rel: float = 1e-10) -> bool:
    """Relative agreement (infinities equal to themselves)."""
    if math.isinf(expected):
        return actual == expected
    return math.isclose(actual, expected, rel_tol=rel, abs_tol=1e-13)


def test_enough_r_cases():
    """At least 40 reference cases from R."""
    assert len(R_CASES) >= 40


@pytest.mark.parametrize(("x", "y", "options", "t", "df", "p", "ci", "estimate"), R_CASES)
def test_matches_r(x, y, options, t, df, p, ci, estimate):
    """statistic, df, p, interval and estimates equal R's t.test to 1e-10 (relative)."""
    res = t_test(DATA[x], None if y is None else DATA[y], **options)
    assert close(res.statistic, t)
    assert close(res.df, df)
    assert close(res.pvalue, p)
    low, high = res.confidence_interval()
    assert close(low, ci[0]) and close(high, ci[1])
    assert len(res.estimates) == len(estimate)
    assert all(close(a, b) for a, b in zip(res.estimates, estimate, strict=True))


# -- properties -----------------------------------------------------------------------------------


def _spread(values: list[float]) -> bool:
    return len(values) >= 2 and float(np.std(values)) > 1e-6 * (1 + float(np.max(np.abs(values))))


@given(samples(), samples(), st.booleans(), alternatives, confidence_levels)
def test_properties(x, y, equal_var, alternative, level):
    """p in [0, 1]; the interval contains the estimate; raw data equal their summaries."""
    if not (_spread(x) and _spread(y)):
        return
    res = t_test(x, y, equal_var=equal_var, alternative=alternative, confidence_level=level)
    assert 0 <= res.pvalue <= 1
    low, high = res.confidence_interval()
    slack = 1e-9 * (1 + abs(res.estimate))  # R's mu + (t ± q) SE rounds like the estimate
    assert low - slack <= res.estimate <= high + slack
    summ = t_test_from_summary(
        len(x),
        float(np.mean(x)),
        float(np.std(x, ddof=1)),
        len(y),
        float(np.mean(y)),
        float(np.std(y, ddof=1)),
        equal_var=equal_var,
        alternative=alternative,
        confidence_level=level,
    )
    assert summ.statistic == pytest.approx(res.statistic, rel=1e-6, abs=1e-9)
    assert summ.df == pytest.approx(res.df, rel=1e-6)
    assert summ.pvalue == pytest.approx(res.pvalue, rel=1e-6, abs=1e-12)


@given(samples(), st.floats(-100, 100))
def test_one_sided_pvalues_sum_to_one(x, mu):
    """For the continuous t distribution, p_less + p_greater = 1; two-sided = 2 min."""
    if not _spread(x):
        return
    less = t_test(x, mu=mu, alternative="less").pvalue
    greater = t_test(x, mu=mu, alternative="greater").pvalue
    two = t_test(x, mu=mu).pvalue
    assert less + greater == pytest.approx(1.0, abs=1e-12)
    assert two == pytest.approx(min(1.0, 2 * min(less, greater)), rel=1e-9, abs=1e-15)


@given(samples(min_size=2, max_size=20), samples(min_size=2, max_size=20))
def test_agrees_with_scipy(x, y):
    """Welch and Student equal scipy's ttest_ind (two-sided), one-sample equals ttest_1samp."""
    if not (_spread(x) and _spread(y)):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for equal in (False, True):
            ref = stats.ttest_ind(x, y, equal_var=equal)
            res = t_test(x, y, equal_var=equal)
            assert res.statistic == pytest.approx(ref.statistic, rel=1e-9, abs=1e-12)
            assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-8, abs=1e-14)
        ref = stats.ttest_1samp(x, 1.0)
    res = t_test(x, mu=1.0)
    assert res.pvalue == pytest.approx(ref.pvalue, rel=1e-8, abs=1e-14)


# -- R's documented behaviours -------------------------------------------------------------------


def test_missing_values_are_left_out_and_counted():
    """R> t.test(na_x, na_y, paired = TRUE) uses the 4 complete pairs; 4 pairs are left out."""
    res = t_test(NA_X, NA_Y, paired=True)
    assert (res.n1, res.n2, res.missing, res.df) == (4, 0, 4, 3)
    two = t_test(NA_X, NA_Y)
    assert (two.n1, two.n2, two.missing) == (6, 6, 4)
    assert t_test(NA_X).missing == 2


def test_one_sided_intervals_are_open():
    """R prints one-sided intervals with -Inf / Inf."""
    assert t_test(SLEEP1, alternative="less").confidence_interval().low == -INF
    assert t_test(SLEEP1, alternative="greater").confidence_interval().high == INF


def test_confidence_interval_levels():
    """confidence_interval() defaults to the test's level; another level can be asked for.

    R> t.test(sleep1, conf.level = 0.9)$conf.int  # -0.2870553  1.7870553
    """
    res = t_test(SLEEP1, confidence_level=0.9)
    assert res.confidence_interval() == pytest.approx((-0.2870553, 1.7870553), abs=5e-8)
    assert res.confidence_interval(0.95) == t_test(SLEEP1).confidence_interval()


def test_student_with_one_value_in_a_group():
    """R allows var.equal = TRUE with a single value in one group (3 values in all)."""
    res = t_test([5.5], [1.0, 2.0, 4.0], equal_var=True)
    assert res.df == 2
    with pytest.raises(ValueError, match="x needs at least 2"):
        t_test([5.5], [1.0, 2.0, 4.0])
    with pytest.raises(ValueError, match="at least 3 values"):
        t_test([5.5], [1.0], equal_var=True)


def test_results_describe_themselves():
    """design, method (R's wording), estimate names, summary and repr."""
    res = t_test(SLEEP1, SLEEP2, paired=True)
    assert isinstance(res, TTestResult)
    assert (res.design, res.method, res.n) == ("paired", "Paired t-test", 10)
    assert res.summary().startswith("Paired t(9) = -4.06, p = 0.003; mean difference -1.58")
    assert t_test(SLEEP1, SLEEP2, equal_var=True).method == " Two Sample t-test"
    assert t_test(SLEEP1, SLEEP2).method == "Welch Two Sample t-test"
    assert "(less)" in t_test(SLEEP1, alternative="less").summary()
    assert repr(res) == "TTestResult(paired, t=-4.062, df=9, p=0.002833, estimate=-1.58)"
    t, p = res
    assert (t, p) == (res.statistic, res.pvalue)


def test_from_summary_one_sample_and_two():
    """One group: the one-sample test; a second group given in part is an error."""
    x = np.array(SLEEP1)
    res = t_test_from_summary(10, x.mean(), x.std(ddof=1), mu=1, alternative="greater")
    ref = t_test(SLEEP1, mu=1, alternative="greater")
    assert res.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert res.confidence_interval() == pytest.approx(ref.confidence_interval(), rel=1e-12)
    with pytest.raises(ValueError, match="n2, mean2 and sd2 together"):
        t_test_from_summary(10, 1.0, 1.0, 10, 2.0)


def test_wrappers_are_t_test():
    """welch, paired, one_sample and welch_from_summary give t_test's numbers."""
    assert tuple(welch(SLEEP1, SLEEP2)) == pytest.approx(tuple(t_test(SLEEP1, SLEEP2)), rel=1e-14)
    r = paired(SLEEP1, SLEEP2)
    assert (r.statistic, r.pvalue) == pytest.approx(
        tuple(t_test(SLEEP1, SLEEP2, paired=True)), rel=1e-14
    )
    assert tuple(one_sample(SLEEP1, 1.0)) == pytest.approx(tuple(t_test(SLEEP1, mu=1.0)), rel=1e-14)
    w = welch_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9)
    assert tuple(w) == pytest.approx(tuple(t_test_from_summary(11, 37.5, 11.3, 10, 34.2, 17.9)))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: t_test(SLEEP1, alternative="two.sided"), ValueError, "alternative must be"),
        (
            lambda: t_test(SLEEP1, alternative=1),
            TypeError,
            "alternative must be one of 'two-sided', 'less', 'greater', not int: 1",
        ),
        (lambda: t_test(SLEEP1, mu=float("nan")), ValueError, "mu must be a finite"),
        (lambda: t_test(SLEEP1, mu=True), TypeError, "mu must be"),
        (lambda: t_test(SLEEP1, mu="1"), TypeError, "mu must be"),
        (lambda: t_test(SLEEP1, confidence_level=95), ValueError, "confidence_level"),
        (lambda: t_test(SLEEP1, SLEEP2, equal_var=1), TypeError, "equal_var must be True or False"),
        (lambda: t_test(SLEEP1, paired=True), ValueError, "needs y"),
        (lambda: t_test(SLEEP1, SLEEP2[:5], paired=True), ValueError, "same length"),
        (lambda: t_test([1.0, 1.0, 1.0]), ValueError, "essentially constant"),
        (lambda: t_test([1.0, None]), ValueError, "at least 2"),
        (lambda: t_test([1.0, True, 2.0]), TypeError, "value 2"),
        (lambda: t_test_from_summary(1, 1.0, 1.0), ValueError, "n must be"),
        (lambda: t_test_from_summary(5, 1.0, -1.0), ValueError, "sd must be"),
        (lambda: t_test_from_summary(5, 1.0, 0.0), ValueError, "essentially constant"),
    ],
)
def test_bad_arguments(call, error, message):
    """Options and data are validated with a clear message."""
    with pytest.raises(error, match=message):
        call()


def test_numpy_and_decimal_options():
    """numpy scalars and Decimal are accepted for mu and the confidence level."""
    from decimal import Decimal

    a = t_test(SLEEP1, mu=np.float32(0.5), confidence_level=Decimal("0.9"))
    b = t_test(SLEEP1, mu=0.5, confidence_level=0.9)
    assert a.confidence_interval() == pytest.approx(b.confidence_interval(), rel=1e-7)
