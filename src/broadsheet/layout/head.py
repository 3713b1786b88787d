"""The title area (标题区): kicker, title, subtitle, across a block's columns
(横题) or down a strip at its side (竖题).

Either way the area takes whole grid lines (占行), so the body beside and
below it stays on the baseline grid.  A horizontal area stacks its elements
top to bottom.  A vertical one takes its columns down the whole of the
block's first rectangle and stands the elements side by side, each character
upright, one per em; as papers do with a title to the left of the body, its
columns read from left to right (kicker, title, subtitle).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ..model import Origin
from ..model.article import split_at
from ..model.colour import BLACK, Swatch
from ..text.classes import CharClass, Prohibition, classify
from ..text.headline import break_headline
from ..text.justify import SetLine
from .display import ComposedPage, TextRun
from .geometry import IDEOGRAPHIC_ASCENT_EM, Box, PageGeometry, baseline_in_box
from .runs import DASH, line_runs
from .setting import HEADLINE_LINE_HEIGHT, TextStyle, lines_per_line, set_headline

# Elements of the title area are separated by this fraction of the title size.
HEAD_ELEMENT_GAP = 0.35
# White (in body lines) kept between the title area and the body.
HEAD_MIN_SPACE_LINES = 1.0
# In vertical setting (clreq §3.1.3) these marks sit in the upper right of
# their square instead of the lower left: one half em right and up.
VERTICAL_UPPER_RIGHT = frozenset("，。、．")
VERTICAL_SHIFT_EM = 0.5
# These marks take their vertical form by turning a quarter clockwise (the
# fonts carry no U+FE10–FE4F presentation forms): brackets and quotes open
# downwards, —— and …… run down the column.
VERTICAL_ROTATED_CLASSES = frozenset({CharClass.OPENING_BRACKET, CharClass.CLOSING_BRACKET,
                                      CharClass.CONNECTOR, CharClass.INSEPARABLE})
VERTICAL_ROTATED = frozenset("：；")
# 纵中横: a number of two to four characters stands across one square of a
# vertical title, condensed to fit the square's width.
NUMBER_RUN = re.compile(r"[0-9][0-9.%％]*")
MIN_ACROSS_CHARS = 2
MAX_ACROSS_CHARS = 4
ACROSS_FILL_EM = 1.0
# The ideographic em box's foot lies this far below the baseline.
IDEOGRAPHIC_DESCENT_EM = 1.0 - IDEOGRAPHIC_ASCENT_EM


@dataclass(frozen=True)
class HeadText:
    """One element of the title area as the article gives it."""
    text: str
    origin: Origin
    style: TextStyle
    breaks: tuple[int, ...] = ()    # the editor's line breaks (offsets in ``text``)


@dataclass
class SetHead:
    """Elements set: each a list of lines (horizontal) or columns (vertical)."""
    elements: list[tuple[TextStyle, list]]
    vertical: bool

    def extent(self) -> float:
        """Depth of a horizontal stack, width of a vertical one (pt)."""
        if not self.elements:
            return 0.0
        total = sum(len(lines) * style.size * HEADLINE_LINE_HEIGHT for style, lines in self.elements)
        return total + (len(self.elements) - 1) * HEAD_ELEMENT_GAP * self.title_size

    @property
    def title_size(self) -> float:
        return max(style.size for style, _ in self.elements)

    def length(self) -> float:
        """Length of the longest vertical column (pt)."""
        return max((len(vertical_cells(column)) * style.size for style, columns in self.elements
                    for column in columns), default=0.0)


def set_horizontal(texts: list[HeadText], width: float, prohibition: Prohibition) -> SetHead:
    """Each element broken into balanced lines, a new line wherever the editor broke one."""
    return SetHead([(t.style, [line.line for part in split_at(t.text, t.breaks)
                               for line in set_headline(part, t.style, width, prohibition)])
                    for t in texts], vertical=False)


def horizontal_lines(head: SetHead, pitch: float, fixed: int | None) -> int:
    """Grid lines the title area takes (占行): the layout's figure, or enough
    for the stack and the white under it — and never fewer than the stack
    needs, so titles never print over the body (the caller warns)."""
    needed = math.ceil(head.extent() / pitch + HEAD_MIN_SPACE_LINES) if head.elements else 0
    return needed if fixed is None else max(fixed, needed)


def draw_horizontal(page: ComposedPage, head: SetHead, area: Box, pitch: float) -> None:
    """The stack centred in the area, less the white kept above the body."""
    if not head.elements:
        return
    y = area.top + (area.bottom - area.top - HEAD_MIN_SPACE_LINES * pitch - head.extent()) / 2
    width = area.right - area.left
    for number, (style, lines) in enumerate(head.elements):
        if number:
            y += HEAD_ELEMENT_GAP * head.title_size
        box = style.size * HEADLINE_LINE_HEIGHT
        for line in lines:
            x = area.left + align_offset(line, style, width)
            page.runs.extend(coloured(line_runs(line, style.font.metrics, style.font.name, style.size, x,
                                                baseline_in_box(y, box, style.size), style.font.dash_ink),
                                      style.colour))
            y += box


def draw_on_grid(page: ComposedPage, lines: list[SetLine], style: TextStyle, area: Box, geometry: PageGeometry,
                 first_line: int) -> None:
    """Lines across the area, each on its own grid lines from ``first_line``."""
    span = lines_per_line(style.size, geometry.grid.line_pitch)
    for number, line in enumerate(lines):
        top = geometry.line_top(first_line + number * span)
        page.runs.extend(coloured(line_runs(line, style.font.metrics, style.font.name, style.size,
                                            area.left + align_offset(line, style, area.right - area.left),
                                            baseline_in_box(top, span * geometry.grid.line_pitch, style.size),
                                            style.font.dash_ink), style.colour))


def coloured(runs: list[TextRun], colour: Swatch) -> list[TextRun]:
    """Runs in a colour of their own (a red title, reversed type); black as they come."""
    return runs if colour == BLACK else [replace(run, colour=colour) for run in runs]


def align_offset(line: SetLine, style: TextStyle, width: float) -> float:
    """Where a line starts in a measure of ``width`` pt for its alignment."""
    return (width - line.width * style.size) * style.align.share


def set_vertical(texts: list[HeadText], height: float) -> SetHead:
    """Columns of upright characters no longer than ``height`` pt, broken at
    word boundaries like a horizontal headline."""
    elements = []
    for text in texts:
        columns = break_headline(text.text, text.style.font.metrics, height / text.style.size)
        elements.append((text.style, columns))
    return SetHead(elements, vertical=True)


def draw_vertical(page: ComposedPage, head: SetHead, area: Box, right_to_left: bool = False) -> None:
    """Columns left to right (or, as vertical text reads, right to left),
    centred across the strip, from its top."""
    x = (area.left + area.right - head.extent()) / 2
    elements = head.elements[::-1] if right_to_left else head.elements
    for number, (style, columns) in enumerate(elements):
        if number:
            x += HEAD_ELEMENT_GAP * head.title_size
        pitch = style.size * HEADLINE_LINE_HEIGHT
        for column in (columns[::-1] if right_to_left else columns):
            centre = x + pitch / 2
            for row, cell in enumerate(vertical_cells(column)):
                top = area.top + row * style.size
                if len(cell) > 1:
                    page.runs.append(replace(_across(cell, style, centre, top), colour=style.colour))
                elif not cell.isspace():
                    page.runs.append(replace(_upright(cell, style, centre, top), colour=style.colour))
            x += pitch


def vertical_cells(column: str) -> list[str]:
    """The squares of a vertical column: one character each, except a number
    of two to four characters (12, 2024, 5.8%), which stands across one
    square (纵中横); a longer number stands upright, digit by digit."""
    cells: list[str] = []
    index = 0
    while index < len(column):
        number = NUMBER_RUN.match(column, index)
        if number is None:
            cells.append(column[index])
            index += 1
            continue
        run = number.group()
        cells += [run] if MIN_ACROSS_CHARS <= len(run) <= MAX_ACROSS_CHARS else list(run)
        index = number.end()
    return cells


def _across(cell: str, style: TextStyle, centre: float, top: float) -> TextRun:
    """A short number set across its square, centred, condensed to fit one em."""
    size = style.size
    width = sum(style.font.metrics.advance(char) for char in cell) * size
    scale = min(1.0, ACROSS_FILL_EM * size / width)
    return TextRun(style.font.name, size, centre - width * scale / 2, baseline_in_box(top, size, size), cell,
                   horizontal_scale=100.0 * scale)


def _upright(char: str, style: TextStyle, centre: float, top: float) -> TextRun:
    """One character standing in its square, centred on the column's axis."""
    size = style.size
    if char in VERTICAL_ROTATED or classify(char) in VERTICAL_ROTATED_CLASSES:
        # Turned: the advance runs down the square, the em box spans it across.
        down = (size - style.font.metrics.advance(char) * size) / 2 + style.font.metrics.draw_offset(char) * size
        scale = 1.0
        if char == DASH and style.font.dash_ink:
            # Stretched over its whole square, so the two halves of —— join.
            ink_left, ink_right = style.font.dash_ink
            scale = 1.0 / (ink_right - ink_left)
            down = -ink_left * size * scale
        return TextRun(style.font.name, size, centre - size / 2 + IDEOGRAPHIC_DESCENT_EM * size, top + down, char,
                       horizontal_scale=100.0 * scale, quarter_turn=True)
    x = centre - style.font.metrics.advance(char) * size / 2 + style.font.metrics.draw_offset(char) * size
    baseline = baseline_in_box(top, size, size)
    if char in VERTICAL_UPPER_RIGHT:
        x += VERTICAL_SHIFT_EM * size
        baseline -= VERTICAL_SHIFT_EM * size
    return TextRun(style.font.name, size, x, baseline, char)
