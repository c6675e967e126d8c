"""Node labels: Chinese and English wrapped into short lines that never break a word or a number."""

from __future__ import annotations

import re
import textwrap

ZH_WRAP = 8  # characters per line of a wrapped Chinese node label
EN_WRAP = 18  # characters per line of a wrapped English node label
NO_LINE_START = "”’）)》」』，,。.、：:；;！!？?"
_TOKEN = re.compile(r"[A-Za-z0-9.%+-]+|\s+|.", re.DOTALL)
NO_LINE_END = "“‘（(《「『"


def wrap_label(text: str, lang: str) -> str:
    """Break a node label into short lines (vis-network draws ``\\n`` as a line break).

    Chinese lines hold about ZH_WRAP characters; a run of Latin letters or digits (“1571”) is never split,
    no line starts with closing punctuation and none ends with an opening quote or bracket.
    """
    if lang == "en":
        return "\n".join(textwrap.wrap(text, EN_WRAP, break_long_words=False)) or text

    def width(s: str) -> float:
        return sum(0.55 if ord(ch) < 128 else 1.0 for ch in s)

    if width(text) <= ZH_WRAP + 2:
        return text
    lines: list[str] = [""]
    for token in _TOKEN.findall(text):
        if lines[-1] and width(lines[-1]) + width(token) > ZH_WRAP and token[0] not in NO_LINE_START:
            carry = ""
            while lines[-1] and lines[-1][-1] in NO_LINE_END:
                carry, lines[-1] = lines[-1][-1] + carry, lines[-1][:-1]
            lines.append(carry)
        lines[-1] += token
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) > 1 and width(lines[-1]) <= 2:  # no orphan of one or two characters
        last = lines.pop()
        lines[-1] += last
    return "\n".join(lines)
