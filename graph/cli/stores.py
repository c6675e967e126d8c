"""The `load` (into a triple store) and `serve` (a local SPARQL endpoint) commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg1571.cli.query import base_iri, built_ntriples, data_file


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
    from kg1571.stores.gsp import StoreClient, endpoints_for, ntriples_of

    endpoints = endpoints_for(
        args.store,
        args.url,
        gsp_url=args.gsp_url,
        query_url=args.query_url,
        update_url=args.update_url,
        staging=args.staging,
    )
    if args.data is not None:
        from kg1571.errors import StoreConfigError
        from kg1571.sparql.engine import data_file_format

        fmt, how = data_file_format(args.data, StoreConfigError)
        try:
            raw = args.data.read_bytes()
        except OSError as exc:
            raise StoreConfigError(f"{args.data}: cannot read it ({exc.strerror})") from None
        chosen = f"{args.data} ({how})"
        data, count = ntriples_of(raw, fmt.file_extension, chosen)
        what = str(args.data)
    else:
        data, count = ntriples_of(built_ntriples(args, validate=True), "nt")
        what = "the curation (SHACL conforms)"
    from kg1571.namespaces import Iris

    graph = args.graph or str(Iris(base_iri(args)).graph_name())
    client = StoreClient.connect(endpoints, attempts=args.retries + 1, timeout=args.timeout or 1e9)
    report = client.load(graph, data, count)
    how = "through a staging graph swapped in with MOVE" if report.staged else "straight in with one PUT (--no-staging)"
    print(
        f"loaded {report.triples:,} triples from {what} into <{graph}>\n"
        f"  at {endpoints.gsp} ({args.store}), {how}, in {report.seconds:.2f} s\n"
        f"  verified: the graph holds {report.triples:,} triples\n"
        f"  query it at {endpoints.query} (default-graph-uri={graph}, or GRAPH <{graph}> {{ ... }})"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start a local read-only SPARQL endpoint (Oxigraph) with the graph loaded; Ctrl-C stops it.

    The graph (exports/kg1571.ttl, --data FILE, or built with --fresh) is in the default graph, so
    queries need no GRAPH clause. Its query page is at the base URL. It listens on 127.0.0.1 unless
    --host says otherwise; SERVICE (federated) queries are refused, and each query stops after --timeout.

    Example:
      kg1571 serve
      kg1571 serve --port 8080
      kg1571 serve --port 0        # any free port (printed)
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    import signal
    import tempfile
    import threading

    from kg1571.errors import ServeError
    from kg1571.stores.guard import Backend, GuardedFront
    from kg1571.stores.serve import bind_error, start_oxigraph

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the server as cleanly as Ctrl-C

    signal.signal(signal.SIGTERM, _stop)

    backend = Backend("127.0.0.1", 0, args.timeout or 0)
    try:
        front = GuardedFront(args.host, args.port, backend)  # bound now: a port in use is an error at once
    except OSError as exc:
        raise bind_error(args.host, args.port, exc) from None
    try:
        with tempfile.TemporaryDirectory(prefix="kg1571-serve-") as tmp:
            data = data_file(args)
            if data is None:
                data = Path(tmp) / "kg1571.nt"
                data.write_bytes(built_ntriples(args, validate=False))
            elif not data.is_file():
                raise ServeError(f"{data}: not a file; --data takes one RDF file (Turtle .ttl or N-Triples .nt)")
            server = start_oxigraph(data, read_only=True, timeout_s=args.timeout or None, cleanup=(Path(tmp),))
            backend.port = server.port

            restarts: list[int] = []
            restarted = threading.Event()

            def stop_the_query() -> None:  # in a request's thread: the main thread starts the fresh server
                restarted.clear()
                restarts.append(server.process.pid)
                server.process.kill()
                restarted.wait(30)  # answer 503 once the fresh server is up

            backend.on_timeout = stop_the_query
            front.start()
            host = f"[{args.host}]" if ":" in args.host else args.host
            base = f"http://{host}:{front.port}"
            try:
                print(
                    f"serving {data.name if data.parent == Path(tmp) else data} (Oxigraph, read-only)\n"
                    f"  query page:       {base}/\n"
                    f"  SPARQL endpoint:  {base}/query\n"
                    f"  graph store:      {base}/store?default (GET)\n"
                    "Press Ctrl-C to stop.",
                    flush=True,
                )
                while True:
                    code = server.process.wait()
                    if server.process.pid not in restarts:
                        break
                    # killed after a time-out: a fresh server over the same database, started from this
                    # (main) thread so that it, too, dies with us
                    try:
                        server.restart()
                    finally:
                        backend.port = server.port
                        restarted.set()
                print(f"Error: the Oxigraph server stopped by itself (exit code {code})", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                print("stopping the server ...", file=sys.stderr)
                return 0
            finally:
                server.stop()
    finally:
        front.stop()


def _graph_iri(value: str) -> str:
    """--graph: an absolute IRI (a store resolves a relative one against its own URL)."""
    import urllib.parse

    if not urllib.parse.urlsplit(value).scheme or any(c in value for c in '<>"{}|^`\\ \n'):
        raise ValueError(
            f"{value!r} is not an absolute IRI: the store would resolve it against its own URL (e.g. "
            f"http://HOST:PORT/store/{value}); give a full IRI such as https://w3id.org/kg1571/{value}"
        )
    return value


def _host(value: str) -> str:
    """--host: an IP address (v4 or v6) or `localhost`, without a port."""
    import ipaddress

    if value == "localhost":
        return value
    try:
        return str(ipaddress.ip_address(value.strip("[]")))
    except ValueError:
        if value.count(":") == 1 and value.rsplit(":", 1)[1].isdigit():
            raise ValueError(
                f"{value!r}: give the address only and the port with --port, e.g. --host "
                f"{value.rsplit(':', 1)[0]} --port {value.rsplit(':', 1)[1]}"
            ) from None
        raise ValueError(f"{value!r} is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0) or localhost") from None


def _port(value: str) -> int:
    """--port: 0 (any free port) to 65535."""
    if not value.isdigit() or int(value) > 65535:
        raise ValueError(f"{value!r} is not a port number from 0 to 65535 (0: any free port)")
    return int(value)


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `load` and `serve` to the CLI."""
    from kg1571.cli import add_command, checked, seconds
    from kg1571.sparql.sandbox import DEFAULT_TIMEOUT_S
    from kg1571.stores import STORES

    load = add_command(commands, common, "load", cmd_load)
    load.add_argument("--store", choices=STORES, required=True, help="the store product (endpoint layout)")
    load.add_argument("url", nargs="?", default=None, help="the store's base URL (not with --store generic)")
    load.add_argument(
        "--graph",
        metavar="IRI",
        type=checked(_graph_iri),
        default=None,
        help="target named graph, an absolute IRI (default: <BASE>graph)",
    )
    load.add_argument("--gsp-url", default=None, help="Graph Store Protocol endpoint (overrides the layout)")
    load.add_argument("--query-url", default=None, help="SPARQL query endpoint (overrides the layout)")
    load.add_argument("--update-url", default=None, help="SPARQL update endpoint (overrides the layout)")
    load.add_argument(
        "--data", type=Path, default=None, help="load this RDF file instead of building (format from its extension)"
    )
    staging = load.add_mutually_exclusive_group()
    staging.add_argument(
        "--staging",
        dest="staging",
        action="store_true",
        default=None,
        help="load through a staging graph and MOVE (default for all but oxigraph)",
    )
    staging.add_argument(
        "--no-staging",
        dest="staging",
        action="store_false",
        help="PUT straight into the target graph (only if the store's PUT is atomic)",
    )
    load.add_argument("--retries", type=int, default=3, help="retries on connection errors and 5xx (default 3)")
    load.add_argument(
        "--timeout",
        type=checked(seconds),
        default=60.0,
        metavar="SECONDS",
        help="deadline of each request to the store, connect to last byte (default 60; 0: none)",
    )

    serve = add_command(commands, common, "serve", cmd_serve)
    serve.add_argument(
        "--host",
        type=checked(_host),
        default="127.0.0.1",
        help="IP address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 opens it to the network)",
    )
    serve.add_argument("--port", type=checked(_port), default=7878, help="port (default 7878; 0: any free port)")
    serve.add_argument(
        "--data", type=Path, default=None, help="serve this Turtle (.ttl) or N-Triples (.nt) file instead"
    )
    serve.add_argument("--fresh", action="store_true", help="build the graph from the curation instead of exports/")
    serve.add_argument(
        "--timeout",
        type=checked(seconds),
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"Oxigraph stops each query after this many seconds (default {DEFAULT_TIMEOUT_S:g}; 0: no limit)",
    )
