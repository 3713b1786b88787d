"""What the layout stage hands to the renderer: a display list, in points.

Coordinates are measured from the trim's top-left corner, y growing down the
page, as a layout editor measures; the renderer turns them into PDF space.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model.colour import BLACK, Swatch
from ..press.images import PreparedImage
from .copyfit import CopyFit


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
    # Turned a quarter clockwise about (x, baseline): the vertical form of a
    # bracket, quote or dash in a vertical title.  ``baseline`` is then the
    # top of the character's square and ``x`` the left of its em box's foot.
    quarter_turn: bool = False
    colour: Swatch = BLACK
    proof_only: bool = False     # a label of an empty space: in proofs, never on the plates


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
    proof_only: bool = False     # the outline of an empty space: in proofs, never on the plates


@dataclass(frozen=True)
class Fill:
    """A rectangle of colour under the type: a tinted box's ground (底纹), the
    band reversed type stands on (反白)."""
    x: float
    y: float
    width: float
    height: float
    colour: Swatch


@dataclass(frozen=True)
class Placement:
    """A supplied file's first page (a PDF advertisement, a logo) placed as
    delivered: its trim scaled to this rectangle, anything outside it cut off."""
    x: float
    y: float
    width: float
    height: float
    file: Path


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


@dataclass(frozen=True)
class ImageMark:
    """Prepared pixels drawn over ``width`` × ``height`` pt from (x, y), the top-left."""
    x: float
    y: float
    width: float
    height: float
    image: PreparedImage


@dataclass
class PictureReport:
    """Figures for one picture (what --report writes): where it prints and how."""
    file: str
    key: str                        # the layout's key for it, e.g. pictures[0]
    box: tuple[float, float, float, float]   # the picture's own box (pt from the trim's top-left): x0, y0, x1, y1
    ppi: float
    pixels: tuple[int, int]
    colour: str                     # DeviceGray or DeviceCMYK
    ink_percent: float              # the highest coverage of a pixel
    caption_lines: int = 0
    characters_set: int = 0         # caption and credit
    characters_overset: int = 0


@dataclass
class BlockReport:
    """Flow figures for one article block (what --report writes).

    Characters are those that print (spaces are not counted): every character
    of the block's text is set, overset, or continued on another page (转版);
    a continuation counts the title it repeats among its characters set."""
    name: str
    article: str
    lines_set: int = 0              # body lines (the title area not counted)
    characters_set: int = 0
    characters_overset: int = 0     # found no room: marked ▲超版N字 at the block foot
    lines_overset: int = 0          # the lines they would take at the last column's measure
    characters_continued: int = 0   # handed on to the continuation block
    underset_lines: int = 0         # grid lines left white at the column feet
    column_lines: list[int] = field(default_factory=list)   # lines used down each body column
    copyfit: CopyFit | None = None  # characters to cut or add for the block to be exactly full
    warnings: list[Diagnostic] = field(default_factory=list)


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
    fills: list[Fill] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    images: list[ImageMark] = field(default_factory=list)
    blocks: list[BlockReport] = field(default_factory=list)
    pictures: list[PictureReport] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
