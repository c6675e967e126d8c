"""The build model: triples as plain Python tuples, their N-Triples lines, and the graph they make.

Why not rdflib or pyoxigraph terms: at 1M triples an rdflib Graph costs 5 s to fill and pyoxigraph's
Triple/Literal constructors 8x what a tuple and an f-string cost (benchmarks/compare.py measures
both). A triple here is ``(subject IRI, predicate IRI, object)`` where the object is an IRI (``str``) or a
:class:`Literal`; nothing in this module imports an RDF library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_NON_NEGATIVE_INTEGER = XSD + "nonNegativeInteger"
XSD_POSITIVE_INTEGER = XSD + "positiveInteger"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class Literal(NamedTuple):
    """An RDF literal: its lexical form, and a language tag or a datatype IRI (neither: xsd:string)."""

    value: str
    language: str | None = None
    datatype: str | None = None


#: An object is an IRI (a plain ``str``) or a Literal; subjects and predicates are IRIs (no blank nodes:
#: the exports must be byte-stable, and blank node labels are not).
Object = str | Literal
Triple = tuple[str, str, Object]


def escape(text: str) -> str:
    """A string literal's body in N-Triples: the four characters its grammar forbids raw (``"``, ``\\``,
    line feed, carriage return) escaped, everything else as UTF-8 (what rdflib's N-Triples writer does,
    so today's bytes stay; tests/rdf/test_triples.py checks every line parses back in pyoxigraph)."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    return text


def ntriples_line(triple: Triple) -> str:
    """One triple as an N-Triples line, without the line feed."""
    subject, predicate, obj = triple
    if isinstance(obj, str):
        return f"<{subject}> <{predicate}> <{obj}> ."
    value, language, datatype = obj
    if language is not None:
        return f'<{subject}> <{predicate}> "{escape(value)}"@{language} .'
    if datatype is not None:
        return f'<{subject}> <{predicate}> "{escape(value)}"^^<{datatype}> .'
    return f'<{subject}> <{predicate}> "{escape(value)}" .'


@dataclass
class BuiltGraph:
    """The built graph: every triple once, in the order of their sorted N-Triples lines, and those lines
    (the N-Triples export, byte for byte). Turtle and RDF/XML are serialized from ``ntriples``, JSON-LD
    from ``triples``; the exports drop ``triples`` once nothing needs it (release_triples)."""

    triples: list[Triple]
    ntriples: bytes
    count: int

    def __len__(self) -> int:
        return self.count

    def release_triples(self) -> None:
        """Free the tuples (at 1M triples, about 300 MB) once every export that reads them is written."""
        self.triples = []


def sorted_graph(triples: Iterable[Triple], counted: Callable[[int], Triple] | None = None) -> BuiltGraph:
    """Remove duplicates and sort by N-Triples line. ``counted`` makes one more triple from the number of
    distinct triples (void:triples: it counts the whole graph, so it can only be written last)."""
    # duplicates removed as tuples (their strings' hashes are cached; a line's would be computed anew)
    unique = list(dict.fromkeys(triples))
    if counted is not None:
        unique.append(counted(len(unique)))
    lines = [ntriples_line(triple) for triple in unique]
    order = sorted(range(len(lines)), key=lines.__getitem__)
    ordered = [unique[index] for index in order]
    # encoded line by line: one joined str would hold every character in 2 bytes (the Chinese text makes it
    # UCS-2), twice the UTF-8 bytes, on top of them
    encoded = [lines[index].encode("utf-8") for index in order]
    del lines, unique, order
    encoded.append(b"")
    return BuiltGraph(triples=ordered, ntriples=b"\n".join(encoded), count=len(ordered))
