"""Compose one article block: title area, byline, body flow, section leads, QR code."""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import SourceError
from ..fonts import FontSet, LoadedFont
from ..model import Article, Origin, ParagraphKind
from ..model.page import BlockSpec, StyleSpec
from ..text.headline import break_headline
from ..text.justify import SetLine, set_paragraph
from ..text.linebreak import Measure
from .display import BlockReport, ComposedPage, TextRun
from .flow import Group, GroupKind, Slot, balanced_flow
from .geometry import PageGeometry, baseline_in_box
from .qr import place_qr
from .runs import line_runs

# Paragraphs open with a two-character indent (段首空两格).
PARAGRAPH_INDENT_EM = 2.0
# Headline lines are set on 1.2× their size; elements of the title area are
# separated by a third of the title size.
HEADLINE_LINE_HEIGHT = 1.2
HEAD_ELEMENT_GAP = 0.35
# The title area keeps at least this much white (in body lines) between the
# last headline line and the body.
HEAD_MIN_SPACE_LINES = 1.0


@dataclass
class SetText:
    """Lines of one text element, with the face and size they are set in."""
    lines: list[SetLine]
    font: LoadedFont
    size: float
    align: str
    measure_pt: float


def check_characters(text: str, font: LoadedFont, origin: Origin) -> None:
    """A character the face cannot draw is an error, never a blank box."""
    for char in text:
        if not font.metrics.has(char):
            raise SourceError(origin.path, origin.line, origin.field,
                              f"character {char!r} (U+{ord(char):04X}) is not in the font "
                              f"{font.path.name}; replace it or name a font that has it")


def compose_block(spec: BlockSpec, article: Article, fonts: FontSet, geometry: PageGeometry,
                  page: ComposedPage, prohibition: str) -> BlockReport:
    """Set the block's article on the page and report how it fitted."""
    grid = geometry.grid
    report = BlockReport(spec.name, spec.article_display)
    first = spec.rects[0]
    head_first_column = first.first_column
    head_last_column = first.first_column + spec.head.columns - 1
    head_left = geometry.column_x(head_first_column)
    head_width = grid.span_width(head_first_column, head_last_column)

    head_elements = _head_elements(spec, article, fonts, head_width, prohibition)
    head_lines = _head_lines(spec, head_elements, grid.line_pitch)
    _draw_head(page, head_elements, geometry, head_left, head_width, first.first_line, head_lines)
    report.characters_set += sum(len(line.text) for element in head_elements for line in element.lines)

    slots, measure_pt = _slots(spec, geometry, head_first_column, head_last_column, head_lines)
    groups, texts = _body_groups(spec, article, fonts, grid.body_size, measure_pt, prohibition)
    qr_slot = _qr_slot(spec, slots, geometry)
    if article.qr is not None and qr_slot is not None:
        slots[qr_slot] = Slot(slots[qr_slot].x, slots[qr_slot].first_line, slots[qr_slot].last_line,
                              reserved_foot=spec.qr.lines)
    result = balanced_flow(groups, slots, spec.balance)

    for placement in result.placements:
        text = texts[placement.group]
        line = groups[placement.group].lines[placement.line]
        slot = slots[placement.slot]
        size = text.size
        x = slot.x + _align_offset(line, text, size)
        baseline = geometry.baseline(placement.grid_line, size)
        page.runs.extend(line_runs(line, text.font.metrics, text.font.name, size, x, baseline,
                                   text.font.dash_ink))
        report.characters_set += len(line.text)
    report.lines_set = len(result.placements)
    report.lines_overset = len(result.overset)
    report.characters_overset = sum(len(groups[g].lines[i].text) for g, i in result.overset)

    used = [0] * len(slots)
    for placement in result.placements:
        used[placement.slot] = max(used[placement.slot], placement.grid_line - slots[placement.slot].first_line + 1)
    report.column_lines = used
    capacity = sum(max(0, slot.last_line - slot.first_line + 1 - slot.reserved_foot) for slot in slots)
    report.underset_lines = max(0, capacity - report.lines_set) if not result.overset else 0

    if article.qr is not None and qr_slot is not None:
        slot = slots[qr_slot]
        bottom = result.slot_bottoms[qr_slot] + slot.reserved_foot
        caption_font = fonts[spec.qr.caption.role]
        check_characters(article.qr.caption, caption_font, article.qr.origin)
        place_qr(page, article.qr, slot.x, grid.column_width, geometry, bottom - spec.qr.lines + 1, spec.qr.lines,
                 caption_font, spec.qr.caption.size)
        report.characters_set += len(article.qr.caption)
    if result.overset:
        note = f"{spec.article_display}: {report.characters_overset} characters overset " \
               f"({report.lines_overset} lines) in block {spec.name!r}"
        report.warnings.append(note)
        last = slots[-1]
        _draw_note(page, f"▲超版{report.characters_overset}字", fonts["caption"], grid.body_size, last.x,
                   grid.column_width, geometry.baseline(last.last_line) + grid.line_pitch, "right")
    return report


def _set(text: str, font: LoadedFont, size: float, measure_pt: float, prohibition: str,
         indent_em: float = 0.0) -> list[SetLine]:
    return set_paragraph(text, font.metrics, Measure(measure_pt / size, indent_em), prohibition)


def _head_elements(spec: BlockSpec, article: Article, fonts: FontSet, width: float,
                   prohibition: str) -> list[SetText]:
    elements = []
    for headline, style in ((article.kicker, spec.head.kicker), (article.title, spec.head.title),
                            (article.subtitle, spec.head.subtitle)):
        if headline is None:
            continue
        elements.append(_set_headline(headline.text, headline.origin, style, fonts, width, prohibition))
    return elements


def _set_headline(text: str, origin: Origin, style: StyleSpec, fonts: FontSet, width: float,
                  prohibition: str) -> SetText:
    """Headlines and section leads: broken at word boundaries into balanced,
    unjustified lines."""
    font = fonts[style.role]
    check_characters(text, font, origin)
    lines = []
    for part in break_headline(text, font.metrics, width / style.size):
        lines.extend(_set(part, font, style.size, width, prohibition))
    return SetText(lines, font, style.size, style.align, width)


def _head_height(elements: list[SetText]) -> float:
    height = sum(len(e.lines) * e.size * HEADLINE_LINE_HEIGHT for e in elements)
    if len(elements) > 1:
        title_size = max(e.size for e in elements)
        height += (len(elements) - 1) * HEAD_ELEMENT_GAP * title_size
    return height


def _head_lines(spec: BlockSpec, elements: list[SetText], pitch: float) -> int:
    """Grid lines the title area takes (占行), so the body below stays on the grid."""
    if spec.head.lines is not None:
        return spec.head.lines
    return math.ceil(_head_height(elements) / pitch + HEAD_MIN_SPACE_LINES)


def _draw_head(page: ComposedPage, elements: list[SetText], geometry: PageGeometry, left: float, width: float,
               first_line: int, lines: int) -> None:
    if not elements or lines == 0:
        return
    area_top = geometry.line_top(first_line)
    area_height = lines * geometry.grid.line_pitch
    title_size = max(e.size for e in elements)
    # Centred in the area less the white kept above the body.
    y = area_top + (area_height - HEAD_MIN_SPACE_LINES * geometry.grid.line_pitch - _head_height(elements)) / 2
    for number, element in enumerate(elements):
        if number:
            y += HEAD_ELEMENT_GAP * title_size
        box = element.size * HEADLINE_LINE_HEIGHT
        for line in element.lines:
            x = left + _align_offset(line, element, element.size)
            page.runs.extend(line_runs(line, element.font.metrics, element.font.name, element.size, x,
                                       baseline_in_box(y, box, element.size), element.font.dash_ink))
            y += box


def _align_offset(line: SetLine, text: SetText, size: float) -> float:
    if text.align == "center":
        return (text.measure_pt - line.width * size) / 2
    return 0.0


def _slots(spec: BlockSpec, geometry: PageGeometry, head_first: int, head_last: int,
           head_lines: int) -> tuple[list[Slot], float]:
    """Body columns in reading order, and their common measure (pt)."""
    grid = geometry.grid
    slots = []
    measure = grid.column_width
    for number, rect in enumerate(spec.rects):
        columns = rect.last_column - rect.first_column + 1
        if spec.body_columns and spec.body_columns != columns:
            lefts, measure = _broken_columns(geometry, rect.first_column, rect.last_column, spec.body_columns)
        else:
            lefts = [geometry.column_x(c) for c in range(rect.first_column, rect.last_column + 1)]
        head_left = geometry.column_x(head_first)
        head_right = geometry.column_x(head_last) + grid.column_width
        for left in lefts:
            under_head = number == 0 and head_left <= left < head_right
            slots.append(Slot(left, rect.first_line + (head_lines if under_head else 0), rect.last_line))
    return slots, measure


def _broken_columns(geometry: PageGeometry, first: int, last: int, count: int) -> tuple[list[float], float]:
    """破栏: divide a span of basic columns into ``count`` equal columns of whole
    characters; the characters left over widen the gutters evenly."""
    grid = geometry.grid
    span_chars = grid.span_chars(last - first + 1)
    chars = (span_chars - (count - 1) * grid.gutter_chars) // count
    spare = span_chars - count * chars
    gutter = spare / (count - 1) * grid.body_size if count > 1 else 0.0
    left = geometry.column_x(first)
    width = chars * grid.body_size
    return [left + k * (width + gutter) for k in range(count)], width


def _qr_slot(spec: BlockSpec, slots: list[Slot], geometry: PageGeometry) -> int | None:
    if not slots:
        return None
    if spec.qr.column is None:
        return len(slots) - 1
    x = geometry.column_x(spec.qr.column)
    for index, slot in enumerate(slots):
        if abs(slot.x - x) < 1e-6:
            return index
    return len(slots) - 1


def _body_groups(spec: BlockSpec, article: Article, fonts: FontSet, body_size: float, measure_pt: float,
                 prohibition: str) -> tuple[list[Group], list[SetText]]:
    groups: list[Group] = []
    texts: list[SetText] = []
    if article.byline is not None:
        style = spec.byline
        font = fonts[style.role]
        check_characters(article.byline.text, font, article.byline.origin)
        lines = _set(article.byline.text, font, style.size, measure_pt, prohibition)
        groups.append(Group(GroupKind.BYLINE, lines))
        texts.append(SetText(lines, font, style.size, style.align, measure_pt))
    body = fonts["body"]
    for paragraph in article.paragraphs:
        if paragraph.kind is ParagraphKind.LEAD:
            lead = _set_headline(paragraph.text, paragraph.origin, spec.lead, fonts, measure_pt, prohibition)
            groups.append(Group(GroupKind.LEAD, lead.lines))
            texts.append(lead)
        else:
            check_characters(paragraph.text, body, paragraph.origin)
            lines = _set(paragraph.text, body, body_size, measure_pt, prohibition, PARAGRAPH_INDENT_EM)
            groups.append(Group(GroupKind.PARAGRAPH, lines))
            texts.append(SetText(lines, body, body_size, "left", measure_pt))
    return groups, texts


def _draw_note(page: ComposedPage, text: str, font: LoadedFont, size: float, x: float, width: float,
               baseline: float, align: str) -> None:
    lines = set_paragraph(text, font.metrics, Measure(width / size))
    if not lines:
        return
    line = lines[0]
    offset = width - line.width * size if align == "right" else 0.0
    page.runs.extend(line_runs(line, font.metrics, font.name, size, x + offset, baseline))
