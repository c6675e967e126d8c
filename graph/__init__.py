"""kg1571: a hand-curated knowledge graph of Inner Mongolia's "1571" work plan."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg1571")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
