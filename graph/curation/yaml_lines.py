"""Read YAML while keeping line numbers, so every curation error can name its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kg1571.errors import CurationError, Problem

# libyaml's parser is ~10x faster; constructors stay in Python, so line tracking still works
_Base: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping that remembers the line it starts on, and the line of each key."""

    line: int = 0
    key_lines: dict[object, int]

    def line_of(self, key: object) -> int:
        """The line of ``key`` (the mapping's first line when unknown)."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    """A sequence that remembers the line of each item."""

    lines: list[int]


class _LineLoader(_Base):  # type: ignore[valid-type, misc]  # a base chosen at import time
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line + 1
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = seen
    return mapping


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_sequence(node, deep=True))
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


#: Limits on what one curation file may hold (far above the real project: 29 KB files, 393-character fields).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 20_000
MAX_NODES = 5_000_000

#: Characters no text field may hold: C0 controls (tab and line feed too), DEL, C1 controls, and the Unicode
#: line and paragraph separators. Fields that are prose (notes, definitions) may hold line feeds.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_OR_LF = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

#: What a YAML file itself may not hold (tab, line feed and carriage return are its own syntax).
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge", "value")
}


def describe_char(ch: str) -> str:
    """A character as a reader can find it: U+XXXX and its Unicode name."""
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def _structure_problem(path: Path, node: yaml.Node) -> Problem | None:
    """The first thing in the composed document that the curation does not allow, before anything is built:
    aliases and merge keys (a few bytes can expand to gigabytes), tags, keys that are not plain text,
    over-long text, too many nodes."""
    seen: set[int] = set()
    stack = [node]
    count = 0
    while stack:
        current = stack.pop()
        line = current.start_mark.line + 1
        if id(current) in seen:
            return Problem(
                "YAML aliases (`*name`) and merge keys (`<<: *name`) are not allowed in the curation "
                "(the value anchored here is used again further on)",
                file=path,
                line=line,
                hint="write the values out in full where the alias is used, and remove the `&name` anchor",
            )
        seen.add(id(current))
        count += 1
        if count > MAX_NODES:
            return Problem(f"more than {MAX_NODES:,} YAML values in one file", file=path, hint="split the file")
        if current.tag not in _PLAIN_TAGS:
            return Problem(
                f"the YAML tag `{current.tag}` is not allowed (the curation is plain YAML)",
                file=path,
                line=line,
                hint="remove the tag (`!!...` or `!...`) and write the value as plain text",
            )
        if isinstance(current, yaml.ScalarNode):
            if len(current.value) > MAX_TEXT_CHARS:
                return Problem(
                    f"a text of {len(current.value):,} characters (the limit is {MAX_TEXT_CHARS:,})",
                    file=path,
                    line=line,
                    hint="shorten it: evidence quotes and labels are short passages of the article",
                )
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    return Problem(
                        "YAML merge keys (`<<: *name`) are not allowed in the curation",
                        file=path,
                        line=key.start_mark.line + 1,
                        hint="write the keys out in full",
                    )
                if not isinstance(key, yaml.ScalarNode):
                    return Problem(
                        "a mapping key must be a plain word (it is a list or a mapping here)",
                        file=path,
                        line=key.start_mark.line + 1,
                        hint="write `key: value`; a `? ` before a key makes it complex: remove it",
                    )
                stack.extend((value, key))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None


def read_yaml(path: Path) -> object:
    """Parse one YAML file; a syntax error, an alias, a tag or an over-long file becomes a CurationError
    naming the file and line (checked on the composed nodes, before any value is built)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CurationError([Problem("is a folder, not a YAML file", file=path, hint="rename or move the folder")])
        if size > MAX_FILE_BYTES:
            raise CurationError(
                [
                    Problem(
                        f"{size:,} bytes (the limit is {MAX_FILE_BYTES:,})",
                        file=path,
                        hint="split the curation into several files",
                    )
                ]
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CurationError([Problem("file not found", file=path, hint="create it or check the path")]) from None
    except UnicodeDecodeError as exc:
        raise CurationError(
            [Problem(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", file=path, hint="save it as UTF-8")]
        ) from None
    except OSError as exc:
        raise CurationError(
            [Problem(f"cannot read it ({exc.strerror})", file=path, hint="check the file's permissions")]
        ) from None
    raw = _RAW_CONTROL.search(text)
    if raw is not None:
        at = raw.start()
        raw_line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise CurationError(
            [
                Problem(
                    f"the file holds the control character {describe_char(raw.group(0))} (column {column})",
                    file=path,
                    line=raw_line,
                    hint="remove it; a character that cannot be typed can be written as an escape in double quotes, "
                    'e.g. "\\u00e9", but control characters are refused in every text anyway',
                )
            ]
        )
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problem = _structure_problem(path, node)
        if problem is not None:
            raise CurationError([problem])
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            what += f" (the construct it was reading began on line {exc.context_mark.line + 1})"
        raise CurationError(
            [
                Problem(
                    f"YAML syntax error: {what}",
                    file=path,
                    line=line,
                    hint="check indentation, the '- ' of list items, and quote text that contains ': ' or '#'",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow in a stream
        raise CurationError([Problem(f"YAML error: {exc}", file=path, hint="remove the character")]) from None
    finally:
        loader.dispose()
