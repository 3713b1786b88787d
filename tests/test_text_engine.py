"""The text engine's own behaviour, on real font metrics: compression,
hanging punctuation, prohibition levels, headline breaking, segmentation."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from broadsheet.fonts import load_font_set
from broadsheet.text.headline import MIN_HEADLINE_LINE_LETTERS, break_headline, words
from broadsheet.text.justify import set_paragraph
from broadsheet.text.linebreak import (LONE_CHARACTER_DEMERITS, NOMINAL_GAP_STRETCH_EM, Measure, line_cost,
                                       line_ratio)
from broadsheet.text.segment import cut
from clreq_rules import NOT_COUNTED_AS_CHARACTERS

ROOT = Path(__file__).resolve().parent.parent
HAN_13 = "一二三四五六七八九十百千万"


@pytest.fixture(scope="module")
def body():
    return load_font_set()["body"].metrics


@pytest.fixture(scope="module")
def title():
    return load_font_set()["title"].metrics


def positions(line) -> dict[int, float]:
    return {glyph.index: glyph.box_left for glyph in line.glyphs}


def test_adjacent_marks_take_one_and_a_half_em(body):
    line, = set_paragraph("他说“好。”我们走", body, Measure(40))
    boxes = {glyph.char: glyph for glyph in line.glyphs}
    assert boxes["”"].box_left - boxes["。"].box_left == pytest.approx(0.5)
    assert boxes["我"].box_left - boxes["。"].box_left == pytest.approx(1.5)


def test_han_next_to_an_opening_quote_is_not_compressed(body):
    line, = set_paragraph("资是“重头戏”和主抓", body, Measure(40))
    quote = next(glyph for glyph in line.glyphs if glyph.char == "“")
    assert quote.box_right - quote.box_left == pytest.approx(1.0)


def test_a_score_line_gives_up_its_commas_before_its_ratio_signs(body):
    """Three scores fill a 10-character line only compressed: 、 goes to half
    width first, then each ∶ loses an equal part of its quarter em each side
    (the ratio sign compresses last, as ：does), keeping at least half an em."""
    lines = set_paragraph("No.7号选手以21∶19、18∶21、21∶15险胜，晋级八强。", body, Measure(10, 2))
    scores = next(line for line in lines if line.text.startswith("21∶19"))
    assert scores.text == "21∶19、18∶21、21∶15"
    boxes = [glyph.box_right - glyph.box_left for glyph in scores.glyphs]
    commas = [box for glyph, box in zip(scores.glyphs, boxes) if glyph.char == "、"]
    ratios = [box for glyph, box in zip(scores.glyphs, boxes) if glyph.char == "∶"]
    assert commas == pytest.approx([0.5, 0.5])
    assert len(set(round(box, 6) for box in ratios)) == 1 and 0.5 <= ratios[0] < 1.0
    assert scores.width == pytest.approx(10.0)


@pytest.mark.parametrize("path", sorted(ROOT.glob("fonts/*.ttf")), ids=lambda path: path.name)
def test_the_ratio_sign_is_centred_in_every_shipped_face(path):
    """CENTRED_MARKS gives ∶ a quarter em of blank each side without probing
    its ink: every face we ship draws it centred in a full em."""
    font = TTFont(path, lazy=True)
    glyph_name = font.getBestCmap()[ord("∶")]
    units = font["head"].unitsPerEm
    advance = font["hmtx"][glyph_name][0] / units
    glyph = font["glyf"][glyph_name]
    assert advance == pytest.approx(1.0)
    assert glyph.xMin / units >= 0.25 and 1.0 - glyph.xMax / units >= 0.25
    assert glyph.xMin / units == pytest.approx(1.0 - glyph.xMax / units, abs=0.02)


@pytest.mark.parametrize("measure", range(4, 12))
def test_a_hyphen_joining_a_name_ends_a_line_but_never_starts_one(body, measure):
    lines = set_paragraph("我们的教练汉斯-彼得说今天的比赛很好，气温在-5℃左右", body, Measure(measure))
    hyphen_starts = [line.printed_text for line in lines[1:] if line.printed_text.startswith("-")]
    assert all(text.startswith("-5") for text in hyphen_starts), hyphen_starts  # a sign may: -5℃


def test_hanging_punctuation_lets_a_full_line_keep_its_stop(body):
    text = HAN_13 + "。" + HAN_13 + HAN_13
    plain = set_paragraph(text, body, Measure(13))
    hung = set_paragraph(text, body, Measure(13), hanging=True)
    assert plain[0].text != HAN_13 + "。"          # without hanging the 。 cannot end line 1
    assert hung[0].text == HAN_13 + "。"
    stop = hung[0].glyphs[-1]
    assert stop.x == pytest.approx(13.0)           # drawn just outside the measure
    assert max(g.box_right for g in hung[0].glyphs) == pytest.approx(13.0)


def test_prohibition_level_none_allows_what_gb_forbids(body):
    text = HAN_13 + "，" + HAN_13[:5]
    none = set_paragraph(text, body, Measure(13), prohibition="none")
    gb = set_paragraph(text, body, Measure(13), prohibition="gb")
    assert [line.text for line in none] == [HAN_13, "，" + HAN_13[:5]]
    assert not any(line.text.startswith("，") for line in gb)


def test_interpunct_may_not_start_a_line_at_gb_level_only(body):
    text = "一二三四五六七八九十百千·万亿"
    gb = set_paragraph(text, body, Measure(12), prohibition="gb")
    basic = set_paragraph(text, body, Measure(12), prohibition="basic")
    assert not any(line.text.startswith("·") for line in gb)
    assert any(line.text.startswith("·") for line in basic)


def test_segmentation_in_place_gives_jiebas_own_words():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    sentences = ["一座“富矿”老城如何塑造高质量发展新动能", "交通节点之城如何蓄势“拼经济”崛起",
                 "全国人大代表、湖南省郴州市市长阙保勇如是说", "政务服务承诺时限比法定时限压缩86.7%"]
    for sentence in sentences:
        assert cut(sentence) == [piece for piece in jieba.cut(sentence, HMM=True) if piece]


def test_headline_words_keep_quotes_titles_and_names_whole():
    pieces = words("全国人大代表、郴州市市长阙保勇：《易经》里的“首出庶物”")
    assert "阙保勇：" in pieces
    assert any("《易经》" in piece for piece in pieces)
    assert any("“首出庶物”" in piece for piece in pieces)


@pytest.mark.parametrize("text,width", [
    ("一座“富矿”老城如何塑造高质量发展新动能", 8),
    ("一座“富矿”老城如何塑造高质量发展新动能", 12),
    ("交通节点之城如何蓄势“拼经济”崛起", 7),
    ("全国人大代表、咸宁市市长杨军：", 8),
])
def test_headlines_break_at_word_boundaries_into_balanced_lines(title, text, width):
    lines = break_headline(text, title, width)
    assert "".join(lines) == text
    assert len(lines) > 1
    boundaries, offset = set(), 0
    for piece in words(text):
        offset += len(piece)
        boundaries.add(offset)
    offset = 0
    for line in lines[:-1]:
        offset += len(line)
        assert offset in boundaries, f"broke inside a word: {lines}"
    for line in lines:
        letters = [c for c in line if c not in NOT_COUNTED_AS_CHARACTERS]
        assert len(letters) >= MIN_HEADLINE_LINE_LETTERS, lines
    lengths = [len(line) for line in lines]
    assert max(lengths) - min(lengths) <= max(4, len(text) // 4), f"unbalanced: {lines}"


def test_a_headline_that_fits_is_one_line_without_segmentation(title, monkeypatch):
    import broadsheet.text.headline as headline
    monkeypatch.setattr(headline, "cut", lambda text: pytest.fail("segmented a headline that fits"))
    assert break_headline("一座老城", title, 10) == ["一座老城"]


# The breaker's cost and fit helpers, alone (text/linebreak.py).

def test_a_full_line_sits_at_ratio_zero_and_a_short_one_stretches():
    assert line_ratio(13.0, 0.5, 0.0, 12, 13.0, final=False, ragged=False) == 0.0
    # one em short over 12 ideograph gaps, no CJK–Latin gap to take it first
    short = line_ratio(12.0, 0.5, 0.0, 12, 13.0, final=False, ragged=False)
    assert short == pytest.approx(1.0 + 1.0 / (12 * NOMINAL_GAP_STRETCH_EM))
    # half an em over, with a whole em it may shrink: half way to its limit
    assert line_ratio(13.5, 1.0, 0.0, 12, 13.0, final=False, ragged=False) == pytest.approx(-0.5)


def test_a_last_line_or_a_broken_urls_line_is_set_flush_left():
    assert line_ratio(4.0, 0.0, 0.0, 3, 13.0, final=True, ragged=False) == 0.0
    assert line_ratio(9.1, 0.0, 0.0, 0, 13.0, final=False, ragged=True) == pytest.approx(3.9 / 13.0)
    # negative control: the same line justified would be infinitely loose (no gap to widen)
    assert line_ratio(9.1, 0.0, 0.0, 0, 13.0, final=False, ragged=False) == float("inf")


def test_a_lone_character_costs_more_than_the_loosest_line():
    loosest = line_cost(30.0, 0.0, 8, final=False, opening=False)
    assert line_cost(0.0, 0.0, 1, final=True, opening=False) > loosest
    assert line_cost(0.0, 0.0, 1, final=False, opening=True) > loosest     # "网" opening a paragraph
    assert line_cost(0.0, 0.0, 1, final=True, opening=True) < LONE_CHARACTER_DEMERITS   # a one-character paragraph
    assert line_cost(0.0, 0.0, 2, final=True, opening=False) < LONE_CHARACTER_DEMERITS


def test_a_looser_line_always_costs_more_even_past_the_badness_cap():
    costs = [line_cost(ratio, 0.0, 8, final=False, opening=False) for ratio in (0.0, 0.5, 1.0, 5.0, 25.0, 50.0)]
    assert costs == sorted(costs) and len(set(costs)) == len(costs)
