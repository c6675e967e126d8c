"""The checks' and the builder's graph walks (pure Python, so start-up does not import networkx) agree with
networkx on random graphs."""

from __future__ import annotations

import random
from types import SimpleNamespace

import networkx as nx

from kg1571.curation.checks import _is_acyclic
from kg1571.rdf.hierarchy import redundant_broader


def random_edges(rng: random.Random) -> list[tuple[str, str]]:
    nodes = [f"n{i}" for i in range(rng.randint(1, 9))]
    return [(rng.choice(nodes), rng.choice(nodes)) for _ in range(rng.randint(0, 14))]


def test_acyclic_check_agrees_with_networkx():
    rng = random.Random(1571)
    for _ in range(2000):
        edges = random_edges(rng)
        assert _is_acyclic(edges) == nx.is_directed_acyclic_graph(nx.DiGraph(edges)), edges


def test_redundant_broader_agrees_with_networkx():
    rng = random.Random(1572)
    checked = 0
    while checked < 500:
        edges = [(a, b) for a, b in random_edges(rng) if a != b]
        if not nx.is_directed_acyclic_graph(nx.DiGraph(edges)):
            continue  # the checker rejects cycles before anything is built
        relations = [
            SimpleNamespace(
                predicate=rng.choice(["skos:broader", "skos:narrower"]), subject=a, object=b, key=f"{a}>{b}"
            )
            for a, b in edges
        ]
        relations = [
            r
            if r.predicate == "skos:broader"
            else SimpleNamespace(**{**vars(r), "subject": r.object, "object": r.subject})
            for r in relations
        ]
        graph = nx.DiGraph(
            [(r.subject, r.object) if r.predicate == "skos:broader" else (r.object, r.subject) for r in relations]
        )
        expected = set()
        for r in relations:
            if r.predicate == "skos:broader":
                graph.remove_edge(r.subject, r.object)
                if nx.has_path(graph, r.subject, r.object):
                    expected.add(r.key)
                graph.add_edge(r.subject, r.object)
        assert redundant_broader(SimpleNamespace(relations=relations)) == expected, edges  # type: ignore[arg-type]
        checked += 1
