"""Compose pages: furniture (报眉 or 报头), article blocks, pictures, reserved spaces, rules.

Pages of an edition are composed in print order, so the text a block hands
on at a jump (转版) is waiting when its continuation's page comes.

A ``Composer`` kept across builds (an editor's warm process, ``broadsheet
watch``) keeps each block's composed output keyed by everything it was made
from, so a rebuild recomposes only the blocks whose article or spec changed.
Pages are handed their articles as read (source/reader.py): this stage opens
no source file.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..fonts import FontSet, load_font_set
from ..model import Article
from ..model.article import Articles
from ..model.page import BlockSpec, LayoutSpec
from ..text.metrics import FontMetrics
from .block import compose_block
from .columns import insets
from .context import BlockContext
from .display import BlockReport, ComposedPage
from .furniture import advertisement, masthead, running_head
from .geometry import PageGeometry
from .jumps import JumpBook
from .pictures import place_picture
from .rules import block_rules, box_rules, tint_fills
from .setting import KeptParagraphs
from .traps import Ink, area_inks, collision_warnings, hole_warnings, rule_ink, text_ink, trim_warnings


def compose_pages(layouts: list[LayoutSpec], articles: Articles,
                  starting: Callable[[str], None] | None = None) -> list[ComposedPage]:
    """Compose pages in print order, carrying jumped text from page to page;
    ``articles``: the blocks' articles as read, by file; ``starting`` is told
    each layout's path as its page begins."""
    return Composer().compose_pages(layouts, articles, starting)


@dataclasses.dataclass
class _ComposedBlock:
    """What composing one block added to its page: its report and, for each
    list of the page's display (runs, rules, QR codes …), the items it appended."""
    report: BlockReport
    added: dict[str, list]


class Composer:
    """Composes pages, keeping each composed block for the next build.

    A block is reused when its inputs are equal: its spec, its article as
    read, the page's geometry, fonts and prohibition rules, the layout's path
    (messages name it) and page number.  A block at either end of a jump
    (转版) is always composed afresh: what it sets depends on another page.
    A block composed afresh takes the paragraphs its last build set that an
    edit left unchanged (``KeptParagraphs``).  Only what the latest build
    used is kept."""

    def __init__(self) -> None:
        self._blocks: dict[tuple, _ComposedBlock] = {}
        self._kept: dict[tuple, _ComposedBlock] = {}
        self._paragraphs = KeptParagraphs()
        self.reused = 0         # blocks taken from the last build, in the latest build
        self.composed = 0       # blocks composed afresh

    def compose_pages(self, layouts: list[LayoutSpec], articles: Articles,
                      starting: Callable[[str], None] | None = None) -> list[ComposedPage]:
        """As ``compose_pages``, reusing the blocks of the last build whose inputs are unchanged."""
        jumps = JumpBook({block.name: layout.page_number for layout in layouts for block in layout.blocks})
        self._kept, self.reused, self.composed = {}, 0, 0
        pages = []
        try:
            with self._paragraphs.build():
                for layout in layouts:
                    if starting is not None:
                        starting(layout.path)
                    pages.append(compose_page(layout, articles, jumps, self))
        finally:
            self._blocks = self._kept
        return pages

    def block(self, spec: BlockSpec, article: Article | None, context: BlockContext,
              layout: LayoutSpec) -> BlockReport:
        """Compose one block onto ``context.page``, or replay its output from the last build."""
        if spec.continued_from is not None or spec.continued_to is not None:
            self.composed += 1
            return compose_block(spec, article, context)
        key = (repr(spec), repr(article), layout.path, layout.page_number, repr(layout.page), repr(layout.grid),
               layout.prohibition, layout.column_rules, repr(sorted(context.fonts.paths.items())),
               _stamps(layout))
        page = context.page
        cached = self._blocks.get(key)
        if cached is None:
            before = {name: len(items) for name, items in _display_lists(page).items()}
            report = compose_block(spec, article, context)
            cached = _ComposedBlock(_copied(report), {name: items[before[name]:]
                                                      for name, items in _display_lists(page).items()})
            self.composed += 1
        else:
            for name, items in cached.added.items():
                getattr(page, name).extend(items)
            report = _copied(cached.report)
            self.reused += 1
        self._kept[key] = cached
        return report


def _stamps(layout: LayoutSpec) -> tuple:
    """Size and modification time of the files other than articles that a
    block may be made from (a column logo, the page's pictures and fonts): one
    replaced under the same name composes the block afresh."""
    read = {layout.file, *(block.article for block in layout.blocks)}   # compared by content
    names = [path for path, _ in layout.sources() if path not in read]
    stamps = []
    for path in names:
        try:
            status = path.stat()
        except OSError:
            stamps.append((str(path), None))
            continue
        stamps.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(stamps)


def _display_lists(page: ComposedPage) -> dict[str, list]:
    """The page's lists of things to draw (every list but its reports and warnings)."""
    return {field.name: getattr(page, field.name) for field in dataclasses.fields(page)
            if field.name not in ("blocks", "warnings") and isinstance(getattr(page, field.name), list)}


def _copied(report: BlockReport) -> BlockReport:
    """A report whose lists the caller may change without changing the kept one."""
    return dataclasses.replace(report, **{field.name: list(value) for field in dataclasses.fields(report)
                                          if isinstance(value := getattr(report, field.name), list)})


def compose_page(layout: LayoutSpec, articles: Articles, jumps: JumpBook,
                 composer: Composer | None = None) -> ComposedPage:
    """One page; ``articles`` holds its blocks' articles as read; ``jumps``
    knows every block's page and holds the text carried to this one; a
    ``composer`` reuses the blocks it kept from its last build."""
    fonts = load_font_set(layout.fonts, source=layout.path, lines=layout.font_lines)
    geometry = PageGeometry(layout.page, layout.grid)
    page = ComposedPage(layout.page_number, layout.title, layout.page.trim_width, layout.page.trim_height,
                        layout.page.bleed)
    context = BlockContext(fonts, geometry, page, layout.prohibition, layout.path, jumps, layout.column_rules,
                           layout.press)
    furniture_key = "running_head" if layout.running_head is not None else "masthead"
    if layout.running_head is not None:
        running_head(page, layout, fonts, geometry)
    if layout.masthead is not None:
        masthead(page, layout, fonts, geometry)
    furniture = [Ink(text_ink(run, _metrics(fonts)), f"the {furniture_key} text “{run.text}”", run.baseline,
                     run.size) for run in page.runs]
    furniture_rules = [Ink(rule_ink(rule), f"the {furniture_key}'s rule") for rule in page.rules]
    for spec in layout.blocks:
        article = articles[spec.article] if spec.article is not None else None
        if composer is not None:
            report = composer.block(spec, article, context, layout)
        else:
            report = compose_block(spec, article, context)
        page.blocks.append(report)
        page.warnings.extend(report.warnings)
        if spec.tint is not None:
            page.fills.extend(tint_fills(spec, geometry))
        if spec.box and spec.box_rule:
            page.rules.extend(box_rules(spec, geometry))
    for picture in layout.pictures:
        place_picture(page, picture, geometry, fonts, layout.prohibition, layout.press)
    for spec in layout.blocks:   # the block's text runs round its pictures
        for picture in spec.pictures:
            place_picture(page, picture, geometry, fonts, layout.prohibition, layout.press,
                          insets(spec, picture.rect))
    for ad in layout.ads:
        advertisement(page, geometry.box(ad.rect), ad, fonts, layout)
    if layout.block_rules:
        page.rules.extend(block_rules(layout, geometry))
    page.warnings.extend(hole_warnings(layout))
    page.warnings.extend(collision_warnings(furniture, furniture_rules, area_inks(layout, geometry), layout.path,
                                            furniture_key))
    page.warnings.extend(trim_warnings(page, _metrics(fonts), layout.path))
    return page


def _metrics(fonts: FontSet) -> dict[str, FontMetrics]:
    return {name: font.metrics for name, font in fonts.used.items()}
