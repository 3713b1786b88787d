"""Inline runs through the breaker: for any text with any runs in bold and
楷体, no character lost, no rule broken, each glyph in its own face and as
wide as that face makes it, lines still justified across run boundaries."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.fonts import load_font_set
from broadsheet.text.classes import CharClass, classify
from broadsheet.text.faces import Faces
from broadsheet.text.justify import set_paragraph
from broadsheet.text.linebreak import Measure
from clreq_rules import check_paragraph
from test_linebreak_properties import BODY_SIZE_PT, FLUSH_TOLERANCE_PT, PROPERTY_SETTINGS, measures, paragraph

# Fewer examples than the one-face properties (1,000 random examples each passed once).
RUN_SETTINGS = settings(PROPERTY_SETTINGS, max_examples=120)

# Characters that keep their face's advance as their box (marks may be compressed).
UNCOMPRESSED = frozenset({CharClass.HAN, CharClass.WESTERN})


@pytest.fixture(scope="module")
def faces():
    fonts = load_font_set()
    return tuple(fonts[role].metrics for role in ("body", "strong", "emphasis"))


@st.composite
def with_runs(draw):
    """A paragraph and a face (0 body, 1 bold, 2 楷体) for each character, in runs."""
    text = draw(paragraph())
    face_of = []
    while len(face_of) < len(text):
        length = draw(st.integers(min_value=1, max_value=8))
        face_of += [draw(st.sampled_from([0, 0, 1, 2]))] * length
    return text, tuple(face_of[:len(text)])


@RUN_SETTINGS
@given(case=with_runs(), measure=measures)
def test_runs_lose_no_character_and_break_no_rule(faces, case, measure):
    text, face_of = case
    lines = set_paragraph(text, faces[0], Measure(measure, 2.0), faces=Faces(faces, face_of))
    assert "".join(line.text for line in lines) == text
    assert [glyph.index for line in lines for glyph in line.glyphs] == list(range(len(text)))
    assert [glyph.face for line in lines for glyph in line.glyphs] == list(face_of)
    violations = check_paragraph([line.text for line in lines], lone_rule=False,
                                 fits=lambda word, number: sum(faces[0].advance(c) for c in word) * 2 <= measure)
    assert not violations, "\n".join(map(str, violations))


@RUN_SETTINGS
@given(case=with_runs(), measure=measures)
def test_each_glyph_is_as_wide_as_its_own_face_and_lines_stay_flush(faces, case, measure):
    text, face_of = case
    lines = set_paragraph(text, faces[0], Measure(measure, 2.0), faces=Faces(faces, face_of))
    for line in lines:
        for glyph in line.glyphs:
            if classify(glyph.char) in UNCOMPRESSED:
                assert glyph.box_right - glyph.box_left == pytest.approx(faces[glyph.face].advance(glyph.char))
        for before, after in zip(line.glyphs, line.glyphs[1:]):
            assert after.box_left >= before.box_right - 1e-9
    for line in lines[:-1]:
        if len(line.glyphs) < 2 or line.overfull:
            continue
        right_edge = max(glyph.box_right for glyph in line.glyphs)
        assert abs(right_edge - measure) * BODY_SIZE_PT < FLUSH_TOLERANCE_PT, line.text


def test_a_bold_closing_quote_then_a_regular_comma_still_compress(faces):
    """”， in two faces lose the blank between them, as in one face: 1.5 em."""
    text = "他说“江州港”，今年增长。"
    bold_quote = tuple(1 if 2 <= i <= 6 else 0 for i in range(len(text)))
    for face_of in (bold_quote, (0,) * len(text)):
        line = set_paragraph(text, faces[0], Measure(40.0), faces=Faces(faces, face_of))[0]
        quote, comma = line.glyphs[6], line.glyphs[7]
        assert (quote.char, comma.char) == ("”", "，")
        assert comma.box_right - quote.box_left == pytest.approx(1.5)
    assert line.glyphs[6].face == 0


def test_a_bold_run_of_figures_takes_the_bold_faces_widths(faces):
    text = "全年增长5.8%以上"
    face_of = tuple(1 if 4 <= i <= 7 else 0 for i in range(len(text)))
    line = set_paragraph(text, faces[0], Measure(40.0), faces=Faces(faces, face_of))[0]
    figures = line.glyphs[4:8]
    assert [glyph.face for glyph in figures] == [1, 1, 1, 1]
    assert figures[-1].box_right - figures[0].box_left == pytest.approx(sum(faces[1].advance(c) for c in "5.8%"))
    assert sum(faces[1].advance(c) for c in "5.8%") != pytest.approx(sum(faces[0].advance(c) for c in "5.8%"))
