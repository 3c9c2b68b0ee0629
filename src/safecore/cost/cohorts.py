"""Cohorts: how many families improved on each outcome (and how many could have).

A [`Cohort`][safecore.cost.cohorts.Cohort] is built in Python or read from a TOML file with
[`load_cohorts`][safecore.cost.cohorts.load_cohorts]; either way every count is checked once, and a
message names the cohort (or the file and key path), the field, the outcome and the value.

Examples
--------
>>> from safecore.datasets import SAFECORE_2020, SAFECORE_2020_ENGAGED
>>> SAFECORE_2020_ENGAGED
Cohort('Engaged', families=12, improved=38)
>>> Cohort("Pilot", families=10, improved={"housing": 11})
Traceback (most recent call last):
...
safecore._errors.CohortError: cohort 'Pilot': improved 11 > families 10 for outcome 'housing'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs

from safecore._errors import CohortError, InputTypeError
from safecore._read import read_toml, toml_table, toml_unknown_keys
from safecore._validate import check_instance, check_text, check_whole, show_value, type_name
from safecore.cost.proxies import outcome_key

__all__ = [
    "Cohort",
    "load_cohorts",
]

_COHORT_KEYS = ("name", "families", "improved", "potential")


@attrs.frozen
class _Context:
    """Where a cohort's values come from, for messages.

    ``where`` prefixes a message about one value, named by ``field(name)`` or
    ``count(name, key)``: ``families`` and ``improved['housing']`` for a
    Python cohort, ``cohorts.a.families`` and ``cohorts.a.improved.housing``
    for a file. ``place`` prefixes a message about the cohort as a whole:
    ``cohort 'Pilot'`` or ``c.toml, cohorts.a``.
    """

    where: str
    place: str
    keypath: str | None = None
    error: type[Exception] = CohortError
    type_error: type[Exception] = InputTypeError

    def field(self, name: str) -> str:
        return name if self.keypath is None else f"{self.keypath}.{name}"

    def count(self, name: str, key: object) -> str:
        return f"{name}[{key!r}]" if self.keypath is None else f"{self.keypath}.{name}.{key}"


def _counts(value: object, name: str, ctx: _Context) -> dict[str, int] | None:
    """Return a mapping of canonical outcome key to count, each a whole number >= 0."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        kind = type_name(value)
        msg = (
            f"{ctx.where}: {ctx.field(name)} must be a mapping of outcome to count, "
            f"not {kind}: {show_value(value)}"
        )
        raise ctx.type_error(msg)
    out: dict[str, int] = {}
    for k, v in value.items():
        try:
            key = outcome_key(k)
        except (TypeError, ValueError) as exc:
            msg = f"{ctx.where}: {ctx.field(name)}: {exc}"
            raise (ctx.type_error if isinstance(exc, TypeError) else ctx.error)(msg) from None
        n = check_whole(
            v,
            ctx.count(name, k),
            minimum=0,
            where=ctx.where,
            error=ctx.error,
            type_error=ctx.type_error,
        )
        if key in out:
            msg = f"{ctx.where}: {ctx.field(name)}: outcome {str(key)!r} is given twice"
            raise ctx.error(msg)
        out[key] = n
    return out


def _cohort_fields(
    name: object, families: object, improved: object, potential: object, ctx: _Context
) -> tuple[str, int, dict[str, int], dict[str, int] | None]:
    """Check a cohort's fields and their consistency; return them converted."""
    fam = check_whole(
        families,
        ctx.field("families"),
        minimum=1,
        where=ctx.where,
        error=ctx.error,
        type_error=ctx.type_error,
    )
    imp = _counts(improved, "improved", ctx)
    if imp is None:
        msg = f"{ctx.where}: {ctx.field('improved')} must be a mapping of outcome to count, not None"
        raise ctx.type_error(msg)
    pot = _counts(potential, "potential", ctx)
    for key, n in imp.items():
        cap = fam if pot is None else pot.get(key)
        if cap is None:
            msg = f"{ctx.place}: outcome {str(key)!r} has improved but no potential count"
            raise ctx.error(msg)
        if n > cap:
            what = "families" if pot is None else "potential"
            msg = f"{ctx.place}: improved {n} > {what} {cap} for outcome {str(key)!r}"
            raise ctx.error(msg)
    for key, n in (pot or {}).items():
        if n > fam:
            msg = f"{ctx.place}: potential {n} > families {fam} for outcome {str(key)!r}"
            raise ctx.error(msg)
        if key not in imp:
            msg = f"{ctx.place}: outcome {str(key)!r} has potential but no improved count"
            raise ctx.error(msg)
    return str(name), fam, imp, pot


def _check_name(name: object, what: str, ctx: _Context | None = None) -> str:
    """Return a cohort's name (non-empty text, stripped), or raise."""
    if ctx is None:
        return check_text(name, what, error=CohortError)
    return check_text(name, what, where=ctx.where, error=ctx.error, type_error=ctx.type_error)


@attrs.frozen(slots=True, repr=False, init=False)
class Cohort:
    """Families and, per outcome, how many improved (and could have).

    Parameters
    ----------
    name : str
        A label, e.g. "Engaged" (non-empty text).
    families : int
        Families in the cohort, a whole number from 1 to 2**53.
    improved : mapping of outcome to int
        Families recording an improvement on each outcome.
    potential : mapping of outcome to int, optional
        Families with the outcome as a potential area for improvement.

    Raises
    ------
    InputTypeError
        (a ``TypeError``) for a name that is not text, a count that is
        ``bool`` or text, or counts that are not a mapping.
    CohortError
        (a ``ValueError``) unless ``0 <= improved <= potential <= families``
        for every outcome, with whole numbers, and *potential* has the same
        outcomes as *improved*; also for an empty name or a count above
        2**53. Messages name the cohort, the field, the outcome and the value.

    Notes
    -----
    Counts may be any whole-number type (``int``, numpy integers, integral
    floats); ``bool``, text, fractions, NaN and counts above 2**53 are refused.

    Examples
    --------
    >>> import numpy as np
    >>> Cohort("Pilot", families=np.int64(12), improved={"housing": 3})
    Cohort('Pilot', families=12, improved=3)
    >>> try:
    ...     Cohort("Pilot", families=12, improved={"housing": True})
    ... except TypeError as err:
    ...     print(err)
    cohort 'Pilot': improved['housing'] must be a whole number, not bool: True
    """

    name: str
    families: int
    improved: dict[str, int]
    potential: dict[str, int] | None = None

    def __init__(
        self,
        name: str,
        families: int,
        improved: Mapping[Any, int],
        potential: Mapping[Any, int] | None = None,
    ) -> None:
        text = _check_name(name, "cohort name")
        place = f"cohort {text!r}"
        fields = _cohort_fields(text, families, improved, potential, _Context(place, place))
        self.__attrs_init__(*fields)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form."""
        return {
            "name": self.name,
            "families": self.families,
            "improved": {str(k): v for k, v in self.improved.items()},
            "potential": None
            if self.potential is None
            else {str(k): v for k, v in self.potential.items()},
        }

    def __repr__(self) -> str:
        return f"Cohort({self.name!r}, families={self.families}, improved={sum(self.improved.values())})"


def load_cohorts(path: str | os.PathLike[str]) -> list[Cohort]:
    """Read cohorts from a TOML file.

    The file holds ``[cohorts.<key>]`` tables with ``families``,
    ``improved`` and optionally ``name`` (default: the key) and ``potential``;
    ``improved`` and ``potential`` are tables of outcome to count, e.g.
    ``improved = { housing = 4, violence = 12 }``. No other keys are allowed.

    Parameters
    ----------
    path : str or os.PathLike
        A UTF-8 TOML file.

    Returns
    -------
    list of Cohort
        In file order.

    Raises
    ------
    CohortError
        (a ``ValueError``) if the file is not UTF-8 or not valid TOML, holds
        no cohorts, has an unknown key, a cohort that is not a table, counts
        that are not a table of outcome to count, a missing ``families`` or
        ``improved``, or a count that is not a whole number, is negative,
        above 2**53 or inconsistent (``improved <= potential <= families``).
        The message names the file and the key path, e.g.
        ``cohorts.a.improved.housing``, and the value.
    LimitExceededError
        For a file above the input size limit or TOML nested too deeply.
    InputFileNotFoundError, InputIsADirectoryError, InputPermissionError
        If *path* does not exist, is a directory or cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.toml"
    >>> _ = p.write_text("[cohorts.a]\\nfamilies = 4\\nimproved = { housing = 5 }\\n", encoding="utf-8")
    >>> load_cohorts(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    safecore._errors.CohortError: ...c.toml, cohorts.a: improved 5 > families 4 for outcome 'housing'
    """
    check_instance(path, (str, os.PathLike), "path", "a file path")
    where = str(path)
    data = read_toml(path, error=CohortError)
    toml_unknown_keys(data, ("cohorts",), "", where, CohortError)
    tables = toml_table(data.get("cohorts", {}), "cohorts", where, CohortError)
    if not tables:
        msg = (
            f"{where}: no cohorts; expected [cohorts.<key>] tables with families, improved "
            "(and optionally name, potential)"
        )
        raise CohortError(msg)
    out = []
    for key, spec in tables.items():
        keypath = f"cohorts.{key}"
        toml_table(spec, keypath, where, CohortError)
        toml_unknown_keys(spec, _COHORT_KEYS, keypath, where, CohortError)
        for required in ("families", "improved"):
            if required not in spec:
                msg = f"{where}: {keypath}.{required} is missing (required: families, improved)"
                raise CohortError(msg)
        ctx = _Context(where, f"{where}, {keypath}", keypath, CohortError, CohortError)
        name = _check_name(spec.get("name", key), f"{keypath}.name", ctx)
        improved = toml_table(spec["improved"], f"{keypath}.improved", where, CohortError)
        potential = spec.get("potential")
        if potential is not None:
            toml_table(potential, f"{keypath}.potential", where, CohortError)
        out.append(Cohort(*_cohort_fields(name, spec["families"], improved, potential, ctx)))
    return out
