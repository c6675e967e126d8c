#!/usr/bin/env python3
"""Regenerate the parts of README.md and docs/ that are derived from the code, between their markers:

  <!-- named-queries:start --> ... <!-- named-queries:end -->   the named-query table, from the .rq headers

Usage: .venv/bin/python scripts/update-docs.py [--check]   (--check: exit 1 if a file would change)
tests/test_docs.py runs the check, so the tables cannot drift from `kg1571 query --list`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kg1571.sparql import library

ROOT = Path(__file__).resolve().parents[1]
FILES = (ROOT / "README.md", ROOT / "docs" / "sparql-and-stores.md")
BLOCK = re.compile(r"(<!-- named-queries:start -->\n).*?(<!-- named-queries:end -->)", re.S)


def named_query_table() -> str:
    """The markdown table of every named query: name, its parameters, and its question in zh and en."""
    lines = ["| name | question |", "| --- | --- |"]
    for query in library.all_queries():
        params = ", ".join(f"`{p.name}`" for p in query.parameters)
        name = f"`{query.name}`" + (f" ({params})" if params else "")
        lines.append(f"| {name} | {query.question_zh} {query.question_en} |")
    return "\n".join(lines) + "\n"


def updated(text: str) -> str:
    """``text`` with every generated block regenerated."""
    return BLOCK.sub(lambda m: m.group(1) + named_query_table() + m.group(2), text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        if not BLOCK.search(text):
            print(f"{path}: no <!-- named-queries:start --> block", file=sys.stderr)
            return 1
        new = updated(text)
        if new != text:
            stale.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print("stale (run scripts/update-docs.py): " + ", ".join(str(p) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
