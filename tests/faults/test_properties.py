"""Property-based fault tests: generated curation files (random structure, text, unicode, anchors, tags) and
query texts. For every input: no traceback, every curation error is a Problem with a file and a line, exit
code 0 or 2 (never 70), and exports/ never changes on a failed build. Seeded and bounded in CI (conftest.py);
HYPOTHESIS_PROFILE=long runs thousands of examples."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import MINIMAL_CURATION, ROOT, make_project  # noqa: E402
from kg1571.errors import CurationError, Kg1571Error, QueryError  # noqa: E402

pytestmark = pytest.mark.slow  # hypothesis: hundreds of generated inputs

# ------------------------------------------------------------------------------------------ curation

KEYS = [
    "id", "class", "zh", "en", "alt_zh", "alt_en", "definition_zh", "definition_en", "order", "note", "evidence",
    "quote", "occurrence", "occurence", "subject", "predicate", "object", "concepts", "relations", "ID", "<<",
]  # fmt: skip
WORDS = [
    "main-line",
    "framework-1571",
    "MainLine",
    "Framework",
    "hasComponent",
    "Section",
    "以铸牢中华民族共同体意识为主线",
]

texts = st.one_of(
    st.sampled_from(WORDS),
    st.text(min_size=0, max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(["\x00", "\x0b", "\x85", "\u2028", "\uf946", "\ufeff", "a\nb", " ", "yes", "1571", "~"]),
)
scalars = st.one_of(texts, st.integers(-3, 3), st.booleans(), st.none(), st.floats(allow_nan=True))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=25,
)
documents = st.one_of(
    st.fixed_dictionaries({}, optional={"concepts": values, "relations": values}),
    values,
    st.dictionaries(st.sampled_from(KEYS), values, max_size=3),
)


def yaml_text(document: object) -> str:
    import yaml

    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


# Raw text edits of the valid minimal curation: insert a fragment (anchors, aliases, tags, flow syntax,
# control characters) at a random line.
FRAGMENTS = st.sampled_from(
    [
        "&a",
        "*a",
        "<<: *a",
        "!!python/object/apply:os.system",
        "!x",
        "? [a]",
        "{",
        "[",
        "]",
        "}",
        ": ",
        "- ",
        "  ",
        "\t",
        '"\\x00"',
        '"\\L"',
        "|",
        ">",
        "#",
        "%YAML 1.1",
        "---",
        "...",
        "occurrence: *a",
        "\\",
        "'",
    ]  # fmt: skip
)


@st.composite
def edited_curation(draw: st.DrawFn) -> str:
    lines = MINIMAL_CURATION.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines)))
        column = draw(st.integers(0, 12))
        fragment = draw(FRAGMENTS | texts)
        line = lines[at] if at < len(lines) else ""
        new = line[:column] + fragment + line[column:]
        if at < len(lines):
            lines[at] = new
        else:
            lines.append(new)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def loaded():
    """The vocabulary and source, read once; each example reads, checks and locates a curation against them."""
    from kg1571.curation.source import load_source
    from kg1571.curation.vocabulary import load_vocabulary

    return load_vocabulary(ROOT / "ontology" / "vocabulary.ttl"), load_source(ROOT / "source")


def check_curation_text(text: str, loaded, folder: Path) -> None:
    from kg1571.curation.checks import check_curation
    from kg1571.curation.evidence import locate_evidence
    from kg1571.curation.reader import read_curation

    vocabulary, source = loaded
    for old in folder.iterdir():
        old.unlink()
    path = folder / "core.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        curation = read_curation(folder)
        check_curation(curation, vocabulary)
        locate_evidence(curation, source)
    except CurationError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file is not None, problem
            if (
                problem.file == path
                and "concept is not connected" not in problem.message
                and "Framework" not in problem.message
            ):
                assert problem.line is not None and problem.line >= 1, problem
            assert "Traceback" not in str(problem)
        assert len(str(exc).splitlines()) < 60 * 3 + 5  # capped


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="kg1571-prop-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@given(documents)
def test_any_yaml_document_is_read_or_rejected_with_file_and_line(loaded, folder, document):
    check_curation_text(yaml_text(document), loaded, folder)


@given(edited_curation())
def test_any_edit_of_a_valid_curation_is_read_or_rejected_with_file_and_line(loaded, folder, text):
    check_curation_text(text, loaded, folder)


@settings(max_examples=12 if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else 300)  # a full build each
@given(edited_curation())
def test_a_failed_build_never_changes_the_exports(text):
    from kg1571.cli import main

    with tempfile.TemporaryDirectory(prefix="kg1571-prop-build-") as tmp:
        root = make_project(Path(tmp), text)
        exports = root / "exports"
        exports.mkdir()
        (exports / "kg1571.ttl").write_bytes(b"previous\n")
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", "--root", str(root)])
        assert code in (0, 2), err.getvalue()
        assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()
        if code != 0:
            assert (exports / "kg1571.ttl").read_bytes() == b"previous\n"
            assert [p.name for p in exports.iterdir()] == ["kg1571.ttl"]
        else:
            from kg1571.exports import writers

            assert sorted(p.name for p in exports.iterdir()) == sorted(writers())
            import xml.dom.minidom

            xml.dom.minidom.parse(str(exports / "kg1571.graphml"))  # well-formed, whatever the labels held


# ------------------------------------------------------------------------------------------ queries

TOKENS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "{",
        "}",
        "?s",
        "?p",
        "?o",
        "*",
        ".",
        ";",
        ",",
        "(",
        ")",
        "FILTER",
        "OPTIONAL",
        "UNION",
        "LIMIT 3",
        "ORDER BY",
        "COUNT(*)",
        "AS",
        "?n",
        "kc:main-line",
        "k:order",
        "skos:prefLabel",
        "a",
        '"主线"',
        '"x"@zh',
        "<http://127.0.0.1:9/sparql>",
        "SERVICE",
        "SILENT",
        "service",
        "\\u0053ERVICE",
        "#",
        "\n",
        "PREFIX x: <http://x/>",
        "BASE <http://x/>",
        "INSERT DATA",
        "DELETE",
        "LOAD",
        "GRAPH",
        "VALUES ?s { kc:main-line }",
        "BIND(1 AS ?x)",
        "'''",
        '"',
        "\\",
        "\x00",
        "\u2028",
    ]  # fmt: skip
)
queries = st.one_of(st.lists(TOKENS | st.text(max_size=5), max_size=14).map(" ".join), st.text(max_size=40))


@pytest.fixture(scope="module")
def engine():
    from kg1571.sparql.engine import QueryEngine, default_data_file
    from kg1571.sparql.sandbox import Limits

    return QueryEngine.from_file(default_data_file(ROOT), limits=Limits(timeout_s=5, memory_mb=512, result_mb=16))


@settings(max_examples=50 if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else 5000)  # a fork each
@given(queries)
def test_any_query_text_is_answered_or_rejected_as_a_query_error(engine, text):
    from kg1571.errors import QueryRefused
    from kg1571.sparql.engine import uses_service

    try:
        engine.run(text, "-e")
    except QueryRefused:
        assert uses_service(text)
    except QueryError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    except Kg1571Error as exc:  # pragma: no cover - a query error of another kind would be a bug
        raise AssertionError(f"not a QueryError: {exc!r}") from None
    else:
        assert not uses_service(text)  # a SERVICE query never runs
