"""Read an edition (an issue's pages in print order) or a single page layout.

    title: 中国企业报 2023年3月7日       # the combined PDF's title
    issue_date: 2023-03-07
    pages:
      - layouts/front.yaml
      - layouts/inside.yaml

Pages are built together so that jumps (转版) resolve: a block's
``continued_to`` names a block on a later page of the edition, whose
``continued_from`` names it back.  Every error names the file, line and key.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from ..model.page import BlockSpec, EditionSpec, LayoutSpec
from .fields import ISO_DATE, TEXT, Fields, Key, Keys, ValueType, load_yaml, read_source
from .layout import inside_project, project_root, read_layout

EDITION_KEY = "pages"
EDITION_KEYS: Keys = {
    "title": Key("the combined PDF's title", TEXT),
    "issue_date": Key("出版日期 YYYY-MM-DD (the PDFs' dates)", ISO_DATE),
    EDITION_KEY: Key("page layouts in print order, from the project folder", required=True,
                     items=ValueType(TEXT.parse, {"type": "string"})),
}


def read_pages(path: Path, *, display: str | None = None) -> EditionSpec | LayoutSpec:
    """An edition file (it has ``pages:``) or a page layout."""
    name = display or str(path)
    data, _ = load_yaml(read_source(path, name, "layout"), name)
    if isinstance(data, dict) and EDITION_KEY in data:
        return read_edition(path, display=name)
    return read_layout(path, display=name)


def read_edition(path: Path, *, display: str | None = None) -> EditionSpec:
    name = display or str(path)
    data, lines = load_yaml(read_source(path, name, "edition"), name)
    top = Fields(data, lines, name, keys=EDITION_KEYS)
    top.only()
    root = project_root(path)
    entries = top.data.get(EDITION_KEY)
    if not isinstance(entries, list) or not entries:
        raise top.error(EDITION_KEY, "must list the page layouts, one '- layouts/….yaml' line each")
    pages: list[LayoutSpec] = []
    # The list's items, addressed as pages[i] (the list itself is no mapping).
    items = Fields(None, lines, name, (EDITION_KEY,))
    for index, entry in enumerate(entries):
        if not isinstance(entry, str):
            raise items.error(index, "must be the path of a page layout")
        layout_path = inside_project(root, entry, items, index)
        if not layout_path.is_file():
            raise items.error(index, f"page layout not found: {entry}")
        page = read_layout(layout_path, display=entry)
        for earlier in pages:
            if earlier.page_number == page.page_number:
                raise items.error(index, f"{entry} and {earlier.path} are both page {page.page_number}")
        pages.append(page)
    _check_block_names(items, pages)
    _check_jumps(pages)
    return EditionSpec(path=name, title=top.get("title", default=""), issue_date=top.get("issue_date", default=None),
                       pages=pages, file=path.resolve())


def _check_block_names(items: Fields, pages: list[LayoutSpec]) -> None:
    """Jumps name blocks, so a name means one block in the whole edition."""
    seen: dict[str, str] = {}
    for index, page in enumerate(pages):
        for block in page.blocks:
            if block.name in seen:
                raise items.error(index, f"block {block.name!r} of {page.path} has the same name as a block "
                                         f"of {seen[block.name]}; names must be unique in an edition")
            seen[block.name] = page.path


def _check_jumps(pages: list[LayoutSpec]) -> None:
    """Each jump is named at both ends and goes forward to a later page."""
    where: dict[str, tuple[int, LayoutSpec, int, BlockSpec]] = {}
    for order, page in enumerate(pages):
        for index, block in enumerate(page.blocks):
            where[block.name] = (order, page, index, block)
    for order, page in enumerate(pages):
        for index, block in enumerate(page.blocks):
            if block.continued_to is not None:
                target = where.get(block.continued_to)
                if target is None:
                    raise _block_error(page, index, block, "continued_to",
                                       f"no block named {block.continued_to!r} in this edition")
                if target[0] < order:
                    raise _block_error(page, index, block, "continued_to",
                                       f"block {block.continued_to!r} is on {target[1].path}, an earlier page: "
                                       "a jump continues on a later page")
                if target[3].continued_from != block.name:
                    raise _block_error(target[1], target[2], target[3], "continued_from",
                                       f"block {block.name!r} of {page.path} continues here: "
                                       f"write continued_from: {block.name}")
            if block.continued_from is not None:
                source = where.get(block.continued_from)
                if source is None or source[3].continued_to != block.name:
                    raise _block_error(page, index, block, "continued_from",
                                       f"no block of this edition names {block.name!r} in its continued_to")


def _block_error(page: LayoutSpec, index: int, block: BlockSpec, key: str, message: str) -> SourceError:
    return SourceError(page.path, block.key_lines.get(key, block.line), f"blocks[{index}].{key}", message)
