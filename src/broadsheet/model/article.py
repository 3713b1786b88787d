"""The document model: what the sources say, as plain dataclasses.

Source parsers produce these; the text and layout stages read them.  Every
piece of text keeps the file and line it came from, so an error about it can
say where to look.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ParagraphKind(Enum):
    BODY = "body"
    LEAD = "lead"      # 小标题: a section lead


@dataclass(frozen=True)
class Origin:
    """Where a piece of text came from."""
    path: str
    line: int
    field: str


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    text: str
    origin: Origin


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
