"""Compose pages: furniture (报眉 or 报头), article blocks, pictures, reserved spaces, rules.

Pages of an edition are composed in print order, so the text a block hands
on at a jump (转版) is waiting when its continuation's page comes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..diagnostics import Diagnostic
from ..fonts import FontSet, load_font_set
from ..model.page import LayoutSpec
from ..source.article import read_article
from ..text.metrics import FontMetrics
from .block import compose_block
from .context import BlockContext
from .display import ComposedPage
from .furniture import masthead, reserved_space, running_head
from .geometry import PageGeometry
from .jumps import JumpBook
from .pictures import place_picture
from .rules import block_rules, box_rules
from .traps import Ink, area_inks, collision_warnings, hole_warnings, rule_ink, text_ink, trim_warnings


def compose_pages(layouts: list[LayoutSpec], notes: list[Diagnostic] | None = None,
                  starting: Callable[[str], None] | None = None) -> list[ComposedPage]:
    """Compose pages in print order, carrying jumped text from page to page;
    ``starting`` is told each layout's path as its page begins."""
    jumps = JumpBook({block.name: layout.page_number for layout in layouts for block in layout.blocks})
    pages = []
    for layout in layouts:
        if starting is not None:
            starting(layout.path)
        pages.append(compose_page(layout, jumps, notes))
    return pages


def compose_page(layout: LayoutSpec, jumps: JumpBook, notes: list[Diagnostic] | None) -> ComposedPage:
    """One page; ``jumps`` knows every block's page and holds the text carried to this one."""
    fonts = load_font_set(layout.fonts, source=layout.path, lines=layout.font_lines)
    geometry = PageGeometry(layout.page, layout.grid)
    page = ComposedPage(layout.page_number, layout.title, layout.page.trim_width, layout.page.trim_height,
                        layout.page.bleed)
    context = BlockContext(fonts, geometry, page, layout.prohibition, layout.path, jumps, layout.column_rules)
    furniture_key = "running_head" if layout.running_head is not None else "masthead"
    if layout.running_head is not None:
        running_head(page, layout, fonts, geometry)
    if layout.masthead is not None:
        masthead(page, layout, fonts, geometry)
    furniture = [Ink(text_ink(run, _metrics(fonts)), f"the {furniture_key} text “{run.text}”", run.baseline,
                     run.size) for run in page.runs]
    furniture_rules = [Ink(rule_ink(rule), f"the {furniture_key}'s rule") for rule in page.rules]
    for spec in layout.blocks:
        article = None
        if spec.article is not None:
            cleaned: list[Diagnostic] = []
            article = read_article(spec.article, display=spec.article_display, notes=cleaned)
            if notes is not None:
                notes.extend(replace(note, block=spec.name) for note in cleaned)
        report = compose_block(spec, article, context)
        page.blocks.append(report)
        page.warnings.extend(report.warnings)
        if spec.box:
            page.rules.extend(box_rules(spec, geometry))
    # A block's pictures are placed with the page's; the block's text runs round them.
    for picture in [*layout.pictures, *(picture for block in layout.blocks for picture in block.pictures)]:
        place_picture(page, picture, geometry, fonts, layout.prohibition, layout.press)
    for ad in layout.ads:
        reserved_space(page, geometry.box(ad.rect), ad.label, fonts, ad.origin)
    if layout.block_rules:
        page.rules.extend(block_rules(layout, geometry))
    page.warnings.extend(hole_warnings(layout))
    page.warnings.extend(collision_warnings(furniture, furniture_rules, area_inks(layout, geometry), layout.path,
                                            furniture_key))
    page.warnings.extend(trim_warnings(page, _metrics(fonts), layout.path))
    return page


def _metrics(fonts: FontSet) -> dict[str, FontMetrics]:
    return {name: font.metrics for name, font in fonts.used.items()}
