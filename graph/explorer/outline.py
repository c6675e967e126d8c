"""The plan at a glance: the framework's components in order (1 主线 · 5 战略定位 in their groups · 7 重点工作
· 1 保障), each with its role in the article's own words, the sentence that states the structure, and the
captions the drawing puts on the core nodes (order numbers, role names)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg1571.explorer.layout import core_tree
from kg1571.model import Project

#: The phrase that names the components' roles, as the article writes it (one role per component, in order).
ROLE_PHRASE = re.compile(r"“([^”、]{2,8}(?:、[^”、]{2,8}){3})”")
#: The sentence that states the whole structure: 以……为主线，以……为支撑，以……为路径，以……为保障.
STRUCTURE_SENTENCE = re.compile(r"以[^。；]{2,40}?为主线[^。]*?为保障")
#: Role words shown as a caption on a component whose label says only its content.
CAPTIONS = {"MainLine": ("主线", "Main line"), "Guarantee": ("保障", "Guarantee")}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass(frozen=True)
class Outline:
    """The framework, its components (ordered, each with children, ordered) and the texts that frame them."""

    root: str | None
    tree: dict[str, list[str]]
    roles: dict[str, dict]  # component id -> {"zh", "en", "start", "end"}
    structure: dict | None  # {"start", "end", "en"}: the sentence that states the structure
    numbers: dict[str, int]  # core item id -> its number among its siblings (1-based)


def _english_between(project: Project, start: int, end: int) -> str:
    english = project.source.translation("en")
    return " ".join(s.text for s in english.covering(start, end)) if english else ""


def _roles(project: Project, components: list[str]) -> dict[str, dict]:
    text = project.source.text
    for match in ROLE_PHRASE.finditer(text):
        parts = match.group(1).split("、")
        if len(parts) != len(components) or not any("主线" in p for p in parts):
            continue
        english = _english_between(project, match.start(1), match.end(1))
        en_parts = parts  # the Chinese words, unless the English edition quotes the same four roles
        for quoted in re.findall(r"“([^”]+)”", english):
            if len(quoted.split(",")) == len(parts):
                en_parts = [p.strip() for p in quoted.split(",")]
        roles, at = {}, match.start(1)
        for cid, zh, en in zip(components, parts, en_parts, strict=True):
            roles[cid] = {"zh": zh, "en": en, "start": at, "end": at + len(zh)}
            at += len(zh) + 1
        return roles
    return {}


def _structure(project: Project) -> dict | None:
    match = STRUCTURE_SENTENCE.search(project.source.text)
    if match is None:
        return None
    english = _english_between(project, match.start(), match.end())
    clause = re.match(r".*?as its guarantee", english)  # the English sentence goes on past the structure
    return {"start": match.start(), "end": match.end(), "en": clause.group(0) if clause else english}


def compute_outline(project: Project) -> Outline:
    """The outline of the plan from the curated structure (hasComponent, skos:broader) and the article."""
    root, tree, _depth = core_tree(project)
    components = tree.get(root, []) if root else []
    numbers: dict[str, int] = {}
    for parent, kids in tree.items():
        if parent == root:
            continue
        for i, kid in enumerate(kids, 1):
            numbers[kid] = i
    # the positionings are numbered across their groups (1-5), as the article counts them
    for component in components:
        grandchildren = [g for kid in tree.get(component, []) for g in tree.get(kid, [])]
        for i, item in enumerate(grandchildren, 1):
            numbers[item] = i
    return Outline(root, tree, _roles(project, components), _structure(project), numbers)


def caption(project: Project, outline: Outline, concept_id: str, lang: str) -> str:
    """The prefix the drawing puts before a core node's label: its role ("主线：") or number ("③ ")."""
    concept = project.curation.by_id[concept_id]
    if concept.cls in CAPTIONS:
        zh, en = CAPTIONS[concept.cls]
        return (zh + "：") if lang == "zh" else (en + ": ")
    number = outline.numbers.get(concept_id)
    components = outline.tree.get(outline.root, []) if outline.root else []
    if number and concept_id not in components and 0 < number <= len(CIRCLED):
        # only the items (tasks, positionings) are numbered; the groups keep their own names
        if not outline.tree.get(concept_id):
            return CIRCLED[number - 1] + " "
    return ""
