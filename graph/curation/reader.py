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


def read_curation(curation_dir: Path) -> Curation:
    """Read every *.yaml file of the folder in sorted order; report all shape problems at once."""
    files = sorted(curation_dir.glob("*.yaml"))
    if not files:
        raise CurationError([Problem("no curation files (*.yaml) found", file=curation_dir)])
    concepts: list[Concept] = []
    relations: list[Relation] = []
    problems: list[Problem] = []
    for path in files:
        data = read_yaml(path)
        if data is None:
            continue
        if not isinstance(data, dict) or set(data) - {"concepts", "relations"}:
            problems.append(
                Problem("a curation file is a mapping with only `concepts:` and `relations:` lists", file=path, line=1)
            )
            continue
        for key, reader in (("concepts", _concept), ("relations", _relation)):
            items = data.get(key) or []
            if not isinstance(items, list):
                problems.append(Problem(f"`{key}:` must be a list", file=path))
                continue
            for item in items:
                result = reader(path, item, problems)
                if isinstance(result, Concept):
                    concepts.append(result)
                elif isinstance(result, Relation):
                    relations.append(result)
    if problems:
        raise CurationError(problems)
    return Curation(concepts=tuple(concepts), relations=tuple(relations))


def _line(item: object) -> int | None:
    return item.line if isinstance(item, LineDict) else None


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
                f"`{key}` must be text, got {type(value).__name__}",
                file=path,
                line=_line(item),
                id=ident,
                hint="put the value in quotes",
            )
        )
        return None
    return value


def _texts(item: dict, key: str, path: Path, problems: list[Problem], ident: str | None) -> tuple[str, ...]:
    value = item.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Problem(f"`{key}` must be a list of non-empty texts", file=path, line=_line(item), id=ident))
        return ()
    return tuple(value)


def _unknown_keys(item: dict, allowed: set[str], path: Path, problems: list[Problem], ident: str | None) -> None:
    import difflib

    for key in sorted(set(item) - allowed, key=str):
        close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
        problems.append(
            Problem(
                f"unknown key `{key}`",
                file=path,
                line=_line(item),
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
        raw.lines = [_line(item) or 0]
    lines = raw.lines if isinstance(raw, LineList) else [_line(item) or 0] * len(raw)
    quotes: list[Quote] = []
    for entry, line in zip(raw, lines, strict=True):
        occurrence = None
        if isinstance(entry, dict):
            text, occurrence = entry.get("quote"), entry.get("occurrence")
            if occurrence is not None and (
                not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1
            ):
                problems.append(
                    Problem(
                        f"`occurrence` must be a whole number from 1, got {occurrence!r}",
                        file=path,
                        line=line,
                        id=ident,
                    )
                )
                continue
        else:
            text = entry
        if not isinstance(text, str):
            problems.append(
                Problem(
                    "an evidence quote must be text",
                    file=path,
                    line=line,
                    id=ident,
                    hint="write the quote as a string, or as {quote: ..., occurrence: N}",
                )
            )
            continue
        quotes.append(Quote(text=text, location=Location(path, line), occurrence=occurrence))
    return tuple(quotes)


def _concept(path: Path, item: object, problems: list[Problem]) -> Concept | None:
    if not isinstance(item, dict):
        problems.append(Problem("each concept must be a mapping (id, class, zh, en, evidence ...)", file=path))
        return None
    ident = item.get("id")
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        problems.append(
            Problem(
                f"bad or missing id {ident!r}",
                file=path,
                line=_line(item),
                hint="ids are lowercase ASCII words joined by '-', e.g. `main-line`",
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
            Problem(f"`order` must be a whole number from 1, got {order!r}", file=path, line=_line(item), id=ident)
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


def _relation(path: Path, item: object, problems: list[Problem]) -> Relation | None:
    if not isinstance(item, dict):
        problems.append(Problem("each relation must be a mapping (subject, predicate, object, evidence)", file=path))
        return None
    ident = f"{item.get('subject')} {item.get('predicate')} {item.get('object')}"  # as Relation.label
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
