"""Wall time of the commands as a user runs them: `safecore report` and `safecore audit`.

Baseline: `python -c "import numpy, scipy.stats"` (the interpreter and the scientific stack
alone). Prints the median of 5 runs of each and the ratio to the baseline. Not a test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

COMMANDS = {
    "baseline: import numpy, scipy.stats": [sys.executable, "-c", "import numpy, scipy.stats"],
    "safecore report": [sys.executable, "-m", "safecore", "report"],
    "safecore audit": [sys.executable, "-m", "safecore", "audit"],
}


def median_seconds(argv: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)  # noqa: S603 - fixed argv above
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    results = {name: median_seconds(argv) for name, argv in COMMANDS.items()}
    base = next(iter(results.values()))
    for name, seconds in results.items():
        print(f"{name:40s} {seconds:6.2f} s  ratio {seconds / base:5.1f}x")


if __name__ == "__main__":
    main()
