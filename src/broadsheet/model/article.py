"""The document model: what the sources say, as plain dataclasses.

Source parsers produce these; the text and layout stages read them.  Every
piece of text keeps the file and line it came from, so an error about it can
say where to look.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class ParagraphKind(Enum):
    BODY = "body"
    LEAD = "lead"      # 小标题: a section lead
    ITEM = "item"      # a list item (its label hangs in the indent)
    QUOTE = "quote"    # a block quote: indented, in 楷体
    ENTRY = "entry"    # a 导读 entry: text, dot leaders, page reference flush right
    TABLE = "table"    # a data table


class Emphasis(Enum):
    """An inline run's face, relative to its paragraph's."""
    STRONG = "strong"      # **…**: 黑体 (the bold face of the role)
    EMPHASIS = "emphasis"  # *…*: 楷体


@dataclass(frozen=True)
class Origin:
    """Where a piece of text came from."""
    path: str
    line: int
    field: str


@dataclass(frozen=True)
class Span:
    """Characters start..end-1 of a paragraph set in another face."""
    start: int
    end: int
    emphasis: Emphasis


class Alignment(Enum):
    """How a table column's cells sit in it."""
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    DECIMAL = "decimal"    # figures aligned on their decimal point


@dataclass(frozen=True)
class Table:
    """A data table: a header row and body rows of cell texts."""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    alignment: tuple[Alignment, ...]
    row_lines: tuple[int, ...] = ()     # source line of each body row


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    text: str
    origin: Origin
    spans: tuple[Span, ...] = ()    # inline runs in other faces, in text order
    label: str = ""                 # a list item's number or bullet (its first paragraph only)
    level: int = 1                  # a list item's nesting depth
    page: str = ""                  # a 导读 entry's page reference ("2版")
    table: Table | None = None


@dataclass(frozen=True)
class QRCode:
    url: str
    caption: str
    origin: Origin          # where the url is
    caption_origin: Origin


@dataclass(frozen=True)
class Headline:
    text: str
    origin: Origin
    breaks: tuple[int, ...] = ()    # the editor's line breaks: offsets in ``text`` where a line starts


def split_at(text: str, breaks: tuple[int, ...]) -> list[str]:
    """``text`` cut before each offset in ``breaks``."""
    bounds = [0, *breaks, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


@dataclass
class Article:
    path: str
    title: Headline
    kicker: Headline | None = None
    subtitle: Headline | None = None
    byline: Headline | None = None
    qr: QRCode | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def texts(self) -> list[tuple[str, Origin]]:
        """Every piece of text the article prints, in reading order."""
        parts: list[tuple[str, Origin]] = []
        for headline in (self.kicker, self.title, self.subtitle, self.byline):
            if headline is not None:
                parts.append((headline.text, headline.origin))
        parts.extend((paragraph.text, paragraph.origin) for paragraph in self.paragraphs)
        if self.qr is not None and self.qr.caption:
            parts.append((self.qr.caption, self.qr.caption_origin))
        return parts


# A build's articles, by the file each was read from (source/reader.py reads them).
Articles = dict[Path, Article]
