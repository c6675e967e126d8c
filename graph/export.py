"""Serialize the graph to every export format, deterministically, and write or check exports/ atomically."""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from graph.build import prefixes
from graph.errors import StaleExports
from graph.model import Project

#: Export file names: a public contract (users' scripts open them by name).
TURTLE = "kg1571.ttl"
NTRIPLES = "kg1571.nt"
JSONLD = "kg1571.jsonld"
GRAPHML = "kg1571.graphml"
HTML = "kg1571.html"


def turtle(graph: Graph, project: Project) -> bytes:
    """Turtle, one statement per line (rdflib's longturtle): diffs cleanly; subjects in a stable order."""
    return graph.serialize(format="longturtle", encoding="utf-8")


def ntriples(graph: Graph, project: Project) -> bytes:
    """N-Triples, lines sorted so the file is byte-stable."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def jsonld_context(project: Project) -> dict:
    """The explicit compact @context of ontology/context.jsonld, with `kc:` under the build's base IRI and
    one term per vocabulary object property (so `hasComponent` reads as such)."""
    context = json.loads((project.root / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context["kc"] = prefixes(project.base_iri)["kc"]
    for name in sorted(project.vocabulary.properties):
        context.setdefault(name, {"@id": f"k:{name}", "@type": "@id"})
    return context


def jsonld(graph: Graph, project: Project) -> bytes:
    """JSON-LD compacted with our explicit context (no auto-compaction), nodes sorted by @id, keys sorted."""
    context = jsonld_context(project)
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=False))

    def canonical(value):  # sort multi-valued arrays too: rdflib emits them in store order
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            items = [canonical(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    nodes = sorted((canonical(n) for n in data.get("@graph", [])), key=lambda n: n.get("id", ""))
    document = {"@context": context, "@graph": nodes}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def graphml(graph: Graph, project: Project) -> bytes:
    """GraphML of the concept network for Gephi, Cytoscape and yEd."""
    import networkx as nx

    from graph.network import concept_network

    buffer = io.BytesIO()
    nx.write_graphml(concept_network(project), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def html(graph: Graph, project: Project) -> bytes:
    """The self-contained interactive explorer."""
    from graph.render import render_html

    return render_html(project).encode("utf-8")


def writers() -> dict[str, Callable[[Graph, Project], bytes]]:
    """Every export, by file name, in the order they are produced."""
    result: dict[str, Callable[[Graph, Project], bytes]] = {
        TURTLE: turtle, NTRIPLES: ntriples, JSONLD: jsonld, GRAPHML: graphml,
    }
    try:
        import graph.render  # noqa: F401  (the explorer lands in its own module)
    except ImportError:
        return result
    result[HTML] = html
    return result


def render_exports(graph: Graph, project: Project) -> dict[str, bytes]:
    """Every export as bytes, in memory; nothing touches the disk."""
    from graph.timing import stage

    outputs = {}
    for name, write in writers().items():
        with stage(f"export {name}"):
            outputs[name] = write(graph, project)
    return outputs


def write_exports(outputs: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write all files to a temporary folder beside ``out_dir`` first, then move each into place, so a
    failure leaves the previous exports untouched."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kg1571-", dir=out_dir.parent))
    try:
        for name, data in outputs.items():
            (staging / name).write_bytes(data)
        written = []
        for name in outputs:
            os.replace(staging / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_exports(outputs: dict[str, bytes], out_dir: Path) -> None:
    """Raise StaleExports naming every file that is missing or differs from a fresh build."""
    changed = []
    for name, data in outputs.items():
        path = out_dir / name
        if not path.exists():
            changed.append(f"{name} (missing)")
        elif path.read_bytes() != data:
            changed.append(name)
    if changed:
        raise StaleExports(changed)
