"""Read a sentence-aligned translation of the article (source/<article>.<lang>.yaml) and check its alignment.

The file is this project's own translation, kept as curated data: ``sentences`` in the physical order of the
scrape, each ``{start, end, zh, en}`` with [start, end) code-point offsets into the article and ``zh`` exactly
that slice; together they cover every non-space character, never overlap and never cross a line break.
``headings`` maps every section of source/structure.yaml that has a heading to its translated heading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg1571.curation.yaml_lines import LineDict, LineList, read_yaml
from kg1571.errors import CurationError, Problem
from kg1571.model import Section, TranslatedSentence, Translation

REQUIRED = ("translation_of", "language", "translator", "sentences", "headings")


def load_translation(path: Path, text: str, article: str, sections: tuple[Section, ...]) -> Translation:
    """Parse and check one translation file; raise CurationError listing every problem."""
    data = read_yaml(path)
    if not isinstance(data, dict) or (missing := [k for k in REQUIRED if k not in data]):
        keys = ", ".join(missing if isinstance(data, dict) else REQUIRED)
        raise CurationError([Problem(f"missing keys: {keys}", file=path, line=1, hint=f"a translation needs {keys}")])
    problems: list[Problem] = []
    if data["translation_of"] != article:
        problems.append(
            Problem(f"translation_of is {data['translation_of']!r}", file=path, line=1, hint=f"write {article!r}")
        )
    language = str(data["language"])
    sentences = _sentences(path, data["sentences"], text, problems)
    headings = _headings(path, data["headings"], sections, problems)
    if problems:
        raise CurationError(problems)
    return Translation(
        path=path,
        language=language,
        translator=str(data["translator"]),
        note=str(data.get("note") or ""),
        sentences=tuple(sentences),
        headings=headings,
    )


def _sentences(path: Path, raw: object, text: str, problems: list[Problem]) -> list[TranslatedSentence]:
    if not isinstance(raw, list):
        problems.append(Problem("`sentences:` must be a list", file=path))
        return []
    lines = raw.lines if isinstance(raw, LineList) else [0] * len(raw)
    covered = bytearray(len(text))
    sentences: list[TranslatedSentence] = []
    previous_end = 0
    for item, line in zip(raw, lines, strict=True):
        where: dict[str, Any] = {"file": path, "line": line}
        if not isinstance(item, dict):
            problems.append(Problem("each sentence is a mapping {start, end, zh, en}", **where))
            continue
        start, end, zh, en = item.get("start"), item.get("end"), item.get("zh"), item.get("en")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(Problem(f"bad offsets [{start}, {end})", **where, hint="start < end, inside the article"))
            continue
        ident = f"[{start}, {end})"
        if text[start:end] != zh:
            problems.append(
                Problem(
                    "zh is not the article's text at these offsets",
                    **where,
                    id=ident,
                    hint=f"the article has {text[start:end]!r} there",
                )
            )
        if not isinstance(en, str) or not en.strip():
            problems.append(Problem("empty `en`", **where, id=ident, hint="translate the sentence"))
            continue
        if start < previous_end:
            problems.append(Problem("sentences overlap or are out of file order", **where, id=ident))
        if "\n" in text[start:end]:
            problems.append(Problem("a sentence crosses a line break of the article", **where, id=ident))
        previous_end = max(previous_end, end)
        covered[start:end] = b"\x01" * (end - start)
        sentences.append(TranslatedSentence(start=start, end=end, text=en))
    missing = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]
    if missing and not problems:
        first = missing[0]
        problems.append(
            Problem(
                f"{len(missing)} characters of the article have no translated sentence, first at offset {first}: "
                f"{text[first : first + 20]!r}",
                file=path,
                hint="add the sentence (start, end, zh, en)",
            )
        )
    return sentences


def _headings(path: Path, raw: object, sections: tuple[Section, ...], problems: list[Problem]) -> dict[str, str]:
    line = raw.line if isinstance(raw, LineDict) else None
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip() for v in raw.values()):
        problems.append(Problem("`headings:` maps section ids to their translated heading", file=path, line=line))
        return {}
    with_heading = {s.id for s in sections if s.heading}
    for sid in sorted(set(raw) - with_heading):
        problems.append(Problem(f"no section {sid!r} with a heading in structure.yaml", file=path, line=line, id=sid))
    for sid in sorted(with_heading - set(raw)):
        problems.append(Problem("the section's heading is not translated", file=path, line=line, id=sid))
    return {str(k): str(v) for k, v in sorted(raw.items())}
