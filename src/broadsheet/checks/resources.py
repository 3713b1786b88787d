"""Every resource dictionary a page can reach: its own, its forms', patterns' and Type 3 fonts'."""
from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from .content import page_resources


def all_resources(page: pikepdf.Page) -> Iterator[pikepdf.Dictionary]:
    pending = [page_resources(page)]
    visited: set[tuple[int, int]] = set()
    while pending:
        resources = pending.pop()
        yield resources
        for owner in _owners(resources):
            if owner.objgen in visited or "/Resources" not in owner:
                continue
            if owner.is_indirect:
                visited.add(owner.objgen)
            pending.append(owner.Resources)


def _owners(resources: pikepdf.Dictionary) -> Iterator[pikepdf.Object]:
    """Objects inside ``resources`` that carry resources of their own."""
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield xobject
    yield from resources.get("/Pattern", {}).values()
    for font in resources.get("/Font", {}).values():
        if font.get("/Subtype") == "/Type3":
            yield font
