"""The SHACL shapes catch what the curation checks cannot see once the graph is built or extended."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from conftest import ROOT
from kg1571.namespaces import OA, K
from kg1571.pipeline import build_graph, load_project
from kg1571.rdf.shacl import validate_graph

SHAPES = ROOT / "ontology" / "shapes.ttl"
MAIN_LINE = URIRef("https://w3id.org/kg1571/id/main-line")


def _graph(tmp_project):
    return build_graph(load_project(tmp_project))


def test_minimal_graph_conforms(tmp_project):
    result = validate_graph(_graph(tmp_project), SHAPES)
    assert result.conforms, result.text


def test_second_zh_label_is_a_violation(tmp_project):
    graph = _graph(tmp_project)
    graph.add((MAIN_LINE, SKOS.prefLabel, Literal("主线", lang="zh")))
    result = validate_graph(graph, SHAPES)
    assert not result.conforms
    assert "a concept needs exactly one skos:prefLabel@zh and exactly one skos:prefLabel@en" in result.text
    assert "Focus Node: kc:main-line" in result.text


def test_missing_en_label_is_a_violation(tmp_project):
    graph = _graph(tmp_project)
    graph.remove(
        (MAIN_LINE, SKOS.prefLabel, Literal("Forging a strong sense of community for the Chinese nation", lang="en"))
    )
    result = validate_graph(graph, SHAPES)
    assert not result.conforms
    assert "exactly one skos:prefLabel@en" in result.text


def test_concept_without_evidence_is_a_violation(tmp_project):
    graph = _graph(tmp_project)
    graph.remove((None, OA.hasBody, MAIN_LINE))
    result = validate_graph(graph, SHAPES)
    assert not result.conforms
    assert "a concept needs at least one evidence annotation" in result.text


def test_component_without_order_is_a_violation(tmp_project):
    graph = _graph(tmp_project)
    graph.remove((MAIN_LINE, K.order, None))
    result = validate_graph(graph, SHAPES)
    assert not result.conforms
    assert "each component of the framework needs exactly one k:order" in result.text


def test_evidence_target_needs_one_selector_of_each_kind(tmp_project):
    graph = _graph(tmp_project)
    target = URIRef("https://w3id.org/kg1571/evidence/main-line/1#target")
    graph.remove((target, OA.hasSelector, URIRef("https://w3id.org/kg1571/evidence/main-line/1#position")))
    graph.add((target, OA.hasSelector, URIRef("https://w3id.org/kg1571/evidence/framework-1571/1#quote")))
    result = validate_graph(graph, SHAPES)
    assert not result.conforms
    assert "an evidence target needs exactly one oa:TextQuoteSelector" in result.text
    assert "an evidence target needs exactly one oa:TextPositionSelector" in result.text
