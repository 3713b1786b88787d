"""Text inside the trim, clear of the knife: every glyph's box, as pdfium lays it out.

A glyph across the trim or in the bleed is cut: an error.  A glyph inside the
trim but within the safe margin may be cut by a trim that wanders: a warning.
Glyphs wholly outside the BleedBox are slug text (job information), not page.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2

from ..units import to_mm
from .boxes import PageBoxes
from .content import Box
from .findings import Finding, Severity

# Characters quoted in a finding, to find the spot on the page.
SAMPLE_CHARACTERS = 12


@dataclass
class _Group:
    characters: list[str] = field(default_factory=list)
    nearest: float = float("inf")   # distance inside the trim edge (pt); negative when outside

    def add(self, character: str, distance: float) -> None:
        self.characters.append(character)
        self.nearest = min(self.nearest, distance)

    def sample(self) -> str:
        text = "".join(self.characters[:SAMPLE_CHARACTERS])
        return text + ("…" if len(self.characters) > SAMPLE_CHARACTERS else "")


def check_placement(document: pypdfium2.PdfDocument, boxes: list[PageBoxes], safe_margin: float) -> list[Finding]:
    findings = []
    for index, page_boxes in enumerate(boxes):
        cut, close = _page_glyphs(document[index], page_boxes, safe_margin)
        number = index + 1
        if cut.characters:
            findings.append(Finding(Severity.ERROR, "text-outside-trim",
                                    f"{len(cut.characters)} characters cross the trim or lie in the bleed, up to "
                                    f"{to_mm(-cut.nearest):.1f} mm past it: “{cut.sample()}”", number))
        if close.characters:
            findings.append(Finding(Severity.WARNING, "text-in-margin",
                                    f"{len(close.characters)} characters within {to_mm(safe_margin):g} mm "
                                    f"of the trim, the nearest {to_mm(close.nearest):.1f} mm: "
                                    f"“{close.sample()}”", number))
    return findings


def _page_glyphs(page: pypdfium2.PdfPage, boxes: PageBoxes, safe_margin: float) -> tuple[_Group, _Group]:
    cut, close = _Group(), _Group()
    text_page = page.get_textpage()
    try:
        for index in range(text_page.count_chars()):
            character = text_page.get_text_range(index, 1)
            if not character or character.isspace():
                continue
            glyph = Box(*text_page.get_charbox(index))
            if not glyph.overlaps(boxes.printing):
                continue
            distance = _inside_distance(glyph, boxes.trim)
            if distance < 0:
                cut.add(character, distance)
            elif distance < safe_margin:
                close.add(character, distance)
    finally:
        text_page.close()
        page.close()
    return cut, close


def _inside_distance(glyph: Box, trim: Box) -> float:
    """How far the glyph stays inside the trim on its closest side (negative: it sticks out)."""
    return min(glyph.x0 - trim.x0, glyph.y0 - trim.y0, trim.x1 - glyph.x1, trim.y1 - glyph.y1)
