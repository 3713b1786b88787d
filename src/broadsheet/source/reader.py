"""Read a build's sources: its layout (or edition) and the articles its blocks set.

The layout stage is handed what this reads, as plain data; it never opens a
file.  A ``SourceReader`` kept from build to build (an editor's warm process,
``broadsheet watch``) parses a file again only when its bytes changed.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Article
from ..model.article import Articles
from ..model.page import BlockSpec, EditionSpec, LayoutSpec
from .article import read_article
from .edition import read_pages


class SourceReader:
    """Reads layouts and articles, keeping each as it was last read with the
    bytes it was read from."""

    def __init__(self) -> None:
        self._pages: tuple[Path, list[tuple[Path, bytes | None]], LayoutSpec | EditionSpec] | None = None
        self._articles: dict[tuple[Path, str | None], tuple[bytes, Article, list[Diagnostic]]] = {}

    def pages(self, path: Path) -> LayoutSpec | EditionSpec:
        """``read_pages(path)``, parsed again only when the layout (or the
        edition, or one of its pages) changed since the last read, or a file it
        names is gone (the parse names it): an article edit costs no YAML."""
        if self._pages is not None and self._pages[0] == path and all(
                _contents(file) == contents for file, contents in self._pages[1]) and all(
                file.is_file() for file, _ in self._pages[2].sources()):
            return self._pages[2]
        before = _contents(path)
        spec = read_pages(path)
        files = [spec.file, *(page.file for page in spec.pages)] if isinstance(spec, EditionSpec) else [spec.file]
        kept = [(file, _contents(file)) for file in files if file is not None]
        self._pages = (path, kept, spec) if _contents(path) == before else None   # not while it was being saved
        return spec

    def articles(self, layouts: list[LayoutSpec], notes: list[Diagnostic] | None = None) -> Articles:
        """Every article the layouts' blocks set, in print order; ``notes``
        takes the warnings about text cleaned while reading, each naming its block."""
        articles: Articles = {}
        for layout in layouts:
            for spec in layout.blocks:
                if spec.article is None:
                    continue
                article, cleaned = self._article(spec)
                articles[spec.article] = article
                if notes is not None:
                    notes.extend(replace(note, block=spec.name) for note in cleaned)
        return articles

    def _article(self, spec: BlockSpec) -> tuple[Article, list[Diagnostic]]:
        """``read_article`` for the block, parsed again only when the file's
        bytes changed (composing never changes an article)."""
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


def read_articles(layouts: list[LayoutSpec], notes: list[Diagnostic] | None = None) -> Articles:
    """Every article the layouts' blocks set, read once (a build with no warm reader)."""
    return SourceReader().articles(layouts, notes)


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
