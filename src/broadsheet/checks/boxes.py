"""Page boxes: the TrimBox says where the knife cuts, the BleedBox how far ink may run past it.

PDF/X needs a TrimBox on every page and the boxes nested:
TrimBox ⊆ BleedBox ⊆ MediaBox.
"""
from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from ..source.bounds import MAX_PAGE_SIDE_PT
from .content import Box
from .findings import Finding, Severity

# Box coordinates are written with a few decimals: allow their rounding.
BOX_TOLERANCE_PT = 0.01


@dataclass(frozen=True)
class PageBoxes:
    media: Box
    trim: Box       # the TrimBox, or the CropBox/MediaBox when it is missing
    printing: Box   # what reaches paper: the BleedBox (or the trim), inside the MediaBox


def page_boxes(page: pikepdf.Page, number: int) -> tuple[PageBoxes, list[Finding]]:
    findings = []
    media = Box.of(page.mediabox)
    crop = Box.of(page.cropbox)
    trim = _box(page, "/TrimBox")
    bleed = _box(page, "/BleedBox")
    if trim is None:
        findings.append(Finding(Severity.ERROR, "trim-box", "no TrimBox: the printer cannot tell the finished "
                                                             "page size", number))
    if bleed is None:
        findings.append(Finding(Severity.WARNING, "bleed-box", "no BleedBox: the bleed is taken to be the "
                                                                "crop box", number))
    nested = [("TrimBox", trim), ("BleedBox", bleed), ("MediaBox", media)]
    present = [(name, box) for name, box in nested if box is not None]
    for (inner_name, inner), (outer_name, outer) in zip(present, present[1:]):
        if not outer.contains(inner, BOX_TOLERANCE_PT):
            findings.append(Finding(Severity.ERROR, "box-nesting", f"the {inner_name} {_show(inner)} is not "
                                                                   f"inside the {outer_name} {_show(outer)}",
                                    number))
    largest = max(media.x1 - media.x0, media.y1 - media.y0)
    if largest > MAX_PAGE_SIDE_PT:
        findings.append(Finding(Severity.ERROR, "page-size", f"the MediaBox {_show(media)} is {largest:g} units "
                                                             f"across, more than the {MAX_PAGE_SIDE_PT:g} (200 "
                                                             "inches) a PDF page may be", number))
    trim = trim or crop
    printing = _intersection(bleed or trim, media)
    return PageBoxes(media, trim, printing), findings


def _box(page: pikepdf.Page, key: str) -> Box | None:
    return Box.of(page.obj[key]) if key in page.obj else None


def _intersection(box: Box, other: Box) -> Box:
    return Box(max(box.x0, other.x0), max(box.y0, other.y0), min(box.x1, other.x1), min(box.y1, other.y1))


def _show(box: Box) -> str:
    return f"[{box.x0:g} {box.y0:g} {box.x1:g} {box.y1:g}]"
