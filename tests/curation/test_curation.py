"""The curated content: exact counts, the members of every numbered set of the article, and the evidence rules.

These tests pin the curation to the article. When the curation changes on purpose, update the expected
values here in the same commit (and the guide, docs/curation-guide.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kg1571.pipeline import load_project

ROOT = Path(__file__).resolve().parents[2]

#: How far (code points) around an evidence quote a label may stand and still count as "mentioned".
WINDOW = 40


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def concepts(project):
    return {c.id: c for c in project.curation.concepts}


@pytest.fixture(scope="module")
def relations(project):
    return project.curation.relations


def _objects(relations, subject, predicate):
    return {r.object for r in relations if r.subject == subject and r.predicate == predicate}


def _subjects(relations, predicate, obj):
    return {r.subject for r in relations if r.predicate == predicate and r.object == obj}


def _by_order(concepts, ids):
    """zh labels of ``ids`` sorted by their order; every one must have an order, and orders must be 1..n."""
    items = sorted((concepts[i] for i in ids), key=lambda c: (c.order is None, c.order))
    assert [c.order for c in items] == list(range(1, len(items) + 1)), [(c.id, c.order) for c in items]
    return [c.label_zh for c in items]


# ------------------------------------------------------------------ counts


def test_concept_counts_per_class(concepts):
    assert dict(Counter(c.cls for c in concepts.values())) == {
        "Framework": 1,
        "MainLine": 1,
        "PositioningGroup": 4,
        "StrategicPositioning": 5,
        "KeyTaskGroup": 1,
        "KeyTask": 7,
        "Guarantee": 1,
        "Actor": 5,
        "Meeting": 2,
        "PlanPeriod": 2,
        "GuidingThought": 5,
        "Theory": 5,
        "NumberedFormulation": 10,
        "Characteristic": 4,
        "Significance": 4,
        "PracticeRequirement": 4,
        "ImplementationMeasure": 8,
        "PerformanceOrientation": 3,
        "Spirit": 3,
        "SpiritTrait": 6,
        "Domain": 58,
        "Industry": 14,
        "RegionType": 5,
        "Principle": 56,
        "Problem": 36,
        "Initiative": 22,
        "Goal": 103,
    }
    assert len(concepts) == 375


def test_relation_counts_per_predicate(relations):
    assert dict(Counter(r.predicate for r in relations)) == {
        "hasComponent": 4,
        "guides": 12,
        "supports": 6,
        "isPathwayFor": 1,
        "guarantees": 5,
        "skos:broader": 26,
        "issuedBy": 5,
        "basedOn": 23,
        "implements": 18,
        "during": 2,
        "precedes": 1,
        "contributesTo": 122,
        "hasCharacteristic": 4,
        "opposes": 27,
        "focusesOn": 48,
        "requires": 73,
        "exemplifies": 38,
        "skos:related": 51,
        "addresses": 14,
        "hasTrait": 3,
    }
    assert len(relations) == 483


# ------------------------------------------------------------------ the core: 1 + 5 + 7 + 1


def test_framework(concepts):
    frameworks = [c for c in concepts.values() if c.cls == "Framework"]
    assert [c.id for c in frameworks] == ["framework-1571"]
    assert frameworks[0].label_zh == "自治区党委“1571”工作部署"
    assert "“1571”工作部署" in frameworks[0].alt_zh


def test_four_components_in_order(concepts, relations):
    components = _objects(relations, "framework-1571", "hasComponent")
    ordered = sorted(components, key=lambda i: concepts[i].order)
    assert [(concepts[i].order, concepts[i].cls, concepts[i].label_zh) for i in ordered] == [
        (1, "MainLine", "铸牢中华民族共同体意识"),
        (2, "PositioningGroup", "五大战略定位和使命任务"),
        (3, "KeyTaskGroup", "七项重点工作"),
        (4, "Guarantee", "加强党的全面领导和党的建设"),
    ]


def test_exactly_one_main_line_five_positionings_seven_tasks_one_guarantee(concepts):
    count = Counter(c.cls for c in concepts.values())
    assert (count["MainLine"], count["StrategicPositioning"], count["KeyTask"], count["Guarantee"]) == (1, 5, 7, 1)


def test_guarantee_alternative_wordings(concepts):
    guarantee = concepts["party-leadership-and-party-building"]
    assert set(guarantee.alt_zh) == {"加强党的全面领导党的建设", "党的全面领导"}


def test_roles_of_the_components(relations):
    """以……为主线，以……为支撑，以……为路径，以……为保障."""
    roles = {(r.subject, r.predicate) for r in relations if r.object == "framework-1571"}
    assert {
        ("main-line", "guides"),
        ("five-strategic-positionings", "supports"),
        ("seven-key-tasks", "isPathwayFor"),
        ("party-leadership-and-party-building", "guarantees"),
    } <= roles


def test_five_strategic_positionings(concepts, relations):
    """The five are reached through their three groups (两个屏障 / 两个基地 / 一个桥头堡), not directly (decision 41)."""
    members = _subjects(relations, "skos:broader", "five-strategic-positionings")
    assert {concepts[i].cls for i in members} == {"PositioningGroup"}
    positionings = {p for g in members for p in _subjects(relations, "skos:broader", g)}
    assert _by_order(concepts, positionings) == [
        "我国北方重要生态安全屏障",
        "祖国北疆安全稳定屏障",
        "国家重要能源和战略资源基地",
        "国家重要农畜产品生产基地",
        "我国向北开放重要桥头堡",
    ]
    assert positionings == {c.id for c in concepts.values() if c.cls == "StrategicPositioning"}


def test_positioning_groups(concepts, relations):
    groups = {
        i
        for i in _subjects(relations, "skos:broader", "five-strategic-positionings")
        if concepts[i].cls == "PositioningGroup"
    }
    assert _by_order(concepts, groups) == ["两个屏障", "两个基地", "一个桥头堡"]
    members = {
        concepts[g].label_zh: {concepts[m].label_zh for m in _subjects(relations, "skos:broader", g)} for g in groups
    }
    assert members == {
        "两个屏障": {"我国北方重要生态安全屏障", "祖国北疆安全稳定屏障"},
        "两个基地": {"国家重要能源和战略资源基地", "国家重要农畜产品生产基地"},
        "一个桥头堡": {"我国向北开放重要桥头堡"},
    }


def test_seven_key_tasks(concepts, relations):
    """The seven are what the text calls the seven: tasks 1, 4 and 7 by the fuller wording the text states as the task,
    tasks 2, 3, 5 and 6 by their item of the short list, the only name the text gives them (decision 45)."""
    tasks = _subjects(relations, "skos:broader", "seven-key-tasks")
    assert _by_order(concepts, tasks) == [
        "建设体现内蒙古特色优势的现代化产业体系",
        "科技创新",
        "市场对接",
        "深化高水平社会主义市场经济体制",
        "区域布局",
        "文化发展",
        "加大保障和改善民生力度",
    ]
    assert {concepts[i].cls for i in tasks} == {"KeyTask"}
    assert {c.id for c in concepts.values() if c.cls == "KeyTask"} == tasks
    assert {i for i in tasks if i.startswith("key-task-")} == {
        "key-task-sci-tech-innovation",
        "key-task-market-alignment",
        "key-task-regional-layout",
        "key-task-cultural-development",
    }
    # the short list the text gives (“7”所指的七项重点工作聚焦……), one item per task, in the same order
    areas = ["产业体系", "科技创新", "市场对接", "体制机制", "区域布局", "文化发展", "民生保障"]
    ordered = sorted(tasks, key=lambda i: concepts[i].order)
    assert all(area in (concepts[i].label_zh, *concepts[i].alt_zh) for area, i in zip(areas, ordered, strict=True))
    assert "建设特色优势现代化产业体系" in concepts["modern-industrial-system"].alt_zh
    # the four wordings that were tasks 2, 3, 5 and 6 until 0.3.0 keep their ids and are what the text makes them:
    # the examples of 全局性谋划 / 重点领域攻坚; the livelihood measure 繁荣发展社会文化 is removed in round WC (decision 48)
    former = ["sci-tech-self-reliance", "unified-national-market", "optimizing-regional-layout"]
    assert "thriving-social-culture" not in concepts
    # round K2 (decision 57): the examples are measures (举措), not aims, so Initiative (工程与举措)
    assert {concepts[i].cls for i in former} == {"Initiative"}
    assert all(concepts[i].order is None and not concepts[i].alt_zh for i in former)
    # 文化发展 (the task) and 文化建设 (the field the main line runs through) stay apart
    assert concepts["cultural-development-field"].label_zh == "文化建设"
    assert concepts["key-task-cultural-development"].label_en == "Cultural development"


def test_purposes_of_the_five_positionings(relations):
    """Each positioning's sentence states what it is for (让……、确保……、实现……、在服务……中拓展……); the limb
    “打造具有核心竞争力的产业集群” stands between semicolons and is the plan's, not the energy base's (decision 43)."""
    ids = [
        "northern-ecological-security-barrier",
        "northern-frontier-security-barrier",
        "national-energy-and-strategic-resources-base",
        "national-agricultural-and-livestock-products-base",
        "northward-opening-bridgehead",
    ]
    assert {i: _objects(relations, i, "contributesTo") for i in ids} == {
        "northern-ecological-security-barrier": {"lucid-waters-lush-mountains"},
        "northern-frontier-security-barrier": {"stable-frontier-safe-society"},
        "national-energy-and-strategic-resources-base": set(),
        "national-agricultural-and-livestock-products-base": {"strong-agricultural-and-pastoral-region"},
        "northward-opening-bridgehead": {"national-opening-up-strategy", "room-for-development"},
    }
    assert "competitive-industrial-clusters" in _objects(relations, "framework-1571", "requires")  # round RC: a 要 item


def test_roles_for_development(relations):
    """生态安全是发展的底线，能源基地与农畜产品基地是发展的根基，向北开放是发展的动能，民族团结是发展的保障;
    不达目的誓不休的奋斗精神，是推动发展的关键动能; 政绩观……直接决定发展的方向与成效."""
    assert {(r.subject, r.predicate, r.object) for r in relations if "development" in (r.subject, r.object)} == {
        ("development", "requires", "ecological-security"),
        ("never-giving-up", "contributesTo", "development"),
        ("national-energy-and-strategic-resources-base", "supports", "development"),
        ("national-agricultural-and-livestock-products-base", "supports", "development"),
        ("opening-to-the-north", "contributesTo", "development"),
        ("ethnic-unity", "guarantees", "development"),
        ("view-of-performance", "guides", "development"),
        # round R (decision 51): the one sentence whose grammatical subject is 发展 (发展必须立足实际、尊重规律)
        ("development", "requires", "proceeding-from-reality"),
        ("development", "requires", "respect-for-objective-laws"),
        # round R3 (decision 54): 发展的最终目的是让各族群众共享发展成果 (no verb of the table: skos:related, T9)
        ("development", "skos:related", "shared-development-gains"),
    }


def test_fields_the_plan_and_party_leadership_cover(concepts, relations):
    """涵盖生态保护、产业转型、对外开放等多个领域; 将党的领导贯穿于民族工作、生态保护、产业发展等各领域."""
    assert {"ecological-protection", "industrial-transformation", "opening-up"} <= _objects(
        relations, "framework-1571", "focusesOn"
    )
    fields = {
        concepts[o].label_zh
        for o in _objects(relations, "grassroots-organizational-system", "focusesOn")
        if concepts[o].cls == "Domain"
    }
    assert fields == {"民族工作", "生态保护", "产业发展"}


# ------------------------------------------------------------------ spirits


def test_spirits_and_traits(concepts, relations):
    assert {c.label_zh for c in concepts.values() if c.cls == "Spirit"} == {"蒙古马精神", "三北精神", "守望相助理念"}
    traits = _objects(relations, "mongolian-horse-spirit", "hasTrait")
    assert _by_order(concepts, traits) == ["吃苦耐劳", "一往无前", "不达目的誓不休"]
    assert {r.subject for r in relations if r.predicate == "hasTrait"} == {"mongolian-horse-spirit"}


# ------------------------------------------------------------------ the three headings of the article


def test_four_characteristics(concepts, relations):
    characteristics = _objects(relations, "framework-1571", "hasCharacteristic")
    assert _by_order(concepts, characteristics) == ["政治性", "奋斗的接续性", "布局的系统性", "发展的务实性"]


def test_practice_requirements(concepts, relations):
    top = {i for i in _objects(relations, "framework-1571", "requires") if concepts[i].cls == "PracticeRequirement"}
    assert _by_order(concepts, top) == [
        "锚定贯彻落实“1571”工作部署的根本方向",
        "因地制宜推动“1571”工作部署落地见效",
        "赋予所有改革发展以“三个意义”",
    ]
    narrower = _subjects(relations, "skos:broader", "adapt-locally-for-results")
    assert {concepts[i].label_zh for i in narrower} == {"科学分解任务，明确主攻方向"}


def test_implementation_measures(concepts, relations):
    top = {
        i for i in _subjects(relations, "implements", "framework-1571") if concepts[i].cls == "ImplementationMeasure"
    }
    assert _by_order(concepts, top) == [
        "坚持锻造坚强的领导核心",
        "树立和践行正确政绩观",
        "坚持重点突破带动全局发展的方法论",
        "大力弘扬蒙古马精神",
    ]
    narrower = {
        concepts[m].label_zh: {concepts[i].label_zh for i in _subjects(relations, "skos:broader", m)} for m in top
    }
    assert narrower == {
        "坚持锻造坚强的领导核心": {"强化政治引领，筑牢思想根基", "健全覆盖城乡、延伸边疆的组织体系"},
        "树立和践行正确政绩观": set(),
        # round R5 (decision 58): the first sub-point is a concept like the third; the second, 抓实七项重点工作, is the
        # seven key tasks themselves
        "坚持重点突破带动全局发展的方法论": {"聚焦五大战略定位和使命任务", "强化部门协同联动"},
        # round WC (decision 48): 同时，还要大力弘扬“三北精神”，践行守望相助理念 is a parallel call, skos:related
        "大力弘扬蒙古马精神": set(),
    }


def test_three_significances(concepts, relations):
    assert concepts["three-significances"].cls == "NumberedFormulation"
    # round WC (decision 48): what 落实“1571”工作部署，……必须赋予…… requires is the requirement (三); the set it gives
    # (赋予) is only associated with it
    assert _subjects(relations, "requires", "three-significances") == set()
    assert _subjects(relations, "requires", "three-significances-requirement") == {"framework-1571"}
    assert _subjects(relations, "skos:related", "three-significances") == {"three-significances-requirement"}
    # round R (decision 53): the three significances are members of the set 三个意义 that the requirement gives, not
    # parts or kinds of the requirement (readers of rounds WC2 and R)
    assert _subjects(relations, "skos:broader", "three-significances-requirement") == set()
    members = _subjects(relations, "skos:broader", "three-significances")
    assert _by_order(concepts, members) == [
        "彰显中华民族共同体意识的意义",
        "维护统一、反对分裂的意义",
        "改善民生、凝聚人心的意义",
    ]


def test_performance_orientations(concepts, relations):
    orientations = _objects(relations, "correct-view-of-performance", "requires") & {
        c.id for c in concepts.values() if c.cls == "PerformanceOrientation"
    }
    assert _by_order(concepts, orientations) == ["生态优先的政绩导向", "民生为本的政绩导向", "实事求是的政绩导向"]


def test_region_types_and_their_focus(concepts, relations):
    # round F (decision 43): no verb links the requirement to the areas, only the associative skos:related
    regions = _objects(relations, "scientific-task-breakdown", "skos:related")
    assert {concepts[i].label_zh for i in regions} == {"资源富集地区", "生态脆弱地区", "边境地区", "农畜产品主产区"}
    assert not _objects(relations, "scientific-task-breakdown", "focusesOn")

    def focus(region_id):
        return {
            concepts[o].label_zh
            for r in relations
            if r.subject == region_id and r.predicate in {"focusesOn", "requires", "contributesTo"}
            for o in [r.object]
        }

    assert focus("resource-rich-areas") == {"产业升级", "资源转化", "传统产业向高端价值链延伸"}
    assert focus("ecologically-fragile-areas") == {"生态底线", "生态产业", "生态效益与经济效益双赢"}
    assert focus("border-areas") == {
        "统筹发展和安全",
        "祖国北疆安全稳定屏障",
        "开放型经济",
    }  # 依托口岸优势: skos:related (decision 56)
    assert focus("main-agricultural-and-livestock-producing-areas") == {"品牌打造", "精深加工", "农牧业现代化"}


def test_numbered_formulations(concepts):
    assert {c.label_zh for c in concepts.values() if c.cls == "NumberedFormulation"} == {
        "两个稳居",
        "两个继续走在前列",
        "两个确立",
        "两个维护",
        "三个离不开",
        "四个与共",
        "五个认同",
        "“三拍”现象",
        "四个特别",
        "三个意义",
    }
    # 十大民生工程 is a programme the plan calls for (实施), so an Initiative, not a formulation
    assert concepts["ten-livelihood-projects"].cls == "Initiative"


def test_context(concepts, relations):
    assert _objects(relations, "framework-1571", "issuedBy") == {"autonomous-region-party-committee"}
    assert _objects(relations, "framework-1571", "implements") == {
        "fourth-plenary-session-20th-cpc",
        "five-strategic-positionings",
        "xi-instructions-on-inner-mongolia",
        # round R6 (decision 59): 以贯彻落实习近平新时代中国特色社会主义思想和……指示精神为总纲 implements both objects
        "xi-jinping-thought",
        "full-and-rigorous-party-self-governance",
    }
    # round R (decisions 51, 56): 捍卫“两个确立” and 做到“两个维护” are verbs of no row of the table, so skos:related
    assert ("framework-1571", "skos:related", "two-upholds") in {(r.subject, r.predicate, r.object) for r in relations}
    assert ("framework-1571", "skos:related", "two-establishments") in {
        (r.subject, r.predicate, r.object) for r in relations
    }
    # the committee, the subject of 深入贯彻落实……自治区第十二次党代会精神, implements the meetings (decision 41)
    assert _objects(relations, "autonomous-region-party-committee", "implements") == {
        "fourth-plenary-session-20th-cpc",
        "twelfth-regional-party-congress",
    }
    assert _objects(relations, "framework-1571", "during") == {"fifteenth-five-year-plan-period"}
    assert _objects(relations, "fourteenth-five-year-plan-period", "precedes") == {"fifteenth-five-year-plan-period"}
    assert {concepts[i].label_zh for i in _objects(relations, "seven-key-tasks", "implements")} == {
        "区域发展理论",
        "生态治理理论",
        "共同富裕理论",
        "边疆治理理论",
        "战略目标",  # round R (decision 51): 是将战略目标转化为实践成果的重要载体
    }
    assert (
        concepts["fourth-plenary-session-20th-cpc"].label_en
        == "Fourth Plenary Session of the 20th CPC Central Committee"
    )
    assert concepts["fifteenth-five-year-plan-period"].label_en == "15th Five-Year Plan period"


def test_practice_dimension_of_the_systematic_layout(concepts, relations):
    """从实践维度来看: 既注重全局性谋划，如……；又聚焦重点领域攻坚，如……；同时兼顾城乡统筹、生态与发展协同，如…….

    Each 如 example exemplifies the limb it illustrates, not the characteristic two levels up.
    """
    limbs = {"overall-planning", "tackling-key-fields", "urban-rural-coordination", "ecology-development-coordination"}
    assert limbs <= _objects(relations, "framework-1571", "focusesOn")
    examples = {
        lab: {concepts[r.subject].label_zh for r in relations if r.predicate == "exemplifies" and r.object == lab}
        for lab in limbs
    }
    assert examples == {
        "overall-planning": {"优化区域布局", "深度对接全国统一大市场"},
        "tackling-key-fields": {"加快高水平科技自立自强", "重大科技项目"},
        "urban-rural-coordination": {"美丽中国先行区", "“三北”工程高质量年行动"},
        "ecology-development-coordination": {"美丽中国先行区", "“三北”工程高质量年行动"},
    }
    assert _subjects(relations, "exemplifies", "systematic-layout") == set()
    # 接续性: the 如 examples illustrate the sentence before them, 在继承中突破创新, not the characteristic
    assert _subjects(relations, "exemplifies", "continuity") == set()
    # round R (decisions 50, 53): the example's measure, not the locatives 在开放发展上 / 在产业发展上
    assert _subjects(relations, "exemplifies", "inheritance-with-innovation") == {"pilot-free-trade-zone"}


def test_round_a_means_and_named_subjects(relations):
    """Round A of the second readers: the means a sentence names is the subject of its result (通过 / 以……),
    the subject a sentence names is used (落实“1571”工作部署，要……), and the general 政绩观 is not the measure."""
    triples = {(r.subject, r.predicate, r.object) for r in relations}
    assert {
        ("framework-1571", "requires", "clean-political-ecology"),
        ("clean-political-ecology", "contributesTo", "good-development-environment"),
        ("framework-1571", "requires", "regional-coordinated-development"),
        ("significance-livelihood-and-cohesion", "requires", "livelihood-improvement"),
        ("livelihood-improvement", "contributesTo", "unity-of-purpose"),
        ("scientific-planning", "contributesTo", "quality-and-quantity-growth"),
        ("targeted-measures", "contributesTo", "quality-and-quantity-growth"),
        ("key-breakthrough-methodology", "opposes", "single-field-advance"),
        ("framework-1571", "requires", "national-interests-first"),
        ("framework-1571", "contributesTo", "cultural-life"),
        ("framework-1571", "exemplifies", "respect-for-objective-laws"),
        ("framework-1571", "basedOn", "correct-performance-view-orientation"),
        ("view-of-performance", "exemplifies", "view-of-development"),
        ("main-line", "guides", "work-in-ethnic-minority-areas"),
    } <= triples
    replaced = {
        ("party-leadership-and-party-building", "contributesTo", "good-development-environment"),
        ("significance-community-consciousness", "contributesTo", "regional-coordinated-development"),
        ("five-strategic-positionings", "opposes", "single-field-advance"),
        ("correct-view-of-performance", "contributesTo", "overall-national-strategy"),
        ("main-line", "guides", "ethnic-minority-areas"),
    }
    assert replaced.isdisjoint(triples)
    assert not any("lead-and-set-example" in t or "grassroots-governance-burden" in t for t in triples)


def test_round_b_resolutions(concepts, relations):
    """Round B of the second readers (decision 40): the requirer a sentence names (正确的政绩观要求……), 要 → requires,
    the means as subject of every result, 转化 → implements, and no relation read off a label or a locative."""
    triples = {(r.subject, r.predicate, r.object) for r in relations}
    assert {
        ("correct-view-of-performance", "requires", "scientific-planning"),
        ("correct-view-of-performance", "requires", "targeted-measures"),
        ("frontier-ethnic-areas-modernization", "requires", "high-quality-development"),
        ("livelihood-improvement", "contributesTo", "popular-support"),
        ("strengthen-political-guidance", "implements", "party-innovative-theory"),
        ("five-strategic-positionings", "supports", "framework-1571"),
        ("framework-1571", "implements", "five-strategic-positionings"),
        ("five-strategic-positionings", "contributesTo", "overall-national-strategy"),
        ("framework-1571", "contributesTo", "sense-of-gain-happiness-and-security"),
    } <= triples
    gone = {
        ("framework-1571", "basedOn", "five-strategic-positionings"),
        ("framework-1571", "exemplifies", "inheritance-with-innovation"),
        # ("framework-1571", "contributesTo", "overall-national-strategy") was removed here (融入); round R (decision 51)
        # curates it again from 要求各级干部……服务国家战略大局 (服务, the plan the subject of 要求, decision 42)
        ("significance-livelihood-and-cohesion", "contributesTo", "popular-support"),
        ("seeking-truth-from-facts-orientation", "requires", "scientific-planning"),
        ("seeking-truth-from-facts-orientation", "requires", "targeted-measures"),
        ("frontier-ethnic-areas-modernization", "basedOn", "high-quality-development"),
        ("party-innovative-theory", "guides", "framework-1571"),
        ("enduring-hardship", "focusesOn", "industrial-development"),
    }
    assert gone.isdisjoint(triples)
    for cid in ("ethnic-minority-areas", "frontier-ethnic-minority-areas", "one-heart-hand-in-hand"):
        assert cid not in concepts
    assert "正确的政绩观" in concepts["correct-view-of-performance"].alt_zh


def test_round_f_named_subjects(concepts, relations):
    """Round F (decision 41): the subject the sentence writes, not the heading's characteristic or the component named
    as its object; only the listed verbs; no skip-level grouping."""
    triples = {(r.subject, r.predicate, r.object) for r in relations}
    assert {
        ("framework-1571", "opposes", "three-pats"),
        ("framework-1571", "opposes", "corruption-in-concentrated-fields"),
        ("framework-1571", "focusesOn", "joint-handling-of-misconduct-and-corruption"),  # 加强 X (decision 56)
        ("framework-1571", "basedOn", "goal-orientation"),
        ("framework-1571", "basedOn", "central-committee-decisions"),
        ("framework-1571", "focusesOn", "bottlenecks-and-difficulties"),
        ("framework-1571", "focusesOn", "pressing-concerns"),
        ("framework-1571", "contributesTo", "four-part-work-system"),
        ("framework-1571", "contributesTo", "ecological-economic-and-social-benefits"),
        ("seven-key-tasks", "opposes", "institutional-barriers"),  # the 良方 list (subject table T10; decision 57)
    } <= triples
    gone = {
        ("political-nature", "requires", "two-establishments"),
        ("party-leadership-and-party-building", "hasCharacteristic", "political-nature"),
        ("systematic-layout", "basedOn", "systems-thinking"),
        ("pragmatism", "basedOn", "problem-orientation"),
        ("pragmatism", "addresses", "bottlenecks-and-difficulties"),
        ("four-part-work-system", "hasCharacteristic", "systematic-layout"),
        ("main-line", "basedOn", "main-line-thesis"),
        ("main-line", "basedOn", "central-committee-decisions"),
        ("framework-1571", "implements", "twelfth-regional-party-congress"),
        ("framework-1571", "contributesTo", "chinese-modernization"),
        ("framework-1571", "focusesOn", "traditional-industries"),
        ("major-sci-tech-projects", "contributesTo", "sci-tech-self-reliance"),
        ("ten-livelihood-projects", "contributesTo", "improving-peoples-wellbeing"),
    }
    assert gone.isdisjoint(triples)
    # characteristics are only the plan's
    assert {r.subject for r in relations if r.predicate == "hasCharacteristic"} == {"framework-1571"}
    # coal is curated since round R5 (decision 58): 煤炭等传统资源, X 等 Y (coal exemplifies traditional-resources)
    for cid in ("never-at-ease", "everything-in-place", "hard-and-solid-work", "wind-power", "photovoltaics"):
        assert cid not in concepts


def test_round_w_core_context_characteristics(relations):
    """Round W on 00-core, 05-context and 10-characteristics (decision 45): the 良方 measure that names 科技创新 is that
    task's content; a clause series that opens with a concept's own wording is that concept's; the means of 以 Y is
    the subject of every result; no relation from a label, a locative or a verb the table does not list."""
    triples = {(r.subject, r.predicate, r.object) for r in relations}
    # round WC (decision 48) revises round W: the 良方 measure that names no task is the seven tasks' (the subject the
    # sentence writes); 围绕……实施重大科技项目 scopes the projects; parallel clauses with no written subject are the
    # paragraph's or not curated, never the first clause's
    assert {
        ("seven-key-tasks", "focusesOn", "emerging-industries"),
        ("seven-key-tasks", "skos:related", "pioneering-projects"),
        ("seven-key-tasks", "contributesTo", "sci-tech-industrial-innovation-integration"),
        ("seven-key-tasks", "contributesTo", "transformation-momentum"),
        ("major-sci-tech-projects", "focusesOn", "new-energy"),
        ("major-sci-tech-projects", "focusesOn", "modern-coal-chemical-industry"),
        ("major-sci-tech-projects", "focusesOn", "rare-earth-new-materials"),
        ("seven-key-tasks", "addresses", "weak-innovation-capacity"),
        ("framework-1571", "contributesTo", "cultural-power"),
        ("framework-1571", "contributesTo", "cultural-life"),
        ("framework-1571", "skos:related", "two-establishments"),  # round R (decision 51): 捍卫 is no verb of the table
        ("framework-1571", "skos:related", "two-upholds"),  # 做到 maps to no row (decision 56)
        ("framework-1571", "requires", "cadre-team"),
        ("cadre-team", "skos:related", "four-specials"),
        ("three-north-spirit", "skos:related", "promote-mongolian-horse-spirit"),
        ("mutual-watch-and-help", "skos:related", "promote-mongolian-horse-spirit"),
        ("framework-1571", "contributesTo", "central-orders-take-root"),
        ("framework-1571", "requires", "clean-political-ecology"),
        ("framework-1571", "requires", "ten-livelihood-projects"),
    } <= triples
    gone = {
        ("key-task-sci-tech-innovation", "focusesOn", "emerging-industries"),
        ("key-task-sci-tech-innovation", "skos:related", "pioneering-projects"),
        ("key-task-sci-tech-innovation", "contributesTo", "sci-tech-industrial-innovation-integration"),
        ("key-task-sci-tech-innovation", "contributesTo", "transformation-momentum"),
        ("sci-tech-self-reliance", "focusesOn", "new-energy"),
        ("sci-tech-self-reliance", "focusesOn", "modern-coal-chemical-industry"),
        ("sci-tech-self-reliance", "focusesOn", "rare-earth-new-materials"),
        ("sci-tech-self-reliance", "addresses", "weak-innovation-capacity"),
        ("framework-1571", "requires", "three-significances"),
        ("three-significances", "skos:broader", "three-significances-requirement"),
        ("framework-1571", "requires", "four-specials"),
        ("three-north-spirit", "skos:broader", "promote-mongolian-horse-spirit"),
        ("mutual-watch-and-help", "skos:broader", "promote-mongolian-horse-spirit"),
        ("seven-key-tasks", "requires", "pioneering-projects"),
        ("framework-1571", "focusesOn", "new-energy"),
        ("framework-1571", "focusesOn", "modern-coal-chemical-industry"),
        ("framework-1571", "focusesOn", "rare-earth-new-materials"),
        ("framework-1571", "requires", "two-establishments"),
        ("framework-1571", "requires", "two-upholds"),
        ("improving-peoples-wellbeing", "requires", "ten-livelihood-projects"),
        ("pilot-free-trade-zone", "contributesTo", "open-development"),
        ("xi-instructions-on-inner-mongolia", "issuedBy", "xi-jinping"),
    }
    assert gone.isdisjoint(triples)
    for former in ("sci-tech-self-reliance", "unified-national-market", "optimizing-regional-layout"):
        assert (former, "skos:broader", "seven-key-tasks") not in triples


# ------------------------------------------------------------------ orders


def test_orders_are_unique_among_siblings(concepts, relations):
    """Every concept with an order sits in one of the sets above, whose orders run 1..n."""
    parents = defaultdict(set)
    for r in relations:
        if (
            r.predicate in {"hasComponent", "hasTrait", "skos:broader"}
            or (r.subject == "framework-1571" and r.predicate == "hasCharacteristic")
            or (r.subject in {"framework-1571", "correct-view-of-performance"} and r.predicate == "requires")
            or (r.object == "framework-1571" and r.predicate == "implements")
        ):
            child = r.subject if r.predicate in {"skos:broader", "implements"} else r.object
            parent = r.object if r.predicate in {"skos:broader", "implements"} else r.subject
            if concepts[child].order is not None:
                parents[(parent, concepts[child].cls if r.predicate != "hasComponent" else "component")].add(child)
    placed = set().union(*parents.values())
    assert placed == {c.id for c in concepts.values() if c.order is not None}
    for key, children in parents.items():
        if key[1] == "StrategicPositioning" and key[0] != "five-strategic-positionings":
            continue  # a positioning's order is its place among the five, not inside its group
        assert sorted(concepts[c].order for c in children) == list(range(1, len(children) + 1)), key


# ------------------------------------------------------------------ evidence and labels


def test_every_label_occurs_verbatim(project, concepts):
    text = project.source.text
    missing = [(c.id, label) for c in concepts.values() for label in (c.label_zh, *c.alt_zh) if label not in text]
    assert missing == []


def test_every_concept_is_bilingual_and_defined(concepts):
    incomplete = [
        c.id
        for c in concepts.values()
        if not (c.label_zh and c.label_en and c.definition_zh and c.definition_en and c.evidence)
    ]
    assert incomplete == []


def test_labels_are_unique(concepts):
    zh = Counter(c.label_zh for c in concepts.values())
    en = Counter(c.label_en.lower() for c in concepts.values())
    assert [k for k, n in zh.items() if n > 1] == []
    assert [k for k, n in en.items() if n > 1] == []


def test_every_span_slices_to_its_quote(project):
    """The located offsets are right: the article sliced at each span is the quote (code points, not bytes)."""
    text = project.source.text
    items = [*project.curation.concepts, *project.curation.relations]
    wrong = [
        (q.text, q.span.start) for item in items for q in item.evidence if text[q.span.start : q.span.end] != q.text
    ]
    assert wrong == []
    assert sum(len(item.evidence) for item in items) == 1126


def test_relation_evidence_mentions_both_ends(project, concepts, relations):
    """A label (zh or alt_zh) of each end stands in or within WINDOW code points of an evidence quote."""
    text = project.source.text

    def mentioned(concept_id, relation):
        labels = (concepts[concept_id].label_zh, *concepts[concept_id].alt_zh)
        windows = [text[max(0, q.span.start - WINDOW) : q.span.end + WINDOW] for q in relation.evidence]
        return any(label in window for label in labels for window in windows)

    unexplained = [r.key for r in relations if not (mentioned(r.subject, r) and mentioned(r.object, r)) and not r.note]
    assert unexplained == []


# ------------------------------------------------------------------ the article's structure


#: The third level (decision 47): every lead-sentence paragraph of the sub-sections, in logical order, as
#: (id, parent sub-section, heading = the lead sentence as written, without its closing 。).
LEADS = [
    (
        "significance-political-instructions",
        "significance-political",
        "“1571”工作部署的政治性，还体现在对习近平总书记殷殷嘱托的深化落实上",
    ),
    (
        "significance-political-party-building",
        "significance-political",
        "“1571”工作部署的政治性，更体现在以党建引领发展全局的根本保障上",
    ),
    (
        "significance-continuity-foundation",
        "significance-continuity",
        "从发展基础来看，“1571”工作部署接续了内蒙古肩负党和国家重任和时代使命的奋斗脉络",
    ),
    (
        "significance-continuity-times",
        "significance-continuity",
        "从时代要求来看，“1571”工作部署回应了新阶段的发展要求",
    ),
    ("significance-systematic-logic", "significance-systematic", "从发展逻辑来看，“1+5+7+1”的发展框架构成了有机整体"),
    (
        "significance-systematic-practice",
        "significance-systematic",
        "从实践维度来看，“1571”工作部署实现了重点突破与全域提升的有机结合",
    ),
    (
        "significance-pragmatic-imbalance",
        "significance-pragmatic",
        "在破解发展不平衡不充分问题上，“1571”工作部署靶向发力、精准施策",
    ),
    (
        "significance-pragmatic-wellbeing",
        "significance-pragmatic",
        "在回应群众关切、增进民生福祉上，“1571”工作部署用心用情、落地见效",
    ),
    (
        "practice-direction-main-line",
        "practice-direction",
        "坚守一条主线，这是关乎内蒙古长治久安的根本前提，是必须牢牢坚守的“纲”",
    ),
    (
        "practice-direction-positionings",
        "practice-direction",
        "深化落实习近平总书记和党中央赋予内蒙古建设“两个屏障”、“两个基地”、“一个桥头堡”的五大战略定位和使命任务，"
        "是内蒙古在全国发展大局中的独特价值所在",
    ),
    ("practice-local-tasks", "practice-local", "要科学分解任务，明确主攻方向"),
    (
        "practice-significances-community",
        "practice-significances",
        "赋予所有改革发展以彰显中华民族共同体意识的意义，夯实团结奋斗之魂",
    ),
    (
        "practice-significances-unity",
        "practice-significances",
        "赋予所有改革发展以维护统一、反对分裂的意义，筑牢边疆稳固之基",
    ),
    (
        "practice-significances-wellbeing",
        "practice-significances",
        "赋予所有改革发展以改善民生、凝聚人心的意义，厚植执政根基之本",
    ),
    ("reality-leadership-political", "reality-leadership", "强化政治引领，筑牢思想根基"),
    (
        "reality-leadership-organisation",
        "reality-leadership",
        "健全覆盖城乡、延伸边疆的组织体系，确保“1571”工作部署落地生根",
    ),
    ("reality-performance-ecology", "reality-performance", "坚持生态优先的政绩导向"),
    ("reality-performance-wellbeing", "reality-performance", "坚持民生为本的政绩导向"),
    ("reality-performance-truth", "reality-performance", "坚持实事求是的政绩导向"),
    ("reality-methodology-positionings", "reality-methodology", "聚焦五大战略定位和使命任务，体现了重点与全局的统一"),
    ("reality-methodology-tasks", "reality-methodology", "抓实七项重点工作，彰显了路径与目标的统一"),
    ("reality-methodology-coordination", "reality-methodology", "强化部门协同联动，凸显了协同与整体的统一"),
    ("reality-spirit-endurance", "reality-spirit", "吃苦耐劳的品格，是破解难题的精神基石"),
    ("reality-spirit-courage", "reality-spirit", "一往无前的勇气，是推动创新的精神动力"),
    ("reality-spirit-perseverance", "reality-spirit", "不达目的誓不休的奋斗精神，是推动发展的关键动能"),
    (
        "reality-spirit-three-north",
        "reality-spirit",
        "同时，还要大力弘扬“三北精神”，践行守望相助理念，这同样是凝聚团结奋进合力的精神纽带",
    ),
]


def _leads_of(parent):
    return [(sid, "lead", p) for sid, p, _ in LEADS if p == parent]


def test_sections_in_logical_order(project):
    assert [(s.id, s.kind, s.parent) for s in project.source.sections] == [
        ("title", "title", None),
        ("byline", "byline", None),
        ("key-points", "key-points", None),
        ("introduction", "introduction", None),
        ("significance", "heading", None),
        ("significance-political", "subsection", "significance"),
        *_leads_of("significance-political"),
        ("significance-continuity", "subsection", "significance"),
        *_leads_of("significance-continuity"),
        ("significance-systematic", "subsection", "significance"),
        *_leads_of("significance-systematic"),
        ("significance-pragmatic", "subsection", "significance"),
        *_leads_of("significance-pragmatic"),
        ("significance-pragmatic-tail", "fragment", "significance-pragmatic-wellbeing"),
        ("practice", "heading", None),
        ("practice-direction", "subsection", "practice"),
        *_leads_of("practice-direction"),
        ("practice-local", "subsection", "practice"),
        *_leads_of("practice-local"),
        ("practice-local-tail", "fragment", "practice-local-tasks"),
        ("practice-significances", "subsection", "practice"),
        *_leads_of("practice-significances"),
        ("reality", "heading", None),
        ("reality-leadership", "subsection", "reality"),
        *_leads_of("reality-leadership"),
        ("reality-performance", "subsection", "reality"),
        *_leads_of("reality-performance"),
        ("reality-methodology", "subsection", "reality"),
        *_leads_of("reality-methodology"),
        ("reality-spirit", "subsection", "reality"),
        *_leads_of("reality-spirit"),
        ("conclusion", "conclusion", None),
    ]
    assert len(project.source.sections) == 47


def test_the_lead_paragraphs_are_exactly_these(project):
    """26 lead sections, each a whole paragraph that opens with its heading, numbered in reading order."""
    text = project.source.text
    leads = [s for s in project.source.sections if s.kind == "lead"]
    assert [(s.id, s.parent, s.heading) for s in leads] == LEADS
    for section in leads:
        start, end = section.spans[0]
        assert text.startswith(f"{section.heading}。", start), section.id
        assert text[start - 1] == "\n" and text[end : end + 1] == "\n", f"{section.id} is not a whole paragraph"
    orders = defaultdict(list)
    for section in leads:
        orders[section.parent].append(section.order)
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in orders.values())
    assert Counter(s.parent for s in leads) == {
        "significance-political": 2,
        "significance-continuity": 2,
        "significance-systematic": 2,
        "significance-pragmatic": 2,
        "practice-direction": 2,
        "practice-local": 1,
        "practice-significances": 3,
        "reality-leadership": 2,
        "reality-performance": 3,
        "reality-methodology": 3,
        "reality-spirit": 4,
    }


def test_a_sub_section_keeps_only_its_own_paragraphs(project):
    """After the third level a sub-section's own text is its opening paragraph, plus the two paragraphs whose
    first sentence is no lead (decision 47): 七项重点工作，本质上是… and the cadre paragraph 贯彻落实系统性强…"""
    text = project.source.text
    own = {
        s.id: [p.split("。")[0] for a, b in s.spans for p in text[a:b].split("\n") if p.strip()]
        for s in project.source.sections
        if s.kind == "subsection"
    }
    assert {sid: firsts for sid, firsts in own.items() if len(firsts) > 1} == {
        "practice-local": [
            "(二)因地制宜推动“1571”工作部署落地见效",
            "七项重点工作，本质上是将区域发展理论、生态治理理论、共同富裕理论与边疆治理理论等融入地方发展实践的过程",
        ],
        "reality-leadership": [
            "(一)坚持锻造坚强的领导核心",
            "贯彻落实系统性强、涉及面广的“1571”工作部署，还需要一支符合“四个特别”好干部标准的干部队伍作为支撑",
        ],
    }
    headings = {s.id: s.heading for s in project.source.sections}
    assert all(firsts[0] == headings[sid] for sid, firsts in own.items())


def test_cut_sentences_join(project):
    """The two pieces the block swap moved continue the sentence that ends their parent lead paragraph."""
    text = project.source.text
    sections = {s.id: s for s in project.source.sections}
    for fragment, parent in [
        ("significance-pragmatic-tail", "significance-pragmatic-wellbeing"),
        ("practice-local-tail", "practice-local-tasks"),
    ]:
        assert sections[fragment].parent == parent
        end = sections[parent].spans[-1][1]
        start = sections[fragment].spans[0][0]
        joined = text[end - 3 : end] + text[start : start + 4]
        assert joined in {"不断增强群众的", "要对照“157"}, joined


def test_evidence_lands_in_the_expected_sections(project, concepts):
    def section_of(concept_id):
        return {q.span.section_id for q in concepts[concept_id].evidence}

    assert section_of("political-nature") == {  # the heading, and the two leads that name it (还/更体现在)
        "significance-political",
        "significance-political-instructions",
        "significance-political-party-building",
    }
    assert section_of("pragmatism") == {"significance-pragmatic"}
    assert section_of("three-significances-requirement") == {"practice-significances"}
    assert section_of("mongolian-horse-spirit") == {"reality-spirit"}
    assert section_of("plan-proliferation") == {"practice-local-tail"}


def test_every_quote_is_attributed_to_the_one_section_whose_own_text_holds_it(project):
    """Spans never overlap, so the section of a quote is the deepest one: a lead paragraph's quotes are the lead's,
    not its sub-section's (the attribution itself is tested on fixed quotes in test_evidence.py)."""
    sections = {s.id: s for s in project.source.sections}
    misplaced = []
    for item in [*project.curation.concepts, *project.curation.relations]:
        for q in item.evidence:
            inside = [s.id for s in sections.values() if any(a <= q.span.start and q.span.end <= b for a, b in s.spans)]
            if inside != [q.span.section_id]:
                misplaced.append((q.text, q.span.section_id, inside))
    assert misplaced == []
    kinds = Counter(sections[q.span.section_id].kind for c in project.curation.concepts for q in c.evidence)
    assert kinds["lead"] > kinds["subsection"] > 0


# ------------------------------------------------------------------ the English edition


def test_english_edition_covers_the_article_and_every_quote(project):
    english = project.source.translation("en")
    assert english is not None and english.translator == "kg1571 project"
    assert len(english.sentences) == 159
    text = project.source.text
    assert all(0 <= s.start < s.end <= len(text) and "\n" not in text[s.start : s.end] for s in english.sentences)
    items = [*project.curation.concepts, *project.curation.relations]
    untranslated = [q.text for item in items for q in item.evidence if not english.covering(q.span.start, q.span.end)]
    assert untranslated == []
    with_heading = {s.id for s in project.source.sections if s.heading}
    assert set(english.headings) == with_heading and len(with_heading) == 16 + len(LEADS)
    assert english.headings["reality-spirit"] == "(4) Vigorously promoting the Mongolian horse spirit"
    assert all(english.headings[sid].strip() and english.headings[sid][-1] not in ".。" for sid, _, _ in LEADS)
    assert english.headings["reality-performance-ecology"] == (
        "Adhering to the ecology-first orientation for political performance"
    )
    assert english.headings["practice-local-tasks"] == (
        "It is necessary to break down tasks scientifically and set the main lines of attack"
    )
