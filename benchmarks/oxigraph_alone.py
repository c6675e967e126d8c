"""The scale reference: what pyoxigraph alone needs to read a graph's N-Triples and write Turtle, sorted
N-Triples and JSON-LD (issue #12: the full build of a 10k-concept project should cost at most 4x this).

Usage: python benchmarks/oxigraph_alone.py NTRIPLES OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox


def main(ntriples: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    triples = list(ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES))
    ox.serialize(triples, str(out / "alone.ttl"), format=ox.RdfFormat.TURTLE)
    lines = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").split(b"\n")
    (out / "alone.nt").write_bytes(b"\n".join(sorted(line for line in lines if line)) + b"\n")
    del lines
    ox.serialize(triples, str(out / "alone.jsonld"), format=ox.RdfFormat.JSON_LD)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
