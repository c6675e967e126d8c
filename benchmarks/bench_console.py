"""Benchmark: what the SPARQL console costs the explorer, in headless Chromium, side by side in one run.

For each of ``--runs`` rounds, interleaved (so machine noise hits both alike):
- the first drawn frame of exports/kg1571.html and of the same page with the console taken out (built here,
  for this benchmark only: the console's script and its data blocks removed);
- on the full page, the console ready after first opening (editor made and store loaded: from the click to
  the first answer), and every named query run twice, the second (warm) time taken; the round's figure is
  the slowest query.
Prints medians (min-max) and the budget of issue 15: first frame within 1.1x, ready <= 500 ms, queries
<= 50 ms warm. Usage: .venv/bin/python benchmarks/bench_console.py [--runs 9] [--page exports/kg1571.html]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
CONSOLE_BLOCKS = ("kg-console", "kg-turtle", "kg-oxigraph-js", "kg-oxigraph-wasm", "kg-codemirror-js", "kg-notices")


def without_console(html: str) -> str:
    """The page minus the console: its script (the one that starts with the console's comment) and its data."""
    removed = 0
    for block in CONSOLE_BLOCKS:
        html, n = re.subn(rf'<script type="[^"]+" id="{block}">.*?</script>\n?', "", html, count=1, flags=re.S)
        removed += n
    if removed < 4:  # an older page (--baseline) has four of them, this one six
        raise SystemExit(f"the page has only {removed} of the console's data blocks: update CONSOLE_BLOCKS")
    html, n = re.subn(r"<script>// The SPARQL console: .*?</script>\n?", "", html, count=1, flags=re.S)
    if n != 1:
        raise SystemExit("the page has no console script: update without_console")
    return html


def first_frame(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("window.kg && window.kg.firstFrameMs", timeout=120_000)
    ms = page.evaluate("window.kg.firstFrameMs")
    page.close()
    return ms


CONSOLE_ROUND = """async () => {
  const t0 = performance.now();
  document.getElementById('console-toggle').click();
  await window.kg.sparql('ASK {}');
  const ready = performance.now() - t0;
  let slowest = 0, name = '';
  for (const q of window.kg.sparqlQueries()) {
    await window.kg.sparql(q.text);
    const t = performance.now();
    await window.kg.sparql(q.text);
    const ms = performance.now() - t;
    if (ms > slowest) { slowest = ms; name = q.name; }
  }
  return {ready, slowest, name};
}"""


def console_round(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_function("window.kg && window.kg.firstFrameMs", timeout=120_000)
    page.wait_for_timeout(300)  # let the explorer settle, as a reader would before opening the console
    out = page.evaluate(CONSOLE_ROUND)
    page.close()
    return out


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--page", type=Path, default=ROOT / "exports" / "kg1571.html")
    parser.add_argument("--baseline", type=Path, help="an older page (e.g. from git show) measured alongside")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "kg1571-no-console.html"
        bare.write_text(without_console(args.page.read_text(encoding="utf-8")), encoding="utf-8")
        full_ms, bare_ms, ready, slowest, names, base_ms, base_ready = [], [], [], [], [], [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            first_frame(browser, args.page), first_frame(browser, bare)  # warm the browser's caches alike
            for i in range(args.runs):
                pair = [(args.page, full_ms), (bare, bare_ms)] + ([(args.baseline, base_ms)] if args.baseline else [])
                for path, into in pair if i % 2 == 0 else reversed(pair):
                    into.append(first_frame(browser, path))
                if args.baseline:
                    base_ready.append(console_round(browser, args.baseline)["ready"])
                r = console_round(browser, args.page)
                ready.append(r["ready"])
                slowest.append(r["slowest"])
                names.append(r["name"])
                print(
                    f"  round {i + 1}: first frame {full_ms[-1]:.0f} / {bare_ms[-1]:.0f} ms, ready {r['ready']:.0f} ms,"
                    f" slowest query {r['slowest']:.1f} ms ({r['name']})",
                    flush=True,
                )
            browser.close()
        ratio = statistics.median(full_ms) / statistics.median(bare_ms)
        ratios = [f / b for f, b in zip(full_ms, bare_ms, strict=True)]
        mib = 2**20
        print(f"\nSPARQL console cost, {args.runs} interleaved rounds, medians (min-max), headless Chromium 1400x900")
        print("| measure | value | budget |\n| --- | --- | --- |")
        print(f"| first frame, page with console (ms) | {summary(full_ms)} | |")
        print(f"| first frame, page without console (ms) | {summary(bare_ms)} | |")
        if args.baseline:
            print(f"| first frame, baseline {args.baseline.name} (ms) | {summary(base_ms)} | |")
        print(
            f"| ratio of medians (per-round ratios: median {statistics.median(ratios):.2f}) | {ratio:.2f}x | <= 1.10x |"
        )
        print(f"| console ready after first opening (ms) | {summary(ready)} | <= 500 |")
        if args.baseline:
            print(f"| console ready, baseline (ms) | {summary(base_ready)} | |")
        print(f"| slowest named query, warm (ms) | {summary(slowest)} ({max(set(names), key=names.count)}) | <= 50 |")
        sizes = f"{args.page.stat().st_size / mib:.2f} / {bare.stat().st_size / mib:.2f}"
        print(f"| page size with / without console (MiB) | {sizes} | |")


if __name__ == "__main__":
    main()
