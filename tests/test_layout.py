"""Page geometry read back from built PDFs: the baseline grid, blocks, title
areas (横题 and 竖题), section leads, QR codes, broken columns, boxes, the
masthead, and an edition's files.  Pages: the sample page and the first two pages
of layouts/edition.yaml."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pagecheck import (
    TOLERANCE_PT,
    block_boxes,
    geometry,
    inside,
    lines,
    off_grid,
    outside_every_area,
    read_page,
)
from pdfread import page_count

from broadsheet.build import build_layout, page_pdf_path
from broadsheet.fonts import load_font_set
from broadsheet.layout.columns import BOX_INSET_CHARS, STANDOFF_LINES, column_lefts, insets
from broadsheet.layout.display import ComposedPage
from broadsheet.layout.flow import LEAD_KEEP_WITH_NEXT_LINES
from broadsheet.layout.geometry import IDEOGRAPHIC_ASCENT_EM, Box
from broadsheet.layout.head import HEAD_MIN_SPACE_LINES, HeadText, draw_vertical, set_vertical
from broadsheet.layout.rules import BOX_RULE_WEIGHT, box_rules
from broadsheet.layout.setting import TextStyle
from broadsheet.model import Origin
from broadsheet.model.page import BylinePlace, FrameRect, LineAlign
from broadsheet.source.article import read_article
from broadsheet.source.layout import read_layout

ROOT = Path(__file__).resolve().parent.parent
QR_SCAN_DPI = 200
POINTS_PER_INCH = 72
PARAGRAPH_END_MARKS = set("。！？”…")
LEAD_FONT = "BroadsheetSansSC-Bold"
BODY_FONT = "BroadsheetSerifSC-Regular"


@pytest.fixture(scope="module")
def pages(sample_build, edition_build):
    """(name, layout, chars) of every page under test."""
    sample_pdf, edition_pdf = sample_build[0], edition_build[0]
    found = []
    for name, pdf, layout_file, number in (("sample", sample_pdf, "sample.yaml", 0),
                                           ("front", edition_pdf, "lead-story.yaml", 0),
                                           ("inside", edition_pdf, "lead-story-2.yaml", 1)):
        layout = read_layout(ROOT / "layouts" / layout_file)
        found.append((name, layout, read_page(pdf, layout, number)))
    return found


def _page(pages, name):
    return next((layout, chars) for page, layout, chars in pages if page == name)


def test_every_body_baseline_of_every_page_lies_on_the_grid(pages):
    for name, layout, chars in pages:
        body = [c for c in chars if c.size == layout.grid.body_size]
        assert len(body) > 500, f"{name}: too little body text to judge"
        assert off_grid(chars, layout) == [], f"{name}: body lines off the baseline grid"


def test_negative_control_a_line_half_a_point_low_is_off_the_grid(pages):
    _, layout, chars = pages[0]
    moved = dataclasses.replace(next(c for c in chars if c.size == layout.grid.body_size and c.baseline > 200))
    moved = dataclasses.replace(moved, baseline=moved.baseline + 0.5)
    assert off_grid([moved], layout) == [moved]


def test_no_text_stands_outside_its_block(pages):
    for name, layout, chars in pages:
        assert outside_every_area(chars, layout) == [], f"{name}: text outside every block"
        for block in layout.blocks:
            boxes = block_boxes(layout, block)
            others = [box for other in layout.blocks if other is not block for box in block_boxes(layout, other)]
            own = [c for c in chars if inside(c, boxes)]
            assert own, f"{name}: block {block.name} is empty"
            assert not any(inside(c, others) for c in own)


def test_negative_control_a_block_drawn_one_column_narrower_leaves_text_outside(pages):
    _, layout, chars = pages[0]
    first = layout.blocks[0]
    rect = first.rects[0]
    narrower = dataclasses.replace(first, rects=(dataclasses.replace(rect, last_column=rect.last_column - 1),))
    shrunk = dataclasses.replace(layout, blocks=[narrower, *layout.blocks[1:]])
    assert outside_every_area(chars, shrunk)


def _title_chars(layout, chars, block):
    size = block.head.title.size
    title = read_article(block.article).title.text if block.article else None
    return [c for c in chars if c.size == size and inside(c, block_boxes(layout, block))], title


def test_titles_span_the_columns_the_layout_gives_them(pages):
    checked = 0
    for name, layout, chars in pages:
        page = geometry(layout)
        for block in layout.blocks:
            if block.head.vertical or block.article is None:
                continue
            title, text = _title_chars(layout, chars, block)
            assert "".join(c.char for line in lines(title) for c in line).replace(" ", "") == text.replace(" ", "")
            first = block.rects[0]
            left = page.column_x(first.first_column)
            right = page.column_right(first.first_column + block.head.columns - 1)
            logo = block.head.logo
            if logo is not None:   # the titles are centred beside their column logo, inside the box's white
                inset = BOX_INSET_CHARS * layout.grid.body_size if block.box else 0.0
                left += inset + block.head.logo_lines * layout.grid.line_pitch * logo.width / logo.height
                left += layout.grid.body_size
                right -= inset
            for line in lines(title):
                margin_left, margin_right = line[0].left - left, right - line[-1].right
                assert margin_left > -TOLERANCE_PT and margin_right > -TOLERANCE_PT, f"{name}: {block.name}"
                # centred across the configured columns (ink of the first and last characters)
                assert abs(margin_left - margin_right) < block.head.title.size / 2, f"{name}: {block.name}"
            checked += 1
    assert checked >= 5


def test_the_lead_story_title_runs_across_both_rectangles_of_its_l(pages):
    layout, chars = _page(pages, "front")
    lead = next(b for b in layout.blocks if b.name == "lead")
    page = geometry(layout)
    assert {r.last_column for r in lead.rects} == {4, 8} and len({r.last_line for r in lead.rects}) == 2
    title, _ = _title_chars(layout, chars, lead)
    assert min(c.left for c in title) < page.column_x(5) < max(c.right for c in title)
    body_top = min(c.baseline for c in chars if c.size == layout.grid.body_size and inside(c, block_boxes(layout, lead)))
    assert max(c.baseline for c in title) < body_top


def test_the_l_shaped_block_fills_its_tall_columns_to_their_feet(pages):
    layout, chars = _page(pages, "front")
    page = geometry(layout)
    lead = next(b for b in layout.blocks if b.name == "lead")
    tall, short = lead.rects
    pictures = [picture.rect for picture in lead.pictures]
    for rect in (tall, short):
        for column in range(rect.first_column, rect.last_column + 1):
            # A column with a picture at its foot fills down to the white line above the picture.
            foot = min([picture.first_line - STANDOFF_LINES - 1 for picture in pictures
                        if picture.holds(column, rect.last_line)], default=rect.last_line)
            box = page.box(FrameRect(column, column, rect.first_line, foot))
            body = [c for c in chars if c.size == layout.grid.body_size and inside(c, [box])]
            assert abs(max(c.baseline for c in body) - page.baseline(foot)) < TOLERANCE_PT, \
                f"column {column} of the lead story stops short of its foot"


def test_a_vertical_title_stands_upright_one_character_per_em_down_its_strip(pages):
    layout, chars = _page(pages, "front")
    block = next(b for b in layout.blocks if b.head.vertical)
    page = geometry(layout)
    article = read_article(block.article)
    size = block.head.title.size
    strip = page.box(FrameRect(block.rects[0].first_column, block.rects[0].first_column + block.head.columns - 1,
                               block.rects[0].first_line, block.rects[0].last_line))
    title = [c for c in chars if c.size == size and inside(c, [strip])]
    assert "".join(c.char for c in sorted(title, key=lambda c: c.baseline)) == article.title.text
    centres = {round(c.centre_x) for c in title}
    assert max(centres) - min(centres) <= 1, "the title's characters do not stand in one column"
    steps = [b.baseline - a.baseline for a, b in zip(sorted(title, key=lambda c: c.baseline),
                                                     sorted(title, key=lambda c: c.baseline)[1:])]
    assert all(abs(step - size) < TOLERANCE_PT for step in steps), "not one character per em"
    kicker = [c for c in chars if c.size == block.head.kicker.size and inside(c, [strip])]
    assert "".join(c.char for c in sorted(kicker, key=lambda c: c.baseline)) == article.kicker.text
    assert max(c.right for c in kicker) < min(c.left for c in title), "the kicker must stand left of the title"
    body = [c for c in chars if c.size == layout.grid.body_size and inside(c, block_boxes(layout, block))]
    assert body and min(c.left for c in body) >= strip.right, "body text runs into the title's strip"


def test_a_section_lead_is_never_the_last_line_of_a_column(pages):
    seen = 0
    for name, layout, chars in pages:
        page = geometry(layout)
        for block in layout.blocks:
            boxes = block_boxes(layout, block)
            for rect in block.rects:
                for column in range(rect.first_column, rect.last_column + 1):
                    box = page.box(FrameRect(column, column, rect.first_line, rect.last_line))
                    column_lines = lines([c for c in chars if c.size == layout.grid.body_size and inside(c, [box])
                                          and inside(c, boxes)])
                    is_lead = [all(c.font == LEAD_FONT for c in line) for line in column_lines]
                    for number, lead in enumerate(is_lead):
                        if lead and not (number + 1 < len(is_lead) and is_lead[number + 1]):  # a lead's last line
                            seen += 1
                            following = is_lead[number + 1:number + 1 + LEAD_KEEP_WITH_NEXT_LINES]
                            assert following == [False] * LEAD_KEEP_WITH_NEXT_LINES, \
                                f"{name}: a lead stands at the foot of column {column} of {block.name}"
    assert seen >= 6


def _qr_boxes(pdf: Path, page_number: int, layout) -> list[tuple[str, float, float, float, float]]:
    """(url, left, top, right, bottom) in layout pt of each QR code found on the rendered page."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[page_number].render(scale=QR_SCAN_DPI / POINTS_PER_INCH, grayscale=True).to_pil()
    finally:
        document.close()
    scale = POINTS_PER_INCH / QR_SCAN_DPI
    found = []
    for code in zxingcpp.read_barcodes(image):
        corners = [code.position.top_left, code.position.top_right, code.position.bottom_left,
                   code.position.bottom_right]
        xs = [p.x * scale - layout.page.bleed for p in corners]
        ys = [p.y * scale - layout.page.bleed for p in corners]
        found.append((code.text, min(xs), min(ys), max(xs), max(ys)))
    return found


def test_qr_codes_scan_and_no_text_overlaps_them(sample_build, edition_build):
    for pdf, layout_file, number, count in ((sample_build[0], "sample.yaml", 0, 2),
                                            (edition_build[0], "lead-story-2.yaml", 1, 1)):
        layout = read_layout(ROOT / "layouts" / layout_file)
        codes = _qr_boxes(pdf, number, layout)
        assert len(codes) == count
        chars = read_page(pdf, layout, number)
        for url, left, top, right, bottom in codes:
            assert url.startswith("https://example.com/broadsheet/")
            hits = [c for c in chars if c.left < right and left < c.right and c.top < bottom and top < c.bottom]
            assert hits == [], f"text over the QR code for {url}"
            under = [c for c in chars if left <= c.centre_x <= right and c.top > bottom]
            assert under, "the caption under the QR code is missing"


def test_broken_columns_divide_a_span_as_editors_count_it():
    layout = read_layout(ROOT / "layouts" / "lead-story.yaml")
    grid = layout.grid
    assert grid.span_chars(5) == 69                     # 13 × 5 + 4
    assert grid.broken_columns(69, 3) == (22, 1.5)      # 五破三: (69 − 2) / 3 = 22 r 1, gutters widen by ½
    assert grid.broken_columns(41, 2) == (20, 1.0)      # 三破二: (41 − 1) / 2 = 20, no remainder
    assert grid.broken_columns(55, 3) == (17, 2.0)      # 四破三: (55 − 2) / 3 = 17 r 2
    assert grid.broken_columns(111, 8) == (13, 1.0)     # the basic columns themselves


def test_broken_columns_on_the_page_keep_the_span_and_set_whole_characters(pages):
    layout, chars = _page(pages, "front")
    page = geometry(layout)
    block = next(b for b in layout.blocks if b.rects[0].body_columns)
    rect = block.rects[0]
    lefts, measure = column_lefts(page, rect, insets(block, rect))
    body = layout.grid.body_size
    assert measure == 22 * body and len(lefts) == 3
    assert lefts[0] == page.column_x(rect.first_column)
    assert abs(lefts[-1] + measure - page.column_right(rect.last_column)) < TOLERANCE_PT
    for left in lefts:
        column = [c for c in chars if c.size == body and inside(c, block_boxes(layout, block))
                  and left - body <= c.x < left + measure]
        full = [line for line in lines(column) if len(line) >= 20]
        assert len(full) >= 8
        starts = [line[0].left for line in full]
        # lines start at the column's edge (or an indent of two characters) and reach its far edge
        assert sum(abs(start - left) < body / 2 for start in starts) >= len(full) // 2
        assert all(abs(start - left) < body / 2 or abs(start - left - 2 * body) < body / 2 for start in starts)
        # every line reaches the far edge but a paragraph's last (which ends a sentence)
        ends = [max(c.right for c in line) for line in full[:-1] if line[-1].char not in PARAGRAPH_END_MARKS]
        assert all(left + measure - body / 2 < end < left + measure + body / 2 for end in ends)


def test_a_box_runs_round_its_block_and_keeps_its_text_a_character_inside(pages):
    layout, chars = _page(pages, "front")
    page = geometry(layout)
    block = next(b for b in layout.blocks if b.box)
    box = block_boxes(layout, block)[0]
    rules = box_rules(block, page)
    assert len(rules) == 4
    xs = sorted({r.x0 for r in rules if r.x0 == r.x1})
    assert [round(x, 3) for x in xs] == [round(box.left, 3), round(box.right, 3)]
    own = [c for c in chars if inside(c, [box])]
    clear = BOX_INSET_CHARS * layout.grid.body_size - BOX_RULE_WEIGHT
    assert own and all(c.left >= box.left + clear and c.right <= box.right - clear for c in own)


def test_an_l_shaped_box_is_one_outline_of_six_sides():
    layout = read_layout(ROOT / "layouts" / "lead-story.yaml")
    page = geometry(layout)
    lead = next(b for b in layout.blocks if b.name == "lead")
    assert [(r.last_column, r.last_line) for r in lead.rects] == [(4, 46), (8, 28)]
    half = BOX_RULE_WEIGHT / 2
    sides = {(round(r.x0 + (half if r.y0 == r.y1 else 0), 2), round(r.y0 + (half if r.x0 == r.x1 else 0), 2),
              round(r.x1 - (half if r.y0 == r.y1 else 0), 2), round(r.y1 - (half if r.x0 == r.x1 else 0), 2))
             for r in box_rules(dataclasses.replace(lead, box=True), page)}
    left, right, middle = page.column_x(1), page.column_right(8), page.column_right(4)
    top, step, foot = page.line_top(14), page.line_top(29), page.line_top(47)
    expected = {(left, top, right, top), (middle, step, right, step), (left, foot, middle, foot),
                (left, top, left, foot), (right, top, right, step), (middle, step, middle, foot)}
    assert sides == {tuple(round(v, 2) for v in side) for side in expected}


def test_the_front_page_carries_the_masthead_and_inside_pages_the_running_head(pages):
    layout, chars = _page(pages, "front")
    page = geometry(layout)
    ads = [page.box(ad.rect) for ad in layout.ads]   # an advertisement's own type is not ours
    name = [c for c in chars if c.size > 40 and not inside(c, ads)]
    assert "".join(c.char for c in name) == layout.masthead.paper
    assert all(c.right <= page.column_right(layout.masthead.columns) and c.bottom <= page.line_top(
        layout.masthead.lines + 1) for c in name)
    assert not [c for c in chars if c.baseline < page.type_top], "a front page has no running head"
    inside_layout, inside_chars = _page(pages, "inside")
    above = "".join(c.char for c in inside_chars if c.baseline < geometry(inside_layout).type_top)
    assert inside_layout.running_head.section in above and "第2版" in above


def test_an_edition_writes_one_pdf_per_page_and_a_combined_one(edition_build):
    pdf, result, _ = edition_build
    assert page_count(pdf) == 3
    assert result.page_pdfs == [page_pdf_path(pdf, 1), page_pdf_path(pdf, 2), page_pdf_path(pdf, 3)]
    assert [page_count(path) for path in result.page_pdfs] == [1, 1, 1]
    assert [page.number for page in result.pages] == [1, 2, 3]


def test_an_edition_build_reports_its_progress_step_by_step(tmp_path):
    steps = []
    build_layout(ROOT / "layouts" / "edition.yaml", tmp_path / "e.pdf",
                 progress=lambda done, total, what: steps.append((done, total, what)))
    assert [done for done, _, _ in steps] == list(range(len(steps)))
    assert steps[0][2] == "composing layouts/lead-story.yaml" and steps[-1][:2] == (steps[-1][1],) * 2
    assert any("e-2.pdf" in what for _, _, what in steps)


def test_the_title_area_takes_whole_grid_lines(pages):
    for name, layout, chars in pages:
        page = geometry(layout)
        pitch = layout.grid.line_pitch
        for block in layout.blocks:
            if block.head.vertical or block.article is None:
                continue
            boxes = block_boxes(layout, block)
            body = [c for c in chars if c.size == layout.grid.body_size and inside(c, boxes)
                    and page.column_x(block.rects[0].first_column) <= c.centre_x
                    < page.column_right(block.rects[0].first_column)]
            heads = [c for c in chars if c.size > layout.grid.body_size and inside(c, boxes)]
            first_body_line = round((min(c.baseline for c in body) - page.baseline(1)) / pitch) + 1
            white = page.line_top(first_body_line) - max(c.bottom for c in heads)
            assert white >= HEAD_MIN_SPACE_LINES * pitch / 2, f"{name}: {block.name}: body too close to its title"


def test_a_byline_opens_the_body_or_stands_under_the_title_as_configured(pages):
    checked = set()
    for name, layout, chars in pages:
        for block in layout.blocks:
            article = read_article(block.article) if block.article else None
            if article is None or article.byline is None:
                continue
            byline = article.byline.text.replace(" ", "")
            own = [c for c in chars if inside(c, block_boxes(layout, block))]
            body = [c for c in own if c.size == layout.grid.body_size]
            if block.byline_at is BylinePlace.BODY:
                # the body's top line, read from its leftmost column, starts with the byline
                top = min(c.baseline for c in body)
                row = sorted((c for c in body if abs(c.baseline - top) < TOLERANCE_PT), key=lambda c: c.centre_x)
                assert "".join(c.char for c in row).startswith(byline), f"{name}: {block.name}"
            else:
                title = [c for c in own if c.size == block.head.title.size]
                text_top = min(c.baseline for c in body if c.font == BODY_FONT)
                row = sorted((c for c in body if c.baseline < text_top), key=lambda c: c.centre_x)
                assert "".join(c.char for c in row) == byline, f"{name}: {block.name}: byline not above the body"
                assert max(c.baseline for c in title) < row[0].baseline, "byline above the title"
                centre = (row[0].left + row[-1].right) / 2
                assert abs(centre - (min(c.left for c in title) + max(c.right for c in title)) / 2) < 1
            checked.add(block.byline_at)
    assert checked == set(BylinePlace)


def test_a_qr_code_may_head_its_column_with_the_text_below_it(tmp_path):
    (tmp_path / "layouts").mkdir()
    (tmp_path / "articles").mkdir()
    source = (ROOT / "articles" / "chenzhou.md").read_text(encoding="utf-8")
    (tmp_path / "articles" / "a.md").write_text(source, encoding="utf-8")
    (tmp_path / "layouts" / "qr.yaml").write_text(
        "blocks:\n  - name: a\n    article: articles/a.md\n    frame: {columns: [1, 6], lines: [1, 60]}\n"
        "    qr: {column: 3, lines: 10, place: head}\n", encoding="utf-8")
    pdf = tmp_path / "qr.pdf"
    build_layout(tmp_path / "layouts" / "qr.yaml", pdf)
    layout = read_layout(tmp_path / "layouts" / "qr.yaml")
    page = geometry(layout)
    ((_, left, top, right, bottom),) = _qr_boxes(pdf, 0, layout)
    assert page.column_x(3) <= left and right <= page.column_right(3)
    column = [c for c in read_page(pdf, layout) if c.size == layout.grid.body_size
              and page.column_x(3) <= c.centre_x < page.column_right(3)]
    assert column and min(c.top for c in column) > bottom, "text above a QR code set at the column head"
    title_bottom = max(c.bottom for c in read_page(pdf, layout) if c.size > layout.grid.body_size)
    assert top > title_bottom


def test_in_a_vertical_title_a_comma_moves_to_the_upper_right_and_a_quote_turns():
    size = 24.0
    style = TextStyle(load_font_set()["title"], size, LineAlign.CENTER)
    origin = Origin("articles/a.md", 3, "title")
    page = ComposedPage(1, "", 200.0, 600.0, 0.0)
    draw_vertical(page, set_vertical([HeadText("春耕，正忙", origin, style)], 20 * size), Box(0, 0, 100, 600))
    run = {r.text: r for r in page.runs}
    assert run["耕"].baseline - run["春"].baseline == pytest.approx(size)          # one character per em
    assert run["正"].baseline - run["耕"].baseline == pytest.approx(2 * size)
    assert run["，"].x - run["耕"].x == pytest.approx(size / 2, abs=0.5)           # half an em right …
    assert run["，"].baseline - run["耕"].baseline == pytest.approx(size / 2)     # … and half an em up
    page = ComposedPage(1, "", 200.0, 600.0, 0.0)
    draw_vertical(page, set_vertical([HeadText("“富矿”老城", origin, style)], 20 * size), Box(0, 0, 100, 600))
    turned = [r for r in page.runs if r.quarter_turn]
    assert [r.text for r in turned] == ["“", "”"]                                  # only the quotes turn
    upright = {r.text: r for r in page.runs if not r.quarter_turn}
    opening, closing = turned
    square_top = upright["富"].baseline - IDEOGRAPHIC_ASCENT_EM * size
    assert square_top - size - 1e-6 <= opening.baseline <= square_top          # “ in the square above 富
    assert closing.baseline >= upright["矿"].baseline                          # ” in the square below 矿


def test_the_command_shows_progress_only_on_a_terminal(tmp_path, capsys, monkeypatch):
    from broadsheet import cli
    assert cli.main(["build", str(ROOT / "layouts" / "edition.yaml"), "-o", str(tmp_path / "e.pdf")]) == 0
    out, err = capsys.readouterr()
    assert "\r" not in err and "[1/7]" not in err          # stderr is not a terminal here
    assert "page 1: lead:" in out and "continued: " in out and f"wrote {tmp_path / 'e-2.pdf'}" in out
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True)
    assert cli.main(["build", str(ROOT / "layouts" / "edition.yaml"), "-o", str(tmp_path / "e.pdf")]) == 0
    assert "[1/7] composing layouts/lead-story.yaml" in capsys.readouterr().err
