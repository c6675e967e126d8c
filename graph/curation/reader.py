"""Read the curation YAML files (ontology/curation/*.yaml) into Concept and Relation records."""

from __future__ import annotations

from pathlib import Path

from kg1571.curation.source import ID_PATTERN
from kg1571.curation.yaml_lines import LineDict, LineList, read_yaml
from kg1571.errors import CurationError, Problem
from kg1571.model import Concept, Curation, Location, Quote, Relation

CONCEPT_KEYS = {
    "id",
    "class",
    "zh",
    "en",
    "alt_zh",
    "alt_en",
    "definition_zh",
    "definition_en",
    "order",
    "note",
    "evidence",
}
RELATION_KEYS = {"subject", "predicate", "object", "evidence", "note"}


EVIDENCE_KEYS = {"quote", "occurrence"}
TOP_KEYS = {"concepts", "relations"}
#: Fields that are prose and may hold line feeds; every other text is one line.
PROSE_KEYS = {"note", "definition_zh", "definition_en"}


def short(value: object, limit: int = 60) -> str:
    """A value as messages show it: repr, cut at ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def yaml_kind(value: object) -> str:
    """What YAML made of an unquoted value, in words, for "quote it" hints."""
    import datetime

    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def control_problem(text: str, key: str, path: Path, line: int | None, ident: str | None) -> Problem | None:
    """A Problem when ``text`` holds a control character (line feeds are allowed in prose fields)."""
    from kg1571.curation.yaml_lines import CONTROL, CONTROL_OR_LF, describe_char

    pattern = CONTROL if key in PROSE_KEYS else CONTROL_OR_LF
    found = pattern.search(text)
    if found is None:
        return None
    ch = found.group(0)
    if key == "quote" and ch == "\n":
        return Problem(
            "an evidence quote may not cross a line or paragraph break",
            file=path,
            line=line,
            id=ident,
            hint="split it into one quote per paragraph (each a separate `- ` item)",
        )
    return Problem(
        f"`{key}` holds the control character {describe_char(ch)} at position {found.start() + 1}",
        file=path,
        line=line,
        id=ident,
        hint="remove it (labels, ids and quotes are one line of plain text; notes and definitions may hold "
        "line breaks)",
    )


def read_curation(curation_dir: Path) -> Curation:
    """Read every *.yaml file of the folder in sorted order; report all shape problems at once."""
    files = sorted(curation_dir.glob("*.yaml"))
    problems: list[Problem] = []
    for other in sorted(curation_dir.glob("*.yml")):
        problems.append(
            Problem(
                "curation files end in .yaml; this one is not read",
                file=other,
                hint=f"rename it to {other.with_suffix('.yaml').name}",
            )
        )
    if not files:
        problems.append(Problem("no curation files (*.yaml) found", file=curation_dir, hint="add one"))
        raise CurationError(problems)
    concepts: list[Concept] = []
    relations: list[Relation] = []
    for path in files:
        try:
            data = read_yaml(path)
        except CurationError as exc:
            problems.extend(exc.problems)
            continue
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    f"a curation file is a mapping with `concepts:` and `relations:` lists, not {yaml_kind(data)}",
                    file=path,
                    line=1,
                    hint="start the file with `concepts:` (or `relations:`) and list the items under it",
                )
            )
            continue
        _unknown_keys(data, TOP_KEYS, path, problems, None)
        for key, reader in (("concepts", _concept), ("relations", _relation)):
            if key not in data or data[key] is None:
                continue
            items = data[key]
            line = data.line_of(key) if isinstance(data, LineDict) else None
            if not isinstance(items, list) or not items:
                what = "it is empty" if not isinstance(items, bool) and items in ({}, []) else yaml_kind(items)
                problems.append(
                    Problem(
                        f"`{key}:` must be a list of items (each starting with `- `), but {what}"
                        if what == "it is empty"
                        else f"`{key}:` must be a list of items (each starting with `- `), not {what}",
                        file=path,
                        line=line,
                        hint=f"write each item as `- {'id: ...' if key == 'concepts' else 'subject: ...'}` "
                        f"indented under `{key}:`, or remove the empty key",
                    )
                )
                continue
            lines = items.lines if isinstance(items, LineList) else [line] * len(items)
            for item, item_line in zip(items, lines, strict=True):
                result = reader(path, item, item_line, problems)
                if isinstance(result, Concept):
                    concepts.append(result)
                elif isinstance(result, Relation):
                    relations.append(result)
    if problems:
        raise CurationError(problems)
    return Curation(concepts=tuple(concepts), relations=tuple(relations))


def _line(item: object) -> int | None:
    return item.line if isinstance(item, LineDict) else None


def _key_line(item: dict, key: str) -> int | None:
    return item.line_of(key) if isinstance(item, LineDict) else None


def _text(item: dict, key: str, path: Path, problems: list[Problem], ident: str | None, required: bool) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(
                Problem(
                    f"missing `{key}`",
                    file=path,
                    line=_line(item),
                    id=ident,
                    hint=f"add `{key}: ...`" + (" (exactly as the article writes it)" if key == "zh" else ""),
                )
            )
        return None
    if not isinstance(value, str):
        problems.append(
            Problem(
                f"`{key}` must be text, but YAML read it as {yaml_kind(value)}",
                file=path,
                line=_key_line(item, key),
                id=ident,
                hint=f'put the value in quotes: `{key}: "..."`',
            )
        )
        return None
    problem = control_problem(value, key, path, _key_line(item, key), ident)
    if problem is not None:
        problems.append(problem)
        return None
    return value


def _texts(item: dict, key: str, path: Path, problems: list[Problem], ident: str | None) -> tuple[str, ...]:
    value = item.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(
            Problem(
                f"`{key}` must be a list of non-empty texts",
                file=path,
                line=_key_line(item, key),
                id=ident,
                hint=f'write `{key}: ["...", "..."]` (quote values YAML would read as numbers or dates)',
            )
        )
        return ()
    for text in value:
        problem = control_problem(text, key, path, _key_line(item, key), ident)
        if problem is not None:
            problems.append(problem)
            return ()
    return tuple(value)


def _unknown_keys(item: dict, allowed: set[str], path: Path, problems: list[Problem], ident: str | None) -> None:
    import difflib

    for key in sorted(set(item) - allowed, key=str):
        word = str(key)
        close = difflib.get_close_matches(word, sorted(allowed), n=1) or (
            [word.lower()] if word.lower() in allowed else []
        )
        problems.append(
            Problem(
                f"unknown key `{short(word, 40).strip(chr(39))}`",
                file=path,
                line=_key_line(item, key) if isinstance(key, str) else _line(item),
                id=ident,
                hint=f"did you mean `{close[0]}`?" if close else f"allowed: {', '.join(sorted(allowed))}",
            )
        )


def _evidence(item: dict, path: Path, problems: list[Problem], ident: str | None) -> tuple[Quote, ...]:
    raw = item.get("evidence")
    if not raw:
        problems.append(
            Problem(
                "no evidence",
                file=path,
                line=_line(item),
                id=ident,
                hint="add `evidence:` with at least one verbatim quote from the article",
            )
        )
        return ()
    if not isinstance(raw, list):
        raw = LineList([raw])
        raw.lines = [_key_line(item, "evidence") or 0]
    lines = raw.lines if isinstance(raw, LineList) else [_line(item) or 0] * len(raw)
    quotes: list[Quote] = []
    for entry, line in zip(raw, lines, strict=True):
        occurrence = None
        if isinstance(entry, dict):
            before = len(problems)
            _unknown_keys(entry, EVIDENCE_KEYS, path, problems, ident)
            if len(problems) > before:
                continue
            text, occurrence = entry.get("quote"), entry.get("occurrence")
            if occurrence is not None and (
                not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1
            ):
                problems.append(
                    Problem(
                        f"`occurrence` must be a whole number from 1, got {short(occurrence)}",
                        file=path,
                        line=line,
                        id=ident,
                        hint="write `occurrence: 2` for the second place the quote occurs in the article",
                    )
                )
                continue
        else:
            text = entry
        if not isinstance(text, str):
            problems.append(
                Problem(
                    f"an evidence quote must be text, but YAML read it as {yaml_kind(text)}",
                    file=path,
                    line=line,
                    id=ident,
                    hint='write the quote as a string (in quotes if needed: `- "..."`), or as {quote: ..., '
                    "occurrence: N}",
                )
            )
            continue
        problem = control_problem(text, "quote", path, line, ident)
        if problem is not None:
            problems.append(problem)
            continue
        quotes.append(Quote(text=text, location=Location(path, line), occurrence=occurrence))
    return tuple(quotes)


def _not_a_mapping(kind: str, example: str, item: object, path: Path, line: int | None) -> Problem:
    return Problem(
        f"each {kind} must be a mapping ({example}), not {yaml_kind(item) if not isinstance(item, str) else 'text'}"
        + (f" {short(item)}" if isinstance(item, str) else ""),
        file=path,
        line=line,
        hint=f"write the {kind}'s keys indented under its `- `, e.g. `- {example.split(',')[0]}: ...`",
    )


def _concept(path: Path, item: object, line: int | None, problems: list[Problem]) -> Concept | None:
    if not isinstance(item, dict):
        problems.append(_not_a_mapping("concept", "id, class, zh, en, evidence ...", item, path, line))
        return None
    ident = item.get("id")
    if "id" not in item:
        capital = [k for k in item if isinstance(k, str) and k.lower() == "id"]
        problems.append(
            Problem(
                "missing `id`" + (f" (found `{capital[0]}`: keys are lower-case)" if capital else ""),
                file=path,
                line=_line(item),
                hint="write `id: ...` in lower case" if capital else "add `id: ...`, e.g. `id: main-line`",
            )
        )
        _unknown_keys(item, CONCEPT_KEYS | set(capital), path, problems, None)
        return None
    if not isinstance(ident, str):
        problems.append(
            Problem(
                f"the id must be text, but YAML read it as {yaml_kind(ident)}",
                file=path,
                line=_key_line(item, "id"),
                hint="put it in quotes (`id: \"...\"`); ids are lowercase ASCII words joined by '-'",
            )
        )
        return None
    if not ID_PATTERN.fullmatch(ident):
        problems.append(
            Problem(
                f"bad id {short(ident)}",
                file=path,
                line=_key_line(item, "id"),
                hint="ids are lowercase ASCII letters and digits in words joined by '-', e.g. `main-line`"
                + (" (no line break: use `id: main-line`, not a `|` block)" if "\n" in ident else ""),
            )
        )
        return None
    _unknown_keys(item, CONCEPT_KEYS, path, problems, ident)
    cls = _text(item, "class", path, problems, ident, required=True)
    zh = _text(item, "zh", path, problems, ident, required=True)
    en = _text(item, "en", path, problems, ident, required=True)
    order = item.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool) or order < 1):
        problems.append(
            Problem(
                f"`order` must be a whole number from 1, got {short(order)}",
                file=path,
                line=_key_line(item, "order"),
                id=ident,
                hint="write the position among its siblings, e.g. `order: 2`",
            )
        )
        order = None
    concept = Concept(
        id=ident,
        cls=cls or "",
        label_zh=zh or "",
        label_en=en or "",
        location=Location(path, _line(item) or 0),
        alt_zh=_texts(item, "alt_zh", path, problems, ident),
        alt_en=_texts(item, "alt_en", path, problems, ident),
        definition_zh=_text(item, "definition_zh", path, problems, ident, required=False),
        definition_en=_text(item, "definition_en", path, problems, ident, required=False),
        note=_text(item, "note", path, problems, ident, required=False),
        order=order,
        evidence=_evidence(item, path, problems, ident),
    )
    return concept if cls and zh and en else None


def _relation(path: Path, item: object, line: int | None, problems: list[Problem]) -> Relation | None:
    if not isinstance(item, dict):
        problems.append(_not_a_mapping("relation", "subject, predicate, object, evidence", item, path, line))
        return None
    parts_shown = [item.get(k) for k in ("subject", "predicate", "object")]
    ident = " ".join(p if isinstance(p, str) and len(p) <= 60 else short(p) for p in parts_shown)  # as Relation.label
    _unknown_keys(item, RELATION_KEYS, path, problems, ident)
    parts = [_text(item, key, path, problems, ident, required=True) for key in ("subject", "predicate", "object")]
    evidence = _evidence(item, path, problems, ident)
    note = _text(item, "note", path, problems, ident, required=False)
    subject, predicate, obj = parts
    if subject is None or predicate is None or obj is None:
        return None
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        location=Location(path, _line(item) or 0),
        evidence=evidence,
        note=note,
    )
