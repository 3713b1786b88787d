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
    return collapse_spaces(kept), notes


def remove_controls(text: str) -> tuple[str, list[str]]:
    """Control characters only (YAML refuses them), everything else as it was."""
    return _remove(text, lambda char: char not in KEPT_CONTROLS and unicodedata.category(char) == "Cc")


def remove_invisible(text: str) -> tuple[str, Counter[str]]:
    """Control, format and variation-selector characters removed (spaces kept
    as they are: Markdown reads indentation), with how often each occurred."""
    return _strip(text, _removable)


def removal_notes(removed: Counter[str]) -> list[str]:
    """One note per kind of character removed, with its count."""
    return [_note(char, count) for char, count in removed.items()]


def collapse_spaces(text: str) -> str:
    """Runs of Western spaces as one space."""
    return _SPACE_RUN.sub(" ", text)


def _remove(text: str, removable: Callable[[str], bool]) -> tuple[str, list[str]]:
    kept, removed = _strip(text, removable)
    return kept, removal_notes(removed)


def _strip(text: str, removable: Callable[[str], bool]) -> tuple[str, Counter[str]]:
    removed: Counter[str] = Counter()
    kept = []
    for char in text:
        if removable(char):
            removed[char] += 1
        else:
            kept.append(char)
    return "".join(kept), removed


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
