"""Colours a layout may name: process CMYK or a spot colour (专色), at a tint.

Everything broadsheet prints is black unless the layout says otherwise: a red
masthead, a tinted box (底纹), a band with reversed type (反白).
"""
from __future__ import annotations

from dataclasses import dataclass

PROCESS_LETTERS = "CMYK"
FULL_TINT = 1.0


@dataclass(frozen=True)
class Swatch:
    """A colour as the press sees it: CMYK fractions (0–1) of a process colour,
    or of a spot colour's look-alike (its alternate for proofs and for plants
    that print it in process); ``tint`` is the share of the colour laid down."""
    cmyk: tuple[float, float, float, float]
    spot: str | None = None
    tint: float = FULL_TINT

    def at(self, tint: float) -> Swatch:
        """The same colour at ``tint`` (0–1) of its full strength."""
        return Swatch(self.cmyk, self.spot, tint)

    @property
    def process(self) -> tuple[float, float, float, float]:
        """The CMYK this swatch lays down when printed in process (tint applied)."""
        return tuple(value * self.tint for value in self.cmyk)  # type: ignore[return-value]

    @property
    def is_solid_black(self) -> bool:
        """100% K and nothing else: black type and rules, which overprint."""
        return self.spot is None and self.process == BLACK.cmyk

    @property
    def is_paper(self) -> bool:
        """No ink: reversed (反白) type, which knocks out what lies beneath."""
        return self.tint == 0 or not any(self.cmyk)

    def describe(self) -> str:
        numbers = "/".join(f"{value * 100:g}" for value in self.cmyk)
        name = f"spot {self.spot} (CMYK {numbers})" if self.spot else f"CMYK {numbers}"
        return name + (f" at {self.tint * 100:g}%" if self.tint != FULL_TINT else "")


BLACK = Swatch((0.0, 0.0, 0.0, 1.0))
PAPER = Swatch((0.0, 0.0, 0.0, 0.0))
