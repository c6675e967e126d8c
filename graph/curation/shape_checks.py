"""Fast checks of ontology/shapes.ttl on the loaded project: what pySHACL would find, found in the model.

`kg1571 build` and `kg1571 validate` run these instead of pySHACL (about 0.5 s on the real graph, 28 s at
10k concepts; `--shacl` still runs it: the shapes stay the published contract). Every constraint of the
shapes is covered either here, or by the reader and checker, or by the way the builder writes the graph;
kg1571.curation.shape_coverage.COVERAGE says which for each shape, and tests/curation/test_shape_checks.py
fails when a shape or a constraint of shapes.ttl has no entry, and feeds broken projects to both these checks
and pySHACL, which must report the same violations.

The builder copies the vocabulary into the graph, so the guarantees also need a vocabulary that adds no
focus nodes and changes none: :func:`vocabulary_violations` checks that. The one refusal of the builder
(a section kind without a k:SectionKind) is checked here as well, so `validate` needs no build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg1571.errors import CurationError, Problem
from kg1571.model import Concept, Project, Relation, Translation
from kg1571.namespaces import PREFIXES, VOCAB_IRI, prefixes
from kg1571.rdf.triples import Object, Triple, ntriples_line

RDF_TYPE = PREFIXES["rdf"] + "type"
SUBCLASS_OF = PREFIXES["rdfs"] + "subClassOf"
SKOS_CONCEPT = PREFIXES["skos"] + "Concept"
#: The classes whose instances shapes.ttl targets (sh:targetClass), with their shape.
TARGET_CLASSES = {
    SKOS_CONCEPT: "ks:ConceptShape",
    VOCAB_IRI + "Statement": "ks:StatementShape",
    PREFIXES["oa"] + "Annotation": "ks:AnnotationShape",
    PREFIXES["oa"] + "TextQuoteSelector": "ks:QuoteSelectorShape",
    PREFIXES["oa"] + "TextPositionSelector": "ks:PositionSelectorShape",
}
#: The predicates whose subjects or objects shapes.ttl targets (sh:targetSubjectsOf, sh:targetObjectsOf).
TARGET_PREDICATES = {
    VOCAB_IRI + "hasComponent": "ks:FrameworkShape, ks:ComponentShape",
    VOCAB_IRI + "hasTrait": "ks:TraitShape, ks:TraitHolderShape",
    PREFIXES["oa"] + "hasTarget": "ks:TargetShape",
}
#: Every class the builder gives a node that is not a curated concept (tests/curation/test_shape_checks.py
#: compares it with the classes of the built graph, so a new one cannot slip past vocabulary_violations).
BUILT_CLASSES = frozenset(
    {
        VOCAB_IRI + "Section",
        VOCAB_IRI + "Statement",
        PREFIXES["skos"] + "ConceptScheme",
        PREFIXES["oa"] + "Annotation",
        PREFIXES["oa"] + "SpecificResource",
        PREFIXES["oa"] + "TextQuoteSelector",
        PREFIXES["oa"] + "TextPositionSelector",
        PREFIXES["dcterms"] + "BibliographicResource",
        PREFIXES["dcterms"] + "Agent",
        PREFIXES["dcterms"] + "MediaType",
        PREFIXES["dcterms"] + "LicenseDocument",
        PREFIXES["dcat"] + "Dataset",
        PREFIXES["dcat"] + "Distribution",
        PREFIXES["void"] + "Dataset",
        PREFIXES["spdx"] + "Checksum",
    }
)
#: The concept id whose IRI the concept scheme already has (Iris.scheme() is kc:scheme).
SCHEME_ID = "scheme"


@dataclass(frozen=True)
class Violation:
    """What pySHACL would report (the shape, its constraint components, the focus nodes) and what the curator
    is told instead. ``shape`` is a key of kg1571.curation.shape_coverage.COVERAGE; ``focus`` holds IRIs.
    A mistake in the vocabulary names only the shape it would break (``components`` and ``focus`` are empty)."""

    shape: str
    components: tuple[str, ...]
    focus: tuple[str, ...]
    problem: Problem


def check_shapes(project: Project) -> None:
    """Raise CurationError listing every way the graph built from ``project`` would break ontology/shapes.ttl
    (and every section kind the builder would refuse)."""
    problems = [*section_kind_problems(project), *(v.problem for v in shape_violations(project))]
    if problems:
        raise CurationError(problems)


def shape_violations(project: Project) -> list[Violation]:
    """Every violation pySHACL would report on the graph built from ``project``, grouped as the curator
    fixes them (one per curated item or vocabulary mistake)."""
    classes = ClassIndex(project.vocabulary.triples)
    return [
        *vocabulary_violations(project, classes),
        *concept_class_violations(project, classes),
        *reserved_id_violations(project),
        *framework_violations(project, classes),
        *component_violations(project),
        *trait_violations(project, classes),
        *translation_violations(project),
    ]


class ClassIndex:
    """The vocabulary's rdfs:subClassOf as SHACL reads it (sh:class and sh:targetClass follow
    rdfs:subClassOf* in the data graph, and the vocabulary is the only source of subclass triples)."""

    def __init__(self, vocabulary: Iterable[Triple]):
        self.direct: dict[str, set[str]] = {}
        for sub, predicate, sup in vocabulary:
            if predicate == SUBCLASS_OF and isinstance(sup, str):
                self.direct.setdefault(sub, set()).add(sup)
        self._closure: dict[str, frozenset[str]] = {}

    def superclasses(self, cls: str) -> frozenset[str]:
        """``cls`` and every class it is a subclass of, transitively."""
        if cls not in self._closure:
            seen, todo = {cls}, [cls]
            while todo:
                for sup in self.direct.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            self._closure[cls] = frozenset(seen)
        return self._closure[cls]

    def concept_is(self, concept: Concept, cls: str) -> bool:
        """Whether a concept (typed k:<its class> and skos:Concept) is a SHACL instance of ``cls``."""
        return any(cls in self.superclasses(t) for t in (VOCAB_IRI + concept.cls, SKOS_CONCEPT))


def _base(project: Project) -> str:
    """The base IRI as kg1571.rdf.terms.Iris mints from it."""
    return project.base_iri if project.base_iri.endswith(("/", "#")) else project.base_iri + "/"


def _concept_iri(project: Project, concept_id: str) -> str:
    return prefixes(project.base_iri)["kc"] + concept_id


def _at(item: Concept | Relation, ident: str, message: str, hint: str) -> Problem:
    return Problem(message, file=item.location.file, line=item.location.line, id=ident, hint=hint)


def concept_class_violations(project: Project, classes: ClassIndex) -> list[Violation]:
    """ks:ConceptShape rdf:type: exactly one of a concept's types is declared rdfs:subClassOf skos:Concept.
    A concept has two types, k:<class> and skos:Concept, so this is one check per class in use."""
    violations = []
    by_class: dict[str, list[Concept]] = {}
    for concept in project.curation.concepts:
        by_class.setdefault(concept.cls, []).append(concept)
    for cls, concepts in sorted(by_class.items()):
        qualifying = [t for t in (VOCAB_IRI + cls, SKOS_CONCEPT) if SKOS_CONCEPT in classes.direct.get(t, ())]
        if len(qualifying) == 1:
            continue
        why = (
            "k:" + cls + " is not declared rdfs:subClassOf skos:Concept"
            if not qualifying
            else "skos:Concept is itself declared rdfs:subClassOf skos:Concept"
        )
        violations.append(
            Violation(
                "ks:ConceptShape rdf:type",
                (
                    "sh:QualifiedMinCountConstraintComponent"
                    if not qualifying
                    else "sh:QualifiedMaxCountConstraintComponent",
                ),
                tuple(_concept_iri(project, c.id) for c in concepts),
                Problem(
                    f"a concept needs exactly one class of the kg1571 vocabulary, but {why} "
                    f"(so every {cls} concept, e.g. `{concepts[0].id}`, would break the shapes)",
                    file=project.vocabulary.path,
                    hint="concept classes are declared `k:Class rdfs:subClassOf skos:Concept`, and nothing else is",
                ),
            )
        )
    return violations


def reserved_id_violations(project: Project) -> list[Violation]:
    """ks:ConceptShape skos:prefLabel: a concept `scheme` would be the concept scheme's node too (kc:scheme),
    with its two labels added to the concept's."""
    return [
        Violation(
            "ks:ConceptShape skos:prefLabel",
            ("sh:MaxCountConstraintComponent", "sh:UniqueLangConstraintComponent"),
            (_concept_iri(project, c.id),),
            _at(
                c,
                c.id,
                "the id `scheme` is taken: kc:scheme is the concept scheme, whose labels it would get "
                "(a concept needs exactly one skos:prefLabel@zh and exactly one skos:prefLabel@en)",
                "choose another id, e.g. `plan-scheme`",
            ),
        )
        for c in project.curation.concepts
        if c.id == SCHEME_ID
    ]


def _relations(project: Project, predicate: str) -> Iterable[Relation]:
    # Only curated skos:broader links are asserted under another predicate (kg1571.rdf.build.asserted_predicates)
    return (r for r in project.curation.relations if r.predicate == predicate)


def framework_violations(project: Project, classes: ClassIndex) -> list[Violation]:
    """ks:FrameworkShape: only a k:Framework (or an instance of a subclass) has components."""
    return _end_class_violations(
        project,
        classes,
        "hasComponent",
        (
            (
                "ks:FrameworkShape",
                "subject",
                "Framework",
                "only a k:Framework has components, but `{ref}` is a {actual}",
            ),
        ),
    )


def component_violations(project: Project) -> list[Violation]:
    """ks:ComponentShape: each component of a framework has its position (``order``)."""
    by_id = project.curation.by_id
    violations = []
    seen: set[str] = set()
    for relation in _relations(project, "hasComponent"):
        component = by_id[relation.object]
        if component.order is not None or component.id in seen:
            continue
        seen.add(component.id)
        violations.append(
            Violation(
                "ks:ComponentShape k:order",
                ("sh:MinCountConstraintComponent",),
                (_concept_iri(project, component.id),),
                _at(
                    component,
                    component.id,
                    "each component of the framework needs exactly one k:order (its position): "
                    f"`{component.id}` is a component of `{relation.subject}` ({relation.location}) but has no "
                    "`order`",
                    "add `order: N`, its position among the framework's components (from 1)",
                ),
            )
        )
    return violations


def trait_violations(project: Project, classes: ClassIndex) -> list[Violation]:
    """ks:TraitHolderShape and ks:TraitShape: k:hasTrait goes from a k:Spirit to a k:SpiritTrait."""
    return _end_class_violations(
        project,
        classes,
        "hasTrait",
        (
            (
                "ks:TraitHolderShape",
                "subject",
                "Spirit",
                "the subject of k:hasTrait is a k:Spirit, but `{ref}` is a {actual}",
            ),
            (
                "ks:TraitShape",
                "object",
                "SpiritTrait",
                "the object of k:hasTrait is a k:SpiritTrait, but `{ref}` is a {actual}",
            ),
        ),
    )


def _end_class_violations(
    project: Project, classes: ClassIndex, predicate: str, ends: tuple[tuple[str, str, str, str], ...]
) -> list[Violation]:
    """The sh:class constraints on an end of a relation: for each (shape, end, class, message) in ``ends``,
    every concept at that end of a ``predicate`` relation is of the class (or a subclass); one violation per
    shape and concept, as SHACL reports them."""
    by_id = project.curation.by_id
    violations = []
    seen: set[tuple[str, str]] = set()
    for relation in _relations(project, predicate):
        for shape, end, cls, message in ends:
            ref = relation.subject if end == "subject" else relation.object
            concept = by_id[ref]
            if classes.concept_is(concept, VOCAB_IRI + cls) or (shape, ref) in seen:
                continue
            seen.add((shape, ref))
            violations.append(
                Violation(
                    shape,
                    ("sh:ClassConstraintComponent",),
                    (_concept_iri(project, ref),),
                    _at(
                        relation,
                        relation.label,
                        message.format(ref=ref, actual=concept.cls),
                        f"use another relation, or give `{ref}` the class {cls}",
                    ),
                )
            )
    return violations


def translation_violations(project: Project) -> list[Violation]:
    """ks:AnnotationShape oa:bodyValue: a sentence's IRI holds its language and its place in the file, so two
    translations into one language give the sentences they render differently two oa:bodyValue. Refused
    even when they agree (one translation per language is what source/metadata.yaml means)."""
    source = project.source
    first: dict[str, Translation] = {}
    violations = []
    for translation in source.translations:
        earlier = first.setdefault(translation.language, translation)
        if earlier is translation:
            continue
        edition = f"{_base(project)}source/{source.name}/translation/{translation.language}"
        differing = [
            f"{edition}/sentence/{index}"
            for index, (a, b) in enumerate(zip(earlier.sentences, translation.sentences, strict=False), start=1)
            if a.text != b.text
        ]
        violations.append(
            Violation(
                "ks:AnnotationShape oa:bodyValue",
                ("sh:MaxCountConstraintComponent",),
                tuple(differing),
                Problem(
                    f"a second translation into `{translation.language}` (the first is {earlier.path}): "
                    "their sentences would share IRIs",
                    file=translation.path,
                    line=1,
                    hint="keep one translation per language in source/metadata.yaml `translations:`",
                ),
            )
        )
    return violations


def vocabulary_violations(project: Project, classes: ClassIndex) -> list[Violation]:
    """The vocabulary is copied into the graph: it must not make a built node a target of another shape
    (a class of BUILT_CLASSES or of the concepts under a target class it does not belong to), declare
    instances of target classes, use target predicates, or say anything about the generated resources."""
    vocabulary = project.vocabulary
    violations: list[Violation] = []

    def bad(message: str, hint: str, shape: str) -> None:
        violations.append(Violation(shape, (), (), Problem(message, file=vocabulary.path, hint=hint)))

    concept_types = {VOCAB_IRI + c.cls for c in project.curation.concepts} | {SKOS_CONCEPT}
    for built in sorted(BUILT_CLASSES | concept_types):
        expected = {SKOS_CONCEPT} if built in concept_types else {built} & set(TARGET_CLASSES)
        for target in sorted(set(TARGET_CLASSES) & classes.superclasses(built) - expected):
            bad(
                f"{_short(built)} is a subclass of {_short(target)}, so {TARGET_CLASSES[target]} would check "
                f"every {_short(built)} of the graph as a {_short(target)}",
                f"remove that rdfs:subClassOf from {vocabulary.path.name}",
                TARGET_CLASSES[target],
            )
    base = _base(project)
    generated = {  # where the focus nodes of the shapes are minted (kg1571.rdf.terms.Iris)
        f"{base}id/": "ks:ConceptShape",
        f"{base}statement/": "ks:StatementShape",
        f"{base}evidence/": "ks:AnnotationShape",
        f"{base}source/{project.source.name}/": "ks:AnnotationShape",  # translated sentences, passages
    }

    def show(term: Object) -> str:
        return _short(term) if isinstance(term, str) else ntriples_line(("s", "p", term))[8:-2]

    for s, p, o in sorted(vocabulary.triples, key=ntriples_line):
        predicate = p
        targets = sorted(set(TARGET_CLASSES) & classes.superclasses(o)) if isinstance(o, str) else []
        if predicate == RDF_TYPE and targets:
            bad(
                f"{show(s)} is declared a {show(o)}, so the shapes would check it as one",
                "the vocabulary declares classes and properties; instances come from the curation",
                TARGET_CLASSES[targets[0]],
            )
        elif predicate in TARGET_PREDICATES:
            bad(
                f"the vocabulary uses {show(p)} ({show(s)} ... {show(o)}), which {TARGET_PREDICATES[predicate]} check",
                "curated relations belong in ontology/curation/*.yaml",
                TARGET_PREDICATES[predicate].split(",")[0],
            )
        else:
            touched = [shape for t in (s, o) if isinstance(t, str) for n, shape in generated.items() if t.startswith(n)]
            if touched:
                bad(
                    f"the vocabulary says something about a generated resource ({show(s)} {show(p)} {show(o)}), "
                    "which the shapes check as the builder writes it",
                    "say it in the curation (ontology/curation/*.yaml) or the source metadata instead",
                    touched[0],
                )
    return violations


def section_kind_problems(project: Project) -> list[Problem]:
    """The one thing the builder refuses (kg1571.rdf.build._add_document): a section kind that the vocabulary
    does not declare a k:SectionKind. Checked here too, so `validate` says so without building."""
    declared = project.vocabulary.section_kinds
    return [
        Problem(
            f"section kind `{section.kind}` has no k:SectionKind in the vocabulary",
            file=section.location.file,
            line=section.location.line,
            id=section.id,
            hint=f"add `k:section-{section.kind} a k:SectionKind` to ontology/vocabulary.ttl",
        )
        for section in project.source.sections
        if f"{VOCAB_IRI}section-{section.kind}" not in declared
    ]


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"
