"""The document model: articles and page layouts as plain dataclasses."""
from .article import Article, Headline, Origin, Paragraph, ParagraphKind, QRCode
from .page import (BlockSpec, FrameRect, GridSpec, HeadSpec, LayoutSpec, PageSpec, QRSpec,
                   RunningHead, StyleSpec)

__all__ = ["Article", "Headline", "Origin", "Paragraph", "ParagraphKind", "QRCode", "BlockSpec",
           "FrameRect", "GridSpec", "HeadSpec", "LayoutSpec", "PageSpec", "QRSpec", "RunningHead",
           "StyleSpec"]
