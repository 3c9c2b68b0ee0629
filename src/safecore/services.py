"""Service indicators before and after allocation, with an exact McNemar test, and referral flows.

Examples
--------
The report's MASH referrals: 3 of 29 children before allocation, none after.

>>> from safecore.services import mcnemar_exact
>>> mcnemar_exact(before_only=3, after_only=0).pvalue
0.25
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from safecore._results import Result, ResultTable
from safecore.stats.contingency import McNemarResult, mcnemar_exact

__all__ = [
    "Flow",
    "McNemarResult",
    "PrePost",
    "ServiceIndicators",
    "mcnemar_exact",
]


@attrs.frozen(slots=True)
class PrePost:
    """Children with an indicator in the 12 months before and after allocation.

    ``both`` is the number with an incident in both periods (0 unless known).

    Examples
    --------
    The report's referrals to the MASH: 3 children before allocation, none after:

    >>> from safecore.services import PrePost
    >>> mash = PrePost("MASH", "Referrals to MASH (DVA present)", before=3, after=0)
    >>> mash.before, mash.after, mash.both
    (3, 0, 0)
    >>> print(mash.test().summary())
    Exact McNemar: 3 before only, 0 after only (3 discordant), p = 0.250
    """

    indicator: str
    label: str
    before: int
    after: int
    both: int = 0

    def test(self) -> McNemarResult:
        """Exact McNemar test of the change (before-only against after-only children)."""
        return mcnemar_exact(self.before - self.both, self.after - self.both)


@attrs.frozen(slots=True, repr=False, eq=False)
class ServiceIndicators(Result):
    """Pre/post indicators for a group of children (the report's Table 1).

    Its table has one row per indicator: the children with an incident
    before and after allocation and the exact McNemar p-value of the change.

    Examples
    --------
    >>> from safecore.services import PrePost, ServiceIndicators
    >>> table1 = ServiceIndicators(29, (
    ...     PrePost("CIN", "Child in Need plans", before=4, after=1),
    ...     PrePost("MASH", "Referrals to MASH (DVA present)", before=3, after=0),
    ... ))
    >>> table1
    ServiceIndicators(children=29, indicators=2)
    >>> print(table1)
    29 children, 12 months before and after allocation
    Code                        Indicator  Before  After  Both  Exact McNemar p
    CIN               Child in Need plans       4      1     0            0.375
    MASH  Referrals to MASH (DVA present)       3      0     0            0.250
    >>> [row["pvalue"] for row in table1.to_dict()["rows"]]
    [0.375, 0.25]

    The report's own Table 1 is `safecore.datasets.service_indicators_2020`.
    """

    children: int
    rows: tuple[PrePost, ...]

    def _table(self) -> ResultTable:
        return ResultTable(
            ("indicator", "label", "before", "after", "both", "pvalue"),
            [(r.indicator, r.label, r.before, r.after, r.both, r.test().pvalue) for r in self.rows],
            caption=f"{self.children} children, 12 months before and after allocation",
            headers=("Code", "Indicator", "Before", "After", "Both", "Exact McNemar p"),
            formats={"pvalue": "p"},
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form, each indicator with its McNemar p-value."""
        return {
            "children": self.children,
            "rows": [{**attrs.asdict(r), "pvalue": r.test().pvalue} for r in self.rows],
        }

    def __repr__(self) -> str:
        return f"ServiceIndicators(children={self.children}, indicators={len(self.rows)})"


@attrs.frozen(slots=True, repr=False)
class Flow:
    """A flow of cases (referrals → eligible → started → outcomes) as a tree.

    A flow is data, not a result table: ``str()`` draws the tree (each step
    with its branches indented beneath it) and ``to_dict()`` nests it.
    ``derived`` marks a step the source does not state but that follows from
    the others (e.g. referrals that did not meet the criteria).

    Examples
    --------
    >>> from safecore.services import Flow
    >>> flow = Flow.from_mapping({"label": "Referrals", "count": 40, "children": [
    ...     {"label": "Met the criteria", "count": 31, "children": [
    ...         {"label": "Engaged", "count": 19}, {"label": "Disengaged", "count": 12}]},
    ...     {"label": "Did not meet the criteria", "count": 9, "derived": True},
    ... ]})
    >>> flow
    Flow('Referrals', 40, branches=2)
    >>> print(flow)
      40  Referrals
    ├─   31  Met the criteria
    │  ├─   19  Engaged
    │  └─   12  Disengaged
    └─    9  Did not meet the criteria (derived)
    >>> flow.inconsistencies()
    []

    A step whose branches do not add up is reported:

    >>> Flow("Referrals", 40, (Flow("Met the criteria", 31), Flow("Did not", 8))).inconsistencies()
    ['Referrals: 40, but its branches sum to 39']
    """

    label: str
    count: int
    children: tuple[Flow, ...] = ()
    derived: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Flow:
        """Build a flow from nested mappings with ``label``, ``count`` and ``children``."""
        return cls(
            data["label"],
            int(data["count"]),
            tuple(cls.from_mapping(c) for c in data.get("children", ())),
            bool(data.get("derived", False)),
        )

    def inconsistencies(self) -> list[str]:
        """Return the steps whose branches do not add up to them (empty when consistent)."""
        out = []
        if self.children and sum(c.count for c in self.children) != self.count:
            total = sum(c.count for c in self.children)
            out.append(f"{self.label}: {self.count}, but its branches sum to {total}")
        for c in self.children:
            out.extend(c.inconsistencies())
        return out

    def _lines(self, prefix: str = "", last: bool = True, root: bool = True) -> Iterator[str]:
        mark = "" if root else ("└─ " if last else "├─ ")
        note = " (derived)" if self.derived else ""
        yield f"{prefix}{mark}{self.count:>4}  {self.label}{note}"
        child_prefix = prefix if root else prefix + ("   " if last else "│  ")
        for k, c in enumerate(self.children):
            yield from c._lines(child_prefix, k == len(self.children) - 1, root=False)

    def __str__(self) -> str:
        return "\n".join(self._lines())

    def to_dict(self) -> dict[str, Any]:
        """Nested plain-Python form."""
        return {
            "label": self.label,
            "count": self.count,
            "derived": self.derived,
            "children": [c.to_dict() for c in self.children],
        }

    def __repr__(self) -> str:
        return f"Flow({self.label!r}, {self.count}, branches={len(self.children)})"
