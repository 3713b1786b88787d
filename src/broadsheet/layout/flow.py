"""Flow an article's lines through its columns on the baseline grid.

Every line takes one grid line, so lines align across all columns of the
page.  A section lead (小标题) takes whole lines, with a blank line above it
unless it heads a column, and never stands at a column foot: it moves on
unless at least two lines of its paragraph follow it in the same column.
Columns are balanced by finding the shallowest common depth that holds
everything, which leaves any shortfall at the foot of the last column.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class GroupKind(Enum):
    BYLINE = "byline"
    LEAD = "lead"
    PARAGRAPH = "paragraph"


# A lead keeps this many lines of the paragraph after it in its column.
LEAD_KEEP_WITH_NEXT_LINES = 2
# Blank grid lines above a lead that does not head a column.
LEAD_SPACE_ABOVE_LINES = 1


@dataclass(frozen=True)
class Slot:
    """One column of a block's body: its left edge and its grid lines."""
    x: float
    first_line: int
    last_line: int
    reserved_foot: int = 0   # lines kept free at the foot (a QR code)


@dataclass
class Group:
    kind: GroupKind
    lines: list            # anything with one entry per grid line


@dataclass(frozen=True)
class Placement:
    group: int
    line: int              # index within the group
    slot: int
    grid_line: int


@dataclass
class FlowResult:
    placements: list[Placement]
    overset: list[tuple[int, int]]   # (group, line) that found no room
    depth: int                       # deepest grid line the slots were cut at
    slot_bottoms: list[int]


def flow(groups: list[Group], slots: list[Slot], depth: int) -> FlowResult:
    """Fill the slots in order down to ``depth`` (a grid line)."""
    bottoms = [min(slot.last_line, depth) - slot.reserved_foot for slot in slots]
    placements: list[Placement] = []
    overset: list[tuple[int, int]] = []
    slot = 0
    line = slots[0].first_line if slots else 0
    for number, group in enumerate(groups):
        if slot >= len(slots):
            overset.extend((number, index) for index in range(len(group.lines)))
            continue
        if group.kind is GroupKind.LEAD:
            following = len(groups[number + 1].lines) if number + 1 < len(groups) else 0
            need = len(group.lines) + min(LEAD_KEEP_WITH_NEXT_LINES, following)
            space = 0 if line == slots[slot].first_line else LEAD_SPACE_ABOVE_LINES
            if line + space + need - 1 > bottoms[slot]:
                slot += 1
                if slot < len(slots):
                    line = slots[slot].first_line
                space = 0
            line += space
        for index in range(len(group.lines)):
            while slot < len(slots) and line > bottoms[slot]:
                slot += 1
                if slot < len(slots):
                    line = slots[slot].first_line
            if slot >= len(slots):
                overset.append((number, index))
                continue
            placements.append(Placement(number, index, slot, line))
            line += 1
    return FlowResult(placements, overset, depth, bottoms)


def balanced_flow(groups: list[Group], slots: list[Slot], balance: bool = True) -> FlowResult:
    """The shallowest depth at which everything fits (balanced columns); if
    nothing fits even at full depth, the full-depth flow with its overset."""
    deepest = max(slot.last_line for slot in slots)
    full = flow(groups, slots, deepest)
    if full.overset or not balance:
        return full
    low = min(slot.first_line for slot in slots)
    high = deepest
    while low < high:
        middle = (low + high) // 2
        if flow(groups, slots, middle).overset:
            low = middle + 1
        else:
            high = middle
    return flow(groups, slots, low)
