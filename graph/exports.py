"""Serialize the graph to every export format, deterministically, and write or check exports/ atomically."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from kg1571.errors import ExportError, StaleExports
from kg1571.model import Project
from kg1571.namespaces import VOCAB_IRI, Iris, prefixes

#: Export file names: a public contract (users' scripts open them by name).
TURTLE = "kg1571.ttl"
NTRIPLES = "kg1571.nt"
JSONLD = "kg1571.jsonld"
GRAPHML = "kg1571.graphml"
HTML = "kg1571.html"
RDFXML = "kg1571.rdf"
VOCABULARY_HTML = "kg1571-vocabulary.html"

#: A Turtle string literal in Oxigraph's output: "..." with backslash escapes (no other `"` occurs outside them).
_SHORT_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


@dataclass
class ExportInput:
    """What every writer reads: the graph, the project, and the sorted N-Triples shared by two writers."""

    graph: Graph
    project: Project

    @cached_property
    def sorted_ntriples(self) -> bytes:
        text = self.graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        lines = sorted(line for line in text.splitlines() if line.strip())
        return ("\n".join(lines) + "\n").encode("utf-8")


def turtle(data: ExportInput) -> bytes:
    """Turtle from the sorted triples through Oxigraph's serializer: grouped by subject, stable order,
    and ~25x faster than rdflib's Turtle writer on large graphs."""
    import pyoxigraph

    triples = pyoxigraph.parse(data.sorted_ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    text = (
        pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes(data.project.base_iri))
        or b""
    ).decode("utf-8")
    return long_strings(text).encode("utf-8")


def long_strings(turtle_text: str) -> str:
    """Write every literal that holds a line break as a Turtle long string (\"\"\"...\"\"\"), with real line
    breaks instead of `\\n`: OWL API's Turtle parser (Protégé, ROBOT) reads `\\n` in a short string as `n`,
    and reads long strings exactly. The triples do not change (tests/rdf/test_owl_tools.py)."""

    def rewrite(match: re.Match[str]) -> str:
        body = match.group(1)
        if "\\n" not in body:
            return match.group(0)
        # unescape \n only where the backslash is not itself escaped; keep every other escape (\" too) as it is
        body = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(0), body)
        return f'"""{body}"""'

    return _SHORT_STRING.sub(rewrite, turtle_text)


def ntriples(data: ExportInput) -> bytes:
    """N-Triples, lines sorted so the file is byte-stable."""
    return data.sorted_ntriples


def rdfxml(data: ExportInput) -> bytes:
    """RDF/XML (the format every OWL tool reads) with exactly the N-Triples' triples, through Oxigraph's
    serializer from the sorted triples, so the bytes are stable (rdflib's writer follows its store's order)."""
    import pyoxigraph

    triples = pyoxigraph.parse(data.sorted_ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return (
        pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML, prefixes=prefixes(data.project.base_iri))
        or b""
    )


def jsonld_context(project: Project) -> dict:
    """The explicit compact @context of ontology/context.jsonld, with `kc:` under the build's base IRI and
    one term per vocabulary object property (so `hasComponent` reads as such)."""
    context = json.loads((project.root / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context["kc"] = prefixes(project.base_iri)["kc"]
    for name in sorted(project.vocabulary.properties):
        context.setdefault(name, {"@id": f"k:{name}", "@type": "@id"})
    return context


def jsonld(data: ExportInput) -> bytes:
    """JSON-LD compacted with our explicit context (no auto-compaction), nodes sorted by @id, keys sorted."""
    context = jsonld_context(data.project)
    document = json.loads(data.graph.serialize(format="json-ld", context=context, auto_compact=False))

    def canonical(value):  # sort multi-valued arrays too: rdflib emits them in store order
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            items = [canonical(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    nodes = sorted((canonical(n) for n in document.get("@graph", [])), key=lambda n: n.get("id", ""))
    return (json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def graphml(data: ExportInput) -> bytes:
    """GraphML of the concept network for Gephi, Cytoscape and yEd."""
    import networkx as nx

    from kg1571.network.concepts import concept_network

    # write_graphml_xml (the standard library's ElementTree), never nx.write_graphml: that one switches to lxml
    # whenever lxml happens to be importable, and the bytes differ, so the export would depend on the machine.
    from kg1571.rdf.build import asserted_predicates

    network = concept_network(data.project)
    iris = Iris(data.project.base_iri)
    names = {str(iri): curie for curie, iri in _curies(data.project).items()}
    labels = _property_labels(data.project)
    for node, attributes in network.nodes(data=True):
        attributes["iri"] = str(iris.concept(node))
    predicates = asserted_predicates(data.project)
    for _, _, key, attributes in network.edges(keys=True, data=True):
        predicate = str(predicates[key])
        attributes["relation"] = names.get(predicate, predicate)
        attributes["label"] = labels.get(predicate, attributes["relation"])
        attributes["iri"] = predicate
    buffer = io.BytesIO()
    # key ids d0, d1 ...: with named ids the node and the edge attribute `label` (and `iri`) would share an id,
    # which GraphML forbids (key/@id is unique in the document); tools read attr.name
    nx.write_graphml_xml(network, buffer, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buffer.getvalue()


def _curies(project: Project) -> dict[str, str]:
    """CURIE -> IRI for every property a relation can have (k: properties and the SKOS ones)."""
    from rdflib.namespace import SKOS

    curies = {f"k:{name}": f"{VOCAB_IRI}{name}" for name in project.vocabulary.properties}
    for name in ("broader", "narrower", "related", "broaderTransitive", "narrowerTransitive"):
        curies[f"skos:{name}"] = str(SKOS[name])
    return curies


def _property_labels(project: Project) -> dict[str, str]:
    """The English label of each relation property (rdfs:label of k: terms; SKOS's own for SKOS)."""
    labels = {term.iri: term.label_en for term in project.vocabulary.properties.values()}
    skos = "http://www.w3.org/2004/02/skos/core#"
    labels.update(
        {
            f"{skos}broader": "has broader",
            f"{skos}narrower": "has narrower",
            f"{skos}related": "has related",
            f"{skos}broaderTransitive": "has broader transitive",
            f"{skos}narrowerTransitive": "has narrower transitive",
        }
    )
    return labels


def html(data: ExportInput) -> bytes:
    """The self-contained interactive explorer."""
    from kg1571.explorer.page import render_html

    return render_html(data.project).encode("utf-8")


def vocabulary_html(data: ExportInput) -> bytes:
    """The HTML reference of the vocabulary (classes, properties, labels in zh and en, domains, ranges) from
    pyLODE, an ontology documentation generator; its dates come from the ontology header, so it is stable."""
    import logging

    from pylode import OntPub  # pinned in pyproject: another version writes other bytes

    previous = logging.root.manager.disable
    logging.disable(logging.INFO)  # pyLODE logs every background ontology it loads
    try:
        page = OntPub(ontology=str(data.project.vocabulary.path)).make_html()
    finally:
        logging.disable(previous)
    return (page.rstrip("\n") + "\n").encode("utf-8")


def writers() -> dict[str, Callable[[ExportInput], bytes]]:
    """Every export, by file name, in the order they are produced."""
    return {
        TURTLE: turtle,
        NTRIPLES: ntriples,
        JSONLD: jsonld,
        RDFXML: rdfxml,
        GRAPHML: graphml,
        HTML: html,
        VOCABULARY_HTML: vocabulary_html,
    }


def render_exports(graph: Graph, project: Project) -> dict[str, bytes]:
    """Every export as bytes, in memory; nothing touches the disk."""
    from kg1571.timing import stage

    data = ExportInput(graph, project)
    outputs = {}
    for name, write in writers().items():
        with stage(f"export {name}"):
            outputs[name] = write(data)
    return outputs


def write_exports(outputs: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write all files to a temporary folder beside ``out_dir`` first, then move each into place, so a
    failure leaves the previous exports untouched."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".kg1571-", dir=out_dir.parent))
    except OSError as exc:
        raise ExportError(
            f"{out_dir}: cannot write the exports there ({exc.strerror}); choose another --out folder"
        ) from None
    try:
        for name, data in outputs.items():
            (staging / name).write_bytes(data)
        written = []
        for name in outputs:
            os.replace(staging / name, out_dir / name)
            written.append(out_dir / name)
        return written
    except OSError as exc:
        raise ExportError(
            f"{exc.filename or out_dir}: cannot write the export ({exc.strerror}); "
            "free the path or choose another --out folder"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_exports(outputs: dict[str, bytes], out_dir: Path) -> None:
    """Raise StaleExports naming every file that is missing or differs from a fresh build."""
    changed = []
    for name, data in outputs.items():
        path = out_dir / name
        if not path.exists():
            changed.append(f"{name} (missing)")
        elif path.read_bytes() != data:
            changed.append(name)
    if changed:
        raise StaleExports(changed)
