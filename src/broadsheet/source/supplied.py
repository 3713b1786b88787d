"""Files placed as delivered: an agency's advertisement, a column logo.

Only what the layout stage needs is read here (the first page's trim size);
the file itself is copied into the page by ``render.forms``.  A file that
cannot be placed (missing, not a PDF, damaged, encrypted, without pages) is
refused with a message the caller attaches to the layout's line and key.
"""
from __future__ import annotations

from pathlib import Path

import pikepdf

from ..model import Origin
from ..model.page import Supplied
from ..units import to_mm

PDF_SUFFIXES = (".pdf",)
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
# /Rotate values that turn a page on its side.
QUARTER_TURNS = (90, 270)
# Agencies deliver to the rate card's size, not to our grid: a file this
# close (as a share of the slot, each way) is scaled to fill its space.
SCALE_TOLERANCE = 0.03


class SuppliedFileError(ValueError):
    """A supplied file that cannot be placed; the message says why."""


def read_supplied(path: Path, display: str, origin: Origin) -> Supplied:
    """The first page of a supplied PDF, measured by its TrimBox (the size the
    agency made it to; MediaBox when it has none)."""
    if path.suffix.lower() in RASTER_SUFFIXES:
        raise SuppliedFileError(f"{display}: a raster file; supplied files are placed as PDF (ask for the PDF)")
    if path.suffix.lower() not in PDF_SUFFIXES:
        raise SuppliedFileError(f"{display}: not a PDF (supplied files are PDF)")
    if not path.is_file():
        raise SuppliedFileError(f"file not found: {display}")
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


def check_fits(supplied: Supplied, width: float, height: float, space: str) -> None:
    """A file within 3 % of its space each way is scaled to it; further off, it
    was made for another space: both sizes are named, in mm."""
    if any(abs(have - want) > SCALE_TOLERANCE * want for have, want in ((supplied.width, width),
                                                                       (supplied.height, height))):
        raise SuppliedFileError(
            f"{supplied.display} is {to_mm(supplied.width):.1f} × {to_mm(supplied.height):.1f} mm; {space} is "
            f"{to_mm(width):.1f} × {to_mm(height):.1f} mm: more than {SCALE_TOLERANCE:.0%} apart, so it is not "
            "scaled (a file made for another size would be distorted)")

