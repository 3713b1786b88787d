"""An article's body: the Markdown subset broadsheet sets, read with markdown-it-py.

Set: paragraphs; ``## `` section leads (小标题); ``**bold**`` (黑体) and
``*emphasis*`` (楷体) runs; bulleted and numbered lists; block quotes; tables;
导读 entries (list items ending in leaders and a page reference,
``- 江州港吞吐量首季增长12.3% …… 2版``).  Everything else CommonMark knows
is a warning naming the file and line; its text is set as plain text where
it has any (other heading levels as leads, code as body text, a link's
words), dropped where it has none (images, HTML, rules).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType

from ..diagnostics import Diagnostic, warning
from ..errors import SourceError
from ..model import Alignment, Emphasis, Origin, Paragraph, ParagraphKind, Span, Table
from .bounds import MAX_PARAGRAPH_CHARACTERS
from .text import collapse_spaces, remove_invisible, removal_notes

LEAD_HEADING = "h2"
BULLET = "●"
# 导读: an item's text, a run of leaders the editor typed, its page reference.
INDEX_ENTRY = re.compile(r"^(?P<text>.*?\S)\s*(?:…{2,}|\.{3,}|·{3,})\s*(?P<page>第?[A-Z]?\d{1,3}版)$")
# A table cell that holds a figure: a sign, digits with separators, a unit after.
FIGURE = re.compile(r"^[-+−±]?[￥$]?\d[\d,]*(?:\.\d+)?\s*[%‰℃万亿元个吨人项]*$")
_ALIGNMENTS = {"text-align:left": Alignment.LEFT, "text-align:center": Alignment.CENTER,
               "text-align:right": Alignment.RIGHT}
_EMPHASES = {"strong_open": Emphasis.STRONG, "em_open": Emphasis.EMPHASIS}
_CLOSERS = {"strong_close", "em_close"}


class _CJKState(StateInline):
    """CommonMark's flanking rules with Chinese punctuation counted as part of
    the text: ``**记者：**今年`` closes its bold run, as an editor means it
    (plain CommonMark reads the ** after ：and before 今 as literal stars)."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        scanned = super().scanDelims(start, canSplitWord)
        end = start
        while end < self.posMax and self.src[end] == self.src[start]:
            end += 1
        before = self.src[start - 1] if start > 0 else " "
        after = self.src[end] if end < self.posMax else " "
        if not (_wide_punctuation(before) or _wide_punctuation(after)):
            return scanned
        can_open = not after.isspace() and (self.src[start] == "*" or not _letter(before))
        can_close = not before.isspace() and (self.src[start] == "*" or not _letter(after))
        return Scanned(can_open, can_close, scanned.length)


def _wide_punctuation(char: str) -> bool:
    """Full-width (Chinese) punctuation: 。，、：；“”《》（）etc."""
    return unicodedata.category(char).startswith("P") and unicodedata.east_asian_width(char) in "WF"


def _letter(char: str) -> bool:
    return char.isalnum()


class _CJKInline(ParserInline):
    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        state = _CJKState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


# Indented code blocks are off: in Chinese copy an indented line is a
# paragraph indented by hand (段首空格), never code.
_PARSER = MarkdownIt("commonmark").enable("table").disable("code")
_PARSER.inline.__class__ = _CJKInline


@dataclass
class _Context:
    name: str
    first_line: int                  # file line of the body's first line
    removed: list[Counter[str]]      # per body line: invisible characters removed
    source_lines: list[str]          # the body's lines as read (cleaned)
    notes: list[Diagnostic] | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    def line(self, token: Token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def warn(self, line: int, key: str, message: str) -> None:
        if self.notes is not None:
            self.notes.append(warning(self.name, line, key, message))

    def cleaning_notes(self, token: Token, key: str) -> None:
        """What cleaning removed from a paragraph's lines, at its first line."""
        if token.map is None:
            return
        removed: Counter[str] = Counter()
        for index in range(*token.map):
            removed.update(self.removed[index])
        for note in removal_notes(removed):
            self.warn(self.line(token), key, note)


def parse_body(name: str, lines: list[str], first_line: int, notes: list[Diagnostic] | None) -> list[Paragraph]:
    """The paragraphs of an article body (``lines`` from file line ``first_line``)."""
    cleaned, removed = [], []
    for line in lines:
        kept, counts = remove_invisible(line)
        cleaned.append(kept)
        removed.append(counts)
    context = _Context(name, first_line, removed, cleaned, notes)
    tokens = _PARSER.parse("\n".join(cleaned))
    _blocks(tokens, context)
    return context.paragraphs


def _blocks(tokens: list[Token], context: _Context) -> None:
    quote_depth = 0
    lists: list[list[int]] = []      # per open list: [next number] or [] for bullets
    label = ""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            if token.tag != LEAD_HEADING:
                context.warn(context.line(token), "lead", f"a level-{token.tag[1:]} heading is set as a section "
                                                          "lead (小标题); write '## ' for a lead")
            _add(context, ParagraphKind.LEAD, inline, token)
            index += 3
            continue
        if kind == "paragraph_open":
            inline = tokens[index + 1]
            if lists:
                _add_item(context, inline, token, label, len(lists))
                label = ""
            else:
                _add(context, ParagraphKind.QUOTE if quote_depth else ParagraphKind.BODY, inline, token)
            index += 3
            continue
        if kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrs.get("start", 1))])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            counter = lists[-1]
            if counter:
                label = f"{counter[0]}."
                counter[0] += 1
            else:
                label = BULLET
        elif kind == "table_open":
            index = _table(tokens, index, context)
            continue
        elif kind == "fence":
            context.warn(context.line(token), "body", "code is not set as code: its lines are set as body text")
            for number, text in enumerate(token.content.rstrip("\n").split("\n")):
                if _bounded(text, context, context.line(token), "body").strip():
                    origin = Origin(context.name, context.line(token) + number + 1, "body")
                    context.paragraphs.append(Paragraph(ParagraphKind.BODY, text.strip(), origin))
        elif kind == "html_block":
            context.warn(context.line(token), "body", "HTML is not printed: write Markdown")
        elif kind == "hr":
            context.warn(context.line(token), "body", "a thematic break (---, ***) is not printed")
        index += 1


def _bounded(text: str, context: _Context, line: int, key: str) -> str:
    """A paragraph no longer than one may be (it is broken as a whole)."""
    if len(text) > MAX_PARAGRAPH_CHARACTERS:
        raise SourceError(context.name, line, key, f"a paragraph of {len(text)} characters: more than the "
                                                   f"{MAX_PARAGRAPH_CHARACTERS} one paragraph may have; "
                                                   "break it into paragraphs")
    return text


def _add(context: _Context, kind: ParagraphKind, inline: Token, block: Token, **extra) -> Paragraph | None:
    text, spans = _inline(inline, context, context.line(block), kind.value)
    _bounded(text, context, context.line(block), kind.value)
    context.cleaning_notes(block, kind.value)
    if not text:
        return None
    paragraph = Paragraph(kind, text, Origin(context.name, context.line(block), kind.value), spans, **extra)
    context.paragraphs.append(paragraph)
    return paragraph


def _add_item(context: _Context, inline: Token, block: Token, label: str, level: int) -> None:
    """A list item's paragraph; an item ending in leaders and a page reference is a 导读 entry."""
    text, _ = _inline(inline, context, context.line(block), ParagraphKind.ITEM.value)
    entry = INDEX_ENTRY.match(_bounded(text, context, context.line(block), ParagraphKind.ITEM.value))
    if entry:
        context.cleaning_notes(block, ParagraphKind.ENTRY.value)
        origin = Origin(context.name, context.line(block), ParagraphKind.ENTRY.value)
        context.paragraphs.append(Paragraph(ParagraphKind.ENTRY, entry["text"], origin, page=entry["page"]))
        return
    _add(context, ParagraphKind.ITEM, inline, block, label=label, level=level)


def _inline(inline: Token, context: _Context, line: int, key: str) -> tuple[str, tuple[Span, ...]]:
    """A paragraph's text and its runs in other faces.  Lines join as the
    hand-written reader joined them: no space between Chinese characters, one
    where both sides are Western; leading and trailing blanks go."""
    text = ""
    spans: list[Span] = []
    open_runs: list[tuple[int, Emphasis]] = []
    at_line_start = True
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            piece = collapse_spaces(child.content)
            if kind == "code_inline":
                context.warn(line, key, f"code `{child.content}` is set as plain text")
            if at_line_start:
                piece = piece.lstrip()
                if text and piece and _western(text[-1]) and _western(piece[0]):
                    piece = " " + piece
            if piece:
                at_line_start = False
            if piece.startswith(" ") and text.endswith(" "):
                piece = piece[1:]   # what stood between two spaces was not printed
            text += piece
        elif kind in ("softbreak", "hardbreak"):
            if kind == "hardbreak" and context.source_lines[line - context.first_line].endswith("\\"):
                # (two trailing spaces, the other hard break, are left by pasting: no warning)
                context.warn(line, key, "a line break inside a paragraph is not kept: paragraphs are set whole")
            text = text.rstrip()
            at_line_start = True
            line += 1
        elif kind in _EMPHASES:
            open_runs.append((len(text), _EMPHASES[kind]))
        elif kind in _CLOSERS and open_runs:
            start, emphasis = open_runs.pop()
            if len(text) > start:
                spans.append(Span(start, len(text), emphasis))
        elif kind == "image":
            context.warn(line, key, f"an inline image ({child.attrs.get('src', '')}) is not printed: "
                                    "place pictures in the layout")
        elif kind == "link_open":
            context.warn(line, key, f"a link's address ({child.attrs.get('href', '')}) is not printed, only its "
                                    "words: give the article a qr: code for a web address")
        elif kind == "html_inline":
            context.warn(line, key, f"HTML {child.content} is not printed")
    stripped = text.rstrip()
    return stripped, _nested_first(spans, len(stripped))


def _nested_first(spans: list[Span], length: int) -> tuple[Span, ...]:
    """Spans in text order, within the text; an inner run closes before its
    outer one, so the outer (wider) run sorts first at the same start."""
    kept = [Span(span.start, min(span.end, length), span.emphasis) for span in spans if span.start < length]
    return tuple(sorted(kept, key=lambda span: (span.start, -span.end)))


def _western(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _table(tokens: list[Token], index: int, context: _Context) -> int:
    """Read a table from its table_open token; returns the index after it."""
    table_token = tokens[index]
    rows: list[list[str]] = []
    row_lines: list[int] = []
    alignments: list[Alignment | None] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
            row_lines.append(context.line(token))
        elif token.type in ("th_open", "td_open"):
            if token.type == "th_open":
                alignments.append(_ALIGNMENTS.get(str(token.attrs.get("style", ""))))
            text, _ = _inline(tokens[index + 1], context, row_lines[-1], ParagraphKind.TABLE.value)
            rows[-1].append(text)
        index += 1
    header, body = rows[0], rows[1:]
    for line in row_lines[1:]:
        extra = _cell_count(context.source_lines[line - context.first_line]) - len(header)
        if extra > 0:
            context.warn(line, ParagraphKind.TABLE.value, f"the row has {extra} cell(s) more than the header: "
                                                          "they are not printed")
    columns = tuple(_column_alignment(alignments[column], [row[column] for row in body])
                    for column in range(len(header)))
    table = Table(tuple(header), tuple(tuple(row) for row in body), columns, tuple(row_lines[1:]))
    context.cleaning_notes(table_token, ParagraphKind.TABLE.value)
    origin = Origin(context.name, context.line(table_token), ParagraphKind.TABLE.value)
    text = _bounded(" ".join(cell for row in rows for cell in row), context, context.line(table_token),
                    ParagraphKind.TABLE.value)
    context.paragraphs.append(Paragraph(ParagraphKind.TABLE, text, origin, table=table))
    return index + 1


def _cell_count(line: str) -> int:
    """Cells in a table row's source line: its unescaped pipes, less the outer ones."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return len(cells)


def _column_alignment(marked: Alignment | None, cells: list[str]) -> Alignment:
    """A column the editor did not align: figures on their decimal point, text left."""
    if marked is not None:
        return marked
    figures = [cell for cell in cells if cell]
    if figures and all(FIGURE.match(cell) for cell in figures):
        return Alignment.DECIMAL
    return Alignment.LEFT
