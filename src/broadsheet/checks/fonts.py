"""Fonts: every font embedded (a RIP substitutes a missing one) and subset.

Fonts are checked wherever a page can reach them, used or not: a press
preflight counts reportlab's stray Helvetica in the resources as a missing font.
"""
from __future__ import annotations

import re

import pikepdf

from .findings import Finding, Severity
from .resources import all_resources

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# A subset font's name starts with six capital letters and a plus: ABCDEF+Name.
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


def check_fonts(pdf: pikepdf.Pdf, pages: int | None = None) -> list[Finding]:
    """Fonts of every page, or of the first ``pages`` pages."""
    pages_of: dict[tuple, list[int]] = {}
    fonts: dict[tuple, pikepdf.Object] = {}
    for number, page in enumerate(list(pdf.pages)[:pages], 1):
        for resources in all_resources(page):
            for resource_name, font in resources.get("/Font", {}).items():
                key = font.objgen if font.is_indirect else (number, resource_name)
                fonts.setdefault(key, font)
                pages = pages_of.setdefault(key, [])
                if number not in pages:
                    pages.append(number)
    findings = []
    for key, font in fonts.items():
        if font.get("/Subtype") == "/Type3":
            continue   # glyphs drawn by the PDF itself: nothing to embed
        name = str(font.get("/BaseFont", "/(unnamed)")).lstrip("/")
        kind = str(font.get("/Subtype", "/?")).lstrip("/")
        where = "page" + ("s " if len(pages_of[key]) > 1 else " ") + ", ".join(map(str, pages_of[key]))
        if not _embedded(font):
            findings.append(Finding(Severity.ERROR, "font-not-embedded",
                                    f"font {name} ({kind}) is not embedded ({where})"))
        elif not SUBSET_PREFIX.match(name):
            findings.append(Finding(Severity.WARNING, "font-not-subset",
                                    f"font {name} ({kind}) is embedded whole, not as a subset ({where})"))
    return findings


def _embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts", [])
        return bool(descendants) and _embedded(descendants[0])
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in FONT_FILES)
