"""Copyfit in characters (算字): how many characters to cut or to add so that
a block is exactly full, as a layout editor asks for them ("差 37 字 ≈ 3 行").

The figures are found, not estimated: the block's text is flowed again with
characters appended to its last paragraph (underset) or cut from its end
(overset) until the boundary is found where one more character would not
fit.  So adding exactly the characters reported fills the block and one
more oversets it by one; whatever moves on the way (a section lead that
goes to the next column with its text, a QR code, a jump line) is accounted
for because the real flow is run.

Per column the report gives the white left at its foot and the characters
of that column's measure that would fill it; white that text added at the
end cannot fill (a lead that went on to the next column) says why.

The search starts from a guess: in a cold build, the characters the
columns hold less where the text ends.  A warm process (watch) keeps each
block's last figure (``KeptFigures``): the figure of an edited block is
first looked for where the old one, moved by the room the edit took (or the
characters it added), says it is, and two flows confirm it (that many
characters fit, one more does not).  A guess only says where to start
looking: one that is wrong is found out by those two flows, and the search
goes on from there as without it.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum

from .aids import OneLineCut
from .flow import FlowPosition, FlowResult, GroupKind, Slot, flow
from .kept import KeptByBuild
from .setting import BodySetter, printed_length

# Appended to find how many characters fill a block: an ideograph, one em
# wide on the grid, that may start or end a line.
FILLER = "国"
# Room on a line (em) below which no further character fits.
ROOM_TOLERANCE_EM = 1e-6


class FitState(str, Enum):
    FULL = "full"              # exactly full
    UNDER = "under"            # white left: characters to add
    OVER = "over"              # text that does not fit: characters to cut
    CONTINUES = "continues"    # the rest goes on at a jump (转版)


@dataclass
class ColumnFit:
    """One body column: lines it holds, the white at its foot and the
    characters of its measure that would fill that white."""
    column: int                 # 1-based, in the block's reading order
    chars_per_line: int
    lines_used: int
    white_lines: int
    characters: int             # that would fill the white (and the last line's room)
    reason: str = ""            # why white stands here when text added at the end would not fill it
    # The white on the page (left, top, right, bottom; pt from the trim's
    # top-left): under the text, and under a QR code kept at the foot.
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class CopyFit:
    state: FitState
    over: int = 0               # characters to cut (from the end) for the block to hold all its text
    under: int = 0              # characters to add (at the end) to fill the block exactly
    chars_per_line: int = 0     # at the measure of the block's last column
    columns: list[ColumnFit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stop: tuple[float, float, float] | None = None   # where the text stops: x, top, bottom (pt from trim)
    aids: list[str] = field(default_factory=list)     # fitting aids the layout turned on that were used
    cuts: list[OneLineCut] = field(default_factory=list)   # short last lines whose cut saves a line

    @property
    def lines(self) -> int:
        """≈ lines the figure makes at the last column's measure: text over
        takes a whole line for any part of one; white is counted to the nearest line."""
        if not self.chars_per_line or not (self.over or self.under):
            return 0
        if self.over:
            return math.ceil(self.over / self.chars_per_line)
        return max(1, round(self.under / self.chars_per_line))

    def summary(self) -> str:
        """The figure as editors say it: 差 37 字 ≈ 3 行, 超 12 字 ≈ 1 行, 满."""
        if self.state is FitState.OVER:
            return f"超 {self.over} 字 ≈ {self.lines} 行"
        if self.state is FitState.UNDER:
            return f"差 {self.under} 字 ≈ {self.lines} 行"
        return "转版" if self.state is FitState.CONTINUES else "满"


@dataclass(frozen=True)
class FitRun:
    """What the block's flow was run with, so it can be run again with more or less text."""
    setter: BodySetter
    slots: list[Slot]
    start: FlowPosition
    body_size: float


@dataclass(frozen=True)
class KeptFigure:
    """A block's figure as a build found it, with the printed characters its
    text had and where that text ended (``_end``)."""
    under: int
    over: int
    characters: int
    end: int | None

    def guess(self, characters: int, end: int | None) -> int:
        """Characters to add now (less than 0: to cut).  Text that fitted and
        fits: less by how much further the text now ends (a paragraph the
        edit made a line longer takes the whole line).  Otherwise: less by
        the characters the edit added."""
        if self.end is not None and end is not None:
            return self.under - (end - self.end)
        return self.under - self.over - (characters - self.characters)


class KeptFigures(KeptByBuild[KeptFigure]):
    """Each block's figure from the last build and this one, by the block's
    body columns (their place, measure and lines) and where its text starts
    in them.  Only what the latest build found is kept."""

    def get(self, run: FitRun) -> KeptFigure | None:
        return self._find(_block_key(run))

    def keep(self, run: FitRun, figure: KeptFigure) -> None:
        self._keep(_block_key(run), figure)


def _block_key(run: FitRun) -> tuple:
    return tuple(run.slots), run.start, run.body_size


def copyfit(run: FitRun, result: FlowResult, last_used: list[int], foot_lines: int, continues: bool,
            line_box: Callable[[int, int], tuple[float, float]]) -> CopyFit:
    """The block's copyfit.  ``result`` is the flow as composed, ``last_used``
    the last grid line holding text in each column, ``foot_lines`` the lines
    kept at the last column's foot (a jump line, the overset mark);
    ``line_box(first, last)`` gives the top and bottom (pt) of grid lines.
    Inside ``KeptFigures.build()`` the block's last figure is where the search
    starts, and the figure found is kept for the next build."""
    columns = _columns(run, result, last_used, foot_lines, line_box)
    fit = CopyFit(FitState.FULL, chars_per_line=_chars(run.slots[-1].measure, run.body_size), columns=columns)
    if result.placements:
        last = result.placements[-1]
        slot = run.slots[last.slot]
        top, bottom = line_box(last.grid_line, last.grid_line + run.setter.span(last.group) - 1)
        fit.stop = (slot.x + last.line.line.width * run.setter.pieces[last.group].style.size, top, bottom)
    if continues:
        fit.state = FitState.CONTINUES
    else:
        kept = KeptFigures.active()
        figure = _search(run, columns, kept.get(run) if kept is not None else None)
        fit.state = FitState.OVER if figure.over else FitState.UNDER if figure.under else FitState.FULL
        fit.under, fit.over = figure.under, figure.over
        if kept is not None:
            kept.keep(run, figure)
    stranded = [column for column in columns if column.reason]
    for column in stranded:
        fit.notes.append(f"column {column.column}: {column.white_lines} line(s) white ({column.characters} "
                         f"characters would fill them): {column.reason}")
    return fit


def _search(run: FitRun, columns: list[ColumnFit], previous: KeptFigure | None) -> KeptFigure:
    """Characters to add or to cut, searched for from the block's ``previous``
    figure if it has one, else from the columns' capacity less where the text ends."""
    full = flow(run.setter, run.slots, max(slot.last_line for slot in run.slots), run.start)  # at full depth
    characters, end = run.setter.characters_from(run.start), _end(run, full)
    guess = previous.guess(characters, end) if previous is not None else None
    if full.stop is None:   # it all fits (then balanced too: balancing only looks for a shallower depth)
        white = sum(column.characters for column in columns if not column.reason)
        first = guess if guess is not None else _capacity(run) - (end or 0)
        return KeptFigure(_under(run, white, max(first, 0)), 0, characters, end)
    first = max(-guess, 1) if guess is not None else run.setter.characters_from(full.stop)
    return KeptFigure(0, _over(run, first), characters, end)


def _chars(measure: float, body_size: float) -> int:
    return int(measure / body_size + ROOM_TOLERANCE_EM)


def _columns(run: FitRun, result: FlowResult, last_used: list[int], foot_lines: int,
             line_box: Callable[[int, int], tuple[float, float]]) -> list[ColumnFit]:
    """White at each column's foot; a column left short because the lead
    that follows went on to the next column says so."""
    first_in: dict[int, int] = {}
    for placement in result.placements:
        first_in.setdefault(placement.slot, placement.group)
    last_slot = result.placements[-1].slot if result.placements else -1
    columns = []
    for index, (slot, used) in enumerate(zip(run.slots, last_used)):
        # Under the text down to where the flow stopped, then what a QR code
        # (and at the last column a jump line or the overset mark) leaves below it.
        kept = slot.reserved_foot + (foot_lines if index == len(run.slots) - 1 else 0)
        bottom = result.slot_bottoms[index]
        spans = [(used + 1, bottom), (bottom + kept + 1, slot.last_line)]
        spans = [(first, last) for first, last in spans if first <= last]
        white = sum(last - first + 1 for first, last in spans)
        chars = _chars(slot.measure, run.body_size)
        characters = white * chars
        if index == last_slot:
            characters += _room(run, result)
        reason = ""
        following = first_in.get(index + 1)
        if white and index < last_slot and following is not None \
                and run.setter.kind(following) is GroupKind.LEAD:
            reason = (f"the section lead “{run.setter.pieces[following].text}” cannot stand at this column's "
                      f"foot with the lines it keeps, so it went on to column {index + 2} with its text")
        boxes = [(slot.x, *line_box(first, last), slot.x + slot.measure) for first, last in spans]
        columns.append(ColumnFit(index + 1, chars, used - slot.first_line + 1, white, characters, reason,
                                 [(left, top, right, foot) for left, top, foot, right in boxes]))
    return columns


def _room(run: FitRun, result: FlowResult) -> int:
    """Whole characters more the last line set could take."""
    last = result.placements[-1]
    style = run.setter.pieces[last.group].style
    measure_em = run.slots[last.slot].measure / style.size
    line = last.line.line
    return max(0, int(measure_em - line.indent - line.width + ROOM_TOLERANCE_EM)) if line.glyphs else 0


def _fits(run: FitRun, setter: BodySetter) -> bool:
    """Whether all the text fits the block's columns at their full depth
    (then it fits balanced too: balancing only looks for a shallower depth)."""
    deepest = max(slot.last_line for slot in run.slots)
    return flow(setter, run.slots, deepest, run.start).stop is None


def _capacity(run: FitRun) -> int:
    """Where text that filled the block would end (as ``_end`` counts).  Less
    where the text ends, the first guess of a cold build (the sample's
    chenzhou: 143 for 差 145, 4 flows to find it; the white at the column
    feet, 130, took 8)."""
    return sum(_held(run, slot) for slot in run.slots)


def _held(run: FitRun, slot: Slot) -> int:
    """The characters of the column's measure its lines hold, less the lines kept at its foot (a QR code)."""
    return (slot.last_line - slot.first_line + 1 - slot.reserved_foot) * _chars(slot.measure, run.body_size)


def _end(run: FitRun, full: FlowResult) -> int | None:
    """Where the text ends when flowed at the columns' full depth, counted in
    characters of each column's measure from the block's first line, less
    the room its last line leaves (None when it does not all fit)."""
    if full.stop is not None:
        return None
    if not full.placements:
        return 0
    last = full.placements[-1]
    before = sum(_held(run, slot) for slot in run.slots[:last.slot])
    slot = run.slots[last.slot]
    lines = last.grid_line + run.setter.span(last.group) - slot.first_line
    return before + lines * _chars(slot.measure, run.body_size) - _room(run, full)


def _under(run: FitRun, white: int, guess: int) -> int:
    """The most characters that can be added at the end of the last paragraph,
    searched for from ``guess``; with no paragraph to add to, the ``white``
    the columns leave."""
    setter = run.setter
    paragraph = next((group for group in range(setter.count() - 1, -1, -1)
                      if setter.kind(group) is GroupKind.PARAGRAPH and group >= run.start.group), None)
    if paragraph is None:
        return white
    piece = setter.pieces[paragraph]

    def overflows(count: int) -> bool:  # adding count + 1 characters does not fit
        longer = replace(piece, text=piece.text + FILLER * (count + 1))
        return not _fits(run, setter.with_piece(paragraph, longer))

    capacity = sum((slot.last_line - slot.first_line + 1) * (_chars(slot.measure, run.body_size) + 1)
                   for slot in run.slots)
    return _first_true(overflows, guess, capacity)


def _over(run: FitRun, guess: int) -> int:
    """The fewest characters to cut from the end of the text for all of it
    to fit, searched for from ``guess``."""
    setter = run.setter
    return _first_true(lambda count: _fits(run, _cut(setter, run.start, count)), guess,
                       setter.characters_from(run.start))


def _cut(setter: BodySetter, start: FlowPosition, count: int) -> BodySetter:
    """The text with its last ``count`` printed characters cut (whole pieces
    dropped from the end first)."""
    group = setter.count() - 1
    while group > start.group and count >= printed_length(setter.pieces[group].text):
        count -= printed_length(setter.pieces[group].text)
        group -= 1
    piece = setter.pieces[group]
    keep = len(piece.text)
    while count > 0 and keep > 0:
        keep -= 1
        if not piece.text[keep].isspace():
            count -= 1
    keep = max(keep, start.offset if group == start.group else 0)
    return setter.with_piece(group, replace(piece, text=piece.text[:keep]), last=True)


def _first_true(ok: Callable[[int], bool], guess: int, limit: int) -> int:
    """The smallest n in [0, limit] with ok(n), for ok false then true as n
    grows (ok(limit) is taken as true); searched from ``guess`` outwards."""
    guess = min(max(guess, 0), limit)
    step = 1
    if ok(guess):
        high, low = guess, -1
        while high - step >= 0:
            if not ok(high - step):
                low = high - step
                break
            high -= step
            step *= 2
    else:
        low, high = guess, limit
        while low + step < limit:
            if ok(low + step):
                high = low + step
                break
            low += step
            step *= 2
    while high - low > 1:
        middle = (low + high) // 2
        if ok(middle):
            high = middle
        else:
            low = middle
    return high
