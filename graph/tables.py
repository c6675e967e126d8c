"""Aligned plain-text tables for the terminal, counting East Asian wide characters as two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns a terminal uses for ``text``: wide and fullwidth characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def format_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], *, gap: str = "  ", rule_gap: str | None = None
) -> str:
    """Header, a rule of dashes, then the rows, every column padded to its widest cell (no trailing blanks).

    ``gap`` separates the columns; ``rule_gap`` separates the dashes of the rule (default: ``gap``).
    """
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return gap.join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)).rstrip()

    lines = [line(row) for row in cells]
    lines.insert(1, (gap if rule_gap is None else rule_gap).join("-" * w for w in widths))
    return "\n".join(lines)
