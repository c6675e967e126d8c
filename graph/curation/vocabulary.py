"""Read ontology/vocabulary.ttl into the classes and properties that curation may use."""

from __future__ import annotations

from pathlib import Path

from kg1571.errors import CurationError, Problem
from kg1571.model import Vocabulary, VocabularyTerm
from kg1571.namespaces import VOCAB_IRI


def turtle_problem(path: Path, exc: Exception) -> Problem:
    """A Turtle parse error as one short Problem with its line and the text at the error (rdflib's own message
    quotes the input as escaped bytes)."""
    line = getattr(exc, "lines", None)
    why = getattr(exc, "_why", None)
    source = getattr(exc, "_str", b"")
    at = getattr(exc, "_i", None)
    if isinstance(line, int) and why and isinstance(source, bytes) and isinstance(at, int):
        near = source[max(0, at - 30) : at + 30].decode("utf-8", "replace")
        text = f"{why}, near {' '.join(near.split())!r}"
        line += 1
    else:
        text, line = " ".join(str(exc).split()), None
    if len(text) > 300:
        text = text[:300] + " ..."
    return Problem(
        f"Turtle syntax error: {text}",
        file=path,
        line=line,
        hint="fix the Turtle syntax (`rapper -i turtle -c FILE` shows the line)",
    )


def load_vocabulary(path: Path) -> Vocabulary:
    """Parse the vocabulary; every term must carry rdfs:label and rdfs:comment in @zh and @en."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise CurationError(
            [Problem("vocabulary file not found", file=path, hint="restore it with `git checkout -- ontology/`")]
        ) from None
    except IsADirectoryError:
        raise CurationError([Problem("the vocabulary is a folder, not a file", file=path)]) from None
    except Exception as exc:  # rdflib raises several parser error types
        raise CurationError([turtle_problem(path, exc)]) from None

    problems: list[Problem] = []

    def term(iri) -> VocabularyTerm | None:
        texts = {}
        for prop in (RDFS.label, RDFS.comment):
            for lang in ("zh", "en"):
                values = [o for o in graph.objects(iri, prop) if getattr(o, "language", None) == lang]
                if len(values) != 1:
                    problems.append(
                        Problem(
                            f"needs exactly one {graph.qname(prop)}@{lang} (found {len(values)})",
                            file=path,
                            id=str(iri),
                            hint=f'give the term one {graph.qname(prop)} "..."@{lang}',
                        )
                    )
                    return None
                texts[(prop, lang)] = str(values[0])
        domain = graph.value(iri, RDFS.domain)
        rng = graph.value(iri, RDFS.range)
        return VocabularyTerm(
            name=str(iri)[len(VOCAB_IRI) :],
            iri=str(iri),
            label_zh=texts[(RDFS.label, "zh")],
            label_en=texts[(RDFS.label, "en")],
            comment_zh=texts[(RDFS.comment, "zh")],
            comment_en=texts[(RDFS.comment, "en")],
            domain=str(domain) if domain is not None else None,
            range=str(rng) if rng is not None else None,
        )

    classes: dict[str, VocabularyTerm] = {}
    properties: dict[str, VocabularyTerm] = {}
    statement = URIRef(VOCAB_IRI + "Statement")
    for kind, target in ((OWL.Class, classes), (OWL.ObjectProperty, properties)):
        for iri in sorted(graph.subjects(RDF.type, kind), key=str):
            if str(iri).startswith(VOCAB_IRI) and (found := term(iri)) is not None:
                # k:subject, k:predicate and k:object describe a k:Statement: provenance, not curated relations
                if kind == OWL.ObjectProperty and (iri, RDFS.domain, statement) in graph:
                    continue
                target[found.name] = found
    for iri in sorted(graph.subjects(RDF.type, OWL.DatatypeProperty), key=str):
        if str(iri).startswith(VOCAB_IRI):
            term(iri)  # checked for labels; not usable as a curated relation
    if problems:
        raise CurationError(problems)
    concept_classes = frozenset(
        name for name in classes if (URIRef(VOCAB_IRI + name), RDFS.subClassOf, SKOS.Concept) in graph
    )
    return Vocabulary(path=path, classes=classes, properties=properties, graph=graph, concept_classes=concept_classes)
