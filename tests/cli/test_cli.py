"""The CLI surface: version, `python -m kg1571`, stats, help."""

from __future__ import annotations

import subprocess
import sys

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


def test_python_dash_m_graph_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "kg1571", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ") and "SHACL conforms" in done.stdout


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
