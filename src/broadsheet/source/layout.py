"""Read and validate a page layout (layouts/*.yaml) into a ``LayoutSpec``.

Everything a layout may say is listed here with its default; an unknown key,
a block outside the type area or two overlapping blocks is an error naming
the file, line and key.  Paths are relative to the project (the folder that
holds layouts/, articles/ and fonts/) and may not leave it.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model.page import (AdSpec, BlockSpec, FrameRect, GridSpec, HeadSpec, LayoutSpec, Masthead,
                          PageSpec, QRSpec, RunningHead, StyleSpec)
from ..text.classes import DEFAULT_PROHIBITION, PROHIBITION_LEVELS
from ..units import mm, parse_length, parse_size
from .fields import Fields, load_yaml, positive_int, span, text

# The common Chinese 对开 broadsheet (journalism textbooks, not a standard):
# 390 × 550 mm trimmed, 8 basic columns of 13 小五 characters with
# one-character gutters (8 × 13 + 7 = 111 characters ≈ 352 mm).
DEFAULT_TRIM = (mm(390), mm(550))
DEFAULT_BLEED = mm(3)
DEFAULT_TOP = mm(32)
DEFAULT_COLUMNS = 8
DEFAULT_COLUMN_CHARS = 13
DEFAULT_GUTTER_CHARS = 1
DEFAULT_BODY_SIZE = "小五"
DEFAULT_LINE_PITCH_EM = 1.5     # baseline to baseline, in body characters
DEFAULT_TYPE_HEIGHT = mm(490)

# Headline sizes: kicker and subtitle two size steps below the title.
DEFAULT_STYLES = {
    "kicker": ("kicker", "小二"),
    "title": ("title", "小初"),
    "subtitle": ("subtitle", "三号"),
    "byline": ("byline", "小五"),
    "lead": ("lead", "小五"),
    "caption": ("caption", "六号"),
}
DEFAULT_QR_LINES = 10
STYLE_KEYS = ("role", "size", "align")
ALIGNMENTS = ("center", "left")


def project_root(layout_path: Path) -> Path:
    folder = layout_path.resolve().parent
    return folder.parent if folder.name == "layouts" else folder


def inside_project(root: Path, value: str, fields: Fields, key: str, *, allow_absolute: bool = False) -> Path:
    """A path from a source file, refused if it leads out of the project."""
    candidate = Path(value)
    if candidate.is_absolute() and allow_absolute:
        return candidate
    resolved = (root / candidate).resolve()
    if candidate.is_absolute() or not resolved.is_relative_to(root):
        raise fields.error(key, f"path {value!r} leads outside the project folder {root}; refused")
    return resolved


def read_layout(path: Path, *, display: str | None = None) -> LayoutSpec:
    name = display or str(path)
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(name, None, None, f"cannot read layout: {error}") from error
    data, lines = load_yaml(source.replace("\r\n", "\n"), name)
    top = Fields(data, lines, name)
    top.only("title", "page_number", "issue_date", "page", "grid", "running_head", "masthead", "fonts", "prohibition",
             "column_rules", "blocks", "ads")
    root = project_root(path)
    page = _page(top.section("page"))
    grid = _grid(top.section("grid"))
    page = _centre_type_area(page, grid)
    prohibition = top.get("prohibition", str, DEFAULT_PROHIBITION)
    if prohibition not in PROHIBITION_LEVELS:
        raise top.error("prohibition", f"unknown level {prohibition!r} (one of {', '.join(PROHIBITION_LEVELS)})")
    fonts_section = top.section("fonts")
    fonts = {role: inside_project(root, fonts_section.get(role, text), fonts_section, role, allow_absolute=True)
             for role in fonts_section.data}
    blocks = [_block(item, root, grid) for item in top.items("blocks")]
    ads = [_ad(item, grid) for item in top.items("ads")]
    _check_overlaps(top, blocks, ads)
    names = [block.name for block in blocks]
    for item, block in zip(top.items("blocks"), blocks):
        if names.count(block.name) > 1:
            raise item.error("name", f"two blocks are named {block.name!r}")
    layout = LayoutSpec(
        path=name, page_number=top.get("page_number", positive_int, 1), page=page, grid=grid,
        running_head=_running_head(top.section("running_head")) if top.has("running_head") else None,
        masthead=_masthead(top.section("masthead"), grid) if top.has("masthead") else None,
        blocks=blocks, ads=ads, fonts=fonts, prohibition=prohibition,
        column_rules=top.get("column_rules", bool, True), title=top.get("title", text, ""),
        issue_date=top.get("issue_date", str, None),
    )
    return layout


def _page(fields: Fields) -> PageSpec:
    fields.only("trim", "bleed", "top", "left")
    trim = fields.get("trim", _pair_of_lengths, DEFAULT_TRIM)
    return PageSpec(trim_width=trim[0], trim_height=trim[1], bleed=fields.get("bleed", parse_length, DEFAULT_BLEED),
                    top=fields.get("top", parse_length, DEFAULT_TOP), left=fields.get("left", parse_length, -1.0))


def _pair_of_lengths(value) -> tuple[float, float]:
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError("must be [width, height], e.g. [390mm, 550mm]")
    return parse_length(value[0]), parse_length(value[1])


def _grid(fields: Fields) -> GridSpec:
    fields.only("columns", "column_chars", "gutter_chars", "body_size", "line_pitch", "lines")
    body_size = fields.get("body_size", parse_size, parse_size(DEFAULT_BODY_SIZE))
    pitch = fields.get("line_pitch", float, DEFAULT_LINE_PITCH_EM) * body_size
    lines = fields.get("lines", positive_int, int(DEFAULT_TYPE_HEIGHT // pitch))
    return GridSpec(columns=fields.get("columns", positive_int, DEFAULT_COLUMNS),
                    column_chars=fields.get("column_chars", positive_int, DEFAULT_COLUMN_CHARS),
                    gutter_chars=fields.get("gutter_chars", positive_int, DEFAULT_GUTTER_CHARS),
                    body_size=body_size, line_pitch=pitch, lines=lines)


def _centre_type_area(page: PageSpec, grid: GridSpec) -> PageSpec:
    """Unless the layout says otherwise, the type area sits centred across the page."""
    if page.left >= 0:
        return page
    return PageSpec(page.trim_width, page.trim_height, page.bleed, page.top, (page.trim_width - grid.width) / 2)


def _style(fields: Fields, kind: str) -> StyleSpec:
    role, size = DEFAULT_STYLES[kind]
    fields.only(*STYLE_KEYS)
    align = fields.get("align", str, "center" if kind in ("kicker", "title", "subtitle") else "left")
    if align not in ALIGNMENTS:
        raise fields.error("align", f"must be one of {', '.join(ALIGNMENTS)}")
    return StyleSpec(role=fields.get("role", str, role), size=fields.get("size", parse_size, parse_size(size)),
                     align=align)


def _rect(fields: Fields, grid: GridSpec) -> FrameRect:
    """The columns and lines of a grid rectangle (the caller checks other keys)."""
    first_column, last_column = fields.get("columns", span)
    first_line, last_line = fields.get("lines", span)
    if last_column > grid.columns:
        raise fields.error("columns", f"column {last_column} is outside the grid's {grid.columns} columns")
    if last_line > grid.lines:
        raise fields.error("lines", f"line {last_line} is outside the grid's {grid.lines} lines")
    return FrameRect(first_column, last_column, first_line, last_line)


def _block(fields: Fields, root: Path, grid: GridSpec) -> BlockSpec:
    fields.only("name", "article", "frame", "frames", "head", "byline", "lead", "qr", "body_columns",
                "balance", "continued_from", "continued_to", "box")
    article_value = fields.get("article", text)
    article = inside_project(root, article_value, fields, "article")
    if not article.is_file():
        raise fields.error("article", f"article file not found: {article_value}")
    if fields.has("frames"):
        frames = fields.items("frames")
    else:
        frames = [fields.section("frame")]
    for frame in frames:
        frame.only("columns", "lines")
    rects = tuple(_rect(frame, grid) for frame in frames)
    if not rects:
        raise fields.error("frame", "a block needs a frame")
    head = fields.section("head")
    head.only("columns", "lines", "kicker", "title", "subtitle", "vertical")
    first = rects[0]
    width = first.last_column - first.first_column + 1
    head_columns = head.get("columns", positive_int, width)
    if head_columns > width:
        raise head.error("columns", f"the title spans {head_columns} columns but the block has {width}")
    qr = fields.section("qr")
    qr.only("column", "lines", "caption")
    qr_column = qr.get("column", positive_int, None)
    if qr_column is not None and not any(r.first_column <= qr_column <= r.last_column for r in rects):
        raise qr.error("column", f"column {qr_column} is not one of the block's columns")
    return BlockSpec(
        name=fields.get("name", text, Path(article_value).stem), article=article, article_display=article_value,
        rects=rects,
        head=HeadSpec(columns=head_columns, lines=head.get("lines", positive_int, None),
                      kicker=_style(head.section("kicker"), "kicker"), title=_style(head.section("title"), "title"),
                      subtitle=_style(head.section("subtitle"), "subtitle"), vertical=head.get("vertical", bool, False)),
        byline=_style(fields.section("byline"), "byline"), lead=_style(fields.section("lead"), "lead"),
        qr=QRSpec(column=qr_column, lines=qr.get("lines", positive_int, DEFAULT_QR_LINES),
                  caption=_style(qr.section("caption"), "caption")),
        body_columns=fields.get("body_columns", positive_int, None), balance=fields.get("balance", bool, True),
        continued_from=fields.get("continued_from", text, None), continued_to=fields.get("continued_to", text, None),
        box=fields.get("box", bool, False), line=fields.line() or 0,
    )


def _ad(fields: Fields, grid: GridSpec) -> AdSpec:
    fields.only("columns", "lines", "label")
    return AdSpec(_rect(fields, grid), fields.get("label", text, ""))


def _check_overlaps(top: Fields, blocks: list[BlockSpec], ads: list[AdSpec]) -> None:
    placed: list[tuple[str, FrameRect]] = []
    items = top.items("blocks")
    for item, block in zip(items, blocks):
        for rect in block.rects:
            for other_name, other in placed:
                if rect.overlaps(other):
                    raise item.error("frame", f"block {block.name!r} overlaps {other_name}")
        placed.extend((f"block {block.name!r}", rect) for rect in block.rects)
    for item, ad in zip(top.items("ads"), ads):
        for other_name, other in placed:
            if ad.rect.overlaps(other):
                raise item.error("lines", f"this space overlaps {other_name}")
        placed.append((f"ad {ad.label!r}", ad.rect))


def _running_head(fields: Fields) -> RunningHead:
    fields.only("paper", "date", "page_number", "section", "editor")
    return RunningHead(paper=fields.get("paper", text), date=fields.get("date", text, ""),
                       page_number=fields.get("page_number", text, ""), section=fields.get("section", text, ""),
                       editor=fields.get("editor", text, ""))


def _masthead(fields: Fields, grid: GridSpec) -> Masthead:
    fields.only("paper", "subtitle", "date", "columns", "lines")
    return Masthead(paper=fields.get("paper", text), subtitle=fields.get("subtitle", text, ""),
                    date=fields.get("date", text, ""), columns=fields.get("columns", positive_int, grid.columns),
                    lines=fields.get("lines", positive_int, 8))
