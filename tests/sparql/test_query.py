# ruff: noqa: E501  (the expected answers below quote long source passages verbatim)
"""`kg1571 query`, the in-process engine, the result formats and the named query library."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kg1571.cli import main
from kg1571.errors import QuerySyntaxError, UpdateRefused
from kg1571.sparql import library
from kg1571.sparql.engine import QueryEngine, is_update, prefixes, query_form
from kg1571.sparql.results import AskResult, GraphResult, SelectResult, Term, compact, parse_results_json
from kg1571.tables import display_width

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
    result = small.run("SELECT ?c ?o WHERE { ?c a skos:Concept ; k:order ?o } ORDER BY ?o")
    assert result == SelectResult(
        ("c", "o"),
        (
            (
                Term.uri("https://w3id.org/kg1571/id/main-line"),
                Term.literal("1", datatype="http://www.w3.org/2001/XMLSchema#integer"),
            ),
            (
                Term.uri("https://w3id.org/kg1571/id/guarantee"),
                Term.literal("4", datatype="http://www.w3.org/2001/XMLSchema#integer"),
            ),
        ),
    )


def test_ask_construct_describe(small):
    assert small.run("ASK { kc:main-line a k:MainLine }") == AskResult(True)
    assert small.run("ASK { kc:main-line a k:Guarantee }") == AskResult(False)
    graph = small.run("CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:prefLabel ?l FILTER(lang(?l) = 'zh') }")
    assert isinstance(graph, GraphResult) and graph.triple_count == 2
    assert "@prefix kc: <https://w3id.org/kg1571/id/>" in graph.turtle and "铸牢中华民族共同体意识" in graph.turtle
    described = small.run("DESCRIBE kc:guarantee")
    assert isinstance(described, GraphResult) and described.triple_count == 5


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { kc:a kc:b kc:c }",
        "# a comment\nPREFIX x: <http://x/>\n DELETE WHERE { ?s ?p ?o }",
        "clear all",
        "LOAD <http://example.org/x>",
        "DROP GRAPH <http://x>",
        "MOVE DEFAULT TO <http://x>",
    ],
)
def test_updates_are_refused(small, text):
    assert is_update(text)
    with pytest.raises(UpdateRefused, match="read-only"):
        small.run(text)


def test_query_form_skips_comments_prologue_and_strings():
    assert query_form("# INSERT this\nPREFIX a: <http://a#>\nBASE <http://b/>\nselect * {}") == "SELECT"
    assert query_form("ASK { ?s ?p '# not a comment' }") == "ASK"


def test_syntax_error_has_line_and_column(small):
    with pytest.raises(QuerySyntaxError) as info:
        small.run('SELECT ?c WHERE {\n  ?c a k:MainLine ; k:note "中文" .\n  ?c ?p }', source="q.rq")
    # the "}" where an object was due (the parser reports the column it stopped at: 9 or just after it)
    assert info.value.line == 3 and info.value.column in (9, 10)
    assert str(info.value).startswith(f"q.rq:3:{info.value.column}: SPARQL syntax error: expected")
    assert info.value.exit_code == 2


def test_unknown_prefix_is_a_syntax_error(small):
    with pytest.raises(QuerySyntaxError, match="1:") as info:
        small.run("SELECT * WHERE { ?s nope:x ?o }")
    assert "unknown prefix 'nope:'" in str(info.value) and "PREFIX nope:" in str(info.value)
    assert "\\u{" not in str(info.value)  # not the parser's list of character classes


def test_unknown_prefix_named_on_a_later_line_after_declared_ones(small):
    text = 'PREFIX a: <http://a/>\nSELECT * WHERE { ?s a:x "foo:bar" ;\n  foaf:name ?o }'
    with pytest.raises(QuerySyntaxError) as info:
        small.run(text, source="q.rq")
    assert info.value.line == 3 and "unknown prefix 'foaf:'" in str(info.value)


def test_format_that_does_not_fit_the_query_form_is_refused(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    code, out, err = run_cli(capsys, "query", "--data", str(data), "-e", "SELECT * {}", "--format", "turtle")
    assert code == 2 and out == "" and "--format turtle is for CONSTRUCT and DESCRIBE" in err
    code, out, err = run_cli(capsys, "query", "--data", str(data), "-e", "DESCRIBE kc:main-line", "--format", "csv")
    assert code == 2 and out == "" and "--format csv is for SELECT and ASK" in err
    code, out, _ = run_cli(capsys, "query", "--data", str(data), "-e", "DESCRIBE kc:main-line", "--format", "turtle")
    assert code == 0 and out.startswith("@prefix")


# --- output formats ---------------------------------------------------------------------------------


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_aligns_chinese_text(capsys, tmp_path):
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    code, out, _ = run_cli(
        capsys,
        "query",
        "--data",
        str(data),
        "-e",
        "SELECT ?label ?c WHERE { ?c skos:prefLabel ?label } ORDER BY ?label",
    )
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
    assert csv_out == (
        "c,l\r\nhttps://w3id.org/kg1571/id/main-line,Forging a strong sense of community\r\n"
        "https://w3id.org/kg1571/id/main-line,铸牢中华民族共同体意识\r\n"
    )
    _, tsv_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", query, "--format", "tsv")
    assert tsv_out.splitlines() == [
        "?c\t?l",
        '<https://w3id.org/kg1571/id/main-line>\t"Forging a strong sense of community"@en',
        '<https://w3id.org/kg1571/id/main-line>\t"铸牢中华民族共同体意识"@zh',
    ]
    _, json_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", query, "--format", "json")
    doc = json.loads(json_out)
    assert doc["head"]["vars"] == ["c", "l"]
    assert doc["results"]["bindings"][1]["l"] == {
        "type": "literal",
        "value": "铸牢中华民族共同体意识",
        "xml:lang": "zh",
    }
    _, ask_out, _ = run_cli(capsys, "query", "--data", str(data), "-e", "ASK {}", "--format", "json")
    assert json.loads(ask_out) == {"head": {}, "boolean": True}


def test_json_written_by_pyoxigraph_reads_back_as_the_same_result(small):
    query = "SELECT ?c ?l ?o WHERE { ?c skos:prefLabel ?l OPTIONAL { ?c k:nothing ?o } } ORDER BY ?l"
    result = small.run(query)
    assert len(result.rows) == 4 and all(row[2] is None for row in result.rows)
    assert parse_results_json(small.serialize(query, "json")) == result


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


# --- the named queries' exact answers on the real graph (they follow the curation: update deliberately) -----
#
# Cells are shown as in the table output: IRIs as prefixed names (kc:, k:, skos: ...), literals as their
# text. The same queries give identical answers on Oxigraph and Virtuoso servers (tests/test_store.py).

EXPECTED: dict[str, list[tuple[str, ...]]] = {
    "component-roles": [
        ("1", "kc:main-line", "铸牢中华民族共同体意识", "k:guides", "引领"),
        ("2", "kc:five-strategic-positionings", "五大战略定位和使命任务", "k:supports", "支撑"),
        ("3", "kc:seven-key-tasks", "七项重点工作", "k:isPathwayFor", "是……的路径"),
        ("4", "kc:party-leadership-and-party-building", "加强党的全面领导和党的建设", "k:guarantees", "保障"),
        ("4", "kc:party-leadership-and-party-building", "加强党的全面领导和党的建设", "k:supports", "支撑"),
    ],
    "concept-card": [
        ("rdfs:label", "工作部署"),
        ("skos:altLabel", "“1+5+7+1” development framework"),
        ("skos:altLabel", "“1571” work plan"),
        ("skos:altLabel", "“1+5+7+1”的发展框架"),
        ("skos:altLabel", "“1571”工作部署"),
        (
            "skos:definition",
            "The work plan set out by the Inner Mongolia Autonomous Region Party Committee, with forging a strong sense of community for the Chinese nation as its main line, the five strategic positionings and missions as its support, the seven key tasks as its pathway and the Party's overall leadership as its guarantee; the overall lever and road map for the region's work now and for some time to come.",
        ),
        (
            "skos:definition",
            "自治区党委作出的工作部署：以铸牢中华民族共同体意识为主线，以五大战略定位和使命任务为支撑，以七项重点工作为路径，以党的全面领导为保障；为全区当前和今后一个时期各项事业发展明确了总抓手、划定了路线图。",
        ),
        ("skos:prefLabel", "The “1571” work plan of the Autonomous Region Party Committee"),
        ("skos:prefLabel", "自治区党委“1571”工作部署"),
    ],
    "concept-evidence": [
        (
            "454",
            "489",
            "坚守一条主线，这是关乎内蒙古长治久安的根本前提，是必须牢牢坚守的“纲”",
            "坚守一条主线，这是关乎内蒙古长治久安的根本前提，是必须牢牢坚守的“纲”",
            "Holding fast to the one main line: this is the fundamental precondition for the lasting peace and stability of Inner Mongolia, the “key link” that must be firmly upheld",
        ),
        (
            "3517",
            "3570",
            "第一个“1”明确了铸牢中华民族共同体意识这一主线，为各项工作提供价值引领和方向遵循，确保发展不偏向、不走样",
            "从发展逻辑来看，“1+5+7+1”的发展框架构成了有机整体",
            "In terms of the logic of development, the “1+5+7+1” development framework forms an organic whole",
        ),
    ],
    "concept-neighbourhood": [
        (
            "in",
            "k:hasComponent",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
            "The “1571” work plan of the Autonomous Region Party Committee",
        ),
        (
            "in",
            "k:requires",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
            "The “1571” work plan of the Autonomous Region Party Committee",
        ),
        ("in", "k:requires", "kc:lasting-stability", "长治久安", "Lasting peace and stability"),
        (
            "out",
            "skos:broader",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
            "The “1571” work plan of the Autonomous Region Party Committee",
        ),
        ("out", "skos:related", "kc:five-identifications", "五个认同", "Five Identifications"),
        ("out", "skos:related", "kc:four-togethers", "四个与共", "Four Togethers"),
        ("out", "skos:related", "kc:three-inseparables", "三个离不开", "Three Inseparables"),
        ("out", "k:contributesTo", "kc:common-prosperity", "共同富裕", "Common prosperity"),
        (
            "out",
            "k:contributesTo",
            "kc:development-on-course",
            "发展不偏向、不走样",
            "Development neither deviating nor being distorted",
        ),
        ("out", "k:contributesTo", "kc:frontier-stability", "边疆稳定", "Frontier stability"),
        (
            "out",
            "k:guides",
            "kc:all-fields-and-links-of-reform-and-development",
            "改革发展各领域各环节",
            "Every field and link of reform and development",
        ),
        ("out", "k:guides", "kc:cultural-development-field", "文化建设", "Cultural work"),
        ("out", "k:guides", "kc:ecological-protection", "生态保护", "Ecological protection"),
        ("out", "k:guides", "kc:economic-development", "经济发展", "Economic development"),
        ("out", "k:guides", "kc:ethnic-work", "民族工作", "Ethnic affairs"),
        (
            "out",
            "k:guides",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
            "The “1571” work plan of the Autonomous Region Party Committee",
        ),
        ("out", "k:guides", "kc:frontier-stability", "边疆稳定", "Frontier stability"),
        (
            "out",
            "k:guides",
            "kc:work-in-ethnic-minority-areas",
            "民族地区各项工作",
            "All work in ethnic-minority areas",
        ),
    ],
    "concepts-per-class": [
        ("k:Goal", "目标", "103"),
        ("k:Domain", "领域", "58"),
        ("k:Principle", "原则与口号", "56"),
        ("k:Problem", "问题", "36"),
        ("k:Initiative", "工程与举措", "22"),
        ("k:Industry", "产业", "14"),
        ("k:NumberedFormulation", "数字化表述", "10"),
        ("k:ImplementationMeasure", "落实举措", "8"),
        ("k:KeyTask", "重点工作", "7"),
        ("k:SpiritTrait", "精神特质", "6"),
        ("k:Actor", "主体", "5"),
        ("k:GuidingThought", "指导思想", "5"),
        ("k:RegionType", "地区类型", "5"),
        ("k:StrategicPositioning", "战略定位", "5"),
        ("k:Theory", "理论", "5"),
        ("k:Characteristic", "部署特征", "4"),
        ("k:PositioningGroup", "战略定位组", "4"),
        ("k:PracticeRequirement", "实践要求", "4"),
        ("k:Significance", "意义", "4"),
        ("k:PerformanceOrientation", "政绩导向", "3"),
        ("k:Spirit", "精神与理念", "3"),
        ("k:Meeting", "会议", "2"),
        ("k:PlanPeriod", "规划期", "2"),
        ("k:Framework", "工作部署", "1"),
        ("k:Guarantee", "保障", "1"),
        ("k:KeyTaskGroup", "重点工作组", "1"),
        ("k:MainLine", "主线", "1"),
    ],
    "connection-between": [
        (
            "2",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:main-line",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:seven-key-tasks",
        ),
        (
            "2",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:main-line",
            "kc:seven-key-tasks",
            "skos:broader",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:main-line",
            "kc:seven-key-tasks",
            "k:isPathwayFor",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:framework-1571",
            "k:requires",
            "kc:main-line",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:seven-key-tasks",
        ),
        (
            "2",
            "kc:framework-1571",
            "k:requires",
            "kc:main-line",
            "kc:seven-key-tasks",
            "skos:broader",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:framework-1571",
            "k:requires",
            "kc:main-line",
            "kc:seven-key-tasks",
            "k:isPathwayFor",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:main-line",
            "skos:broader",
            "kc:framework-1571",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:seven-key-tasks",
        ),
        (
            "2",
            "kc:main-line",
            "skos:broader",
            "kc:framework-1571",
            "kc:seven-key-tasks",
            "skos:broader",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:main-line",
            "skos:broader",
            "kc:framework-1571",
            "kc:seven-key-tasks",
            "k:isPathwayFor",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:main-line",
            "k:guides",
            "kc:framework-1571",
            "kc:framework-1571",
            "k:hasComponent",
            "kc:seven-key-tasks",
        ),
        (
            "2",
            "kc:main-line",
            "k:guides",
            "kc:framework-1571",
            "kc:seven-key-tasks",
            "skos:broader",
            "kc:framework-1571",
        ),
        (
            "2",
            "kc:main-line",
            "k:guides",
            "kc:framework-1571",
            "kc:seven-key-tasks",
            "k:isPathwayFor",
            "kc:framework-1571",
        ),
    ],
    "evidence-in-english": [
        (
            "8066",
            "8097",
            "蒙古马精神作为内蒙古各族人民在长期生产生活中形成的宝贵精神财富",
            "8066",
            "The Mongolian horse spirit is a precious spiritual asset formed by the people of all ethnic groups in Inner Mongolia in their long-term production and life; its core traits of “enduring hardship, forging ahead, never giving up until the goal is reached” can provide strong spiritual cohesion and an inspiring call to action for the implementation of the “1571” work plan.",
        ),
    ],
    "framework-components": [
        ("1", "kc:main-line", "铸牢中华民族共同体意识", "Forging a strong sense of community for the Chinese nation"),
        ("2", "kc:five-strategic-positionings", "五大战略定位和使命任务", "Five strategic positionings and missions"),
        ("3", "kc:seven-key-tasks", "七项重点工作", "Seven key tasks"),
        (
            "4",
            "kc:party-leadership-and-party-building",
            "加强党的全面领导和党的建设",
            "Strengthening the Party's overall leadership and Party building",
        ),
    ],
    "key-tasks": [
        (
            "1",
            "kc:modern-industrial-system",
            "建设体现内蒙古特色优势的现代化产业体系",
            "Building a modern industrial system that reflects Inner Mongolia's distinctive strengths",
        ),
        ("2", "kc:key-task-sci-tech-innovation", "科技创新", "Scientific and technological innovation"),
        ("3", "kc:key-task-market-alignment", "市场对接", "Market alignment"),
        (
            "4",
            "kc:high-standard-market-economy",
            "深化高水平社会主义市场经济体制",
            "Deepening the high-standard socialist market economy system",
        ),
        ("5", "kc:key-task-regional-layout", "区域布局", "Regional layout"),
        ("6", "kc:key-task-cultural-development", "文化发展", "Cultural development"),
        (
            "7",
            "kc:improving-peoples-wellbeing",
            "加大保障和改善民生力度",
            "Stepping up efforts to ensure and improve people's wellbeing",
        ),
    ],
    "key-tasks-and-positionings": [],
    "keyword-concepts": [
        ("kc:community-consciousness-foundations", "铸牢中华民族共同体意识的物质基础与情感基础", "definition", "zh"),
        ("kc:cultural-life", "各族群众精神文化生活", "definition", "zh"),
        ("kc:cultural-power", "文化强国", "definition", "zh"),
        ("kc:development-gains-benefit-all", "发展成果惠及各族群众", "definition", "zh"),
        ("kc:education", "教育", "definition", "zh"),
        ("kc:elderly-care", "养老", "definition", "zh"),
        ("kc:employment", "就业", "definition", "zh"),
        ("kc:ensuring-and-improving-livelihoods", "保障和改善民生", "definition", "zh"),
        ("kc:ensuring-and-improving-livelihoods", "保障和改善民生", "prefLabel", "zh"),
        ("kc:equal-access-to-basic-public-services", "基本公共服务均等化", "definition", "zh"),
        ("kc:fields-of-greatest-public-concern", "群众最关心的领域", "definition", "zh"),
        ("kc:four-pillar-development-system", "产业为基、科技为翼、改革为要、民生为本", "prefLabel", "zh"),
        ("kc:improving-livelihoods", "改善民生", "definition", "zh"),
        ("kc:improving-livelihoods", "改善民生", "prefLabel", "zh"),
        ("kc:improving-peoples-wellbeing", "加大保障和改善民生力度", "definition", "zh"),
        ("kc:improving-peoples-wellbeing", "加大保障和改善民生力度", "prefLabel", "zh"),
        ("kc:inclusive-basic-safety-net-wellbeing", "普惠性、基础性、兜底性民生建设", "definition", "zh"),
        ("kc:inclusive-basic-safety-net-wellbeing", "普惠性、基础性、兜底性民生建设", "prefLabel", "zh"),
        ("kc:income", "收入", "definition", "zh"),
        ("kc:key-task-cultural-development", "文化发展", "definition", "zh"),
        ("kc:key-task-market-alignment", "市场对接", "definition", "zh"),
        ("kc:key-task-regional-layout", "区域布局", "definition", "zh"),
        ("kc:key-task-sci-tech-innovation", "科技创新", "definition", "zh"),
        ("kc:livelihood-improvement", "民生改善", "altLabel", "zh"),
        ("kc:livelihood-improvement", "民生改善", "definition", "zh"),
        ("kc:livelihood-improvement", "民生改善", "prefLabel", "zh"),
        ("kc:livelihood-security", "民生保障", "definition", "zh"),
        ("kc:livelihood-security", "民生保障", "prefLabel", "zh"),
        ("kc:livelihood-shortfalls", "民生短板", "definition", "zh"),
        ("kc:livelihood-shortfalls", "民生短板", "prefLabel", "zh"),
        ("kc:making-good-livelihood-shortfalls", "补齐教育、医疗、养老等民生短板", "altLabel", "zh"),
        ("kc:making-good-livelihood-shortfalls", "补齐教育、医疗、养老等民生短板", "definition", "zh"),
        ("kc:making-good-livelihood-shortfalls", "补齐教育、医疗、养老等民生短板", "prefLabel", "zh"),
        ("kc:medical-care", "医疗", "definition", "zh"),
        ("kc:people-centred-development-philosophy", "以人民为中心的发展思想", "definition", "zh"),
        ("kc:people-first", "人民至上", "definition", "zh"),
        ("kc:people-wellbeing-orientation", "民生为本的政绩导向", "definition", "zh"),
        ("kc:people-wellbeing-orientation", "民生为本的政绩导向", "prefLabel", "zh"),
        ("kc:peoples-wellbeing", "民生福祉", "definition", "zh"),
        ("kc:peoples-wellbeing", "民生福祉", "prefLabel", "zh"),
        ("kc:popular-support", "群众基础", "definition", "zh"),
        ("kc:public-concerns", "群众关切", "definition", "zh"),
        ("kc:public-hopes", "群众期盼", "definition", "zh"),
        ("kc:public-needs", "群众需求", "definition", "zh"),
        ("kc:public-service-optimization", "公共服务优化", "definition", "zh"),
        ("kc:seven-key-tasks", "七项重点工作", "definition", "zh"),
        ("kc:shared-gains-of-reform-and-development", "共享改革发展成果", "definition", "zh"),
        ("kc:significance-livelihood-and-cohesion", "改善民生、凝聚人心的意义", "definition", "zh"),
        ("kc:significance-livelihood-and-cohesion", "改善民生、凝聚人心的意义", "prefLabel", "zh"),
        ("kc:ten-livelihood-projects", "十大民生工程", "definition", "zh"),
        ("kc:ten-livelihood-projects", "十大民生工程", "prefLabel", "zh"),
        ("kc:three-significances", "三个意义", "definition", "zh"),
        ("kc:unity-of-purpose", "心往一处想、劲往一处使", "definition", "zh"),
    ],
    "most-evidenced-concepts": [
        ("kc:framework-1571", "自治区党委“1571”工作部署", "3"),
        ("kc:key-task-sci-tech-innovation", "科技创新", "3"),
        ("kc:modern-industrial-system", "建设体现内蒙古特色优势的现代化产业体系", "3"),
        ("kc:overall-national-strategy", "国家战略大局", "3"),
        ("kc:party-leadership-and-party-building", "加强党的全面领导和党的建设", "3"),
        ("kc:political-nature", "政治性", "3"),
        ("kc:adapt-locally-for-results", "因地制宜推动“1571”工作部署落地见效", "2"),
        ("kc:adapt-to-local-conditions", "因地制宜", "2"),
        ("kc:anchor-fundamental-direction", "锚定贯彻落实“1571”工作部署的根本方向", "2"),
        ("kc:bottlenecks-and-difficulties", "堵点难点", "2"),
        ("kc:cadre-team", "干部队伍", "2"),
        ("kc:chinese-modernization", "中国式现代化", "2"),
        ("kc:correct-view-of-performance", "树立和践行正确政绩观", "2"),
        ("kc:cultural-development-field", "文化建设", "2"),
        ("kc:development-gains-benefit-all", "发展成果惠及各族群众", "2"),
        ("kc:development-problems", "发展难题", "2"),
        ("kc:ecological-bottom-line", "生态底线", "2"),
        ("kc:ecological-economic-and-social-benefits", "生态效益、经济效益与社会效益", "2"),
        ("kc:ecological-protection", "生态保护", "2"),
        ("kc:emerging-industries", "新兴产业", "2"),
        ("kc:emotional-identification", "情感认同", "2"),
        ("kc:employment", "就业", "2"),
        ("kc:ethnic-coexistence", "共居共学、共建共享、共事共乐", "2"),
        ("kc:ethnic-unity", "民族团结", "2"),
        ("kc:fifteenth-five-year-plan-period", "十五五", "2"),
        ("kc:five-strategic-positionings", "五大战略定位和使命任务", "2"),
        ("kc:forge-strong-leadership-core", "坚持锻造坚强的领导核心", "2"),
        ("kc:frontier-stability", "边疆稳定", "2"),
        ("kc:high-quality-development", "高质量发展", "2"),
        ("kc:high-standard-market-economy", "深化高水平社会主义市场经济体制", "2"),
        ("kc:improving-peoples-wellbeing", "加大保障和改善民生力度", "2"),
        ("kc:industrial-development", "产业发展", "2"),
        ("kc:industrial-upgrading", "产业升级", "2"),
        ("kc:inner-mongolia-actual-conditions", "内蒙古实际", "2"),
        ("kc:institutional-barriers", "体制机制障碍", "2"),
        ("kc:key-breakthrough-methodology", "坚持重点突破带动全局发展的方法论", "2"),
        ("kc:livelihood-security", "民生保障", "2"),
        ("kc:livelihood-shortfalls", "民生短板", "2"),
        ("kc:main-line", "铸牢中华民族共同体意识", "2"),
        ("kc:making-good-livelihood-shortfalls", "补齐教育、医疗、养老等民生短板", "2"),
        ("kc:medical-care", "医疗", "2"),
        ("kc:national-energy-and-strategic-resources-base", "国家重要能源和战略资源基地", "2"),
        ("kc:northern-frontier-security-barrier", "祖国北疆安全稳定屏障", "2"),
        ("kc:one-bridgehead", "一个桥头堡", "2"),
        ("kc:opening-to-the-north", "向北开放", "2"),
        ("kc:party-central-committee", "党中央", "2"),
        ("kc:people-centred-development-philosophy", "以人民为中心的发展思想", "2"),
        ("kc:people-wellbeing-orientation", "民生为本的政绩导向", "2"),
        ("kc:peoples-wellbeing", "民生福祉", "2"),
        ("kc:problem-orientation", "问题导向", "2"),
        ("kc:seven-key-tasks", "七项重点工作", "2"),
        ("kc:strengthen-political-guidance", "强化政治引领，筑牢思想根基", "2"),
        ("kc:strong-agricultural-and-pastoral-region", "农牧业强区", "2"),
        ("kc:systematic-layout", "布局的系统性", "2"),
        ("kc:systems-thinking", "系统思维", "2"),
        ("kc:targeted-measures", "精准施策", "2"),
        ("kc:ten-livelihood-projects", "十大民生工程", "2"),
        ("kc:three-significances-requirement", "赋予所有改革发展以“三个意义”", "2"),
        ("kc:traditional-industries", "传统优势产业", "2"),
        ("kc:two-bases", "两个基地", "2"),
        ("kc:two-establishments", "两个确立", "2"),
        ("kc:two-upholds", "两个维护", "2"),
        ("kc:unbalanced-and-inadequate-development", "发展不平衡不充分问题", "2"),
        ("kc:unity-of-purpose", "心往一处想、劲往一处使", "2"),
        ("kc:weak-innovation-capacity", "科技创新能力不足", "2"),
        ("kc:xi-instructions-on-inner-mongolia", "习近平总书记对内蒙古系列重要讲话重要指示精神", "2"),
        ("kc:xi-jinping", "习近平总书记", "2"),
    ],
    "narrower-hierarchy": [
        ("1", "kc:five-strategic-positionings", "kc:one-bridgehead", "一个桥头堡"),
        ("1", "kc:five-strategic-positionings", "kc:two-barriers", "两个屏障"),
        ("1", "kc:five-strategic-positionings", "kc:two-bases", "两个基地"),
        ("2", "kc:one-bridgehead", "kc:northward-opening-bridgehead", "我国向北开放重要桥头堡"),
        ("2", "kc:two-barriers", "kc:northern-ecological-security-barrier", "我国北方重要生态安全屏障"),
        ("2", "kc:two-barriers", "kc:northern-frontier-security-barrier", "祖国北疆安全稳定屏障"),
        ("2", "kc:two-bases", "kc:national-agricultural-and-livestock-products-base", "国家重要农畜产品生产基地"),
        ("2", "kc:two-bases", "kc:national-energy-and-strategic-resources-base", "国家重要能源和战略资源基地"),
    ],
    "plan-opposes": [
        (
            "kc:administrative-and-departmental-barriers",
            "行政壁垒与部门分割",
            "Administrative barriers and departmental fragmentation",
            "kc:division-of-responsibilities",
            "各地区、各部门的职责分工",
        ),
        (
            "kc:administrative-and-departmental-barriers",
            "行政壁垒与部门分割",
            "Administrative barriers and departmental fragmentation",
            "kc:overall-coordination-mechanism",
            "统筹协调机制",
        ),
        (
            "kc:blind-copying",
            "盲目照搬其他地区发展模式",
            "Blindly copying other regions' development models",
            "kc:frontier-ethnic-areas-modernization",
            "边疆民族地区现代化建设",
        ),
        (
            "kc:corruption-in-concentrated-fields",
            "权力集中、资金密集、资源富集领域腐败",
            "Corruption in fields where power, funds and resources are concentrated",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        (
            "kc:development-imbalance",
            "发展失衡",
            "Imbalanced development",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        ("kc:formalism", "形式主义", "Formalism", "kc:framework-1571", "自治区党委“1571”工作部署"),
        (
            "kc:gdp-heroism",
            "以GDP论英雄",
            "Judging heroes by GDP",
            "kc:ecology-first-orientation",
            "生态优先的政绩导向",
        ),
        (
            "kc:ideological-constraints",
            "思想观念束缚",
            "Constraints of thinking and mindset",
            "kc:forging-ahead",
            "一往无前",
        ),
        ("kc:image-projects", "形象工程", "Image projects", "kc:framework-1571", "自治区党委“1571”工作部署"),
        (
            "kc:infiltration-and-subversion",
            "渗透颠覆破坏活动",
            "Infiltration, subversion and sabotage",
            "kc:ideological-front-building",
            "意识形态阵地建设",
        ),
        (
            "kc:infiltration-and-subversion",
            "渗透颠覆破坏活动",
            "Infiltration, subversion and sabotage",
            "kc:risk-prevention-mechanism",
            "风险防范化解机制",
        ),
        ("kc:institutional-barriers", "体制机制障碍", "Institutional barriers", "kc:forging-ahead", "一往无前"),
        ("kc:institutional-barriers", "体制机制障碍", "Institutional barriers", "kc:seven-key-tasks", "七项重点工作"),
        (
            "kc:isolated-advance",
            "单兵突进、顾此失彼",
            "Advancing in isolation and neglecting the rest",
            "kc:seven-key-tasks",
            "七项重点工作",
        ),
        (
            "kc:layered-target-inflation",
            "层层加码",
            "Adding to targets at every level",
            "kc:scientific-task-breakdown",
            "科学分解任务，明确主攻方向",
        ),
        (
            "kc:one-size-fits-all",
            "上下一股粗",
            "One size fits all from top to bottom",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        (
            "kc:overhaste",
            "急于求成",
            "Rushing for quick results",
            "kc:correct-view-of-performance",
            "树立和践行正确政绩观",
        ),
        ("kc:path-dependence", "路径依赖", "Path dependence", "kc:forging-ahead", "一往无前"),
        (
            "kc:plan-proliferation",
            "规划泛滥",
            "Proliferation of plans",
            "kc:scientific-task-breakdown",
            "科学分解任务，明确主攻方向",
        ),
        (
            "kc:reckless-advance",
            "盲目冒进",
            "Reckless advance",
            "kc:correct-view-of-performance",
            "树立和践行正确政绩观",
        ),
        ("kc:separatist-acts", "分裂行径", "Separatist acts", "kc:ideological-front-building", "意识形态阵地建设"),
        ("kc:separatist-acts", "分裂行径", "Separatist acts", "kc:risk-prevention-mechanism", "风险防范化解机制"),
        (
            "kc:short-sighted-behaviour",
            "短视行为",
            "Short-sighted behaviour",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        (
            "kc:single-field-advance",
            "单一领域推进而忽视整体效能",
            "Advancing in a single field while neglecting overall effectiveness",
            "kc:key-breakthrough-methodology",
            "坚持重点突破带动全局发展的方法论",
        ),
        (
            "kc:spreading-effort-evenly",
            "面面俱到、平均用力",
            "Trying to cover everything with equal effort",
            "kc:seven-key-tasks",
            "七项重点工作",
        ),
        ("kc:three-pats", "“三拍”现象", "“Three Pats” phenomenon", "kc:framework-1571", "自治区党委“1571”工作部署"),
        (
            "kc:vanity-projects",
            "政绩工程",
            "Political-performance projects",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
    ],
    "positionings-by-group": [
        (
            "1",
            "kc:two-barriers",
            "两个屏障",
            "1",
            "kc:northern-ecological-security-barrier",
            "我国北方重要生态安全屏障",
        ),
        ("1", "kc:two-barriers", "两个屏障", "2", "kc:northern-frontier-security-barrier", "祖国北疆安全稳定屏障"),
        (
            "2",
            "kc:two-bases",
            "两个基地",
            "3",
            "kc:national-energy-and-strategic-resources-base",
            "国家重要能源和战略资源基地",
        ),
        (
            "2",
            "kc:two-bases",
            "两个基地",
            "4",
            "kc:national-agricultural-and-livestock-products-base",
            "国家重要农畜产品生产基地",
        ),
        ("3", "kc:one-bridgehead", "一个桥头堡", "5", "kc:northward-opening-bridgehead", "我国向北开放重要桥头堡"),
    ],
    "problems-addressed": [
        (
            "kc:administrative-and-departmental-barriers",
            "行政壁垒与部门分割",
            "k:opposes",
            "kc:division-of-responsibilities",
            "各地区、各部门的职责分工",
        ),
        (
            "kc:administrative-and-departmental-barriers",
            "行政壁垒与部门分割",
            "k:opposes",
            "kc:overall-coordination-mechanism",
            "统筹协调机制",
        ),
        (
            "kc:blind-copying",
            "盲目照搬其他地区发展模式",
            "k:opposes",
            "kc:frontier-ethnic-areas-modernization",
            "边疆民族地区现代化建设",
        ),
        ("kc:bottlenecks-and-difficulties", "堵点难点", "k:focusesOn", "kc:framework-1571", "自治区党委“1571”工作部署"),
        ("kc:bottlenecks-and-difficulties", "堵点难点", "k:addresses", "kc:seven-key-tasks", "七项重点工作"),
        (
            "kc:corruption-in-concentrated-fields",
            "权力集中、资金密集、资源富集领域腐败",
            "k:opposes",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        ("kc:deep-seated-problems", "深层次矛盾与问题", "k:addresses", "kc:cadre-team", "干部队伍"),
        ("kc:development-bottlenecks", "发展瓶颈", "k:addresses", "kc:enduring-hardship", "吃苦耐劳"),
        ("kc:development-bottlenecks", "发展瓶颈", "k:addresses", "kc:hard-work", "实干"),
        ("kc:development-imbalance", "发展失衡", "k:opposes", "kc:framework-1571", "自治区党委“1571”工作部署"),
        ("kc:development-problems", "发展难题", "k:addresses", "kc:framework-1571", "自治区党委“1571”工作部署"),
        ("kc:development-problems", "发展难题", "k:addresses", "kc:seven-key-tasks", "七项重点工作"),
        (
            "kc:economy-resource-mismatch",
            "经济发展水平与资源禀赋不相称",
            "k:addresses",
            "kc:seven-key-tasks",
            "七项重点工作",
        ),
        ("kc:formalism", "形式主义", "k:opposes", "kc:framework-1571", "自治区党委“1571”工作部署"),
        ("kc:gdp-heroism", "以GDP论英雄", "k:opposes", "kc:ecology-first-orientation", "生态优先的政绩导向"),
        ("kc:hard-problems", "难题", "k:addresses", "kc:enduring-hardship", "吃苦耐劳"),
        ("kc:ideological-constraints", "思想观念束缚", "k:opposes", "kc:forging-ahead", "一往无前"),
        ("kc:image-projects", "形象工程", "k:opposes", "kc:framework-1571", "自治区党委“1571”工作部署"),
        (
            "kc:industrial-structure-to-be-optimized",
            "产业结构有待优化",
            "k:addresses",
            "kc:seven-key-tasks",
            "七项重点工作",
        ),
        (
            "kc:infiltration-and-subversion",
            "渗透颠覆破坏活动",
            "k:opposes",
            "kc:ideological-front-building",
            "意识形态阵地建设",
        ),
        (
            "kc:infiltration-and-subversion",
            "渗透颠覆破坏活动",
            "k:opposes",
            "kc:risk-prevention-mechanism",
            "风险防范化解机制",
        ),
        ("kc:institutional-barriers", "体制机制障碍", "k:opposes", "kc:forging-ahead", "一往无前"),
        ("kc:institutional-barriers", "体制机制障碍", "k:opposes", "kc:seven-key-tasks", "七项重点工作"),
        ("kc:isolated-advance", "单兵突进、顾此失彼", "k:opposes", "kc:seven-key-tasks", "七项重点工作"),
        (
            "kc:layered-target-inflation",
            "层层加码",
            "k:opposes",
            "kc:scientific-task-breakdown",
            "科学分解任务，明确主攻方向",
        ),
        ("kc:one-size-fits-all", "上下一股粗", "k:opposes", "kc:framework-1571", "自治区党委“1571”工作部署"),
        ("kc:overhaste", "急于求成", "k:opposes", "kc:correct-view-of-performance", "树立和践行正确政绩观"),
        ("kc:path-dependence", "路径依赖", "k:opposes", "kc:forging-ahead", "一往无前"),
        (
            "kc:plan-proliferation",
            "规划泛滥",
            "k:opposes",
            "kc:scientific-task-breakdown",
            "科学分解任务，明确主攻方向",
        ),
        ("kc:pressing-concerns", "急难愁盼", "k:focusesOn", "kc:framework-1571", "自治区党委“1571”工作部署"),
        ("kc:reckless-advance", "盲目冒进", "k:opposes", "kc:correct-view-of-performance", "树立和践行正确政绩观"),
        (
            "kc:regional-and-urban-rural-gaps",
            "区域、城乡发展差距",
            "k:addresses",
            "kc:making-good-livelihood-shortfalls",
            "补齐教育、医疗、养老等民生短板",
        ),
        ("kc:separatist-acts", "分裂行径", "k:opposes", "kc:ideological-front-building", "意识形态阵地建设"),
        ("kc:separatist-acts", "分裂行径", "k:opposes", "kc:risk-prevention-mechanism", "风险防范化解机制"),
        ("kc:short-sighted-behaviour", "短视行为", "k:opposes", "kc:framework-1571", "自治区党委“1571”工作部署"),
        (
            "kc:single-field-advance",
            "单一领域推进而忽视整体效能",
            "k:opposes",
            "kc:key-breakthrough-methodology",
            "坚持重点突破带动全局发展的方法论",
        ),
        ("kc:spreading-effort-evenly", "面面俱到、平均用力", "k:opposes", "kc:seven-key-tasks", "七项重点工作"),
        (
            "kc:unbalanced-and-inadequate-development",
            "发展不平衡不充分问题",
            "k:addresses",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        ("kc:vanity-projects", "政绩工程", "k:opposes", "kc:framework-1571", "自治区党委“1571”工作部署"),
        (
            "kc:weak-innovation-capacity",
            "科技创新能力不足",
            "k:addresses",
            "kc:framework-1571",
            "自治区党委“1571”工作部署",
        ),
        ("kc:weak-innovation-capacity", "科技创新能力不足", "k:addresses", "kc:seven-key-tasks", "七项重点工作"),
    ],
    "region-focus": [
        (
            "kc:border-areas",
            "边境地区",
            "k:contributesTo",
            "kc:northern-frontier-security-barrier",
            "祖国北疆安全稳定屏障",
        ),
        ("kc:border-areas", "边境地区", "k:requires", "kc:coordinating-development-and-security", "统筹发展和安全"),
        ("kc:border-areas", "边境地区", "k:requires", "kc:open-economy", "开放型经济"),
        (
            "kc:ecologically-fragile-areas",
            "生态脆弱地区",
            "k:contributesTo",
            "kc:ecological-economic-win-win",
            "生态效益与经济效益双赢",
        ),
        ("kc:ecologically-fragile-areas", "生态脆弱地区", "k:requires", "kc:ecological-bottom-line", "生态底线"),
        ("kc:ecologically-fragile-areas", "生态脆弱地区", "k:requires", "kc:ecological-industries", "生态产业"),
        (
            "kc:main-agricultural-and-livestock-producing-areas",
            "农畜产品主产区",
            "k:contributesTo",
            "kc:agricultural-and-pastoral-modernization",
            "农牧业现代化",
        ),
        (
            "kc:main-agricultural-and-livestock-producing-areas",
            "农畜产品主产区",
            "k:focusesOn",
            "kc:brand-building",
            "品牌打造",
        ),
        (
            "kc:main-agricultural-and-livestock-producing-areas",
            "农畜产品主产区",
            "k:focusesOn",
            "kc:deep-processing",
            "精深加工",
        ),
        (
            "kc:resource-rich-areas",
            "资源富集地区",
            "k:contributesTo",
            "kc:traditional-industries-up-the-value-chain",
            "传统产业向高端价值链延伸",
        ),
        ("kc:resource-rich-areas", "资源富集地区", "k:focusesOn", "kc:industrial-upgrading", "产业升级"),
        ("kc:resource-rich-areas", "资源富集地区", "k:focusesOn", "kc:resource-conversion", "资源转化"),
    ],
    "relation-evidence": [
        (
            "kc:framework-1571",
            "k:hasComponent",
            "kc:main-line",
            "1713",
            "自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线",
        ),
        (
            "kc:framework-1571",
            "k:hasComponent",
            "kc:main-line",
            "3517",
            "第一个“1”明确了铸牢中华民族共同体意识这一主线",
        ),
        (
            "kc:framework-1571",
            "k:requires",
            "kc:main-line",
            "574",
            "贯彻落实“1571”工作部署，要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        ("kc:lasting-stability", "k:requires", "kc:main-line", "454", "坚守一条主线，这是关乎内蒙古长治久安的根本前提"),
        (
            "kc:main-line",
            "skos:related",
            "kc:five-identifications",
            "574",
            "贯彻落实“1571”工作部署，要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "skos:related",
            "kc:five-identifications",
            "656",
            "让“三个离不开”、“四个与共”、“五个认同”理念根植于各族群众心中",
        ),
        (
            "kc:main-line",
            "skos:related",
            "kc:four-togethers",
            "574",
            "贯彻落实“1571”工作部署，要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "skos:related",
            "kc:four-togethers",
            "656",
            "让“三个离不开”、“四个与共”、“五个认同”理念根植于各族群众心中",
        ),
        (
            "kc:main-line",
            "skos:related",
            "kc:three-inseparables",
            "574",
            "贯彻落实“1571”工作部署，要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "skos:related",
            "kc:three-inseparables",
            "656",
            "让“三个离不开”、“四个与共”、“五个认同”理念根植于各族群众心中",
        ),
        (
            "kc:main-line",
            "k:contributesTo",
            "kc:common-prosperity",
            "574",
            "贯彻落实“1571”工作部署，要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "k:contributesTo",
            "kc:common-prosperity",
            "690",
            "切实把主线要求转化为维护边疆稳定、促进共同富裕的强大动力",
        ),
        (
            "kc:main-line",
            "k:contributesTo",
            "kc:development-on-course",
            "3517",
            "第一个“1”明确了铸牢中华民族共同体意识这一主线，为各项工作提供价值引领和方向遵循，确保发展不偏向、不走样",
        ),
        (
            "kc:main-line",
            "k:contributesTo",
            "kc:frontier-stability",
            "574",
            "贯彻落实“1571”工作部署，要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "k:contributesTo",
            "kc:frontier-stability",
            "690",
            "切实把主线要求转化为维护边疆稳定、促进共同富裕的强大动力",
        ),
        (
            "kc:main-line",
            "k:guides",
            "kc:all-fields-and-links-of-reform-and-development",
            "4869",
            "“1571”工作部署以铸牢中华民族共同体意识为主线，正是要将这一主线贯穿改革发展各领域各环节",
        ),
        (
            "kc:main-line",
            "k:guides",
            "kc:cultural-development-field",
            "589",
            "要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "k:guides",
            "kc:ecological-protection",
            "589",
            "要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "k:guides",
            "kc:economic-development",
            "589",
            "要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        ("kc:main-line", "k:guides", "kc:ethnic-work", "499", "铸牢中华民族共同体意识是新时代党的民族工作的主线"),
        (
            "kc:main-line",
            "k:guides",
            "kc:framework-1571",
            "1713",
            "自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线",
        ),
        ("kc:main-line", "k:guides", "kc:framework-1571", "2202", "内蒙古将这一主线置顶部署、统领全局"),
        ("kc:main-line", "k:guides", "kc:framework-1571", "3417", "主线引领、战略支撑、重点突破、保障托底"),
        (
            "kc:main-line",
            "k:guides",
            "kc:frontier-stability",
            "589",
            "要将铸牢中华民族共同体意识贯穿经济发展、边疆稳定、文化建设、生态保护等各领域全过程",
        ),
        (
            "kc:main-line",
            "k:guides",
            "kc:work-in-ethnic-minority-areas",
            "499",
            "铸牢中华民族共同体意识是新时代党的民族工作的主线，也是民族地区各项工作的主线",
        ),
    ],
    "section-concepts": [
        ("58", "key-points", "核心提示", "5", "5"),
        ("308", "significance-pragmatic-tail", "", "0", "1"),
        ("326", "practice", "深刻把握“1571”工作部署的实践要求", "0", "3"),
        ("347", "practice-direction", "(一)锚定贯彻落实“1571”工作部署的根本方向", "6", "6"),
        (
            "454",
            "practice-direction-main-line",
            "坚守一条主线，这是关乎内蒙古长治久安的根本前提，是必须牢牢坚守的“纲”",
            "13",
            "13",
        ),
        (
            "721",
            "practice-direction-positionings",
            "深化落实习近平总书记和党中央赋予内蒙古建设“两个屏障”、“两个基地”、“一个桥头堡”的五大战略定位和使命任务，是内蒙古在全国发展大局中的独特价值所在",
            "19",
            "20",
        ),
        ("1021", "practice-local", "(二)因地制宜推动“1571”工作部署落地见效", "19", "22"),
        ("1354", "practice-local-tasks", "要科学分解任务，明确主攻方向", "17", "23"),
        ("1566", "introduction", "", "12", "19"),
        ("2041", "significance-political", "(一)“1571”工作部署体现了高度的政治性", "5", "7"),
        (
            "2251",
            "significance-political-instructions",
            "“1571”工作部署的政治性，还体现在对习近平总书记殷殷嘱托的深化落实上",
            "5",
            "5",
        ),
        (
            "2453",
            "significance-political-party-building",
            "“1571”工作部署的政治性，更体现在以党建引领发展全局的根本保障上",
            "14",
            "12",
        ),
        ("2699", "significance-continuity", "(二)“1571”工作部署体现了奋斗的接续性", "5", "6"),
        (
            "2847",
            "significance-continuity-foundation",
            "从发展基础来看，“1571”工作部署接续了内蒙古肩负党和国家重任和时代使命的奋斗脉络",
            "2",
            "6",
        ),
        ("3077", "significance-continuity-times", "从时代要求来看，“1571”工作部署回应了新阶段的发展要求", "24", "23"),
        ("3367", "significance-systematic", "(三)“1571”工作部署体现了布局的系统性", "3", "4"),
        ("3487", "significance-systematic-logic", "从发展逻辑来看，“1+5+7+1”的发展框架构成了有机整体", "21", "23"),
        (
            "3768",
            "significance-systematic-practice",
            "从实践维度来看，“1571”工作部署实现了重点突破与全域提升的有机结合",
            "20",
            "24",
        ),
        ("4022", "significance-pragmatic", "(四)“1571”工作部署体现了发展的务实性", "7", "7"),
        (
            "4137",
            "significance-pragmatic-imbalance",
            "在破解发展不平衡不充分问题上，“1571”工作部署靶向发力、精准施策",
            "16",
            "15",
        ),
        (
            "4395",
            "significance-pragmatic-wellbeing",
            "在回应群众关切、增进民生福祉上，“1571”工作部署用心用情、落地见效",
            "20",
            "26",
        ),
        ("4659", "practice-local-tail", "", "3", "5"),
        ("4711", "practice-significances", "(三)赋予所有改革发展以“三个意义”", "3", "6"),
        (
            "4809",
            "practice-significances-community",
            "赋予所有改革发展以彰显中华民族共同体意识的意义，夯实团结奋斗之魂",
            "15",
            "16",
        ),
        (
            "5098",
            "practice-significances-unity",
            "赋予所有改革发展以维护统一、反对分裂的意义，筑牢边疆稳固之基",
            "15",
            "19",
        ),
        (
            "5384",
            "practice-significances-wellbeing",
            "赋予所有改革发展以改善民生、凝聚人心的意义，厚植执政根基之本",
            "19",
            "20",
        ),
        ("5671", "reality", "奋力推动“1571”工作部署变成美好现实", "0", "4"),
        ("5693", "reality-leadership", "(一)坚持锻造坚强的领导核心", "11", "15"),
        ("5796", "reality-leadership-political", "强化政治引领，筑牢思想根基", "6", "12"),
        (
            "6045",
            "reality-leadership-organisation",
            "健全覆盖城乡、延伸边疆的组织体系，确保“1571”工作部署落地生根",
            "9",
            "13",
        ),
        ("6470", "reality-performance", "(二)树立和践行正确政绩观", "11", "16"),
        ("6612", "reality-performance-ecology", "坚持生态优先的政绩导向", "7", "7"),
        ("6707", "reality-performance-wellbeing", "坚持民生为本的政绩导向", "9", "8"),
        ("6913", "reality-performance-truth", "坚持实事求是的政绩导向", "14", "18"),
        ("7166", "reality-methodology", "(三)坚持重点突破带动全局发展的方法论", "6", "13"),
        ("7275", "reality-methodology-positionings", "聚焦五大战略定位和使命任务，体现了重点与全局的统一", "18", "22"),
        ("7605", "reality-methodology-tasks", "抓实七项重点工作，彰显了路径与目标的统一", "11", "11"),
        ("7831", "reality-methodology-coordination", "强化部门协同联动，凸显了协同与整体的统一", "10", "14"),
        ("8053", "reality-spirit", "(四)大力弘扬蒙古马精神", "2", "7"),
        ("8158", "reality-spirit-endurance", "吃苦耐劳的品格，是破解难题的精神基石", "11", "14"),
        ("8350", "reality-spirit-courage", "一往无前的勇气，是推动创新的精神动力", "10", "11"),
        ("8559", "reality-spirit-perseverance", "不达目的誓不休的奋斗精神，是推动发展的关键动能", "4", "4"),
        (
            "8736",
            "reality-spirit-three-north",
            "同时，还要大力弘扬“三北精神”，践行守望相助理念，这同样是凝聚团结奋进合力的精神纽带",
            "7",
            "12",
        ),
    ],
    "spirit-traits": [
        ("1", "kc:enduring-hardship", "吃苦耐劳", "Enduring hardship"),
        ("2", "kc:forging-ahead", "一往无前", "Forging ahead"),
        ("3", "kc:never-giving-up", "不达目的誓不休", "Never giving up until the goal is reached"),
    ],
    "spirits": [
        ("kc:mongolian-horse-spirit", "蒙古马精神", "Mongolian horse spirit", "3"),
        ("kc:mutual-watch-and-help", "守望相助理念", "Ideal of looking out for one another", "0"),
        ("kc:three-north-spirit", "三北精神", "Three-North spirit", "0"),
    ],
}


@pytest.fixture(scope="module")
def real(built_graph) -> QueryEngine:
    return QueryEngine.from_graph(built_graph)


def answer(engine: QueryEngine, name: str, **params: str) -> list[tuple[str, ...]]:
    from kg1571.sparql.results import compact

    result = engine.run(library.get(name).render(params), f"{name}.rq")
    assert isinstance(result, SelectResult)
    return [tuple(compact(t, engine.prefixes) for t in row) for row in result.rows]


#: Named queries whose answers are too long to read here: kept as snapshot files in tests/sparql/expected/,
#: rewritten deliberately with `KG1571_REGENERATE=1 pytest tests/sparql -k snapshot` (then review the diff).
SNAPSHOTS = {"edge-list": "edge-list.json", "concept-graph": "concept-graph.nt"}
SNAPSHOT_DIR = Path(__file__).parent / "expected"


def test_every_named_query_has_an_expected_answer():
    assert sorted([*EXPECTED, *SNAPSHOTS]) == library.names()


def _ntriples_lines(turtle: str) -> list[str]:
    import pyoxigraph as ox

    triples = ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return sorted({str(ox.Triple(t.subject, t.predicate, t.object)) + " ." for t in triples})


def test_named_query_snapshot_edge_list(real):
    rows = [list(row) for row in answer(real, "edge-list")]
    path = SNAPSHOT_DIR / SNAPSHOTS["edge-list"]
    if os.environ.get("KG1571_REGENERATE"):
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    assert rows == json.loads(path.read_text(encoding="utf-8"))
    statements = real.run("SELECT (COUNT(*) AS ?n) WHERE { ?s a k:Statement }")
    assert isinstance(statements, SelectResult) and statements.rows[0][0] is not None
    assert {tuple(r[:3]) for r in rows} and len({tuple(r[:3]) for r in rows}) == int(statements.rows[0][0].value)


def test_named_query_snapshot_concept_graph(real):
    result = real.run(library.get("concept-graph").render(), "concept-graph.rq")
    assert isinstance(result, GraphResult)
    lines = _ntriples_lines(result.turtle)
    path = SNAPSHOT_DIR / SNAPSHOTS["concept-graph"]
    if os.environ.get("KG1571_REGENERATE"):
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    assert lines == path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == result.triple_count
    assert not [line for line in lines if "/ns/oa#" in line or "vocab#Statement" in line or "inScheme" in line]


def test_problems_addressed_covers_every_predicate_to_a_problem(real):
    """Every link from a non-problem concept to a k:Problem is in the answer, except k:exemplifies."""
    found = {(r[0], r[2], r[3]) for r in answer(real, "problems-addressed")}
    every = real.run(
        "SELECT ?o ?p ?s WHERE { ?s ?p ?o . ?o a k:Problem . ?s a skos:Concept "
        "FILTER(STRSTARTS(STR(?p), STR(k:)) && ?p != k:exemplifies) }"
    )
    assert isinstance(every, SelectResult)
    assert found == {tuple(compact(t, real.prefixes) for t in row) for row in every.rows}
    assert {"k:addresses", "k:opposes", "k:focusesOn"} == {p for _, p, _ in found}


def test_keyword_concepts_any_language_ignoring_case(real):
    lower = answer(real, "keyword-concepts", keyword="ecolog")
    upper = answer(real, "keyword-concepts", keyword="ECOLOG")
    assert lower and lower == upper and {r[3] for r in lower} == {"en"}


def test_most_evidenced_concepts_keeps_every_tie(real):
    rows = answer(real, "most-evidenced-concepts")
    cutoff = int(rows[9][2])
    assert len(rows) > 10 and all(int(r[2]) >= cutoff for r in rows)
    counted = real.run(
        "SELECT ?c (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a oa:Annotation ; oa:hasBody ?c . ?c a skos:Concept } "
        "GROUP BY ?c"
    )
    assert isinstance(counted, SelectResult)
    tied = [row for row in counted.rows if row[1] is not None and int(row[1].value) >= cutoff]
    assert len(rows) == len(tied)


def test_oxigraph_stores_positive_integer_as_integer(real, built_graph):
    """Documented in docs/sparql-and-stores.md: the export says xsd:positiveInteger for k:order, Oxigraph's
    store (native, wasm and server) answers xsd:integer, so the named queries cast with xsd:integer()."""
    from rdflib import URIRef
    from rdflib.namespace import XSD

    order = URIRef("https://w3id.org/kg1571/vocab#order")
    main_line = URIRef("https://w3id.org/kg1571/id/main-line")
    assert built_graph.value(main_line, order).datatype == XSD.positiveInteger
    answer_ = real.run("SELECT (DATATYPE(?o) AS ?t) ?o WHERE { kc:main-line k:order ?o }")
    assert isinstance(answer_, SelectResult)
    assert answer_.rows == ((Term.uri(str(XSD.integer)), Term.literal("1", datatype=str(XSD.integer))),)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_answer(real, name):
    assert answer(real, name) == EXPECTED[name]


def test_named_query_parameters_on_the_real_graph(real):
    assert answer(real, "spirit-traits", spirit="mongolian-horse-spirit") == EXPECTED["spirit-traits"]
    assert answer(real, "spirit-traits", spirit="three-north-spirit") == []
    evidence = answer(real, "concept-evidence", concept="kc:mongolian-horse-spirit")
    assert evidence and all(row[2] for row in evidence)
    assert answer(real, "connection-between", **{"from": "main-line", "to": "framework-1571"})[0][:4] == (
        "1",
        "kc:framework-1571",
        "k:hasComponent",
        "kc:main-line",
    )
    found = answer(real, "keyword-concepts", keyword="蒙古马精神")
    assert ("kc:mongolian-horse-spirit", "蒙古马精神", "prefLabel", "zh") in found


def test_evidence_offsets_point_at_the_quotes(real, project):
    """The concept-evidence query's offsets select exactly its quoted passage from the source."""
    text = project.source.text
    for concept in ("main-line", "mongolian-horse-spirit", "framework-1571"):
        for start, end, exact, _section, _section_en in answer(real, "concept-evidence", concept=concept):
            assert text[int(start) : int(end)] == exact


def test_a_section_query_reaches_the_lead_paragraphs(real, project):
    """The third level in SPARQL: a sub-section's lead sections in order (kind, zh and en title), and its evidence
    through dcterms:isPartOf+ (a quote's target is part of the deepest section, which is part of the sub-section)."""
    base = "https://w3id.org/kg1571/source/1571-work-plan-article/section/"
    rows = real.run(
        f"""SELECT ?id ?kind ?zh ?en WHERE {{
          ?s dcterms:isPartOf <{base}reality-performance> ; dcterms:identifier ?id ; dcterms:type ?kind ; k:order ?o ;
             dcterms:title ?zh , ?en FILTER(lang(?zh) = "zh" && lang(?en) = "en") }} ORDER BY xsd:integer(?o)""",
        "leads.rq",
    ).rows
    assert [tuple(str(t.value) for t in row) for row in rows] == [
        (
            "reality-performance-ecology",
            "https://w3id.org/kg1571/vocab#section-lead",
            "坚持生态优先的政绩导向",
            "Adhering to the ecology-first orientation for political performance",
        ),
        (
            "reality-performance-wellbeing",
            "https://w3id.org/kg1571/vocab#section-lead",
            "坚持民生为本的政绩导向",
            "Adhering to the orientation for political performance with people's wellbeing as the foundation",
        ),
        (
            "reality-performance-truth",
            "https://w3id.org/kg1571/vocab#section-lead",
            "坚持实事求是的政绩导向",
            "Adhering to the seeking-truth-from-facts orientation for political performance",
        ),
    ]
    ((direct, deep),) = real.run(
        f"""SELECT (COUNT(DISTINCT ?d) AS ?direct) (COUNT(DISTINCT ?t) AS ?deep) WHERE {{
          {{ ?d a oa:SpecificResource ; oa:hasSelector/a oa:TextQuoteSelector ;
                dcterms:isPartOf <{base}reality-performance> }}
          UNION {{ ?t a oa:SpecificResource ; oa:hasSelector/a oa:TextQuoteSelector ;
                   dcterms:isPartOf+ <{base}reality-performance> }} }}""",
        "deep.rq",
    ).rows
    spans = [q.span for item in [*project.curation.concepts, *project.curation.relations] for q in item.evidence]
    below = {s.id for s in project.source.sections if s.id.startswith("reality-performance")}
    assert len(below) == 4  # the sub-section and its three leads
    assert int(direct.value) == sum(s.section_id == "reality-performance" for s in spans)
    assert int(deep.value) == sum(s.section_id in below for s in spans) > int(direct.value)
