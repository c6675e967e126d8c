"""The SKOS hierarchy a browser shows: redundant skos:broader links, and the browse links derived from the
plan's structural relations so that skos:narrower reaches the plan's structure from its top concept."""

from __future__ import annotations

from kg1571.model import Curation

#: (subject class, relation, object class, which end is narrower): a curated relation of this shape is also
#: a step of the browse hierarchy. The framework's components, characteristics and practice requirements
#: sit under it; the measures that implement it too; a measure's performance orientations and the spirits
#: it promotes or requires under the measure; a spirit that supports the framework under the framework; a
#: spirit's traits under the spirit; a requirement's numbered set (the
#: "three significances") under the requirement. docs/linked-data.md explains the choice.
BROWSE_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("Framework", "hasComponent", "*", "object"),
    ("Framework", "hasCharacteristic", "Characteristic", "object"),
    ("Framework", "requires", "PracticeRequirement", "object"),
    ("ImplementationMeasure", "implements", "Framework", "subject"),
    ("ImplementationMeasure", "requires", "PerformanceOrientation", "object"),
    ("ImplementationMeasure", "focusesOn", "Spirit", "object"),
    ("ImplementationMeasure", "requires", "Spirit", "object"),
    ("Spirit", "supports", "Framework", "subject"),
    ("PracticeRequirement", "requires", "NumberedFormulation", "object"),
    ("Spirit", "hasTrait", "SpiritTrait", "object"),
)


def _broader_pairs(curation: Curation) -> set[tuple[str, str]]:
    pairs = set()
    for r in curation.relations:
        if r.predicate == "skos:broader":
            pairs.add((r.subject, r.object))
        elif r.predicate == "skos:narrower":
            pairs.add((r.object, r.subject))
    return pairs


def redundant_broader(curation: Curation) -> set[str]:
    """Keys of the curated skos:broader relations that a path of two or more other skos:broader links
    already implies (a positioning under its group and also under the group's parent)."""
    successors: dict[str, set[str]] = {}
    for a, b in _broader_pairs(curation):
        successors.setdefault(a, set()).add(b)
    redundant = set()
    for r in curation.relations:
        if r.predicate != "skos:broader":
            continue
        # a path from subject to object that does not take the direct edge (no networkx at start-up)
        seen = {r.subject}
        todo = [n for n in successors.get(r.subject, ()) if n != r.object]
        while todo:
            node = todo.pop()
            if node == r.object:
                redundant.add(r.key)
                break
            if node not in seen:
                seen.add(node)
                todo.extend(successors.get(node, ()))
    return redundant


def browse_links(curation: Curation) -> list[tuple[str, str]]:
    """(narrower id, broader id) pairs derived by BROWSE_RULES, sorted, without pairs the curation already
    links by skos:broader or skos:narrower."""
    classes = {c.id: c.cls for c in curation.concepts}
    existing = _broader_pairs(curation)
    links = set()
    for r in curation.relations:
        for subject_class, predicate, object_class, narrower_end in BROWSE_RULES:
            if r.predicate != predicate or classes[r.subject] != subject_class:
                continue
            if object_class != "*" and classes[r.object] != object_class:
                continue
            pair = (r.object, r.subject) if narrower_end == "object" else (r.subject, r.object)
            if pair not in existing and (pair[1], pair[0]) not in existing:
                links.add(pair)
    return sorted(links)
