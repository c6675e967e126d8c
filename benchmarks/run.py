"""kg1571 benchmarks: one command reproduces every figure in BENCHMARKS.md.

Usage: .venv/bin/python benchmarks/run.py [--runs 7] [--sizes 1000,10000,50000] [--skip-html] [--quick]

1. cold build of the real graph (new process per run) side by side with benchmarks/baseline.py
2. scale: the same build on synthetic curations (benchmarks/synthetic.py)
3. each named SPARQL query in-process, warm, pyoxigraph and rdflib side by side
4. HTML first drawn frame in headless Chromium, real graph and synthetic 1k/10k nodes

Medians and spreads (min-max) of runs interleaved with the baseline, so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
KG1571 = [PY, "-m", "kg1571"]
sys.path.insert(0, str(ROOT / "benchmarks"))


def run_measured(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process, from wait4's own rusage."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?"
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {int(mem) // 1024 // 1024} GiB RAM; {platform.platform()}; "
        f"Python {platform.python_version()}"
    )


def bench_cold_build(runs: int, out: Path) -> dict:
    """Our full build vs the baseline, interleaved run by run."""
    ours, base, ours_mem, base_mem, stages = [], [], [], [], {}
    for i in range(runs):
        timings = out / f"timings-{i}.json"
        wall, mem = run_measured(
            [*KG1571, "build", "--root", str(ROOT), "--out", str(out / "ours")], env={"KG1571_TIMINGS": str(timings)}
        )
        ours.append(wall)
        ours_mem.append(mem)
        recorded = json.loads(timings.read_text())
        for name, seconds in recorded:
            stages.setdefault(name, []).append(seconds)
        stages.setdefault("startup + imports + CLI", []).append(wall - sum(s for _, s in recorded))
        wall, mem = run_measured(
            [PY, str(ROOT / "benchmarks" / "baseline.py"), str(ROOT / "exports" / "kg1571.ttl"), str(out / "baseline")]
        )
        base.append(wall)
        base_mem.append(mem)
    return {"ours": ours, "baseline": base, "ours_mem": ours_mem, "baseline_mem": base_mem, "stages": stages}


def bench_scale(sizes: list[int], out: Path) -> list[dict]:
    from synthetic import generate

    rows = []
    for n in sizes:
        project = generate(n, out / f"synthetic-{n}")
        timings = out / f"timings-{n}.json"
        wall, mem = run_measured(
            [*KG1571, "build", "--root", str(project), "--out", str(out / f"out-{n}")],
            env={"KG1571_TIMINGS": str(timings)},
        )
        rows.append({"concepts": n, "wall": wall, "mem": mem, "stages": json.loads(timings.read_text())})
        print(f"  {n:>6} concepts: {wall:7.2f} s, {mem:7.0f} MiB, {wall / n * 1000:.3f} ms/concept", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--skip-html", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    report: list[str] = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}.",
        "",
        f"Command: `.venv/bin/python benchmarks/run.py --runs {args.runs} --sizes {args.sizes}`"
        f"{' --skip-html' if args.skip_html else ''}",
        "",
    ]
    history = (ROOT / "benchmarks" / "before-after.md").read_text(encoding="utf-8")

    def save() -> None:  # after every part, so a long run interrupted late still leaves its figures
        args.output.write_text("\n".join(report) + "\n\n" + history, encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="kg1571-bench-") as tmp:
        out = Path(tmp)
        print("1. cold build vs baseline", flush=True)
        cold = bench_cold_build(args.runs, out)
        ratio = statistics.median(cold["ours"]) / statistics.median(cold["baseline"])
        report += [
            "## 1. Cold build of the real graph",
            "",
            f"{args.runs} runs each, interleaved, new process per run (imports included). "
            "Seconds: median (min-max); peak RSS in MiB: median.",
            "",
            "| command | wall s | peak MiB |",
            "| --- | --- | --- |",
            f"| `kg1571 build` (all exports, SHACL, evidence) | {spread(cold['ours'])} | "
            f"{statistics.median(cold['ours_mem']):.0f} |",
            f"| `benchmarks/baseline.py` (rdflib parse, Turtle, JSON-LD, networkx, pyvis in_line) | "
            f"{spread(cold['baseline'])} | {statistics.median(cold['baseline_mem']):.0f} |",
            "",
            f"Ratio ours / baseline (medians): **{ratio:.2f}**",
            "",
            "Per stage of `kg1571 build` (median seconds):",
            "",
            "| stage | s |",
            "| --- | --- |",
        ]
        report += [f"| {name} | {statistics.median(values):.3f} |" for name, values in cold["stages"].items()]
        print(f"   ours {spread(cold['ours'])} s, baseline {spread(cold['baseline'])} s, ratio {ratio:.2f}")
        save()

        if sizes:
            print("2. scale", flush=True)
            rows = bench_scale(sizes, out)
            report += [
                "",
                "## 2. Scale (synthetic curations)",
                "",
                "| concepts | wall s | peak MiB | ms per concept |",
                "| --- | --- | --- | --- |",
            ]
            report += [
                f"| {r['concepts']:,} | {r['wall']:.2f} | {r['mem']:.0f} | {r['wall'] / r['concepts'] * 1000:.3f} |"
                for r in rows
            ]
            first, last = rows[0], rows[-1]
            growth = (last["wall"] / last["concepts"]) / (first["wall"] / first["concepts"])
            report += [
                "",
                f"Cost per concept at {last['concepts']:,} / at {first['concepts']:,}: **{growth:.2f}x**",
                "",
                "Per stage (seconds; the SHACL child runs beside the exports, `shacl (wait)` is what "
                "the build still waits for it after they are done):",
                "",
                "| stage | " + " | ".join(f"{r['concepts']:,}" for r in rows) + " |",
                "| --- |" + " --- |" * len(rows),
            ]
            names = [name for name, _ in rows[-1]["stages"]]
            for name in names:
                cells = [next((f"{sec:.2f}" for n, sec in r["stages"] if n == name), "") for r in rows]
                report.append(f"| {name} | " + " | ".join(cells) + " |")
            save()

        try:
            from bench_queries import bench_queries  # noqa: PLC0415 (optional part, own module)
        except ImportError:
            bench_queries = None
        if bench_queries is not None and not args.skip_queries:
            print("3. queries", flush=True)
            report += ["", *bench_queries()]
            save()
        if not args.skip_html:
            try:
                from bench_html import bench_html  # noqa: PLC0415
            except ImportError:
                bench_html = None
            if bench_html is not None:
                print("4. html", flush=True)
                report += ["", *bench_html(out)]
    save()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
