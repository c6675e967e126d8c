"""Load the source article, its metadata (checksum-verified) and its curated logical structure."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kg1571.curation.yaml_lines import LineDict, LineList, read_yaml
from kg1571.errors import CurationError, Problem
from kg1571.model import Location, Section, SourceDocument

SECTION_KINDS = (
    "title",
    "byline",
    "key-points",
    "introduction",
    "heading",
    "subsection",
    "lead",
    "fragment",
    "conclusion",
)
#: The kinds of parent a section of these kinds may have: the third level is the article's own, a lead paragraph
#: inside a numbered sub-section; a fragment (a piece the block swap moved) belongs to the sub-section or lead
#: paragraph whose sentence it finishes. Other kinds are not constrained (a synthetic text has no headings).
PARENT_KINDS: dict[str, tuple[str, ...]] = {"lead": ("subsection",), "fragment": ("subsection", "lead")}
#: What closes a lead sentence; the heading is the sentence without it, like the numbered headings.
LEAD_SENTENCE_END = "。"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_source(source_dir: Path) -> SourceDocument:
    """Read metadata.yaml, check the article against its recorded sha256, and read structure.yaml if present."""
    meta_path = source_dir / "metadata.yaml"
    meta = read_yaml(meta_path)
    required = ("id", "file", "title", "creator", "language", "sha256")
    if not isinstance(meta, dict) or (missing := [k for k in required if not meta.get(k)]):
        raise CurationError(
            [
                Problem(
                    f"missing keys: {', '.join(missing if isinstance(meta, dict) else required)}",
                    file=meta_path,
                    hint=f"metadata.yaml needs {', '.join(required)}",
                )
            ]
        )
    text_path = source_dir / str(meta["file"])
    try:
        raw = text_path.read_bytes()
    except FileNotFoundError:
        raise CurationError(
            [Problem("source text not found", file=text_path, hint=f"check `file:` in {meta_path}")]
        ) from None
    except IsADirectoryError:
        raise CurationError(
            [Problem("the source text is a folder, not a file", file=text_path, hint=f"check `file:` in {meta_path}")]
        ) from None
    except OSError as exc:
        raise CurationError(
            [Problem(f"cannot read the source text ({exc.strerror})", file=text_path, hint="check its permissions")]
        ) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != str(meta["sha256"]).strip().lower():
        raise CurationError(
            [
                Problem(
                    f"source text does not match its recorded checksum (sha256 {digest}, recorded {meta['sha256']})",
                    file=text_path,
                    line=None,
                    hint="the article must stay byte-identical: restore it with `git checkout -- source/`; "
                    "if a new article version is intended, update sha256 in metadata.yaml and re-check every quote",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(
            [
                Problem(
                    f"the source text is not valid UTF-8 ({exc.reason} at byte {exc.start})",
                    file=text_path,
                    hint="the article is stored as UTF-8: restore it with `git checkout -- source/`",
                )
            ]
        ) from None
    document = SourceDocument(
        path=text_path,
        name=str(meta["id"]),
        text=text,
        title=str(meta["title"]),
        creator=str(meta["creator"]),
        language=str(meta["language"]),
        sha256=digest,
        byte_size=len(raw),
        title_en=str(meta["title_en"]) if meta.get("title_en") else None,
        creator_en=str(meta["creator_en"]) if meta.get("creator_en") else None,
    )
    structure_path = source_dir / "structure.yaml"
    if not structure_path.exists():
        raise CurationError(
            [
                Problem(
                    "structure.yaml not found: without it no quote would be placed in a section",
                    file=structure_path,
                    hint="restore it with `git checkout -- source/structure.yaml`",
                )
            ]
        )
    sections = load_structure(structure_path, text)
    document = SourceDocument(**{**document.__dict__, "sections": sections})
    translations = meta.get("translations") or {}
    if not isinstance(translations, dict):
        raise CurationError([Problem("`translations:` maps a language to a file", file=meta_path)])
    if translations:
        from kg1571.curation.translation import load_translation

        loaded = tuple(
            load_translation(source_dir / str(name), text, document.name, document.sections)
            for _language, name in sorted(translations.items())
        )
        document = SourceDocument(**{**document.__dict__, "translations": loaded})
    return document


def load_structure(path: Path, text: str) -> tuple[Section, ...]:
    """Read the sections; spans must start with their `begins` text, not overlap, and cover all non-space text."""
    data = read_yaml(path)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise CurationError(
            [
                Problem(
                    "expected a mapping with a `sections:` list",
                    file=path,
                    line=1,
                    hint="restore it with `git checkout -- source/structure.yaml`",
                )
            ]
        )
    sections: list[Section] = []
    ids: set[str] = set()
    order_by_parent: dict[str | None, int] = {}
    for item in data["sections"]:
        line = item.line if isinstance(item, LineDict) else None
        if not isinstance(item, dict):
            problems.append(
                Problem(
                    "each section must be a mapping (id, kind, heading, parent, spans)",
                    file=path,
                    line=line,
                    hint="write the section's keys indented under its `- `, e.g. `- id: introduction`",
                )
            )
            continue
        raw_id = item.get("id", "")
        sid = raw_id if isinstance(raw_id, str) else repr(raw_id)
        if not ID_PATTERN.fullmatch(sid):
            problems.append(Problem(f"bad section id {sid!r}", file=path, line=line, hint="use lowercase kebab-case"))
            continue
        if sid in ids:
            problems.append(
                Problem("duplicate section id", file=path, line=line, id=sid, hint="section ids are unique: rename one")
            )
        ids.add(sid)
        kind = item.get("kind")
        if kind not in SECTION_KINDS:
            problems.append(
                Problem(
                    f"unknown kind {kind!r}",
                    file=path,
                    line=line,
                    id=sid,
                    hint=f"use one of {', '.join(SECTION_KINDS)}",
                )
            )
        parent = item.get("parent")
        if parent is not None and not isinstance(parent, str):
            problems.append(
                Problem(
                    f"`parent` must be one section id, not {_kind(parent)} {parent!r}"[:200],
                    file=path,
                    line=line,
                    id=sid,
                    hint="write `parent: SECTION-ID` (a section may have one parent)",
                )
            )
            parent = None
        elif parent is not None and parent not in ids:
            problems.append(
                Problem(
                    f"parent {parent!r} is not a section listed before this one",
                    file=path,
                    line=line,
                    id=sid,
                    hint="list a parent before its children",
                )
            )
        heading = item.get("heading")
        if heading is not None and str(heading) not in text:
            problems.append(
                Problem(
                    "heading does not occur verbatim in the source",
                    file=path,
                    line=line,
                    id=sid,
                    hint="copy the heading exactly from the article",
                )
            )
            heading_checked = False
        else:
            heading_checked = heading is not None
        spans: list[tuple[int, int]] = []
        raw_spans = item.get("spans") or []
        if not isinstance(raw_spans, list):
            problems.append(
                Problem(
                    "`spans` must be a list", file=path, line=line, id=sid, hint="write `spans:` then `- {start: ...}`"
                )
            )
            raw_spans = []
        span_lines = raw_spans.lines if isinstance(raw_spans, LineList) else [line] * len(raw_spans)
        for span, span_line in zip(raw_spans, span_lines, strict=True):
            try:
                start, end, begins = span["start"], span["end"], span["begins"]
                if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                    raise TypeError
                if not isinstance(begins, str) or not begins:
                    raise TypeError
            except (KeyError, TypeError, ValueError):
                problems.append(
                    Problem(
                        "a span needs integer `start`, `end` and the text it `begins` with",
                        file=path,
                        line=span_line,
                        id=sid,
                        hint="write `- {start: 0, end: 10, begins: 开头的文字}` (offsets in code points)",
                    )
                )
                continue
            if not (0 <= start < end <= len(text)) or not text.startswith(begins, start):
                found = text[start : start + max(len(begins), 10)] if 0 <= start < len(text) else ""
                where = text.find(begins)
                problems.append(
                    Problem(
                        f"span [{start}, {end}) does not begin with {begins!r} (the source has {found!r} there)",
                        file=path,
                        line=span_line,
                        id=sid,
                        hint=f"{begins!r} first occurs at offset {where}" if where >= 0 else "check `begins`",
                    )
                )
                continue
            spans.append((start, end))
        if heading_checked and spans:
            problems.extend(_heading_problems(path, line, sid, str(kind), str(heading), spans[0][0], text))
        order_by_parent[parent] = order_by_parent.get(parent, 0) + 1
        sections.append(
            Section(
                id=sid,
                heading=str(heading) if heading is not None else None,
                kind=str(kind),
                parent=parent,
                order=order_by_parent[parent],
                spans=tuple(spans),
                location=Location(path, line or 0),
            )
        )
    problems.extend(_parent_kind_problems(path, sections))
    problems.extend(_coverage_problems(path, text, sections))
    if problems:
        raise CurationError(problems)
    return tuple(sections)


def _kind(value: object) -> str:
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else type(value).__name__


def _heading_problems(
    path: Path, line: int | None, sid: str, kind: str, heading: str, start: int, text: str
) -> list[Problem]:
    """A heading opens its section's first span; a lead's heading is that paragraph's whole first sentence."""
    if not text.startswith(heading, start):
        return [
            Problem(
                f"the heading does not open the section's first span (the source has "
                f"{text[start : start + min(len(heading), 20)]!r} at offset {start})",
                file=path,
                line=line,
                id=sid,
                hint="a heading is the text its section begins with: fix the heading or the first span",
            )
        ]
    after = text[start + len(heading) : start + len(heading) + 1]
    if kind == "lead" and after != LEAD_SENTENCE_END:
        end = text.find(LEAD_SENTENCE_END, start)
        sentence = text[start:end] if end >= 0 else text[start : start + 40]
        return [
            Problem(
                f"a lead's heading is its paragraph's whole first sentence, but the article goes on with {after!r}",
                file=path,
                line=line,
                id=sid,
                hint=f"write the sentence up to (not including) its {LEAD_SENTENCE_END}: {sentence!r}",
            )
        ]
    return []


def _parent_kind_problems(path: Path, sections: list[Section]) -> list[Problem]:
    """A lead paragraph belongs to a numbered sub-section, a fragment to a sub-section or a lead (PARENT_KINDS)."""
    kinds = {s.id: s.kind for s in sections}
    problems = []
    for section in sections:
        allowed = PARENT_KINDS.get(section.kind)
        if allowed is None or (section.parent is not None and section.parent not in kinds):
            continue  # not constrained, or an unknown parent (reported already)
        parent_kind = kinds[section.parent] if section.parent is not None else None
        if parent_kind not in allowed:
            where = f"section {section.parent!r} of kind {parent_kind}" if section.parent else "the top level"
            problems.append(
                Problem(
                    f"a {section.kind} cannot sit under {where}",
                    file=path,
                    line=section.location.line,
                    id=section.id,
                    hint=f"the parent of a {section.kind} is {' or '.join(f'a {k}' for k in allowed)}",
                )
            )
    return problems


def _coverage_problems(path: Path, text: str, sections: list[Section]) -> list[Problem]:
    owner: list[str | None] = [None] * len(text)
    problems: list[Problem] = []
    for section in sections:
        for start, end in section.spans:
            clash = next((owner[i] for i in range(start, end) if owner[i] is not None), None)
            if clash is not None:
                problems.append(
                    Problem(
                        f"span [{start}, {end}) overlaps section {clash!r}",
                        file=path,
                        line=section.location.line,
                        id=section.id,
                        hint="spans never overlap (a parent's spans exclude its children's): shorten one",
                    )
                )
            for i in range(start, end):
                owner[i] = section.id
    uncovered = [i for i, ch in enumerate(text) if owner[i] is None and not ch.isspace()]
    if uncovered:
        first = uncovered[0]
        problems.append(
            Problem(
                f"{len(uncovered)} characters of the source belong to no section, first at offset {first}: "
                f"{text[first : first + 20]!r}",
                file=path,
                hint="extend a span or add a section (kind: fragment)",
            )
        )
    return problems
