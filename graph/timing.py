"""Stage timings for the benchmarks: recorded only when enabled, never printed by the library."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

_records: list[tuple[str, float]] | None = None


def enable() -> None:
    """Start recording (the CLI does this when KG1571_TIMINGS names a file)."""
    global _records
    _records = []


def records() -> list[tuple[str, float]]:
    """(stage, seconds) in the order the stages ran; lazy imports count in the stage that needs them."""
    return list(_records or [])


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time a block when recording is on; cost nothing measurable otherwise."""
    if _records is None:
        yield
        return
    start = perf_counter()
    try:
        yield
    finally:
        _records.append((name, perf_counter() - start))
