"""The `query` command, and how every graph-reading command finds its graph (exports, --data or --fresh)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg1571.errors import NamedQueryError, QueryError
from kg1571.namespaces import DEFAULT_BASE_IRI


def _root(args: argparse.Namespace) -> Path:
    from kg1571.cli.build import project_root

    return project_root(args).path


def base_iri(args: argparse.Namespace) -> str:
    return getattr(args, "base_iri", None) or DEFAULT_BASE_IRI


def data_file(args: argparse.Namespace) -> Path | None:
    """The file to read the graph from, or None when it must be built from the curation."""
    if args.data is not None:
        return args.data
    if getattr(args, "fresh", False) or base_iri(args) != DEFAULT_BASE_IRI:
        return None
    from kg1571.sparql.engine import default_data_file

    path = default_data_file(_root(args))
    return path if path.is_file() else None


def built_ntriples(args: argparse.Namespace, validate: bool) -> bytes:
    """Build the graph from the curation (SHACL-validated when ``validate``) as N-Triples."""
    from kg1571.pipeline import build_triples, build_validated_graph, load_project

    project = load_project(_root(args), base_iri=base_iri(args))
    return (build_validated_graph(project) if validate else build_triples(project)).ntriples


def cmd_query(args: argparse.Namespace) -> int:
    """Run a read-only SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) in-process over the graph.

    The query comes from -e TEXT, a file (- for stdin) or --name NAME from the named library
    (--list shows it). The prefixes k: kc: skos: oa: dcterms: rdf: rdfs: xsd: owl: dcat: spdx: are predeclared.
    The graph is exports/kg1571.ttl (or --data FILE; --fresh builds it from the curation).

    Example:
      kg1571 query --list
      kg1571 query --name framework-components
      kg1571 query --name concept-evidence --param concept=mongolian-horse-spirit --format csv
      kg1571 query -e 'SELECT ?c ?label WHERE { ?c a k:KeyTask ; k:order ?o ; skos:prefLabel ?label
                       FILTER(lang(?label) = "zh") } ORDER BY ?o'
      kg1571 query my-question.rq --format json
    """
    from kg1571.sparql import library
    from kg1571.sparql.engine import QueryEngine
    from kg1571.sparql.results import GraphResult, to_table

    if args.list:
        for named in library.all_queries():
            params = "".join(f" [--param {p.name}=...]" for p in named.parameters)
            print(f"{named.name}{params}\n    {named.question_zh}\n    {named.question_en}")
        return 0
    sources = [s for s in (args.expression, args.file, args.name) if s is not None]
    if len(sources) != 1:
        raise QueryError("give exactly one query: -e 'TEXT', a .rq FILE, or --name NAME (see --list)")
    bindings = _parse_params(args.param)
    named_query = library.get(args.name) if args.name is not None else None
    if named_query is not None:
        text, source = named_query.render(bindings, base_iri(args)), f"{args.name}.rq"
    else:
        if bindings:
            raise QueryError("--param applies to named queries only (--name NAME)")
        text, source = _query_text(args)
    _check_format(args.format, text, source)
    from kg1571.sparql.sandbox import Limits

    limits = Limits(timeout_s=args.timeout or None)
    data = data_file(args)
    if data is not None:
        engine = QueryEngine.from_file(data, base_iri(args), limits, export=args.data is None)
    else:
        engine = QueryEngine.from_ntriples(built_ntriples(args, validate=False), base_iri(args), limits)
    if named_query is not None:
        _check_concepts(engine, named_query, bindings)
    if args.format in ("table", "turtle"):
        result = engine.run(text, source)
        sys.stdout.write(result.turtle if isinstance(result, GraphResult) else to_table(result, engine.prefixes))
        return 0
    data_out = engine.serialize(text, args.format, source)
    sys.stdout.buffer.write(data_out if data_out.endswith(b"\n") else data_out + b"\n")
    sys.stdout.flush()
    return 0


def _check_format(fmt: str, text: str, source: str) -> None:
    """Refuse an output format that does not fit the query form, before the graph is loaded."""
    from kg1571.sparql.engine import query_form

    form = query_form(text)
    if fmt == "turtle" and form in ("SELECT", "ASK"):
        raise QueryError(
            f"{source}: --format turtle is for CONSTRUCT and DESCRIBE; a {form} answers as a table, csv, tsv, "
            "json or xml"
        )
    if fmt not in ("table", "turtle") and form in ("CONSTRUCT", "DESCRIBE"):
        raise QueryError(
            f"{source}: --format {fmt} is for SELECT and ASK; a {form} answers in Turtle "
            "(leave out --format or give --format turtle)"
        )


def _query_text(args: argparse.Namespace) -> tuple[str, str]:
    """The query text and how messages name its source: -e TEXT, a file, or stdin (-)."""
    if args.expression is not None:
        return args.expression, "-e"
    if str(args.file) == "-":
        raw, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            raw, source = args.file.read_bytes(), str(args.file)
        except IsADirectoryError:
            raise QueryError(f"{args.file}: is a folder, not a query file") from None
        except OSError as exc:
            raise QueryError(f"{args.file}: cannot read the query file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{source}: not UTF-8 text (byte {exc.start}); a query is a UTF-8 text file") from None
    if "\x00" in text:
        raise QueryError(
            f"{source}: holds a NUL byte (at byte {raw.index(0)}); a query is a text file, not binary data"
        )
    return text, source


def _check_concepts(engine: object, named: object, bindings: dict[str, str]) -> None:
    """An unknown concept id given to a parameter is an error that suggests close ids."""
    from kg1571.sparql.engine import QueryEngine
    from kg1571.sparql.library import NamedQuery, parameter_iri

    assert isinstance(engine, QueryEngine) and isinstance(named, NamedQuery)
    concept_params = {p.name for p in named.parameters if not p.default.startswith('"')}
    for name, value in bindings.items():
        if name not in concept_params:
            continue
        iri = parameter_iri(value, engine.base_iri)
        if iri is None or engine.holds_subject(iri):
            continue
        import difflib

        ids = engine.concept_ids()
        local = iri.rsplit("/", 1)[-1]
        close = difflib.get_close_matches(local, ids, n=3, cutoff=0.7)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "`kg1571 query -e 'SELECT ?c WHERE { ?c a skos:Concept }'` lists them"
        )
        raise NamedQueryError(f"--param {name}={value}: no concept {local!r} in the graph; {hint}")


def _parse_params(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, term = value.partition("=")
        if not sep or not name.strip():
            raise NamedQueryError(
                f"--param {value!r}: write it as NAME=VALUE, e.g. --param concept=mongolian-horse-spirit"
            )
        out[name.strip()] = term.strip()
    return out


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `query` to the CLI."""
    from kg1571.cli import add_command, checked, seconds
    from kg1571.sparql.results import FORMATS
    from kg1571.sparql.sandbox import DEFAULT_TIMEOUT_S

    query = add_command(commands, common, "query", cmd_query)
    query.add_argument("file", nargs="?", type=Path, default=None, help="a file holding the query (- reads stdin)")
    query.add_argument("-e", "--expression", metavar="TEXT", help="the query text")
    query.add_argument("--name", metavar="NAME", help="a named query from the library (see --list)")
    query.add_argument("--list", action="store_true", help="list the named queries with their questions")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a named query's parameter to a concept id, kc:id or <IRI> (repeatable)",
    )
    query.add_argument(
        "--format",
        choices=[*FORMATS, "turtle"],
        default="table",
        help="output for SELECT/ASK: aligned table (default), csv, tsv, json (SPARQL results "
        "JSON); CONSTRUCT/DESCRIBE always give Turtle",
    )
    query.add_argument(
        "--data",
        type=Path,
        default=None,
        help="query this RDF file instead (format from its extension: .ttl .nt .nq .trig .n3 .rdf .xml .jsonld)",
    )
    query.add_argument("--fresh", action="store_true", help="build the graph from the curation instead of exports/")
    query.add_argument(
        "--timeout",
        type=checked(seconds),
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"stop the query after this many seconds (default {DEFAULT_TIMEOUT_S:g}; 0: no limit)",
    )
