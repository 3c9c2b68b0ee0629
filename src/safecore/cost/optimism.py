"""Optimism bias by confidence grade: a grade -> correction table, as data.

HM Treasury's cost-benefit guidance for local partnerships (April 2014,
chapter 7, "Benefits – method of calculation") grades the evidence behind
each unit value from 1 (best) to 6 and corrects a benefit for optimism bias
by a percentage that rises as confidence falls. The package ships no table:
the percentages could not be read from the stored copies of the guidance
(see ``docs/how-to/cba.md``), so the caller supplies them, e.g. from the
guidance itself or from the GM Unit Cost Database's notes.

Examples
--------
>>> from safecore.cost import OptimismBias
>>> table = OptimismBias({1: 0.0, 2: 0.05, 3: 0.10, 4: 0.15, 5: 0.25, 6: 0.40}, source="my reading")
>>> table[5]
0.25
>>> table.scaled(2)[6]
0.8
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from safecore._errors import InputTypeError, ModelError
from safecore._results import Result, ResultTable
from safecore._validate import check_real, check_share, check_text, check_whole, show_value, type_name

__all__ = ["OptimismBias"]

_GRADES = range(1, 7)


def _corrections(value: object) -> dict[int, float]:
    items = getattr(value, "items", None)
    if isinstance(value, str) or not callable(items):
        kind = type_name(value)
        msg = f"corrections must map a grade (1-6) to a share, not {kind}: {show_value(value)}"
        raise InputTypeError(msg)
    out: dict[int, float] = {}
    for grade, share in items():
        g = check_whole(grade, "a grade", minimum=None, maximum=None, error=ModelError)
        if g not in _GRADES:
            msg = f"a grade must be a whole number from 1 to 6: {show_value(grade)}"
            raise ModelError(msg)
        out[g] = check_share(share, f"corrections[{g}]", error=ModelError)
    if not out:
        msg = "corrections must give at least one grade"
        raise ModelError(msg)
    return dict(sorted(out.items()))


def _source(value: object) -> str | None:
    return None if value is None else check_text(value, "source", error=ModelError)


@attrs.frozen(slots=True, repr=False, eq=False)
class OptimismBias(Result):
    """Optimism-bias corrections by confidence grade: benefit × ``(1 - correction[grade])``.

    Parameters
    ----------
    corrections : mapping of int to float
        Grade (a whole number from 1 to 6) to a share in [0, 1]; grades a
        table leaves out are refused when a proxy carries them.
    source : str, optional
        Where the percentages come from (shown in results).

    Raises
    ------
    InputTypeError
        If *corrections* is not a mapping.
    ModelError
        For a grade outside 1-6 or a correction outside [0, 1].

    Examples
    --------
    Corrections by grade (illustrative values: take yours from the guidance), used by a model
    whose proxies carry grades:

    >>> from safecore.cost import Cohort, OptimismBias, Proxy, ProxyTable, SavingModel
    >>> grades = OptimismBias({1: 0.0, 2: 0.05, 3: 0.10, 4: 0.15, 5: 0.25, 6: 0.40},
    ...                       source="illustrative")
    >>> grades
    OptimismBias({1: 0, 2: 0.05, 3: 0.1, 4: 0.15, 5: 0.25, 6: 0.4})
    >>> grades[5], 7 in grades, len(grades), grades.source
    (0.25, False, 6, 'illustrative')
    >>> proxies = ProxyTable([
    ...     Proxy("housing", "An eviction has been avoided.", 7770, "Shelter (2012)", grade=2),
    ...     Proxy("mental_health", "No mental health treatment needed.", 2303, "King's Fund (2008)",
    ...           grade=5),
    ... ])
    >>> cohort = Cohort("Pilot", families=12, improved={"housing": 3, "mental_health": 5})
    >>> ev = SavingModel(proxies, grade_table=grades).evaluate(cohort)
    >>> [float(v) for v in ev.after_optimism_bias]  # 3 × £7,770 × 0.95, 5 × £2,303 × 0.75
    [22144.5, 8636.25]

    Keys read from TOML or JSON are text; `from_mapping` accepts them:

    >>> OptimismBias.from_mapping({"1": 0.0, "2": 0.05})
    OptimismBias({1: 0, 2: 0.05})
    """

    corrections: dict[int, float] = attrs.field(converter=_corrections)
    source: str | None = attrs.field(default=None, converter=_source)

    def __getitem__(self, grade: int) -> float:
        if grade not in self.corrections:
            given = ", ".join(map(str, self.corrections))
            msg = f"the optimism-bias table has no correction for grade {grade!r} (grades: {given})"
            raise ModelError(msg)
        return self.corrections[grade]

    def __contains__(self, grade: object) -> bool:
        return grade in self.corrections

    def __iter__(self) -> Iterator[int]:
        return iter(self.corrections)

    def __len__(self) -> int:
        return len(self.corrections)

    def scaled(self, factor: float) -> OptimismBias:
        """Return the table with every correction times *factor* (capped at 1), for sensitivity."""
        f = check_real(factor, "factor", minimum=0, error=ModelError)
        return OptimismBias({g: min(1.0, c * f) for g, c in self.corrections.items()}, self.source)

    def _table(self) -> ResultTable:
        return ResultTable(
            ("grade", "correction"),
            [(g, c) for g, c in self.corrections.items()],
            caption="Optimism-bias correction by confidence grade"
            + (f" ({self.source})" if self.source else ""),
            headers=("Grade", "Correction"),
            formats={"correction": ".0%"},
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the corrections (grade as text key, for JSON) and the source."""
        return {"corrections": {str(g): c for g, c in self.corrections.items()}, "source": self.source}

    def __hash__(self) -> int:  # type: ignore[override]
        return hash((tuple(self.corrections.items()), self.source))

    def __repr__(self) -> str:
        body = ", ".join(f"{g}: {c:g}" for g, c in self.corrections.items())
        return f"OptimismBias({{{body}}})"

    @classmethod
    def from_mapping(cls, data: Mapping[Any, Any], source: str | None = None) -> OptimismBias:
        """Build a table from a mapping whose keys may be text (``{"1": 0.0, ...}``, from TOML/JSON)."""
        return cls(
            {int(k) if isinstance(k, str) and k.strip().isdigit() else k: v for k, v in data.items()},
            source,
        )
