"""The ``safecore`` command: parses arguments, calls the library, formats.

Commands
--------
``safecore report``
    Recompute the SafeCORE 2020 evaluation (or the same analysis on your own
    files) and print it as text, Markdown, HTML or JSON.
``safecore audit``
    List the published figures that do not follow from their inputs.
``safecore proxies show|validate|export``
    Inspect, check or export a proxy table.
"""

from __future__ import annotations

import argparse
import codecs
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from safecore._errors import InputValueError, SafecoreError
from safecore._format import clean_text

__all__ = ["main"]

FORMATS = ("text", "markdown", "html", "json")
_SUFFIX_FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html", ".json": "json"}
_PROXY_FORMATS = ("toml", "csv", "xlsx")
_FORMAT_HELP = "output format (default: from the -o file's extension, else text)"

_EXIT_CODES = """exit status:
  0  success (safecore audit: also when findings exist, unless --fail-on)
  1  the input was refused (one line on stderr says what, where and what was expected),
     or safecore audit --fail-on found findings of that severity
  2  a usage error, or an internal error (rerun with --debug for the traceback)"""

_EXAMPLES = {
    "report": """examples:
  safecore report                                   # the SafeCORE 2020 report, recomputed
  safecore report --format html -o report.html      # a self-contained HTML report
  safecore report --case-notes notes.csv --group arm --outcome cin
  safecore report --proxies proxies.toml --cohorts cohorts.toml --draws 20000
  cat notes.csv | safecore report --case-notes -    # - reads standard input
  safecore report --proxies - --proxies-format csv < proxies.csv""",
    "audit": """examples:
  safecore audit                                    # the 2020 report's published figures
  safecore audit declarations.toml --fail-on error  # exit 1 if a figure is wrong
  safecore audit declarations.toml -o findings.json""",
    "proxies": """examples:
  safecore proxies show my_proxies.csv
  safecore proxies validate my_proxies.toml
  safecore proxies export my_proxies.csv -o my_proxies.toml
  some-export-tool | safecore proxies validate - --from csv""",
}


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total)
    sys.stderr.write(f"\rsimulating [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
    if done >= total:
        sys.stderr.write("\r" + " " * (width + 40) + "\r")
    sys.stderr.flush()


def _cmd_report(args: argparse.Namespace) -> str:
    from safecore._validate import check_draws, check_seed  # noqa: PLC0415
    from safecore.report import build_report, read_proxy_file  # noqa: PLC0415

    draws = check_draws(_int_option(args.draws, "--draws"), "--draws", minimum=0)
    seed = check_seed(_int_option(args.seed, "--seed"), "--seed")
    progress = _progress_bar if sys.stderr.isatty() else None
    missing = tuple(args.missing)
    paired = [_pair(text) for text in args.paired]
    if args.proxies_format is not None and args.proxies is None:
        msg = "--proxies-format describes a --proxies file; none was given"
        raise InputValueError(msg)
    if args.case_notes is None and args.staff_survey is None and args.cohorts is None:
        if args.outcome or paired or args.group != "engagement":
            msg = "--group, --outcome and --paired describe a --case-notes file; none was given"
            raise InputValueError(msg)
        from safecore.datasets import report_2020  # noqa: PLC0415 - the embedded report

        proxies = None
        if args.proxies is not None:
            proxies = read_proxy_file(
                args.proxies,
                delimiter=args.delimiter,
                decimal=args.decimal,
                missing=missing,
                file_format=args.proxies_format,
            )
        report = report_2020(proxies=proxies, draws=draws, seed=seed, progress=progress)
    else:
        report = build_report(
            case_notes=args.case_notes,
            staff_survey=args.staff_survey,
            proxies=args.proxies,
            cohorts=args.cohorts,
            group=args.group,
            outcomes=args.outcome or None,
            paired=paired,
            draws=draws,
            seed=seed,
            progress=progress,
            delimiter=args.delimiter,
            missing=missing,
            decimal=args.decimal,
            proxies_format=args.proxies_format,
        )
    return report.render(args.format, width=_width(args))


def _width(args: argparse.Namespace) -> int | None:
    """Terminal width for text tables: $COLUMNS or the terminal's, none when writing a file."""
    if args.output is not None:
        return None
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return None


def _emit(text: str, args: argparse.Namespace) -> None:
    """Write the command's output to -o FILE (UTF-8) or to standard output."""
    text = text if text.endswith("\n") else text + "\n"
    if getattr(args, "output", None):
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            msg = f"{args.output}: cannot write the output: {exc.strerror or exc}"
            raise InputValueError(msg) from None
    else:
        _write(sys.stdout, text)


def _pair(text: str) -> tuple[str, str]:
    before, sep, after = text.partition(":")
    if not sep or not before.strip() or not after.strip():
        msg = f"--paired must be BEFORE:AFTER (two column names): {text!r}"
        raise InputValueError(msg)
    return before.strip(), after.strip()


def _cmd_audit(args: argparse.Namespace) -> str:
    if args.file is None:
        from safecore.datasets import audit_2020  # noqa: PLC0415 - the embedded report

        report = audit_2020()
    else:
        from safecore.audit import audit_file  # noqa: PLC0415

        report = audit_file(args.file)
    out = report.render(args.format, width=_width(args))
    failing = {"error": ("error",), "warning": ("error", "warning")}.get(args.fail_on or "", ())
    flagged = sum(f.severity in failing for f in report.findings)
    if flagged:
        # main() exits 1 on a SafecoreError: write the findings first, then say why it fails
        _emit(out, args)
        msg = f"{flagged} finding(s) of severity {' or '.join(failing)} (--fail-on {args.fail_on})"
        raise SafecoreError(msg)
    return out


def _cmd_proxies(args: argparse.Namespace) -> str:
    from safecore.cost import SAFECORE_2020, load_proxies  # noqa: PLC0415

    if args.file is None and args.from_format is not None:
        msg = "--from describes a proxy file; none was given (the default is the 2020 Table 11)"
        raise InputValueError(msg)
    table = SAFECORE_2020 if args.file is None else load_proxies(args.file, file_format=args.from_format)
    if args.action == "show":
        return str(table)
    if args.action == "validate":
        name = "standard input" if args.file == "-" else args.file
        return f"{name}: {len(table)} proxies, valid"
    to = args.to or ("csv" if str(args.output or "").lower().endswith(".csv") else "toml")
    return table.to_csv() if to == "csv" else table.to_toml()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safecore",
        description=(
            "Evaluate family-support programmes: recompute the SafeCORE 2020 report "
            "(DfE RR1040) or run the same analysis on your own exports."
        ),
    )
    parser.add_argument(
        "--debug", action="store_true", help="show tracebacks on errors (accepted anywhere on the line)"
    )
    parser.add_argument("--version", action="version", version=f"safecore {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser(
        "report",
        epilog=f"{_EXAMPLES['report']}\n\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="recompute the evaluation and print it",
        description="Recompute every table of the evaluation. With no files: the embedded "
        "SafeCORE 2020 data and the audit of its published figures.",
    )
    rep.add_argument("--format", choices=FORMATS, help=_FORMAT_HELP)
    rep.add_argument(
        "--case-notes",
        metavar="FILE.csv",
        help="case notes: family, engagement, category, status[, type]",
    )
    rep.add_argument(
        "--staff-survey", metavar="FILE.csv", help="staff survey: respondent, time, cbi01..cbi19"
    )
    rep.add_argument(
        "--proxies", metavar="FILE.toml", help="proxy table (TOML, CSV or .xlsx, by its extension)"
    )
    rep.add_argument(
        "--proxies-format",
        choices=_PROXY_FORMATS,
        help="what the --proxies file holds, when its name does not say (e.g. for -; default: "
        "the extension, or for - the content when unambiguous)",
    )
    rep.add_argument(
        "--cohorts", metavar="FILE.toml", help="cohorts: [cohorts.<name>] families, improved, potential"
    )
    rep.add_argument(
        "--draws",
        default="10000",
        help="Monte Carlo draws (default 10000; 0 to skip; at most 10,000,000)",
    )
    rep.add_argument(
        "--seed", default="2020", help="simulation seed, a whole number >= 0 (default 2020)"
    )
    rep.add_argument(
        "--delimiter",
        default=",",
        help="cell separator of the CSV inputs (default ','; e.g. ';' or '\\t' written as $'\\t')",
    )
    rep.add_argument(
        "--group",
        default="engagement",
        metavar="COLUMN",
        help="case-note column whose groups are compared (default: engagement; e.g. arm, site)",
    )
    rep.add_argument(
        "--outcome",
        action="append",
        default=[],
        metavar="COLUMN",
        help="an outcome column compared between groups (repeatable; default: status, split into "
        "goals and problems)",
    )
    rep.add_argument(
        "--paired",
        action="append",
        default=[],
        metavar="BEFORE:AFTER",
        help="a yes/no indicator recorded before and after, tested with the exact McNemar test "
        "(repeatable)",
    )
    rep.add_argument(
        "--decimal",
        default=".",
        choices=(".", ","),
        help="decimal mark of savings in a CSV proxy file (default '.'; ',' reads 9690,5)",
    )
    rep.add_argument(
        "--missing",
        action="append",
        default=[""],
        metavar="TEXT",
        help="a cell text meaning 'missing' in the CSV inputs, e.g. NA (repeatable; empty cells "
        "are always missing)",
    )
    rep.set_defaults(func=_cmd_report)

    aud = sub.add_parser(
        "audit",
        epilog=f"{_EXAMPLES['audit']}\n\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="list the published figures that do not add up",
        description="Recompute every figure a declarations file (TOML) describes and list the "
        "mismatches. With no file: the SafeCORE 2020 report.",
    )
    aud.add_argument(
        "file", nargs="?", metavar="FILE.toml", help="a report's audit declarations (default: 2020)"
    )
    aud.add_argument("--format", choices=FORMATS, help=_FORMAT_HELP)
    aud.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default=None,
        help="exit 1 when a finding of this severity (or worse) exists (default: exit 0)",
    )
    aud.set_defaults(func=_cmd_audit)

    prox = sub.add_parser(
        "proxies",
        epilog=f"{_EXAMPLES['proxies']}\n\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="show, validate or export a proxy table",
        description="Work with proxy tables (TOML or CSV).",
    )
    psub = prox.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = psub.add_parser("show", help="print a proxy table (default: the report's Table 11)")
    show.add_argument("file", nargs="?", help="a proxy file (TOML, CSV or .xlsx; - is standard input)")
    val = psub.add_parser("validate", help="check a proxy file; exit 1 with the reason if invalid")
    val.add_argument("file", help="a proxy file (TOML, CSV or .xlsx; - is standard input)")
    exp = psub.add_parser("export", help="write a proxy table as TOML or CSV")
    exp.add_argument("file", nargs="?", help="a proxy file to convert (default: Table 11)")
    for action in (show, val, exp):
        action.add_argument(
            "--from",
            dest="from_format",
            choices=_PROXY_FORMATS,
            help="what the file holds, when its name does not say (e.g. for -; default: the "
            "extension, or for - the content when unambiguous)",
        )
    exp.add_argument(
        "--to", choices=("toml", "csv"), help="output format (default: from -o's extension, else toml)"
    )
    prox.set_defaults(func=_cmd_proxies)
    for command in (rep, aud, show, val, exp):
        command.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="write to FILE (UTF-8) instead of standard output; the format follows its "
            "extension (.txt .md .html .json; .toml .csv for proxies export) unless given",
        )
    return parser


def _version() -> str:
    from safecore import __version__  # noqa: PLC0415

    return __version__


_FALLBACKS = {
    "χ": "chi",
    "²": "2",
    "├": "|",
    "└": "`",
    "│": "|",
    "─": "-",
    "–": "-",
    "—": "-",
    "−": "-",
    "£": "GBP ",
    "≈": "~",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "±": "+/-",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
}


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: ASCII stand-ins for characters the output encoding lacks."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_FALLBACKS.get(ch, "?") for ch in bad), exc.end


codecs.register_error("safecore-fallback", _fallback)


def _write(stream: TextIO, text: str) -> None:
    """Write *text*, replacing what the stream's encoding cannot show (``χ`` -> ``chi``)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    data = text.encode(encoding, errors="safecore-fallback")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(data)
        buffer.flush()
    else:
        stream.write(data.decode(encoding, errors="replace"))


def _int_option(text: str, option: str) -> int:
    try:
        return int(text.replace("_", ""))
    except ValueError:
        msg = f"{option} must be a whole number: {text!r}"
        raise InputValueError(msg) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``safecore`` command; return the exit status.

    Exit status: 0 on success, 1 when the input is refused (a one-line
    message says what, where and what was expected), 2 on a usage error or
    an internal error (rerun with ``--debug``, accepted anywhere on the
    line, for the traceback).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``safecore`` (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status.

    Examples
    --------
    ``--version`` prints the version and exits, as argparse does:

    >>> from safecore.cli import main
    >>> try:  # doctest: +ELLIPSIS
    ...     main(["--version"])
    ... except SystemExit as stop:
    ...     print("exit status", stop.code)
    safecore ...
    exit status 0

    Auditing a report's declarations (see
    [`read_declarations`][safecore.audit.reader.read_declarations]): 12 of 37
    families is 32%, as printed:

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pilot.toml"
    >>> _ = path.write_text('''
    ... [[figures]]
    ... name = "families"
    ... where = "Text"
    ... published = 37
    ... [[figures]]
    ... name = "engaged"
    ... where = "Text"
    ... published = 12
    ... [[figures]]
    ... name = "% engaged"
    ... where = "Text"
    ... published = "32%"
    ... [[relations]]
    ... kind = "percent"
    ... published = "% engaged"
    ... operands = ["engaged", "families"]
    ... ''', encoding="utf-8")
    >>> main(["audit", str(path)])
    0 findings in 1 check: 0 errors, 0 warnings, 0 notes
    0

    Printed as 35%, the figure is an error; ``--fail-on error`` makes that
    exit status 1 (the findings are still written, here to a file):

    >>> _ = path.write_text(path.read_text(encoding="utf-8").replace("32%", "35%"), encoding="utf-8")
    >>> findings = path.with_suffix(".json")
    >>> main(["audit", str(path), "--fail-on", "error", "-o", str(findings)])
    1
    >>> import json
    >>> [f["recomputed"] for f in json.loads(findings.read_text(encoding="utf-8"))["findings"]]
    [32]
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    args_list = [a for a in args_list if a != "--debug"]
    parser = _parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 0
    if getattr(args, "format", "") is None:
        suffix = os.path.splitext(args.output or "")[1].lower()
        args.format = _SUFFIX_FORMATS.get(suffix, "text")
    try:
        out = args.func(args)
        _emit(out, args)
    except SafecoreError as exc:
        if debug:
            raise
        _write(sys.stderr, f"safecore: error: {clean_text(str(exc))}\n")
        return 1
    except BrokenPipeError:  # e.g. `safecore report | head`
        return 0
    except KeyboardInterrupt:
        _write(sys.stderr, "safecore: interrupted\n")
        return 130
    except Exception as exc:
        if debug:
            raise
        _write(
            sys.stderr,
            f"safecore: internal error: {type(exc).__name__}: {clean_text(str(exc))}; "
            "rerun with --debug for the traceback\n",
        )
        return 2
    return 0
