"""Serialize the graph to every export format, deterministically, and write or check exports/ atomically."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg1571.errors import ExportError, StaleExports
from kg1571.model import Project
from kg1571.namespaces import PREFIXES, VOCAB_IRI, Iris, prefixes
from kg1571.rdf.triples import BuiltGraph

#: Export file names: a public contract (users' scripts open them by name).
TURTLE = "kg1571.ttl"
NTRIPLES = "kg1571.nt"
JSONLD = "kg1571.jsonld"
GRAPHML = "kg1571.graphml"
HTML = "kg1571.html"
RDFXML = "kg1571.rdf"
VOCABULARY_HTML = "kg1571-vocabulary.html"

#: A Turtle string literal in Oxigraph's output: "..." with backslash escapes (no other `"` occurs outside them).
_SHORT_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


@dataclass
class ExportInput:
    """What every writer reads: the built graph (kg1571.rdf.triples) and the project."""

    built: BuiltGraph
    project: Project

    @property
    def sorted_ntriples(self) -> bytes:
        return self.built.ntriples

    @cached_property
    def turtle(self) -> bytes:
        """The Turtle export, made once: the HTML explorer embeds it too."""
        import pyoxigraph

        # parsed as a stream straight into the serializer: the pyoxigraph triples are never all in memory
        triples = pyoxigraph.parse(self.built.ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        data = (
            pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes(self.project.base_iri))
            or b""
        )
        if b"\\n" not in data:  # no literal holds a line break: nothing for long_strings to rewrite
            return data
        return long_strings(data.decode("utf-8")).encode("utf-8")


def turtle(data: ExportInput) -> bytes:
    """Turtle from the sorted triples through Oxigraph's serializer: grouped by subject, stable order,
    and ~25x faster than rdflib's Turtle writer on large graphs."""
    return data.turtle


def long_strings(turtle_text: str) -> str:
    """Write every literal that holds a line break as a Turtle long string (\"\"\"...\"\"\"), with real line
    breaks instead of `\\n`: OWL API's Turtle parser (Protégé, ROBOT) reads `\\n` in a short string as `n`,
    and reads long strings exactly. The triples do not change (tests/rdf/test_owl_tools.py)."""

    def rewrite(match: re.Match[str]) -> str:
        body = match.group(1)
        if "\\n" not in body:
            return match.group(0)
        # unescape \n only where the backslash is not itself escaped; keep every other escape (\" too) as it is
        body = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(0), body)
        return f'"""{body}"""'

    # Oxigraph writes each short string on one line, so only lines holding an escaped line feed can change
    return "\n".join(_SHORT_STRING.sub(rewrite, line) if "\\n" in line else line for line in turtle_text.split("\n"))


def ntriples(data: ExportInput) -> bytes:
    """N-Triples, lines sorted so the file is byte-stable."""
    return data.sorted_ntriples


def rdfxml(data: ExportInput) -> bytes:
    """RDF/XML (the format every OWL tool reads) with exactly the N-Triples' triples, through Oxigraph's
    serializer from the sorted triples, so the bytes are stable (rdflib's writer follows its store's order)."""
    import pyoxigraph

    triples = pyoxigraph.parse(data.sorted_ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return (
        pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML, prefixes=prefixes(data.project.base_iri))
        or b""
    )


def jsonld_context(project: Project) -> dict:
    """The explicit compact @context of ontology/context.jsonld, with `kc:` under the build's base IRI and
    one term per vocabulary object property (so `hasComponent` reads as such)."""
    path = project.root / "ontology" / "context.jsonld"
    try:
        context = json.loads(path.read_text(encoding="utf-8"))["@context"]
        if not isinstance(context, dict):
            raise TypeError("@context is not an object")
    except FileNotFoundError:
        raise ExportError(f"{path}: not found; restore it with `git checkout -- ontology/context.jsonld`") from None
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); fix it or restore it with "
            "`git checkout -- ontology/context.jsonld`"
        ) from None
    except (OSError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise ExportError(
            f"{path}: not a JSON-LD context document ({type(exc).__name__}: {exc}); it needs a top-level "
            '"@context" object; restore it with `git checkout -- ontology/context.jsonld`'
        ) from None
    context["kc"] = prefixes(project.base_iri)["kc"]
    for name in sorted(project.vocabulary.properties):
        context.setdefault(name, {"@id": f"k:{name}", "@type": "@id"})
    return context


def jsonld(data: ExportInput) -> bytes:
    """JSON-LD compacted with our explicit context, written from the model (kg1571.rdf.jsonld): nodes sorted
    by id, keys sorted, arrays sorted."""
    from kg1571.rdf.jsonld import JsonLdWriter

    return JsonLdWriter(jsonld_context(data.project)).document(data.built.triples)


def graphml(data: ExportInput) -> bytes:
    """GraphML of the concept network for Gephi, Cytoscape and yEd."""
    import networkx as nx

    from kg1571.network.concepts import concept_network

    # write_graphml_xml (the standard library's ElementTree), never nx.write_graphml: that one switches to lxml
    # whenever lxml happens to be importable, and the bytes differ, so the export would depend on the machine.
    from kg1571.rdf.build import asserted_predicates

    network = concept_network(data.project)
    iris = Iris(data.project.base_iri)
    names = {str(iri): curie for curie, iri in _curies(data.project).items()}
    labels = _property_labels(data.project)
    for node, attributes in network.nodes(data=True):
        attributes["iri"] = str(iris.concept(node))
    predicates = asserted_predicates(data.project)
    for _, _, key, attributes in network.edges(keys=True, data=True):
        predicate = str(predicates[key])
        attributes["relation"] = names.get(predicate, predicate)
        attributes["label"] = labels.get(predicate, attributes["relation"])
        attributes["iri"] = predicate
    buffer = io.BytesIO()
    # key ids d0, d1 ...: with named ids the node and the edge attribute `label` (and `iri`) would share an id,
    # which GraphML forbids (key/@id is unique in the document); tools read attr.name
    nx.write_graphml_xml(network, buffer, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buffer.getvalue()


def _curies(project: Project) -> dict[str, str]:
    """CURIE -> IRI for every property a relation can have (k: properties and the SKOS ones)."""
    curies = {f"k:{name}": f"{VOCAB_IRI}{name}" for name in project.vocabulary.properties}
    for name in ("broader", "narrower", "related", "broaderTransitive", "narrowerTransitive"):
        curies[f"skos:{name}"] = PREFIXES["skos"] + name
    return curies


def _property_labels(project: Project) -> dict[str, str]:
    """The English label of each relation property (rdfs:label of k: terms; SKOS's own for SKOS)."""
    labels = {term.iri: term.label_en for term in project.vocabulary.properties.values()}
    skos = "http://www.w3.org/2004/02/skos/core#"
    labels.update(
        {
            f"{skos}broader": "has broader",
            f"{skos}narrower": "has narrower",
            f"{skos}related": "has related",
            f"{skos}broaderTransitive": "has broader transitive",
            f"{skos}narrowerTransitive": "has narrower transitive",
        }
    )
    return labels


def html(data: ExportInput) -> bytes:
    """The self-contained interactive explorer."""
    from kg1571.explorer.page import render_html

    return render_html(data.project, data.turtle.decode("utf-8")).encode("utf-8")


def vocabulary_html(data: ExportInput) -> bytes:
    """The HTML reference of the vocabulary (classes, properties, labels in zh and en, domains, ranges) from
    pyLODE, an ontology documentation generator; its dates come from the ontology header, so it is stable."""
    import logging

    from pylode import OntPub  # pinned in pyproject: another version writes other bytes

    previous = logging.root.manager.disable
    logging.disable(logging.INFO)  # pyLODE logs every background ontology it loads
    try:
        page = OntPub(ontology=str(data.project.vocabulary.path)).make_html()
    finally:
        logging.disable(previous)
    return (page.rstrip("\n") + "\n").encode("utf-8")


def writers() -> dict[str, Callable[[ExportInput], bytes]]:
    """Every export, by file name, in the order they are produced."""
    return {
        TURTLE: turtle,
        NTRIPLES: ntriples,
        JSONLD: jsonld,
        RDFXML: rdfxml,
        GRAPHML: graphml,
        HTML: html,
        VOCABULARY_HTML: vocabulary_html,
    }


#: After which export each intermediate is no longer needed (dropped then, to keep the peak low).
_LAST_READER_OF_TRIPLES = JSONLD


def render_exports(built: BuiltGraph, project: Project) -> dict[str, bytes]:
    """Every export as bytes, in memory; nothing touches the disk (publishing the set stays atomic).
    The tuples of the model are released once JSON-LD is written, and the Turtle kept for the explorer
    once the page is made."""
    from kg1571.timing import stage

    data = ExportInput(built, project)
    outputs = {}
    for name, write in writers().items():
        with stage(f"export {name}"):
            outputs[name] = write(data)
        if name == _LAST_READER_OF_TRIPLES:
            built.release_triples()
    return outputs


# --------------------------------------------------------------------------------- publishing the set
#
# What "atomic" means here (README, "Exports, published as one set"): the five files are written and
# fsynced in a staging folder beside the output folder (same parent, so the same filesystem), and the
# staging folder is then exchanged with the output folder in ONE system call (Linux
# renameat2(RENAME_EXCHANGE)). After a SIGKILL at any instant the output folder holds the complete old
# set or the complete new set, never a mix; what is left beside it (the staging folder, or the old set
# under the staging name) is removed by the next build, and git ignores it (`.kg1571-*/`).
#
# Where the exchange is not available (not Linux, or a filesystem without RENAME_EXCHANGE) the swap is two
# renames (out -> .kg1571-<name>-old-*, staging -> out): a SIGKILL between them leaves no output folder and
# the complete old set beside it, which the next build puts back first. Where the folder itself cannot be
# swapped (a mount point, a symbolic link, a parent we cannot write, or a folder holding files that are
# not exports, e.g. `--out ~/Documents`) the files are replaced one by one from a staging folder inside it:
# each file is then atomic but the set is not, and the result says so (Published.one_set is False).

STAGING_MARK = ".kg1571-"
_RENAME_EXCHANGE = 2  # from linux/fs.h


@dataclass(frozen=True)
class Published:
    """Where the exports went and whether they replaced the previous set in one step."""

    paths: list[Path]
    one_set: bool
    why_not: str = ""


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    import ctypes
    import errno
    import sys

    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_files(outputs: dict[str, bytes], folder: Path) -> None:
    for name, data in outputs.items():
        with open(folder / name, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    _fsync_dir(folder)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(out_dir: Path) -> list[tuple[Path, str]]:
    """Folders that builds no longer running left beside ``out_dir``: (path, 'new' or 'old')."""
    prefix = f"{STAGING_MARK}{out_dir.name}-"
    try:
        entries = sorted(out_dir.parent.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if not entry.name.startswith(prefix) or not entry.is_dir() or entry.is_symlink():
            continue
        kind, _, rest = entry.name[len(prefix) :].partition("-")
        pid = rest.partition("-")[0]
        if kind in ("new", "old") and pid.isdigit() and not _pid_alive(int(pid)):
            found.append((entry, kind))
    return found


def recover(out_dir: Path) -> None:
    """Repair what a killed build left: where the output folder is missing but the old set sits beside it
    (a two-rename swap killed between its renames), put it back; remove every stale staging folder."""
    leftovers = _leftovers(out_dir)
    if not out_dir.exists() and not out_dir.is_symlink():
        old = [path for path, kind in leftovers if kind == "old"]
        if old:
            os.rename(old[-1], out_dir)
    for path, _kind in leftovers:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)
    if out_dir.is_dir():
        for entry in out_dir.iterdir():
            if entry.name.startswith(STAGING_MARK + "files-") and entry.is_dir() and not entry.is_symlink():
                pid = entry.name[len(STAGING_MARK + "files-") :].partition("-")[0]
                if pid.isdigit() and not _pid_alive(int(pid)):
                    shutil.rmtree(entry, ignore_errors=True)


def _why_not_one_set(out_dir: Path, names: set[str]) -> str:
    """Why ``out_dir`` cannot be swapped as a whole ("" when it can)."""
    if out_dir.is_symlink():
        return f"{out_dir} is a symbolic link"
    if not out_dir.exists():
        return ""
    if os.path.ismount(out_dir):
        return f"{out_dir} is a mount point"
    foreign = sorted(e.name for e in out_dir.iterdir() if e.name not in names and not e.name.startswith(STAGING_MARK))
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        return f"{out_dir} holds files that are not exports ({', '.join(foreign[:3])}{more})"
    return ""


def _export_error(path: object, exc: OSError, fix: str = "free the path or choose another --out folder") -> ExportError:
    return ExportError(f"{path}: cannot write the exports there ({exc.strerror}); {fix}")


def write_exports(outputs: dict[str, bytes], out_dir: Path) -> Published:
    """Publish every export in ``out_dir`` as one set (see the comment above); a failure before the swap
    leaves the previous exports untouched."""
    out_dir = Path(os.path.abspath(out_dir))
    names = set(outputs)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir}: is a file, not a folder; pass --out a folder (it is created if missing)")
    for name in sorted(names):
        target = out_dir / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            kind = "a folder" if target.is_dir() else "not a regular file"
            raise ExportError(f"{target}: is {kind}, where the export {name} goes; remove it or choose another --out")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
    except OSError as exc:
        raise _export_error(exc.filename or out_dir, exc) from None
    why_not = _why_not_one_set(out_dir, names)
    if not why_not:
        try:
            staging = Path(
                tempfile.mkdtemp(prefix=f"{STAGING_MARK}{out_dir.name}-new-{os.getpid()}-", dir=out_dir.parent)
            )
        except OSError as exc:
            why_not = f"its parent folder {out_dir.parent} is not writable ({exc.strerror})"
    if why_not:
        return Published(_write_one_by_one(outputs, out_dir), one_set=False, why_not=why_not)
    try:
        _write_files(outputs, staging)
        mode = out_dir.stat().st_mode & 0o7777 if out_dir.exists() else 0o777 & ~_umask()
        os.chmod(staging, mode)  # mkdtemp makes 0700; keep the output folder's own permissions
        _swap(staging, out_dir)
        _fsync_dir(out_dir.parent)
    except OSError as exc:
        raise _export_error(exc.filename or out_dir, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the staging folder, or the old set after the swap
    return Published([out_dir / name for name in outputs], one_set=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap(staging: Path, out_dir: Path) -> None:
    """Put ``staging`` in the place of ``out_dir``; afterwards ``staging`` holds the old set (if any)."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        return
    old = out_dir.parent / staging.name.replace("-new-", "-old-", 1)
    os.rename(out_dir, old)  # a SIGKILL here leaves no out_dir: recover() puts `old` back
    os.rename(staging, out_dir)
    os.rename(old, staging)  # so the caller's clean-up removes it


def _write_one_by_one(outputs: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Staging inside ``out_dir``, then one os.replace per file: each file is atomic, the set is not."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_MARK}files-{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        raise _export_error(exc.filename or out_dir, exc, "choose another --out folder") from None
    try:
        _write_files(outputs, staging)
        written = []
        for name in outputs:
            os.replace(staging / name, out_dir / name)
            written.append(out_dir / name)
        return written
    except OSError as exc:
        raise _export_error(exc.filename or out_dir, exc) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_exports(outputs: dict[str, bytes], out_dir: Path) -> None:
    """Raise StaleExports naming every file that is missing or differs from a fresh build."""
    changed = []
    for name, data in outputs.items():
        path = out_dir / name
        if not path.exists():
            changed.append(f"{name} (missing)")
        elif path.read_bytes() != data:
            changed.append(name)
    if changed:
        raise StaleExports(changed)
