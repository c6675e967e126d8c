"""The built graph and its exports: parsable by independent parsers, traceable, deterministic, fresh."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from conftest import ROOT, require
from kg1571.exports import GRAPHML, JSONLD, NTRIPLES, TURTLE, render_exports
from kg1571.namespaces import DEFAULT_BASE_IRI, K, prefixes
from kg1571.pipeline import build_graph, load_project, validate_project

PREFIX_BLOCK = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in prefixes(DEFAULT_BASE_IRI).items())


@pytest.fixture(scope="session")
def outputs(project, built_graph) -> dict[str, bytes]:
    from kg1571.rdf.build import build_triples

    return render_exports(build_triples(project), project)


@pytest.fixture(scope="session")
def turtle_graph(outputs) -> Graph:
    return Graph().parse(data=outputs[TURTLE].decode("utf-8"), format="turtle")


def test_shacl_conforms(project, built_graph):
    result = validate_project(project, built_graph)
    assert result.conforms, result.text


def test_turtle_round_trips_in_rdflib(built_graph, turtle_graph):
    assert isomorphic(built_graph, turtle_graph)


@pytest.mark.slow
def test_ntriples_and_jsonld_hold_the_same_graph(outputs, turtle_graph):
    nt = Graph().parse(data=outputs[NTRIPLES].decode("utf-8"), format="nt")
    jsonld = Graph().parse(data=outputs[JSONLD].decode("utf-8"), format="json-ld")
    assert isomorphic(nt, turtle_graph)
    assert isomorphic(jsonld, turtle_graph)


def test_jsonld_uses_the_explicit_context(outputs):
    document = json.loads(outputs[JSONLD])
    assert document["@context"]["prefLabel"] == {"@id": "skos:prefLabel", "@container": "@language"}
    framework = next(n for n in document["@graph"] if n["id"] == "kc:framework-1571")
    assert framework["type"] == ["k:Framework", "skos:Concept"]
    assert framework["prefLabel"]["zh"] == "自治区党委“1571”工作部署"


def test_turtle_parses_in_pyoxigraph(outputs, built_graph):
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(outputs[TURTLE], format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(built_graph)


@pytest.mark.parametrize(
    "command",
    [
        ["rapper", "--input", "turtle", "--count", "--ignore-errors", "-"],
        ["serdi", "-i", "turtle", "-o", "ntriples", "-"],
    ],
)
def test_turtle_parses_in_strict_parsers(outputs, built_graph, command, tmp_path):
    require(
        shutil.which(command[0]) is not None,
        f"{command[0]} is not installed (apt-get install {'raptor2-utils' if command[0] == 'rapper' else 'serdi'})",
    )
    path = tmp_path / TURTLE
    path.write_bytes(outputs[TURTLE])
    args = [a if a != "-" else str(path) for a in command]
    if command[0] == "rapper":
        args = ["rapper", "-i", "turtle", "-c", str(path), DEFAULT_BASE_IRI]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    if command[0] == "rapper":
        assert f"returned {len(built_graph)} triples" in done.stderr
    else:
        assert len([line for line in done.stdout.splitlines() if line.strip()]) == len(built_graph)


def test_every_evidence_is_found_at_its_offsets(project, outputs):
    import pyoxigraph  # rdflib's SPARQL takes ~30 s on this join; Oxigraph milliseconds

    store = pyoxigraph.Store()
    store.load(outputs[TURTLE], format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query(
        PREFIX_BLOCK
        + """
        SELECT ?exact ?start ?end WHERE {
          ?a a oa:Annotation ; oa:hasTarget ?t .
          ?t oa:hasSelector ?q, ?p .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        }"""
    )
    text = project.source.text
    checked = 0
    for exact, start, end in rows:
        assert text[int(start.value) : int(end.value)] == exact.value
        checked += 1
    quotes = sum(len(c.evidence) for c in project.curation.concepts) + sum(
        len(r.evidence) for r in project.curation.relations
    )
    sentences = len(project.source.translation("en").sentences)  # translated sentences are anchored the same way
    assert checked == quotes + sentences


def test_framework_components_in_order(turtle_graph):
    rows = turtle_graph.query(
        PREFIX_BLOCK
        + """
        SELECT ?order ?label WHERE {
          kc:framework-1571 k:hasComponent ?c .
          ?c k:order ?order ; skos:prefLabel ?label .
          FILTER(lang(?label) = "zh")
        } ORDER BY ?order"""
    )
    assert [(int(o), str(label)) for o, label in rows] == [
        (1, "铸牢中华民族共同体意识"),
        (2, "五大战略定位和使命任务"),
        (3, "七项重点工作"),
        (4, "加强党的全面领导和党的建设"),
    ]


def test_core_class_counts(turtle_graph):
    rows = turtle_graph.query(
        PREFIX_BLOCK
        + """
        SELECT ?class (COUNT(?c) AS ?n) WHERE {
          VALUES ?class { k:Framework k:MainLine k:StrategicPositioning k:KeyTask k:Guarantee }
          ?c a ?class } GROUP BY ?class"""
    )
    counts = {str(cls).rsplit("#", 1)[1]: int(n) for cls, n in rows}
    assert counts == {"Framework": 1, "MainLine": 1, "StrategicPositioning": 5, "KeyTask": 7, "Guarantee": 1}


def test_one_query_reaches_the_passage_of_a_node_and_of_an_edge(project, turtle_graph):
    query = (
        PREFIX_BLOCK
        + """
        SELECT ?kind ?exact ?start ?end WHERE {
          { ?a oa:hasBody kc:main-line BIND("node" AS ?kind) }
          UNION
          { ?s k:subject kc:framework-1571 ; k:predicate k:hasComponent ; k:object kc:main-line .
            ?a oa:hasBody ?s BIND("edge" AS ?kind) }
          ?a oa:hasTarget/oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        } ORDER BY ?start"""
    )
    rows = list(turtle_graph.query(query))
    assert {str(kind) for kind, *_ in rows} == {"node", "edge"}, "the node's or the edge's evidence is unreachable"
    for _, exact, start, end in rows:
        assert project.source.text[int(start) : int(end)] == str(exact)


def test_vocabulary_reference_lists_every_term(outputs, project):
    """exports/kg1571-vocabulary.html (pyLODE): every class and property, with its zh and en labels."""
    from kg1571.exports import VOCABULARY_HTML

    page = outputs[VOCABULARY_HTML].decode("utf-8")
    for term in [*project.vocabulary.classes.values(), *project.vocabulary.properties.values()]:
        assert f"#{term.name}" in page or f'id="{term.name}"' in page, term.name
        assert term.label_zh in page and term.label_en in page, term.name


def test_every_concept_is_a_skos_concept_in_one_scheme(project, built_graph):
    from rdflib.namespace import RDF, SKOS

    concepts = set(built_graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(project.curation.concepts)
    schemes = {built_graph.value(c, SKOS.inScheme) for c in concepts}
    assert schemes == {URIRef(DEFAULT_BASE_IRI + "id/scheme")}


def test_code_terms_exist_in_the_vocabulary(project):
    from rdflib.namespace import RDFS

    from kg1571.rdf.vocab import K_TERMS

    vocabulary = set(project.vocabulary.triples)
    assert set(K.__annotations__) == K_TERMS  # the rdflib namespace and the build's agree
    for name in K_TERMS:
        assert (str(K[name]), str(RDFS.isDefinedBy), "https://w3id.org/kg1571/vocab") in vocabulary, name


def test_graphml_holds_the_concept_network(outputs, project):
    import networkx as nx

    network = nx.read_graphml(__import__("io").BytesIO(outputs[GRAPHML]), force_multigraph=True)
    assert network.number_of_nodes() == len(project.curation.concepts)
    assert network.number_of_edges() == len(project.curation.relations)
    node = network.nodes["main-line"]
    assert (node["label_zh"], node["class"]) == ("铸牢中华民族共同体意识", "MainLine")
    assert node["iri"] == DEFAULT_BASE_IRI + "id/main-line"  # joins back to the RDF
    relations = {d["relation"] for _, _, d in network.edges(data=True)}
    assert {"k:hasComponent", "skos:broader", "skos:related"} <= relations
    assert all(r.startswith(("k:", "skos:")) for r in relations)  # CURIEs, never bare local names
    import xml.etree.ElementTree as ET

    keys = ET.fromstring(outputs[GRAPHML]).findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert len({k.get("id") for k in keys}) == len(keys)  # GraphML: key ids are unique in the document
    assert {(k.get("for"), k.get("attr.name")) for k in keys} >= {("node", "iri"), ("edge", "label"), ("edge", "iri")}
    edge = network.edges["framework-1571", "main-line", "framework-1571--hasComponent--main-line"]
    assert (edge["label"], edge["iri"]) == ("has component", "https://w3id.org/kg1571/vocab#hasComponent")


def test_base_iri_override(tmp_project):
    project = load_project(tmp_project, base_iri="http://example.org/plan/")
    graph = build_graph(project)
    assert (URIRef("http://example.org/plan/id/main-line"), None, None) in graph
    assert not any(str(s).startswith(DEFAULT_BASE_IRI + "id/") for s in graph.subjects())
    assert (None, K.hasComponent, None) in graph  # the vocabulary stays where users' queries expect it


def _build_in_subprocess(root: Path, out: Path, seed: str) -> None:
    env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "kg1571", "build", "--root", str(root), "--out", str(out)],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    _build_in_subprocess(ROOT, first, "1")
    _build_in_subprocess(ROOT, second, "2")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_committed_exports_are_fresh(outputs):
    for name, data in outputs.items():
        path = ROOT / "exports" / name
        assert path.exists(), f"{name} is missing: run `kg1571 build`"
        assert path.read_bytes() == data, f"exports/{name} is stale: run `kg1571 build` and commit exports/"


@pytest.mark.slow
def test_graphml_bytes_do_not_depend_on_lxml(outputs):
    """networkx writes GraphML with lxml whenever it can import it; our export must not change with it."""
    import importlib.util

    require(importlib.util.find_spec("lxml") is not None, "lxml is not installed (pip install '.[test]')")
    script = (
        "import sys; sys.modules['lxml'] = None; sys.modules['lxml.etree'] = None\n"
        "from kg1571.pipeline import build_triples, load_project\n"
        "from kg1571.exports import ExportInput, graphml\n"
        f"project = load_project(__import__('pathlib').Path({str(ROOT)!r}))\n"
        "sys.stdout.buffer.write(graphml(ExportInput(build_triples(project), project)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert done.stdout == outputs[GRAPHML]
    assert outputs[GRAPHML] == (ROOT / "exports" / GRAPHML).read_bytes()
