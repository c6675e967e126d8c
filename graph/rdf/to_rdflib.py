"""The build model as an rdflib Graph: for users' scripts (kg1571.load_graph) and for pySHACL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg1571.rdf.triples import BuiltGraph

if TYPE_CHECKING:
    import rdflib


def to_rdflib(built: BuiltGraph, prefixes: dict[str, str] | None = None) -> rdflib.Graph:
    """An rdflib Graph of the model's triples, with ``prefixes`` bound. Made from the tuples (about 2.5x
    faster than rdflib parsing the N-Triples); from the N-Triples once the tuples are released."""
    from rdflib import Graph, Literal, URIRef

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (prefixes or {}).items():
        graph.bind(prefix, namespace)
    if not built.triples and built.count:
        return graph.parse(data=built.ntriples, format="nt")
    iris: dict[str, URIRef] = {}

    def iri(value: str) -> URIRef:
        node = iris.get(value)
        if node is None:
            iris[value] = node = URIRef(value)
        return node

    add = graph.add
    for subject, predicate, obj in built.triples:
        if isinstance(obj, str):
            term: URIRef | Literal = iri(obj)
        else:
            value, language, datatype = obj
            term = Literal(value, lang=language, datatype=iri(datatype) if datatype is not None else None)
        add((iri(subject), iri(predicate), term))
    return graph
