"""Total area coverage (TAC): the inks of all plates added up, measured by rendering.

Each ink's plate is rendered by pdfium as a greyscale picture (see
``separation``); the pictures' darkness, added pixel by pixel, is the coverage
in percent.  Pixels are half a millimetre, the scale at which a TAC limit
matters (ink load on an area of paper): a hairline of rich black averages out,
a 4 mm rich-black headline stroke does not.  Only the printing area (the
BleedBox) is measured, so registration marks outside it do not count.

Limits of the method: what ``separation`` cannot separate is reported as
unmeasured; transfer functions, halftones and soft masks are ignored; a pixel
partly covered by an object counts it in proportion (anti-aliasing).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
import pypdfium2
from PIL import Image, ImageChops, ImageMath

from ..units import MM_PER_INCH, PT_PER_INCH
from .colour import BYTE_MAX
from .content import Box
from .separation import plates, record_page, write_plate

PIXEL_MM = 0.5
PLATE_DPI = MM_PER_INCH / PIXEL_MM
PERCENT = 100.0
# 8-bit plates round each ink to 1/255 (0.4%); four of them stay within 1%.
TOLERANCE_PERCENT = 1.0


@dataclass
class PageCoverage:
    max_percent: float = 0.0
    over_area_mm2: float = 0.0
    first_over: tuple[float, float] | None = None   # a point (PDF user space) where the limit is passed
    unmeasured: set[str] = field(default_factory=set)


def measure_coverage(source: bytes, media: list[Box], printing: list[Box], limit_percent: float) -> list[PageCoverage]:
    """The coverage of every page of the PDF in ``source`` (bytes), each inside its printing box."""
    externalised = _externalise_inline_images(source)
    with pikepdf.open(io.BytesIO(externalised)) as pdf:
        separations = [record_page(page, index) for index, page in enumerate(pdf.pages)]
    results = [PageCoverage(unmeasured=set(separation.unmeasured)) for separation in separations]
    totals: list[Image.Image | None] = [None] * len(separations)
    for ink in plates(separations):
        with pikepdf.open(io.BytesIO(externalised)) as copy:
            unmeasured = write_plate(copy, separations, ink)
            plate_file = io.BytesIO()
            copy.save(plate_file)
        for result in results:
            result.unmeasured |= unmeasured
        document = pypdfium2.PdfDocument(plate_file.getvalue())
        try:
            for index in range(len(document)):
                inked = ImageChops.invert(_render(document[index], media[index], printing[index])).convert("I")
                totals[index] = inked if totals[index] is None else _add(totals[index], inked)
        finally:
            document.close()
    threshold = (limit_percent + TOLERANCE_PERCENT) * BYTE_MAX / PERCENT
    for result, total, box in zip(results, totals, printing):
        if total is None:
            continue
        result.max_percent = total.getextrema()[1] * PERCENT / BYTE_MAX
        over = ImageMath.lambda_eval(lambda image: image["total"] > threshold, total=total).convert("L")
        result.over_area_mm2 = over.histogram()[1] * PIXEL_MM ** 2
        corner = over.getbbox()
        if corner is not None:
            scale = PLATE_DPI / PT_PER_INCH
            result.first_over = (box.x0 + corner[0] / scale, box.y1 - corner[1] / scale)
    return results


def _externalise_inline_images(source: bytes) -> bytes:
    """Inline images become XObjects, so that every image can be separated alike."""
    with pikepdf.open(io.BytesIO(source)) as pdf:
        for page in pdf.pages:
            page.externalize_inline_images(min_size=0)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _render(page: pypdfium2.PdfPage, media: Box, printing: Box) -> Image.Image:
    crop = (printing.x0 - media.x0, printing.y0 - media.y0, media.x1 - printing.x1, media.y1 - printing.y1)
    try:
        return page.render(scale=PLATE_DPI / PT_PER_INCH, grayscale=True, crop=crop, draw_annots=False).to_pil()
    finally:
        page.close()


def _add(total: Image.Image, plate: Image.Image) -> Image.Image:
    return ImageMath.lambda_eval(lambda image: image["total"] + image["plate"], total=total, plate=plate)
