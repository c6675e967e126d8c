"""The rdflib side of kg1571.namespaces: rdflib namespaces of the vocabularies the graph uses and ``K``
(``Iris`` mints plain strings and lives in :mod:`kg1571.namespaces`; it is re-exported here).

Import them from :mod:`kg1571.namespaces` (which loads this module, and rdflib, on first use) or from here.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg1571.namespaces import PREFIXES, VOCAB_IRI, Iris

__all__ = ["DCAT", "ISO639", "MEDIA_TYPE", "OA", "SPDX", "VANN", "VOID", "Iris", "K"]

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
