"""broadsheet preflight: every check proven both ways on small PDFs made here.

A good file (100% K type in an embedded subset font, overprinting, trim and
bleed boxes, PDF/X-1a keys) passes with no findings; each bad file differs
from it in one fault and must fail with that fault's finding.
"""
from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from broadsheet.checks.limits import Limits
from broadsheet.checks.preflight import preflight
from broadsheet.cli import main
from broadsheet.fonts import load_font_set
from broadsheet.render.pdfx import write_pdfx
from broadsheet.units import mm

TRIM = (mm(120), mm(90))
BLEED = mm(3)
MOMENT = datetime(2024, 1, 1, tzinfo=timezone.utc)
BLACK = (0, 0, 0, 1)
# Inside the trim and well clear of the safe margin (from the trim's bottom-left).
SAFE = (mm(20), mm(40))


def _trim_x(x: float) -> float:
    return BLEED + x


def _trim_y(y: float) -> float:
    return BLEED + y


@pytest.fixture(scope="module")
def font() -> str:
    return load_font_set()["body"].name


def make_pdf(tmp_path, draw=None, *, font: str, name: str = "test", boxes: bool = True, pdfx: bool = True,
             enforce: str | None = "cmyk", default_font: bool = False):
    """A one-page file: the good content, then whatever ``draw(canvas)`` adds."""
    width, height = TRIM[0] + 2 * BLEED, TRIM[1] + 2 * BLEED
    raw = tmp_path / f"{name}.raw.pdf"
    options = {} if default_font else {"initialFontName": font}
    canvas = Canvas(str(raw), pagesize=(width, height), invariant=1, enforceColorSpace=enforce, **options)
    if boxes:
        canvas.setTrimBox((BLEED, BLEED, width - BLEED, height - BLEED))
        canvas.setBleedBox((0, 0, width, height))
    canvas.setFillOverprint(True)
    canvas.setStrokeOverprint(True)
    canvas.setOverprintMask(1)
    canvas.setFillColorCMYK(*BLACK)
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setFont(font, 9)
    canvas.drawString(_trim_x(SAFE[0]), _trim_y(SAFE[1]), "新闻报道")
    canvas.setLineWidth(0.5)
    canvas.line(_trim_x(mm(20)), _trim_y(mm(30)), _trim_x(mm(80)), _trim_y(mm(30)))
    if draw is not None:
        draw(canvas)
    canvas.showPage()
    canvas.save()
    if not pdfx:
        return raw
    out = tmp_path / f"{name}.pdf"
    with pikepdf.open(raw) as pdf:
        write_pdfx(pdf, out, "preflight test", MOMENT)
    return out


def checks(report, severity: str | None = None) -> set[str]:
    return {finding.check for finding in report.findings
            if severity is None or finding.severity.value == severity}


def only(report, check: str) -> list[str]:
    return [finding.message for finding in report.findings if finding.check == check]


def test_good_file_passes(tmp_path, font):
    report = preflight(make_pdf(tmp_path, font=font))
    assert report.findings == [], report.text()
    assert report.summary() == "preflight: 0 errors, 0 warnings"


def test_rgb_text_is_an_error(tmp_path, font):
    def rgb_text(canvas):
        canvas.setFillColorRGB(0.8, 0.1, 0.1)
        canvas.drawString(_trim_x(mm(20)), _trim_y(mm(50)), "红色")
    report = preflight(make_pdf(tmp_path, rgb_text, font=font, enforce=None))
    assert {"rgb-colour", "text-colour"} <= checks(report, "error")
    assert any("DeviceRGB 0.8 0.1 0.1" in message for message in only(report, "rgb-colour"))


def test_rich_black_text_is_not_100_k(tmp_path, font):
    def rich_black(canvas):
        canvas.setFillColorCMYK(0.6, 0.4, 0.4, 1)
        canvas.drawString(_trim_x(mm(20)), _trim_y(mm(50)), "黑")
    report = preflight(make_pdf(tmp_path, rich_black, font=font))
    assert checks(report) == {"text-colour"}
    assert "C=60 M=40 Y=40 K=100" in only(report, "text-colour")[0]


def test_black_text_that_knocks_out_is_a_warning(tmp_path, font):
    def knockout(canvas):
        canvas.setFillOverprint(False)
        canvas.drawString(_trim_x(mm(20)), _trim_y(mm(50)), "字")
    report = preflight(make_pdf(tmp_path, knockout, font=font))
    assert checks(report, "warning") == {"black-knockout"} and report.errors == 0


def test_base14_font_is_not_embedded(tmp_path, font):
    def helvetica(canvas):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(_trim_x(mm(20)), _trim_y(mm(50)), "Page 5")
    report = preflight(make_pdf(tmp_path, helvetica, font=font))
    assert checks(report) == {"font-not-embedded"}
    assert "Helvetica (Type1) is not embedded" in only(report, "font-not-embedded")[0]


def test_stray_initial_font_is_caught_even_unused(tmp_path, font):
    """reportlab's default Helvetica lands in the resources when no initial font is named."""
    report = preflight(make_pdf(tmp_path, font=font, default_font=True))
    assert checks(report) == {"font-not-embedded"}


def test_font_embedded_whole_is_a_warning(tmp_path, font):
    good = make_pdf(tmp_path, font=font)
    with pikepdf.open(good) as pdf:
        for resource in pdf.pages[0].Resources.Font.values():
            name = str(resource.BaseFont).split("+", 1)[1]
            resource.BaseFont = resource.FontDescriptor.FontName = pikepdf.Name("/" + name)
        pdf.save(tmp_path / "whole.pdf")
    report = preflight(tmp_path / "whole.pdf")
    assert checks(report) == {"font-not-subset"} and report.errors == 0


def test_missing_trim_box_is_an_error(tmp_path, font):
    report = preflight(make_pdf(tmp_path, font=font, boxes=False))
    assert checks(report, "error") == {"trim-box"}
    assert checks(report, "warning") == {"bleed-box"}


def test_boxes_must_nest(tmp_path, font):
    good = make_pdf(tmp_path, font=font)
    with pikepdf.open(good) as pdf:
        media = [float(value) for value in pdf.pages[0].MediaBox]
        pdf.pages[0].TrimBox = pikepdf.Array([media[0] - 10, 10, media[2], 100])
        pdf.save(tmp_path / "nest.pdf")
    report = preflight(tmp_path / "nest.pdf")
    assert "box-nesting" in checks(report, "error")


def test_400_percent_black_area_is_over_the_coverage_limit(tmp_path, font):
    def registration_black(canvas):
        canvas.setFillColorCMYK(1, 1, 1, 1)
        canvas.rect(_trim_x(mm(60)), _trim_y(mm(50)), mm(20), mm(20), stroke=0, fill=1)
    report = preflight(make_pdf(tmp_path, registration_black, font=font))
    assert checks(report) == {"tac"}
    message = only(report, "tac")[0]
    assert message.startswith("ink coverage up to 400% on 4") and "over the 240% limit" in message
    # The limit is the user's: at 400% the same page passes.
    assert preflight(tmp_path / "test.pdf", Limits(tac_percent=400)).findings == []


def test_coverage_under_the_limit_passes(tmp_path, font):
    def two_inks(canvas):
        canvas.setFillColorCMYK(1, 1, 0, 0)
        canvas.rect(_trim_x(mm(60)), _trim_y(mm(50)), mm(20), mm(20), stroke=0, fill=1)
    assert preflight(make_pdf(tmp_path, two_inks, font=font)).findings == []


@pytest.mark.parametrize("overprint, expected", [(True, {"tac"}), (False, set())])
def test_overprinting_black_adds_to_the_inks_beneath(tmp_path, font, overprint, expected):
    """A 100% K bar overprinting 200% of C+M makes 300% where they meet; knocked
    out, it replaces them (100%).  The separation must tell the two apart."""
    def bar_over_colour(canvas):
        canvas.setFillColorCMYK(1, 1, 0, 0)
        canvas.rect(_trim_x(mm(60)), _trim_y(mm(50)), mm(20), mm(20), stroke=0, fill=1)
        canvas.setFillOverprint(overprint)
        canvas.setFillColorCMYK(*BLACK)
        canvas.rect(_trim_x(mm(65)), _trim_y(mm(45)), mm(5), mm(30), stroke=0, fill=1)
    report = preflight(make_pdf(tmp_path, bar_over_colour, font=font))
    assert checks(report) == expected
    if overprint:
        assert "up to 300%" in only(report, "tac")[0]


def _separation(pdf: pikepdf.Pdf, name: str) -> pikepdf.Array:
    """Separation /name whose alternate is C = M = Y = K = tint."""
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name("/" + name), pikepdf.Name.DeviceCMYK,
                          pdf.make_indirect(tint)])


# Registration colour (/All) prints on every plate: 400% inside the page, but
# marks outside the BleedBox are not the page and are not measured.
@pytest.mark.parametrize("where, expected", [("slug", set()), ("page", {"tac"})])
def test_registration_colour_counts_only_inside_the_bleed(tmp_path, font, where, expected):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        page = pdf.pages[0]
        x0, y0, x1, y1 = (float(value) for value in page.MediaBox)
        page.MediaBox = page.CropBox = pikepdf.Array([x0 - mm(15), y0 - mm(15), x1 + mm(15), y1 + mm(15)])
        page.Resources.ColorSpace = pikepdf.Dictionary(CSAll=_separation(pdf, "All"))
        corner = f"{-mm(12):.2f} {-mm(12):.2f}" if where == "slug" else f"{mm(60):.2f} {mm(50):.2f}"
        page.contents_add(f"q /CSAll cs 1 scn {corner} {mm(8):.2f} {mm(8):.2f} re f Q".encode())
        pdf.save(tmp_path / "registration.pdf")
    report = preflight(tmp_path / "registration.pdf")
    assert checks(report) == expected
    if expected:
        assert "up to 400%" in only(report, "tac")[0]


@pytest.mark.parametrize("overprint, expected", [("true", {"tac"}), ("false", set())])
def test_a_spot_colour_is_a_plate_of_its_own(tmp_path, font, overprint, expected):
    """A solid spot colour overprinting 200% of C+M makes 300%; knocking out, 100%."""
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        page = pdf.pages[0]
        page.Resources.ColorSpace = pikepdf.Dictionary(CSRed=_separation(pdf, "PANTONE 185 C"))
        page.Resources.ExtGState.GSSpot = pikepdf.Dictionary(op=overprint == "true", OPM=1)
        page.contents_add(b"q 1 1 0 0 k 100 100 60 60 re f /GSSpot gs /CSRed cs 1 scn 120 80 20 100 re f Q")
        pdf.save(tmp_path / "spot.pdf")
    report = preflight(tmp_path / "spot.pdf")
    assert checks(report) == expected
    if expected:
        assert "up to 300%" in only(report, "tac")[0]


@pytest.mark.parametrize("colour, expected", [(b"1 1 1 1 k", {"tac"}), (b"0 0 0 1 k", set())])
def test_an_image_mask_prints_in_the_fill_colour(tmp_path, font, colour, expected):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        page = pdf.pages[0]
        side = 256   # px: 307 ppi at 60 pt
        stencil = pdf.make_stream(bytes(side * side // 8), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                                  Width=side, Height=side, ImageMask=True, BitsPerComponent=1)
        page.Resources.XObject = pikepdf.Dictionary(Mask0=stencil)
        page.contents_add(b"q " + colour + b" 60 0 0 60 150 100 cm /Mask0 Do Q")
        pdf.save(tmp_path / "mask.pdf")
    assert checks(preflight(tmp_path / "mask.pdf")) == expected


def test_forms_are_checked_where_they_are_drawn(tmp_path, font):
    """A form holding RGB and a 400% patch, drawn twice, moved by its own matrix."""
    def form(canvas):
        canvas.beginForm("patch")
        canvas.setFillColorRGB(0.2, 0.4, 0.6)
        canvas.rect(0, 0, mm(5), mm(5), stroke=0, fill=1)
        canvas.setFillColorCMYK(1, 1, 1, 1)
        canvas.rect(mm(5), 0, mm(5), mm(5), stroke=0, fill=1)
        canvas.endForm()
        for x in (mm(50), mm(80)):
            canvas.saveState()
            canvas.translate(_trim_x(x), _trim_y(mm(50)))
            canvas.doForm("patch")
            canvas.restoreState()
    report = preflight(make_pdf(tmp_path, form, font=font, enforce=None))
    assert checks(report) == {"rgb-colour", "tac"}
    assert "2 times" in only(report, "rgb-colour")[0]
    area = float(re.search(r" on ([\d.]+) mm²", only(report, "tac")[0]).group(1))
    assert 2 * 25 <= area < 3 * 25   # both 25 mm² patches (and their anti-aliased edges)


def _cmyk_image(pixels: int):
    picture = Image.new("CMYK", (pixels, pixels), (0, 0, 0, 128))
    buffer = io.BytesIO()
    picture.save(buffer, format="TIFF")
    buffer.seek(0)
    return ImageReader(buffer)


# A 20 mm image is 0.787 in wide: 40 px make 51 ppi, 140 px 178 ppi, 200 px 254 ppi.
@pytest.mark.parametrize("pixels, severity", [(40, "error"), (140, "warning"), (200, None)])
def test_image_resolution(tmp_path, font, pixels, severity):
    def image(canvas):
        canvas.drawImage(_cmyk_image(pixels), _trim_x(mm(60)), _trim_y(mm(50)), mm(20), mm(20))
    report = preflight(make_pdf(tmp_path, image, font=font))
    if severity is None:
        assert report.findings == [], report.text()
    else:
        assert checks(report) == checks(report, severity) == {"image-resolution"}


def test_rgb_image_is_an_error(tmp_path, font):
    def rgb_image(canvas):
        canvas.drawImage(ImageReader(Image.new("RGB", (200, 200), (200, 30, 30))), _trim_x(mm(60)),
                         _trim_y(mm(50)), mm(20), mm(20))
    report = preflight(make_pdf(tmp_path, rgb_image, font=font, enforce=None))
    assert "rgb-colour" in checks(report, "error")
    assert any(message.startswith("image in DeviceRGB") for message in only(report, "rgb-colour"))


def test_tiny_text_is_under_the_minimum_size(tmp_path, font):
    def tiny(canvas):
        canvas.setFont(font, 4)
        canvas.drawString(_trim_x(mm(20)), _trim_y(mm(50)), "小字")
    report = preflight(make_pdf(tmp_path, tiny, font=font))
    assert checks(report) == {"type-size"}
    assert only(report, "type-size")[0].startswith("text at 4.0 pt, under the 5 pt minimum")


def test_type_size_counts_the_text_matrix(tmp_path, font):
    """9 pt type scaled by half prints at 4.5 pt."""
    def scaled(canvas):
        canvas.saveState()
        canvas.scale(0.5, 0.5)
        canvas.drawString(2 * _trim_x(mm(20)), 2 * _trim_y(mm(50)), "缩")
        canvas.restoreState()
    report = preflight(make_pdf(tmp_path, scaled, font=font))
    assert only(report, "type-size")[0].startswith("text at 4.5 pt")


@pytest.mark.parametrize("kind", ["stroke", "filled rectangle"])
def test_hairline_is_an_error(tmp_path, font, kind):
    def hairline(canvas):
        if kind == "stroke":
            canvas.setLineWidth(0.1)
            canvas.line(_trim_x(mm(20)), _trim_y(mm(60)), _trim_x(mm(80)), _trim_y(mm(60)))
        else:
            canvas.rect(_trim_x(mm(20)), _trim_y(mm(60)), mm(60), 0.1, stroke=0, fill=1)
    report = preflight(make_pdf(tmp_path, hairline, font=font))
    assert checks(report) == {"hairline"}
    assert "0.10 pt" in only(report, "hairline")[0]


@pytest.mark.parametrize("x, check", [(mm(-2), "text-outside-trim"), (mm(2), "text-in-margin")])
def test_text_near_or_across_the_trim(tmp_path, font, x, check):
    def near_edge(canvas):
        canvas.drawString(_trim_x(x), _trim_y(mm(50)), "边")
    report = preflight(make_pdf(tmp_path, near_edge, font=font))
    assert checks(report) == {check}
    assert "“边”" in only(report, check)[0]


def test_plain_pdf_lacks_the_pdfx_markers(tmp_path, font):
    report = preflight(make_pdf(tmp_path, font=font, pdfx=False))
    assert checks(report) == {"pdfx-version", "output-intent"}


def test_pdfx_needs_title_dates_trapping_and_an_id(tmp_path, font):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        del pdf.docinfo.Title
        del pdf.docinfo.Trapped
        pdf.save(tmp_path / "info.pdf")
    # pikepdf always writes an ID; rename the trailer key in place (same length, offsets stay valid).
    data = (tmp_path / "info.pdf").read_bytes()
    trailer = data.rindex(b"trailer")
    (tmp_path / "info.pdf").write_bytes(data[:trailer] + data[trailer:].replace(b"/ID", b"/XD", 1))
    report = preflight(tmp_path / "info.pdf")
    assert checks(report) == {"pdfx-info", "document-id"}
    assert sorted(only(report, "pdfx-info")) == ["Trapped is missing; PDF/X needs /True or /False",
                                                 "no Title in the document information (PDF/X requires it)"]


def test_pdf_version_must_match_the_pdfx_version(tmp_path, font):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        pdf.save(tmp_path / "new.pdf", force_version="1.7")
    report = preflight(tmp_path / "new.pdf")
    assert checks(report) == {"pdf-version"}


def test_output_intent_needs_a_condition(tmp_path, font):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        intent = pdf.Root.OutputIntents[0]
        del intent.RegistryName
        del intent.OutputConditionIdentifier
        pdf.save(tmp_path / "intent.pdf")
    assert len(only(preflight(tmp_path / "intent.pdf"), "output-intent")) == 2


def test_transparency_is_an_error(tmp_path, font):
    def half_opaque(canvas):
        canvas.setFillAlpha(0.5)
        canvas.rect(_trim_x(mm(60)), _trim_y(mm(50)), mm(10), mm(10), stroke=0, fill=1)
    report = preflight(make_pdf(tmp_path, half_opaque, font=font))
    assert checks(report) == {"transparency"}
    assert only(report, "transparency") == ["a graphics state sets opacity ca 0.5"]


def test_device_independent_colour_is_an_error(tmp_path, font):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        page = pdf.pages[0]
        page.Resources.ColorSpace = pikepdf.Dictionary(
            CSLab=pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])]))
        page.contents_add(b"q /CSLab cs 50 20 20 sc 100 100 20 20 re f Q")
        pdf.save(tmp_path / "lab.pdf")
    report = preflight(tmp_path / "lab.pdf")
    assert "colour-space" in checks(report, "error")
    assert "tac-unmeasured" in checks(report, "warning")


def _rgb_shading(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    function = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
    return pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
                              Function=pdf.make_indirect(function))


@pytest.mark.parametrize("use, content", [
    ("shading", b"q 100 100 40 40 re W n /Sh0 sh Q"),
    ("fill pattern", b"q /Pattern cs /P0 scn 100 100 40 40 re f Q"),
])
def test_rgb_gradient_is_an_error(tmp_path, font, use, content):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        page = pdf.pages[0]
        shading = _rgb_shading(pdf)
        page.Resources.Shading = pikepdf.Dictionary(Sh0=shading)
        page.Resources.Pattern = pikepdf.Dictionary(P0=pikepdf.Dictionary(PatternType=2, Shading=shading))
        page.contents_add(content)
        pdf.save(tmp_path / "gradient.pdf")
    report = preflight(tmp_path / "gradient.pdf")
    assert checks(report) == {"rgb-colour", "tac-unmeasured"}
    assert only(report, "rgb-colour")[0].startswith(f"{use} in DeviceRGB")


@pytest.mark.parametrize("content", [b"not a pdf at all", None])
def test_unreadable_file_is_a_structure_error(tmp_path, content):
    path = tmp_path / "broken.pdf"
    if content is not None:
        path.write_bytes(content)
    report = preflight(path)
    assert checks(report) == {"structure"} and report.errors == 1


def test_damaged_file_is_a_structure_error(tmp_path, font):
    data = make_pdf(tmp_path, font=font).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:len(data) * 2 // 3])
    report = preflight(tmp_path / "cut.pdf")
    assert any(message.startswith("the file is damaged") for message in only(report, "structure"))


def test_malformed_content_is_reported_not_crashed_on(tmp_path, font):
    with pikepdf.open(make_pdf(tmp_path, font=font)) as pdf:
        pdf.pages[0].contents_add(b"q 1 2 cm Q")     # cm takes six numbers
        pdf.save(tmp_path / "malformed.pdf")
    report = preflight(tmp_path / "malformed.pdf")
    assert checks(report) == {"structure"}
    assert any(finding.page == 1 and finding.message.startswith("the content cannot be checked")
               for finding in report.findings)


def test_command_line_prints_one_line_per_finding_and_fails_on_errors(tmp_path, font, capsys):
    bad = make_pdf(tmp_path, font=font, boxes=False)
    assert main(["preflight", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "preflight: 1 errors, 1 warnings"
    assert lines[0].startswith("error: page 1: trim-box: no TrimBox")
    assert lines[1].startswith("warning: page 1: bleed-box:")


def test_command_line_json(tmp_path, font, capsys):
    good = make_pdf(tmp_path, font=font)
    assert main(["preflight", str(good), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["errors"], result["warnings"], result["findings"]) == (0, 0, [])
    assert main(["preflight", str(make_pdf(tmp_path, font=font, name="bad", boxes=False)), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {(finding["severity"], finding["check"], finding["page"]) for finding in findings} == {
        ("error", "trim-box", 1), ("warning", "bleed-box", 1)}


def test_command_line_limits(tmp_path, font, capsys):
    def small(canvas):
        canvas.setFont(font, 6)
        canvas.drawString(_trim_x(mm(20)), _trim_y(mm(50)), "六")
    path = make_pdf(tmp_path, small, font=font)
    assert main(["preflight", str(path)]) == 0
    assert main(["preflight", str(path), "--min-type", "7"]) == 1
    assert "type-size" in capsys.readouterr().out
