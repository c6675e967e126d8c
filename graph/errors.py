"""The one error family of kg1571: every message says what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One curator-facing problem: where it is, which id it concerns, what is wrong, what to do."""

    message: str
    file: Path | None = None
    line: int | None = None
    id: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        subject = f"[{self.id}] " if self.id else ""
        text = f"{where}{subject}{self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


class Kg1571Error(Exception):
    """Base class of every error kg1571 raises on purpose."""

    exit_code = 2


class CurationError(Kg1571Error):
    """The curation, vocabulary or source is wrong; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the curation:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class ValidationFailed(Kg1571Error):
    """The built graph does not conform to the SHACL shapes."""

    exit_code = 1

    def __init__(self, report_text: str):
        self.report_text = report_text
        super().__init__("the graph does not conform to ontology/shapes.ttl:\n" + report_text)


class StaleExports(Kg1571Error):
    """`build --check` found committed exports that differ from a fresh build."""

    exit_code = 1

    def __init__(self, changed: list[str]):
        self.changed = tuple(changed)
        super().__init__(
            "exports are stale (they differ from a fresh build): "
            + ", ".join(changed)
            + "\n    fix: run `kg1571 build` and commit exports/"
        )
