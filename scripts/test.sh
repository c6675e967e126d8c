#!/usr/bin/env bash
# Set everything up on a fresh machine and run every check and the whole test suite (the README's test command).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k explorer` or `bash scripts/test.sh -m "not slow"`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
bash scripts/install-system-deps.sh

# Static checks. mypy reads the package under its import name through a link (graph/ is mapped to kg1571
# by an import hook at run time, which static tools cannot follow).
mkdir -p .cache/typecheck && ln -sfn ../../graph .cache/typecheck/kg1571
.venv/bin/ruff check graph tests benchmarks scripts
.venv/bin/ruff format --check graph tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python scripts/update-docs.py --check
# The published contract: pySHACL validates the real graph (build and validate run only the fast checks of
# ontology/shapes.ttl by default), and the committed exports are fresh.
.venv/bin/kg1571 build --check --shacl
exec .venv/bin/python -m pytest "$@"
