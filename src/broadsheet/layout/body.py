"""A block's body: flowed through its columns, drawn on the grid, and the
lines each column used."""
from __future__ import annotations

from ..model.page import BlockSpec
from .context import BlockContext
from .display import BlockReport
from .flow import FlowPosition, FlowResult, Slot, balanced_flow, flow
from .geometry import baseline_in_box
from .head import align_offset
from .jumps import JUMP_LINES
from .marks import MARK_LINES
from .rules import table_rules
from .runs import line_runs
from .setting import BodySetter, printed_length


def flow_body(setter: BodySetter, slots: list[Slot], spec: BlockSpec, start: FlowPosition,
              jumps: bool) -> tuple[FlowResult, int]:
    """A first part fills its columns and keeps its last line for the jump
    line; a last part is balanced, or keeps its last line for the overset mark."""
    deepest = max(slot.last_line for slot in slots)
    if jumps:
        result = flow(setter, slots, deepest, start, JUMP_LINES)
        if result.stop is not None:
            return result, JUMP_LINES
    result = balanced_flow(setter, slots, spec.balance, start)
    if result.stop is None:
        return result, 0
    return flow(setter, slots, deepest, start, MARK_LINES), MARK_LINES


def draw_body(setter: BodySetter, slots: list[Slot], result: FlowResult, context: BlockContext,
              report: BlockReport) -> None:
    geometry = context.geometry
    pitch = geometry.grid.line_pitch
    for placement in result.placements:
        piece = setter.pieces[placement.group]
        style = piece.style
        slot = slots[placement.slot]
        line = placement.line.line
        x = slot.x + align_offset(line, style, slot.measure)
        baseline = baseline_in_box(geometry.line_top(placement.grid_line), setter.span(placement.group) * pitch,
                                   style.size)
        context.page.runs.extend(line_runs(line, style.font.metrics, style.font.name, style.size, x, baseline,
                                           style.font.dash_ink, piece.other_faces()))
        if piece.table is not None:
            context.page.rules.extend(table_rules(placement.line, len(piece.text), slot.x, slot.measure,
                                                  geometry.line_top(placement.grid_line), pitch))
        report.characters_set += printed_length(line.text)
    report.lines_set = len(result.placements)


def last_used_lines(setter: BodySetter, slots: list[Slot], result: FlowResult) -> list[int]:
    """The last grid line holding text in each column (the line above it if none)."""
    last_used = [slot.first_line - 1 for slot in slots]
    for placement in result.placements:
        last_used[placement.slot] = placement.grid_line + setter.span(placement.group) - 1
    return last_used


def report_columns(slots: list[Slot], last_used: list[int], foot_lines: int, report: BlockReport) -> None:
    """Lines used down each column, and the white left at the column feet (underset)."""
    report.column_lines = [used - slot.first_line + 1 for used, slot in zip(last_used, slots)]
    white = [slot.last_line - slot.reserved_foot - used for used, slot in zip(last_used, slots)]
    white[-1] -= foot_lines
    report.underset_lines = sum(max(0, lines) for lines in white)


def lines_left(setter: BodySetter, stop: FlowPosition, measure: float) -> int:
    """Lines the overset text would take at the last column's measure."""
    return sum(setter.line_count(group, stop.offset if group == stop.group else 0, measure)
               for group in range(stop.group, setter.count()))
