"""Compose one article block: the title area, the body flowed through its
columns, the QR code, and what is handed on at a jump or overset."""
from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Severity
from ..errors import SourceError
from ..model import Article, QRCode
from ..model.page import BlockSpec, LineAlign, QRPlace
from .body import draw_body, flow_body, last_used_lines, lines_left, report_columns
from .characters import check_characters
from .columns import body_slots, slot_at_column
from .context import BlockContext, block_warning
from .aids import even, one_line_cuts
from .copyfit import CopyFit, FitRun, FitState, copyfit
from .display import BlockReport
from .flow import FlowResult, Slot
from .jumps import JUMP_IN, JUMP_LINES, JUMP_OUT, MIN_JUMP_LINES, Carry
from .marks import JUMP_ROLE, draw_mark, mark_overset
from .qr import place_qr
from .reading import BlockText, block_text
from .rules import column_rules
from .setting import printed_length
from .titles import head_texts, place_head


def compose_block(spec: BlockSpec, article: Article | None, context: BlockContext) -> BlockReport:
    """Set the block on the page and report how its text fitted.  ``article``
    is None for a continuation, which sets what its first part left."""
    report = BlockReport(spec.name, spec.article_display)
    text = block_text(spec, article, context, report)
    if text is None:
        return report
    heads, byline = head_texts(spec, text.article, context.fonts, continuation=text.jumped_from is not None)
    slots = body_slots(spec, context.geometry, place_head(spec, heads, byline, context, report))
    if not slots and report.characters_overset:  # an over-long title filled the block
        _overset_everything(spec, text, context, report)
        return report
    if not slots:
        raise SourceError(context.layout_path, spec.line, f"block {spec.name}",
                          "the title area leaves no room for the body: give the block more lines")
    if text.jumped_from is not None:
        draw_mark(context, JUMP_IN.format(page=text.jumped_from), JUMP_ROLE, slots[0], slots[0].first_line,
                  LineAlign.LEFT)
        slots[0] = replace(slots[0], first_line=slots[0].first_line + JUMP_LINES)
    jump_page = context.jumps.pages.get(spec.continued_to) if spec.continued_to else None
    if spec.continued_to is not None and jump_page is None:
        report.warnings.append(block_warning(
            context, spec, "continued_to", f"block {spec.name!r} continues in block {spec.continued_to!r}, which "
            "is not in this build: what does not fit is overset (build the edition)", Severity.NOTE))
    _check_qr_setting(spec, text, context, report)
    qr = text.article.qr if spec.continued_to is None else None   # the code goes with the article's last part
    qr_slot, qr_line = _reserve_qr(spec, slots, context) if qr is not None else (None, None)

    result, foot_lines = flow_body(text.setter, slots, spec, text.start, jump_page is not None)
    result, used = _with_aids(spec, text, slots, result, foot_lines)
    draw_body(text.setter, slots, result, context, report)
    last_used = last_used_lines(text.setter, slots, result)
    report_columns(slots, last_used, foot_lines, report)
    geometry = context.geometry
    report.copyfit = copyfit(FitRun(text.setter, slots, text.start, geometry.grid.body_size), result, last_used,
                             foot_lines, continues=jump_page is not None and result.stop is not None,
                             line_box=lambda first, last: (geometry.line_top(first), geometry.line_top(last + 1)))
    report.copyfit.aids = used
    report.copyfit.cuts = one_line_cuts(text.setter, result)
    if context.column_rules:
        context.page.rules.extend(column_rules(slots, last_used, context.geometry))
    if qr is not None and qr_slot is not None:
        if qr_line is None:  # at the column's foot, under a mark kept there
            qr_line = result.slot_bottoms[qr_slot] + 1 + (foot_lines if qr_slot == len(slots) - 1 else 0)
        _place_qr(spec, qr, slots[qr_slot], qr_line, context, report)
    _hand_on(spec, text, slots, result, jump_page, context, report)
    if text.jumped_from is not None and report.lines_set < MIN_JUMP_LINES:
        report.warnings.append(block_warning(
            context, spec, "continued_from", f"the jump from block {spec.continued_from!r} carries only "
            f"{report.lines_set} line(s) ({text.setter.characters_from(text.start)} characters) to page "
            f"{context.page.number}: a jump carries at least {MIN_JUMP_LINES} lines; cut them so the story ends "
            f"on page {text.jumped_from}, or give it more there"))
    return report


def _with_aids(spec: BlockSpec, text: BlockText, slots: list[Slot], result: FlowResult,
               foot_lines: int) -> tuple[FlowResult, list[str]]:
    """The flow with the fitting aids the layout turned on for this block,
    and what each did (nothing when it was not needed or could not help)."""
    used: list[str] = []
    if spec.fit.even and result.stop is None and not foot_lines:
        evened = even(text.setter, slots, text.start, result)
        if evened is not None:
            result = evened
            used.append("even: the last columns balanced to within one line of each other")
    return result, used


def _check_qr_setting(spec: BlockSpec, text: BlockText, context: BlockContext, report: BlockReport) -> None:
    """A layout's qr: that can have no effect: the article has no code, or the
    code goes with the article's last part, in another block."""
    if "qr" not in spec.key_lines:
        return
    if text.article.qr is None:
        report.warnings.append(block_warning(context, spec, "qr", f"qr: has no effect: {text.display} has no "
                                             "QR code (give it qr: {url: …} in its front matter, or remove the "
                                             "block's qr:)"))
    elif spec.continued_to is not None:
        report.warnings.append(block_warning(context, spec, "qr", f"qr: has no effect: the code goes with the "
                                             f"article's last part, block {spec.continued_to!r}; give qr: there"))


def _reserve_qr(spec: BlockSpec, slots: list[Slot], context: BlockContext) -> tuple[int, int | None]:
    """Keep the QR code's lines in its column, at the head or the foot: (slot,
    first line if at the head; at the foot it is known after the flow)."""
    index = slot_at_column(slots, context.geometry, spec.qr.column)
    slot = slots[index]
    if slot.last_line - slot.first_line + 1 < spec.qr.lines:
        raise SourceError(context.layout_path, spec.line, f"block {spec.name}: qr.lines",
                          f"the QR code takes {spec.qr.lines} lines; its column has "
                          f"{slot.last_line - slot.first_line + 1} under the title")
    if spec.qr.place is QRPlace.HEAD:
        slots[index] = replace(slot, first_line=slot.first_line + spec.qr.lines)
        return index, slot.first_line
    slots[index] = replace(slot, reserved_foot=spec.qr.lines)
    return index, None


def _place_qr(spec: BlockSpec, qr: QRCode, slot: Slot, first_line: int, context: BlockContext,
              report: BlockReport) -> None:
    caption = context.fonts[spec.qr.caption.role]
    check_characters(qr.caption, caption, qr.caption_origin)
    place_qr(context.page, qr, slot.x, slot.measure, context.geometry, first_line, spec.qr.lines, caption,
             spec.qr.caption.size)
    report.characters_set += printed_length(qr.caption)


def _hand_on(spec: BlockSpec, text: BlockText, slots: list[Slot], result: FlowResult, jump_page: int | None,
             context: BlockContext, report: BlockReport) -> None:
    """Text that found no room goes on to the continuation (下转第N版) or is
    overset: counted, reported, and marked ▲超版N字 at the block's foot."""
    if result.stop is None:
        if jump_page is not None:
            report.warnings.append(block_warning(context, spec, "continued_to",
                                                  f"block {spec.name!r} holds all its text: nothing continues "
                                                  f"in {spec.continued_to!r}"))
        return
    foot = result.slot_bottoms[-1] + 1
    left_over = text.setter.characters_from(result.stop)
    if jump_page is not None:
        report.characters_continued = left_over
        draw_mark(context, JUMP_OUT.format(page=jump_page), JUMP_ROLE, slots[-1], foot, LineAlign.RIGHT)
        context.jumps.carried[spec.continued_to] = Carry(text.setter, text.article, text.display, result.stop,
                                                         context.page.number)
        return
    report.characters_overset += left_over  # and any headline lines an over-long title lost
    report.lines_overset += lines_left(text.setter, result.stop, slots[-1].measure)
    # Built without its continuation's page, a first part's overset is what
    # the edition carries on: worth a note, not a fault of this page.
    alone = spec.continued_to is not None
    mark_overset(spec, text, context, report, slots[-1], foot, text.setter.where(result.stop),
                 Severity.NOTE if alone else Severity.WARNING)


def _overset_everything(spec: BlockSpec, text: BlockText, context: BlockContext, report: BlockReport) -> None:
    """No body column is left under an over-long title: the whole body (and the
    QR caption) is overset, marked on the block's last line."""
    grid = context.geometry.grid
    qr = text.article.qr
    report.characters_overset += text.setter.characters_from(text.start) + (printed_length(qr.caption) if qr else 0)
    report.lines_overset += lines_left(text.setter, text.start, grid.column_width)
    report.copyfit = CopyFit(FitState.OVER, over=report.characters_overset, chars_per_line=grid.column_chars,
                             notes=["the title area takes the whole block: no line is left for the body"])
    last = spec.rects[-1]
    foot = Slot(context.geometry.column_x(last.last_column), grid.column_width, last.last_line, last.last_line)
    mark_overset(spec, text, context, report, foot, last.last_line)
