"""`kg1571 build` without the pySHACL step, to separate its cost from the rest of the build.

Usage: python benchmarks/build_without_shacl.py ROOT OUT_DIR

The same calls as the CLI's build (load and check, the model, every export, the atomic publish), with
``build_and_render(shacl=False)``. Part B of issue #12 gives the CLI its own switch; until then this is how
benchmarks/run.py reports the build with and without pySHACL. KG1571_TIMINGS records stages as the CLI does.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path


def main(root: Path, out: Path) -> None:
    from kg1571 import timing
    from kg1571.exports import write_exports
    from kg1571.pipeline import build_and_render, load_project

    timings = os.environ.get("KG1571_TIMINGS")
    if timings:
        timing.enable()
    gc.disable()  # as the CLI does
    built, outputs = build_and_render(load_project(root), shacl=False)
    write_exports(outputs, out)
    if timings:
        Path(timings).write_text(json.dumps(timing.records()), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
