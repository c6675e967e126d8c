"""Every error kg1571 raises on purpose, in one hierarchy: each says what is wrong, where, and how to fix it.

The CLI turns a :class:`Kg1571Error` into one ``Error: ...`` message and its ``exit_code``; anything else
is a bug and becomes a short "internal error" line with exit code 70 (the traceback with ``--debug``).

Exit codes: 0 success; 1 the graph does not conform, exports are stale, or a store or server failed;
2 bad input (curation, vocabulary, source, query, arguments, output paths); 70 internal error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE of sysexits.h


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

    exit_code = EXIT_BAD_INPUT


class UsageError(Kg1571Error):
    """Command-line arguments that cannot work together or name something that does not exist."""


class ProjectNotFound(Kg1571Error):
    """No project folder (ontology/ and source/) where one was asked for or expected."""


# --------------------------------------------------------------------------------- curation and build


class CurationError(Kg1571Error):
    """The curation, vocabulary or source is wrong; carries every problem found, not only the first."""

    #: How many problems the message shows; the rest are counted (``problems`` keeps them all).
    SHOWN = 50

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the curation:"
        lines = [head, *(f"  {p}" for p in self.problems[: self.SHOWN])]
        if count > self.SHOWN:
            lines.append(f"  ... and {count - self.SHOWN} more (fix these first; the rest are often the same mistake)")
        super().__init__("\n".join(lines))


class ShapesError(Kg1571Error):
    """ontology/shapes.ttl cannot be read or is not usable SHACL."""


class ValidationFailed(Kg1571Error):
    """The built graph does not conform to the SHACL shapes."""

    exit_code = EXIT_FAILED

    def __init__(self, report_text: str):
        self.report_text = report_text
        super().__init__("the graph does not conform to ontology/shapes.ttl:\n" + report_text)


class ExportError(Kg1571Error):
    """The exports cannot be written where asked (the previous exports are left as they were)."""


class StaleExports(Kg1571Error):
    """`build --check` found committed exports that differ from a fresh build."""

    exit_code = EXIT_FAILED

    def __init__(self, changed: list[str]):
        self.changed = tuple(changed)
        super().__init__(
            "exports are stale (they differ from a fresh build): "
            + ", ".join(changed)
            + "\n    fix: run `kg1571 build` and commit exports/"
        )


# --------------------------------------------------------------------------------- SPARQL


class QueryError(Kg1571Error):
    """A query that cannot run: malformed, an update, unreadable, or an engine failure."""


class QuerySyntaxError(QueryError):
    """The parser rejected the query; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None, source: str = "query"):
        self.line, self.column = line, column
        where = f"{source}:{line}:{column}: " if line is not None else f"{source}: "
        super().__init__(f"{where}SPARQL syntax error: {message}")


class UpdateRefused(QueryError):
    """`kg1571 query` is read-only."""


class QueryRefused(QueryError):
    """A query kg1571 will not run: one that would reach the network (SERVICE)."""


class QueryLimitExceeded(QueryError):
    """A query that ran past its time limit, its memory allowance or the result-size cap (it was stopped)."""


class NamedQueryError(QueryError):
    """An unknown named query, an unknown parameter or a parameter value that names no concept."""


# --------------------------------------------------------------------------------- stores and servers


class StoreConfigError(Kg1571Error):
    """Bad --store/--gsp-url/... options, or data to load that is not RDF."""


class StoreError(Kg1571Error):
    """Talking to a triple store failed."""

    exit_code = EXIT_FAILED


class StoreUnreachable(StoreError):
    """No connection could be made (refused, DNS, no answer to the connect) even after retries."""


class StoreTimeout(StoreError):
    """The store was reached but did not finish answering within the deadline (--timeout)."""


class StoreProtocolError(StoreError):
    """The store answered with something that is not HTTP (a garbage status line, a cut-off body)."""


class StoreAuthError(StoreError):
    """The store answered 401 or 403."""


class StoreNotFound(StoreError):
    """The store answered 404: usually the wrong --store layout or base URL."""


class StoreRequestError(StoreError):
    """Any other 4xx or a 5xx that persisted through the retries."""

    def __init__(self, message: str, status: int | None = None):
        self.status = status
        super().__init__(message)


class LoadVerificationError(StoreError):
    """The store holds a different number of triples than were sent."""


class ServeError(Kg1571Error):
    """The Oxigraph server could not be found, fed or started."""

    exit_code = EXIT_FAILED
