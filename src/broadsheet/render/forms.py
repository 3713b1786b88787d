"""Place supplied files (an agency's PDF advertisement, a column logo) in the
drawn pages, as form XObjects: the file's vectors, type and images go into
the page as the agency made them, never rasterised.

reportlab cannot read a PDF page, so this runs on its output, with pikepdf:
the supplied page becomes a form (qpdf's page-to-form, its BBox the page's
TrimBox, so the agency's bleed and marks are cut off), is copied into our
file once however often it is placed, and is drawn by a ``cm … Do`` that
scales its trim onto the space (each way separately: the source checked that
they differ by 3 % at most).  Spot colours get their ink names here too.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pikepdf

from ..layout.display import ComposedPage, Placement
from .pdf import Sheet, sheet
from .spots import name_spots

FORM_PREFIX = "Supplied"


@dataclass(frozen=True)
class PageFinish:
    """What finishing needs of a drawn page (kept while an edition's pages
    stream through the canvas): its placements, its sheet, its spot inks."""
    placements: tuple[Placement, ...]
    sheet: Sheet
    spots: frozenset[str]


def page_finish(page: ComposedPage, marks: bool) -> PageFinish:
    spots = {run.colour.spot for run in page.runs if run.colour.spot}
    spots |= {fill.colour.spot for fill in page.fills if fill.colour.spot}
    return PageFinish(tuple(page.placements), sheet(page, marks), frozenset(spots))


@contextmanager
def completed(raw: BinaryIO, pages: list[PageFinish]) -> Iterator[pikepdf.Pdf]:
    """reportlab's file ``raw`` opened, with every page's supplied files placed and its spot
    inks named; the supplied files stay open until the caller has saved
    (their streams are copied as the file is written).  One open and one
    save finish a page: the PDF/X step works on this same document."""
    spots = set().union(*(page.spots for page in pages))
    with pikepdf.open(raw) as pdf, ExitStack() as sources:
        forms: dict[Path, pikepdf.Object] = {}
        for page, drawn in zip(pages, pdf.pages):
            if page.placements:   # whatever state reportlab leaves, forms start clean
                drawn.contents_add(b"q\n", prepend=True)
                drawn.contents_add(b"Q\n")
            for number, placement in enumerate(page.placements, 1):
                if placement.file not in forms:
                    source = sources.enter_context(pikepdf.open(placement.file))
                    forms[placement.file] = pdf.copy_foreign(source.pages[0].as_form_xobject())
                _place(drawn, forms[placement.file], f"/{FORM_PREFIX}{number}", placement, page.sheet)
        name_spots(pdf, spots)
        yield pdf


def needs_completing(pages: list[PageFinish]) -> bool:
    """Whether any page has a supplied file to place or a spot ink to name."""
    return any(page.spots or page.placements for page in pages)


def _place(page: pikepdf.Page, form: pikepdf.Object, name: str, placement: Placement, size: Sheet) -> None:
    """Draw ``form`` (resource ``name``) with its box (BBox through its Matrix) scaled onto the placement."""
    x0, y0, x1, y1 = _form_box(form)
    scale_x, scale_y = placement.width / (x1 - x0), placement.height / (y1 - y0)
    left = size.margin + placement.x
    bottom = size.height - size.margin - placement.y - placement.height
    page.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(name))
    matrix = pikepdf.Matrix(scale_x, 0, 0, scale_y, left - x0 * scale_x, bottom - y0 * scale_y)
    content = pikepdf.unparse_content_stream([
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("q")),
        pikepdf.ContentStreamInstruction(matrix.shorthand, pikepdf.Operator("cm")),
        pikepdf.ContentStreamInstruction([pikepdf.Name(name)], pikepdf.Operator("Do")),
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("Q")),
    ])
    page.contents_add(content + b"\n")


def _form_box(form: pikepdf.Object) -> tuple[float, float, float, float]:
    """The form's BBox as it lands in the page (a turned page's form carries a Matrix)."""
    bx0, by0, bx1, by1 = (float(value) for value in form.BBox)
    matrix = pikepdf.Matrix(form.get("/Matrix", pikepdf.Array([1, 0, 0, 1, 0, 0])))
    corners = [matrix.transform((x, y)) for x, y in ((bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1))]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)

