"""Build the RDF graph from a checked project: vocabulary, SKOS concepts, relations, Web Annotation provenance."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kg1571.model import Project, Quote
from kg1571.namespaces import DCAT, ISO639, OA, SPDX, Iris, K, prefixes
from kg1571.rdf.translation import add_translations

INVERSE = {"skos:broader": SKOS.narrower, "skos:narrower": SKOS.broader}


def predicate_iri(name: str) -> URIRef:
    """The IRI of a curated predicate: `skos:broader` or a local name of the k: vocabulary."""
    if name.startswith("skos:"):
        return SKOS[name[5:]]
    return URIRef(str(K._NS) + name)


def build_graph(project: Project) -> Graph:
    """A pure function of the project: the same project gives the same triples, with no blank nodes."""
    iris = Iris(project.base_iri)
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes(project.base_iri).items():
        graph.bind(prefix, namespace)
    if project.vocabulary.graph is not None:
        graph += project.vocabulary.graph
    add = graph.add

    source = project.source
    document = iris.source(source.name)
    _add_document(graph, project, document, iris)
    add_translations(graph, iris, source)

    scheme = iris.scheme()
    add((scheme, RDF.type, SKOS.ConceptScheme))
    add((scheme, SKOS.prefLabel, Literal("“1571”工作部署知识图谱", lang="zh")))
    add((scheme, SKOS.prefLabel, Literal("The “1571” work plan knowledge graph", lang="en")))
    add((scheme, DCTERMS.source, document))

    for concept in project.curation.concepts:
        node = iris.concept(concept.id)
        add((node, RDF.type, URIRef(str(K._NS) + concept.cls)))
        add((node, RDF.type, SKOS.Concept))
        add((node, SKOS.inScheme, scheme))
        add((node, SKOS.notation, Literal(concept.id)))
        add((node, SKOS.prefLabel, Literal(concept.label_zh, lang="zh")))
        add((node, SKOS.prefLabel, Literal(concept.label_en, lang="en")))
        for alt in concept.alt_zh:
            add((node, SKOS.altLabel, Literal(alt, lang="zh")))
        for alt in concept.alt_en:
            add((node, SKOS.altLabel, Literal(alt, lang="en")))
        if concept.definition_zh:
            add((node, SKOS.definition, Literal(concept.definition_zh, lang="zh")))
        if concept.definition_en:
            add((node, SKOS.definition, Literal(concept.definition_en, lang="en")))
        if concept.note:
            add((node, SKOS.editorialNote, Literal(concept.note)))
        if concept.order is not None:
            add((node, K.order, Literal(concept.order, datatype=XSD.positiveInteger)))
        if concept.cls == "Framework":
            add((scheme, SKOS.hasTopConcept, node))
            add((node, SKOS.topConceptOf, scheme))
        _add_evidence(graph, iris, document, source.name, concept.id, node, concept.evidence)

    for relation in project.curation.relations:
        subject, obj = iris.concept(relation.subject), iris.concept(relation.object)
        predicate = predicate_iri(relation.predicate)
        add((subject, predicate, obj))
        if relation.predicate in INVERSE:  # SKOS browsers expect both directions asserted
            add((obj, INVERSE[relation.predicate], subject))
        statement = iris.statement(relation.subject, relation.predicate.replace(":", "-"), relation.object)
        add((statement, RDF.type, RDF.Statement))
        add((statement, RDF.subject, subject))
        add((statement, RDF.predicate, predicate))
        add((statement, RDF.object, obj))
        if relation.note:
            add((statement, SKOS.editorialNote, Literal(relation.note)))
        _add_evidence(graph, iris, document, source.name, relation.key, statement, relation.evidence)
    return graph


def _add_document(graph: Graph, project: Project, document: URIRef, iris: Iris) -> None:
    source = project.source
    add = graph.add
    add((document, RDF.type, DCTERMS.BibliographicResource))
    add((document, DCTERMS.title, Literal(source.title, lang="zh")))
    add((document, DCTERMS.creator, Literal(source.creator, lang="zh")))
    add((document, DCTERMS.language, ISO639[source.language.split("-")[0]]))
    add((document, DCTERMS["format"], Literal("text/plain; charset=utf-8")))
    add((document, DCAT.byteSize, Literal(source.byte_size, datatype=XSD.nonNegativeInteger)))
    add((document, K.characterCount, Literal(len(source.text), datatype=XSD.nonNegativeInteger)))
    checksum = iris.source_part(source.name, "sha256")
    add((document, SPDX.checksum, checksum))
    add((checksum, RDF.type, SPDX.Checksum))
    add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    add((checksum, SPDX.checksumValue, Literal(source.sha256, datatype=XSD.hexBinary)))
    for section in source.sections:
        node = iris.section(source.name, section.id)
        add((node, RDF.type, K.Section))
        add((node, DCTERMS.identifier, Literal(section.id)))
        add((node, DCTERMS.type, Literal(section.kind)))
        if section.heading:
            add((node, DCTERMS.title, Literal(section.heading, lang="zh")))
        parent = iris.section(source.name, section.parent) if section.parent else document
        add((node, DCTERMS.isPartOf, parent))
        add((node, K.order, Literal(section.order, datatype=XSD.positiveInteger)))
        for index, (start, end) in enumerate(section.spans, start=1):
            passage = URIRef(f"{node}/passage/{index}")
            selector = URIRef(f"{passage}#position")
            add((passage, RDF.type, OA.SpecificResource))
            add((passage, OA.hasSource, document))
            add((passage, OA.hasSelector, selector))
            add((passage, DCTERMS.isPartOf, node))
            add((passage, K.order, Literal(index, datatype=XSD.positiveInteger)))
            add((selector, RDF.type, OA.TextPositionSelector))
            add((selector, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
            add((selector, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))


def _add_evidence(
    graph: Graph, iris: Iris, document: URIRef, source_name: str, key: str, body: URIRef, quotes: tuple[Quote, ...]
) -> None:
    add = graph.add
    for index, quote in enumerate(quotes, start=1):
        span = quote.span
        assert span is not None, "build_graph needs located evidence (kg1571.curation.evidence.locate_evidence)"
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
        add((text_quote, OA.exact, Literal(span.exact)))
        add((text_quote, OA.prefix, Literal(span.prefix)))
        add((text_quote, OA.suffix, Literal(span.suffix)))
        add((position, RDF.type, OA.TextPositionSelector))
        add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
