"""The one-way pipeline: source + ontology -> read -> check -> locate evidence -> shape checks -> build ->
(SHACL, with --shacl) -> exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg1571.curation.checks import check_curation
from kg1571.curation.evidence import locate_evidence
from kg1571.curation.reader import read_curation
from kg1571.curation.shape_checks import check_shapes
from kg1571.curation.source import load_source
from kg1571.curation.vocabulary import load_vocabulary
from kg1571.errors import ValidationFailed
from kg1571.model import Project
from kg1571.namespaces import DEFAULT_BASE_IRI, prefixes
from kg1571.rdf.build import build_triples
from kg1571.rdf.shacl import ValidationResult, validate_graph
from kg1571.rdf.triples import BuiltGraph
from kg1571.timing import stage

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "build_and_render",
    "build_graph",
    "build_triples",
    "build_validated_graph",
    "load_graph",
    "load_project",
    "rdflib_graph",
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


def validate_project(project: Project, graph: BuiltGraph | rdflib.Graph) -> ValidationResult:
    """SHACL-validate a built graph (the build model, or an rdflib Graph) with the project's shapes
    (ontology/shapes.ttl)."""
    with stage("shacl"):
        return validate_graph(graph, project.root / "ontology" / "shapes.ttl", prefixes(project.base_iri))


def build_and_render(project: Project, shacl: bool = True) -> tuple[BuiltGraph, dict[str, bytes]]:
    """Build the graph, validate it (unless ``shacl`` is False) while every export is rendered in memory,
    and return both; raise ValidationFailed (nothing has touched the disk) unless it conforms."""
    from kg1571.exports import render_exports
    from kg1571.rdf.shacl import PendingValidation

    with stage("build"):
        built = build_triples(project)
    pending = None
    if shacl:
        with stage("shacl (started)"):
            pending = PendingValidation(built, project.root / "ontology" / "shapes.ttl", prefixes(project.base_iri))
    outputs = render_exports(built, project)
    if pending is not None:
        with stage("shacl (wait)"):
            result = pending.result()
        if not result.conforms:
            raise ValidationFailed(result.text)
    return built, outputs


def build_validated_graph(project: Project) -> BuiltGraph:
    """Build the graph and raise ValidationFailed unless it conforms to the shapes."""
    with stage("build"):
        built = build_triples(project)
    result = validate_project(project, built)
    if not result.conforms:
        raise ValidationFailed(result.text)
    return built


def rdflib_graph(project: Project) -> rdflib.Graph:
    """The project's graph as an ``rdflib.Graph`` (exactly the triples of exports/kg1571.nt), with the
    prefixes of the exports bound, for scripts that use rdflib's API."""
    from kg1571.rdf.to_rdflib import to_rdflib

    return to_rdflib(build_triples(project), prefixes(project.base_iri))


def build_graph(project: Project) -> rdflib.Graph:
    """The project's graph as an ``rdflib.Graph`` (kept for scripts written against 0.2; same as
    :func:`rdflib_graph`)."""
    return rdflib_graph(project)


def load_graph(root: Path | str | None = None, base_iri: str = DEFAULT_BASE_IRI) -> rdflib.Graph:
    """Load, check and build the project at ``root`` (default: the checkout or installed project that
    ``kg1571`` commands use) and return its graph as an ``rdflib.Graph``; raise CurationError listing every
    problem found.

    Example:
      >>> import kg1571
      >>> graph = kg1571.load_graph()
      >>> len(graph) > 10000
      True
    """
    from kg1571.root import find_root

    path = find_root(Path(root) if root is not None else None).path
    return rdflib_graph(load_project(path, base_iri=base_iri))
