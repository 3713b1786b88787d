"""The sample page end to end, read back from the PDF: nothing lost, titles
above their bodies, QR codes that scan, figures in the report."""
from __future__ import annotations

import json
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp

from broadsheet.model import ParagraphKind
from broadsheet.source.article import read_article
from broadsheet.source.layout import read_layout
from pdfread import page_chars

ROOT = Path(__file__).resolve().parent.parent
LAYOUT = ROOT / "layouts" / "sample.yaml"
QR_SCAN_DPI = 200
POINTS_PER_INCH = 72


@pytest.fixture(scope="module")
def layout():
    return read_layout(LAYOUT)


@pytest.fixture(scope="module")
def chars(sample_build):
    pdf, _, _ = sample_build
    return page_chars(pdf)


def block_text(chars, layout, block) -> str:
    """The block's body as a reader reads it: column by column, top to bottom."""
    grid, page = layout.grid, layout.page
    text = []
    rect = block.rects[0]
    top = page.bleed + page.top + grid.line_top(rect.first_line)
    bottom = page.bleed + page.top + grid.line_top(rect.last_line + 1)
    media_height = page.trim_height + 2 * page.bleed
    for rect in block.rects:
        for column in range(rect.first_column, rect.last_column + 1):
            left = page.bleed + page.left + grid.column_left(column)
            right = left + grid.column_width
            # by the ink's centre: a line-start “ has its pen origin left of the column
            inside = [c for c in chars if left <= (c.left + c.right) / 2 < right and not c.char.isspace()
                      and top <= media_height - c.y <= bottom and abs(c.font_size - grid.body_size) < 0.01]
            for baseline in sorted({round(c.y, 1) for c in inside}, reverse=True):
                line = [c for c in inside if round(c.y, 1) == baseline]
                text.append("".join(c.char for c in sorted(line, key=lambda c: (c.left + c.right) / 2)))
    return "".join(text)


def test_every_character_of_every_article_appears_in_order_exactly_once(chars, layout):
    for block in layout.blocks:
        article = read_article(block.article)
        body = "".join(p.text for p in article.paragraphs).replace(" ", "")
        text = block_text(chars, layout, block)
        start = text.find(body[:20])
        assert start >= 0, f"{block.name}: body not found"
        assert text[start:start + len(body)] == body, f"{block.name}: body differs from the article"
        assert text.count(body[:20]) == 1


def test_titles_sit_above_their_bodies_and_span_their_columns(chars, layout):
    text = "".join(c.char for c in chars)
    for block in layout.blocks:
        article = read_article(block.article)
        start = text.find(article.title.text)
        assert start >= 0, f"{block.name}: title not found"
        title = chars[start:start + len(article.title.text)]
        assert all(c.font_size > layout.grid.body_size for c in title)
        first_body = chars[text.find(article.paragraphs[0].text[:12])]
        assert min(c.y for c in title) > first_body.y, f"{block.name}: title not above its body"
        page, grid, rect = layout.page, layout.grid, block.rects[0]
        span_left = page.bleed + page.left + grid.column_left(rect.first_column)
        span_right = span_left + grid.span_width(rect.first_column, rect.first_column + block.head.columns - 1)
        centre = (min(c.left for c in title) + max(c.right for c in title)) / 2
        assert span_left < min(c.left for c in title) and max(c.right for c in title) < span_right
        assert abs(centre - (span_left + span_right) / 2) < grid.body_size, "title not centred over its span"


def test_section_leads_are_set_in_their_own_face(chars, layout):
    for block in layout.blocks:
        for lead in (p for p in read_article(block.article).paragraphs if p.kind is ParagraphKind.LEAD):
            text = "".join(c.char for c in chars)
            index = text.find(lead.text)
            assert index >= 0, lead.text
            assert "BroadsheetSans" in chars[index].font, (lead.text, chars[index].font)


def test_qr_codes_decode_to_the_articles_urls(sample_build, layout):
    pdf, _, _ = sample_build
    document = pypdfium2.PdfDocument(str(pdf))
    image = document[0].render(scale=QR_SCAN_DPI / POINTS_PER_INCH, grayscale=True).to_pil()
    document.close()
    found = {result.text for result in zxingcpp.read_barcodes(image)}
    wanted = {read_article(block.article).qr.url for block in layout.blocks}
    assert wanted <= found


def test_report_says_nothing_is_overset(sample_build):
    _, result, report = sample_build
    figures = json.loads(report.read_text(encoding="utf-8"))
    blocks = [block for page in figures["pages"] for block in page["blocks"]]
    assert len(blocks) == 2
    for block in blocks:
        assert block["characters_overset"] == 0
        assert block["lines_set"] > 100
