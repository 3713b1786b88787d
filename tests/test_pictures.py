"""Pictures read back from the PDF: frames, colour spaces, resolution, captions,
text wrap, ink, and the plates they print on."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from PIL import Image, ImageChops
from pagecheck import read_page
from project import ROOT, Project

from broadsheet.build import build_layout
from broadsheet.checks.separation import record_page, write_plate
from broadsheet.errors import SourceError
from broadsheet.layout.columns import STANDOFF_LINES
from broadsheet.layout.geometry import Box, PageGeometry
from broadsheet.layout.pictures import caption_text
from broadsheet.checks.limits import DEFAULT_TAC_PERCENT
from broadsheet.model.page import LayoutSpec, PictureSpec
from broadsheet.press.separate import max_coverage
from broadsheet.source.layout import read_layout

LAYOUTS = [ROOT / "layouts" / "lead-story.yaml", ROOT / "layouts" / "lead-story-2.yaml"]
TOLERANCE_PT = 0.05
COLOUR_SPACES = {pdfium.FPDF_COLORSPACE_DEVICEGRAY: "DeviceGray", pdfium.FPDF_COLORSPACE_DEVICECMYK: "DeviceCMYK"}
PLATE_DPI = 36
INKS = ("Cyan", "Magenta", "Yellow", "Black")
BYTE_MAX = 255


def pictures_of(layout: LayoutSpec) -> list[PictureSpec]:
    return [*layout.pictures, *(picture for block in layout.blocks for picture in block.pictures)]


def placed_images(pdf: Path, layout: LayoutSpec, page_number: int) -> list[tuple[Box, int, int, float, str]]:
    """Each image drawn on the page: its box (layout coordinates), pixels, effective ppi, colour space."""
    bleed, media_height = layout.page.bleed, layout.page.trim_height + 2 * layout.page.bleed
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        found = []
        for image in document[page_number].get_objects(filter=(pdfium.FPDF_PAGEOBJ_IMAGE,)):
            left, bottom, right, top = image.get_bounds()
            meta = image.get_metadata()
            found.append((Box(left - bleed, media_height - bleed - top, right - bleed, media_height - bleed - bottom),
                          meta.width, meta.height, meta.horizontal_dpi, COLOUR_SPACES.get(meta.colorspace, "other")))
        return found
    finally:
        document.close()


def same_box(a: Box, b: Box) -> bool:
    return all(abs(x - y) <= TOLERANCE_PT for x, y in zip((a.left, a.top, a.right, a.bottom),
                                                          (b.left, b.top, b.right, b.bottom)))


def inside(box: Box, area: Box) -> bool:
    return (area.left - TOLERANCE_PT <= box.left and box.right <= area.right + TOLERANCE_PT
            and area.top - TOLERANCE_PT <= box.top and box.bottom <= area.bottom + TOLERANCE_PT)


@pytest.fixture(scope="module")
def edition(edition_build):
    pdf, result, _ = edition_build
    layouts = [read_layout(path) for path in LAYOUTS]
    return pdf, result, layouts


def test_every_picture_prints_in_its_frame_as_reported(edition):
    """Each image lies inside its picture's area, above its caption, in
    DeviceGray or DeviceCMYK, with the pixels and effective ppi the build reported."""
    pdf, result, layouts = edition
    checked = 0
    for number, (page, layout) in enumerate(zip(result.pages, layouts)):
        geometry = PageGeometry(layout.page, layout.grid)
        images = placed_images(pdf, layout, number)
        assert len(images) == len(page.pictures) == len(pictures_of(layout))
        for spec, report in zip(pictures_of(layout), page.pictures):
            box, width, height, ppi, space = next(image for image in images if same_box(image[0], Box(*report.box)))
            area = geometry.box(spec.rect)
            caption_top = geometry.line_top(spec.rect.last_line - report.caption_lines + 1)
            assert inside(box, Box(area.left, area.top, area.right, caption_top)), spec.display
            assert (width, height) == report.pixels
            assert ppi == pytest.approx(report.ppi, abs=0.1)
            assert ppi == pytest.approx(width / ((box.right - box.left) / 72), abs=0.1)
            assert space == report.colour
            checked += 1
    assert checked == 5
    grey = [picture for page in result.pages for picture in page.pictures if picture.colour == "DeviceGray"]
    assert [picture.file for picture in grey] == ["articles/images/camera.png"]


def test_images_are_press_ready_xobjects(edition):
    """JPEG (DCT) image XObjects in DeviceCMYK or DeviceGray, 8 bits, no soft
    mask, and every pixel within the ink limit as the press decodes it."""
    pdf, _, _ = edition
    with pikepdf.open(pdf) as document:
        images = {image.objgen: image for page in document.pages
                  for image in page.Resources.get("/XObject", {}).values() if image.Subtype == "/Image"}
        assert len(images) == 5
        for image in images.values():
            assert image.ColorSpace in ("/DeviceCMYK", "/DeviceGray") and image.BitsPerComponent == 8
            assert image.Filter == "/DCTDecode" and "/SMask" not in image
            pixels = pikepdf.PdfImage(image).as_pil_image()
            if pixels.mode == "CMYK":
                assert max_coverage(pixels) <= DEFAULT_TAC_PERCENT
                assert max_coverage(pixels) > DEFAULT_TAC_PERCENT - 5   # the photos reach it: the limit acted


def test_captions_stand_under_their_pictures(edition):
    """The caption and its credit, read back, on whole grid lines under the
    image and inside the picture's area."""
    pdf, result, layouts = edition
    for number, (page, layout) in enumerate(zip(result.pages, layouts)):
        geometry = PageGeometry(layout.page, layout.grid)
        chars = read_page(pdf, layout, number)
        for spec, report in zip(pictures_of(layout), page.pictures):
            area = geometry.box(spec.rect)
            image_bottom = report.box[3]
            under = [c for c in chars if area.left <= c.centre_x <= area.right and image_bottom <= c.top
                     and c.bottom <= area.bottom + TOLERANCE_PT]
            assert "".join(c.char for c in under) == caption_text(spec.caption, spec.credit).replace(" ", "")
            baselines = sorted({round(c.baseline, 2) for c in under})
            first = spec.rect.last_line - report.caption_lines + 1
            assert baselines == [round(geometry.baseline(line), 2) for line in range(first, spec.rect.last_line + 1)]
            assert all(c.font == "BroadsheetKai-Regular" for c in under)


def test_no_character_prints_inside_a_picture(edition):
    pdf, result, layouts = edition
    for number, layout in enumerate(layouts):
        boxes = [image[0] for image in placed_images(pdf, layout, number)]
        chars = read_page(pdf, layout, number)
        inked = [c for c in chars for box in boxes
                 if c.right > box.left and c.left < box.right and c.bottom > box.top and c.top < box.bottom]
        assert inked == []


def test_the_lead_story_runs_round_its_picture(edition):
    """Columns 3–4 of the lead story hold text above the picture, a blank
    line clear of it; columns 1–2 beside it run on down past it."""
    pdf, _, layouts = edition
    layout = layouts[0]
    geometry = PageGeometry(layout.page, layout.grid)
    spec = next(block for block in layout.blocks if block.name == "lead")
    picture = spec.pictures[0].rect
    chars = [c for c in read_page(pdf, layout, 0) if c.size == layout.grid.body_size]
    covered = [c for c in chars if geometry.column_x(picture.first_column) <= c.centre_x
               <= geometry.column_right(picture.last_column) and c.baseline < geometry.line_top(picture.last_line + 1)
               and c.baseline > geometry.line_top(spec.rects[0].first_line)]
    above = [c for c in covered if c.baseline < geometry.line_top(picture.first_line)]
    assert len(above) > 2 * 2 * 13, "no text above the picture in its columns"
    assert max(c.baseline for c in above) <= geometry.baseline(picture.first_line - STANDOFF_LINES - 1) + 0.01
    beside = [c for c in chars if geometry.column_x(1) <= c.centre_x <= geometry.column_right(2)
              and geometry.line_top(picture.first_line) < c.baseline < geometry.line_top(picture.last_line + 1)]
    assert len(beside) > 2 * (picture.last_line - picture.first_line) * 10


def _plates(pdf: Path, page_index: int) -> dict[str, Image.Image]:
    """Each process ink's plate of one page, rendered grey (dark = ink)."""
    source = pdf.read_bytes()
    with pikepdf.open(io.BytesIO(source)) as document:
        separations = [record_page(page, index) for index, page in enumerate(document.pages)]
    rendered = {}
    for ink in INKS:
        with pikepdf.open(io.BytesIO(source)) as copy:
            write_plate(copy, separations, ink)
            out = io.BytesIO()
            copy.save(out)
        document = pypdfium2.PdfDocument(out.getvalue())
        try:
            rendered[ink] = document[page_index].render(scale=PLATE_DPI / 72, grayscale=True).to_pil().convert("L")
        finally:
            document.close()
    return rendered


def _crop(plate: Image.Image, layout: LayoutSpec, box: tuple[float, float, float, float]) -> Image.Image:
    scale = PLATE_DPI / 72
    bleed = layout.page.bleed
    inset = 2   # pixels: anti-aliased edges belong to neighbours
    return plate.crop((round((box[0] + bleed) * scale) + inset, round((box[1] + bleed) * scale) + inset,
                       round((box[2] + bleed) * scale) - inset, round((box[3] + bleed) * scale) - inset))


def test_separations_grey_photo_on_black_only_colour_photos_within_the_limit(edition):
    pdf, result, layouts = edition
    grey_page = _plates(pdf, 0)
    [grey] = result.pages[0].pictures
    inks = {ink: _crop(plate, layouts[0], grey.box).getextrema()[0] for ink, plate in grey_page.items()}
    assert inks["Cyan"] == inks["Magenta"] == inks["Yellow"] == BYTE_MAX, "the grey photo prints on C, M or Y"
    assert inks["Black"] < BYTE_MAX // 4
    colour_page = _plates(pdf, 1)
    for picture in result.pages[1].pictures:
        plates = [ImageChops.invert(_crop(colour_page[ink], layouts[1], picture.box)) for ink in INKS]
        assert all(plate.getextrema()[1] > 0 for plate in plates[:3]), picture.file   # the colour is there
        total = Image.merge("CMYK", plates)
        assert max_coverage(total) <= DEFAULT_TAC_PERCENT + 1.0, picture.file   # 8-bit plates round


# 压题图 and the rules a block's picture keeps, on a copy of the sample page.

XIANNING_FRAME = "    frame: {columns: [1, 8], lines: [28, 53]}\n"


def picture_in_xianning(project: Project, entry: str) -> Path:
    """The sample layout with a picture entry in its second block (lines 28–53)."""
    project.replace("layouts/sample.yaml", XIANNING_FRAME, f"{XIANNING_FRAME}    pictures:\n      - {entry}\n")
    return project.path("layouts/sample.yaml")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    project = Project(tmp_path)
    (tmp_path / "images").mkdir()
    Image.radial_gradient("L").resize((2000, 1000)).convert("RGB").save(tmp_path / "images" / "photo.jpg")
    monkeypatch.chdir(tmp_path)
    return project


def test_a_picture_on_the_first_line_sits_over_the_title(project):
    """压题图: the title goes under the picture and its caption, a blank line clear."""
    path = picture_in_xianning(project, "{file: images/photo.jpg, columns: [1, 8], lines: [28, 34], "
                                        "caption: 压题图的说明。, credit: 本报记者 王磊 摄}")
    layout = read_layout(path)
    pdf = project.path("out.pdf")
    result = build_layout(path, pdf)
    geometry = PageGeometry(layout.page, layout.grid)
    picture_bottom = geometry.line_top(35)
    [report] = result.pages[0].pictures
    assert report.box[1] == pytest.approx(geometry.line_top(28))
    title_size = layout.blocks[1].head.title.size
    block_box = geometry.box(layout.blocks[1].rects[0])
    titles = [c for c in read_page(pdf, layout) if c.size == title_size and c.top > block_box.top - 1]
    assert titles and min(c.top for c in titles) >= picture_bottom + geometry.grid.line_pitch * STANDOFF_LINES - 1


def test_a_picture_over_part_of_the_title_is_refused(project):
    path = picture_in_xianning(project, "{file: images/photo.jpg, columns: [1, 3], lines: [28, 40]}")
    with pytest.raises(SourceError, match=r"spans the title's columns 1–8, not 1–3") as error:
        read_layout(path)
    assert error.value.field == "blocks[1].pictures[0].columns" and error.value.line == 39


def test_a_100_megapixel_jpeg_is_read_in_bounded_memory(tmp_path):
    """A 10,000 × 10,000 greyscale JPEG for a three-column frame is decoded
    at a quarter of its size: the process grows far less than the 100 MB its
    full decode would take."""
    path = tmp_path / "huge.jpg"
    Image.linear_gradient("L").resize((10_000, 10_000)).save(path, quality=75)
    script = ("import resource, sys; from pathlib import Path; from broadsheet.press.images import prepare_image\n"
              "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "prepared = prepare_image(Path(sys.argv[1]), 369, 369)\n"
              "print(prepared.pixel_width, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before,"
              " prepared.warnings[0])\n")
    width, grown_kb, warning = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                                              text=True, check=True).stdout.split(" ", 2)
    assert int(width) == round(369 / 72 * 300)
    assert int(grown_kb) < 50_000, f"{int(grown_kb) // 1024} MB"
    assert "100 MP" in warning and "decoded at 1/4" in warning


def test_same_edition_same_bytes(edition_build, tmp_path):
    """Photographs included, the edition builds to identical bytes."""
    pdf, _, _ = edition_build
    again = tmp_path / "again.pdf"
    build_layout(ROOT / "layouts" / "edition.yaml", again)
    assert again.read_bytes() == pdf.read_bytes()


def test_proofs_show_the_photographs_in_colour(edition, tmp_path):
    """The PNG proofs show the colour photographs in colour and the grey one grey."""
    from broadsheet.render.proof import PROOF_DPI, render_png
    pdf, result, layouts = edition
    targets = [tmp_path / f"proof-{number}.png" for number in range(1, len(result.pages) + 1)]
    render_png(pdf, targets)
    scale = PROOF_DPI / 72
    for page, layout, target in zip(result.pages, layouts, targets):
        proof = Image.open(target).convert("RGB")
        bleed = layout.page.bleed
        for picture in page.pictures:
            x0, y0, x1, y1 = ((value + bleed) * scale for value in picture.box)
            red, green, blue = proof.crop((round(x0) + 2, round(y0) + 2, round(x1) - 2, round(y1) - 2)).split()
            spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(red, green), blue),
                                         ImageChops.darker(ImageChops.darker(red, green), blue)).getextrema()[1]
            assert (spread < 16) if picture.colour == "DeviceGray" else (spread > 64), picture.file
