"""Summary figures of a project: counts per class and relation, most connected concepts, components."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kg1571.model import Project


@dataclass(frozen=True)
class Stats:
    """Plain values, ready to print or assert on."""

    concepts: int
    relations: int
    evidence: int
    per_class: dict[str, int]
    per_relation: dict[str, int]
    top_degree: list[tuple[str, str, int]]  # (id, zh label, degree)
    components: list[int]  # sizes of weakly connected components, largest first


def compute_stats(project: Project, top: int = 10) -> Stats:
    """Degree counts every curated relation touching a concept, in either direction."""
    import networkx as nx

    from kg1571.network.concepts import concept_network

    concepts, relations = project.curation.concepts, project.curation.relations
    network = concept_network(project)
    labels = {c.id: c.label_zh for c in concepts}
    ranked = sorted(network.degree(), key=lambda item: (-item[1], item[0]))[:top]
    return Stats(
        concepts=len(concepts),
        relations=len(relations),
        evidence=sum(len(c.evidence) for c in concepts) + sum(len(r.evidence) for r in relations),
        per_class=dict(sorted(Counter(c.cls for c in concepts).items())),
        per_relation=dict(sorted(Counter(r.predicate for r in relations).items())),
        top_degree=[(cid, labels[cid], degree) for cid, degree in ranked],
        components=sorted((len(c) for c in nx.weakly_connected_components(network)), reverse=True),
    )
