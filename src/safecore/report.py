"""Assemble the whole evaluation as a document: tables and text, rendered four ways.

:func:`build_report` recomputes every quantitative result of the SafeCORE
2020 report from the embedded data (or runs the same analysis on a user's
own files); :class:`Report` renders as text, Markdown, HTML or JSON.

Examples
--------
>>> from safecore.report import build_report
>>> report = build_report(draws=2_000)
>>> [s.title for s in report.sections][:3]
['Service indicators (Table 1)', 'Case notes (Tables 2-5)', 'Cost (Tables 6-8, 11-13)']
"""

from __future__ import annotations

import difflib
import html
import json
import math
import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from safecore._errors import RecordError, SafecoreError, SafecoreWarning, UnknownLabelError
from safecore._format import (
    clean_cell,
    clean_text,
    fmt_label,
    fmt_money,
    html_table,
    markdown_cell,
    markdown_table,
    text_table,
)
from safecore.cost.cohorts import load_cohorts

__all__ = ["Report", "Section", "Table", "build_report", "load_cohorts"]

Progress = Callable[[int, int], None]


def _header(cells: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(c) for c in cells)


def _cells(rows: Iterable[Iterable[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(c) for c in r) for r in rows)


def _blocks(blocks: Iterable[Table | str]) -> tuple[Table | str, ...]:
    return tuple(blocks)


@attrs.frozen(slots=True)
class Table:
    """A titled table of strings."""

    caption: str
    header: tuple[str, ...] = attrs.field(converter=_header)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_cells)


@attrs.frozen(slots=True)
class Section:
    """A report section: a title and a sequence of tables and paragraphs."""

    title: str
    blocks: tuple[Table | str, ...] = attrs.field(converter=_blocks)


@attrs.frozen(slots=True, repr=False)
class Report:
    """The evaluation as a document, with the audit findings as data."""

    title: str
    sections: tuple[Section, ...]
    findings: tuple[dict[str, Any], ...] = ()

    def to_text(self) -> str:
        """Render as plain text for a terminal."""
        out = [self.title, "=" * len(self.title), ""]
        for s in self.sections:
            out += [s.title, "-" * len(s.title)]
            for b in s.blocks:
                if isinstance(b, Table):
                    out += [clean_cell(b.caption), text_table(b.header, b.rows)]
                else:
                    out.append(clean_text(b))
                out.append("")
        return "\n".join(out)

    def to_markdown(self) -> str:
        """Render as GitHub-flavoured Markdown."""
        out = [f"# {self.title}", ""]
        for s in self.sections:
            out += [f"## {s.title}", ""]
            for b in s.blocks:
                if isinstance(b, Table):
                    out += [f"**{markdown_cell(b.caption)}**", "", markdown_table(b.header, b.rows)]
                elif "\n" in b:
                    out.append("```\n" + clean_text(b).replace("```", "\\`\\`\\`") + "\n```")
                else:
                    out.append(markdown_cell(b))
                out.append("")
        return "\n".join(out)

    def to_html(self) -> str:
        """Render as a standalone HTML page."""
        out = [
            "<!DOCTYPE html><html><head><meta charset='utf-8'>",
            f"<title>{html.escape(self.title)}</title></head><body>",
            f"<h1>{html.escape(self.title)}</h1>",
        ]
        for s in self.sections:
            out.append(f"<h2>{html.escape(s.title)}</h2>")
            for b in s.blocks:
                if isinstance(b, Table):
                    out.append(html_table(b.header, b.rows, b.caption))
                else:
                    text = html.escape(clean_text(b))
                    out.append(f"<pre>{text}</pre>" if "\n" in b else f"<p>{text}</p>")
        out.append("</body></html>")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form for JSON: sections with typed blocks, and the findings."""
        return {
            "title": self.title,
            "sections": [
                {
                    "title": s.title,
                    "blocks": [
                        {
                            "type": "table",
                            "caption": b.caption,
                            "header": list(b.header),
                            "rows": [list(r) for r in b.rows],
                        }
                        if isinstance(b, Table)
                        else {"type": "text", "text": b}
                        for b in s.blocks
                    ],
                }
                for s in self.sections
            ],
            "findings": list(self.findings),
        }

    def render(self, fmt: str) -> str:
        """Render as ``text``, ``markdown``, ``html`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        renderers = {"text": self.to_text, "markdown": self.to_markdown, "html": self.to_html}
        if fmt not in renderers:
            msg = f"format must be one of text, markdown, html, json: {fmt!r}"
            raise ValueError(msg)
        return renderers[fmt]()

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return f"Report({self.title!r}, sections={len(self.sections)}, findings={len(self.findings)})"


# -- sections -------------------------------------------------------------------------------


def _services_section() -> Section:
    from safecore.datasets import service_indicators_2020  # noqa: PLC0415

    indicators, flow = service_indicators_2020()
    rows = [[r.label, r.before, r.after, f"{r.test().pvalue:.3g}"] for r in indicators.rows]
    blocks: list[Table | str] = [
        Table(
            f"Table 1: {indicators.children} children, 12 months before and after allocation",
            ["Indicator", "Before", "After", "Exact McNemar p"],
            rows,
        ),
        "Referral flow (February 2018 to March 2019):\n" + str(flow),
    ]
    problems = flow.inconsistencies()
    blocks.append(
        "The flow adds up." if not problems else "Flow inconsistencies: " + "; ".join(problems)
    )
    return Section("Service indicators (Table 1)", blocks)


def _tally_table(caption: str, t: Any) -> Table:
    pct = t.row_percentages(include_missing=True)
    header = ["", *(fmt_label(c) for c in t.column_labels), "Missing", "N"]
    rows = [
        [
            fmt_label(lab),
            *(f"{n} ({p:.0f}%)" for n, p in zip(t.table[i], pct[i], strict=True)),
            int(t.row_missing[i]),
            int(t.row_totals[i] + t.row_missing[i]),
        ]
        for i, lab in enumerate(t.row_labels)
    ]
    return Table(caption, header, rows)


def _chi_text(t: Any, published: str | None = None) -> str:
    """Return the chi-square line for a tally, or why no test could be computed."""
    from safecore.stats.contingency import chi_square  # noqa: PLC0415
    from safecore.tallies import Tally  # noqa: PLC0415

    keep_r = t.row_totals > 0
    keep_c = t.column_totals > 0
    note = ""
    if keep_r.sum() < 2 or keep_c.sum() < 2:
        rows, cols = int(keep_r.sum()), int(keep_c.sum())
        return (
            f"No chi-square test: it needs at least two groups and two outcomes with records "
            f"(found {rows} and {cols})."
        )
    if not keep_r.all() or not keep_c.all():
        dropped = [fmt_label(x) for x, k in zip(t.row_labels, keep_r, strict=True) if not k]
        dropped += [fmt_label(x) for x, k in zip(t.column_labels, keep_c, strict=True) if not k]
        note = f" (categories with no records left out of the test: {', '.join(dropped)})"
        t = Tally.from_counts(
            t.table[keep_r][:, keep_c],
            [x for x, k in zip(t.row_labels, keep_r, strict=True) if k],
            [x for x, k in zip(t.column_labels, keep_c, strict=True) if k],
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SafecoreWarning)
        res = chi_square(t)
    line = f"Recomputed: {res.summary()}{note}"
    if res.min_expected < 5:
        try:
            exact = chi_square(t, method="exact")
        except SafecoreError as exc:
            line += f"; smallest expected count {res.min_expected:.2f} < 5, exact p not computed: {exc}"
        else:
            line += f"; smallest expected count {res.min_expected:.2f} < 5, exact p = {exact.pvalue:.4g}"
    if published:
        line += f". Published: {published}."
    return line


def _case_notes_section_2020() -> Section:
    from safecore.datasets import safecore_2020  # noqa: PLC0415

    data = safecore_2020()
    blocks: list[Table | str] = []
    captions = {
        2: "Table 2: goal types by attainment",
        3: "Table 3: goal attainment by engagement",
        4: "Table 4: problem types by change",
        5: "Table 5: problem change by engagement",
    }
    for number, caption in captions.items():
        published = data.tables[number]
        t = published.tally()
        blocks.append(_tally_table(f"{caption} ({t.total} records, {t.missing} with no status)", t))
        if number in (3, 5):
            extra = published.extra
            blocks.append(_chi_text(t, f"χ² = {extra['statistic']}, p {extra['pvalue']}"))
    return Section("Case notes (Tables 2-5)", blocks)


_KINDS = {"goal": "goal", "goals": "goal", "problem": "problem", "problems": "problem"}


def _split_case_notes(records: Any) -> tuple[Any, Any, Any]:
    """Goals, problems and unclassified records of one case-note RecordSet.

    A record's kind is its ``type`` cell (goal or problem) or, when that is
    absent or empty, what its status parses as (an attainment or a change).
    A status that is neither is an error naming the line and the closest
    labels; records with neither a type nor a status are returned apart.
    """
    from safecore.categories import Attainment, Change  # noqa: PLC0415

    records.require("engagement", "status")
    has_type = records.has("type")
    goals: list[int] = []
    problems: list[int] = []
    unclassified: list[int] = []
    for k, r in enumerate(records):
        kind = r["type"] if has_type else None
        status = r["status"]
        if kind is not None:
            name = _KINDS.get(str(kind).strip().casefold())
            if name is None:
                msg = f"{records.where(k, 'type')}: type must be 'goal' or 'problem': {kind!r}"
                raise RecordError(msg)
            kind = name
        elif status is not None:
            kind = _status_kind(status, records.where(k, "status"), Attainment, Change)
        if kind == "goal":
            goals.append(k)
        elif kind == "problem":
            problems.append(k)
        else:
            unclassified.append(k)
    return records.subset(goals), records.subset(problems), records.subset(unclassified)


def _status_kind(status: object, where: str, *enums: Any) -> str:
    from safecore.categories import normalise_label  # noqa: PLC0415

    for enum, name in zip(enums, ("goal", "problem"), strict=True):
        try:
            enum.from_label(status)
        except UnknownLabelError:
            continue
        return name
    labels = [m.label for e in enums for m in e]
    close = difflib.get_close_matches(
        normalise_label(str(status)), [normalise_label(x) for x in labels], n=3, cutoff=0.5
    )
    shown = [x for x in labels if normalise_label(x) in close] or labels
    msg = (
        f"{where}: status {status!r} is neither a goal attainment nor a problem change "
        f"(closest: {', '.join(repr(x) for x in shown)}); add a 'type' column or correct the status"
    )
    raise UnknownLabelError(msg)


def _case_notes_section_user(
    path: str | os.PathLike[str], *, delimiter: str = ",", missing: Iterable[str] = ("",)
) -> Section:
    from safecore.categories import Attainment, Change  # noqa: PLC0415
    from safecore.tallies import per_family, read_records, tally  # noqa: PLC0415

    records = read_records(path, delimiter=delimiter, missing=missing)
    goals, problems, unclassified = _split_case_notes(records)
    blocks: list[Table | str] = [f"Case notes from {path}: {len(records)} records."]
    for name, subset, enum in (("Goals", goals, Attainment), ("Problems", problems, Change)):
        if not len(subset):
            blocks.append(f"{name}: none recorded.")
            continue
        t = tally(subset, rows="engagement", columns="status", column_type=enum, column_order=list(enum))
        blocks.append(
            _tally_table(f"{name}: status by engagement ({t.total} records, {t.missing} missing)", t)
        )
        blocks.append(_chi_text(t))
        if subset.has("family"):
            s = per_family(subset)
            sd = "-" if math.isnan(s.sd) else f"{s.sd:.1f}"
            blocks.append(
                f"{name} per family: mean {s.mean:.1f}, SD {sd}, median {s.median:g}, "
                f"range {s.min}-{s.max} ({s.n_families} families"
                + (f"; {s.missing} records with no family" if s.missing else "")
                + ")"
            )
    if len(unclassified):
        lines = ", ".join(unclassified.places[:5]) + (", ..." if len(unclassified) > 5 else "")
        n = len(unclassified)
        blocks.append(
            f"{n} {'record has' if n == 1 else 'records have'} neither a type nor a status and "
            f"{'is' if n == 1 else 'are'} not tallied ({lines})."
        )
    return Section("Case notes", blocks)


def _cost_section(
    proxies: Any, cohorts: Sequence[Any], draws: int, seed: int, progress: Progress | None, is_2020: bool
) -> Section:
    from safecore.cost import (  # noqa: PLC0415
        SavingModel,
        delivery_cost_per_family,
        simulate,
        value_for_money,
    )

    model = SavingModel(proxies)
    blocks: list[Table | str] = [
        Table(
            "Proxy saving per family per year" + (" (Tables 6 and 11)" if is_2020 else ""),
            ["Outcome", "Indicator", "Saving"],
            proxies._rows(),
        )
    ]
    for c in cohorts:
        if c.potential is not None:
            rows = [
                [
                    _label(k),
                    c.potential[k],
                    c.improved[k],
                    f"{100 * c.improved[k] / c.potential[k]:.0f}%" if c.potential[k] else "-",
                ]
                for k in c.improved
            ]
            blocks.append(
                Table(
                    f"Outcomes and improvements: {c.name} ({c.families} families)",
                    ["Outcome", "Potential", "Improved", "% improved"],
                    rows,
                )
            )
    published = _published_cost() if is_2020 else {}
    evaluations = [model.evaluate(c) for c in cohorts]
    keys = ("engaged", "disengaged") if is_2020 else ()
    for k, ev in enumerate(evaluations):  # every cohort, however many (not only the first two)
        key = keys[k] if k < len(keys) else None
        pub = published.get(key, {}) if key else {}
        header = ["Outcome", "Improved", "Proxy", "Total saving"] + (["Published"] if pub else [])
        rows = []
        for i, o in enumerate(ev.outcomes):
            row = [_label(o), int(ev.improved[i]), fmt_money(ev.saving[i]), fmt_money(ev.gross[i])]
            if pub:
                row.append(fmt_money(pub["totals"][str(o)]))
            rows.append(row)
        total_row = ["Total", int(ev.improved.sum()), "", fmt_money(ev.total)] + (
            [fmt_money(pub["total"])] if pub else []
        )
        avg_row = ["Per family", ev.families, "", fmt_money(ev.per_family, 2)] + (
            [fmt_money(pub["per_family"])] if pub else []
        )
        table_no = {"engaged": 7, "disengaged": 8}[key] if key else None
        caption = f"Results by outcome: {ev.cohort}" + (
            f" (Table {table_no}, recomputed)" if table_no else ""
        )
        blocks.append(Table(caption, header, [*rows, total_row, avg_row]))
    if len(cohorts) >= 2:
        comp = model.compare(cohorts[0], cohorts[1])
        blocks.append(
            f"Difference per family ({comp.a.cohort} − {comp.b.cohort}): "
            f"{fmt_money(comp.difference_per_family, 2)}"
            + (
                f" (published {fmt_money(published['comparison']['difference_per_family'])})"
                if is_2020
                else ""
            )
        )
        if is_2020:
            share = published["comparison"]["attribution"]
            part = SavingModel(proxies, attribution=share).compare(cohorts[0], cohorts[1])
            blocks.append(
                f"At {share:.0%} attribution: {fmt_money(part.difference_per_family, 2)} "
                f"(published {fmt_money(published['comparison']['difference_at_attribution'])})"
            )
            comp_pub = published["comparison"]
            cost = delivery_cost_per_family(
                comp_pub["funding"],
                comp_pub["families_supported"],
                startup_share=comp_pub["startup_share"],
            )
            blocks.append(
                f"Delivery cost per family: {fmt_money(comp_pub['funding'])} less "
                f"{comp_pub['startup_share']:.0%} over {comp_pub['families_supported']} families = "
                f"{fmt_money(cost, 2)} (published {fmt_money(comp_pub['cost_per_family'])})"
            )
            vfm_rows = []
            for years in (1, 3, 5):
                vfm = value_for_money(SavingModel(proxies, years=years), cohorts[0], cost)
                payback = "-" if vfm.payback_year is None else f"year {vfm.payback_year}"
                vfm_rows.append(
                    [years, fmt_money(vfm.benefit), fmt_money(vfm.npv), f"{vfm.bcr:.2f}", payback]
                )
            blocks.append(
                Table(
                    f"Value for money, {cohorts[0].name} families (3.5% discounting, no drop-off)",
                    ["Years of benefit", "Savings per family", "NPV", "BCR", "Payback"],
                    vfm_rows,
                )
            )
    if draws > 0:
        sim_rows = []
        for c in cohorts:
            sim = simulate(model, c, n=draws, seed=seed, progress=progress)
            lo, hi = sim.interval(0.95)
            sim_rows.append(
                [
                    c.name,
                    fmt_money(model.evaluate(c).per_family),
                    fmt_money(sim.percentile(50)),
                    f"[{fmt_money(lo)}, {fmt_money(hi)}]",
                ]
            )
        blocks.append(
            Table(
                f"Uncertainty: {draws:,} Monte Carlo draws (proxies ±20% triangular, beta-binomial "
                f"improvement rates; seed {seed})",
                ["Cohort", "Per family", "Median", "95% interval"],
                sim_rows,
            )
        )
    title = "Cost (Tables 6-8, 11-13)" if is_2020 else "Cost"
    return Section(title, blocks)


def _label(key: Any) -> str:
    return str(getattr(key, "label", key))


def _published_cost() -> dict[str, Any]:
    from safecore.datasets import published_cost_2020  # noqa: PLC0415

    return published_cost_2020()


def _staff_section_2020() -> Section:
    from safecore.datasets import CBI_SOCIAL_WORKER_NORMS, staff_survey_2020  # noqa: PLC0415
    from safecore.stats import one_sample_from_summary, welch_from_summary  # noqa: PLC0415
    from safecore.stats.consistency import ci_consistent  # noqa: PLC0415

    staff = staff_survey_2020()
    blocks: list[Table | str] = []
    for number, name in ((9, "CBI"), (10, "CEAS")):
        rows = []
        for r in staff.table(number):
            if r.n is None:  # pragma: no cover - every Table 9/10 row has N
                continue
            lo, hi = ci_consistent(r.mean, r.sd, r.n, r.ci_low, r.ci_high).recomputed
            rows.append(
                [
                    r.label,
                    r.time,
                    r.n,
                    f"{r.mean} [{r.ci_low}, {r.ci_high}] {r.sd}",
                    f"[{lo:.1f}, {hi:.1f}]",
                ]
            )
        blocks.append(
            Table(
                f"Table {number}: {name} scores (published) with the t-interval recomputed",
                ["Scale", "Time", "N", "M [95% CI] SD (published)", "t-interval"],
                rows,
            )
        )
    rows = []
    scales = list(dict.fromkeys(r.scale for r in staff.rows if r.n is not None))
    for scale in scales:
        a, b = staff.get(scale, 1), staff.get(scale, 2)
        if a.n is None or b.n is None:  # pragma: no cover
            continue
        w = welch_from_summary(a.n, a.mean, a.sd, b.n, b.mean, b.sd)
        rows.append(
            [a.label, f"{w.statistic:.2f}", f"{w.df:.1f}", f"{w.pvalue:.3f}", f"{w.effect.g:.2f}"]
        )
    blocks.append(
        Table(
            "Time 1 against time 2 (Welch, from the published summaries)",
            ["Scale", "t", "df", "p", "Hedges' g"],
            rows,
        )
    )
    rows = []
    for scale, norm in CBI_SOCIAL_WORKER_NORMS.items():
        for time in (1, 2):
            r = staff.get(scale, time)
            if r.n is None:  # pragma: no cover
                continue
            t = one_sample_from_summary(r.n, r.mean, r.sd, norm)
            rows.append([r.label, time, r.mean, norm.mean, f"{t.statistic:.2f}", f"{t.pvalue:.2g}"])
    blocks.append(
        Table(
            "CBI against social workers (Walters, Brown & James 2018, n = 1,720)",
            ["Scale", "Time", "Mean", "Norm", "t", "p"],
            rows,
        )
    )
    return Section("Staff survey (Tables 9-10)", blocks)


def _staff_section_user(
    path: str | os.PathLike[str], *, delimiter: str = ",", missing: Iterable[str] = ("",)
) -> Section:
    from safecore.scales import compare_times, read_staff_survey  # noqa: PLC0415
    from safecore.scales.survey import SCALES  # noqa: PLC0415

    survey = read_staff_survey(path, delimiter=delimiter, missing=missing)
    times = survey.time_points
    coding = "points (0–100)" if survey.coding == "points" else "option labels"
    blocks: list[Table | str] = [
        f"Staff survey from {path}: {survey.n} responses from {len(set(survey.respondents))} "
        f"respondents at {len(times)} time point{'s' if len(times) != 1 else ''}; "
        f"answers read as {coding}."
    ]
    rows = []
    for scale in SCALES:
        for time in times:
            s = survey.describe(scale, time)
            shown = str(s) if s.n >= 2 else f"{s.mean:.1f} (one score: no SD or CI)"
            if s.n == 0:
                shown = "no scores"
            rows.append([scale, time, s.n, s.missing, shown])
    blocks.append(
        Table("CBI scores by time point", ["Scale", "Time", "N", "Missing", "M [95% CI] SD"], rows)
    )
    if len(times) == 1:
        blocks.append(f"One time point ({times[0]}): there is nothing to compare.")
        return Section("Staff survey", blocks)
    if len(times) > 2:
        blocks.append(
            f"{len(times)} time points ({', '.join(times)}): each is described above; the "
            "comparison is made only when a survey has exactly two time points (compare two of "
            "them with safecore.stats.means_times(survey, first, second))."
        )
        return Section("Staff survey", blocks)
    c = compare_times(survey)
    if c.design == "independent":
        blocks.append(
            "No respondent answered at both time points, so the time points are compared as "
            "independent samples (Welch's t-test)."
        )
    else:
        for time, only in ((c.first, c.only_first), (c.second, c.only_second)):
            if only:
                who = "1 respondent" if len(only) == 1 else f"{len(only)} respondents"
                blocks.append(
                    f"{who} answered only at time {time}; they are in the descriptives but not "
                    "the paired test."
                )
    rows = [_staff_test_row(scale, c.results[scale], c.design) for scale in SCALES]
    blocks.append(
        Table(f"Time {c.first} against time {c.second}", ["Scale", "Test", "N", "t", "p", ""], rows)
    )
    blocks.extend(f"{scale}: test not computed: {reason}." for scale, reason in c.reasons.items())
    return Section("Staff survey", blocks)


def _staff_test_row(scale: str, res: object, design: str) -> list[object]:
    from safecore.scales import PairedResult, WelchResult  # noqa: PLC0415

    if isinstance(res, PairedResult):
        wilcoxon = f"Wilcoxon p = {res.wilcoxon_pvalue:.3f}"
        return [scale, "paired t", res.n, f"{res.t:.2f}", f"{res.t_pvalue:.3f}", wilcoxon]
    if isinstance(res, WelchResult):
        n, t, p = res.n1 + res.n2, f"{res.statistic:.2f}", f"{res.pvalue:.3f}"
        return [scale, "Welch", n, t, p, f"g = {res.effect.g:.2f}"]
    test = "paired t" if design == "paired" else "Welch"
    return [scale, test, "–", "–", "–", "not computed"]


def _audit_section() -> tuple[Section, tuple[dict[str, Any], ...]]:
    from safecore.datasets import audit_2020  # noqa: PLC0415

    report = audit_2020()
    rows = [
        [f.table, f.row, f.column, _fmt(f.published), _fmt(f.recomputed), f.rule, f.severity]
        for f in report.findings
    ]
    errors = len(report.by_severity("error"))
    blocks: list[Table | str] = [
        f"{len(report)} of {report.checks} checks found a published figure that does not follow "
        f"from its inputs ({errors} errors, {len(report) - errors} warnings).",
        Table(
            "Audit findings",
            ["Table", "Row", "Column", "Published", "Recomputed", "Rule", "Severity"],
            rows,
        ),
    ]
    return Section("Audit of the published figures", blocks), tuple(f.to_dict() for f in report.findings)


def _fmt(x: float | str) -> str:
    if isinstance(x, str):
        return x
    return f"{x:,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def build_report(
    *,
    case_notes: str | os.PathLike[str] | None = None,
    staff_survey: str | os.PathLike[str] | None = None,
    proxies: str | os.PathLike[str] | None = None,
    cohorts: str | os.PathLike[str] | None = None,
    draws: int = 10_000,
    seed: int = 2020,
    progress: Progress | None = None,
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
    decimal: str = ".",
) -> Report:
    """Recompute the evaluation: the SafeCORE 2020 report, or the same analysis on your files.

    Parameters
    ----------
    case_notes : path, optional
        A case-note CSV (columns ``family, engagement, category, status`` and
        optionally ``type`` = goal/problem, ``applicability``).
    staff_survey : path, optional
        A staff survey CSV: ``respondent, time, cbi01 ... cbi19`` (labels or points).
    proxies : path, optional
        A proxy table (TOML or CSV, see :func:`safecore.cost.load_proxies`).
    cohorts : path, optional
        Cohorts in TOML (see :func:`load_cohorts`).
    draws : int
        Monte Carlo draws for the uncertainty table (0 to skip).
    seed : int
        Seed of the simulation.
    progress : callable, optional
        ``progress(done, total)`` during the simulation.
    delimiter : str
        Cell separator of the CSV inputs (default comma).
    missing : iterable of str
        Cell texts meaning "missing" in the CSV inputs (default: only an empty cell).
    decimal : str
        Decimal mark of money in a CSV proxy file: ``"."`` (default) or ``","``.

    Returns
    -------
    Report
        With no files: service indicators, case notes, cost, staff survey and
        the audit of the 2020 report. With files: the sections those files
        feed (proxies alone change the cost section of the 2020 cohorts).
    """
    from safecore.cost import load_proxies  # noqa: PLC0415 - keep `import safecore.report` light
    from safecore.datasets import (  # noqa: PLC0415
        SAFECORE_2020,
        SAFECORE_2020_DISENGAGED,
        SAFECORE_2020_ENGAGED,
    )

    own = any(x is not None for x in (case_notes, staff_survey, cohorts))
    missing = tuple(missing)
    if proxies is None:
        table = SAFECORE_2020
    elif os.fspath(proxies).lower().endswith(".csv"):
        table = load_proxies(proxies, delimiter=delimiter, decimal=decimal, missing=missing)
    else:
        table = load_proxies(proxies)
    if not own:
        cost = _cost_section(
            table,
            [SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED],
            draws,
            seed,
            progress,
            is_2020=proxies is None,
        )
        sections = [_services_section(), _case_notes_section_2020(), cost, _staff_section_2020()]
        findings: tuple[dict[str, Any], ...] = ()
        if proxies is None:
            audit_section, findings = _audit_section()
            sections.append(audit_section)
        return Report("SafeCORE evaluation (DfE RR1040, 2020), recomputed", tuple(sections), findings)
    sections = []
    if case_notes is not None:
        sections.append(_case_notes_section_user(case_notes, delimiter=delimiter, missing=missing))
    if cohorts is not None:
        sections.append(
            _cost_section(table, load_cohorts(cohorts), draws, seed, progress, is_2020=False)
        )
    if staff_survey is not None:
        sections.append(_staff_section_user(staff_survey, delimiter=delimiter, missing=missing))
    return Report("Programme evaluation", tuple(sections))
