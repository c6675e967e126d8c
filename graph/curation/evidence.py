"""Locate evidence quotes in the source: offsets in code points, ambiguity and near-miss reporting."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from kg1571.errors import CurationError, Problem
from kg1571.model import Concept, Curation, Quote, Relation, SourceDocument, Span

CONTEXT = 32  # code points of oa:prefix / oa:suffix: enough to re-anchor a quote if offsets drift
_DIRECT_SEARCH_LIMIT = 50_000_000  # text length x quotes below which plain str.find is fastest


class QuoteFinder:
    """Finds every (overlapping) occurrence of many quotes in one text in time linear in text + quotes.

    Small inputs use str.find. Large ones index the positions of the quotes' leading k-grams in one pass
    over the text: k = 8 for quotes of 8 characters or more (long k-grams keep the candidate lists short,
    even when thousands of labels share a prefix such as 第12…), and k = the shortest length for the
    rest, in a second pass only if there are short quotes.
    """

    LONG = 8

    def __init__(self, text: str, quotes: list[str]):
        self.text = text
        self._indexes: dict[int, dict[str, list[int]]] | None = None
        distinct = {q for q in quotes if q}
        if distinct and len(text) * len(distinct) > _DIRECT_SEARCH_LIMIT:
            short = [q for q in distinct if len(q) < self.LONG]
            sizes = {self.LONG} | ({min(len(q) for q in short)} if short else set())
            self._indexes = {}
            for k in sorted(sizes):
                wanted = {q[:k] for q in distinct if self._k(q, sizes) == k}
                index: dict[str, list[int]] = defaultdict(list)
                for i in range(len(text) - k + 1):
                    gram = text[i : i + k]
                    if gram in wanted:
                        index[gram].append(i)
                self._indexes[k] = index
            self._sizes = sizes

    @classmethod
    def _k(cls, quote: str, sizes: set[int]) -> int:
        return cls.LONG if len(quote) >= cls.LONG else min(sizes)

    def occurrences(self, quote: str) -> list[int]:
        """Start offsets of every occurrence of ``quote``, overlapping ones included."""
        if self._indexes is not None:
            k = self._k(quote, self._sizes)
            return [p for p in self._indexes[k].get(quote[:k], ()) if self.text.startswith(quote, p)]
        found, start = [], self.text.find(quote)
        while start >= 0:
            found.append(start)
            start = self.text.find(quote, start + 1)
        return found


def closest_passage(text: str, quote: str) -> str:
    """Describe where the source diverges from a quote that is not in it: the longest matching start."""
    lo, hi = 0, len(quote)
    while lo < hi:  # longest prefix of the quote that occurs in the text
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "no character of the quote's start occurs in the article"
    at = text.find(quote[:lo])
    source_view = text[at : at + len(quote) + 10].replace("\n", "⏎")
    lookalike = _lookalike(quote[lo:], text[at + lo :])
    if lookalike:
        return f"closest passage (offset {at}): {source_view!r}; the quote agrees for {lo} characters, then {lookalike}"
    return (
        f"closest passage (offset {at}): {source_view!r}; the quote agrees for {lo} characters, "
        f"then has {quote[lo : lo + 10]!r} where the article has {text[at + lo : at + lo + 10]!r}"
    )


def _lookalike(quote_rest: str, text_rest: str) -> str:
    """Explain a difference between characters that look the same (a CJK compatibility ideograph, a
    full-width form): "" when the next characters differ visibly."""
    import unicodedata

    if not quote_rest or not text_rest:
        return ""
    a, b = quote_rest[0], text_rest[0]
    if a != b and unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b):
        name = unicodedata.name(a, "?")
        return (
            f"has U+{ord(a):04X} {name} where the article has U+{ord(b):04X} {unicodedata.name(b, '?')}: they look "
            f"alike but are different characters (NFKC maps one to the other); retype {b!r} from the article"
        )
    return ""


def locate_evidence(curation: Curation, source: SourceDocument) -> Curation:
    """Return the curation with every quote's span filled in; raise CurationError listing every bad quote."""
    items: list[Concept | Relation] = [*curation.concepts, *curation.relations]
    finder = QuoteFinder(source.text, [q.text for item in items for q in item.evidence])
    problems: list[Problem] = []

    def locate(quote: Quote, ident: str) -> Quote:
        where: dict[str, Any] = dict(file=quote.location.file, line=quote.location.line, id=ident)
        if not quote.text.strip():
            problems.append(
                Problem(
                    "empty evidence quote", **where, hint="copy a passage of the article, or remove the empty entry"
                )
            )
            return quote
        hits = finder.occurrences(quote.text)
        if not hits:
            problems.append(
                Problem(
                    f"evidence quote not found in the article: {quote.text!r}",
                    **where,
                    hint=closest_passage(source.text, quote.text),
                )
            )
            return quote
        if quote.occurrence is None and len(hits) > 1:
            problems.append(
                Problem(
                    f"evidence quote occurs {len(hits)} times (offsets {', '.join(map(str, hits[:8]))}): "
                    f"{quote.text!r}",
                    **where,
                    hint="lengthen the quote until it is unique, or write {quote: ..., occurrence: N}",
                )
            )
            return quote
        index = (quote.occurrence or 1) - 1
        if index >= len(hits):
            problems.append(
                Problem(
                    f"occurrence {quote.occurrence} asked, but the quote occurs {len(hits)} time(s)",
                    **where,
                    hint=f"use an occurrence from 1 to {len(hits)}",
                )
            )
            return quote
        start = hits[index]
        end = start + len(quote.text)
        crossed = sorted({source.section_at(i) or "" for i in range(start, end) if not source.text[i].isspace()} - {""})
        if len(crossed) > 1:
            problems.append(
                Problem(
                    f"evidence quote spans {len(crossed)} sections of the article ({', '.join(crossed)})",
                    **where,
                    hint="split it into one quote per section",
                )
            )
            return quote
        span = Span(
            start=start,
            end=end,
            exact=quote.text,
            prefix=source.text[max(0, start - CONTEXT) : start],
            suffix=source.text[end : end + CONTEXT],
            section_id=source.section_at(start),  # the deepest section: the quote crosses no other (checked above)
        )
        return replace(quote, span=span)

    concepts = tuple(replace(c, evidence=tuple(locate(q, c.id) for q in c.evidence)) for c in curation.concepts)
    relations = tuple(replace(r, evidence=tuple(locate(q, r.label) for q in r.evidence)) for r in curation.relations)
    if problems:
        raise CurationError(problems)
    return Curation(concepts=concepts, relations=relations)
