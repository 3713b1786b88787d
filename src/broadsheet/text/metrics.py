"""Font metrics as plain data, in em, for the line breaker.

The breaker never opens a font: the fonts package (``fonts/registry.py``)
reads advances and punctuation ink from the font files and hands them over
as a ``FontMetrics``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .classes import CENTRED_MARKS, COMPRESSIBLE, FULL_WIDTH_QUOTES, classify

FULL_WIDTH_EM = 1.0
HALF_EM = 0.5
# A glyph whose advance is within this of 1 em is treated as full width.
FULL_WIDTH_TOLERANCE_EM = 0.1
# Ink that stays inside one half of the em box (with this much overlap) marks
# the other half as blank space that compression may remove.
HALF_BOX_OVERLAP_EM = 0.06


@dataclass(frozen=True)
class Ink:
    """Horizontal ink extent of a glyph, in em from its origin."""
    left: float
    right: float


@dataclass
class FontMetrics:
    """Advances (em) of the characters a font has, and the ink of its punctuation."""
    name: str
    advances: dict[str, float]
    punctuation_ink: dict[str, Ink] = field(default_factory=dict)

    @cached_property
    def widest(self) -> float:
        """The widest advance any character takes (em), full-width quotes as they are set."""
        return max(FULL_WIDTH_EM, *self.advances.values())

    def has(self, char: str) -> bool:
        return char in self.advances

    def advance(self, char: str) -> float:
        """Advance in em; quotes count as full width (Chinese text sets them so)."""
        width = self.advances[char]
        if char in FULL_WIDTH_QUOTES:
            return FULL_WIDTH_EM
        return width

    def draw_offset(self, char: str) -> float:
        """Where to put a narrow quote glyph inside its full-width box (em).

        An opening quote sits against the text that follows it, a closing quote
        against the text before it, as in a font with full-width quotes."""
        width = self.advances[char]
        if char in FULL_WIDTH_QUOTES and width < FULL_WIDTH_EM - FULL_WIDTH_TOLERANCE_EM:
            return FULL_WIDTH_EM - width if char in "“‘" else 0.0
        return 0.0

    def blanks(self, char: str) -> tuple[float, float]:
        """(left, right) blank of a full-width punctuation mark, in em.

        Probed from the ink, not assumed: 。， sit lower left in Simplified
        Chinese fonts (blank right), centred in Traditional ones (a quarter
        each side).  A full-width ratio sign (3∶1) is centred in every face."""
        if char in CENTRED_MARKS:
            full = self.advance(char) >= FULL_WIDTH_EM - FULL_WIDTH_TOLERANCE_EM
            return (HALF_EM / 2, HALF_EM / 2) if full else (0.0, 0.0)
        if classify(char) not in COMPRESSIBLE:
            return 0.0, 0.0
        advance = self.advance(char)
        if advance < FULL_WIDTH_EM - FULL_WIDTH_TOLERANCE_EM:
            return 0.0, 0.0
        ink = self.punctuation_ink.get(char)
        if ink is None:
            return 0.0, 0.0
        offset = self.draw_offset(char)
        left, right = ink.left + offset, ink.right + offset
        if right <= HALF_EM + HALF_BOX_OVERLAP_EM:
            return 0.0, HALF_EM
        if left >= HALF_EM - HALF_BOX_OVERLAP_EM:
            return HALF_EM, 0.0
        return HALF_EM / 2, HALF_EM / 2
