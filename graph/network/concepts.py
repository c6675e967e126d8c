"""The concept network as a networkx MultiDiGraph: nodes are concepts, edges are curated relations."""

from __future__ import annotations

import networkx as nx

from kg1571.model import Project


def concept_network(project: Project) -> nx.MultiDiGraph:
    """Nodes carry labels and class, edges the relation name; insertion is sorted, so output is stable."""
    network = nx.MultiDiGraph()
    for concept in sorted(project.curation.concepts, key=lambda c: c.id):
        network.add_node(
            concept.id,
            label=concept.label_zh,
            label_zh=concept.label_zh,
            label_en=concept.label_en,
            **{"class": concept.cls},
        )
    for relation in sorted(project.curation.relations, key=lambda r: r.key):
        network.add_edge(relation.subject, relation.object, key=relation.key, relation=relation.predicate)
    return network
