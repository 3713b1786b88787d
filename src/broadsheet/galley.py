"""Galley proofs: one article in a single column, page after page, nothing dropped.

Editors proofread galleys before layout; the tests use them to check the line
breaker on any text.  Every line of the article is set, so the galley shows
exactly what the breaker did.
"""
from __future__ import annotations

import math
from pathlib import Path

from .build import build_moment, font_sources, refuse_overwriting_sources, write_pdf
from .diagnostics import Diagnostic
from .fonts import load_font_set
from .layout.characters import check_characters
from .layout.reading import paragraph_piece
from .layout.setting import BodySetter
from .layout.display import ComposedPage
from .layout.geometry import baseline_in_box
from .layout.runs import line_runs
from .model import ParagraphKind
from .model.article import split_at
from .model.page import QuestionStyle
from .render.output import Transaction
from .render.proof import proof_paths, render_png
from .source.article import read_article
from .source.layout import DEFAULT_COLUMN_CHARS, DEFAULT_LINE_PITCH_EM
from .text.classes import DEFAULT_PROHIBITION, Prohibition
from .text.headline import break_headline
from .text.justify import set_paragraph
from .text.linebreak import Measure
from .units import CHINESE_SIZES_PT, mm

GALLEY_MARGIN = mm(15)
GALLEY_HEIGHT = mm(297)
GALLEY_BLEED = mm(3)
DEFAULT_GALLEY_SIZE = CHINESE_SIZES_PT["小五"]
# Headlines on the galley: the title at twice the body size, kicker and
# subtitle at 1.3×, the byline at body size.  Each line of them takes as many
# body lines as its scale, rounded up.
GALLEY_TITLE_SCALE = 2.0
GALLEY_HEADLINE_SCALE = 1.3
GALLEY_BYLINE_SCALE = 1.0


def build_galley(article_path: Path, out: Path, *, measure: int | None = None, size: float | None = None,
                 prohibition: Prohibition = DEFAULT_PROHIBITION, png_dir: Path | None = None,
                 warnings: list[Diagnostic] | None = None) -> int:
    """Set the article at ``measure`` characters of ``size`` pt; returns the page
    count.  What cleaning removed from the text is added to ``warnings``."""
    measure = measure or DEFAULT_COLUMN_CHARS
    size = size or DEFAULT_GALLEY_SIZE
    fonts = load_font_set()
    article = read_article(article_path, notes=warnings)
    pitch = size * DEFAULT_LINE_PITCH_EM
    width = measure * size
    page_width = width + 2 * GALLEY_MARGIN
    lines_per_page = int((GALLEY_HEIGHT - 2 * GALLEY_MARGIN) // pitch)

    entries = []  # (font, its other faces, size, set line, line height in body lines)
    for headline, role, scale in ((article.kicker, "kicker", GALLEY_HEADLINE_SCALE),
                                  (article.title, "title", GALLEY_TITLE_SCALE),
                                  (article.subtitle, "subtitle", GALLEY_HEADLINE_SCALE),
                                  (article.byline, "byline", GALLEY_BYLINE_SCALE)):
        if headline is None:
            continue
        font = fonts[role]
        check_characters(headline.text, font, headline.origin)
        headline_size = size * scale
        parts = [part for lines in split_at(headline.text, headline.breaks)
                 for part in break_headline(lines, font.metrics, width / headline_size)]
        for part in parts:
            for line in set_paragraph(part, font.metrics, Measure(width / headline_size), prohibition):
                entries.append((font, (), headline_size, line, math.ceil(scale)))
    for paragraph in article.paragraphs:
        if paragraph.kind is ParagraphKind.LEAD:
            # A section lead is a small headline: word boundaries, balanced, ragged.
            font = fonts["lead"]
            check_characters(paragraph.text, font, paragraph.origin)
            for part in break_headline(paragraph.text, font.metrics, measure):
                for line in set_paragraph(part, font.metrics, Measure(measure), prohibition):
                    entries.append((font, (), size, line, 1))
            continue
        # Running text, list items, quotes, 导读 entries and tables as a block sets them.
        piece = paragraph_piece(paragraph, fonts, size, QuestionStyle.LEAD_IN)
        for flow_line in BodySetter([piece], prohibition, pitch).lines(0, 0, width):
            entries.append((piece.style.font, piece.other_faces(), size, flow_line.line, 1))

    pages: list[ComposedPage] = []
    used = lines_per_page
    for font, faces, entry_size, line, height in entries:
        if used + height > lines_per_page:
            pages.append(ComposedPage(len(pages) + 1, article.title.text, page_width, GALLEY_HEIGHT, GALLEY_BLEED))
            used = 0
        top = GALLEY_MARGIN + used * pitch
        baseline = baseline_in_box(top, height * pitch, entry_size)
        pages[-1].runs.extend(line_runs(line, font.metrics, font.name, entry_size, GALLEY_MARGIN, baseline,
                                        font.dash_ink, faces))
        used += height
    pngs = proof_paths(png_dir, out.stem, len(pages)) if png_dir is not None else []
    refuse_overwriting_sources([(article_path, "the article"), *font_sources()],
                               [("-o", out), *(("--png", path) for path in pngs)], png_dir)
    with Transaction() as transaction:
        write_pdf(pages, out, f"galley: {article.title.text}", build_moment(), transaction=transaction)
        if pngs:
            render_png(transaction.staged[out], [transaction.stage(path) for path in pngs])
    return len(pages)
