"""Clean text as it arrives from editors' files, reporting what was changed."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Callable

# Characters that print nothing and that typing or pasting leaves behind:
# controls (category Cc, bar newline and tab), format characters (Cf: zero-width
# spaces and joiners, soft hyphens, byte-order marks, bidirectional overrides
# that could reorder what the reader sees) and variation selectors, which our
# faces cannot honour.
REMOVED_CATEGORIES = {"Cc": "control character", "Cf": "invisible character"}
KEPT_CONTROLS = frozenset("\n\t")
VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
# Word processors' line and paragraph separators (Unicode Zl and Zp).
LINE_SEPARATOR = "\u2028"
PARAGRAPH_SEPARATOR = "\u2029"
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")


def clean(text: str) -> tuple[str, list[str]]:
    """(cleaned text, notes on what was removed).  Control, format and
    variation-selector characters go, each kind reported once with its count;
    runs of Western spaces become one space."""
    kept, notes = _remove(text, _removable)
    return _SPACE_RUN.sub(" ", kept), notes


def remove_controls(text: str) -> tuple[str, list[str]]:
    """Control characters only (YAML refuses them), everything else as it was."""
    return _remove(text, lambda char: char not in KEPT_CONTROLS and unicodedata.category(char) == "Cc")


def _remove(text: str, removable: Callable[[str], bool]) -> tuple[str, list[str]]:
    removed: Counter[str] = Counter()
    kept = []
    for char in text:
        if removable(char):
            removed[char] += 1
        else:
            kept.append(char)
    return "".join(kept), [_note(char, count) for char, count in removed.items()]


def _removable(char: str) -> bool:
    if char in KEPT_CONTROLS:
        return False
    code = ord(char)
    return unicodedata.category(char) in REMOVED_CATEGORIES or any(code in block for block in VARIATION_SELECTORS)


def _note(char: str, count: int) -> str:
    kind = REMOVED_CATEGORIES.get(unicodedata.category(char), "variation selector")
    name = unicodedata.name(char, "")
    times = f" ({count} times)" if count > 1 else ""
    return f"removed {kind} U+{ord(char):04X}" + (f" {name}" if name else "") + times


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
