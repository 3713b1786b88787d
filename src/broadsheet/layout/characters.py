"""Character checks: every character a block or furniture prints must be in its face."""
from __future__ import annotations

import unicodedata

from ..errors import SourceError
from ..fonts import LoadedFont
from ..model import Origin

# An error about a character quotes this many characters either side of it.
CONTEXT_CHARS = 6


def check_characters(text: str, font: LoadedFont, origin: Origin) -> None:
    """A character the face cannot draw is an error, never a blank box.  The
    message quotes it in its context, as a paragraph spans several lines."""
    for index, char in enumerate(text):
        if not font.metrics.has(char):
            name = unicodedata.name(char, "")
            context = text[max(0, index - CONTEXT_CHARS):index + CONTEXT_CHARS + 1]
            raise SourceError(origin.path, origin.line, origin.field,
                              f"character {char!r} (U+{ord(char):04X}{' ' + name if name else ''}) in "
                              f"“{context}” is not in the font {font.path.name}; replace it or name a font "
                              "that has it")
