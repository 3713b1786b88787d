"""Which files a build reads: the ones watch must follow."""
from __future__ import annotations

from pathlib import Path

from ..fonts.registry import ROLES_FILE, split_face
from ..model.page import EditionSpec, LayoutSpec
from ..source.layout import project_root


def source_files(layout_path: Path, spec: EditionSpec | LayoutSpec) -> frozenset[Path]:
    """The layout (or edition and its pages), every article, the font roles
    file and every font a layout names, as resolved paths."""
    files = {layout_path.resolve(), ROLES_FILE.resolve()}
    layouts = [spec] if isinstance(spec, LayoutSpec) else spec.pages
    if isinstance(spec, EditionSpec):  # its pages are named relative to the project
        root = project_root(layout_path)
        files.update((root / page.path).resolve() for page in spec.pages)
    for layout in layouts:
        files.update(block.article.resolve() for block in layout.blocks if block.article is not None)
        files.update(split_face(path)[0].resolve() for path in layout.fonts.values())
    return frozenset(files)
