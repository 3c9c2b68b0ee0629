"""The ``safecore`` command: parses arguments, calls the library, formats.

``safecore report`` prints the case-note comparison of the embedded SafeCORE
2020 data (Tables 2–5 recomputed, with the chi-square tests of Tables 3 and 5).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from safecore._errors import SafecoreError, SafecoreWarning

__all__ = ["main"]


def _report(args: argparse.Namespace) -> str:
    from safecore.datasets import safecore_2020  # noqa: PLC0415
    from safecore.engagement import chi_square  # noqa: PLC0415

    data = safecore_2020()
    parts = [f"SafeCORE evaluation (2020): case-note analysis\n{data.citation}\n"]
    for number, title in (
        (2, "Table 2: goal types by attainment"),
        (3, "Table 3: goal attainment by engagement"),
        (4, "Table 4: problem types by change"),
        (5, "Table 5: problem change by engagement"),
    ):
        t = data.tables[number].tally()
        parts.append(f"{title} ({t.total} records, {t.missing} with no status)\n{t}")
        if number in (3, 5):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SafecoreWarning)
                res = chi_square(t)
            published = data.tables[number].extra
            parts.append(
                f"  recomputed: {res.summary()}\n"
                f"  published:  χ² = {published['statistic']}, p {published['pvalue']}"
            )
        parts.append("")
    return "\n".join(parts)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safecore",
        description="Evaluate family-support programmes; reproduce the SafeCORE 2020 report.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("report", help="recompute the report's tables from the embedded data")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``safecore`` command; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    command = args.command or "report"
    try:
        if command == "report":
            sys.stdout.write(_report(args))
    except (SafecoreError, OSError) as exc:
        if args.debug:
            raise
        sys.stderr.write(f"safecore: error: {exc}\n")
        return 1
    return 0
