"""README stays true: the Quick start shape, every command documented, every vocabulary term listed."""

from __future__ import annotations

import re

from conftest import ROOT
from kg1571.cli import build_parser

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
