"""The interactive HTML explorer: a pyvis network, the curation as data, and our own offline template.

``render_html(project)`` returns one self-contained HTML page (vis-network's JS and CSS inlined from the
installed pyvis package, no CDN, no request of any kind). All text enters the page as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the page's script inserts it
with ``textContent`` only. Output is byte-identical for the same project (sorted data, rounded coordinates,
no timestamps or random ids).
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from importlib import resources
from pathlib import Path

from graph.layout import Layout, compute_layout
from graph.model import Concept, Project, Quote, Relation

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
STRUCTURE_CLASSES = ("Framework", "MainLine", "PositioningGroup", "StrategicPositioning", "KeyTaskGroup", "KeyTask",
                     "Guarantee")

#: Predicates drawn darker and thicker: they carry the plan's structure.
STRUCTURAL = ("hasComponent", "skos:broader", "skos:narrower")
SKOS_LABELS = {
    "skos:broader": ("上位概念", "broader", "下位概念是上位概念的一部分或一种。",
                     "The subject is narrower than the object."),
    "skos:narrower": ("下位概念", "narrower", "上位概念包含下位概念。", "The object is narrower than the subject."),
    "skos:related": ("相关", "related", "两个概念彼此相关。", "The two concepts are associatively related."),
}
SECTION_KINDS = {
    "title": ("标题", "Title"), "byline": ("署名", "Byline"), "key-points": ("核心提示", "Key points"),
    "introduction": ("引言", "Introduction"), "heading": ("标题", "Heading"), "subsection": ("小节", "Sub-section"),
    "fragment": ("片段", "Fragment"), "conclusion": ("结语", "Conclusion"),
}

SENTENCE_END = "。！？!?；;\n"
CONTEXT_LIMIT = 120           # code points of context shown on either side of a quote at most
ZH_WRAP = 8                   # characters per line of a wrapped Chinese node label
DEFAULT_FONT_SIZE = 15        # node label size outside the plan's structure (which gets bigger labels)
EN_WRAP = 18                  # characters per line of a wrapped English node label
NO_LINE_START = "”’）)》」』，,。.、：:；;！!？?"
VIS_VERSION = "vis-9.1.2"
#: From this many nodes the page loads progressively (the first frame holds the nodes in and around the
#: default view, the rest follow in chunks after it), draws only the edges in view, and hides edges while
#: dragging or zooming. Below it everything is drawn at once, exactly as before. See docs/explorer.md.
LARGE_GRAPH = 2000
_TEMPLATES = "templates"


# ------------------------------------------------------------------------------------------- encoding

def class_styles(project: Project) -> dict[str, tuple[str, str]]:
    """Colour and shape of every class used by the curation (vocabulary classes first, then unknown ones)."""
    used = sorted({c.cls for c in project.curation.concepts})
    styles, fallback = {}, 0
    for cls in used:
        if cls in CLASS_STYLE:
            styles[cls] = CLASS_STYLE[cls]
        else:
            styles[cls] = (FALLBACK_COLOURS[fallback % len(FALLBACK_COLOURS)],
                           FALLBACK_SHAPES[fallback % len(FALLBACK_SHAPES)])
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


_TOKEN = re.compile(r"[A-Za-z0-9.%+-]+|\s+|.", re.DOTALL)
NO_LINE_END = "“‘（(《「『"


def wrap_label(text: str, lang: str) -> str:
    """Break a node label into short lines (vis-network draws ``\\n`` as a line break).

    Chinese lines hold about ZH_WRAP characters; a run of Latin letters or digits (“1571”) is never split,
    no line starts with closing punctuation and none ends with an opening quote or bracket.
    """
    if lang == "en":
        return "\n".join(textwrap.wrap(text, EN_WRAP, break_long_words=False)) or text

    def width(s: str) -> float:
        return sum(0.55 if ord(ch) < 128 else 1.0 for ch in s)

    if width(text) <= ZH_WRAP + 2:
        return text
    lines: list[str] = [""]
    for token in _TOKEN.findall(text):
        if lines[-1] and width(lines[-1]) + width(token) > ZH_WRAP and token[0] not in NO_LINE_START:
            carry = ""
            while lines[-1] and lines[-1][-1] in NO_LINE_END:
                carry, lines[-1] = lines[-1][-1] + carry, lines[-1][:-1]
            lines.append(carry)
        lines[-1] += token
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) > 1 and width(lines[-1]) <= 2:  # no orphan of one or two characters
        last = lines.pop()
        lines[-1] += last
    return "\n".join(lines)


def node_sizes(project: Project) -> dict[str, float]:
    """Node radius from degree (curated relations in either direction, as in `kg1571 stats`), on a
    square-root scale."""
    from graph.network import concept_network

    degree = dict(concept_network(project).degree())
    return {c.id: round(min(10 + 5 * math.sqrt(degree[c.id]), 48), 1) for c in project.curation.concepts}


def font_size(layout: Layout, concept_id: str) -> int:
    """Bigger labels for the plan's structure, so the default view reads without zooming."""
    depth = layout.depth.get(concept_id)
    return {0: 30, 1: 24, 2: 21, 3: 19}.get(depth, DEFAULT_FONT_SIZE) if depth is not None else DEFAULT_FONT_SIZE


# ------------------------------------------------------------------------------------------- network

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


def build_network(project: Project, layout: Layout | None = None):
    """The pyvis Network: nodes at fixed coordinates, grouped and shaped by class, sized by degree."""
    from pyvis.network import Network

    layout = layout or compute_layout(project)
    styles = class_styles(project)
    sizes = node_sizes(project)
    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _IdList()
    for concept in sorted(project.curation.concepts, key=lambda c: c.id):
        x, y = layout.positions[concept.id]
        net.add_node(concept.id, label=wrap_label(concept.label_zh, "zh"), shape=styles[concept.cls][1],
                     group=concept.cls, x=x, y=y, size=sizes[concept.id],
                     font={"size": font_size(layout, concept.id)})
    for relation in sorted(project.curation.relations, key=lambda r: r.key):
        options = {"id": relation.key}
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
        cls: {"shape": shape, "color": {"background": colour, "border": _darker(colour),
                                        "highlight": {"background": colour, "border": "#111111"},
                                        "hover": {"background": colour, "border": "#111111"}}}
        for cls, (colour, shape) in styles.items()
    }
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1571},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "keyboard": False, "multiselect": False, "zoomSpeed": 0.8},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"face": "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC',"
                                   "'Microsoft YaHei',system-ui,sans-serif",
                           "size": DEFAULT_FONT_SIZE, "color": "#1f2933", "strokeWidth": 4, "strokeColor": "#ffffff",
                           "multi": False},
                  "scaling": {"label": {"drawThreshold": 5}}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2, "hoverWidth": 1,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "color": {"color": "#b6bfc8", "highlight": "#d9480f", "hover": "#52606d", "inherit": False},
                  "font": {"size": 13, "color": "#364152", "strokeWidth": 4, "strokeColor": "#ffffff",
                           "align": "middle"}},
        "groups": groups,
    }


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(v * 0.7) for v in (r, g, b)))


# ------------------------------------------------------------------------------------------- data

def _predicate_terms(project: Project) -> dict[str, dict]:
    used = sorted({r.predicate for r in project.curation.relations})
    terms = {}
    for name in used:
        if name in SKOS_LABELS:
            zh, en, comment_zh, comment_en = SKOS_LABELS[name]
        elif name in project.vocabulary.properties:
            t = project.vocabulary.properties[name]
            zh, en, comment_zh, comment_en = t.label_zh, t.label_en, t.comment_zh, t.comment_en
        else:
            zh = en = name
            comment_zh = comment_en = ""
        terms[name] = {"zh": zh, "en": en, "czh": comment_zh, "cen": comment_en}
    return terms


def _class_terms(project: Project, styles: dict[str, tuple[str, str]]) -> list[dict]:
    counts: dict[str, int] = {}
    for c in project.curation.concepts:
        counts[c.cls] = counts.get(c.cls, 0) + 1
    result = []
    for cls in legend_order(project):
        term = project.vocabulary.classes.get(cls)
        colour, shape = styles[cls]
        result.append({"name": cls, "zh": term.label_zh if term else cls, "en": term.label_en if term else cls,
                       "czh": term.comment_zh if term else "", "cen": term.comment_en if term else "",
                       "color": colour, "shape": shape, "count": counts[cls]})
    return result


def _section_labels(project: Project) -> dict[str, dict]:
    """Each section's display label: its heading, else the nearest ancestor's heading, else its kind."""
    sections = {s.id: s for s in project.source.sections}
    labels = {}
    for sid, section in sorted(sections.items()):
        cur, seen = section, set()
        while cur is not None and cur.heading is None and cur.parent and cur.parent not in seen:
            seen.add(cur.id)
            cur = sections.get(cur.parent)
        if cur is not None and cur.heading is not None:
            labels[sid] = {"zh": cur.heading, "en": cur.heading}
        else:
            zh, en = SECTION_KINDS.get(section.kind, (section.kind, section.kind))
            labels[sid] = {"zh": zh, "en": en}
    return labels


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): back to the previous sentence end or line break, on to the next
    one (included), at most CONTEXT_LIMIT code points either side."""
    lo = start
    while lo > 0 and start - lo < CONTEXT_LIMIT and text[lo - 1] not in SENTENCE_END:
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < CONTEXT_LIMIT and text[hi] != "\n" and text[hi - 1] not in SENTENCE_END:
        hi += 1
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, hi


def _evidence(project: Project, quotes: tuple[Quote, ...]) -> list[list]:
    """[start, end, context start, context end, section id or ""] per located quote, in source order."""
    text = project.source.text
    rows = []
    for q in quotes:
        if q.span is None:
            continue
        lo, hi = sentence_bounds(text, q.span.start, q.span.end)
        section = q.span.section_id or project.source.section_at(q.span.start) or ""
        rows.append([q.span.start, q.span.end, lo, hi, section])
    return sorted(rows)


def _concept_record(project: Project, c: Concept) -> dict:
    record = {"id": c.id, "cls": c.cls, "zh": c.label_zh, "en": c.label_en,
              "wzh": wrap_label(c.label_zh, "zh"), "wen": wrap_label(c.label_en, "en"),
              "ev": _evidence(project, c.evidence)}
    optional = {"azh": list(c.alt_zh), "aen": list(c.alt_en), "dzh": c.definition_zh, "den": c.definition_en,
                "note": c.note, "order": c.order}
    record.update({k: v for k, v in optional.items() if v not in (None, [], "")})
    return record


def _relation_record(project: Project, r: Relation) -> dict:
    record = {"id": r.key, "s": r.subject, "p": r.predicate, "o": r.object, "ev": _evidence(project, r.evidence)}
    if r.note:
        record["note"] = r.note
    return record


def source_marks(concepts: list[dict], relations: list[dict]) -> list[list]:
    """The article cut into highlighted segments: [start, end, [owner ids]] where evidence covers it.

    Overlapping quotes are split at every boundary, so each segment lists every concept (id) and relation
    (key, which contains ``--``) whose evidence covers it.
    """
    spans = sorted({(ev[0], ev[1], item["id"]) for item in [*concepts, *relations] for ev in item["ev"]})
    points = sorted({p for s, e, _ in spans for p in (s, e)})
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for s, e, owner in spans:
        starts.setdefault(s, []).append(owner)
        ends.setdefault(e, []).append(owner)
    active: dict[str, int] = {}
    marks = []
    for a, b in zip(points, points[1:], strict=False):
        for owner in ends.get(a, ()):
            active[owner] -= 1
            if not active[owner]:
                del active[owner]
        for owner in starts.get(a, ()):
            active[owner] = active.get(owner, 0) + 1
        if active:
            marks.append([a, b, sorted(active)])
    return marks


def explorer_data(project: Project, layout: Layout | None = None) -> dict:
    """Everything the page shows besides the drawing: concepts, relations, vocabulary labels, the article."""
    layout = layout or compute_layout(project)
    styles = class_styles(project)
    concepts = [_concept_record(project, c) for c in sorted(project.curation.concepts, key=lambda c: c.id)]
    relations = [_relation_record(project, r) for r in sorted(project.curation.relations, key=lambda r: r.key)]
    source = project.source
    return {
        "title": source.title,
        "creator": source.creator,
        "classes": _class_terms(project, styles),
        "predicates": _predicate_terms(project),
        "structural": list(STRUCTURAL),
        "concepts": concepts,
        "relations": relations,
        "sections": _section_labels(project),
        "source": source.text,
        "marks": source_marks(concepts, relations),
        "view": {"core": list(layout.core), "components": list(layout.components),
                 "root": next((n for n, d in layout.depth.items() if d == 0), None)},
    }


# ------------------------------------------------------------------------------------------- page

def script_json(value: object) -> str:
    """JSON safe to place inside a <script> element: no `<`, `>` or `&` survives, so nothing can close it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _safe_inline(code: str, tag: str) -> str:
    """Library code placed inline must not contain its own closing tag."""
    if re.search(rf"</{tag}", code, re.IGNORECASE) or (tag == "script" and "<!--" in code):
        code = re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    return code


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the installed pyvis package (no download)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / VIS_VERSION
    if not lib.is_dir():  # older/newer pyvis layouts keep the files under templates/lib
        lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def _template(name: str) -> str:
    return resources.files("graph").joinpath(_TEMPLATES, name).read_text(encoding="utf-8")


def render_html(project: Project) -> str:
    """The explorer page as one self-contained HTML string (pure: writes nothing)."""
    layout = compute_layout(project)
    net = build_network(project, layout)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    graph = {"nodes": [_compact_node(n) for n in nodes], "edges": [_compact_edge(e) for e in edges],
             "options": json.loads(options), "progressive": len(nodes) >= LARGE_GRAPH}
    vis_js, vis_css = vis_assets()
    slots = {
        "LANG": "zh-Hans",
        "TITLE": _escape_text(project.source.title),
        "VIS_CSS": _safe_inline(vis_css, "style"),
        "APP_CSS": _safe_inline(_template("explorer.css"), "style"),
        "DATA": script_json(explorer_data(project, layout)),
        "GRAPH": script_json(graph),
        "VIS_JS": _safe_inline(vis_js, "script"),
        "APP_JS": _safe_inline(_template("explorer.js"), "script"),
    }
    # one pass, so text inside a slot can never be mistaken for another slot
    return re.sub(r"/\*@(\w+)@\*/", lambda m: slots[m.group(1)], _template("explorer.html"))


def _compact_node(node: dict) -> dict:
    """Drop what the node's group or the global options already say: per-node options cost vis-network a
    deep copy each, which is most of its start-up time on a 10k-node graph."""
    compact = {k: v for k, v in node.items() if k != "shape"}
    if compact.get("font") == {"size": DEFAULT_FONT_SIZE}:
        del compact["font"]
    return compact


def _compact_edge(edge: dict) -> dict:
    """pyvis repeats ``arrows: "to"`` on every edge of a directed network; the global edge options say it."""
    return {k: v for k, v in edge.items() if not (k == "arrows" and v == "to")}


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
