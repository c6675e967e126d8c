"""Every bad input of the reliability issue (#13) is one clear error: exit 2, file, line, id where there is
one, a fix, no traceback, and exports/ untouched. One case per row; each asserts the exact message."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import run_build as conftest_run_build
from kg1571.cli import main

CORE = "ontology/curation/core.yaml"

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def replace(old: str, new: str, count: int = 1):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return edit


def run_build(root: Path, capsys) -> tuple[int, str]:
    """conftest.run_build, and no traceback or internal error reached the user."""
    code, err = conftest_run_build(root, capsys)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, err


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_yml_file_is_an_error(tmp_project, capsys):
    (tmp_project / "ontology" / "curation" / "extra.yml").write_text("concepts: []\n", encoding="utf-8")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "extra.yml: curation files end in .yaml; this one is not read\n    fix: rename it to extra.yaml" in err


def test_a_folder_named_yaml(tmp_project, capsys):
    (tmp_project / "ontology" / "curation" / "99-dir.yaml").mkdir()
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "99-dir.yaml: is a folder, not a YAML file\n    fix: rename or move the folder" in err


def test_a_missing_structure_is_an_error(tmp_project, capsys):
    (tmp_project / "source" / "structure.yaml").unlink()
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "structure.yaml: structure.yaml not found: without it no quote would be placed in a section" in err


def test_an_upper_case_sha256_is_accepted(tmp_project, capsys):
    meta = tmp_project / "source" / "metadata.yaml"
    text = meta.read_text(encoding="utf-8")
    digest = text.split("sha256: ")[1].split()[0]
    meta.write_text(text.replace(digest, digest.upper()), encoding="utf-8")
    assert main(["validate", "--root", str(tmp_project)]) == 0


def test_a_list_as_parent(tmp_project, capsys):
    structure = tmp_project / "source" / "structure.yaml"
    text = structure.read_text(encoding="utf-8")
    line = text[: text.index("  - id: title")].count("\n") + 1  # the section's first line
    rewrite(structure, "parent: null", "parent: [a]")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert f"structure.yaml:{line}: [title] `parent` must be one section id, not a list ['a']" in err


def test_an_article_that_is_not_utf8_but_matches_its_checksum(tmp_project, capsys):
    article = tmp_project / "source" / "1571-work-plan-article.zh.txt"
    raw = article.read_bytes()[:100] + b"\xff\xfe" + article.read_bytes()[100:]
    article.write_bytes(raw)
    meta = tmp_project / "source" / "metadata.yaml"
    text = meta.read_text(encoding="utf-8")
    old = text.split("sha256: ")[1].split()[0]
    meta.write_text(text.replace(old, hashlib.sha256(raw).hexdigest()), encoding="utf-8")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert (
        "1571-work-plan-article.zh.txt: the source text is not valid UTF-8 (invalid continuation byte at byte 99)"
        in err
    )


def test_an_article_that_is_a_folder(tmp_project, capsys):
    article = tmp_project / "source" / "1571-work-plan-article.zh.txt"
    article.unlink()
    article.mkdir()
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "1571-work-plan-article.zh.txt: the source text is a folder, not a file" in err


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "shapes.ttl: shapes file not found; restore it with `git checkout -- ontology/shapes.ttl`"),
        ("garbage ;;\n", "shapes.ttl:1: Turtle syntax error: expected directive or statement, near 'garbage ;;'"),
        (
            "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            '<http://x/s> a sh:NodeShape ; sh:targetClass skos:Concept ; sh:property [ sh:minCount "abc" ] .\n',
            "shapes.ttl: pySHACL cannot use these shapes: ",
        ),
    ],
    ids=["missing", "malformed", "not SHACL"],
)
def test_bad_shapes(tmp_project, capsys, content, expected):
    shapes = tmp_project / "ontology" / "shapes.ttl"
    if content is None:
        shapes.unlink()
    else:
        shapes.write_text(content, encoding="utf-8")
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert expected in err


def test_a_truncated_context(tmp_project, capsys):
    context = tmp_project / "ontology" / "context.jsonld"
    context.write_bytes(context.read_bytes()[:300])
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "context.jsonld:10:2: not valid JSON (Expecting property name enclosed in double quotes); fix it or " in err


@pytest.mark.parametrize(
    "iri, expected",
    [
        ("not a url", "argument --base-iri: 'not a url' holds ' ', which an IRI may not contain"),
        ("ftp://x/", "argument --base-iri: 'ftp://x/' is not an absolute http(s) IRI, e.g. https://w3id.org/kg1571/"),
        ("https://example.org/kg", "argument --base-iri: 'https://example.org/kg' must end in '/' or '#'"),
    ],
)
def test_bad_base_iri(tmp_project, capsys, iri, expected):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--root", str(tmp_project), "--base-iri", iri])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.splitlines()) <= 4


def test_a_vocabulary_that_is_a_folder(tmp_project, capsys):
    vocabulary = tmp_project / "ontology" / "vocabulary.ttl"
    vocabulary.unlink()
    vocabulary.mkdir()
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert "vocabulary.ttl: the vocabulary is a folder, not a file" in err
    shutil.rmtree(vocabulary)
