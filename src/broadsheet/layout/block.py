"""Compose one article block: title area, byline, body flow, section leads,
QR code, and the marks at its ends (jump lines, the overset mark)."""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, replace

from ..errors import SourceError
from ..fonts import FontSet, LoadedFont
from ..model import Article, Headline, Origin, ParagraphKind, QRCode
from ..model.colour import PAPER
from ..model.page import BlockSpec, StyleSpec
from ..text.justify import set_paragraph
from ..text.linebreak import Measure
from .columns import HeadArea, body_slots, head_area, insets, slot_at_column
from .display import BlockReport, ComposedPage, Fill, Placement
from .flow import START, FlowPosition, FlowResult, GroupKind, Slot, balanced_flow, flow
from .geometry import PageGeometry, baseline_in_box
from .head import (
    HEAD_MIN_SPACE_LINES,
    HeadText,
    SetHead,
    align_offset,
    draw_horizontal,
    draw_on_grid,
    draw_vertical,
    horizontal_lines,
    set_horizontal,
    set_vertical,
)
from .jumps import JUMP_IN, JUMP_LINES, JUMP_OUT, Carry, JumpBook
from .qr import place_qr
from .rules import column_rules
from .runs import line_runs
from .setting import BodySetter, Piece, TextStyle, lines_per_line, printed_length, set_headline

# Paragraphs open with a two-character indent (段首空两格).
PARAGRAPH_INDENT_EM = 2.0
# The mark for text that found no room, at the foot of the block's last column.
OVERSET_MARK = "▲超版{count}字"
MARK_LINES = 1
# Jump lines and the overset mark are set in this role at body size.
MARK_ROLE = "caption"
JUMP_ROLE = "byline"
# An error about a character quotes this many characters either side of it.
CONTEXT_CHARS = 6
# Rounding allowance when the titles' depth is compared with their area's (pt).
HEAD_FIT_TOLERANCE_PT = 1e-6
# A column logo may take at most this share of its title area's width.
LOGO_MAX_SHARE = 0.5


@dataclass
class BlockContext:
    """What the blocks of one page share."""
    fonts: FontSet
    geometry: PageGeometry
    page: ComposedPage
    prohibition: str
    layout_path: str
    jumps: JumpBook
    column_rules: bool = False


def check_characters(text: str, font: LoadedFont, origin: Origin) -> None:
    """A character the face cannot draw is an error, never a blank box.  The
    message quotes it in its context, as a paragraph spans several lines."""
    for index, char in enumerate(text):
        if not font.metrics.has(char):
            name = unicodedata.name(char, "")
            context = text[max(0, index - CONTEXT_CHARS):index + CONTEXT_CHARS + 1]
            raise SourceError(origin.path, origin.line, origin.field,
                              f"character {char!r} (U+{ord(char):04X}{' ' + name if name else ''}) in "
                              f"“{context}” is not in the font {font.path.name}; replace it or name a font "
                              "that has it")


@dataclass
class _Text:
    """What a block sets: its article's pieces from a starting point."""
    article: Article
    display: str
    setter: BodySetter
    start: FlowPosition
    jumped_from: int | None     # the page a continuation's text comes from


def compose_block(spec: BlockSpec, article: Article | None, context: BlockContext) -> BlockReport:
    """Set the block on the page and report how its text fitted.  ``article``
    is None for a continuation, which sets what its first part left."""
    report = BlockReport(spec.name, spec.article_display)
    text = _text(spec, article, context, report)
    if text is None:
        return report
    heads, byline = _head_texts(spec, text.article, context.fonts, continuation=text.jumped_from is not None)
    slots = body_slots(spec, context.geometry, _place_head(spec, heads, byline, context, report))
    if not slots and report.characters_overset:  # an over-long title filled the block
        _overset_everything(spec, text, context, report)
        return report
    if not slots:
        raise SourceError(context.layout_path, spec.line, f"block {spec.name}",
                          "the title area leaves no room for the body: give the block more lines")
    if text.jumped_from is not None:
        _draw_mark(context, JUMP_IN.format(page=text.jumped_from), JUMP_ROLE, slots[0], slots[0].first_line, "left")
        slots[0] = replace(slots[0], first_line=slots[0].first_line + JUMP_LINES)
    jump_page = context.jumps.pages.get(spec.continued_to) if spec.continued_to else None
    if spec.continued_to is not None and jump_page is None:
        report.warnings.append(f"block {spec.name!r} continues in block {spec.continued_to!r}, which is not in "
                               "this build: what does not fit is overset (build the edition)")
    qr = text.article.qr if spec.continued_to is None else None   # the code goes with the article's last part
    qr_slot, qr_line = _reserve_qr(spec, slots, context) if qr is not None else (None, None)

    result, foot_lines = _flow(text.setter, slots, spec, text.start, jump_page is not None)
    _draw_body(text.setter, slots, result, context, report)
    last_used = _last_used(text.setter, slots, result)
    _report_columns(slots, last_used, foot_lines, report)
    if context.column_rules:
        context.page.rules.extend(column_rules(slots, last_used, context.geometry))
    if qr is not None and qr_slot is not None:
        if qr_line is None:  # at the column's foot, under a mark kept there
            qr_line = result.slot_bottoms[qr_slot] + 1 + (foot_lines if qr_slot == len(slots) - 1 else 0)
        _place_qr(spec, qr, slots[qr_slot], qr_line, context, report)
    _hand_on(spec, text, slots, result, jump_page, context, report)
    return report


def _text(spec: BlockSpec, article: Article | None, context: BlockContext, report: BlockReport) -> _Text | None:
    """The article from its start, or for a continuation what its first part
    left (None, with a warning, when that part is not in the build)."""
    if spec.continued_from is None:
        assert article is not None
        grid = context.geometry.grid
        setter = BodySetter(_pieces(spec, article, context.fonts, grid.body_size), context.prohibition,
                            grid.line_pitch)
        return _Text(article, spec.article_display, setter, START, None)
    carry = context.jumps.carried.pop(spec.name, None)
    if carry is None:
        report.warnings.append(f"block {spec.name!r} continues {spec.continued_from!r}, which is not in this "
                               "build or left no text over: the block is empty (build the edition)")
        return None
    report.article = carry.article_display
    return _Text(carry.article, carry.article_display, carry.setter, carry.position, carry.from_page)


def _reserve_qr(spec: BlockSpec, slots: list[Slot], context: BlockContext) -> tuple[int, int | None]:
    """Keep the QR code's lines in its column, at the head or the foot: (slot,
    first line if at the head; at the foot it is known after the flow)."""
    index = slot_at_column(slots, context.geometry, spec.qr.column)
    slot = slots[index]
    if slot.last_line - slot.first_line + 1 < spec.qr.lines:
        raise SourceError(context.layout_path, spec.line, f"block {spec.name}: qr.lines",
                          f"the QR code takes {spec.qr.lines} lines; its column has "
                          f"{slot.last_line - slot.first_line + 1} under the title")
    if spec.qr.place == "head":
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


def _hand_on(spec: BlockSpec, text: _Text, slots: list[Slot], result: FlowResult, jump_page: int | None,
             context: BlockContext, report: BlockReport) -> None:
    """Text that found no room goes on to the continuation (下转第N版) or is
    overset: counted, reported, and marked ▲超版N字 at the block's foot."""
    if result.stop is None:
        if jump_page is not None:
            report.warnings.append(f"block {spec.name!r} holds all its text: nothing continues in "
                                   f"{spec.continued_to!r}")
        return
    foot = result.slot_bottoms[-1] + 1
    left_over = text.setter.characters_from(result.stop)
    if jump_page is not None:
        report.characters_continued = left_over
        _draw_mark(context, JUMP_OUT.format(page=jump_page), JUMP_ROLE, slots[-1], foot, "right")
        context.jumps.carried[spec.continued_to] = Carry(text.setter, text.article, text.display, result.stop,
                                                         context.page.number)
        return
    report.characters_overset += left_over  # and any headline lines an over-long title lost
    report.lines_overset += _lines_left(text.setter, result.stop, slots[-1].measure)
    _mark_overset(spec, text, context, report, slots[-1], foot, text.setter.where(result.stop))


def _overset_everything(spec: BlockSpec, text: _Text, context: BlockContext, report: BlockReport) -> None:
    """No body column is left under an over-long title: the whole body (and the
    QR caption) is overset, marked on the block's last line."""
    grid = context.geometry.grid
    qr = text.article.qr
    report.characters_overset += text.setter.characters_from(text.start) + (printed_length(qr.caption) if qr else 0)
    report.lines_overset += _lines_left(text.setter, text.start, grid.column_width)
    last = spec.rects[-1]
    foot = Slot(context.geometry.column_x(last.last_column), grid.column_width, last.last_line, last.last_line)
    _mark_overset(spec, text, context, report, foot, last.last_line)


def _mark_overset(spec: BlockSpec, text: _Text, context: BlockContext, report: BlockReport, slot: Slot, line: int,
                  where: str = "") -> None:
    """Warn of the block's overset text (``where``: its source line and first
    words) and mark ▲超版N字 on grid line ``line`` of ``slot``."""
    report.warnings.append(f"{text.display}: {report.characters_overset} characters overset "
                           f"({report.lines_overset} lines) in block {spec.name!r}{where}")
    _draw_mark(context, OVERSET_MARK.format(count=report.characters_overset), MARK_ROLE, slot, line, "right")


def _flow(setter: BodySetter, slots: list[Slot], spec: BlockSpec, start: FlowPosition,
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


def _draw_body(setter: BodySetter, slots: list[Slot], result: FlowResult, context: BlockContext,
               report: BlockReport) -> None:
    geometry = context.geometry
    pitch = geometry.grid.line_pitch
    for placement in result.placements:
        style = setter.pieces[placement.group].style
        slot = slots[placement.slot]
        line = placement.line.line
        x = slot.x + align_offset(line, style, slot.measure)
        baseline = baseline_in_box(geometry.line_top(placement.grid_line), setter.span(placement.group) * pitch,
                                   style.size)
        context.page.runs.extend(line_runs(line, style.font.metrics, style.font.name, style.size, x, baseline,
                                           style.font.dash_ink))
        report.characters_set += printed_length(line.text)
    report.lines_set = len(result.placements)


def _last_used(setter: BodySetter, slots: list[Slot], result: FlowResult) -> list[int]:
    """The last grid line holding text in each column (the line above it if none)."""
    last_used = [slot.first_line - 1 for slot in slots]
    for placement in result.placements:
        last_used[placement.slot] = placement.grid_line + setter.span(placement.group) - 1
    return last_used


def _report_columns(slots: list[Slot], last_used: list[int], foot_lines: int, report: BlockReport) -> None:
    """Lines used down each column, and the white left at the column feet (underset)."""
    report.column_lines = [used - slot.first_line + 1 for used, slot in zip(last_used, slots)]
    white = [slot.last_line - slot.reserved_foot - used for used, slot in zip(last_used, slots)]
    white[-1] -= foot_lines
    report.underset_lines = sum(max(0, lines) for lines in white)


def _lines_left(setter: BodySetter, stop: FlowPosition, measure: float) -> int:
    """Lines the overset text would take at the last column's measure."""
    return sum(len(setter.lines(group, stop.offset if group == stop.group else 0, measure))
               for group in range(stop.group, setter.count()))


def _style(spec: StyleSpec, fonts: FontSet) -> TextStyle:
    return TextStyle(fonts[spec.role], spec.size, spec.align, spec.colour)


def _head_texts(spec: BlockSpec, article: Article, fonts: FontSet,
                continuation: bool) -> tuple[list[HeadText], HeadText | None]:
    """Kicker, title, subtitle, and the byline if the layout sets it under
    them; a continuation repeats the title only."""
    parts = [(article.title, spec.head.title)] if continuation else [
        (article.kicker, spec.head.kicker), (article.title, spec.head.title), (article.subtitle, spec.head.subtitle)]
    texts = [_head_text(headline, style, fonts) for headline, style in parts if headline is not None]
    byline = None
    if not continuation and spec.byline_at == "head" and article.byline is not None:
        byline = _head_text(article.byline, spec.byline, fonts)
    if spec.head.reverse is not None:   # 反白: the titles in paper white on the area's ground
        texts = [replace(text, style=replace(text.style, colour=PAPER)) for text in texts]
        if spec.head.vertical and byline is not None:
            byline = replace(byline, style=replace(byline.style, colour=PAPER))
    return texts, byline


def _head_text(headline: Headline, style: StyleSpec, fonts: FontSet) -> HeadText:
    text_style = _style(style, fonts)
    check_characters(headline.text, text_style.font, headline.origin)
    return HeadText(headline.text, headline.origin, text_style)


def _place_head(spec: BlockSpec, texts: list[HeadText], byline: HeadText | None, context: BlockContext,
                report: BlockReport) -> HeadArea | None:
    """Set and draw the title area; it takes whole grid lines (占行).  A
    byline set there takes its own grid lines under the titles."""
    if not texts:
        return None
    geometry = context.geometry
    pitch = geometry.grid.line_pitch
    probe = head_area(spec, geometry, 0)
    width = probe.box.right - probe.box.left
    # Grid lines from the area's top to the foot of the first rectangle (less a box's white).
    depth = spec.rects[0].last_line - probe.first_line + 1 - insets(spec, spec.rects[0]).bottom
    dropped = 0
    if spec.head.vertical:
        texts = texts + ([byline] if byline is not None else [])
        lines = depth
        head = set_vertical(texts, lines * pitch)
        if head.extent() > width:
            raise SourceError(context.layout_path, spec.line, f"block {spec.name}: head.columns",
                              f"the vertical title needs {head.extent():.0f} pt across; its "
                              f"{spec.head.columns} column(s) give {width:.0f} pt")
        area = head_area(spec, geometry, lines)
        _reverse_ground(context.page, spec, area.box)
        draw_vertical(context.page, head, area.box)
        needed = head.length()
    else:
        logo_width = _logo_width(spec, pitch, width, context)
        head = set_horizontal(texts, width - logo_width, context.prohibition)
        under = (set_headline(byline.text, byline.style, width - logo_width, context.prohibition)
                 if byline is not None else [])
        under_lines = len(under) * lines_per_line(byline.style.size, pitch) if byline is not None else 0
        fixed = spec.head.lines - under_lines if spec.head.lines is not None else None
        stack_lines = max(horizontal_lines(head, pitch, fixed), spec.head.logo_lines + math.ceil(HEAD_MIN_SPACE_LINES)
                          if spec.head.logo is not None else 0)
        room = depth - under_lines
        if stack_lines > room:  # an over-long title: what fits is set, the rest overset
            head, dropped_lines, dropped = _head_within(head, (room - HEAD_MIN_SPACE_LINES) * pitch)
            report.lines_overset += dropped_lines
            report.characters_overset += dropped
            title = next((text for text in texts if text.origin.field == "title"), texts[0])
            report.warnings.append(
                f"{title.origin.path}:{title.origin.line}: [{title.origin.field}] the title area needs "
                f"{stack_lines + under_lines} grid lines and block {spec.name!r} has {room + under_lines}: "
                f"{dropped_lines} headline line(s) ({dropped} characters) do not fit; shorten the "
                f"{title.origin.field} ({printed_length(title.text)} characters)")
            stack_lines = room
        lines = stack_lines + under_lines
        area = head_area(spec, geometry, lines)
        stack = head_area(spec, geometry, stack_lines).box
        _reverse_ground(context.page, spec, replace(stack, bottom=stack.bottom - HEAD_MIN_SPACE_LINES * pitch))
        if spec.head.logo is not None:
            context.page.placements.append(Placement(stack.left, stack.top, logo_width - _logo_gap(context),
                                                     spec.head.logo_lines * pitch, spec.head.logo.path))
        draw_horizontal(context.page, head, replace(stack, left=stack.left + logo_width), pitch)
        if byline is not None:  # under the titles, the white kept above the body moving below it
            draw_on_grid(context.page, [line.line for line in under], byline.style,
                         replace(area.box, left=area.box.left + logo_width), geometry,
                         area.first_line + stack_lines - math.ceil(HEAD_MIN_SPACE_LINES))
            texts = texts + [byline]
        needed = head.extent() + HEAD_MIN_SPACE_LINES * pitch + under_lines * pitch
    if spec.head.lines is not None and lines > spec.head.lines:
        report.warnings.append(f"{context.layout_path}:{spec.line}: [block {spec.name}: head.lines] the title "
                               f"area of {spec.head.lines} lines is too small for its titles: it takes {lines} "
                               f"lines, pushing the body down")
    elif needed > lines * pitch + HEAD_FIT_TOLERANCE_PT:
        report.warnings.append(f"{context.layout_path}:{spec.line}: [block {spec.name}: head.lines] the title "
                               f"area of {lines} lines is too small for its titles ({needed / pitch:.1f} lines)")
    report.characters_set += sum(printed_length(text.text) for text in texts) - dropped
    return area


def _logo_gap(context: BlockContext) -> float:
    """White between a column logo and the titles beside it: one body character."""
    return context.geometry.grid.body_size


def _logo_width(spec: BlockSpec, pitch: float, width: float, context: BlockContext) -> float:
    """Width a column logo (题花) takes from the title area, with its white:
    its height in grid lines, its width in the file's proportions."""
    logo = spec.head.logo
    if logo is None:
        return 0.0
    taken = spec.head.logo_lines * pitch * logo.width / logo.height + _logo_gap(context)
    if taken > width * LOGO_MAX_SHARE:
        raise SourceError(logo.origin.path, logo.origin.line, logo.origin.field,
                          f"the column logo {logo.display} at {spec.head.logo_lines} lines is {taken:.0f} pt wide, "
                          f"more than half the title area's {width:.0f} pt; give it fewer lines")
    return taken


def _reverse_ground(page: ComposedPage, spec: BlockSpec, box) -> None:
    """反白: the ground reversed titles stand on (the white kept above the body stays white)."""
    if spec.head.reverse is not None:
        page.fills.append(Fill(box.left, box.top, box.right - box.left, box.bottom - box.top, spec.head.reverse))


def _head_within(head: SetHead, depth: float) -> tuple[SetHead, int, int]:
    """A title area deeper than its block keeps the headline lines that fit in
    ``depth`` pt, so nothing prints over what lies below; the rest are overset
    (returned: lines, printed characters).  Nothing is shrunk or lost: the
    editor shortens the title."""
    kept: list[tuple[TextStyle, list]] = []
    dropped_lines = dropped_characters = 0
    for style, element_lines in head.elements:
        fitting = []
        for line in element_lines:
            if not dropped_lines and SetHead(kept + [(style, fitting + [line])], vertical=False).extent() <= depth:
                fitting.append(line)
            else:
                dropped_lines += 1
                dropped_characters += printed_length(line.text)
        if fitting:
            kept.append((style, fitting))
    return SetHead(kept, vertical=False), dropped_lines, dropped_characters


def _pieces(spec: BlockSpec, article: Article, fonts: FontSet, body_size: float) -> list[Piece]:
    """The article body in reading order: byline (unless set in the title area), paragraphs, leads."""
    pieces: list[Piece] = []
    if article.byline is not None and spec.byline_at == "body":
        style = _style(spec.byline, fonts)
        check_characters(article.byline.text, style.font, article.byline.origin)
        pieces.append(Piece(GroupKind.BYLINE, article.byline.text, style, origin=article.byline.origin))
    body = TextStyle(fonts["body"], body_size, "left")
    lead = _style(spec.lead, fonts)
    for paragraph in article.paragraphs:
        if paragraph.kind is ParagraphKind.LEAD:
            check_characters(paragraph.text, lead.font, paragraph.origin)
            pieces.append(Piece(GroupKind.LEAD, paragraph.text, lead, headline=True, origin=paragraph.origin))
        else:
            check_characters(paragraph.text, body.font, paragraph.origin)
            pieces.append(Piece(GroupKind.PARAGRAPH, paragraph.text, body, PARAGRAPH_INDENT_EM,
                                origin=paragraph.origin))
    return pieces


def _draw_mark(context: BlockContext, text: str, role: str, slot: Slot, line: int, align: str) -> None:
    """A one-line note in a body column (a jump line, the overset mark), on the grid."""
    font: LoadedFont = context.fonts[role]
    size = context.geometry.grid.body_size
    check_characters(text, font, Origin(context.layout_path, 0, role))
    lines = set_paragraph(text, font.metrics, Measure(slot.measure / size))
    if not lines:
        return
    style = TextStyle(font, size, align)
    x = slot.x + align_offset(lines[0], style, slot.measure)
    context.page.runs.extend(line_runs(lines[0], font.metrics, font.name, size, x,
                                       context.geometry.baseline(line, size)))
