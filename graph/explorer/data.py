"""What the explorer shows besides the drawing, as plain JSON-ready records: concepts, relations with their
evidence in context, vocabulary labels, section headings, and the article cut into highlighted segments."""

from __future__ import annotations

from kg1571.explorer.labels import wrap_label
from kg1571.explorer.layout import Layout, compute_layout
from kg1571.explorer.outline import Outline, caption, compute_outline
from kg1571.explorer.search import pinyin_keys, traditional_map
from kg1571.explorer.style import STRUCTURAL, class_styles, legend_order
from kg1571.model import Concept, Project, Quote, Relation, Section
from kg1571.namespaces import Iris

SKOS_LABELS = {
    "skos:broader": (
        "上位概念",
        "broader",
        "下位概念是上位概念的一部分或一种。",
        "The subject is narrower than the object.",
    ),
    "skos:narrower": ("下位概念", "narrower", "上位概念包含下位概念。", "The object is narrower than the subject."),
    "skos:related": ("相关", "related", "两个概念彼此相关。", "The two concepts are associatively related."),
}
#: How a relation reads from its object's side (the reader at the object looks back at the subject):
#: plain words in both languages, so the page never says "(inverse) broader".
INVERSE_LABELS = {
    "skos:broader": ("下位概念", "narrower"),
    "skos:narrower": ("上位概念", "broader"),
    "skos:related": ("相关", "related"),
    "hasComponent": ("所属整体", "component of"),
    "addresses": ("应对措施", "addressed by"),
    "basedOn": ("据此形成", "basis of"),
    "contributesTo": ("得到助力", "helped by"),
    "during": ("时期内", "period of"),
    "exemplifies": ("例证", "exemplified by"),
    "focusesOn": ("被聚焦于", "focus of"),
    "guarantees": ("受其保障", "guaranteed by"),
    "guides": ("受其引领", "guided by"),
    "hasCharacteristic": ("特征所属", "characteristic of"),
    "hasTrait": ("特质所属", "trait of"),
    "implements": ("得到贯彻落实", "implemented by"),
    "isPathwayFor": ("以其为路径", "has as its pathway"),
    "issuedBy": ("作出", "issued"),
    "opposes": ("被防止与反对", "opposed by"),
    "precedes": ("后于", "follows"),
    "requires": ("被要求", "required by"),
    "supports": ("受其支撑", "supported by"),
}
#: Groups listed first in a concept's panel: its members and components, then what it belongs to.
MEMBER_FIRST = ("<skos:broader", ">skos:narrower", ">hasComponent", ">skos:broader", "<skos:narrower", "<hasComponent")
SECTION_KINDS = {
    "title": ("标题", "Title"),
    "byline": ("署名", "Byline"),
    "key-points": ("核心提示", "Key points"),
    "introduction": ("引言", "Introduction"),
    "heading": ("标题", "Heading"),
    "subsection": ("小节", "Sub-section"),
    "lead": ("中心句段落", "Lead-sentence paragraph"),
    "fragment": ("片段", "Fragment"),
    "conclusion": ("结语", "Conclusion"),
}
#: Between a sub-section's heading and its lead paragraph's in a section label.
LEVEL_SEPARATOR = " › "

SENTENCE_END = "。！？!?；;\n"
CONTEXT_LIMIT = 120  # code points of context shown on either side of a quote at most


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
        izh, ien = INVERSE_LABELS.get(name, (zh, en))
        terms[name] = {"zh": zh, "en": en, "czh": comment_zh, "cen": comment_en, "izh": izh, "ien": ien}
    return terms


def _class_terms(project: Project, styles: dict[str, tuple[str, str]]) -> list[dict]:
    counts: dict[str, int] = {}
    for c in project.curation.concepts:
        counts[c.cls] = counts.get(c.cls, 0) + 1
    result = []
    for cls in legend_order(project):
        term = project.vocabulary.classes.get(cls)
        colour, shape = styles[cls]
        result.append(
            {
                "name": cls,
                "zh": term.label_zh if term else cls,
                "en": term.label_en if term else cls,
                "czh": term.comment_zh if term else "",
                "cen": term.comment_en if term else "",
                "color": colour,
                "shape": shape,
                "count": counts[cls],
            }
        )
    return result


def _section_labels(project: Project) -> dict[str, dict]:
    """Each section's display label: its heading, else the nearest ancestor's heading, else its kind. A lead
    paragraph's heading follows its sub-section's (“(四)大力弘扬蒙古马精神 › 吃苦耐劳的品格，……”), so that an
    evidence heading names both levels."""
    sections = {s.id: s for s in project.source.sections}
    english = project.source.translation("en")

    def headed(section: Section) -> Section | None:
        cur: Section | None = section
        seen: set[str] = set()
        while cur is not None and cur.heading is None and cur.parent and cur.parent not in seen:
            seen.add(cur.id)
            cur = sections.get(cur.parent)
        return cur if cur is not None and cur.heading is not None else None

    def label(section: Section, lang: str) -> str:
        assert section.heading is not None
        own = english.headings.get(section.id, section.heading) if english and lang == "en" else section.heading
        parent = sections.get(section.parent) if section.kind == "lead" and section.parent else None
        return f"{label(parent, lang)}{LEVEL_SEPARATOR}{own}" if parent is not None and parent.heading else own

    labels = {}
    for sid, section in sorted(sections.items()):
        holder = headed(section)
        if holder is not None:
            labels[sid] = {"zh": label(holder, "zh"), "en": label(holder, "en")}
        else:
            zh, en = SECTION_KINDS.get(section.kind, (section.kind, section.kind))
            labels[sid] = {"zh": zh, "en": en}
    return labels


def _translation(project: Project) -> dict | None:
    """The English edition for the page: [start, end, text] per sentence (file order), title and note."""
    english = project.source.translation("en")
    if english is None:
        return None
    return {
        "sentences": [[s.start, s.end, s.text] for s in english.sentences],
        "title": english.headings.get("title", ""),
        "note": english.note,
    }


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


def _pinyin(c: Concept) -> list[str]:
    keys: list[str] = []
    for text in (c.label_zh, *c.alt_zh):
        for key in pinyin_keys(text):
            if key and key not in keys:
                keys.append(key)
    return keys


def display_label(project: Project, outline: Outline, c: Concept, lang: str) -> str:
    """A node's wrapped label, with its role or order number in front on the plan's core."""
    text = c.label_zh if lang == "zh" else c.label_en
    return wrap_label(caption(project, outline, c.id, lang) + text, lang)


def _concept_record(project: Project, outline: Outline, c: Concept) -> dict:
    record: dict[str, object] = {
        "id": c.id,
        "cls": c.cls,
        "zh": c.label_zh,
        "en": c.label_en,
        "wzh": display_label(project, outline, c, "zh"),
        "wen": display_label(project, outline, c, "en"),
        "ev": _evidence(project, c.evidence),
        "py": _pinyin(c),
    }
    optional = {
        "azh": list(c.alt_zh),
        "aen": list(c.alt_en),
        "dzh": c.definition_zh,
        "den": c.definition_en,
        "note": c.note,
        "order": c.order,
    }
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
    outline = compute_outline(project)
    concepts = [_concept_record(project, outline, c) for c in sorted(project.curation.concepts, key=lambda c: c.id)]
    relations = [_relation_record(project, r) for r in sorted(project.curation.relations, key=lambda r: r.key)]
    source = project.source
    iris = Iris(project.base_iri)
    return {
        "title": source.title,
        "creator": source.creator,
        "iri": {
            "concept": str(iris.concept("")),
            "statement": str(iris.statement("", "", "")).removesuffix("----"),
            "source": str(iris.source(source.name)),
        },
        "classes": _class_terms(project, styles),
        "predicates": _predicate_terms(project),
        "structural": list(STRUCTURAL),
        "concepts": concepts,
        "relations": relations,
        "sections": _section_labels(project),
        "source": source.text,
        "marks": source_marks(concepts, relations),
        "translation": _translation(project),
        "outline": {
            "root": outline.root,
            "tree": {k: v for k, v in sorted(outline.tree.items())},
            "roles": outline.roles,
            "structure": outline.structure,
            "numbers": dict(sorted(outline.numbers.items())),
        },
        "memberFirst": list(MEMBER_FIRST),
        "t2s": traditional_map(
            [t for c in project.curation.concepts for t in (c.label_zh, *c.alt_zh, c.definition_zh or "")]
        ),
        "view": {
            "core": list(layout.core),
            "components": list(layout.components),
            "root": next((n for n, d in layout.depth.items() if d == 0), None),
        },
    }
