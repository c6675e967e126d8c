"""Every bad input of the reliability issue (#13) is one clear error: exit 2, file, line, id where there is
one, a fix, no traceback, and exports/ untouched. One case per row; each asserts the exact message."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest

from conftest import make_project
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


def run_build(root: Path, capsys, *options: str) -> tuple[int, str]:
    """conftest.run_build, and no traceback or internal error reached the user."""
    code, err = conftest_run_build(root, capsys, *options)
    assert "Traceback" not in err and "internal error" not in err, err
    return code, err


CURATION_CASES = [
    (
        "alias bomb in occurrence",
        lambda text: BOMB + text.replace("occurrence: 1}\nrelations:", "occurrence: *i}\nrelations:", 1),
        "core.yaml:1: YAML aliases (`*name`) and merge keys (`<<: *name`) are not allowed in the curation "
        "(the value anchored here is used again further on)\n"
        "    fix: write the values out in full where the alias is used, and remove the `&name` anchor",
    ),
    (
        "alias bomb in a relation's subject",
        lambda text: BOMB.replace("i: &i", "i: &i") + text.replace("subject: framework-1571", "subject: *i"),
        "core.yaml:1: YAML aliases (`*name`) and merge keys",
    ),
    (
        "alias bomb in an id",
        lambda text: BOMB + text.replace("  - id: main-line", "  - id: *i", 1),
        "core.yaml:1: YAML aliases (`*name`) and merge keys",
    ),
    (
        "merge key",
        lambda text: (
            text.replace("  - subject: framework-1571", "  - &rel\n    subject: framework-1571")
            + "  - <<: *rel\n    object: spirit\n"
        ),
        "core.yaml:22: YAML merge keys (`<<: *name`) are not allowed in the curation\n    fix: write the keys out in full",
    ),
    (
        "python tag",
        replace("    en: The “1571” work plan", '    en: !!python/object/apply:os.system ["echo hacked"]'),
        "core.yaml:5: the YAML tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed (the curation "
        "is plain YAML)\n    fix: remove the tag",
    ),
    (
        "unhashable key",
        replace("    class: MainLine", "    class: MainLine\n    ? [a, b]\n    : c"),
        "core.yaml:10: a mapping key must be a plain word (it is a list or a mapping here)",
    ),
    (
        "id as a block scalar",
        replace("  - id: main-line", "  - id: |\n      main-line"),
        "core.yaml:8: bad id 'main-line\\n'\n    fix: ids are lowercase ASCII letters and digits in words joined by "
        "'-', e.g. `main-line` (no line break: use `id: main-line`, not a `|` block)",
    ),
    *[
        (
            f"label with {name}",
            replace("    en: The “1571” work plan", f'    en: "The {escape} work plan"'),
            f"core.yaml:5: [framework-1571] `en` holds the control character {shown} at position 5",
        )
        for name, escape, shown in [
            ("a vertical tab", "\\v", "U+000B"),
            ("a form feed", "\\f", "U+000C"),
            ("NEL", "\\N", "U+0085"),
            ("a line separator", "\\L", "U+2028 LINE SEPARATOR"),
            ("NUL", "\\0", "U+0000"),
            ("U+0001", "\\x01", "U+0001"),
        ]
    ],
    (
        "a 16 MiB note",
        replace("    en: The “1571” work plan", "    en: The “1571” work plan\n    note: " + "x" * (16 * 1024 * 1024)),
        "core.yaml:6: a text of 16,777,216 characters (the limit is 20,000)",
    ),
    (
        "a quote across a paragraph break",
        replace(
            "      - 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线", '      - "核心提示\\n\\n●自治区党委"'
        ),
        "core.yaml:7: [framework-1571] an evidence quote may not cross a line or paragraph break\n"
        "    fix: split it into one quote per paragraph",
    ),
    (
        "unknown top-level key",
        lambda text: text.replace("relations:", "relation:"),
        "core.yaml:15: unknown key `relation`\n    fix: did you mean `relations`?",
    ),
    (
        "concepts as an empty mapping",
        lambda text: "concepts: {}\n",
        "core.yaml:1: `concepts:` must be a list of items (each starting with `- `), but it is empty",
    ),
    (
        "concepts as a mapping",
        lambda text: "concepts:\n  id: main-line\n  class: MainLine\n",
        "core.yaml:1: `concepts:` must be a list of items (each starting with `- `), not a mapping",
    ),
    (
        "a concept that is not a mapping",
        lambda text: text.replace("relations:", "  - main-line\nrelations:"),
        "core.yaml:15: each concept must be a mapping (id, class, zh, en, evidence ...), not text 'main-line'",
    ),
    (
        "ID in capitals",
        replace("  - id: main-line", "  - ID: main-line"),
        "core.yaml:8: missing `id` (found `ID`: keys are lower-case)\n    fix: write `id: ...` in lower case",
    ),
    (
        "Class in capitals",
        replace("    class: MainLine", "    Class: MainLine"),
        "core.yaml:9: [main-line] unknown key `Class`\n    fix: did you mean `class`?",
    ),
    *[
        (
            f"id: {raw}",
            replace("  - id: main-line", f"  - id: {raw}"),
            f'core.yaml:8: the id must be text, but YAML read it as {kind}\n    fix: put it in quotes (`id: "..."`)',
        )
        for raw, kind in [
            ("yes", "the boolean true"),
            ("1571", "the number 1571"),
            ("2025-01-01", "the date 2025-01-01"),
        ]
    ],
    (
        "occurence typo",
        replace(
            "{quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}",
            "{quote: 以铸牢中华民族共同体意识为主线, occurence: 2}",
        ),
        "core.yaml:14: [main-line] unknown key `occurence`\n    fix: did you mean `occurrence`?",
    ),
    (
        "a CJK compatibility ideograph",
        replace(
            "- 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线",
            "- 自治区党委“1571”工作部署以铸\uf946中华民族共同体意识为主线",
        ),
        "the quote agrees for 17 characters, then has U+F946 CJK COMPATIBILITY IDEOGRAPH-F946 where the article has "
        "U+7262 CJK UNIFIED IDEOGRAPH-7262: they look alike but are different characters",
    ),
    (
        "class Section",
        replace("    class: MainLine", "    class: Section"),
        "core.yaml:8: [main-line] class `Section` is for the article's sections (source/structure.yaml), not for "
        "concepts",
    ),
]


@pytest.mark.parametrize("case, edit, expected", CURATION_CASES, ids=[c[0] for c in CURATION_CASES])
def test_bad_curation(tmp_path, capsys, case, edit, expected):
    root = make_project(tmp_path)
    core = root / CORE
    core.write_text(edit(core.read_text(encoding="utf-8")), encoding="utf-8")
    started = time.monotonic()
    code, err = run_build(root, capsys)
    assert code == 2
    assert expected in err
    assert "fix: " in err
    assert time.monotonic() - started < 10  # no expansion, no runaway


@pytest.mark.slow
def test_many_bad_concepts_are_capped(tmp_path, capsys):
    bad = "".join(f"  - id: Bad{i}\n" for i in range(200_000))
    root = make_project(tmp_path, "concepts:\n" + bad)
    started = time.monotonic()
    code, err = run_build(root, capsys)
    assert code == 2
    assert err.startswith("Error: 200000 problems in the curation:\n")
    assert err.count("bad id") == 50 and "  ... and 199950 more (fix these first" in err
    # a runaway guard, not a speed measurement (benchmarks measure speed): quadratic reporting would take hours
    assert len(err) < 20_000 and time.monotonic() - started < 120


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


def _structure_line(text: str, section_id: str) -> int:
    return text[: text.index(f"  - id: {section_id}\n")].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, section, message, fix",
    [
        (
            'heading: "坚持生态优先的政绩导向"',
            'heading: "坚持生态优先"',
            "reality-performance-ecology",
            "a lead's heading is its paragraph's whole first sentence, but the article goes on with '的'",
            "write the sentence up to (not including) its 。: '坚持生态优先的政绩导向'",
        ),
        (
            'heading: "坚持生态优先的政绩导向"',
            'heading: "坚持民生为本的政绩导向"',
            "reality-performance-ecology",
            "the heading does not open the section's first span (the source has '坚持生态优先的政绩导向' at offset 6612)",
            "a heading is the text its section begins with: fix the heading or the first span",
        ),
        (
            "    parent: reality-performance\n    spans:\n      - {start: 6612",
            "    parent: reality\n    spans:\n      - {start: 6612",
            "reality-performance-ecology",
            "a lead cannot sit under section 'reality' of kind heading",
            "the parent of a lead is a subsection",
        ),
        (
            "    parent: practice-local-tasks\n",
            "    parent: practice\n",
            "practice-local-tail",
            "a fragment cannot sit under section 'practice' of kind heading",
            "the parent of a fragment is a subsection or a lead",
        ),
        (
            "      - {start: 8053, end: 8156, ",
            "      - {start: 8053, end: 8200, ",
            "reality-spirit-endurance",
            "span [8158, 8348) overlaps section 'reality-spirit'",
            "spans never overlap (a parent's spans exclude its children's): shorten one",
        ),
    ],
    ids=["lead heading not a whole sentence", "heading elsewhere", "lead under a heading", "fragment level", "overlap"],
)
def test_a_bad_section_level_or_lead_heading(tmp_project, capsys, old, new, section, message, fix):
    structure = tmp_project / "source" / "structure.yaml"
    line = _structure_line(structure.read_text(encoding="utf-8"), section)
    rewrite(structure, old, new)
    code, err = run_build(tmp_project, capsys)
    assert code == 2
    assert f"structure.yaml:{line}: [{section}] {message}\n    fix: {fix}" in err


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
    # Only pySHACL reads the shapes file: `--shacl` (the fast checks are the shapes' Python mirror).
    shapes = tmp_project / "ontology" / "shapes.ttl"
    if content is None:
        shapes.unlink()
    else:
        shapes.write_text(content, encoding="utf-8")
    code, err = run_build(tmp_project, capsys, "--shacl")
    assert code == 2
    assert expected in err
    assert main(["validate", "--root", str(tmp_project), "--shacl"]) == 2
    assert expected in capsys.readouterr().err


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
