#!/usr/bin/env bash
# Set everything up on a fresh machine and run the whole test suite (the README's test command).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k explorer`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
bash scripts/install-system-deps.sh
.venv/bin/ruff check graph tests benchmarks
exec .venv/bin/python -m pytest "$@"
