"""Check a curation against the vocabulary and itself: ids, classes, relations, hierarchy, connectivity."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg1571.errors import CurationError, Problem
from kg1571.model import Curation, Vocabulary
from kg1571.namespaces import VOCAB_IRI

SKOS_PREDICATES = ("skos:broader", "skos:narrower", "skos:related")
FRAMEWORK_CLASS = "Framework"


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3)
    return f"did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else ""


def check_curation(curation: Curation, vocabulary: Vocabulary) -> None:
    """Raise CurationError listing every problem; return None when the curation is sound."""
    problems: list[Problem] = []
    seen: dict[str, object] = {}
    classes = sorted(vocabulary.concept_classes)
    for concept in curation.concepts:
        where: dict[str, Any] = dict(file=concept.location.file, line=concept.location.line, id=concept.id)
        if concept.id in seen:
            problems.append(
                Problem(
                    f"duplicate id (first defined at {seen[concept.id]})",
                    **where,
                    hint="ids are unique across all curation files: rename one or merge them",
                )
            )
        seen.setdefault(concept.id, concept.location)
        if concept.cls == "Section":
            problems.append(
                Problem(
                    "class `Section` is for the article's sections (source/structure.yaml), not for concepts",
                    **where,
                    hint="choose the class of what the text names (e.g. `Domain`, `Principle`); "
                    "`kg1571 stats` lists the classes in use",
                )
            )
        elif concept.cls not in vocabulary.concept_classes:
            hint = _did_you_mean(concept.cls, [c for c in classes if c != "Section"]) or (
                f"use one of: {', '.join(c for c in classes if c != 'Section')}"
            )
            problems.append(
                Problem(
                    f"unknown class `{concept.cls}`",
                    **where,
                    hint=hint + " (or add the class to ontology/vocabulary.ttl)",
                )
            )

    predicates = sorted([*vocabulary.properties, *SKOS_PREDICATES])
    ids = sorted(seen)
    triples: dict[tuple[str, str, str], object] = {}
    for relation in curation.relations:
        where = dict(file=relation.location.file, line=relation.location.line, id=relation.label)
        if relation.predicate not in vocabulary.properties and relation.predicate not in SKOS_PREDICATES:
            hint = _did_you_mean(relation.predicate, predicates) or f"use one of: {', '.join(predicates)}"
            problems.append(
                Problem(
                    f"unknown relation `{relation.predicate}`",
                    **where,
                    hint=hint + " (or add the property to ontology/vocabulary.ttl)",
                )
            )
        for role, ref in (("subject", relation.subject), ("object", relation.object)):
            if ref not in seen:
                problems.append(
                    Problem(
                        f"{role} `{ref}` is not a concept id",
                        **where,
                        hint=_did_you_mean(ref, ids) or "define the concept or fix the id",
                    )
                )
        if relation.subject == relation.object:
            problems.append(Problem("a relation from a concept to itself", **where, hint="fix subject or object"))
        triple = (relation.subject, relation.predicate, relation.object)
        if triple in triples:
            problems.append(
                Problem(
                    f"duplicate relation (first at {triples[triple]})",
                    **where,
                    hint="merge the evidence into one relation",
                )
            )
        triples.setdefault(triple, relation.location)
    if problems:  # the graph checks below assume every reference resolves
        raise CurationError(problems)
    problems.extend(_domain_range_problems(curation, vocabulary))
    problems.extend(_hierarchy_problems(curation))
    problems.extend(_connectivity_problems(curation, vocabulary.path.parent / "curation"))
    if problems:
        raise CurationError(problems)


def _domain_range_problems(curation: Curation, vocabulary: Vocabulary) -> list[Problem]:
    """The vocabulary's rdfs:domain and rdfs:range are promises to reasoners (an RDFS store infers the class
    from them), so the curation must keep them: the subject and object have exactly the declared class."""
    problems: list[Problem] = []
    by_id = curation.by_id
    for relation in curation.relations:
        term = vocabulary.properties.get(relation.predicate)
        if term is None:
            continue
        for role, ref, declared in (
            ("subject", relation.subject, term.domain),
            ("object", relation.object, term.range),
        ):
            if declared is None or not declared.startswith(VOCAB_IRI):
                continue
            expected = declared[len(VOCAB_IRI) :]
            actual = by_id[ref].cls
            if actual != expected:
                which = "rdfs:domain" if role == "subject" else "rdfs:range"
                problems.append(
                    Problem(
                        f"the {role} `{ref}` is a {actual}, but the {which} of {relation.predicate} is k:{expected}",
                        file=relation.location.file,
                        line=relation.location.line,
                        id=relation.label,
                        hint=f"use another relation, or give `{ref}` the class {expected}",
                    )
                )
    return problems


def _is_acyclic(edges: Iterable[tuple[str, str]]) -> bool:
    """Whether the directed graph of ``edges`` has no cycle (Kahn's algorithm; no networkx at start-up)."""
    successors: dict[str, list[str]] = {}
    indegree: dict[str, int] = {}
    for a, b in edges:
        successors.setdefault(a, []).append(b)
        successors.setdefault(b, [])
        indegree[b] = indegree.get(b, 0) + 1
        indegree.setdefault(a, 0)
    ready = [node for node, degree in indegree.items() if degree == 0]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for nxt in successors[node]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return seen == len(indegree)


def _hierarchy_problems(curation: Curation) -> list[Problem]:
    where = {}
    for r in curation.relations:
        if r.predicate == "skos:broader":
            where[(r.subject, r.object)] = r
        elif r.predicate == "skos:narrower":
            where[(r.object, r.subject)] = r
    problems: list[Problem] = []
    if _is_acyclic(where):
        return problems
    import networkx as nx  # only to list the cycles, in networkx's order

    broader = nx.DiGraph()
    for r in curation.relations:
        if r.predicate == "skos:broader":
            broader.add_edge(r.subject, r.object)
        elif r.predicate == "skos:narrower":
            broader.add_edge(r.object, r.subject)
    for cycle in itertools.islice(nx.simple_cycles(broader), 10):
        first = where[(cycle[0], cycle[1 % len(cycle)])]
        path = " -> ".join([*cycle, cycle[0]])
        problems.append(
            Problem(
                f"cycle in skos:broader: {path}",
                file=first.location.file,
                line=first.location.line,
                id=cycle[0],
                hint="a concept cannot be broader than itself: remove one of these relations",
            )
        )
    return problems


def _connectivity_problems(curation: Curation, folder: Path) -> list[Problem]:
    frameworks = [c.id for c in curation.concepts if c.cls == FRAMEWORK_CLASS]
    if not frameworks:
        return [
            Problem(
                "no concept of class Framework" + ("" if curation.concepts else " (the curation has no concepts)"),
                file=curation.concepts[0].location.file if curation.concepts else folder,
                hint="curate the framework (e.g. framework-1571) first",
            )
        ]
    neighbours: dict[str, set[str]] = {c.id: set() for c in curation.concepts}
    for r in curation.relations:
        neighbours.setdefault(r.subject, set()).add(r.object)
        neighbours.setdefault(r.object, set()).add(r.subject)
    reachable, todo = set(frameworks), list(frameworks)
    while todo:  # the connected components of the frameworks, undirected
        for other in neighbours[todo.pop()] - reachable:
            reachable.add(other)
            todo.append(other)
    return [
        Problem(
            "concept is not connected to the framework",
            file=c.location.file,
            line=c.location.line,
            id=c.id,
            hint="add a relation (with evidence) linking it to a concept that is, or remove it",
        )
        for c in curation.concepts
        if c.id not in reachable
    ]
