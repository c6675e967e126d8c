"""Evidence search: both strategies agree, overlapping hits count, near misses are explained."""

from __future__ import annotations

import random

import pytest

import kg1571.curation.evidence as evidence
from kg1571.curation.evidence import QuoteFinder, closest_passage


@pytest.fixture
def indexed(monkeypatch):
    monkeypatch.setattr(evidence, "_DIRECT_SEARCH_LIMIT", 0)  # force the k-gram index


def test_overlapping_occurrences_are_all_found():
    assert QuoteFinder("啊啊啊", ["啊啊"]).occurrences("啊啊") == [0, 1]


def test_index_strategy_agrees_with_direct_search(indexed):
    rng = random.Random(1571)
    alphabet = "主线屏障基地桥头堡精神，。"
    text = "".join(rng.choice(alphabet) for _ in range(5000))
    quotes = [text[i : i + rng.randint(1, 12)] for i in rng.sample(range(4990), 300)] + ["不在文中的话"]
    indexed_finder = QuoteFinder(text, quotes)
    assert indexed_finder._indexes is not None and sorted(indexed_finder._indexes) == [1, 8]
    for quote in quotes:
        direct, start = [], text.find(quote)
        while start >= 0:
            direct.append(start)
            start = text.find(quote, start + 1)
        assert indexed_finder.occurrences(quote) == direct, quote


def test_real_quotes_have_the_same_offsets_with_the_index(project, monkeypatch):
    from kg1571.curation.evidence import locate_evidence

    monkeypatch.setattr(evidence, "_DIRECT_SEARCH_LIMIT", 0)
    again = locate_evidence(project.curation, project.source)
    assert [q.span for c in again.concepts for q in c.evidence] == [
        q.span for c in project.curation.concepts for q in c.evidence
    ]


def test_closest_passage_names_where_the_quote_diverges():
    text = "以铸牢中华民族共同体意识为主线，以五大战略定位和使命任务为支撑"
    message = closest_passage(text, "以铸牢中华民族共同体意识为核心")
    assert message == (
        "closest passage (offset 0): '以铸牢中华民族共同体意识为主线，以五大战略定位和使'; "
        "the quote agrees for 13 characters, then has '核心' where the article has '主线，以五大战略定位'"
    )
    assert closest_passage(text, "完全无关") == "no character of the quote's start occurs in the article"


@pytest.mark.parametrize(
    "quote, section",
    [
        ("坚持生态优先的政绩导向", "reality-performance-ecology"),  # a lead's heading: the lead
        ("坚守一条主线", "practice-direction-main-line"),
        ("能源基地与农畜产品基地是发展的根基", "reality-methodology-positionings"),  # after the scrape's line break
        ("(二)树立和践行正确政绩观", "reality-performance"),  # a sub-section's opening paragraph
        ("还需要一支符合“四个特别”好干部标准的干部队伍作为支撑", "reality-leadership"),  # its paragraph is no lead
        ("七项重点工作，本质上是将区域发展理论", "practice-local"),
        ("强群众的获得感", "significance-pragmatic-tail"),  # a fragment below a lead: the fragment
        ("深刻把握“1571”工作部署的重要意义", "significance"),
    ],
)
def test_a_quote_gets_the_deepest_section_holding_it(project, quote, section):
    from kg1571.curation.evidence import locate_evidence
    from kg1571.model import Concept, Curation, Location, Quote

    here = Location(project.source.path, 1)
    concept = Concept("probe", "Principle", "探针", "probe", here, evidence=(Quote(quote, here),))
    (located,) = locate_evidence(Curation(concepts=(concept,), relations=()), project.source).concepts
    assert located.evidence[0].span.section_id == section
