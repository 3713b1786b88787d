"""Warm rebuilds: a Composer kept across builds recomposes only the blocks
whose inputs changed, and gives the bytes a fresh build gives."""
from __future__ import annotations

from broadsheet.build import build_layout
from broadsheet.layout.page import Composer
from project import SAMPLE_LAYOUT, Project


def test_a_kept_composer_recomposes_only_the_edited_article(tmp_path):
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    composer = Composer()
    build_layout(layout, tmp_path / "first.pdf", composer=composer)
    assert (composer.composed, composer.reused) == (2, 0)

    build_layout(layout, tmp_path / "again.pdf", composer=composer)
    assert (composer.composed, composer.reused) == (0, 2)
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()

    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")
    warm = build_layout(layout, tmp_path / "edited.pdf", composer=composer)
    assert (composer.composed, composer.reused) == (1, 1)
    cold = build_layout(layout, tmp_path / "cold.pdf")
    assert (tmp_path / "edited.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()
    assert (tmp_path / "edited.pdf").read_bytes() != (tmp_path / "first.pdf").read_bytes()
    assert warm.report() == cold.report()


def test_a_changed_block_spec_is_composed_afresh(tmp_path):
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    composer = Composer()
    build_layout(layout, tmp_path / "first.pdf", composer=composer)
    project.replace(SAMPLE_LAYOUT, "qr: {column: 8, lines: 10}", "qr: {column: 7, lines: 10}")
    build_layout(layout, tmp_path / "moved.pdf", composer=composer)
    assert (composer.composed, composer.reused) == (1, 1)
    build_layout(layout, tmp_path / "cold.pdf")
    assert (tmp_path / "moved.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()
