"""Report sections built from a user's own files, for any programme.

Every section is built from what the files contain: any groups (engagement,
trial arms, sites), any outcome categories (goal attainment, problem change,
yes/no indicators such as "child in need"), any number of cohorts. A test that
cannot be computed leaves its table in place and says why.
"""

from __future__ import annotations

import difflib
import math
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from safecore._errors import (
    InputValueError,
    RecordError,
    SafecoreError,
    SafecoreWarning,
    UnknownLabelError,
)
from safecore._format import fmt_label, fmt_money
from safecore._results import ResultTable, column_name
from safecore.report.document import Block, Figure, Section, Table

__all__ = [
    "case_notes_section",
    "chi_square_text",
    "cost_figures",
    "cost_section",
    "outcome_tables",
    "proxy_table",
    "results_table",
    "simulation_blocks",
    "simulation_table",
    "staff_section",
    "tally_figure",
    "tally_table",
    "typed_table",
]

Progress = Callable[[int, int], None]


def typed_table(
    caption: str,
    columns: Sequence[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    formats: Mapping[str, str] | None = None,
    cells: Iterable[Sequence[Any]] | None = None,
) -> Table:
    """Return a report table from typed values: snake_case *columns* and one row of values each.

    The display cells are the values formatted by *formats* (see
    ``ResultTable``: ``"money"``, ``"percent"``, ``"p"``, a format spec), or
    *cells* where a cell shows more than one value (``"[£1, £2]"`` from an
    interval's two columns); *headers* are the display headers.

    Examples
    --------
    >>> t = typed_table(
    ...     "Shares", ["outcome", "improved_share"], ["Outcome", "% improved"],
    ...     [["Housing", 0.5], ["Safety", float("nan")]], formats={"improved_share": "percent"},
    ... )
    >>> t.rows, t.data
    ((('Housing', '50%'), ('Safety', '-')), (('Housing', 0.5), ('Safety', None)))
    """
    return Table.from_table(
        ResultTable(
            tuple(columns),
            [tuple(r) for r in rows],
            caption,
            headers=tuple(headers),
            formats=dict(formats or {}),
            cells=None if cells is None else [tuple(c) for c in cells],
        )
    )


def tally_table(caption: str, t: Any) -> Table:
    """Return a tally as a report table (its own display: ``n (row %)`` cells, missing, N).

    Examples
    --------
    >>> from safecore.tallies import Tally
    >>> change = Tally.from_counts([[9, 3], [5, 20]], ["Engaged", "Disengaged"],
    ...                            ["Improved", "Not improved"], row_name="engagement")
    >>> table = tally_table("Change by engagement", change)
    >>> table.header
    ('engagement', 'Improved', 'Not improved', 'Missing', 'N')
    >>> table.rows[1], table.data[1]
    (('Disengaged', '5 (20%)', '20 (80%)', '0', '25'), ('Disengaged', 5, 20, 0, 25))
    """
    return Table.from_result(t, caption)


def tally_figure(caption: str, t: Any) -> Figure:
    """Return a tally as a chart: each group's statuses as stacked percentage bars.

    The chart is drawn (with [`attainment_bars`][safecore.plots.attainment_bars]) only when an
    HTML report is rendered.

    Examples
    --------
    >>> from safecore.tallies import Tally
    >>> change = Tally.from_counts([[9, 3], [5, 20]], ["Engaged", "Disengaged"],
    ...                            ["Improved", "Not improved"], row_name="engagement")
    >>> figure = tally_figure("Change by engagement (% of records)", change)
    >>> figure
    Figure(caption='Change by engagement (% of records)', size=(7.0, 3.6))
    >>> figure.svg().startswith("<svg")
    True
    """
    from safecore.plots import attainment_bars  # noqa: PLC0415

    return Figure(caption, lambda ax: attainment_bars(t, ax=ax), size=(7.0, 3.6))


def chi_square_text(t: Any, published: str | None = None) -> str:
    """Return the chi-square line for a tally, or why no test could be computed.

    Parameters
    ----------
    t : Tally
        Groups by outcomes. Groups and outcomes with no records are left out of the test.
    published : str, optional
        The test as the report printed it, appended for comparison.

    Returns
    -------
    str
        ``Recomputed: ...`` with Pearson's chi-square and Cramér's V, and the
        exact p-value when an expected count is below 5.

    Examples
    --------
    >>> from safecore.tallies import Tally
    >>> change = Tally.from_counts([[9, 3], [5, 20]], ["Engaged", "Disengaged"],
    ...                            ["Improved", "Not improved"], row_name="engagement")
    >>> print(chi_square_text(change, published="χ² = 10.43, p = .001"))
    Recomputed: χ²(1, N = 37) = 10.43, p = 0.001, V = 0.53; smallest expected count 4.54 < 5,
    exact p = 0.002785. Published: χ² = 10.43, p = .001.
    >>> print(chi_square_text(Tally.from_counts([[9, 3], [0, 0]], ["Engaged", "Disengaged"],
    ...                                         ["Improved", "Not improved"])))
    No chi-square test: it needs at least two groups and two outcomes with records (found 1 and 2).
    """
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


_KINDS = {"goal": "goal", "goals": "goal", "problem": "problem", "problems": "problem"}


def _split_case_notes(records: Any, group: str = "engagement") -> tuple[Any, Any, Any]:
    """Goals, problems and unclassified records of one case-note RecordSet.

    A record's kind is its ``type`` cell (goal or problem) or, when that is
    absent or empty, what its status parses as (an attainment or a change).
    A status that is neither is an error naming the line and the closest
    labels; records with neither a type nor a status are returned apart.
    """
    from safecore.categories import Attainment, Change  # noqa: PLC0415

    records.require(group, "status")
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


def _binary(value: object, where: str) -> bool:
    """Read a yes/no indicator value: yes/no, y/n, true/false, 1/0 (any case), or a bool."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    msg = f"{where}: {value!r} is not a yes/no value (yes/no, y/n, true/false, 1/0)"
    raise RecordError(msg)


_YES = frozenset({"yes", "y", "true", "1", "1.0"})
_NO = frozenset({"no", "n", "false", "0", "0.0"})


def _outcome_blocks(records: Any, group: str, outcome: str) -> list[Block]:
    """Tally of one outcome column by group, with its test (or why there is none)."""
    from safecore.tallies import tally  # noqa: PLC0415

    t = tally(records, rows=group, columns=outcome)
    caption = f"{outcome} by {group} ({t.total} records, {t.missing} missing)"
    return [tally_table(caption, t), tally_figure(f"{outcome} by {group}", t), chi_square_text(t)]


def _paired_blocks(records: Any, before: str, after: str) -> list[Block]:
    """Exact McNemar test of a yes/no indicator recorded before and after."""
    from safecore.stats import mcnemar_exact  # noqa: PLC0415

    records.require(before, after)
    counts = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    incomplete = 0
    for k, r in enumerate(records):
        if r[before] is None or r[after] is None:
            incomplete += 1
            continue
        pair = (_binary(r[before], records.where(k, before)), _binary(r[after], records.where(k, after)))
        counts[pair] += 1
    test = mcnemar_exact(counts[(True, False)], counts[(False, True)])
    rows = [
        ["Yes", counts[(True, True)], counts[(True, False)]],
        ["No", counts[(False, True)], counts[(False, False)]],
    ]
    taken: set[str] = set()
    columns = [column_name(x, taken) for x in (before, f"{after} yes", f"{after} no")]
    blocks: list[Block] = [
        typed_table(
            f"{before} (rows) against {after} (columns)",
            columns,
            [before, f"{after}: yes", f"{after}: no"],
            rows,
        ),
        f"Exact McNemar test of the change from {before} to {after}: "
        f"{counts[(True, False)]} yes→no, {counts[(False, True)]} no→yes, p = {test.pvalue:.4g}"
        + (f"; {incomplete} records with a missing value are left out" if incomplete else "")
        + ".",
    ]
    return blocks


def case_notes_section(
    path: str | os.PathLike[str],
    *,
    group: str = "engagement",
    outcomes: Sequence[str] | None = None,
    paired: Sequence[tuple[str, str]] = (),
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
) -> Section:
    """Tallies and tests of a case-note or outcome file, by group.

    Parameters
    ----------
    path : path
        A CSV file, one row per record.
    group : str
        The column that defines the groups compared (engagement, trial arm, site, ...).
    outcomes : sequence of str, optional
        Outcome columns tallied by group, each with a chi-square (or exact)
        test. By default the ``status`` column, split into goals (attainment)
        and problems (change) by a ``type`` column or by what the status is.
    paired : sequence of (str, str)
        Yes/no indicators recorded before and after (e.g. ``("cin_before",
        "cin_after")``), each compared with the exact McNemar test.
    delimiter, missing
        How the CSV file is read (see [`safecore.tallies.read_records`][safecore.tallies.read_records]).

    Returns
    -------
    Section

    Examples
    --------
    Goals and problems in one file, told apart by their status:

    >>> import pathlib, tempfile
    >>> notes = pathlib.Path(tempfile.mkdtemp()) / "notes.csv"
    >>> _ = notes.write_text(
    ...     "family,engagement,status\\n"
    ...     "F1,Engaged,Achieved\\nF1,Engaged,Improved\\nF2,Engaged,Almost achieved\\n"
    ...     "F3,Disengaged,Not achieved\\nF3,Disengaged,No change\\n"
    ...     "F4,Disengaged,Achieved\\nF4,Disengaged,Became worse\\n",
    ...     encoding="utf-8",
    ... )
    >>> section = case_notes_section(notes)
    >>> section.title
    'Case notes'
    >>> for block in section.blocks:
    ...     if isinstance(block, Table):
    ...         print(block.caption)
    Goals: status by engagement (4 records, 0 missing)
    Problems: status by engagement (3 records, 0 missing)
    >>> goals = section.blocks[1]
    >>> for row in [goals.header, *goals.rows]:
    ...     print(" | ".join(row))
    engagement | Achieved | Almost achieved | Not achieved | Missing | N
    Engaged | 1 (50%) | 1 (50%) | 0 (0%) | 0 | 2
    Disengaged | 1 (50%) | 0 (0%) | 1 (50%) | 0 | 2
    >>> print(section.blocks[4])
    Goals per family: mean 1.0, SD 0.0, median 1, range 1-1 (4 families)
    """
    from safecore.categories import Attainment, Change  # noqa: PLC0415
    from safecore.tallies import per_family, read_records, tally  # noqa: PLC0415

    records = read_records(path, delimiter=delimiter, missing=missing)
    records.require(group)
    blocks: list[Block] = [f"Records from {path}: {len(records)} rows, grouped by {group!r}."]
    if outcomes is None and not paired:
        if not records.has("status"):
            found = ", ".join(repr(c) for c in records.columns)
            msg = (
                f"{path}: no 'status' column (columns found: {found}); name the outcome columns "
                "to compare between groups (outcomes=[...], --outcome COLUMN) or the before/after "
                "indicator pairs (paired=[...], --paired BEFORE:AFTER)"
            )
            raise InputValueError(msg)
        goals, problems, unclassified = _split_case_notes(records, group)
        for name, subset, enum in (("Goals", goals, Attainment), ("Problems", problems, Change)):
            if not len(subset):
                blocks.append(f"{name}: none recorded.")
                continue
            t = tally(subset, rows=group, columns="status", column_type=enum, column_order=list(enum))
            blocks.append(
                tally_table(f"{name}: status by {group} ({t.total} records, {t.missing} missing)", t)
            )
            blocks.append(tally_figure(f"{name}: status by {group} (% of records)", t))
            blocks.append(chi_square_text(t))
            if subset.has("family"):
                blocks.append(_per_family_text(name, per_family(subset)))
        if len(unclassified):
            n = len(unclassified)
            lines = ", ".join(unclassified.places[:5]) + (", ..." if n > 5 else "")
            blocks.append(
                f"{n} {'record has' if n == 1 else 'records have'} neither a type nor a status and "
                f"{'is' if n == 1 else 'are'} not tallied ({lines})."
            )
    for outcome in outcomes or ():
        records.require(outcome)
        blocks.extend(_outcome_blocks(records, group, outcome))
    for before, after in paired:
        blocks.extend(_paired_blocks(records, before, after))
    return Section("Case notes" if outcomes is None and not paired else "Outcomes", blocks)


def _per_family_text(name: str, s: Any) -> str:
    sd = "-" if math.isnan(s.sd) else f"{s.sd:.1f}"
    return (
        f"{name} per family: mean {s.mean:.1f}, SD {sd}, median {s.median:g}, "
        f"range {s.min}-{s.max} ({s.n_families} families"
        + (f"; {s.missing} records with no family" if s.missing else "")
        + ")"
    )


def staff_section(
    path: str | os.PathLike[str], *, delimiter: str = ",", missing: Iterable[str] = ("",)
) -> Section:
    """Staff-survey scores by time point and the comparison of two time points.

    Parameters
    ----------
    path : path
        A staff survey CSV: ``respondent, time, cbi01 ... cbi19`` (see
        [`read_staff_survey`][safecore.scales.survey.read_staff_survey]).
    delimiter, missing
        How the CSV file is read.

    Returns
    -------
    Section
        The CBI scales by time point and, with two time points, their
        comparison (paired when respondents answered at both).

    Examples
    --------
    Four staff answering the CBI twice (answers as points 0-100):

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "staff.csv"
    >>> items = ",".join(f"cbi{i:02d}" for i in range(1, 20))
    >>> rows = [f"{who},{time}," + ",".join(str(25 * ((i + k + time) % 5)) for i in range(19))
    ...         for k, who in enumerate("ABCD") for time in (1, 2)]
    >>> _ = path.write_text("\\n".join([f"respondent,time,{items}", *rows]) + "\\n", encoding="utf-8")
    >>> section = staff_section(path)
    >>> [b.caption for b in section.blocks if isinstance(b, Table)]
    ['CBI scores by time point', 'Time 1 against time 2']
    >>> section.blocks[1].rows[0]
    ('personal', '1', '4', '0', '52.1 [43.5, 60.6] 5.4')
    >>> tests = section.blocks[2]
    >>> for row in [tests.header, *tests.rows]:
    ...     print(" | ".join(row))
    Scale | Test | N | t | p |
    personal | paired t | 4 | 0.20 | 0.854 | Wilcoxon p = 0.854
    work | paired t | 4 | 0.00 | 1.000 | Wilcoxon p = 1.000
    client | paired t | 4 | 0.20 | 0.854 | Wilcoxon p = 0.854
    """
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
    rows, cells = [], []
    for scale in SCALES:
        for time in times:
            s = survey.describe(scale, time)
            shown = str(s) if s.n >= 2 else f"{s.mean:.1f} (one score: no SD or CI)"
            if s.n == 0:
                shown = "no scores"
            rows.append([scale, time, s.n, s.missing, s.mean, s.ci_low, s.ci_high, s.sd])
            cells.append([scale, time, s.n, s.missing, shown])
    blocks.append(
        typed_table(
            "CBI scores by time point",
            ["scale", "time", "n", "missing", "mean", "ci_low", "ci_high", "sd"],
            ["Scale", "Time", "N", "Missing", "M [95% CI] SD"],
            rows,
            cells=cells,
        )
    )
    if len(times) == 1:
        blocks.append(f"One time point ({times[0]}): there is nothing to compare.")
        return Section("Staff survey", blocks)
    if len(times) > 2:
        blocks.append(
            f"{len(times)} time points ({', '.join(times)}): each is described above; the "
            "comparison is made only when a survey has exactly two time points (compare two of "
            "them with safecore.scales.compare_times(survey, first, second))."
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
    tests = [_staff_test_row(scale, c.results[scale], c.design) for scale in SCALES]
    blocks.append(
        typed_table(
            f"Time {c.first} against time {c.second}",
            ["scale", "test", "n", "t", "p", "wilcoxon_p", "hedges_g"],
            ["Scale", "Test", "N", "t", "p", ""],
            [values for values, _ in tests],
            cells=[shown for _, shown in tests],
        )
    )
    blocks.extend(f"{scale}: test not computed: {reason}." for scale, reason in c.reasons.items())
    return Section("Staff survey", blocks)


def _staff_test_row(scale: str, res: object, design: str) -> tuple[list[Any], list[Any]]:
    """Values (scale, test, n, t, p, Wilcoxon p, Hedges' g) and display cells of one scale's test."""
    from safecore.scales import PairedResult, WelchResult  # noqa: PLC0415

    if isinstance(res, PairedResult):
        t, p, w = res.statistic, res.pvalue, res.wilcoxon_pvalue
        values = [scale, "paired t", res.n, t, p, w, None]
        return values, [scale, "paired t", res.n, f"{t:.2f}", f"{p:.3f}", f"Wilcoxon p = {w:.3f}"]
    if isinstance(res, WelchResult):
        n, t, p, g = res.n1 + res.n2, res.statistic, res.pvalue, res.effect.g
        return [scale, "Welch", n, t, p, None, g], [
            scale,
            "Welch",
            n,
            f"{t:.2f}",
            f"{p:.3f}",
            f"g = {g:.2f}",
        ]
    test = "paired t" if design == "paired" else "Welch"
    return [scale, test, None, None, None, None, None], [scale, test, "–", "–", "–", "not computed"]


def _label(key: Any) -> str:
    return str(getattr(key, "label", key))


def proxy_table(proxies: Any, caption: str = "Proxy saving per family per year") -> Table:
    """Return the proxies as a table: outcome, indicator and annual saving (pounds).

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> table = proxy_table(proxies)
    >>> table.caption, table.header
    ('Proxy saving per family per year', ('Outcome', 'Indicator', 'Saving'))
    >>> table.rows[0]
    ('Housing', 'An eviction has been avoided.', '£7,770')
    """
    rows = [[_label(p.outcome), p.indicator, p.saving] for p in proxies]
    pence = any(not float(p.saving).is_integer() for p in proxies)
    return typed_table(
        caption,
        ["outcome", "indicator", "saving"],
        ["Outcome", "Indicator", "Saving"],
        rows,
        formats={"saving": "money2" if pence else "money"},
    )


def outcome_tables(cohorts: Sequence[Any]) -> list[Block]:
    """Potential and improved families per outcome, for each cohort that records potential.

    Examples
    --------
    >>> from safecore.cost import Cohort
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> tables = outcome_tables([engaged, Cohort("Disengaged", 25, {"housing": 2})])
    >>> len(tables)  # the second cohort records no potential
    1
    >>> print(tables[0].caption)
    Outcomes and improvements: Engaged (12 families)
    >>> for row in [tables[0].header, *tables[0].rows]:
    ...     print(" | ".join(row))
    Outcome | Potential | Improved | % improved
    Housing | 6 | 3 | 50%
    Mental Health | 9 | 5 | 56%
    """
    blocks: list[Block] = []
    for c in cohorts:
        if c.potential is None:
            continue
        rows = [
            [
                _label(k),
                c.potential[k],
                c.improved[k],
                c.improved[k] / c.potential[k] if c.potential[k] else math.nan,
            ]
            for k in c.improved
        ]
        blocks.append(
            typed_table(
                f"Outcomes and improvements: {c.name} ({c.families} families)",
                ["outcome", "potential", "improved", "improved_share"],
                ["Outcome", "Potential", "Improved", "% improved"],
                rows,
                formats={"improved_share": "percent"},
            )
        )
    return blocks


def results_table(
    ev: Any, caption: str | None = None, published: Mapping[str, Any] | None = None
) -> Table:
    """Return savings by outcome for one evaluated cohort, with a 'Published' column when given.

    Its typed columns are ``outcome, improved, proxy_saving, total_saving``
    (and ``published``), in pounds; the last two rows are the total and the
    saving per family, whose ``improved`` is the number of families.

    Parameters
    ----------
    ev : Evaluation
        From [`SavingModel.evaluate`][safecore.cost.model.SavingModel.evaluate].
    caption : str, optional
        Default ``"Results by outcome: <cohort>"``.
    published : mapping, optional
        The printed figures: ``totals`` (per outcome key), ``total`` and ``per_family``.

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> table = results_table(SavingModel(proxies).evaluate(engaged))
    >>> for row in [table.header, *table.rows]:
    ...     print(" | ".join(row))
    Outcome | Improved | Proxy | Total saving
    Housing | 3 | £7,770 | £23,310
    Mental Health | 5 | £2,303 | £11,515
    Total | 8 |  | £34,825
    Per family | 12 |  | £2,902.08

    Beside the figures a report printed:

    >>> printed = {"totals": {"housing": 23_310, "mental_health": 11_515}, "total": 34_825,
    ...            "per_family": 2_902}
    >>> results_table(SavingModel(proxies).evaluate(engaged), "Table 7", printed).rows[-1]
    ('Per family', '12', '', '£2,902.08', '£2,902')
    """
    header = ["Outcome", "Improved", "Proxy", "Total saving"]
    columns = ["outcome", "improved", "proxy_saving", "total_saving"]
    if published:
        header.append("Published")
        columns.append("published")
    rows: list[list[Any]] = []
    cells: list[list[Any]] = []

    def add(label: Any, count: int, proxy: float | None, saving: float, key: str, pence: bool) -> None:
        """One row: its values, and its cells as printed (the published figure when given)."""
        printed = []
        if published:
            printed.append(float(published[key][str(label)] if key == "totals" else published[key]))
        rows.append([_label(label), count, proxy, saving, *printed])
        shown = "" if proxy is None else fmt_money(proxy)
        cells.append(
            [_label(label), count, shown, fmt_money(saving, 2 if pence else 0), *map(fmt_money, printed)]
        )

    for i, o in enumerate(ev.outcomes):
        add(o, int(ev.improved[i]), float(ev.saving[i]), float(ev.gross[i]), "totals", pence=False)
    add("Total", int(ev.improved.sum()), None, ev.total, "total", pence=False)
    add("Per family", ev.families, None, ev.per_family, "per_family", pence=True)
    return typed_table(caption or f"Results by outcome: {ev.cohort}", columns, header, rows, cells=cells)


def simulation_table(
    model: Any, cohorts: Sequence[Any], draws: int, seed: int, progress: Progress | None
) -> Table:
    """Monte Carlo medians and 95% intervals of the saving per family, one row per cohort.

    Each cohort is simulated with [`simulate`][safecore.cost.uncertainty.simulate] (proxies ±20%,
    sampled improvement rates) with the same *seed*.

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> disengaged = Cohort("Disengaged", families=25, improved={"housing": 2, "mental_health": 4},
    ...                     potential={"housing": 10, "mental_health": 15})
    >>> table = simulation_table(SavingModel(proxies), [engaged, disengaged], 500, 1, None)
    >>> for row in [table.header, *table.rows]:
    ...     print(" | ".join(row))
    Cohort | Per family | Median | 95% interval
    Engaged | £2,902 | £2,894 | [£915, £4,950]
    Disengaged | £990 | £1,167 | [£315, £2,605]
    """
    table, _ = _simulations(model, cohorts, draws, seed, progress)
    return table


def simulation_blocks(
    model: Any, cohorts: Sequence[Any], draws: int, seed: int, progress: Progress | None
) -> list[Block]:
    """Return the simulation table and a chart of the first cohort's simulated saving per family.

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> table, figure = simulation_blocks(SavingModel(proxies), [engaged], 500, 1, None)
    >>> table.rows
    (('Engaged', '£2,902', '£2,894', '[£915, £4,950]'),)
    >>> print(figure.caption)
    Simulated saving per family: Engaged (500 draws; central estimate and 95% interval marked)
    """
    from safecore.plots import simulation_distribution  # noqa: PLC0415

    table, sims = _simulations(model, cohorts, draws, seed, progress)
    if not sims:
        return [table]
    sim = sims[0]
    figure = Figure(
        f"Simulated saving per family: {sim.cohort} ({draws:,} draws; central estimate and "
        "95% interval marked)",
        lambda ax: simulation_distribution(sim, ax=ax),
    )
    return [table, figure]


def _simulations(
    model: Any, cohorts: Sequence[Any], draws: int, seed: int, progress: Progress | None
) -> tuple[Table, list[Any]]:
    from safecore.cost import simulate  # noqa: PLC0415

    rows, cells = [], []
    sims = []
    for c in cohorts:
        sim = simulate(model, c, n=draws, seed=seed, progress=progress)
        sims.append(sim)
        lo, hi = sim.interval(0.95)
        per_family, median = model.evaluate(c).per_family, sim.percentile(50)
        rows.append([c.name, per_family, median, lo, hi])
        cells.append(
            [
                c.name,
                fmt_money(per_family),
                fmt_money(median),
                f"[{fmt_money(lo)}, {fmt_money(hi)}]",
            ]
        )
    table = typed_table(
        f"Uncertainty: {draws:,} Monte Carlo draws (proxies ±20% triangular, beta-binomial "
        f"improvement rates; seed {seed})",
        ["cohort", "per_family", "median", "interval_low", "interval_high"],
        ["Cohort", "Per family", "Median", "95% interval"],
        rows,
        cells=cells,
    )
    return table, sims


def cost_figures(model: Any, cohort: Any) -> list[Figure]:
    """Charts of one cohort: the saving-per-family waterfall and the tornado of its sensitivity.

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> waterfall, tornado_chart = cost_figures(SavingModel(proxies), engaged)
    >>> waterfall.caption
    'Saving per family by outcome: Engaged'
    >>> tornado_chart.caption.startswith("Sensitivity of the saving per family: Engaged")
    True
    """
    from safecore.cost import sensitivity  # noqa: PLC0415
    from safecore.plots import savings_waterfall, tornado  # noqa: PLC0415

    ev = model.evaluate(cohort)
    sens = sensitivity(model, cohort)
    width = max(7.0, 0.85 * (len(ev.outcomes) + 1) + 1.2)
    return [
        Figure(
            f"Saving per family by outcome: {ev.cohort}",
            lambda ax: savings_waterfall(ev, ax=ax),
            size=(width, 4.0),
        ),
        Figure(
            f"Sensitivity of the saving per family: {ev.cohort} (each parameter at its low "
            "and high value, the ten largest swings)",
            lambda ax: tornado(sens, ax=ax),
        ),
    ]


def cost_section(
    proxies: Any,
    cohorts: Sequence[Any],
    *,
    draws: int,
    seed: int,
    progress: Progress | None = None,
) -> Section:
    """Build the cost section: savings by outcome per cohort, the first two's difference, uncertainty.

    Parameters
    ----------
    proxies : ProxyTable
    cohorts : sequence of Cohort
        Each valued with ``SavingModel(proxies)``; the first two are compared.
    draws : int
        Monte Carlo draws per cohort (0: no simulation).
    seed : int
    progress : callable, optional
        ``progress(done, total)`` during the simulation.

    Returns
    -------
    Section

    Examples
    --------
    >>> from safecore.cost import Cohort, Proxy, ProxyTable, SavingModel
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)"),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)"),
    ... ])
    >>> engaged = Cohort("Engaged", families=12, improved={"housing": 3, "mental_health": 5},
    ...                  potential={"housing": 6, "mental_health": 9})
    >>> disengaged = Cohort("Disengaged", families=25, improved={"housing": 2, "mental_health": 4},
    ...                     potential={"housing": 10, "mental_health": 15})
    >>> section = cost_section(proxies, [engaged, disengaged], draws=500, seed=1)
    >>> section.title, [type(b).__name__ for b in section.blocks]
    ('Cost', ['Table', 'Table', 'Table', 'Table', 'Table', 'Figure', 'Figure', 'str', 'Table', 'Figure'])
    >>> print(section.blocks[7])
    Difference per family (Engaged − Disengaged): £1,912.00
    """
    from safecore.cost import SavingModel  # noqa: PLC0415

    model = SavingModel(proxies)
    blocks: list[Block] = [proxy_table(proxies), *outcome_tables(cohorts)]
    blocks += [results_table(model.evaluate(c)) for c in cohorts]
    if cohorts:
        blocks += cost_figures(model, cohorts[0])
    if len(cohorts) >= 2:
        comp = model.compare(cohorts[0], cohorts[1])
        blocks.append(
            f"Difference per family ({comp.a.cohort} − {comp.b.cohort}): "
            f"{fmt_money(comp.difference_per_family, 2)}"
        )
    if draws > 0:
        blocks += simulation_blocks(model, cohorts, draws, seed, progress)
    return Section("Cost", blocks)
