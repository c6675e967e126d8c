"""The vis-network drawing, built with pyvis: nodes at fixed coordinates, styled by class, and its assets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg1571.errors import ExportError
from kg1571.explorer.data import display_label
from kg1571.explorer.layout import Layout, compute_layout
from kg1571.explorer.outline import compute_outline
from kg1571.explorer.style import DEFAULT_FONT_SIZE, STRUCTURAL, class_styles, darker, font_size, node_sizes
from kg1571.model import Project

#: The vis-network build that pyvis ships (pyproject pins pyvis to a range that carries it).
VIS_VERSION = "vis-9.1.2"
#: From this many nodes the page loads progressively (the first frame holds the nodes in and around the
#: default view, the rest follow in chunks after it), draws only the edges in view, and hides edges while
#: dragging or zooming. Below it everything is drawn at once, exactly as before. See docs/explorer.md.
LARGE_GRAPH = 2000


class _IdList(list):
    """pyvis keeps node ids in a list and tests membership on every add: a set makes building linear."""

    def __init__(self):
        super().__init__()
        self._set: set = set()

    def append(self, item) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item) -> bool:
        return item in self._set


def build_network(project: Project, layout: Layout | None = None) -> Any:
    """The pyvis Network: nodes at fixed coordinates, grouped and shaped by class, sized by degree."""
    from pyvis.network import Network

    layout = layout or compute_layout(project)
    styles = class_styles(project)
    sizes = node_sizes(project)
    outline = compute_outline(project)
    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _IdList()
    for concept in sorted(project.curation.concepts, key=lambda c: c.id):
        x, y = layout.positions[concept.id]
        net.add_node(
            concept.id,
            label=display_label(project, outline, concept, "zh"),
            shape=styles[concept.cls][1],
            group=concept.cls,
            x=x,
            y=y,
            size=sizes[concept.id],
            font={"size": font_size(layout, concept.id)},
        )
    for relation in sorted(project.curation.relations, key=lambda r: r.key):
        options: dict[str, object] = {"id": relation.key}
        if relation.predicate in STRUCTURAL:
            options.update(width=2.2, color={"color": "#7b8794"})
        elif relation.predicate == "skos:related":
            options.update(dashes=True)
        net.add_edge(relation.subject, relation.object, **options)
    net.options = vis_options(project, styles)
    return net


def vis_options(project: Project, styles: dict[str, tuple[str, str]]) -> dict:
    """vis-network options: no physics (coordinates are final), straight edges, one group per class."""
    large = len(project.curation.concepts) >= LARGE_GRAPH
    groups = {
        cls: {
            "shape": shape,
            "color": {
                "background": colour,
                "border": darker(colour),
                "highlight": {"background": colour, "border": "#111111"},
                "hover": {"background": colour, "border": "#111111"},
            },
        }
        for cls, (colour, shape) in styles.items()
    }
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1571},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": False,
            "multiselect": False,
            "zoomSpeed": 0.8,
        },
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "face": "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC',"
                "'Microsoft YaHei',system-ui,sans-serif",
                "size": DEFAULT_FONT_SIZE,
                "color": "#1f2933",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
                "multi": False,
            },
            "scaling": {"label": {"drawThreshold": 5}},
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
            "hoverWidth": 1,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "color": {"color": "#b6bfc8", "highlight": "#d9480f", "hover": "#52606d", "inherit": False},
            "font": {"size": 13, "color": "#364152", "strokeWidth": 4, "strokeColor": "#ffffff", "align": "horizontal"},
            # labels stay horizontal (readable; the page places them where their boxes overlap nothing), and an
            # edge label drawn smaller than 8 px cannot be read: vis-network leaves it out (zoomed out)
            "scaling": {"label": {"drawThreshold": 8}},
        },
        "groups": groups,
    }


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the installed pyvis package (no download)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / VIS_VERSION
    if not lib.is_dir():  # older/newer pyvis layouts keep the files under templates/lib
        lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / VIS_VERSION
    if not lib.is_dir():
        raise ExportError(
            f"vis-network ({VIS_VERSION}) is not where this kg1571 expects it in the installed pyvis "
            f"({Path(pyvis.__file__).resolve().parent}); install a pyvis in the range pyproject.toml "
            "names: pip install 'pyvis>=0.3.2,<0.4'"
        )
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def compact_node(node: dict) -> dict:
    """Drop what the node's group or the global options already say: per-node options cost vis-network a
    deep copy each, which is most of its start-up time on a 10k-node graph."""
    compact = {k: v for k, v in node.items() if k != "shape"}
    if compact.get("font") == {"size": DEFAULT_FONT_SIZE}:
        del compact["font"]
    return compact


def compact_edge(edge: dict) -> dict:
    """pyvis repeats ``arrows: "to"`` on every edge of a directed network; the global edge options say it."""
    return {k: v for k, v in edge.items() if not (k == "arrows" and v == "to")}
