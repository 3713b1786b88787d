"""An article body as the pieces the flow sets: byline, paragraphs with their
inline runs, section leads, list items, block quotes, 导读 entries, tables.

Inline runs change face, never size: ``**bold**`` takes the strong face
(黑体), ``*emphasis*`` the emphasis face (楷体), or the body face inside a
paragraph already in 楷体.  Interviews follow the block's house option for
question paragraphs (``questions:``): as written, a bold ``记者：`` lead-in
and the question in the body face, or whole question paragraphs in 楷体.
"""
from __future__ import annotations

import unicodedata

from ..errors import SourceError
from ..fonts import FontSet, LoadedFont
from ..model import Article, Emphasis, Origin, Paragraph, ParagraphKind
from ..model.page import BlockSpec, QuestionStyle, StyleSpec
from .flow import GroupKind
from .rich import hanging_indent, table_text
from .setting import Piece, TextStyle

# Paragraphs open with a two-character indent (段首空两格).
PARAGRAPH_INDENT_EM = 2.0
# Block quotes stand two characters in from the column's left edge.
QUOTE_INDENT_EM = 2.0
# An error about a character quotes this many characters either side of it.
CONTEXT_CHARS = 6
STRONG_ROLE = "strong"
EMPHASIS_ROLE = "emphasis"
# The lead-ins that open an interviewer's question (a bold run at a
# paragraph's start ending in a colon).
INTERVIEWER_LEAD_INS = ("记者：", "本报记者：", "问：", "主持人：")
COLON = "："


def check_characters(text: str, font: LoadedFont, origin: Origin) -> None:
    """A character the face cannot draw is an error, never a blank box.  The
    message quotes it in its context, as a paragraph spans several lines."""
    for index, char in enumerate(text):
        if not font.metrics.has(char):
            _missing(text, index, font, origin)


def _missing(text: str, index: int, font: LoadedFont, origin: Origin) -> None:
    char = text[index]
    name = unicodedata.name(char, "")
    context = text[max(0, index - CONTEXT_CHARS):index + CONTEXT_CHARS + 1]
    raise SourceError(origin.path, origin.line, origin.field,
                      f"character {char!r} (U+{ord(char):04X}{' ' + name if name else ''}) in "
                      f"“{context}” is not in the font {font.path.name}; replace it or name a font "
                      "that has it")


def style_of(spec: StyleSpec, fonts: FontSet) -> TextStyle:
    return TextStyle(fonts[spec.role], spec.size, spec.align)


def article_pieces(spec: BlockSpec, article: Article, fonts: FontSet, body_size: float) -> list[Piece]:
    """The article body in reading order: byline (unless set in the title area),
    then its paragraphs, leads, list items, quotes, 导读 entries and tables."""
    pieces: list[Piece] = []
    if article.byline is not None and spec.byline_at == "body":
        style = style_of(spec.byline, fonts)
        check_characters(article.byline.text, style.font, article.byline.origin)
        pieces.append(Piece(GroupKind.BYLINE, article.byline.text, style, origin=article.byline.origin))
    body = TextStyle(fonts["body"], body_size, "left")
    kai = TextStyle(fonts[EMPHASIS_ROLE], body_size, "left")
    lead = style_of(spec.lead, fonts)
    for paragraph in article.paragraphs:
        kind = paragraph.kind
        if kind is ParagraphKind.LEAD:
            check_characters(paragraph.text, lead.font, paragraph.origin)
            pieces.append(Piece(GroupKind.LEAD, paragraph.text, lead, headline=True, origin=paragraph.origin))
        elif kind is ParagraphKind.TABLE:
            assert paragraph.table is not None
            text = table_text(paragraph.table)
            check_characters(text, fonts[STRONG_ROLE], paragraph.origin)
            check_characters(text, body.font, paragraph.origin)
            pieces.append(Piece(GroupKind.PARAGRAPH, text, body, origin=paragraph.origin,
                                faces=(fonts[STRONG_ROLE],), table=paragraph.table))
        elif kind is ParagraphKind.ENTRY:
            check_characters(paragraph.text, body.font, paragraph.origin)
            check_characters(paragraph.page, fonts[STRONG_ROLE], paragraph.origin)
            pieces.append(Piece(GroupKind.PARAGRAPH, paragraph.text, body, origin=paragraph.origin,
                                faces=(fonts[STRONG_ROLE],), page=paragraph.page))
        elif kind is ParagraphKind.QUOTE:
            pieces.append(_text_piece(paragraph, kai, fonts, PARAGRAPH_INDENT_EM, QUOTE_INDENT_EM))
        elif kind is ParagraphKind.ITEM:
            left = hanging_indent(paragraph.label or "1.", body.font.metrics, paragraph.level)
            pieces.append(_text_piece(paragraph, body, fonts, 0.0, left, paragraph.label))
        else:
            own = kai if spec.questions is QuestionStyle.KAI and is_question(paragraph) else body
            pieces.append(_text_piece(paragraph, own, fonts, PARAGRAPH_INDENT_EM))
    return pieces


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
    all_faces = (style.font, *faces)
    for index, char in enumerate(paragraph.text):
        if not all_faces[face_of[index]].metrics.has(char):
            _missing(paragraph.text, index, all_faces[face_of[index]], paragraph.origin)
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
