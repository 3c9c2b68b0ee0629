"""The report as a document: titled sections of tables and paragraphs, rendered four ways.

A :class:`Table` is built from any result's own table hook
(:meth:`Table.from_result`), so a section never re-implements a result's
rendering; :class:`Report` renders as text, Markdown, HTML or JSON.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

import attrs

from safecore._errors import InputValueError
from safecore._format import (
    clean_cell,
    clean_text,
    html_table,
    markdown_cell,
    markdown_table,
    text_table,
)

__all__ = ["Report", "Section", "Table"]


def _header(cells: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(c) for c in cells)


def _cells(rows: Iterable[Iterable[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(c) for c in r) for r in rows)


def _blocks(blocks: Iterable[Table | str]) -> tuple[Table | str, ...]:
    return tuple(blocks)


@attrs.frozen(slots=True)
class Table:
    """A titled table of strings."""

    caption: str
    header: tuple[str, ...] = attrs.field(converter=_header)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_cells)

    @classmethod
    def from_result(cls, result: Any, caption: str | None = None) -> Table:
        """Build a table from a result's own ``_table()`` hook (its headers, cells and caption)."""
        table = result._table()
        return cls(
            table.caption if caption is None else caption,
            table.display_headers(),
            table.display_rows(),
        )


@attrs.frozen(slots=True)
class Section:
    """A report section: a title and a sequence of tables and paragraphs."""

    title: str
    blocks: tuple[Table | str, ...] = attrs.field(converter=_blocks)


@attrs.frozen(slots=True, repr=False)
class Report:
    """The evaluation as a document, with the audit findings as data."""

    title: str
    sections: tuple[Section, ...]
    findings: tuple[dict[str, Any], ...] = ()

    def to_text(self) -> str:
        """Render as plain text for a terminal."""
        out = [self.title, "=" * len(self.title), ""]
        for s in self.sections:
            out += [s.title, "-" * len(s.title)]
            for b in s.blocks:
                if isinstance(b, Table):
                    out += [clean_cell(b.caption), text_table(b.header, b.rows)]
                else:
                    out.append(clean_text(b))
                out.append("")
        return "\n".join(out)

    def to_markdown(self) -> str:
        """Render as GitHub-flavoured Markdown."""
        out = [f"# {self.title}", ""]
        for s in self.sections:
            out += [f"## {s.title}", ""]
            for b in s.blocks:
                if isinstance(b, Table):
                    out += [f"**{markdown_cell(b.caption)}**", "", markdown_table(b.header, b.rows)]
                elif "\n" in b:
                    out.append("```\n" + clean_text(b).replace("```", "\\`\\`\\`") + "\n```")
                else:
                    out.append(markdown_cell(b))
                out.append("")
        return "\n".join(out)

    def to_html(self) -> str:
        """Render as a standalone HTML page."""
        out = [
            "<!DOCTYPE html><html><head><meta charset='utf-8'>",
            f"<title>{html.escape(self.title)}</title></head><body>",
            f"<h1>{html.escape(self.title)}</h1>",
        ]
        for s in self.sections:
            out.append(f"<h2>{html.escape(s.title)}</h2>")
            for b in s.blocks:
                if isinstance(b, Table):
                    out.append(html_table(b.header, b.rows, b.caption))
                else:
                    text = html.escape(clean_text(b))
                    out.append(f"<pre>{text}</pre>" if "\n" in b else f"<p>{text}</p>")
        out.append("</body></html>")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python form for JSON: sections with typed blocks, and the findings."""
        return {
            "title": self.title,
            "sections": [
                {
                    "title": s.title,
                    "blocks": [
                        {
                            "type": "table",
                            "caption": b.caption,
                            "header": list(b.header),
                            "rows": [list(r) for r in b.rows],
                        }
                        if isinstance(b, Table)
                        else {"type": "text", "text": b}
                        for b in s.blocks
                    ],
                }
                for s in self.sections
            ],
            "findings": list(self.findings),
        }

    def render(self, fmt: str) -> str:
        """Render as ``text``, ``markdown``, ``html`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
        renderers = {"text": self.to_text, "markdown": self.to_markdown, "html": self.to_html}
        if fmt not in renderers:
            msg = f"format must be one of text, markdown, html, json: {fmt!r}"
            raise InputValueError(msg)
        return renderers[fmt]()

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return f"Report({self.title!r}, sections={len(self.sections)}, findings={len(self.findings)})"
