"""Preflight of a supplied file as it is placed: what in an agency's PDF would
break our press file.  RGB or device-independent colour, a font not embedded,
transparency: each a finding on the file's first page (the page we place),
with where it is, measured from the file's own trim.  The build reports them
as warnings (``--strict`` refuses them); ``broadsheet preflight`` of the page
finds them again inside the placed form, as errors of the page.
"""
from __future__ import annotations

from pathlib import Path

import pikepdf

from .boxes import page_boxes
from .conformance import transparency
from .findings import Finding, Severity
from .fonts import check_fonts
from .limits import DEFAULT_LIMITS
from .painting import PagePainting

# What of the painting checks concerns a supplied file: its colour.  Its
# type sizes and rules are the agency's design.
COLOUR_CHECKS = {"rgb-colour", "colour-space"}
FIRST_PAGE = 1


def check_supplied(path: Path) -> list[Finding]:
    """The findings on the first page of the PDF at ``path`` (readable: the source stage opened it)."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        boxes, _ = page_boxes(page, FIRST_PAGE)
        painting = PagePainting(page, FIRST_PAGE, DEFAULT_LIMITS, boxes.trim, boxes.printing).check()
        findings = [finding for finding in painting.findings() if finding.check in COLOUR_CHECKS]
        findings += check_fonts(pdf, pages=FIRST_PAGE)
        findings += [Finding(Severity.ERROR, "transparency", message, FIRST_PAGE)
                     for message in sorted(transparency(page))]
    return [finding for finding in findings if finding.severity is Severity.ERROR]
