"""kg1571 benchmarks: one command reproduces every figure in BENCHMARKS.md.

Usage: .venv/bin/python benchmarks/run.py [--runs 7] [--sizes 1000,10000,50000] [--shacl-up-to 10000]
                                          [--skip-queries] [--skip-html]

1. the real graph, cold (a new process per run), every command of a round in turn and rounds interleaved:
   `kg1571 build` (fast shape checks, the default), `kg1571 build --shacl` (pySHACL too), the
   hand-written baseline (benchmarks/baseline.py), `kg1571 validate`, `kg1571 query --name key-tasks`
   and a minimal pyoxigraph script running the same query (benchmarks/oxigraph_query.py)
2. scale: dense synthetic curations (benchmarks/synthetic.py --dense, ~105 triples per concept):
   `kg1571 build --shacl` (with pySHACL), `kg1571 build` (the default: fast shape checks), and pyoxigraph
   alone reading the N-Triples and writing Turtle, sorted
   N-Triples and JSON-LD (benchmarks/oxigraph_alone.py); cost per concept; seconds and peak memory per stage
3. each named SPARQL query in-process, warm, pyoxigraph and rdflib side by side
4. HTML first drawn frame in headless Chromium, real graph and synthetic 1k/10k nodes

Medians and spreads (min-max) of runs interleaved, so machine noise hits every command alike. Peak memory
is wait4's ru_maxrss: the largest process of the command (the forked pySHACL child included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
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


#: Issue #12's targets, as (what, limit): ratios of medians measured in the same run.
TARGETS = {
    "build": 0.35,  # cold `kg1571 build` / benchmarks/baseline.py
    "validate": 0.2,  # cold `kg1571 validate` / benchmarks/baseline.py
    "query": 1.5,  # cold `kg1571 query --name key-tasks` / benchmarks/oxigraph_query.py
    "scale": 4.0,  # full build / pyoxigraph alone, 10k dense concepts
    "scale memory MiB": 1024,
    "per concept": 1.2,  # cost per concept at the largest size / at the smallest
}


def read_stages(path: Path) -> list[tuple[str, float, float]]:
    """(stage, seconds, peak MiB so far) as kg1571.timing records them."""
    return [(name, seconds, peak) for name, seconds, peak in json.loads(path.read_text())]


def real_graph_commands(out: Path) -> dict[str, list[str]]:
    baseline = [
        PY,
        str(ROOT / "benchmarks" / "baseline.py"),
        str(ROOT / "exports" / "kg1571.ttl"),
        str(out / "baseline"),
    ]
    return {
        "kg1571 build": [*KG1571, "build", "--root", str(ROOT), "--out", str(out / "ours")],
        "kg1571 build --shacl": [*KG1571, "build", "--shacl", "--root", str(ROOT), "--out", str(out / "shacl")],
        "baseline.py": baseline,
        "kg1571 validate": [*KG1571, "validate", "--root", str(ROOT)],
        "kg1571 query --name key-tasks": [*KG1571, "query", "--root", str(ROOT), "--name", "key-tasks"],
        "oxigraph_query.py": [PY, str(ROOT / "benchmarks" / "oxigraph_query.py")],
    }


def bench_real_graph(runs: int, out: Path) -> dict:
    """Every command of real_graph_commands once per round, in turn; ``runs`` rounds."""
    commands = real_graph_commands(out)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    stages: dict[str, dict[str, list[float]]] = {"kg1571 build": {}, "kg1571 build --shacl": {}}
    for i in range(runs):
        for name, cmd in commands.items():
            env = None
            if name in stages:
                timings = out / f"timings-{i}-{len(name)}.json"
                env = {"KG1571_TIMINGS": str(timings)}
            wall, mem = run_measured(cmd, env=env)
            walls[name].append(wall)
            peaks[name].append(mem)
            if name in stages:
                recorded = read_stages(timings)
                for stage, seconds, _peak in recorded:
                    stages[name].setdefault(stage, []).append(seconds)
                stages[name].setdefault("start-up, imports, CLI, teardown", []).append(
                    wall - sum(seconds for _, seconds, _ in recorded)
                )
        print(f"   round {i + 1}/{runs}", flush=True)
    return {"walls": walls, "peaks": peaks, "stages": stages}


def bench_scale(sizes: list[int], shacl_up_to: int, out: Path) -> list[dict]:
    """Per size: the full build (up to ``shacl_up_to`` concepts: pySHACL needs minutes and GiBs beyond),
    `kg1571 build` (the default, without pySHACL), and pyoxigraph alone on the N-Triples that build wrote."""
    from synthetic import generate

    rows = []
    for n in sizes:
        project = generate(n, out / f"synthetic-{n}", dense=True)
        row: dict = {"concepts": n}
        if n <= shacl_up_to:
            timings = out / f"timings-full-{n}.json"
            row["full"] = run_measured(
                [*KG1571, "build", "--shacl", "--root", str(project), "--out", str(out / f"full-{n}")],
                env={"KG1571_TIMINGS": str(timings)},
            )
            row["full stages"] = read_stages(timings)
        timings = out / f"timings-{n}.json"
        row["no shacl"] = run_measured(
            [*KG1571, "build", "--root", str(project), "--out", str(out / f"out-{n}")],
            env={"KG1571_TIMINGS": str(timings)},
        )
        row["stages"] = read_stages(timings)
        nt = out / f"out-{n}" / "kg1571.nt"
        row["triples"] = sum(1 for _ in nt.open("rb"))
        row["alone"] = run_measured(
            [PY, str(ROOT / "benchmarks" / "oxigraph_alone.py"), str(nt), str(out / f"alone-{n}")]
        )
        rows.append(row)
        full = f"full {row['full'][0]:.2f} s {row['full'][1]:.0f} MiB, " if "full" in row else ""
        print(
            f"  {n:>6} concepts, {row['triples']:,} triples: {full}build {row['no shacl'][0]:.2f} s "
            f"{row['no shacl'][1]:.0f} MiB, pyoxigraph alone {row['alone'][0]:.2f} s",
            flush=True,
        )
        for folder in (f"full-{n}", f"out-{n}", f"alone-{n}", f"synthetic-{n}"):
            shutil.rmtree(out / folder, ignore_errors=True)
    return rows


def verdict(value: float, limit: float) -> str:
    return "met" if value <= limit else "not met"


def real_graph_report(result: dict, runs: int) -> list[str]:
    walls, peaks = result["walls"], result["peaks"]
    med = {name: statistics.median(values) for name, values in walls.items()}
    build = med["kg1571 build"] / med["baseline.py"]
    with_shacl = med["kg1571 build --shacl"] / med["baseline.py"]
    validate = med["kg1571 validate"] / med["baseline.py"]
    query = med["kg1571 query --name key-tasks"] / med["oxigraph_query.py"]
    lines = [
        "## 1. The real graph, cold commands side by side",
        "",
        f"{runs} rounds; each round runs every command once, in turn, in a new process (imports included). "
        "Seconds: median (min-max); peak RSS in MiB: median.",
        "",
        "| command | wall s | peak MiB |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{name}` | {spread(walls[name])} | {statistics.median(peaks[name]):.0f} |" for name in walls]
    lines += [
        "",
        "| ratio (medians, same run) | value | target |",
        "| --- | --- | --- |",
        f"| `kg1571 build` / baseline | **{build:.2f}** | <= {TARGETS['build']} ({verdict(build, TARGETS['build'])}) |",
        f"| `kg1571 build --shacl` (pySHACL too) / baseline | **{with_shacl:.2f}** | (target: the default build) |",
        f"| `kg1571 validate` / baseline | **{validate:.2f}** | <= {TARGETS['validate']} "
        f"({verdict(validate, TARGETS['validate'])}) |",
        f"| `kg1571 query --name key-tasks` / oxigraph_query.py | **{query:.2f}** | <= {TARGETS['query']} "
        f"({verdict(query, TARGETS['query'])}) |",
        "",
        "Per stage (median seconds; with `--shacl` the pySHACL child runs beside the exports: `shacl (wait)` is "
        "what the build still waits for once they are written):",
        "",
        "| stage | `kg1571 build` | `kg1571 build --shacl` |",
        "| --- | --- | --- |",
    ]
    full, lean = result["stages"]["kg1571 build"], result["stages"]["kg1571 build --shacl"]
    for stage in [*full, *(s for s in lean if s not in full)]:
        cells = [f"{statistics.median(d[stage]):.3f}" if stage in d else "" for d in (full, lean)]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    print(f"   build {build:.2f}x (with --shacl {with_shacl:.2f}x), validate {validate:.2f}x, query {query:.2f}x")
    return lines


def scale_report(rows: list[dict]) -> list[str]:
    lines = [
        "",
        "## 2. Scale: dense synthetic curations",
        "",
        "`benchmarks/synthetic.py --dense`: about 3 relations and 2 quotes per concept. One run per size. "
        "'pyoxigraph alone' reads the N-Triples the build wrote and writes Turtle, sorted N-Triples and "
        "JSON-LD (benchmarks/oxigraph_alone.py), cold, as the builds are.",
        "",
        "| concepts | triples | `build --shacl` s | `--shacl` MiB | `build` s | `build` MiB | "
        "pyoxigraph alone s | `--shacl` / alone | `build` / alone | ms per concept (`build`) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        full_s, full_mem = r.get("full", (None, None))
        lean_s, lean_mem = r["no shacl"]
        alone_s = r["alone"][0]
        lines.append(
            f"| {r['concepts']:,} | {r['triples']:,} | {f'{full_s:.2f}' if full_s else '-'} | "
            f"{f'{full_mem:.0f}' if full_mem else '-'} | {lean_s:.2f} | {lean_mem:.0f} | {alone_s:.2f} | "
            f"{f'{full_s / alone_s:.2f}' if full_s else '-'} | {lean_s / alone_s:.2f} | "
            f"{lean_s / r['concepts'] * 1000:.3f} |"
        )
    first, last = rows[0], rows[-1]
    growth = (last["no shacl"][0] / last["concepts"]) / (first["no shacl"][0] / first["concepts"])
    ten = next((r for r in rows if r["concepts"] == 10_000), None)
    lines += [
        "",
        f"Cost per concept at {last['concepts']:,} / at {first['concepts']:,} (`kg1571 build`): "
        f"**{growth:.2f}x** (target <= {TARGETS['per concept']}: {verdict(growth, TARGETS['per concept'])}).",
    ]
    if ten is not None:
        lean = ten["no shacl"][0] / ten["alone"][0]
        lines.append(
            f"At 10,000 concepts: `kg1571 build` **{lean:.2f}x** pyoxigraph alone, {ten['no shacl'][1]:.0f} MiB "
            f"(targets <= {TARGETS['scale']}x: {verdict(lean, TARGETS['scale'])}; <= 1 GiB: "
            f"{verdict(ten['no shacl'][1], TARGETS['scale memory MiB'])})"
            + (
                f"; with pySHACL **{ten['full'][0] / ten['alone'][0]:.2f}x**, {ten['full'][1]:.0f} MiB."
                if "full" in ten
                else "."
            )
        )
    lines += [
        "",
        "Per stage of `kg1571 build` (the default, without pySHACL): seconds, and the process's peak RSS in MiB "
        "at the end of the stage (kg1571.timing):",
        "",
        *stage_table(rows, "stages"),
    ]
    with_shacl = [r for r in rows if "full stages" in r]
    if with_shacl:
        lines += [
            "",
            "Per stage of the full build (with the pySHACL child; its memory is not in the parent's peak):",
            "",
            *stage_table(with_shacl, "full stages"),
        ]
    return lines


def stage_table(rows: list[dict], key: str) -> list[str]:
    """Markdown rows: each stage of ``row[key]`` (name, seconds, MiB) with its seconds and MiB per size."""
    lines = [
        "| stage | " + " | ".join(f"{r['concepts']:,} s | MiB" for r in rows) + " |",
        "| --- |" + " --- | --- |" * len(rows),
    ]
    for stage in [name for name, _, _ in rows[-1][key]]:
        cells = []
        for r in rows:
            found = next(((sec, mem) for name, sec, mem in r[key] if name == stage), None)
            cells += [f"{found[0]:.2f}", f"{found[1]:.0f}"] if found else ["", ""]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--shacl-up-to", type=int, default=10000, help="largest size also built with pySHACL")
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
        f"Command: `.venv/bin/python benchmarks/run.py --runs {args.runs} --sizes {args.sizes} "
        f"--shacl-up-to {args.shacl_up_to}"
        f"{' --skip-queries' if args.skip_queries else ''}{' --skip-html' if args.skip_html else ''}`",
        "",
    ]
    before = (ROOT / "benchmarks" / "before-issue-12.md").read_text(encoding="utf-8")
    history = (ROOT / "benchmarks" / "before-after.md").read_text(encoding="utf-8")

    def save() -> None:  # after every part, so a long run interrupted late still leaves its figures
        args.output.write_text("\n".join(report) + "\n\n" + before + "\n" + history, encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="kg1571-bench-") as tmp:
        out = Path(tmp)
        print("1. the real graph, cold commands side by side", flush=True)
        report += real_graph_report(bench_real_graph(args.runs, out), args.runs)
        save()

        if sizes:
            print("2. scale (dense synthetic curations)", flush=True)
            report += scale_report(bench_scale(sizes, args.shacl_up_to, out))
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
