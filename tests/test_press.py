"""Press-ready output: what we write is CMYK 100% K, overprinting, boxed, PDF/X-1a,
embedded and subset, reproducible to the byte, and replaced only by a build that
succeeded.  Every claim is read back from the PDF itself."""
from __future__ import annotations

import dataclasses
import os
import re
from datetime import datetime, timezone

import pikepdf
import pypdfium2
import pytest

import broadsheet.render.pdf as render_pdf
from broadsheet.build import build_layout, write_pdf
from broadsheet.checks.limits import DEFAULT_WARN_PPI
from broadsheet.checks.preflight import preflight
from broadsheet.errors import BuildError
from broadsheet.layout.display import Rule
from broadsheet.units import mm

TRIM_MM = (390, 550)
BLEED_MM = 3
# Crop and registration marks: 2 mm gap outside the bleed, 5 mm marks, 2 mm to the sheet edge.
MARKS_BAND_MM = 2 + 5 + 2
BOX_TOLERANCE_PT = 0.01
MOMENT = datetime(2024, 1, 1, tzinfo=timezone.utc)
SUBSET = re.compile(r"^/[A-Z]{6}\+")
QUIET_ZONE_MODULES = 4
QR_CHECK_DPI = 150
ANTIALIAS_PX = 1      # the pixel next to a module edge may be grey
PAPER_WHITE = 250


@pytest.fixture(scope="module")
def marked(root, tmp_path_factory):
    """The sample page built with --marks."""
    out = tmp_path_factory.mktemp("marks") / "sample-marks.pdf"
    build_layout(root / "layouts" / "sample.yaml", out, marks=True)
    return out


def _box(page, key):
    return [float(value) for value in page.obj[key]]


def _close(first, second):
    return all(abs(a - b) <= BOX_TOLERANCE_PT for a, b in zip(first, second))


def test_sample_page_passes_preflight(sample_build):
    pdf, _, _ = sample_build
    report = preflight(pdf)
    assert (report.errors, report.warnings) == (0, 0), report.text()


def test_sample_page_with_marks_passes_preflight(marked):
    report = preflight(marked)
    assert (report.errors, report.warnings) == (0, 0), report.text()


def test_edition_pages_pass_preflight(root, tmp_path):
    """The other pages we ship: the edition, combined and page by page.  Its
    photographs (articles/images, 512–1000 pixels across) print at 152–296
    ppi: the preflight warns of those under 200 ppi, and of nothing else; the
    build reports the same effective resolution as the preflight measures."""
    out = tmp_path / "edition.pdf"
    result = build_layout(root / "layouts" / "edition.yaml", out)
    built_ppi = sorted(round(picture.ppi) for page in result.pages for picture in page.pictures)
    for pdf in [out, *result.page_pdfs]:
        report = preflight(pdf)
        assert report.errors == 0, f"{pdf.name}:\n{report.text()}"
        others = [finding for finding in report.findings if finding.check != "image-resolution"]
        assert others == [], f"{pdf.name}:\n{report.text()}"
    measured = sorted(int(re.search(r"at (\d+) ppi", finding.message).group(1))
                      for finding in preflight(out).findings)
    assert measured == [ppi for ppi in built_ppi if ppi < DEFAULT_WARN_PPI] and len(measured) >= 3


def test_every_colour_is_100_k_in_devicecmyk(sample_build):
    pdf, _, _ = sample_build
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            colours = [(str(op.operator), [float(value) for value in op.operands])
                       for op in pikepdf.parse_content_stream(page)
                       if str(op.operator) in {"g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN"}]
            assert colours and set(name for name, _ in colours) <= {"k", "K"}
            assert all(values == [0, 0, 0, 1] for _, values in colours)
            assert "/ColorSpace" not in page.Resources   # no separations without marks
            images = [x for x in page.Resources.get("/XObject", {}).values() if x.Subtype == "/Image"]
            assert images == []


def test_black_overprints_with_overprint_mode_1(sample_build):
    """The states set before any drawing: fill and stroke overprint, mode 1."""
    pdf, _, _ = sample_build
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        states = page.Resources.ExtGState
        operators = pikepdf.parse_content_stream(page)
        first_paint = next(i for i, op in enumerate(operators) if str(op.operator) in {"S", "f", "f*", "BT"})
        used = {str(op.operands[0]) for op in operators[:first_paint] if str(op.operator) == "gs"}
        merged = {}
        for name in used:
            merged.update({str(key): value for key, value in states[name].items()})
        assert merged == {"/op": True, "/OP": True, "/OPM": 1}


def test_fonts_are_embedded_subsets_and_no_helvetica(sample_build):
    pdf, _, _ = sample_build
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            fonts = list(page.Resources.Font.values())
            assert fonts
            for font in fonts:
                assert SUBSET.match(str(font.BaseFont)), font.BaseFont
                assert "Helvetica" not in str(font.BaseFont)
                assert "/FontFile2" in font.FontDescriptor


def test_qr_codes_keep_a_quiet_zone_of_four_modules(sample_build):
    """Rendered, the ring four modules wide around each code is paper white;
    the code itself is not (so the ring is looked for in the right place)."""
    pdf, result, _ = sample_build
    page = result.pages[0]
    assert page.qr_codes
    scale = QR_CHECK_DPI / 72
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        picture = document[0].render(scale=scale, grayscale=True).to_pil()
    finally:
        document.close()
    for mark in page.qr_codes:
        def pixels(inset_modules: float) -> tuple[int, int, int, int]:
            """The code's box grown by ``inset_modules`` (negative: shrunk), in pixels."""
            grow = -inset_modules * mark.module
            left = (page.bleed + mark.x - grow) * scale
            top = (page.bleed + mark.y - grow) * scale
            side = (mark.size + 2 * grow) * scale
            return round(left), round(top), round(left + side), round(top + side)
        ring = picture.crop(pixels(-QUIET_ZONE_MODULES))
        code = pixels(0)
        width, height = ring.size
        margin = round(QUIET_ZONE_MODULES * mark.module * scale) - ANTIALIAS_PX
        inner = (margin, margin, width - margin, height - margin)
        ring_only = [value for y in range(height) for x in range(width)
                     if not (inner[0] <= x < inner[2] and inner[1] <= y < inner[3])
                     for value in [ring.getpixel((x, y))]]
        assert min(ring_only) >= PAPER_WHITE
        assert picture.crop(code).getextrema()[0] < PAPER_WHITE


def test_trim_and_bleed_boxes(sample_build):
    pdf, _, _ = sample_build
    bleed = mm(BLEED_MM)
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            trim = _box(page, "/TrimBox")
            assert _close([trim[2] - trim[0], trim[3] - trim[1]], [mm(TRIM_MM[0]), mm(TRIM_MM[1])])
            assert _close(_box(page, "/BleedBox"), [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed,
                                                    trim[3] + bleed])
            # Without marks the sheet is the bleed: nothing more to cut away.
            assert _close(_box(page, "/MediaBox"), _box(page, "/BleedBox"))


def test_marks_grow_the_sheet_and_stay_outside_the_bleed(marked, sample_build):
    band = mm(MARKS_BAND_MM)
    with pikepdf.open(marked) as document, pikepdf.open(sample_build[0]) as plain:
        page, unmarked = document.pages[0], plain.pages[0]
        media, bleed = _box(page, "/MediaBox"), _box(page, "/BleedBox")
        assert _close([media[2] - media[0], media[3] - media[1]],
                      [bleed[2] - bleed[0] + 2 * band, bleed[3] - bleed[1] + 2 * band])
        trim, plain_trim = _box(page, "/TrimBox"), _box(unmarked, "/TrimBox")
        assert _close([trim[2] - trim[0], trim[3] - trim[1]],
                      [plain_trim[2] - plain_trim[0], plain_trim[3] - plain_trim[1]])
        space = page.Resources.ColorSpace.All
        assert [space[0], space[1], space[2]] == [pikepdf.Name.Separation, pikepdf.Name.All,
                                                  pikepdf.Name.DeviceCMYK]
        points, in_marks = [], False
        for op in pikepdf.parse_content_stream(page):
            operator = str(op.operator)
            if operator == "CS":
                in_marks = str(op.operands[0]) == "/All"
            elif in_marks and operator in {"m", "l", "c"}:
                values = [float(value) for value in op.operands]
                points += list(zip(values[0::2], values[1::2]))
        assert len(points) > 20
        x0, y0, x1, y1 = bleed
        assert not [(x, y) for x, y in points if x0 < x < x1 and y0 < y < y1]


def test_pdfx_1a_keys(sample_build):
    pdf, _, _ = sample_build
    assert pdf.read_bytes().startswith(b"%PDF-1.4\n")
    with pikepdf.open(pdf) as document:
        info = document.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-1a:2003"
        assert "/GTS_PDFXConformance" not in info        # an X-1a:2001 key
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Title) and str(info.CreationDate) == str(info.ModDate) == "D:20230307000000Z"
        [intent] = document.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "IFRA26"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert len(document.trailer.ID) == 2


def test_two_builds_give_the_same_bytes(sample_build, root, tmp_path):
    again = tmp_path / "again.pdf"
    build_layout(root / "layouts" / "sample.yaml", again)
    assert again.read_bytes() == sample_build[0].read_bytes()


def test_a_different_date_gives_different_bytes(sample_build, root, tmp_path):
    """Negative control for the test above: the comparison sees a change."""
    other = tmp_path / "other.pdf"
    build_layout(root / "layouts" / "sample.yaml", other, date="2024-01-01")
    assert other.read_bytes() != sample_build[0].read_bytes()


def test_a_rule_under_the_minimum_width_is_a_build_error(sample_build, tmp_path):
    page = dataclasses.replace(sample_build[1].pages[0], rules=[Rule(0, 0, 100, 0, 0.1)])
    with pytest.raises(BuildError, match="0.1 pt is thinner than the press minimum of 0.25 pt"):
        write_pdf([page], tmp_path / "thin.pdf", "thin", MOMENT)


@pytest.fixture
def previous(sample_build, tmp_path):
    """A good PDF already in place, as the last build left it."""
    out = tmp_path / "page.pdf"
    write_pdf(sample_build[1].pages, out, "previous", MOMENT)
    return out, out.read_bytes()


def _fail_on_second_page(monkeypatch, error: type[BaseException]):
    drawn = []
    draw = render_pdf._draw_page

    def draw_then_fail(canvas, page, size, *rest):
        if drawn:
            raise error("killed halfway")
        drawn.append(page)
        draw(canvas, page, size, *rest)
    monkeypatch.setattr(render_pdf, "_draw_page", draw_then_fail)


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_build_killed_halfway_leaves_the_previous_pdf(previous, sample_build, monkeypatch, error):
    out, before = previous
    _fail_on_second_page(monkeypatch, error)
    page = sample_build[1].pages[0]
    with pytest.raises(error):
        write_pdf([page, page], out, "next", MOMENT)
    assert out.read_bytes() == before
    assert sorted(path.name for path in out.parent.iterdir()) == ["page.pdf"]   # no temporary left


def test_a_failure_while_finishing_leaves_the_previous_pdf(previous, sample_build, monkeypatch):
    out, before = previous

    def half_written(pdf, target, title, moment, output_profile=None):
        pdf.save(target)
        target.write_bytes(target.read_bytes()[:1000])
        raise OSError("disk full")
    monkeypatch.setattr("broadsheet.build.write_pdfx", half_written)
    with pytest.raises(BuildError, match=f"cannot write {out}: disk full"):
        write_pdf(sample_build[1].pages, out, "next", MOMENT)
    assert out.read_bytes() == before
    assert sorted(path.name for path in out.parent.iterdir()) == ["page.pdf"]


def test_a_successful_build_does_replace_the_pdf(previous, sample_build):
    """Negative control: the file the tests above protect does change when the build succeeds."""
    out, before = previous
    write_pdf(sample_build[1].pages, out, "next", MOMENT)
    assert out.read_bytes() != before
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
