"""Mistakes that used to build silently: each is now a warning naming file,
line and key, and --strict refuses the page.  And --strict on one page of an
edition checks that page alone."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from broadsheet.build import build_layout
from broadsheet.diagnostics import Severity
from broadsheet.errors import BuildError
from broadsheet.fonts import load_font_set
from project import ROOT, Project

SAMPLE = "layouts/sample.yaml"
# What this module's traps say (other checks warn of other things, such as an ad space left without its file).
TRAPS = ("is covered by no block", "from the", "trim edge", "runs into", "has no effect", "carries only")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    monkeypatch.chdir(tmp_path)
    project = Project(tmp_path)
    for folder in ("layouts", "articles"):
        shutil.copytree(ROOT / folder, tmp_path / folder, dirs_exist_ok=True)
    return project


def _messages(project: Project, layout: str = SAMPLE) -> list[str]:
    result = build_layout(Path(layout), Path("out/page.pdf"))
    return [str(warning) for warning in result.warnings if warning.severity is Severity.WARNING]


def _refused(project: Project, layout: str = SAMPLE) -> str:
    with pytest.raises(BuildError) as refused:
        build_layout(Path(layout), Path("out/page.pdf"), strict=True)
    return str(refused.value)


def test_the_sample_pages_have_no_trap(tmp_path):
    for layout in ("sample.yaml", "edition.yaml"):
        result = build_layout(ROOT / "layouts" / layout, tmp_path / "page.pdf")
        assert [w for w in result.warnings if any(trap in w.message for trap in TRAPS)] == []


def test_a_grid_area_no_block_covers_is_named_with_its_columns_and_lines(project):
    """开天窗: chenzhou ends a line early; lines 26–27 print white across the page."""
    project.replace(SAMPLE, "lines: [1, 26]", "lines: [1, 25]")
    message = (f"{SAMPLE}: [blocks] grid area columns 1–8, lines 26–27 is covered by no block, ad or picture: "
               "it prints white (开天窗); extend a block over it or place an ad or picture there")
    assert _messages(project) == [message]
    assert message in _refused(project)


def test_a_qr_setting_without_a_code_has_no_effect(project):
    text = project.read("articles/chenzhou.md")
    start = text.index("qr:")
    end = text.index("---", start)
    project.write("articles/chenzhou.md", text[:start] + text[end:])
    message = (f"{SAMPLE}:34: [block chenzhou: qr] qr: has no effect: articles/chenzhou.md has no QR code "
               "(give it qr: {url: …} in its front matter, or remove the block's qr:)")
    assert _messages(project) == [message]
    assert message in _refused(project)


def test_text_within_3_mm_of_the_trim(project):
    project.replace(SAMPLE, "  top: 32mm", "  top: 12mm")
    [message] = _messages(project)
    assert message.startswith(f"{SAMPLE}: [page] text “两会特刊·市长访谈” (and 5 more) stands ")
    assert message.endswith(" mm from the top trim edge; keep 3 mm clear (move the type area: page.top, "
                            "page.left, or the grid)")
    assert float(message.split(" stands ")[1].split(" mm")[0]) < 3
    _refused(project)


def test_a_shrunken_masthead_whose_rule_runs_under_its_subtitle(project):
    layout = "layouts/lead-story.yaml"
    project.replace(layout, "  columns: 5\n  lines: 12", "  columns: 5\n  lines: 4")
    project.replace(layout, "lines: [1, 12]}", "lines: [1, 4]}")
    project.replace(layout, "lines: [14, 46]}", "lines: [6, 46]}")
    project.replace(layout, "lines: [14, 28]}", "lines: [6, 28]}")
    messages = [m for m in _messages(project, layout) if "[masthead]" in m]
    assert messages == [f"{layout}: [masthead] the masthead text “中共江州市委机关报　江州日报社出版” runs into the "
                        "masthead's rule: give the masthead more room (lines, columns)"]


def test_a_jump_that_carries_one_line(project):
    """Cut the story until its continuation holds a single line: a jump for nothing."""
    edition = build_layout(Path("layouts/edition.yaml"), Path("out/edition.pdf"))
    carried = edition.pages[0].blocks[1].characters_continued
    text = project.read("articles/spring-farming.md").rstrip()
    keep = len(text)
    cut = 0
    while cut < carried - 5:
        keep -= 1
        cut += not text[keep].isspace()
    project.write("articles/spring-farming.md", text[:keep] + "\n")
    result = build_layout(Path("layouts/edition.yaml"), Path("out/edition.pdf"))
    lead_2 = result.pages[1].blocks[0]
    assert lead_2.lines_set == 1
    [message] = [str(w) for w in lead_2.warnings]
    assert message.startswith("layouts/lead-story-2.yaml:29: [block lead-2: continued_from] the jump from block "
                              f"'lead' carries only 1 line(s) ({result.pages[0].blocks[1].characters_continued} "
                              "characters) to page 2: a jump carries at least 2 lines; cut them so the story ends "
                              "on page 1, or give it more there")
    _refused(project, "layouts/edition.yaml")


@pytest.mark.parametrize("page", ["layouts/lead-story.yaml", "layouts/lead-story-2.yaml"])
def test_strict_on_one_page_of_an_edition_checks_that_page_alone(project, page):
    """Built alone, a page cannot hand its jump on or receive it: that is a
    note, not a fault, and --strict builds the page; a fault of the page still fails it."""
    result = build_layout(Path(page), Path("out/page.pdf"), strict=True)
    notes = [w for w in result.warnings if w.severity is Severity.NOTE]
    assert notes and all(n.block in ("lead", "lead-2") for n in notes)
    assert any("not in this build" in n.message for n in notes)
    assert project.path("out/page.pdf").read_bytes().startswith(b"%PDF-")
    # A fault of the page itself: a block a line shorter leaves white beside it.
    first, shorter = (("lines: [48, 66], body", "lines: [49, 66], body") if page.endswith("story.yaml")
                      else ("lines: [1, 18]}", "lines: [1, 17]}"))
    project.replace(page, first, shorter)
    assert "is covered by no block" in _refused(project, page)


def _stacked_page(project: Project, leg: str, upper: str = "[1, 8]") -> Path:
    body = "".join(f"第{n}句话说明栏序。" for n in range(1, 400))
    project.write("articles/stacked.md", f"---\ntitle: 叠放的刀把形稿件\n---\n\n{body}\n")
    project.write("layouts/stacked.yaml", f"""page_number: 3
grid: {{columns: 8, column_chars: 13, gutter_chars: 1, body_size: 小五, line_pitch: 1.5, lines: 102}}
blocks:
  - name: stacked
    article: articles/stacked.md
    frames:
      - {{columns: {upper}, lines: [1, 20]}}
      - {leg}
    head: {{title: {{size: 三号}}}}
""")
    return Path("layouts/stacked.yaml")


def test_a_stacked_l_reads_its_lower_leg_after_the_columns_above_it(project):
    """The leg under columns 1–4 is read after them, before columns 5–8."""
    from pagecheck import geometry, read_page, text_in

    from broadsheet.model.page import FrameRect
    from broadsheet.source.layout import read_layout

    layout_path = _stacked_page(project, "{columns: [1, 4], lines: [21, 40]}")
    result = build_layout(layout_path, Path("out/stacked.pdf"))
    block = result.pages[0].blocks[0]
    layout = read_layout(layout_path)
    chars = [c for c in read_page(Path("out/stacked.pdf"), layout, 0) if c.size == 9.0]
    page = geometry(layout)
    order = [(column, 1, 20) for column in range(1, 5)] + [(column, 21, 40) for column in range(1, 5)] \
        + [(column, 1, 20) for column in range(5, 9)]
    read = "".join(text_in(chars, page.box(FrameRect(column, column, first, last))) for column, first, last in order)
    body = project.read("articles/stacked.md").split("---\n")[-1].strip()
    mark = f"▲超版{block.characters_overset}字"
    assert block.characters_overset > 0 and read.endswith(mark)   # every column is full
    assert body.startswith(read[:-len(mark)]) and len(read) > 500


def test_a_leg_partly_under_the_part_above_is_refused_with_how_to_write_it(project):
    from broadsheet.errors import SourceError
    from broadsheet.source.layout import read_layout

    with pytest.raises(SourceError) as refused:
        read_layout(_stacked_page(project, "{columns: [5, 8], lines: [21, 40]}", upper="[1, 6]"))
    assert str(refused.value) == (
        "layouts/stacked.yaml:8: [blocks[0].frames[1].columns] this rectangle stands partly under rectangle 1 "
        "(columns 1–6): a lower leg is read after the columns above it, so it must lie under them; write it as "
        "columns: [5, 6] and give the columns beside it a rectangle of their own")


def test_the_trim_check_skips_only_runs_whose_ink_is_surely_clear(edition_build):
    """The trim check measures a run only when a cheap bound (every glyph the
    font's widest) does not already keep it clear: wherever the bound says
    clear, the run's measured ink is at least 3 mm inside every edge.  Every
    run of the edition is tried where it stands and moved to end, or start,
    just inside, at and just outside 3 mm of each edge."""
    from dataclasses import replace

    from broadsheet.layout.traps import TRIM_SAFETY, _clear_of_trim, text_ink
    from broadsheet.units import mm
    _, result, _ = edition_build
    fonts = load_font_set()
    metrics = {fonts[role].name: fonts[role].metrics for role in fonts.paths}
    skipped = 0
    for page in result.pages:
        for run in page.runs:
            ink = text_ink(run, metrics)
            tries = [run]
            for inside in (mm(2.5), mm(3), mm(3.5)):
                tries += [replace(run, x=page.trim_width - inside - (ink.right - run.x)), replace(run, x=inside)]
            for tried in tries:
                if not _clear_of_trim(tried, metrics, page):
                    continue
                skipped += 1
                ink = text_ink(tried, metrics)
                clearance = min(ink.left, ink.top, page.trim_width - ink.right, page.trim_height - ink.bottom)
                assert clearance >= TRIM_SAFETY - 1e-9, (tried.text, clearance)
    assert skipped > 100
