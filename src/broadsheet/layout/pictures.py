"""Pictures on the grid: the photograph, and its caption (图说) under it on whole grid lines.

A picture's area (``columns`` × ``lines``) holds both.  The caption is set
by our own line breaker at the area's width, justified, in the caption role
at body size, the credit after it in full-width brackets as Chinese papers
print it (……。（本报记者 王磊 摄））; it takes the grid lines it needs from the
foot of the area, and the photograph fills the lines above.  A caption may
take at most ``CAPTION_MAX_SHARE`` of the area: what does not fit is
overset and reported, never dropped silently.
"""
from __future__ import annotations

import math

from ..diagnostics import warning
from ..errors import SourceError
from ..fonts import FontSet
from ..model import Origin
from ..model.page import LineAlign, PictureSpec, PressSettings
from ..text.classes import Prohibition
from ..press.images import ImageError, prepare_image
from .characters import check_characters
from .columns import Insets
from .display import ComposedPage, ImageMark, PictureReport
from .geometry import Box, PageGeometry
from .runs import line_runs
from .setting import TextStyle, printed_length, set_text

CAPTION_ROLE = "caption"
# The caption may take at most half the area's lines; the picture keeps the rest.
CAPTION_MAX_SHARE = 0.5
CREDIT_OPEN, CREDIT_CLOSE = "（", "）"


def caption_text(caption: str, credit: str) -> str:
    """The caption with its credit after it, bracketed unless the credit already is."""
    credit = credit.strip()
    if credit and not credit.startswith(CREDIT_OPEN):
        credit = f"{CREDIT_OPEN}{credit}{CREDIT_CLOSE}"
    return caption.strip() + credit


def place_picture(page: ComposedPage, spec: PictureSpec, geometry: PageGeometry, fonts: FontSet,
                  prohibition: Prohibition, press: PressSettings, inset: Insets = Insets()) -> PictureReport:
    """Set the caption, prepare and place the photograph; warnings go to
    ``page``.  ``inset``: the white a boxed block keeps inside its rule."""
    grid = geometry.grid
    first_line, last_line = spec.rect.first_line + inset.top, spec.rect.last_line - inset.bottom
    whole = geometry.box(spec.rect)
    area = Box(whole.left + inset.left * grid.body_size, geometry.line_top(first_line),
               whole.right - inset.right * grid.body_size, geometry.line_top(last_line + 1))
    width = area.right - area.left
    style = TextStyle(fonts[CAPTION_ROLE], grid.body_size, LineAlign.LEFT)
    text = caption_text(spec.caption, spec.credit)
    origin = spec.origin
    check_characters(text, style.font, Origin(spec.origin.path, spec.origin.line, f"{spec.origin.field}.caption"))
    lines = list(set_text(text, style, width, prohibition)) if text else []
    area_lines = last_line - first_line + 1
    room = math.floor(area_lines * CAPTION_MAX_SHARE)
    kept = lines[:room]
    overset = sum(printed_length(line.text) for line in lines[room:])
    if overset:
        page.warnings.append(warning(
            origin.path, origin.line, f"{origin.field}.caption",
            f"the caption needs {len(lines)} lines and the picture's area of {area_lines} lines gives it {room}: "
            f"{overset} characters overset; shorten it or give the picture more lines"))
    first_caption_line = last_line - len(kept) + 1
    for offset, line in enumerate(kept):
        baseline = geometry.baseline(first_caption_line + offset, style.size)
        page.runs.extend(line_runs(line, style.font.metrics, style.font.name, style.size, area.left, baseline))
    top = area.top
    bottom = geometry.line_top(first_caption_line)
    try:
        prepared = prepare_image(spec.file, width, bottom - top, spec.fit, spec.focus, press, display=spec.display)
    except ImageError as error:
        raise SourceError(spec.origin.path, spec.origin.line, f"{spec.origin.field}.file", str(error)) from None
    page.warnings.extend(warning(origin.path, origin.line, f"{origin.field}.file", note) for note in prepared.warnings)
    x, y = area.left + prepared.x, top + prepared.y
    page.images.append(ImageMark(x, y, prepared.width, prepared.height, prepared))
    report = PictureReport(spec.display, spec.origin.field, (x, y, x + prepared.width, y + prepared.height),
                           round(prepared.ppi, 1), (prepared.pixel_width, prepared.pixel_height),
                           "DeviceGray" if prepared.mode == "L" else "DeviceCMYK",
                           round(prepared.coverage_percent, 1), len(kept),
                           sum(printed_length(line.text) for line in kept), overset)
    page.pictures.append(report)
    return report
