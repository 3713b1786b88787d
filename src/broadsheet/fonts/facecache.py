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
cut from it at drawing time.  Each subset's font program is cut and
compressed once in a warm process, and kept compressed on disk beside the
face's record, so a new process building the same page cuts none.
"""
from __future__ import annotations

import functools
import hashlib
import mmap
import os
import pickle
import tempfile
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

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
# Font programs of subsets kept per face (a page has a few per face; a warm
# process rebuilding it asks for the same ones again).
SUBSETS_KEPT = 64
# Compressed subset programs kept on disk per face (about 50 KB each).
SUBSET_FILES_KEPT = 256
SUBSET_SUFFIX = ".subset"
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
    _write_atomically(entry, pickle.dumps(record, protocol=PICKLE_PROTOCOL))


def _write_atomically(entry: Path, data: bytes) -> None:
    """``data`` into ``entry`` by a temporary file renamed into place (a
    build running at once reads the old file or the new, never half of one)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=f".{entry.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, entry)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        pass


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
    flate = _KeptFlate()
    face.makeSubset = _kept_subsets(face.makeSubset, flate, entry)
    face.addSubsetObjects = _compressed_once(face.addSubsetObjects, flate)
    font = TTFont.__new__(TTFont)
    vars(font).update(record.font_state)
    font.fontName = name
    font.face = face
    font.state = WeakKeyDictionary()
    return font


def _kept_subsets(make, flate: _KeptFlate, entry: Path):
    """reportlab cuts a font program for every subset (256 characters) of a
    document it saves (17 ms for the sample page's six, and 7 ms more to
    compress them); the same subset of the same face gives the same bytes.
    So a warm process cuts each once, and the compressed program is kept on
    disk beside the face's record, for the next process; one that cannot
    be decompressed (zlib checks its sum) is cut again."""
    @functools.lru_cache(maxsize=SUBSETS_KEPT)
    def cut(subset: tuple[int, ...]) -> bytes:
        path = _subset_path(entry, subset)
        try:
            compressed = path.read_bytes()
            program = zlib.decompress(compressed)
        except (OSError, zlib.error):
            program = make(list(subset))
            _write_atomically(path, flate.encode(program))
            _prune(entry)
        else:
            flate.keep(program, compressed)
        return program
    return lambda subset: cut(tuple(subset))


def _subset_path(entry: Path, subset: tuple[int, ...]) -> Path:
    """Where a subset's compressed program is kept: named by the face's entry,
    the subset's characters and the zlib that compressed it."""
    key = f"{subset}\0{zlib.ZLIB_RUNTIME_VERSION}"
    return entry.with_name(f"{entry.stem}-{hashlib.sha256(key.encode()).hexdigest()[:20]}{SUBSET_SUFFIX}")


def _prune(entry: Path) -> None:
    """Keep the newest SUBSET_FILES_KEPT programs of a face: edits make new subsets."""
    try:
        paths = list(entry.parent.glob(f"{entry.stem}-*{SUBSET_SUFFIX}"))
        if len(paths) <= SUBSET_FILES_KEPT:
            return
        dated = sorted(paths, key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for path in dated[SUBSET_FILES_KEPT:]:
            path.unlink(missing_ok=True)
    except OSError:   # another build pruned first
        pass


def _compressed_once(add_objects, flate: _KeptFlate):
    """reportlab compresses each subset's font program as it saves a document;
    the program of a kept cut is the same bytes object build after build, so
    it is compressed once (or read compressed from disk), by the same zlib
    call: the same bytes."""

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
        self._kept: dict[bytes, bytes] = {}

    def keep(self, program: bytes, compressed: bytes) -> None:
        if len(self._kept) >= SUBSETS_KEPT:
            del self._kept[next(iter(self._kept))]   # the oldest
        self._kept[program] = compressed

    def encode(self, program: bytes) -> bytes:
        compressed = self._kept.get(program)
        if compressed is None:
            compressed = zlib.compress(program)
            self.keep(program, compressed)
        return compressed


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes, mapped (read only where a subset needs glyphs)."""
    with path.open("rb") as handle:
        try:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mmap
            return handle.read()
