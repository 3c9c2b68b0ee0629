"""Financial proxies: an annual saving per outcome, with its indicator and source.

Outcome keys are open: the eight :class:`~safecore.categories.CostOutcome`
members, or any string a researcher defines. A label such as
``"Mental Health"`` is read as the matching ``CostOutcome``.

Examples
--------
>>> from safecore.cost import SAFECORE_2020, Proxy
>>> SAFECORE_2020["housing"].saving
7770.0
>>> table = SAFECORE_2020.with_proxy(Proxy("truancy_fines", "Fine avoided", 120.0, "LA data"))
>>> list(table.keys())[-1]
'truancy_fines'
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from safecore._errors import SafecoreError, UnknownLabelError
from safecore._format import frame, html_table, markdown_table, text_table
from safecore.categories import CostOutcome

__all__ = [
    "PROXY_FIELDS",
    "SAFECORE_2020",
    "Proxy",
    "ProxyTable",
    "ProxyTableError",
    "load_proxies",
    "outcome_key",
]

#: Fields of a proxy in a TOML or CSV file; the first four are required.
PROXY_FIELDS: tuple[str, ...] = ("outcome", "indicator", "saving", "source", "price_year", "grade")
_REQUIRED = PROXY_FIELDS[:4]


class ProxyTableError(SafecoreError, ValueError):
    """A proxy or proxy file is malformed (the message names file, row and field)."""


class MissingOutcomeError(SafecoreError, KeyError):
    """An outcome has no proxy (or no count) where one is needed."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def outcome_key(key: object) -> str:
    """Return the canonical key for an outcome.

    A :class:`CostOutcome` member, its value or its label gives the member;
    any other non-empty string is kept (stripped) as a researcher's own key.

    Examples
    --------
    >>> outcome_key("Mental Health") is CostOutcome.MENTAL_HEALTH
    True
    >>> outcome_key(" my_outcome ")
    'my_outcome'
    """
    if isinstance(key, CostOutcome):
        return key
    if not isinstance(key, str) or not key.strip():
        msg = f"an outcome key must be a non-empty string: {key!r}"
        raise ProxyTableError(msg)
    try:
        return CostOutcome.from_label(key)
    except UnknownLabelError:
        return key.strip()


def _saving(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"saving must be a number: {value!r}"
        raise ProxyTableError(msg)
    out = float(value)
    if not math.isfinite(out) or out < 0:
        msg = f"saving must be a finite number >= 0: {value!r}"
        raise ProxyTableError(msg)
    return out


def _text(value: object) -> str:
    if not isinstance(value, str):
        msg = f"must be text: {value!r}"
        raise ProxyTableError(msg)
    return value.strip()


def _optional_year(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"price_year must be a whole year: {value!r}"
        raise ProxyTableError(msg)
    return value


@attrs.frozen(slots=True, repr=False)
class Proxy:
    """An annual saving credited per family that improves on an outcome.

    Parameters
    ----------
    outcome : CostOutcome or str
        The outcome key (see :func:`outcome_key`).
    indicator : str
        What the improvement is assumed to avoid, e.g. "An eviction has been avoided."
        Surrounding white space is removed from this and *source*.
    saving : float
        Annual fiscal saving per family, in pounds, >= 0.
    source : str
        Where the value comes from.
    price_year : int, optional
        The year whose prices *saving* is in (needed to rebase).
    grade : str, optional
        Evidence grade of the source (for optimism bias).
    """

    outcome: str = attrs.field(converter=outcome_key)
    indicator: str = attrs.field(converter=_text)
    saving: float = attrs.field(converter=_saving)
    source: str = attrs.field(converter=_text)
    price_year: int | None = attrs.field(default=None, converter=_optional_year)
    grade: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form (the outcome as its string key)."""
        return {
            "outcome": str(self.outcome),
            "indicator": self.indicator,
            "saving": self.saving,
            "source": self.source,
            "price_year": self.price_year,
            "grade": self.grade,
        }

    def __repr__(self) -> str:
        year = f", price_year={self.price_year}" if self.price_year else ""
        return f"Proxy({str(self.outcome)!r}, saving=£{self.saving:,.2f}{year})"


def _proxies(items: Iterable[object]) -> tuple[Proxy, ...]:
    out: list[Proxy] = []
    seen: set[str] = set()
    for p in items:
        if not isinstance(p, Proxy):
            msg = f"a ProxyTable holds Proxy objects: got {p!r}"
            raise ProxyTableError(msg)
        if p.outcome in seen:
            msg = f"duplicate outcome {str(p.outcome)!r}: each outcome has one proxy"
            raise ProxyTableError(msg)
        seen.add(p.outcome)
        out.append(p)
    return tuple(out)


@attrs.frozen(slots=True, repr=False)
class ProxyTable:
    """An immutable, ordered table of proxies, looked up by outcome.

    Every method that changes something returns a new table.

    Raises
    ------
    ProxyTableError
        If two proxies share an outcome.
    """

    proxies: tuple[Proxy, ...] = attrs.field(converter=_proxies)

    def __getitem__(self, key: object) -> Proxy:
        k = outcome_key(key)
        for p in self.proxies:
            if p.outcome == k:
                return p
        msg = f"no proxy for outcome {str(k)!r} (outcomes: {', '.join(map(str, self.keys()))})"
        raise MissingOutcomeError(msg)

    def __contains__(self, key: object) -> bool:
        try:
            k = outcome_key(key)
        except ProxyTableError:
            return False
        return any(p.outcome == k for p in self.proxies)

    def __iter__(self) -> Iterator[Proxy]:
        return iter(self.proxies)

    def __len__(self) -> int:
        return len(self.proxies)

    def keys(self) -> tuple[str, ...]:
        """Outcome keys, in order."""
        return tuple(p.outcome for p in self.proxies)

    @property
    def savings(self) -> NDArray[np.float64]:
        """Savings, in order, as an array."""
        return np.array([p.saving for p in self.proxies], dtype=np.float64)

    def with_proxy(self, proxy: Proxy) -> ProxyTable:
        """Return a table with *proxy* added, or replacing the one for its outcome."""
        if proxy.outcome in self:
            return ProxyTable(proxy if p.outcome == proxy.outcome else p for p in self.proxies)
        return ProxyTable((*self.proxies, proxy))

    def without(self, key: object) -> ProxyTable:
        """Return a table without the proxy for *key* (``KeyError`` if absent)."""
        k = self[key].outcome
        return ProxyTable(p for p in self.proxies if p.outcome != k)

    def scaled(self, factor: float) -> ProxyTable:
        """Return a table with every saving multiplied by *factor* (>= 0)."""
        f = _saving(factor)
        return ProxyTable(attrs.evolve(p, saving=p.saving * f) for p in self.proxies)

    def rebased(self, price_index: Mapping[int, float], to_year: int) -> ProxyTable:
        """Return a table in *to_year* prices using a price index (e.g. the GDP deflator).

        ``saving * index[to_year] / index[price_year]``, as the Green Book
        rebases real prices.

        Raises
        ------
        ProxyTableError
            If a proxy has no ``price_year`` or the index lacks a year.
        """
        out = []
        for p in self.proxies:
            if p.price_year is None:
                msg = f"proxy {str(p.outcome)!r} has no price_year: cannot rebase"
                raise ProxyTableError(msg)
            for year in (p.price_year, to_year):
                if year not in price_index or not price_index[year] > 0:
                    msg = f"price index has no positive value for {year} (proxy {str(p.outcome)!r})"
                    raise ProxyTableError(msg)
            ratio = price_index[to_year] / price_index[p.price_year]
            out.append(attrs.evolve(p, saving=p.saving * ratio, price_year=to_year))
        return ProxyTable(out)

    def to_toml(self) -> str:
        """Serialise as TOML (an array of ``[[proxy]]`` tables), readable by :func:`load_proxies`."""
        lines = ["# Financial proxies: annual saving per family (GBP) per outcome."]
        for p in self.proxies:
            lines.append("\n[[proxy]]")
            for key, value in p.to_dict().items():
                if value is not None:
                    text = (
                        json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
                    )
                    lines.append(f"{key} = {text}")
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """Serialise as CSV with the columns :data:`PROXY_FIELDS`."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(PROXY_FIELDS)
        for p in self.proxies:
            d = p.to_dict()
            writer.writerow(["" if d[k] is None else d[k] for k in PROXY_FIELDS])
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form, for JSON."""
        return {"proxies": [p.to_dict() for p in self.proxies]}

    def to_frame(self) -> Any:
        """Return the table as a pandas DataFrame indexed by outcome; needs pandas."""
        return frame(self.to_dict()["proxies"], index="outcome")

    def _repr_markdown_(self) -> str:
        return markdown_table(["Outcome", "Indicator", "Saving"], self._rows())

    def _rows(self) -> list[list[object]]:
        return [
            [
                p.outcome.label if isinstance(p.outcome, CostOutcome) else p.outcome,
                p.indicator,
                f"£{p.saving:,.0f}",
            ]
            for p in self.proxies
        ]

    def __str__(self) -> str:
        return text_table(["Outcome", "Indicator", "Saving"], self._rows())

    def _repr_html_(self) -> str:
        return html_table(
            ["Outcome", "Indicator", "Saving"], self._rows(), "Proxy savings per family per year"
        )

    def __repr__(self) -> str:
        body = ", ".join(f"{p.outcome}=£{p.saving:,.0f}" for p in self.proxies)
        return f"ProxyTable({body})"


def _proxy_from_row(row: Mapping[str, Any], where: str) -> Proxy:
    unknown = [k for k in row if k not in PROXY_FIELDS]
    if unknown:
        msg = f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(PROXY_FIELDS)})"
        raise ProxyTableError(msg)
    for key in _REQUIRED:
        if row.get(key) in (None, ""):
            msg = f"{where}: missing required field {key!r}"
            raise ProxyTableError(msg)
    fields = dict(row)
    for key in ("outcome", "indicator", "source", "grade"):
        if fields.get(key) is not None and not isinstance(fields[key], str):
            msg = f"{where}, field {key!r}: must be text: {fields[key]!r}"
            raise ProxyTableError(msg)
    try:
        return Proxy(**fields)
    except ProxyTableError as exc:
        field = next((k for k in ("saving", "price_year", "outcome") if k in str(exc)), "?")
        msg = f"{where}, field {field!r}: {exc}"
        raise ProxyTableError(msg) from None


def _csv_value(key: str, text: str | None, where: str) -> Any:
    if text is None or text.strip() == "":
        return None
    text = text.strip()
    if key == "saving":
        try:
            return float(text.replace(",", "").lstrip("£"))
        except ValueError:
            msg = f"{where}, field 'saving': must be a number: {text!r}"
            raise ProxyTableError(msg) from None
    if key == "price_year":
        try:
            return int(text)
        except ValueError:
            msg = f"{where}, field 'price_year': must be a whole year: {text!r}"
            raise ProxyTableError(msg) from None
    return text


def load_proxies(path: str | os.PathLike[str]) -> ProxyTable:
    """Read a proxy table from a TOML or CSV file.

    TOML: an array of tables ``[[proxy]]``, each with ``outcome``,
    ``indicator``, ``saving`` and ``source`` and optionally ``price_year``
    and ``grade``. CSV: a header row with those columns, one proxy per row.
    Files are UTF-8.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.toml`` or ``.csv`` file.

    Returns
    -------
    ProxyTable

    Raises
    ------
    ProxyTableError
        If the file is not UTF-8, not valid TOML/CSV, or a proxy has an
        unknown or missing field, a duplicate outcome, or a negative or
        non-numeric saving; the message names the file, row and field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "p.toml").write_text(SAFECORE_2020.to_toml(), encoding="utf-8")
    >>> load_proxies(d / "p.toml") == SAFECORE_2020
    True
    """
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{p}: not valid UTF-8 text (byte {exc.start}); save the file as UTF-8"
        raise ProxyTableError(msg) from exc
    proxies: list[Proxy] = []
    if p.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = f"{p}: not valid TOML: {exc}"
            raise ProxyTableError(msg) from exc
        extra = [k for k in data if k != "proxy"]
        rows = data.get("proxy", [])
        if extra or not isinstance(rows, list):
            msg = f"{p}: expected only an array of [[proxy]] tables, found {', '.join(data)}"
            raise ProxyTableError(msg)
        for i, row in enumerate(rows, start=1):
            proxies.append(_proxy_from_row(row, f"{p}, proxy {i}"))
    elif p.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        for row in reader:
            where = f"{p}, line {reader.line_num}"
            if None in row:
                msg = f"{where}: more cells than the header has columns"
                raise ProxyTableError(msg)
            values = {k.strip(): _csv_value(k.strip(), v, where) for k, v in row.items()}
            values = {k: v for k, v in values.items() if v is not None or k in _REQUIRED}
            proxies.append(_proxy_from_row(values, where))
    else:
        msg = f"{p}: unknown proxy file type {p.suffix!r}; expected .toml or .csv"
        raise ProxyTableError(msg)
    keys: dict[str, int] = {}
    for i, proxy in enumerate(proxies, start=1):
        if proxy.outcome in keys:
            msg = (
                f"{p}, proxy {i}, field 'outcome': duplicate outcome {str(proxy.outcome)!r} "
                f"(first in proxy {keys[proxy.outcome]})"
            )
            raise ProxyTableError(msg)
        keys[proxy.outcome] = i
    return ProxyTable(proxies)


def _safecore_2020() -> ProxyTable:
    from safecore._data import load_toml  # noqa: PLC0415

    return ProxyTable(Proxy(**row) for row in load_toml("safecore_2020_proxies.toml")["proxy"])


#: The report's Table 11 (indicators, values and sources as printed).
SAFECORE_2020: ProxyTable = _safecore_2020()
