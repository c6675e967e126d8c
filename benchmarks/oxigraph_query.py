"""The query baseline: a minimal pyoxigraph script that loads the Turtle and runs a named query's text.

Usage: python benchmarks/oxigraph_query.py [QUERY.rq] (default: graph/sparql/queries/key-tasks.rq)
"""

import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
store = ox.Store()
store.load(path=str(ROOT / "exports" / "kg1571.ttl"), format=ox.RdfFormat.TURTLE)
query = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "graph" / "sparql" / "queries" / "key-tasks.rq"
for row in store.query(query.read_text(encoding="utf-8")):
    print(*row)
