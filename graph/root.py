"""Where the project lives: a folder given with --root, the current folder, a checkout, or the wheel's copy.

A project folder holds ``ontology/`` (vocabulary, shapes, context, curation), ``source/`` (the article) and
``exports/``. The wheel carries one as ``kg1571/bundled/``, so an installed kg1571 works from any folder;
that copy is read-only (``kg1571 build`` then needs ``--out``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg1571.errors import ProjectNotFound

_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ProjectRoot:
    """A project folder and whether it is the read-only copy installed with the package."""

    path: Path
    bundled: bool = False


def is_project(folder: Path) -> bool:
    """Whether ``folder`` holds a project (``ontology/`` and ``source/``)."""
    return (folder / "ontology").is_dir() and (folder / "source").is_dir()


def bundled_root() -> ProjectRoot:
    """The project that came with the package: the checkout of an editable install, else the wheel's copy."""
    checkout = _PACKAGE.parent  # graph/ sits at the top of a checkout
    if _PACKAGE.name == "graph" and is_project(checkout):
        return ProjectRoot(checkout)
    bundled = _PACKAGE / "bundled"
    if is_project(bundled):
        return ProjectRoot(bundled, bundled=True)
    raise ProjectNotFound(
        f"no project found: neither the current folder nor the installed package ({_PACKAGE}) holds "
        "ontology/ and source/; pass --root DIR, or reinstall kg1571"
    )


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> ProjectRoot:
    """``explicit`` (checked), else the current folder if it is a project, else :func:`bundled_root`."""
    if explicit is not None:
        if not explicit.is_dir():
            raise ProjectNotFound(f"--root {explicit}: no such folder")
        if not is_project(explicit):
            raise ProjectNotFound(f"--root {explicit}: not a kg1571 project (it needs ontology/ and source/)")
        return ProjectRoot(explicit)
    here = Path.cwd() if cwd is None else cwd
    if is_project(here):
        return ProjectRoot(here)
    return bundled_root()
