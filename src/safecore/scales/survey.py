"""Staff surveys: read a CBI survey once, describe each time point, compare two of them.

A staff survey has one row per response: a ``respondent`` id, a ``time`` point and the 19 CBI items
``cbi01`` ... ``cbi19`` (option labels or points 0-100).
[`read_staff_survey`][safecore.scales.survey.read_staff_survey] reads and validates it into a
[`StaffSurvey`][safecore.scales.survey.StaffSurvey];
[`compare_times`][safecore.scales.survey.compare_times] compares two time points.

Examples
--------
>>> from safecore.scales import compare_times, read_staff_survey
>>> survey = read_staff_survey("examples/staff_survey.csv")
>>> survey
StaffSurvey('examples/staff_survey.csv', 16 responses, 8 respondents, times ['1', '2'], points)
>>> print(survey.describe("personal", "1"))
39.6 [31.5, 47.7] 9.7
>>> c = compare_times(survey)
>>> c.design, c.pairs, c.results["personal"].n, c.results["personal"].excluded
('paired', 8, 7, 1)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import InputTypeError, InputValueError, ResponseError
from safecore._read import RecordSet, as_records, missing_markers, parse_number
from safecore._validate import is_number, show_value, type_name
from safecore.scales._common import Responses
from safecore.scales.cbi import CBI_ITEMS, score_responses
from safecore.scales.instrument import InstrumentScores
from safecore.stats.describe import Summary, accurate_mean_sd, describe
from safecore.stats.means import PairedResult, WelchResult, paired, welch

__all__ = ["SCALES", "StaffSurvey", "TimeComparison", "compare_times", "read_staff_survey"]

#: The CBI scales a survey reports, in order.
SCALES: tuple[str, ...] = ("personal", "work", "client")

_ITEM_IDS: tuple[str, ...] = tuple(i.id for i in CBI_ITEMS)
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


@attrs.frozen(slots=True, repr=False, eq=False)
class StaffSurvey:
    """A validated staff survey: who answered when, and their CBI scores.

    Attributes
    ----------
    source : str
        The file name, ``"DataFrame"`` or ``"records"``.
    respondents, times : tuple of str
        Respondent id and time point of each response.
    places : tuple of str
        Where each response is (``"line 5"`` of a file, ``"row 3"`` of a DataFrame).
    coding : {"points", "labels"}
        How the answers were written: points 0-100 or option labels.
    scores : InstrumentScores
        CBI scale scores, one per response (``scores.scores["personal"]``, or ``scores.personal``).
    time_points : tuple of str
        The distinct time points, in numeric order when every one is a
        number, otherwise in order of first appearance.

    Examples
    --------
    Returned by [`read_staff_survey`][safecore.scales.survey.read_staff_survey]; here four
    social workers, three of whom answered at both time points:

    >>> from safecore.scales import compare_times, read_staff_survey
    >>> def answers(points):  # the same points on all 19 CBI items, for brevity
    ...     return {f"cbi{k:02d}": points for k in range(1, 20)}
    >>> rows = [("S01", 1, 50), ("S01", 2, 25), ("S02", 1, 75), ("S02", 2, 50),
    ...         ("S03", 1, 50), ("S03", 2, 50), ("S04", 1, 25)]
    >>> survey = read_staff_survey([{"respondent": r, "time": t, **answers(p)} for r, t, p in rows])
    >>> survey
    StaffSurvey('records', 7 responses, 4 respondents, times ['1', '2'], points)
    >>> survey.time_points, survey.coding, survey.n
    (('1', '2'), 'points', 7)
    >>> survey.scale_scores("personal", 1).tolist()
    [50.0, 75.0, 50.0, 25.0]
    >>> print(survey.describe("personal", 1))  # M [95% CI] SD
    50.0 [17.5, 82.5] 20.4
    """

    source: str
    respondents: tuple[str, ...]
    times: tuple[str, ...]
    places: tuple[str, ...]
    coding: Literal["points", "labels"]
    scores: InstrumentScores
    time_points: tuple[str, ...]

    @property
    def n(self) -> int:
        """Responses."""
        return len(self.times)

    def _time(self, time: object) -> str:
        key = _key(time, "time", "compare_times") if not isinstance(time, str) else time.strip()
        if key not in self.time_points:
            known = ", ".join(self.time_points)
            msg = f"time point {show_value(time)} is not in the survey (time points: {known})"
            raise InputValueError(msg)
        return key

    def rows_at(self, time: object) -> NDArray[np.intp]:
        """Return the indices of the responses given at *time*."""
        key = self._time(time)
        return np.array([k for k, t in enumerate(self.times) if t == key], dtype=np.intp)

    def scale_scores(self, scale: str, time: object) -> NDArray[np.float64]:
        """Scores on *scale* (``"personal"``, ``"work"``, ``"client"``) of the responses at *time*."""
        if scale not in SCALES:
            msg = f"scale must be one of {', '.join(SCALES)}: {show_value(scale)}"
            raise InputValueError(msg)
        values: NDArray[np.float64] = self.scores.scores[scale][self.rows_at(time)]
        return values

    def describe(self, scale: str, time: object) -> Summary:
        """Summary (n, missing, M [95% CI] SD) of *scale* at *time*."""
        return describe(self.scale_scores(scale, time))

    def get(self, scale: str, time: object) -> Summary:
        """Summary of *scale* at *time*, as `describe`: the lookup plots take.

        [`staff_scores`][safecore.plots.staff_scores] reads any object with
        ``get(scale, time)``, the published summaries
        ([`staff_survey_2020`][safecore.datasets.staff_survey_2020]) as well as a survey.

        Examples
        --------
        >>> from safecore.scales import read_staff_survey
        >>> survey = read_staff_survey("examples/staff_survey.csv")
        >>> survey.get("personal", 1) == survey.describe("personal", 1)
        True
        >>> print(survey.get("work", 2))
        44.6 [36.3, 52.9] 9.9
        """
        return self.describe(scale, time)

    def __repr__(self) -> str:
        return (
            f"StaffSurvey({self.source!r}, {self.n} responses, {len(set(self.respondents))} "
            f"respondents, times {list(self.time_points)}, {self.coding})"
        )


def _key(value: object, column: str, where: str) -> str:
    """Return a respondent id or time point as text: numbers as written (1.0 -> '1')."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool | np.bool_):
        msg = f"{where}: {column} must be text or a number, not bool: {show_value(value)}"
        raise InputTypeError(msg)
    if is_number(value):
        x = float(value)  # type: ignore[arg-type]
        return str(int(x)) if x.is_integer() else str(x)
    return str(value)


def _order(times: Iterable[str]) -> tuple[str, ...]:
    distinct = tuple(dict.fromkeys(times))
    if all(_NUMBER.fullmatch(t) for t in distinct):
        return tuple(sorted(distinct, key=float))
    return distinct


def _from_file(records: RecordSet, source: object) -> bool:
    if isinstance(source, str | os.PathLike):
        return True
    return isinstance(source, RecordSet) and all(p.startswith("line ") for p in records.places)


def _answers(
    records: RecordSet, rows: list[str], from_file: bool
) -> tuple[NDArray[np.object_], Literal["points", "labels"]]:
    """Return the item cells (floats for points read from a file) and the coding."""
    cells = np.empty((len(records), len(_ITEM_IDS)), dtype=object)
    first: tuple[str, str, object] | None = None
    coding: Literal["points", "labels"] = "labels"
    for i, row in enumerate(records):
        for j, item in enumerate(_ITEM_IDS):
            value = row[item]
            if value is None:
                cells[i, j] = None
                continue
            numeric = _parses(value) if from_file and isinstance(value, str) else is_number(value)
            if not from_file and isinstance(value, str) and _parses(value):
                msg = (
                    f"{rows[i]}, item {item}: {value!r} is a number written as text; in a "
                    "DataFrame or records, points must be numbers (convert the column, e.g. "
                    "with pandas.to_numeric)"
                )
                raise InputTypeError(msg)
            if first is None:
                first = (rows[i], item, value)
                coding = "points" if numeric else "labels"
            why = (
                f"the survey's answers are {'points' if coding == 'points' else 'option labels'} "
                f"(first answer: {first[0]}, item {first[1]}: {first[2]!r}); write every answer "
                "as points 0-100 or every answer as a label"
            )
            if from_file and coding == "points":
                try:
                    cells[i, j] = parse_number(value, item, where=rows[i], error=ResponseError)
                except ResponseError as exc:
                    raise ResponseError(f"{exc}; {why}") from None
            elif from_file and numeric:
                msg = f"{rows[i]}, item {item}: {value!r} is a number, but {why}"
                raise ResponseError(msg)
            else:
                cells[i, j] = value
    return cells, coding


def _parses(text: str) -> bool:
    try:
        parse_number(text, "answer", where="", error=ResponseError)
    except ResponseError:
        return False
    return True


def read_staff_survey(
    path_or_frame: str | os.PathLike[str] | Any,
    *,
    delimiter: str = ",",
    missing: Iterable[str] = ("",),
) -> StaffSurvey:
    """Read a staff survey of CBI answers, one row per respondent and time point.

    Parameters
    ----------
    path_or_frame : path, pandas DataFrame, list of mappings or RecordSet
        Columns ``respondent``, ``time`` and ``cbi01`` ... ``cbi19`` (other
        columns are ignored; columns are matched by name). Answers are all
        points 0/25/50/75/100 (before item 13 is reversed) or all option
        labels (see [`score_cbi`][safecore.scales.cbi.score_cbi]); the first answer decides which, and
        an answer of the other kind is an error. In a file, numbers are read
        with the file-number rules (a decimal comma is refused as
        ambiguous); in a DataFrame, points must be numbers, not text.
    delimiter : str
        Cell separator of a file (default comma).
    missing : iterable of str
        Cell texts that mean "not answered" (after stripping white space).
        By default only an empty cell: ``"nan"`` or ``"NA"`` must be declared,
        e.g. ``missing=("", "NA")``. ``None`` and NaN in a DataFrame are
        always missing.

    Returns
    -------
    StaffSurvey

    Raises
    ------
    MissingColumnError
        A required column is absent; the message names every missing column
        and the columns found (a ``KeyError``).
    ResponseError
        A blank respondent or time (naming the 1-based line, and the
        respondent); a respondent answering twice at one time point (naming
        both lines); an answer that is not a valid point value or label, or
        a mix of points and labels (naming line, respondent and item); a
        malformed file (a ``ValueError``).
    InputTypeError
        A boolean answer, respondent or time; text where a number is
        expected in a DataFrame; a non-text *missing* marker (a ``TypeError``).
    InputFileNotFoundError, InputIsADirectoryError, InputPermissionError
        For a path that cannot be read.

    Notes
    -----
    Respondent ids and time points are text as written (a DataFrame's
    ``1`` and ``1.0`` are both ``"1"``). A respondent may answer once per
    time point; one who answered at only one time point stays in the survey
    (in the descriptives) and is counted by [`compare_times`][safecore.scales.survey.compare_times].

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame(
    ...     [{"respondent": r, "time": t, **{i.id: 50 for i in CBI_ITEMS}} for r in "AB" for t in (1, 2)]
    ... )
    >>> read_staff_survey(frame)
    StaffSurvey('DataFrame', 4 responses, 2 respondents, times ['1', '2'], points)
    """
    markers = missing_markers(missing)
    records = as_records(path_or_frame, delimiter=delimiter, missing=markers, error=ResponseError)
    if markers:  # a DataFrame's or records' text cells: apply the declared markers too
        rows_clean = tuple(
            {k: None if isinstance(v, str) and v.strip() in markers else v for k, v in r.items()}
            for r in records
        )
        records = RecordSet(records.source, records.columns, rows_clean, records.places)
    records.require("respondent", "time", *_ITEM_IDS)

    respondents: list[str] = []
    times: list[str] = []
    rows: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for i, row in enumerate(records):
        where = records.where(i)
        if row["respondent"] is None or _key(row["respondent"], "respondent", where) == "":
            msg = f"{where}: respondent is blank; every response needs a respondent id"
            raise ResponseError(msg)
        resp = _key(row["respondent"], "respondent", where)
        if row["time"] is None or _key(row["time"], "time", where) == "":
            msg = f"{where}: time is blank for respondent {resp!r}; every response needs a time point"
            raise ResponseError(msg)
        time = _key(row["time"], "time", where)
        if (resp, time) in seen:
            msg = (
                f"{records.source}: respondent {resp!r} answered twice at time {time!r} "
                f"({records.places[seen[resp, time]]} and {records.places[i]}); "
                "each respondent may answer once per time point"
            )
            raise ResponseError(msg)
        seen[resp, time] = i
        respondents.append(resp)
        times.append(time)
        rows.append(f"{where}, respondent {resp!r}")

    cells, coding = _answers(records, rows, _from_file(records, path_or_frame))
    scores = score_responses(Responses(cells, rows=tuple(rows)), coding=coding)
    return StaffSurvey(
        records.source,
        tuple(respondents),
        tuple(times),
        records.places,
        coding,
        scores,
        _order(times),
    )


@attrs.frozen(slots=True, repr=False, eq=False)
class TimeComparison:
    """Two time points of a staff survey compared, scale by scale.

    Attributes
    ----------
    first, second : str
        The time points compared.
    design : {"paired", "independent"}
        ``"paired"`` when at least one respondent answered at both time
        points: the paired t-test (and Wilcoxon signed-rank) on those
        respondents. ``"independent"`` when no respondent did: Welch's
        t-test on all responses.
    pairs : int
        Respondents who answered at both time points.
    only_first, only_second : tuple of str
        Respondents who answered at only one of the two time points. In the
        paired design they are in the descriptives but not in the test.
    results : dict of str to PairedResult, WelchResult or None
        The test per scale; ``None`` when it cannot be computed.
    reasons : dict of str to str
        Why a scale's test was not computed (scales with a result are absent).

    Examples
    --------
    Returned by [`compare_times`][safecore.scales.survey.compare_times]:

    >>> from safecore.scales import compare_times, read_staff_survey
    >>> def answers(points):  # the same points on all 19 CBI items, for brevity
    ...     return {f"cbi{k:02d}": points for k in range(1, 20)}
    >>> rows = [("S01", 1, 50), ("S01", 2, 25), ("S02", 1, 75), ("S02", 2, 50),
    ...         ("S03", 1, 50), ("S03", 2, 50), ("S04", 1, 25)]
    >>> survey = read_staff_survey([{"respondent": r, "time": t, **answers(p)} for r, t, p in rows])
    >>> c = compare_times(survey)
    >>> c
    TimeComparison('1' vs '2', paired, pairs=3, computed=['personal', 'work', 'client'])
    >>> c.design, c.pairs, c.only_first, c.reasons
    ('paired', 3, ('S04',), {})
    >>> res = c.results["personal"]
    >>> res.n, round(res.statistic, 3), round(res.pvalue, 4)
    (3, 2.0, 0.1835)
    """

    first: str
    second: str
    design: Literal["paired", "independent"]
    pairs: int
    only_first: tuple[str, ...]
    only_second: tuple[str, ...]
    results: Mapping[str, PairedResult | WelchResult | None]
    reasons: Mapping[str, str]

    def __repr__(self) -> str:
        done = [s for s, r in self.results.items() if r is not None]
        return (
            f"TimeComparison({self.first!r} vs {self.second!r}, {self.design}, pairs={self.pairs}, "
            f"computed={done})"
        )


def _paired_reason(scale: str, x: NDArray[np.float64], y: NDArray[np.float64]) -> str | None:
    keep = ~(np.isnan(x) | np.isnan(y))
    n = int(keep.sum())
    if n < 2:
        return (
            f"the paired test needs at least 2 respondents with a {scale} score at both time "
            f"points (found {n})"
        )
    d = x[keep] - y[keep]
    mean, sd = accurate_mean_sd(d)
    if sd == 0:
        return (
            f"every respondent's {scale} score changed by the same amount ({-mean:+g}), so the "
            "differences have zero spread and t is undefined"
        )
    return None


def _welch_reason(
    scale: str, x: NDArray[np.float64], y: NDArray[np.float64], first: str, second: str
) -> str | None:
    a, b = x[~np.isnan(x)], y[~np.isnan(y)]
    if len(a) < 2 or len(b) < 2:
        return (
            f"Welch's test needs at least 2 {scale} scores at each time point (time {first}: "
            f"{len(a)}, time {second}: {len(b)})"
        )
    if accurate_mean_sd(a)[1] == 0 and accurate_mean_sd(b)[1] == 0:
        return f"the {scale} scores have zero spread at both time points, so t is undefined"
    return None


def compare_times(survey: StaffSurvey, first: object = None, second: object = None) -> TimeComparison:
    """Compare two time points of a staff survey on each CBI scale.

    Parameters
    ----------
    survey : StaffSurvey
        From [`read_staff_survey`][safecore.scales.survey.read_staff_survey].
    first, second : str or number, optional
        The time points to compare; by default the survey's two time points
        (a survey with more than two needs them named).

    Returns
    -------
    TimeComparison
        When at least one respondent answered at both time points, the
        paired t-test and Wilcoxon signed-rank test on those respondents
        (the others are counted in ``only_first``/``only_second``); when no
        respondent did, Welch's t-test. A test that cannot be computed (too
        few respondents, zero spread) is ``None`` with its reason in
        ``reasons``; nothing is raised for it.

    Raises
    ------
    InputValueError
        For a survey without exactly two time points when *first* and
        *second* are not given, a time point not in the survey, or the same
        time point twice.
    InputTypeError
        For *survey* that is not a [`StaffSurvey`][safecore.scales.survey.StaffSurvey].

    Examples
    --------
    Personal burnout of four social workers before (time 1) and after (time 2) a change of
    supervision; S04 left before time 2:

    >>> from safecore.scales import compare_times, read_staff_survey
    >>> def answers(points):  # the same points on all 19 CBI items, for brevity
    ...     return {f"cbi{k:02d}": points for k in range(1, 20)}
    >>> rows = [("S01", 1, 50), ("S01", 2, 25), ("S02", 1, 75), ("S02", 2, 50),
    ...         ("S03", 1, 50), ("S03", 2, 50), ("S04", 1, 25)]
    >>> survey = read_staff_survey([{"respondent": r, "time": t, **answers(p)} for r, t, p in rows])
    >>> c = compare_times(survey)
    >>> c.design, c.pairs, c.only_first
    ('paired', 3, ('S04',))
    >>> print(c.results["personal"].summary())
    Paired t(2) = 2.00, p = 0.184; mean difference 16.67, 95% CI [-19.19, 52.52]; Wilcoxon V = 3,
    p = 0.346 (3 pairs, 0 missing)
    """
    given: object = survey
    if not isinstance(given, StaffSurvey):
        msg = f"survey must be a StaffSurvey (see read_staff_survey), not {type_name(survey)}"
        raise InputTypeError(msg)
    if first is None and second is None:
        if len(survey.time_points) != 2:
            msg = (
                f"the survey has {len(survey.time_points)} time points "
                f"({', '.join(survey.time_points)}); name the two to compare: "
                "compare_times(survey, first, second)"
            )
            raise InputValueError(msg)
        a, b = survey.time_points
    elif first is None or second is None:
        msg = "give both first and second time points, or neither"
        raise InputValueError(msg)
    else:
        a, b = survey._time(first), survey._time(second)
    if a == b:
        msg = f"first and second must be different time points: both {a!r}"
        raise InputValueError(msg)
    pairs = list(enumerate(zip(survey.respondents, survey.times, strict=True)))
    at_a = {r: k for k, (r, t) in pairs if t == a}
    at_b = {r: k for k, (r, t) in pairs if t == b}
    matched = [r for r in at_a if r in at_b]
    design: Literal["paired", "independent"] = "paired" if matched else "independent"
    results: dict[str, PairedResult | WelchResult | None] = {}
    reasons: dict[str, str] = {}
    for scale in SCALES:
        values: NDArray[np.float64] = survey.scores.scores[scale]
        if design == "paired":
            x = values[[at_a[r] for r in matched]]
            y = values[[at_b[r] for r in matched]]
            reason = _paired_reason(scale, x, y)
            result: PairedResult | WelchResult | None = paired(x, y) if reason is None else None
        else:
            x = values[list(at_a.values())]
            y = values[list(at_b.values())]
            reason = _welch_reason(scale, x, y, a, b)
            result = welch(x, y) if reason is None else None
        results[scale] = result
        if reason is not None:
            reasons[scale] = reason
    return TimeComparison(
        a,
        b,
        design,
        len(matched),
        tuple(r for r in at_a if r not in at_b),
        tuple(r for r in at_b if r not in at_a),
        results,
        reasons,
    )
