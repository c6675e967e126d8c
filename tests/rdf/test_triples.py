"""The build model (kg1571.rdf.triples), the JSON-LD written from it, and the rdflib API over it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ROOT
from kg1571.exports import jsonld_context
from kg1571.rdf.jsonld import JsonLdWriter
from kg1571.rdf.triples import XSD, Literal, ntriples_line, sorted_graph

SKOS = "http://www.w3.org/2004/02/skos/core#"
K = "https://w3id.org/kg1571/vocab#"
KC = "https://w3id.org/kg1571/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: Triples of every kind the JSON-LD writer must handle, including ones the build does not write today:
#: a zh editorialNote (its term is @en), k:order with another datatype, several values of a single-valued
#: term, a plain literal on a language-map term, native types, an IRI with no prefix, a @set term with one value.
EDGE_TRIPLES = [
    (KC + "a", RDF_TYPE, SKOS + "Concept"),
    (KC + "a", RDF_TYPE, K + "KeyTask"),
    (KC + "a", SKOS + "prefLabel", Literal("甲", "zh")),
    (KC + "a", SKOS + "prefLabel", Literal("A", "en")),
    (KC + "a", SKOS + "prefLabel", Literal("no language")),
    (KC + "a", SKOS + "altLabel", Literal("alpha", "en")),
    (KC + "a", SKOS + "altLabel", Literal("first", "en")),
    (KC + "a", SKOS + "altLabel", Literal("一", "zh")),
    (KC + "a", SKOS + "editorialNote", Literal("a note", "en")),
    (KC + "a", SKOS + "editorialNote", Literal("注", "zh")),
    (KC + "a", K + "order", Literal("3", None, XSD + "positiveInteger")),
    (KC + "b", K + "order", Literal("4", None, XSD + "integer")),
    (KC + "a", SKOS + "inScheme", KC + "scheme"),
    (KC + "a", SKOS + "inScheme", "http://example.org/other-scheme#x"),
    (KC + "a", SKOS + "broader", KC + "b"),
    (KC + "a", "http://example.org/flag", Literal("true", None, XSD + "boolean")),
    (KC + "a", "http://example.org/weight", Literal("1.5", None, XSD + "double")),
    (KC + "a", "http://example.org/when", Literal("2026-12-01", None, XSD + "date")),
    (KC + "a", "http://purl.org/dc/terms/identifier", Literal('quote " and \\ and\nline')),
    (KC + "b", RDF_TYPE, SKOS + "Concept"),
    (KC + "b", "http://www.w3.org/ns/oa#exact", Literal("原文", "zh")),
    (KC + "b", "http://www.w3.org/ns/oa#start", Literal("7", None, XSD + "nonNegativeInteger")),
]


def _rdflib(triples) -> Graph:
    return Graph().parse(data=sorted_graph(triples).ntriples, format="nt")


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value if v is not None]
    return value


def _rdflib_document(graph: Graph, context: dict) -> dict:
    """What the JSON-LD export was until 0.3: rdflib's serializer, canonicalized, nulls removed."""
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=False))

    def canonical(value):
        if isinstance(value, dict):
            return {k: canonical(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            items = [canonical(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return value

    nodes = sorted((canonical(n) for n in document.get("@graph", [])), key=lambda n: n.get("id", ""))
    return _without_nulls({"@context": context, "@graph": nodes})


def _pyld_graph(document: dict) -> Graph:
    from pyld import jsonld

    return Graph().parse(data=jsonld.to_rdf(document, {"format": "application/n-quads"}), format="nt")


def test_jsonld_of_unusual_triples_expands_to_them_and_matches_rdflib(project):
    context = jsonld_context(project)
    built = sorted_graph(EDGE_TRIPLES)
    document = JsonLdWriter(context).document(built.triples)
    written = json.loads(document)
    assert document == (json.dumps(written, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    assert JsonLdWriter(context).document([]) == (
        json.dumps({"@context": context, "@graph": []}, ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")
    assert isomorphic(_pyld_graph(written), _rdflib(EDGE_TRIPLES))
    assert written == _rdflib_document(_rdflib(EDGE_TRIPLES), context)
    nodes = {n["id"]: n for n in written["@graph"]}
    assert nodes["kc:a"]["altLabel"] == {"en": ["alpha", "first"], "zh": ["一"]}  # no null (0.2 wrote one)
    assert nodes["kc:a"]["editorialNote"] == "a note"
    assert nodes["kc:a"]["skos:editorialNote"] == {"@language": "zh", "@value": "注"}
    assert nodes["kc:b"]["k:order"] == 4  # not the `order` term (xsd:positiveInteger): a JSON number
    assert nodes["kc:a"]["http://example.org/flag"] is True
    assert nodes["kc:a"]["broader"] == ["kc:b"]


@pytest.mark.slow
def test_jsonld_of_the_real_graph_is_rdflibs_without_the_nulls(project, built_graph):
    from kg1571.rdf.build import build_triples

    context = jsonld_context(project)
    written = JsonLdWriter(context).document(build_triples(project).triples)
    assert json.loads(written) == _rdflib_document(built_graph, context)
    assert b"null" not in written


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from([None, "zh", "en"]))
def test_every_literal_line_parses_back_in_pyoxigraph(text, language):
    import pyoxigraph as ox

    triple = (KC + "a", SKOS + "note", Literal(text, language))
    (parsed,) = ox.parse(ntriples_line(triple).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == text
    assert parsed.object.language == language


def test_duplicates_are_removed_and_counted_once():
    triple = (KC + "a", RDF_TYPE, SKOS + "Concept")
    built = sorted_graph([triple, triple], counted=lambda n: (KC + "a", K + "count", Literal(str(n + 1))))
    assert len(built) == 2
    assert built.ntriples.decode("utf-8").splitlines() == [
        f"<{KC}a> <{RDF_TYPE}> <{SKOS}Concept> .",
        f'<{KC}a> <{K}count> "2" .',
    ]


def test_load_graph_is_the_ntriples_export_as_rdflib():
    import kg1571

    graph = kg1571.load_graph(ROOT)
    exported = Graph().parse(ROOT / "exports" / "kg1571.nt", format="nt")
    assert set(graph) == set(exported)
    assert len(graph) == len(exported)
    assert dict(graph.namespaces())["kc"].toPython() == "https://w3id.org/kg1571/id/"


def test_pipeline_build_graph_still_gives_an_rdflib_graph(project, built_graph):
    from kg1571.pipeline import build_graph

    assert isinstance(build_graph(project), Graph)
    assert len(build_graph(project)) == len(built_graph)


def test_validate_path_imports_no_rdflib_networkx_pyvis_or_pyshacl():
    """What `kg1571 validate` does before the SHACL step (load, check, build the model) and `import kg1571`
    load none of the heavy libraries. (pySHACL, when it runs, runs on rdflib: part B of issue #12 makes
    validate skip it by default; tests/cli/test_cli.py checks the commands themselves.)"""
    probe = (
        "import sys\n"
        "import kg1571\n"
        "from kg1571.pipeline import load_project, build_triples\n"
        f"built = build_triples(load_project(__import__('pathlib').Path({str(ROOT)!r})))\n"
        "assert len(built) > 10000\n"
        "heavy = ('rdflib', 'networkx', 'pyvis', 'pyshacl', 'pylode', 'importlib.metadata')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "LOADED []"


def test_the_readme_python_example_runs(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Python") :]
    block = section[
        section.index("```python\n") + len("```python\n") : section.index("```\n", section.index("```python"))
    ]
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own documentation
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "en The “1571” work plan of the Autonomous Region Party Committee",
        "zh 自治区党委“1571”工作部署",
    ]
    assert out[2] == f"{sum(1 for _ in (ROOT / 'exports' / 'kg1571.nt').open('rb'))} triples"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_the_indented_writer_writes_what_json_dumps_writes(value):
    from kg1571.rdf.jsonld import write_indented

    out: list[str] = []
    write_indented(value, out)
    assert "".join(out) == json.dumps(value, ensure_ascii=False, indent=1)


def test_the_rdflib_graph_is_the_same_from_the_tuples_and_from_the_ntriples(project):
    from kg1571.rdf.build import build_triples
    from kg1571.rdf.to_rdflib import to_rdflib

    built = build_triples(project)
    from_tuples = set(to_rdflib(built))
    built.release_triples()  # what render_exports does after the JSON-LD: the N-Triples are parsed instead
    assert from_tuples == set(to_rdflib(built)) == set(Graph().parse(data=built.ntriples, format="nt"))
