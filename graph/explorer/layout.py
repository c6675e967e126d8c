"""Deterministic node coordinates for the explorer: the plan's structure as a radial tree, the rest in rings.

The framework sits at the centre; its components (1+5+7+1) go round it clockwise from the top in their
curated order, each with its structural descendants (groups, positionings, tasks) fanning outwards in its
own sector. Every other concept is placed in rings around that core, layer by layer (its distance from
the core), each near the angle of the neighbours it hangs from. No physics, no randomness: the same
curation always gives the same coordinates. Cost is O((V + E) log V).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass

from kg1571.model import Project

#: Predicates that shape the core tree: parent --p--> child, or (for skos:broader) child --p--> parent.
DOWNWARD = ("hasComponent", "skos:narrower")
UPWARD = ("skos:broader",)
FRAMEWORK_CLASS = "Framework"

CORE_DEPTH = 3  # framework (0) -> components (1) -> groups (2) -> items (3)
CORE_RADII = (0.0, 250.0, 500.0, 730.0)
SPACING = 175.0  # arc length between neighbouring nodes on one ring (room for a wrapped label)
RING_GAP = 120.0  # radial distance between sub-rings
FIRST_RING_GAP = 230.0  # from the outermost core ring to the first ring of the periphery
GOLDEN = (math.sqrt(5) - 1) / 2
MAX_RINGS = 3  # sub-rings per annulus before a crowded layer moves on to a wider annulus


@dataclass(frozen=True)
class Layout:
    """Coordinates by concept id, and the concepts that make up the structural core (for the default view)."""

    positions: dict[str, tuple[float, float]]
    core: tuple[str, ...]
    depth: dict[str, int]  # tree depth of core nodes (0 = framework)
    components: tuple[str, ...]  # the framework's components, in order


def _order_key(project: Project):
    order = {c.id: (c.order if c.order is not None else 10**9) for c in project.curation.concepts}
    return lambda cid: (order.get(cid, 10**9), cid)


def core_tree(project: Project) -> tuple[str | None, dict[str, list[str]], dict[str, int]]:
    """The framework, each core node's children (ordered) and its depth; empty without a framework."""
    concepts = project.curation.concepts
    key = _order_key(project)
    children_of: dict[str, set[str]] = defaultdict(set)
    components_of: dict[str, int] = defaultdict(int)
    for r in project.curation.relations:
        if r.predicate in DOWNWARD:
            children_of[r.subject].add(r.object)
            if r.predicate == "hasComponent":
                components_of[r.subject] += 1
        elif r.predicate in UPWARD:
            children_of[r.object].add(r.subject)
    frameworks = sorted(
        (c.id for c in concepts if c.cls == FRAMEWORK_CLASS), key=lambda cid: (-components_of[cid], cid)
    )
    if not frameworks:
        return None, {}, {}
    root = frameworks[0]
    # depth = longest structural path from the root (so a positioning under both the umbrella and its group
    # hangs from the group); computed by relaxation bounded by CORE_DEPTH, so cycles cannot loop forever.
    depth = {root: 0}
    frontier = [root]
    for level in range(1, CORE_DEPTH + 1):
        nxt = sorted({child for parent in frontier for child in children_of.get(parent, ()) if child != root}, key=key)
        for child in nxt:
            depth[child] = level
        frontier = nxt
    parents: dict[str, set[str]] = defaultdict(set)
    for parent, kids in children_of.items():
        for kid in kids:
            parents[kid].add(parent)
    parent_of: dict[str, str] = {}
    for node in sorted(depth, key=lambda n: (depth[n], key(n))):
        if node == root:
            continue
        candidates = [p for p in parents[node] if depth.get(p) == depth[node] - 1]
        if candidates:
            parent_of[node] = min(candidates, key=key)
    tree: dict[str, list[str]] = defaultdict(list)
    for node in sorted(parent_of, key=key):
        tree[parent_of[node]].append(node)
    kept = {root} | set(parent_of)
    return root, dict(tree), {n: d for n, d in depth.items() if n in kept}


def _radial_core(root: str, tree: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Leaves share the circle equally; a parent sits at the middle of its leaves' angles."""
    leaves: dict[str, int] = {}

    def count(node: str, level: int) -> int:
        kids = tree.get(node, [])
        leaves[node] = max(sum(count(k, level + 1) for k in kids), 2 if level == 1 else 1)
        return leaves[node]

    total = count(root, 0)
    angle: dict[str, float] = {}

    def place(node: str, start: float, span: float) -> None:
        angle[node] = start + span / 2
        at = start
        for kid in tree.get(node, []):
            share = span * leaves[kid] / leaves[node]
            place(kid, at, share)
            at += share

    first = tree[root][0] if tree.get(root) else root
    place(root, -math.pi / 2 - math.pi * leaves[first] / total, 2 * math.pi)  # first component straight up
    levels: dict[int, list[str]] = defaultdict(list)

    def collect(node: str, level: int) -> None:
        levels[level].append(node)
        for kid in tree.get(node, []):
            collect(kid, level + 1)

    collect(root, 0)
    positions = {root: (0.0, 0.0)}
    radius = 0.0
    for level in sorted(levels)[1:]:
        # far enough out that the closest two nodes of this level are SPACING apart, and beyond the last level
        angles = sorted(angle[n] for n in levels[level])
        gaps = [b - a for a, b in zip(angles, angles[1:], strict=False)] + [2 * math.pi - (angles[-1] - angles[0])]
        closest = min(g for g in gaps if g > 0) if len(angles) > 1 else 2 * math.pi
        base = CORE_RADII[min(level, len(CORE_RADII) - 1)]
        radius = max(base, SPACING / closest, radius + CORE_RADII[1] * 0.9)
        for node in levels[level]:
            positions[node] = (radius * math.cos(angle[node]), radius * math.sin(angle[node]))
    return positions


def _circular_mean(angles: list[float]) -> float:
    return math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles))


def _place_ring(nodes: list[tuple[float, str]], inner: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Place (target angle, id) pairs in an annulus starting at radius ``inner``; return positions and outer radius.

    The annulus has as many sub-rings as the node count needs; consecutive nodes (by angle) alternate between
    sub-rings, and a sweep keeps them at least one slot apart while staying as close as possible to their
    targets.
    """
    count = len(nodes)
    inner = max(inner, SPACING)
    rings = 1  # enough sub-rings that, even on the innermost, nodes `rings` apart are SPACING apart
    while (count + rings) * SPACING / rings > 2 * math.pi * inner:
        rings += 1
    gap = SPACING / rings / inner  # angular gap between consecutive nodes
    ordered = sorted(nodes)
    placed: list[float] = []
    for target, _ in ordered:
        placed.append(target if not placed else max(target, placed[-1] + gap))
    if placed and placed[-1] - placed[0] > 2 * math.pi - rings * gap:  # too crowded for the targets: spread
        slots = count + (-count) % rings  # a multiple of `rings`, so the sub-rings also line up across the wrap
        step = 2 * math.pi / slots
        offset = _circular_mean([t - i * step for i, (t, _) in enumerate(ordered)])
        placed = [offset + i * step for i in range(count)]
    elif placed:  # re-centre the run on its targets (the sweep only ever pushes forwards)
        shift = sum(t for t, _ in ordered) / count - sum(placed) / count
        placed = [p + shift for p in placed]
    positions = {}
    for i, ((_, node), a) in enumerate(zip(ordered, placed, strict=True)):
        r = inner + (i % rings) * RING_GAP
        positions[node] = (r * math.cos(a), r * math.sin(a))
    return positions, inner + (rings - 1) * RING_GAP


def _place_layer(nodes: list[tuple[float, str]], inner: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Place one layer; a big layer fills successive annuli of at most MAX_RINGS sub-rings each.

    Each annulus takes a share of the layer proportional to its capacity, picked along a golden-ratio
    (low-discrepancy) sequence over the angle order, so every annulus spans the whole circle, the disc grows
    as the square root of the node count, and the cost stays O(n log n).
    """
    ordered = sorted(nodes)
    capacities: list[int] = []
    radius = inner
    while sum(capacities) < len(ordered):
        capacities.append(max(1, int(2 * math.pi * max(radius, SPACING) * MAX_RINGS / SPACING) - MAX_RINGS))
        radius += (MAX_RINGS - 1) * RING_GAP + RING_GAP
    if len(capacities) == 1:
        return _place_ring(ordered, inner)
    total = sum(capacities)
    bounds = list(itertools.accumulate(c / total for c in capacities))
    chunks: list[list[tuple[float, str]]] = [[] for _ in capacities]
    for i, item in enumerate(ordered):
        u = (i * GOLDEN) % 1.0
        chunks[min(bisect.bisect_right(bounds, u), len(chunks) - 1)].append(item)
    positions: dict[str, tuple[float, float]] = {}
    outer = inner
    for chunk in chunks:
        if not chunk:
            continue
        ring, outer = _place_ring(chunk, inner)
        positions.update(ring)
        inner = outer + RING_GAP
    return positions, outer


def _layers(ids: list[str], neighbours: dict[str, set[str]], core: tuple[str, ...]) -> list[list[str]]:
    """The concepts outside the core in breadth-first layers from it (each sorted), then any concept that no
    relation connects to the core (none in a checked curation) as one last layer."""
    import networkx as nx

    network = nx.Graph()
    network.add_nodes_from(ids)
    network.add_edges_from((a, b) for a in ids for b in neighbours[a])
    layers = [sorted(layer) for layer in nx.bfs_layers(network, core)][1:] if core else []
    reached = set(core).union(*layers)
    leftovers = [i for i in ids if i not in reached]
    return [*layers, leftovers] if leftovers else layers


def compute_layout(project: Project) -> Layout:
    """Coordinates for every concept (see the module docstring)."""
    ids = sorted(c.id for c in project.curation.concepts)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for r in project.curation.relations:
        neighbours[r.subject].add(r.object)
        neighbours[r.object].add(r.subject)
    root, tree, depth = core_tree(project)
    positions: dict[str, tuple[float, float]] = _radial_core(root, tree) if root else {}
    core = tuple(sorted(positions))
    components = tuple(tree.get(root, [])) if root else ()
    outer = max((math.hypot(*p) for p in positions.values()), default=0.0)
    inner = outer + FIRST_RING_GAP if positions else 0.0

    # breadth-first layers outwards from the core; each node aims at the mean angle of its placed neighbours
    for layer in _layers(ids, neighbours, core):
        targets = []
        for index, node in enumerate(layer):
            anchors = [positions[n] for n in sorted(neighbours[node]) if n in positions]
            anchors = [a for a in anchors if a != (0.0, 0.0)]
            if anchors:
                target = _circular_mean([math.atan2(y, x) for x, y in anchors])
            else:
                target = -math.pi / 2 + 2 * math.pi * index / len(layer)
            targets.append((round(target, 9), node))
        ring, outer_radius = _place_layer(targets, inner)
        positions.update(ring)
        inner = outer_radius + FIRST_RING_GAP * 0.75
    rounded = {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}
    return Layout(positions=rounded, core=core, depth=depth, components=components)
