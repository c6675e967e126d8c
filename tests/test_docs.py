"""README stays true: the Quick start shape, every command documented, every vocabulary term listed."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from conftest import ROOT
from kg1571.cli import build_parser, main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")  # argparse keeps subparsers here
    return dict(action.choices)


def test_quick_start_first_block_has_exactly_two_commands():
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", section, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert commands == [
        "python3.11 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/kg1571 build",
        "bash scripts/test.sh",
    ]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci and "kg1571 build --check" in ci


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    for name, sub in _subcommands().items():
        assert sub.description and "Example:" in sub.description, f"`kg1571 {name}` lacks an example in its help"
        assert f"kg1571 {name}" in README, f"`kg1571 {name}` is not documented in README.md"


def test_every_vocabulary_term_is_in_the_readme(project):
    for name in [*project.vocabulary.classes, *project.vocabulary.properties, "order", "characterCount"]:
        assert f"`k:{name}`" in README, f"k:{name} is missing from the vocabulary section of README.md"


def test_generated_tables_are_fresh():
    """README's and docs' named-query tables are generated from the .rq headers (scripts/update-docs.py)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update-docs.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _examples(text: str) -> list[list[str]]:
    """Every `kg1571 ...` command in ``text`` (continuation lines joined while a quote is open; # comments off)."""
    commands, pending = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and not line.startswith(("kg1571 ", ".venv/bin/kg1571 ")):
            continue
        pending = f"{pending}\n{line}" if pending else line
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # an open quote: the command goes on on the next line
            continue
        pending = ""
        words = [w for w in words if w]
        if "&&" in words:  # `kg1571 validate && echo ok`: the kg1571 part
            words = words[: words.index("&&")]
        if words and words[0].endswith("kg1571"):
            commands.append(words[1:])
    return commands


def _help_texts() -> str:
    """The Example: blocks of every command's help."""
    return "\n".join(sub.description.split("Example:", 1)[1] for sub in _subcommands().values())


def _code_blocks(markdown: str) -> str:
    """The fenced code blocks of a markdown text (examples live there, not in prose)."""
    return "\n".join(re.findall(r"^```\w*\n(.*?)^```", markdown, re.S | re.M))


def _is_synopsis(words: list[str]) -> bool:
    """A usage line (``kg1571 query --name NAME | -e TEXT``, ``kg1571 --version``), not a runnable example."""
    return words[0].startswith("-") or any(
        w in ("|", "[--out", "--root") or re.fullmatch(r"[A-Z]{3,}", w) for w in words
    )


# Commands whose examples need a running store or never end; tests/stores/test_store.py runs them for real.
NEEDS_A_SERVER = {"load", "serve"}


@pytest.mark.slow
@pytest.mark.parametrize("source", ["help", "README.md", "docs/sparql-and-stores.md"])
def test_every_example_runs_and_answers(source, tmp_path, monkeypatch, capsys):
    text = _help_texts() if source == "help" else _code_blocks((ROOT / source).read_text(encoding="utf-8"))
    examples = [e for e in _examples(text) if e and e[0] not in NEEDS_A_SERVER and not _is_synopsis(e)]
    assert len(examples) >= 4
    (tmp_path / "my-question.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?c a skos:Concept }", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not a project: the commands use the checkout, as an installed kg1571 would
    for words in examples:
        if words[0] == "build":
            words = [*words, "--check"] if "--check" in words else ["build", "--out", str(tmp_path / "out")]
        code = main(words)
        out = capsys.readouterr().out
        assert code == 0, f"kg1571 {' '.join(words)} exited {code}"
        assert out.strip(), f"kg1571 {' '.join(words)} printed nothing"
        assert "(0 rows)" not in out, f"kg1571 {' '.join(words)} returned no rows"
        if words[0] == "query" and "--format" in words and words[words.index("--format") + 1] == "csv":
            assert len(out.splitlines()) >= 2, f"kg1571 {' '.join(words)} returned no rows"


def test_publishing_rules_cover_every_published_address(built_graph):
    """docs/publishing.md redirects every dump and the vocabulary the dataset description points at."""
    from rdflib import URIRef

    from kg1571.namespaces import DEFAULT_BASE_IRI, VOID

    text = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    dataset = URIRef(DEFAULT_BASE_IRI + "dataset")
    dumps = sorted(str(u)[len(DEFAULT_BASE_IRI) :] for u in built_graph.objects(dataset, VOID.dataDump))
    assert dumps == ["kg1571.jsonld", "kg1571.nt", "kg1571.rdf", "kg1571.ttl"]
    rule = next(line for line in text.splitlines() if line.startswith("RewriteRule ^(kg1571"))
    for name in dumps:
        assert name.split(".")[1] in rule, name
    assert "RewriteRule ^vocab$ HOST/kg1571-vocabulary.html" in text
    assert "RewriteRule ^id/([a-z0-9-]+)$ HOST/kg1571.html#$1" in text


def test_data_model_examples_answer():
    """Every example query of docs/data-model.md runs against the export and answers: the first gives the
    quote and its English for the main line's component link; the second lists every section."""
    from kg1571.sparql.engine import QueryEngine, default_data_file
    from kg1571.sparql.results import SelectResult

    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    examples = [b for b in re.findall(r"```sparql\n(.*?)```", text, re.S) if not b.lstrip().startswith("PREFIX")]
    assert len(examples) == 2
    engine = QueryEngine.from_file(default_data_file(ROOT))
    evidence, sections = (engine.run(q) for q in examples)
    assert isinstance(evidence, SelectResult) and isinstance(sections, SelectResult)
    quotes = {row[0].value for row in evidence.rows if row[0] is not None}
    assert "以铸牢中华民族共同体意识为主线" in "".join(quotes)
    assert all(row[2] is not None for row in evidence.rows), "every quote has its English sentence"
    count = engine.run("SELECT (COUNT(*) AS ?n) WHERE { ?s a k:Section }")
    assert isinstance(count, SelectResult)
    assert len(sections.rows) == int(count.rows[0][0].value)
