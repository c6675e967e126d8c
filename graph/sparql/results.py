"""SPARQL results as plain values: one term model for every engine (to compare their answers), read from the
SPARQL 1.1 JSON results any store sends, and shown as an aligned table. CSV, TSV, JSON and XML output come
from pyoxigraph's own serializers (see kg1571.sparql.engine)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg1571.tables import format_table

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Output formats of `kg1571 query` for SELECT and ASK (CONSTRUCT and DESCRIBE always give Turtle).
FORMATS = ("table", "csv", "tsv", "json", "xml")


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term, normalised so that answers from different engines compare equal.

    ``kind`` is ``uri``, ``literal`` or ``bnode``. A literal without a language tag always carries a
    datatype (``xsd:string`` for a simple literal, as in RDF 1.1); language tags are lower case.
    """

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    @staticmethod
    def uri(value: str) -> Term:
        return Term("uri", value)

    @staticmethod
    def literal(value: str, lang: str | None = None, datatype: str | None = None) -> Term:
        if lang:
            return Term("literal", value, lang.lower(), None)
        return Term("literal", value, None, datatype or XSD_STRING)

    @staticmethod
    def from_json(obj: dict[str, str]) -> Term:
        """Read a binding object; accepts Virtuoso's SPARQL 1.0 ``typed-literal`` too."""
        kind = obj["type"]
        if kind == "uri":
            return Term.uri(obj["value"])
        if kind == "bnode":
            return Term("bnode", obj["value"])
        if kind in ("literal", "typed-literal"):
            return Term.literal(obj["value"], obj.get("xml:lang"), obj.get("datatype"))
        raise ValueError(f"unknown term type {kind!r} in SPARQL JSON results")  # the store client reports it


@dataclass(frozen=True)
class SelectResult:
    """Answer of a SELECT: the projected variables and the rows, in the engine's order."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


@dataclass(frozen=True)
class AskResult:
    """Answer of an ASK."""

    boolean: bool


@dataclass(frozen=True)
class GraphResult:
    """Answer of a CONSTRUCT or DESCRIBE, serialised as Turtle."""

    turtle: str
    triple_count: int


Result = SelectResult | AskResult | GraphResult


def parse_results_json(data: bytes | str) -> SelectResult | AskResult:
    """Parse a SPARQL 1.1 Query Results JSON document (as sent by any store) into a result."""
    doc = json.loads(data)
    if "boolean" in doc:
        return AskResult(bool(doc["boolean"]))
    variables = tuple(doc["head"].get("vars", []))
    rows = []
    for binding in doc["results"]["bindings"]:
        rows.append(tuple(Term.from_json(binding[v]) if v in binding else None for v in variables))
    return SelectResult(variables, tuple(rows))


def compact(term: Term | None, prefixes: dict[str, str]) -> str:
    """How a table cell shows a term: IRIs as prefixed names where possible, literals as text."""
    if term is None:
        return ""
    if term.kind == "uri":
        best = ""
        for prefix, namespace in prefixes.items():
            if term.value.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
                local = term.value[len(namespace) :]
                if local and all(c.isalnum() or c in "-_." for c in local):
                    best = prefix
        if best:
            return f"{best}:{term.value[len(prefixes[best]) :]}"
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = term.value.replace("\n", " ")
    return f"{text}@{term.lang}" if term.lang and term.lang not in ("zh", "en") else text


def to_table(result: SelectResult | AskResult, prefixes: dict[str, str]) -> str:
    """An aligned text table (Chinese text counted as double width), with a row count."""
    if isinstance(result, AskResult):
        return ("yes" if result.boolean else "no") + "\n"
    cells = [[compact(t, prefixes) for t in row] for row in result.rows]
    count = len(cells)
    table = format_table(list(result.variables), cells, gap=" | ", rule_gap="-+-")
    return f"{table}\n({count} row{'s' if count != 1 else ''})\n"
