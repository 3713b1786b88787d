"""What a page paints: colour spaces, text colour and size, overprint, hairlines, image resolution.

One walk of the content (``content.ContentWalker``) feeds all of these checks.
Marks outside the bleed (crop and registration marks, slug text) are not part
of the printed page and are left alone.
"""
from __future__ import annotations

import pikepdf

from ..units import PT_PER_INCH
from .colour import BLACK, CYAN, TINT_TOLERANCE, Colour, ColourSpace, ColourSpaceError, resolve_space
from .content import (
    FILLING_MODES,
    PATH_PAINTING,
    STROKING_MODES,
    TEXT_SHOWING,
    Box,
    ContentWalker,
    Step,
    axis_scales,
    text_size,
    transform,
)
from .findings import PageTally, Place, Severity
from .limits import RICH_BLACK_K, Limits

ERROR, WARNING = Severity.ERROR, Severity.WARNING
SHADING_PATTERN = 2   # PatternType 2: a shading; 1 is a tiling pattern


class PagePainting:
    """Checks one page's painting operators; ``tally`` collects the findings."""

    def __init__(self, page: pikepdf.Page, number: int, limits: Limits, trim: Box, printing: Box):
        self.page, self.limits, self.trim, self.printing = page, limits, trim, printing
        self.tally = PageTally(number)

    def check(self) -> PageTally:
        walker = ContentWalker(self.page)
        for step in walker.steps():
            operator = step.operator
            if operator in PATH_PAINTING:
                self._path(step)
            elif operator in TEXT_SHOWING:
                self._text(step)
            elif step.image is not None:
                self._image(step)
            elif operator == "sh":
                self._shading(step)
        for problem in walker.problems:
            self.tally.add(ERROR, "structure", problem)
        return self.tally

    def _place(self, x: float, y: float) -> Place:
        return Place(x - self.trim.x0, self.trim.y1 - y)

    def _colour(self, colour: Colour, use: str, place: Place | None, resources: pikepdf.Dictionary) -> None:
        if colour.pattern:
            self._pattern(colour.pattern, use, place, resources)
        else:
            self._space(colour.space, f"{use} in {colour.describe()}", place)

    def _space(self, space: ColourSpace, what: str, place: Place | None) -> None:
        """RGB and device-independent colour are errors in PDF/X-1a."""
        if space.is_rgb:
            self.tally.add(ERROR, "rgb-colour", what, place)
        elif space.is_managed:
            self.tally.add(ERROR, "colour-space", f"{what} (PDF/X-1a allows DeviceCMYK, DeviceGray, Separation "
                                                  "and DeviceN only)", place)

    def _path(self, step: Step) -> None:
        fills, strokes, _, _ = PATH_PAINTING[step.operator]
        box = step.path.box
        if box is None or not box.overlaps(self.printing):
            return
        place = self._place(box.x0, box.y1)
        state = step.state
        if fills:
            self._colour(state.fill, "fill", place, step.resources)
            thinnest = min((min(sides) for sides in step.path.rect_sides), default=None)
            if step.path.only_rects and thinnest is not None and 0 < thinnest < self.limits.min_rule_pt:
                self.tally.add(ERROR, "hairline", f"filled rectangle {thinnest:.2f} pt thin, under the "
                                                  f"{self.limits.min_rule_pt:g} pt minimum rule", place)
        if strokes:
            self._colour(state.stroke, "stroke", place, step.resources)
            width = state.line_width * min(axis_scales(state.ctm))
            if width < self.limits.min_rule_pt:
                self.tally.add(ERROR, "hairline", f"line {width:.2f} pt wide, under the "
                                                  f"{self.limits.min_rule_pt:g} pt minimum rule", place)

    def _text(self, step: Step) -> None:
        if not _shows_glyphs(step.operands):
            return
        state = step.state
        x, y = transform(state.ctm, *step.text_matrix[4:])
        if not self.printing.contains(Box(x, y, x, y)):
            return
        place = self._place(x, y)
        mode = state.text.render_mode
        colours = ([state.fill] if mode in FILLING_MODES else []) + ([state.stroke] if mode in STROKING_MODES else [])
        size = text_size(state, step.text_matrix)
        for colour in colours:
            self._colour(colour, "text", place, step.resources)
            self._text_colour(colour, size, place)
        if mode in FILLING_MODES | STROKING_MODES and size < self.limits.min_type_pt:
            self.tally.add(ERROR, "type-size", f"text at {size:.1f} pt, under the {self.limits.min_type_pt:g} pt "
                                               "minimum", place)
        if (mode in FILLING_MODES and state.fill.is_solid_black() and size < self.limits.overprint_below_pt
                and not state.overprints(state.fill, state.fill_overprint, CYAN)):
            self.tally.add(WARNING, "black-knockout",
                           f"100% K text under {self.limits.overprint_below_pt:g} pt knocks out the inks beneath "
                           "(set fill overprint on, with overprint mode 1): misregister shows a white edge", place)

    def _text_colour(self, colour: Colour, size: float, place: Place) -> None:
        """Black type is 100% K; coloured type (a red masthead, an ad's
        headline) may be any CMYK or spot colour, in one ink when it is small."""
        if colour.is_solid_black() or colour.is_paper():
            return
        inks = colour.inks()
        if colour.space.is_rgb or colour.space.is_managed or inks is None:
            self.tally.add(ERROR, "text-colour", f"text in {colour.describe()}, not 100% K", place)
            return
        used = [ink for ink, tint in inks.items() if tint > TINT_TOLERANCE]
        if inks.get(BLACK, 0.0) >= RICH_BLACK_K and len(used) > 1:
            self.tally.add(ERROR, "text-colour", f"text in {colour.describe()}, not 100% K (rich black "
                                                 "misregisters)", place)
        elif len(used) > 1 and size < self.limits.multi_ink_type_pt:
            self.tally.add(WARNING, "colour-type", f"text in {colour.describe()} under "
                                                   f"{self.limits.multi_ink_type_pt:g} pt prints in {len(used)} "
                                                   "inks: misregister blurs it", place)

    def _image(self, step: Step) -> None:
        image = step.image
        dictionary = image.obj if isinstance(image, pikepdf.PdfInlineImage) else image
        corners = [transform(step.state.ctm, x, y) for x, y in ((0, 0), (1, 0), (1, 1), (0, 1))]
        box = Box.around(corners)
        if not box.overlaps(self.printing):
            return
        place = self._place(box.x0, box.y1)
        if dictionary.get("/ImageMask", False):
            self._colour(step.state.fill, "image mask", place, step.resources)
        elif "/ColorSpace" in dictionary:
            try:
                space = resolve_space(dictionary.ColorSpace, step.resources)
            except ColourSpaceError as error:
                self.tally.add(ERROR, "structure", f"image colour space: {error}", place)
            else:
                self._space(space, f"image in {space.family}", place)
        width_px, height_px = int(dictionary.get("/Width", 0)), int(dictionary.get("/Height", 0))
        scale_x, scale_y = axis_scales(step.state.ctm)
        if not (scale_x and scale_y and width_px and height_px):
            return
        ppi = min(width_px / (scale_x / PT_PER_INCH), height_px / (scale_y / PT_PER_INCH))
        severity = ERROR if ppi < self.limits.error_ppi else WARNING if ppi < self.limits.warn_ppi else None
        if severity is not None:
            floor = self.limits.error_ppi if severity is ERROR else self.limits.warn_ppi
            self.tally.add(severity, "image-resolution", f"image of {width_px}×{height_px} px at {ppi:.0f} ppi "
                                                         f"effective, under {floor:g} ppi", place)

    def _shading(self, step: Step) -> None:
        shading = step.resources.get("/Shading", {}).get(step.operands[0]) if step.operands else None
        self._shading_colour(shading, "shading", None, step.resources)

    def _pattern(self, name: str, use: str, place: Place | None, resources: pikepdf.Dictionary) -> None:
        """A shading pattern's colour space (a tiling pattern's own content is not walked)."""
        pattern = resources.get("/Pattern", {}).get(name)
        if pattern is not None and pattern.get("/PatternType") == SHADING_PATTERN:
            self._shading_colour(pattern.get("/Shading"), f"{use} pattern", place, resources)

    def _shading_colour(self, shading, use: str, place: Place | None, resources: pikepdf.Dictionary) -> None:
        if shading is None or "/ColorSpace" not in shading:
            return
        try:
            space = resolve_space(shading.ColorSpace, resources)
        except ColourSpaceError as error:
            self.tally.add(ERROR, "structure", f"{use} colour space: {error}", place)
            return
        self._space(space, f"{use} in {space.family}", place)


def _shows_glyphs(operands: list) -> bool:
    """Tj (string), TJ (array of strings and kerns), ' and " (string last)."""
    for operand in operands:
        if isinstance(operand, pikepdf.String) and len(bytes(operand)):
            return True
        if isinstance(operand, pikepdf.Array) and any(isinstance(item, pikepdf.String) and len(bytes(item))
                                                      for item in operand):
            return True
    return False
