"""The `kg1571` command line. The cli package is the only place that prints or chooses an exit code.

Each command lives in the module of its group (``build``: build, validate, stats; ``query``: query;
``stores``: load, serve); its function's docstring is its ``--help``, with an ``Example:`` block.
Exit codes are those of :mod:`kg1571.errors`.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from kg1571 import __version__
from kg1571.errors import EXIT_INTERNAL, Kg1571Error
from kg1571.namespaces import DEFAULT_BASE_IRI, check_base_iri

Command = Callable[[argparse.Namespace], int]


def cleandoc(doc: str) -> str:
    """``inspect.cleandoc`` without importing inspect at start-up (about 6 ms): the first line stripped,
    the common indentation of the others removed, blank lines at both ends dropped."""
    import textwrap

    first, _, rest = doc.expandtabs().partition("\n")
    lines = [first.strip(), *textwrap.dedent(rest).splitlines()]
    return "\n".join(line.rstrip() if not line.strip() else line for line in lines).strip("\n")


def add_command(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser, name: str, func: Command
) -> argparse.ArgumentParser:
    """Register ``func`` as subcommand ``name``; its docstring becomes the help."""
    doc = cleandoc(func.__doc__ or "")
    sub = commands.add_parser(
        name,
        parents=[common],
        help=doc.strip().splitlines()[0],
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.set_defaults(func=func)
    return sub


def checked(check: Callable[[str], object]) -> Callable[[str], object]:
    """An argparse ``type`` from a check that raises ValueError: the message becomes argparse's (exit 2)."""

    def convert(value: str) -> object:
        try:
            return check(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = check.__name__
    return convert


def seconds(value: str) -> float:
    """A duration in seconds for --timeout: a number from 0 (0: no limit)."""
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number of seconds, e.g. --timeout 30") from None
    if not number >= 0 or number == float("inf"):
        raise ValueError(f"{value!r}: give a number of seconds from 0 (0: no limit)")
    return number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    from kg1571.cli import build, query, stores

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=None,
        help="project folder holding ontology/ and source/ (default: the current folder if it "
        "has them, else the project installed with kg1571)",
    )
    common.add_argument(
        "--base-iri",
        type=checked(check_base_iri),
        default=DEFAULT_BASE_IRI,
        help=f"base IRI of generated resources (default {DEFAULT_BASE_IRI})",
    )
    common.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    parser = argparse.ArgumentParser(
        prog="kg1571",
        description="Build, validate, query and explore the knowledge graph of the “1571” work plan.",
        epilog="Exit codes: 0 ok; 1 SHACL does not conform, exports are stale, or a store failed; "
        "2 bad input; 70 internal error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg1571 {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in (build, query, stores):
        group.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    timings_path = os.environ.get("KG1571_TIMINGS")
    if timings_path:  # for benchmarks/run.py: stage timings as JSON
        from kg1571 import timing

        timing.enable()
    try:
        return int(args.func(args))
    except Kg1571Error as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line by default, the traceback when asked for
        if args.debug:
            traceback.print_exc()
        print(
            f"Error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for the traceback and report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        if timings_path:
            import json

            from kg1571 import timing

            Path(timings_path).write_text(json.dumps(timing.records()), encoding="utf-8")
