"""SPARQL results as plain values: one term model for every engine, and the output formats of `kg1571 query`."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

FORMATS = ("table", "csv", "tsv", "json")


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

    def n3(self) -> str:
        """N-Triples form: ``<iri>``, ``"text"@zh``, ``"1"^^<...#integer>``, ``_:b``."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        text = '"' + _escape(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype and self.datatype != XSD_STRING:
            return f"{text}^^<{self.datatype}>"
        return text

    def to_json(self) -> dict[str, str]:
        """The binding object of the SPARQL 1.1 Query Results JSON Format."""
        if self.kind == "uri":
            return {"type": "uri", "value": self.value}
        if self.kind == "bnode":
            return {"type": "bnode", "value": self.value}
        out = {"type": "literal", "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype != XSD_STRING:
            out["datatype"] = self.datatype
        return out

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
        raise ValueError(f"unknown term type {kind!r} in SPARQL JSON results")


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


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


def to_json(result: SelectResult | AskResult) -> str:
    """SPARQL 1.1 Query Results JSON, keys in a fixed order, non-ASCII text kept readable."""
    if isinstance(result, AskResult):
        doc: dict = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {v: t.to_json() for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_csv(result: SelectResult) -> str:
    """SPARQL 1.1 CSV: lexical values only."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row])
    return out.getvalue()


def to_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 TSV: a header of ?variables, then terms in N-Triples form."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


def display_width(text: str) -> int:
    """Columns a terminal uses for ``text``: East Asian wide and fullwidth characters take two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def compact(term: Term | None, prefixes: dict[str, str]) -> str:
    """How a table cell shows a term: IRIs as prefixed names where possible, literals as text."""
    if term is None:
        return ""
    if term.kind == "uri":
        best = ""
        for prefix, namespace in prefixes.items():
            if term.value.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
                local = term.value[len(namespace):]
                if local and all(c.isalnum() or c in "-_." for c in local):
                    best = prefix
        if best:
            return f"{best}:{term.value[len(prefixes[best]):]}"
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    text = term.value.replace("\n", " ")
    return f"{text}@{term.lang}" if term.lang and term.lang not in ("zh", "en") else text


def to_table(result: SelectResult | AskResult, prefixes: dict[str, str]) -> str:
    """An aligned text table (Chinese text counted as double width), with a row count."""
    if isinstance(result, AskResult):
        return ("yes" if result.boolean else "no") + "\n"
    header = list(result.variables)
    cells = [[compact(t, prefixes) for t in row] for row in result.rows]
    widths = [display_width(h) for h in header]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row, strict=True)]
    rule = "-+-".join("-" * w for w in widths)
    lines = [" | ".join(_pad(h, w) for h, w in zip(header, widths, strict=True)).rstrip(), rule]
    for row in cells:
        lines.append(" | ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    count = len(cells)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(result: Result, fmt: str, prefixes: dict[str, str]) -> str:
    """Render any result in ``fmt`` (table, csv, tsv, json); graphs are always Turtle."""
    if isinstance(result, GraphResult):
        return result.turtle
    if fmt == "table":
        return to_table(result, prefixes)
    if fmt == "json":
        return to_json(result)
    if isinstance(result, AskResult):
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
