"""Parsed faces on disk: a cold start reads a face's tables back instead of parsing TrueType.

reportlab parses a face's name, head, cmap, hmtx and loca tables in Python in
every process that uses it (≈ 11 ms a face here, four or five faces a page),
and the line breaker's metrics are derived from them.  Both are kept in the
user cache folder, one file a face, named by the font file's path, size and
modification time, the face's index, and the versions of reportlab and of
this format: a changed font or library is parsed afresh.

A file is written under a temporary name and renamed into place, so builds
running at once never read half a file; one that cannot be read (truncated,
corrupt, from another version) is parsed again and written anew.  The cache
folder is the user's own, trusted as Python's bytecode cache is (the files
are pickles).  The font file itself is mapped, not read, when a subset is
cut from it at drawing time (``embedding`` keeps what is cut).
"""
from __future__ import annotations

import hashlib
import mmap
import pickle
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..diskcache import write_atomically
from ..text.metrics import FontMetrics

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

# Bump when what a record holds changes: older files are then parsed afresh.
FORMAT = 2
PICKLE_PROTOCOL = 5
# What a record leaves out of reportlab's parsed face: the file's bytes
# (mapped again on load), a scaling lambda (rebuilt from unitsPerEm), and
# the glyph → characters table, which only the parse itself reads.
_FACE_SKIPPED = ("_ttf_data", "_pdfScale", "glyphToChar")
# What it leaves out of the TTFont: its face, and per-document subset state.
_FONT_SKIPPED = ("face", "state")
# reportlab's metrics are in thousandths of an em.
_REPORTLAB_UNITS_PER_EM = 1000


@dataclass
class FaceRecord:
    """One face as parsed: reportlab's font and face attributes, and our metrics."""
    font_state: dict
    face_state: dict
    metrics: FontMetrics
    dash_ink: tuple[float, float] | None


def entry_path(cache_dir: Path, font_path: Path, face_index: int) -> Path:
    """The cache file for one face of one version of a font file."""
    from reportlab import Version
    stat = font_path.stat()
    key = "\0".join(map(str, (font_path.resolve(), face_index, stat.st_size, stat.st_mtime_ns, Version, FORMAT)))
    return cache_dir / f"{font_path.stem}-{face_index}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.face"


def record_of(ttfont: TTFont, metrics: FontMetrics, dash_ink: tuple[float, float] | None) -> FaceRecord:
    face_state = {key: value for key, value in vars(ttfont.face).items() if key not in _FACE_SKIPPED}
    face_state["hmetrics"] = array("i", chain.from_iterable(ttfont.face.hmetrics))
    return FaceRecord({key: value for key, value in vars(ttfont).items() if key not in _FONT_SKIPPED},
                      face_state, metrics, dash_ink)


class _Pairs(Sequence):
    """reportlab's list of (advance width, left side bearing) per glyph, read
    from one flat array: unpickling 10,000 tuples a face set off garbage
    collections that scanned the whole process (12 ms of a cold build)."""

    def __init__(self, flat: array) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        if not 0 <= glyph < len(self):
            raise IndexError(glyph)
        return self._flat[2 * glyph], self._flat[2 * glyph + 1]


def read_record(entry: Path) -> FaceRecord | None:
    """The record in ``entry``; None if there is none or it cannot be read."""
    try:
        with entry.open("rb") as handle:
            record = pickle.load(handle)
    except Exception:  # missing, or truncated or foreign: unpickling raises any kind of error
        return None
    return record if isinstance(record, FaceRecord) else None


def write_record(entry: Path, record: FaceRecord) -> None:
    """Write atomically; a cache that cannot be written (read-only home, full
    disk) only costs the next start time."""
    write_atomically(entry, pickle.dumps(record, protocol=PICKLE_PROTOCOL))


def restored(record: FaceRecord, name: str, font_path: Path, entry: Path) -> TTFont:
    """A reportlab TTFont equal to a fresh parse of ``font_path``, from its
    record (``entry``, beside which its subsets' font programs are kept)."""
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(record.face_state)
    face.hmetrics = _Pairs(record.face_state["hmetrics"])
    face.filename = str(font_path)
    face._ttf_data = _mapped(font_path)
    units = face.unitsPerEm
    face._pdfScale = (lambda x: x) if units == _REPORTLAB_UNITS_PER_EM else (
        lambda x, factor=_REPORTLAB_UNITS_PER_EM / units: x * factor)
    font = TTFont.__new__(TTFont)
    vars(font).update(record.font_state)
    font.fontName = name
    font.face = face
    font.state = WeakKeyDictionary()
    from .embedding import keep_embedding   # reportlab's PDF objects, loaded with reportlab
    keep_embedding(font, entry)
    return font


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes, mapped (read only where a subset needs glyphs)."""
    with path.open("rb") as handle:
        try:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mmap
            return handle.read()
