"""Search keys made when the page is built: pinyin (full syllables and initials) of every Chinese label, and a
map from traditional to simplified characters, so the page finds 蒙古马精神 from "menggu", "mgmjs" or
蒙古馬精神 without carrying a converter. pypinyin and OpenCC are declared dependencies (pinned in
pyproject.toml), so the same project always gives the same keys."""

from __future__ import annotations

import re
from functools import lru_cache

_NOT_KEY = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("s2t")


def pinyin_keys(text: str) -> tuple[str, str]:
    """The pinyin of ``text`` as one run of syllables without tones ("menggumajingshen") and its initials
    ("mgmjs"); Latin letters and digits are kept, everything else dropped."""
    from pypinyin import Style, lazy_pinyin

    full = _NOT_KEY.sub("", "".join(lazy_pinyin(text, style=Style.NORMAL)).lower())
    initials = _NOT_KEY.sub("", "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower())
    return full, initials


def traditional(text: str) -> str:
    """``text`` in traditional characters (OpenCC's s2t)."""
    return str(_converter().convert(text))


def traditional_map(texts: list[str]) -> dict[str, str]:
    """Traditional character -> simplified, for every character of ``texts`` whose traditional form
    differs (converted phrase by phrase, so a character takes the form its context gives it)."""
    mapping: dict[str, str] = {}
    for text in texts:
        converted = traditional(text)
        if len(converted) != len(text):
            continue
        for trad, simp in zip(converted, text, strict=True):
            if trad != simp:
                mapping.setdefault(trad, simp)
    return dict(sorted(mapping.items()))
