"""The one-way pipeline: source + ontology -> load -> check -> locate evidence -> build -> validate."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.build import build_graph
from graph.check import check_curation
from graph.errors import ValidationFailed
from graph.evidence import locate_evidence
from graph.load import load_curation
from graph.model import Project
from graph.namespaces import DEFAULT_BASE_IRI
from graph.source import load_source
from graph.timing import stage
from graph.validate import ValidationResult, validate_graph
from graph.vocabulary import load_vocabulary

__all__ = ["build_and_render", "build_graph", "build_validated_graph", "check_project", "default_root",
           "load_project"]


def default_root() -> Path:
    """The project folder (holding ontology/, source/, exports/): the current one if it has them, else the package's."""
    here = Path.cwd()
    if (here / "ontology").is_dir() and (here / "source").is_dir():
        return here
    return Path(__file__).resolve().parent.parent


def load_project(root: Path, base_iri: str = DEFAULT_BASE_IRI) -> Project:
    """Load and check everything under ``root``; raise CurationError listing every problem found."""
    with stage("load vocabulary"):
        vocabulary = load_vocabulary(root / "ontology" / "vocabulary.ttl")
    with stage("load source"):
        source = load_source(root / "source")
    with stage("load curation"):
        curation = load_curation(root / "ontology" / "curation")
    with stage("check"):
        check_curation(curation, vocabulary)
    with stage("evidence"):
        curation = locate_evidence(curation, source)
    return Project(root=root, vocabulary=vocabulary, source=source, curation=curation, base_iri=base_iri)


def check_project(project: Project, graph: Graph) -> ValidationResult:
    """SHACL-validate a built graph with the project's shapes."""
    with stage("shacl"):
        return validate_graph(graph, project.root / "ontology" / "shapes.ttl")


def build_and_render(project: Project) -> tuple[Graph, dict[str, bytes]]:
    """Build the graph, validate it while every export is rendered in memory, and return both;
    raise ValidationFailed (nothing has touched the disk) unless it conforms."""
    from graph.export import render_exports
    from graph.validate import PendingValidation

    with stage("build"):
        graph = build_graph(project)
    with stage("shacl (started)"):
        pending = PendingValidation(graph, project.root / "ontology" / "shapes.ttl")
    outputs = render_exports(graph, project)
    with stage("shacl (wait)"):
        result = pending.result()
    if not result.conforms:
        raise ValidationFailed(result.text)
    return graph, outputs


def build_validated_graph(project: Project) -> Graph:
    """Build the graph and raise ValidationFailed unless it conforms to the shapes."""
    with stage("build"):
        graph = build_graph(project)
    result = check_project(project, graph)
    if not result.conforms:
        raise ValidationFailed(result.text)
    return graph
