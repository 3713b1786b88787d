"""What a page layout may say, key by key: the value types and key tables.

The layout reader (source/layout.py) checks every value with its key's
parser; source/schema.py turns the same tables into the JSON Schema editors
complete and check against.  A key is added here once, and both follow.
"""
from __future__ import annotations

from typing import Any, Callable

from ..model.page import ROLES, BylinePlace, Fit, LineAlign, QRPlace, QuestionStyle
from ..text.classes import Prohibition
from ..units import CHINESE_SIZES_PT, LENGTH_PATTERN, parse_length, parse_size, to_mm
from .bounds import MAX_BLEED, MAX_TYPE_SIZE_PT, MIN_TYPE_SIZE_PT
from .fields import (
    BOOLEAN,
    ISO_DATE,
    NUMBER,
    POSITIVE_INT,
    SPAN,
    TEXT,
    Key,
    Keys,
    ValueType,
    choice,
    enum_choice,
    number,
    quoted,
)
from .swatches import BOX, GROUND, SWATCH

# The order of a vertical title's columns: as papers set a title left of
# the body (kicker first, leftmost), or as vertical text reads.
VERTICAL_ORDERS = ("left-to-right", "right-to-left")

# An interview's question paragraphs: as written, or whole in 楷体.
QUESTION_STYLES = tuple(style.value for style in QuestionStyle)

# The smallest QR code (21 modules and a 4-module quiet zone each side, at the
# 0.5 mm newsprint minimum module) stands 14.5 mm high: three body lines of
# 13.5 pt, and one more for its caption.
MIN_QR_LINES = 4

# Lines closer than one body character apart would overprint.
MIN_LINE_PITCH_EM = 1.0

# A picture's area holds the picture and at least a line of caption.
MIN_PICTURE_LINES = 3

# Ink limits a layout may set: solid black and one colour at least; four solids at most.
MIN_INK_LIMIT_PERCENT = 100.0
MAX_INK_PERCENT = 400.0


def pair_of_lengths(value: Any) -> tuple[float, float]:
    """[width, height], each a length (390mm, 550mm) and more than nothing."""
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError("must be [width, height], e.g. [390mm, 550mm]")
    width, height = parse_length(value[0]), parse_length(value[1])
    if width <= 0 or height <= 0:
        raise ValueError(f"a page must have a width and a height, not {quoted(value)}")
    return width, height


def bleed_length(value: Any) -> float:
    """How far ink runs past the trim: 3–5 mm, never negative or absurd."""
    bleed = not_negative(parse_length)(value)
    if bleed > MAX_BLEED:
        raise ValueError(f"must be at most {to_mm(MAX_BLEED):.0f} mm (3–5 mm is usual), not {quoted(value)}")
    return bleed


def type_size(value: Any) -> float:
    """A type size (小五, 一号, 9pt …) a page can print: not below
    MIN_TYPE_SIZE_PT nor above MAX_TYPE_SIZE_PT."""
    size = parse_size(value)
    if not MIN_TYPE_SIZE_PT <= size <= MAX_TYPE_SIZE_PT:
        raise ValueError(f"{size:g} pt is not a type size a page can print (from {MIN_TYPE_SIZE_PT:g} to "
                         f"{MAX_TYPE_SIZE_PT:g} pt)")
    return size


def not_negative(parse: Callable[[Any], float]) -> Callable[[Any], float]:
    """``parse``, refusing a value below zero (a margin, a bleed)."""
    def parse_not_negative(value: Any) -> float:
        length = parse(value)
        if length < 0:
            raise ValueError(f"must not be negative, not {quoted(value)}")
        return length
    return parse_not_negative


def line_pitch_em(value: Any) -> float:
    """Baseline to baseline, in body characters: lines closer than one
    character would print over each other."""
    pitch = number(value)
    if pitch < MIN_LINE_PITCH_EM:
        raise ValueError(f"must be at least {MIN_LINE_PITCH_EM:g} (body characters), not {quoted(value)}")
    return pitch


def focus_point(value: Any) -> tuple[float, float]:
    """[across, down], each a fraction of the picture from its top-left (0–1)."""
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError(f"must be [across, down], fractions 0–1 such as [0.5, 0.3], not {quoted(value)}")
    across, down = number(value[0]), number(value[1])
    if not (0 <= across <= 1 and 0 <= down <= 1):
        raise ValueError(f"fractions of the picture go from 0 to 1, not {quoted(value)}")
    return across, down


def lengths_schema(minimum: float | None = None) -> dict:
    """A length as JSON Schema: a number of points, or a string such as 3mm."""
    number_schema = {"type": "number"} if minimum is None else {"type": "number", "minimum": minimum}
    return {"anyOf": [number_schema, {"type": "string", "pattern": LENGTH_PATTERN.pattern}]}


LENGTH = ValueType(not_negative(parse_length), lengths_schema(0))
BLEED = ValueType(bleed_length, lengths_schema(0))
SIZE = ValueType(type_size, {"anyOf": [{"enum": list(CHINESE_SIZES_PT)}, {"type": "number", "exclusiveMinimum": 0},
                                        {"type": "string", "pattern": LENGTH_PATTERN.pattern}]})
PAGE_SIZE = ValueType(pair_of_lengths, {"type": "array", "items": lengths_schema(), "minItems": 2, "maxItems": 2})
LINE_PITCH = ValueType(line_pitch_em, {"type": "number", "minimum": MIN_LINE_PITCH_EM})
FONT_PATH = ValueType(TEXT.parse, {"type": "string"})
FOCUS = ValueType(focus_point, {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
                                "minItems": 2, "maxItems": 2})

STYLE_KEYS: Keys = {
    "role": Key("font role (fonts/roles.yaml) 字体角色", choice(*ROLES)),
    "size": Key("type size: 小五, 一号 … or 9pt 字号", SIZE),
    "align": Key("alignment 对齐", enum_choice(LineAlign)),
}
TITLE_STYLE_KEYS: Keys = {**STYLE_KEYS, "colour": Key("[c, m, y, k] in percent, or {spot: name, cmyk: […]} 颜色",
                                                     SWATCH)}
BYLINE_KEYS: Keys = {**STYLE_KEYS, "at": Key("body: first line of the body; head: under the title 署名位置",
                                             enum_choice(BylinePlace))}
FRAME_KEYS: Keys = {
    "columns": Key("[first, last] basic columns 栏", SPAN, required=True),
    "lines": Key("[first, last] grid lines 行", SPAN, required=True),
    "body_columns": Key("columns the body is broken into (破栏)", POSITIVE_INT),
}
LOGO_KEYS: Keys = {
    "file": Key("the logo's PDF, from the project folder", TEXT, required=True),
    "lines": Key("grid lines it stands", POSITIVE_INT),
}
HEAD_KEYS: Keys = {
    "columns": Key("basic columns the title area spans 标题占栏", POSITIVE_INT),
    "lines": Key("grid lines the title area takes 标题占行", POSITIVE_INT),
    "kicker": Key("引题 style", section=TITLE_STYLE_KEYS),
    "title": Key("主题 style", section=TITLE_STYLE_KEYS),
    "subtitle": Key("副题 style", section=TITLE_STYLE_KEYS),
    "vertical": Key("竖题: the title runs down the first columns", BOOLEAN),
    "order": Key("a vertical title's columns: left-to-right or right-to-left", choice(*VERTICAL_ORDERS)),
    "reverse": Key("反白: true (on black) or {colour, tint} laid under the title", GROUND),
    "logo": Key("题花/栏目标识 beside the title", section=LOGO_KEYS),
}
QR_KEYS: Keys = {
    "column": Key("basic column the code stands in (default: the block's last)", POSITIVE_INT),
    "lines": Key(f"grid lines for the code and its caption (at least {MIN_QR_LINES})", POSITIVE_INT),
    "caption": Key("caption style", section=STYLE_KEYS),
    "place": Key("foot: under the column's text; head: over it", enum_choice(QRPlace)),
}
PICTURE_KEYS: Keys = {
    "file": Key("the image file, from the project folder", TEXT, required=True),
    "columns": FRAME_KEYS["columns"],
    "lines": Key(f"[first, last] grid lines (at least {MIN_PICTURE_LINES}) 行", SPAN, required=True),
    "caption": Key("图说", TEXT),
    "credit": Key("photographer 摄影", TEXT),
    "fit": Key("fill: crop to fill the area; fit: show all of it", choice(*(member.value for member in Fit))),
    "focus": Key("[across, down], 0–1: the point cropping keeps", FOCUS),
}
FIT_KEYS: Keys = {
    "even": Key("balance the last columns to within one line of each other", BOOLEAN),
}
BLOCK_KEYS: Keys = {
    "name": Key("the block's name (default: the article's file name)", TEXT),
    "article": Key("the article file, from the project folder 稿件", TEXT),
    "frame": Key("one rectangle of the grid 版块", section=FRAME_KEYS),
    "frames": Key("rectangles in reading order (a stepped block)", items=FRAME_KEYS),
    "head": Key("the title area 标题区", section=HEAD_KEYS),
    "byline": Key("署名 style and place", section=BYLINE_KEYS),
    "lead": Key("小标题 style", section=STYLE_KEYS),
    "qr": Key("the article's QR code 二维码", section=QR_KEYS),
    "body_columns": Key("columns the body is broken into (破栏), every rectangle", POSITIVE_INT),
    "balance": Key("balance the last columns' depths 齐栏", BOOLEAN),
    "continued_from": Key("转版: the block on an earlier page this one continues", TEXT),
    "continued_to": Key("转版: the block on a later page that takes the rest", TEXT),
    "box": Key("加框: true, or {tint, colour, rule} for a tinted ground 底纹", BOX),
    "pictures": Key("pictures inside the block (text runs round them) 图片", items=PICTURE_KEYS),
    "questions": Key("how an interview's questions are set 问答", choice(*QUESTION_STYLES)),
    "fit": Key("fitting aids, each off by default and reported when used", section=FIT_KEYS),
}
AD_KEYS: Keys = {
    "columns": FRAME_KEYS["columns"],
    "lines": FRAME_KEYS["lines"],
    "label": Key("text shown in the reserved space", TEXT),
    "file": Key("the advertiser's PDF, when it has come", TEXT),
}
RUNNING_HEAD_KEYS: Keys = {
    "paper": Key("报名", TEXT, required=True),
    "date": Key("日期", TEXT),
    "page_number": Key("版次", TEXT),
    "section": Key("版名", TEXT),
    "editor": Key("责任编辑", TEXT),
}
MASTHEAD_KEYS: Keys = {
    "paper": Key("报名", TEXT, required=True),
    "subtitle": Key("the line under the name", TEXT),
    "date": Key("日期", TEXT),
    "columns": Key("basic columns it spans (default: all)", POSITIVE_INT),
    "lines": Key("grid lines it takes", POSITIVE_INT),
    "colour": Key("[c, m, y, k] in percent, or {spot: name, cmyk: […]} 颜色", SWATCH),
}
PAGE_KEYS: Keys = {
    "trim": Key("trimmed page [width, height], e.g. [390mm, 550mm] 成品尺寸", PAGE_SIZE),
    "bleed": Key("bleed beyond the trim, 3–5 mm 出血", BLEED),
    "top": Key("trim top to the type area 天头", LENGTH),
    "left": Key("trim left to the type area (default: centred) 订口", LENGTH),
}
GRID_KEYS: Keys = {
    "columns": Key("basic columns 基本栏数", POSITIVE_INT),
    "column_chars": Key("characters per basic column 每栏字数", POSITIVE_INT),
    "gutter_chars": Key("characters between columns 栏间距", POSITIVE_INT),
    "body_size": Key("body type size: 小五 or 9pt 正文字号", SIZE),
    "line_pitch": Key("baseline to baseline, in body characters 行距", LINE_PITCH),
    "lines": Key("grid lines down the type area 行数", POSITIVE_INT),
}
PRESS_KEYS: Keys = {
    "cmyk_profile": Key("the printer's CMYK ICC profile, for pictures", TEXT),
    "ink_limit": Key(f"total area coverage, {MIN_INK_LIMIT_PERCENT:g}–{MAX_INK_PERCENT:g}% 总墨量", NUMBER),
    "output_profile": Key("the printer's CMYK ICC output profile, embedded in the PDF/X OutputIntent", TEXT),
}
LAYOUT_KEYS: Keys = {
    "title": Key("the PDF's title", TEXT),
    "page_number": Key("版次", POSITIVE_INT),
    "issue_date": Key("出版日期 YYYY-MM-DD (the PDF's dates)", ISO_DATE),
    "page": Key("page size and margins", section=PAGE_KEYS),
    "grid": Key("the grid of columns and lines 版心", section=GRID_KEYS),
    "running_head": Key("报眉", section=RUNNING_HEAD_KEYS),
    "masthead": Key("报头 (front page)", section=MASTHEAD_KEYS),
    "fonts": Key("font files by role, over fonts/roles.yaml", section={role: Key(f"{role} font", FONT_PATH)
                                                                       for role in ROLES}),
    "prohibition": Key("line-breaking prohibition level 禁则", enum_choice(Prohibition)),
    "block_rules": Key("rules between blocks 隔栏线", BOOLEAN),
    "column_rules": Key("rules between columns 栏线", BOOLEAN),
    "blocks": Key("article blocks 稿件", items=BLOCK_KEYS),
    "ads": Key("reserved spaces (ads) 广告", items=AD_KEYS),
    "pictures": Key("pictures on the page by themselves 图片", items=PICTURE_KEYS),
    "press": Key("the printer's profiles and ink limit (docs/press.md)", section=PRESS_KEYS),
}
