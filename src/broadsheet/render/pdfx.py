"""Finish reportlab's output as PDF/X-1a:2003 (ISO 15930-4) for newsprint, with pikepdf.

Why PDF/X-1a and not PDF/X-4: everything we draw is 100% K vector art and
type, with no transparency and no colour management to carry, which is
exactly X-1a's scope; newspaper plants and ad portals take X-1a everywhere.
X-4 (the base of the Ghent Workgroup's newspaper specs) would oblige us to
embed an ICC output profile, and we know of no newsprint profile whose licence
lets us ship it (Debian's icc-profiles-free has none).  X-1a lets the
OutputIntent name a characterisation registered with the ICC instead.

The output condition is IFRA26, the ICC-registered characterisation of coldset
offset on newsprint (ISO 12647-3, 26% tone value increase), the data behind
the ISOnewspaper26v4 profile and its 240% coverage limit.  RegistryName points
to the ICC registry; no DestOutputProfile is embedded.

Where each key goes (reportlab cannot write any of them: its catalog takes a
fixed list of entries):

- Catalog: ``OutputIntents``, one dictionary, ``/S /GTS_PDFX`` with
  ``OutputConditionIdentifier``, ``OutputCondition``, ``RegistryName``, ``Info``.
- Info: ``GTS_PDFXVersion (PDF/X-1a:2003)`` (the 2003 edition names the
  conformance level in the version; ``GTS_PDFXConformance`` belonged to
  X-1a:2001 and is not written), ``Title``, ``CreationDate`` and ``ModDate``
  (fixed by the caller, so builds are reproducible), ``Trapped /False`` (we
  do not trap; the RIP may).
- Trailer: ``ID``, derived from the content (pikepdf ``deterministic_id``).
- Header: PDF 1.4, the version X-1a:2003 is based on.
"""
from __future__ import annotations

import base64
from datetime import datetime, timezone
from pathlib import Path

# Info keys reportlab fills with placeholders when nobody sets them: we have
# nothing true to say there, so they go.
REPORTLAB_PLACEHOLDERS = ("/Author", "/Subject", "/Keywords")
PDFX_VERSION = "PDF/X-1a:2003"
PDF_VERSION = "1.4"
OUTPUT_CONDITION_IDENTIFIER = "IFRA26"
OUTPUT_CONDITION = "Coldset offset on newsprint (ISO 12647-3), 26% tone value increase"
REGISTRY = "http://www.color.org"
CREATOR = "broadsheet"
PRODUCER = "broadsheet (reportlab, pikepdf)"
ASCII85_JPEG = ["/ASCII85Decode", "/DCTDecode"]
ASCII85_END = b"~>"
ASCII85_WHITE_SPACE = b" \t\n\r\x0b"


def pdf_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def _unwrap_images(pdf: pikepdf.Pdf) -> None:
    """reportlab wraps JPEG images in ASCII85 (a quarter larger): keep the JPEG bytes alone."""
    import pikepdf
    for page in pdf.pages:
        for image in page.Resources.get("/XObject", {}).values():
            filters = image.get("/Filter")
            if (image.get("/Subtype") == "/Image" and isinstance(filters, pikepdf.Array)
                    and [str(name) for name in filters] == ASCII85_JPEG):
                encoded = image.read_raw_bytes().strip().removesuffix(ASCII85_END)
                image.write(base64.a85decode(encoded, ignorechars=ASCII85_WHITE_SPACE), filter=pikepdf.Name.DCTDecode)


def finish_pdfx(source: Path, target: Path, title: str, moment: datetime) -> None:
    """Add the OutputIntent and the PDF/X keys with fixed dates; write a
    deterministic document ID (same input bytes → same output bytes)."""
    import pikepdf  # loaded by the command that writes a file, not by composing
    with pikepdf.open(source) as pdf:
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION_IDENTIFIER),
            OutputCondition=pikepdf.String(OUTPUT_CONDITION),
            RegistryName=pikepdf.String(REGISTRY),
            Info=pikepdf.String(OUTPUT_CONDITION),
        )
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        stamp = pdf_date(moment)
        info = pdf.trailer.Info if "/Info" in pdf.trailer else pdf.make_indirect(pikepdf.Dictionary())
        for page in pdf.pages:  # reportlab writes an empty page transition (a viewer effect)
            if "/Trans" in page.obj and len(page.obj.Trans) == 0:
                del page.obj["/Trans"]
        _unwrap_images(pdf)
        for placeholder in REPORTLAB_PLACEHOLDERS:  # reportlab's "anonymous", "unspecified", ""
            if placeholder in info:
                del info[placeholder]
        info.Title = pikepdf.String(title)
        info.Creator = pikepdf.String(CREATOR)
        info.Producer = pikepdf.String(PRODUCER)
        info.CreationDate = pikepdf.String(stamp)
        info.ModDate = pikepdf.String(stamp)
        info.Trapped = pikepdf.Name("/False")
        info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        pdf.trailer.Info = info
        pdf.save(target, force_version=PDF_VERSION, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
