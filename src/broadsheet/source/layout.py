"""Read and validate a page layout (layouts/*.yaml) into a ``LayoutSpec``.

Every key a layout may say is listed in source/layout_keys.py, and its
default here; an unknown key, a block outside the type area or two
overlapping blocks is an error naming the file, line and key.  Paths are relative to the project (the folder that
holds layouts/, articles/ and fonts/) and may not leave it.
"""
from __future__ import annotations

from pathlib import Path

from ..checks.limits import DEFAULT_TAC_PERCENT
from ..errors import SourceError
from ..model import Origin
from ..model.colour import BLACK
from ..model.page import (
    CENTRE_FOCUS,
    ROLES,
    AdSpec,
    BlockSpec,
    BylinePlace,
    FitAids,
    Fit,
    FrameRect,
    GridSpec,
    HeadSpec,
    LayoutSpec,
    LineAlign,
    Masthead,
    PageSpec,
    PictureSpec,
    PressSettings,
    QRPlace,
    QRSpec,
    QuestionStyle,
    RunningHead,
    StyleSpec,
    Supplied,
)
from ..press.separate import ColourError, load_cmyk_profile
from ..text.classes import DEFAULT_PROHIBITION
from ..units import mm, parse_size, to_mm
from .bounds import MAX_PAGE_SIDE_PT, oversized
from .colour import cmyk_output_problem
from .fields import Fields, load_yaml, read_source
from .layout_keys import (
    LAYOUT_KEYS,
    MAX_INK_PERCENT,
    MIN_INK_LIMIT_PERCENT,
    MIN_PICTURE_LINES,
    MIN_QR_LINES,
    VERTICAL_ORDERS,
)
from .supplied import SuppliedFileError, check_fits, read_supplied

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
# page.left until the type area is centred (a layout's own left is never negative).
CENTRED_LEFT = -1.0

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
DEFAULT_MASTHEAD_LINES = 8
# A column logo (题花) three body lines high: about 14 mm, the size of a
# 栏目标识 beside a 三号 title.
DEFAULT_LOGO_LINES = 3
# A vertical title (竖题) takes one basic column unless the layout says more.
DEFAULT_VERTICAL_HEAD_COLUMNS = 1
# A broken column (破栏) narrower than this many characters cannot hold a
# line of Chinese text worth reading.
MIN_BROKEN_COLUMN_CHARS = 5
# Rounding allowance when the type area meets the trim (pt).
TRIM_TOLERANCE_PT = 0.01
# The first four bytes of a font file: TrueType, OpenType/CFF, Apple
# TrueType, a collection.
FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")


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
    data, lines = load_yaml(read_source(path, name, "layout"), name)
    if data is None:
        raise SourceError(name, None, None, "the layout is empty")
    top = Fields(data, lines, name, keys=LAYOUT_KEYS)
    top.only()
    root = project_root(path)
    page = _page(top.section("page"))
    grid = _grid(top.section("grid"))
    page = _centre_type_area(page, grid)
    _check_type_area(top, page, grid)
    prohibition = top.get("prohibition", default=DEFAULT_PROHIBITION)
    fonts_section = top.section("fonts")
    fonts = {role: _font_file(root, fonts_section, role) for role in fonts_section.data}
    blocks = [_block(item, root, grid) for item in top.items("blocks")]
    ads = [_ad(item, root, grid) for item in top.items("ads")]
    pictures = [_picture(item, root, grid) for item in top.items("pictures")]
    if top.has("running_head") and top.has("masthead"):
        raise top.error("masthead", "a page carries a running head (报眉) or, on the front page, the masthead "
                                    "(报头), not both")
    masthead = _masthead(top.section("masthead"), grid) if top.has("masthead") else None
    _check_overlaps(top, blocks, ads, masthead, pictures)
    _check_names(top, blocks)
    return LayoutSpec(
        path=name, page_number=top.get("page_number", default=1), page=page, grid=grid,
        running_head=_running_head(top.section("running_head")) if top.has("running_head") else None,
        masthead=masthead, blocks=blocks, ads=ads, fonts=fonts, prohibition=prohibition,
        block_rules=top.get("block_rules", default=True), column_rules=top.get("column_rules", default=False),
        title=top.get("title", default=""), issue_date=top.get("issue_date", default=None), file=path.resolve(),
        font_lines={role: fonts_section.line(role) or 0 for role in fonts},
        pictures=pictures, press=_press(top.section("press"), root),
    )


def _check_names(top: Fields, blocks: list[BlockSpec]) -> None:
    """Block names are unique; a jump (转版) goes to another page, never this one."""
    names = [block.name for block in blocks]
    for item, block in zip(top.items("blocks"), blocks):
        if names.count(block.name) > 1:
            raise item.error("name", f"two blocks are named {block.name!r}")
        for key in ("continued_to", "continued_from"):
            other = getattr(block, key)
            if other is not None and other in names:
                raise item.error(key, f"block {other!r} is on this page: a jump (转版) goes to another page; "
                                      "for a stepped block on one page list its rectangles under frames:")


def _page(fields: Fields) -> PageSpec:
    fields.only()
    trim = fields.get("trim", default=DEFAULT_TRIM)
    bleed = fields.get("bleed", default=DEFAULT_BLEED)
    for side, length in zip(("wide", "high"), trim):
        if length + 2 * bleed > MAX_PAGE_SIDE_PT:
            raise fields.error("trim", f"a page {to_mm(length):.0f} mm {side} with {to_mm(bleed):g} mm of bleed "
                                       f"makes a sheet of {to_mm(length + 2 * bleed):.0f} mm: more than the "
                                       f"{to_mm(MAX_PAGE_SIDE_PT):.0f} mm (200 inches) a PDF page may be")
    return PageSpec(trim_width=trim[0], trim_height=trim[1], bleed=bleed,
                    top=fields.get("top", default=DEFAULT_TOP), left=fields.get("left", default=CENTRED_LEFT))


def _grid(fields: Fields) -> GridSpec:
    fields.only()
    body_size = fields.get("body_size", default=parse_size(DEFAULT_BODY_SIZE))
    pitch = fields.get("line_pitch", default=DEFAULT_LINE_PITCH_EM) * body_size
    lines = fields.get("lines", default=int(DEFAULT_TYPE_HEIGHT // pitch))
    return GridSpec(columns=fields.get("columns", default=DEFAULT_COLUMNS),
                    column_chars=fields.get("column_chars", default=DEFAULT_COLUMN_CHARS),
                    gutter_chars=fields.get("gutter_chars", default=DEFAULT_GUTTER_CHARS),
                    body_size=body_size, line_pitch=pitch, lines=lines)


def _centre_type_area(page: PageSpec, grid: GridSpec) -> PageSpec:
    """Unless the layout says otherwise, the type area sits centred across the page."""
    if page.left != CENTRED_LEFT:
        return page
    return PageSpec(page.trim_width, page.trim_height, page.bleed, page.top, (page.trim_width - grid.width) / 2)


def _check_type_area(top: Fields, page: PageSpec, grid: GridSpec) -> None:
    """The grid must lie on the page: a type area wider or deeper than the trim
    would print off the paper."""
    grid_fields = top.section("grid")
    if max(page.left, 0.0) + grid.width > page.trim_width + TRIM_TOLERANCE_PT:
        margin = f" from {to_mm(page.left):.0f} mm" if top.section("page").has("left") else ""
        raise grid_fields.error("columns", f"{grid.columns} columns of {grid.column_chars} characters are "
                                           f"{to_mm(grid.width):.0f} mm wide{margin}: wider than the "
                                           f"{to_mm(page.trim_width):.0f} mm page")
    if page.top + grid.height > page.trim_height + TRIM_TOLERANCE_PT:
        raise grid_fields.error("lines", f"{grid.lines} lines are {to_mm(grid.height):.0f} mm deep, from "
                                         f"{to_mm(page.top):.0f} mm: deeper than the {to_mm(page.trim_height):.0f}"
                                         " mm page")


def _font_file(root: Path, fonts: Fields, role: str) -> Path:
    """A face the layout names for a role: in the project (or an absolute path
    to the system's fonts), and a font file, checked from its first bytes."""
    if role not in ROLES:
        raise fonts.error(role, f"unknown font role (roles: {', '.join(ROLES)})")
    value = fonts.get(role)
    path = inside_project(root, value, fonts, role, allow_absolute=True)
    if not path.is_file():
        raise fonts.error(role, f"font file not found: {value}")
    too_large = oversized(path, "font")
    if too_large:
        raise fonts.error(role, f"{value}: {too_large}")
    with path.open("rb") as handle:
        if handle.read(len(FONT_SIGNATURES[0])) not in FONT_SIGNATURES:
            raise fonts.error(role, f"{value} is not a TrueType or OpenType font")
    return path


def _style(fields: Fields, kind: str) -> StyleSpec:
    """Font role, size, alignment and (in a title area) colour of one kind of
    text (other keys of its section, such as the byline's ``at``, are the caller's)."""
    role, size = DEFAULT_STYLES[kind]
    fields.only()
    align = fields.get("align", default=LineAlign.CENTER if kind in ("kicker", "title", "subtitle") else LineAlign.LEFT)
    colour = fields.get("colour", default=BLACK) if "colour" in fields.keys else BLACK
    return StyleSpec(role=fields.get("role", default=role), size=fields.get("size", default=parse_size(size)),
                     align=align, colour=colour)


def _rect(fields: Fields, grid: GridSpec, body_columns: int | None = None) -> FrameRect:
    """The columns and lines of a grid rectangle (the caller checks other keys)."""
    first_column, last_column = fields.get("columns")
    first_line, last_line = fields.get("lines")
    if last_column > grid.columns:
        raise fields.error("columns", f"column {last_column} is outside the grid's {grid.columns} columns")
    if last_line > grid.lines:
        raise fields.error("lines", f"line {last_line} is outside the grid's {grid.lines} lines")
    return FrameRect(first_column, last_column, first_line, last_line, body_columns)


def _frame(fields: Fields, grid: GridSpec, default_body_columns: int | None) -> FrameRect:
    """One rectangle of a block, with the columns its body is divided into."""
    fields.only()
    count = fields.get("body_columns", default=default_body_columns)
    rect = _rect(fields, grid, count)
    if count is not None:
        chars, _ = grid.broken_columns(grid.span_chars(rect.columns), count)
        if chars < MIN_BROKEN_COLUMN_CHARS:
            key = "body_columns" if fields.has("body_columns") else "columns"
            raise fields.error(key, f"{rect.columns} basic columns broken into {count} give columns of {chars} "
                                    f"characters; at least {MIN_BROKEN_COLUMN_CHARS} are needed")
    return rect


def _block(fields: Fields, root: Path, grid: GridSpec) -> BlockSpec:
    fields.only()
    continued_from = fields.get("continued_from", default=None)
    article, article_value = _block_article(fields, root, continued_from)
    body_columns = fields.get("body_columns", default=None)
    if fields.has("frames") and fields.has("frame"):
        raise fields.error("frames", "give either frame: (one rectangle) or frames: (a list), not both")
    frames = fields.items("frames") if fields.has("frames") else [fields.section("frame")]
    if not frames:
        raise fields.error("frames", "a block needs at least one rectangle")
    rects = tuple(_frame(frame, grid, body_columns) for frame in frames)
    for index, rect in enumerate(rects):
        for number, other in enumerate(rects[:index], 1):
            if rect.overlaps(other):
                raise frames[index].error("lines", "this rectangle overlaps another of the same block")
            _check_leg(frames[index], rect, other, number)
    head = _head(fields.section("head"), rects, root)
    pictures = _block_pictures(fields, root, grid, rects, head)
    qr = fields.section("qr")
    qr.only()
    qr_column = qr.get("column", default=None)
    if qr_column is not None and not any(r.first_column <= qr_column <= r.last_column for r in rects):
        raise qr.error("column", f"column {qr_column} is not one of the block's columns")
    byline = fields.section("byline")
    byline_at = byline.get("at", default=BylinePlace.BODY)
    qr_place = qr.get("place", default=QRPlace.FOOT)
    qr_lines = qr.get("lines", default=DEFAULT_QR_LINES)
    if qr_lines < MIN_QR_LINES:
        raise qr.error("lines", f"a QR code and its caption need at least {MIN_QR_LINES} grid lines, not {qr_lines}")
    questions = fields.get("questions", default=QuestionStyle.LEAD_IN.value)
    box = fields.get("box", default=False)
    # A block is named after its article; a continuation has none, so it must be named.
    name = fields.get("name", default=Path(article_value).stem if article is not None else ...)
    return BlockSpec(
        name=name, article=article, article_display=article_value, rects=rects, head=head,
        byline=_style(byline, "byline"), lead=_style(fields.section("lead"), "lead"),
        qr=QRSpec(column=qr_column, lines=qr_lines, caption=_style(qr.section("caption"), "caption"), place=qr_place),
        balance=fields.get("balance", default=True), fit=_fit_aids(fields.section("fit")),
        continued_from=continued_from,
        continued_to=fields.get("continued_to", default=None), box=box is not False,
        line=fields.line() or 0, byline_at=byline_at, pictures=pictures, questions=QuestionStyle(questions),
        key_lines={key: fields.line(key) or 0 for key in ("continued_to", "continued_from", "qr")
                   if fields.has(key)},
        tint=box[0] if isinstance(box, tuple) else None, box_rule=box[1] if isinstance(box, tuple) else True,
    )


def _fit_aids(fields: Fields) -> FitAids:
    """Fitting aids an editor turns on for one block (each off by default)."""
    fields.only()
    return FitAids(even=fields.get("even", default=False))


def _check_leg(fields: Fields, rect: FrameRect, other: FrameRect, number: int) -> None:
    """A rectangle below an earlier one is its lower leg (a stacked L), read
    after the columns above it: standing partly under them and partly beside
    them, the reading order has no answer."""
    below = rect.first_line > other.last_line
    shared = min(rect.last_column, other.last_column) - max(rect.first_column, other.first_column) + 1
    if below and 0 < shared < min(rect.columns, other.columns):   # a wider base under the part above reads after it
        first, last = max(rect.first_column, other.first_column), min(rect.last_column, other.last_column)
        raise fields.error("columns", f"this rectangle stands partly under rectangle {number} (columns "
                                      f"{other.first_column}–{other.last_column}): a lower leg is read after the "
                                      f"columns above it, so it must lie under them; write it as columns: "
                                      f"[{first}, {last}] and give the columns beside it a rectangle of their own")


def _columns_at_top(rects: tuple[FrameRect, ...]) -> int:
    """Columns in a row from the first rectangle's first column that the block
    holds at that rectangle's top line (a title may run across rectangles)."""
    first = rects[0]
    column = first.first_column
    while any(r.first_line == first.first_line and r.first_column <= column <= r.last_column for r in rects):
        column += 1
    return column - first.first_column


def _block_article(fields: Fields, root: Path, continued_from: str | None) -> tuple[Path | None, str]:
    """The article file; a continuation has none of its own (it sets what its first part left)."""
    if continued_from is not None:
        if fields.has("article"):
            raise fields.error("article", f"this block continues {continued_from!r} and sets the rest of that "
                                          "block's article: it names no article of its own")
        return None, ""
    article_value = fields.get("article")
    article = inside_project(root, article_value, fields, "article")
    if not article.is_file():
        raise fields.error("article", f"article file not found: {article_value}")
    return article, article_value


def _logo(fields: Fields, root: Path) -> tuple[Supplied, int]:
    """题花/栏目标识: a PDF file and the grid lines it stands."""
    fields.only()
    value = fields.get("file")
    path = inside_project(root, value, fields, "file")
    try:
        logo = read_supplied(path, value, _origins(fields, "file")["file"])
    except SuppliedFileError as error:
        raise fields.error("file", str(error)) from None
    return logo, fields.get("lines", default=DEFAULT_LOGO_LINES)


def _head(head: Fields, rects: tuple[FrameRect, ...], root: Path) -> HeadSpec:
    """The title area: across ``columns`` columns from the first rectangle's
    first column, at its top; a vertical title (竖题) takes ``columns`` columns
    down the first rectangle's left side.  Every column it covers must be the
    block's at that line."""
    head.only()
    vertical = head.get("vertical", default=False)
    order = head.get("order", default=VERTICAL_ORDERS[0])
    if not vertical and head.has("order"):
        raise head.error("order", "only a vertical title (vertical: true) has an order of columns")
    first = rects[0]
    covered = _columns_at_top(rects)
    columns = head.get("columns", default=DEFAULT_VERTICAL_HEAD_COLUMNS if vertical else first.columns)
    if columns > covered:
        raise head.error("columns", f"the title spans {columns} columns but the block has {covered} "
                                    f"at its top line {first.first_line}")
    if vertical and columns >= covered:
        raise head.error("columns", f"a vertical title of {columns} columns leaves no column for the body "
                                    f"beside it (the block has {covered})")
    if vertical and head.has("lines"):
        raise head.error("lines", "a vertical title takes its columns down the whole first rectangle; "
                                  "give the rectangle the height the title should have")
    reverse = head.get("reverse", default=None)
    logo, logo_lines = _logo(head.section("logo"), root) if head.has("logo") else (None, 0)
    if logo is not None and vertical:
        raise head.error("logo", "a column logo stands beside a horizontal title; a vertical title has none")
    return HeadSpec(columns=columns, lines=head.get("lines", default=None),
                    kicker=_style(head.section("kicker"), "kicker"),
                    title=_style(head.section("title"), "title"),
                    subtitle=_style(head.section("subtitle"), "subtitle"), vertical=vertical,
                    right_to_left=order == VERTICAL_ORDERS[1], reverse=reverse, logo=logo, logo_lines=logo_lines)


def _origins(fields: Fields, *keys: str) -> dict[str, Origin]:
    """Where each text field of a section stands, for errors about its characters."""
    return {key: Origin(fields.name, fields.line(key) or 0, fields.label(key)) for key in keys}


def _ad(fields: Fields, root: Path, grid: GridSpec) -> AdSpec:
    """An advertisement's space, with the agency's PDF when it has come (the
    slot and the file must agree in size within 3 %)."""
    fields.only()
    rect = _rect(fields, grid)
    supplied = None
    if fields.has("file"):
        value = fields.get("file")
        path = inside_project(root, value, fields, "file")
        width = grid.span_width(rect.first_column, rect.last_column)
        height = (rect.last_line - rect.first_line + 1) * grid.line_pitch
        space = (f"the space (columns {rect.first_column}–{rect.last_column}, lines {rect.first_line}–"
                 f"{rect.last_line})")
        try:
            supplied = read_supplied(path, value, _origins(fields, "file")["file"])
            check_fits(supplied, width, height, space)
        except SuppliedFileError as error:
            raise fields.error("file", str(error)) from None
    return AdSpec(rect, fields.get("label", default=""), _origins(fields, "label")["label"], supplied,
                  Origin(fields.name, fields.line() or 0, fields.label()))


def _check_overlaps(top: Fields, blocks: list[BlockSpec], ads: list[AdSpec], masthead: Masthead | None,
                    pictures: list[PictureSpec]) -> None:
    placed: list[tuple[str, FrameRect]] = []
    if masthead is not None:
        placed.append(("the masthead", FrameRect(1, masthead.columns, 1, masthead.lines)))
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
    for item, picture in zip(top.items("pictures"), pictures):
        for other_name, other in placed:
            if picture.rect.overlaps(other):
                raise item.error("lines", f"this picture overlaps {other_name}; a picture inside an article "
                                          "goes under that block's pictures: (its text runs round it)")
        placed.append((f"picture {picture.display}", picture.rect))


def _running_head(fields: Fields) -> RunningHead:
    fields.only()
    return RunningHead(paper=fields.get("paper"), date=fields.get("date", default=""),
                       page_number=fields.get("page_number", default=""), section=fields.get("section", default=""),
                       editor=fields.get("editor", default=""),
                       origins=_origins(fields, "paper", "date", "page_number", "section", "editor"))


def _masthead(fields: Fields, grid: GridSpec) -> Masthead:
    """报头: the front page's nameplate, at the top left of the type area."""
    fields.only()
    masthead = Masthead(paper=fields.get("paper"), subtitle=fields.get("subtitle", default=""),
                        date=fields.get("date", default=""), columns=fields.get("columns", default=grid.columns),
                        lines=fields.get("lines", default=DEFAULT_MASTHEAD_LINES),
                        origins=_origins(fields, "paper", "subtitle", "date"),
                        colour=fields.get("colour", default=BLACK))
    if masthead.columns > grid.columns:
        raise fields.error("columns", f"the masthead spans {masthead.columns} columns; the grid has {grid.columns}")
    if masthead.lines > grid.lines:
        raise fields.error("lines", f"the masthead takes {masthead.lines} lines; the grid has {grid.lines}")
    return masthead


def _picture(fields: Fields, root: Path, grid: GridSpec) -> PictureSpec:
    """A photograph and its caption (图说) on the grid."""
    fields.only()
    value = fields.get("file")
    path = inside_project(root, value, fields, "file")
    if not path.is_file():
        raise fields.error("file", f"image file not found: {value}")
    too_large = oversized(path, "picture")
    if too_large:
        raise fields.error("file", f"{value}: {too_large}")
    fit = fields.get("fit", default=Fit.FILL.value)
    rect = _rect(fields, grid)
    if rect.last_line - rect.first_line + 1 < MIN_PICTURE_LINES:
        raise fields.error("lines", f"a picture takes at least {MIN_PICTURE_LINES} grid lines")
    return PictureSpec(file=path, display=value, rect=rect, caption=fields.get("caption", default=""),
                       credit=fields.get("credit", default=""), fit=Fit(fit),
                       focus=fields.get("focus", default=CENTRE_FOCUS),
                       origin=Origin(fields.name, fields.line() or 0, fields.label()))


def _block_pictures(fields: Fields, root: Path, grid: GridSpec, rects: tuple[FrameRect, ...],
                    head: HeadSpec) -> tuple[PictureSpec, ...]:
    """Pictures inside a block: every grid cell they cover is the block's,
    and they do not overlap one another.  One on the block's first line over
    the title's columns is a 压题图: the title goes under it, so it must span
    all the title's columns (else white would stand beside it over the title)."""
    first = rects[0]
    title_columns = (first.first_column, first.first_column + head.columns - 1)
    pictures: list[PictureSpec] = []
    for item in fields.items("pictures"):
        picture = _picture(item, root, grid)
        area = picture.rect
        outside = [(column, line) for column in range(area.first_column, area.last_column + 1)
                   for line in range(area.first_line, area.last_line + 1)
                   if not any(rect.holds(column, line) for rect in rects)]
        if outside:
            column, line = outside[0]
            raise item.error("columns", f"the picture reaches outside its block (column {column}, line {line}); "
                                        "a picture on the page by itself goes under the layout's pictures:")
        for other in pictures:
            if area.overlaps(other.rect):
                raise item.error("lines", f"this picture overlaps {other.display}")
        over_title = (area.first_line == first.first_line and not head.vertical
                      and area.first_column <= title_columns[1] and title_columns[0] <= area.last_column)
        if over_title and (area.first_column, area.last_column) != title_columns:
            raise item.error("columns", f"a picture on the block's first line sits over the title (压题图) and "
                                        f"spans the title's columns {title_columns[0]}–{title_columns[1]}, not "
                                        f"{area.first_column}–{area.last_column}; start it lower to run the text "
                                        "round it")
        pictures.append(picture)
    return tuple(pictures)


def _press(fields: Fields, root: Path) -> PressSettings:
    """The printer's CMYK profile and ink limit (docs/press.md)."""
    fields.only()
    profile = None
    if fields.has("cmyk_profile"):
        value = fields.get("cmyk_profile")
        profile = inside_project(root, value, fields, "cmyk_profile", allow_absolute=True)
        if not profile.is_file():
            raise fields.error("cmyk_profile", f"ICC profile not found: {value}")
        too_large = oversized(profile, "ICC profile")
        if too_large:
            raise fields.error("cmyk_profile", f"{value}: {too_large}")
        try:
            load_cmyk_profile(profile)
        except ColourError as error:
            raise fields.error("cmyk_profile", str(error)) from None
    limit = fields.get("ink_limit", default=DEFAULT_TAC_PERCENT)
    if not MIN_INK_LIMIT_PERCENT <= limit <= MAX_INK_PERCENT:
        raise fields.error("ink_limit", f"total area coverage is {MIN_INK_LIMIT_PERCENT:g}–{MAX_INK_PERCENT:g}%, "
                                        f"not {limit:g}")
    return PressSettings(cmyk_profile=profile, ink_limit=limit, output_profile=_output_profile(fields, root))


def _output_profile(fields: Fields, root: Path) -> Path | None:
    """press.output_profile: the printer's CMYK ICC output profile, embedded
    in the PDF/X OutputIntent (docs/press.md)."""
    if not fields.has("output_profile"):
        return None
    value = fields.get("output_profile")
    profile = inside_project(root, value, fields, "output_profile", allow_absolute=True)
    if not profile.is_file():
        raise fields.error("output_profile", f"ICC profile not found: {value}")
    problem = oversized(profile, "ICC profile") or cmyk_output_problem(profile)
    if problem:
        raise fields.error("output_profile", f"{value}: {problem}")
    return profile
