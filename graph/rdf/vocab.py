"""The vocabularies the build writes, as plain IRI strings (kg1571.rdf.terms has them as rdflib namespaces).

``SKOS.prefLabel`` is ``"http://www.w3.org/2004/02/skos/core#prefLabel"``; ``K`` accepts only the k: terms the
code uses, so a mistyped term fails at once (tests/rdf/test_build.py checks each is in the vocabulary).
"""

from __future__ import annotations

from kg1571.namespaces import PREFIXES, VOCAB_IRI


class Namespace:
    """IRIs under one namespace: ``NS.name`` and ``NS["name"]`` (for names that are not identifiers)."""

    def __init__(self, iri: str, terms: frozenset[str] | None = None):
        self.iri = iri
        self._terms = terms

    def __getitem__(self, name: str) -> str:
        if self._terms is not None and name not in self._terms:
            raise AttributeError(f"{self.iri}{name} is not a term the code knows (add it to kg1571.rdf.vocab)")
        return self.iri + name

    def __getattr__(self, name: str) -> str:
        """Called only the first time: the IRI is then kept as an attribute (the build reads millions)."""
        if name.startswith("_"):
            raise AttributeError(name)
        iri = self[name]
        setattr(self, name, iri)
        return iri


RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
OWL = Namespace(PREFIXES["owl"])
SKOS = Namespace(PREFIXES["skos"])
DCTERMS = Namespace(PREFIXES["dcterms"])
OA = Namespace(PREFIXES["oa"])
DCAT = Namespace(PREFIXES["dcat"])
SPDX = Namespace(PREFIXES["spdx"])
VOID = Namespace(PREFIXES["void"])
ISO639 = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
SCHEMA = Namespace("https://schema.org/")
#: IANA media types as resources (DCMI's dcterms:format and DCAT's dcat:mediaType expect one)
MEDIA_TYPE = Namespace("http://www.iana.org/assignments/media-types/")

#: The k: terms the code writes (each must be defined in ontology/vocabulary.ttl).
K_TERMS = frozenset(
    {
        "Framework",
        "MainLine",
        "StrategicPositioning",
        "PositioningGroup",
        "KeyTask",
        "KeyTaskGroup",
        "Guarantee",
        "Spirit",
        "SpiritTrait",
        "Section",
        "SectionKind",
        "Statement",
        "subject",
        "predicate",
        "object",
        "order",
        "hasComponent",
        "characterCount",
    }
)
K = Namespace(VOCAB_IRI, K_TERMS)
