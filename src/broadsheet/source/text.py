"""Clean text as it arrives from editors' files, reporting what was changed."""
from __future__ import annotations

import re
import unicodedata

# Zero-width and format characters that typing or pasting leaves behind; they
# print nothing and would only confuse the line breaker.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> tuple[str, list[str]]:
    """(cleaned text, notes on what was removed).  Control and zero-width
    characters go; runs of Western spaces become one space."""
    notes = []
    kept = []
    for char in text:
        if char in INVISIBLE:
            notes.append(f"removed invisible character U+{ord(char):04X}")
            continue
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            notes.append(f"removed control character U+{ord(char):04X}")
            continue
        kept.append(char)
    cleaned = _SPACE_RUN.sub(" ", "".join(kept))
    return cleaned, notes


def join_lines(lines: list[str]) -> str:
    """Join a paragraph's source lines: no space between Chinese characters,
    one space where both sides are Western."""
    text = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if text and text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            text += " "
        text += line
    return text
