"""Copyfit in characters: the figures are exact.  Adding exactly the
characters reported fills a block; one more oversets it by one; a section
lead that goes on to the next column says why it leaves white behind."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_flow import block_text

from broadsheet.build import build_layout
from broadsheet.layout.copyfit import FitState
from project import ROOT

# Pure Han text: every character one em, breakable anywhere, so a column of
# 13 characters holds exactly 13 of them a line.
HAN = "春耕时节田野里农机轰鸣村民们忙着播种施肥一派繁忙景象"
CHARS_PER_LINE = 13
INDENT = 2   # 段首空两格


def han(count: int) -> str:
    return (HAN * (count // len(HAN) + 1))[:count]


def _page(tmp_path: Path, body: str, *, lines: int = 16, balance: bool = True) -> Path:
    (tmp_path / "layouts").mkdir(exist_ok=True)
    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "articles" / "fit.md").write_text(f"---\ntitle: 算字\n---\n\n{body}\n", encoding="utf-8")
    layout = tmp_path / "layouts" / "page.yaml"
    layout.write_text(f"""page_number: 3
grid: {{columns: 8, column_chars: 13, gutter_chars: 1, body_size: 小五, line_pitch: 1.5, lines: 102}}
blocks:
  - name: fit
    article: articles/fit.md
    frame: {{columns: [1, 3], lines: [1, {lines}]}}
    head: {{title: {{size: 三号}}}}
    balance: {str(balance).lower()}
""", encoding="utf-8")
    return layout


def _block(layout: Path):
    result = build_layout(layout, layout.parent.parent / "out" / "page.pdf")
    return result, result.pages[0].blocks[0]


def test_adding_exactly_the_reported_characters_fills_the_block_and_one_more_oversets_by_one(tmp_path):
    layout = _page(tmp_path, han(200))
    _, block = _block(layout)
    # The block's body lines, from the column figures the flow reports.
    capacity = (sum(block.column_lines) + block.underset_lines) * CHARS_PER_LINE - INDENT
    fit = block.copyfit
    assert fit.state is FitState.UNDER and fit.under == capacity - 200 > 0
    assert fit.summary() == f"差 {fit.under} 字 ≈ {round(fit.under / CHARS_PER_LINE)} 行"

    _page(tmp_path, han(200 + fit.under))
    result, block = _block(layout)
    assert block.copyfit.state is FitState.FULL and block.copyfit.under == block.copyfit.over == 0
    assert block.characters_overset == 0 and not block.warnings
    assert block_text(tmp_path / "out" / "page.pdf", layout, "fit") == han(200 + fit.under)

    _page(tmp_path, han(200 + fit.under + 1))
    result, block = _block(layout)
    assert block.copyfit.state is FitState.OVER and block.copyfit.over == 1
    assert block.copyfit.summary() == "超 1 字 ≈ 1 行"
    [warning] = block.warnings
    assert warning.block == "fit" and warning.message.endswith(": cut 1 to fit (超 1 字 ≈ 1 行)")


def test_an_overset_block_reports_the_characters_to_cut(tmp_path):
    layout = _page(tmp_path, han(100))
    _, block = _block(layout)
    capacity = (sum(block.column_lines) + block.underset_lines) * CHARS_PER_LINE - INDENT
    _page(tmp_path, han(capacity + 37))
    _, block = _block(layout)
    assert block.copyfit.over == 37 and block.copyfit.summary() == "超 37 字 ≈ 3 行"
    _page(tmp_path, han(capacity + 37 - block.copyfit.over))
    _, block = _block(layout)
    assert block.copyfit.state is FitState.FULL


def test_a_lead_that_goes_on_with_its_text_says_why_it_leaves_white(tmp_path):
    layout = _page(tmp_path, han(20), balance=False)
    _, block = _block(layout)
    column = block.copyfit.columns[0].lines_used + block.copyfit.columns[0].white_lines
    # The first paragraph ends two lines above the first column's foot: the
    # lead needs a line of space, itself and two lines of text, so it moves on.
    first = han((column - 2) * CHARS_PER_LINE - INDENT)
    _page(tmp_path, f"{first}\n\n## 小标题\n\n{han(60)}", balance=False)
    _, block = _block(layout)
    fit = block.copyfit
    stranded = fit.columns[0]
    assert (stranded.white_lines, stranded.characters) == (2, 2 * CHARS_PER_LINE)
    assert "小标题" in stranded.reason and "went on to column 2" in stranded.reason
    assert any(note.startswith("column 1: 2 line(s) white (26 characters") for note in fit.notes)
    # The white the lead left is not counted as room at the end.
    assert fit.state is FitState.UNDER
    assert fit.under == sum(c.characters for c in fit.columns if not c.reason)


@pytest.mark.parametrize("name", ["chenzhou", "xianning"])
def test_the_sample_stories_copyfit_to_exactly_full_in_one_edit(tmp_path, name):
    """The acceptance: the figure guides one edit that makes the story exactly full."""
    (tmp_path / "layouts").mkdir()
    (tmp_path / "articles").mkdir()
    layout = tmp_path / "layouts" / "sample.yaml"
    layout.write_text((ROOT / "layouts" / "sample.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for story in ("chenzhou", "xianning"):
        text = (ROOT / "articles" / f"{story}.md").read_text(encoding="utf-8")
        (tmp_path / "articles" / f"{story}.md").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "articles" / "ads", tmp_path / "articles" / "ads")   # the page's advertisement
    article = tmp_path / "articles" / f"{name}.md"
    original = article.read_text(encoding="utf-8").rstrip("\n")

    def figures(extra: int):
        article.write_text(original + han(extra) + "\n", encoding="utf-8")
        result = build_layout(layout, tmp_path / "out.pdf")
        return next(block for block in result.pages[0].blocks if block.name == name).copyfit

    under = figures(0).under
    assert under > 0
    assert figures(under).state is FitState.FULL
    assert figures(under + 1).over == 1


def test_the_proof_shows_the_copyfit_and_the_press_file_does_not(tmp_path):
    from PIL import Image

    from broadsheet.render.proof import PROOF_DPI
    from pdfread import all_text
    from snapshots import SNAPSHOT_DPI, render_pages

    out = tmp_path / "sample.pdf"
    result = build_layout(ROOT / "layouts" / "sample.yaml", out, png_dir=tmp_path)
    proof = Image.open(result.pngs[0]).convert("RGB")
    page = result.pages[0]
    scale = PROOF_DPI / 72

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return proof.getpixel((round((x + page.bleed) * scale), round((y + page.bleed) * scale)))

    for block in page.blocks:
        fit = block.copyfit
        left, top, right, bottom = next(box for column in fit.columns for box in column.boxes)
        red, green, blue = pixel((left + right) / 2, (top + bottom) / 2)
        assert blue - red > 40, f"{block.name}: the white at a column foot is not shaded on the proof"
        x, top, bottom = fit.stop
        red, green, blue = pixel(x + 0.75, (top + bottom) / 2)
        assert blue - red > 40, f"{block.name}: no bar where the text stops"
    # The press file carries none of it: the same spot renders white, the figures are not in its text.
    press = render_pages(out)[0]
    for block in page.blocks:
        left, top, right, bottom = next(box for column in block.copyfit.columns for box in column.boxes)
        spot = [round((middle + page.bleed) * SNAPSHOT_DPI / 72) for middle in ((left + right) / 2, (top + bottom) / 2)]
        assert press.getpixel(tuple(spot)) == 255
    text = "".join(all_text(out).split())
    assert all(block.copyfit.summary().replace(" ", "") not in text for block in page.blocks)


def _feet(block) -> list[int]:
    return [column.lines_used for column in block.copyfit.columns]


def test_even_balances_the_columns_to_within_one_line_and_says_so(tmp_path):
    """22 lines in three columns: balanced 8, 8, 6; with fit: {even: true} 8, 7, 7."""
    layout = _page(tmp_path, han(22 * CHARS_PER_LINE - INDENT), lines=30)
    _, plain = _block(layout)
    assert max(_feet(plain)) - min(_feet(plain)) == 2 and plain.copyfit.aids == []
    layout.write_text(layout.read_text(encoding="utf-8") + "    fit: {even: true}\n", encoding="utf-8")
    _, evened = _block(layout)
    assert sum(_feet(evened)) == sum(_feet(plain)) and max(_feet(evened)) - min(_feet(evened)) == 1
    assert evened.copyfit.aids == ["even: the last columns balanced to within one line of each other"]
    assert block_text(tmp_path / "out" / "page.pdf", layout, "fit") == han(22 * CHARS_PER_LINE - INDENT)


def test_fit_names_the_one_line_cuts_and_each_saves_a_line(tmp_path, capsys):
    from broadsheet.cli import main

    short = "农机轰鸣。"   # a paragraph whose last line holds 2 characters after 13 × 3 − 2 = 37
    body = f"{han(37)}{short[:2]}\n\n{han(40)}"
    layout = _page(tmp_path, body)
    main(["build", str(layout), "-o", str(tmp_path / "out" / "page.pdf"), "--fit"])
    out = capsys.readouterr().out
    assert f"  fit: cut 2 character(s) (the last line “{short[:2]}”) from the paragraph at articles/fit.md:5 " \
           "to save a line" in out
    _, before = _block(layout)
    _page(tmp_path, f"{han(37)}\n\n{han(40)}")
    _, after = _block(layout)
    assert after.lines_set == before.lines_set - 1


# In a warm process (watch) the kept Composer starts each copyfit search from
# the block's last figure; the figures must stay exactly those of a cold build.

class _Flows:
    """Counts the whole-block flows copyfit runs (each probe is one)."""

    def __init__(self, monkeypatch):
        import broadsheet.layout.copyfit as copyfit
        self.count = 0
        fits = copyfit._fits

        def counted(run, setter):
            self.count += 1
            return fits(run, setter)
        monkeypatch.setattr(copyfit, "_fits", counted)

    def since(self) -> int:
        count, self.count = self.count, 0
        return count


def _warm(layout: Path, composer):
    result = build_layout(layout, layout.parent.parent / "out" / "page.pdf", composer=composer)
    return result.pages[0].blocks[0].copyfit


def test_a_warm_rebuild_confirms_the_kept_figure_with_two_flows_and_it_stays_exact(tmp_path, monkeypatch):
    from broadsheet.layout.page import Composer
    layout = _page(tmp_path, han(200))
    composer = Composer()
    first = _warm(layout, composer)
    assert first.state is FitState.UNDER and first.under > 40
    flows = _Flows(monkeypatch)
    # 30 characters added: the kept figure less 30, confirmed by two flows (it fits, one more does not).
    _page(tmp_path, han(230))
    edited = _warm(layout, composer)
    assert edited.under == first.under - 30 and flows.since() == 2
    # Exact all the same: the reported figure fills the block, one more oversets by one.
    _page(tmp_path, han(230 + edited.under))
    full = _warm(layout, composer)
    assert full.state is FitState.FULL and flows.since() == 1   # one more does not fit
    _page(tmp_path, han(230 + edited.under + 1))
    over = _warm(layout, composer)
    assert over.state is FitState.OVER and over.over == 1 and flows.since() == 2
    _page(tmp_path, han(230 + edited.under + 37))
    assert _warm(layout, composer).over == 37 and flows.since() == 2
    assert _block(layout)[1].copyfit.over == 37   # as a cold build finds it


def test_an_edit_that_makes_an_earlier_paragraph_a_line_longer_moves_the_figure_a_whole_line(tmp_path, monkeypatch):
    """The first paragraph's last line holds 3 characters: 2 more fit on it
    and the figure stays; 12 more take a new line, and the figure drops by
    the line's 13 characters (not by the 12 added)."""
    from broadsheet.layout.page import Composer
    opening = 3 * CHARS_PER_LINE - INDENT + 3
    layout = _page(tmp_path, f"{han(opening)}\n\n{han(100)}")
    composer = Composer()
    first = _warm(layout, composer)
    flows = _Flows(monkeypatch)
    _page(tmp_path, f"{han(opening + 2)}\n\n{han(100)}")
    assert _warm(layout, composer).under == first.under and flows.since() == 2
    _page(tmp_path, f"{han(opening + 12)}\n\n{han(100)}")
    longer = _warm(layout, composer)
    assert longer.under == first.under - CHARS_PER_LINE and flows.since() == 2
    assert _block(layout)[1].copyfit.under == longer.under


def test_a_cold_build_guesses_from_the_columns_capacity_and_where_the_text_ends(tmp_path, monkeypatch):
    """Plain text in a block with a section lead: the guess is the figure, so two flows find it."""
    flows = _Flows(monkeypatch)
    layout = _page(tmp_path, f"{han(120)}\n\n## 小标题\n\n{han(90)}")
    _, block = _block(layout)
    assert block.copyfit.state is FitState.UNDER and flows.since() == 2
    _page(tmp_path, f"{han(120)}\n\n## 小标题\n\n{han(90 + block.copyfit.under)}")
    assert _block(layout)[1].copyfit.state is FitState.FULL


def test_a_stale_kept_figure_is_found_out_and_the_figure_is_the_cold_one(tmp_path, monkeypatch):
    """The negative control: a kept figure that is wrong only costs flows."""
    from dataclasses import replace

    from broadsheet.layout.copyfit import KeptFigures
    from broadsheet.layout.page import Composer
    layout = _page(tmp_path, han(200))
    composer = Composer()
    _warm(layout, composer)
    kept = KeptFigures.get
    monkeypatch.setattr(KeptFigures, "get", lambda self, run: None if (figure := kept(self, run)) is None
                        else replace(figure, under=figure.under + 7, over=figure.over + 3))
    flows = _Flows(monkeypatch)
    for count in (230, 230 + 5):   # underset, then the next edit from a stale figure again
        _page(tmp_path, han(count))
        warm = _warm(layout, composer)
        assert flows.since() > 2, "the stale figure was taken without the search going on"
        cold = _block(layout)[1].copyfit
        assert (warm.state, warm.under, warm.over) == (cold.state, cold.under, cold.over)
        flows.since()
    full = count + cold.under
    _page(tmp_path, han(full + 2))
    assert _warm(layout, composer).over == 2
    flows.since()
    _page(tmp_path, han(full + 4))   # overset by 4, where the stale figure says 2 + 3 + 2
    warm = _warm(layout, composer)
    assert warm.over == 4 and flows.since() > 2
