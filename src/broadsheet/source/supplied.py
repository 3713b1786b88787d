"""Files placed as delivered: an agency's advertisement, a column logo.

Only what the layout stage needs is read here (the first page's trim size);
the file itself is copied into the page by ``render.forms``.  A file that
cannot be placed (missing, not a PDF, damaged, encrypted, without pages) is
refused with a message the caller attaches to the layout's line and key.
"""
from __future__ import annotations

from pathlib import Path

import pikepdf
from PIL import Image, UnidentifiedImageError

from ..model import Origin
from ..model.page import Supplied
from ..units import PT_PER_INCH, to_mm

PDF_SUFFIXES = (".pdf",)
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
# /Rotate values that turn a page on its side.
QUARTER_TURNS = (90, 270)
# Agencies deliver to the rate card's size, not to our grid: a file this
# close (as a share of the slot, each way) is scaled to fill its space.
SCALE_TOLERANCE = 0.03
# EXIF orientations that stand the picture on its side.
EXIF_ORIENTATION = 0x0112
TURNED_ORIENTATIONS = (5, 6, 7, 8)
# A recorded resolution under this is a screen default (72 or 96 dpi set by
# a program, not the agency): the file's print size is unknown.
MIN_PRINT_DPI = 100


class SuppliedFileError(ValueError):
    """A supplied file that cannot be placed; the message says why."""


def read_supplied(path: Path, display: str, origin: Origin) -> Supplied:
    """The first page of a supplied PDF, measured by its TrimBox (the size the
    agency made it to; MediaBox when it has none)."""
    if path.suffix.lower() not in PDF_SUFFIXES + RASTER_SUFFIXES:
        raise SuppliedFileError(f"{display}: not a PDF, JPEG, PNG or TIFF file")
    if not path.is_file():
        raise SuppliedFileError(f"file not found: {display}")
    if path.suffix.lower() in RASTER_SUFFIXES:
        return _raster(path, display, origin)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise SuppliedFileError(f"{display} is encrypted with a password; ask for an unprotected PDF") from None
    except (pikepdf.PdfError, OSError, ValueError):
        raise SuppliedFileError(f"{display} is damaged or not a PDF: it cannot be read") from None
    with pdf:
        if pdf.is_encrypted:
            raise SuppliedFileError(f"{display} is encrypted; PDF/X forbids encryption: ask for an unprotected PDF")
        try:
            if len(pdf.pages) == 0:
                raise SuppliedFileError(f"{display} has no pages")
            page = pdf.pages[0]
            box = [float(value) for value in page.trimbox]
            turned = int(page.obj.get("/Rotate", 0)) % 360 in QUARTER_TURNS
        except pikepdf.PdfError:
            raise SuppliedFileError(f"{display} is damaged: its first page cannot be read") from None
        if pdf.get_warnings():
            raise SuppliedFileError(f"{display} is damaged: {len(pdf.get_warnings())} problem(s) found on reading "
                                    "(truncated or broken in transfer?); ask for the file again")
    width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
    if turned:
        width, height = height, width
    if width <= 0 or height <= 0:
        raise SuppliedFileError(f"{display}: its first page has no area")
    return Supplied(path, display, width, height, origin)


def _raster(path: Path, display: str, origin: Origin) -> Supplied:
    """A raster ad's size: its pixels at the resolution it records (an
    agency's print file says 300 dpi); without one, only its proportions."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            dpi = image.info.get("dpi")
            turned = image.getexif().get(EXIF_ORIENTATION) in TURNED_ORIENTATIONS
    except (UnidentifiedImageError, OSError, ValueError):
        raise SuppliedFileError(f"{display} is damaged or not an image: it cannot be read") from None
    if turned:
        width, height = height, width
    sized = bool(dpi) and min(float(dpi[0]), float(dpi[1])) >= MIN_PRINT_DPI
    if sized:
        across, down = (float(dpi[1]), float(dpi[0])) if turned else (float(dpi[0]), float(dpi[1]))
        return Supplied(path, display, width / across * PT_PER_INCH, height / down * PT_PER_INCH, origin,
                        raster=True)
    return Supplied(path, display, float(width), float(height), origin, raster=True, sized=False)


def check_fits(supplied: Supplied, width: float, height: float, space: str) -> None:
    """A file within 3 % of its space each way is scaled to it; further off, it
    was made for another space: both sizes are named, in mm.  A raster file
    that records no resolution is judged by its proportions alone."""
    if not supplied.sized:
        ratio, wanted = supplied.width / supplied.height, width / height
        if abs(ratio - wanted) > SCALE_TOLERANCE * wanted:
            raise SuppliedFileError(
                f"{supplied.display} is {supplied.width:.0f} × {supplied.height:.0f} px with no print resolution "
                f"recorded; its proportions ({ratio:.3f}) are more than {SCALE_TOLERANCE:.0%} from those of "
                f"{space}, {to_mm(width):.1f} × {to_mm(height):.1f} mm ({wanted:.3f})")
        return
    if any(abs(have - want) > SCALE_TOLERANCE * want for have, want in ((supplied.width, width),
                                                                       (supplied.height, height))):
        raise SuppliedFileError(
            f"{supplied.display} is {to_mm(supplied.width):.1f} × {to_mm(supplied.height):.1f} mm; {space} is "
            f"{to_mm(width):.1f} × {to_mm(height):.1f} mm: more than {SCALE_TOLERANCE:.0%} apart, so it is not "
            "scaled (a file made for another size would be distorted)")

