"""The SPARQL console in real Chromium: every named query (every .rq file) answered in the page through
window.kg.sparql exactly as `kg1571 query --format json` answers it; a runaway query cancelled; no request."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from test_explorer_browser import browser, open_page, real_html  # noqa: F401 (fixtures)

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
    page.page.locator("#console-editor").fill("SELECT * WHERE {\n  ?s ?p }")
    page.page.locator("#console-editor").press("Control+Enter")
    page.page.wait_for_function(
        "() => /^2:\\d+: SPARQL syntax error/.test(document.getElementById('console-status').textContent)"
    )


def test_page_csp_allows_wasm_and_blob_workers_only(real_html):  # noqa: F811
    html = real_html.read_text(encoding="utf-8")
    csp = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "'wasm-unsafe-eval'" in csp and "worker-src blob:" in csp
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in csp and "connect-src 'none'" in csp
    script_src = csp.split("script-src ", 1)[1].split(";", 1)[0]
    assert script_src.count("'sha256-") == 3 and script_src.endswith("'wasm-unsafe-eval'")
