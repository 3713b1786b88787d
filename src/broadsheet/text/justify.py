"""Turn chosen breaks into set lines: every glyph's position, in em.

Compression comes first, in clreq's order (§3.8 / GB/T 15834 §5.1.10):
line-end mark to half width (already done by the breaker's measure), Western
spaces to ¼ em, brackets, interpuncts and ，、； to ½ em, the CJK–Latin gap
to ⅛ em, and 。？！： last.  Expansion then widens Western spaces to ½ em,
CJK–Latin gaps to ½ em, and finally every remaining gap evenly (never inside
an inseparable or a Western word).  A pure-Han line that needs no
adjustment keeps every character on the em grid.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from .classes import COMMA_LIKE, DEFAULT_PROHIBITION, IDEOGRAPHIC_SPACE, CharClass, Prohibition
from .faces import Faces
from .linebreak import EPSILON_EM, Measure, break_lines
from .metrics import FontMetrics
from .western import HYPHEN
from .prepare import (JOIN_GAP, JOIN_MIXED, MIXED_GAP_MAX_EM, MIXED_GAP_MIN_EM, SPACE_MAX_EM,
                      SPACE_MIN_EM, PreparedText, prepare)


# A line longer than its measure by more than this is reported overfull.
OVERFULL_TOLERANCE_EM = 1e-6


@dataclass(frozen=True)
class Glyph:
    """One character placed on a line: its pen position and the box it fills (em)."""
    char: str
    x: float        # where the glyph's origin goes
    box_left: float  # the part of the line this character owns
    box_right: float
    index: int      # position in the paragraph text
    face: int = 0   # which of the paragraph's faces sets it (0: its own)
    inserted: bool = False  # a hyphen the breaker added (not in the text)


@dataclass(frozen=True)
class SetLine:
    glyphs: tuple[Glyph, ...]
    start: int
    end: int
    indent: float       # em before the first box
    width: float        # em from the line start to the last box's right edge
    overfull: bool
    ragged: bool = False  # set flush left though not a paragraph's last line (a broken URL)

    @property
    def text(self) -> str:
        """The paragraph's characters on this line (an added hyphen is not one)."""
        return "".join(glyph.char for glyph in self.glyphs if not glyph.inserted)

    @property
    def printed_text(self) -> str:
        """What the line shows: an added hyphen included, an ideographic space
        dropped at the line's edge left out."""
        return "".join(glyph.char for glyph in self.glyphs
                       if not (glyph.char == IDEOGRAPHIC_SPACE and glyph.box_right <= glyph.box_left))


class SetLines(Sequence[SetLine]):
    """A paragraph's lines: broken at once, each justified when first read.

    Breaking is the cheap, whole-paragraph decision; placing every glyph is
    the costly part, and a column that takes twenty lines of a long
    paragraph should not pay for the thousands that follow (overset text is
    only counted)."""

    def __init__(self, prepared: PreparedText, metrics: FontMetrics, measure: Measure, breaks: list[int]):
        self._prepared, self._metrics, self._measure = prepared, metrics, measure
        self._starts = [0, *breaks[:-1]]
        self._ends = breaks
        self._set: dict[int, SetLine] = {}

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> SetLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[SetLine]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index not in self._set:
            self._set[index] = justify_line(self._prepared, self._metrics, self._starts[index], self._ends[index],
                                            self._measure)
        return self._set[index]

    def line_starting_at(self, offset: int) -> int | None:
        """The index of the line that starts at character ``offset``, if any."""
        index = bisect_left(self._starts, offset)
        return index if index < len(self._starts) and self._starts[index] == offset else None


def set_paragraph(text: str, metrics: FontMetrics, measure: Measure,
                  prohibition: Prohibition = DEFAULT_PROHIBITION, hanging: bool = False,
                  faces: Faces | None = None) -> SetLines:
    """Break one paragraph (``faces``: its runs in other faces); its lines are
    justified as they are read."""
    prepared = prepare(text, metrics, prohibition, hanging, faces)
    return SetLines(prepared, metrics, measure, break_lines(prepared, measure))


def justify_line(prepared: PreparedText, metrics: FontMetrics, a: int, b: int, measure: Measure) -> SetLine:
    """Place the characters a..b-1 on a line of the given measure."""
    last = b == prepared.length
    ragged = prepared.ragged[b] and not last
    hyphen = prepared.hyphen[b] and not last
    available = measure.available(a)
    indent = measure.line_em - available
    e = b - 1
    count = b - a
    left_cut = prepared.cut_left[a:b]
    right_cut = prepared.cut_right[a:b]
    left_cut[0] = prepared.line_start_cut(a)
    right_cut[-1] = prepared.line_end_cut(e)
    gaps = prepared.gap[a:e]
    widths = prepared.width[a:b]
    _drop_trailing_ideographic_spaces(prepared, a, b, widths, right_cut)
    natural = sum(widths) - sum(left_cut) - sum(right_cut) + sum(gaps)
    if hyphen:
        natural += prepared.hyphen_width[b]
    hang_width, _ = prepared.hang(e)
    if hang_width and natural - _shrink_total(prepared, a, b, left_cut, right_cut) > available + EPSILON_EM:
        # 标点悬挂: the mark sits just outside the measure, the line stays flush.
        right_cut[-1] = widths[-1] - left_cut[-1]
        natural -= hang_width
    slack = available - natural
    extra = [0.0] * max(count - 1, 0)  # even expansion per junction
    if slack < -EPSILON_EM:
        _compress(prepared, a, b, -slack, widths, left_cut, right_cut, gaps)
    elif slack > EPSILON_EM and not last and not ragged:
        _expand(prepared, a, b, slack, widths, left_cut, right_cut, gaps, extra)

    glyphs = []
    x = indent
    text, classes, faces = prepared.text, prepared.classes, prepared.faces
    for offset in range(count):
        i = a + offset
        char = text[i]
        box = widths[offset] - left_cut[offset] - right_cut[offset]
        if classes[i] is CharClass.SPACE and offset == count - 1:
            box = 0.0
        face = faces.of_char[i] if faces is not None else 0
        face_metrics = faces.metrics[face] if faces is not None else metrics
        glyphs.append(Glyph(char, x - left_cut[offset] + face_metrics.draw_offset(char), x, x + box, i, face))
        x += box
        if offset < count - 1:
            x += gaps[offset] + extra[offset]
    if hyphen:
        face = prepared.faces.of_char[e] if prepared.faces is not None else 0
        glyphs.append(Glyph(HYPHEN, x, x, x + prepared.hyphen_width[b], e, face, inserted=True))
        x += prepared.hyphen_width[b]
    return SetLine(tuple(glyphs), a, b, indent, x,
                   overfull=x > measure.line_em + OVERFULL_TOLERANCE_EM, ragged=ragged)


def _drop_trailing_ideographic_spaces(prepared: PreparedText, a: int, b: int, widths, right_cut) -> None:
    """Ideographic spaces ending a line vanish, the whole run (as a space does)."""
    offset = b - 1 - a
    if prepared.classes[b - 1] is not CharClass.IDEOGRAPHIC_SPACE:
        return
    right_cut[offset] = 0.0
    while offset >= 0 and prepared.classes[a + offset] is CharClass.IDEOGRAPHIC_SPACE:
        widths[offset] = 0.0
        offset -= 1


def _shrink_tiers(prepared: PreparedText, a: int, b: int):
    """Compressible amounts by clreq priority: (kind, offset, capacity) lists."""
    spaces, brackets, mixed, stops = [], [], [], []
    for offset, i in enumerate(range(a, b)):
        cls = prepared.classes[i]
        if cls is CharClass.SPACE and i != b - 1:
            spaces.append(("space", offset, prepared.width[i] - SPACE_MIN_EM))
        elif cls in (CharClass.OPENING_BRACKET, CharClass.CLOSING_BRACKET, CharClass.INTERPUNCT) \
                or prepared.text[i] in COMMA_LIKE:
            brackets.append(("mark", offset, 0.0))
        elif cls is CharClass.PAUSE_OR_STOP or cls is CharClass.RATIO:
            stops.append(("mark", offset, 0.0))  # 。？！： and the ratio sign of 3∶1, last
    for offset, k in enumerate(range(a, b - 1)):
        if prepared.join[k] == JOIN_MIXED:
            mixed.append(("gap", offset, prepared.gap[k] - MIXED_GAP_MIN_EM))
    return [spaces, brackets, mixed, stops]


def _shrink_total(prepared, a, b, left_cut, right_cut) -> float:
    total = 0.0
    for tier in _shrink_tiers(prepared, a, b):
        for kind, offset, capacity in tier:
            if kind == "mark":
                i = a + offset
                left_room, right_room = _mark_room(prepared, i, left_cut[offset], right_cut[offset])
                total += left_room + right_room
            else:
                total += capacity
    return total


def _mark_room(prepared: PreparedText, i: int, left_cut: float, right_cut: float) -> tuple[float, float]:
    """Blank a mark may still give up on each side: what is left of its blank,
    never the side it shares with a compressed neighbour mark."""
    return (max(0.0, min(prepared.blank_left[i] - left_cut, prepared.squeeze_left[i])),
            max(0.0, min(prepared.blank_right[i] - right_cut, prepared.squeeze_right[i])))


def _compress(prepared, a, b, deficit, widths, left_cut, right_cut, gaps) -> None:
    for tier in _shrink_tiers(prepared, a, b):
        if deficit <= EPSILON_EM:
            return
        items = []
        for kind, offset, capacity in tier:
            if kind == "mark":
                i = a + offset
                left_room, right_room = _mark_room(prepared, i, left_cut[offset], right_cut[offset])
                items.append((kind, offset, left_room, right_room))
            else:
                items.append((kind, offset, capacity, 0.0))
        total = sum(left + right for _, _, left, right in items)
        if total <= 0:
            continue
        share = min(1.0, deficit / total)
        for kind, offset, left, right in items:
            if kind == "mark":
                left_cut[offset] += left * share
                right_cut[offset] += right * share
            elif kind == "space":
                widths[offset] -= left * share
            else:
                gaps[offset] -= left * share
        deficit -= total * share


def _expand(prepared, a, b, slack, widths, left_cut, right_cut, gaps, extra) -> None:
    space_offsets = [o for o, i in enumerate(range(a, b - 1)) if prepared.classes[i] is CharClass.SPACE]
    mixed_offsets = [o for o, k in enumerate(range(a, b - 1)) if prepared.join[k] == JOIN_MIXED]
    for offsets, room, target in ((space_offsets, widths, SPACE_MAX_EM), (mixed_offsets, gaps, MIXED_GAP_MAX_EM)):
        capacity = sum(max(0.0, target - room[o]) for o in offsets)
        if capacity <= 0 or slack <= EPSILON_EM:
            continue
        share = min(1.0, slack / capacity)
        for o in offsets:
            room[o] += max(0.0, target - room[o]) * share
        slack -= capacity * share
    if slack <= EPSILON_EM:
        return
    # What is left goes evenly into the ideograph gaps, not the CJK–Latin gaps
    # (they stay at ½ em: clreq §3.8), never next to a character that takes no
    # room (a dropped ideographic space).
    boxes = [widths[o] - left_cut[o] - right_cut[o] for o in range(b - a)]
    expandable = [o for o, k in enumerate(range(a, b - 1))
                  if prepared.join[k] == JOIN_GAP and boxes[o] > 0 and boxes[o + 1] > 0]
    if not expandable:
        # A line with no ideograph gap (a Western word and a character or two,
        # or one inseparable): letter-space it rather than leave a ragged edge
        # in a justified column; its CJK–Latin gaps stay at ½ em.
        expandable = [o for o, k in enumerate(range(a, b - 1)) if prepared.join[k] != JOIN_MIXED]
    if not expandable:
        expandable = list(range(b - 1 - a))
    for o in expandable:
        extra[o] += slack / len(expandable)
