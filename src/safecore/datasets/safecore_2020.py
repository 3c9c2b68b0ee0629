"""The SafeCORE 2020 report's tables, embedded as readable package data.

The tables are transcribed *as printed*, slips included: use
[`safecore.audit`][safecore.audit] to find where the published figures do not add up.

Examples
--------
>>> from safecore.datasets import safecore_2020
>>> data = safecore_2020()
>>> data.goal_attainment.table.tolist()  # Table 3
[[76, 6, 4], [17, 15, 12]]
>>> data.goal_types.missing  # Table 2: three goals with no attainment recorded
3
"""

from __future__ import annotations

import contextlib
import functools
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore import categories
from safecore._results import Result, ResultTable, column_name
from safecore.audit import AuditReport, Declarations, audit_file, read_declarations
from safecore.cost.cohorts import Cohort
from safecore.cost.proxies import Proxy, ProxyTable
from safecore.datasets._data import load_toml
from safecore.services import Flow, PrePost, ServiceIndicators
from safecore.stats.means import Norm
from safecore.tallies import Tally

__all__ = [
    "CBI_SOCIAL_WORKER_NORMS",
    "SAFECORE_2020",
    "SAFECORE_2020_DISENGAGED",
    "SAFECORE_2020_ENGAGED",
    "CaseNotes2020",
    "PublishedSummary",
    "PublishedTable",
    "StaffSurvey2020",
    "audit_2020",
    "declarations_2020",
    "published_cost_2020",
    "safecore_2020",
    "service_indicators_2020",
    "staff_survey_2020",
]


def _ro(a: Any, dtype: type = np.float64) -> NDArray[Any]:
    out: NDArray[Any] = np.array(a, dtype=dtype)
    out.setflags(write=False)
    return out


@attrs.frozen(slots=True, repr=False, eq=False)
class PublishedTable(Result):
    """A table as printed in the report.

    Attributes
    ----------
    number : int
        The report's table number.
    caption : str
        The printed caption.
    row_labels, column_labels : tuple of str
        The printed row and column headings.
    counts : ndarray of int64, shape (R, C)
        The printed cell counts.
    percents : ndarray of float, shape (R, C)
        The printed cell percentages.
    n : ndarray of float, shape (R,) or None
        The printed N column, where the table has one.
    n_percents : ndarray of float, shape (R,) or None
        The printed percentage beside N.
    extra : dict
        Other printed figures (statistic, p-value, group sizes, totals).

    Examples
    --------
    Table 3 as printed, and as a [`Tally`][safecore.tallies.Tally] to test:

    >>> from safecore.datasets import safecore_2020
    >>> table = safecore_2020().tables[3]
    >>> table.number, table.caption
    (3, 'Goal achievement by engaged and disengaged families receiving SafeCORE')
    >>> table.row_labels, table.column_labels
    (('Engaged', 'Disengaged'), ('Achieved', 'Almost achieved', 'Not achieved'))
    >>> table.counts.tolist(), table.percents.tolist()
    ([[76, 6, 4], [17, 15, 12]], [[88.0, 7.0, 5.0], [39.0, 34.0, 27.0]])
    >>> table.extra
    {'families': [17, 26], 'statistic': 35.41, 'pvalue': '< .001'}
    >>> table.tally().total
    130
    """

    number: int
    caption: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    counts: NDArray[np.int64]
    percents: NDArray[np.float64]
    n: NDArray[np.float64] | None
    n_percents: NDArray[np.float64] | None
    row_enum: str
    column_enum: str
    row_field: str
    extra: dict[str, Any] = attrs.field(factory=dict)

    def tally(self) -> Tally:
        """Return the counts as a [`Tally`][safecore.tallies.Tally] with parsed labels.

        Where the printed N exceeds the sum of a row's cells, the difference
        is taken as records with no status recorded (``row_missing``), as the
        report's Table 2 implies. Where N is *smaller* than the sum the row is
        inconsistent; no missing count is inferred and the audit reports it.
        """
        row_enum = getattr(categories, self.row_enum)
        col_enum = getattr(categories, self.column_enum)
        missing = np.zeros(len(self.row_labels), dtype=np.int64)
        if self.n is not None:
            missing = np.clip(self.n.astype(np.int64) - self.counts.sum(axis=1), 0, None)
        return Tally.from_counts(
            self.counts,
            [row_enum.from_label(x) for x in self.row_labels],
            [col_enum.from_label(x) for x in self.column_labels],
            row_missing=missing,
            row_name=self.row_field,
            column_name=self.column_enum.lower(),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form, for JSON."""
        return {
            "number": self.number,
            "caption": self.caption,
            "row_labels": list(self.row_labels),
            "column_labels": list(self.column_labels),
            "counts": self.counts.tolist(),
            "percents": self.percents.tolist(),
            "n": None if self.n is None else self.n.tolist(),
            "n_percents": None if self.n_percents is None else self.n_percents.tolist(),
            **self.extra,
        }

    def _table(self) -> ResultTable:
        """Return the table as printed: a row per row label, each count beside its percentage.

        Columns: ``row``, ``n`` and ``n_percent`` (where the table prints
        an N), then per printed column a snake_case count column and its
        ``_percent`` column (``almost_achieved``, ``almost_achieved_percent``).
        """
        columns = ["row", *(["n", "n_percent"] if self.n is not None else [])]
        taken = set(columns)
        names = [column_name(c, taken) for c in self.column_labels]
        headers = ["", *(["N", "N %"] if self.n is not None else [])]
        for name, label in zip(names, self.column_labels, strict=True):
            columns += [name, f"{name}_percent"]
            headers += [label, f"{label} %"]
        rows = []
        for i, label in enumerate(self.row_labels):
            row: list[object] = [label]
            if self.n is not None and self.n_percents is not None:
                row += [float(self.n[i]), float(self.n_percents[i])]
            for count, pct in zip(self.counts[i], self.percents[i], strict=True):
                row += [int(count), float(pct)]
            rows.append(row)
        return ResultTable(
            columns,
            rows,
            caption=f"Table {self.number}: {self.caption} (as published)",
            headers=tuple(headers),
            formats={c: "g" for c in columns if c != "row"},
        )

    def __repr__(self) -> str:
        return (
            f"PublishedTable(number={self.number}, caption={self.caption!r}, shape={self.counts.shape})"
        )


@attrs.frozen(slots=True, repr=False)
class CaseNotes2020:
    """The report's case-note tables (2–5) and the figures its text states.

    Attributes
    ----------
    tables : dict of int to PublishedTable
        Tables 2, 3, 4 and 5 as printed.
    text : dict
        Figures stated in the text about these tables (families, goals,
        goals per family, problems, overall percentages).
    citation : str
        The report.

    Examples
    --------
    >>> from safecore.datasets import safecore_2020
    >>> data = safecore_2020()
    >>> data
    CaseNotes2020(tables=[2, 3, 4, 5])
    >>> data.tables[5].column_labels
    ('Improved', 'No change', 'Became worse')
    >>> data.problem_change.table.tolist()  # Table 5 as a Tally: engaged, disengaged
    [[89, 15, 1], [88, 46, 5]]
    >>> data.text["families"], data.text["families_engaged"], data.text["goals"]
    (43, 17, 95)
    """

    tables: dict[int, PublishedTable]
    text: dict[str, Any]
    citation: str

    @property
    def goal_types(self) -> Tally:
        """Table 2: goal type by attainment (3 goals with no attainment recorded)."""
        return self.tables[2].tally()

    @property
    def goal_attainment(self) -> Tally:
        """Table 3: engagement by goal attainment."""
        return self.tables[3].tally()

    @property
    def problem_types(self) -> Tally:
        """Table 4: problem type by change."""
        return self.tables[4].tally()

    @property
    def problem_change(self) -> Tally:
        """Table 5: engagement by problem change."""
        return self.tables[5].tally()

    def __repr__(self) -> str:
        return f"CaseNotes2020(tables={sorted(self.tables)})"


@functools.cache
def safecore_2020() -> CaseNotes2020:
    """Load the SafeCORE 2020 report's case-note tables (Tables 2–5).

    Returns
    -------
    CaseNotes2020
        The tables as printed, with [`Tally`][safecore.tallies.Tally] views.

    References
    ----------
    1. Edbrooke-Childs, J., Costa da Silva, L., Allan, T., & Edridge, C.
       (2020). *SafeCORE: Evaluation report*. Department for Education,
       research report RR1040.

    Examples
    --------
    >>> from safecore.stats.contingency import chi_square
    >>> res = chi_square(safecore_2020().goal_attainment)  # Table 3
    >>> round(res.statistic, 2), res.pvalue < 0.001
    (35.41, True)
    """
    raw = load_toml("safecore_2020_case_notes.toml")
    tables: dict[int, PublishedTable] = {}
    for key, spec in raw["tables"].items():
        rows = spec["rows"]
        has_n = "n" in rows[0]
        extra = {
            k: v
            for k, v in spec.items()
            if k not in {"caption", "rows", "columns", "row_enum", "column_enum", "row_field"}
        }
        tables[int(key)] = PublishedTable(
            number=int(key),
            caption=spec["caption"],
            row_labels=tuple(r["label"] for r in rows),
            column_labels=tuple(spec["columns"]),
            counts=_ro([r["counts"] for r in rows], np.int64),
            percents=_ro([r["percents"] for r in rows]),
            n=_ro([r["n"] for r in rows]) if has_n else None,
            n_percents=_ro([r["n_percent"] for r in rows]) if has_n else None,
            row_enum=spec["row_enum"],
            column_enum=spec["column_enum"],
            row_field=spec["row_field"],
            extra=extra,
        )
    return CaseNotes2020(tables=tables, text=raw["text"], citation=raw["source"]["citation"])


@attrs.frozen(slots=True, repr=False)
class PublishedSummary:
    """One printed "N, M [95% CI], SD" row of a staff-survey table.

    ``n`` is None where the report gives none (self-efficacy).

    Attributes
    ----------
    table : int or None
        The report's table (9: CBI, 10: CEAS; None for self-efficacy, printed in the text).
    scale, label : str
        The scale's key (``"personal"``) and printed name (``"Personal burnout"``).
    time : int
        The time point (1 or 2).
    n : int or None
    mean, ci_low, ci_high, sd : float
        As printed.

    Examples
    --------
    >>> from safecore.datasets import staff_survey_2020
    >>> row = staff_survey_2020().get("work", 2)
    >>> row
    PublishedSummary(Work burnout, time 2: n=10, 30.7 [24.1, 37.4] 13.9)
    >>> row.table, row.n, row.mean, (row.ci_low, row.ci_high), row.sd
    (9, 10, 30.7, (24.1, 37.4), 13.9)
    """

    table: int | None
    scale: str
    label: str
    time: int
    n: int | None
    mean: float
    ci_low: float
    ci_high: float
    sd: float

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return attrs.asdict(self)

    def __repr__(self) -> str:
        return (
            f"PublishedSummary({self.label}, time {self.time}: n={self.n}, "
            f"{self.mean} [{self.ci_low}, {self.ci_high}] {self.sd})"
        )


@attrs.frozen(slots=True, repr=False)
class StaffSurvey2020:
    """The report's staff-survey summaries (Tables 9 and 10, self-efficacy) and CBI norms.

    Attributes
    ----------
    rows : tuple of PublishedSummary
        Every printed summary row, Table 9 then Table 10 then self-efficacy.
    norms : dict
        The social-worker CBI means (n = 1,720) the report compares with.
    staff_surveyed : int
        "N = 13" staff surveyed.
    citation : str
        The report.

    Examples
    --------
    >>> from safecore.datasets import staff_survey_2020
    >>> staff = staff_survey_2020()
    >>> staff
    StaffSurvey2020(rows=16, staff_surveyed=13)
    >>> [(r.label, r.time, r.mean) for r in staff.table(9)][:2]
    [('Personal burnout', 1, 37.5), ('Personal burnout', 2, 34.2)]
    >>> staff.get("client", 1).sd, staff.norms["client"], staff.norms["n"]
    (11.7, 31.9, 1720)
    """

    rows: tuple[PublishedSummary, ...]
    norms: dict[str, Any]
    staff_surveyed: int
    citation: str

    def table(self, number: int) -> tuple[PublishedSummary, ...]:
        """Rows of Table *number* (9 or 10)."""
        return tuple(r for r in self.rows if r.table == number)

    def get(self, scale: str, time: int) -> PublishedSummary:
        """Return the row for *scale* (e.g. ``"personal"``, ``"self_action"``) at *time* (1 or 2)."""
        for r in self.rows:
            if r.scale == scale and r.time == time:
                return r
        msg = f"no published summary for scale {scale!r} at time {time}"
        raise KeyError(msg)

    def __repr__(self) -> str:
        return f"StaffSurvey2020(rows={len(self.rows)}, staff_surveyed={self.staff_surveyed})"


@functools.cache
def staff_survey_2020() -> StaffSurvey2020:
    """Load the report's staff-survey summaries: Tables 9 (CBI) and 10 (CEAS), self-efficacy.

    Returns
    -------
    StaffSurvey2020

    Examples
    --------
    >>> row = staff_survey_2020().get("personal", 1)
    >>> row.n, row.mean, row.sd
    (11, 37.5, 11.3)
    """
    raw = load_toml("safecore_2020_staff.toml")
    sections: list[tuple[int | None, list[dict[str, Any]]]] = [
        (int(k), v["rows"]) for k, v in raw["tables"].items()
    ]
    sections.append((None, raw["self_efficacy"]["rows"]))
    rows = [
        PublishedSummary(
            table=number,
            scale=r["scale"],
            label=r["label"],
            time=r["time"],
            n=r.get("n"),
            mean=r["mean"],
            ci_low=r["ci"][0],
            ci_high=r["ci"][1],
            sd=r["sd"],
        )
        for number, items in sections
        for r in items
    ]
    return StaffSurvey2020(
        rows=tuple(rows),
        norms=raw["norms"],
        staff_surveyed=raw["source"]["staff_surveyed"],
        citation=raw["source"]["citation"],
    )


# -- the cost model's tables (Tables 11, 12 and 13) ------------------------------------------

#: The report's Table 11 (indicators, values and sources as printed).
SAFECORE_2020: ProxyTable = ProxyTable(
    Proxy(**row) for row in load_toml("safecore_2020_proxies.toml")["proxy"]
)

_COST = load_toml("safecore_2020_cost.toml")
#: Table 12: the 12 engaged families.
SAFECORE_2020_ENGAGED = Cohort(**_COST["cohorts"]["engaged"])
#: Table 13: the 25 disengaged families.
SAFECORE_2020_DISENGAGED = Cohort(**_COST["cohorts"]["disengaged"])


def published_cost_2020() -> dict[str, Any]:
    """Return the cost figures as printed (Tables 7, 8 and the text), for comparison.

    Returns
    -------
    dict
        ``"engaged"`` (Table 7) and ``"disengaged"`` (Table 8): the printed
        ``totals`` per outcome, ``total`` and ``per_family``; ``"comparison"``:
        the text's difference per family, attribution, funding and cost per
        family; ``"table12"`` and ``"table13"``: the printed percentages.

    Examples
    --------
    The printed Table 7 beside the model's recomputation:

    >>> from safecore.cost import SavingModel
    >>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED, published_cost_2020
    >>> printed = published_cost_2020()["engaged"]
    >>> printed["table"], printed["totals"]["housing"], printed["total"], printed["per_family"]
    (7, 15400, 176417, 14701)
    >>> ev = SavingModel(SAFECORE_2020).evaluate(SAFECORE_2020_ENGAGED)
    >>> ev.by_outcome["housing"], ev.total, round(ev.per_family, 2)
    (15540.0, 180551.0, 15045.92)
    >>> published_cost_2020()["comparison"]["cost_per_family"]
    19918
    """
    published: dict[str, Any] = _COST["published"]
    return published


# -- norms -------------------------------------------------------------------------------------

_NORMS = load_toml("safecore_2020_staff.toml")["norms"]
#: CBI means of 1,720 social workers (Walters, Brown & James 2018), as cited in the report.
CBI_SOCIAL_WORKER_NORMS: dict[str, Norm] = {
    scale: Norm(scale, _NORMS[scale], _NORMS["n"], _NORMS["source"])
    for scale in ("personal", "work", "client")
}


# -- service indicators (Table 1) ----------------------------------------------------------------


@functools.cache
def service_indicators_2020() -> tuple[ServiceIndicators, Flow]:
    """Load the report's service indicators (Table 1) and referral flow.

    Examples
    --------
    >>> indicators, flow = service_indicators_2020()
    >>> [r.indicator for r in indicators.rows]
    ['CIN', 'CPP', 'CLA', 'MASH']
    >>> flow.inconsistencies()
    []
    """
    raw = load_toml("safecore_2020_services.toml")
    ind = raw["indicators"]
    indicators = ServiceIndicators(ind["children"], tuple(PrePost(**r) for r in ind["rows"]))
    return indicators, Flow.from_mapping(raw["flow"])


# -- the audit of the report ------------------------------------------------------------------


def _declarations_file() -> contextlib.AbstractContextManager[Path]:
    return resources.as_file(
        resources.files("safecore.datasets.data").joinpath("safecore_2020_declarations.toml")
    )


def declarations_2020() -> Declarations:
    """Read the SafeCORE 2020 report's audit declarations (``data/safecore_2020_declarations.toml``).

    Returns the tables, summary rows, figures and relations that
    [`audit_2020`][safecore.datasets.safecore_2020.audit_2020] checks, as one
    [`Declarations`][safecore.audit.declarations.Declarations].

    Examples
    --------
    >>> d = declarations_2020()
    >>> d.rounding, [t.name for t in d.tables][:4], len(d.relations)
    ('half-up', ['Table 2', 'Table 3', 'Table 4', 'Table 5'], 41)
    """
    with _declarations_file() as path:
        return read_declarations(path)


def audit_2020() -> AuditReport:
    """Audit the SafeCORE 2020 report: ``audit_file`` of its declarations file.

    Examples
    --------
    >>> report = audit_2020()
    >>> print(report.summary())
    38 findings in 333 checks: 17 errors, 21 warnings, 0 notes
    >>> housing = [f for f in report.findings if f.table == "Table 7" and f.row == "Housing"]
    >>> housing[0].published, housing[0].recomputed
    (15400, 15540)
    """
    with _declarations_file() as path:
        return audit_file(path)
