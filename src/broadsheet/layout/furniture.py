"""Page furniture: the running head (报眉) of an inside page, the masthead
(报头) of the front page, and advertisements (the agency's file, or an empty
space outlined and labelled in proofs)."""
from __future__ import annotations

from dataclasses import replace

from ..diagnostics import warning
from ..fonts import FontSet
from ..model import Origin
from ..model.colour import BLACK, Swatch
from ..model.page import AdSpec, LayoutSpec, LineAlign
from ..text.classes import IDEOGRAPHIC_SPACE
from ..text.justify import set_paragraph
from ..text.linebreak import Measure
from ..units import mm
from .characters import check_characters
from .display import ComposedPage, Outline, Rule, TextRun
from .geometry import Box, PageGeometry, baseline_in_box
from .runs import line_runs
from .supplied import place_supplied

# 报眉: a heavy rule over a hairline (文武线) under the running head.
HEAD_RULE_HEAVY = 1.5
HEAD_RULE_LIGHT = 0.5
HEAD_RULE_GAP = 1.5
RUNNING_HEAD_RAISE = mm(4)      # running head baseline above its rules
RUNNING_HEAD_RULE_DROP = mm(3)  # rules above the type area
RUNNING_HEAD_SIZE = 16.0        # 三号 for the section name
RUNNING_HEAD_DETAIL_SIZE = 9.0  # 小五 for paper, date, page, editor
# 报头: the paper's name as large as fits in the top of the masthead area,
# its subtitle under it, then a 文武线 and the date line on the area's last
# grid line.
MASTHEAD_NAME_SHARE = 0.62      # of the area's depth the name's em may take
MASTHEAD_NAME_WIDTH = 0.9       # of the area's width the name may take
MASTHEAD_SUBTITLE_SIZE = 12.0   # 小四
MASTHEAD_SUBTITLE_ROOM_EM = 2.2 # the band under the name the subtitle is centred in, in its ems
MASTHEAD_DATE_SIZE = 9.0        # 小五
MASTHEAD_TRACKING_EM = 0.08     # extra space between the name's characters
# Furniture is set on one line: a measure (em) no running head or label reaches.
ONE_LINE_MEASURE_EM = 10_000
# The label of a reserved space (an advertisement), centred in it.
RESERVED_LABEL_SIZE = 24.0
RESERVED_OUTLINE_WEIGHT = 0.75


def furniture_text(page: ComposedPage, text: str, fonts: FontSet, role: str, size: float, x: float,
                   baseline: float, align: LineAlign = LineAlign.LEFT, source: str = "", *,
                   proof_only: bool = False) -> float:
    """One line of furniture text at ``x`` (its left, centre or right); returns its width (pt).
    ``proof_only`` text shows in proofs and never reaches the plates."""
    font = fonts[role]
    check_characters(text, font, Origin(source, 0, role))
    lines = set_paragraph(text, font.metrics, Measure(ONE_LINE_MEASURE_EM))
    if not lines:
        return 0.0
    width = lines[0].width * size
    offset = -width * align.share
    runs = line_runs(lines[0], font.metrics, font.name, size, x + offset, baseline)
    page.runs.extend(replace(run, proof_only=True) for run in runs) if proof_only else page.runs.extend(runs)
    return width


def running_head(page: ComposedPage, layout: LayoutSpec, fonts: FontSet, geometry: PageGeometry) -> None:
    """Section name at the left, paper · date · 版次 · editor at the right, over a 文武线."""
    head = layout.running_head
    rule_y = geometry.type_top - RUNNING_HEAD_RULE_DROP
    baseline = rule_y - RUNNING_HEAD_RAISE
    left, right = geometry.type_left, geometry.type_right
    source = f"{layout.path} [running_head]"
    _check_fields(head, fonts, {"section": "running_head", "paper": "body", "date": "body", "editor": "body"})
    furniture_text(page, head.section, fonts, "running_head", RUNNING_HEAD_SIZE, left, baseline, source=source)
    parts = (head.paper, head.date, f"第{head.page_number}版" if head.page_number else "",
             f"责任编辑：{head.editor}" if head.editor else "")
    details = IDEOGRAPHIC_SPACE.join(part for part in parts if part)
    furniture_text(page, details, fonts, "body", RUNNING_HEAD_DETAIL_SIZE, right, baseline, LineAlign.RIGHT, source)
    _double_rule(page, left, right, rule_y)


def masthead(page: ComposedPage, layout: LayoutSpec, fonts: FontSet, geometry: PageGeometry) -> None:
    """报头 in the top left of the type area, over ``columns`` columns and ``lines`` grid lines."""
    spec = layout.masthead
    source = f"{layout.path} [masthead]"
    _check_fields(spec, fonts, {"paper": "masthead", "subtitle": "running_head", "date": "body"})
    left, right = geometry.column_x(1), geometry.column_right(spec.columns)
    top = geometry.type_top
    date_line = spec.lines
    rule_y = geometry.line_top(date_line) - HEAD_RULE_GAP - HEAD_RULE_LIGHT
    font = fonts["masthead"]
    natural = sum(font.metrics.advance(char) for char in spec.paper) + MASTHEAD_TRACKING_EM * (len(spec.paper) - 1)
    size = min((rule_y - top) * MASTHEAD_NAME_SHARE, (right - left) * MASTHEAD_NAME_WIDTH / natural)
    subtitle_room = MASTHEAD_SUBTITLE_SIZE * MASTHEAD_SUBTITLE_ROOM_EM if spec.subtitle else 0.0
    name_top = top + (rule_y - top - size - subtitle_room) / 2
    _tracked(page, spec.paper, fonts, size, Box(left, name_top, right, name_top + size), source, spec.colour)
    if spec.subtitle:
        furniture_text(page, spec.subtitle, fonts, "running_head", MASTHEAD_SUBTITLE_SIZE, (left + right) / 2,
                       baseline_in_box(name_top + size, subtitle_room, MASTHEAD_SUBTITLE_SIZE), LineAlign.CENTER,
                       source)
    _double_rule(page, left, right, rule_y - HEAD_RULE_HEAVY)
    baseline = geometry.baseline(date_line, MASTHEAD_DATE_SIZE)
    furniture_text(page, spec.date, fonts, "body", MASTHEAD_DATE_SIZE, left, baseline, source=source)
    furniture_text(page, f"第{layout.page_number}版", fonts, "body", MASTHEAD_DATE_SIZE, right, baseline,
                   LineAlign.RIGHT, source)


def _check_fields(spec, fonts: FontSet, roles: dict[str, str]) -> None:
    """Each text field of the running head or masthead, checked against the face
    that sets it, so a missing character is reported at its own line."""
    for name, role in roles.items():
        origin = spec.origins.get(name)
        if origin is not None:
            check_characters(getattr(spec, name), fonts[role], origin)


def _tracked(page: ComposedPage, text: str, fonts: FontSet, size: float, box: Box, source: str,
             colour: Swatch = BLACK) -> None:
    """The paper's name, letter-spaced and centred in ``box``, in its colour."""
    font = fonts["masthead"]
    check_characters(text, font, Origin(source, 0, "paper"))
    widths = [font.metrics.advance(char) * size for char in text]
    total = sum(widths) + MASTHEAD_TRACKING_EM * size * (len(text) - 1)
    x = (box.left + box.right - total) / 2
    baseline = baseline_in_box(box.top, box.bottom - box.top, size)
    page.runs.append(TextRun(font.name, size, x, baseline, text, char_space=MASTHEAD_TRACKING_EM * size,
                             colour=colour))


def _double_rule(page: ComposedPage, left: float, right: float, y: float) -> None:
    """文武线: a heavy rule at ``y`` over a hairline."""
    page.rules.append(Rule(left, y, right, y, HEAD_RULE_HEAVY))
    light_y = y + HEAD_RULE_HEAVY / 2 + HEAD_RULE_GAP + HEAD_RULE_LIGHT / 2
    page.rules.append(Rule(left, light_y, right, light_y, HEAD_RULE_LIGHT))


def advertisement(page: ComposedPage, box: Box, ad: AdSpec, fonts: FontSet, layout: LayoutSpec) -> None:
    """The agency's file placed in its space; with none, the space prints
    blank (开天窗, a warning) and proofs show its outline and label."""
    if ad.origin is not None:   # checked even when a file fills the space: proofs of an earlier state show it
        check_characters(ad.label, fonts["running_head"], ad.origin)
    if ad.file is not None:
        place_supplied(page, ad.file, box, layout.press)
        return
    page.outlines.append(Outline(box.left, box.top, box.right - box.left, box.bottom - box.top,
                                 RESERVED_OUTLINE_WEIGHT, proof_only=True))
    if ad.label:
        baseline = baseline_in_box(box.top, box.bottom - box.top, RESERVED_LABEL_SIZE)
        furniture_text(page, ad.label, fonts, "running_head", RESERVED_LABEL_SIZE, (box.left + box.right) / 2,
                       baseline, LineAlign.CENTER, "ads", proof_only=True)
    rect = ad.rect
    named = f" “{ad.label}”" if ad.label else ""
    place = ad.place or Origin(layout.path, 0, "ads")
    page.warnings.append(warning(place.path, place.line, place.field,
                                 f"advertisement space{named} (columns {rect.first_column}–{rect.last_column}, "
                                 f"lines {rect.first_line}–{rect.last_line}) has no file: it prints blank (开天窗)"))
