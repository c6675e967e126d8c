"""Figures from independent Linked Data tools for one Turtle export (a before/after record, not a test).

    .venv/bin/python scripts/linked-data-figures.py [exports/kg1571.ttl] [ontology/vocabulary.ttl]

owlrl (RDFS and OWL 2 RL closure), pySHACL (inference='rdfs'), OWL API 5.1.9 (OWL 2 DL profile and a Turtle
load-and-save round trip; jars from scripts/install-owlapi.sh), skosify 2.3, pyld and rapper. The tests in
tests/rdf/test_linked_data.py assert the same things; this prints the numbers.
"""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]


def owlapi(path: Path, saved: Path | None = None) -> tuple[int, list[str]]:
    args = ["java", "-cp", str(ROOT / ".cache" / "owlapi" / "*"), str(ROOT / "tests" / "owlapi" / "OwlApiCheck.java")]
    args.append(str(path))
    if saved is not None:
        args += [str(saved), "turtle"]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    count = int(next(line for line in lines if line.startswith("violations: ")).split(": ")[1])
    return count, [line for line in lines if line.startswith("violation: ")]


def main() -> None:
    ttl = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "exports" / "kg1571.ttl")
    vocab = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "ontology" / "vocabulary.ttl")
    graph = Graph().parse(ttl, format="turtle")
    print(f"triples: {len(graph)}")
    asserted = set(graph.subjects(RDF.type, SKOS.Concept))
    print(f"skos:Concept asserted: {len(asserted)}")

    import owlrl

    for name, semantics in (("RDFS", owlrl.RDFS_Semantics), ("OWL 2 RL", owlrl.OWLRL_Semantics)):
        closed = Graph()
        closed += graph
        owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
        concepts = {s for s in closed.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}
        # class membership: inferred types that are neither asserted nor superclasses of asserted ones
        supers: dict = {}
        for c in set(graph.objects(None, RDF.type)):
            supers[c] = set(graph.transitive_objects(c, RDFS.subClassOf))
        changed = set()
        for s in {s for s in graph.subjects() if isinstance(s, URIRef)}:
            expected = (
                set().union(*(supers.get(t, {t}) for t in graph.objects(s, RDF.type)))
                if (s, RDF.type, None) in graph
                else set()
            )
            inferred = {t for t in closed.objects(s, RDF.type) if isinstance(t, URIRef)} - {RDFS.Resource, RDFS.Class}
            if (
                inferred
                - expected
                - {
                    URIRef("http://www.w3.org/2002/07/owl#Thing"),
                    URIRef("http://www.w3.org/2002/07/owl#NamedIndividual"),
                }
            ):
                changed.add(s)
        print(f"{name} closure: ?c a skos:Concept = {len(concepts)}; resources with a new class = {len(changed)}")

    from pyshacl import validate

    conforms, report, _ = validate(graph, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"), inference="rdfs")
    results = len(set(report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    print(f"pySHACL inference='rdfs': conforms={conforms}, results={results}")

    vocab_violations, _ = owlapi(vocab)
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "saved.ttl"
        data_violations, lines = owlapi(ttl, saved)
        back = Graph().parse(saved, format="turtle")
    print(f"OWL API DL violations: vocabulary {vocab_violations}, whole graph {data_violations}")
    kinds = Counter(line.split(":", 2)[1].split("[")[0].strip()[:60] for line in lines)
    for kind, n in kinds.most_common(8):
        print(f"    {n:6d} {kind}")
    lost = [t for t in graph if t not in back]
    added = [t for t in back if t not in graph]
    print(f"OWL API Turtle round trip: lost {len(lost)}, added {len(added)} of {len(graph)}")
    lost_preds = Counter(str(p) for _, p, _ in lost)
    for p, n in lost_preds.most_common(6):
        print(f"    lost {n:5d} {p}")

    import skosify

    handler_records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            handler_records.append(record)

    logging.getLogger().addHandler(Collect())
    logging.getLogger().setLevel(logging.INFO)
    skosify.skosify(str(ttl), from_format="turtle")
    warnings = [r.getMessage() for r in handler_records if r.levelno >= logging.WARNING]
    loose = [r for r in handler_records if "Marking loose concept" in r.getMessage()]
    print(f"skosify: {len(warnings)} warnings, {len(loose)} loose concepts")
    for w in Counter(w.split(" ")[0:3].__str__() for w in warnings).most_common(6):
        print("    ", w)
    for w in warnings[:10]:
        print("      ", w[:200])

    done = subprocess.run(
        ["java", "-cp", str(ROOT / ".cache" / "owlapi" / "*"), str(ROOT / "tests" / "owlapi" / "OwlApiCheck.java")]
        + [str(ttl), "--reason", str(SKOS.Concept)],
        capture_output=True,
        text=True,
    )
    print(
        "HermiT:", ", ".join(line for line in done.stdout.splitlines() if line.startswith(("consistent", "instances")))
    )

    vocab_ns = "https://w3id.org/kg1571/vocab#"
    core = "Framework MainLine Guarantee PositioningGroup StrategicPositioning KeyTaskGroup KeyTask Characteristic"
    core += " PracticeRequirement ImplementationMeasure PerformanceOrientation Significance Spirit SpiritTrait"
    members = {s for name in core.split() for s in graph.subjects(RDF.type, URIRef(vocab_ns + name))}
    tops = set(graph.objects(None, SKOS.hasTopConcept))
    reached = set().union(*(set(graph.transitive_objects(t, SKOS.narrower)) for t in tops)) if tops else set()
    print(f"core concepts reachable by skos:narrower from a top concept: {len(members & reached)} of {len(members)}")
    loose_core = {str(r.getMessage().split()[3]) for r in loose} & {str(m) for m in members}
    print(f"skosify loose concepts among the core: {len(loose_core)}")
    owners: dict = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in graph.subject_objects(prop):
            owners.setdefault((label.language, str(label).casefold()), set()).add(concept)
    print(f"labels naming two concepts: {sum(1 for c in owners.values() if len(c) > 1)}")
    print(f"skos:notation: {len(list(graph.subject_objects(SKOS.notation)))}")

    untagged = [(s, p) for s, p, o in graph if getattr(o, "language", 1) is None and getattr(o, "datatype", 1) is None]
    print(
        f"plain literals without language tag: {len(untagged)} ({Counter(str(p) for _, p in untagged).most_common(5)})"
    )
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(ttl), "https://w3id.org/kg1571/"], capture_output=True, text=True
    )
    print("rapper:", done.stderr.strip().splitlines()[-1])
    _ = io


if __name__ == "__main__":
    main()
