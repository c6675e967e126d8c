"""Benchmark 4: navigation to the first drawn frame of the network in headless Chromium.

The explorer records `performance.now()` at vis-network's first `afterDrawing` event in
`window.kg.firstFrameMs` (milliseconds since navigation start).
"""

from __future__ import annotations

import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def first_frame_ms(browser, page_path: Path, runs: int) -> tuple[float, float]:
    """Median first-frame time over ``runs`` fresh pages, and the median time until the page answers
    a script call after that (a frozen tab would not)."""
    frames, responsive = [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_function("window.kg && window.kg.firstFrameMs", timeout=120_000)
        frames.append(page.evaluate("window.kg.firstFrameMs"))
        responsive.append(
            page.evaluate("""() => new Promise(done => {
            const start = performance.now();
            requestAnimationFrame(() => done(performance.now() - start)); })""")
        )
        page.close()
    return statistics.median(frames), statistics.median(responsive)


def bench_html(out: Path, sizes: tuple[int, ...] = (1000, 10000), runs: int = 5) -> list[str]:
    """Markdown lines: first-frame medians for the real graph and synthetic ones."""
    import sys

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import generate

    from kg1571.explorer.page import render_html
    from kg1571.pipeline import load_project

    real = len(load_project(ROOT).curation.concepts)
    pages = [("real graph (exports/kg1571.html)", ROOT / "exports" / "kg1571.html", real)]
    for n in sizes:
        path = out / f"synthetic-{n}.html"
        path.write_text(render_html(load_project(generate(n, out / f"html-{n}"))), encoding="utf-8")
        pages.append((f"synthetic, {n:,} nodes", path, n))
    lines = [
        "## 4. HTML explorer: first drawn frame, headless Chromium",
        "",
        f"Median of {runs} fresh page loads, 1400x900 viewport; 'next frame' is the time for one more "
        "animation frame right after (a frozen tab would not answer).",
        "",
        "| page | nodes | first frame ms | next frame ms | file MiB |",
        "| --- | --- | --- | --- | --- |",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, path, nodes in pages:
            frame, nxt = first_frame_ms(browser, path, runs)
            lines.append(f"| {name} | {nodes:,} | {frame:.0f} | {nxt:.0f} | {path.stat().st_size / 2**20:.2f} |")
            print(f"   {name}: first frame {frame:.0f} ms", flush=True)
        browser.close()
    return lines
