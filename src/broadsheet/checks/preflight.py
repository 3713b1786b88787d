"""``broadsheet preflight FILE.pdf``: the checks a newspaper plant runs before it plates a page.

pikepdf reads the structure and the content streams, pdfium lays out the text
and renders the ink plates.  Each check lives in its own module:

- ``conformance``: PDF/X markers, OutputIntent, Info keys, document ID, no transparency
- ``actions``: no annotations on the printed area but the press's own, no actions or JavaScript
- ``fonts``: every font embedded and subset
- ``boxes``: TrimBox and BleedBox present and nested
- ``painting``: colour spaces, 100% K text, black overprint, type size, hairlines, image resolution
- ``placement``: text inside the trim minus the safe margin
- ``coverage``: total area coverage, by rendering each ink's plate
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2

from .actions import check_annotations, check_document_actions
from .boxes import PageBoxes, page_boxes
from .conformance import check_conformance
from .coverage import measure_coverage
from .findings import Finding, Place, Report, Severity
from .fonts import check_fonts
from .limits import DEFAULT_LIMITS, Limits
from .painting import PagePainting
from .placement import check_placement


def preflight(path: Path, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Check the PDF at ``path``; the report lists every finding, errors first per page."""
    report = Report(str(path))
    try:
        source = Path(path).read_bytes()
        pdf = pikepdf.open(path)
    except (OSError, pikepdf.PdfError) as error:
        report.findings.append(Finding(Severity.ERROR, "structure", f"cannot be read as a PDF: {error}"))
        return report
    with pdf:
        boxes: list[PageBoxes] = []
        findings = _guarded("the document", lambda: _structure(pdf, limits, boxes))
        if len(boxes) == len(pdf.pages):   # the rendering checks need every page's boxes
            findings += _guarded("text placement", lambda: _placement(source, boxes, limits))
            findings += _guarded("ink coverage", lambda: _coverage(source, boxes, limits))
        repairs = pdf.get_warnings()
        if repairs:
            findings.append(Finding(Severity.ERROR, "structure", f"the file is damaged: {len(repairs)} problems "
                                                                 f"repaired on reading, the first: {repairs[0]}"))
    report.findings = sorted(findings, key=lambda finding: (finding.page or 0,
                                                            finding.severity is not Severity.ERROR))
    return report


def _guarded(what: str, check: Callable[[], list[Finding]], page: int | None = None) -> list[Finding]:
    """Run one family of checks; a file malformed enough to break it is reported, not crashed on."""
    try:
        return check()
    except Exception as error:  # noqa: BLE001 — whatever a broken file raises must end as a finding
        return [Finding(Severity.ERROR, "structure", f"{what} cannot be checked: {type(error).__name__}: {error}",
                        page)]


def _structure(pdf: pikepdf.Pdf, limits: Limits, boxes: list[PageBoxes]) -> list[Finding]:
    """The document and page checks that read the file itself; fills ``boxes`` page by page."""
    findings = check_conformance(pdf) + check_fonts(pdf) + check_document_actions(pdf)
    for number, page in enumerate(pdf.pages, 1):
        page_box, box_findings = page_boxes(page, number)
        boxes.append(page_box)
        findings += box_findings
        findings += check_annotations(page, number, page_box.trim, page_box.printing)
        painting = PagePainting(page, number, limits, page_box.trim, page_box.printing)
        findings += _guarded("the content", lambda: painting.check().findings(), number)
    return findings


def _placement(source: bytes, boxes: list[PageBoxes], limits: Limits) -> list[Finding]:
    document = pypdfium2.PdfDocument(source)
    try:
        return check_placement(document, boxes, limits.safe_margin_pt)
    finally:
        document.close()


def _coverage(source: bytes, boxes: list[PageBoxes], limits: Limits) -> list[Finding]:
    findings = []
    results = measure_coverage(source, [box.media for box in boxes], [box.printing for box in boxes],
                               limits.tac_percent)
    for number, (result, box) in enumerate(zip(results, boxes), 1):
        if result.first_over is not None:
            x, y = result.first_over
            findings.append(Finding(Severity.ERROR, "tac", f"ink coverage up to {result.max_percent:.0f}% on "
                                                           f"{result.over_area_mm2:.1f} mm², over the "
                                                           f"{limits.tac_percent:g}% limit (first at "
                                                           f"{Place(x - box.trim.x0, box.trim.y1 - y)})", number))
        if result.unmeasured:
            findings.append(Finding(Severity.WARNING, "tac-unmeasured", "coverage not measured for "
                                                                        + ", ".join(sorted(result.unmeasured)),
                                    number))
    return findings
