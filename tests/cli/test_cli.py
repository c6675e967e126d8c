"""The CLI surface: version, `python -m kg1571`, stats, help."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT
from kg1571 import __version__
from kg1571.cli import main
from kg1571.tables import format_table


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert capsys.readouterr().out.strip() == f"kg1571 {__version__}"
    assert __version__ == "0.2.0"


def test_version_constant_matches_pyproject_and_installed_metadata():
    import tomllib
    from importlib.metadata import version

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == declared == version("kg1571")


def test_start_up_imports_only_what_the_command_needs():
    """--help, validate and query (over the exports) load neither rdflib, networkx, pyvis, pyshacl, pyLODE nor
    importlib.metadata."""
    heavy = ("rdflib", "networkx", "pyvis", "pyshacl", "pylode", "importlib.metadata")
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['kg1571', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('kg1571', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print('LOADED', sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    for argv in (["--help"], ["validate"], ["query", "--name", "key-tasks"], ["query", "--list"]):
        done = subprocess.run([sys.executable, "-c", probe, *argv], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "LOADED []", (argv, done.stdout.splitlines()[-1])


def test_python_dash_m_graph_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "kg1571", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ") and done.stdout.endswith(
        "; every quote located; the fast checks of ontology/shapes.ttl pass (pySHACL not run: add --shacl)\n"
    )
    assert "triples" not in done.stdout  # the default validate builds no graph


@pytest.mark.slow
def test_validate_shacl_runs_pyshacl_on_the_real_project():
    """The published contract: CI validates the real graph with pySHACL (scripts/test.sh runs this test)."""
    done = subprocess.run(
        [sys.executable, "-m", "kg1571", "validate", "--shacl"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(
        r"ok: \d+ concepts, \d+ relations, [\d,]+ triples; every quote located; "
        r"the fast checks of ontology/shapes.ttl pass and pySHACL conforms\n",
        done.stdout,
    ), done.stdout


def test_stats_on_the_minimal_project(tmp_project, capsys):
    assert main(["stats", "--root", str(tmp_project)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 concepts, 1 relations, 3 evidence quotes\n")
    assert "framework-1571  自治区党委“1571”工作部署  1" in out
    assert "1 connected component(s); sizes: 2" in out


def test_table_aligns_chinese_text():
    table = format_table(["id", "label", "n"], [["a", "主线", 1], ["bb", "x", 22]])
    assert table.splitlines() == ["id  label  n", "--  -----  --", "a   主线   1", "bb  x      22"]


def test_build_check_fails_on_stale_exports_and_writes_nothing(tmp_project, capsys):
    assert main(["build", "--root", str(tmp_project)]) == 0
    assert main(["build", "--root", str(tmp_project), "--check"]) == 0
    turtle = tmp_project / "exports" / "kg1571.ttl"
    turtle.write_bytes(turtle.read_bytes() + b"# edited by hand\n")
    (tmp_project / "exports" / "kg1571.nt").unlink()
    capsys.readouterr()
    assert main(["build", "--root", str(tmp_project), "--check"]) == 1
    err = capsys.readouterr().err
    assert "exports are stale (they differ from a fresh build): kg1571.ttl, kg1571.nt (missing)" in err
    assert "fix: run `kg1571 build` and commit exports/" in err
    assert turtle.read_bytes().endswith(b"# edited by hand\n")
    assert not (tmp_project / "exports" / "kg1571.nt").exists()


def test_an_unexpected_exception_is_one_line_and_exit_70(tmp_project, capsys, monkeypatch):
    import kg1571.cli.build

    def broken(_args):
        """Stand-in for a command with a bug.

        Example:
          kg1571 stats
        """
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(kg1571.cli.build, "cmd_stats", broken)
    assert main(["stats", "--root", str(tmp_project)]) == 70
    err = capsys.readouterr().err
    assert err == (
        "Error: internal error (ZeroDivisionError: division by zero); rerun with --debug for the traceback "
        "and report it\n"
    )
    assert main(["stats", "--root", str(tmp_project), "--debug"]) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and 'raise ZeroDivisionError("division by zero")' in err


def test_root_that_is_not_a_project_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"Error: --root {tmp_path}: not a kg1571 project (it needs ontology/ and source/)\n"
    )
    assert main(["validate", "--root", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err == f"Error: --root {tmp_path / 'missing'}: no such folder\n"


def test_outside_a_project_the_installed_one_is_used(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["query", "--name", "key-tasks", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 8 and rows[1].startswith("1,https://w3id.org/kg1571/id/modern-industrial-system,")


def test_unknown_concept_parameter_suggests_close_ids(capsys):
    code = main(["query", "--name", "concept-evidence", "--param", "concept=mongolian-hors-spirit"])
    assert code == 2
    assert capsys.readouterr().err == (
        "Error: --param concept=mongolian-hors-spirit: no concept 'mongolian-hors-spirit' in the graph; "
        "did you mean mongolian-horse-spirit, promote-mongolian-horse-spirit?\n"
    )


def test_help_text_is_what_inspect_cleandoc_gives():
    import inspect

    import kg1571.cli.build
    import kg1571.cli.query
    import kg1571.cli.stores
    from kg1571.cli import cleandoc

    docs = [
        f.__doc__
        for module in (kg1571.cli.build, kg1571.cli.query, kg1571.cli.stores)
        for f in vars(module).values()
        if callable(f) and f.__doc__
    ]
    assert len(docs) > 10
    for doc in docs:
        assert cleandoc(doc) == inspect.cleandoc(doc)
