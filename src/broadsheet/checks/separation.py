"""Separate a page into plates: one grey content stream per ink.

pdfium renders in RGB only, so total area coverage cannot be read off a normal
rendering.  Instead every page is rewritten once per ink: each colour becomes
the DeviceGray value ``1 − tint`` of that ink, every image becomes a grey image
of its channel, and pdfium renders the plate as a greyscale picture whose
darkness is the ink.  Overprint is honoured the way a RIP does: with overprint
on, a DeviceCMYK colour (overprint mode 1) does not touch the plates of its zero
components, and a spot colour never touches the others.

What cannot be separated is left off the plates and reported: shadings and
pattern fills (their colours live in functions), images in colour spaces other
than Gray, RGB and CMYK, coloured Type 3 glyphs.  A form drawn several times is
separated as it is drawn the first time.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import pikepdf
from PIL import Image, ImageChops

from .colour import BLACK, BYTE_MAX, CYAN, MAGENTA, PROCESS_INKS, YELLOW, Colour
from .content import (
    CLIPPING_MODES,
    FILLING_MODES,
    PATH_CONSTRUCTION,
    PATH_PAINTING,
    STROKING_MODES,
    TEXT_SHOWING,
    ContentWalker,
    GraphicsState,
    Step,
)

COLOUR_OPERATORS = {"g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN"}
# (fills, strokes, clips) → text rendering mode (Tr).
TEXT_MODES = {(True, False, False): 0, (False, True, False): 1, (True, True, False): 2, (False, False, False): 3,
              (True, False, True): 4, (False, True, True): 5, (True, True, True): 6, (False, False, True): 7}
# (closes, even-odd) → the operator that fills and strokes; fill alone; stroke alone.
FILL_AND_STROKE = {(False, False): "B", (False, True): "B*", (True, False): "b", (True, True): "b*"}
# Which channel of a decoded image carries each process ink.  RGB is separated
# naively (C = 255 − R …), Gray prints on black only.
_CHANNELS = {"CMYK": {CYAN: 0, MAGENTA: 1, YELLOW: 2, BLACK: 3}, "RGB": {CYAN: 0, MAGENTA: 1, YELLOW: 2},
             "L": {BLACK: 0}}
_INVERTED_MODES = {"RGB", "L"}   # bright pixels are little ink
# Grey levels written to the plates: four decimals, finer than 8-bit rendering.
GREY_DECIMALS = 4


@dataclass
class _PathStart:
    """Where the current path begins: colours must be set before it, not inside it."""


@dataclass
class _Paint:
    operator: str
    instruction: pikepdf.ContentStreamInstruction
    state: GraphicsState
    mask: bool = False   # an image mask (painted in the fill colour)


@dataclass
class PageSeparation:
    """One page's content, ready to be written out for any ink."""
    page_index: int
    streams: dict[tuple[int, int], list] = field(default_factory=dict)  # owner objgen → items
    images: set[tuple[int, int]] = field(default_factory=set)
    inks: set[str] = field(default_factory=set)
    unmeasured: set[str] = field(default_factory=set)


def record_page(page: pikepdf.Page, page_index: int) -> PageSeparation:
    """Walk the page once and keep what each plate needs (inline images must be
    externalised first: ``Page.externalize_inline_images``)."""
    separation = PageSeparation(page_index)
    finished: set[tuple[int, int]] = set()
    path_open = False
    walker = ContentWalker(page)
    for step in walker.steps():
        if step.owner.objgen in finished:
            continue   # a form drawn again: it is separated as first drawn
        items = separation.streams.setdefault(step.owner.objgen, [])
        if step.operator in PATH_CONSTRUCTION and not path_open:
            items.append(_PathStart())
        path_open = (path_open or step.operator in PATH_CONSTRUCTION) and step.operator not in PATH_PAINTING
        if step.form is not None:
            finished.add(step.form.objgen)
        item = _item(separation, step)
        if item is not None:
            items.append(item)
    if walker.problems:
        separation.unmeasured.add("unreadable content")
    return separation


def _item(separation: PageSeparation, step: Step):
    """What the plates keep of one operator: the instruction as it is, a paint
    to recolour for each ink, or nothing (colour operators, shadings)."""
    operator = step.operator
    if operator in COLOUR_OPERATORS:
        return None
    if operator == "sh":
        separation.unmeasured.add("shadings")
        return None
    if operator in PATH_PAINTING or operator in TEXT_SHOWING:
        _note_colours(separation, _used_colours(step))
        return _Paint(operator, step.instruction, step.state.copy())
    image = step.image
    if isinstance(image, pikepdf.PdfInlineImage):
        separation.unmeasured.add("inline images")
        return None
    if image is not None and image.get("/ImageMask", False):
        _note_colours(separation, [step.state.fill])
        return _Paint(operator, step.instruction, step.state.copy(), mask=True)
    if image is not None:
        separation.images.add(image.objgen)
    return step.instruction


def _used_colours(step: Step) -> list[Colour]:
    """The colours a path-painting or text-showing operator paints with."""
    state = step.state
    if step.operator in TEXT_SHOWING:
        fills, strokes = state.text.render_mode in FILLING_MODES, state.text.render_mode in STROKING_MODES
    else:
        fills, strokes, _, _ = PATH_PAINTING[step.operator]
    return ([state.fill] if fills else []) + ([state.stroke] if strokes else [])


def _note_colours(separation: PageSeparation, colours: list[Colour]) -> None:
    for colour in colours:
        separation.inks.update(colour.space.spot_inks())
        if colour.inks() is None:
            separation.unmeasured.add("pattern fills" if colour.pattern else f"{colour.space.family} colour")


def write_plate(pdf: pikepdf.Pdf, separations: list[PageSeparation], ink: str) -> set[str]:
    """Rewrite ``pdf`` (a copy) in place so that it shows ``ink`` only, as grey;
    returns what could not be separated."""
    unmeasured: set[str] = set()
    images: set[tuple[int, int]] = set()
    for separation in separations:
        page = pdf.pages[separation.page_index]
        for owner, items in separation.streams.items():
            content = pikepdf.unparse_content_stream(_plate_instructions(items, ink))
            target = pdf.get_object(owner)
            if target.objgen == page.obj.objgen:
                page.obj.Contents = pdf.make_stream(content)
            else:
                target.write(content)
        images |= separation.images
        # Render the whole sheet upright: the caller crops to the printing area.
        page.obj.CropBox = page.obj.MediaBox
        if "/Rotate" in page.obj:
            del page.obj.Rotate
    for objgen in images:
        if not _grey_image(pdf.get_object(objgen), ink):
            unmeasured.add("images in other colour spaces")
    return unmeasured


def _plate_instructions(items: list, ink: str) -> list:
    out: list = []
    path_start = 0
    for item in items:
        if isinstance(item, _PathStart):
            path_start = len(out)
        elif isinstance(item, _Paint):
            _paint(out, item, ink, path_start)
        else:
            out.append(item)
    return out


def _paint(out: list, paint: _Paint, ink: str, path_start: int) -> None:
    state = paint.state
    if paint.mask:
        if _prints(state, state.fill, state.fill_overprint, ink):
            out.extend([_grey(state.fill, ink, "g"), paint.instruction])
        return
    if paint.operator in TEXT_SHOWING:
        mode = state.text.render_mode
        fills = mode in FILLING_MODES and _prints(state, state.fill, state.fill_overprint, ink)
        strokes = mode in STROKING_MODES and _prints(state, state.stroke, state.stroke_overprint, ink)
        plate_mode = TEXT_MODES[(fills, strokes, mode in CLIPPING_MODES)]
        out.extend(_colours(state, ink, fills, strokes))
        if plate_mode != mode:
            out.extend([_op("Tr", plate_mode), paint.instruction, _op("Tr", mode)])
        else:
            out.append(paint.instruction)
        return
    fills, strokes, closes, even_odd = PATH_PAINTING[paint.operator]
    fills = fills and _prints(state, state.fill, state.fill_overprint, ink)
    strokes = strokes and _prints(state, state.stroke, state.stroke_overprint, ink)
    out[path_start:path_start] = _colours(state, ink, fills, strokes)
    out.append(_op(_path_operator(fills, strokes, closes, even_odd)))


def _prints(state: GraphicsState, colour: Colour, overprint: bool, ink: str) -> bool:
    return colour.inks() is not None and not state.overprints(colour, overprint, ink)


def _colours(state: GraphicsState, ink: str, fills: bool, strokes: bool) -> list:
    return ([_grey(state.fill, ink, "g")] if fills else []) + ([_grey(state.stroke, ink, "G")] if strokes else [])


def _grey(colour: Colour, ink: str, operator: str) -> pikepdf.ContentStreamInstruction:
    tint = min(1.0, max(0.0, (colour.inks() or {}).get(ink, 0.0)))
    return _op(operator, round(1.0 - tint, GREY_DECIMALS))


def _op(operator: str, *operands) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction(list(operands), pikepdf.Operator(operator))


def _path_operator(fills: bool, strokes: bool, closes: bool, even_odd: bool) -> str:
    if fills and strokes:
        return FILL_AND_STROKE[(closes, even_odd)]
    if fills:
        return "f*" if even_odd else "f"
    if strokes:
        return "s" if closes else "S"
    return "n"


def _grey_image(image: pikepdf.Stream, ink: str) -> bool:
    """Replace the image by a grey picture of one ink; False (and a blank image)
    when it cannot be decoded or separated."""
    try:
        picture = pikepdf.PdfImage(image).as_pil_image()
    except Exception:  # noqa: BLE001 — pikepdf raises many kinds for undecodable images
        picture = None
    if picture is not None and picture.mode == "1":
        picture = picture.convert("L")
    channels = _CHANNELS.get(picture.mode) if picture is not None else None
    if channels is None:
        plate = Image.new("L", (1, 1), BYTE_MAX)
    elif ink not in channels:
        plate = Image.new("L", picture.size, BYTE_MAX)
    else:
        channel = picture.getchannel(channels[ink])
        plate = channel if picture.mode in _INVERTED_MODES else ImageChops.invert(channel)
    for key in ("/Decode", "/DecodeParms", "/SMask", "/Mask", "/Intent", "/Alternates"):
        if key in image:
            del image[key]
    image.write(zlib.compress(plate.tobytes()), filter=pikepdf.Name.FlateDecode)
    image.Width, image.Height = plate.size
    image.ColorSpace = pikepdf.Name.DeviceGray
    image.BitsPerComponent = 8
    return channels is not None


def plates(separations: list[PageSeparation]) -> list[str]:
    """The inks to render: the process inks and any spot colour used."""
    spots = set().union(*(separation.inks for separation in separations)) if separations else set()
    return [*PROCESS_INKS, *sorted(spots)]
