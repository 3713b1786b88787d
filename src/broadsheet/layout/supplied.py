"""Files placed as delivered (an agency's advertisement, a column logo), in
the display list: a PDF as a placement the renderer fills with its first page
(render.forms), a raster file through the press image pipeline."""
from __future__ import annotations

from ..diagnostics import warning
from ..errors import SourceError
from ..model.page import Fit, PressSettings, Supplied
from ..press.images import ImageError, prepare_image
from .display import ComposedPage, ImageMark, Placement
from .geometry import Box


def place_supplied(page: ComposedPage, supplied: Supplied, box: Box, press: PressSettings) -> None:
    """A supplied file over ``box``: a PDF as a form (render.forms), a raster
    file through the press image pipeline (CMYK or grey, ink limit, ppi), its
    pixels stretched over the box like a PDF's trim (3 % at most each way)."""
    width, height = box.right - box.left, box.bottom - box.top
    if not supplied.raster:
        page.placements.append(Placement(box.left, box.top, width, height, supplied.path))
        return
    origin = supplied.origin
    try:
        prepared = prepare_image(supplied.path, width, height, Fit.FIT, press=press, display=supplied.display)
    except ImageError as error:
        raise SourceError(origin.path, origin.line, origin.field, str(error)) from None
    page.warnings.extend(warning(origin.path, origin.line, origin.field, note) for note in prepared.warnings)
    page.images.append(ImageMark(box.left, box.top, width, height, prepared))
