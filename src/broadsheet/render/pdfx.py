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
to the ICC registry; no DestOutputProfile is embedded.  Many RIPs want the
profile itself: a layout's ``press: {output_profile: printer.icc}`` embeds
the printer's CMYK output profile as the DestOutputProfile, under the
identifier ``Custom`` and the profile's own description.

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
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..source.colour import profile_description

if TYPE_CHECKING:
    import pikepdf

# Info keys reportlab fills with placeholders when nobody sets them: we have
# nothing true to say there, so they go.
REPORTLAB_PLACEHOLDERS = ("/Author", "/Subject", "/Keywords")
PDFX_VERSION = "PDF/X-1a:2003"
PDF_VERSION = "1.4"
OUTPUT_CONDITION_IDENTIFIER = "IFRA26"
OUTPUT_CONDITION = "Coldset offset on newsprint (ISO 12647-3), 26% tone value increase"
REGISTRY = "http://www.color.org"
# An embedded profile that is not a registered condition is named so (ISO 15930).
CUSTOM_CONDITION_IDENTIFIER = "Custom"
CMYK_COMPONENTS = 4
CREATOR = "broadsheet"
PRODUCER = "broadsheet (reportlab, pikepdf)"
ASCII85_JPEG = ["/ASCII85Decode", "/DCTDecode"]
ASCII85_END = b"~>"
ASCII85_WHITE_SPACE = b" \t\n\r\x0b"
FLATE = "/FlateDecode"
DCT = "/DCTDecode"
# The filters qpdf undoes to recompress a stream as Flate (its "generalized" decode level).
GENERALISED_FILTERS = frozenset({"/ASCII85Decode", "/ASCIIHexDecode", "/LZWDecode", "/RunLengthDecode", FLATE})


def pdf_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def _unwrap_images(pdf: pikepdf.Pdf) -> None:
    """reportlab wraps JPEG images in ASCII85 (a quarter larger) by default
    (``draw_pages`` turns that off; a canvas drawn elsewhere may not): keep
    the JPEG bytes alone."""
    import pikepdf
    for page in pdf.pages:
        for image in page.Resources.get("/XObject", {}).values():
            filters = image.get("/Filter")
            if (image.get("/Subtype") == "/Image" and isinstance(filters, pikepdf.Array)
                    and [str(name) for name in filters] == ASCII85_JPEG):
                encoded = image.read_raw_bytes().strip().removesuffix(ASCII85_END)
                image.write(base64.a85decode(encoded, ignorechars=ASCII85_WHITE_SPACE), filter=pikepdf.Name.DCTDecode)


def _output_intent(pdf: pikepdf.Pdf, output_profile: Path | None) -> pikepdf.Dictionary:
    import pikepdf
    if output_profile is None:
        return pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION_IDENTIFIER),
            OutputCondition=pikepdf.String(OUTPUT_CONDITION),
            RegistryName=pikepdf.String(REGISTRY),
            Info=pikepdf.String(OUTPUT_CONDITION),
        )
    description = profile_description(output_profile)
    profile = pikepdf.Stream(pdf, output_profile.read_bytes())
    profile.N = CMYK_COMPONENTS
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(CUSTOM_CONDITION_IDENTIFIER),
        OutputCondition=pikepdf.String(description), Info=pikepdf.String(description),
        DestOutputProfile=pdf.make_indirect(profile),
    )


def write_pdfx(pdf: pikepdf.Pdf, target: Path, title: str, moment: datetime, output_profile: Path | None = None,
               ) -> None:
    """Save ``pdf`` as ``target`` with the OutputIntent (the printer's
    ``output_profile`` embedded, else the registered IFRA26 condition) and
    the PDF/X keys with fixed dates, and a deterministic document ID (same
    input bytes → same output bytes)."""
    import pikepdf  # loaded by the command that writes a file, not by composing
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(_output_intent(pdf, output_profile))])
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
    _compress_streams(pdf)
    pdf.save(target, force_version=PDF_VERSION, deterministic_id=True, compress_streams=False,
             object_stream_mode=pikepdf.ObjectStreamMode.disable)


def _compress_streams(pdf: pikepdf.Pdf) -> None:
    """Flate-compress the streams that are not (an embedded profile, the q/Q
    around supplied forms) or are only wrapped (ASCII85), as qpdf's ``compress_streams`` would, at the same zlib level, so
    the bytes are the same; and leave the streams already in Flate alone
    (the font programs), which qpdf decodes and compresses again: that took
    10 of the 12 ms of saving the sample page."""
    import pikepdf
    for stream in pdf.objects:
        if not isinstance(stream, pikepdf.Stream):
            continue
        filters = stream.get("/Filter")
        names = [] if filters is None else [str(filters)] if isinstance(filters, pikepdf.Name) else \
            [str(name) for name in filters]
        if "/DecodeParms" in stream:
            continue   # a predictor or other parameters: kept as the file has them
        if names in ([FLATE], [DCT]):
            stream.Filter = pikepdf.Name(names[0])   # as qpdf writes it: the name, not a one-name array
        elif set(names) <= GENERALISED_FILTERS:
            stream.write(zlib.compress(stream.read_bytes()), filter=pikepdf.Name(FLATE))
