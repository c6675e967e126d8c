#!/usr/bin/env python3
"""Regenerate the parts of README.md and docs/ that are derived from the code, between their markers:

  <!-- named-queries:start --> ... <!-- named-queries:end -->   the named-query table, from the .rq headers
  <!-- data-model:KIND:start --> ... <!-- data-model:KIND:end -->  docs/data-model.md: the properties of each
                                                                 kind of resource, from exports/kg1571.ttl

Usage: .venv/bin/python scripts/update-docs.py [--check]   (--check: exit 1 if a file would change)
tests/test_docs.py runs the check, so the tables cannot drift from `kg1571 query --list` or from the export.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pyoxigraph as ox

from kg1571.namespaces import prefixes
from kg1571.sparql import library

ROOT = Path(__file__).resolve().parents[1]
FILES = (ROOT / "README.md", ROOT / "docs" / "sparql-and-stores.md")
BLOCK = re.compile(r"(<!-- named-queries:start -->\n).*?(<!-- named-queries:end -->)", re.S)
DATA_MODEL = ROOT / "docs" / "data-model.md"
KIND_BLOCK = re.compile(r"(<!-- data-model:([a-z-]+):start -->\n).*?(<!-- data-model:\2:end -->)", re.S)

#: Each kind of resource in the graph, as the SPARQL pattern that selects it (?s); docs/data-model.md shows
#: the pattern with the table, so a reader can query exactly the resources the table describes.
KINDS = {
    "concept": "?s a skos:Concept",
    "scheme": "?s a skos:ConceptScheme",
    "statement": "?s a k:Statement",
    "evidence": "?s a oa:Annotation ; oa:motivatedBy oa:identifying",
    "target": "?e oa:motivatedBy oa:identifying ; oa:hasTarget ?s",
    "quote-selector": "?e oa:motivatedBy oa:identifying ; oa:hasTarget/oa:hasSelector ?s . ?s a oa:TextQuoteSelector",
    "position-selector": (
        "?e oa:motivatedBy oa:identifying ; oa:hasTarget/oa:hasSelector ?s . ?s a oa:TextPositionSelector"
    ),
    "section": "?s a k:Section",
    "passage": "?s a oa:SpecificResource ; k:order ?n",
    "source": "?s a dcterms:BibliographicResource FILTER NOT EXISTS { ?s schema:translationOfWork ?work }",
    "translation": "?s schema:translationOfWork ?work",
    "translated-sentence": "?s a oa:Annotation ; oa:bodyValue ?english",
    "dataset": "?s a dcat:Dataset",
    "distribution": "?s a dcat:Distribution",
}
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    text = BLOCK.sub(lambda m: m.group(1) + named_query_table() + m.group(2), text)
    if KIND_BLOCK.search(text):
        tables = data_model_tables()
        text = KIND_BLOCK.sub(lambda m: m.group(1) + tables[m.group(2)] + m.group(3), text)
    return text


def data_model_tables() -> dict[str, str]:
    """For each kind of resource: how many there are, the pattern that selects them, and a table of their
    properties (how many of them carry it, how many values each, and what the values are), from the Turtle
    export (parsed, not loaded into a Store, which would rewrite xsd:positiveInteger to xsd:integer)."""
    names = {**prefixes(), "schema": "https://schema.org/"}
    triples = list(ox.parse(path=ROOT / "exports" / "kg1571.ttl", format=ox.RdfFormat.TURTLE))
    by_subject: dict[str, list[ox.Triple]] = collections.defaultdict(list)
    types: dict[str, set[str]] = collections.defaultdict(set)
    for triple in triples:
        by_subject[triple.subject.value].append(triple)
        if triple.predicate.value == _TYPE:
            types[triple.subject.value].add(triple.object.value)
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)

    def curie(iri: str) -> str:
        fits = [(len(ns), name) for name, ns in names.items() if iri.startswith(ns)]
        if not fits:
            return f"<{iri}>"
        length, name = max(fits)
        return f"{name}:{iri[length:]}"

    def kind_of(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
        if isinstance(term, ox.Literal):
            return f"text `@{term.language}`" if term.language else f"`{curie(term.datatype.value)}`"
        if isinstance(term, ox.Triple):  # RDF-star; the graph has none
            return "triple"
        classes = sorted(curie(t) for t in types.get(term.value, ()) if t != names["skos"] + "Concept")
        if term.value in types and names["skos"] + "Concept" in types[term.value]:
            return "concept"
        return f"`{classes[0]}`" if len(classes) == 1 else "IRI"

    tables = {}
    for kind, pattern in KINDS.items():
        query = "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?s WHERE { " + pattern + " }"
        solutions = store.query(query, prefixes=prefixes())
        assert isinstance(solutions, ox.QuerySolutions)
        subjects = sorted(solution["s"].value for solution in solutions)
        carriers: collections.Counter[str] = collections.Counter()
        counts: dict[str, list[int]] = collections.defaultdict(list)
        values: dict[str, set[str]] = collections.defaultdict(set)
        objects: dict[str, set[str]] = collections.defaultdict(set)
        for subject in subjects:
            per = collections.Counter(t.predicate.value for t in by_subject[subject])
            for predicate, n in per.items():
                carriers[predicate] += 1
                counts[predicate].append(n)
            for triple in by_subject[subject]:
                values[triple.predicate.value].add(kind_of(triple.object))
                if isinstance(triple.object, ox.NamedNode):
                    objects[triple.predicate.value].add(curie(triple.object.value))
        lines = [
            f"{len(subjects)} in the graph, selected by `{pattern}`.",
            "",
            "| property | on how many | values each | values |",
            "| --- | --- | --- | --- |",
        ]
        for predicate in sorted(carriers, key=curie):
            low, high = min(counts[predicate]), max(counts[predicate])
            each = str(low) if low == high else f"{low}-{high}"
            shown = objects[predicate]
            if predicate == _TYPE or (shown and len(shown) <= 3 and values[predicate] != {"concept"}):
                what = ", ".join(f"`{o}`" for o in sorted(shown)[:6]) + (" ..." if len(shown) > 6 else "")
            else:
                what = ", ".join(sorted(values[predicate]))
            lines.append(f"| `{curie(predicate)}` | {carriers[predicate]} | {each} | {what} |")
        tables[kind] = "\n".join(lines) + "\n"
    return tables


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path in (*FILES, DATA_MODEL):
        text = path.read_text(encoding="utf-8")
        if path in FILES and not BLOCK.search(text):
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
