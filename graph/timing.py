"""Stage timings for the benchmarks: recorded only when enabled, never printed by the library."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from time import perf_counter

_records: list[tuple[str, float, float]] | None = None


def enable() -> None:
    """Start recording (the CLI does this when KG1571_TIMINGS names a file)."""
    global _records
    _records = []


def records() -> list[tuple[str, float, float]]:
    """(stage, seconds, peak RSS in MiB at its end) in the order the stages ran; lazy imports count in the
    stage that needs them. The peak is the process's so far (getrusage), so a stage that raises it shows."""
    return list(_records or [])


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time a block when recording is on; cost nothing measurable otherwise."""
    if _records is None:
        yield
        return
    import resource

    start = perf_counter()
    try:
        yield
    finally:
        seconds = perf_counter() - start
        _records.append((name, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
