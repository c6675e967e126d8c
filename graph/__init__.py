"""kg1571: a hand-curated knowledge graph of Inner Mongolia's "1571" work plan."""

#: The release; pyproject.toml's ``version`` is the same (tests/cli/test_cli.py checks both and the
#: installed metadata). A constant, so start-up does not pay for importlib.metadata (about 25 ms).
__version__ = "0.2.0"
