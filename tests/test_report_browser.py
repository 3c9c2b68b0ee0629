"""The 2020 report's HTML in Chromium: loads offline with no console error, shows each section, prints.

Drives headless Chromium through its command line (``--dump-dom``,
``--print-to-pdf``, ``--screenshot``) and, to read the console and the
requests, through the DevTools protocol over ``--remote-debugging-pipe``
(NUL-separated JSON on file descriptors 3 and 4: the standard library is
enough); skipped when Chromium is not installed (CI installs it with
``apt-get install chromium poppler-utils``). Every run maps all host names
to NOTFOUND, so a page that needed the network would come back incomplete.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

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


# Put two inherited descriptors on 3 and 4 (moved above 9 first, so neither overwrites the
# other), then become the program that follows them.
_ON_3_AND_4 = """
import fcntl, os, sys
commands, replies = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3])
os.dup2(commands, 3)
os.dup2(replies, 4)
os.execv(sys.argv[3], sys.argv[3:])
"""


class _DevTools:
    """A minimal DevTools client over Chromium's ``--remote-debugging-pipe`` (no websocket needed).

    Chromium reads commands from its file descriptor 3 and writes replies and
    events to 4, each a JSON message ending in a NUL byte.
    """

    def __init__(self, profile: Path, timeout: float = 120) -> None:
        commands_r, self._commands = os.pipe()
        self._replies, replies_w = os.pipe()
        command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _ON_3_AND_4,
                str(commands_r),
                str(replies_w),
                *command,
                "about:blank",
            ],
            pass_fds=(commands_r, replies_w),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_r)
        os.close(replies_w)
        self._deadline = time.monotonic() + timeout
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = self._deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                msg = "Chromium did not answer in time"
                raise TimeoutError(msg)
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                msg = "Chromium closed the DevTools pipe"
                raise EOFError(msg)
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        out: dict[str, Any] = json.loads(message)
        return out

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        """Send a command and return its result, keeping the events that arrive meanwhile."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") != self._id:
                self.events.append(reply)
            elif "error" in reply:
                raise RuntimeError(f"{method}: {reply['error']}")
            else:
                return reply.get("result", {})

    def wait_for(self, event: str) -> None:
        """Read until *event* has arrived."""
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self._read())

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (EOFError, OSError, RuntimeError):  # already closed, or gone
            pass
        finally:
            os.close(self._commands)
            os.close(self._replies)
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


def _console(url: str, tmp: Path) -> tuple[list[str], list[str]]:
    """Load *url*; return its console errors (messages, exceptions, browser log) and other requests.

    An error is a ``console.error`` or ``console.assert`` call, an uncaught
    exception, or an error the browser logs (a resource that failed to
    load, a blocked request, ...); a request is any URL fetched other than
    the page itself.
    """
    profile = tmp / "devtools-profile"
    profile.mkdir(exist_ok=True)
    browser = _DevTools(profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        sid = session["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.send(f"{domain}.enable", session=sid)
        browser.send("Page.navigate", {"url": url}, session=sid)
        browser.wait_for("Page.loadEventFired")
        browser.send("Runtime.evaluate", {"expression": "0"}, session=sid)  # flush pending events
    finally:
        browser.close()
    errors, requests = [], []
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            errors.append(f"console.{params['type']}: {args}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            errors.append(
                f"uncaught: {details.get('exception', {}).get('description', details['text'])}"
            )
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            errors.append(f"{entry['source']}: {entry['text']} {entry.get('url', '')}".rstrip())
        elif method == "Network.requestWillBeSent" and params["request"]["url"] != url:
            requests.append(params["request"]["url"])
    return errors, requests


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


def test_page_loads_with_no_console_error_and_no_request(page, tmp_path):
    """Loaded in Chromium, the page logs no error and fetches nothing but itself."""
    errors, requests = _console(page[0].as_uri(), tmp_path)
    assert errors == []
    assert requests == []


def test_console_check_sees_errors(tmp_path):
    """The console check can fail: a console.error, an exception and a failed fetch are each reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>bad</title></head><body><p>x</p>"
        "<script>console.log('fine'); console.error('x')</script>"
        "<script>throw new Error('deliberate')</script>"
        '<img alt="" src="https://example.invalid/x.png"></body></html>',
        encoding="utf-8",
    )
    errors, requests = _console(bad.as_uri(), tmp_path)
    assert "console.error: x" in errors
    assert any(e.startswith("uncaught: Error: deliberate") for e in errors)
    assert any("ERR_NAME_NOT_RESOLVED" in e and "example.invalid" in e for e in errors)
    assert not any("fine" in e for e in errors)
    assert requests == ["https://example.invalid/x.png"]
    good = tmp_path / "good.html"
    good.write_text("<!DOCTYPE html><title>ok</title><script>console.log('fine')</script>", "utf-8")
    assert _console(good.as_uri(), tmp_path) == ([], [])


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
