"""Set text for the layout: body pieces at the measure of the column they
land in, headlines broken at word boundaries.

The flow asks for the same lines again for every trial depth while it
balances columns, so set lines are kept per (piece, first character, measure).
A Composer kept across builds also keeps the paragraphs it set
(``KeptParagraphs``): an edit breaks again only the paragraphs it changed.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..fonts import FontSet, LoadedFont
from ..model import Origin, Table
from ..model.colour import BLACK, Swatch
from ..model.page import LineAlign, StyleSpec
from ..text.classes import Prohibition
from ..text.faces import Faces
from ..text.headline import break_headline
from ..text.justify import Glyph, SetLines, set_paragraph
from ..text.linebreak import Measure
from ..text.metrics import FontMetrics
from .flow import FlowLine, FlowPosition, GroupKind
from .kept import KeptByBuild
from .rich import entry_lines, label_glyphs, shifted, table_lines

# Headline lines (titles, section leads) are set on 1.2× their size.
HEADLINE_LINE_HEIGHT = 1.2
# A line of type that overshoots whole grid lines by less than this (in grid
# lines, a rounding error) still takes only those lines.
GRID_ROUNDING_LINES = 1e-9
# The overset warning quotes this many characters of the first text left over.
OVERSET_QUOTE_CHARS = 12


@dataclass(frozen=True)
class TextStyle:
    """The face, size (pt) and alignment a piece of text is set in."""
    font: LoadedFont
    size: float
    align: LineAlign
    colour: Swatch = BLACK


@dataclass(frozen=True)
class Piece:
    """One flowing unit of an article's body: its byline, a paragraph, a
    section lead, a list item, a 导读 entry or a table."""
    kind: GroupKind
    text: str
    style: TextStyle
    indent_em: float = 0.0      # first-line indent (段首空两格)
    headline: bool = False      # broken at word boundaries into balanced lines
    origin: Origin | None = None
    faces: tuple[LoadedFont, ...] = ()  # faces 1, 2, … of inline runs (bold, 楷体)
    face_of: tuple[int, ...] = ()       # per character: its face (empty: all in the style's)
    left_em: float = 0.0        # every line indented (quotes, list items)
    label: str = ""             # a list item's number or bullet, hanging in ``left_em``
    page: str = ""              # a 导读 entry's page reference, flush right on its last line
    table: Table | None = None

    def text_faces(self, offset: int = 0) -> Faces | None:
        """The faces of the text from character ``offset``, for the breaker."""
        if not self.face_of:
            return None
        # Copyfitting lengthens or cuts a piece's text: what it adds is in the piece's own face.
        face_of = (self.face_of + (0,) * len(self.text))[:len(self.text)]
        return Faces((self.style.font.metrics, *(font.metrics for font in self.faces)), face_of[offset:])

    def other_faces(self) -> tuple[tuple[str, FontMetrics], ...]:
        """(font, metrics) of faces 1, 2, … for drawing."""
        return tuple((font.name, font.metrics) for font in self.faces)


def text_style(spec: StyleSpec, fonts: FontSet) -> TextStyle:
    """The face, size and alignment a layout's style names."""
    return TextStyle(fonts[spec.role], spec.size, spec.align, spec.colour)


def printed_length(text: str) -> int:
    """Characters that print: what the report counts as set or overset."""
    return sum(1 for char in text if not char.isspace())


def set_text(text: str, style: TextStyle, measure_pt: float, prohibition: Prohibition,
             indent_em: float = 0.0, faces: Faces | None = None) -> SetLines:
    """Body text: broken between any two characters the rules allow, justified."""
    metrics, measure = style.font.metrics, Measure(measure_pt / style.size, indent_em)
    kept = KeptParagraphs.active()
    if kept is None:
        return set_paragraph(text, metrics, measure, prohibition, faces=faces)
    held = (metrics, *(faces.metrics if faces is not None else ()))
    runs = faces.of_char if faces is not None else None
    return kept.lines((text, tuple(map(id, held)), runs, measure, prohibition), held,
                      lambda: set_paragraph(text, metrics, measure, prohibition, faces=faces))


class KeptParagraphs(KeptByBuild[tuple[tuple, SetLines]]):
    """Paragraphs set by the last build and this one, by (text, faces and the
    face of each character, measure, rules): setting is a pure function of
    them, so a warm rebuild takes what an edit left unchanged.  Only what the
    latest build used is kept."""

    def lines(self, key: tuple, held: tuple, make: Callable[[], SetLines]) -> SetLines:
        """The lines kept under ``key``, else ``make()``'s.  ``held``: the
        faces' metrics whose ids the key holds, kept alive with the lines so
        that no other face can take those ids."""
        kept = self._find(key)
        if kept is None or len(kept[0]) != len(held) or any(a is not b for a, b in zip(kept[0], held)):
            kept = (held, make())
        self._keep(key, kept)
        return kept[1]


class _BodyLines(Sequence[FlowLine]):
    """A paragraph's flow lines, set from character ``offset``, from its line
    ``first`` on.  A line is justified only when the flow places it, so the
    unplaced rest of a long paragraph costs only its breaking."""

    def __init__(self, lines: SetLines, offset: int, first: int = 0, left_em: float = 0.0,
                 label: tuple[Glyph, ...] = ()):
        self._lines, self._offset, self._first = lines, offset, first
        self._left_em, self._label = left_em, label

    def __len__(self) -> int:
        return len(self._lines) - self._first

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        line = self._lines[self._first + index]
        start = self._offset + line.start
        if self._left_em or self._label:
            line = shifted(line, self._left_em, self._label if start == 0 else ())
        return FlowLine(line, start, self._offset + line.end)

    def from_character(self, offset: int) -> "_BodyLines | None":
        """The same lines from the one starting at paragraph character
        ``offset``: a column that resumes a paragraph where another stopped
        continues the breaks already chosen (the tail of a total-fit
        solution is itself the best for the rest of the paragraph)."""
        index = self._lines.line_starting_at(offset - self._offset)
        if index is None or index < self._first:
            return None
        return _BodyLines(self._lines, self._offset, index, self._left_em, self._label)


def set_headline(text: str, style: TextStyle, measure_pt: float, prohibition: Prohibition) -> list[FlowLine]:
    """Headlines and section leads: broken at word boundaries into balanced,
    unjustified lines; each line knows the characters it holds."""
    lines: list[FlowLine] = []
    start = 0
    for part in break_headline(text, style.font.metrics, measure_pt / style.size):
        for line in set_text(part, style, measure_pt, prohibition):
            lines.append(FlowLine(line, start + line.start, start + line.end))
        start += len(part)
    return lines


def lines_per_line(size: float, pitch: float) -> int:
    """Whole grid lines one line of type of ``size`` takes (one for body type)."""
    return max(1, math.ceil(size * HEADLINE_LINE_HEIGHT / pitch - GRID_ROUNDING_LINES))


class BodySetter:
    """The pieces of one article, set on demand (a ``LineSource`` for the flow)."""

    def __init__(self, pieces: list[Piece], prohibition: Prohibition, pitch: float):
        self.pieces, self.prohibition, self.pitch = pieces, prohibition, pitch
        self._cache: dict[tuple[int, int, float], Sequence[FlowLine]] = {}
        # Body lines already set, by (piece, measure): looked up without
        # scanning the whole cache (an article of 100,000 paragraphs).
        self._body: dict[tuple[int, float], list[_BodyLines]] = {}

    def count(self) -> int:
        return len(self.pieces)

    def kind(self, group: int) -> GroupKind:
        return self.pieces[group].kind

    def span(self, group: int) -> int:
        return lines_per_line(self.pieces[group].style.size, self.pitch)

    def lines(self, group: int, offset: int, measure: float) -> Sequence[FlowLine]:
        key = (group, offset, measure)
        if key not in self._cache:
            lines = self._continued(group, offset, measure) or self._set(self.pieces[group], offset, measure)
            if isinstance(lines, _BodyLines):
                self._body.setdefault((group, measure), []).append(lines)
            self._cache[key] = lines
        return self._cache[key]

    def line_count(self, group: int, offset: int, measure: float) -> int:
        """Lines a piece takes from ``offset``, without keeping them: counting
        the overset rest of a huge article must not hold all of it set."""
        key = (group, offset, measure)
        if key in self._cache:
            return len(self._cache[key])
        return len(self._continued(group, offset, measure) or self._set(self.pieces[group], offset, measure))

    def with_piece(self, group: int, piece: Piece, *, last: bool = False) -> "BodySetter":
        """The same pieces with ``group`` replaced (``last``: and those after it
        dropped); the lines already set for the pieces before it are kept."""
        pieces = [*self.pieces[:group], piece, *([] if last else self.pieces[group + 1:])]
        other = BodySetter(pieces, self.prohibition, self.pitch)
        other._cache = {key: lines for key, lines in self._cache.items() if key[0] < group}
        other._body = {key: list(lines) for key, lines in self._body.items() if key[0] < group}
        return other

    def _continued(self, group: int, offset: int, measure: float) -> Sequence[FlowLine] | None:
        """Lines already set for this paragraph at this measure that have a
        line starting at ``offset``: their tail, instead of setting anew."""
        for lines in self._body.get((group, measure), ()):
            tail = lines.from_character(offset)
            if tail is not None:
                return tail
        return None

    def _set(self, piece: Piece, offset: int, measure: float) -> Sequence[FlowLine]:
        text = piece.text[offset:]
        if piece.headline:
            return tuple(FlowLine(line.line, offset + line.start, offset + line.end)
                         for line in set_headline(text, piece.style, measure, self.prohibition))
        metrics, measure_em = piece.style.font.metrics, measure / piece.style.size
        if piece.table is not None:
            return table_lines(piece.table, metrics, piece.faces[0].metrics, offset, measure_em, piece.origin)
        if piece.page:
            return entry_lines(piece.text, metrics, piece.faces[0].metrics, piece.page, offset, measure_em,
                               self.prohibition, piece.origin)
        indent = piece.indent_em if offset == 0 else 0.0
        left_pt = piece.left_em * piece.style.size
        lines = set_text(text, piece.style, measure - left_pt, self.prohibition, indent, piece.text_faces(offset))
        label = label_glyphs(piece.label, metrics) if piece.label else ()
        return _BodyLines(lines, offset, left_em=piece.left_em, label=label)

    def where(self, position: FlowPosition | None) -> tuple[str, int | None, str | None, str] | None:
        """Where the text left unset begins, for the overset warning: its
        file, line and key, and its first words (None when nothing is left)."""
        if position is None or position.group >= len(self.pieces) or self.pieces[position.group].origin is None:
            return None
        piece = self.pieces[position.group]
        start = piece.text[position.offset:position.offset + OVERSET_QUOTE_CHARS]
        return piece.origin.path, piece.origin.line, piece.origin.field, f", starting “{start}…”"

    def characters_from(self, position: FlowPosition | None) -> int:
        """Printed characters from ``position`` to the end of the article."""
        if position is None:
            return 0
        rest = printed_length(self.pieces[position.group].text[position.offset:])
        return rest + sum(printed_length(piece.text) for piece in self.pieces[position.group + 1:])
