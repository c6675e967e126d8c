"""The explorer in a real browser: Debian's Chromium driven by Playwright, offline, on desktop and phone widths.

Every page is opened from file:// with every request intercepted: any request other than the page itself
fails the test, as does any console error or page error. Screenshots go to test-artifacts/ for review.
Locally a missing Chromium skips these tests; in CI (CI set) it fails them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, make_project, require
from kg1571.explorer.data import display_label
from kg1571.explorer.outline import compute_outline
from kg1571.explorer.page import render_html
from kg1571.pipeline import load_project

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    require(
        Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
        f"Chromium not found at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright (Python) is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # a broken browser install: fail in CI, skip locally
            require(False, f"Chromium failed to launch: {exc}")
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def real_html(project, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "kg1571.html"
    path.write_text(render_html(project), encoding="utf-8")
    return path


class Page:
    """A page opened offline, recording requests, console errors, page errors and dialogs."""

    def __init__(self, browser, path: Path, viewport: dict, fragment: str = "", init_script: str | None = None):
        self.context = browser.new_context(viewport=viewport, device_scale_factor=1)
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.context.route("**/*", self._route)
        self.page.goto(self.url + fragment)
        self.page.wait_for_function("document.documentElement.getAttribute('data-drawn') === 'true'")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.split("#")[0] == self.url:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def panel_text(self) -> str:
        return self.page.locator("#panel").inner_text()

    def click_node(self, concept_id: str) -> None:
        """A real mouse click on the node's drawn position."""
        self.eval("id => window.network.focus(id, {scale: 1.2, animation: false})", concept_id)
        box = self.page.locator("#network canvas").bounding_box()
        point = self.eval("id => window.network.canvasToDOM(window.network.getPosition(id))", concept_id)
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.wait_for_timeout(600)  # let animations settle
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        try:
            assert self.requests == [], f"network requests: {self.requests}"
            assert self.errors == [], f"console errors: {self.errors}"
            assert self.dialogs == [], f"dialogs: {self.dialogs}"
        finally:
            self.context.close()


@pytest.fixture
def open_page(browser):
    pages: list[Page] = []

    def opener(path: Path, viewport: dict = DESKTOP, fragment: str = "", init_script: str | None = None) -> Page:
        page = Page(browser, path, viewport, fragment, init_script)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


def node_label(project, concept, lang: str) -> str:
    """The label the drawing shows: wrapped, with the role or order number on the plan's core."""
    return display_label(project, compute_outline(project), concept, lang)


def node_labels(project, lang: str) -> dict[str, str]:
    outline = compute_outline(project)
    return {c.id: display_label(project, outline, c, lang) for c in project.curation.concepts}


def concept_with_evidence(project):
    """The framework (it always has evidence); its first quote."""
    concept = next(c for c in sorted(project.curation.concepts, key=lambda c: c.id) if c.cls == "Framework")
    return concept, next(q for q in concept.evidence if q.span)


# ------------------------------------------------------------------------------------------- tests


def test_draws_every_node_and_edge(project, real_html, open_page):
    page = open_page(real_html)
    counts = page.eval("""() => ({
        drawnNodes: window.network.body.nodeIndices.length, drawnEdges: window.network.body.edgeIndices.length,
        nodes: window.kg.nodes.length, edges: window.kg.edges.length,
        physics: window.network.physics.physicsEnabled})""")
    assert counts["drawnNodes"] == counts["nodes"] == len(project.curation.concepts)
    assert counts["drawnEdges"] == counts["edges"] == len(project.curation.relations)
    assert counts["physics"] is False
    legend = page.page.locator("#legend-list button[data-class]")
    assert legend.count() == len({c.cls for c in project.curation.concepts})
    assert page.eval("() => window.kg.firstFrameMs") > 0
    page.shot("explorer-desktop.png")


def test_clicking_a_node_shows_its_evidence_and_neighbours(project, real_html, open_page):
    concept, quote = concept_with_evidence(project)
    page = open_page(real_html)
    page.click_node(concept.id)
    page.page.wait_for_selector("#panel:not([hidden])")
    assert page.eval("() => window.network.getSelectedNodes()") == [concept.id]
    assert page.page.locator("#panel-title").inner_text() == concept.label_zh
    marks = page.page.locator("#panel .evidence mark").all_inner_texts()
    assert quote.span.exact in marks
    assert len(marks) == len([q for q in concept.evidence if q.span])
    degree = sum(concept.id in (r.subject, r.object) for r in project.curation.relations)
    assert page.page.locator("#panel .neighbours .go").count() == degree
    assert page.eval("() => decodeURIComponent(location.hash.slice(1))") == concept.id
    page.shot("explorer-desktop-details.png")
    # a neighbour button moves there
    if degree:
        page.page.locator("#panel .neighbours .go").first.click()
        selected = page.eval("() => window.network.getSelectedNodes()")
        assert selected and selected[0] != concept.id


def test_clicking_an_edge_shows_the_relation_and_its_evidence(project, real_html, open_page):
    relation = next(r for r in sorted(project.curation.relations, key=lambda r: r.key) if r.evidence)
    page = open_page(real_html)
    # put the edge's midpoint at a known place, zoomed in, and click it with the mouse
    point = page.eval(
        """key => {
        const e = window.kg.edges.get(key);
        const a = window.network.getPosition(e.from), b = window.network.getPosition(e.to);
        const mid = {x: (a.x + b.x) / 2 + (b.x - a.x) * 0.1, y: (a.y + b.y) / 2 + (b.y - a.y) * 0.1};
        window.network.moveTo({position: mid, scale: 3, animation: false});
        window.network.redraw();
        return window.network.canvasToDOM(mid);
    }""",
        relation.key,
    )
    box = page.page.locator("#network canvas").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.page.wait_for_selector("#panel:not([hidden])")
    selected = page.eval("() => window.network.getSelectedEdges()")
    assert selected == [relation.key]
    text = page.panel_text()
    assert relation.evidence[0].span.exact in page.page.locator("#panel .evidence mark").all_inner_texts()
    assert project.curation.by_id[relation.subject].label_zh in text
    assert project.curation.by_id[relation.object].label_zh in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_finds_a_concept(project, real_html, open_page, lang):
    concept = sorted(project.curation.concepts, key=lambda c: (-len(c.label_en), c.id))[0]
    label = concept.label_zh if lang == "zh" else concept.label_en
    if lang == "zh":
        query = label[1:5]
    else:  # its rarest word among the English labels, as a case-insensitive substring
        labels = [c.label_en.lower() for c in project.curation.concepts]
        words = [w.strip("“”'\",.()") for w in label.split() if len(w.strip("“”'\",.()")) >= 5]
        query = min(words, key=lambda w: (sum(w[:6].lower() in other for other in labels), w))[:6].upper()
    page = open_page(real_html)
    page.page.keyboard.press("/")
    assert page.eval("() => document.activeElement.id") == "search"
    page.page.keyboard.type(query)
    option = page.page.locator(f'#suggestions li[data-id="{concept.id}"]')
    option.wait_for()
    option.click()
    assert page.eval("() => window.network.getSelectedNodes()") == [concept.id]
    assert page.page.locator("#panel-title").inner_text() == concept.label_zh
    assert page.eval("() => decodeURIComponent(location.hash.slice(1))") == concept.id


def test_legend_toggles_its_class(project, real_html, open_page):
    cls = sorted({c.cls for c in project.curation.concepts})[0]
    members = sorted(c.id for c in project.curation.concepts if c.cls == cls)
    page = open_page(real_html)
    page.page.locator("#legend-toggle").click()  # the filters open on demand
    button = page.page.locator(f'#legend-list button[data-class="{cls}"]')
    button.click()
    hidden = page.eval("ids => ids.map(id => window.network.body.nodes[id].options.hidden)", members)
    assert hidden == [True] * len(members)
    others = page.eval("""cls => window.kg.nodes.get().filter(n => n.group !== cls && n.hidden).length""", cls)
    assert others == 0
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert page.eval("ids => ids.some(id => window.network.body.nodes[id].options.hidden)", members) is False


def test_deep_link_selects_its_concept(project, real_html, open_page):
    concept = sorted(project.curation.concepts, key=lambda c: c.id)[-1]
    page = open_page(real_html, fragment="#" + concept.id)
    assert page.eval("() => window.network.getSelectedNodes()") == [concept.id]
    assert page.page.locator("#panel-title").inner_text() == concept.label_zh
    page.page.keyboard.press("Escape")
    assert page.page.locator("#panel").is_hidden()
    assert page.eval("() => location.hash") == ""


def test_language_toggle_changes_every_label(project, real_html, open_page):
    concept, _ = concept_with_evidence(project)
    page = open_page(real_html)
    assert page.eval("id => window.kg.nodes.get(id).label", concept.id) == node_label(project, concept, "zh")
    page.page.locator("#lang-toggle").click()
    labels = page.eval("() => Object.fromEntries(window.kg.nodes.get().map(n => [n.id, n.label]))")
    assert labels == node_labels(project, "en")
    assert page.page.locator("#reset").inner_text() == "Reset view"
    first_class = page.page.locator("#legend-list .name").first.inner_text()
    assert first_class == project.vocabulary.classes[page.eval("() => window.kg.data.classes[0].name")].label_en
    page.page.locator("#lang-toggle").click()
    assert page.eval("id => window.kg.nodes.get(id).label", concept.id) == node_label(project, concept, "zh")


def test_source_view_links_evidence_to_concepts(project, real_html, open_page):
    page = open_page(real_html)
    page.page.locator("#source-toggle").click()
    marks = page.page.locator("#source-text mark")
    spans = {
        (q.span.start, q.span.end)
        for item in [*project.curation.concepts, *project.curation.relations]
        for q in item.evidence
        if q.span
    }
    assert marks.count() >= 1 and spans
    assert page.page.locator("#source-text").inner_text().replace("\n", "") == project.source.text.replace("\n", "")
    covered = page.eval("() => window.kg.data.marks.map(m => m[2]).flat()")
    assert {c.id for c in project.curation.concepts if c.evidence} <= set(covered)
    page.shot("explorer-desktop-source.png")
    marks.first.click()
    page.page.wait_for_selector("#panel:not([hidden])")
    assert page.page.locator("#panel .go").count() >= 1 or page.eval("() => window.network.getSelectedNodes().length")


def test_evidence_heading_names_the_lead_paragraph_below_its_sub_section(project, real_html, open_page):
    """The third level: a quote in a lead-sentence paragraph is headed by its sub-section and its lead sentence,
    in Chinese and in the English edition's headings; a quote in a sub-section's own text by the sub-section."""
    concept = project.curation.by_id["ecology-first-orientation"]
    assert concept.evidence[0].span.section_id == "reality-performance-ecology"
    page = open_page(real_html)
    page.eval("id => window.kg.select(id)", concept.id)
    where = page.page.locator("#panel .evidence .where").first
    assert where.inner_text() == "§ (二)树立和践行正确政绩观 › 坚持生态优先的政绩导向"
    page.page.locator("#lang-toggle").click()
    page.eval("id => window.kg.select(id)", concept.id)
    assert page.page.locator("#panel .evidence .where").first.inner_text() == (
        "§ (2) Establishing and practising a correct view of performance › "
        "Adhering to the ecology-first orientation for political performance"
    )
    page.eval("id => window.kg.select(id)", "correct-view-of-performance")
    assert page.page.locator("#panel .evidence .where").first.inner_text() == (
        "§ (2) Establishing and practising a correct view of performance"
    )


def test_english_mode_shows_english_evidence_beside_the_chinese(project, real_html, open_page):
    english = project.source.translation("en")
    concept = project.curation.by_id["mongolian-horse-spirit"]
    quote = concept.evidence[0].span
    (sentence,) = english.covering(quote.start, quote.end)
    page = open_page(real_html)
    page.page.locator("#lang-toggle").click()
    page.eval("id => window.kg.select(id)", concept.id)
    block = page.page.locator("#panel .evidence").first
    assert block.locator("blockquote.translation").inner_text() == sentence.text
    assert block.locator("blockquote.original mark").inner_text() == quote.exact
    assert block.locator(".where").first.inner_text() == "§ (4) Vigorously promoting the Mongolian horse spirit"
    page.page.locator("#source-toggle").click()
    rows = page.page.locator("#source-text.bilingual .row")
    assert rows.count() == len(english.sentences)
    assert [rows.nth(0).locator(".en").inner_text(), rows.nth(0).locator(".zh").inner_text()] == [
        english.sentences[0].text,
        project.source.text[english.sentences[0].start : english.sentences[0].end],
    ]
    page.shot("explorer-desktop-source-en.png")
    page.page.locator("#lang-toggle").click()  # back to Chinese: the source view is the article alone again
    assert page.page.locator("#source-text.bilingual").count() == 0
    assert page.page.locator("#source-text").inner_text().replace("\n", "") == project.source.text.replace("\n", "")


def test_phone_width(project, real_html, open_page):
    concept, quote = concept_with_evidence(project)
    page = open_page(real_html, viewport=PHONE)
    assert page.eval("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.page.locator("#legend").is_hidden()
    page.shot("explorer-phone.png")
    page.click_node(concept.id)
    page.page.wait_for_selector("#panel:not([hidden])")
    assert quote.span.exact in page.page.locator("#panel .evidence mark").all_inner_texts()
    page.shot("explorer-phone-details.png")


def test_reset_view_restores_everything(project, real_html, open_page):
    concept, _ = concept_with_evidence(project)
    page = open_page(real_html, fragment="#" + concept.id)
    cls = concept.cls
    page.eval("cls => window.kg.setClassVisible(cls, false)", cls)
    page.page.locator("#reset").click()
    assert page.page.locator("#panel").is_hidden()
    assert page.eval("() => window.kg.nodes.get().filter(n => n.hidden).length") == 0
    assert page.eval("() => window.network.getSelectedNodes()") == []


XSS = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
XSS_CURATION = f"""\
concepts:
  - id: framework-1571
    class: Framework
    zh: '自治区党委“1571”工作部署{XSS}'
    en: '{XSS}'
    definition_zh: '</script><img src=x onerror=alert(3)>'
    evidence:
      - 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线
  - id: main-line
    class: MainLine
    zh: 铸牢中华民族共同体意识
    en: '<b onmouseover=alert(4)>bold?</b>'
    order: 1
    evidence:
      - {{quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}}
relations:
  - subject: framework-1571
    predicate: hasComponent
    object: main-line
    note: '</script><svg onload=alert(5)>'
    evidence:
      - {{quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}}
"""


def test_xss_payload_stays_inert(tmp_path, open_page):
    project = load_project(make_project(tmp_path, XSS_CURATION))
    path = tmp_path / "xss.html"
    path.write_text(render_html(project), encoding="utf-8")
    page = open_page(path, fragment="#framework-1571")
    assert page.page.locator("#panel-title").inner_text() == "自治区党委“1571”工作部署" + XSS
    page.page.locator("#lang-toggle").click()
    assert page.page.locator("#panel-title").inner_text() == XSS
    page.eval("() => window.kg.selectRelation('framework-1571--hasComponent--main-line')")
    assert "</script><svg onload=alert(5)>" in page.panel_text()
    page.page.locator("#search").fill("bold")
    assert "<b onmouseover=alert(4)>bold?</b>" in page.page.locator("#suggestions").inner_text()
    page.page.locator("#source-toggle").click()
    node = page.eval("() => window.network.getPosition('framework-1571')")
    page.eval("() => window.network.moveTo({position: {x: 0, y: 0}, scale: 1, animation: false})")
    box = page.page.locator("#network canvas").bounding_box()
    page.page.locator("#source-close").click()
    x, y = box["x"] + box["width"] / 2 + node["x"], box["y"] + box["height"] / 2 + node["y"]
    page.page.mouse.move(x, y)
    page.page.mouse.move(x + 1, y + 1)  # the first hover sets the tooltip, the next move shows it
    tip = page.page.locator("div.vis-tooltip .tip-zh")
    tip.wait_for(state="visible", timeout=10_000)  # wait for the tooltip itself, then check what it holds
    assert tip.inner_text() == "自治区党委“1571”工作部署" + XSS  # built with textContent: the payload is text
    assert page.eval("() => document.querySelectorAll('img, svg image, iframe, b, #panel script').length") == 0
    assert (
        page.eval("() => document.querySelectorAll('script').length") == 11
    )  # ours: see test_page.test_payload_is_only_data
    assert page.dialogs == []


# ------------------------------------------------------------------------------------------- scale


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A 2,000-node synthetic graph (at LARGE_GRAPH, so the page loads progressively)."""
    from test_page import synthetic_project

    from kg1571.explorer.vis import LARGE_GRAPH

    project = synthetic_project(LARGE_GRAPH)
    path = tmp_path_factory.mktemp("large") / "large.html"
    path.write_text(render_html(project), encoding="utf-8")
    return project, path


def test_large_graph_loads_progressively_and_every_feature_works(large, open_page):
    project, path = large
    far = sorted(project.curation.concepts, key=lambda c: c.id)[-1]  # a peripheral concept
    page = open_page(path, fragment="#" + far.id)  # deep link, possibly before its node has arrived
    assert page.eval("() => window.kg.progressive") is True
    assert page.eval("() => window.network.getSelectedNodes()") == [far.id]
    assert page.page.locator("#panel-title").inner_text() == far.label_zh
    # the page answers (a frozen tab would not run the next animation frame) while the rest arrives
    page.eval("() => new Promise(done => requestAnimationFrame(() => done(true)))")
    page.page.wait_for_function("() => document.documentElement.getAttribute('data-loaded') === 'true'", timeout=60_000)
    counts = page.eval("""() => ({nodes: window.network.body.nodeIndices.length,
                                  edges: window.network.body.edgeIndices.length})""")
    assert counts == {"nodes": len(project.curation.concepts), "edges": len(project.curation.relations)}
    assert page.eval("() => window.kg.loaded()") is True
    page.page.keyboard.press("Escape")

    # select by a real click: the details panel shows the neighbours
    concept = project.curation.by_id["c-7"]
    page.click_node(concept.id)
    page.page.wait_for_selector("#panel:not([hidden])")
    assert page.page.locator("#panel-title").inner_text() == concept.label_zh
    degree = sum(concept.id in (r.subject, r.object) for r in project.curation.relations)
    assert page.page.locator("#panel .neighbours .go").count() == degree

    # search by en, choose a suggestion
    target = project.curation.by_id["c-1999"]
    page.page.locator("#search").fill("concept 1999")
    option = page.page.locator(f'#suggestions li[data-id="{target.id}"]')
    option.wait_for()
    option.click()
    assert page.eval("() => window.network.getSelectedNodes()") == [target.id]
    page.page.keyboard.press("Escape")

    # the legend hides and shows a class
    cls = target.cls
    members = sorted(c.id for c in project.curation.concepts if c.cls == cls)
    page.page.locator("#legend-toggle").click()  # the filters open on demand
    button = page.page.locator(f'#legend-list button[data-class="{cls}"]')
    button.click()
    assert page.eval("ids => ids.every(id => window.network.body.nodes[id].options.hidden)", members) is True
    button.click()
    assert page.eval("ids => ids.some(id => window.network.body.nodes[id].options.hidden)", members) is False

    # the language toggle relabels every node
    page.page.locator("#lang-toggle").click()
    assert page.eval("id => window.kg.nodes.get(id).label", target.id) == node_label(project, target, "en")
    page.shot("explorer-large.png")


def test_large_graph_state_reaches_nodes_not_loaded_yet(large, open_page):
    """A legend toggle or language switch made before every node has arrived applies to the late ones."""
    project, path = large
    # hold each chunk back a little (zero-delay timeouts wait 400 ms), so the changes surely come first
    slow = "const later = window.setTimeout; window.setTimeout = (f, ms, ...a) => later(f, ms || 400, ...a);"
    page = open_page(path, init_script=slow)
    cls = sorted({c.cls for c in project.curation.concepts})[-1]
    early = page.eval(
        "cls => { window.kg.setClassVisible(cls, false); window.kg.setLanguage('en'); return !window.kg.loaded(); }",
        cls,
    )
    assert early
    page.page.wait_for_function("() => document.documentElement.getAttribute('data-loaded') === 'true'", timeout=60_000)
    members = [c for c in project.curation.concepts if c.cls == cls]
    assert (
        page.eval("ids => ids.every(id => window.network.body.nodes[id].options.hidden)", [c.id for c in members])
        is True
    )
    labels = page.eval("() => Object.fromEntries(window.kg.nodes.get().map(n => [n.id, n.label]))")
    assert labels == node_labels(project, "en")
