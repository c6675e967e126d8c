"""Bad input gets a clear error naming file, line, id and fix; exit code 2 (1 for SHACL); exports untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_CURATION, make_project, run_build
from kg1571.cli import main

EXTRA_CONCEPT = """\
  - id: spirit
    class: Spirit
    zh: 蒙古马精神
    en: Mongolian horse spirit
    evidence:
      - (四)大力弘扬蒙古马精神
"""


def curation_with(tmp_path: Path, text: str) -> Path:
    return make_project(tmp_path, text)


def test_minimal_project_builds(tmp_project: Path, capsys):
    assert main(["build", "--root", str(tmp_project)]) == 0
    assert (tmp_project / "exports" / "kg1571.ttl").exists()


def test_yaml_syntax_error(tmp_path, capsys):
    root = curation_with(tmp_path, MINIMAL_CURATION.replace("    class: MainLine", "    class: [MainLine"))
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:10: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'" in err
    assert "(the construct it was reading began on line 9)" in err
    assert "YAML syntax error" in err and "fix: check indentation" in err


def test_unknown_class(tmp_path, capsys):
    root = curation_with(tmp_path, MINIMAL_CURATION.replace("class: MainLine", "class: MainLin"))
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:8: [main-line] unknown class `MainLin`" in err
    assert "did you mean `MainLine`?" in err


def test_unknown_relation(tmp_path, capsys):
    root = curation_with(tmp_path, MINIMAL_CURATION.replace("predicate: hasComponent", "predicate: hasComponents"))
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:16: [framework-1571 hasComponents main-line] unknown relation `hasComponents`" in err
    assert "did you mean `hasComponent`?" in err


def test_duplicate_id(tmp_path, capsys):
    duplicate = MINIMAL_CURATION.replace(
        "relations:", EXTRA_CONCEPT.replace("id: spirit", "id: main-line") + "relations:"
    )
    code, err = run_build(curation_with(tmp_path, duplicate), capsys)
    assert code == 2
    assert "core.yaml:15: [main-line] duplicate id (first defined at" in err and "core.yaml:8)" in err


def test_dangling_reference(tmp_path, capsys):
    root = curation_with(tmp_path, MINIMAL_CURATION.replace("object: main-line", "object: mainline"))
    code, err = run_build(root, capsys)
    assert code == 2
    assert "[framework-1571 hasComponent mainline] object `mainline` is not a concept id" in err
    assert "did you mean `main-line`?" in err


@pytest.mark.parametrize("key", ["zh", "en"])
def test_missing_label(tmp_path, capsys, key):
    line = {
        "zh": "    zh: 铸牢中华民族共同体意识\n",
        "en": "    en: Forging a strong sense of community for the Chinese nation\n",
    }
    root = curation_with(tmp_path, MINIMAL_CURATION.replace(line[key], ""))
    code, err = run_build(root, capsys)
    assert code == 2
    assert f"core.yaml:8: [main-line] missing `{key}`" in err and f"fix: add `{key}: ...`" in err


def test_quote_not_in_source_shows_closest_passage(tmp_path, capsys):
    root = curation_with(
        tmp_path,
        MINIMAL_CURATION.replace(
            "- 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线",
            "- 自治区党委“1571”工作部署以铸牢中华民族共同体意识为核心",
        ),
    )
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:7: [framework-1571] evidence quote not found in the article" in err
    assert "the quote agrees for 28 characters, then has '核心' where the article has '主线，以五大战略定位'" in err


def test_ambiguous_quote(tmp_path, capsys):
    root = curation_with(
        tmp_path,
        MINIMAL_CURATION.replace(
            "{quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}", "以铸牢中华民族共同体意识为主线", 1
        ),
    )
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:14: [main-line] evidence quote occurs 2 times (offsets 1728, 4879)" in err
    assert "{quote: ..., occurrence: N}" in err


def test_occurrence_out_of_range(tmp_path, capsys):
    root = curation_with(tmp_path, MINIMAL_CURATION.replace("occurrence: 1}", "occurrence: 3}", 1))
    code, err = run_build(root, capsys)
    assert code == 2
    assert "occurrence 3 asked, but the quote occurs 2 time(s)" in err


def test_empty_quote(tmp_path, capsys):
    root = curation_with(
        tmp_path,
        MINIMAL_CURATION.replace("      - 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线", '      - ""'),
    )
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:7: [framework-1571] empty evidence quote" in err


def test_cycle_in_broader(tmp_path, capsys):
    text = (
        MINIMAL_CURATION.replace("relations:", EXTRA_CONCEPT + "relations:")
        + """\
  - subject: spirit
    predicate: skos:broader
    object: main-line
    evidence: [(四)大力弘扬蒙古马精神]
  - subject: main-line
    predicate: skos:broader
    object: spirit
    evidence: [(四)大力弘扬蒙古马精神]
"""
    )
    code, err = run_build(curation_with(tmp_path, text), capsys)
    assert code == 2
    assert (
        "cycle in skos:broader: main-line -> spirit -> main-line" in err
        or "cycle in skos:broader: spirit -> main-line -> spirit" in err
    )


def test_cycle_through_narrower_is_found_too(tmp_path, capsys):
    text = (
        MINIMAL_CURATION.replace("relations:", EXTRA_CONCEPT + "relations:")
        + """\
  - subject: spirit
    predicate: skos:broader
    object: main-line
    evidence: [(四)大力弘扬蒙古马精神]
  - subject: spirit
    predicate: skos:narrower
    object: main-line
    evidence: [(四)大力弘扬蒙古马精神]
"""
    )
    code, err = run_build(curation_with(tmp_path, text), capsys)
    assert code == 2
    assert "core.yaml:31: [main-line] cycle in skos:broader: main-line -> spirit -> main-line" in err or (
        "core.yaml:27: [spirit] cycle in skos:broader: spirit -> main-line -> spirit" in err
    )
    assert "fix: a concept cannot be broader than itself: remove one of these relations" in err


def test_duplicate_relation(tmp_path, capsys):
    text = (
        MINIMAL_CURATION
        + """\
  - subject: framework-1571
    predicate: hasComponent
    object: main-line
    evidence:
      - 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线
"""
    )
    code, err = run_build(curation_with(tmp_path, text), capsys)
    assert code == 2
    assert "core.yaml:21: [framework-1571 hasComponent main-line] duplicate relation (first at " in err
    assert "core.yaml:16)\n    fix: merge the evidence into one relation" in err


def test_concept_not_connected_to_framework(tmp_path, capsys):
    text = MINIMAL_CURATION.replace("relations:", EXTRA_CONCEPT + "relations:")
    code, err = run_build(curation_with(tmp_path, text), capsys)
    assert code == 2
    assert "core.yaml:15: [spirit] concept is not connected to the framework" in err


def test_source_checksum_mismatch(tmp_project, capsys):
    article = tmp_project / "source" / "1571-work-plan-article.zh.txt"
    article.write_bytes(article.read_bytes().replace("蒙古马".encode(), "蒙古馬".encode(), 1))
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "1571-work-plan-article.zh.txt: source text does not match its recorded checksum" in err
    assert "git checkout -- source/" in err


def test_unknown_key_is_reported(tmp_path, capsys):
    root = curation_with(
        tmp_path, MINIMAL_CURATION.replace("    evidence:\n      - 自治区", "    evidnce:\n      - 自治区")
    )
    code, err = run_build(root, capsys)
    assert code == 2
    assert "core.yaml:6: [framework-1571] unknown key `evidnce`" in err and "did you mean `evidence`?" in err


def test_component_without_order_exits_2_before_pyshacl(tmp_path, capsys):
    # A component needs its position (ks:ComponentShape): the fast shape checks say where, with or without --shacl.
    root = curation_with(tmp_path, MINIMAL_CURATION.replace("    order: 1\n", ""))
    for options in ((), ("--shacl",)):
        code, err = run_build(root, capsys, *options)
        assert code == 2
        assert err.startswith("Error: 1 problem in the curation:\n")
        assert (
            "core.yaml:8: [main-line] each component of the framework needs exactly one k:order (its position): "
            f"`main-line` is a component of `framework-1571` ({root / 'ontology' / 'curation' / 'core.yaml'}:15) "
            "but has no `order`\n    fix: add `order: N`, its position among the framework's components (from 1)"
        ) in err


STRICTER_SHAPE = """
ks:DefinitionShape a sh:NodeShape ;
    sh:targetClass skos:Concept ;
    sh:property [ sh:path skos:definition ; sh:minCount 1 ; sh:message "a concept needs a skos:definition" ] .
"""


def test_shacl_violation_exits_1_with_the_report(tmp_path, capsys):
    # A project whose shapes ask more than the fast checks know: only --shacl (pySHACL) sees it, and exits 1.
    root = curation_with(tmp_path, MINIMAL_CURATION)
    shapes = root / "ontology" / "shapes.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8") + STRICTER_SHAPE, encoding="utf-8")
    assert main(["validate", "--root", str(root)]) == 0
    capsys.readouterr()
    for command in (["validate", "--root", str(root), "--shacl"], None):
        if command is None:
            code, err = run_build(root, capsys, "--shacl")
        else:
            code, err = main(command), capsys.readouterr().err
        assert code == 1
        assert err.startswith("Error: the graph does not conform to ontology/shapes.ttl:\nValidation Report\n")
        assert "Results (2):" in err and err.count("Message: a concept needs a skos:definition") == 2
        assert "Focus Node: kc:main-line" in err and "Focus Node: kc:framework-1571" in err


def test_relation_against_the_vocabulary_domain_and_range_exits_2(tmp_path, capsys):
    # hasTrait goes from a Spirit to a SpiritTrait (rdfs:domain, rdfs:range): an RDFS store would infer
    # that the framework is a Spirit, so the curation check refuses it before anything is built.
    root = curation_with(
        tmp_path,
        MINIMAL_CURATION
        + """\
  - subject: framework-1571
    predicate: hasTrait
    object: main-line
    evidence:
      - {quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}
""",
    )
    code, err = run_build(root, capsys)
    assert code == 2
    assert "the subject `framework-1571` is a Framework, but the rdfs:domain of hasTrait is k:Spirit" in err
    assert "the object `main-line` is a MainLine, but the rdfs:range of hasTrait is k:SpiritTrait" in err


def test_every_problem_is_reported_at_once(tmp_path, capsys):
    text = MINIMAL_CURATION.replace("class: MainLine", "class: MainLin").replace("object: main-line", "object: x")
    code, err = run_build(curation_with(tmp_path, text), capsys)
    assert code == 2
    assert "2 problems in the curation" in err


def test_vocabulary_term_without_zh_comment(tmp_project, capsys):
    vocabulary = tmp_project / "ontology" / "vocabulary.ttl"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(
        text.replace('rdfs:comment "贯穿全部工作、统领全局的主线（第一个“1”）。"@zh,', "rdfs:comment"), encoding="utf-8"
    )
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "vocabulary.ttl: [https://w3id.org/kg1571/vocab#MainLine] needs exactly one rdfs:comment@zh (found 0)" in err


def test_vocabulary_syntax_error(tmp_project, capsys):
    vocabulary = tmp_project / "ontology" / "vocabulary.ttl"
    text = vocabulary.read_text(encoding="utf-8")
    line = text[: text.index("k:MainLine a owl:Class ;")].count("\n") + 1
    vocabulary.write_text(text.replace("k:MainLine a owl:Class ;", "k:MainLine a ;"), encoding="utf-8")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    import re

    found = re.search(
        r"vocabulary\.ttl:(\d+): Turtle syntax error: ; is not a valid RDF object, near 'k:MainLine a ;", err
    )
    assert found and int(found.group(1)) == line  # pyoxigraph names the line of the error
    assert len(err) < 600 and "\\x" not in err


def test_translation_misaligned_with_the_article(tmp_project, capsys):
    path = tmp_project / "source" / "1571-work-plan-article.en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{start: 4, end: 42,", "{start: 5, end: 42,", 1), encoding="utf-8")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "1571-work-plan-article.en.yaml:" in err and "[[5, 42)] zh is not the article's text at these offsets" in err
    assert "fix: the article has '" in err


def test_translation_that_leaves_text_untranslated(tmp_project, capsys):
    import yaml

    path = tmp_project / "source" / "1571-work-plan-article.en.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    dropped = doc["sentences"].pop(3)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert (
        f"characters of the article have no translated sentence, first at offset {dropped['start']}: "
        f"{dropped['zh'][:20]!r}\n    fix: add the sentence (start, end, zh, en)"
    ) in err
