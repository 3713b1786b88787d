"""Column flow: leads kept with their text, balancing, measures that change
between columns, overset reported and marked, jumps (转版) over two pages."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from pagecheck import geometry, inside, lines, read_page, text_in

from broadsheet.build import build_layout
from broadsheet.errors import BuildError
from broadsheet.layout.flow import (
    LEAD_KEEP_WITH_NEXT_LINES,
    FlowLine,
    FlowPosition,
    GroupKind,
    Slot,
    balanced_flow,
    flow,
)
from broadsheet.layout.jumps import JUMP_IN, JUMP_OUT
from broadsheet.layout.setting import printed_length
from broadsheet.model import ParagraphKind
from broadsheet.model.page import FrameRect
from broadsheet.source.article import read_article
from broadsheet.source.layout import read_layout

ROOT = Path(__file__).resolve().parent.parent
BODY_SIZE = 9.0


@dataclass
class FakeLine:
    text: str


class FakeSource:
    """Groups of characters set ``measure`` characters to a line (measure in pt = characters)."""

    def __init__(self, groups: list[tuple[GroupKind, int]]):
        self.groups = groups
        self.asked: list[tuple[int, int, float]] = []

    def count(self) -> int:
        return len(self.groups)

    def kind(self, group: int) -> GroupKind:
        return self.groups[group][0]

    def span(self, group: int) -> int:
        return 1

    def lines(self, group: int, offset: int, measure: float) -> list[FlowLine]:
        self.asked.append((group, offset, measure))
        length, width = self.groups[group][1], int(measure)
        return [FlowLine(FakeLine("x" * (min(length, start + width) - start)), start, min(length, start + width))
                for start in range(offset, length, width)]


def columns(count: int, lines: int, measure: float = 10.0, first_line: int = 1) -> list[Slot]:
    return [Slot(x=20.0 * k, measure=measure, first_line=first_line, last_line=first_line + lines - 1)
            for k in range(count)]


def placed_lines(result, slot: int) -> list[int]:
    return [p.grid_line for p in result.placements if p.slot == slot]


def test_a_lead_that_would_stand_at_a_column_foot_moves_to_the_next_column():
    # Column of 10 lines: 8 lines of text, then a lead with a blank line above
    # would take line 10 and leave its paragraph to the next column.
    source = FakeSource([(GroupKind.PARAGRAPH, 80), (GroupKind.LEAD, 5), (GroupKind.PARAGRAPH, 50)])
    result = flow(source, columns(2, 10), depth=10)
    lead = [p for p in result.placements if p.group == 1]
    assert [(p.slot, p.grid_line) for p in lead] == [(1, 1)]
    after = [p for p in result.placements if p.group == 2 and p.slot == lead[0].slot]
    assert len(after) >= LEAD_KEEP_WITH_NEXT_LINES


def test_negative_control_a_lead_with_room_for_its_lines_stays():
    source = FakeSource([(GroupKind.PARAGRAPH, 50), (GroupKind.LEAD, 5), (GroupKind.PARAGRAPH, 50)])
    result = flow(source, columns(2, 10), depth=10)
    lead = [p for p in result.placements if p.group == 1]
    assert [(p.slot, p.grid_line) for p in lead] == [(0, 7)]   # 5 lines, a blank line, the lead


def test_balancing_finds_the_shallowest_depth_and_leaves_the_shortfall_in_the_last_column():
    source = FakeSource([(GroupKind.PARAGRAPH, 250)])   # 25 lines over 3 columns of 20
    result = balanced_flow(source, columns(3, 20))
    assert result.stop is None
    assert [len(placed_lines(result, k)) for k in range(3)] == [9, 9, 7]


def test_only_the_last_rectangle_of_an_l_shaped_block_is_balanced():
    tall = [Slot(0.0, 10.0, 1, 30, frame=0), Slot(20.0, 10.0, 1, 30, frame=0)]
    short = [Slot(40.0, 10.0, 1, 10, frame=1), Slot(60.0, 10.0, 1, 10, frame=1)]
    source = FakeSource([(GroupKind.PARAGRAPH, 700)])   # 70 lines: 60 in the tall columns, 10 in the short
    result = balanced_flow(source, tall + short)
    assert [len(placed_lines(result, k)) for k in range(4)] == [30, 30, 5, 5]


def test_a_paragraph_is_set_again_at_the_measure_of_the_column_it_runs_into():
    slots = [Slot(0.0, 20.0, 1, 3), Slot(30.0, 10.0, 1, 10)]
    source = FakeSource([(GroupKind.PARAGRAPH, 100)])
    result = flow(source, slots, depth=10)
    first, second = ([p.line for p in result.placements if p.slot == k] for k in range(2))
    assert [line.end - line.start for line in first] == [20, 20, 20]
    assert [line.end - line.start for line in second] == [10, 10, 10, 10]
    assert second[0].start == 60 and (0, 60, 10.0) in source.asked


def test_a_flow_that_runs_out_of_columns_says_where_it_stopped():
    source = FakeSource([(GroupKind.PARAGRAPH, 45), (GroupKind.PARAGRAPH, 30)])
    result = flow(source, columns(1, 5), depth=5, foot_lines=1)
    assert len(result.placements) == 4              # the foot line is kept for a mark
    assert result.stop == FlowPosition(0, 40)
    rest = flow(source, columns(1, 10), depth=10, start=result.stop)
    assert rest.stop is None and rest.placements[0].line.start == 40


# An overset test: an article three times too long for its block.

def _project(tmp_path: Path, article: str, lines: int) -> Path:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "long.md").write_text(article, encoding="utf-8")
    layout = tmp_path / "layouts" / "page.yaml"
    layout.write_text(f"""page_number: 3
grid: {{columns: 8, column_chars: 13, gutter_chars: 1, body_size: 小五, line_pitch: 1.5, lines: 102}}
blocks:
  - name: small
    article: articles/long.md
    frame: {{columns: [1, 2], lines: [1, {lines}]}}
    head: {{title: {{size: 三号}}}}
""", encoding="utf-8")
    return layout


def _long_article() -> tuple[str, str, str]:
    source = read_article(ROOT / "articles" / "spring-farming.md")
    body = [p.text for p in source.paragraphs if p.kind is ParagraphKind.BODY]
    title = "春耕一线见闻"
    return f"---\ntitle: {title}\n---\n\n" + "\n\n".join(body) + "\n", title, "".join(body)


def block_text(pdf: Path, layout_path: Path, block_name: str, page_number: int = 0) -> str:
    """The block's body-size text as a reader takes it: rectangle by rectangle,
    column by column, line by line."""
    layout = read_layout(layout_path)
    page = geometry(layout)
    block = next(b for b in layout.blocks if b.name == block_name)
    captions = [page.box(picture.rect) for picture in block.pictures]   # read apart from the body
    chars = [c for c in read_page(pdf, layout, page_number) if c.size == BODY_SIZE and not inside(c, captions)]
    return "".join(text_in(chars, page.box(FrameRect(column, column, rect.first_line, rect.last_line)))
                   for rect in block.rects for column in range(rect.first_column, rect.last_column + 1))


def test_overset_is_counted_exactly_marked_and_nothing_else_is_lost(tmp_path):
    article, title, body = _long_article()
    layout = _project(tmp_path, article, lines=20)
    pdf, report = tmp_path / "out.pdf", tmp_path / "out.json"
    result = build_layout(layout, pdf, report=report)
    block = result.pages[0].blocks[0]
    figures = json.loads(report.read_text(encoding="utf-8"))

    capacity_lines = sum(block.column_lines) + block.underset_lines
    total = printed_length(title + body)
    assert total >= 3 * capacity_lines * 13, "the article is not three times too long for its block"
    assert figures["overset"] == block.characters_overset > 0
    assert figures["pages"][0]["blocks"][0]["characters_overset"] == block.characters_overset
    assert block.characters_set + block.characters_overset == total

    mark = f"▲超版{block.characters_overset}字"
    shown = block_text(pdf, layout, "small")
    assert shown.endswith(mark)
    shown = shown[:-len(mark)]
    expected = body.replace(" ", "")
    assert expected.startswith(shown), "the text that fits is not the article's beginning, in order"
    assert printed_length(expected[len(shown):]) == block.characters_overset
    assert any(str(block.characters_overset) in warning.message and "overset" in warning.message
               and warning.block == block.name for warning in result.warnings)


def test_overset_fails_a_strict_build_and_leaves_no_pdf(tmp_path):
    article, _, _ = _long_article()
    layout = _project(tmp_path, article, lines=20)
    with pytest.raises(BuildError, match="overset"):
        build_layout(layout, tmp_path / "strict.pdf", strict=True)
    assert not (tmp_path / "strict.pdf").exists()


def test_negative_control_a_block_deep_enough_sets_everything_with_no_mark(tmp_path):
    article, title, body = _long_article()
    layout = _project(tmp_path, article, lines=102)
    result = build_layout(layout, tmp_path / "out.pdf")
    block = result.pages[0].blocks[0]
    assert block.characters_overset == 0 and block.characters_set == printed_length(title + body)
    assert "▲" not in block_text(tmp_path / "out.pdf", layout, "small")


# The jump test: the lead story of layouts/edition.yaml runs from page 1 to page 2.

def test_a_jump_carries_the_whole_article_in_order_over_two_pages(edition_build):
    pdf, result, _ = edition_build
    article = read_article(ROOT / "articles" / "spring-farming.md")
    expected = (article.byline.text + "".join(p.text for p in article.paragraphs)).replace(" ", "")
    first = block_text(pdf, ROOT / "layouts" / "lead-story.yaml", "lead")
    second = block_text(pdf, ROOT / "layouts" / "lead-story-2.yaml", "lead-2", page_number=1)
    jump_out, jump_in = JUMP_OUT.format(page=2), JUMP_IN.format(page=1)
    assert first.endswith(jump_out), "no 下转 line at the foot of the first part"
    assert second.startswith(jump_in), "no 上接 line at the head of the continuation"
    assert first[:-len(jump_out)] + second[len(jump_in):] == expected
    assert len(second) - len(jump_in) > 100, "the continuation holds too little to prove a jump"

    lead, lead_2 = result.pages[0].blocks[1], result.pages[1].blocks[0]
    assert (lead.name, lead_2.name) == ("lead", "lead-2")
    assert lead.characters_overset == lead_2.characters_overset == 0
    assert lead.characters_continued == printed_length(second[len(jump_in):])
    assert lead_2.characters_set == printed_length(article.title.text + second[len(jump_in):] + article.qr.caption)


def _column_lines(pdf: Path, layout_path: Path, page_number: int, column: int) -> list[list]:
    """Body-size lines of one basic column of a page, top to bottom."""
    layout = read_layout(layout_path)
    page = geometry(layout)
    return lines([c for c in read_page(pdf, layout, page_number) if c.size == BODY_SIZE
                  and page.column_x(column) <= c.centre_x < page.column_right(column)])


def test_the_jump_lines_stand_at_the_foot_of_the_last_column_and_the_head_of_the_first(edition_build):
    pdf, _, _ = edition_build
    layout = read_layout(ROOT / "layouts" / "lead-story.yaml")
    page = geometry(layout)
    last_rect = next(b for b in layout.blocks if b.name == "lead").rects[-1]
    column = _column_lines(pdf, ROOT / "layouts" / "lead-story.yaml", 0, last_rect.last_column)
    foot = next(line for line in column if line[0].baseline > page.line_top(last_rect.last_line))
    assert "".join(c.char for c in foot) == JUMP_OUT.format(page=2)
    assert math.isclose(foot[0].baseline, page.baseline(last_rect.last_line), abs_tol=0.05)
    assert page.column_right(last_rect.last_column) - foot[-1].right < BODY_SIZE / 2, "下转 is not set flush right"

    layout_2 = read_layout(ROOT / "layouts" / "lead-story-2.yaml")
    first_column = layout_2.blocks[0].rects[0].first_column
    head = _column_lines(pdf, ROOT / "layouts" / "lead-story-2.yaml", 1, first_column)[0]
    assert "".join(c.char for c in head) == JUMP_IN.format(page=1), "上接 is not the column's first line"


def test_built_alone_the_first_page_marks_as_overset_exactly_what_the_edition_carries_over(edition_build, tmp_path):
    _, edition, _ = edition_build
    alone = build_layout(ROOT / "layouts" / "lead-story.yaml", tmp_path / "alone.pdf")
    lead = next(b for b in alone.pages[0].blocks if b.name == "lead")
    assert lead.characters_overset == edition.pages[0].blocks[1].characters_continued > 0
    assert any("not in this build" in warning.message for warning in alone.warnings)
    text = block_text(tmp_path / "alone.pdf", ROOT / "layouts" / "lead-story.yaml", "lead")
    assert text.endswith(f"▲超版{lead.characters_overset}字")


def test_a_table_moves_to_the_next_column_rather_than_break():
    """Two columns of 10 lines: 7 lines of text, then a table of 6 rows —
    it starts the second column whole; a paragraph there would break."""
    slots = [Slot(0.0, 10.0, 1, 10), Slot(20.0, 10.0, 1, 10)]
    for kind, expected_slots in ((GroupKind.TABLE, {1}), (GroupKind.PARAGRAPH, {0, 1})):
        source = FakeSource([(GroupKind.PARAGRAPH, 70), (kind, 60)])
        result = flow(source, slots, 10)
        assert result.stop is None
        assert {placement.slot for placement in result.placements if placement.group == 1} == expected_slots


def test_a_table_taller_than_any_column_breaks_where_it_stands():
    slots = [Slot(0.0, 10.0, 1, 10), Slot(20.0, 10.0, 1, 10)]
    result = flow(FakeSource([(GroupKind.PARAGRAPH, 70), (GroupKind.TABLE, 120)]), slots, 10)
    assert result.stop is None
    assert [p.slot for p in result.placements if p.group == 1] == [0] * 3 + [1] * 9
