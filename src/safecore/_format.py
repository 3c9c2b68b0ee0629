"""Text, Markdown and HTML rendering shared by every result class."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

from safecore._numeric import round_half_up

__all__ = [
    "clean_cell",
    "clean_text",
    "column_frame",
    "fmt_label",
    "fmt_labels",
    "fmt_money",
    "fmt_number",
    "frame",
    "html_table",
    "is_numeric_cell",
    "markdown_cell",
    "markdown_table",
    "text_table",
]


# C0 controls other than tab and line feed, DEL, and the C1 controls (ESC sequences, bells, ...).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CELL_SPACE_RE = re.compile("[\t\n\r]+")


def _escape_control(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def clean_text(text: str) -> str:
    """Make text from input files safe for a terminal: control characters become ``\\xNN``.

    Line feeds and tabs are kept; carriage returns, escape sequences, bells
    and other controls are shown escaped rather than sent to the terminal.

    Examples
    --------
    >>> clean_text("Site\\x1b[31mA")
    'Site\\\\x1b[31mA'
    """
    return _CONTROL_RE.sub(_escape_control, text)


def clean_cell(value: object) -> str:
    """Return one table cell as single-line, control-free text.

    Examples
    --------
    >>> clean_cell("two\\nlines\\x07")
    'two lines\\\\x07'
    """
    return clean_text(_CELL_SPACE_RE.sub(" ", str(value)))


def markdown_cell(value: object) -> str:
    """Escape a Markdown table cell: backslashes, ``|`` and HTML, on one line.

    Examples
    --------
    >>> markdown_cell("a|b <script>")
    'a\\\\|b &lt;script&gt;'
    """
    text = clean_cell(value).replace("\\", "\\\\").replace("|", "\\|")
    return html.escape(text, quote=False)


def fmt_label(label: Hashable) -> str:
    """Return a category's printed wording (``.label`` when it has one)."""
    text = getattr(label, "label", None)
    return text if isinstance(text, str) else str(label)


def fmt_labels(labels: Sequence[Hashable], limit: int = 6) -> str:
    """Labels for a compact repr: all of them, or the first few and a count."""
    shown = [fmt_label(x) for x in labels[:limit]]
    if len(labels) > limit:
        shown = [*shown[: limit // 2], f"... ({len(labels)} in all)"]
    return ", ".join(shown)


def fmt_money(value: float, decimals: int = 0) -> str:
    """Format pounds rounded half up (away from zero), with a leading minus for losses.

    The one money formatter of the library. Inputs are bounded where they
    enter (savings, counts, years), so a value here is finite; a value too
    large to round (``abs(value) >= 2**53``) is already whole and is shown as is.

    Examples
    --------
    >>> fmt_money(15045.925, 2), fmt_money(-2.5), fmt_money(-0.3)
    ('£15,045.93', '-£3', '£0')
    """
    x = float(value)
    rounded = round_half_up(x, decimals).item() if abs(x) < 2.0**53 else x
    rounded += 0.0  # -0.0 (a loss that rounds to nothing) prints as £0
    if rounded < 0:
        return f"-£{-rounded:,.{decimals}f}"
    return f"£{rounded:,.{decimals}f}"


def fmt_number(value: float, digits: int = 4) -> str:
    """Format a float compactly with *digits* significant figures; NaN as 'nan'."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return f"{value:.{digits}g}"


_NUMERIC_RE = re.compile(
    r"[-+\u2212]?(£|GBP )?(\d[\d,]*(\.\d+)?|\.\d+)(%|e[-+]?\d+)?( \(-?\d+(\.\d+)?%\))?"
    r"|[<>≈] ?\.?\d[\d.]*( \([\d.e-]+\))?|-|–|nan|inf"
)


def is_numeric_cell(value: object) -> bool:
    """Whether a displayed cell is a number: ``1,234``, ``£5.20``, ``76 (88%)``, ``< .001``."""
    return bool(_NUMERIC_RE.fullmatch(str(value).strip()))


def _numeric_columns(n: int, rows: Sequence[Sequence[object]]) -> list[bool]:
    out = []
    for j in range(n):
        cells = [str(r[j]).strip() for r in rows if j < len(r) and str(r[j]).strip()]
        out.append(bool(cells) and all(is_numeric_cell(c) for c in cells))
    return out


def _num(flag: bool) -> str:
    return ' class="num"' if flag else ""


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], caption: str | None = None
) -> str:
    """Render an accessible HTML ``<table>``: a caption, scoped headers, numbers marked ``num``."""
    body = [list(r) for r in rows]
    numeric = _numeric_columns(len(header), body)
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{html.escape(clean_cell(caption))}</caption>")
    heads = "".join(
        f'<th scope="col"{_num(numeric[j])}>{html.escape(clean_cell(h))}</th>'
        for j, h in enumerate(header)
    )
    out.append(f"<thead><tr>{heads}</tr></thead><tbody>")
    for row in body:
        cells = "".join(
            f"<td{_num(j < len(numeric) and numeric[j])}>{html.escape(clean_cell(c))}</td>"
            for j, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Render a GitHub-flavoured Markdown table: escaped cells, numeric columns right-aligned."""
    body = [list(r) for r in rows]
    numeric = _numeric_columns(len(header), body)
    align = "|" + "".join("---:|" if num else "---|" for num in numeric)
    lines = ["| " + " | ".join(markdown_cell(h) for h in header) + " |", align]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in body]
    return "\n".join(lines)


def _wrap(cell: str, width: int) -> list[str]:
    import textwrap  # noqa: PLC0415

    return textwrap.wrap(cell, width, break_long_words=True, break_on_hyphens=True) or [""]


def text_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, width: int | None = None
) -> str:
    """Render a plain-text table with left-aligned first column, right-aligned others.

    Cells are made single-line and free of control characters (`clean_cell`).
    With *width*, text cells and headers (never numbers) are wrapped at word
    boundaries until the table fits, as far as the longest word allows.

    Examples
    --------
    >>> print(text_table(["Outcome", "n"], [["Family and social relationships", 3]], width=20))
    Outcome            n
    Family and social  3
    relationships
    """
    head = [clean_cell(h) for h in header]
    body = [[clean_cell(c) for c in row] for row in rows]
    widths = [len(h) for h in head]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    if width is not None:
        numeric = _numeric_columns(len(head), body)

        def floor(j: int) -> int:
            # numbers never wrap; headers and text wrap at word boundaries where they can
            words = [
                w for c in (head[j], *(() if numeric[j] else (r[j] for r in body))) for w in c.split()
            ]
            shortest = max((len(w) for w in words), default=1)
            return max(shortest, *(len(r[j]) for r in body)) if numeric[j] else shortest

        floors = [floor(j) for j in range(len(head))]
        while sum(widths) + 2 * (len(widths) - 1) > width:
            candidates = [j for j in range(len(widths)) if widths[j] > floors[j]]
            if not candidates:
                break
            j = max(candidates, key=lambda k: widths[k] - floors[k])
            widths[j] -= 1

    def lines(cells: Sequence[str]) -> list[str]:
        parts = [_wrap(c, w) if len(c) > w else [c] for c, w in zip(cells, widths, strict=True)]
        height = max(len(p) for p in parts)
        out = []
        for k in range(height):
            row = [p[k] if k < len(p) else "" for p in parts]
            first = row[0].ljust(widths[0])
            rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
            out.append("  ".join([first, *rest]).rstrip())
        return out

    out = lines(head)
    for r in body:
        out.extend(lines(r))
    return "\n".join(out)


def _pandas() -> Any:
    """Import pandas, an optional dependency, or say how to install it."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported lazily
    except ImportError as exc:  # pragma: no cover - exercised only without pandas
        msg = "to_frame() needs pandas: pip install 'safecore[pandas]'"
        raise ImportError(msg) from exc
    return pd


def frame(
    records: list[dict[str, object]], index: str | None = None, columns: Sequence[str] | None = None
) -> object:
    """Build a pandas DataFrame from records; pandas is optional and imported here only."""
    pd = _pandas()
    df = pd.DataFrame.from_records(records, columns=None if columns is None else list(columns))
    return df.set_index(index) if index is not None else df


def column_frame(columns: Mapping[str, object]) -> object:
    """Build a pandas DataFrame from whole columns (arrays) in one constructor call.

    For large results (a million simulation draws) this is about a hundred
    times faster than `frame`, which goes through one record per row.
    """
    return _pandas().DataFrame(dict(columns))
