"""How the explorer encodes a concept: colour and shape per class, the legend's order, node and label sizes."""

from __future__ import annotations

import math

from kg1571.explorer.layout import Layout
from kg1571.model import Project

#: Colour and vis-network shape per vocabulary class. Unknown classes get a deterministic fallback.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Framework": ("#c92a2a", "star"),
    "MainLine": ("#e8590c", "diamond"),
    "PositioningGroup": ("#1864ab", "square"),
    "StrategicPositioning": ("#4dabf7", "dot"),
    "KeyTaskGroup": ("#2b8a3e", "square"),
    "KeyTask": ("#51cf66", "dot"),
    "Guarantee": ("#862e9c", "diamond"),
    "Spirit": ("#f08c00", "hexagon"),
    "SpiritTrait": ("#ffc078", "triangle"),
    "Characteristic": ("#5c7cfa", "triangle"),
    "PracticeRequirement": ("#0ca678", "triangleDown"),
    "ImplementationMeasure": ("#82c91e", "triangleDown"),
    "PerformanceOrientation": ("#a61e4d", "triangleDown"),
    "Significance": ("#f06595", "triangle"),
    "NumberedFormulation": ("#c2255c", "hexagon"),
    "RegionType": ("#a0785a", "square"),
    "Domain": ("#15aabf", "dot"),
    "Industry": ("#fab005", "square"),
    "Problem": ("#fa5252", "triangleDown"),
    "Initiative": ("#12b886", "diamond"),
    "Meeting": ("#495057", "star"),
    "PlanPeriod": ("#868e96", "star"),
    "GuidingThought": ("#e64980", "hexagon"),
    "Principle": ("#7950f2", "dot"),
    "Theory": ("#3bc9db", "diamond"),
    "Goal": ("#f76707", "star"),
    "Actor": ("#343a40", "square"),
}
FALLBACK_COLOURS = ("#6741d9", "#099268", "#d9480f", "#1c7ed6", "#e67700", "#5f3dc4", "#0b7285", "#a61e4d")
FALLBACK_SHAPES = ("dot", "square", "triangle", "diamond", "triangleDown", "hexagon")
#: Legend order: the plan's structure first, then the rest as the vocabulary lists them.
STRUCTURE_CLASSES = (
    "Framework",
    "MainLine",
    "PositioningGroup",
    "StrategicPositioning",
    "KeyTaskGroup",
    "KeyTask",
    "Guarantee",
)

#: Predicates drawn darker and thicker: they carry the plan's structure.
STRUCTURAL = ("hasComponent", "skos:broader", "skos:narrower")

DEFAULT_FONT_SIZE = 15  # node label size outside the plan's structure (which gets bigger labels)


def class_styles(project: Project) -> dict[str, tuple[str, str]]:
    """Colour and shape of every class used by the curation (vocabulary classes first, then unknown ones)."""
    used = sorted({c.cls for c in project.curation.concepts})
    styles, fallback = {}, 0
    for cls in used:
        if cls in CLASS_STYLE:
            styles[cls] = CLASS_STYLE[cls]
        else:
            styles[cls] = (
                FALLBACK_COLOURS[fallback % len(FALLBACK_COLOURS)],
                FALLBACK_SHAPES[fallback % len(FALLBACK_SHAPES)],
            )
            fallback += 1
    return styles


def legend_order(project: Project) -> list[str]:
    """Classes in the order the legend lists them."""
    used = {c.cls for c in project.curation.concepts}
    vocabulary = list(project.vocabulary.classes)
    rank: dict[str, int] = {}
    for cls in [*STRUCTURE_CLASSES, *vocabulary]:
        rank.setdefault(cls, len(rank))
    return sorted(used, key=lambda cls: (rank.get(cls, len(rank)), cls))


def node_sizes(project: Project) -> dict[str, float]:
    """Node radius from degree (curated relations in either direction, as in `kg1571 stats`), on a
    square-root scale."""
    from kg1571.network.concepts import concept_network

    degree = dict(concept_network(project).degree())
    return {c.id: round(min(10 + 5 * math.sqrt(degree[c.id]), 48), 1) for c in project.curation.concepts}


def font_size(layout: Layout, concept_id: str) -> int:
    """Bigger labels for the plan's structure, so the default view reads without zooming."""
    depth = layout.depth.get(concept_id)
    return {0: 30, 1: 24, 2: 21, 3: 19}.get(depth, DEFAULT_FONT_SIZE) if depth is not None else DEFAULT_FONT_SIZE


def darker(colour: str) -> str:
    """``colour`` (#rrggbb) at 70% brightness, for node borders."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(v * 0.7) for v in (r, g, b)))
