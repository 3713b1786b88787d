"""Draw composed pages with reportlab: pictures (JPEG in DeviceGray or DeviceCMYK, as
prepared by ``press.images``), then text, rules and QR modules in 100% K, overprinting,
and the colours a layout names (a red masthead, tinted grounds, reversed type), knocking out.

Black overprints (fill and stroke overprint on, overprint mode 1, so that the
zero C, M and Y of 0/0/0/100 leave the plates beneath alone): no white gap
shows where plates misregister.  Anything else knocks out: a colour over a
tint is printed as itself, and paper-white (reversed) type clears every
plate under it.  A spot colour is a Separation colour space named after its
ink, with its CMYK look-alike as the alternate.  Empty advertisement spaces
are outlined and labelled in proofs (``proof=True``) and nowhere else.  Every page gets a TrimBox and a BleedBox; with
``marks`` the MediaBox grows to hold crop and registration marks outside the
bleed, in registration colour (Separation /All, C = M = Y = K = 100%).
"""
from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, groupby
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from ..checks.limits import DEFAULT_MIN_RULE_PT
from ..errors import BuildError
from ..layout.display import ComposedPage, QRMark, TextRun
from ..model.colour import BLACK, Swatch
from ..source.bounds import MAX_PAGE_SIDE_PT
from ..units import mm, to_mm
from .spots import spot_token

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
TJ_UNITS_PER_EM = 1000          # PDF TJ adjustments are in thousandths of text space
QR_PATHS_KEPT = 64              # QR codes' paths kept drawn (a page has one or two)
# Each code of a 256-glyph subset as a PDF string of its own, escaped as the
# canvas escapes: a spaced run is written glyph by glyph, 4,500 on a page.
GLYPH_STRINGS = tuple(f"({escapePDF(bytes([code]))})" for code in range(256))


@dataclass(frozen=True)
class Sheet:
    """The MediaBox around one page: ``margin`` from its edge to the trim."""
    width: float
    height: float
    margin: float


def sheet(page: ComposedPage, marks: bool) -> Sheet:
    margin = page.bleed + (MARK_GAP + CROP_MARK_LENGTH + MARK_MARGIN if marks else 0.0)
    return Sheet(page.trim_width + 2 * margin, page.trim_height + 2 * margin, margin)


def draw_pages(pages: Iterable[ComposedPage], out: BinaryIO, initial_font: str, title: str, *, marks: bool = False,
               min_rule: float = DEFAULT_MIN_RULE_PT, proof: bool = False) -> None:
    """Write the pages to ``out`` (reportlab output, before supplied files are
    placed and the file is finished as PDF/X), each drawn as it comes (an
    edition's pages come back from workers).  A rule thinner than ``min_rule``
    (pt) is a build error: it would not print.  ``proof`` adds what only
    proofs show (empty spaces' outlines and labels)."""
    with _without_ascii85():
        _draw_all(iter(pages), out, initial_font, title, marks, min_rule, proof)


@contextmanager
def _without_ascii85() -> Iterator[None]:
    """reportlab wraps page content and JPEGs in ASCII85 (for 7-bit mail), a
    quarter larger, which the PDF/X step only undid again: it is off while
    we draw (the same bytes come out, 1.4 ms sooner for the sample page)."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _draw_all(pages: Iterator[ComposedPage], out: BinaryIO, initial_font: str, title: str, marks: bool,
              min_rule: float, proof: bool) -> None:
    first_page = next(pages)
    first = sheet(first_page, marks)
    # 'sep_cmyk': CMYK and the /All separation only; RGB greys become K, other RGB is refused.
    canvas = Canvas(out, pagesize=(first.width, first.height), invariant=1, initialFontName=initial_font,
                    enforceColorSpace="sep_cmyk", pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("broadsheet")
    for page in chain([first_page], pages):
        _check_rules(page, min_rule)
        size = sheet(page, marks)
        if max(size.width, size.height) > MAX_PAGE_SIDE_PT:
            raise BuildError(f"page {page.number}: {'with its marks ' if marks else ''}the sheet is "
                             f"{to_mm(size.width):.0f} × "
                             f"{to_mm(size.height):.0f} mm, more than the {to_mm(MAX_PAGE_SIDE_PT):.0f} mm "
                             "(200 inches) a PDF page may be")
        canvas.setPageSize((size.width, size.height))
        _boxes(canvas, page, size)
        _draw_page(canvas, page, size, proof)
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


def _draw_page(canvas: Canvas, page: ComposedPage, size: Sheet, proof: bool) -> None:
    def x(value: float) -> float:
        return size.margin + value

    def y(value: float) -> float:
        return size.height - size.margin - value

    canvas.setOverprintMask(OVERPRINT_NONZERO)
    canvas.setLineCap(BUTT_CAP)
    for fill in page.fills:   # grounds first: everything else prints on them
        _fill_colour(canvas, fill.colour)
        canvas.rect(x(fill.x), y(fill.y + fill.height), fill.width, fill.height, stroke=0, fill=1)
    for mark in page.images:   # then pictures: rules and type print over them
        canvas.drawImage(ImageReader(io.BytesIO(mark.image.data)), x(mark.x), y(mark.y + mark.height),
                         mark.width, mark.height)
    _fill_colour(canvas, BLACK)
    canvas.setStrokeColorCMYK(*BLACK_CMYK)
    canvas.setStrokeOverprint(True)
    for rule in page.rules:
        canvas.setLineWidth(rule.weight)
        canvas.line(x(rule.x0), y(rule.y0), x(rule.x1), y(rule.y1))
    for outline in page.outlines:
        if outline.proof_only and not proof:
            continue
        canvas.setLineWidth(outline.weight)
        canvas.rect(x(outline.x), y(outline.y + outline.height), outline.width, outline.height, stroke=1, fill=0)
    for mark in page.qr_codes:
        _draw_qr(canvas, mark, size)
    runs = [run for run in page.runs if proof or not run.proof_only]
    selections: dict[tuple[str, int, float], str] = {}   # (font, subset, size) → its Tf
    # Runs are drawn in the page's order, which is its reading order (the
    # masthead, then each block's titles and text): text extraction (e-paper
    # search, copy, archives) follows drawing order.  A text object for each
    # stretch of runs in one colour.
    for colour, group in groupby(runs, key=lambda run: run.colour):
        _fill_colour(canvas, colour)
        text = canvas.beginText()
        state = None
        for run in group:
            if state != (run.font, run.size):
                text.setFont(run.font, run.size)
                state = (run.font, run.size)
            text.setHorizScale(run.horizontal_scale)
            if run.quarter_turn:
                # Tm rotated 90° clockwise: text runs down the page, its "up" points right.
                text.setTextTransform(0, -1, 1, 0, x(run.x), y(run.baseline))
            else:
                text.setTextOrigin(x(run.x), y(run.baseline))
            if run.actual_text is not None:
                text._code.append(f"/Span <</ActualText {_utf16_hex(run.actual_text)}>> BDC")
            _show_positioned(canvas, text, run, selections)
            if run.actual_text is not None:
                text._code.append("EMC")
        canvas.drawText(text)


def _fill_colour(canvas: Canvas, swatch: Swatch) -> None:
    """Set the fill colour and its overprint: 100% K overprints, every other
    colour (paper white included) knocks out."""
    if swatch.spot is not None:
        canvas.setFillColor(CMYKColorSep(*swatch.cmyk, spotName=spot_token(swatch.spot), density=swatch.tint))
    else:
        canvas.setFillColor(CMYKColor(*swatch.process))
    canvas.setFillOverprint(swatch.is_solid_black)


def _utf16_hex(text: str) -> str:
    """A PDF text string as UTF-16BE with its byte-order mark, in hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _show_positioned(canvas: Canvas, text, run: TextRun, selections: dict[tuple[str, int, float], str]) -> None:
    """Show a run with every glyph's place written out: the run starts at its
    own origin (Tm) and its spacing is a TJ adjustment after each glyph, so
    no reader has to carry character spacing (Tc) across a string or a font
    subset change (pdfminer does not; pdfium and Acrobat do).  Tc stays 0."""
    font = pdfmetrics.getFont(run.font)
    # TJ numbers are thousandths of an em, subtracted from the pen position.
    adjustment = fp_str(-run.char_space * TJ_UNITS_PER_EM / run.size) if run.char_space else ""
    segments = font.splitString(run.text, canvas._doc)
    for number, (subset, encoded) in enumerate(segments):
        if subset != text._curSubset:   # a line of CJK text changes subsets every few glyphs
            selection = selections.get((run.font, subset, run.size))
            if selection is None:
                selection = f"{font.getSubsetInternalName(subset, canvas._doc)} {fp_str(run.size)} Tf"
                selections[run.font, subset, run.size] = selection
            text._code.append(selection)
            text._curSubset = subset
        if not adjustment:
            text._code.append(f"({canvas._escape(encoded)}) Tj")
            continue
        glyphs = f" {adjustment} ".join(map(GLYPH_STRINGS.__getitem__, encoded))
        # The spacing after the run's last glyph is not needed; after a
        # segment's last glyph it carries the pen into the next segment.
        trailing = f" {adjustment}" if number < len(segments) - 1 else ""
        text._code.append(f"[{glyphs}{trailing}] TJ")


def _draw_qr(canvas: Canvas, mark: QRMark, size: Sheet) -> None:
    canvas.drawPath(_qr_path(mark, size), stroke=0, fill=1)


@functools.lru_cache(maxsize=QR_PATHS_KEPT)
def _qr_path(mark: QRMark, size: Sheet) -> PDFPathObject:
    """Dark modules as filled squares, each row's neighbours merged into one
    rectangle; made once for a code on a sheet (a warm rebuild draws the same
    codes again: 0.5 ms a page)."""
    path = PDFPathObject()
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
            path.rect(size.margin + (mark.x + start * mark.module), size.height - size.margin - (top + mark.module),
                      (column - start) * mark.module, mark.module)
    return path


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
