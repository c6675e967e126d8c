"""`kg1571 query`, the in-process engine, the result formats and the named query library."""

from __future__ import annotations

import json
import re

import pytest

from graph import library
from graph.cli import main
from graph.query import QueryEngine, QuerySyntaxError, UpdateRefused, is_update, prefixes, query_form
from graph.results import AskResult, GraphResult, SelectResult, Term, display_width, parse_results_json, to_json

SMALL = """\
@prefix k: <https://w3id.org/kg1571/vocab#> .
@prefix kc: <https://w3id.org/kg1571/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kc:main-line a k:MainLine , skos:Concept ; k:order "1"^^xsd:integer ;
    skos:prefLabel "铸牢中华民族共同体意识"@zh , "Forging a strong sense of community"@en .
kc:guarantee a k:Guarantee , skos:Concept ; k:order "4"^^xsd:integer ;
    skos:prefLabel "加强党的全面领导和党的建设"@zh , "Party leadership"@en .
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> QueryEngine:
    path = tmp_path_factory.mktemp("q") / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    return QueryEngine.from_file(path)


# --- the engine -----------------------------------------------------------------------------------


def test_select_with_predeclared_prefixes(small):
    result = small.run('SELECT ?c ?o WHERE { ?c a skos:Concept ; k:order ?o } ORDER BY ?o')
    assert result == SelectResult(("c", "o"), (
        (Term.uri("https://w3id.org/kg1571/id/main-line"), Term.literal("1", datatype="http://www.w3.org/2001/XMLSchema#integer")),
        (Term.uri("https://w3id.org/kg1571/id/guarantee"), Term.literal("4", datatype="http://www.w3.org/2001/XMLSchema#integer")),
    ))


def test_ask_construct_describe(small):
    assert small.run("ASK { kc:main-line a k:MainLine }") == AskResult(True)
    assert small.run("ASK { kc:main-line a k:Guarantee }") == AskResult(False)
    graph = small.run("CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:prefLabel ?l FILTER(lang(?l) = 'zh') }")
    assert isinstance(graph, GraphResult) and graph.triple_count == 2
    assert "@prefix kc: <https://w3id.org/kg1571/id/>" in graph.turtle and "铸牢中华民族共同体意识" in graph.turtle
    described = small.run("DESCRIBE kc:guarantee")
    assert isinstance(described, GraphResult) and described.triple_count == 5


@pytest.mark.parametrize("text", [
    "INSERT DATA { kc:a kc:b kc:c }",
    "# a comment\nPREFIX x: <http://x/>\n DELETE WHERE { ?s ?p ?o }",
    "clear all", "LOAD <http://example.org/x>", "DROP GRAPH <http://x>", "MOVE DEFAULT TO <http://x>",
])
def test_updates_are_refused(small, text):
    assert is_update(text)
    with pytest.raises(UpdateRefused, match="read-only"):
        small.run(text)


def test_query_form_skips_comments_prologue_and_strings():
    assert query_form('# INSERT this\nPREFIX a: <http://a#>\nBASE <http://b/>\nselect * {}') == "SELECT"
    assert query_form("ASK { ?s ?p '# not a comment' }") == "ASK"


def test_syntax_error_has_line_and_column(small):
    with pytest.raises(QuerySyntaxError) as info:
        small.run('SELECT ?c WHERE {\n  ?c a k:MainLine ; k:note "中文" .\n  ?c ?p }', source="q.rq")
    # the "}" where an object was due (the parser reports the column it stopped at: 9 or just after it)
    assert info.value.line == 3 and info.value.column in (9, 10)
    assert str(info.value).startswith(f"q.rq:3:{info.value.column}: SPARQL syntax error: expected")
    assert info.value.exit_code == 2


def test_unknown_prefix_is_a_syntax_error(small):
    with pytest.raises(QuerySyntaxError, match="1:"):
        small.run("SELECT * WHERE { ?s nope:x ?o }")


# --- output formats ---------------------------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_aligns_chinese_text(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    code, out, _ = run_cli(capsys, "query", "--data", str(data), "-e",
                           "SELECT ?label ?c WHERE { ?c skos:prefLabel ?label } ORDER BY ?label")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "(4 rows)"
    bars = {tuple(i for i, _ in enumerate(_columns(line)) if _ == "|") for line in lines[:1] + lines[2:-1]}
    assert len(bars) == 1, "the | separators must sit in the same display column on every row"
    assert re.search(r"\n铸牢中华民族共同体意识 +\| kc:main-line\n", out)


def _columns(line: str) -> list[str]:
    """The line as display columns (a wide character fills two)."""
    cells: list[str] = []
    for char in line:
        cells += [char] * display_width(char)
    return cells


def test_formats_csv_tsv_json(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    query = "SELECT ?c ?l WHERE { ?c a k:MainLine ; skos:prefLabel ?l } ORDER BY ?l"
    _, csv_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", query, "--format", "csv")
    assert csv_out == ("c,l\r\nhttps://w3id.org/kg1571/id/main-line,Forging a strong sense of community\r\n"
                       "https://w3id.org/kg1571/id/main-line,铸牢中华民族共同体意识\r\n")
    _, tsv_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", query, "--format", "tsv")
    assert tsv_out.splitlines() == ["?c\t?l", '<https://w3id.org/kg1571/id/main-line>\t"Forging a strong sense of community"@en',
                                    '<https://w3id.org/kg1571/id/main-line>\t"铸牢中华民族共同体意识"@zh']
    _, json_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", query, "--format", "json")
    doc = json.loads(json_out)
    assert doc["head"]["vars"] == ["c", "l"]
    assert doc["results"]["bindings"][1]["l"] == {"type": "literal", "value": "铸牢中华民族共同体意识", "xml:lang": "zh"}
    _, ask_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", "ASK {}", "--format", "json")
    assert json.loads(ask_out) == {"head": {}, "boolean": True}


def test_json_round_trip(small):
    result = small.run("SELECT ?c ?l ?o WHERE { ?c skos:prefLabel ?l OPTIONAL { ?c k:nothing ?o } } ORDER BY ?l")
    assert parse_results_json(to_json(result)) == result


def test_virtuoso_typed_literal_json_is_normalised():
    doc = '{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"typed-literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"2"}}]}}'
    assert parse_results_json(doc).rows == ((Term.literal("2", datatype="http://www.w3.org/2001/XMLSchema#integer"),),)


def test_construct_prints_turtle(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    code, out, _ = run_cli(capsys, "query", "--data", str(data), "-e", "DESCRIBE kc:main-line")
    assert code == 0 and out.startswith("@prefix") and "kc:main-line" in out


def test_cli_errors_exit_2(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    code, _, err = run_cli(capsys, "query", "--data", str(data), "-e", "SELECT * WHERE {\n ?s ?p }")
    assert code == 2 and re.search(r"Error: -e:2:\d+: SPARQL syntax error", err)
    code, _, err = run_cli(capsys, "query", "--data", str(data), "-e", "DELETE WHERE { ?s ?p ?o }")
    assert code == 2 and "read-only" in err
    code, _, err = run_cli(capsys, "query", "--data", str(data), "--name", "no-such-query")
    assert code == 2 and "no named query 'no-such-query'" in err
    code, _, err = run_cli(capsys, "query", "--data", str(data))
    assert code == 2 and "give exactly one query" in err
    code, _, err = run_cli(capsys, "query", "--data", str(data), "--name", "concept-evidence", "--param", "concept=a b")
    assert code == 2 and "is not a concept" in err
    code, _, err = run_cli(capsys, "query", "--data", str(tmp_path / "missing.ttl"), "-e", "ASK {}")
    assert code == 2 and "data file not found" in err


def test_query_from_file(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?c a skos:Concept }", encoding="utf-8")
    code, out, _ = run_cli(capsys, "query", "--data", str(data), str(rq), "--format", "csv")
    assert code == 0 and out == "n\r\n2\r\n"


# --- the named query library --------------------------------------------------------------------------


def test_library_has_at_least_15_queries_with_questions(capsys):
    queries = library.all_queries()
    assert len(queries) >= 15
    for named in queries:
        assert re.search(r"[\u4e00-\u9fff]", named.question_zh), named.name
        assert named.question_en[:1].isupper() and named.question_en.endswith("?"), named.name
    code, out, _ = run_cli(capsys, "query", "--list")
    assert code == 0
    for named in queries:
        assert named.name in out and named.question_zh in out and named.question_en in out


@pytest.mark.parametrize("name", library.names())
def test_each_query_runs_as_is_without_predeclared_prefixes(name):
    """Every .rq declares its own prefixes, so it runs unchanged on any SPARQL store."""
    import pyoxigraph as ox

    ox.Store().query(library.get(name).text)  # raises SyntaxError on an undeclared prefix


def test_parameters_are_bound_safely():
    named = library.get("concept-evidence")
    assert "VALUES ?concept { kc:main-line }" in named.render({"concept": "main-line"})
    assert "VALUES ?concept { kc:guarantee }" in named.render({"concept": "kc:guarantee"})
    assert "VALUES ?concept { <http://x/y> }" in named.render({"concept": "<http://x/y>"})
    with pytest.raises(library.NamedQueryError, match="is not a concept"):
        named.render({"concept": "} ?s ?p ?o {"})
    with pytest.raises(library.NamedQueryError, match="has no parameter 'nope'"):
        named.render({"nope": "x"})
    keyword = library.get("keyword-concepts").render({"keyword": 'a"b'})
    assert 'VALUES ?keyword { "a\\"b" }' in keyword


def test_base_iri_moves_kc():
    text = library.get("framework-components").render(base_iri="http://example.org/kg/")
    assert "PREFIX kc: <http://example.org/kg/id/>" in text
    assert prefixes("http://example.org/kg")["kc"] == "http://example.org/kg/id/"
