"""Fitting aids editors use: ``fit: {even: true}`` on a block (off by
default, reported when used) balances its last columns to within one line
of each other, where the plain balance fills columns to a common depth and
leaves the shortfall in the last one; and the one-line cuts that would pull
a block up (short last lines, 寡行), listed by ``--fit``.

A last line that may tighten by punctuation compression needs no aid here:
the line breaker already compresses punctuation (标点挤压) on every line,
the last included, before it lets a character go to a new line.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .flow import FlowPosition, FlowResult, GroupKind, Slot, flow
from .setting import BodySetter, printed_length

# A paragraph's last line of at most this many characters is a short last
# line (a widow, 寡行) whose cut saves a whole line.
SHORT_LAST_LINE_CHARS = 4


@dataclass(frozen=True)
class OneLineCut:
    """Cutting ``characters`` from the paragraph at ``file:line`` saves a line."""
    file: str
    line: int | None
    characters: int
    last_line: str        # the short last line as set


def even(setter: BodySetter, slots: list[Slot], start: FlowPosition, balanced: FlowResult) -> FlowResult | None:
    """The balanced flow with its last columns within one line of each other:
    the first k of them at the balanced depth, the rest one line higher, for
    the smallest k that holds everything (None: no such k, or already even)."""
    run = [index for index, slot in enumerate(slots) if slot.frame == slots[-1].frame]
    depth = max(balanced.slot_bottoms[index] + slots[index].reserved_foot for index in run)
    if _spread(setter, slots, balanced, run) <= 1:
        return None
    deepest = max(slot.last_line for slot in slots)
    for k in range(1, len(run)):
        trial = list(slots)
        for order, index in enumerate(run):
            trial[index] = replace(slots[index], last_line=min(slots[index].last_line,
                                                               depth if order < k else depth - 1))
        result = flow(setter, trial, deepest, start)
        if result.stop is None and _spread(setter, slots, result, run) <= 1:
            return result
    return None


def _spread(setter: BodySetter, slots: list[Slot], result: FlowResult, run: list[int]) -> int:
    """Lines between the deepest and the shallowest text foot of the columns in ``run``."""
    feet = {index: slots[index].first_line - 1 for index in run}
    for placement in result.placements:
        if placement.slot in feet:
            feet[placement.slot] = placement.grid_line + setter.span(placement.group) - 1
    return max(feet.values()) - min(feet.values())


def one_line_cuts(setter: BodySetter, result: FlowResult) -> list[OneLineCut]:
    """Paragraphs whose last line in the block is short: cutting its
    characters saves a line (fewest characters first)."""
    cuts = []
    for position, placement in enumerate(result.placements):
        piece = setter.pieces[placement.group]
        ends_paragraph = placement.line.end >= len(piece.text)
        next_same = position + 1 < len(result.placements) and result.placements[position + 1].group == placement.group
        count = printed_length(placement.line.line.text)
        if piece.kind is GroupKind.PARAGRAPH and ends_paragraph and not next_same and count <= SHORT_LAST_LINE_CHARS \
                and placement.line.start > 0:
            origin = piece.origin
            cuts.append(OneLineCut(origin.path if origin else "", origin.line if origin else None, count,
                                   placement.line.line.text))
    return sorted(cuts, key=lambda cut: cut.characters)
