"""The in-memory model: frozen dataclasses that flow from loading to building and rendering."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg1571.rdf.triples import Object, Triple


@dataclass(frozen=True)
class Location:
    """Where a curated item was written: file and 1-based line."""

    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Span:
    """A located passage of the source: [start, end) in Unicode code points."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    section_id: str | None = None


@dataclass(frozen=True)
class Quote:
    """An evidence quote as curated (verbatim text, optional 1-based occurrence) and, once located, its span."""

    text: str
    location: Location
    occurrence: int | None = None
    span: Span | None = None


@dataclass(frozen=True)
class Concept:
    """One curated concept."""

    id: str
    cls: str
    label_zh: str
    label_en: str
    location: Location
    alt_zh: tuple[str, ...] = ()
    alt_en: tuple[str, ...] = ()
    definition_zh: str | None = None
    definition_en: str | None = None
    note: str | None = None
    order: int | None = None
    evidence: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Relation:
    """One curated relation: subject --predicate--> object, with its evidence."""

    subject: str
    predicate: str
    object: str
    location: Location
    evidence: tuple[Quote, ...] = ()
    note: str | None = None

    @property
    def label(self) -> str:
        """How messages name the relation: `subject predicate object`."""
        return f"{self.subject} {self.predicate} {self.object}"

    @property
    def key(self) -> str:
        """Stable ASCII key, used in IRIs and as the edge id in the HTML explorer."""
        return f"{self.subject}--{self.predicate.replace(':', '-')}--{self.object}"


@dataclass(frozen=True)
class Section:
    """A part of the article's logical structure; spans are its physical passages in the scrape."""

    id: str
    heading: str | None
    kind: str
    parent: str | None
    order: int
    spans: tuple[tuple[int, int], ...]
    location: Location


@dataclass(frozen=True)
class TranslatedSentence:
    """One sentence of a translation: the article's [start, end) in code points, and its rendering."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Translation:
    """A sentence-aligned translation of the article (this project's, not an official one)."""

    path: Path
    language: str
    translator: str
    note: str
    sentences: tuple[TranslatedSentence, ...]
    headings: dict[str, str]

    def covering(self, start: int, end: int) -> tuple[TranslatedSentence, ...]:
        """The sentences that overlap [start, end), in file order."""
        return tuple(s for s in self.sentences if s.start < end and start < s.end)


@dataclass(frozen=True)
class SourceDocument:
    """The article and its metadata."""

    path: Path
    name: str
    text: str
    title: str
    creator: str
    language: str
    sha256: str
    byte_size: int
    sections: tuple[Section, ...] = ()
    title_en: str | None = None
    creator_en: str | None = None
    translations: tuple[Translation, ...] = ()

    def translation(self, language: str) -> Translation | None:
        """The translation into ``language``, if the project has one."""
        return next((t for t in self.translations if t.language == language), None)

    def section_at(self, offset: int) -> str | None:
        """Id of the section whose own passages contain ``offset``, found by bisection. Spans never overlap (a
        parent's spans exclude its children's), so this is the deepest section there: a lead paragraph, not the
        sub-section around it."""
        starts, spans = self._span_index
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < spans[index][1]:
            return spans[index][2]
        return None

    @cached_property
    def _span_index(self) -> tuple[list[int], list[tuple[int, int, str]]]:
        spans = sorted((start, end, section.id) for section in self.sections for start, end in section.spans)
        return [start for start, _, _ in spans], spans


@dataclass(frozen=True)
class VocabularyTerm:
    """A class or property of the vocabulary, with its labels."""

    name: str
    iri: str
    label_zh: str
    label_en: str
    comment_zh: str
    comment_en: str
    domain: str | None = None
    range: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The classes and properties that curation may use, read from ontology/vocabulary.ttl."""

    path: Path
    classes: dict[str, VocabularyTerm]
    properties: dict[str, VocabularyTerm]
    #: the parsed vocabulary (kg1571.rdf.triples tuples, in file order), copied into every build
    triples: tuple[Triple, ...] = ()
    #: the classes a curated concept may have (the k: classes that are rdfs:subClassOf skos:Concept)
    concept_classes: frozenset[str] = frozenset()

    def value(self, subject: str, predicate: str) -> Object | None:
        """The first object of (subject, predicate) in the vocabulary, or None."""
        return next((o for s, p, o in self.triples if s == subject and p == predicate), None)

    @cached_property
    def section_kinds(self) -> frozenset[str]:
        """IRIs of the vocabulary's k:SectionKind individuals."""
        rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        kind = "https://w3id.org/kg1571/vocab#SectionKind"
        return frozenset(s for s, p, o in self.triples if p == rdf_type and o == kind)


@dataclass(frozen=True)
class Curation:
    """Everything curated, before or after evidence is located."""

    concepts: tuple[Concept, ...]
    relations: tuple[Relation, ...]

    @cached_property
    def by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}


@dataclass(frozen=True)
class Project:
    """A loaded, checked project: vocabulary, source and curation with located evidence."""

    root: Path
    vocabulary: Vocabulary
    source: SourceDocument
    curation: Curation
    base_iri: str
