"""The article's translations in RDF: each a work of its own (schema:translationOfWork the article), its
sentences Web Annotations whose textual body renders a span of the article, and English section titles.

A sentence is ``<article>/translation/<lang>/sentence/<n>`` (n in file order):
``oa:bodyValue "..."@en`` (Web Annotation's plain-text body; OWL 2 DL reserves ``rdf:value``, so no
``oa:TextualBody`` node), ``oa:hasTarget`` a ``oa:SpecificResource``
of the article with a ``oa:TextQuoteSelector`` (the Chinese sentence) and a ``oa:TextPositionSelector`` (the
same code-point offsets as the evidence), so the
English of any evidence quote is the sentences whose span overlaps the quote's.
"""

from __future__ import annotations

from collections.abc import Callable

from kg1571.model import SourceDocument, Translation
from kg1571.namespaces import Iris
from kg1571.rdf.triples import XSD_NON_NEGATIVE_INTEGER, Literal, Triple
from kg1571.rdf.vocab import DCTERMS, ISO639, OA, RDF, SCHEMA


def translation_iri(iris: Iris, source: SourceDocument, translation: Translation) -> str:
    """The IRI of a translation of the article."""
    return f"{iris.source(source.name)}/translation/{translation.language}"


def add_translations(add: Callable[[Triple], None], iris: Iris, source: SourceDocument) -> None:
    """Add (through ``add``) the triples of every translation of ``source``."""
    document = iris.source(source.name)
    for translation in source.translations:
        lang = translation.language
        edition = translation_iri(iris, source, translation)
        add((edition, RDF.type, DCTERMS.BibliographicResource))
        add((edition, SCHEMA.translationOfWork, document))
        add((edition, DCTERMS.language, ISO639[lang.split("-")[0]]))
        if translation.headings.get("title"):  # the article's title, translated
            add((edition, DCTERMS.title, Literal(translation.headings["title"], lang)))
        add((edition, DCTERMS.description, Literal(translation.note, "en")))
        for section in source.sections:
            heading = translation.headings.get(section.id)
            if heading:
                add((iris.section(source.name, section.id), DCTERMS.title, Literal(heading, lang)))
        for index, sentence in enumerate(translation.sentences, start=1):
            node = f"{edition}/sentence/{index}"
            target = f"{node}#target"
            quote, position = f"{node}#quote", f"{node}#position"
            add((node, RDF.type, OA.Annotation))
            add((node, DCTERMS.isPartOf, edition))
            add((node, OA.bodyValue, Literal(sentence.text, lang)))
            add((node, OA.hasTarget, target))
            add((target, RDF.type, OA.SpecificResource))
            add((target, OA.hasSource, document))
            add((target, OA.hasSelector, quote))
            add((target, OA.hasSelector, position))
            add((quote, RDF.type, OA.TextQuoteSelector))
            add((quote, OA.exact, Literal(source.text[sentence.start : sentence.end], "zh")))
            add((position, RDF.type, OA.TextPositionSelector))
            add((position, OA.start, Literal(str(sentence.start), None, XSD_NON_NEGATIVE_INTEGER)))
            add((position, OA.end, Literal(str(sentence.end), None, XSD_NON_NEGATIVE_INTEGER)))
