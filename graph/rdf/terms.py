"""The rdflib side of kg1571.namespaces: namespaces of the vocabularies the graph uses, ``K`` and ``Iris``.

Import them from :mod:`kg1571.namespaces` (which loads this module, and rdflib, on first use) or from here.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg1571.namespaces import DEFAULT_BASE_IRI, PREFIXES, VOCAB_IRI

OA = Namespace(PREFIXES["oa"])
DCAT = Namespace(PREFIXES["dcat"])
SPDX = Namespace(PREFIXES["spdx"])
ISO639 = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
VOID = Namespace(PREFIXES["void"])
VANN = Namespace(PREFIXES["vann"])
#: IANA media types as resources (DCMI's dcterms:format and DCAT's dcat:mediaType expect one)
MEDIA_TYPE = Namespace("http://www.iana.org/assignments/media-types/")


class K(DefinedNamespace):
    """Terms of ontology/vocabulary.ttl that the code uses; a mistyped term fails at import."""

    _fail = True
    _NS = Namespace(VOCAB_IRI)

    Framework: URIRef
    MainLine: URIRef
    StrategicPositioning: URIRef
    PositioningGroup: URIRef
    KeyTask: URIRef
    KeyTaskGroup: URIRef
    Guarantee: URIRef
    Spirit: URIRef
    SpiritTrait: URIRef
    Section: URIRef
    SectionKind: URIRef
    Statement: URIRef
    subject: URIRef
    predicate: URIRef
    object: URIRef
    order: URIRef
    hasComponent: URIRef
    characterCount: URIRef


class Iris:
    """Mints the IRIs of generated resources under one base IRI, from stable ASCII ids."""

    def __init__(self, base: str = DEFAULT_BASE_IRI):
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def concept(self, concept_id: str) -> URIRef:
        return URIRef(f"{self.base}id/{concept_id}")

    def scheme(self) -> URIRef:
        return URIRef(f"{self.base}id/scheme")

    def graph_name(self) -> URIRef:
        """Default named graph for store loads."""
        return URIRef(f"{self.base}graph")

    def dataset(self) -> URIRef:
        """The dataset (DCAT and VoID description of the whole graph)."""
        return URIRef(f"{self.base}dataset")

    def dataset_part(self, fragment: str) -> URIRef:
        return URIRef(f"{self.base}dataset#{fragment}")

    def download(self, file_name: str) -> URIRef:
        """Where an export is published (docs/publishing.md: the w3id.org redirect rules)."""
        return URIRef(f"{self.base}{file_name}")

    def agent(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}agent/{slug}")

    def source(self, name: str) -> URIRef:
        return URIRef(f"{self.base}source/{name}")

    def source_part(self, name: str, fragment: str) -> URIRef:
        return URIRef(f"{self.base}source/{name}#{fragment}")

    def section(self, name: str, section_id: str) -> URIRef:
        return URIRef(f"{self.base}source/{name}/section/{section_id}")

    def statement(self, subject_id: str, predicate: str, object_id: str) -> URIRef:
        return URIRef(f"{self.base}statement/{subject_id}--{predicate}--{object_id}")

    def annotation(self, body_key: str, index: int) -> URIRef:
        return URIRef(f"{self.base}evidence/{body_key}/{index}")

    def annotation_part(self, body_key: str, index: int, part: str) -> URIRef:
        return URIRef(f"{self.base}evidence/{body_key}/{index}#{part}")
