"""Character checks: every character a block or furniture prints must be in its face."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..errors import SourceError
from ..fonts import LoadedFont
from ..model import Origin

# An error about a character quotes this many characters either side of it.
CONTEXT_CHARS = 6


def check_characters(text: str, font: LoadedFont, origin: Origin) -> None:
    """A character the face cannot draw is an error, never a blank box.  The
    message quotes it in its context, as a paragraph spans several lines."""
    check_faces(text, (font,), (0,) * len(text), origin)


def check_faces(text: str, faces: Sequence[LoadedFont], face_of: Sequence[int], origin: Origin) -> None:
    """The same for text in several faces (bold and 楷体 runs): each
    character must be in the face that sets it."""
    for index, char in enumerate(text):
        font = faces[face_of[index]]
        if not font.metrics.has(char):
            name = unicodedata.name(char, "")
            context = text[max(0, index - CONTEXT_CHARS):index + CONTEXT_CHARS + 1]
            raise SourceError(origin.path, origin.line, origin.field,
                              f"character {char!r} (U+{ord(char):04X}{' ' + name if name else ''}) in "
                              f"“{context}” is not in the font {font.path.name}; replace it or name a font "
                              "that has it")
