"""Run read-only SPARQL 1.1 queries in-process over the graph, with pyoxigraph (see docs/sparql-and-stores.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from kg1571.errors import Kg1571Error, QueryError, QueryRefused, QuerySyntaxError, UpdateRefused
from kg1571.namespaces import DEFAULT_BASE_IRI, prefixes  # noqa: F401 (prefixes: re-exported)
from kg1571.sparql.results import AskResult, GraphResult, Result, SelectResult, Term
from kg1571.sparql.sandbox import ChildFailure, Limits, Worker

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib


_COMMENT_OR_STRING = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''  # long strings
    r'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''  # short strings
    r"|<[^<>\s]*>|#[^\n]*"  # IRIs, comments
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def query_form(text: str) -> str:
    """The first keyword after the prologue, upper-cased: SELECT, ASK, CONSTRUCT, DESCRIBE, INSERT ...

    Comments are skipped; returns "" when the text has no keyword at all.
    """
    without_comments = _COMMENT_OR_STRING.sub(lambda m: " " if m.group(0).startswith("#") else m.group(0), text)
    prologue = _PROLOGUE.match(without_comments)  # always matches (every part is optional)
    rest = without_comments[prologue.end() if prologue else 0 :]
    match = re.match(r"[A-Za-z]+", rest)
    return match.group(0).upper() if match else ""


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request rather than a query."""
    return query_form(text) in _UPDATE_KEYWORDS


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![\w:?$@.-])SERVICE(?![\w:.-])", re.IGNORECASE)


def _unescaped(text: str) -> str:
    """The text with SPARQL's codepoint escapes (\\uXXXX, \\UXXXXXXXX) applied, as a parser applies them
    before anything else (SPARQL 1.1, 19.2)."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    return _ESCAPE.sub(char, text)


def uses_service(text: str) -> bool:
    """Whether the query has a SERVICE clause (federation: a request to another endpoint), outside strings,
    IRIs and comments, with or without codepoint escapes. Errs on the side of refusing."""
    for variant in (text, _unescaped(text)):
        stripped = _COMMENT_OR_STRING.sub(" ", variant)
        if _SERVICE.search(stripped):
            return True
    return False


def check_read_only_and_local(text: str, source: str) -> None:
    """Raise UpdateRefused for an update and QueryRefused for a query that would reach the network."""
    if is_update(text) or is_update(_unescaped(text)):
        raise UpdateRefused(
            f"{source}: {query_form(_unescaped(text))} is a SPARQL Update; `kg1571 query` is read-only. "
            "To change the graph, edit ontology/curation/*.yaml and run `kg1571 build`; "
            "to update a store, use `kg1571 load`."
        )
    if uses_service(text):
        raise QueryRefused(
            f"{source}: SERVICE (a federated query) is refused: kg1571 never sends a query to another endpoint, "
            "and no request was made. Query that endpoint directly, or load its data with --data FILE"
        )


_POSITION = re.compile(r"error at (\d+):(\d+):\s*")


_PREFIXED_NAME = re.compile(r"(?<![\w<?$@.:-])([A-Za-z][\w.-]*)?:(?=[\w%]|\s|$)")
_DECLARED = re.compile(r"PREFIX\s+([\w.-]*):", re.IGNORECASE)


def unknown_prefix(text: str, line: int, column: int, known: dict[str, str]) -> str | None:
    """The undeclared prefix of the prefixed name that ends at or before ``line``:``column`` (1-based), or None."""
    declared = set(known) | set(_DECLARED.findall(text))
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    before = _COMMENT_OR_STRING.sub(lambda m: " " * len(m.group(0)), lines[line - 1])[: max(column - 1, 0)]
    for match in reversed(list(_PREFIXED_NAME.finditer(before))):
        name = match.group(1) or ""
        if name not in declared:
            return name
    return None


def _syntax_error(exc: Exception, source: str, text: str = "", known: dict[str, str] | None = None) -> QuerySyntaxError:
    message = str(exc)
    line = column = None
    match = _POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[match.end() :]
    if "Prefix not found" in message and line is not None and column is not None:
        prefix = unknown_prefix(text, line, column, known or {})
        if prefix is not None:
            predeclared = " ".join(f"{p}:" for p in (known or {}))
            return QuerySyntaxError(
                f"unknown prefix '{prefix}:'; declare it at the top of the query "
                f"(PREFIX {prefix}: <its namespace IRI>); predeclared: {predeclared}",
                line,
                column,
                source,
            )
        return QuerySyntaxError("unknown prefix; declare it with a PREFIX line", line, column, source)
    message = " ".join(message.split())
    if len(message) > 300:  # the parser lists every acceptable character class
        message = message[:300] + " ..."
    return QuerySyntaxError(message, line, column, source)


def _term(node: object) -> Term | None:
    import pyoxigraph as ox

    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return Term.uri(node.value)
    if isinstance(node, ox.BlankNode):
        return Term("bnode", node.value)
    if isinstance(node, ox.Literal):
        return Term.literal(node.value, node.language, node.datatype.value)
    raise QueryError(f"unsupported term in results: {node!r}")


class QueryEngine:
    """An in-memory pyoxigraph store holding one graph in its default graph; answers read-only queries, each
    in a forked child under :class:`~kg1571.sparql.sandbox.Limits` (time, memory, answer size)."""

    def __init__(self, store: pyoxigraph.Store, base_iri: str = DEFAULT_BASE_IRI, limits: Limits | None = None):
        self.store = store
        self.base_iri = base_iri
        self.prefixes = prefixes(base_iri)
        self.limits = limits or Limits()
        self._worker = Worker(self._answer, self.limits)

    @classmethod
    def from_ntriples(cls, data: bytes, base_iri: str = DEFAULT_BASE_IRI, limits: Limits | None = None) -> QueryEngine:
        import pyoxigraph as ox

        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
        return cls(store, base_iri, limits)

    @classmethod
    def from_file(
        cls, path: Path, base_iri: str = DEFAULT_BASE_IRI, limits: Limits | None = None, *, export: bool = False
    ) -> QueryEngine:
        """Load an RDF file, its format chosen from its extension (every format Oxigraph reads: Turtle,
        N-Triples, N-Quads, TriG, N3, RDF/XML, JSON-LD). ``export`` says the file is the project's own export
        (not one the user named with --data), so a broken or missing one is fixed by rebuilding it."""
        import pyoxigraph as ox

        fmt, chosen = data_file_format(path, QueryError)
        store = ox.Store()
        try:
            store.load(path=str(path), format=fmt)
        except FileNotFoundError:
            fix = "run `kg1571 build` first, or pass --data FILE" if export else "check the path given to --data"
            raise QueryError(f"{path}: data file not found; {fix}") from None
        except SyntaxError as exc:
            message = " ".join(str(exc).split())[:300]
            fix = (
                "rebuild it with `kg1571 build`"
                if export
                else f"fix the file, or give it the extension of the format it is in ({KNOWN_EXTENSIONS})"
            )
            raise QueryError(f"{path}: not valid {fmt.name} ({chosen}): {message}; {fix}") from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"{path}: cannot read it as {fmt.name} ({chosen}): {exc}") from None
        return cls(store, base_iri, limits)

    @classmethod
    def from_graph(cls, graph: rdflib.Graph, base_iri: str = DEFAULT_BASE_IRI) -> QueryEngine:
        return cls.from_ntriples(graph.serialize(format="nt", encoding="utf-8"), base_iri)

    def holds_subject(self, iri: str) -> bool:
        """Whether the graph says anything about ``iri``."""
        import pyoxigraph as ox

        return next(iter(self.store.quads_for_pattern(ox.NamedNode(iri), None, None)), None) is not None

    def concept_ids(self) -> list[str]:
        """The ids (local names under ``kc:``) of every skos:Concept, sorted."""
        answer = self.run("SELECT ?c WHERE { ?c a skos:Concept }")
        kc = self.prefixes["kc"]
        assert isinstance(answer, SelectResult)
        return sorted(t.value[len(kc) :] for (t,) in answer.rows if t is not None and t.value.startswith(kc))

    def __len__(self) -> int:
        return len(self.store)

    def _query(self, text: str) -> object:
        return self.store.query(text, prefixes=self.prefixes, base_iri=self.base_iri)

    def _answer(self, request: object) -> object:
        """In the worker: run one query and turn its answer into plain values (or serialized bytes)."""
        import pyoxigraph as ox

        assert isinstance(request, tuple)
        kind: str = request[0]
        text: str = request[1]
        fmt: str = request[2]
        raw = self._query(text)
        if kind == "serialize":
            if isinstance(raw, ox.QuerySolutions | ox.QueryBoolean):
                return raw.serialize(format=_RESULTS_FORMATS[fmt]()) or b""
            return None
        if isinstance(raw, ox.QueryBoolean):
            return AskResult(bool(raw))
        if isinstance(raw, ox.QuerySolutions):
            variables = tuple(v.value for v in raw.variables)
            rows = tuple(tuple(_term(solution[v]) for v in variables) for solution in raw)
            return SelectResult(variables, rows)
        triples = list(raw)  # type: ignore[call-overload]
        return GraphResult(_turtle(triples, self.prefixes), len(triples))

    def _limited(self, request: tuple[str, str, str], source: str) -> object:
        """One request to the worker, under the engine's limits, with its failures as our errors."""
        try:
            return self._worker.call(request, source)
        except SyntaxError as exc:
            raise _syntax_error(exc, source, request[1], self.prefixes) from None
        except OSError as exc:
            raise QueryError(f"{source}: query failed: {exc}") from None
        except ChildFailure as failure:
            if failure.kind == "SyntaxError":
                raise _syntax_error(failure, source, request[1], self.prefixes) from None
            if failure.kind in ("OSError", "RuntimeError", "ValueError"):
                raise QueryError(f"{source}: query failed: {failure}") from None
            if failure.kind.endswith("Error") and failure.kind.startswith("Query"):
                raise QueryError(str(failure)) from None
            raise QueryError(f"{source}: the query failed ({failure.kind}: {failure})") from None

    def run(self, text: str, source: str = "query") -> Result:
        """Run one query and return its answer as plain values (to show as a table or compare with a store)."""
        check_read_only_and_local(text, source)
        answer = self._limited(("run", text, ""), source)
        assert isinstance(answer, AskResult | SelectResult | GraphResult)
        return answer

    def serialize(self, text: str, fmt: str, source: str = "query") -> bytes:
        """Run one query; SELECT and ASK answers in a SPARQL 1.1 results format (csv, tsv, json, xml) written
        by pyoxigraph, CONSTRUCT and DESCRIBE answers as Turtle."""
        if fmt not in _RESULTS_FORMATS:
            raise QueryError(f"unknown results format {fmt!r}; choose one of {', '.join(_RESULTS_FORMATS)}")
        check_read_only_and_local(text, source)
        data = self._limited(("serialize", text, fmt), source)
        if data is None:
            raise QueryError(
                f"{source}: --format {fmt} is for SELECT and ASK; CONSTRUCT and DESCRIBE give Turtle "
                "(leave out --format)"
            )
        assert isinstance(data, bytes)
        return data


def _results_format(name: str):  # noqa: ANN202 - pyoxigraph's enum, imported lazily
    def get():  # noqa: ANN202
        import pyoxigraph as ox

        return getattr(ox.QueryResultsFormat, name)

    return get


_RESULTS_FORMATS = {"csv": _results_format("CSV"), "tsv": _results_format("TSV"), "json": _results_format("JSON"),
                    "xml": _results_format("XML")}  # fmt: skip


def _turtle(triples: list, prefixes_: dict[str, str]) -> str:
    """Serialise CONSTRUCT/DESCRIBE triples as sorted Turtle with the predeclared prefixes."""
    import pyoxigraph as ox

    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes_)
    return data.decode("utf-8") if data else ""


#: The extensions --data understands, as messages list them.
KNOWN_EXTENSIONS = ".ttl, .nt, .nq, .trig, .n3, .rdf, .xml, .jsonld, .json"


def data_file_format(path: Path, error: type[Kg1571Error]) -> tuple[pyoxigraph.RdfFormat, str]:
    """The RDF format of a --data file, from its extension as Oxigraph maps them (no extension: Turtle;
    `.txt` is N-Triples, text/plain), and how it was chosen, for messages; ``error`` (the command's error
    class) for a folder or an extension of no RDF format."""
    import pyoxigraph as ox

    if path.is_dir():
        raise error(f"{path}: is a folder; --data takes one RDF file ({KNOWN_EXTENSIONS})")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl")
    if fmt is None:
        raise error(
            f"{path}: {path.suffix!r} is not an extension of an RDF format; --data takes an RDF file named "
            f"with one of {KNOWN_EXTENSIONS} (rename it if it holds RDF in one of those formats)"
        )
    return fmt, f"read as {fmt.name}, chosen from the extension {path.suffix or '(none: Turtle assumed)'}"


def default_data_file(root: Path) -> Path:
    """The graph `kg1571 query` reads unless told otherwise: the committed Turtle export."""
    return root / "exports" / "kg1571.ttl"
