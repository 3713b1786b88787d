"""Page mistakes that would otherwise build silently: grid areas nothing
covers (开天窗), ink too near the trim, furniture that runs into its own rule
or a neighbour.  Each is a warning (an error with --strict)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import Diagnostic, warning
from ..model.page import FrameRect, LayoutSpec
from ..text.metrics import FontMetrics
from ..units import mm, to_mm
from .display import ComposedPage, Rule, TextRun
from .geometry import IDEOGRAPHIC_ASCENT_EM, Box, PageGeometry

# Printers trim within about 1 mm; text and rules keep this far inside the trim.
TRIM_SAFETY = mm(3)
# Ink boxes that overlap by less than this (pt) touch, they do not collide.
COLLISION_TOLERANCE_PT = 0.1


# Runs on one baseline are pieces of a line (compressed punctuation, a
# CJK–Latin gap): they overlap by less than this share of the type size.
SAME_LINE_OVERLAP_EM = 0.25


@dataclass(frozen=True)
class Ink:
    """Something printed, as a box on the page, and what to call it; text
    keeps its baseline and size, so pieces of one line are told apart."""
    box: Box
    what: str
    baseline: float | None = None
    size: float = 0.0


def uncovered_areas(columns: int, lines: int, covered: Iterable[FrameRect]) -> list[FrameRect]:
    """Grid rectangles no block, ad, picture or masthead covers.  A single
    blank line between two things in a column is the white a block rule
    stands in, not a hole."""
    cells = {(column, line) for rect in covered for column in range(rect.first_column, rect.last_column + 1)
             for line in range(rect.first_line, rect.last_line + 1)}

    def taken(column: int, line: int) -> bool:
        return (column, line) in cells

    def hole(column: int, line: int) -> bool:
        separator = taken(column, line - 1) and taken(column, line + 1)
        return not taken(column, line) and not separator

    open_areas: dict[tuple[int, int], int] = {}     # (first, last column) → first line
    found: list[FrameRect] = []
    for line in range(1, lines + 2):
        runs = _runs([column for column in range(1, columns + 1) if line <= lines and hole(column, line)])
        for span, first_line in list(open_areas.items()):
            if span not in runs:
                found.append(FrameRect(span[0], span[1], first_line, line - 1))
                del open_areas[span]
        for span in runs:
            open_areas.setdefault(span, line)
    return sorted(found, key=lambda rect: (rect.first_line, rect.first_column))


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for column in columns:
        if runs and runs[-1][1] == column - 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs


def hole_warnings(layout: LayoutSpec) -> list[Diagnostic]:
    """开天窗: every grid area the page leaves white by mistake."""
    covered = ([rect for block in layout.blocks for rect in block.rects] + [ad.rect for ad in layout.ads]
               + [picture.rect for picture in layout.pictures])
    if layout.masthead is not None:
        covered.append(FrameRect(1, layout.masthead.columns, 1, layout.masthead.lines))
    return [warning(layout.path, None, "blocks",
                    f"grid area {_span('column', area.first_column, area.last_column)}, "
                    f"{_span('line', area.first_line, area.last_line)} is covered by no block, ad or picture: "
                    "it prints white (开天窗); extend a block over it or place an ad or picture there")
            for area in uncovered_areas(layout.grid.columns, layout.grid.lines, covered)]


def _span(unit: str, first: int, last: int) -> str:
    return f"{unit} {first}" if first == last else f"{unit}s {first}–{last}"


def text_ink(run: TextRun, metrics: dict[str, FontMetrics]) -> Box:
    """The em boxes a run's glyphs fill (its advance widths, its size high)."""
    font = metrics.get(run.font)
    advance = sum(font.advance(char) if font is not None else 1.0 for char in run.text)
    width = (advance * run.size + run.char_space * (len(run.text) - 1)) * run.horizontal_scale / 100
    if run.quarter_turn:
        return Box(run.x, run.baseline, run.x + run.size, run.baseline + width)
    top = run.baseline - IDEOGRAPHIC_ASCENT_EM * run.size
    return Box(run.x, top, run.x + width, top + run.size)


def rule_ink(rule: Rule) -> Box:
    half = rule.weight / 2
    return Box(min(rule.x0, rule.x1) - (half if rule.x0 == rule.x1 else 0), min(rule.y0, rule.y1) - half,
               max(rule.x0, rule.x1) + (half if rule.x0 == rule.x1 else 0), max(rule.y0, rule.y1) + half)


def trim_warnings(page: ComposedPage, metrics: dict[str, FontMetrics], layout_path: str) -> list[Diagnostic]:
    """Text or rules closer to the trim than TRIM_SAFETY: trimming may cut
    them (what only proofs show is left out)."""
    inks = ([Ink(text_ink(run, metrics), f"text “{run.text}”") for run in page.runs
             if not run.proof_only and not _clear_of_trim(run, metrics, page)]
            + [Ink(rule_ink(rule), "a rule") for rule in page.rules]
            + [Ink(Box(o.x, o.y, o.x + o.width, o.y + o.height), "an outline") for o in page.outlines
               if not o.proof_only])
    near: dict[str, list[tuple[float, str]]] = {}   # edge → (distance, what), one warning per edge
    for ink in inks:
        edges = {"left": ink.box.left, "top": ink.box.top, "right": page.trim_width - ink.box.right,
                 "bottom": page.trim_height - ink.box.bottom}
        edge, distance = min(edges.items(), key=lambda item: item[1])
        if distance < TRIM_SAFETY:
            near.setdefault(edge, []).append((distance, ink.what))
    found = []
    for edge, items in near.items():
        distance, what = min(items)
        others = f" (and {len(items) - 1} more)" if len(items) > 1 else ""
        where = (f"stands {to_mm(distance):.1f} mm from the {edge} trim edge" if distance >= 0 else
                 f"crosses the {edge} trim edge by {to_mm(-distance):.1f} mm")
        found.append(warning(layout_path, None, "page", f"{what}{others} {where}; keep "
                             f"{to_mm(TRIM_SAFETY):.0f} mm clear (move the type area: page.top, page.left, or the "
                             "grid)"))
    return found


def _clear_of_trim(run: TextRun, metrics: dict[str, FontMetrics], page: ComposedPage) -> bool:
    """Whether the run stays TRIM_SAFETY inside every trim edge even were each
    of its glyphs the font's widest: a bound that spares measuring the run, as
    most runs of a page stand far inside the trim."""
    if run.quarter_turn:
        return False
    font = metrics.get(run.font)
    widest = font.widest if font is not None else 1.0
    count = len(run.text)
    width = (widest * run.size * count + max(run.char_space, 0.0) * (count - 1)) * run.horizontal_scale / 100
    top = run.baseline - IDEOGRAPHIC_ASCENT_EM * run.size
    return (run.x >= TRIM_SAFETY and top >= TRIM_SAFETY and page.trim_width - (run.x + width) >= TRIM_SAFETY
            and page.trim_height - (top + run.size) >= TRIM_SAFETY)


def collision_warnings(furniture: list[Ink], rules: list[Ink], neighbours: list[Ink], layout_path: str,
                       key: str) -> list[Diagnostic]:
    """Furniture text that runs into its own rules, into its other text, or
    into a block or ad beside it."""
    found = []
    for index, text in enumerate(furniture):
        for other in [*furniture[index + 1:], *rules, *neighbours]:
            same_line = other.baseline is not None and abs(other.baseline - text.baseline) < COLLISION_TOLERANCE_PT
            if _overlap(text.box, other.box, SAME_LINE_OVERLAP_EM * text.size if same_line else 0.0):
                found.append(warning(layout_path, None, key, f"{text.what} runs into {other.what}: "
                                                             f"give the {key} more room (lines, columns)"))
    return found


def _overlap(a: Box, b: Box, across: float = 0.0) -> bool:
    return (min(a.right, b.right) - max(a.left, b.left) > max(across, COLLISION_TOLERANCE_PT)
            and min(a.bottom, b.bottom) - max(a.top, b.top) > COLLISION_TOLERANCE_PT)


def area_inks(layout: LayoutSpec, geometry: PageGeometry) -> list[Ink]:
    """The blocks' and ads' areas, as neighbours furniture must keep out of."""
    return ([Ink(geometry.box(rect), f"block {block.name!r}") for block in layout.blocks for rect in block.rects]
            + [Ink(geometry.box(ad.rect), f"ad {ad.label!r}") for ad in layout.ads]
            + [Ink(geometry.box(picture.rect), f"picture {picture.display}") for picture in layout.pictures])
