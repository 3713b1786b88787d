"""Walk a page's content as a PDF consumer does, keeping the graphics state.

pikepdf parses the operators; this module follows what each one changes (the
CTM, colours, line width, overprint, text state and text matrix) so that the
checks can ask, of every painting operator, what it paints, in which colour,
at which size and where.  Form XObjects are walked where they are drawn.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import pikepdf

from .colour import BLACK_GRAY, DEVICE_CMYK, DEVICE_GRAY, DEVICE_RGB, Colour, ColourSpaceError, resolve_space

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

PATH_CONSTRUCTION = {"m", "l", "c", "v", "y", "h", "re"}
# Painting operator → (fills, strokes, closes first, even-odd rule).
PATH_PAINTING = {
    "S": (False, True, False, False), "s": (False, True, True, False),
    "f": (True, False, False, False), "F": (True, False, False, False), "f*": (True, False, False, True),
    "B": (True, True, False, False), "B*": (True, True, False, True),
    "b": (True, True, True, False), "b*": (True, True, True, True),
    "n": (False, False, False, False),
}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
INLINE_IMAGE = "INLINE IMAGE"
# Text rendering modes (Tr) that fill, that stroke, that add to the clip.
FILLING_MODES = {0, 2, 4, 6}
STROKING_MODES = {1, 2, 5, 6}
CLIPPING_MODES = {4, 5, 6, 7}
# Forms may draw forms; a loop or absurd nesting must not hang the check.
MAX_FORM_DEPTH = 16

_DEVICE_COLOUR = {"g": (DEVICE_GRAY, False), "G": (DEVICE_GRAY, True), "rg": (DEVICE_RGB, False),
                  "RG": (DEVICE_RGB, True), "k": (DEVICE_CMYK, False), "K": (DEVICE_CMYK, True)}


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """``first`` followed by ``then`` (PDF's ``first × then``)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def transform(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def axis_scales(matrix: Matrix) -> tuple[float, float]:
    """How long one unit along x and along y becomes."""
    a, b, c, d, _, _ = matrix
    return math.hypot(a, b), math.hypot(c, d)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, array: pikepdf.Array) -> Box:
        """A PDF rectangle [x0 y0 x1 y1], its corners in either order."""
        x0, y0, x1, y1 = (float(value) for value in array)
        return cls(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    @classmethod
    def around(cls, points: list[tuple[float, float]]) -> Box:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        return cls(min(xs), min(ys), max(xs), max(ys))

    def contains(self, other: Box, tolerance: float = 0.0) -> bool:
        return (other.x0 >= self.x0 - tolerance and other.y0 >= self.y0 - tolerance
                and other.x1 <= self.x1 + tolerance and other.y1 <= self.y1 + tolerance)

    def overlaps(self, other: Box) -> bool:
        return other.x0 < self.x1 and other.x1 > self.x0 and other.y0 < self.y1 and other.y1 > self.y0


@dataclass
class TextState:
    font: pikepdf.Object | None = None
    size: float = 0.0
    leading: float = 0.0
    render_mode: int = 0


@dataclass
class GraphicsState:
    ctm: Matrix = IDENTITY
    fill: Colour = BLACK_GRAY
    stroke: Colour = BLACK_GRAY
    line_width: float = 1.0
    fill_overprint: bool = False
    stroke_overprint: bool = False
    overprint_mode: int = 0
    text: TextState = field(default_factory=TextState)

    def copy(self) -> GraphicsState:
        return replace(self, text=replace(self.text))

    def overprints(self, colour: Colour, overprint: bool, ink: str) -> bool:
        """Whether painting in ``colour`` leaves ``ink``'s plate as it was
        (PDF overprint: OPM 1 skips zero DeviceCMYK components; a spot colour
        never touches the process plates)."""
        if not overprint or colour.pattern:
            return False
        if colour.space.family == "DeviceCMYK":
            inks = colour.inks() or {}
            return self.overprint_mode == 1 and inks.get(ink, 0.0) == 0.0
        if colour.space.family in ("Separation", "DeviceN"):
            return ink not in (colour.inks() or {})
        return False


@dataclass
class Path:
    """The path being built, in device space, until a painting operator uses it."""
    points: list[tuple[float, float]] = field(default_factory=list)
    rect_sides: list[tuple[float, float]] = field(default_factory=list)  # device lengths of each `re`
    only_rects: bool = True

    @property
    def box(self) -> Box | None:
        return Box.around(self.points) if self.points else None


@dataclass
class Step:
    """One operator and the state it runs in.  ``state`` is live: read it, do not keep it."""
    instruction: pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage
    state: GraphicsState
    resources: pikepdf.Dictionary
    owner: pikepdf.Object          # the page or form whose content holds the operator
    text_matrix: Matrix = IDENTITY
    path: Path | None = None       # for path-painting operators
    image: pikepdf.Object | pikepdf.PdfInlineImage | None = None  # for image-drawing operators
    form: pikepdf.Object | None = None  # for a Do that draws a form

    @property
    def operator(self) -> str:
        return str(self.instruction.operator)

    @property
    def operands(self) -> list:
        return list(self.instruction.operands)


class ContentWalker:
    """Iterates the steps of one page; unreadable parts are noted in ``problems``."""

    def __init__(self, page: pikepdf.Page):
        self.page = page
        self.problems: list[str] = []

    def steps(self) -> Iterator[Step]:
        resources = page_resources(self.page)
        try:
            instructions = pikepdf.parse_content_stream(self.page)
        except pikepdf.PdfError as error:
            self.problems.append(f"content stream cannot be parsed: {error}")
            return
        yield from self._walk(instructions, GraphicsState(), resources, self.page.obj, [])

    def _walk(self, instructions, state: GraphicsState, resources, owner, forms: list) -> Iterator[Step]:
        stack: list[GraphicsState] = []
        text_matrix = line_matrix = IDENTITY
        path = Path()
        for instruction in instructions:
            operator = str(instruction.operator)
            operands = list(instruction.operands)
            step = Step(instruction, state, resources, owner, text_matrix)
            if operator == "q":
                stack.append(state.copy())
            elif operator == "Q":
                if stack:
                    state = stack.pop()
            elif operator == "cm":
                state.ctm = multiply(_numbers(operands), state.ctm)
            elif operator in PATH_CONSTRUCTION:
                self._build(path, operator, operands, state.ctm)
            elif operator in PATH_PAINTING:
                step.path = path
                path = Path()
            elif operator == "BT":
                text_matrix = line_matrix = IDENTITY
            elif operator in ("Td", "TD", "T*", "Tm", "'", '"'):
                text_matrix, line_matrix = self._move_text(operator, operands, state.text, line_matrix)
                step.text_matrix = text_matrix
            elif operator == INLINE_IMAGE:
                step.image = instruction.iimage
            elif operator == "Do":
                xobject = resources.get("/XObject", {}).get(operands[0]) if operands else None
                if xobject is None:
                    self.problems.append(f"XObject {operands[0] if operands else '?'} is not in the resources")
                elif xobject.get("/Subtype") == "/Image":
                    step.image = xobject
                elif xobject.get("/Subtype") == "/Form":
                    # The form's own operators come first, then its Do: a
                    # consumer knows the form is finished when it sees the Do.
                    step.form = xobject
                    yield from self._form(xobject, state, resources, forms)
            else:
                self._set_state(operator, operands, state, resources)
            yield step

    def _form(self, form: pikepdf.Object, state: GraphicsState, resources, forms: list) -> Iterator[Step]:
        if form.objgen in forms or len(forms) >= MAX_FORM_DEPTH:
            self.problems.append("form XObjects draw each other in a loop or nest too deeply")
            return
        inner = state.copy()
        inner.ctm = multiply(_numbers(form.get("/Matrix", IDENTITY)), state.ctm)
        try:
            instructions = pikepdf.parse_content_stream(form)
        except pikepdf.PdfError as error:
            self.problems.append(f"form XObject content cannot be parsed: {error}")
            return
        yield from self._walk(instructions, inner, form.get("/Resources", resources), form, [*forms, form.objgen])

    @staticmethod
    def _build(path: Path, operator: str, operands: list, ctm: Matrix) -> None:
        numbers = _numbers(operands)
        if operator == "re":
            x, y, width, height = numbers
            corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
            path.points.extend(transform(ctm, px, py) for px, py in corners)
            scale_x, scale_y = axis_scales(ctm)
            path.rect_sides.append((abs(width) * scale_x, abs(height) * scale_y))
            return
        path.only_rects = False
        path.points.extend(transform(ctm, numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2))

    @staticmethod
    def _move_text(operator: str, operands: list, text: TextState, line_matrix: Matrix) -> tuple[Matrix, Matrix]:
        if operator == "Tm":
            matrix = _numbers(operands)
            return matrix, matrix
        if operator in ("Td", "TD"):
            tx, ty = _numbers(operands)
            if operator == "TD":
                text.leading = -ty
        else:  # T*, ' and " start the next line
            tx, ty = 0.0, -text.leading
        moved = multiply((1.0, 0.0, 0.0, 1.0, tx, ty), line_matrix)
        return moved, moved

    def _set_state(self, operator: str, operands: list, state: GraphicsState, resources) -> None:
        if operator in _DEVICE_COLOUR:
            space, stroking = _DEVICE_COLOUR[operator]
            self._set_colour(state, stroking, Colour(space, _numbers(operands)))
        elif operator in ("cs", "CS"):
            try:
                space = resolve_space(operands[0], resources)
            except ColourSpaceError as error:
                self.problems.append(str(error))
                return
            self._set_colour(state, operator == "CS", Colour(space, space.initial()))
        elif operator in ("sc", "scn", "SC", "SCN"):
            stroking = operator.isupper()
            current = state.stroke if stroking else state.fill
            pattern = str(operands[-1]) if operands and isinstance(operands[-1], pikepdf.Name) else ""
            values = _numbers(operands[:-1] if pattern else operands)
            self._set_colour(state, stroking, Colour(current.space, values, pattern))
        elif operator == "w":
            state.line_width = float(operands[0])
        elif operator == "Tf":
            state.text.font = resources.get("/Font", {}).get(operands[0])
            state.text.size = float(operands[1])
            if state.text.font is None:
                self.problems.append(f"font {operands[0]} is not in the resources")
        elif operator == "TL":
            state.text.leading = float(operands[0])
        elif operator == "Tr":
            state.text.render_mode = int(operands[0])
        elif operator == "gs":
            self._graphics_state(state, resources.get("/ExtGState", {}).get(operands[0]))

    @staticmethod
    def _set_colour(state: GraphicsState, stroking: bool, colour: Colour) -> None:
        if stroking:
            state.stroke = colour
        else:
            state.fill = colour

    def _graphics_state(self, state: GraphicsState, extgstate) -> None:
        if extgstate is None:
            self.problems.append("a graphics state (gs) is not in the resources")
            return
        if "/LW" in extgstate:
            state.line_width = float(extgstate.LW)
        if "/OP" in extgstate:
            state.stroke_overprint = bool(extgstate.OP)
            state.fill_overprint = bool(extgstate.get("/op", extgstate.OP))
        elif "/op" in extgstate:
            state.fill_overprint = bool(extgstate.op)
        if "/OPM" in extgstate:
            state.overprint_mode = int(extgstate.OPM)
        if "/Font" in extgstate:
            state.text.font, state.text.size = extgstate.Font[0], float(extgstate.Font[1])


def page_resources(page: pikepdf.Page) -> pikepdf.Dictionary:
    """The page's resources, inherited from the page tree when the page has none."""
    node = page.obj
    while node is not None:
        if "/Resources" in node:
            return node.Resources
        node = node.get("/Parent")
    return pikepdf.Dictionary()


def text_size(state: GraphicsState, text_matrix: Matrix) -> float:
    """The type size as printed: the Tf size scaled by the text matrix and CTM."""
    return state.text.size * axis_scales(multiply(text_matrix, state.ctm))[1]


def _numbers(operands) -> tuple[float, ...]:
    return tuple(float(value) for value in operands)
