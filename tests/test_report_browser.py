"""The 2020 report's HTML in a real browser: it loads offline, shows every section and chart, and prints.

Drives headless Chromium through its command line (``--dump-dom``,
``--print-to-pdf``, ``--screenshot``); skipped when Chromium is not installed
(CI installs it with ``apt-get install chromium poppler-utils``). Every run
maps all host names to NOTFOUND, so a page that needed the network would
come back incomplete.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

# The page is checked for its charts, which need the plot extra (matplotlib).
pytest.importorskip("matplotlib", reason="the report's charts need the plot extra (matplotlib)")

from safecore.datasets import report_2020
from safecore.report.document import Figure

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium): browser checks skipped",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    report = report_2020(draws=500)
    path = tmp_path_factory.mktemp("browser") / "report-2020.html"
    path.write_text(report.to_html(), encoding="utf-8")
    return path, report


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done


class _Outline(HTMLParser):
    """The rendered page's section headings and charts."""

    def __init__(self) -> None:
        super().__init__()
        self.h2: list[str] = []
        self.svg = 0
        self.figcaptions = 0
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_h2 = tag == "h2"
        if self._in_h2:
            self.h2.append("")
        self.svg += tag == "svg"
        self.figcaptions += tag == "figcaption"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data


def test_page_loads_offline_with_every_section_and_chart(page, tmp_path):
    """Chromium's DOM (no host name resolving) has every section's <h2> and every chart's <svg>."""
    path, report = page
    dom = _chromium(tmp_path, "--dump-dom", path.as_uri()).stdout.decode("utf-8")
    outline = _Outline()
    outline.feed(dom)
    assert outline.h2 == [s.title for s in report.sections] + ["Provenance"]
    charts = [b for s in report.sections for b in s.blocks if isinstance(b, Figure)]
    assert len(charts) == 5
    assert outline.svg == len(charts)
    assert outline.figcaptions == len(charts)
    assert dom.rstrip().endswith("</html>")


def test_page_refers_to_nothing_on_the_network(page):
    """No src, href, url() or @import in the page points to http(s): everything is inline."""
    text = page[0].read_text(encoding="utf-8")
    assert not re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.IGNORECASE)
    assert not re.findall(r"""url\(\s*["']?\s*(?:https?:)?//""", text, re.IGNORECASE)
    assert "@import" not in text
    assert "<script" not in text
    assert "<img" not in text


def _pages(pdf: bytes) -> int | None:
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            [str(shutil.which("pdfinfo")), "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr] - pdfinfo always prints Pages
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return count or None


@pytest.fixture(scope="module")
def pdf(page, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    tmp = tmp_path_factory.mktemp("pdf")
    out = tmp / "report-2020.pdf"
    _chromium(tmp, "--no-pdf-header-footer", f"--print-to-pdf={out}", page[0].as_uri())
    return out.read_bytes()


def test_prints_to_a_pdf_of_several_pages(pdf):
    """Printing gives a PDF (A4 print styles) of more than one page."""
    assert pdf.startswith(b"%PDF-")
    pages = _pages(pdf)
    if pages is None:
        pytest.skip("cannot count the PDF's pages (no pdfinfo, and its page objects are compressed)")
    assert pages > 1


def test_printed_text_is_extractable(page, pdf, tmp_path):
    """The PDF's text, charts' labels included, can be extracted (pdftotext from poppler-utils)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils): text not checked")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    text = subprocess.run([pdftotext, str(source), "-"], capture_output=True, check=True).stdout.decode(
        "utf-8"
    )
    flat = " ".join(text.split())
    report = page[1]
    assert report.title in flat
    for section in report.sections:
        assert section.title in flat
    for label in ("Saving per family", "Optimism bias", "Central estimate", "% of records"):
        assert label in flat, f"chart text {label!r} is not in the PDF"


def test_screenshot_of_the_first_page(page, tmp_path):
    """A screenshot of the first screenful is a PNG (docs/img/report-2020.png is made this way)."""
    out = tmp_path / "shot.png"
    _chromium(tmp_path, f"--screenshot={out}", "--window-size=1200,1600", page[0].as_uri())
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(head[16:20], "big") == 1200
