"""Assemble an evaluation as a document from a user's own files: tables and text, rendered four ways.

`build_report` runs the analysis on case notes (or any outcome file),
staff surveys, proxies and cohorts; [`Report`][safecore.report.document.Report] renders as text,
Markdown, HTML or JSON. The SafeCORE 2020 report, recomputed, is one dataset:
`safecore.datasets.report_2020`.

Examples
--------
>>> import pathlib, tempfile
>>> from safecore.report import build_report
>>> notes = pathlib.Path(tempfile.mkdtemp()) / "trial.csv"
>>> _ = notes.write_text("child,arm,cin\\nC1,A,yes\\nC2,A,no\\nC3,B,no\\nC4,B,no\\n", encoding="utf-8")
>>> report = build_report(case_notes=notes, group="arm", outcomes=["cin"], draws=0)
>>> [s.title for s in report.sections]
['Outcomes']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from safecore._errors import InputValueError
from safecore.cost.cohorts import load_cohorts
from safecore.cost.proxies import ProxyTable, _proxy_file_format, load_proxies
from safecore.report.document import Report, Section, Table, headlines, provenance
from safecore.report.sections import Progress, case_notes_section, cost_section, staff_section

__all__ = ["Report", "Section", "Table", "build_report", "load_cohorts", "read_proxy_file"]


def read_proxy_file(
    path: str | os.PathLike[str],
    *,
    delimiter: str = ",",
    decimal: str = ".",
    missing: Iterable[str] = ("",),
    file_format: Literal["toml", "csv", "xlsx"] | None = None,
) -> ProxyTable:
    """Read a proxy table, passing the CSV options only to a CSV file (TOML takes none).

    Parameters
    ----------
    path : str or os.PathLike
        A proxy file: TOML, CSV or .xlsx by its suffix or *file_format*; ``-``
        is standard input (see [`load_proxies`][safecore.cost.proxies.load_proxies]).
    delimiter, decimal, missing
        How a CSV file is read: cell separator, decimal mark of savings
        (``"."`` or ``","``) and the cell texts meaning "missing".
    file_format : {"toml", "csv", "xlsx"}, optional
        What the file holds, when its name does not say (default: its
        suffix, or for ``-`` its content when that is unambiguous).

    Returns
    -------
    ProxyTable

    Examples
    --------
    A spreadsheet export with semicolons and decimal commas:

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "proxies.csv").write_text(
    ...     "outcome;indicator;saving;source\\n"
    ...     "housing;An eviction has been avoided.;7770,50;Shelter (2012)\\n"
    ...     "mental_health;No mental health treatment needed.;2303;King's Fund (2008)\\n",
    ...     encoding="utf-8",
    ... )
    >>> proxies = read_proxy_file(folder / "proxies.csv", delimiter=";", decimal=",")
    >>> proxies["housing"].saving, len(proxies)
    (7770.5, 2)

    The same options are ignored for TOML, so one call serves either kind of file:

    >>> _ = (folder / "proxies.toml").write_text(proxies.to_toml(), encoding="utf-8")
    >>> read_proxy_file(folder / "proxies.toml", delimiter=";", decimal=",") == proxies
    True
    """
    kind = _proxy_file_format(Path(path), file_format, delimiter)
    if kind == "csv":
        return load_proxies(
            path, delimiter=delimiter, decimal=decimal, missing=tuple(missing), file_format="csv"
        )
    return load_proxies(path, file_format="xlsx" if kind == "xlsx" else "toml")


def build_report(
    *,
    case_notes: str | os.PathLike[str] | None = None,
    staff_survey: str | os.PathLike[str] | None = None,
    proxies: str | os.PathLike[str] | None = None,
    cohorts: str | os.PathLike[str] | None = None,
    group: str = "engagement",
    outcomes: Sequence[str] | None = None,
    paired: Sequence[tuple[str, str]] = (),
    draws: int = 10_000,
    seed: int = 2020,
    progress: Progress | None = None,
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
    decimal: str = ".",
    proxies_format: Literal["toml", "csv", "xlsx"] | None = None,
) -> Report:
    """Run the evaluation on your own files.

    Parameters
    ----------
    case_notes : path, optional
        A case-note or outcome CSV, one row per record (see *group*, *outcomes*, *paired*).
    staff_survey : path, optional
        A staff survey CSV: ``respondent, time, cbi01 ... cbi19`` (labels or points).
    proxies : path, optional
        A proxy table (TOML or CSV, see `safecore.cost.load_proxies`); needed with *cohorts*.
    cohorts : path, optional
        Cohorts in TOML (see `safecore.cost.load_cohorts`); any number of them.
    group : str
        The case-note column whose groups are compared (engagement, trial arm, site, ...).
    outcomes : sequence of str, optional
        Outcome columns compared between groups; by default the ``status`` column,
        split into goals and problems.
    paired : sequence of (str, str)
        Yes/no indicators recorded before and after, compared with the exact McNemar test.
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
    proxies_format : {"toml", "csv", "xlsx"}, optional
        What the proxy file holds, when its name does not say (``-``, standard
        input, is otherwise read by its content where that is unambiguous).

    Returns
    -------
    Report
        The sections those files feed.

    Raises
    ------
    InputValueError
        With no input file, or cohorts without a proxy table (no programme's
        proxies are used silently; the SafeCORE 2020 tables are in
        `safecore.datasets`).

    Examples
    --------
    A cost section from two proxies and two cohorts (no simulation, to be quick):

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "proxies.csv").write_text(
    ...     "outcome,indicator,saving,source\\n"
    ...     "housing,An eviction has been avoided.,7770,Shelter (2012)\\n"
    ...     "mental_health,No mental health treatment needed.,2303,King's Fund (2008)\\n",
    ...     encoding="utf-8",
    ... )
    >>> _ = (folder / "cohorts.toml").write_text(
    ...     "[cohorts.engaged]\\nname = 'Engaged'\\nfamilies = 12\\n"
    ...     "improved = { housing = 3, mental_health = 5 }\\n"
    ...     "[cohorts.disengaged]\\nname = 'Disengaged'\\nfamilies = 25\\n"
    ...     "improved = { housing = 2, mental_health = 4 }\\n",
    ...     encoding="utf-8",
    ... )
    >>> report = build_report(proxies=folder / "proxies.csv", cohorts=folder / "cohorts.toml",
    ...                       draws=0)
    >>> report
    Report('Programme evaluation', sections=1, findings=0)
    >>> report.summary
    ('Cost: Difference per family (Engaged − Disengaged): £1,912.00',)
    >>> [b.caption for b in report.sections[0].blocks if not isinstance(b, str)][:3]
    ['Proxy saving per family per year', 'Results by outcome: Engaged', 'Results by outcome: Disengaged']
    >>> [f["role"] for f in report.provenance["inputs"]], report.provenance["parameters"]["draws"]
    (['proxies', 'cohorts'], 0)
    >>> report.render("markdown").splitlines()[0]
    '# Programme evaluation'
    """
    if all(x is None for x in (case_notes, staff_survey, cohorts, proxies)):
        msg = (
            "build_report needs at least one input file (case_notes, staff_survey, cohorts with "
            "proxies); the SafeCORE 2020 report is safecore.datasets.report_2020()"
        )
        raise InputValueError(msg)
    if (cohorts is None) != (proxies is None):
        msg = (
            "cohorts and proxies go together: a cost section values your cohorts with your "
            "proxy table (the 2020 report's Table 11 is safecore.datasets.SAFECORE_2020)"
        )
        raise InputValueError(msg)
    missing = tuple(missing)
    sections: list[Section] = []
    if case_notes is not None:
        sections.append(
            case_notes_section(
                case_notes,
                group=group,
                outcomes=outcomes,
                paired=paired,
                delimiter=delimiter,
                missing=missing,
            )
        )
    if cohorts is not None and proxies is not None:
        table = read_proxy_file(
            proxies,
            delimiter=delimiter,
            decimal=decimal,
            missing=missing,
            file_format=proxies_format,
        )
        sections.append(
            cost_section(table, load_cohorts(cohorts), draws=draws, seed=seed, progress=progress)
        )
    if staff_survey is not None:
        sections.append(staff_section(staff_survey, delimiter=delimiter, missing=missing))
    inputs = {
        "case_notes": case_notes,
        "staff_survey": staff_survey,
        "proxies": proxies,
        "cohorts": cohorts,
    }
    parameters = {
        "group": group,
        "outcomes": list(outcomes) if outcomes is not None else None,
        "paired": [list(p) for p in paired],
        "draws": draws,
        "seed": seed,
        "delimiter": delimiter,
        "missing": list(missing),
        "decimal": decimal,
        "proxies_format": proxies_format,
    }
    return Report(
        "Programme evaluation",
        tuple(sections),
        summary=headlines(sections),
        provenance=provenance(inputs, parameters),
    )
