"""The text layer every reader gets right: pdfium, pdfminer and poppler read
the same characters, in reading order, at the same places.

Archive and e-paper systems extract our PDFs with pdfminer (pdfplumber) or
poppler; search and copy/paste depend on it.  Each galley (mixed text, URLs,
scores, units; punctuation-dense quotes) is read by all three and compared
with its source and with each other: same characters in the same order, each
glyph's pen origin within 0.1 pt of pdfium's.  The negative control draws
text the way readers disagree on (character spacing carried over a string),
and the comparison must catch it.
"""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from reportlab.pdfgen.canvas import Canvas

from broadsheet.fonts import load_font_set
from broadsheet.galley import build_galley
from broadsheet.source.article import read_article
from pdfread import page_chars, page_count

ROOT = Path(__file__).resolve().parent.parent
GALLEYS = [("articles/samples/mixed.md", 10), ("articles/samples/briefs.md", 13),
           ("articles/samples/quotes.md", 10)]
AGREEMENT_PT = 0.1
# What readers may add or drop without changing the text: spaces, line-end
# hyphens (pdfium marks them U+FFFE), the ideographic spaces a line edge drops.
IGNORED = set(" \t\r\n\u3000\ufffe-")


def _plain(text: str) -> str:
    return "".join(char for char in text if char not in IGNORED)


def source_text(article_path: Path) -> str:
    article = read_article(article_path)
    heads = [head.text for head in (article.kicker, article.title, article.subtitle, article.byline) if head]
    return _plain("".join(heads) + "".join(p.text for p in article.paragraphs))


def pdfium_glyphs(pdf: Path) -> list[tuple[str, float, float]]:
    """(char, pen origin x, baseline y) in the order pdfium extracts them."""
    return [(c.char, c.x, c.y) for n in range(page_count(pdf)) for c in page_chars(pdf, n) if c.char not in IGNORED]


def pdfminer_glyphs(pdf: Path) -> list[tuple[str, float, float]]:
    """The same from pdfminer, in content-stream order (no layout analysis:
    extract_pages would group the characters into boxes)."""
    found = []
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    with pdf.open("rb") as handle:
        for page in PDFPage.get_pages(handle):
            interpreter.process_page(page)
            for item in device.get_result():
                if isinstance(item, LTChar) and item.get_text() not in IGNORED:
                    found.append((item.get_text(), item.matrix[4], item.matrix[5]))
    return found


def poppler_words(pdf: Path) -> list[tuple[str, float]]:
    """pdftotext's words (text, left x), in its reading order."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    root = ElementTree.fromstring(out[out.index("<html"):].replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [(word.text or "", float(word.get("xMin"))) for word in root.iter("word")]


def disagreements(reference: list[tuple[str, float, float]], other: list[tuple[str, float, float]],
                  name: str) -> list[str]:
    if "".join(c for c, _, _ in reference) != "".join(c for c, _, _ in other):
        return [f"{name} reads other characters or another order"]
    return [f"{name}: {char!r} at x {x:.3f}, pdfium {ref_x:.3f}"
            for (char, ref_x, ref_y), (_, x, y) in zip(reference, other)
            if abs(x - ref_x) > AGREEMENT_PT or abs(y - ref_y) > AGREEMENT_PT]


@pytest.fixture(scope="module")
def galleys(tmp_path_factory) -> list[tuple[str, Path, str]]:
    out = tmp_path_factory.mktemp("text-layer")
    built = []
    for article, measure in GALLEYS:
        pdf = out / f"{Path(article).stem}-{measure}.pdf"
        build_galley(ROOT / article, pdf, measure=measure)
        built.append((f"{article}@{measure}", pdf, source_text(ROOT / article)))
    return built


def test_pdfium_reads_the_source_in_order(galleys):
    for name, pdf, source in galleys:
        assert "".join(c for c, _, _ in pdfium_glyphs(pdf)) == source, name


def test_pdfminer_agrees_with_pdfium_on_every_glyph(galleys):
    for name, pdf, _ in galleys:
        found = disagreements(pdfium_glyphs(pdf), pdfminer_glyphs(pdf), name)
        assert not found, f"{len(found)} glyphs, first: " + "; ".join(found[:5])


def test_no_two_glyphs_of_a_line_share_a_pen_origin(galleys):
    """Drawing order is reading order: along a line every origin lies right of
    the one before (a ”“ pair drawn from one origin is read out of order)."""
    for name, pdf, _ in galleys:
        glyphs = pdfium_glyphs(pdf)
        for (char, x, y), (next_char, next_x, next_y) in zip(glyphs, glyphs[1:]):
            if abs(y - next_y) < AGREEMENT_PT:
                assert next_x > x + AGREEMENT_PT, f"{name}: {char}{next_char} at {x:.2f} and {next_x:.2f}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (.ci/run installs it)")
def test_poppler_reads_the_source_in_order_at_pdfiums_places(galleys):
    for name, pdf, source in galleys:
        words = poppler_words(pdf)
        assert _plain("".join(text for text, _ in words)) == source, name
        glyphs = iter(pdfium_glyphs(pdf))
        for text, left in words:
            if not _plain(text):
                continue
            char, x, _ = next(glyphs)
            assert char == _plain(text)[0] and abs(left - x) <= AGREEMENT_PT, f"{name}: {text} at {left}, pdfium {x}"
            for _ in _plain(text)[1:]:
                next(glyphs)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (.ci/run installs it)")
def test_an_added_hyphen_is_not_text(galleys):
    """A hyphen the breaker added is marked ActualText "" (search finds
    "internationalization" whole), a hyphen of the source stays: poppler's
    raw text is the source exactly, hyphens and all."""
    for name, pdf, _ in galleys:
        article = ROOT / name.split("@")[0]
        out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
        read = "".join(char for char in out if not char.isspace())
        assert read == _with_hyphens(article), name
    assert any("inter-" in line.printed_text or "in-" in line.printed_text
               for line in _mixed_lines()), "the sample no longer hyphenates: the test proves nothing"


def _with_hyphens(article_path: Path) -> str:
    article = read_article(article_path)
    heads = [head.text for head in (article.kicker, article.title, article.subtitle, article.byline) if head]
    text = "".join(heads) + "".join(p.text for p in article.paragraphs)
    return "".join(char for char in text if not char.isspace())


def _mixed_lines():
    from broadsheet.model import ParagraphKind
    from broadsheet.text.justify import set_paragraph
    from broadsheet.text.linebreak import Measure

    metrics = load_font_set()["body"].metrics
    article = read_article(ROOT / GALLEYS[0][0])
    for paragraph in article.paragraphs:
        if paragraph.kind is ParagraphKind.BODY:
            yield from set_paragraph(paragraph.text, metrics, Measure(GALLEYS[0][1], 2.0))


def test_negative_control_character_spacing_carried_over_a_string(tmp_path):
    """Text drawn as many tools draw it (Tc set once, two strings): pdfminer
    places the second string's glyphs without the spacing after the first
    string's last glyph, and the comparison must say so."""
    pdf = tmp_path / "tc.pdf"
    font = load_font_set()["body"].name
    canvas = Canvas(str(pdf), initialFontName=font)
    text = canvas.beginText(72, 700)
    text.setFont(font, 9)
    text.setCharSpace(3)
    text.textOut("为52")
    text.textOut(".3%产业")
    canvas.drawText(text)
    canvas.save()
    assert disagreements(pdfium_glyphs(pdf), pdfminer_glyphs(pdf), "control")


# A page's text layer in its reading order: the masthead, then each block's
# title before its text (edition page 1: a red masthead, a 报眼 title reversed
# out of red, a lead story in black), whatever colour each is printed in.
FRONT_PAGE_ORDER = ["江州日报", "一季度重点项目集中开工", "本报讯记者从市发展", "智能农机开进田间", "本报记者林晓"]


def order_problems(text: str, expected: list[str] = FRONT_PAGE_ORDER) -> list[str]:
    """What in ``text`` (spaces and line breaks dropped) stands out of ``expected``'s order."""
    plain = _plain(text)
    places = [plain.find(part) for part in expected]
    missing = [part for part, place in zip(expected, places) if place < 0]
    if missing:
        return [f"not found: {missing}"]
    return [f"{later!r} comes before {earlier!r}" for (earlier, before), (later, after)
            in zip(zip(expected, places), zip(expected[1:], places[1:])) if after < before]


def test_the_order_check_catches_a_title_read_after_its_text():
    assert order_problems("".join(FRONT_PAGE_ORDER)) == []
    assert order_problems("".join(FRONT_PAGE_ORDER[1:] + FRONT_PAGE_ORDER[:1])) == [
        "'一季度重点项目集中开工' comes before '江州日报'"]


def test_every_reader_reads_a_coloured_page_in_its_reading_order(edition_build, tmp_path):
    import pikepdf
    combined, _, _ = edition_build
    front = tmp_path / "front.pdf"
    with pikepdf.open(combined) as document:
        single = pikepdf.new()
        single.pages.append(document.pages[0])
        single.save(front)
    readers = {"pdfium": "".join(c for c, _, _ in pdfium_glyphs(front)),
               "pdfminer": "".join(c for c, _, _ in pdfminer_glyphs(front))}
    if shutil.which("pdftotext") is not None:
        readers["poppler"] = subprocess.run(["pdftotext", "-raw", str(front), "-"], capture_output=True,
                                            check=True, text=True).stdout
    for reader, text in readers.items():
        assert order_problems(text) == [], reader
