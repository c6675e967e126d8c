"""Read YAML while keeping line numbers, so every curation error can name its file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from kg1571.errors import CurationError, Problem

# libyaml's parser is ~10x faster; constructors stay in Python, so line tracking still works
_Base: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping that remembers the line it starts on."""

    line: int = 0


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
    return mapping


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_sequence(node, deep=True))
    items.lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def read_yaml(path: Path) -> object:
    """Parse one YAML file; a syntax error becomes a CurationError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CurationError([Problem("file not found", file=path, hint="create it or check the path")]) from None
    except UnicodeDecodeError as exc:
        raise CurationError([Problem(f"not valid UTF-8 ({exc.reason})", file=path, hint="save it as UTF-8")]) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
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
