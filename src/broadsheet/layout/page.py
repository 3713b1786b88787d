"""Compose pages: furniture (报眉 or 报头), article blocks, pictures, reserved spaces, rules.

Pages of an edition are composed in print order, so the text a block hands
on at a jump (转版) is waiting when its continuation's page comes.

A ``Composer`` kept across builds (an editor's warm process, ``broadsheet
watch``) keeps each block's composed output keyed by everything it was made
from, so a rebuild recomposes only the blocks whose article or spec changed.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from dataclasses import replace

from ..diagnostics import Diagnostic
from ..fonts import FontSet, load_font_set
from ..model import Article
from ..model.page import BlockSpec, EditionSpec, LayoutSpec
from ..source.article import read_article
from ..source.edition import read_pages
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


def compose_pages(layouts: list[LayoutSpec], notes: list[Diagnostic] | None = None,
                  starting: Callable[[str], None] | None = None) -> list[ComposedPage]:
    """Compose pages in print order, carrying jumped text from page to page;
    ``starting`` is told each layout's path as its page begins."""
    return Composer().compose_pages(layouts, notes, starting)


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
        self._spec: tuple[Path, list[tuple[Path, bytes]], LayoutSpec | EditionSpec] | None = None
        self._articles: dict[tuple[Path, str | None], tuple[bytes, Article, list[Diagnostic]]] = {}
        self.reused = 0         # blocks taken from the last build, in the latest build
        self.composed = 0       # blocks composed afresh

    def read(self, path: Path) -> LayoutSpec | EditionSpec:
        """``read_pages(path)``, parsed again only when the layout (or the
        edition, or one of its pages) changed since the last read, or a file it
        names is gone (the parse names it): an article edit costs no YAML."""
        if self._spec is not None and self._spec[0] == path and all(
                _contents(file) == contents for file, contents in self._spec[1]) and all(
                file.is_file() for file, _ in self._spec[2].sources()):
            return self._spec[2]
        before = _contents(path)
        spec = read_pages(path)
        files = [spec.file, *(page.file for page in spec.pages)] if isinstance(spec, EditionSpec) else [spec.file]
        kept = [(file, _contents(file)) for file in files if file is not None]
        self._spec = (path, kept, spec) if _contents(path) == before else None   # not while it was being saved
        return spec

    def article(self, spec: BlockSpec) -> tuple[Article, list[Diagnostic]]:
        """``read_article`` for the block, parsed again only when the file's
        bytes changed since the last build (the article as read, and the
        notes its reading made); composing never changes an article."""
        key = (spec.article, spec.article_display)
        contents = _contents(spec.article)
        kept = self._articles.get(key)
        if kept is not None and contents is not None and kept[0] == contents:
            return kept[1], list(kept[2])
        cleaned: list[Diagnostic] = []
        article = read_article(spec.article, display=spec.article_display, notes=cleaned)
        if contents is not None and _contents(spec.article) == contents:   # not while it was being saved
            self._articles[key] = (contents, article, list(cleaned))
        return article, cleaned

    def compose_pages(self, layouts: list[LayoutSpec], notes: list[Diagnostic] | None = None,
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
                    pages.append(compose_page(layout, jumps, notes, self))
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


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _display_lists(page: ComposedPage) -> dict[str, list]:
    """The page's lists of things to draw (every list but its reports and warnings)."""
    return {field.name: getattr(page, field.name) for field in dataclasses.fields(page)
            if field.name not in ("blocks", "warnings") and isinstance(getattr(page, field.name), list)}


def _copied(report: BlockReport) -> BlockReport:
    """A report whose lists the caller may change without changing the kept one."""
    return dataclasses.replace(report, **{field.name: list(value) for field in dataclasses.fields(report)
                                          if isinstance(value := getattr(report, field.name), list)})


def compose_page(layout: LayoutSpec, jumps: JumpBook, notes: list[Diagnostic] | None,
                 composer: Composer | None = None) -> ComposedPage:
    """One page; ``jumps`` knows every block's page and holds the text carried to
    this one; a ``composer`` reuses the blocks it kept from its last build."""
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
        article = None
        if spec.article is not None:
            if composer is not None:
                article, cleaned = composer.article(spec)
            else:
                cleaned = []
                article = read_article(spec.article, display=spec.article_display, notes=cleaned)
            if notes is not None:
                notes.extend(replace(note, block=spec.name) for note in cleaned)
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
