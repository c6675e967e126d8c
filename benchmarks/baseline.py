"""The hand-written baseline: what a user would write with the card's packages alone.

Usage: python benchmarks/baseline.py TURTLE OUT_DIR

Parse our Turtle with rdflib; serialize Turtle and JSON-LD; make a networkx graph of the concepts;
write a pyvis HTML page with cdn_resources="in_line". No validation, no evidence, no determinism.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph
from rdflib.namespace import RDF, SKOS


def main(turtle: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    graph = Graph().parse(turtle, format="turtle")
    graph.serialize(out / "baseline.ttl", format="turtle")
    graph.serialize(out / "baseline.jsonld", format="json-ld")

    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    network = nx.DiGraph()
    for concept in concepts:
        label = next((str(o) for o in graph.objects(concept, SKOS.prefLabel) if o.language == "zh"), str(concept))
        network.add_node(str(concept), label=label)
    for s, p, o in graph:
        if s in concepts and o in concepts:
            network.add_edge(str(s), str(o), title=str(p))

    page = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    page.from_nx(network)
    (out / "baseline.html").write_text(page.generate_html(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
