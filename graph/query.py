"""Run read-only SPARQL 1.1 queries in-process over the graph, with pyoxigraph (see docs/sparql-and-stores.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import Kg1571Error
from graph.namespaces import DEFAULT_BASE_IRI, prefixes  # noqa: F401 (prefixes: re-exported)
from graph.results import AskResult, GraphResult, Result, SelectResult, Term

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib


class QueryError(Kg1571Error):
    """A query that cannot run: malformed, an update, or an engine failure."""

    exit_code = 2


class QuerySyntaxError(QueryError):
    """The parser rejected the query; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None, source: str = "query"):
        self.line, self.column = line, column
        where = f"{source}:{line}:{column}: " if line is not None else f"{source}: "
        super().__init__(f"{where}SPARQL syntax error: {message}")


class UpdateRefused(QueryError):
    """`kg1571 query` is read-only."""


_COMMENT_OR_STRING = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''  # long strings
    r'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''  # short strings
    r'|<[^<>\s]*>|#[^\n]*'  # IRIs, comments
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def query_form(text: str) -> str:
    """The first keyword after the prologue, upper-cased: SELECT, ASK, CONSTRUCT, DESCRIBE, INSERT ...

    Comments are skipped; returns "" when the text has no keyword at all.
    """
    without_comments = _COMMENT_OR_STRING.sub(lambda m: " " if m.group(0).startswith("#") else m.group(0), text)
    rest = without_comments[_PROLOGUE.match(without_comments).end():]
    match = re.match(r"[A-Za-z]+", rest)
    return match.group(0).upper() if match else ""


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request rather than a query."""
    return query_form(text) in _UPDATE_KEYWORDS


_POSITION = re.compile(r"error at (\d+):(\d+):\s*")


def _syntax_error(exc: Exception, source: str) -> QuerySyntaxError:
    message = str(exc)
    line = column = None
    match = _POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[match.end():]
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
    """An in-memory pyoxigraph store holding one graph in its default graph; answers read-only queries."""

    def __init__(self, store: pyoxigraph.Store, base_iri: str = DEFAULT_BASE_IRI):
        self.store = store
        self.base_iri = base_iri
        self.prefixes = prefixes(base_iri)

    @classmethod
    def from_ntriples(cls, data: bytes, base_iri: str = DEFAULT_BASE_IRI) -> QueryEngine:
        import pyoxigraph as ox

        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
        return cls(store, base_iri)

    @classmethod
    def from_file(cls, path: Path, base_iri: str = DEFAULT_BASE_IRI) -> QueryEngine:
        """Load a Turtle (.ttl), N-Triples (.nt) or RDF/XML file."""
        import pyoxigraph as ox

        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl")
        if fmt is None:
            raise QueryError(f"{path}: unknown RDF file extension; use .ttl or .nt")
        store = ox.Store()
        try:
            store.load(path=str(path), format=fmt)
        except FileNotFoundError:
            raise QueryError(f"{path}: data file not found; run `kg1571 build` first or pass --data FILE") from None
        except SyntaxError as exc:
            raise QueryError(f"{path}: not valid RDF: {exc}; rebuild it with `kg1571 build`") from None
        return cls(store, base_iri)

    @classmethod
    def from_graph(cls, graph: rdflib.Graph, base_iri: str = DEFAULT_BASE_IRI) -> QueryEngine:
        return cls.from_ntriples(graph.serialize(format="nt", encoding="utf-8"), base_iri)

    def __len__(self) -> int:
        return len(self.store)

    def run(self, text: str, source: str = "query") -> Result:
        """Run one query; raise UpdateRefused for an update and QuerySyntaxError for a malformed query."""
        import pyoxigraph as ox

        if is_update(text):
            raise UpdateRefused(
                f"{source}: {query_form(text)} is a SPARQL Update; `kg1571 query` is read-only. "
                "To change the graph, edit ontology/curation/*.yaml and run `kg1571 build`; "
                "to update a store, use `kg1571 load`."
            )
        try:
            answer = self.store.query(text, prefixes=self.prefixes, base_iri=self.base_iri)
        except SyntaxError as exc:
            raise _syntax_error(exc, source) from None
        except OSError as exc:
            raise QueryError(f"{source}: query failed: {exc}") from None
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows = tuple(tuple(_term(solution[v]) for v in variables) for solution in answer)
            return SelectResult(variables, rows)
        triples = list(answer)
        return GraphResult(_turtle(triples, self.prefixes), len(triples))


def _turtle(triples: list, prefixes_: dict[str, str]) -> str:
    """Serialise CONSTRUCT/DESCRIBE triples as sorted Turtle with the predeclared prefixes."""
    import pyoxigraph as ox

    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes_)
    return data.decode("utf-8") if data else ""


def default_data_file(root: Path) -> Path:
    """The graph `kg1571 query` reads unless told otherwise: the committed Turtle export."""
    return root / "exports" / "kg1571.ttl"
