"""Article reading: what a block sets — its article's byline, paragraphs and
section leads as flowing pieces, from the start or where a jump left off."""
from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity
from ..fonts import FontSet
from ..model import Article, ParagraphKind
from ..model.page import BlockSpec
from .characters import check_characters
from .context import BlockContext, block_warning
from .display import BlockReport
from .flow import START, FlowPosition, GroupKind
from .setting import BodySetter, Piece, TextStyle, text_style

# Paragraphs open with a two-character indent (段首空两格).
PARAGRAPH_INDENT_EM = 2.0


@dataclass
class BlockText:
    """What a block sets: its article's pieces from a starting point."""
    article: Article
    display: str
    setter: BodySetter
    start: FlowPosition
    jumped_from: int | None     # the page a continuation's text comes from


def block_text(spec: BlockSpec, article: Article | None, context: BlockContext,
               report: BlockReport) -> BlockText | None:
    """The article from its start, or for a continuation what its first part
    left (None, with a warning, when that part is not in the build)."""
    if spec.continued_from is None:
        assert article is not None
        grid = context.geometry.grid
        setter = BodySetter(body_pieces(spec, article, context.fonts, grid.body_size), context.prohibition,
                            grid.line_pitch)
        return BlockText(article, spec.article_display, setter, START, None)
    carry = context.jumps.carried.pop(spec.name, None)
    if carry is None:
        report.warnings.append(block_warning(
            context, spec, "continued_from", f"block {spec.name!r} continues {spec.continued_from!r}, which is "
            "not in this build or left no text over: the block is empty (build the edition)", Severity.NOTE))
        return None
    report.article = carry.article_display
    return BlockText(carry.article, carry.article_display, carry.setter, carry.position, carry.from_page)


def body_pieces(spec: BlockSpec, article: Article, fonts: FontSet, body_size: float) -> list[Piece]:
    """The article body in reading order: byline (unless set in the title area), paragraphs, leads."""
    pieces: list[Piece] = []
    if article.byline is not None and spec.byline_at == "body":
        style = text_style(spec.byline, fonts)
        check_characters(article.byline.text, style.font, article.byline.origin)
        pieces.append(Piece(GroupKind.BYLINE, article.byline.text, style, origin=article.byline.origin))
    body = TextStyle(fonts["body"], body_size, "left")
    lead = text_style(spec.lead, fonts)
    for paragraph in article.paragraphs:
        if paragraph.kind is ParagraphKind.LEAD:
            check_characters(paragraph.text, lead.font, paragraph.origin)
            pieces.append(Piece(GroupKind.LEAD, paragraph.text, lead, headline=True, origin=paragraph.origin))
        else:
            check_characters(paragraph.text, body.font, paragraph.origin)
            pieces.append(Piece(GroupKind.PARAGRAPH, paragraph.text, body, PARAGRAPH_INDENT_EM,
                                origin=paragraph.origin))
    return pieces
