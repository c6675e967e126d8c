"""SHACL validation of the built graph against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg1571.errors import Kg1571Error, ShapesError

if TYPE_CHECKING:
    from rdflib import Graph

    from kg1571.rdf.triples import BuiltGraph


@dataclass(frozen=True)
class ValidationResult:
    """What pySHACL said: whether the graph conforms, and the report in text form."""

    conforms: bool
    text: str


def validate_graph(
    graph: Graph | BuiltGraph, shapes_path: Path, prefixes: dict[str, str] | None = None
) -> ValidationResult:
    """Validate without inference: the vocabulary (rdfs:subClassOf) is part of the data graph already.
    ``graph`` is an rdflib Graph or the build model (made into one, with ``prefixes`` bound so the report
    names focus nodes as `kc:main-line`: pySHACL works on rdflib)."""
    from pyshacl import validate
    from rdflib import Graph

    shapes = load_shapes(shapes_path)
    if not isinstance(graph, Graph):
        from kg1571.rdf.to_rdflib import to_rdflib

        graph = to_rdflib(graph, prefixes)
    try:
        conforms, _report, text = validate(
            graph, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False
        )
    except Exception as exc:  # pySHACL raises ReportableRuntimeError, ConstraintLoadError and others
        raise ShapesError(
            f"{shapes_path}: pySHACL cannot use these shapes: {exc}; fix the shapes (see https://www.w3.org/TR/shacl/)"
        ) from None
    return ValidationResult(conforms=bool(conforms), text=str(text))


def load_shapes(shapes_path: Path) -> Graph:
    """Parse the shapes file; a missing or malformed file is a ShapesError naming it."""
    from rdflib import Graph

    try:
        return Graph().parse(shapes_path, format="turtle")
    except FileNotFoundError:
        raise ShapesError(
            f"{shapes_path}: shapes file not found; restore it with `git checkout -- ontology/shapes.ttl`"
        ) from None
    except IsADirectoryError:
        raise ShapesError(f"{shapes_path}: is a folder, not the shapes file") from None
    except Exception as exc:  # rdflib raises several parser error types
        from kg1571.curation.vocabulary import turtle_problem

        problem = turtle_problem(shapes_path, exc)
        raise ShapesError(f"{problem}".replace("\n    fix:", ";")) from None


class PendingValidation:
    """SHACL validation running in a forked child while the caller serializes exports.

    pySHACL is single-threaded pure Python and the largest stage of a build; on a POSIX machine with
    two or more cores, forking lets it run beside the export writers. The child inherits the graph
    copy-on-write (nothing is pickled), makes an rdflib Graph of the build model's triples (the parent
    never imports rdflib or pySHACL) and sends back only (conforms, report text). Where fork is not
    available the validation simply runs at once, in process.
    """

    def __init__(self, graph: Graph | BuiltGraph, shapes_path: Path, prefixes: dict[str, str] | None = None):
        import multiprocessing
        import os

        self._result: ValidationResult | None = None
        if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
            self._result = validate_graph(graph, shapes_path, prefixes)
            return
        # rdflib loaded before the fork: the child (on the build's critical path) inherits it, and the parent
        # needs it anyway for the vocabulary page (pyLODE works on rdflib)
        import rdflib  # noqa: F401

        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_validate_child, args=(graph, shapes_path, prefixes, sender), daemon=True
        )
        self._process.start()
        sender.close()

    def result(self) -> ValidationResult:
        """Wait for the child and return its verdict; a crashed child is an error, not a pass."""
        if self._result is None:
            try:
                ok, payload = self._receiver.recv()
            except EOFError:
                ok, payload = False, "the SHACL validation process died without an answer"
            self._process.join()
            if not ok:
                if isinstance(payload, Kg1571Error):
                    raise payload
                raise ShapesError(f"SHACL validation failed to run: {payload}")
            self._result = ValidationResult(*payload)
        return self._result


def _validate_child(graph: Graph | BuiltGraph, shapes_path: Path, prefixes: dict[str, str] | None, sender) -> None:
    try:
        result = validate_graph(graph, shapes_path, prefixes)
        sender.send((True, (result.conforms, result.text)))
    except BaseException as exc:  # report any failure to the parent instead of dying silently
        sender.send((False, exc if isinstance(exc, Kg1571Error) else f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
