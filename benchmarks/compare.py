"""Cold commands side by side: each run starts every command once, in turn, in a new process.

Usage: python benchmarks/compare.py RUNS NAME=SHELL-COMMAND ...

For example, the start-up figures of benchmarks/before-after.md (the previous commit exported with
``git archive HEAD~1 graph | tar -x -C /tmp/before && ln -s graph /tmp/before/kg1571``):

    python benchmarks/compare.py 7 \
        "query-before=PYTHONPATH=/tmp/before .venv/bin/python -m kg1571 query --name key-tasks" \
        "query-after=.venv/bin/python -m kg1571 query --name key-tasks" \
        "oxigraph=.venv/bin/python benchmarks/oxigraph_query.py"

Prints the median, min and max wall seconds and the median peak RSS of each command.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(runs: int, commands: list[tuple[str, str]]) -> None:
    walls: dict[str, list[float]] = {name: [] for name, _ in commands}
    peaks: dict[str, list[float]] = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            start = time.perf_counter()
            process = subprocess.Popen(command, shell=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S602 - the user's own command lines
            _, status, usage = os.wait4(process.pid, 0)
            walls[name].append(time.perf_counter() - start)
            peaks[name].append(usage.ru_maxrss / 1024)
            if status:
                raise SystemExit(f"{name} failed: {process.stderr.read().decode() if process.stderr else ''}")
    for name, _ in commands:
        values = walls[name]
        print(
            f"{name:24s} median {statistics.median(values):.3f} s  (min {min(values):.3f}, max {max(values):.3f})  "
            f"peak {statistics.median(peaks[name]):.0f} MiB"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]), [tuple(arg.split("=", 1)) for arg in sys.argv[2:]])  # type: ignore[misc]
