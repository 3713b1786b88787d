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
cut from it at drawing time, and a warm process cuts and compresses each
subset once.
"""
from __future__ import annotations

import functools
import hashlib
import mmap
import os
import pickle
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..text.metrics import FontMetrics

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

# Bump when what a record holds changes: older files are then parsed afresh.
FORMAT = 1
PICKLE_PROTOCOL = 5
# What a record leaves out of reportlab's parsed face: the file's bytes
# (mapped again on load), a scaling lambda (rebuilt from unitsPerEm), and
# the glyph → characters table, which only the parse itself reads.
_FACE_SKIPPED = ("_ttf_data", "_pdfScale", "glyphToChar")
# What it leaves out of the TTFont: its face, and per-document subset state.
_FONT_SKIPPED = ("face", "state")
# Font programs of subsets kept per face (a page has a few per face; a warm
# process rebuilding it asks for the same ones again).
SUBSETS_KEPT = 64
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
    return FaceRecord({key: value for key, value in vars(ttfont).items() if key not in _FONT_SKIPPED},
                      {key: value for key, value in vars(ttfont.face).items() if key not in _FACE_SKIPPED},
                      metrics, dash_ink)


def read_record(entry: Path) -> FaceRecord | None:
    """The record in ``entry``; None if there is none or it cannot be read."""
    try:
        with entry.open("rb") as handle:
            record = pickle.load(handle)
    except Exception:  # missing, or truncated or foreign: unpickling raises any kind of error
        return None
    return record if isinstance(record, FaceRecord) else None


def write_record(entry: Path, record: FaceRecord) -> None:
    """Write atomically (a temporary file renamed into place); a cache that
    cannot be written (read-only home, full disk) only costs the next start time."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(record, out, protocol=PICKLE_PROTOCOL)
            os.replace(temporary, entry)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        pass


def restored(record: FaceRecord, name: str, font_path: Path) -> TTFont:
    """A reportlab TTFont equal to a fresh parse of ``font_path``, from its record."""
    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(record.face_state)
    face.filename = str(font_path)
    face._ttf_data = _mapped(font_path)
    units = face.unitsPerEm
    face._pdfScale = (lambda x: x) if units == _REPORTLAB_UNITS_PER_EM else (
        lambda x, factor=_REPORTLAB_UNITS_PER_EM / units: x * factor)
    face.makeSubset = _kept_subsets(face.makeSubset)
    face.addSubsetObjects = _compressed_once(face.addSubsetObjects)
    font = TTFont.__new__(TTFont)
    vars(font).update(record.font_state)
    font.fontName = name
    font.face = face
    font.state = WeakKeyDictionary()
    return font


def _kept_subsets(make):
    """reportlab cuts a font program for every subset (256 characters) of a
    document it saves; the same subset of the same face gives the same bytes,
    so a warm process rebuilding a page cuts each only once."""
    @functools.lru_cache(maxsize=SUBSETS_KEPT)
    def cut(subset: tuple[int, ...]) -> bytes:
        return make(list(subset))
    return lambda subset: cut(tuple(subset))


def _compressed_once(add_objects):
    """reportlab compresses each subset's font program as it saves a document
    (6 of the sample page's 17 ms of drawing); the program of a kept cut is
    the same bytes object build after build, so it is compressed once, by
    the same zlib call: the same bytes."""
    flate = _KeptFlate()

    def add(doc, font_name: str, subset: list[int]):
        reference = add_objects(doc, font_name, subset)
        if doc.compression:
            descriptor = doc.idToObject[reference.name]
            doc.idToObject[descriptor.dict["FontFile2"].name].filters = [flate]
        return reference
    return add


class _KeptFlate:
    """reportlab's Flate stream filter, keeping what it compressed last."""
    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self.encode = functools.lru_cache(maxsize=SUBSETS_KEPT)(zlib.compress)


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes, mapped (read only where a subset needs glyphs)."""
    with path.open("rb") as handle:
        try:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mmap
            return handle.read()
