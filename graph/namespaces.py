"""IRIs: the vocabulary namespace (a fixed public contract) and the overridable base IRI for data."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib terms live in kg1571.rdf.terms; importing them here would load rdflib at start-up
    from kg1571.rdf.terms import DCAT as DCAT
    from kg1571.rdf.terms import ISO639 as ISO639
    from kg1571.rdf.terms import MEDIA_TYPE as MEDIA_TYPE
    from kg1571.rdf.terms import OA as OA
    from kg1571.rdf.terms import SPDX as SPDX
    from kg1571.rdf.terms import VANN as VANN
    from kg1571.rdf.terms import VOID as VOID
    from kg1571.rdf.terms import K as K

#: Names this module offers from kg1571.rdf.terms, imported (with rdflib) on first use.
_RDF_TERMS = frozenset({"DCAT", "ISO639", "MEDIA_TYPE", "OA", "SPDX", "VANN", "VOID", "K"})


def __getattr__(name: str) -> object:
    """The rdflib namespaces and ``K``, loaded on first use (so ``--help``, ``validate``'s
    loader and ``query`` do not import rdflib)."""
    if name in _RDF_TERMS:
        from kg1571.rdf import terms

        return getattr(terms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The base IRI of every generated resource (concepts, evidence, source, sections).
#: Override it with ``kg1571 build --base-iri``. The vocabulary namespace does not move with it,
#: because users' queries are written against ``k:`` terms.
DEFAULT_BASE_IRI = "https://w3id.org/kg1571/"

VOCAB_IRI = "https://w3id.org/kg1571/vocab#"

#: The vocabulary as an ontology (the owl:Ontology of ontology/vocabulary.ttl), and the project as an agent.
VOCAB_ONTOLOGY = "https://w3id.org/kg1571/vocab"
CONTRIBUTORS = "https://w3id.org/kg1571/contributors"
CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"


#: Prefixes of every serialization, predeclared for `kg1571 query` (`kc:` is added per base IRI).
PREFIXES = {
    "k": VOCAB_IRI,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "spdx": "http://spdx.org/rdf/terms#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "void": "http://rdfs.org/ns/void#",
    "vann": "http://purl.org/vocab/vann/",
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
    return {**PREFIXES, "kc": f"{base_iri if base_iri.endswith(('/', '#')) else base_iri + '/'}id/"}


class Iris:
    """Mints the IRIs of generated resources under one base IRI, from stable ASCII ids (plain strings:
    the build writes them straight into N-Triples; rdflib users wrap them in ``URIRef``)."""

    def __init__(self, base: str = DEFAULT_BASE_IRI):
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def concept(self, concept_id: str) -> str:
        return f"{self.base}id/{concept_id}"

    def scheme(self) -> str:
        return f"{self.base}id/scheme"

    def graph_name(self) -> str:
        """Default named graph for store loads."""
        return f"{self.base}graph"

    def dataset(self) -> str:
        """The dataset (DCAT and VoID description of the whole graph)."""
        return f"{self.base}dataset"

    def dataset_part(self, fragment: str) -> str:
        return f"{self.base}dataset#{fragment}"

    def download(self, file_name: str) -> str:
        """Where an export is published (docs/publishing.md: the w3id.org redirect rules)."""
        return f"{self.base}{file_name}"

    def agent(self, slug: str) -> str:
        return f"{self.base}agent/{slug}"

    def source(self, name: str) -> str:
        return f"{self.base}source/{name}"

    def source_part(self, name: str, fragment: str) -> str:
        return f"{self.base}source/{name}#{fragment}"

    def section(self, name: str, section_id: str) -> str:
        return f"{self.base}source/{name}/section/{section_id}"

    def statement(self, subject_id: str, predicate: str, object_id: str) -> str:
        return f"{self.base}statement/{subject_id}--{predicate}--{object_id}"

    def annotation(self, body_key: str, index: int) -> str:
        return f"{self.base}evidence/{body_key}/{index}"

    def annotation_part(self, body_key: str, index: int, part: str) -> str:
        return f"{self.base}evidence/{body_key}/{index}#{part}"
