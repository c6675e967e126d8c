"""SHACL validation of the built graph against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph


@dataclass(frozen=True)
class ValidationResult:
    """What pySHACL said: whether the graph conforms, and the report in text form."""

    conforms: bool
    text: str


def validate_graph(graph: Graph, shapes_path: Path) -> ValidationResult:
    """Validate without inference: the vocabulary (rdfs:subClassOf) is part of the data graph already."""
    from pyshacl import validate

    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none", advanced=False,
                                       allow_warnings=False)
    return ValidationResult(conforms=bool(conforms), text=str(text))
