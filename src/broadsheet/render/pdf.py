"""Draw composed pages with reportlab: all text, rules and QR modules in 100% K."""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ..layout.display import ComposedPage, QRMark

BLACK_CMYK = (0.0, 0.0, 0.0, 1.0)


def draw_pages(pages: list[ComposedPage], path: Path, initial_font: str, title: str) -> None:
    """Write the pages to ``path`` (reportlab output, before PDF/X finishing)."""
    first = pages[0]
    canvas = Canvas(str(path), pagesize=_media(first), invariant=1, initialFontName=initial_font,
                    enforceColorSpace="cmyk", pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("broadsheet")
    for page in pages:
        canvas.setPageSize(_media(page))
        _boxes(canvas, page)
        _draw_page(canvas, page)
        canvas.showPage()
    canvas.save()


def _media(page: ComposedPage) -> tuple[float, float]:
    return page.trim_width + 2 * page.bleed, page.trim_height + 2 * page.bleed


def _boxes(canvas: Canvas, page: ComposedPage) -> None:
    width, height = _media(page)
    bleed = page.bleed
    canvas.setTrimBox((bleed, bleed, width - bleed, height - bleed))
    canvas.setBleedBox((0, 0, width, height))
    canvas.setCropBox((0, 0, width, height))


def _draw_page(canvas: Canvas, page: ComposedPage) -> None:
    _, media_height = _media(page)
    bleed = page.bleed

    def x(value: float) -> float:
        return bleed + value

    def y(value: float) -> float:
        return media_height - bleed - value

    canvas.setFillColorCMYK(*BLACK_CMYK)
    canvas.setStrokeColorCMYK(*BLACK_CMYK)
    # Black overprints: no white gap shows where plates misregister.
    canvas.setFillOverprint(True)
    canvas.setStrokeOverprint(True)
    canvas.setLineCap(0)
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
