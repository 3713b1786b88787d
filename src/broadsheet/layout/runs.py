"""Turn set lines (glyph positions in em) into text runs (points on the page)."""
from __future__ import annotations

from collections.abc import Sequence

from ..text.justify import SetLine
from ..text.metrics import FontMetrics
from .display import TextRun

# Two pen positions closer than this (pt) are the same: runs merge.
POSITION_TOLERANCE_PT = 1e-4
# A 破折号 is one unbroken 2-em rule: each — of it is stretched over its whole
# box, so no gap shows between the two halves.
DASH = "—"


def line_runs(line: SetLine, metrics: FontMetrics, font: str, size: float, x: float,
              baseline: float, dash_ink: tuple[float, float] | None = None,
              other_faces: Sequence[tuple[str, FontMetrics]] = ()) -> list[TextRun]:
    """Runs for one set line whose line start is at ``x``.

    Consecutive glyphs in one face spaced by one constant amount share a run
    with that amount as character spacing, so a justified line is a few runs,
    not one per glyph.  ``other_faces`` are the (font, metrics) of glyph
    faces 1, 2, … (bold and 楷体 runs)."""
    faces = [(font, metrics), *other_faces]
    runs: list[TextRun] = []
    pending: list[str] = []
    run_x = after_last = 0.0
    spacing: float | None = None
    run_face = 0

    def flush() -> None:
        if pending:
            runs.append(TextRun(faces[run_face][0], size, run_x, baseline, "".join(pending), spacing or 0.0))
            pending.clear()

    glyphs = [glyph for glyph in line.glyphs if glyph.char != " "]
    for position, glyph in enumerate(glyphs):
        glyph_x = x + glyph.x * size
        if glyph.face != run_face:
            flush()
            run_face = glyph.face
        if glyph.char == DASH and dash_ink and glyph.face == 0 and _in_dash_pair(glyphs, position):
            flush()
            runs.append(_stretched_dash(font, size, x + glyph.box_left * size,
                                        (glyph.box_right - glyph.box_left) * size, baseline, dash_ink))
            continue
        gap = glyph_x - after_last
        if pending and (spacing is None or abs(gap - spacing) <= POSITION_TOLERANCE_PT):
            spacing = gap
        else:
            flush()
            run_x, spacing = glyph_x, None
        pending.append(glyph.char)
        after_last = glyph_x + faces[run_face][1].advances[glyph.char] * size
    flush()
    return runs


def _in_dash_pair(glyphs, position: int) -> bool:
    before = position > 0 and glyphs[position - 1].char == DASH
    after = position + 1 < len(glyphs) and glyphs[position + 1].char == DASH
    return before or after


def _stretched_dash(font: str, size: float, box_x: float, box_width: float, baseline: float,
                    ink: tuple[float, float]) -> TextRun:
    ink_left, ink_right = ink
    scale = box_width / ((ink_right - ink_left) * size)
    return TextRun(font, size, box_x - ink_left * size * scale, baseline, DASH,
                   horizontal_scale=100.0 * scale)
