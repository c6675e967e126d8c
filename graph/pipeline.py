"""The one-way pipeline: source + ontology -> read -> check -> locate evidence -> shape checks -> build ->
(SHACL, with --shacl) -> exports."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg1571.curation.checks import check_curation
from kg1571.curation.evidence import locate_evidence
from kg1571.curation.reader import read_curation
from kg1571.curation.shape_checks import check_shapes
from kg1571.curation.source import load_source
from kg1571.curation.vocabulary import load_vocabulary
from kg1571.errors import ValidationFailed
from kg1571.model import Project
from kg1571.namespaces import DEFAULT_BASE_IRI
from kg1571.rdf.build import build_graph
from kg1571.rdf.shacl import ValidationResult, validate_graph
from kg1571.timing import stage

__all__ = [
    "build_and_render",
    "build_graph",
    "build_validated_graph",
    "load_project",
    "read_project",
    "validate_project",
]


def load_project(root: Path, base_iri: str = DEFAULT_BASE_IRI) -> Project:
    """Read and check everything under ``root``, the shapes included (kg1571.curation.shape_checks: what
    pySHACL would find, without building); raise CurationError listing every problem found."""
    project = read_project(root, base_iri)
    with stage("shape checks"):
        check_shapes(project)
    return project


def read_project(root: Path, base_iri: str = DEFAULT_BASE_IRI) -> Project:
    """Read and check everything under ``root`` except the shapes (load_project adds them; the tests build
    what a project the shape checks refuse would give, for pySHACL to judge)."""
    with stage("load vocabulary"):
        vocabulary = load_vocabulary(root / "ontology" / "vocabulary.ttl")
    with stage("load source"):
        source = load_source(root / "source")
    with stage("load curation"):
        curation = read_curation(root / "ontology" / "curation")
    with stage("check"):
        check_curation(curation, vocabulary)
    with stage("evidence"):
        curation = locate_evidence(curation, source)
    return Project(root=root, vocabulary=vocabulary, source=source, curation=curation, base_iri=base_iri)


def validate_project(project: Project, graph: Graph) -> ValidationResult:
    """SHACL-validate a built graph with the project's shapes (ontology/shapes.ttl)."""
    with stage("shacl"):
        return validate_graph(graph, project.root / "ontology" / "shapes.ttl")


def build_and_render(project: Project, shacl: bool = True) -> tuple[Graph, dict[str, bytes]]:
    """Build the graph and render every export in memory; with ``shacl``, pySHACL validates the graph
    meanwhile and ValidationFailed is raised (nothing has touched the disk) unless it conforms."""
    from kg1571.exports import render_exports
    from kg1571.rdf.shacl import PendingValidation

    with stage("build"):
        graph = build_graph(project)
    pending = None
    if shacl:
        with stage("shacl (started)"):
            pending = PendingValidation(graph, project.root / "ontology" / "shapes.ttl")
    outputs = render_exports(graph, project)
    if pending is not None:
        with stage("shacl (wait)"):
            result = pending.result()
        if not result.conforms:
            raise ValidationFailed(result.text)
    return graph, outputs


def build_validated_graph(project: Project) -> Graph:
    """Build the graph and raise ValidationFailed unless it conforms to the shapes."""
    with stage("build"):
        graph = build_graph(project)
    result = validate_project(project, graph)
    if not result.conforms:
        raise ValidationFailed(result.text)
    return graph
