"""Spot colours (专色) under their own ink names.

reportlab writes a Separation colour space for a spot colour, but mangles a
name outside ASCII (报头红 comes out as /ba5Y34~a2), and a plate named so
would reach no one.  So the canvas is given an ASCII token for each spot, and
once the file is written the token is replaced by the ink's own name (PDF
names are bytes; non-ASCII names are written as UTF-8, #-escaped).
"""
from __future__ import annotations

import hashlib

import pikepdf

TOKEN_PREFIX = "BroadsheetSpot"
TOKEN_DIGITS = 12
SEPARATION = "/Separation"


def spot_token(name: str) -> str:
    """The ASCII stand-in the canvas writes for spot ink ``name`` (stable, so builds are identical)."""
    return TOKEN_PREFIX + hashlib.sha256(name.encode("utf-8")).hexdigest()[:TOKEN_DIGITS]


def name_spots(pdf: pikepdf.Pdf, names: set[str]) -> None:
    """Give every Separation colour space the canvas wrote its ink's own name."""
    real = {"/" + spot_token(name): name for name in names}
    for page in pdf.pages:
        spaces = page.obj.get("/Resources", {}).get("/ColorSpace", {})
        for space in spaces.values():
            if isinstance(space, pikepdf.Array) and len(space) > 1 and str(space[0]) == SEPARATION \
                    and str(space[1]) in real:
                space[1] = pikepdf.Name("/" + real[str(space[1])])
