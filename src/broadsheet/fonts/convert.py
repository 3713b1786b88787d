"""Convert OpenType/CFF outlines to TrueType (glyf) outlines, which reportlab embeds.

Shared by the maintainer's font build script and by the font cache, which
converts a CFF font a layout names (once; the result is cached by content hash).
"""
from __future__ import annotations

import hashlib
import os
import struct
import tempfile
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Largest distance (font units) between a cubic curve and its quadratic
# approximation: 1/1000 em is far below a newsprint dot at any text size.
CU2QU_MAX_ERROR = 1.0
TRUETYPE_SFNT_VERSION = "\x00\x01\x00\x00"
_UNHINTED_MAXP_FIELDS = ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                         "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                         "maxComponentElements", "maxComponentDepth")


def cff_to_glyf(font: TTFont) -> None:
    """Replace a font's CFF outlines by quadratic TrueType outlines, in place."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in _UNHINTED_MAXP_FIELDS:
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = TRUETYPE_SFNT_VERSION


_COLLECTION_TAG = b"ttcf"
_CFF_SFNT_VERSION = b"OTTO"
_OFFSET = struct.Struct(">I")
# A collection's header: its tag, version and face count, then one offset per face.
_COLLECTION_HEADER_BYTES = 12


def is_cff(path: Path, face_index: int = 0) -> bool:
    """Whether a font (or a face of a collection) has CFF outlines, read from
    its sfnt version tag alone: the check runs on every build, for every face."""
    with path.open("rb") as handle:
        head = handle.read(_COLLECTION_HEADER_BYTES + _OFFSET.size * (face_index + 1))
        tag = head[:len(_COLLECTION_TAG)]
        if tag == _COLLECTION_TAG:
            (offset,) = _OFFSET.unpack_from(head, _COLLECTION_HEADER_BYTES + _OFFSET.size * face_index)
            handle.seek(offset)
            return handle.read(len(_CFF_SFNT_VERSION)) == _CFF_SFNT_VERSION
        return tag == _CFF_SFNT_VERSION


def cached_truetype(path: Path, face_index: int, cache_dir: Path) -> Path:
    """A TrueType-outline copy of a CFF font, converted once and kept by content hash."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = cache_dir / f"{path.stem}-{face_index}-{digest}.ttf"
    if target.exists():
        return target
    from fontTools.ttLib import TTFont
    cache_dir.mkdir(parents=True, exist_ok=True)
    font = TTFont(path, fontNumber=face_index)
    cff_to_glyf(font)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".part")
    os.close(handle)
    font.save(temporary)
    os.replace(temporary, target)
    return target
