"""How the explorer encodes a concept: colour and shape per class, the legend's order, node and label sizes."""

from __future__ import annotations

import math

from kg1571.explorer.layout import Layout
from kg1571.model import Project

#: Seven class families, one colour each; within a family the shape tells the classes apart. Every colour
#: has at least 3:1 contrast against the white drawing and stays distinct from the others under protanopia,
#: deuteranopia and tritanopia (tests/explorer/test_style.py simulates them).
FAMILY_COLOURS = {
    "structure": "#cb1f4d",  # the framework and its two single components
    "positioning": "#085ac8",  # the five strategic positionings and their groups
    "task": "#3f9d8f",  # the seven key tasks and their group
    "spirit": "#b68800",  # spirit, traits, guiding thought, theory, principles, significance
    "practice": "#984300",  # characteristics, requirements, measures, orientations, initiatives, goals
    "context": "#694675",  # regions, domains, industries, meetings, periods, actors, formulations
    "problem": "#1f1f1f",  # what the plan opposes
}
_FAMILY_SHAPES: dict[str, tuple[tuple[str, str], ...]] = {
    "structure": (("Framework", "star"), ("MainLine", "diamond"), ("Guarantee", "hexagon")),
    "positioning": (("PositioningGroup", "square"), ("StrategicPositioning", "dot")),
    "task": (("KeyTaskGroup", "square"), ("KeyTask", "dot")),
    "spirit": (
        ("Spirit", "hexagon"),
        ("SpiritTrait", "triangle"),
        ("GuidingThought", "star"),
        ("Theory", "diamond"),
        ("Principle", "dot"),
        ("Significance", "triangleDown"),
    ),
    "practice": (
        ("Characteristic", "triangle"),
        ("PracticeRequirement", "triangleDown"),
        ("ImplementationMeasure", "square"),
        ("PerformanceOrientation", "diamond"),
        ("Initiative", "dot"),
        ("Goal", "star"),
    ),
    "context": (
        ("RegionType", "square"),
        ("Domain", "dot"),
        ("Industry", "hexagon"),
        ("Meeting", "star"),
        ("PlanPeriod", "diamond"),
        ("Actor", "triangle"),
        ("NumberedFormulation", "triangleDown"),
    ),
    "problem": (("Problem", "triangleDown"),),
}
#: Colour and vis-network shape per vocabulary class. Unknown classes get a deterministic fallback.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    cls: (FAMILY_COLOURS[family], shape) for family, members in _FAMILY_SHAPES.items() for cls, shape in members
}
#: Class -> family name.
CLASS_FAMILY: dict[str, str] = {cls: family for family, members in _FAMILY_SHAPES.items() for cls, _ in members}
FALLBACK_COLOURS = tuple(FAMILY_COLOURS.values())
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
