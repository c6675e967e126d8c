"""The SPARQL console in real Chromium: every named query (every .rq file) answered in the page through
window.kg.sparql exactly as `kg1571 query --format json` answers it; a runaway query cancelled; the
CodeMirror editor (highlighting, completion with labels, Ctrl-Enter, Tab out); the licence notices; the
CSP; no request and no console error (the Page fixture fails the test on either)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from test_explorer_browser import DESKTOP, PHONE, browser, open_page, real_html  # noqa: F401 (fixtures)

from kg1571.explorer.page import licence_notices
from kg1571.sparql import library

pytestmark = pytest.mark.browser

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kg1571", "query", *args], capture_output=True, text=True, check=True)
    return done.stdout


def triples(text: str) -> set[str]:
    return {str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)}


def test_every_named_query_answers_as_the_cli(real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    compared = 0
    for named in library.all_queries():
        answer = page.eval("text => window.kg.sparql(text)", named.text)
        if "ntriples" in answer:
            assert triples(answer["ntriples"]) == triples(cli("--name", named.name)), named.name
        else:
            assert answer == json.loads(cli("--name", named.name, "--format", "json")), named.name
        compared += 1
    assert compared == len(library.names())
    # a parameter bound in the page as the CLI binds it
    text = page.eval("() => window.kg.sparqlRender('keyword-concepts', {keyword: 'ECOLOG'})")
    answer = page.eval("text => window.kg.sparql(text)", text)
    expected = json.loads(cli("--name", "keyword-concepts", "--param", "keyword=ECOLOG", "--format", "json"))
    assert answer == expected and answer["results"]["bindings"]
    assert page.eval("() => window.kg.sparqlReadyMs") < 5000


def test_cartesian_query_is_cancelled_and_the_page_stays_responsive(real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    page.eval("() => window.kg.sparql('ASK {}')")  # the store is up
    page.eval(
        "q => { window.kgOutcome = null; window.kg.sparql(q).then(r => { window.kgOutcome = 'answered'; },"
        " e => { window.kgOutcome = e.message; }); }",
        CARTESIAN,
    )
    page.page.wait_for_timeout(300)
    started = time.monotonic()
    assert (
        page.eval("() => { const t = performance.now(); window.kg.select('main-line'); return performance.now() - t; }")
        < 1000
    )
    page.eval("() => window.kg.sparqlCancel()")
    page.page.wait_for_function("() => window.kgOutcome !== null", timeout=5000)
    assert time.monotonic() - started < 5
    assert page.eval("() => window.kgOutcome") == "cancelled"
    # the next query starts a new worker and answers
    assert page.eval("() => window.kg.sparql('ASK { kc:main-line a k:MainLine }')") == {"head": {}, "boolean": True}


def test_time_limit_stops_a_query(real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    message = page.eval("q => window.kg.sparql(q, {timeoutMs: 1500}).then(() => 'answered', e => e.message)", CARTESIAN)
    assert "time limit" in message


def test_console_ui_runs_a_named_query_and_shows_it_in_the_graph(real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    page.page.locator("#console-toggle").click()
    page.page.locator("#console-named").select_option("key-tasks")
    page.page.locator("#console-run").click()
    page.page.wait_for_selector("#console-results table")
    assert page.page.locator("#console-results tbody tr").count() == 7
    shown = page.eval("() => window.kg.console.showInGraph()")
    assert "modern-industrial-system" in shown["nodes"] and len(shown["nodes"]) == 7
    assert page.eval("() => window.kg.faded().length") == len(page.eval("() => window.kg.data.concepts")) - 7
    csv = page.eval("() => window.kg.console.csv()")
    assert csv.startswith("order,task,label_zh,label_en\r\n") or csv.split("\r\n")[0].count(",") >= 1
    page.page.locator('#console-results button.iri[data-id="key-task-sci-tech-innovation"]').click()
    assert page.eval("() => window.network.getSelectedNodes()") == ["key-task-sci-tech-innovation"]
    # errors carry the line and column of the user's text
    page.eval("t => window.kg.console.setText(t)", "SELECT * WHERE {\n  ?s ?p }")
    page.page.locator("#console-editor .cm-content").press("Control+Enter")
    page.page.wait_for_function(
        "() => /^2:\\d+: SPARQL syntax error/.test(document.getElementById('console-status').textContent)"
    )


def test_page_csp_allows_wasm_and_blob_workers_only(real_html):  # noqa: F811
    html = real_html.read_text(encoding="utf-8")
    csp = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "'wasm-unsafe-eval'" in csp and "worker-src blob:" in csp
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in csp and "connect-src 'none'" in csp
    # exactly our four scripts (vis-network, the explorer, the console, CodeMirror's bundle run on first
    # use) and our two style sheets, each by its hash; nothing else differs from the console's first CSP
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    scripts.append(re.search(r'<script type="text/plain" id="kg-codemirror-js">(.*?)</script>', html, re.S).group(1))
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(scripts) == 4 and len(styles) == 2

    def sums(texts: list[str]) -> str:
        return " ".join(
            "'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'" for t in texts
        )

    assert csp == (
        f"default-src 'none'; script-src {sums(scripts)} 'wasm-unsafe-eval'; worker-src blob:; "
        f"style-src {sums(styles)}; img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


# ------------------------------------------------------------------------------------------- the editor

SHADOW = "document.getElementById('console-editor').shadowRoot"


def open_editor(page) -> None:
    page.page.locator("#console-toggle").click()
    page.page.wait_for_selector("#console-editor .cm-content")
    page.page.wait_for_function("() => window.kg.sparqlReadyMs !== undefined", timeout=20_000)


def completions(page) -> list[list[str]]:
    page.page.wait_for_selector("#console-editor .cm-tooltip-autocomplete li")
    return page.eval(
        f"() => Array.from({SHADOW}.querySelectorAll('.cm-tooltip-autocomplete li')).map(li =>"
        " [li.querySelector('.cm-completionLabel').textContent, li.querySelector('.cm-completionDetail').textContent])"
    )


def test_editor_highlights_completes_and_runs_with_ctrl_enter(project, real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    open_editor(page)
    content = page.page.locator("#console-editor .cm-content")
    content.press("Control+a")
    content.press("Delete")
    page.page.keyboard.type("SELECT ?label WHERE { ")
    # highlighting: token classes, coloured by the editor's own style sheet (an adopted one, see below)
    assert page.eval(f"() => Array.from({SHADOW}.querySelectorAll('.tok-keyword')).map(e => e.textContent)") == [
        "SELECT",
        "WHERE",
    ]
    assert page.eval(f"() => {SHADOW}.querySelector('.tok-variableName').textContent") == "?label"
    assert page.eval(f"() => getComputedStyle({SHADOW}.querySelector('.tok-keyword')).color") == "rgb(138, 43, 226)"
    # a kc: concept offered with its labels, first for 'kc:mong'
    page.page.keyboard.type("kc:mong")
    horse = next(c for c in project.curation.concepts if c.id == "mongolian-horse-spirit")
    offered = completions(page)
    assert offered[0] == ["kc:mongolian-horse-spirit", f"{horse.label_zh} · {horse.label_en}"]
    assert all(label.startswith("kc:") for label, _ in offered)
    page.page.keyboard.press("Enter")  # accepts it
    # a k: class offered with its labels
    page.page.keyboard.type(" a k:KeyT")
    key_task = project.vocabulary.classes["KeyTask"]
    assert ["k:KeyTask", f"{key_task.label_zh} · {key_task.label_en}"] in completions(page)
    page.page.keyboard.press("Escape")
    # the brace closed as it was typed
    assert page.eval("() => window.kg.console.text()") == "SELECT ?label WHERE { kc:mongolian-horse-spirit a k:KeyT}"
    # Ctrl-Enter runs what the editor holds; the table shows exactly the expected rows
    page.eval(
        "t => window.kg.console.setText(t)",
        "SELECT ?label WHERE { kc:mongolian-horse-spirit skos:prefLabel ?label } ORDER BY ?label",
    )
    content.press("Control+Enter")
    page.page.wait_for_selector("#console-results table")
    rows = page.page.locator("#console-results tbody tr td").all_inner_texts()
    assert rows == sorted([horse.label_zh, horse.label_en])
    assert page.page.locator("#console-results thead th").all_inner_texts() == ["?label"]
    # Tab leaves the editor (indentWithTab is not bound): the focus goes on to the Run button
    content.focus()
    page.page.keyboard.press("Tab")
    assert page.eval("() => document.activeElement.id") == "console-run"


def test_codemirror_styles_need_no_inline_style_and_injected_styles_do_nothing(real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    open_editor(page)
    # CodeMirror added no <style> element: its rules are in a style sheet adopted by the editor's shadow root
    assert page.eval("() => document.querySelectorAll('style').length") == 2
    assert page.eval(f"() => {SHADOW}.querySelectorAll('style').length") == 0
    assert page.eval(f"() => {SHADOW}.adoptedStyleSheets.length") >= 1
    assert page.eval(f"() => getComputedStyle({SHADOW}.querySelector('.cm-editor')).display") == "flex"
    # while a <style> element or a style attribute that the page did not write still does nothing
    before = page.eval("() => getComputedStyle(document.getElementById('console-status')).color")
    page.eval(
        "() => { const s = document.createElement('style');"
        " s.textContent = '#console-status { color: rgb(1, 2, 3) !important }'; document.head.appendChild(s);"
        " document.getElementById('console-results').setAttribute('style', 'display: none'); }"
    )
    assert page.eval("() => getComputedStyle(document.getElementById('console-status')).color") == before
    assert page.eval("() => getComputedStyle(document.getElementById('console-results')).display") == "block"
    blocked = [e for e in page.errors if "Content Security Policy" in e]
    assert len(blocked) == 2  # the browser refused both, and said so
    page.errors[:] = [e for e in page.errors if e not in blocked]


def test_licence_notices_are_reachable(real_html, open_page):  # noqa: F811
    page = open_page(real_html)
    open_editor(page)
    assert page.page.locator("#console-licences").is_hidden()
    page.page.locator("#console-about").click()
    assert page.page.locator("#console-licences").is_visible()
    text = page.page.locator("#console-licences-text").text_content()
    assert text == licence_notices()
    for expected in ("Oxigraph 0.5.11", "regex-automata", "codemirror-lang-sparql 2.1.0", "Apache License"):
        assert expected in text
    assert page.eval("() => document.activeElement.id") == "console-licences-close"
    page.page.keyboard.press("Enter")
    assert page.page.locator("#console-licences").is_hidden()


def test_console_screenshots_phone_and_desktop(real_html, open_page):  # noqa: F811
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_page(real_html, viewport=viewport)
        open_editor(page)
        page.page.locator("#console-named").select_option("key-tasks")
        page.page.locator("#console-editor .cm-content").press("Control+Enter")
        page.page.wait_for_selector("#console-results tbody tr")
        assert page.page.locator("#console-results tbody tr").count() == 7
        # nothing wider than the screen but the results table, which scrolls in its own box
        assert page.eval("() => document.getElementById('console-view').scrollWidth") <= viewport["width"]
        editor_box = page.page.locator("#console-editor .cm-editor").bounding_box()
        assert editor_box["width"] <= viewport["width"] and editor_box["height"] >= 100
        page.shot(f"console-{name}.png")
