"""Benchmark 3: each named query in-process, warm, with pyoxigraph (what `kg1571 query` uses) and rdflib."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 10.0


def _warm_median(run, repeats: int, budget_s: float) -> tuple[float, int]:
    run()  # warm-up: parse caches, lazy indexes
    times: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(times) < repeats and (not times or time.perf_counter() < deadline):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(times)


def _rdflib_in_child(graph, text: str, ns: dict, repeats: int, budget_s: float, timeout_s: float) -> str:
    """rdflib's median in a forked child (the graph is inherited, not copied), killed after timeout_s:
    some named queries run for many minutes on rdflib."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        sender.send(_warm_median(lambda: list(graph.query(text, initNs=ns)), repeats, budget_s))

    process = context.Process(target=child, daemon=True)
    process.start()
    if receiver.poll(timeout_s):
        ms, n = receiver.recv()
        process.join()
        return f"{ms:.1f} (n={n})"
    process.kill()
    process.join()
    return f"> {timeout_s * 1000:,.0f} (did not finish)"


def bench_queries(repeats: int = 30, rdflib_budget_s: float = 5.0, rdflib_timeout_s: float = 30.0) -> list[str]:
    """Markdown lines: one row per named query, milliseconds, both engines side by side."""
    from rdflib import Graph

    from kg1571.sparql import library
    from kg1571.sparql.engine import QueryEngine, prefixes

    turtle = ROOT / "exports" / "kg1571.ttl"
    engine = QueryEngine.from_file(turtle)
    graph = Graph().parse(turtle, format="turtle")
    ns = prefixes()
    lines = [
        "## 3. Named SPARQL queries, in-process, warm",
        "",
        f"Median of up to {repeats} warm runs after one warm-up (rdflib: at most {rdflib_budget_s:.0f} s of "
        f"timed runs per query, and stopped after {rdflib_timeout_s:.0f} s in all). Milliseconds.",
        "",
        "| query | pyoxigraph ms | rdflib ms | rdflib / pyoxigraph |",
        "| --- | --- | --- | --- |",
    ]
    worst = 0.0
    for query in library.all_queries():
        text = query.render()
        ox_ms, _ = _warm_median(lambda text=text: engine.run(text), repeats, 5.0)
        rdf = _rdflib_in_child(graph, text, ns, repeats, rdflib_budget_s, rdflib_timeout_s)
        worst = max(worst, ox_ms)
        if rdf.startswith(">"):
            ratio = f"> {rdflib_timeout_s * 1000 / ox_ms:,.0f}x"
        else:
            ratio = f"{float(rdf.split()[0]) / ox_ms:,.0f}x"
        lines.append(f"| `{query.name}` | {ox_ms:.2f} | {rdf} | {ratio} |")
        print(f"   {query.name}: oxigraph {ox_ms:.2f} ms, rdflib {rdf} ms", flush=True)
    verdict = "met" if worst <= TARGET_MS else "NOT met"
    lines += ["", f"Slowest named query with pyoxigraph: {worst:.2f} ms (target ≤ {TARGET_MS:.0f} ms: {verdict})."]
    return lines
