"""What a report prints, declared: tables, summary rows, text figures and the relations between them.

Every printed cell is kept *as printed*: a number, or text such as
``"£15,400"``, ``"71%"``, ``"3.10"`` or ``"< .001"`` (see
[`parse_printed`][safecore.audit.printed.parse_printed]), so a check knows the
precision it was printed at. The same structure is read from a TOML file by
[`read_declarations`][safecore.audit.reader.read_declarations]; the keys of each TOML entry are
the field names below (docs: "Audit declarations: the format").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Literal

import attrs

from safecore._errors import InputTypeError, InputValueError
from safecore.audit.findings import Severity
from safecore.audit.printed import ROUNDING_RULES, Printed, Rounding, parse_printed

__all__ = [
    "Cell",
    "Comparison",
    "CountTable",
    "Declarations",
    "Figure",
    "PrintedTest",
    "ProductTable",
    "Relation",
    "SummaryRow",
]

#: A printed cell: a number, or the text as printed ("£15,400", "71%", "< .001").
Cell = float | str

_SEVERITIES = ("error", "warning", "note")


def _strs(x: Iterable[str]) -> tuple[str, ...]:
    if isinstance(x, str):
        msg = f"expected a list of labels, not one string: {x!r}"
        raise InputTypeError(msg)
    return tuple(x)


def _cells(x: Iterable[Cell]) -> tuple[Cell, ...]:
    return tuple(x)


def _opt_cells(x: Iterable[Cell] | None) -> tuple[Cell, ...] | None:
    return None if x is None else tuple(x)


def _grid(x: Iterable[Iterable[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(r) for r in x)


def _opt_grid(x: Iterable[Iterable[Cell]] | None) -> tuple[tuple[Cell, ...], ...] | None:
    return None if x is None else _grid(x)


def printed(value: Cell, name: str, decimals: int | None = None) -> Printed:
    """Parse a declared cell (the one place a declaration's cell is read)."""
    return parse_printed(value, name, decimals=decimals)


def _check_choice(value: str, name: str, choices: Sequence[str]) -> None:
    if value not in choices:
        msg = f"{name} must be one of {', '.join(repr(c) for c in choices)}: {value!r}"
        raise InputValueError(msg)


def _check_shape(name: str, values: Sequence[Any] | None, n: int, what: str) -> None:
    if values is not None and len(values) != n:
        msg = f"{name} has {len(values)} entries, expected {n} (one per {what})"
        raise InputValueError(msg)


def _count(value: Cell, name: str) -> float:
    p = printed(value, name)
    if p.bound or p.percent or p.money or p.decimals or not p.value.is_integer():
        msg = f"{name} must be a whole-number count: {value!r}"
        raise InputValueError(msg)
    if p.value < 0:
        msg = f"{name} must be a count >= 0: {value!r}"
        raise InputValueError(msg)
    return p.value


@attrs.frozen(slots=True)
class CountTable:
    """A printed table of counts with (optionally) stated totals, percentages and a test.

    Parameters
    ----------
    name : str
        Where it is printed, e.g. "Table 2".
    row_labels, column_labels : sequence of str
    counts : 2-D sequence of cells
        The printed cell counts (whole numbers).
    row_totals : sequence of cells, optional
        A printed N per row. Row percentages then use it as denominator.
    row_total_percents : sequence of cells, optional
        The printed percentage beside each N, of *grand_total* (or of the
        sum of the N).
    cell_percents : 2-D sequence of cells, optional
        The printed cell percentages, of the row (default), the column or
        the grand total: see *percent_of*.
    grand_total : cell, optional
        A stated total of all records.
    statistic : cell, optional
        A printed Pearson chi-square statistic for the counts.
    pvalue : cell, optional
        The printed p-value of *test*: ``"< .001"`` or ``"0.0009"``.
    totals_are_sums : bool
        Whether each N should equal its row's cells (True), or is only the
        denominator of the printed percentages, as when a table prints the
        families who *could* improve beside those who did (False).
    percent_of : {"row", "column", "total"}
        The denominator of *cell_percents*: the row's N (or its sum), the
        column's printed total (or its sum), or the grand total.
    column_totals : sequence of cells, optional
        A printed totals row: each must equal its column's sum.
    test : {"chi-square", "fisher"}
        The test whose p-value is printed: Pearson's chi-square (no
        continuity correction) or the Fisher (-Freeman-Halton) exact test.

    Examples
    --------
    Improvement by engagement as printed: counts, each row's N, row
    percentages and a chi-square test. Every printed figure follows from
    the counts:

    >>> from safecore.audit import CountTable, audit
    >>> table = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
    ...                    counts=((9, 3), (5, 20)), row_totals=(12, 25),
    ...                    cell_percents=(("75%", "25%"), ("20%", "80%")),
    ...                    statistic="10.43", pvalue=".001")
    >>> table.row_sum(1), table.column_sum(0)
    (25.0, 14.0)
    >>> print(audit([table]).summary())
    0 findings in 8 checks: 0 errors, 0 warnings, 0 notes
    """

    name: str
    row_labels: tuple[str, ...] = attrs.field(converter=_strs)
    column_labels: tuple[str, ...] = attrs.field(converter=_strs)
    counts: tuple[tuple[Cell, ...], ...] = attrs.field(converter=_grid)
    row_totals: tuple[Cell, ...] | None = attrs.field(default=None, converter=_opt_cells)
    row_total_percents: tuple[Cell, ...] | None = attrs.field(default=None, converter=_opt_cells)
    cell_percents: tuple[tuple[Cell, ...], ...] | None = attrs.field(default=None, converter=_opt_grid)
    grand_total: Cell | None = None
    statistic: Cell | None = None
    pvalue: Cell | None = None
    totals_are_sums: bool = True
    percent_of: Literal["row", "column", "total"] = "row"
    column_totals: tuple[Cell, ...] | None = attrs.field(default=None, converter=_opt_cells)
    test: Literal["chi-square", "fisher"] = "chi-square"

    def __attrs_post_init__(self) -> None:
        r, c = len(self.row_labels), len(self.column_labels)
        _check_shape(f"{self.name}: counts", self.counts, r, "row label")
        for i, row in enumerate(self.counts):
            _check_shape(f"{self.name}: counts row {i + 1}", row, c, "column label")
            for j, x in enumerate(row):
                _count(x, f"{self.name}: count ({self.row_labels[i]}, {self.column_labels[j]})")
        _check_shape(f"{self.name}: row_totals", self.row_totals, r, "row label")
        _check_shape(f"{self.name}: row_total_percents", self.row_total_percents, r, "row label")
        _check_shape(f"{self.name}: column_totals", self.column_totals, c, "column label")
        if self.cell_percents is not None:
            _check_shape(f"{self.name}: cell_percents", self.cell_percents, r, "row label")
            for i, row in enumerate(self.cell_percents):
                _check_shape(f"{self.name}: cell_percents row {i + 1}", row, c, "column label")
                for x in row:
                    printed(x, f"{self.name}: cell percent")
        for name in ("row_totals", "column_totals"):
            for x in getattr(self, name) or ():
                _count(x, f"{self.name}: {name}")
        for x in self.row_total_percents or ():
            printed(x, f"{self.name}: row_total_percents")
        for name in ("grand_total", "statistic", "pvalue"):
            if getattr(self, name) is not None:
                printed(getattr(self, name), f"{self.name}: {name}")
        _check_choice(self.percent_of, f"{self.name}: percent_of", ("row", "column", "total"))
        _check_choice(self.test, f"{self.name}: test", ("chi-square", "fisher"))

    def count(self, i: int, j: int) -> float:
        """Return the printed count of row *i*, column *j*."""
        return printed(self.counts[i][j], "count").value

    def column_sum(self, j: int) -> float:
        """Sum of column *j*'s printed counts."""
        return float(sum(self.count(i, j) for i in range(len(self.row_labels))))

    def row_sum(self, i: int) -> float:
        """Sum of row *i*'s printed counts."""
        return float(sum(self.count(i, j) for j in range(len(self.column_labels))))


@attrs.frozen(slots=True)
class ProductTable:
    """A printed money table: items (or counts times unit values), a total and an average.

    Parameters
    ----------
    name : str
    row_labels : sequence of str
    counts, units : sequence of cells, optional
        Printed count and unit value per row; each row's total must then be
        count × unit. Without them, the rows are items whose printed
        totals must add up to *total*.
    totals : sequence of cells
        Printed total (or item value) per row.
    total : cell, optional
        The printed sum of the totals.
    n : int, optional
        The denominator of the printed average (e.g. families).
    average : cell, optional
        The printed ``total / n``.
    decimals : int
        Printed precision of money given as numbers (0: whole pounds); money
        written as text (``"£15,400"``) shows its own.

    Examples
    --------
    Families improved times the saving per family, as a report printed
    them (2 × £7,770 is £15,540, not £15,400, and the slip carries into
    the total and the average):

    >>> from safecore.audit import ProductTable, audit
    >>> costs = ProductTable("Table 7", ("Housing", "Mental health"), counts=(2, 5),
    ...                      units=("£7,770", "£2,303"), totals=("£15,400", "£11,515"),
    ...                      total="£26,915", n=12, average="£2,243")
    >>> costs.recomputed_total()
    27055.0
    >>> for f in audit([costs]).findings:
    ...     print(f.row, f.rule, f.published, f.recomputed)
    Housing product 15400 15540
    Total total 26915 27055
    Average ratio 2243 2255
    """

    name: str
    row_labels: tuple[str, ...] = attrs.field(converter=_strs)
    counts: tuple[Cell, ...] | None = attrs.field(default=None, converter=_opt_cells)
    units: tuple[Cell, ...] | None = attrs.field(default=None, converter=_opt_cells)
    totals: tuple[Cell, ...] = attrs.field(default=(), converter=_cells)
    total: Cell | None = None
    n: int | None = None
    average: Cell | None = None
    decimals: int = 0

    def __attrs_post_init__(self) -> None:
        r = len(self.row_labels)
        _check_shape(f"{self.name}: totals", self.totals, r, "row label")
        _check_shape(f"{self.name}: counts", self.counts, r, "row label")
        _check_shape(f"{self.name}: units", self.units, r, "row label")
        if (self.counts is None) != (self.units is None):
            msg = (
                f"{self.name}: counts and units go together (count × unit = total); give both or neither"
            )
            raise InputValueError(msg)
        for x in self.counts or ():
            _count(x, f"{self.name}: counts")
        for name in ("units", "totals"):
            for x in getattr(self, name) or ():
                self.money(x, name)
        for name in ("total", "average"):
            if getattr(self, name) is not None:
                self.money(getattr(self, name), name)
        if self.n is not None and (
            isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1
        ):
            msg = f"{self.name}: n must be a whole number >= 1: {self.n!r}"
            raise InputValueError(msg)

    def money(self, value: Cell, name: str) -> Printed:
        """Parse a money cell of this table (numbers at *decimals*)."""
        return printed(value, f"{self.name}: {name}", self.decimals)

    def recomputed_total(self) -> float:
        """Sum of count × unit (or of the printed items)."""
        if self.counts is None or self.units is None:
            return float(sum(self.money(t, "totals").value for t in self.totals))
        return float(
            sum(
                printed(c, "count").value * self.money(u, "units").value
                for c, u in zip(self.counts, self.units, strict=True)
            )
        )


@attrs.frozen(slots=True)
class SummaryRow:
    """A printed "N, M [CI], SD" row; *granularity* enables the GRIM test, *se* the SD check.

    Parameters
    ----------
    table, row : str
        Where it is printed.
    n : int or None
        Printed sample size (None where the report gives none: the interval
        and GRIM are then not checkable).
    mean : cell
    sd, se : cell, optional
        Printed standard deviation and standard error.
    ci_low, ci_high : cell, optional
        The printed interval for the mean.
    confidence : float
        Its confidence level, in (0, 1).
    interval : {"t", "z"}
        ``M ± t(n-1) SD/√n`` or ``M ± z SD/√n``.
    granularity : float, optional
        Step of each score (1 for integer data): enables GRIM.

    Examples
    --------
    A printed t-interval that matches its mean, SD and N:

    >>> from safecore.audit import SummaryRow, audit
    >>> burnout = SummaryRow("Table 9", "Personal burnout", n=11, mean="37.5", sd="11.3",
    ...                      ci_low="29.9", ci_high="45.1")
    >>> print(audit(summaries=[burnout]).summary())
    0 findings in 1 check: 0 errors, 0 warnings, 0 notes

    A mean of ten whole-number ratings cannot be 3.47 (GRIM):

    >>> rating = SummaryRow("Table 4", "Parenting confidence (1-5)", n=10, mean="3.47",
    ...                     sd="0.81", ci_low="2.89", ci_high="4.05", granularity=1)
    >>> [(f.rule, f.severity, f.published, f.recomputed) for f in audit(summaries=[rating]).findings]
    [('grim', 'error', 3.47, 3.5)]
    """

    table: str
    row: str
    n: int | None
    mean: Cell
    sd: Cell | None = None
    ci_low: Cell | None = None
    ci_high: Cell | None = None
    confidence: float = 0.95
    granularity: float | None = None
    se: Cell | None = None
    interval: Literal["t", "z"] = "t"

    def __attrs_post_init__(self) -> None:
        where = f"{self.table}, {self.row}"
        for name in ("mean", "sd", "ci_low", "ci_high", "se"):
            if getattr(self, name) is not None:
                printed(getattr(self, name), f"{where}: {name}")
        if self.n is not None and (
            isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1
        ):
            msg = f"{where}: n must be a whole number >= 1: {self.n!r}"
            raise InputValueError(msg)
        if not 0 < self.confidence < 1:
            msg = f"{where}: confidence must be in (0, 1), e.g. 0.95: {self.confidence!r}"
            raise InputValueError(msg)
        if self.granularity is not None and not self.granularity > 0:
            msg = f"{where}: granularity must be > 0: {self.granularity!r}"
            raise InputValueError(msg)
        _check_choice(self.interval, f"{where}: interval", ("t", "z"))


@attrs.frozen(slots=True)
class Figure:
    """A figure printed in the text or a table, with a name relations can refer to.

    Parameters
    ----------
    name : str
        The name a [`Relation`][safecore.audit.declarations.Relation] uses for it.
    where : str
        Where it is printed, e.g. "Text (section 3)".
    published : cell
        The figure as printed: ``43``, ``"40%"``, ``"£15,400"``.

    Examples
    --------
    The families the text counts, and a relation saying they add up:

    >>> from safecore.audit import Figure, Relation, audit
    >>> figures = [Figure("engaged", "Text (section 3)", 12),
    ...            Figure("disengaged", "Text (section 3)", 25),
    ...            Figure("families", "Text (section 3)", 37)]
    >>> total = Relation("sum", ["engaged", "disengaged"], published="families")
    >>> print(audit(figures=figures, relations=[total]).summary())
    0 findings in 1 check: 0 errors, 0 warnings, 0 notes
    """

    name: str
    where: str
    published: Cell

    def __attrs_post_init__(self) -> None:
        printed(self.published, f"figure {self.name!r}")


_FIGURE_KINDS = ("equal", "sum", "difference", "ratio", "percent", "mean", "agree")


@attrs.frozen(slots=True)
class Relation:
    """A declared arithmetic relation between a printed figure and other quantities.

    ``kind`` is one of ``equal`` (figure = a), ``sum`` (figure = Σ operands),
    ``difference`` (figure = a − b), ``ratio`` (figure = a ÷ b),
    ``percent`` (figure = 100 a ÷ b) or ``mean`` (figure = mean of the
    operands), each then multiplied by *factor*; or ``agree`` (no figure:
    quantity a must equal quantity b, as when two tables describe the same
    records; ``*`` in both operands expands over the row or column labels
    the two share). Operands name printed figures or table quantities (see
    [`audit`][safecore.audit.checks.audit]); *published* names the printed figure.

    Examples
    --------
    The text says 33% of the families engaged; 12 of 37 is 32%:

    >>> from safecore.audit import CountTable, Figure, Relation, audit
    >>> figures = [Figure("families", "Text (section 3)", 37),
    ...            Figure("engaged", "Text (section 3)", 12),
    ...            Figure("% engaged", "Text (section 3)", "33%")]
    >>> share = Relation("percent", ["engaged", "families"], published="% engaged")
    >>> audit(figures=figures, relations=[share]).findings
    (Finding(Text (section 3), % engaged: published 33, recomputed 32, percent, error),)

    Operands may also name a table's quantities, here the N of a row:

    >>> table = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
    ...                    counts=((9, 3), (5, 20)), row_totals=(12, 25))
    >>> same = Relation("equal", ["Table 5.n.Engaged"], published="engaged")
    >>> print(audit([table], figures=figures, relations=[same]).summary())
    0 findings in 3 checks: 0 errors, 0 warnings, 0 notes
    """

    kind: Literal["equal", "sum", "difference", "ratio", "percent", "mean", "agree"]
    operands: tuple[str, ...] = attrs.field(converter=_strs)
    published: str = ""
    factor: float = 1.0
    decimals: int | None = None
    severity: Severity = "error"
    note: str = ""

    def __attrs_post_init__(self) -> None:
        _check_choice(self.kind, "relation kind", _FIGURE_KINDS)
        _check_choice(self.severity, "severity", _SEVERITIES)
        need = {"equal": 1, "difference": 2, "ratio": 2, "percent": 2, "agree": 2}.get(self.kind)
        if need is not None and len(self.operands) != need:
            msg = (
                f"a {self.kind!r} relation takes {need} operand(s), got {len(self.operands)}: "
                f"{list(self.operands)}"
            )
            raise InputValueError(msg)
        if not self.operands:
            msg = f"a {self.kind!r} relation needs at least one operand"
            raise InputValueError(msg)
        if self.kind != "agree" and not self.published:
            msg = f"a {self.kind!r} relation needs 'published', the name of the printed figure"
            raise InputValueError(msg)


_MEASURES = {"risk-difference": "wald", "relative-risk": "log", "odds-ratio": "log"}


@attrs.frozen(slots=True)
class Comparison:
    """A printed risk difference, relative risk or odds ratio (and interval) between two rows of counts.

    Parameters
    ----------
    kind : {"risk-difference", "relative-risk", "odds-ratio"}
    table : str
        The [`CountTable`][safecore.audit.declarations.CountTable] holding the counts.
    rows : (str, str)
        The two groups, compared first against second.
    event : str
        The column counting events; a group's total is its printed N
        (``row_totals``), else its row sum.
    estimate, ci_low, ci_high : cell, optional
        The printed estimate and interval. A risk difference printed with
        ``%`` is in percentage points, else a proportion.
    confidence : float
    method : {"wald", "log"}
        ``"wald"`` for a risk difference, ``"log"`` for a ratio (the only
        methods implemented; declared so a report's method is explicit).

    Examples
    --------
    Engaged families improved 3.75 times as often as disengaged ones; the
    printed interval is not the log-scale interval of the counts:

    >>> from safecore.audit import Comparison, CountTable, audit
    >>> table = CountTable("Table 5", ("Engaged", "Disengaged"), ("Improved", "Not improved"),
    ...                    counts=((9, 3), (5, 20)))
    >>> rr = Comparison("relative-risk", "Table 5", ("Engaged", "Disengaged"), "Improved",
    ...                 estimate="3.75", ci_low="1.58", ci_high="8.90")
    >>> rr.method_used
    'log'
    >>> for f in audit([table], relations=[rr]).findings:
    ...     print(f.rule, f.column, f.published, f.recomputed)
    relative-risk 95% CI [1.58, 8.90] [1.60, 8.77]
    """

    kind: Literal["risk-difference", "relative-risk", "odds-ratio"]
    table: str
    rows: tuple[str, ...] = attrs.field(converter=_strs)
    event: str
    estimate: Cell | None = None
    ci_low: Cell | None = None
    ci_high: Cell | None = None
    confidence: float = 0.95
    method: str = ""
    severity: Severity = "error"
    note: str = ""

    def __attrs_post_init__(self) -> None:
        _check_choice(self.kind, "relation kind", tuple(_MEASURES))
        if len(self.rows) != 2:
            msg = f"a {self.kind!r} relation compares two rows, got {len(self.rows)}: {list(self.rows)}"
            raise InputValueError(msg)
        if self.method:
            _check_choice(self.method, f"{self.kind} method", (_MEASURES[self.kind],))
        _check_choice(self.severity, "severity", _SEVERITIES)
        for name in ("estimate", "ci_low", "ci_high"):
            if getattr(self, name) is not None:
                printed(getattr(self, name), f"{self.table}: {self.kind} {name}")
        if not 0 < self.confidence < 1:
            msg = f"confidence must be in (0, 1), e.g. 0.95: {self.confidence!r}"
            raise InputValueError(msg)

    @property
    def method_used(self) -> str:
        """The interval method: Wald for a risk difference, log scale for a ratio."""
        return self.method or _MEASURES[self.kind]


_DF = {"t": 1, "z": 0, "chi2": 1, "F": 2}


@attrs.frozen(slots=True)
class PrintedTest:
    """A printed test statistic with its degrees of freedom and p-value: ``t(28) = 2.20, p = .036``.

    Parameters
    ----------
    where, label : str
        Where it is printed and what it tests.
    test : {"t", "z", "chi2", "F"}
    statistic : cell
        The printed statistic (its printed decimals set the rounding range).
    df : sequence of float
        Degrees of freedom: one for t and chi2, two for F, none for z.
    p : cell
        The printed p: ``"< .05"``, ``".036"``.
    tails : {1, 2}
        Two-tailed (default) or one-tailed for t and z.
    alpha : float
        The significance level a decision error is judged at.

    Examples
    --------
    ``t(28) = 2.20, p = .036`` is consistent; the same statistic printed
    with ``p < .01`` is not:

    >>> from safecore.audit import PrintedTest, audit
    >>> ok = PrintedTest("Text (section 4)", "burnout, time 1 vs 2", "t", "2.20", df=[28], p=".036")
    >>> print(audit(relations=[ok]).summary())
    0 findings in 1 check: 0 errors, 0 warnings, 0 notes
    >>> slip = PrintedTest("Text (section 4)", "burnout, time 1 vs 2", "t", "2.20", df=[28],
    ...                    p="< .01")
    >>> [(f.rule, f.severity, f.recomputed) for f in audit(relations=[slip]).findings]
    [('p-value', 'warning', '0.0362')]
    """

    __test__: ClassVar[bool] = False  # not a pytest test class

    where: str
    label: str
    test: Literal["t", "z", "chi2", "F"]
    statistic: Cell
    df: tuple[float, ...] = attrs.field(default=(), converter=tuple)
    p: Cell = ""
    tails: int = 2
    alpha: float = 0.05
    severity: Severity = "error"

    def __attrs_post_init__(self) -> None:
        _check_choice(self.test, "test", tuple(_DF))
        if len(self.df) != _DF[self.test]:
            msg = (
                f"{self.where}, {self.label}: a {self.test} statistic takes {_DF[self.test]} df, "
                f"got {list(self.df)}"
            )
            raise InputValueError(msg)
        if any(isinstance(d, bool) or not isinstance(d, int | float) or not d > 0 for d in self.df):
            msg = f"{self.where}, {self.label}: df must be numbers > 0: {list(self.df)}"
            raise InputValueError(msg)
        stat = printed(self.statistic, f"{self.where}, {self.label}: statistic")
        if self.test in ("chi2", "F") and stat.value < 0:
            msg = (
                f"{self.where}, {self.label}: a {self.test} statistic cannot be negative: "
                f"{self.statistic!r}"
            )
            raise InputValueError(msg)
        printed(self.p, f"{self.where}, {self.label}: p")
        if self.tails not in (1, 2):
            msg = f"{self.where}, {self.label}: tails must be 1 or 2: {self.tails!r}"
            raise InputValueError(msg)
        _check_choice(self.severity, "severity", _SEVERITIES)


Table = CountTable | ProductTable
AnyRelation = Relation | Comparison | PrintedTest


def _check_rounding(instance: Any, attribute: Any, value: str) -> None:
    _check_choice(value, "rounding", ROUNDING_RULES)


@attrs.frozen(slots=True)
class Declarations:
    """Everything an audit checks: a report's tables, summaries, figures, relations and rounding rule.

    [`read_declarations`][safecore.audit.reader.read_declarations] reads it from a TOML file;
    [`audit`][safecore.audit.declarations.Declarations.audit] runs the checks.

    Parameters
    ----------
    tables : sequence of CountTable or ProductTable
    summaries : sequence of SummaryRow
    figures : sequence of Figure
    relations : sequence of Relation, Comparison or PrintedTest
    rounding : {"half-up", "half-even"}
        The report's rounding rule (a spreadsheet's ROUND is half-up).
    title : str
        The report audited.

    Examples
    --------
    5 of 40 families is 12.5%: printed as 12%, that is a slip under
    half-up rounding but right under half-even:

    >>> from safecore.audit import Declarations, Figure, Relation
    >>> figures = [Figure("improved", "Text", 5), Figure("families", "Text", 40),
    ...            Figure("% improved", "Text", "12%")]
    >>> share = Relation("percent", ["improved", "families"], published="% improved")
    >>> declared = Declarations(figures=figures, relations=[share], title="Pilot evaluation")
    >>> print(declared.audit().summary())
    1 finding in 1 check: 1 error, 0 warnings, 0 notes
    >>> evened = Declarations(figures=figures, relations=[share], rounding="half-even")
    >>> print(evened.audit().summary())
    0 findings in 1 check: 0 errors, 0 warnings, 0 notes
    """

    tables: tuple[Table, ...] = attrs.field(default=(), converter=tuple)
    summaries: tuple[SummaryRow, ...] = attrs.field(default=(), converter=tuple)
    figures: tuple[Figure, ...] = attrs.field(default=(), converter=tuple)
    relations: tuple[AnyRelation, ...] = attrs.field(default=(), converter=tuple)
    rounding: Rounding = attrs.field(default="half-up", validator=_check_rounding)
    title: str = ""

    def audit(self) -> Any:
        """Run every check: ``audit(tables, summaries, figures, relations, rounding=...)``."""
        from safecore.audit.checks import audit  # noqa: PLC0415 - checks import this module

        return audit(self.tables, self.summaries, self.figures, self.relations, rounding=self.rounding)
