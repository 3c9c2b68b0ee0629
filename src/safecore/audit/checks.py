"""The checks: recompute every declared figure and compare it with what was printed.

Every comparison is rounding-aware: a printed figure is consistent when the
recomputed value rounds to it at its printed precision (under the report's
rule, ``"half-up"`` or ``"half-even"``). Where the inputs are themselves
rounded (money printed to the pound, a mean and SD to one decimal, a test
statistic to two), the recomputation is the interval of values those inputs
allow, and the figure is consistent when that interval meets the values
that round to it. A relation whose inputs are not printed (no interval, no
n) is reported as a ``note``, "not checkable", with the reason.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import InvalidTableError, LimitExceededError, MissingKeyError
from safecore.audit.declarations import (
    AnyRelation,
    Comparison,
    CountTable,
    Figure,
    PrintedTest,
    ProductTable,
    Relation,
    SummaryRow,
    Table,
    printed,
)
from safecore.audit.findings import AuditReport, Finding, Severity
from safecore.audit.printed import Printed, Rounding, consistent, round_to

__all__ = ["audit"]

NOT_CHECKABLE = "not checkable"


class _Run:
    """The findings and the number of comparisons made so far."""

    def __init__(self, rounding: Rounding) -> None:
        self.findings: list[Finding] = []
        self.checks = 0
        self.rounding = rounding

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

    def not_checkable(
        self, table: str, row: str, column: str, published: float | str, rule: str, reason: str
    ) -> None:
        """Record a relation that cannot be checked: a note, not counted as a check."""
        self.findings.append(
            Finding(
                table, row, column, published, NOT_CHECKABLE, rule, "note", f"not checkable: {reason}"
            )
        )

    def consistent(
        self, p: Printed, low: float, high: float | None = None, decimals: int | None = None
    ) -> bool:
        return consistent(p, low, high, rounding=self.rounding, decimals=decimals)

    def rounded(self, value: float, decimals: int) -> float:
        return round_to(value, decimals, self.rounding)


@attrs.frozen(slots=True)
class _Quantity:
    """A quantity relations refer to: its printed value (if any), its recomputed value and half-width."""

    printed: float | None
    value: float
    width: float = 0.0


Quantities = dict[str, _Quantity]


def _measured(p: Printed) -> float:
    """Half a printed unit of a measurement (a mean or a statistic is never an exact count)."""
    return 0.5 * 10.0**-p.decimals


# -- tables of counts ------------------------------------------------------------------------------


def _check_percent(
    run: _Run, t: CountTable, row: str, column: str, count: float, base: float, cell: float | str
) -> None:
    p = printed(cell, f"{t.name}: percent")
    if base == 0:
        run.not_checkable(t.name, row, column, p.value, "percent", f"the denominator of {count:g} is 0")
        return
    value = 100 * count / base
    run.check(
        run.consistent(p, value),
        t.name,
        row,
        column,
        p.value,
        run.rounded(value, p.decimals),
        "percent",
        "error",
        f"{count:g} of {base:g} is {value:.2f}%, printed {p.value:g}%",
    )


def _check_test(run: _Run, t: CountTable, counts: NDArray[np.float64]) -> None:
    from safecore.stats.contingency import chi_square, fisher_exact_rxc  # noqa: PLC0415

    name = "the chi-square" if t.test == "chi-square" else "Fisher's exact"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = chi_square(counts.astype(np.int64))
            p = res.pvalue if t.test == "chi-square" else fisher_exact_rxc(counts.astype(np.int64))
    except (InvalidTableError, LimitExceededError) as exc:
        for what in ("statistic", "pvalue"):
            value = getattr(t, what)
            if value is not None:
                rule = "chi-square" if what == "statistic" else "p-value"
                run.not_checkable(
                    t.name, "", "chi-square" if what == "statistic" else "p", value, rule, str(exc)
                )
        return
    if t.statistic is not None:
        s = printed(t.statistic, f"{t.name}: statistic")
        run.check(
            run.consistent(s, res.statistic),
            t.name,
            "",
            "chi-square",
            s.value,
            run.rounded(res.statistic, s.decimals),
            "chi-square",
            "error",
            f"Pearson's chi-square of the printed counts is {res.statistic:.4f}",
        )
    if t.pvalue is not None:
        pp = printed(t.pvalue, f"{t.name}: pvalue")
        shown: float | str = f"{p:.3g}" if pp.bound else run.rounded(p, pp.decimals)
        run.check(
            run.consistent(pp, p),
            t.name,
            "",
            "p",
            t.pvalue,
            shown,
            "p-value",
            "error",
            f"{name} p-value of the printed counts is {p:.3g}",
        )


def _check_count_table(run: _Run, t: CountTable, quantities: Quantities) -> None:  # noqa: PLR0912 - one pass over a table's declared parts
    r, c = len(t.row_labels), len(t.column_labels)
    counts = np.array([[t.count(i, j) for j in range(c)] for i in range(r)], dtype=np.float64).reshape(
        r, c
    )
    sums = counts.sum(axis=1)
    colsums = counts.sum(axis=0)
    n_rows = None if t.row_totals is None else [printed(x, "N").value for x in t.row_totals]
    for i, label in enumerate(t.row_labels):
        if n_rows is not None and t.totals_are_sums:
            n = n_rows[i]
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
        if t.cell_percents is not None and t.percent_of == "row":
            base = n_rows[i] if n_rows is not None else float(sums[i])
            for j, column in enumerate(t.column_labels):
                _check_percent(run, t, label, column, counts[i, j], base, t.cell_percents[i][j])
    col_bases = [float(x) for x in colsums]
    if t.column_totals is not None:
        for j, column in enumerate(t.column_labels):
            stated = printed(t.column_totals[j], "column total").value
            col_bases[j] = stated
            run.check(
                stated == colsums[j],
                t.name,
                "Total",
                column,
                stated,
                float(colsums[j]),
                "column-sum",
                "error",
                f"the column's cells sum to {colsums[j]:g}, the printed total is {stated:g}",
            )
    grand = float(counts.sum()) if n_rows is None else float(sum(n_rows))
    stated_total = None if t.grand_total is None else printed(t.grand_total, "grand_total").value
    if stated_total is not None:
        run.check(
            math.isclose(grand, stated_total),
            t.name,
            "Total",
            "N",
            stated_total,
            grand,
            "column-sum",
            "error",
            f"the rows sum to {grand:g}, the stated total is {stated_total:g}",
        )
    if t.cell_percents is not None and t.percent_of != "row":
        for i, label in enumerate(t.row_labels):
            for j, column in enumerate(t.column_labels):
                base = col_bases[j] if t.percent_of == "column" else (stated_total or grand)
                _check_percent(run, t, label, column, counts[i, j], base, t.cell_percents[i][j])
    if t.row_total_percents is not None and n_rows is not None:
        base = stated_total if stated_total is not None else grand
        for i, label in enumerate(t.row_labels):
            p = printed(t.row_total_percents[i], "N %")
            if not base:
                run.not_checkable(
                    t.name, label, "N %", p.value, "percent", f"the denominator of {n_rows[i]:g} is 0"
                )
                continue
            value = 100 * n_rows[i] / base
            run.check(
                run.consistent(p, value),
                t.name,
                label,
                "N %",
                p.value,
                run.rounded(value, p.decimals),
                "percent",
                "error",
                f"{n_rows[i]:g} of {base:g} is {value:.2f}%, printed {p.value:g}%",
            )
    if t.statistic is not None or t.pvalue is not None:
        _check_test(run, t, counts)
    quantities[f"{t.name}.total"] = _Quantity(stated_total, grand)
    quantities[f"{t.name}.cells"] = _Quantity(None, float(counts.sum()))
    for j, column in enumerate(t.column_labels):
        quantities[f"{t.name}.column.{column}"] = _Quantity(None, float(colsums[j]))
    for i, label in enumerate(t.row_labels):
        quantities[f"{t.name}.row.{label}"] = _Quantity(
            None if n_rows is None else n_rows[i], float(sums[i])
        )
        if n_rows is not None:
            quantities[f"{t.name}.n.{label}"] = _Quantity(n_rows[i], n_rows[i])
        for j, column in enumerate(t.column_labels):
            quantities[f"{t.name}.cell.{label}.{column}"] = _Quantity(counts[i, j], counts[i, j])


# -- money tables ------------------------------------------------------------------------------------


def _check_product_table(run: _Run, t: ProductTable, quantities: Quantities) -> None:
    totals = [t.money(x, "totals") for x in t.totals]
    rows: list[tuple[float, float]] = []  # recomputed value and half-width per row
    if t.counts is not None and t.units is not None:
        for label, c_cell, u_cell, p in zip(t.row_labels, t.counts, t.units, totals, strict=True):
            c, u = printed(c_cell, "count").value, t.money(u_cell, "units")
            value, width = c * u.value, c * u.half_unit
            rows.append((value, width))
            run.check(
                run.consistent(p, value - width, value + width),
                t.name,
                label,
                "total",
                p.value,
                run.rounded(value, p.decimals),
                "product",
                "error",
                f"{c:g} × {u.value:,g} = {value:,.2f}, printed {p.value:,g}",
            )
            quantities[f"{t.name}.count.{label}"] = _Quantity(c, c)
            quantities[f"{t.name}.unit.{label}"] = _Quantity(u.value, u.value, u.half_unit)
    else:
        rows = [(p.value, p.half_unit) for p in totals]
    total = float(sum(v for v, _ in rows))
    width = float(sum(w for _, w in rows))
    tp = None if t.total is None else t.money(t.total, "total")
    if tp is not None:
        printed_sum = float(sum(p.value for p in totals))
        if t.counts is not None:
            message = f"the sum of count × unit is {total:,.2f}" + (
                f" (the printed cells sum to {printed_sum:,g})" if printed_sum != total else ""
            )
        else:
            spread = (
                f" (between {total - width:,.2f} and {total + width:,.2f} "
                "for items that round as printed)"
            )
            message = f"the items sum to {total:,.2f}{spread if width else ''}, printed {tp.value:,g}"
        run.check(
            run.consistent(tp, total - width, total + width),
            t.name,
            "Total",
            "total",
            tp.value,
            run.rounded(total, tp.decimals),
            "total",
            "error",
            message,
        )
    if t.average is not None:
        ap = t.money(t.average, "average")
        if not t.n:
            run.not_checkable(
                t.name, "Average", "per unit", ap.value, "ratio", "no n (the denominator) declared"
            )
        else:
            value = total / t.n
            run.check(
                run.consistent(ap, value - width / t.n, value + width / t.n),
                t.name,
                "Average",
                "per unit",
                ap.value,
                run.rounded(value, ap.decimals),
                "ratio",
                "error",
                f"{total:,.2f} ÷ {t.n} = {value:,.2f}"
                + (f" (printed total ÷ n = {tp.value / t.n:,.2f})" if tp is not None else ""),
            )
    quantities[f"{t.name}.total"] = _Quantity(None if tp is None else tp.value, total, width)
    if t.n:
        quantities[f"{t.name}.average"] = _Quantity(
            None if t.average is None else t.money(t.average, "average").value, total / t.n, width / t.n
        )
    for label, p, (value, w) in zip(t.row_labels, totals, rows, strict=True):
        quantities[f"{t.name}.row.{label}"] = _Quantity(p.value, value, w)


# -- summary rows ------------------------------------------------------------------------------------


def _interval_quantile(s: SummaryRow, n: int) -> tuple[float, str]:
    from scipy import stats  # noqa: PLC0415

    tail = 0.5 + s.confidence / 2
    if s.interval == "z":
        return float(stats.norm.ppf(tail)) / math.sqrt(n), "z"
    return float(stats.t.ppf(tail, n - 1)) / math.sqrt(n), f"t({n - 1})"


def _check_sd_from_se(run: _Run, s: SummaryRow, sd: Printed, se: Printed) -> None:
    if s.n is None:
        run.not_checkable(
            s.table, s.row, "SD", sd.value, "sd", "no n printed, so the SD cannot follow from the SE"
        )
        return
    root = math.sqrt(s.n)
    h = _measured(se)
    lo, hi = (se.value - h) * root, (se.value + h) * root
    value = se.value * root
    run.check(
        run.consistent(sd, lo, hi),
        s.table,
        s.row,
        "SD",
        sd.value,
        run.rounded(value, sd.decimals),
        "sd",
        "error",
        f"SD = SE × √n = {se.text} × √{s.n} = {value:.3f} ({lo:.3f} to {hi:.3f} for an SE that "
        f"rounds to {se.text}); printed SD {sd.text}",
    )


def _check_ci(run: _Run, s: SummaryRow, mean: Printed, sd: Printed | None, se: Printed | None) -> None:
    column = f"{100 * s.confidence:g}% CI"
    ends = [None if x is None else printed(x, "ci") for x in (s.ci_low, s.ci_high)]
    shown = "[" + ", ".join("?" if e is None else e.text for e in ends) + "]"
    reason = ""
    if ends[0] is None or ends[1] is None:
        reason = (
            "no printed interval" if ends == [None, None] else "only one end of the interval printed"
        )
    elif s.n is None:
        reason = "no n printed"
    elif sd is None and se is None:
        reason = "no SD or SE printed"
    elif s.interval == "t" and s.n < 2:
        reason = "a t-interval needs n >= 2"
    if reason:
        run.not_checkable(s.table, s.row, column, shown, "ci", reason)
        return
    low, high, n = ends[0], ends[1], s.n
    if low is None or high is None or n is None:  # pragma: no cover - excluded above
        return
    q, label = _interval_quantile(s, n)
    if se is not None:  # the interval is M ± q SE: use the printed SE where there is one
        spread, spread_h, what = se.value * math.sqrt(n), _measured(se) * math.sqrt(n), "SE"
    else:
        assert sd is not None  # noqa: S101 - narrowed above
        spread, spread_h, what = sd.value, _measured(sd), "SD/√N"
    mh = _measured(mean)
    sd_lo, sd_hi = max(spread - spread_h, 0.0), spread + spread_h
    low_range = (mean.value - mh - q * sd_hi, mean.value + mh - q * sd_lo)
    high_range = (mean.value - mh + q * sd_lo, mean.value + mh + q * sd_hi)

    def inside(x: Printed, r: tuple[float, float]) -> bool:
        tol = _measured(x) + 1e-9
        return r[0] - tol <= x.value <= r[1] + tol

    lo, hi = mean.value - q * spread, mean.value + q * spread
    d = max(p.decimals for p in (mean, se or sd, low, high) if p is not None)
    kind = "t" if s.interval == "t" else "z"
    run.check(
        inside(low, low_range) and inside(high, high_range),
        s.table,
        s.row,
        column,
        f"[{low.value:g}, {high.value:g}]",
        f"[{run.rounded(lo, d):g}, {run.rounded(hi, d):g}]",
        "ci",
        "warning",
        f"M ± {label} {what} gives [{lo:.2f}, {hi:.2f}]; the printed interval matches no "
        f"{kind}-interval for the printed M, {'SE' if se is not None else 'SD'} and N "
        "(another method, or a slip)",
    )


def _check_summary(run: _Run, s: SummaryRow, quantities: Quantities) -> None:
    from safecore.stats.consistency import grim  # noqa: PLC0415

    mean = printed(s.mean, "mean")
    sd = None if s.sd is None else printed(s.sd, "sd")
    se = None if s.se is None else printed(s.se, "se")
    if sd is not None and se is not None:
        _check_sd_from_se(run, s, sd, se)
    _check_ci(run, s, mean, sd, se)
    if s.granularity is not None:
        if s.n is None:
            run.not_checkable(s.table, s.row, "M", mean.value, "grim", "no n printed")
        else:
            g = grim(mean.value, s.n, s.granularity, mean.decimals)
            run.check(
                g.consistent,
                s.table,
                s.row,
                "M",
                mean.value,
                g.nearest[0],
                "grim",
                "error",
                f"no {s.n} scores on a grid of {s.granularity:g} have a mean that rounds to "
                f"{mean.value:g}",
            )
    quantities[f"{s.table}.mean.{s.row}"] = _Quantity(mean.value, mean.value, _measured(mean))
    if sd is not None:
        quantities[f"{s.table}.sd.{s.row}"] = _Quantity(sd.value, sd.value, _measured(sd))
    if s.n is not None:
        quantities[f"{s.table}.n.{s.row}"] = _Quantity(s.n, s.n)


# -- relations between figures -----------------------------------------------------------------------


def _lookup(name: str, quantities: Mapping[str, _Quantity], figures: Mapping[str, Figure]) -> _Quantity:
    """Return a printed figure or a table quantity by name."""
    if name in figures:
        p = printed(figures[name].published, f"figure {name!r}")
        return _Quantity(p.value, p.value, p.half_unit)
    if name not in quantities:
        msg = f"a relation refers to unknown quantity {name!r}"
        raise MissingKeyError(msg)
    return quantities[name]


def _combine(kind: str, v: list[float]) -> float:  # noqa: PLR0911 - one case per kind
    if kind == "equal":
        return v[0]
    if kind == "sum":
        return sum(v)
    if kind == "mean":
        return sum(v) / len(v)
    if kind == "difference":
        return v[0] - v[1]
    if v[1] == 0:
        return math.nan
    if kind == "ratio":
        return v[0] / v[1]
    return 100 * v[0] / v[1]  # percent


def _range(kind: str, ops: list[_Quantity]) -> tuple[float, float]:
    """Return the interval a relation's value may take when its operands stand for intervals."""
    if kind in ("equal", "sum", "mean"):
        k = 1 if kind != "mean" else len(ops)
        return sum(o.value - o.width for o in ops) / k, sum(o.value + o.width for o in ops) / k
    if kind == "difference":
        a, b = ops
        return a.value - a.width - b.value - b.width, a.value + a.width - b.value + b.width
    a, b = ops  # ratio or percent: monotone in each operand, so the corners bound it
    if b.value - b.width <= 0 <= b.value + b.width:
        return -math.inf, math.inf
    corners = [
        _combine(kind, [x, y])
        for x in (a.value - a.width, a.value + a.width)
        for y in (b.value - b.width, b.value + b.width)
    ]
    return min(corners), max(corners)


def _check_relation(
    run: _Run, r: Relation, quantities: Mapping[str, _Quantity], figures: Mapping[str, Figure]
) -> None:
    if r.published not in figures:
        msg = f"relation refers to unknown figure {r.published!r}"
        raise MissingKeyError(msg)
    fig = figures[r.published]
    p = printed(fig.published, f"figure {fig.name!r}")
    ops = [_lookup(o, quantities, figures) for o in r.operands]
    recomputed = r.factor * _combine(r.kind, [o.value for o in ops])
    if math.isnan(recomputed):
        run.not_checkable(
            fig.where, fig.name, "", p.value, r.kind, f"{r.operands[1]} is 0 (division by zero)"
        )
        return
    lo, hi = (r.factor * x for x in _range(r.kind, ops))
    lo, hi = min(lo, hi), max(lo, hi)
    from_printed = None
    if all(o.printed is not None for o in ops):
        from_printed = r.factor * _combine(
            r.kind, [float(o.printed) for o in ops if o.printed is not None]
        )
    d = p.decimals if r.decimals is None else r.decimals
    extra = ""
    if from_printed is not None and not math.isclose(from_printed, recomputed):
        extra = f"; the printed operands give {from_printed:,.2f}"
    factor = f" × {r.factor:g}" if r.factor != 1 else ""
    run.check(
        run.consistent(p, lo, hi, d),
        fig.where,
        fig.name,
        "",
        p.value,
        run.rounded(recomputed, d),
        r.kind,
        r.severity,
        f"{r.kind} of {', '.join(r.operands)}{factor} is {recomputed:,.4g}{extra}"
        + (f". {r.note}" if r.note else ""),
    )


def _quantity_parts(name: str, tables: Collection[str]) -> tuple[str, str, str]:
    """Split a quantity's name into its table, kind and label (a table's name may hold dots)."""
    table = max((t for t in tables if name.startswith(f"{t}.")), key=len, default=None)
    if table is None:
        table, _, rest = name.partition(".")
    else:
        rest = name[len(table) + 1 :]
    kind, _, label = rest.partition(".")
    return table, kind, label


def _check_agree(
    run: _Run, r: Relation, quantities: Mapping[str, _Quantity], tables: Collection[str]
) -> None:
    a, b = r.operands
    if "*" in a:
        pa, pb = a.split("*")[0], b.split("*")[0]
        labels = [k[len(pa) :] for k in quantities if k.startswith(pa)]
        pairs = [(pa + lab, pb + lab) for lab in labels if pb + lab in quantities]
        if not pairs:
            msg = f"relation agree({a}, {b}) matches no shared labels"
            raise MissingKeyError(msg)
    else:
        pairs = [(a, b)]
    for x, y in pairs:
        qx, qy = _lookup(x, quantities, {}), _lookup(y, quantities, {})
        vx, vy = qx.value, qy.value
        overlap = vx - qx.width <= vy + qy.width and vy - qy.width <= vx + qx.width
        table, kind, label = _quantity_parts(x, tables)
        row, column = (label, "") if kind != "column" else ("", label)
        run.check(
            math.isclose(vx, vy) or (bool(qx.width or qy.width) and overlap),
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


# -- comparisons of two groups' counts ---------------------------------------------------------------


def _group(t: CountTable, label: str, event: str) -> tuple[float, float]:
    if label not in t.row_labels:
        msg = f"{t.name} has no row {label!r} (rows: {', '.join(t.row_labels)})"
        raise MissingKeyError(msg)
    if event not in t.column_labels:
        msg = f"{t.name} has no column {event!r} (columns: {', '.join(t.column_labels)})"
        raise MissingKeyError(msg)
    i, j = t.row_labels.index(label), t.column_labels.index(event)
    n = t.row_sum(i) if t.row_totals is None else printed(t.row_totals[i], "N").value
    return t.count(i, j), n


def _effect(kind: str, a: float, n1: float, c: float, n2: float) -> tuple[float, float, str] | str:
    """Estimate, standard error (of the log for ratios) and formula; or why it is not computable."""
    p1, p2 = a / n1, c / n2
    if kind == "risk-difference":
        se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        return p1 - p2, se, "Wald: p1 − p2 ± z √(p1(1 − p1)/n1 + p2(1 − p2)/n2)"
    if kind == "relative-risk":
        if a == 0 or c == 0:
            return "a group has no events, so the log relative risk is undefined"
        se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        return p1 / p2, se, "log: exp(log RR ± z √(1/a − 1/n1 + 1/c − 1/n2))"
    b, d = n1 - a, n2 - c
    if min(a, b, c, d) == 0:
        return "a cell of the 2×2 table is 0, so the log odds ratio is undefined"
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return a * d / (b * c), se, "log (Woolf): exp(log OR ± z √(1/a + 1/b + 1/c + 1/d))"


def _check_comparison(run: _Run, r: Comparison, tables: Mapping[str, Table]) -> None:
    from scipy import stats  # noqa: PLC0415

    t = tables.get(r.table)
    if not isinstance(t, CountTable):
        msg = f"a {r.kind} relation refers to {r.table!r}, which is not a declared table of counts"
        raise MissingKeyError(msg)
    (a, n1), (c, n2) = (_group(t, label, r.event) for label in r.rows)
    row = f"{r.rows[0]} vs {r.rows[1]}"
    parts = {
        k: (None if v is None else printed(v, f"{r.kind} {k}"))
        for k, v in (("estimate", r.estimate), ("ci_low", r.ci_low), ("ci_high", r.ci_high))
    }
    shown = parts["estimate"].value if parts["estimate"] is not None else ""
    if n1 == 0 or n2 == 0:
        run.not_checkable(t.name, row, r.kind, shown, r.kind, "a group has no records")
        return
    effect = _effect(r.kind, a, n1, c, n2)
    if isinstance(effect, str):
        run.not_checkable(t.name, row, r.kind, shown, r.kind, effect)
        return
    estimate, se, formula = effect
    z = float(stats.norm.ppf(0.5 + r.confidence / 2))
    if r.kind == "risk-difference":
        lo, hi = estimate - z * se, estimate + z * se
        scale = 100.0 if any(p is not None and p.percent for p in parts.values()) else 1.0
    else:
        lo, hi = math.exp(math.log(estimate) - z * se), math.exp(math.log(estimate) + z * se)
        scale = 1.0
    unit = "%" if scale == 100 else ""
    groups = f"{a:g}/{n1:g} vs {c:g}/{n2:g}"
    est_p = parts["estimate"]
    if est_p is not None:
        value = scale * estimate
        run.check(
            run.consistent(est_p, value),
            t.name,
            row,
            "estimate",
            est_p.value,
            run.rounded(value, est_p.decimals),
            r.kind,
            r.severity,
            f"{groups} gives {value:.4g}{unit}, printed {est_p.text}"
            + (f". {r.note}" if r.note else ""),
        )
    low, high = parts["ci_low"], parts["ci_high"]
    column = f"{100 * r.confidence:g}% CI"
    if low is not None and high is not None:
        d = max(low.decimals, high.decimals)
        run.check(
            run.consistent(low, scale * lo) and run.consistent(high, scale * hi),
            t.name,
            row,
            column,
            f"[{low.text}, {high.text}]",
            f"[{run.rounded(scale * lo, d):.{d}f}, {run.rounded(scale * hi, d):.{d}f}]",
            r.kind,
            r.severity,
            f"{formula} with {groups} gives [{scale * lo:.4g}{unit}, {scale * hi:.4g}{unit}]"
            + (f". {r.note}" if r.note else ""),
        )
    elif low is not None or high is not None:
        given = low if low is not None else high
        text = "" if given is None else given.text
        run.not_checkable(t.name, row, column, text, r.kind, "only one end of the interval printed")
    elif est_p is None:
        run.not_checkable(t.name, row, r.kind, "", r.kind, "neither an estimate nor an interval printed")


# -- printed test statistics (statcheck) --------------------------------------------------------------


def _p_function(r: PrintedTest) -> Callable[[float], float]:
    from scipy import stats  # noqa: PLC0415

    if r.test == "t":
        return lambda x: min(1.0, r.tails * float(stats.t.sf(abs(x), r.df[0])))
    if r.test == "z":
        return lambda x: min(1.0, r.tails * float(stats.norm.sf(abs(x))))
    if r.test == "chi2":
        return lambda x: float(stats.chi2.sf(x, r.df[0]))
    return lambda x: float(stats.f.sf(x, r.df[0], r.df[1]))


def _check_printed_test(run: _Run, r: PrintedTest) -> None:
    stat = printed(r.statistic, "statistic")
    pp = printed(r.p, "p")
    p_of = _p_function(r)
    x, h = abs(stat.value) if r.test in ("t", "z") else stat.value, _measured(stat)
    p = p_of(x)
    p_lo, p_hi = p_of(x + h), p_of(max(x - h, 0.0))
    ok = run.consistent(pp, p_lo, p_hi)
    said_significant = (
        pp.value <= r.alpha if pp.bound == "<" else (pp.bound == "" and pp.value < r.alpha)
    )
    decision = said_significant != (p < r.alpha)
    df = ", ".join(f"{d:g}" for d in r.df)
    name = f"{r.test}({df})" if df else r.test
    tails = "two-tailed" if r.tails == 2 else "one-tailed"
    run.check(
        ok,
        r.where,
        r.label,
        name,
        pp.text,
        f"{p:.3g}",
        "p-value",
        "error" if decision else "warning",
        f"{name} = {stat.text} gives p = {p:.4g} ({tails}; {p_lo:.4g} to {p_hi:.4g} for statistics "
        f"that round to {stat.text}), printed p {pp.text}"
        + (f"; the conclusion at α = {r.alpha:g} differs (a decision error)" if decision else ""),
    )


# -- the audit --------------------------------------------------------------------------------


def audit(
    tables: Iterable[CountTable | ProductTable] = (),
    summaries: Iterable[SummaryRow] = (),
    figures: Iterable[Figure] = (),
    relations: Iterable[AnyRelation] = (),
    *,
    rounding: Rounding = "half-up",
) -> AuditReport:
    """Recompute every printed figure of the declared tables and report mismatches.

    Parameters
    ----------
    tables : iterable of CountTable or ProductTable
        Row and column sums, percentages, products, totals, averages and
        test statistics are checked within each table.
    summaries : iterable of SummaryRow
        SDs from SEs, confidence intervals and (where a granularity is
        declared) GRIM.
    figures : iterable of Figure
        Printed figures (text or tables) that relations refer to by name.
    relations : iterable of Relation, Comparison or PrintedTest
        Relations between a printed figure and other quantities; risk
        differences, relative risks and odds ratios from two rows of
        counts; test statistics against their p-values. A table declares
        quantities named ``"<table>.total"``, ``"<table>.cells"``,
        ``"<table>.column.<label>"``, ``"<table>.row.<label>"``,
        ``"<table>.n.<row>"``, ``"<table>.cell.<row>.<column>"`` (counts),
        ``"<table>.average"``, ``"<table>.count.<label>"``,
        ``"<table>.unit.<label>"`` (money) and ``"<table>.mean.<row>"``,
        ``"<table>.sd.<row>"``, ``"<table>.n.<row>"`` (summary rows).
    rounding : {"half-up", "half-even"}
        The report's rounding rule.

    Returns
    -------
    AuditReport

    Raises
    ------
    MissingKeyError
        For a relation naming an unknown figure, quantity, table, row or
        column (the message names the relation: ``relations[3]``).

    Notes
    -----
    A printed figure matches when the recomputed value, rounded by
    *rounding* to the printed number of decimals, equals it; where the
    inputs are rounded themselves the recomputation is an interval (see
    the format reference). A relation's finding also reports what the
    *printed* operands give, which shows whether a slip was carried forward.

    Examples
    --------
    >>> from safecore.audit import CountTable, audit
    >>> t = CountTable("Table X", ("a", "b"), ("yes", "no"), counts=((3, 1), (2, 2)),
    ...                row_totals=(4, 5), cell_percents=(("75%", "25%"), ("50%", "50%")))
    >>> for f in audit([t]).findings:
    ...     print(f.rule, f.row, f.published, f.recomputed)
    row-sum b 5 4
    percent b 50 40
    percent b 50 40
    """
    run = _Run(rounding)
    quantities: Quantities = {}
    by_name: dict[str, Table] = {}
    owners: set[str] = set()  # the tables quantities belong to: every table and summary's table
    for t in tables:
        by_name[t.name] = t
        owners.add(t.name)
        if isinstance(t, CountTable):
            _check_count_table(run, t, quantities)
        else:
            _check_product_table(run, t, quantities)
    for s in summaries:
        _check_summary(run, s, quantities)
        owners.add(s.table)
    figs = {f.name: f for f in figures}
    for k, r in enumerate(relations, start=1):
        if isinstance(r, PrintedTest):  # refers to nothing else, so it cannot miss a key
            _check_printed_test(run, r)
            continue
        try:
            if isinstance(r, Comparison):
                _check_comparison(run, r, by_name)
            elif r.kind == "agree":
                _check_agree(run, r, quantities, owners)
            else:
                _check_relation(run, r, quantities, figs)
        except MissingKeyError as exc:
            msg = f"relations[{k}] ({r.kind}): {exc}"
            raise MissingKeyError(msg) from None
    return AuditReport(tuple(run.findings), run.checks)
