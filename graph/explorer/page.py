"""The explorer page: one self-contained HTML file from our offline template, with the drawing, the data,
vis-network and our script inlined (no CDN, no request of any kind).

All text enters the page as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, and the page's script inserts it with ``textContent`` only. Output is byte-identical for the same
project (sorted data, rounded coordinates, no timestamps or random ids).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources

from kg1571.explorer.data import explorer_data
from kg1571.explorer.layout import compute_layout
from kg1571.explorer.vis import LARGE_GRAPH, build_network, compact_edge, compact_node, vis_assets
from kg1571.model import Project

_TEMPLATES = "templates"


def script_json(value: object) -> str:
    """JSON safe to place inside a <script> element: no `<`, `>` or `&` survives, so nothing can close it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _safe_inline(code: str, tag: str) -> str:
    """Library code placed inline must not contain its own closing tag."""
    if re.search(rf"</{tag}", code, re.IGNORECASE) or (tag == "script" and "<!--" in code):
        code = re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    return code


def _hash_source(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """The page's CSP: nothing may be fetched, and only the inline scripts and styles we wrote may run or
    apply, each named by its SHA-256 (so an injected ``<script>``, ``onerror=`` or ``style=`` does nothing).
    The SPARQL console adds exactly two things: ``'wasm-unsafe-eval'`` (compiling Oxigraph's WebAssembly;
    ``eval`` stays blocked) and ``worker-src blob:`` (the query worker, made from the page's own bytes)."""
    return (
        "default-src 'none'; "
        f"script-src {' '.join(_hash_source(s) for s in scripts)} 'wasm-unsafe-eval'; "
        "worker-src blob:; "
        f"style-src {' '.join(_hash_source(s) for s in styles)}; "
        "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _template(name: str) -> str:
    return resources.files("kg1571.explorer").joinpath(_TEMPLATES, name).read_text(encoding="utf-8")


def _vendored(name: str, package: str = "oxigraph") -> bytes:
    return resources.files("kg1571.explorer").joinpath("vendor", package, name).read_bytes()


def licence_notices() -> str:
    """The licences of everything the page bundles, shown by the console's "About / licences": Oxigraph's
    own, the Rust crates compiled into its wasm, and the CodeMirror packages of the editor."""
    parts = [
        ("Oxigraph 0.5.11 (npm oxigraph: the SPARQL engine, WebAssembly)", _vendored("LICENSE.txt")),
        ("", _vendored("THIRD-PARTY-NOTICES.txt")),
        ("", _vendored("THIRD-PARTY-NOTICES.txt", "codemirror")),
    ]
    return "\n\n".join((f"{title}\n\n" if title else "") + text.decode("utf-8").strip() for title, text in parts) + "\n"


def classic_oxigraph_js(module: str) -> str:
    """Oxigraph's web.js (an ES module) as a classic worker script: Chromium will not start a module worker
    from a ``blob:`` URL of a ``file://`` page (its origin is opaque). The exports become plain declarations,
    and the one ``import.meta.url`` (the default wasm path, never used: the page passes the bytes) goes."""
    text, count = re.subn(r"(?m)^export (class|function) ", r"\1 ", module)
    text = text.replace("export { initSync, __wbg_init as default };", "")
    text = text.replace("new URL('web_bg.wasm', import.meta.url)", "undefined")
    if count < 10 or re.search(r"(?m)^\s*(export|import)\b|import\.meta", text):
        raise ValueError("vendor/oxigraph/web.js changed shape; update classic_oxigraph_js for the new version")
    return text


def console_data(project: Project) -> dict:
    """What the SPARQL console reads on first use: the CLI's prefixes and the named queries (the same .rq
    files `kg1571 query` runs, embedded at build time)."""
    from kg1571.namespaces import prefixes
    from kg1571.sparql import library

    terms = [("class", t) for t in project.vocabulary.classes.values()]
    terms += [("property", t) for t in project.vocabulary.properties.values()]
    return {
        "base": project.base_iri,
        "prefixes": prefixes(project.base_iri),
        # k: terms for the editor's completion, with their labels
        "vocabulary": sorted(
            ({"name": t.name, "kind": kind, "zh": t.label_zh, "en": t.label_en} for kind, t in terms),
            key=lambda t: t["name"],
        ),
        "queries": [
            {
                "name": q.name,
                "zh": q.question_zh,
                "en": q.question_en,
                "params": [{"name": p.name, "default": p.default, "description": p.description} for p in q.parameters],
                "text": q.render(base_iri=project.base_iri),
            }
            for q in library.all_queries()
        ],
    }


def _turtle(project: Project) -> str:
    from kg1571.exports import ExportInput, turtle
    from kg1571.rdf.build import build_triples

    return turtle(ExportInput(build_triples(project), project)).decode("utf-8")


def render_html(project: Project, turtle: str | None = None) -> str:
    """The explorer page as one self-contained HTML string (pure: writes nothing). ``turtle`` is the graph
    the SPARQL console queries (the Turtle export; built from the project when not given)."""
    layout = compute_layout(project)
    net = build_network(project, layout)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    graph = {
        "nodes": [compact_node(n) for n in nodes],
        "edges": [compact_edge(e) for e in edges],
        "options": json.loads(options),
        "progressive": len(nodes) >= LARGE_GRAPH,
    }
    vis_js, vis_css = vis_assets()
    slots = {
        "LANG": "zh-Hans",
        "TITLE": html.escape(project.source.title),
        "VIS_CSS": _safe_inline(vis_css, "style"),
        "APP_CSS": _safe_inline(_template("explorer.css"), "style"),
        "DATA": script_json(explorer_data(project, layout)),
        "GRAPH": script_json(graph),
        "VIS_JS": _safe_inline(vis_js, "script"),
        "APP_JS": _safe_inline(_template("explorer.js"), "script"),
        "CONSOLE_JS": _safe_inline(_template("console.js"), "script"),
        # run on first use by inserting a <script> with this text (so its hash is in the CSP)
        "CODEMIRROR_JS": _safe_inline(_vendored("codemirror.js", "codemirror").decode("utf-8"), "script"),
        "NOTICES": script_json(licence_notices()),
        "CONSOLE": script_json(console_data(project)),
        "TURTLE": script_json(turtle if turtle is not None else _turtle(project)),
        "OXIGRAPH_JS": script_json(classic_oxigraph_js(_vendored("web.js").decode("utf-8"))),
        # gzipped (vendor-oxigraph.sh), inflated by the worker: 1.9 MB of base64 instead of 5.4
        "OXIGRAPH_WASM": base64.b64encode(_vendored("web_bg.wasm.gz")).decode("ascii"),
    }
    scripts = [slots["VIS_JS"], slots["APP_JS"], slots["CONSOLE_JS"], slots["CODEMIRROR_JS"]]
    slots["CSP"] = content_security_policy(scripts, [slots["VIS_CSS"], slots["APP_CSS"]])
    # one pass, so text inside a slot can never be mistaken for another slot
    return re.sub(r"/\*@(\w+)@\*/", lambda m: slots[m.group(1)], _template("explorer.html"))
