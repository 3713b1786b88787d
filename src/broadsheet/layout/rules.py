"""Rules of the page: between neighbouring blocks, boxes round blocks (框),
and column rules (栏线) down the gutters between a block's columns."""
from __future__ import annotations

from itertools import pairwise

from ..model.page import BlockSpec, LayoutSpec
from .columns import holds
from .display import Fill, Rule
from .flow import FlowLine, Slot
from .geometry import Box, PageGeometry

BLOCK_RULE_WEIGHT = 0.75
BOX_RULE_WEIGHT = 1.0
COLUMN_RULE_WEIGHT = 0.25   # a hairline
# A data table: a thick rule (反线) over its header and under its last row, a
# thin one (正线) under the header.
TABLE_OUTER_RULE_WEIGHT = 1.0
TABLE_HEADER_RULE_WEIGHT = 0.5
# Rule segments whose ends lie closer than this (pt) touch, and are joined.
JOIN_TOLERANCE_PT = 1e-6


def block_rules(layout: LayoutSpec, geometry: PageGeometry) -> list[Rule]:
    """A rule between blocks that meet: across a shared gap line, or down a
    shared gutter.  A boxed block needs none: its box divides it."""
    owners = [(block.name, rect) for block in layout.blocks if not block.box for rect in block.rects]
    grid = geometry.grid
    rules = []
    for name, upper in owners:
        for other, lower in owners:
            if other == name:
                continue
            gap = lower.first_line - upper.last_line - 1
            first = max(upper.first_column, lower.first_column)
            last = min(upper.last_column, lower.last_column)
            if gap in (0, 1) and first <= last:
                y = geometry.line_top(upper.last_line + 1) + gap * grid.line_pitch / 2
                rules.append(Rule(geometry.column_x(first), y, geometry.column_right(last), y, BLOCK_RULE_WEIGHT))
            if lower.first_column == upper.last_column + 1:
                top = max(upper.first_line, lower.first_line)
                bottom = min(upper.last_line, lower.last_line)
                if top <= bottom:
                    x = geometry.column_x(lower.first_column) - grid.gutter / 2
                    rules.append(Rule(x, geometry.line_top(top), x, geometry.line_top(bottom + 1),
                                      BLOCK_RULE_WEIGHT))
    return rules


def box_rules(spec: BlockSpec, geometry: PageGeometry) -> list[Rule]:
    """The outline of the block's rectangles taken together (an L-shaped block
    gets an L-shaped box), along its columns' outer edges and line bands.

    The block is cut into bands across (each basic column, each gutter) and
    down (each grid line); a gutter belongs to the block where both columns
    beside it do.  The outline runs wherever a band of the block meets one
    outside it."""
    columns = range(min(r.first_column for r in spec.rects) - 1, max(r.last_column for r in spec.rects) + 2)
    lines = range(min(r.first_line for r in spec.rects) - 1, max(r.last_line for r in spec.rects) + 2)
    bands = []   # (left, right, holds(line)) across the page, left to right
    for column in columns:
        bands.append((geometry.column_x(column), geometry.column_right(column),
                      lambda line, c=column: holds(spec, c, line)))
        bands.append((geometry.column_right(column), geometry.column_x(column + 1),
                      lambda line, c=column: holds(spec, c, line) and holds(spec, c + 1, line)))
    across: list[tuple[float, float, float]] = []   # (y, x0, x1)
    for line in lines[1:]:
        y = geometry.line_top(line)
        across.extend((y, left, right) for left, right, inside in bands if inside(line - 1) != inside(line))
    down: list[tuple[float, float, float]] = []     # (x, y0, y1)
    for line in lines:
        top, bottom = geometry.line_top(line), geometry.line_top(line + 1)
        for (_, edge, inside), (_, _, beyond) in pairwise(bands):
            if inside(line) != beyond(line):
                down.append((edge, top, bottom))
    half = BOX_RULE_WEIGHT / 2  # segments overlap at the corners, so they join square
    return ([Rule(x0 - half, y, x1 + half, y, BOX_RULE_WEIGHT) for y, x0, x1 in _joined(across)]
            + [Rule(x, y0 - half, x, y1 + half, BOX_RULE_WEIGHT) for x, y0, y1 in _joined(down)])


def _joined(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Segments on one line (same first value) that touch, joined into one."""
    joined: list[tuple[float, float, float]] = []
    for at, start, end in sorted(segments):
        if joined and abs(joined[-1][0] - at) < JOIN_TOLERANCE_PT and abs(joined[-1][2] - start) < JOIN_TOLERANCE_PT:
            joined[-1] = (at, joined[-1][1], end)
        else:
            joined.append((at, start, end))
    return joined


def column_rules(slots: list[Slot], last_used: list[int], geometry: PageGeometry) -> list[Rule]:
    """栏线: a hairline down the middle of each gutter between two neighbouring
    columns of one rectangle, over the lines both stand beside, down to the
    deeper one's last line."""
    rules = []
    for number, (left, right) in enumerate(pairwise(slots)):
        if left.frame != right.frame or right.x <= left.x:   # a column cut by a picture: not neighbours
            continue
        bottom = max(last_used[number], last_used[number + 1])
        top = max(left.first_line, right.first_line)
        if bottom < top:
            continue
        x = (left.x + left.measure + right.x) / 2
        rules.append(Rule(x, geometry.line_top(top), x, geometry.line_top(bottom + 1), COLUMN_RULE_WEIGHT))
    return rules


def table_rules(row: FlowLine, table_length: int, x: float, measure: float, top: float, pitch: float) -> list[Rule]:
    """The rules of one table row set on the grid line whose top is ``top``:
    over and under the header, under the last row, across the column."""
    rules = []
    bottom = top + pitch
    if row.start == 0:
        rules.append(Rule(x, top, x + measure, top, TABLE_OUTER_RULE_WEIGHT))
        rules.append(Rule(x, bottom, x + measure, bottom, TABLE_HEADER_RULE_WEIGHT))
    if row.end >= table_length:
        rules.append(Rule(x, bottom, x + measure, bottom, TABLE_OUTER_RULE_WEIGHT))
    return rules


def tint_fills(spec: BlockSpec, geometry: PageGeometry) -> list[Fill]:
    """底纹: the block's ground in its tint, over the same area its box rule
    outlines (each rectangle, and the gutter between two rectangles side by side)."""
    colour = spec.tint
    boxes = [geometry.box(rect) for rect in spec.rects]
    for left in spec.rects:
        for right in spec.rects:
            top, bottom = max(left.first_line, right.first_line), min(left.last_line, right.last_line)
            if right.first_column == left.last_column + 1 and top <= bottom:
                boxes.append(Box(geometry.column_right(left.last_column), geometry.line_top(top),
                                 geometry.column_x(right.first_column), geometry.line_top(bottom + 1)))
    return [Fill(box.left, box.top, box.right - box.left, box.bottom - box.top, colour) for box in boxes]
