"""The title area (标题区): kicker, title and subtitle (and a byline set
under them), on whole grid lines, horizontal or vertical (竖题)."""
from __future__ import annotations

import math
from dataclasses import replace

from ..diagnostics import warning
from ..errors import SourceError
from ..fonts import FontSet
from ..model import Article, Headline
from ..model.colour import PAPER
from ..model.page import BlockSpec, BylinePlace, StyleSpec
from .characters import check_characters
from .columns import HeadArea, head_area, insets
from .context import BlockContext, block_warning
from .display import BlockReport, ComposedPage, Fill
from .geometry import Box
from .head import (
    HEAD_MIN_SPACE_LINES,
    HeadText,
    SetHead,
    draw_horizontal,
    draw_on_grid,
    draw_vertical,
    horizontal_lines,
    set_horizontal,
    set_vertical,
)
from .setting import TextStyle, lines_per_line, printed_length, set_headline, text_style
from .supplied import place_supplied

# Rounding allowance when the titles' depth is compared with their area's (pt).
HEAD_FIT_TOLERANCE_PT = 1e-6
# A column logo may take at most this share of its title area's width.
LOGO_MAX_SHARE = 0.5


def head_texts(spec: BlockSpec, article: Article, fonts: FontSet,
                continuation: bool) -> tuple[list[HeadText], HeadText | None]:
    """Kicker, title, subtitle, and the byline if the layout sets it under
    them; a continuation repeats the title only."""
    parts = [(article.title, spec.head.title)] if continuation else [
        (article.kicker, spec.head.kicker), (article.title, spec.head.title), (article.subtitle, spec.head.subtitle)]
    texts = [_head_text(headline, style, fonts) for headline, style in parts if headline is not None]
    byline = None
    if not continuation and spec.byline_at is BylinePlace.HEAD and article.byline is not None:
        byline = _head_text(article.byline, spec.byline, fonts)
    if spec.head.reverse is not None:   # 反白: the titles in paper white on the area's ground
        texts = [replace(text, style=replace(text.style, colour=PAPER)) for text in texts]
        if spec.head.vertical and byline is not None:
            byline = replace(byline, style=replace(byline.style, colour=PAPER))
    return texts, byline


def _head_text(headline: Headline, style: StyleSpec, fonts: FontSet) -> HeadText:
    styled = text_style(style, fonts)
    check_characters(headline.text, styled.font, headline.origin)
    return HeadText(headline.text, headline.origin, styled, headline.breaks)


def place_head(spec: BlockSpec, texts: list[HeadText], byline: HeadText | None, context: BlockContext,
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
        draw_vertical(context.page, head, area.box, spec.head.right_to_left)
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
            report.warnings.append(warning(
                title.origin.path, title.origin.line, title.origin.field,
                f"the title area needs {stack_lines + under_lines} grid lines and block {spec.name!r} has "
                f"{room + under_lines}: {dropped_lines} headline line(s) ({dropped} characters) do not fit; "
                f"shorten the {title.origin.field} ({printed_length(title.text)} characters)", spec.name))
            stack_lines = room
        lines = stack_lines + under_lines
        area = head_area(spec, geometry, lines)
        stack = head_area(spec, geometry, stack_lines).box
        _reverse_ground(context.page, spec, replace(stack, bottom=stack.bottom - HEAD_MIN_SPACE_LINES * pitch))
        if spec.head.logo is not None:
            place_supplied(context.page, spec.head.logo,
                           Box(stack.left, stack.top, stack.left + logo_width - _logo_gap(context),
                               stack.top + spec.head.logo_lines * pitch), context.press)
        draw_horizontal(context.page, head, replace(stack, left=stack.left + logo_width), pitch)
        if byline is not None:  # under the titles, the white kept above the body moving below it
            draw_on_grid(context.page, [line.line for line in under], byline.style,
                         replace(area.box, left=area.box.left + logo_width), geometry,
                         area.first_line + stack_lines - math.ceil(HEAD_MIN_SPACE_LINES))
            texts = texts + [byline]
        needed = head.extent() + HEAD_MIN_SPACE_LINES * pitch + under_lines * pitch
    if spec.head.lines is not None and lines > spec.head.lines:
        report.warnings.append(block_warning(context, spec, "head.lines",
                                              f"the title area of {spec.head.lines} lines is too small for its "
                                              f"titles: it takes {lines} lines, pushing the body down"))
    elif needed > lines * pitch + HEAD_FIT_TOLERANCE_PT:
        report.warnings.append(block_warning(context, spec, "head.lines",
                                              f"the title area of {lines} lines is too small for its titles "
                                              f"({needed / pitch:.1f} lines)"))
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


def _reverse_ground(page: ComposedPage, spec: BlockSpec, box: Box) -> None:
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
