"""Bad input through the ``safecore`` command: exit codes, one-line messages, safe output.

A refused input exits 1 with one line on stderr naming what was wrong and
where; an unexpected failure exits 2 with "internal error" and the hint to
rerun with ``--debug``; output never crashes on an encoding without χ or ├─.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from safecore.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HEADER = "family,engagement,status\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8", newline="")
    return str(p)


CASE_NOTE_FILES = [
    ("unknown engagement", HEADER + "F1,Engaged,Achieved\nF2,Engagd,Achieved\n", ["line 3", "'Engagd'"]),
    (
        "Unknown engagement",
        HEADER + "F1,Engaged,Achieved\nF2,Unknown,Achieved\n",
        ["line 3", "'Unknown'"],
    ),
    ("status typo", HEADER + "F1,Engaged,Achieved\nF2,Engaged,Acheived\n", ["line 3", "'Acheived'"]),
    ("empty file", "", ["empty file"]),
    ("header only", HEADER, ["no data rows"]),
    (
        "duplicate header",
        "family,engagement,status,status\nF1,Engaged,Achieved,x\n",
        ["duplicate column"],
    ),
    ("semicolons", "family;engagement;status\nF1;Engaged;Achieved\n", ["semicolon", "delimiter"]),
    ("ragged", HEADER + "F1,Engaged\n", ["line 2", "2 cells, expected 3"]),
    ("no engagement", "family,status\nF1,Achieved\n", ["no column 'engagement'"]),
    ("bad type", "family,engagement,type,status\nF1,Engaged,aim,Achieved\n", ["line 2", "'aim'"]),
    ("nan status", HEADER + "F1,Engaged,Achieved\nF2,Engaged,nan\n", ["line 3", "'nan'"]),
]


@pytest.mark.parametrize(
    ("text", "needles"), [c[1:] for c in CASE_NOTE_FILES], ids=[c[0] for c in CASE_NOTE_FILES]
)
def test_report_refuses_bad_case_notes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, needles: list[str]
):
    """A bad case-note file exits 1 with one line naming the file and the problem."""
    path = write(tmp_path, "notes.csv", text)
    code, out, err = run(capsys, "report", "--case-notes", path, "--draws", "0")
    assert code == 1 and out == ""
    assert err.startswith("safecore: error: ") and err.count("\n") == 1
    for needle in ["notes.csv", *needles]:
        assert needle in err, (needle, err)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--draws", "10**12"], "--draws must be a whole number: '10**12'"),
        (["--draws", "1000000000000"], "--draws must be at most 10,000,000"),
        (["--draws", "-5"], "--draws must be a whole number >= 0: -5"),
        (["--draws", "1.5"], "--draws must be a whole number: '1.5'"),
        (["--seed", "abc"], "--seed must be a whole number: 'abc'"),
        (["--seed", "-1"], "--seed must be a whole number >= 0: -1"),
        (["--case-notes", "/nonexistent/notes.csv"], "/nonexistent/notes.csv: no such file"),
        (["--case-notes", "."], "is a directory"),
        (["--case-notes", "/dev/zero"], "/dev/zero"),
        (["--delimiter", ";;", "--case-notes", str(EXAMPLES / "case_notes.csv")], "delimiter"),
    ],
)
def test_report_option_errors(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str):
    """Options and paths are validated: exit 1 and a one-line message naming the option."""
    if "/dev/zero" in argv and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    code, out, err = run(capsys, "report", *argv)
    assert code == 1 and out == ""
    assert needle in err and err.count("\n") == 1


def test_semicolon_file_reads_with_delimiter(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """--delimiter ';' reads a European export; --missing declares 'NA'."""
    path = write(
        tmp_path,
        "notes.csv",
        "family;engagement;status\nF1;Engaged;Achieved\nF2;Disengaged;NA\nF3;Disengaged;Not achieved\n",
    )
    code, out, err = run(
        capsys, "report", "--case-notes", path, "--delimiter", ";", "--missing", "NA", "--draws", "0"
    )
    assert code == 0, err
    assert "3 rows" in out and "1 record has neither a type nor a status" in out


def test_status_that_never_occurs_degrades(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """A status with no records keeps the table and runs the test on the statuses that occur."""
    rows = "".join(
        f"F{k},{'Engaged' if k % 2 else 'Disengaged'},{'Achieved' if k % 3 else 'Not achieved'}\n"
        for k in range(30)
    )
    path = write(tmp_path, "notes.csv", HEADER + rows)
    code, out, _ = run(capsys, "report", "--case-notes", path, "--draws", "0")
    assert code == 0
    assert "Almost achieved" in out  # the table keeps the empty column
    assert "left out of the test: Almost achieved" in out


def test_one_group_only_says_why_no_test(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """With one engagement group the table shows and the report says why there is no test."""
    path = write(tmp_path, "notes.csv", HEADER + "F1,Engaged,Achieved\nF2,Engaged,Not achieved\n")
    code, out, _ = run(capsys, "report", "--case-notes", path, "--draws", "0")
    assert code == 0
    assert "No chi-square test: it needs at least two groups" in out


def test_unclassified_records_are_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """Records with neither type nor status are counted with their lines, not dropped silently."""
    path = write(
        tmp_path, "notes.csv", HEADER + "F1,Engaged,Achieved\nF2,Engaged,\nF3,Disengaged,Achieved\n"
    )
    code, out, _ = run(capsys, "report", "--case-notes", path, "--draws", "0")
    assert code == 0
    assert "1 record has neither a type nor a status" in out and "line 3" in out


def test_debug_anywhere_shows_the_traceback(tmp_path: Path):
    """--debug after the subcommand is accepted and re-raises the error."""
    path = write(tmp_path, "notes.csv", HEADER + "F1,Engagd,Achieved\nF2,Engaged,Achieved\n")
    with pytest.raises(ValueError, match="'Engagd'"):
        main(["report", "--case-notes", path, "--debug"])


def test_internal_error_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """An unexpected exception prints one 'internal error' line and exits 2."""
    import safecore.datasets

    def boom(**_: object) -> None:
        msg = "boom"
        raise RuntimeError(msg)

    monkeypatch.setattr(safecore.datasets, "report_2020", boom)
    code, out, err = run(capsys, "report", "--draws", "0")
    assert code == 2 and out == ""
    assert err == "safecore: internal error: RuntimeError: boom; rerun with --debug for the traceback\n"


def test_control_characters_do_not_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
):
    """Escape sequences in labels are shown escaped in text output."""
    rows = "".join(f"F{k},Site\x1b[2JA,{'Achieved' if k % 2 else 'Not achieved'}\n" for k in range(4))
    path = write(tmp_path, "notes.csv", "family,engagement,status\n" + rows)
    code, out, _ = run(capsys, "report", "--case-notes", path, "--draws", "0")
    assert code == 0
    assert "\x1b" not in out and "Site\\x1b[2JA" in out


def test_markdown_escapes_pipes_and_html(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """Labels with | and HTML cannot break a Markdown table or inject markup."""
    rows = "".join(
        f"F{k},{'A|B <b>x</b>' if k % 2 else 'C'},{'Achieved' if k % 3 else 'Not achieved'}\n"
        for k in range(12)
    )
    path = write(tmp_path, "notes.csv", HEADER + rows)
    code, out, _ = run(capsys, "report", "--case-notes", path, "--draws", "0", "--format", "markdown")
    assert code == 0
    assert "A\\|B &lt;b&gt;x&lt;/b&gt;" in out and "<b>" not in out
    table_lines = [line for line in out.splitlines() if line.startswith("| A")]
    assert table_lines and all(line.count("|") - line.count("\\|") == 7 for line in table_lines)


def test_json_output_is_valid_for_any_labels(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """JSON output parses even with quotes, backslashes and controls in labels."""
    rows = "".join(
        f'F{k},"say ""hi"" \\ \x07",{"Achieved" if k % 2 else "Not achieved"}\n' for k in range(4)
    )
    path = write(tmp_path, "notes.csv", HEADER + rows)
    code, out, _ = run(capsys, "report", "--case-notes", path, "--draws", "0", "--format", "json")
    assert code == 0
    assert json.loads(out)["sections"]


def _run_command(*argv: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "safecore", *argv], capture_output=True, env=env, check=False, timeout=120
    )


def test_report_on_a_cp1252_stdout_redirected_to_a_file(tmp_path: Path):
    """`PYTHONIOENCODING=cp1252 safecore report > out.txt` works and falls back to ASCII forms."""
    out_file = tmp_path / "out.txt"
    with out_file.open("wb") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "safecore", "report", "--draws", "200"],
            stdout=fh,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "cp1252"},
            check=False,
            timeout=120,
        )
    assert proc.returncode == 0, proc.stderr.decode()
    text = out_file.read_bytes().decode("cp1252")
    assert "chi²(2, N = 130) = 35.41" in text  # χ spelled out; ² exists in cp1252
    assert "|-" in text  # the referral tree's ├─
    assert "£180,551" in text  # £ exists in cp1252 and is kept


def test_report_on_an_ascii_stdout():
    """With an ASCII-only stdout every character has a stand-in; nothing crashes."""
    proc = _run_command("report", "--draws", "0", env_extra={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode("ascii")
    assert "GBP 180,551" in text and "chi2(2" in text


def test_error_message_on_an_ascii_stderr(tmp_path: Path):
    """An error naming a non-ASCII file still prints as one line on an ASCII stderr."""
    path = write(tmp_path, "notes–χ.csv", HEADER + "F1,Engagd,Achieved\nF2,Engaged,Achieved\n")
    proc = _run_command("report", "--case-notes", path, env_extra={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 1
    err = proc.stderr.decode("ascii")
    assert err.startswith("safecore: error: ") and "notes-chi.csv" in err and err.count("\n") == 1


def test_every_cohort_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """A third cohort gets its own 'Results by outcome' table (it was dropped before)."""
    cohorts = "".join(
        f'[cohorts.{k}]\nname = "{k.upper()}"\nfamilies = 4\nimproved = {{ housing = {n} }}\n'
        for k, n in (("a", 2), ("b", 1), ("c", 0))
    )
    path = write(tmp_path, "c.toml", cohorts)
    proxies = str(EXAMPLES / "proxies.toml")
    code, out, _ = run(capsys, "report", "--cohorts", path, "--proxies", proxies, "--draws", "0")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("Results by outcome")] == [
        "Results by outcome: A",
        "Results by outcome: B",
        "Results by outcome: C",
    ]


def test_decimal_comma_proxy_file(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """'7.770,50' is refused by default and read as 7770.5 with --decimal ','."""
    proxies = write(
        tmp_path, "p.csv", 'outcome;indicator;saving;source\nhousing;Eviction avoided;"7.770,50";LA\n'
    )
    cohorts = write(
        tmp_path, "c.toml", '[cohorts.a]\nname = "A"\nfamilies = 3\nimproved = { housing = 2 }\n'
    )
    argv = ["report", "--proxies", proxies, "--cohorts", cohorts, "--delimiter", ";", "--draws", "0"]
    code, _, err = run(capsys, *argv)
    assert code == 1 and "p.csv, line 2" in err and "decimal" in err
    code, out, _ = run(capsys, *argv, "--decimal", ",")
    assert code == 0 and "£15,541" in out  # 2 x £7,770.50
