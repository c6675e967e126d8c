"""Read ontology/vocabulary.ttl (with pyoxigraph) into the classes and properties that curation may use."""

from __future__ import annotations

import re
from pathlib import Path

from kg1571.errors import CurationError, Problem
from kg1571.model import Vocabulary, VocabularyTerm
from kg1571.namespaces import VOCAB_IRI
from kg1571.rdf.triples import XSD_STRING, Literal, Object, Triple
from kg1571.rdf.vocab import OWL, RDF, RDFS, SKOS


def turtle_problem(path: Path, exc: Exception) -> Problem:
    """An rdflib Turtle parse error (the shapes file, read by rdflib for pySHACL) as one short Problem with
    its line and the text at the error (rdflib's own message quotes the input as escaped bytes)."""
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
    return _syntax_problem(path, text, line)


def oxigraph_problem(path: Path, text: str, exc: SyntaxError) -> Problem:
    """A pyoxigraph parse error as one short Problem with its line and the text at the error."""
    message = " ".join(str(exc.msg or exc).split())
    message = re.sub(r"^Parser error at line \d+ column \d+: ", "", message)
    line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
    if line is not None:
        lines = text.split("\n")
        at = lines[line - 1] if line <= len(lines) else ""
        column = max(0, (exc.offset or 1) - 1)
        near = at[max(0, column - 30) : column + 30]
        message = f"{message}, near {' '.join(near.split())!r}"
    return _syntax_problem(path, message, line)


def _syntax_problem(path: Path, message: str, line: int | None) -> Problem:
    """A Turtle syntax error, whichever parser found it, cut to a readable length."""
    if len(message) > 300:
        message = message[:300] + " ..."
    return Problem(
        f"Turtle syntax error: {message}",
        file=path,
        line=line,
        hint="fix the Turtle syntax (`rapper -i turtle -c FILE` shows the line)",
    )


def read_triples(path: Path) -> tuple[Triple, ...]:
    """Parse a Turtle file with pyoxigraph into build-model triples (kg1571.rdf.triples), in file order;
    raise CurationError naming the file (and the line of a syntax error)."""
    import pyoxigraph as ox

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CurationError(
            [Problem("vocabulary file not found", file=path, hint="restore it with `git checkout -- ontology/`")]
        ) from None
    except IsADirectoryError:
        raise CurationError([Problem("the vocabulary is a folder, not a file", file=path)]) from None
    except OSError as exc:
        raise CurationError([Problem(f"cannot read it ({exc.strerror})", file=path)]) from None
    try:
        parsed = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise CurationError([oxigraph_problem(path, data.decode("utf-8", "replace"), exc)]) from None
    except ValueError as exc:  # not UTF-8, among others
        raise CurationError([Problem(f"cannot parse it as Turtle: {exc}", file=path)]) from None
    triples: list[Triple] = []
    for triple in parsed:
        subject, predicate, obj = triple.subject, triple.predicate, triple.object
        if not isinstance(subject, ox.NamedNode) or isinstance(obj, ox.BlankNode | ox.Triple):
            raise CurationError(
                [
                    Problem(
                        f"blank node in `{triple}`",
                        file=path,
                        hint="name the resource with an IRI: blank node labels would change the exports' bytes "
                        "from build to build",
                    )
                ]
            )
        if isinstance(obj, ox.NamedNode):
            triples.append((subject.value, predicate.value, obj.value))
        else:
            datatype = obj.datatype.value
            if obj.language is not None:
                triples.append((subject.value, predicate.value, Literal(obj.value, obj.language)))
            elif datatype == XSD_STRING:
                triples.append((subject.value, predicate.value, Literal(obj.value)))
            else:
                triples.append((subject.value, predicate.value, Literal(obj.value, None, datatype)))
    return tuple(triples)


def load_vocabulary(path: Path) -> Vocabulary:
    """Parse the vocabulary; every term must carry rdfs:label and rdfs:comment in @zh and @en."""
    triples = read_triples(path)
    objects: dict[tuple[str, str], list[Object]] = {}
    for s, p, o in triples:
        objects.setdefault((s, p), []).append(o)
    subjects_of: dict[tuple[str, Object], list[str]] = {}
    for s, p, o in triples:
        subjects_of.setdefault((p, o), []).append(s)
    problems: list[Problem] = []

    def term(iri: str) -> VocabularyTerm | None:
        texts = {}
        for prop, name in ((RDFS.label, "rdfs:label"), (RDFS.comment, "rdfs:comment")):
            for lang in ("zh", "en"):
                values = [o for o in objects.get((iri, prop), ()) if isinstance(o, Literal) and o.language == lang]
                if len(values) != 1:
                    problems.append(
                        Problem(
                            f"needs exactly one {name}@{lang} (found {len(values)})",
                            file=path,
                            id=iri,
                            hint=f'give the term one {name} "..."@{lang}',
                        )
                    )
                    return None
                texts[(prop, lang)] = values[0].value
        domain = next(iter(objects.get((iri, RDFS.domain), ())), None)
        rng = next(iter(objects.get((iri, RDFS.range), ())), None)
        return VocabularyTerm(
            name=iri[len(VOCAB_IRI) :],
            iri=iri,
            label_zh=texts[(RDFS.label, "zh")],
            label_en=texts[(RDFS.label, "en")],
            comment_zh=texts[(RDFS.comment, "zh")],
            comment_en=texts[(RDFS.comment, "en")],
            domain=domain if isinstance(domain, str) else None,
            range=rng if isinstance(rng, str) else None,
        )

    def subjects(kind: str) -> list[str]:
        return sorted(set(subjects_of.get((RDF.type, kind), ())))

    classes: dict[str, VocabularyTerm] = {}
    properties: dict[str, VocabularyTerm] = {}
    statement = VOCAB_IRI + "Statement"
    for kind, target in ((OWL.Class, classes), (OWL.ObjectProperty, properties)):
        for iri in subjects(kind):
            if iri.startswith(VOCAB_IRI) and (found := term(iri)) is not None:
                # k:subject, k:predicate and k:object describe a k:Statement: provenance, not curated relations
                if kind == OWL.ObjectProperty and statement in objects.get((iri, RDFS.domain), ()):
                    continue
                target[found.name] = found
    for iri in subjects(OWL.DatatypeProperty):
        if iri.startswith(VOCAB_IRI):
            term(iri)  # checked for labels; not usable as a curated relation
    if problems:
        raise CurationError(problems)
    concept_classes = frozenset(
        name for name in classes if SKOS.Concept in objects.get((VOCAB_IRI + name, RDFS.subClassOf), ())
    )
    return Vocabulary(
        path=path, classes=classes, properties=properties, triples=triples, concept_classes=concept_classes
    )
