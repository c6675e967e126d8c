"""JSON-LD written from the build model, in the shape our explicit context defines (ontology/context.jsonld).

Why not a JSON-LD library: rdflib's serializer takes 8 s at 1M triples (issue #12) and needs an rdflib Graph,
which the build no longer makes. This writer does the one thing the exports need: each subject a node object, each
value written through the term of the context that fits it. The term choice follows rdflib's serializer,
which wrote this file until 0.3, so the bytes stay the same (except that rdflib also wrote a ``null`` into
every ``@set`` language map). tests/rdf/test_triples.py and test_linked_data.py prove it: pyld expands the document
to exactly the N-Triples, and the document equals rdflib's with the nulls removed.

Term choice, for a triple (s, p, o), as rdflib's ``Converter.add_to_node`` does it:
- an IRI object: a term with ``@id`` p and ``@type: @id`` writes the compact IRI as a string;
- a literal with language L: a term with ``@language`` L writes the string; a ``@language`` container
  writes a language map (a list per language with ``@set``);
- a literal with datatype D: a term with ``@type`` D writes the lexical form;
- anything else is keyed by p's compact IRI (``rdf:type`` by ``type``) with a value object;
  xsd:integer, xsd:boolean and xsd:double become JSON numbers and booleans (they expand to the same literal
  when the lexical form is canonical, as the build writes it).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _encode  # the C encoder of json.dumps(ensure_ascii=False)
from typing import Any

from kg1571.rdf.triples import RDF_LANG_STRING, XSD, Literal, Triple

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_UNDEF = ""  # no coercion / no container in a lookup key
_NATIVE = {XSD + "integer", XSD + "boolean", XSD + "double"}


class _Term:
    def __init__(self, name: str, iri: str, coercion: str, language: str, container: frozenset[str]):
        self.name, self.iri, self.coercion, self.language, self.container = name, iri, coercion, language, container


class JsonLdWriter:
    """Writes triples as a JSON-LD document compacted with one context (a JSON object, as in our file)."""

    def __init__(self, context: dict[str, Any]):
        self.context = context
        self._prefixes: dict[str, str] = {}  # namespace IRI -> prefix
        self._terms: dict[str, _Term] = {}
        self._lookup: dict[tuple[str, str, str], _Term] = {}
        for name, value in context.items():
            if name.startswith("@"):
                continue
            if isinstance(value, str):
                definition: dict[str, Any] = {"@id": value}
            elif isinstance(value, dict):
                definition = value
            else:
                continue
            iri = self._expand(str(definition.get("@id", name)))
            coercion = definition.get("@type", _UNDEF)
            coercion = coercion if coercion in ("@id", "@vocab", _UNDEF) else self._expand(coercion)
            raw_container = definition.get("@container", ())
            container = frozenset([raw_container] if isinstance(raw_container, str) else raw_container)
            term = _Term(name, iri, coercion, definition.get("@language", _UNDEF), container)
            self._terms[name] = term
            key = next((c for c in ("@list", "@language", "@set") if c in container), _UNDEF)
            self._lookup[(iri, coercion or term.language, key)] = term
            if isinstance(value, str) and value.endswith((":", "/", "?", "#", "[", "]", "@")):
                self._prefixes[iri] = name
        self._rules: dict[tuple[str, str, str], tuple[str, str, bool]] = {}

    def _expand(self, curie: str) -> str:
        prefix, colon, rest = curie.partition(":")
        value = self.context.get(prefix)
        if colon and isinstance(value, str) and not rest.startswith("//"):
            return value + rest
        return curie

    def shrink(self, iri: str) -> str:
        """The compact IRI by a prefix of the context (split at the last `#`, else `/`, else `:`), or the IRI."""
        for delimiter in "#/:":
            at = iri.rfind(delimiter)
            if at > -1:
                prefix = self._prefixes.get(iri[: at + 1])
                return f"{prefix}:{iri[at + 1 :]}" if prefix else iri
        return iri

    def _find(
        self, iri: str, coercion: str | None, container: str = _UNDEF, language: str | None = None
    ) -> _Term | None:
        lookup = self._lookup
        if coercion is None:
            coercion = language
        if coercion:
            if container and (found := lookup.get((iri, coercion, container))):
                return found
            if found := lookup.get((iri, coercion, _UNDEF)):
                return found
        if container:
            found = lookup.get((iri, coercion or _UNDEF, container))
        elif language:
            found = lookup.get((iri, _UNDEF, "@language"))
        else:
            found = lookup.get((iri, coercion or _UNDEF, "@set"))
        return found or lookup.get((iri, _UNDEF, _UNDEF))

    def symbol(self, iri: str) -> str:
        """A vocabulary-relative IRI (keys, types, datatypes): a plain term for it, else the compact IRI."""
        term = self._find(iri, None)
        return term.name if term else self.shrink(iri)

    def _rule(self, predicate: str, kind: str, detail: str) -> tuple[str, str, bool]:
        """(key, how to write the value, always a list) for a predicate and a kind of object."""
        found = self._rules.get((predicate, kind, detail))
        if found is not None:
            return found
        term: _Term | None = None
        if kind == "iri":
            for coercion in ("@id", "@vocab", _UNDEF):
                if term := self._find(predicate, coercion):
                    break
        else:
            term = self._find(predicate, detail if kind == "datatype" else None, language=detail or None)
        mode, use_set = "raw", False
        if term is not None:
            key = term.name
            if term.coercion == "@id" and kind == "iri":
                mode = "id"
            elif term.coercion == "@vocab" and kind == "iri":
                mode = "vocab"
            elif term.coercion and kind == "datatype" and term.coercion == detail:
                mode = "lexical"
            elif not term.coercion and term.language and kind == "language" and term.language == detail:
                mode = "lexical"
            if "@language" in term.container and kind == "language":
                mode = "language map"
                use_set = "@set" in term.container
            elif "@set" in term.container:
                use_set = True
        else:
            key = self.symbol(predicate)
            key_term = self._terms.get(key)
            if key_term is not None and (key_term.coercion or key_term.container):
                key = predicate
            if predicate == RDF_TYPE and kind == "iri":
                key, mode = "type", "vocab"
        rule = (key, mode, use_set)
        self._rules[(predicate, kind, detail)] = rule
        return rule

    def _raw(self, obj: str | Literal) -> Any:
        if isinstance(obj, str):
            return {"id": self.shrink(obj)}
        value, language, datatype = obj
        if language is not None:
            return {"@language": language, "@value": value}
        if datatype is None:
            return value
        if datatype in _NATIVE:
            native = _native(value, datatype)
            if native is not None:
                return native
        return {"@value": value, "type": self.symbol(datatype)}

    def node(self, subject: str, pairs: list[tuple[str, str | Literal]]) -> dict[str, Any]:
        """The node object of one subject, keys sorted, multi-valued arrays sorted (as json.dumps sorts)."""
        node: dict[str, Any] = {"id": self.shrink(subject)}
        for predicate, obj in pairs:
            if isinstance(obj, str):
                key, mode, use_set = self._rule(predicate, "iri", "")
            elif obj.language is not None:
                key, mode, use_set = self._rule(predicate, "language", obj.language)
            elif obj.datatype is not None and obj.datatype != RDF_LANG_STRING:
                key, mode, use_set = self._rule(predicate, "datatype", obj.datatype)
            else:
                key, mode, use_set = self._rule(predicate, "plain", "")
            if mode == "language map":
                assert isinstance(obj, Literal) and obj.language is not None
                languages = node.setdefault(key, {})
                if use_set:
                    languages.setdefault(obj.language, []).append(obj.value)
                elif obj.language in languages:
                    previous = languages[obj.language]
                    languages[obj.language] = (
                        [*previous, obj.value] if isinstance(previous, list) else [previous, obj.value]
                    )
                else:
                    languages[obj.language] = obj.value
                continue
            if mode == "id":
                value: Any = self.shrink(obj) if isinstance(obj, str) else obj.value
            elif mode == "vocab":
                value = self.symbol(obj) if isinstance(obj, str) else obj.value
            elif mode == "lexical":
                value = obj[0] if isinstance(obj, Literal) else obj
            else:
                value = self._raw(obj)
            if key in node:
                previous = node[key]
                if isinstance(previous, list):
                    previous.append(value)
                else:
                    node[key] = [previous, value]
            else:
                node[key] = [value] if use_set else value
        return {key: _sorted(node[key]) for key in sorted(node)}

    def document(self, triples: list[Triple]) -> bytes:
        """The whole document: the context, then every subject's node, sorted by id; UTF-8, one-space indent
        (as ``json.dumps(document, ensure_ascii=False, indent=1)``). Each node is made and encoded in turn,
        so neither every node object nor the whole text (2 bytes a character: it holds Chinese) is ever in
        memory at once."""
        by_subject: dict[str, list[tuple[str, str | Literal]]] = {}
        for subject, predicate, obj in triples:
            pairs = by_subject.get(subject)
            if pairs is None:
                by_subject[subject] = pairs = []
            pairs.append((predicate, obj))
        context: list[str] = []
        write_indented(self.context, context, "\n ")
        chunks = [('{\n "@context": ' + "".join(context) + ',\n "@graph": ').encode("utf-8")]
        subjects = sorted(by_subject, key=self.shrink)
        if not subjects:
            chunks.append(b"[]")
        for index, subject in enumerate(subjects):
            out = ["[\n  " if index == 0 else ",\n  "]
            write_indented(self.node(subject, by_subject.pop(subject)), out, "\n  ")
            chunks.append("".join(out).encode("utf-8"))
        if subjects:
            chunks.append(b"\n ]")
        chunks.append(b"\n}\n")
        return b"".join(chunks)


def write_indented(value: Any, out: list[str], indent: str = "\n") -> None:
    """Append ``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` writes it (tests check the two
    agree). The standard library's encoder is pure Python as soon as it indents, and took three quarters of
    the JSON-LD export at 1M triples; this one is about three times faster, strings still encoded in C."""
    if isinstance(value, str):
        out.append(_encode(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + " "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator)
            out.append(_encode(key) if isinstance(key, str) else _encode(_key(key)))
            out.append(": ")
            if isinstance(item, str):
                out.append(_encode(item))
            else:
                write_indented(item, out, inner)
            separator = "," + inner
        out.append(indent + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = indent + " "
        if all(isinstance(item, str) for item in value):
            out.append("[" + inner + ("," + inner).join(map(_encode, value)) + indent + "]")
            return
        separator = "[" + inner
        for item in value:
            out.append(separator)
            write_indented(item, out, inner)
            separator = "," + inner
        out.append(indent + "]")
    else:
        out.append(json.dumps(value))  # numbers, booleans, null: as json.dumps writes them


def _key(key: object) -> str:
    """A dict key that is not a string, as json.dumps converts it."""
    text = json.dumps(key)
    return text[1:-1] if text.startswith('"') else text


def _native(value: str, datatype: str) -> int | float | bool | None:
    """The JSON value of a native-typed literal (as rdflib's toPython gives it), None if ill-typed."""
    try:
        if datatype == XSD + "integer":
            return int(value)
        if datatype == XSD + "double":
            return float(value)
    except ValueError:
        return None
    return {"true": True, "1": True, "false": False, "0": False}.get(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted(value: Any) -> Any:
    """Arrays sorted by their JSON text, recursively through language maps (the order rdflib's output was
    canonicalized to, so the bytes do not depend on the order triples arrive in)."""
    if isinstance(value, list):
        return sorted(value, key=_dumps) if len(value) > 1 else value
    if isinstance(value, dict) and value and "id" not in value and "@value" not in value:
        return {k: _sorted(v) for k, v in sorted(value.items())}
    return value
