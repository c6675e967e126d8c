"""Push the graph into a running triple store through the SPARQL 1.1 Graph Store HTTP Protocol, and query it.

A load never leaves a half-written or duplicated graph: where the store's PUT is not atomic (Virtuoso
keeps the triples parsed before an error) the data goes to a staging graph first, is counted there,
and is swapped in with one SPARQL Update ``MOVE``. After loading, the target graph is counted and
compared with the local graph.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass

from kg1571.errors import LoadVerificationError, StoreConfigError, StoreError
from kg1571.sparql.results import AskResult, SelectResult, parse_results_json
from kg1571.stores import STORES
from kg1571.stores.http import HttpClient, find_credentials

#: product -> (GSP path, query path, update path, needs a staging graph), relative to the base URL.
#: Every store is staged by default. Oxigraph: the server source (cli/src/main.rs, main branch) handles a
#: GSP PUT as two steps, `clear_graph` and then the load of the body, each its own transaction, so nothing
#: in the code promises that a failure between them leaves the old graph. Version 0.5.13 kept the old graph
#: when the body failed to parse and when the connection broke mid-body (tests/stores), but we do not rely
#: on it: the load goes to a staging graph and one SPARQL Update MOVE (one transaction) swaps it in.
#: Virtuoso's PUT keeps the triples parsed before an error; Fuseki's and GraphDB's depend on their storage
#: configuration, which we cannot see from here.
_LAYOUTS: dict[str, tuple[str, str, str, bool]] = {
    "oxigraph": ("/store", "/query", "/update", True),
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql", "/sparql-auth", True),
    "fuseki": ("/data", "/query", "/update", True),  # base URL = the dataset, e.g. http://host:3030/kg1571
    "graphdb": ("/rdf-graphs/service", "", "/statements", True),  # base URL = http://host:7200/repositories/REPO
}


@dataclass(frozen=True)
class Endpoints:
    """Where a store takes GSP requests, queries and updates, and whether loads go through staging."""

    store: str
    gsp: str
    query: str
    update: str
    staging: bool


def endpoints_for(
    store: str,
    base_url: str | None = None,
    *,
    gsp_url: str | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
    staging: bool | None = None,
) -> Endpoints:
    """The endpoint layout of ``store`` under ``base_url``; explicit URLs override (and are required for generic)."""
    if store not in STORES:
        raise StoreConfigError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")
    given = (("--gsp-url", gsp_url), ("--query-url", query_url), ("--update-url", update_url))
    for name, url in (("base URL", base_url), *given):
        if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise StoreConfigError(f"{name} {url!r} is not an http(s) URL, e.g. http://127.0.0.1:7878")
    if store == "generic":
        missing = [flag for flag, url in given if not url]
        if missing:
            raise StoreConfigError(f"--store generic needs explicit endpoint URLs; missing: {', '.join(missing)}")
        return Endpoints(store, gsp_url, query_url, update_url, True if staging is None else staging)  # type: ignore[arg-type]
    if not base_url:
        raise StoreConfigError(
            f"--store {store} needs the store's base URL, e.g. `kg1571 load --store {store} http://127.0.0.1:PORT`"
        )
    base = base_url.rstrip("/")
    gsp, query, update, staged = _LAYOUTS[store]
    return Endpoints(
        store,
        gsp_url or base + gsp,
        query_url or base + query,
        update_url or base + update,
        staged if staging is None else staging,
    )


@dataclass(frozen=True)
class LoadReport:
    """What a load did."""

    graph: str
    triples: int
    staged: bool
    seconds: float


def _iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        raise StoreConfigError(f"graph IRI {value!r} contains characters not allowed in an IRI")
    return f"<{value}>"


def staging_graph(graph: str) -> str:
    """The staging graph used while loading ``graph``."""
    return graph + ("-kg1571-staging" if "#" in graph else "#kg1571-staging")


class StoreClient:
    """GSP, query and update requests against one store."""

    def __init__(self, endpoints: Endpoints, http: HttpClient):
        self.endpoints = endpoints
        self.http = http

    @classmethod
    def connect(
        cls, endpoints: Endpoints, *, attempts: int = 4, backoff: float = 0.5, timeout: float = 60.0
    ) -> StoreClient:
        """A client for ``endpoints`` with credentials from the environment or ~/.netrc (see kg1571.stores.http)."""
        credentials = find_credentials(endpoints.gsp)
        urls = (endpoints.gsp, endpoints.query, endpoints.update)
        hosts = tuple(sorted({urllib.parse.urlsplit(u).hostname or "" for u in urls}))
        return cls(endpoints, HttpClient(credentials, attempts=attempts, backoff=backoff, timeout=timeout, hosts=hosts))

    def _gsp_url(self, graph: str) -> str:
        sep = "&" if "?" in self.endpoints.gsp else "?"
        return f"{self.endpoints.gsp}{sep}{urllib.parse.urlencode({'graph': graph})}"

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace ``graph`` with the N-Triples ``ntriples`` (GSP PUT)."""
        self.http.request(
            "PUT",
            self._gsp_url(graph),
            body=ntriples,
            headers={"Content-Type": "text/turtle; charset=utf-8"},
            what=f"upload of <{graph}>",
        )

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 Update."""
        body = urllib.parse.urlencode({"update": text}).encode("utf-8")
        self.http.request(
            "POST",
            self.endpoints.update,
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            what="SPARQL update",
        )

    def query(self, text: str, default_graph: str | None = None) -> SelectResult | AskResult:
        """Run a SELECT or ASK; ``default_graph`` becomes the query's default graph (``default-graph-uri``)."""
        fields = {"query": text}
        if default_graph:
            fields["default-graph-uri"] = default_graph
        body = urllib.parse.urlencode(fields).encode("utf-8")
        response = self.http.request(
            "POST",
            self.endpoints.query,
            body=body,
            what="SPARQL query",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        try:
            return parse_results_json(response.body)
        except (ValueError, KeyError) as exc:
            raise StoreError(
                f"{self.endpoints.query} did not answer with SPARQL JSON results ({exc}); check --store or --query-url"
            ) from None

    def construct(self, text: str, default_graph: str | None = None) -> list[str]:
        """Run a CONSTRUCT or DESCRIBE; its triples as sorted, distinct N-Triples lines (to compare stores)."""
        import pyoxigraph as ox

        fields = {"query": text}
        if default_graph:
            fields["default-graph-uri"] = default_graph
        response = self.http.request(
            "POST",
            self.endpoints.query,
            body=urllib.parse.urlencode(fields).encode("utf-8"),
            what="SPARQL query",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/turtle"},
        )
        try:
            triples = ox.parse(response.body, format=ox.RdfFormat.TURTLE)
            return sorted({f"{ox.Triple(t.subject, t.predicate, t.object)} ." for t in triples})
        except SyntaxError as exc:
            raise StoreError(f"{self.endpoints.query} did not answer a CONSTRUCT with Turtle ({exc})") from None

    def count(self, graph: str) -> int:
        """Number of triples in ``graph``."""
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")
        assert isinstance(result, SelectResult)
        return int(result.rows[0][0].value) if result.rows and result.rows[0][0] else 0

    def drop(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {_iri(graph)}")

    def load(self, graph: str, ntriples: bytes, expected: int) -> LoadReport:
        """Replace ``graph`` with ``ntriples`` (``expected`` distinct triples) and verify the count.

        With staging, a failure leaves the target graph exactly as it was.
        """
        started = time.monotonic()
        target = _iri(graph)
        if not self.endpoints.staging:
            self.put_graph(graph, ntriples)
        else:
            staging = staging_graph(graph)
            try:
                self.put_graph(staging, ntriples)
                staged_count = self.count(staging)
                if staged_count != expected:
                    raise LoadVerificationError(
                        f"the staging graph <{staging}> holds {staged_count} triples but {expected} were sent; "
                        f"<{graph}> was left unchanged. Does the store rewrite literals? Try another --store layout"
                    )
                self.update(f"MOVE GRAPH {_iri(staging)} TO GRAPH {target}")
            except BaseException:
                try:
                    self.drop(staging)
                except StoreError:
                    pass  # report the original failure, not the clean-up's
                raise
        found = self.count(graph)
        if found != expected:
            raise LoadVerificationError(
                f"after loading, <{graph}> holds {found} triples but {expected} were sent; "
                "another client may be writing to the same graph: load again"
            )
        return LoadReport(graph, expected, self.endpoints.staging, time.monotonic() - started)


def ntriples_of(data: bytes, fmt: str = "nt", source: str = "the data to load") -> tuple[bytes, int]:
    """Parse RDF (``fmt``: a file extension Oxigraph knows, e.g. nt, ttl, rdf, jsonld) locally; return canonical
    sorted N-Triples and its number of distinct triples.

    Counting after pyoxigraph's parse gives the number a store will hold (RDF 1.1 term equality).
    """
    import pyoxigraph as ox

    format_ = ox.RdfFormat.from_extension(fmt)
    if format_ is None:
        raise StoreConfigError(f"{source}: {fmt!r} is not an extension of an RDF format Oxigraph reads")
    try:
        triples = sorted({q.triple for q in ox.parse(data, format=format_)}, key=str)
    except SyntaxError as exc:
        raise StoreConfigError(f"{source}: not valid {format_.name}: {' '.join(str(exc).split())[:300]}") from None
    out = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return out, len(triples)
