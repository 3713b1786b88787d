"""Draw composed pages with reportlab: pictures (JPEG in DeviceGray or DeviceCMYK, as
prepared by ``press.images``), then all text, rules and QR modules in 100% K, overprinting.

Black overprints (fill and stroke overprint on, overprint mode 1, so that the
zero C, M and Y of 0/0/0/100 leave the plates beneath alone): no white gap
shows where plates misregister.  Every page gets a TrimBox and a BleedBox; with
``marks`` the MediaBox grows to hold crop and registration marks outside the
bleed, in registration colour (Separation /All, C = M = Y = K = 100%).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import CMYKColorSep
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from ..checks.limits import DEFAULT_MIN_RULE_PT
from ..errors import BuildError
from ..layout.display import ComposedPage, QRMark
from ..source.bounds import MAX_PAGE_SIDE_PT
from ..units import mm, to_mm

BLACK_CMYK = (0.0, 0.0, 0.0, 1.0)
# PDF overprint mode 1: a zero DeviceCMYK component leaves its plate untouched.
OVERPRINT_NONZERO = 1
# PDF line cap 0: rules end square at their ends, not beyond them.
BUTT_CAP = 0
REGISTRATION = CMYKColorSep(1.0, 1.0, 1.0, 1.0, spotName="All")
# Marks start this far outside the bleed so that trimming never shows them.
MARK_GAP = mm(2)
CROP_MARK_LENGTH = mm(5)
MARK_MARGIN = mm(2)             # between the marks and the sheet's edge
MARK_LINE_WIDTH = 0.25          # pt
REGISTRATION_RADIUS = mm(1.5)   # the circle of the target; its cross spans the mark band


@dataclass(frozen=True)
class Sheet:
    """The MediaBox around one page: ``margin`` from its edge to the trim."""
    width: float
    height: float
    margin: float


def sheet(page: ComposedPage, marks: bool) -> Sheet:
    margin = page.bleed + (MARK_GAP + CROP_MARK_LENGTH + MARK_MARGIN if marks else 0.0)
    return Sheet(page.trim_width + 2 * margin, page.trim_height + 2 * margin, margin)


def draw_pages(pages: list[ComposedPage], path: Path, initial_font: str, title: str, *, marks: bool = False,
               min_rule: float = DEFAULT_MIN_RULE_PT) -> None:
    """Write the pages to ``path`` (reportlab output, before PDF/X finishing).
    A rule thinner than ``min_rule`` (pt) is a build error: it would not print."""
    first = sheet(pages[0], marks)
    # 'sep_cmyk': CMYK and the /All separation only; RGB greys become K, other RGB is refused.
    canvas = Canvas(str(path), pagesize=(first.width, first.height), invariant=1, initialFontName=initial_font,
                    enforceColorSpace="sep_cmyk", pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("broadsheet")
    for page in pages:
        _check_rules(page, min_rule)
        size = sheet(page, marks)
        if max(size.width, size.height) > MAX_PAGE_SIDE_PT:
            raise BuildError(f"page {page.number}: with its marks the sheet is {to_mm(size.width):.0f} × "
                             f"{to_mm(size.height):.0f} mm, more than the {to_mm(MAX_PAGE_SIDE_PT):.0f} mm "
                             "(200 inches) a PDF page may be")
        canvas.setPageSize((size.width, size.height))
        _boxes(canvas, page, size)
        _draw_page(canvas, page, size)
        if marks:
            _draw_marks(canvas, page, size)
        canvas.showPage()
    canvas.save()


def _check_rules(page: ComposedPage, min_rule: float) -> None:
    for weight in [rule.weight for rule in page.rules] + [outline.weight for outline in page.outlines]:
        if weight < min_rule:
            raise BuildError(f"page {page.number}: a rule of {weight:g} pt is thinner than the press minimum "
                             f"of {min_rule:g} pt and would not print")


def _boxes(canvas: Canvas, page: ComposedPage, size: Sheet) -> None:
    trim_x0, trim_y0 = size.margin, size.margin
    trim_x1, trim_y1 = size.margin + page.trim_width, size.margin + page.trim_height
    canvas.setTrimBox((trim_x0, trim_y0, trim_x1, trim_y1))
    canvas.setBleedBox((trim_x0 - page.bleed, trim_y0 - page.bleed, trim_x1 + page.bleed, trim_y1 + page.bleed))
    canvas.setCropBox((0, 0, size.width, size.height))


def _draw_page(canvas: Canvas, page: ComposedPage, size: Sheet) -> None:
    def x(value: float) -> float:
        return size.margin + value

    def y(value: float) -> float:
        return size.height - size.margin - value

    for mark in page.images:   # first: rules and type print over them
        canvas.drawImage(ImageReader(io.BytesIO(mark.image.data)), x(mark.x), y(mark.y + mark.height),
                         mark.width, mark.height)
    canvas.setFillColorCMYK(*BLACK_CMYK)
    canvas.setStrokeColorCMYK(*BLACK_CMYK)
    canvas.setFillOverprint(True)
    canvas.setStrokeOverprint(True)
    canvas.setOverprintMask(OVERPRINT_NONZERO)
    canvas.setLineCap(BUTT_CAP)
    for rule in page.rules:
        canvas.setLineWidth(rule.weight)
        canvas.line(x(rule.x0), y(rule.y0), x(rule.x1), y(rule.y1))
    for outline in page.outlines:
        canvas.setLineWidth(outline.weight)
        canvas.rect(x(outline.x), y(outline.y + outline.height), outline.width, outline.height, stroke=1, fill=0)
    for mark in page.qr_codes:
        _draw_qr(canvas, mark, x, y)
    text = canvas.beginText()
    text.setFillColorCMYK(*BLACK_CMYK)
    state = None
    for run in page.runs:
        if state != (run.font, run.size):
            text.setFont(run.font, run.size)
            state = (run.font, run.size)
        text.setCharSpace(run.char_space)
        text.setHorizScale(run.horizontal_scale)
        if run.quarter_turn:
            # Tm rotated 90° clockwise: text runs down the page, its "up" points right.
            text.setTextTransform(0, -1, 1, 0, x(run.x), y(run.baseline))
        else:
            text.setTextOrigin(x(run.x), y(run.baseline))
        text.textOut(run.text)
    canvas.drawText(text)


def _draw_qr(canvas: Canvas, mark: QRMark, x, y) -> None:
    """Dark modules as filled squares, each row's neighbours merged into one rectangle."""
    path = canvas.beginPath()
    for row_number, row in enumerate(mark.modules):
        top = mark.y + row_number * mark.module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x(mark.x + start * mark.module), y(top + mark.module),
                      (column - start) * mark.module, mark.module)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_marks(canvas: Canvas, page: ComposedPage, size: Sheet) -> None:
    """Crop marks in line with the trim edges at each corner, and a registration
    target at the middle of each side, all outside the bleed."""
    left, bottom = size.margin, size.margin
    right, top = size.margin + page.trim_width, size.margin + page.trim_height
    near = page.bleed + MARK_GAP              # from the trim to where a mark begins
    far = near + CROP_MARK_LENGTH
    middle = near + CROP_MARK_LENGTH / 2
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_LINE_WIDTH)
    for corner_x, corner_y, out_x, out_y in ((left, bottom, -1, -1), (right, bottom, 1, -1),
                                             (left, top, -1, 1), (right, top, 1, 1)):
        canvas.line(corner_x + out_x * near, corner_y, corner_x + out_x * far, corner_y)
        canvas.line(corner_x, corner_y + out_y * near, corner_x, corner_y + out_y * far)
    centre_x, centre_y = (left + right) / 2, (bottom + top) / 2
    for target_x, target_y in ((centre_x, bottom - middle), (centre_x, top + middle),
                               (left - middle, centre_y), (right + middle, centre_y)):
        half = CROP_MARK_LENGTH / 2
        canvas.circle(target_x, target_y, REGISTRATION_RADIUS, stroke=1, fill=0)
        canvas.line(target_x - half, target_y, target_x + half, target_y)
        canvas.line(target_x, target_y - half, target_x, target_y + half)
    canvas.restoreState()
