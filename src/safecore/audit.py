"""Recompute published tables and report where the printed figures do not add up.

The checks are generic: each takes a table's *declared structure* (counts
with stated totals and printed percentages; counts times unit values; summary
statistics with confidence intervals; figures related by sums, ratios,
differences and proportions) and compares every printed number with the
value recomputed from its inputs, at the printed precision. Nothing about a
particular report is hard-coded here: :func:`audit_2020` declares the
SafeCORE report's structure from the embedded data and runs the same checks.

Examples
--------
>>> from safecore.audit import CountTable, audit
>>> t = CountTable("Table X", ("a", "b"), ("yes", "no"), counts=((3, 1), (2, 2)),
...                row_totals=(4, 5), cell_percents=((75, 25), (50, 50)))
>>> for f in audit([t]).findings:
...     print(f.rule, f.row, f.published, f.recomputed)
row-sum b 5 4
percent b 50 40
percent b 50 40
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs
import numpy as np

from safecore._numeric import round_half_up
from safecore._results import Result, ResultTable

__all__ = [
    "AuditReport",
    "CountTable",
    "Figure",
    "Finding",
    "ProductTable",
    "Relation",
    "SummaryRow",
    "audit",
]

Severity = Literal["error", "warning", "note"]


def _tidy(x: float | str) -> float | str:
    """Whole numbers as int (so 15400.0 prints and serialises as 15400)."""
    if isinstance(x, str):
        return x
    x = float(x)
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


_FINDING_COLUMNS = ("table", "row", "column", "published", "recomputed", "rule", "severity", "message")
_FINDING_HEADERS = tuple(c.capitalize() for c in _FINDING_COLUMNS)
_FINDING_FORMATS = {"published": "figure", "recomputed": "figure"}


@attrs.frozen(slots=True, repr=False, eq=False)
class Finding(Result):
    """One published figure that differs from its recomputed value.

    Attributes
    ----------
    table : str
        Where the figure is printed ("Table 7", "Text (section 3)").
    row, column : str
        The cell (empty where not applicable).
    published : float or str
        The figure as printed.
    recomputed : float or str
        The value recomputed from the figure's inputs, at the printed precision.
    rule : str
        The check: ``row-sum``, ``column-sum``, ``percent``, ``product``,
        ``total``, ``ratio``, ``difference``, ``proportion``, ``chi-square``,
        ``p-value``, ``ci``, ``grim``, ``equal``.
    severity : {"error", "warning", "note"}
        ``error``: the figure cannot be right; ``warning``: it cannot be
        reproduced and may be explained by something unstated (missing
        records, another interval method).
    message : str
        A sentence explaining the finding.
    """

    table: str
    row: str
    column: str
    published: float | str = attrs.field(converter=_tidy)
    recomputed: float | str = attrs.field(converter=_tidy)
    rule: str = ""
    severity: Severity = "error"
    message: str = ""

    def _row(self) -> tuple[str | float, ...]:
        return tuple(getattr(self, c) for c in _FINDING_COLUMNS)

    def _table(self) -> ResultTable:
        return ResultTable(
            _FINDING_COLUMNS,
            [self._row()],
            caption=self.summary(),
            headers=_FINDING_HEADERS,
            formats=_FINDING_FORMATS,
        )

    def summary(self) -> str:
        """One line: where, the rule and severity, and the message."""
        where = ", ".join(x for x in (self.table, self.row, self.column) if x)
        return f"{where}: {self.rule} {self.severity}: {self.message}"

    def __repr__(self) -> str:
        where = ", ".join(x for x in (self.table, self.row, self.column) if x)
        return (
            f"Finding({where}: published {self.published!r}, recomputed {self.recomputed!r}, "
            f"{self.rule}, {self.severity})"
        )


@attrs.frozen(slots=True, repr=False, eq=False)
class AuditReport(Result):
    """All findings of an audit, in the order the checks ran."""

    findings: tuple[Finding, ...]
    checks: int

    def __len__(self) -> int:
        return len(self.findings)

    def by_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """Return the findings of one severity."""
        return tuple(f for f in self.findings if f.severity == severity)

    def _table(self) -> ResultTable:
        """One row per finding: table, row, column, published, recomputed, rule, severity, message.

        No caption, so the Markdown is the table alone (the docs embed it);
        :meth:`summary` and ``str()`` give the counts.
        """
        return ResultTable(
            _FINDING_COLUMNS,
            [f._row() for f in self.findings],
            headers=_FINDING_HEADERS,
            formats=_FINDING_FORMATS,
        )

    def summary(self) -> str:
        """One line: ``38 findings in 333 checks: 17 errors, 21 warnings, 0 notes``."""
        counts = ", ".join(f"{len(self.by_severity(s))} {s}s" for s in ("error", "warning", "note"))
        return f"{len(self.findings)} findings in {self.checks} checks: {counts}"

    def __repr__(self) -> str:
        counts = {s: len(self.by_severity(s)) for s in ("error", "warning", "note")}
        return f"AuditReport(findings={len(self.findings)}, checks={self.checks}, {counts})"


def _decimals(x: float) -> int:
    """Decimals a printed number shows (0 for whole numbers)."""
    if float(x).is_integer():
        return 0
    text = repr(float(x))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 6


def _rounded(value: float, decimals: int) -> float:
    return float(round_half_up(value, decimals))


def _same(published: float, recomputed: float, decimals: int | None = None) -> bool:
    d = _decimals(published) if decimals is None else decimals
    return math.isclose(_rounded(recomputed, d), published, abs_tol=10.0 ** -(d + 3))


# -- declared structures ------------------------------------------------------------------------


def _strs(x: Iterable[str]) -> tuple[str, ...]:
    return tuple(x)


def _floats(x: Iterable[float]) -> tuple[float, ...]:
    return tuple(x)


def _tuple2(x: Any) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(r) for r in x)


def _opt_tuple(x: Any) -> tuple[float, ...] | None:
    return None if x is None else tuple(x)


def _opt_tuple2(x: Any) -> tuple[tuple[float, ...], ...] | None:
    return None if x is None else _tuple2(x)


@attrs.frozen(slots=True)
class CountTable:
    """A printed table of counts with (optionally) stated totals and percentages.

    Parameters
    ----------
    name : str
        Where it is printed, e.g. "Table 2".
    row_labels, column_labels : sequence of str
    counts : 2-D sequence of int
        The printed cell counts.
    row_totals : sequence, optional
        A printed N per row. Cell percentages then use it as denominator.
    row_total_percents : sequence, optional
        The printed percentage beside each N, of *grand_total*.
    cell_percents : 2-D sequence, optional
        The printed cell percentages (of the row's N, or of the row sum).
    grand_total : float, optional
        A stated total of all records.
    totals_are_sums : bool
        Whether each N should equal its row's cells (True), or is only the
        denominator of the printed percentages, as when a table prints the
        families who *could* improve beside those who did (False).
    statistic : float, optional
        A printed Pearson chi-square statistic for the counts.
    pvalue : str, optional
        The printed p-value: ``"< .001"`` or a number such as ``"0.0009"``.
    """

    name: str
    row_labels: tuple[str, ...] = attrs.field(converter=_strs)
    column_labels: tuple[str, ...] = attrs.field(converter=_strs)
    counts: tuple[tuple[float, ...], ...] = attrs.field(converter=_tuple2)
    row_totals: tuple[float, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    row_total_percents: tuple[float, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    cell_percents: tuple[tuple[float, ...], ...] | None = attrs.field(
        default=None, converter=_opt_tuple2
    )
    grand_total: float | None = None
    statistic: float | None = None
    pvalue: str | None = None
    totals_are_sums: bool = True

    def column_sum(self, j: int) -> float:
        """Sum of column *j*'s printed counts."""
        return float(sum(r[j] for r in self.counts))


@attrs.frozen(slots=True)
class ProductTable:
    """A printed table of counts times unit values, with a total and an average.

    Parameters
    ----------
    name : str
    row_labels : sequence of str
    counts, units, totals : sequence of float
        Printed count, unit value and total (count × unit) per row.
    total : float, optional
        The printed sum of the totals.
    n : int, optional
        The denominator of the printed average (e.g. families).
    average : float, optional
        The printed ``total / n``.
    decimals : int
        Printed precision of money (0: whole pounds).
    """

    name: str
    row_labels: tuple[str, ...] = attrs.field(converter=_strs)
    counts: tuple[float, ...] = attrs.field(converter=_floats)
    units: tuple[float, ...] = attrs.field(converter=_floats)
    totals: tuple[float, ...] = attrs.field(converter=_floats)
    total: float | None = None
    n: int | None = None
    average: float | None = None
    decimals: int = 0

    def recomputed_total(self) -> float:
        """Sum of count × unit."""
        return float(sum(c * u for c, u in zip(self.counts, self.units, strict=True)))


@attrs.frozen(slots=True)
class SummaryRow:
    """A printed "N, M [CI], SD" row; *granularity* enables the GRIM test."""

    table: str
    row: str
    n: int
    mean: float
    sd: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95
    granularity: float | None = None


@attrs.frozen(slots=True)
class Figure:
    """A figure printed in the text or a table, with a name relations can refer to."""

    name: str
    where: str
    published: float


@attrs.frozen(slots=True)
class Relation:
    """A declared arithmetic relation between a printed figure and other quantities.

    ``kind`` is one of ``equal`` (figure = a), ``sum`` (figure = Σ operands),
    ``difference`` (figure = a − b), ``ratio`` (figure = a ÷ b) or
    ``percent`` (figure = 100 a ÷ b), each then multiplied by *factor*;
    or ``agree`` (no figure: quantity a must equal quantity b, as when two
    tables describe the same records; ``*`` in both operands expands over
    the row or column labels the two share). Operands name recomputed
    quantities or printed figures (see :func:`audit`); *published* names
    the printed figure.
    """

    kind: Literal["equal", "sum", "difference", "ratio", "percent", "agree"]
    operands: tuple[str, ...] = attrs.field(converter=_strs)
    published: str = ""
    factor: float = 1.0
    decimals: int | None = None
    severity: Severity = "error"
    note: str = ""


# -- the checks ---------------------------------------------------------------------------------


class _Run:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checks = 0

    def check(
        self,
        ok: bool,
        table: str,
        row: str,
        column: str,
        published: float | str,
        recomputed: float | str,
        rule: str,
        severity: Severity,
        message: str,
    ) -> None:
        self.checks += 1
        if not ok:
            self.findings.append(
                Finding(table, row, column, published, recomputed, rule, severity, message)
            )


def _check_count_table(  # noqa: PLR0912 - one pass over a table's declared parts
    run: _Run, t: CountTable, quantities: dict[str, tuple[float | None, float]]
) -> None:
    counts = np.array(t.counts, dtype=np.float64)
    sums = counts.sum(axis=1)
    for i, label in enumerate(t.row_labels):
        if t.row_totals is not None and t.totals_are_sums:
            n = t.row_totals[i]
            short = n > sums[i]
            run.check(
                n == sums[i],
                t.name,
                label,
                "N",
                n,
                float(sums[i]),
                "row-sum",
                "warning" if short else "error",
                f"N is {n:g} but the cells sum to {sums[i]:g}"
                + (" (records with no status recorded?)" if short else ": more cells than records"),
            )
        if t.cell_percents is not None:
            base = t.row_totals[i] if t.row_totals is not None else sums[i]
            for j, column in enumerate(t.column_labels):
                printed = t.cell_percents[i][j]
                value = 100 * counts[i, j] / base if base else math.nan
                run.check(
                    _same(printed, value),
                    t.name,
                    label,
                    column,
                    printed,
                    _rounded(value, _decimals(printed)),
                    "percent",
                    "error",
                    f"{counts[i, j]:g} of {base:g} is {value:.2f}%, printed {printed:g}%",
                )
    grand = float(counts.sum()) if t.row_totals is None else float(sum(t.row_totals))
    if t.grand_total is not None:
        run.check(
            math.isclose(grand, t.grand_total),
            t.name,
            "Total",
            "N",
            t.grand_total,
            grand,
            "column-sum",
            "error",
            f"the rows sum to {grand:g}, the stated total is {t.grand_total:g}",
        )
    if t.row_total_percents is not None and t.row_totals is not None:
        base = t.grand_total if t.grand_total is not None else grand
        for i, label in enumerate(t.row_labels):
            printed = t.row_total_percents[i]
            value = 100 * t.row_totals[i] / base
            run.check(
                _same(printed, value),
                t.name,
                label,
                "N %",
                printed,
                _rounded(value, _decimals(printed)),
                "percent",
                "error",
                f"{t.row_totals[i]:g} of {base:g} is {value:.2f}%, printed {printed:g}%",
            )
    if t.statistic is not None:
        import warnings  # noqa: PLC0415

        from safecore.stats.contingency import chi_square  # noqa: PLC0415

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = chi_square(counts)
        d = _decimals(t.statistic)
        run.check(
            _same(t.statistic, res.statistic, d),
            t.name,
            "",
            "chi-square",
            t.statistic,
            _rounded(res.statistic, d),
            "chi-square",
            "error",
            f"Pearson's chi-square of the printed counts is {res.statistic:.4f}",
        )
        if t.pvalue is not None:
            text = t.pvalue.replace(" ", "")
            if text.startswith("<"):
                bound = float(text[1:])
                ok = res.pvalue < bound
                shown: float | str = f"{res.pvalue:.3g}"
            else:
                printed_p = float(text)
                ok = _same(printed_p, res.pvalue)
                shown = _rounded(res.pvalue, _decimals(printed_p))
            run.check(
                ok,
                t.name,
                "",
                "p",
                t.pvalue,
                shown,
                "p-value",
                "error",
                f"the chi-square p-value of the printed counts is {res.pvalue:.3g}",
            )
    quantities[f"{t.name}.total"] = (t.grand_total, grand)
    quantities[f"{t.name}.cells"] = (None, float(counts.sum()))
    for j, column in enumerate(t.column_labels):
        quantities[f"{t.name}.column.{column}"] = (None, t.column_sum(j))
    for i, label in enumerate(t.row_labels):
        quantities[f"{t.name}.row.{label}"] = (
            None if t.row_totals is None else t.row_totals[i],
            float(sums[i]),
        )


def _check_product_table(
    run: _Run, t: ProductTable, quantities: dict[str, tuple[float | None, float]]
) -> None:
    for label, c, u, printed in zip(t.row_labels, t.counts, t.units, t.totals, strict=True):
        value = c * u
        run.check(
            _same(printed, value, t.decimals),
            t.name,
            label,
            "total",
            printed,
            _rounded(value, t.decimals),
            "product",
            "error",
            f"{c:g} × {u:,g} = {value:,.2f}, printed {printed:,g}",
        )
    total = t.recomputed_total()
    if t.total is not None:
        printed_sum = float(sum(t.totals))
        run.check(
            _same(t.total, total, t.decimals),
            t.name,
            "Total",
            "total",
            t.total,
            _rounded(total, t.decimals),
            "total",
            "error",
            f"the sum of count × unit is {total:,.2f}"
            + (f" (the printed cells sum to {printed_sum:,g})" if printed_sum != total else ""),
        )
    if t.average is not None and t.n:
        value = total / t.n
        run.check(
            _same(t.average, value, t.decimals),
            t.name,
            "Average",
            "per unit",
            t.average,
            _rounded(value, t.decimals),
            "ratio",
            "error",
            f"{total:,.2f} ÷ {t.n} = {value:,.2f}"
            + (f" (printed total ÷ n = {t.total / t.n:,.2f})" if t.total is not None else ""),
        )
    quantities[f"{t.name}.total"] = (t.total, total)
    if t.n:
        quantities[f"{t.name}.average"] = (t.average, total / t.n)
    for label, c, u, printed in zip(t.row_labels, t.counts, t.units, t.totals, strict=True):
        quantities[f"{t.name}.row.{label}"] = (printed, c * u)
        quantities[f"{t.name}.count.{label}"] = (c, c)


def _check_summary(run: _Run, s: SummaryRow) -> None:
    from safecore.stats.consistency import ci_consistent, grim  # noqa: PLC0415

    d = max(_decimals(s.mean), _decimals(s.sd), _decimals(s.ci_low), _decimals(s.ci_high))
    ci = ci_consistent(s.mean, s.sd, s.n, s.ci_low, s.ci_high, s.confidence, d)
    lo, hi = ci.recomputed
    run.check(
        ci.consistent,
        s.table,
        s.row,
        "95% CI",
        f"[{s.ci_low:g}, {s.ci_high:g}]",
        f"[{_rounded(lo, d):g}, {_rounded(hi, d):g}]",
        "ci",
        "warning",
        f"M ± t({s.n - 1}) SD/√N gives [{lo:.2f}, {hi:.2f}]; the printed interval matches no "
        "t-interval for the printed M, SD and N (another method, or a slip)",
    )
    if s.granularity is not None:
        g = grim(s.mean, s.n, s.granularity, _decimals(s.mean))
        run.check(
            g.consistent,
            s.table,
            s.row,
            "M",
            s.mean,
            g.nearest[0],
            "grim",
            "error",
            f"no {s.n} scores on a grid of {s.granularity:g} have a mean that rounds to {s.mean:g}",
        )


def _lookup(
    name: str, quantities: Mapping[str, tuple[float | None, float]], figures: Mapping[str, Figure]
) -> tuple[float | None, float]:
    """Return the (printed, recomputed) value of a quantity or figure."""
    if name in figures:
        return figures[name].published, figures[name].published
    if name not in quantities:
        msg = f"a relation refers to unknown quantity {name!r}"
        raise KeyError(msg)
    return quantities[name]


def _combine(kind: str, v: list[float]) -> float:
    if kind == "equal":
        return v[0]
    if kind == "sum":
        return sum(v)
    if kind == "difference":
        return v[0] - v[1]
    if kind == "ratio":
        return v[0] / v[1]
    return 100 * v[0] / v[1]  # percent


def _evaluate(
    r: Relation, quantities: Mapping[str, tuple[float | None, float]], figures: Mapping[str, Figure]
) -> tuple[float, float | None]:
    """Recomputed value of a relation, and the value from printed operands (if all printed)."""
    pairs = [_lookup(o, quantities, figures) for o in r.operands]
    results: list[float | None] = []
    for values in ([p[1] for p in pairs], [p[0] for p in pairs]):
        if any(v is None for v in values):
            results.append(None)
            continue
        results.append(r.factor * _combine(r.kind, [float(x) for x in values if x is not None]))
    recomputed = results[0]
    if recomputed is None:  # pragma: no cover - recomputed values always exist
        msg = f"cannot recompute {r.published!r}"
        raise KeyError(msg)
    return recomputed, results[1]


def _check_agree(run: _Run, r: Relation, quantities: Mapping[str, tuple[float | None, float]]) -> None:
    a, b = r.operands
    if "*" in a:
        pa, pb = a.split("*")[0], b.split("*")[0]
        labels = [k[len(pa) :] for k in quantities if k.startswith(pa)]
        pairs = [(pa + lab, pb + lab) for lab in labels if pb + lab in quantities]
        if not pairs:
            msg = f"relation agree({a}, {b}) matches no shared labels"
            raise KeyError(msg)
    else:
        pairs = [(a, b)]
    for x, y in pairs:
        vx, vy = quantities[x][1], quantities[y][1]
        table, kind, label = [*x.split(".", 2), "", ""][:3]
        row, column = (label, "") if kind != "column" else ("", label)
        run.check(
            math.isclose(vx, vy),
            table,
            row,
            column,
            vx,
            vy,
            "equal",
            r.severity,
            f"{x} is {vx:g} but {y} is {vy:g}; both describe the same records"
            + (f". {r.note}" if r.note else ""),
        )


def audit(
    tables: Iterable[CountTable | ProductTable] = (),
    summaries: Iterable[SummaryRow] = (),
    figures: Iterable[Figure] = (),
    relations: Iterable[Relation] = (),
) -> AuditReport:
    """Recompute every printed figure of the declared tables and report mismatches.

    Parameters
    ----------
    tables : iterable of CountTable or ProductTable
        Row sums, percentages, products, totals, averages and chi-squares are
        checked within each table.
    summaries : iterable of SummaryRow
        Confidence intervals (and GRIM, where a granularity is declared).
    figures : iterable of Figure
        Printed figures (text or tables) that relations refer to by name.
    relations : iterable of Relation
        Arithmetic relations between a printed figure and recomputed
        quantities. A table declares quantities named ``"<table>.total"``,
        ``"<table>.column.<label>"``, ``"<table>.row.<label>"``,
        ``"<table>.average"`` and ``"<table>.count.<label>"``.

    Returns
    -------
    AuditReport

    Notes
    -----
    A printed figure matches when the recomputed value, rounded half up to
    the printed number of decimals, equals it. Money is compared to the
    pound. A relation's finding also reports what the *printed* operands
    give, which shows whether a slip was carried forward.
    """
    run = _Run()
    quantities: dict[str, tuple[float | None, float]] = {}
    for t in tables:
        if isinstance(t, CountTable):
            _check_count_table(run, t, quantities)
        else:
            _check_product_table(run, t, quantities)
    for s in summaries:
        _check_summary(run, s)
    figs = {f.name: f for f in figures}
    for r in relations:
        if r.kind == "agree":
            _check_agree(run, r, quantities)
            continue
        if r.published not in figs:
            msg = f"relation refers to unknown figure {r.published!r}"
            raise KeyError(msg)
        fig = figs[r.published]
        recomputed, from_printed = _evaluate(r, quantities, figs)
        d = _decimals(fig.published) if r.decimals is None else r.decimals
        extra = ""
        if from_printed is not None and not math.isclose(from_printed, recomputed):
            extra = f"; the printed operands give {from_printed:,.2f}"
        factor = f" × {r.factor:g}" if r.factor != 1 else ""
        run.check(
            _same(fig.published, recomputed, d),
            fig.where,
            fig.name,
            "",
            fig.published,
            _rounded(recomputed, d),
            r.kind,
            r.severity,
            f"{r.kind} of {', '.join(r.operands)}{factor} is {recomputed:,.4g}{extra}"
            + (f". {r.note}" if r.note else ""),
        )
    return AuditReport(tuple(run.findings), run.checks)
