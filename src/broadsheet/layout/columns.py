"""A block's body columns: basic columns (基本栏), broken columns (破栏) and
the white kept inside a box.

Each rectangle of a block is divided into equal columns of whole characters:
its basic columns unless the layout breaks it into ``body_columns``.  Editors
count a long column of n basic columns as 13n + (n − 1) characters; a broken
column divides that span by k, and the characters left over widen the
gutters evenly, so every column keeps the same measure and the span keeps its
edges (五破三: (69 − 2) / 3 = 22 remainder 1 → three columns of 22
characters with gutters of 1½).  Inside a box the span first loses a
character of white at each boxed side.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.page import BlockSpec, FrameRect
from .flow import Slot
from .geometry import Box, PageGeometry

# Inside a box (框) text keeps one body character clear of the rule at the
# sides and one grid line at the top and foot.
BOX_INSET_CHARS = 1
BOX_INSET_LINES = 1
# Grid lines of white between a picture's area (its caption's last line) and the text round it.
STANDOFF_LINES = 1


@dataclass(frozen=True)
class Insets:
    """White kept inside a box along each side of one rectangle (characters, lines)."""
    left: int = 0
    right: int = 0
    top: int = 0
    bottom: int = 0


@dataclass(frozen=True)
class HeadArea:
    """Where a block's title area stands: a page box, from a grid line, for whole lines."""
    box: Box
    first_line: int
    lines: int

    def covers_column(self, x: float, width: float, first_line: int) -> bool:
        """Whether a column starting at ``first_line`` runs into the area (a
        picture over the title, 压题图, may stand between them)."""
        return self.lines > 0 and first_line <= self.first_line and self.box.overlaps_x(x, x + width)


def holds(spec: BlockSpec, column: int, line: int) -> bool:
    return any(rect.holds(column, line) for rect in spec.rects)


def insets(spec: BlockSpec, rect: FrameRect) -> Insets:
    """A boxed side of a rectangle is one the block does not continue across."""
    if not spec.box:
        return Insets()
    lines = range(rect.first_line, rect.last_line + 1)
    columns = range(rect.first_column, rect.last_column + 1)
    return Insets(
        left=0 if all(holds(spec, rect.first_column - 1, line) for line in lines) else BOX_INSET_CHARS,
        right=0 if all(holds(spec, rect.last_column + 1, line) for line in lines) else BOX_INSET_CHARS,
        top=0 if all(holds(spec, column, rect.first_line - 1) for column in columns) else BOX_INSET_LINES,
        bottom=0 if all(holds(spec, column, rect.last_line + 1) for column in columns) else BOX_INSET_LINES,
    )


def column_lefts(geometry: PageGeometry, rect: FrameRect, inset: Insets) -> tuple[list[float], float]:
    """Left edges of the rectangle's body columns and their common measure (pt)."""
    grid = geometry.grid
    span_chars = grid.span_chars(rect.columns) - inset.left - inset.right
    count = rect.body_columns or rect.columns
    chars, gutter_chars = grid.broken_columns(span_chars, count)
    left = geometry.column_x(rect.first_column) + inset.left * grid.body_size
    step = (chars + gutter_chars) * grid.body_size
    return [left + k * step for k in range(count)], chars * grid.body_size


def body_slots(spec: BlockSpec, geometry: PageGeometry, head: HeadArea | None) -> list[Slot]:
    """The block's body columns in reading order: rectangle by rectangle,
    left to right; a column under the title area starts below it, and a
    column a picture stands in (图文绕排) is cut into the part above the
    picture and the part below it, each kept ``STANDOFF_LINES`` clear."""
    per_rect: list[list[Slot]] = []
    for frame, rect in enumerate(spec.rects):
        slots: list[Slot] = []
        per_rect.append(slots)
        inset = insets(spec, rect)
        lefts, measure = column_lefts(geometry, rect, inset)
        first, last = rect.first_line + inset.top, rect.last_line - inset.bottom
        for x in lefts:
            blocked = [(picture.first_line - STANDOFF_LINES, picture.last_line + STANDOFF_LINES)
                       for picture in picture_areas(spec, geometry) if picture.box.overlaps_x(x, x + measure)]
            if head is not None and head.covers_column(x, measure, first):
                blocked.append((first, head.first_line + head.lines - 1))
            slots.extend(Slot(x, measure, top, bottom, frame=frame) for top, bottom in _free(first, last, blocked))
    return _reading_order(spec, geometry, per_rect)


def stands_under(lower: FrameRect, upper: FrameRect) -> bool:
    """A lower leg: below ``upper`` and within its columns (a stacked L)."""
    return (lower.first_line > upper.last_line and upper.first_column <= lower.first_column
            and lower.last_column <= upper.last_column)


def _reading_order(spec: BlockSpec, geometry: PageGeometry, per_rect: list[list[Slot]]) -> list[Slot]:
    """Rectangle by rectangle, each one's columns left to right; a lower leg
    (a rectangle under an earlier one) is read right after the columns that
    stand above it, before the columns beside them.  Runs of columns of one
    rectangle in that order are numbered as frames, so only the last run is
    balanced."""
    order: list[Slot] = []
    for index, (rect, slots) in enumerate(zip(spec.rects, per_rect)):
        upper = next((k for k, other in enumerate(spec.rects[:index]) if stands_under(rect, other)), None)
        left, right = geometry.column_x(rect.first_column), geometry.column_right(rect.last_column)
        above = [k for k, slot in enumerate(order) if upper is not None and slot.frame == upper
                 and slot.x < right and left < slot.x + slot.measure]
        at = max(above) + 1 if above else len(order)
        order[at:at] = slots
    run = 0
    numbered = []
    for position, slot in enumerate(order):
        if position and slot.frame != order[position - 1].frame:
            run += 1
        numbered.append(replace(slot, frame=run))
    return numbered


def _free(first: int, last: int, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of lines from ``first`` to ``last`` that no blocked span covers."""
    runs, top = [], first
    for start, end in sorted(blocked):
        if start > top:
            runs.append((top, min(start - 1, last)))
        top = max(top, end + 1)
    if top <= last:
        runs.append((top, last))
    return [(start, end) for start, end in runs if start <= end]


@dataclass(frozen=True)
class PictureArea:
    """A picture's area in a block: its page box and grid lines."""
    box: Box
    first_line: int
    last_line: int


def picture_areas(spec: BlockSpec, geometry: PageGeometry) -> list[PictureArea]:
    return [PictureArea(geometry.box(picture.rect), picture.rect.first_line, picture.rect.last_line)
            for picture in spec.pictures]


def head_area(spec: BlockSpec, geometry: PageGeometry, lines: int) -> HeadArea:
    """The title area: ``spec.head.columns`` columns from the first rectangle's
    first column (less a box's white), from its top, ``lines`` grid lines deep."""
    first = spec.rects[0]
    last_column = first.first_column + spec.head.columns - 1
    inset = insets(spec, first)
    body = geometry.grid.body_size
    right_inset = BOX_INSET_CHARS if spec.box and not holds(spec, last_column + 1, first.first_line) else 0
    top = first.first_line + inset.top
    left, right = geometry.column_x(first.first_column), geometry.column_right(last_column)
    for picture in picture_areas(spec, geometry):   # 压题图: a picture whose lines come first
        if picture.first_line <= top and picture.box.overlaps_x(left, right):
            top = max(top, picture.last_line + 1 + STANDOFF_LINES)
    box = Box(geometry.column_x(first.first_column) + inset.left * body, geometry.line_top(top),
              geometry.column_right(last_column) - right_inset * body, geometry.line_top(top + lines))
    return HeadArea(box, top, lines)


def slot_at_column(slots: list[Slot], geometry: PageGeometry, column: int | None) -> int | None:
    """The body column standing over basic column ``column`` (None: the
    block's last); of two (a stepped block), the later in reading order."""
    if not slots:
        return None
    if column is None:
        return len(slots) - 1
    centre = (geometry.column_x(column) + geometry.column_right(column)) / 2
    distances = [0.0 if slot.x <= centre <= slot.x + slot.measure else
                 min(abs(centre - slot.x), abs(centre - slot.x - slot.measure)) for slot in slots]
    nearest = min(distances)
    return max(index for index, distance in enumerate(distances) if distance == nearest)
