"""Explorer pages side by side: the first drawn frame of each page, loaded in turn, round after round.

Usage: python benchmarks/compare_html.py ROUNDS NAME=PAGE.html ...

For example, a change to the explorer against the page of the commit before it:

    git show HEAD~1:exports/kg1571.html > /tmp/before.html
    python benchmarks/compare_html.py 9 before=/tmp/before.html after=exports/kg1571.html

Each round loads every page once in a fresh tab (1400x900, headless Chromium, as benchmarks/bench_html.py), so
machine noise hits all pages alike. Prints the median, min and max first-frame milliseconds of each page and
its ratio to the first page's median.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from bench_html import ARGS, CHROMIUM, first_frame_ms


def main(rounds: int, pages: list[tuple[str, Path]]) -> None:
    from playwright.sync_api import sync_playwright

    frames: dict[str, list[float]] = {name: [] for name, _ in pages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(rounds):
            for name, path in pages:
                frame, _next = first_frame_ms(browser, path.resolve(), 1)
                frames[name].append(frame)
        browser.close()
    first = statistics.median(frames[pages[0][0]])
    for name, path in pages:
        values = frames[name]
        median = statistics.median(values)
        print(
            f"{name:12s} first frame median {median:.0f} ms (min {min(values):.0f}, max {max(values):.0f}; "
            f"{median / first:.2f}x {pages[0][0]}; page {path.stat().st_size / 2**20:.2f} MiB)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]), [(n, Path(p)) for n, p in (arg.split("=", 1) for arg in sys.argv[2:])])
