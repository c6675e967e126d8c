"""The named query library: graph/queries/*.rq, each opening with its question in Chinese and English.

Header format (comment lines before the first PREFIX)::

    # zh: 框架的四个组成部分依次是什么？
    # en: What are the four components of the framework, in order?
    # param: concept = kc:main-line -- the concept whose evidence to list

A parameter is bound in the body by a line ``VALUES ?concept { kc:mongolian-horse-spirit }``; the file
runs as-is on any SPARQL 1.1 store with its default value, and ``--param concept=kc:other`` rewrites
that line. A parameter whose default is a quoted string takes text (``--param keyword=生态``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg1571.errors import NamedQueryError
from kg1571.namespaces import DEFAULT_BASE_IRI
from kg1571.sparql.engine import prefixes


@dataclass(frozen=True)
class Parameter:
    """A ``VALUES`` variable of a named query that the caller may rebind."""

    name: str
    default: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One .rq file of the library."""

    name: str
    question_zh: str
    question_en: str
    parameters: tuple[Parameter, ...]
    text: str

    def render(self, bindings: dict[str, str] | None = None, base_iri: str = DEFAULT_BASE_IRI) -> str:
        """The query text with parameters bound and ``kc:`` pointing at ``base_iri``'s concepts."""
        text = self.text
        kc = prefixes(base_iri)["kc"]
        text = re.sub(r"(?m)^(PREFIX\s+kc:\s*)<[^>]*>", lambda m: f"{m.group(1)}<{kc}>", text)
        known = {p.name for p in self.parameters}
        for name, value in (bindings or {}).items():
            if name not in known:
                hint = ", ".join(sorted(known)) or "none"
                raise NamedQueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {hint})")
            default = next(p.default for p in self.parameters if p.name == name)
            term = _literal_term(value) if default.startswith('"') else _parameter_term(name, value)
            pattern = re.compile(rf"VALUES\s+\?{re.escape(name)}\s*\{{[^}}]*\}}")
            # a function, not a template string: the term must never be read as a regex replacement
            replacement = f"VALUES ?{name} {{ {term} }}"

            def _bound(_match: re.Match[str], value: str = replacement) -> str:
                return value

            text, count = pattern.subn(_bound, text, count=1)
            if count != 1:
                raise NamedQueryError(
                    f"{self.name}.rq declares parameter {name!r} but has no `VALUES ?{name} {{ ... }}` line"
                )
        return text


_PREFIXED = re.compile(r"^[A-Za-z][\w-]*:[\w.-]*$")
_IRI = re.compile(r"^<[^<>\"{}|^`\\\s]+>$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _literal_term(value: str) -> str:
    """A plain string literal for a text parameter (e.g. a keyword), escaped for SPARQL."""
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def parameter_iri(value: str, base_iri: str = DEFAULT_BASE_IRI) -> str | None:
    """The full IRI a concept parameter value names (``id``, ``kc:id``, ``prefix:local`` or ``<iri>``), or None
    for a text parameter or a value that is not a term."""
    value = value.strip()
    if _IRI.match(value):
        return value[1:-1]
    known = prefixes(base_iri)
    if _PREFIXED.match(value) and value.split(":", 1)[0] in known:
        prefix, local = value.split(":", 1)
        return known[prefix] + local
    if _ID.match(value):
        return known["kc"] + value
    return None


def _parameter_term(name: str, value: str) -> str:
    """A safe SPARQL term for a parameter value: ``<iri>``, ``prefix:local`` or a bare concept id."""
    value = value.strip()
    if _IRI.match(value) or (_PREFIXED.match(value) and value.split(":", 1)[0] in prefixes()):
        return value
    if _ID.match(value):
        return f"kc:{value}"
    raise NamedQueryError(
        f"parameter {name}={value!r} is not a concept: give a concept id (e.g. mongolian-horse-spirit), "
        "a prefixed name (kc:mongolian-horse-spirit) or a full IRI in <angle brackets>"
    )


_HEADER = re.compile(r"^#\s*(zh|en|param):\s*(.*)$")


def parse(name: str, text: str) -> NamedQuery:
    """Read a .rq file's header; raise NamedQueryError when the zh or en question is missing."""
    found: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            head, _, description = value.partition("--")
            pname, _, default = head.partition("=")
            params.append(Parameter(pname.strip(), default.strip(), description.strip()))
        else:
            found[key] = value.strip()
    missing = [k for k in ("zh", "en") if not found.get(k)]
    if missing:
        raise NamedQueryError(f"{name}.rq: the header lacks its `# {missing[0]}: question` comment line")
    return NamedQuery(name, found["zh"], found["en"], tuple(params), text)


#: The named queries, files shipped inside the package (a path, not importlib.resources: cheaper to import).
QUERIES = Path(__file__).parent / "queries"


def names() -> list[str]:
    """Names of all named queries, sorted."""
    folder = QUERIES
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


def get(name: str) -> NamedQuery:
    """Load one named query; an unknown name lists the known ones."""
    path = QUERIES / f"{name}.rq"
    if name not in names():  # never a path: `--name ../../x` must not read x.rq elsewhere on disk
        import difflib

        close = difflib.get_close_matches(name, names(), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise NamedQueryError(f"no named query {name!r}; {hint}`kg1571 query --list` shows them: {', '.join(names())}")
    if not path.is_file():
        raise NamedQueryError(f"no named query {name!r}; `kg1571 query --list` shows them: {', '.join(names())}")
    return parse(name, path.read_text(encoding="utf-8"))


def all_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return [get(n) for n in names()]
