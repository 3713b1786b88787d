"""Finish reportlab's output as PDF/X-1a:2003 for newsprint (pikepdf).

reportlab cannot write an OutputIntent or the PDF/X keys (its catalog takes a
fixed list of entries), so they are added after it saves.  The output
condition is the registered ICC characterisation of coldset newsprint
(ISO 12647-3, "IFRA26"): PDF/X-1a lets a registered condition stand without
an embedded profile, and we know of no newsprint ICC profile whose licence
lets us ship it.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pikepdf

PDFX_VERSION = "PDF/X-1a:2003"
PDF_VERSION = "1.4"   # PDF/X-1a:2003 is based on PDF 1.4
OUTPUT_CONDITION_IDENTIFIER = "IFRA26"
OUTPUT_CONDITION = "Coldset offset on newsprint (ISO 12647-3:2013), 26% dot gain"
REGISTRY = "http://www.color.org"


def pdf_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def finish_pdfx(source: Path, target: Path, title: str, moment: datetime) -> None:
    """Add OutputIntent, PDF/X version, trapping key and fixed dates; write a
    deterministic document ID (same input bytes → same output bytes)."""
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
        info.Title = pikepdf.String(title)
        info.Creator = pikepdf.String("broadsheet")
        info.Producer = pikepdf.String("broadsheet (reportlab, pikepdf)")
        info.CreationDate = pikepdf.String(stamp)
        info.ModDate = pikepdf.String(stamp)
        info.Trapped = pikepdf.Name.False_
        info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        info.GTS_PDFXConformance = pikepdf.String(PDFX_VERSION)
        pdf.trailer.Info = info
        pdf.save(target, force_version=PDF_VERSION, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
