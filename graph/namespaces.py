"""IRIs: the vocabulary namespace (a fixed public contract) and the overridable base IRI for data."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: The base IRI of every generated resource (concepts, evidence, source, sections).
#: Override it with ``kg1571 build --base-iri``. The vocabulary namespace does not move with it,
#: because users' queries are written against ``k:`` terms.
DEFAULT_BASE_IRI = "https://w3id.org/kg1571/"

VOCAB_IRI = "https://w3id.org/kg1571/vocab#"

OA = Namespace("http://www.w3.org/ns/oa#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ISO639 = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
VOID = Namespace("http://rdfs.org/ns/void#")
VANN = Namespace("http://purl.org/vocab/vann/")
#: IANA media types as resources (DCMI's dcterms:format and DCAT's dcat:mediaType expect one)
MEDIA_TYPE = Namespace("http://www.iana.org/assignments/media-types/")
#: The vocabulary as an ontology (the owl:Ontology of ontology/vocabulary.ttl), and the project as an agent.
VOCAB_ONTOLOGY = "https://w3id.org/kg1571/vocab"
CONTRIBUTORS = "https://w3id.org/kg1571/contributors"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"


#: Prefixes of every serialization, predeclared for `kg1571 query` (`kc:` is added per base IRI).
PREFIXES = {
    "k": VOCAB_IRI,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": str(OA),
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": str(DCAT),
    "spdx": str(SPDX),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "void": str(VOID),
    "vann": str(VANN),
}


def check_base_iri(iri: str) -> str:
    """Return ``iri`` if it can be the base of every generated IRI, else raise ValueError saying why:
    an absolute http(s) IRI with a host, ending in `/` or `#`, with no character IRIs forbid."""
    import re
    import urllib.parse

    bad = re.search(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]', iri)
    if bad:
        raise ValueError(f"{iri!r} holds {bad.group(0)!r}, which an IRI may not contain")
    parts = urllib.parse.urlsplit(iri)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{iri!r} is not an absolute http(s) IRI, e.g. {DEFAULT_BASE_IRI}")
    if not iri.endswith(("/", "#")):
        raise ValueError(f"{iri!r} must end in '/' or '#' (ids are appended to it), e.g. {iri}/")
    return iri


def prefixes(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """PREFIXES plus `kc:`, the concepts under ``base_iri``."""
    return {**PREFIXES, "kc": f"{Iris(base_iri).base}id/"}


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
