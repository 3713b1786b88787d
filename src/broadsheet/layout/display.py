"""What the layout stage hands to the renderer: a display list, in points.

Coordinates are measured from the trim's top-left corner, y growing down the
page, as a layout editor measures; the renderer turns them into PDF space.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextRun:
    """Glyphs set from one pen position, each advancing by its own width plus
    ``char_space`` (PDF Tc).  ``baseline`` is the y of the baseline."""
    font: str
    size: float
    x: float
    baseline: float
    text: str
    char_space: float = 0.0
    horizontal_scale: float = 100.0  # percent (PDF Tz)


@dataclass(frozen=True)
class Rule:
    """A straight line of the given weight (pt), 100% K."""
    x0: float
    y0: float
    x1: float
    y1: float
    weight: float


@dataclass(frozen=True)
class Outline:
    x: float
    y: float
    width: float
    height: float
    weight: float


@dataclass(frozen=True)
class QRMark:
    """A QR code drawn as vector squares: ``modules[row][col]`` is dark."""
    x: float
    y: float
    module: float
    modules: tuple[tuple[bool, ...], ...]
    url: str

    @property
    def size(self) -> float:
        return self.module * len(self.modules)


@dataclass
class BlockReport:
    """Flow figures for one article block (what --report writes)."""
    name: str
    article: str
    lines_set: int = 0
    characters_set: int = 0
    characters_overset: int = 0
    lines_overset: int = 0
    underset_lines: int = 0
    column_lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ComposedPage:
    """One page, ready to draw."""
    number: int
    title: str
    trim_width: float
    trim_height: float
    bleed: float
    runs: list[TextRun] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    qr_codes: list[QRMark] = field(default_factory=list)
    blocks: list[BlockReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
