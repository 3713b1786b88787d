"""Flow an article's lines through its columns on the baseline grid.

Every line takes whole grid lines, so lines align across all columns of the
page.  Lines are set on demand at the measure of the column they land in:
a paragraph that runs from a broken column (破栏) into a basic one is set
again, from the first character that did not fit, at the new measure.

A section lead (小标题) takes whole lines, with a blank line above it unless
it heads a column, and never stands at a column foot: it moves on unless at
least two lines of the paragraph after it follow it in the same column.
Columns are balanced by finding the shallowest common depth that holds
everything, which leaves any shortfall at the foot of the last column.  In
a block of several rectangles (L-shaped, stepped) only the last rectangle's
columns are balanced: the earlier ones are filled to their feet.
A table moves to the head of the next column rather than break across two.
A flow that runs out of columns stops at a position from which another
block (a jump's continuation, 转版) can carry on.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from ..text.justify import SetLine


class GroupKind(Enum):
    BYLINE = "byline"
    LEAD = "lead"
    PARAGRAPH = "paragraph"
    TABLE = "table"         # kept whole in one column when a column can hold it


# A lead keeps this many lines of the paragraph after it in its column.
LEAD_KEEP_WITH_NEXT_LINES = 2
# Blank grid lines above a lead that does not head a column.
LEAD_SPACE_ABOVE_LINES = 1


@dataclass(frozen=True)
class Slot:
    """One column of a block's body: left edge and measure (pt), grid lines."""
    x: float
    measure: float
    first_line: int
    last_line: int
    reserved_foot: int = 0   # lines kept free at the foot (a QR code)
    frame: int = 0           # the block rectangle it belongs to


@dataclass(frozen=True)
class FlowLine:
    """A set line and the characters of its group it holds (start, end)."""
    line: SetLine
    start: int
    end: int


@dataclass(frozen=True)
class FlowPosition:
    """Where a flow stopped: the first character of group ``group`` not yet set."""
    group: int
    offset: int


START = FlowPosition(0, 0)


class LineSource(Protocol):
    """The article's groups (byline, paragraphs, leads), set on demand."""

    def count(self) -> int: ...

    def kind(self, group: int) -> GroupKind: ...

    def span(self, group: int) -> int:
        """Grid lines each set line of the group takes."""

    def lines(self, group: int, offset: int, measure: float) -> Sequence[FlowLine]:
        """The group's text from ``offset`` set at ``measure`` (pt)."""


@dataclass(frozen=True)
class Placement:
    group: int
    line: FlowLine
    slot: int
    grid_line: int         # the first of the group's ``span`` lines


@dataclass
class FlowResult:
    placements: list[Placement]
    stop: FlowPosition | None        # the first character that found no room; None: all set
    slot_bottoms: list[int]          # last grid line each slot could take


def flow(source: LineSource, slots: list[Slot], depth: int, start: FlowPosition = START,
         foot_lines: int = 0) -> FlowResult:
    """Fill the slots in order, those of the last rectangle down to ``depth``
    (a grid line), keeping ``foot_lines`` free at the foot of the last slot
    (a jump line, an overset mark)."""
    last_frame = slots[-1].frame if slots else 0
    bottoms = [_cut(slot, depth if slot.frame == last_frame else slot.last_line) - slot.reserved_foot
               for slot in slots]
    if bottoms:
        bottoms[-1] -= foot_lines
    cursor = _Cursor(slots, bottoms)
    placements: list[Placement] = []
    for group in range(start.group, source.count()):
        offset = start.offset if group == start.group else 0
        span = source.span(group)
        if not cursor.open:
            return FlowResult(placements, FlowPosition(group, offset), bottoms)
        lines = source.lines(group, offset, cursor.measure)
        if source.kind(group) is GroupKind.LEAD and offset == 0:
            lines = _keep_lead_with_next(source, group, lines, cursor)
            if not cursor.open:
                return FlowResult(placements, FlowPosition(group, 0), bottoms)
        if source.kind(group) is GroupKind.TABLE and offset == 0:
            lines = _keep_whole(source, group, lines, cursor)
        index = 0
        while index < len(lines):
            if not cursor.fits(span):
                measure = cursor.measure
                cursor.next_slot()
                if not cursor.open:
                    return FlowResult(placements, FlowPosition(group, lines[index].start), bottoms)
                if cursor.measure != measure:
                    lines, index = source.lines(group, lines[index].start, cursor.measure), 0
                continue
            placements.append(Placement(group, lines[index], cursor.slot, cursor.line))
            cursor.line += span
            index += 1
    return FlowResult(placements, None, bottoms)


def _cut(slot: Slot, depth: int) -> int:
    """The last grid line a slot takes at ``depth``: never so shallow that its
    reserved foot (a QR code) would rise above its first line."""
    return max(min(slot.last_line, depth), min(slot.last_line, slot.first_line - 1 + slot.reserved_foot))


def _keep_lead_with_next(source: LineSource, group: int, lines: Sequence[FlowLine],
                         cursor: _Cursor) -> Sequence[FlowLine]:
    """Move the cursor so the lead, its space above and the first lines of the
    next paragraph share one column; returns the lead's lines at that column's measure."""
    while True:
        following = 0
        if group + 1 < source.count():
            following = min(LEAD_KEEP_WITH_NEXT_LINES, len(source.lines(group + 1, 0, cursor.measure)))
        need = len(lines) * source.span(group) + following
        space = 0 if cursor.at_top else LEAD_SPACE_ABOVE_LINES
        if cursor.fits(space + need):
            cursor.line += space
            return lines
        if cursor.at_top:
            return lines  # a column too short for a lead and two lines: set it from the head regardless
        cursor.next_slot()
        if not cursor.open:
            return lines
        lines = source.lines(group, 0, cursor.measure)


def _keep_whole(source: LineSource, group: int, lines: Sequence[FlowLine], cursor: _Cursor) -> Sequence[FlowLine]:
    """A table starts in the next column rather than break across two, unless
    no column could hold it whole (then it breaks where it stands)."""
    while not cursor.at_top and not cursor.fits(len(lines) * source.span(group)):
        following = cursor.slot + 1
        if following >= len(cursor.slots) or \
                len(lines) * source.span(group) > cursor.bottoms[following] - cursor.slots[following].first_line + 1:
            return lines
        cursor.next_slot()
        lines = source.lines(group, 0, cursor.measure)
    return lines


class _Cursor:
    """The next free grid line of the current slot."""

    def __init__(self, slots: list[Slot], bottoms: list[int]):
        self.slots, self.bottoms = slots, bottoms
        self.slot = 0
        self.line = slots[0].first_line if slots else 0

    @property
    def open(self) -> bool:
        return self.slot < len(self.slots)

    @property
    def measure(self) -> float:
        return self.slots[self.slot].measure

    @property
    def at_top(self) -> bool:
        return self.line == self.slots[self.slot].first_line

    def fits(self, lines: int) -> bool:
        return self.line + lines - 1 <= self.bottoms[self.slot]

    def next_slot(self) -> None:
        self.slot += 1
        if self.open:
            self.line = self.slots[self.slot].first_line


def balanced_flow(source: LineSource, slots: list[Slot], balance: bool = True, start: FlowPosition = START,
                  foot_lines: int = 0) -> FlowResult:
    """The shallowest depth at which everything fits (balanced columns); if
    nothing fits even at full depth, the full-depth flow with where it stopped."""
    deepest = max(slot.last_line for slot in slots)
    full = flow(source, slots, deepest, start, foot_lines)
    if full.stop is not None or not balance:
        return full
    low = min(slot.first_line for slot in slots if slot.frame == slots[-1].frame)
    high = deepest
    while low < high:
        middle = (low + high) // 2
        if flow(source, slots, middle, start, foot_lines).stop is not None:
            low = middle + 1
        else:
            high = middle
    return flow(source, slots, low, start, foot_lines)
