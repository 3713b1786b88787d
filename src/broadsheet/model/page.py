"""A page layout as the layout stage reads it: page, grid, blocks (all in pt).

Grid lines and basic columns (基本栏) are counted from 1, as layout editors
count them; a block rectangle includes both its first and last column/line.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from pathlib import Path

from ..checks.limits import DEFAULT_TAC_PERCENT
from ..text.classes import Prohibition
from .article import Origin
from .colour import BLACK, Swatch

class LineAlign(Enum):
    """Where a line shorter than its measure sits: titles, captions, marks."""
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"

    @property
    def share(self) -> float:
        """The part of the spare width that goes before the line."""
        return {LineAlign.LEFT: 0.0, LineAlign.CENTER: 0.5, LineAlign.RIGHT: 1.0}[self]


class BylinePlace(Enum):
    """Where a block sets its byline."""
    BODY = "body"       # on the first line of the body
    HEAD = "head"       # under the title, in the title area


class QRPlace(Enum):
    """Where a block's QR code stands in its column."""
    FOOT = "foot"       # under the column's text
    HEAD = "head"       # over it


# Typographic roles of a newspaper page; fonts/roles.yaml maps each to one face.
ROLES = ("body", "title", "subtitle", "kicker", "byline", "lead", "caption", "running_head", "masthead", "strong",
         "emphasis")


@dataclass(frozen=True)
class PageSpec:
    trim_width: float
    trim_height: float
    bleed: float
    top: float          # trim top edge to the type area (版心) top
    left: float         # trim left edge to the type area left


@dataclass(frozen=True)
class GridSpec:
    """Basic columns of whole body characters, and a baseline grid."""
    columns: int
    column_chars: int
    gutter_chars: int
    body_size: float    # pt: one body character (the grid's em)
    line_pitch: float   # pt from one body line to the next
    lines: int

    @property
    def column_width(self) -> float:
        return self.column_chars * self.body_size

    @property
    def gutter(self) -> float:
        return self.gutter_chars * self.body_size

    @property
    def width(self) -> float:
        return self.span_width(1, self.columns)

    @property
    def height(self) -> float:
        return self.lines * self.line_pitch

    def column_left(self, column: int) -> float:
        """Left edge of a basic column, from the type area's left edge."""
        return (column - 1) * (self.column_width + self.gutter)

    def span_width(self, first: int, last: int) -> float:
        return self.column_left(last) + self.column_width - self.column_left(first)

    def span_chars(self, columns: int) -> int:
        """Characters across a long column of n basic columns: 13n + (n − 1)."""
        return self.column_chars * columns + self.gutter_chars * (columns - 1)

    def line_top(self, line: int) -> float:
        """Top of grid line ``line``, from the type area's top."""
        return (line - 1) * self.line_pitch

    def broken_columns(self, span_chars: int, count: int) -> tuple[int, float]:
        """破栏: ``count`` equal columns of whole characters across ``span_chars``
        characters, as editors count them: (characters per column, gutter in
        characters).  The characters left over widen the gutters evenly, so the
        columns stay equal and the span keeps its edges: 五破三 is
        (69 − 2) / 3 = 22 remainder 1, three columns of 22 with gutters of 1½."""
        chars = (span_chars - (count - 1) * self.gutter_chars) // count
        if count == 1:
            return chars, 0.0
        return chars, (span_chars - count * chars) / (count - 1)


@dataclass(frozen=True)
class FrameRect:
    """A rectangle of the grid: basic columns and grid lines, both inclusive.
    ``body_columns`` divides it into that many equal columns (破栏) instead of
    its basic columns."""
    first_column: int
    last_column: int
    first_line: int
    last_line: int
    body_columns: int | None = None

    @property
    def columns(self) -> int:
        return self.last_column - self.first_column + 1

    def overlaps(self, other: FrameRect) -> bool:
        return not (self.last_column < other.first_column or other.last_column < self.first_column
                    or self.last_line < other.first_line or other.last_line < self.first_line)

    def holds(self, column: int, line: int) -> bool:
        return self.first_column <= column <= self.last_column and self.first_line <= line <= self.last_line


@dataclass(frozen=True)
class StyleSpec:
    role: str           # font role (fonts/roles.yaml)
    size: float         # pt
    align: LineAlign = LineAlign.CENTER
    colour: Swatch = BLACK


@dataclass(frozen=True)
class HeadSpec:
    """The title area (标题区) above the body: kicker, title, subtitle."""
    columns: int                # basic columns it spans, from the block's first
    lines: int | None           # grid lines it takes (占行); None: as many as needed
    kicker: StyleSpec
    title: StyleSpec
    subtitle: StyleSpec
    vertical: bool = False      # 竖题: the title runs down the block's first ``columns`` columns
    right_to_left: bool = False  # a vertical title's columns read right to left (kicker rightmost)
    reverse: Swatch | None = None   # 反白: the area filled with this colour, its titles in paper white
    logo: Supplied | None = None    # 题花/栏目标识 at the area's left, the titles beside it
    logo_lines: int = 0             # grid lines the logo stands (its width follows its proportions)


@dataclass(frozen=True)
class QRSpec:
    column: int | None          # basic column it stands in (None: the block's last)
    lines: int                  # grid lines the code and its caption take
    caption: StyleSpec
    place: QRPlace = QRPlace.FOOT


class QuestionStyle(Enum):
    """How an interview's questions are set (a house option)."""
    LEAD_IN = "lead-in"     # as written: the bold 记者： lead-in, the question in the body face
    KAI = "kai"             # whole question paragraphs in 楷体, the lead-in still bold


class Fit(Enum):
    """How a picture meets its frame."""
    FILL = "fill"   # cover the frame, cropping what overhangs (around the focus)
    FIT = "fit"     # show the whole picture, white bands where it is narrower (letterbox)


CENTRE_FOCUS = (0.5, 0.5)


@dataclass(frozen=True)
class PressSettings:
    """The paper's press: its CMYK profile for converting pictures (None: the
    default newsprint separation, docs/press.md), its total area coverage
    limit (%), and the ICC output profile to embed in the PDF/X OutputIntent
    (None: the registered IFRA26 newsprint condition is named instead)."""
    cmyk_profile: Path | None = None
    ink_limit: float = DEFAULT_TAC_PERCENT
    output_profile: Path | None = None


@dataclass(frozen=True)
class FitAids:
    """Fitting aids (each off unless the layout turns it on, reported when used)."""
    even: bool = False      # the last columns balanced to within one line of each other


@dataclass(frozen=True)
class PictureSpec:
    """A photograph on the grid: its area (picture and caption, 图说, under
    it), how it fills the area, and where the layout names it."""
    file: Path
    display: str                    # the path as the layout gives it
    rect: FrameRect
    caption: str
    credit: str
    fit: Fit
    focus: tuple[float, float]      # 0–1 across and down: the part a crop keeps
    origin: Origin                  # the layout, the item's line, its key (pictures[0])


@dataclass(frozen=True)
class BlockSpec:
    """An article block: its rectangles in reading order (an L-shaped or stepped
    block has several), title area, styles and jumps."""
    name: str
    article: Path | None        # None for a continuation: it sets the text its first part left
    article_display: str
    rects: tuple[FrameRect, ...]
    head: HeadSpec
    byline: StyleSpec
    lead: StyleSpec
    qr: QRSpec
    balance: bool
    fit: FitAids
    continued_from: str | None  # name of the block this one continues (转版)
    continued_to: str | None    # name of the block that takes the text this one cannot hold
    box: bool
    line: int                   # line of the layout file that defines it
    byline_at: BylinePlace = BylinePlace.BODY
    pictures: tuple[PictureSpec, ...] = ()   # the body runs round them (图文绕排)
    questions: QuestionStyle = QuestionStyle.LEAD_IN
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)  # lines of jump keys and qr: given
    tint: Swatch | None = None  # 底纹: the box's ground, under its text
    box_rule: bool = True       # a boxed block's outline rule (a tinted box may go without)


@dataclass(frozen=True)
class RunningHead:
    """报眉: what runs across the top of an inside page."""
    paper: str
    date: str
    page_number: str
    section: str
    editor: str
    origins: dict[str, Origin] = field(default_factory=dict, compare=False)  # per text field


@dataclass(frozen=True)
class Masthead:
    """报头: the front page's nameplate."""
    paper: str
    subtitle: str
    date: str
    columns: int
    lines: int
    origins: dict[str, Origin] = field(default_factory=dict, compare=False)  # per text field
    colour: Swatch = BLACK      # the paper's name: red (M+Y or a spot red) on most front pages


@dataclass(frozen=True)
class Supplied:
    """A file placed as it was delivered (an advertisement, a column logo):
    the first page of a PDF, its trim ``width`` × ``height`` in pt; or a
    raster image, its size from the resolution it records."""
    path: Path
    display: str                # as the layout names it
    width: float
    height: float
    origin: Origin              # the layout's line and key, for messages about it
    raster: bool = False        # JPEG, PNG or TIFF: through the press image pipeline, not placed as a form
    sized: bool = True          # False: a raster file that records no resolution (only its proportions are known)


@dataclass(frozen=True)
class AdSpec:
    """An advertisement's space: the agency's file placed in it, or, with no
    file yet, an empty slot (开天窗) outlined with its label in proofs only."""
    rect: FrameRect
    label: str
    origin: Origin | None = None
    file: Supplied | None = None
    place: Origin | None = None     # the layout's line and key of the space itself


@dataclass
class LayoutSpec:
    path: str
    page_number: int
    page: PageSpec
    grid: GridSpec
    running_head: RunningHead | None
    masthead: Masthead | None
    blocks: list[BlockSpec]
    ads: list[AdSpec] = field(default_factory=list)
    fonts: dict[str, Path] = field(default_factory=dict)
    prohibition: Prohibition = Prohibition.GB
    block_rules: bool = True        # rules between neighbouring blocks
    column_rules: bool = False      # 栏线: hairlines down the gutters between a block's columns
    title: str = ""
    issue_date: str | None = None   # ISO date: the PDF's dates, for identical bytes on every build
    pictures: list[PictureSpec] = field(default_factory=list)
    press: PressSettings = field(default_factory=PressSettings)
    file: Path | None = None        # the layout file itself (``path`` is its name as shown)
    font_lines: dict[str, int] = field(default_factory=dict, compare=False)  # fonts: keys' lines, for errors

    def sources(self) -> list[tuple[Path, str]]:
        """Every file this layout names, with what it is: no output of a build
        may be written over one.  A new kind of source (a picture, a profile)
        is added here, and every output is checked against it."""
        found: list[tuple[Path, str]] = []
        if self.file is not None:
            found.append((self.file, f"the layout {self.path}"))
        found += [(block.article, f"the article of block {block.name!r}") for block in self.blocks
                  if block.article is not None]
        found += [(path, f"the font for {role}") for role, path in self.fonts.items()]
        pictures = [*self.pictures, *(picture for block in self.blocks for picture in block.pictures)]
        found += [(picture.file, f"the picture {picture.display}") for picture in pictures]
        found += [(ad.file.path, f"the advertisement {ad.file.display}") for ad in self.ads if ad.file is not None]
        found += [(block.head.logo.path, f"the column logo {block.head.logo.display}") for block in self.blocks
                  if block.head.logo is not None]
        if self.press.cmyk_profile is not None:
            found.append((self.press.cmyk_profile, "the press CMYK profile"))
        if self.press.output_profile is not None:
            found.append((self.press.output_profile, "the ICC output profile"))
        # Any other file the spec holds (a kind of source added without a
        # line above) is a source all the same, named by where it stands.
        named = {path for path, _ in found}
        found += [(path, f"the file of {where}") for where, path in _paths_in(self, "") if path not in named]
        return found


def _paths_in(value: object, where: str) -> list[tuple[str, Path]]:
    """Every Path inside a spec (dataclass fields, lists, tuples, dict values),
    with its place, such as ``blocks[0].article``."""
    if isinstance(value, Path):
        return [(where, value)]
    if is_dataclass(value) and not isinstance(value, type):
        return [found for item in fields(value)
                for found in _paths_in(getattr(value, item.name), f"{where}.{item.name}".lstrip("."))]
    if isinstance(value, (list, tuple)):
        return [found for index, item in enumerate(value) for found in _paths_in(item, f"{where}[{index}]")]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _paths_in(item, f"{where}.{key}")]
    return []


@dataclass
class EditionSpec:
    """An edition: page layouts in print order, built together so jumps resolve."""
    path: str
    title: str
    issue_date: str | None
    pages: list[LayoutSpec]
    file: Path | None = None        # the edition file itself

    def sources(self) -> list[tuple[Path, str]]:
        """The edition file and every file its pages name."""
        own = [(self.file, f"the edition {self.path}")] if self.file is not None else []
        return own + [source for page in self.pages for source in page.sources()]
