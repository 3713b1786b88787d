"""PDF/X markers and what PDF/X-1a forbids (ISO 15930-4).

A PDF/X file declares itself (GTS_PDFXVersion), its printing condition (one
OutputIntent of subtype GTS_PDFX naming a registered characterisation or
embedding a profile), and carries Title, CreationDate, ModDate, Trapped
(True or False) and a document ID.  PDF/X-1a also forbids transparency and
encryption and fixes the PDF version.
"""
from __future__ import annotations

import pikepdf

from .findings import Finding, Severity
from .resources import all_resources

ERROR = Severity.ERROR
# The newest PDF version each PDF/X part is based on (GTS_PDFXVersion values).
BASE_PDF_VERSION = {"PDF/X-1:2001": "1.3", "PDF/X-1a:2003": "1.4", "PDF/X-3:2002": "1.3", "PDF/X-3:2003": "1.4"}
REQUIRED_INFO = ("/Title", "/CreationDate", "/ModDate")
TRAPPED_VALUES = {"/True", "/False"}
OPAQUE = 1.0
OPAQUE_BLEND_MODES = {"/Normal", "/Compatible"}


def check_conformance(pdf: pikepdf.Pdf) -> list[Finding]:
    findings = _markers(pdf) + _output_intent(pdf)
    if pdf.is_encrypted:
        findings.append(Finding(ERROR, "structure", "the file is encrypted; PDF/X forbids encryption"))
    for number, page in enumerate(pdf.pages, 1):
        findings += [Finding(ERROR, "transparency", message, number) for message in sorted(transparency(page))]
    return findings


def _markers(pdf: pikepdf.Pdf) -> list[Finding]:
    findings = []
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    version = str(info.get("/GTS_PDFXVersion", ""))
    if not version.startswith("PDF/X-"):
        findings.append(Finding(ERROR, "pdfx-version", "no PDF/X version (GTS_PDFXVersion) in the document "
                                                       "information: the file does not claim PDF/X"
                                if not version else f"GTS_PDFXVersion {version!r} names no PDF/X version"))
    elif version in BASE_PDF_VERSION and pdf.pdf_version > BASE_PDF_VERSION[version]:
        findings.append(Finding(ERROR, "pdf-version", f"PDF {pdf.pdf_version} is newer than {version} allows "
                                                      f"({BASE_PDF_VERSION[version]})"))
    for key in REQUIRED_INFO:
        if not str(info.get(key, "")):
            findings.append(Finding(ERROR, "pdfx-info", f"no {key[1:]} in the document information "
                                                        "(PDF/X requires it)"))
    trapped = str(info.get("/Trapped", ""))
    if trapped not in TRAPPED_VALUES:
        findings.append(Finding(ERROR, "pdfx-info", f"Trapped is {trapped or 'missing'}; PDF/X needs /True or "
                                                    "/False"))
    if "/ID" not in pdf.trailer:
        findings.append(Finding(ERROR, "document-id", "no document ID in the trailer (PDF/X requires one)"))
    return findings


def _output_intent(pdf: pikepdf.Pdf) -> list[Finding]:
    intents = [intent for intent in pdf.Root.get("/OutputIntents", []) if intent.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        return [Finding(ERROR, "output-intent", "no PDF/X OutputIntent (/S /GTS_PDFX): the printing condition "
                                                "is not declared" if not intents else
                        f"{len(intents)} PDF/X OutputIntents; PDF/X allows one")]
    intent = intents[0]
    findings = []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        findings.append(Finding(ERROR, "output-intent", "the OutputIntent has no OutputConditionIdentifier"))
    if "/DestOutputProfile" not in intent and not str(intent.get("/RegistryName", "")):
        findings.append(Finding(ERROR, "output-intent", "the OutputIntent neither embeds a profile "
                                                        "(DestOutputProfile) nor names a registered "
                                                        "characterisation (RegistryName)"))
    return findings


def transparency(page: pikepdf.Page) -> set[str]:
    """What makes the page transparent, in words (PDF/X-1a has no transparency)."""
    found = set()
    if _transparency_group(page.obj):
        found.add("the page is a transparency group")
    for resources in all_resources(page):
        for state in resources.get("/ExtGState", {}).values():
            if str(state.get("/SMask", "/None")) != "/None":
                found.add("a graphics state sets a soft mask (SMask)")
            for key in ("/CA", "/ca"):
                if float(state.get(key, OPAQUE)) < OPAQUE:
                    found.add(f"a graphics state sets opacity {key[1:]} {float(state[key]):g}")
            blend = state.get("/BM", pikepdf.Name.Normal)
            modes = [str(mode) for mode in blend] if isinstance(blend, pikepdf.Array) else [str(blend)]
            if not set(modes) <= OPAQUE_BLEND_MODES:
                found.add(f"a graphics state sets blend mode {modes[0]}")
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Image" and ("/SMask" in xobject or xobject.get("/SMaskInData", 0)):
                found.add("an image has a soft mask (SMask)")
            if xobject.get("/Subtype") == "/Form" and _transparency_group(xobject):
                found.add("a form is a transparency group")
    return found


def _transparency_group(obj: pikepdf.Object) -> bool:
    group = obj.get("/Group")
    return group is not None and group.get("/S") == "/Transparency"
