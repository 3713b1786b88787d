"""Check a built page against its layout: characters read back from the PDF
(with the face each is set in), placed in the layout's own coordinates
(pt from the trim's top-left corner, y down) and compared with its grid."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from broadsheet.layout.geometry import IDEOGRAPHIC_ASCENT_EM, Box, PageGeometry
from broadsheet.model.page import BlockSpec, FrameRect, LayoutSpec

# Positions in a PDF are written to a few decimals: this much is "the same place".
TOLERANCE_PT = 0.05
FONT_NAME_BUFFER = 256


@dataclass(frozen=True)
class PageChar:
    """A character as set on the page: its ink box, pen origin, baseline (layout coordinates)."""
    char: str
    font: str
    size: float
    x: float            # pen origin
    baseline: float
    left: float         # ink box
    top: float
    right: float
    bottom: float

    @property
    def centre_x(self) -> float:
        return (self.left + self.right) / 2


def read_page(pdf: Path, layout: LayoutSpec, page_number: int = 0) -> list[PageChar]:
    """Every printing character of one page, with its face, in layout coordinates."""
    bleed = layout.page.bleed
    media_height = layout.page.trim_height + 2 * bleed
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        text_page = document[page_number].get_textpage()
        chars = []
        buffer = ctypes.create_string_buffer(FONT_NAME_BUFFER)
        for index in range(text_page.count_chars()):
            char = text_page.get_text_range(index, 1)
            if not char or char.isspace():
                continue
            left, bottom, right, top = text_page.get_charbox(index)
            x, y = ctypes.c_double(), ctypes.c_double()
            pypdfium2.raw.FPDFText_GetCharOrigin(text_page, index, ctypes.byref(x), ctypes.byref(y))
            flags = ctypes.c_int()
            length = pypdfium2.raw.FPDFText_GetFontInfo(text_page, index, buffer, FONT_NAME_BUFFER,
                                                         ctypes.byref(flags))
            font = buffer.raw[:max(0, length - 1)].decode("utf-8", "replace")
            size = pypdfium2.raw.FPDFText_GetFontSize(text_page, index)
            chars.append(PageChar(char, font.split("+")[-1], round(size, 2), x.value - bleed,
                                  media_height - bleed - y.value, left - bleed, media_height - bleed - top,
                                  right - bleed, media_height - bleed - bottom))
        return chars
    finally:
        document.close()


def geometry(layout: LayoutSpec) -> PageGeometry:
    return PageGeometry(layout.page, layout.grid)


def off_grid(chars: list[PageChar], layout: LayoutSpec) -> list[PageChar]:
    """Body-size characters in the type area whose baseline is not a grid line's."""
    page = geometry(layout)
    body = layout.grid.body_size
    pitch = layout.grid.line_pitch
    first = page.baseline(1)
    wrong = []
    for char in chars:
        if abs(char.size - body) > TOLERANCE_PT or not page.type_top <= char.baseline <= page.type_bottom:
            continue
        lines = (char.baseline - first) / pitch
        if abs(lines - round(lines)) * pitch > TOLERANCE_PT:
            wrong.append(char)
    return wrong


def block_boxes(layout: LayoutSpec, block: BlockSpec) -> list[Box]:
    """The block's rectangles, and the gutter between two of them side by side
    (a title may run across it)."""
    page = geometry(layout)
    boxes = [page.box(rect) for rect in block.rects]
    for left in block.rects:
        for right in block.rects:
            top, bottom = max(left.first_line, right.first_line), min(left.last_line, right.last_line)
            if right.first_column == left.last_column + 1 and top <= bottom:
                boxes.append(Box(page.column_right(left.last_column), page.line_top(top),
                                 page.column_x(right.first_column), page.line_top(bottom + 1)))
    return boxes


def inside(char: PageChar, boxes: list[Box], slack: float = TOLERANCE_PT) -> bool:
    """Whether the character's ink centre and baseline lie in one of the boxes."""
    y = char.baseline - IDEOGRAPHIC_ASCENT_EM * char.size / 2
    return any(box.left - slack <= char.centre_x <= box.right + slack and box.top - slack <= y <= box.bottom + slack
               for box in boxes)


def outside_every_area(chars: list[PageChar], layout: LayoutSpec) -> list[PageChar]:
    """Characters in the type area that lie in no block, picture area, reserved space or masthead."""
    page = geometry(layout)
    areas = [box for block in layout.blocks for box in block_boxes(layout, block)]
    areas += [page.box(ad.rect) for ad in layout.ads] + [page.box(picture.rect) for picture in layout.pictures]
    if layout.masthead is not None:
        areas.append(page.box(FrameRect(1, layout.masthead.columns, 1, layout.masthead.lines)))
    return [char for char in chars if char.baseline > page.type_top and not inside(char, areas)]


def lines(chars: list[PageChar]) -> list[list[PageChar]]:
    """Characters grouped by baseline, each line in ink order, lines top to bottom."""
    rows: dict[float, list[PageChar]] = {}
    for char in chars:
        key = next((y for y in rows if abs(y - char.baseline) <= TOLERANCE_PT * 10), char.baseline)
        rows.setdefault(key, []).append(char)
    return [sorted(rows[y], key=lambda c: c.centre_x) for y in sorted(rows)]


def text_in(chars: list[PageChar], box: Box) -> str:
    """The text inside a box, line by line from the top."""
    return "".join(c.char for line in lines([c for c in chars if inside(c, [box])]) for c in line)
