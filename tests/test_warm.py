"""Warm rebuilds: a Composer kept across builds recomposes only the blocks
whose inputs changed, and gives the bytes a fresh build gives."""
from __future__ import annotations

from pathlib import Path

import pytest

from broadsheet.build import build_layout
from broadsheet.errors import SourceError
from broadsheet.layout.page import Composer
from broadsheet.source.reader import SourceReader
from project import ROOT, SAMPLE_LAYOUT, Project


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


def test_a_kept_composer_builds_an_edition_in_this_process(tmp_path):
    composer = Composer()
    result = build_layout(ROOT / "layouts" / "edition.yaml", tmp_path / "edition.pdf", composer=composer, jobs=2)
    assert result.worker_memory == {} and composer.composed > 0
    again = build_layout(ROOT / "layouts" / "edition.yaml", tmp_path / "again.pdf", composer=composer, jobs=2)
    assert composer.reused > 0 and again.report() == result.report()
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "edition.pdf").read_bytes()


def test_an_edit_breaks_again_only_the_paragraph_it_changed(tmp_path, monkeypatch):
    import broadsheet.layout.setting as setting
    from broadsheet.source.article import read_article
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    composer = Composer()
    build_layout(layout, tmp_path / "first.pdf", composer=composer)
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")
    edited = next(paragraph.text for paragraph in read_article(project.path("articles/chenzhou.md")).paragraphs
                  if "郴州是这座" in paragraph.text)
    broken: list[str] = []
    original = setting.set_paragraph
    monkeypatch.setattr(setting, "set_paragraph",
                        lambda text, *args, **kwargs: broken.append(text) or original(text, *args, **kwargs))
    build_layout(layout, tmp_path / "edited.pdf", composer=composer)
    assert broken and all(edited.endswith(text) for text in broken)   # the paragraph, or its rest after a column
    broken.clear()
    build_layout(layout, tmp_path / "cold.pdf")
    assert len(broken) > 10                                            # a build without a kept composer sets them all
    assert (tmp_path / "edited.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()


def test_a_kept_reader_reads_the_layout_again_only_when_it_changed(tmp_path, monkeypatch):
    import broadsheet.source.reader as reading
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    composer, reader = Composer(), SourceReader()
    reads: list[Path] = []
    original = reading.read_pages
    monkeypatch.setattr(reading, "read_pages", lambda path: reads.append(path) or original(path))
    build_layout(layout, tmp_path / "first.pdf", composer=composer, reader=reader)
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")
    build_layout(layout, tmp_path / "article.pdf", composer=composer, reader=reader)
    assert reads == [layout]                       # an article edit: the layout is not parsed again
    project.replace(SAMPLE_LAYOUT, "label: 广告", "label: 广告位")
    build_layout(layout, tmp_path / "layout.pdf", composer=composer, reader=reader)
    assert reads == [layout, layout]
    build_layout(layout, tmp_path / "cold.pdf")
    assert (tmp_path / "layout.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()
    project.path("articles/xianning.md").unlink()  # a file the layout names is gone: its error, at its line
    with pytest.raises(SourceError, match="article file not found"):
        build_layout(layout, tmp_path / "gone.pdf", composer=composer, reader=reader)


def test_a_file_the_page_names_replaced_under_its_name_composes_its_blocks_afresh(tmp_path):
    import os
    project = Project(tmp_path)
    font = tmp_path / "fonts" / "Caption.ttf"
    font.parent.mkdir()
    font.write_bytes((ROOT / "fonts" / "BroadsheetKai-Regular.ttf").read_bytes())
    project.write(SAMPLE_LAYOUT, project.read(SAMPLE_LAYOUT) + "fonts:\n  caption: fonts/Caption.ttf\n")
    layout = project.path(SAMPLE_LAYOUT)
    composer = Composer()
    build_layout(layout, tmp_path / "first.pdf", composer=composer)
    build_layout(layout, tmp_path / "again.pdf", composer=composer)
    assert (composer.composed, composer.reused) == (0, 2)
    stamp = font.stat().st_mtime_ns + 1_000_000_000
    os.utime(font, ns=(stamp, stamp))     # saved again (a logo or picture is replaced the same way)
    build_layout(layout, tmp_path / "touched.pdf", composer=composer)
    assert (composer.composed, composer.reused) == (2, 0)


def test_a_rebuild_compresses_no_font_program_again(tmp_path, monkeypatch):
    """A warm process keeps each subset's compressed font program: rebuilding
    compresses only the page's own streams, and gives the same bytes."""
    import zlib

    from reportlab.pdfbase import pdfdoc
    build_layout(ROOT / SAMPLE_LAYOUT, tmp_path / "first.pdf")
    compressed: list[bytes] = []

    class Recording:
        @staticmethod
        def compress(data: bytes, *rest) -> bytes:
            compressed.append(data)
            return zlib.compress(data, *rest)

        def __getattr__(self, name: str):
            return getattr(zlib, name)
    monkeypatch.setattr(pdfdoc, "zlib", Recording())
    build_layout(ROOT / SAMPLE_LAYOUT, tmp_path / "again.pdf")
    truetype = b"\x00\x01\x00\x00"   # the sfnt version a TrueType program starts with
    assert compressed and not [data for data in compressed if data.startswith(truetype)]
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()


def test_an_edit_makes_no_qr_code_again(tmp_path, monkeypatch):
    """The edited article's block is composed afresh, but its QR code (same
    URL) is not made again: choosing a code's mask is slow."""
    import qrcode
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    composer = Composer()
    build_layout(layout, tmp_path / "first.pdf", composer=composer)
    made = []
    make = qrcode.QRCode.make

    def counted(code, *args, **kwargs):
        made.append(code)
        return make(code, *args, **kwargs)
    monkeypatch.setattr(qrcode.QRCode, "make", counted)
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")
    edited = build_layout(layout, tmp_path / "edited.pdf", composer=composer)
    assert composer.composed == 1 and made == [] and edited.pages[0].qr_codes
    build_layout(layout, tmp_path / "cold.pdf")
    assert (tmp_path / "edited.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()


def test_an_article_kept_unparsed_still_reports_what_its_reading_cleaned(tmp_path):
    """The notes reading an article made (a zero-width space removed) come
    with the kept article: every build reports them."""
    project = Project(tmp_path)
    project.replace("articles/xianning.md", "咸宁", "咸\u200b宁")
    layout = project.path(SAMPLE_LAYOUT)
    composer, reader = Composer(), SourceReader()
    first = build_layout(layout, tmp_path / "first.pdf", composer=composer, reader=reader)
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")
    edited = build_layout(layout, tmp_path / "edited.pdf", composer=composer, reader=reader)
    notes = [note for note in edited.warnings if "xianning" in note.file and "U+200B" in note.message]
    assert notes and notes == [note for note in first.warnings if note in notes]
    assert edited.report() == build_layout(layout, tmp_path / "cold.pdf").report()


def test_a_kept_reader_parses_an_article_again_only_when_its_bytes_changed(tmp_path, monkeypatch):
    import broadsheet.source.reader as reading
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    # A zero-width space: reading the article removes it and says so, on every build.
    project.replace("articles/xianning.md", "title:", "title: \u200b")
    composer, reader = Composer(), SourceReader()
    parsed: list[str] = []
    original = reading.read_article
    monkeypatch.setattr(reading, "read_article",
                        lambda path, **options: parsed.append(path.name) or original(path, **options))

    def notes(result) -> list[str]:
        return [warning.message for warning in result.warnings if warning.block == "xianning"]
    first = build_layout(layout, tmp_path / "first.pdf", composer=composer, reader=reader)
    assert sorted(parsed) == ["chenzhou.md", "xianning.md"] and notes(first)
    project.replace("articles/chenzhou.md", "郴州是一座", "郴州是这座")   # the same length, other bytes
    edited = build_layout(layout, tmp_path / "edited.pdf", composer=composer, reader=reader)
    assert sorted(parsed) == ["chenzhou.md", "chenzhou.md", "xianning.md"]
    assert notes(edited) == notes(first)   # the kept article's notes come again
    build_layout(layout, tmp_path / "cold.pdf")
    assert (tmp_path / "edited.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()


def test_a_rebuild_preflights_a_supplied_file_again_only_when_it_changed(tmp_path, monkeypatch):
    """The advertisement's preflight is kept while its file stays; a file
    replaced under the same name (here an RGB one) is checked again."""
    import os

    import broadsheet.build as build
    project = Project(tmp_path)
    layout = project.path(SAMPLE_LAYOUT)
    checked: list[str] = []
    check = build.check_supplied

    def counted(path):
        checked.append(path.name)
        return check(path)
    monkeypatch.setattr(build, "check_supplied", counted)
    composer, reader = Composer(), SourceReader()
    build_layout(layout, tmp_path / "first.pdf", composer=composer, reader=reader)
    build_layout(layout, tmp_path / "again.pdf", composer=composer, reader=reader)
    assert len(checked) == 1
    ad = project.path("articles/ads/jiangzhou-bank-350x228.pdf")
    stamp = ad.stat().st_mtime_ns
    _rgb_pdf(ad)
    os.utime(ad, ns=(stamp + 1_000_000, stamp + 1_000_000))
    again = build_layout(layout, tmp_path / "replaced.pdf", composer=composer, reader=reader)
    assert len(checked) == 2
    assert any("rgb" in warning.message.lower() for warning in again.warnings), again.warnings


def _rgb_pdf(path: Path) -> None:
    """A one-page PDF with an RGB fill, where an agency's file was (its size)."""
    from reportlab.pdfgen.canvas import Canvas

    from broadsheet.units import mm
    canvas = Canvas(str(path), pagesize=(mm(350), mm(228)))
    canvas.setFillColorRGB(1, 0, 0)
    canvas.rect(10, 10, 50, 50, fill=1)
    canvas.showPage()
    canvas.save()
