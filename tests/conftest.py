"""Shared fixtures: the real project, and small throwaway projects for error and rendering tests."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def env_flag(value: str | None) -> bool:
    """An environment flag as a boolean: 1/true/yes/on (any case) are true; unset, empty, 0/false/no/off false."""
    text = (value or "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise pytest.UsageError(f"CI={value!r}: set CI to true or false")


#: CI sets CI=true: there, a missing browser, parser or server fails the test instead of skipping it.
IN_CI = env_flag(os.environ.get("CI"))

#: Tiers: every test in these folders or files gets the marker, so `pytest -m "not browser and not store and
#: not slow"` is the fast tier (CONTRIBUTING.md). CI runs everything.
MARKERS_BY_PATH = {
    "explorer/test_explorer_browser.py": "browser",
    "stores/test_store.py": "store",
    "faults/test_serve.py": "store",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.as_posix()
        for suffix, marker in MARKERS_BY_PATH.items():
            if path.endswith(suffix):
                item.add_marker(marker)


def require(condition: bool, reason: str) -> None:
    """Skip locally when a real external part is missing; fail in CI, where .ci/run installs everything."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI but missing: {reason}")
    pytest.skip(reason)


# A minimal, valid curation against the real article: a framework, its main line and one relation.
MINIMAL_CURATION = """\
concepts:
  - id: framework-1571
    class: Framework
    zh: 自治区党委“1571”工作部署
    en: The “1571” work plan
    evidence:
      - 自治区党委“1571”工作部署以铸牢中华民族共同体意识为主线
  - id: main-line
    class: MainLine
    zh: 铸牢中华民族共同体意识
    en: Forging a strong sense of community for the Chinese nation
    order: 1
    evidence:
      - {quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}
relations:
  - subject: framework-1571
    predicate: hasComponent
    object: main-line
    evidence:
      - {quote: 以铸牢中华民族共同体意识为主线, occurrence: 1}
"""


def make_project(tmp_path: Path, curation: str = MINIMAL_CURATION, structure: bool = True) -> Path:
    """Copy the vocabulary, shapes, context and source into ``tmp_path`` and write one curation file."""
    root = tmp_path / "project"
    (root / "ontology" / "curation").mkdir(parents=True)
    for name in ("vocabulary.ttl", "shapes.ttl", "context.jsonld"):
        shutil.copy(ROOT / "ontology" / name, root / "ontology" / name)
    shutil.copytree(ROOT / "source", root / "source")
    if not structure and (root / "source" / "structure.yaml").exists():
        (root / "source" / "structure.yaml").unlink()
    (root / "ontology" / "curation" / "core.yaml").write_text(textwrap.dedent(curation), encoding="utf-8")
    return root


def run_build(root: Path, capsys, *options: str) -> tuple[int, str]:
    """Build into root/exports (pre-filled with a sentinel) with ``options`` (e.g. "--shacl") and return
    (exit code, stderr), after checking that a failed build left the exports untouched and wrote nothing partial."""
    from kg1571.cli import main

    exports = root / "exports"
    exports.mkdir(exist_ok=True)
    (exports / "kg1571.ttl").write_text("previous export\n", encoding="utf-8")
    code = main(["build", "--root", str(root), *options])
    err = capsys.readouterr().err
    assert (exports / "kg1571.ttl").read_text(encoding="utf-8") == "previous export\n", "exports were touched"
    assert sorted(p.name for p in exports.iterdir()) == ["kg1571.ttl"], "a partial export was written"
    return code, err


@pytest.fixture
def tmp_project(tmp_path: Path) -> Path:
    """A small valid project in a temporary folder (see MINIMAL_CURATION)."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def project():
    """The real project, loaded once."""
    from kg1571.pipeline import load_project

    return load_project(ROOT)


@pytest.fixture(scope="session")
def built_graph(project):
    """The real graph, built once, as an rdflib Graph (kg1571.pipeline.rdflib_graph: the Python API)."""
    from kg1571.pipeline import rdflib_graph

    return rdflib_graph(project)


# ---------------------------------------------------------------------------------------------------
# Triple-store servers (SPARQL and stores: tests/servers.py). Session-scoped, on 127.0.0.1 and free
# ports, stopped by PID at teardown. Locally they skip when a binary is missing; in CI they fail.
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory):
    """A running, writable Oxigraph server (kg1571.stores.serve.OxigraphServer) over an empty database."""
    from kg1571.errors import ServeError
    from servers import start_oxigraph_store

    try:
        server = start_oxigraph_store(tmp_path_factory.mktemp("oxigraph") / "db")
    except ServeError as exc:
        require(False, f"the Oxigraph server cannot start: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory):
    """A running Virtuoso 7 (tests/servers.VirtuosoServer) over a fresh database; user dba, password dba."""
    from kg1571.errors import ServeError
    from servers import find_virtuoso, start_virtuoso, virtuoso_home

    require(
        find_virtuoso() is not None, f"Virtuoso is not installed in {virtuoso_home()}: run scripts/install-virtuoso.sh"
    )
    try:
        server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except ServeError as exc:
        require(False, f"Virtuoso cannot start: {exc}")
    yield server
    server.stop()


# ---------------------------------------------------------------------------------------------------
# Property-based tests (tests/faults/test_properties.py): a fixed, derandomized run by default, so CI is
# reproducible and fast; HYPOTHESIS_PROFILE=long runs many more examples (CONTRIBUTING.md).
# ---------------------------------------------------------------------------------------------------
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci",
        derandomize=True,
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    settings.register_profile(
        "long",
        max_examples=5000,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # hypothesis is in the test extras; without it only the property tests are skipped
    pass
