"""The fast shape checks (kg1571.curation.shape_checks) find what pySHACL finds, and cover every shape.

Three kinds of test: the coverage table against ontology/shapes.ttl (a shape or constraint added without an
entry fails); broken projects fed to both the fast checks and pySHACL, which must report the same violations
(shape, constraint component, focus node); and, for what only the builder guarantees, a built graph broken on
purpose, which pySHACL must reject (so the guarantee is about something the shapes really check).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS, XSD

from conftest import MINIMAL_CURATION, ROOT, make_project
from kg1571.cli import main
from kg1571.curation.shape_checks import BUILT_CLASSES, shape_violations
from kg1571.curation.shape_coverage import COVERAGE
from kg1571.errors import CurationError
from kg1571.namespaces import OA, PREFIXES, K
from kg1571.pipeline import build_graph, load_project, read_project
from kg1571.rdf.shacl import load_shapes

SHAPES = load_shapes(ROOT / "ontology" / "shapes.ttl")
NAMES = {**PREFIXES, "ks": "https://w3id.org/kg1571/shapes#", "sh": str(SH)}
#: Parameters of a shape that are not constraints.
NOT_CONSTRAINTS = {"path", "message", "property", "targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"}

BASE = "https://w3id.org/kg1571/"
KC = BASE + "id/"
STATEMENT = URIRef(BASE + "statement/framework-1571--hasComponent--main-line")
EVIDENCE = BASE + "evidence/main-line/1"
SENTENCE = URIRef(BASE + "source/1571-work-plan-article/translation/en/sentence/3")


def qname(iri: URIRef) -> str:
    for prefix, namespace in NAMES.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    raise AssertionError(f"no prefix for {iri}")


def path_text(path) -> str:
    if isinstance(path, URIRef):
        return qname(path)
    inverse = SHAPES.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + qname(inverse)
    return "/".join(qname(p) for p in Collection(SHAPES, path))


def shape_key(shape) -> str:
    """The COVERAGE key of a node shape ("ks:Shape") or of a property shape ("ks:Shape path")."""
    if isinstance(shape, URIRef):
        return qname(shape)
    return f"{qname(SHAPES.value(None, SH.property, shape))} {path_text(SHAPES.value(shape, SH.path))}"


def constraints(shape) -> set[str]:
    names = {qname(p).removeprefix("sh:") for p in SHAPES.predicates(shape) if str(p).startswith(str(SH))}
    return names - NOT_CONSTRAINTS


def shapes_in_file() -> dict[str, set[str]]:
    found = {}
    for node_shape in SHAPES.subjects(RDF.type, SH.NodeShape):
        if constraints(node_shape):
            found[shape_key(node_shape)] = constraints(node_shape)
        for property_shape in SHAPES.objects(node_shape, SH.property):
            found[shape_key(property_shape)] = constraints(property_shape)
    return found


# ----------------------------------------------------------------------------------------- the coverage table


def test_every_shape_and_constraint_of_shapes_ttl_has_a_fast_check_or_a_guarantee():
    in_file = shapes_in_file()
    assert len(in_file) == 29  # the own constraints of 5 of the 9 node shapes, and 24 property shapes
    covered = {key: set().union(*(g.constraints for g in guarantees)) for key, guarantees in COVERAGE.items()}
    assert covered == in_file


def test_every_shape_of_shapes_ttl_is_in_the_table():
    # Also the shapes that only a shape with no constraints of its own would hide: every sh:NodeShape appears.
    node_shapes = {qname(s) for s in SHAPES.subjects(RDF.type, SH.NodeShape)}
    assert node_shapes == {key.split()[0] for key in COVERAGE}


def test_every_guarantee_names_code_that_exists():
    for key, guarantees in COVERAGE.items():
        for guarantee in guarantees:
            assert guarantee.how in ("fast check", "loader", "builder"), key
            assert guarantee.by and guarantee.why, key
            for dotted in guarantee.by:
                module_name, _, name = dotted.rpartition(".")
                try:
                    module = importlib.import_module(module_name)
                    assert hasattr(module, name), f"{key}: {dotted} does not exist"
                except ModuleNotFoundError:  # a method: kg1571.rdf.terms.Iris.concept
                    owner_module, _, owner = module_name.rpartition(".")
                    assert hasattr(getattr(importlib.import_module(owner_module), owner), name), dotted


def test_built_classes_are_the_classes_the_builder_gives_to_what_is_not_a_concept(project, built_graph):
    vocabulary_nodes = {URIRef(s) for s, _, _ in project.vocabulary.triples}
    concept_types = {SKOS.Concept} | {URIRef(str(K._NS) + c.cls) for c in project.curation.concepts}
    built = {str(o) for s, o in built_graph.subject_objects(RDF.type) if s not in vocabulary_nodes}
    assert built - {str(t) for t in concept_types} == BUILT_CLASSES


def test_the_real_project_has_no_violation(project):
    assert shape_violations(project) == []


# ----------------------------------------------------------------------------- broken projects: both judges


def pyshacl_results(graph: Graph) -> set[tuple[str, str, str]]:
    """(shape key, constraint component, focus node) of every result pySHACL reports."""
    from pyshacl import validate

    _conforms, report, _text = validate(graph, shacl_graph=SHAPES, inference="none", advanced=False)
    results = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        results.add(
            (
                shape_key(report.value(result, SH.sourceShape)),
                qname(report.value(result, SH.sourceConstraintComponent)),
                str(report.value(result, SH.focusNode)),
            )
        )
    return results


def fast_results(root: Path) -> set[tuple[str, str, str]]:
    project = read_project(root)
    return {(v.shape, c, f) for v in shape_violations(project) for c in v.components for f in v.focus}


def both_judges(root: Path) -> set[tuple[str, str, str]]:
    """The violations of the project at ``root``, after checking that the fast checks and pySHACL (on the
    graph the builder makes of it) report exactly the same ones."""
    fast = fast_results(root)
    assert pyshacl_results(build_graph(read_project(root))) == fast
    return fast


def without_domains(root: Path) -> Path:
    """The project with the rdfs:domain and rdfs:range of k:hasComponent and k:hasTrait removed from its
    vocabulary, so that only the shapes refuse a relation between the wrong classes (the curation check of
    the vocabulary's domains and ranges would refuse it first)."""
    vocabulary = root / "ontology" / "vocabulary.ttl"
    text = vocabulary.read_text(encoding="utf-8")
    for declaration in ("rdfs:domain k:Framework ; ", "rdfs:domain k:Spirit ; rdfs:range k:SpiritTrait ; "):
        assert declaration in text
        text = text.replace(declaration, "")
    vocabulary.write_text(text, encoding="utf-8")
    return root


SPIRIT = """\
  - id: spirit
    class: Spirit
    zh: 蒙古马精神
    en: Mongolian horse spirit
    order: 2
    evidence:
      - (四)大力弘扬蒙古马精神
"""


def with_concept(concept: str, *relations: str) -> str:
    concepts, rest = MINIMAL_CURATION.split("relations:\n")
    return concepts + concept + "relations:\n" + rest + "".join(relations)


def relation(subject: str, predicate: str, obj: str, quote: str = "以铸牢中华民族共同体意识为主线") -> str:
    return (
        f"  - subject: {subject}\n    predicate: {predicate}\n    object: {obj}\n"
        f"    evidence:\n      - {{quote: {quote}, occurrence: 1}}\n"
    )


def refused(root: Path, capsys) -> str:
    """Run `validate` and `validate --shacl`: both exit 2 with the same problems (the fast checks come first)."""
    assert main(["validate", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert main(["validate", "--root", str(root), "--shacl"]) == 2
    assert capsys.readouterr().err == err
    assert "Traceback" not in err
    return err


def test_a_component_without_order(tmp_path, capsys):
    root = make_project(tmp_path, MINIMAL_CURATION.replace("    order: 1\n", ""))
    assert both_judges(root) == {("ks:ComponentShape k:order", "sh:MinCountConstraintComponent", KC + "main-line")}
    err = refused(root, capsys)
    assert "core.yaml:8: [main-line] each component of the framework needs exactly one k:order (its position)" in err


def test_components_of_something_that_is_not_a_framework(tmp_path, capsys):
    root = without_domains(
        make_project(tmp_path, with_concept(SPIRIT, relation("main-line", "hasComponent", "spirit")))
    )
    assert both_judges(root) == {("ks:FrameworkShape", "sh:ClassConstraintComponent", KC + "main-line")}
    err = refused(root, capsys)
    assert (
        "core.yaml:28: [main-line hasComponent spirit] only a k:Framework has components, but `main-line` is a "
        "MainLine\n    fix: use another relation, or give `main-line` the class Framework"
    ) in err


def test_a_trait_between_the_wrong_classes(tmp_path, capsys):
    root = without_domains(
        make_project(tmp_path, with_concept("", relation("framework-1571", "hasTrait", "main-line")))
    )
    assert both_judges(root) == {
        ("ks:TraitHolderShape", "sh:ClassConstraintComponent", KC + "framework-1571"),
        ("ks:TraitShape", "sh:ClassConstraintComponent", KC + "main-line"),
    }
    err = refused(root, capsys)
    assert err.startswith("Error: 2 problems in the curation:\n")
    assert (
        "[framework-1571 hasTrait main-line] the subject of k:hasTrait is a k:Spirit, but `framework-1571` is a" in err
    )
    assert (
        "[framework-1571 hasTrait main-line] the object of k:hasTrait is a k:SpiritTrait, but `main-line` is a" in err
    )


@pytest.mark.slow
def test_a_trait_of_a_subclass_of_spirit_conforms(tmp_path):
    # sh:class follows rdfs:subClassOf: a concept whose class is a subclass of k:Spirit may have traits.
    root = make_project(
        tmp_path,
        with_concept(
            SPIRIT.replace("class: Spirit", "class: RegionalSpirit").replace("    order: 2\n", ""),
            relation("framework-1571", "skos:related", "spirit"),
            relation("spirit", "hasTrait", "main-line"),
        ),
    )
    vocabulary = without_domains(root) / "ontology" / "vocabulary.ttl"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8")
        + "\nk:RegionalSpirit a owl:Class ; rdfs:subClassOf skos:Concept, k:Spirit ;\n"
        '    rdfs:label "地方精神"@zh, "regional spirit"@en ; rdfs:comment "一种精神。"@zh, "A spirit."@en .\n',
        encoding="utf-8",
    )
    # main-line is a MainLine, not a SpiritTrait: only ks:TraitShape objects; the holder is a Spirit.
    assert both_judges(root) == {("ks:TraitShape", "sh:ClassConstraintComponent", KC + "main-line")}


def test_a_concept_named_scheme(tmp_path, capsys):
    root = make_project(tmp_path, MINIMAL_CURATION.replace("main-line", "scheme"))
    assert both_judges(root) == {
        ("ks:ConceptShape skos:prefLabel", "sh:MaxCountConstraintComponent", KC + "scheme"),
        ("ks:ConceptShape skos:prefLabel", "sh:UniqueLangConstraintComponent", KC + "scheme"),
    }
    assert "core.yaml:8: [scheme] the id `scheme` is taken: kc:scheme is the concept scheme" in refused(root, capsys)


def test_skos_concept_declared_a_subclass_of_itself(tmp_path, capsys):
    root = make_project(tmp_path)
    vocabulary = root / "ontology" / "vocabulary.ttl"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8") + "\nskos:Concept rdfs:subClassOf skos:Concept .\n", encoding="utf-8"
    )
    # one violation per concept for pySHACL; one problem per class for the curator
    assert both_judges(root) == {
        ("ks:ConceptShape rdf:type", "sh:QualifiedMaxCountConstraintComponent", KC + "framework-1571"),
        ("ks:ConceptShape rdf:type", "sh:QualifiedMaxCountConstraintComponent", KC + "main-line"),
    }
    err = refused(root, capsys)
    assert err.startswith("Error: 2 problems in the curation:\n")
    assert "vocabulary.ttl: a concept needs exactly one class of the kg1571 vocabulary, but skos:Concept is" in err


@pytest.mark.slow
def test_two_translations_into_one_language(tmp_path, capsys):
    root = make_project(tmp_path)
    source = root / "source"
    english = (source / "1571-work-plan-article.en.yaml").read_text(encoding="utf-8")
    third = '  - {start: 58, end: 62, zh: "核心提示", en: "Key points"}\n'  # sentence 3
    assert english.count(third) == 1
    (source / "second.en.yaml").write_text(english.replace(third, third.replace("points", "ideas")), encoding="utf-8")
    metadata = source / "metadata.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + "  en-GB: second.en.yaml\n", encoding="utf-8")
    assert both_judges(root) == {("ks:AnnotationShape oa:bodyValue", "sh:MaxCountConstraintComponent", str(SENTENCE))}
    assert "second.en.yaml:1: a second translation into `en` (the first is " in refused(root, capsys)


VOCABULARY_MISTAKES = [
    (
        "k:Section rdfs:subClassOf skos:Concept .",
        "k:Section is a subclass of skos:Concept, so ks:ConceptShape would check every k:Section of the graph",
        "ks:ConceptShape",
    ),
    (
        "oa:SpecificResource rdfs:subClassOf oa:Annotation .",
        "oa:SpecificResource is a subclass of oa:Annotation, so ks:AnnotationShape would check",
        "ks:AnnotationShape",
    ),
    ("k:Framework rdfs:subClassOf k:Statement .", "k:Framework is a subclass of k:Statement", "ks:StatementShape"),
    (
        "k:example a skos:Concept .",
        "k:example is declared a skos:Concept, so the shapes would check it",
        "ks:ConceptShape",
    ),
    (
        "k:example k:hasTrait k:other .",
        "the vocabulary uses k:hasTrait (k:example ... k:other), which ks:TraitShape, ks:TraitHolderShape check",
        "ks:TraitShape",
    ),
    (
        '<https://w3id.org/kg1571/id/main-line> skos:prefLabel "主线"@zh .',
        "the vocabulary says something about a generated resource (<https://w3id.org/kg1571/id/main-line> "
        'skos:prefLabel "主线"@zh)',
        "ks:ConceptShape",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("addition, message, shape", VOCABULARY_MISTAKES, ids=[m[2] for m in VOCABULARY_MISTAKES])
def test_a_vocabulary_that_adds_or_changes_focus_nodes(tmp_path, capsys, addition, message, shape):
    root = make_project(tmp_path)
    vocabulary = root / "ontology" / "vocabulary.ttl"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + f"\n{addition}\n", encoding="utf-8")
    violations = shape_violations(read_project(root))
    assert {v.shape for v in violations} == {shape}
    # pySHACL rejects the graph built with this vocabulary under the shape the fast check names
    assert shape in {key.split()[0] for key, _, _ in pyshacl_results(build_graph(read_project(root)))}
    assert f"vocabulary.ttl: {message}" in refused(root, capsys)


def test_a_section_kind_the_vocabulary_does_not_declare(tmp_path, capsys):
    # the builder's one refusal: `validate` finds it without building
    root = make_project(tmp_path)
    vocabulary = root / "ontology" / "vocabulary.ttl"
    text = vocabulary.read_text(encoding="utf-8")
    declared = "k:section-subsection a k:SectionKind ;"
    assert declared in text
    vocabulary.write_text(text.replace(declared, "k:section-subsection a owl:NamedIndividual ;"), encoding="utf-8")
    expected = "[significance-political] section kind `subsection` has no k:SectionKind in the vocabulary"
    with pytest.raises(CurationError, match=re.escape(expected)):
        build_graph(read_project(root))
    err = refused(root, capsys)
    lines = (root / "source" / "structure.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  - id: significance-political") + 1  # the section's first line, 1-based
    assert lines[line].strip() == "kind: subsection"
    assert f"structure.yaml:{line}: {expected}" in err
    sections = (root / "source" / "structure.yaml").read_text(encoding="utf-8").count("kind: subsection\n")
    assert err.startswith(f"Error: {sections} problems in the curation:\n")  # one per section of that kind


# ---------------------------------------------------------------------- what only the builder guarantees


def _remove(s, p, o=None):
    return lambda g: g.remove((s, p, o))


def _add(s, p, o):
    return lambda g: g.add((s, p, o))


MAIN_LINE = URIRef(KC + "main-line")
TARGET, QUOTE, POSITION = (URIRef(f"{EVIDENCE}#{part}") for part in ("target", "quote", "position"))
OTHER_QUOTE = URIRef(BASE + "evidence/framework-1571/1#quote")
BLANK = BNode("not-an-iri")


def _swap_position_for_a_quote(graph: Graph) -> None:
    graph.remove((TARGET, OA.hasSelector, POSITION))
    graph.add((TARGET, OA.hasSelector, OTHER_QUOTE))


#: For every shape the builder guarantees: a graph mutation that breaks it, and the result pySHACL must report
#: (component, focus node).
MUTATIONS = {
    "ks:ConceptShape": (_add(BLANK, RDF.type, SKOS.Concept), "NodeKind", BLANK),
    "ks:ConceptShape skos:prefLabel": (
        _add(MAIN_LINE, SKOS.prefLabel, Literal("主线", lang="zh")),
        "MaxCount",
        MAIN_LINE,
    ),
    "ks:ConceptShape rdf:type": (_add(MAIN_LINE, RDF.type, K.KeyTask), "QualifiedMaxCount", MAIN_LINE),
    "ks:ConceptShape skos:inScheme": (_remove(MAIN_LINE, SKOS.inScheme), "MinCount", MAIN_LINE),
    "ks:ConceptShape ^oa:hasBody": (_remove(None, OA.hasBody, MAIN_LINE), "MinCount", MAIN_LINE),
    "ks:ConceptShape k:order": (
        _add(MAIN_LINE, K.order, Literal(2, datatype=XSD.positiveInteger)),
        "MaxCount",
        MAIN_LINE,
    ),
    "ks:ComponentShape k:order": (_remove(MAIN_LINE, K.order), "MinCount", MAIN_LINE),
    "ks:StatementShape k:subject": (_remove(STATEMENT, K.subject), "MinCount", STATEMENT),
    "ks:StatementShape k:predicate": (_remove(STATEMENT, K.predicate), "MinCount", STATEMENT),
    "ks:StatementShape k:object": (_remove(STATEMENT, K.object), "MinCount", STATEMENT),
    "ks:StatementShape ^oa:hasBody": (_remove(None, OA.hasBody, STATEMENT), "MinCount", STATEMENT),
    "ks:AnnotationShape": (_add(URIRef(EVIDENCE), OA.bodyValue, Literal("x", lang="en")), "Xone", URIRef(EVIDENCE)),
    "ks:AnnotationShape oa:hasBody": (_add(URIRef(EVIDENCE), OA.hasBody, STATEMENT), "MaxCount", URIRef(EVIDENCE)),
    "ks:AnnotationShape oa:bodyValue": (_add(SENTENCE, OA.bodyValue, Literal("y", lang="en")), "MaxCount", SENTENCE),
    "ks:AnnotationShape oa:hasTarget": (_remove(URIRef(EVIDENCE), OA.hasTarget), "MinCount", URIRef(EVIDENCE)),
    "ks:TargetShape oa:hasSource": (_remove(TARGET, OA.hasSource), "MinCount", TARGET),
    "ks:TargetShape oa:hasSelector": (_add(TARGET, OA.hasSelector, OTHER_QUOTE), "MaxCount", TARGET),
    "ks:TargetShape oa:hasSelector/oa:exact": (_swap_position_for_a_quote, "MaxCount", TARGET),
    "ks:TargetShape oa:hasSelector/oa:start": (_swap_position_for_a_quote, "MinCount", TARGET),
    "ks:QuoteSelectorShape oa:exact": (_remove(QUOTE, OA.exact), "MinCount", QUOTE),
    "ks:QuoteSelectorShape oa:start": (
        _add(QUOTE, OA.start, Literal(0, datatype=XSD.nonNegativeInteger)),
        "MaxCount",
        QUOTE,
    ),
    "ks:QuoteSelectorShape oa:prefix": (_add(QUOTE, OA.prefix, Literal("另", lang="zh")), "MaxCount", QUOTE),
    "ks:QuoteSelectorShape oa:suffix": (_add(QUOTE, OA.suffix, Literal("另", lang="zh")), "MaxCount", QUOTE),
    "ks:PositionSelectorShape oa:exact": (_add(POSITION, OA.exact, Literal("另", lang="zh")), "MaxCount", POSITION),
    "ks:PositionSelectorShape oa:start": (_remove(POSITION, OA.start), "MinCount", POSITION),
    "ks:PositionSelectorShape oa:end": (_remove(POSITION, OA.end), "MinCount", POSITION),
}


def test_every_builder_guarantee_has_a_mutation_that_pyshacl_catches():
    builder = {key for key, guarantees in COVERAGE.items() if any(g.how == "builder" for g in guarantees)}
    assert builder == set(MUTATIONS)


@pytest.fixture(scope="module")
def minimal_graph(tmp_path_factory) -> Graph:
    graph = build_graph(load_project(make_project(tmp_path_factory.mktemp("minimal"))))
    assert pyshacl_results(graph) == set()
    return graph


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(MUTATIONS))
def test_pyshacl_catches_a_graph_the_builder_never_writes(minimal_graph, key):
    mutate, component, focus = MUTATIONS[key]
    graph = Graph()
    graph += minimal_graph
    mutate(graph)
    assert (key, f"sh:{component}ConstraintComponent", str(focus)) in pyshacl_results(graph)
