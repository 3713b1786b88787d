"""Preflight: annotations on the printed page and actions are PDF/X errors,
each proven both ways on the good one-page file of test_preflight.py (the
fault added → its error; the same file without it → no finding)."""
from __future__ import annotations

import pikepdf
import pytest

from broadsheet.checks.preflight import preflight
from broadsheet.units import mm
from test_preflight import BLEED, TRIM, checks, font, make_pdf, only  # noqa: F401 — font is a fixture

URL = "https://example.com/broadsheet/chenzhou"
# A rectangle on the printed page, and one in the pasteboard well outside the sheet.
INSIDE = (BLEED + mm(20), BLEED + mm(20), BLEED + mm(60), BLEED + mm(30))
OUTSIDE = (-mm(40), -mm(40), -mm(20), -mm(30))


def _edited(tmp_path, font, edit, name: str = "edited"):
    """The good file, changed by ``edit(pdf)`` after PDF/X finishing."""
    good = make_pdf(tmp_path, font=font)
    out = tmp_path / f"{name}.pdf"
    with pikepdf.open(good) as pdf:
        edit(pdf)
        pdf.save(out)
    return out


def _annotation(pdf: pikepdf.Pdf, rect, subtype: str = "/Link", **entries) -> pikepdf.Dictionary:
    annotation = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name(subtype),
                                                      Rect=pikepdf.Array(rect), **entries))
    page = pdf.pages[0].obj
    page.Annots = pikepdf.Array([*page.get("/Annots", []), annotation])
    return annotation


def _uri(url: str = URL) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(url))


def _javascript(code: str = "app.alert('hello')") -> pikepdf.Dictionary:
    return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(code))


def test_a_link_inside_the_trim_is_an_error(tmp_path, font):
    report = preflight(_edited(tmp_path, font, lambda pdf: _annotation(pdf, INSIDE, A=_uri())))
    assert checks(report) == {"annotation"} and report.errors == 1
    assert only(report, "annotation") == [
        f"a Link annotation (a link to {URL}) on the printed page at 20.0 mm, {TRIM[1] / mm(1) - 30:.1f} mm from "
        "the trim's top-left; PDF/X allows only PrinterMark and TrapNet annotations there"]


def test_the_same_link_off_the_sheet_is_no_fault(tmp_path, font):
    report = preflight(_edited(tmp_path, font, lambda pdf: _annotation(pdf, OUTSIDE, A=_uri())))
    assert report.findings == [], report.text()


def test_a_printer_mark_annotation_on_the_page_is_allowed(tmp_path, font):
    report = preflight(_edited(tmp_path, font, lambda pdf: _annotation(pdf, INSIDE, "/PrinterMark")))
    assert report.findings == [], report.text()


@pytest.mark.parametrize("action, described", [
    (_javascript, "JavaScript"),
    (lambda: pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
     "a Launch action (it starts a program or opens a file)"),
])
def test_javascript_or_launch_behind_a_link_off_the_page_is_an_error(tmp_path, font, action, described):
    report = preflight(_edited(tmp_path, font, lambda pdf: _annotation(pdf, OUTSIDE, A=action())))
    assert checks(report) == {"action"}
    assert only(report, "action") == [f"a Link annotation ({described}) runs {described}; PDF/X carries no actions"]


def test_a_javascript_open_action_is_an_error(tmp_path, font):
    def open_action(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(_javascript())
    report = preflight(_edited(tmp_path, font, open_action))
    assert only(report, "action") == ["an OpenAction runs JavaScript when the file is opened; PDF/X carries no "
                                      "actions"]
    assert checks(report) == {"action"}


def test_a_document_javascript_name_tree_is_an_error(tmp_path, font):
    def scripts(pdf):
        tree = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("init"), pdf.make_indirect(_javascript())]))
        pdf.Root.Names = pikepdf.Dictionary(JavaScript=tree)
    report = preflight(_edited(tmp_path, font, scripts))
    assert checks(report) == {"javascript"}


def test_page_actions_are_an_error(tmp_path, font):
    def on_open(pdf):
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=_javascript())
    report = preflight(_edited(tmp_path, font, on_open))
    assert only(report, "action") == ["page actions (AA) on O; PDF/X carries no actions"]


def test_actions_chained_in_a_loop_are_reported_once(tmp_path, font):
    def looped(pdf):
        first = pdf.make_indirect(_javascript())
        second = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.Launch, Next=first))
        first.Next = second
        pdf.Root.OpenAction = first
    report = preflight(_edited(tmp_path, font, looped))
    assert only(report, "action") == [
        "an OpenAction runs JavaScript, then a Launch action (it starts a program or opens a file) when the file is "
        "opened; PDF/X carries no actions"]


def test_the_press_file_carries_no_annotations_or_actions(sample_build):
    report = preflight(sample_build[0])
    assert not checks(report) & {"annotation", "action", "javascript"}, report.text()
    with pikepdf.open(sample_build[0]) as pdf:
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root and "/Names" not in pdf.Root
        assert all("/Annots" not in page.obj and "/AA" not in page.obj for page in pdf.pages)
