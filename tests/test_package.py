"""The wheel carries the project: installed into a fresh venv, kg1571 works from any folder, under its own name."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        raise AssertionError(f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", out, ROOT, cwd=out)
    (found,) = out.glob("kg1571-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A fresh virtual environment with only the wheel (and its dependencies) installed."""
    folder = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", folder / "env", cwd=folder)
    python = folder / "env" / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=folder)
    return folder / "env" / "bin"


def test_the_wheel_installs_only_kg1571_with_the_project_inside(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names}
    assert top == {"kg1571", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    for path in (
        "ontology/vocabulary.ttl",
        "ontology/shapes.ttl",
        "ontology/context.jsonld",
        "ontology/curation/00-core.yaml",
        "source/1571-work-plan-article.zh.txt",
        "source/metadata.yaml",
        "source/structure.yaml",
        "exports/kg1571.ttl",
        "exports/kg1571.html",
    ):
        assert f"kg1571/bundled/{path}" in names
        assert zipfile.ZipFile(wheel).read(f"kg1571/bundled/{path}") == (ROOT / path).read_bytes()
    assert "kg1571/py.typed" in names and "kg1571/sparql/queries/key-tasks.rq" in names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata


def test_the_installed_cli_works_from_any_folder(venv, tmp_path, project):
    tasks = run(venv / "kg1571", "query", "--name", "key-tasks", "--format", "csv", cwd=tmp_path).stdout
    rows = tasks.splitlines()
    assert rows[0] == "order,task,label_zh,label_en" and len(rows) == 8
    assert [row.split(",")[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6", "7"]
    counts = f"ok: {len(project.curation.concepts)} concepts, {len(project.curation.relations)} relations"
    assert run(venv / "kg1571", "validate", cwd=tmp_path).stdout.startswith(counts)
    out = tmp_path / "out"
    run(venv / "kg1571", "build", "--out", out, cwd=tmp_path)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in (ROOT / "exports").iterdir())
    assert (out / "kg1571.ttl").read_bytes() == (ROOT / "exports" / "kg1571.ttl").read_bytes()
    refused = run(venv / "kg1571", "build", cwd=tmp_path, check=False)
    assert refused.returncode == 2 and "is read-only: pass --out DIR" in refused.stderr
    assert run(venv / "python", "-m", "kg1571", "--version", cwd=tmp_path).stdout.startswith("kg1571 ")


def test_a_distribution_that_installs_graph_changes_nothing(venv, tmp_path):
    before = run(venv / "kg1571", "query", "--name", "key-tasks", cwd=tmp_path).stdout
    run(venv / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "graph-theory", cwd=tmp_path)
    assert run(venv / "python", "-c", "import graph; print(graph.__file__)", cwd=tmp_path).returncode == 0
    assert run(venv / "kg1571", "query", "--name", "key-tasks", cwd=tmp_path).stdout == before
    assert run(venv / "kg1571", "--version", cwd=tmp_path).stdout.startswith("kg1571 0.2.0")
