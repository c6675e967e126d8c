"""The `query`, `load` and `serve` commands of the CLI (registered by graph.cli through :func:`register`)."""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

from graph.namespaces import DEFAULT_BASE_IRI


def _root(args: argparse.Namespace) -> Path:
    if getattr(args, "root", None) is not None:
        return args.root
    from graph.pipeline import default_root

    return default_root()


def _base_iri(args: argparse.Namespace) -> str:
    return getattr(args, "base_iri", None) or DEFAULT_BASE_IRI


def _data_file(args: argparse.Namespace) -> Path | None:
    """The file to read the graph from, or None when it must be built from the curation."""
    if args.data is not None:
        return args.data
    if getattr(args, "fresh", False) or _base_iri(args) != DEFAULT_BASE_IRI:
        return None
    from graph.query import default_data_file

    path = default_data_file(_root(args))
    return path if path.is_file() else None


def _built_ntriples(args: argparse.Namespace, validate: bool) -> bytes:
    """Build the graph from the curation (SHACL-validated when ``validate``) as N-Triples."""
    from graph.pipeline import build_graph, build_validated_graph, load_project

    project = load_project(_root(args), base_iri=_base_iri(args))
    graph = build_validated_graph(project) if validate else build_graph(project)
    return graph.serialize(format="nt", encoding="utf-8")


def cmd_query(args: argparse.Namespace) -> int:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) in-process over the graph.

    The query comes from -e TEXT, a file (- for stdin) or --name NAME from the named library
    (--list shows it). The prefixes k: kc: skos: oa: dcterms: rdf: rdfs: xsd: owl: dcat: spdx: are predeclared.
    The graph is exports/kg1571.ttl (or --data FILE; --fresh builds it from the curation).

    Example:
      kg1571 query --list
      kg1571 query --name framework-components
      kg1571 query --name concept-evidence --param concept=mengguma-jingshen --format csv
      kg1571 query -e 'SELECT ?c ?label WHERE { ?c a k:KeyTask ; k:order ?o ; skos:prefLabel ?label
                       FILTER(lang(?label) = "zh") } ORDER BY ?o'
      kg1571 query my-question.rq --format json
    """
    from graph import library
    from graph.query import QueryEngine, QueryError
    from graph.results import GraphResult, render

    if args.list:
        for named in library.all_queries():
            params = "".join(f" [--param {p.name}=...]" for p in named.parameters)
            print(f"{named.name}{params}\n    {named.question_zh}\n    {named.question_en}")
        return 0
    sources = [s for s in (args.expression, args.file, args.name) if s is not None]
    if len(sources) != 1:
        raise QueryError("give exactly one query: -e 'TEXT', a .rq FILE, or --name NAME (see --list)")
    bindings = _parse_params(args.param)
    if args.name is not None:
        text, source = library.get(args.name).render(bindings, _base_iri(args)), f"{args.name}.rq"
    else:
        if bindings:
            raise QueryError("--param applies to named queries only (--name NAME)")
        if args.expression is not None:
            text, source = args.expression, "-e"
        elif str(args.file) == "-":
            text, source = sys.stdin.read(), "<stdin>"
        else:
            try:
                text, source = args.file.read_text(encoding="utf-8"), str(args.file)
            except OSError as exc:
                raise QueryError(f"{args.file}: cannot read the query file ({exc.strerror})") from None
    data = _data_file(args)
    if data is not None:
        engine = QueryEngine.from_file(data, _base_iri(args))
    else:
        engine = QueryEngine.from_ntriples(_built_ntriples(args, validate=False), _base_iri(args))
    result = engine.run(text, source)
    if isinstance(result, GraphResult) and args.format not in ("table", "turtle"):
        raise QueryError(f"--format {args.format} is for SELECT and ASK; CONSTRUCT and DESCRIBE give Turtle")
    sys.stdout.write(render(result, "table" if args.format == "turtle" else args.format, engine.prefixes))
    return 0


def _parse_params(values: list[str]) -> dict[str, str]:
    from graph.library import NamedQueryError

    out = {}
    for value in values:
        name, sep, term = value.partition("=")
        if not sep or not name.strip():
            raise NamedQueryError(f"--param {value!r}: write it as NAME=VALUE, e.g. --param concept=mengguma-jingshen")
        out[name.strip()] = term.strip()
    return out


def cmd_load(args: argparse.Namespace) -> int:
    """Load the graph into a named graph of a running triple store (SPARQL 1.1 Graph Store Protocol).

    The graph is built from the curation and SHACL-validated first (or read from --data FILE). It
    replaces the named graph (default <BASE>graph) without ever leaving it half-written: stores whose
    PUT is not atomic get a staging graph swapped in with MOVE. The triples are counted afterwards.
    Credentials: $KG1571_STORE_USER and $KG1571_STORE_PASSWORD, or ~/.netrc (basic or digest auth).

    Store layouts under the base URL:
      oxigraph   URL/store, URL/query, URL/update            e.g. http://127.0.0.1:7878
      virtuoso   URL/sparql-graph-crud-auth, URL/sparql, URL/sparql-auth   e.g. http://127.0.0.1:8890
      fuseki     DATASET/data, DATASET/query, DATASET/update e.g. http://127.0.0.1:3030/kg1571
      graphdb    REPO/rdf-graphs/service, REPO, REPO/statements  e.g. http://127.0.0.1:7200/repositories/kg1571
      generic    --gsp-url, --query-url and --update-url, no base URL

    Example:
      kg1571 load --store oxigraph http://127.0.0.1:7878
      KG1571_STORE_USER=dba KG1571_STORE_PASSWORD=dba kg1571 load --store virtuoso http://127.0.0.1:8890
      kg1571 load --store generic --gsp-url http://h/gsp --query-url http://h/q --update-url http://h/u
    """
    from graph.store import StoreClient, endpoints_for, ntriples_of

    endpoints = endpoints_for(args.store, args.url, gsp_url=args.gsp_url, query_url=args.query_url,
                              update_url=args.update_url, staging=args.staging)
    if args.data is not None:
        try:
            raw = args.data.read_bytes()
        except OSError as exc:
            from graph.store import StoreConfigError

            raise StoreConfigError(f"{args.data}: cannot read it ({exc.strerror})") from None
        data, count = ntriples_of(raw, "nt" if args.data.suffix == ".nt" else "ttl")
        what = str(args.data)
    else:
        data, count = ntriples_of(_built_ntriples(args, validate=True), "nt")
        what = "the curation (SHACL conforms)"
    from graph.namespaces import Iris

    graph = args.graph or str(Iris(_base_iri(args)).graph_name())
    client = StoreClient.connect(endpoints, attempts=args.retries + 1)
    report = client.load(graph, data, count)
    how = "through a staging graph swapped in with MOVE" if report.staged else "with one atomic PUT"
    print(f"loaded {report.triples:,} triples from {what} into <{graph}>\n"
          f"  at {endpoints.gsp} ({args.store}), {how}, in {report.seconds:.2f} s\n"
          f"  verified: the graph holds {report.triples:,} triples\n"
          f"  query it at {endpoints.query} (default-graph-uri={graph}, or GRAPH <{graph}> {{ ... }})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start a local read-only SPARQL endpoint (Oxigraph) with the graph loaded; Ctrl-C stops it.

    The graph (exports/kg1571.ttl, --data FILE, or built with --fresh) is in the default graph, so
    queries need no GRAPH clause. Its query page is at the base URL.

    Example:
      kg1571 serve
      kg1571 serve --port 8080
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    import signal
    import tempfile

    from graph.serve import start_oxigraph

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the server as cleanly as Ctrl-C

    signal.signal(signal.SIGTERM, _stop)

    with tempfile.TemporaryDirectory(prefix="kg1571-serve-") as tmp:
        data = _data_file(args)
        if data is None:
            data = Path(tmp) / "kg1571.nt"
            data.write_bytes(_built_ntriples(args, validate=False))
        server = start_oxigraph(data, host=args.host, port=args.port, read_only=True)
        try:
            print(f"serving {data.name if data.parent == Path(tmp) else data} (Oxigraph, read-only)\n"
                  f"  query page:       {server.base_url}/\n"
                  f"  SPARQL endpoint:  {server.query_url}\n"
                  f"  graph store:      {server.store_url}?default (GET)\n"
                  "Press Ctrl-C to stop.", flush=True)
            code = server.process.wait()
            print(f"Error: the Oxigraph server stopped by itself (exit code {code})", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("stopping the server ...", file=sys.stderr)
            return 0
        finally:
            server.stop()


def _add(commands: argparse._SubParsersAction, common: argparse.ArgumentParser | None, name: str, func,
         ) -> argparse.ArgumentParser:
    doc = inspect.cleandoc(func.__doc__ or "")
    sub = commands.add_parser(name, parents=[common] if common is not None else [], help=doc.splitlines()[0],
                              description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.set_defaults(func=func)
    return sub


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser | None = None) -> None:
    """Add `query`, `load` and `serve` to the CLI's subcommands (``common`` holds --root and --base-iri)."""
    from graph.results import FORMATS

    query = _add(commands, common, "query", cmd_query)
    query.add_argument("file", nargs="?", type=Path, default=None, help="a file holding the query (- reads stdin)")
    query.add_argument("-e", "--expression", metavar="TEXT", help="the query text")
    query.add_argument("--name", metavar="NAME", help="a named query from the library (see --list)")
    query.add_argument("--list", action="store_true", help="list the named queries with their questions")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind a named query's parameter to a concept id, kc:id or <IRI> (repeatable)")
    query.add_argument("--format", choices=[*FORMATS, "turtle"], default="table",
                       help="output for SELECT/ASK: aligned table (default), csv, tsv, json (SPARQL results "
                            "JSON); CONSTRUCT/DESCRIBE always give Turtle")
    query.add_argument("--data", type=Path, default=None, help="query this Turtle/N-Triples file instead")
    query.add_argument("--fresh", action="store_true", help="build the graph from the curation instead of exports/")

    from graph.store import STORES

    load = _add(commands, common, "load", cmd_load)
    load.add_argument("--store", choices=STORES, required=True, help="the store product (endpoint layout)")
    load.add_argument("url", nargs="?", default=None, help="the store's base URL (not with --store generic)")
    load.add_argument("--graph", metavar="IRI", default=None, help="target named graph (default: <BASE>graph)")
    load.add_argument("--gsp-url", default=None, help="Graph Store Protocol endpoint (overrides the layout)")
    load.add_argument("--query-url", default=None, help="SPARQL query endpoint (overrides the layout)")
    load.add_argument("--update-url", default=None, help="SPARQL update endpoint (overrides the layout)")
    load.add_argument("--data", type=Path, default=None, help="load this Turtle/N-Triples file instead of building")
    staging = load.add_mutually_exclusive_group()
    staging.add_argument("--staging", dest="staging", action="store_true", default=None,
                         help="load through a staging graph and MOVE (default for all but oxigraph)")
    staging.add_argument("--no-staging", dest="staging", action="store_false",
                         help="PUT straight into the target graph (only if the store's PUT is atomic)")
    load.add_argument("--retries", type=int, default=3, help="retries on connection errors and 5xx (default 3)")

    serve = _add(commands, common, "serve", cmd_serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    serve.add_argument("--data", type=Path, default=None, help="serve this Turtle/N-Triples file instead")
    serve.add_argument("--fresh", action="store_true", help="build the graph from the curation instead of exports/")
