"""Supplied advertisements and colour on the page, read back from the PDFs we
write: the agency's PDF placed as a form (its own vectors and type, inside its
space, scaled within 3 %), empty spaces blank in the press file, and the
plates: a red masthead on magenta and yellow only, a 10 % tint, reversed type
knocked out of its band."""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pagecheck import geometry, inside, read_page
from pdfread import page_chars
from PIL import Image, ImageStat
from project import SAMPLE_AD, Project

from broadsheet.build import build_layout, build_moment
from broadsheet.checks.separation import record_page, write_plate
from broadsheet.layout.geometry import Box
from broadsheet.model import Origin
from broadsheet.model.page import Supplied
from broadsheet.source.layout import read_layout
from broadsheet.source.supplied import SuppliedFileError, check_fits
from broadsheet.units import PT_PER_INCH, mm

ROOT = Path(__file__).resolve().parent.parent
PLATE_DPI = 144
CYAN, MAGENTA, YELLOW, BLACK = "Cyan", "Magenta", "Yellow", "Black"
SOLID = 0.9          # a plate this dark (share of full ink) is solid there
CLEAR = 0.02         # this light, no ink
TINT_TOLERANCE = 0.015
# The sample's ad and the words it prints (tools/make_ads.py).
AD_WORDS = "春耕贷助农忙"
# A raster ad's resolution in the test: over the 150 ppi floor, small enough to stay light.
RASTER_AD_DPI = 160


def _layout(name: str):
    return read_layout(ROOT / "layouts" / name)


def _plates(pdf: Path, page_index: int, inks=(CYAN, MAGENTA, YELLOW, BLACK)) -> dict[str, Image.Image]:
    """Each ink's plate of one page as a grey picture (white: no ink), trimmed to the TrimBox, y down."""
    with pikepdf.open(pdf) as source:
        separation = record_page(source.pages[page_index], page_index)
    found = {}
    for ink in inks:
        with pikepdf.open(pdf) as copy:
            write_plate(copy, [separation], ink)
            out = io.BytesIO()
            copy.save(out)
        document = pypdfium2.PdfDocument(out.getvalue())
        try:
            found[ink] = document[page_index].render(scale=PLATE_DPI / PT_PER_INCH, grayscale=True).to_pil()
        finally:
            document.close()
    return found


def _ink(plate: Image.Image, box: Box, bleed: float, stat: str = "mean") -> float:
    """Ink on a plate over a box in layout coordinates (pt from the trim's top-left): 0 none, 1 solid."""
    scale = PLATE_DPI / PT_PER_INCH
    crop = plate.crop(tuple(round((value + bleed) * scale) for value in (box.left, box.top, box.right, box.bottom)))
    if stat == "max":
        return 1 - crop.getextrema()[0] / 255
    return 1 - ImageStat.Stat(crop).mean[0] / 255


def _ink_boxes(chars, size_above: float) -> list[Box]:
    return [Box(c.left, c.top, c.right, c.bottom) for c in chars if c.size > size_above]


# Supplied PDF advertisements ------------------------------------------------

def test_the_ads_own_text_prints_inside_its_space(sample_build):
    pdf, _, _ = sample_build
    layout = _layout("sample.yaml")
    space = geometry(layout).box(layout.ads[0].rect)
    chars = read_page(pdf, layout)
    ad_chars = [c for c in chars if c.char in AD_WORDS and c.size > 30]
    assert AD_WORDS in "".join(c.char for c in ad_chars), "the ad's headline is not on the page"
    assert all(inside(c, [space]) for c in ad_chars)
    details = [c for c in chars if c.char in "随借按日计息" and 12 < c.size < 30]   # the ad's own small type
    assert details and all(inside(c, [space]) for c in details)
    # Where the agency put each headline character, scaled from its 350 × 228 mm onto the space.
    source = [c for c in page_chars(ROOT / SAMPLE_AD) if c.char in AD_WORDS and c.font_size > 30]
    scale_x, scale_y = (space.right - space.left) / mm(350), (space.bottom - space.top) / mm(228)
    placed = sorted((c for c in ad_chars if inside(c, [space])), key=lambda c: c.left)
    assert len(placed) == len(source)
    for theirs, ours in zip(sorted(source, key=lambda c: c.left), placed):
        assert ours.left == pytest.approx(space.left + theirs.left * scale_x, abs=0.5)
        assert ours.top == pytest.approx(space.top + (mm(228) - theirs.top) * scale_y, abs=0.5)


def test_the_ad_is_placed_as_a_form_with_its_vectors_and_fonts(sample_build):
    """A form XObject, not a picture of the ad: paths and text inside, its face embedded."""
    pdf, _, _ = sample_build
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        xobjects = page.Resources.XObject
        forms = [xobject for xobject in xobjects.values() if xobject.Subtype == "/Form"]
        assert len(forms) == 1
        form = forms[0]
        assert not any(x.Subtype == "/Image" for x in form.Resources.get("/XObject", {}).values())
        operators = {str(op.operator) for op in pikepdf.parse_content_stream(form)}
        assert {"c", "re"} <= operators and operators & {"Tj", "TJ"}
        fonts = list(form.Resources.Font.values())
        assert fonts and all("/FontFile2" in font.DescendantFonts[0].FontDescriptor if font.Subtype == "/Type0"
                             else "/FontFile2" in font.FontDescriptor for font in fonts)
        assert not [xobject for xobject in xobjects.values() if xobject.Subtype == "/Image"]


def test_the_ad_is_scaled_onto_its_space_within_three_percent(sample_build):
    """350 × 228 mm into 352.4 × 228.6 mm: the form's trim lands on the space's edges."""
    pdf, _, _ = sample_build
    layout = _layout("sample.yaml")
    space = geometry(layout).box(layout.ads[0].rect)
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        form = next(x for x in page.Resources.XObject.values() if x.Subtype == "/Form")
        matrix = next(op.operands for op in pikepdf.parse_content_stream(page) if str(op.operator) == "cm"
                      and len(op.operands) == 6 and float(op.operands[0]) != 1)
        a, _, _, d, e, f = (float(value) for value in matrix)
        x0, y0, x1, y1 = (float(value) for value in form.BBox)
        media_top = float(page.MediaBox[3])
    bleed = layout.page.bleed
    assert a * x0 + e - bleed == pytest.approx(space.left, abs=0.01)
    assert a * x1 + e - bleed == pytest.approx(space.right, abs=0.01)
    assert media_top - bleed - (d * y1 + f) == pytest.approx(space.top, abs=0.01)
    assert media_top - bleed - (d * y0 + f) == pytest.approx(space.bottom, abs=0.01)
    assert (x1 - x0) == pytest.approx(mm(350), abs=0.01) and 1 < a < 1.03 and 1 < d < 1.03


def _supplied(width_mm: float, height_mm: float) -> Supplied:
    return Supplied(Path("ad.pdf"), "ad.pdf", mm(width_mm), mm(height_mm), Origin("x.yaml", 1, "file"))


@pytest.mark.parametrize("width_mm, height_mm, fits", [
    (100 * 1.029, 50, True), (100 / 1.03 + 0.01, 50 * 0.975, True),
    (100 * 1.031, 50, False), (100, 50 * 0.969, False)])
def test_the_three_percent_rule_both_ways(width_mm, height_mm, fits):
    space = (mm(100), mm(50))
    if fits:
        check_fits(_supplied(width_mm, height_mm), *space, "the space")
    else:
        with pytest.raises(SuppliedFileError, match=r"is \d+\.\d × \d+\.\d mm; the space is 100\.0 × 50\.0 mm"):
            check_fits(_supplied(width_mm, height_mm), *space, "the space")


def test_an_empty_space_prints_nothing_in_the_press_file_but_shows_in_the_proof(tmp_path, monkeypatch, capsys):
    project = Project(tmp_path)
    project.replace("layouts/sample.yaml", f"    file: {SAMPLE_AD}\n", "")
    monkeypatch.chdir(tmp_path)
    result = build_layout(Path("layouts/sample.yaml"), Path("out/page.pdf"), png_dir=Path("out"))
    assert any("开天窗" in str(warning) for warning in result.warnings)
    layout = read_layout(tmp_path / "layouts" / "sample.yaml")
    space = geometry(layout).box(layout.ads[0].rect)
    chars = read_page(tmp_path / "out" / "page.pdf", layout)
    assert not [c for c in chars if inside(c, [space])], "the label 广告 reached the press file"
    plates = _plates(tmp_path / "out" / "page.pdf", 0)
    assert all(_ink(plate, space, layout.page.bleed, "max") < CLEAR for plate in plates.values())
    # The proof shows the outline and the label.
    proof = Image.open(tmp_path / "out" / "page.png").convert("L")
    scale = proof.size[0] / (layout.page.trim_width + 2 * layout.page.bleed)
    crop = proof.crop(tuple(round((v + layout.page.bleed) * scale)
                            for v in (space.left - 2, space.top - 2, space.right + 2, space.bottom + 2)))
    assert crop.getextrema()[0] < 100


# Colour furniture -------------------------------------------------------------

@pytest.fixture(scope="module")
def front_plates(edition_build):
    pdf, _, _ = edition_build
    return _plates(pdf, 0)


def test_the_red_masthead_prints_on_magenta_and_yellow_only(edition_build, front_plates):
    pdf, _, _ = edition_build
    layout = _layout("lead-story.yaml")
    ads = [geometry(layout).box(ad.rect) for ad in layout.ads]
    name = [c for c in read_page(pdf, layout) if c.size > 40 and not inside(c, ads)]
    assert "".join(c.char for c in name) == layout.masthead.paper
    bleed = layout.page.bleed
    for char in name:
        box = Box(char.left, char.top, char.right, char.bottom)
        assert _ink(front_plates[MAGENTA], box, bleed, "max") > SOLID
        assert _ink(front_plates[YELLOW], box, bleed, "max") > SOLID
        assert _ink(front_plates[CYAN], box, bleed, "max") < CLEAR
        assert _ink(front_plates[BLACK], box, bleed, "max") < CLEAR


def test_reversed_type_knocks_out_of_its_band(edition_build, front_plates):
    """The 报眼 title in paper white on a solid red band: the band is solid
    magenta around the characters, and no plate carries ink inside their strokes."""
    pdf, result, _ = edition_build
    layout = _layout("lead-story.yaml")
    page = result.pages[0]
    band = next(fill for fill in page.fills if fill.colour.cmyk == (0, 1, 1, 0))
    band_box = Box(band.x, band.y, band.x + band.width, band.y + band.height)
    white = [run for run in page.runs if run.colour.is_paper]
    assert white and all(band_box.left <= run.x <= band_box.right and band_box.top <= run.baseline <= band_box.bottom
                         for run in white)
    bleed = layout.page.bleed
    margin = Box(band_box.left + 1, band_box.top + 1, band_box.left + 6, band_box.bottom - 1)
    assert _ink(front_plates[MAGENTA], margin, bleed) > SOLID   # the band itself
    title = [c for c in read_page(pdf, layout) if c.char in "一季度重点项目集中开工" and inside(c, [band_box])]
    assert len(title) == len("一季度重点项目集中开工")
    for char in title:
        box = Box(char.left, char.top, char.right, char.bottom)
        # the strokes are paper: part of every character's box has no magenta at all
        crop = front_plates[MAGENTA].crop(_pixels(box, bleed))
        assert crop.getextrema()[1] > 255 * (1 - CLEAR), "no paper-white stroke in the character"
        assert _ink(front_plates[BLACK], box, bleed, "max") < CLEAR


def _pixels(box: Box, bleed: float) -> tuple[int, int, int, int]:
    scale = PLATE_DPI / PT_PER_INCH
    return tuple(round((value + bleed) * scale) for value in (box.left, box.top, box.right, box.bottom))


def test_the_comment_box_is_a_ten_percent_black_tint(edition_build):
    pdf, _, _ = edition_build
    layout = _layout("lead-story-2.yaml")
    block = next(b for b in layout.blocks if b.name == "farm-comment")
    assert block.tint is not None and block.tint.tint == pytest.approx(0.10)
    plates = _plates(pdf, 1)
    area = geometry(layout).box(block.rects[0])
    # The white inside the box rule (one body character) holds no text: the ground alone.
    strip = Box(area.left + 2, area.top + 40, area.left + layout.grid.body_size - 2, area.bottom - 40)
    bleed = layout.page.bleed
    assert _ink(plates[BLACK], strip, bleed) == pytest.approx(0.10, abs=TINT_TOLERANCE)
    for ink in (CYAN, MAGENTA, YELLOW):
        assert _ink(plates[ink], strip, bleed, "max") < CLEAR
    outside = Box(area.left - 6, area.top + 40, area.left - 3, area.bottom - 40)
    assert _ink(plates[BLACK], outside, bleed, "max") < CLEAR


def test_a_spot_masthead_is_a_separation_named_after_its_ink(tmp_path):
    """{spot: 报头红, cmyk: …}: one Separation colour space named /报头红 (UTF-8),
    and the name prints on that plate alone, none of the process plates."""
    from dataclasses import replace

    from broadsheet.build import write_pdf
    from broadsheet.layout.page import compose_pages
    from broadsheet.model.colour import Swatch
    from broadsheet.source.reader import read_articles

    layout = _layout("lead-story.yaml")
    layout.masthead = replace(layout.masthead, colour=Swatch((0.0, 1.0, 1.0, 0.0), spot="报头红"))
    pages = compose_pages([layout], read_articles([layout]))
    out = tmp_path / "spot.pdf"
    write_pdf(pages, out, "spot", build_moment())
    with pikepdf.open(out) as document:
        spaces = [space for space in document.pages[0].Resources.ColorSpace.values()]
        assert [(str(space[0]), str(space[1])) for space in spaces] == [("/Separation", "/报头红")]
    plates = _plates(out, 0, (CYAN, MAGENTA, YELLOW, BLACK, "报头红"))
    name = [c for c in read_page(out, layout) if c.size > 40 and not inside(c, [geometry(layout).box(ad.rect)
                                                                                 for ad in layout.ads])]
    for char in name:
        box = Box(char.left, char.top, char.right, char.bottom)
        assert _ink(plates["报头红"], box, layout.page.bleed, "max") > SOLID
        assert all(_ink(plates[ink], box, layout.page.bleed, "max") < CLEAR for ink in (CYAN, MAGENTA, YELLOW, BLACK))


def _rgb_web_ad(path: Path) -> None:
    """An agency's ad made for the screen: RGB, to the booked 350 × 228 mm."""
    from reportlab.pdfgen.canvas import Canvas
    canvas = Canvas(str(path), pagesize=(mm(350), mm(228)), invariant=1)
    canvas.setFillColorRGB(0.9, 0.1, 0.1)
    canvas.rect(mm(20), mm(20), mm(100), mm(50), stroke=0, fill=1)
    canvas.save()


def test_an_rgb_ad_is_named_by_the_build_and_by_preflight_of_the_page(tmp_path, monkeypatch):
    from broadsheet.checks.preflight import preflight
    project = Project(tmp_path)
    _rgb_web_ad(project.path(SAMPLE_AD))
    monkeypatch.chdir(tmp_path)
    result = build_layout(Path("layouts/sample.yaml"), Path("out/page.pdf"))
    named = [str(w) for w in result.warnings if "rgb-colour" in str(w)]
    assert named == [f"layouts/sample.yaml:47: [ads[0].file] {SAMPLE_AD}: rgb-colour: fill in DeviceRGB 0.9 0.1 0.1 "
                     "(at 20.0 mm, 158.0 mm from the trim's top-left)"]
    report = preflight(tmp_path / "out" / "page.pdf")
    assert any(f.check == "rgb-colour" and "DeviceRGB 0.9 0.1 0.1" in f.message for f in report.findings
               if f.severity.value == "error")


def test_a_raster_ad_goes_through_the_press_pipeline_into_its_space(tmp_path, monkeypatch):
    """A JPEG of 350 × 228 mm (at 160 dpi, to keep the test small): a CMYK image filling the space, no form."""
    project = Project(tmp_path)
    width, height = round(350 / 25.4 * RASTER_AD_DPI), round(228 / 25.4 * RASTER_AD_DPI)
    Image.new("RGB", (width, height), (200, 40, 40)).save(project.path("articles/ads/bank.jpg"),
                                                          dpi=(RASTER_AD_DPI, RASTER_AD_DPI))
    project.replace("layouts/sample.yaml", SAMPLE_AD, "articles/ads/bank.jpg")
    monkeypatch.chdir(tmp_path)
    build_layout(Path("layouts/sample.yaml"), Path("out/page.pdf"))
    layout = read_layout(tmp_path / "layouts" / "sample.yaml")
    space = geometry(layout).box(layout.ads[0].rect)
    with pikepdf.open(tmp_path / "out" / "page.pdf") as document:
        page = document.pages[0]
        images = [x for x in page.Resources.XObject.values() if x.Subtype == "/Image"]
        assert len(images) == 1 and images[0].ColorSpace == "/DeviceCMYK"
        assert not [x for x in page.Resources.XObject.values() if x.Subtype == "/Form"]
    plates = _plates(tmp_path / "out" / "page.pdf", 0)
    inner = Box(space.left + 2, space.top + 2, space.right - 2, space.bottom - 2)
    outer = Box(space.left - 6, space.top - 6, space.left - 3, space.bottom)
    assert _ink(plates[MAGENTA], inner, layout.page.bleed) > 0.5
    assert _ink(plates[MAGENTA], outer, layout.page.bleed, "max") < CLEAR
