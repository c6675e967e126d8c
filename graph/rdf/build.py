"""Build the RDF graph from a checked project: vocabulary, SKOS concepts, relations, Web Annotation provenance,
and the description of the dataset (DCAT and VoID)."""

from __future__ import annotations

import re
from collections.abc import Callable

from kg1571.curation.shape_checks import section_kind_problems
from kg1571.errors import CurationError
from kg1571.model import Project, Quote
from kg1571.namespaces import CC_BY_4, CONTRIBUTORS, PREFIXES, VOCAB_IRI, VOCAB_ONTOLOGY, Iris
from kg1571.rdf.hierarchy import browse_links, redundant_broader
from kg1571.rdf.translation import add_translations
from kg1571.rdf.triples import (
    XSD,
    XSD_INTEGER,
    XSD_NON_NEGATIVE_INTEGER,
    XSD_POSITIVE_INTEGER,
    BuiltGraph,
    Literal,
    Triple,
    sorted_graph,
)
from kg1571.rdf.vocab import DCAT, DCTERMS, ISO639, MEDIA_TYPE, OA, RDF, RDFS, SKOS, SPDX, VOID, K

XSD_HEX_BINARY = XSD + "hexBinary"

#: Appends one triple to the graph being built.
Add = Callable[[Triple], None]

INVERSE = {
    SKOS.broader: SKOS.narrower,
    SKOS.narrower: SKOS.broader,
    SKOS.broaderTransitive: SKOS.narrowerTransitive,
}

#: Language tag of the article's text (labels, titles and quotes as the article writes them).
ZH = "zh"

#: The RDF exports the dataset lists as distributions: file name and IANA media type.
RDF_DUMPS = (
    ("kg1571.ttl", "text/turtle"),
    ("kg1571.nt", "application/n-triples"),
    ("kg1571.jsonld", "application/ld+json"),
    ("kg1571.rdf", "application/rdf+xml"),
)
#: Example resources named in the dataset description (void:exampleResource).
EXAMPLES = ("framework-1571", "main-line", "mongolian-horse-spirit")


def predicate_iri(name: str) -> str:
    """The IRI of a curated predicate: `skos:broader` or a local name of the k: vocabulary."""
    if name.startswith("skos:"):
        return PREFIXES["skos"] + name[5:]
    return VOCAB_IRI + name


def asserted_predicates(project: Project) -> dict[str, str]:
    """The predicate each curated relation is asserted with, by relation key: its own, except a skos:broader
    that a chain of other skos:broader links already implies, which is asserted as skos:broaderTransitive
    (SKOS tools flag a redundant skos:broader; the transitive link says the same without the redundancy)."""
    redundant = redundant_broader(project.curation)
    return {
        r.key: SKOS.broaderTransitive if r.key in redundant else predicate_iri(r.predicate)
        for r in project.curation.relations
    }


def build_triples(project: Project) -> BuiltGraph:
    """A pure function of the project: the same project gives the same triples, with no blank nodes."""
    iris = Iris(project.base_iri)
    triples: list[Triple] = list(project.vocabulary.triples)
    add = triples.append

    source = project.source
    document = iris.source(source.name)
    _add_document(add, project, document, iris)
    add_translations(add, iris, source)

    scheme = iris.scheme()
    add((scheme, RDF.type, SKOS.ConceptScheme))
    add((scheme, SKOS.prefLabel, Literal("“1571”工作部署知识图谱", "zh")))
    add((scheme, SKOS.prefLabel, Literal("The “1571” work plan knowledge graph", "en")))
    add((scheme, DCTERMS.source, document))
    add((scheme, DCTERMS.license, CC_BY_4))
    add((scheme, DCTERMS.creator, CONTRIBUTORS))

    taken = _taken_labels(project)
    for concept in project.curation.concepts:
        node = iris.concept(concept.id)
        add((node, RDF.type, VOCAB_IRI + concept.cls))
        add((node, RDF.type, SKOS.Concept))
        add((node, SKOS.inScheme, scheme))
        add((node, SKOS.prefLabel, Literal(concept.label_zh, "zh")))
        add((node, SKOS.prefLabel, Literal(concept.label_en, "en")))
        for lang, alts in (("zh", concept.alt_zh), ("en", concept.alt_en)):
            for alt in alts:
                if taken.get((lang, alt.casefold()), concept.id) == concept.id:  # never another concept's prefLabel
                    add((node, SKOS.altLabel, Literal(alt, lang)))
        if concept.definition_zh:
            add((node, SKOS.definition, Literal(concept.definition_zh, "zh")))
        if concept.definition_en:
            add((node, SKOS.definition, Literal(concept.definition_en, "en")))
        if concept.note:
            add((node, SKOS.editorialNote, Literal(concept.note, "en")))
        if concept.order is not None:
            add((node, K.order, Literal(str(concept.order), None, XSD_POSITIVE_INTEGER)))
        if concept.cls == "Framework":
            add((scheme, SKOS.hasTopConcept, node))
            add((node, SKOS.topConceptOf, scheme))
        _add_evidence(add, iris, document, source.name, concept.id, node, concept.evidence)

    predicates = asserted_predicates(project)
    for relation in project.curation.relations:
        subject, obj = iris.concept(relation.subject), iris.concept(relation.object)
        predicate = predicates[relation.key]
        add((subject, predicate, obj))
        if predicate in INVERSE:  # SKOS browsers expect both directions asserted
            add((obj, INVERSE[predicate], subject))
        statement = iris.statement(relation.subject, relation.predicate.replace(":", "-"), relation.object)
        add((statement, RDF.type, K.Statement))
        add((statement, K.subject, subject))
        add((statement, K.predicate, predicate))
        add((statement, K["object"], obj))
        if relation.note:
            add((statement, SKOS.editorialNote, Literal(relation.note, "en")))
        _add_evidence(add, iris, document, source.name, relation.key, statement, relation.evidence)

    for narrower_id, broader_id in browse_links(project.curation):
        narrower, broader = iris.concept(narrower_id), iris.concept(broader_id)
        add((narrower, SKOS.broader, broader))
        add((broader, SKOS.narrower, narrower))

    _add_dataset(add, project, iris, document)
    dataset = iris.dataset()
    # void:triples counts every distinct triple of the graph, itself included
    return sorted_graph(
        triples, counted=lambda count: (dataset, VOID.triples, Literal(str(count + 1), None, XSD_INTEGER))
    )


def _taken_labels(project: Project) -> dict[tuple[str, str], str]:
    """Every prefLabel, by (language, case-folded text: SKOS browsers match labels regardless of case), with the
    concept that has it."""
    taken = {}
    for concept in project.curation.concepts:
        taken[("zh", concept.label_zh.casefold())] = concept.id
        taken[("en", concept.label_en.casefold())] = concept.id
    return taken


def slug(text: str) -> str:
    """A lowercase ASCII IRI segment from an English name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _add_document(add: Add, project: Project, document: str, iris: Iris) -> None:
    source = project.source
    add((document, RDF.type, DCTERMS.BibliographicResource))
    add((document, DCTERMS.title, Literal(source.title, "zh")))
    if source.title_en:
        add((document, DCTERMS.title, Literal(source.title_en, "en")))
    creator = iris.agent(slug(source.creator_en or source.name + " creator"))
    add((creator, RDF.type, DCTERMS.Agent))
    add((creator, RDFS.label, Literal(source.creator, "zh")))
    if source.creator_en:
        add((creator, RDFS.label, Literal(source.creator_en, "en")))
    add((document, DCTERMS.creator, creator))
    add((document, DCTERMS.rightsHolder, creator))
    add(
        (
            document,
            DCTERMS.rights,
            Literal("本文的一切权利归其作者与出版者所有；kg1571 仅为核对而引用，不授予任何权利。", "zh"),
        )
    )
    add(
        (
            document,
            DCTERMS.rights,
            Literal(
                "All rights in the article remain with its author and publisher. kg1571 quotes it only so that "
                "every statement can be checked against its source, and grants no rights in it (NOTICE).",
                "en",
            ),
        )
    )
    add((document, DCTERMS.language, ISO639[source.language.split("-")[0]]))
    add((document, K.characterCount, Literal(str(len(source.text)), None, XSD_NON_NEGATIVE_INTEGER)))
    # The bytes of the copy kept in source/: a distribution, where DCAT puts a size and a checksum.
    text_file = iris.source_part(source.name, "text")
    plain = MEDIA_TYPE["text/plain"]
    add((document, DCTERMS.hasFormat, text_file))
    add((text_file, RDF.type, DCAT.Distribution))
    add((text_file, DCTERMS.identifier, Literal(f"source/{source.path.name}")))
    add((text_file, DCTERMS.format, plain))
    add((text_file, DCAT.mediaType, plain))
    add((plain, RDF.type, DCTERMS.MediaType))
    add((text_file, DCAT.byteSize, Literal(str(source.byte_size), None, XSD_NON_NEGATIVE_INTEGER)))
    checksum = iris.source_part(source.name, "sha256")
    add((text_file, SPDX.checksum, checksum))
    add((checksum, RDF.type, SPDX.Checksum))
    add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    add((checksum, SPDX.checksumValue, Literal(source.sha256, None, XSD_HEX_BINARY)))
    undeclared = section_kind_problems(project)  # the loader reports these too; a bare build must refuse them
    if undeclared:
        raise CurationError(undeclared)
    for section in source.sections:
        node = iris.section(source.name, section.id)
        kind = f"{VOCAB_IRI}section-{section.kind}"
        add((node, RDF.type, K.Section))
        add((node, DCTERMS.identifier, Literal(section.id)))
        add((node, DCTERMS.type, kind))
        if section.heading:
            add((node, DCTERMS.title, Literal(section.heading, "zh")))
        parent = iris.section(source.name, section.parent) if section.parent else document
        add((node, DCTERMS.isPartOf, parent))
        add((node, K.order, Literal(str(section.order), None, XSD_POSITIVE_INTEGER)))
        for index, (start, end) in enumerate(section.spans, start=1):
            passage = f"{node}/passage/{index}"
            selector = f"{passage}#position"
            add((passage, RDF.type, OA.SpecificResource))
            add((passage, OA.hasSource, document))
            add((passage, OA.hasSelector, selector))
            add((passage, DCTERMS.isPartOf, node))
            add((passage, K.order, Literal(str(index), None, XSD_POSITIVE_INTEGER)))
            add((selector, RDF.type, OA.TextPositionSelector))
            add((selector, OA.start, Literal(str(start), None, XSD_NON_NEGATIVE_INTEGER)))
            add((selector, OA.end, Literal(str(end), None, XSD_NON_NEGATIVE_INTEGER)))


def _add_evidence(
    add: Add, iris: Iris, document: str, source_name: str, key: str, body: str, quotes: tuple[Quote, ...]
) -> None:
    for index, quote in enumerate(quotes, start=1):
        span = quote.span
        assert span is not None, "build_triples needs located evidence (kg1571.curation.evidence.locate_evidence)"
        annotation = iris.annotation(key, index)
        target = iris.annotation_part(key, index, "target")
        text_quote = iris.annotation_part(key, index, "quote")
        position = iris.annotation_part(key, index, "position")
        add((annotation, RDF.type, OA.Annotation))
        add((annotation, OA.motivatedBy, OA.identifying))
        add((annotation, OA.hasBody, body))
        add((annotation, OA.hasTarget, target))
        add((target, RDF.type, OA.SpecificResource))
        add((target, OA.hasSource, document))
        add((target, OA.hasSelector, text_quote))
        add((target, OA.hasSelector, position))
        if span.section_id:
            add((target, DCTERMS.isPartOf, iris.section(source_name, span.section_id)))
        add((text_quote, RDF.type, OA.TextQuoteSelector))
        add((text_quote, OA.exact, Literal(span.exact, ZH)))
        add((text_quote, OA.prefix, Literal(span.prefix, ZH)))
        add((text_quote, OA.suffix, Literal(span.suffix, ZH)))
        add((position, RDF.type, OA.TextPositionSelector))
        add((position, OA.start, Literal(str(span.start), None, XSD_NON_NEGATIVE_INTEGER)))
        add((position, OA.end, Literal(str(span.end), None, XSD_NON_NEGATIVE_INTEGER)))


def _add_dataset(add: Add, project: Project, iris: Iris, document: str) -> None:
    """DCAT and VoID: what a catalogue shows. Dates come from the vocabulary's header (never the clock);
    void:triples, which counts the whole graph, is added by sorted_graph once the triples are known."""
    ontology = VOCAB_ONTOLOGY
    dataset = iris.dataset()
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, DCTERMS.title, Literal("“1571”工作部署知识图谱", "zh")))
    add((dataset, DCTERMS.title, Literal("kg1571: a knowledge graph of the “1571” work plan", "en")))
    add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "内蒙古自治区党委“1571”工作部署的人工策展知识图谱：每个概念与关系都附有原文依据及其字符位置。",
                "zh",
            ),
        )
    )
    add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "A hand-curated knowledge graph of the “1571” work plan of the Inner Mongolia Autonomous Region "
                "Party Committee: every concept and relation carries a verbatim quote from the source article "
                "with its character offsets.",
                "en",
            ),
        )
    )
    contributors = CONTRIBUTORS
    add((dataset, DCTERMS.creator, contributors))
    add((dataset, DCTERMS.publisher, contributors))
    add((dataset, DCTERMS.license, CC_BY_4))
    add((CC_BY_4, RDF.type, DCTERMS.LicenseDocument))
    add(
        (
            dataset,
            DCTERMS.rights,
            Literal(
                "The curated data is CC BY 4.0. The quoted passages of the source article (oa:exact, oa:prefix, "
                "oa:suffix) belong to its author and publisher and are not covered by that licence (NOTICE).",
                "en",
            ),
        )
    )
    add(
        (
            dataset,
            DCTERMS.bibliographicCitation,
            Literal(
                "kg1571: a hand-curated knowledge graph of the '1571' work plan, by the kg1571 contributors, "
                f"CC BY 4.0. {iris.base}",
                "en",
            ),
        )
    )
    add((dataset, DCTERMS.source, document))
    for date in (DCTERMS.created, DCTERMS.modified):
        value = project.vocabulary.value(ontology, date)
        if value is not None:
            add((dataset, date, value))
    add((dataset, DCTERMS.conformsTo, ontology))
    add((dataset, VOID.vocabulary, VOCAB_IRI))
    add((dataset, VOID.vocabulary, PREFIXES["skos"]))
    add((dataset, VOID.vocabulary, PREFIXES["oa"]))
    for concept in project.curation.concepts:
        if concept.cls == "Framework":
            add((dataset, VOID.rootResource, iris.concept(concept.id)))
    for example in EXAMPLES:
        if example in project.curation.by_id:
            add((dataset, VOID.exampleResource, iris.concept(example)))
    add((dataset, VOID.sparqlEndpoint, iris.download("sparql")))
    add((dataset, DCAT.landingPage, iris.base))
    for file_name, media_type in RDF_DUMPS:
        url = iris.download(file_name)
        distribution = iris.dataset_part(file_name.replace(".", "-"))
        add((dataset, VOID.dataDump, url))
        add((dataset, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCAT.downloadURL, url))
        add((distribution, DCAT.mediaType, MEDIA_TYPE[media_type]))
        add((distribution, DCTERMS.format, MEDIA_TYPE[media_type]))
        add((MEDIA_TYPE[media_type], RDF.type, DCTERMS.MediaType))
        add((distribution, DCTERMS.license, CC_BY_4))
