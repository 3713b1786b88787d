"""Rich copy read back from the PDF: bold and 楷体 runs, lists, the 导读,
tables and the editor's title breaks (edition page 3, layouts/economy-3.yaml),
and the Markdown the reader does not set warned at its file and line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from broadsheet.build import build_layout
from broadsheet.errors import SourceError
from broadsheet.fonts import load_font_set
from broadsheet.layout.columns import column_lefts, insets
from broadsheet.model import Emphasis, ParagraphKind
from broadsheet.source.article import read_article
from broadsheet.source.layout import read_layout
from broadsheet.text.headline import break_headline
from broadsheet.units import parse_size
from clreq_rules import check_paragraph
from pagecheck import TOLERANCE_PT, geometry, lines, off_grid, read_page

ROOT = Path(__file__).resolve().parent.parent
PAGE_3 = ROOT / "layouts" / "economy-3.yaml"
PAGE_3_INDEX = 2        # its page in the edition's PDF
BOLD = "BroadsheetSansSC-Bold"
SERIF = "BroadsheetSerifSC-Regular"
KAI = "BroadsheetKai-Regular"


@pytest.fixture(scope="module")
def layout():
    return read_layout(PAGE_3)


@pytest.fixture(scope="module")
def chars(edition_build, layout):
    pdf, _, _ = edition_build
    return read_page(pdf, layout, PAGE_3_INDEX)


def project_with(tmp_path, articles: dict[str, str], layout: str) -> Path:
    """A project of its own (the shipped fonts and ads) with these articles and one
    layout, layouts/page.yaml; returns the layout's path."""
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "layouts").mkdir()
    (project / "fonts").symlink_to(ROOT / "fonts")
    shutil.copytree(ROOT / "articles" / "ads", project / "articles" / "ads")   # the shipped advertisements
    for name, text in articles.items():
        (project / "articles" / name).write_text(text, encoding="utf-8")
    (project / "layouts" / "page.yaml").write_text(layout, encoding="utf-8")
    return project / "layouts" / "page.yaml"


def block(layout, name):
    return next(spec for spec in layout.blocks if spec.name == name)


def body_column(layout, name) -> tuple[float, float]:
    """Left edge and measure (pt) of a one-column block's body."""
    spec = block(layout, name)
    lefts, measure = column_lefts(geometry(layout), spec.rects[0], insets(spec, spec.rects[0]))
    return lefts[0], measure


def column_lines(chars, layout, name) -> list[list]:
    """Body-size lines of a block, column by column (left to right), each top to bottom."""
    spec = block(layout, name)
    lefts, measure = column_lefts(geometry(layout), spec.rects[0], insets(spec, spec.rects[0]))
    body = in_block(chars, layout, name, layout.grid.body_size)
    result = []
    for left in lefts:
        result += lines([c for c in body if left - TOLERANCE_PT <= c.centre_x <= left + measure + TOLERANCE_PT])
    return result


def in_block(chars, layout, name, size=None):
    box = geometry(layout).box(block(layout, name).rects[0])
    return [c for c in chars if box.left <= c.centre_x <= box.right and box.top <= c.baseline <= box.bottom
            and (size is None or abs(c.size - size) < TOLERANCE_PT)]


# Bold runs ---------------------------------------------------------------------------------------

def test_question_lead_ins_are_bold_and_the_question_in_the_body_face(chars, layout):
    body = in_block(chars, layout, "mayor-interview", layout.grid.body_size)
    text = "".join(c.char for c in body)
    article = read_article(ROOT / "articles" / "mayor-interview.md")
    questions = [p for p in article.paragraphs if p.text.startswith("记者：")]
    assert len(questions) == 6
    start = text.index("记者：今年一季度")
    assert [c.font for c in body[start:start + 3]] == [BOLD] * 3
    assert {c.font for c in body[start + 3:start + 10]} == {SERIF}
    # every 记者： and 王建华： on the page is bold, and nothing else in the body is
    bold = "".join(c.char for c in body if c.font == BOLD)
    assert bold == "".join(p.text if p.kind is ParagraphKind.LEAD else p.text[:p.spans[0].end]
                           for p in article.paragraphs
                           if p.kind is ParagraphKind.LEAD or (p.spans and p.spans[0].start == 0))


def test_a_bold_run_keeps_the_grid_and_the_line_stays_justified(chars, layout):
    """A line holding a bold lead-in ends flush with its column like every
    full line, and its glyphs follow each other without overlap."""
    spec = block(layout, "mayor-interview")
    lefts, measure = column_lefts(geometry(layout), spec.rects[0], insets(spec, spec.rects[0]))
    checked = 0
    for line in column_lines(chars, layout, "mayor-interview"):
        if not any(c.font == BOLD for c in line) or all(c.font == BOLD for c in line):
            continue    # no bold run, or a section lead
        for before, after in zip(line, line[1:]):
            assert after.x > before.x and after.left >= before.left, (before.char, after.char)
        text = "".join(c.char for c in line)
        if not text[-1].isalnum():
            continue  # a mark's ink does not reach its box's edge; a paragraph's last line
        right = min(lefts, key=lambda left: abs(left - line[0].x)) + measure
        assert line[-1].right == pytest.approx(right, abs=1.0), text
        checked += 1
    assert checked >= 5


def test_no_line_rule_is_broken_at_run_boundaries(chars, layout):
    column_texts = ["".join(c.char for c in line) for line in column_lines(chars, layout, "mayor-interview")]
    violations = check_paragraph(column_texts, lone_rule=False)
    assert not violations, "\n".join(map(str, violations))


# Lists -------------------------------------------------------------------------------------------

def test_list_labels_hang_and_every_line_of_an_item_starts_at_the_indent(chars, layout):
    size = layout.grid.body_size
    read = column_lines(chars, layout, "mayor-interview")
    texts = ["".join(c.char for c in line) for line in read]
    first = next(i for i, text in enumerate(texts) if text.startswith("1.推进"))
    label, item = read[first][0], read[first][2]
    column_left = label.x
    assert item.x == pytest.approx(column_left + 2 * size, abs=TOLERANCE_PT)
    # the item's second line starts under its text, not under its label
    assert read[first + 1][0].x == pytest.approx(column_left + 2 * size, abs=TOLERANCE_PT)
    for number in "23":
        line = read[next(i for i, text in enumerate(texts) if text.startswith(f"{number}."))]
        assert line[0].x == pytest.approx(column_left, abs=TOLERANCE_PT)
        assert line[2].x == pytest.approx(column_left + 2 * size, abs=TOLERANCE_PT)


# 导读 --------------------------------------------------------------------------------------------

def test_index_page_references_flush_right_on_their_entrys_last_line(chars, layout):
    left, measure = body_column(layout, "digest")
    entries = [p for p in read_article(ROOT / "articles" / "digest.md").paragraphs]
    assert all(p.kind is ParagraphKind.ENTRY for p in entries) and len(entries) == 5
    read = lines(in_block(chars, layout, "digest", layout.grid.body_size))
    references = [line for line in read if line[-1].char == "版"]
    assert len(references) == len(entries)
    for line, entry in zip(references, entries):
        assert line[-1].right == pytest.approx(left + measure, abs=0.3), entry.text
        page = "".join(c.char for c in line if c.font == BOLD)
        assert page == entry.page.replace(" ", "")
        # the entry's text ends on this line, then the leaders, then the reference
        text = "".join(c.char for c in line).replace("…", "")
        assert entry.text.replace(" ", "").endswith(text[:-len(page)])
        assert max(c.baseline for c in line) - min(c.baseline for c in line) < TOLERANCE_PT
    wrapped = [line for line in read if line[-1].char != "版"]
    assert len(wrapped) == 1     # the long entry: one full line, its page reference on the next
    assert wrapped[0][-1].right < left + measure - 3 * layout.grid.body_size   # clear of the page column


# Tables ------------------------------------------------------------------------------------------

def test_table_rows_on_the_grid_header_bold_figures_on_the_decimal_point(chars, layout):
    table = in_block(chars, layout, "indicators", layout.grid.body_size)
    left, measure = body_column(layout, "indicators")
    assert not off_grid(table, layout)
    read = lines(table)
    header = next(line for line in read if "".join(c.char for c in line).startswith("指标"))
    assert {c.font for c in header} == {BOLD}
    rows = read[read.index(header) + 1:read.index(header) + 7]
    points = [next(c for c in row if c.char == ".") for row in rows]
    assert max(p.x for p in points) - min(p.x for p in points) < TOLERANCE_PT, [p.x for p in points]
    # the last column's widest figure ends at the measure's right edge (the
    # others on its decimal point: the face's digits are proportional)
    body = load_font_set()["body"].metrics
    size = layout.grid.body_size
    ends = [row[-1].x + body.advances[row[-1].char] * size for row in rows]
    assert max(ends) == pytest.approx(left + measure, abs=TOLERANCE_PT)
    for row in rows + [header]:
        assert row[0].x == pytest.approx(left, abs=TOLERANCE_PT)
    pitch = layout.grid.line_pitch
    baselines = [row[0].baseline for row in [header] + rows]
    assert [b - a for a, b in zip(baselines, baselines[1:])] == pytest.approx([pitch] * 6)


def test_table_rules_thick_over_and_under_thin_under_the_header(edition_build, layout):
    """Rules read from the page's content stream: across the table's measure,
    1 pt at the header's top and the last row's foot, 0.5 pt under the header,
    each on a grid line's edge."""
    pdf, _, _ = edition_build
    left, measure = body_column(layout, "indicators")
    page = geometry(layout)
    bleed, media_height = layout.page.bleed, layout.page.trim_height + 2 * layout.page.bleed
    rules = []
    with pikepdf.open(pdf) as document:
        width, start = None, None
        for operands, operator in pikepdf.parse_content_stream(document.pages[PAGE_3_INDEX]):
            name = str(operator)
            if name == "w":
                width = float(operands[0])
            elif name == "m":
                start = (float(operands[0]) - bleed, media_height - bleed - float(operands[1]))
            elif name == "l":
                end = (float(operands[0]) - bleed, media_height - bleed - float(operands[1]))
                if start[0] == pytest.approx(left, abs=TOLERANCE_PT) and \
                        end[0] == pytest.approx(left + measure, abs=TOLERANCE_PT):
                    rules.append((round((start[1] - page.type_top) / layout.grid.line_pitch, 3), width))
    header_top = block(layout, "indicators").rects[0].first_line - 1
    table_rows = [line for line in range(header_top, header_top + 20)]
    assert rules == [(rules[0][0], 1.0), (rules[0][0] + 1, 0.5), (rules[0][0] + 7, 1.0)], rules
    assert rules[0][0] == int(rules[0][0]) and rules[0][0] in table_rows


def test_a_table_too_wide_for_its_column_is_an_error_naming_it(tmp_path):
    layout = project_with(
        tmp_path, {"wide.md": "---\ntitle: 表\n---\n\n导语。\n\n| 指标 | 绝对值（亿元） | 增长（%） |\n|---|---|---|\n"
                              "| 规模以上工业增加值 | 412.07 | 7.1 |\n"},
        "title: t\nblocks:\n  - name: wide\n    article: articles/wide.md\n    frame: {columns: [1, 1], lines: [1, 30]}\n")
    with pytest.raises(SourceError, match=r"articles/wide\.md:7: \[table\] the table \(3 columns"):
        build_layout(layout, tmp_path / "wide.pdf")
    assert not (tmp_path / "wide.pdf").exists()


# Titles ------------------------------------------------------------------------------------------

def test_the_editors_title_break_is_honoured(chars, layout):
    title_size = 26.0   # 一号
    title = lines([c for c in chars if abs(c.size - title_size) < TOLERANCE_PT])
    assert ["".join(c.char for c in line) for line in title] == ["稳住工业基本盘", "打开开放新空间"]


# Unsupported Markdown ----------------------------------------------------------------------------

def test_markdown_the_reader_does_not_set_is_warned_at_its_file_and_line(tmp_path):
    source = tmp_path / "rich.md"
    source.write_text("---\ntitle: 标题\n---\n\n第一段。\n\n### 三级标题\n\n图 ![照片](a.jpg) 说明<b>粗</b>。\n\n"
                      "```\ncode\n```\n\n看 `x` 和[网站](https://example.com)。\n\n---\n\n末段  \n续\\\n完。\n",
                      encoding="utf-8")
    notes: list[str] = []
    article = read_article(source, display="rich.md", notes=notes)
    assert [str(note) for note in notes] == [
        "rich.md:7: [lead] a level-3 heading is set as a section lead (小标题); write '## ' for a lead",
        "rich.md:9: [body] an inline image (a.jpg) is not printed: place pictures in the layout",
        "rich.md:9: [body] HTML <b> is not printed",
        "rich.md:9: [body] HTML </b> is not printed",
        "rich.md:11: [body] code is not set as code: its lines are set as body text",
        "rich.md:15: [body] code `x` is set as plain text",
        "rich.md:15: [body] a link's address (https://example.com) is not printed, only its words: give the "
        "article a qr: code for a web address",
        "rich.md:17: [body] a thematic break (---, ***) is not printed",
        "rich.md:20: [body] a line break inside a paragraph is not kept: paragraphs are set whole",
    ]
    assert [p.text for p in article.paragraphs] == ["第一段。", "三级标题", "图 说明粗。", "code", "看 x 和网站。", "末段续完。"]
    assert article.paragraphs[3].origin.line == 12


def test_bold_closes_after_chinese_punctuation(tmp_path):
    source = tmp_path / "qa.md"
    source.write_text("---\ntitle: 访谈\n---\n\n**记者：**今年怎样？“**江州港**”，*增长5.8%*。\n", encoding="utf-8")
    paragraph = read_article(source).paragraphs[0]
    assert paragraph.text == "记者：今年怎样？“江州港”，增长5.8%。"
    assert [(paragraph.text[s.start:s.end], s.emphasis) for s in paragraph.spans] == [
        ("记者：", Emphasis.STRONG), ("江州港", Emphasis.STRONG), ("增长5.8%", Emphasis.EMPHASIS)]


def test_lists_quotes_and_index_entries_in_the_model(tmp_path):
    source = tmp_path / "kinds.md"
    source.write_text("---\ntitle: 种类\n---\n\n1. 第一\n2. 第二\n\n- 圆点\n  - 内层\n\n> 引文\n\n"
                      "- 江州港吞吐量首季增长12.3% …… 2版\n", encoding="utf-8")
    paragraphs = read_article(source).paragraphs
    assert [(p.kind, p.text, p.label, p.level) for p in paragraphs[:4]] == [
        (ParagraphKind.ITEM, "第一", "1.", 1), (ParagraphKind.ITEM, "第二", "2.", 1),
        (ParagraphKind.ITEM, "圆点", "●", 1), (ParagraphKind.ITEM, "内层", "●", 2)]
    assert (paragraphs[4].kind, paragraphs[4].text) == (ParagraphKind.QUOTE, "引文")
    assert (paragraphs[5].kind, paragraphs[5].text, paragraphs[5].page) == (
        ParagraphKind.ENTRY, "江州港吞吐量首季增长12.3%", "2版")
    assert [p.origin.line for p in paragraphs] == [5, 6, 8, 9, 11, 13]


# Headline breaks ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def title_metrics():
    return load_font_set()["title"].metrics


@pytest.mark.parametrize("width", range(8, 22))
def test_a_headline_never_separates_a_number_from_its_word_or_unit(title_metrics, width):
    text = "一季度全市规模以上工业增加值增长7.1%高技术制造业增长12.5%"
    lines = break_headline(text, title_metrics, width)
    assert "".join(lines) == text
    for line, following in zip(lines, lines[1:]):
        assert not following[0].isdigit() and following[0] != "%", lines
        assert not line.endswith("增长"), lines


@pytest.mark.parametrize("width", range(12, 16))
def test_a_headline_breaks_where_the_editor_typed_a_space(title_metrics, width):
    assert break_headline("江州港 首季吞吐量增长百分之十二", title_metrics, width) == ["江州港 ", "首季吞吐量增长百分之十二"]


def test_a_manual_break_in_yaml_or_with_a_slash_is_kept_with_the_text(tmp_path):
    source = tmp_path / "title.md"
    source.write_text("---\nkicker: 访江州市市长 / 王建华\ntitle: |\n  稳住工业基本盘\n  打开开放新空间\n---\n\n正文。\n",
                      encoding="utf-8")
    article = read_article(source)
    assert (article.kicker.text, article.kicker.breaks) == ("访江州市市长王建华", (6,))
    assert (article.title.text, article.title.breaks) == ("稳住工业基本盘打开开放新空间", (7,))


def test_traditional_display_sizes_are_named_sizes():
    assert (parse_size("特号"), parse_size("特大号"), parse_size("初号")) == (54.0, 63.0, 42.0)


def test_every_body_line_of_the_rich_page_sits_on_the_grid(chars, layout):
    assert not off_grid(chars, layout)


def test_the_house_option_sets_whole_questions_in_kai(tmp_path):
    page = PAGE_3.read_text(encoding="utf-8").replace(
        "    article: articles/mayor-interview.md\n", "    article: articles/mayor-interview.md\n    questions: kai\n")
    articles = {name: (ROOT / "articles" / name).read_text(encoding="utf-8")
                for name in ("mayor-interview.md", "digest.md", "indicators.md")}
    layout = project_with(tmp_path, articles, page)
    build_layout(layout, tmp_path / "kai.pdf")
    spec = read_layout(layout)
    body = in_block(read_page(tmp_path / "kai.pdf", spec), spec, "mayor-interview", spec.grid.body_size)
    text = "".join(c.char for c in body)
    question = text.index("记者：今年一季度")
    assert [c.font for c in body[question:question + 3]] == [BOLD] * 3
    assert {c.font for c in body[question + 3:question + 10]} == {KAI}
    answer = text.index("王建华：总体")
    assert {c.font for c in body[answer + 4:answer + 10]} == {SERIF}


def vertical_title_page(tmp_path, head: str) -> tuple:
    """A block with a vertical title 老街客流增长5.8% under the kicker 春节: its characters read back."""
    layout = project_with(
        tmp_path, {"street.md": "---\nkicker: 春节\ntitle: 老街客流增长5.8%\n---\n\n正文。\n"},
        "title: t\nblocks:\n  - name: street\n    article: articles/street.md\n"
        f"    frame: {{columns: [1, 4], lines: [1, 30]}}\n    head: {{vertical: true, {head}}}\n")
    build_layout(layout, tmp_path / "street.pdf")
    spec = read_layout(layout)
    return read_page(tmp_path / "street.pdf", spec)


def test_a_short_number_in_a_vertical_title_stands_across_one_square(tmp_path):
    """纵中横: "5.8%" on one baseline inside one square of the column, the
    square below 长's; a Han character per square above it."""
    size = 26.0
    chars = vertical_title_page(tmp_path, "title: {size: 一号}, kicker: {size: 小二}")
    title = [c for c in chars if abs(c.size - size) < TOLERANCE_PT]
    assert "".join(c.char for c in title) == "老街客流增长5.8%"
    han, number = title[:6], title[6:]
    assert [b.baseline - a.baseline for a, b in zip(han, han[1:])] == pytest.approx([size] * 5)
    assert {round(c.baseline, 2) for c in number} == {round(han[-1].baseline + size, 2)}
    axis = sum(c.centre_x for c in han) / len(han)
    assert min(c.left for c in number) >= axis - size / 2 - TOLERANCE_PT
    assert max(c.right for c in number) <= axis + size / 2 + TOLERANCE_PT


@pytest.mark.parametrize("order,kicker_first", [("left-to-right", True), ("right-to-left", False)])
def test_a_vertical_titles_columns_read_in_the_house_order(tmp_path, order, kicker_first):
    chars = vertical_title_page(tmp_path, f"order: {order}, title: {{size: 一号}}, kicker: {{size: 小二}}")
    kicker = next(c for c in chars if c.char == "春")
    title = next(c for c in chars if c.char == "老")
    assert (kicker.centre_x < title.centre_x) == kicker_first


def test_paragraphs_indented_by_hand_are_paragraphs_not_code(tmp_path):
    """Pasted copy indents paragraphs with spaces, tabs or 　　: no code block, no warning."""
    source = tmp_path / "indented.md"
    source.write_text("---\ntitle: 缩进\n---\n\n    郴州是一座老城。\n    接着一行\n\n\t第二段。\n\n\u3000\u3000第三段。\n",
                      encoding="utf-8")
    notes: list = []
    article = read_article(source, notes=notes)
    assert [(p.kind, p.text, p.origin.line) for p in article.paragraphs] == [
        (ParagraphKind.BODY, "郴州是一座老城。接着一行", 5), (ParagraphKind.BODY, "第二段。", 8),
        (ParagraphKind.BODY, "第三段。", 10)]
    assert notes == []


def test_a_table_row_longer_than_its_header_is_warned(tmp_path):
    source = tmp_path / "ragged.md"
    source.write_text("---\ntitle: 表\n---\n\n| 指标 | 数值 |\n|---|---|\n| 地区生产总值 | 5.8 | 备注 |\n| 出口 |\n",
                      encoding="utf-8")
    notes: list = []
    table = read_article(source, display="ragged.md", notes=notes).paragraphs[0].table
    assert table.rows == (("地区生产总值", "5.8"), ("出口", ""))
    assert [str(note) for note in notes] == [
        "ragged.md:7: [table] the row has 1 cell(s) more than the header: they are not printed"]


def test_a_digest_in_a_column_too_narrow_is_an_error_naming_the_entry(tmp_path):
    layout = project_with(
        tmp_path, {"digest.md": "---\ntitle: 导读\n---\n\n- 江州港吞吐量首季增长 …… 2版\n"},
        "title: t\ngrid: {column_chars: 8}\nblocks:\n  - name: digest\n    article: articles/digest.md\n"
        "    frame: {columns: [1, 1], lines: [1, 30]}\n")
    with pytest.raises(SourceError, match=r"articles/digest\.md:5: \[entry\] the 导读 entry's column holds 8\.0"):
        build_layout(layout, tmp_path / "narrow.pdf")
