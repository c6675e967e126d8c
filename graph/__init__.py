"""kg1571: a hand-curated knowledge graph of Inner Mongolia's "1571" work plan.

``kg1571.load_graph()`` gives the graph as an ``rdflib.Graph`` (see README, "Python API"); importing
``kg1571`` itself loads nothing heavy (the CLI's start-up depends on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import rdflib

#: The release; pyproject.toml's ``version`` is the same (tests/cli/test_cli.py checks both and the
#: installed metadata). A constant, so start-up does not pay for importlib.metadata (about 25 ms).
__version__ = "0.2.0"

__all__ = ["__version__", "load_graph"]


def load_graph(root: Path | str | None = None, base_iri: str = "https://w3id.org/kg1571/") -> rdflib.Graph:
    """The project at ``root`` (default: the current checkout, else the project installed with kg1571),
    loaded, checked and built, as an ``rdflib.Graph`` holding exactly the triples of ``exports/kg1571.nt``.
    Raises kg1571.errors.CurationError listing every problem found. See kg1571.pipeline.load_graph."""
    from kg1571.pipeline import load_graph as load

    return load(root, base_iri=base_iri)
