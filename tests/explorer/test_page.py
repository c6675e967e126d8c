"""The HTML explorer as a string: deterministic, self-contained, escaped, complete; the layout it uses."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import make_project
from kg1571.explorer.data import sentence_bounds, source_marks
from kg1571.explorer.labels import wrap_label
from kg1571.explorer.layout import compute_layout
from kg1571.explorer.page import render_html, script_json
from kg1571.explorer.vis import vis_assets
from kg1571.model import Concept, Curation, Location, Project, Quote, Relation, Span
from kg1571.pipeline import load_project

PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>&amp;"

XSS_CURATION = f"""\
concepts:
  - id: framework-1571
    class: Framework
    zh: 自治区党委“1571”工作部署
    en: '{PAYLOAD}'
    definition_zh: '</script><img src=x onerror=alert(3)>'
    note: '<b>not bold</b> </SCRIPT >'
    evidence:
      - 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线
  - id: main-line
    class: MainLine
    zh: '铸牢<img src=x onerror=alert(4)>'
    en: Forging a strong sense of community for the Chinese nation
    order: 1
    evidence:
      - {{quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}}
relations:
  - subject: framework-1571
    predicate: hasComponent
    object: main-line
    note: '</script><script>alert(5)</script>'
    evidence:
      - {{quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}}
"""


def embedded(html: str, element_id: str) -> dict:
    """The JSON of ``<script type="application/json" id=element_id>`` (as the page's JSON.parse reads it)."""
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.DOTALL)
    assert match, f"no #{element_id} data block"
    return json.loads(match.group(1))


def synthetic_project(size: int, fanout: int = 6) -> Project:
    """A checked-shape project of ``size`` concepts built in memory (no YAML): the real vocabulary and
    article, a framework with four components, and a tree of further concepts with cross links."""
    real = load_project(make_project_root())
    text = real.source.text
    span = Span(0, 4, text[:4], "", text[4:8])
    quote = Quote(text=text[:4], location=Location(Path("synthetic.yaml"), 1), span=span)
    classes = sorted(c for c in real.vocabulary.classes if c != "Section")
    concepts = [Concept("framework-1571", "Framework", "框架", "Framework", Location(Path("s"), 1), evidence=(quote,))]
    relations = []
    for i in range(1, min(size, 5)):
        concepts.append(
            Concept(
                f"component-{i}",
                "MainLine",
                f"组成{i}",
                f"Component {i}",
                Location(Path("s"), 1),
                order=i,
                evidence=(quote,),
            )
        )
        relations.append(
            Relation("framework-1571", "hasComponent", f"component-{i}", Location(Path("s"), 1), evidence=(quote,))
        )
    for i in range(len(concepts), size):
        parent = concepts[(i - 1) // fanout].id
        concepts.append(
            Concept(
                f"c-{i}",
                classes[i % len(classes)],
                f"概念{i}号",
                f"Concept {i}",
                Location(Path("s"), 1),
                evidence=(quote,),
            )
        )
        relations.append(Relation(f"c-{i}", "supports", parent, Location(Path("s"), 1), evidence=(quote,)))
        if i % 7 == 0 and i > 20:
            relations.append(
                Relation(f"c-{i}", "guides", concepts[i // 2].id, Location(Path("s"), 1), evidence=(quote,))
            )
    return replace(real, curation=Curation(tuple(concepts), tuple(relations)))


_ROOTS: dict[str, Path] = {}


def make_project_root() -> Path:
    """A minimal project folder (vocabulary, source), made once per session."""
    if "root" not in _ROOTS:
        import tempfile

        _ROOTS["root"] = make_project(Path(tempfile.mkdtemp(prefix="kg1571-render-")))
    return _ROOTS["root"]


@pytest.fixture(scope="module")
def xss_project(tmp_path_factory):
    return load_project(make_project(tmp_path_factory.mktemp("xss"), XSS_CURATION))


# ------------------------------------------------------------------------------------------- the real graph


def test_real_graph_embeds_every_concept_and_relation(project):
    html = render_html(project)
    data, graph = embedded(html, "kg-data"), embedded(html, "kg-graph")
    concepts = {c.id for c in project.curation.concepts}
    relations = {r.key for r in project.curation.relations}
    assert {c["id"] for c in data["concepts"]} == concepts
    assert {r["id"] for r in data["relations"]} == relations
    assert {n["id"] for n in graph["nodes"]} == concepts
    assert {e["id"] for e in graph["edges"]} == relations
    assert len(graph["nodes"]) == len(concepts) and len(graph["edges"]) == len(relations)
    for concept in project.curation.concepts:  # every located quote reaches the page
        record = next(c for c in data["concepts"] if c["id"] == concept.id)
        assert sorted((e[0], e[1]) for e in record["ev"]) == sorted(
            (q.span.start, q.span.end) for q in concept.evidence if q.span
        )
    assert data["source"] == project.source.text
    assert graph["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in graph["nodes"])


def test_output_is_byte_identical(project):
    assert render_html(project) == render_html(project)


def test_page_is_self_contained(project):
    html = render_html(project)
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert not re.search(r"<(script|img|iframe)[^>]+src=", html, re.IGNORECASE)
    assert not re.search(r"<link\b", html, re.IGNORECASE)
    assert "default-src 'none'" in html  # the CSP forbids every request, as a second line of defence
    assert "vis.Network" in html and "DataSet" in html  # vis-network inlined
    assert "/*@" not in html  # every template slot filled


def test_layout_structure(project):
    layout = compute_layout(project)
    assert set(layout.positions) == {c.id for c in project.curation.concepts}
    root = next(c.id for c in project.curation.concepts if c.cls == "Framework")
    assert layout.positions[root] == (0.0, 0.0)
    components = [r.object for r in project.curation.relations if r.subject == root and r.predicate == "hasComponent"]
    assert set(layout.components) == set(components)
    order = [project.curation.by_id[c].order for c in layout.components]
    assert order == sorted(order, key=lambda o: (o is None, o))
    if layout.components:  # the first component sits straight above the framework
        x, y = layout.positions[layout.components[0]]
        assert abs(x) < 1 and y < 0


# ------------------------------------------------------------------------------------------- safety


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- & <b>", "b": "\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & <b>", "b": "\u2028"}


def test_payload_is_only_data(xss_project):
    html = render_html(xss_project)
    assert "<img" not in html
    # the only script elements are ours: two data blocks, vis-network, the app, the SPARQL console and its
    # six blocks (CodeMirror's bundle, run on first use; named queries, Turtle, Oxigraph's glue code, the
    # gzipped wasm as base64, the licence notices)
    # (vis-network itself holds the string "<script>" in a core-js fallback: leave it out of the count)
    page = html.replace(vis_assets()[0], "")
    assert len(re.findall(r"<script\b", page, re.IGNORECASE)) == 11
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 11
    data = embedded(html, "kg-data")
    framework = next(c for c in data["concepts"] if c["id"] == "framework-1571")
    assert framework["en"] == PAYLOAD  # shown literally: the page inserts it with textContent
    assert framework["dzh"] == "</script><img src=x onerror=alert(3)>"
    assert data["relations"][0]["note"] == "</script><script>alert(5)</script>"
    app = html[html.rindex("<script>", 0, html.rindex("<script>")) :]  # the app and the console
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app and "document.write" not in app


# ------------------------------------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("自治区党委“1571”工作部署", "自治区党委\n“1571”工作部署"),
        ("“十五五”", "“十五五”"),
        ("建设体现内蒙古特色优势的现代化产业体系", "建设体现内蒙古特\n色优势的现代化产\n业体系"),
    ],
)
def test_wrap_label_keeps_numbers_and_quotes_together(label, expected):
    assert wrap_label(label, "zh") == expected
    assert wrap_label(label, "zh").replace("\n", "") == label


def test_wrap_label_english():
    assert wrap_label("The five strategic positionings", "en") == "The five strategic\npositionings"


def test_sentence_bounds():
    text = "第一句。第二句有引文在这里，然后结束。第三句"
    start = text.index("引文")
    lo, hi = sentence_bounds(text, start, start + 2)
    assert text[lo:hi] == "第二句有引文在这里，然后结束。"
    assert sentence_bounds("一\n二三四\n五", 2, 3) == (2, 5)


def test_source_marks_split_overlaps():
    concepts = [{"id": "a", "ev": [[0, 10, 0, 10, ""]]}, {"id": "b", "ev": [[5, 15, 0, 15, ""]]}]
    relations = [{"id": "a--supports--b", "ev": [[20, 22, 0, 22, ""]]}]
    assert source_marks(concepts, relations) == [
        [0, 5, ["a"]],
        [5, 10, ["a", "b"]],
        [10, 15, ["b"]],
        [20, 22, ["a--supports--b"]],
    ]


def test_sections_fall_back_to_an_ancestor_heading_or_kind(project):
    data = embedded(render_html(project), "kg-data")
    by_id = {s.id: s for s in project.source.sections}
    english = project.source.translation("en")
    assert set(data["sections"]) == set(by_id)
    for sid, label in data["sections"].items():
        section = by_id[sid]
        if section.kind == "lead":  # the third level names its sub-section first
            parent = by_id[section.parent]
            assert label == {
                "zh": f"{parent.heading} › {section.heading}",
                "en": f"{english.headings[parent.id]} › {english.headings[sid]}",
            }
        elif section.heading:
            assert label == {"zh": section.heading, "en": english.headings[sid]}
        assert label["zh"] and label["en"]
    assert (
        data["sections"]["reality-spirit-endurance"]["zh"]
        == "(四)大力弘扬蒙古马精神 › 吃苦耐劳的品格，是破解难题的精神基石"
    )
    assert data["sections"]["practice-local-tail"] == data["sections"]["practice-local-tasks"]  # a fragment: its lead's
    assert data["sections"]["byline"] == {"zh": "署名", "en": "Byline"}


# ------------------------------------------------------------------------------------------- scale


@pytest.mark.slow
def test_synthetic_graph_renders_with_distinct_positions():
    project = synthetic_project(1500)
    layout = compute_layout(project)
    points = list(layout.positions.values())
    assert len(set(points)) == len(points) == 1500
    cells: dict[tuple[int, int], list] = {}
    for x, y in points:
        cells.setdefault((int(x // 60), int(y // 60)), []).append((x, y))
    for (cx, cy), members in cells.items():  # no two nodes closer than 40 units (labels need room)
        near = [q for dx in (-1, 0, 1) for dy in (-1, 0, 1) for q in cells.get((cx + dx, cy + dy), [])]
        for a in members:
            assert all(a == b or math.dist(a, b) >= 40 for b in near), a
    html = render_html(project)
    graph = embedded(html, "kg-graph")
    assert len(graph["nodes"]) == 1500 and len(graph["edges"]) == len(project.curation.relations)
    assert graph["options"]["interaction"]["hideEdgesOnDrag"] is False
    assert graph["progressive"] is False


@pytest.mark.slow
def test_large_graph_is_marked_progressive_and_stays_deterministic():
    from kg1571.explorer.vis import LARGE_GRAPH

    project = synthetic_project(LARGE_GRAPH)
    html = render_html(project)
    assert html == render_html(project)
    graph = embedded(html, "kg-graph")
    assert graph["progressive"] is True
    assert graph["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert graph["options"]["edges"]["arrows"]["to"]["enabled"] is True  # arrows are global, not per edge
    assert not any("arrows" in e for e in graph["edges"])
