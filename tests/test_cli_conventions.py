"""The command behaves like a Unix tool: --version, -o FILE, - for stdin, terminal width, help."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import safecore
from safecore.cli import main
from safecore.cost import ProxyTable, load_proxies
from safecore.datasets import SAFECORE_2020
from safecore.report import build_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _run(
    *argv: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "safecore", *argv],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]):
    """--version prints the package version and exits 0."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"safecore {safecore.__version__}"


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("report.html", lambda t: t.startswith("<!DOCTYPE html>")),
        ("report.json", lambda t: json.loads(t)["schema_version"] == "1.1"),
        ("report.md", lambda t: t.startswith("# Programme evaluation")),
        ("report.txt", lambda t: t.startswith("Programme evaluation\n====")),
    ],
)
def test_output_file_format_follows_its_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, check: object
):
    """-o FILE writes UTF-8 to the file (nothing on stdout); the format follows the extension."""
    out = tmp_path / name
    code = main(
        ["report", "--case-notes", str(EXAMPLES / "case_notes.csv"), "--draws", "0", "-o", str(out)]
    )
    assert code == 0 and capsys.readouterr().out == ""
    assert check(out.read_text(encoding="utf-8"))  # type: ignore[operator]


def test_explicit_format_wins_over_the_extension(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """--format json with -o report.txt writes JSON."""
    out = tmp_path / "report.txt"
    main(
        [
            "report",
            "--case-notes",
            str(EXAMPLES / "case_notes.csv"),
            "--draws",
            "0",
            "--format",
            "json",
            "-o",
            str(out),
        ]
    )
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Programme evaluation"


def test_output_for_audit_and_proxies(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """Every command takes -o: audit as JSON, proxies export as CSV from the extension."""
    findings = tmp_path / "findings.json"
    assert main(["audit", "-o", str(findings)]) == 0
    assert len(json.loads(findings.read_text(encoding="utf-8"))["findings"]) == 38
    csv_out = tmp_path / "p.csv"
    assert main(["proxies", "export", str(EXAMPLES / "proxies.toml"), "-o", str(csv_out)]) == 0
    assert csv_out.read_text(encoding="utf-8").startswith("outcome,")


def test_unwritable_output_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """A directory as -o target exits 1 with one line naming it."""
    code = main(["audit", "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "cannot write the output" in err and str(tmp_path) in err


def test_dash_reads_standard_input():
    """`-` reads an input file from standard input, and the provenance hashes those bytes."""
    data = (EXAMPLES / "case_notes.csv").read_bytes()
    proc = _run("report", "--case-notes", "-", "--draws", "0", "--format", "json", stdin=data)
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    (entry,) = report["provenance"]["inputs"]
    import hashlib

    assert entry == {"role": "case_notes", "path": "-", "sha256": hashlib.sha256(data).hexdigest()}
    assert any("N = 7" in line for line in report["summary"])


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Give *data* as standard input to an in-process run (and forget any earlier one)."""
    from safecore import _read

    monkeypatch.setattr(_read, "_STDIN", [])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _xlsx(table: ProxyTable) -> bytes:
    """The proxy table as an .xlsx workbook (header row, then one proxy per row)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    rows = list(csv.reader(io.StringIO(table.to_csv())))
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([float(c) if k == 2 else (c or None) for k, c in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PROXIES_TOML = (EXAMPLES / "proxies.toml").read_bytes()
PROXIES_CSV = load_proxies(EXAMPLES / "proxies.toml").to_csv().encode("utf-8")


@pytest.mark.parametrize("fmt", ["toml", "csv", "xlsx"])
@pytest.mark.parametrize("given", [False, True])
@pytest.mark.parametrize("action", ["show", "validate", "export"])
def test_proxies_read_standard_input(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    action: str,
    fmt: str,
    given: bool,
):
    """`safecore proxies ACTION -` reads TOML, CSV or .xlsx from stdin, told by --from or sniffed."""
    expected = load_proxies(EXAMPLES / "proxies.toml")
    data = {"toml": PROXIES_TOML, "csv": PROXIES_CSV}.get(fmt) or _xlsx(expected)
    _stdin(monkeypatch, data)
    code = main(["proxies", action, "-", *(["--from", fmt] if given else [])])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    if action == "validate":
        assert out == "standard input: 4 proxies, valid\n"
    elif action == "show":
        assert out == f"{expected}\n"
    else:
        assert tomllib.loads(out) == tomllib.loads(expected.to_toml())


@pytest.mark.parametrize(
    ("data", "option", "needle"),
    [
        (b"hello\n", [], "cannot tell whether the proxy table is TOML, CSV or .xlsx"),
        (b"\xff\xfe\x00o\x00u", [], "--from"),  # neither text nor a workbook
        (PROXIES_CSV, ["--from", "toml"], "-: not valid TOML"),  # told wrong: the real error
        (PROXIES_TOML, ["--from", "xlsx"], "not a readable .xlsx workbook"),
    ],
)
def test_proxies_from_standard_input_that_cannot_be_told_apart(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    option: list[str],
    needle: str,
):
    """Unsniffable stdin exits 1 with one line naming the option; a wrong --from fails as such."""
    pytest.importorskip("openpyxl")
    _stdin(monkeypatch, data)
    code = main(["proxies", "validate", "-", *option])
    err = capsys.readouterr().err
    assert code == 1 and needle in err and err.count("\n") == 1


def test_from_without_a_file_is_refused(capsys: pytest.CaptureFixture[str]):
    """--from and --proxies-format describe a file: without one they are an error, not ignored."""
    assert main(["proxies", "show", "--from", "csv"]) == 1
    assert "--from describes a proxy file" in capsys.readouterr().err
    assert main(["report", "--proxies-format", "csv", "--draws", "0"]) == 1
    assert "--proxies-format describes a --proxies file" in capsys.readouterr().err


def test_report_reads_proxies_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """`safecore report --proxies -` gives the report of the same table read from a named file."""
    table = SAFECORE_2020.to_csv().replace("1965.0", "2965.0", 1)
    named = tmp_path / "table11.csv"
    named.write_text(table, encoding="utf-8")
    argv = ["report", "--draws", "0", "--format", "json", "--proxies"]
    assert main([*argv, str(named)]) == 0
    expected = json.loads(capsys.readouterr().out)["sections"]
    assert main([*argv[:-1]]) == 0
    assert json.loads(capsys.readouterr().out)["sections"] != expected  # the change shows
    for option in ([], ["--proxies-format", "csv"]):
        _stdin(monkeypatch, table.encode("utf-8"))
        assert main([*argv, "-", *option]) == 0
        assert json.loads(capsys.readouterr().out)["sections"] == expected
    proc = _run(*argv, "-", stdin=table.encode("utf-8"))  # a real pipe
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["sections"] == expected


def test_report_proxies_format_with_build_report(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """build_report(proxies_format=) reads TOML from stdin alongside cohorts from a file."""
    _stdin(monkeypatch, PROXIES_TOML)
    report = build_report(proxies="-", cohorts=EXAMPLES / "cohorts.toml", draws=0, proxies_format="toml")
    assert report.provenance["inputs"][0]["path"] == "-"
    assert report.sections[0].title.startswith("Cost")


def test_text_tables_fit_the_terminal_width():
    """With COLUMNS=60, every table line that can be wrapped fits in 60 characters."""
    proc = _run("report", "--draws", "0", env={"COLUMNS": "60"})
    assert proc.returncode == 0
    lines = proc.stdout.decode("utf-8").splitlines()
    start = lines.index(next(x for x in lines if x.startswith("Table 2:"))) + 1
    table_2 = lines[start : lines.index("", start)]
    assert len(table_2) > 19 and all(len(x) <= 60 for x in table_2)
    wide = _run("report", "--draws", "0", env={"COLUMNS": "300"}).stdout.decode("utf-8")
    assert max(len(x) for x in wide.splitlines()) > 60  # nothing wrapped when there is room


_AUDIT_COLUMNS = ("table", "row", "column", "published", "recomputed", "rule", "severity", "message")


def _narrowest_audit_table(findings: list[dict[str, object]]) -> int:
    """Width of the findings table with each column as narrow as its longest word (header or cell)."""

    def words(value: object) -> list[str]:
        if isinstance(value, int | float):
            return [f"{value:,.2f}"]  # at least as long as the printed figure
        return str(value or "").split()

    widths = [max([len(c), *(len(w) for f in findings for w in words(f[c]))]) for c in _AUDIT_COLUMNS]
    return sum(widths) + 2 * (len(widths) - 1)


def test_audit_table_fits_the_terminal_width(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    """With COLUMNS=60 the audit's table wraps its text as far as its longest words allow."""
    assert main(["audit", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["audit"]) == 0
    narrow = capsys.readouterr().out.splitlines()
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["audit"]) == 0
    wide = capsys.readouterr().out.splitlines()
    assert all(len(x) <= max(60, _narrowest_audit_table(findings)) for x in narrow)
    assert max(map(len, narrow)) < max(map(len, wide))  # wrapped...
    assert len(narrow) > len(wide) == len(findings) + 2  # ...and, with room, one line per finding


def test_audit_table_wraps_a_short_report_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """One finding at COLUMNS=60: its message wraps, each column as narrow as its longest word."""
    path = tmp_path / "pilot.toml"
    path.write_text(_PILOT.replace("32%", "35%"), encoding="utf-8")
    assert main(["audit", str(path), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["audit", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 finding in 1 check: 1 error, 0 warnings, 0 notes"
    assert all(len(x) <= _narrowest_audit_table(findings) for x in lines[1:])
    assert len(lines) > 3  # the message took several lines


_PILOT = """
[[figures]]
name = "families"
where = "Text"
published = 37
[[figures]]
name = "engaged"
where = "Text"
published = 12
[[figures]]
name = "% engaged"
where = "Text"
published = "32%"
[[relations]]
kind = "percent"
published = "% engaged"
operands = ["engaged", "families"]
"""


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", "0 findings in 1 check: 0 errors, 0 warnings, 0 notes\n"),
        ("markdown", "0 findings in 1 check: 0 errors, 0 warnings, 0 notes\n"),
        ("html", "<p>0 findings in 1 check: 0 errors, 0 warnings, 0 notes</p>\n"),
    ],
)
def test_audit_with_no_findings_prints_no_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, expected: str
):
    """With no findings, `safecore audit` prints the counts and no empty table header."""
    path = tmp_path / "pilot.toml"
    path.write_text(_PILOT, encoding="utf-8")
    assert main(["audit", str(path), "--format", fmt]) == 0
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize("command", ["report", "audit", "proxies"])
def test_help_has_an_example_and_the_exit_codes(capsys: pytest.CaptureFixture[str], command: str):
    """Each subcommand's --help shows examples and the documented exit codes."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and f"safecore {command}" in out
    assert "exit status:" in out and "internal error" in out
