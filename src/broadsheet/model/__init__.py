"""The document model: articles and page layouts as plain dataclasses."""
from .article import Alignment, Article, Emphasis, Headline, Origin, Paragraph, ParagraphKind, QRCode, Span, Table
from .page import (BlockSpec, FrameRect, GridSpec, HeadSpec, LayoutSpec, PageSpec, QRSpec,
                   RunningHead, StyleSpec)

__all__ = ["Alignment", "Article", "Emphasis", "Span", "Table", "Headline", "Origin", "Paragraph", "ParagraphKind", "QRCode", "BlockSpec",
           "FrameRect", "GridSpec", "HeadSpec", "LayoutSpec", "PageSpec", "QRSpec", "RunningHead",
           "StyleSpec"]
