"""Article reading: what a block sets — its article's byline, paragraphs,
section leads, list items, block quotes, 导读 entries and tables as flowing
pieces, from the start or where a jump left off.

Inline runs change face, never size: ``**bold**`` takes the strong face
(黑体), ``*emphasis*`` the emphasis face (楷体), or the body face inside a
paragraph already in 楷体.  Interviews follow the block's house option for
question paragraphs (``questions:``): as written, a bold ``记者：`` lead-in
and the question in the body face, or whole question paragraphs in 楷体."""
from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity
from ..fonts import FontSet, LoadedFont
from ..model import Article, Emphasis, Paragraph, ParagraphKind
from ..model.page import BlockSpec, BylinePlace, LineAlign, QuestionStyle
from .characters import check_characters, check_faces
from .context import BlockContext, block_warning
from .display import BlockReport
from .flow import START, FlowPosition, GroupKind
from .rich import hanging_indent, table_text
from .setting import BodySetter, Piece, TextStyle, text_style

# Paragraphs open with a two-character indent (段首空两格).
PARAGRAPH_INDENT_EM = 2.0
# Block quotes stand two characters in from the column's left edge.
QUOTE_INDENT_EM = 2.0
STRONG_ROLE = "strong"
EMPHASIS_ROLE = "emphasis"
# The lead-ins that open an interviewer's question (a bold run at a
# paragraph's start ending in a colon).
INTERVIEWER_LEAD_INS = ("记者：", "本报记者：", "问：", "主持人：")


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
    """The article body in reading order: byline (unless set in the title area),
    then its paragraphs, leads, list items, quotes, 导读 entries and tables."""
    pieces: list[Piece] = []
    if article.byline is not None and spec.byline_at is BylinePlace.BODY:
        style = text_style(spec.byline, fonts)
        check_characters(article.byline.text, style.font, article.byline.origin)
        pieces.append(Piece(GroupKind.BYLINE, article.byline.text, style, origin=article.byline.origin))
    lead = text_style(spec.lead, fonts)
    for paragraph in article.paragraphs:
        if paragraph.kind is ParagraphKind.LEAD:
            check_characters(paragraph.text, lead.font, paragraph.origin)
            pieces.append(Piece(GroupKind.LEAD, paragraph.text, lead, headline=True, origin=paragraph.origin))
        else:
            pieces.append(paragraph_piece(paragraph, fonts, body_size, spec.questions))
    return pieces


def paragraph_piece(paragraph: Paragraph, fonts: FontSet, body_size: float, questions: QuestionStyle) -> Piece:
    """A paragraph other than a section lead at body size: running text with
    its runs, a list item, a block quote, a 导读 entry or a table."""
    body = TextStyle(fonts["body"], body_size, LineAlign.LEFT)
    kai = TextStyle(fonts[EMPHASIS_ROLE], body_size, LineAlign.LEFT)
    kind = paragraph.kind
    if kind is ParagraphKind.TABLE:
        assert paragraph.table is not None
        text = table_text(paragraph.table)
        header = len("".join(paragraph.table.header))   # set in the strong face
        check_faces(text, (body.font, fonts[STRONG_ROLE]), [1] * header + [0] * (len(text) - header),
                    paragraph.origin)
        return Piece(GroupKind.TABLE, text, body, origin=paragraph.origin, faces=(fonts[STRONG_ROLE],),
                     table=paragraph.table)
    if kind is ParagraphKind.ENTRY:
        check_characters(paragraph.text, body.font, paragraph.origin)
        check_characters(paragraph.page, fonts[STRONG_ROLE], paragraph.origin)
        return Piece(GroupKind.PARAGRAPH, paragraph.text, body, origin=paragraph.origin,
                     faces=(fonts[STRONG_ROLE],), page=paragraph.page)
    if kind is ParagraphKind.QUOTE:
        return _text_piece(paragraph, kai, fonts, PARAGRAPH_INDENT_EM, QUOTE_INDENT_EM)
    if kind is ParagraphKind.ITEM:
        left = hanging_indent(paragraph.label or "1.", body.font.metrics, paragraph.level)
        return _text_piece(paragraph, body, fonts, 0.0, left, paragraph.label)
    own = kai if questions is QuestionStyle.KAI and is_question(paragraph) else body
    return _text_piece(paragraph, own, fonts, PARAGRAPH_INDENT_EM)


def is_question(paragraph: Paragraph) -> bool:
    """An interviewer's question: it opens with a bold lead-in such as 记者：."""
    if not paragraph.spans:
        return False
    first = paragraph.spans[0]
    lead_in = paragraph.text[first.start:first.end]
    return first.start == 0 and first.emphasis is Emphasis.STRONG and lead_in in INTERVIEWER_LEAD_INS


def _text_piece(paragraph: Paragraph, style: TextStyle, fonts: FontSet, indent_em: float, left_em: float = 0.0,
                label: str = "") -> Piece:
    """A paragraph of running text, its inline runs in their faces."""
    faces: list[LoadedFont] = []
    face_of = [0] * len(paragraph.text)
    for span in paragraph.spans:
        font = _run_font(span.emphasis, style.font, fonts)
        if font.name == style.font.name:
            index = 0
        else:
            if font not in faces:
                faces.append(font)
            index = faces.index(font) + 1
        face_of[span.start:span.end] = [index] * (span.end - span.start)
    check_faces(paragraph.text, (style.font, *faces), face_of, paragraph.origin)
    check_characters(label, style.font, paragraph.origin)
    return Piece(GroupKind.PARAGRAPH, paragraph.text, style, indent_em, origin=paragraph.origin,
                 faces=tuple(faces), face_of=tuple(face_of) if faces else (), left_em=left_em, label=label)


def _run_font(emphasis: Emphasis, own: LoadedFont, fonts: FontSet) -> LoadedFont:
    """The face of a run: 黑体 for strong; 楷体 for emphasis, or the body
    face where the paragraph itself is in 楷体."""
    if emphasis is Emphasis.STRONG:
        return fonts[STRONG_ROLE]
    kai = fonts[EMPHASIS_ROLE]
    return fonts["body"] if own.name == kai.name else kai
