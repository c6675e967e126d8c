"""Which code guarantees each constraint of ontology/shapes.ttl, shape by shape (a machine-checked table).

`kg1571 build` and `validate` run the fast checks of kg1571.curation.shape_checks instead of pySHACL; each
constraint of the shapes holds because of one of those checks, because the reader, checker or evidence
locator refuses the curation that would break it, or because of how the builder writes the graph.
tests/curation/test_shape_checks.py fails when a shape or a constraint of shapes.ttl has no entry here, when
an entry names code that does not exist, and when a builder guarantee has no broken graph that pySHACL rejects.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Guarantee:
    """Why some constraints of one shape hold: ``how`` is "fast check" (kg1571.curation.shape_checks),
    "loader" (the reader, checker or evidence locator refuses the curation) or "builder" (the graph is written
    that way); ``by`` names the code (dotted paths, resolved by the coverage test)."""

    constraints: frozenset[str]
    how: str
    by: tuple[str, ...]
    why: str


def _g(constraints: str, how: str, by: str, why: str) -> Guarantee:
    return Guarantee(frozenset(constraints.split()), how, tuple(by.split()), why)


_READER = "kg1571.curation.reader"
_CHECKS = "kg1571.curation.checks.check_curation"
_BUILD = "kg1571.rdf.build"
_FAST = "kg1571.curation.shape_checks"

#: Every shape of ontology/shapes.ttl ("ks:Shape" for its own constraints, "ks:Shape path" for each of its
#: property shapes) and the constraint parameters that cover it (sh: local names), each with its guarantee.
COVERAGE: dict[str, tuple[Guarantee, ...]] = {
    "ks:ConceptShape": (
        _g("nodeKind", "builder", f"{_BUILD}.build_triples kg1571.namespaces.Iris.concept", "a concept is kc:<id>"),
    ),
    "ks:ConceptShape skos:prefLabel": (
        _g(
            "minCount maxCount uniqueLang languageIn",
            "loader",
            f"{_READER}._concept {_CHECKS}",
            "`zh` and `en` are required texts; ids are unique",
        ),
        _g("minCount maxCount uniqueLang languageIn", "builder", f"{_BUILD}.build_triples", "one @zh and one @en"),
        _g(
            "maxCount uniqueLang",
            "fast check",
            f"{_FAST}.reserved_id_violations",
            "the id `scheme` would share its IRI (and add two labels) with the concept scheme",
        ),
    ),
    "ks:ConceptShape rdf:type": (
        _g(
            "qualifiedValueShape qualifiedMinCount qualifiedMaxCount",
            "loader",
            _CHECKS,
            "a concept's class is one of the vocabulary's direct subclasses of skos:Concept",
        ),
        _g(
            "qualifiedValueShape qualifiedMinCount qualifiedMaxCount",
            "fast check",
            f"{_FAST}.concept_class_violations",
            "per class in use: exactly one of its two types (k:Class, skos:Concept) is a direct subclass "
            "of skos:Concept",
        ),
        _g("qualifiedValueShape", "builder", f"{_BUILD}.build_triples", "types: its k: class and skos:Concept"),
    ),
    "ks:ConceptShape skos:inScheme": (
        _g("minCount maxCount", "builder", f"{_BUILD}.build_triples", "every concept is in the one scheme"),
    ),
    "ks:ConceptShape ^oa:hasBody": (
        _g(
            "minCount",
            "loader",
            f"{_READER}._evidence kg1571.curation.evidence.locate_evidence",
            "a concept without evidence or with an unlocated quote is refused",
        ),
        _g("minCount", "builder", f"{_BUILD}._add_evidence", "one annotation per located quote"),
    ),
    "ks:ConceptShape k:order": (
        _g("maxCount datatype", "loader", f"{_READER}._concept", "`order` is one whole number from 1"),
        _g("maxCount datatype", "builder", f"{_BUILD}.build_triples", "one xsd:positiveInteger"),
    ),
    "ks:FrameworkShape": (
        _g("class", "fast check", f"{_FAST}.framework_violations", "the subject of hasComponent is a Framework"),
    ),
    "ks:ComponentShape k:order": (
        _g("minCount", "fast check", f"{_FAST}.component_violations", "each object of hasComponent has `order`"),
        _g("maxCount datatype", "loader", f"{_READER}._concept", "`order` is one whole number from 1"),
        _g("maxCount datatype", "builder", f"{_BUILD}.build_triples", "one xsd:positiveInteger"),
    ),
    "ks:TraitShape": (
        _g("class", "fast check", f"{_FAST}.trait_violations", "the object of hasTrait is a SpiritTrait"),
    ),
    "ks:TraitHolderShape": (
        _g("class", "fast check", f"{_FAST}.trait_violations", "the subject of hasTrait is a Spirit"),
    ),
    "ks:StatementShape k:subject": (
        _g("minCount maxCount class", "loader", _CHECKS, "relations are unique and name concept ids"),
        _g("minCount maxCount class", "builder", f"{_BUILD}.build_triples", "one k:subject, a concept"),
    ),
    "ks:StatementShape k:predicate": (
        _g("minCount maxCount", "builder", f"{_BUILD}.build_triples", "one k:predicate per statement"),
    ),
    "ks:StatementShape k:object": (
        _g("minCount maxCount class", "loader", _CHECKS, "relations are unique and name concept ids"),
        _g("minCount maxCount class", "builder", f"{_BUILD}.build_triples", "one k:object, a concept"),
    ),
    "ks:StatementShape ^oa:hasBody": (
        _g("minCount", "loader", f"{_READER}._evidence kg1571.curation.evidence.locate_evidence", "as concepts"),
        _g("minCount", "builder", f"{_BUILD}._add_evidence", "one annotation per located quote"),
    ),
    "ks:AnnotationShape": (
        _g(
            "xone",
            "builder",
            f"{_BUILD}._add_evidence kg1571.rdf.translation.add_translations",
            "evidence has oa:hasBody only, a translated sentence oa:bodyValue only",
        ),
    ),
    "ks:AnnotationShape oa:hasBody": (
        _g(
            "maxCount",
            "loader",
            f"{_CHECKS} kg1571.curation.source.ID_PATTERN",
            "annotation IRIs are minted from unique keys: ids are unique, relations are unique, and an id "
            "(no `--`) never equals a relation key",
        ),
        _g("maxCount", "builder", f"{_BUILD}._add_evidence", "one oa:hasBody per annotation"),
    ),
    "ks:AnnotationShape oa:bodyValue": (
        _g("maxCount datatype", "builder", "kg1571.rdf.translation.add_translations", "one @lang text per sentence"),
        _g(
            "maxCount",
            "fast check",
            f"{_FAST}.translation_violations",
            "two translations into one language would share their sentences' IRIs",
        ),
    ),
    "ks:AnnotationShape oa:hasTarget": (
        _g("minCount maxCount", "builder", f"{_BUILD}._add_evidence kg1571.rdf.translation.add_translations", "one"),
    ),
    "ks:TargetShape oa:hasSource": (
        _g("minCount maxCount", "builder", f"{_BUILD}._add_evidence kg1571.rdf.translation.add_translations", "one"),
    ),
    "ks:TargetShape oa:hasSelector": (
        _g("minCount maxCount", "builder", f"{_BUILD}._add_evidence kg1571.rdf.translation.add_translations", "two"),
    ),
    "ks:TargetShape oa:hasSelector/oa:exact": (
        _g("minCount maxCount", "builder", f"{_BUILD}._add_evidence", "one quote selector per target"),
    ),
    "ks:TargetShape oa:hasSelector/oa:start": (
        _g("minCount maxCount", "builder", f"{_BUILD}._add_evidence", "one position selector per target"),
    ),
    "ks:QuoteSelectorShape oa:exact": (
        _g("minCount maxCount", "builder", f"{_BUILD}._add_evidence", "one oa:exact"),
        _g(
            "minLength",
            "loader",
            "kg1571.curation.evidence.locate_evidence kg1571.curation.translation._sentences",
            "empty quotes are refused; a sentence has start < end",
        ),
    ),
    "ks:QuoteSelectorShape oa:start": (_g("maxCount", "builder", f"{_BUILD}._add_evidence", "no oa:start"),),
    "ks:QuoteSelectorShape oa:prefix": (_g("maxCount", "builder", f"{_BUILD}._add_evidence", "one prefix"),),
    "ks:QuoteSelectorShape oa:suffix": (_g("maxCount", "builder", f"{_BUILD}._add_evidence", "one suffix"),),
    "ks:PositionSelectorShape oa:exact": (_g("maxCount", "builder", f"{_BUILD}._add_evidence", "no oa:exact"),),
    "ks:PositionSelectorShape oa:start": (
        _g("minCount maxCount datatype", "builder", f"{_BUILD}._add_evidence {_BUILD}._add_document", "one"),
        _g(
            "datatype",
            "loader",
            "kg1571.curation.source.load_structure kg1571.curation.translation._sentences",
            "offsets are whole numbers from 0",
        ),
    ),
    "ks:PositionSelectorShape oa:end": (
        _g("minCount maxCount datatype", "builder", f"{_BUILD}._add_evidence {_BUILD}._add_document", "one"),
        _g(
            "datatype",
            "loader",
            "kg1571.curation.source.load_structure kg1571.curation.translation._sentences",
            "offsets are whole numbers from 0",
        ),
    ),
}
