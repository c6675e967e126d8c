"""The `kg1571` command line: the only place that prints or chooses an exit code.

Exit codes: 0 success; 1 the graph does not conform to the SHACL shapes, or `build --check` found stale
exports; 2 bad input (curation, vocabulary, source, query or arguments).
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from graph import __version__
from graph.errors import Kg1571Error
from graph.namespaces import DEFAULT_BASE_IRI


def _project(args: argparse.Namespace):
    import gc

    from graph.pipeline import load_project

    # A build allocates millions of long-lived, acyclic objects (rdflib terms and indexes); the cyclic
    # collector would traverse them again and again for nothing. Peak memory is unchanged (measured at
    # 3k concepts), wall time drops by about a quarter. The process ends when the command does.
    gc.disable()
    return load_project(args.root, base_iri=args.base_iri)


def cmd_build(args: argparse.Namespace) -> int:
    """Build every export from the curation (validated with SHACL first).

    Example:
      kg1571 build                 # writes exports/
      kg1571 build --out /tmp/x    # writes elsewhere
      kg1571 build --check         # exit 1 if the committed exports are stale
    """
    from graph.export import check_exports, write_exports
    from graph.pipeline import build_and_render

    project = _project(args)
    graph, outputs = build_and_render(project)
    out_dir = args.out if args.out is not None else args.root / "exports"
    if args.check:
        check_exports(outputs, out_dir)
        print(f"exports in {out_dir} are fresh ({len(outputs)} files)")
        return 0
    for path in write_exports(outputs, out_dir):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print(f"{len(project.curation.concepts)} concepts, {len(project.curation.relations)} relations, "
          f"{len(graph):,} triples; SHACL conforms")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check the curation and SHACL-validate the graph, writing nothing.

    Example:
      kg1571 validate && echo ok
    """
    from graph.pipeline import build_graph, check_project

    project = _project(args)
    graph = build_graph(project)
    result = check_project(project, graph)
    if not result.conforms:
        print(result.text, file=sys.stderr)
        print("Error: the graph does not conform to ontology/shapes.ttl", file=sys.stderr)
        return 1
    print(f"ok: {len(project.curation.concepts)} concepts, {len(project.curation.relations)} relations, "
          f"{len(graph):,} triples; every quote located; SHACL conforms")
    return 0


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned plain-text table that stays aligned with Chinese text."""
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    from graph.results import display_width

    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_stats(args: argparse.Namespace) -> int:
    """Print counts per class and per relation, the most connected concepts and the connected components.

    Example:
      kg1571 stats
    """
    from graph.stats import compute_stats

    stats = compute_stats(_project(args), top=args.top)
    print(f"{stats.concepts} concepts, {stats.relations} relations, {stats.evidence} evidence quotes\n")
    print(format_table(["class", "concepts"], list(stats.per_class.items())), end="\n\n")
    print(format_table(["relation", "count"], list(stats.per_relation.items())), end="\n\n")
    print(format_table(["id", "label", "degree"], stats.top_degree), end="\n\n")
    sizes = ", ".join(map(str, stats.components))
    print(f"{len(stats.components)} connected component(s); sizes: {sizes}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand's help is its function's docstring."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=None,
                        help="project folder holding ontology/ and source/ (default: the current folder if it "
                             "has them, else the installed project)")
    common.add_argument("--base-iri", default=DEFAULT_BASE_IRI,
                        help=f"base IRI of generated resources (default {DEFAULT_BASE_IRI})")
    parser = argparse.ArgumentParser(
        prog="kg1571",
        description="Build, validate, query and explore the knowledge graph of the “1571” work plan.",
        epilog="Exit codes: 0 ok; 1 SHACL does not conform or exports are stale; 2 bad input.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg1571 {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func, **kwargs) -> argparse.ArgumentParser:
        doc = inspect.cleandoc(func.__doc__ or "")
        sub = commands.add_parser(name, parents=[common], help=doc.strip().splitlines()[0],
                                  description=doc, formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs)
        sub.set_defaults(func=func)
        return sub

    build = add("build", cmd_build)
    build.add_argument("--out", type=Path, default=None, help="output folder (default: exports/)")
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if the exports differ")
    add("validate", cmd_validate)
    stats = add("stats", cmd_stats)
    stats.add_argument("--top", type=int, default=10, help="how many most-connected concepts to show")
    # Commands from other modules register here (each module's register(commands, common)).
    for register in _extra_commands():
        register(commands, common)
    return parser


def _extra_commands():
    """Registration functions of the SPARQL/store commands, imported lazily so `--help` stays fast."""
    try:
        from graph.cli_sparql import register
    except ImportError:
        return []
    return [register]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "root", "unset") is None:
        from graph.pipeline import default_root

        args.root = default_root()
    timings_path = os.environ.get("KG1571_TIMINGS")
    if timings_path:  # for benchmarks/run.py: stage timings as JSON
        from graph import timing

        timing.enable()
    try:
        return int(args.func(args))
    except Kg1571Error as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if timings_path:
            import json

            from graph import timing

            Path(timings_path).write_text(json.dumps(timing.records()), encoding="utf-8")
