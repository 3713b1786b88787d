"""Compose a whole page: furniture (报眉 or 报头), article blocks, reserved spaces, rules."""
from __future__ import annotations

from ..fonts import FontSet, load_font_set
from ..model import Origin
from ..model.page import FrameRect, LayoutSpec
from ..source.article import read_article
from ..text.justify import set_paragraph
from ..text.linebreak import Measure
from ..units import mm
from .block import check_characters, compose_block
from .display import ComposedPage, Outline, Rule
from .geometry import PageGeometry
from .runs import line_runs

# 报眉: a heavy rule over a hairline (文武线) under the running head.
HEAD_RULE_HEAVY = 1.5
HEAD_RULE_LIGHT = 0.5
HEAD_RULE_GAP = 1.5
RUNNING_HEAD_RAISE = mm(4)      # running head baseline above its rules
RUNNING_HEAD_RULE_DROP = mm(3)  # rules above the type area
RUNNING_HEAD_SIZE = 16.0        # 三号 for the section name
RUNNING_HEAD_DETAIL_SIZE = 9.0  # 小五 for paper, date, page, editor
# Rules between neighbouring blocks and around reserved spaces.
BLOCK_RULE_WEIGHT = 0.75
AD_LABEL_SIZE = 24.0


def compose_page(layout: LayoutSpec, notes: list[str] | None = None) -> ComposedPage:
    fonts = load_font_set(layout.fonts, source=layout.path)
    geometry = PageGeometry(layout.page, layout.grid)
    page = ComposedPage(layout.page_number, layout.title, layout.page.trim_width, layout.page.trim_height,
                        layout.page.bleed)
    if layout.running_head is not None:
        _running_head(page, layout, fonts, geometry)
    for spec in layout.blocks:
        article = read_article(spec.article, display=spec.article_display, notes=notes)
        report = compose_block(spec, article, fonts, geometry, page, layout.prohibition)
        page.blocks.append(report)
        page.warnings.extend(report.warnings)
    for ad in layout.ads:
        _reserved_space(page, ad.rect, ad.label, fonts, geometry)
    if layout.column_rules:
        _block_rules(page, layout, geometry)
    return page


def _text(page: ComposedPage, text: str, fonts: FontSet, role: str, size: float, x: float, baseline: float,
          align: str = "left", source: str = "") -> float:
    """One line of furniture text; returns its width (pt)."""
    font = fonts[role]
    check_characters(text, font, Origin(source, 0, role))
    lines = set_paragraph(text, font.metrics, Measure(10_000))
    if not lines:
        return 0.0
    width = lines[0].width * size
    offset = {"left": 0.0, "center": -width / 2, "right": -width}[align]
    page.runs.extend(line_runs(lines[0], font.metrics, font.name, size, x + offset, baseline))
    return width


def _running_head(page: ComposedPage, layout: LayoutSpec, fonts: FontSet, geometry: PageGeometry) -> None:
    head = layout.running_head
    rule_y = geometry.type_top - RUNNING_HEAD_RULE_DROP
    baseline = rule_y - RUNNING_HEAD_RAISE
    left, right = geometry.type_left, geometry.type_right
    source = f"{layout.path} [running_head]"
    _text(page, head.section, fonts, "running_head", RUNNING_HEAD_SIZE, left, baseline, source=source)
    details = "　".join(part for part in (head.paper, head.date, f"第{head.page_number}版" if head.page_number else "",
                                          f"责任编辑：{head.editor}" if head.editor else "") if part)
    _text(page, details, fonts, "body", RUNNING_HEAD_DETAIL_SIZE, right, baseline, "right", source)
    page.rules.append(Rule(left, rule_y, right, rule_y, HEAD_RULE_HEAVY))
    light_y = rule_y + HEAD_RULE_HEAVY / 2 + HEAD_RULE_GAP + HEAD_RULE_LIGHT / 2
    page.rules.append(Rule(left, light_y, right, light_y, HEAD_RULE_LIGHT))


def _rect_box(rect: FrameRect, geometry: PageGeometry) -> tuple[float, float, float, float]:
    left = geometry.column_x(rect.first_column)
    right = geometry.column_x(rect.last_column) + geometry.grid.column_width
    return left, geometry.line_top(rect.first_line), right, geometry.line_top(rect.last_line + 1)


def _reserved_space(page: ComposedPage, rect: FrameRect, label: str, fonts: FontSet, geometry: PageGeometry) -> None:
    left, top, right, bottom = _rect_box(rect, geometry)
    page.outlines.append(Outline(left, top, right - left, bottom - top, BLOCK_RULE_WEIGHT))
    if label:
        _text(page, label, fonts, "running_head", AD_LABEL_SIZE, (left + right) / 2,
              (top + bottom) / 2 + AD_LABEL_SIZE * 0.38, "center", "ads")


def _block_rules(page: ComposedPage, layout: LayoutSpec, geometry: PageGeometry) -> None:
    """A rule between blocks that meet: across a shared gap line, or down a shared gutter."""
    owners = [(block.name, rect) for block in layout.blocks for rect in block.rects]
    grid = geometry.grid
    for name, upper in owners:
        for other, lower in owners:
            if other == name:
                continue
            gap = lower.first_line - upper.last_line - 1
            first = max(upper.first_column, lower.first_column)
            last = min(upper.last_column, lower.last_column)
            if gap in (0, 1) and first <= last:
                y = geometry.line_top(upper.last_line + 1) + gap * grid.line_pitch / 2
                page.rules.append(Rule(geometry.column_x(first), y,
                                       geometry.column_x(last) + grid.column_width, y, BLOCK_RULE_WEIGHT))
            if lower.first_column == upper.last_column + 1:
                top = max(upper.first_line, lower.first_line)
                bottom = min(upper.last_line, lower.last_line)
                if top <= bottom:
                    x = geometry.column_x(lower.first_column) - grid.gutter / 2
                    page.rules.append(Rule(x, geometry.line_top(top), x, geometry.line_top(bottom + 1),
                                           BLOCK_RULE_WEIGHT))
