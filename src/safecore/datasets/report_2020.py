"""The SafeCORE 2020 evaluation report (DfE RR1040), recomputed section by section.

Each section shows a table of the report recomputed from the embedded data,
beside the figure the report printed; the last lists the audit's findings.

Examples
--------
>>> from safecore.datasets import report_2020
>>> report = report_2020(draws=2_000)
>>> [s.title for s in report.sections][:3]
['Service indicators (Table 1)', 'Case notes (Tables 2-5)', 'Cost (Tables 6-8, 11-13)']
"""

from __future__ import annotations

from typing import Any

from safecore._format import fmt_money
from safecore.cost import SavingModel, delivery_cost_per_family, value_for_money
from safecore.cost.proxies import ProxyTable
from safecore.datasets.safecore_2020 import (
    CBI_SOCIAL_WORKER_NORMS,
    SAFECORE_2020,
    SAFECORE_2020_DISENGAGED,
    SAFECORE_2020_ENGAGED,
    audit_2020,
    published_cost_2020,
    safecore_2020,
    service_indicators_2020,
    staff_survey_2020,
)
from safecore.report.document import Block, Report, Section, Table, headlines, provenance
from safecore.report.sections import (
    Progress,
    chi_square_text,
    cost_figures,
    outcome_tables,
    proxy_table,
    results_table,
    simulation_blocks,
    tally_figure,
    tally_table,
    typed_table,
)

__all__ = ["report_2020"]


def _services_section() -> Section:
    indicators, flow = service_indicators_2020()
    blocks: list[Table | str] = [
        Table.from_result(
            indicators,
            f"Table 1: {indicators.children} children, 12 months before and after allocation",
            columns=("label", "before", "after", "pvalue"),
        ),
        "Referral flow (February 2018 to March 2019):\n" + str(flow),
    ]
    problems = flow.inconsistencies()
    blocks.append(
        "The flow adds up." if not problems else "Flow inconsistencies: " + "; ".join(problems)
    )
    return Section("Service indicators (Table 1)", blocks)


def _case_notes_section_2020() -> Section:
    data = safecore_2020()
    blocks: list[Block] = []
    captions = {
        2: "Table 2: goal types by attainment",
        3: "Table 3: goal attainment by engagement",
        4: "Table 4: problem types by change",
        5: "Table 5: problem change by engagement",
    }
    for number, caption in captions.items():
        published = data.tables[number]
        t = published.tally()
        blocks.append(tally_table(f"{caption} ({t.total} records, {t.missing} with no status)", t))
        if number in (3, 5):
            blocks.append(tally_figure(f"{caption} (% of records)", t))
            extra = published.extra
            blocks.append(chi_square_text(t, f"χ² = {extra['statistic']}, p {extra['pvalue']}"))
    return Section("Case notes (Tables 2-5)", blocks)


def _cost_section_2020(
    proxies: ProxyTable, draws: int, seed: int, progress: Progress | None, published: bool
) -> Section:
    """Tables 6-8 and 11-13 recomputed, beside the published figures (unless other proxies are used)."""
    model = SavingModel(proxies)
    cohorts = [SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED]
    pub = published_cost_2020() if published else {}
    caption = "Proxy saving per family per year" + (" (Tables 6 and 11)" if published else "")
    blocks: list[Block] = [proxy_table(proxies, caption), *outcome_tables(cohorts)]
    for cohort, key, number in zip(cohorts, ("engaged", "disengaged"), (7, 8), strict=True):
        ev = model.evaluate(cohort)
        if published:
            blocks.append(
                results_table(
                    ev, f"Results by outcome: {ev.cohort} (Table {number}, recomputed)", pub[key]
                )
            )
        else:
            blocks.append(results_table(ev))
    blocks += cost_figures(model, cohorts[0])
    comp = model.compare(*cohorts)
    difference = fmt_money(comp.difference_per_family, 2)
    line = f"Difference per family ({comp.a.cohort} − {comp.b.cohort}): {difference}"
    if not published:
        blocks.append(line)
    else:
        c = pub["comparison"]
        blocks.append(line + f" (published {fmt_money(c['difference_per_family'])})")
        share = c["attribution"]
        part = SavingModel(proxies, attribution=share).compare(*cohorts)
        blocks.append(
            f"At {share:.0%} attribution: {fmt_money(part.difference_per_family, 2)} "
            f"(published {fmt_money(c['difference_at_attribution'])})"
        )
        cost = delivery_cost_per_family(
            c["funding"], c["families_supported"], startup_share=c["startup_share"]
        )
        blocks.append(
            f"Delivery cost per family: {fmt_money(c['funding'])} less "
            f"{c['startup_share']:.0%} over {c['families_supported']} families = "
            f"{fmt_money(cost, 2)} (published {fmt_money(c['cost_per_family'])})"
        )
        vfm_rows, vfm_cells = [], []
        for years in (1, 3, 5):
            vfm = value_for_money(SavingModel(proxies, years=years), cohorts[0], cost)
            payback = "-" if vfm.payback_year is None else f"year {vfm.payback_year}"
            vfm_rows.append([years, vfm.benefit, vfm.npv, vfm.bcr, vfm.payback_year])
            vfm_cells.append(
                [years, fmt_money(vfm.benefit), fmt_money(vfm.npv), f"{vfm.bcr:.2f}", payback]
            )
        blocks.append(
            typed_table(
                f"Value for money, {cohorts[0].name} families (3.5% discounting, no drop-off)",
                ["years", "benefit", "npv", "bcr", "payback_year"],
                ["Years of benefit", "Savings per family", "NPV", "BCR", "Payback"],
                vfm_rows,
                cells=vfm_cells,
            )
        )
    if draws > 0:
        blocks += simulation_blocks(model, cohorts, draws, seed, progress)
    return Section("Cost (Tables 6-8, 11-13)" if published else "Cost", blocks)


def _staff_section_2020() -> Section:
    from safecore.stats import one_sample_from_summary, welch_from_summary  # noqa: PLC0415
    from safecore.stats.consistency import ci_consistent  # noqa: PLC0415

    staff = staff_survey_2020()
    blocks: list[Table | str] = []
    for number, name in ((9, "CBI"), (10, "CEAS")):
        summaries, cells = [], []
        for r in staff.table(number):
            if r.n is None:  # pragma: no cover - every Table 9/10 row has N
                continue
            lo, hi = ci_consistent(r.mean, r.sd, r.n, r.ci_low, r.ci_high).recomputed
            summaries.append([r.label, r.time, r.n, r.mean, r.ci_low, r.ci_high, r.sd, lo, hi])
            cells.append(
                [
                    r.label,
                    r.time,
                    r.n,
                    f"{r.mean} [{r.ci_low}, {r.ci_high}] {r.sd}",
                    f"[{lo:.1f}, {hi:.1f}]",
                ]
            )
        blocks.append(
            typed_table(
                f"Table {number}: {name} scores (published) with the t-interval recomputed",
                [
                    *("scale", "time", "n", "mean", "ci_low", "ci_high", "sd"),
                    *("t_interval_low", "t_interval_high"),
                ],
                ["Scale", "Time", "N", "M [95% CI] SD (published)", "t-interval"],
                summaries,
                cells=cells,
            )
        )
    rows: list[list[Any]] = []
    scales = list(dict.fromkeys(r.scale for r in staff.rows if r.n is not None))
    for scale in scales:
        a, b = staff.get(scale, 1), staff.get(scale, 2)
        if a.n is None or b.n is None:  # pragma: no cover
            continue
        w = welch_from_summary(a.n, a.mean, a.sd, b.n, b.mean, b.sd)
        rows.append([a.label, w.statistic, w.df, w.pvalue, w.effect.g])
    blocks.append(
        typed_table(
            "Time 1 against time 2 (Welch, from the published summaries)",
            ["scale", "t", "df", "p", "hedges_g"],
            ["Scale", "t", "df", "p", "Hedges' g"],
            rows,
            formats={"t": ".2f", "df": ".1f", "p": ".3f", "hedges_g": ".2f"},
        )
    )
    rows = []
    for scale, norm in CBI_SOCIAL_WORKER_NORMS.items():
        for time in (1, 2):
            r = staff.get(scale, time)
            if r.n is None:  # pragma: no cover
                continue
            t = one_sample_from_summary(r.n, r.mean, r.sd, norm)
            rows.append([r.label, time, r.mean, norm.mean, t.statistic, t.pvalue])
    blocks.append(
        typed_table(
            "CBI against social workers (Walters, Brown & James 2018, n = 1,720)",
            ["scale", "time", "mean", "norm", "t", "p"],
            ["Scale", "Time", "Mean", "Norm", "t", "p"],
            rows,
            formats={"mean": ".1f", "norm": ".1f", "t": ".2f", "p": ".2g"},
        )
    )
    return Section("Staff survey (Tables 9-10)", blocks)


def _audit_section() -> tuple[Section, tuple[dict[str, Any], ...]]:
    report = audit_2020()
    errors = len(report.by_severity("error"))
    blocks: list[Table | str] = [
        f"{len(report)} of {report.checks} checks found a published figure that does not follow "
        f"from its inputs ({errors} errors, {len(report) - errors} warnings).",
        Table.from_result(report, "Audit findings, each with its explanation"),
    ]
    return Section("Audit of the published figures", blocks), tuple(f.to_dict() for f in report.findings)


def report_2020(
    *,
    proxies: ProxyTable | None = None,
    draws: int = 10_000,
    seed: int = 2020,
    progress: Progress | None = None,
) -> Report:
    """Recompute the SafeCORE 2020 report: service indicators, case notes, cost, staff survey, audit.

    Parameters
    ----------
    proxies : ProxyTable, optional
        Value the report's cohorts with other proxies (then the published
        figures and the audit, which concern Table 11, are left out).
    draws : int
        Monte Carlo draws for the uncertainty table (0 to skip).
    seed : int
        Seed of the simulation.
    progress : callable, optional
        ``progress(done, total)`` during the simulation.

    Returns
    -------
    Report

    Examples
    --------
    Without the simulation (``draws=0``), the sections and the headline lines:

    >>> from safecore.datasets import report_2020
    >>> report = report_2020(draws=0)
    >>> report
    Report('SafeCORE evaluation (DfE RR1040, 2020), recomputed', sections=5, findings=38)
    >>> [s.title for s in report.sections][-2:]
    ['Staff survey (Tables 9-10)', 'Audit of the published figures']
    >>> print(report.summary[2])
    Cost (Tables 6-8, 11-13): Difference per family (Engaged − Disengaged): £5,572.96 (published £5,242)
    >>> report.to_markdown().splitlines()[0]
    '# SafeCORE evaluation (DfE RR1040, 2020), recomputed'
    >>> report.provenance["parameters"]["proxies"], report.findings[0]["rule"]
    ('Table 11 (embedded)', 'row-sum')
    """
    published = proxies is None
    cost = _cost_section_2020(
        SAFECORE_2020 if proxies is None else proxies, draws, seed, progress, published
    )
    sections = [_services_section(), _case_notes_section_2020(), cost, _staff_section_2020()]
    findings: tuple[dict[str, Any], ...] = ()
    if published:
        audit_section, findings = _audit_section()
        sections.append(audit_section)
    parameters = {
        "proxies": "Table 11 (embedded)" if proxies is None else "given",
        "draws": draws,
        "seed": seed,
        "model": "no deadweight, displacement or optimism bias; full attribution; 1 year",
    }
    return Report(
        "SafeCORE evaluation (DfE RR1040, 2020), recomputed",
        tuple(sections),
        findings,
        summary=headlines(sections),
        provenance=provenance({}, parameters),
    )
